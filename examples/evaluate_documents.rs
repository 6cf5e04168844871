//! Evaluates document detection on seeded synthetic scenes and on the real fixtures.
//! Run: `cargo run --release --example evaluate_documents -- [N] [--from S] [-v]
//! [--dump DIR] [--param GROUP.NAME=VALUE]...` (default 300 scenes, seeds 0–299;
//! `--param` sets one of the search's tuned numbers, `document::Params`, for every
//! search the example runs itself: the glare and sharpness verdicts and the set on its
//! side go through kycam's own path and keep the shipped values; `--param list` lists
//! them with their values; `--from` starts the mixed set and the
//! one-condition sets at seed S: the detector was tuned on seeds 0–299, so `--from 300`
//! measures it on scenes it was not tuned on; `-v` lists the failures, `--dump` writes
//! each failing scene to DIR, and those of the one-condition sets to DIR/<condition>,
//! with the truth outline in green and the found one in red). A last set of card fronts
//! on their side goes through `kycam check`'s path (the portrait searched turned).
//!
//! The cards are fronts: as `kycam check --shot id-front` does, the faces found in the
//! frame are passed to the search as the portrait it may hold. The mixed set also
//! counts the cards found without them (a back side's search).

#[path = "../tests/common/mod.rs"]
mod common;

use kycam::analysis::document::{
    covered, document_geometry, find_document_with_params, quad_iou, DocShape, FoundDocument,
    Params,
};
use kycam::analysis::Face;
use kycam::analysis::{measure, to_grey, FaceDetector, FaceSearch};
use kycam::synth::document::{render_scene, SceneParams};
use kycam::Shot;
use std::time::Instant;

/// IoU a synthetic in-frame detection must reach to count as found.
const IOU_OK: f32 = 0.9;
/// Gaussian blur that must fail `sharpness` (print a few pixels high smears at 1.5 px;
/// lighter blur is not judged).
const SHARPNESS_MUST_FAIL_SIGMA: f32 = 1.5;

/// The search's tuned numbers, from `--param` (the shipped ones otherwise).
static DETECTOR: std::sync::OnceLock<Params> = std::sync::OnceLock::new();

/// The document search with the numbers of `--param`.
fn find(grey: &image::GrayImage, shape: DocShape, faces: &[Face]) -> Option<FoundDocument> {
    find_document_with_params(grey, shape, faces, DETECTOR.get_or_init(Params::default))
}

/// Reads every `--param NAME=VALUE`; `--param list` prints the parameters and exits.
fn detector_params(args: &[String]) -> Params {
    let mut p = Params::default();
    for (i, a) in args.iter().enumerate() {
        if a != "--param" {
            continue;
        }
        let value = args.get(i + 1).map(String::as_str).unwrap_or("");
        if value == "list" {
            for name in Params::names() {
                println!("{name} = {}", p.get(&name).unwrap_or_default());
            }
            std::process::exit(0);
        }
        if let Err(e) = p.set_assignment(value) {
            eprintln!("--param: {e}");
            std::process::exit(2);
        }
        println!("param {value}");
    }
    p
}

