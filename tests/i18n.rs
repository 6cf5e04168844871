//! The catalogues: complete in every language, every message with the same
//! arguments, every Chinese character drawable with the embedded font, every message
//! the code asks for present; and `--lang` on the command line.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use kycam::i18n::{self, Lang};

/// Per message id, the variables (`$name`) it uses.
type Messages = BTreeMap<String, BTreeSet<String>>;

fn messages(lang: Lang) -> Messages {
    let resource = fluent_syntax::parser::parse(lang.catalogue()).unwrap_or_else(|(_, errors)| {
        panic!("{lang}: the catalogue does not parse: {errors:?}");
    });
    let mut out = Messages::new();
    for entry in resource.body {
        match entry {
            Entry::Message(m) => {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                for a in &m.attributes {
                    pattern_vars(&a.value, &mut vars);
                }
                let id = m.id.name.to_owned();
                assert!(out.insert(id.clone(), vars).is_none(), "{lang}: {id} twice");
            }
            Entry::Junk { content } => panic!("{lang}: cannot read {content:?}"),
            _ => {}
        }
    }
    out
}

fn pattern_vars(p: &Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
            for a in &arguments.named {
                inline_vars(&a.value, vars);
            }
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn every_language_has_every_message_with_the_same_arguments() {
    let english = messages(Lang::En);
    assert!(!english.is_empty());
    for lang in Lang::ALL {
        let other = messages(lang);
        let missing: Vec<&String> = english
            .keys()
            .filter(|id| !other.contains_key(*id))
            .collect();
        let extra: Vec<&String> = other
            .keys()
            .filter(|id| !english.contains_key(*id))
            .collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{lang} has messages English lacks: {extra:?}"
        );
        for (id, vars) in &english {
            assert_eq!(&other[id], vars, "{lang}: {id} takes other arguments");
        }
    }
}

#[test]
fn the_embedded_font_draws_every_character_of_the_chinese_catalogue() {
    let face = ttf_parser::Face::parse(i18n::font::EMBEDDED_CJK_FONT, 0)
        .expect("the embedded font parses");
    let missing: BTreeSet<char> = Lang::ZhCn
        .catalogue()
        .chars()
        .filter(|c| !c.is_control())
        .filter(|&c| face.glyph_index(c).is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "no glyph for {missing:?}: run scripts/subset-cjk-font.sh"
    );
}

/// The calls that name a message: `tr!("id"…)`, `tr("id")`, `tr_args("id", …)`.
const CALLS: [&str; 3] = ["tr!(", "tr(", "tr_args("];

/// Message ids the code names, and the places that name one with anything but a
/// literal (which this scan could not check: every id must be written out where
/// it is asked for, so that a missing message is found here and not on screen).
fn ids_in_code(dir: &Path, ids: &mut BTreeSet<String>, unchecked: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).expect("src is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            ids_in_code(&path, ids, unchecked);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            // The catalogue's own module defines the calls and forwards ids.
            let defines = path.ends_with("src/i18n/mod.rs");
            for call in CALLS {
                for (i, _) in text.match_indices(call) {
                    // The call itself, not `include_str!` or `attr(`; not in a comment.
                    let before = text[..i].chars().next_back();
                    let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                        || text[line_start..i].trim_start().starts_with("//")
                    {
                        continue;
                    }
                    let rest = text[i + call.len()..].trim_start();
                    match rest.strip_prefix('"').and_then(|r| r.split_once('"')) {
                        Some((id, _)) => {
                            ids.insert(id.to_owned());
                        }
                        None if defines => {}
                        None => {
                            let line = text[..i].matches('\n').count() + 1;
                            unchecked.push(format!("{}:{line}", path.display()));
                        }
                    }
                }
            }
        }
    }
}

fn ids_the_code_asks_for() -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let mut unchecked = Vec::new();
    ids_in_code(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut ids,
        &mut unchecked,
    );
    assert!(
        unchecked.is_empty(),
        "a message asked for by a name not written out: {unchecked:?}"
    );
    ids
}

#[test]
fn every_message_the_code_asks_for_exists() {
    let ids = ids_the_code_asks_for();
    assert!(ids.len() > 100, "found only {ids:?}");
    let english = messages(Lang::En);
    let unknown: Vec<&String> = ids.iter().filter(|id| !english.contains_key(*id)).collect();
    assert!(unknown.is_empty(), "no such messages: {unknown:?}");
}

#[test]
fn every_message_of_the_catalogue_is_asked_for() {
    // A message nothing asks for is a sentence that was moved or reworded in
    // the code and left behind in the catalogues.
    let ids = ids_the_code_asks_for();
    let unused: Vec<String> = messages(Lang::En)
        .into_keys()
        .filter(|id| !ids.contains(id))
        .collect();
    assert!(unused.is_empty(), "messages nothing asks for: {unused:?}");
}

#[test]
fn shot_and_document_titles_are_said_in_the_chosen_language() {
    // The language is process-wide; this is the only test here that changes it.
    i18n::set(Lang::ZhCn);
    let zh: Vec<String> = kycam::Shot::ALL.iter().map(|s| s.title()).collect();
    let kinds: Vec<String> = kycam::DocumentKind::ALL.iter().map(|k| k.title()).collect();
    i18n::set(Lang::En);
    assert_eq!(kycam::Shot::IdBack.title(), "ID card, back");
    assert_eq!(zh[2], "身份证背面");
    for title in zh.iter().chain(&kinds) {
        assert!(
            title
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{title:?} is not Chinese"
        );
    }
}

#[test]
fn an_unknown_language_is_refused_with_the_choices() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_kycam"))
        .args(["check", "--lang", "fr", "nothing.jpg"])
        .output()
        .expect("kycam runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("\"fr\"") && err.contains("zh-CN"), "{err}");
}
