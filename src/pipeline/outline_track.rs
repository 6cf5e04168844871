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
//!
//! What was read from the picture along the outline (which way up the
//! machine-readable zone says the document lies) is kept with it: it depends only
//! on the picture and the outline. The glare measured along it is kept too, but
//! only while no pixel of the small copies has changed by more than noise
//! ([`OutlineTrackParams::glare_still_level`]): a reflection can appear on a card
//! that does not move, and the copies' cells, which see a card's shift, average a
//! small one away.

use image::GrayImage;

use super::motion::{largest_change, motion};
use crate::analysis::{Face, Outline};
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
    /// Largest change of any pixel of the 128 px wide copies (each the mean of
    /// about 10×10 frame pixels) between the searched frame and this one for the
    /// glare measured on an earlier frame to be kept: sensor-like noise of ±6 levels
    /// reads at most 2 on the seven realdocs card backs, and a veil 25 levels over the
    /// paper covering a third of one copy pixel reads 8; a reflection at the rule's limit
    /// (0.75 % of a card 700 px wide, about 48×48 frame pixels) covers several.
    pub glare_still_level: u8,
}

impl Default for OutlineTrackParams {
    fn default() -> Self {
        Self {
            still_motion: 2.0,
            max_reuses: 7,
            face_tolerance: 0.03,
            glare_still_level: 8,
        }
    }
}

/// The last search's answer and what it was searched on.
struct Searched {
    shot: Shot,
    thumb: GrayImage,
    anchors: Vec<Face>,
    outline: Outline,
    reuses: u32,
}

impl Searched {
    /// Whether this answer holds for a frame of `shot` whose picture is `thumb` and
    /// whose search would be anchored by `anchors`.
    fn holds(
        &self,
        shot: Shot,
        thumb: &GrayImage,
        anchors: &[Face],
        p: OutlineTrackParams,
    ) -> bool {
        self.shot == shot
            && self.reuses < p.max_reuses
            && motion(&self.thumb, thumb).is_some_and(|m| m <= p.still_motion)
            && same_faces(&self.anchors, anchors, p.face_tolerance)
    }
}

/// Remembers the last document search and says when its answer still holds.
#[derive(Default)]
pub struct OutlineTrack {
    params: OutlineTrackParams,
    last: Option<Searched>,
}

