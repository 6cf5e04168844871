use super::*;
use std::path::PathBuf;

pub(super) fn saved(shot: Shot) -> SavedShot {
    SavedShot {
        shot,
        path: PathBuf::from(format!("/tmp/{shot}.jpg")),
        bytes: 200_000,
        quality: 90,
        manual: false,
        all_passed: true,
        time: "2026-01-01T00:00:00Z".into(),
        below_min_size: false,
        save_number: 1,
    }
}

#[test]
fn an_id_card_session_walks_front_back_selfie_then_done() {
    let mut flow = Flow::new();
    assert_eq!(
        flow.apply(Action::Choose(DocumentKind::IdCard)),
        vec![Effect::StartSession(Shot::IdFront)]
    );
    assert_eq!(
        flow.progress().map(Progress::caption).as_deref(),
        Some("1 of 3: ID card, front")
    );
    for (shot, next) in [
        (Shot::IdFront, Some(Shot::IdBack)),
        (Shot::IdBack, Some(Shot::Selfie)),
        (Shot::Selfie, None),
    ] {
        assert_eq!(flow.shooting(), Some(shot));
        flow.apply(Action::Captured(saved(shot)));
        assert_eq!(flow.page(), &Page::Review(saved(shot)));
        let effects = flow.apply(Action::Accept);
        match next {
            Some(next) => assert_eq!(effects, vec![Effect::SetShot(next)]),
            None => assert_eq!(effects, vec![Effect::StopPipeline]),
        }
    }
    assert_eq!(flow.page(), &Page::Done);
    assert_eq!(flow.progress().map(|p| p.accepted.len()), Some(3));
}

#[test]
fn retake_discards_and_rearms() {
    let mut flow = Flow::new();
    flow.apply(Action::Choose(DocumentKind::Passport));
    flow.apply(Action::Captured(saved(Shot::Passport)));
    assert_eq!(
        flow.apply(Action::Retake),
        vec![Effect::Discard(Shot::Passport), Effect::Rearm]
    );
    assert_eq!(flow.shooting(), Some(Shot::Passport));
}

#[test]
fn a_capture_nobody_saw_is_discarded() {
    let mut flow = Flow::new();
    flow.apply(Action::Choose(DocumentKind::IdCard));
    assert_eq!(
        flow.apply(Action::Captured(saved(Shot::Selfie))),
        vec![Effect::Discard(Shot::Selfie)]
    );
    assert_eq!(flow.page(), &Page::Shooting);
}

#[test]
fn back_from_the_second_shot_reviews_the_first_again() {
    let mut flow = Flow::new();
    flow.apply(Action::Choose(DocumentKind::DrivingLicence));
    flow.apply(Action::Captured(saved(Shot::DlFront)));
    flow.apply(Action::Accept);
    assert_eq!(flow.apply(Action::Back), vec![]);
    assert_eq!(flow.page(), &Page::Review(saved(Shot::DlFront)));
    // The back side captured meanwhile was never seen: discarded.
    assert_eq!(
        flow.apply(Action::Captured(saved(Shot::DlBack))),
        vec![Effect::Discard(Shot::DlBack)]
    );
    // Accepting again goes on to the back side.
    assert_eq!(
        flow.apply(Action::Accept),
        vec![Effect::SetShot(Shot::DlBack)]
    );
    // Retaking the front moves the pipeline back to it.
    flow.apply(Action::Back);
    assert_eq!(
        flow.apply(Action::Retake),
        vec![
            Effect::Discard(Shot::DlFront),
            Effect::SetShot(Shot::DlFront)
        ]
    );
    // Back on the first shot leaves the session.
    assert_eq!(flow.apply(Action::Back), vec![Effect::StopSession]);
    assert_eq!(flow.page(), &Page::ChooseDocument);
}

