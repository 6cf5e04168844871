//! Saving photos (docs/contract.md): JPEG at the highest quality that fits the exchange's
//! limits, written atomically into a private folder, with `session.json` beside.

mod folder;
mod jpeg;
mod listing;
mod session;
mod time;
mod write;

pub use folder::{remove_stale_temp_files, LOCK_FILE};
pub use jpeg::{encode_fitting, jpeg_markers, FittedJpeg};
pub use listing::{read_session, ListedPhoto};
pub use session::{SavedShot, SessionWriter, SESSION_BUDGET_BYTES, SESSION_FILE};
pub use time::rfc3339_utc;
pub use write::{write_atomically, PendingFile};

use std::path::PathBuf;

/// Why a photo or the session's folder could not be saved, in the words of
/// the current language (the window and `kycam replay` show them).
#[derive(Debug)]
pub enum SaveError {
    NoDataDir,
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    Remove {
        path: PathBuf,
        source: std::io::Error,
    },
    InUse {
        path: PathBuf,
    },
    NotEmpty {
        path: PathBuf,
    },
    Encode(String),
    TooLarge {
        bytes: u64,
        limit: u64,
    },
    Json(String),
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::tr;
        let shown = |p: &PathBuf| p.display().to_string();
        let text = match self {
            SaveError::NoDataDir => tr!("capture-no-data-folder"),
            SaveError::CreateDir { path, source } => tr!(
                "capture-create-folder",
                path = &shown(path),
                error = &source.to_string()
            ),
            SaveError::Write { path, source } => tr!(
                "capture-write",
                path = &shown(path),
                error = &source.to_string()
            ),
            SaveError::Remove { path, source } => tr!(
                "capture-remove",
                path = &shown(path),
                error = &source.to_string()
            ),
            SaveError::InUse { path } => tr!("capture-in-use", path = &shown(path)),
            SaveError::NotEmpty { path } => tr!("capture-has-session", path = &shown(path)),
            SaveError::Encode(e) => tr!("capture-encode", error = e),
            SaveError::TooLarge { bytes, limit } => tr!(
                "capture-too-large",
                bytes = &bytes.to_string(),
                limit = &limit.to_string()
            ),
            SaveError::Json(e) => tr!("capture-session-json", error = e),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for SaveError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SaveError::CreateDir { source, .. }
            | SaveError::Write { source, .. }
            | SaveError::Remove { source, .. } => Some(source),
            _ => None,
        }
    }
}
