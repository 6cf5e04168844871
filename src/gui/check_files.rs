//! Checking photo files from the window (the same as `kycam check`), for when
//! there is no camera or the photos were taken with a phone. Files are chosen
//! with the system's file chooser (or typed); the check runs on its own thread,
//! file by file, so the window stays responsive and shows how far it is.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use crossbeam_channel::{bounded, Receiver, TryRecvError};
use egui::RichText;
use image::RgbImage;

use crate::check::{Checker, FileReport};
use crate::gui::checklist::checklist_row;
use crate::gui::file_dialog::{chooser_button, take_answer, Choose, OpenDialog};
use crate::gui::overlay::{FAIL, PASS};
use crate::{tr, Shot};

/// The outcome for one file.
pub type FileOutcome = Result<FileReport, String>;

/// The longer side of a result's thumbnail, in pixels.
const THUMBNAIL_SIDE: u32 = 128;

/// One file's outcome and a small copy of its picture.
pub struct CheckedFile {
    pub path: PathBuf,
    pub outcome: FileOutcome,
    thumbnail: Option<RgbImage>,
    texture: Option<egui::TextureHandle>,
}

impl CheckedFile {
    fn failed(path: PathBuf, error: String) -> Self {
        Self {
            path,
            outcome: Err(error),
            thumbnail: None,
            texture: None,
        }
    }

    /// The file's name without its folder (the summary names the folder).
    fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| self.path.display().to_string())
    }
}

struct Running {
    results: Receiver<CheckedFile>,
    handle: JoinHandle<()>,
    total: usize,
}

pub struct CheckFilesState {
    /// What is typed in the location field.
    pub path: String,
    pub shot: Shot,
    pub results: Vec<CheckedFile>,
    /// How many files the last check was given (each one's details start open
    /// when it was one).
    files_given: usize,
    running: Option<Running>,
    chooser: Option<OpenDialog>,
}

impl Default for CheckFilesState {
    fn default() -> Self {
        Self {
            path: String::new(),
            shot: Shot::IdFront,
            results: Vec::new(),
            files_given: 0,
            running: None,
            chooser: None,
        }
    }
}

/// The image files a path names: the file itself, or the images in a folder.
pub fn files_at(path: &Path) -> Result<Vec<PathBuf>, String> {
    if path.is_file() {
        return Ok(vec![path.to_owned()]);
    }
    if !path.is_dir() {
        return Err(tr!(
            "check-files-no-such",
            path = &path.display().to_string()
        ));
    }
    let files = crate::imageio::image_files_in(path).map_err(|e| {
        crate::gui::plain::plain_message(&tr!(
            "check-files-unreadable-folder",
            path = &path.display().to_string(),
            error = &e.to_string()
        ))
    })?;
    if files.is_empty() {
        return Err(tr!(
            "check-files-no-images",
            path = &path.display().to_string()
        ));
    }
    Ok(files)
}

/// A copy whose longer side is at most [`THUMBNAIL_SIDE`], in proportion.
fn thumbnail_of(rgb: &RgbImage) -> RgbImage {
    let (w, h) = (rgb.width().max(1), rgb.height().max(1));
    let scale = (THUMBNAIL_SIDE as f32 / w.max(h) as f32).min(1.0);
    let side = |n: u32| ((n as f32 * scale).round() as u32).max(1);
    image::imageops::thumbnail(rgb, side(w), side(h))
}

/// Checks one file and keeps a thumbnail of what was read.
fn check_one(checker: &mut Checker, path: &Path, shot: Shot) -> CheckedFile {
    match crate::imageio::load_image(path) {
        Ok(loaded) => {
            let report = checker.check_loaded(&path.display().to_string(), &loaded, shot);
            CheckedFile {
                path: path.to_owned(),
                outcome: Ok(report),
                thumbnail: Some(thumbnail_of(&loaded.rgb)),
                texture: None,
            }
        }
        Err(e) => CheckedFile::failed(
            path.to_owned(),
            crate::gui::plain::plain_message(&e.to_string()),
        ),
    }
}

/// The summary line: how many files, how many pass, how many could not be read.
pub fn summary(results: &[CheckedFile]) -> String {
    let passed = results
        .iter()
        .filter(|r| r.outcome.as_ref().is_ok_and(|r| r.pass))
        .count();
    let unreadable = results.iter().filter(|r| r.outcome.is_err()).count();
    let failed = results.len() - passed - unreadable;
    tr!(
        "check-files-summary",
        total = results.len(),
        passed = passed,
        failed = failed,
        unreadable = unreadable
    )
}

impl CheckFilesState {
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Starts checking what `self.path` names with `hfov_deg`; `wake` repaints the window.
    pub fn start(&mut self, hfov_deg: Option<f32>, wake: impl Fn() + Send + 'static) {
        let typed = PathBuf::from(self.path.trim());
        match files_at(&typed) {
            Ok(files) => self.start_files(files, hfov_deg, wake),
            Err(e) => self.results = vec![CheckedFile::failed(typed, e)],
        }
    }

