//! Document rules: found, all four corners in, large enough to read, straight,
//! flat to the camera, the portrait side shown on a front and not on a back.

use super::*;
use crate::analysis::DocumentMeasures;
use crate::shot::DocumentShape;

const NOT_FOUND: &str =
    "No document found: lay it flat on a plain, dark surface and fill most of the picture with it.";

pub(super) fn judge(m: &Measurements) -> Vec<Verdict> {
    let Some(doc) = &m.document else {
        return not_found(m);
    };
    let mut out = vec![
        Verdict::measured(RuleId::DocumentFound, 1.0, Limit::at_least(1.0), "", |_| {
            NOT_FOUND.into()
        }),
        corners_visible(doc),
        document_size(doc, card_on_its_side(m, doc)),
        straight(doc),
        facing_camera(doc),
    ];
    if m.shot.has_portrait() {
        out.push(Verdict::measured(
            RuleId::PortraitPresent,
            f64::from(u8::from(doc.portrait_found)),
            Limit::at_least(1.0),
            "",
            |_| "Show the side with your photo on it.".into(),
        ));
    }
    if m.shot.is_back_side() {
        let front_distance = m.session.and_then(|s| s.front_distance);
        out.push(match front_distance {
            Some(bits) if !doc.portrait_found => same_as_front(bits),
            _ => back_side(doc.portrait_found),
        });
    }
    out
}

const TURN_OVER: &str = "This is the front: turn the card over.";

/// A back side holds no portrait: a face of a portrait's size inside the card, in
/// the middle band across it (the test the search and `portrait_present` use),
/// means the front is shown. The value is 1 when such a face is there.
fn back_side(portrait_found: bool) -> Verdict {
    Verdict::measured(
        RuleId::BackSide,
        f64::from(u8::from(portrait_found)),
        Limit::at_most(0.0),
        "",
        |_| TURN_OVER.into(),
    )
}

/// In a session, once the front was taken: a back whose rectified document
/// looks like the front's (few hash bits differ) is the front again, shown
/// where its portrait is not found (glare on it, a face the detector misses).
fn same_as_front(bits: u32) -> Verdict {
    Verdict::measured(
        RuleId::BackSide,
        f64::from(bits),
        Limit::at_least(SIDE_MIN_BITS_FROM_FRONT),
        "bits",
        |_| TURN_OVER.into(),
    )
}

fn not_found(m: &Measurements) -> Vec<Verdict> {
    let shot = m.shot;
    let mut out = vec![
        Verdict::measured(RuleId::DocumentFound, 0.0, Limit::at_least(1.0), "", |_| {
            NOT_FOUND.into()
        }),
        Verdict::unmeasurable(
            RuleId::CornersVisible,
            Limit::at_least(CORNER_MARGIN_PERCENT),
            "%",
            NOT_FOUND,
        ),
        Verdict::unmeasurable(
            RuleId::DocumentSize,
            Limit::between(DOC_MIN_WIDTH_PERCENT, DOC_MAX_WIDTH_PERCENT),
            "%",
            NOT_FOUND,
        ),
        Verdict::unmeasurable(
            RuleId::Straight,
            Limit::at_most(STRAIGHT_MAX_DEG),
            "°",
            NOT_FOUND,
        ),
        Verdict::unmeasurable(
            RuleId::FacingCamera,
            Limit::at_most(FACING_MAX_SIDE_RATIO),
            "×",
            NOT_FOUND,
        ),
    ];
    if shot.has_portrait() {
        out.push(Verdict::unmeasurable(
            RuleId::PortraitPresent,
            Limit::at_least(1.0),
            "",
            NOT_FOUND,
        ));
    }
    if shot.is_back_side() {
        // No outline: a card that fills the picture (a scan cut to its edges)
        // is judged with the frame as its outline.
        out.push(back_side(m.frame_portrait));
    }
    out
}

/// The value is the smallest margin of a corner to a frame edge (% of that edge's
/// dimension); the advice names the side that is cut off.
fn corners_visible(doc: &DocumentMeasures) -> Verdict {
    let margins = doc.geometry.min_margin_frac;
    let (side, &worst) = margins
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(b.1))
        .unwrap_or((0, &0.0));
    Verdict::measured(
        RuleId::CornersVisible,
        f64::from(worst) * 100.0,
        Limit::at_least(CORNER_MARGIN_PERCENT),
        "%",
        |_| {
            // min_margin_frac is top, right, bottom, left.
            let (way, corners) = match side {
                0 => ("down", "top"),
                1 => ("left", "right"),
                2 => ("up", "bottom"),
                _ => ("right", "left"),
            };
            format!("Move the document {way}: its {corners} corners are outside the picture.")
        },
    )
}

