//! The end of a session: what was saved and where.

use egui::RichText;

use super::{Intent, KycamApp};
use crate::gui::flow::Action;
use crate::gui::overlay::{FAIL, PASS};
use crate::gui::panels;

impl KycamApp {
    pub(super) fn done_ui(&mut self, ui: &mut egui::Ui) {
        ui.add_space(20.0);
        ui.heading(RichText::new("All photos are saved").size(28.0).color(PASS));
        ui.add_space(8.0);
        if let Some(progress) = self.flow.progress() {
            for saved in &progress.accepted {
                ui.horizontal(|ui| {
                    panels::mark_ui(ui, saved.all_passed);
                    ui.label(format!(
                        "{}: {} ({:.0} KB{})",
                        saved.shot.title(),
                        saved.path.display(),
                        saved.bytes as f64 / 1024.0,
                        if saved.manual { ", taken by hand" } else { "" }
                    ));
                });
            }
        }
        ui.add_space(8.0);
        if let Some(dir) = self.photos_dir() {
            ui.horizontal(|ui| {
                ui.label(format!("Folder: {}", dir.display()));
                if ui.button("Open folder").clicked() {
                    self.intents.push(Intent::OpenFolder(dir.clone()));
                }
            });
        }
        match &self.help.open_status {
            Some(Err(e)) => {
                ui.colored_label(FAIL, e);
            }
            Some(Ok(msg)) => {
                ui.label(msg);
            }
            None => {}
        }
        ui.label("Upload these files to the exchange. session.json beside them records why each photo was accepted.");
        ui.add_space(16.0);
        if ui
            .button(RichText::new("Start a new session").size(18.0))
            .clicked()
        {
            self.intents.push(Intent::Flow(Action::Restart));
        }
    }
}
