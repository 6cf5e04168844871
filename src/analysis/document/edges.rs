//! The images the search runs on: the downscaled grey frame, its texture energy, their
//! edge maps (gradient and structure-tensor orientation), and where print is.

use image::GrayImage;

use super::geometry::{height_px, inside_quad, width_px, Pt};
use super::params::{EdgeParams, PrintParams};

/// Grey image as f32 rows after an integer box downscale (each output pixel is the mean
/// of a `factor × factor` block, which also suppresses noise and fine texture).
pub(super) struct Small {
    pub(super) w: usize,
    pub(super) h: usize,
    pub(super) px: Vec<f32>,
}

pub(super) fn box_downscale(grey: &GrayImage, factor: u32) -> Small {
    let f = factor.max(1) as usize;
    let (w, h) = (grey.width() as usize, grey.height() as usize);
    let (sw, sh) = (w / f, h / f);
    let raw = grey.as_raw();
    let mut px = vec![0f32; sw * sh];
    // The f rows of a block are summed column by column first (along memory, so it
    // vectorises), then each run of f columns: the same integer sums as block by block.
    let mut cols = vec![0u32; sw * f];
    let norm = 1.0 / (f * f) as f32;
    for sy in 0..sh {
        cols.iter_mut().for_each(|a| *a = 0);
        for y in sy * f..(sy + 1) * f {
            let row = &raw[y * w..y * w + sw * f];
            cols.iter_mut().zip(row).for_each(|(a, &v)| *a += v as u32);
        }
        for (o, block) in px[sy * sw..(sy + 1) * sw]
            .iter_mut()
            .zip(cols.chunks_exact(f))
        {
            *o = block.iter().sum::<u32>() as f32 * norm;
        }
    }
    Small { w: sw, h: sh, px }
}

/// Texture energy of the small image: the square root of the gradient magnitude,
/// smoothed with a 9×9 triangle filter, × `texture_gain`. A card of nearly the desk's
/// brightness on gravel, grass or brick shows almost no grey step, but it is smooth
/// where the desk is busy, so its outline is a clear step in this image. The root keeps
/// one strong edge from looking like texture; the triangle (two box passes) keeps the
/// steepest point of a blurred step on the step itself, so lines found here sit on the
/// outline.
///
/// The gradient is taken again here, by central differences, rather than reusing the
/// edge map's Sobel magnitudes: Sobel's cross smoothing flattens fine desk texture, and
/// finds 8 fewer of the 256 in-frame evaluation cards (its gain rescaled).
pub(super) fn texture_energy(s: &Small, params: &EdgeParams) -> Small {
    let (w, h) = (s.w, s.h);
    let px = &s.px;
    let mut e = vec![0f32; w * h];
    for y in 1..h.saturating_sub(1) {
        for x in 1..w - 1 {
            let i = y * w + x;
            let gx = px[i + 1] - px[i - 1];
            let gy = px[i + w] - px[i - w];
            e[i] = (gx * gx + gy * gy).sqrt().sqrt();
        }
    }
    for _ in 0..2 {
        box_blur(&mut e, w, h, params.texture_box_radius);
    }
    e.iter_mut().for_each(|v| *v *= params.texture_gain);
    Small { w, h, px: e }
}

