//! What the demo shows for each step, second by second: the document or face
//! the step asks for comes into view, shows each typical problem for a moment
//! (too far, a corner out, glare, tilted, blurred; for the selfie: too far, cut
//! by the side, glare, blurred) and then holds still in place, long enough for
//! the photo to be taken by itself. The loop then starts again.

use std::sync::atomic::{AtomicUsize, Ordering};

use super::{DemoPhase, CARD_WIDTH_FRACTION, FACE_FINAL_CM, FACE_FINAL_Y};
use crate::shot::Shot;

/// The shot the pipeline is on, shared with the demo so that it shows what
/// the step asks for (the pipeline sets it on every shot change).
#[derive(Debug)]
pub struct DemoShot(AtomicUsize);

impl DemoShot {
    pub fn new(shot: Shot) -> Self {
        Self(AtomicUsize::new(index(shot)))
    }

    pub fn set(&self, shot: Shot) {
        self.0.store(index(shot), Ordering::Relaxed);
    }

    pub fn get(&self) -> Shot {
        Shot::ALL[self.0.load(Ordering::Relaxed).min(Shot::ALL.len() - 1)]
    }
}

fn index(shot: Shot) -> usize {
    Shot::ALL.iter().position(|s| *s == shot).unwrap_or(0)
}

/// Which document the demo shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoDocument {
    /// The card's front, with its portrait.
    Front,
    /// The card's back: no portrait, a machine-readable zone.
    Back,
    /// A passport data page.
    PassportPage,
}

/// How a document lies on the desk at a moment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DocLook {
    pub doc: DemoDocument,
    /// Its left edge, as a fraction of the frame's width.
    pub x: f32,
    /// Its width as a fraction of the frame's width.
    pub width: f32,
    /// Turned in the picture's plane, clockwise.
    pub tilt_deg: f32,
    /// A lamp's reflection on it.
    pub glare: bool,
    /// Out of focus.
    pub blur: bool,
}

/// Where the face is at a moment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FaceLook {
    pub distance_cm: f32,
    pub centre: [f32; 2],
    pub glare: bool,
    pub blur: bool,
}

/// Seconds each problem is shown.
const PROBLEM: f64 = 1.5;
/// Seconds the scene then holds still, in place: the 0.7 s auto-capture hold
/// with ample room for the face search on a slow machine.
const SETTLED: f64 = 4.0;
/// A passport page is wider than a card: its width as a share of the frame.
const PAGE_WIDTH_FRACTION: f32 = 0.6;

/// The problems in the order they are shown after coming into view.
#[derive(Clone, Copy, PartialEq)]
enum Problem {
    TooFar,
    CornerOut,
    Glare,
    Tilted,
    Blurred,
}

const DOCUMENT_PROBLEMS: [Problem; 5] = [
    Problem::TooFar,
    Problem::CornerOut,
    Problem::Glare,
    Problem::Tilted,
    Problem::Blurred,
];
const FACE_PROBLEMS: [Problem; 3] = [Problem::CornerOut, Problem::Glare, Problem::Blurred];

/// Ease-out from 0 to 1 over `[a, b]`: fast, then settling.
fn ease(t: f64, a: f64, b: f64) -> f32 {
    let u = ((t - a) / (b - a)).clamp(0.0, 1.0);
    (1.0 - (1.0 - u).powi(3)) as f32
}

/// What the demo shows `t` seconds after the step began.
pub fn phase_for(shot: Shot, t: f64) -> DemoPhase {
    if shot == Shot::Selfie {
        face_phase(t)
    } else {
        document_phase(shot, t)
    }
}

