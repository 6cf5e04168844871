//! How well `kycam match` tells people apart, on the shared fixture photos.
//!
//! Same/different pairs: every pair of photos within one identity group is a
//! "same" pair, every pair across groups a "different" pair. The deepface groups
//! are the ones its `tests/unit/dataset/master.csv` (serengil/deepface) lists as
//! same-person pairs; img26–img30 are in no pair there and are left out. The
//! committed official portraits and the stock series (one woman, eight
//! expressions) add two more groups and two single faces.
//!
//! Then "card photo" versions: each photo's face cropped as an ID portrait,
//! shrunk, its light flattened, blurred a little, printed-looking (less contrast,
//! less colour) and JPEG-compressed, then found again by the face detector. Each
//! card is compared with the other photos of its person and with everyone else.
//!
//! Run: `cargo run --release --example evaluate_match [-- --box | --sweep]`
//! (chips aligned with the face's landmarks, as kycam takes them; `--box` cuts
//! them around the face box instead, `--sweep` scores box placements around it).

use std::collections::HashMap;
use std::path::PathBuf;

use image::{imageops, DynamicImage, RgbImage};
use kycam::analysis::face_descriptor::chip::{chip_from_region, ChipGeometry};
use kycam::analysis::face_descriptor::{
    describe_chip, describe_face, Descriptor, SAME_PERSON_MAX_DISTANCE,
};
use kycam::analysis::{self, FaceDetector, FaceSearch};
use kycam::fixtures;
use kycam::geometry::Rect;

/// Identity groups: (folder, files). One group per person.
const GROUPS: &[(&str, &[&str])] = &[
    (
        "faces-eval",
        &[
            "deepface_img1.jpg",
            "deepface_img2.jpg",
            "deepface_img4.jpg",
            "deepface_img5.jpg",
            "deepface_img6.jpg",
            "deepface_img7.jpg",
            "deepface_img10.jpg",
            "deepface_img11.jpg",
        ],
    ),
    ("faces-eval", &["deepface_img3.jpg", "deepface_img12.jpg"]),
    (
        "faces-eval",
        &[
            "deepface_img13.jpg",
            "deepface_img14.jpg",
            "deepface_img15.jpg",
        ],
    ),
    ("faces-eval", &["deepface_img16.jpg", "deepface_img17.jpg"]),
    ("faces-eval", &["deepface_img18.jpg", "deepface_img19.jpg"]),
    ("faces-eval", &["deepface_img8.jpg", "deepface_img9.jpg"]),
    ("faces-eval", &["deepface_img20.jpg", "deepface_img21.jpg"]),
    ("faces-eval", &["deepface_img22.jpg", "deepface_img23.jpg"]),
    ("faces-eval", &["deepface_img24.jpg", "deepface_img25.jpg"]),
    ("faces", &["obama.jpg", "obama2.jpg", "obama3.jpg"]),
    ("faces", &["biden.jpg"]),
    ("faces", &["astronaut.png"]),
    (
        "faces-eval",
        &[
            "stock_emotions_a1.jpg",
            "stock_emotions_a2.jpg",
            "stock_emotions_a3.jpg",
            "stock_emotions_a4.jpg",
            "stock_emotions_a5.jpg",
            "stock_emotions_a6.jpg",
            "stock_emotions_a7.jpg",
            "stock_emotions_a8.jpg",
        ],
    ),
];

/// Width of the face in the card version, in pixels: an ID-1 card photographed
/// filling a 1280 px frame has a portrait about 300 px wide and a face about 110 px.
const CARD_FACE_PX: f32 = 90.0;
/// JPEG quality of the card version (a phone's photo of a card, recompressed).
const CARD_JPEG_QUALITY: u8 = 50;

struct Photo {
    name: String,
    group: usize,
    rgb: RgbImage,
    face: Rect,
}

