//! A seeded scene with known truth: a desk texture with paper clutter, the card
//! placed by a pinhole webcam with known corners, then degraded (blur, glare, a thumb,
//! dim or uneven light, noise).

use super::card::render_card;
use super::effects::{add_noise, uneven_light, GlareSpot};
use super::raster::{draw_thick_line, fill_polygon, lerp2, paste_warped, CardOutline};
use super::thumb::{composite_thumb, skin_patch, ThumbPlace, ThumbTruth};
use crate::analysis::document::{is_skin, DocShape};
use crate::synth::rng::Rng;
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
    /// A thumb lies over the document (over a corner or across a side).
    pub thumb: bool,
    /// Where the thumb lies and which corners it covers.
    pub thumb_truth: Option<ThumbTruth>,
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
    let thumb_truth = thumb.then(|| {
        // Six draws, three of them unused: they keep each seed's later draws (glare,
        // light, blur) where the evaluation's recorded figures have them.
        let k = rng.index(4);
        let over_corner = rng.chance(0.5);
        let seed = rng.next_u64();
        (0..3).for_each(|_| {
            rng.unit();
        });
        let place = if over_corner {
            ThumbPlace::Corner(k)
        } else {
            ThumbPlace::Edge(k)
        };
        composite_thumb(&mut frame, &corners, place, &portrait_skin(face), seed)
    });
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
        spot.draw(&mut frame, |x, y| {
            if thumb_truth.is_some_and(|t| t.covers([x, y])) {
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
        thumb_truth,
        dim,
        uneven,
        low_contrast,
        on_its_side,
    };
    (frame, truth)
}

/// Skin for a thumb: the evenest skin-coloured patch of the portrait's face (a cheek or
/// the forehead: a window a tenth of its width, in its middle, where the luma varies
/// least), so that no eye or brow is repeated over the thumb.
fn portrait_skin(face: &RgbImage) -> RgbImage {
    let (w, h) = face.dimensions();
    let side = (w / 10).max(2);
    let mut best: Option<(f32, (u32, u32))> = None;
    let step = (side / 2).max(1);
    for y in (h / 5..(h * 4 / 5).saturating_sub(side)).step_by(step as usize) {
        for x in (w / 5..(w * 4 / 5).saturating_sub(side)).step_by(step as usize) {
            let px: Vec<[f32; 3]> = (0..side * side)
                .map(|i| face.get_pixel(x + i % side, y + i / side).0.map(f32::from))
                .collect();
            let n = px.len() as f32;
            let mean: [f32; 3] = std::array::from_fn(|c| px.iter().map(|p| p[c]).sum::<f32>() / n);
            if !is_skin(mean) {
                continue;
            }
            let luma = |p: &[f32; 3]| 0.299 * p[0] + 0.587 * p[1] + 0.114 * p[2];
            let m = luma(&mean);
            let var = px.iter().map(|p| (luma(p) - m).powi(2)).sum::<f32>() / n;
            if best.is_none_or(|(v, _)| var < v) {
                best = Some((var, (x, y)));
            }
        }
    }
    let (x, y) = best.map_or((w * 3 / 10, h / 2), |(_, at)| at);
    skin_patch(face, (x, y, side, side))
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
