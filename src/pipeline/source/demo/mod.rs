//! The demo source (`kycam --demo`): a scene the program makes itself, so that a
//! newcomer sees guidance and auto-capture work with no camera. It shows what
//! the step asks for (a card's front with its portrait, the card's back, a
//! passport data page, a face at selfie distance), runs through the typical
//! problems (too far, a corner out, glare, tilted, blurred) and then settles so
//! that the photo is taken by itself (timeline.rs).

mod cards;
mod timeline;

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use image::{imageops, RgbImage};

pub use cards::{specimen_back, specimen_card, specimen_passport_page};
pub use timeline::{phase_for, DemoDocument, DemoShot, DocLook, FaceLook};

use crate::pipeline::frame::{FrameSource, Pacing, SourceStep};
use crate::shot::Shot;
use crate::synth::selfie::{self, Portrait, SelfieScene};

// Public-domain images committed in tests/fixtures (see its README).
static PORTRAIT_JPG: &[u8] = include_bytes!("../../../../tests/fixtures/obama.jpg");
static DESK_PNG: &[u8] = include_bytes!("../../../../tests/fixtures/coffee.png");

pub const WIDTH: u32 = 1280;
pub const HEIGHT: u32 = 720;
const HFOV_DEG: f32 = 65.0;

/// Where the face settles: inside 30–50 cm, the whole head in a 16:9 frame of a
/// 65° webcam (at 40 cm the crown would be cut).
const FACE_FINAL_CM: f32 = 45.0;
const FACE_FINAL_Y: f32 = 0.52;

/// The card's width as a share of the frame: large enough to read, with room
/// around it for every corner.
pub const CARD_WIDTH_FRACTION: f32 = 0.55;

/// Out of focus: a Gaussian of this many pixels fails sharpness clearly.
const BLUR_SIGMA: f32 = 4.0;

/// A lamp's spot on the cheek as a share of the face's width: small enough that
/// the face is still found (larger spots hide it from the detector).
const FACE_GLARE_RADIUS: f32 = 0.04;

/// What the demo is showing at a moment; equal phases are rendered once.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DemoPhase {
    /// The card's front, straight, its left edge at `x` (a fraction of the
    /// frame's width).
    Card { x: f32 },
    /// The card turned over, at rest where the front settles.
    Back,
    /// The face's distance and centre.
    Face { distance_cm: f32, centre: [f32; 2] },
    /// A document as the timeline places it.
    Document(DocLook),
    /// The face as the timeline places it.
    Selfie(FaceLook),
}

/// Where the card comes to rest: its left edge, centred.
pub fn card_rest() -> f32 {
    (1.0 - CARD_WIDTH_FRACTION) / 2.0
}

/// The card on the desk with its left edge at `x` (fraction of the width),
/// vertically centred, straight.
pub fn card_scene(desk: &RgbImage, card: &RgbImage, x: f32) -> RgbImage {
    let mut frame = desk.clone();
    let (w, h) = frame.dimensions();
    let top = (h.saturating_sub(card.height())) / 2;
    imageops::overlay(
        &mut frame,
        card,
        (x * w as f32).round() as i64,
        i64::from(top),
    );
    frame
}

/// `doc` on the desk, its left edge at `x` (a fraction of the width),
/// vertically centred, turned `tilt_deg` clockwise about its centre.
fn placed(desk: &RgbImage, doc: &RgbImage, x: f32, tilt_deg: f32) -> RgbImage {
    if tilt_deg == 0.0 {
        return card_scene(desk, doc, x);
    }
    use imageproc::geometric_transformations::{rotate_about_center, Border, Interpolation};
    // On a transparent square canvas large enough for any turn.
    let (w, h) = doc.dimensions();
    let side = ((w * w + h * h) as f32).sqrt().ceil() as u32;
    let mut canvas = image::RgbaImage::new(side, side);
    let rgba = image::DynamicImage::ImageRgb8(doc.clone()).to_rgba8();
    imageops::overlay(
        &mut canvas,
        &rgba,
        i64::from((side - w) / 2),
        i64::from((side - h) / 2),
    );
    let turned = rotate_about_center(
        &canvas,
        tilt_deg.to_radians(),
        Interpolation::Bilinear,
        Border::Constant(image::Rgba([0, 0, 0, 0])),
    );
    let mut frame = image::DynamicImage::ImageRgb8(desk.clone()).to_rgba8();
    let (fw, fh) = frame.dimensions();
    let left = (x * fw as f32).round() as i64 - i64::from((side - w) / 2);
    let top = i64::from(fh / 2) - i64::from(side / 2);
    imageops::overlay(&mut frame, &turned, left, top);
    image::DynamicImage::ImageRgba8(frame).to_rgb8()
}

/// The demo's pictures, built once.
pub struct DemoAssets {
    pub portrait: Portrait,
    pub desk: RgbImage,
    pub card: RgbImage,
    pub back: RgbImage,
    pub passport_page: RgbImage,
}

