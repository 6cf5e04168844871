//! Measurements of the face in a selfie: framing, backlight, and the eye band
//! (glare on glasses, sunglasses). Positions inside rustface's box are fractions of
//! its size, read off the fixtures (docs/calibration.md): the box spans brows to
//! chin, cheek to cheek; the eyes sit at about 35 % of its height.

use image::{GrayImage, RgbImage};

use super::eyewear;
use crate::geometry::Rect;

/// Growth of the face box to the least head it can belong to, as fractions of
/// the box, so that a head with any visible margin passes `face_in_frame`.
/// Measured on 45 hand-labelled real portrait photos
/// (tests/fixtures/head_labels.json): the hair top lies 0.16–0.58 of the box's
/// height above it (median 0.38; 0.16 on a close-cropped head, 0.58 on big
/// hair), so the top takes the smallest seen.
pub const HEAD_GROW_TOP: f32 = 0.15;
/// The chin lies 0.01–0.36 of the box's height below its bottom (median 0.09;
/// -0.02 on a head tilted down): the box's own bottom.
pub const HEAD_GROW_BOTTOM: f32 = 0.0;
/// The head's sides (ears, hair) lie -0.10–0.32 of the box's width outside it
/// (median 0.07). The median, not the smallest: a face cut by the side of the
/// picture is found with its box pushed inside the picture
/// (obama_partial_face.jpg: the box starts 11 px from the edge, the head
/// ~110 px beyond it), and only a growth above 0.04 tells that head is cut.
pub const HEAD_GROW_SIDES: f32 = 0.07;

/// Room around a face for a whole head with most hair and a little shoulder:
/// a crop for drawing a portrait (synthetic scenes, the demo's card), never a
/// judgement.
pub fn portrait_crop(face: &Rect) -> Rect {
    face.grown(0.15, 0.45, 0.15, 0.15)
}

/// The eye band inside the face box (fractions of its height and width).
const EYE_BAND_TOP: f32 = 0.2;
const EYE_BAND_BOTTOM: f32 = 0.5;
const BAND_INSET_X: f32 = 0.12;

/// The head box of a face: the least head the face box can belong to.
pub fn head_box(face: &Rect) -> Rect {
    face.grown(
        HEAD_GROW_SIDES,
        HEAD_GROW_TOP,
        HEAD_GROW_SIDES,
        HEAD_GROW_BOTTOM,
    )
}

/// How far the head box stays inside the frame: the smallest gap to an edge as a
/// fraction of that edge's dimension (negative when the head is cut off).
pub fn head_margin(face: &Rect, width: u32, height: u32) -> f32 {
    let head = head_box(face);
    let (w, h) = (width as f32, height as f32);
    [
        head.x / w,
        head.y / h,
        (w - head.right()) / w,
        (h - head.bottom()) / h,
    ]
    .into_iter()
    .fold(f32::MAX, f32::min)
}

fn band(face: &Rect, top: f32, bottom: f32) -> Rect {
    Rect::new(
        face.x + BAND_INSET_X * face.w,
        face.y + top * face.h,
        face.w * (1.0 - 2.0 * BAND_INSET_X),
        face.h * (bottom - top),
    )
}

pub fn eye_band(face: &Rect) -> Rect {
    band(face, EYE_BAND_TOP, EYE_BAND_BOTTOM)
}

/// Mean grey level inside `r` (clamped to the image); `None` when nothing is left.
pub(crate) fn mean_in(grey: &GrayImage, r: &Rect) -> Option<f32> {
    let (x, y, w, h) = r.clamped_pixels(grey.width(), grey.height())?;
    let mut sum = 0u64;
    for yy in y..y + h {
        for xx in x..x + w {
            sum += u64::from(grey.get_pixel(xx, yy).0[0]);
        }
    }
    Some(sum as f32 / (w * h) as f32)
}

