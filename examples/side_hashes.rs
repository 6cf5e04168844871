//! Measures the document-side hash that tells, within a session, a back that shows
//! the accepted front: the distance between pictures of the same side (frames of one
//! card a little moved, relit and noisy; real photos of one passport page) against
//! that between a front and a back, and between different cards.
//! Run: `cargo run --release --example side_hashes` (reads ../shared/fixtures when
//! present; the demo's card always).

use std::path::Path;

use kycam::analysis::fingerprint::{document_hash, DocumentHash};
use kycam::analysis::to_grey;
use kycam::check::Checker;
use kycam::pipeline::source::demo::{card_rest, card_scene, DemoAssets};
use kycam::synth::rng::Rng;
use kycam::Shot;

/// The hash of the document `kycam check` finds in `rgb` for `shot`.
fn side_hash(checker: &mut Checker, rgb: &image::RgbImage, shot: Shot) -> Option<DocumentHash> {
    let loaded = kycam::imageio::LoadedImage {
        rgb: rgb.clone(),
        format: kycam::imageio::FileFormat::Png,
        file_bytes: 0,
        focal_length_35mm: None,
    };
    let report = checker.check_loaded("frame", &loaded, shot);
    let doc = report.measurements.document.as_ref()?;
    Some(document_hash(
        &to_grey(rgb),
        &doc.corners,
        doc.geometry.standing,
    ))
}

/// The scene a little changed, as the next frames of a camera: moved, lit
/// differently, with sensor noise.
fn another_frame(desk: &image::RgbImage, card: &image::RgbImage, rng: &mut Rng) -> image::RgbImage {
    let x = card_rest() + rng.range(-0.03, 0.03);
    let mut frame = card_scene(desk, card, x);
    let gain = rng.range(0.85, 1.15);
    for p in frame.pixels_mut() {
        for c in p.0.iter_mut() {
            let noisy = f32::from(*c) * gain + rng.range(-6.0, 6.0);
            *c = noisy.clamp(0.0, 255.0) as u8;
        }
    }
    frame
}

/// The side a shot shows, as the comparisons below name it.
fn side(shot: Shot) -> &'static str {
    match shot {
        Shot::Passport => "page",
        s if s.is_back_side() => "back",
        _ => "front",
    }
}

fn main() {
    let mut checker = Checker::new(None);
    let assets = DemoAssets::load().expect("demo assets");
    let mut rng = Rng::new(24);
    let front = side_hash(
        &mut checker,
        &card_scene(&assets.desk, &assets.card, card_rest()),
        Shot::IdFront,
    )
    .expect("the demo front is found");
    let back = side_hash(
        &mut checker,
        &card_scene(&assets.desk, &assets.back, card_rest()),
        Shot::IdBack,
    )
    .expect("the demo back is found");
    let mut same = Vec::new();
    for _ in 0..20 {
        for (card, reference, shot) in [
            (&assets.card, &front, Shot::IdFront),
            (&assets.back, &back, Shot::IdBack),
        ] {
            if let Some(h) = side_hash(
                &mut checker,
                &another_frame(&assets.desk, card, &mut rng),
                shot,
            ) {
                same.push(h.distance(reference));
            }
        }
    }
    same.sort_unstable();
    println!("demo card, same side across 40 changed frames: {same:?}");
    println!("demo card, front vs back: {}", front.distance(&back));

    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures");
    if !shared.is_dir() {
        eprintln!("{} absent: the real photos are skipped", shared.display());
        return;
    }
    let real: &[(&str, Shot)] = &[
        ("realdocs/yushulx_passport.jpg", Shot::Passport),
        ("realdocs/yushulx_passport_90.jpg", Shot::Passport),
        ("realdocs/yushulx_passport_180.jpg", Shot::Passport),
        ("realdocs/yushulx_passport_270.jpg", Shot::Passport),
        ("realdocs/yushulx_rotated_passport.jpg", Shot::Passport),
        ("realdocs/shakex_card3_old.jpg", Shot::IdFront),
        ("realdocs/shakex_v3_card8.jpg", Shot::IdFront),
        ("realdocs/shakex_v3_card4.jpg", Shot::IdFront),
        ("realdocs/shakex_v3_card6.jpg", Shot::IdFront),
        ("realdocs/shakex_card1.jpg", Shot::IdBack),
        ("realdocs/shakex_card2.jpg", Shot::IdBack),
        ("realdocs/shakex_card2_old.jpg", Shot::IdBack),
        ("realdocs/shakex_card4_old.jpg", Shot::IdBack),
        ("realdocs/shakex_v3_card1.jpg", Shot::IdBack),
        ("realdocs/shakex_v3_card3.jpg", Shot::IdBack),
        ("realdocs/shakex_v3_card5.jpg", Shot::IdBack),
        ("documents/specimen_100_id-rou.jpg", Shot::IdFront),
        ("documents/specimen_100_id-che.jpg", Shot::IdBack),
    ];
    let mut hashes = Vec::new();
    for (file, shot) in real {
        let Ok(loaded) = kycam::imageio::load_image(&shared.join(file)) else {
            continue;
        };
        match side_hash(&mut checker, &loaded.rgb, *shot) {
            Some(h) => hashes.push((*file, side(*shot), h)),
            None => println!("{file}: no document found"),
        }
    }
    let name = |f: &str| {
        Path::new(f)
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };
    let mut by_kind: std::collections::BTreeMap<String, Vec<u32>> = Default::default();
    for (i, (fa, sa, ha)) in hashes.iter().enumerate() {
        for (fb, sb, hb) in &hashes[i + 1..] {
            let kind = match (*sa, *sb) {
                ("page", "page") => "same passport page, different photos".to_owned(),
                (a, b) if a == b => format!("two {a}s of different cards"),
                ("page", _) | (_, "page") => "passport page vs a card".to_owned(),
                _ => "a front vs a back".to_owned(),
            };
            let d = ha.distance(hb);
            by_kind.entry(kind.clone()).or_default().push(d);
            if std::env::args().any(|a| a == "-v") {
                println!("{:28} {:28} {kind}: {d}", name(fa), name(fb));
            }
        }
    }
    for (kind, mut ds) in by_kind {
        ds.sort_unstable();
        println!("{kind}: {ds:?}");
    }
}
