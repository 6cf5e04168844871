//! The demo source (`kycam --demo`): a scene the program makes itself, so that a
//! newcomer sees guidance and auto-capture work with no camera. A specimen-like
//! card slides onto a textured desk and settles, is turned over to its back, and
//! then a face moves into place.

use std::sync::Arc;
use std::time::Duration;

use image::{imageops, Rgb, RgbImage};

use crate::analysis::{self, FaceDetector, FaceSearch};
use crate::geometry::Rect;
use crate::pipeline::frame::{FrameSource, Pacing, SourceStep};
use crate::synth::rng::Rng;
use crate::synth::selfie::{self, Portrait, SelfieScene};

// Public-domain images committed in tests/fixtures (see its README).
static PORTRAIT_JPG: &[u8] = include_bytes!("../../../tests/fixtures/obama.jpg");
static DESK_PNG: &[u8] = include_bytes!("../../../tests/fixtures/coffee.png");

pub const WIDTH: u32 = 1280;
pub const HEIGHT: u32 = 720;
const HFOV_DEG: f32 = 65.0;

/// The demo's timeline, seconds from the start of a loop.
const CARD_SLIDE: (f64, f64) = (0.0, 1.5);
const CARD_END: f64 = 4.5;
/// The card shows its back (no portrait) until then: the back side's step.
const BACK_END: f64 = 9.0;
const FACE_MOVE: (f64, f64) = (9.0, 10.5);
const LOOP: f64 = 15.0;
/// Where the face settles: inside 30–50 cm, the whole head in a 16:9 frame of a
/// 65° webcam (at 40 cm the crown would be cut).
const FACE_FINAL_CM: f32 = 45.0;
const FACE_FINAL_Y: f32 = 0.52;

/// What the demo is showing at a moment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DemoPhase {
    /// The card's front, its left edge as a fraction of the frame width.
    Card { x: f32 },
    /// The card turned over, at rest where the front settled.
    Back,
    /// The face's distance and centre.
    Face { distance_cm: f32, centre: [f32; 2] },
}

/// Where things are at `t` seconds: quantised so that still phases repeat
/// exactly (and are rendered once).
pub fn phase_at(t: f64) -> DemoPhase {
    let t = t.rem_euclid(LOOP);
    let ease = |a: f64, b: f64| {
        let u = ((t - a) / (b - a)).clamp(0.0, 1.0);
        (1.0 - (1.0 - u).powi(3)) as f32 // ease-out: fast, then settling
    };
    if t < CARD_END {
        let u = ease(CARD_SLIDE.0, CARD_SLIDE.1);
        let rest = card_rest();
        DemoPhase::Card {
            // Written as a blend so that the resting place is exact.
            x: -CARD_WIDTH_FRACTION * (1.0 - u) + rest * u,
        }
    } else if t < BACK_END {
        DemoPhase::Back
    } else {
        let u = ease(FACE_MOVE.0, FACE_MOVE.1);
        DemoPhase::Face {
            distance_cm: 70.0 * (1.0 - u) + FACE_FINAL_CM * u,
            centre: [0.22 * (1.0 - u) + 0.5 * u, FACE_FINAL_Y],
        }
    }
}

/// The card's width as a share of the frame: large enough to read, with room
/// around it for every corner.
pub const CARD_WIDTH_FRACTION: f32 = 0.55;

/// Where the card comes to rest: its left edge, centred.
pub fn card_rest() -> f32 {
    (1.0 - CARD_WIDTH_FRACTION) / 2.0
}

