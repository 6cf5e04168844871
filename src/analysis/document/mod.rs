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
//! When no grey outline verifies well (`GREY_ENOUGH_QUALITY`), the search runs again
//! with lines from the texture energy added: a card of the desk's brightness on gravel,
//! grass or brick shows almost no grey step, but it is smooth where the desk is busy. A
//! side seen only in texture counts for less than a grey edge.
//! A sheet of paper under the card outscores the card by its size: when a verified
//! outline lies inside the winner and the winner is blank around it, that one wins.
//! Last, the winner is grown: a rectangle printed on the card (its text block, say) can
//! win when desk texture has kept one of the card's own sides out of the Hough lines,
//! so each side of the winner is swept outwards for an edge parallel to it, and an
//! outline with sides moved out to such edges replaces the winner if it scores higher.
//! On a front side the faces found in the frame are passed in: an outline holding one
//! at a portrait's size and place beats those holding none (`portrait`).
//!
//! Modules, one step each: `edges` (the search images and their edge and print maps),
//! `lines` (Hough lines, the edge support along them, sweeps), `quads` (candidate outlines
//! and their scores), `refine` (full-resolution side fits), `portrait` (which outlines
//! hold the portrait), `geometry` (points, lines, quads, [`DocGeometry`]) and `warp`
//! (homographies, [`rectify`]).

mod edges;
mod geometry;
mod lines;
mod portrait;
mod quads;
mod refine;
mod warp;

use image::GrayImage;

use crate::analysis::Face;

use edges::{box_downscale, texture_energy, EdgeMap, PrintMap};
use geometry::{centroid, inside_quad, order_corners, signed_area, visible_area, Line, Pt};
use lines::{hough_lines, sweep_lines, Cue, LineSet};
pub(crate) use portrait::Portraits;
use quads::{best_quads, Quad, AREA_EXPONENT, MEAN_WEIGHT};
use refine::{refine_quad, Planes};

pub use crate::shot::DocumentShape as DocShape;
pub use geometry::{document_geometry, quad_iou, DocGeometry};
pub(crate) use warp::{apply_h, quad_to_unit_square};
pub use warp::{frame_from_rectified, rectify, rectify_grey, rectify_grey_own_size};

