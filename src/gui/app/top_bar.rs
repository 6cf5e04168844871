//! The bar across the top: progress through the session, the asides, the source.

use egui::RichText;

use super::{Intent, KycamApp};
use crate::gui::flow::{Action, Aside, Page};
use crate::gui::overlay::FAIL;
use crate::gui::panels;
use crate::tr;

impl KycamApp {
    pub(super) fn top_bar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label(RichText::new("kycam").size(20.0).strong());
            ui.separator();
            if self.flow.aside().is_some() {
                if ui.button(tr!("top-back")).clicked() {
                    self.intents.push(Intent::Flow(Action::Back));
                }
            } else if let Some(progress) = self.flow.progress() {
                let finished = matches!(self.flow.page(), Page::Done | Page::Practice);
                panels::progress_ui(ui, progress, finished);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                for (aside, label) in [
                    (Aside::Help, tr!("top-help")),
                    (Aside::Settings, tr!("top-settings")),
                    (Aside::CheckFiles, tr!("top-check-files")),
                ] {
                    if ui
                        .selectable_label(self.flow.aside() == Some(aside), label)
                        .clicked()
                    {
                        self.intents.push(Intent::Flow(Action::Open(aside)));
                    }
                }
                ui.label(RichText::new(self.source_caption()).weak());
            });
        });
        if let Some(notice) = &self.notice {
            ui.colored_label(FAIL, crate::gui::plain::plain_message(notice));
        }
    }
}
