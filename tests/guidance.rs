//! One report, one truth: over whole replay sequences, the sentence shown for
//! a frame is about a check that fails in that frame, and there is none
//! exactly when every check passes. Also with the analysis slowed down, as on
//! a busy machine, when frames are dropped and the sentence's timing changes.

mod common;
mod english_cli;

use std::path::Path;

use common::{approach, card_rest, write_frames, Scenes, WIDTH};
use image::RgbImage;
use kycam::synth::selfie::SelfieScene;

/// A named sequence of frames and the shot they are for.
struct Sequence {
    name: &'static str,
    shot: &'static str,
    frames: Vec<RgbImage>,
}

const MOVING: usize = 15;
const STILL: usize = 30;

fn sequences(s: &Scenes) -> Vec<Sequence> {
    let rest = card_rest();
    let slide = |i: usize| {
        let u = (i as f32 / MOVING as f32).min(1.0);
        -0.4 * (1.0 - u) + rest * u
    };
    vec![
        Sequence {
            name: "selfie settling",
            shot: "selfie",
            frames: (0..MOVING + STILL)
                .map(|i| s.selfie(&approach(i, MOVING)))
                .collect(),
        },
        Sequence {
            name: "selfie shaking",
            shot: "selfie",
            frames: (0..30)
                .map(|i| {
                    s.selfie(&SelfieScene {
                        distance_cm: 44.0,
                        centre: [if i % 2 == 0 { 0.47 } else { 0.53 }, 0.52],
                        ..SelfieScene::default()
                    })
                })
                .collect(),
        },
        Sequence {
            name: "selfie with glare",
            shot: "selfie",
            frames: (0..MOVING + STILL)
                .map(|i| {
                    s.selfie(&SelfieScene {
                        glare_radius: 0.04,
                        ..approach(i, MOVING)
                    })
                })
                .collect(),
        },
        Sequence {
            name: "card sliding in",
            shot: "id-front",
            frames: (0..MOVING + STILL).map(|i| s.card(slide(i))).collect(),
        },
        Sequence {
            name: "card under a lamp",
            shot: "id-front",
            frames: (0..MOVING + STILL)
                .map(|i| {
                    let x = slide(i);
                    let mut frame = s.card(x);
                    let spot_x = (x + 0.3) * WIDTH as f32;
                    kycam::synth::draw_glare_spot(&mut frame, spot_x, 330.0, 70.0);
                    frame
                })
                .collect(),
        },
    ]
}

/// Replays `dir` with `args`; returns the per-frame JSON lines.
fn replay(shot: &str, dir: &Path, out: &Path, args: &[&str]) -> Vec<serde_json::Value> {
    let o = english_cli::kycam_in_english()
        .args(["replay", "--shot", shot, "--json", "--out"])
        .arg(out)
        .args(args)
        .arg(dir)
        .output()
        .expect("run kycam");
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut lines: Vec<serde_json::Value> = String::from_utf8(o.stdout)
        .expect("utf-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    lines.pop(); // the summary
    lines
}

/// Asserts the agreement on every frame line; returns how many were checked.
fn assert_agreement(name: &str, lines: &[serde_json::Value]) -> usize {
    for line in lines {
        let failing = line["failing"].as_array().expect("failing");
        let advice_for = &line["advice_for"];
        if failing.is_empty() {
            assert!(
                advice_for.is_null() && line["advice"].is_null(),
                "{name}: every check passes but the sentence says {line}"
            );
        } else {
            assert!(
                failing.contains(advice_for),
                "{name}: the sentence is not about a failing check: {line}"
            );
            assert!(
                line["advice"].as_str().is_some_and(|a| !a.is_empty()),
                "{name}: a failing frame without a sentence: {line}"
            );
        }
    }
    lines.len()
}

#[test]
fn the_sentence_is_about_a_failing_check_of_its_own_frame() {
    let s = Scenes::load();
    let (mut normal, mut slowed, mut frames_total) = (0, 0, 0);
    for seq in sequences(&s) {
        let frames = tempfile::tempdir().expect("tempdir");
        let out = tempfile::tempdir().expect("tempdir");
        frames_total += seq.frames.len();
        write_frames(frames.path(), seq.frames);
        // Every frame, faces in lockstep.
        let lines = replay(seq.shot, frames.path(), out.path(), &["--fps", "0"]);
        normal += assert_agreement(seq.name, &lines);
        // As live at 30 fps, with the analysis taking 80 ms longer a frame:
        // frames are dropped and the faces arrive late.
        let lines = replay(
            seq.shot,
            frames.path(),
            out.path(),
            &["--fps", "30", "--slow-ms", "80"],
        );
        assert!(!lines.is_empty(), "{}: no frame analysed", seq.name);
        slowed += assert_agreement(seq.name, &lines);
    }
    eprintln!(
        "guidance agreement: {normal} frames checked at full rate, {slowed} slowed \
         (of {frames_total} frames per pass)"
    );
    assert_eq!(normal, frames_total);
    assert!(
        slowed > 0 && slowed < frames_total,
        "the slowed run drops frames"
    );
}
