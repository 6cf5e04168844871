//! The images the search runs on: the downscaled grey frame, its texture energy, their
//! edge maps (gradient and structure-tensor orientation), and where print is.

use image::GrayImage;

use super::params::EdgeParams;

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

#[cfg(test)]
mod tests {
    use super::*;

    fn edge_map(s: &Small) -> EdgeMap {
        EdgeMap::new(s, &EdgeParams::default())
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
}
