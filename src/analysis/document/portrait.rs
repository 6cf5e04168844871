//! Which outlines hold the document's portrait: on a front side the holder's photo
//! anchors the document, so an outline around it at a document's size beats one
//! around a patch of desk, a sheet under the card or the text block beside the photo.

use crate::geometry::Rect;

use super::geometry::{height_px, inside_quad, width_px, Pt};

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

/// Whether the outline `corners` (input pixels, either winding) holds one of
/// `faces` as its portrait: the face's centre inside it and its width a portrait's
/// share of the outline's long side.
pub(super) fn holds_portrait(corners: &[Pt; 4], faces: &[Rect]) -> bool {
    if faces.is_empty() {
        return false;
    }
    let long = width_px(corners).max(height_px(corners));
    faces.iter().any(|f| {
        let share = f.w / long;
        (PORTRAIT_MIN_SHARE..=PORTRAIT_MAX_SHARE).contains(&share)
            && inside_quad(f.center(), corners)
    })
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

    #[test]
    fn a_portrait_sized_face_inside_is_held_either_winding() {
        let face = Rect::new(200.0, 250.0, 150.0, 180.0);
        let mut reversed = CARD;
        reversed.reverse();
        assert!(holds_portrait(&CARD, &[face]));
        assert!(holds_portrait(&reversed, &[face]));
    }

    #[test]
    fn faces_outside_or_of_the_wrong_size_are_not() {
        let outside = Rect::new(1000.0, 250.0, 150.0, 180.0);
        let too_small = Rect::new(200.0, 250.0, 60.0, 70.0);
        let too_large = Rect::new(200.0, 150.0, 400.0, 450.0);
        assert!(!holds_portrait(&CARD, &[outside, too_small, too_large]));
        assert!(!holds_portrait(&CARD, &[]));
    }
}
