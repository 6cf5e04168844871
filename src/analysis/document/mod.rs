//! Document detection: finds the ID card / passport page quadrilateral in a grey frame,
//! refines its corners at full resolution, rectifies it, and measures its geometry.
//!
//! Coordinates are continuous pixel coordinates: pixel (i, j) covers [i, i+1) × [j, j+1),
//! so the frame spans [0, w] × [0, h]. Corners are clockwise on screen from top-left.
//!
//! Method (why): a Hough transform on a downscaled gradient map finds long straight
//! edges even when the card's contrast is low or an edge is interrupted (thumb, glare),
//! where contour following breaks. Edge orientation comes from the structure tensor
//! (a plain Sobel direction next to textured desks is off by up to ±30°), and each
//! accepted line withdraws its pixels' votes so side lobes do not crowd out real edges.
//! Pairs of roughly parallel lines are combined into quadrilaterals (also with one side
//! inferred from the aspect ratio when three are seen: a side under a thumb, lost
//! against the desk, or outside the frame), scored by edge support per side, the
//! perspective-corrected aspect ratio and size. The best few are refined at full
//! resolution by fitting lines to gradient peaks along each side's normal, and the one
//! whose sides are also crisp straight edges at full resolution wins.

use image::{GrayImage, RgbImage};

pub use crate::shot::DocumentShape as DocShape;

/// Long side of the image the line search runs on: enough for a card that fills a third
/// of the frame to have sides of 100+ px, small enough to keep the whole search ~4 ms
/// at 1280×720 (640 was slower, 9.6 ms, and not more accurate).
const SEARCH_LONG_SIDE: u32 = 480;
/// Texture energy (see `texture_energy`): box radius of each of the two smoothing
/// passes, in small-image pixels, and the gain that puts its steps on the grey scale of
/// `EDGE_MIN_GRAD`.
const TEXTURE_BOX_RADIUS: usize = 2;
const TEXTURE_GAIN: f32 = 12.0;
/// A side seen only in texture is weaker evidence than a grey edge (a smooth image
/// fits any line well): its support and fit count this much.
const TEXTURE_SIDE_WEIGHT: f32 = 0.8;
/// Print check (`content_share`): cells along × across, the inset from the outline
/// (share of each side), and the Sobel magnitude of print (a step of ~10 grey levels).
const CONTENT_CELLS: (usize, usize) = (8, 5);
const CONTENT_INSET: f32 = 0.08;
const CONTENT_MIN_GRAD: f32 = 40.0;
const CONTENT_MIN_DENSITY: f32 = 0.02;
/// How strongly print counts in a candidate's score (share^exponent).
const CONTENT_EXPONENT: f32 = 0.5;
/// Verified quality of the best grey outline above which texture is not searched: the
/// texture search costs ~4 ms. 0.6 found 2 more of the 256 in-frame evaluation cards
/// but took the p95 of a frame's analysis on the card sequence from 14.7 to 20 ms.
const GREY_ENOUGH_QUALITY: f32 = 0.5;
/// Lines taken from the texture energy in addition to the grey ones.
const MAX_TEXTURE_LINES: usize = 16;
/// Below this (after downscaling) there is no document worth looking for.
const MIN_SEARCH_SIDE: u32 = 24;
/// Sobel magnitude (×4 of a one-level step) counted as an edge, for voting and support:
/// a step of ~5 grey levels, low enough for a white card on a light desk.
const EDGE_MIN_GRAD: f32 = 20.0;
/// Each edge pixel votes for line angles within this many degrees of its edge
/// orientation: tolerates orientation noise (2 lost 4 %, 4 gained nothing on the set).
const HOUGH_ANGLE_SPREAD: i32 = 3;
/// Edge pixels vote only where the orientation is coherent (straight edges, not the
/// isotropic texture of gravel or grass).
const HOUGH_MIN_COHERENCE: f32 = 0.6;
/// Lines kept from the accumulator: the document's 4 sides must be among them even on a
/// cluttered desk, and the number of quads grows with the 4th power of this.
const MAX_LINES: usize = 36;
/// Minimum votes of a line as a share of the small image's shorter side.
const HOUGH_MIN_VOTES_FRAC: f32 = 0.07;
/// Two accumulator peaks closer than this (degrees, px) are the same line.
const LINE_SUPPRESS_DEG: f32 = 3.0;
const LINE_SUPPRESS_RHO: f32 = 4.0;
/// Opposite sides of a document converge under perspective; beyond this the document is
/// tilted so much that it cannot be read anyway.
const PAIR_MAX_ANGLE_DEG: f32 = 22.0;
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
/// Focal length assumed for undoing perspective, as a share of the long image side
/// (a horizontal field of view of ~65°, typical of webcams and phone main cameras).
const ASSUMED_FOCAL_FRAC: f32 = 0.8;
/// Softness of the aspect preference in log space.
const ASPECT_SIGMA_LOG: f32 = 0.15;
/// Edge points are searched this many px either side of a line: Hough quantisation of
/// 1° / 1 px leaves up to ~2 px at the ends of a long side.
const SUPPORT_TOL_PX: i32 = 2;
/// An edge pixel supports a line when its gradient is within this angle of the normal.
const SUPPORT_MAX_ANGLE_DEG: f32 = 20.0;
/// Share of each side end skipped when measuring support: rounded card corners.
const SIDE_END_SKIP: f32 = 0.07;
/// A side needs this share of its length on an edge of one polarity (thumb, glare may
/// hide the rest); the mean over the four sides needs `QUAD_MIN_MEAN_SUPPORT`.
const QUAD_MIN_SIDE_SUPPORT: f32 = 0.3;
const QUAD_MIN_MEAN_SUPPORT: f32 = 0.5;
/// A quad with one side inferred from the aspect ratio needs the three others clearly
/// seen, and ranks below a fully seen one of the same support.
const INFERRED_MIN_SIDE_SUPPORT: f32 = 0.6;
const INFERRED_SIDE_PENALTY: f32 = 0.75;
/// Milder when the unseen side lies outside the frame: that explains it, but random
/// lines reaching out of the frame explain it too (0.95 let them beat whole cards).
const INFERRED_OUTSIDE_PENALTY: f32 = 0.85;
/// Inferring a side assumes a document facing the camera: parallel opposite sides and
/// right angles within this many degrees.
const INFERRED_MAX_DEG: f32 = 6.0;
/// A quad with an unseen side is dropped when any seen side runs on past a corner by
/// more than this share of the checked length (0.4 also dropped cut cards lying next
/// to an aligned desk edge; 0.6 and 0.7 measured alike).
const INFERRED_MAX_EXTENSION: f32 = 0.6;
/// A side counts as seen when this share of it lies inside the frame.
const MIN_VISIBLE_SIDE: f32 = 0.25;
/// Stretch of each side next to a corner (share of the side) that must show its edge.
const CORNER_STRETCH: f32 = 0.25;
/// Weight of thin-line samples (both polarities within the tolerance band) subtracted
/// from a side's support (0.3, 0.75 and 1 each lost 4+ whole cards on the set).
const RIDGE_WEIGHT: f32 = 0.5;
/// Length past each corner (share of the side) checked for an edge that continues, and
/// how much such a continuation costs.
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
const AREA_EXPONENT: f32 = 0.25;
/// Full-resolution refinement: gradient peaks must be at least this step (grey levels
/// over 2 px) to count.
const REFINE_MIN_STEP: f32 = 3.0;
/// Candidates verified at full resolution, and the overlap above which two candidates
/// count as the same quad. Verifying 8 instead of 4 changed no figure of the
/// evaluation (all 780 scenes and the real fixtures) and cost 0.2 ms.
const TOP_CANDIDATES: usize = 4;
const SAME_QUAD_IOU: f32 = 0.9;
/// A refined edge point within this distance of the fitted side counts as on it.
const FIT_TOL_PX: f32 = 1.5;
/// Final quality = verified^(1-w) · coarse^w: the coarse support covers the whole side
/// at ±2 px, the full-resolution fit is sharp but sees only 48 points per side; a
/// geometric mix of both ranked candidates best on the synthetic set (0.7 vs 0.5/0.3).
const COARSE_WEIGHT: f32 = 0.7;
/// Side supports are combined as w·mean + (1−w)·min: the mean rewards a well-seen
/// outline, the min keeps one missing side from being ignored.
const MEAN_WEIGHT: f32 = 0.7;
/// Verified quality below which nothing is reported.
const MIN_VERIFIED_QUALITY: f32 = 0.3;
/// Refinement samples per side (spread over the inner part of the side).
const REFINE_SAMPLES: usize = 48;

