//! Shared by the tests that drive the window headless with egui_kittest (gui,
//! gui_match, gui_practice, gui_zh, snapshots): the frames they replay, the harness, and
//! the steps a person takes. Frames are stepped until a condition holds, with a
//! generous cap: never a timing assertion.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use image::RgbImage;

use kycam::analysis::{self, FaceDetector, FaceSearch};
use kycam::geometry::Rect;
use kycam::gui::flow::Page;
use kycam::gui::{KycamApp, LaunchOptions, SourceChoice};
use kycam::pipeline::source::demo::DemoAssets;
use kycam::synth::selfie::{render, Portrait, SelfieScene};
use kycam::Shot;

/// The smallest window kycam is laid out for.
pub const SMALLEST_WINDOW: egui::Vec2 = egui::Vec2::new(1024.0, 640.0);
/// The replayed camera's horizontal field of view (a laptop webcam's).
pub const HFOV_DEG: f32 = 65.0;
/// Steps of at most `STEP_SLEEP` each: far more than a session needs on a slow machine.
pub const MAX_STEPS: usize = 6000;
pub const STEP_SLEEP: Duration = Duration::from_millis(10);

/// A committed photo and the face found in it.
pub fn photo(name: &str) -> (RgbImage, Rect) {
    let rgb = image::open(kycam::fixtures::committed(name))
        .map(|i| i.to_rgb8())
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let face = FaceDetector::new(FaceSearch::STILL)
        .detect(&analysis::to_grey(&rgb))
        .first()
        .map(|f| f.rect)
        .unwrap_or_else(|| panic!("no face found in {name}"));
    (rgb, face)
}

/// The face of committed photo `name` at `distance_cm` in front of a textured wall,
/// whole head in frame.
pub fn selfie_frame(name: &str, width: u32, height: u32, distance_cm: f32) -> RgbImage {
    let (portrait, _) = photo(name);
    let portrait = Portrait::find(portrait).unwrap_or_else(|| panic!("no face found in {name}"));
    let wall = image::open(kycam::fixtures::committed("brick.png"))
        .map(|i| i.to_rgb8())
        .unwrap_or_else(|e| panic!("the committed texture: {e}"));
    let background = kycam::synth::background(&wall, width, height, 130.0);
    let scene = SelfieScene {
        distance_cm,
        centre: [0.5, 0.52],
        ..SelfieScene::default()
    };
    render(&portrait, &background, &scene, width, height, HFOV_DEG).0
}

