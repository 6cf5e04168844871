//! Seeded synthetic document scenes with known truth: a rendered card (real face as the
//! portrait, text-like strokes, optional MRZ band) warped with known corners onto a
//! cluttered texture background, then degraded (blur, glare, thumb, dim/uneven light).
//! Deterministic for a given seed, so evaluations and tests are repeatable.

use super::rng::Rng;
use crate::analysis::document::{apply_h, quad_to_unit_square, DocShape};
use image::{imageops, Rgb, RgbImage};

/// Corner margins of in-frame scenes are at least this (share of frame size): well
/// clear of the 2 % `corners_visible` limit so truth and verdict are not a coin toss.
const IN_FRAME_MIN_MARGIN: f32 = 0.04;
/// The `corners_visible` margin, used for the truth of the final corners.
const CORNERS_VISIBLE_MARGIN: f32 = 0.02;
/// Out-of-frame scenes have a corner at least this far outside (share of frame size).
const OUT_OF_FRAME_MIN_OVERSHOOT: f32 = 0.03;
/// Straight scenes are rotated at most this much; rotated ones by `ROTATED_DEG`.
const STRAIGHT_DEG: f32 = 2.5;
const ROTATED_DEG: (f32, f32) = (9.0, 30.0);
/// Facing scenes lean at most this much; tilted ones by `TILTED_DEG` (about the card's
/// own axis). The gap keeps the truth unambiguous against the facing limits.
const FACING_TILT_DEG: f32 = 3.0;
const TILTED_DEG: (f32, f32) = (25.0, 38.0);
/// Document width as a share of the frame width.
const WIDTH_FRAC: (f32, f32) = (0.35, 0.75);
/// Least mean luma difference between a normal card and the desk under it.
const MIN_CARD_CONTRAST: f32 = 30.0;
/// Horizontal field of view of the simulated webcam (degrees): webcams span about this
/// (a Logitech C270 60°, a C920 78°, laptop cameras 65–75°); the detector assumes ~65°.
const HFOV_DEG: (f32, f32) = (55.0, 80.0);

/// What a scene may contain: probabilities of each variation (0 = never, 1 = always).
#[derive(Debug, Clone, Copy)]
pub struct SceneParams {
    pub width: u32,
    pub height: u32,
    pub shape: DocShape,
    pub p_out_of_frame: f32,
    pub p_tilted: f32,
    pub p_rotated: f32,
    pub p_blur: f32,
    pub p_glare: f32,
    pub p_thumb: f32,
    pub p_dim: f32,
    pub p_uneven: f32,
    pub p_low_contrast: f32,
    /// A card turned a quarter more (on its side). Off in the default set: drawing it
    /// only when asked keeps the other scenes of every seed as they were.
    pub p_on_its_side: f32,
}

impl Default for SceneParams {
    fn default() -> Self {
        SceneParams {
            width: 1280,
            height: 720,
            shape: DocShape::Id1,
            p_out_of_frame: 0.15,
            p_tilted: 0.25,
            p_rotated: 0.35,
            p_blur: 0.3,
            p_glare: 0.25,
            p_thumb: 0.2,
            p_dim: 0.15,
            p_uneven: 0.3,
            p_low_contrast: 0.2,
            p_on_its_side: 0.0,
        }
    }
}

impl SceneParams {
    /// A clean, facing, straight, in-frame scene (variations all off).
    pub fn plain() -> Self {
        SceneParams {
            p_out_of_frame: 0.0,
            p_tilted: 0.0,
            p_rotated: 0.0,
            p_blur: 0.0,
            p_glare: 0.0,
            p_thumb: 0.0,
            p_dim: 0.0,
            p_uneven: 0.0,
            p_low_contrast: 0.0,
            ..Self::default()
        }
    }
}

