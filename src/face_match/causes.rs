//! Why a selfie may not match the ID photo, from what can be measured on both
//! faces: reflections or tinted lenses on glasses, the head turned unlike the
//! portrait, a different expression, uneven or poor light on the face, a
//! portrait too small in the picture of the document.
//!
//! The descriptor's chip is aligned with the eyes and mouth in the picture's
//! plane (docs/face-match.md): a head leaning to one side is turned upright, but
//! a head turned left, right, up or down, an open mouth or a shadow across the
//! face all move the numbers; these are the causes a person can fix with a
//! retake. Age, a beard or glasses worn on one photo only cannot be measured
//! here and are said in general words when nothing else is found.

use image::RgbImage;
use serde::Serialize;

use crate::analysis::landmarks::{self, measures::FaceShape};
use crate::analysis::selfie::{eye_to_cheek_ratio, eyewear_glare_share, mean_in};
use crate::analysis::to_grey;
use crate::geometry::Rect;
use crate::tr;

/// What is measured on one face for the causes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FaceLook {
    /// From the 68 landmarks: pose, mouth.
    pub shape: FaceShape,
    /// Share (0–1) of the eye band that is specular reflection. Both this and
    /// the ratio below are the face box's measures, on the selfie as on the
    /// document's small portrait: the limits of [`CauseLimits`] were read on them
    /// (the selfie rules use the landmarks' eyes, docs/eyewear.md).
    pub eyewear_glare_share: f32,
    /// Eye-box over upper-cheek brightness (dark lenses read low).
    pub eye_to_cheek_ratio: f32,
    /// The brighter half of the face (left or right) over the darker.
    pub side_light_ratio: f32,
    /// Mean grey level of the inner face, 0–255.
    pub brightness: f32,
    /// The face box's width in pixels.
    pub face_width_px: f32,
}

impl FaceLook {
    /// Measures the face found at `face` in `rgb` (one landmark pass).
    pub fn measure(rgb: &RgbImage, face: &Rect) -> FaceLook {
        let grey = to_grey(rgb);
        let inner = face.grown(-0.15, -0.1, -0.15, -0.1);
        let half = inner.w / 2.0;
        let left = Rect::new(inner.x, inner.y, half, inner.h);
        let right = Rect::new(inner.x + half, inner.y, half, inner.h);
        let (l, r) = (
            mean_in(&grey, &left).unwrap_or(0.0).max(1.0),
            mean_in(&grey, &right).unwrap_or(0.0).max(1.0),
        );
        FaceLook {
            shape: FaceShape::of(&landmarks::find(rgb, face)),
            eyewear_glare_share: eyewear_glare_share(rgb, face),
            eye_to_cheek_ratio: eye_to_cheek_ratio(&grey, face),
            side_light_ratio: l.max(r) / l.min(r),
            brightness: mean_in(&grey, &inner).unwrap_or(0.0),
            face_width_px: face.w,
        }
    }
}

/// A likely reason for a possible mismatch, each with what to do about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// Light reflects in glasses over the eyes.
    GlassesReflection,
    /// The eyes are behind dark or tinted lenses.
    TintedGlasses,
    /// The head is turned left, right, up or down unlike the portrait.
    HeadTurned,
    /// The mouth is open or smiling more than on the portrait.
    Expression,
    /// One side of the face is in shadow.
    UnevenLight,
    /// The face is too dark or washed out.
    PoorLight,
    /// The portrait is small in the picture of the document.
    SmallPortrait,
}

impl Cause {
    /// What to do, in one plain sentence in the current language.
    pub fn advice(self) -> String {
        match self {
            Cause::GlassesReflection => tr!("cause-glasses-reflection"),
            Cause::TintedGlasses => tr!("cause-tinted-glasses"),
            Cause::HeadTurned => tr!("cause-head-turned"),
            Cause::Expression => tr!("cause-expression"),
            Cause::UnevenLight => tr!("cause-uneven-light"),
            Cause::PoorLight => tr!("cause-poor-light"),
            Cause::SmallPortrait => tr!("cause-small-portrait"),
        }
    }
}

