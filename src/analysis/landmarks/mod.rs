//! 68-point face landmarks (face-api.js's FaceLandmark68Net, weights embedded),
//! found inside a face box, and what they tell: open eyes, head pose, mouth.
//!
//! Point order (the iBUG 300-W convention): jaw 0–16 (the person's right ear to
//! left ear, i.e. left to right in the picture), brows 17–26, nose 27–35 (bridge
//! 27–30, tip 30, nostrils 31–35), eyes 36–41 (picture left) and 42–47, mouth
//! 48–59 outer lip and 60–67 inner lip.

mod crop;
pub mod measures;
pub mod net;

use image::RgbImage;
use serde::Serialize;

use crate::geometry::Rect;
pub use crop::Square;
pub use net::Net;

/// 68 points in image pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Landmarks {
    pub points: [[f32; 2]; net::POINTS],
}

impl Serialize for Landmarks {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.points.as_slice().serialize(s)
    }
}

/// Where the net looks for a face box from the SeetaFace detector.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CropConfig {
    /// The first square is centred on the box moved down by this fraction of its
    /// height: the box runs from the brows to the lips or chin, the net's training
    /// crops hold the whole jaw.
    pub box_shift_down: f32,
    /// The first square's side over the box's larger side.
    pub box_scale: f32,
    /// The second square, centred on the first pass's points, over their box's
    /// larger side: re-centring on the face's own points takes out most of the
    /// detector box's offset.
    pub points_scale: f32,
}

impl CropConfig {
    /// Chosen on the hand-labelled faces (tests/fixtures/face_points.json,
    /// `examples/evaluate_landmarks`): see docs/landmarks.md for the figures.
    pub const DEFAULT: CropConfig = CropConfig {
        box_shift_down: 0.10,
        box_scale: 1.25,
        points_scale: 1.25,
    };

    /// One pass, for the live face worker: half the time of [`CropConfig::DEFAULT`]
    /// (one run of the net, ~7 ms, against two) for a mean error of 4.8 % of the eye
    /// distance against 4.5 % on the same faces; the best single-pass crop of the
    /// sweep in `examples/evaluate_landmarks`.
    pub const LIVE: CropConfig = CropConfig {
        box_shift_down: 0.15,
        box_scale: 1.1,
        points_scale: 0.0,
    };
}

/// Landmarks of the face in `face` (a detector box in `rgb`'s pixels): the net on
/// a square around the box, then again on a square around the points it found.
/// For photos checked one at a time; live frames use [`find_live`].
pub fn find(rgb: &RgbImage, face: &Rect) -> Landmarks {
    find_with(rgb, face, &CropConfig::DEFAULT)
}

/// Landmarks in one run of the net ([`CropConfig::LIVE`]): for the live face
/// worker, which must keep refreshing the face ten times a second.
pub fn find_live(rgb: &RgbImage, face: &Rect) -> Landmarks {
    find_with(rgb, face, &CropConfig::LIVE)
}

/// [`find`] with another crop.
pub fn find_with(rgb: &RgbImage, face: &Rect, config: &CropConfig) -> Landmarks {
    let [cx, cy] = face.center();
    let first = Square::centred(
        cx,
        cy + config.box_shift_down * face.h,
        config.box_scale * face.w.max(face.h),
    );
    let rough = run_on(rgb, &first);
    if config.points_scale <= 0.0 {
        return rough;
    }
    let Some(around) = Rect::around(&rough.points) else {
        return rough;
    };
    let [cx, cy] = around.center();
    let second = Square::centred(cx, cy, config.points_scale * around.w.max(around.h));
    run_on(rgb, &second)
}

/// The net on one square of the photo.
pub fn run_on(rgb: &RgbImage, square: &Square) -> Landmarks {
    let input = crop::net_input(rgb, square);
    let relative = Net::embedded().run(&input);
    Landmarks {
        points: relative.map(|p| square.to_image(p)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::net_weights::{Embedded, LANDMARK_NET};

    #[test]
    fn embedded_weights_match_the_architecture() {
        let Embedded { manifest, bytes } = LANDMARK_NET;
        Net::from_weights(manifest, bytes).expect("every tensor read with its shape");
    }

    #[test]
    fn truncated_weights_are_named() {
        let Embedded { manifest, bytes } = LANDMARK_NET;
        let err = Net::from_weights(manifest, &bytes[..bytes.len() - 10])
            .err()
            .expect("too few bytes");
        assert!(err.to_string().contains("fc/bias"), "{err}");
    }
}
