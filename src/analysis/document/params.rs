//! Every tuned number of the document search, in one place ([`Params`]), each with what
//! it is and why it has its value. "The evaluation" is `examples/evaluate_documents.rs`
//! (seeds 0–299, the tuning set, unless said otherwise); its `--param group.name=value`
//! sweeps any of them without recompiling.

use std::fmt::Display;
use std::str::FromStr;

/// A parameter name or value that [`Params::set`] cannot take.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParamError {
    #[error("no document search parameter {0:?} (known: {1})")]
    Unknown(String, String),
    #[error("parameter {name}: cannot read {value:?} as {expected}")]
    BadValue {
        name: String,
        value: String,
        expected: &'static str,
    },
}

/// A type a parameter can have: read from and written as text.
trait ParamValue: Sized {
    const KIND: &'static str;
    fn parse(s: &str) -> Option<Self>;
    fn show(&self) -> String;
}

macro_rules! scalar_param {
    ($($t:ty),*) => {$(
        impl ParamValue for $t {
            const KIND: &'static str = stringify!($t);
            fn parse(s: &str) -> Option<Self> {
                <$t as FromStr>::from_str(s.trim()).ok()
            }
            fn show(&self) -> String {
                self.to_string()
            }
        }
    )*};
}
scalar_param!(f32, usize, u32, i32, u8);

/// Comma-separated values.
fn parse_list<T: FromStr, const N: usize>(s: &str) -> Option<[T; N]> {
    let v: Vec<T> = s
        .split(',')
        .map(|x| x.trim().parse().ok())
        .collect::<Option<_>>()?;
    v.try_into().ok()
}

fn show_list<T: Display>(v: &[T]) -> String {
    v.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

impl ParamValue for [f32; 3] {
    const KIND: &'static str = "three numbers a,b,c";
    fn parse(s: &str) -> Option<Self> {
        parse_list(s)
    }
    fn show(&self) -> String {
        show_list(self)
    }
}

impl ParamValue for (usize, usize) {
    const KIND: &'static str = "two counts a,b";
    fn parse(s: &str) -> Option<Self> {
        parse_list::<usize, 2>(s).map(|[a, b]| (a, b))
    }
    fn show(&self) -> String {
        show_list(&[self.0, self.1])
    }
}

/// A group of parameters: the struct, its `Default` (the shipped values), and reading
/// and writing a field by name.
macro_rules! param_group {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* pub $field:ident : $ty:ty = $default:expr, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $ty, )*
        }

        impl Default for $name {
            fn default() -> Self {
                Self::DEFAULT
            }
        }

        impl $name {
            /// The shipped values.
            pub const DEFAULT: Self = Self { $( $field: $default, )* };

            const NAMES: &'static [&'static str] = &[$( stringify!($field) ),*];

            /// Sets `field` from text; `Ok(false)` when there is no such field.
            fn set(&mut self, field: &str, value: &str, full: &str) -> Result<bool, ParamError> {
                match field {
                    $( stringify!($field) => {
                        self.$field = ParamValue::parse(value).ok_or_else(|| ParamError::BadValue {
                            name: full.to_string(),
                            value: value.to_string(),
                            expected: <$ty as ParamValue>::KIND,
                        })?;
                    } )*
                    _ => return Ok(false),
                }
                Ok(true)
            }

            fn get(&self, field: &str) -> Option<String> {
                match field {
                    $( stringify!($field) => Some(self.$field.show()), )*
                    _ => None,
                }
            }
        }
    };
}

