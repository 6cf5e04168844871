//! The face worker: rustface on a small grey copy, at its own pace, then the
//! largest face's landmarks when the job asks (the selfie). The analysis
//! offers it the newest frame, or the part of it where the face must be, and takes
//! whatever answer is newest; it never waits (but in lockstep replays).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crossbeam_channel::{Receiver, RecvTimeoutError};
use image::{GrayImage, RgbImage};

use super::channel::NewestSlot;
use super::guard::run_guarded;
use super::{EventSink, PipelineError};
use crate::analysis::landmarks::{self, Landmarks};
use crate::analysis::{self, Face, FaceDetector, FaceSearch, Measurements};
use crate::geometry::Rect;
use crate::shot::Shot;

pub struct FaceJob {
    pub seq: u64,
    /// How finely to search: a card's portrait needs more pixels than a selfie.
    pub search: FaceSearch,
    /// The face is the portrait of the document the region holds, which may lie
    /// on its side or upside down (searched turned when not found upright).
    pub portrait: bool,
    /// The frame's grey, shared with the analysis: the worker cuts and
    /// downscales on its own thread.
    pub frame: Arc<GrayImage>,
    /// The part of the frame where the face must be, in whole pixels
    /// (x, y, width, height).
    pub region: (u32, u32, u32, u32),
    /// The frame in colour, when the largest face's landmarks are wanted (the
    /// selfie): the landmark net reads colour.
    pub colour: Option<Arc<RgbImage>>,
}

pub struct FaceResult {
    /// The frame the faces were found on.
    pub seq: u64,
    /// In frame pixels, largest first.
    pub faces: Vec<Face>,
    /// The largest face's landmarks, when the job asked for them.
    pub landmarks: Option<Landmarks>,
}

/// What a measured frame needs searched next, if anything. The selfie searches
/// the whole frame. A document shot with a portrait searches the document found
/// on it, grown a little for the next frame's movement: the portrait is inside
/// it, and a face elsewhere does not count for `portrait_present`. When that
/// document holds no portrait, frames of even `seq` search the whole frame
/// instead, upright: the card may be another outline than the one found (a sheet
/// beside it won), and its portrait, found there, lets the next frames' search
/// pick it (`find_document_with_portrait`). A back side searches the document
/// found as a front's portrait is searched, turned too: a portrait there means
/// the front is shown (`back_side`). Without a document, frames of even `seq`
/// search the whole frame, upright: the faces of someone in front of the camera
/// keep an outline around them from being taken for the document, and once a
/// card is held up in front of the face, the face is gone from the next search
/// and the card's outline counts again. Before any face search has answered, no
/// document is looked for (`Measurements::faces_unknown`): every frame searches
/// the whole frame, so that the first answer comes soon.
pub fn next_job(seq: u64, grey: &Arc<GrayImage>, m: &Measurements) -> Option<FaceJob> {
    let (w, h) = grey.dimensions();
    let whole_frame = (FaceSearch::PORTRAIT_LIVE, (0, 0, w, h), false);
    let (search, region, portrait) = if m.shot == Shot::Selfie {
        (FaceSearch::LIVE, (0, 0, w, h), false)
    } else if m.document.is_none() {
        if !seq.is_multiple_of(2) && !m.faces_unknown {
            return None;
        }
        whole_frame
    } else if m.shot.is_back_side() {
        let doc = m.document.as_ref()?;
        let region = analysis::portrait_region(&doc.corners, w, h)?;
        (FaceSearch::PORTRAIT_LIVE, region, true)
    } else if m.shot.has_portrait() {
        let doc = m.document.as_ref()?;
        if !doc.portrait_found && seq.is_multiple_of(2) {
            whole_frame
        } else {
            let region = analysis::portrait_region(&doc.corners, w, h)?;
            (FaceSearch::PORTRAIT_LIVE, region, true)
        }
    } else {
        return None;
    };
    Some(FaceJob {
        seq,
        search,
        portrait,
        frame: Arc::clone(grey),
        region,
        colour: None,
    })
}

/// The small grey copy a job is searched on: its region, at the scale that
/// brings the whole frame to the search's working size, and the frame pixels
/// per copy pixel. rustface's pyramid starts at a 40 px window whatever it is
/// asked, so that scale decides speed and the smallest face (rustface's minimum
/// face size has no effect: its pyramid always starts at a 40 px window); the
/// region decides how much is searched.
fn work_image(job: &FaceJob) -> (GrayImage, f32) {
    let (w, h) = job.frame.dimensions();
    let (x, y, cw, ch) = job.region;
    let view = image::imageops::crop_imm(&*job.frame, x, y, cw, ch);
    let scale = job.search.work_long_side as f32 / w.max(h).max(1) as f32;
    if scale >= 1.0 {
        return (view.to_image(), 1.0);
    }
    let sw = ((cw as f32 * scale).round() as u32).max(1);
    let sh = ((ch as f32 * scale).round() as u32).max(1);
    (
        image::imageops::thumbnail(&*view, sw, sh),
        cw as f32 / sw as f32,
    )
}

/// The faces of a job, in frame pixels, largest first. A portrait search that
/// finds no upright face looks again with the document turned a quarter either
/// way and upside down (a page held sideways or upside down, a card turned over).
pub fn faces_in(detector: &mut FaceDetector, job: &FaceJob) -> Vec<Face> {
    TurnedMemory::default().faces_in(detector, job)
}

