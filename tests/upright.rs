//! Which way up a document lies, as `kycam check --json` reports it: corners from the
//! document's top-left as it is read, `rotation_deg`, what told it, and the `upright`
//! rule's advice; on real photos of a printed passport page turned on a desk mat, and
//! on synthetic passport pages turned with the picture.

mod common;
mod english_cli;

use std::path::Path;
use std::process::Output;

use common::fixture;
use kycam::analysis::document::{DocShape, Upright, UprightCue};
use kycam::analysis::{self, CameraModel, FacesFrom};
use kycam::synth::document::{render_scene, SceneParams};
use kycam::Shot;

fn kycam(args: &[&str]) -> Output {
    english_cli::kycam_in_english()
        .args(args)
        .output()
        .expect("kycam runs")
}

/// The one report of `kycam check --json --shot SHOT FILE`.
fn report(path: &Path, shot: &str, lang: &str) -> serde_json::Value {
    let out = kycam(&[
        "check",
        "--json",
        "--lang",
        lang,
        "--shot",
        shot,
        path.to_str().expect("a UTF-8 path"),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(text.lines().next().expect("one line per file")).expect("JSON")
}

fn check<'a>(report: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    report["checks"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["id"] == id))
        .unwrap_or_else(|| panic!("{id} is judged: {report}"))
}

fn corners(report: &serde_json::Value) -> [[f32; 2]; 4] {
    let c = &report["document"]["corners"];
    [0, 1, 2, 3].map(|k| [0, 1].map(|i| c[k][i].as_f64().expect("a number") as f32))
}

fn dist(a: [f32; 2], b: [f32; 2]) -> f32 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

/// Degrees between two turns, whichever way round.
fn turn_diff(a: f32, b: f32) -> f32 {
    let d = (a - b).rem_euclid(360.0);
    d.min(360.0 - d)
}

/// The printed passport page on a dark desk mat, upright, on its side both ways and
/// upside down (hand-labelled corners in reading order, from the fixtures' truth):
/// the first corner reported is its top-left, `rotation_deg` its turn, and the
/// advice says which way to turn it back. Upside down, the mat's rim running off the
/// picture cuts through the page and outscores it; the page, whole in the picture,
/// is the document.
#[test]
fn a_passport_page_turned_on_a_desk_is_read_from_its_top_left() {
    let cases: [(&str, [f32; 2], f32, Option<&str>); 4] = [
        ("yushulx_passport.jpg", [90.6, 441.2], 0.0, None),
        (
            "yushulx_passport_90.jpg",
            [568.1, 238.9],
            90.0,
            Some("Turn the passport a quarter turn anticlockwise: it lies on its side."),
        ),
        (
            "yushulx_passport_270.jpg",
            [102.3, 893.4],
            -90.0,
            Some("Turn the passport a quarter turn clockwise: it lies on its side."),
        ),
        (
            "yushulx_passport_180.jpg",
            [660.2, 837.1],
            180.0,
            Some("Turn the passport the right way up: it is upside down."),
        ),
    ];
    for (file, top_left, turn, advice) in cases {
        let r = report(&fixture(file), "passport", "en");
        let first = corners(&r)[0];
        // The page is ~600 px wide: its top-left within 4 % of that.
        assert!(
            dist(first, top_left) < 24.0,
            "{file}: first corner {first:?}, the page's top-left is {top_left:?}"
        );
        let rotation = r["document"]["rotation_deg"]
            .as_f64()
            .unwrap_or_else(|| panic!("{file}: rotation told: {r}")) as f32;
        assert!(
            turn_diff(rotation, turn) < 6.0,
            "{file}: rotation_deg {rotation}, turned {turn}"
        );
        assert_eq!(r["document"]["upright_cue"], "portrait", "{file}");
        let upright = check(&r, "upright");
        assert_eq!(upright["pass"], advice.is_none(), "{file}: {upright}");
        if let Some(advice) = advice {
            assert_eq!(upright["advice"], advice, "{file}");
        }
    }
}

/// The same page turned about 25° clockwise on the mat: the mat's rounded rim, pieced
/// into an outline running off the picture, holds the whole page and outscores it by
/// its size. The page is the document: its top-left first, every corner in the
/// picture, and the advice is to turn it straight, not to move a corner that is in
/// plain view back into the picture.
#[test]
fn a_passport_page_turned_a_little_on_a_desk_mat_is_the_document() {
    let r = report(&fixture("yushulx_rotated_passport.jpg"), "passport", "en");
    // Hand-labelled corners in reading order (the fixtures' truth).
    let truth = [
        [206.9, 289.5],
        [677.3, 490.2],
        [549.1, 853.1],
        [34.8, 615.2],
    ];
    for (found, labelled) in corners(&r).into_iter().zip(truth) {
        assert!(
            dist(found, labelled) < 12.0,
            "corner {found:?}, labelled {labelled:?}: {r}"
        );
    }
    let rotation = r["document"]["rotation_deg"]
        .as_f64()
        .expect("rotation told") as f32;
    assert!(turn_diff(rotation, 24.0) < 4.0, "rotation_deg {rotation}");
    assert_eq!(check(&r, "corners_visible")["pass"], true, "{r}");
    let straight = check(&r, "straight");
    assert_eq!(straight["pass"], false, "{straight}");
    assert!(
        straight["advice"]
            .as_str()
            .is_some_and(|a| a.contains("anticlockwise")),
        "{straight}"
    );
}

/// In Chinese the advice is all Chinese (no English word passed into the sentence).
#[test]
fn the_upright_advice_is_all_chinese_in_chinese() {
    let r = report(&fixture("yushulx_passport_90.jpg"), "passport", "zh-CN");
    let advice = check(&r, "upright")["advice"]
        .as_str()
        .expect("the rule fails with advice")
        .to_owned();
    assert!(advice.contains("逆时针"), "{advice}");
    assert!(!advice.chars().any(|c| c.is_ascii_alphabetic()), "{advice}");
}

/// A back side whose print does not tell which way up it is (a Chinese resident card's
/// emblem side, lying across) is not guessed: `rotation_deg` null, and `upright`
/// passes unmeasured.
#[test]
fn a_back_without_a_cue_is_not_guessed() {
    let r = report(&fixture("shakex_card1_back.jpg"), "id-back", "en");
    assert!(r["document"]["rotation_deg"].is_null(), "{r}");
    assert!(r["document"]["upright_cue"].is_null(), "{r}");
    let upright = check(&r, "upright");
    assert_eq!(upright["pass"], true, "{upright}");
    assert!(upright["value"].is_null(), "{upright}");
}

/// Synthetic passport pages (a portrait, and on some a machine-readable zone),
/// the whole picture turned half round and a quarter: the turn is told, and the
/// first corner is the page's own top-left turned with the picture.
#[test]
fn synthetic_pages_turned_with_the_picture() {
    let (face, textures) = common::synth_inputs();
    let params = SceneParams {
        shape: DocShape::PassportPage,
        ..SceneParams::plain()
    };
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut told = 0;
    for seed in 0..4u64 {
        let (frame, truth) = render_scene(seed, &params, &face, &textures);
        let (w, h) = (frame.width() as f32, frame.height() as f32);
        let tl = truth.corners[0];
        for (turn, picture, moved) in [
            (
                180.0,
                image::imageops::rotate180(&frame),
                [w - tl[0], h - tl[1]],
            ),
            // Turned clockwise, (x, y) goes to (h − y, x).
            (90.0, image::imageops::rotate90(&frame), [h - tl[1], tl[0]]),
        ] {
            let path = dir.path().join(format!("seed{seed}_{turn}.png"));
            picture.save(&path).expect("the picture is written");
            let r = report(&path, "passport", "en");
            let Some(rotation) = r["document"]["rotation_deg"].as_f64() else {
                continue;
            };
            told += 1;
            let expected = truth.rotation_deg + turn;
            assert!(
                turn_diff(rotation as f32, expected) < 6.0,
                "seed {seed} turned {turn}: rotation_deg {rotation}, expected {expected}"
            );
            let first = corners(&r)[0];
            assert!(
                dist(first, moved) < 0.04 * w.max(h),
                "seed {seed} turned {turn}: first corner {first:?}, top-left {moved:?}"
            );
            assert_eq!(check(&r, "upright")["pass"], false, "seed {seed} {turn}");
        }
    }
    // The portrait on a synthetic page is found turned on nearly every one.
    assert!(told >= 6, "the turn was told on {told} of 8 pictures");
}

/// Which way up the machine-readable zone says a page lies is read into the outline
/// `measure_outlined` is given, once: a reading already there is taken as read (the
/// live pipeline keeps it with an outline it keeps). On a real upside-down page whose
/// portrait is painted over, so that the zone is what tells.
#[test]
fn the_zone_is_read_into_the_outline_once() {
    let rgb = common::passport_upside_down_without_portrait();
    let grey = analysis::to_grey(&rgb);
    let (shot, from, camera) = (Shot::Passport, FacesFrom::ThisFrame, CameraModel::default());
    let measure = |outline: &mut analysis::Outline| {
        analysis::measure_outlined(&rgb, &grey, shot, &[], from, outline, camera)
    };
    let mut outline = analysis::search_outline(&grey, shot, &[], from);
    assert!(outline.found.is_some(), "the page is found");
    assert_eq!(outline.zone, None, "not read by the search");
    let upside_down = Some(Upright {
        quarter_turns: 2,
        cue: UprightCue::Mrz,
    });
    let m = measure(&mut outline);
    assert_eq!(outline.zone, Some(upside_down), "read when measured");
    assert_eq!(m.document.as_ref().and_then(|d| d.upright), upside_down);
    assert_eq!(
        m,
        analysis::measure_with(&rgb, &grey, shot, &[], from, camera)
    );
    // Measured again with the reading kept: the same, and nothing read afresh.
    assert_eq!(measure(&mut outline), m);
    outline.zone = Some(None);
    let m = measure(&mut outline);
    assert_eq!(
        m.document.as_ref().map(|d| d.upright),
        Some(None),
        "taken as read"
    );
}