/// A detected document outline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FoundDocument {
    /// Corners in input pixel coordinates, clockwise from top-left.
    pub corners: [[f32; 2]; 4],
    /// 0–1: how crisp and complete the outline's edges are × aspect agreement (seen
    /// 0.5–1.0 on correct detections; not a calibrated probability).
    pub score: f32,
}

/// Where the document lies in the frame and how it is posed.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct DocGeometry {
    /// Top, right, bottom, left: distance of the nearest corner to that frame edge as a
    /// fraction of the frame height/width; negative = outside the frame.
    pub min_margin_frac: [f32; 4],
    /// Document width (mean of top and bottom sides) / frame width.
    pub width_frac: f32,
    /// Document area / frame area.
    pub area_frac: f32,
    /// Document width in pixels (mean of top and bottom sides).
    pub width_px: f32,
    /// In-plane rotation in degrees, positive = clockwise on screen.
    pub rotation_deg: f32,
    /// Max over the two pairs of opposite sides of longer/shorter (≥ 1).
    pub side_ratio: f32,
    /// Max |corner angle − 90°| in degrees.
    pub max_angle_dev_deg: f32,
}

type Pt = [f32; 2];

fn sub(a: Pt, b: Pt) -> Pt {
    [a[0] - b[0], a[1] - b[1]]
}

fn dist(a: Pt, b: Pt) -> f32 {
    let d = sub(a, b);
    d[0].hypot(d[1])
}

fn cross(a: Pt, b: Pt) -> f32 {
    a[0] * b[1] - a[1] * b[0]
}

/// Signed area (positive when clockwise on screen, i.e. y down).
fn signed_area(poly: &[Pt]) -> f32 {
    let n = poly.len();
    (0..n)
        .map(|i| cross(poly[i], poly[(i + 1) % n]))
        .sum::<f32>()
        * 0.5
}

/// The image an edge was seen in: the grey frame, or the texture energy (where a card
/// of the desk's brightness shows as smooth against busy texture).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Cue {
    Grey,
    Texture,
}

/// A line `n · p = c` with unit normal `n`.
#[derive(Debug, Clone, Copy)]
struct Line {
    n: Pt,
    c: f32,
}

impl Line {
    fn intersect(&self, o: &Line) -> Option<Pt> {
        let det = cross(self.n, o.n);
        if det.abs() < 1e-6 {
            return None;
        }
        Some([
            (self.c * o.n[1] - o.c * self.n[1]) / det,
            (self.n[0] * o.c - o.n[0] * self.c) / det,
        ])
    }

    /// Direction along the line (normal turned by +90°).
    fn dir(&self) -> Pt {
        [-self.n[1], self.n[0]]
    }

    /// Whether `o` is this line within the accumulator's suppression distance.
    fn same_as(&self, o: &Line) -> bool {
        let dn = self.n[0] * o.n[0] + self.n[1] * o.n[1];
        let dc = if dn >= 0.0 {
            self.c - o.c
        } else {
            self.c + o.c
        };
        undirected_diff_deg(self.angle_deg(), o.angle_deg()) <= LINE_SUPPRESS_DEG
            && dc.abs() <= LINE_SUPPRESS_RHO
    }

    /// Angle of the normal folded into [0, 180).
    fn angle_deg(&self) -> f32 {
        self.n[1].atan2(self.n[0]).to_degrees().rem_euclid(180.0)
    }
}

/// Angle between two undirected directions, in [0, 90].
fn undirected_diff_deg(a: f32, b: f32) -> f32 {
    let d = (a - b).rem_euclid(180.0);
    d.min(180.0 - d)
}