param_group! {
    /// The search as a whole: its scale, how many lines, when to look at texture, and
    /// how the verified outlines are ranked and replaced.
    pub struct SearchParams {
        /// Long side (px) of the downscaled image the lines are searched in: a card that
        /// fills a third of a 1280×720 frame keeps sides of 100+ px, and the whole search
        /// stays ~4 ms (at 640 it takes 9.6 ms and finds no more cards).
        pub search_long_side: u32 = 480,
        /// Below this side (px, after downscaling) there is no document worth looking for.
        pub min_search_side: u32 = 24,
        /// Lines kept from the grey accumulator: a card's four sides must be among them on
        /// a cluttered desk (on brick, 36 lose cards), and the candidates grow with the 4th
        /// power of this (48 find no more and cost time).
        pub max_lines: usize = 44,
        /// Lines taken from the texture energy in addition to the grey ones.
        pub max_texture_lines: usize = 16,
        /// Verified quality of the best grey outline above which texture is not searched:
        /// the texture pass costs ~4 ms (at 0.6 it runs on many more frames, for 2 more of
        /// 256 cards and a p95 frame time of 20 ms instead of 14.7).
        pub grey_enough_quality: f32 = 0.5,
        /// Verified quality below which nothing is reported.
        pub min_verified_quality: f32 = 0.3,
        /// Final quality = verified^(1−w) · coarse^w: the coarse support covers the whole
        /// side at ±2 px, the full-resolution fit is sharp but sees 48 points per side; 0.7
        /// ranked the evaluation's candidates best (against 0.5 and 0.3).
        pub coarse_weight: f32 = 0.7,
        /// A side seen only in texture is weaker evidence than a grey edge (a smooth image
        /// fits any line well): its support and fit count this much.
        pub texture_side_weight: f32 = 0.8,
        /// Weight of size in a candidate's score (area share^exponent): prefers the outer
        /// outline over rectangles printed inside the document, without letting a huge,
        /// badly supported quad win.
        pub area_exponent: f32 = 0.25,
        /// Side supports are combined as w·mean + (1−w)·min: the mean rewards a well-seen
        /// outline, the min keeps one missing side from being ignored.
        pub mean_weight: f32 = 0.7,
        /// A card on a sheet covers at most this share of the sheet's area.
        pub card_on_sheet_max_area: f32 = 0.85,
        /// Share of print around a whole outline inside one running off the frame
        /// under which the outer is what the document lies on (`PrintMap::share_around`):
        /// a real desk mat with a dried stain on it reads 0.086; synthetic cards cut by
        /// the frame around a rectangle printed on them 0.16–0.74 (400 scenes).
        pub rim_max_print: f32 = 0.12,
        /// The card's corners, pulled this share of the way to its centre, lie inside the
        /// sheet: the card may share a side with the sheet.
        pub nested_pull: f32 = 0.03,
        /// A grown outline wins at this share of the score of the outline it grew from:
        /// the card's own outline can score a little lower than a rectangle printed on it
        /// (a band along its edge is print inside its margin, and on a tilted card a
        /// shorter outline can match the aspect better). 1.0, 0.8 and 0.7 each lose cards.
        pub grown_min_score_ratio: f32 = 0.9,
        /// A grown outline's side lies on the winner's side when its middle is this close
        /// (search-image px): such a side was kept, not moved out.
        pub kept_side_px: f32 = 1.0,
    }
}

param_group! {
    /// The edge map and the texture energy of the search image.
    pub struct EdgeParams {
        /// Sobel magnitude (×4 of a one-level step) counted as an edge, for voting and
        /// support: a step of ~5 grey levels, low enough for a white card on a light desk.
        pub min_grad: f32 = 20.0,
        /// An edge with an opposite one this close along its normal (search-image px, ~6
        /// px of a 1280-wide frame) flanks a thin line (3 finds 2 fewer cards).
        pub ridge_reach_px: i32 = 2,
        /// Gradients at least this opposed (cosine) make the two flanks of one thin line.
        pub ridge_min_opposition: f32 = 0.7,
        /// Box radius (search-image px) of each of the two smoothing passes of the
        /// texture energy: together a 9×9 triangle.
        pub texture_box_radius: usize = 2,
        /// Gain that puts the texture energy's steps on the grey scale of `min_grad`.
        pub texture_gain: f32 = 12.0,
    }
}

param_group! {
    /// Where the search image shows print (`PrintMap`): a document is printed all over,
    /// a blank sheet is not, and a document's print keeps off its edges.
    pub struct PrintParams {
        /// Sobel magnitude of print: a step of ~10 grey levels.
        pub min_grad: f32 = 40.0,
        /// Cells along × across a quad's inner part, each judged printed or blank.
        pub cells: (usize, usize) = (8, 5),
        /// Inset of the cells from the outline, as a share of each side.
        pub inset: f32 = 0.08,
        /// Share of a cell's pixels that must be print for the cell to show print.
        pub min_density: f32 = 0.02,
        /// Cells of a quad outside a quad inside it for that part to be judged blank: a
        /// strip along one side is a row of 8 or a column of 5.
        pub blank_min_cells: usize = 5,
        /// Points along × across an outline running off the frame, sampled for print
        /// around a whole outline inside it (`share_around`).
        pub around_samples: (usize, usize) = (32, 20),
        /// Distance (search-image px) from the inner outline's sides within which a
        /// point is left out: the inner edge's own gradient.
        pub around_clearance_px: f32 = 3.0,
        /// Points in the frame and around the inner outline needed to judge the print.
        pub around_min_samples: usize = 40,
        /// Depths of the ring sampled just inside each side, as shares of the document's
        /// size across that side.
        pub margin_depths: [f32; 3] = [0.012, 0.02, 0.028],
        /// Least depth of that ring (px): the side's own edge blurs over ~1 px.
        pub margin_min_depth_px: f32 = 2.0,
        /// Samples along each side of the ring.
        pub margin_samples: usize = 16,
        /// Share of each end of a side left out of the ring (the corners).
        pub margin_end_skip: f32 = 0.1,
    }
}

