//! The portrait on a document photo: the card or passport page found by the
//! portrait it holds, rectified at its own resolution (perspective and an
//! in-plane turn undone), and the face found again on the straightened document.

use image::{GrayImage, RgbImage};

use crate::analysis::document::{self, FoundDocument, Portraits};
use crate::analysis::{self, Face, FaceDetector, FaceSearch};
use crate::shot::DocumentShape;

/// A document's portrait, ready to be described.
#[derive(Clone, Debug)]
pub struct DocumentPortrait {
    /// The document, rectified at the resolution it had in the photo.
    pub document: RgbImage,
    /// The portrait's face on `document`.
    pub face: Face,
}

/// The document in the photo `grey` whose portrait is one of `faces` (found in
/// `grey`), with that face: an ID-1 card first, then a passport page. `None` when
/// no document holds a face at a portrait's size and place.
pub(super) fn find_with_portrait(
    grey: &GrayImage,
    faces: &[Face],
) -> Option<(FoundDocument, Face)> {
    if faces.is_empty() {
        return None;
    }
    [DocumentShape::Id1, DocumentShape::PassportPage]
        .into_iter()
        .find_map(|shape| {
            let found = document::find_document_with_portrait(grey, shape, faces)?;
            let face = faces.iter().copied().find(|face| {
                Portraits::new(std::slice::from_ref(face), grey.dimensions())
                    .held_by(&found.corners)
            })?;
            Some((found, face))
        })
}

/// The portrait of the document `rgb` shows: the document found with
/// [`find_with_portrait`] among `faces` (found in `rgb` at
/// [`FaceSearch::PORTRAIT_STILL`]), rectified, and its largest face. When the
/// straightened document shows no face to the detector (rare: it was found in
/// the photo), the face as found in the photo is used, on the photo.
pub fn portrait_of(rgb: &RgbImage, grey: &GrayImage, faces: &[Face]) -> Option<DocumentPortrait> {
    let (found, face_in_photo) = find_with_portrait(grey, faces)?;
    let rectified = document::rectify_own_size(rgb, &found.corners);
    let again = FaceDetector::new(FaceSearch::STILL)
        .detect(&analysis::to_grey(&rectified))
        .into_iter()
        .next();
    Some(match again {
        Some(face) => DocumentPortrait {
            document: rectified,
            face,
        },
        None => DocumentPortrait {
            document: rgb.clone(),
            face: face_in_photo,
        },
    })
}

/// [`portrait_of`] on a photo alone: faces searched at the portrait's size first.
pub fn portrait_in_photo(rgb: &RgbImage) -> Option<DocumentPortrait> {
    let grey = analysis::to_grey(rgb);
    let faces = FaceDetector::new(FaceSearch::PORTRAIT_STILL).detect(&grey);
    portrait_of(rgb, &grey, &faces)
}
