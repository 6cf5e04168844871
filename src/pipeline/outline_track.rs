//! The document search's answer kept while the picture stays still: a card lying on
//! the desk, or held very steadily, has the outline it had a frame ago, so the
//! search (about a third of a document frame's analysis) need not run again.
//!
//! The answer is reused only while the picture differs from the one it was searched
//! on by less than sensor noise and a fraction of a pixel's shift (compared with
//! that frame, not frame to frame, so a slow drift adds up), while the faces that
//! anchored the search are where they were, and for a few frames at most: every
//! [`OutlineTrackParams::max_reuses`] + 1-th frame is searched afresh whatever
//! happens, so no answer outlives a change the small copies cannot see.

use image::GrayImage;

use super::motion::motion;
use crate::analysis::document::FoundDocument;
use crate::analysis::Face;
use crate::shot::Shot;

/// When a search's answer may serve a later frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OutlineTrackParams {
    /// Largest motion (as [`motion`] measures it: 0–255, worst cell of 128 px
    /// wide copies) between the searched frame and this one: a shift of 1 px of a
    /// 1280 px frame reads 3–3.5 on textured scenes and sensor-like noise of ±6
    /// levels 0.5, so 2 is a still picture moved by well under a pixel.
    pub still_motion: f32,
    /// Frames in a row that may reuse one answer before the search runs again:
    /// 7 searches a still picture four times a second at 30 frames/s.
    pub max_reuses: u32,
    /// An anchoring face box counts as where it was when none of its sides moved
    /// more than this share of its width (or 2 px): the face worker's boxes on a
    /// still picture jitter by a pixel or two.
    pub face_tolerance: f32,
}

impl Default for OutlineTrackParams {
    fn default() -> Self {
        Self {
            still_motion: 2.0,
            max_reuses: 7,
            face_tolerance: 0.03,
        }
    }
}

/// The last search's answer and what it was searched on.
struct Searched {
    shot: Shot,
    thumb: GrayImage,
    anchors: Vec<Face>,
    outline: Option<FoundDocument>,
    reuses: u32,
}

/// Remembers the last document search and says when its answer still holds.
#[derive(Default)]
pub struct OutlineTrack {
    params: OutlineTrackParams,
    last: Option<Searched>,
}

impl OutlineTrack {
    /// The last search's answer (an outline or none) when it holds for this frame:
    /// same shot, the picture (`thumb`, a [`super::motion::motion_thumbnail`]) still
    /// and the `anchors` (the faces the search would be anchored by) in place.
    /// Counts the reuse; `None` means search.
    pub fn reuse(
        &mut self,
        shot: Shot,
        thumb: &GrayImage,
        anchors: &[Face],
    ) -> Option<Option<FoundDocument>> {
        let p = self.params;
        let last = self.last.as_mut()?;
        let holds = last.shot == shot
            && last.reuses < p.max_reuses
            && motion(&last.thumb, thumb).is_some_and(|m| m <= p.still_motion)
            && same_faces(&last.anchors, anchors, p.face_tolerance);
        if !holds {
            return None;
        }
        last.reuses += 1;
        Some(last.outline)
    }

    /// Remembers a search's answer for the frame `thumb` was made from.
    pub fn searched(
        &mut self,
        shot: Shot,
        thumb: &GrayImage,
        anchors: &[Face],
        outline: Option<FoundDocument>,
    ) {
        self.last = Some(Searched {
            shot,
            thumb: thumb.clone(),
            anchors: anchors.to_vec(),
            outline,
            reuses: 0,
        });
    }
}

/// Whether two lists of face boxes are the same boxes, each side within
/// `tolerance` of the box's width (at least 2 px).
fn same_faces(a: &[Face], b: &[Face], tolerance: f32) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(a, b)| {
            if a.quarter_turns != b.quarter_turns {
                return false;
            }
            let (a, b) = (&a.rect, &b.rect);
            let slack = (tolerance * a.w.max(b.w)).max(2.0);
            [
                (a.x, b.x),
                (a.y, b.y),
                (a.right(), b.right()),
                (a.bottom(), b.bottom()),
            ]
            .iter()
            .all(|(p, q)| (p - q).abs() <= slack)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::Rect;

    fn picture(shade: u8) -> GrayImage {
        GrayImage::from_fn(128, 72, |x, y| {
            image::Luma([shade.wrapping_add((x ^ y) as u8)])
        })
    }

    fn face(x: f32) -> Face {
        Face {
            rect: Rect {
                x,
                y: 100.0,
                w: 200.0,
                h: 200.0,
            },
            score: 5.0,
            quarter_turns: 0,
        }
    }

    fn card() -> Option<FoundDocument> {
        Some(FoundDocument {
            corners: [[10.0, 10.0], [110.0, 10.0], [110.0, 70.0], [10.0, 70.0]],
            score: 0.9,
        })
    }

    #[test]
    fn a_still_picture_reuses_the_answer_until_the_limit() {
        let mut track = OutlineTrack::default();
        let shot = Shot::IdFront;
        assert_eq!(
            track.reuse(shot, &picture(0), &[]),
            None,
            "nothing searched yet"
        );
        track.searched(shot, &picture(0), &[], card());
        let max = OutlineTrackParams::default().max_reuses;
        for _ in 0..max {
            assert_eq!(track.reuse(shot, &picture(0), &[]), Some(card()));
        }
        assert_eq!(track.reuse(shot, &picture(0), &[]), None, "searched afresh");
        // No outline is an answer too.
        track.searched(shot, &picture(0), &[], None);
        assert_eq!(track.reuse(shot, &picture(0), &[]), Some(None));
    }

    #[test]
    fn motion_another_shot_or_moved_faces_search_again() {
        let mut track = OutlineTrack::default();
        track.searched(Shot::IdFront, &picture(0), &[face(100.0)], card());
        assert_eq!(
            track.reuse(Shot::IdFront, &picture(40), &[face(100.0)]),
            None
        );
        assert_eq!(track.reuse(Shot::IdBack, &picture(0), &[face(100.0)]), None);
        assert_eq!(
            track.reuse(Shot::IdFront, &picture(0), &[face(130.0)]),
            None
        );
        assert_eq!(track.reuse(Shot::IdFront, &picture(0), &[]), None);
        // A box that jitters by a pixel is where it was.
        assert_eq!(
            track.reuse(Shot::IdFront, &picture(0), &[face(101.0)]),
            Some(card())
        );
    }
}
