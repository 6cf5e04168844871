//! What kycam says on a document shot when the picture shows no document: a person at
//! a webcam with no card up. Every sentence and checklist row speaks of the picture,
//! never of a card, a side or a document the picture does not show; a scan cut to a
//! card's edges (the picture is the card) is still read as the card. Live, the frames
//! before the first face answer say nothing of a document either.

mod common;
mod pipeline_common;

use image::RgbImage;
use kycam::check::{Checker, FileReport};
use kycam::gui::checklist::checklist_row;
use kycam::imageio::{FileFormat, LoadedImage};
use kycam::pipeline::SourceSpec;
use kycam::rules::RuleId;
use kycam::Shot;

const NO_DOCUMENT: &str = "No document found: hold it up to the camera, or lay it on a plain, \
                           dark surface, so that it fills most of the picture.";
const PENDING: &str = "Checking the picture…";

/// `kycam check` on a picture held in memory, as a 500 KB PNG.
fn check(rgb: RgbImage, name: &str, shot: Shot) -> FileReport {
    let loaded = LoadedImage {
        format: FileFormat::Png,
        file_bytes: 500_000,
        ..LoadedImage::in_memory(rgb)
    };
    Checker::new(None).check_loaded(name, &loaded, shot)
}

/// The committed real portraits on which no document is found, and the committed
/// portrait as a 1280×720 webcam frame: a person in front of the camera, no card up.
fn people() -> Vec<(String, RgbImage)> {
    let mut out: Vec<(String, RgbImage)> = ["obama.jpg", "biden.jpg"]
        .into_iter()
        .map(|name| {
            let rgb = common::load_rgb(&common::fixture(name)).expect("committed portrait");
            (name.to_owned(), rgb)
        })
        .collect();
    out.push(("webcam frame".to_owned(), common::obama_on_brick(1280, 720)));
    out
}

/// Words that name what only a document shows.
fn names_a_document(text: &str) -> bool {
    [
        "document", "card", "passport", "front", "back", "side", "finger", "photo on",
    ]
    .iter()
    .any(|w| text.contains(w))
}

/// With no document found, no sentence but the one saying so names a document, and
/// no checklist row names a side: the whole-picture measures speak of the picture. A
/// portrait in a camera's picture is no card's front filling it (no "This is the
/// front: turn the card over", no row "the front"), and a shadow on the person is
/// said of the picture, not of a document.
#[test]
fn a_person_with_no_card_is_told_of_no_card() {
    for (name, rgb) in people() {
        for shot in [Shot::IdFront, Shot::IdBack, Shot::Passport] {
            let report = check(rgb.clone(), &name, shot);
            assert!(report.measurements.document.is_none(), "{name} {shot:?}");
            let found = common::verdict_on(&report.checks, RuleId::DocumentFound);
            assert_eq!(found.advice.as_deref(), Some(NO_DOCUMENT));
            for v in &report.checks {
                let advice = v.advice.as_deref().unwrap_or_default();
                assert!(
                    advice == NO_DOCUMENT || !names_a_document(advice),
                    "{name} {shot:?} {}: {advice}",
                    v.id
                );
                let row = checklist_row(v);
                assert!(
                    !names_a_document(&row.now),
                    "{name} {shot:?} {}: {row:?}",
                    v.id
                );
            }
            if shot == Shot::IdBack {
                // No side is shown: not judged, like the other rules of the card.
                let side = common::verdict_on(&report.checks, RuleId::BackSide);
                assert_eq!(side.value, None, "{name}");
                assert_eq!(checklist_row(side).now, "—");
            }
        }
    }
}

/// Live, the face worker answers a few frames behind the analysis. Before its first
/// answer no document is looked for: without the face, an outline around the person
/// in the real portrait biden.jpg (his suit, the wall behind) would be taken for a card
/// and told to turn a quarter. Those frames say nothing of a document, their document
/// rules wait unmeasured, and nothing is captured; from the first answer on, no
/// document is found.
#[test]
fn live_a_person_is_told_of_no_card_before_the_first_face_answer() {
    for shot in [Shot::IdFront, Shot::IdBack, Shot::Passport] {
        let out = tempfile::tempdir().expect("tempdir");
        let spec = SourceSpec::Replay {
            path: common::fixture("biden.jpg"),
            fps: 0.0,
            repeat: 4,
            looped: false,
        };
        // Faces searched on every frame and used from the next one on.
        let run = pipeline_common::run_to_end(spec, pipeline_common::config(shot, out.path()));
        assert_eq!(run.reports.len(), 4, "{shot:?}");
        for r in &run.reports {
            let said = r.guidance.as_deref().unwrap_or_default();
            assert!(
                said == NO_DOCUMENT || !names_a_document(said),
                "{shot:?} frame {}: {said}",
                r.seq
            );
            for v in &r.verdicts {
                let advice = v.advice.as_deref().unwrap_or_default();
                assert!(
                    advice == NO_DOCUMENT || !names_a_document(advice),
                    "{shot:?} frame {} {}: {advice}",
                    r.seq,
                    v.id
                );
            }
            assert!(r.capture.is_none(), "{shot:?} frame {}", r.seq);
        }
        let found = |i: usize| common::verdict_on(&run.reports[i].verdicts, RuleId::DocumentFound);
        assert_eq!(
            (found(0).value, found(0).advice.as_deref()),
            (None, Some(PENDING)),
            "{shot:?}"
        );
        assert_eq!(checklist_row(found(0)).now, "—");
        assert_eq!(run.reports[0].guidance.as_deref(), Some(PENDING));
        assert_eq!(found(3).advice.as_deref(), Some(NO_DOCUMENT), "{shot:?}");
    }
}

/// The quality sentences of a picture with no document name the picture: the real
/// portrait obama.jpg, lit from one side, checked as a card's front.
#[test]
fn uneven_light_without_a_document_is_said_of_the_picture() {
    let rgb = common::load_rgb(&common::fixture("obama.jpg")).expect("committed portrait");
    let report = check(rgb, "obama.jpg", Shot::IdFront);
    let light = common::verdict_on(&report.checks, RuleId::EvenLighting);
    assert_eq!(
        light.advice.as_deref(),
        Some("Part of the picture is in shadow: face the light so it falls evenly.")
    );
}

/// A card's front cut to its edges (a scan) has no outline inside the picture: the
/// picture is the card, and on the back's step it is still told to be the front. Cut
/// here from the committed real photo of a card's front, at its corners labelled in
/// ../shared/fixtures/realdocs/truth.json (shakex_card3_old.jpg, 3000×4000) scaled to
/// the committed copy's 960×1280.
#[test]
fn a_front_cut_to_its_edges_is_still_the_front() {
    let photo = common::load_rgb(&common::fixture("shakex_card3_front.jpg")).expect("committed");
    let corners = [
        [388.5, 1918.0],
        [2647.8, 1919.2],
        [2763.7, 3406.4],
        [292.8, 3499.5],
    ]
    .map(|[x, y]: [f32; 2]| [x * 0.32, y * 0.32]);
    let card = kycam::analysis::document::rectify(&photo, &corners, 856, 540);
    let report = check(card, "front cut to its edges", Shot::IdBack);
    assert!(report.measurements.document.is_none());
    let side = common::verdict_on(&report.checks, RuleId::BackSide);
    assert_eq!(
        (side.pass, side.value, side.advice.as_deref()),
        (
            false,
            Some(1.0),
            Some("This is the front: turn the card over.")
        )
    );
}
