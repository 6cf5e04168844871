//! Document rules: found, the right way up, all four corners in, large enough to
//! read, straight, flat to the camera, the portrait side shown on a front and not on
//! a back.

use super::*;
use crate::analysis::DocumentMeasures;
use crate::shot::DocumentShape;

/// The value is 1 when a document is found.
const DOCUMENT_FOUND: Check = Check::at_least(RuleId::DocumentFound, 1.0, "");
// The rules measured on the outline, each with its limit and unit.
const CORNERS_VISIBLE: Check = Check::at_least(RuleId::CornersVisible, CORNER_MARGIN_PERCENT, "%");
const DOCUMENT_SIZE: Check = Check::between(
    RuleId::DocumentSize,
    DOC_MIN_WIDTH_PERCENT,
    DOC_MAX_WIDTH_PERCENT,
    "%",
);
const STRAIGHT: Check = Check::at_most(RuleId::Straight, STRAIGHT_MAX_DEG, "°");
/// Facing the camera, measured as the ratio of opposite sides' lengths.
const FACING_SIDES: Check = Check::at_most(RuleId::FacingCamera, FACING_MAX_SIDE_RATIO, "×");
/// Facing the camera, measured as the corners' largest departure from 90°.
/// The value is 1 when the portrait is found on the document (`portrait_present`).
const PORTRAIT_PRESENT: Check = Check::at_least(RuleId::PortraitPresent, 1.0, "");
/// The value is 1 when a portrait is found on what should be a back (`back_side`).
const NO_PORTRAIT: Check = Check::at_most(RuleId::BackSide, 0.0, "");
const FACING_ANGLES: Check = Check::at_most(RuleId::FacingCamera, FACING_MAX_ANGLE_DEV_DEG, "°");

fn not_found_advice() -> String {
    tr!("advice-no-document")
}

pub(super) fn judge(m: &Measurements) -> Vec<Verdict> {
    let Some(doc) = &m.document else {
        return if m.faces_unknown {
            pending(m)
        } else {
            not_found(m)
        };
    };
    let mut out = vec![
        DOCUMENT_FOUND.measure(1.0, |_| not_found_advice()),
        upright(doc, m.shot.document_shape()),
        corners_visible(doc, m.shot.document_shape()),
        document_size(doc, card_on_its_side(m, doc)),
        straight(doc),
        facing_camera(doc),
    ];
    // Face boxes older than the picture may miss a portrait that is there, or sit on
    // print that is not one: what they say about the portrait waits for fresh ones.
    if m.shot.has_portrait() {
        out.push(if m.faces_stale && !doc.portrait_found {
            PORTRAIT_PRESENT.unmeasurable(&tr!("advice-side-pending"))
        } else {
            PORTRAIT_PRESENT.measure(f64::from(u8::from(doc.portrait_found)), |_| {
                tr!("advice-show-photo-side")
            })
        });
    }
    if m.shot.is_back_side() {
        let front_distance = m.session.and_then(|s| s.front_distance);
        out.push(match front_distance {
            Some(bits) if !doc.portrait_found => same_as_front(bits),
            _ if m.faces_stale && doc.portrait_found => {
                NO_PORTRAIT.unmeasurable(&tr!("advice-side-pending"))
            }
            _ => back_side(doc.portrait_found),
        });
    }
    out
}

/// A back side holds no portrait: a face of a portrait's size inside the card, in
/// the middle band across it (the test the search and `portrait_present` use),
/// means the front is shown. The value is 1 when such a face is there.
fn back_side(portrait_found: bool) -> Verdict {
    NO_PORTRAIT.measure(f64::from(u8::from(portrait_found)), |_| {
        tr!("advice-turn-over")
    })
}

/// In a session, once the front was taken: a back whose rectified document
/// looks like the front's (few hash bits differ) is the front again, shown
/// where its portrait is not found (glare on it, a face the detector misses).
fn same_as_front(bits: u32) -> Verdict {
    let unlike_front = Check::at_least(RuleId::BackSide, SIDE_MIN_BITS_FROM_FRONT, "bits");
    unlike_front.measure(f64::from(bits), |_| tr!("advice-turn-over"))
}

