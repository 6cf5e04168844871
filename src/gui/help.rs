//! Help: what a rejection e-mail means and which rules to watch (docs/contract.md), the
//! resubmission advice, and where the photos are.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};

use egui::RichText;

use crate::i18n::{self, Lang};
use crate::rules::RuleId;
use crate::tr;

/// One wording of the exchange's rejection e-mail, in the current language.
pub struct Rejection {
    /// The e-mail's words in the current language.
    pub wording: String,
    /// The e-mail's words in English, as an English e-mail has them.
    pub english: String,
    pub meaning: String,
    /// The rules that catch it before submitting (empty: not a photo problem kycam can see).
    pub rules: &'static [RuleId],
    pub advice: String,
}

/// The exchange's rejection wordings, from its help text: the wording, what it
/// means, and what to do. Each message id names all three (`ID`, `ID-meaning`,
/// `ID-advice`).
pub fn rejections() -> [Rejection; 7] {
    let english = |id: &str| i18n::format_in(Lang::En, id, &[]).unwrap_or_default();
    let r =
        |wording: String, id: &str, meaning: String, rules: &'static [RuleId], advice: String| {
            Rejection {
                wording,
                english: english(id),
                meaning,
                rules,
                advice,
            }
        };
    [
        r(
            tr!("rejection-blurry"),
            "rejection-blurry",
            tr!("rejection-blurry-meaning"),
            &[RuleId::Sharpness, RuleId::Steady],
            tr!("rejection-blurry-advice"),
        ),
        r(
            tr!("rejection-not-visible"),
            "rejection-not-visible",
            tr!("rejection-not-visible-meaning"),
            &[RuleId::CornersVisible, RuleId::DocumentFound],
            tr!("rejection-not-visible-advice"),
        ),
        r(
            tr!("rejection-reflection"),
            "rejection-reflection",
            tr!("rejection-reflection-meaning"),
            &[RuleId::Glare, RuleId::EyewearGlare],
            tr!("rejection-reflection-advice"),
        ),
        r(
            tr!("rejection-face-mismatch"),
            "rejection-face-mismatch",
            tr!("rejection-face-mismatch-meaning"),
            &[],
            tr!("rejection-face-mismatch-advice"),
        ),
        r(
            tr!("rejection-expired"),
            "rejection-expired",
            tr!("rejection-expired-meaning"),
            &[],
            tr!("rejection-expired-advice"),
        ),
        r(
            tr!("rejection-liveness"),
            "rejection-liveness",
            tr!("rejection-liveness-meaning"),
            &[
                RuleId::FaceInFrame,
                RuleId::Distance,
                RuleId::EvenLighting,
                RuleId::Steady,
            ],
            tr!("rejection-liveness-advice"),
        ),
        r(
            tr!("rejection-dark-background"),
            "rejection-dark-background",
            tr!("rejection-dark-background-meaning"),
            &[RuleId::Exposure, RuleId::Backlight],
            tr!("rejection-dark-background-advice"),
        ),
    ]
}

/// The exchange's advice on how to resubmit without getting locked out.
pub fn resubmission_advice() -> [String; 3] {
    [
        tr!("help-resubmit-fix"),
        tr!("help-resubmit-rate"),
        tr!("help-resubmit-cooldown"),
    ]
}

/// State of the help page.
#[derive(Default)]
pub struct HelpState {
    pub selected: Option<usize>,
    opener: Option<Child>,
    /// The outcome of the last "Open folder", in plain words.
    pub open_status: Option<Result<String, String>>,
}

impl HelpState {
    /// Opens `dir` in the file manager; the outcome lands in `open_status`.
    pub fn open_folder(&mut self, dir: &Path) {
        if !dir.is_dir() {
            self.open_status = Some(Err(tr!(
                "help-folder-missing",
                dir = &dir.display().to_string()
            )));
            return;
        }
        match Command::new(OPENER).arg(dir).spawn() {
            Ok(child) => {
                self.opener = Some(child);
                self.open_status = Some(Ok(tr!("help-opening", dir = &dir.display().to_string())));
            }
            Err(e) => {
                self.open_status = Some(Err(tr!(
                    "help-no-file-manager",
                    error = &e.to_string(),
                    dir = &dir.display().to_string()
                )))
            }
        }
    }