/// The truth of a rendered scene.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SceneTruth {
    /// True document corners (virtual sharp corners), clockwise from top-left, in frame
    /// pixel coordinates; may lie outside the frame.
    pub corners: [[f32; 2]; 4],
    /// In-plane rotation, degrees, positive = clockwise on screen.
    pub rotation_deg: f32,
    /// Lean of the document plane away from the camera, degrees.
    pub tilt_deg: f32,
    /// Some corner lies closer than 2 % of the frame size to its edge, or outside
    /// (generated as ≥ 3 % outside, or ≥ 4 % inside for in-frame scenes).
    pub out_of_frame: bool,
    /// Leaning ≥ 25° (else ≤ 3°).
    pub tilted: bool,
    /// Rotated ≥ 9° (else ≤ 2.5°).
    pub rotated: bool,
    pub blur_sigma: f32,
    pub glare: bool,
    pub thumb: bool,
    pub dim: bool,
    pub uneven: bool,
    pub low_contrast: bool,
    /// Turned a quarter: its long side runs down the frame (`rotation_deg` includes it).
    pub on_its_side: bool,
}

/// Renders one scene. `face` supplies the portrait; `textures` the desk (any may be
/// grey-looking; they are tinted). With no textures a plain gradient desk is used.
pub fn render_scene(
    seed: u64,
    params: &SceneParams,
    face: &RgbImage,
    textures: &[RgbImage],
) -> (RgbImage, SceneTruth) {
    // The salt keeps these scenes' sequence apart from other generators' with the same seed.
    let mut rng = Rng::new(seed ^ 0x5DEE_CE66_D1CE_4E5B);
    let (fw, fh) = (params.width.max(16), params.height.max(16));
    let mut frame = background(&mut rng, fw, fh, textures);
    clutter(&mut rng, &mut frame);

    let out_of_frame = rng.chance(params.p_out_of_frame);
    let tilted = rng.chance(params.p_tilted);
    let rotated = rng.chance(params.p_rotated);
    let rotation_deg = if rotated {
        rng.sign() * rng.range(ROTATED_DEG.0, ROTATED_DEG.1)
    } else {
        rng.range(-STRAIGHT_DEG, STRAIGHT_DEG)
    };
    let on_its_side = params.p_on_its_side > 0.0 && rng.chance(params.p_on_its_side);
    let rotation_deg = if on_its_side {
        rotation_deg + rng.sign() * 90.0
    } else {
        rotation_deg
    };
    let tilt_deg = if tilted {
        rng.range(TILTED_DEG.0, TILTED_DEG.1)
    } else {
        rng.range(0.0, FACING_TILT_DEG)
    };
    let corners = place_document(&mut rng, params, out_of_frame, rotation_deg, tilt_deg);

    let low_contrast = rng.chance(params.p_low_contrast);
    let (cw, ch) = params.shape.rectified_size();
    let m = mean_colour_in(&frame, &corners);
    let base = if low_contrast {
        // Card colour close to the desk under it: the hard case for edge detection.
        let d = rng.sign() * rng.range(10.0, 18.0);
        [m[0] + d, m[1] + d, m[2] + d]
    } else {
        let l = rng.range(200.0, 245.0);
        let mut b = [
            l - rng.range(0.0, 25.0),
            l - rng.range(0.0, 20.0),
            l - rng.range(0.0, 25.0),
        ];
        // Keep "normal" scenes normal: at least MIN_CARD_CONTRAST between the card and
        // what lies under it on average (a white card on white paper is the low-contrast
        // case, counted separately).
        let luma = |c: [f32; 3]| 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2];
        let diff = luma(b) - luma(m);
        if diff.abs() < MIN_CARD_CONTRAST {
            let shift = if luma(m) > 140.0 {
                -MIN_CARD_CONTRAST - diff - 10.0
            } else {
                MIN_CARD_CONTRAST - diff
            };
            b = b.map(|v| v + shift);
        }
        b
    };
    let card = render_card(&mut rng, cw, ch, base, face);
    paste_warped(&mut frame, &card, &corners);

    let thumb = rng.chance(params.p_thumb);
    let thumb_outline = if thumb {
        draw_thumb(&mut rng, &mut frame, &corners)
    } else {
        Vec::new()
    };
    // Drawn after the light: a reflection is the lamp's image, many times brighter
    // than the paper, so it clips however dim or uneven the light on the desk is.
    let glare = rng.chance(params.p_glare);
    let glare_spot = glare.then(|| GlareSpot::sample(&mut rng, &corners));
    let uneven = rng.chance(params.p_uneven);
    if uneven {
        uneven_light(&mut rng, &mut frame);
    }
    let dim = rng.chance(params.p_dim);
    if dim {
        let k = rng.range(0.25, 0.5);
        frame.pixels_mut().for_each(|p| {
            p.0 = p.0.map(|v| (v as f32 * k) as u8);
        });
    }
    if let (Some(spot), Some(laminate)) = (
        glare_spot,
        CardOutline::new(&corners, cw as f32 / ch as f32),
    ) {
        // Only the laminate reflects the lamp: the desk and the thumb are matte.
        let thumb_shape = Convex::new(&thumb_outline);
        spot.draw(&mut frame, |x, y| {
            if thumb && thumb_shape.contains([x, y]) {
                return 0.0;
            }
            laminate.cover(x, y).map_or(0.0, |(alpha, _)| alpha)
        });
    }
    let blur_sigma = if rng.chance(params.p_blur) {
        rng.range(0.8, 2.5)
    } else {
        0.0
    };
    if blur_sigma > 0.0 {
        frame = imageproc::filter::gaussian_blur_f32(&frame, blur_sigma);
    }
    add_noise(&mut rng, &mut frame, if dim { 4.0 } else { 2.5 });

    // The placement may not have met its target in 200 tries: judge the corners as
    // they are (the rule's 2 % margin).
    let margins = margins_frac(&corners, fw as f32, fh as f32);
    let out_of_frame = margins.iter().any(|&m| m < CORNERS_VISIBLE_MARGIN);
    let truth = SceneTruth {
        corners,
        rotation_deg,
        tilt_deg,
        out_of_frame,
        tilted,
        rotated,
        blur_sigma,
        glare,
        thumb,
        dim,
        uneven,
        low_contrast,
        on_its_side,
    };
    (frame, truth)
}