/// Regions overlapping this much are the same place: the document has not moved
/// (a hand-held card trembles by a few pixels; a card moving by a tenth of its
/// size is a new scene).
const SAME_PLACE_IOU: f32 = 0.9;

/// Side of the thumbnail two searched regions are compared on.
const SCENE_THUMB_SIDE: u32 = 32;
/// Mean grey difference (0–255) between two regions' thumbnails below which they
/// show the same thing: camera noise and a trembling hand stay under it, a card
/// turned over in place (its other side) is far above.
const SAME_SCENE_MAX_DIFF: f32 = 8.0;

/// The answer of the last turned search, and where and on what it was made. A
/// card with no upright portrait (a back side, a page held sideways or upside down) costs three
/// more searches; while the same card stays where it was, turning it again finds
/// the same, so they are made once per settled scene instead of on every job.
#[derive(Default)]
pub struct TurnedMemory {
    searched: Option<TurnedSearch>,
}

struct TurnedSearch {
    region: Rect,
    thumb: GrayImage,
    faces: Vec<Face>,
}

impl TurnedSearch {
    fn is_same_scene(&self, region: &Rect, thumb: &GrayImage) -> bool {
        let diff: u64 = self
            .thumb
            .as_raw()
            .iter()
            .zip(thumb.as_raw())
            .map(|(a, b)| u64::from(a.abs_diff(*b)))
            .sum();
        let mean_diff = diff as f32 / thumb.as_raw().len().max(1) as f32;
        self.region.iou(region) >= SAME_PLACE_IOU && mean_diff <= SAME_SCENE_MAX_DIFF
    }
}

impl TurnedMemory {
    /// [`faces_in`], reusing the turned search made on the same place.
    pub fn faces_in(&mut self, detector: &mut FaceDetector, job: &FaceJob) -> Vec<Face> {
        let (small, to_frame) = work_image(job);
        let origin = (job.region.0 as f32, job.region.1 as f32);
        let upright: Vec<Face> = detector
            .detect(&small)
            .into_iter()
            .map(|f| Face {
                rect: f.rect.scaled(to_frame).shifted(origin.0, origin.1),
                ..f
            })
            .collect();
        if !upright.is_empty() || !job.portrait {
            return upright;
        }
        let (x, y, w, h) = job.region;
        let region = Rect::new(x as f32, y as f32, w as f32, h as f32);
        let thumb = image::imageops::resize(
            &small,
            SCENE_THUMB_SIDE,
            SCENE_THUMB_SIDE,
            image::imageops::FilterType::Triangle,
        );
        if let Some(last) = self
            .searched
            .as_ref()
            .filter(|s| s.is_same_scene(&region, &thumb))
        {
            return last.faces.clone();
        }
        let faces = detector.detect_portrait(&small, origin, to_frame, true);
        self.searched = Some(TurnedSearch {
            region,
            thumb,
            faces: faces.clone(),
        });
        faces
    }
}

pub(crate) const LIVE_PACE: Duration = Duration::from_millis(66);

/// Leaves a core to the analysis thread. rustface spreads its search over rayon's
/// global pool, which takes every core by default: on a two-core machine the face
/// search would take both while the analysis of the newest frame waits its turn. Sizes the
/// pool at one thread fewer than the cores (at least one) unless it is in use already:
/// the first pipeline of a process calls it, and the window at start, before a
/// checked file's face search could size the pool its own way.
pub fn leave_a_core_for_analysis() {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    // An error only says the pool exists already.
    let _ = rayon::ThreadPoolBuilder::new()
        .num_threads(cores.saturating_sub(1).max(1))
        .thread_name(|i| format!("face-search-{i}"))
        .build_global();
}

/// Starts the worker. With `pace`, searches start at most that often (the
/// analysis offers every frame and never waits); lockstep runs pass `None`.
pub(crate) fn spawn(
    jobs: Receiver<FaceJob>,
    results: NewestSlot<FaceResult>,
    events: EventSink,
    stop: Arc<AtomicBool>,
    pace: Option<Duration>,
) -> Result<JoinHandle<()>, PipelineError> {
    leave_a_core_for_analysis();
    thread::Builder::new()
        .name("face-worker".into())
        .spawn(move || {
            run_guarded("face-worker", &events, &stop, || {
                search_jobs(&jobs, &results, &stop, pace)
            });
        })
        .map_err(|source| PipelineError::Spawn {
            thread: "face-worker",
            source,
        })
}

/// Searches the jobs it is given until the stop flag or the end of the jobs.
fn search_jobs(
    jobs: &Receiver<FaceJob>,
    results: &NewestSlot<FaceResult>,
    stop: &AtomicBool,
    pace: Option<Duration>,
) {
    // The detector is not `Send`: it is built here, in its own thread.
    let mut detector = FaceDetector::new(FaceSearch::LIVE);
    let mut search = FaceSearch::LIVE;
    let mut turned = TurnedMemory::default();
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
            turned = TurnedMemory::default();
        }
        let faces = turned.faces_in(&mut detector, &job);
        let landmarks = job
            .colour
            .as_deref()
            .zip(faces.first())
            .map(|(rgb, face)| landmarks::find_live(rgb, &face.rect));
        results.offer(FaceResult {
            seq: job.seq,
            faces,
            landmarks,
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
}