/// In-place box mean over (2r+1)² pixels (windows clipped at the borders): running sums
/// along each row, then down the columns a whole row at a time (along memory).
fn box_blur(v: &mut [f32], w: usize, h: usize, r: usize) {
    let count = |i: usize, n: usize| ((i + r).min(n - 1) + 1 - i.saturating_sub(r)) as f32;
    let mut line = vec![0f32; w];
    for row in v.chunks_exact_mut(w) {
        line.copy_from_slice(row);
        let mut sum: f32 = line[..r.min(w)].iter().sum();
        for (i, out) in row.iter_mut().enumerate() {
            if i + r < w {
                sum += line[i + r];
            }
            if i > r {
                sum -= line[i - r - 1];
            }
            *out = sum / count(i, w);
        }
    }
    let src = v.to_vec();
    let mut sum = vec![0f32; w];
    for y in 0..r.min(h) {
        sum.iter_mut()
            .zip(&src[y * w..(y + 1) * w])
            .for_each(|(s, v)| *s += v);
    }
    for y in 0..h {
        if y + r < h {
            let add = &src[(y + r) * w..(y + r + 1) * w];
            sum.iter_mut().zip(add).for_each(|(s, v)| *s += v);
        }
        if y > r {
            let drop = &src[(y - r - 1) * w..(y - r) * w];
            sum.iter_mut().zip(drop).for_each(|(s, v)| *s -= v);
        }
        let inv = 1.0 / count(y, h);
        v[y * w..(y + 1) * w]
            .iter_mut()
            .zip(&sum)
            .for_each(|(o, s)| *o = s * inv);
    }
}

/// Sobel gradients of the small image, plus the edge orientation from the structure
/// tensor over 3×3 pixels: next to a textured desk a single Sobel direction is off by
/// up to ±30°, the tensor (dominated by the strong, coherent card edge) by a few degrees.
/// Border pixels have no gradient, so the frame border of a tightly cropped scan is
/// never taken for a document edge.
pub(super) struct EdgeMap {
    pub(super) w: usize,
    pub(super) h: usize,
    pub(super) gx: Vec<f32>,
    pub(super) gy: Vec<f32>,
    pub(super) mag: Vec<f32>,
    /// Unit normal of the local edge (tensor orientation, defined modulo 180°).
    pub(super) ox: Vec<f32>,
    pub(super) oy: Vec<f32>,
    /// Orientation coherence 0–1: 1 on a straight edge, low on texture and corners.
    pub(super) coh: Vec<f32>,
    /// What counts as an edge and as a thin line's flank.
    pub(super) p: EdgeParams,
}

