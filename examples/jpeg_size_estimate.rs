//! How close the live JPEG size estimate is to the real encode: for every image
//! in the folders given, brought to webcam size (1280 px wide), the full-size
//! quality-100 JPEG's bytes over the half-size one's, and the estimate's error.
//!
//! `cargo run --release --example jpeg_size_estimate -- DIR...`

use image::RgbImage;
use kycam::pipeline::size_estimate::{half_size, jpeg_bytes_at_100, HALF_TO_FULL};

fn jpeg_len(rgb: &RgbImage) -> usize {
    jpeg_bytes_at_100(rgb).expect("encode")
}

fn main() {
    let mut ratios = Vec::new();
    for dir in std::env::args().skip(1) {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("{dir}: cannot read, skipped");
            continue;
        };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let Ok(img) = kycam::imageio::load_image(&path) else {
                continue;
            };
            let rgb = img.rgb;
            let h = (rgb.height() as f64 * 1280.0 / rgb.width() as f64).round() as u32;
            let frame = image::imageops::resize(
                &rgb,
                1280,
                h.max(2),
                image::imageops::FilterType::Triangle,
            );
            let full = jpeg_len(&frame);
            let half = jpeg_len(&half_size(&frame));
            let ratio = full as f64 / half as f64;
            let error = half as f64 * HALF_TO_FULL / full as f64 - 1.0;
            println!(
                "{:<40} full {:>7} B  half {:>7} B  ratio {ratio:.2}  estimate error {:+.0} %",
                path.file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default(),
                full,
                half,
                error * 100.0
            );
            ratios.push(ratio);
        }
    }
    let n = ratios.len();
    if let Some([min, q1, median, q3, max]) = kycam::stats::five_numbers(ratios) {
        println!(
            "{n} images: ratio median {median:.2}, quartiles {q1:.2}–{q3:.2}, range {min:.2}–{max:.2}"
        );
    }
}
