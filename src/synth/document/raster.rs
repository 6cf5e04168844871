//! Drawing into an RGB image: rectangles, convex polygons, thick lines, and a card
//! warped onto the frame with anti-aliased rounded corners.

use crate::analysis::document::{apply_h, quad_to_unit_square};
use image::{imageops, Rgb, RgbImage};

pub(super) fn lerp2(a: [f32; 2], b: [f32; 2], t: f32) -> [f32; 2] {
    [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
}

pub(super) fn fill_rect(img: &mut RgbImage, x0: f32, y0: f32, x1: f32, y1: f32, col: [f32; 3]) {
    let (w, h) = img.dimensions();
    let xa = x0.max(0.0) as u32;
    let ya = y0.max(0.0) as u32;
    let xb = (x1.max(0.0) as u32).min(w);
    let yb = (y1.max(0.0) as u32).min(h);
    let c = Rgb(col.map(|v| v.clamp(0.0, 255.0) as u8));
    for y in ya..yb {
        for x in xa..xb {
            img.put_pixel(x, y, c);
        }
    }
}

/// Fills a convex polygon; `shade(x, y)` gives the colour, `alpha` the opacity.
pub(super) fn fill_polygon<F: Fn(f32, f32) -> [f32; 3]>(
    img: &mut RgbImage,
    poly: &[[f32; 2]],
    shade: F,
    alpha: f32,
) {
    if poly.len() < 3 {
        return;
    }
    let (w, h) = img.dimensions();
    let x0 = poly.iter().map(|p| p[0]).fold(f32::MAX, f32::min).max(0.0) as u32;
    let x1 = (poly.iter().map(|p| p[0]).fold(f32::MIN, f32::max).max(0.0) as u32).min(w);
    let y0 = poly.iter().map(|p| p[1]).fold(f32::MAX, f32::min).max(0.0) as u32;
    let y1 = (poly.iter().map(|p| p[1]).fold(f32::MIN, f32::max).max(0.0) as u32).min(h);
    let shape = Convex::new(poly);
    for y in y0..y1 {
        for x in x0..x1 {
            let p = [x as f32 + 0.5, y as f32 + 0.5];
            if shape.contains(p) {
                let c = shade(p[0], p[1]);
                let px = img.get_pixel_mut(x, y);
                for (v, ci) in px.0.iter_mut().zip(c) {
                    *v = (*v as f32 * (1.0 - alpha) + ci * alpha).clamp(0.0, 255.0) as u8;
                }
            }
        }
    }
}

/// A convex polygon, either winding.
pub(super) struct Convex<'a> {
    poly: &'a [[f32; 2]],
    /// Sign of its signed area: which side of each edge is inside.
    winding: f32,
}

impl<'a> Convex<'a> {
    pub(super) fn new(poly: &'a [[f32; 2]]) -> Self {
        let area: f32 = (0..poly.len())
            .map(|i| {
                let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
                a[0] * b[1] - a[1] * b[0]
            })
            .sum();
        Convex {
            poly,
            winding: area.signum(),
        }
    }

    pub(super) fn contains(&self, p: [f32; 2]) -> bool {
        let poly = self.poly;
        (0..poly.len()).all(|i| {
            let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
            self.winding * ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])) >= 0.0
        })
    }
}

pub(super) fn draw_thick_line(
    img: &mut RgbImage,
    a: [f32; 2],
    b: [f32; 2],
    half: f32,
    col: [f32; 3],
) {
    let d = [b[0] - a[0], b[1] - a[1]];
    let len = d[0].hypot(d[1]);
    if len < 1e-3 {
        return;
    }
    let n = [-d[1] / len * half, d[0] / len * half];
    let poly = vec![
        [a[0] + n[0], a[1] + n[1]],
        [b[0] + n[0], b[1] + n[1]],
        [b[0] - n[0], b[1] - n[1]],
        [a[0] - n[0], a[1] - n[1]],
    ];
    fill_polygon(img, &poly, |_, _| col, 1.0);
}

