//! Settings the person chooses once and keeps: persisted in eframe's storage.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::analysis::distance::DEFAULT_WEBCAM_HFOV_DEG;
use crate::gui::file_dialog::{folder_button, take_answer, OpenDialog};
use crate::i18n::{self, Lang};
use crate::pipeline::source::{list_cameras, CameraInfo};
use crate::tr;

/// Webcams are 55–78° wide (typical webcams and phone main cameras); allow a margin for phones used as webcams
/// and wide-angle cameras.
pub const HFOV_RANGE_DEG: std::ops::RangeInclusive<f32> = 30.0..=120.0;

/// Storage key, versioned so that an incompatible change starts from defaults.
pub const STORAGE_KEY: &str = "kycam.settings.v1";

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Which camera to open (nokhwa index).
    pub camera_index: u32,
    /// The camera's horizontal field of view, used for the distance estimate.
    pub hfov_deg: f32,
    /// Where sessions are saved; `None` = the default folder under the user's data directory.
    pub output_dir: Option<PathBuf>,
    /// Show the selfie preview as a mirror (the saved photo is never mirrored).
    pub mirror_selfie: bool,
    /// The language chosen here; `None` = the system's (the locale variables).
    pub language: Option<Lang>,
    /// Show the frame number, latency and dropped frames under the checklist.
    pub show_diagnostics: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            camera_index: 0,
            hfov_deg: DEFAULT_WEBCAM_HFOV_DEG,
            output_dir: None,
            mirror_selfie: true,
            language: None,
            show_diagnostics: false,
        }
    }
}

impl Settings {
    pub fn load(storage: Option<&dyn eframe::Storage>) -> Self {
        storage
            .and_then(|s| eframe::get_value::<Settings>(s, STORAGE_KEY))
            .map(Settings::sanitised)
            .unwrap_or_default()
    }

    pub fn save(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, self);
    }

    /// A stored value from a hand-edited file could be anything.
    fn sanitised(mut self) -> Self {
        if !HFOV_RANGE_DEG.contains(&self.hfov_deg) {
            self.hfov_deg = DEFAULT_WEBCAM_HFOV_DEG;
        }
        self
    }
}

/// Page state: text typed into the output-folder field, kept until it is
/// applied, and the cameras found the last time the list was read.
#[derive(Default)]
pub struct SettingsDraft {
    pub output_dir: String,
    /// Why the folder last chosen or typed cannot be used.
    pub output_error: Option<String>,
    chooser: Option<OpenDialog>,
    /// `None` until read (when the page first opens, and on Refresh).
    pub cameras: Option<Result<Vec<CameraInfo>, String>>,
}

impl SettingsDraft {
    /// The page's fields as `settings` has them.
    pub fn for_settings(settings: &Settings) -> Self {
        Self {
            output_dir: settings
                .output_dir
                .as_ref()
                .map(|d| d.display().to_string())
                .unwrap_or_default(),
            ..Self::default()
        }
    }
}

/// The camera list, named by the row's label `label` for screen readers.
fn camera_picker_ui(
    ui: &mut egui::Ui,
    settings: &mut Settings,
    draft: &mut SettingsDraft,
    label: egui::Id,
) {
    if draft.cameras.is_none() {
        draft.cameras = Some(list_cameras());
    }
    ui.vertical(|ui| {
        ui.horizontal(|ui| {
            match &draft.cameras {
                Some(Ok(cameras)) if !cameras.is_empty() => {
                    let selected = cameras
                        .iter()
                        .find(|c| c.index == settings.camera_index)
                        .map(|c| format!("{}: {}", c.index, c.name))
                        .unwrap_or_else(|| {
                            tr!("settings-camera-not-connected", n = settings.camera_index)
                        });
                    egui::ComboBox::from_id_salt("camera_picker")
                        .selected_text(selected)
                        .width(300.0)
                        .show_ui(ui, |ui| {
                            for c in cameras {
                                ui.selectable_value(
                                    &mut settings.camera_index,
                                    c.index,
                                    format!("{}: {}", c.index, c.name),
                                );
                            }
                        })
                        .response
                        .labelled_by(label);
                }
                Some(Ok(_)) => {
                    ui.label(crate::pipeline::source::no_camera_words());
                }
                Some(Err(e)) => {
                    ui.colored_label(crate::gui::overlay::FAIL, e);
                }
                None => {}
            }
            if ui.button(tr!("settings-refresh")).clicked() {
                draft.cameras = None;
            }
        });
        ui.horizontal(|ui| {
            ui.label(tr!("settings-camera-number"));
            ui.add(
                egui::DragValue::new(&mut settings.camera_index)
                    .range(0..=63)
                    .speed(0.05),
            );
        });
    });
}

/// The language picker: the system's, or one chosen here. It takes effect at once
/// (the next frame is drawn in it) and is kept with the other settings.
fn language_picker_ui(ui: &mut egui::Ui, settings: &mut Settings, label_id: egui::Id) {
    let system = Lang::from_env();
    let system_label = tr!("settings-language-system", lang = system.native_name());
    let label = |choice: Option<Lang>| match choice {
        Some(lang) => lang.native_name().to_owned(),
        None => system_label.clone(),
    };
    let before = settings.language;
    egui::ComboBox::from_id_salt("language_picker")
        .selected_text(label(settings.language))
        .width(300.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut settings.language, None, label(None));
            for lang in Lang::ALL {
                ui.selectable_value(&mut settings.language, Some(lang), label(Some(lang)));
            }
        })
        .response
        .labelled_by(label_id);
    if settings.language != before {
        i18n::set(settings.language.unwrap_or(system));
    }
}

