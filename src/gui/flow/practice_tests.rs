//! The liveness practice in the session's flow: from Done, and back to it.

use super::tests::{passport_at_done as done, saved};
use super::*;
use crate::pipeline::source::TroubleKind;

#[test]
fn the_practice_opens_from_done_and_esc_returns_there() {
    let mut flow = done();
    assert_eq!(flow.preview_shot(), None);
    assert_eq!(flow.loss(&Action::Practise), None);
    assert_eq!(flow.apply(Action::Practise), vec![Effect::StartPractice]);
    assert_eq!(flow.page(), &Page::Practice);
    // The selfie is on screen, but nothing is being taken.
    assert_eq!(flow.preview_shot(), Some(Shot::Selfie));
    assert_eq!(flow.shooting(), None);
    // Leaving it loses nothing and is not asked about.
    assert_eq!(flow.loss(&Action::Back), None);
    assert_eq!(flow.apply(Action::Back), vec![Effect::StopPipeline]);
    assert_eq!(flow.page(), &Page::Done);
    assert_eq!(flow.progress().map(|p| p.accepted.len()), Some(2));
    // And it can be practised again.
    assert_eq!(flow.apply(Action::Practise), vec![Effect::StartPractice]);
}

#[test]
fn the_practice_is_offered_only_at_the_end_of_a_session() {
    let mut flow = Flow::new();
    assert_eq!(flow.apply(Action::Practise), vec![]);
    assert_eq!(flow.page(), &Page::ChooseDocument);
    flow.apply(Action::Choose(DocumentKind::IdCard));
    assert_eq!(flow.apply(Action::Practise), vec![]);
    assert_eq!(flow.shooting(), Some(Shot::IdFront));
}

#[test]
fn a_capture_arriving_during_the_practice_changes_no_page_and_keeps_the_photos() {
    let mut flow = done();
    flow.apply(Action::Practise);
    // Already accepted: kept as it is, the practice goes on.
    assert_eq!(flow.apply(Action::Captured(saved(Shot::Selfie))), vec![]);
    assert_eq!(flow.page(), &Page::Practice);
}

#[test]
fn a_camera_failing_during_the_practice_ends_only_the_practice() {
    let mut flow = done();
    flow.apply(Action::Practise);
    assert_eq!(
        flow.apply(Action::SourceFailed(SourceTrouble::new(
            TroubleKind::Interrupted,
            "The camera was unplugged."
        ))),
        vec![Effect::StopPipeline]
    );
    assert_eq!(flow.page(), &Page::Done);
    assert_eq!(flow.progress().map(|p| p.accepted.len()), Some(2));
}

#[test]
fn an_aside_over_the_practice_closes_first() {
    let mut flow = done();
    flow.apply(Action::Practise);
    flow.apply(Action::Open(Aside::Help));
    assert_eq!(flow.apply(Action::Back), vec![]);
    assert_eq!(flow.page(), &Page::Practice);
}