/// The portrait search `kycam check` runs on a document shot.
fn portrait_search() -> FaceDetector {
    FaceDetector::new(FaceSearch::PORTRAIT_STILL)
}

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let args: Vec<String> = std::env::args().collect();
    let verbose = args.iter().any(|a| a == "-v");
    let dump: Option<std::path::PathBuf> = common::option_value(&args, "--dump");
    let from: u64 = common::option_value(&args, "--from").unwrap_or(0);
    DETECTOR
        .set(detector_params(&args))
        .expect("set once, before any search");
    let (face, textures) = common::synth_inputs();
    let params = SceneParams::default();
    let mut portraits = portrait_search();
    let (mut in_frame, mut found_ok, mut iou_sum) = (0u32, 0u32, 0.0f64);
    // In-frame cards found without the faces (as on a back side).
    let mut found_blind = 0u32;
    // In-frame scenes where another outline is reported instead of the card: worse than
    // nothing, since a capture would crop the wrong region.
    let mut wrong_outline = 0u32;
    let mut dropped = 0u32;
    let mut vis_ok = 0u32;
    let (mut straight, mut facing) = (Tally::default(), Tally::default());
    let mut rot_err_max = 0.0f32;
    // Glare verdict on correctly found cards: [truth glare][rule fails].
    let mut glare_table = [[0u32; 2]; 2];
    // Sharpness verdict on correctly found cards: (unblurred, passing), (σ ≥ 1.5, failing).
    let (mut sharp, mut blurred) = (Tally::default(), Tally::default());
    // Edge rise (px) of the same cards: the widest unblurred, the narrowest blurred, so
    // the margin on each side of the limit shows.
    let (mut sharp_rise_max, mut blurred_rise_min) = (0.0f32, f32::INFINITY);
    let (mut out_n, mut out_visible, mut out_false_pass) = (0u32, 0u32, 0u32);
    // Scenes with a thumb over the card: corners_visible fails, a finger is seen; and
    // scenes without one where a finger is seen all the same.
    let (mut thumb_n, mut thumb_fails, mut thumb_finger, mut finger_alarms) = (0u32, 0, 0, 0);
    let mut times = Vec::new();
    let mut fails: Vec<String> = Vec::new();
    // Per condition: (scenes, found with IoU >= IOU_OK).
    let mut by_cond: Vec<(&str, u32, u32)> = [
        "plain",
        "rotated",
        "tilted",
        "blur",
        "glare",
        "thumb",
        "dim",
        "uneven",
        "low_contrast",
    ]
    .iter()
    .map(|n| (*n, 0, 0))
    .collect();
    for seed in from..from + n {
        let (rgb, truth) = render_scene(seed, &params, &face, &textures);
        let grey = to_grey(&rgb);
        let faces = portraits.detect(&grey);
        let t = Instant::now();
        let found = find(&grey, DocShape::Id1, &faces);
        times.push(t.elapsed().as_secs_f64() * 1e3);
        let geom = found.map(|d| document_geometry(&d.corners, grey.width(), grey.height()));
        let iou = found
            .map(|d| quad_iou(&d.corners, &truth.corners))
            .unwrap_or(0.0);
        // corners_visible: no document, a corner too close/outside or a finger over
        // the document = fail.
        let finger = found.is_some_and(|d| covered(&rgb, &d.corners).any());
        let visible =
            geom.is_some_and(|g| kycam::rules::document::corners_visible_pass(&g)) && !finger;
        let hidden = truth.out_of_frame || truth.thumb;
        // What `kycam check` reports: measure drops an outline that frames a person
        // (no person here: each should be kept).
        let m = found.map(|_| measure(&rgb, &grey, Shot::IdFront, &faces, Default::default()));
        dropped += u32::from(m.as_ref().is_some_and(|m| m.document.is_none()));
        if let (true, Some(dir)) = (failed(visible, hidden, truth.out_of_frame, iou), &dump) {
            dump_scene(dir, seed, &rgb, &truth.corners, found.map(|d| d.corners));
        }
        if visible == hidden {
            fails.push(format!(
                "seed {seed}: corners_visible {visible} but out_of_frame {} thumb {:?} (iou {iou:.3})",
                truth.out_of_frame,
                truth.thumb_truth.map(|t| t.place)
            ));
        } else {
            vis_ok += 1;
        }
        if truth.thumb {
            thumb_n += 1;
            thumb_fails += u32::from(!visible);
            thumb_finger += u32::from(finger);
        } else {
            finger_alarms += u32::from(finger);
        }
        if truth.out_of_frame {
            out_n += 1;
            // Dangerous: every geometric rule passes on a card that is cut by the frame.
            if geom.is_some_and(|g| {
                kycam::rules::document::corners_visible_pass(&g)
                    && kycam::rules::document::document_size_pass(&g)
                    && kycam::rules::document::straight_pass(&g)
                    && kycam::rules::document::facing_camera_pass(&g)
            }) {
                out_false_pass += 1;
            }
            if visible {
                out_visible += 1;
            }
            continue;
        }
        in_frame += 1;
        iou_sum += iou as f64;
        found_blind += find(&grey, DocShape::Id1, &[])
            .is_some_and(|d| quad_iou(&d.corners, &truth.corners) >= IOU_OK)
            as u32;
        let flags = [
            !(truth.rotated
                || truth.tilted
                || truth.blur_sigma > 0.0
                || truth.glare
                || truth.thumb
                || truth.dim
                || truth.uneven
                || truth.low_contrast),
            truth.rotated,
            truth.tilted,
            truth.blur_sigma > 0.0,
            truth.glare,
            truth.thumb,
            truth.dim,
            truth.uneven,
            truth.low_contrast,
        ];
        for (c, &f) in by_cond.iter_mut().zip(flags.iter()) {
            if f {
                c.1 += 1;
                c.2 += (iou >= IOU_OK) as u32;
            }
        }
        wrong_outline += (found.is_some() && iou < IOU_OK) as u32;
        if iou >= IOU_OK {
            found_ok += 1;
        } else {
            fails.push(format!("seed {seed}: iou {iou:.3} {truth:?}"));
        }
        // Pose and glare verdicts only where the document was found correctly.
        if let (true, Some(m)) = (iou >= IOU_OK, &m) {
            let verdicts = kycam::rules::judge(m);
            let rule_fails = |id| verdicts.iter().any(|v| v.id == id && !v.pass);
            let glare_fails = rule_fails(kycam::rules::RuleId::Glare);
            let blur_fails = rule_fails(kycam::rules::RuleId::Sharpness);
            // Unblurred must pass, σ ≥ SHARPNESS_MUST_FAIL_SIGMA must fail; lighter blur
            // is not judged.
            let must_fail = if truth.blur_sigma == 0.0 {
                Some(false)
            } else {
                (truth.blur_sigma >= SHARPNESS_MUST_FAIL_SIGMA).then_some(true)
            };
            if let Some(must_fail) = must_fail {
                let tally = if must_fail { &mut blurred } else { &mut sharp };
                let right = tally.count(blur_fails == must_fail);
                if let Some(rise) = m.quality.edge_rise_px {
                    if must_fail {
                        blurred_rise_min = blurred_rise_min.min(rise);
                    } else {
                        sharp_rise_max = sharp_rise_max.max(rise);
                    }
                }
                if !right {
                    fails.push(format!(
                        "seed {seed}: sharpness verdict wrong: {:.2} measured, edge rise {:?} px, blur σ {:.1}",
                        m.quality.sharpness, m.quality.edge_rise_px, truth.blur_sigma
                    ));
                }
            }
            glare_table[truth.glare as usize][glare_fails as usize] += 1;
            if glare_fails != truth.glare {
                fails.push(format!(
                    "seed {seed}: glare verdict wrong: largest reflection {:.2} %, glare drawn {}, blur {:.1}",
                    m.quality.glare.largest_share * 100.0,
                    truth.glare,
                    truth.blur_sigma
                ));
            }
        }
        if let (Some(g), true) = (geom, iou >= IOU_OK) {
            if !truth.tilted {
                if !straight.count(kycam::rules::document::straight_pass(&g) != truth.rotated) {
                    fails.push(format!(
                        "seed {seed}: straight verdict wrong rot {:.2} truth {:.2}",
                        g.rotation_deg, truth.rotation_deg
                    ));
                }
                rot_err_max = rot_err_max.max((g.rotation_deg - truth.rotation_deg).abs());
            }
            if !facing.count(kycam::rules::document::facing_camera_pass(&g) != truth.tilted) {
                fails.push(format!(
                    "seed {seed}: facing verdict wrong side_ratio {:.3} angle_dev {:.2} tilt {:.1}",
                    g.side_ratio, g.max_angle_dev_deg, truth.tilt_deg
                ));
            }
        }
    }
    let pct = |a: u32, b: u32| 100.0 * a as f64 / b.max(1) as f64;
    println!(
        "synthetic scenes: {n}, seeds {from}..{} ({in_frame} in frame)",
        from + n
    );
    println!(
        "  found with IoU >= {IOU_OK}: {:.1} % ({found_ok}/{in_frame}), mean IoU {:.4}",
        pct(found_ok, in_frame),
        iou_sum / in_frame.max(1) as f64
    );
    println!(
        "  found without the faces in the frame (as a back side): {:.1} % ({found_blind}/{in_frame})",
        pct(found_blind, in_frame)
    );
    println!("  in frame, another outline reported instead of the card: {wrong_outline}");
    println!("  outlines found that measure takes for a person's, not a document: {dropped}");
    println!(
        "  corners_visible verdict (margin {} %, no finger over the card): {:.1} % ({vis_ok}/{n})",
        kycam::rules::CORNER_MARGIN_PERCENT,
        pct(vis_ok, n as u32)
    );
    println!(
        "  thumb over the card (a corner or across a side): {thumb_n} scenes, corners_visible fails {thumb_fails}, a finger seen {thumb_finger}; a finger seen without a thumb: {finger_alarms}"
    );
    println!(
        "  cut by the frame: {out_n} scenes, judged corners_visible {out_visible}, all geometric rules pass {out_false_pass}"
    );
    println!(
        "  straight verdict (untilted, found): {straight}, max |rotation error| {rot_err_max:.2}°"
    );
    println!("  facing_camera verdict (found): {facing}");
    let [[clean_pass, clean_fail], [glare_pass, glare_fail]] = glare_table;
    println!(
        "  glare verdict (found): right on {:.1} % ({}/{}); glare drawn, rule fails {glare_fail}/{}; no glare, rule passes {clean_pass}/{}",
        pct(clean_pass + glare_fail, clean_pass + clean_fail + glare_pass + glare_fail),
        clean_pass + glare_fail,
        clean_pass + clean_fail + glare_pass + glare_fail,
        glare_pass + glare_fail,
        clean_pass + clean_fail,
    );
    println!(
        "  sharpness verdict (found): unblurred pass {}/{}; blurred by σ ≥ {SHARPNESS_MUST_FAIL_SIGMA} px fail {}/{}",
        sharp.ok, sharp.n, blurred.ok, blurred.n
    );
    println!(
        "  edge rise (found): unblurred at most {sharp_rise_max:.2} px, blurred by σ ≥ {SHARPNESS_MUST_FAIL_SIGMA} px at least {blurred_rise_min:.2} px (limit {} px)",
        kycam::rules::DOC_MAX_EDGE_RISE_PX
    );
    let parts: Vec<String> = by_cond
        .iter()
        .map(|(n, a, b)| format!("{n} {:.0} % ({b}/{a})", pct(*b, *a)))
        .collect();
    println!(
        "  found by condition (a scene can have several): {}",
        parts.join(", ")
    );
    times.sort_by(|a, b| a.total_cmp(b));
    if !times.is_empty() {
        println!(
            "  find_document 1280x720: median {:.2} ms, p95 {:.2} ms",
            times[times.len() / 2],
            times[times.len() * 95 / 100]
        );
    }
    if verbose {
        for f in &fails {
            println!("  FAIL {f}");
        }
    }
    single_conditions(&face, &textures, from, dump.as_deref());
    on_its_side(&face, &textures, from);
    real_fixtures();
}

