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
mod measures;
pub mod net_weights;
pub mod quality;
pub mod resample;
pub mod selfie;

use image::{GrayImage, RgbImage};

use crate::geometry::Rect;
use crate::shot::Shot;
pub use face::{Face, FaceDetector, FaceSearch};
pub use measures::*;

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
    /// None yet: no face search has answered (the live pipeline's first frames).
    /// Without faces an outline around a person (their collar, the backdrop) cannot
    /// be told from a document, so none is searched for or measured.
    NotYet,
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
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outline {
    /// The outline found; `None` for a selfie, or when none was found.
    pub found: Option<document::FoundDocument>,
    /// Which way up the machine-readable zone says the document lies: `None` until
    /// [`measure_outlined`] reads it (only when no upright portrait tells), then its
    /// reading (`Some(None)`: no zone tells).
    pub zone: Option<Option<document::Upright>>,
    /// The glare on the document along the outline, blobs in frame pixels: `None`
    /// until [`measure_outlined`] measures it, then its measure. The live pipeline
    /// keeps it only while the picture stays still pixel by pixel
    /// (`pipeline::outline_track`); a measure already there is taken as measured.
    pub glare: Option<glare::Glare>,
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
    if faces_from == FacesFrom::NotYet {
        return Outline::default();
    }
    let found = shot.document_shape().and_then(|shape| {
        document::find_document_with_portrait(grey, shape, outline_anchors(shot, faces, faces_from))
    });
    Outline {
        found,
        zone: None,
        glare: None,
    }
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
/// Reads the machine-readable zone and measures the document's glare into `outline`
/// when it needs them and they are not there yet; what is there is taken as read.
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
            measure_document_quality(rgb, grey, &d.corners, size, &mut outline.glare)
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
        frame_portrait: frame_portrait(shot, faces, width, height),
        document,
        quality,
        motion: None,
        session: None,
        faces_stale: faces_from != FacesFrom::ThisFrame,
        faces_unknown: faces_from == FacesFrom::NotYet,
    }
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

/// Quality on the document rectified, so that sharpness and glare shares mean the
/// same whatever its distance and tilt. The glare is `glare` when it is there (the
/// same outline on a picture that has not changed), else measured into it.
fn measure_document_quality(
    rgb: &RgbImage,
    grey: &GrayImage,
    corners: &[[f32; 2]; 4],
    (w, h): (u32, u32),
    glare: &mut Option<glare::Glare>,
) -> QualityMeasures {
    // Sharpness and edge widths are judged at the document's own resolution (as many
    // pixels across as it spans in the frame): enlarged, sharp print would look
    // blurred, the more so the smaller the document. A document larger than its
    // canonical size is judged at that size, where a blur of a few of its pixels is
    // too small to hinder reading.
    let flat_grey = document::rectify_grey_at_most(grey, corners, w, h);
    let glare = glare
        .get_or_insert_with(|| document_glare(rgb, corners, (w, h)))
        .clone();
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

/// The glare on the document at `corners` (rectified size `w`×`h`), judged on the
/// grid [`glare::glare_warp_size`] gives; its blobs mapped back to frame pixels for
/// the overlay.
fn document_glare(rgb: &RgbImage, corners: &[[f32; 2]; 4], (w, h): (u32, u32)) -> glare::Glare {
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
    glare
}

/// The document's rectified size, turned the way it lies: a card on its side (or an
/// upright open booklet) is rectified standing, not squeezed into a landscape
/// rectangle, which smears its print across (a sideways card's sharpness reads 0.42
/// squeezed against 0.68 upright).
pub fn rectified_size_as_seen(shape: crate::shot::DocumentShape, standing: bool) -> (u32, u32) {
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