/// Finds the document outline. Returns `None` when no quadrilateral of the expected
/// aspect with enough edge support is present.
pub fn find_document(grey: &GrayImage, shape: DocShape) -> Option<FoundDocument> {
    let (w, h) = grey.dimensions();
    let long = w.max(h);
    if long == 0 {
        return None;
    }
    let factor = long.div_ceil(SEARCH_LONG_SIDE).max(1);
    let small = box_downscale(grey, factor);
    if small.w < MIN_SEARCH_SIDE as usize || small.h < MIN_SEARCH_SIDE as usize {
        return None;
    }
    let f = factor as f32;
    let aspect = shape.aspect();
    let edges = EdgeMap::new(&small);
    let print = PrintMap::new(&edges);
    let mut lines = LineSet::default();
    lines.add(hough_lines(&edges, MAX_LINES), Cue::Grey, &edges);
    let mut planes = Planes {
        grey,
        texture: None,
        f,
    };
    let candidates = best_quads(&lines, &print, small.w, small.h, aspect);
    let mut best = verify(&planes, &candidates);
    // A crisp, complete grey outline needs no second look. Otherwise add the outlines
    // seen only as a change of texture (a card of the desk's brightness on a busy desk).
    if best.is_none_or(|b| b.quality < GREY_ENOUGH_QUALITY) {
        let texture = texture_energy(&small);
        let texture_edges = EdgeMap::new(&texture);
        // One already found in grey is measured there, where it is sharper.
        let n_grey = lines.lines.len();
        let new: Vec<Line> = hough_lines(&texture_edges, 2 * MAX_TEXTURE_LINES)
            .into_iter()
            .filter(|l| !lines.lines[..n_grey].iter().any(|o| o.same_as(l)))
            .take(MAX_TEXTURE_LINES)
            .collect();
        lines.add(new, Cue::Texture, &texture_edges);
        planes.texture = Some(&texture);
        let candidates = best_quads(&lines, &print, small.w, small.h, aspect);
        if let Some(b) = verify(&planes, &candidates) {
            if best.is_none_or(|o| b.score > o.score) {
                best = Some(b);
            }
        }
    }
    let Verified {
        corners, quality, ..
    } = best?;
    if quality < MIN_VERIFIED_QUALITY {
        return None;
    }

    Some(FoundDocument {
        corners: order_corners(corners),
        score: quality.clamp(0.0, 1.0),
    })
}

/// The lines of a search, each with the image it was seen in and its edge profile.
#[derive(Default)]
struct LineSet {
    lines: Vec<Line>,
    cues: Vec<Cue>,
    profiles: Vec<LineProfile>,
}

impl LineSet {
    fn add(&mut self, lines: Vec<Line>, cue: Cue, edges: &EdgeMap) {
        for l in lines {
            self.profiles.push(LineProfile::new(&l, edges));
            self.cues.push(cue);
            self.lines.push(l);
        }
    }
}

/// A candidate after verification at full resolution.
#[derive(Debug, Clone, Copy)]
struct Verified {
    /// Quality × size: what ranks candidates.
    score: f32,
    corners: [Pt; 4],
    quality: f32,
}

/// Refines each candidate at full resolution and measures how much of each side is a
/// crisp edge on a straight line (texture that happened to line up at the coarse scale
/// scatters here); returns the best.
fn verify(planes: &Planes, candidates: &[Quad]) -> Option<Verified> {
    let (w, h) = (planes.grey.width() as f32, planes.grey.height() as f32);
    let f = planes.f;
    let mut best: Option<Verified> = None;
    for quad in candidates {
        let coarse: [Pt; 4] = quad.corners.map(|p| [p[0] * f, p[1] * f]);
        let Some((refined, fit)) = refine_quad(planes, &coarse, &quad.polarity, &quad.cue) else {
            continue;
        };
        let measured: Vec<f32> = (0..4)
            .filter(|&k| quad.polarity[k].1 != 0.0)
            .map(|k| fit[k])
            .collect();
        let min_fit = measured.iter().cloned().fold(f32::MAX, f32::min);
        let mean_fit = measured.iter().sum::<f32>() / measured.len().max(1) as f32;
        let mut quality = (MEAN_WEIGHT * mean_fit + (1.0 - MEAN_WEIGHT) * min_fit) * quad.aspect_f;
        quality *= quad.unseen_penalty;
        let area = visible_area(&refined, w, h) / (w * h);
        let coarse_q = quad.score / area.max(1e-6).powf(AREA_EXPONENT);
        let quality =
            quality.max(1e-6).powf(1.0 - COARSE_WEIGHT) * coarse_q.max(1e-6).powf(COARSE_WEIGHT);
        let score = quality * area.max(1e-6).powf(AREA_EXPONENT);
        if best.is_none_or(|b| score > b.score) {
            best = Some(Verified {
                score,
                corners: refined,
                quality,
            });
        }
    }
    best
}

/// The images sides are refined in: the full-resolution grey frame, and the texture
/// energy at the search scale (`f` input pixels per pixel).
struct Planes<'a> {
    grey: &'a GrayImage,
    /// Computed only when the grey search was not conclusive.
    texture: Option<&'a Small>,
    f: f32,
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
        match cue {
            Cue::Grey => refine_side(self.grey, a, b, pol, radius, &GREY_REFINE),
            Cue::Texture => {
                let f = self.f;
                let small = |p: Pt| [p[0] / f, p[1] / f];
                let radius = (radius / f).max(TEXTURE_MIN_RADIUS);
                let (l, share) = refine_side(
                    self.texture?,
                    small(a),
                    small(b),
                    pol,
                    radius,
                    &TEXTURE_REFINE,
                )?;
                Some((Line { n: l.n, c: l.c * f }, share * TEXTURE_SIDE_WEIGHT))
            }
        }
    }
}

/// Refines a coarse quad (input coordinates) in two passes; returns the corners and, per
/// side, the share of samples lying on the fitted edge. Falls back to the coarse corners
/// when the refinement wanders off and fits no better.
fn refine_quad(
    planes: &Planes,
    coarse: &[Pt; 4],
    polarity: &[(Pt, f32); 4],
    cue: &[Cue; 4],
) -> Option<([Pt; 4], [f32; 4])> {
    let f = planes.f;
    let (c1, _) = refine_corners(planes, coarse, polarity, cue, 2.0 * f + 3.0)?;
    let (c2, fit) = refine_corners(planes, &c1, polarity, cue, 3.0)?;
    // A refinement that moved a corner far is worse than the coarse answer.
    let ok = c2
        .iter()
        .zip(coarse.iter())
        .all(|(a, b)| dist(*a, *b) <= 3.0 * f + 6.0);
    if ok {
        return Some((c2, fit));
    }
    // Unless its sides fit better than the coarse ones: a Hough line a degree or two off
    // along a long side (a thin printed outline) leaves a corner far from the true one.
    let (_, coarse_fit) = refine_corners(planes, coarse, polarity, cue, 3.0)?;
    let total = |f: &[f32; 4]| f.iter().sum::<f32>();
    if total(&fit) > total(&coarse_fit) {
        Some((c2, fit))
    } else {
        Some((*coarse, coarse_fit))
    }
}

/// Grey image as f32 rows after an integer box downscale (each output pixel is the mean
/// of a `factor × factor` block, which also suppresses noise and fine texture).
struct Small {
    w: usize,
    h: usize,
    px: Vec<f32>,
}

