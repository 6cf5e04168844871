//! Which outlines hold the document's portrait: on a front side the holder's photo
//! anchors the document, so an outline around it at a document's size beats one
//! around a patch of desk, a sheet under the card or the text block beside the photo.

use crate::analysis::Face;
use crate::geometry::Rect;

use super::geometry::{distance_to_quad, height_px, inside_quad, width_over_height, width_px, Pt};
use super::warp::{apply_h, quad_to_unit_square};

/// A face box's width as a share of the document's long side, where the face can be
/// the portrait printed on it. The portrait of an ID-1 card or a passport data page is
/// 22–45 mm wide on an 85.6 / 125 mm document and the face box about 0.55–0.6 of
/// it: 0.14–0.22; measured 0.13–0.21 on the real specimens and 0.11–0.20 on the
/// synthetic cards. The bounds leave room for perspective and the detector's box:
/// a rectangle printed on the card (the portrait's frame, ≥ 0.4) or a sheet twice the
/// card's size (≤ 0.1) falls outside.
/// (Choosing among the verified outlines by it, 0.11–0.22 found 3 more of the 260
/// in-frame held-out cards, but fits the synthetic cards rather than real ones;
/// 0.08–0.35 found one fewer: docs/evaluation.md, fifteenth round.)
const PORTRAIT_MIN_SHARE: f32 = 0.09;
const PORTRAIT_MAX_SHARE: f32 = 0.30;

/// How far across the document a portrait's face lies at least, from the nearer long
/// side as a share of the short side: a front's portrait fills most of the height
/// between its header and the text or MRZ below, so the face sits in the middle band
/// (0.38–0.49 of the way across on the eleven real documents, 0.39–0.48 on the
/// synthetic cards). An outline with the face near one of its long sides is not the card around
/// the portrait but the card with a strip of desk or the edge of a sheet beside it.
/// (Set from the real documents, not swept: docs/evaluation.md, eighteenth round.)
const PORTRAIT_MIN_ACROSS: f32 = 1.0 / 3.0;

/// How far (in face widths) from an outline a portrait-sized face may be to count as
/// beside it: the face's centre lies half the photo's width (about 0.9 face widths)
/// plus a gap from the text block beside the photo.
const BESIDE_MAX_FACE_WIDTHS: f32 = 1.5;

/// A face that takes an outline away must be a confident one: the portraits on the real
/// specimens score 9.9–35, the faces the detector sees in a desk's gravel or bricks
/// 2–6 (one beside a card on its side, before the portrait was searched turned, took
/// the card away).
const BESIDE_MIN_FACE_SCORE: f32 = 8.0;

/// The faces found in a frame, any of which may be the portrait printed on a front
/// side, and the frame's size: the camera model that tells a document's long side from
/// its short one under perspective.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Portraits<'a> {
    faces: &'a [Face],
    frame: (u32, u32),
}

impl<'a> Portraits<'a> {
    /// The search of a side without a portrait (a back side, or grown outlines).
    pub(super) const NONE: Portraits<'static> = Portraits {
        faces: &[],
        frame: (0, 0),
    };

    /// `faces` found in a `frame` (width, height) of input pixels.
    pub(crate) fn new(faces: &'a [Face], frame: (u32, u32)) -> Self {
        Portraits { faces, frame }
    }

    /// Whether the outline `corners` (input pixels, any starting corner, either winding)
    /// holds one of the faces as its portrait: the face's centre inside it, in the middle
    /// band across it, and its width a portrait's share of the outline's long side.
    pub(crate) fn held_by(&self, corners: &[Pt; 4]) -> bool {
        let share = portrait_share(corners);
        self.faces.iter().any(|f| {
            let c = f.rect.center();
            share(&f.rect)
                && inside_quad(c, corners)
                && self
                    .across(corners, c)
                    .is_some_and(|a| a >= PORTRAIT_MIN_ACROSS)
        })
    }

    /// Whether the outline `corners` is print beside a front's portrait rather than the
    /// document: it holds none of the faces as its portrait, but a confidently found one
    /// (score at least `BESIDE_MIN_FACE_SCORE`) lies just outside it, within
    /// `BESIDE_MAX_FACE_WIDTHS` of it, at a portrait's share of it. That is the text
    /// block or a band next to the photo of a card whose own outline was missed, most
    /// often because the frame cuts it: reported, such an outline passes
    /// `corners_visible` on a card that is not whole.
    pub(super) fn beside(&self, corners: &[Pt; 4]) -> bool {
        if self.held_by(corners) {
            return false;
        }
        let share = portrait_share(corners);
        self.faces.iter().any(|f| {
            let c = f.rect.center();
            f.score >= BESIDE_MIN_FACE_SCORE
                && share(&f.rect)
                && !inside_quad(c, corners)
                && distance_to_quad(c, corners) <= BESIDE_MAX_FACE_WIDTHS * f.rect.w
        })
    }

    /// How far across the document `corners` the point `p` lies, perspective undone:
    /// its distance from the nearer long side as a share of the short side (0.5 is the
    /// middle). `None` for a degenerate outline.
    fn across(&self, corners: &[Pt; 4], p: Pt) -> Option<f32> {
        let [u, v] = apply_h(&quad_to_unit_square(corners)?, p[0], p[1])?;
        let (fw, fh) = (self.frame.0 as f32, self.frame.1 as f32);
        // `u` runs along the side from corner 0 to corner 1, `v` along that from 0 to 3.
        let across = if width_over_height(corners, fw, fh) >= 1.0 {
            v
        } else {
            u
        };
        Some(across.min(1.0 - across))
    }
}

