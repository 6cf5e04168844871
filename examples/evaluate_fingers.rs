//! A thumb over a real document: the real phone photos of
//! `../shared/fixtures/realdocs` (brought to 1280 px on their long side, as a webcam
//! sees them) without a thumb, then with a thumb of real skin composited over each of
//! the four corners (reading order, from the hand-labelled corners), across the
//! bottom edge and across each end (the right, then the left side: a card held up by
//! one end): whether `corners_visible` fails, whether its advice names the right
//! corner or edge, and the outline's IoU to the true corners. Then every real document
//! of `../shared/fixtures/documents` without a thumb: `corners_visible` must not see a
//! finger there.
//!
//! `cargo run --release --example evaluate_fingers [-- --dump DIR]` (DIR gets every
//! composite as a JPEG)

#[path = "../tests/common/mod.rs"]
mod common;

use image::RgbImage;
use kycam::analysis::document::{quad_iou, DocShape};
use kycam::check::{Checker, FileReport};
use kycam::imageio::{FileFormat, LoadedImage};
use kycam::rules::document::{finger_over, Covered};
use kycam::rules::RuleId;
use kycam::synth::document::{composite_thumb, ThumbPlace};
use kycam::Shot;

/// Long side of the frames the photos are brought to.
const LONG_SIDE: f32 = 1280.0;
const CORNERS: [&str; 4] = ["top-left", "top-right", "bottom-right", "bottom-left"];
const SIDES: [&str; 4] = ["top", "right", "bottom", "left"];

fn check(checker: &mut Checker, rgb: RgbImage, shot: Shot) -> FileReport {
    let loaded = LoadedImage {
        rgb,
        format: FileFormat::Jpeg,
        file_bytes: 500_000,
        focal_length_35mm: None,
    };
    checker.check_loaded("frame", &loaded, shot)
}

/// corners_visible's verdict and what it names a finger over ("-" for none).
fn verdict(report: &FileReport) -> (bool, String) {
    let pass = report
        .checks
        .iter()
        .find(|c| c.id == RuleId::CornersVisible)
        .is_some_and(|c| c.pass);
    let named = match report.measurements.document.as_ref().and_then(finger_over) {
        Some(Covered::Corner(c)) => format!("{c} corner"),
        Some(Covered::Side(s)) => format!("{s} edge"),
        None => "-".to_owned(),
    };
    (pass, named)
}

