//! Straight lines in an edge map (Hough transform) and the edge support along each.

use super::edges::EdgeMap;
use super::geometry::{centroid, dist, Line, Pt};
use super::params::LineParams;

/// The image an edge was seen in: the grey frame, or the texture energy (where a card
/// of the desk's brightness shows as smooth against busy texture).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Cue {
    Grey,
    Texture,
}

/// The lines of a search, each with the image it was seen in and its edge profile.
pub(super) struct LineSet {
    pub(super) lines: Vec<Line>,
    pub(super) cues: Vec<Cue>,
    pub(super) profiles: Vec<LineProfile>,
    p: LineParams,
}

impl LineSet {
    pub(super) fn new(p: &LineParams) -> Self {
        LineSet {
            lines: Vec::new(),
            cues: Vec::new(),
            profiles: Vec::new(),
            p: *p,
        }
    }

    pub(super) fn add(&mut self, lines: Vec<Line>, cue: Cue, edges: &EdgeMap) {
        for l in lines {
            self.profiles.push(LineProfile::new(&l, edges, &self.p));
            self.cues.push(cue);
            self.lines.push(l);
        }
    }
}

/// Finds straight lines with an orientation-restricted Hough transform. Lines are taken
/// strongest first, and each accepted line withdraws the votes of its own edge pixels
/// before the next is taken: the side lobes of a long edge (its pixels also vote for
/// neighbouring angles) and near-duplicates fade away, while a genuinely separate
/// parallel edge a few pixels off (card edge vs. a printed band) keeps its votes. The
/// flanks of a thin line vote half (see `LineParams::ridge_vote`).
pub(super) fn hough_lines(e: &EdgeMap, max_lines: usize, p: &LineParams) -> Vec<Line> {
    const N_THETA: usize = 180;
    let rho_max = ((e.w * e.w + e.h * e.h) as f32).sqrt().ceil() as i32 + 1;
    let n_rho = (2 * rho_max + 1) as usize;
    let (cos_t, sin_t): (Vec<f32>, Vec<f32>) = (0..N_THETA)
        .map(|t| {
            let a = (t as f32).to_radians();
            (a.cos(), a.sin())
        })
        .unzip();
    // Each pixel's vote (angle bin and weight) while it stands; withdrawn with its line.
    let mut votes: Vec<Option<(u8, u8)>> = vec![None; e.w * e.h];
    let mut acc = vec![0i32; N_THETA * n_rho];
    let vote = |acc: &mut [i32], x: usize, y: usize, t0: i32, delta: i32| {
        let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
        for d in -p.hough_angle_spread..=p.hough_angle_spread {
            let t = (t0 + d).rem_euclid(N_THETA as i32) as usize;
            let rho = px * cos_t[t] + py * sin_t[t];
            // Nearest bin by truncation of a non-negative value: `round` is a libm
            // call on the baseline x86-64 target, and this is the hottest loop.
            let r = (rho + rho_max as f32 + 0.5).max(0.0) as usize;
            if r < n_rho {
                acc[t * n_rho + r] += delta;
            }
        }
    };
    for y in 1..e.h.saturating_sub(1) {
        for x in 1..e.w - 1 {
            let i = y * e.w + x;
            if e.coh[i] < p.hough_min_coherence || !e.is_thin_edge(x, y) {
                continue;
            }
            let theta = e.oy[i].atan2(e.ox[i]).to_degrees().rem_euclid(180.0);
            let t0 = (theta.round() as i32).rem_euclid(N_THETA as i32);
            let weight = if e.is_ridge(x, y) {
                p.ridge_vote
            } else {
                p.step_vote
            };
            votes[i] = Some((t0 as u8, weight));
            vote(&mut acc, x, y, t0, i32::from(weight));
        }
    }
    let min_votes =
        i32::from(p.step_vote) * ((e.w.min(e.h) as f32 * p.hough_min_votes_frac) as i32).max(8);
    // Local maxima in a 3×3 neighbourhood.
    let mut heap = std::collections::BinaryHeap::new();
    for t in 0..N_THETA {
        for r in 1..n_rho - 1 {
            let v = acc[t * n_rho + r];
            if v < min_votes {
                continue;
            }
            let mut is_max = true;
            'nb: for dt in [N_THETA - 1, 0, 1] {
                let tt = (t + dt) % N_THETA;
                for rr in [r - 1, r, r + 1] {
                    if (tt, rr) != (t, r) && acc[tt * n_rho + rr] > v {
                        is_max = false;
                        break 'nb;
                    }
                }
            }
            if is_max {
                heap.push((v, t, r));
            }
        }
    }
    let mut lines: Vec<Line> = Vec::new();
    while let Some((v, t, r)) = heap.pop() {
        let cur = acc[t * n_rho + r];
        if cur < v {
            // Lost votes to an accepted line: re-rank with what is left.
            if cur >= min_votes {
                heap.push((cur, t, r));
            }
            continue;
        }
        let rho = r as f32 - rho_max as f32;
        let line = Line {
            n: [cos_t[t], sin_t[t]],
            c: rho,
        };
        if lines.iter().any(|l| l.same_as(&line, p)) {
            continue;
        }
        // Withdraw the votes of this line's pixels (within 1 px, compatible angle).
        let dir = line.dir();
        let origin = [line.n[0] * line.c, line.n[1] * line.c];
        let half = rho_max as f32;
        let mut s = -half;
        while s <= half {
            for o in [-1.0f32, 0.0, 1.0] {
                let x = origin[0] + dir[0] * s + line.n[0] * o;
                let y = origin[1] + dir[1] * s + line.n[1] * o;
                if x < 0.0 || y < 0.0 {
                    continue;
                }
                let (xi, yi) = (x as usize, y as usize);
                if xi >= e.w || yi >= e.h {
                    continue;
                }
                let i = yi * e.w + xi;
                let Some((b, weight)) = votes[i] else {
                    continue;
                };
                let da = (b as i32 - t as i32).rem_euclid(N_THETA as i32);
                if da.min(N_THETA as i32 - da) <= p.hough_angle_spread + 1 {
                    vote(&mut acc, xi, yi, b as i32, -i32::from(weight));
                    votes[i] = None;
                }
            }
            s += 1.0;
        }
        lines.push(line);
        if lines.len() >= max_lines {
            break;
        }
    }
    lines
}

