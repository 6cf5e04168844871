//! Atomic, private file writes: a temporary file in the same folder, fsync,
//! rename over the target, fsync the folder. A crash leaves the old file or the
//! new one, never half of one (and maybe a temporary file, removed when the next
//! session starts).

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use super::SaveError;

/// Writes `bytes` to `path` atomically; the file is readable by its owner only.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    PendingFile::write(path, bytes)?.commit()
}

/// A file written and synced under a temporary name beside its target, not yet
/// in place: [`commit`](Self::commit) renames it over the target; dropping it
/// uncommitted removes it.
#[derive(Debug)]
pub struct PendingFile {
    tmp: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl PendingFile {
    pub fn write(path: &Path, bytes: &[u8]) -> Result<Self, SaveError> {
        let pending = Self {
            tmp: temp_path(path),
            target: path.to_owned(),
            committed: false,
        };
        let result = (|| {
            let mut file = private_create_new(&pending.tmp)?;
            file.write_all(bytes)?;
            file.sync_all()
        })();
        // On an error `pending` is dropped here, removing what was written.
        result.map_err(|source| SaveError::Write {
            path: path.to_owned(),
            source,
        })?;
        Ok(pending)
    }

    /// Renames the file over its target and syncs the folder, so the rename
    /// itself survives a power cut.
    pub fn commit(mut self) -> Result<(), SaveError> {
        fs::rename(&self.tmp, &self.target).map_err(|source| SaveError::Write {
            path: self.target.clone(),
            source,
        })?;
        self.committed = true;
        let dir = self.target.parent().unwrap_or(Path::new("."));
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// A dot file named after the target with the process id and a counter:
/// unique among writers, hidden from a person browsing the folder while it
/// exists, and recognised as ours when an interrupted save left it
/// (`folder::is_our_temp_name`).
fn temp_path(path: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "file".to_owned(), |n| n.to_string_lossy().into_owned());
    dir.join(format!(
        ".{name}.{}.{}.tmp",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ))
}

#[cfg(unix)]
fn private_create_new(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn private_create_new(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// Creates `dir` (and its parents) readable by the owner only. An existing
/// folder is left as it is (`--out` may name one the person chose).
pub(crate) fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replaces_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.bin");
        write_atomically(&path, b"one").expect("first write");
        write_atomically(&path, b"two").expect("second write");
        assert_eq!(fs::read(&path).expect("read"), b"two");
        let names: Vec<_> = fs::read_dir(dir.path())
            .expect("list")
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.bin")]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_failed_write_names_the_file_and_leaves_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("missing-folder").join("a.bin");
        let err = write_atomically(&path, b"x").expect_err("no folder");
        assert!(err.to_string().contains("a.bin"), "{err}");
    }

    #[test]
    fn a_pending_file_dropped_uncommitted_leaves_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("a.bin");
        let pending = PendingFile::write(&path, b"x").expect("write");
        assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 1);
        drop(pending);
        assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 0);
    }

    #[cfg(unix)]
    #[test]
    fn created_folders_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let sub = dir.path().join("x/y");
        create_private_dir(&sub).expect("create");
        let mode = fs::metadata(&sub).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}
