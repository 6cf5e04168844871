//! `kycam match` as a user meets it: the JSON contract, the verdict in the exit
//! code, and files that cannot be compared.

mod common;
mod english_cli;

use common::fixture;
use std::process::Output;

fn kycam(args: &[&str]) -> Output {
    english_cli::kycam_in_english()
        .args(args)
        .output()
        .expect("kycam runs")
}

fn path(name: &str) -> String {
    fixture(name).to_str().expect("utf-8 path").to_owned()
}

fn json(out: &Output) -> serde_json::Value {
    let text = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(text.trim()).expect("one JSON object")
}

/// `kycam match --json A B` of two committed fixtures, its exit code checked
/// (stderr shown when it differs): the JSON object it prints.
fn match_json(a: &str, b: &str, code: i32) -> serde_json::Value {
    let out = kycam(&["match", "--json", &path(a), &path(b)]);
    assert_eq!(
        out.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    json(&out)
}

#[test]
fn two_portraits_of_one_man_are_the_same_person() {
    let r = match_json("obama.jpg", "obama2.jpg", 0);
    for key in ["a", "b", "same_person", "distance", "threshold"] {
        assert!(r.get(key).is_some(), "missing {key}: {r}");
    }
    assert!(r["a"].as_str().unwrap().ends_with("obama.jpg"));
    assert_eq!(r["same_person"], true);
    let (d, t) = (
        r["distance"].as_f64().unwrap(),
        r["threshold"].as_f64().unwrap(),
    );
    assert!(d < t, "distance {d} threshold {t}");
}

#[test]
fn obama_and_biden_are_different_people() {
    let r = match_json("obama.jpg", "biden.jpg", 1);
    assert_eq!(r["same_person"], false);
    assert!(r["distance"].as_f64().unwrap() >= r["threshold"].as_f64().unwrap());
}

#[test]
fn the_sentence_says_the_verdict_and_the_distance() {
    let out = kycam(&["match", &path("obama3.jpg"), &path("obama.jpg")]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("the same person"), "{text}");
    assert!(text.contains("distance 0."), "{text}");
}

#[test]
fn a_missing_file_is_named_and_exits_2() {
    let out = kycam(&["match", &path("obama.jpg"), "/nonexistent/selfie.jpg"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent/selfie.jpg"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn a_photo_without_a_face_is_named_and_exits_2() {
    let out = kycam(&["match", "--json", &path("page.png"), &path("obama.jpg")]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("page.png") && err.contains("no face"), "{err}");
}

#[test]
fn a_passport_photo_is_compared_by_its_portrait() {
    let Some(shared) = kycam::fixtures::shared_dir() else {
        eprintln!("skipped: no ../shared/fixtures beside the checkout");
        return;
    };
    let docs = shared.join("realdocs");
    let (a, b) = (
        docs.join("yushulx_passport.jpg"),
        docs.join("yushulx_rotated_passport.jpg"),
    );
    let out = kycam(&["match", a.to_str().unwrap(), b.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(text.matches("the document's portrait").count(), 2, "{text}");
}
