//! Accuracy of the selfie and quality rules: on the real fixtures
//! (../shared/fixtures), and on a seeded synthetic set with known truth.
//!
//! `cargo run --release --example evaluate_selfie [-- SCENES_PER_DEFECT]`

use std::collections::BTreeMap;

use kycam::analysis::{self, distance, CameraModel, FaceDetector, FaceSearch};
use kycam::check::Checker;
use kycam::fixtures;
use kycam::rules::{self, RuleId};
use kycam::synth::rng::Rng;
use kycam::synth::selfie::{self, Defect, Portrait};
use kycam::Shot;

const WIDTH: u32 = 1280;
const HEIGHT: u32 = 720;
const HFOV_DEG: f32 = 65.0;
/// Portraits enlarged more than this are soft whatever the scene does.
const MAX_ENLARGEMENT: f32 = 1.2;
const SEED: u64 = 0x006b_7963_616d;

fn main() -> anyhow::Result<()> {
    let per_defect: usize = std::env::args()
        .nth(1)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(12);
    real_fixtures();
    synthetic(per_defect)
}

fn verdict(report: &kycam::check::FileReport, id: RuleId) -> Option<bool> {
    report.checks.iter().find(|v| v.id == id).map(|v| v.pass)
}

fn real_fixtures() {
    println!("## Real fixtures\n");
    if fixtures::shared_dir().is_none() {
        println!("../shared/fixtures is absent: skipped.\n");
        return;
    }
    let mut checker = Checker::new(None);
    let mut rows: Vec<(String, &str, bool, bool)> = Vec::new();
    let mut expect =
        |files: Vec<std::path::PathBuf>, id: RuleId, want: fn(&str) -> Option<bool>| {
            for file in files {
                let name = file
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .to_string();
                let Some(want_pass) = want(&name) else {
                    continue;
                };
                match checker.check_file(&file, Shot::Selfie) {
                    Ok(r) => {
                        let got = verdict(&r, id).unwrap_or(false);
                        rows.push((name, id.as_str(), want_pass, got));
                    }
                    Err(e) => println!("error: {e}"),
                }
            }
        };
    let mut faces = fixtures::shared_images("faces");
    faces.extend(fixtures::shared_images("faces-eval"));
    expect(faces.clone(), RuleId::FaceFound, |n| {
        (n != "deepface_couple.jpg").then_some(true)
    });
    expect(faces, RuleId::FaceInFrame, |n| {
        (n == "obama_partial_face.jpg").then_some(false)
    });
    expect(
        fixtures::shared_images("faces-multi"),
        RuleId::SingleFace,
        |n| n.starts_with("dlib_20").then_some(false),
    );
    expect(
        fixtures::shared_images("faces-multi"),
        RuleId::FaceFound,
        |n| match n {
            "dlib_dogs.jpg" => Some(false),
            "dlib_Tom_Cruise_avp_2014_4.jpg" => Some(true),
            _ => None,
        },
    );
    expect(
        fixtures::shared_images("blur"),
        RuleId::Sharpness,
        |n| match n {
            "176_HONOR-7X_S.jpg" => Some(true),
            "176_HONOR-7X_F.jpg" | "176_HONOR-7X_M.jpg" => Some(false),
            _ => None,
        },
    );
    println!("| file | rule | expected | got |\n|---|---|---|---|");
    let mut correct = 0;
    for (name, id, want, got) in &rows {
        let mark = if want == got { "" } else { " **wrong**" };
        correct += usize::from(want == got);
        println!(
            "| {name} | {id} | {} | {}{mark} |",
            pass_word(*want),
            pass_word(*got)
        );
    }
    println!("\n{correct} of {} expectations met.\n", rows.len());
}

fn pass_word(p: bool) -> &'static str {
    if p {
        "pass"
    } else {
        "fail"
    }
}

/// The rule a defect must make fail, and rules it may legitimately disturb.
fn targeted(defect: Defect) -> (Option<RuleId>, &'static [RuleId]) {
    match defect {
        Defect::None => (None, &[]),
        Defect::TooClose => (Some(RuleId::Distance), &[RuleId::FaceInFrame]),
        Defect::TooFar => (Some(RuleId::Distance), &[]),
        Defect::GaussianBlur | Defect::MotionBlur => (Some(RuleId::Sharpness), &[]),
        Defect::Glare => (Some(RuleId::Glare), &[]),
        Defect::Dark => (Some(RuleId::Exposure), &[]),
        Defect::Backlit => (Some(RuleId::Backlight), &[]),
        Defect::Tinted | Defect::Greyscale => (Some(RuleId::Color), &[]),
        Defect::Sunglasses | Defect::MirroredSunglasses => (Some(RuleId::Sunglasses), &[]),
        // Clipped lens reflections are also specular pixels on the face region.
        Defect::LensGlare => (Some(RuleId::EyewearGlare), &[RuleId::Glare]),
    }
}

