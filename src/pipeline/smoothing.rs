//! The one guidance sentence, smoothed without ever contradicting the frame it
//! is shown with. The sentence is always about a rule that fails in that
//! frame, and there is none exactly when every rule passes:
//!
//! - while the shown rule still fails, it may stay shown (with this frame's
//!   wording) even when another rule has become the most important one; that
//!   one replaces it only after staying on top for [`GUIDANCE_HOLD`], so the
//!   sentence does not flicker when two rules hover at their limits;
//! - once the shown rule passes, its sentence goes at once: the most important
//!   failing rule is shown, or "all good" when none fails.

use std::time::Duration;

use crate::rules::{self, RuleId, Verdict};

/// A new most-important rule must stay on top this long to replace a sentence
/// that still holds: about the time a person needs to read four words, and
/// long enough to bridge a single contrary frame at 30 fps.
pub const GUIDANCE_HOLD: Duration = Duration::from_millis(400);

/// The sentence to show for one frame and the rule it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Guidance {
    pub rule: RuleId,
    pub text: String,
}

#[derive(Debug)]
pub struct GuidanceSmoother {
    hold: Duration,
    /// The rule shown for the previous frame; `None` = "all good" or no frame yet.
    shown: Option<RuleId>,
    /// A different most-important rule and since when it has been on top.
    pending: Option<(RuleId, Duration)>,
}

impl GuidanceSmoother {
    pub fn new(hold: Duration) -> Self {
        Self {
            hold,
            shown: None,
            pending: None,
        }
    }

    /// Feeds one frame's verdicts at frame time `time`; returns the sentence to
    /// show with that frame: `None` exactly when every verdict passes, else the
    /// advice of one of its failing verdicts.
    pub fn update(&mut self, time: Duration, verdicts: &[Verdict]) -> Option<Guidance> {
        let Some(top) = rules::guidance(verdicts) else {
            self.shown = None;
            self.pending = None;
            return None;
        };
        let still_failing = self
            .shown
            .and_then(|id| verdicts.iter().find(|v| v.id == id && !v.pass));
        let chosen = match still_failing {
            Some(shown) if shown.id != top.id => {
                let since = match self.pending {
                    Some((id, since)) if id == top.id && time >= since => since,
                    _ => {
                        self.pending = Some((top.id, time));
                        time
                    }
                };
                if time - since >= self.hold {
                    top
                } else {
                    shown
                }
            }
            // The shown rule is on top again, or it passes now (its sentence
            // would be wrong), or nothing was shown: the top rule, at once.
            _ => top,
        };
        if chosen.id == top.id {
            self.pending = None;
        }
        self.shown = Some(chosen.id);
        Some(Guidance {
            rule: chosen.id,
            text: chosen.advice.clone().unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Limit;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    /// Verdicts of the given rules, `failing` ones with their id as advice.
    fn frame(failing: &[RuleId]) -> Vec<Verdict> {
        [RuleId::Glare, RuleId::Distance, RuleId::Sharpness]
            .into_iter()
            .map(|id| {
                let pass = !failing.contains(&id);
                Verdict {
                    id,
                    pass,
                    value: None,
                    limit: Limit::at_least(0.0),
                    unit: "",
                    advice: (!pass).then(|| id.as_str().to_owned()),
                    under_finger: false,
                }
            })
            .collect()
    }

    fn shown(g: Option<Guidance>) -> Option<RuleId> {
        g.map(|g| g.rule)
    }

    #[test]
    fn a_rule_that_still_fails_keeps_the_sentence_against_a_brief_rival() {
        let mut s = GuidanceSmoother::new(GUIDANCE_HOLD);
        // Distance ranks above glare.
        let g = RuleId::Glare;
        assert_eq!(shown(s.update(ms(0), &frame(&[g]))), Some(g));
        let both = frame(&[RuleId::Distance, g]);
        assert_eq!(shown(s.update(ms(33), &both)), Some(g));
        assert_eq!(shown(s.update(ms(66), &frame(&[g]))), Some(g));
        assert_eq!(shown(s.update(ms(100), &both)), Some(g));
    }

    /// A smoother that has shown glare since `start_ms`, and a frame on which
    /// distance, which ranks above glare, fails too: a rival.
    fn glare_shown_then_a_rival(start_ms: u64) -> (GuidanceSmoother, Vec<Verdict>) {
        let mut s = GuidanceSmoother::new(GUIDANCE_HOLD);
        s.update(ms(start_ms), &frame(&[RuleId::Glare]));
        (s, frame(&[RuleId::Distance, RuleId::Glare]))
    }

    #[test]
    fn a_lasting_rival_is_shown_after_the_hold() {
        let (mut s, both) = glare_shown_then_a_rival(0);
        let g = RuleId::Glare;
        let seen: Vec<_> = (1..=20)
            .map(|i| shown(s.update(ms(i * 33), &both)))
            .collect();
        assert_eq!(seen[0], Some(g));
        assert_eq!(seen[19], Some(RuleId::Distance));
    }

    #[test]
    fn a_fixed_problem_is_never_shown() {
        let mut s = GuidanceSmoother::new(GUIDANCE_HOLD);
        assert_eq!(
            shown(s.update(ms(0), &frame(&[RuleId::Glare]))),
            Some(RuleId::Glare)
        );
        // Glare fixed, blur appears: blur at once, not the glare sentence.
        assert_eq!(
            shown(s.update(ms(33), &frame(&[RuleId::Sharpness]))),
            Some(RuleId::Sharpness)
        );
        // Everything fixed: all good at once.
        assert_eq!(s.update(ms(66), &frame(&[])), None);
    }

    #[test]
    fn all_good_never_hides_a_failing_rule() {
        let mut s = GuidanceSmoother::new(GUIDANCE_HOLD);
        assert_eq!(s.update(ms(0), &frame(&[])), None);
        assert_eq!(
            shown(s.update(ms(33), &frame(&[RuleId::Sharpness]))),
            Some(RuleId::Sharpness)
        );
    }

    #[test]
    fn the_same_rule_updates_its_wording_at_once() {
        let mut s = GuidanceSmoother::new(GUIDANCE_HOLD);
        let mut v = frame(&[RuleId::Distance]);
        s.update(ms(0), &v);
        v[1].advice = Some("move back".into());
        let g = s.update(ms(33), &v).expect("a sentence");
        assert_eq!(g.text, "move back");
    }

    #[test]
    fn time_going_backwards_does_not_stall_a_rival() {
        let (mut s, both) = glare_shown_then_a_rival(1000);
        s.update(ms(1033), &both);
        // A restarted source: its clock starts again from zero.
        s.update(ms(0), &both);
        assert_eq!(shown(s.update(ms(500), &both)), Some(RuleId::Distance));
    }
}
