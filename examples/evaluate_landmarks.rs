//! Landmark error against hand-labelled points (tests/fixtures/face_points.json):
//! eye centres, nose tip and mouth corners, as a share of the labelled distance
//! between the eyes. With `--sweep`, also tries other crops around the face box.
//!
//! `cargo run --release --example evaluate_landmarks [-- --sweep]`

use kycam::analysis::landmarks::{self, CropConfig, Landmarks};
use kycam::analysis::{self, FaceDetector, FaceSearch};

const NAMES: [&str; 5] = ["eye L", "eye R", "nose tip", "mouth L", "mouth R"];

fn five(lm: &Landmarks) -> [[f32; 2]; 5] {
    let p = &lm.points;
    let mean = |a: usize, b: usize| {
        let s = p[a..b]
            .iter()
            .fold([0.0, 0.0], |s, q| [s[0] + q[0], s[1] + q[1]]);
        [s[0] / (b - a) as f32, s[1] / (b - a) as f32]
    };
    [mean(36, 42), mean(42, 48), p[30], p[48], p[54]]
}

fn dist(a: [f32; 2], b: [f32; 2]) -> f32 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

fn main() -> anyhow::Result<()> {
    let sweep = std::env::args().any(|a| a == "--sweep");
    let Some(shared) = kycam::fixtures::shared_dir() else {
        println!("no ../shared/fixtures beside the checkout: nothing to evaluate");
        return Ok(());
    };
    let labels: serde_json::Value = kycam::fixtures::committed_json("face_points.json")?;
    let mut detector = FaceDetector::new(FaceSearch::STILL);
    let mut faces = Vec::new();
    for entry in labels["faces"].as_array().into_iter().flatten() {
        let file = entry["file"].as_str().unwrap_or_default().to_string();
        let truth: Vec<[f32; 2]> = serde_json::from_value(entry["points"].clone())?;
        let loaded = kycam::imageio::load_image(&shared.join(&file))?;
        let grey = analysis::to_grey(&loaded.rgb);
        let Some(face) = detector.detect(&grey).first().copied() else {
            println!("{file}: no face found");
            continue;
        };
        faces.push((file, truth, loaded.rgb, face));
    }
    let mut configs = vec![CropConfig::DEFAULT];
    if sweep {
        for shift in [0.0, 0.05, 0.10, 0.15] {
            for scale in [1.1, 1.25, 1.4] {
                for points in [0.0, 1.05, 1.15, 1.25, 1.35] {
                    configs.push(CropConfig {
                        box_shift_down: shift,
                        box_scale: scale,
                        points_scale: points,
                    });
                }
            }
        }
    }
    for (k, config) in configs.iter().enumerate() {
        let mut sums = [0.0f32; 5];
        let mut worst = 0.0f32;
        for (file, truth, rgb, face) in &faces {
            let found = five(&landmarks::find_with(rgb, &face.rect, config));
            let iod = dist(truth[0], truth[1]);
            let errs: Vec<f32> = (0..5).map(|i| dist(found[i], truth[i]) / iod).collect();
            if k == 0 {
                println!(
                    "{file:40} {}",
                    errs.iter()
                        .map(|e| format!("{:5.1}", e * 100.0))
                        .collect::<Vec<_>>()
                        .join(" ")
                );
            }
            for (s, e) in sums.iter_mut().zip(&errs) {
                *s += e;
                worst = worst.max(*e);
            }
        }
        let n = faces.len() as f32;
        let mean_all = sums.iter().sum::<f32>() / (5.0 * n) * 100.0;
        if k == 0 {
            for (name, s) in NAMES.iter().zip(&sums) {
                println!("mean {name:9} {:5.1} % of eye distance", s / n * 100.0);
            }
        }
        println!(
            "{config:?}: mean {mean_all:.1} %, worst point {:.1} % ({} faces)",
            worst * 100.0,
            faces.len()
        );
    }
    Ok(())
}
