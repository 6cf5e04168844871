//! Candidate outlines: quadrilaterals from pairs of roughly parallel lines (or three
//! lines and a side inferred from the aspect ratio, or two lines meeting at a corner
//! and running off the frame), scored by edge support, aspect, print and size.

use super::edges::PrintMap;
use super::geometry::{
    centroid, dist, is_convex, quad_iou, rectangle_aspect, sub, undirected_diff_deg, visible_area,
    visible_fraction, Line, Pt, ASSUMED_FOCAL_FRAC,
};
use super::lines::{Cue, LineProfile, LineSet, SegmentCount, TEXTURE_SIDE_WEIGHT};

/// How strongly print counts in a candidate's score (share^exponent).
const CONTENT_EXPONENT: f32 = 0.5;
/// Opposite sides of a document converge under perspective: a card leaning 38° and
/// filling three quarters of a wide webcam's frame (80°) shows 38° between them. Such a
/// card must still be found, so that `facing_camera` can say how to hold it (22° lost 14
/// of 60 tilted evaluation cards; 40° costs 0.6 ms at the median and 2.5 ms at the p95
/// of `find_document` on a card sequence, docs/performance.md).
const PAIR_MAX_ANGLE_DEG: f32 = 40.0;
/// Adjacent sides may leave 90° by at most this (perspective, rotation of a tilted card).
const QUAD_MAX_SKEW_DEG: f32 = 32.0;
/// Shortest document side, as a share of the small image's shorter side.
const MIN_SIDE_FRAC: f32 = 0.12;
/// Corners may lie this far outside the frame (share of its size): a card partly cut by
/// the frame is still reported, so `corners_visible` can say why it fails.
const CORNER_OUTSIDE_FRAC: f32 = 0.4;
/// Aspect ratio (long/short, perspective undone with `ASSUMED_FOCAL_FRAC`) may differ
/// from the document's by this factor in log space: covers a wrong focal-length guess
/// on strongly tilted documents (0.15 and 0.2 both lost 3–4 % on the set).
const ASPECT_MAX_LOG_ERR: f32 = 0.33;
/// Softness of the aspect preference in log space.
const ASPECT_SIGMA_LOG: f32 = 0.15;
/// Share of each side end skipped when measuring support: rounded card corners.
const SIDE_END_SKIP: f32 = 0.07;
/// A side needs this share of its length on an edge of one polarity (thumb, glare may
/// hide the rest); the mean over the four sides needs `QUAD_MIN_MEAN_SUPPORT`.
const QUAD_MIN_SIDE_SUPPORT: f32 = 0.3;
const QUAD_MIN_MEAN_SUPPORT: f32 = 0.5;
/// A quad with one side inferred from the aspect ratio needs the three others clearly
/// seen, and ranks below a fully seen one of the same support, whether the unseen side
/// is hidden inside the frame or lies outside it. An unseen side outside the frame once
/// cost less (0.85), but a sheet running off the frame explains it as well as a cut
/// card does, and beat the card lying on it (0.75: `corners_visible` right on 5 more of
/// the 780 evaluation scenes; 0.65 judged another cut card fully visible).
const INFERRED_MIN_SIDE_SUPPORT: f32 = 0.6;
const INFERRED_SIDE_PENALTY: f32 = 0.75;
/// When the unseen side is inside the frame (under a thumb or glare), what hides it
/// often reaches a neighbouring side too, so the three seen sides need less: 0.5 found
/// 1 more of the 516 in-frame cards of the mixed sets and lost none, and traded one
/// low-contrast card for another (0.45 found no more, 0.55 lost a low-contrast card).
/// Outside the frame it stays at 0.6 (see above).
const HIDDEN_MIN_SIDE_SUPPORT: f32 = 0.5;
/// A quad of two seen sides whose two others lie outside the frame ranks below one with
/// an inferred side (0.6 judged 2 more of the 44 cut cards of the mixed evaluation set
/// fully visible; 0.85 lost 4 in-frame cards to cut-corner quads).
const CUT_CORNER_PENALTY: f32 = 0.7;
/// Inferring a side assumes a document facing the camera: parallel opposite sides and
/// right angles within this many degrees.
const INFERRED_MAX_DEG: f32 = 6.0;
/// A quad with an unseen side is dropped when any seen side runs on past a corner by
/// more than this share of the checked length (0.4 also dropped cut cards lying next
/// to an aligned desk edge; with desk texture discounted, 0.5 and 0.7 measured no
/// better: docs/evaluation.md, eleventh round).
const INFERRED_MAX_EXTENSION: f32 = 0.6;
/// A side counts as seen when this share of it lies inside the frame.
const MIN_VISIBLE_SIDE: f32 = 0.25;
/// Stretch of each side next to a corner (share of the side) that must show its edge.
const CORNER_STRETCH: f32 = 0.25;
/// Length past each corner (share of the side) checked for an edge that continues
/// (counted like support, texture discounted), and how much such a continuation costs.
const EXTENSION_FRAC: f32 = 0.15;
const EXTENSION_WEIGHT: f32 = 0.75;
/// Length past each corner (share of the side) where a side's edge must not run on, and
/// the support there that rules the corner out (a long stretch of one-polarity edge
/// exactly on the line is rare in desk texture; 0.7 lost more in-frame cards).
const RUN_ON_FRAC: f32 = 0.5;
const RUN_ON_MAX_SUPPORT: f32 = 0.8;
/// Share of that length that must lie inside the frame to judge it: a side of an inner
/// rectangle of a cut card may run on for only a short way before leaving the frame
/// (0.5 missed those; 0.35 kept 2 more cut cards of 60 judged visible).
const RUN_ON_MIN_VISIBLE: f32 = 0.25;
/// Weight of size in the score: prefers the outer outline over rectangles printed inside
/// the document, without letting a huge badly supported quad win.
pub(super) const AREA_EXPONENT: f32 = 0.25;
/// Candidates verified at full resolution, and the overlap above which two candidates
/// count as the same quad. Verifying 8 instead of 4 changed no figure of the
/// evaluation (all 780 scenes and the real fixtures) and cost 0.2 ms.
const TOP_CANDIDATES: usize = 4;
const SAME_QUAD_IOU: f32 = 0.9;
/// Side supports are combined as w·mean + (1−w)·min: the mean rewards a well-seen
/// outline, the min keeps one missing side from being ignored.
pub(super) const MEAN_WEIGHT: f32 = 0.7;

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
    /// printed to their edges (the scans of cze, fra, rou and che were no longer
    /// found when it lowered their score).
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
    /// Best candidates, highest rank first, no two alike.
    top: Vec<Quad>,
}

