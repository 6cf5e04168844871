//! `sunglasses` and `eyewear_glare` on the real one-face portraits of
//! ../shared/fixtures (faces/, faces-eval/): per photo the face box's measures
//! (the fallback without landmarks) and the landmarks' (the eyes' own regions),
//! then the same portraits with dark and with mirrored lenses painted over the
//! landmarks' eyes (seeded), found and measured again from scratch.
//!
//! `cargo run --example evaluate_eyewear [-- --live] [--draw DIR]`: with `--live`
//! the landmarks are found as the live face worker finds them (one pass,
//! `landmarks::find_live`); with `--draw`, each portrait's eye area is written to
//! DIR with the lens (green), eye (red) and cheek (blue) regions drawn, and the
//! composites beside it.

#[path = "../tests/common/mod.rs"]
mod common;

use image::{Rgb, RgbImage};
use imageproc::drawing::draw_hollow_rect_mut;
use imageproc::rect::Rect as PixelRect;
use kycam::analysis::eyewear::{self, EyewearParams};
use kycam::analysis::{
    self, landmarks, CameraModel, FaceDetector, FaceSearch, FacesFrom, Measurements, SelfieMeasures,
};
use kycam::geometry::Rect;
use kycam::rules::{self, RuleId};
use kycam::synth::lenses::{self, Lens};
use kycam::Shot;

/// One face measured both ways: on the face box alone (before landmarks, as live)
/// and with its landmarks (as `kycam check`).
struct Row {
    on_box: SelfieMeasures,
    on_marks: SelfieMeasures,
    /// `sunglasses` and `eyewear_glare` pass: box, landmarks.
    sunglasses: (bool, bool),
    glare: (bool, bool),
}

fn passes(m: &Measurements, rule: RuleId) -> bool {
    rules::judge(m).iter().any(|v| v.id == rule && v.pass)
}

fn measure(
    detector: &mut FaceDetector,
    rgb: &RgbImage,
    live: bool,
) -> Option<(Row, [[f32; 2]; 68], Rect)> {
    let grey = analysis::to_grey(rgb);
    let faces = detector.detect(&grey);
    let face = faces.first()?.rect;
    let camera = CameraModel::default();
    let on_box = analysis::measure_with(
        rgb,
        &grey,
        Shot::Selfie,
        &faces[..1],
        FacesFrom::ThisFrame,
        camera,
    );
    let mut on_marks = analysis::measure(rgb, &grey, Shot::Selfie, &faces[..1], camera);
    if live {
        on_marks.set_landmarks(landmarks::find_live(rgb, &face));
        on_marks.measure_eyes(rgb, &grey);
    }
    let points = on_marks.selfie.as_ref()?.landmarks.as_ref()?.points;
    let row = Row {
        sunglasses: (
            passes(&on_box, RuleId::Sunglasses),
            passes(&on_marks, RuleId::Sunglasses),
        ),
        glare: (
            passes(&on_box, RuleId::EyewearGlare),
            passes(&on_marks, RuleId::EyewearGlare),
        ),
        on_box: on_box.selfie?,
        on_marks: on_marks.selfie?,
    };
    Some((row, points, face))
}

fn draw(rgb: &RgbImage, points: &[[f32; 2]], face: &Rect) -> RgbImage {
    let mut out = rgb.clone();
    let box_rect = |r: &Rect, colour: [u8; 3], img: &mut RgbImage| {
        if r.w >= 1.0 && r.h >= 1.0 {
            let pr = PixelRect::at(r.x.round() as i32, r.y.round() as i32)
                .of_size(r.w.round() as u32, r.h.round() as u32);
            draw_hollow_rect_mut(img, pr, Rgb(colour));
        }
    };
    if let Some(regions) = eyewear::eye_regions(points, &EyewearParams::DEFAULT) {
        for r in regions {
            box_rect(&r.lens, [0, 255, 0], &mut out);
            box_rect(&r.eye, [255, 0, 0], &mut out);
            box_rect(&r.cheek, [0, 80, 255], &mut out);
        }
    }
    let area = face.grown(0.0, -0.05, 0.0, -0.3);
    let (x, y, w, h) =
        area.clamped_pixels(out.width(), out.height())
            .unwrap_or((0, 0, out.width(), out.height()));
    image::imageops::crop_imm(&out, x, y, w, h).to_image()
}

