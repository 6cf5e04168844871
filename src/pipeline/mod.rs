//! The live pipeline: a source thread, the analysis thread, a face
//! worker and a writer, joined by bounded channels where the newest frame wins.
//!
//! ```text
//! source ──frames (bounded 1, try_send)──▶ analysis ──reports (bounded 1)──▶ GUI / replay
//!                                               ├──grey (bounded 1, newest wins)──▶ face worker
//!                                               └──save jobs (bounded)──▶ writer ──events──▶
//! ```

mod analysis_thread;
pub mod autocapture;
mod channel;
pub mod face_worker;
pub mod frame;
mod guard;
pub mod liveness;

pub mod motion;
pub mod outline_track;
mod session_memory;
pub mod size_estimate;
pub mod smoothing;
pub mod source;
mod writer;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use image::RgbImage;

use crate::analysis::{CameraModel, Measurements};
use crate::capture::{SavedShot, SessionWriter};
use crate::rules::{RuleId, Verdict};
use crate::shot::Shot;
pub use source::{SourceTrouble, TroubleKind};

pub use frame::{Frame, FrameSource, Pacing, SourceMode, SourceStep};

/// Opens a custom source inside the source thread (tests, embedding). Called
/// again to reopen a live source that stalled.
pub type SourceOpener = Arc<dyn Fn() -> Result<Box<dyn FrameSource>, SourceTrouble> + Send + Sync>;

/// Where frames come from.
#[derive(Clone)]
pub enum SourceSpec {
    /// A webcam (nokhwa), by index as listed by `kycam cameras`.
    Camera { index: u32 },
    /// A folder of frames in name order, or one image repeated `repeat` times;
    /// paced at `fps` (0 = as fast as the analysis takes them, dropping none).
    /// `looped` restarts at the end (GUI `--source`).
    Replay {
        path: PathBuf,
        fps: f32,
        repeat: u32,
        looped: bool,
    },
    /// A generated scene (a specimen-like card, then a face moving into place).
    Demo { fps: f32 },
    /// Any [`FrameSource`]. `live` sources are reopened when they stall.
    Custom {
        name: String,
        live: bool,
        open: SourceOpener,
    },
}

impl std::fmt::Debug for SourceSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SourceSpec::Camera { index } => write!(f, "Camera {{ index: {index} }}"),
            SourceSpec::Replay {
                path,
                fps,
                repeat,
                looped,
            } => write!(
                f,
                "Replay {{ path: {path:?}, fps: {fps}, repeat: {repeat}, looped: {looped} }}"
            ),
            SourceSpec::Demo { fps } => write!(f, "Demo {{ fps: {fps} }}"),
            SourceSpec::Custom { name, live, .. } => {
                write!(f, "Custom {{ name: {name:?}, live: {live} }}")
            }
        }
    }
}

/// How analysed reports reach the consumer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportDelivery {
    /// Newest wins: a slow GUI skips reports, the analysis never waits for it.
    NewestWins,
    /// Every report is delivered; the analysis waits for the consumer (headless
    /// replay, which prints a line per frame).
    Every,
}

pub struct PipelineConfig {
    pub shot: Shot,
    pub camera: CameraModel,
    /// Take the photo by itself when every rule has held (docs/contract.md).
    pub auto_capture: bool,
    /// Where photos go.
    pub session: Arc<SessionWriter>,
    pub delivery: ReportDelivery,
    pub faces: FaceTiming,
    /// Extra time spent on every frame's analysis, to see the pipeline as on a
    /// slow or busy machine (tests; zero otherwise).
    pub analysis_delay: Duration,
}

/// Whether the analysis waits for the face worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaceTiming {
    /// Never waits: judges with the last face boxes and never captures while
    /// they are from before the scene moved (the GUI, paced replays).
    Async,
    /// A face search every `every` frames, whose boxes are used from `every`
    /// frames later on, waiting for them if need be: the verdicts do not depend
    /// on how busy the machine is (`replay --fps 0`, tests of exact sequences).
    /// `every: 3` is what a face worker at 10 Hz gives a 30 fps camera.
    Lockstep { every: u64 },
}

