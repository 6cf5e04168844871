//! The face chip the recognition net reads: a square around the face, 150×150.
//!
//! The net was trained on dlib's aligned chips, in which the eyes sit about 31 %
//! of the way down, about 35 % of the chip's width apart, and the mouth about 71 %
//! down. rustface's box on the fixture portraits (obama.jpg, deepface_img1.jpg)
//! puts the eyes about 40 % down and 33–38 % of its width apart, the mouth about
//! 80 % down: the chip is therefore a square of the box's size, moved down by a
//! tenth of it.

use image::{imageops, RgbImage};

use super::net::INPUT_SIDE;
use crate::geometry::Rect;

/// Where the chip lies relative to rustface's face box.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChipGeometry {
    /// The chip's side over the box's width.
    pub side_over_box: f32,
    /// How far the chip's centre lies below the box's centre, in box widths.
    pub drop_over_box: f32,
}

impl ChipGeometry {
    /// Eye-to-mouth spans 0.40 of the box and 0.41 of a dlib chip, so the chip is
    /// the box's size; the eyes at 0.40 of the box land at 0.31 of the chip when
    /// it is moved down by 0.09 of the box.
    pub const DLIB_LIKE: ChipGeometry = ChipGeometry {
        side_over_box: 1.0,
        drop_over_box: 0.09,
    };

    /// The chip's square in image pixels for a face box.
    pub fn region(&self, face: &Rect) -> Rect {
        let side = face.w * self.side_over_box;
        let [cx, cy] = face.center();
        let cy = cy + face.w * self.drop_over_box;
        Rect::new(cx - side / 2.0, cy - side / 2.0, side, side)
    }
}

/// The chip's square in image pixels for a face box.
pub fn chip_region(face: &Rect) -> Rect {
    ChipGeometry::DLIB_LIKE.region(face)
}

/// The `INPUT_SIDE`² chip of `region` (any square, possibly reaching past the
/// image: those pixels are black, as the net's own padding is).
pub fn chip_from_region(rgb: &RgbImage, region: &Rect) -> RgbImage {
    let side = region.w.round().max(1.0) as u32;
    let (x0, y0) = (region.x.round() as i64, region.y.round() as i64);
    let mut square = RgbImage::new(side, side);
    let (w, h) = (i64::from(rgb.width()), i64::from(rgb.height()));
    for y in 0..side {
        let sy = y0 + i64::from(y);
        if sy < 0 || sy >= h {
            continue;
        }
        for x in 0..side {
            let sx = x0 + i64::from(x);
            if sx >= 0 && sx < w {
                square.put_pixel(x, y, *rgb.get_pixel(sx as u32, sy as u32));
            }
        }
    }
    let n = INPUT_SIDE as u32;
    if side == n {
        square
    } else {
        imageops::resize(&square, n, n, imageops::FilterType::Triangle)
    }
}

/// The chip of the face found at `face` in `rgb`.
pub fn face_chip(rgb: &RgbImage, face: &Rect) -> RgbImage {
    chip_from_region(rgb, &chip_region(face))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_is_a_square_below_the_box_centre() {
        let r = chip_region(&Rect::new(100.0, 50.0, 200.0, 200.0));
        assert_eq!((r.w, r.h), (200.0, 200.0));
        assert_eq!(r.center()[0], 200.0);
        assert!((r.center()[1] - 168.0).abs() < 1e-3);
    }

    #[test]
    fn pixels_past_the_image_are_black() {
        let rgb = RgbImage::from_pixel(100, 100, image::Rgb([200, 200, 200]));
        let chip = chip_from_region(&rgb, &Rect::new(-50.0, 0.0, 100.0, 100.0));
        assert_eq!(chip.dimensions(), (150, 150));
        assert_eq!(chip.get_pixel(10, 75).0, [0, 0, 0]);
        assert_eq!(chip.get_pixel(140, 75).0, [200, 200, 200]);
    }
}
