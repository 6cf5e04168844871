//! The landmark net's weights: the manifest (tensor names, shapes, uint8
//! quantisation) and the bytes, both embedded, dequantised once.

use std::collections::HashMap;

use serde::Deserialize;

static MANIFEST: &str =
    include_str!("../../../assets/face_landmark_68_model-weights_manifest.json");
static WEIGHT_BYTES: &[u8] = include_bytes!("../../../assets/face_landmark_68_model.bin");

/// One group of the manifest: the files its tensors are stored in and the tensors.
#[derive(Deserialize)]
struct Group {
    weights: Vec<TensorSpec>,
}

#[derive(Deserialize)]
struct TensorSpec {
    name: String,
    shape: Vec<usize>,
    quantization: Option<Quantisation>,
}

/// uint8 storage: each value is `min + scale × byte`.
#[derive(Deserialize)]
struct Quantisation {
    dtype: String,
    scale: f32,
    min: f32,
}

/// A dequantised tensor: its shape and values in the manifest's row-major order
/// (convolution filters are height × width × in × out).
pub struct Tensor {
    pub shape: Vec<usize>,
    pub values: Vec<f32>,
}

/// Why the embedded weights could not be read (a build defect, never user input).
#[derive(Debug, thiserror::Error)]
pub enum WeightsError {
    #[error("landmark manifest is not valid JSON: {0}")]
    Manifest(#[from] serde_json::Error),
    #[error("landmark tensor {0} is not uint8-quantised")]
    NotUint8(String),
    #[error("landmark weights end before tensor {0}")]
    Truncated(String),
    #[error("landmark weights hold {0} bytes after the last tensor")]
    TrailingBytes(usize),
    #[error("landmark tensor {name} missing or shaped {found:?}, expected {expected:?}")]
    Shape {
        name: String,
        found: Option<Vec<usize>>,
        expected: Vec<usize>,
    },
}

/// Reads a manifest and its bytes into tensors by name.
pub fn parse(manifest: &str, bytes: &[u8]) -> Result<HashMap<String, Tensor>, WeightsError> {
    let groups: Vec<Group> = serde_json::from_str(manifest)?;
    let mut tensors = HashMap::new();
    let mut offset = 0usize;
    for spec in groups.into_iter().flat_map(|g| g.weights) {
        let q = match &spec.quantization {
            Some(q) if q.dtype == "uint8" => q,
            _ => return Err(WeightsError::NotUint8(spec.name)),
        };
        let len: usize = spec.shape.iter().product();
        let Some(raw) = bytes.get(offset..offset + len) else {
            return Err(WeightsError::Truncated(spec.name));
        };
        offset += len;
        let values = raw
            .iter()
            .map(|&b| q.min + q.scale * f32::from(b))
            .collect();
        tensors.insert(
            spec.name,
            Tensor {
                shape: spec.shape,
                values,
            },
        );
    }
    if offset != bytes.len() {
        return Err(WeightsError::TrailingBytes(bytes.len() - offset));
    }
    Ok(tensors)
}

/// Takes a tensor out of the map, checking its shape.
pub fn take(
    tensors: &mut HashMap<String, Tensor>,
    name: &str,
    expected: &[usize],
) -> Result<Vec<f32>, WeightsError> {
    match tensors.remove(name) {
        Some(t) if t.shape == expected => Ok(t.values),
        other => Err(WeightsError::Shape {
            name: name.to_string(),
            found: other.map(|t| t.shape),
            expected: expected.to_vec(),
        }),
    }
}

/// The embedded manifest and bytes.
pub fn embedded() -> (&'static str, &'static [u8]) {
    (MANIFEST, WEIGHT_BYTES)
}
