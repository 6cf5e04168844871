//! The live pipeline on synthetic frame sequences: settling scenes are captured
//! once, on a passing frame; scenes that never settle are not; unreadable frames
//! are named and skipped; the shutter and pausing. Sources that stall, hang or
//! panic are in pipeline_sources.rs, a session's memory in pipeline_session.rs.

mod common;
mod pipeline_common;

use std::time::Duration;

use common::{approach, card_rest, write_frames, Scenes};
use kycam::analysis::document::{Upright, UprightCue};
use kycam::capture::SESSION_FILE;
use kycam::pipeline::{Command, Event};
use kycam::rules::RuleId;
use kycam::synth::selfie::SelfieScene;
use kycam::Shot;
use pipeline_common::*;

#[test]
fn a_selfie_settling_is_captured_once_on_a_passing_frame() {
    let s = Scenes::load();
    let frames = selfie_settling(&s);
    let (run, out) = replay_to_end(Shot::Selfie, frames.iter().cloned());
    assert_lossless(&run);
    assert!(problems(&run).is_empty(), "{:?}", problems(&run));
    // Far away at first: the distance rule says so.
    assert!(run.reports[1].failing().contains(&RuleId::Distance));
    assert_one_good_capture(&run, out.path(), Shot::Selfie, &frames);
}

/// Live, the face worker answers a few frames behind the analysis. Before its first
/// answer no face has been looked for, so the real portrait biden.jpg is not told
/// "No face found": the face rules wait, unmeasured, with a sentence true of any
/// picture; from the first answer on his face is found.
#[test]
fn a_face_is_not_called_missing_before_the_first_face_answer() {
    let out = tempfile::tempdir().expect("tempdir");
    let spec = kycam::pipeline::SourceSpec::Replay {
        path: common::fixture("biden.jpg"),
        fps: 0.0,
        repeat: 4,
        looped: false,
    };
    // Faces searched on every frame and used from the next one on.
    let run = run_to_end(spec, config(Shot::Selfie, out.path()));
    assert_eq!(run.reports.len(), 4);
    let first = &run.reports[0];
    assert_eq!(first.guidance.as_deref(), Some("Checking the picture…"));
    for r in &run.reports {
        for v in &r.verdicts {
            let advice = v.advice.as_deref().unwrap_or_default();
            assert!(
                !advice.contains("No face"),
                "frame {} {}: {advice}",
                r.seq,
                v.id
            );
        }
        assert!(r.capture.is_none(), "frame {}", r.seq);
    }
    let found = |i: usize| common::verdict_on(&run.reports[i].verdicts, RuleId::FaceFound);
    assert_eq!(found(0).value, None);
    assert!(found(3).pass, "{:?}", found(3));
}

#[test]
fn a_card_sliding_into_place_is_captured_once_on_a_passing_frame() {
    let s = Scenes::load();
    let rest = card_rest();
    let frames: Vec<_> = (0..MOVING + STILL)
        .map(|i| {
            let u = (i as f32 / MOVING as f32).min(1.0);
            s.card(-0.4 * (1.0 - u) + rest * u)
        })
        .collect();
    let (run, out) = replay_to_end(Shot::IdFront, frames.iter().cloned());
    assert_lossless(&run);
    // While it slides, it is not steady.
    assert!(run.reports[..MOVING]
        .iter()
        .any(|r| r.failing().contains(&RuleId::Steady)));
    assert_one_good_capture(&run, out.path(), Shot::IdFront, &frames);
    // The photo side is shown all along: while the face boxes lag behind the moving
    // card, nothing says "no photo" or asks for the photo side.
    for r in &run.reports {
        assert_ne!(
            r.guidance_for,
            Some(RuleId::PortraitPresent),
            "frame {}",
            r.seq
        );
        let portrait = r.verdicts.iter().find(|v| v.id == RuleId::PortraitPresent);
        assert!(
            portrait.is_none_or(|v| v.pass || v.value.is_none()),
            "frame {}: {portrait:?}",
            r.seq
        );
    }
}

