//! A thumb laid over a document in a photo: a rounded shape (a capsule: the thumb's
//! width, a rounded tip) coming in from outside the document, filled with real skin
//! texture cut from a photo, shaded round across its width, with its nail and the
//! nail's highlight near the tip and a soft shadow cast on what lies under it.
//! Deterministic for a seed. Used on real document photos (the tests and
//! `examples/evaluate_fingers.rs`) and in the synthetic scenes.

use crate::synth::rng::Rng;
use image::RgbImage;

/// Where a thumb lies over a document whose corners are given clockwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThumbPlace {
    /// Over corner k.
    Corner(usize),
    /// Across side k (from corner k to corner k + 1), clear of both its corners.
    Edge(usize),
}

/// What was drawn: the thumb's axis (from its tip's centre outwards), its half-width,
/// and which of the document's corners it covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThumbTruth {
    pub place: ThumbPlace,
    pub tip: [f32; 2],
    pub base: [f32; 2],
    pub half_width: f32,
    pub covered_corners: [bool; 4],
}

impl ThumbTruth {
    /// Whether the point lies under the thumb.
    pub fn covers(&self, p: [f32; 2]) -> bool {
        segment_distance(p, self.tip, self.base) < self.half_width
    }
}

/// A thumb's half-width as a share of the document's shorter side: a thumb is 15–20 mm
/// wide, an ID-1 card 54 mm high (a passport page 88 mm: its thumbs come out thinner).
const HALF_WIDTH_OF_SHORT_SIDE: (f32, f32) = (0.14, 0.19);
/// Skin texture pixels per document-short-side: the forehead and cheeks cut from the
/// public-domain portraits show ~0.8 mm a pixel, so 54 mm spans ~65 of them.
const SKIN_TEXELS_PER_SHORT_SIDE: f32 = 65.0;
/// Strongest darkening of the shadow the thumb casts, and its offset (share of the
/// half-width, light from the upper left).
const SHADOW_DEPTH: f32 = 0.45;
const SHADOW_OFFSET: [f32; 2] = [0.25, 0.35];

/// Draws a thumb over `corners` (clockwise, frame pixels) at `place` with the skin
/// texture `skin` (any size, tiled mirrored), its size and angle drawn from `seed`.
pub fn composite_thumb(
    frame: &mut RgbImage,
    corners: &[[f32; 2]; 4],
    place: ThumbPlace,
    skin: &RgbImage,
    seed: u64,
) -> ThumbTruth {
    let mut rng = Rng::new(seed ^ 0x7A0B_F1A6_3E2D_1C55);
    let len = |a: [f32; 2], b: [f32; 2]| (b[0] - a[0]).hypot(b[1] - a[1]);
    let short = len(corners[0], corners[1])
        .min(len(corners[1], corners[2]))
        .max(1.0);
    let r = short * rng.range(HALF_WIDTH_OF_SHORT_SIDE.0, HALF_WIDTH_OF_SHORT_SIDE.1);
    let centre = [
        corners.iter().map(|p| p[0]).sum::<f32>() / 4.0,
        corners.iter().map(|p| p[1]).sum::<f32>() / 4.0,
    ];
    // Where the thumb's axis crosses the document's outline, and which way is out.
    let (cross, out, depth) = match place {
        ThumbPlace::Corner(k) => {
            let c = corners[k % 4];
            let out = turn(
                unit([c[0] - centre[0], c[1] - centre[1]]),
                rng.range(-0.35, 0.35),
            );
            (c, out, r * rng.range(0.5, 1.3))
        }
        ThumbPlace::Edge(k) => {
            let (a, b) = (corners[k % 4], corners[(k + 1) % 4]);
            let t = rng.range(0.35, 0.65);
            let p = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
            let along = unit([b[0] - a[0], b[1] - a[1]]);
            // Clockwise corners on screen (y down): the outward normal of a → b.
            let normal = [along[1], -along[0]];
            let out = turn(normal, rng.range(-0.3, 0.3));
            (p, out, r * rng.range(0.3, 1.0))
        }
    };
    let tip = [cross[0] - out[0] * depth, cross[1] - out[1] * depth];
    let reach = 4.0 * short;
    let base = [tip[0] + out[0] * reach, tip[1] + out[1] * reach];
    let texel = SKIN_TEXELS_PER_SHORT_SIDE / short;
    let skin_offset = [rng.range(0.0, 500.0), rng.range(0.0, 500.0)];
    let shape = Capsule { tip, out, r };
    shape.cast_shadow(frame);
    shape.draw(frame, skin, texel, skin_offset);
    let truth = ThumbTruth {
        place,
        tip,
        base,
        half_width: r,
        covered_corners: [false; 4],
    };
    ThumbTruth {
        covered_corners: corners.map(|c| truth.covers(c)),
        ..truth
    }
}