impl EdgeMap {
    pub(super) fn new(s: &Small, params: &EdgeParams) -> Self {
        let (w, h) = (s.w, s.h);
        let n = w * h;
        let mut gx = vec![0f32; n];
        let mut gy = vec![0f32; n];
        let mut mag = vec![0f32; n];
        let p = &s.px;
        for y in 1..h.saturating_sub(1) {
            let (r0, r1, r2) = ((y - 1) * w, y * w, (y + 1) * w);
            for x in 1..w - 1 {
                let sx = (p[r0 + x + 1] + 2.0 * p[r1 + x + 1] + p[r2 + x + 1])
                    - (p[r0 + x - 1] + 2.0 * p[r1 + x - 1] + p[r2 + x - 1]);
                let sy = (p[r2 + x - 1] + 2.0 * p[r2 + x] + p[r2 + x + 1])
                    - (p[r0 + x - 1] + 2.0 * p[r0 + x] + p[r0 + x + 1]);
                let i = r1 + x;
                gx[i] = sx;
                gy[i] = sy;
                // sqrt of the sum: hypot's overflow care costs 5× and these are small.
                mag[i] = (sx * sx + sy * sy).sqrt();
            }
        }
        // Tensor components, box-summed 5×5 (separable running sums: rows, then columns).
        let mut jxx = vec![0f32; n];
        let mut jxy = vec![0f32; n];
        let mut jyy = vec![0f32; n];
        for y in 0..h {
            let row = y * w;
            let (mut a, mut b, mut c) = (0.0f32, 0.0f32, 0.0f32);
            for x in 0..w {
                let i = row + x;
                a += gx[i] * gx[i];
                b += gx[i] * gy[i];
                c += gy[i] * gy[i];
                if x >= 5 {
                    let o = i - 5;
                    a -= gx[o] * gx[o];
                    b -= gx[o] * gy[o];
                    c -= gy[o] * gy[o];
                }
                if x >= 4 {
                    // Window x-4..=x, centred on x-2.
                    jxx[i - 2] = a;
                    jxy[i - 2] = b;
                    jyy[i - 2] = c;
                }
            }
        }
        let mut sxx_v = vec![0f32; n];
        let mut sxy_v = vec![0f32; n];
        let mut syy_v = vec![0f32; n];
        // Column sums kept per column while walking down the rows: the same sums
        // in the same order as column by column, but along memory.
        let (mut a, mut b, mut c) = (vec![0f32; w], vec![0f32; w], vec![0f32; w]);
        for y in 0..h {
            for x in 0..w {
                let i = y * w + x;
                a[x] += jxx[i];
                b[x] += jxy[i];
                c[x] += jyy[i];
                if y >= 5 {
                    let o = i - 5 * w;
                    a[x] -= jxx[o];
                    b[x] -= jxy[o];
                    c[x] -= jyy[o];
                }
                if y >= 4 {
                    let centre = i - 2 * w;
                    sxx_v[centre] = a[x];
                    sxy_v[centre] = b[x];
                    syy_v[centre] = c[x];
                }
            }
        }
        let mut ox = vec![0f32; n];
        let mut oy = vec![0f32; n];
        let mut coh = vec![0f32; n];
        for y in 2..h.saturating_sub(2) {
            for x in 2..w - 2 {
                let i = y * w + x;
                if mag[i] < params.min_grad {
                    continue;
                }
                let (sxx, sxy, syy) = (sxx_v[i], sxy_v[i], syy_v[i]);
                let (c2, s2) = (sxx - syy, 2.0 * sxy);
                let r = (c2 * c2 + s2 * s2).sqrt();
                let tr = sxx + syy;
                if r <= 0.0 || tr <= 0.0 {
                    continue;
                }
                coh[i] = r / tr;
                // Half-angle of (c2, s2): the dominant gradient axis.
                let cos2 = c2 / r;
                let cx = ((1.0 + cos2) * 0.5).max(0.0).sqrt();
                let sy = ((1.0 - cos2) * 0.5).max(0.0).sqrt() * if s2 < 0.0 { -1.0 } else { 1.0 };
                ox[i] = cx;
                oy[i] = sy;
            }
        }
        EdgeMap {
            w,
            h,
            gx,
            gy,
            mag,
            ox,
            oy,
            coh,
            p: *params,
        }
    }

    /// Whether the edge at (x, y) has an edge of the opposite gradient within
    /// `ridge_reach_px` along its normal: one flank of a thin line, not a step.
    pub(super) fn is_ridge(&self, x: usize, y: usize) -> bool {
        let i = y * self.w + x;
        let (nx, ny) = (self.ox[i], self.oy[i]);
        let (gx, gy, m) = (self.gx[i], self.gy[i], self.mag[i]);
        (1..=self.p.ridge_reach_px).any(|d| {
            [-1.0f32, 1.0].iter().any(|&sgn| {
                let qx = x as f32 + 0.5 + sgn * d as f32 * nx;
                let qy = y as f32 + 0.5 + sgn * d as f32 * ny;
                if qx < 0.0 || qy < 0.0 || qx >= self.w as f32 || qy >= self.h as f32 {
                    return false;
                }
                let j = qy as usize * self.w + qx as usize;
                let mj = self.mag[j];
                mj >= self.p.min_grad
                    && gx * self.gx[j] + gy * self.gy[j] < -self.p.ridge_min_opposition * m * mj
            })
        })
    }

