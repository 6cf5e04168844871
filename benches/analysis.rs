//! Per-frame analysis cost at webcam resolutions: the selfie's face detection,
//! measurement and rules, and whole frame; the document shot stage by stage.

#[path = "../tests/common/mod.rs"]
mod common;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use kycam::analysis::document::{self, find_document};
use kycam::analysis::{self, glare, quality, CameraModel, FaceDetector, FaceSearch};
use kycam::fixtures;
use kycam::pipeline::face_worker;
use kycam::pipeline::motion::motion_thumbnail;
use kycam::rules;
use kycam::shot::DocumentShape;
use kycam::Shot;

fn bench(c: &mut Criterion) {
    for (w, h) in [(1280, 720), (1920, 1080)] {
        let rgb = common::obama_on_brick(w, h);
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
        let judge = |grey: &image::GrayImage, faces: &[kycam::analysis::Face]| {
            rules::judge(&analysis::measure(&rgb, grey, Shot::Selfie, faces, camera))
        };
        c.bench_function(&format!("measure+rules selfie {w}x{h}"), |b| {
            b.iter(|| judge(&grey, &faces))
        });
        c.bench_function(&format!("whole frame selfie {w}x{h}"), |b| {
            b.iter(|| {
                let grey = analysis::to_grey(&rgb);
                let faces = detector.detect(&grey);
                judge(&grey, &faces)
            })
        });
    }
}

/// A plain ID card on a desk at 1280×720 (the document generator's seed 2); without
/// the portrait, a plain grey patch stands in its place (a back side, as it were).
fn card_frame(portrait: bool) -> image::RgbImage {
    let load = |n: &str| {
        image::open(fixtures::committed(n))
            .expect("fixture")
            .to_rgb8()
    };
    let photo = load("astronaut.png");
    let face = FaceDetector::new(FaceSearch::STILL).detect(&analysis::to_grey(&photo))[0].rect;
    let face = if portrait {
        kycam::synth::document::id_photo(&photo, face)
    } else {
        image::RgbImage::from_pixel(120, 160, image::Rgb([150, 150, 150]))
    };
    let textures: Vec<_> = ["brick.png", "grass.png", "gravel.png", "coffee.png"]
        .iter()
        .map(|n| load(n))
        .collect();
    let params = kycam::synth::document::SceneParams::plain();
    kycam::synth::document::render_scene(2, &params, &face, &textures).0
}

/// Each stage of a document shot's per-frame work, in the order the live
/// pipeline runs them (`examples/stage_times` gives median and p95 over a
/// varied sequence; these are the repeatable medians on one frame).
fn bench_document(c: &mut Criterion) {
    let rgb = card_frame(true);
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .encode_image(&rgb)
        .expect("encode");
    let grey = std::sync::Arc::new(analysis::to_grey(&rgb));
    let camera = CameraModel::default();
    let shape = DocumentShape::Id1;
    let found = find_document(&grey, shape).expect("the card is found");
    let corners = found.corners;
    let (w, h) = shape.rectified_size();
    let (gw, gh) = glare::glare_warp_size(w, h);
    let flat = document::rectify_grey_at_most(&grey, &corners, w, h);
    let flat_rgb = document::rectify(&rgb, &corners, gw, gh);
    let faces = FaceDetector::new(FaceSearch::PORTRAIT_STILL).detect(&grey);
    let measured = analysis::measure(&rgb, &grey, Shot::IdFront, &faces, camera);
    let job = face_worker::next_job(0, &grey, &measured).expect("a portrait search");
    let mut detector = FaceDetector::new(job.search);

    let mut g = c.benchmark_group("id-front 1280x720");
    g.bench_function("decode JPEG", |b| {
        b.iter(|| image::load_from_memory(black_box(&jpeg)))
    });
    g.bench_function("grey", |b| b.iter(|| analysis::to_grey(black_box(&rgb))));
    g.bench_function("motion thumbnail", |b| {
        b.iter(|| motion_thumbnail(black_box(&grey)))
    });
    g.bench_function("face job", |b| {
        b.iter(|| face_worker::next_job(0, black_box(&grey), &measured))
    });
    g.bench_function("face search (worker: cut, downscale, search)", |b| {
        b.iter(|| face_worker::faces_in(&mut detector, black_box(&job)))
    });
    // No upright face: the search is made again on the card turned a quarter each way.
    let blank_grey = std::sync::Arc::new(analysis::to_grey(&card_frame(false)));
    let blank_job = face_worker::next_job(0, &blank_grey, &measured).expect("a portrait search");
    g.bench_function(
        "face search, no portrait (upright, then turned both ways)",
        |b| b.iter(|| face_worker::faces_in(&mut detector, black_box(&blank_job))),
    );
    g.bench_function("find_document", |b| {
        b.iter(|| find_document(black_box(&grey), shape))
    });
    g.bench_function("rectify grey (own size, at most canonical)", |b| {
        b.iter(|| document::rectify_grey_at_most(black_box(&grey), &corners, w, h))
    });
    g.bench_function("rectify colour", |b| {
        b.iter(|| document::rectify(black_box(&rgb), &corners, gw, gh))
    });
    g.bench_function("sharpness frame", |b| {
        b.iter(|| quality::sharpness(black_box(&grey), quality::SHARPNESS_WIDTH_FRAME))
    });
    g.bench_function("sharpness document", |b| {
        b.iter(|| quality::sharpness(black_box(&flat), flat.width()))
    });
    g.bench_function("edge rise", |b| {
        b.iter(|| quality::edge_rise_px(black_box(&flat)))
    });
    g.bench_function("glare", |b| {
        b.iter(|| glare::detect(black_box(&flat_rgb), glare::GlareKind::SpecularAndVeil))
    });
    g.bench_function("colour", |b| b.iter(|| quality::colour(black_box(&rgb))));
    g.bench_function("measure+rules", |b| {
        b.iter(|| {
            rules::judge(&analysis::measure(
                black_box(&rgb),
                &grey,
                Shot::IdFront,
                &faces,
                camera,
            ))
        })
    });
    g.bench_function("whole frame (decode, grey, measure, rules)", |b| {
        b.iter(|| {
            let rgb = image::load_from_memory(black_box(&jpeg))
                .expect("decode")
                .to_rgb8();
            let grey = analysis::to_grey(&rgb);
            rules::judge(&analysis::measure(
                &rgb,
                &grey,
                Shot::IdFront,
                &faces,
                camera,
            ))
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench, bench_document
}
criterion_main!(benches);