/// Fronts of cards turned a quarter (otherwise clean, 60 seeds), through `kycam check`'s
/// path: the outline, whether it is judged to stand, the portrait (searched turned when
/// not upright), and the size advice.
fn on_its_side(face: &image::RgbImage, textures: &[image::RgbImage], from: u64) {
    const N: u64 = 60;
    let params = SceneParams {
        p_on_its_side: 1.0,
        ..SceneParams::plain()
    };
    let mut checker = kycam::check::Checker::new(None);
    let (mut found, mut standing, mut vis_ok, mut portrait, mut too_small, mut turn_advice) =
        (0u32, 0u32, 0u32, 0u32, 0u32, 0u32);
    for seed in from..from + N {
        let (rgb, truth) = render_scene(seed, &params, face, textures);
        let loaded = kycam::imageio::LoadedImage {
            rgb,
            format: kycam::imageio::FileFormat::Png,
            file_bytes: 500_000,
            focal_length_35mm: None,
        };
        let report = checker.check_loaded("scene", &loaded, Shot::IdFront);
        let verdict = |id| report.checks.iter().find(|v| v.id == id);
        use kycam::rules::RuleId;
        if let Some(doc) = &report.measurements.document {
            found += (quad_iou(&doc.corners, &truth.corners) >= IOU_OK) as u32;
            standing += doc.geometry.standing as u32;
        }
        vis_ok += verdict(RuleId::CornersVisible).is_some_and(|v| v.pass) as u32;
        portrait += verdict(RuleId::PortraitPresent).is_some_and(|v| v.pass) as u32;
        if let Some(size) = verdict(RuleId::DocumentSize).filter(|v| !v.pass) {
            too_small += 1;
            turn_advice += size
                .advice
                .as_deref()
                .is_some_and(|a| a.starts_with("Turn the card")) as u32;
        }
    }
    println!(
        "on its side ({N} seeds, id-front through kycam check): {found}/{N} found, judged standing {standing}, corners_visible right {vis_ok}/{N}, portrait found {portrait}/{N}, document_size fails {too_small} (advice to turn it {turn_advice})"
    );
}

