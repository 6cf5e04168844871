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

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("cannot find the user's data folder (no home directory?): use --out DIR")]
    NoDataDir,
    #[error("{path}: cannot create the session folder: {source}")]
    CreateDir {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: cannot remove: {source}")]
    Remove {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is in use by another kycam session: wait for it to finish, or choose another folder")]
    InUse { path: PathBuf },
    #[error("{path} already holds a session (session.json): choose an empty folder")]
    NotEmpty { path: PathBuf },
    #[error("cannot encode the photo as JPEG: {0}")]
    Encode(String),
    #[error("the photo does not fit: even at JPEG quality 1 it is {bytes} bytes, over the {limit} left (10 MB a file, 30 MB a session)")]
    TooLarge { bytes: u64, limit: u64 },
    #[error("cannot write session.json: {0}")]
    Json(String),
}
