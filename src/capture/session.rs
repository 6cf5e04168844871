//! One session folder: the photos and `session.json`, which says for every shot
//! when it was taken and every rule's verdict at that moment (why it was accepted).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::SystemTime;

use image::RgbImage;
use serde::Serialize;

use super::folder::{self, FolderLock};
use super::jpeg::encode_fitting;
use super::time::{format_utc, rfc3339_utc};
use super::write::{create_private_dir, write_atomically, PendingFile};
use super::SaveError;
use crate::face_match::session::FaceMatchRecord;
use crate::rules::{RuleId, Verdict, FILE_MAX_BYTES};
use crate::shot::{DocumentKind, Shot};

/// The exchange's limit: a session's files together stay under 30 MB.
pub const SESSION_BUDGET_BYTES: u64 = 30 * 1024 * 1024;
pub const SESSION_FILE: &str = "session.json";

/// A photo saved in the session.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SavedShot {
    pub shot: Shot,
    pub path: PathBuf,
    pub bytes: u64,
    /// JPEG quality 1–100.
    pub quality: u8,
    /// Taken with the shutter rather than by auto-capture.
    pub manual: bool,
    /// Every rule passed on the saved frame (false only for a confirmed manual shot).
    pub all_passed: bool,
    /// RFC 3339 UTC.
    pub time: String,
    /// Even quality 100 is under the exchange's 100 KB minimum (a small or plain
    /// picture): saved anyway, and the person should be told.
    pub below_min_size: bool,
    /// Which save of the session this is (1, 2, …): tells a retake from the
    /// photo it replaced even when path, size and second are alike.
    #[serde(skip)]
    pub save_number: u64,
}

#[derive(Serialize)]
struct ShotEntry<'a> {
    shot: Shot,
    file: String,
    time: &'a str,
    manual: bool,
    all_passed: bool,
    bytes: u64,
    quality: u8,
    width: u32,
    height: u32,
    /// Every rule of the shot at the moment of capture.
    checks: &'a [Verdict],
    /// The selfie only, once compared with the document's portrait.
    #[serde(skip_serializing_if = "Option::is_none")]
    face_match: Option<&'a FaceMatchRecord>,
}

struct Saved {
    shot: SavedShot,
    width: u32,
    height: u32,
    checks: Vec<Verdict>,
    /// The selfie's comparison with the photo it names; cleared whenever that
    /// photo is replaced or removed (a new selfie starts without one).
    face_match: Option<FaceMatchRecord>,
}

/// How session.json is written: atomically, in normal use. A seam so that
/// tests can make it fail after the photo was written.
type JsonWrite = fn(&Path, &[u8]) -> Result<(), SaveError>;

/// Writes one session's photos into a folder it holds locked. `Send + Sync`:
/// the writer thread saves while the GUI lists and discards.
pub struct SessionWriter {
    dir: PathBuf,
    created: String,
    document: Option<DocumentKind>,
    saved: Mutex<Vec<Saved>>,
    /// Saves so far (numbers each [`SavedShot`]).
    saves: AtomicU64,
    write_json: JsonWrite,
    _lock: FolderLock,
}

impl SessionWriter {
    /// Starts a session in a new folder of its own, named by the time, under
    /// `base` (`--out DIR`, Settings' folder) or the user's data folder
    /// (`~/.local/share/kycam/sessions/2026-11-26T23-05-14Z`). Temporary files
    /// that interrupted saves left under the base are removed first.
    pub fn start(base: Option<PathBuf>, document: Option<DocumentKind>) -> Result<Self, SaveError> {
        let now = SystemTime::now();
        let base = match base {
            Some(b) => b,
            None => directories::ProjectDirs::from("", "", "kycam")
                .ok_or(SaveError::NoDataDir)?
                .data_dir()
                .join("sessions"),
        };
        let (dir, lock) = folder::new_session_dir(&base, &format_utc(now, '-'))?;
        Ok(Self::holding(dir, lock, document, now))
    }

