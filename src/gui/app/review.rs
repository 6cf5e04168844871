//! The photo just taken, as saved: use it or retake it.

use egui::{Color32, RichText, Sense};

use super::{Intent, KycamApp, SIDE_PANEL_WIDTH};
use crate::gui::flow::Action;
use crate::gui::live::SavedShot;
use crate::gui::overlay::{UiFromImage, FAIL, PASS};
use crate::gui::preview::downscaled;
use crate::Shot;

impl KycamApp {
    /// Reads the reviewed photo from disk again whenever the file changed
    /// (a stat per frame): what is shown, and its size, is what is saved.
    fn read_reviewed_file(&mut self, saved: &SavedShot) {
        let stamp = std::fs::metadata(&saved.path)
            .ok()
            .map(|m| (m.len(), m.modified().unwrap_or(std::time::UNIX_EPOCH)));
        let key = (saved.path.clone(), stamp);
        if self.review_of.as_ref() == Some(&key) {
            return;
        }
        self.review_of = Some(key);
        self.review_bytes = stamp.map(|(len, _)| len);
        if stamp.is_none() {
            self.review.clear();
            self.review_error = Some(format!(
                "{} is no longer on disk: retake this photo.",
                saved.path.display()
            ));
            return;
        }
        match image::open(&saved.path) {
            Ok(img) => {
                self.review.set(&self.ctx, downscaled(&img.to_rgb8()));
                self.review_error = None;
            }
            Err(e) => {
                self.review.clear();
                self.review_error = Some(format!("Cannot show {}: {e}", saved.path.display()));
            }
        }
    }

    pub(super) fn review_ui(&mut self, ui: &mut egui::Ui, saved: &SavedShot) {
        self.read_reviewed_file(saved);
        egui::Panel::right("review_actions")
            .exact_size(SIDE_PANEL_WIDTH)
            .show(ui, |ui| {
                ui.add_space(8.0);
                ui.heading(
                    RichText::new(format!("{}: photo taken", saved.shot.title())).strong(),
                );
                if saved.shot == Shot::Selfie && self.settings.mirror_selfie {
                    ui.label("Shown as saved: not mirrored like the preview.");
                }
                ui.add_space(6.0);
                if saved.all_passed {
                    ui.colored_label(PASS, "Every check held on this photo.");
                } else {
                    ui.colored_label(FAIL, "Some checks failed on this photo.");
                }
                if saved.manual {
                    ui.label("Taken by hand (marked as such in session.json).");
                } else {
                    ui.label("Taken automatically.");
                }
                if saved.below_min_size {
                    ui.colored_label(
                        FAIL,
                        "The file is under 100 KB even at the best quality: the exchange may refuse it.",
                    );
                }
                let name = saved
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                match self.review_bytes {
                    Some(bytes) => ui.label(format!(
                        "{name} · {:.0} KB · JPEG quality {}",
                        bytes as f64 / 1024.0,
                        saved.quality
                    )),
                    None => ui.colored_label(FAIL, format!("{name} is not on disk.")),
                };
                if saved.shot == Shot::Selfie {
                    ui.add_space(10.0);
                    self.face_check_ui(ui, saved);
                }
                ui.add_space(16.0);
                ui.label(if saved.shot == Shot::Selfie {
                    "Is your whole face sharp, evenly lit and without glare?"
                } else {
                    "Is everything readable, sharp and without glare?"
                });
                ui.add_space(6.0);
                let accept = egui::Button::new(RichText::new("Use this photo").size(20.0))
                    .min_size(egui::vec2(240.0, 44.0));
                if ui.add(accept).on_hover_text("Enter").clicked() {
                    self.intents.push(Intent::Flow(Action::Accept));
                }
                ui.add_space(6.0);
                let retake = egui::Button::new(RichText::new("Retake").size(18.0))
                    .min_size(egui::vec2(240.0, 40.0));
                if ui.add(retake).on_hover_text("Esc").clicked() {
                    self.intents.push(Intent::Flow(Action::Retake));
                }
            });
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(e) = &self.review_error {
                ui.colored_label(FAIL, e);
                return;
            }
            let (rect, _) = ui.allocate_exact_size(ui.available_size(), Sense::hover());
            if let Some(texture) = self.review.handle() {
                let [w, h] = texture.size();
                let t = UiFromImage::fit([w as u32, h as u32], rect, false);
                ui.painter_at(rect)
                    .image(texture.id(), t.rect, t.uv(), Color32::WHITE);
            }
        });
    }
}
