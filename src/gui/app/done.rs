//! The end of a session: the photos as they are in the folder (session.json
//! read again each frame, each file checked on disk), how many pass every rule,
//! what fails on the others, and a way to take any one shot again.

use egui::RichText;

use super::{Intent, KycamApp};
use crate::capture::{read_session, ListedPhoto};
use crate::gui::flow::Action;
use crate::gui::overlay::{FAIL, PASS};
use crate::gui::panels;
use crate::{tr, Shot};

impl KycamApp {
    pub(super) fn done_ui(&mut self, ui: &mut egui::Ui) {
        let Some(kind) = self.flow.progress().map(|p| p.kind) else {
            return;
        };
        self.help.poll();
        if self.help.is_opening() {
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_millis(250));
        }
        let dir = self.photos_dir();
        let listed = match dir.as_deref().map(read_session) {
            Some(Ok(listed)) => listed,
            Some(Err(e)) => {
                ui.colored_label(FAIL, tr!("done-cannot-read", error = &e.to_string()));
                Vec::new()
            }
            None => Vec::new(),
        };
        let shots = kind.shots();
        let photo_of = |shot| listed.iter().find(|p: &&ListedPhoto| p.shot == shot);
        let passing = shots
            .iter()
            .filter(|s| photo_of(**s).is_some_and(|p| p.passed))
            .count();
        ui.add_space(20.0);
        let (heading, colour) = if passing == shots.len() {
            (tr!("done-all-pass", total = shots.len()), PASS)
        } else {
            (
                tr!("done-some-pass", passing = passing, total = shots.len()),
                FAIL,
            )
        };
        ui.heading(RichText::new(heading).size(28.0).color(colour));
        ui.add_space(8.0);
        for &shot in shots {
            ui.horizontal(|ui| match photo_of(shot) {
                Some(photo) => {
                    panels::mark_ui(ui, photo.passed);
                    ui.label(tr!(
                        "done-photo",
                        title = &shot.title(),
                        file = &photo
                            .path
                            .file_name()
                            .map(|n| n.to_string_lossy().into_owned())
                            .unwrap_or_default(),
                        size =
                            &crate::check::with_unit((photo.bytes as f64 / 1024.0).round(), "KB"),
                        manual = if photo.manual { "yes" } else { "no" }
                    ));
                    if ui.button(tr!("done-retake")).clicked() {
                        self.intents.push(Intent::Flow(Action::RetakeShot(shot)));
                    }
                }
                None => {
                    panels::mark_ui(ui, false);
                    ui.colored_label(FAIL, tr!("done-no-photo", title = &shot.title()));
                    if ui.button(tr!("done-take-it")).clicked() {
                        self.intents.push(Intent::Flow(Action::RetakeShot(shot)));
                    }
                }
            });
            if let Some(photo) = photo_of(shot).filter(|p| !p.failing.is_empty()) {
                ui.indent(shot.id(), |ui| {
                    ui.colored_label(
                        FAIL,
                        tr!(
                            "done-fails",
                            rules = &photo.failing.join(&tr!("list-separator"))
                        ),
                    );
                });
            }
            // The selfie against the ID photo as they are now: compared again
            // when the document photo was taken again from here.
            let accepted_selfie = self
                .flow
                .progress()
                .and_then(|p| p.accepted.iter().find(|s| s.shot == shot))
                .filter(|_| shot == Shot::Selfie && photo_of(shot).is_some())
                .cloned();
            if let Some(selfie) = accepted_selfie {
                ui.indent("face_match", |ui| self.face_check_ui(ui, &selfie));
            }
        }
        ui.add_space(8.0);
        if let Some(dir) = &dir {
            ui.horizontal(|ui| {
                ui.label(tr!("done-folder", dir = &dir.display().to_string()));
                if ui.button(tr!("done-open-folder")).clicked() {
                    self.intents.push(Intent::OpenFolder(dir.clone()));
                }
                if ui.button(tr!("done-copy-path")).clicked() {
                    ui.ctx().copy_text(dir.display().to_string());
                    self.help.open_status =
                        Some(Ok(tr!("done-copied", dir = &dir.display().to_string())));
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
        if passing == shots.len() {
            ui.label(tr!("done-upload"));
        } else {
            ui.label(tr!("done-may-reject"));
        }
        ui.add_space(16.0);
        // The selfie is the last shot of every document: the practice follows it.
        ui.label(tr!("done-practice-offer"));
        if ui
            .button(RichText::new(tr!("done-practise")).size(18.0))
            .clicked()
        {
            self.intents.push(Intent::Flow(Action::Practise));
        }
        ui.add_space(16.0);
        if ui
            .button(RichText::new(tr!("done-new-session")).size(18.0))
            .clicked()
        {
            self.intents.push(Intent::Flow(Action::Restart));
        }
    }
}