/// Tiled, tinted texture (mirrored tiles avoid seams that would look like edges).
fn background(rng: &mut Rng, w: u32, h: u32, textures: &[RgbImage]) -> RgbImage {
    let tint = [
        rng.range(0.75, 1.1),
        rng.range(0.65, 1.0),
        rng.range(0.5, 0.95),
    ];
    let Some(tex) = textures
        .get(rng.index(textures.len()))
        .filter(|t| t.width() > 0 && t.height() > 0)
    else {
        let mut img = RgbImage::new(w, h);
        for (x, y, p) in img.enumerate_pixels_mut() {
            let v = 90.0 + 60.0 * (x as f32 / w as f32) + 20.0 * (y as f32 / h as f32);
            *p = Rgb([
                (v * tint[0]) as u8,
                (v * tint[1]) as u8,
                (v * tint[2]) as u8,
            ]);
        }
        return img;
    };
    let scale = rng.range(1.0, 2.5);
    let (tw, th) = (
        ((tex.width() as f32 * scale) as u32).max(8),
        ((tex.height() as f32 * scale) as u32).max(8),
    );
    let t = imageops::resize(tex, tw, th, imageops::FilterType::Triangle);
    let (ox, oy) = (rng.index(tw as usize) as u32, rng.index(th as usize) as u32);
    let mut img = RgbImage::new(w, h);
    for (x, y, p) in img.enumerate_pixels_mut() {
        let (gx, gy) = (x + ox, y + oy);
        let (ix, iy) = (gx / tw, gy / th);
        let mut tx = gx % tw;
        let mut ty = gy % th;
        if ix % 2 == 1 {
            tx = tw - 1 - tx;
        }
        if iy % 2 == 1 {
            ty = th - 1 - ty;
        }
        let s = t.get_pixel(tx, ty).0;
        *p = Rgb([
            (s[0] as f32 * tint[0]).min(255.0) as u8,
            (s[1] as f32 * tint[1]).min(255.0) as u8,
            (s[2] as f32 * tint[2]).min(255.0) as u8,
        ]);
    }
    img
}

