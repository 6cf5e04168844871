//! Which way up the document lies in the picture, read from what is printed on it.
//!
//! The outline alone tells the document's long side from its short one, and ID-1
//! cards and passport data pages are read with the long side across: an outline
//! standing on its short side is turned a quarter, one way or the other. Which way,
//! and whether a document lying across is upside down, only the print can tell:
//!
//! - The portrait. The frontal face model finds faces within ~15° of upright only,
//!   and the portrait search turns the document's region a quarter each way and half
//!   round when no upright face is there: the turn the portrait was found at is the
//!   document's ([`Face::quarter_turns`]).
//! - The machine-readable zone: two or three lines of evenly spaced characters right
//!   across the document along its bottom edge (a passport's data page, the back of
//!   an ID card that carries one). No other band of a document is printed that evenly
//!   from edge to edge; a header, a title or the text beside a portrait leaves gaps.
//!
//! Nothing else is trusted: a back side without a zone (the Chinese resident card's
//! emblem side, say) has no cue that holds across documents, and its turn is left
//! unknown rather than guessed.

use image::GrayImage;

use crate::analysis::Face;

use super::geometry::Pt;
use super::portrait::Portraits;
use super::warp::{frame_from_rectified, rectify_grey};
use crate::shot::DocumentShape;

/// What told which way up the document lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum UprightCue {
    /// The portrait, found at this turn.
    Portrait,
    /// The machine-readable zone, found along this edge.
    Mrz,
}

/// Which way up the document lies in the picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Upright {
    /// Quarter turns clockwise the document is turned by in the picture: 0 upright,
    /// 1 its top towards the picture's right, 2 upside down, 3 its top towards the left.
    pub quarter_turns: u8,
    pub cue: UprightCue,
}

/// The rectified document the zone is looked for on is half the canonical size
/// (440 × 310 px for a passport page, 428 × 270 for a card): an MRZ character is
/// then ~7 px high and ~5 px wide (ICAO 9303 OCR-B at 2.5 × 1.8 mm on a 125 × 88 mm
/// page), enough to tell characters apart.
const RECTIFIED_SCALE: u32 = 2;
/// Half the side of the box a pixel's background is averaged over, as a share of
/// the rectified height: ~3 character heights, so a character's ink is compared
/// with the paper around it, not with its neighbours.
const BACKGROUND_RADIUS_FRAC: f32 = 0.035;
/// A pixel is ink when this much (0–255) darker than its background: the pale
/// security print of the specimen passports stays above it, black print below.
const INK_CONTRAST: i32 = 28;
/// The band along each long edge where a zone would lie, as a share of the height
/// (the TD3 zone's two lines take the bottom ~17 % of the page, TD1's three ~25 %
/// of a card), leaving out the outermost part where the outline's own edge and
/// the desk's shadow lie.
const BAND_FRAC: (f32, f32) = (0.03, 0.30);
/// The inner width is cut into this many equal bins along a row of text ...
const ROW_BINS: usize = 16;
/// ... and a bin counts as printed when at least this many strokes start in it:
/// a zone line puts ~2.7 characters in each bin, a word's letters stop at its end.
const MIN_STROKES_PER_BIN: u32 = 2;
/// Rows of the ink map taken together as one line of text (a character's strokes
/// need not cross every single row).
const LINE_ROWS: usize = 3;
/// A zone line prints nearly every bin: the best line of the band must cover this
/// share of them. On the realdocs photos rectified upright from their truth, the
/// passport page's zone covers 1.00 at every turn; a Chinese ID front's number line,
/// which runs along its bottom too, 0.81; the long bottom lines of an ID back up to
/// 0.94 ...
const ZONE_MIN_COVER: f32 = 0.8;
/// ... and the other long edge's best line this much less: the passport page's header
/// covered 0.56–0.69 (a lead of 0.31 or more), an ID front's name line 0.31. An ID
/// back lying on a busy printed sheet covers 1.00 along both edges, and is not read.
const ZONE_MIN_LEAD: f32 = 0.2;

/// Which way up the document at `corners` (the search's order: clockwise from the
/// top-left corner of the picture, in-plane rotation folded into ±45°) lies, from the
/// portrait among `faces`; `None` when none of them is its portrait. `standing`: the
/// outline stands on its short side (a quarter turn either way).
pub fn portrait_upright(
    corners: &[Pt; 4],
    faces: &[Face],
    frame: (u32, u32),
    standing: bool,
) -> Option<Upright> {
    faces
        .iter()
        // A face turned otherwise than the outline allows is not read as its portrait.
        .filter(|f| (f.quarter_turns % 2 == 1) == standing)
        .find(|f| Portraits::new(std::slice::from_ref(*f), frame).held_by(corners))
        .map(|f| Upright {
            quarter_turns: f.quarter_turns % 4,
            cue: UprightCue::Portrait,
        })
}

