//! What a frame's photo would weigh as saved, estimated cheaply enough to show
//! live: a copy at half the width and height (2×2 box average) is encoded at
//! quality 100 (the saver's first choice) and its size scaled up. Done on one
//! frame in [`ESTIMATE_EVERY`]; the others reuse the last estimate.

use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, RgbImage};

/// Full-size JPEG bytes per half-size JPEG byte, both at quality 100: the
/// median of full/half over the 100 real photos of the shared fixtures and the
/// committed ones, brought to webcam size (1280 px wide; `cargo run --example
/// jpeg_size_estimate -- DIR...`): 2.62, the middle half within 2.47–2.93, all
/// within 2.34–3.77. So the estimate is within −11 %…+6 % of the real size for
/// half the pictures and −30 %…+12 % for all. Less than the 4× of the area: a
/// half-size copy has more detail per pixel. The saved file's real size is
/// judged again when it is saved.
pub const HALF_TO_FULL: f64 = 2.62;

/// Frames between estimates: twice a second at 30 fps. An estimate costs about
/// a quarter of a full-size encode.
pub const ESTIMATE_EVERY: u64 = 15;

/// The estimated size in bytes of `rgb` saved as a JPEG at quality 100.
pub fn estimate_jpeg_bytes(rgb: &RgbImage) -> Option<u64> {
    let half = jpeg_bytes_at_100(&half_size(rgb))?;
    Some((half as f64 * HALF_TO_FULL).round() as u64)
}

/// The bytes of `rgb` encoded as a JPEG at quality 100; `None` if the encoder
/// refuses it.
pub fn jpeg_bytes_at_100(rgb: &RgbImage) -> Option<usize> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 100)
        .encode(
            rgb.as_raw(),
            rgb.width(),
            rgb.height(),
            ExtendedColorType::Rgb8,
        )
        .ok()?;
    Some(out.len())
}

/// A 2×2 box average (a last odd row or column is dropped).
pub fn half_size(rgb: &RgbImage) -> RgbImage {
    let (w, h) = ((rgb.width() / 2).max(1), (rgb.height() / 2).max(1));
    let src = rgb.as_raw();
    let stride = rgb.width() as usize * 3;
    let mut out = Vec::with_capacity(w as usize * h as usize * 3);
    for y in 0..h as usize {
        let row0 = &src[(2 * y).min(rgb.height() as usize - 1) * stride..][..stride];
        let row1 = &src[(2 * y + 1).min(rgb.height() as usize - 1) * stride..][..stride];
        for x in 0..w as usize {
            for c in 0..3 {
                let a = (2 * x * 3 + c).min(stride - 3 + c);
                let b = ((2 * x + 1) * 3 + c).min(stride - 3 + c);
                let sum = u16::from(row0[a])
                    + u16::from(row0[b])
                    + u16::from(row1[a])
                    + u16::from(row1[b]);
                out.push(((sum + 2) / 4) as u8);
            }
        }
    }
    RgbImage::from_raw(w, h, out).unwrap_or_else(|| RgbImage::new(w, h))
}

/// Keeps the last estimate and makes a new one every [`ESTIMATE_EVERY`] frames.
#[derive(Debug, Default)]
pub struct SizeEstimator {
    last: Option<u64>,
    since: u64,
}

impl SizeEstimator {
    pub fn observe(&mut self, rgb: &RgbImage) -> Option<u64> {
        if self.last.is_none() || self.since + 1 >= ESTIMATE_EVERY {
            self.last = estimate_jpeg_bytes(rgb).or(self.last);
            self.since = 0;
        } else {
            self.since += 1;
        }
        self.last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_size_averages_blocks() {
        let img = RgbImage::from_fn(4, 2, |x, _| image::Rgb([(x * 60) as u8; 3]));
        let half = half_size(&img);
        assert_eq!(half.dimensions(), (2, 1));
        assert_eq!(half.get_pixel(0, 0).0, [30; 3]);
        assert_eq!(half.get_pixel(1, 0).0, [150; 3]);
    }

    #[test]
    fn a_plain_frame_is_estimated_small_and_a_detailed_one_large() {
        let plain = RgbImage::from_pixel(1280, 720, image::Rgb([120, 120, 120]));
        let mut rng = crate::synth::rng::Rng::new(5);
        let noisy = RgbImage::from_fn(1280, 720, |_, _| {
            image::Rgb([0u8; 3].map(|_| rng.range(0.0, 255.0) as u8))
        });
        let small = estimate_jpeg_bytes(&plain).expect("estimate");
        let large = estimate_jpeg_bytes(&noisy).expect("estimate");
        assert!(small < crate::rules::FILE_MIN_BYTES, "{small}");
        assert!(large > crate::rules::FILE_MIN_BYTES, "{large}");
    }
}
