//! Session folders: each session gets a folder of its own under a base folder
//! (`--out DIR`, the folder chosen in Settings, or the data folder), locked by
//! its writer for as long as it writes there, so that no two writers share one.
//! Temporary files an interrupted save left behind are removed when a session
//! starts, from folders no writer holds.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use super::write::create_private_dir;
use super::SaveError;

/// The lock file in a session folder; a writer holds an exclusive lock on it.
pub const LOCK_FILE: &str = ".kycam.lock";

/// The session folder's lock, released when dropped (or when the process ends,
/// however it ends).
#[derive(Debug)]
pub(crate) struct FolderLock {
    _file: File,
}

/// Takes `dir`'s lock, or says which folder another kycam is writing to.
pub(crate) fn lock(dir: &Path) -> Result<FolderLock, SaveError> {
    let path = dir.join(LOCK_FILE);
    let write_err = |source| SaveError::Write {
        path: path.clone(),
        source,
    };
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let file = options.open(&path).map_err(write_err)?;
    match file.try_lock() {
        Ok(()) => Ok(FolderLock { _file: file }),
        Err(std::fs::TryLockError::WouldBlock) => Err(SaveError::InUse {
            path: dir.to_owned(),
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(write_err(e)),
    }
}

/// Creates a new session folder under `base` named `stamp` (`stamp-2`, … when
/// taken), locked. Creating the folder is the claim: two sessions started in the
/// same second get two folders.
pub(crate) fn new_session_dir(
    base: &Path,
    stamp: &str,
) -> Result<(PathBuf, FolderLock), SaveError> {
    create_private_dir(base).map_err(|source| SaveError::CreateDir {
        path: base.to_owned(),
        source,
    })?;
    remove_stale_temp_files(base);
    for n in 1..=1000 {
        let dir = if n == 1 {
            base.join(stamp)
        } else {
            base.join(format!("{stamp}-{n}"))
        };
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            builder.mode(0o700);
        }
        match builder.create(&dir) {
            Ok(()) => {
                let lock = lock(&dir)?;
                return Ok((dir, lock));
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(source) => return Err(SaveError::CreateDir { path: dir, source }),
        }
    }
    Err(SaveError::CreateDir {
        path: base.join(stamp),
        source: std::io::Error::other("a thousand sessions started in the same second"),
    })
}

/// Removes the temporary files of interrupted saves from `base` and from every
/// session folder in it that no writer holds; returns how many. A save stopped
/// between writing session.json and renaming its photo into place left an
/// entry whose photo is missing: the entry is removed (that photo was never
/// reported saved). Only names this
/// program writes are touched (`.NAME.PID.N.tmp`), and only in folders that are
/// sessions (they hold session.json or the lock file), so a base folder shared
/// with other programs keeps their files.
pub fn remove_stale_temp_files(base: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(base) else {
        return 0;
    };
    let mut removed = 0;
    // Temporary files directly in the base: left by versions that wrote there.
    if !base.join(LOCK_FILE).exists() {
        removed += remove_temp_files_in(base);
    }
    for entry in entries.flatten() {
        let dir = entry.path();
        let is_session = dir.join(super::SESSION_FILE).is_file() || dir.join(LOCK_FILE).is_file();
        if !dir.is_dir() || !is_session {
            continue;
        }
        // Held by a live writer: its temporary files are saves under way.
        if let Ok(_held) = lock(&dir) {
            removed += remove_temp_files_in(&dir);
            unlist_missing_photos(&dir);
        }
    }
    removed
}

/// Rewrites a dead session's session.json without entries whose file is gone.
fn unlist_missing_photos(dir: &Path) {
    let path = dir.join(super::SESSION_FILE);
    let Some(mut json) = std::fs::read(&path)
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
    else {
        return;
    };
    let Some(shots) = json.get_mut("shots").and_then(|s| s.as_array_mut()) else {
        return;
    };
    let before = shots.len();
    shots.retain(|s| {
        s["file"]
            .as_str()
            .is_some_and(|f| !f.contains('/') && dir.join(f).is_file())
    });
    if shots.len() != before {
        if let Ok(text) = serde_json::to_string_pretty(&json) {
            let _ = super::write_atomically(&path, text.as_bytes());
        }
    }
}

fn remove_temp_files_in(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| is_our_temp_name(&e.file_name().to_string_lossy()))
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

/// `.id-front.jpg.4711.3.tmp`: a dot, the target's name, the process id and a
/// counter, `.tmp` (see `write::temp_path`).
pub(crate) fn is_our_temp_name(name: &str) -> bool {
    let Some(inner) = name.strip_prefix('.').and_then(|n| n.strip_suffix(".tmp")) else {
        return false;
    };
    let mut parts = inner.rsplitn(3, '.');
    let counter = parts.next().unwrap_or("");
    let pid = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("");
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    !target.is_empty() && digits(pid) && digits(counter)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_programs_temporary_names_are_recognised() {
        assert!(is_our_temp_name(".id-front.jpg.4711.3.tmp"));
        assert!(is_our_temp_name(".session.json.1.0.tmp"));
        for other in [
            ".id-front.jpg.tmp",
            "id-front.jpg.1.2.tmp",
            ".x.a.2.tmp",
            ".1.2.tmp",
            "notes.tmp",
        ] {
            assert!(!is_our_temp_name(other), "{other}");
        }
    }

    #[test]
    fn a_held_folder_cannot_be_locked_again_and_is_free_once_dropped() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let held = lock(tmp.path()).expect("first lock");
        let err = lock(tmp.path()).expect_err("second lock");
        assert!(matches!(err, SaveError::InUse { .. }), "{err}");
        assert!(err.to_string().contains("another kycam"), "{err}");
        drop(held);
        lock(tmp.path()).expect("free again");
    }

    #[test]
    fn stale_temporary_files_go_from_free_sessions_only() {
        let base = tempfile::tempdir().expect("tempdir");
        let (live, _held) = new_session_dir(base.path(), "a").expect("live session");
        let dead = base.path().join("b");
        std::fs::create_dir(&dead).expect("dead session");
        std::fs::write(dead.join("session.json"), "{}").expect("json");
        let other = base.path().join("holiday photos");
        std::fs::create_dir(&other).expect("another folder");
        for dir in [&live, &dead, &other] {
            std::fs::write(dir.join(".id-front.jpg.77.0.tmp"), "x").expect("temp");
            std::fs::write(dir.join(".editor.swp.tmp"), "x").expect("not ours");
        }
        assert_eq!(remove_stale_temp_files(base.path()), 1);
        assert!(live.join(".id-front.jpg.77.0.tmp").exists(), "a live save");
        assert!(!dead.join(".id-front.jpg.77.0.tmp").exists());
        assert!(
            other.join(".id-front.jpg.77.0.tmp").exists(),
            "not a session"
        );
        assert!(dead.join(".editor.swp.tmp").exists());
    }

    #[test]
    fn a_dead_session_stops_listing_a_photo_that_never_reached_its_place() {
        let base = tempfile::tempdir().expect("tempdir");
        let dead = base.path().join("a");
        std::fs::create_dir(&dead).expect("session");
        std::fs::write(dead.join("selfie.jpg"), "jpeg").expect("photo");
        std::fs::write(dead.join(".id-front.jpg.9.1.tmp"), "jpeg").expect("temp");
        let json = r#"{"app":"kycam","shots":[{"file":"selfie.jpg"},{"file":"id-front.jpg"}]}"#;
        std::fs::write(dead.join("session.json"), json).expect("json");
        assert_eq!(remove_stale_temp_files(base.path()), 1);
        let after: serde_json::Value =
            serde_json::from_slice(&std::fs::read(dead.join("session.json")).expect("json"))
                .expect("valid");
        assert_eq!(after["shots"].as_array().map(Vec::len), Some(1));
        assert_eq!(after["shots"][0]["file"], "selfie.jpg");
        assert_eq!(after["app"], "kycam");
    }

    #[test]
    fn sessions_started_together_get_folders_of_their_own() {
        let base = tempfile::tempdir().expect("tempdir");
        let (a, _la) = new_session_dir(base.path(), "2026-01-01T00-00-00Z").expect("a");
        let (b, _lb) = new_session_dir(base.path(), "2026-01-01T00-00-00Z").expect("b");
        assert_ne!(a, b);
        assert!(b.ends_with("2026-01-01T00-00-00Z-2"));
    }
}
