//! The command line in Chinese: `--lang zh-CN` (before or after the subcommand) and
//! the locale variables make every advice line, verdict and error Chinese; the default
//! stays English; rule ids and JSON keys never change.

mod common;

use common::fixture;
use std::process::{Command, Output};

/// kycam with the locale variables given and no others.
fn kycam(env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kycam"));
    for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied())
        .args(args)
        .output()
        .expect("kycam runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn is_cjk(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// A selfie cut off at the side and too close, and a card photo with a corner out,
/// leaning and showing no portrait: six failing rules between them.
fn failing_photos() -> [(String, &'static str); 2] {
    [
        (
            fixture("obama_partial_face.jpg").display().to_string(),
            "selfie",
        ),
        (
            fixture("176_HONOR-7X_S.jpg").display().to_string(),
            "id-front",
        ),
    ]
}

/// The table's advice lines (those of failing rules): the text after the limit.
fn failing_lines(table: &str) -> Vec<&str> {
    table
        .lines()
        .filter(|l| l.trim_start().starts_with('✗'))
        .collect()
}

/// The English advice sentences the default output gives for the failing photos.
fn english_advice() -> Vec<String> {
    let mut advice = Vec::new();
    for (file, shot) in failing_photos() {
        let out = kycam(
            &[("LANG", "C")],
            &["check", "--json", "--shot", shot, &file],
        );
        let report: serde_json::Value =
            serde_json::from_slice(&out.stdout).expect("one JSON object");
        for c in report["checks"].as_array().expect("checks") {
            if let Some(a) = c["advice"].as_str() {
                advice.push(a.to_owned());
            }
        }
    }
    assert!(advice.len() >= 4, "{advice:?}");
    advice
}

/// Every failing row of every photo is advised in Chinese and no English sentence is
/// left; the verdict word is Chinese, the rule ids are not translated.
fn assert_all_chinese(env: &[(&str, &str)], lang_args: &[&str]) {
    let english = english_advice();
    for (file, shot) in failing_photos() {
        let mut args = lang_args.to_vec();
        args.extend(["check", "--shot", shot, &file]);
        let out = kycam(env, &args);
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        let table = stdout(&out);
        assert!(
            table.lines().next().unwrap_or("").contains("不通过"),
            "{table}"
        );
        let failing = failing_lines(&table);
        assert!(failing.len() >= 2, "{table}");
        for line in failing {
            assert!(line.chars().any(is_cjk), "not Chinese: {line}");
        }
        for sentence in &english {
            assert!(
                !table.contains(sentence.as_str()),
                "English left: {sentence}"
            );
        }
        // Rule ids stay as the contract names them.
        assert!(
            table.contains("face_in_frame") || table.contains("corners_visible"),
            "{table}"
        );
    }
}

#[test]
fn lang_zh_cn_says_every_advice_line_in_chinese() {
    assert_all_chinese(&[("LANG", "C")], &["--lang", "zh-CN"]);
}

#[test]
fn lang_may_stand_after_the_subcommand_too() {
    let (file, shot) = &failing_photos()[0];
    let out = kycam(&[], &["check", "--shot", shot, "--lang=zh-CN", file]);
    let table = stdout(&out);
    assert!(table.contains("头部未完整显示"), "{table}");
}

#[test]
fn the_locale_variables_choose_chinese() {
    assert_all_chinese(&[("LANG", "zh_CN.UTF-8")], &[]);
    // LC_ALL wins over LANG, also to say English.
    let (file, shot) = &failing_photos()[0];
    let out = kycam(
        &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "en_US.UTF-8")],
        &["check", "--shot", shot, file],
    );
    assert!(!stdout(&out).chars().any(is_cjk), "{}", stdout(&out));
}

#[test]
fn the_default_is_english_with_plurals() {
    let (file, shot) = &failing_photos()[0];
    let out = kycam(&[("LANG", "C")], &["check", "--shot", shot, file]);
    let table = stdout(&out);
    assert!(!table.chars().any(is_cjk), "{table}");
    assert!(table.contains("FAIL"), "{table}");
    assert!(table.contains("Your head is cut off: move"), "{table}");
    assert!(
        table.contains("Move back a little: you are about 23 cm away"),
        "{table}"
    );
    // One face, not "1 faces".
    assert!(table.contains(" 1 face "), "{table}");
    assert!(!table.contains("1 faces"), "{table}");
}

#[test]
fn json_keeps_rule_ids_and_keys_and_words_the_advice_in_the_language() {
    let (file, shot) = &failing_photos()[0];
    let out = kycam(
        &[],
        &["--lang", "zh-CN", "check", "--json", "--shot", shot, file],
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let checks = report["checks"].as_array().expect("checks");
    let cut = checks
        .iter()
        .find(|c| c["id"] == "face_in_frame")
        .expect("the rule id is unchanged");
    assert_eq!(cut["pass"], false);
    let advice = cut["advice"].as_str().expect("advice");
    assert!(advice.chars().any(is_cjk), "{advice}");
    assert_eq!(report["shot"], "selfie");
}

#[test]
fn errors_name_the_file_in_chinese() {
    let out = kycam(
        &[("LANG", "zh_CN.UTF-8")],
        &["check", "/nonexistent/照片.jpg"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/nonexistent/照片.jpg") && err.contains("文件不存在"),
        "{err}"
    );
    let out = kycam(&[], &["--lang", "zh-CN", "check", "--hfov", "5", "x.jpg"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("视场角"), "{err}");
}

#[test]
fn match_says_its_sentence_in_chinese() {
    let (a, b) = (fixture("obama.jpg"), fixture("obama2.jpg"));
    let out = kycam(
        &[("LANG", "zh_CN.UTF-8")],
        &["match", a.to_str().unwrap(), b.to_str().unwrap()],
    );
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        text.contains("是同一个人") && text.contains("距离 0."),
        "{text}"
    );
    assert!(text.contains("obama.jpg"), "{text}");
}

#[test]
fn replay_logs_in_chinese() {
    let out_dir = tempfile::tempdir().expect("tempdir");
    let file = fixture("obama_partial_face.jpg");
    let out = kycam(
        &[],
        &[
            "--lang",
            "zh-CN",
            "replay",
            "--shot",
            "selfie",
            "--fps",
            "0",
            "--repeat",
            "3",
            "--out",
            out_dir.path().to_str().unwrap(),
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = stdout(&out);
    let first = text.lines().next().unwrap_or("");
    assert!(
        first.starts_with("第 0 帧：") && first.chars().any(is_cjk),
        "{text}"
    );
    assert!(text.contains("照片和 session.json 保存在"), "{text}");
    assert!(!text.contains("frames/s"), "{text}");
}

#[test]
fn help_is_in_the_language_where_kycam_writes_it() {
    let zh = kycam(&[("LANG", "zh_CN.UTF-8")], &["check", "--help"]);
    let text = stdout(&zh);
    assert!(text.contains("退出码") && text.contains("--shot"), "{text}");
    let en = kycam(&[("LANG", "C")], &["check", "--help"]);
    let text = stdout(&en);
    assert!(text.contains("Exit code: 0 every file passes"), "{text}");
    assert!(!text.chars().any(is_cjk), "{text}");
}
