//! `kycam match`: whether two photos show the same person. Each photo must hold
//! exactly one face, or a document whose portrait is then the face compared.

use std::path::{Path, PathBuf};

use image::RgbImage;
use serde::Serialize;

use crate::analysis::face_descriptor::{self, Descriptor, SAME_PERSON_MAX_DISTANCE};
use crate::analysis::{self, Face, FaceDetector, FaceSearch};
use crate::imageio::{self, LoadError};
use crate::tr;

pub mod causes;
pub mod document;
pub mod session;

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
    /// In the photo's pixels, or for a document's portrait in the rectified
    /// document's.
    pub face: Face,
    pub source: FaceSource,
    pub descriptor: Descriptor,
}

/// Why a photo cannot be compared (said in the current language, the file named first).
#[derive(Debug, thiserror::Error)]
pub enum MatchError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("{}", tr!("match-no-face", path = &path.display().to_string()))]
    NoFace { path: PathBuf },
    #[error("{}", tr!("match-several-faces", path = &path.display().to_string(), count = *count))]
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
/// photo shows (on the document rectified, see [`document::portrait_of`]), else
/// its one face. `Err` holds how many faces there were (0, or more than one).
pub fn match_face(rgb: &RgbImage) -> Result<MatchFace, usize> {
    let grey = analysis::to_grey(rgb);
    // The search for a card's portrait works on a larger image: a portrait is small.
    let faces = FaceDetector::new(FaceSearch::PORTRAIT_STILL).detect(&grey);
    if let Some(portrait) = document::portrait_of(rgb, &grey, &faces) {
        return Ok(MatchFace {
            face: portrait.face,
            source: FaceSource::DocumentPortrait,
            descriptor: face_descriptor::describe_face(&portrait.document, &portrait.face.rect),
        });
    }
    match analysis::significant_faces(&faces) {
        1 => Ok(MatchFace {
            face: faces[0],
            source: FaceSource::Photo,
            descriptor: face_descriptor::describe_face(rgb, &faces[0].rect),
        }),
        n => Err(n),
    }
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

/// One plain sentence for a person reading the terminal, in the current language.
pub fn render_sentence(report: &MatchReport, fa: &MatchFace, fb: &MatchFace) -> String {
    let name = |file: &str, f: &MatchFace| match f.source {
        FaceSource::Photo => file.to_owned(),
        FaceSource::DocumentPortrait => tr!("match-portrait-of", file = file),
    };
    tr!(
        "match-sentence",
        a = &name(&report.a, fa),
        b = &name(&report.b, fb),
        same = if report.same_person { "yes" } else { "no" },
        distance = &format!("{:.2}", report.distance),
        threshold = &format!("{:.2}", report.threshold),
    )
}