fn straight(doc: &DocumentMeasures) -> Verdict {
    let rotation = doc.geometry.rotation_deg;
    Verdict::measured(
        RuleId::Straight,
        f64::from(rotation.abs()),
        Limit::at_most(STRAIGHT_MAX_DEG),
        "°",
        |_| {
            // Positive rotation is clockwise on screen: turn it back the other way.
            let way = if rotation > 0.0 {
                "anticlockwise"
            } else {
                "clockwise"
            };
            format!("Turn the document a little {way} so its edges run parallel to the picture's.")
        },
    )
}

/// A card standing on its short side in a landscape picture cannot be brought
/// close enough to read before its ends leave the picture: the way to a larger
/// card is a quarter turn. (A passport's outline may be an upright open booklet,
/// taller than wide: only cards are known to lie sideways from their outline.)
fn card_on_its_side(m: &Measurements, doc: &DocumentMeasures) -> bool {
    m.shot.document_shape() == Some(DocumentShape::Id1)
        && m.width >= m.height
        && doc.geometry.standing
}

const TURN_THE_CARD: &str =
    "Turn the card a quarter turn so that its long side runs across the picture, then bring it closer.";

/// `sideways`: the card stands on its short side ([`card_on_its_side`]), which
/// changes the advice when it is too small.
fn document_size(doc: &DocumentMeasures, sideways: bool) -> Verdict {
    let g = &doc.geometry;
    let width_percent = f64::from(g.width_frac) * 100.0;
    if f64::from(g.width_px) < DOC_MIN_WIDTH_PX && width_percent >= DOC_MIN_WIDTH_PERCENT {
        // Big in the frame but few pixels: a low-resolution camera.
        return Verdict::measured(
            RuleId::DocumentSize,
            f64::from(g.width_px),
            Limit::at_least(DOC_MIN_WIDTH_PX),
            "px",
            |_| {
                if sideways {
                    TURN_THE_CARD.into()
                } else {
                    "The camera's picture is too small to read the text: choose a higher resolution or bring the document closer.".into()
                }
            },
        );
    }
    Verdict::measured(
        RuleId::DocumentSize,
        width_percent,
        Limit::between(DOC_MIN_WIDTH_PERCENT, DOC_MAX_WIDTH_PERCENT),
        "%",
        |w| {
            if w < DOC_MIN_WIDTH_PERCENT && sideways {
                TURN_THE_CARD.into()
            } else if w < DOC_MIN_WIDTH_PERCENT {
                "Bring the document closer: it should fill most of the picture.".into()
            } else {
                "Move the document a little further away: its edges touch the picture's.".into()
            }
        },
    )
}

fn facing_camera(doc: &DocumentMeasures) -> Verdict {
    let g = &doc.geometry;
    const ADVICE: &str = "Hold the document flat, facing the camera straight on, not tilted.";
    if f64::from(g.max_angle_dev_deg) > FACING_MAX_ANGLE_DEV_DEG
        && f64::from(g.side_ratio) <= FACING_MAX_SIDE_RATIO
    {
        return Verdict::measured(
            RuleId::FacingCamera,
            f64::from(g.max_angle_dev_deg),
            Limit::at_most(FACING_MAX_ANGLE_DEV_DEG),
            "°",
            |_| ADVICE.into(),
        );
    }
    Verdict::measured(
        RuleId::FacingCamera,
        f64::from(g.side_ratio),
        Limit::at_most(FACING_MAX_SIDE_RATIO),
        "×",
        |_| ADVICE.into(),
    )
}

/// The document rules' verdicts on a geometry alone, for evaluations and tests that
/// have a quadrilateral but no frame.
pub fn corners_visible_pass(g: &crate::analysis::document::DocGeometry) -> bool {
    corners_visible(&geometry_only(g)).pass
}

pub fn straight_pass(g: &crate::analysis::document::DocGeometry) -> bool {
    straight(&geometry_only(g)).pass
}

pub fn facing_camera_pass(g: &crate::analysis::document::DocGeometry) -> bool {
    facing_camera(&geometry_only(g)).pass
}

pub fn document_size_pass(g: &crate::analysis::document::DocGeometry) -> bool {
    // Which way the card lies changes the advice only, not the verdict.
    document_size(&geometry_only(g), false).pass
}

fn geometry_only(g: &crate::analysis::document::DocGeometry) -> DocumentMeasures {
    DocumentMeasures {
        corners: [[0.0; 2]; 4],
        score: 0.0,
        geometry: *g,
        portrait_found: false,
    }
}
