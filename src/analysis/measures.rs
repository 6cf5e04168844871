//! What one frame's analysis produces: the measures of the region a shot is
//! about (a document, a selfie's face, or the whole frame), before any rule judges
//! them.

use serde::Serialize;

use image::{GrayImage, RgbImage};

use super::{distance, document, eyewear, fingerprint, glare, landmarks, quality, Face};
use crate::geometry::Rect;
use crate::shot::Shot;

/// What the camera is known to be; decides the distance estimate.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CameraModel {
    /// Horizontal field of view in degrees.
    pub hfov_deg: f32,
}

impl Default for CameraModel {
    fn default() -> Self {
        Self {
            hfov_deg: distance::DEFAULT_WEBCAM_HFOV_DEG,
        }
    }
}

/// The part of the frame the quality measures were taken on.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum QualityRegion {
    Frame,
    Face {
        rect: Rect,
    },
    /// The document, rectified to its canonical size before measuring.
    Document {
        corners: [[f32; 2]; 4],
    },
}

/// Quality of the region the shot is about (face, document, or whole frame).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QualityMeasures {
    pub region: QualityRegion,
    /// 0..1, see [`quality::sharpness`]; of a document, at its own resolution.
    pub sharpness: f32,
    /// Documents only: the whole frame's sharpness (its sharpest quarter, so a sharp
    /// card on a soft background still counts as sharp), judged at the frame's limit:
    /// a blurred photo stays blurred whatever rectangle was found in it.
    pub frame_sharpness: Option<f32>,
    /// Documents only: the width of their edges in pixels at the document's own
    /// resolution (at most its rectified size), see [`quality::edge_rise_px`]; `None`
    /// for faces and frames, or when the document shows too few strong edges.
    pub edge_rise_px: Option<f32>,
    /// Glare blobs in frame pixels.
    pub glare: glare::Glare,
    /// Mean luma 0–255.
    pub brightness: f32,
    /// Brightest over darkest part of the region (≥ 1).
    pub light_ratio: f32,
    /// Colour of the whole frame: a cast is a property of the light and the
    /// camera, and skin alone would read as a red cast.
    pub colour: quality::Colour,
}

/// The face the selfie is about, measured.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SelfieMeasures {
    pub face: Face,
    /// Smallest gap from the head box to a frame edge (fraction; negative = cut off).
    pub head_margin: f32,
    pub distance_cm: f32,
    /// What `distance_cm` was measured from.
    pub distance_cue: DistanceCue,
    /// Background brightness over face brightness.
    pub backlight_ratio: f32,
    /// Share (0–1) of the lens regions (with landmarks) or of the face box's eye
    /// band (before them) that is specular.
    pub eyewear_glare_share: f32,
    /// Brightness of the lens regions (with landmarks) or of the face box's eye
    /// boxes (before them) over that of the cheeks below.
    pub eye_to_cheek_ratio: f32,
    /// The eyes' darkest part over the cheeks: an open eye's pupil reads low, a
    /// mirrored lens high. Only with landmarks (the box does not know where the
    /// pupils are), and not where a reflection covers the eyes.
    pub eye_darkest_to_cheek: Option<f32>,
    /// What the eye measures were taken on.
    pub eye_regions: EyeRegionsFrom,
    /// The face's 68 landmarks and what they measure; `None` until they are
    /// found (the live pipeline adds the face worker's, see [`Measurements::set_landmarks`]).
    pub landmarks: Option<landmarks::Landmarks>,
    pub face_shape: Option<landmarks::measures::FaceShape>,
}

/// What a selfie's distance was measured from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DistanceCue {
    /// The face box's width: before the landmarks are found.
    FaceBox,
    /// The distance between the eye centres, given back what the head's yaw takes
    /// from it: steadier than the box, whose width moves with the detector's scale.
    Eyes,
}

/// Where a selfie's eye measures (`sunglasses`, `eyewear_glare`) were taken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EyeRegionsFrom {
    /// Fixed fractions of the face box: before the landmarks are found.
    FaceBox,
    /// Each eye's six landmarks, grown to a lens (docs/eyewear.md).
    Landmarks,
}

/// The document a document shot is about, measured.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentMeasures {
    /// Corners in frame pixels, clockwise from top-left (may lie outside the frame).
    pub corners: [[f32; 2]; 4],
    /// Detector confidence 0–1.
    pub score: f32,
    pub geometry: document::DocGeometry,
    /// A face (the holder's portrait) lies inside the document, at a portrait's size
    /// for it: the same test the search ranks outlines by.
    pub portrait_found: bool,
    /// Which way up the document lies, from its portrait or its machine-readable
    /// zone; `None` when nothing printed on it tells (docs/upright.md).
    pub upright: Option<document::Upright>,
    /// The corners and sides a finger lies across, in the picture's order
    /// ([`document::covered`]).
    pub covered: document::Cover,
}

impl DocumentMeasures {
    /// The corners starting at the document's top-left as it is read, clockwise;
    /// in the picture's order ([`DocumentMeasures::corners`]) when which way up it
    /// lies is not known.
    pub fn reading_corners(&self) -> [[f32; 2]; 4] {
        let turns = self.upright.map_or(0, |u| u.quarter_turns);
        document::reading_corners(&self.corners, turns)
    }

