//! Face detection with rustface (SeetaFace frontal model, embedded in the binary).

use std::borrow::Cow;
use std::sync::OnceLock;

use image::GrayImage;

use crate::geometry::Rect;

static MODEL_BYTES: &[u8] = include_bytes!("../../assets/seeta_fd_frontal_v1.0.bin");

/// rustface's score for a window to count as a face. 2.0 is the value its authors
/// use; lower admits faces in wallpaper and clothing.
const SCORE_THRESHOLD: f64 = 2.0;

/// rustface starts its pyramid at a 40 px window (its `set_min_face_size` is
/// a no-op), so the working image size decides the smallest face found.
const DETECTOR_WINDOW_PX: u32 = 40;

/// A face found in the image, in input pixels.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct Face {
    pub rect: Rect,
    pub score: f32,
    /// How the face stands in the picture, in quarter turns clockwise: 0 upright,
    /// 1 its top towards the picture's right, 2 upside down, 3 its top towards the
    /// left. The frontal model finds faces within ~15° of upright only, so a face
    /// found in the picture turned a quarter or a half is turned that way.
    pub quarter_turns: u8,
}

/// The parsed model, shared: `Model` is `Send + Clone`, the detector built from it is not.
pub fn model() -> rustface::Model {
    static MODEL: OnceLock<rustface::Model> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            // The bytes are compiled in and known good; failing here is a build defect.
            rustface::read_model(MODEL_BYTES).expect("embedded SeetaFace model is valid")
        })
        .clone()
}

/// How large an image the detector works on. Fewer pixels is faster; more finds
/// smaller faces (the smallest face found is `40 / work_side` of the long side).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FaceSearch {
    pub work_long_side: u32,
    /// Sliding window step in pixels: 4 is thorough, 8 about twice as fast.
    pub step: u32,
}

impl FaceSearch {
    /// A search of an image `work_long_side` pixels long with the thorough window
    /// step.
    pub const fn thorough(work_long_side: u32) -> FaceSearch {
        FaceSearch {
            work_long_side,
            step: 4,
        }
    }

    /// For checking a still photo: faces down to 1/20 of the long side, so that
    /// a second person in the background of a selfie is still seen.
    pub const STILL: FaceSearch = FaceSearch::thorough(800);
    /// For checking a document photo: the portrait on a card held at a readable
    /// size is ~5 % of the frame's width, so search a larger image.
    pub const PORTRAIT_STILL: FaceSearch = FaceSearch::thorough(1280);
    /// For live document shots with a portrait: a card filling a third of a
    /// 1280 px frame has a ~80 px face in its photo, which needs the frame at
    /// 640 px. Only the found document's box is searched, at that scale.
    pub const PORTRAIT_LIVE: FaceSearch = FaceSearch::thorough(640);
    /// For the live selfie: a face at 30–50 cm fills a fifth or more of the
    /// frame, so 320 px (faces down to 1/8 of the width) is enough and ~35 ms.
    pub const LIVE: FaceSearch = FaceSearch::thorough(320);
}

pub struct FaceDetector {
    detector: Box<dyn rustface::Detector>,
    search: FaceSearch,
}

impl FaceDetector {
    pub fn new(search: FaceSearch) -> Self {
        let mut detector = rustface::create_detector_with_model(model());
        detector.set_min_face_size(20);
        detector.set_score_thresh(SCORE_THRESHOLD);
        detector.set_pyramid_scale_factor(0.8);
        detector.set_slide_window_step(search.step, search.step);
        Self { detector, search }
    }

    /// Faces in `grey`, largest first, boxes in `grey`'s pixels.
    pub fn detect(&mut self, grey: &GrayImage) -> Vec<Face> {
        let Some((work, to_input)) = self.work_image(grey) else {
            return Vec::new();
        };
        self.detect_in_work(&work)
            .into_iter()
            .map(|f| Face {
                rect: f.rect.scaled(to_input),
                ..f
            })
            .collect()
    }

    /// Faces in `grey` turned a quarter either way and upside down, largest first,
    /// boxes in `grey`'s pixels, each with the turn it stands at in `grey`
    /// ([`Face::quarter_turns`]): the portrait on a page held sideways or upside
    /// down, or on a card turned over about its long side, which the frontal model
    /// does not see upright (a face rotated by more than ~15° is missed). The
    /// picture is brought to the working size before it is turned.
    pub fn detect_any_way_round(&mut self, grey: &GrayImage) -> Vec<Face> {
        self.detect_turned(grey, &[Turn::Clockwise, Turn::Anticlockwise, Turn::Half])
    }

    /// The portrait on a document's region, largest first, in the pixels of the
    /// picture it was cut from: `region` sits at `origin` there, and its pixels
    /// are `to_picture` of the picture's. Upright first (unless the caller has
    /// searched upright already); when no face is upright, turned a quarter
    /// either way and upside down ([`FaceDetector::detect_any_way_round`]): the
    /// turn it is found at says which way up the document lies.
    pub fn detect_portrait(
        &mut self,
        region: &GrayImage,
        origin: (f32, f32),
        to_picture: f32,
        upright_searched: bool,
    ) -> Vec<Face> {
        let mut faces = if upright_searched {
            Vec::new()
        } else {
            self.detect(region)
        };
        if faces.is_empty() {
            faces = self.detect_any_way_round(region);
        }
        faces
            .into_iter()
            .map(|f| Face {
                rect: f.rect.scaled(to_picture).shifted(origin.0, origin.1),
                ..f
            })
            .collect()
    }