fn random_colour(rng: &mut Rng) -> [f32; 3] {
    [
        rng.range(20.0, 250.0),
        rng.range(20.0, 250.0),
        rng.range(20.0, 250.0),
    ]
}

/// Desk clutter: papers, boxes, pens, cables. Straight edges on purpose: they are what
/// confuses a line-based detector.
fn clutter(rng: &mut Rng, img: &mut RgbImage) {
    let (w, h) = (img.width() as f32, img.height() as f32);
    let n = 3 + rng.index(7);
    for _ in 0..n {
        let col = random_colour(rng);
        let (cx, cy) = (rng.range(0.0, w), rng.range(0.0, h));
        if rng.chance(0.5) {
            let (hw, hh) = (rng.range(0.03, 0.3) * w, rng.range(0.03, 0.3) * h);
            let a = rng.range(-0.5, 0.5);
            let (c, s) = (a.cos(), a.sin());
            let poly: Vec<[f32; 2]> = [(-hw, -hh), (hw, -hh), (hw, hh), (-hw, hh)]
                .iter()
                .map(|&(x, y)| [cx + x * c - y * s, cy + x * s + y * c])
                .collect();
            fill_polygon(img, &poly, |_, _| col, 1.0);
        } else {
            let a = rng.range(0.0, std::f32::consts::PI);
            let len = rng.range(0.1, 0.6) * w;
            let half = rng.range(1.0, 5.0);
            let p0 = [cx - a.cos() * len * 0.5, cy - a.sin() * len * 0.5];
            let p1 = [cx + a.cos() * len * 0.5, cy + a.sin() * len * 0.5];
            draw_thick_line(img, p0, p1, half, col);
        }
    }
    // Sometimes a sheet of paper: a bright rectangle that may lie under the card.
    if rng.chance(0.2) {
        let (hw, hh) = (rng.range(0.2, 0.45) * w, rng.range(0.2, 0.45) * h);
        let (cx, cy) = (rng.range(0.2, 0.8) * w, rng.range(0.2, 0.8) * h);
        let l = rng.range(200.0, 250.0);
        let poly = vec![
            [cx - hw, cy - hh],
            [cx + hw, cy - hh],
            [cx + hw, cy + hh],
            [cx - hw, cy + hh],
        ];
        fill_polygon(img, &poly, |_, _| [l, l, l - 10.0], 1.0);
    }
}

