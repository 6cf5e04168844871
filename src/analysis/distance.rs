//! Camera-to-face distance with a pinhole camera model: from the distance between
//! the eyes when the face's landmarks are known, else from the face box's width.

/// Horizontal field of view assumed when neither the user, a calibration nor EXIF
/// says otherwise: the middle of the 55–78° range of common laptop webcams.
pub const DEFAULT_WEBCAM_HFOV_DEG: f32 = 65.0;

/// The real width that a rustface box stands for, in cm: on the 45 real portraits
/// turned to the camera the box is 2.57 eye distances wide (median; 2.46–2.65
/// interquartile; 2.54 with the live search), and 2.55 × 6.3 cm = 16.1 cm
/// (`examples/distance_cues.rs`, docs/calibration.md).
pub const FACE_BOX_WIDTH_CM: f32 = 16.0;

/// Focal length in pixels of a camera whose image is `width_px` wide.
pub fn focal_length_px(width_px: f32, hfov_deg: f32) -> f32 {
    (width_px / 2.0) / (hfov_deg.to_radians() / 2.0).tan()
}

/// Horizontal field of view from EXIF's 35 mm-equivalent focal length
/// (the 35 mm frame is 36 mm wide).
pub fn hfov_from_focal_35mm(focal_35mm: f32) -> f32 {
    (2.0 * (36.0 / (2.0 * focal_35mm)).atan()).to_degrees()
}

/// Distance in cm of a face whose box is `face_width_px` wide in an image
/// `image_width_px` wide taken with the given field of view.
pub fn face_distance_cm(face_width_px: f32, image_width_px: f32, hfov_deg: f32) -> f32 {
    focal_length_px(image_width_px, hfov_deg) * FACE_BOX_WIDTH_CM / face_width_px.max(1.0)
}

/// The mean adult distance between the pupils, in cm: the steadiest measure a face
/// carries (individuals range 5.5–7.0 cm).
pub const EYE_DISTANCE_CM: f32 = 6.3;

/// The span of eye centres `eye_distance_px` apart in the picture as it would be
/// with the head turned to the camera: a turn of `yaw_deg` shortens it by the
/// cosine of the yaw, which is given back (up to 60°, past which the far eye's
/// landmarks are guesses).
pub fn facing_eye_span_px(eye_distance_px: f32, yaw_deg: f32) -> f32 {
    eye_distance_px / yaw_deg.abs().min(60.0).to_radians().cos()
}

/// Distance in cm of a face whose eye centres lie `eye_distance_px` apart in an
/// image `image_width_px` wide, its head turned `yaw_deg` from the camera.
pub fn eye_distance_cm(
    eye_distance_px: f32,
    yaw_deg: f32,
    image_width_px: f32,
    hfov_deg: f32,
) -> f32 {
    focal_length_px(image_width_px, hfov_deg) * EYE_DISTANCE_CM
        / facing_eye_span_px(eye_distance_px, yaw_deg).max(1.0)
}

/// How far apart in pixels the eyes of a face turned to the camera at
/// `distance_cm` are: the inverse of [`eye_distance_cm`] at no yaw, used to draw
/// synthetic selfies at a known distance.
pub fn eye_span_px_at(distance_cm: f32, image_width_px: f32, hfov_deg: f32) -> f32 {
    focal_length_px(image_width_px, hfov_deg) * EYE_DISTANCE_CM / distance_cm
}

/// The face box width in pixels that a face at `distance_cm` would have: the inverse
/// of [`face_distance_cm`], used for the on-screen target and synthetic scenes.
pub fn face_width_px_at(distance_cm: f32, image_width_px: f32, hfov_deg: f32) -> f32 {
    focal_length_px(image_width_px, hfov_deg) * FACE_BOX_WIDTH_CM / distance_cm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pinhole_round_trip() {
        let w = face_width_px_at(40.0, 1280.0, 65.0);
        assert!((face_distance_cm(w, 1280.0, 65.0) - 40.0).abs() < 1e-3);
    }

    #[test]
    fn eye_cue_round_trip_and_yaw() {
        let span = eye_span_px_at(40.0, 1280.0, 65.0);
        assert!((eye_distance_cm(span, 0.0, 1280.0, 65.0) - 40.0).abs() < 1e-3);
        // Turned 30°, the eyes' span shrinks by cos 30° and the distance holds.
        let turned = span * 30f32.to_radians().cos();
        assert!((eye_distance_cm(turned, 30.0, 1280.0, 65.0) - 40.0).abs() < 1e-3);
    }

    #[test]
    fn full_frame_50mm_is_about_40_degrees() {
        assert!((hfov_from_focal_35mm(50.0) - 39.6).abs() < 0.1);
    }
}