/// The thumb's shape: a rounded tip at `tip` of radius `r`, the body running out
/// along `out` past the frame.
struct Capsule {
    tip: [f32; 2],
    out: [f32; 2],
    r: f32,
}

impl Capsule {
    /// (along the axis from the tip's centre, across it) of a point.
    fn local(&self, p: [f32; 2]) -> (f32, f32) {
        let d = [p[0] - self.tip[0], p[1] - self.tip[1]];
        (
            d[0] * self.out[0] + d[1] * self.out[1],
            -d[0] * self.out[1] + d[1] * self.out[0],
        )
    }

    /// Signed distance to the outline (negative inside).
    fn signed_distance(&self, p: [f32; 2]) -> f32 {
        let (a, c) = self.local(p);
        if a < 0.0 {
            a.hypot(c) - self.r
        } else {
            c.abs() - self.r
        }
    }

    /// Every frame pixel the shape, grown by `grow`, may touch.
    fn pixels(&self, frame: &RgbImage, grow: f32) -> impl Iterator<Item = (u32, u32)> {
        let (w, h) = frame.dimensions();
        let far = [
            self.tip[0] + self.out[0] * 1e5,
            self.tip[1] + self.out[1] * 1e5,
        ];
        let m = self.r + grow;
        let x0 = (self.tip[0].min(far[0]) - m).clamp(0.0, w as f32) as u32;
        let x1 = (self.tip[0].max(far[0]) + m).clamp(0.0, w as f32) as u32;
        let y0 = (self.tip[1].min(far[1]) - m).clamp(0.0, h as f32) as u32;
        let y1 = (self.tip[1].max(far[1]) + m).clamp(0.0, h as f32) as u32;
        (y0..y1).flat_map(move |y| (x0..x1).map(move |x| (x, y)))
    }

    /// Darkens what lies under and beside the thumb, offset from it and soft-edged.
    fn cast_shadow(&self, frame: &mut RgbImage) {
        let (dx, dy) = (SHADOW_OFFSET[0] * self.r, SHADOW_OFFSET[1] * self.r);
        let soft = 0.6 * self.r;
        let pixels: Vec<(u32, u32)> = self.pixels(frame, dx.max(dy) + soft).collect();
        for (x, y) in pixels {
            let p = [x as f32 + 0.5 - dx, y as f32 + 0.5 - dy];
            let d = self.signed_distance(p);
            let k = SHADOW_DEPTH * (1.0 - smoothstep(-0.3 * self.r, soft, d));
            if k > 0.0 {
                let px = frame.get_pixel_mut(x, y);
                px.0 = px.0.map(|v| (v as f32 * (1.0 - k)) as u8);
            }
        }
    }

    /// The thumb itself: skin texture shaded round, the nail near the tip.
    fn draw(&self, frame: &mut RgbImage, skin: &RgbImage, texel: f32, offset: [f32; 2]) {
        let edge = (0.04 * self.r).max(1.0);
        let pixels: Vec<(u32, u32)> = self.pixels(frame, edge).collect();
        for (x, y) in pixels {
            let p = [x as f32 + 0.5, y as f32 + 0.5];
            let alpha = (0.5 - self.signed_distance(p) / edge).clamp(0.0, 1.0);
            if alpha <= 0.0 {
                continue;
            }
            let (a, c) = self.local(p);
            let mut colour = sample_mirrored(skin, offset[0] + a * texel, offset[1] + c * texel);
            // Round across its width, lit a little from one side.
            let q = (c / self.r).clamp(-1.0, 1.0);
            let shade = 0.72 + 0.33 * (1.0 - q * q).sqrt() - 0.06 * q;
            colour = colour.map(|v| v * shade);
            // The nail: paler and pinker, from near the tip back over a third of the
            // thumb's length, with a highlight along it.
            let nail =
                ((a + 0.2 * self.r) / (0.62 * self.r)).powi(2) + (c / (0.6 * self.r)).powi(2);
            let nail_k = 1.0 - smoothstep(0.8, 1.0, nail);
            if nail_k > 0.0 {
                let pale = [236.0, 205.0, 198.0];
                let shine = 30.0 * (-((c + 0.3 * self.r) / (0.12 * self.r)).powi(2)).exp();
                for i in 0..3 {
                    let n = colour[i] * 0.65 + pale[i] * shade * 0.35 + shine;
                    colour[i] = colour[i] * (1.0 - nail_k) + n * nail_k;
                }
            }
            let px = frame.get_pixel_mut(x, y);
            for (v, c) in px.0.iter_mut().zip(colour) {
                *v = (*v as f32 * (1.0 - alpha) + c * alpha).clamp(0.0, 255.0) as u8;
            }
        }
    }
}

