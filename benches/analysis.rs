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

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
