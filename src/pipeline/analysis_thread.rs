//! The analysis thread: takes the newest frame, measures it with the last face
//! boxes, judges the shot's rules, runs auto-capture and the guidance sentence,
//! and hands the report on. It never waits for the writer, nor for the face worker
//! except in lockstep (lossless replays), where that is the point.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError, SendTimeoutError, Sender, TrySendError};
use image::{GrayImage, RgbImage};

use super::autocapture::{AutoCapture, HOLD};
use super::channel::NewestSlot;
use super::face_worker::{self, FaceJob, FaceResult};
use super::guard::run_guarded;
use super::motion::{motion, motion_thumbnail};
use super::outline_track::OutlineTrack;
use super::session_memory::SessionMemory;
use super::size_estimate::SizeEstimator;
use super::smoothing::{GuidanceSmoother, GUIDANCE_HOLD};
use super::writer::SaveJob;
use super::{
    CaptureTaken, Command, Counters, Event, EventSink, FaceTiming, Frame, HoldProgress, LiveReport,
    PipelineError, ReportDelivery,
};
use crate::analysis::landmarks::Landmarks;
use crate::analysis::{self, Face, FacesFrom, Outline};
use crate::rules::{self, Verdict, MOTION_MAX};

const TICK: Duration = Duration::from_millis(50);

/// Motion accumulated since the frame the face boxes come from, above which
/// the boxes may no longer sit on the face: the same amount that makes a
/// single frame unsteady. A frame judged with such boxes is never captured.
const FACES_STALE_MOTION: f32 = MOTION_MAX as f32;

/// Per-frame motion remembered to age the face boxes (the face worker is at
/// most a few frames behind; 2 s at 30 fps is ample).
const MOTION_MEMORY: usize = 60;

/// Whether the shot's rules use faces: the selfie's, the portrait on a
/// document's front, and its absence on a back. Without them, old face boxes
/// cannot hold a capture back.
fn needs_faces(shot: crate::shot::Shot) -> bool {
    shot == crate::shot::Shot::Selfie || shot.has_portrait() || shot.is_back_side()
}

/// A frame that may be saved, with its verdicts and the document found on it.
struct Candidate {
    seq: u64,
    rgb: Arc<RgbImage>,
    verdicts: Vec<Verdict>,
    document: Option<analysis::DocumentMeasures>,
}

pub(crate) struct Channels {
    pub frames: Receiver<Frame>,
    pub commands: Receiver<Command>,
    pub reports: (Sender<LiveReport>, Receiver<LiveReport>),
    pub face_jobs: NewestSlot<FaceJob>,
    pub face_results: Receiver<FaceResult>,
    pub saves: Sender<SaveJob>,
    pub writer_done: Receiver<()>,
    pub events: EventSink,
}

/// The analysis thread keeps the configuration it was started with; `SetShot`
/// changes its shot.
pub(crate) type Settings = super::PipelineConfig;

struct State {
    settings: Settings,
    ch: Channels,
    reports: NewestSlot<LiveReport>,
    counters: Arc<Counters>,
    stop: Arc<AtomicBool>,
    wake: Option<Box<dyn Fn() + Send>>,
    previous_thumb: Option<GrayImage>,
    /// The document search's last answer, reused while the picture is still.
    outline_track: OutlineTrack,
    faces: Vec<Face>,
    /// The largest face's landmarks, found with `faces` (the selfie).
    landmarks: Option<Landmarks>,
    faces_seq: Option<u64>,
    /// The frame of the last face job given to the worker.
    last_job: Option<u64>,
    /// In lockstep: the job whose answer the analysis waits for.
    awaited_job: Option<u64>,
    motion_since_faces: f32,
    recent_motion: VecDeque<(u64, f32)>,
    policy: AutoCapture<Candidate>,
    smoother: GuidanceSmoother,
    last: Option<Candidate>,
    /// The pictures captured so far, which no other shot may repeat.
    memory: SessionMemory,
    /// Auto-capture held while the person answers a question.
    paused: bool,
    size: SizeEstimator,
}

