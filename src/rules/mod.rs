//! Rules: limits and advice applied to measurements. Each rule has a stable id
//! (docs/contract.md), a measured value, a limit and one sentence of advice.

pub mod document;
mod face_landmarks;
pub mod file_size;
mod limits;
mod quality;
mod selfie;

pub use limits::*;

use serde::Serialize;

use crate::analysis::Measurements;
use crate::shot::Shot;
use crate::tr;

/// Stable rule ids. The declaration order is the guidance priority:
/// found → in frame → distance/size → straight/facing → steady → sharpness →
/// glare → light → colour. File rules only apply to checked files. `back_side`
/// comes right after the document is found: showing the wrong side is told
/// before the card is moved into place, which would be wasted on the front;
/// `new_picture` (live, in a session) next, for the same reason, and `upright`
/// (turning the document round moves its corners and edges anyway).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum RuleId {
    DocumentFound,
    BackSide,
    NewPicture,
    Upright,
    FaceFound,
    SingleFace,
    CornersVisible,
    FaceInFrame,
    DocumentSize,
    Distance,
    Straight,
    FacingCamera,
    HeadPose,
    PortraitPresent,
    Sunglasses,
    EyesOpen,
    Expression,
    Steady,
    Sharpness,
    Glare,
    EyewearGlare,
    Exposure,
    Backlight,
    EvenLighting,
    Color,
    FileFormat,
    FileSize,
}

impl RuleId {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleId::DocumentFound => "document_found",
            RuleId::BackSide => "back_side",
            RuleId::NewPicture => "new_picture",
            RuleId::Upright => "upright",
            RuleId::FaceFound => "face_found",
            RuleId::SingleFace => "single_face",
            RuleId::CornersVisible => "corners_visible",
            RuleId::FaceInFrame => "face_in_frame",
            RuleId::DocumentSize => "document_size",
            RuleId::Distance => "distance",
            RuleId::Straight => "straight",
            RuleId::FacingCamera => "facing_camera",
            RuleId::PortraitPresent => "portrait_present",
            RuleId::Sunglasses => "sunglasses",
            RuleId::HeadPose => "head_pose",
            RuleId::EyesOpen => "eyes_open",
            RuleId::Expression => "expression",
            RuleId::Steady => "steady",
            RuleId::Sharpness => "sharpness",
            RuleId::Glare => "glare",
            RuleId::EyewearGlare => "eyewear_glare",
            RuleId::Exposure => "exposure",
            RuleId::Backlight => "backlight",
            RuleId::EvenLighting => "even_lighting",
            RuleId::Color => "color",
            RuleId::FileFormat => "file_format",
            RuleId::FileSize => "file_size",
        }
    }

    /// A few words for people, for the checklist, in the current language.
    pub fn label(self) -> String {
        match self {
            RuleId::DocumentFound => tr!("rule-document_found"),
            RuleId::BackSide => tr!("rule-back_side"),
            RuleId::NewPicture => tr!("rule-new_picture"),
            RuleId::Upright => tr!("rule-upright"),
            RuleId::FaceFound => tr!("rule-face_found"),
            RuleId::SingleFace => tr!("rule-single_face"),
            RuleId::CornersVisible => tr!("rule-corners_visible"),
            RuleId::FaceInFrame => tr!("rule-face_in_frame"),
            RuleId::DocumentSize => tr!("rule-document_size"),
            RuleId::Distance => tr!("rule-distance"),
            RuleId::Straight => tr!("rule-straight"),
            RuleId::FacingCamera => tr!("rule-facing_camera"),
            RuleId::PortraitPresent => tr!("rule-portrait_present"),
            RuleId::Sunglasses => tr!("rule-sunglasses"),
            RuleId::HeadPose => tr!("rule-head_pose"),
            RuleId::EyesOpen => tr!("rule-eyes_open"),
            RuleId::Expression => tr!("rule-expression"),
            RuleId::Steady => tr!("rule-steady"),
            RuleId::Sharpness => tr!("rule-sharpness"),
            RuleId::Glare => tr!("rule-glare"),
            RuleId::EyewearGlare => tr!("rule-eyewear_glare"),
            RuleId::Exposure => tr!("rule-exposure"),
            RuleId::Backlight => tr!("rule-backlight"),
            RuleId::EvenLighting => tr!("rule-even_lighting"),
            RuleId::Color => tr!("rule-color"),
            RuleId::FileFormat => tr!("rule-file_format"),
            RuleId::FileSize => tr!("rule-file_size"),
        }
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The allowed range of a rule's value; either bound may be open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Limit {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
}

impl Limit {
    pub const fn at_least(min: f64) -> Self {
        Self {
            min: Some(min),
            max: None,
        }
    }
    pub const fn at_most(max: f64) -> Self {
        Self {
            min: None,
            max: Some(max),
        }
    }
    pub const fn between(min: f64, max: f64) -> Self {
        Self {
            min: Some(min),
            max: Some(max),
        }
    }
    pub fn admits(&self, value: f64) -> bool {
        self.min.is_none_or(|m| value >= m) && self.max.is_none_or(|m| value <= m)
    }
}

