//! Candidate outlines: quadrilaterals from pairs of roughly parallel lines (or three
//! lines and a side inferred from the aspect ratio, or two lines meeting at a corner
//! and running off the frame), scored by edge support, aspect, print and size.

use super::geometry::{
    centroid, dist, is_convex, quad_iou, rectangle_aspect, sub, undirected_diff_deg, visible_area,
    visible_fraction, Line, Pt, ASSUMED_FOCAL_FRAC,
};
use super::lines::{Cue, LineProfile, LineSet, SegmentCount};
use super::params::Params;
use super::print::PrintMap;
use super::top_quads::TopQuads;

#[derive(Clone)]
pub(super) struct Quad {
    /// Corners in small-image coordinates, in side order (side k from corner k to k+1).
    pub(super) corners: [Pt; 4],
    /// Per side: the line normal and the gradient polarity along it (0 = no edge seen,
    /// e.g. a side inferred from the aspect ratio), so refinement looks for the same edge.
    pub(super) polarity: [(Pt, f32); 4],
    /// Per side: the image its edge was seen in (refinement looks there too).
    pub(super) cue: [Cue; 4],
    pub(super) score: f32,
    /// Share of the sides' inner margins free of print (see `PrintMap::margin_print`):
    /// ranks candidates, but does not judge them, since real documents may be
    /// printed to their edges (the scans of cze, fra, rou and che are lost when it
    /// lowers their score).
    pub(super) margin_f: f32,
    /// Aspect agreement factor and the penalty for an unseen side (kept for re-scoring).
    pub(super) aspect_f: f32,
    pub(super) unseen_penalty: f32,
}

impl Quad {
    /// What orders candidates: the score, and the blank margins of a document.
    pub(super) fn rank(&self) -> f32 {
        self.score * self.margin_f
    }
}

/// The candidate outlines of one search.
pub(super) struct Candidates {
    /// The best, highest rank first.
    pub(super) top: Vec<Quad>,
    /// The best lying wholly inside the frame that are not among `top`: offered only
    /// as the document an outline running off the frame lies around (the page on a
    /// desk mat), never to win on their own.
    pub(super) whole: Vec<Quad>,
}

/// Geometry shared by every candidate of one search.
struct QuadSearch<'a> {
    lines: &'a [Line],
    cues: &'a [Cue],
    print: &'a PrintMap,
    profiles: &'a [LineProfile],
    w: f32,
    h: f32,
    min_side: f32,
    aspect: f32,
    p: &'a Params,
    /// Best candidates, highest rank first, no two alike.
    top: TopQuads,
    /// Best candidates lying wholly inside the frame: an outline pieced from the rim of
    /// what the document lies on outscores the page on it by its size, and gives way
    /// to a whole outline only if that one is verified too (`whole_one_cut_by`).
    whole: TopQuads,
}

impl<'a> QuadSearch<'a> {
    /// A search keeping `whole_candidates` whole outlines beside the best.
    fn new(
        set: &'a LineSet,
        print: &'a PrintMap,
        shape: Frame,
        p: &'a Params,
        whole_candidates: usize,
    ) -> Self {
        let Frame { w, h, aspect } = shape;
        let (w, h) = (w as f32, h as f32);
        QuadSearch {
            lines: &set.lines,
            cues: &set.cues,
            profiles: &set.profiles,
            print,
            w,
            h,
            min_side: w.min(h) * p.quads.min_side_frac,
            aspect,
            p,
            top: TopQuads::new(p.quads.top_candidates),
            whole: TopQuads::new(whole_candidates),
        }
    }

    /// Considers the quad whose sides lie on lines `l` in order around it (corner k is
    /// where side k-1 meets side k).
    fn consider_lines(&mut self, l: [usize; 4]) {
        let lines = self.lines;
        let c = [
            lines[l[3]].intersect(&lines[l[0]]),
            lines[l[0]].intersect(&lines[l[1]]),
            lines[l[1]].intersect(&lines[l[2]]),
            lines[l[2]].intersect(&lines[l[3]]),
        ];
        if let [Some(c0), Some(c1), Some(c2), Some(c3)] = c {
            self.consider([c0, c1, c2, c3], l.map(Some));
        }
    }

