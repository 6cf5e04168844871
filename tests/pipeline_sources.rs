//! The live pipeline's sources going wrong: a stall mid-stream is told and the
//! run ends cleanly, a slow opening is not a stall, a camera stuck for ever is
//! reopened, a panic ends the session with a message, no camera is said once,
//! and the format a camera streams at reaches the pipeline's owner.

mod common;
mod pipeline_common;

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::{approach, temporary_files, Scenes};
use image::RgbImage;
use kycam::pipeline::{Event, FrameSource, Pacing, Pipeline, SourceSpec, SourceStep, TroubleKind};
use kycam::Shot;
use pipeline_common::*;

/// A scripted source: frames from a list, with a pause after some of them.
struct Scripted {
    frames: Vec<Arc<RgbImage>>,
    next: usize,
    pause_after: usize,
    pause: Duration,
    pacing: Pacing,
    /// Repeat the first frame after the last, for ever.
    endless: bool,
}

impl FrameSource for Scripted {
    fn pacing(&self) -> Pacing {
        self.pacing
    }
    fn next(&mut self) -> SourceStep {
        if self.next == self.pause_after {
            // The source hangs, as a camera driver can.
            std::thread::sleep(self.pause);
        }
        if self.pacing == Pacing::Live {
            // A camera delivers at its frame rate; this one is still faster
            // than the analysis, so frames are dropped.
            std::thread::sleep(Duration::from_millis(5));
        }
        let step = match self.frames.get(self.next) {
            Some(f) => SourceStep::Frame(Arc::clone(f)),
            None if self.endless => SourceStep::Frame(Arc::clone(&self.frames[0])),
            None => SourceStep::End,
        };
        self.next += 1;
        step
    }
}

/// A file-like source named `name`: `count` frames of the selfie still moving,
/// played once without loss. Opening it takes `open_delay`; it hangs for `pause`
/// before frame `pause_after`.
fn scripted_selfie(
    name: &str,
    count: usize,
    open_delay: Duration,
    pause_after: usize,
    pause: Duration,
) -> SourceSpec {
    let s = Scenes::load();
    let frame = Arc::new(s.selfie(&approach(MOVING, MOVING)));
    let frames = vec![frame; count];
    SourceSpec::Custom {
        name: name.into(),
        live: false,
        open: Arc::new(move || {
            std::thread::sleep(open_delay);
            Ok(Box::new(Scripted {
                frames: frames.clone(),
                next: 0,
                pause_after,
                pause,
                pacing: Pacing::Lossless,
                endless: false,
            }) as Box<dyn FrameSource>)
        }),
    }
}

#[test]
fn a_source_that_stalls_mid_stream_is_reported_and_ends_cleanly() {
    let out = tempfile::tempdir().expect("tempdir");
    // Hanging longer than the watchdog's 2 s after 5 frames, so the stall is seen.
    let spec = scripted_selfie(
        "the test source",
        10,
        Duration::ZERO,
        5,
        Duration::from_secs(3),
    );
    let run = run_to_end(spec, config(Shot::Selfie, out.path()));
    let told = problems(&run);
    assert!(
        told.iter()
            .any(|m| m.contains("the test source") && m.contains("stalled")),
        "{told:?}"
    );
    assert_eq!(
        run.stats.analysed, 10,
        "frames after the stall are analysed"
    );
    assert!(temporary_files(out.path()).is_empty());
}

/// Opening a folder whose first picture is slow to read (a large photo, a busy
/// machine) is not a stall: nothing is told, and every frame is analysed.
#[test]
fn a_file_source_slow_to_open_is_not_called_stalled() {
    let out = tempfile::tempdir().expect("tempdir");
    // Opening takes longer than the watchdog's 2 s; no pause after that.
    let spec = scripted_selfie(
        "the slow folder",
        5,
        Duration::from_secs(3),
        usize::MAX,
        Duration::ZERO,
    );
    let run = run_to_end(spec, config(Shot::Selfie, out.path()));
    assert_eq!(problems(&run), Vec::<&str>::new());
    assert_eq!(run.stats.analysed, 5);
}

#[test]
fn a_live_source_stuck_for_ever_is_reopened_and_stop_does_not_hang() {
    let s = Scenes::load();
    let out = tempfile::tempdir().expect("tempdir");
    let frame = Arc::new(s.selfie(&approach(MOVING, MOVING)));
    let opens = Arc::new(AtomicU32::new(0));
    let opens_in = Arc::clone(&opens);
    let spec = SourceSpec::Custom {
        name: "the test camera".into(),
        live: true,
        open: Arc::new(move || {
            let first = opens_in.fetch_add(1, Ordering::SeqCst) == 0;
            Ok(Box::new(Scripted {
                frames: vec![Arc::clone(&frame)],
                next: 0,
                // The first opening hangs for ever after 3 frames (a thread
                // stuck in the driver); the reopened one works.
                pause_after: if first { 3 } else { usize::MAX },
                pause: Duration::from_secs(24 * 3600),
                pacing: Pacing::Live,
                endless: true,
            }) as Box<dyn FrameSource>)
        }),
    };
    let pipeline =
        Pipeline::start(spec, live_config(Shot::Selfie, out.path()), None).expect("start");
    let mut told = Vec::new();
    let mut after_reopen = 0;
    while after_reopen < 5 {
        for e in pipeline.events() {
            if let Event::SourceProblem(t) = e {
                eprintln!("told: {t}");
                assert_eq!(t.kind, TroubleKind::Interrupted, "{t}");
                told.push(t.words);
            }
        }
        if let Some(r) = pipeline.next_report(Duration::from_millis(50)) {
            if r.seq >= 3 {
                after_reopen += 1;
            }
        }
    }
    assert!(opens.load(Ordering::SeqCst) >= 2);
    assert!(
        told.iter()
            .any(|m| m.contains("the test camera") && m.contains("reconnecting")),
        "{told:?}"
    );
    // The first source thread is still asleep inside `next`: stop must not wait for it.
    pipeline.stop();
}

