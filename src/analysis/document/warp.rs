//! Perspective warps: the homography of the unit square onto a quad, rectifying the
//! found document (fixed-point bilinear), and mapping points back to the frame.

use image::{GrayImage, RgbImage};

use super::geometry::Pt;

/// Homography mapping the unit square's corners (0,0),(1,0),(1,1),(0,1) to `q`.
fn square_to_quad(q: &[Pt; 4]) -> Option<[f32; 9]> {
    // Closed form (Heckbert): projective map of the unit square.
    let [p0, p1, p2, p3] = q.map(|p| [p[0] as f64, p[1] as f64]);
    let sx = p0[0] - p1[0] + p2[0] - p3[0];
    let sy = p0[1] - p1[1] + p2[1] - p3[1];
    let (dx1, dy1) = (p1[0] - p2[0], p1[1] - p2[1]);
    let (dx2, dy2) = (p3[0] - p2[0], p3[1] - p2[1]);
    let det = dx1 * dy2 - dx2 * dy1;
    if det.abs() < 1e-12 {
        return None;
    }
    let g = (sx * dy2 - dx2 * sy) / det;
    let hh = (dx1 * sy - sx * dy1) / det;
    let m = [
        p1[0] - p0[0] + g * p1[0],
        p3[0] - p0[0] + hh * p3[0],
        p0[0],
        p1[1] - p0[1] + g * p1[1],
        p3[1] - p0[1] + hh * p3[1],
        p0[1],
        g,
        hh,
        1.0,
    ];
    if m.iter().all(|v| v.is_finite()) {
        Some(m.map(|v| v as f32))
    } else {
        None
    }
}

/// Inverse of a 3×3 matrix (row-major); `None` when singular.
fn invert3(m: &[f32; 9]) -> Option<[f32; 9]> {
    let m: [f64; 9] = m.map(|v| v as f64);
    let c0 = m[4] * m[8] - m[5] * m[7];
    let c1 = m[5] * m[6] - m[3] * m[8];
    let c2 = m[3] * m[7] - m[4] * m[6];
    let det = m[0] * c0 + m[1] * c1 + m[2] * c2;
    if det.abs() < 1e-12 {
        return None;
    }
    let inv = [
        c0,
        m[2] * m[7] - m[1] * m[8],
        m[1] * m[5] - m[2] * m[4],
        c1,
        m[0] * m[8] - m[2] * m[6],
        m[2] * m[3] - m[0] * m[5],
        c2,
        m[1] * m[6] - m[0] * m[7],
        m[0] * m[4] - m[1] * m[3],
    ];
    Some(inv.map(|v| (v / det) as f32))
}

/// Homography from the quad `q` onto the unit square, corner 0 to (0, 0), 1 to (1, 0)
/// and 3 to (0, 1): with [`apply_h`], where a frame point lies on the quad.
pub(crate) fn quad_to_unit_square(q: &[Pt; 4]) -> Option<[f32; 9]> {
    invert3(&square_to_quad(q)?)
}

/// Maps (u, v) in the unit square through homography `m`.
pub(crate) fn apply_h(m: &[f32; 9], u: f32, v: f32) -> Option<Pt> {
    let z = m[6] * u + m[7] * v + m[8];
    if z.abs() < 1e-9 {
        return None;
    }
    Some([
        (m[0] * u + m[1] * v + m[2]) / z,
        (m[3] * u + m[4] * v + m[5]) / z,
    ])
}

/// Where a point of the rectified image (`out_w`×`out_h`, as made by [`rectify`])
/// lies in the frame the document was found in.
pub fn frame_from_rectified(
    corners: &[[f32; 2]; 4],
    out_w: u32,
    out_h: u32,
    x: f32,
    y: f32,
) -> Option<[f32; 2]> {
    let m = square_to_quad(corners)?;
    apply_h(&m, x / out_w as f32, y / out_h as f32)
}

/// Perspective-warps the quadrilateral `corners` (clockwise from top-left) of `rgb` to an
/// `out_w × out_h` image (bilinear). Pixels mapping outside the input are black.
pub fn rectify(rgb: &RgbImage, corners: &[[f32; 2]; 4], out_w: u32, out_h: u32) -> RgbImage {
    let data = warp::<3>(
        rgb.as_raw(),
        rgb.width(),
        rgb.height(),
        corners,
        out_w,
        out_h,
    );
    RgbImage::from_raw(out_w, out_h, data).unwrap_or_default()
}

/// [`rectify`] at the document's own resolution: as many pixels across as its
/// top and bottom sides span in the frame, and down as its left and right sides
/// (nothing is enlarged or thrown away), at least 2 × 2.
pub fn rectify_own_size(rgb: &RgbImage, corners: &[[f32; 2]; 4]) -> RgbImage {
    let side = |v: f32| {
        if v.is_finite() {
            (v.round() as u32).max(2)
        } else {
            2
        }
    };
    rectify(
        rgb,
        corners,
        side(super::geometry::width_px(corners)),
        side(super::geometry::height_px(corners)),
    )
}

