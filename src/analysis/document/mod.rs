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
//! against the desk, or outside the frame; and with two when a card runs off the frame
//! beyond its far corner), scored by edge support per side, the
//! perspective-corrected aspect ratio, size, and how much of the inside shows print (a
//! document is printed all over, a blank sheet of paper is not). The best few are
//! refined at full resolution by fitting lines to gradient peaks along each side's
//! normal, and the one whose sides are also crisp straight edges at full resolution wins.
//! When no grey outline verifies well (`grey_enough_quality`), the search runs again
//! with lines from the texture energy added: a card of the desk's brightness on gravel,
//! grass or brick shows almost no grey step, but it is smooth where the desk is busy. A
//! side seen only in texture counts for less than a grey edge.
//! A sheet of paper under the card outscores the card by its size: when a verified
//! outline lies inside the winner and the winner is blank around it, that one wins.
//! Last, the winner is grown: a rectangle printed on the card (its text block, say) can
//! win when desk texture has kept one of the card's own sides out of the Hough lines,
//! so each side of the winner is swept outwards for an edge parallel to it, and an
//! outline with sides moved out to such edges replaces the winner if it scores higher.
//! An outline running off the frame pieced from the rim of what the document lies on (a
//! desk mat's rounded edge) outscores the page on it by its size: when it crosses a whole
//! outline and is blank beyond it, or holds one with little print around it, the whole
//! one wins; the best whole candidates are verified beside the best for this step.
//! On a front side the faces found in the frame are passed in: an outline holding one
//! at a portrait's size and place beats those holding none (`portrait`).
//!
//! Modules, one step each: `edges` (the search images and their edge maps), `print`
//! (where the search image shows print),
//! `lines` (Hough lines, the edge support along them, sweeps), `quads` (candidate outlines
//! and their scores; `top_quads` the best kept), `refine` (full-resolution side fits), `portrait` (which outlines
//! hold the portrait), `geometry` (points, lines, quads, [`DocGeometry`]), `warp`
//! (homographies, [`rectify`]), `cover` (which corners and sides of the found outline a
//! finger lies across) and `upright` (which way up the found document lies,
//! from its portrait or its machine-readable zone). Every tuned number is in [`Params`] (`params`), and one
//! `DocumentSearch` holds a search's images and lines and takes its steps.

mod cover;
mod edges;
mod geometry;
mod lines;
mod params;
mod portrait;
mod print;
mod quads;
mod refine;
mod top_quads;
mod upright;
mod warp;

use image::GrayImage;

use crate::analysis::Face;

use edges::{box_downscale, texture_energy, EdgeMap, Small};
use geometry::{centroid, inside_quad, order_corners, signed_area, visible_area, Line, Pt};
use lines::{hough_lines, sweep_lines, Cue, LineSet};
pub use params::{
    EdgeParams, LineParams, ParamError, Params, PortraitParams, PrintParams, QuadParams,
    RefineParams, SearchParams,
};
pub(crate) use portrait::Portraits;
use print::PrintMap;
use quads::{best_quads, Candidates, Frame, Quad};
use refine::{refine_quad, Planes};

pub use crate::shot::DocumentShape as DocShape;
pub use cover::{covered, covered_with, is_skin, Cover, CoverParams};
pub use geometry::{document_geometry, quad_iou, DocGeometry};
pub use upright::{
    mrz_upright, portrait_upright, reading_corners, rotation_deg, zone_cover, Upright, UprightCue,
};
pub(crate) use warp::{apply_h, quad_to_unit_square};
pub use warp::{
    frame_from_rectified, rectify, rectify_grey, rectify_grey_at_most, rectify_own_size,
};

/// A detected document outline.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FoundDocument {
    /// Corners in input pixel coordinates, clockwise from top-left.
    pub corners: [[f32; 2]; 4],
    /// 0–1: how crisp and complete the outline's edges are × aspect agreement (seen
    /// 0.5–1.0 on correct detections; not a calibrated probability).
    pub score: f32,
}

/// Finds the document outline. Returns `None` when no quadrilateral of the expected
/// aspect with enough edge support is present.
pub fn find_document(grey: &GrayImage, shape: DocShape) -> Option<FoundDocument> {
    find_document_with_portrait(grey, shape, &[])
}