/// Edge support along one (infinite) line, sampled every pixel, as prefix sums of the
/// samples with a supporting edge of each polarity and of the samples inside the image.
/// Lets any segment of the line be scored in O(1).
pub(super) struct LineProfile {
    /// Point of the line at parameter 0 and its unit direction.
    origin: Pt,
    dir: Pt,
    /// Parameter of sample 0.
    s0: f32,
    pos: Vec<u32>,
    neg: Vec<u32>,
    /// Samples with edges of both polarities (a thin line within the tolerance band).
    both: Vec<u32>,
    /// Samples where an edge could be seen at all (inside the image, off its border).
    inside: Vec<u32>,
    /// Stretches a side's support is counted in, and the weight of thin-line samples.
    stretches: usize,
    ridge_weight: f32,
}

/// Counts over one segment of a line profile.
#[derive(Debug, Clone, Copy)]
pub(super) struct SegmentCount {
    pos: f32,
    neg: f32,
    both: f32,
    inside: f32,
    pub(super) len: f32,
    ridge_weight: f32,
}

/// Whether `inside` samples of a segment `len` long are enough of it to judge.
fn enough_visible(inside: f32, len: f32, min_visible: f32) -> bool {
    inside >= min_visible * len && inside > 0.0
}

impl SegmentCount {
    /// Supported share of the visible part for polarity `pol`; `None` when too little of
    /// the segment is visible to say (it lies outside the frame).
    pub(super) fn visible_share(&self, pol: f32, min_visible: f32) -> Option<f32> {
        enough_visible(self.inside, self.len, min_visible)
            .then(|| (self.one_polarity_hits(pol) / self.inside).min(1.0))
    }

