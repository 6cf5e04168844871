//! The auto-capture policy (docs/contract.md), pure: fed one analysed frame at a time, it
//! says when to shoot and which frame. No threads, no clock: frame times come in.

use std::time::Duration;

/// Every rule must hold this long before the shot: long enough that a frame
/// passing by chance while the hand moves does not trigger, short enough that
/// a person holding still is not kept waiting.
pub const HOLD: Duration = Duration::from_millis(700);

/// Decides when to shoot. `T` is what is saved (the frame and its verdicts).
#[derive(Debug)]
pub struct AutoCapture<T> {
    hold: Duration,
    armed: bool,
    /// Frame time of the first frame of the current passing streak.
    streak_start: Option<Duration>,
    last_time: Duration,
    /// The sharpest frame of the streak.
    best: Option<(f32, T)>,
}

impl<T> AutoCapture<T> {
    pub fn new(hold: Duration) -> Self {
        Self {
            hold,
            armed: true,
            streak_start: None,
            last_time: Duration::ZERO,
            best: None,
        }
    }

    /// One analysed frame. `eligible`: every rule of the shot passes on it,
    /// `steady` among them (the caller must not call a frame eligible when its
    /// motion is unknown). Returns the frame to save: the sharpest of a streak of
    /// eligible frames that has lasted [`HOLD`], once per arming.
    pub fn observe(
        &mut self,
        time: Duration,
        eligible: bool,
        sharpness: f32,
        item: T,
    ) -> Option<T> {
        let went_back = time < self.last_time; // the source restarted its clock
        self.last_time = time;
        if !eligible || went_back {
            self.reset_streak();
            if !eligible {
                return None;
            }
        }
        if !self.armed {
            return None;
        }
        let start = *self.streak_start.get_or_insert(time);
        if self.best.as_ref().is_none_or(|(s, _)| sharpness > *s) {
            self.best = Some((sharpness, item));
        }
        if time.saturating_sub(start) >= self.hold {
            self.armed = false;
            self.streak_start = None;
            return self.best.take().map(|(_, item)| item);
        }
        None
    }

    /// Arm again (retake, next shot): the next streak shoots.
    pub fn rearm(&mut self) {
        self.armed = true;
        self.reset_streak();
    }

    /// After a manual shot: this arming is used up.
    pub fn disarm(&mut self) {
        self.armed = false;
        self.reset_streak();
    }

    pub fn armed(&self) -> bool {
        self.armed
    }

    /// How long the current streak has held.
    pub fn passing_for(&self) -> Duration {
        self.streak_start
            .map_or(Duration::ZERO, |s| self.last_time.saturating_sub(s))
    }

    pub fn hold(&self) -> Duration {
        self.hold
    }

    fn reset_streak(&mut self) {
        self.streak_start = None;
        self.best = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRAME: Duration = Duration::from_nanos(33_333_333);

    /// Feeds (eligible, sharpness) at 30 fps; returns the seqs captured.
    fn run(policy: &mut AutoCapture<u64>, frames: &[(bool, f32)]) -> Vec<u64> {
        frames
            .iter()
            .enumerate()
            .filter_map(|(i, &(ok, sharp))| policy.observe(FRAME * i as u32, ok, sharp, i as u64))
            .collect()
    }

    #[test]
    fn shoots_once_after_the_hold_with_the_sharpest_frame() {
        let mut p = AutoCapture::new(HOLD);
        let mut frames = vec![(false, 0.9); 10];
        frames.extend((0..60).map(|i| (true, if i == 7 { 0.8 } else { 0.5 })));
        let shots = run(&mut p, &frames);
        assert_eq!(
            shots,
            vec![17],
            "frame 10 + 7 is the sharpest of the window"
        );
        assert!(!p.armed());
    }

    #[test]
    fn a_failing_frame_restarts_the_hold_and_is_never_chosen() {
        let mut p = AutoCapture::new(HOLD);
        // Passing for 0.6 s, one failing (sharpest of all), then passing again.
        let mut frames = vec![(true, 0.5); 18];
        frames.push((false, 1.0));
        frames.extend(vec![(true, 0.5); 30]);
        let shots = run(&mut p, &frames);
        assert_eq!(shots.len(), 1);
        assert!(
            shots[0] > 18,
            "shot {} is before the failing frame",
            shots[0]
        );
    }

    #[test]
    fn never_settling_never_shoots() {
        let mut p = AutoCapture::new(HOLD);
        let frames: Vec<_> = (0..300).map(|i| (i % 15 != 0, 0.6)).collect();
        assert!(run(&mut p, &frames).is_empty());
    }

    #[test]
    fn rearm_allows_one_more_shot() {
        let mut p = AutoCapture::new(HOLD);
        assert_eq!(run(&mut p, &[(true, 0.5); 60]).len(), 1);
        p.rearm();
        let more: Vec<_> = (60..120)
            .filter_map(|i| p.observe(FRAME * i, true, 0.5, u64::from(i)))
            .collect();
        assert_eq!(more.len(), 1);
    }

    #[test]
    fn a_clock_that_goes_back_restarts_the_hold() {
        let mut p = AutoCapture::new(HOLD);
        assert_eq!(p.observe(Duration::from_secs(10), true, 0.5, 0), None);
        assert_eq!(p.observe(Duration::from_millis(100), true, 0.5, 1), None);
        assert_eq!(p.observe(Duration::from_millis(500), true, 0.5, 2), None);
        assert_eq!(p.observe(Duration::from_millis(800), true, 0.5, 3), Some(1));
    }
}
