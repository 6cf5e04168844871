//! Selfie rules: a single face, whole, at 30–50 cm, not backlit, eyes visible.

use super::*;

pub(super) fn judge(m: &Measurements) -> Vec<Verdict> {
    let faces = m.significant_faces as f64;
    let mut out = vec![
        Verdict::measured(
            RuleId::FaceFound,
            faces,
            Limit::at_least(1.0),
            "faces",
            |_| {
                "No face found: look straight into the camera with your whole face in the picture."
                    .into()
            },
        ),
        Verdict::measured(
            RuleId::SingleFace,
            faces,
            Limit::between(1.0, 1.0),
            "faces",
            |n| {
                if n < 1.0 {
                    "No face found: look straight into the camera.".into()
                } else {
                    "Only you may be in the picture: ask others to step out of view.".into()
                }
            },
        ),
    ];
    let Some(s) = &m.selfie else {
        const NO_FACE: &str = "No face found: look straight into the camera.";
        out.extend([
            Verdict::unmeasurable(
                RuleId::FaceInFrame,
                Limit::at_least(HEAD_MARGIN_MIN * 100.0),
                "%",
                NO_FACE,
            ),
            Verdict::unmeasurable(
                RuleId::Distance,
                Limit::between(DISTANCE_MIN_CM, DISTANCE_MAX_CM),
                "cm",
                NO_FACE,
            ),
            Verdict::unmeasurable(
                RuleId::Sunglasses,
                Limit::at_least(EYE_TO_CHEEK_MIN),
                "",
                NO_FACE,
            ),
            Verdict::unmeasurable(
                RuleId::EyewearGlare,
                Limit::at_most(EYEWEAR_GLARE_MAX_PERCENT),
                "%",
                NO_FACE,
            ),
            Verdict::unmeasurable(
                RuleId::Backlight,
                Limit::at_most(BACKLIGHT_RATIO_MAX),
                "×",
                NO_FACE,
            ),
        ]);
        return out;
    };
    let face = &s.face.rect;
    let (w, h) = (m.width as f32, m.height as f32);
    out.push(Verdict::measured(
        RuleId::FaceInFrame,
        f64::from(s.head_margin) * 100.0,
        Limit::at_least(HEAD_MARGIN_MIN * 100.0),
        "%",
        |_| {
            let head = crate::analysis::selfie::head_box(face);
            if head.w > w || head.h > h {
                // A close-up: no step sideways brings the whole head in.
                return "Your head does not fit in the picture: move back a little.".into();
            }
            // Away from the edge the head is cut by.
            let gaps = [
                (head.y / h, "down"),
                ((h - head.bottom()) / h, "up"),
                (head.x / w, "to the right"),
                ((w - head.right()) / w, "to the left"),
            ];
            let way = gaps
                .iter()
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map_or("back", |g| g.1);
            format!(
                "Your head is cut off: move {way} so your whole head and chin are in the picture."
            )
        },
    ));
    out.push(Verdict::measured(
        RuleId::Distance,
        f64::from(s.distance_cm),
        Limit::between(DISTANCE_MIN_CM, DISTANCE_MAX_CM),
        "cm",
        |d| {
            if d < DISTANCE_MIN_CM {
                format!("Move back a little: you are about {d:.0} cm away, 30–50 cm is right.")
            } else {
                format!("Come closer: you are about {d:.0} cm away, 30–50 cm is right.")
            }
        },
    ));
    out.push(Verdict::measured(
        RuleId::Sunglasses,
        f64::from(s.eye_to_cheek_ratio),
        Limit::at_least(EYE_TO_CHEEK_MIN),
        "×",
        |_| "Take off your sunglasses: your eyes must be visible.".into(),
    ));
    out.push(Verdict::measured(
        RuleId::EyewearGlare,
        f64::from(s.eyewear_glare_share) * 100.0,
        Limit::at_most(EYEWEAR_GLARE_MAX_PERCENT),
        "%",
        |_| {
            "Light reflects in your glasses: tilt them down slightly or move the lamp to the side."
                .into()
        },
    ));
    out.push(Verdict::measured(
        RuleId::Backlight,
        f64::from(s.backlight_ratio),
        Limit::at_most(BACKLIGHT_RATIO_MAX),
        "×",
        |_| "The light is behind you: turn so the window or lamp is in front of you.".into(),
    ));
    out
}