#[test]
fn what_would_lose_a_photo_is_asked_about_first() {
    let mut flow = Flow::new();
    flow.apply(Action::Choose(DocumentKind::IdCard));
    assert_eq!(flow.loss(&Action::Back), None, "nothing accepted yet");
    flow.apply(Action::Captured(saved(Shot::IdFront)));
    // The Retake button on a photo just taken: no question; Esc: asked.
    assert_eq!(flow.loss(&Action::Retake), None);
    assert_eq!(
        flow.loss(&Action::Back),
        Some(Loss::Photo(saved(Shot::IdFront)))
    );
    flow.apply(Action::Accept);
    assert_eq!(
        flow.loss(&Action::Restart),
        Some(Loss::Session { accepted: 1 })
    );
    // Esc from step 2 shows step 1 again (nothing lost); a second Esc or
    // Retake there would delete the accepted photo.
    assert_eq!(flow.loss(&Action::Back), None);
    flow.apply(Action::Back);
    assert_eq!(
        flow.loss(&Action::Back),
        Some(Loss::Photo(saved(Shot::IdFront)))
    );
    assert_eq!(
        flow.loss(&Action::Retake),
        Some(Loss::Photo(saved(Shot::IdFront)))
    );
    // An aside open: Esc closes it, nothing else.
    flow.apply(Action::Open(Aside::Help));
    assert_eq!(flow.loss(&Action::Back), None);
}

/// A passport session at Done.
pub(super) fn passport_at_done() -> Flow {
    let mut flow = Flow::new();
    flow.apply(Action::Choose(DocumentKind::Passport));
    for shot in [Shot::Passport, Shot::Selfie] {
        flow.apply(Action::Captured(saved(shot)));
        flow.apply(Action::Accept);
    }
    assert_eq!(flow.page(), &Page::Done);
    flow
}

#[test]
fn one_shot_is_taken_again_from_done_and_done_comes_back() {
    let mut flow = passport_at_done();
    assert_eq!(
        flow.loss(&Action::RetakeShot(Shot::Passport)),
        Some(Loss::Photo(saved(Shot::Passport)))
    );
    assert_eq!(
        flow.apply(Action::RetakeShot(Shot::Passport)),
        vec![
            Effect::Discard(Shot::Passport),
            Effect::ResumeSession(Shot::Passport)
        ]
    );
    assert_eq!(flow.shooting(), Some(Shot::Passport));
    flow.apply(Action::Captured(saved(Shot::Passport)));
    assert_eq!(flow.apply(Action::Accept), vec![Effect::StopPipeline]);
    assert_eq!(flow.page(), &Page::Done);
    assert_eq!(flow.progress().map(|p| p.accepted.len()), Some(2));
    // Esc while taking it again returns to Done (the shot is then missing).
    flow.apply(Action::RetakeShot(Shot::Selfie));
    assert_eq!(flow.apply(Action::Back), vec![Effect::StopPipeline]);
    assert_eq!(flow.page(), &Page::Done);
    assert_eq!(flow.loss(&Action::RetakeShot(Shot::Selfie)), None);
}

#[test]
fn asides_close_first_and_captures_still_land() {
    let mut flow = Flow::new();
    flow.apply(Action::Choose(DocumentKind::IdCard));
    flow.apply(Action::Open(Aside::Help));
    flow.apply(Action::Captured(saved(Shot::IdFront)));
    assert_eq!(flow.apply(Action::Back), vec![]);
    assert_eq!(flow.aside(), None);
    assert_eq!(flow.page(), &Page::Review(saved(Shot::IdFront)));
}

#[test]
fn a_source_failure_stops_the_session() {
    let mut flow = Flow::new();
    flow.apply(Action::Choose(DocumentKind::IdCard));
    assert_eq!(
        flow.apply(Action::SourceFailed(SourceTrouble::new(
            crate::gui::live::TroubleKind::NoCamera,
            "No camera found."
        ))),
        vec![Effect::StopSession]
    );
    assert!(matches!(flow.page(), Page::NoCamera { .. }));
    assert_eq!(flow.apply(Action::Back), vec![]);
    assert_eq!(flow.page(), &Page::ChooseDocument);
}