/// A specimen-like ID-1 card: light stock, a header band, a portrait, lines of
/// print and a machine-readable zone. Not a real document of any country.
pub fn specimen_card(portrait: &RgbImage, portrait_face: &Rect, width: u32) -> RgbImage {
    let mut card = card_stock(width, [214, 216, 206]);
    let height = card.height();
    let band = height / 7;
    fill(&mut card, 0, 0, width, band, Rgb([120, 150, 190]));
    // The portrait: the head box of the photo, into a 3:4 frame on the left.
    let pw = width * 3 / 10;
    let ph = pw * 4 / 3;
    let head = analysis::selfie::head_box(portrait_face).grown(0.1, 0.05, 0.1, 0.2);
    let (iw, ih) = portrait.dimensions();
    if let Some((x, y, w, h)) = head.clamped_pixels(iw, ih) {
        let crop = imageops::crop_imm(portrait, x, y, w, h).to_image();
        let photo = imageops::resize(&crop, pw, ph, imageops::FilterType::Triangle);
        imageops::overlay(
            &mut card,
            &photo,
            i64::from(width / 20),
            i64::from(band + height / 20),
        );
    }
    // Lines of print to the right of the portrait, and two MRZ lines below.
    let mut rng = Rng::new(0x1d_ca4d);
    let ink = Rgb([40, 40, 48]);
    let text_x = width / 20 + pw + width / 25;
    let line_h = (height / 40).max(2);
    for row in 0..7 {
        let y = band + height / 15 + row * line_h * 3;
        write_words(
            &mut card,
            &mut rng,
            text_x,
            y,
            width - width / 20,
            line_h,
            ink,
        );
    }
    for row in 0..2 {
        let y = height - height / 6 + row * line_h * 2;
        write_words(
            &mut card,
            &mut rng,
            width / 20,
            y,
            width - width / 20,
            line_h,
            ink,
        );
    }
    cut_edge(&mut card);
    card
}

/// The back of [`specimen_card`]: the same stock, a narrower band, lines of
/// print across the whole width and three MRZ lines; no portrait.
pub fn specimen_back(width: u32) -> RgbImage {
    let mut card = card_stock(width, [210, 214, 212]);
    let height = card.height();
    fill(&mut card, 0, 0, width, height / 12, Rgb([150, 170, 190]));
    let mut rng = Rng::new(0xba_c4);
    let ink = Rgb([40, 40, 48]);
    let line_h = (height / 40).max(2);
    let margin = width / 20;
    for row in 0..6 {
        let y = height / 8 + row * line_h * 3;
        write_words(&mut card, &mut rng, margin, y, width - margin, line_h, ink);
    }
    for row in 0..3 {
        let y = height - height / 4 + row * line_h * 2;
        write_words(&mut card, &mut rng, margin, y, width - margin, line_h, ink);
    }
    cut_edge(&mut card);
    card
}

/// Light ID-1 card stock `width` wide with a faint guilloche-like wave.
fn card_stock(width: u32, base: [i32; 3]) -> RgbImage {
    let height = (width as f32 / 1.586).round() as u32;
    RgbImage::from_fn(width, height, |x, y| {
        let wave = ((x as f32 * 0.09).sin() * (y as f32 * 0.07).cos() * 6.0) as i32;
        let v = |c: i32| (c + wave).clamp(0, 255) as u8;
        Rgb([v(base[0]), v(base[1]), v(base[2])])
    })
}

/// A thin darker edge, as the cut edge of a card shows.
fn cut_edge(card: &mut RgbImage) {
    let (width, height) = card.dimensions();
    let edge = Rgb([150, 150, 145]);
    fill(card, 0, 0, width, 2, edge);
    fill(card, 0, height - 2, width, 2, edge);
    fill(card, 0, 0, 2, height, edge);
    fill(card, width - 2, 0, 2, height, edge);
}

fn fill(img: &mut RgbImage, x: u32, y: u32, w: u32, h: u32, c: Rgb<u8>) {
    let (iw, ih) = img.dimensions();
    for yy in y..(y + h).min(ih) {
        for xx in x..(x + w).min(iw) {
            img.put_pixel(xx, yy, c);
        }
    }
}

