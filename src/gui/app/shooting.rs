//! A shot being taken: the sentence, the preview with its overlay, the checklist.

use egui::{Color32, RichText, Sense};

use super::{Intent, KycamApp, SourceChoice, SIDE_PANEL_WIDTH};
use crate::analysis::document::Cover;
use crate::gui::flow::Action;
use crate::gui::live::LiveReport;
use crate::gui::overlay::{self, UiFromImage, FAIL};
use crate::gui::panels;
use crate::{tr, Shot};

impl KycamApp {
    pub(super) fn shooting_ui(&mut self, ui: &mut egui::Ui, shot: Shot) {
        let report = self.live.as_ref().and_then(|l| l.report.clone());
        let saving = self.live.as_ref().is_some_and(|l| l.saving.is_some());
        egui::Panel::right("checks")
            .exact_size(SIDE_PANEL_WIDTH)
            .show(ui, |ui| {
                ui.add_space(8.0);
                match &report {
                    Some(r) => {
                        panels::hold_ui(ui, &r.hold);
                        ui.add_space(8.0);
                        panels::checklist_ui(ui, &r.verdicts);
                    }
                    None => {
                        ui.label(tr!("shoot-waiting"));
                    }
                }
                ui.add_space(12.0);
                let shutter = egui::Button::new(RichText::new(tr!("shoot-take-now")).size(18.0))
                    .min_size(egui::vec2(220.0, 40.0));
                if ui
                    .add_enabled(report.is_some() && !saving, shutter)
                    .on_hover_text(tr!("shoot-take-now-hint"))
                    .clicked()
                {
                    self.intents.push(Intent::Shutter);
                }
                ui.label(RichText::new(tr!("shoot-keys")).weak());
                if shot == Shot::Selfie {
                    ui.checkbox(&mut self.settings.mirror_selfie, tr!("shoot-mirror"))
                        .on_hover_text(tr!("shoot-mirror-hint"));
                }
                if let Some(r) = report.as_ref().filter(|_| self.settings.show_diagnostics) {
                    ui.add_space(8.0);
                    ui.label(
                        RichText::new(tr!(
                            "shoot-diagnostics",
                            seq = &r.seq.to_string(),
                            ms = &format!("{:.0}", r.latency_ms),
                            dropped = &r.stats.dropped.to_string()
                        ))
                        .small()
                        .weak(),
                    );
                }
            });
        egui::CentralPanel::default().show(ui, |ui| {
            let guidance = report.as_ref().and_then(|r| r.guidance.as_deref());
            let hold = report.as_ref().map(|r| r.hold).unwrap_or_default();
            if saving {
                // Until the file is durable: a large frame takes a moment.
                panels::saving_ui(ui);
            } else if report.is_some() {
                panels::guidance_ui(ui, guidance, &hold);
            } else {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(RichText::new(self.starting_text()).size(22.0));
                });
            }
            if let Some(live) = &self.live {
                if let Some(problem) = &live.problem {
                    ui.colored_label(FAIL, RichText::new(&problem.words).size(18.0));
                    if ui.button(tr!("shoot-other-options")).clicked() {
                        self.intents
                            .push(Intent::Flow(Action::SourceFailed(problem.clone())));
                    }
                }
                if live.ended {
                    ui.colored_label(FAIL, tr!("shoot-pictures-ended"));
                }
            }
            ui.add_space(4.0);
            self.preview_ui(ui, shot, report.as_ref(), true);
        });
    }

    /// What is said until the first picture arrives.
    fn starting_text(&self) -> String {
        match self.launch.source {
            SourceChoice::Camera(_) => tr!("shoot-starting-camera"),
            SourceChoice::Frames(_) => tr!("shoot-opening-pictures"),
            SourceChoice::Demo => tr!("shoot-starting-demo"),
        }
    }

    /// The newest frame, with what the checks found over it when `checks`
    /// (the liveness practice checks nothing), and with Settings → Show
    /// diagnostics the selfie's 68 landmarks.
    pub(super) fn preview_ui(
        &self,
        ui: &mut egui::Ui,
        shot: Shot,
        report: Option<&LiveReport>,
        checks: bool,
    ) {
        let (rect, _) = ui.allocate_exact_size(ui.available_size(), Sense::hover());
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 4.0, Color32::from_gray(20));
        let (Some(texture), Some(report)) = (self.preview.handle(), report) else {
            return;
        };
        let m = &report.measurements;
        let mirror = shot == Shot::Selfie && self.settings.mirror_selfie;
        let ui_from_image = UiFromImage::fit([m.width, m.height], rect, mirror);
        painter.image(
            texture.id(),
            ui_from_image.rect,
            ui_from_image.uv(),
            Color32::WHITE,
        );
        let landmarks = m.selfie.as_ref().and_then(|s| s.landmarks.as_ref());
        if let Some(found) = landmarks.filter(|_| self.settings.show_diagnostics) {
            overlay::landmarks_overlay_ui(&painter, &ui_from_image, &found.points);
        }
        if !checks {
            return;
        }
        if shot == Shot::Selfie {
            overlay::face_overlay_ui(&painter, &ui_from_image, m, &report.verdicts);
            overlay::eyewear_overlay_ui(&painter, &ui_from_image, m, &report.verdicts);
        }
        overlay::glare_overlay_ui(&painter, &ui_from_image, m, &report.verdicts);
        // The meter sits at the preview's bottom left, under what is drawn after it:
        // a corner there, and the "finger" beside a covered one, stay in sight.
        overlay::sharpness_meter_ui(&painter, &ui_from_image, &report.verdicts);
        // The document outline comes with the document measurements.
        overlay::document_overlay_ui(
            &painter,
            &ui_from_image,
            m.document.as_ref().map(|d| d.corners),
            m.document.as_ref().map_or(Cover::NONE, |d| d.covered),
            [m.width, m.height],
        );
        overlay::hold_overlay_ui(&painter, &ui_from_image, &report.hold);
    }
}
