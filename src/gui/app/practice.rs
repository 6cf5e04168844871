//! The liveness practice page, from Done: the live selfie preview and the four
//! gestures an exchange's liveness check asks for, each with its gauge, a tick
//! when done, and advice when it does not come. The pipeline runs with
//! auto-capture off and paused: nothing is taken or saved. The steps are judged
//! by `pipeline::liveness`.

use std::time::Instant;

use egui::{RichText, Sense};

use super::{Intent, KycamApp, SIDE_PANEL_WIDTH};
use crate::gui::flow::Action;
use crate::gui::overlay::{FAIL, PASS};
use crate::gui::panels;
use crate::pipeline::liveness::{Practice, PracticeConfig, Sample, Step, StepState};
use crate::{tr, Shot};

/// The sentence over the preview: as large as the shooting page's guidance.
const SENTENCE_SIZE: f32 = 26.0;

/// The steps' text: a little above body size, read from arm's length.
const STEP_TEXT_SIZE: f32 = 17.0;

/// The gauge's bar (the overlay's target blue).
const GAUGE: egui::Color32 = egui::Color32::from_rgb(120, 200, 255);

/// What the person chose on the current step.
#[derive(Clone, Copy)]
enum Choice {
    TryAgain,
    Skip,
}

/// A practice under way: the step machine and the clock it is fed with.
pub(super) struct PracticeRun {
    machine: Practice,
    started: Instant,
    /// The newest report fed to the machine.
    last_seq: Option<u64>,
}

impl PracticeRun {
    fn new() -> Self {
        Self {
            machine: Practice::new(PracticeConfig::default(), std::time::Duration::ZERO),
            started: Instant::now(),
            last_seq: None,
        }
    }
}

impl KycamApp {
    /// The practice's steps as they stand (tests, screenshots).
    pub fn practice(&self) -> Option<&Practice> {
        self.practice.as_ref().map(|p| &p.machine)
    }

    /// The pipeline on the selfie, auto-capture off, in the session's own
    /// folder (no new folder is made; nothing is written to it).
    pub(super) fn start_practice(&mut self) {
        let writer = self
            .live
            .as_ref()
            .map(|l| l.writer.clone())
            .or_else(|| self.kept_writer.clone());
        let Some(writer) = writer else {
            self.notice = Some(tr!("practice-needs-session"));
            self.apply(Action::Back);
            return;
        };
        self.start_session(Shot::Selfie, Some(writer), false);
        if self.live.is_some() {
            self.practice = Some(PracticeRun::new());
        }
    }

    /// Feeds the newest report to the practice, once each.
    pub(super) fn observe_practice(&mut self) {
        let (Some(run), Some(report)) = (
            self.practice.as_mut(),
            self.live.as_ref().and_then(|l| l.report.as_ref()),
        ) else {
            return;
        };
        if run.last_seq == Some(report.seq) || report.measurements.shot != Shot::Selfie {
            return;
        }
        run.last_seq = Some(report.seq);
        let sample = report
            .measurements
            .selfie
            .as_ref()
            .and_then(|s| s.face_shape.as_ref())
            .map(Sample::of);
        run.machine.observe(sample, run.started.elapsed());
        // Repainted for the time left even when reports stop coming.
        self.ctx
            .request_repaint_after(std::time::Duration::from_millis(250));
    }

    pub(super) fn practice_ui(&mut self, ui: &mut egui::Ui) {
        let report = self.live.as_ref().and_then(|l| l.report.clone());
        egui::Panel::right("practice_steps")
            .exact_size(SIDE_PANEL_WIDTH)
            .show(ui, |ui| {
                ui.add_space(8.0);
                ui.heading(RichText::new(tr!("practice-heading")).strong());
                ui.add_space(4.0);
                // What the page says first: what this is, and what it is not.
                ui.label(tr!("practice-note"));
                ui.add_space(10.0);
                self.steps_ui(ui);
                ui.add_space(14.0);
                let finished = self.practice().is_none_or(Practice::finished);
                let label = if finished {
                    tr!("practice-back")
                } else {
                    tr!("practice-skip-all")
                };
                let leave = egui::Button::new(RichText::new(label).size(18.0))
                    .min_size(egui::vec2(240.0, 40.0));
                if ui.add(leave).on_hover_text("Esc").clicked() {
                    self.intents.push(Intent::Flow(Action::Back));
                }
                ui.label(RichText::new(tr!("practice-or-esc")).weak());
            });
        egui::CentralPanel::default().show(ui, |ui| {
            self.practice_sentence_ui(ui);
            ui.add_space(4.0);
            self.preview_ui(ui, Shot::Selfie, report.as_ref(), false);
        });
    }

