//! Per-frame analysis cost at webcam resolutions: face detection (live search),
//! measurement and rules, and the whole frame.

use criterion::{criterion_group, criterion_main, Criterion};
use kycam::analysis::{self, CameraModel, FaceDetector, FaceSearch};
use kycam::fixtures;
use kycam::rules;
use kycam::synth::selfie::{self, Portrait, SelfieScene};
use kycam::Shot;

fn frame(width: u32, height: u32) -> image::RgbImage {
    let portrait = image::open(fixtures::committed("obama.jpg"))
        .expect("fixture")
        .to_rgb8();
    let face = FaceDetector::new(FaceSearch::STILL).detect(&analysis::to_grey(&portrait))[0].rect;
    let texture = image::open(fixtures::committed("brick.png"))
        .expect("fixture")
        .to_rgb8();
    let bg = kycam::synth::background(&texture, width, height, 110.0);
    selfie::render(
        &Portrait {
            image: &portrait,
            face,
        },
        &bg,
        &SelfieScene::default(),
        width,
        height,
        65.0,
    )
    .0
}

fn bench(c: &mut Criterion) {
    for (w, h) in [(1280, 720), (1920, 1080)] {
        let rgb = frame(w, h);
        let grey = analysis::to_grey(&rgb);
        let mut detector = FaceDetector::new(FaceSearch::LIVE);
        let faces = detector.detect(&grey);
        let camera = CameraModel::default();
        c.bench_function(&format!("grey {w}x{h}"), |b| {
            b.iter(|| analysis::to_grey(&rgb))
        });
        c.bench_function(&format!("faces (live search) {w}x{h}"), |b| {
            b.iter(|| detector.detect(&grey))
        });
        c.bench_function(&format!("measure+rules selfie {w}x{h}"), |b| {
            b.iter(|| {
                rules::judge(&analysis::measure(
                    &rgb,
                    &grey,
                    Shot::Selfie,
                    &faces,
                    camera,
                ))
            })
        });
        c.bench_function(&format!("whole frame selfie {w}x{h}"), |b| {
            b.iter(|| {
                let grey = analysis::to_grey(&rgb);
                let faces = detector.detect(&grey);
                rules::judge(&analysis::measure(
                    &rgb,
                    &grey,
                    Shot::Selfie,
                    &faces,
                    camera,
                ))
            })
        });
    }
}

/// A plain ID card on a desk at 1280×720 (the document generator's seed 2).
fn card_frame() -> image::RgbImage {
    let load = |n: &str| {
        image::open(fixtures::committed(n))
            .expect("fixture")
            .to_rgb8()
    };
    let photo = load("astronaut.png");
    let face = FaceDetector::new(FaceSearch::STILL).detect(&analysis::to_grey(&photo))[0].rect;
    let face = kycam::synth::document::id_photo(&photo, face);
    let textures: Vec<_> = ["brick.png", "grass.png", "gravel.png", "coffee.png"]
        .iter()
        .map(|n| load(n))
        .collect();
    let params = kycam::synth::document::SceneParams::plain();
    kycam::synth::document::render_scene(2, &params, &face, &textures).0
}

fn bench_document(c: &mut Criterion) {
    let rgb = card_frame();
    let grey = analysis::to_grey(&rgb);
    let camera = CameraModel::default();
    let faces = FaceDetector::new(FaceSearch::PORTRAIT_STILL).detect(&grey);
    c.bench_function("measure+rules id-front 1280x720", |b| {
        b.iter(|| {
            rules::judge(&analysis::measure(
                &rgb,
                &grey,
                Shot::IdFront,
                &faces,
                camera,
            ))
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench, bench_document
}
criterion_main!(benches);
