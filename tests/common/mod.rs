//! Shared helpers for document tests, the evaluation example and the bench: fixture
//! paths, image loading (including the MIDV-500 YCbCr TIFF the image crate cannot read)
//! and the synthetic-scene inputs.
#![allow(dead_code)]

mod sequences;
#[allow(unused_imports)]
pub use sequences::*;

use image::{GrayImage, RgbImage};
use std::path::{Path, PathBuf};

/// Committable fixtures (face, textures). Change this when moving the tests.
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
/// Shared, non-committable real documents; absent in a fresh clone.
pub const SHARED_DOCS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures/documents");

/// The value after command-line option `name` (as in `--from 300`), parsed; `None` when
/// the option is absent. A missing or unreadable value ends the program with a message
/// naming the option: an evaluation of other seeds than asked for would mislead.
pub fn option_value<T: std::str::FromStr>(args: &[String], name: &str) -> Option<T> {
    let at = args.iter().position(|a| a == name)?;
    let value = args.get(at + 1).map(String::as_str).unwrap_or("");
    match value.parse() {
        Ok(v) => Some(v),
        Err(_) => {
            eprintln!("{name}: cannot read {value:?}");
            std::process::exit(2)
        }
    }
}

pub fn fixture(name: &str) -> PathBuf {
    Path::new(FIXTURES).join(name)
}

/// Path of a shared document fixture, or `None` (with a message) when it is absent.
pub fn shared_doc(name: &str) -> Option<PathBuf> {
    let p = Path::new(SHARED_DOCS).join(name);
    if p.is_file() {
        Some(p)
    } else {
        eprintln!("skipping: {} not found", p.display());
        None
    }
}

pub fn load_rgb(path: &Path) -> Option<RgbImage> {
    if path.extension().is_some_and(|e| e == "tif" || e == "tiff") {
        if let Some(img) = load_tiff_ycbcr(path) {
            return Some(img);
        }
    }
    image::open(path).ok().map(|i| i.to_rgb8())
}

pub fn load_grey(path: &Path) -> Option<GrayImage> {
    load_rgb(path).map(|i| kycam::analysis::to_grey(&i))
}

/// Face for the synthetic portrait and the four desk textures.
pub fn synth_inputs() -> (RgbImage, Vec<RgbImage>) {
    // The portrait on the card is an ID photo cut around the astronaut's face.
    let face = load_rgb(&fixture("astronaut.png"))
        .and_then(|photo| {
            let faces = kycam::analysis::FaceDetector::new(kycam::analysis::FaceSearch::STILL)
                .detect(&kycam::analysis::to_grey(&photo));
            faces
                .first()
                .map(|f| kycam::synth::document::id_photo(&photo, f.rect))
        })
        .unwrap_or_else(|| RgbImage::new(64, 64));
    let textures = ["brick.png", "grass.png", "gravel.png", "coffee.png"]
        .iter()
        .filter_map(|n| load_rgb(&fixture(n)))
        .collect();
    (face, textures)
}

/// Reads `{"quad": [[x,y] ×4]}` without a JSON dependency.
pub fn load_quad_json(path: &Path) -> Option<[[f32; 2]; 4]> {
    let text = std::fs::read_to_string(path).ok()?;
    let nums: Vec<f32> = text
        .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    if nums.len() != 8 {
        return None;
    }
    Some([
        [nums[0], nums[1]],
        [nums[2], nums[3]],
        [nums[4], nums[5]],
        [nums[6], nums[7]],
    ])
}