/// The texture at (u, v) in its own pixels, tiled mirrored, bilinear.
fn sample_mirrored(tex: &RgbImage, u: f32, v: f32) -> [f32; 3] {
    let (w, h) = tex.dimensions();
    if w == 0 || h == 0 {
        return [200.0, 150.0, 120.0];
    }
    let fold = |t: f32, n: u32| {
        let period = 2.0 * n as f32;
        let m = t.rem_euclid(period);
        let m = if m < n as f32 { m } else { period - m };
        m.clamp(0.0, n as f32 - 1.001)
    };
    let (x, y) = (fold(u, w), fold(v, h));
    let (ix, iy) = (x as u32, y as u32);
    let (tx, ty) = (x - ix as f32, y - iy as f32);
    let (ix1, iy1) = ((ix + 1).min(w - 1), (iy + 1).min(h - 1));
    let g = |x, y| tex.get_pixel(x, y).0.map(f32::from);
    let (p00, p10, p01, p11) = (g(ix, iy), g(ix1, iy), g(ix, iy1), g(ix1, iy1));
    std::array::from_fn(|i| {
        let top = p00[i] * (1.0 - tx) + p10[i] * tx;
        let bottom = p01[i] * (1.0 - tx) + p11[i] * tx;
        top * (1.0 - ty) + bottom * ty
    })
}

fn smoothstep(lo: f32, hi: f32, x: f32) -> f32 {
    let t = ((x - lo) / (hi - lo)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

fn unit(v: [f32; 2]) -> [f32; 2] {
    let l = v[0].hypot(v[1]).max(1e-6);
    [v[0] / l, v[1] / l]
}

/// `v` turned by `a` radians (clockwise on screen).
fn turn(v: [f32; 2], a: f32) -> [f32; 2] {
    let (c, s) = (a.cos(), a.sin());
    [v[0] * c - v[1] * s, v[0] * s + v[1] * c]
}

/// Distance from `p` to the segment a–b.
fn segment_distance(p: [f32; 2], a: [f32; 2], b: [f32; 2]) -> f32 {
    let d = [b[0] - a[0], b[1] - a[1]];
    let l2 = (d[0] * d[0] + d[1] * d[1]).max(1e-9);
    let t = (((p[0] - a[0]) * d[0] + (p[1] - a[1]) * d[1]) / l2).clamp(0.0, 1.0);
    (p[0] - a[0] - d[0] * t).hypot(p[1] - a[1] - d[1] * t)
}

/// A patch of skin to fill a thumb with: the part of `photo` at `(x, y, w, h)` (a
/// cheek or forehead of a real portrait), clipped to the photo.
pub fn skin_patch(photo: &RgbImage, (x, y, w, h): (u32, u32, u32, u32)) -> RgbImage {
    let (pw, ph) = photo.dimensions();
    let (x, y) = (x.min(pw.saturating_sub(1)), y.min(ph.saturating_sub(1)));
    let (w, h) = (w.min(pw - x).max(1), h.min(ph - y).max(1));
    image::imageops::crop_imm(photo, x, y, w, h).to_image()
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    fn card() -> [[f32; 2]; 4] {
        [
            [200.0, 150.0],
            [600.0, 150.0],
            [600.0, 402.0],
            [200.0, 402.0],
        ]
    }

    #[test]
    fn a_thumb_over_a_corner_covers_it_and_comes_from_outside() {
        let skin = RgbImage::from_pixel(8, 8, Rgb([200, 150, 120]));
        for k in 0..4 {
            let mut frame = RgbImage::from_pixel(800, 600, Rgb([40, 40, 40]));
            let t = composite_thumb(&mut frame, &card(), ThumbPlace::Corner(k), &skin, 7);
            let want: [bool; 4] = std::array::from_fn(|i| i == k);
            assert_eq!(t.covered_corners, want, "corner {k}");
            // The corner's pixel is skin-coloured now, the card's centre is not touched.
            let c = card()[k];
            let px = frame.get_pixel(c[0] as u32, c[1] as u32).0;
            assert!(px[0] > px[2] + 30, "corner {k}: {px:?}");
            assert_eq!(frame.get_pixel(400, 276).0, [40, 40, 40]);
        }
    }

    #[test]
    fn a_thumb_along_an_edge_covers_no_corner() {
        let skin = RgbImage::from_pixel(8, 8, Rgb([200, 150, 120]));
        for k in 0..4 {
            for seed in 0..5 {
                let mut frame = RgbImage::from_pixel(800, 600, Rgb([40, 40, 40]));
                let t = composite_thumb(&mut frame, &card(), ThumbPlace::Edge(k), &skin, seed);
                assert_eq!(t.covered_corners, [false; 4], "edge {k} seed {seed}");
            }
        }
    }
}
