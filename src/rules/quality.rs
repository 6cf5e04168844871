//! Quality rules shared by every shot: steady, sharp, no glare, exposure, even
//! light, natural colour.

use super::*;
use crate::analysis::QualityRegion;

pub(super) fn steady(motion: f32) -> Verdict {
    let steady = Check::at_most(RuleId::Steady, MOTION_MAX, "");
    steady.measure(f64::from(motion), |_| tr!("advice-hold-still"))
}

pub(super) fn judge(m: &Measurements) -> Vec<Verdict> {
    let q = &m.quality;
    // What the advice names: what was measured, which the catalogues word each their
    // own way. The whole frame is measured when no face or document was found: the
    // advice then names the picture, never a document the frame does not show.
    let what = match q.region {
        QualityRegion::Face { .. } => "face",
        QualityRegion::Document { .. } => "document",
        QualityRegion::Frame => "picture",
    };
    let no_colour = Check::at_least(RuleId::Color, COLOURFULNESS_MIN, "");
    let tint = Check::at_most(RuleId::Color, COLOUR_CAST_MAX, "");
    let colourfulness = f64::from(q.colour.colourfulness);
    // No colour at all is reported first; else the tint.
    let colour = if colourfulness < COLOURFULNESS_MIN {
        no_colour.measure(colourfulness, |_| tr!("advice-no-colour"))
    } else {
        tint.measure(f64::from(q.colour.cast), |_| tr!("advice-colour-cast"))
    };
    let sharp = |value: f32, limit: Limit, unit: &'static str| {
        Verdict::measured(RuleId::Sharpness, f64::from(value), limit, unit, |_| {
            tr!("advice-blurry", what = what)
        })
    };
    let region = sharp(
        q.sharpness,
        Limit::at_least(match q.region {
            QualityRegion::Face { .. } => SHARPNESS_MIN_FACE,
            QualityRegion::Document { .. } => SHARPNESS_MIN_DOCUMENT,
            QualityRegion::Frame => SHARPNESS_MIN_FRAME,
        }),
        "",
    );
    // A document must also lie in a frame that is not blurred and have crisp edges;
    // the verdict reported is the first of these that fails, or else the document's.
    let frame = q
        .frame_sharpness
        .map(|s| sharp(s, Limit::at_least(SHARPNESS_MIN_FRAME), ""));
    let edges = q
        .edge_rise_px
        .map(|rise| sharp(rise, Limit::at_most(DOC_MAX_EDGE_RISE_PX), "px"));
    let sharpness = if region.pass {
        [frame, edges]
            .into_iter()
            .flatten()
            .find(|v| !v.pass)
            .unwrap_or(region)
    } else {
        region
    };
    vec![
        sharpness,
        Verdict::measured(
            RuleId::Glare,
            f64::from(q.glare.largest_share) * 100.0,
            Limit::at_most(match q.region {
                QualityRegion::Document { .. } => GLARE_MAX_PERCENT_DOCUMENT,
                QualityRegion::Face { .. } | QualityRegion::Frame => GLARE_MAX_PERCENT,
            }),
            "%",
            |_| tr!("advice-reflection", what = what),
        ),
        Verdict::measured(
            RuleId::Exposure,
            f64::from(q.brightness),
            Limit::between(BRIGHTNESS_MIN, BRIGHTNESS_MAX),
            "",
            |b| {
                if b < BRIGHTNESS_MIN {
                    tr!("advice-too-dark", what = what)
                } else {
                    tr!("advice-too-bright", what = what)
                }
            },
        ),
        Verdict::measured(
            RuleId::EvenLighting,
            f64::from(q.light_ratio),
            Limit::at_most(LIGHT_RATIO_MAX),
            "×",
            |_| tr!("advice-shadow", what = what),
        ),
        colour,
    ]
}
