//! Measurement: pure functions from pixels to numbers. No limits, no advice; the
//! `rules` module judges what is measured here.

pub mod distance;
pub mod document;
pub mod eyewear;
pub mod face;
pub mod face_descriptor;
pub mod fingerprint;
pub mod glare;
pub mod landmarks;
pub mod net_weights;
pub mod quality;
pub mod resample;
pub mod selfie;

use image::{GrayImage, RgbImage};
use serde::Serialize;

use crate::geometry::Rect;
use crate::shot::Shot;
pub use face::{Face, FaceDetector, FaceSearch};

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
    /// A face is the portrait of a document filling the whole frame (the frame
    /// taken as the outline, with the search's portrait test): a scan cut to the
    /// card's edges, where no outline can be found. Judged on a back side.
    pub frame_portrait: bool,
    pub quality: QualityMeasures,
    /// Motion between this frame and the previous one (live only).
    pub motion: Option<f32>,
    /// This frame against the session's photos already taken (live only, once
    /// another shot was taken).
    pub session: Option<fingerprint::SessionMatch>,
    /// The face boxes are older than the picture ([`FacesFrom::Earlier`], live only):
    /// the document moved since they were found, or no face search has answered yet.
    /// A portrait they miss may be there all the same.
    #[serde(skip)]
    pub faces_stale: bool,
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

/// Grey (BT.601 luma, fixed-point) copy of a frame, in one pass without the
/// intermediate copy a `DynamicImage` conversion makes.
pub fn to_grey(rgb: &RgbImage) -> GrayImage {
    let mut data = vec![0u8; rgb.as_raw().len() / 3];
    for (g, c) in data.iter_mut().zip(rgb.as_raw().chunks_exact(3)) {
        *g = ((u16::from(c[0]) * 77 + u16::from(c[1]) * 150 + u16::from(c[2]) * 29) >> 8) as u8;
    }
    GrayImage::from_raw(rgb.width(), rgb.height(), data).unwrap_or_default()
}

/// Where the faces given to [`measure_with`] were found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FacesFrom {
    /// This frame, or one so recent that they still sit where they are.
    ThisFrame,
    /// An earlier frame, with motion since (the live pipeline): good enough to say
    /// whether a portrait is there, not to tell the document's outline by it.
    Earlier,
}

/// Measures one frame. `faces` come from a [`FaceDetector`] run on this frame,
/// largest first, in frame pixels. A selfie's face also gets its landmarks.
pub fn measure(
    rgb: &RgbImage,
    grey: &GrayImage,
    shot: Shot,
    faces: &[Face],
    camera: CameraModel,
) -> Measurements {
    let mut m = measure_with(rgb, grey, shot, faces, FacesFrom::ThisFrame, camera);
    if let (Some(face), Shot::Selfie) = (faces.first(), shot) {
        m.set_landmarks(landmarks::find(rgb, &face.rect));
        m.measure_eyes(rgb, grey);
    }
    m
}

/// [`measure`] with faces that may come from an earlier frame (the live pipeline).
pub fn measure_with(
    rgb: &RgbImage,
    grey: &GrayImage,
    shot: Shot,
    faces: &[Face],
    faces_from: FacesFrom,
    camera: CameraModel,
) -> Measurements {
    let mut outline = search_outline(grey, shot, faces, faces_from);
    measure_outlined(rgb, grey, shot, faces, faces_from, &mut outline, camera)
}

/// The document search's answer on a picture, and what was read from the picture
/// along the outline found, which holds as long as the picture and the outline do.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Outline {
    /// The outline found; `None` for a selfie, or when none was found.
    pub found: Option<document::FoundDocument>,
    /// Which way up the machine-readable zone says the document lies: `None` until
    /// [`measure_outlined`] reads it (only when no upright portrait tells), then its
    /// reading (`Some(None)`: no zone tells).
    pub zone: Option<Option<document::Upright>>,
}

/// The document search's answer for `shot` on this frame, the zone not read yet: the
/// first half of [`measure_with`], which the live pipeline may skip while the picture
/// stays as it was on the frame it last ran on.
pub fn search_outline(
    grey: &GrayImage,
    shot: Shot,
    faces: &[Face],
    faces_from: FacesFrom,
) -> Outline {
    let found = shot.document_shape().and_then(|shape| {
        document::find_document_with_portrait(grey, shape, outline_anchors(shot, faces, faces_from))
    });
    Outline { found, zone: None }
}

/// The faces [`search_outline`] lets anchor the search on a side with a portrait: its
/// answer depends on their boxes. Faces from before the card moved would anchor it
/// elsewhere, so only this frame's count.
pub fn outline_anchors(shot: Shot, faces: &[Face], faces_from: FacesFrom) -> &[Face] {
    if shot.has_portrait() && faces_from == FacesFrom::ThisFrame {
        faces
    } else {
        &[]
    }
}

