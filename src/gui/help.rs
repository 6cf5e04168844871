//! Help: what a rejection e-mail means and which rules to watch (docs/contract.md), the
//! resubmission advice, and where the photos are.

use std::path::{Path, PathBuf};
use std::process::{Child, Command};

use egui::RichText;

use crate::rules::RuleId;

/// One wording of the exchange's rejection e-mail.
pub struct Rejection {
    pub wording: &'static str,
    pub meaning: &'static str,
    /// The rules that catch it before submitting (empty: not a photo problem kycam can see).
    pub rules: &'static [RuleId],
    pub advice: &'static str,
}

/// From the exchange's help text.
pub const REJECTIONS: [Rejection; 7] = [
    Rejection {
        wording: "Photo too blurry",
        meaning: "The photo is blurry.",
        rules: &[RuleId::Sharpness, RuleId::Steady],
        advice: "Rest your arms or lay the document on the desk, and let kycam take the photo when it is steady.",
    },
    Rejection {
        wording: "Document not fully visible",
        meaning: "The ID is not fully shown.",
        rules: &[RuleId::CornersVisible, RuleId::DocumentFound],
        advice: "Keep all four corners inside the picture with a little space around them.",
    },
    Rejection {
        wording: "Reflection detected",
        meaning: "There is glare or a reflection on the photo.",
        rules: &[RuleId::Glare, RuleId::EyewearGlare],
        advice: "Tilt the card slightly away from the lamp or window, or turn off the overhead light.",
    },
    Rejection {
        wording: "Face not match",
        meaning: "The selfie does not match the photo on the ID.",
        rules: &[],
        advice: "This cannot be checked offline: take a recent selfie without filters, in good even light, looking like your ID photo (no hat, hair off the face).",
    },
    Rejection {
        wording: "Document expired",
        meaning: "The ID has expired.",
        rules: &[],
        advice: "Not a photo problem: use a document that is still valid.",
    },
    Rejection {
        wording: "Liveness check failed",
        meaning: "The liveness detection failed.",
        rules: &[RuleId::FaceInFrame, RuleId::Distance, RuleId::EvenLighting, RuleId::Steady],
        advice: "Keep your whole face in the picture at 30–50 cm in even light, and practise the moves: blink, turn your head about 30°, open your mouth.",
    },
    Rejection {
        wording: "Background too dark",
        meaning: "The background is too dark.",
        rules: &[RuleId::Exposure, RuleId::Backlight],
        advice: "Face a window or a lamp; do not sit with the light behind you.",
    },
];

/// The exchange's advice on how to resubmit without getting locked out.
pub const RESUBMISSION_ADVICE: [&str; 3] = [
    "Fix the cause before you submit again: the same photo fails the same way.",
    "Submit fewer than 5 times an hour.",
    "After 3 failures in a row there is a 24-hour cool-down, then manual support (3–7 days).",
];

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
            self.open_status = Some(Err(format!(
                "{} does not exist yet: it is created with the first photo.",
                dir.display()
            )));
            return;
        }
        match Command::new(OPENER).arg(dir).spawn() {
            Ok(child) => {
                self.opener = Some(child);
                self.open_status = Some(Ok(format!("Opening {}…", dir.display())));
            }
            Err(e) => {
                self.open_status = Some(Err(format!(
                    "No file manager could be opened here ({e}). The photos are in {}: copy the path and open it yourself.",
                    dir.display()
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
                    self.open_status = Some(Err(format!(
                        "The file manager did not open ({status}): open the folder yourself."
                    )));
                }
            }
            Err(e) => {
                self.opener = None;
                self.open_status = Some(Err(format!("The file manager did not open ({e}).")));
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
    ui.heading("Help");
    ui.add_space(6.0);
    ui.label(RichText::new("Your verification was rejected? Pick what the e-mail says:").strong());
    ui.horizontal_wrapped(|ui| {
        for (i, r) in REJECTIONS.iter().enumerate() {
            if ui
                .selectable_label(state.selected == Some(i), r.wording)
                .clicked()
            {
                state.selected = Some(i);
            }
        }
    });
    if let Some(r) = state.selected.and_then(|i| REJECTIONS.get(i)) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(format!("\u{201c}{}\u{201d}", r.wording))
                    .size(18.0)
                    .strong(),
            );
            ui.label(format!("Meaning: {}", r.meaning));
            if r.rules.is_empty() {
                ui.label("kycam cannot check this on the photo.");
            } else {
                ui.label("Watch these checks in kycam's list:");
                for id in r.rules {
                    ui.label(format!("  • {}", id.label()));
                }
            }
            ui.label(format!("What to do: {}", r.advice));
        });
    }

    ui.add_space(12.0);
    ui.label(RichText::new("Before you submit again").strong());
    for line in RESUBMISSION_ADVICE {
        ui.label(format!("• {line}"));
    }

    ui.add_space(12.0);
    ui.label(RichText::new("Where the photos are").strong());
    match photos_dir {
        Some(dir) => {
            ui.horizontal(|ui| {
                ui.label(RichText::new(dir.display().to_string()).monospace());
                if ui.button("Open folder").clicked() {
                    state.open_folder(dir);
                }
            });
        }
        None => {
            ui.label("In a new folder for each session under your data directory (or the folder chosen in Settings); the folder is shown here once a session starts.");
        }
    }
    ui.label("Each session folder holds the JPEG photos and session.json, which records every check's value when each photo was taken. Nothing leaves this computer.");
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
        let mut words: Vec<&str> = REJECTIONS.iter().map(|r| r.wording).collect();
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
