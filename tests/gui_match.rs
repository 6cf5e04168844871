//! The selfie compared with the ID photo in a session driven headless
//! (egui_kittest) on replayed frames: a card whose portrait is the same real
//! person as the selfie (two different photos of him), and a passport page whose
//! portrait is another person. The review's words and session.json's
//! `face_match` are read as a person and a program would.
//!
//! `UPDATE_SCREENSHOTS=1 cargo test --test gui_match` rewrites the two review
//! screenshots in docs/screenshots/.

mod common;
mod gui_common;

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use egui_kittest::Harness;
use image::RgbImage;

use gui_common::*;
use kycam::geometry::Rect;
use kycam::gui::flow::Page;
use kycam::gui::KycamApp;
use kycam::pipeline::source::demo::{
    card_rest, card_scene, specimen_card, specimen_passport_page, DemoAssets, CARD_WIDTH_FRACTION,
    WIDTH,
};
use kycam::Shot;

/// The passport page's width as a share of the frame (as the demo shows it).
const PAGE_WIDTH_FRACTION: f32 = 0.6;

/// A specimen document drawn by `draw` around the face of the committed photo
/// `portrait`, `width_fraction` of the frame wide.
fn document_of(
    portrait: &str,
    draw: fn(&RgbImage, &Rect, u32) -> RgbImage,
    width_fraction: f32,
) -> RgbImage {
    let (id_photo, id_face) = photo(portrait);
    draw(&id_photo, &id_face, (WIDTH as f32 * width_fraction) as u32)
}

/// Frames of each document in the looped folder: three seconds at the replay's
/// 30 frames/s, so that on a loaded two-core machine enough of them are analysed
/// for the portrait search and the hold before the next picture comes round (a
/// selfie frame analysed as a document costs 40–55 ms, and the pipeline catches up
/// from it at the start of each window).
const DOCUMENT_FRAMES: usize = 90;

/// session.json's entry for the selfie.
fn selfie_entry(dir: &Path) -> serde_json::Value {
    session_json(dir)["shots"]
        .as_array()
        .and_then(|shots| shots.iter().find(|s| s["shot"] == "selfie").cloned())
        .unwrap_or(serde_json::Value::Null)
}

/// A session on `documents` (45 frames of each in turn), then 60 frames of the
/// selfie of obama.jpg at their size, with the document `kind` chosen (its
/// button's words) in the smallest window; also the folder for screenshots and
/// the temporary folder holding the frames and photos.
fn session_on(
    kind: &str,
    documents: &[RgbImage],
) -> (tempfile::TempDir, PathBuf, Harness<'static, KycamApp>) {
    let (tmp, frames, out) = workspace();
    let shots = screenshots_dir(&tmp.path().join("screenshots"));
    for (prefix, document) in ["a", "b", "c"].iter().zip(documents) {
        write_frames(&frames, prefix, document, DOCUMENT_FRAMES);
    }
    let (w, h) = documents[0].dimensions();
    write_frames(&frames, "s", &selfie_frame("obama.jpg", w, h, 45.0), 60);
    let mut harness = app_harness(launch_on(&frames, &out), SMALLEST_WINDOW);
    harness.step();
    click(&mut harness, Role::Button, kind);
    (tmp, shots, harness)
}

/// Takes each shot in turn as auto-capture saves it, accepting all but the
/// selfie, whose review is left open.
fn shoot_until_the_selfie_review(harness: &mut Harness<'_, KycamApp>, shots: &[Shot]) {
    for &shot in shots {
        step_until_review(harness, shot, &format!("the {shot} capture"));
        harness.step();
        if shot != Shot::Selfie {
            click(harness, Role::Button, "Use this photo");
        }
    }
}

