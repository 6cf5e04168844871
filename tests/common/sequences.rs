//! Synthetic frame sequences for the pipeline tests, written to a temp folder.

use std::path::{Path, PathBuf};

use image::codecs::jpeg::JpegEncoder;
use image::RgbImage;
use kycam::pipeline::source::demo::{self, DemoAssets, DemoPhase};
use kycam::synth::selfie::{self, Portrait, SelfieScene};

pub const WIDTH: u32 = 1280;
pub const HEIGHT: u32 = 720;
pub const HFOV_DEG: f32 = 65.0;

pub struct Scenes {
    pub assets: DemoAssets,
    pub biden: Portrait,
}

impl Scenes {
    pub fn load() -> Self {
        let biden = image::open(kycam::fixtures::committed("biden.jpg"))
            .expect("committed portrait")
            .to_rgb8();
        let biden = Portrait::find(biden).expect("a face in biden.jpg");
        Self {
            assets: DemoAssets::load().expect("demo assets"),
            biden,
        }
    }

    /// A selfie of the committed portrait `biden.jpg` on the demo's desk texture.
    pub fn selfie(&self, scene: &SelfieScene) -> RgbImage {
        selfie::render(
            &self.biden,
            &self.assets.desk,
            scene,
            WIDTH,
            HEIGHT,
            HFOV_DEG,
        )
        .0
    }

    /// The specimen card on the desk, its left edge at `x` (fraction of the width).
    pub fn card(&self, x: f32) -> RgbImage {
        self.assets.render(DemoPhase::Card { x })
    }

    /// The specimen card's back on the desk, at rest.
    pub fn card_back(&self) -> RgbImage {
        self.assets.render(DemoPhase::Back)
    }
}

/// Where a card comes to rest: centred.
pub fn card_rest() -> f32 {
    demo::card_rest()
}

/// A face moving from far and left into place over `moving` frames.
pub fn approach(i: usize, moving: usize) -> SelfieScene {
    let u = (i as f32 / moving as f32).min(1.0);
    SelfieScene {
        distance_cm: 75.0 + u * (44.0 - 75.0),
        centre: [0.25 + u * 0.25, 0.52],
        ..SelfieScene::default()
    }
}

/// Writes frames as JPEG (quality 95) named frame_0000.jpg, … in `dir`.
pub fn write_frames(dir: &Path, frames: impl IntoIterator<Item = RgbImage>) -> Vec<PathBuf> {
    frames
        .into_iter()
        .enumerate()
        .map(|(i, img)| {
            let path = dir.join(format!("frame_{i:04}.jpg"));
            let mut bytes = Vec::new();
            JpegEncoder::new_with_quality(&mut bytes, 95)
                .encode_image(&img)
                .expect("encode frame");
            std::fs::write(&path, bytes).expect("write frame");
            path
        })
        .collect()
}

/// Files in `dir` whose names say they are temporary (a half-written photo).
pub fn temporary_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        // The session's lock file stays while a writer runs.
                        .is_some_and(|n| {
                            n != kycam::capture::LOCK_FILE
                                && (n.starts_with('.') || n.ends_with(".tmp"))
                        })
                })
                .collect()
        })
        .unwrap_or_default()
}
