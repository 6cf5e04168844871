//! The best candidate outlines kept while a search considers many: highest rank
//! first, no two alike, at most a given number.

use super::geometry::quad_iou;
use super::quads::Quad;

/// The best quads considered so far, highest rank first, no two alike.
pub(super) struct TopQuads {
    quads: Vec<Quad>,
    cap: usize,
}

impl TopQuads {
    /// Keeps at most `cap` quads.
    pub(super) fn new(cap: usize) -> Self {
        TopQuads {
            quads: Vec::with_capacity(cap + 1),
            cap,
        }
    }

    /// Whether a quad of `rank` would be kept (unless a better one alike is kept).
    pub(super) fn admits(&self, rank: f32) -> bool {
        self.quads.len() < self.cap || self.quads.last().is_some_and(|q| q.rank() < rank)
    }

    /// Keeps `quad` in rank order when it is among the best, replacing a worse one
    /// alike (overlap above `same_iou`).
    pub(super) fn insert(&mut self, quad: Quad, same_iou: f32) {
        let rank = quad.rank();
        if !self.admits(rank) {
            return;
        }
        if let Some(i) = self
            .quads
            .iter()
            .position(|q| quad_iou(&q.corners, &quad.corners) > same_iou)
        {
            if self.quads[i].rank() >= rank {
                return;
            }
            self.quads.remove(i);
        }
        let at = self
            .quads
            .iter()
            .position(|o| o.rank() < rank)
            .unwrap_or(self.quads.len());
        self.quads.insert(at, quad);
        self.quads.truncate(self.cap);
    }

    /// The quads kept, highest rank first.
    pub(super) fn into_quads(self) -> Vec<Quad> {
        self.quads
    }
}