/// Which way up the document at `corners` lies, from where its machine-readable zone
/// is; `None` when neither long edge shows one clearly.
pub fn mrz_upright(
    grey: &GrayImage,
    corners: &[Pt; 4],
    shape: DocumentShape,
    standing: bool,
) -> Option<Upright> {
    // Rectified lying across as if turned the least the outline allows: the zone is
    // then along the bottom edge, or along the top when the document is half round.
    let turn = u8::from(standing);
    let across = reading_corners(corners, turn);
    let (w, h) = shape.rectified_size();
    let (w, h) = (w / RECTIFIED_SCALE, h / RECTIFIED_SCALE);
    let (near, far) = band_rows(h as usize);
    // Only the two bands are rectified: half the warp.
    let band = |y0: usize| -> Option<GrayImage> {
        let (y0, y1) = (y0 as f32, (y0 + far) as f32);
        let at = |x: f32, y: f32| frame_from_rectified(&across, w, h, x, y);
        let quad = [
            at(0.0, y0)?,
            at(w as f32, y0)?,
            at(w as f32, y1)?,
            at(0.0, y1)?,
        ];
        Some(rectify_grey(grey, &quad, w, far as u32))
    };
    let top = InkMap::new(&band(0)?).best_line(near..far.saturating_sub(LINE_ROWS));
    let bottom =
        InkMap::new(&band(h as usize - far)?).best_line(0..far.saturating_sub(near + LINE_ROWS));
    let quarter_turns = if bottom >= ZONE_MIN_COVER && bottom - top >= ZONE_MIN_LEAD {
        turn
    } else if top >= ZONE_MIN_COVER && top - bottom >= ZONE_MIN_LEAD {
        turn + 2
    } else {
        return None;
    };
    Some(Upright {
        quarter_turns,
        cue: UprightCue::Mrz,
    })
}

/// How well a zone line covers the bins of each long edge's band of `flat` (the
/// document rectified lying across): (top, bottom), 0–1. For the evaluation.
#[doc(hidden)]
pub fn zone_cover(flat: &GrayImage) -> (f32, f32) {
    InkMap::new(flat).band_cover()
}

/// The corners of a document whose corners in the search's order are `corners`,
/// starting at its top-left as it is read, when it is turned `quarter_turns`
/// clockwise in the picture (its top-left is then the picture-order corner that far
/// round).
pub fn reading_corners(corners: &[Pt; 4], quarter_turns: u8) -> [Pt; 4] {
    let q = usize::from(quarter_turns % 4);
    [0, 1, 2, 3].map(|k| corners[(k + q) % 4])
}

/// The document's turn in the picture in degrees, clockwise positive, in (−180, 180]:
/// its quarter turns and the outline's own in-plane rotation (`in_plane_deg`, ±45°).
pub fn rotation_deg(quarter_turns: u8, in_plane_deg: f32) -> f32 {
    let d = (f32::from(quarter_turns % 4) * 90.0 + in_plane_deg).rem_euclid(360.0);
    if d > 180.0 {
        d - 360.0
    } else {
        d
    }
}

/// The rows of a document `h` rows high where the band along an edge starts and
/// ends, counted from that edge ([`BAND_FRAC`]).
fn band_rows(h: usize) -> (usize, usize) {
    let h = h as f32;
    (
        (h * BAND_FRAC.0).round() as usize,
        (h * BAND_FRAC.1).round() as usize,
    )
}

/// Where a rectified document shows ink: pixels clearly darker than the paper
/// around them.
struct InkMap {
    w: usize,
    h: usize,
    ink: Vec<bool>,
}

impl InkMap {
    fn new(flat: &GrayImage) -> Self {
        let (w, h) = (flat.width() as usize, flat.height() as usize);
        let px = flat.as_raw();
        // Summed-area table for the background means.
        let mut sat = vec![0u32; (w + 1) * (h + 1)];
        for y in 0..h {
            let mut row = 0u32;
            for x in 0..w {
                row += u32::from(px[y * w + x]);
                sat[(y + 1) * (w + 1) + x + 1] = sat[y * (w + 1) + x + 1] + row;
            }
        }
        let r = ((h as f32 * BACKGROUND_RADIUS_FRAC).round() as usize).max(1);
        let mut ink = vec![false; w * h];
        for y in 0..h {
            let (y0, y1) = (y.saturating_sub(r), (y + r + 1).min(h));
            for x in 0..w {
                let (x0, x1) = (x.saturating_sub(r), (x + r + 1).min(w));
                let sum = sat[y1 * (w + 1) + x1] + sat[y0 * (w + 1) + x0]
                    - sat[y0 * (w + 1) + x1]
                    - sat[y1 * (w + 1) + x0];
                let mean = (sum / ((y1 - y0) * (x1 - x0)).max(1) as u32) as i32;
                ink[y * w + x] = mean - i32::from(px[y * w + x]) >= INK_CONTRAST;
            }
        }
        InkMap { w, h, ink }
    }

