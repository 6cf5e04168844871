//! The desktop app driven headless with egui_kittest, on replay sources of
//! generated frames: a whole ID-card session, the shutter confirmation, the no-camera
//! screen. Widgets are found by role and label; the app's state machine is read
//! to know when to go on. No timing assertions: frames are stepped until a
//! condition holds, with a generous cap.
//!
//! `UPDATE_SCREENSHOTS=1 cargo test --test gui screenshots` rewrites docs/screenshots/.

mod common;
mod gui_common;

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use image::RgbImage;

use gui_common::*;
use kycam::gui::flow::Page;
use kycam::gui::{KycamApp, LaunchOptions, SourceChoice};
use kycam::pipeline::source::demo::{DemoAssets, CARD_WIDTH_FRACTION};
use kycam::Shot;

const WINDOW: egui::Vec2 = egui::Vec2::new(1280.0, 800.0);

/// A specimen card resting on the desk (the demo's), straight and in the middle.
fn card_frame(assets: &DemoAssets) -> RgbImage {
    kycam::pipeline::source::demo::card_scene(
        &assets.desk,
        &assets.card,
        (1.0 - CARD_WIDTH_FRACTION) / 2.0,
    )
}

/// On the Check files page: types `photo`'s path, presses Check and steps until its
/// verdict (PASS or FAIL) is shown.
fn check_photo(harness: &mut Harness<'_, KycamApp>, photo: &Path) {
    harness.get_by_role(Role::TextInput).focus();
    harness.step();
    harness
        .get_by_role(Role::TextInput)
        .type_text(&photo.display().to_string());
    harness.step();
    click(harness, Role::Button, "Check");
    for _ in 0..MAX_STEPS {
        harness.step();
        if harness.query_by_label("FAIL").is_some() || harness.query_by_label("PASS").is_some() {
            return;
        }
        std::thread::sleep(STEP_SLEEP);
    }
    panic!("no verdict on {} after {MAX_STEPS} steps", photo.display());
}

