//! Questions over the page: the manual shutter on a frame where a check fails,
//! and anything that would delete a photo or leave a session with accepted
//! photos. While one is open, auto-capture is paused and (for the shutter) the
//! preview holds the frame the shutter was pressed on: that frame is the one
//! saved. Keys: the focused button answers on Enter or Space; Esc says no.

use super::KycamApp;
use crate::gui::flow::{Action, Loss};
use crate::gui::live::{Command, LiveReport};
use crate::gui::overlay::FAIL;
use crate::gui::panels;
use crate::{tr, Shot};

/// The frame the shutter was pressed on, with the verdicts shown for it.
#[derive(Clone, Debug)]
pub struct Pressed {
    pub shot: Shot,
    pub report: Box<LiveReport>,
}

#[derive(Clone, Debug)]
pub enum Question {
    /// Save this frame although checks fail on it?
    Shutter(Pressed),
    /// Carry out `action`, losing this?
    Lose { action: Action, loss: Loss },
}

impl Question {
    /// The question in words, as its heading says it.
    pub fn heading(&self) -> String {
        match self {
            Question::Shutter(_) => tr!("question-shutter"),
            Question::Lose {
                loss: Loss::Photo(_),
                ..
            } => tr!("question-delete"),
            Question::Lose {
                loss: Loss::Session { .. },
                ..
            } => tr!("question-leave"),
        }
    }
}

impl KycamApp {
    /// Saves the frame the shutter was pressed on (marked as taken by hand).
    pub(super) fn save_pressed(&self, pressed: Pressed) {
        self.send(Command::Save {
            shot: pressed.shot,
            frame: pressed.report.frame,
            verdicts: pressed.report.verdicts,
        });
    }

    pub(super) fn question_ui(&mut self, ctx: &egui::Context) {
        let Some(question) = &self.question else {
            return;
        };
        let folder = self
            .photos_dir()
            .map(|d| d.display().to_string())
            .unwrap_or_default();
        let (yes_label, no_label) = match question {
            Question::Shutter(_) => (tr!("question-save-anyway"), tr!("question-cancel")),
            Question::Lose {
                loss: Loss::Photo(_),
                ..
            } => (tr!("question-delete-retake"), tr!("question-keep")),
            Question::Lose {
                loss: Loss::Session { .. },
                ..
            } => (tr!("question-leave-session"), tr!("question-stay")),
        };
        // Saving what the person asked for is the default; deleting is not.
        let yes_is_default = matches!(question, Question::Shutter(_));
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("question")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading(question.heading());
            match question {
                Question::Shutter(pressed) => {
                    ui.label(tr!("question-failing"));
                    for id in pressed.report.failing() {
                        ui.horizontal(|ui| {
                            panels::mark_ui(ui, false);
                            ui.colored_label(FAIL, id.label());
                        });
                    }
                    ui.label(tr!("question-may-reject"));
                }
                Question::Lose {
                    loss: Loss::Photo(saved),
                    ..
                } => {
                    ui.label(tr!(
                        "question-deleted-from",
                        title = &saved.shot.title(),
                        file = &saved
                            .path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default(),
                        folder = &folder
                    ));
                }
                Question::Lose {
                    loss: Loss::Session { accepted },
                    ..
                } => {
                    ui.label(tr!("question-photos-stay", n = *accepted, folder = &folder));
                }
            }
            ui.label(egui::RichText::new(tr!("question-keys")).weak());
            ui.horizontal(|ui| {
                let yes = ui.button(yes_label);
                let no = ui.button(no_label);
                let nothing_focused = ui.memory(|m| m.focused().is_none());
                if nothing_focused {
                    if yes_is_default {
                        yes.request_focus();
                    } else {
                        no.request_focus();
                    }
                }
                if yes.clicked() {
                    answer = Some(true);
                } else if no.clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => self.answer_yes(),
            Some(false) => self.question = None,
            None => {}
        }
    }

    pub(super) fn answer_yes(&mut self) {
        match self.question.take() {
            Some(Question::Shutter(pressed)) => self.save_pressed(pressed),
            Some(Question::Lose { action, .. }) => self.apply(action),
            None => {}
        }
    }
}
