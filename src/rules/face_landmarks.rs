//! Selfie rules read from the face's landmarks: eyes open, the head turned to the
//! camera, a natural expression.

use super::*;
use crate::analysis::landmarks::measures::FaceShape;
use crate::analysis::SelfieMeasures;

/// The three verdicts, or unmeasurable ones when there is no face or no landmarks.
pub(super) fn judge(selfie: Option<&SelfieMeasures>) -> Vec<Verdict> {
    let Some(shape) = selfie.and_then(|s| s.face_shape.as_ref()) else {
        return Verdict::all_unmeasurable(
            &[
                (RuleId::HeadPose, Limit::at_most(HEAD_YAW_MAX_DEG), "°"),
                (RuleId::EyesOpen, Limit::at_least(EYE_ASPECT_MIN), ""),
                (RuleId::Expression, Limit::at_most(MOUTH_OPEN_MAX_SMILE), ""),
            ],
            &tr!("advice-no-face"),
        );
    };
    vec![head_pose(shape), eyes_open(shape), expression(shape)]
}

/// Yaw against its limit; pitch instead when only the pitch is out of bounds.
fn head_pose(shape: &FaceShape) -> Verdict {
    let yaw = f64::from(shape.pose.yaw_deg.abs());
    let pitch = f64::from(shape.pose.pitch_deg);
    let pitch_limit = Limit::at_most(HEAD_PITCH_MAX_DEG);
    let yaw_limit = Limit::at_most(HEAD_YAW_MAX_DEG);
    if yaw_limit.admits(yaw) && !pitch_limit.admits(pitch.abs()) {
        return Verdict::measured(RuleId::HeadPose, pitch.abs(), pitch_limit, "°", |_| {
            if pitch > 0.0 {
                tr!("advice-lower-chin")
            } else {
                tr!("advice-raise-chin")
            }
        });
    }
    Verdict::measured(RuleId::HeadPose, yaw, yaw_limit, "°", |_| {
        tr!("advice-turn-face")
    })
}

fn eyes_open(shape: &FaceShape) -> Verdict {
    let least = f64::from(shape.eye_aspect[0].min(shape.eye_aspect[1]));
    Verdict::measured(
        RuleId::EyesOpen,
        least,
        Limit::at_least(EYE_ASPECT_MIN),
        "",
        |_| tr!("advice-open-eyes"),
    )
}

/// How far the lips are apart, against the limit for a smile when the mouth is
/// stretched wide, and the tighter one otherwise.
fn expression(shape: &FaceShape) -> Verdict {
    let limit = if shape.mouth_width >= SMILE_MOUTH_WIDTH {
        MOUTH_OPEN_MAX_SMILE
    } else {
        MOUTH_OPEN_MAX_NEUTRAL
    };
    Verdict::measured(
        RuleId::Expression,
        f64::from(shape.mouth_open),
        Limit::at_most(limit),
        "",
        |_| tr!("advice-relax-face"),
    )
}