impl DemoAssets {
    /// Decodes the embedded images and finds the portrait's face (~0.3 s).
    pub fn load() -> Result<Self, String> {
        let decode = |bytes: &[u8], what: &str| {
            image::load_from_memory(bytes)
                .map(|i| i.to_rgb8())
                .map_err(|e| format!("the demo's {what} image is damaged: {e}"))
        };
        let portrait = Portrait::find(decode(PORTRAIT_JPG, "portrait")?)
            .ok_or("no face found in the demo's portrait")?;
        let texture = decode(DESK_PNG, "desk")?;
        let desk = crate::synth::background(&texture, WIDTH, HEIGHT, 120.0);
        let card_width = (WIDTH as f32 * CARD_WIDTH_FRACTION) as u32;
        let card = specimen_card(&portrait.image, &portrait.face, card_width);
        let back = specimen_back(card_width);
        let passport_page =
            specimen_passport_page(&portrait.image, &portrait.face, (WIDTH as f32 * 0.6) as u32);
        Ok(Self {
            portrait,
            desk,
            card,
            back,
            passport_page,
        })
    }

    pub fn render(&self, phase: DemoPhase) -> RgbImage {
        match phase {
            DemoPhase::Card { x } => card_scene(&self.desk, &self.card, x),
            DemoPhase::Back => card_scene(&self.desk, &self.back, card_rest()),
            DemoPhase::Face {
                distance_cm,
                centre,
            } => self.face(FaceLook {
                distance_cm,
                centre,
                glare: false,
                blur: false,
            }),
            DemoPhase::Document(look) => self.document(&look),
            DemoPhase::Selfie(look) => self.face(look),
        }
    }

    fn face(&self, look: FaceLook) -> RgbImage {
        let scene = SelfieScene {
            distance_cm: look.distance_cm,
            centre: look.centre,
            glare_radius: if look.glare { FACE_GLARE_RADIUS } else { 0.0 },
            gaussian_sigma: if look.blur { BLUR_SIGMA } else { 0.0 },
            ..SelfieScene::default()
        };
        selfie::render(&self.portrait, &self.desk, &scene, WIDTH, HEIGHT, HFOV_DEG).0
    }

    fn document(&self, look: &DocLook) -> RgbImage {
        let image = match look.doc {
            DemoDocument::Front => &self.card,
            DemoDocument::Back => &self.back,
            DemoDocument::PassportPage => &self.passport_page,
        };
        let width = ((WIDTH as f32 * look.width).round() as u32).max(8);
        let height = (image.height() as f32 * width as f32 / image.width() as f32).round() as u32;
        let sized = if width == image.width() {
            image.clone()
        } else {
            imageops::resize(image, width, height, imageops::FilterType::Triangle)
        };
        let mut frame = placed(&self.desk, &sized, look.x, look.tilt_deg);
        if look.glare {
            let cx = (look.x + look.width * 0.62) * WIDTH as f32;
            crate::synth::draw_glare_spot(
                &mut frame,
                cx,
                HEIGHT as f32 * 0.45,
                HEIGHT as f32 * 0.06,
            );
        }
        if look.blur {
            frame = imageops::blur(&frame, BLUR_SIGMA);
        }
        frame
    }
}

/// The demo's pictures, built on the first demo of the process and kept: every
/// step of a session opens the source again, and building them (~0.3 s, much
/// longer on a busy machine) must not make each step wait.
fn shared_assets() -> Result<Arc<DemoAssets>, String> {
    static ASSETS: OnceLock<Arc<DemoAssets>> = OnceLock::new();
    if let Some(assets) = ASSETS.get() {
        return Ok(Arc::clone(assets));
    }
    let assets = Arc::new(DemoAssets::load()?);
    Ok(Arc::clone(ASSETS.get_or_init(|| assets)))
}

struct Demo {
    assets: Arc<DemoAssets>,
    pacing: Pacing,
    frame_time: Duration,
    shot: Arc<DemoShot>,
    /// The shot being shown and the frame its step began on.
    showing: Option<(Shot, u64)>,
    n: u64,
    last: Option<(DemoPhase, Arc<RgbImage>)>,
}

/// Opens the demo at `fps` (0 = as fast as the analysis takes frames, timed as
/// 30 fps), showing what `shot` asks for as it changes.
pub fn open(fps: f32, shot: Arc<DemoShot>) -> Result<Box<dyn FrameSource>, String> {
    let (pacing, rate) = if fps > 0.0 {
        (Pacing::Fps(fps), fps)
    } else {
        (Pacing::Lossless, 30.0)
    };
    Ok(Box::new(Demo {
        assets: shared_assets()?,
        pacing,
        frame_time: Duration::from_secs_f32(1.0 / rate),
        shot,
        showing: None,
        n: 0,
        last: None,
    }))
}

impl FrameSource for Demo {
    fn pacing(&self) -> Pacing {
        self.pacing
    }

    fn next(&mut self) -> SourceStep {
        let shot = self.shot.get();
        // A new step starts the timeline from the beginning.
        let began = match self.showing {
            Some((s, began)) if s == shot => began,
            _ => {
                self.showing = Some((shot, self.n));
                self.n
            }
        };
        let t = self.frame_time.as_secs_f64() * (self.n - began) as f64;
        let phase = phase_for(shot, t);
        self.n += 1;
        if let Some((last, rgb)) = &self.last {
            if *last == phase {
                return SourceStep::Frame(Arc::clone(rgb));
            }
        }
        let rgb = Arc::new(self.assets.render(phase));
        self.last = Some((phase, Arc::clone(&rgb)));
        SourceStep::Frame(rgb)
    }
}
