//! The landmark rules (`eyes_open`, `head_pose`, `expression`) against hand labels
//! of the real photos (tests/fixtures/face_labels.json): per photo the measured
//! values and verdicts, then each rule's agreement with the labels and the
//! photos labelled compliant that a landmark rule fails.
//!
//! `cargo run --release --example evaluate_face_rules [-- --live]`: with `--live`,
//! the landmarks are found as the live face worker finds them (one pass,
//! `CropConfig::LIVE`).

use kycam::analysis::{self, landmarks, CameraModel, FaceDetector, FaceSearch};
use kycam::rules::{self, RuleId};
use kycam::Shot;
use serde::Deserialize;

#[derive(Deserialize)]
struct Label {
    file: String,
    /// For a photo of several people: a point inside the labelled face's box.
    at: Option<[f32; 2]>,
    eyes_closed: bool,
    head_turned: bool,
    expression: String,
    note: Option<String>,
}

#[derive(Deserialize)]
struct Labels {
    faces: Vec<Label>,
}

impl Label {
    /// What each landmark rule should say: pass = true.
    fn expected(&self, rule: RuleId) -> bool {
        match rule {
            RuleId::EyesOpen => !self.eyes_closed,
            RuleId::HeadPose => !self.head_turned,
            RuleId::Expression => matches!(self.expression.as_str(), "neutral" | "smile"),
            _ => true,
        }
    }
    fn compliant(&self) -> bool {
        [RuleId::EyesOpen, RuleId::HeadPose, RuleId::Expression]
            .iter()
            .all(|&r| self.expected(r))
    }
}

const RULES: [RuleId; 3] = [RuleId::EyesOpen, RuleId::HeadPose, RuleId::Expression];

fn main() -> anyhow::Result<()> {
    let live = std::env::args().any(|a| a == "--live");
    let Some(shared) = kycam::fixtures::shared_dir() else {
        println!("no ../shared/fixtures beside the checkout: nothing to evaluate");
        return Ok(());
    };
    let labels: Labels = kycam::fixtures::committed_json("face_labels.json")?;
    let mut detector = FaceDetector::new(FaceSearch::STILL);
    let mut agree = [0usize; 3];
    let mut total = 0usize;
    let mut compliant_failed = Vec::new();
    println!(
        "{:44} {:>5} {:>5} {:>6} {:>6} {:>6} {:>6} {:>6}  verdicts (eyes pose expr) labels",
        "file", "earL", "earR", "mouth", "width", "yaw", "pitch", "roll"
    );
    for label in &labels.faces {
        let loaded = kycam::imageio::load_image(&shared.join(&label.file))?;
        let grey = analysis::to_grey(&loaded.rgb);
        let Some(face) = kycam::fixtures::labelled_face(&detector.detect(&grey), label.at) else {
            println!("{}: labelled face not found", label.file);
            continue;
        };
        let mut m = analysis::measure(
            &loaded.rgb,
            &grey,
            Shot::Selfie,
            &[face],
            CameraModel::default(),
        );
        if live {
            m.set_landmarks(landmarks::find_live(&loaded.rgb, &face.rect));
            m.measure_eyes(&loaded.rgb, &grey);
        }
        let Some(shape) = m.selfie.as_ref().and_then(|s| s.face_shape) else {
            println!("{}: no landmarks", label.file);
            continue;
        };
        let verdicts = rules::judge(&m);
        let pass = |id| verdicts.iter().find(|v| v.id == id).map(|v| v.pass);
        total += 1;
        let mut marks = String::new();
        for (k, &rule) in RULES.iter().enumerate() {
            let got = pass(rule).unwrap_or(false);
            let ok = got == label.expected(rule);
            agree[k] += usize::from(ok);
            marks.push_str(match (got, ok) {
                (true, true) => " ✓",
                (false, true) => " ✗",
                (true, false) => " ✓!",
                (false, false) => " ✗!",
            });
        }
        if label.compliant() && RULES.iter().any(|&r| pass(r) == Some(false)) {
            compliant_failed.push(label.file.clone());
        }
        let p = shape.pose;
        println!(
            "{:44} {:5.3} {:5.3} {:6.3} {:6.2} {:6.1} {:6.1} {:6.1} {marks:14} closed={} turned={} {} {}",
            label.file,
            shape.eye_aspect[0],
            shape.eye_aspect[1],
            shape.mouth_open,
            shape.mouth_width,
            p.yaw_deg,
            p.pitch_deg,
            p.roll_deg,
            label.eyes_closed,
            label.head_turned,
            label.expression,
            label.note.as_deref().unwrap_or("")
        );
    }
    println!("(✓ pass, ✗ fail, ! disagrees with the label)");
    for (rule, n) in RULES.iter().zip(agree) {
        println!("{rule}: agrees with the labels on {n} of {total}");
    }
    println!(
        "labelled compliant but failed by a landmark rule: {}",
        if compliant_failed.is_empty() {
            "none".to_string()
        } else {
            compliant_failed.join(", ")
        }
    );
    Ok(())
}