/// [`rectify`] for a grey image: a third of the work where colour is not needed.
pub fn rectify_grey(
    grey: &GrayImage,
    corners: &[[f32; 2]; 4],
    out_w: u32,
    out_h: u32,
) -> GrayImage {
    let data = warp::<1>(
        grey.as_raw(),
        grey.width(),
        grey.height(),
        corners,
        out_w,
        out_h,
    );
    GrayImage::from_raw(out_w, out_h, data).unwrap_or_default()
}

/// [`rectify_grey`] at the document's own resolution (its width in the frame, the
/// mean of its top and bottom sides, and the `max_w` × `max_h` aspect), or at
/// `max_w` × `max_h` when the document spans at least that many pixels: no pixel
/// of it is enlarged, and a large one is not measured at more than that size.
pub fn rectify_grey_at_most(
    grey: &GrayImage,
    corners: &[[f32; 2]; 4],
    max_w: u32,
    max_h: u32,
) -> GrayImage {
    let own_w = super::geometry::width_px(corners).round();
    let (w, h) = if own_w.is_nan() || own_w >= max_w as f32 {
        (max_w, max_h)
    } else {
        let w = (own_w as u32).max(2);
        (w, (w * max_h / max_w.max(1)).max(2))
    };
    rectify_grey(grey, corners, w, h)
}

/// Output pixels per stretch of a row over which source positions are stepped
/// by a parabola (see [`Track`]) instead of divided out per pixel: within one
/// grey level of the exact warp (tests/document.rs), at a tenth of the cost of a
/// division, a rounding and a clamp per pixel.
const WARP_SPAN: usize = 32;

/// Perspective warp of interleaved `C`-channel pixels, bilinear; outside is black.
fn warp<const C: usize>(
    raw: &[u8],
    w: u32,
    h: u32,
    corners: &[[f32; 2]; 4],
    out_w: u32,
    out_h: u32,
) -> Vec<u8> {
    let row_len = out_w as usize * C;
    let mut out = vec![0u8; row_len * out_h as usize];
    let Some(m) = square_to_quad(corners) else {
        return out;
    };
    if w == 0 || h == 0 || out_w == 0 || raw.len() < (w * h) as usize * C {
        return out;
    }
    let src = Source::<C> {
        raw,
        w: w as usize,
        h: h as usize,
    };
    let du = 1.0 / out_w as f32;
    for (oy, row) in out.chunks_exact_mut(row_len).enumerate() {
        let v = (oy as f32 + 0.5) / out_h as f32;
        // Source position of output column `ox` (pixel centres at +0.5).
        let at = |ox: f32| -> Option<(f32, f32)> {
            let u = (ox + 0.5) * du;
            let z = m[6] * u + m[7] * v + m[8];
            (z.abs() > 1e-9).then(|| {
                (
                    (m[0] * u + m[1] * v + m[2]) / z - 0.5,
                    (m[3] * u + m[4] * v + m[5]) / z - 0.5,
                )
            })
        };
        // Each stretch starts where the previous one ended.
        let mut start = at(0.0);
        for (i, span) in row.chunks_mut(WARP_SPAN * C).enumerate() {
            let first = (i * WARP_SPAN) as f32;
            let n = span.len() / C;
            let mid = at(first + n as f32 * 0.5);
            let end = at(first + n as f32);
            match (std::mem::replace(&mut start, end), mid, end) {
                (Some(s), Some(m), Some(e)) if near(s) && near(m) && near(e) => {
                    let (x, y) = (
                        Track::through(s.0, m.0, e.0, n),
                        Track::through(s.1, m.1, e.1, n),
                    );
                    if src.interior(x.at(0), y.at(0)) && src.interior(x.at(n), y.at(n)) {
                        // The stretch runs along a straight line in the frame
                        // between two points with all four neighbours inside:
                        // so are all its pixels.
                        src.sample_interior(x, y, span);
                    } else {
                        let (mut x, mut y) = (x, y);
                        for px in span.chunks_exact_mut(C) {
                            src.sample(x.next(), y.next(), px);
                        }
                    }
                }
                // A wild perspective: far-off or horizon-crossing positions.
                _ => {
                    for (k, px) in span.chunks_exact_mut(C).enumerate() {
                        if let Some(p) = at(first + k as f32).filter(|&p| near(p)) {
                            src.sample(fixed(p.0), fixed(p.1), px);
                        }
                    }
                }
            }
        }
    }
    out
}

