//! The screens that hold still, compared pixel by pixel with the images in
//! tests/snapshots/ (egui_kittest's snapshot test, on Mesa's llvmpipe): a change
//! in layout, wording or fonts fails here. After a deliberate change,
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots` rewrites them; look at the
//! new images before committing them. Screens with live pictures are drawn by
//! tests/gui.rs into docs/screenshots/ instead: their frames are timed.

mod gui_common;

use egui::accesskit::Role;
use egui_kittest::Harness;

use gui_common::{app_harness, click, launch, step_until, SMALLEST_WINDOW};
use kycam::gui::flow::Page;
use kycam::gui::{KycamApp, SourceChoice};

/// Where photos would go on the pages that show it: the same on every machine
/// (nothing is written there by these tests).
const SHOWN_OUT: &str = "/tmp/kycam-snapshots/photos";

fn harness(source: SourceChoice, out: &std::path::Path) -> Harness<'static, KycamApp> {
    let mut harness = app_harness(launch(source, out), SMALLEST_WINDOW);
    harness.step();
    harness
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
    step_until(&mut h, "the no-camera page", |app| {
        matches!(app.flow().page(), Page::NoCamera { .. })
    });
    h.step();
    h.snapshot("no-camera");
}

#[test]
fn the_check_files_page_before_a_check() {
    let mut h = harness(SourceChoice::Demo, std::path::Path::new(SHOWN_OUT));
    click(&mut h, Role::Button, "Check files");
    h.snapshot("check-files-empty");
}
