//! Which outlines hold the document's portrait: on a front side the holder's photo
//! anchors the document, so an outline around it at a document's size beats one
//! around a patch of desk, a sheet under the card or the text block beside the photo.

use crate::analysis::Face;
use crate::geometry::Rect;
use crate::shot::DocumentShape;

use super::geometry::{distance_to_quad, height_px, inside_quad, width_over_height, width_px, Pt};
use super::params::PortraitParams;
use super::warp::{apply_h, quad_to_unit_square};

/// The faces found in a frame, any of which may be the portrait printed on a front
/// side, and the frame's size: the camera model that tells a document's long side from
/// its short one under perspective.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Portraits<'a> {
    faces: &'a [Face],
    frame: (u32, u32),
    p: PortraitParams,
}

impl<'a> Portraits<'a> {
    /// The search of a side without a portrait (a back side, or grown outlines).
    pub(super) const NONE: Portraits<'static> = Portraits {
        faces: &[],
        frame: (0, 0),
        p: PortraitParams::DEFAULT,
    };

    /// `faces` found in a `frame` (width, height) of input pixels.
    pub(crate) fn new(faces: &'a [Face], frame: (u32, u32)) -> Self {
        Portraits {
            faces,
            frame,
            p: PortraitParams::DEFAULT,
        }
    }

    /// The same faces, judged with `p`.
    pub(super) fn with_params(self, p: &PortraitParams) -> Self {
        Portraits { p: *p, ..self }
    }

    /// Whether the outline `corners` (input pixels, any starting corner, either winding)
    /// holds one of the faces as its portrait: the face's centre inside it, in the middle
    /// band across it, and its width a portrait's share of the outline's long side.
    pub(crate) fn held_by(&self, corners: &[Pt; 4]) -> bool {
        let share = portrait_share(corners, &self.p);
        self.faces.iter().any(|f| {
            let c = f.rect.center();
            share(&f.rect)
                && inside_quad(c, corners)
                && self
                    .across(corners, c)
                    .is_some_and(|a| a >= self.p.min_across)
        })
    }

    /// The whole frame taken as the outline of a document of `shape`, for a scan cut to
    /// its edges where no outline can be found: whether one of the faces is its portrait
    /// ([`Self::held_by`]); `None` when the frame is not of the document's shape (a
    /// camera's picture), and so cannot be the document.
    pub(crate) fn held_by_frame(&self, shape: DocumentShape) -> Option<bool> {
        let (w, h) = (self.frame.0 as f32, self.frame.1 as f32);
        let aspect = w.max(h) / w.min(h).max(1.0);
        if (aspect / shape.aspect()).ln().abs() > self.p.frame_max_aspect_log_err {
            return None;
        }
        Some(self.held_by(&[[0.0, 0.0], [w, 0.0], [w, h], [0.0, h]]))
    }

    /// Whether the outline `corners` is print beside a front's portrait rather than the
    /// document: it holds none of the faces as its portrait, but a confidently found one
    /// (score at least `beside_min_face_score`) lies just outside it, within
    /// `beside_max_face_widths` of it, at a portrait's share of it. That is the text
    /// block or a band next to the photo of a card whose own outline was missed, most
    /// often because the frame cuts it: reported, such an outline passes
    /// `corners_visible` on a card that is not whole.
    pub(super) fn beside(&self, corners: &[Pt; 4]) -> bool {
        if self.held_by(corners) {
            return false;
        }
        let share = portrait_share(corners, &self.p);
        self.faces.iter().any(|f| {
            let c = f.rect.center();
            f.score >= self.p.beside_min_face_score
                && share(&f.rect)
                && !inside_quad(c, corners)
                && distance_to_quad(c, corners) <= self.p.beside_max_face_widths * f.rect.w
        })
    }

    /// Whether the outline `corners` frames a person rather than a document: a
    /// confidently found face (score at least `beside_min_face_score`) has its centre
    /// inside it and is wider than any portrait of it can be (over `max_share` of its
    /// long side). That is the head and shoulders, or a door or window behind them, of
    /// someone in front of the camera with no document up (on synthetic selfies the
    /// face is 0.34–0.50 of such an outline's long side), or the frame printed around a
    /// card's portrait (at least 0.4).
    pub(crate) fn framed_by(&self, corners: &[Pt; 4]) -> bool {
        let long = width_px(corners).max(height_px(corners));
        self.faces.iter().any(|f| {
            f.score >= self.p.beside_min_face_score
                && f.rect.w > self.p.max_share * long
                && inside_quad(f.rect.center(), corners)
        })
    }

    /// How far across the document `corners` the point `p` lies, perspective undone:
    /// its distance from the nearer long side as a share of the short side (0.5 is the
    /// middle). `None` for a degenerate outline.
    fn across(&self, corners: &[Pt; 4], p: Pt) -> Option<f32> {
        let [u, v] = apply_h(&quad_to_unit_square(corners)?, p[0], p[1])?;
        let (fw, fh) = (self.frame.0 as f32, self.frame.1 as f32);
        // `u` runs along the side from corner 0 to corner 1, `v` along that from 0 to 3.
        let across = if width_over_height(corners, fw, fh) >= 1.0 {
            v
        } else {
            u
        };
        Some(across.min(1.0 - across))
    }
}