impl PipelineConfig {
    /// Auto-capture on, default camera model, newest-wins reports, faces async.
    pub fn new(shot: Shot, session: Arc<SessionWriter>) -> Self {
        Self {
            shot,
            camera: CameraModel::default(),
            auto_capture: true,
            session,
            delivery: ReportDelivery::NewestWins,
            faces: FaceTiming::Async,
            analysis_delay: Duration::ZERO,
        }
    }
}

/// What the GUI (or a test) asks of the running pipeline.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Switch to another shot; re-arms auto-capture.
    SetShot(Shot),
    /// Arm auto-capture again (retake).
    Rearm,
    /// The manual shutter: save this frame, the one the person saw, with the
    /// verdicts shown for it (the caller asks first when one fails). Marked
    /// manual; uses up the current arming. Ignored when `shot` is no longer the
    /// pipeline's shot (a press just before the shot changed).
    Save {
        shot: Shot,
        frame: Arc<RgbImage>,
        verdicts: Vec<Verdict>,
    },
    /// Hold auto-capture while the person answers a question (`true`), or let it
    /// go on as it was (`false`): a paused pipeline never starts a save.
    Pause(bool),
    Stop,
}

/// How long every rule has held, for the progress ring.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct HoldProgress {
    pub passing_for_secs: f32,
    pub needed_secs: f32,
    /// Whether auto-capture will still shoot (false after a capture until re-armed).
    pub armed: bool,
}

/// Counters since the start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Stats {
    /// Frames the source produced.
    pub frames: u64,
    /// Frames the analysis measured and judged.
    pub analysed: u64,
    /// Frames dropped because a newer one arrived before the analysis took it.
    pub dropped: u64,
    /// Photos saved.
    pub captures: u64,
    /// Face-worker answers the analysis has taken (fresh face boxes).
    pub face_updates: u64,
    /// Frames the document was searched for; the others of a document shot kept an
    /// earlier frame's answer, the picture being still (see [`outline_track`]).
    pub outline_searches: u64,
}

/// A capture decided on an analysed frame; the writer saves it.
#[derive(Clone, Debug, PartialEq)]
pub struct CaptureTaken {
    /// The frame being saved (the sharpest of the hold window, or the shutter's).
    pub seq: u64,
    pub manual: bool,
    /// Where the writer is saving it.
    pub path: PathBuf,
}

/// Sent for every analysed frame (newest wins: the GUI may skip some).
#[derive(Clone, Debug)]
pub struct LiveReport {
    pub seq: u64,
    /// The analysed frame, full resolution.
    pub frame: Arc<RgbImage>,
    pub measurements: Measurements,
    /// Priority order.
    pub verdicts: Vec<Verdict>,
    /// The smoothed one sentence: `None` exactly when every verdict of this
    /// report passes, else the advice of one of its failing verdicts.
    pub guidance: Option<String>,
    /// The rule `guidance` is about (`None` with it).
    pub guidance_for: Option<RuleId>,
    pub hold: HoldProgress,
    /// From the source producing the frame to its verdict.
    pub latency_ms: f32,
    /// The analysis thread's own time on this frame (measuring, judging, policy).
    pub analysis_ms: f32,
    pub stats: Stats,
    /// Set on the frame whose analysis decided a capture.
    pub capture: Option<CaptureTaken>,
    /// The face boxes come from a frame the scene has moved since: the
    /// analysis is waiting for the face worker to catch up.
    pub faces_stale: bool,
}

impl LiveReport {
    pub fn pass(&self) -> bool {
        crate::rules::all_pass(&self.verdicts)
    }

    pub fn failing(&self) -> Vec<RuleId> {
        crate::rules::failing(&self.verdicts)
    }
}

/// Rare events; never dropped (their channel is drained by the consumer).
#[derive(Clone, Debug)]
pub enum Event {
    /// A shot was handed to the writer: `Captured` or `SaveFailed` follows once
    /// the file is durable or given up.
    Saving(Shot),
    /// An auto or manual shot was saved (file and session.json written).
    Captured(SavedShot),
    /// Saving failed (disk full, folder removed): plain words.
    SaveFailed(String),
    /// The source has a problem, in plain words ("No camera found.", "The
    /// camera stopped sending pictures: reconnecting…").
    SourceProblem(SourceTrouble),
    /// The source has no more frames; every capture has been saved.
    SourceEnded,
    /// A pipeline thread stopped on an internal error (a panic), in plain
    /// words: the pipeline has stopped and the session cannot go on.
    Failed(String),
}

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error("cannot start the {thread} thread: {source}")]
    Spawn {
        thread: &'static str,
        source: std::io::Error,
    },
}

