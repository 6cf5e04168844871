//! The checklist's words: each verdict as what it is now and what is needed,
//! for a person. Value and limit are in the same unit and that unit is always
//! shown; a rule whose measure or limit changes from frame to frame (two ways
//! of measuring, a limit that depends on what was found) is told in words, so
//! the row never switches units or flips its limit while a person watches.

use crate::check::format_value;
use crate::rules::{
    RuleId, Verdict, BRIGHTNESS_MAX, BRIGHTNESS_MIN, FILE_MAX_BYTES, FILE_MIN_BYTES,
};

/// One checklist row's words (the rule's name is [`RuleId::label`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// What the frame shows: "34 cm", "tilted 3°", "moving".
    pub now: String,
    /// What the rule needs, in the same unit: "30–50 cm", "up to 5°", "still".
    pub needed: String,
}

fn row(now: impl Into<String>, needed: impl Into<String>) -> Row {
    Row {
        now: now.into(),
        needed: needed.into(),
    }
}

/// "—" when the value could not be measured, else `f(value)`.
fn measured(v: &Verdict, f: impl FnOnce(f64) -> String) -> String {
    v.value.map_or_else(|| "—".to_owned(), f)
}

/// Pass or fail told in words: `good` / `bad`, "—" when unmeasured.
fn words(v: &Verdict, good: &str, bad: &str) -> String {
    measured(v, |_| if v.pass { good } else { bad }.to_owned())
}

/// A range or bound with its unit: "33–90 %", "up to 5°", "at least 2 %".
fn limit_text(v: &Verdict, unit: &str) -> String {
    let u = |x: f64| format!("{}{unit}", format_value(x));
    match (v.limit.min, v.limit.max) {
        (Some(a), Some(b)) if a == b => u(a),
        (Some(a), Some(b)) => format!("{}–{}", format_value(a), u(b)),
        (Some(a), None) => format!("at least {}", u(a)),
        (None, Some(b)) => format!("up to {}", u(b)),
        (None, None) => String::new(),
    }
}

/// "2 % or more": a lower bound, short enough for the checklist's column.
fn measured_limit_or_more(v: &Verdict, unit: &str) -> String {
    match v.limit.min {
        Some(min) => format!("{}{unit} or more", format_value(min)),
        None => limit_text(v, unit),
    }
}

/// Brightness on the 0–255 scale as a share of full white.
fn brightness_percent(level: f64) -> f64 {
    (level / 255.0 * 100.0).round()
}

/// The words of `v`'s row.
pub fn checklist_row(v: &Verdict) -> Row {
    match v.id {
        RuleId::DocumentFound => row(words(v, "found", "not found"), "a document"),
        RuleId::FaceFound => row(words(v, "found", "no face"), "your face"),
        RuleId::SingleFace => row(
            measured(v, |n| match n.round() as i64 {
                0 => "nobody".to_owned(),
                1 => "1 person".to_owned(),
                n => format!("{n} people"),
            }),
            "only you",
        ),
        RuleId::CornersVisible => row(
            measured(v, |m| {
                if m < 0.0 {
                    "outside".to_owned()
                } else {
                    format!("{} % margin", format_value(m))
                }
            }),
            measured_limit_or_more(v, " %"),
        ),
        RuleId::FaceInFrame => row(
            measured(v, |m| {
                if v.pass {
                    format!("{} % margin", format_value(m))
                } else {
                    "cut off".to_owned()
                }
            }),
            "whole head",
        ),
        // Measured as the share of the picture's width, except that a
        // low-resolution camera fails it by pixels: told in words then.
        RuleId::DocumentSize if v.unit == "px" => row("too few pixels", document_fill_needed()),
        RuleId::DocumentSize => row(
            measured(v, |w| format!("fills {} %", w.round())),
            document_fill_needed(),
        ),
        RuleId::Distance => row(
            measured(v, |d| format!("{} cm", d.round())),
            limit_text(v, " cm"),
        ),
        RuleId::Straight => row(
            measured(v, |a| format!("tilted {}°", a.round())),
            limit_text(v, "°"),
        ),
        // Two measures (corner angles, side lengths): told in words.
        RuleId::FacingCamera => row(words(v, "flat", "leaning"), "flat"),
        RuleId::PortraitPresent => row(words(v, "photo seen", "no photo"), "your photo"),
        // Two measures (a portrait inside; in a session, how unlike the front it
        // is): told in words.
        RuleId::BackSide => row(words(v, "the back", "the front"), "the back"),
        RuleId::NewPicture => row(words(v, "new", "already taken"), "a new photo"),
        RuleId::Sunglasses => row(words(v, "eyes visible", "eyes hidden"), "eyes visible"),
        RuleId::Steady => row(words(v, "still", "moving"), "still"),
        // Two measures on documents, and a limit that depends on what is
        // measured (face, document or whole picture): told in words.
        RuleId::Sharpness => row(words(v, "sharp", "blurry"), "sharp"),
        RuleId::Glare | RuleId::EyewearGlare => row(
            measured(v, |share| {
                if !v.pass {
                    "reflection".to_owned()
                } else if share > 0.0 {
                    "slight".to_owned()
                } else {
                    "none".to_owned()
                }
            }),
            "no reflection",
        ),
        RuleId::Exposure => row(
            measured(v, |b| format!("{} %", brightness_percent(b))),
            format!(
                "{}–{} %",
                brightness_percent(BRIGHTNESS_MIN),
                brightness_percent(BRIGHTNESS_MAX)
            ),
        ),
        RuleId::Backlight => row(words(v, "in front", "behind you"), "light in front"),
        RuleId::EvenLighting => row(words(v, "even", "shadowed"), "even light"),
        // Two measures (no colour at all, a tint): told in words.
        RuleId::Color => row(words(v, "natural", "not natural"), "natural colour"),
        RuleId::FileFormat => row(if v.pass { "yes" } else { "no" }, "JPEG or PNG"),
        RuleId::FileSize => row(
            measured(v, |kb| {
                if kb >= 1024.0 {
                    format!("{:.1} MB", kb / 1024.0)
                } else {
                    format!("{} KB", kb.round())
                }
            }),
            format!(
                "{} KB – {} MB",
                FILE_MIN_BYTES / 1024,
                FILE_MAX_BYTES / 1024 / 1024
            ),
        ),
        #[allow(unreachable_patterns)]
        _ => generic(v),
    }
}

