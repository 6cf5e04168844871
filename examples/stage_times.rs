//! Time per stage of the per-frame analysis, call by call, over a folder of frames:
//! median and 95th percentile on one thread.
//!
//! `cargo run --release --example stage_times -- id-front FRAMES_DIR [--repeat N]`
//!
//! `--repeat N` takes each frame N times in a row, as a camera sees a document that
//! is held still (e.g. the realdocs photos made into frames by
//! `examples/realdocs_frames.rs`, one photo per scene).
//!
//! Make frames with `cargo run --release --example write_scene -- --frames 300
//! card DIR`. "analysis" is the whole per-frame work of the analysis thread
//! (`analysis::measure` + `rules::judge`, the face boxes given); "analysis, outline
//! kept" the same on a still picture, where the live pipeline reuses the document
//! search's answer of an earlier frame; the document stages below are the parts of
//! it, called the same way `measure` calls them.

use std::collections::BTreeMap;
use std::time::Instant;

use kycam::analysis::{self, document, glare, quality, CameraModel, FaceDetector, FacesFrom};
use kycam::pipeline::face_worker;
use kycam::pipeline::motion::motion_thumbnail;
use kycam::rules;
use kycam::Shot;

#[derive(Default)]
struct Times(BTreeMap<&'static str, Vec<f64>>);

impl Times {
    fn time<T>(&mut self, stage: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = std::hint::black_box(f());
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        self.0.entry(stage).or_default().push(ms);
        out
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    kycam::stats::quantile(sorted, p).unwrap_or(f64::NAN)
}

/// Stages in the order they run.
const ORDER: &[&str] = &[
    "decode (JPEG)",
    "grey",
    "motion thumbnail",
    "analysis (measure + rules)",
    "analysis, outline kept, glare measured",
    "analysis, outline and glare kept",
    "face job",
    "face search (worker)",
    "  find_document",
    "  rectify grey (own size, at most canonical)",
    "  rectify colour",
    "  sharpness frame",
    "  sharpness document",
    "  edge rise",
    "  glare",
    "  colour",
    "  upright (zone)",
    "  finger cover",
    "  rules",
];

fn main() -> anyhow::Result<()> {
    // As the app does: the figures are those of its analysis thread.
    kycam::allocator::keep_freed_memory_for_reuse();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (repeat, args) = match args.iter().position(|a| a == "--repeat") {
        Some(at) => {
            let n: usize = args
                .get(at + 1)
                .and_then(|v| v.parse().ok())
                .filter(|&n| n > 0)
                .ok_or_else(|| anyhow::anyhow!("--repeat takes a count of 1 or more"))?;
            let mut rest = args.clone();
            rest.drain(at..at + 2);
            (n, rest)
        }
        None => (1, args),
    };
    let [shot, dir] = args.as_slice() else {
        anyhow::bail!("usage: stage_times SHOT FRAMES_DIR [--repeat N]");
    };
    let shot: Shot = shot.parse().map_err(anyhow::Error::msg)?;
    let files =
        kycam::pipeline::source::replay::frame_files(dir.as_ref()).map_err(anyhow::Error::msg)?;
    let mut detectors = std::collections::HashMap::new();
    let camera = CameraModel::default();
    let mut t = Times::default();
    let mut faces = Vec::new();
    let scenes = files.iter().flat_map(|f| std::iter::repeat_n(f, repeat));
    for (seq, file) in (0u64..).zip(scenes) {
        let rgb = t
            .time("decode (JPEG)", || kycam::imageio::load_image(file))?
            .rgb;
        let grey = std::sync::Arc::new(t.time("grey", || analysis::to_grey(&rgb)));
        t.time("motion thumbnail", || motion_thumbnail(&grey));
        // The faces of the previous frame's job, as the live pipeline has them.
        let m = t.time("analysis (measure + rules)", || {
            let m = analysis::measure(&rgb, &grey, shot, &faces, camera);
            rules::judge(&m);
            m
        });
        // A still picture: the live pipeline keeps the search's answer from an earlier
        // frame (`pipeline::outline_track`) and measures the rest.
        // What was read along the outline (the zone) is kept with it; the glare too
        // while no pixel of the small copies changes by more than noise.
        if shot.document_shape().is_some() {
            let mut outline = analysis::search_outline(&grey, shot, &faces, FacesFrom::ThisFrame);
            let from = FacesFrom::ThisFrame;
            analysis::measure_outlined(&rgb, &grey, shot, &faces, from, &mut outline, camera);
            let mut kept = |label: &'static str, outline: &analysis::Outline| {
                t.time(label, || {
                    let mut outline = outline.clone();
                    let m = analysis::measure_outlined(
                        &rgb,
                        &grey,
                        shot,
                        &faces,
                        from,
                        &mut outline,
                        camera,
                    );
                    rules::judge(&m);
                })
            };
            kept("analysis, outline and glare kept", &outline);
            outline.glare = None;
            kept("analysis, outline kept, glare measured", &outline);
        }
        let job = t.time("face job", || face_worker::next_job(seq, &grey, &m));
        if let Some(job) = job {
            let detector = detectors
                .entry(job.search)
                .or_insert_with(|| FaceDetector::new(job.search));
            // The worker cuts and downscales its copy, then searches it.
            faces = t.time("face search (worker)", || {
                face_worker::faces_in(detector, &job)
            });
        }
        let Some(shape) = shot.document_shape() else {
            continue;
        };
        let Some(found) = t.time("  find_document", || document::find_document(&grey, shape))
        else {
            continue;
        };
        let c = &found.corners;
        let standing = document::document_geometry(c, grey.width(), grey.height()).standing;
        let (w, h) = analysis::rectified_size_as_seen(shape, standing);
        let flat = t.time("  rectify grey (own size, at most canonical)", || {
            document::rectify_grey_at_most(&grey, c, w, h)
        });
        let (gw, gh) = glare::glare_warp_size(w, h);
        let flat_rgb = t.time("  rectify colour", || document::rectify(&rgb, c, gw, gh));
        t.time("  sharpness frame", || {
            quality::sharpness(&grey, quality::SHARPNESS_WIDTH_FRAME)
        });
        t.time("  sharpness document", || {
            quality::sharpness(&flat, flat.width())
        });
        t.time("  edge rise", || quality::edge_rise_px(&flat));
        t.time("  glare", || {
            glare::detect(&flat_rgb, glare::GlareKind::SpecularAndVeil)
        });
        t.time("  colour", || quality::colour(&rgb));
        let standing = document::document_geometry(c, grey.width(), grey.height()).standing;
        t.time("  upright (zone)", || {
            document::mrz_upright(&grey, c, shape, standing)
        });
        t.time("  finger cover", || document::covered(&rgb, c));
        t.time("  rules", || rules::judge(&m));
    }
    println!(
        "{} frames of {dir}, each {repeat} times, shot {shot}, one thread (ms per call)\n",
        files.len()
    );
    println!("| stage | median | p95 | calls |");
    println!("|---|---|---|---|");
    for stage in ORDER {
        let Some(v) = t.0.get_mut(stage) else {
            continue;
        };
        v.sort_by(f64::total_cmp);
        println!(
            "| {stage} | {:.2} | {:.2} | {} |",
            percentile(v, 0.5),
            percentile(v, 0.95),
            v.len()
        );
    }
    Ok(())
}
