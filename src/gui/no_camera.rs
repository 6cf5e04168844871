//! The page shown when the source cannot start: what is wrong, what to do, and
//! what else kycam can do without a camera.

use std::path::PathBuf;

use egui::RichText;

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
}

/// A hint for the reason, when there is a known fix.
fn fix_for(reason: &str) -> Option<&'static str> {
    let lower = reason.to_ascii_lowercase();
    if lower.contains("permission") {
        Some("kycam may not open the camera. On Linux, add yourself to the `video` group: `sudo usermod -aG video $USER`, then log out and in again.")
    } else if lower.contains("busy") {
        Some("Another program (a video call, a browser tab) is using the camera: close it and try again.")
    } else {
        None
    }
}

pub fn no_camera_ui(
    ui: &mut egui::Ui,
    reason: &str,
    state: &mut NoCameraState,
) -> Option<NoCameraChoice> {
    let mut choice = None;
    ui.heading(RichText::new("No camera picture").size(26.0));
    ui.add_space(4.0);
    ui.label(
        RichText::new(reason)
            .size(18.0)
            .color(crate::gui::overlay::FAIL),
    );
    ui.add_space(10.0);
    ui.label(RichText::new("What to do").strong());
    if let Some(fix) = fix_for(reason) {
        ui.label(format!("• {fix}"));
    }
    ui.label("• Plug in a webcam (or close the program that uses it), then press Try again.");
    ui.label("• On Linux, if the camera is there but cannot be opened, add yourself to the `video` group:");
    ui.label(RichText::new("    sudo usermod -aG video $USER").monospace());
    ui.label("  then log out and in again.");
    ui.label("• Another camera? Choose its number in Settings.");
    ui.add_space(8.0);
    if ui.button(RichText::new("Try again").size(18.0)).clicked() {
        choice = Some(NoCameraChoice::TryAgain);
    }

    ui.add_space(16.0);
    ui.label(RichText::new("Without a camera").strong());
    ui.horizontal(|ui| {
        if ui.button("Check photo files…").clicked() {
            choice = Some(NoCameraChoice::CheckFiles);
        }
        ui.label("photos taken with a phone: each rule, pass or fail");
    });
    ui.horizontal(|ui| {
        if ui.button("Run the demo").clicked() {
            choice = Some(NoCameraChoice::Demo);
        }
        ui.label("a generated scene shows guidance and auto-capture (`kycam --demo`)");
    });
    ui.horizontal(|ui| {
        ui.label("Folder of frames:");
        ui.add(
            egui::TextEdit::singleline(&mut state.frames_path)
                .hint_text("/path/to/frames")
                .desired_width(300.0),
        );
        let path = state.frames_path.trim();
        if ui
            .add_enabled(!path.is_empty(), egui::Button::new("Play"))
            .clicked()
        {
            choice = Some(NoCameraChoice::Frames(PathBuf::from(path)));
        }
    });
    ui.label(
        RichText::new("(`kycam --source DIR` plays a folder of frames from the start)").weak(),
    );
    choice
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permission_denied_says_how_to_join_the_video_group() {
        assert!(fix_for("Permission denied (os error 13)").is_some_and(|f| f.contains("usermod")));
        assert_eq!(fix_for("No camera found."), None);
    }
}
