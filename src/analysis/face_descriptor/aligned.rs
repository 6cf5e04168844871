//! A chip aligned with the face's landmarks: the eye centres and the mouth's
//! centre carried by a similarity (turn, scale, shift) onto where dlib's chips
//! hold them, so that a leaning head is turned upright and the face's size
//! follows the eyes and mouth instead of the detector's box.

use image::{imageops, Rgb, RgbImage};

use super::net::INPUT_SIDE;
use crate::analysis::landmarks::measures::mean;
use crate::analysis::landmarks::Landmarks;

/// Where the chip holds the face, as fractions of its side: the eye centres
/// 35 % of the width apart at 31 % down, the mouth's centre at 71 % down (the
/// same figures the box chip was placed by, see `chip.rs`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AlignedTemplate {
    pub eye_y: f32,
    pub eye_gap: f32,
    pub mouth_y: f32,
}

impl AlignedTemplate {
    pub const DLIB_LIKE: AlignedTemplate = AlignedTemplate {
        eye_y: 0.31,
        eye_gap: 0.35,
        mouth_y: 0.71,
    };

    /// The three anchor points in chip pixels: picture-left eye, picture-right
    /// eye, mouth.
    fn anchors(&self) -> [[f32; 2]; 3] {
        let n = INPUT_SIDE as f32;
        [
            [(0.5 - self.eye_gap / 2.0) * n, self.eye_y * n],
            [(0.5 + self.eye_gap / 2.0) * n, self.eye_y * n],
            [0.5 * n, self.mouth_y * n],
        ]
    }
}

/// The eye centres (picture left, right) and the mouth's centre of 68 points.
pub fn anchors_of(lm: &Landmarks) -> [[f32; 2]; 3] {
    let p = &lm.points;
    [mean(&p[36..42]), mean(&p[42..48]), mean(&p[48..68])]
}

/// The similarity `[a, b, tx, ty]` (x' = a·x − b·y + tx, y' = b·x + a·y + ty)
/// carrying `from` onto `to` in the least-squares sense.
pub fn similarity(from: &[[f32; 2]], to: &[[f32; 2]]) -> Option<[f32; 4]> {
    let (cf, ct) = (mean(from), mean(to));
    let (mut dot, mut cross, mut norm) = (0.0f32, 0.0f32, 0.0f32);
    for (f, t) in from.iter().zip(to) {
        let (fx, fy) = (f[0] - cf[0], f[1] - cf[1]);
        let (tx, ty) = (t[0] - ct[0], t[1] - ct[1]);
        dot += fx * tx + fy * ty;
        cross += fx * ty - fy * tx;
        norm += fx * fx + fy * fy;
    }
    if norm <= f32::EPSILON {
        return None;
    }
    let (a, b) = (dot / norm, cross / norm);
    Some([
        a,
        b,
        ct[0] - (a * cf[0] - b * cf[1]),
        ct[1] - (b * cf[0] + a * cf[1]),
    ])
}

/// The `INPUT_SIDE`² chip of the face whose landmarks are `lm` in `rgb`, aligned
/// to `template`; `None` for degenerate landmarks. When the face is larger than
/// the chip the photo is first shrunk (triangle filter) so that one chip pixel
/// reads about one photo pixel, as the box chip's resize does.
pub fn aligned_chip(
    rgb: &RgbImage,
    lm: &Landmarks,
    template: &AlignedTemplate,
) -> Option<RgbImage> {
    let anchors = anchors_of(lm);
    // Chip → photo: the similarity from the template onto the landmarks.
    let [a, b, tx, ty] = similarity(&template.anchors(), &anchors)?;
    let scale = a.hypot(b);
    if !scale.is_finite() || scale <= f32::EPSILON {
        return None;
    }
    let (source, shrink) = if scale > 1.25 {
        let (w, h) = rgb.dimensions();
        let sw = ((w as f32 / scale).round() as u32).max(1);
        let sh = ((h as f32 / scale).round() as u32).max(1);
        (
            imageops::resize(rgb, sw, sh, imageops::FilterType::Triangle),
            scale,
        )
    } else {
        (rgb.clone(), 1.0)
    };
    let (a, b, tx, ty) = (a / shrink, b / shrink, tx / shrink, ty / shrink);
    let n = INPUT_SIDE as u32;
    Some(RgbImage::from_fn(n, n, |x, y| {
        let (cx, cy) = (x as f32 + 0.5, y as f32 + 0.5);
        let sx = a * cx - b * cy + tx - 0.5;
        let sy = b * cx + a * cy + ty - 0.5;
        bilinear(&source, sx, sy)
    }))
}

/// Bilinear sample at (x, y) in pixel-centre coordinates; black outside.
fn bilinear(img: &RgbImage, x: f32, y: f32) -> Rgb<u8> {
    let (w, h) = (img.width() as i64, img.height() as i64);
    let (x0, y0) = (x.floor(), y.floor());
    let (fx, fy) = (x - x0, y - y0);
    let (x0, y0) = (x0 as i64, y0 as i64);
    let px = |xx: i64, yy: i64| -> [f32; 3] {
        if xx < 0 || yy < 0 || xx >= w || yy >= h {
            [0.0; 3]
        } else {
            img.get_pixel(xx as u32, yy as u32).0.map(f32::from)
        }
    };
    let (p00, p10, p01, p11) = (
        px(x0, y0),
        px(x0 + 1, y0),
        px(x0, y0 + 1),
        px(x0 + 1, y0 + 1),
    );
    Rgb(std::array::from_fn(|c| {
        let top = p00[c] + (p10[c] - p00[c]) * fx;
        let bottom = p01[c] + (p11[c] - p01[c]) * fx;
        (top + (bottom - top) * fy).round().clamp(0.0, 255.0) as u8
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_similarity_recovers_a_turn_a_scale_and_a_shift() {
        let from = [[0.0, 0.0], [10.0, 0.0], [5.0, 8.0]];
        let (c, s) = (
            30f32.to_radians().cos() * 2.0,
            30f32.to_radians().sin() * 2.0,
        );
        let to: Vec<[f32; 2]> = from
            .iter()
            .map(|p| [c * p[0] - s * p[1] + 7.0, s * p[0] + c * p[1] - 3.0])
            .collect();
        let [a, b, tx, ty] = similarity(&from, &to).expect("not degenerate");
        for (got, want) in [(a, c), (b, s), (tx, 7.0), (ty, -3.0)] {
            assert!((got - want).abs() < 1e-4, "{got} vs {want}");
        }
        assert_eq!(similarity(&[[1.0, 1.0]; 3], &to), None);
    }
}
