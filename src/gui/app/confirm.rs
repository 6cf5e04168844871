//! The manual shutter's question when a check fails.

use super::{Intent, KycamApp};
use crate::gui::overlay::FAIL;
use crate::gui::panels;

impl KycamApp {
    pub(super) fn confirm_ui(&mut self, ctx: &egui::Context) {
        let Some(failing) = &self.confirm else {
            return;
        };
        let failing: Vec<&str> = failing.iter().map(|id| id.label()).collect();
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("confirm_shutter")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading("Take the photo anyway?");
            ui.label("These checks fail right now:");
            for label in &failing {
                ui.horizontal(|ui| {
                    panels::mark_ui(ui, false);
                    ui.colored_label(FAIL, *label);
                });
            }
            ui.label("The exchange may reject it. The photo is marked as taken by hand.");
            ui.horizontal(|ui| {
                if ui.button("Save anyway").clicked() {
                    answer = Some(true);
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => self.intents.push(Intent::ConfirmShutter),
            Some(false) => self.confirm = None,
            None => {}
        }
    }
}