    /// Samples with an edge of polarity `pol`, less the thin-line penalty.
    pub(super) fn one_polarity_hits(&self, pol: f32) -> f32 {
        let hits = if pol >= 0.0 { self.pos } else { self.neg };
        // A thin line (pen, cable, brick joint) has edges of both polarities within the
        // tolerance band at the same place; a document's side is a step of one. Only
        // such pairs count against a side: lone opposite hits are the noise around a
        // faint edge.
        (hits - self.ridge_weight * self.both).max(0.0)
    }

    /// Upper bound of [`LineProfile::support`] over the same segment. Each stretch
    /// counts at most its samples with an edge of either polarity, pos + neg − both,
    /// less its thin-line penalty, ridge_weight · both.
    pub(super) fn support_bound(&self, min_visible: f32) -> Option<f32> {
        let any = self.pos + self.neg - (1.0 + self.ridge_weight) * self.both;
        enough_visible(self.inside, self.len, min_visible)
            .then(|| (any.max(0.0) / self.inside).min(1.0))
    }

    pub(super) fn polarity(&self) -> f32 {
        if self.pos >= self.neg {
            1.0
        } else {
            -1.0
        }
    }
}

impl LineProfile {
    fn new(l: &Line, e: &EdgeMap, p: &LineParams) -> Self {
        let origin = [l.n[0] * l.c, l.n[1] * l.c];
        let dir = l.dir();
        let half = ((e.w * e.w + e.h * e.h) as f32).sqrt();
        let n_samples = (2.0 * half).ceil() as usize + 1;
        let cos_min = p.support_max_angle_deg.to_radians().cos();
        let tol = p.support_tol_px;
        let mut pos = Vec::with_capacity(n_samples + 1);
        let mut neg = Vec::with_capacity(n_samples + 1);
        let mut both = Vec::with_capacity(n_samples + 1);
        let mut inside = Vec::with_capacity(n_samples + 1);
        pos.push(0);
        neg.push(0);
        both.push(0);
        inside.push(0);
        let (mut cp, mut cn, mut cb, mut ci) = (0u32, 0u32, 0u32, 0u32);
        // The edge map has no gradient within 2 px of the border (Sobel + tensor window).
        let (lo, hi_x, hi_y) = (2.0f32, e.w as f32 - 2.0, e.h as f32 - 2.0);
        for k in 0..n_samples {
            let s = -half + k as f32;
            let p = [origin[0] + dir[0] * s, origin[1] + dir[1] * s];
            ci += (p[0] >= lo && p[1] >= lo && p[0] < hi_x && p[1] < hi_y) as u32;
            let (mut sp, mut sn) = (false, false);
            for o in -tol..=tol {
                let q = [p[0] + l.n[0] * o as f32, p[1] + l.n[1] * o as f32];
                if q[0] < 1.0 || q[1] < 1.0 {
                    continue;
                }
                let (x, y) = (q[0] as usize, q[1] as usize);
                if x + 1 >= e.w || y + 1 >= e.h {
                    continue;
                }
                let i = y * e.w + x;
                let m = e.mag[i];
                if m < e.p.min_grad {
                    continue;
                }
                if (e.ox[i] * l.n[0] + e.oy[i] * l.n[1]).abs() < cos_min {
                    continue;
                }
                if e.gx[i] * l.n[0] + e.gy[i] * l.n[1] >= 0.0 {
                    sp = true;
                } else {
                    sn = true;
                }
            }
            cp += sp as u32;
            cn += sn as u32;
            cb += (sp && sn) as u32;
            pos.push(cp);
            neg.push(cn);
            both.push(cb);
            inside.push(ci);
        }
        LineProfile {
            origin,
            dir,
            s0: -half,
            pos,
            neg,
            both,
            inside,
            stretches: p.support_stretches,
            ridge_weight: p.ridge_weight,
        }
    }