/// Chooses the document's corners: size, centre, in-plane rotation, then a lean about
/// the card's own horizontal or vertical axis, projected with a pinhole camera.
fn place_document(
    rng: &mut Rng,
    p: &SceneParams,
    out_of_frame: bool,
    rotation_deg: f32,
    tilt_deg: f32,
) -> [[f32; 2]; 4] {
    let (fw, fh) = (p.width.max(16) as f32, p.height.max(16) as f32);
    let aspect = p.shape.aspect();
    let hfov = rng.range(HFOV_DEG.0, HFOV_DEG.1);
    let f = fw * 0.5 / (hfov.to_radians() * 0.5).tan();
    let tilt_about_x = rng.chance(0.5);
    let tilt = tilt_deg.to_radians() * rng.sign();
    let rot = rotation_deg.to_radians();
    let mut last = [[0.0f32; 2]; 4];
    for _ in 0..200 {
        let width_px = rng.range(WIDTH_FRAC.0, WIDTH_FRAC.1) * fw;
        // Card in mm-free units: width 1, height 1/aspect; depth chosen so that a facing
        // card would be width_px wide.
        let (hx, hy) = (0.5, 0.5 / aspect);
        let z0 = f / width_px;
        let (cx, cy) = (rng.range(0.0, fw), rng.range(0.0, fh));
        // The card's centre in camera coordinates: seen at (cx, cy) by a camera whose
        // optical axis meets the frame's centre, as a webcam's does.
        let (x0, y0) = ((cx - fw * 0.5) * z0 / f, (cy - fh * 0.5) * z0 / f);
        let mut c = [[0.0f32; 2]; 4];
        for (k, &(x, y)) in [(-hx, -hy), (hx, -hy), (hx, hy), (-hx, hy)]
            .iter()
            .enumerate()
        {
            // Lean about the card's own axis, then rotate in the image plane.
            let (x1, y1, z1) = if tilt_about_x {
                (x, y * tilt.cos(), y * tilt.sin())
            } else {
                (x * tilt.cos(), y, x * tilt.sin())
            };
            let (x2, y2) = (
                x1 * rot.cos() - y1 * rot.sin(),
                x1 * rot.sin() + y1 * rot.cos(),
            );
            let z = z0 + z1;
            c[k] = [fw * 0.5 + f * (x0 + x2) / z, fh * 0.5 + f * (y0 + y2) / z];
        }
        last = c;
        let margins = margins_frac(&c, fw, fh);
        let min_m = margins.iter().cloned().fold(f32::MAX, f32::min);
        let ok = if out_of_frame {
            // Cut by the frame, but most of the card still visible.
            let centre_in = cx > 0.15 * fw && cx < 0.85 * fw && cy > 0.15 * fh && cy < 0.85 * fh;
            min_m <= -OUT_OF_FRAME_MIN_OVERSHOOT && centre_in
        } else {
            min_m >= IN_FRAME_MIN_MARGIN
        };
        if ok {
            return c;
        }
    }
    last
}

fn margins_frac(c: &[[f32; 2]; 4], fw: f32, fh: f32) -> [f32; 4] {
    let m = |f: &dyn Fn(&[f32; 2]) -> f32| c.iter().map(f).fold(f32::MAX, f32::min);
    [
        m(&|p| p[1]) / fh,
        m(&|p| fw - p[0]) / fw,
        m(&|p| fh - p[1]) / fh,
        m(&|p| p[0]) / fw,
    ]
}

fn mean_colour_in(img: &RgbImage, c: &[[f32; 2]; 4]) -> [f32; 3] {
    let mut sum = [0.0f64; 3];
    let mut n = 0u64;
    let (w, h) = img.dimensions();
    for k in 0..64 {
        let (u, v) = ((k % 8) as f32 / 8.0 + 0.06, (k / 8) as f32 / 8.0 + 0.06);
        let top = lerp2(c[0], c[1], u);
        let bot = lerp2(c[3], c[2], u);
        let p = lerp2(top, bot, v);
        if p[0] >= 0.0 && p[1] >= 0.0 && (p[0] as u32) < w && (p[1] as u32) < h {
            let px = img.get_pixel(p[0] as u32, p[1] as u32).0;
            for i in 0..3 {
                sum[i] += px[i] as f64;
            }
            n += 1;
        }
    }
    if n == 0 {
        return [128.0; 3];
    }
    sum.map(|s| (s / n as f64) as f32)
}

