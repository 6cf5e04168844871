//! The session's comparison: the selfie against the portrait on the accepted
//! front of the ID card or driving licence, or the passport page, read from the
//! photos as saved. What it finds is recorded with the selfie in session.json.

use std::path::Path;

use serde::Serialize;

use super::causes::{likely_causes, Cause, CauseLimits, FaceLook};
use super::document::portrait_in_photo;
use crate::analysis::face_descriptor::{self, SAME_PERSON_MAX_DISTANCE};
use crate::analysis::{to_grey, FaceDetector, FaceSearch};
use crate::imageio;
use crate::shot::Shot;

/// What the comparison came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchResult {
    /// The distance is below the threshold.
    SamePerson,
    /// The distance is at or above the threshold: a warning, never a refusal.
    MayDiffer,
    /// No portrait was found on the document photo: nothing was compared.
    NoPortrait,
    /// No face was found in the selfie: nothing was compared.
    NoFaceInSelfie,
    /// One of the two photos could not be read back from disk.
    Unreadable,
}

/// The comparison of one selfie with one document photo, as session.json
/// records it under the selfie (`face_match`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FaceMatchRecord {
    /// The document photo whose portrait the selfie was compared with.
    pub compared_with: Shot,
    pub result: MatchResult,
    /// Euclidean distance between the two descriptors; `None` when nothing was
    /// compared.
    pub distance: Option<f32>,
    /// The same person below this distance.
    pub threshold: f32,
    /// `distance < threshold`; `None` when nothing was compared.
    pub same_person: Option<bool>,
    /// When they may differ: the likely causes measured on the two faces,
    /// likeliest first (empty otherwise, or when nothing stands out).
    pub causes: Vec<Cause>,
}

impl FaceMatchRecord {
    fn not_compared(compared_with: Shot, result: MatchResult) -> Self {
        FaceMatchRecord {
            compared_with,
            result,
            distance: None,
            threshold: SAME_PERSON_MAX_DISTANCE,
            same_person: None,
            causes: Vec::new(),
        }
    }
}

/// Compares the selfie saved at `selfie` with the portrait on the document photo
/// saved at `document` (the shot `document_shot`): the selfie's largest face
/// against the portrait cut from the rectified document (see
/// [`super::document`]). Takes one or two descriptors and, when they may differ,
/// a landmark pass on each face: run it off the window's thread.
pub fn compare_selfie_with_document(
    selfie: &Path,
    document: &Path,
    document_shot: Shot,
) -> FaceMatchRecord {
    let not_compared = |result| FaceMatchRecord::not_compared(document_shot, result);
    let (Ok(selfie_photo), Ok(document_photo)) =
        (imageio::load_image(selfie), imageio::load_image(document))
    else {
        return not_compared(MatchResult::Unreadable);
    };
    let Some(portrait) = portrait_in_photo(&document_photo.rgb) else {
        return not_compared(MatchResult::NoPortrait);
    };
    let selfie_rgb = selfie_photo.rgb;
    let Some(selfie_face) = FaceDetector::new(FaceSearch::STILL)
        .detect(&to_grey(&selfie_rgb))
        .into_iter()
        .next()
    else {
        return not_compared(MatchResult::NoFaceInSelfie);
    };
    let distance = face_descriptor::describe_face(&selfie_rgb, &selfie_face.rect).distance(
        &face_descriptor::describe_face(&portrait.document, &portrait.face.rect),
    );
    let same_person = distance < SAME_PERSON_MAX_DISTANCE;
    let causes = if same_person {
        Vec::new()
    } else {
        likely_causes(
            &FaceLook::measure(&selfie_rgb, &selfie_face.rect),
            &FaceLook::measure(&portrait.document, &portrait.face.rect),
            &CauseLimits::DEFAULT,
        )
    };
    FaceMatchRecord {
        compared_with: document_shot,
        result: if same_person {
            MatchResult::SamePerson
        } else {
            MatchResult::MayDiffer
        },
        distance: Some(distance),
        threshold: SAME_PERSON_MAX_DISTANCE,
        same_person: Some(same_person),
        causes,
    }
}
