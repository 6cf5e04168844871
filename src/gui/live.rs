//! The live pipeline as the GUI sees it (the agreed API of `kycam::pipeline` and
//! `kycam::capture`, /work/scratch/pipeline_api.md).
//!
//! TEMPORARY: until branch `pipeline` is merged, this file mirrors the agreed
//! types so that the screens compile; the merge replaces it with re-exports.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use image::RgbImage;

use crate::analysis::{CameraModel, Measurements};
use crate::rules::Verdict;
use crate::Shot;

#[derive(Clone, Debug)]
pub enum SourceSpec {
    Camera {
        index: u32,
    },
    Replay {
        path: PathBuf,
        fps: f32,
        repeat: u32,
        looped: bool,
    },
    Demo {
        fps: f32,
    },
}

pub struct PipelineConfig {
    pub shot: Shot,
    pub camera: CameraModel,
    pub auto_capture: bool,
    pub session: Arc<SessionWriter>,
    pub delivery: ReportDelivery,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReportDelivery {
    NewestWins,
    Every,
}

impl PipelineConfig {
    pub fn new(shot: Shot, session: Arc<SessionWriter>) -> Self {
        Self {
            shot,
            camera: CameraModel::default(),
            auto_capture: true,
            session,
            delivery: ReportDelivery::NewestWins,
        }
    }
}

pub enum Command {
    SetShot(Shot),
    Rearm,
    Shutter { confirmed: bool },
    Stop,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct HoldProgress {
    pub passing_for_secs: f32,
    pub needed_secs: f32,
    pub armed: bool,
}

#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    pub frames: u64,
    pub analysed: u64,
    pub dropped: u64,
    pub captures: u64,
}

#[derive(Clone)]
pub struct LiveReport {
    pub seq: u64,
    pub frame: Arc<RgbImage>,
    pub measurements: Measurements,
    pub verdicts: Vec<Verdict>,
    pub guidance: Option<String>,
    pub hold: HoldProgress,
    pub latency_ms: f32,
    pub stats: Stats,
    pub capture: Option<CaptureTaken>,
    pub faces_stale: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CaptureTaken {
    pub seq: u64,
    pub manual: bool,
    pub path: PathBuf,
}

pub enum Event {
    Captured(SavedShot),
    SaveFailed(String),
    ConfirmationNeeded { failing: Vec<crate::rules::RuleId> },
    SourceProblem(String),
    SourceEnded,
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct PipelineError(String);

pub struct Pipeline;

impl Pipeline {
    pub fn start(
        _source: SourceSpec,
        _config: PipelineConfig,
        _wake: Option<Box<dyn Fn() + Send>>,
    ) -> Result<Pipeline, PipelineError> {
        Err(PipelineError("the live pipeline is not merged yet".into()))
    }
    pub fn send(&self, _cmd: Command) {}
    pub fn latest_report(&self) -> Option<LiveReport> {
        None
    }
    pub fn events(&self) -> Vec<Event> {
        Vec::new()
    }
    pub fn stop(self) {}
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct SaveError(String);

pub struct SessionWriter {
    dir: PathBuf,
}

impl SessionWriter {
    pub fn create(dir: Option<PathBuf>) -> Result<Self, SaveError> {
        dir.map(|dir| Self { dir })
            .ok_or_else(|| SaveError("no folder".into()))
    }
    pub fn dir(&self) -> &Path {
        &self.dir
    }
    pub fn discard(&self, _shot: Shot) -> Result<(), SaveError> {
        Ok(())
    }
    pub fn saved(&self) -> Vec<SavedShot> {
        Vec::new()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SavedShot {
    pub shot: Shot,
    pub path: PathBuf,
    pub bytes: u64,
    pub quality: u8,
    pub manual: bool,
    pub all_passed: bool,
    pub time: String,
    pub below_min_size: bool,
}
