//! The photo just taken, as saved: use it or retake it.

use egui::{Color32, RichText, Sense};

use super::{Intent, KycamApp, SIDE_PANEL_WIDTH};
use crate::gui::flow::Action;
use crate::gui::live::SavedShot;
use crate::gui::overlay::{UiFromImage, FAIL, PASS};
use crate::gui::preview::downscaled;
use crate::{tr, Shot};

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
            self.review_error = Some(tr!(
                "review-missing",
                file = &saved.path.display().to_string()
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
                self.review_error = Some(tr!(
                    "review-cannot-show",
                    file = &saved.path.display().to_string(),
                    error = &e.to_string()
                ));
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
                    RichText::new(tr!("review-photo-taken", title = &saved.shot.title())).strong(),
                );
                if saved.shot == Shot::Selfie && self.settings.mirror_selfie {
                    ui.label(tr!("review-not-mirrored"));
                }
                ui.add_space(6.0);
                if saved.all_passed {
                    ui.colored_label(PASS, tr!("review-all-held"));
                } else {
                    ui.colored_label(FAIL, tr!("review-some-failed"));
                }
                if saved.manual {
                    ui.label(tr!("review-by-hand"));
                } else {
                    ui.label(tr!("review-automatic"));
                }
                if saved.below_min_size {
                    ui.colored_label(FAIL, tr!("review-under-min-size"));
                }
                let name = saved
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                match self.review_bytes {
                    Some(bytes) => ui.label(tr!(
                        "review-file",
                        name = &name,
                        size = &crate::check::with_unit((bytes as f64 / 1024.0).round(), "KB"),
                        quality = &saved.quality.to_string()
                    )),
                    None => ui.colored_label(FAIL, tr!("review-not-on-disk", name = &name)),
                };
                if saved.shot == Shot::Selfie {
                    ui.add_space(10.0);
                    self.face_check_ui(ui, saved);
                }
                ui.add_space(16.0);
                ui.label(if saved.shot == Shot::Selfie {
                    tr!("review-question-selfie")
                } else {
                    tr!("review-question-document")
                });
                ui.add_space(6.0);
                let accept = egui::Button::new(RichText::new(tr!("review-use")).size(20.0))
                    .min_size(egui::vec2(240.0, 44.0));
                if ui.add(accept).on_hover_text("Enter").clicked() {
                    self.intents.push(Intent::Flow(Action::Accept));
                }
                ui.add_space(6.0);
                let retake = egui::Button::new(RichText::new(tr!("review-retake")).size(18.0))
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