/// Long side of the image the line search runs on: enough for a card that fills a third
/// of the frame to have sides of 100+ px, small enough to keep the whole search ~4 ms
/// at 1280×720 (640 was slower, 9.6 ms, and not more accurate).
const SEARCH_LONG_SIDE: u32 = 480;
/// Verified quality of the best grey outline above which texture is not searched: the
/// texture search costs ~4 ms. 0.6 found 2 more of the 256 in-frame evaluation cards
/// but took the p95 of a frame's analysis on the card sequence from 14.7 to 20 ms.
const GREY_ENOUGH_QUALITY: f32 = 0.5;
/// Lines taken from the texture energy in addition to the grey ones.
const MAX_TEXTURE_LINES: usize = 16;
/// Below this (after downscaling) there is no document worth looking for.
const MIN_SEARCH_SIDE: u32 = 24;
/// Lines kept from the accumulator: the document's 4 sides must be among them even on a
/// cluttered desk, and the number of quads grows with the 4th power of this. (With
/// thin lines' votes halved, 36 found 1 fewer in-frame card of seeds 0–299 and 2 fewer
/// of 300–599, and cost 3 ms less at the passport sequence's p95; 48 found none more.)
const MAX_LINES: usize = 44;
/// Final quality = verified^(1-w) · coarse^w: the coarse support covers the whole side
/// at ±2 px, the full-resolution fit is sharp but sees only 48 points per side; a
/// geometric mix of both ranked candidates best on the synthetic set (0.7 vs 0.5/0.3).
const COARSE_WEIGHT: f32 = 0.7;
/// Verified quality below which nothing is reported.
const MIN_VERIFIED_QUALITY: f32 = 0.3;
/// A card on a sheet (`card_on_sheet`) covers at most this share of the sheet's area,
/// and its corners, pulled this share of the way to its centre, lie inside the sheet.
const CARD_ON_SHEET_MAX_AREA: f32 = 0.85;
const NESTED_PULL: f32 = 0.03;
/// A grown outline (see `grow`) wins when it scores at least this share of the outline
/// it grew from. Its grown part shows print (a blank one is refused), while the card's
/// own outline can score a little lower than a rectangle printed on it: a band along
/// the card's edge is print inside its margin, and on a tilted card a shorter outline
/// can match the expected aspect better (1.0 missed 1 more of the 256 in-frame cards of
/// seeds 0–299 and outlined 2 fewer of the 60 cut cards; 0.8 and 0.7 found 1 fewer
/// in-frame card and lost a `corners_visible` verdict).
const GROWN_MIN_SCORE_RATIO: f32 = 0.9;

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
    let Verified {
        corners, quality, ..
    } = search(grey, shape, Portraits::new(faces, grey.dimensions()))?.winner?;
    if quality < MIN_VERIFIED_QUALITY {
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
    let mut all: Vec<RankedOutline> = search(grey, shape, Portraits::NONE)
        .map(|s| s.verified)
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
/// (`examples/rank_census.rs`, docs/evaluation.md thirteenth round).
#[doc(hidden)]
pub fn sides_without_line(
    grey: &GrayImage,
    shape: DocShape,
    corners: &[[f32; 2]; 4],
) -> Vec<usize> {
    let Some(s) = search(grey, shape, Portraits::NONE) else {
        return (0..4).collect();
    };
    let c = to_small(corners, s.f);
    (0..4)
        .filter(|&k| {
            let side = Line::through(c[k], c[(k + 1) % 4]);
            !s.lines.iter().any(|l| l.same_as(&side))
        })
        .collect()
}

/// What one search verified, and the outline it chose; the lines it combined (in the
/// search image, `f` times smaller than the input).
struct Search {
    verified: Vec<Verified>,
    winner: Option<Verified>,
    lines: Vec<Line>,
    f: f32,
}

/// The search behind [`find_document_with_portrait`]: `None` when the frame is too
/// small to search.
fn search(grey: &GrayImage, shape: DocShape, portraits: Portraits) -> Option<Search> {
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
    // Declared before `planes`, which borrows it once it is computed.
    let texture;
    let mut planes = Planes {
        grey,
        texture: None,
        f,
    };
    let candidates = best_quads(&lines, &print, small.w, small.h, aspect);
    let mut verified = verify(&planes, &candidates);
    let mut best = best_of(&verified, &portraits);
    // A crisp, complete grey outline needs no second look. Otherwise add the outlines
    // seen only as a change of texture (a card of the desk's brightness on a busy desk).
    if best.is_none_or(|b| b.quality < GREY_ENOUGH_QUALITY) {
        texture = texture_energy(&small);
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
        verified.extend(verify(&planes, &candidates));
        best = best_of(&verified, &portraits);
    }
    // Once the winner holds a portrait, the later steps may replace it only by an
    // outline that holds one too.
    let anchored = best.is_some_and(|b| portraits.held_by(&b.corners));
    let keeps_portrait = |v: &Verified| !anchored || portraits.held_by(&v.corners);
    // A sheet of paper under the card outscores it by its size: the card inside wins.
    let eligible = verified.iter().filter(|v| keeps_portrait(v));
    if let Some(card) = best.and_then(|b| card_on_sheet(&b, eligible, &print, f)) {
        best = Some(card);
    }
    // The winner may be a rectangle printed on the card whose own edge the line search
    // missed: an outline grown from it out to such an edge wins unless it scores much
    // lower (see `GROWN_MIN_SCORE_RATIO`).
    if let Some(win) = best {
        let grown = grow(&planes, &edges, &print, small.w, small.h, aspect, &win);
        if grown.is_some_and(|g| g.score > GROWN_MIN_SCORE_RATIO * win.score && keeps_portrait(&g))
        {
            best = grown;
        }
    }
    // Print beside the portrait is not the document: better none than an outline that
    // may pass a card the frame cuts.
    let best = best.filter(|b| !portraits.beside(&b.corners));
    Some(Search {
        verified,
        winner: best,
        lines: lines.lines,
        f,
    })
}

/// The outline `win` grown: its sides moved out, one or more at a time, to the edges
/// found beyond them (see `sweep_lines`), verified; `None` when there is none. A grown
/// part without any print is a blank sheet under the card, not part of it.
fn grow(
    planes: &Planes,
    edges: &EdgeMap,
    print: &PrintMap,
    w: usize,
    h: usize,
    aspect: f32,
    win: &Verified,
) -> Option<Verified> {
    let f = planes.f;
    let corners = to_small(&win.corners, f);
    let mut set = LineSet::default();
    let sides = (0..4).map(|k| Line::through(corners[k], corners[(k + 1) % 4]));
    set.add(sides.collect(), Cue::Grey, edges);
    let mut moved = [None; 4];
    for (k, line) in sweep_lines(edges, &corners).into_iter().enumerate() {
        if let Some(line) = line {
            moved[k] = Some(set.lines.len());
            set.add(vec![line], Cue::Grey, edges);
        }
    }
    if moved.iter().all(Option::is_none) {
        return None;
    }
    let grown: Vec<Quad> = quads::grown_quads(&set, moved, print, w, h, aspect)
        .into_iter()
        .filter(|g| {
            (0..4).all(|k| {
                let (a, b) = (corners[k], corners[(k + 1) % 4]);
                let (ga, gb) = (g.corners[k], g.corners[(k + 1) % 4]);
                // A side kept in place has its corners slid along its own line.
                let side = &set.lines[k];
                let mid = [(ga[0] + gb[0]) * 0.5, (ga[1] + gb[1]) * 0.5];
                let kept = (side.n[0] * mid[0] + side.n[1] * mid[1] - side.c).abs() < 1.0;
                kept || print.share(&[a, b, gb, ga]) > 0.0
            })
        })
        .collect();
    best_of(&verify(planes, &grown), &Portraits::NONE)
}

/// The best-scoring of `candidates` inside `sheet` (all its corners within it, at most
/// `CARD_ON_SHEET_MAX_AREA` of it) when what lies around it in `sheet` is blank: `sheet`
/// is then paper under the card, which its size let outscore the card.
fn card_on_sheet<'a>(
    sheet: &Verified,
    candidates: impl Iterator<Item = &'a Verified>,
    print: &PrintMap,
    f: f32,
) -> Option<Verified> {
    let outer = to_small(&sheet.corners, f);
    let outer_area = signed_area(&outer).abs();
    candidates
        .filter(|v| v.quality >= MIN_VERIFIED_QUALITY)
        .filter(|v| {
            let inner = to_small(&v.corners, f);
            let centre = centroid(&inner);
            // Corners pulled in a little: the card may share a side with the sheet.
            let pulled = inner.map(|p| {
                [
                    p[0] + (centre[0] - p[0]) * NESTED_PULL,
                    p[1] + (centre[1] - p[1]) * NESTED_PULL,
                ]
            });
            signed_area(&inner).abs() <= CARD_ON_SHEET_MAX_AREA * outer_area
                && pulled.iter().all(|&p| inside_quad(p, &outer))
                && print.blank_outside(&outer, &inner)
        })
        .max_by(|a, b| a.score.total_cmp(&b.score))
        .copied()
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
fn best_of(verified: &[Verified], portraits: &Portraits) -> Option<Verified> {
    let by_score = |a: &&Verified, b: &&Verified| a.score.total_cmp(&b.score);
    verified
        .iter()
        .filter(|v| v.quality >= MIN_VERIFIED_QUALITY && portraits.held_by(&v.corners))
        .max_by(by_score)
        .or_else(|| verified.iter().max_by(by_score))
        .copied()
}

/// Refines each candidate at full resolution and measures how much of each side is a
/// crisp edge on a straight line (texture that happened to line up at the coarse scale
/// scatters here).
fn verify(planes: &Planes, candidates: &[Quad]) -> Vec<Verified> {
    let (w, h) = (planes.grey.width() as f32, planes.grey.height() as f32);
    let f = planes.f;
    let mut out = Vec::new();
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
        // Blank margins rank a candidate the way its coarse score does.
        let score = quality
            * area.max(1e-6).powf(AREA_EXPONENT)
            * quad.margin_f.max(1e-6).powf(COARSE_WEIGHT);
        out.push(Verified {
            score,
            corners: refined,
            quality,
        });
    }
    out
}