/// Word-like blocks with letter gaps, from `x0` to at most `x1`.
fn write_words(img: &mut RgbImage, rng: &mut Rng, x0: u32, y: u32, x1: u32, h: u32, ink: Rgb<u8>) {
    let end = x0 + ((x1 - x0) as f32 * rng.range(0.55, 1.0)) as u32;
    let mut x = x0;
    let letter = (h * 2 / 3).max(2);
    while x + letter < end {
        let letters = 2 + rng.index(8) as u32;
        for _ in 0..letters {
            if x + letter >= end {
                break;
            }
            // Letters of varying ink height, like capitals and lower case.
            let top = if rng.chance(0.4) { 0 } else { h / 3 };
            fill(img, x, y + top, letter - 1, h - top, ink);
            x += letter + 1;
        }
        x += letter * 2;
    }
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

/// The demo's pictures, built once.
pub struct DemoAssets {
    pub portrait: RgbImage,
    pub portrait_face: Rect,
    pub desk: RgbImage,
    pub card: RgbImage,
    /// The card's back.
    pub back: RgbImage,
}

impl DemoAssets {
    /// Decodes the embedded images and finds the portrait's face (~0.3 s).
    pub fn load() -> Result<Self, String> {
        let decode = |bytes: &[u8], what: &str| {
            image::load_from_memory(bytes)
                .map(|i| i.to_rgb8())
                .map_err(|e| format!("the demo's {what} image is damaged: {e}"))
        };
        let portrait = decode(PORTRAIT_JPG, "portrait")?;
        let texture = decode(DESK_PNG, "desk")?;
        let portrait_face = FaceDetector::new(FaceSearch::STILL)
            .detect(&analysis::to_grey(&portrait))
            .first()
            .map(|f| f.rect)
            .ok_or("no face found in the demo's portrait")?;
        let desk = crate::synth::background(&texture, WIDTH, HEIGHT, 120.0);
        let card_width = (WIDTH as f32 * CARD_WIDTH_FRACTION) as u32;
        let card = specimen_card(&portrait, &portrait_face, card_width);
        Ok(Self {
            portrait,
            portrait_face,
            desk,
            card,
            back: specimen_back(card_width),
        })
    }

    pub fn render(&self, phase: DemoPhase) -> RgbImage {
        match phase {
            DemoPhase::Card { x } => card_scene(&self.desk, &self.card, x),
            DemoPhase::Back => card_scene(&self.desk, &self.back, card_rest()),
            DemoPhase::Face {
                distance_cm,
                centre,
            } => {
                let scene = SelfieScene {
                    distance_cm,
                    centre,
                    ..SelfieScene::default()
                };
                let portrait = Portrait {
                    image: &self.portrait,
                    face: self.portrait_face,
                };
                selfie::render(&portrait, &self.desk, &scene, WIDTH, HEIGHT, HFOV_DEG).0
            }
        }
    }
}

struct Demo {
    assets: DemoAssets,
    pacing: Pacing,
    frame_time: Duration,
    n: u64,
    last: Option<(DemoPhase, Arc<RgbImage>)>,
}

/// Opens the demo at `fps` (0 = as fast as the analysis takes frames, timed as 30 fps).
pub fn open(fps: f32) -> Result<Box<dyn FrameSource>, String> {
    let (pacing, rate) = if fps > 0.0 {
        (Pacing::Fps(fps), fps)
    } else {
        (Pacing::Lossless, 30.0)
    };
    Ok(Box::new(Demo {
        assets: DemoAssets::load()?,
        pacing,
        frame_time: Duration::from_secs_f32(1.0 / rate),
        n: 0,
        last: None,
    }))
}

impl FrameSource for Demo {
    fn pacing(&self) -> Pacing {
        self.pacing
    }

    fn next(&mut self) -> SourceStep {
        let phase = phase_at((self.frame_time * self.n as u32).as_secs_f64());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timeline_slides_the_card_in_turns_it_over_then_the_face() {
        assert!(matches!(phase_at(0.0), DemoPhase::Card { x } if x < 0.0));
        assert_eq!(phase_at(2.0), DemoPhase::Card { x: card_rest() });
        assert_eq!(phase_at(2.0), phase_at(4.0), "the card holds still");
        assert_eq!(phase_at(5.0), DemoPhase::Back);
        assert_eq!(phase_at(5.0), phase_at(8.5), "the back holds still");
        assert!(matches!(phase_at(9.1), DemoPhase::Face { distance_cm, .. } if distance_cm > 60.0));
        assert_eq!(
            phase_at(12.0),
            DemoPhase::Face {
                distance_cm: FACE_FINAL_CM,
                centre: [0.5, FACE_FINAL_Y]
            }
        );
        assert_eq!(phase_at(0.3), phase_at(LOOP + 0.3), "it loops");
    }
}
