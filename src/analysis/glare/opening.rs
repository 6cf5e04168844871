//! The opening of a binary mask by a square: erosion, then dilation, each by the
//! square of side 2 × radius + 1. A square is a row of pixels swept along a column,
//! so each step is a pass along the rows then one along the columns, each keeping a
//! running count of the set pixels in its window: a few operations a pixel whatever
//! the radius.

use image::GrayImage;

/// Opens `mask` (a pixel is set when it is not 0) by the square of radius `radius`,
/// in place; the result is 0 or 255. Beyond the border counts as set for the
/// erosion (a set region cut by the edge keeps its core) and as unset for the
/// dilation (nothing grows in from outside).
///
/// This is `imageproc::morphology::open_mut` with `Norm::LInf`, except on a mask not
/// wholly set whose width + height is at most `radius` (a 1×1 mask with nothing set
/// at radius 2): imageproc takes the distance to a kind of pixel the image lacks as
/// width + height, and sets every pixel of such a mask.
pub fn open_square(mask: &mut GrayImage, radius: u8) {
    let (w, h) = (mask.width() as usize, mask.height() as usize);
    if w == 0 || h == 0 {
        return;
    }
    let r = usize::from(radius);
    let mut between = vec![0u8; w * h];
    let rows = Lines {
        count: h,
        len: w,
        along: 1,
        across: w,
    };
    let columns = Lines {
        count: w,
        len: h,
        along: w,
        across: 1,
    };
    let pixels: &mut [u8] = mask;
    rows.filter(pixels, &mut between, r, Keep::All);
    columns.filter(&between, pixels, r, Keep::All);
    rows.filter(pixels, &mut between, r, Keep::Any);
    columns.filter(&between, pixels, r, Keep::Any);
}

/// Which pixels of a window set the pixel at its middle.
#[derive(Clone, Copy)]
enum Keep {
    /// Every one (erosion).
    All,
    /// Any one (dilation).
    Any,
}

/// Parallel lines of an image stored row after row: `count` lines of `len` pixels,
/// a pixel `along` from the one before it in its line, a line `across` from the
/// one before it.
struct Lines {
    count: usize,
    len: usize,
    along: usize,
    across: usize,
}

impl Lines {
    /// Each pixel of `dst` set (255) when `keep` holds for the pixels of `src` within
    /// `r` of it along its line (the window cut at the line's ends), else 0.
    fn filter(&self, src: &[u8], dst: &mut [u8], r: usize, keep: Keep) {
        for line in 0..self.count {
            let at = |i: usize| line * self.across + i * self.along;
            // The window [lo, hi) and how many of its pixels are set.
            let (mut lo, mut hi, mut set) = (0, 0, 0);
            for i in 0..self.len {
                while hi < (i + r + 1).min(self.len) {
                    set += usize::from(src[at(hi)] != 0);
                    hi += 1;
                }
                while lo < i.saturating_sub(r) {
                    set -= usize::from(src[at(lo)] != 0);
                    lo += 1;
                }
                let on = match keep {
                    Keep::All => set == hi - lo,
                    Keep::Any => set > 0,
                };
                dst[at(i)] = if on { 255 } else { 0 };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::rng::Rng;
    use imageproc::distance_transform::Norm;

    fn imageproc_open(mask: &GrayImage, radius: u8) -> GrayImage {
        let mut out = mask.clone();
        imageproc::morphology::open_mut(&mut out, Norm::LInf, radius);
        out
    }

    fn mask(w: u32, h: u32, density: f32, rng: &mut Rng) -> GrayImage {
        GrayImage::from_fn(w, h, |_, _| {
            image::Luma([if rng.chance(density) { 255 } else { 0 }])
        })
    }

    #[test]
    fn equals_imageproc_on_random_masks_of_every_shape() {
        let mut rng = Rng::new(26);
        let mut sizes: Vec<(u32, u32)> = vec![(1, 1), (2, 2), (3, 3), (5, 5), (64, 48)];
        for n in [2, 3, 4, 5, 7, 16, 41] {
            // Thin strips both ways.
            sizes.extend([(n, 1), (1, n), (n, 2), (2, n)]);
        }
        for _ in 0..40 {
            sizes.push((1 + rng.index(40) as u32, 1 + rng.index(40) as u32));
        }
        let mut compared = 0;
        for &(w, h) in &sizes {
            for density in [0.0, 0.05, 0.3, 0.5, 0.7, 0.9, 0.97, 1.0] {
                for radius in 0..=4u8 {
                    let before = mask(w, h, density, &mut rng);
                    // Where imageproc's stand-in for "no such pixel" is within the
                    // radius (see open_square).
                    let all_set = before.iter().all(|&p| p != 0);
                    if w + h <= u32::from(radius) && !all_set {
                        continue;
                    }
                    let mut ours = before.clone();
                    open_square(&mut ours, radius);
                    assert_eq!(
                        ours,
                        imageproc_open(&before, radius),
                        "{w}×{h}, density {density}, radius {radius}: {:?}",
                        before.as_raw()
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 2000, "{compared} masks compared");
    }

    #[test]
    fn a_square_of_the_radius_stays_and_a_thinner_stroke_goes() {
        let radius = 2;
        // In a 20×12 mask: a 5×5 square, a bar 4 px wide, and a 3×5 block the left
        // and bottom edges cut (beyond them counts as set).
        let before = GrayImage::from_fn(20, 12, |x, y| {
            let square = (6..11).contains(&x) && (2..7).contains(&y);
            let bar = (13..17).contains(&x);
            let cut = x < 3 && (7..12).contains(&y);
            image::Luma([if square || bar || cut { 255 } else { 0 }])
        });
        let mut after = before.clone();
        open_square(&mut after, radius);
        for (x, y, p) in after.enumerate_pixels() {
            let expected =
                (6..11).contains(&x) && (2..7).contains(&y) || x < 3 && (7..12).contains(&y);
            assert_eq!(p.0[0] != 0, expected, "({x}, {y})");
        }
    }
}
