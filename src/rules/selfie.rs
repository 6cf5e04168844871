//! Selfie rules: a single face, whole, at 30–50 cm, not backlit, eyes visible.

use super::*;
use crate::analysis::EyeRegionsFrom;

// The rules measured on the face, each with its limit and unit.
const FACE_IN_FRAME: Check = Check::at_least(RuleId::FaceInFrame, HEAD_MARGIN_MIN * 100.0, "%");
const DISTANCE: Check = Check::between(RuleId::Distance, DISTANCE_MIN_CM, DISTANCE_MAX_CM, "cm");
const SUNGLASSES: Check = Check::at_least(RuleId::Sunglasses, EYE_TO_CHEEK_MIN, "×");
/// `sunglasses` on the landmarks' lens regions: dark lenses …
const SUNGLASSES_LENS: Check = Check::at_least(RuleId::Sunglasses, LENS_TO_CHEEK_MIN, "×");
/// … and mirrored ones, whose darkest part is not dark.
const SUNGLASSES_MIRROR: Check = Check::at_most(RuleId::Sunglasses, EYE_DARKEST_MAX, "×");
const EYEWEAR_GLARE: Check = Check::at_most(RuleId::EyewearGlare, EYEWEAR_GLARE_MAX_PERCENT, "%");
const BACKLIGHT: Check = Check::at_most(RuleId::Backlight, BACKLIGHT_RATIO_MAX, "×");

/// The rules measured on the face, unmeasured when there is none.
const ON_THE_FACE: [Check; 5] = [
    FACE_IN_FRAME,
    DISTANCE,
    SUNGLASSES,
    EYEWEAR_GLARE,
    BACKLIGHT,
];
const FACE_FOUND: Check = Check::at_least(RuleId::FaceFound, 1.0, "faces");
const SINGLE_FACE: Check = Check::between(RuleId::SingleFace, 1.0, 1.0, "faces");

pub(super) fn judge(m: &Measurements) -> Vec<Verdict> {
    // Before the face worker's first answer (the live pipeline's first frames) no
    // face has been looked for: "no face found" would contradict a face in plain view.
    if m.faces_unknown {
        let every = [[FACE_FOUND, SINGLE_FACE].as_slice(), &ON_THE_FACE].concat();
        return Verdict::all_unmeasurable(&every, &tr!("advice-pending"));
    }
    let faces = m.significant_faces as f64;
    let mut out = vec![
        FACE_FOUND.measure(faces, |_| tr!("advice-no-face-whole")),
        SINGLE_FACE.measure(faces, |n| {
            if n < 1.0 {
                tr!("advice-no-face")
            } else {
                tr!("advice-only-you")
            }
        }),
    ];
    let Some(s) = &m.selfie else {
        out.extend(Verdict::all_unmeasurable(
            &ON_THE_FACE,
            &tr!("advice-no-face"),
        ));
        return out;
    };
    let face = &s.face.rect;
    let (w, h) = (m.width as f32, m.height as f32);
    out.push(
        FACE_IN_FRAME.measure(f64::from(s.head_margin) * 100.0, |_| {
            let head = crate::analysis::selfie::head_box(face);
            if head.w > w || head.h > h {
                // A close-up: no step sideways brings the whole head in.
                return tr!("advice-head-too-big");
            }
            // Away from the edge the head is cut by.
            let gaps = [
                (head.y / h, "down"),
                ((h - head.bottom()) / h, "up"),
                (head.x / w, "right"),
                ((w - head.right()) / w, "left"),
            ];
            let way = gaps
                .iter()
                .min_by(|a, b| a.0.total_cmp(&b.0))
                .map_or("down", |g| g.1);
            tr!("advice-head-cut", way = way)
        }),
    );
    out.push(DISTANCE.measure(f64::from(s.distance_cm), |d| {
        let (cm, min, max) = (d.round(), DISTANCE_MIN_CM, DISTANCE_MAX_CM);
        if d < DISTANCE_MIN_CM {
            tr!("advice-too-close", cm = cm, min = min, max = max)
        } else {
            tr!("advice-too-far", cm = cm, min = min, max = max)
        }
    }));
    out.push(sunglasses(s));
    let glare_percent = f64::from(s.eyewear_glare_share) * 100.0;
    out.push(EYEWEAR_GLARE.measure(glare_percent, |_| tr!("advice-eyewear-glare")));
    out.push(BACKLIGHT.measure(f64::from(s.backlight_ratio), |_| tr!("advice-backlight")));
    out
}

/// Dark lenses against the limit of what they were measured on; with landmarks,
/// when the lenses are not dark, a mirrored lens: no dark pupil shows.
fn sunglasses(s: &crate::analysis::SelfieMeasures) -> Verdict {
    let dark = match s.eye_regions {
        EyeRegionsFrom::FaceBox => SUNGLASSES,
        EyeRegionsFrom::Landmarks => SUNGLASSES_LENS,
    };
    let ratio = f64::from(s.eye_to_cheek_ratio);
    let (check, value) = match s.eye_darkest_to_cheek.map(f64::from) {
        Some(darkest) if dark.limit.admits(ratio) && !SUNGLASSES_MIRROR.limit.admits(darkest) => {
            (SUNGLASSES_MIRROR, darkest)
        }
        _ => (dark, ratio),
    };
    check.measure(value, |_| tr!("advice-sunglasses"))
}
