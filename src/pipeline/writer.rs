//! The writer: JPEG encoding and the atomic save, off the analysis thread
//! (a fit can take seven encodes, ~0.2 s at 1280×720).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::{self, JoinHandle};

use crossbeam_channel::{Receiver, Sender};
use image::RgbImage;

use super::guard::run_guarded;
use super::{Counters, Event, EventSink, PipelineError};
use crate::capture::SessionWriter;
use crate::rules::Verdict;
use crate::shot::Shot;

pub(crate) struct SaveJob {
    pub shot: Shot,
    pub rgb: Arc<RgbImage>,
    pub verdicts: Vec<Verdict>,
    pub manual: bool,
}

/// Saves jobs until the analysis drops its sender; `done` is dropped on exit so
/// the analysis can wait for the last save before it says the source ended.
pub(crate) fn spawn(
    jobs: Receiver<SaveJob>,
    session: Arc<SessionWriter>,
    events: EventSink,
    counters: Arc<Counters>,
    done: Sender<()>,
    stop: Arc<AtomicBool>,
) -> Result<JoinHandle<()>, PipelineError> {
    thread::Builder::new()
        .name("writer".into())
        .spawn(move || {
            let _done = done;
            run_guarded("writer", &events.clone(), &stop, || {
                save_all(&jobs, &session, &events, &counters)
            });
        })
        .map_err(|source| PipelineError::Spawn {
            thread: "writer",
            source,
        })
}

fn save_all(
    jobs: &Receiver<SaveJob>,
    session: &SessionWriter,
    events: &EventSink,
    counters: &Counters,
) {
    for job in jobs.iter() {
        match session.save(job.shot, &job.rgb, &job.verdicts, job.manual) {
            Ok(saved) => {
                counters.captures.fetch_add(1, Ordering::Relaxed);
                events.send(Event::Captured(saved));
            }
            Err(e) => events.send(Event::SaveFailed(crate::tr!(
                "save-failed",
                shot = &job.shot.title(),
                error = &e.to_string()
            ))),
        }
    }
}
