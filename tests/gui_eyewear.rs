//! The selfie's eye rules on the live preview, driven headless with egui_kittest
//! on replayed frames: the demo's passport page, then a committed real portrait at
//! 45 cm with dark lenses painted over the eyes its landmarks find
//! (src/synth/lenses.rs). The report the window shows fails `sunglasses` on its
//! landmarks, and the overlay outlines the lens regions eyewear.rs measured on that
//! report's own landmarks. No timing assertions: frames are stepped until a
//! condition holds, with a generous cap.
//!
//! `UPDATE_SCREENSHOTS=1 cargo test --test gui_eyewear` rewrites
//! docs/screenshots/selfie-sunglasses-1024x640.png.

mod common;
mod gui_common;

use egui::accesskit::Role;

use gui_common::*;
use kycam::analysis::eyewear::{eye_regions, EyewearParams};
use kycam::analysis::EyeRegionsFrom;
use kycam::gui::overlay::{eyewear_marks, EyewearMark};
use kycam::rules::RuleId;
use kycam::synth::lenses::Lens;
use kycam::Shot;

#[test]
fn the_preview_outlines_the_lenses_sunglasses_failed_on() {
    let _serial = common::one_gui_session_at_a_time();
    let (tmp, frames, out) = workspace();
    let page = passport_frame();
    let (w, h) = page.dimensions();
    write_frames(&frames, "a", &page, 90);
    let selfie = common::with_lenses(&selfie_frame("obama.jpg", w, h, 45.0), Lens::Dark, 11);
    write_frames(&frames, "b", &selfie, 150);

    let mut harness = app_harness(launch_on(&frames, &out), SMALLEST_WINDOW);
    harness.step();
    click(&mut harness, Role::Button, "Passport");
    use_when_reviewed(&mut harness, Shot::Passport, "the passport capture");
    step_until(
        &mut harness,
        "a selfie report failing sunglasses on its landmarks",
        |app| {
            app.flow().shooting() == Some(Shot::Selfie)
                && app.report().is_some_and(|r| {
                    r.failing().contains(&RuleId::Sunglasses)
                        && r.measurements
                            .selfie
                            .as_ref()
                            .is_some_and(|s| s.eye_regions == EyeRegionsFrom::Landmarks)
                })
        },
    );
    let report = harness.state().report().expect("a report");
    let m = &report.measurements;
    let points = &m
        .selfie
        .as_ref()
        .and_then(|s| s.landmarks.as_ref())
        .expect("landmarks")
        .points;
    let lenses = eye_regions(points, &EyewearParams::DEFAULT)
        .expect("68 points")
        .map(|r| r.lens)
        .to_vec();
    assert_eq!(
        eyewear_marks(m, &report.verdicts),
        vec![EyewearMark {
            rule: RuleId::Sunglasses,
            regions: lenses,
        }]
    );
    let shots = screenshots_dir(&tmp.path().join("screenshots"));
    screenshot(&mut harness, &shots, "selfie-sunglasses-1024x640");
}
