//! Full-resolution refinement of a candidate's sides: line fits to gradient peaks along
//! each side's normal, in the grey frame or the texture energy.

use image::GrayImage;

use super::edges::Small;
use super::geometry::{dist, Line, Pt};
use super::lines::Cue;
use super::params::{Params, RefineParams};

/// The images sides are refined in: the full-resolution grey frame, and the texture
/// energy at the search scale (`f` input pixels per pixel).
pub(super) struct Planes<'a> {
    pub(super) grey: &'a GrayImage,
    /// Computed only when the grey search was not conclusive.
    pub(super) texture: Option<&'a Small>,
    pub(super) f: f32,
    pub(super) p: &'a Params,
}

impl Planes<'_> {
    /// Refines one side (input coordinates) in the image of its cue.
    fn refine_side(
        &self,
        a: Pt,
        b: Pt,
        pol: (Pt, f32),
        cue: Cue,
        radius: f32,
    ) -> Option<(Line, f32)> {
        let p = &self.p.refine;
        match cue {
            Cue::Grey => refine_side(self.grey, a, b, pol, radius, p.fit_tol_px, p),
            Cue::Texture => {
                let f = self.f;
                let small = |p: Pt| [p[0] / f, p[1] / f];
                let radius = (radius / f).max(p.texture_min_radius);
                let (l, share) = refine_side(
                    self.texture?,
                    small(a),
                    small(b),
                    pol,
                    radius,
                    p.texture_fit_tol_px,
                    p,
                )?;
                let weight = self.p.search.texture_side_weight;
                Some((Line { n: l.n, c: l.c * f }, share * weight))
            }
        }
    }
}

/// Refines a coarse quad (input coordinates) in two passes; returns the corners and, per
/// side, the share of samples lying on the fitted edge. Falls back to the coarse corners
/// when the refinement wanders off and fits no better.
pub(super) fn refine_quad(
    planes: &Planes,
    coarse: &[Pt; 4],
    polarity: &[(Pt, f32); 4],
    cue: &[Cue; 4],
) -> Option<([Pt; 4], [f32; 4])> {
    let f = planes.f;
    let p = &planes.p.refine;
    let fine = p.fine_radius_px;
    let (c1, _) = refine_corners(planes, coarse, polarity, cue, 2.0 * f + fine)?;
    let (c2, fit) = refine_corners(planes, &c1, polarity, cue, fine)?;
    // A refinement that moved a corner far is worse than the coarse answer.
    let ok = c2
        .iter()
        .zip(coarse.iter())
        .all(|(a, b)| dist(*a, *b) <= 3.0 * f + p.max_corner_move_px);
    if ok {
        return Some((c2, fit));
    }
    // Unless its sides fit better than the coarse ones: a Hough line a degree or two off
    // along a long side (a thin printed outline) leaves a corner far from the true one.
    let (_, coarse_fit) = refine_corners(planes, coarse, polarity, cue, fine)?;
    let total = |f: &[f32; 4]| f.iter().sum::<f32>();
    if total(&fit) > total(&coarse_fit) {
        Some((c2, fit))
    } else {
        Some((*coarse, coarse_fit))
    }
}

/// An image sides can be refined in.
trait Plane {
    /// Bilinear value at continuous coordinates (pixel centres at +0.5); `None` outside.
    fn sample(&self, x: f32, y: f32) -> Option<f32>;
}

impl Plane for GrayImage {
    fn sample(&self, x: f32, y: f32) -> Option<f32> {
        let (w, h) = self.dimensions();
        bilinear(self.as_raw(), w as usize, h as usize, x, y)
    }
}

impl Plane for Small {
    fn sample(&self, x: f32, y: f32) -> Option<f32> {
        bilinear(&self.px, self.w, self.h, x, y)
    }
}

/// Bilinear value of a `w × h` row-major image at continuous coordinates (pixel centres
/// at +0.5); `None` where the 2×2 neighbourhood leaves the image.
fn bilinear<T: Copy + Into<f32>>(px: &[T], w: usize, h: usize, x: f32, y: f32) -> Option<f32> {
    let (fx, fy) = (x - 0.5, y - 0.5);
    if !(fx >= 0.0 && fy >= 0.0) {
        return None;
    }
    let (x0, y0) = (fx as usize, fy as usize);
    if x0 + 1 >= w || y0 + 1 >= h {
        return None;
    }
    let (tx, ty) = (fx - x0 as f32, fy - y0 as f32);
    let i = y0 * w + x0;
    let at = |k: usize| -> f32 { px[k].into() };
    Some(
        (at(i) * (1.0 - tx) + at(i + 1) * tx) * (1.0 - ty)
            + (at(i + w) * (1.0 - tx) + at(i + w + 1) * tx) * ty,
    )
}

/// Refines the four sides at full resolution and intersects them.
fn refine_corners(
    planes: &Planes,
    corners: &[Pt; 4],
    polarity: &[(Pt, f32); 4],
    cue: &[Cue; 4],
    radius: f32,
) -> Option<([Pt; 4], [f32; 4])> {
    let mut lines = [Line {
        n: [0.0, 0.0],
        c: 0.0,
    }; 4];
    let mut fit = [0f32; 4];
    for k in 0..4 {
        let (a, b) = (corners[k], corners[(k + 1) % 4]);
        // A side that could not be refined (inferred, or its edge hidden) keeps the
        // coarse line through its corners.
        let refined = (polarity[k].1 != 0.0)
            .then(|| planes.refine_side(a, b, polarity[k], cue[k], radius))
            .flatten();
        match refined {
            Some((l, share)) => {
                lines[k] = l;
                fit[k] = share;
            }
            None => lines[k] = line_through(a, b)?,
        }
    }
    Some((
        [
            lines[3].intersect(&lines[0])?,
            lines[0].intersect(&lines[1])?,
            lines[1].intersect(&lines[2])?,
            lines[2].intersect(&lines[3])?,
        ],
        fit,
    ))
}

