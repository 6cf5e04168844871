//! Benchmark of `find_document` on 1280×720 synthetic desk scenes: two the grey search
//! settles, and a low-contrast one that also needs the texture search.

#[path = "../tests/common/mod.rs"]
mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use kycam::analysis::document::{find_document, DocShape};
use kycam::analysis::to_grey;
use kycam::synth::document::{render_scene, SceneParams};
use std::hint::black_box;

fn bench_find_document(c: &mut Criterion) {
    let (face, textures) = common::synth_inputs();
    let (rgb, _) = render_scene(3, &SceneParams::plain(), &face, &textures);
    let grey = to_grey(&rgb);
    c.bench_function("find_document 1280x720 Id1", |b| {
        b.iter(|| find_document(black_box(&grey), DocShape::Id1))
    });
    let (rgb, _) = render_scene(5, &SceneParams::default(), &face, &textures);
    let grey = to_grey(&rgb);
    c.bench_function("find_document 1280x720 Id1 cluttered", |b| {
        b.iter(|| find_document(black_box(&grey), DocShape::Id1))
    });
    // A card of the desk's brightness: the grey search is not conclusive, so the
    // texture search runs too (the slow path).
    let low_contrast = SceneParams {
        p_low_contrast: 1.0,
        ..SceneParams::plain()
    };
    let (rgb, _) = render_scene(2, &low_contrast, &face, &textures);
    let grey = to_grey(&rgb);
    c.bench_function("find_document 1280x720 Id1 low contrast", |b| {
        b.iter(|| find_document(black_box(&grey), DocShape::Id1))
    });
}

criterion_group!(benches, bench_find_document);
criterion_main!(benches);