    /// Parameter of point `p` (on the line) along it.
    fn param(&self, p: Pt) -> f32 {
        (p[0] - self.origin[0]) * self.dir[0] + (p[1] - self.origin[1]) * self.dir[1]
    }

    /// Parameters (low, high) of the part of segment a→b from fraction `t0` to `t1` of
    /// its length.
    fn span(&self, a: Pt, b: Pt, t0: f32, t1: f32) -> (f32, f32) {
        let (sa, sb) = (self.param(a), self.param(b));
        let (lo, hi) = (sa + (sb - sa) * t0, sa + (sb - sa) * t1);
        if lo <= hi {
            (lo, hi)
        } else {
            (hi, lo)
        }
    }

    /// Index into the prefix sums of the sample at parameter `s` (clamped to the line).
    fn sample(&self, s: f32) -> usize {
        (s - self.s0).clamp(0.0, (self.pos.len() - 1) as f32) as usize
    }

    /// Supported share of the visible part of segment a→b from fraction `t0` to `t1` of
    /// its length, each of `support_stretches` stretches counted in its own dominant
    /// polarity; `None` when too little of it is visible to say.
    pub(super) fn support(&self, a: Pt, b: Pt, t0: f32, t1: f32, min_visible: f32) -> Option<f32> {
        let (lo, hi) = self.span(a, b, t0, t1);
        let n = self.stretches;
        let at = |k: usize| self.sample(lo + (hi - lo) * k as f32 / n as f32);
        let (first, end) = (at(0), at(n));
        let inside = self.inside[end].saturating_sub(self.inside[first]) as f32;
        if !enough_visible(inside, (hi - lo).max(1.0), min_visible) {
            return None;
        }
        let mut hits = 0.0f32;
        let mut i0 = first;
        for k in 1..=n {
            let i1 = at(k);
            let d = |v: &[u32]| v[i1].saturating_sub(v[i0]) as f32;
            hits += (d(&self.pos).max(d(&self.neg)) - self.ridge_weight * d(&self.both)).max(0.0);
            i0 = i1;
        }
        Some((hits / inside).min(1.0))
    }

    /// Counts over the part of segment a→b from fraction `t0` to `t1` of its length.
    pub(super) fn count(&self, a: Pt, b: Pt, t0: f32, t1: f32) -> SegmentCount {
        let (lo, hi) = self.span(a, b, t0, t1);
        let (i0, i1) = (self.sample(lo), self.sample(hi));
        let d = |v: &[u32]| v[i1].saturating_sub(v[i0]) as f32;
        SegmentCount {
            pos: d(&self.pos),
            neg: d(&self.neg),
            both: d(&self.both),
            inside: d(&self.inside),
            len: (hi - lo).max(1.0),
            ridge_weight: self.ridge_weight,
        }
    }
}