fn document_phase(shot: Shot, t: f64) -> DemoPhase {
    let doc = match shot {
        Shot::Passport => DemoDocument::PassportPage,
        Shot::IdBack | Shot::DlBack => DemoDocument::Back,
        _ => DemoDocument::Front,
    };
    let width = if doc == DemoDocument::PassportPage {
        PAGE_WIDTH_FRACTION
    } else {
        CARD_WIDTH_FRACTION
    };
    let rest = (1.0 - width) / 2.0;
    let t = t.rem_euclid(PROBLEM * (DOCUMENT_PROBLEMS.len() + 1) as f64 + SETTLED);
    let mut look = DocLook {
        doc,
        x: rest,
        width,
        tilt_deg: 0.0,
        glare: false,
        blur: false,
    };
    if t < PROBLEM {
        // Sliding in from the left.
        let u = ease(t, 0.0, PROBLEM * 0.8);
        look.x = -width * (1.0 - u) + rest * u;
        return DemoPhase::Document(look);
    }
    let step = ((t - PROBLEM) / PROBLEM) as usize;
    match DOCUMENT_PROBLEMS.get(step) {
        Some(Problem::TooFar) => {
            look.width = width * 0.5;
            look.x = (1.0 - look.width) / 2.0;
        }
        Some(Problem::CornerOut) => look.x = rest + 0.3,
        Some(Problem::Glare) => look.glare = true,
        Some(Problem::Tilted) => look.tilt_deg = 12.0,
        Some(Problem::Blurred) => look.blur = true,
        None => {}
    }
    DemoPhase::Document(look)
}

fn face_phase(t: f64) -> DemoPhase {
    let t = t.rem_euclid(PROBLEM * (FACE_PROBLEMS.len() + 1) as f64 + SETTLED);
    let mut look = FaceLook {
        distance_cm: FACE_FINAL_CM,
        centre: [0.5, FACE_FINAL_Y],
        glare: false,
        blur: false,
    };
    if t < PROBLEM {
        // Too far at first, coming closer.
        let u = ease(t, 0.0, PROBLEM);
        look.distance_cm = 75.0 * (1.0 - u) + 62.0 * u;
        look.centre[0] = 0.3 * (1.0 - u) + 0.5 * u;
        return DemoPhase::Selfie(look);
    }
    let step = ((t - PROBLEM) / PROBLEM) as usize;
    match FACE_PROBLEMS.get(step) {
        // Half out of the picture's side.
        Some(Problem::CornerOut) => look.centre[0] = 0.93,
        Some(Problem::Glare) => look.glare = true,
        Some(Problem::Blurred) => look.blur = true,
        _ => {}
    }
    DemoPhase::Selfie(look)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(shot: Shot, t: f64) -> DocLook {
        match phase_for(shot, t) {
            DemoPhase::Document(look) => look,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn each_step_shows_its_document_and_the_selfie_a_face() {
        assert_eq!(doc(Shot::IdFront, 10.0).doc, DemoDocument::Front);
        assert_eq!(doc(Shot::DlBack, 10.0).doc, DemoDocument::Back);
        assert_eq!(doc(Shot::Passport, 10.0).doc, DemoDocument::PassportPage);
        assert!(matches!(
            phase_for(Shot::Selfie, 10.0),
            DemoPhase::Selfie(_)
        ));
    }

    #[test]
    fn the_problems_come_one_by_one_then_it_settles() {
        let at = |t| doc(Shot::IdFront, t);
        assert!(at(0.1).x < 0.0, "sliding in");
        assert!(at(2.0).width < CARD_WIDTH_FRACTION, "too far");
        assert!(at(3.5).x + at(3.5).width > 1.0, "a corner out");
        assert!(at(5.0).glare);
        assert!(at(6.5).tilt_deg > 5.0);
        assert!(at(8.0).blur);
        let settled = at(9.5);
        assert_eq!(settled, at(12.5), "holds still");
        assert!(!settled.glare && !settled.blur && settled.tilt_deg == 0.0);
        let period = PROBLEM * (DOCUMENT_PROBLEMS.len() + 1) as f64 + SETTLED;
        assert_eq!(at(0.5), at(period + 0.5), "it loops");
    }
}