param_group! {
    /// Hough lines, the edge support along them, and the sweep for edges beyond an
    /// outline's sides.
    pub struct LineParams {
        /// Each edge pixel votes for line angles within this many degrees of its edge
        /// orientation: tolerates orientation noise (2 loses 4 % of the cards, 4 gains none).
        pub hough_angle_spread: i32 = 3,
        /// Edge pixels vote only where the orientation is this coherent: straight edges,
        /// not the isotropic texture of gravel or grass.
        pub hough_min_coherence: f32 = 0.6,
        /// Least votes of a line, as a share of the search image's shorter side (in step
        /// votes).
        pub hough_min_votes_frac: f32 = 0.07,
        /// Vote of a pixel on a step (one surface meeting another, as at a document's side).
        pub step_vote: u8 = 2,
        /// Vote of a pixel on either flank of a thin line (a brick joint, a cable): on
        /// brick the joints outrank a card's sides at a whole vote (half finds 8 more of
        /// 516 cards over seeds 0–599; none loses 5).
        pub ridge_vote: u8 = 1,
        /// Two accumulator peaks within this angle (degrees) and `same_line_px` are the
        /// same line.
        pub same_line_deg: f32 = 3.0,
        /// See `same_line_deg` (search-image px): the vote withdrawal already removes a
        /// line's side lobes, and 4 px drops a card's side lying 3–4 px from a longer brick
        /// joint.
        pub same_line_px: f32 = 2.0,
        /// Edge points are looked for this many px either side of a line: Hough
        /// quantisation of 1° / 1 px leaves up to ~2 px at the ends of a long side.
        pub support_tol_px: i32 = 2,
        /// An edge pixel supports a line when its gradient is within this angle (degrees)
        /// of the line's normal.
        pub support_max_angle_deg: f32 = 20.0,
        /// A side's support is counted in this many stretches, each in its own polarity:
        /// the step at a card's side changes sign where the card passes from a dark desk
        /// onto a light sheet (one stretch finds 226 of 256 cards, 4–16 find 229–230).
        pub support_stretches: usize = 6,
        /// Weight of thin-line samples (both polarities within the tolerance band)
        /// subtracted from a side's support (0.3, 0.75 and 1 each lose 4+ cards).
        pub ridge_weight: f32 = 0.5,
        /// Farthest a swept side is looked for, as a share of the outline's depth across
        /// it: a text block framed by the portrait, a band and the MRZ is about half a card,
        /// the portrait a third of its width (2.0 and less grow no portrait to its card).
        pub sweep_reach: f32 = 2.5,
        /// Share of a swept line's length on an edge of one polarity for it to count as a
        /// side (0.4 finds no more).
        pub sweep_min_support: f32 = 0.5,
        /// Angles (degrees) tried against each side, parallel first so that it wins a tie:
        /// perspective turns a card's side a little against a side printed on it.
        pub sweep_angles_deg: [f32; 3] = [0.0, -3.0, 3.0],
        /// Step between those angles; the best is refined by half a step each way.
        pub sweep_angle_step_deg: f32 = 3.0,
        /// A swept line lies at least this far (px) beyond the side along its whole
        /// length: the side's own edge is 3–4 px wide at ±1 px, and a line turned across
        /// it would be supported by it.
        pub sweep_min_out_px: f32 = 3.0,
        /// Share of each end of a swept segment left out (rounded corners).
        pub sweep_end_skip: f32 = 0.07,
        /// Offsets whose support is within this of the best form the plateau whose middle
        /// is taken: an edge is 3–4 px wide.
        pub sweep_plateau: f32 = 0.02,
    }
}

