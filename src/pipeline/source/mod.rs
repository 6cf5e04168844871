//! The source thread: opens a [`FrameSource`] inside itself, paces its frames
//! and offers them to the analysis (dropped when the one-frame queue is full,
//! or lossless). A supervisor
//! thread watches it: a source that stops producing is reported without waiting
//! for it, and a live one (the camera) is reopened in a fresh thread, since a
//! thread blocked inside the driver cannot be woken.

pub mod camera;
pub mod camera_format;
pub mod demo;
pub mod replay;
mod trouble;

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crossbeam_channel::{SendTimeoutError, Sender, TrySendError};

pub use camera::{list_cameras, no_camera_words, CameraInfo};
pub use trouble::{SourceTrouble, TroubleKind};

use super::frame::{Frame, FrameSource, Pacing, SourceMode, SourceStep};
use super::guard::run_guarded;
use super::{Counters, Event, EventSink, PipelineError, SourceOpener, SourceSpec};

/// No frame for this long: the person is told the source is stalled.
pub const STALL_REPORT_AFTER: Duration = Duration::from_secs(2);
/// A live source silent this long is reopened in a new thread.
pub const REOPEN_AFTER: Duration = Duration::from_secs(5);
/// Pause before reopening a live source that failed (unplugged, busy).
const RETRY_AFTER: Duration = Duration::from_secs(2);
/// How often the supervisor looks; also the longest any wait here lasts
/// without checking the stop flag.
const TICK: Duration = Duration::from_millis(50);
/// Frame time for lossless replay: frames are treated as a 30 fps recording.
const LOSSLESS_NOMINAL_FPS: f32 = 30.0;

fn opener(spec: &SourceSpec) -> (String, bool, SourceOpener) {
    match spec.clone() {
        SourceSpec::Camera { index } => (
            crate::tr!("source-camera", n = index),
            true,
            Arc::new(move || camera::open(index)),
        ),
        SourceSpec::Replay {
            path,
            fps,
            repeat,
            looped,
        } => (
            path.display().to_string(),
            false,
            Arc::new(move || {
                replay::open(&path, fps, repeat, looped).map_err(SourceTrouble::other)
            }),
        ),
        // The pipeline turns a demo into a custom source that knows the shot.
        SourceSpec::Demo { fps } => {
            let shot = Arc::new(demo::DemoShot::new(crate::shot::Shot::IdFront));
            (
                crate::tr!("source-demo"),
                false,
                Arc::new(move || demo::open(fps, Arc::clone(&shot)).map_err(SourceTrouble::other)),
            )
        }
        SourceSpec::Custom { name, live, open } => (name, live, open),
    }
}

/// What the source workers and the supervisor share.
struct Shared {
    frames: Sender<Frame>,
    events: EventSink,
    counters: Arc<Counters>,
    stop: Arc<AtomicBool>,
    /// Bumped when a stalled worker is abandoned: the old one exits if it wakes.
    generation: AtomicU64,
    /// Milliseconds since `epoch` of the last sign of life of the worker.
    heartbeat_ms: AtomicU64,
    /// A file or demo source is being opened: reading a large first picture on a
    /// busy machine is slow, not stalled (a camera that hangs while opening is
    /// still reported).
    opening: AtomicBool,
    next_seq: AtomicU64,
    epoch: Instant,
    /// The format the open camera streams at (none for other sources).
    mode: Arc<Mutex<Option<SourceMode>>>,
}

impl Shared {
    fn beat(&self) {
        self.heartbeat_ms
            .store(self.epoch.elapsed().as_millis() as u64, Ordering::Relaxed);
    }
    fn silent_for(&self) -> Duration {
        self.epoch.elapsed().saturating_sub(Duration::from_millis(
            self.heartbeat_ms.load(Ordering::Relaxed),
        ))
    }
    fn stopping(&self, generation: u64) -> bool {
        self.stop.load(Ordering::Relaxed) || self.generation.load(Ordering::Relaxed) != generation
    }
}