#[test]
fn a_selfie_of_the_person_on_the_id_card_is_said_to_match_and_recorded() {
    let _serial = common::one_gui_session_at_a_time();
    let assets = DemoAssets::load().unwrap_or_else(|e| panic!("{e}"));
    // The card's portrait is another official photo of the selfie's man.
    let card = document_of("obama2.jpg", specimen_card, CARD_WIDTH_FRACTION);
    let front = card_scene(&assets.desk, &card, card_rest());
    let back = card_scene(&assets.desk, &assets.back, card_rest());
    let (_tmp, shots, mut harness) = session_on("ID card", &[front, back]);
    shoot_until_the_selfie_review(&mut harness, &[Shot::IdFront, Shot::IdBack, Shot::Selfie]);
    harness.get_by_label("Comparing your selfie with the ID photo…");
    step_until_label(
        &mut harness,
        "Your selfie matches the photo on your ID card.",
    );
    assert!(harness.query_by_label_contains("may not match").is_none());
    screenshot(&mut harness, &shots, "face-match-same-1024x640");

    let m = &selfie_entry(&session(&harness))["face_match"];
    eprintln!("face_match: {m}");
    assert_eq!(m["compared_with"], "id-front", "{m}");
    assert_eq!(m["result"], "same_person", "{m}");
    assert_eq!(m["same_person"], true, "{m}");
    let (d, t) = (m["distance"].as_f64(), m["threshold"].as_f64());
    assert!(matches!((d, t), (Some(d), Some(t)) if d < t), "{m}");
    assert_eq!(m["causes"], serde_json::json!([]), "{m}");

    // Kept through the end of the session, and said on Done.
    click(&mut harness, Role::Button, "Use this photo");
    assert!(matches!(harness.state().flow().page(), Page::Done));
    harness.get_by_label("Your selfie matches the photo on your ID card.");
    let dir = session(&harness);
    assert_eq!(selfie_entry(&dir)["face_match"]["result"], "same_person");

    // The front taken again from Done: the comparison with the old front
    // leaves session.json at once, and the new front is compared afresh.
    retake_the_first_from_done(&mut harness);
    assert_eq!(harness.state().flow().shooting(), Some(Shot::IdFront));
    assert!(selfie_entry(&dir)["face_match"].is_null(), "a stale match");
    use_when_reviewed(&mut harness, Shot::IdFront, "the front taken again");
    assert!(matches!(harness.state().flow().page(), Page::Done));
    step_until_label(
        &mut harness,
        "Your selfie matches the photo on your ID card.",
    );
    let m = &selfie_entry(&dir)["face_match"];
    assert_eq!(
        (&m["compared_with"], &m["result"]),
        (&"id-front".into(), &"same_person".into()),
        "{m}"
    );
}

#[test]
fn a_selfie_of_someone_else_is_said_to_maybe_differ_with_a_retake_and_never_blocks() {
    let _serial = common::one_gui_session_at_a_time();
    let assets = DemoAssets::load().unwrap_or_else(|e| panic!("{e}"));
    // The passport's holder is a woman (the astronaut); the selfie is a man.
    let page = document_of("astronaut.png", specimen_passport_page, PAGE_WIDTH_FRACTION);
    let page = card_scene(&assets.desk, &page, (1.0 - PAGE_WIDTH_FRACTION) / 2.0);
    let (_tmp, shots, mut harness) = session_on("Passport", &[page]);
    shoot_until_the_selfie_review(&mut harness, &[Shot::Passport, Shot::Selfie]);
    step_until_label(
        &mut harness,
        "Your selfie may not match the photo on your passport.",
    );
    // What to do, in words, and both ways on.
    harness.get_by_label_contains("Retake the selfie to try again, or keep it");
    assert_buttons(&harness, &["Retake", "Use this photo"]);
    assert_no_label_contains(
        &harness,
        &["distance", "threshold", "face_match", "0."],
        "the review",
    );
    screenshot(&mut harness, &shots, "face-match-mismatch-1024x640");

    let dir = session(&harness);
    let m = &selfie_entry(&dir)["face_match"];
    eprintln!("face_match: {m}");
    assert_eq!(m["compared_with"], "passport", "{m}");
    assert_eq!(m["result"], "may_differ", "{m}");
    assert_eq!(m["same_person"], false, "{m}");
    let (d, t) = (m["distance"].as_f64(), m["threshold"].as_f64());
    assert!(matches!((d, t), (Some(d), Some(t)) if d >= t), "{m}");
    assert!(m["causes"].is_array(), "{m}");

    // A retake removes the selfie and its comparison; the new selfie is
    // compared again.
    click(&mut harness, Role::Button, "Retake");
    assert_eq!(harness.state().flow().shooting(), Some(Shot::Selfie));
    assert_eq!(selfie_entry(&dir), serde_json::Value::Null);
    step_until_review(&mut harness, Shot::Selfie, "the selfie taken again");
    step_until_label(&mut harness, "Your selfie may not match");
    assert_eq!(selfie_entry(&dir)["face_match"]["result"], "may_differ");
    // Never blocking: the selfie is used and the session ends.
    click(&mut harness, Role::Button, "Use this photo");
    assert!(matches!(harness.state().flow().page(), Page::Done));
}
