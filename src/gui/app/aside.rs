//! The pages beside the session: help, settings, checking files.

use egui::RichText;

use super::{KycamApp, SourceChoice};
use crate::gui::check_files::check_files_ui;
use crate::gui::flow::Aside;
use crate::gui::help::help_ui;
use crate::gui::settings::settings_ui;
use crate::tr;

impl KycamApp {
    pub(super) fn aside_ui(&mut self, ui: &mut egui::Ui, aside: Aside) {
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| match aside {
                Aside::Help => {
                    let dir = self.photos_dir();
                    help_ui(ui, &mut self.help, dir.as_ref());
                }
                Aside::Settings => {
                    let camera_changed =
                        settings_ui(ui, &mut self.settings, &mut self.settings_draft);
                    if camera_changed && self.live.is_some() {
                        self.notice = Some(tr!("session-new-camera-later"));
                    }
                    ui.add_space(8.0);
                    // What the running camera was opened at (a folder or the demo
                    // reports none).
                    if let Some(mode) = self.live.as_ref().and_then(|l| l.pipeline.source_mode()) {
                        ui.label(tr!(
                            "session-camera-sending",
                            width = &mode.width.to_string(),
                            height = &mode.height.to_string(),
                            fps = &mode.fps.to_string(),
                            format = mode.format
                        ));
                    }
                    if let SourceChoice::Camera(Some(index)) = self.launch.source {
                        ui.label(RichText::new(tr!("session-camera-from-start", n = index)).weak());
                    }
                    if let Some(hfov) = self.launch.hfov_deg {
                        ui.label(
                            RichText::new(tr!(
                                "session-hfov-from-start",
                                deg = &crate::check::with_unit(f64::from(hfov.round()), "°")
                            ))
                            .weak(),
                        );
                    }
                }
                Aside::CheckFiles => {
                    let ctx = self.ctx.clone();
                    let hfov = self.hfov_deg();
                    check_files_ui(ui, &mut self.check, hfov, move || ctx.request_repaint());
                }
            });
        });
    }
}
