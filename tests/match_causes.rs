//! The likely causes of a possible mismatch, measured on real faces (the
//! committed public-domain portraits) changed in one known way each: a head
//! leaned (no cause: the chip is aligned), a reflection over the eyes, one side
//! of the face in shadow.

mod common;

use common::{fixture, load_rgb};
use image::RgbImage;
use kycam::analysis::{to_grey, FaceDetector, FaceSearch};
use kycam::face_match::causes::{likely_causes, Cause, CauseLimits, FaceLook};
use kycam::geometry::Rect;

fn portrait(name: &str) -> RgbImage {
    load_rgb(&fixture(name)).unwrap_or_else(|| panic!("{name}: cannot read"))
}

/// The largest face in `rgb`, measured.
fn look(rgb: &RgbImage) -> (FaceLook, Rect) {
    let face = FaceDetector::new(FaceSearch::STILL)
        .detect(&to_grey(rgb))
        .first()
        .map(|f| f.rect)
        .unwrap_or_else(|| panic!("no face found"));
    (FaceLook::measure(rgb, &face), face)
}

fn causes(selfie: &RgbImage, id_photo: &RgbImage) -> Vec<Cause> {
    likely_causes(&look(selfie).0, &look(id_photo).0, &CauseLimits::DEFAULT)
}

#[test]
fn a_plain_portrait_against_itself_shows_no_cause() {
    let photo = portrait("obama.jpg");
    assert_eq!(causes(&photo, &photo), vec![]);
}

#[test]
fn two_official_portraits_differ_by_what_can_be_seen_on_them() {
    // obama2.jpg has the head turned about 22° and a narrower smile than
    // obama.jpg's broad one (mouth 0.90 against 1.10 of the eye distance).
    assert_eq!(
        causes(&portrait("obama.jpg"), &portrait("obama2.jpg")),
        vec![Cause::HeadTurned, Cause::Expression]
    );
}

#[test]
fn a_head_leaned_is_no_cause_the_aligned_chip_turns_it_upright() {
    use imageproc::geometric_transformations::{rotate_about_center, Border, Interpolation};
    use kycam::analysis::face_descriptor::describe_face;
    let upright = portrait("obama.jpg");
    let leaned = rotate_about_center(
        &upright,
        14f32.to_radians(),
        Interpolation::Bilinear,
        Border::Constant(image::Rgb([128, 128, 128])),
    );
    let (selfie, leaned_face) = look(&leaned);
    assert!(
        selfie.shape.pose.roll_deg.abs() > 10.0,
        "roll read {}",
        selfie.shape.pose.roll_deg
    );
    assert_eq!(causes(&leaned, &upright), vec![]);
    let (_, upright_face) = look(&upright);
    let distance =
        describe_face(&leaned, &leaned_face).distance(&describe_face(&upright, &upright_face));
    // The same photo: far below the 0.6 of "the same person".
    assert!(distance < 0.3, "leaned against upright: {distance}");
}

#[test]
fn a_reflection_over_the_eyes_is_read_as_glasses() {
    let mut selfie = portrait("obama.jpg");
    let (_, face) = look(&selfie);
    // A lamp's spot on each lens.
    for cx in [0.3, 0.7] {
        kycam::synth::draw_glare_spot(
            &mut selfie,
            face.x + cx * face.w,
            face.y + 0.38 * face.h,
            0.06 * face.w,
        );
    }
    assert_eq!(
        causes(&selfie, &portrait("obama.jpg")),
        vec![Cause::GlassesReflection]
    );
}

#[test]
fn one_side_of_the_face_in_shadow_is_uneven_light() {
    let mut selfie = portrait("obama.jpg");
    let (_, face) = look(&selfie);
    // The picture's right half of the face at 40 % of its light.
    let split = (face.x + face.w / 2.0) as u32;
    for (x, _, p) in selfie.enumerate_pixels_mut() {
        if x >= split {
            p.0 = p.0.map(|v| (f32::from(v) * 0.4) as u8);
        }
    }
    assert_eq!(
        causes(&selfie, &portrait("obama.jpg")),
        vec![Cause::UnevenLight]
    );
}