    /// Edge pixel that is a local maximum across the edge (thin edges for the Hough).
    pub(super) fn is_thin_edge(&self, x: usize, y: usize) -> bool {
        let i = y * self.w + x;
        let m = self.mag[i];
        if m < self.p.min_grad || x == 0 || y == 0 || x + 1 >= self.w || y + 1 >= self.h {
            return false;
        }
        let (ax, ay) = (self.ox[i].abs(), self.oy[i].abs());
        // Quantise the edge normal to one of 4 neighbour pairs.
        let (dx, dy): (isize, isize) = if ay <= ax * 0.414 {
            (1, 0)
        } else if ax <= ay * 0.414 {
            (0, 1)
        } else if (self.ox[i] > 0.0) == (self.oy[i] > 0.0) {
            (1, 1)
        } else {
            (1, -1)
        };
        let at = |ox: isize, oy: isize| {
            let xx = (x as isize + ox) as usize;
            let yy = (y as isize + oy) as usize;
            self.mag[yy * self.w + xx]
        };
        m >= at(dx, dy) && m > at(-dx, -dy)
    }
}

/// Where the small image shows print: a summed-area table of pixels whose gradient is
/// at least the print gradient, so any box is counted in O(1).
pub(super) struct PrintMap {
    w: usize,
    h: usize,
    /// (w+1) × (h+1) prefix sums.
    sum: Vec<u32>,
    p: PrintParams,
}

impl PrintMap {
    pub(super) fn new(e: &EdgeMap, p: &PrintParams) -> Self {
        let (w, h) = (e.w, e.h);
        let mut sum = vec![0u32; (w + 1) * (h + 1)];
        for y in 0..h {
            let mut row = 0u32;
            for x in 0..w {
                row += (e.mag[y * w + x] >= p.min_grad) as u32;
                sum[(y + 1) * (w + 1) + x + 1] = sum[y * (w + 1) + x + 1] + row;
            }
        }
        PrintMap { w, h, sum, p: *p }
    }

    /// Print pixels and all pixels in the box [x0, x1) × [y0, y1), clipped to the image.
    fn count(&self, x0: f32, y0: f32, x1: f32, y1: f32) -> (u32, u32) {
        let cx = |v: f32| (v.max(0.0) as usize).min(self.w);
        let cy = |v: f32| (v.max(0.0) as usize).min(self.h);
        let (x0, x1, y0, y1) = (cx(x0), cx(x1), cy(y0), cy(y1));
        if x1 <= x0 || y1 <= y0 {
            return (0, 0);
        }
        let at = |x: usize, y: usize| self.sum[y * (self.w + 1) + x];
        let n = at(x1, y1) + at(x0, y0) - at(x0, y1) - at(x1, y0);
        (n, ((x1 - x0) * (y1 - y0)) as u32)
    }

    /// Share of a quad's visible interior that shows print: the inner part of the quad
    /// is cut into cells (each counted over its bounding box), and a cell shows print
    /// when enough of it is print (`PrintParams`). A document is printed
    /// all over (portrait, text, bands, patterns); a blank sheet of paper, or a sheet
    /// with a card lying on part of it, is not.
    pub(super) fn share(&self, c: &[Pt; 4]) -> f32 {
        let (busy, seen) = count_busy(self.cells(c).map(|(_, busy)| busy));
        if seen == 0 {
            return 0.0;
        }
        busy as f32 / seen as f32
    }

    /// Whether the part of `outer` outside `inner` (a quad inside it) is blank: at
    /// least `blank_min_cells` of `outer`'s cells lie outside `inner`, and none shows
    /// print. A sheet of paper under a card is blank beyond the card; a card around a
    /// rectangle printed on it is not.
    pub(super) fn blank_outside(&self, outer: &[Pt; 4], inner: &[Pt; 4]) -> bool {
        // Clear of `inner`: no corner of either inside the other (the card's own edge
        // shows as print in a cell that it crosses).
        let clear = |b: &[Pt; 4]| {
            b.iter().all(|&p| !inside_quad(p, inner)) && inner.iter().all(|&p| !inside_quad(p, b))
        };
        let (busy, seen) = count_busy(
            self.cells(outer)
                .filter(|(cell, _)| clear(cell))
                .map(|(_, busy)| busy),
        );
        seen >= self.p.blank_min_cells && busy == 0
    }