param_group! {
    /// Candidate outlines: which quads are built and how they are scored.
    pub struct QuadParams {
        /// How strongly print counts in a candidate's score (share^exponent).
        pub content_exponent: f32 = 0.5,
        /// Opposite sides may converge by this many degrees: a card leaning 38° and
        /// filling three quarters of a wide webcam's frame (80°) shows 38° between them,
        /// and must be found for `facing_camera` to say how to hold it (22° loses 14 of 60
        /// tilted cards; 40° costs 0.6 ms at the median, 2.5 ms at the p95).
        pub pair_max_angle_deg: f32 = 40.0,
        /// Adjacent sides may leave 90° by at most this (perspective, rotation).
        pub max_skew_deg: f32 = 32.0,
        /// Shortest document side, as a share of the search image's shorter side.
        pub min_side_frac: f32 = 0.12,
        /// Corners may lie this far outside the frame (share of its size): a card cut by
        /// the frame is still reported, so `corners_visible` can say why it fails.
        pub corner_outside_frac: f32 = 0.4,
        /// The aspect ratio (perspective undone with the assumed camera) may differ from
        /// the document's by this factor in log space: covers a wrong focal-length guess on
        /// strongly tilted documents (0.15 and 0.2 lose 3–4 % of the cards).
        pub aspect_max_log_err: f32 = 0.33,
        /// Softness of the aspect preference in log space.
        pub aspect_sigma_log: f32 = 0.15,
        /// Share of each end of a side skipped when measuring support: rounded corners.
        pub side_end_skip: f32 = 0.07,
        /// A side needs this share of its length on an edge of one polarity (a thumb or
        /// glare may hide the rest).
        pub min_side_support: f32 = 0.3,
        /// The mean support over the sides needs this.
        pub min_mean_support: f32 = 0.5,
        /// A quad with one side inferred from the aspect ratio, or lying outside the frame,
        /// needs its seen sides this well supported: a sheet running off the frame
        /// explains an unseen side as well as a cut card does.
        pub inferred_min_side_support: f32 = 0.6,
        /// The rank of a quad with an unseen side, against a fully seen one (0.85 lets a
        /// sheet beat the card lying on it; 0.65 judges another cut card whole).
        pub inferred_side_penalty: f32 = 0.75,
        /// When the unseen side lies inside the frame (under a thumb or glare), what hides
        /// it often reaches a neighbouring side too, so the seen sides need less (0.45
        /// finds no more, 0.55 loses a low-contrast card).
        pub hidden_min_side_support: f32 = 0.5,
        /// The rank of two seen sides whose two others lie outside the frame, against a
        /// fully seen quad (0.6 judges 2 more cut cards whole, 0.85 loses 4 cards).
        pub cut_corner_penalty: f32 = 0.7,
        /// Inferring a side assumes a document facing the camera: parallel opposite sides
        /// and right angles within this many degrees.
        pub inferred_max_deg: f32 = 6.0,
        /// A quad with an unseen side is dropped when any seen side runs on past a corner
        /// by more than this share of the checked length (0.4 also drops cut cards next to
        /// an aligned desk edge).
        pub inferred_max_extension: f32 = 0.6,
        /// A side counts as seen when this share of it lies inside the frame.
        pub min_visible_side: f32 = 0.25,
        /// Stretch of each side next to a corner (share of the side) that must show its
        /// edge: a side that stops short of a corner belongs to something else.
        pub corner_stretch: f32 = 0.25,
        /// Share of that stretch inside the frame needed to judge it.
        pub corner_min_visible: f32 = 0.5,
        /// Length past each corner (share of the side) checked for an edge that continues.
        pub extension_frac: f32 = 0.15,
        /// What such a continuation costs.
        pub extension_weight: f32 = 0.75,
        /// Length past each corner (share of the side) along which a side's edge must not
        /// run on: then the corner is no corner (a printed band sharing the card's edge).
        pub run_on_frac: f32 = 0.5,
        /// Support along that length that rules the corner out: a long stretch of one
        /// polarity exactly on the line is rare in desk texture (0.7 loses cards).
        pub run_on_max_support: f32 = 0.8,
        /// Share of that length inside the frame needed to judge it: a side of an inner
        /// rectangle of a cut card may run on only a short way before leaving the frame
        /// (0.5 misses those; 0.35 judges 2 more cut cards whole).
        pub run_on_min_visible: f32 = 0.25,
        /// A corner of a two-sided (cut) quad lies at least this far (px) inside the frame.
        pub cut_corner_inset_px: f32 = 2.0,
        /// Candidates verified at full resolution (8 changes no figure and costs 0.2 ms).
        pub top_candidates: usize = 4,
        /// Candidates lying wholly inside the frame verified beside those: the page on a
        /// desk mat whose rim, pieced into an outline, fills the top ones.
        pub whole_candidates: usize = 2,
        /// Overlap above which two candidates count as the same quad.
        pub same_quad_iou: f32 = 0.9,
    }
}