/// A verdict's record on the scenes where it is judged: how many, how many right.
#[derive(Default)]
struct Tally {
    n: u32,
    ok: u32,
}

impl Tally {
    /// Counts one judged scene; returns `right`.
    fn count(&mut self, right: bool) -> bool {
        self.n += 1;
        self.ok += u32::from(right);
        right
    }
}

/// "97.5 % (39/40)".
impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let share = 100.0 * self.ok as f64 / self.n.max(1) as f64;
        write!(f, "{share:.1} % ({}/{})", self.ok, self.n)
    }
}

/// A scene worth dumping: the `corners_visible` verdict is wrong (`hidden`: a corner
/// is cut or under a thumb), or an in-frame card was not found with IoU ≥ `IOU_OK`.
fn failed(visible: bool, hidden: bool, out_of_frame: bool, iou: f32) -> bool {
    visible == hidden || (!out_of_frame && iou < IOU_OK)
}

/// Writes a failing scene with the truth (green) and found (red) outlines.
fn dump_scene(
    dir: &std::path::Path,
    seed: u64,
    rgb: &image::RgbImage,
    truth: &[[f32; 2]; 4],
    found: Option<[[f32; 2]; 4]>,
) {
    let mut img = rgb.clone();
    let mut outline = |q: &[[f32; 2]; 4], colour: [u8; 3]| {
        for k in 0..4 {
            let (a, b) = (q[k], q[(k + 1) % 4]);
            // Three pixels wide, so the outlines show in a reduced contact sheet.
            for (dx, dy) in [(0.0, 0.0), (1.0, 0.0), (-1.0, 0.0), (0.0, 1.0), (0.0, -1.0)] {
                imageproc::drawing::draw_line_segment_mut(
                    &mut img,
                    (a[0] + dx, a[1] + dy),
                    (b[0] + dx, b[1] + dy),
                    image::Rgb(colour),
                );
            }
        }
    };
    outline(truth, [0, 255, 0]);
    if let Some(f) = found {
        outline(&f, [255, 0, 0]);
    }
    let _ = std::fs::create_dir_all(dir);
    if let Err(e) = img.save(dir.join(format!("scene-{seed:03}.png"))) {
        eprintln!("could not write scene {seed}: {e}");
    }
}