/// A source that gives `frames` frames, then panics inside `next`.
struct Panicking {
    frame: Arc<RgbImage>,
    left: u32,
}

impl FrameSource for Panicking {
    fn pacing(&self) -> Pacing {
        Pacing::Live
    }

    fn next(&mut self) -> SourceStep {
        if self.left == 0 {
            panic!("the test source broke");
        }
        self.left -= 1;
        std::thread::sleep(Duration::from_millis(30));
        SourceStep::Frame(Arc::clone(&self.frame))
    }
}

/// A panic in the source thread ends the session with a message naming the
/// thread and the fault, for a live source too (no reopening a broken one):
/// before, the supervisor waited for ever for a worker that had died.
#[test]
fn a_panic_in_the_source_thread_ends_the_session_with_a_message() {
    for live in [false, true] {
        let out = tempfile::tempdir().expect("tempdir");
        let frame = Arc::new(RgbImage::from_pixel(320, 240, image::Rgb([90, 90, 90])));
        let spec = SourceSpec::Custom {
            name: "the panicking source".into(),
            live,
            open: Arc::new(move || {
                Ok(Box::new(Panicking {
                    frame: Arc::clone(&frame),
                    left: 3,
                }) as Box<dyn FrameSource>)
            }),
        };
        let pipeline =
            Pipeline::start(spec, live_config(Shot::Selfie, out.path()), None).expect("start");
        // A bound on waiting, so that a regression fails instead of hanging.
        let deadline = std::time::Instant::now() + Duration::from_secs(60);
        let failed = loop {
            let _ = pipeline.latest_report();
            match pipeline.next_event(Duration::from_millis(100)) {
                Some(Event::Failed(m)) => break m,
                Some(_) => {}
                None => assert!(
                    std::time::Instant::now() < deadline,
                    "no end after a panic (live: {live})"
                ),
            }
        };
        assert!(
            failed.contains("source") && failed.contains("the test source broke"),
            "{failed}"
        );
        // Everything has stopped: stop() joins at once, nothing is left running.
        pipeline.stop();
    }
}

/// This machine has no webcam: the camera source can only be tested for
/// saying so. (On a machine with one, this test is skipped.)
#[test]
fn with_no_camera_the_pipeline_says_so_once_and_stops() {
    if common::has_video_device() {
        eprintln!("a video device exists: skipped");
        return;
    }
    let out = tempfile::tempdir().expect("tempdir");
    let pipeline = Pipeline::start(
        SourceSpec::Camera { index: 0 },
        live_config(Shot::Selfie, out.path()),
        None,
    )
    .expect("start");
    let told = match pipeline.next_event(Duration::from_secs(30)) {
        Some(Event::SourceProblem(t)) => t,
        other => panic!("expected a source problem, got {other:?}"),
    };
    // Told by kind, in words for the window, and with the commands for the command line.
    assert_eq!(told.kind, TroubleKind::NoCamera, "{told}");
    assert_eq!(told.words, kycam::pipeline::source::no_camera_words());
    assert!(told.to_string().contains("--demo"), "{told}");
    // It keeps retrying (a camera may be plugged in) without repeating itself.
    assert!(pipeline.next_event(Duration::from_secs(3)).is_none());
    pipeline.stop();
}

/// A camera-like source that says what it streams at.
struct WithMode(Arc<RgbImage>);

impl FrameSource for WithMode {
    fn pacing(&self) -> Pacing {
        Pacing::Live
    }

    fn next(&mut self) -> SourceStep {
        std::thread::sleep(Duration::from_millis(33));
        SourceStep::Frame(Arc::clone(&self.0))
    }

    fn mode(&self) -> Option<kycam::pipeline::SourceMode> {
        Some(kycam::pipeline::SourceMode {
            width: 1280,
            height: 720,
            fps: 30,
            format: "MJPEG",
        })
    }
}

/// The format a camera was opened at reaches the pipeline's owner (Settings
/// shows it); a replay has none.
#[test]
fn the_camera_format_is_told_to_the_pipeline_owner() {
    let out = tempfile::tempdir().expect("tempdir");
    let frame = Arc::new(RgbImage::new(64, 48));
    let spec = SourceSpec::Custom {
        name: "the test camera".into(),
        live: true,
        open: Arc::new(move || Ok(Box::new(WithMode(Arc::clone(&frame))) as Box<dyn FrameSource>)),
    };
    let pipeline =
        Pipeline::start(spec, live_config(Shot::Selfie, out.path()), None).expect("start");
    pipeline
        .next_report(Duration::from_secs(30))
        .expect("a report");
    let mode = pipeline
        .source_mode()
        .expect("the mode is known once frames come");
    assert_eq!(mode.to_string(), "1280×720 at 30 fps (MJPEG)");
    pipeline.stop();

    let frames = tempfile::tempdir().expect("tempdir");
    RgbImage::new(64, 48)
        .save(frames.path().join("a.png"))
        .expect("save");
    let pipeline = Pipeline::start(
        replay(frames.path()),
        config(Shot::Selfie, out.path()),
        None,
    )
    .expect("start");
    pipeline
        .next_report(Duration::from_secs(30))
        .expect("a report");
    assert_eq!(pipeline.source_mode(), None);
    pipeline.stop();
}
