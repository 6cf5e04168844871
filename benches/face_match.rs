//! Cost of one face descriptor (chip to 128 numbers), and of the chip taken from
//! a photo: what the selfie-to-portrait comparison adds once per shot.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use kycam::analysis::face_descriptor::{self, chip};
use kycam::analysis::{self, FaceDetector, FaceSearch};
use kycam::fixtures;

fn bench(c: &mut Criterion) {
    let rgb = image::open(fixtures::committed("obama.jpg"))
        .expect("fixture")
        .to_rgb8();
    let face = FaceDetector::new(FaceSearch::STILL).detect(&analysis::to_grey(&rgb))[0].rect;
    let face_chip = chip::face_chip(&rgb, &face);
    face_descriptor::net();
    c.bench_function("face_descriptor/forward_150px_chip", |b| {
        b.iter(|| face_descriptor::describe_chip(black_box(&face_chip)))
    });
    c.bench_function("face_descriptor/chip_from_910x1137_photo", |b| {
        b.iter(|| chip::face_chip(black_box(&rgb), black_box(&face)))
    });
    // What kycam runs per face: landmarks, the aligned chip, the net.
    c.bench_function("face_descriptor/describe_face_910x1137_photo", |b| {
        b.iter(|| face_descriptor::describe_face(black_box(&rgb), black_box(&face)))
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