fn main() -> anyhow::Result<()> {
    let Some((dir, truth)) = kycam::fixtures::realdocs()? else {
        println!("no ../shared/fixtures beside this checkout: nothing to evaluate");
        return Ok(());
    };
    let args: Vec<String> = std::env::args().collect();
    let dump: Option<std::path::PathBuf> = common::option_value(&args, "--dump");
    let only: Option<String> = common::option_value(&args, "--only");
    let skin = common::thumb_skin();
    let mut checker = Checker::new(None);
    let places: Vec<ThumbPlace> = (0..4)
        .map(ThumbPlace::Corner)
        .chain([
            ThumbPlace::Edge(2),
            ThumbPlace::Edge(1),
            ThumbPlace::Edge(3),
        ])
        .collect();
    println!(
        "{:<28} {:>14} | thumb at: corners_visible fails / named right / IoU",
        "photo", "clean"
    );
    let (mut clean_ok, mut n_docs) = (0, 0);
    // Over the corners and the bottom edge; across the two ends.
    let (mut detected, mut named_right, mut composites) = ([0; 2], [0; 2], [0; 2]);
    let mut ious = Vec::new();
    for (i, t) in truth.iter().enumerate() {
        if t.kind == "page" || only.as_ref().is_some_and(|o| !t.file.contains(o.as_str())) {
            continue;
        }
        n_docs += 1;
        let shot: Shot = t.shot.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
        let photo = kycam::imageio::load_image(&dir.join(&t.file))?.rgb;
        let k = LONG_SIDE / photo.width().max(photo.height()) as f32;
        let (w, h) = (
            (photo.width() as f32 * k).round() as u32,
            (photo.height() as f32 * k).round() as u32,
        );
        let frame = image::imageops::resize(&photo, w, h, image::imageops::FilterType::Triangle);
        let corners = t.corners.map(|p| [p[0] * k, p[1] * k]);
        let report = check(&mut checker, frame.clone(), shot);
        let (pass, named) = verdict(&report);
        let iou = report
            .document
            .as_ref()
            .map_or(0.0, |d| quad_iou(&d.corners, &corners));
        clean_ok += u32::from(pass);
        let mut cells = Vec::new();
        for (j, &place) in places.iter().enumerate() {
            let mut with = frame.clone();
            composite_thumb(&mut with, &corners, place, &skin, (i * 8 + j) as u64);
            if let Some(dir) = &dump {
                std::fs::create_dir_all(dir)?;
                let name = format!("{}-{place:?}.jpg", t.file.split('.').next().unwrap_or(""));
                with.save(dir.join(name.replace(['(', ')'], "")))?;
            }
            let report = check(&mut checker, with, shot);
            let (pass, named) = verdict(&report);
            if only.is_some() {
                let found = report.measurements.document.as_ref();
                println!(
                    "{place:?}: found {:?} covered {:?}",
                    found.map(|d| d.corners),
                    found.map(|d| d.covered)
                );
            }
            // Named as the document is read when which way up it lies is known, else
            // as seen in the picture: the found corner nearest to the truth's.
            let name_of = |j: usize| {
                report.measurements.document.as_ref().map_or(j, |d| {
                    let found = d.reading_corners();
                    let dist = |p: [f32; 2]| {
                        (p[0] - corners[j][0]).powi(2) + (p[1] - corners[j][1]).powi(2)
                    };
                    (0..4)
                        .min_by(|&a, &b| dist(found[a]).total_cmp(&dist(found[b])))
                        .unwrap_or(j)
                })
            };
            let want = match place {
                ThumbPlace::Corner(c) => format!("{} corner", CORNERS[name_of(c)]),
                ThumbPlace::Edge(s) => format!("{} edge", SIDES[name_of(s)]),
            };
            let iou = report
                .document
                .as_ref()
                .map_or(0.0, |d| quad_iou(&d.corners, &corners));
            let group = usize::from(j >= 5);
            composites[group] += 1;
            detected[group] += u32::from(!pass);
            named_right[group] += u32::from(named == want);
            if group == 0 {
                ious.push(iou);
            }
            cells.push(format!(
                "{}{} {iou:.2}",
                if pass { "pass" } else { "FAIL" },
                if named == want {
                    "✓".to_owned()
                } else if named == "-" {
                    "✗".to_owned()
                } else {
                    format!("✗({named})")
                }
            ));
        }
        println!(
            "{:<28} {:>5} {:<8} | {}",
            t.file,
            if pass { "pass" } else { "FAIL" },
            format!("{iou:.2} {named}"),
            cells.join("  ")
        );
    }
    ious.sort_by(f32::total_cmp);
    println!(
        "realdocs: clean corners_visible passes {clean_ok}/{n_docs}; with a thumb \
         (4 corners + bottom edge): fails {}/{n}, names it right {}/{n}, outline IoU \
         median {:.3}, ≥ 0.9 on {}/{n}; across an end: fails {}/{m}, names it right {}/{m}",
        detected[0],
        named_right[0],
        ious.get(ious.len() / 2).copied().unwrap_or(0.0),
        ious.iter().filter(|&&v| v >= 0.9).count(),
        detected[1],
        named_right[1],
        n = composites[0],
        m = composites[1],
    );
    other_documents(&mut checker);
    Ok(())
}

/// The real documents of ../shared/fixtures/documents, untouched: none has a finger on
/// it, so none may be said to.
fn other_documents(checker: &mut Checker) {
    let midv = ("midv500_CA43_01_tur_id.tif", DocShape::Id1);
    let docs = std::iter::once(midv).chain(common::SPECIMENS);
    println!("documents/ (no finger on any): corners_visible, finger named");
    let mut alarms = 0;
    for (name, shape) in docs {
        let Some(path) = common::shared_doc(name) else {
            continue;
        };
        let shot = match shape {
            DocShape::PassportPage => Shot::Passport,
            DocShape::Id1 => Shot::IdFront,
        };
        let report = match checker.check_file(&path, shot) {
            Ok(r) => r,
            Err(e) => {
                println!("  {name}: {e}");
                continue;
            }
        };
        let (pass, named) = verdict(&report);
        alarms += u32::from(named != "-");
        println!(
            "  {name:<30} {} {named}",
            if pass { "pass" } else { "FAIL" }
        );
    }
    println!("  false finger alarms: {alarms}");
}
