//! The one guidance sentence, smoothed: a new most-important problem replaces
//! the shown one only after it has stayed on top for a moment, so the sentence
//! does not flicker when two rules hover at their limits. "All good" is shown at
//! once: while every rule passes the hold bar fills, and the person must not read
//! a problem that is already fixed while the photo is about to be taken.

use std::time::Duration;

use crate::rules::RuleId;

/// A new sentence must stay on top this long to be shown: about the time a
/// person needs to read four words, and long enough to bridge a single
/// contrary frame at 30 fps.
pub const GUIDANCE_HOLD: Duration = Duration::from_millis(400);

#[derive(Debug)]
pub struct GuidanceSmoother {
    hold: Duration,
    /// `None` before the first frame; `Some(None)` = "all good" is shown.
    shown: Option<Option<(RuleId, String)>>,
    /// A different top rule (or none) and since when it has been on top.
    pending: Option<(Option<RuleId>, Duration)>,
}

impl GuidanceSmoother {
    pub fn new(hold: Duration) -> Self {
        Self {
            hold,
            shown: None,
            pending: None,
        }
    }

    /// Feeds the most important failing rule of a frame (`None` when all pass)
    /// at frame time `time`; returns the sentence to show.
    pub fn update(&mut self, time: Duration, top: Option<(RuleId, &str)>) -> Option<String> {
        let key = top.map(|(id, _)| id);
        let owned = top.map(|(id, text)| (id, text.to_owned()));
        match &self.shown {
            // The first frame is shown at once: there is nothing to flicker from.
            None => self.shown = Some(owned),
            // Everything passes: say so at once (see the module comment).
            Some(_) if key.is_none() => {
                self.shown = Some(None);
                self.pending = None;
            }
            Some(shown) if shown.as_ref().map(|(id, _)| *id) == key => {
                // Same rule: its wording may follow the value (too close / too far).
                self.shown = Some(owned);
                self.pending = None;
            }
            Some(_) => match self.pending {
                Some((p, since)) if p == key => {
                    if time.saturating_sub(since) >= self.hold || time < since {
                        self.shown = Some(owned);
                        self.pending = None;
                    }
                }
                _ => self.pending = Some((key, time)),
            },
        }
        self.shown
            .as_ref()
            .and_then(|s| s.as_ref().map(|(_, text)| text.clone()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn a_single_contrary_frame_does_not_change_the_sentence() {
        let mut s = GuidanceSmoother::new(GUIDANCE_HOLD);
        let glare = Some((RuleId::Glare, "glare"));
        let blur = Some((RuleId::Sharpness, "blur"));
        assert_eq!(s.update(ms(0), glare).as_deref(), Some("glare"));
        assert_eq!(s.update(ms(33), blur).as_deref(), Some("glare"));
        assert_eq!(s.update(ms(66), glare).as_deref(), Some("glare"));
        assert_eq!(s.update(ms(100), blur).as_deref(), Some("glare"));
    }

    #[test]
    fn all_good_is_shown_at_once_and_a_problem_comes_back_after_the_hold() {
        let mut s = GuidanceSmoother::new(GUIDANCE_HOLD);
        let glare = Some((RuleId::Glare, "glare"));
        assert_eq!(s.update(ms(0), glare).as_deref(), Some("glare"));
        assert_eq!(s.update(ms(33), None), None);
        // One frame of glare again does not bring the sentence back.
        assert_eq!(s.update(ms(66), glare), None);
        assert_eq!(s.update(ms(99), None), None);
    }

    #[test]
    fn a_lasting_change_is_shown_after_the_hold() {
        let mut s = GuidanceSmoother::new(GUIDANCE_HOLD);
        s.update(ms(0), Some((RuleId::Glare, "glare")));
        let mut shown = Vec::new();
        for i in 1..=20 {
            shown.push(s.update(ms(i * 33), Some((RuleId::Distance, "closer"))));
        }
        assert_eq!(shown[0].as_deref(), Some("glare"));
        assert_eq!(shown[19].as_deref(), Some("closer"));
        // ...and all good at once.
        assert_eq!(s.update(ms(21 * 33), None), None);
    }

    #[test]
    fn the_same_rule_updates_its_wording_at_once() {
        let mut s = GuidanceSmoother::new(GUIDANCE_HOLD);
        s.update(ms(0), Some((RuleId::Distance, "move closer")));
        assert_eq!(
            s.update(ms(33), Some((RuleId::Distance, "move back")))
                .as_deref(),
            Some("move back")
        );
    }
}