/// A rule without words of its own: its value and limit in its unit.
fn generic(v: &Verdict) -> Row {
    let unit = if v.unit.is_empty() {
        String::new()
    } else {
        format!(" {}", v.unit)
    };
    row(
        measured(v, |x| format!("{}{unit}", format_value(x))),
        limit_text(v, &unit),
    )
}

fn document_fill_needed() -> String {
    format!(
        "fills {}–{} %",
        crate::rules::DOC_MIN_WIDTH_PERCENT,
        crate::rules::DOC_MAX_WIDTH_PERCENT
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Limit;

    fn verdict(
        id: RuleId,
        value: Option<f64>,
        pass: bool,
        limit: Limit,
        unit: &'static str,
    ) -> Verdict {
        Verdict {
            id,
            pass,
            value,
            limit,
            unit,
            advice: None,
        }
    }

    #[test]
    fn value_and_limit_share_a_unit() {
        let d = verdict(
            RuleId::Distance,
            Some(34.4),
            true,
            Limit::between(30.0, 50.0),
            "cm",
        );
        assert_eq!(checklist_row(&d), row("34 cm", "30–50 cm"));
        let s = verdict(
            RuleId::Straight,
            Some(12.2),
            false,
            Limit::at_most(5.0),
            "°",
        );
        assert_eq!(checklist_row(&s), row("tilted 12°", "up to 5°"));
        let e = verdict(
            RuleId::Exposure,
            Some(151.0),
            true,
            Limit::between(BRIGHTNESS_MIN, BRIGHTNESS_MAX),
            "",
        );
        assert_eq!(checklist_row(&e), row("59 %", "24–84 %"));
    }

    #[test]
    fn a_rule_measured_two_ways_keeps_one_needed_text() {
        let by_share = verdict(
            RuleId::DocumentSize,
            Some(28.2),
            false,
            Limit::between(33.0, 90.0),
            "%",
        );
        let by_pixels = verdict(
            RuleId::DocumentSize,
            Some(464.0),
            false,
            Limit::at_least(480.0),
            "px",
        );
        assert_eq!(checklist_row(&by_share), row("fills 28 %", "fills 33–90 %"));
        assert_eq!(checklist_row(&by_pixels).needed, "fills 33–90 %");
        let angle = verdict(
            RuleId::FacingCamera,
            Some(12.0),
            false,
            Limit::at_most(8.0),
            "°",
        );
        let ratio = verdict(
            RuleId::FacingCamera,
            Some(1.0),
            true,
            Limit::at_most(1.1),
            "×",
        );
        assert_eq!(checklist_row(&angle), row("leaning", "flat"));
        assert_eq!(checklist_row(&ratio), row("flat", "flat"));
        let colour_grey = verdict(RuleId::Color, Some(2.0), false, Limit::at_least(4.0), "");
        let colour_cast = verdict(RuleId::Color, Some(0.1), true, Limit::at_most(0.9), "");
        assert_eq!(
            checklist_row(&colour_grey).needed,
            checklist_row(&colour_cast).needed
        );
    }

    #[test]
    fn motion_is_told_in_words_and_unmeasured_is_a_dash() {
        let moving = verdict(RuleId::Steady, Some(20.0), false, Limit::at_most(8.0), "");
        assert_eq!(checklist_row(&moving), row("moving", "still"));
        let none = verdict(
            RuleId::Distance,
            None,
            false,
            Limit::between(30.0, 50.0),
            "cm",
        );
        assert_eq!(checklist_row(&none), row("—", "30–50 cm"));
    }
}
