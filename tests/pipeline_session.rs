//! A session's memory in the live pipeline: the accepted front shown again for
//! the back, and a picture already saved for another shot, are refused.

mod common;
mod pipeline_common;

use std::sync::Arc;
use std::time::Duration;

use common::{card_rest, Scenes};
use image::RgbImage;
use kycam::pipeline::{
    Command, Event, FrameSource, LiveReport, Pacing, Pipeline, ReportDelivery, SourceSpec,
    SourceStep, SourceTrouble,
};
use kycam::rules::RuleId;
use kycam::Shot;
use pipeline_common::*;

/// The frames of a still scene the test can change while the pipeline runs.
struct Switchable {
    current: Arc<std::sync::Mutex<Arc<RgbImage>>>,
}

impl FrameSource for Switchable {
    fn pacing(&self) -> Pacing {
        Pacing::Live
    }

    fn next(&mut self) -> SourceStep {
        std::thread::sleep(Duration::from_millis(33));
        let frame = self.current.lock().map(|f| Arc::clone(&f));
        match frame {
            Ok(f) => SourceStep::Frame(f),
            Err(_) => SourceStep::Failed(SourceTrouble::other("the test's frame lock is poisoned")),
        }
    }
}

/// `frame` with the portrait's face (as the portrait search finds it) covered by
/// a coarse mosaic, as on real photos whose author hid it: no face is found, but
/// the card looks the same at low resolution.
fn portrait_pixelated(frame: &RgbImage) -> RgbImage {
    let faces = kycam::analysis::FaceDetector::new(kycam::analysis::FaceSearch::PORTRAIT_STILL)
        .detect(&kycam::analysis::to_grey(frame));
    let face = faces.first().expect("the front's portrait is found").rect;
    let (x0, y0) = (
        (face.x - face.w * 0.3) as u32,
        (face.y - face.h * 0.3) as u32,
    );
    let (x1, y1) = (
        ((face.right() + face.w * 0.3) as u32).min(frame.width()),
        ((face.bottom() + face.h * 0.3) as u32).min(frame.height()),
    );
    let mut out = frame.clone();
    const BLOCK: u32 = 16;
    for by in (y0..y1).step_by(BLOCK as usize) {
        for bx in (x0..x1).step_by(BLOCK as usize) {
            let centre =
                *frame.get_pixel((bx + BLOCK / 2).min(x1 - 1), (by + BLOCK / 2).min(y1 - 1));
            for y in by..(by + BLOCK).min(y1) {
                for x in bx..(bx + BLOCK).min(x1) {
                    out.put_pixel(x, y, centre);
                }
            }
        }
    }
    out
}

/// Reports on `shot` until `n` more have come after the face boxes caught up;
/// whether any decided a capture, and the last one. Reports on an earlier shot
/// still queued (the capture that ended it) are passed over.
fn watch(pipeline: &Pipeline, shot: Shot, n: usize) -> (bool, LiveReport) {
    let mut captured = false;
    let mut fresh = 0;
    loop {
        let r = pipeline
            .next_report(Duration::from_secs(30))
            .expect("reports keep coming");
        if r.measurements.shot != shot {
            continue;
        }
        captured |= r.capture.is_some();
        if !r.faces_stale {
            fresh += 1;
        }
        if fresh >= n {
            return (captured, r);
        }
    }
}

/// In a session the pipeline remembers what it captured: a back that shows the
/// accepted front fails `back_side` even where its portrait cannot be found
/// (compared by the rectified card's hash), and a shot that is the very picture
/// saved for another fails `new_picture`. Neither is captured; a real back is.
#[test]
fn a_session_refuses_the_front_again_and_a_picture_already_taken() {
    let s = Scenes::load();
    let out = tempfile::tempdir().expect("tempdir");
    let front = Arc::new(s.card(card_rest()));
    let hidden_front = Arc::new(portrait_pixelated(&front));
    let back = Arc::new(s.card_back());
    let current = Arc::new(std::sync::Mutex::new(Arc::clone(&front)));
    let shared = Arc::clone(&current);
    let spec = SourceSpec::Custom {
        name: "the test's card".into(),
        live: false,
        open: Arc::new(move || {
            Ok(Box::new(Switchable {
                current: Arc::clone(&shared),
            }) as Box<dyn FrameSource>)
        }),
    };
    let mut config = live_config(Shot::IdFront, out.path());
    config.delivery = ReportDelivery::Every;
    let pipeline = Pipeline::start(spec, config, None).expect("start");
    let show = |frame: &Arc<RgbImage>| *current.lock().expect("lock") = Arc::clone(frame);

    wait_for(&pipeline, |e| matches!(e, Event::Captured(_)));

    // The front again, its portrait hidden, on the back's step.
    pipeline.send(Command::SetShot(Shot::IdBack));
    show(&hidden_front);
    let (captured, last) = watch(&pipeline, Shot::IdBack, 60);
    assert!(!captured, "the front was taken as the back");
    let verdict = common::verdict_on(&last.verdicts, RuleId::BackSide);
    assert!(!verdict.pass && verdict.unit == "bits", "{verdict:?}");
    eprintln!(
        "the hidden front against the front: {:?} bits",
        verdict.value
    );
    assert!(last.measurements.faces.is_empty(), "no portrait is found");

    // The card turned over: captured.
    show(&back);
    wait_for(&pipeline, |e| matches!(e, Event::Captured(_)));

    // The same picture for another shot.
    pipeline.send(Command::SetShot(Shot::DlBack));
    let (captured, last) = watch(&pipeline, Shot::DlBack, 60);
    assert!(!captured, "the id-back picture was taken again");
    let verdict = common::verdict_on(&last.verdicts, RuleId::NewPicture);
    assert!(!verdict.pass, "{verdict:?}");
    assert!(
        verdict
            .advice
            .as_deref()
            .is_some_and(|a| a.contains("ID card, back")),
        "{verdict:?}"
    );
    pipeline.stop();
}