/// One variation at a time (60 seeds each): where the detector stands per condition.
fn single_conditions(
    face: &image::RgbImage,
    textures: &[image::RgbImage],
    from: u64,
    dump: Option<&std::path::Path>,
) {
    const N: u64 = 60;
    let plain = SceneParams::plain();
    let modes = [
        ("clean", plain),
        (
            "rotated",
            SceneParams {
                p_rotated: 1.0,
                ..plain
            },
        ),
        (
            "tilted",
            SceneParams {
                p_tilted: 1.0,
                ..plain
            },
        ),
        (
            "glare",
            SceneParams {
                p_glare: 1.0,
                ..plain
            },
        ),
        (
            "thumb",
            SceneParams {
                p_thumb: 1.0,
                ..plain
            },
        ),
        (
            "blur",
            SceneParams {
                p_blur: 1.0,
                ..plain
            },
        ),
        (
            "low contrast",
            SceneParams {
                p_low_contrast: 1.0,
                ..plain
            },
        ),
        (
            "cut by frame",
            SceneParams {
                p_out_of_frame: 1.0,
                ..plain
            },
        ),
    ];
    println!(
        "single conditions ({N} seeds each): found IoU >= {IOU_OK} / corners_visible verdict right"
    );
    let mut portraits = portrait_search();
    for (name, params) in modes {
        let (mut found, mut vis_ok, mut wrong) = (0u32, 0u32, 0u32);
        for seed in from..from + N {
            let (rgb, truth) = render_scene(seed, &params, face, textures);
            let grey = to_grey(&rgb);
            let d = find(&grey, params.shape, &portraits.detect(&grey));
            let iou = d
                .map(|d| quad_iou(&d.corners, &truth.corners))
                .unwrap_or(0.0);
            let visible = d.is_some_and(|d| {
                kycam::rules::document::corners_visible_pass(&document_geometry(
                    &d.corners,
                    grey.width(),
                    grey.height(),
                )) && !covered(&rgb, &d.corners).any()
            });
            let hidden = truth.out_of_frame || truth.thumb;
            found += (iou >= IOU_OK) as u32;
            wrong += (d.is_some() && iou < IOU_OK && !truth.out_of_frame) as u32;
            vis_ok += (visible != hidden) as u32;
            if let (true, Some(dir)) = (failed(visible, hidden, truth.out_of_frame, iou), dump) {
                let dir = dir.join(name.replace(' ', "-"));
                dump_scene(&dir, seed, &rgb, &truth.corners, d.map(|d| d.corners));
            }
        }
        println!(
            "  {name}: {found}/{N} found, {vis_ok}/{N} corners_visible right, {wrong} other outline in frame"
        );
    }
}

