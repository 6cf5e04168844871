//! Selfie rules read from the face's landmarks: eyes open, the head turned to the
//! camera, a natural expression.

use super::*;
use crate::analysis::landmarks::measures::FaceShape;
use crate::analysis::SelfieMeasures;

// The rules measured on the landmarks, each with its limit and unit.
const HEAD_YAW: Check = Check::at_most(RuleId::HeadPose, HEAD_YAW_MAX_DEG, "°");
const HEAD_PITCH: Check = Check::at_most(RuleId::HeadPose, HEAD_PITCH_MAX_DEG, "°");
const EYES_OPEN: Check = Check::at_least(RuleId::EyesOpen, EYE_ASPECT_MIN, "");
/// The lips' opening while smiling (the mouth stretched wide).
const SMILE: Check = Check::at_most(RuleId::Expression, MOUTH_OPEN_MAX_SMILE, "");
/// The lips' opening otherwise: tighter.
const NEUTRAL: Check = Check::at_most(RuleId::Expression, MOUTH_OPEN_MAX_NEUTRAL, "");

/// The three verdicts, or unmeasurable ones when there is no face or no landmarks.
/// `faces_unknown`: no face search has answered yet (the live pipeline's first
/// frames), so nothing is said of a face.
pub(super) fn judge(selfie: Option<&SelfieMeasures>, faces_unknown: bool) -> Vec<Verdict> {
    let Some(shape) = selfie.and_then(|s| s.face_shape.as_ref()) else {
        let advice = if faces_unknown {
            tr!("advice-pending")
        } else {
            tr!("advice-no-face")
        };
        return Verdict::all_unmeasurable(&[HEAD_YAW, EYES_OPEN, SMILE], &advice);
    };
    vec![head_pose(shape), eyes_open(shape), expression(shape)]
}

/// Yaw against its limit; pitch instead when only the pitch is out of bounds.
fn head_pose(shape: &FaceShape) -> Verdict {
    let yaw = f64::from(shape.pose.yaw_deg.abs());
    let pitch = f64::from(shape.pose.pitch_deg);
    if HEAD_YAW.limit.admits(yaw) && !HEAD_PITCH.limit.admits(pitch.abs()) {
        return HEAD_PITCH.measure(pitch.abs(), |_| {
            if pitch > 0.0 {
                tr!("advice-lower-chin")
            } else {
                tr!("advice-raise-chin")
            }
        });
    }
    HEAD_YAW.measure(yaw, |_| tr!("advice-turn-face"))
}

fn eyes_open(shape: &FaceShape) -> Verdict {
    let least = f64::from(shape.eye_aspect[0].min(shape.eye_aspect[1]));
    EYES_OPEN.measure(least, |_| tr!("advice-open-eyes"))
}

/// How far the lips are apart, against the limit for a smile when the mouth is
/// stretched wide, and the tighter one otherwise.
fn expression(shape: &FaceShape) -> Verdict {
    let check = if shape.mouth_width >= SMILE_MOUTH_WIDTH {
        SMILE
    } else {
        NEUTRAL
    };
    check.measure(f64::from(shape.mouth_open), |_| tr!("advice-relax-face"))
}
