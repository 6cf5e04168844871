//! The desktop app (eframe/egui): choose the document, then each shot with the
//! live preview, guidance and checklist, review, done. See `app.rs` for the
//! frame loop and `flow.rs` for the session state machine.

pub mod app;
pub mod check_files;
pub mod checklist;
pub mod file_dialog;
pub mod flow;
pub mod help;
pub mod live;
pub mod no_camera;
pub mod overlay;
pub mod panels;
pub mod plain;
pub mod preview;
pub mod settings;

pub use app::{KycamApp, LaunchOptions, SourceChoice};

/// The window could not open.
#[derive(Debug, thiserror::Error)]
#[error("cannot open a window: {0}")]
pub struct GuiError(String);

/// Opens the window and runs until it is closed.
pub fn run(launch: LaunchOptions) -> Result<(), GuiError> {
    crate::pipeline::face_worker::leave_a_core_for_analysis();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("kycam")
            .with_inner_size([1280.0, 800.0])
            .with_min_inner_size([960.0, 600.0]),
        ..Default::default()
    };
    eframe::run_native(
        "kycam",
        options,
        Box::new(|cc| Ok(Box::new(KycamApp::new(cc, launch)))),
    )
    .map_err(|e| GuiError(e.to_string()))
}
