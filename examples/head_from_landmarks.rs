//! How far the labelled head (tests/fixtures/head_labels.json) extends beyond the
//! face's landmarks and beyond its detector box, in units of each: the spread of
//! these growths decides how tight a "whole head in the picture" test can be.
//!
//! `cargo run --release --example head_from_landmarks`

use kycam::analysis::{self, landmarks, FaceDetector, FaceSearch};

#[derive(serde::Deserialize)]
struct Label {
    file: String,
    hair_top: f32,
    chin: f32,
    left: f32,
    right: f32,
    width: u32,
    height: u32,
    whole_head_in: bool,
}

#[derive(serde::Deserialize)]
struct Labels {
    labels: Vec<Label>,
}

fn spread(name: &str, mut v: Vec<f32>) {
    v.sort_by(f32::total_cmp);
    let q = |p: f64| kycam::stats::quantile(&v, p).unwrap_or(f32::NAN);
    println!(
        "{name:28} min {:6.2}  p10 {:6.2}  median {:6.2}  p90 {:6.2}  max {:6.2}",
        v[0],
        q(0.1),
        q(0.5),
        q(0.9),
        v[v.len() - 1]
    );
}

fn main() -> anyhow::Result<()> {
    let Some(shared) = kycam::fixtures::shared_dir() else {
        println!("no ../shared/fixtures beside the checkout: nothing to evaluate");
        return Ok(());
    };
    let labels: Labels = kycam::fixtures::committed_json("head_labels.json")?;
    let mut detector = FaceDetector::new(FaceSearch::STILL);
    let (mut box_top, mut box_chin, mut box_side) = (Vec::new(), Vec::new(), Vec::new());
    let (mut lm_top, mut lm_chin, mut lm_side) = (Vec::new(), Vec::new(), Vec::new());
    let top_growth: f32 = std::env::args()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0.44);
    let (mut agree_box, mut agree_lm, mut n) = (0, 0, 0);
    for l in &labels.labels {
        let rgb = kycam::imageio::load_image(&shared.join(&l.file))?.rgb;
        let Some(face) = detector.detect(&analysis::to_grey(&rgb)).first().copied() else {
            println!("{}: no face", l.file);
            continue;
        };
        let r = face.rect;
        box_top.push((r.y - l.hair_top) / r.h);
        box_chin.push((l.chin - r.bottom()) / r.h);
        box_side.push(((r.x - l.left) / r.w).min((l.right - r.right()) / r.w));
        let p = landmarks::find(&rgb, &r).points;
        // Brows 17–26, chin 8, jaw ends 0 and 16.
        let brow = p[17..27].iter().map(|q| q[1]).fold(f32::MAX, f32::min);
        let chin = p[8][1];
        let face_h = chin - brow;
        let jaw_l = p[0..17].iter().map(|q| q[0]).fold(f32::MAX, f32::min);
        let jaw_r = p[0..17].iter().map(|q| q[0]).fold(f32::MIN, f32::max);
        let face_w = jaw_r - jaw_l;
        let (w, h) = (l.width as f32, l.height as f32);
        let box_in = analysis::selfie::head_margin(&r, l.width, l.height) >= 0.0;
        let head_top = brow - top_growth * face_h;
        let lm_in = head_top >= 0.0 && chin <= h && jaw_l >= 0.0 && jaw_r <= w;
        n += 1;
        agree_box += usize::from(box_in == l.whole_head_in);
        agree_lm += usize::from(lm_in == l.whole_head_in);
        if box_in != l.whole_head_in || lm_in != l.whole_head_in {
            println!(
                "  {}: labelled {} box {} landmarks {}",
                l.file, l.whole_head_in, box_in, lm_in
            );
        }
        lm_top.push((brow - l.hair_top) / face_h);
        lm_chin.push((l.chin - chin) / face_h);
        lm_side.push(((jaw_l - l.left) / face_w).min((l.right - jaw_r) / face_w));
        println!(
            "{:44} box top {:5.2} chin {:5.2} side {:5.2} | lm top {:5.2} chin {:5.2} side {:5.2}",
            l.file,
            box_top.last().unwrap_or(&0.0),
            box_chin.last().unwrap_or(&0.0),
            box_side.last().unwrap_or(&0.0),
            lm_top.last().unwrap_or(&0.0),
            lm_chin.last().unwrap_or(&0.0),
            lm_side.last().unwrap_or(&0.0),
        );
    }
    println!("growth beyond the detector box, in box heights (top, chin) and widths (side):");
    spread("box: hair top above", box_top);
    spread("box: chin below", box_chin);
    spread("box: head side beyond", box_side);
    println!("growth beyond the landmarks, in brow-to-chin heights and jaw widths:");
    spread("landmarks: hair top above", lm_top);
    spread("landmarks: chin below", lm_chin);
    spread("landmarks: head side beyond", lm_side);
    println!(
        "whole head in, agreement with the labels: box {agree_box} of {n}, landmarks (top growth {top_growth}) {agree_lm} of {n}"
    );
    Ok(())
}
