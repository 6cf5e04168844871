//! The page shown when the source cannot start: what is wrong, what to do, and
//! what else kycam can do without a camera.

use std::path::PathBuf;

use egui::RichText;

use crate::gui::file_dialog::{folder_button, take_answer, OpenDialog};
use crate::gui::live::{SourceTrouble, TroubleKind};
use crate::tr;

/// What the person chose on the page.
#[derive(Clone, Debug, PartialEq)]
pub enum NoCameraChoice {
    TryAgain,
    Demo,
    Frames(PathBuf),
    CheckFiles,
}

#[derive(Default)]
pub struct NoCameraState {
    pub frames_path: String,
    chooser: Option<OpenDialog>,
}

/// A hint for the kind of trouble, when there is a known fix.
fn fix_for(kind: TroubleKind) -> Option<String> {
    match kind {
        TroubleKind::NotAllowed => Some(tr!("no-camera-fix-not-allowed")),
        TroubleKind::InUse => Some(tr!("no-camera-fix-in-use")),
        TroubleKind::Unusable => Some(tr!("no-camera-fix-unusable")),
        TroubleKind::NoCamera | TroubleKind::Interrupted | TroubleKind::Other => None,
    }
}

pub fn no_camera_ui(
    ui: &mut egui::Ui,
    reason: &SourceTrouble,
    state: &mut NoCameraState,
) -> Option<NoCameraChoice> {
    let mut choice = None;
    ui.heading(RichText::new(tr!("no-camera-heading")).size(26.0));
    ui.add_space(4.0);
    ui.label(
        RichText::new(crate::gui::plain::plain_message(&reason.words))
            .size(18.0)
            .color(crate::gui::overlay::FAIL),
    );
    ui.add_space(10.0);
    ui.label(RichText::new(tr!("no-camera-to-use")).strong());
    if let Some(fix) = fix_for(reason.kind) {
        ui.label(tr!("bullet", text = &fix));
    }
    for line in [
        tr!("no-camera-plug-in"),
        tr!("no-camera-allow"),
        tr!("no-camera-choose"),
    ] {
        ui.label(tr!("bullet", text = &line));
    }
    ui.add_space(8.0);
    if ui
        .button(RichText::new(tr!("no-camera-try-again")).size(18.0))
        .clicked()
    {
        choice = Some(NoCameraChoice::TryAgain);
    }

    ui.add_space(16.0);
    ui.label(RichText::new(tr!("no-camera-without")).strong());
    ui.horizontal(|ui| {
        if ui.button(tr!("no-camera-demo")).clicked() {
            choice = Some(NoCameraChoice::Demo);
        }
        ui.label(tr!("no-camera-demo-what"));
    });
    ui.horizontal(|ui| {
        if ui.button(tr!("no-camera-check-files")).clicked() {
            choice = Some(NoCameraChoice::CheckFiles);
        }
        ui.label(tr!("no-camera-check-files-what"));
    });
    if let Some(dir) = take_answer(&mut state.chooser).and_then(|c| c.into_iter().next()) {
        state.frames_path = dir.display().to_string();
        choice = Some(NoCameraChoice::Frames(dir));
    }
    ui.horizontal(|ui| {
        folder_button(
            ui,
            &mut state.chooser,
            tr!("no-camera-open-folder"),
            &tr!("no-camera-folder-title"),
        );
        ui.label(tr!("no-camera-or-type"));
        ui.add(
            egui::TextEdit::singleline(&mut state.frames_path)
                .hint_text(tr!("no-camera-folder-hint"))
                .desired_width(240.0),
        );
        let path = state.frames_path.trim().to_owned();
        if ui
            .add_enabled(!path.is_empty(), egui::Button::new(tr!("no-camera-open")))
            .clicked()
        {
            choice = Some(NoCameraChoice::Frames(PathBuf::from(path)));
        }
    });
    ui.label(RichText::new(tr!("no-camera-folder-what")).weak());
    choice
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_denied_says_how_to_allow_the_camera() {
        assert!(fix_for(TroubleKind::NotAllowed).is_some_and(|f| f.contains("allow")));
        assert_eq!(fix_for(TroubleKind::NoCamera), None);
    }
}