impl OutlineTrack {
    /// The document's outline for this frame of `shot`: the last search's answer
    /// (an outline or none, with what was read along it) while it holds (the
    /// picture, `thumb`, a [`super::motion::motion_thumbnail`], still and the
    /// `anchors`, the faces the search would be anchored by, in place), counting the
    /// reuse; else `search`'s answer, remembered for the frames after. What the
    /// caller reads into the outline given back is kept with it.
    pub fn outline_for(
        &mut self,
        shot: Shot,
        thumb: &GrayImage,
        anchors: &[Face],
        search: impl FnOnce() -> Outline,
    ) -> &mut Outline {
        let kept = self
            .last
            .take()
            .filter(|last| last.holds(shot, thumb, anchors, self.params));
        let last = match kept {
            Some(mut last) => {
                last.reuses += 1;
                if largest_change(&last.thumb, thumb)
                    .is_none_or(|c| c > self.params.glare_still_level)
                {
                    last.outline.glare = None;
                }
                last
            }
            None => Searched {
                shot,
                thumb: thumb.clone(),
                anchors: anchors.to_vec(),
                outline: search(),
                reuses: 0,
            },
        };
        &mut self.last.insert(last).outline
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
    use crate::analysis::document::{FoundDocument, Upright, UprightCue};
    use crate::analysis::glare::Glare;
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

    fn card() -> Outline {
        Outline {
            found: Some(FoundDocument {
                corners: [[10.0, 10.0], [110.0, 10.0], [110.0, 70.0], [10.0, 70.0]],
                score: 0.9,
            }),
            zone: None,
            glare: None,
        }
    }

    /// One frame through `track`, the search answering `answer`: the outline given,
    /// and whether the search ran.
    fn frame(
        track: &mut OutlineTrack,
        shot: Shot,
        thumb: &GrayImage,
        anchors: &[Face],
        answer: Outline,
    ) -> (Outline, bool) {
        let mut searched = false;
        let outline = track.outline_for(shot, thumb, anchors, || {
            searched = true;
            answer
        });
        (outline.clone(), searched)
    }

    #[test]
    fn a_still_picture_reuses_the_answer_until_the_limit() {
        let mut track = OutlineTrack::default();
        let (shot, still) = (Shot::IdFront, picture(0));
        assert_eq!(
            frame(&mut track, shot, &still, &[], card()),
            (card(), true),
            "nothing searched yet"
        );
        let max = OutlineTrackParams::default().max_reuses;
        for _ in 0..max {
            assert_eq!(
                frame(&mut track, shot, &still, &[], Outline::default()),
                (card(), false)
            );
        }
        assert_eq!(
            frame(&mut track, shot, &still, &[], Outline::default()),
            (Outline::default(), true),
            "searched afresh"
        );
        // No outline is an answer too.
        assert_eq!(
            frame(&mut track, shot, &still, &[], card()),
            (Outline::default(), false)
        );
    }

    #[test]
    fn motion_another_shot_or_moved_faces_search_again() {
        let anchors = [face(100.0)];
        let first = |track: &mut OutlineTrack| {
            *track = OutlineTrack::default();
            frame(track, Shot::IdFront, &picture(0), &anchors, card());
        };
        let mut track = OutlineTrack::default();
        let moved: [(Shot, GrayImage, &[Face]); 4] = [
            (Shot::IdFront, picture(40), &anchors),
            (Shot::IdBack, picture(0), &anchors),
            (Shot::IdFront, picture(0), &[face(130.0)]),
            (Shot::IdFront, picture(0), &[]),
        ];
        for (shot, thumb, faces) in &moved {
            first(&mut track);
            let (_, searched) = frame(&mut track, *shot, thumb, faces, card());
            assert!(searched, "{shot:?}, {} faces", faces.len());
        }
        // A box that jitters by a pixel is where it was.
        first(&mut track);
        let (kept, searched) = frame(
            &mut track,
            Shot::IdFront,
            &picture(0),
            &[face(101.0)],
            Outline::default(),
        );
        assert_eq!((kept, searched), (card(), false));
    }

    #[test]
    fn the_zone_read_is_kept_with_the_outline_until_a_search() {
        let mut track = OutlineTrack::default();
        let (shot, still) = (Shot::Passport, picture(0));
        let upside_down = Some(Upright {
            quarter_turns: 2,
            cue: UprightCue::Mrz,
        });
        // The first frame reads the zone into the outline it is given.
        track.outline_for(shot, &still, &[], card).zone = Some(upside_down);
        // A kept frame finds it read.
        let (kept, searched) = frame(&mut track, shot, &still, &[], card());
        assert!(!searched);
        assert_eq!(kept.zone, Some(upside_down));
        assert_eq!(kept.found, card().found);
        // A fresh search (the picture moved) reads it again.
        let (fresh, searched) = frame(&mut track, shot, &picture(40), &[], card());
        assert!(searched);
        assert_eq!(fresh.zone, None);
        // So does one after the last reuse.
        track.outline_for(shot, &picture(40), &[], card).zone = Some(upside_down);
        let max = OutlineTrackParams::default().max_reuses;
        for _ in 1..max {
            assert_eq!(
                frame(&mut track, shot, &picture(40), &[], card()).0.zone,
                Some(upside_down)
            );
        }
        let (fresh, searched) = frame(&mut track, shot, &picture(40), &[], card());
        assert!(searched);
        assert_eq!(fresh.zone, None);
    }

    /// The glare measured on the searched frame is kept while no pixel of the
    /// small copies changes by more than noise; a small bright patch, which the
    /// copies' cells average away, keeps the outline but has the glare measured again.
    #[test]
    fn the_glare_is_kept_only_while_the_picture_is_still_pixel_by_pixel() {
        let mut track = OutlineTrack::default();
        let (shot, still) = (Shot::IdFront, picture(0));
        let measured = Glare {
            largest_share: 0.02,
            ..Glare::default()
        };
        track.outline_for(shot, &still, &[], card).glare = Some(measured.clone());
        // One pixel in eight changed by the level: kept.
        let level = OutlineTrackParams::default().glare_still_level;
        let mut noisy = still.clone();
        for (i, p) in noisy.iter_mut().enumerate() {
            *p = p.wrapping_add(if i % 8 == 0 { level } else { 0 });
        }
        let (kept, searched) = frame(&mut track, shot, &noisy, &[], card());
        assert!(!searched);
        assert_eq!(kept.glare, Some(measured.clone()));
        // A 3×3 patch 30 levels brighter: the picture is still to the outline, not
        // to the glare.
        let mut patch = still.clone();
        for y in 30..33 {
            for x in 60..63 {
                patch.get_pixel_mut(x, y).0[0] += 30;
            }
        }
        assert!(motion(&still, &patch).is_some_and(|m| m <= 2.0));
        let (kept, searched) = frame(&mut track, shot, &patch, &[], card());
        assert!(!searched, "the outline is kept");
        assert_eq!(kept.found, card().found);
        assert_eq!(kept.glare, None, "the glare is measured again");
    }
}