    /// The document's turn in the picture, degrees clockwise in (−180, 180]: the
    /// quarter turns its print shows and the outline's in-plane rotation; `None`
    /// when which way up it lies is not known.
    pub fn rotation_deg(&self) -> Option<f32> {
        self.upright
            .map(|u| document::rotation_deg(u.quarter_turns, self.geometry.rotation_deg))
    }
}

/// Everything measured on one frame for one shot.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Measurements {
    pub shot: Shot,
    pub width: u32,
    pub height: u32,
    pub hfov_deg: f32,
    /// All faces found, largest first, in frame pixels.
    pub faces: Vec<Face>,
    /// Faces large enough to be a person in the picture (see [`significant_faces`]).
    pub significant_faces: usize,
    pub selfie: Option<SelfieMeasures>,
    /// For document shots: the document, when one was found.
    pub document: Option<DocumentMeasures>,
    /// The frame taken as the document's outline, for a scan cut to the card's edges
    /// where no outline can be found: whether a face is its portrait (the search's
    /// portrait test); `None` for a selfie, or when the frame is not of the document's
    /// shape (a camera's picture is not a card). Judged on a back side.
    pub frame_portrait: Option<bool>,
    pub quality: QualityMeasures,
    /// Motion between this frame and the previous one (live only).
    pub motion: Option<f32>,
    /// This frame against the session's photos already taken (live only, once
    /// another shot was taken).
    pub session: Option<fingerprint::SessionMatch>,
    /// The face boxes are older than the picture ([`FacesFrom::Earlier`], live only):
    /// the document moved since they were found; or there are none yet
    /// ([`FacesFrom::NotYet`]).
    /// A portrait they miss may be there all the same.
    #[serde(skip)]
    pub faces_stale: bool,
    /// No face search has answered yet ([`FacesFrom::NotYet`], live only): no
    /// document was looked for, and the document's rules wait.
    #[serde(skip)]
    pub faces_unknown: bool,
}

/// A face at least this fraction of the largest face's width counts as another
/// person; smaller ones are posters, photos on the wall or false detections.
pub const SIGNIFICANT_FACE_FRACTION: f32 = 0.35;

pub fn significant_faces(faces: &[Face]) -> usize {
    let Some(largest) = faces.first() else {
        return 0;
    };
    faces
        .iter()
        .filter(|f| f.rect.w >= SIGNIFICANT_FACE_FRACTION * largest.rect.w)
        .count()
}

impl Measurements {
    /// Gives the selfie's face its landmarks (found on this frame or, live, on the
    /// frame its box comes from) and measures its distance from its eyes;
    /// nothing when there is no selfie face.
    pub fn set_landmarks(&mut self, found: landmarks::Landmarks) {
        if let Some(s) = self.selfie.as_mut() {
            let shape = landmarks::measures::FaceShape::of(&found);
            s.distance_cm = distance::eye_distance_cm(
                shape.eye_distance_px,
                shape.pose.yaw_deg,
                self.width as f32,
                self.hfov_deg,
            );
            s.distance_cue = DistanceCue::Eyes;
            s.face_shape = Some(shape);
            s.landmarks = Some(found);
        }
    }

    /// Measures `sunglasses` and `eyewear_glare` on the regions of the selfie's
    /// landmark eyes in this frame (`rgb`, `grey`) instead of the face box's.
    /// Live, only while the head has not moved since the landmarks' frame: the
    /// eye's core must still hold its pupil. Nothing without landmarks.
    pub fn measure_eyes(&mut self, rgb: &RgbImage, grey: &GrayImage) {
        let Some(s) = self.selfie.as_mut() else {
            return;
        };
        let Some(found) = &s.landmarks else {
            return;
        };
        if let Some(eyes) =
            eyewear::measure(rgb, grey, &found.points, &eyewear::EyewearParams::DEFAULT)
        {
            s.eye_to_cheek_ratio = eyes.eye_to_cheek_ratio;
            s.eye_darkest_to_cheek = eyes.eye_darkest_to_cheek;
            s.eyewear_glare_share = eyes.glare_share;
            s.eye_regions = EyeRegionsFrom::Landmarks;
        }
    }

    /// Adds the faces of a later search (the document's region turned a quarter
    /// or a half, see [`FaceDetector::detect_any_way_round`]) and looks for the
    /// portrait among them, and for which way up it stands.
    pub fn add_faces(&mut self, more: Vec<Face>) {
        self.faces.extend(more);
        self.faces.sort_by(|a, b| b.rect.w.total_cmp(&a.rect.w));
        self.significant_faces = significant_faces(&self.faces);
        self.frame_portrait = frame_portrait(self.shot, &self.faces, self.width, self.height);
        if let Some(doc) = self.document.as_mut() {
            let frame = (self.width, self.height);
            let portraits = document::Portraits::new(&self.faces, frame);
            doc.portrait_found = portraits.held_by(&doc.corners);
            let standing = doc.geometry.standing;
            if let Some(u) = document::portrait_upright(&doc.corners, &self.faces, frame, standing)
            {
                doc.upright = Some(u);
            }
        }
    }
}

/// [`Measurements::frame_portrait`]: whether one of `faces` is the portrait of
/// `shot`'s document filling the `width`×`height` frame, when the frame has its shape.
pub(super) fn frame_portrait(shot: Shot, faces: &[Face], width: u32, height: u32) -> Option<bool> {
    document::Portraits::new(faces, (width, height)).held_by_frame(shot.document_shape()?)
}