/// The limits beyond which a difference is named as a cause.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CauseLimits {
    /// Eye-band reflection share above which glasses reflect: the largest reading
    /// of clipped brow and nose skin on the fixtures without glasses is 1.7 %
    /// (the same figure the eyewear_glare rule is set above, at 2 %).
    pub glasses_glare_min: f32,
    /// Eye-to-cheek ratio below which lenses are dark: bare eyes on the fixtures
    /// read 0.44–0.95, painted dark lenses ~0.15 (the sunglasses rule fails
    /// below 0.30).
    pub tinted_eye_to_cheek_max: f32,
    /// Yaw difference (degrees) between the selfie and the portrait: half the
    /// head_pose rule's 20°, since an ID portrait is frontal and the chip's
    /// alignment cannot undo a turn out of the picture's plane. Chosen, not
    /// measured against match distances.
    pub yaw_difference_deg: f32,
    /// Pitch difference (degrees): the pitch read against an average face
    /// carries each face's proportions (compliant selfies spread over −15° to
    /// +22°), so only a difference larger than most of that spread counts.
    pub pitch_difference_deg: f32,
    /// Mouth gap over width, selfie minus portrait: 0.12 is about lips parted
    /// enough to show teeth (closed ~0, wide open ~0.5).
    pub mouth_open_difference: f32,
    /// Mouth width ratio (selfie over portrait) of a broad smile against a
    /// neutral face.
    pub mouth_width_ratio: f32,
    /// Brighter over darker half of the face: above this one side is in shadow
    /// (the light_ratio rule's 1.8 is for the whole region; a face half is
    /// smaller and its shadow matters more to the descriptor).
    pub side_light_ratio_max: f32,
    /// Mean face brightness outside this range is dark or washed out (the
    /// brightness rule's 60–215, drawn in a little: this is the face alone).
    pub face_brightness: (f32, f32),
    /// A portrait's face box narrower than this (pixels) is enlarged for the
    /// 150 px chip: the card versions in `examples/evaluate_match` were tested
    /// down to a 90 px face, never smaller.
    pub portrait_min_width_px: f32,
}

impl CauseLimits {
    pub const DEFAULT: CauseLimits = CauseLimits {
        glasses_glare_min: 0.017,
        tinted_eye_to_cheek_max: 0.44,
        yaw_difference_deg: 10.0,
        pitch_difference_deg: 20.0,
        mouth_open_difference: 0.12,
        mouth_width_ratio: 1.15,
        side_light_ratio_max: 1.5,
        face_brightness: (70.0, 200.0),
        portrait_min_width_px: 90.0,
    };
}

/// At most this many causes are said: the first are the likeliest.
pub const MAX_CAUSES: usize = 3;

