//! What degrades a scene: laminate glare, uneven light, noise (a thumb: `thumb`).

use super::raster::lerp2;
use crate::synth::rng::Rng;
use image::RgbImage;

/// A specular blob or streak on the document (laminate glare): a Gaussian whose core
/// clips to white, drawn on the card only.
pub(super) struct GlareSpot {
    centre: [f32; 2],
    /// Spread across and along the streak (px), and the streak's direction.
    sigma: (f32, f32),
    angle: f32,
    strength: f32,
}

impl GlareSpot {
    pub(super) fn sample(rng: &mut Rng, c: &[[f32; 2]; 4]) -> Self {
        let u = rng.range(0.15, 0.85);
        let v = rng.range(0.15, 0.85);
        let centre = lerp2(lerp2(c[0], c[1], u), lerp2(c[3], c[2], u), v);
        let size = (c[0][0] - c[1][0]).hypot(c[0][1] - c[1][1]);
        let sig_a = size * rng.range(0.05, 0.15);
        let streak = rng.chance(0.5);
        let sig_b = if streak {
            sig_a * rng.range(3.0, 6.0)
        } else {
            sig_a
        };
        GlareSpot {
            centre,
            sigma: (sig_a, sig_b),
            angle: rng.range(0.0, std::f32::consts::PI),
            strength: rng.range(0.8, 1.0),
        }
    }

    /// Draws the reflection where `surface(x, y)` (pixel centre) says how much of the
    /// pixel is glossy, 0–1.
    pub(super) fn draw(&self, frame: &mut RgbImage, surface: impl Fn(f32, f32) -> f32) {
        let p = self.centre;
        let (sig_a, sig_b) = self.sigma;
        let (ca, sa) = (self.angle.cos(), self.angle.sin());
        let (w, h) = frame.dimensions();
        let reach = 3.0 * sig_b;
        let x0 = (p[0] - reach).max(0.0) as u32;
        let x1 = ((p[0] + reach).max(0.0) as u32).min(w);
        let y0 = (p[1] - reach).max(0.0) as u32;
        let y1 = ((p[1] + reach).max(0.0) as u32).min(h);
        for y in y0..y1 {
            for x in x0..x1 {
                let (dx, dy) = (x as f32 - p[0], y as f32 - p[1]);
                let (a, b) = (dx * ca + dy * sa, -dx * sa + dy * ca);
                let g = (-(a * a) / (2.0 * sig_a * sig_a) - (b * b) / (2.0 * sig_b * sig_b)).exp();
                // Saturating core: specular light clips to white.
                let k =
                    (g * self.strength * 1.6).min(1.0) * surface(x as f32 + 0.5, y as f32 + 0.5);
                if k <= 0.0 {
                    continue;
                }
                let px = frame.get_pixel_mut(x, y);
                px.0 = px.0.map(|v| (v as f32 + (255.0 - v as f32) * k) as u8);
            }
        }
    }
}

pub(super) fn uneven_light(rng: &mut Rng, frame: &mut RgbImage) {
    let (w, h) = frame.dimensions();
    let a = rng.range(0.0, std::f32::consts::TAU);
    let (ca, sa) = (a.cos(), a.sin());
    let lo = rng.range(0.35, 0.6);
    let diag = (w as f32).hypot(h as f32).max(1.0);
    for (x, y, p) in frame.enumerate_pixels_mut() {
        let t = ((x as f32 - w as f32 * 0.5) * ca + (y as f32 - h as f32 * 0.5) * sa) / diag + 0.5;
        let k = lo + (1.05 - lo) * t.clamp(0.0, 1.0);
        p.0 = p.0.map(|v| (v as f32 * k).min(255.0) as u8);
    }
}

pub(super) fn add_noise(rng: &mut Rng, frame: &mut RgbImage, sigma: f32) {
    for p in frame.pixels_mut() {
        let n = rng.gauss() * sigma;
        p.0 = p.0.map(|v| (v as f32 + n).clamp(0.0, 255.0) as u8);
    }
}
