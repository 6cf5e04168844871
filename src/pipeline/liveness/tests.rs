use super::*;
use crate::analysis::landmarks;
use crate::analysis::{self, FaceDetector, FaceSearch};

const FACE: Sample = Sample {
    eyes_shut: false,
    yaw_deg: 0.0,
    mouth_open: 0.02,
    smiling: false,
};

fn shut() -> Option<Sample> {
    Some(Sample {
        eyes_shut: true,
        ..FACE
    })
}

fn open() -> Option<Sample> {
    Some(FACE)
}

fn yaw(deg: f32) -> Option<Sample> {
    Some(Sample {
        yaw_deg: deg,
        ..FACE
    })
}

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// Feeds `samples` 100 ms apart from `start`; returns the time after the last.
fn feed(p: &mut Practice, start: Duration, samples: &[Option<Sample>]) -> Duration {
    let mut t = start;
    for s in samples {
        p.observe(*s, t);
        t += ms(100);
    }
    t
}

fn practice() -> Practice {
    Practice::new(PracticeConfig::default(), Duration::ZERO)
}

#[test]
fn two_blinks_open_shut_open_complete_the_first_step() {
    let mut p = practice();
    assert_eq!(p.current(), Some(Step::Blink));
    let t = feed(&mut p, ms(0), &[open(), open(), shut(), shut(), open()]);
    assert_eq!(p.gauge().map(|g| g.words), Some("blinks: 1 of 2".into()));
    assert_eq!(p.gauge().map(|g| g.fraction), Some(0.5));
    // The same open frame seen again (a report repeats the worker's newest
    // landmarks until the next) is no blink.
    let t = feed(&mut p, t, &[open(), open(), open()]);
    assert_eq!(p.state(Step::Blink), StepState::Active);
    feed(&mut p, t, &[shut(), open()]);
    assert_eq!(p.state(Step::Blink), StepState::Done);
    assert_eq!(p.done_words(Step::Blink), Some("2 blinks"));
    assert_eq!(p.current(), Some(Step::TurnLeft));
}

#[test]
fn eyes_shut_from_the_start_or_held_shut_count_once_at_most() {
    let mut p = practice();
    // Shut before they were ever seen open: not a blink.
    let t = feed(&mut p, ms(0), &[shut(), shut(), open()]);
    assert_eq!(p.gauge().map(|g| g.words), Some("blinks: 0 of 2".into()));
    // Shut for a while, with frames without a face between: one blink.
    feed(&mut p, t, &[shut(), None, shut(), shut(), None, open()]);
    assert_eq!(p.gauge().map(|g| g.words), Some("blinks: 1 of 2".into()));
}

#[test]
fn each_turn_step_needs_its_own_side() {
    let mut p = practice();
    p.skip(ms(0));
    assert_eq!(p.current(), Some(Step::TurnLeft));
    // Turned to the right: nothing for the left.
    let t = feed(&mut p, ms(0), &[yaw(-35.0), yaw(-30.0)]);
    assert_eq!(
        p.gauge().map(|g| g.words),
        Some("turned 0°, 0 % of the way".into())
    );
    let t = feed(&mut p, t, &[yaw(10.0), yaw(18.0)]);
    let gauge = p.gauge().unwrap_or_else(|| panic!("no gauge"));
    assert_eq!(gauge.words, "turned 18°, 72 % of the way");
    assert!((gauge.fraction - 0.72).abs() < 1e-6);
    let t = feed(&mut p, t, &[yaw(27.0)]);
    assert_eq!(p.state(Step::TurnLeft), StepState::Done);
    assert_eq!(p.done_words(Step::TurnLeft), Some("turned 27°"));
    assert_eq!(p.current(), Some(Step::TurnRight));
    feed(&mut p, t, &[yaw(0.0), yaw(30.0), yaw(-12.0), yaw(-26.0)]);
    assert_eq!(p.state(Step::TurnRight), StepState::Done);
    assert_eq!(p.current(), Some(Step::MouthOrSmile));
}

#[test]
fn a_smile_or_an_open_mouth_completes_the_last_step() {
    for (sample, words) in [
        (
            Sample {
                smiling: true,
                ..FACE
            },
            "smile",
        ),
        (
            Sample {
                mouth_open: 0.42,
                ..FACE
            },
            "mouth open",
        ),
    ] {
        let mut p = practice();
        for _ in 0..3 {
            p.skip(ms(0));
        }
        let t = feed(&mut p, ms(0), &[Some(FACE)]);
        assert_eq!(
            p.gauge().map(|g| g.words),
            Some("mouth open 7 % of the way".into())
        );
        feed(&mut p, t, &[Some(sample)]);
        assert_eq!(p.state(Step::MouthOrSmile), StepState::Done);
        assert_eq!(p.done_words(Step::MouthOrSmile), Some(words));
        assert!(p.finished());
        assert_eq!(p.gauge(), None);
    }
}

