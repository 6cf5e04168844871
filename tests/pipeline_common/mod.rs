//! Shared by the tests of the live pipeline (pipeline, pipeline_sources,
//! pipeline_session): the configurations, a run of a source to its end, and what
//! one good capture is.
#![allow(dead_code)]

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use crate::common::{approach, temporary_files, write_frames, Scenes};
use image::RgbImage;
use kycam::capture::{SessionWriter, SESSION_FILE};
use kycam::pipeline::{
    Event, FaceTiming, LiveReport, Pipeline, PipelineConfig, ReportDelivery, SourceSpec,
    FRAME_QUEUE_BOUND,
};
use kycam::rules::{RuleId, FILE_MAX_BYTES, FILE_MIN_BYTES};
use kycam::Shot;

/// Frames moving into place, then this many still: 0.7 s is 21 frames at the
/// 30 fps a lossless replay is timed at, so 45 leaves room for the face worker
/// (which the analysis never waits for) to catch up under load.
pub const STILL: usize = 45;
pub const MOVING: usize = 15;

/// What a run to the end of its source gave.
pub struct Run {
    pub reports: Vec<LiveReport>,
    pub events: Vec<Event>,
    pub max_queue: u64,
    pub stats: kycam::pipeline::Stats,
}

/// Every report delivered; faces searched on every frame and used on the next,
/// so that the verdicts of a sequence do not depend on how busy the machine is.
pub fn config(shot: Shot, out: &Path) -> PipelineConfig {
    let session = Arc::new(SessionWriter::create(out.to_owned(), None).expect("session folder"));
    let mut config = PipelineConfig::new(shot, session);
    config.delivery = ReportDelivery::Every;
    config.faces = FaceTiming::Lockstep { every: 1 };
    config
}

/// As the GUI runs it: the analysis never waits for the face worker.
pub fn live_config(shot: Shot, out: &Path) -> PipelineConfig {
    PipelineConfig {
        faces: FaceTiming::Async,
        ..config(shot, out)
    }
}

/// Runs a source to its end, collecting every report and event.
pub fn run_to_end(spec: SourceSpec, config: PipelineConfig) -> Run {
    let pipeline = Pipeline::start(spec, config, None).expect("start");
    let mut run = Run {
        reports: Vec::new(),
        events: Vec::new(),
        max_queue: 0,
        stats: Default::default(),
    };
    let mut ended = false;
    loop {
        for e in pipeline.events() {
            ended |= matches!(e, Event::SourceEnded);
            run.events.push(e);
        }
        match pipeline.next_report(Duration::from_millis(50)) {
            Some(r) => run.reports.push(r),
            None if ended => break,
            None => {}
        }
    }
    run.max_queue = pipeline.max_frame_queue();
    run.stats = pipeline.stats();
    pipeline.stop();
    run
}

/// `frames` written to a temporary folder and replayed in lockstep to their end
/// on `shot`'s step: the run, and the folder the photos went to.
pub fn replay_to_end(
    shot: Shot,
    frames: impl IntoIterator<Item = RgbImage>,
) -> (Run, tempfile::TempDir) {
    let frames_dir = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    write_frames(frames_dir.path(), frames);
    let run = run_to_end(replay(frames_dir.path()), config(shot, out.path()));
    (run, out)
}

/// The pipeline on the selfie's step as the window runs it, on `path` (a
/// picture or a folder of frames) replayed at 30 a second round and round,
/// saving under `photos`.
pub fn live_selfie_looping(path: std::path::PathBuf, photos: &Path) -> Pipeline {
    let spec = SourceSpec::Replay {
        path,
        fps: 30.0,
        repeat: 1,
        looped: true,
    };
    Pipeline::start(spec, live_config(Shot::Selfie, photos), None).expect("start")
}

pub fn replay(dir: &Path) -> SourceSpec {
    SourceSpec::Replay {
        path: dir.to_owned(),
        fps: 0.0,
        repeat: 1,
        looped: false,
    }
}

