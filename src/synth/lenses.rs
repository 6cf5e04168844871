//! Sunglasses painted over the eyes of a real portrait, where its landmarks put
//! them: the photos kycam is judged on hold ordinary glasses but no sunglasses, so
//! `sunglasses` is checked on these composites (docs/eyewear.md).

use image::{Rgb, RgbImage};

use super::rng::Rng;
use crate::analysis::eyewear::{eye_regions, EyewearParams};
use crate::geometry::Rect;

/// What the lenses look like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lens {
    /// Dark tinted lenses: a little of the eye shows through.
    Dark,
    /// Mirrored lenses: the sky and the ground in front of the wearer reflected,
    /// bright and bluish at the top, paler at the horizon, greyer below; no eye
    /// shows through.
    Mirrored,
}

/// Paints a pair of `lens` over the eyes at `points` (68 landmarks), each an
/// ellipse a little larger than the lens region with a dark rim; sizes and
/// colours vary with `seed`.
pub fn paint(image: &mut RgbImage, points: &[[f32; 2]], lens: Lens, seed: u64) {
    let Some(regions) = eye_regions(points, &EyewearParams::DEFAULT) else {
        return;
    };
    let mut rng = Rng::new(seed);
    // Each side grown by this share of the lens region: sunglasses are larger
    // than ordinary lenses.
    let grow = rng.range(0.03, 0.15);
    let sky = [rng.range(70.0, 140.0), rng.range(140.0, 190.0), 235.0];
    let horizon = rng.range(0.55, 0.75);
    let tint = rng.range(18.0, 40.0);
    for r in regions.map(|r| r.lens.grown(grow, grow, grow, grow)) {
        paint_one(image, &r, |fy, orig| match lens {
            Lens::Dark => {
                // 10 % of the light through, as category 3 sunglasses.
                orig.map(|c| tint + 0.1 * c)
            }
            Lens::Mirrored => mirror_colour(fy, sky, horizon),
        });
    }
}

/// The reflection at `fy` (0 = the lens's top, 1 = its bottom).
fn mirror_colour(fy: f32, sky: [f32; 3], horizon: f32) -> [f32; 3] {
    let pale = [225.0, 232.0, 240.0];
    let ground = [150.0, 140.0, 125.0];
    if fy < horizon {
        let t = fy / horizon;
        std::array::from_fn(|i| sky[i] + (pale[i] - sky[i]) * t)
    } else {
        let t = (fy - horizon) / (1.0 - horizon).max(1e-3);
        std::array::from_fn(|i| pale[i] + (ground[i] - pale[i]) * t.min(1.0) * 0.8)
    }
}

/// Fills the ellipse inside `r` with `colour(fy, original)` and draws its rim.
fn paint_one(image: &mut RgbImage, r: &Rect, colour: impl Fn(f32, [f32; 3]) -> [f32; 3]) {
    let (w, h) = image.dimensions();
    let [cx, cy] = r.center();
    let (rx, ry) = (r.w / 2.0, r.h / 2.0);
    let rim = 0.08;
    let y0 = (r.y.floor().max(0.0)) as u32;
    let y1 = (r.bottom().ceil().max(0.0) as u32).min(h);
    let x0 = (r.x.floor().max(0.0)) as u32;
    let x1 = (r.right().ceil().max(0.0) as u32).min(w);
    for y in y0..y1 {
        for x in x0..x1 {
            let (dx, dy) = ((x as f32 + 0.5 - cx) / rx, (y as f32 + 0.5 - cy) / ry);
            let d = (dx * dx + dy * dy).sqrt();
            if d > 1.0 {
                continue;
            }
            let p = image.get_pixel_mut(x, y);
            let c = if d > 1.0 - rim {
                [30.0, 28.0, 30.0]
            } else {
                colour((y as f32 - r.y) / r.h, p.0.map(f32::from))
            };
            *p = Rgb(c.map(|v| v.round().clamp(0.0, 255.0) as u8));
        }
    }
}