/// Starts the supervisor (which starts the worker). Joining the supervisor never
/// hangs; it joins the worker only if the worker has finished.
pub(crate) fn spawn(
    spec: &SourceSpec,
    frames: Sender<Frame>,
    events: EventSink,
    counters: Arc<Counters>,
    stop: Arc<AtomicBool>,
    mode: Arc<Mutex<Option<SourceMode>>>,
) -> Result<JoinHandle<()>, PipelineError> {
    let (name, live, open) = opener(spec);
    let shared = Arc::new(Shared {
        frames,
        events,
        counters,
        stop,
        generation: AtomicU64::new(0),
        heartbeat_ms: AtomicU64::new(0),
        opening: AtomicBool::new(false),
        next_seq: AtomicU64::new(0),
        epoch: Instant::now(),
        mode,
    });
    let worker = spawn_worker(&shared, &open, live, 0)?;
    thread::Builder::new()
        .name("source-supervisor".into())
        .spawn(move || {
            let (events, stop) = (shared.events.clone(), Arc::clone(&shared.stop));
            run_guarded("source-supervisor", &events, &stop, || {
                supervise(shared, open, name, live, worker)
            });
        })
        .map_err(|source| PipelineError::Spawn {
            thread: "source-supervisor",
            source,
        })
}

struct Worker {
    handle: JoinHandle<()>,
    done: Arc<AtomicBool>,
}

fn spawn_worker(
    shared: &Arc<Shared>,
    open: &SourceOpener,
    live: bool,
    generation: u64,
) -> Result<Worker, PipelineError> {
    let done = Arc::new(AtomicBool::new(false));
    let (s, o, d) = (Arc::clone(shared), Arc::clone(open), Arc::clone(&done));
    shared.beat();
    let handle = thread::Builder::new()
        .name(format!("source-{generation}"))
        .spawn(move || {
            // A panic ends the session (told by the guard) and still marks the
            // worker done, so the supervisor stops waiting for it.
            run_guarded("source", &s.events, &s.stop, || {
                run_worker(&s, &o, live, generation)
            });
            d.store(true, Ordering::SeqCst);
        })
        .map_err(|source| PipelineError::Spawn {
            thread: "source",
            source,
        })?;
    Ok(Worker { handle, done })
}

fn supervise(
    shared: Arc<Shared>,
    open: SourceOpener,
    name: String,
    live: bool,
    mut worker: Worker,
) {
    let mut reported_stall = false;
    loop {
        thread::sleep(TICK);
        if shared.stop.load(Ordering::Relaxed) {
            break;
        }
        if worker.done.load(Ordering::SeqCst) {
            break;
        }
        let silent = shared.silent_for();
        let opening_file = !live && shared.opening.load(Ordering::Relaxed);
        if silent < STALL_REPORT_AFTER || opening_file {
            reported_stall = false;
            continue;
        }
        if !reported_stall {
            reported_stall = true;
            let what = if live {
                crate::tr!(
                    "source-stalled-live",
                    name = &name.to_string(),
                    seconds = STALL_REPORT_AFTER.as_secs() as usize
                )
            } else {
                crate::tr!(
                    "source-stalled",
                    name = &name.to_string(),
                    seconds = STALL_REPORT_AFTER.as_secs() as usize
                )
            };
            shared.events.send(Event::SourceProblem(SourceTrouble::new(
                TroubleKind::Interrupted,
                what,
            )));
        }
        if live && silent >= REOPEN_AFTER {
            // The old worker is stuck in the driver: abandon it (it exits if it
            // ever wakes, seeing the new generation) and open the device anew.
            let generation = shared.generation.fetch_add(1, Ordering::SeqCst) + 1;
            match spawn_worker(&shared, &open, live, generation) {
                Ok(w) => worker = w,
                Err(e) => {
                    shared
                        .events
                        .send(Event::SourceProblem(SourceTrouble::other(e.to_string())));
                    break;
                }
            }
            reported_stall = false;
        }
    }
    // Give a worker that is between frames a moment to see the stop flag; one
    // stuck inside the camera driver is left detached (it holds no lock).
    let deadline = Instant::now() + Duration::from_secs(1);
    while !worker.done.load(Ordering::SeqCst) && Instant::now() < deadline {
        thread::sleep(Duration::from_millis(10));
    }
    if worker.done.load(Ordering::SeqCst) {
        let _ = worker.handle.join();
    }
    // Dropping `shared` here drops the supervisor's frame sender: once the
    // worker's is gone too, the analysis sees the end of the stream.
}

fn run_worker(shared: &Shared, open: &SourceOpener, live: bool, generation: u64) {
    // A camera that stays unplugged fails the same way every retry: say it once.
    let mut last_problem = None;
    let mut tell = |trouble: SourceTrouble| {
        if last_problem.as_ref() != Some(&trouble) {
            shared.events.send(Event::SourceProblem(trouble.clone()));
            last_problem = Some(trouble);
        }
    };
    loop {
        shared.opening.store(true, Ordering::Relaxed);
        let opened = open();
        shared.opening.store(false, Ordering::Relaxed);
        shared.beat();
        let mut source = match opened {
            Ok(s) => s,
            Err(msg) => {
                tell(msg);
                if live && wait(shared, generation, RETRY_AFTER) {
                    continue;
                }
                return;
            }
        };
        match pump(shared, source.as_mut(), generation) {
            Pumped::Stopped | Pumped::Ended => return,
            Pumped::Failed(msg) => {
                tell(msg);
                drop(source);
                if !(live && wait(shared, generation, RETRY_AFTER)) {
                    return;
                }
            }
        }
    }
}

