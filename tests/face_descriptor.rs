//! The face descriptor against the net's original implementation: the same chip
//! must give the same 128 numbers as face-api.js computes with the same weights.

mod common;

use common::fixture;
use kycam::analysis::face_descriptor::{describe_chip, DESCRIPTOR_LEN};

#[test]
fn descriptor_matches_face_api_on_the_same_chip() {
    let chip = image::open(fixture("obama_chip150.png"))
        .expect("chip fixture")
        .to_rgb8();
    let text = std::fs::read_to_string(fixture("obama_chip150.face-api.json")).expect("reference");
    let reference: Vec<f32> = serde_json::from_str(&text).expect("128 numbers");
    assert_eq!(reference.len(), DESCRIPTOR_LEN);
    let ours = describe_chip(&chip);
    let worst = ours
        .0
        .iter()
        .zip(&reference)
        .map(|(a, b)| (a - b).abs())
        .fold(0.0f32, f32::max);
    // The reference is printed to 6 decimals; summation order differs a little.
    assert!(worst < 1e-4, "largest difference {worst}");
}
