//! The 68-point landmark net: one forward pass on a 112 × 112 input, and the whole
//! per-face cost on a face at 40 cm in a 1280 × 720 frame: for a checked photo (crop
//! and two passes) and live (crop and one pass, as the face worker runs it).

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use kycam::analysis::landmarks::{self, net, Net};
use kycam::analysis::{self, FaceDetector, FaceSearch};

fn bench(c: &mut Criterion) {
    let frame = common::obama_on_brick(1280, 720);
    let face_in_frame =
        FaceDetector::new(FaceSearch::STILL).detect(&analysis::to_grey(&frame))[0].rect;
    let net = Net::embedded();
    let input = vec![0.1f32; net::INPUT_SIDE * net::INPUT_SIDE * 3];
    c.bench_function("landmarks/net_112", |b| {
        b.iter(|| black_box(net.run(black_box(&input))))
    });
    c.bench_function("landmarks/face_1280x720", |b| {
        b.iter(|| {
            black_box(landmarks::find(
                black_box(&frame),
                black_box(&face_in_frame),
            ))
        })
    });
    c.bench_function("landmarks/face_1280x720_live", |b| {
        b.iter(|| {
            black_box(landmarks::find_live(
                black_box(&frame),
                black_box(&face_in_frame),
            ))
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