fn main() {
    let sweep = std::env::args().any(|a| a == "--sweep");
    let boxed = sweep || std::env::args().any(|a| a == "--box");
    let Some(shared) = fixtures::shared_dir() else {
        eprintln!("evaluate_match: no ../shared/fixtures beside the checkout; nothing to evaluate");
        return;
    };
    let mut detector = FaceDetector::new(FaceSearch::STILL);
    let mut photos = Vec::new();
    for (group, (folder, files)) in GROUPS.iter().enumerate() {
        for file in *files {
            let path: PathBuf = shared.join(folder).join(file);
            let Ok(img) = image::open(&path) else {
                eprintln!("skipped {}: cannot read", path.display());
                continue;
            };
            let rgb = img.to_rgb8();
            let faces = detector.detect(&analysis::to_grey(&rgb));
            if analysis::significant_faces(&faces) != 1 {
                eprintln!(
                    "skipped {file}: {} faces",
                    analysis::significant_faces(&faces)
                );
                continue;
            }
            photos.push(Photo {
                name: file.to_string(),
                group,
                rgb,
                face: faces[0].rect,
            });
        }
    }
    let geometries = if sweep {
        let mut g = Vec::new();
        for side in [0.9, 1.0, 1.1, 1.2, 1.3] {
            for drop in [0.0, 0.05, 0.09, 0.13] {
                g.push(ChipGeometry {
                    side_over_box: side,
                    drop_over_box: drop,
                });
            }
        }
        g
    } else {
        vec![ChipGeometry::DLIB_LIKE]
    };
    for geometry in &geometries {
        let descriptors: Vec<Descriptor> = photos
            .iter()
            .map(|p| describe(&p.rgb, &p.face, geometry, boxed))
            .collect();
        let pairs = pairs_of(&photos, &descriptors);
        if sweep {
            let (best_t, best_acc) = best_threshold(&pairs);
            println!(
                "side {:.2} drop {:.2}: AUC {:.4}, best accuracy {:.1} % at {best_t:.3}, accuracy at {SAME_PERSON_MAX_DISTANCE} {:.1} %",
                geometry.side_over_box,
                geometry.drop_over_box,
                auc(&pairs),
                100.0 * best_acc,
                100.0 * accuracy(&pairs, SAME_PERSON_MAX_DISTANCE)
            );
            continue;
        }
        println!(
            "{} photos in {} groups; {} same pairs, {} different pairs",
            photos.len(),
            GROUPS.len(),
            pairs.iter().filter(|p| p.same).count(),
            pairs.iter().filter(|p| !p.same).count()
        );
        report(&pairs);
        print_extremes(&pairs);

        println!("\nCard photos (each photo as an ID portrait) against the photos");
        let cards: Vec<Option<Descriptor>> = photos
            .iter()
            .map(|p| card_descriptor(p, &mut detector, boxed))
            .collect();
        let missing = cards.iter().filter(|c| c.is_none()).count();
        println!("{missing} card versions lost their face to the detector");
        let own: Vec<f32> = photos
            .iter()
            .zip(&descriptors)
            .zip(&cards)
            .filter_map(|((_, d), c)| c.map(|c| d.distance(&c)))
            .collect();
        let own_different = own
            .iter()
            .filter(|&&d| d >= SAME_PERSON_MAX_DISTANCE)
            .count();
        println!(
            "own photo vs its card version: {} pairs, called different {own_different}, distance mean {:.3} max {:.3}",
            own.len(),
            own.iter().sum::<f32>() / own.len().max(1) as f32,
            own.iter().cloned().fold(0.0, f32::max)
        );
        let card_pairs = card_pairs(&photos, &descriptors, &cards);
        report(&card_pairs);
        print_extremes(&card_pairs);
    }
}

struct Pair {
    a: String,
    b: String,
    same: bool,
    distance: f32,
}

fn pairs_of(photos: &[Photo], d: &[Descriptor]) -> Vec<Pair> {
    let mut pairs = Vec::new();
    for i in 0..photos.len() {
        for j in i + 1..photos.len() {
            pairs.push(Pair {
                a: photos[i].name.clone(),
                b: photos[j].name.clone(),
                same: photos[i].group == photos[j].group,
                distance: d[i].distance(&d[j]),
            });
        }
    }
    pairs
}

/// Every card against every other photo (not its own source photo).
fn card_pairs(
    photos: &[Photo],
    descriptors: &[Descriptor],
    cards: &[Option<Descriptor>],
) -> Vec<Pair> {
    let mut pairs = Vec::new();
    for (i, card) in cards.iter().enumerate() {
        let Some(card) = card else { continue };
        for (j, d) in descriptors.iter().enumerate() {
            if i != j {
                pairs.push(Pair {
                    a: format!("card({})", photos[i].name),
                    b: photos[j].name.clone(),
                    same: photos[i].group == photos[j].group,
                    distance: card.distance(d),
                });
            }
        }
    }
    pairs
}

/// The photo made into a printed ID portrait and photographed, then described
/// as `kycam match` would: faces found again, the chip taken from the new box.
fn card_descriptor(photo: &Photo, detector: &mut FaceDetector, boxed: bool) -> Option<Descriptor> {
    let card = card_version(&photo.rgb, &photo.face);
    let faces = detector.detect(&analysis::to_grey(&card));
    let face = faces.first()?;
    Some(describe(&card, &face.rect, &ChipGeometry::DLIB_LIKE, boxed))
}

/// The descriptor of the face at `face`: as kycam takes it (aligned with its
/// landmarks), or with `boxed` from the box placed by `geometry`.
fn describe(rgb: &RgbImage, face: &Rect, geometry: &ChipGeometry, boxed: bool) -> Descriptor {
    if boxed {
        describe_chip(&chip_from_region(rgb, &geometry.region(face)))
    } else {
        describe_face(rgb, face)
    }
}