    /// Scores the quad whose sides lie on `side_lines` (corner k = side k-1 ∩ side k);
    /// `None` marks a side inferred from the aspect ratio (no edge to measure).
    fn consider(&mut self, corners: [Pt; 4], side_lines: [Option<usize>; 4]) {
        let (w, h) = (self.w, self.h);
        let (q, s) = (&self.p.quads, &self.p.search);
        let (out_x, out_y) = (w * q.corner_outside_frac, h * q.corner_outside_frac);
        if corners
            .iter()
            .any(|p| p[0] < -out_x || p[0] > w + out_x || p[1] < -out_y || p[1] > h + out_y)
        {
            return;
        }
        if !is_convex(&corners) {
            return;
        }
        let sides = [0, 1, 2, 3].map(|k| dist(corners[k], corners[(k + 1) % 4]));
        if sides.iter().any(|&s| s < self.min_side) {
            return;
        }
        let asp = rectangle_aspect(&corners, [w * 0.5, h * 0.5], ASSUMED_FOCAL_FRAC * w.max(h))
            .unwrap_or_else(|| {
                let m0 = (sides[0] + sides[2]) * 0.5;
                let m1 = (sides[1] + sides[3]) * 0.5;
                m0.max(m1) / m0.min(m1)
            });
        let aspect_err = (asp / self.aspect).ln().abs();
        if aspect_err > q.aspect_max_log_err {
            return;
        }
        let same_quad_iou = q.same_quad_iou;
        let whole = corners
            .iter()
            .all(|p| p[0] >= 0.0 && p[1] >= 0.0 && p[0] <= w && p[1] <= h);
        let wanted = |rank: f32, s: &Self| s.top.admits(rank) || (whole && s.whole.admits(rank));
        let aspect_f = (-0.5 * (aspect_err / q.aspect_sigma_log).powi(2)).exp();
        let content_exponent = q.content_exponent;
        let area_exponent = s.area_exponent;
        let Some(mut q) = self.score_sides(&corners, &side_lines) else {
            return;
        };
        let quality = q.score * if q.n_seen == 4 { aspect_f } else { 1.0 };
        let area = visible_area(&corners, w, h) / (w * h);
        let score = quality * q.corner_f * area.max(1e-6).powf(area_exponent);
        if !wanted(score, self) {
            return;
        }
        // Print last: it never raises a score, and it is the costliest factor.
        let score = score * self.print.share(&corners).powf(content_exponent);
        // A rectangle printed on the card (a band, the portrait, a side along the
        // aligned ends of text lines) has print right inside its sides; the card's own
        // outline has a blank margin.
        let margins = self.print.margin_print(&corners);
        let margin_f = 1.0 - margins.iter().sum::<f32>() / 4.0;
        if !wanted(score * margin_f, self) {
            return;
        }
        q.score = score;
        let aspect_f = if q.n_seen == 4 { aspect_f } else { 1.0 };
        let q = Quad {
            corners,
            polarity: q.polarity,
            cue: side_lines.map(|l| l.map_or(Cue::Grey, |i| self.cues[i])),
            score,
            margin_f,
            aspect_f,
            unseen_penalty: q.unseen_penalty,
        };
        if whole {
            self.whole.insert(q.clone(), same_quad_iou);
        }
        self.top.insert(q, same_quad_iou);
    }

    /// The candidates kept: the best, and the best whole ones not alike any of them.
    fn into_candidates(self) -> Candidates {
        let same = self.p.quads.same_quad_iou;
        let top = self.top.into_quads();
        let whole = self
            .whole
            .into_quads()
            .into_iter()
            .filter(|w| !top.iter().any(|q| quad_iou(&q.corners, &w.corners) > same))
            .collect();
        Candidates { top, whole }
    }
}