param_group! {
    /// Full-resolution refinement of a candidate's sides.
    pub struct RefineParams {
        /// Gradient peaks must be at least this step (grey levels over 2 px) to count.
        pub min_step: f32 = 3.0,
        /// A refined edge point within this distance (px) of the fitted side is on it.
        pub fit_tol_px: f32 = 1.5,
        /// The same for a texture side, in search-image px: texture edges are a few pixels
        /// wide there (0.75 is 2 px of a 1280-px frame).
        pub texture_fit_tol_px: f32 = 0.75,
        /// Samples per side.
        pub samples: usize = 48,
        /// Share of each end of a side left without samples (rounded corners, and the
        /// neighbouring side's edge).
        pub end_skip: f32 = 0.1,
        /// Search radius (search-image px) of a texture side's refinement, at least.
        pub texture_min_radius: f32 = 2.0,
        /// Search radius (px) of the second pass, and added to the first pass's two
        /// search-image pixels.
        pub fine_radius_px: f32 = 3.0,
        /// A refinement that moves a corner further than three search-image pixels and
        /// this (px) is worse than the coarse answer, unless its sides fit better.
        pub max_corner_move_px: f32 = 6.0,
        /// Samples further from the first fit than this many times the median distance
        /// (and 1 px) are dropped before the second fit.
        pub outlier_medians: f32 = 3.0,
    }
}

param_group! {
    /// Which outlines hold the portrait of a front side.
    pub struct PortraitParams {
        /// A face box's width as a share of the document's long side where the face can be
        /// its portrait: an ID-1 card's or passport page's portrait is 22–45 mm wide on an
        /// 85.6 / 125 mm document and the face box 0.55–0.6 of it, 0.14–0.22; measured
        /// 0.13–0.21 on the real specimens and 0.11–0.20 on the synthetic cards. The bounds
        /// leave room for perspective and the detector's box, and keep out a rectangle
        /// printed on the card (the portrait's frame, ≥ 0.4) and a sheet twice the card's
        /// size (≤ 0.1).
        pub min_share: f32 = 0.09,
        /// See `min_share`.
        pub max_share: f32 = 0.30,
        /// How far across the document a portrait's face lies at least, from the nearer
        /// long side as a share of the short side: a front's portrait fills most of the
        /// height between its header and the text below (0.38–0.49 on the eleven real
        /// documents, 0.39–0.48 on the synthetic cards). An outline with the face near a
        /// long side is the card with a strip of desk or a sheet's edge beside it. Set a
        /// little under the real documents' lowest, not swept.
        pub min_across: f32 = 1.0 / 3.0,
        /// How far (face widths) from an outline a portrait-sized face may lie to count as
        /// beside it: half the photo's width (~0.9 face widths) plus a gap to the text.
        pub beside_max_face_widths: f32 = 1.5,
        /// A face that takes an outline away must be a confident one: the portraits on the
        /// real specimens score 9.9–35, faces seen in gravel or bricks 2–6.
        pub beside_min_face_score: f32 = 8.0,
        /// With no outline found, the picture itself is taken as the document (a scan cut
        /// to its edges) only when its long side over its short side is the document's
        /// within this (absolute natural log of their ratio): the two real scans cut to
        /// an ID-1 card read 1.572 and 1.575 against 1.586 (0.01 off), while a camera's
        /// 4:3 and 16:9 pictures are 0.17 and 0.11 off and a 3:2 one 0.056. Otherwise a
        /// person in front of a webcam, their face in the middle, would be read as a
        /// card's front. Not swept.
        pub frame_max_aspect_log_err: f32 = 0.04,
    }
}