    /// The current step's instruction, large, above the preview.
    fn practice_sentence_ui(&self, ui: &mut egui::Ui) {
        let (text, colour) = match self.practice() {
            None => (tr!("practice-starting"), None),
            Some(p) => match p.current() {
                Some(step) if p.state(step) == StepState::TimedOut => {
                    let advice = if p.face_seen() {
                        step.advice()
                    } else {
                        // The step timed out without a face in the picture.
                        tr!("practice-no-face-advice")
                    };
                    (advice, Some(FAIL))
                }
                Some(step) => (
                    tr!("step-sentence", instruction = &step.instruction()),
                    None,
                ),
                None => (tr!("practice-finished"), Some(PASS)),
            },
        };
        let colour = colour.unwrap_or_else(|| ui.visuals().strong_text_color());
        // Two lines reserved, as for the shooting sentence: the preview stays put.
        let height = 2.0 * SENTENCE_SIZE * 1.3;
        ui.allocate_ui(egui::vec2(ui.available_width(), height), |ui| {
            ui.set_min_height(height);
            ui.label(RichText::new(text).size(SENTENCE_SIZE).color(colour));
        });
    }

    /// One row per step: a mark, the instruction, and on the current step its
    /// gauge, the advice when it timed out, and the choices.
    fn steps_ui(&mut self, ui: &mut egui::Ui) {
        let Some(run) = &self.practice else {
            ui.label(tr!("practice-waiting"));
            return;
        };
        let now = run.started.elapsed();
        let p = &run.machine;
        let mut choice = None;
        for (n, step) in Step::ALL.into_iter().enumerate() {
            let state = p.state(step);
            ui.horizontal(|ui| {
                match state {
                    StepState::Done => {
                        panels::mark_ui(ui, true);
                    }
                    StepState::TimedOut | StepState::Skipped => {
                        panels::mark_ui(ui, false);
                    }
                    StepState::Active | StepState::Waiting => {
                        step_number_ui(ui, n + 1, state == StepState::Active);
                    }
                }
                let text = RichText::new(step.instruction()).size(STEP_TEXT_SIZE);
                let text = if state == StepState::Active || state == StepState::TimedOut {
                    text.strong()
                } else {
                    text
                };
                ui.label(text);
                match state {
                    StepState::Done => {
                        let text = match p.done_words(step) {
                            Some(words) => tr!("practice-done", words = words),
                            None => tr!("practice-done-plain"),
                        };
                        ui.colored_label(PASS, text);
                    }
                    StepState::Skipped => {
                        ui.label(RichText::new(tr!("practice-skipped")).weak());
                    }
                    _ => {}
                }
            });
            if !matches!(state, StepState::Active | StepState::TimedOut) {
                continue;
            }
            ui.indent(("practice_step", n), |ui| {
                // The buttons first, "Skip this step" leading: when the step times
                // out, what changes (the seconds left become "Try again", the
                // gauge's words, "Not seen in time") lies after it, so Skip stays
                // under the cursor and a click meant for it never lands on Try again.
                ui.horizontal(|ui| {
                    if ui.button(tr!("practice-skip-step")).clicked() {
                        choice = Some(Choice::Skip);
                    }
                    if state == StepState::TimedOut {
                        if ui.button(tr!("practice-try-again")).clicked() {
                            choice = Some(Choice::TryAgain);
                        }
                    } else {
                        ui.label(
                            RichText::new(tr!(
                                "practice-seconds-left",
                                seconds = &format!("{:.0}", p.time_left(now).as_secs_f32().ceil())
                            ))
                            .weak(),
                        );
                    }
                });
                if let Some(gauge) = p.gauge() {
                    let words = if p.face_seen() || state == StepState::TimedOut {
                        gauge.words.clone()
                    } else {
                        tr!("practice-no-face-yet")
                    };
                    ui.label(RichText::new(words).size(STEP_TEXT_SIZE));
                    ui.add(
                        egui::ProgressBar::new(gauge.fraction)
                            .desired_width(SIDE_PANEL_WIDTH - 80.0)
                            .fill(GAUGE),
                    );
                }
                if state == StepState::TimedOut {
                    // The advice itself is the large sentence over the preview.
                    ui.colored_label(FAIL, tr!("practice-not-in-time"));
                }
            });
        }
        if let (Some(choice), Some(run)) = (choice, self.practice.as_mut()) {
            let now = run.started.elapsed();
            match choice {
                Choice::Skip => run.machine.skip(now),
                Choice::TryAgain => run.machine.retry(now),
            }
        }
        if let Some(p) = self.practice().filter(|p| p.finished()) {
            let done = Step::ALL
                .iter()
                .filter(|s| p.state(**s) == StepState::Done)
                .count();
            ui.add_space(8.0);
            ui.label(
                RichText::new(tr!(
                    "practice-summary",
                    done = done,
                    total = Step::ALL.len()
                ))
                .size(STEP_TEXT_SIZE),
            );
        }
    }
}

/// A step's number in a circle: filled for the current step.
fn step_number_ui(ui: &mut egui::Ui, n: usize, current: bool) {
    let size = ui.text_style_height(&egui::TextStyle::Body).max(14.0);
    let (rect, _) = ui.allocate_exact_size(egui::vec2(size, size), Sense::hover());
    let painter = ui.painter_at(rect.expand(1.0));
    let colour = if current {
        ui.visuals().strong_text_color()
    } else {
        ui.visuals().weak_text_color()
    };
    painter.circle_stroke(rect.center(), size * 0.45, egui::Stroke::new(1.5, colour));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        n.to_string(),
        egui::FontId::proportional(size * 0.7),
        colour,
    );
}