impl QuadSearch<'_> {
    /// Edge evidence for a quad's sides: support on each side's visible part, whether
    /// its sides end at its corners, whether they run on past them. `None` when the
    /// outline is not seen well enough to be a document.
    fn score_sides(&self, corners: &[Pt; 4], side_lines: &[Option<usize>; 4]) -> Option<SideScore> {
        let (w, h) = (self.w, self.h);
        let q = &self.p.quads;
        let mut sup = [None::<f32>; 4];
        let mut pol = [([0f32; 2], 0f32); 4];
        let mut counts = [None::<&LineProfile>; 4];
        let mut outside_unseen = 0;
        let mut inside_unseen = 0;
        let centre = centroid(corners);
        for k in 0..4 {
            let (a, b) = (corners[k], corners[(k + 1) % 4]);
            let side = match side_lines[k] {
                Some(li) => self.side_evidence(a, b, li, centre),
                None => Side::Unseen,
            };
            match side {
                Side::RulesOut => return None,
                Side::Seen {
                    support,
                    polarity,
                    profile,
                } => {
                    sup[k] = Some(support);
                    pol[k] = polarity;
                    counts[k] = Some(profile);
                }
                // Unseen: a side outside the frame is fully explained; one inside is
                // hidden (thumb, glare, a desk of the card's brightness).
                Side::Unseen if visible_fraction(a, b, w, h) < q.min_visible_side => {
                    outside_unseen += 1
                }
                Side::Unseen => inside_unseen += 1,
            }
        }
        let seen: Vec<f32> = sup.iter().flatten().copied().collect();
        // Two sides seen and two outside the frame: a card cut by the frame beyond its
        // far corner (built only by the corner search in `best_quads`).
        let cut_corner = seen.len() == 2 && outside_unseen == 2;
        if seen.len() < 3 && !cut_corner {
            return None;
        }
        let min_sup = seen.iter().copied().fold(f32::MAX, f32::min);
        let mean_sup = seen.iter().sum::<f32>() / seen.len() as f32;
        let (min_need, unseen_penalty) = match (inside_unseen, outside_unseen) {
            _ if cut_corner => (q.inferred_min_side_support, q.cut_corner_penalty),
            (0, 0) => (q.min_side_support, 1.0),
            (_, 0) => (q.hidden_min_side_support, q.inferred_side_penalty),
            _ => (q.inferred_min_side_support, q.inferred_side_penalty),
        };
        if min_sup < min_need || mean_sup < q.min_mean_support {
            return None;
        }
        // A document edge ends at the corner: support continuing past a corner along
        // the same line means a rectangle printed inside a larger outline, or a longer
        // edge (desk, paper) that is no document side.
        let mut ext_sum = 0.0;
        let mut ext_max = 0.0f32;
        // Each side must also reach its corners: a side whose edge stops short of a
        // corner belongs to something else (a sheet under the card, a box beside it).
        let mut corner_ev = [f32::NAN; 4];
        for k in 0..4 {
            let Some(prof) = counts[k] else { continue };
            let (a, b) = (corners[k], corners[(k + 1) % 4]);
            let e0 = prof.count(a, b, -q.extension_frac, 0.0);
            let e1 = prof.count(a, b, 1.0, 1.0 + q.extension_frac);
            // Counted like support: desk texture next to the line (edges of both
            // polarities) is no side running on.
            let hits = |c: &SegmentCount| (c.one_polarity_hits(pol[k].1) / c.len).min(1.0);
            let (x0, x1) = (hits(&e0), hits(&e1));
            // Nested outlines: a side whose edge runs on well past a corner is part of
            // a longer edge, so that corner is no corner at all (the portrait or a
            // printed band sharing the card's edge, or an inner rectangle of a cut card).
            let run_on = |t0: f32, t1: f32| {
                prof.count(a, b, t0, t1)
                    .visible_share(pol[k].1, q.run_on_min_visible)
                    .unwrap_or(0.0)
            };
            if run_on(-q.run_on_frac, 0.0).max(run_on(1.0, 1.0 + q.run_on_frac))
                > q.run_on_max_support
            {
                return None;
            }
            ext_sum += x0 + x1;
            ext_max = ext_max.max(x0).max(x1);
            let near = |t0: f32, t1: f32| {
                prof.count(a, b, t0, t1)
                    .visible_share(pol[k].1, q.corner_min_visible)
                    .unwrap_or(1.0)
            };
            let (n0, n1) = (
                near(q.side_end_skip, q.corner_stretch),
                near(1.0 - q.corner_stretch, 1.0 - q.side_end_skip),
            );
            let next = (k + 1) % 4;
            corner_ev[k] = if corner_ev[k].is_nan() {
                n0
            } else {
                corner_ev[k].max(n0)
            };
            corner_ev[next] = if corner_ev[next].is_nan() {
                n1
            } else {
                corner_ev[next].max(n1)
            };
        }
        if inside_unseen + outside_unseen > 0 && ext_max > q.inferred_max_extension {
            return None;
        }
        let ext = ext_sum / (2 * seen.len()) as f32;
        let ev: Vec<f32> = corner_ev
            .iter()
            .map(|&e| if e.is_nan() { 1.0 } else { e })
            .collect();
        let ev_min = ev.iter().copied().fold(f32::MAX, f32::min);
        let ev_mean = ev.iter().sum::<f32>() / 4.0;
        let mean_weight = self.p.search.mean_weight;
        let score = unseen_penalty
            * (mean_weight * mean_sup + (1.0 - mean_weight) * min_sup)
            * (1.0 - q.extension_weight * ext).max(0.0);
        Some(SideScore {
            score,
            corner_f: 0.5 * (ev_min + ev_mean),
            polarity: pol,
            n_seen: seen.len(),
            unseen_penalty,
        })
    }
}