fn synthetic(per_defect: usize) -> anyhow::Result<()> {
    println!("## Synthetic selfies\n");
    let portraits_files = ["astronaut.png", "obama.jpg", "obama2.jpg", "obama3.jpg"];
    let mut portraits = Vec::new();
    for name in portraits_files {
        let img = image::open(fixtures::committed(name))?.to_rgb8();
        portraits.push(Portrait::find(img).ok_or_else(|| anyhow::anyhow!("no face in {name}"))?);
    }
    let backgrounds: Vec<_> = ["brick.png", "grass.png", "gravel.png", "coffee.png"]
        .iter()
        .map(|n| image::open(fixtures::committed(n)).map(|i| i.to_rgb8()))
        .collect::<Result<_, _>>()?;
    let backgrounds: Vec<_> = backgrounds
        .iter()
        .map(|t| kycam::synth::background(t, WIDTH, HEIGHT, 110.0))
        .collect();

    let mut live = FaceDetector::new(FaceSearch::LIVE);
    let camera = CameraModel { hfov_deg: HFOV_DEG };
    let mut rng = Rng::new(SEED);
    // rule → (correct, total)
    let mut score: BTreeMap<RuleId, (u32, u32)> = BTreeMap::new();
    let mut per_defect_score: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut distance_errors = Vec::new();
    let mut box_cue_errors = Vec::new();
    for defect in Defect::ALL {
        for _ in 0..per_defect {
            let scene = selfie::random_scene(&mut rng, defect);
            let portrait = &portraits[rng.index(portraits.len())];
            let bg = &backgrounds[rng.index(backgrounds.len())];
            let (frame, truth_face, enlarged) =
                selfie::render(portrait, bg, &scene, WIDTH, HEIGHT, HFOV_DEG);
            let grey = analysis::to_grey(&frame);
            let faces = live.detect(&grey);
            let m = analysis::measure(&frame, &grey, Shot::Selfie, &faces, camera);
            if defect == Defect::None {
                if let Some(s) = &m.selfie {
                    distance_errors
                        .push(((s.distance_cm - scene.distance_cm) / scene.distance_cm).abs());
                    let box_cue = distance::face_distance_cm(s.face.rect.w, WIDTH as f32, HFOV_DEG);
                    box_cue_errors.push(((box_cue - scene.distance_cm) / scene.distance_cm).abs());
                }
            }
            let (target, excused) = targeted(defect);
            // Whether the whole head fits follows from where the face landed; a
            // head within 2 % of an edge is too close to call.
            let head_margin = kycam::analysis::selfie::head_margin(&truth_face, WIDTH, HEIGHT);
            let verdicts = rules::judge(&m);
            if std::env::var_os("VALUES").is_some() {
                let q = &m.quality;
                eprintln!(
                    "{defect:?} x{enlarged:.2} sharp {:.2} cast {:.2} colourful {:.1} backlight {:?}",
                    q.sharpness,
                    q.colour.cast,
                    q.colour.colourfulness,
                    m.selfie.as_ref().map(|s| s.backlight_ratio)
                );
            }
            let mut scene_ok = true;
            for v in &verdicts {
                // An enlarged portrait is soft in itself: its sharpness has no truth.
                let soft_source = v.id == RuleId::Sharpness && enlarged > MAX_ENLARGEMENT;
                if excused.contains(&v.id)
                    || soft_source
                    || (v.id == RuleId::FaceInFrame && head_margin.abs() < 0.02)
                {
                    continue;
                }
                let want_pass =
                    Some(v.id) != target && (v.id != RuleId::FaceInFrame || head_margin >= 0.0);
                if v.pass != want_pass && std::env::var_os("VERBOSE").is_some() {
                    eprintln!(
                        "{defect:?}: {} got {} value {:?} ({:.0} cm)",
                        v.id, v.pass, v.value, scene.distance_cm
                    );
                }
                let e = score.entry(v.id).or_default();
                e.1 += 1;
                if v.pass == want_pass {
                    e.0 += 1;
                } else {
                    scene_ok = false;
                }
            }
            let d = per_defect_score.entry(format!("{defect:?}")).or_default();
            d.1 += 1;
            d.0 += u32::from(scene_ok);
        }
    }
    println!(
        "{} scenes ({per_defect} per defect), {WIDTH}×{HEIGHT}, HFOV {HFOV_DEG}°, seed {SEED:#x}, live face search.\n",
        per_defect * Defect::ALL.len()
    );
    println!("| rule | correct verdicts |\n|---|---|");
    for (id, (ok, n)) in &score {
        println!(
            "| {} | {ok}/{n} ({:.0} %) |",
            id.as_str(),
            100.0 * *ok as f32 / *n as f32
        );
    }
    println!("\n| defect | scenes with every verdict right |\n|---|---|");
    for (d, (ok, n)) in &per_defect_score {
        println!("| {d} | {ok}/{n} |");
    }
    let faces_found = distance_errors.len();
    for (cue, errors) in [
        ("the eyes (the measure)", distance_errors),
        ("the face box (before the landmarks)", box_cue_errors),
    ] {
        if let Some((mean, p90, max)) = error_summary(errors) {
            println!(
                "\nDistance error at 32–48 cm from {cue} ({faces_found} faces found of {per_defect}): mean {:.1} %, p90 {:.1} %, max {:.1} %.",
                mean * 100.0,
                p90 * 100.0,
                max * 100.0
            );
        }
    }
    Ok(())
}

/// Mean, 90th percentile and largest of relative errors; `None` for none.
fn error_summary(mut errors: Vec<f32>) -> Option<(f32, f32, f32)> {
    errors.sort_by(f32::total_cmp);
    let max = *errors.last()?;
    let mean = errors.iter().sum::<f32>() / errors.len() as f32;
    let p90 = errors[(errors.len() * 9 / 10).min(errors.len() - 1)];
    Some((mean, p90, max))
}
