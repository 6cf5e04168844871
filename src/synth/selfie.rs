//! Synthetic selfies: a real portrait scaled to a known distance under a known
//! field of view (its eyes the adult mean 6.3 cm apart), on a chosen background,
//! with known blur, glare and light.

use image::{imageops, RgbImage};

use super::rng::Rng;
use crate::analysis::{distance, landmarks, selfie::portrait_crop, FaceDetector, FaceSearch};
use crate::geometry::Rect;

/// How much a camera's auto-exposure darkens a person standing against a window.
const BACKLIT_FACE_GAIN: f32 = 0.55;

/// What is done to the scene; the truth of each rule follows from it.
#[derive(Clone, Debug, PartialEq)]
pub struct SelfieScene {
    pub distance_cm: f32,
    /// Where the face centre is, as a fraction of the frame (0.5, 0.5 = middle).
    pub centre: [f32; 2],
    pub gaussian_sigma: f32,
    pub motion_px: u32,
    /// Radius of a glare spot on the face, as a fraction of the face width (0 = none).
    pub glare_radius: f32,
    /// Brightness gain of the whole scene (1 = as is).
    pub gain: f32,
    /// A window-bright background behind the person.
    pub backlit: bool,
    /// Per-channel gain of a tinted light (1, 1, 1 = white light).
    pub tint: [f32; 3],
    /// Black-and-white camera mode.
    pub greyscale: bool,
    /// Dark lenses over both eyes.
    pub sunglasses: bool,
    /// Mirrored lenses (the sky reflected, no eye showing) over both eyes, where
    /// the portrait's landmarks put them.
    pub mirrored_lenses: bool,
    /// A lamp reflected in both lenses of clear glasses.
    pub lens_glare: bool,
}

impl Default for SelfieScene {
    fn default() -> Self {
        Self {
            distance_cm: 40.0,
            centre: [0.5, 0.5],
            gaussian_sigma: 0.0,
            motion_px: 0,
            glare_radius: 0.0,
            gain: 1.0,
            backlit: false,
            tint: [1.0; 3],
            greyscale: false,
            sunglasses: false,
            mirrored_lenses: false,
            lens_glare: false,
        }
    }
}

/// A portrait, where its face is and how far apart its eyes are, as found on the
/// portrait.
#[derive(Clone)]
pub struct Portrait {
    pub image: RgbImage,
    /// The face box, as the still search finds it.
    pub face: Rect,
    /// The distance between the eye centres in the portrait's pixels, as it would
    /// be with the head turned to the camera.
    pub eye_span_px: f32,
    /// The face's 68 landmarks in the portrait's pixels.
    pub points: [[f32; 2]; 68],
}

impl Portrait {
    /// The largest face on `image` and its eyes; `None` when no face is found.
    pub fn find(image: RgbImage) -> Option<Portrait> {
        let face = FaceDetector::new(FaceSearch::STILL)
            .detect(&crate::analysis::to_grey(&image))
            .first()?
            .rect;
        let found = landmarks::find(&image, &face);
        let shape = landmarks::measures::FaceShape::of(&found);
        Some(Portrait {
            eye_span_px: distance::facing_eye_span_px(shape.eye_distance_px, shape.pose.yaw_deg),
            points: found.points,
            image,
            face,
        })
    }
}

