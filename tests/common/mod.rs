//! Shared helpers for document tests, the evaluation example and the bench: fixture
//! paths, image loading and the synthetic-scene inputs.
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

/// The 68 landmarks of the largest face in `rgb`, found as `kycam check` finds them
/// (the still face search, then the landmark net).
pub fn selfie_landmarks(rgb: &RgbImage) -> [[f32; 2]; 68] {
    use kycam::analysis::{self, FaceDetector, FaceSearch};
    let grey = analysis::to_grey(rgb);
    let faces = FaceDetector::new(FaceSearch::STILL).detect(&grey);
    let m = analysis::measure(rgb, &grey, kycam::Shot::Selfie, &faces, Default::default());
    m.selfie
        .and_then(|s| s.landmarks)
        .expect("a face with landmarks")
        .points
}

/// `rgb` with `lens` painted over the eyes its landmarks find (src/synth/lenses.rs).
pub fn with_lenses(rgb: &RgbImage, lens: kycam::synth::lenses::Lens, seed: u64) -> RgbImage {
    let mut out = rgb.clone();
    kycam::synth::lenses::paint(&mut out, &selfie_landmarks(rgb), lens, seed);
    out
}

/// Whether rule `id` holds on the photo file at `path` checked as `shot` (as
/// `kycam check` does); a rule not reported fails the test.
pub fn file_passes(path: &Path, shot: kycam::Shot, id: kycam::rules::RuleId) -> bool {
    let report = kycam::check::Checker::new(None)
        .check_file(path, shot)
        .unwrap_or_else(|e| panic!("{e}"));
    verdict_on(&report.checks, id).pass
}

/// The verdict on rule `id` among `verdicts`; a rule not reported fails the test.
pub fn verdict_on(
    verdicts: &[kycam::rules::Verdict],
    id: kycam::rules::RuleId,
) -> &kycam::rules::Verdict {
    verdicts
        .iter()
        .find(|v| v.id == id)
        .unwrap_or_else(|| panic!("{id} not reported"))
}

/// The committed portrait `obama.jpg` at the default selfie scene on the committed
/// brick wall, `width`×`height` at 65°: the benches' selfie frame.
pub fn obama_on_brick(width: u32, height: u32) -> RgbImage {
    use kycam::synth::selfie::{self, Portrait, SelfieScene};
    let portrait = image::open(fixture("obama.jpg"))
        .expect("fixture")
        .to_rgb8();
    let portrait = Portrait::find(portrait).expect("a face in obama.jpg");
    let texture = image::open(fixture("brick.png"))
        .expect("fixture")
        .to_rgb8();
    let bg = kycam::synth::background(&texture, width, height, 110.0);
    selfie::render(&portrait, &bg, &SelfieScene::default(), width, height, 65.0).0
}

/// Held by each GUI session test for its whole run: each drives real-time
/// pipeline threads and a software renderer, and on two cores sessions run side
/// by side starve each other's auto-capture (a stretch of replayed frames passes
/// before enough of it is analysed).
pub fn one_gui_session_at_a_time() -> std::sync::MutexGuard<'static, ()> {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    // A test that failed while holding it leaves it poisoned; the next runs anyway.
    ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner())
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

/// The image at `path` as `kycam check` reads it (also the YCbCr TIFF of MIDV-500).
pub fn load_rgb(path: &Path) -> Option<RgbImage> {
    kycam::imageio::load_image(path).ok().map(|i| i.rgb)
}

/// The committed photo of a printed passport page lying upside down
/// (`yushulx_passport_180.jpg`), its portrait painted over with plain paper: only
/// its machine-readable zone tells which way up it lies.
pub fn passport_upside_down_without_portrait() -> RgbImage {
    let mut page =
        load_rgb(&fixture("yushulx_passport_180.jpg")).expect("committed passport photo");
    // The portrait is upside down at the page's right in the picture.
    for y in 530..770 {
        for x in 470..645 {
            page.put_pixel(x, y, image::Rgb([226, 228, 232]));
        }
    }
    page
}

pub fn load_grey(path: &Path) -> Option<GrayImage> {
    load_rgb(path).map(|i| kycam::analysis::to_grey(&i))
}

/// Face for the synthetic portrait and the four desk textures. A missing or
/// unreadable fixture stops the caller with its path: drawing the scenes without
/// them would silently change every synthetic scene (a bench built in a checkout
/// that is later removed would time blank desks).
pub fn synth_inputs() -> (RgbImage, Vec<RgbImage>) {
    let required = |name: &str| {
        let path = fixture(name);
        load_rgb(&path).unwrap_or_else(|| panic!("cannot read fixture {}", path.display()))
    };
    // The portrait on the card is an ID photo cut around the astronaut's face.
    let photo = required("astronaut.png");
    let faces = kycam::analysis::FaceDetector::new(kycam::analysis::FaceSearch::STILL)
        .detect(&kycam::analysis::to_grey(&photo));
    let face = faces
        .first()
        .map(|f| kycam::synth::document::id_photo(&photo, f.rect))
        .expect("no face found on fixture astronaut.png");
    let textures = ["brick.png", "grass.png", "gravel.png", "coffee.png"]
        .iter()
        .map(|n| required(n))
        .collect();
    (face, textures)
}

/// The specimen documents of ../shared/fixtures/documents (scans and drawings of
/// passport pages and ID cards) and the outline each is searched for.
pub const SPECIMENS: [(&str, kycam::analysis::document::DocShape); 12] = {
    use kycam::analysis::document::DocShape;
    [
        ("specimen_62_pass-aus.png", DocShape::PassportPage),
        ("specimen_100_pass-lux.jpg", DocShape::PassportPage),
        ("specimen_0_pass-lva.jpg", DocShape::PassportPage),
        ("specimen_100_pass-cze.jpg", DocShape::PassportPage),
        ("specimen_100_pass-uto.jpg", DocShape::PassportPage),
        ("specimen_79_pass-can.jpg", DocShape::PassportPage),
        ("specimen_43_pass-fra.jpg", DocShape::PassportPage),
        ("specimen_icao_utopia_td3.png", DocShape::PassportPage),
        ("specimen_icao_utopia_td2.png", DocShape::Id1),
        ("specimen_100_id-rou.jpg", DocShape::Id1),
        ("specimen_100_id-che.jpg", DocShape::Id1),
        ("specimen_53_id-d.jpg", DocShape::Id1),
    ]
};

/// Real skin to fill a composited thumb with: the forehead of the public-domain
/// portrait obama.jpg (120 × 50 px, between the brows and the hairline).
pub fn thumb_skin() -> RgbImage {
    let path = fixture("obama.jpg");
    let photo = load_rgb(&path).unwrap_or_else(|| panic!("cannot read fixture {}", path.display()));
    kycam::synth::document::skin_patch(&photo, (440, 115, 120, 50))
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