fn line_through(a: Pt, b: Pt) -> Option<Line> {
    let len = dist(a, b);
    if len <= 0.0 {
        return None;
    }
    let n = [-(b[1] - a[1]) / len, (b[0] - a[0]) / len];
    Some(Line {
        n,
        c: n[0] * a[0] + n[1] * a[1],
    })
}

/// Fits a line to the strongest gradient of the expected polarity found along the
/// normal at points spread over the side; drops outliers (thumb, glare, shadow) once.
/// A sample within `fit_tol` of the fitted line is on it.
fn refine_side(
    plane: &impl Plane,
    a: Pt,
    b: Pt,
    pol: (Pt, f32),
    radius: f32,
    fit_tol: f32,
    p: &RefineParams,
) -> Option<(Line, f32)> {
    let len = dist(a, b);
    if len < 4.0 {
        return None;
    }
    let d = [(b[0] - a[0]) / len, (b[1] - a[1]) / len];
    let mut n = [-d[1], d[0]];
    // Look for the edge whose gradient points the way the coarse search saw it.
    let sign = if n[0] * pol.0[0] + n[1] * pol.0[1] >= 0.0 {
        pol.1
    } else {
        -pol.1
    };
    n = [n[0] * sign, n[1] * sign];
    let steps = radius.ceil() as i32 + 1;
    let mut pts: Vec<Pt> = Vec::with_capacity(p.samples);
    let mut in_image = 0usize;
    let mut prof = vec![0f32; (2 * steps + 1) as usize];
    for k in 0..p.samples {
        let t = p.end_skip + (1.0 - 2.0 * p.end_skip) * (k as f32 + 0.5) / p.samples as f32;
        let c = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
        let mut ok = true;
        for (idx, s) in (-steps..=steps).enumerate() {
            let mut v = 0.0;
            for o in [-1.0f32, 0.0, 1.0] {
                let x = c[0] + n[0] * s as f32 + d[0] * o;
                let y = c[1] + n[1] * s as f32 + d[1] * o;
                match plane.sample(x, y) {
                    Some(g) => v += g,
                    None => {
                        ok = false;
                    }
                }
            }
            prof[idx] = v / 3.0;
        }
        if !ok {
            continue;
        }
        in_image += 1;
        // Derivative along n (positive = brighter further along n).
        let mut best = (0usize, p.min_step);
        for i in 1..prof.len() - 1 {
            let g = prof[i + 1] - prof[i - 1];
            let s = (i as i32 - steps) as f32;
            if s.abs() > radius {
                continue;
            }
            if g > best.1 {
                best = (i, g);
            }
        }
        if best.0 == 0 {
            continue;
        }
        let i = best.0;
        let gm = if i >= 2 {
            prof[i] - prof[i - 2]
        } else {
            best.1
        };
        let gp = if i + 2 < prof.len() {
            prof[i + 2] - prof[i]
        } else {
            best.1
        };
        let denom = gm - 2.0 * best.1 + gp;
        let off = if denom < 0.0 {
            (0.5 * (gm - gp) / denom).clamp(-0.5, 0.5)
        } else {
            0.0
        };
        let s = (i as i32 - steps) as f32 + off;
        pts.push([c[0] + n[0] * s, c[1] + n[1] * s]);
    }
    let line = fit_line(&pts)?;
    // Outliers dropped once.
    let res: Vec<f32> = pts
        .iter()
        .map(|p| (line.n[0] * p[0] + line.n[1] * p[1] - line.c).abs())
        .collect();
    let mut sorted = res.clone();
    sorted.sort_by(|x, y| x.total_cmp(y));
    let med = sorted[sorted.len() / 2];
    let tol = (p.outlier_medians * med).max(1.0);
    let inliers: Vec<Pt> = pts
        .iter()
        .zip(res.iter())
        .filter(|(_, r)| **r <= tol)
        .map(|(p, _)| *p)
        .collect();
    if inliers.len() < p.samples / 4 {
        return None;
    }
    let line = fit_line(&inliers)?;
    // Share of the in-image samples that sit on the final line: 1 for a crisp straight
    // edge, low for texture or a side that is not really there.
    let on_line = pts
        .iter()
        .filter(|q| (line.n[0] * q[0] + line.n[1] * q[1] - line.c).abs() <= fit_tol)
        .count();
    Some((line, on_line as f32 / in_image.max(1) as f32))
}

/// Total least squares line through points; `None` for fewer than 5 or degenerate.
fn fit_line(pts: &[Pt]) -> Option<Line> {
    if pts.len() < 5 {
        return None;
    }
    let n = pts.len() as f32;
    let mx = pts.iter().map(|p| p[0]).sum::<f32>() / n;
    let my = pts.iter().map(|p| p[1]).sum::<f32>() / n;
    let (mut sxx, mut sxy, mut syy) = (0.0f32, 0.0f32, 0.0f32);
    for p in pts {
        let (dx, dy) = (p[0] - mx, p[1] - my);
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
    }
    // Direction of largest spread; normal is perpendicular.
    let theta = 0.5 * (2.0 * sxy).atan2(sxx - syy);
    let (dx, dy) = (theta.cos(), theta.sin());
    if !(dx.is_finite() && dy.is_finite()) || sxx + syy <= 0.0 {
        return None;
    }
    let nrm = [-dy, dx];
    Some(Line {
        n: nrm,
        c: nrm[0] * mx + nrm[1] * my,
    })
}