impl<'a> QuadSearch<'a> {
    /// The edge evidence for one side a→b lying on line `li`.
    fn side_evidence(&self, a: Pt, b: Pt, li: usize, centre: Pt) -> Side<'a> {
        let profile = &self.profiles[li];
        let q = &self.p.quads;
        let c = profile.count(a, b, q.side_end_skip, 1.0 - q.side_end_skip);
        let p = c.polarity();
        let n = self.lines[li].n;
        let cue_f = match self.cues[li] {
            // A document is smoother than the desk around it, never busier: its texture
            // outline rises outwards (a text block or the portrait inside it rises
            // inwards).
            Cue::Texture => {
                let out = sub([(a[0] + b[0]) * 0.5, (a[1] + b[1]) * 0.5], centre);
                if p * (n[0] * out[0] + n[1] * out[1]) <= 0.0 {
                    return Side::Unseen;
                }
                self.p.search.texture_side_weight
            }
            Cue::Grey => 1.0,
        };
        // Any side under the least support rules the quad out: a bound from the whole
        // side's counts spares most quads the count by stretches.
        if c.support_bound(q.min_visible_side)
            .is_some_and(|s| s < q.min_side_support)
        {
            return Side::RulesOut;
        }
        match profile.support(
            a,
            b,
            q.side_end_skip,
            1.0 - q.side_end_skip,
            q.min_visible_side,
        ) {
            Some(s) => Side::Seen {
                support: s * cue_f,
                polarity: (n, p),
                profile,
            },
            None => Side::Unseen,
        }
    }
}

/// What [`QuadSearch::side_evidence`] found along one side.
enum Side<'a> {
    /// An edge along the visible part: its support (a texture side's weighted down),
    /// the line normal with the gradient polarity, and the line's profile.
    Seen {
        support: f32,
        polarity: (Pt, f32),
        profile: &'a LineProfile,
    },
    /// Too little of it inside the frame, or no edge a document side would make.
    Unseen,
    /// So little support that no quad with this side can be a document.
    RulesOut,
}

/// What [`QuadSearch::score_sides`] measured.
struct SideScore {
    score: f32,
    /// 0–1: how well the sides reach the corners.
    corner_f: f32,
    polarity: [(Pt, f32); 4],
    n_seen: usize,
    unseen_penalty: f32,
}

/// Outlines made of the four sides of one outline, lines 0–3 of `set` (side k from
/// corner k to k+1), with one or more of them moved out to line `moved[k]` of `set`
/// (see [`super::lines::sweep_lines`]), scored like any candidate.
pub(super) fn grown_quads(
    set: &LineSet,
    moved: [Option<usize>; 4],
    print: &PrintMap,
    frame: Frame,
    p: &Params,
) -> Vec<Quad> {
    let mut search = QuadSearch::new(set, print, frame, p, 0);
    // Each bit of the mask moves one side.
    for mask in 1..16u32 {
        let side = |k: usize| {
            if mask & (1 << k) != 0 {
                moved[k]
            } else {
                Some(k)
            }
        };
        let [Some(l0), Some(l1), Some(l2), Some(l3)] = [side(0), side(1), side(2), side(3)] else {
            continue;
        };
        search.consider_lines([l0, l1, l2, l3]);
    }
    search.into_candidates().top
}

