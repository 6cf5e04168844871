//! The first page: which document the person will show.

use egui::RichText;

use super::{Intent, KycamApp};
use crate::gui::flow::Action;
use crate::{tr, DocumentKind};

impl KycamApp {
    pub(super) fn choose_document_ui(&mut self, ui: &mut egui::Ui) {
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            ui.heading(RichText::new(tr!("choose-heading")).size(30.0).strong());
            ui.add_space(6.0);
            ui.label(RichText::new(tr!("choose-intro")).size(16.0));
            ui.add_space(20.0);
            for kind in DocumentKind::ALL {
                let shots: Vec<String> = kind
                    .shots()
                    .iter()
                    .enumerate()
                    .map(|(i, s)| tr!("shot-step", n = i + 1, title = &s.title()))
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
            ui.label(tr!("choose-source", source = &self.source_caption()));
            ui.label(RichText::new(tr!("choose-private")).weak());
        });
    }
}