/// Warps `card` onto `frame` so its corners land on `corners`, with an anti-aliased
/// outline and ID-1 rounded corners (radius 3.18 mm of 85.6 mm).
pub fn paste_warped(frame: &mut RgbImage, card: &RgbImage, corners: &[[f32; 2]; 4]) {
    let Some(outline) =
        CardOutline::new(corners, card.width() as f32 / card.height().max(1) as f32)
    else {
        return;
    };
    // Pre-shrink the card so bilinear sampling does not alias its fine pattern.
    let scale = (outline.px_per_unit / card.width().max(1) as f32).clamp(0.05, 1.0);
    let card = if scale < 0.9 {
        let nw = ((card.width() as f32 * scale * 1.1) as u32).max(2);
        let nh = ((card.height() as f32 * scale * 1.1) as u32).max(2);
        imageops::resize(card, nw, nh, imageops::FilterType::Triangle)
    } else {
        card.clone()
    };
    let (cw, ch) = (card.width() as f32, card.height() as f32);
    let (x0, x1, y0, y1) = bounds(corners, frame.width(), frame.height());
    for y in y0..y1 {
        for x in x0..x1 {
            let Some((alpha, [u, v])) = outline.cover(x as f32 + 0.5, y as f32 + 0.5) else {
                continue;
            };
            let sx = (u * cw - 0.5).clamp(0.0, cw - 1.001);
            let sy = (v * ch - 0.5).clamp(0.0, ch - 1.001);
            let (ix, iy) = (sx as u32, sy as u32);
            let (tx, ty) = (sx - ix as f32, sy - iy as f32);
            let p00 = card.get_pixel(ix, iy).0;
            let p10 = card.get_pixel(ix + 1, iy).0;
            let p01 = card.get_pixel(ix, iy + 1).0;
            let p11 = card.get_pixel(ix + 1, iy + 1).0;
            let dst = frame.get_pixel_mut(x, y);
            for i in 0..3 {
                let top = p00[i] as f32 * (1.0 - tx) + p10[i] as f32 * tx;
                let bot = p01[i] as f32 * (1.0 - tx) + p11[i] as f32 * tx;
                let c = top * (1.0 - ty) + bot * ty;
                dst.0[i] = (dst.0[i] as f32 * (1.0 - alpha) + c * alpha).clamp(0.0, 255.0) as u8;
            }
        }
    }
}

/// Pixel range (x0, x1, y0, y1; ends exclusive) of the frame that the corners span.
pub(super) fn bounds(corners: &[[f32; 2]], fw: u32, fh: u32) -> (u32, u32, u32, u32) {
    let xs = corners.iter().map(|p| p[0]);
    let ys = corners.iter().map(|p| p[1]);
    let x0 = xs.clone().fold(f32::MAX, f32::min).floor().max(0.0) as u32;
    let x1 = (xs.fold(f32::MIN, f32::max).ceil().max(0.0) as u32 + 1).min(fw);
    let y0 = ys.clone().fold(f32::MAX, f32::min).floor().max(0.0) as u32;
    let y1 = (ys.fold(f32::MIN, f32::max).ceil().max(0.0) as u32 + 1).min(fh);
    (x0, x1, y0, y1)
}

/// Where a card with rounded corners (ID-1: 3.18 mm on 85.6 mm) lies in the frame.
pub(super) struct CardOutline {
    /// Frame → unit square.
    inv: [f32; 9],
    /// Card width / height.
    aspect: f32,
    /// Frame pixels per card width (the longer of the two long sides).
    px_per_unit: f32,
}

impl CardOutline {
    pub(super) fn new(corners: &[[f32; 2]; 4], aspect: f32) -> Option<Self> {
        let inv = quad_to_unit_square(corners)?;
        let px_per_unit = ((corners[0][0] - corners[1][0]).hypot(corners[0][1] - corners[1][1]))
            .max((corners[3][0] - corners[2][0]).hypot(corners[3][1] - corners[2][1]))
            .max(1.0);
        Some(CardOutline {
            inv,
            aspect,
            px_per_unit,
        })
    }

    /// How much of the pixel centred at (x, y) the card covers (anti-aliased over one
    /// pixel), and the point's card coordinates (0–1 across and down); `None` off it.
    pub(super) fn cover(&self, x: f32, y: f32) -> Option<(f32, [f32; 2])> {
        const RADIUS_U: f32 = 3.18 / 85.6;
        let [u, v] = apply_h(&self.inv, x, y)?;
        // Distance to the outline in card-width units (v scaled by 1/aspect).
        let (uu, vv) = (u, v / self.aspect);
        let hv = 1.0 / self.aspect;
        let mut d = uu.min(1.0 - uu).min(vv).min(hv - vv);
        let (dx, dy) = (
            (RADIUS_U - uu).max(uu - (1.0 - RADIUS_U)),
            (RADIUS_U - vv).max(vv - (hv - RADIUS_U)),
        );
        if dx > 0.0 && dy > 0.0 {
            d = RADIUS_U - dx.hypot(dy);
        }
        let alpha = (d * self.px_per_unit + 0.5).clamp(0.0, 1.0);
        (alpha > 0.0).then_some((alpha, [u, v]))
    }
}
