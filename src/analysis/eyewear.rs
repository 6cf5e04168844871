//! Sunglasses and reflections on glasses, measured where the landmarks put the
//! eyes: each eye's six points give its box, grown to the area a lens covers, and
//! the bare cheek below it is the reference for brightness (docs/eyewear.md).
//! Without landmarks the selfie falls back to fixed fractions of the face box
//! (`selfie::eye_to_cheek_ratio`, `selfie::eyewear_glare_share`).

use image::{GrayImage, RgbImage};
use serde::Serialize;

use super::{selfie, EyeRegionsFrom, SelfieMeasures};
use crate::geometry::Rect;

/// Where the lens and cheek regions lie around the landmarks' eyes, and where an
/// eye's darkest part is read, in units of the eye's own width (corner to
/// corner): the lens from the two real portraits with glasses, the rest from the
/// 45 real portraits of faces/ and faces-eval/ and lenses painted over them
/// (`cargo run --example evaluate_eyewear`, docs/eyewear.md).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EyewearParams {
    /// How far a lens reaches past the eye's inner corner (towards the nose):
    /// the lenses' inner rims on the two portraits with ordinary glasses
    /// (deepface_img24, deepface_img25) lie 0.25–0.48 eye widths beyond it.
    pub lens_inner: f32,
    /// … past its outer corner: rims at 0.55–0.77.
    pub lens_outer: f32,
    /// How far a lens reaches above the eye's centre: rims at 0.30–0.45 (they
    /// sit on the nose below the brows).
    pub lens_up: f32,
    /// How far a lens reaches below the eye's centre: rims at 0.78–0.92.
    pub lens_down: f32,
    /// The cheek reference starts this far from the eye's centre towards the
    /// nose wings' level (fraction of that drop): below the lower rims of the
    /// glasses, which reach 0.43–0.54 of it.
    pub cheek_top: f32,
    /// … and ends this far down (fraction of the drop): above the nostrils and
    /// the fold beside the nose.
    pub cheek_bottom: f32,
    /// The cheek reference's half width around the eye's centre, in eye widths:
    /// under the eye, off the nose's side.
    pub cheek_half_w: f32,
    /// The eye's core, where its darkest part is looked for: the box its six
    /// points span less this share of its width on each side …
    pub core_inset_x: f32,
    /// … and of its height above and below. The iris fills the middle of an
    /// open eye; on a mirrored lens the net, seeing no eye, often puts the
    /// eye's points against the frame's top rim, which the core keeps out: on
    /// the whole eye box the mirrored composites read down to 0.13 of the
    /// cheek (deepface_img4, the rim), on the core 0.72 and more.
    pub core_inset_y: f32,
    /// The share of the darkest pixels of an eye's core read as its darkest
    /// part: an open eye's iris and pupil fill more than this of it (the bare
    /// eyes' darkest tenth reads 0.005–0.321 of the cheek).
    pub dark_share: f32,
    /// An eye's core more than this share specular is hidden by a reflection,
    /// not read for darkness: a lamp in clear glasses (the synthetic selfies'
    /// lens glare covers whole cores) is glare, not a mirrored lens.
    pub core_clipped_max: f32,
}

impl EyewearParams {
    pub const DEFAULT: EyewearParams = EyewearParams {
        lens_inner: 0.25,
        lens_outer: 0.55,
        lens_up: 0.30,
        lens_down: 0.78,
        cheek_top: 0.65,
        cheek_bottom: 0.90,
        cheek_half_w: 0.35,
        core_inset_x: 0.25,
        core_inset_y: 0.2,
        dark_share: 0.10,
        core_clipped_max: 0.5,
    };
}

/// One eye's regions in image pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct EyeRegions {
    /// The box the eye's six points span.
    pub eye: Rect,
    /// The area a lens in front of it covers.
    pub lens: Rect,
    /// Bare upper cheek under it: the reference for brightness.
    pub cheek: Rect,
}

