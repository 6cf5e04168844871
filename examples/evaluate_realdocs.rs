//! Real phone photos of documents against their hand-labelled truth
//! (`../shared/fixtures/realdocs/truth.json`): per photo the outline's IoU, the
//! `corners_visible` and `glare` verdicts against the labels, and whether the first
//! corner reported is the document's top-left in reading order, the document's turn
//! in the picture (from the truth's top side) against `rotation_deg` and what told it;
//! then the totals. `-v` adds how well a machine-readable zone line covers the top
//! and bottom bands of the document rectified upright from the truth (what
//! `mrz_upright` reads), and that cue's time on the photo scaled to 1280 px.
//!
//! `cargo run --release --example evaluate_realdocs`

use std::path::Path;

use kycam::analysis::document::{mrz_upright, quad_iou, rectify_grey, zone_cover};
use kycam::check::Checker;
use kycam::rules::RuleId;
use kycam::Shot;

fn main() -> anyhow::Result<()> {
    let Some((dir, truth)) = kycam::fixtures::realdocs()? else {
        println!("no ../shared/fixtures beside this checkout: nothing to evaluate");
        return Ok(());
    };
    let verbose = std::env::args().any(|a| a == "-v");
    let mut checker = Checker::new(None);
    println!(
        "{:<30} {:<9} {:>6} {:>9} {:>9} {:>4} {:>5} {:>6} {:>8}  failing",
        "photo", "shot", "IoU", "corners", "glare", "TL", "turn", "found", "cue"
    );
    let (mut found, mut docs, mut corners_ok, mut glare_ok, mut tl_ok) = (0, 0, 0, 0, 0);
    let (mut turn_right, mut turn_wrong, mut turn_unknown) = (0, 0, 0);
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
        // The truth's turn: its top side's angle, clockwise positive (y down).
        let [tl, tr] = [t.corners[0], t.corners[1]];
        let truth_turn = (tr[1] - tl[1]).atan2(tr[0] - tl[0]).to_degrees();
        let rotation = report.document.as_ref().and_then(|d| d.rotation_deg);
        let cue = report
            .document
            .as_ref()
            .and_then(|d| d.upright_cue)
            .map_or("-".to_owned(), |c| format!("{c:?}").to_lowercase());
        let quarter = |d: f32| ((d / 90.0).round() as i32).rem_euclid(4);
        let visible = verdict(RuleId::CornersVisible);
        let glare_pass = verdict(RuleId::Glare);
        let is_document = t.kind != "page";
        if is_document {
            docs += 1;
            found += u32::from(iou >= 0.9);
            corners_ok += u32::from(visible == Some(t.all_corners_visible));
            tl_ok += u32::from(first == Some(0));
            match rotation {
                Some(r) if quarter(r) == quarter(truth_turn) => turn_right += 1,
                Some(_) => turn_wrong += 1,
                None => turn_unknown += 1,
            }
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
            "{:<30} {:<9} {:>6.3} {:>9} {:>9} {:>4} {:>5.0} {:>6} {:>8}  {}",
            Path::new(&t.file).display(),
            t.shot,
            iou,
            mark(visible, t.all_corners_visible),
            mark(glare_pass, !t.glare),
            first.map_or("-".to_owned(), |f| ["TL", "TR", "BR", "BL"][f].to_owned()),
            truth_turn,
            rotation.map_or("null".to_owned(), |r| format!("{r:.0}")),
            cue,
            failing.join(",")
        );
        if verbose {
            let grey =
                kycam::analysis::to_grey(&kycam::imageio::load_image(&dir.join(&t.file))?.rgb);
            let (w, h) = if t.kind == "passport" {
                (440, 310)
            } else {
                (428, 270)
            };
            let (top, bottom) = zone_cover(&rectify_grey(&grey, &t.corners, w, h));
            // The zone cue's cost on the photo brought to a webcam's 1280 px.
            let k = 1280.0 / grey.width().max(grey.height()) as f32;
            let (sw, sh) = (
                (grey.width() as f32 * k).round() as u32,
                (grey.height() as f32 * k).round() as u32,
            );
            let small =
                image::imageops::resize(&grey, sw, sh, image::imageops::FilterType::Triangle);
            let corners = t.corners.map(|p| [p[0] * k, p[1] * k]);
            let shape = shot
                .document_shape()
                .unwrap_or(kycam::analysis::document::DocShape::Id1);
            let runs = 20;
            let start = std::time::Instant::now();
            for _ in 0..runs {
                std::hint::black_box(mrz_upright(&small, &corners, shape, false));
            }
            let ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);
            println!(
                "    zone cover upright: top {top:.2} bottom {bottom:.2}; zone cue {ms:.2} ms at {sw}x{sh}"
            );
        }
    }
    println!(
        "turn (quarter) of the documents: right {turn_right}, wrong {turn_wrong}, \
         not told (null) {turn_unknown}"
    );
    println!(
        "documents {docs}: outlined (IoU ≥ 0.9) {found}, corners_visible right {corners_ok}, \
         first corner the top-left {tl_ok}; glare verdict right {glare_ok} of {}",
        truth.len()
    );
    Ok(())
}
