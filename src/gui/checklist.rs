//! The checklist's words: each verdict as what it is now and what is needed,
//! for a person. Value and limit are in the same unit and that unit is always
//! shown; a rule whose measure or limit changes from frame to frame (two ways
//! of measuring, a limit that depends on what was found) is told in words, so
//! the row never switches units or flips its limit while a person watches.

use crate::check::{format_value, with_unit};
use crate::rules::{
    RuleId, Verdict, BRIGHTNESS_MAX, BRIGHTNESS_MIN, FILE_MAX_BYTES, FILE_MIN_BYTES,
};
use crate::tr;

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
fn words(v: &Verdict, good: String, bad: String) -> String {
    measured(v, |_| if v.pass { good } else { bad })
}

/// A range or bound with its unit (a unit code of [`with_unit`]): "33–90 %",
/// "up to 5°", "at least 2 %".
fn limit_text(v: &Verdict, unit: &str) -> String {
    let u = |x: f64| with_unit(x, unit);
    match (v.limit.min, v.limit.max) {
        (Some(a), Some(b)) if a == b => u(a),
        (Some(a), Some(b)) => range(format_value(a), u(b)),
        (Some(a), None) => tr!("limit-at-least", value = &u(a)),
        (None, Some(b)) => tr!("limit-up-to", value = &u(b)),
        (None, None) => String::new(),
    }
}

/// "30–50 cm": `max` carries the unit.
fn range(min: String, max: String) -> String {
    tr!("limit-range", min = &min, max = &max)
}

