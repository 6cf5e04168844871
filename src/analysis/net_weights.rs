//! Weights of face-api.js nets as its npm package ships them: a manifest (tensor
//! names, shapes, storage) and the bytes, tensor after tensor. Most tensors are
//! uint8-quantised (`min + scale × byte`); some filters are raw little-endian float32.
//! The landmark and recognition nets both read theirs here.

use std::collections::HashMap;

use serde::Deserialize;

/// A net's manifest and bytes, compiled in from `assets/`.
pub struct Embedded {
    pub manifest: &'static str,
    pub bytes: &'static [u8],
}

/// The 68-point landmark net.
pub static LANDMARK_NET: Embedded = Embedded {
    manifest: include_str!("../../assets/face_landmark_68_model-weights_manifest.json"),
    bytes: include_bytes!("../../assets/face_landmark_68_model.bin"),
};

/// The face recognition net (128 numbers per face).
pub static RECOGNITION_NET: Embedded = Embedded {
    manifest: include_str!("../../assets/face_recognition_model-weights_manifest.json"),
    bytes: include_bytes!("../../assets/face_recognition_model.bin"),
};

/// One group of the manifest: its tensors, stored one after another.
#[derive(Deserialize)]
struct Group {
    weights: Vec<TensorSpec>,
}

#[derive(Deserialize)]
struct TensorSpec {
    name: String,
    shape: Vec<usize>,
    dtype: String,
    quantization: Option<Quantisation>,
}

/// uint8 storage: each value is `min + scale × byte`.
#[derive(Deserialize)]
struct Quantisation {
    dtype: String,
    scale: f32,
    min: f32,
}

/// How a tensor's values are stored in the bytes.
enum Storage {
    /// One byte each: `min + scale × byte`.
    Uint8 { min: f32, scale: f32 },
    /// Four bytes each, little-endian IEEE float.
    Float32,
}

impl Storage {
    fn bytes_per_value(&self) -> usize {
        match self {
            Storage::Uint8 { .. } => 1,
            Storage::Float32 => 4,
        }
    }

    fn decode(&self, raw: &[u8]) -> Vec<f32> {
        match *self {
            Storage::Uint8 { min, scale } => {
                raw.iter().map(|&b| min + scale * f32::from(b)).collect()
            }
            Storage::Float32 => raw
                .chunks_exact(4)
                .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect(),
        }
    }
}

/// A tensor's shape and values in the manifest's row-major order (convolution
/// filters are height × width × in × out).
pub struct Tensor {
    pub shape: Vec<usize>,
    pub values: Vec<f32>,
}

/// Why the embedded weights could not be read (a build defect, never user input).
#[derive(Debug, thiserror::Error)]
pub enum WeightsError {
    #[error("net manifest is not valid JSON: {0}")]
    Manifest(#[from] serde_json::Error),
    #[error("net tensor {0} has a storage type other than uint8 or float32")]
    Storage(String),
    #[error("net weights end before tensor {0}")]
    Truncated(String),
    #[error("net weights hold {0} bytes after the last tensor")]
    TrailingBytes(usize),
    #[error("net tensor {name} missing or shaped {found:?}, expected {expected:?}")]
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
        let len: usize = spec.shape.iter().product();
        let storage = match (&spec.quantization, spec.dtype.as_str()) {
            (Some(q), _) if q.dtype == "uint8" => Storage::Uint8 {
                min: q.min,
                scale: q.scale,
            },
            (None, "float32") => Storage::Float32,
            _ => return Err(WeightsError::Storage(spec.name)),
        };
        let byte_len = len * storage.bytes_per_value();
        let Some(raw) = bytes.get(offset..offset + byte_len) else {
            return Err(WeightsError::Truncated(spec.name));
        };
        offset += byte_len;
        let values = storage.decode(raw);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_weights_read_whole_with_both_storage_types() {
        let Embedded { manifest, bytes } = RECOGNITION_NET;
        let tensors = parse(manifest, bytes).expect("embedded weights parse");
        // 15 conv layers' worth of filters, biases and scales, plus the stem and fc.
        assert_eq!(tensors.len(), 4 + 14 * 8 + 1);
        let raw = &tensors["conv64_down/conv1/conv/filters"];
        assert_eq!(raw.shape, vec![3, 3, 32, 64]);
        assert!(raw.values.iter().all(|v| v.is_finite() && v.abs() < 10.0));
        let scale = &tensors["conv32_down/scale/weights"];
        assert!(scale.values.iter().all(|&v| v >= 5.78));
    }

    #[test]
    fn short_bytes_are_an_error_naming_the_tensor() {
        let Embedded { manifest, bytes } = RECOGNITION_NET;
        match parse(manifest, &bytes[..1000]) {
            Err(WeightsError::Truncated(name)) => assert_eq!(name, "conv32_down/conv/filters"),
            Err(e) => panic!("unexpected error {e}"),
            Ok(_) => panic!("truncated weights accepted"),
        }
    }
}
