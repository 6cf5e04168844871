//! The `sharpness` verdict on real documents, sharp and blurred: each photo of
//! `../shared/fixtures/realdocs` as a 1280×720 webcam frame
//! (`kycam::fixtures::webcam_frame`), then the same frame blurred by a Gaussian of
//! σ 1, 1.5, 2 and 3 px, each checked as `kycam check --shot` checks it. A sharp
//! document must pass; one blurred by σ ≥ 1.5 px (print a few pixels high smears)
//! must fail; σ 1 is reported but not judged.
//!
//! `cargo run --release --example evaluate_sharpness`

use kycam::check::Checker;
use kycam::imageio::LoadedImage;
use kycam::rules::RuleId;
use kycam::Shot;

/// Blur at and above which `sharpness` must fail (as in `evaluate_documents`).
const MUST_FAIL_SIGMA: f32 = 1.5;
const SIGMAS: [f32; 5] = [0.0, 1.0, 1.5, 2.0, 3.0];

fn main() -> anyhow::Result<()> {
    let Some((dir, truth)) = kycam::fixtures::realdocs()? else {
        println!("no ../shared/fixtures beside this checkout: nothing to evaluate");
        return Ok(());
    };
    let mut checker = Checker::new(None);
    let (mut sharp_pass, mut sharp_n, mut blur_fail, mut blur_n) = (0, 0, 0, 0);
    let mut header = String::from("| photo | document px |");
    for s in SIGMAS {
        header += &format!(" σ {s} |");
    }
    println!("{header}\n|---|---|{}", "---|".repeat(SIGMAS.len()));
    for t in &truth {
        let shot: Shot = t.shot.parse().map_err(anyhow::Error::msg)?;
        let photo = kycam::imageio::load_image(&dir.join(&t.file))?;
        let frame = kycam::fixtures::webcam_frame(&photo.rgb);
        let mut row = format!("| {} |", t.file);
        for (i, sigma) in SIGMAS.into_iter().enumerate() {
            let rgb = if sigma > 0.0 {
                imageproc::filter::gaussian_blur_f32(&frame, sigma)
            } else {
                frame.clone()
            };
            let loaded = LoadedImage::in_memory(rgb);
            let report = checker.check_loaded(&t.file, &loaded, shot);
            if i == 0 {
                let width = report.document.as_ref().map_or(String::from("—"), |d| {
                    let c = d.corners;
                    let side = |a: [f32; 2], b: [f32; 2]| (a[0] - b[0]).hypot(a[1] - b[1]);
                    let long = side(c[0], c[1]).max(side(c[1], c[2]));
                    format!("{long:.0}")
                });
                row += &format!(" {width} |");
            }
            let Some(v) = report.checks.iter().find(|v| v.id == RuleId::Sharpness) else {
                row += " — |";
                continue;
            };
            let value = v
                .value
                .map_or(String::from("—"), |x| format!("{x:.2}{}", v.unit));
            row += &format!(" {} {value} |", if v.pass { "pass" } else { "fail" });
            if report.document.is_none() {
                continue;
            }
            if sigma == 0.0 {
                sharp_n += 1;
                sharp_pass += u32::from(v.pass);
            } else if sigma >= MUST_FAIL_SIGMA {
                blur_n += 1;
                blur_fail += u32::from(!v.pass);
            }
        }
        println!("{row}");
    }
    println!(
        "\ndocuments found: sharp pass {sharp_pass}/{sharp_n}; blurred by σ ≥ {MUST_FAIL_SIGMA} px fail {blur_fail}/{blur_n}"
    );
    Ok(())
}
