//! The system's own file chooser (the desktop portal, or zenity where no portal
//! runs), opened on its own thread so the window keeps drawing while it is open.
//! Where neither exists the chooser returns nothing, as if cancelled; every page
//! that opens one also takes a typed location.

use std::path::PathBuf;

use crossbeam_channel::{bounded, Receiver, TryRecvError};

/// What the chooser asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choose {
    /// One or more photos (JPEG, PNG, TIFF).
    Photos,
    /// One folder.
    Folder,
}

/// The endings the chooser lists, in both cases (its patterns match case).
fn photo_patterns() -> Vec<String> {
    crate::imageio::IMAGE_EXTENSIONS
        .iter()
        .flat_map(|e| [e.to_string(), e.to_ascii_uppercase()])
        .collect()
}

/// A chooser that is open; [`OpenDialog::poll`] gives its answer once.
pub struct OpenDialog {
    answer: Receiver<Vec<PathBuf>>,
}

impl OpenDialog {
    /// Opens the chooser titled `title`; `wake` repaints the window when it closes.
    pub fn open(choose: Choose, title: &str, wake: impl Fn() + Send + 'static) -> Self {
        let (tx, answer) = bounded(1);
        let title = title.to_owned();
        // Said before the thread: the language is the window's now.
        let filter_name = crate::tr!("file-dialog-photos");
        // Without a thread the sender is dropped: poll reads that as a cancel.
        let _ = std::thread::Builder::new()
            .name("file-dialog".into())
            .spawn(move || {
                let dialog = rfd::FileDialog::new().set_title(&title);
                let chosen = match choose {
                    Choose::Photos => dialog
                        .add_filter(&filter_name, &photo_patterns())
                        .pick_files()
                        .unwrap_or_default(),
                    Choose::Folder => dialog.pick_folder().into_iter().collect(),
                };
                // The window may have closed meanwhile: nobody to tell then.
                let _ = tx.send(chosen);
                wake();
            });
        Self { answer }
    }

    /// `None` while the chooser is open; then what was chosen (empty when
    /// cancelled or when the system has no chooser).
    pub fn poll(&self) -> Option<Vec<PathBuf>> {
        match self.answer.try_recv() {
            Ok(chosen) => Some(chosen),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Vec::new()),
        }
    }
}

/// Polls `slot`'s chooser, clearing it once it has answered.
pub fn take_answer(slot: &mut Option<OpenDialog>) -> Option<Vec<PathBuf>> {
    let chosen = slot.as_ref()?.poll()?;
    *slot = None;
    Some(chosen)
}

/// A button reading `label` that opens the chooser for `choose`, titled `title`,
/// into `slot`; greyed out unless `enabled` (a page keeps it so while a chooser
/// is open). The answer comes through [`take_answer`]; `wake` repaints the
/// window then.
pub fn chooser_button(
    ui: &mut egui::Ui,
    enabled: bool,
    slot: &mut Option<OpenDialog>,
    label: String,
    choose: Choose,
    title: &str,
    wake: impl Fn() + Send + 'static,
) {
    if ui.add_enabled(enabled, egui::Button::new(label)).clicked() {
        *slot = Some(OpenDialog::open(choose, title, wake));
    }
}

/// A [`chooser_button`] for one folder, enabled while no chooser is open in
/// `slot`, that repaints the window when the chooser closes.
pub fn folder_button(ui: &mut egui::Ui, slot: &mut Option<OpenDialog>, label: String, title: &str) {
    let ctx = ui.ctx().clone();
    let enabled = slot.is_none();
    chooser_button(ui, enabled, slot, label, Choose::Folder, title, move || {
        ctx.request_repaint()
    });
}