fn fmt(v: Option<f32>) -> String {
    v.map_or("   -  ".into(), |v| format!("{v:6.3}"))
}

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let live = args.iter().any(|a| a == "--live");
    let draw_dir: Option<std::path::PathBuf> = common::option_value(&args, "--draw");
    if kycam::fixtures::shared_dir().is_none() {
        println!("no ../shared/fixtures beside the checkout: nothing to evaluate");
        return Ok(());
    }
    let mut photos = kycam::fixtures::shared_images("faces");
    photos.extend(kycam::fixtures::shared_images("faces-eval"));
    photos.retain(|p| !p.ends_with("deepface_couple.jpg"));
    let mut detector = FaceDetector::new(FaceSearch::STILL);
    println!(
        "{:30} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6}",
        "photo",
        "boxR",
        "boxG%",
        "lensR",
        "dark",
        "glare%",
        "D.box",
        "D.lens",
        "D.dark",
        "M.box",
        "M.lens",
        "M.dark"
    );
    let mut counts = [0usize; 8];
    for (i, path) in photos.iter().enumerate() {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let rgb = kycam::imageio::load_image(path)?.rgb;
        let Some((row, points, face)) = measure(&mut detector, &rgb, live) else {
            println!("{name}: no face");
            continue;
        };
        let mut composite = |lens: Lens| {
            let mut painted = rgb.clone();
            lenses::paint(&mut painted, &points, lens, 1000 + i as u64);
            let measured = measure(&mut detector, &painted, live);
            let found = measured.as_ref().map_or(points, |m| m.1);
            let drawn = draw(&painted, &found, &face);
            (drawn, measured.map(|m| m.0))
        };
        let (dark_img, dark) = composite(Lens::Dark);
        let (mirror_img, mirror) = composite(Lens::Mirrored);
        counts[0] += usize::from(row.sunglasses.0);
        counts[1] += usize::from(row.sunglasses.1);
        counts[2] += usize::from(row.glare.0);
        counts[3] += usize::from(row.glare.1);
        if let Some(d) = &dark {
            counts[4] += usize::from(!d.sunglasses.0);
            counts[5] += usize::from(!d.sunglasses.1);
        }
        if let Some(m) = &mirror {
            counts[6] += usize::from(!m.sunglasses.0);
            counts[7] += usize::from(!m.sunglasses.1);
        }
        let part = |r: &Option<Row>| {
            r.as_ref().map_or("  no face found      ".to_string(), |r| {
                format!(
                    "{:6.3} {:6.3} {}",
                    r.on_box.eye_to_cheek_ratio,
                    r.on_marks.eye_to_cheek_ratio,
                    fmt(r.on_marks.eye_darkest_to_cheek)
                )
            })
        };
        println!(
            "{:30} {:6.3} {:6.2} | {:6.3} {} {:6.2} | {} | {}",
            name,
            row.on_box.eye_to_cheek_ratio,
            row.on_box.eyewear_glare_share * 100.0,
            row.on_marks.eye_to_cheek_ratio,
            fmt(row.on_marks.eye_darkest_to_cheek),
            row.on_marks.eyewear_glare_share * 100.0,
            part(&dark),
            part(&mirror),
        );
        if let Some(dir) = &draw_dir {
            std::fs::create_dir_all(dir)?;
            let stem = name.rsplit_once('.').map_or(name.as_str(), |s| s.0);
            draw(&rgb, &points, &face).save(dir.join(format!("{stem}.png")))?;
            if let Some(regions) = eyewear::eye_regions(&points, &EyewearParams::DEFAULT) {
                let eyes = regions.map(|r| r.eye);
                let wings = [points[31], points[35]];
                std::fs::write(
                    dir.join(format!("{stem}.eyes.txt")),
                    format!("{eyes:?}\nwings {wings:?}\nface {face:?}\n"),
                )?;
            }
            dark_img.save(dir.join(format!("{stem}_dark.png")))?;
            mirror_img.save(dir.join(format!("{stem}_mirror.png")))?;
        }
    }
    let n = photos.len();
    println!("\n{n} portraits");
    let lines = [
        "sunglasses passes",
        "eyewear_glare passes",
        "dark composites failing sunglasses",
        "mirrored composites failing sunglasses",
    ];
    for (what, pair) in lines.iter().zip(counts.chunks(2)) {
        println!("{what}: box {}/{n}, landmarks {}/{n}", pair[0], pair[1]);
    }
    Ok(())
}
