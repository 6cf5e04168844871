//! The live pipeline on synthetic frame sequences: settling scenes are captured
//! once, on a passing frame; scenes that never settle are not; bad frames and
//! stalled sources are reported and the pipeline ends cleanly.

mod common;

use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use common::{approach, card_rest, temporary_files, write_frames, Scenes};
use image::RgbImage;
use kycam::capture::{SessionWriter, SESSION_FILE};
use kycam::pipeline::{
    Command, Event, FaceTiming, FrameSource, LiveReport, Pacing, Pipeline, PipelineConfig,
    ReportDelivery, SourceSpec, SourceStep, SourceTrouble, TroubleKind, FRAME_QUEUE_BOUND,
};
use kycam::rules::{RuleId, FILE_MAX_BYTES, FILE_MIN_BYTES};
use kycam::synth::selfie::SelfieScene;
use kycam::Shot;

/// Frames moving into place, then this many still: 0.7 s is 21 frames at the
/// 30 fps a lossless replay is timed at, so 45 leaves room for the face worker
/// (which the analysis never waits for) to catch up under load.
const STILL: usize = 45;
const MOVING: usize = 15;

struct Run {
    reports: Vec<LiveReport>,
    events: Vec<Event>,
    max_queue: u64,
    stats: kycam::pipeline::Stats,
}

/// Every report delivered; faces searched on every frame and used on the next,
/// so that the verdicts of a sequence do not depend on how busy the machine is.
fn config(shot: Shot, out: &Path) -> PipelineConfig {
    let session = Arc::new(SessionWriter::create(out.to_owned(), None).expect("session folder"));
    let mut config = PipelineConfig::new(shot, session);
    config.delivery = ReportDelivery::Every;
    config.faces = FaceTiming::Lockstep { every: 1 };
    config
}

/// As the GUI runs it: the analysis never waits for the face worker.
fn live_config(shot: Shot, out: &Path) -> PipelineConfig {
    PipelineConfig {
        faces: FaceTiming::Async,
        ..config(shot, out)
    }
}