/// Both eyes' regions (the picture's left eye first), from the 68 points.
pub fn eye_regions(points: &[[f32; 2]], params: &EyewearParams) -> Option<[EyeRegions; 2]> {
    if points.len() < 68 {
        return None;
    }
    // The nose wings' level: the lower nose's outer points.
    let wing_y = (points[31][1] + points[35][1]) / 2.0;
    // The picture's left eye has its outer corner on the left.
    let one = |range: std::ops::Range<usize>, outer_left: bool| -> Option<EyeRegions> {
        let eye = Rect::around(&points[range])?;
        let width = eye.w.max(1.0);
        let [cx, cy] = eye.center();
        let (left, right) = if outer_left {
            (params.lens_outer, params.lens_inner)
        } else {
            (params.lens_inner, params.lens_outer)
        };
        let lens = Rect::new(
            eye.x - left * width,
            cy - params.lens_up * width,
            eye.w + (left + right) * width,
            (params.lens_up + params.lens_down) * width,
        );
        let drop = (wing_y - cy).max(width * 0.5);
        // Never inside the lens, whatever the head's pitch does to the drop.
        let cheek = Rect::new(
            cx - params.cheek_half_w * width,
            (cy + params.cheek_top * drop).max(lens.bottom()),
            2.0 * params.cheek_half_w * width,
            (params.cheek_bottom - params.cheek_top) * drop,
        );
        Some(EyeRegions { eye, lens, cheek })
    };
    Some([one(36..42, true)?, one(42..48, false)?])
}

/// Where the selfie's `sunglasses` measure was read, in frame pixels (for the
/// overlay): the lens regions of its landmark eyes, or before them the face box's
/// two eye boxes ([`selfie::eye_boxes`]).
pub fn sunglasses_regions(s: &SelfieMeasures) -> Vec<Rect> {
    landmark_lenses(s).unwrap_or_else(|| selfie::eye_boxes(&s.face.rect).to_vec())
}

/// Where its `eyewear_glare` measure was read: the lens regions of its landmark
/// eyes, or before them the face box's eye band ([`selfie::eye_band`]).
pub fn eyewear_glare_regions(s: &SelfieMeasures) -> Vec<Rect> {
    landmark_lenses(s).unwrap_or_else(|| vec![selfie::eye_band(&s.face.rect)])
}

/// The two lens regions, when the eye measures were taken on the landmarks.
fn landmark_lenses(s: &SelfieMeasures) -> Option<Vec<Rect>> {
    if s.eye_regions != EyeRegionsFrom::Landmarks {
        return None;
    }
    let points = &s.landmarks.as_ref()?.points;
    let regions = eye_regions(points, &EyewearParams::DEFAULT)?;
    Some(regions.map(|r| r.lens).to_vec())
}

/// What the eyes' regions measure.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct EyewearMeasures {
    /// Median brightness of the lens regions over that of the cheeks below them
    /// (dark lenses read low).
    pub eye_to_cheek_ratio: f32,
    /// The darkest part of the eyes (the lighter of the two) over the cheeks'
    /// median: an open eye's pupil and lashes read low, a mirrored lens, which
    /// shows the sky instead of an eye, reads high. `None` when a reflection
    /// covers both eyes' cores (that is `eyewear_glare`'s to judge).
    pub eye_darkest_to_cheek: Option<f32>,
    /// Share (0–1) of the lens regions that is specular reflection.
    pub glare_share: f32,
}

/// Measures the eyes of the face whose 68 landmarks are `points`.
pub fn measure(
    rgb: &RgbImage,
    grey: &GrayImage,
    points: &[[f32; 2]],
    params: &EyewearParams,
) -> Option<EyewearMeasures> {
    let regions = eye_regions(points, params)?;
    let cheek = quantile_in(grey, &regions.map(|r| r.cheek), 0.5)?;
    let lens = quantile_in(grey, &regions.map(|r| r.lens), 0.5)?;
    let darkest = regions
        .iter()
        .filter_map(|r| {
            let core = r.eye.grown(
                -params.core_inset_x,
                -params.core_inset_y,
                -params.core_inset_x,
                -params.core_inset_y,
            );
            darkest_unclipped(rgb, grey, &core, params)
        })
        .reduce(f32::max);
    let cheek = cheek.max(8.0);
    Some(EyewearMeasures {
        eye_to_cheek_ratio: lens.max(1.0) / cheek,
        eye_darkest_to_cheek: darkest.map(|d| d / cheek),
        glare_share: specular_share(rgb, &regions.map(|r| r.lens)),
    })
}