/// [`find_document`] for a side that carries the holder's portrait: `faces` (input
/// pixels) were found in the frame, and one of them may be it. When an outline the
/// search verified holds one of them at a portrait's size, in the middle band across
/// it, only such outlines compete: the text block beside the photo, a sheet under the
/// card or the card with the desk around it hold none at that size and place. An outline that holds none of them, with
/// a confidently found face just beside it, is print beside the portrait and is not
/// reported.
pub fn find_document_with_portrait(
    grey: &GrayImage,
    shape: DocShape,
    faces: &[Face],
) -> Option<FoundDocument> {
    find_document_with_params(grey, shape, faces, &Params::DEFAULT)
}

/// [`find_document_with_portrait`] with the search's tuned numbers given (the
/// evaluation sweeps them; kycam uses [`Params::DEFAULT`]).
pub fn find_document_with_params(
    grey: &GrayImage,
    shape: DocShape,
    faces: &[Face],
    params: &Params,
) -> Option<FoundDocument> {
    let portraits = Portraits::new(faces, grey.dimensions());
    let Verified {
        corners, quality, ..
    } = DocumentSearch::new(grey, shape, portraits, params)?
        .run()
        .winner?;
    if quality < params.search.min_verified_quality {
        return None;
    }
    Some(FoundDocument {
        corners: order_corners(corners),
        score: quality.clamp(0.0, 1.0),
    })
}

/// An outline the search verified at full resolution, winner or not: what the
/// evaluation reads to tell a card that was never among the candidates from one that
/// lost the ranking (`examples/rank_census.rs`).
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RankedOutline {
    /// Corners in input pixel coordinates, clockwise from top-left.
    pub corners: [[f32; 2]; 4],
    /// What ranks the outlines: quality × visible area × blank margins.
    pub rank: f32,
    /// The quality [`FoundDocument::score`] reports.
    pub quality: f32,
}

/// Every outline verified while looking for the document (before the card-on-sheet and
/// growth steps), highest rank first.
#[doc(hidden)]
pub fn ranked_outlines(grey: &GrayImage, shape: DocShape) -> Vec<RankedOutline> {
    let mut all: Vec<RankedOutline> =
        DocumentSearch::new(grey, shape, Portraits::NONE, &Params::DEFAULT)
            .map(|s| s.run().verified)
            .unwrap_or_default()
            .into_iter()
            .map(|v| RankedOutline {
                corners: order_corners(v.corners),
                rank: v.score,
                quality: v.quality,
            })
            .collect();
    all.sort_by(|a, b| b.rank.total_cmp(&a.rank));
    all
}

/// The sides of `corners` (an outline in input pixels, side k from corner k to k+1)
/// that none of the search's lines follows (all four when the frame is too small to
/// search): a card that was never a candidate lacks lines for one or more of its sides
/// (`examples/rank_census.rs`).
#[doc(hidden)]
pub fn sides_without_line(
    grey: &GrayImage,
    shape: DocShape,
    corners: &[[f32; 2]; 4],
) -> Vec<usize> {
    let p = &Params::DEFAULT;
    let Some(search) = DocumentSearch::new(grey, shape, Portraits::NONE, p) else {
        return (0..4).collect();
    };
    let f = search.f;
    let found = search.run();
    let c = to_small(corners, f);
    (0..4)
        .filter(|&k| {
            let side = Line::through(c[k], c[(k + 1) % 4]);
            !found.lines.iter().any(|l| l.same_as(&side, &p.lines))
        })
        .collect()
}

/// What one search verified, and the outline it chose; the lines it combined (in the
/// search image).
struct Found {
    verified: Vec<Verified>,
    winner: Option<Verified>,
    lines: Vec<Line>,
}

/// One search for the document in a grey frame: the search image (the frame
/// downscaled `f` times), its edges and print, the lines found so far, and the faces
/// that may be the portrait. Each step is a method; [`DocumentSearch::run`] takes them
/// in order.
struct DocumentSearch<'a> {
    p: &'a Params,
    grey: &'a GrayImage,
    portraits: Portraits<'a>,
    /// Input pixels per search-image pixel.
    f: f32,
    frame: Frame,
    small: Small,
    edges: EdgeMap,
    print: PrintMap,
    lines: LineSet,
    /// The texture energy, once the grey lines were not enough.
    texture: Option<Small>,
}

