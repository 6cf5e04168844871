//! The window in Simplified Chinese, driven headless with egui_kittest: every
//! screen drawn at the smallest window kycam is laid out for (1024×640), found by
//! its Chinese words; and the language picked in Settings, which changes the
//! words at once and is kept with the settings.
//!
//! `UPDATE_SCREENSHOTS=1 cargo test --test gui_zh` rewrites docs/screenshots/zh/.
//! The language is process-wide: the tests here take turns
//! (common::one_gui_session_at_a_time); the harness, frames and steps are
//! tests/gui_common's.

mod common;
mod gui_common;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use image::RgbImage;

use gui_common::*;
use kycam::gui::flow::Page;
use kycam::gui::settings::Settings;
use kycam::gui::{KycamApp, LaunchOptions, SourceChoice};
use kycam::i18n::{self, Lang};
use kycam::pipeline::liveness::{Step, StepState};
use kycam::pipeline::source::demo::DemoAssets;
use kycam::rules::RuleId;
use kycam::{tr, Shot};

/// eframe's storage kept in memory: what the settings file would hold.
#[derive(Default)]
struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

/// The app with `storage` as its settings file.
fn harness_with(
    launch: LaunchOptions,
    storage: &'static MemoryStorage,
) -> Harness<'static, KycamApp> {
    let mut harness = Harness::builder()
        .with_size(SMALLEST_WINDOW)
        .with_render_cursor(false)
        .build_eframe(move |cc| {
            cc.storage = Some(storage);
            KycamApp::new(cc, launch)
        });
    harness.step();
    harness
}

fn chinese(source: SourceChoice, out: &Path) -> Harness<'static, KycamApp> {
    let launch = LaunchOptions {
        lang: Some(Lang::ZhCn),
        ..launch(source, out)
    };
    let mut harness = app_harness(launch, SMALLEST_WINDOW);
    harness.step();
    harness
}

fn step_state(app: &KycamApp, step: Step) -> Option<StepState> {
    app.practice().map(|p| p.state(step))
}

/// A passport page (the demo's specimen) whose holder is the astronaut of the
/// committed photos, lying straight on the demo's desk.
fn astronaut_passport_page(assets: &DemoAssets) -> RgbImage {
    use kycam::pipeline::source::demo::{card_scene, specimen_passport_page, WIDTH};
    /// The page's width as a share of the frame (as the demo shows it).
    const PAGE_WIDTH_FRACTION: f32 = 0.6;
    let (photo, face) = photo("astronaut.png");
    let page = specimen_passport_page(&photo, &face, (WIDTH as f32 * PAGE_WIDTH_FRACTION) as u32);
    card_scene(&assets.desk, &page, (1.0 - PAGE_WIDTH_FRACTION) / 2.0)
}

/// Where the Chinese screenshots go: docs/screenshots/zh with `UPDATE_SCREENSHOTS=1`,
/// else a temporary folder.
struct Shots {
    dir: PathBuf,
    _tmp: tempfile::TempDir,
}

impl Shots {
    fn new() -> Self {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let dir = screenshots_dir(tmp.path()).join("zh");
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        Self { dir, _tmp: tmp }
    }

    fn take(&self, harness: &mut Harness<'_, KycamApp>, name: &str) {
        screenshot(harness, &self.dir, name);
    }
}