    /// Starts checking `files`, one after another, each result sent when ready.
    pub fn start_files(
        &mut self,
        files: Vec<PathBuf>,
        hfov_deg: Option<f32>,
        wake: impl Fn() + Send + 'static,
    ) {
        if self.running.is_some() {
            return;
        }
        let shot = self.shot;
        let total = files.len();
        self.files_given = total;
        // Room for every result: the checker never waits for the window.
        let (tx, results) = bounded(total.max(1));
        let spawned = std::thread::Builder::new()
            .name("check-files".into())
            .spawn(move || {
                let mut checker = Checker::new(hfov_deg);
                for file in &files {
                    // The window may be gone; nobody to tell then.
                    if tx.send(check_one(&mut checker, file, shot)).is_err() {
                        return;
                    }
                    wake();
                }
            });
        self.results.clear();
        match spawned {
            Ok(handle) => {
                self.running = Some(Running {
                    results,
                    handle,
                    total,
                })
            }
            Err(e) => {
                self.results = vec![CheckedFile::failed(
                    PathBuf::new(),
                    tr!("check-files-cannot-start", error = &e.to_string()),
                )]
            }
        }
    }

    /// Picks up finished results without blocking.
    pub fn poll(&mut self) {
        let Some(running) = &self.running else {
            return;
        };
        loop {
            match running.results.try_recv() {
                Ok(checked) => self.results.push(checked),
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => break,
            }
        }
        let total = running.total;
        if self.results.len() < total {
            self.results.push(CheckedFile::failed(
                PathBuf::new(),
                tr!("check-files-stopped"),
            ));
        }
        self.join();
    }

    /// Waits for a running check (tests, and on leaving the page for good).
    pub fn wait(&mut self) {
        if let Some(running) = &self.running {
            self.results.extend(running.results.iter());
        }
        self.poll();
        self.join();
    }

    fn join(&mut self) {
        if let Some(running) = self.running.take() {
            let _ = running.handle.join();
        }
    }

    /// Checks what the chooser gave: photos, or the photos in one folder; the
    /// location field shows where they are. Nothing chosen changes nothing.
    fn check_chosen(
        &mut self,
        chosen: Vec<PathBuf>,
        hfov_deg: f32,
        wake: impl Fn() + Send + 'static,
    ) {
        let Some(first) = chosen.first().cloned() else {
            return;
        };
        let files = if chosen.len() == 1 && first.is_dir() {
            self.path = first.display().to_string();
            files_at(&first)
        } else {
            let shown = if chosen.len() == 1 {
                Some(first.as_path())
            } else {
                first.parent()
            };
            self.path = shown.map(|p| p.display().to_string()).unwrap_or_default();
            Ok(chosen)
        };
        match files {
            Ok(files) => self.start_files(files, Some(hfov_deg), wake),
            Err(e) => self.results = vec![CheckedFile::failed(first, e)],
        }
    }

    /// "Checking 2 of 5…" while running.
    fn progress(&self) -> Option<String> {
        let running = self.running.as_ref()?;
        Some(tr!(
            "check-files-progress",
            n = (self.results.len() + 1).min(running.total),
            total = running.total
        ))
    }
}

/// The page: choose photos or a folder (or type where they are), the shot, and
/// per file a thumbnail, PASS or FAIL, the failing checks in words and what to do.
pub fn check_files_ui(
    ui: &mut egui::Ui,
    state: &mut CheckFilesState,
    hfov_deg: f32,
    wake: impl Fn() + Clone + Send + 'static,
) {
    state.poll();
    if let Some(chosen) = take_answer(&mut state.chooser) {
        state.check_chosen(chosen, hfov_deg, wake.clone());
    }
    ui.heading(tr!("check-files-heading"));
    ui.label(tr!("check-files-intro"));
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let label = ui.label(tr!("check-files-for"));
        egui::ComboBox::from_id_salt("check_shot")
            .selected_text(state.shot.title())
            .show_ui(ui, |ui| {
                for shot in Shot::ALL {
                    ui.selectable_value(&mut state.shot, shot, shot.title());
                }
            })
            .response
            .labelled_by(label.id);
    });
    ui.add_space(4.0);
    let idle = !state.is_running() && state.chooser.is_none();
    ui.horizontal(|ui| {
        for (choose, label, title) in [
            (
                Choose::Photos,
                tr!("check-files-choose-photos"),
                tr!("check-files-photos-title"),
            ),
            (
                Choose::Folder,
                tr!("check-files-choose-folder"),
                tr!("check-files-folder-title"),
            ),
        ] {
            chooser_button(
                ui,
                idle,
                &mut state.chooser,
                label,
                choose,
                &title,
                wake.clone(),
            );
        }
        if state.chooser.is_some() {
            ui.label(RichText::new(tr!("check-files-choosing")).weak());
        }
    });
    ui.horizontal(|ui| {
        ui.label(tr!("check-files-or-type"));
        ui.add(
            egui::TextEdit::singleline(&mut state.path)
                .hint_text(tr!("check-files-path-hint"))
                .desired_width(360.0),
        );
        let can_run = idle && !state.path.trim().is_empty();
        if ui
            .add_enabled(can_run, egui::Button::new(tr!("check-files-check")))
            .clicked()
        {
            state.start(Some(hfov_deg), wake.clone());
        }
    });
    ui.add_space(8.0);
    if let Some(progress) = state.progress() {
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(progress);
        });
    } else if !state.results.is_empty() {
        ui.label(RichText::new(summary(&state.results)).strong());
    }
    ui.add_space(6.0);
    let open_details = state.files_given == 1;
    for checked in &mut state.results {
        file_result_ui(ui, checked, open_details);
        ui.separator();
    }
}