/// Before the face worker's first answer (the live pipeline's first frames) no
/// document was looked for: an outline around a person cannot be told from one
/// without their face. Every document rule waits, unmeasured, with a sentence true
/// of any picture, card or none.
fn pending(m: &Measurements) -> Vec<Verdict> {
    let advice = tr!("advice-pending");
    let mut out = vec![DOCUMENT_FOUND.unmeasurable(&advice)];
    out.extend(Verdict::all_unmeasurable(
        &[CORNERS_VISIBLE, DOCUMENT_SIZE, STRAIGHT, FACING_SIDES],
        &advice,
    ));
    if m.shot.has_portrait() {
        out.push(PORTRAIT_PRESENT.unmeasurable(&advice));
    }
    if m.shot.is_back_side() {
        out.push(NO_PORTRAIT.unmeasurable(&advice));
    }
    out
}

fn not_found(m: &Measurements) -> Vec<Verdict> {
    let shot = m.shot;
    let advice = not_found_advice();
    let mut out = vec![DOCUMENT_FOUND.measure(0.0, |_| advice.clone())];
    out.extend(Verdict::all_unmeasurable(
        &[CORNERS_VISIBLE, DOCUMENT_SIZE, STRAIGHT, FACING_SIDES],
        &advice,
    ));
    if shot.has_portrait() {
        out.push(PORTRAIT_PRESENT.unmeasurable(&advice));
    }
    if shot.is_back_side() {
        // No outline: a picture of the card's shape (a scan cut to its edges) is
        // judged with the frame as its outline; any other shows no side to judge (a
        // person at a webcam with no card up is no card's front).
        out.push(match m.frame_portrait {
            Some(portrait) => back_side(portrait),
            None => NO_PORTRAIT.unmeasurable(&advice),
        });
    }
    out
}

/// The value is how far the document is turned from the right way up, in whole
/// quarter turns (0°, 90° or 180°; the small in-plane angle is `straight`'s). An
/// outline on its short side is on its side whichever way it is turned, and fails
/// with a quarter turn in either direction when its print does not tell which; a
/// document lying across whose print does not tell (a back side without a
/// machine-readable zone) passes unmeasured: it is most likely upright, and
/// failing it would block the shot for nothing the person can fix.
fn upright(doc: &DocumentMeasures, shape: Option<DocumentShape>) -> Verdict {
    let document = match shape {
        Some(DocumentShape::PassportPage) => "passport",
        _ => "card",
    };
    let limit = Limit::at_most(0.0);
    let Some(u) = doc.upright else {
        if !doc.geometry.standing {
            return Verdict {
                id: RuleId::Upright,
                pass: true,
                value: None,
                limit,
                unit: "°",
                advice: None,
                under_finger: false,
            };
        }
        return Verdict::measured(RuleId::Upright, 90.0, limit, "°", |_| {
            tr!("advice-on-its-side-either-way", document = document)
        });
    };
    let turns = u.quarter_turns % 4;
    let degrees = f64::from(if turns == 2 { 180 } else { 90 * (turns % 2) });
    Verdict::measured(RuleId::Upright, degrees, limit, "°", |_| match turns {
        2 => tr!("advice-upside-down", document = document),
        // Its top towards the picture's right: turned clockwise, it goes back
        // anticlockwise.
        1 => tr!(
            "advice-on-its-side",
            document = document,
            way = "anticlockwise"
        ),
        _ => tr!("advice-on-its-side", document = document, way = "clockwise"),
    })
}