/// Lines the Hough search may have missed around an outline: for each side, the
/// best-supported edge roughly parallel to it further out, between the neighbouring
/// sides extended (a card's low-contrast edge beyond a crisp rectangle printed on it,
/// which the Hough search misses when desk texture outvotes it). Searched every 2 px
/// out and along, then refined to 1 px and half the angle step.
pub(super) fn sweep_lines(e: &EdgeMap, corners: &[Pt; 4], p: &LineParams) -> [Option<Line>; 4] {
    let centre = centroid(corners);
    let mut out = [None; 4];
    for k in 0..4 {
        let (a, b) = (corners[k], corners[(k + 1) % 4]);
        let prev = Line::through(corners[(k + 3) % 4], a);
        let next = Line::through(b, corners[(k + 2) % 4]);
        let side = Line::through(a, b).facing_away_from(centre);
        let mid = [(a[0] + b[0]) * 0.5, (a[1] + b[1]) * 0.5];
        let depth = 0.5 * (dist(corners[(k + 3) % 4], a) + dist(b, corners[(k + 2) % 4]));
        let d_max = (depth * p.sweep_reach) as i32;
        // The line `d` px out from the side's middle, turned by `deg`.
        let at = |d: f32, deg: f32| {
            let t = deg.to_radians();
            let n = [
                side.n[0] * t.cos() - side.n[1] * t.sin(),
                side.n[0] * t.sin() + side.n[1] * t.cos(),
            ];
            let p = [mid[0] + side.n[0] * d, mid[1] + side.n[1] * d];
            Line {
                n,
                c: n[0] * p[0] + n[1] * p[1],
            }
        };
        let out_of_side = |p: Pt| side.n[0] * p[0] + side.n[1] * p[1] - side.c;
        let support = |l: &Line, step: f32| {
            let (Some(pa), Some(pb)) = (l.intersect(&prev), l.intersect(&next)) else {
                return 0.0;
            };
            if out_of_side(pa).min(out_of_side(pb)) < p.sweep_min_out_px {
                return 0.0;
            }
            segment_support(e, l, pa, pb, step, p)
        };
        // Further out only leaves the image further behind.
        let beyond_image = |l: &Line| {
            let (Some(pa), Some(pb)) = (l.intersect(&prev), l.intersect(&next)) else {
                return true;
            };
            let (w, h) = (e.w as f32, e.h as f32);
            (pa[0] < 0.0 && pb[0] < 0.0)
                || (pa[1] < 0.0 && pb[1] < 0.0)
                || (pa[0] > w && pb[0] > w)
                || (pa[1] > h && pb[1] > h)
        };
        let mut best: Option<(f32, f32, f32)> = None;
        for deg in p.sweep_angles_deg {
            for d in (p.sweep_min_out_px as i32..=d_max).step_by(2) {
                let l = at(d as f32, deg);
                if beyond_image(&l) {
                    break;
                }
                let s = support(&l, 2.0);
                if best.is_none_or(|b| s > b.0) {
                    best = Some((s, d as f32, deg));
                }
            }
        }
        let Some((_, d0, deg0)) = best else { continue };
        // Refined: the angle first (the coarse one wins a tie), then the middle of the
        // offsets as well supported, since an edge is 3–4 px wide at ±1 px.
        let step = p.sweep_angle_step_deg * 0.5;
        let mut fine: Option<(f32, f32)> = None;
        for deg in [deg0, deg0 - step, deg0 + step] {
            let s = support(&at(d0, deg), 1.0);
            if fine.is_none_or(|f| s > f.0) {
                fine = Some((s, deg));
            }
        }
        let Some((s_max, deg)) = fine else { continue };
        let near: Vec<(f32, f32)> = (-2..=2)
            .map(|o| d0 + o as f32)
            .map(|d| (d, support(&at(d, deg), 1.0)))
            .collect();
        let s_max = near.iter().map(|x| x.1).fold(s_max, f32::max);
        if s_max < p.sweep_min_support {
            continue;
        }
        let plateau: Vec<f32> = near
            .iter()
            .filter(|x| x.1 >= s_max - p.sweep_plateau)
            .map(|x| x.0)
            .collect();
        let d = plateau.iter().sum::<f32>() / plateau.len() as f32;
        out[k] = Some(at(d, deg));
    }
    out
}