    /// The inner part of the quad cut into cells, each counted over its
    /// bounding box: (that box's corners, whether it shows print), for the cells mostly
    /// inside the frame.
    fn cells<'a>(&'a self, c: &'a [Pt; 4]) -> impl Iterator<Item = ([Pt; 4], bool)> + 'a {
        let (cols, rows) = self.p.cells;
        let inset_share = self.p.inset;
        let at = move |u: f32, v: f32| {
            let inset = |t: f32| inset_share + (1.0 - 2.0 * inset_share) * t;
            quad_point(c, inset(u), inset(v))
        };
        (0..rows * cols).filter_map(move |k| {
            let (i, j) = (k % cols, k / cols);
            let (u0, u1) = (i as f32 / cols as f32, (i + 1) as f32 / cols as f32);
            let (v0, v1) = (j as f32 / rows as f32, (j + 1) as f32 / rows as f32);
            let p = [at(u0, v0), at(u1, v0), at(u1, v1), at(u0, v1)];
            let bx0 = p.iter().map(|q| q[0]).fold(f32::MAX, f32::min);
            let bx1 = p.iter().map(|q| q[0]).fold(f32::MIN, f32::max);
            let by0 = p.iter().map(|q| q[1]).fold(f32::MAX, f32::min);
            let by1 = p.iter().map(|q| q[1]).fold(f32::MIN, f32::max);
            let (n, area) = self.count(bx0, by0, bx1, by1);
            // A cell mostly outside the frame says nothing.
            if (area as f32) < 0.5 * (bx1 - bx0) * (by1 - by0) {
                return None;
            }
            let corners = [[bx0, by0], [bx1, by0], [bx1, by1], [bx0, by1]];
            Some((corners, n as f32 >= self.p.min_density * area as f32))
        })
    }

    /// Per side (top, right, bottom, left): the share of a thin ring just inside it that
    /// shows print. A document's print keeps off its edges; a rectangle printed on it
    /// (a band, the portrait, the aligned ends of text lines) has print right inside.
    pub(super) fn margin_print(&self, c: &[Pt; 4]) -> [f32; 4] {
        let p = &self.p;
        let depths = |extent: f32| {
            p.margin_depths
                .map(|d| d.max(p.margin_min_depth_px / extent.max(1.0)))
        };
        let (du, dv) = (depths(width_px(c)), depths(height_px(c)));
        let mut out = [0.0; 4];
        for (k, share) in out.iter_mut().enumerate() {
            let (mut busy, mut seen) = (0u32, 0u32);
            for i in 0..p.margin_samples {
                let t = p.margin_end_skip
                    + (1.0 - 2.0 * p.margin_end_skip) * (i as f32 + 0.5) / p.margin_samples as f32;
                for j in 0..p.margin_depths.len() {
                    let (u, v) = match k {
                        0 => (t, dv[j]),
                        1 => (1.0 - du[j], t),
                        2 => (t, 1.0 - dv[j]),
                        _ => (du[j], t),
                    };
                    let p = quad_point(c, u, v);
                    let (n, area) = self.count(p[0], p[1], p[0] + 1.0, p[1] + 1.0);
                    if area == 0 {
                        continue;
                    }
                    seen += 1;
                    busy += n;
                }
            }
            *share = if seen == 0 {
                0.0
            } else {
                busy as f32 / seen as f32
            };
        }
        out
    }
}

/// (cells showing print, cells seen) of a run of cells.
fn count_busy(cells: impl Iterator<Item = bool>) -> (usize, usize) {
    cells.fold((0, 0), |(busy, seen), b| (busy + b as usize, seen + 1))
}

