//! The face worker: rustface on a small grey copy, at its own pace. The analysis
//! offers it the newest frame, or the part of it where the face must be, and takes
//! whatever answer is newest; it never waits (but in lockstep replays).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError};
use image::GrayImage;

use super::channel::NewestSlot;
use super::PipelineError;
use crate::analysis::{Face, FaceDetector, FaceSearch, Measurements};
use crate::geometry::Rect;
use crate::shot::Shot;

pub struct FaceJob {
    pub seq: u64,
    /// How finely to search: a card's portrait needs more pixels than a selfie.
    pub search: FaceSearch,
    /// Grey, at most `search`'s working size: the frame, or the part of it
    /// where the face must be.
    pub grey: GrayImage,
    /// Frame pixels per `grey` pixel.
    pub to_frame: f32,
    /// Where `grey`'s top-left corner lies in the frame.
    pub origin: [f32; 2],
}

pub struct FaceResult {
    /// The frame the faces were found on.
    pub seq: u64,
    /// In frame pixels, largest first.
    pub faces: Vec<Face>,
}

/// What a measured frame needs searched next, if anything. The selfie searches
/// the whole frame. A document shot with a portrait searches only the document
/// found on it, grown a little for the next frame's movement: the portrait is
/// inside it, and a face anywhere else does not count. Without a document there
/// is no portrait to look for, and a back side has none.
pub fn next_job(seq: u64, grey: &GrayImage, m: &Measurements) -> Option<FaceJob> {
    if m.shot == Shot::Selfie {
        return job(seq, grey, None, FaceSearch::LIVE);
    }
    if !m.shot.has_portrait() {
        return None;
    }
    let corners = m.document.as_ref()?.corners;
    let (x0, y0, x1, y1) = corners.iter().fold(
        (f32::MAX, f32::MAX, f32::MIN, f32::MIN),
        |(x0, y0, x1, y1), &[x, y]| (x0.min(x), y0.min(y), x1.max(x), y1.max(y)),
    );
    let (gx, gy) = (DOCUMENT_MARGIN * (x1 - x0), DOCUMENT_MARGIN * (y1 - y0));
    let region = Rect::new(x0 - gx, y0 - gy, x1 - x0 + 2.0 * gx, y1 - y0 + 2.0 * gy);
    job(seq, grey, Some(region), FaceSearch::PORTRAIT_LIVE)
}

/// How much the document's box is grown on each side, as a fraction of its size.
const DOCUMENT_MARGIN: f32 = 0.05;

/// The small grey copy the worker searches: `region` of the frame (all of it
/// when `None`), at the scale that brings the whole frame to the search's
/// working size. rustface's pyramid starts at a 40 px window whatever it is
/// asked, so that scale decides speed and the smallest face (DESIGN §2); the
/// region decides how much is searched. `None` when the region lies outside
/// the frame.
fn job(seq: u64, grey: &GrayImage, region: Option<Rect>, search: FaceSearch) -> Option<FaceJob> {
    let (w, h) = grey.dimensions();
    let (x, y, cw, ch) = match region {
        Some(r) => r.clamped_pixels(w, h)?,
        None => (0, 0, w, h),
    };
    let view = image::imageops::crop_imm(grey, x, y, cw, ch);
    let scale = search.work_long_side as f32 / w.max(h).max(1) as f32;
    let (small, to_frame) = if scale >= 1.0 {
        (view.to_image(), 1.0)
    } else {
        let sw = ((cw as f32 * scale).round() as u32).max(1);
        let sh = ((ch as f32 * scale).round() as u32).max(1);
        (
            image::imageops::thumbnail(&*view, sw, sh),
            cw as f32 / sw as f32,
        )
    };
    Some(FaceJob {
        seq,
        search,
        grey: small,
        to_frame,
        origin: [x as f32, y as f32],
    })
}

/// The faces of a job, in frame pixels, largest first.
pub fn faces_in(detector: &mut FaceDetector, job: &FaceJob) -> Vec<Face> {
    detector
        .detect(&job.grey)
        .into_iter()
        .map(|f| {
            let r = f.rect.scaled(job.to_frame);
            Face {
                rect: Rect::new(r.x + job.origin[0], r.y + job.origin[1], r.w, r.h),
                score: f.score,
            }
        })
        .collect()
}

/// The shortest time between two live searches: 15 answers a second keep the
/// boxes fresh (issue 6 asks for 10), and on a two-core laptop a worker
/// searching flat out would take the core the decoder and analysis share.
pub(crate) const LIVE_PACE: Duration = Duration::from_millis(66);

/// Starts the worker. With `pace`, searches start at most that often (the
/// analysis offers every frame and never waits); lockstep runs pass `None`.
pub(crate) fn spawn(
    jobs: Receiver<FaceJob>,
    results: NewestSlot<FaceResult>,
    stop: Arc<AtomicBool>,
    pace: Option<Duration>,
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
                let started = Instant::now();
                if job.search != search {
                    search = job.search;
                    detector = FaceDetector::new(search);
                }
                let faces = faces_in(&mut detector, &job);
                results.offer(FaceResult {
                    seq: job.seq,
                    faces,
                });
                if let Some(pace) = pace {
                    // In short naps, so that a stop is seen at once.
                    while !stop.load(Ordering::Relaxed) {
                        let left = pace.saturating_sub(started.elapsed());
                        if left.is_zero() {
                            break;
                        }
                        thread::sleep(left.min(Duration::from_millis(20)));
                    }
                }
            }
        })
        .map_err(|source| PipelineError::Spawn {
            thread: "face-worker",
            source,
        })
}