/// A pixel is a reflection on glasses when all its channels are near clipping.
pub const SPECULAR_MIN_CHANNEL: u8 = 235;

/// Share of the pixels inside `rects` (clamped to the image) whose every channel
/// is near clipping.
pub fn specular_share(rgb: &RgbImage, rects: &[Rect]) -> f32 {
    let (mut count, mut n) = (0u32, 0u32);
    for r in rects {
        let Some((x, y, w, h)) = r.clamped_pixels(rgb.width(), rgb.height()) else {
            continue;
        };
        for yy in y..y + h {
            for xx in x..x + w {
                count += u32::from(is_specular(rgb.get_pixel(xx, yy).0));
            }
        }
        n += w * h;
    }
    if n == 0 {
        0.0
    } else {
        count as f32 / n as f32
    }
}

/// The darkest part of `core` (its `dark_share` quantile) among the pixels that
/// are not specular; `None` when the core lies outside the image or more than
/// `core_clipped_max` of it is specular.
fn darkest_unclipped(
    rgb: &RgbImage,
    grey: &GrayImage,
    core: &Rect,
    params: &EyewearParams,
) -> Option<f32> {
    let (x, y, w, h) = core.clamped_pixels(grey.width(), grey.height())?;
    let mut hist = [0u32; 256];
    let mut kept = 0u32;
    for yy in y..y + h {
        for xx in x..x + w {
            if !is_specular(rgb.get_pixel(xx, yy).0) {
                hist[grey.get_pixel(xx, yy).0[0] as usize] += 1;
                kept += 1;
            }
        }
    }
    let clipped = 1.0 - kept as f32 / (w * h) as f32;
    if clipped > params.core_clipped_max {
        return None;
    }
    hist_quantile(&hist, kept, params.dark_share)
}

fn is_specular(c: [u8; 3]) -> bool {
    c[0].min(c[1]).min(c[2]) >= SPECULAR_MIN_CHANNEL
}

/// The grey level below which `share` (0–1) of the pixels inside `rects` lie
/// (clamped to the image); `None` when a rect lies wholly outside it.
pub(crate) fn quantile_in(grey: &GrayImage, rects: &[Rect], share: f32) -> Option<f32> {
    let mut hist = [0u32; 256];
    let mut n = 0u32;
    for r in rects {
        let (x, y, w, h) = r.clamped_pixels(grey.width(), grey.height())?;
        for yy in y..y + h {
            for xx in x..x + w {
                hist[grey.get_pixel(xx, yy).0[0] as usize] += 1;
                n += 1;
            }
        }
    }
    hist_quantile(&hist, n, share)
}

