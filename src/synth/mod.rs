//! Synthetic scenes with known truth, for the evaluation, tests and the demo.

pub mod document;
pub mod lenses;
pub mod rng;
pub mod selfie;

use image::{Rgb, RgbImage};

/// A background of the given size cut from a texture (tiled when too small),
/// scaled to the requested mean brightness.
pub fn background(texture: &RgbImage, width: u32, height: u32, mean: f32) -> RgbImage {
    let (tw, th) = texture.dimensions();
    if tw == 0 || th == 0 {
        return RgbImage::from_pixel(width, height, Rgb([mean as u8; 3]));
    }
    let tex_mean = texture
        .pixels()
        .map(|p| p.0.iter().map(|&c| u32::from(c)).sum::<u32>() as f32 / 3.0)
        .sum::<f32>()
        / (tw * th) as f32;
    let gain = mean / tex_mean.max(1.0);
    RgbImage::from_fn(width, height, |x, y| {
        // Mirror-tile so seams do not make strong straight edges.
        let tx = mirror(x, tw);
        let ty = mirror(y, th);
        let p = texture.get_pixel(tx, ty).0;
        Rgb(p.map(|c| (f32::from(c) * gain).clamp(0.0, 255.0) as u8))
    })
}

fn mirror(v: u32, n: u32) -> u32 {
    let period = 2 * n;
    let m = v % period;
    if m < n {
        m
    } else {
        period - 1 - m
    }
}

/// Multiplies every channel: < 1 dims the scene (a dark room).
pub fn scale_brightness(img: &mut RgbImage, gain: f32) {
    for p in img.pixels_mut() {
        p.0 = p.0.map(|c| (f32::from(c) * gain).clamp(0.0, 255.0) as u8);
    }
}

/// A specular spot: a clipped white disc with a soft rim, as a lamp leaves on
/// glossy laminate or skin.
pub fn draw_glare_spot(img: &mut RgbImage, cx: f32, cy: f32, radius: f32) {
    let (w, h) = img.dimensions();
    let rim = (radius * 0.3).max(1.0);
    let x0 = (cx - radius - rim).floor().max(0.0) as u32;
    let y0 = (cy - radius - rim).floor().max(0.0) as u32;
    let x1 = ((cx + radius + rim).ceil().max(0.0) as u32).min(w);
    let y1 = ((cy + radius + rim).ceil().max(0.0) as u32).min(h);
    for y in y0..y1 {
        for x in x0..x1 {
            let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt();
            let a = if d <= radius {
                1.0
            } else {
                (1.0 - (d - radius) / rim).max(0.0)
            };
            if a > 0.0 {
                let p = img.get_pixel_mut(x, y);
                p.0 = p.0.map(|c| (f32::from(c) * (1.0 - a) + 255.0 * a) as u8);
            }
        }
    }
}

/// Camera shake along the x axis: the mean over `length` pixels.
pub fn motion_blur_horizontal(img: &RgbImage, length: u32) -> RgbImage {
    let (w, h) = img.dimensions();
    if length <= 1 || w == 0 {
        return img.clone();
    }
    let half = (length / 2) as i64;
    RgbImage::from_fn(w, h, |x, y| {
        let mut acc = [0u32; 3];
        let mut n = 0;
        for dx in -half..=half {
            let xx = (x as i64 + dx).clamp(0, w as i64 - 1) as u32;
            let p = img.get_pixel(xx, y).0;
            for c in 0..3 {
                acc[c] += u32::from(p[c]);
            }
            n += 1;
        }
        Rgb(acc.map(|a| (a / n) as u8))
    })
}