fn real_fixtures() {
    println!("real fixtures (all fronts; the faces found in them passed to the search):");
    let mut portraits = portrait_search();
    if let Some(p) = common::shared_doc("midv500_CA43_01_tur_id.tif") {
        let truth = common::load_quad_json(&p.with_extension("quad.json"));
        match (common::load_grey(&p), truth) {
            (Some(g), Some(t)) => {
                let faces = portraits.detect(&g);
                let time = Instant::now();
                let r = find(&g, DocShape::Id1, &faces);
                let ms = time.elapsed().as_secs_f64() * 1e3;
                let iou = r.map(|d| quad_iou(&d.corners, &t)).unwrap_or(0.0);
                println!(
                    "  midv500_CA43_01_tur_id.tif (Id1): IoU {iou:.4} ({ms:.1} ms) {:?}",
                    r.map(|d| d.corners)
                );
            }
            _ => println!("  midv500: could not read image or quad"),
        }
    }
    for (name, shape) in common::SPECIMENS {
        let Some(p) = common::shared_doc(name) else {
            continue;
        };
        let Some(g) = common::load_grey(&p) else {
            println!("  {name}: unreadable");
            continue;
        };
        let faces = portraits.detect(&g);
        let t = Instant::now();
        let r = find(&g, shape, &faces);
        let ms = t.elapsed().as_secs_f64() * 1e3;
        match r {
            Some(d) => {
                let geo = document_geometry(&d.corners, g.width(), g.height());
                let m = geo.min_margin_frac;
                println!(
                    "  {name} ({shape:?}, {}x{}): found, score {:.2}, corners_visible {}, margins [{:.3} {:.3} {:.3} {:.3}], rot {:.1}°, side_ratio {:.2} ({ms:.1} ms)",
                    g.width(), g.height(), d.score, kycam::rules::document::corners_visible_pass(&geo), m[0], m[1], m[2], m[3], geo.rotation_deg, geo.side_ratio
                );
            }
            None => println!("  {name} ({shape:?}): not found ({ms:.1} ms)"),
        }
    }
}