fn lerp2(a: [f32; 2], b: [f32; 2], t: f32) -> [f32; 2] {
    [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
}

/// Renders a document at its canonical size: tinted background with a fine pattern, a
/// header band, the portrait, text lines and (sometimes) an MRZ band.
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
fn draw_word(rng: &mut Rng, img: &mut RgbImage, x0: f32, y0: f32, x1: f32, y1: f32, ink: f32) {
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

fn fill_rect(img: &mut RgbImage, x0: f32, y0: f32, x1: f32, y1: f32, col: [f32; 3]) {
    let (w, h) = img.dimensions();
    let xa = x0.max(0.0) as u32;
    let ya = y0.max(0.0) as u32;
    let xb = (x1.max(0.0) as u32).min(w);
    let yb = (y1.max(0.0) as u32).min(h);
    let c = Rgb(col.map(|v| v.clamp(0.0, 255.0) as u8));
    for y in ya..yb {
        for x in xa..xb {
            img.put_pixel(x, y, c);
        }
    }
}

/// Fills a convex polygon; `shade(x, y)` gives the colour, `alpha` the opacity.
fn fill_polygon<F: Fn(f32, f32) -> [f32; 3]>(
    img: &mut RgbImage,
    poly: &[[f32; 2]],
    shade: F,
    alpha: f32,
) {
    if poly.len() < 3 {
        return;
    }
    let (w, h) = img.dimensions();
    let x0 = poly.iter().map(|p| p[0]).fold(f32::MAX, f32::min).max(0.0) as u32;
    let x1 = (poly.iter().map(|p| p[0]).fold(f32::MIN, f32::max).max(0.0) as u32).min(w);
    let y0 = poly.iter().map(|p| p[1]).fold(f32::MAX, f32::min).max(0.0) as u32;
    let y1 = (poly.iter().map(|p| p[1]).fold(f32::MIN, f32::max).max(0.0) as u32).min(h);
    let shape = Convex::new(poly);
    for y in y0..y1 {
        for x in x0..x1 {
            let p = [x as f32 + 0.5, y as f32 + 0.5];
            if shape.contains(p) {
                let c = shade(p[0], p[1]);
                let px = img.get_pixel_mut(x, y);
                for (v, ci) in px.0.iter_mut().zip(c) {
                    *v = (*v as f32 * (1.0 - alpha) + ci * alpha).clamp(0.0, 255.0) as u8;
                }
            }
        }
    }
}

/// A convex polygon, either winding.
struct Convex<'a> {
    poly: &'a [[f32; 2]],
    /// Sign of its signed area: which side of each edge is inside.
    winding: f32,
}

impl<'a> Convex<'a> {
    fn new(poly: &'a [[f32; 2]]) -> Self {
        let area: f32 = (0..poly.len())
            .map(|i| {
                let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
                a[0] * b[1] - a[1] * b[0]
            })
            .sum();
        Convex {
            poly,
            winding: area.signum(),
        }
    }

    fn contains(&self, p: [f32; 2]) -> bool {
        let poly = self.poly;
        (0..poly.len()).all(|i| {
            let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
            self.winding * ((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0])) >= 0.0
        })
    }
}

fn draw_thick_line(img: &mut RgbImage, a: [f32; 2], b: [f32; 2], half: f32, col: [f32; 3]) {
    let d = [b[0] - a[0], b[1] - a[1]];
    let len = d[0].hypot(d[1]);
    if len < 1e-3 {
        return;
    }
    let n = [-d[1] / len * half, d[0] / len * half];
    let poly = vec![
        [a[0] + n[0], a[1] + n[1]],
        [b[0] + n[0], b[1] + n[1]],
        [b[0] - n[0], b[1] - n[1]],
        [a[0] - n[0], a[1] - n[1]],
    ];
    fill_polygon(img, &poly, |_, _| col, 1.0);
}

