//! Writes a synthetic 1280×720 scene to try `kycam replay` and `kycam check` on:
//! `cargo run --release --example write_scene -- card|passport|selfie OUT.png`.

use kycam::analysis::{self, FaceDetector, FaceSearch};
use kycam::fixtures;
use kycam::shot::DocumentShape;
use kycam::synth::{self, document, selfie};

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [kind, out] = args.as_slice() else {
        anyhow::bail!("usage: write_scene card|passport|selfie OUT.png");
    };
    let load = |name: &str| -> anyhow::Result<image::RgbImage> {
        Ok(image::open(fixtures::committed(name))?.to_rgb8())
    };
    let mut detector = FaceDetector::new(FaceSearch::STILL);
    let frame = match kind.as_str() {
        "card" | "passport" => {
            let photo = load("astronaut.png")?;
            let face = detector.detect(&analysis::to_grey(&photo))[0].rect;
            let textures = ["brick.png", "grass.png", "gravel.png", "coffee.png"]
                .iter()
                .map(|n| load(n))
                .collect::<anyhow::Result<Vec<_>>>()?;
            let shape = if kind == "card" {
                DocumentShape::Id1
            } else {
                DocumentShape::PassportPage
            };
            let params = document::SceneParams {
                shape,
                ..document::SceneParams::plain()
            };
            document::render_scene(2, &params, &document::id_photo(&photo, face), &textures).0
        }
        "selfie" => {
            let photo = load("obama.jpg")?;
            let face = detector.detect(&analysis::to_grey(&photo))[0].rect;
            let desk = synth::background(&load("brick.png")?, 1280, 720, 110.0);
            let portrait = selfie::Portrait {
                image: &photo,
                face,
            };
            selfie::render(
                &portrait,
                &desk,
                &selfie::SelfieScene::default(),
                1280,
                720,
                65.0,
            )
            .0
        }
        other => anyhow::bail!("unknown scene {other:?}: card, passport or selfie"),
    };
    frame.save(out)?;
    println!("{out}");
    Ok(())
}
