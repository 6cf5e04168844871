//! The selfie compared with the ID photo while its review is open: on a thread
//! of its own (a document search, two face searches and two descriptors, over a
//! second in a debug build), then said on the review page in plain words. It
//! never holds the session up: the selfie can be used whatever it says.

use std::thread;

use crossbeam_channel::{Receiver, TryRecvError};
use egui::{Color32, RichText};

use super::KycamApp;
use crate::face_match::session::{compare_selfie_with_document, FaceMatchRecord, MatchResult};
use crate::gui::live::SavedShot;
use crate::gui::overlay::PASS;
use crate::{tr, Shot};

/// A possible mismatch is a warning, not a failed check.
const WARN: Color32 = Color32::from_rgb(235, 165, 40);

/// One comparison: of this selfie with this document photo.
pub(super) struct FaceCheck {
    selfie: SavedShot,
    document: SavedShot,
    state: State,
}

enum State {
    Running(Receiver<Outcome>),
    Done(FaceMatchRecord),
    /// The comparison's thread ended without an answer (it panicked).
    Failed,
}

/// What the thread sends back: the comparison, and whether session.json took it.
struct Outcome {
    record: FaceMatchRecord,
    recorded: Result<bool, String>,
}

/// How the review says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tone {
    Good,
    Warning,
    Plain,
}

/// The words for a comparison: a headline and the lines under it.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct MatchWords {
    pub tone: Tone,
    pub headline: String,
    pub lines: Vec<String>,
}

/// "your ID card", "your passport", …: the document the portrait is on.
fn document_words(shot: Shot) -> String {
    match shot {
        Shot::Passport => tr!("face-match-on-passport"),
        Shot::DlFront | Shot::DlBack => tr!("face-match-on-licence"),
        _ => tr!("face-match-on-id-card"),
    }
}

/// What the review says about a comparison, in plain words: no rule ids, no
/// bare numbers.
pub(super) fn match_words(record: &FaceMatchRecord) -> MatchWords {
    let doc = document_words(record.compared_with);
    let go_on = tr!("face-match-still-usable");
    match record.result {
        MatchResult::SamePerson => MatchWords {
            tone: Tone::Good,
            headline: tr!("face-match-same", document = &doc),
            lines: Vec::new(),
        },
        MatchResult::MayDiffer => {
            let mut lines = Vec::new();
            if record.causes.is_empty() {
                lines.push(tr!("face-match-unexplained"));
            } else {
                lines.push(tr!("face-match-likely-causes"));
                lines.extend(
                    record
                        .causes
                        .iter()
                        .map(|c| tr!("bullet", text = &c.advice())),
                );
            }
            lines.push(tr!("face-match-retake-or-keep"));
            MatchWords {
                tone: Tone::Warning,
                headline: tr!("face-match-may-differ", document = &doc),
                lines,
            }
        }
        MatchResult::NoPortrait => MatchWords {
            tone: Tone::Plain,
            headline: tr!("face-match-no-portrait", document = &doc),
            lines: vec![go_on],
        },
        MatchResult::NoFaceInSelfie => MatchWords {
            tone: Tone::Plain,
            headline: tr!("face-match-no-face-in-selfie"),
            lines: vec![go_on],
        },
        MatchResult::Unreadable => MatchWords {
            tone: Tone::Plain,
            headline: tr!("face-match-unreadable"),
            lines: vec![go_on],
        },
    }
}

impl KycamApp {
    /// The comparison of the reviewed selfie, started on first sight of it (and
    /// again for another selfie or document photo); `None` when the session
    /// has no accepted photo with a portrait.
    fn face_check_for(&mut self, selfie: &SavedShot) -> Option<&mut FaceCheck> {
        let document = self
            .flow
            .progress()
            .and_then(|p| p.accepted.iter().find(|s| s.shot.has_portrait()))
            .cloned()?;
        let current = self
            .face_check
            .as_ref()
            .is_some_and(|c| c.selfie == *selfie && c.document == document);
        if !current {
            self.face_check = Some(self.start_face_check(selfie.clone(), document));
        }
        self.face_check.as_mut()
    }