#[test]
fn a_still_card_keeps_its_outline_and_every_frame_is_judged_afresh() {
    let s = Scenes::load();
    let rest = card_rest();
    let sharp = s.card(rest);
    // Out of focus, the card unmoved: the small copies motion is read from barely change.
    let soft = image::imageops::blur(&sharp, 3.0);
    let moved = s.card(rest + 0.1);
    let frames: Vec<_> = [&sharp, &soft, &moved]
        .into_iter()
        .flat_map(|f| std::iter::repeat_n(f.clone(), 10))
        .collect();
    let (run, _out) = replay_to_end(Shot::IdFront, frames);
    assert_lossless(&run);
    // The search ran on some frames, not on each.
    let searches = run.stats.outline_searches;
    assert!((3..=15).contains(&searches), "{searches} searches");
    let corners = |i: usize| {
        run.reports[i]
            .measurements
            .document
            .as_ref()
            .unwrap_or_else(|| panic!("no document on frame {i}"))
            .corners
    };
    // The soft frames are judged on their own pixels from the first one on.
    assert!(!run.reports[9].failing().contains(&RuleId::Sharpness));
    assert!(run.reports[10..20]
        .iter()
        .all(|r| r.failing().contains(&RuleId::Sharpness)));
    // The moved card is outlined where it went from its first frame on.
    let shift = corners(20)[0][0] - corners(19)[0][0];
    assert!(
        (shift - 0.1 * common::WIDTH as f32).abs() < 4.0,
        "outline moved {shift} px"
    );
    for i in 21..30 {
        assert_eq!(corners(i), corners(20), "frame {i}");
    }
}

/// A still passport page, upside down, its portrait painted over so that only its
/// machine-readable zone tells which way up it lies: the zone's reading is kept with
/// the outline, and every frame, searched or not, says the page is upside down (but
/// the first, judged before the face worker's first answer, when no document is
/// looked for).
#[test]
fn a_still_passport_page_keeps_its_upright_verdict_on_kept_frames() {
    let page = common::passport_upside_down_without_portrait();
    let frames = 20;
    let (run, _out) = replay_to_end(Shot::Passport, std::iter::repeat_n(page, frames));
    assert_lossless(&run);
    let searches = run.stats.outline_searches;
    assert!(searches < frames as u64 / 2, "{searches} searches");
    assert!(run.reports[0].measurements.faces_unknown);
    for r in &run.reports[1..] {
        let document = r.measurements.document.as_ref();
        let upright = document.and_then(|d| d.upright);
        assert_eq!(
            upright,
            Some(Upright {
                quarter_turns: 2,
                cue: UprightCue::Mrz
            }),
            "frame {}",
            r.seq
        );
        assert!(r.failing().contains(&RuleId::Upright), "frame {}", r.seq);
    }
}

/// A reflection can appear on a card that does not move. A lamp's spot at the
/// corner where four cells of the small copies meet, so that none of them changes
/// by more than a still picture's noise, keeps the outline from the frame before,
/// but the glare kept with it is not: the spot is judged from its first frame on.
#[test]
fn a_reflection_on_a_still_card_is_judged_from_its_first_frame() {
    use kycam::pipeline::motion::{motion, motion_thumbnail};
    let photo = common::load_rgb(&common::fixture("shakex_card1_back.jpg")).expect("fixture");
    let still = kycam::fixtures::webcam_frame(&photo);
    let mut spot = still.clone();
    let (cx, cy) = (still.width() as f32 / 2.0, still.height() as f32 / 2.0);
    kycam::synth::draw_glare_spot(&mut spot, cx, cy, 30.0);
    let thumb = |rgb: &image::RgbImage| motion_thumbnail(&kycam::analysis::to_grey(rgb));
    let moved = motion(&thumb(&still), &thumb(&spot)).expect("same size");
    assert!(
        moved <= 2.0,
        "the spot reads as motion {moved}: the outline would not be kept"
    );
    let (before, after) = (4, 4);
    let frames = std::iter::repeat_n(still, before).chain(std::iter::repeat_n(spot, after));
    let (run, _out) = replay_to_end(Shot::IdBack, frames);
    assert_lossless(&run);
    assert!(run.stats.outline_searches <= 2, "{:?}", run.stats);
    for (i, r) in run.reports.iter().enumerate() {
        let spotted = r.failing().contains(&RuleId::Glare);
        assert_eq!(spotted, i >= before, "frame {i}: {:?}", r.verdicts);
    }
}

