//! A pipeline thread that panics ends the session with a message. Without this
//! the other threads would wait for it forever: the supervisor for a source that
//! never says it is done, the analysis for frames, replay for a save.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};

use super::{Event, EventSink};

/// Runs a thread's body; if it panics, tells the consumer with
/// [`Event::Failed`] and raises the stop flag so every other thread ends.
/// Returns whether the body panicked.
pub(crate) fn run_guarded(
    thread: &str,
    events: &EventSink,
    stop: &AtomicBool,
    body: impl FnOnce(),
) -> bool {
    let Err(payload) = catch_unwind(AssertUnwindSafe(body)) else {
        return false;
    };
    let reason = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_owned());
    // Told before the stop flag is raised: the sink gives up once stopping.
    events.send(Event::Failed(format!(
        "kycam stopped on an internal error in its {thread} thread ({reason}); \
         the photos saved so far are kept."
    )));
    stop.store(true, Ordering::SeqCst);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_panic_is_told_and_stops_the_others() {
        let (tx, rx) = crossbeam_channel::bounded(4);
        let stop = Arc::new(AtomicBool::new(false));
        let sink = EventSink {
            tx,
            stop: Arc::clone(&stop),
        };
        assert!(!run_guarded("test", &sink, &stop, || {}));
        assert!(!stop.load(Ordering::SeqCst));
        assert!(rx.try_recv().is_err());

        let panicked = run_guarded("writer", &sink, &stop, || panic!("disk on fire {}", 7));
        assert!(panicked && stop.load(Ordering::SeqCst));
        match rx.try_recv() {
            Ok(Event::Failed(msg)) => {
                assert!(
                    msg.contains("writer") && msg.contains("disk on fire 7"),
                    "{msg}"
                )
            }
            other => panic!("expected Failed, got {other:?}"),
        }
    }
}