/// Warps `card` onto `frame` so its corners land on `corners`, with an anti-aliased
/// outline and ID-1 rounded corners (radius 3.18 mm of 85.6 mm).
pub fn paste_warped(frame: &mut RgbImage, card: &RgbImage, corners: &[[f32; 2]; 4]) {
    let Some(outline) =
        CardOutline::new(corners, card.width() as f32 / card.height().max(1) as f32)
    else {
        return;
    };
    // Pre-shrink the card so bilinear sampling does not alias its fine pattern.
    let scale = (outline.px_per_unit / card.width().max(1) as f32).clamp(0.05, 1.0);
    let card = if scale < 0.9 {
        let nw = ((card.width() as f32 * scale * 1.1) as u32).max(2);
        let nh = ((card.height() as f32 * scale * 1.1) as u32).max(2);
        imageops::resize(card, nw, nh, imageops::FilterType::Triangle)
    } else {
        card.clone()
    };
    let (cw, ch) = (card.width() as f32, card.height() as f32);
    let (x0, x1, y0, y1) = bounds(corners, frame.width(), frame.height());
    for y in y0..y1 {
        for x in x0..x1 {
            let Some((alpha, [u, v])) = outline.cover(x as f32 + 0.5, y as f32 + 0.5) else {
                continue;
            };
            let sx = (u * cw - 0.5).clamp(0.0, cw - 1.001);
            let sy = (v * ch - 0.5).clamp(0.0, ch - 1.001);
            let (ix, iy) = (sx as u32, sy as u32);
            let (tx, ty) = (sx - ix as f32, sy - iy as f32);
            let p00 = card.get_pixel(ix, iy).0;
            let p10 = card.get_pixel(ix + 1, iy).0;
            let p01 = card.get_pixel(ix, iy + 1).0;
            let p11 = card.get_pixel(ix + 1, iy + 1).0;
            let dst = frame.get_pixel_mut(x, y);
            for i in 0..3 {
                let top = p00[i] as f32 * (1.0 - tx) + p10[i] as f32 * tx;
                let bot = p01[i] as f32 * (1.0 - tx) + p11[i] as f32 * tx;
                let c = top * (1.0 - ty) + bot * ty;
                dst.0[i] = (dst.0[i] as f32 * (1.0 - alpha) + c * alpha).clamp(0.0, 255.0) as u8;
            }
        }
    }
}

/// Pixel range (x0, x1, y0, y1; ends exclusive) of the frame that the corners span.
fn bounds(corners: &[[f32; 2]], fw: u32, fh: u32) -> (u32, u32, u32, u32) {
    let xs = corners.iter().map(|p| p[0]);
    let ys = corners.iter().map(|p| p[1]);
    let x0 = xs.clone().fold(f32::MAX, f32::min).floor().max(0.0) as u32;
    let x1 = (xs.fold(f32::MIN, f32::max).ceil().max(0.0) as u32 + 1).min(fw);
    let y0 = ys.clone().fold(f32::MAX, f32::min).floor().max(0.0) as u32;
    let y1 = (ys.fold(f32::MIN, f32::max).ceil().max(0.0) as u32 + 1).min(fh);
    (x0, x1, y0, y1)
}

/// Where a card with rounded corners (ID-1: 3.18 mm on 85.6 mm) lies in the frame.
struct CardOutline {
    /// Frame → unit square.
    inv: [f32; 9],
    /// Card width / height.
    aspect: f32,
    /// Frame pixels per card width (the longer of the two long sides).
    px_per_unit: f32,
}

impl CardOutline {
    fn new(corners: &[[f32; 2]; 4], aspect: f32) -> Option<Self> {
        let inv = quad_to_unit_square(corners)?;
        let px_per_unit = ((corners[0][0] - corners[1][0]).hypot(corners[0][1] - corners[1][1]))
            .max((corners[3][0] - corners[2][0]).hypot(corners[3][1] - corners[2][1]))
            .max(1.0);
        Some(CardOutline {
            inv,
            aspect,
            px_per_unit,
        })
    }