#[test]
fn a_shaking_picture_is_never_captured() {
    let s = Scenes::load();
    // In place, but the hand shakes: 3 % of the width left and right.
    let frames = (0..60).map(|i| {
        s.selfie(&SelfieScene {
            distance_cm: 44.0,
            centre: [if i % 2 == 0 { 0.47 } else { 0.53 }, 0.52],
            ..SelfieScene::default()
        })
    });
    let (run, out) = replay_to_end(Shot::Selfie, frames);
    assert_lossless(&run);
    assert!(run.reports.iter().all(|r| r.capture.is_none()));
    assert!(captured(&run).is_empty());
    assert!(run.reports[1..]
        .iter()
        .all(|r| r.failing().contains(&RuleId::Steady)));
    assert!(!out.path().join("selfie.jpg").exists());
}

#[test]
fn glare_that_stays_is_never_captured() {
    let s = Scenes::load();
    // The card slides in and settles under a lamp that leaves a spot on it.
    let rest = card_rest();
    let frames = (0..MOVING + STILL).map(|i| {
        let u = (i as f32 / MOVING as f32).min(1.0);
        let x = -0.4 * (1.0 - u) + rest * u;
        let mut frame = s.card(x);
        let spot_x = (x + 0.3) * common::WIDTH as f32;
        kycam::synth::draw_glare_spot(&mut frame, spot_x, 330.0, 70.0);
        frame
    });
    let (run, out) = replay_to_end(Shot::IdFront, frames);
    assert_lossless(&run);
    assert!(captured(&run).is_empty());
    assert!(!out.path().join("id-front.jpg").exists());
    let last = run.reports.last().expect("reports");
    assert_eq!(last.failing(), vec![RuleId::Glare]);
    assert!(last
        .guidance
        .as_deref()
        .is_some_and(|g| g.contains("reflection")));
}

#[test]
fn glare_on_a_face_that_stays_is_never_captured() {
    let s = Scenes::load();
    // A small spot: larger ones (≥ 5 % of the face width) hide the face from
    // the detector altogether, which fails other rules instead.
    let frames = (0..MOVING + STILL).map(|i| {
        s.selfie(&SelfieScene {
            glare_radius: 0.04,
            ..approach(i, MOVING)
        })
    });
    let (run, _out) = replay_to_end(Shot::Selfie, frames);
    assert_lossless(&run);
    assert!(captured(&run).is_empty());
    let last = run.reports.last().expect("reports");
    assert!(
        last.failing().contains(&RuleId::Glare),
        "{:?}",
        last.failing()
    );
}

#[test]
fn unreadable_frames_are_named_skipped_and_the_replay_goes_on() {
    let s = Scenes::load();
    let frames_dir = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let frames = selfie_settling(&s);
    let files = write_frames(frames_dir.path(), frames.iter().cloned());
    // One file is garbage, one is cut short mid-picture, in the moving part.
    std::fs::write(&files[3], b"this is not a picture").expect("write");
    let bytes = std::fs::read(&files[5]).expect("read");
    std::fs::write(&files[5], &bytes[..bytes.len() / 2]).expect("truncate");

    let run = run_to_end(replay(frames_dir.path()), config(Shot::Selfie, out.path()));
    let told = problems(&run);
    assert_eq!(told.len(), 2, "{told:?}");
    assert!(
        told[0].contains("frame_0003.jpg") && told[0].contains("skipped"),
        "{}",
        told[0]
    );
    assert!(
        told[1].contains("frame_0005.jpg") && told[1].contains("truncated"),
        "{}",
        told[1]
    );
    assert_eq!(run.stats.analysed, frames.len() as u64 - 2);
    assert!(run.events.iter().any(|e| matches!(e, Event::SourceEnded)));
    // Sequence numbers count frames sent, so the saved frame is found by its
    // position among the readable ones.
    let readable: Vec<_> = frames
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 3 && *i != 5)
        .map(|(_, f)| f.clone())
        .collect();
    assert_one_good_capture(&run, out.path(), Shot::Selfie, &readable);
}

