//! The tuned numbers of glare on documents, in one place. Each says what it separates
//! and the figures it came from: the real photos are the fixtures' documents (phone
//! photos of ID cards and passport pages, specimen scans), the synthetic ones the cards
//! of `examples/evaluate_documents.rs` (docs/evaluation.md, docs/glare.md).

/// What tells a reflection on a rectified document from white print, white fields and
/// pale security print. Cells are 2 × 2 pixels of the document rectified 640 px along
/// its long side.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GlareParams {
    /// A veil cell is at least this much brighter (grey levels) than the paper, ...
    pub veil_min_rise: f32,
    /// ... bright in itself, ...
    pub veil_min_luma: f32,
    /// ... and nearly colourless (max − min channel of the cell mean).
    pub veil_max_chroma: f32,
    /// Print darker than this (luma) inside a bright region means the region is white
    /// print, not a reflection: glare adds light to everything under it, so ink under a
    /// veil bright enough to count (paper risen by 25+ levels) reads 140 or more. (100
    /// missed the MRZ bars of the synthetic cards, which the warp softens to 100–140.)
    pub ink_max_luma: u8,
    /// A bright region whose row spans enclose more than this share of dark print is a
    /// white printed area (an MRZ band, a title block), not glare.
    pub max_ink_share: f32,
    /// A reflection fades out at its rim: few of the steps from just inside to just
    /// outside it exceed `rim_crisp_step` (ink under a halo makes some). A white
    /// printed block or a portrait's light background ends in crisp steps along more
    /// than `max_crisp_rim` of it. (A step of 40 on half the rim passed 131 of the 161
    /// synthetic cards without glare, 20 on 35 % passes 146; every card with glare
    /// still fails.)
    pub rim_crisp_step: f32,
    pub max_crisp_rim: f32,
    /// A white patch on darker paper (a slip of paper over the card, a white field
    /// on a tinted page) ends within three cells, even where the photo blurs its edge
    /// over two: the drop from a rim cell to the cell three further out exceeds
    /// `rim_steep_drop` on more than `max_steep_rim` of its rim. The two paper slips
    /// over shakex_v3_card5 drop 40 and more on most of theirs; the soft reflections
    /// (aus's band, lux's streak) drop a median 6.
    pub rim_steep_drop: f32,
    pub max_steep_rim: f32,
    /// A reflection is brighter than the white of the paper around it: a region whose
    /// mean brightness is not at least this much (grey levels) over the surrounding
    /// paper's white (see `surround_*`) is the paper's own white showing between
    /// print (a scan's white MRZ band, a pale page's white fields, a page seen against
    /// a dark desk inside a wrong outline). The white fields of the specimen scans
    /// (id-che, pass-cze, pass-fra) are 0–5 over their surroundings; the reflections
    /// (shakex_card3_old's sheen, aus's band, lux's streak) 15 and more.
    pub surround_min_rise: f32,
    /// White paper is flat: a region whose cells' brightness spreads (standard
    /// deviation) less than `flat_max_spread` and that rises less than
    /// `flat_min_rise` over the surrounding white is a white field, not a reflection
    /// fading out from its middle. The scans' white fields and margins spread 1.6–3.9
    /// and rise 10–21, a desk mat's sheen inside a wrong outline 5.3; the reflections
    /// spread 6.5–13.3 (lux, aus, shakex_card3_old), and a clipped core, flat at 255,
    /// rises 40 and more.
    pub flat_max_spread: f32,
    pub flat_min_rise: f32,
    /// The surrounding paper's white is the `surround_quantile` brightness of the cells
    /// outside every bright region between `surround_gap` and `surround_reach` cells
    /// from the region's box: near enough to share its light, clear of its blurred rim
    /// and of the bright halo around a strong reflection's clipped core (2–8 cells
    /// read the halo of two synthetic cards' spots as the paper's white and missed
    /// them; 4–20 finds them and keeps every real document's verdict right or wrong
    /// as 2–8 had it).
    pub surround_quantile: f32,
    pub surround_gap: u32,
    pub surround_reach: u32,
    /// Laminate sparkles where it reflects: its micro-texture breaks the reflection
    /// into bright specks (shakex_card2's and shakex_card3_old's sheens), cells at
    /// least `sparkle_step` brighter than the mean of the four cells two away. A region
    /// over `sparkle_min_share` of whose cells sparkle is a reflection even though the
    /// print under it shows through and the specks make its rim crisp.
    pub sparkle_step: f32,
    pub sparkle_min_share: f32,
    /// A speck's surroundings are washed-out paper, none of them more than this much
    /// darker than it: the white paper between strokes of text is as much brighter
    /// than the cells around it, but beside ink.
    pub sparkle_max_dip: f32,
    /// A bright region touching a side of a document, as long as this share of it and
    /// at most this share of the document across, is a strip along its edge (the
    /// background or a booklet's other pages inside an outline drawn outside the
    /// paper: pass-lva's takes in 11 % of the page's width).
    pub side_strip_min_length: f32,
    pub side_strip_max_width: f32,
}

impl Default for GlareParams {
    fn default() -> Self {
        GlareParams {
            veil_min_rise: 25.0,
            veil_min_luma: 170.0,
            veil_max_chroma: 24.0,
            ink_max_luma: 140,
            max_ink_share: 0.05,
            rim_crisp_step: 20.0,
            max_crisp_rim: 0.35,
            rim_steep_drop: 30.0,
            max_steep_rim: 0.5,
            surround_min_rise: 12.0,
            flat_max_spread: 6.0,
            flat_min_rise: 30.0,
            surround_quantile: 0.9,
            surround_gap: 4,
            surround_reach: 20,
            sparkle_step: 20.0,
            sparkle_min_share: 0.05,
            sparkle_max_dip: 45.0,
            side_strip_min_length: 0.9,
            side_strip_max_width: 0.2,
        }
    }
}