/// Every tuned number of the document search. `Params::default()` is what kycam ships.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    pub search: SearchParams,
    pub edges: EdgeParams,
    pub print: PrintParams,
    pub lines: LineParams,
    pub quads: QuadParams,
    pub refine: RefineParams,
    pub portrait: PortraitParams,
}

impl Default for Params {
    fn default() -> Self {
        Self::DEFAULT
    }
}

impl Params {
    /// The shipped values.
    pub const DEFAULT: Params = Params {
        search: SearchParams::DEFAULT,
        edges: EdgeParams::DEFAULT,
        print: PrintParams::DEFAULT,
        lines: LineParams::DEFAULT,
        quads: QuadParams::DEFAULT,
        refine: RefineParams::DEFAULT,
        portrait: PortraitParams::DEFAULT,
    };

    /// Sets the parameter `group.field` (e.g. `quads.aspect_sigma_log`) from text: a
    /// number, or comma-separated numbers for a list.
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), ParamError> {
        let (group, field) = name.split_once('.').unwrap_or((name, ""));
        let found = match group {
            "search" => self.search.set(field, value, name)?,
            "edges" => self.edges.set(field, value, name)?,
            "print" => self.print.set(field, value, name)?,
            "lines" => self.lines.set(field, value, name)?,
            "quads" => self.quads.set(field, value, name)?,
            "refine" => self.refine.set(field, value, name)?,
            "portrait" => self.portrait.set(field, value, name)?,
            _ => false,
        };
        if found {
            Ok(())
        } else {
            Err(ParamError::Unknown(
                name.to_string(),
                Self::names().join(", "),
            ))
        }
    }

    /// Sets `group.field=value`.
    pub fn set_assignment(&mut self, assignment: &str) -> Result<(), ParamError> {
        let (name, value) = assignment.split_once('=').unwrap_or((assignment, ""));
        self.set(name.trim(), value)
    }

    /// The value of `group.field` as text, `None` when there is no such parameter.
    pub fn get(&self, name: &str) -> Option<String> {
        let (group, field) = name.split_once('.')?;
        match group {
            "search" => self.search.get(field),
            "edges" => self.edges.get(field),
            "print" => self.print.get(field),
            "lines" => self.lines.get(field),
            "quads" => self.quads.get(field),
            "refine" => self.refine.get(field),
            "portrait" => self.portrait.get(field),
            _ => None,
        }
    }

    /// Every parameter's name, `group.field`.
    pub fn names() -> Vec<String> {
        let groups: [(&str, &[&str]); 7] = [
            ("search", SearchParams::NAMES),
            ("edges", EdgeParams::NAMES),
            ("print", PrintParams::NAMES),
            ("lines", LineParams::NAMES),
            ("quads", QuadParams::NAMES),
            ("refine", RefineParams::NAMES),
            ("portrait", PortraitParams::NAMES),
        ];
        groups
            .iter()
            .flat_map(|(g, fields)| fields.iter().map(move |f| format!("{g}.{f}")))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parameter_reads_back_what_was_set() {
        for name in Params::names() {
            let mut p = Params::default();
            let shipped = p.get(&name).expect("listed names exist");
            p.set(&name, &shipped).unwrap();
            assert_eq!(p, Params::default(), "{name}");
        }
        let mut p = Params::default();
        p.set_assignment("quads.aspect_sigma_log=0.2").unwrap();
        assert_eq!(p.quads.aspect_sigma_log, 0.2);
        p.set("print.margin_depths", "0.01, 0.02,0.03").unwrap();
        assert_eq!(p.print.margin_depths, [0.01, 0.02, 0.03]);
        p.set("print.cells", "6,4").unwrap();
        assert_eq!(p.print.cells, (6, 4));
    }

    #[test]
    fn unknown_names_and_bad_values_are_errors_naming_them() {
        let mut p = Params::default();
        let e = p.set("quads.no_such", "1").unwrap_err();
        assert!(e.to_string().contains("quads.no_such"), "{e}");
        assert!(e.to_string().contains("quads.aspect_sigma_log"), "{e}");
        assert!(p.set("nogroup", "1").is_err());
        let e = p.set("search.max_lines", "4.5").unwrap_err();
        assert!(e.to_string().contains("search.max_lines") && e.to_string().contains("4.5"));
        assert!(p.set("print.margin_depths", "1,2").is_err());
        assert_eq!(p, Params::default());
    }
}