    /// How much of the pixel centred at (x, y) the card covers (anti-aliased over one
    /// pixel), and the point's card coordinates (0–1 across and down); `None` off it.
    fn cover(&self, x: f32, y: f32) -> Option<(f32, [f32; 2])> {
        const RADIUS_U: f32 = 3.18 / 85.6;
        let [u, v] = apply_h(&self.inv, x, y)?;
        // Distance to the outline in card-width units (v scaled by 1/aspect).
        let (uu, vv) = (u, v / self.aspect);
        let hv = 1.0 / self.aspect;
        let mut d = uu.min(1.0 - uu).min(vv).min(hv - vv);
        let (dx, dy) = (
            (RADIUS_U - uu).max(uu - (1.0 - RADIUS_U)),
            (RADIUS_U - vv).max(vv - (hv - RADIUS_U)),
        );
        if dx > 0.0 && dy > 0.0 {
            d = RADIUS_U - dx.hypot(dy);
        }
        let alpha = (d * self.px_per_unit + 0.5).clamp(0.0, 1.0);
        (alpha > 0.0).then_some((alpha, [u, v]))
    }
}

/// A thumb over one side of the document, coming from outside; returns its outline.
fn draw_thumb(rng: &mut Rng, frame: &mut RgbImage, c: &[[f32; 2]; 4]) -> Vec<[f32; 2]> {
    let k = rng.index(4);
    let (a, b) = (c[k], c[(k + 1) % 4]);
    let t = rng.range(0.25, 0.75);
    let p = lerp2(a, b, t);
    let centre = lerp2(lerp2(c[0], c[2], 0.5), lerp2(c[1], c[3], 0.5), 0.5);
    let side_len = (b[0] - a[0]).hypot(b[1] - a[1]);
    let mut out = [p[0] - centre[0], p[1] - centre[1]];
    let l = out[0].hypot(out[1]).max(1e-3);
    out = [out[0] / l, out[1] / l];
    let along = [
        (b[0] - a[0]) / side_len.max(1e-3),
        (b[1] - a[1]) / side_len.max(1e-3),
    ];
    let half_w = side_len * rng.range(0.07, 0.11);
    let half_l = half_w * 2.2;
    // Tip reaches 40 % of the thumb length inside the card.
    let ctr = [p[0] + out[0] * half_l * 0.6, p[1] + out[1] * half_l * 0.6];
    let skin = [
        rng.range(170.0, 230.0),
        rng.range(120.0, 170.0),
        rng.range(90.0, 140.0),
    ];
    let poly: Vec<[f32; 2]> = (0..32)
        .map(|i| {
            let a = i as f32 / 32.0 * std::f32::consts::TAU;
            let (ca, sa) = (a.cos() * half_l, a.sin() * half_w);
            [
                ctr[0] + out[0] * ca + along[0] * sa,
                ctr[1] + out[1] * ca + along[1] * sa,
            ]
        })
        .collect();
    fill_polygon(
        frame,
        &poly,
        |x, y| {
            let s =
                1.0 - 0.25 * (((x - ctr[0]) * along[0] + (y - ctr[1]) * along[1]) / half_w).abs();
            skin.map(|v| v * s)
        },
        1.0,
    );
    poly
}

/// A specular blob or streak on the document (laminate glare): a Gaussian whose core
/// clips to white, drawn on the card only.
struct GlareSpot {
    centre: [f32; 2],
    /// Spread across and along the streak (px), and the streak's direction.
    sigma: (f32, f32),
    angle: f32,
    strength: f32,
}

impl GlareSpot {
    fn sample(rng: &mut Rng, c: &[[f32; 2]; 4]) -> Self {
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
    fn draw(&self, frame: &mut RgbImage, surface: impl Fn(f32, f32) -> f32) {
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

fn uneven_light(rng: &mut Rng, frame: &mut RgbImage) {
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

fn add_noise(rng: &mut Rng, frame: &mut RgbImage, sigma: f32) {
    for p in frame.pixels_mut() {
        let n = rng.gauss() * sigma;
        p.0 = p.0.map(|v| (v as f32 + n).clamp(0.0, 255.0) as u8);
    }
}