/// Runs a source to its end, collecting every report and event.
fn run_to_end(spec: SourceSpec, config: PipelineConfig) -> Run {
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
fn replay_to_end(
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
fn live_selfie_looping(path: std::path::PathBuf, photos: &Path) -> Pipeline {
    let spec = SourceSpec::Replay {
        path,
        fps: 30.0,
        repeat: 1,
        looped: true,
    };
    Pipeline::start(spec, live_config(Shot::Selfie, photos), None).expect("start")
}

fn replay(dir: &Path) -> SourceSpec {
    SourceSpec::Replay {
        path: dir.to_owned(),
        fps: 0.0,
        repeat: 1,
        looped: false,
    }
}

fn captured(run: &Run) -> Vec<&kycam::capture::SavedShot> {
    run.events
        .iter()
        .filter_map(|e| match e {
            Event::Captured(s) => Some(s),
            _ => None,
        })
        .collect()
}

fn problems(run: &Run) -> Vec<&str> {
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
fn assert_one_good_capture(run: &Run, out: &Path, shot: Shot, frames: &[RgbImage]) {
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

fn assert_lossless(run: &Run) {
    assert_eq!(run.stats.frames, run.stats.analysed);
    assert_eq!(run.stats.dropped, 0);
    assert!(run.max_queue <= FRAME_QUEUE_BOUND as u64);
    assert!(run.events.iter().any(|e| matches!(e, Event::SourceEnded)));
}

fn selfie_settling(s: &Scenes) -> Vec<RgbImage> {
    (0..MOVING + STILL)
        .map(|i| s.selfie(&approach(i, MOVING)))
        .collect()
}

#[test]
fn a_selfie_settling_is_captured_once_on_a_passing_frame() {
    let s = Scenes::load();
    let frames = selfie_settling(&s);
    let (run, out) = replay_to_end(Shot::Selfie, frames.iter().cloned());
    assert_lossless(&run);
    assert!(problems(&run).is_empty(), "{:?}", problems(&run));
    // Far away at first: the distance rule says so.
    assert!(run.reports[1].failing().contains(&RuleId::Distance));
    assert_one_good_capture(&run, out.path(), Shot::Selfie, &frames);
}

#[test]
fn a_card_sliding_into_place_is_captured_once_on_a_passing_frame() {
    let s = Scenes::load();
    let rest = card_rest();
    let frames: Vec<_> = (0..MOVING + STILL)
        .map(|i| {
            let u = (i as f32 / MOVING as f32).min(1.0);
            s.card(-0.4 * (1.0 - u) + rest * u)
        })
        .collect();
    let (run, out) = replay_to_end(Shot::IdFront, frames.iter().cloned());
    assert_lossless(&run);
    // While it slides, it is not steady.
    assert!(run.reports[..MOVING]
        .iter()
        .any(|r| r.failing().contains(&RuleId::Steady)));
    assert_one_good_capture(&run, out.path(), Shot::IdFront, &frames);
}

#[test]
fn a_shaking_picture_is_never_captured() {
    let s = Scenes::load();
    // In place, but the hand shakes: 3 % of the width left and right.
    let frames = (0..60).map(|i| {
        s.selfie(&SelfieScene {
            distance_cm: 44.0,
            centre: [if i % 2 == 0 { 0.47 } else { 0.53 }, 0.52],
            ..SelfieScene::default()
        })
    });
    let (run, out) = replay_to_end(Shot::Selfie, frames);
    assert_lossless(&run);
    assert!(run.reports.iter().all(|r| r.capture.is_none()));
    assert!(captured(&run).is_empty());
    assert!(run.reports[1..]
        .iter()
        .all(|r| r.failing().contains(&RuleId::Steady)));
    assert!(!out.path().join("selfie.jpg").exists());
}

#[test]
fn glare_that_stays_is_never_captured() {
    let s = Scenes::load();
    // The card slides in and settles under a lamp that leaves a spot on it.
    let rest = card_rest();
    let frames = (0..MOVING + STILL).map(|i| {
        let u = (i as f32 / MOVING as f32).min(1.0);
        let x = -0.4 * (1.0 - u) + rest * u;
        let mut frame = s.card(x);
        let spot_x = (x + 0.3) * common::WIDTH as f32;
        kycam::synth::draw_glare_spot(&mut frame, spot_x, 330.0, 70.0);
        frame
    });
    let (run, out) = replay_to_end(Shot::IdFront, frames);
    assert_lossless(&run);
    assert!(captured(&run).is_empty());
    assert!(!out.path().join("id-front.jpg").exists());
    let last = run.reports.last().expect("reports");
    assert_eq!(last.failing(), vec![RuleId::Glare]);
    assert!(last
        .guidance
        .as_deref()
        .is_some_and(|g| g.contains("reflection")));
}

#[test]
fn glare_on_a_face_that_stays_is_never_captured() {
    let s = Scenes::load();
    // A small spot: larger ones (≥ 5 % of the face width) hide the face from
    // the detector altogether, which fails other rules instead.
    let frames = (0..MOVING + STILL).map(|i| {
        s.selfie(&SelfieScene {
            glare_radius: 0.04,
            ..approach(i, MOVING)
        })
    });
    let (run, _out) = replay_to_end(Shot::Selfie, frames);
    assert_lossless(&run);
    assert!(captured(&run).is_empty());
    let last = run.reports.last().expect("reports");
    assert!(
        last.failing().contains(&RuleId::Glare),
        "{:?}",
        last.failing()
    );
}

#[test]
fn unreadable_frames_are_named_skipped_and_the_replay_goes_on() {
    let s = Scenes::load();
    let frames_dir = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    let frames = selfie_settling(&s);
    let files = write_frames(frames_dir.path(), frames.iter().cloned());
    // One file is garbage, one is cut short mid-picture, in the moving part.
    std::fs::write(&files[3], b"this is not a picture").expect("write");
    let bytes = std::fs::read(&files[5]).expect("read");
    std::fs::write(&files[5], &bytes[..bytes.len() / 2]).expect("truncate");

    let run = run_to_end(replay(frames_dir.path()), config(Shot::Selfie, out.path()));
    let told = problems(&run);
    assert_eq!(told.len(), 2, "{told:?}");
    assert!(
        told[0].contains("frame_0003.jpg") && told[0].contains("skipped"),
        "{}",
        told[0]
    );
    assert!(
        told[1].contains("frame_0005.jpg") && told[1].contains("truncated"),
        "{}",
        told[1]
    );
    assert_eq!(run.stats.analysed, frames.len() as u64 - 2);
    assert!(run.events.iter().any(|e| matches!(e, Event::SourceEnded)));
    // Sequence numbers count frames sent, so the saved frame is found by its
    // position among the readable ones.
    let readable: Vec<_> = frames
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != 3 && *i != 5)
        .map(|(_, f)| f.clone())
        .collect();
    assert_one_good_capture(&run, out.path(), Shot::Selfie, &readable);
}

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

#[test]
fn the_shutter_saves_the_frame_it_is_given_marked_manual() {
    let s = Scenes::load();
    let out = tempfile::tempdir().expect("tempdir");
    let file = out.path().join("glare-frame.png");
    s.selfie(&SelfieScene {
        distance_cm: 44.0,
        glare_radius: 0.1,
        ..SelfieScene::default()
    })
    .save(&file)
    .expect("save frame");
    let photos = out.path().join("photos");
    let pipeline = live_selfie_looping(file, &photos);
    let first = pipeline
        .next_report(Duration::from_secs(30))
        .expect("a first report");
    assert!(!first.pass());

    // A press for another shot (the shot changed meanwhile) saves nothing.
    pipeline.send(Command::Save {
        shot: Shot::IdFront,
        frame: first.frame.clone(),
        verdicts: first.verdicts.clone(),
    });
    pipeline.send(Command::Save {
        shot: Shot::Selfie,
        frame: first.frame.clone(),
        verdicts: first.verdicts.clone(),
    });
    // The window is told a save began (to say "Saving…") before it is told it
    // ended; the press for another shot began none.
    let mut began = Vec::new();
    let captured = wait_for(&pipeline, |e| {
        if let Event::Saving(shot) = e {
            began.push(*shot);
        }
        matches!(e, Event::Captured(_))
    });
    assert_eq!(began, [Shot::Selfie]);
    match captured {
        Event::Captured(saved) => {
            assert_eq!(saved.shot, Shot::Selfie);
            assert!(saved.manual && !saved.all_passed);
            assert!(saved.path.exists());
        }
        _ => unreachable!(),
    }
    pipeline.stop();
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(photos.join(SESSION_FILE)).expect("session.json"))
            .expect("JSON");
    let shots = json["shots"].as_array().expect("shots");
    assert_eq!(shots.len(), 1, "{json}");
    assert_eq!(shots[0]["manual"], true);
    assert_eq!(shots[0]["all_passed"], false);
    // The verdicts recorded are the ones the press was made on.
    let recorded: Vec<(String, bool)> = shots[0]["checks"]
        .as_array()
        .expect("checks")
        .iter()
        .map(|c| (c["id"].as_str().unwrap_or("").to_owned(), c["pass"] == true))
        .collect();
    let shown: Vec<(String, bool)> = first
        .verdicts
        .iter()
        .map(|v| (v.id.to_string(), v.pass))
        .collect();
    assert_eq!(recorded, shown);
}

#[test]
fn a_paused_pipeline_never_captures_and_goes_on_when_resumed() {
    let s = Scenes::load();
    let dir = tempfile::tempdir().expect("tempdir");
    let frames = dir.path().join("frames");
    std::fs::create_dir_all(&frames).expect("frames folder");
    write_frames(&frames, selfie_settling(&s));
    let photos = dir.path().join("photos");
    let pipeline = live_selfie_looping(frames, &photos);
    pipeline.send(Command::Pause(true));
    // Three passes over a sequence that is captured on its first pass when armed.
    let mut passing = 0;
    let mut seen = 0;
    while seen < 3 * (MOVING + STILL) {
        if let Some(r) = pipeline.next_report(Duration::from_secs(30)) {
            seen += 1;
            passing += usize::from(r.pass());
            assert!(
                r.capture.is_none(),
                "captured while paused (frame {})",
                r.seq
            );
        }
        for e in pipeline.events() {
            assert!(!matches!(e, Event::Captured(_)), "saved while paused");
        }
    }
    assert!(passing > 20, "the scene passes: {passing} frames");
    pipeline.send(Command::Pause(false));
    match wait_for(&pipeline, |e| matches!(e, Event::Captured(_))) {
        Event::Captured(saved) => assert!(!saved.manual && saved.all_passed),
        _ => unreachable!(),
    }
    pipeline.stop();
}

fn wait_for(pipeline: &Pipeline, mut want: impl FnMut(&Event) -> bool) -> Event {
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

/// The frames of a still scene the test can change while the pipeline runs.
struct Switchable {
    current: Arc<std::sync::Mutex<Arc<RgbImage>>>,
}

impl FrameSource for Switchable {
    fn pacing(&self) -> Pacing {
        Pacing::Live
    }

    fn next(&mut self) -> SourceStep {
        std::thread::sleep(Duration::from_millis(33));
        let frame = self.current.lock().map(|f| Arc::clone(&f));
        match frame {
            Ok(f) => SourceStep::Frame(f),
            Err(_) => SourceStep::Failed(SourceTrouble::other("the test's frame lock is poisoned")),
        }
    }
}

/// `frame` with the portrait's face (as the portrait search finds it) covered by
/// a coarse mosaic, as on real photos whose author hid it: no face is found, but
/// the card looks the same at low resolution.
fn portrait_pixelated(frame: &RgbImage) -> RgbImage {
    let faces = kycam::analysis::FaceDetector::new(kycam::analysis::FaceSearch::PORTRAIT_STILL)
        .detect(&kycam::analysis::to_grey(frame));
    let face = faces.first().expect("the front's portrait is found").rect;
    let (x0, y0) = (
        (face.x - face.w * 0.3) as u32,
        (face.y - face.h * 0.3) as u32,
    );
    let (x1, y1) = (
        ((face.right() + face.w * 0.3) as u32).min(frame.width()),
        ((face.bottom() + face.h * 0.3) as u32).min(frame.height()),
    );
    let mut out = frame.clone();
    const BLOCK: u32 = 16;
    for by in (y0..y1).step_by(BLOCK as usize) {
        for bx in (x0..x1).step_by(BLOCK as usize) {
            let centre =
                *frame.get_pixel((bx + BLOCK / 2).min(x1 - 1), (by + BLOCK / 2).min(y1 - 1));
            for y in by..(by + BLOCK).min(y1) {
                for x in bx..(bx + BLOCK).min(x1) {
                    out.put_pixel(x, y, centre);
                }
            }
        }
    }
    out
}

/// Reports on `shot` until `n` more have come after the face boxes caught up;
/// whether any decided a capture, and the last one. Reports on an earlier shot
/// still queued (the capture that ended it) are passed over.
fn watch(pipeline: &Pipeline, shot: Shot, n: usize) -> (bool, LiveReport) {
    let mut captured = false;
    let mut fresh = 0;
    loop {
        let r = pipeline
            .next_report(Duration::from_secs(30))
            .expect("reports keep coming");
        if r.measurements.shot != shot {
            continue;
        }
        captured |= r.capture.is_some();
        if !r.faces_stale {
            fresh += 1;
        }
        if fresh >= n {
            return (captured, r);
        }
    }
}

/// In a session the pipeline remembers what it captured: a back that shows the
/// accepted front fails `back_side` even where its portrait cannot be found
/// (compared by the rectified card's hash), and a shot that is the very picture
/// saved for another fails `new_picture`. Neither is captured; a real back is.
#[test]
fn a_session_refuses_the_front_again_and_a_picture_already_taken() {
    let s = Scenes::load();
    let out = tempfile::tempdir().expect("tempdir");
    let front = Arc::new(s.card(card_rest()));
    let hidden_front = Arc::new(portrait_pixelated(&front));
    let back = Arc::new(s.card_back());
    let current = Arc::new(std::sync::Mutex::new(Arc::clone(&front)));
    let shared = Arc::clone(&current);
    let spec = SourceSpec::Custom {
        name: "the test's card".into(),
        live: false,
        open: Arc::new(move || {
            Ok(Box::new(Switchable {
                current: Arc::clone(&shared),
            }) as Box<dyn FrameSource>)
        }),
    };
    let mut config = live_config(Shot::IdFront, out.path());
    config.delivery = ReportDelivery::Every;
    let pipeline = Pipeline::start(spec, config, None).expect("start");
    let show = |frame: &Arc<RgbImage>| *current.lock().expect("lock") = Arc::clone(frame);

    wait_for(&pipeline, |e| matches!(e, Event::Captured(_)));

    // The front again, its portrait hidden, on the back's step.
    pipeline.send(Command::SetShot(Shot::IdBack));
    show(&hidden_front);
    let (captured, last) = watch(&pipeline, Shot::IdBack, 60);
    assert!(!captured, "the front was taken as the back");
    let verdict = common::verdict_on(&last.verdicts, RuleId::BackSide);
    assert!(!verdict.pass && verdict.unit == "bits", "{verdict:?}");
    eprintln!(
        "the hidden front against the front: {:?} bits",
        verdict.value
    );
    assert!(last.measurements.faces.is_empty(), "no portrait is found");

    // The card turned over: captured.
    show(&back);
    wait_for(&pipeline, |e| matches!(e, Event::Captured(_)));

    // The same picture for another shot.
    pipeline.send(Command::SetShot(Shot::DlBack));
    let (captured, last) = watch(&pipeline, Shot::DlBack, 60);
    assert!(!captured, "the id-back picture was taken again");
    let verdict = common::verdict_on(&last.verdicts, RuleId::NewPicture);
    assert!(!verdict.pass, "{verdict:?}");
    assert!(
        verdict
            .advice
            .as_deref()
            .is_some_and(|a| a.contains("ID card, back")),
        "{verdict:?}"
    );
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
