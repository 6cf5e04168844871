//! Frames and the sources that make them.

use std::sync::Arc;
use std::time::{Duration, Instant};

use image::RgbImage;

use super::source::SourceTrouble;

/// One picture from a source, shared (never copied) between the threads.
#[derive(Clone, Debug)]
pub struct Frame {
    /// Numbered by the source from 0; gaps are frames dropped before analysis.
    pub seq: u64,
    /// When the source produced it, for the latency figure.
    pub captured_at: Instant,
    /// Its time on the source's clock (camera: since the stream opened; replay:
    /// `seq / fps`). Auto-capture's hold time is measured on this clock, so that a
    /// replay gives the same captures however fast the machine analyses it.
    pub time: Duration,
    pub rgb: Arc<RgbImage>,
}

/// How a source wants its frames delivered.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Pacing {
    /// The source blocks until its next picture (a camera): send at once,
    /// newest wins, frame time from the wall clock.
    Live,
    /// Release a frame every `1 / fps` s, newest wins (a recording played back).
    Fps(f32),
    /// As fast as the analysis takes them, dropping none (throughput runs and
    /// tests). Frame time is that of a 30 fps recording.
    Lossless,
}

/// One step of a source.
#[derive(Debug)]
pub enum SourceStep {
    Frame(Arc<RgbImage>),
    /// Something went wrong but the source goes on (a frame file could not be
    /// read, the camera was unplugged and is being reopened).
    Problem(SourceTrouble),
    /// The source has nothing more (end of a replay).
    End,
    /// The source cannot go on (no camera, permission denied).
    Failed(SourceTrouble),
}

/// The picture format a camera was opened at, for Settings to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SourceMode {
    pub width: u32,
    pub height: u32,
    pub fps: u32,
    /// The camera's pixel format: "MJPEG", "YUYV", "NV12"…
    pub format: &'static str,
}

impl std::fmt::Display for SourceMode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}×{} at {} fps ({})",
            self.width, self.height, self.fps, self.format
        )
    }
}

/// A producer of frames. It lives on the source thread and need not be `Send`
/// (nokhwa's `Camera` is not): it is built inside that thread by its opener.
pub trait FrameSource {
    /// How its frames are to be paced.
    fn pacing(&self) -> Pacing;
    /// The next step; may block (a camera waiting for its next picture).
    fn next(&mut self) -> SourceStep;
    /// The format a camera was opened at; `None` for other sources.
    fn mode(&self) -> Option<SourceMode> {
        None
    }
}