impl<'a> DocumentSearch<'a> {
    /// The search images and the grey lines; `None` when the frame is too small to
    /// search.
    fn new(
        grey: &'a GrayImage,
        shape: DocShape,
        portraits: Portraits<'a>,
        p: &'a Params,
    ) -> Option<Self> {
        let s = &p.search;
        let (w, h) = grey.dimensions();
        let long = w.max(h);
        if long == 0 {
            return None;
        }
        let factor = long.div_ceil(s.search_long_side).max(1);
        let small = box_downscale(grey, factor);
        if small.w < s.min_search_side as usize || small.h < s.min_search_side as usize {
            return None;
        }
        let edges = EdgeMap::new(&small, &p.edges);
        let print = PrintMap::new(&edges, &p.print);
        let mut lines = LineSet::new(&p.lines);
        lines.add(
            hough_lines(&edges, s.max_lines, &p.lines),
            Cue::Grey,
            &edges,
        );
        Some(DocumentSearch {
            p,
            grey,
            portraits: portraits.with_params(&p.portrait),
            f: factor as f32,
            frame: Frame {
                w: small.w,
                h: small.h,
                aspect: shape.aspect(),
            },
            small,
            edges,
            print,
            lines,
            texture: None,
        })
    }

    /// Every step: candidates from the grey lines, verified; the texture lines too when
    /// no grey outline verifies well; the card on a sheet; the winner grown; print beside
    /// the portrait dropped.
    fn run(mut self) -> Found {
        let Candidates { top, whole } = self.candidates();
        let mut verified = self.verify(&top);
        let mut whole = self.verify(&whole);
        let mut best = self.best_of(&verified);
        // A crisp, complete grey outline needs no second look. Otherwise add the outlines
        // seen only as a change of texture (a card of the desk's brightness on a busy desk).
        if best.is_none_or(|b| b.quality < self.p.search.grey_enough_quality) {
            self.add_texture_lines();
            let more = self.candidates();
            verified.extend(self.verify(&more.top));
            whole.extend(self.verify(&more.whole));
            best = self.best_of(&verified);
        }
        // Once the winner holds a portrait, the later steps may replace it only by an
        // outline that holds one too.
        let portraits = self.portraits;
        let anchored = best.is_some_and(|b| portraits.held_by(&b.corners));
        let keeps_portrait = |v: &Verified| !anchored || portraits.held_by(&v.corners);
        // A sheet of paper under the card outscores it by its size: the card inside wins.
        let eligible = verified.iter().filter(|v| keeps_portrait(v));
        if let Some(card) = best.and_then(|b| self.card_on_sheet(&b, eligible)) {
            best = Some(card);
        }
        // The winner may be a rectangle printed on the card whose own edge the line search
        // missed: an outline grown from it out to such an edge wins unless it scores much
        // lower (see `grown_min_score_ratio`).
        if let Some(win) = best {
            let grown = self.grow(&win);
            let ratio = self.p.search.grown_min_score_ratio;
            if grown.is_some_and(|g| g.score > ratio * win.score && keeps_portrait(&g)) {
                best = grown;
            }
        }
        // An outline running off the frame that cuts through a whole outline inside it is
        // the rim of what the document lies on (a desk mat's rounded edge): the whole
        // one is the document.
        if let Some(cut) = best {
            let whole = verified.iter().chain(&whole).filter(|v| keeps_portrait(v));
            if let Some(inside) = self.whole_one_cut_by(&cut, whole) {
                best = Some(inside);
            }
        }
        // Print beside the portrait is not the document: better none than an outline that
        // may pass a card the frame cuts.
        let winner = best.filter(|b| !portraits.beside(&b.corners));
        verified.extend(whole);
        Found {
            verified,
            winner,
            lines: self.lines.lines,
        }
    }

    /// The best candidate outlines from the lines found so far.
    fn candidates(&self) -> Candidates {
        best_quads(&self.lines, &self.print, self.frame, self.p)
    }