/// A source coordinate along a stretch of output pixels, stepped by forward
/// differences of the parabola through its start, middle and end: along a
/// row the homography is a ratio of linear functions, which a parabola over
/// 16 pixels follows to well under a thousandth of a pixel. In 1/2³² px, so
/// the second difference keeps its precision.
#[derive(Clone, Copy)]
struct Track {
    pos: i64,
    step: i64,
    bend: i64,
}

impl Track {
    /// Through `start` at 0, `mid` at n/2 and `end` at n (pixels).
    fn through(start: f32, mid: f32, end: f32, n: usize) -> Track {
        const UNIT: f64 = 4_294_967_296.0;
        let (s, m, e, n) = (f64::from(start), f64::from(mid), f64::from(end), n as f64);
        // p(k) = s + b·k + c·k²
        let c = 2.0 * (e - 2.0 * m + s) / (n * n);
        let b = (e - s) / n - c * n;
        Track {
            // Half a 1/256th added, as in `fixed`.
            pos: (s * UNIT) as i64 + (128 << 16),
            step: ((b + c) * UNIT) as i64,
            bend: (2.0 * c * UNIT) as i64,
        }
    }

    /// The position `k` pixels on, in 1/65536ths (for the bounds check).
    fn at(&self, k: usize) -> i64 {
        let k = k as i64;
        // Σ of steps: k·step + bend·k(k−1)/2.
        (self.pos + k * self.step + self.bend * k * (k - 1) / 2) >> 16
    }

    /// This pixel's position in 1/65536ths; moves to the next.
    #[inline(always)]
    fn next(&mut self) -> i64 {
        let here = self.pos >> 16;
        self.pos += self.step;
        self.step += self.bend;
        here
    }
}

/// Positions this far off the image sample nothing; the bound keeps the fixed
/// point arithmetic far from overflow.
fn near((x, y): (f32, f32)) -> bool {
    x.abs() < 1e6 && y.abs() < 1e6
}

/// Pixels in 1/65536ths, plus half a 1/256th so that the blend weights, cut to
/// 1/256ths by a shift, are rounded rather than truncated (truncating leaves a
/// bias of a tenth of a grey level). A rounding call would cost more than the
/// 1/65536 px it gains.
fn fixed(v: f32) -> i64 {
    (v * 65536.0) as i64 + 128
}

/// Interleaved `C`-channel pixels to sample from.
struct Source<'a, const C: usize> {
    raw: &'a [u8],
    w: usize,
    h: usize,
}

impl<const C: usize> Source<'_, C> {
    /// Whether (x, y) in 1/65536ths has all four bilinear neighbours inside,
    /// with 1/256 px to spare: a stretch's parabola may bow a hair past its
    /// ends, never that far.
    fn interior(&self, x: i64, y: i64) -> bool {
        const SPARE: i64 = 256;
        let inside = |v: i64, n: usize| v >= SPARE && v < ((n as i64 - 1) << 16) - SPARE;
        inside(x, self.w) && inside(y, self.h)
    }

    /// [`Self::sample`] along a line of pixels known to be [`Self::interior`]:
    /// no clamping, and each pixel's two rows read as one slice each.
    #[inline(always)]
    fn sample_interior(&self, mut x: Track, mut y: Track, span: &mut [u8]) {
        let stride = self.w * C;
        for px in span.chunks_exact_mut(C) {
            let (x, y) = (x.next(), y.next());
            let weights = Weights::at(x, y);
            let at = (y >> 16) as usize * stride + (x >> 16) as usize * C;
            let top = &self.raw[at..at + 2 * C];
            let bottom = &self.raw[at + stride..at + stride + 2 * C];
            for ch in 0..C {
                px[ch] = weights.blend([top[ch], top[C + ch], bottom[ch], bottom[C + ch]]);
            }
        }
    }

    /// Bilinear sample at (x, y), given in 1/65536ths of a pixel, into `px`;
    /// edges are extended by half a pixel, beyond that `px` is left as it is (black).
    #[inline(always)]
    fn sample(&self, x: i64, y: i64, px: &mut [u8]) {
        const ONE: i64 = 1 << 16;
        if x <= -ONE || y <= -ONE || x >= (self.w as i64) << 16 || y >= (self.h as i64) << 16 {
            return;
        }
        // Whole part −1 … w − 1 (clamped to the edge).
        let (xi, yi) = (x >> 16, y >> 16);
        let weights = Weights::at(x, y);
        let x0 = xi.max(0) as usize;
        let x1 = ((xi + 1) as usize).min(self.w - 1);
        let y0 = yi.max(0) as usize;
        let y1 = ((yi + 1) as usize).min(self.h - 1);
        let stride = self.w * C;
        let (a, b) = (y0 * stride + x0 * C, y0 * stride + x1 * C);
        let (c, d) = (y1 * stride + x0 * C, y1 * stride + x1 * C);
        let raw = self.raw;
        for (ch, out) in px.iter_mut().enumerate().take(C) {
            *out = weights.blend([raw[a + ch], raw[b + ch], raw[c + ch], raw[d + ch]]);
        }
    }
}