/// The best candidates built from the lines of `set`: pairs of roughly parallel lines,
/// three lines and a side inferred from the aspect, two lines meeting at a corner and
/// running off the frame.
pub(super) fn best_quads(set: &LineSet, print: &PrintMap, frame: Frame, p: &Params) -> Candidates {
    let lines = &set.lines[..];
    let mut search = QuadSearch::new(set, print, frame, p, p.quads.whole_candidates);
    let q = &p.quads;
    let Frame { w, h, aspect } = frame;
    let (w, h) = (w as f32, h as f32);
    let centre = [w * 0.5, h * 0.5];
    let min_side = search.min_side;
    // Roughly parallel pairs with enough separation: (i, j, mean angle).
    let mut pairs: Vec<(usize, usize, f32)> = Vec::new();
    for i in 0..lines.len() {
        for j in i + 1..lines.len() {
            let (a, b) = (lines[i].angle_deg(), lines[j].angle_deg());
            if undirected_diff_deg(a, b) > q.pair_max_angle_deg {
                continue;
            }
            let di = lines[i].n[0] * centre[0] + lines[i].n[1] * centre[1] - lines[i].c;
            let dn = lines[i].n[0] * lines[j].n[0] + lines[i].n[1] * lines[j].n[1];
            let dj =
                (lines[j].n[0] * centre[0] + lines[j].n[1] * centre[1] - lines[j].c) * dn.signum();
            if (di - dj).abs() < min_side {
                continue;
            }
            // Mean direction of the pair (undirected average).
            let mut bb = b;
            if (bb - a) > 90.0 {
                bb -= 180.0;
            } else if (a - bb) > 90.0 {
                bb += 180.0;
            }
            pairs.push((i, j, ((a + bb) * 0.5).rem_euclid(180.0)));
        }
    }
    for (pa, a) in pairs.iter().enumerate() {
        for b in pairs.iter().skip(pa + 1) {
            if undirected_diff_deg(a.2, b.2) < 90.0 - q.max_skew_deg {
                continue;
            }
            search.consider_lines([a.0, b.0, a.1, b.1]);
        }
    }
    // Three sides seen, the fourth inferred from the aspect ratio: a side hidden by a
    // thumb or glare, lost against a desk of the same brightness, or outside the frame.
    for a in &pairs {
        if undirected_diff_deg(lines[a.0].angle_deg(), lines[a.1].angle_deg()) > q.inferred_max_deg
        {
            continue;
        }
        for (k, lk) in lines.iter().enumerate() {
            if k == a.0
                || k == a.1
                || undirected_diff_deg(a.2, lk.angle_deg()) < 90.0 - q.inferred_max_deg
            {
                continue;
            }
            let (Some(p0), Some(p1)) = (lk.intersect(&lines[a.0]), lk.intersect(&lines[a.1]))
            else {
                continue;
            };
            let across = dist(p0, p1);
            for along in [across * aspect, across / aspect] {
                for dir in [1.0f32, -1.0] {
                    let inferred = Line {
                        n: lk.n,
                        c: lk.c + dir * along,
                    };
                    let (Some(q0), Some(q1)) = (
                        inferred.intersect(&lines[a.0]),
                        inferred.intersect(&lines[a.1]),
                    ) else {
                        continue;
                    };
                    // Side k runs from corner k to k+1: k (p1→p0), a.0 (p0→q0), inferred
                    // (q0→q1), a.1 (q1→p1).
                    search.consider([p1, p0, q0, q1], [Some(k), Some(a.0), None, Some(a.1)]);
                }
            }
        }
    }
    // Two sides seen, meeting at a corner inside the frame and both running off it: a
    // card cut by the frame beyond its far corner (a card held close, or a corner of it
    // out of the picture). Its size is unknown; it is taken as the smallest card of the
    // document's aspect that reaches past the frame along both sides, which is enough
    // for `corners_visible` to fail it and name the sides that are cut.
    for (i, li) in lines.iter().enumerate() {
        for (j, lj) in lines.iter().enumerate().skip(i + 1) {
            if undirected_diff_deg(li.angle_deg(), lj.angle_deg()) < 90.0 - q.inferred_max_deg {
                continue;
            }
            let Some(p) = li.intersect(lj) else {
                continue;
            };
            let inset = q.cut_corner_inset_px;
            if !(p[0] > inset && p[1] > inset && p[0] < w - inset && p[1] < h - inset) {
                continue;
            }
            for (si, sj) in [(1.0, 1.0), (1.0, -1.0), (-1.0, 1.0), (-1.0f32, -1.0f32)] {
                let u = li.dir().map(|v| v * si);
                let v = lj.dir().map(|x| x * sj);
                let (ra, rb) = (ray_to_border(p, u, w, h), ray_to_border(p, v, w, h));
                // The long side along one line or along the other.
                let long_a = ra.max(rb * aspect);
                let long_b = rb.max(ra * aspect);
                for (la, lb) in [(long_a, long_a / aspect), (long_b / aspect, long_b)] {
                    let c1 = [p[0] + u[0] * la, p[1] + u[1] * la];
                    let c3 = [p[0] + v[0] * lb, p[1] + v[1] * lb];
                    let c2 = [c1[0] + v[0] * lb, c1[1] + v[1] * lb];
                    search.consider([p, c1, c2, c3], [Some(i), None, None, Some(j)]);
                }
            }
        }
    }
    search.into_candidates()
}

/// Distance from `p` (inside the frame) along unit direction `d` to the frame's border.
fn ray_to_border(p: Pt, d: Pt, w: f32, h: f32) -> f32 {
    let along = |x: f32, dx: f32, size: f32| {
        if dx > 1e-6 {
            (size - x) / dx
        } else if dx < -1e-6 {
            -x / dx
        } else {
            f32::INFINITY
        }
    };
    along(p[0], d[0], w).min(along(p[1], d[1], h))
}

/// The search image's size and the document's aspect (long / short side).
#[derive(Debug, Clone, Copy)]
pub(super) struct Frame {
    pub(super) w: usize,
    pub(super) h: usize,
    pub(super) aspect: f32,
}