/// [`measure_with`] given the document search's answer (`outline`, from
/// [`search_outline`] on this frame or on an earlier frame of the same still picture).
/// Reads the machine-readable zone into `outline` when it needs it and it is not
/// read yet; a zone already read is taken as read.
pub fn measure_outlined(
    rgb: &RgbImage,
    grey: &GrayImage,
    shot: Shot,
    faces: &[Face],
    faces_from: FacesFrom,
    outline: &mut Outline,
    camera: CameraModel,
) -> Measurements {
    let (width, height) = rgb.dimensions();
    let selfie = (shot == Shot::Selfie)
        .then(|| faces.first())
        .flatten()
        .map(|face| measure_selfie(rgb, grey, face, camera));

    let document = shot
        .document_shape()
        .zip(outline.found)
        .and_then(|(shape, found)| {
            measure_document(rgb, grey, shape, found, &mut outline.zone, faces)
        });

    let quality = match (&document, shot.document_shape(), &selfie) {
        (Some(d), Some(shape), _) => {
            let size = rectified_size_as_seen(shape, d.geometry.standing);
            measure_document_quality(rgb, grey, &d.corners, size)
        }
        (_, _, Some(s)) => measure_face_quality(rgb, grey, face_skin_region(&s.face.rect)),
        _ => measure_frame_quality(rgb, grey),
    };

    Measurements {
        shot,
        width,
        height,
        hfov_deg: camera.hfov_deg,
        faces: faces.to_vec(),
        significant_faces: significant_faces(faces),
        selfie,
        frame_portrait: frame_portrait(faces, width, height),
        document,
        quality,
        motion: None,
        session: None,
        faces_stale: faces_from == FacesFrom::Earlier,
    }
}

/// Whether one of `faces` is the portrait of a document that fills the
/// `width`×`height` frame.
fn frame_portrait(faces: &[Face], width: u32, height: u32) -> bool {
    let (w, h) = (width as f32, height as f32);
    let frame = [[0.0, 0.0], [w, 0.0], [w, h], [0.0, h]];
    document::Portraits::new(faces, (width, height)).held_by(&frame)
}

