//! Checking photo files from the window (the same as `kycam check`), for when
//! there is no camera or the photos were taken with a phone. The check runs on
//! its own thread so the window stays responsive.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use crossbeam_channel::{bounded, Receiver};
use egui::RichText;

use crate::check::{Checker, FileReport};
use crate::gui::checklist::checklist_row;
use crate::gui::overlay::{FAIL, PASS};
use crate::Shot;

/// The outcome for one file.
pub type FileOutcome = Result<FileReport, String>;

pub struct CheckFilesState {
    pub path: String,
    pub shot: Shot,
    pub results: Vec<FileOutcome>,
    running: Option<(Receiver<Vec<FileOutcome>>, JoinHandle<()>)>,
}

impl Default for CheckFilesState {
    fn default() -> Self {
        Self {
            path: String::new(),
            shot: Shot::IdFront,
            results: Vec::new(),
            running: None,
        }
    }
}

/// The image files a path names: the file itself, or the images in a folder.
pub fn files_at(path: &Path) -> Result<Vec<PathBuf>, String> {
    if path.is_file() {
        return Ok(vec![path.to_owned()]);
    }
    if !path.is_dir() {
        return Err(format!("{}: no such file or folder", path.display()));
    }
    let files = crate::imageio::image_files_in(path).map_err(|e| {
        crate::gui::plain::plain_message(&format!(
            "{}: cannot read the folder: {e}",
            path.display()
        ))
    })?;
    if files.is_empty() {
        return Err(format!(
            "{}: no JPEG, PNG or TIFF files in this folder",
            path.display()
        ));
    }
    Ok(files)
}

impl CheckFilesState {
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Starts checking what `self.path` names with `hfov_deg`; `wake` repaints the window.
    pub fn start(&mut self, hfov_deg: Option<f32>, wake: impl Fn() + Send + 'static) {
        let files = match files_at(Path::new(self.path.trim())) {
            Ok(files) => files,
            Err(e) => {
                self.results = vec![Err(e)];
                return;
            }
        };
        let shot = self.shot;
        let (tx, rx) = bounded(1);
        let spawned = std::thread::Builder::new()
            .name("check-files".into())
            .spawn(move || {
                let mut checker = Checker::new(hfov_deg);
                let results = files
                    .iter()
                    .map(|f| {
                        checker
                            .check_file(f, shot)
                            .map_err(|e| crate::gui::plain::plain_message(&e.to_string()))
                    })
                    .collect();
                // The window may be gone; nobody to tell then.
                let _ = tx.send(results);
                wake();
            });
        match spawned {
            Ok(handle) => {
                self.results.clear();
                self.running = Some((rx, handle));
            }
            Err(e) => self.results = vec![Err(format!("cannot start the check: {e}"))],
        }
    }

    /// Picks up finished results without blocking.
    pub fn poll(&mut self) {
        let Some((rx, _)) = &self.running else {
            return;
        };
        match rx.try_recv() {
            Ok(results) => {
                self.results = results;
                self.join();
            }
            Err(crossbeam_channel::TryRecvError::Empty) => {}
            Err(crossbeam_channel::TryRecvError::Disconnected) => {
                self.results = vec![Err("the check stopped unexpectedly".into())];
                self.join();
            }
        }
    }

    /// Waits for a running check (tests, and on leaving the page for good).
    pub fn wait(&mut self) {
        if let Some((rx, _)) = &self.running {
            if let Ok(results) = rx.recv() {
                self.results = results;
            }
            self.join();
        }
    }

    fn join(&mut self) {
        if let Some((_, handle)) = self.running.take() {
            let _ = handle.join();
        }
    }
}

/// The page: a path, the shot, Check, and the per-rule results.
pub fn check_files_ui(
    ui: &mut egui::Ui,
    state: &mut CheckFilesState,
    hfov_deg: f32,
    wake: impl Fn() + Send + 'static,
) {
    state.poll();
    ui.heading("Check photo files");
    ui.label("Photos taken with a phone or another camera: kycam says whether each check holds.");
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        ui.label("File or folder:");
        ui.add(
            egui::TextEdit::singleline(&mut state.path)
                .hint_text("where the photo or folder is")
                .desired_width(420.0),
        );
    });
    ui.horizontal(|ui| {
        ui.label("The photo is for:");
        egui::ComboBox::from_id_salt("check_shot")
            .selected_text(state.shot.title())
            .show_ui(ui, |ui| {
                for shot in Shot::ALL {
                    ui.selectable_value(&mut state.shot, shot, shot.title());
                }
            });
        let can_run = !state.is_running() && !state.path.trim().is_empty();
        if ui
            .add_enabled(can_run, egui::Button::new("Check"))
            .clicked()
        {
            state.start(Some(hfov_deg), wake);
        }
        if state.is_running() {
            ui.spinner();
            ui.label("Checking…");
        }
    });
    ui.add_space(8.0);
    egui::ScrollArea::vertical().show(ui, |ui| {
        for outcome in &state.results {
            file_result_ui(ui, outcome);
            ui.add_space(8.0);
        }
    });
}

fn file_result_ui(ui: &mut egui::Ui, outcome: &FileOutcome) {
    match outcome {
        Err(e) => {
            ui.colored_label(FAIL, e);
        }
        Ok(report) => {
            let (verdict, colour) = if report.pass {
                ("PASS", PASS)
            } else {
                ("FAIL", FAIL)
            };
            ui.horizontal(|ui| {
                ui.label(RichText::new(verdict).color(colour).strong().size(18.0));
                ui.label(RichText::new(&report.file).monospace());
                ui.label(format!(
                    "{}×{}, {}",
                    report.width,
                    report.height,
                    report.shot.title()
                ));
            });
            egui::Grid::new(("check_result", &report.file))
                .num_columns(4)
                .striped(true)
                .show(ui, |ui| {
                    for v in &report.checks {
                        crate::gui::panels::mark_ui(ui, v.pass);
                        let row = checklist_row(v);
                        ui.label(v.id.label());
                        ui.label(row.now);
                        ui.label(RichText::new(row.needed).weak());
                        ui.end_row();
                    }
                });
            // What to do, each sentence once (several checks fail for one
            // cause when no document is found), wrapped to the window.
            let mut advice: Vec<&str> = Vec::new();
            for a in report.checks.iter().filter_map(|v| v.advice.as_deref()) {
                if !advice.contains(&a) {
                    advice.push(a);
                }
            }
            for a in advice {
                ui.label(format!("• {a}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_path_is_named_in_the_error() {
        let err = files_at(Path::new("/nonexistent/kycam.jpg"))
            .err()
            .unwrap_or_default();
        assert!(err.contains("/nonexistent/kycam.jpg"));
    }

    #[test]
    fn a_committed_photo_is_checked() {
        let mut state = CheckFilesState {
            path: crate::fixtures::committed("obama.jpg")
                .display()
                .to_string(),
            shot: Shot::Selfie,
            ..CheckFilesState::default()
        };
        state.start(None, || {});
        state.wait();
        assert_eq!(state.results.len(), 1);
        let report = state.results[0].as_ref().map_err(String::clone);
        assert!(report.is_ok_and(|r| !r.checks.is_empty()));
    }
}