/// Minimal reader for 8-bit YCbCr TIFF with 2×2 chroma subsampling, PackBits or no
/// compression, little-endian, chunky strips (what ffmpeg writes; MIDV-500 frames).
fn load_tiff_ycbcr(path: &Path) -> Option<RgbImage> {
    let d = std::fs::read(path).ok()?;
    if d.get(0..4)? != b"II*\0" {
        return None;
    }
    let u16_at = |o: usize| -> Option<u32> {
        Some(u16::from_le_bytes(d.get(o..o + 2)?.try_into().ok()?) as u32)
    };
    let u32_at =
        |o: usize| -> Option<u32> { Some(u32::from_le_bytes(d.get(o..o + 4)?.try_into().ok()?)) };
    let ifd = u32_at(4)? as usize;
    let n = u16_at(ifd)? as usize;
    let (mut w, mut h, mut comp, mut photo, mut rps) = (0, 0, 1, 0, u32::MAX);
    let mut sub = (2, 2);
    let (mut offs, mut cnts) = (Vec::new(), Vec::new());
    for i in 0..n {
        let e = ifd + 2 + 12 * i;
        let (tag, typ, cnt) = (u16_at(e)?, u16_at(e + 2)?, u32_at(e + 4)? as usize);
        let val = |k: usize| -> Option<u32> {
            let size = if typ == 3 { 2 } else { 4 };
            let base = if cnt * size <= 4 {
                e + 8
            } else {
                u32_at(e + 8)? as usize
            };
            if typ == 3 {
                u16_at(base + k * 2)
            } else {
                u32_at(base + k * 4)
            }
        };
        match tag {
            256 => w = val(0)?,
            257 => h = val(0)?,
            259 => comp = val(0)?,
            262 => photo = val(0)?,
            273 => offs = (0..cnt).map(&val).collect::<Option<Vec<_>>>()?,
            278 => rps = val(0)?,
            279 => cnts = (0..cnt).map(&val).collect::<Option<Vec<_>>>()?,
            530 => sub = (val(0)?, val(1)?),
            _ => {}
        }
    }
    if photo != 6 || sub != (2, 2) || w % 2 != 0 || w == 0 || h == 0 {
        return None;
    }
    let rps = rps.min(h);
    let mut img = RgbImage::new(w, h);
    for (s, (&o, &c)) in offs.iter().zip(cnts.iter()).enumerate() {
        let raw = d.get(o as usize..(o + c) as usize)?;
        let data = if comp == 32773 {
            packbits(raw)
        } else {
            raw.to_vec()
        };
        let y_start = s as u32 * rps;
        let rows = rps.min(h - y_start);
        let blocks_x = w / 2;
        for by in 0..rows.div_ceil(2) {
            for bx in 0..blocks_x {
                let b = ((by * blocks_x + bx) * 6) as usize;
                let Some(blk) = data.get(b..b + 6) else {
                    continue;
                };
                let cb = blk[4] as f32 - 128.0;
                let cr = blk[5] as f32 - 128.0;
                for k in 0..4u32 {
                    let (x, y) = (bx * 2 + k % 2, y_start + by * 2 + k / 2);
                    if y >= h {
                        continue;
                    }
                    // Video range (ReferenceBlackWhite 16–235), BT.601.
                    let yy = (blk[k as usize] as f32 - 16.0) * 255.0 / 219.0;
                    let (cbs, crs) = (cb * 255.0 / 224.0, cr * 255.0 / 224.0);
                    let r = yy + 1.402 * crs;
                    let g = yy - 0.344_136 * cbs - 0.714_136 * crs;
                    let bl = yy + 1.772 * cbs;
                    img.put_pixel(
                        x,
                        y,
                        image::Rgb([r, g, bl].map(|v| v.clamp(0.0, 255.0) as u8)),
                    );
                }
            }
        }
    }
    Some(img)
}

fn packbits(src: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(src.len() * 2);
    let mut i = 0;
    while i < src.len() {
        let n = src[i] as i8;
        i += 1;
        if n >= 0 {
            let end = (i + n as usize + 1).min(src.len());
            out.extend_from_slice(&src[i..end]);
            i = end;
        } else if n != -128 {
            if let Some(&b) = src.get(i) {
                out.extend(std::iter::repeat_n(b, (1 - n as isize) as usize));
            }
            i += 1;
        }
    }
    out
}

/// Whether this machine has a camera device (/dev/video*): the no-camera tests
/// are skipped where one exists.
pub fn has_video_device() -> bool {
    std::fs::read_dir("/dev")
        .map(|d| {
            d.flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with("video"))
        })
        .unwrap_or(false)
}