#[test]
fn a_step_that_does_not_come_times_out_and_can_be_tried_again_or_skipped() {
    let mut p = practice();
    let timeout = p.config().step_timeout;
    // Open eyes for the whole time: no blink.
    p.observe(open(), ms(0));
    p.observe(open(), timeout - ms(1));
    assert_eq!(p.state(Step::Blink), StepState::Active);
    assert_eq!(p.time_left(timeout - ms(1)), ms(1));
    p.observe(open(), timeout);
    assert_eq!(p.state(Step::Blink), StepState::TimedOut);
    assert_eq!(p.current(), Some(Step::Blink));
    assert!(p.face_seen());
    // Timed out: frames change nothing until the person chooses.
    feed(&mut p, timeout, &[shut(), open(), shut(), open()]);
    assert_eq!(p.state(Step::Blink), StepState::TimedOut);
    // Try again: a fresh timeout and count.
    let again = timeout + ms(5000);
    p.retry(again);
    assert_eq!(p.state(Step::Blink), StepState::Active);
    assert_eq!(p.time_left(again), timeout);
    p.observe(open(), again + timeout);
    assert_eq!(p.state(Step::Blink), StepState::TimedOut);
    // Skip: the next step starts with its own time.
    let later = again + timeout + ms(100);
    p.skip(later);
    assert_eq!(p.state(Step::Blink), StepState::Skipped);
    assert_eq!(p.current(), Some(Step::TurnLeft));
    assert_eq!(p.time_left(later), timeout);
}

#[test]
fn no_face_leaves_the_gauge_empty_and_says_so() {
    let mut p = practice();
    p.skip(ms(0));
    feed(&mut p, ms(0), &[None, None]);
    assert!(!p.face_seen());
    assert_eq!(p.gauge().map(|g| g.fraction), Some(0.0));
    // A face that goes away empties the turn gauge again.
    feed(&mut p, ms(300), &[yaw(15.0), None]);
    assert_eq!(
        p.gauge().map(|g| g.words),
        Some("turned 0°, 0 % of the way".into())
    );
    assert!(p.face_seen());
}

#[test]
fn skipping_every_step_finishes_the_practice() {
    let mut p = practice();
    for step in Step::ALL {
        assert_eq!(p.current(), Some(step));
        p.skip(ms(10));
    }
    assert!(p.finished());
    assert!(Step::ALL.iter().all(|s| p.state(*s) == StepState::Skipped));
    // Nothing happens after the end.
    p.skip(ms(20));
    p.retry(ms(20));
    p.observe(shut(), ms(30));
    assert!(p.finished());
}

/// The sample of the largest face in a committed photo, optionally mirrored
/// left–right (a head turned the other way).
fn photo_sample(name: &str, mirrored: bool) -> Sample {
    let mut rgb = image::open(crate::fixtures::committed(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .to_rgb8();
    if mirrored {
        image::imageops::flip_horizontal_in_place(&mut rgb);
    }
    let face = FaceDetector::new(FaceSearch::STILL)
        .detect(&analysis::to_grey(&rgb))
        .first()
        .map(|f| f.rect)
        .unwrap_or_else(|| panic!("no face in {name}"));
    Sample::of(&FaceShape::of(&landmarks::find(&rgb, &face)))
}

/// Real photos of one man. Speaking with the jaw dropped (obama2) completes the
/// mouth step; its head, a little turned to his right (yaw −22°), moves the right
/// turn's gauge most of the way and not the left one, and mirrored the other way
/// round; obama3, turned a little to his left (18°), the left one.
#[test]
fn real_photos_move_the_mouth_and_turn_gauges() {
    let speaking = photo_sample("obama2.jpg", false);
    assert!(!speaking.eyes_shut);
    let mut p = practice();
    for _ in 0..3 {
        p.skip(ms(0));
    }
    feed(&mut p, ms(0), &[Some(speaking)]);
    assert_eq!(p.done_words(Step::MouthOrSmile), Some("mouth open"));

    // (left, right) gauge fractions.
    let turned = |sample: Sample| {
        let mut p = practice();
        p.skip(ms(0));
        p.observe(Some(sample), ms(0));
        let left = p.gauge().map_or(0.0, |g| g.fraction);
        p.skip(ms(0));
        p.observe(Some(sample), ms(0));
        let right = p.gauge().map_or(0.0, |g| g.fraction);
        (left, right)
    };
    let (left, right) = turned(speaking);
    assert!(left == 0.0 && right > 0.8, "obama2: {left} {right}");
    let (left, right) = turned(photo_sample("obama2.jpg", true));
    assert!(
        left > 0.8 && right == 0.0,
        "obama2 mirrored: {left} {right}"
    );
    let (left, right) = turned(photo_sample("obama3.jpg", false));
    assert!(left > 0.6 && right == 0.0, "obama3: {left} {right}");
    // None of them is turned the step's 25°.
    for name in ["obama2.jpg", "obama3.jpg"] {
        let mut p = practice();
        p.skip(ms(0));
        p.observe(Some(photo_sample(name, false)), ms(0));
        p.skip(ms(0));
        p.observe(Some(photo_sample(name, false)), ms(0));
        assert_eq!(p.state(Step::TurnLeft), StepState::Skipped, "{name}");
        assert_eq!(p.state(Step::TurnRight), StepState::Active, "{name}");
    }
}

/// A face looking at the camera with open eyes, mouth closed: no gesture.
#[test]
fn a_still_face_completes_nothing() {
    let still = photo_sample("astronaut.png", false);
    let mut p = practice();
    feed(&mut p, ms(0), &[Some(still); 20]);
    assert_eq!(p.current(), Some(Step::Blink));
    assert_eq!(p.gauge().map(|g| g.words), Some("blinks: 0 of 2".into()));
    p.skip(ms(0));
    p.skip(ms(0));
    p.observe(Some(still), ms(0));
    assert_eq!(p.current(), Some(Step::TurnRight));
}
