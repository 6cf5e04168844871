//! Draws the 68 landmarks found on each photo, for looking at them, and prints the
//! five reference points (eye centres, nose tip, mouth corners) per photo as JSON.
//!
//! `cargo run --release --example landmarks_overlay -- OUT_DIR FILE...`

use std::path::Path;

use image::{Rgb, RgbImage};
use kycam::analysis::{self, landmarks, FaceDetector, FaceSearch};

fn dot(img: &mut RgbImage, [x, y]: [f32; 2], r: i64, colour: Rgb<u8>) {
    let (w, h) = (img.width() as i64, img.height() as i64);
    for dy in -r..=r {
        for dx in -r..=r {
            let (px, py) = (x as i64 + dx, y as i64 + dy);
            if (0..w).contains(&px) && (0..h).contains(&py) {
                img.put_pixel(px as u32, py as u32, colour);
            }
        }
    }
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (out, files) = args
        .split_first()
        .ok_or_else(|| anyhow::anyhow!("usage: landmarks_overlay OUT_DIR FILE..."))?;
    std::fs::create_dir_all(out)?;
    let mut detector = FaceDetector::new(FaceSearch::STILL);
    for file in files {
        let loaded = kycam::imageio::load_image(Path::new(file))?;
        let mut img = loaded.rgb;
        let grey = analysis::to_grey(&img);
        let faces = detector.detect(&grey);
        if faces.is_empty() {
            println!("{{\"file\":\"{file}\",\"face\":null}}");
        }
        for face in &faces {
            let lm = landmarks::find(&img, &face.rect);
            let p = &lm.points;
            let mean = |a: usize, b: usize| {
                let n = (b - a) as f32;
                let s = p[a..b]
                    .iter()
                    .fold([0.0, 0.0], |s, q| [s[0] + q[0], s[1] + q[1]]);
                [s[0] / n, s[1] / n]
            };
            let five = [mean(36, 42), mean(42, 48), p[30], p[48], p[54]];
            println!(
                "{{\"file\":\"{file}\",\"box\":{},\"five\":{}}}",
                serde_json::to_string(
                    &[face.rect.x, face.rect.y, face.rect.w, face.rect.h].map(f32::round)
                )?,
                serde_json::to_string(&five.map(|q| [q[0].round(), q[1].round()]))?
            );
            let r = ((face.rect.w / 150.0).ceil() as i64).max(1);
            let box_colour = Rgb([0, 255, 255]);
            let b = face.rect;
            for t in 0..=100 {
                let f = t as f32 / 100.0;
                for q in [
                    [b.x + f * b.w, b.y],
                    [b.x + f * b.w, b.bottom()],
                    [b.x, b.y + f * b.h],
                    [b.right(), b.y + f * b.h],
                ] {
                    dot(&mut img, q, 0, box_colour);
                }
            }
            for (i, &q) in p.iter().enumerate() {
                let colour = match i {
                    0..=16 => Rgb([255, 255, 0]),
                    17..=26 => Rgb([255, 128, 0]),
                    27..=35 => Rgb([0, 255, 0]),
                    36..=47 => Rgb([255, 0, 0]),
                    _ => Rgb([255, 0, 255]),
                };
                dot(&mut img, q, r, colour);
            }
        }
        let name = Path::new(file)
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        img.save(Path::new(out).join(format!("{name}.png")))?;
    }
    Ok(())
}
