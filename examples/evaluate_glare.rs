//! The `glare` verdict on every real document in `../shared/fixtures` against a
//! reflection label given by looking at each photo (`examples/glare_labels.json`: yes
//! or no, and where), then on synthetic cards as a second check.
//!
//! Per photo: the label, the largest reflection measured (% of the rectified
//! document), the verdict, and whether they agree; then the totals. The synthetic
//! check renders the scenes of `examples/evaluate_documents.rs` (seeds 0–N−1) and
//! measures glare on each card inside the frame rectified at its true corners, so
//! that only the glare measure is judged, not the outline search.
//!
//! `cargo run --release --example evaluate_glare -- [N]` (default 300 scenes)

#[path = "../tests/common/mod.rs"]
mod common;

use kycam::analysis::{document, glare};
use kycam::check::Checker;
use kycam::rules::RuleId;
use kycam::rules::GLARE_MAX_PERCENT_DOCUMENT;
use kycam::synth::document::{render_scene, SceneParams};
use kycam::Shot;

#[derive(serde::Deserialize)]
struct Label {
    file: String,
    shot: String,
    reflection: bool,
    #[serde(rename = "where")]
    place: String,
}

fn main() -> anyhow::Result<()> {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(300);
    real_documents()?;
    synthetic(n);
    Ok(())
}

fn real_documents() -> anyhow::Result<()> {
    let Some(dir) = kycam::fixtures::shared_dir() else {
        println!("no ../shared/fixtures beside this checkout: no real documents to judge");
        return Ok(());
    };
    let labels_path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join("glare_labels.json");
    let labels: Vec<Label> = serde_json::from_slice(&std::fs::read(&labels_path)?)?;
    let mut checker = Checker::new(None);
    println!("Real documents (limit {GLARE_MAX_PERCENT_DOCUMENT} % of the document):");
    println!(
        "{:<40} {:<9} {:>10} {:>9} {:>8} {:>6}",
        "photo", "shot", "reflection", "measure %", "verdict", "agree"
    );
    let (mut agree, mut with, mut with_ok, mut without, mut without_ok) = (0, 0, 0, 0, 0);
    for l in &labels {
        let shot: Shot = l.shot.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
        let path = dir.join(&l.file);
        let report = match checker.check_file(&path, shot) {
            Ok(r) => r,
            Err(e) => {
                println!("{:<40} cannot be read: {e}", l.file);
                continue;
            }
        };
        let glare = report.checks.iter().find(|c| c.id == RuleId::Glare);
        let (value, verdict) = match glare {
            Some(g) => (
                g.value.map_or("-".to_owned(), |v| format!("{v:.2}")),
                if g.pass { "pass" } else { "fail" },
            ),
            None => ("-".to_owned(), "no doc"),
        };
        // A reflection must fail the rule; a document without one must pass it.
        let right = glare.is_some_and(|g| g.pass != l.reflection);
        agree += u32::from(right);
        if l.reflection {
            with += 1;
            with_ok += u32::from(right);
        } else {
            without += 1;
            without_ok += u32::from(right);
        }
        println!(
            "{:<40} {:<9} {:>10} {:>9} {:>8} {:>6}{}",
            l.file,
            l.shot,
            if l.reflection { "yes" } else { "no" },
            value,
            verdict,
            if right { "✓" } else { "✗" },
            if l.reflection && !l.place.is_empty() {
                format!("  ({})", l.place)
            } else {
                String::new()
            }
        );
    }
    println!(
        "agree on {agree} of {}: {with_ok} of {with} with a reflection fail, \
         {without_ok} of {without} without one pass",
        labels.len()
    );
    Ok(())
}

fn synthetic(n: u64) {
    let (face, textures) = common::synth_inputs();
    let params = SceneParams::default();
    let (w, h) = Shot::IdFront
        .document_shape()
        .map(|s| s.rectified_size())
        .unwrap_or((640, 400));
    let (gw, gh) = glare::glare_warp_size(w, h);
    // [glare drawn][rule fails]
    let mut table = [[0u32; 2]; 2];
    let mut wrong = Vec::new();
    for seed in 0..n {
        let (rgb, truth) = render_scene(seed, &params, &face, &textures);
        if truth.out_of_frame {
            continue;
        }
        let flat = document::rectify(&rgb, &truth.corners, gw, gh);
        let g = glare::detect(&flat, glare::GlareKind::SpecularAndVeil);
        let percent = f64::from(g.largest_share) * 100.0;
        let fails = percent > GLARE_MAX_PERCENT_DOCUMENT;
        table[usize::from(truth.glare)][usize::from(fails)] += 1;
        if fails != truth.glare {
            wrong.push(format!(
                "seed {seed}: {percent:.2} %, glare drawn {}",
                truth.glare
            ));
        }
    }
    let [[clean_pass, clean_fail], [glare_pass, glare_fail]] = table;
    println!(
        "Synthetic cards in the frame (seeds 0–{}), at their true corners: glare drawn, rule \
         fails {glare_fail} of {}; no glare, rule passes {clean_pass} of {}",
        n.saturating_sub(1),
        glare_pass + glare_fail,
        clean_pass + clean_fail
    );
    for line in wrong {
        println!("  {line}");
    }
}
