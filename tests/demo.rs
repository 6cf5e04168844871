//! The demo shows what each step asks for: its settled scene passes every rule
//! of that shot (so auto-capture fires), and each problem it shows on the way
//! fails the rule it is about.

use kycam::analysis::{self, FaceDetector, FaceSearch};
use kycam::pipeline::source::demo::{phase_for, DemoAssets};
use kycam::rules::{self, RuleId};
use kycam::Shot;

/// The failing rules of the demo's frame for `shot` at `t` seconds.
fn failing(assets: &DemoAssets, shot: Shot, t: f64) -> Vec<RuleId> {
    let frame = assets.render(phase_for(shot, t));
    let grey = analysis::to_grey(&frame);
    let search = if shot == Shot::Selfie {
        FaceSearch::LIVE
    } else {
        FaceSearch::PORTRAIT_STILL
    };
    let faces = FaceDetector::new(search).detect(&grey);
    let m = analysis::measure(&frame, &grey, shot, &faces, Default::default());
    rules::failing(&rules::judge(&m))
}

#[test]
fn each_document_step_settles_to_a_passing_scene_after_its_problems() {
    let assets = DemoAssets::load().expect("demo assets");
    for shot in [Shot::IdFront, Shot::IdBack, Shot::Passport] {
        assert_eq!(failing(&assets, shot, 12.0), vec![], "{shot} settled");
        for (t, rule) in [
            (2.0, RuleId::DocumentSize),
            (3.5, RuleId::CornersVisible),
            (5.0, RuleId::Glare),
            (6.5, RuleId::Straight),
            (8.0, RuleId::Sharpness),
        ] {
            let f = failing(&assets, shot, t);
            assert!(f.contains(&rule), "{shot} at {t} s: {f:?}, not {rule}");
        }
    }
}

#[test]
fn the_selfie_step_shows_a_face_that_settles_in_place() {
    let assets = DemoAssets::load().expect("demo assets");
    assert_eq!(failing(&assets, Shot::Selfie, 8.0), vec![]);
    for (t, rule) in [
        (0.5, RuleId::Distance),
        (2.0, RuleId::FaceInFrame),
        (3.5, RuleId::Glare),
        (5.0, RuleId::Sharpness),
    ] {
        let f = failing(&assets, Shot::Selfie, t);
        assert!(f.contains(&rule), "selfie at {t} s: {f:?}, not {rule}");
    }
}