pub(crate) fn spawn(
    settings: Settings,
    ch: Channels,
    counters: Arc<Counters>,
    stop: Arc<AtomicBool>,
    wake: Option<Box<dyn Fn() + Send>>,
) -> Result<JoinHandle<()>, PipelineError> {
    let reports = NewestSlot::new(ch.reports.0.clone(), ch.reports.1.clone());
    let state = State {
        settings,
        ch,
        reports,
        counters,
        stop,
        wake,
        previous_thumb: None,
        outline_track: OutlineTrack::default(),
        faces: Vec::new(),
        landmarks: None,
        faces_seq: None,
        last_job: None,
        awaited_job: None,
        motion_since_faces: 0.0,
        recent_motion: VecDeque::with_capacity(MOTION_MEMORY),
        policy: AutoCapture::new(HOLD),
        smoother: GuidanceSmoother::new(GUIDANCE_HOLD),
        last: None,
        memory: SessionMemory::default(),
        paused: false,
        size: SizeEstimator::default(),
    };
    thread::Builder::new()
        .name("analysis".into())
        .spawn(move || {
            let (events, stop) = (state.ch.events.clone(), Arc::clone(&state.stop));
            run_guarded("analysis", &events, &stop, || state.run());
        })
        .map_err(|source| PipelineError::Spawn {
            thread: "analysis",
            source,
        })
}

impl State {
    fn run(mut self) {
        loop {
            if self.stop.load(Ordering::Relaxed) {
                return;
            }
            // Commands first: a pause must hold before the next frame is judged.
            while let Ok(cmd) = self.ch.commands.try_recv() {
                if !self.command(cmd) {
                    return;
                }
            }
            // Commands are taken between frames and at least every tick.
            match self.ch.frames.recv_timeout(TICK) {
                Ok(frame) => self.analyse(frame),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return self.finish(),
            }
        }
    }

    /// The source ended: let the writer finish, then say so.
    fn finish(self) {
        let State { ch, stop, .. } = self;
        drop(ch.saves);
        loop {
            match ch.writer_done.recv_timeout(TICK) {
                Err(RecvTimeoutError::Disconnected) => break,
                _ if stop.load(Ordering::Relaxed) => return,
                _ => {}
            }
        }
        ch.events.send(Event::SourceEnded);
    }

    /// Returns false on Stop.
    fn command(&mut self, cmd: Command) -> bool {
        match cmd {
            Command::Stop => return false,
            Command::SetShot(shot) => {
                self.settings.shot = shot;
                self.policy.rearm();
                self.smoother = GuidanceSmoother::new(GUIDANCE_HOLD);
            }
            Command::Rearm => self.policy.rearm(),
            Command::Save {
                shot,
                frame,
                verdicts,
            } => {
                if shot == self.settings.shot {
                    // The outline of the frame pressed on, when it is the newest
                    // analysed; else the picture alone is remembered.
                    let document = self
                        .last
                        .as_ref()
                        .filter(|l| Arc::ptr_eq(&l.rgb, &frame))
                        .and_then(|l| l.document.clone());
                    self.memory.remember(shot, &frame, document.as_ref());
                    self.policy.disarm();
                    self.save(SaveJob {
                        shot,
                        rgb: frame,
                        verdicts,
                        manual: true,
                    });
                }
            }
            Command::Pause(paused) => self.paused = paused,
        }
        true
    }

    fn save(&self, job: SaveJob) {
        let shot = job.shot;
        match self.ch.saves.try_send(job) {
            Ok(()) => self.ch.events.send(Event::Saving(shot)),
            Err(TrySendError::Full(_)) => self.ch.events.send(Event::SaveFailed(crate::tr!(
                "save-busy",
                shot = &shot.title()
            ))),
            Err(TrySendError::Disconnected(_)) => {}
        }
    }