/// A bilinear sample's four neighbours' weights in 1/65536ths (they sum to 65536):
/// top-left, top-right, bottom-left, bottom-right. Made once per pixel and shared
/// by its channels. Blending with them gives the same integer as blending along
/// each row by the horizontal weight and then across the two rows by the vertical
/// one: expanded, that is the same sum of products, with no rounding in between.
#[derive(Clone, Copy)]
struct Weights([u32; 4]);

impl Weights {
    /// For a position (x, y) in 1/65536ths of a pixel, its fraction past the
    /// top-left neighbour cut to 1/256ths.
    #[inline(always)]
    fn at(x: i64, y: i64) -> Weights {
        let (tx, ty) = (((x >> 8) & 255) as u32, ((y >> 8) & 255) as u32);
        let (sx, sy) = (256 - tx, 256 - ty);
        Weights([sx * sy, tx * sy, sx * ty, tx * ty])
    }

    /// The four neighbours' values (in the order of the weights) blended, rounded.
    #[inline(always)]
    fn blend(self, v: [u8; 4]) -> u8 {
        let w = self.0;
        let sum = u32::from(v[0]) * w[0]
            + u32::from(v[1]) * w[1]
            + u32::from(v[2]) * w[2]
            + u32::from(v[3]) * w[3];
        ((sum + (1 << 15)) >> 16) as u8
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::rng::Rng;

    /// The blend as rows then column: along the top and the bottom row by the
    /// horizontal weight, then across them by the vertical one.
    fn rows_then_column(tx: u32, ty: u32, v: [u8; 4]) -> u8 {
        let [a, b, c, d] = v.map(u32::from);
        let top = a * (256 - tx) + b * tx;
        let bottom = c * (256 - tx) + d * tx;
        ((top * (256 - ty) + bottom * ty + (1 << 15)) >> 16) as u8
    }

    /// Along random stretches inside a random picture, the clamp-free sampling of
    /// a stretch gives each pixel what sampling it alone gives, grey and colour.
    #[test]
    fn a_stretch_inside_samples_as_its_pixels_do() {
        fn check<const C: usize>(rng: &mut Rng) {
            let (w, h) = (37, 23);
            let raw: Vec<u8> = (0..w * h * C).map(|_| rng.index(256) as u8).collect();
            let src = Source::<C> { raw: &raw, w, h };
            for _ in 0..500 {
                let n = 1 + rng.index(WARP_SPAN);
                let pos = |rng: &mut Rng, size: usize| rng.range(0.1, size as f32 - 1.1);
                let (x0, x1) = (pos(rng, w), pos(rng, w));
                let (y0, y1) = (pos(rng, h), pos(rng, h));
                let mid = |a: f32, b: f32| 0.5 * (a + b);
                let x = Track::through(x0, mid(x0, x1), x1, n);
                let y = Track::through(y0, mid(y0, y1), y1, n);
                assert!(src.interior(x.at(0), y.at(0)) && src.interior(x.at(n), y.at(n)));
                let mut stretch = vec![0u8; n * C];
                src.sample_interior(x, y, &mut stretch);
                let (mut x, mut y) = (x, y);
                for (k, px) in stretch.chunks_exact(C).enumerate() {
                    let mut alone = [0u8; C];
                    src.sample(x.next(), y.next(), &mut alone);
                    assert_eq!(px, alone, "pixel {k} of {n}");
                }
            }
        }
        let mut rng = Rng::new(6);
        check::<1>(&mut rng);
        check::<3>(&mut rng);
    }

    #[test]
    fn the_one_step_blend_equals_rows_then_column_at_every_weight() {
        let mut rng = Rng::new(26);
        for tx in 0..256u32 {
            for ty in 0..256u32 {
                // A position with these fractions and some whole part and sub-1/256 bits.
                let x = (i64::from(rng.index(2000) as u32) << 16) + (i64::from(tx) << 8) + 77;
                let y = (i64::from(rng.index(2000) as u32) << 16) + (i64::from(ty) << 8) + 200;
                let w = Weights::at(x, y);
                assert_eq!(w.0.iter().sum::<u32>(), 65536);
                let extremes = [
                    [0, 0, 0, 0],
                    [255, 255, 255, 255],
                    [255, 0, 0, 255],
                    [0, 255, 255, 0],
                ];
                let random = (0..6).map(|_| [(); 4].map(|_| rng.index(256) as u8));
                for v in extremes.into_iter().chain(random) {
                    assert_eq!(
                        w.blend(v),
                        rows_then_column(tx, ty, v),
                        "tx {tx}, ty {ty}, {v:?}"
                    );
                }
            }
        }
    }
}