/// One rule judged on one frame.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Verdict {
    pub id: RuleId,
    pub pass: bool,
    /// The measured value (in `unit`); `None` when it cannot be measured, e.g. the
    /// distance when no face was found.
    pub value: Option<f64>,
    pub limit: Limit,
    #[serde(skip)]
    pub unit: &'static str,
    /// What to do, in one sentence; `None` when the rule passes.
    pub advice: Option<String>,
    /// The rule fails because a finger covers what it measures (a document's
    /// corner or side), not because of its value: the checklist says so.
    #[serde(skip)]
    pub under_finger: bool,
}

impl Verdict {
    /// A verdict whose pass/fail follows from the value and the limit.
    pub fn measured(
        id: RuleId,
        value: f64,
        limit: Limit,
        unit: &'static str,
        advice: impl FnOnce(f64) -> String,
    ) -> Self {
        let pass = limit.admits(value);
        Verdict {
            id,
            pass,
            value: Some(value),
            limit,
            unit,
            advice: (!pass).then(|| advice(value)),
            under_finger: false,
        }
    }

    /// A rule that cannot be measured because what it measures was not found.
    pub fn unmeasurable(id: RuleId, limit: Limit, unit: &'static str, advice: &str) -> Self {
        Verdict {
            id,
            pass: false,
            value: None,
            limit,
            unit,
            advice: Some(advice.to_owned()),
            under_finger: false,
        }
    }

    /// One [`Verdict::unmeasurable`] per check of `checks`, in that order, all
    /// with `advice`: a family's verdicts when what it measures was not found.
    pub fn all_unmeasurable(checks: &[Check], advice: &str) -> Vec<Self> {
        checks.iter().map(|c| c.unmeasurable(advice)).collect()
    }
}

/// A rule with its limit and unit, written once for the verdict on a measured
/// value and for the one when nothing could be measured.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Check {
    pub id: RuleId,
    pub limit: Limit,
    pub unit: &'static str,
}

impl Check {
    /// `id` passes at `min` or more (in `unit`).
    pub const fn at_least(id: RuleId, min: f64, unit: &'static str) -> Self {
        Check {
            id,
            limit: Limit::at_least(min),
            unit,
        }
    }

    /// `id` passes at `max` or less.
    pub const fn at_most(id: RuleId, max: f64, unit: &'static str) -> Self {
        Check {
            id,
            limit: Limit::at_most(max),
            unit,
        }
    }

    /// `id` passes from `min` to `max`.
    pub const fn between(id: RuleId, min: f64, max: f64, unit: &'static str) -> Self {
        Check {
            id,
            limit: Limit::between(min, max),
            unit,
        }
    }

    /// [`Verdict::measured`] with this check's limit and unit.
    pub fn measure(self, value: f64, advice: impl FnOnce(f64) -> String) -> Verdict {
        Verdict::measured(self.id, value, self.limit, self.unit, advice)
    }

    /// [`Verdict::unmeasurable`] with this check's limit and unit.
    pub fn unmeasurable(self, advice: &str) -> Verdict {
        Verdict::unmeasurable(self.id, self.limit, self.unit, advice)
    }
}

/// Judges every rule of the shot, in priority order.
pub fn judge(m: &Measurements) -> Vec<Verdict> {
    let mut verdicts = Vec::new();
    if m.shot == Shot::Selfie {
        verdicts.extend(selfie::judge(m));
        verdicts.extend(face_landmarks::judge(m.selfie.as_ref(), m.faces_unknown));
    }
    if m.shot.is_document() {
        verdicts.extend(document::judge(m));
    }
    if let Some(motion) = m.motion {
        verdicts.push(quality::steady(motion));
    }
    if let Some(session) = &m.session {
        verdicts.push(new_picture(session.same_picture_as));
    }
    verdicts.extend(quality::judge(m));
    verdicts.sort_by_key(|v| v.id);
    verdicts
}

/// In a session: no shot may be the very picture saved for another (a still
/// image replayed for the passport and then the selfie). The value is 1 when it
/// is one of them.
fn new_picture(same_as: Option<Shot>) -> Verdict {
    Verdict::measured(
        RuleId::NewPicture,
        f64::from(u8::from(same_as.is_some())),
        Limit::at_most(0.0),
        "",
        |_| {
            let taken = same_as.map(Shot::title).unwrap_or_default();
            tr!("advice-already-taken", taken = &taken)
        },
    )
}

/// The one thing to tell the person: the most important failing rule.
pub fn guidance(verdicts: &[Verdict]) -> Option<&Verdict> {
    verdicts.iter().filter(|v| !v.pass).min_by_key(|v| v.id)
}

pub fn all_pass(verdicts: &[Verdict]) -> bool {
    verdicts.iter().all(|v| v.pass)
}

/// The rules that fail, in the verdicts' order (priority order from [`judge`]).
pub fn failing(verdicts: &[Verdict]) -> Vec<RuleId> {
    verdicts.iter().filter(|v| !v.pass).map(|v| v.id).collect()
}
