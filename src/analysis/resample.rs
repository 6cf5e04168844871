//! Fast resizing of grey images, for measurements that need a fixed size.
//! `image::imageops::resize` works in f32 over generic pixels and allocates an
//! intermediate per call; these do the same job in integers, several times faster.

use image::GrayImage;

/// Fixed-point weight scale: weights of one output pixel sum to this.
const ONE: u32 = 1 << 14;

/// The taps of a 1-D triangle (linear) filter from `input` samples to `output`,
/// widened by the scale when shrinking so every input sample counts (the same
/// filter as `FilterType::Triangle`). Per output: first input index and weights.
fn triangle_taps(input: usize, output: usize) -> Vec<(usize, Vec<u16>)> {
    let ratio = input as f32 / output as f32;
    let support = ratio.max(1.0);
    (0..output)
        .map(|o| {
            let centre = (o as f32 + 0.5) * ratio;
            let lo = ((centre - support).floor().max(0.0)) as usize;
            let hi = ((centre + support).ceil() as usize).min(input);
            let raw: Vec<f32> = (lo..hi)
                .map(|i| (1.0 - ((i as f32 + 0.5 - centre) / support).abs()).max(0.0))
                .collect();
            let total: f32 = raw.iter().sum();
            let mut weights: Vec<u16> = raw
                .iter()
                .map(|w| (w / total.max(f32::EPSILON) * ONE as f32).round() as u16)
                .collect();
            // Rounding may leave the sum a unit off: give the rest to the largest.
            let sum: u32 = weights.iter().map(|&w| u32::from(w)).sum();
            if let Some(max) = weights.iter_mut().max() {
                *max = (u32::from(*max) + ONE).saturating_sub(sum) as u16;
            }
            (lo, weights)
        })
        .collect()
}

/// Resizes to `nw`×`nh` with a triangle filter, in integers: columns first
/// (whole rows at a time, which vectorises), then along the fewer rows left.
pub fn resize_triangle(grey: &GrayImage, nw: u32, nh: u32) -> GrayImage {
    let (w, h) = (grey.width() as usize, grey.height() as usize);
    let (nw, nh) = (nw.max(1) as usize, nh.max(1) as usize);
    if w == 0 || h == 0 {
        return GrayImage::new(nw as u32, nh as u32);
    }
    let raw = grey.as_raw();
    // Vertical pass, kept as 16-bit values ×256 for the horizontal one.
    let mut rows = vec![0u16; w * nh];
    let mut acc = vec![0u32; w];
    for (dst, (start, weights)) in rows.chunks_exact_mut(w).zip(triangle_taps(h, nh)) {
        acc.iter_mut().for_each(|a| *a = 0);
        for (k, &wt) in weights.iter().enumerate() {
            let src = &raw[(start + k) * w..(start + k + 1) * w];
            // 16-bit factors: the widening multiply vectorises on baseline x86-64.
            let wt = u32::from(wt);
            for (a, &v) in acc.iter_mut().zip(src) {
                *a += u32::from(v) * wt;
            }
        }
        for (d, &a) in dst.iter_mut().zip(&acc) {
            *d = ((a + (ONE >> 9)) >> 6) as u16;
        }
    }
    let x_taps = triangle_taps(w, nw);
    let mut out = vec![0u8; nw * nh];
    // ×256 from the first pass, ×ONE from these weights.
    let to_u8 = |a: u32| ((a + (ONE << 7)) >> 22).min(255) as u8;
    if let Some(padded) = padded_taps(&x_taps, w) {
        // Eight taps each, zeros included: a fixed-length dot product vectorises.
        for (src, dst) in rows.chunks_exact(w).zip(out.chunks_exact_mut(nw)) {
            for (d, (start, weights)) in dst.iter_mut().zip(&padded) {
                let src = &src[*start..*start + PADDED_TAPS];
                *d = to_u8(
                    (0..PADDED_TAPS)
                        .map(|k| u32::from(src[k]) * u32::from(weights[k]))
                        .sum(),
                );
            }
        }
    } else {
        for (src, dst) in rows.chunks_exact(w).zip(out.chunks_exact_mut(nw)) {
            for (d, (start, weights)) in dst.iter_mut().zip(&x_taps) {
                let a: u32 = src[*start..*start + weights.len()]
                    .iter()
                    .zip(weights)
                    .map(|(&v, &wt)| u32::from(v) * u32::from(wt))
                    .sum();
                *d = to_u8(a);
            }
        }
    }
    GrayImage::from_raw(nw as u32, nh as u32, out).unwrap_or_default()
}

/// Taps per output in the padded form: enough for shrinking up to ~3.5×.
const PADDED_TAPS: usize = 8;

/// The taps as exactly [`PADDED_TAPS`] weights each, zeros around the real
/// ones, each window moved inside a `len`-sample row; `None` when a filter is
/// wider or the row shorter.
fn padded_taps(taps: &[(usize, Vec<u16>)], len: usize) -> Option<Vec<(usize, [u16; PADDED_TAPS])>> {
    if len < PADDED_TAPS || taps.iter().any(|(_, w)| w.len() > PADDED_TAPS) {
        return None;
    }
    Some(
        taps.iter()
            .map(|(start, weights)| {
                let at = (*start).min(len - PADDED_TAPS);
                let mut padded = [0u16; PADDED_TAPS];
                padded[start - at..start - at + weights.len()].copy_from_slice(weights);
                (at, padded)
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resizing_keeps_flat_grey_and_follows_the_image_crate() {
        let flat = GrayImage::from_pixel(640, 360, image::Luma([77]));
        let r = resize_triangle(&flat, 480, 270);
        assert_eq!(r.dimensions(), (480, 270));
        assert!(r.pixels().all(|p| p.0[0] == 77));

        let ramp = GrayImage::from_fn(640, 360, |x, y| {
            image::Luma([((x * 3 + y * 5) % 251) as u8])
        });
        let ours = resize_triangle(&ramp, 480, 270);
        let theirs =
            image::imageops::resize(&ramp, 480, 270, image::imageops::FilterType::Triangle);
        let worst = ours
            .pixels()
            .zip(theirs.pixels())
            .map(|(a, b)| a.0[0].abs_diff(b.0[0]))
            .max();
        assert!(worst <= Some(2), "worst difference {worst:?}");
    }
}
