//! The two distance cues on the real portraits labelled in
//! tests/fixtures/face_labels.json: how wide the face box is in eye distances
//! (the distance between the eye centres, lengthened by the head's yaw), with the
//! still search (`kycam check`) and the live one, and the distance each cue gives.
//! The median box width in eye distances on faces turned to the camera, times the
//! adult mean eye distance (6.3 cm), is what a face box stands for
//! (`distance::FACE_BOX_WIDTH_CM`, docs/calibration.md).
//!
//! `cargo run --release --example distance_cues`

use kycam::analysis::{self, distance, landmarks, CameraModel, FaceDetector, FaceSearch};
use kycam::fixtures::labelled_face;
use serde::Deserialize;

#[derive(Deserialize)]
struct Label {
    file: String,
    at: Option<[f32; 2]>,
    head_turned: bool,
}

#[derive(Deserialize)]
struct Labels {
    faces: Vec<Label>,
}

fn quartiles(name: &str, v: Vec<f32>) {
    let n = v.len();
    if let Some([min, p25, median, p75, max]) =
        kycam::stats::five_numbers(v.into_iter().map(f64::from).collect())
    {
        println!(
            "{name}: {n} faces, min {min:.2} p25 {p25:.2} median {median:.2} p75 {p75:.2} max {max:.2}"
        );
    }
}

fn main() -> anyhow::Result<()> {
    let Some(shared) = kycam::fixtures::shared_dir() else {
        println!("no ../shared/fixtures beside the checkout: nothing to evaluate");
        return Ok(());
    };
    let labels: Labels = serde_json::from_str(&std::fs::read_to_string(
        kycam::fixtures::committed("face_labels.json"),
    )?)?;
    let mut still = FaceDetector::new(FaceSearch::STILL);
    let mut live = FaceDetector::new(FaceSearch::LIVE);
    let hfov = CameraModel::default().hfov_deg;
    let (mut still_widths, mut live_widths, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
    println!(
        "{:44} {:>6} {:>6} {:>6} {:>7} {:>7}",
        "file", "yaw", "still", "live", "box cm", "eye cm"
    );
    for label in &labels.faces {
        let loaded = kycam::imageio::load_image(&shared.join(&label.file))?;
        let grey = analysis::to_grey(&loaded.rgb);
        let Some(face) = labelled_face(&still.detect(&grey), label.at) else {
            println!("{}: labelled face not found", label.file);
            continue;
        };
        let live_face = labelled_face(&live.detect(&grey), Some(face.rect.center()));
        let shape = landmarks::measures::FaceShape::of(&landmarks::find(&loaded.rgb, &face.rect));
        let yaw = shape.pose.yaw_deg;
        let eyes = distance::facing_eye_span_px(shape.eye_distance_px, yaw);
        let width = loaded.rgb.width() as f32;
        let box_cm = distance::face_distance_cm(face.rect.w, width, hfov);
        let eye_cm = distance::eye_distance_cm(shape.eye_distance_px, yaw, width, hfov);
        let live_w = live_face.map(|f| f.rect.w / eyes);
        println!(
            "{:44} {yaw:6.1} {:6.2} {:>6} {box_cm:7.1} {eye_cm:7.1}{}",
            label.file,
            face.rect.w / eyes,
            live_w.map_or("-".into(), |w| format!("{w:.2}")),
            if label.head_turned { "  turned" } else { "" }
        );
        if !label.head_turned {
            still_widths.push(face.rect.w / eyes);
            live_widths.extend(live_w);
            ratios.push(box_cm / eye_cm);
        }
    }
    println!("faces turned to the camera:");
    quartiles("  still box width in eye distances", still_widths);
    quartiles("  live box width in eye distances", live_widths);
    quartiles("  box cue over eye cue", ratios);
    Ok(())
}