enum Pumped {
    Stopped,
    Ended,
    Failed(SourceTrouble),
}

/// Moves frames from an open source to the analysis until it ends or fails.
fn pump(shared: &Shared, source: &mut dyn FrameSource, generation: u64) -> Pumped {
    let pacing = source.pacing();
    if let Ok(mut mode) = shared.mode.lock() {
        *mode = source.mode();
    }
    let started = Instant::now();
    let mut n: u64 = 0; // frames of this opening, for pacing
    loop {
        if shared.stopping(generation) {
            return Pumped::Stopped;
        }
        shared.beat();
        let rgb = match source.next() {
            SourceStep::Frame(rgb) => rgb,
            SourceStep::Problem(msg) => {
                shared.events.send(Event::SourceProblem(msg));
                continue;
            }
            SourceStep::End => return Pumped::Ended,
            SourceStep::Failed(msg) => return Pumped::Failed(msg),
        };
        if shared.stopping(generation) {
            return Pumped::Stopped;
        }
        if let Pacing::Fps(fps) = pacing {
            let Some(due) = frame_time(n, fps).and_then(|t| started.checked_add(t)) else {
                return Pumped::Failed(SourceTrouble::other(format!(
                    "cannot play frames at {fps} per second"
                )));
            };
            if !wait_until(shared, generation, due) {
                return Pumped::Stopped;
            }
        }
        let seq = shared.next_seq.fetch_add(1, Ordering::Relaxed);
        let time = match pacing {
            Pacing::Live => Some(shared.epoch.elapsed()),
            Pacing::Fps(fps) => frame_time(seq, fps),
            Pacing::Lossless => frame_time(seq, LOSSLESS_NOMINAL_FPS),
        };
        let Some(time) = time else {
            return Pumped::Failed(SourceTrouble::other(format!(
                "frame {seq}: its time is out of range"
            )));
        };
        n += 1;
        let frame = Frame {
            seq,
            captured_at: Instant::now(),
            time,
            rgb,
        };
        shared.counters.frames.fetch_add(1, Ordering::Relaxed);
        let delivered = if pacing == Pacing::Lossless {
            send_lossless(shared, generation, frame)
        } else {
            // The queue holds one frame: when the analysis has not taken it yet,
            // this one is dropped and counted: the queue can never grow. The waiting frame is
            // at most one frame period older than this one.
            match shared.frames.try_send(frame) {
                Ok(()) => true,
                Err(TrySendError::Full(_)) => {
                    shared.counters.dropped.fetch_add(1, Ordering::Relaxed);
                    true
                }
                Err(TrySendError::Disconnected(_)) => false,
            }
        };
        shared
            .counters
            .max_queue
            .fetch_max(shared.frames.len() as u64, Ordering::Relaxed);
        if !delivered {
            return Pumped::Stopped;
        }
    }
}

/// The time of frame `n` of a recording at `fps`; `None` when it is not a
/// time at all (a rate of zero, below zero, or so small the time overflows).
fn frame_time(n: u64, fps: f32) -> Option<Duration> {
    Duration::try_from_secs_f64(n as f64 / f64::from(fps)).ok()
}

/// A blocking send that still notices the stop flag.
fn send_lossless(shared: &Shared, generation: u64, mut frame: Frame) -> bool {
    loop {
        match shared.frames.send_timeout(frame, TICK) {
            Ok(()) => return true,
            Err(SendTimeoutError::Disconnected(_)) => return false,
            Err(SendTimeoutError::Timeout(back)) => {
                // Waiting for the analysis is not a stall of the source.
                shared.beat();
                if shared.stopping(generation) {
                    return false;
                }
                frame = back;
            }
        }
    }
}

/// Sleeps `d` in ticks; false when stopping.
fn wait(shared: &Shared, generation: u64, d: Duration) -> bool {
    wait_until(shared, generation, Instant::now() + d)
}

fn wait_until(shared: &Shared, generation: u64, due: Instant) -> bool {
    loop {
        if shared.stopping(generation) {
            return false;
        }
        shared.beat();
        let now = Instant::now();
        if now >= due {
            return true;
        }
        thread::sleep((due - now).min(TICK));
    }
}