pub fn captured(run: &Run) -> Vec<&kycam::capture::SavedShot> {
    run.events
        .iter()
        .filter_map(|e| match e {
            Event::Captured(s) => Some(s),
            _ => None,
        })
        .collect()
}

pub fn problems(run: &Run) -> Vec<&str> {
    run.events
        .iter()
        .filter_map(|e| match e {
            Event::SourceProblem(t) => Some(t.words.as_str()),
            Event::SaveFailed(m) => Some(m.as_str()),
            _ => None,
        })
        .collect()
}

/// Exactly one capture, of a frame on which every rule passed, saved whole
/// within the exchange's limits, with session.json saying so.
pub fn assert_one_good_capture(run: &Run, out: &Path, shot: Shot, frames: &[RgbImage]) {
    let deciding: Vec<_> = run.reports.iter().filter(|r| r.capture.is_some()).collect();
    assert_eq!(deciding.len(), 1, "captures decided: {}", deciding.len());
    let taken = deciding[0].capture.as_ref().expect("capture");
    assert!(!taken.manual);
    let saved_report = run
        .reports
        .iter()
        .find(|r| r.seq == taken.seq)
        .expect("the report of the saved frame");
    assert!(
        saved_report.pass(),
        "saved frame fails {:?}",
        saved_report.failing()
    );
    assert!(
        saved_report.verdicts.iter().any(|v| v.id == RuleId::Steady),
        "the saved frame's steadiness was judged"
    );

    let saved = captured(run);
    assert_eq!(saved.len(), 1);
    let saved = saved[0];
    assert_eq!(saved.path, taken.path);
    assert_eq!(saved.shot, shot);
    assert!(saved.all_passed && !saved.manual);
    assert!(
        (FILE_MIN_BYTES..=FILE_MAX_BYTES).contains(&saved.bytes),
        "{} bytes",
        saved.bytes
    );
    let photo = image::open(&saved.path)
        .expect("the photo decodes")
        .to_rgb8();
    let original = &frames[taken.seq as usize];
    assert_eq!(photo.dimensions(), original.dimensions(), "never resized");
    // Untouched but for JPEG: the mean difference is a grey level or two.
    let diff: u64 = photo
        .as_raw()
        .iter()
        .zip(original.as_raw())
        .map(|(&a, &b)| u64::from(a.abs_diff(b)))
        .sum();
    let mean = diff as f64 / photo.as_raw().len() as f64;
    assert!(
        mean < 3.0,
        "the photo differs from the frame by {mean:.2} on average"
    );

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.join(SESSION_FILE)).expect("session.json"))
            .expect("valid JSON");
    let shots = json["shots"].as_array().expect("shots");
    assert_eq!(shots.len(), 1);
    assert_eq!(shots[0]["shot"], shot.id());
    assert_eq!(shots[0]["manual"], false);
    let checks = shots[0]["checks"].as_array().expect("checks");
    assert!(!checks.is_empty());
    assert!(checks.iter().all(|c| c["pass"] == true), "{checks:?}");
    assert!(
        temporary_files(out).is_empty(),
        "{:?}",
        temporary_files(out)
    );
}

pub fn assert_lossless(run: &Run) {
    assert_eq!(run.stats.frames, run.stats.analysed);
    assert_eq!(run.stats.dropped, 0);
    assert!(run.max_queue <= FRAME_QUEUE_BOUND as u64);
    assert!(run.events.iter().any(|e| matches!(e, Event::SourceEnded)));
}

pub fn selfie_settling(s: &Scenes) -> Vec<RgbImage> {
    (0..MOVING + STILL)
        .map(|i| s.selfie(&approach(i, MOVING)))
        .collect()
}

pub fn wait_for(pipeline: &Pipeline, mut want: impl FnMut(&Event) -> bool) -> Event {
    loop {
        // Keep the reports flowing; the analysis never waits for them anyway.
        let _ = pipeline.latest_report();
        if let Some(e) = pipeline.next_event(Duration::from_millis(100)) {
            if want(&e) {
                return e;
            }
            assert!(
                !matches!(e, Event::SourceEnded | Event::SaveFailed(_)),
                "unexpected {e:?}"
            );
        }
    }
}