/// Measures the document found at `found`, with the faces in the frame; `zone` is
/// [`Outline::zone`], read here if needed.
fn measure_document(
    rgb: &RgbImage,
    grey: &GrayImage,
    shape: crate::shot::DocumentShape,
    found: document::FoundDocument,
    zone: &mut Option<Option<document::Upright>>,
    faces: &[Face],
) -> Option<DocumentMeasures> {
    let portraits = document::Portraits::new(faces, grey.dimensions());
    // Someone in front of the camera with no document up: the outline is around them
    // (faces from an earlier frame count too: a head moves little in a tenth of a second).
    if portraits.framed_by(&found.corners) {
        return None;
    }
    let geometry = document::document_geometry(&found.corners, grey.width(), grey.height());
    let standing = geometry.standing;
    let upright = document::portrait_upright(&found.corners, faces, grey.dimensions(), standing)
        .or_else(|| {
            *zone
                .get_or_insert_with(|| document::mrz_upright(grey, &found.corners, shape, standing))
        });
    Some(DocumentMeasures {
        corners: found.corners,
        score: found.score,
        geometry,
        portrait_found: portraits.held_by(&found.corners),
        upright,
        covered: document::covered(rgb, &found.corners),
    })
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
        self.frame_portrait = frame_portrait(&self.faces, self.width, self.height);
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

/// How much the document's box is grown on each side for the portrait search, as
/// a fraction of its size: the live search uses the last frame's outline, and the
/// card may have moved a little since.
const PORTRAIT_REGION_MARGIN: f32 = 0.05;

/// Where to look for the portrait on a document found at `corners` in a
/// `width`×`height` frame: its box, grown a little, in whole pixels (x, y, w, h).
pub fn portrait_region(
    corners: &[[f32; 2]; 4],
    width: u32,
    height: u32,
) -> Option<(u32, u32, u32, u32)> {
    let m = PORTRAIT_REGION_MARGIN;
    Rect::around(corners)?
        .grown(m, m, m, m)
        .clamped_pixels(width, height)
}

/// Quality on the document rectified to its canonical size, so that sharpness and
/// glare shares mean the same whatever its distance and tilt. Glare blobs are
/// mapped back to frame pixels for the overlay.
fn measure_document_quality(
    rgb: &RgbImage,
    grey: &GrayImage,
    corners: &[[f32; 2]; 4],
    (w, h): (u32, u32),
) -> QualityMeasures {
    // Sharpness and edge widths are judged at the document's own resolution (as many
    // pixels across as it spans in the frame): enlarged, sharp print would look
    // blurred, the more so the smaller the document. A document larger than its
    // canonical size is judged at that size, where a blur of a few of its pixels is
    // too small to hinder reading.
    let flat_grey = document::rectify_grey_at_most(grey, corners, w, h);
    let (gw, gh) = glare::glare_warp_size(w, h);
    let flat_colour = document::rectify(rgb, corners, gw, gh);
    let mut glare = glare::detect(&flat_colour, glare::GlareKind::SpecularAndVeil);
    for blob in &mut glare.blobs {
        let pts = [
            (blob.x, blob.y),
            (blob.right(), blob.y),
            (blob.right(), blob.bottom()),
            (blob.x, blob.bottom()),
        ]
        .map(|(x, y)| document::frame_from_rectified(corners, gw, gh, x, y));
        let pts: Vec<[f32; 2]> = pts.into_iter().flatten().collect();
        if let Some(around) = Rect::around(&pts) {
            *blob = around;
        }
    }
    QualityMeasures {
        region: QualityRegion::Document { corners: *corners },
        sharpness: quality::sharpness(&flat_grey, flat_grey.width()),
        frame_sharpness: Some(quality::sharpness(
            grey,
            quality::SHARPNESS_WIDTH_FRAME.min(grey.width().max(2)),
        )),
        edge_rise_px: quality::edge_rise_px(&flat_grey),
        glare,
        brightness: quality::mean_brightness(&flat_grey),
        light_ratio: quality::light_ratio(&flat_grey),
        colour: quality::colour(rgb),
    }
}

/// The document's rectified size, turned the way it lies: a card on its side (or an
/// upright open booklet) is rectified standing, not squeezed into a landscape
/// rectangle, which smears its print across (a sideways card's sharpness reads 0.42
/// squeezed against 0.68 upright).
fn rectified_size_as_seen(shape: crate::shot::DocumentShape, standing: bool) -> (u32, u32) {
    let (long, short) = shape.rectified_size();
    if standing {
        (short, long)
    } else {
        (long, short)
    }
}

/// The part of a face box that is face: rustface's box reaches past the cheeks
/// into the background at its sides, and a white wall there is not glare.
pub fn face_skin_region(face: &Rect) -> Rect {
    face.grown(-0.12, -0.05, -0.12, -0.05)
}

fn measure_selfie(
    rgb: &RgbImage,
    grey: &GrayImage,
    face: &Face,
    camera: CameraModel,
) -> SelfieMeasures {
    let (width, height) = rgb.dimensions();
    SelfieMeasures {
        face: *face,
        head_margin: selfie::head_margin(&face.rect, width, height),
        distance_cm: distance::face_distance_cm(face.rect.w, width as f32, camera.hfov_deg),
        distance_cue: DistanceCue::FaceBox,
        backlight_ratio: selfie::backlight_ratio(grey, &face.rect),
        eyewear_glare_share: selfie::eyewear_glare_share(rgb, &face.rect),
        eye_to_cheek_ratio: selfie::eye_to_cheek_ratio(grey, &face.rect),
        eye_darkest_to_cheek: None,
        eye_regions: EyeRegionsFrom::FaceBox,
        landmarks: None,
        face_shape: None,
    }
}

fn measure_frame_quality(rgb: &RgbImage, grey: &GrayImage) -> QualityMeasures {
    let glare = glare::detect(rgb, glare::GlareKind::Specular);
    QualityMeasures {
        region: QualityRegion::Frame,
        sharpness: quality::sharpness(
            grey,
            quality::SHARPNESS_WIDTH_FRAME.min(grey.width().max(2)),
        ),
        frame_sharpness: None,
        edge_rise_px: None,
        glare,
        brightness: quality::mean_brightness(grey),
        light_ratio: quality::light_ratio(grey),
        colour: quality::colour(rgb),
    }
}

/// Quality of the face: sharpness at the face's normalised width, light compared
/// left against right (side light is what makes a face uneven).
fn measure_face_quality(rgb: &RgbImage, grey: &GrayImage, rect: Rect) -> QualityMeasures {
    let (width, height) = rgb.dimensions();
    let (x, y, w, h) = rect
        .clamped_pixels(width, height)
        .unwrap_or((0, 0, width, height));
    let grey_face = image::imageops::crop_imm(grey, x, y, w, h).to_image();
    let rgb_face = image::imageops::crop_imm(rgb, x, y, w, h).to_image();
    let mut glare = glare::detect(&rgb_face, glare::GlareKind::Specular);
    for blob in &mut glare.blobs {
        blob.x += x as f32;
        blob.y += y as f32;
    }
    QualityMeasures {
        region: QualityRegion::Face { rect },
        sharpness: quality::sharpness(&grey_face, quality::SHARPNESS_WIDTH_FACE),
        frame_sharpness: None,
        edge_rise_px: None,
        glare,
        brightness: quality::mean_brightness(&grey_face),
        light_ratio: quality::left_right_ratio(&grey_face),
        colour: quality::colour(rgb),
    }
}
