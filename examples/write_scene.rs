//! Writes synthetic 1280×720 scenes to try `kycam replay` and `kycam check` on.
//!
//! `cargo run --release --example write_scene -- card|passport|selfie OUT.png`
//! writes one clean scene. With `--frames N` it writes a folder of N JPEG frames
//! (`OUT/frame-00000.jpg` …) for `kycam replay`: a new pose every 30 frames
//! (a second at 30 fps), each held still, so that the sequence mixes good
//! and bad poses the way a person trying different positions does. Document poses
//! come from the evaluation's scene generator (cut cards, tilt, blur, glare, dim
//! light, clutter); selfie poses vary distance and position.

use kycam::fixtures;
use kycam::shot::DocumentShape;
use kycam::synth::rng::Rng;
use kycam::synth::{self, document, selfie};

/// Frames per pose in a sequence.
const POSE_FRAMES: u32 = 30;
/// JPEG quality of sequence frames: a webcam's MJPEG stream is about this.
const FRAME_JPEG_QUALITY: u8 = 90;

struct Scenes {
    kind: String,
    portrait: selfie::Portrait,
    textures: Vec<image::RgbImage>,
}

impl Scenes {
    fn new(kind: &str) -> anyhow::Result<Scenes> {
        let load = |name: &str| -> anyhow::Result<image::RgbImage> {
            Ok(image::open(fixtures::committed(name))?.to_rgb8())
        };
        let photo = match kind {
            "card" | "passport" => load("astronaut.png")?,
            "selfie" => load("obama.jpg")?,
            other => anyhow::bail!("unknown scene {other:?}: card, passport or selfie"),
        };
        let portrait = selfie::Portrait::find(photo)
            .ok_or_else(|| anyhow::anyhow!("no face in the portrait fixture"))?;
        let textures = ["brick.png", "grass.png", "gravel.png", "coffee.png"]
            .iter()
            .map(|n| load(n))
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(Scenes {
            kind: kind.to_owned(),
            portrait,
            textures,
        })
    }

    /// Pose 0 is the clean scene; later poses vary.
    fn pose(&self, pose: u64) -> image::RgbImage {
        match self.kind.as_str() {
            "card" | "passport" => {
                let shape = if self.kind == "card" {
                    DocumentShape::Id1
                } else {
                    DocumentShape::PassportPage
                };
                let varied = if pose == 0 {
                    document::SceneParams::plain()
                } else {
                    document::SceneParams::default()
                };
                let params = document::SceneParams { shape, ..varied };
                let card = document::id_photo(&self.portrait.image, self.portrait.face);
                document::render_scene(2 + pose, &params, &card, &self.textures).0
            }
            _ => {
                let mut scene = selfie::SelfieScene::default();
                if pose > 0 {
                    let mut rng = Rng::new(pose);
                    scene.distance_cm = rng.range(28.0, 60.0);
                    scene.centre = [rng.range(0.35, 0.65), rng.range(0.4, 0.6)];
                }
                let desk = synth::background(&self.textures[0], 1280, 720, 110.0);
                selfie::render(&self.portrait, &desk, &scene, 1280, 720, 65.0).0
            }
        }
    }
}

fn main() -> anyhow::Result<()> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut frames = None;
    if let Some(i) = args.iter().position(|a| a == "--frames") {
        let n = args
            .get(i + 1)
            .and_then(|n| n.parse::<u32>().ok())
            .filter(|&n| n > 0)
            .ok_or_else(|| anyhow::anyhow!("--frames needs a positive number"))?;
        frames = Some(n);
        args.drain(i..i + 2);
    }
    let [kind, out] = args.as_slice() else {
        anyhow::bail!("usage: write_scene [--frames N] card|passport|selfie OUT");
    };
    let scenes = Scenes::new(kind)?;
    let Some(n) = frames else {
        scenes.pose(0).save(out)?;
        println!("{out}");
        return Ok(());
    };
    let dir = std::path::Path::new(out);
    std::fs::create_dir_all(dir)?;
    let mut frame = scenes.pose(0);
    for i in 0..n {
        if i % POSE_FRAMES == 0 {
            frame = scenes.pose(u64::from(i / POSE_FRAMES));
        }
        let path = dir.join(format!("frame-{i:05}.jpg"));
        let file = std::io::BufWriter::new(std::fs::File::create(&path)?);
        image::codecs::jpeg::JpegEncoder::new_with_quality(file, FRAME_JPEG_QUALITY)
            .encode_image(&frame)?;
    }
    println!("{n} frames in {}", dir.display());
    Ok(())
}