fn thumbnail_ui(ui: &mut egui::Ui, checked: &mut CheckedFile) {
    let side = THUMBNAIL_SIDE as f32;
    if let Some(thumb) = &checked.thumbnail {
        let texture = checked.texture.get_or_insert_with(|| {
            let size = [thumb.width() as usize, thumb.height() as usize];
            let pixels = egui::ColorImage::from_rgb(size, thumb.as_raw());
            ui.ctx().load_texture(
                format!("check-thumb-{}", checked.path.display()),
                pixels,
                egui::TextureOptions::LINEAR,
            )
        });
        let size = texture.size_vec2();
        let scale = (side / size.x.max(size.y)).min(1.0);
        ui.image((texture.id(), size * scale));
    } else {
        ui.allocate_exact_size(egui::vec2(side, side * 0.75), egui::Sense::hover());
    }
}

fn file_result_ui(ui: &mut egui::Ui, checked: &mut CheckedFile, open_details: bool) {
    let name = checked.name();
    ui.horizontal_top(|ui| {
        thumbnail_ui(ui, checked);
        ui.vertical(|ui| match &checked.outcome {
            Err(e) => {
                ui.label(RichText::new(&name).monospace());
                ui.colored_label(FAIL, e);
            }
            Ok(report) => report_ui(ui, report, &name, open_details),
        });
    });
}

fn report_ui(ui: &mut egui::Ui, report: &FileReport, name: &str, open_details: bool) {
    let (verdict, colour) = if report.pass {
        (tr!("check-pass"), PASS)
    } else {
        (tr!("check-fail"), FAIL)
    };
    ui.horizontal(|ui| {
        ui.label(RichText::new(verdict).color(colour).strong().size(18.0));
        ui.label(RichText::new(name).monospace());
        ui.label(RichText::new(format!("{}×{}", report.width, report.height)).weak());
    });
    let failing: Vec<String> = report
        .checks
        .iter()
        .filter(|v| !v.pass)
        .map(|v| v.id.label())
        .collect();
    if failing.is_empty() {
        ui.label(tr!("check-files-all-hold"));
    } else {
        ui.colored_label(
            FAIL,
            tr!(
                "check-files-not-met",
                rules = &failing.join(&tr!("list-separator"))
            ),
        );
    }
    // What to do, each sentence once (several checks fail for one cause when
    // no document is found).
    let mut advice: Vec<&str> = Vec::new();
    for a in report.checks.iter().filter_map(|v| v.advice.as_deref()) {
        if !advice.contains(&a) {
            advice.push(a);
        }
    }
    for a in advice {
        ui.label(tr!("bullet", text = a));
    }
    egui::CollapsingHeader::new(tr!("check-files-every-check"))
        .id_salt(("check_details", &report.file))
        .default_open(open_details)
        .show(ui, |ui| {
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
        });
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
    fn every_file_gets_a_result_with_a_thumbnail_or_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        let broken = dir.path().join("broken.jpg");
        std::fs::write(&broken, b"not a jpeg").expect("write");
        let photo = crate::fixtures::committed("obama.jpg");
        let mut state = CheckFilesState {
            shot: Shot::Selfie,
            ..CheckFilesState::default()
        };
        state.start_files(vec![photo.clone(), broken.clone()], None, || {});
        state.wait();
        assert!(!state.is_running());
        assert_eq!(state.results.len(), 2);
        assert_eq!(state.results[0].path, photo);
        let report = state.results[0].outcome.as_ref().map_err(String::clone);
        assert!(report.is_ok_and(|r| !r.checks.is_empty()));
        let thumb = state.results[0].thumbnail.as_ref().map(|t| t.dimensions());
        assert!(thumb.is_some_and(|(w, h)| w.max(h) <= THUMBNAIL_SIDE && w > 0 && h > 0));
        assert!(state.results[1]
            .outcome
            .as_ref()
            .is_err_and(|e| e.contains("broken.jpg")));
        let line = summary(&state.results);
        assert!(line.starts_with("2 photos checked"), "{line}");
        assert!(line.contains("1 could not be read"), "{line}");
    }

    #[test]
    fn the_summary_counts_in_words() {
        let one_unreadable = [CheckedFile::failed("a.jpg".into(), "gone".into())];
        assert_eq!(
            summary(&one_unreadable),
            "1 photo checked: 0 pass every check, 1 could not be read."
        );
    }
}
