//! The first page: which document the person will show.

use egui::RichText;

use super::{Intent, KycamApp};
use crate::gui::flow::Action;
use crate::DocumentKind;

impl KycamApp {
    pub(super) fn choose_document_ui(&mut self, ui: &mut egui::Ui) {
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            ui.heading(
                RichText::new("Which document will you show?")
                    .size(30.0)
                    .strong(),
            );
            ui.add_space(6.0);
            ui.label(
                RichText::new(
                    "kycam guides each photo and takes it by itself when every check holds.",
                )
                .size(16.0),
            );
            ui.add_space(20.0);
            for kind in DocumentKind::ALL {
                let shots: Vec<String> = kind
                    .shots()
                    .iter()
                    .enumerate()
                    .map(|(i, s)| format!("{}. {}", i + 1, s.title()))
                    .collect();
                let button = egui::Button::new(RichText::new(kind.title()).size(22.0))
                    .min_size(egui::vec2(340.0, 54.0));
                if ui.add(button).clicked() {
                    self.intents.push(Intent::Flow(Action::Choose(kind)));
                }
                ui.label(RichText::new(shots.join("    ")).weak());
                ui.add_space(12.0);
            }
            ui.add_space(16.0);
            ui.label(format!("Pictures from: {}", self.source_caption()));
            ui.label(RichText::new("Nothing leaves this computer.").weak());
        });
    }
}