/// Renders the scene at `width`×`height` for a camera of `hfov_deg`. Returns the
/// frame, where the portrait's face box lands in it (the truth), and how much the
/// portrait was enlarged (above ~1.2 the face is soft whatever the scene).
pub fn render(
    portrait: &Portrait,
    background: &RgbImage,
    scene: &SelfieScene,
    width: u32,
    height: u32,
    hfov_deg: f32,
) -> (RgbImage, Rect, f32) {
    let eye_span = distance::eye_span_px_at(scene.distance_cm, width as f32, hfov_deg);
    let scale = eye_span / portrait.eye_span_px.max(1.0);
    // The head and shoulders, a little more than the head box.
    let crop = portrait_crop(&portrait.face).grown(0.15, 0.1, 0.15, 0.4);
    let (pw, ph) = portrait.image.dimensions();
    let (cx, cy, cw, ch) = crop.clamped_pixels(pw, ph).unwrap_or((0, 0, pw, ph));
    let head = imageops::crop_imm(&portrait.image, cx, cy, cw, ch).to_image();
    let nw = ((cw as f32 * scale).round() as u32).max(1);
    let nh = ((ch as f32 * scale).round() as u32).max(1);
    let mut head = imageops::resize(&head, nw, nh, imageops::FilterType::Triangle);
    if scene.backlit {
        // The camera meters for the bright window: the person goes dark.
        super::scale_brightness(&mut head, BACKLIT_FACE_GAIN);
    }

    let mut frame = if scene.backlit {
        RgbImage::from_pixel(width, height, image::Rgb([250, 250, 248]))
    } else {
        imageops::resize(background, width, height, imageops::FilterType::Triangle)
    };
    // Face box position inside the scaled crop, then the paste offset that puts
    // the face centre where the scene wants it.
    let face_in_head = Rect::new(
        (portrait.face.x - cx as f32) * scale,
        (portrait.face.y - cy as f32) * scale,
        portrait.face.w * scale,
        portrait.face.h * scale,
    );
    let [fcx, fcy] = face_in_head.center();
    let ox = scene.centre[0] * width as f32 - fcx;
    let oy = scene.centre[1] * height as f32 - fcy;
    imageops::overlay(&mut frame, &head, ox.round() as i64, oy.round() as i64);
    let face = Rect::new(
        face_in_head.x + ox.round(),
        face_in_head.y + oy.round(),
        face_in_head.w,
        face_in_head.h,
    );

    // Eyes sit at ~38 % of rustface's box height, 30 % and 70 % across.
    let eyes = [
        (face.x + face.w * 0.3, face.y + face.h * 0.38),
        (face.x + face.w * 0.7, face.y + face.h * 0.38),
    ];
    if scene.sunglasses {
        for (ex, ey) in eyes {
            let (rx, ry) = (face.w * 0.17, face.h * 0.11);
            for y in (ey - ry) as i64..=(ey + ry) as i64 {
                for x in (ex - rx) as i64..=(ex + rx) as i64 {
                    let inside =
                        ((x as f32 - ex) / rx).powi(2) + ((y as f32 - ey) / ry).powi(2) <= 1.0;
                    if inside && x >= 0 && y >= 0 && (x as u32) < width && (y as u32) < height {
                        frame.put_pixel(x as u32, y as u32, image::Rgb([22, 20, 24]));
                    }
                }
            }
        }
    }
    if scene.mirrored_lenses {
        let (dx, dy) = (
            ox.round() - cx as f32 * scale,
            oy.round() - cy as f32 * scale,
        );
        let points = portrait
            .points
            .map(|[x, y]| [x * scale + dx, y * scale + dy]);
        super::lenses::paint(&mut frame, &points, super::lenses::Lens::Mirrored, 7);
    }
    if scene.lens_glare {
        for (ex, ey) in eyes {
            super::draw_glare_spot(
                &mut frame,
                ex + face.w * 0.05,
                ey - face.h * 0.03,
                face.w * 0.05,
            );
        }
    }
    if scene.glare_radius > 0.0 {
        // On the cheek, below the eye band, where a lamp catches oily skin.
        super::draw_glare_spot(
            &mut frame,
            face.x + face.w * 0.3,
            face.y + face.h * 0.68,
            scene.glare_radius * face.w,
        );
    }
    if (scene.gain - 1.0).abs() > f32::EPSILON {
        super::scale_brightness(&mut frame, scene.gain);
    }
    if scene.tint != [1.0; 3] {
        for p in frame.pixels_mut() {
            for (c, g) in p.0.iter_mut().zip(scene.tint) {
                *c = (f32::from(*c) * g).clamp(0.0, 255.0) as u8;
            }
        }
    }
    if scene.greyscale {
        for p in frame.pixels_mut() {
            let [r, g, b] = p.0.map(u32::from);
            p.0 = [((r * 77 + g * 150 + b * 29) >> 8) as u8; 3];
        }
    }
    if scene.gaussian_sigma > 0.0 {
        frame = imageproc::filter::gaussian_blur_f32(&frame, scene.gaussian_sigma);
    }
    if scene.motion_px > 1 {
        frame = super::motion_blur_horizontal(&frame, scene.motion_px);
    }
    (frame, face, scale)
}

/// The kinds of defect the evaluation draws from, each with a known truth.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Defect {
    None,
    TooClose,
    TooFar,
    GaussianBlur,
    MotionBlur,
    Glare,
    Dark,
    Backlit,
    Tinted,
    Greyscale,
    Sunglasses,
    LensGlare,
    MirroredSunglasses,
}

impl Defect {
    pub const ALL: [Defect; 13] = [
        Defect::None,
        Defect::TooClose,
        Defect::TooFar,
        Defect::GaussianBlur,
        Defect::MotionBlur,
        Defect::Glare,
        Defect::Dark,
        Defect::Backlit,
        Defect::Tinted,
        Defect::Greyscale,
        Defect::Sunglasses,
        Defect::LensGlare,
        Defect::MirroredSunglasses,
    ];
}

/// A random scene with one defect. Values are drawn clear of the limits so that
/// the truth is unambiguous (a scene at 49.9 cm tests nothing but rounding).
/// The blur amounts are in pixels of a 1280-wide frame.
pub fn random_scene(rng: &mut Rng, defect: Defect) -> SelfieScene {
    let mut s = SelfieScene {
        distance_cm: rng.range(32.0, 48.0),
        centre: [rng.range(0.4, 0.6), rng.range(0.42, 0.55)],
        ..SelfieScene::default()
    };
    match defect {
        Defect::None => {}
        Defect::TooClose => s.distance_cm = rng.range(20.0, 26.0),
        Defect::TooFar => s.distance_cm = rng.range(58.0, 80.0),
        Defect::GaussianBlur => s.gaussian_sigma = rng.range(3.0, 6.0),
        Defect::MotionBlur => s.motion_px = rng.range(16.0, 32.0) as u32,
        Defect::Glare => s.glare_radius = rng.range(0.06, 0.12),
        Defect::Dark => s.gain = rng.range(0.2, 0.35),
        Defect::Backlit => s.backlit = true,
        // Orange tungsten or blue-green fluorescent light, uncorrected.
        Defect::Tinted => {
            s.tint = if rng.chance(0.5) {
                [1.0, 0.75, 0.45]
            } else {
                [0.6, 0.95, 1.0]
            }
        }
        Defect::Greyscale => s.greyscale = true,
        Defect::Sunglasses => s.sunglasses = true,
        Defect::LensGlare => s.lens_glare = true,
        Defect::MirroredSunglasses => s.mirrored_lenses = true,
    }
    s
}
