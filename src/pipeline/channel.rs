//! Newest-wins delivery over a bounded crossbeam channel: when the queue is
//! full, the waiting item is thrown away for the new one. The queue never grows.

use crossbeam_channel::{Receiver, Sender, TrySendError};

/// Both ends kept by the producer: the receiver clone lets it evict the stale
/// item (crossbeam has no "replace").
pub(crate) struct NewestSlot<T> {
    tx: Sender<T>,
    evict: Receiver<T>,
}

/// What happened to an offered item.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Offer {
    Queued,
    /// Queued, and this many older items were thrown away for it.
    Replaced(u64),
    /// Nobody receives any more.
    Closed,
}

impl<T> NewestSlot<T> {
    pub fn new(tx: Sender<T>, evict: Receiver<T>) -> Self {
        Self { tx, evict }
    }

    pub fn offer(&self, mut item: T) -> Offer {
        let mut dropped = 0;
        loop {
            match self.tx.try_send(item) {
                Ok(()) if dropped == 0 => return Offer::Queued,
                Ok(()) => return Offer::Replaced(dropped),
                Err(TrySendError::Disconnected(_)) => return Offer::Closed,
                Err(TrySendError::Full(back)) => {
                    item = back;
                    // The consumer may take the old one first: then nothing is lost.
                    if self.evict.try_recv().is_ok() {
                        dropped += 1;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_wins_and_the_queue_stays_bounded() {
        let (tx, rx) = crossbeam_channel::bounded(1);
        let slot = NewestSlot::new(tx, rx.clone());
        assert_eq!(slot.offer(1), Offer::Queued);
        assert_eq!(slot.offer(2), Offer::Replaced(1));
        assert_eq!(slot.offer(3), Offer::Replaced(1));
        assert_eq!(rx.len(), 1);
        assert_eq!(rx.try_recv(), Ok(3));
        assert!(rx.try_recv().is_err());
    }
}