    /// The best line's bin cover in the band along the top edge and the bottom edge.
    fn band_cover(&self) -> (f32, f32) {
        let (near, far) = band_rows(self.h);
        let top = self.best_line(near..far.saturating_sub(LINE_ROWS));
        let bottom =
            self.best_line(self.h.saturating_sub(far)..self.h.saturating_sub(near + LINE_ROWS));
        (top, bottom)
    }

    /// The best bin cover of a line of text starting at one of `rows`.
    fn best_line(&self, rows: std::ops::Range<usize>) -> f32 {
        rows.map(|y| self.line_cover(y)).fold(0.0f32, f32::max)
    }

    /// The share of the inner width's bins in which strokes of the line of text
    /// starting at row `y` (`LINE_ROWS` rows) start at least `MIN_STROKES_PER_BIN`
    /// times.
    fn line_cover(&self, y: usize) -> f32 {
        let w = self.w;
        let (x0, x1) = (
            (w as f32 * BAND_FRAC.0).round() as usize,
            w - (w as f32 * BAND_FRAC.0).round() as usize,
        );
        if x1 <= x0 + ROW_BINS || y + LINE_ROWS > self.h {
            return 0.0;
        }
        let mut strokes = [0u32; ROW_BINS];
        let mut was_ink = false;
        for x in x0..x1 {
            let is_ink = (y..y + LINE_ROWS).any(|r| self.ink[r * w + x]);
            if is_ink && !was_ink {
                strokes[(x - x0) * ROW_BINS / (x1 - x0)] += 1;
            }
            was_ink = is_ink;
        }
        strokes
            .iter()
            .filter(|&&n| n >= MIN_STROKES_PER_BIN)
            .count() as f32
            / ROW_BINS as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reading_top_left_is_the_corner_the_turn_brought_to_the_pictures_top_left() {
        let c = [[0.0, 0.0], [10.0, 0.0], [10.0, 5.0], [0.0, 5.0]];
        assert_eq!(reading_corners(&c, 0), c);
        // Turned clockwise a quarter: its top-left is at the picture's top-right.
        assert_eq!(reading_corners(&c, 1)[0], [10.0, 0.0]);
        assert_eq!(reading_corners(&c, 2)[0], [10.0, 5.0]);
        assert_eq!(reading_corners(&c, 3)[0], [0.0, 5.0]);
    }

    #[test]
    fn rotation_folds_into_a_half_turn_either_way() {
        assert_eq!(rotation_deg(0, -25.0), -25.0);
        assert_eq!(rotation_deg(1, 3.0), 93.0);
        assert_eq!(rotation_deg(2, 0.0), 180.0);
        assert_eq!(rotation_deg(2, 2.0), -178.0);
        assert_eq!(rotation_deg(3, 0.0), -90.0);
    }

    /// Evenly spaced characters right across a band are a zone; a few words are not.
    #[test]
    fn a_band_of_characters_edge_to_edge_is_a_zone_a_header_is_not() {
        let (w, h) = (440u32, 310u32);
        let mut page = GrayImage::from_pixel(w, h, image::Luma([225]));
        let mut stroke = |x: u32, y: u32| {
            for dy in 0..7 {
                for dx in 0..2 {
                    page.put_pixel(x + dx, y + dy, image::Luma([40]));
                }
            }
        };
        // Two zone lines at the bottom: a character every 9 px across the page.
        for y in [260, 275] {
            for x in (20..420).step_by(9) {
                stroke(x, y);
            }
        }
        // A header at the top: two words.
        for x in (30..110).step_by(9).chain((300..360).step_by(9)) {
            stroke(x, 25);
        }
        let (top, bottom) = InkMap::new(&page).band_cover();
        assert!(bottom >= ZONE_MIN_COVER, "zone covers {bottom}");
        assert!(bottom - top >= ZONE_MIN_LEAD, "header covers {top}");
        let turned = image::imageops::rotate180(&page);
        let (top, bottom) = InkMap::new(&turned).band_cover();
        assert!(top >= ZONE_MIN_COVER && top - bottom >= ZONE_MIN_LEAD);
    }
}
