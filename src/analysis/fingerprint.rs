//! Fingerprints that tell whether two photos of a session show the same thing:
//! the exact frame (a replayed image, the demo's still scene) and the look of a
//! document side (the same card face in another frame of the camera).

use image::{GrayImage, RgbImage};
use serde::Serialize;

use super::document;
use super::resample::resize_triangle;
use crate::shot::Shot;

/// A frame compared with the photos the session has already taken (the live
/// pipeline only; `kycam check` has no session).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct SessionMatch {
    /// Another shot whose saved picture is this very frame.
    pub same_picture_as: Option<Shot>,
    /// On a back side, once its front was taken: how many bits of the
    /// [`DocumentHash`] differ between this document and the front.
    pub front_distance: Option<u32>,
}

/// An exact fingerprint of a frame's pixels: equal for the same picture, and
/// different for two frames of a camera (its noise alone differs).
pub fn frame_hash(rgb: &RgbImage) -> u64 {
    // FNV-style mixing a word at a time: the frame is hashed at memory speed.
    const PRIME: u64 = 0x0000_0100_0000_01B3;
    let mut h: u64 =
        0xCBF2_9CE4_8422_2325 ^ (u64::from(rgb.width()) << 32 | u64::from(rgb.height()));
    let raw = rgb.as_raw();
    let mut words = raw.chunks_exact(8);
    for w in &mut words {
        let word = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        h = (h ^ word).wrapping_mul(PRIME).rotate_left(29);
    }
    for &b in words.remainder() {
        h = (h ^ u64::from(b)).wrapping_mul(PRIME);
    }
    h
}

/// Side of the square the document is rectified to before hashing: enough
/// pixels that the low frequencies kept are not aliased print.
const RECTIFIED_SIDE: u32 = 256;
/// Side of the small copy whose cosine transform is taken.
const SMALL_SIDE: usize = 32;
/// The lowest frequencies kept in each direction: 8 × 8 = 64 bits.
const KEPT: usize = 8;

/// A perceptual hash of a document side, rectified, as it lies and turned
/// half round (a card shown upside down is the same side).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DocumentHash {
    upright: u64,
    turned: u64,
}

impl DocumentHash {
    /// How many of the 64 bits differ between two sides, the better of the two
    /// ways round: 0 for the same picture; about 32 for unrelated ones.
    pub fn distance(&self, other: &DocumentHash) -> u32 {
        (self.upright ^ other.upright)
            .count_ones()
            .min((self.upright ^ other.turned).count_ones())
    }
}

/// The hash of the document at `corners` (clockwise from its top-left as seen)
/// in `grey`. `standing`: the document stands on its short side, and is turned
/// a quarter to lie like one seen lying.
pub fn document_hash(grey: &GrayImage, corners: &[[f32; 2]; 4], standing: bool) -> DocumentHash {
    let mut flat = document::rectify_grey(grey, corners, RECTIFIED_SIDE, RECTIFIED_SIDE);
    if standing {
        flat = image::imageops::rotate90(&flat);
    }
    let small = resize_triangle(&flat, SMALL_SIDE as u32, SMALL_SIDE as u32);
    let turned = image::imageops::rotate180(&small);
    DocumentHash {
        upright: dct_hash(&small),
        turned: dct_hash(&turned),
    }
}

/// Bits of the lowest `KEPT` × `KEPT` cosine coefficients of a `SMALL_SIDE`
/// square, each set when above their median (the mean level, coefficient 0, is
/// left out of the median: it says how bright the picture is, not what it shows).
fn dct_hash(small: &GrayImage) -> u64 {
    let n = SMALL_SIDE;
    let basis: Vec<f32> = (0..KEPT * n)
        .map(|i| {
            let (k, x) = (i / n, i % n);
            (std::f32::consts::PI * (2 * x + 1) as f32 * k as f32 / (2 * n) as f32).cos()
        })
        .collect();
    let px = |x: usize, y: usize| f32::from(small.get_pixel(x as u32, y as u32)[0]);
    // Rows first: each row's lowest KEPT coefficients, then down the columns.
    let rows: Vec<f32> = (0..n * KEPT)
        .map(|i| {
            let (y, k) = (i / KEPT, i % KEPT);
            (0..n).map(|x| px(x, y) * basis[k * n + x]).sum()
        })
        .collect();
    let coeffs: Vec<f32> = (0..KEPT * KEPT)
        .map(|i| {
            let (ky, kx) = (i / KEPT, i % KEPT);
            (0..n)
                .map(|y| rows[y * KEPT + kx] * basis[ky * n + y])
                .sum()
        })
        .collect();
    let mut sorted: Vec<f32> = coeffs[1..].to_vec();
    sorted.sort_by(f32::total_cmp);
    let median = sorted[sorted.len() / 2];
    coeffs
        .iter()
        .enumerate()
        .fold(0u64, |bits, (i, &c)| bits | (u64::from(c > median) << i))
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHOLE: [[f32; 2]; 4] = [[0.0, 0.0], [320.0, 0.0], [320.0, 200.0], [0.0, 200.0]];

    fn card(seed: u32) -> GrayImage {
        GrayImage::from_fn(320, 200, |x, y| {
            let block = ((x / 40) * 7 + (y / 40) * 3 + seed * 5) % 11;
            image::Luma([(block * 23) as u8])
        })
    }

    #[test]
    fn the_same_picture_is_near_and_another_far() {
        let a = document_hash(&card(0), &WHOLE, false);
        assert_eq!(a.distance(&a), 0);
        // Brighter, with noise: the same side.
        let brighter = GrayImage::from_fn(320, 200, |x, y| {
            let v = card(0).get_pixel(x, y)[0];
            image::Luma([v
                .saturating_add(20)
                .saturating_add(((x * 31 + y * 17) % 7) as u8)])
        });
        assert!(a.distance(&document_hash(&brighter, &WHOLE, false)) <= 6);
        // Upside down: the same side.
        let upside_down = image::imageops::rotate180(&card(0));
        assert!(a.distance(&document_hash(&upside_down, &WHOLE, false)) <= 2);
        // Another picture.
        assert!(a.distance(&document_hash(&card(3), &WHOLE, false)) >= 16);
    }

    #[test]
    fn frames_hash_exactly() {
        let a = RgbImage::from_pixel(33, 7, image::Rgb([1, 2, 3]));
        let mut b = a.clone();
        assert_eq!(frame_hash(&a), frame_hash(&b));
        b.put_pixel(32, 6, image::Rgb([1, 2, 4]));
        assert_ne!(frame_hash(&a), frame_hash(&b));
    }
}
