//! Camera-to-face distance from the face box width, with a pinhole camera model.

/// Horizontal field of view assumed when neither the user, a calibration nor EXIF
/// says otherwise: the middle of the 55–78° range of common laptop webcams.
pub const DEFAULT_WEBCAM_HFOV_DEG: f32 = 65.0;

/// The real width that a rustface box stands for, in cm (calibrated: see
/// docs/calibration.md). rustface's box spans the face from cheek to cheek at
/// eye height, narrower than the 14–15 cm head width.
pub const FACE_BOX_WIDTH_CM: f32 = FACE_BOX_WIDTH_CALIBRATED_CM;

/// See docs/calibration.md for how this figure was obtained.
const FACE_BOX_WIDTH_CALIBRATED_CM: f32 = 14.0;

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
    fn full_frame_50mm_is_about_40_degrees() {
        assert!((hfov_from_focal_35mm(50.0) - 39.6).abs() < 0.1);
    }
}
