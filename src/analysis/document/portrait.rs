//! Which outlines hold the document's portrait: on a front side the holder's photo
//! anchors the document, so an outline around it at a document's size beats one
//! around a patch of desk, a sheet under the card or the text block beside the photo.

use crate::analysis::Face;
use crate::geometry::Rect;

use super::geometry::{distance_to_quad, height_px, inside_quad, width_px, Pt};

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

/// How far (in face widths) from an outline a portrait-sized face may be to count as
/// beside it: the face's centre lies half the photo's width (about 0.9 face widths)
/// plus a gap from the text block beside the photo.
const BESIDE_MAX_FACE_WIDTHS: f32 = 1.5;

/// A face that takes an outline away must be a confident one: the portraits on the real
/// specimens score 9.9–35, the faces the detector sees in a desk's gravel or bricks
/// 2–6 (one beside a card on its side, before the portrait was searched turned, took
/// the card away).
const BESIDE_MIN_FACE_SCORE: f32 = 8.0;

/// Whether the outline `corners` (input pixels, either winding) holds one of
/// `faces` as its portrait: the face's centre inside it and its width a portrait's
/// share of the outline's long side.
pub(crate) fn holds_portrait(corners: &[Pt; 4], faces: &[Face]) -> bool {
    let share = portrait_share(corners);
    faces
        .iter()
        .any(|f| share(&f.rect) && inside_quad(f.rect.center(), corners))
}

/// Whether the outline `corners` is print beside a front's portrait rather than the
/// document: it holds none of `faces` as its portrait, but a confidently found one
/// (score at least `BESIDE_MIN_FACE_SCORE`) lies just outside it, within
/// `BESIDE_MAX_FACE_WIDTHS` of it, at a portrait's share of it. That is the text block
/// or a band next to the photo of a card whose own outline was missed, most often
/// because the frame cuts it: reported, such an outline passes `corners_visible` on a
/// card that is not whole.
pub(super) fn beside_portrait(corners: &[Pt; 4], faces: &[Face]) -> bool {
    if holds_portrait(corners, faces) {
        return false;
    }
    let share = portrait_share(corners);
    faces.iter().any(|f| {
        let c = f.rect.center();
        f.score >= BESIDE_MIN_FACE_SCORE
            && share(&f.rect)
            && !inside_quad(c, corners)
            && distance_to_quad(c, corners) <= BESIDE_MAX_FACE_WIDTHS * f.rect.w
    })
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

    /// A face found with confidence.
    fn face(x: f32, y: f32, w: f32, h: f32) -> Face {
        Face {
            rect: Rect::new(x, y, w, h),
            score: 20.0,
        }
    }

    #[test]
    fn a_portrait_sized_face_inside_is_held_either_winding() {
        let face = face(200.0, 250.0, 150.0, 180.0);
        let mut reversed = CARD;
        reversed.reverse();
        assert!(holds_portrait(&CARD, &[face]));
        assert!(holds_portrait(&reversed, &[face]));
    }

    #[test]
    fn faces_outside_or_of_the_wrong_size_are_not() {
        let outside = face(1000.0, 250.0, 150.0, 180.0);
        let too_small = face(200.0, 250.0, 60.0, 70.0);
        let too_large = face(200.0, 150.0, 400.0, 450.0);
        assert!(!holds_portrait(&CARD, &[outside, too_small, too_large]));
        assert!(!holds_portrait(&CARD, &[]));
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
        let portrait = face(200.0, 250.0, 120.0, 140.0);
        assert!(beside_portrait(&text, &[portrait]));
        // The card itself holds it; a face far off, or of a size no portrait of this
        // outline has (a person behind the card), is not beside it.
        assert!(!beside_portrait(&CARD, &[portrait]));
        let far = face(-300.0, 250.0, 120.0, 140.0);
        let person = face(10.0, 150.0, 380.0, 420.0);
        // A face the detector is unsure of (gravel, bricks) takes nothing away.
        let unsure = Face {
            score: 3.0,
            ..portrait
        };
        assert!(!beside_portrait(&text, &[far, person, unsure]));
        assert!(!beside_portrait(&text, &[]));
    }
}