    fn start_face_check(&self, selfie: SavedShot, document: SavedShot) -> FaceCheck {
        let writer = self
            .live
            .as_ref()
            .map(|l| l.writer.clone())
            .or_else(|| self.kept_writer.clone());
        let (tx, rx) = crossbeam_channel::bounded(1);
        let ctx = self.ctx.clone();
        let (s, d) = (selfie.clone(), document.clone());
        let spawned = thread::Builder::new()
            .name("face-match".into())
            .spawn(move || {
                let record = compare_selfie_with_document(&s.path, &d.path, d.shot);
                let recorded = writer.map_or(Ok(false), |w| {
                    w.record_face_match(&s, &d, record.clone())
                        .map_err(|e| e.to_string())
                });
                // The review may have moved on: then nobody listens.
                let _ = tx.send(Outcome { record, recorded });
                ctx.request_repaint();
            });
        FaceCheck {
            selfie,
            document,
            state: match spawned {
                Ok(_) => State::Running(rx),
                Err(_) => State::Failed,
            },
        }
    }

    /// The comparison's part of the selfie's review.
    pub(super) fn face_check_ui(&mut self, ui: &mut egui::Ui, selfie: &SavedShot) {
        let Some(check) = self.face_check_for(selfie) else {
            return;
        };
        let mut problem = None;
        if let State::Running(rx) = &check.state {
            match rx.try_recv() {
                Ok(outcome) => {
                    if let Err(e) = outcome.recorded {
                        problem = Some(tr!("face-match-not-recorded", error = &e));
                    }
                    check.state = State::Done(outcome.record);
                }
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => check.state = State::Failed,
            }
        }
        let words = match &check.state {
            State::Running(_) => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(tr!("face-match-comparing"));
                });
                None
            }
            State::Done(record) => Some(match_words(record)),
            State::Failed => Some(MatchWords {
                tone: Tone::Plain,
                headline: tr!("face-match-failed"),
                lines: vec![tr!("face-match-still-usable")],
            }),
        };
        if let Some(words) = words {
            let headline = RichText::new(words.headline).size(17.0).strong();
            match words.tone {
                Tone::Good => ui.label(headline.color(PASS)),
                Tone::Warning => ui.label(headline.color(WARN)),
                Tone::Plain => ui.label(headline),
            };
            for line in words.lines {
                ui.label(line);
            }
        }
        if problem.is_some() {
            self.notice = problem;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::face_match::causes::Cause;

    fn record(result: MatchResult, causes: Vec<Cause>) -> FaceMatchRecord {
        let compared = !matches!(result, MatchResult::NoPortrait);
        FaceMatchRecord {
            compared_with: Shot::IdFront,
            result,
            distance: compared.then_some(0.7),
            threshold: 0.6,
            same_person: compared.then_some(result == MatchResult::SamePerson),
            causes,
        }
    }

    #[test]
    fn a_possible_mismatch_names_its_causes_and_offers_the_retake_in_words() {
        let words = match_words(&record(
            MatchResult::MayDiffer,
            vec![Cause::GlassesReflection, Cause::HeadTurned],
        ));
        assert_eq!(words.tone, Tone::Warning);
        assert_eq!(
            words.headline,
            "Your selfie may not match the photo on your ID card."
        );
        assert_eq!(words.lines.len(), 4, "{:?}", words.lines);
        assert!(words.lines[1].contains("glasses") && words.lines[2].contains("turned"));
        assert!(words.lines[3].starts_with("Retake the selfie"));
        // Plain words only: no numbers, no rule ids.
        let all = format!("{} {}", words.headline, words.lines.join(" "));
        assert!(!all.chars().any(|c| c.is_ascii_digit()), "{all}");
        assert!(!all.contains('_'), "{all}");
    }

    #[test]
    fn without_a_measured_cause_the_general_ones_are_said() {
        let words = match_words(&record(MatchResult::MayDiffer, vec![]));
        assert!(words.lines[0].contains("old ID photo"), "{:?}", words.lines);
    }

    #[test]
    fn a_match_and_a_missing_portrait_are_said_plainly() {
        let same = match_words(&record(MatchResult::SamePerson, vec![]));
        assert_eq!(
            (same.tone, same.headline.as_str()),
            (Tone::Good, "Your selfie matches the photo on your ID card.")
        );
        let mut none = record(MatchResult::NoPortrait, vec![]);
        none.compared_with = Shot::Passport;
        let words = match_words(&none);
        assert_eq!(words.tone, Tone::Plain);
        assert!(
            words.headline.contains("your passport")
                && words.headline.contains("could not be compared")
        );
        assert_eq!(words.lines, ["You can still use this selfie."]);
    }
}