/// The value is the smallest margin of a corner to a frame edge (% of that edge's
/// dimension); the advice names the side that is cut off. A corner or side under a
/// finger is not visible either: with every corner in the frame, a covered corner
/// (else a covered side) fails with the value 0 % (no margin of it shows), and the
/// advice names it as the document is read (as seen in the picture when which way up
/// it lies is not known).
fn corners_visible(doc: &DocumentMeasures, shape: Option<DocumentShape>) -> Verdict {
    let margins = doc.geometry.min_margin_frac;
    let (side, &worst) = margins
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.total_cmp(b.1))
        .unwrap_or((0, &0.0));
    let cut = CORNERS_VISIBLE.measure(f64::from(worst) * 100.0, |_| {
        // min_margin_frac is top, right, bottom, left: the side cut off.
        let side = ["top", "right", "bottom", "left"][side.min(3)];
        tr!("advice-corners-cut", side = side)
    });
    if !cut.pass {
        return cut;
    }
    let Some(covered) = finger_over(doc) else {
        return cut;
    };
    let document = match shape {
        Some(DocumentShape::PassportPage) => "passport",
        _ => "card",
    };
    let verdict = CORNERS_VISIBLE.measure(0.0, |_| match covered {
        Covered::Corner(corner) => {
            tr!("advice-finger-corner", corner = corner, document = document)
        }
        Covered::Side(side) => tr!("advice-finger-side", side = side, document = document),
    });
    Verdict {
        under_finger: true,
        ..verdict
    }
}

/// What a finger covers, named as the document is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Covered {
    Corner(&'static str),
    Side(&'static str),
}

/// The first covered corner in reading order (from the document's top-left), else
/// the first covered side (from its top).
pub fn finger_over(doc: &DocumentMeasures) -> Option<Covered> {
    let cover = &doc.covered;
    let turns = usize::from(doc.upright.map_or(0, |u| u.quarter_turns) % 4);
    // Picture corner i is reading corner (i − turns) mod 4; side i runs from it.
    let picture = |reading: usize| (reading + turns) % 4;
    const CORNERS: [&str; 4] = ["top-left", "top-right", "bottom-right", "bottom-left"];
    const SIDES: [&str; 4] = ["top", "right", "bottom", "left"];
    (0..4)
        .find(|&j| cover.corners[picture(j)])
        .map(|j| Covered::Corner(CORNERS[j]))
        .or_else(|| {
            (0..4)
                .find(|&j| cover.sides[picture(j)])
                .map(|j| Covered::Side(SIDES[j]))
        })
}

fn straight(doc: &DocumentMeasures) -> Verdict {
    let rotation = doc.geometry.rotation_deg;
    STRAIGHT.measure(f64::from(rotation.abs()), |_| {
        // Positive rotation is clockwise on screen: turn it back the other way.
        let way = if rotation > 0.0 {
            "anticlockwise"
        } else {
            "clockwise"
        };
        tr!("advice-turn-straight", way = way)
    })
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
                    tr!("advice-turn-card-quarter")
                } else {
                    tr!("advice-camera-low-resolution")
                }
            },
        );
    }
    DOCUMENT_SIZE.measure(width_percent, |w| {
        if w < DOC_MIN_WIDTH_PERCENT && sideways {
            tr!("advice-turn-card-quarter")
        } else if w < DOC_MIN_WIDTH_PERCENT {
            tr!("advice-document-closer")
        } else {
            tr!("advice-document-further")
        }
    })
}

fn facing_camera(doc: &DocumentMeasures) -> Verdict {
    let g = &doc.geometry;
    let (angles, sides) = (f64::from(g.max_angle_dev_deg), f64::from(g.side_ratio));
    // The sides' ratio is reported, unless only the corners' angles fail.
    let (check, value) = if angles > FACING_MAX_ANGLE_DEV_DEG && sides <= FACING_MAX_SIDE_RATIO {
        (FACING_ANGLES, angles)
    } else {
        (FACING_SIDES, sides)
    };
    check.measure(value, |_| tr!("advice-hold-flat"))
}

/// The document rules' verdicts on a geometry alone, for evaluations and tests that
/// have a quadrilateral but no frame.
pub fn corners_visible_pass(g: &crate::analysis::document::DocGeometry) -> bool {
    corners_visible(&geometry_only(g), None).pass
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
        upright: None,
        covered: crate::analysis::document::Cover::NONE,
    }
}