#[test]
fn a_whole_id_card_session_on_replayed_frames() {
    let _serial = common::one_gui_session_at_a_time();
    let (_dir, frames, out, assets) = demo_workspace();
    let card = card_frame(&assets);
    let (w, h) = card.dimensions();
    // 1.5 s of the card, 1.5 s of its back, then 2 s of the selfie, looped:
    // each holds longer than the 0.7 s auto-capture needs.
    write_frames(&frames, "a", &card, 45);
    let back = kycam::pipeline::source::demo::card_scene(
        &assets.desk,
        &assets.back,
        kycam::pipeline::source::demo::card_rest(),
    );
    write_frames(&frames, "b", &back, 45);
    write_frames(&frames, "c", &selfie_frame("obama.jpg", w, h, 45.0), 60);

    let mut harness = app_harness(launch_on(&frames, &out), WINDOW);
    harness.step();
    click(&mut harness, Role::Button, "ID card");
    assert_eq!(harness.state().flow().shooting(), Some(Shot::IdFront));
    harness.get_by_label_contains("1 of 3: ID card, front");

    for (shot, caption) in [
        (Shot::IdFront, "1 of 3: ID card, front"),
        (Shot::IdBack, "2 of 3: ID card, back"),
        (Shot::Selfie, "3 of 3: Selfie"),
    ] {
        harness.get_by_label_contains(caption);
        step_until_review(&mut harness, shot, &format!("the {shot} capture"));
        // The review shows the saved photo and asks.
        harness.step();
        harness.get_by_label_contains("photo taken");
        click(&mut harness, Role::Button, "Use this photo");
    }
    step_until(&mut harness, "the end of the session", |app| {
        matches!(app.flow().page(), Page::Done)
    });
    harness.get_by_label("All 3 photos pass every check");
    // Leaving the session is asked first.
    click(&mut harness, Role::Button, "Start a new session");
    answer_question(&mut harness, "Leave this session?", "Stay");
    assert!(matches!(harness.state().flow().page(), Page::Done));
    let first = session(&harness);
    assert!(first.starts_with(&out));
    for shot in [Shot::IdFront, Shot::IdBack, Shot::Selfie] {
        let path = first.join(format!("{}.jpg", shot.id()));
        let photo = image::open(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // Saved at the frame's full resolution, untouched.
        assert_eq!((photo.width(), photo.height()), (w, h));
    }
    let json = std::fs::read_to_string(first.join("session.json"))
        .unwrap_or_else(|e| panic!("session.json: {e}"));
    for id in ["id-front", "id-back", "selfie"] {
        assert!(
            json.contains(&format!("\"{id}\"")),
            "{id} missing in {json}"
        );
    }
    // One shot taken again from Done (asked first), and Done again.
    retake_the_first_from_done(&mut harness);
    assert_eq!(harness.state().flow().shooting(), Some(Shot::IdFront));
    assert!(!first.join("id-front.jpg").exists());
    use_when_reviewed(&mut harness, Shot::IdFront, "the front taken again");
    assert!(matches!(harness.state().flow().page(), Page::Done));
    assert_eq!(session(&harness), first, "the same session folder");
    harness.get_by_label("All 3 photos pass every check");
    // Done shows the folder as it is: a photo removed by hand is missing.
    std::fs::remove_file(first.join("id-back.jpg")).unwrap_or_else(|e| panic!("{e}"));
    harness.step();
    harness.step();
    harness.get_by_label("2 of 3 photos pass every check");
    harness.get_by_label("ID card, back: no photo");
    // A new session gets a folder of its own: nothing of the first is overwritten.
    click(&mut harness, Role::Button, "Start a new session");
    harness.step();
    click(&mut harness, Role::Button, "Leave this session");
    assert!(matches!(
        harness.state().flow().page(),
        Page::ChooseDocument
    ));
    click(&mut harness, Role::Button, "ID card");
    let second = session(&harness);
    assert!(second.starts_with(&out) && second != first);
}

#[test]
fn retake_discards_the_photo_and_shoots_again() {
    let _serial = common::one_gui_session_at_a_time();
    let (_dir, frames, out) = workspace();
    write_frames(&frames, "a", &passport_frame(), 30);

    let mut harness = app_harness(launch_on(&frames, &out), WINDOW);
    harness.step();
    click(&mut harness, Role::Button, "Passport");
    step_until_review(&mut harness, Shot::Passport, "the first capture");
    harness.step();
    click(&mut harness, Role::Button, "Retake");
    assert_eq!(harness.state().flow().shooting(), Some(Shot::Passport));
    assert!(
        !session(&harness).join("passport.jpg").exists(),
        "the retaken photo stays on disk"
    );
    step_until_review(&mut harness, Shot::Passport, "the capture after the retake");
    assert!(session(&harness).join("passport.jpg").exists());
}

#[test]
fn the_no_camera_screen_says_what_to_do_and_offers_the_alternatives() {
    let _serial = common::one_gui_session_at_a_time();
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let launch = LaunchOptions {
        // A camera number no machine has.
        source: SourceChoice::Camera(Some(63)),
        out_dir: Some(dir.path().join("photos")),
        ..LaunchOptions::default()
    };
    let mut harness = app_harness(launch, WINDOW);
    harness.step();
    click(&mut harness, Role::Button, "ID card");
    step_until(&mut harness, "the no-camera screen", |app| {
        matches!(app.flow().page(), Page::NoCamera { .. })
    });
    harness.step();
    harness.get_by_label("No camera picture");
    harness.get_by_label_contains("may use the camera, allow it");
    assert_buttons(
        &harness,
        &[
            "Try the camera again",
            "Try the demo",
            "Open a folder of photos…",
        ],
    );
    // No command lines for a person to type.
    assert_no_label_contains(
        &harness,
        &["kycam --", "sudo", "usermod", "os error"],
        "the no-camera screen",
    );

    // Checking a photo file from there runs the real checker.
    click(&mut harness, Role::Button, "Check photo files…");
    check_photo(&mut harness, &kycam::fixtures::committed("obama.jpg"));
    // One verdict line per rule of the shot, plus the file rules.
    assert!(harness.query_all_by_label("JPEG or PNG").count() >= 1);
    assert!(harness.query_all_by_label("100 KB – 10 MB").count() >= 1);
}

/// A card with a lamp's reflection on it: the glare rule fails.
fn glare_card_frame(assets: &DemoAssets) -> RgbImage {
    let mut card = card_frame(assets);
    let (w, h) = card.dimensions();
    kycam::synth::draw_glare_spot(&mut card, w as f32 * 0.62, h as f32 * 0.45, h as f32 * 0.06);
    card
}

fn question(app: &KycamApp) -> Option<String> {
    app.question().map(|q| q.heading())
}

/// The files session.json lists.
fn listed(out: &Path) -> Vec<String> {
    session_json(out)["shots"]
        .as_array()
        .map(|shots| {
            shots
                .iter()
                .filter_map(|s| s["file"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Mean absolute difference per channel between two pictures of one size.
fn difference(a: &RgbImage, b: &RgbImage) -> f64 {
    let total: u64 = a
        .as_raw()
        .iter()
        .zip(b.as_raw())
        .map(|(x, y)| u64::from(x.abs_diff(*y)))
        .sum();
    total as f64 / a.as_raw().len() as f64
}

/// Starts an ID-card session on `frames` and waits for a report on which glare fails.
fn shooting_a_glare_card(frames: &Path, out: &Path) -> Harness<'static, KycamApp> {
    let mut harness = app_harness(launch_on(frames, out), WINDOW);
    harness.step();
    click(&mut harness, Role::Button, "ID card");
    step_until(&mut harness, "a report where the glare rule fails", |app| {
        app.report()
            .is_some_and(|r| r.failing().contains(&kycam::rules::RuleId::Glare))
    });
    harness
}

/// An ID-card session on a third of a second of a glare card, looped, waiting for
/// a report on which glare fails.
fn only_a_glare_card() -> (tempfile::TempDir, Harness<'static, KycamApp>) {
    let (dir, frames, out, assets) = demo_workspace();
    write_frames(&frames, "a", &glare_card_frame(&assets), 10);
    (dir, shooting_a_glare_card(&frames, &out))
}

#[test]
fn the_frame_the_shutter_was_pressed_on_is_saved_and_auto_capture_waits_for_the_answer() {
    let _serial = common::one_gui_session_at_a_time();
    let (_dir, frames, out, assets) = demo_workspace();
    // A third of a second of glare, then 1.5 s of a card that auto-capture
    // takes on its own: the race of the question against auto-capture.
    let glare = glare_card_frame(&assets);
    let good = card_frame(&assets);
    write_frames(&frames, "a", &glare, 10);
    write_frames(&frames, "b", &good, 45);

    let mut harness = shooting_a_glare_card(&frames, &out);
    press(&mut harness, egui::Key::Space);
    assert_asked(&harness, "Take the photo anyway?");
    let frozen = harness.state().report().map(|r| r.seq);
    // Three loops of the frames (two good stretches each long enough to be
    // captured): nothing is saved behind the question, and the preview holds.
    for _ in 0..600 {
        harness.step();
        std::thread::sleep(STEP_SLEEP);
    }
    assert_asked(&harness, "Take the photo anyway?");
    assert_eq!(harness.state().report().map(|r| r.seq), frozen);
    assert_eq!(harness.state().flow().shooting(), Some(Shot::IdFront));
    assert!(
        !session(&harness).join("id-front.jpg").exists(),
        "saved behind the question"
    );

    // "Save anyway" has the focus: Enter answers it.
    press(&mut harness, egui::Key::Enter);
    assert_eq!(question(harness.state()).as_deref(), None);
    step_until_review(&mut harness, Shot::IdFront, "the manual capture");
    harness.step();
    harness.get_by_label_contains("Taken by hand");
    harness.get_by_label("Some checks failed on this photo.");
    // The photo on disk is the glare frame the shutter was pressed on.
    let photo = image::open(session(&harness).join("id-front.jpg"))
        .unwrap_or_else(|e| panic!("id-front.jpg: {e}"))
        .to_rgb8();
    assert!(
        difference(&photo, &glare) < difference(&photo, &good),
        "saved a frame other than the one pressed on"
    );
    // Kept and listed through the rest of the session.
    click(&mut harness, Role::Button, "Use this photo");
    assert_eq!(harness.state().flow().shooting(), Some(Shot::IdBack));
    for _ in 0..100 {
        harness.step();
        std::thread::sleep(STEP_SLEEP);
    }
    assert!(session(&harness).join("id-front.jpg").exists());
    assert!(listed(&session(&harness)).contains(&"id-front.jpg".to_owned()));
    let json = session_json(&session(&harness));
    assert_eq!(json["shots"][0]["manual"], true);
    assert_eq!(json["shots"][0]["all_passed"], false);
}

#[test]
fn a_large_photo_says_saving_until_it_is_written() {
    let _serial = common::one_gui_session_at_a_time();
    let (_dir, frames, out, assets) = demo_workspace();
    // A 4K frame: fitting it under the size limit takes several encodes.
    let glare = glare_card_frame(&assets);
    let large = image::imageops::resize(
        &glare,
        glare.width() * 3,
        glare.height() * 3,
        image::imageops::FilterType::Triangle,
    );
    write_frames(&frames, "a", &large, 4);

    let mut harness = shooting_a_glare_card(&frames, &out);
    press(&mut harness, egui::Key::Space);
    press(&mut harness, egui::Key::Enter);
    let mut said_saving = false;
    for _ in 0..MAX_STEPS {
        harness.step();
        said_saving |= harness.query_by_label("Saving the photo…").is_some();
        if reviewing(harness.state()).is_some() {
            break;
        }
        std::thread::sleep(STEP_SLEEP);
    }
    assert_eq!(reviewing(harness.state()), Some(Shot::IdFront));
    assert!(said_saving, "the save was never shown");
    assert!(session(&harness).join("id-front.jpg").exists());
}

#[test]
fn the_shutter_question_answers_to_space_tab_and_esc() {
    let _serial = common::one_gui_session_at_a_time();
    let (_dir, mut harness) = only_a_glare_card();

    // Esc: no, nothing saved.
    press(&mut harness, egui::Key::Space);
    assert_asked(&harness, "Take the photo anyway?");
    harness.get_by_label("Take the photo anyway?");
    // The failing rule is named in the question (and in the checklist behind it).
    assert_eq!(harness.get_all_by_label("No glare").count(), 2);
    press(&mut harness, egui::Key::Escape);
    assert_eq!(question(harness.state()).as_deref(), None);
    assert_eq!(harness.state().flow().shooting(), Some(Shot::IdFront));

    // Tab to Cancel, Enter: no, nothing saved.
    press(&mut harness, egui::Key::Space);
    press(&mut harness, egui::Key::Tab);
    press(&mut harness, egui::Key::Enter);
    assert_eq!(question(harness.state()).as_deref(), None);
    for _ in 0..50 {
        harness.step();
        std::thread::sleep(STEP_SLEEP);
    }
    assert!(
        !session(&harness).join("id-front.jpg").exists(),
        "Cancel saved a photo"
    );
    assert_eq!(harness.state().flow().shooting(), Some(Shot::IdFront));

    // Space on the focused "Save anyway": saved.
    press(&mut harness, egui::Key::Space);
    assert_asked(&harness, "Take the photo anyway?");
    press(&mut harness, egui::Key::Space);
    assert_eq!(question(harness.state()).as_deref(), None);
    step_until_review(&mut harness, Shot::IdFront, "the manual capture");
    assert!(session(&harness).join("id-front.jpg").exists());
    assert_eq!(listed(&session(&harness)), vec!["id-front.jpg".to_owned()]);
}

#[test]
fn deleting_an_accepted_photo_is_asked_first_by_keys_and_by_mouse() {
    let _serial = common::one_gui_session_at_a_time();
    let (_dir, mut harness) = only_a_glare_card();
    press(&mut harness, egui::Key::Space);
    click(&mut harness, Role::Button, "Save anyway");
    step_until_review(&mut harness, Shot::IdFront, "the manual capture");
    let front = session(&harness).join("id-front.jpg");

    // Enter accepts; Esc on the next shot goes back to this review.
    press(&mut harness, egui::Key::Enter);
    assert_eq!(harness.state().flow().shooting(), Some(Shot::IdBack));
    press(&mut harness, egui::Key::Escape);
    assert_eq!(reviewing(harness.state()), Some(Shot::IdFront));
    // Esc again would delete the accepted photo: asked; Esc says no.
    press(&mut harness, egui::Key::Escape);
    assert_asked(&harness, "Delete this photo and take it again?");
    press(&mut harness, egui::Key::Escape);
    assert_eq!(question(harness.state()).as_deref(), None);
    assert_eq!(reviewing(harness.state()), Some(Shot::IdFront));
    assert!(front.exists());
    // "Keep it" has the focus: Enter keeps, Space keeps.
    for key in [egui::Key::Enter, egui::Key::Space] {
        press(&mut harness, egui::Key::Escape);
        assert!(question(harness.state()).is_some());
        press(&mut harness, key);
        assert_eq!(question(harness.state()).as_deref(), None, "{key:?}");
        assert_eq!(reviewing(harness.state()), Some(Shot::IdFront));
        assert!(front.exists(), "{key:?} deleted the photo");
    }
    // The Retake button asks too; the mouse says no, then yes.
    click(&mut harness, Role::Button, "Retake");
    assert!(question(harness.state()).is_some());
    click(&mut harness, Role::Button, "Keep it");
    assert!(front.exists());
    click(&mut harness, Role::Button, "Retake");
    click(&mut harness, Role::Button, "Delete and retake");
    assert_eq!(harness.state().flow().shooting(), Some(Shot::IdFront));
    assert!(!front.exists(), "the retaken photo stays on disk");
    assert!(listed(&session(&harness)).is_empty());
}

/// Every screen at the smallest window kycam is laid out for and at a large one.
#[test]
fn screenshots() {
    let _serial = common::one_gui_session_at_a_time();
    for size in [egui::vec2(1024.0, 640.0), egui::vec2(1600.0, 1000.0)] {
        screenshots_at(size);
    }
}

fn screenshots_at(size: egui::Vec2) {
    let sfx = format!("-{}x{}", size.x, size.y);
    let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let shots_dir = screenshots_dir(&tmp.path().join("screenshots"));
    let assets = DemoAssets::load().unwrap_or_else(|e| panic!("{e}"));

    // The start screen.
    let mut h = app_harness(
        launch_on(&tmp.path().join("frames"), &tmp.path().join("unused")),
        size,
    );
    h.step();
    screenshot(&mut h, &shots_dir, &format!("start{sfx}"));
    drop(h);

    // The auto-capture countdown on a good card (caught if a frame shows it
    // before the capture: this is about the look, not timing).
    let good = tmp.path().join("good");
    std::fs::create_dir_all(&good).unwrap_or_else(|e| panic!("{e}"));
    write_frames(&good, "a", &card_frame(&assets), 10);
    let mut harness = app_harness(launch_on(&good, &tmp.path().join("good-out")), size);
    harness.step();
    click(&mut harness, Role::Button, "ID card");
    step_until(&mut harness, "the hold or the capture", |app| {
        reviewing(app).is_some()
            || app
                .report()
                .is_some_and(|r| r.hold.armed && r.hold.passing_for_secs > 0.0)
    });
    if reviewing(harness.state()).is_none() {
        save_window(&mut harness, &shots_dir, &format!("document-hold{sfx}"));
    }
    drop(harness);

    // A document shot while a rule fails: a lamp's reflection on the card.
    let glare_frames = tmp.path().join("glare");
    std::fs::create_dir_all(&glare_frames).unwrap_or_else(|e| panic!("{e}"));
    let card = glare_card_frame(&assets);
    let (w, h) = card.dimensions();
    write_frames(&glare_frames, "a", &card, 10);
    let mut harness = app_harness(
        launch_on(&glare_frames, &tmp.path().join("glare-out")),
        size,
    );
    harness.step();
    click(&mut harness, Role::Button, "ID card");
    // Wait for the face worker too, so that glare is the only thing left to say.
    step_until(&mut harness, "a report with glare as the guidance", |app| {
        app.report().is_some_and(|r| {
            r.failing() == [kycam::rules::RuleId::Glare]
                && r.guidance
                    .as_deref()
                    .is_some_and(|g| g.contains("reflection"))
        })
    });
    screenshot(&mut harness, &shots_dir, &format!("document-glare{sfx}"));
    // Diagnostics are off unless asked for in Settings.
    assert!(harness.query_by_label_contains("dropped").is_none());
    drop(harness);

    // The selfie, too far away (so it holds still for the picture); the passport
    // page before it is captured on the same frames and shows the review screen.
    let far = tmp.path().join("far");
    std::fs::create_dir_all(&far).unwrap_or_else(|e| panic!("{e}"));
    // Over a second of the page, so the 0.7 s hold can complete before the selfie frames.
    write_frames(&far, "a", &passport_frame(), 45);
    let portrait = selfie_frame("obama.jpg", w, h, 62.0);
    write_frames(&far, "b", &portrait, 30);
    let mut harness = app_harness(launch_on(&far, &tmp.path().join("far-out")), size);
    harness.step();
    click(&mut harness, Role::Button, "Passport");
    step_until_review(&mut harness, Shot::Passport, "the passport capture");
    screenshot(&mut harness, &shots_dir, &format!("review{sfx}"));
    click(&mut harness, Role::Button, "Use this photo");
    step_until(&mut harness, "a selfie report", |app| {
        app.flow().shooting() == Some(Shot::Selfie)
            && app.report().is_some_and(|r| {
                r.measurements.shot == Shot::Selfie && !r.measurements.faces.is_empty()
            })
    });
    screenshot(&mut harness, &shots_dir, &format!("selfie-too-far{sfx}"));
    drop(harness);

    // No camera.
    let mut harness = app_harness(
        LaunchOptions {
            source: SourceChoice::Camera(Some(63)),
            out_dir: Some(tmp.path().join("nocam")),
            ..LaunchOptions::default()
        },
        size,
    );
    harness.step();
    click(&mut harness, Role::Button, "ID card");
    step_until(&mut harness, "the no-camera screen", |app| {
        matches!(app.flow().page(), Page::NoCamera { .. })
    });
    screenshot(&mut harness, &shots_dir, &format!("no-camera{sfx}"));

    // Settings: the camera picker (no camera on a build machine) and the rest.
    click(&mut harness, Role::Button, "Settings");
    screenshot(&mut harness, &shots_dir, &format!("settings{sfx}"));

    // Help with a rejection wording picked.
    click(&mut harness, Role::Button, "Help");
    click(&mut harness, Role::Button, "Reflection detected");
    screenshot(&mut harness, &shots_dir, &format!("help{sfx}"));

    // Check files, with the results of a folder of three phone photos of a
    // card, checked as its front.
    let phone = tmp.path().join("phone");
    std::fs::create_dir_all(&phone).unwrap_or_else(|e| panic!("{e}"));
    for name in [
        "176_HONOR-7X_F.jpg",
        "shakex_card3_front.jpg",
        "shakex_card1_back.jpg",
    ] {
        std::fs::copy(kycam::fixtures::committed(name), phone.join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    click(&mut harness, Role::Button, "Check files");
    check_photo(&mut harness, &phone);
    for _ in 0..MAX_STEPS {
        harness.step();
        if harness.query_by_label_contains("photos checked").is_some() {
            break;
        }
        std::thread::sleep(STEP_SLEEP);
    }
    harness.get_by_label_contains("3 photos checked");
    screenshot(&mut harness, &shots_dir, &format!("check-files{sfx}"));
}