fn box_downscale(grey: &GrayImage, factor: u32) -> Small {
    let f = factor.max(1) as usize;
    let (w, h) = (grey.width() as usize, grey.height() as usize);
    let (sw, sh) = (w / f, h / f);
    let raw = grey.as_raw();
    let mut px = vec![0f32; sw * sh];
    let mut acc = vec![0u32; sw];
    let norm = 1.0 / (f * f) as f32;
    for sy in 0..sh {
        acc.iter_mut().for_each(|a| *a = 0);
        for y in sy * f..(sy + 1) * f {
            let row = &raw[y * w..y * w + sw * f];
            for (a, chunk) in acc.iter_mut().zip(row.chunks_exact(f)) {
                *a += chunk.iter().map(|&v| v as u32).sum::<u32>();
            }
        }
        for (o, a) in px[sy * sw..(sy + 1) * sw].iter_mut().zip(acc.iter()) {
            *o = *a as f32 * norm;
        }
    }
    Small { w: sw, h: sh, px }
}

/// Texture energy of the small image: the square root of the gradient magnitude,
/// smoothed with a 9×9 triangle filter, × `TEXTURE_GAIN`. A card of nearly the desk's
/// brightness on gravel, grass or brick shows almost no grey step, but it is smooth
/// where the desk is busy, so its outline is a clear step in this image. The root keeps
/// one strong edge from looking like texture; the triangle (two box passes) keeps the
/// steepest point of a blurred step on the step itself, so lines found here sit on the
/// outline.
fn texture_energy(s: &Small) -> Small {
    let (w, h) = (s.w, s.h);
    let p = &s.px;
    let mut e = vec![0f32; w * h];
    for y in 1..h.saturating_sub(1) {
        for x in 1..w - 1 {
            let i = y * w + x;
            let gx = p[i + 1] - p[i - 1];
            let gy = p[i + w] - p[i - w];
            e[i] = (gx * gx + gy * gy).sqrt().sqrt();
        }
    }
    for _ in 0..2 {
        box_blur(&mut e, w, h, TEXTURE_BOX_RADIUS);
    }
    e.iter_mut().for_each(|v| *v *= TEXTURE_GAIN);
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
struct EdgeMap {
    w: usize,
    h: usize,
    gx: Vec<f32>,
    gy: Vec<f32>,
    mag: Vec<f32>,
    /// Unit normal of the local edge (tensor orientation, defined modulo 180°).
    ox: Vec<f32>,
    oy: Vec<f32>,
    /// Orientation coherence 0–1: 1 on a straight edge, low on texture and corners.
    coh: Vec<f32>,
}

impl EdgeMap {
    fn new(s: &Small) -> Self {
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
                if mag[i] < EDGE_MIN_GRAD {
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
        }
    }

    /// Edge pixel that is a local maximum across the edge (thin edges for the Hough).
    fn is_thin_edge(&self, x: usize, y: usize) -> bool {
        let i = y * self.w + x;
        let m = self.mag[i];
        if m < EDGE_MIN_GRAD || x == 0 || y == 0 || x + 1 >= self.w || y + 1 >= self.h {
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

/// Finds straight lines with an orientation-restricted Hough transform. Lines are taken
/// strongest first, and each accepted line withdraws the votes of its own edge pixels
/// before the next is taken: the side lobes of a long edge (its pixels also vote for
/// neighbouring angles) and near-duplicates fade away, while a genuinely separate
/// parallel edge a few pixels off (card edge vs. a printed band) keeps its votes.
fn hough_lines(e: &EdgeMap, max_lines: usize) -> Vec<Line> {
    const N_THETA: usize = 180;
    let rho_max = ((e.w * e.w + e.h * e.h) as f32).sqrt().ceil() as i32 + 1;
    let n_rho = (2 * rho_max + 1) as usize;
    let (cos_t, sin_t): (Vec<f32>, Vec<f32>) = (0..N_THETA)
        .map(|t| {
            let a = (t as f32).to_radians();
            (a.cos(), a.sin())
        })
        .unzip();
    // Voting pixels and their angle bin (u8::MAX = not voting).
    let mut bin = vec![u8::MAX; e.w * e.h];
    let mut acc = vec![0i32; N_THETA * n_rho];
    let vote = |acc: &mut [i32], x: usize, y: usize, t0: i32, delta: i32| {
        let (px, py) = (x as f32 + 0.5, y as f32 + 0.5);
        for d in -HOUGH_ANGLE_SPREAD..=HOUGH_ANGLE_SPREAD {
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
            if e.coh[i] < HOUGH_MIN_COHERENCE || !e.is_thin_edge(x, y) {
                continue;
            }
            let theta = e.oy[i].atan2(e.ox[i]).to_degrees().rem_euclid(180.0);
            let t0 = (theta.round() as i32).rem_euclid(N_THETA as i32);
            bin[i] = t0 as u8;
            vote(&mut acc, x, y, t0, 1);
        }
    }
    let min_votes = ((e.w.min(e.h) as f32 * HOUGH_MIN_VOTES_FRAC) as i32).max(8);
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
        if lines.iter().any(|l| l.same_as(&line)) {
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
                let b = bin[i];
                if b == u8::MAX {
                    continue;
                }
                let da = (b as i32 - t as i32).rem_euclid(N_THETA as i32);
                if da.min(N_THETA as i32 - da) <= HOUGH_ANGLE_SPREAD + 1 {
                    vote(&mut acc, xi, yi, b as i32, -1);
                    bin[i] = u8::MAX;
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
struct LineProfile {
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
}

/// Counts over one segment of a line profile.
#[derive(Debug, Clone, Copy)]
struct SegmentCount {
    pos: f32,
    neg: f32,
    both: f32,
    inside: f32,
    len: f32,
}

impl SegmentCount {
    /// Supported share of the visible part for polarity `pol`; `None` when too little of
    /// the segment is visible to say (it lies outside the frame).
    fn visible_share(&self, pol: f32, min_visible: f32) -> Option<f32> {
        let hits = if pol >= 0.0 { self.pos } else { self.neg };
        // A thin line (pen, cable, brick joint) has edges of both polarities within the
        // tolerance band at the same place; a document's side is a step of one. Only
        // such pairs count against a side: lone opposite hits are the noise around a
        // faint edge.
        let hits = (hits - RIDGE_WEIGHT * self.both).max(0.0);
        (self.inside >= min_visible * self.len && self.inside > 0.0)
            .then(|| (hits / self.inside).min(1.0))
    }

    fn polarity(&self) -> f32 {
        if self.pos >= self.neg {
            1.0
        } else {
            -1.0
        }
    }
}

impl LineProfile {
    fn new(l: &Line, e: &EdgeMap) -> Self {
        let origin = [l.n[0] * l.c, l.n[1] * l.c];
        let dir = l.dir();
        let half = ((e.w * e.w + e.h * e.h) as f32).sqrt();
        let n_samples = (2.0 * half).ceil() as usize + 1;
        let cos_min = SUPPORT_MAX_ANGLE_DEG.to_radians().cos();
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
            for o in -SUPPORT_TOL_PX..=SUPPORT_TOL_PX {
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
                if m < EDGE_MIN_GRAD {
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
        }
    }

    /// Parameter of point `p` (on the line) along it.
    fn param(&self, p: Pt) -> f32 {
        (p[0] - self.origin[0]) * self.dir[0] + (p[1] - self.origin[1]) * self.dir[1]
    }

    /// Counts over the part of segment a→b from fraction `t0` to `t1` of its length.
    fn count(&self, a: Pt, b: Pt, t0: f32, t1: f32) -> SegmentCount {
        let (sa, sb) = (self.param(a), self.param(b));
        let (lo, hi) = (sa + (sb - sa) * t0, sa + (sb - sa) * t1);
        let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
        let last = (self.pos.len() - 1) as f32;
        let i0 = (lo - self.s0).clamp(0.0, last) as usize;
        let i1 = (hi - self.s0).clamp(0.0, last) as usize;
        let d = |v: &[u32]| v[i1].saturating_sub(v[i0]) as f32;
        SegmentCount {
            pos: d(&self.pos),
            neg: d(&self.neg),
            both: d(&self.both),
            inside: d(&self.inside),
            len: (hi - lo).max(1.0),
        }
    }
}

struct Quad {
    /// Corners in small-image coordinates, in side order (side k from corner k to k+1).
    corners: [Pt; 4],
    /// Per side: the line normal and the gradient polarity along it (0 = no edge seen,
    /// e.g. a side inferred from the aspect ratio), so refinement looks for the same edge.
    polarity: [(Pt, f32); 4],
    /// Per side: the image its edge was seen in (refinement looks there too).
    cue: [Cue; 4],
    score: f32,
    /// Aspect agreement factor and the penalty for an unseen side (kept for re-scoring).
    aspect_f: f32,
    unseen_penalty: f32,
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
    /// Best candidates, highest score first, no two alike.
    top: Vec<Quad>,
}

impl QuadSearch<'_> {
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
        let beaten = |score: f32, top: &[Quad]| {
            top.len() >= TOP_CANDIDATES && top.last().is_some_and(|q| q.score >= score)
        };
        if beaten(score, &self.top) {
            return;
        }
        // Print last: it never raises a score, and it is the costliest factor.
        let score = score * self.print.share(&corners).powf(CONTENT_EXPONENT);
        if beaten(score, &self.top) {
            return;
        }
        if let Some(i) = self
            .top
            .iter()
            .position(|q| quad_iou(&q.corners, &corners) > SAME_QUAD_IOU)
        {
            if self.top[i].score >= score {
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
            aspect_f,
            unseen_penalty: q.unseen_penalty,
        };
        let at = self
            .top
            .iter()
            .position(|o| o.score < score)
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
        let centre = [
            corners.iter().map(|p| p[0]).sum::<f32>() * 0.25,
            corners.iter().map(|p| p[1]).sum::<f32>() * 0.25,
        ];
        for k in 0..4 {
            let (a, b) = (corners[k], corners[(k + 1) % 4]);
            let seen = side_lines[k].and_then(|li| {
                let prof = &self.profiles[li];
                let c = prof.count(a, b, SIDE_END_SKIP, 1.0 - SIDE_END_SKIP);
                let p = c.polarity();
                let n = self.lines[li].n;
                // A document is smoother than the desk around it, never busier: its
                // texture outline rises outwards (a text block or the portrait inside
                // it rises inwards).
                if self.cues[li] == Cue::Texture {
                    let out = sub([(a[0] + b[0]) * 0.5, (a[1] + b[1]) * 0.5], centre);
                    if p * (n[0] * out[0] + n[1] * out[1]) <= 0.0 {
                        return None;
                    }
                }
                c.visible_share(p, MIN_VISIBLE_SIDE)
                    .map(|s| (s, (self.lines[li].n, p), prof))
            });
            match seen {
                Some((s, p, prof)) => {
                    let cue_f = match side_lines[k].map(|li| self.cues[li]) {
                        Some(Cue::Texture) => TEXTURE_SIDE_WEIGHT,
                        _ => 1.0,
                    };
                    sup[k] = Some(s * cue_f);
                    pol[k] = p;
                    counts[k] = Some(prof);
                }
                // Unseen: a side outside the frame is fully explained; one inside is
                // hidden (thumb, glare, a desk of the card's brightness).
                None if visible_fraction(a, b, w, h) < MIN_VISIBLE_SIDE => outside_unseen += 1,
                None => inside_unseen += 1,
            }
        }
        let seen: Vec<f32> = sup.iter().flatten().copied().collect();
        if seen.len() < 3 {
            return None;
        }
        let min_sup = seen.iter().copied().fold(f32::MAX, f32::min);
        let mean_sup = seen.iter().sum::<f32>() / seen.len() as f32;
        let (min_need, unseen_penalty) = match (inside_unseen, outside_unseen) {
            (0, 0) => (QUAD_MIN_SIDE_SUPPORT, 1.0),
            (0, _) => (INFERRED_MIN_SIDE_SUPPORT, INFERRED_OUTSIDE_PENALTY),
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
            let hits =
                |c: &SegmentCount| (if pol[k].1 >= 0.0 { c.pos } else { c.neg } / c.len).min(1.0);
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

/// Where the small image shows print: a summed-area table of pixels whose gradient is
/// at least `CONTENT_MIN_GRAD`, so any box is counted in O(1).
struct PrintMap {
    w: usize,
    h: usize,
    /// (w+1) × (h+1) prefix sums.
    sum: Vec<u32>,
}

impl PrintMap {
    fn new(e: &EdgeMap) -> Self {
        let (w, h) = (e.w, e.h);
        let mut sum = vec![0u32; (w + 1) * (h + 1)];
        for y in 0..h {
            let mut row = 0u32;
            for x in 0..w {
                row += (e.mag[y * w + x] >= CONTENT_MIN_GRAD) as u32;
                sum[(y + 1) * (w + 1) + x + 1] = sum[y * (w + 1) + x + 1] + row;
            }
        }
        PrintMap { w, h, sum }
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
    /// is cut into `CONTENT_CELLS` cells (each counted over its bounding box), and a
    /// cell shows print when `CONTENT_MIN_DENSITY` of it is print. A document is printed
    /// all over (portrait, text, bands, patterns); a blank sheet of paper, or a sheet
    /// with a card lying on part of it, is not.
    fn share(&self, c: &[Pt; 4]) -> f32 {
        let (cols, rows) = CONTENT_CELLS;
        let at = |u: f32, v: f32| {
            let u = CONTENT_INSET + (1.0 - 2.0 * CONTENT_INSET) * u;
            let v = CONTENT_INSET + (1.0 - 2.0 * CONTENT_INSET) * v;
            let l = [
                c[0][0] + (c[3][0] - c[0][0]) * v,
                c[0][1] + (c[3][1] - c[0][1]) * v,
            ];
            let r = [
                c[1][0] + (c[2][0] - c[1][0]) * v,
                c[1][1] + (c[2][1] - c[1][1]) * v,
            ];
            [l[0] + (r[0] - l[0]) * u, l[1] + (r[1] - l[1]) * u]
        };
        let (mut busy, mut seen) = (0, 0);
        for j in 0..rows {
            for i in 0..cols {
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
                    continue;
                }
                seen += 1;
                busy += (n as f32 >= CONTENT_MIN_DENSITY * area as f32) as u32;
            }
        }
        if seen == 0 {
            return 0.0;
        }
        busy as f32 / seen as f32
    }
}

/// Area of quad `c` inside the `w × h` image. Size counts only where it is seen: a quad
/// reaching far out of the frame on desk lines has no evidence for its outside part.
fn visible_area(c: &[Pt; 4], w: f32, h: f32) -> f32 {
    if c.iter()
        .all(|p| p[0] >= 0.0 && p[1] >= 0.0 && p[0] <= w && p[1] <= h)
    {
        return signed_area(c).abs();
    }
    let frame = [[0.0, 0.0], [w, 0.0], [w, h], [0.0, h]];
    let mut q = c.to_vec();
    if signed_area(&q) < 0.0 {
        q.reverse();
    }
    signed_area(&clip_convex(&q, &frame)).abs()
}

/// Share of segment a→b inside the `w × h` image.
fn visible_fraction(a: Pt, b: Pt, w: f32, h: f32) -> f32 {
    const N: usize = 16;
    (0..N)
        .filter(|&i| {
            let t = (i as f32 + 0.5) / N as f32;
            let p = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
            p[0] >= 0.0 && p[1] >= 0.0 && p[0] < w && p[1] < h
        })
        .count() as f32
        / N as f32
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

fn best_quads(set: &LineSet, print: &PrintMap, w: usize, h: usize, aspect: f32) -> Vec<Quad> {
    let lines = &set.lines[..];
    let (w, h) = (w as f32, h as f32);
    let centre = [w * 0.5, h * 0.5];
    let min_side = w.min(h) * MIN_SIDE_FRAC;
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
    let mut search = QuadSearch {
        lines,
        cues: &set.cues,
        profiles: &set.profiles,
        print,
        w,
        h,
        min_side,
        aspect,
        top: Vec::new(),
    };
    for (pa, a) in pairs.iter().enumerate() {
        for b in pairs.iter().skip(pa + 1) {
            if undirected_diff_deg(a.2, b.2) < 90.0 - QUAD_MAX_SKEW_DEG {
                continue;
            }
            let (l0, l1, l2, l3) = (a.0, b.0, a.1, b.1);
            // Corners in order around the quad: sides lie on l0, l1, l2, l3.
            let c = [
                lines[l3].intersect(&lines[l0]),
                lines[l0].intersect(&lines[l1]),
                lines[l1].intersect(&lines[l2]),
                lines[l2].intersect(&lines[l3]),
            ];
            let [Some(c0), Some(c1), Some(c2), Some(c3)] = c else {
                continue;
            };
            search.consider([c0, c1, c2, c3], [Some(l0), Some(l1), Some(l2), Some(l3)]);
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
    search.top
}

/// Aspect ratio (≥ 1) of the real rectangle seen as quad `c` (corners in order) through
/// a pinhole camera with principal point `pp` and focal length `f` (px), undoing
/// perspective foreshortening (Zhang & He, "Whiteboard scanning", 2007). `None` when the
/// quad is degenerate for this model.
fn rectangle_aspect(c: &[Pt; 4], pp: Pt, f: f32) -> Option<f32> {
    let m = |p: Pt| [(p[0] - pp[0]) as f64, (p[1] - pp[1]) as f64, 1.0f64];
    // Zhang's labelling: m1 = c0, m2 = c1, m3 = c3, m4 = c2 (rectangle (0,0),(w,0),(0,h),(w,h)).
    let (m1, m2, m3, m4) = (m(c[0]), m(c[1]), m(c[3]), m(c[2]));
    let cr = |a: [f64; 3], b: [f64; 3]| {
        [
            a[1] * b[2] - a[2] * b[1],
            a[2] * b[0] - a[0] * b[2],
            a[0] * b[1] - a[1] * b[0],
        ]
    };
    let dot = |a: [f64; 3], b: [f64; 3]| a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    let m14 = cr(m1, m4);
    let k2 = dot(m14, m3) / dot(cr(m2, m4), m3);
    let k3 = dot(m14, m2) / dot(cr(m3, m4), m2);
    if !(k2.is_finite() && k3.is_finite() && k2 > 0.0 && k3 > 0.0) {
        return None;
    }
    let n2 = [k2 * m2[0] - m1[0], k2 * m2[1] - m1[1], k2 - 1.0];
    let n3 = [k3 * m3[0] - m1[0], k3 * m3[1] - m1[1], k3 - 1.0];
    let f2 = (f as f64) * (f as f64);
    let l2 = (n2[0] * n2[0] + n2[1] * n2[1]) / f2 + n2[2] * n2[2];
    let l3 = (n3[0] * n3[0] + n3[1] * n3[1]) / f2 + n3[2] * n3[2];
    if !(l2 > 0.0 && l3 > 0.0) {
        return None;
    }
    let r = (l2 / l3).sqrt() as f32;
    r.is_finite().then(|| r.max(1.0 / r))
}

fn is_convex(c: &[Pt; 4]) -> bool {
    let mut sign = 0.0f32;
    for k in 0..4 {
        let z = cross(
            sub(c[(k + 1) % 4], c[k]),
            sub(c[(k + 2) % 4], c[(k + 1) % 4]),
        );
        if z.abs() < 1e-6 {
            return false;
        }
        if sign == 0.0 {
            sign = z.signum();
        } else if z.signum() != sign {
            return false;
        }
    }
    true
}

/// An image sides can be refined in.
trait Plane {
    /// Bilinear value at continuous coordinates (pixel centres at +0.5); `None` outside.
    fn sample(&self, x: f32, y: f32) -> Option<f32>;
}

impl Plane for GrayImage {
    fn sample(&self, x: f32, y: f32) -> Option<f32> {
        sample_grey(self, x, y)
    }
}

impl Plane for Small {
    fn sample(&self, x: f32, y: f32) -> Option<f32> {
        let (fx, fy) = (x - 0.5, y - 0.5);
        if !(fx >= 0.0 && fy >= 0.0) {
            return None;
        }
        let (x0, y0) = (fx as usize, fy as usize);
        if x0 + 1 >= self.w || y0 + 1 >= self.h {
            return None;
        }
        let (tx, ty) = (fx - x0 as f32, fy - y0 as f32);
        let i = y0 * self.w + x0;
        let p = &self.px;
        Some(
            (p[i] * (1.0 - tx) + p[i + 1] * tx) * (1.0 - ty)
                + (p[i + self.w] * (1.0 - tx) + p[i + self.w + 1] * tx) * ty,
        )
    }
}

/// How a side is refined in one image: the least step (value over 2 px) that counts as
/// its edge, and the distance from the fitted line within which a sample is on it.
struct RefineParams {
    min_step: f32,
    fit_tol: f32,
}

const GREY_REFINE: RefineParams = RefineParams {
    min_step: REFINE_MIN_STEP,
    fit_tol: FIT_TOL_PX,
};
/// Texture edges are a few pixels wide at the search scale: a sample within 0.75 px
/// (2 px of a 1280-px frame) is on the line.
const TEXTURE_REFINE: RefineParams = RefineParams {
    min_step: REFINE_MIN_STEP,
    fit_tol: 0.75,
};
/// Search radius (search-scale pixels) of a texture side's refinement.
const TEXTURE_MIN_RADIUS: f32 = 2.0;

/// Bilinear grey value at continuous coordinates (pixel centres at +0.5); `None` outside.
fn sample_grey(g: &GrayImage, x: f32, y: f32) -> Option<f32> {
    let (w, h) = g.dimensions();
    let (fx, fy) = (x - 0.5, y - 0.5);
    if !(fx >= 0.0 && fy >= 0.0) {
        return None;
    }
    let (x0, y0) = (fx as u32, fy as u32);
    if x0 + 1 >= w || y0 + 1 >= h {
        return None;
    }
    let (tx, ty) = (fx - x0 as f32, fy - y0 as f32);
    let raw = g.as_raw();
    let i = (y0 * w + x0) as usize;
    let wu = w as usize;
    let (a, b, c, d) = (
        raw[i] as f32,
        raw[i + 1] as f32,
        raw[i + wu] as f32,
        raw[i + wu + 1] as f32,
    );
    Some((a * (1.0 - tx) + b * tx) * (1.0 - ty) + (c * (1.0 - tx) + d * tx) * ty)
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
fn refine_side(
    plane: &impl Plane,
    a: Pt,
    b: Pt,
    pol: (Pt, f32),
    radius: f32,
    params: &RefineParams,
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
    let mut pts: Vec<Pt> = Vec::with_capacity(REFINE_SAMPLES);
    let mut in_image = 0usize;
    let mut prof = vec![0f32; (2 * steps + 1) as usize];
    for k in 0..REFINE_SAMPLES {
        let t = 0.1 + 0.8 * (k as f32 + 0.5) / REFINE_SAMPLES as f32;
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
        let mut best = (0usize, params.min_step);
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
    // One round of outlier rejection.
    let res: Vec<f32> = pts
        .iter()
        .map(|p| (line.n[0] * p[0] + line.n[1] * p[1] - line.c).abs())
        .collect();
    let mut sorted = res.clone();
    sorted.sort_by(|x, y| x.total_cmp(y));
    let med = sorted[sorted.len() / 2];
    let tol = (3.0 * med).max(1.0);
    let inliers: Vec<Pt> = pts
        .iter()
        .zip(res.iter())
        .filter(|(_, r)| **r <= tol)
        .map(|(p, _)| *p)
        .collect();
    if inliers.len() < REFINE_SAMPLES / 4 {
        return None;
    }
    let line = fit_line(&inliers)?;
    // Share of the in-image samples that sit on the final line: 1 for a crisp straight
    // edge, low for texture or a side that is not really there.
    let on_line = pts
        .iter()
        .filter(|p| (line.n[0] * p[0] + line.n[1] * p[1] - line.c).abs() <= params.fit_tol)
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

/// Orders corners clockwise on screen starting from the top-left one, where "top-left"
/// is judged after undoing the in-plane rotation (folded into ±45°).
fn order_corners(c: [Pt; 4]) -> [Pt; 4] {
    let cx = c.iter().map(|p| p[0]).sum::<f32>() * 0.25;
    let cy = c.iter().map(|p| p[1]).sum::<f32>() * 0.25;
    let mut v = c;
    v.sort_by(|a, b| {
        let aa = (a[1] - cy).atan2(a[0] - cx);
        let ab = (b[1] - cy).atan2(b[0] - cx);
        aa.total_cmp(&ab)
    });
    // Mean edge angle modulo 90° (averaged on the circle of 4θ).
    let (mut sc, mut ss) = (0.0f32, 0.0f32);
    for k in 0..4 {
        let e = sub(v[(k + 1) % 4], v[k]);
        let a = e[1].atan2(e[0]) * 4.0;
        sc += a.cos();
        ss += a.sin();
    }
    let rot = ss.atan2(sc) / 4.0;
    let (cr, sr) = (rot.cos(), rot.sin());
    let start = (0..4)
        .min_by(|&i, &j| {
            let key = |p: Pt| {
                let (x, y) = (p[0] - cx, p[1] - cy);
                // Rotate by -rot, then top-left minimises x + y.
                (x * cr + y * sr) + (-x * sr + y * cr)
            };
            key(v[i]).total_cmp(&key(v[j]))
        })
        .unwrap_or(0);
    [
        v[start],
        v[(start + 1) % 4],
        v[(start + 2) % 4],
        v[(start + 3) % 4],
    ]
}

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

/// Homography from the unit square onto the quad `q` (corners clockwise from top-left).
pub(crate) fn unit_square_homography(q: &[Pt; 4]) -> Option<[f32; 9]> {
    square_to_quad(q)
}

/// Perspective-warps the quadrilateral `corners` (clockwise from top-left) of `rgb` to an
/// `out_w × out_h` image (bilinear). Pixels mapping outside the input are black.
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
            let (tx, ty) = (((x >> 8) & 255) as u32, ((y >> 8) & 255) as u32);
            let at = (y >> 16) as usize * stride + (x >> 16) as usize * C;
            let top = &self.raw[at..at + 2 * C];
            let bottom = &self.raw[at + stride..at + stride + 2 * C];
            for ch in 0..C {
                let t = u32::from(top[ch]) * (256 - tx) + u32::from(top[C + ch]) * tx;
                let b = u32::from(bottom[ch]) * (256 - tx) + u32::from(bottom[C + ch]) * tx;
                px[ch] = ((t * (256 - ty) + b * ty + (1 << 15)) >> 16) as u8;
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
        // Whole part −1 … w − 1 (clamped to the edge); blend weights in 1/256ths.
        let (xi, yi) = (x >> 16, y >> 16);
        let (tx, ty) = (((x >> 8) & 255) as u32, ((y >> 8) & 255) as u32);
        let x0 = xi.max(0) as usize;
        let x1 = ((xi + 1) as usize).min(self.w - 1);
        let y0 = yi.max(0) as usize;
        let y1 = ((yi + 1) as usize).min(self.h - 1);
        let stride = self.w * C;
        let (a, b) = (y0 * stride + x0 * C, y0 * stride + x1 * C);
        let (c, d) = (y1 * stride + x0 * C, y1 * stride + x1 * C);
        let raw = self.raw;
        for (ch, out) in px.iter_mut().enumerate().take(C) {
            let top = u32::from(raw[a + ch]) * (256 - tx) + u32::from(raw[b + ch]) * tx;
            let bottom = u32::from(raw[c + ch]) * (256 - tx) + u32::from(raw[d + ch]) * tx;
            *out = ((top * (256 - ty) + bottom * ty + (1 << 15)) >> 16) as u8;
        }
    }
}

/// Measures where the document lies in the frame and how it is posed.
pub fn document_geometry(corners: &[[f32; 2]; 4], frame_w: u32, frame_h: u32) -> DocGeometry {
    let (fw, fh) = (frame_w.max(1) as f32, frame_h.max(1) as f32);
    let c = corners;
    let min_of = |f: &dyn Fn(&Pt) -> f32| c.iter().map(f).fold(f32::MAX, f32::min);
    let min_margin_frac = [
        min_of(&|p| p[1]) / fh,
        min_of(&|p| fw - p[0]) / fw,
        min_of(&|p| fh - p[1]) / fh,
        min_of(&|p| p[0]) / fw,
    ];
    let sides = [
        dist(c[0], c[1]),
        dist(c[1], c[2]),
        dist(c[2], c[3]),
        dist(c[3], c[0]),
    ];
    let width_px = (sides[0] + sides[2]) * 0.5;
    let ratio = |a: f32, b: f32| {
        if a.min(b) > 0.0 {
            a.max(b) / a.min(b)
        } else {
            f32::INFINITY
        }
    };
    let side_ratio = ratio(sides[0], sides[2]).max(ratio(sides[1], sides[3]));
    // Each side's angle against its axis (top 0°, right 90°, bottom 180°, left 270°).
    let mut rot_sum = 0.0;
    for k in 0..4 {
        let e = sub(c[(k + 1) % 4], c[k]);
        let a = e[1].atan2(e[0]).to_degrees() - 90.0 * k as f32;
        rot_sum += (a + 180.0).rem_euclid(360.0) - 180.0;
    }
    let mut max_dev = 0.0f32;
    for k in 0..4 {
        let a = sub(c[(k + 3) % 4], c[k]);
        let b = sub(c[(k + 1) % 4], c[k]);
        let (la, lb) = (a[0].hypot(a[1]), b[0].hypot(b[1]));
        let dev = if la > 0.0 && lb > 0.0 {
            let cos = ((a[0] * b[0] + a[1] * b[1]) / (la * lb)).clamp(-1.0, 1.0);
            (cos.acos().to_degrees() - 90.0).abs()
        } else {
            90.0
        };
        max_dev = max_dev.max(dev);
    }
    DocGeometry {
        min_margin_frac,
        width_frac: width_px / fw,
        area_frac: signed_area(c).abs() / (fw * fh),
        width_px,
        rotation_deg: rot_sum * 0.25,
        side_ratio,
        max_angle_dev_deg: max_dev,
    }
}

/// Intersection over union of two convex quadrilaterals (any orientation).
pub fn quad_iou(a: &[[f32; 2]; 4], b: &[[f32; 2]; 4]) -> f32 {
    let orient = |q: &[Pt; 4]| {
        let mut v = q.to_vec();
        if signed_area(&v) < 0.0 {
            v.reverse();
        }
        v
    };
    let (pa, pb) = (orient(a), orient(b));
    let (aa, ab) = (signed_area(&pa), signed_area(&pb));
    if !(aa > 0.0 && ab > 0.0) {
        return 0.0;
    }
    let inter = signed_area(&clip_convex(&pa, &pb)).max(0.0);
    let union = aa + ab - inter;
    if union > 0.0 {
        (inter / union).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// Sutherland–Hodgman: `subject` clipped by convex `clip` (both clockwise on screen).
fn clip_convex(subject: &[Pt], clip: &[Pt]) -> Vec<Pt> {
    let mut out = subject.to_vec();
    for k in 0..clip.len() {
        if out.is_empty() {
            break;
        }
        let (e0, e1) = (clip[k], clip[(k + 1) % clip.len()]);
        let inside = |p: Pt| cross(sub(e1, e0), sub(p, e0)) >= 0.0;
        let input = std::mem::take(&mut out);
        for i in 0..input.len() {
            let cur = input[i];
            let prev = input[(i + input.len() - 1) % input.len()];
            let (ci, pi) = (inside(cur), inside(prev));
            if ci != pi {
                let d = sub(cur, prev);
                let den = cross(sub(e1, e0), d);
                if den.abs() > 1e-12 {
                    let t = cross(sub(e1, e0), sub(e0, prev)) / den;
                    out.push([prev[0] + d[0] * t, prev[1] + d[1] * t]);
                }
            }
            if ci {
                out.push(cur);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let e = texture_energy(&s);
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
        let print = PrintMap::new(&EdgeMap::new(&s));
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
}