/// A folder photos can be saved in: it exists or is created, and a file can be
/// written in it. The error names the folder and says why in plain words.
pub fn usable_output_dir(text: &str) -> Result<PathBuf, String> {
    let dir = PathBuf::from(text.trim());
    if dir.as_os_str().is_empty() {
        return Err(tr!("settings-type-folder"));
    }
    let why = |e: std::io::Error| {
        tr!(
            "settings-cannot-save-in",
            dir = &dir.display().to_string(),
            error = &crate::gui::plain::plain_message(&e.to_string())
        )
    };
    std::fs::create_dir_all(&dir).map_err(why)?;
    let probe = dir.join(format!(".kycam-write-test-{}", std::process::id()));
    std::fs::write(&probe, b"kycam").map_err(why)?;
    // The probe is ours alone; a failure to remove it leaves a small hidden file.
    let _ = std::fs::remove_file(&probe);
    Ok(dir)
}

/// Where sessions are saved: choose a folder (or type one), checked before it is used.
fn output_folder_ui(ui: &mut egui::Ui, settings: &mut Settings, draft: &mut SettingsDraft) {
    let mut apply = None;
    if let Some(chosen) = take_answer(&mut draft.chooser) {
        if let Some(dir) = chosen.into_iter().next() {
            draft.output_dir = dir.display().to_string();
            apply = Some(draft.output_dir.clone());
        }
    }
    ui.vertical(|ui| {
        ui.horizontal(|ui| {
            folder_button(
                ui,
                &mut draft.chooser,
                tr!("settings-choose"),
                &tr!("settings-choose-title"),
            );
            ui.add(
                egui::TextEdit::singleline(&mut draft.output_dir)
                    .hint_text(tr!("settings-folder-hint"))
                    .desired_width(260.0),
            );
            if ui.button(tr!("settings-use-folder")).clicked() {
                apply = Some(draft.output_dir.clone());
            }
            if settings.output_dir.is_some() && ui.button(tr!("settings-use-default")).clicked() {
                settings.output_dir = None;
                draft.output_error = None;
            }
        });
        if let Some(text) = apply {
            match usable_output_dir(&text) {
                Ok(dir) => {
                    settings.output_dir = Some(dir);
                    draft.output_error = None;
                }
                Err(e) => draft.output_error = Some(e),
            }
        }
        if let Some(e) = &draft.output_error {
            ui.colored_label(crate::gui::overlay::FAIL, e);
        }
        ui.label(match &settings.output_dir {
            Some(dir) => tr!("settings-now", dir = &dir.display().to_string()),
            None => tr!("settings-now-default"),
        });
    });
}

/// The settings page. Returns true when something changed that needs the live
/// source restarted (the camera index).
pub fn settings_ui(ui: &mut egui::Ui, settings: &mut Settings, draft: &mut SettingsDraft) -> bool {
    let mut restart = false;
    ui.heading(tr!("settings-heading"));
    ui.add_space(8.0);
    egui::Grid::new("settings_grid")
        .num_columns(2)
        .spacing([16.0, 10.0])
        .show(ui, |ui| {
            let label = ui.label(tr!("settings-language"));
            language_picker_ui(ui, settings, label.id);
            ui.end_row();

            let label = ui.label(tr!("settings-camera"));
            let before = settings.camera_index;
            camera_picker_ui(ui, settings, draft, label.id);
            restart |= before != settings.camera_index;
            ui.end_row();

            ui.label(tr!("settings-hfov"));
            ui.add(
                egui::Slider::new(&mut settings.hfov_deg, HFOV_RANGE_DEG)
                    .suffix("°")
                    .fixed_decimals(0),
            )
            .on_hover_text(tr!("settings-hfov-hint"));
            ui.end_row();

            ui.label(tr!("settings-selfie"));
            ui.checkbox(&mut settings.mirror_selfie, tr!("settings-mirror"))
                .on_hover_text(tr!("settings-mirror-hint"));
            ui.end_row();

            ui.label(tr!("settings-diagnostics"));
            ui.checkbox(
                &mut settings.show_diagnostics,
                tr!("settings-show-diagnostics"),
            )
            .on_hover_text(tr!("settings-diagnostics-hint"));
            ui.end_row();

            ui.label(tr!("settings-save-in"));
            output_folder_ui(ui, settings, draft);
            ui.end_row();
        });
    restart
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wild_field_of_view_falls_back_to_the_default() {
        let s = Settings {
            hfov_deg: 500.0,
            ..Settings::default()
        }
        .sanitised();
        assert_eq!(s.hfov_deg, DEFAULT_WEBCAM_HFOV_DEG);
    }

    #[test]
    fn an_output_folder_is_created_and_checked_for_writing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let new = dir.path().join("kyc photos");
        let text = new.display().to_string();
        assert_eq!(usable_output_dir(&text), Ok(new.clone()));
        assert!(new.is_dir());
        assert_eq!(std::fs::read_dir(&new).map(|d| d.count()).ok(), Some(0));

        let file = dir.path().join("a file");
        std::fs::write(&file, b"x").expect("write");
        let under_a_file = file.join("photos").display().to_string();
        let err = usable_output_dir(&under_a_file).err().unwrap_or_default();
        assert!(err.contains("a file/photos"), "{err}");
        assert!(!err.contains("os error"), "{err}");
        assert!(usable_output_dir("  ").is_err());
    }

    #[test]
    fn settings_round_trip_through_json() {
        let s = Settings {
            camera_index: 2,
            hfov_deg: 70.0,
            output_dir: Some("/tmp/x".into()),
            mirror_selfie: false,
            language: Some(Lang::ZhCn),
            show_diagnostics: true,
        };
        let back: Settings = serde_json::from_str(&serde_json::to_string(&s).unwrap_or_default())
            .unwrap_or_default();
        assert_eq!(back, s);
    }
}
