//! Face descriptors: 128 numbers per face such that two photos of one person lie
//! close together (Euclidean distance) and photos of different people far apart.
//! The net is dlib's ResNet face recognition model as shipped with face-api.js
//! (weights in `assets/`), run by a forward pass of our own.

pub mod aligned;
pub mod chip;
pub mod net;

use std::sync::OnceLock;

use image::RgbImage;

use crate::analysis::landmarks;
use crate::geometry::Rect;
pub use net::{RecognitionNet, DESCRIPTOR_LEN};

/// Two faces closer than this are called the same person. dlib's published value
/// for this model; see `examples/evaluate_match.rs` for how it fares on the
/// fixture pairs.
pub const SAME_PERSON_MAX_DISTANCE: f32 = 0.6;

/// A face's descriptor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Descriptor(pub [f32; DESCRIPTOR_LEN]);

impl Descriptor {
    /// Euclidean distance: about 0.3–0.5 for one person, 0.7–1.0 for two.
    pub fn distance(&self, other: &Descriptor) -> f32 {
        self.0
            .iter()
            .zip(&other.0)
            .map(|(a, b)| (a - b) * (a - b))
            .sum::<f32>()
            .sqrt()
    }
}

/// The embedded net, read and folded on first use.
pub fn net() -> &'static RecognitionNet {
    static NET: OnceLock<RecognitionNet> = OnceLock::new();
    NET.get_or_init(|| {
        let net = &crate::analysis::net_weights::RECOGNITION_NET;
        // The weights are compiled in and checked by tests: failing is a build defect.
        RecognitionNet::from_manifest(net.manifest, net.bytes)
            .expect("embedded recognition net is valid")
    })
}

/// The descriptor of a 150×150 chip (see [`chip`]).
pub fn describe_chip(chip: &RgbImage) -> Descriptor {
    Descriptor(net().forward(chip.as_raw()))
}

/// The descriptor of the face rustface found at `face` in `rgb`: its chip
/// aligned with the face's landmarks ([`aligned`]), or cut around the box
/// ([`chip`]) when the landmarks are degenerate. Aligned chips are right more
/// often on the fixture pairs (docs/face-match.md).
pub fn describe_face(rgb: &RgbImage, face: &Rect) -> Descriptor {
    let points = landmarks::find(rgb, face);
    let chip = aligned::aligned_chip(rgb, &points, &aligned::AlignedTemplate::DLIB_LIKE)
        .unwrap_or_else(|| chip::face_chip(rgb, face));
    describe_chip(&chip)
}