/// Shared counters, updated without locks.
#[derive(Default)]
pub(crate) struct Counters {
    pub frames: AtomicU64,
    pub analysed: AtomicU64,
    pub dropped: AtomicU64,
    pub captures: AtomicU64,
    pub face_updates: AtomicU64,
    pub outline_searches: AtomicU64,
    /// The deepest the frame queue has ever been (its bound is 1).
    pub max_queue: AtomicU64,
}

impl Counters {
    pub fn snapshot(&self) -> Stats {
        Stats {
            frames: self.frames.load(Ordering::Relaxed),
            analysed: self.analysed.load(Ordering::Relaxed),
            dropped: self.dropped.load(Ordering::Relaxed),
            captures: self.captures.load(Ordering::Relaxed),
            face_updates: self.face_updates.load(Ordering::Relaxed),
            outline_searches: self.outline_searches.load(Ordering::Relaxed),
        }
    }
}

/// The running pipeline. Dropping it without [`Pipeline::stop`] also stops it.
pub struct Pipeline {
    commands: crossbeam_channel::Sender<Command>,
    reports: crossbeam_channel::Receiver<LiveReport>,
    events: crossbeam_channel::Receiver<Event>,
    counters: Arc<Counters>,
    stop: Arc<AtomicBool>,
    threads: Vec<std::thread::JoinHandle<()>>,
    source_mode: Arc<std::sync::Mutex<Option<SourceMode>>>,
    /// The shot a demo source shows (set with every shot change).
    demo_shot: Arc<source::demo::DemoShot>,
}

/// The frame queue's bound: one frame waiting while one is analysed.
pub const FRAME_QUEUE_BOUND: usize = 1;
const COMMAND_QUEUE: usize = 16;
/// Headless consumers print; a few reports of slack keep the analysis busy.
const EVERY_REPORT_QUEUE: usize = 8;
const EVENT_QUEUE: usize = 64;
/// A capture and a manual shot may be in flight together; more is a person
/// pressing the shutter faster than photos can be encoded.
const SAVE_QUEUE: usize = 2;

/// Sends events without dropping them: waits for room, but gives up when the
/// pipeline stops (nobody will read them then).
#[derive(Clone)]
pub(crate) struct EventSink {
    tx: crossbeam_channel::Sender<Event>,
    stop: Arc<AtomicBool>,
}

impl EventSink {
    pub fn send(&self, mut event: Event) {
        use crossbeam_channel::SendTimeoutError;
        loop {
            match self.tx.send_timeout(event, Duration::from_millis(50)) {
                Ok(()) | Err(SendTimeoutError::Disconnected(_)) => return,
                Err(SendTimeoutError::Timeout(back)) => {
                    if self.stop.load(Ordering::Relaxed) {
                        return;
                    }
                    event = back;
                }
            }
        }
    }
}

