//! The net's input: a square of the photo around the face, brought to 112 × 112 by
//! averaging the pixels each input pixel covers, normalised as the net was trained.

use image::RgbImage;

use super::net::{INPUT_SIDE, MEAN_RGB};

/// A square in image pixels: top-left corner and side.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Square {
    pub x: f32,
    pub y: f32,
    pub side: f32,
}

impl Square {
    pub fn centred(cx: f32, cy: f32, side: f32) -> Self {
        Self {
            x: cx - side / 2.0,
            y: cy - side / 2.0,
            side,
        }
    }

    /// Image pixels of a point given as fractions of the square.
    pub fn to_image(&self, p: [f32; 2]) -> [f32; 2] {
        [self.x + p[0] * self.side, self.y + p[1] * self.side]
    }
}

/// Most samples per input pixel along each axis: enough to average a face ~4 times
/// larger than the input without aliasing; larger faces are sampled sparser.
const MAX_SAMPLES: usize = 4;

/// The normalised input (112 × 112 × RGB) for `square` of `rgb`. Parts of the
/// square outside the photo read as black, as the net's own square padding does.
pub fn net_input(rgb: &RgbImage, square: &Square) -> Vec<f32> {
    let n = INPUT_SIDE;
    let step = square.side / n as f32;
    let samples = (step.ceil() as usize).clamp(1, MAX_SAMPLES);
    let sub = step / samples as f32;
    let (w, h) = (rgb.width() as i64, rgb.height() as i64);
    let raw = rgb.as_raw();
    let mut out = vec![0.0f32; n * n * 3];
    let inv = 1.0 / (samples * samples) as f32;
    for oy in 0..n {
        for ox in 0..n {
            let mut acc = [0.0f32; 3];
            for sy in 0..samples {
                let y = square.y + oy as f32 * step + (sy as f32 + 0.5) * sub;
                let yi = y.floor() as i64;
                for sx in 0..samples {
                    let x = square.x + ox as f32 * step + (sx as f32 + 0.5) * sub;
                    let xi = x.floor() as i64;
                    if (0..w).contains(&xi) && (0..h).contains(&yi) {
                        let i = ((yi * w + xi) * 3) as usize;
                        acc[0] += f32::from(raw[i]);
                        acc[1] += f32::from(raw[i + 1]);
                        acc[2] += f32::from(raw[i + 2]);
                    }
                }
            }
            let dst = &mut out[(oy * n + ox) * 3..][..3];
            for c in 0..3 {
                dst[c] = (acc[c] * inv - MEAN_RGB[c]) / 255.0;
            }
        }
    }
    out
}
