//! The card itself, at its canonical size: guilloche, header band, portrait, lines of
//! text and an MRZ band.

use super::raster::fill_rect;
use crate::synth::rng::Rng;
use image::{imageops, Rgb, RgbImage};

/// An ID photo cut from a portrait: head and shoulders around the face box, 3:4,
/// the face about 55 % of the width as on real documents.
pub fn id_photo(portrait: &RgbImage, face: crate::geometry::Rect) -> RgbImage {
    let w = face.w / 0.55;
    let h = w * 4.0 / 3.0;
    let [cx, cy] = face.center();
    let crop = crate::geometry::Rect::new(cx - w / 2.0, cy - h * 0.45, w, h);
    let (pw, ph) = portrait.dimensions();
    match crop.clamped_pixels(pw, ph) {
        Some((x, y, cw, ch)) => imageops::crop_imm(portrait, x, y, cw, ch).to_image(),
        None => portrait.clone(),
    }
}

/// A `w`×`h` card of colour `base` (0–255 per channel) with a faint guilloche, a header
/// band, the portrait `face`, lines of text and, on half of them, an MRZ band.
pub fn render_card(rng: &mut Rng, w: u32, h: u32, base: [f32; 3], face: &RgbImage) -> RgbImage {
    let (wf, hf) = (w as f32, h as f32);
    let clamp = |v: f32| v.clamp(0.0, 255.0) as u8;
    let phase = rng.range(0.0, 6.0);
    let mut card = RgbImage::from_fn(w, h, |x, y| {
        let (xf, yf) = (x as f32, y as f32);
        let g = 5.0 * (xf / 11.0 + 3.0 * (yf / 37.0 + phase).sin()).sin();
        Rgb([
            clamp(base[0] + g),
            clamp(base[1] + g * 0.5),
            clamp(base[2] - g),
        ])
    });
    // Header band with light "title" blocks.
    let band = [
        rng.range(40.0, 160.0),
        rng.range(40.0, 160.0),
        rng.range(80.0, 200.0),
    ];
    fill_rect(&mut card, 0.04 * wf, 0.05 * hf, 0.96 * wf, 0.16 * hf, band);
    let mut x = 0.3 * wf;
    while x < 0.85 * wf {
        let len = rng.range(0.04, 0.12) * wf;
        fill_rect(
            &mut card,
            x,
            0.08 * hf,
            (x + len).min(0.93 * wf),
            0.13 * hf,
            [240.0; 3],
        );
        x += len + 0.02 * wf;
    }
    // Portrait: centre crop of the face image at the slot's aspect.
    let (px0, py0, px1, py1) = (0.05 * wf, 0.22 * hf, 0.31 * wf, 0.74 * hf);
    let (sw, sh) = ((px1 - px0) as u32, (py1 - py0) as u32);
    if face.width() > 0 && face.height() > 0 && sw > 0 && sh > 0 {
        let want = sw as f32 / sh as f32;
        let (fw, fh) = (face.width() as f32, face.height() as f32);
        let (cw, ch) = if fw / fh > want {
            (fh * want, fh)
        } else {
            (fw, fw / want)
        };
        let crop = imageops::crop_imm(
            face,
            ((fw - cw) * 0.5) as u32,
            ((fh - ch) * 0.5) as u32,
            (cw as u32).max(1),
            (ch as u32).max(1),
        )
        .to_image();
        let small = imageops::resize(&crop, sw, sh, imageops::FilterType::Triangle);
        imageops::replace(&mut card, &small, px0 as i64, py0 as i64);
    }
    // Text: rows of dark word blocks with thin strokes inside (letters).
    let mrz = rng.chance(0.5);
    let text_bottom = if mrz { 0.72 } else { 0.9 };
    let ink = rng.range(10.0, 70.0);
    let mut y = 0.24 * hf;
    while y < text_bottom * hf {
        let row_h = rng.range(0.025, 0.045) * hf;
        let mut x = 0.35 * wf + rng.range(0.0, 0.05) * wf;
        let end = rng.range(0.6, 0.95) * wf;
        while x < end {
            let len = rng.range(0.03, 0.14) * wf;
            draw_word(rng, &mut card, x, y, (x + len).min(end), y + row_h, ink);
            x += len + 0.015 * wf;
        }
        y += row_h * rng.range(1.6, 2.6);
    }
    if mrz {
        fill_rect(&mut card, 0.0, 0.76 * hf, wf, hf, [245.0, 245.0, 240.0]);
        for line in 0..2 {
            let y0 = (0.79 + 0.095 * line as f32) * hf;
            let mut x = 0.05 * wf;
            while x < 0.94 * wf {
                draw_word(rng, &mut card, x, y0, x + 0.018 * wf, y0 + 0.06 * hf, 20.0);
                x += 0.0295 * wf;
            }
        }
    }
    card
}

/// A "word": vertical strokes of varying height, like letters.
pub(super) fn draw_word(
    rng: &mut Rng,
    img: &mut RgbImage,
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    ink: f32,
) {
    let mut x = x0;
    let h = y1 - y0;
    while x < x1 {
        let sw = rng.range(1.5, 3.0);
        let top = y0 + rng.range(0.0, 0.35) * h;
        fill_rect(img, x, top, (x + sw).min(x1), y1, [ink, ink, ink + 10.0]);
        if rng.chance(0.4) {
            let yy = rng.range(top, y1 - 2.0);
            fill_rect(
                img,
                x,
                yy,
                (x + rng.range(3.0, 8.0)).min(x1),
                yy + 2.0,
                [ink; 3],
            );
        }
        x += sw + rng.range(2.0, 6.0);
    }
}