    /// The images sides are refined in.
    fn planes(&self) -> Planes<'_> {
        Planes {
            grey: self.grey,
            texture: self.texture.as_ref(),
            f: self.f,
            p: self.p,
        }
    }

    /// Adds the lines seen in the texture energy and not already among the grey ones.
    fn add_texture_lines(&mut self) {
        let texture = texture_energy(&self.small, &self.p.edges);
        let texture_edges = EdgeMap::new(&texture, &self.p.edges);
        let max = self.p.search.max_texture_lines;
        // One already found in grey is measured there, where it is sharper.
        let grey_lines = &self.lines.lines;
        let new: Vec<Line> = hough_lines(&texture_edges, 2 * max, &self.p.lines)
            .into_iter()
            .filter(|l| !grey_lines.iter().any(|o| o.same_as(l, &self.p.lines)))
            .take(max)
            .collect();
        self.lines.add(new, Cue::Texture, &texture_edges);
        self.texture = Some(texture);
    }

    /// The outline `win` grown: its sides moved out, one or more at a time, to the edges
    /// found beyond them (see `sweep_lines`), verified; `None` when there is none. A grown
    /// part without any print is a blank sheet under the card, not part of it.
    fn grow(&self, win: &Verified) -> Option<Verified> {
        let corners = to_small(&win.corners, self.f);
        let edges = &self.edges;
        let mut set = LineSet::new(&self.p.lines);
        let sides = (0..4).map(|k| Line::through(corners[k], corners[(k + 1) % 4]));
        set.add(sides.collect(), Cue::Grey, edges);
        let mut moved = [None; 4];
        for (k, line) in sweep_lines(edges, &corners, &self.p.lines)
            .into_iter()
            .enumerate()
        {
            if let Some(line) = line {
                moved[k] = Some(set.lines.len());
                set.add(vec![line], Cue::Grey, edges);
            }
        }
        if moved.iter().all(Option::is_none) {
            return None;
        }
        let kept_px = self.p.search.kept_side_px;
        let grown: Vec<Quad> = quads::grown_quads(&set, moved, &self.print, self.frame, self.p)
            .into_iter()
            .filter(|g| {
                (0..4).all(|k| {
                    let (a, b) = (corners[k], corners[(k + 1) % 4]);
                    let (ga, gb) = (g.corners[k], g.corners[(k + 1) % 4]);
                    // A side kept in place has its corners slid along its own line.
                    let side = &set.lines[k];
                    let mid = [(ga[0] + gb[0]) * 0.5, (ga[1] + gb[1]) * 0.5];
                    let kept = (side.n[0] * mid[0] + side.n[1] * mid[1] - side.c).abs() < kept_px;
                    kept || self.print.share(&[a, b, gb, ga]) > 0.0
                })
            })
            .collect();
        best_of(&self.verify(&grown), &Portraits::NONE, self.p)
    }

    /// The best-scoring of `candidates` inside `sheet` (all its corners within it, at
    /// most `card_on_sheet_max_area` of it) when what lies around it in `sheet` is blank:
    /// `sheet` is then paper under the card, which its size let outscore the card.
    fn card_on_sheet<'v>(
        &self,
        sheet: &Verified,
        candidates: impl Iterator<Item = &'v Verified>,
    ) -> Option<Verified> {
        let s = &self.p.search;
        let outer = to_small(&sheet.corners, self.f);
        let outer_area = signed_area(&outer).abs();
        candidates
            .filter(|v| v.quality >= s.min_verified_quality)
            .filter(|v| {
                let inner = to_small(&v.corners, self.f);
                let centre = centroid(&inner);
                // Corners pulled in a little: the card may share a side with the sheet.
                let pulled = inner.map(|p| {
                    [
                        p[0] + (centre[0] - p[0]) * s.nested_pull,
                        p[1] + (centre[1] - p[1]) * s.nested_pull,
                    ]
                });
                signed_area(&inner).abs() <= s.card_on_sheet_max_area * outer_area
                    && pulled.iter().all(|&p| inside_quad(p, &outer))
                    && self.print.blank_outside(&outer, &inner)
            })
            .max_by(|a, b| a.score.total_cmp(&b.score))
            .copied()
    }

    /// The best-scoring of `candidates` that lies wholly inside the frame when `cut` runs
    /// off it and is plain beyond it: `cut` was pieced together from the edges of what
    /// the document lies on (a desk mat's rounded rim). A whole outline that `cut`
    /// crosses (some of its corners inside `cut`, some outside) needs `cut` blank
    /// beyond it, as a sheet under a card; one that `cut` holds needs little print
    /// around it (`rim_max_print`). A card cut by the frame is printed around a
    /// rectangle printed on it, and keeps its outline.
    fn whole_one_cut_by<'v>(
        &self,
        cut: &Verified,
        candidates: impl Iterator<Item = &'v Verified>,
    ) -> Option<Verified> {
        let (w, h) = (self.grey.width() as f32, self.grey.height() as f32);
        let in_frame = |p: &Pt| p[0] >= 0.0 && p[1] >= 0.0 && p[0] <= w && p[1] <= h;
        if cut.corners.iter().all(in_frame) {
            return None;
        }
        let outer = to_small(&cut.corners, self.f);
        let s = &self.p.search;
        candidates
            .filter(|v| v.quality >= s.min_verified_quality)
            .filter(|v| v.corners.iter().all(in_frame))
            .filter(|v| {
                let inner = to_small(&v.corners, self.f);
                let inside = v.corners.iter().filter(|&&c| inside_quad(c, &cut.corners));
                match inside.count() {
                    1..=3 => self.print.blank_outside(&outer, &inner),
                    4 => self
                        .print
                        .share_around(&outer, &inner)
                        .is_some_and(|share| share <= s.rim_max_print),
                    _ => false,
                }
            })
            .max_by(|a, b| a.score.total_cmp(&b.score))
            .copied()
    }

    /// The best of `verified`, preferring those that hold the portrait.
    fn best_of(&self, verified: &[Verified]) -> Option<Verified> {
        best_of(verified, &self.portraits, self.p)
    }

    /// Refines each candidate at full resolution and measures how much of each side is a
    /// crisp edge on a straight line (texture that happened to line up at the coarse scale
    /// scatters here).
    fn verify(&self, candidates: &[Quad]) -> Vec<Verified> {
        let planes = self.planes();
        let s = &self.p.search;
        let (w, h) = (self.grey.width() as f32, self.grey.height() as f32);
        let f = self.f;
        let mut out = Vec::new();
        for quad in candidates {
            let coarse: [Pt; 4] = quad.corners.map(|p| [p[0] * f, p[1] * f]);
            let Some((refined, fit)) = refine_quad(&planes, &coarse, &quad.polarity, &quad.cue)
            else {
                continue;
            };
            let measured: Vec<f32> = (0..4)
                .filter(|&k| quad.polarity[k].1 != 0.0)
                .map(|k| fit[k])
                .collect();
            let min_fit = measured.iter().cloned().fold(f32::MAX, f32::min);
            let mean_fit = measured.iter().sum::<f32>() / measured.len().max(1) as f32;
            let mut quality =
                (s.mean_weight * mean_fit + (1.0 - s.mean_weight) * min_fit) * quad.aspect_f;
            quality *= quad.unseen_penalty;
            let area = visible_area(&refined, w, h) / (w * h);
            let coarse_q = quad.score / area.max(1e-6).powf(s.area_exponent);
            let quality = quality.max(1e-6).powf(1.0 - s.coarse_weight)
                * coarse_q.max(1e-6).powf(s.coarse_weight);
            // Blank margins rank a candidate the way its coarse score does.
            let score = quality
                * area.max(1e-6).powf(s.area_exponent)
                * quad.margin_f.max(1e-6).powf(s.coarse_weight);
            out.push(Verified {
                score,
                corners: refined,
                quality,
            });
        }
        out
    }
}

/// Input-pixel corners `c` in the search image, `f` times smaller.
fn to_small(c: &[Pt; 4], f: f32) -> [Pt; 4] {
    c.map(|p| [p[0] / f, p[1] / f])
}

/// A candidate after verification at full resolution.
#[derive(Debug, Clone, Copy)]
struct Verified {
    /// Quality × size: what ranks candidates.
    score: f32,
    corners: [Pt; 4],
    quality: f32,
}

/// The best-scoring of `verified`; of those that hold one of `portraits`
/// (good enough to report) when there are any.
fn best_of(verified: &[Verified], portraits: &Portraits, p: &Params) -> Option<Verified> {
    let by_score = |a: &&Verified, b: &&Verified| a.score.total_cmp(&b.score);
    verified
        .iter()
        .filter(|v| v.quality >= p.search.min_verified_quality && portraits.held_by(&v.corners))
        .max_by(by_score)
        .or_else(|| verified.iter().max_by(by_score))
        .copied()
}