impl Pipeline {
    /// Starts the threads. `wake` is called after each report (the GUI passes
    /// `ctx.request_repaint()`).
    pub fn start(
        source: SourceSpec,
        config: PipelineConfig,
        wake: Option<Box<dyn Fn() + Send>>,
    ) -> Result<Pipeline, PipelineError> {
        use crossbeam_channel::bounded;
        // The demo shows what the shot asks for: it follows the shot.
        let demo_shot = Arc::new(source::demo::DemoShot::new(config.shot));
        let source = match source {
            SourceSpec::Demo { fps } => {
                let shot = Arc::clone(&demo_shot);
                SourceSpec::Custom {
                    name: "demo".into(),
                    live: false,
                    open: Arc::new(move || {
                        source::demo::open(fps, Arc::clone(&shot)).map_err(SourceTrouble::other)
                    }),
                }
            }
            other => other,
        };
        let stop = Arc::new(AtomicBool::new(false));
        let counters = Arc::new(Counters::default());
        let frames = bounded(FRAME_QUEUE_BOUND);
        let (commands_tx, commands_rx) = bounded(COMMAND_QUEUE);
        let reports = bounded(match config.delivery {
            ReportDelivery::NewestWins => 1,
            ReportDelivery::Every => EVERY_REPORT_QUEUE,
        });
        let (events_tx, events_rx) = bounded(EVENT_QUEUE);
        let events = EventSink {
            tx: events_tx,
            stop: Arc::clone(&stop),
        };
        let face_jobs = bounded(1);
        let face_results = bounded(1);
        let (saves_tx, saves_rx) = bounded(SAVE_QUEUE);
        let (done_tx, done_rx) = bounded(1);

        let mut pipeline = Pipeline {
            commands: commands_tx,
            reports: reports.1.clone(),
            events: events_rx,
            counters: Arc::clone(&counters),
            stop: Arc::clone(&stop),
            threads: Vec::new(),
            source_mode: Default::default(),
            demo_shot,
        };
        // On a spawn error `pipeline` is dropped, which stops what did start.
        pipeline.threads.push(writer::spawn(
            saves_rx,
            Arc::clone(&config.session),
            events.clone(),
            Arc::clone(&counters),
            done_tx,
            Arc::clone(&stop),
        )?);
        pipeline.threads.push(face_worker::spawn(
            face_jobs.1.clone(),
            channel::NewestSlot::new(face_results.0, face_results.1.clone()),
            events.clone(),
            Arc::clone(&stop),
            match config.faces {
                FaceTiming::Async => Some(face_worker::LIVE_PACE),
                FaceTiming::Lockstep { .. } => None,
            },
        )?);
        pipeline.threads.push(analysis_thread::spawn(
            config,
            analysis_thread::Channels {
                frames: frames.1.clone(),
                commands: commands_rx,
                reports,
                face_jobs: channel::NewestSlot::new(face_jobs.0, face_jobs.1.clone()),
                face_results: face_results.1,
                saves: saves_tx,
                writer_done: done_rx,
                events: events.clone(),
            },
            Arc::clone(&counters),
            Arc::clone(&stop),
            wake,
        )?);
        pipeline.threads.insert(
            0,
            source::spawn(
                &source,
                frames.0,
                events,
                counters,
                Arc::clone(&stop),
                Arc::clone(&pipeline.source_mode),
            )?,
        );
        Ok(pipeline)
    }

    /// Sends a command; never blocks (commands beyond the queue's 16 are dropped).
    pub fn send(&self, cmd: Command) {
        if let Command::SetShot(shot) = cmd {
            self.demo_shot.set(shot);
        }
        let _ = self.commands.try_send(cmd);
    }

    /// The newest report, if any arrived since the last call (drains the rest).
    pub fn latest_report(&self) -> Option<LiveReport> {
        self.reports.try_iter().last()
    }

    /// The next report, waiting up to `timeout` (headless consumers).
    pub fn next_report(&self, timeout: Duration) -> Option<LiveReport> {
        self.reports.recv_timeout(timeout).ok()
    }

    /// Every event since the last call.
    pub fn events(&self) -> Vec<Event> {
        self.events.try_iter().collect()
    }

    /// The next event, waiting up to `timeout`.
    pub fn next_event(&self, timeout: Duration) -> Option<Event> {
        self.events.recv_timeout(timeout).ok()
    }

    pub fn stats(&self) -> Stats {
        self.counters.snapshot()
    }

    /// The format the camera streams at, once it is open (Settings shows it);
    /// `None` for replays, the demo, and before a camera opens.
    pub fn source_mode(&self) -> Option<SourceMode> {
        self.source_mode.lock().ok().and_then(|m| *m)
    }

    /// The deepest the frame queue has been; never above [`FRAME_QUEUE_BOUND`].
    pub fn max_frame_queue(&self) -> u64 {
        self.counters.max_queue.load(Ordering::Relaxed)
    }

    /// Stops and joins every thread. Never hangs: a source blocked inside the
    /// camera driver is left to exit on its own.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = self.commands.try_send(Command::Stop);
        for handle in self.threads.drain(..) {
            let _ = handle.join();
        }
    }
}

impl Drop for Pipeline {
    fn drop(&mut self) {
        self.shutdown();
    }
}