    fn analyse(&mut self, frame: Frame) {
        let started = Instant::now();
        let rgb = &frame.rgb;
        // Shared with the face worker, which cuts its own copy.
        let grey = Arc::new(analysis::to_grey(rgb));

        let thumb = motion_thumbnail(&grey);
        let moved = self.previous_thumb.as_ref().and_then(|p| motion(p, &thumb));
        if self.recent_motion.len() == MOTION_MEMORY {
            self.recent_motion.pop_front();
        }
        self.recent_motion
            .push_back((frame.seq, moved.unwrap_or(f32::INFINITY)));

        let waiting = Instant::now();
        let answer = match self.settings.faces {
            FaceTiming::Async => self.ch.face_results.try_iter().last(),
            FaceTiming::Lockstep { every } => match self.awaited_job {
                Some(job) if frame.seq >= job + every => {
                    self.awaited_job = None;
                    self.faces_of(job)
                }
                _ => None,
            },
        };
        // Waiting for the face worker is not analysis work.
        let face_wait = waiting.elapsed();
        if let Some(result) = answer {
            self.counters.face_updates.fetch_add(1, Ordering::Relaxed);
            self.faces = result.faces;
            self.landmarks = result.landmarks;
            self.faces_seq = Some(result.seq);
            // Motion since the face frame: the frames after it, this one included.
            self.motion_since_faces = self
                .recent_motion
                .iter()
                .filter(|(seq, _)| *seq > result.seq)
                .map(|(_, m)| *m)
                .sum();
        } else {
            self.motion_since_faces += moved.unwrap_or(f32::INFINITY);
        }
        let shot = self.settings.shot;
        let faces_stale = needs_faces(shot)
            && (self.faces_seq.is_none() || self.motion_since_faces > FACES_STALE_MOTION);

        let camera = self.settings.camera;
        // Until the face worker's first answer, no document is looked for: an
        // outline around the person cannot be told from a card without their face.
        let faces_from = if !faces_stale {
            FacesFrom::ThisFrame
        } else if self.faces_seq.is_none() {
            FacesFrom::NotYet
        } else {
            FacesFrom::Earlier
        };
        // The document's outline: kept from an earlier frame while the picture is still.
        let anchors = analysis::outline_anchors(shot, &self.faces, faces_from);
        let mut no_document = Outline::default();
        let outline = if shot.document_shape().is_none() || faces_from == FacesFrom::NotYet {
            &mut no_document
        } else {
            let (counters, faces) = (&self.counters, &self.faces);
            self.outline_track.outline_for(shot, &thumb, anchors, || {
                counters.outline_searches.fetch_add(1, Ordering::Relaxed);
                analysis::search_outline(&grey, shot, faces, faces_from)
            })
        };
        let mut measurements =
            analysis::measure_outlined(rgb, &grey, shot, &self.faces, faces_from, outline, camera);
        self.previous_thumb = Some(thumb);
        measurements.motion = moved;
        measurements.session =
            self.memory
                .compare(shot, rgb, &grey, measurements.document.as_ref());
        if let Some(found) = &self.landmarks {
            measurements.set_landmarks(found.clone());
            if !faces_stale {
                measurements.measure_eyes(rgb, &grey);
            }
        }
        self.offer_face_job(frame.seq, &grey, &frame.rgb, &measurements);
        let s = &self.settings;
        let mut verdicts = rules::judge(&measurements);
        // Whether the photo would reach the exchange's minimum size.
        if let Some(bytes) = self.size.observe(rgb) {
            verdicts.push(rules::file_size::estimated_file_size(bytes));
        }
        if !s.analysis_delay.is_zero() {
            thread::sleep(s.analysis_delay);
        }
        // Steady is among the verdicts only when motion is known (not on a
        // first frame): no capture without it.
        // Paused: no streak builds up, so nothing is saved behind a question.
        let eligible =
            rules::all_pass(&verdicts) && moved.is_some() && !faces_stale && !self.paused;

        let mut capture = None;
        if s.auto_capture {
            let candidate = Candidate {
                seq: frame.seq,
                rgb: Arc::clone(rgb),
                verdicts: verdicts.clone(),
                document: measurements.document.clone(),
            };
            if let Some(best) = self.policy.observe(
                frame.time,
                eligible,
                measurements.quality.sharpness,
                candidate,
            ) {
                capture = Some(CaptureTaken {
                    seq: best.seq,
                    manual: false,
                    path: s.session.path_for(s.shot),
                });
                self.memory
                    .remember(s.shot, &best.rgb, best.document.as_ref());
                self.save(SaveJob {
                    shot: s.shot,
                    rgb: best.rgb,
                    verdicts: best.verdicts,
                    manual: false,
                });
            }
        }
        let guidance = self.smoother.update(frame.time, &verdicts);

        self.counters.analysed.fetch_add(1, Ordering::Relaxed);
        let report_document = measurements.document.clone();
        let report = LiveReport {
            seq: frame.seq,
            frame: Arc::clone(rgb),
            measurements,
            verdicts: verdicts.clone(),
            guidance_for: guidance.as_ref().map(|g| g.rule),
            guidance: guidance.map(|g| g.text),
            hold: HoldProgress {
                passing_for_secs: self.policy.passing_for().as_secs_f32(),
                needed_secs: self.policy.hold().as_secs_f32(),
                armed: self.policy.armed(),
            },
            analysis_ms: started.elapsed().saturating_sub(face_wait).as_secs_f32() * 1000.0,
            latency_ms: frame.captured_at.elapsed().as_secs_f32() * 1000.0,
            stats: self.counters.snapshot(),
            capture,
            faces_stale,
        };
        self.last = Some(Candidate {
            seq: frame.seq,
            rgb: frame.rgb,
            verdicts,
            document: report_document,
        });
        self.deliver(report);
        if let Some(wake) = &self.wake {
            wake();
        }
    }

