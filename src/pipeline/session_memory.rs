//! What the session has captured, to tell a picture that repeats one of them:
//! the very frame saved for another shot (a replayed image, a still scene shown
//! for the passport and then the selfie), or on a back side the card face
//! accepted as its front.

use image::{GrayImage, RgbImage};

use crate::analysis::fingerprint::{document_hash, frame_hash, DocumentHash, SessionMatch};
use crate::analysis::{self, DocumentMeasures};
use crate::shot::Shot;

struct Taken {
    shot: Shot,
    frame: u64,
    side: Option<DocumentHash>,
}

/// The newest capture of each shot. A retaken shot replaces its earlier one.
#[derive(Default)]
pub(crate) struct SessionMemory {
    taken: Vec<Taken>,
}

impl SessionMemory {
    /// Remembers the picture captured for `shot`, with the document found on it.
    pub fn remember(&mut self, shot: Shot, rgb: &RgbImage, document: Option<&DocumentMeasures>) {
        let side = document.map(|d| side_hash(&analysis::to_grey(rgb), d));
        self.taken.retain(|t| t.shot != shot);
        self.taken.push(Taken {
            shot,
            frame: frame_hash(rgb),
            side,
        });
    }

    /// This frame for `shot` against the other shots' pictures; `None` while no
    /// other shot has been taken.
    pub fn compare(
        &self,
        shot: Shot,
        rgb: &RgbImage,
        grey: &GrayImage,
        document: Option<&DocumentMeasures>,
    ) -> Option<SessionMatch> {
        let mut others = self.taken.iter().filter(|t| t.shot != shot).peekable();
        others.peek()?;
        let frame = frame_hash(rgb);
        let mut same_picture_as = None;
        let mut front = None;
        for t in others {
            if t.frame == frame && same_picture_as.is_none() {
                same_picture_as = Some(t.shot);
            }
            if Some(t.shot) == shot.front_side() {
                front = t.side;
            }
        }
        let front_distance = front
            .zip(document)
            .map(|(front, d)| front.distance(&side_hash(grey, d)));
        Some(SessionMatch {
            same_picture_as,
            front_distance,
        })
    }
}

fn side_hash(grey: &GrayImage, d: &DocumentMeasures) -> DocumentHash {
    document_hash(grey, &d.corners, d.geometry.standing)
}