/// Whether a face box is of a portrait's size for the outline `corners`.
fn portrait_share(corners: &[Pt; 4], p: &PortraitParams) -> impl Fn(&Rect) -> bool {
    let long = width_px(corners).max(height_px(corners));
    let shares = p.min_share..=p.max_share;
    move |f| shares.contains(&(f.w / long))
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
    const FRAME: (u32, u32) = (1280, 720);

    /// A face found with confidence.
    fn face(x: f32, y: f32, w: f32, h: f32) -> Face {
        Face {
            rect: Rect::new(x, y, w, h),
            score: 20.0,
            quarter_turns: 0,
        }
    }

    fn held(corners: &[Pt; 4], faces: &[Face]) -> bool {
        Portraits::new(faces, FRAME).held_by(corners)
    }

    fn beside(corners: &[Pt; 4], faces: &[Face]) -> bool {
        Portraits::new(faces, FRAME).beside(corners)
    }

    #[test]
    fn a_face_too_large_for_a_portrait_frames_the_outline_a_portrait_does_not() {
        let framed = |faces: &[Face]| Portraits::new(faces, FRAME).framed_by(&CARD);
        // A person's head in front of the camera: 0.47 of the outline's long side.
        assert!(framed(&[face(300.0, 150.0, 400.0, 400.0)]));
        // The card's own portrait (0.18) and a large face outside the outline.
        assert!(!framed(&[face(200.0, 280.0, 150.0, 180.0)]));
        assert!(!framed(&[face(980.0, 150.0, 280.0, 280.0)]));
        // A faint face (a pattern in the background) is not a person.
        let faint = Face {
            score: 3.0,
            ..face(300.0, 150.0, 400.0, 400.0)
        };
        assert!(!framed(&[faint]));
    }

    #[test]
    fn a_portrait_sized_face_inside_is_held_from_any_corner_either_winding() {
        let face = face(200.0, 280.0, 150.0, 180.0);
        let mut reversed = CARD;
        reversed.reverse();
        let mut turned = CARD;
        turned.rotate_left(1);
        for corners in [CARD, reversed, turned] {
            assert!(held(&corners, &[face]), "{corners:?}");
        }
    }

    #[test]
    fn faces_outside_or_of_the_wrong_size_are_not() {
        let outside = face(1000.0, 250.0, 150.0, 180.0);
        let too_small = face(200.0, 250.0, 60.0, 70.0);
        let too_large = face(200.0, 150.0, 400.0, 450.0);
        assert!(!held(&CARD, &[outside, too_small, too_large]));
        assert!(!held(&CARD, &[]));
    }

    #[test]
    fn a_face_near_a_long_side_is_no_portrait_of_the_outline() {
        // The card's own outline holds its portrait in the middle band across it; the
        // card with a strip of desk below it has the same face in its upper third.
        let portrait = face(180.0, 246.0, 120.0, 140.0);
        assert!(held(&CARD, &[portrait]));
        let with_desk = [
            [100.0, 100.0],
            [1300.0, 100.0],
            [1300.0, 860.0],
            [100.0, 860.0],
        ];
        assert!(!held(&with_desk, &[portrait]));
    }

    #[test]
    fn across_is_measured_with_perspective_undone() {
        // An ID-1 card (85.6 × 54 mm) 40 cm from a camera of `FRAME`'s assumed focal
        // length, turned 65° about the vertical: on screen it is taller than wide, yet
        // its long side runs across the picture. Its portrait's centre, 20 % along and
        // 45 % down the card, is held.
        let (f, turn) = (1024.0f32, 65f32.to_radians());
        let project = |x: f32, y: f32| -> Pt {
            // Millimetres from the card's centre; the camera looks along +z.
            let (px, pz) = (x * turn.cos(), 400.0 + x * turn.sin());
            [640.0 + f * px / pz, 360.0 + f * y / pz]
        };
        let (w, h) = (85.6, 54.0);
        let card = [
            project(-w / 2.0, -h / 2.0),
            project(w / 2.0, -h / 2.0),
            project(w / 2.0, h / 2.0),
            project(-w / 2.0, h / 2.0),
        ];
        assert!(width_px(&card) < height_px(&card), "{card:?}");
        let [cx, cy] = project(-w / 2.0 + 0.2 * w, -h / 2.0 + 0.45 * h);
        let size = 0.16 * height_px(&card);
        let portrait = face(cx - size / 2.0, cy - size / 2.0, size, size);
        assert!(held(&card, &[portrait]));
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
        let portrait = face(200.0, 280.0, 120.0, 140.0);
        assert!(beside(&text, &[portrait]));
        // The card itself holds it; a face far off, or of a size no portrait of this
        // outline has (a person behind the card), is not beside it.
        assert!(!beside(&CARD, &[portrait]));
        let far = face(-300.0, 250.0, 120.0, 140.0);
        let person = face(10.0, 150.0, 380.0, 420.0);
        // A face the detector is unsure of (gravel, bricks) takes nothing away.
        let unsure = Face {
            score: 3.0,
            ..portrait
        };
        assert!(!beside(&text, &[far, person, unsure]));
        assert!(!beside(&text, &[]));
    }
}
