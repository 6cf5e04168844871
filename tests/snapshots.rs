//! The screens that hold still, compared pixel by pixel with the images in
//! tests/snapshots/ (egui_kittest's snapshot test, on Mesa's llvmpipe): a change
//! in layout, wording or fonts fails here. After a deliberate change,
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots` rewrites them; look at the
//! new images before committing them. Screens with live pictures are drawn by
//! tests/gui.rs into docs/screenshots/ instead: their frames are timed.

use std::time::Duration;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;

use kycam::gui::flow::Page;
use kycam::gui::{KycamApp, LaunchOptions, SourceChoice};

/// The smallest window the layout is made for.
const WINDOW: egui::Vec2 = egui::Vec2::new(1024.0, 640.0);
const MAX_STEPS: usize = 3000;

/// Where photos would go on the pages that show it: the same on every machine
/// (nothing is written there by these tests).
const SHOWN_OUT: &str = "/tmp/kycam-snapshots/photos";

fn harness(source: SourceChoice, out: &std::path::Path) -> Harness<'static, KycamApp> {
    let launch = LaunchOptions {
        source,
        out_dir: Some(out.to_owned()),
        hfov_deg: Some(65.0),
        fps: 30.0,
        lang: Some(kycam::i18n::Lang::En),
    };
    let mut harness = Harness::builder()
        .with_size(WINDOW)
        .with_render_cursor(false)
        .build_eframe(move |cc| KycamApp::new(cc, launch));
    harness.step();
    harness
}

fn click(harness: &mut Harness<'_, KycamApp>, role: Role, label: &str) {
    harness.get_by_role_and_label(role, label).click();
    harness.step();
    harness.step();
}

#[test]
fn the_start_screen() {
    let mut h = harness(SourceChoice::Demo, std::path::Path::new(SHOWN_OUT));
    h.snapshot("start");
}

#[test]
fn the_help_page_explaining_a_rejection() {
    let mut h = harness(SourceChoice::Demo, std::path::Path::new(SHOWN_OUT));
    click(&mut h, Role::Button, "Help");
    click(&mut h, Role::Button, "Reflection detected");
    h.snapshot("help-reflection");
}

#[test]
fn the_no_camera_page() {
    let out = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    // A camera number no machine has.
    let mut h = harness(SourceChoice::Camera(Some(63)), out.path());
    click(&mut h, Role::Button, "ID card");
    for _ in 0..MAX_STEPS {
        h.step();
        if matches!(h.state().flow().page(), Page::NoCamera { .. }) {
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(matches!(h.state().flow().page(), Page::NoCamera { .. }));
    h.step();
    h.snapshot("no-camera");
}

#[test]
fn the_check_files_page_before_a_check() {
    let mut h = harness(SourceChoice::Demo, std::path::Path::new(SHOWN_OUT));
    click(&mut h, Role::Button, "Check files");
    h.snapshot("check-files-empty");
}