/// The level below which `share` of the `n` values counted in `hist` lie.
fn hist_quantile(hist: &[u32; 256], n: u32, share: f32) -> Option<f32> {
    let wanted = (share.clamp(0.0, 1.0) * n as f32).ceil().max(1.0) as u32;
    let mut acc = 0;
    for (v, &c) in hist.iter().enumerate() {
        acc += c;
        if acc >= wanted {
            return Some(v as f32);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An upright face, eyes 100 px wide, centres at (200, 200) and (400, 200),
    /// nose wings at y = 370 (1.7 eye widths below, as on the portraits).
    fn points() -> [[f32; 2]; 68] {
        let mut p = [[300.0, 250.0]; 68];
        for (start, cx) in [(36, 200.0), (42, 400.0)] {
            let eye = [
                (-50.0, 0.0),
                (-20.0, -15.0),
                (20.0, -15.0),
                (50.0, 0.0),
                (20.0, 15.0),
                (-20.0, 15.0),
            ];
            for (i, (dx, dy)) in eye.iter().enumerate() {
                p[start + i] = [cx + dx, 200.0 + dy];
            }
        }
        p[31] = [270.0, 370.0];
        p[35] = [330.0, 370.0];
        p
    }

    #[test]
    fn lenses_hold_the_eyes_and_cheeks_lie_below_them_above_the_nose_wings() {
        let params = EyewearParams::DEFAULT;
        let [left, right] = eye_regions(&points(), &params).expect("68 points");
        for r in [left, right] {
            assert!(r.lens.x < r.eye.x && r.lens.right() > r.eye.right());
            assert!(r.lens.y < r.eye.y && r.lens.bottom() > r.eye.bottom());
            assert!(r.cheek.y >= r.lens.bottom() && r.cheek.bottom() <= 370.0);
        }
        // The outer side reaches further: left of the picture's left eye.
        assert!(150.0 - left.lens.x > left.lens.right() - 250.0);
        assert!(right.lens.right() - 450.0 > 350.0 - right.lens.x);
        assert!(eye_regions(&points()[..40], &params).is_none());
        // A short drop to the nose wings (a head pitched) keeps the cheek off the lens.
        let mut pitched = points();
        pitched[31][1] = 290.0;
        pitched[35][1] = 290.0;
        for r in eye_regions(&pitched, &params).unwrap() {
            assert!(r.cheek.y >= r.lens.bottom());
        }
    }

    #[test]
    fn a_pupil_reads_dark_and_a_bright_lens_does_not() {
        let params = EyewearParams::DEFAULT;
        let skin = image::Rgb([180, 150, 130]);
        let mut rgb = RgbImage::from_pixel(600, 400, skin);
        for cx in [200, 400] {
            for y in 188..212 {
                for x in cx - 12..cx + 12 {
                    rgb.put_pixel(x, y, image::Rgb([20, 20, 20]));
                }
            }
        }
        let grey = crate::analysis::to_grey(&rgb);
        let eyes = measure(&rgb, &grey, &points(), &params).expect("measured");
        assert!(eyes.eye_darkest_to_cheek.unwrap() < 0.2, "{eyes:?}");
        assert!(eyes.eye_to_cheek_ratio > 0.9, "{eyes:?}");
        assert_eq!(eyes.glare_share, 0.0);

        // A sky-blue lens hides the pupils; a clipped reflection over them is
        // glare, not a mirror.
        for (colour, mirror) in [([150, 190, 235], true), ([250, 250, 250], false)] {
            let mut lensed = rgb.clone();
            let [l, r] = eye_regions(&points(), &params).unwrap();
            for lens in [l.lens, r.lens] {
                let (x, y, w, h) = lens.clamped_pixels(600, 400).unwrap();
                for yy in y..y + h {
                    for xx in x..x + w {
                        lensed.put_pixel(xx, yy, image::Rgb(colour));
                    }
                }
            }
            let grey = crate::analysis::to_grey(&lensed);
            let eyes = measure(&lensed, &grey, &points(), &params).expect("measured");
            if mirror {
                assert!(eyes.eye_darkest_to_cheek.unwrap() > 1.0, "{eyes:?}");
                assert_eq!(eyes.glare_share, 0.0);
            } else {
                assert_eq!(eyes.eye_darkest_to_cheek, None);
                assert!(eyes.glare_share > 0.9, "{eyes:?}");
            }
        }
    }

    #[test]
    fn quantiles_count_from_the_darkest_pixel() {
        let mut grey = GrayImage::from_pixel(10, 10, image::Luma([200]));
        for x in 0..10 {
            grey.put_pixel(x, 0, image::Luma([10]));
        }
        let all = [Rect::new(0.0, 0.0, 10.0, 10.0)];
        assert_eq!(quantile_in(&grey, &all, 0.1), Some(10.0));
        assert_eq!(quantile_in(&grey, &all, 0.11), Some(200.0));
        assert_eq!(quantile_in(&grey, &all, 0.5), Some(200.0));
        assert_eq!(
            quantile_in(&grey, &[Rect::new(20.0, 20.0, 5.0, 5.0)], 0.5),
            None
        );
    }
}