/// The causes that the measurements show, likeliest first (glasses, pose,
/// expression, light on the selfie, then the portrait's size), at most
/// [`MAX_CAUSES`]. Empty when nothing measurable stands out.
pub fn likely_causes(selfie: &FaceLook, portrait: &FaceLook, limits: &CauseLimits) -> Vec<Cause> {
    let (s, p) = (&selfie.shape, &portrait.shape);
    let differs = |a: f32, b: f32, limit: f32| (a - b).abs() >= limit;
    let candidates = [
        (
            selfie.eyewear_glare_share >= limits.glasses_glare_min,
            Cause::GlassesReflection,
        ),
        (
            selfie.eye_to_cheek_ratio < limits.tinted_eye_to_cheek_max
                && portrait.eye_to_cheek_ratio >= limits.tinted_eye_to_cheek_max,
            Cause::TintedGlasses,
        ),
        (
            differs(s.pose.yaw_deg, p.pose.yaw_deg, limits.yaw_difference_deg)
                || differs(
                    s.pose.pitch_deg,
                    p.pose.pitch_deg,
                    limits.pitch_difference_deg,
                ),
            Cause::HeadTurned,
        ),
        (
            s.mouth_open - p.mouth_open >= limits.mouth_open_difference
                || (p.mouth_width > 0.0
                    && s.mouth_width / p.mouth_width >= limits.mouth_width_ratio),
            Cause::Expression,
        ),
        (
            selfie.side_light_ratio > limits.side_light_ratio_max,
            Cause::UnevenLight,
        ),
        (
            !(limits.face_brightness.0..=limits.face_brightness.1).contains(&selfie.brightness),
            Cause::PoorLight,
        ),
        (
            portrait.face_width_px < limits.portrait_min_width_px,
            Cause::SmallPortrait,
        ),
    ];
    candidates
        .into_iter()
        .filter_map(|(holds, cause)| holds.then_some(cause))
        .take(MAX_CAUSES)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::landmarks::measures::HeadPose;

    /// A frontal, neutral, evenly lit face without glasses.
    fn plain() -> FaceLook {
        FaceLook {
            shape: FaceShape {
                eye_aspect: [0.3, 0.3],
                mouth_open: 0.02,
                mouth_width: 1.0,
                eye_distance_px: 60.0,
                pose: HeadPose {
                    yaw_deg: 2.0,
                    pitch_deg: 5.0,
                    roll_deg: 1.0,
                },
            },
            eyewear_glare_share: 0.002,
            eye_to_cheek_ratio: 0.7,
            side_light_ratio: 1.1,
            brightness: 130.0,
            face_width_px: 150.0,
        }
    }

    /// A plain face with `change` made to it.
    fn plain_but(change: impl FnOnce(&mut FaceLook)) -> FaceLook {
        let mut look = plain();
        change(&mut look);
        look
    }

    fn causes(selfie: &FaceLook, portrait: &FaceLook) -> Vec<Cause> {
        likely_causes(selfie, portrait, &CauseLimits::DEFAULT)
    }

    #[test]
    fn two_plain_faces_show_no_cause() {
        assert_eq!(causes(&plain(), &plain()), vec![]);
    }

    #[test]
    fn a_turned_head_is_named_by_its_difference_from_the_portrait() {
        let selfie = plain_but(|f| f.shape.pose.yaw_deg = 14.0);
        assert_eq!(causes(&selfie, &plain()), vec![Cause::HeadTurned]);
        // The same turn on both photos is no difference, nor is a leaning head
        // (the chip is turned upright).
        assert_eq!(causes(&selfie, &selfie), vec![]);
        let leaning = plain_but(|f| f.shape.pose.roll_deg = -11.0);
        assert_eq!(causes(&leaning, &plain()), vec![]);
    }

    #[test]
    fn an_open_mouth_or_a_broad_smile_is_an_expression() {
        let open = plain_but(|f| f.shape.mouth_open = 0.3);
        assert_eq!(causes(&open, &plain()), vec![Cause::Expression]);
        let smile = plain_but(|f| f.shape.mouth_width = 1.25);
        assert_eq!(causes(&smile, &plain()), vec![Cause::Expression]);
        // A portrait that smiles as broadly: no difference.
        assert_eq!(causes(&smile, &smile), vec![]);
    }

    #[test]
    fn glasses_and_light_are_read_on_the_selfie() {
        let glare_and_side_light = plain_but(|f| {
            f.eyewear_glare_share = 0.018;
            f.side_light_ratio = 1.7;
        });
        let dark_and_tinted = plain_but(|f| {
            f.brightness = 50.0;
            f.eye_to_cheek_ratio = 0.2;
        });
        for (selfie, expected) in [
            (
                glare_and_side_light,
                [Cause::GlassesReflection, Cause::UnevenLight],
            ),
            (dark_and_tinted, [Cause::TintedGlasses, Cause::PoorLight]),
        ] {
            assert_eq!(causes(&selfie, &plain()), expected);
        }
    }

    #[test]
    fn a_small_portrait_is_named_and_at_most_three_causes_likeliest_first() {
        let portrait = plain_but(|f| f.face_width_px = 60.0);
        assert_eq!(causes(&plain(), &portrait), vec![Cause::SmallPortrait]);
        let selfie = plain_but(|f| {
            f.eyewear_glare_share = 0.05;
            f.shape.pose.yaw_deg = -20.0;
            f.shape.mouth_open = 0.4;
            f.brightness = 240.0;
        });
        assert_eq!(
            causes(&selfie, &portrait),
            vec![
                Cause::GlassesReflection,
                Cause::HeadTurned,
                Cause::Expression
            ]
        );
    }

    #[test]
    fn every_cause_says_what_to_do_in_a_sentence() {
        for cause in [
            Cause::GlassesReflection,
            Cause::TintedGlasses,
            Cause::HeadTurned,
            Cause::Expression,
            Cause::UnevenLight,
            Cause::PoorLight,
            Cause::SmallPortrait,
        ] {
            let advice = cause.advice();
            assert!(advice.ends_with('.') && advice.contains(':'), "{advice}");
        }
    }
}