/// The point at (u, v) of a quad's bilinear parametrisation: (0, 0) is corner 0,
/// (1, 0) corner 1, (1, 1) corner 2, (0, 1) corner 3.
fn quad_point(c: &[Pt; 4], u: f32, v: f32) -> Pt {
    let l = [
        c[0][0] + (c[3][0] - c[0][0]) * v,
        c[0][1] + (c[3][1] - c[0][1]) * v,
    ];
    let r = [
        c[1][0] + (c[2][0] - c[1][0]) * v,
        c[1][1] + (c[2][1] - c[1][1]) * v,
    ];
    [l[0] + (r[0] - l[0]) * u, l[1] + (r[1] - l[1]) * u]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edge_map(s: &Small) -> EdgeMap {
        EdgeMap::new(s, &EdgeParams::default())
    }

    fn print_map(e: &EdgeMap) -> PrintMap {
        PrintMap::new(e, &PrintParams::default())
    }

    fn small_from(w: usize, h: usize, f: impl Fn(usize, usize) -> f32) -> Small {
        let px = (0..w * h).map(|i| f(i % w, i / w)).collect();
        Small { w, h, px }
    }

    #[test]
    fn box_blur_matches_a_direct_mean() {
        let (w, h, r) = (13, 9, 2);
        let src = small_from(w, h, |x, y| ((x * 7 + y * 13) % 11) as f32);
        let mut blurred = src.px.clone();
        box_blur(&mut blurred, w, h, r);
        for y in 0..h {
            for x in 0..w {
                let (x0, x1) = (x.saturating_sub(r), (x + r).min(w - 1));
                let (y0, y1) = (y.saturating_sub(r), (y + r).min(h - 1));
                let (mut sum, mut n) = (0.0, 0.0);
                for yy in y0..=y1 {
                    for xx in x0..=x1 {
                        sum += src.px[yy * w + xx];
                        n += 1.0;
                    }
                }
                let got = blurred[y * w + x];
                assert!(
                    (got - sum / n).abs() < 1e-4,
                    "({x}, {y}): {got} vs {}",
                    sum / n
                );
            }
        }
    }

    /// The flanks of a 2 px bright line (a brick joint) are ridge edges; a step of the
    /// same contrast (a card's side) and a line too wide to be thin are not.
    #[test]
    fn a_thin_lines_flanks_are_ridges_a_step_is_not() {
        let (w, h) = (40, 20);
        let line = edge_map(&small_from(w, h, |x, _| {
            if x == 20 || x == 21 {
                160.0
            } else {
                100.0
            }
        }));
        let step = edge_map(&small_from(
            w,
            h,
            |x, _| if x >= 20 { 160.0 } else { 100.0 },
        ));
        let wide = edge_map(&small_from(w, h, |x, _| {
            if (14..28).contains(&x) {
                160.0
            } else {
                100.0
            }
        }));
        let flanks =
            |e: &EdgeMap| -> Vec<usize> { (2..w - 2).filter(|&x| e.is_thin_edge(x, 10)).collect() };
        assert!(!flanks(&line).is_empty() && flanks(&line).iter().all(|&x| line.is_ridge(x, 10)));
        assert!(!flanks(&step).is_empty() && flanks(&step).iter().all(|&x| !step.is_ridge(x, 10)));
        assert!(!flanks(&wide).is_empty() && flanks(&wide).iter().all(|&x| !wide.is_ridge(x, 10)));
    }

    /// A smooth square (the card) on a busy checkerboard (the desk), both of the same
    /// mean brightness: no grey step at its outline, a clear texture step centred on it.
    #[test]
    fn texture_energy_steps_at_the_outline_of_a_smooth_region() {
        let (w, h) = (120, 80);
        let (x0, x1) = (40usize, 90usize);
        let s = small_from(w, h, |x, y| {
            if (x0..x1).contains(&x) && (20..60).contains(&y) {
                100.0
            } else if (x / 2 + y / 2) % 2 == 0 {
                70.0
            } else {
                130.0
            }
        });
        let e = texture_energy(&s, &EdgeParams::default());
        let row = &e.px[40 * w..41 * w];
        assert!(
            row[65] < 0.1 * row[15],
            "inside {} outside {}",
            row[65],
            row[15]
        );
        // Steepest fall around the left outline (x = 40) lies on it.
        let steepest = (30..50)
            .max_by(|&a, &b| (row[a - 1] - row[a + 1]).total_cmp(&(row[b - 1] - row[b + 1])))
            .unwrap();
        assert!((39..=41).contains(&steepest), "steepest at {steepest}");
    }

    #[test]
    fn print_share_tells_a_printed_card_from_a_blank_sheet() {
        let (w, h) = (200, 120);
        // Left half: "text" lines every 6 px; right half: blank.
        let s = small_from(w, h, |x, y| if x < 100 && y % 6 < 2 { 30.0 } else { 200.0 });
        let print = print_map(&edge_map(&s));
        let card = [[10.0, 10.0], [90.0, 10.0], [90.0, 110.0], [10.0, 110.0]];
        let sheet = [[110.0, 10.0], [190.0, 10.0], [190.0, 110.0], [110.0, 110.0]];
        let both = [[10.0, 10.0], [190.0, 10.0], [190.0, 110.0], [10.0, 110.0]];
        assert!(print.share(&card) > 0.95, "card {}", print.share(&card));
        assert_eq!(print.share(&sheet), 0.0);
        let half = print.share(&both);
        assert!(
            (0.4..0.65).contains(&half),
            "sheet with a card on it {half}"
        );
    }

    /// A printed card (grey, "text" lines every 6 px) lying on a white sheet: the
    /// sheet is blank around the card; the card is not blank around a rectangle
    /// printed on it, nor is the sheet around a patch of it.
    #[test]
    fn blank_outside_tells_a_sheet_under_a_card() {
        let s = small_from(300, 200, |x, y| {
            let card = (100..200).contains(&x) && (60..130).contains(&y);
            let text = (110..190).contains(&x) && (70..120).contains(&y) && y % 6 < 2;
            match (card, text) {
                (_, true) => 30.0,
                (true, false) => 150.0,
                (false, _) => 230.0,
            }
        });
        let print = print_map(&edge_map(&s));
        let rect = |x0: f32, y0: f32, x1: f32, y1: f32| [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
        let sheet = rect(10.0, 10.0, 290.0, 190.0);
        let card = rect(100.0, 60.0, 200.0, 130.0);
        assert!(print.blank_outside(&sheet, &card));
        let printed = rect(120.0, 75.0, 180.0, 115.0);
        assert!(!print.blank_outside(&card, &printed));
        // A patch of the sheet away from the card leaves the card outside it.
        assert!(!print.blank_outside(&sheet, &rect(10.0, 10.0, 90.0, 60.0)));
    }

    /// A card 200 × 126 px whose "text" lines (every 6 px) keep 10 px off its edges:
    /// its own outline has blank margins, an outline whose left side runs along the
    /// text's left ends has print right inside that side.
    #[test]
    fn margin_print_tells_the_cards_edge_from_its_prints_edge() {
        let (x0, y0, x1, y1) = (20.0, 20.0, 220.0, 146.0);
        let s = small_from(240, 166, |x, y| {
            let (x, y) = (x as f32, y as f32);
            let on_card = (x0..x1).contains(&x) && (y0..y1).contains(&y);
            let text = (x0 + 10.0..x1 - 10.0).contains(&x)
                && (y0 + 10.0..y1 - 10.0).contains(&y)
                && (y as usize) % 6 < 2;
            match (on_card, text) {
                (_, true) => 30.0,
                (true, false) => 200.0,
                (false, _) => 90.0,
            }
        });
        let print = print_map(&edge_map(&s));
        let card = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
        let margins = print.margin_print(&card);
        assert!(margins.iter().all(|&m| m < 0.05), "card {margins:?}");
        let inset = [[x0 + 10.0, y0], [x1, y0], [x1, y1], [x0 + 10.0, y1]];
        let margins = print.margin_print(&inset);
        assert!(margins[3] > 0.3, "inset left side {margins:?}");
        assert!(margins[..3].iter().all(|&m| m < 0.05), "inset {margins:?}");
    }
}