/// Whether a face box is of a portrait's size for the outline `corners`.
fn portrait_share(corners: &[Pt; 4]) -> impl Fn(&Rect) -> bool {
    let long = width_px(corners).max(height_px(corners));
    move |f| (PORTRAIT_MIN_SHARE..=PORTRAIT_MAX_SHARE).contains(&(f.w / long))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CARD: [Pt; 4] = [
        [100.0, 100.0],
        [956.0, 100.0],
        [956.0, 640.0],
        [100.0, 640.0],
    ];
    const FRAME: (u32, u32) = (1280, 720);

    /// A face found with confidence.
    fn face(x: f32, y: f32, w: f32, h: f32) -> Face {
        Face {
            rect: Rect::new(x, y, w, h),
            score: 20.0,
        }
    }

    fn held(corners: &[Pt; 4], faces: &[Face]) -> bool {
        Portraits::new(faces, FRAME).held_by(corners)
    }

    fn beside(corners: &[Pt; 4], faces: &[Face]) -> bool {
        Portraits::new(faces, FRAME).beside(corners)
    }

    #[test]
    fn a_portrait_sized_face_inside_is_held_from_any_corner_either_winding() {
        let face = face(200.0, 280.0, 150.0, 180.0);
        let mut reversed = CARD;
        reversed.reverse();
        let mut turned = CARD;
        turned.rotate_left(1);
        for corners in [CARD, reversed, turned] {
            assert!(held(&corners, &[face]), "{corners:?}");
        }
    }

    #[test]
    fn faces_outside_or_of_the_wrong_size_are_not() {
        let outside = face(1000.0, 250.0, 150.0, 180.0);
        let too_small = face(200.0, 250.0, 60.0, 70.0);
        let too_large = face(200.0, 150.0, 400.0, 450.0);
        assert!(!held(&CARD, &[outside, too_small, too_large]));
        assert!(!held(&CARD, &[]));
    }

    #[test]
    fn a_face_near_a_long_side_is_no_portrait_of_the_outline() {
        // The card's own outline holds its portrait in the middle band across it; the
        // card with a strip of desk below it has the same face in its upper third.
        let portrait = face(180.0, 246.0, 120.0, 140.0);
        assert!(held(&CARD, &[portrait]));
        let with_desk = [
            [100.0, 100.0],
            [1300.0, 100.0],
            [1300.0, 860.0],
            [100.0, 860.0],
        ];
        assert!(!held(&with_desk, &[portrait]));
    }

    #[test]
    fn across_is_measured_with_perspective_undone() {
        // An ID-1 card (85.6 × 54 mm) 40 cm from a camera of `FRAME`'s assumed focal
        // length, turned 65° about the vertical: on screen it is taller than wide, yet
        // its long side runs across the picture. Its portrait's centre, 20 % along and
        // 45 % down the card, is held.
        let (f, turn) = (1024.0f32, 65f32.to_radians());
        let project = |x: f32, y: f32| -> Pt {
            // Millimetres from the card's centre; the camera looks along +z.
            let (px, pz) = (x * turn.cos(), 400.0 + x * turn.sin());
            [640.0 + f * px / pz, 360.0 + f * y / pz]
        };
        let (w, h) = (85.6, 54.0);
        let card = [
            project(-w / 2.0, -h / 2.0),
            project(w / 2.0, -h / 2.0),
            project(w / 2.0, h / 2.0),
            project(-w / 2.0, h / 2.0),
        ];
        assert!(width_px(&card) < height_px(&card), "{card:?}");
        let [cx, cy] = project(-w / 2.0 + 0.2 * w, -h / 2.0 + 0.45 * h);
        let size = 0.16 * height_px(&card);
        let portrait = face(cx - size / 2.0, cy - size / 2.0, size, size);
        assert!(held(&card, &[portrait]));
    }

    #[test]
    fn an_outline_just_beside_a_portrait_is_print_beside_it() {
        // The card's text block: right of the portrait, which it does not hold.
        let text = [
            [400.0, 200.0],
            [940.0, 200.0],
            [940.0, 620.0],
            [400.0, 620.0],
        ];
        let portrait = face(200.0, 280.0, 120.0, 140.0);
        assert!(beside(&text, &[portrait]));
        // The card itself holds it; a face far off, or of a size no portrait of this
        // outline has (a person behind the card), is not beside it.
        assert!(!beside(&CARD, &[portrait]));
        let far = face(-300.0, 250.0, 120.0, 140.0);
        let person = face(10.0, 150.0, 380.0, 420.0);
        // A face the detector is unsure of (gravel, bricks) takes nothing away.
        let unsure = Face {
            score: 3.0,
            ..portrait
        };
        assert!(!beside(&text, &[far, person, unsure]));
        assert!(!beside(&text, &[]));
    }
}
