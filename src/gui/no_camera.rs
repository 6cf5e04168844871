//! The page shown when the source cannot start: what is wrong, what to do, and
//! what else kycam can do without a camera.

use std::path::PathBuf;

use egui::RichText;

use crate::gui::file_dialog::{take_answer, Choose, OpenDialog};
use crate::gui::live::{SourceTrouble, TroubleKind};

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
fn fix_for(kind: TroubleKind) -> Option<&'static str> {
    match kind {
        TroubleKind::NotAllowed => Some("kycam is not allowed to use the camera. If your computer asked whether kycam may use the camera, allow it in the system's privacy settings. On Linux, whoever looks after this computer can give your account the right to use cameras (the \u{201c}video\u{201d} group); log out and in again after that."),
        TroubleKind::InUse => Some("Another program (a video call, a browser tab) is using the camera: close it and try again."),
        TroubleKind::Unusable => Some("This camera gives no picture kycam can use (some laptops list an infrared camera too): choose another one in Settings."),
        TroubleKind::NoCamera | TroubleKind::Interrupted | TroubleKind::Other => None,
    }
}

pub fn no_camera_ui(
    ui: &mut egui::Ui,
    reason: &SourceTrouble,
    state: &mut NoCameraState,
) -> Option<NoCameraChoice> {
    let mut choice = None;
    ui.heading(RichText::new("No camera picture").size(26.0));
    ui.add_space(4.0);
    ui.label(
        RichText::new(crate::gui::plain::plain_message(&reason.words))
            .size(18.0)
            .color(crate::gui::overlay::FAIL),
    );
    ui.add_space(10.0);
    ui.label(RichText::new("To use your camera").strong());
    if let Some(fix) = fix_for(reason.kind) {
        ui.label(format!("• {fix}"));
    }
    ui.label(
        "• Plug in a webcam, or close the program that is using it (a video call, a browser tab).",
    );
    ui.label("• If your computer asks whether kycam may use the camera, allow it.");
    ui.label("• More than one camera? Choose the one to use in Settings.");
    ui.add_space(8.0);
    if ui
        .button(RichText::new("Try the camera again").size(18.0))
        .clicked()
    {
        choice = Some(NoCameraChoice::TryAgain);
    }

    ui.add_space(16.0);
    ui.label(RichText::new("Without a camera").strong());
    ui.horizontal(|ui| {
        if ui.button("Try the demo").clicked() {
            choice = Some(NoCameraChoice::Demo);
        }
        ui.label("a made-up scene shows the guidance and the photo being taken by itself");
    });
    ui.horizontal(|ui| {
        if ui.button("Check photo files…").clicked() {
            choice = Some(NoCameraChoice::CheckFiles);
        }
        ui.label("photos taken with a phone: each check, passed or not");
    });
    if let Some(dir) = take_answer(&mut state.chooser).and_then(|c| c.into_iter().next()) {
        state.frames_path = dir.display().to_string();
        choice = Some(NoCameraChoice::Frames(dir));
    }
    ui.horizontal(|ui| {
        let ctx = ui.ctx().clone();
        if ui
            .add_enabled(
                state.chooser.is_none(),
                egui::Button::new("Open a folder of photos…"),
            )
            .clicked()
        {
            state.chooser = Some(OpenDialog::open(
                Choose::Folder,
                "A folder of photos to play as a camera",
                move || ctx.request_repaint(),
            ));
        }
        ui.label("or type where it is:");
        ui.add(
            egui::TextEdit::singleline(&mut state.frames_path)
                .hint_text("the folder\u{2019}s location")
                .desired_width(240.0),
        );
        let path = state.frames_path.trim().to_owned();
        if ui
            .add_enabled(!path.is_empty(), egui::Button::new("Open"))
            .clicked()
        {
            choice = Some(NoCameraChoice::Frames(PathBuf::from(path)));
        }
    });
    ui.label(
        RichText::new(
            "The photos in the folder are played one after another, as if from a camera.",
        )
        .weak(),
    );
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
