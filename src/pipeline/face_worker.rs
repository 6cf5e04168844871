//! The face worker: rustface on a small grey copy, at its own pace. The analysis
//! offers it the newest frame and takes whatever answer is newest; it never waits.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::Duration;

use crossbeam_channel::{Receiver, RecvTimeoutError};
use image::GrayImage;

use super::channel::NewestSlot;
use super::PipelineError;
use crate::analysis::{Face, FaceDetector, FaceSearch};

pub(crate) struct FaceJob {
    pub seq: u64,
    /// How finely to search: a card's portrait needs more pixels than a selfie.
    pub search: FaceSearch,
    /// Grey, at most `search`'s working size.
    pub grey: GrayImage,
    /// Frame pixels per `grey` pixel.
    pub to_frame: f32,
}

pub(crate) struct FaceResult {
    /// The frame the faces were found on.
    pub seq: u64,
    /// In frame pixels, largest first.
    pub faces: Vec<Face>,
}

/// The small grey copy the worker searches: rustface's pyramid starts at a 40 px
/// window whatever it is asked, so the image size decides speed and the smallest
/// face (DESIGN §2); downscaling here also keeps the copy sent across small.
pub(crate) fn job(seq: u64, grey: &GrayImage, search: FaceSearch) -> FaceJob {
    let (w, h) = grey.dimensions();
    let long = w.max(h).max(1);
    let side = search.work_long_side;
    if long <= side {
        return FaceJob {
            seq,
            search,
            grey: grey.clone(),
            to_frame: 1.0,
        };
    }
    let scale = side as f32 / long as f32;
    let sw = ((w as f32 * scale).round() as u32).max(1);
    let sh = ((h as f32 * scale).round() as u32).max(1);
    FaceJob {
        seq,
        search,
        grey: image::imageops::thumbnail(grey, sw, sh),
        to_frame: w as f32 / sw as f32,
    }
}

pub(crate) fn spawn(
    jobs: Receiver<FaceJob>,
    results: NewestSlot<FaceResult>,
    stop: Arc<AtomicBool>,
) -> Result<JoinHandle<()>, PipelineError> {
    thread::Builder::new()
        .name("face-worker".into())
        .spawn(move || {
            // The detector is not `Send`: it is built here, in its own thread.
            let mut detector = FaceDetector::new(FaceSearch::LIVE);
            let mut search = FaceSearch::LIVE;
            while !stop.load(Ordering::Relaxed) {
                let job = match jobs.recv_timeout(Duration::from_millis(50)) {
                    Ok(j) => j,
                    Err(RecvTimeoutError::Timeout) => continue,
                    Err(RecvTimeoutError::Disconnected) => break,
                };
                if job.search != search {
                    search = job.search;
                    detector = FaceDetector::new(search);
                }
                let faces = detector
                    .detect(&job.grey)
                    .into_iter()
                    .map(|f| Face {
                        rect: f.rect.scaled(job.to_frame),
                        score: f.score,
                    })
                    .collect();
                results.offer(FaceResult {
                    seq: job.seq,
                    faces,
                });
            }
        })
        .map_err(|source| PipelineError::Spawn {
            thread: "face-worker",
            source,
        })
}