fn card_version(rgb: &RgbImage, face: &Rect) -> RgbImage {
    // An ID portrait: head and shoulders, 35 × 45 proportions.
    let portrait = face.grown(0.45, 0.55, 0.45, 0.75);
    let (x, y, w, h) = portrait
        .clamped_pixels(rgb.width(), rgb.height())
        .unwrap_or((0, 0, rgb.width(), rgb.height()));
    let crop = imageops::crop_imm(rgb, x, y, w, h).to_image();
    let scale = CARD_FACE_PX / face.w;
    let (sw, sh) = (
        ((w as f32) * scale).round().max(1.0) as u32,
        ((h as f32) * scale).round().max(1.0) as u32,
    );
    let small = imageops::resize(&crop, sw, sh, imageops::FilterType::Triangle);
    // Flat, printed light: contrast and colour pulled toward a light grey, a
    // little blur from the print and the second camera.
    let mut flat = small.clone();
    for p in flat.pixels_mut() {
        let luma = 0.299 * f32::from(p[0]) + 0.587 * f32::from(p[1]) + 0.114 * f32::from(p[2]);
        for c in 0..3 {
            let desaturated = luma + 0.7 * (f32::from(p[c]) - luma);
            let flattened = 150.0 + 0.65 * (desaturated - 128.0);
            p[c] = flattened.round().clamp(0.0, 255.0) as u8;
        }
    }
    let blurred = imageops::blur(&flat, 0.8);
    let mut bytes = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut bytes, CARD_JPEG_QUALITY);
    DynamicImage::ImageRgb8(blurred)
        .write_with_encoder(encoder)
        .expect("encode in memory");
    image::load_from_memory(&bytes)
        .expect("decode in memory")
        .to_rgb8()
}

fn accuracy(pairs: &[Pair], t: f32) -> f32 {
    let right = pairs.iter().filter(|p| (p.distance < t) == p.same).count();
    right as f32 / pairs.len().max(1) as f32
}

fn best_threshold(pairs: &[Pair]) -> (f32, f32) {
    (20..=90)
        .map(|i| i as f32 * 0.01)
        .map(|t| (t, accuracy(pairs, t)))
        .fold(
            (0.0, 0.0),
            |best, cur| if cur.1 > best.1 { cur } else { best },
        )
}

/// Area under the ROC curve: the chance a random same pair is closer than a
/// random different pair.
fn auc(pairs: &[Pair]) -> f32 {
    let same: Vec<f32> = pairs
        .iter()
        .filter(|p| p.same)
        .map(|p| p.distance)
        .collect();
    let diff: Vec<f32> = pairs
        .iter()
        .filter(|p| !p.same)
        .map(|p| p.distance)
        .collect();
    let mut wins = 0.0;
    for s in &same {
        for d in &diff {
            wins += if s < d {
                1.0
            } else if s == d {
                0.5
            } else {
                0.0
            };
        }
    }
    wins / (same.len() * diff.len()).max(1) as f32
}

fn report(pairs: &[Pair]) {
    let same = pairs.iter().filter(|p| p.same).count().max(1) as f32;
    let diff = pairs.iter().filter(|p| !p.same).count().max(1) as f32;
    println!("AUC {:.4}", auc(pairs));
    println!("threshold  accuracy  false-different  false-same");
    for i in 0..=14 {
        let t = 0.40 + 0.025 * i as f32;
        let false_diff = pairs.iter().filter(|p| p.same && p.distance >= t).count() as f32;
        let false_same = pairs.iter().filter(|p| !p.same && p.distance < t).count() as f32;
        let mark = if (t - SAME_PERSON_MAX_DISTANCE).abs() < 1e-4 {
            "  <- kycam"
        } else {
            ""
        };
        println!(
            "{t:9.3}  {:7.1} %  {:13.1} %  {:8.1} %{mark}",
            100.0 * accuracy(pairs, t),
            100.0 * false_diff / same,
            100.0 * false_same / diff
        );
    }
    let (t, acc) = best_threshold(pairs);
    println!("best accuracy {:.1} % at {t:.2}", 100.0 * acc);
}

fn print_extremes(pairs: &[Pair]) {
    let mut by_group: HashMap<bool, Vec<&Pair>> = HashMap::new();
    for p in pairs {
        by_group.entry(p.same).or_default().push(p);
    }
    if let Some(same) = by_group.get_mut(&true) {
        same.sort_by(|a, b| b.distance.total_cmp(&a.distance));
        print_first_five("farthest same pairs", same);
    }
    if let Some(diff) = by_group.get_mut(&false) {
        diff.sort_by(|a, b| a.distance.total_cmp(&b.distance));
        print_first_five("closest different pairs", diff);
    }
}

/// The first five of `pairs` on one line after `title`: both files and their distance.
fn print_first_five(title: &str, pairs: &[&Pair]) {
    let list: Vec<String> = pairs
        .iter()
        .take(5)
        .map(|p| format!("{} {} {:.3}", p.a, p.b, p.distance))
        .collect();
    println!("{title}: {}", list.join("; "));
}