    /// Whether the file-manager launcher is still running (poll again soon).
    pub fn is_opening(&self) -> bool {
        self.opener.is_some()
    }

    /// Collects the exit status of the file-manager launcher, without blocking.
    pub fn poll(&mut self) {
        let Some(child) = &mut self.opener else {
            return;
        };
        match child.try_wait() {
            Ok(None) => {}
            Ok(Some(status)) => {
                self.opener = None;
                if !status.success() {
                    self.open_status = Some(Err(tr!(
                        "help-file-manager-failed",
                        error = &status.to_string()
                    )));
                }
            }
            Err(e) => {
                self.opener = None;
                self.open_status =
                    Some(Err(tr!("help-file-manager-error", error = &e.to_string())));
            }
        }
    }
}

#[cfg(target_os = "macos")]
const OPENER: &str = "open";
#[cfg(target_os = "windows")]
const OPENER: &str = "explorer";
#[cfg(not(any(target_os = "macos", target_os = "windows")))]
const OPENER: &str = "xdg-open";

/// The help page. `photos_dir` is where this session's photos are (or will be).
pub fn help_ui(ui: &mut egui::Ui, state: &mut HelpState, photos_dir: Option<&PathBuf>) {
    state.poll();
    ui.heading(tr!("help-heading"));
    ui.add_space(6.0);
    ui.label(RichText::new(tr!("help-rejected")).strong());
    let rejections = rejections();
    ui.horizontal_wrapped(|ui| {
        for (i, r) in rejections.iter().enumerate() {
            if ui
                .selectable_label(state.selected == Some(i), &r.wording)
                .clicked()
            {
                state.selected = Some(i);
            }
        }
    });
    if let Some(r) = state.selected.and_then(|i| rejections.get(i)) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(tr!("help-quoted", wording = &r.wording))
                    .size(18.0)
                    .strong(),
            );
            // The e-mail may come in English whatever the window speaks.
            if r.english != r.wording {
                ui.label(RichText::new(tr!("help-in-english", wording = &r.english)).weak());
            }
            ui.label(tr!("help-meaning", meaning = &r.meaning));
            if r.rules.is_empty() {
                ui.label(tr!("help-not-checkable"));
            } else {
                ui.label(tr!("help-watch"));
                for id in r.rules {
                    ui.label(format!("  {}", tr!("bullet", text = &id.label())));
                }
            }
            ui.label(tr!("help-what-to-do", advice = &r.advice));
        });
    }

    ui.add_space(12.0);
    ui.label(RichText::new(tr!("help-before-again")).strong());
    for line in resubmission_advice() {
        ui.label(tr!("bullet", text = &line));
    }

    ui.add_space(12.0);
    ui.label(RichText::new(tr!("help-where")).strong());
    match photos_dir {
        Some(dir) => {
            ui.horizontal(|ui| {
                ui.label(RichText::new(dir.display().to_string()).monospace());
                if ui.button(tr!("help-open-folder")).clicked() {
                    state.open_folder(dir);
                }
            });
        }
        None => {
            ui.label(tr!("help-where-default"));
        }
    }
    ui.label(tr!("help-folder-holds"));
    match &state.open_status {
        Some(Ok(msg)) => {
            ui.label(msg.as_str());
        }
        Some(Err(msg)) => {
            ui.colored_label(
                crate::gui::overlay::FAIL,
                crate::gui::plain::plain_message(msg),
            );
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wording_of_spec_5b_is_there_once() {
        let mut words: Vec<String> = rejections().into_iter().map(|r| r.english).collect();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), 7);
    }

    #[test]
    fn a_missing_folder_is_reported_not_opened() {
        let mut state = HelpState::default();
        state.open_folder(Path::new("/nonexistent/kycam-test"));
        assert!(matches!(state.open_status, Some(Err(_))));
    }
}