impl<'a> QuadSearch<'a> {
    fn new(set: &'a LineSet, print: &'a PrintMap, w: usize, h: usize, aspect: f32) -> Self {
        let (w, h) = (w as f32, h as f32);
        QuadSearch {
            lines: &set.lines,
            cues: &set.cues,
            profiles: &set.profiles,
            print,
            w,
            h,
            min_side: w.min(h) * MIN_SIDE_FRAC,
            aspect,
            top: Vec::new(),
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
        let (out_x, out_y) = (w * CORNER_OUTSIDE_FRAC, h * CORNER_OUTSIDE_FRAC);
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
        if aspect_err > ASPECT_MAX_LOG_ERR {
            return;
        }
        let Some(mut q) = self.score_sides(&corners, &side_lines) else {
            return;
        };
        let aspect_f = (-0.5 * (aspect_err / ASPECT_SIGMA_LOG).powi(2)).exp();
        let quality = q.score * if q.n_seen == 4 { aspect_f } else { 1.0 };
        let area = visible_area(&corners, w, h) / (w * h);
        let score = quality * q.corner_f * area.max(1e-6).powf(AREA_EXPONENT);
        let beaten = |rank: f32, top: &[Quad]| {
            top.len() >= TOP_CANDIDATES && top.last().is_some_and(|q| q.rank() >= rank)
        };
        if beaten(score, &self.top) {
            return;
        }
        // Print last: it never raises a score, and it is the costliest factor.
        let score = score * self.print.share(&corners).powf(CONTENT_EXPONENT);
        // A rectangle printed on the card (a band, the portrait, a side along the
        // aligned ends of text lines) has print right inside its sides; the card's own
        // outline has a blank margin.
        let margins = self.print.margin_print(&corners);
        let margin_f = 1.0 - margins.iter().sum::<f32>() / 4.0;
        let rank = score * margin_f;
        if beaten(rank, &self.top) {
            return;
        }
        if let Some(i) = self
            .top
            .iter()
            .position(|q| quad_iou(&q.corners, &corners) > SAME_QUAD_IOU)
        {
            if self.top[i].rank() >= rank {
                return;
            }
            self.top.remove(i);
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
        let at = self
            .top
            .iter()
            .position(|o| o.rank() < rank)
            .unwrap_or(self.top.len());
        self.top.insert(at, q);
        self.top.truncate(TOP_CANDIDATES);
    }
}

impl QuadSearch<'_> {
    /// Edge evidence for a quad's sides: support on each side's visible part, whether
    /// its sides end at its corners, whether they run on past them. `None` when the
    /// outline is not seen well enough to be a document.
    fn score_sides(&self, corners: &[Pt; 4], side_lines: &[Option<usize>; 4]) -> Option<SideScore> {
        let (w, h) = (self.w, self.h);
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
                Side::Unseen if visible_fraction(a, b, w, h) < MIN_VISIBLE_SIDE => {
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
            _ if cut_corner => (INFERRED_MIN_SIDE_SUPPORT, CUT_CORNER_PENALTY),
            (0, 0) => (QUAD_MIN_SIDE_SUPPORT, 1.0),
            (_, 0) => (HIDDEN_MIN_SIDE_SUPPORT, INFERRED_SIDE_PENALTY),
            _ => (INFERRED_MIN_SIDE_SUPPORT, INFERRED_SIDE_PENALTY),
        };
        if min_sup < min_need || mean_sup < QUAD_MIN_MEAN_SUPPORT {
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
            let e0 = prof.count(a, b, -EXTENSION_FRAC, 0.0);
            let e1 = prof.count(a, b, 1.0, 1.0 + EXTENSION_FRAC);
            // Counted like support: desk texture next to the line (edges of both
            // polarities) is no side running on.
            let hits = |c: &SegmentCount| (c.one_polarity_hits(pol[k].1) / c.len).min(1.0);
            let (x0, x1) = (hits(&e0), hits(&e1));
            // Nested outlines: a side whose edge runs on well past a corner is part of
            // a longer edge, so that corner is no corner at all (the portrait or a
            // printed band sharing the card's edge, or an inner rectangle of a cut card).
            let run_on = |t0: f32, t1: f32| {
                prof.count(a, b, t0, t1)
                    .visible_share(pol[k].1, RUN_ON_MIN_VISIBLE)
                    .unwrap_or(0.0)
            };
            if run_on(-RUN_ON_FRAC, 0.0).max(run_on(1.0, 1.0 + RUN_ON_FRAC)) > RUN_ON_MAX_SUPPORT {
                return None;
            }
            ext_sum += x0 + x1;
            ext_max = ext_max.max(x0).max(x1);
            let near = |t0: f32, t1: f32| {
                prof.count(a, b, t0, t1)
                    .visible_share(pol[k].1, 0.5)
                    .unwrap_or(1.0)
            };
            let (n0, n1) = (
                near(SIDE_END_SKIP, CORNER_STRETCH),
                near(1.0 - CORNER_STRETCH, 1.0 - SIDE_END_SKIP),
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
        if inside_unseen + outside_unseen > 0 && ext_max > INFERRED_MAX_EXTENSION {
            return None;
        }
        let ext = ext_sum / (2 * seen.len()) as f32;
        let ev: Vec<f32> = corner_ev
            .iter()
            .map(|&e| if e.is_nan() { 1.0 } else { e })
            .collect();
        let ev_min = ev.iter().copied().fold(f32::MAX, f32::min);
        let ev_mean = ev.iter().sum::<f32>() / 4.0;
        let score = unseen_penalty
            * (MEAN_WEIGHT * mean_sup + (1.0 - MEAN_WEIGHT) * min_sup)
            * (1.0 - EXTENSION_WEIGHT * ext).max(0.0);
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
        let c = profile.count(a, b, SIDE_END_SKIP, 1.0 - SIDE_END_SKIP);
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
                TEXTURE_SIDE_WEIGHT
            }
            Cue::Grey => 1.0,
        };
        // Any side under the least support rules the quad out: a bound from the whole
        // side's counts spares most quads the count by stretches.
        if c.support_bound(MIN_VISIBLE_SIDE)
            .is_some_and(|s| s < QUAD_MIN_SIDE_SUPPORT)
        {
            return Side::RulesOut;
        }
        match profile.support(a, b, SIDE_END_SKIP, 1.0 - SIDE_END_SKIP, MIN_VISIBLE_SIDE) {
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
    w: usize,
    h: usize,
    aspect: f32,
) -> Vec<Quad> {
    let mut search = QuadSearch::new(set, print, w, h, aspect);
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
    search.top
}

pub(super) fn best_quads(
    set: &LineSet,
    print: &PrintMap,
    w: usize,
    h: usize,
    aspect: f32,
) -> Vec<Quad> {
    let lines = &set.lines[..];
    let mut search = QuadSearch::new(set, print, w, h, aspect);
    let (w, h) = (w as f32, h as f32);
    let centre = [w * 0.5, h * 0.5];
    let min_side = search.min_side;
    // Roughly parallel pairs with enough separation: (i, j, mean angle).
    let mut pairs: Vec<(usize, usize, f32)> = Vec::new();
    for i in 0..lines.len() {
        for j in i + 1..lines.len() {
            let (a, b) = (lines[i].angle_deg(), lines[j].angle_deg());
            if undirected_diff_deg(a, b) > PAIR_MAX_ANGLE_DEG {
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
            if undirected_diff_deg(a.2, b.2) < 90.0 - QUAD_MAX_SKEW_DEG {
                continue;
            }
            search.consider_lines([a.0, b.0, a.1, b.1]);
        }
    }
    // Three sides seen, the fourth inferred from the aspect ratio: a side hidden by a
    // thumb or glare, lost against a desk of the same brightness, or outside the frame.
    for a in &pairs {
        if undirected_diff_deg(lines[a.0].angle_deg(), lines[a.1].angle_deg()) > INFERRED_MAX_DEG {
            continue;
        }
        for (k, lk) in lines.iter().enumerate() {
            if k == a.0
                || k == a.1
                || undirected_diff_deg(a.2, lk.angle_deg()) < 90.0 - INFERRED_MAX_DEG
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
            if undirected_diff_deg(li.angle_deg(), lj.angle_deg()) < 90.0 - INFERRED_MAX_DEG {
                continue;
            }
            let Some(p) = li.intersect(lj) else {
                continue;
            };
            if !(p[0] > 2.0 && p[1] > 2.0 && p[0] < w - 2.0 && p[1] < h - 2.0) {
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
    search.top
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
