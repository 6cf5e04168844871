//! `kycam match`: whether two photos show the same person. Each photo must hold
//! exactly one face, or a document whose portrait is then the face compared.

use std::path::{Path, PathBuf};

use image::RgbImage;
use serde::Serialize;

use crate::analysis::document::{self, Portraits};
use crate::analysis::face_descriptor::{self, Descriptor, SAME_PERSON_MAX_DISTANCE};
use crate::analysis::{self, Face, FaceDetector, FaceSearch};
use crate::imageio::{self, LoadError};
use crate::shot::DocumentShape;

/// Where the compared face was found in a photo.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FaceSource {
    /// The one face in the photo.
    Photo,
    /// The portrait printed on the document the photo shows.
    DocumentPortrait,
}

/// The face a photo is compared by.
#[derive(Clone, Debug)]
pub struct MatchFace {
    pub face: Face,
    pub source: FaceSource,
    pub descriptor: Descriptor,
}

/// Why a photo cannot be compared.
#[derive(Debug, thiserror::Error)]
pub enum MatchError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{path}: no face found; use a photo where the face is clear, frontal and lit")]
    NoFace { path: PathBuf },
    #[error(
        "{path}: {count} faces found; kycam compares photos of one person (or of one document)"
    )]
    SeveralFaces { path: PathBuf, count: usize },
}

/// The verdict of one comparison, as `kycam match --json` prints it.
#[derive(Clone, Debug, Serialize)]
pub struct MatchReport {
    pub a: String,
    pub b: String,
    pub same_person: bool,
    pub distance: f32,
    pub threshold: f32,
}

/// Finds the face to compare in a loaded photo: the portrait of a document the
/// photo shows, else its one face.
pub fn match_face(rgb: &RgbImage) -> Result<MatchFace, usize> {
    let grey = analysis::to_grey(rgb);
    // The search for a card's portrait works on a larger image: a portrait is small.
    let faces = FaceDetector::new(FaceSearch::PORTRAIT_STILL).detect(&grey);
    let (face, source) = match document_portrait(&grey, &faces) {
        Some(face) => (face, FaceSource::DocumentPortrait),
        None => match analysis::significant_faces(&faces) {
            1 => (faces[0], FaceSource::Photo),
            n => return Err(n),
        },
    };
    Ok(MatchFace {
        face,
        source,
        descriptor: face_descriptor::describe_face(rgb, &face.rect),
    })
}

/// The face that is the portrait of a card or passport page found in the photo.
fn document_portrait(grey: &image::GrayImage, faces: &[Face]) -> Option<Face> {
    if faces.is_empty() {
        return None;
    }
    [DocumentShape::Id1, DocumentShape::PassportPage]
        .into_iter()
        .find_map(|shape| {
            let found = document::find_document_with_portrait(grey, shape, faces)?;
            faces.iter().copied().find(|face| {
                Portraits::new(std::slice::from_ref(face), grey.dimensions())
                    .held_by(&found.corners)
            })
        })
}

/// Loads a photo and finds its face, with errors naming the file.
pub fn match_face_in_file(path: &Path) -> Result<MatchFace, MatchError> {
    let loaded = imageio::load_image(path)?;
    match_face(&loaded.rgb).map_err(|count| match count {
        0 => MatchError::NoFace {
            path: path.to_owned(),
        },
        count => MatchError::SeveralFaces {
            path: path.to_owned(),
            count,
        },
    })
}

/// Compares two faces found by [`match_face`].
pub fn compare(a: &str, fa: &MatchFace, b: &str, fb: &MatchFace) -> MatchReport {
    let distance = fa.descriptor.distance(&fb.descriptor);
    MatchReport {
        a: a.to_owned(),
        b: b.to_owned(),
        same_person: distance < SAME_PERSON_MAX_DISTANCE,
        distance,
        threshold: SAME_PERSON_MAX_DISTANCE,
    }
}

/// One plain sentence for a person reading the terminal.
pub fn render_sentence(report: &MatchReport, fa: &MatchFace, fb: &MatchFace) -> String {
    let name = |file: &str, f: &MatchFace| match f.source {
        FaceSource::Photo => file.to_owned(),
        FaceSource::DocumentPortrait => format!("{file} (the document's portrait)"),
    };
    let verdict = if report.same_person {
        "the same person"
    } else {
        "different people, or the photos differ too much (glasses, angle, light, expression, age)"
    };
    format!(
        "{} and {}: {verdict} (distance {:.2}; the same person below {:.2})",
        name(&report.a, fa),
        name(&report.b, fb),
        report.distance,
        report.threshold
    )
}