/// A passport data page lying straight on a desk: the first seeded plain scene on
/// which every passport rule passes (the generator varies size and position).
pub fn passport_frame() -> RgbImage {
    use kycam::synth::document::{render_scene, SceneParams};
    let load = |name: &str| {
        image::open(kycam::fixtures::committed(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .to_rgb8()
    };
    let (photo, face_rect) = photo("astronaut.png");
    let face = kycam::synth::document::id_photo(&photo, face_rect);
    let textures: Vec<RgbImage> = ["brick.png", "grass.png", "gravel.png", "coffee.png"]
        .iter()
        .map(|n| load(n))
        .collect();
    let params = SceneParams {
        shape: kycam::shot::DocumentShape::PassportPage,
        ..SceneParams::plain()
    };
    let mut detector = FaceDetector::new(FaceSearch::LIVE);
    (0..40)
        .map(|seed| render_scene(seed, &params, &face, &textures).0)
        .find(|frame| {
            let grey = analysis::to_grey(frame);
            let faces = detector.detect(&grey);
            let m = analysis::measure(frame, &grey, Shot::Passport, &faces, Default::default());
            kycam::rules::all_pass(&kycam::rules::judge(&m))
        })
        .unwrap_or_else(|| panic!("no plain passport scene passes every rule"))
}

/// Writes `count` copies of `frame` named `{prefix}{n:03}.jpg` (hard links after the first).
pub fn write_frames(dir: &Path, prefix: &str, frame: &RgbImage, count: usize) {
    let first = dir.join(format!("{prefix}000.jpg"));
    frame
        .save(&first)
        .unwrap_or_else(|e| panic!("{}: {e}", first.display()));
    for n in 1..count {
        let path = dir.join(format!("{prefix}{n:03}.jpg"));
        if std::fs::hard_link(&first, &path).is_err() {
            std::fs::copy(&first, &path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }
}

/// A temporary folder with an empty `frames/` to replay and where `photos/` go.
pub fn workspace() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let frames = dir.path().join("frames");
    std::fs::create_dir_all(&frames).unwrap_or_else(|e| panic!("{e}"));
    let out = dir.path().join("photos");
    (dir, frames, out)
}

/// A [`workspace`] and the demo's pictures (desk, card, back, passport page),
/// what most replayed sessions build their frames from.
pub fn demo_workspace() -> (tempfile::TempDir, PathBuf, PathBuf, DemoAssets) {
    let (dir, frames, out) = workspace();
    let assets = DemoAssets::load().unwrap_or_else(|e| panic!("{e}"));
    (dir, frames, out, assets)
}

/// Launched on `source`, saving under `out`, in English: the screens are read by
/// their English words.
pub fn launch(source: SourceChoice, out: &Path) -> LaunchOptions {
    LaunchOptions {
        source,
        out_dir: Some(out.to_owned()),
        hfov_deg: Some(HFOV_DEG),
        fps: 30.0,
        lang: Some(kycam::i18n::Lang::En),
    }
}

/// Launched on the frames in `frames`, replayed at 30 a second.
pub fn launch_on(frames: &Path, out: &Path) -> LaunchOptions {
    launch(SourceChoice::Frames(frames.to_owned()), out)
}

/// The whole app in a headless window of `size`.
pub fn app_harness(launch: LaunchOptions, size: egui::Vec2) -> Harness<'static, KycamApp> {
    Harness::builder()
        .with_size(size)
        .with_render_cursor(false)
        .build_eframe(move |cc| KycamApp::new(cc, launch))
}

/// The open question's heading is `heading`.
pub fn assert_asked(harness: &Harness<'_, KycamApp>, heading: &str) {
    assert_eq!(
        harness.state().question().map(|q| q.heading()).as_deref(),
        Some(heading)
    );
}

/// The question `heading` is open; it is answered with the button `answer` on
/// the next frame (a question's buttons are laid out on the frame after it
/// opened).
pub fn answer_question(harness: &mut Harness<'_, KycamApp>, heading: &str, answer: &str) {
    assert_asked(harness, heading);
    harness.step();
    click(harness, Role::Button, answer);
}

/// Each of `labels` is a button on the screen (the query panics naming the one
/// that is missing).
pub fn assert_buttons(harness: &Harness<'_, KycamApp>, labels: &[&str]) {
    for label in labels {
        harness.get_by_role_and_label(Role::Button, label);
    }
}

/// None of `words` is on the screen (`place` names the screen in the message).
pub fn assert_no_label_contains(harness: &Harness<'_, KycamApp>, words: &[&str], place: &str) {
    for word in words {
        assert!(
            harness.query_by_label_contains(word).is_none(),
            "{word:?} on {place}"
        );
    }
}

/// Steps frames (the pipeline runs on its own threads in real time) until `done`.
pub fn step_until(
    harness: &mut Harness<'_, KycamApp>,
    what: &str,
    done: impl Fn(&KycamApp) -> bool,
) {
    for _ in 0..MAX_STEPS {
        harness.step();
        if done(harness.state()) {
            return;
        }
        std::thread::sleep(STEP_SLEEP);
    }
    panic!(
        "gave up waiting for {what}; page {:?}, notice {:?}, failing {:?}",
        harness.state().flow().page(),
        harness.state().notice(),
        harness.state().report().map(|r| r.failing())
    );
}

/// Steps frames until the review of `shot` is open (`what` names the wait in the
/// panic message).
pub fn step_until_review(harness: &mut Harness<'_, KycamApp>, shot: Shot, what: &str) {
    step_until(harness, what, |app| reviewing(app) == Some(shot));
}

/// Waits for the review of `shot` and keeps the photo with "Use this photo" on
/// the next frame (the review's buttons are laid out on the frame after it opened).
pub fn use_when_reviewed(harness: &mut Harness<'_, KycamApp>, shot: Shot, what: &str) {
    step_until_review(harness, shot, what);
    harness.step();
    click(harness, Role::Button, "Use this photo");
}

/// On Done, the first shot's "Retake": asked first, and confirmed.
pub fn retake_the_first_from_done(harness: &mut Harness<'_, KycamApp>) {
    click_first(harness, Role::Button, "Retake");
    answer_question(
        harness,
        "Delete this photo and take it again?",
        "Delete and retake",
    );
}

/// Steps frames until a label containing `text` is on screen.
pub fn step_until_label(harness: &mut Harness<'_, KycamApp>, text: &str) {
    for _ in 0..MAX_STEPS {
        harness.step();
        if harness.query_by_label_contains(text).is_some() {
            return;
        }
        std::thread::sleep(STEP_SLEEP);
    }
    panic!("gave up waiting for {text:?} on the page");
}

/// Steps frames until no label containing `text` is on screen, and one more so
/// that the page is laid out without it.
pub fn step_until_gone(harness: &mut Harness<'_, KycamApp>, text: &str) {
    for _ in 0..MAX_STEPS {
        harness.step();
        if harness.query_by_label_contains(text).is_none() {
            harness.step();
            return;
        }
        std::thread::sleep(STEP_SLEEP);
    }
    panic!("gave up waiting for {text:?} to leave the page");
}

/// Steps for about `duration` of real time.
pub fn run_for(harness: &mut Harness<'_, KycamApp>, duration: Duration) {
    let start = std::time::Instant::now();
    while start.elapsed() < duration {
        harness.step();
        std::thread::sleep(STEP_SLEEP);
    }
}

/// Clicks the widget of `role` labelled `label` and lets the window answer.
pub fn click(harness: &mut Harness<'_, KycamApp>, role: Role, label: &str) {
    wait_in_place(harness, |h| h.get_by_role_and_label(role, label).rect());
    harness.get_by_role_and_label(role, label).click();
    harness.step();
    harness.step();
}

/// Steps until the widget `rect_of` finds stays put from one frame to the next: a
/// page just shown, or one whose contents just changed (an answer replacing a
/// spinner), may move its widgets for a frame or two, and a click aimed from a
/// frame before would land beside the button.
fn wait_in_place(
    harness: &mut Harness<'_, KycamApp>,
    rect_of: impl Fn(&Harness<'_, KycamApp>) -> egui::Rect,
) {
    let mut before = rect_of(harness);
    for _ in 0..20 {
        harness.step();
        let now = rect_of(harness);
        if now == before {
            return;
        }
        before = now;
    }
}

/// Clicks the first of the widgets of `role` labelled `label` (Done has a Retake
/// for each photo) and lets the window answer.
pub fn click_first(harness: &mut Harness<'_, KycamApp>, role: Role, label: &str) {
    let first = |h: &Harness<'_, KycamApp>| {
        h.get_all_by_role_and_label(role, label)
            .next()
            .map(|n| n.rect())
            .unwrap_or(egui::Rect::NOTHING)
    };
    wait_in_place(harness, first);
    harness
        .get_all_by_role_and_label(role, label)
        .next()
        .unwrap_or_else(|| panic!("no {role:?} labelled {label:?}"))
        .click();
    harness.step();
    harness.step();
}

/// Presses `key` and lets the window answer.
pub fn press(harness: &mut Harness<'_, KycamApp>, key: egui::Key) {
    harness.key_press(key);
    harness.step();
    harness.step();
}

/// The shot whose review is open, if one is.
pub fn reviewing(app: &KycamApp) -> Option<Shot> {
    match app.flow().page() {
        Page::Review(saved) => Some(saved.shot),
        _ => None,
    }
}

/// The folder of the session under way (or the last one): each session has its own.
pub fn session(harness: &Harness<'_, KycamApp>) -> PathBuf {
    harness
        .state()
        .photos_dir()
        .unwrap_or_else(|| panic!("no session folder"))
}

/// A session folder's session.json.
pub fn session_json(dir: &Path) -> serde_json::Value {
    let path = dir.join("session.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("session.json: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("session.json: {e}"))
}

/// Where screenshots go: docs/screenshots with `UPDATE_SCREENSHOTS=1`, else `fallback`.
pub fn screenshots_dir(fallback: &Path) -> PathBuf {
    let dir = if std::env::var_os("UPDATE_SCREENSHOTS").is_some() {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots")
    } else {
        fallback.to_owned()
    };
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    dir
}

/// Saves the window as `dir/name.png`, two frames on so that the newest preview is
/// uploaded and laid out.
pub fn screenshot(harness: &mut Harness<'_, KycamApp>, dir: &Path, name: &str) {
    harness.step();
    harness.step();
    save_window(harness, dir, name);
}

/// Saves the window as it was last drawn as `dir/name.png` (a moment that the next
/// frames may end, such as the hold before a capture).
pub fn save_window(harness: &mut Harness<'_, KycamApp>, dir: &Path, name: &str) {
    let image = harness
        .render()
        .unwrap_or_else(|e| panic!("rendering {name}: {e}"));
    let path = dir.join(format!("{name}.png"));
    image
        .save(&path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}