#[test]
fn the_shutter_saves_the_frame_it_is_given_marked_manual() {
    let s = Scenes::load();
    let out = tempfile::tempdir().expect("tempdir");
    let file = out.path().join("glare-frame.png");
    s.selfie(&SelfieScene {
        distance_cm: 44.0,
        glare_radius: 0.1,
        ..SelfieScene::default()
    })
    .save(&file)
    .expect("save frame");
    let photos = out.path().join("photos");
    let pipeline = live_selfie_looping(file, &photos);
    let first = pipeline
        .next_report(Duration::from_secs(30))
        .expect("a first report");
    assert!(!first.pass());

    // A press for another shot (the shot changed meanwhile) saves nothing.
    pipeline.send(Command::Save {
        shot: Shot::IdFront,
        frame: first.frame.clone(),
        verdicts: first.verdicts.clone(),
    });
    pipeline.send(Command::Save {
        shot: Shot::Selfie,
        frame: first.frame.clone(),
        verdicts: first.verdicts.clone(),
    });
    // The window is told a save began (to say "Saving…") before it is told it
    // ended; the press for another shot began none.
    let mut began = Vec::new();
    let captured = wait_for(&pipeline, |e| {
        if let Event::Saving(shot) = e {
            began.push(*shot);
        }
        matches!(e, Event::Captured(_))
    });
    assert_eq!(began, [Shot::Selfie]);
    match captured {
        Event::Captured(saved) => {
            assert_eq!(saved.shot, Shot::Selfie);
            assert!(saved.manual && !saved.all_passed);
            assert!(saved.path.exists());
        }
        _ => unreachable!(),
    }
    pipeline.stop();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(photos.join(SESSION_FILE)).expect("session.json"))
            .expect("JSON");
    let shots = json["shots"].as_array().expect("shots");
    assert_eq!(shots.len(), 1, "{json}");
    assert_eq!(shots[0]["manual"], true);
    assert_eq!(shots[0]["all_passed"], false);
    // The verdicts recorded are the ones the press was made on.
    let recorded: Vec<(String, bool)> = shots[0]["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| (c["id"].as_str().unwrap_or("").to_owned(), c["pass"] == true))
        .collect();
    let shown: Vec<(String, bool)> = first
        .verdicts
        .iter()
        .map(|v| (v.id.to_string(), v.pass))
        .collect();
    assert_eq!(recorded, shown);
}

#[test]
fn a_paused_pipeline_never_captures_and_goes_on_when_resumed() {
    let s = Scenes::load();
    let dir = tempfile::tempdir().expect("tempdir");
    let frames = dir.path().join("frames");
    std::fs::create_dir_all(&frames).expect("frames folder");
    write_frames(&frames, selfie_settling(&s));
    let photos = dir.path().join("photos");
    let pipeline = live_selfie_looping(frames, &photos);
    pipeline.send(Command::Pause(true));
    // Three passes over a sequence that is captured on its first pass when armed.
    let mut passing = 0;
    let mut seen = 0;
    while seen < 3 * (MOVING + STILL) {
        if let Some(r) = pipeline.next_report(Duration::from_secs(30)) {
            seen += 1;
            passing += usize::from(r.pass());
            assert!(
                r.capture.is_none(),
                "captured while paused (frame {})",
                r.seq
            );
        }
        for e in pipeline.events() {
            assert!(!matches!(e, Event::Captured(_)), "saved while paused");
        }
    }
    assert!(passing > 20, "the scene passes: {passing} frames");
    pipeline.send(Command::Pause(false));
    match wait_for(&pipeline, |e| matches!(e, Event::Captured(_))) {
        Event::Captured(saved) => assert!(!saved.manual && saved.all_passed),
        _ => unreachable!(),
    }
    pipeline.stop();
}