    /// Writes the session into exactly `dir` (created if missing), which must
    /// not hold another session: refused while another writer holds it, or
    /// when a session.json is already there (its photos would be left unlisted).
    pub fn create(dir: PathBuf, document: Option<DocumentKind>) -> Result<Self, SaveError> {
        create_private_dir(&dir).map_err(|source| SaveError::CreateDir {
            path: dir.clone(),
            source,
        })?;
        let lock = folder::lock(&dir)?;
        if dir.join(SESSION_FILE).exists() {
            return Err(SaveError::NotEmpty { path: dir });
        }
        Ok(Self::holding(dir, lock, document, SystemTime::now()))
    }

    fn holding(
        dir: PathBuf,
        lock: FolderLock,
        document: Option<DocumentKind>,
        now: SystemTime,
    ) -> Self {
        Self {
            dir,
            created: rfc3339_utc(now),
            document,
            saved: Mutex::new(Vec::new()),
            saves: AtomicU64::new(0),
            write_json: write_atomically,
            _lock: lock,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where a shot's photo goes: one file per shot, e.g. `id-front.jpg`.
    pub fn path_for(&self, shot: Shot) -> PathBuf {
        self.dir.join(format!("{}.jpg", shot.id()))
    }

    /// Encodes and saves the frame as the shot's photo (replacing an earlier
    /// one of the same shot). The photo is written and synced under a temporary
    /// name, then session.json listing it is replaced atomically, then the photo
    /// is renamed into place: `Ok` only when both are durable. On an error
    /// neither the new photo nor its entry is left, and the earlier photo and
    /// session.json stay as they were.
    pub fn save(
        &self,
        shot: Shot,
        rgb: &RgbImage,
        verdicts: &[Verdict],
        manual: bool,
    ) -> Result<SavedShot, SaveError> {
        let used: u64 = self
            .lock()
            .iter()
            .filter(|s| s.shot.shot != shot)
            .map(|s| s.shot.bytes)
            .sum();
        // "Under 30 MB": strictly below the budget.
        let left = SESSION_BUDGET_BYTES.saturating_sub(used).saturating_sub(1);
        let fitted = encode_fitting(rgb, FILE_MAX_BYTES.min(left))?;
        let path = self.path_for(shot);
        let photo = PendingFile::write(&path, &fitted.bytes)?;
        // The file as saved is judged on its real size (live, it was estimated):
        // under 100 KB it fails, whoever took it.
        let mut checks: Vec<Verdict> = verdicts
            .iter()
            .filter(|v| v.id != RuleId::FileSize)
            .cloned()
            .collect();
        checks.push(crate::rules::file_size::file_size(fitted.bytes.len() as u64));
        let saved = SavedShot {
            shot,
            path,
            bytes: fitted.bytes.len() as u64,
            quality: fitted.quality,
            manual,
            all_passed: crate::rules::all_pass(&checks),
            time: rfc3339_utc(SystemTime::now()),
            below_min_size: fitted.below_min_size,
            save_number: self.saves.fetch_add(1, Ordering::Relaxed) + 1,
        };
        let mut list = self.lock();
        let earlier = list
            .iter()
            .position(|s| s.shot.shot == shot)
            .map(|i| list.remove(i));
        list.push(Saved {
            shot: saved.clone(),
            width: rgb.width(),
            height: rgb.height(),
            checks,
            face_match: None,
        });
        // A new photo of the document a selfie was compared with makes that
        // comparison stale: it leaves session.json with the same write.
        let stale = forget_matches_with(&mut list, shot);
        // An error in writing session.json left it as it was (and dropping
        // `photo` removes the new photo); an error in the rename after it
        // means session.json must be put back.
        let (result, json_changed) = match self.write_json(&list) {
            Err(e) => (Err(e), false),
            Ok(()) => (photo.commit(), true),
        };
        if result.is_err() {
            list.pop();
            restore_matches(&mut list, stale);
            if let Some(earlier) = earlier {
                list.push(earlier);
            }
            if json_changed {
                let _ = self.write_json(&list);
            }
        }
        result.map(|()| saved)
    }

    /// Retake: removes the shot's entry, then its photo (so session.json never
    /// lists a photo that is gone).
    pub fn discard(&self, shot: Shot) -> Result<(), SaveError> {
        let mut list = self.lock();
        if let Some(i) = list.iter().position(|s| s.shot.shot == shot) {
            let removed = list.remove(i);
            let stale = forget_matches_with(&mut list, shot);
            if let Err(e) = self.write_json(&list) {
                restore_matches(&mut list, stale);
                list.insert(i, removed);
                return Err(e);
            }
            match std::fs::remove_file(&removed.shot.path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => {
                    return Err(SaveError::Remove {
                        path: removed.shot.path,
                        source,
                    })
                }
            }
        }
        Ok(())
    }

    /// Records the comparison of the selfie `selfie` with the document photo
    /// `document` (both as the writer reported them saved) in session.json,
    /// replaced atomically. `Ok(false)`, and nothing written, when either is no
    /// longer the session's photo of its shot (retaken or removed meanwhile): a
    /// comparison of photos that are gone is never recorded.
    pub fn record_face_match(
        &self,
        selfie: &SavedShot,
        document: &SavedShot,
        record: FaceMatchRecord,
    ) -> Result<bool, SaveError> {
        let mut list = self.lock();
        let current = |saved: &SavedShot| list.iter().any(|s| s.shot == *saved);
        if !(current(selfie) && current(document)) {
            return Ok(false);
        }
        let Some(entry) = list.iter_mut().find(|s| s.shot == *selfie) else {
            return Ok(false);
        };
        let earlier = entry.face_match.replace(record);
        if let Err(e) = self.write_json(&list) {
            if let Some(entry) = list.iter_mut().find(|s| s.shot == *selfie) {
                entry.face_match = earlier;
            }
            return Err(e);
        }
        Ok(true)
    }

    /// The comparison recorded for the session's selfie, if any.
    pub fn face_match(&self) -> Option<FaceMatchRecord> {
        self.lock().iter().find_map(|s| s.face_match.clone())
    }

    pub fn saved(&self) -> Vec<SavedShot> {
        self.lock().iter().map(|s| s.shot.clone()).collect()
    }

    fn lock(&self) -> MutexGuard<'_, Vec<Saved>> {
        // A panic while holding the lock leaves a consistent list (entries are
        // pushed whole), so a poisoned lock is still usable.
        self.saved.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn write_json(&self, list: &[Saved]) -> Result<(), SaveError> {
        #[derive(Serialize)]
        struct SessionJson<'a> {
            app: &'static str,
            version: &'static str,
            created: &'a str,
            /// "passport", "id-card", "driving-licence"; null for a lone shot.
            document: Option<&'static str>,
            shots: Vec<ShotEntry<'a>>,
        }
        let doc = SessionJson {
            app: "kycam",
            version: env!("CARGO_PKG_VERSION"),
            created: &self.created,
            document: self.document.map(DocumentKind::id),
            shots: list
                .iter()
                .map(|s| ShotEntry {
                    shot: s.shot.shot,
                    file: s
                        .shot
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    time: &s.shot.time,
                    manual: s.shot.manual,
                    all_passed: s.shot.all_passed,
                    bytes: s.shot.bytes,
                    quality: s.shot.quality,
                    width: s.width,
                    height: s.height,
                    checks: &s.checks,
                    face_match: s.face_match.as_ref(),
                })
                .collect(),
        };
        let text =
            serde_json::to_string_pretty(&doc).map_err(|e| SaveError::Json(e.to_string()))?;
        (self.write_json)(&self.dir.join(SESSION_FILE), text.as_bytes())
    }
}

/// Takes away every comparison made with the photo of `shot` (now replaced or
/// removed), returning them with their entries' positions for [`restore_matches`].
fn forget_matches_with(list: &mut [Saved], shot: Shot) -> Vec<(usize, FaceMatchRecord)> {
    list.iter_mut()
        .enumerate()
        .filter(|(_, s)| {
            s.face_match
                .as_ref()
                .is_some_and(|m| m.compared_with == shot)
        })
        .filter_map(|(i, s)| s.face_match.take().map(|m| (i, m)))
        .collect()
}

/// Puts back what [`forget_matches_with`] took, when the write it was for failed.
fn restore_matches(list: &mut [Saved], taken: Vec<(usize, FaceMatchRecord)>) {
    for (i, m) in taken {
        if let Some(s) = list.get_mut(i) {
            s.face_match = Some(m);
        }
    }
}

#[cfg(test)]
mod tests;