    /// Gives the face worker the search this frame calls for: every frame when
    /// the analysis never waits (the worker takes the newest), every `every`
    /// frames in lockstep, once the previous answer is in.
    fn offer_face_job(
        &mut self,
        seq: u64,
        grey: &Arc<GrayImage>,
        rgb: &Arc<RgbImage>,
        m: &analysis::Measurements,
    ) {
        if let FaceTiming::Lockstep { every } = self.settings.faces {
            let due =
                self.awaited_job.is_none() && self.last_job.is_none_or(|last| seq >= last + every);
            if !due {
                return;
            }
        }
        let Some(mut job) = face_worker::next_job(seq, grey, m) else {
            return;
        };
        if m.shot == crate::shot::Shot::Selfie {
            job.colour = Some(Arc::clone(rgb));
        }
        self.last_job = Some(seq);
        if matches!(self.settings.faces, FaceTiming::Lockstep { .. }) {
            self.awaited_job = Some(seq);
        }
        self.ch.face_jobs.offer(job);
    }

    /// Waits for the face worker's answer on frame `seq` (older answers are
    /// dropped); `None` only when stopping.
    fn faces_of(&self, seq: u64) -> Option<FaceResult> {
        loop {
            match self.ch.face_results.recv_timeout(TICK) {
                Ok(r) if r.seq == seq => return Some(r),
                Ok(_) => {}
                Err(RecvTimeoutError::Disconnected) => return None,
                Err(RecvTimeoutError::Timeout) => {
                    if self.stop.load(Ordering::Relaxed) {
                        return None;
                    }
                }
            }
        }
    }

    fn deliver(&self, report: LiveReport) {
        match self.settings.delivery {
            ReportDelivery::NewestWins => {
                self.reports.offer(report);
            }
            ReportDelivery::Every => {
                let mut report = report;
                loop {
                    match self.ch.reports.0.send_timeout(report, TICK) {
                        Ok(()) | Err(SendTimeoutError::Disconnected(_)) => return,
                        Err(SendTimeoutError::Timeout(back)) => {
                            if self.stop.load(Ordering::Relaxed) {
                                return;
                            }
                            report = back;
                        }
                    }
                }
            }
        }
    }
}