/// The demo's ID card session in Chinese: the first page, the front with a
/// problem said, the shutter's question, the review, the selfie, its comparison
/// with the card's portrait (the same person), and the pages beside the session.
#[test]
fn every_screen_in_chinese_on_the_demo() {
    let _serial = common::one_gui_session_at_a_time();
    let shots = Shots::new();
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let mut h = chinese(SourceChoice::Demo, &tmp.path().join("photos"));
    h.get_by_label(&tr!("choose-heading"));
    assert!(
        h.query_by_label("Help").is_none(),
        "English on the Chinese page"
    );
    shots.take(&mut h, "start");

    click(&mut h, Role::Button, &tr!("document-id-card"));
    // The demo shows each problem in turn: the lamp's reflection on the card is one.
    step_until(&mut h, "the card with glare", |app| {
        app.report().is_some_and(|r| {
            r.measurements.document.is_some()
                && r.failing().contains(&RuleId::Glare)
                && r.guidance.is_some()
        })
    });
    h.get_by_label(&tr!("checklist-needed"));
    shots.take(&mut h, "shooting-id-front");

    // The shutter on a failing frame asks first.
    press(&mut h, egui::Key::Space);
    assert_eq!(
        h.state().question().map(|q| q.heading()),
        Some(tr!("question-shutter"))
    );
    shots.take(&mut h, "confirm-shutter");
    click(&mut h, Role::Button, &tr!("question-cancel"));

    step_until_review(&mut h, Shot::IdFront, "the front's review");
    h.get_by_label(&tr!("review-question-document"));
    shots.take(&mut h, "review");
    click(&mut h, Role::Button, &tr!("review-use"));
    step_until_review(&mut h, Shot::IdBack, "the back's review");
    click(&mut h, Role::Button, &tr!("review-use"));

    step_until(&mut h, "the selfie with a problem said", |app| {
        app.flow().shooting() == Some(Shot::Selfie)
            && app.report().is_some_and(|r| {
                r.measurements.shot == Shot::Selfie
                    && !r.measurements.faces.is_empty()
                    && r.failing().contains(&RuleId::Distance)
            })
    });
    shots.take(&mut h, "shooting-selfie");

    step_until_review(&mut h, Shot::Selfie, "the selfie's review");
    step_until_label(
        &mut h,
        &tr!("face-match-same", document = &tr!("face-match-on-id-card")),
    );
    shots.take(&mut h, "face-match-same");

    click(&mut h, Role::Button, &tr!("review-use"));
    step_until(&mut h, "Done", |app| app.flow().page() == &Page::Done);
    h.get_by_label(&tr!("done-practise"));
    shots.take(&mut h, "done");
    // Leaving with photos accepted asks first.
    click(&mut h, Role::Button, &tr!("done-new-session"));
    h.get_by_label(&tr!("question-leave"));
    shots.take(&mut h, "confirm-leave");
    click(&mut h, Role::Button, &tr!("question-stay"));

    // Beside the session: Settings, Help with a rejection picked, Check files.
    click(&mut h, Role::Button, &tr!("top-settings"));
    h.get_by_label(&tr!("settings-save-in"));
    shots.take(&mut h, "settings");
    click(&mut h, Role::Button, &tr!("top-help"));
    click(&mut h, Role::Button, &tr!("rejection-reflection"));
    h.get_by_label(&tr!("help-in-english", wording = "Reflection detected"));
    shots.take(&mut h, "help");
    click(&mut h, Role::Button, &tr!("top-check-files"));
    let phone = tmp.path().join("phone");
    std::fs::create_dir_all(&phone).unwrap_or_else(|e| panic!("{e}"));
    for name in ["176_HONOR-7X_F.jpg", "shakex_card1_back.jpg"] {
        std::fs::copy(kycam::fixtures::committed(name), phone.join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    h.get_by_role(Role::TextInput).focus();
    h.step();
    h.get_by_role(Role::TextInput)
        .type_text(&phone.display().to_string());
    h.step();
    click(&mut h, Role::Button, &tr!("check-files-check"));
    // The summary, said once both are checked.
    step_until_label(&mut h, "已检查 2 张照片");
    shots.take(&mut h, "check-files");
}

/// A passport page of the astronaut and a selfie of someone else: the comparison says they may
/// differ, with its causes; Done; then each step of the liveness practice (the
/// still portrait never blinks or turns: each step times out or is skipped).
#[test]
fn the_mismatch_done_and_the_practice_in_chinese() {
    let _serial = common::one_gui_session_at_a_time();
    let shots = Shots::new();
    let (_tmp, frames, out) = workspace();
    let assets = DemoAssets::load().unwrap_or_else(|e| panic!("{e}"));
    // Three seconds of the page, so that the 0.7 s hold completes before the selfie
    // even on a busy machine.
    write_frames(&frames, "a", &astronaut_passport_page(&assets), 90);
    write_frames(
        &frames,
        "b",
        &selfie_frame(
            "obama.jpg",
            kycam::pipeline::source::demo::WIDTH,
            kycam::pipeline::source::demo::HEIGHT,
            45.0,
        ),
        60,
    );
    let mut h = chinese(SourceChoice::Frames(frames), &out);
    click(&mut h, Role::Button, &tr!("document-passport"));
    step_until_review(&mut h, Shot::Passport, "the passport's review");
    click(&mut h, Role::Button, &tr!("review-use"));
    step_until_review(&mut h, Shot::Selfie, "the selfie's review");
    step_until_label(&mut h, &tr!("face-match-retake-or-keep"));
    h.get_by_label(&tr!(
        "face-match-may-differ",
        document = &tr!("face-match-on-passport")
    ));
    shots.take(&mut h, "face-match-mismatch");
    click(&mut h, Role::Button, &tr!("review-use"));
    step_until(&mut h, "Done", |app| app.flow().page() == &Page::Done);
    shots.take(&mut h, "done-passport");

    click(&mut h, Role::Button, &tr!("done-practise"));
    step_until(&mut h, "a face in the practice", |app| {
        app.report()
            .is_some_and(|r| !r.measurements.faces.is_empty())
            && app.practice().is_some()
    });
    h.get_by_label(&tr!("step-blink"));
    shots.take(&mut h, "practice-blink");
    step_until(&mut h, "the blink step timing out", |app| {
        step_state(app, Step::Blink) == Some(StepState::TimedOut)
    });
    h.get_by_label(&Step::Blink.advice());
    shots.take(&mut h, "practice-timed-out");
    click(&mut h, Role::Button, &tr!("practice-skip-step"));
    h.get_by_label(&tr!("step-sentence", instruction = &tr!("step-turn-left")));
    shots.take(&mut h, "practice-turn-left");
    click(&mut h, Role::Button, &tr!("practice-skip-step"));
    h.get_by_label(&tr!("step-sentence", instruction = &tr!("step-turn-right")));
    shots.take(&mut h, "practice-turn-right");
    click(&mut h, Role::Button, &tr!("practice-skip-step"));
    // The portrait smiles: the last step may be done already.
    if h.query_by_role_and_label(Role::Button, &tr!("practice-skip-step"))
        .is_some()
    {
        click(&mut h, Role::Button, &tr!("practice-skip-step"));
    }
    step_until(&mut h, "the practice's end", |app| {
        app.practice().is_some_and(|p| p.finished())
    });
    h.get_by_label(&tr!("practice-finished"));
    shots.take(&mut h, "practice-finished");
}

#[test]
fn the_no_camera_page_in_chinese() {
    let _serial = common::one_gui_session_at_a_time();
    let shots = Shots::new();
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    // A camera number no machine has.
    let mut h = chinese(SourceChoice::Camera(Some(63)), &tmp.path().join("photos"));
    click(&mut h, Role::Button, &tr!("document-id-card"));
    step_until(&mut h, "the no-camera page", |app| {
        matches!(app.flow().page(), Page::NoCamera { .. })
    });
    h.get_by_label(&tr!("no-camera-try-again"));
    shots.take(&mut h, "no-camera");
}

/// Settings → Language: the page's words change on the next frame, the choice is
/// written with the settings, and a window started with those settings speaks it.
#[test]
fn the_language_picked_in_settings_is_used_at_once_and_kept() {
    let _serial = common::one_gui_session_at_a_time();
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let launch = LaunchOptions {
        source: SourceChoice::Demo,
        out_dir: Some(tmp.path().join("photos")),
        lang: None,
        ..LaunchOptions::default()
    };
    // As a process started in an English locale with no settings yet.
    i18n::set(Lang::En);
    let empty: &'static MemoryStorage = Box::leak(Box::default());
    let mut h = harness_with(launch.clone(), empty);
    assert_eq!(h.state().settings().language, None);
    click(&mut h, Role::Button, "Settings");
    click(&mut h, Role::ComboBox, "Language");
    click(&mut h, Role::Button, "简体中文");
    // The same page, in Chinese from the next frame: the top bar and the page.
    h.get_by_role_and_label(Role::Button, "帮助");
    h.get_by_label("语言");
    assert!(h.query_by_label("Help").is_none());
    assert!(h.query_by_label("Language").is_none());
    assert_eq!(h.state().settings().language, Some(Lang::ZhCn));

    let mut saved = MemoryStorage::default();
    eframe::App::save(h.state_mut(), &mut saved);
    assert_eq!(Settings::load(Some(&saved)).language, Some(Lang::ZhCn));
    drop(h);

    // A new window (the language back to the locale's, as in a new process) reads it.
    i18n::set(Lang::En);
    let kept: &'static MemoryStorage = Box::leak(Box::new(saved));
    let mut h = harness_with(launch, kept);
    h.get_by_label(&i18n::format_in(Lang::ZhCn, "choose-heading", &[]).unwrap_or_default());
    h.get_by_role_and_label(Role::Button, "帮助");

    // And back to English.
    click(&mut h, Role::Button, "设置");
    click(&mut h, Role::ComboBox, "语言");
    click(&mut h, Role::Button, "English");
    h.get_by_role_and_label(Role::Button, "Help");
    assert!(h.query_by_label("帮助").is_none());
    assert_eq!(h.state().settings().language, Some(Lang::En));
    i18n::set(Lang::En);
}