/// Background brightness over face brightness. Against a window the background is
/// several times brighter than the face. The background is the frame outside the
/// head and shoulders; the face is the inner part of the face box.
pub fn backlight_ratio(grey: &GrayImage, face: &Rect) -> f32 {
    let (w, h) = grey.dimensions();
    let inner = face.grown(-0.15, -0.1, -0.15, -0.1);
    let face_mean = mean_in(grey, &inner).unwrap_or(0.0);
    // Exclude head and the body below it from the background.
    let person = face.grown(0.9, 0.9, 0.9, 10.0);
    let (mut sum, mut n) = (0u64, 0u64);
    // Every 4th pixel is plenty for a mean and keeps this cheap at full resolution.
    for y in (0..h).step_by(4) {
        for x in (0..w).step_by(4) {
            let (fx, fy) = (x as f32, y as f32);
            let in_person =
                fx >= person.x && fx < person.right() && fy >= person.y && fy < person.bottom();
            if !in_person {
                sum += u64::from(grey.get_pixel(x, y).0[0]);
                n += 1;
            }
        }
    }
    if n == 0 {
        return 1.0;
    }
    let background = sum as f32 / n as f32;
    background.max(8.0) / face_mean.max(8.0)
}

/// Share of the eye band that is specular reflection (glare on glasses): the
/// measure before the landmarks are found (then `eyewear::measure` takes the
/// lens regions).
pub fn eyewear_glare_share(rgb: &RgbImage, face: &Rect) -> f32 {
    eyewear::specular_share(rgb, &[eye_band(face)])
}

/// Where each eye is in the face box (centre x, centre y), and the half size of
/// the box a lens covers, as fractions of the face box.
const EYE_CENTRES: [(f32, f32); 2] = [(0.3, 0.38), (0.7, 0.38)];
const EYE_HALF_W: f32 = 0.12;
const EYE_HALF_H: f32 = 0.07;

/// The face box's two eye boxes: where a lens is before the landmarks are found.
pub fn eye_boxes(face: &Rect) -> [Rect; 2] {
    EYE_CENTRES.map(|(cx, cy)| {
        Rect::new(
            face.x + (cx - EYE_HALF_W) * face.w,
            face.y + (cy - EYE_HALF_H) * face.h,
            2.0 * EYE_HALF_W * face.w,
            2.0 * EYE_HALF_H * face.h,
        )
    })
}

/// Brightness around the eyes over that of the cheeks just below them, each the
/// median of its boxes: the measure before the landmarks are found (then
/// `eyewear::measure` takes the eyes' own regions). A dark lens covers most of an
/// eye box, so the median is the lens; a bare eye box is mostly skin and white of
/// the eye. The upper cheek is used as the reference because it is bare skin under
/// the same light, unlike the lower face with nostrils, mouth and beard.
pub fn eye_to_cheek_ratio(grey: &GrayImage, face: &Rect) -> f32 {
    let eyes = eye_boxes(face);
    let cheeks = eyes.map(|r| Rect::new(r.x, r.y + CHEEK_OFFSET * face.h, r.w, r.h));
    match (median_in(grey, &eyes), median_in(grey, &cheeks)) {
        (Some(e), Some(c)) => e.max(1.0) / c.max(8.0),
        _ => 1.0,
    }
}

/// How far below the eye centres the cheek boxes are (fraction of box height).
const CHEEK_OFFSET: f32 = 0.2;

fn median_in(grey: &GrayImage, rects: &[Rect]) -> Option<f32> {
    eyewear::quantile_in(grey, rects, 0.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn head_margin_is_negative_when_the_head_is_cut() {
        let centred = Rect::new(400.0, 300.0, 200.0, 200.0);
        assert!(head_margin(&centred, 1000, 1000) > 0.1);
        let at_edge = Rect::new(-20.0, 300.0, 200.0, 200.0);
        assert!(head_margin(&at_edge, 1000, 1000) < 0.0);
    }

    #[test]
    fn a_bright_background_is_backlight() {
        let face = Rect::new(40.0, 40.0, 40.0, 40.0);
        let mut grey = GrayImage::from_pixel(200, 200, image::Luma([240]));
        for y in 40..80 {
            for x in 40..80 {
                grey.put_pixel(x, y, image::Luma([60]));
            }
        }
        assert!(backlight_ratio(&grey, &face) > 3.0);
    }
}