/// "2 % or more": a lower bound, short enough for the checklist's column.
fn measured_limit_or_more(v: &Verdict, unit: &str) -> String {
    match v.limit.min {
        Some(min) => tr!("limit-or-more", value = &with_unit(min, unit)),
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
        RuleId::DocumentFound => row(
            words(v, tr!("row-found"), tr!("row-not-found")),
            tr!("row-need-document"),
        ),
        RuleId::FaceFound => row(
            words(v, tr!("row-found"), tr!("row-no-face")),
            tr!("row-need-face"),
        ),
        RuleId::SingleFace => row(
            measured(v, |n| tr!("row-people", n = n.round().max(0.0))),
            tr!("row-need-only-you"),
        ),
        RuleId::CornersVisible => row(
            measured(v, |m| {
                if v.under_finger {
                    tr!("row-under-finger")
                } else if m < 0.0 {
                    tr!("row-outside")
                } else {
                    tr!("row-margin", value = &with_unit(m, "%"))
                }
            }),
            measured_limit_or_more(v, "%"),
        ),
        RuleId::FaceInFrame => row(
            measured(v, |m| {
                if v.pass {
                    tr!("row-margin", value = &with_unit(m, "%"))
                } else {
                    tr!("row-cut-off")
                }
            }),
            tr!("row-need-whole-head"),
        ),
        // Measured as the share of the picture's width, except that a
        // low-resolution camera fails it by pixels: told in words then.
        RuleId::DocumentSize if v.unit == "px" => {
            row(tr!("row-too-few-pixels"), document_fill_needed())
        }
        RuleId::DocumentSize => row(
            measured(v, |w| tr!("row-fills", value = &with_unit(w.round(), "%"))),
            document_fill_needed(),
        ),
        RuleId::Distance => row(
            measured(v, |d| with_unit(d.round(), "cm")),
            limit_text(v, "cm"),
        ),
        RuleId::Straight => row(
            measured(v, |a| tr!("row-tilted", value = &with_unit(a.round(), "°"))),
            limit_text(v, "°"),
        ),
        // Two measures (corner angles, side lengths): told in words.
        RuleId::FacingCamera => row(
            words(v, tr!("row-flat"), tr!("row-leaning")),
            tr!("row-flat"),
        ),
        // Whole quarter turns: told in words.
        RuleId::Upright => row(
            measured(v, |a| {
                if v.pass {
                    tr!("row-upright")
                } else if a >= 180.0 {
                    tr!("row-upside-down")
                } else {
                    tr!("row-on-its-side")
                }
            }),
            tr!("row-upright"),
        ),
        RuleId::PortraitPresent => row(
            words(v, tr!("row-photo-seen"), tr!("row-no-photo")),
            tr!("row-need-photo"),
        ),
        // Two measures (a portrait inside; in a session, how unlike the front it
        // is): told in words.
        RuleId::BackSide => row(
            words(v, tr!("row-the-back"), tr!("row-the-front")),
            tr!("row-the-back"),
        ),
        RuleId::NewPicture => row(
            words(v, tr!("row-new"), tr!("row-already-taken")),
            tr!("row-need-new-photo"),
        ),
        RuleId::Sunglasses => row(
            words(v, tr!("row-eyes-visible"), tr!("row-eyes-hidden")),
            tr!("row-eyes-visible"),
        ),
        RuleId::Steady => row(
            words(v, tr!("row-still"), tr!("row-moving")),
            tr!("row-still"),
        ),
        // Two measures on documents, and a limit that depends on what is
        // measured (face, document or whole picture): told in words.
        RuleId::Sharpness => row(
            words(v, tr!("row-sharp"), tr!("row-blurry")),
            tr!("row-sharp"),
        ),
        RuleId::Glare | RuleId::EyewearGlare => row(
            measured(v, |share| {
                if !v.pass {
                    tr!("row-reflection")
                } else if share > 0.0 {
                    tr!("row-slight")
                } else {
                    tr!("row-none")
                }
            }),
            tr!("row-need-no-reflection"),
        ),
        RuleId::Exposure => row(
            measured(v, |b| with_unit(brightness_percent(b), "%")),
            range(
                format_value(brightness_percent(BRIGHTNESS_MIN)),
                with_unit(brightness_percent(BRIGHTNESS_MAX), "%"),
            ),
        ),
        RuleId::Backlight => row(
            words(v, tr!("row-light-in-front"), tr!("row-light-behind")),
            tr!("row-need-light-in-front"),
        ),
        RuleId::EvenLighting => row(
            words(v, tr!("row-even"), tr!("row-shadowed")),
            tr!("row-need-even-light"),
        ),
        // Two measures (no colour at all, a tint): told in words.
        RuleId::Color => row(
            words(v, tr!("row-natural"), tr!("row-not-natural")),
            tr!("row-need-natural-colour"),
        ),
        RuleId::FileFormat => row(
            if v.pass {
                tr!("row-yes")
            } else {
                tr!("row-no")
            },
            tr!("row-need-jpeg-or-png"),
        ),
        RuleId::FileSize => row(
            measured(v, |kb| {
                if kb >= 1024.0 {
                    with_unit_fixed(kb / 1024.0, "MB")
                } else {
                    with_unit(kb.round(), "KB")
                }
            }),
            tr!(
                "row-need-file-size",
                min = &with_unit((FILE_MIN_BYTES / 1024) as f64, "KB"),
                max = &with_unit((FILE_MAX_BYTES / 1024 / 1024) as f64, "MB"),
            ),
        ),
        #[allow(unreachable_patterns)]
        _ => generic(v),
    }
}

/// Megabytes with one decimal: "2.5 MB", "1.0 MB".
fn with_unit_fixed(mb: f64, unit: &str) -> String {
    crate::check::unit_text(&format!("{mb:.1}"), mb, unit)
}

/// A rule without words of its own: its value and limit in its unit.
fn generic(v: &Verdict) -> Row {
    row(measured(v, |x| with_unit(x, v.unit)), limit_text(v, v.unit))
}

fn document_fill_needed() -> String {
    let fills = range(
        format_value(crate::rules::DOC_MIN_WIDTH_PERCENT),
        with_unit(crate::rules::DOC_MAX_WIDTH_PERCENT, "%"),
    );
    tr!("row-fills", value = &fills)
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
            under_finger: false,
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
