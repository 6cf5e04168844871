//! The recognition net's embedded manifest and bytes, read by
//! [`crate::analysis::net_weights`].

pub use crate::analysis::net_weights::{parse, take, Tensor, WeightsError};

static MANIFEST: &str =
    include_str!("../../../assets/face_recognition_model-weights_manifest.json");
static WEIGHT_BYTES: &[u8] = include_bytes!("../../../assets/face_recognition_model.bin");

/// The embedded manifest and bytes.
pub fn embedded() -> (&'static str, &'static [u8]) {
    (MANIFEST, WEIGHT_BYTES)
}
