//! `sunglasses` and `eyewear_glare` on real portraits: bare eyes and ordinary
//! glasses pass; dark and mirrored lenses painted over the eyes the landmarks
//! find fail, measured again from scratch on the painted photo; the face box's
//! measures still judge before the landmarks are found. No real photo of
//! sunglasses is among the fixtures: these are composites (docs/eyewear.md).

use image::RgbImage;
use kycam::analysis::eyewear::{eye_regions, EyewearParams};
use kycam::analysis::{
    self, CameraModel, EyeRegionsFrom, FaceDetector, FaceSearch, FacesFrom, Measurements,
};
use kycam::fixtures;
use kycam::gui::overlay::{eyewear_marks, EyewearMark};
use kycam::rules::{self, RuleId, Verdict};
use kycam::synth::lenses::Lens;
use kycam::Shot;

mod common;

use common::{file_passes, selfie_landmarks, verdict_on, with_lenses};

/// Committed portraits (always present) with open eyes and no glasses.
const COMMITTED: [&str; 3] = ["obama.jpg", "obama3.jpg", "astronaut.png"];
/// The shared portraits with ordinary clear glasses.
const CLEAR_GLASSES: [&str; 2] = ["deepface_img24.jpg", "deepface_img25.jpg"];

fn committed(name: &str) -> RgbImage {
    image::open(fixtures::committed(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .to_rgb8()
}

/// The shared portraits with glasses, or none when ../shared/fixtures is absent.
fn with_glasses() -> Vec<(String, RgbImage)> {
    let Some(dir) = fixtures::shared_dir() else {
        eprintln!("../shared/fixtures is absent: the portraits with glasses are skipped");
        return Vec::new();
    };
    CLEAR_GLASSES
        .iter()
        .map(|n| {
            let loaded = kycam::imageio::load_image(&dir.join("faces-eval").join(n))
                .unwrap_or_else(|e| panic!("{e}"));
            (n.to_string(), loaded.rgb)
        })
        .collect()
}

/// The selfie measured as `kycam check` does (the still search, landmarks) and on
/// the face box alone (as live before the face worker's landmarks).
fn measured(rgb: &RgbImage) -> (Measurements, Measurements) {
    let grey = analysis::to_grey(rgb);
    let faces = FaceDetector::new(FaceSearch::STILL).detect(&grey);
    assert!(!faces.is_empty(), "no face found");
    let camera = CameraModel::default();
    let on_box = analysis::measure_with(
        rgb,
        &grey,
        Shot::Selfie,
        &faces,
        FacesFrom::ThisFrame,
        camera,
    );
    let with_marks = analysis::measure(rgb, &grey, Shot::Selfie, &faces, camera);
    (with_marks, on_box)
}

fn verdict(m: &Measurements, id: RuleId) -> Verdict {
    verdict_on(&rules::judge(m), id).clone()
}

/// The committed portraits (bare eyes) and, when ../shared/fixtures is there, the two
/// with ordinary glasses, by name.
fn portraits() -> Vec<(String, RgbImage)> {
    let mut photos: Vec<_> = COMMITTED
        .iter()
        .map(|n| (n.to_string(), committed(n)))
        .collect();
    photos.extend(with_glasses());
    photos
}

#[test]
fn bare_eyes_and_clear_glasses_pass_both_rules() {
    for (name, rgb) in &portraits() {
        let (m, _) = measured(rgb);
        let s = m.selfie.as_ref().expect("a selfie face");
        assert_eq!(s.eye_regions, EyeRegionsFrom::Landmarks, "{name}");
        for id in [RuleId::Sunglasses, RuleId::EyewearGlare] {
            let v = verdict(&m, id);
            assert!(v.pass, "{name}: {v:?}");
        }
    }
}

#[test]
fn kycam_check_passes_clear_glasses() {
    let Some(dir) = fixtures::shared_dir() else {
        eprintln!("skipped: ../shared/fixtures is absent");
        return;
    };
    for name in CLEAR_GLASSES {
        let path = dir.join("faces-eval").join(name);
        assert!(
            file_passes(&path, Shot::Selfie, RuleId::Sunglasses),
            "{name}"
        );
        assert!(
            file_passes(&path, Shot::Selfie, RuleId::EyewearGlare),
            "{name}"
        );
    }
}

#[test]
fn dark_and_mirrored_lenses_fail_sunglasses() {
    for (i, (name, rgb)) in portraits().iter().enumerate() {
        for lens in [Lens::Dark, Lens::Mirrored] {
            let (m, _) = measured(&with_lenses(rgb, lens, 100 + i as u64));
            let v = verdict(&m, RuleId::Sunglasses);
            assert!(!v.pass, "{name} with {lens:?} lenses: {v:?}");
        }
    }
}

#[test]
fn a_mirrored_lens_fails_by_its_missing_pupil_where_the_face_box_passes_it() {
    for (i, name) in COMMITTED.iter().enumerate() {
        let (with_marks, on_box) =
            measured(&with_lenses(&committed(name), Lens::Mirrored, i as u64));
        // Bright lenses are not dark: the face box's brightness ratio passes them.
        let box_verdict = verdict(&on_box, RuleId::Sunglasses);
        assert!(box_verdict.pass, "{name}: {box_verdict:?}");
        let v = verdict(&with_marks, RuleId::Sunglasses);
        assert!(!v.pass, "{name}: {v:?}");
        let darkest = with_marks.selfie.and_then(|s| s.eye_darkest_to_cheek);
        assert_eq!(v.value, darkest.map(f64::from), "{name}");
        assert_eq!(v.limit.max, Some(rules::EYE_DARKEST_MAX), "{name}");
    }
}

#[test]
fn without_landmarks_the_face_box_still_judges() {
    let rgb = committed("obama.jpg");
    let (_, bare) = measured(&rgb);
    let s = bare.selfie.as_ref().expect("a selfie face");
    assert_eq!(s.eye_regions, EyeRegionsFrom::FaceBox);
    assert_eq!(s.eye_darkest_to_cheek, None);
    assert!(verdict(&bare, RuleId::Sunglasses).pass);
    assert!(verdict(&bare, RuleId::EyewearGlare).pass);
    let (_, dark) = measured(&with_lenses(&rgb, Lens::Dark, 3));
    let v = verdict(&dark, RuleId::Sunglasses);
    assert!(!v.pass, "{v:?}");
    assert_eq!(v.limit.min, Some(rules::EYE_TO_CHEEK_MIN));
}

/// The lens regions of `points` (68 landmarks), as eyewear.rs measures them.
fn lens_regions(points: &[[f32; 2]]) -> Vec<kycam::geometry::Rect> {
    eye_regions(points, &EyewearParams::DEFAULT)
        .expect("68 points")
        .map(|r| r.lens)
        .to_vec()
}

/// The live preview outlines the lenses a failing eye rule was measured on, and
/// nothing while the rules pass: on the landmarks' lens regions, or before the
/// landmarks on the face box's eye boxes.
#[test]
fn the_overlay_outlines_the_lenses_sunglasses_was_measured_on_only_when_it_fails() {
    let rgb = committed("obama.jpg");
    let (bare, bare_box) = measured(&rgb);
    for m in [&bare, &bare_box] {
        assert_eq!(eyewear_marks(m, &rules::judge(m)), vec![]);
    }
    let (dark, dark_box) = measured(&with_lenses(&rgb, Lens::Dark, 7));
    let verdicts = rules::judge(&dark);
    assert!(!verdict_on(&verdicts, RuleId::Sunglasses).pass);
    let points = dark.selfie.as_ref().and_then(|s| s.landmarks.as_ref());
    let marks = eyewear_marks(&dark, &verdicts);
    assert_eq!(
        marks,
        vec![EyewearMark {
            rule: RuleId::Sunglasses,
            regions: lens_regions(&points.expect("landmarks").points),
        }]
    );
    // The same photo judged on the face box alone: its eye boxes.
    let face = dark_box.selfie.as_ref().expect("a face").face.rect;
    let marks = eyewear_marks(&dark_box, &rules::judge(&dark_box));
    assert_eq!(marks.len(), 1, "{marks:?}");
    assert_eq!(
        marks[0].regions,
        analysis::selfie::eye_boxes(&face).to_vec()
    );
}

/// A reflection across the lower part of both lenses (clear of the eyes) fails
/// `eyewear_glare` alone, and only its lenses are outlined, for it.
#[test]
fn the_overlay_outlines_the_lenses_a_reflection_fails_on() {
    let rgb = committed("obama.jpg");
    let mut shone = rgb.clone();
    for lens in lens_regions(&selfie_landmarks(&rgb)) {
        let band =
            kycam::geometry::Rect::new(lens.x, lens.bottom() - lens.h * 0.3, lens.w, lens.h * 0.3);
        let (x, y, w, h) = band
            .clamped_pixels(rgb.width(), rgb.height())
            .expect("inside");
        for yy in y..y + h {
            for xx in x..x + w {
                shone.put_pixel(xx, yy, image::Rgb([252, 252, 252]));
            }
        }
    }
    let (m, _) = measured(&shone);
    let verdicts = rules::judge(&m);
    assert!(verdict_on(&verdicts, RuleId::Sunglasses).pass);
    assert!(!verdict_on(&verdicts, RuleId::EyewearGlare).pass);
    let points = m.selfie.as_ref().and_then(|s| s.landmarks.as_ref());
    assert_eq!(
        eyewear_marks(&m, &verdicts),
        vec![EyewearMark {
            rule: RuleId::EyewearGlare,
            regions: lens_regions(&points.expect("landmarks").points),
        }]
    );
}
