//! Real phone photos of documents against their hand-labelled truth
//! (`../shared/fixtures/realdocs/truth.json`): per photo the outline's IoU, the
//! `corners_visible` and `glare` verdicts against the labels, and whether the first
//! corner reported is the document's top-left in reading order; then the totals.
//!
//! `cargo run --release --example evaluate_realdocs`

use std::path::Path;

use kycam::analysis::document::quad_iou;
use kycam::check::Checker;
use kycam::rules::RuleId;
use kycam::Shot;

#[derive(serde::Deserialize)]
struct Truth {
    file: String,
    shot: String,
    kind: String,
    corners: [[f32; 2]; 4],
    all_corners_visible: bool,
    glare: bool,
}

fn main() -> anyhow::Result<()> {
    let Some(dir) = kycam::fixtures::shared_dir().map(|d| d.join("realdocs")) else {
        println!("no ../shared/fixtures beside this checkout: nothing to evaluate");
        return Ok(());
    };
    let truth: Vec<Truth> = serde_json::from_slice(&std::fs::read(dir.join("truth.json"))?)?;
    let mut checker = Checker::new(None);
    println!(
        "{:<30} {:<9} {:>6} {:>9} {:>9} {:>6}  failing",
        "photo", "shot", "IoU", "corners", "glare", "TL"
    );
    let (mut found, mut docs, mut corners_ok, mut glare_ok, mut tl_ok) = (0, 0, 0, 0, 0);
    for t in &truth {
        let shot: Shot = t.shot.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
        let report = checker.check_file(&dir.join(&t.file), shot)?;
        let verdict = |id: RuleId| report.checks.iter().find(|c| c.id == id).map(|c| c.pass);
        let corners = report.document.as_ref().map(|d| d.corners);
        let iou = corners.map_or(0.0, |c| quad_iou(&c, &t.corners));
        // The truth's corner nearest to the first corner reported.
        let first = corners.map(|c| {
            let d = |p: [f32; 2]| (p[0] - c[0][0]).powi(2) + (p[1] - c[0][1]).powi(2);
            (0..4)
                .min_by(|&a, &b| d(t.corners[a]).total_cmp(&d(t.corners[b])))
                .unwrap_or(0)
        });
        let visible = verdict(RuleId::CornersVisible);
        let glare_pass = verdict(RuleId::Glare);
        let is_document = t.kind != "page";
        if is_document {
            docs += 1;
            found += u32::from(iou >= 0.9);
            corners_ok += u32::from(visible == Some(t.all_corners_visible));
            tl_ok += u32::from(first == Some(0));
        }
        glare_ok += u32::from(glare_pass == Some(!t.glare));
        let failing: Vec<&str> = report
            .checks
            .iter()
            .filter(|c| !c.pass)
            .map(|c| c.id.as_str())
            .collect();
        let mark = |v: Option<bool>, want: bool| match v {
            Some(v) if v == want => format!("{v} ✓"),
            Some(v) => format!("{v} ✗"),
            None => "-".to_owned(),
        };
        println!(
            "{:<30} {:<9} {:>6.3} {:>9} {:>9} {:>6}  {}",
            Path::new(&t.file).display(),
            t.shot,
            iou,
            mark(visible, t.all_corners_visible),
            mark(glare_pass, !t.glare),
            first.map_or("-".to_owned(), |f| ["TL", "TR", "BR", "BL"][f].to_owned()),
            failing.join(",")
        );
    }
    println!(
        "documents {docs}: outlined (IoU ≥ 0.9) {found}, corners_visible right {corners_ok}, \
         first corner the top-left {tl_ok}; glare verdict right {glare_ok} of {}",
        truth.len()
    );
    Ok(())
}