    fn detect_turned(&mut self, grey: &GrayImage, turns: &[Turn]) -> Vec<Face> {
        let Some((work, to_input)) = self.work_image(grey) else {
            return Vec::new();
        };
        let (w, h) = work.dimensions();
        let mut faces = Vec::new();
        for &turn in turns {
            let turned = turn.apply(&work);
            faces.extend(self.detect_in_work(&turned).into_iter().map(|f| Face {
                rect: turn.undo(&f.rect, w, h).scaled(to_input),
                score: f.score,
                quarter_turns: turn.face_quarter_turns(),
            }));
        }
        faces.sort_by(|a, b| b.rect.w.total_cmp(&a.rect.w));
        faces
    }

    fn work_image<'a>(&self, grey: &'a GrayImage) -> Option<(Cow<'a, GrayImage>, f32)> {
        let (w, h) = grey.dimensions();
        let scale = (self.search.work_long_side as f32 / w.max(h).max(1) as f32).min(1.0);
        let work = if scale < 1.0 {
            let sw = ((w as f32 * scale).round() as u32).max(1);
            let sh = ((h as f32 * scale).round() as u32).max(1);
            Cow::Owned(image::imageops::thumbnail(grey, sw, sh))
        } else {
            Cow::Borrowed(grey)
        };
        let (ww, wh) = work.dimensions();
        (ww >= DETECTOR_WINDOW_PX && wh >= DETECTOR_WINDOW_PX).then(|| (work, w as f32 / ww as f32))
    }

    /// Faces in an image already at the working size, largest first, in its pixels.
    fn detect_in_work(&mut self, work: &GrayImage) -> Vec<Face> {
        let (ww, wh) = work.dimensions();
        let image = rustface::ImageData::new(work.as_raw(), ww, wh);
        let mut faces: Vec<Face> = self
            .detector
            .detect(&image)
            .into_iter()
            .map(|info| {
                let b = info.bbox();
                Face {
                    rect: Rect::new(
                        b.x() as f32,
                        b.y() as f32,
                        b.width() as f32,
                        b.height() as f32,
                    ),
                    score: info.score() as f32,
                    quarter_turns: 0,
                }
            })
            .collect();
        faces.sort_by(|a, b| b.rect.w.total_cmp(&a.rect.w));
        faces
    }
}

/// A quarter or half turn of a picture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Turn {
    Clockwise,
    Anticlockwise,
    Half,
}

impl Turn {
    /// How a face found in the picture turned this way stands in the picture itself
    /// ([`Face::quarter_turns`]): turning the picture clockwise stood it up, so it lay
    /// a quarter anticlockwise.
    fn face_quarter_turns(self) -> u8 {
        match self {
            Turn::Clockwise => 3,
            Turn::Anticlockwise => 1,
            Turn::Half => 2,
        }
    }

    fn apply(self, grey: &GrayImage) -> GrayImage {
        match self {
            Turn::Clockwise => image::imageops::rotate90(grey),
            Turn::Anticlockwise => image::imageops::rotate270(grey),
            Turn::Half => image::imageops::rotate180(grey),
        }
    }

    /// The box in the unturned `w`×`h` picture of a box in the turned one.
    fn undo(self, r: &Rect, w: u32, h: u32) -> Rect {
        match self {
            // Turned clockwise, (x, y) went to (h − y, x).
            Turn::Clockwise => Rect::new(r.y, h as f32 - r.right(), r.h, r.w),
            // Turned anticlockwise, (x, y) went to (y, w − x).
            Turn::Anticlockwise => Rect::new(w as f32 - r.bottom(), r.x, r.h, r.w),
            Turn::Half => Rect::new(w as f32 - r.right(), h as f32 - r.bottom(), r.w, r.h),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A box drawn on a picture, turned with the picture, comes back to where it was.
    #[test]
    fn a_turned_box_comes_back() {
        let (w, h) = (40, 30);
        let mut picture = GrayImage::new(w, h);
        let original = Rect::new(5.0, 7.0, 10.0, 4.0);
        for y in 7..11 {
            for x in 5..15 {
                picture.put_pixel(x, y, image::Luma([255]));
            }
        }
        for (turn, turned) in [
            (Turn::Clockwise, image::imageops::rotate90(&picture)),
            (Turn::Anticlockwise, image::imageops::rotate270(&picture)),
            (Turn::Half, image::imageops::rotate180(&picture)),
        ] {
            let lit: Vec<[f32; 2]> = turned
                .enumerate_pixels()
                .filter(|p| p.2[0] == 255)
                .flat_map(|(x, y, _)| [[x as f32, y as f32], [x as f32 + 1.0, y as f32 + 1.0]])
                .collect();
            let in_turned = Rect::around(&lit).expect("the box is in the turned picture");
            assert_eq!(turn.undo(&in_turned, w, h), original, "{turn:?}");
        }
    }
}