/// Share of segment pa→pb of line `l` (sampled every `step` px, its ends skipped like
/// a side's) with an edge of one polarity across it within 1 px; 0 when too little of
/// it lies in the image to tell.
fn segment_support(e: &EdgeMap, l: &Line, pa: Pt, pb: Pt, step: f32, p: &LineParams) -> f32 {
    let cos_min = p.support_max_angle_deg.to_radians().cos();
    let len = dist(pa, pb);
    if len < 1.0 {
        return 0.0;
    }
    let dir = [(pb[0] - pa[0]) / len, (pb[1] - pa[1]) / len];
    let n = l.n;
    let (mut pos, mut neg, mut inside, mut total) = (0u32, 0u32, 0u32, 0u32);
    let (hi_x, hi_y) = (e.w as f32 - 2.0, e.h as f32 - 2.0);
    let mut s = len * p.sweep_end_skip;
    while s < len * (1.0 - p.sweep_end_skip) {
        let q = [pa[0] + dir[0] * s, pa[1] + dir[1] * s];
        s += step;
        total += 1;
        if q[0] < 2.0 || q[1] < 2.0 || q[0] >= hi_x || q[1] >= hi_y {
            continue;
        }
        inside += 1;
        let (mut sp, mut sn) = (false, false);
        for o in [-1.0f32, 0.0, 1.0] {
            let i = (q[1] + n[1] * o) as usize * e.w + (q[0] + n[0] * o) as usize;
            if e.mag[i] < e.p.min_grad || (e.ox[i] * n[0] + e.oy[i] * n[1]).abs() < cos_min {
                continue;
            }
            if e.gx[i] * n[0] + e.gy[i] * n[1] >= 0.0 {
                sp = true;
            } else {
                sn = true;
            }
        }
        pos += sp as u32;
        neg += sn as u32;
    }
    if inside < 10 || 2 * inside < total {
        return 0.0;
    }
    pos.max(neg) as f32 / inside as f32
}

#[cfg(test)]
mod tests {
    use super::super::edges::Small;
    use super::*;

    /// Desk 100, card 115 over x 30–170, y 20–120; `print` adds a dark rectangle over
    /// x 80–150, y 45–95 (pixel i covers [i, i+1), so the steps lie on those numbers).
    fn desk_card(print: bool) -> EdgeMap {
        let (w, h) = (200, 140);
        let px = (0..w * h)
            .map(|i| {
                let (x, y) = (i % w, i / w);
                if print && (80..150).contains(&x) && (45..95).contains(&y) {
                    40.0
                } else if (30..170).contains(&x) && (20..120).contains(&y) {
                    115.0
                } else {
                    100.0
                }
            })
            .collect();
        EdgeMap::new(&Small { w, h, px }, &Default::default())
    }

    fn off_line(l: &Line, p: Pt) -> f32 {
        (l.n[0] * p[0] + l.n[1] * p[1] - l.c).abs()
    }

    /// Each side of the crisp printed rectangle is swept out to the card's faint edge
    /// beyond it, at its distance (20 to 50 px out) and parallel to it.
    #[test]
    fn sweep_finds_the_faint_card_edge_beyond_each_side_of_a_printed_rectangle() {
        let printed = [[80.0, 45.0], [150.0, 45.0], [150.0, 95.0], [80.0, 95.0]];
        let swept = sweep_lines(&desk_card(true), &printed, &LineParams::default());
        // Two points of the card's edge beyond each side (top, right, bottom, left).
        let card_edges = [
            [[60.0, 20.0], [140.0, 20.0]],
            [[170.0, 40.0], [170.0, 100.0]],
            [[60.0, 120.0], [140.0, 120.0]],
            [[30.0, 40.0], [30.0, 100.0]],
        ];
        for (k, (line, edge)) in swept.iter().zip(card_edges).enumerate() {
            let line = line.unwrap_or_else(|| panic!("side {k}: no edge found"));
            for p in edge {
                assert!(off_line(&line, p) < 1.5, "side {k}: {line:?} misses {p:?}");
            }
        }
    }

    /// Around the card's own outline there is only plain desk: nothing to grow to.
    #[test]
    fn sweep_finds_nothing_beyond_a_card_on_a_plain_desk() {
        let card = [[30.0, 20.0], [170.0, 20.0], [170.0, 120.0], [30.0, 120.0]];
        let e = desk_card(false);
        let swept = sweep_lines(&e, &card, &LineParams::default());
        assert!(swept.iter().all(Option::is_none), "{swept:?}");
    }
}
