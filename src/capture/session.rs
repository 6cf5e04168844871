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
mod tests {
    use super::*;
    use crate::rules::{Limit, RuleId};

    fn verdicts(pass: bool) -> Vec<Verdict> {
        vec![Verdict::measured(
            RuleId::Sharpness,
            if pass { 0.5 } else { 0.1 },
            Limit::at_least(0.4),
            "",
            |_| "blurry".into(),
        )]
    }

    fn photo() -> RgbImage {
        let mut rng = crate::synth::rng::Rng::new(3);
        RgbImage::from_fn(640, 480, |_, _| {
            image::Rgb([0u8; 3].map(|_| rng.range(0.0, 255.0) as u8))
        })
    }

    #[test]
    fn saves_the_photo_and_session_json_then_discards() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let w = SessionWriter::create(tmp.path().join("s"), Some(DocumentKind::IdCard))
            .expect("create");
        let saved = w
            .save(Shot::IdFront, &photo(), &verdicts(true), false)
            .expect("save");
        assert_eq!(saved.path, w.dir().join("id-front.jpg"));
        assert!(saved.all_passed && !saved.manual);
        assert_eq!(
            std::fs::metadata(&saved.path).expect("file").len(),
            saved.bytes
        );
        let decoded = image::open(&saved.path).expect("decodes").to_rgb8();
        assert_eq!(decoded.dimensions(), (640, 480), "never resized");

        let json: serde_json::Value = serde_json::from_slice(
            &std::fs::read(w.dir().join(SESSION_FILE)).expect("session.json"),
        )
        .expect("valid json");
        assert_eq!(json["app"], "kycam");
        assert_eq!(json["version"], env!("CARGO_PKG_VERSION"));
        assert_eq!(json["document"], "id-card");
        let shot = &json["shots"][0];
        assert_eq!(shot["file"], "id-front.jpg");
        assert_eq!(shot["manual"], false);
        assert_eq!(shot["checks"][0]["id"], "sharpness");
        assert_eq!(shot["checks"][0]["pass"], true);
        assert!(shot["checks"][0]["limit"]["min"].is_number());
        assert!(shot["time"].as_str().is_some_and(|t| t.ends_with('Z')));

        w.save(Shot::Selfie, &photo(), &verdicts(false), true)
            .expect("manual save");
        w.discard(Shot::IdFront).expect("discard");
        assert!(!saved.path.exists());
        let left = w.saved();
        assert_eq!(left.len(), 1);
        assert!(left[0].manual && !left[0].all_passed);
    }

    #[test]
    fn a_second_save_of_a_shot_replaces_the_first() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let w = SessionWriter::create(tmp.path().to_owned(), None).expect("create");
        w.save(Shot::Selfie, &photo(), &verdicts(true), false)
            .expect("save");
        w.save(Shot::Selfie, &photo(), &verdicts(true), true)
            .expect("save again");
        assert_eq!(w.saved().len(), 1);
        assert!(w.saved()[0].manual);
    }

    /// The folder's visible files and temporary ones, sorted.
    fn listing(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("list")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n != folder::LOCK_FILE)
            .collect();
        names.sort();
        names
    }

    fn failing_write(path: &Path, _: &[u8]) -> Result<(), SaveError> {
        Err(SaveError::Write {
            path: path.to_owned(),
            source: std::io::Error::from(std::io::ErrorKind::StorageFull),
        })
    }

    #[test]
    fn a_save_whose_session_json_fails_leaves_neither_and_keeps_the_earlier_photo() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut w = SessionWriter::create(tmp.path().join("s"), None).expect("create");
        let first = w
            .save(Shot::Selfie, &photo(), &verdicts(true), false)
            .expect("first save");
        let before = std::fs::read(&first.path).expect("photo");
        let json_before = std::fs::read(w.dir().join(SESSION_FILE)).expect("json");

        w.write_json = failing_write;
        let err = w
            .save(Shot::IdFront, &photo(), &verdicts(true), false)
            .expect_err("session.json cannot be written");
        assert!(err.to_string().contains("session.json"), "{err}");
        let err = w
            .save(Shot::Selfie, &photo(), &verdicts(true), true)
            .expect_err("nor for a replacement");
        assert!(err.to_string().contains("session.json"), "{err}");

        assert_eq!(listing(w.dir()), ["selfie.jpg", "session.json"]);
        assert_eq!(std::fs::read(&first.path).expect("photo"), before);
        assert_eq!(
            std::fs::read(w.dir().join(SESSION_FILE)).expect("json"),
            json_before
        );
        assert_eq!(w.saved(), vec![first]);
    }

    #[test]
    fn a_folder_another_writer_holds_or_an_old_session_is_refused() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let dir = tmp.path().join("s");
        let w = SessionWriter::create(dir.clone(), None).expect("create");
        let err = SessionWriter::create(dir.clone(), None)
            .err()
            .expect("a second writer is refused");
        assert!(matches!(err, SaveError::InUse { .. }), "{err}");
        w.save(Shot::Selfie, &photo(), &verdicts(true), false)
            .expect("save");
        drop(w);
        let err = SessionWriter::create(dir, None)
            .err()
            .expect("an old session is not overwritten");
        assert!(matches!(err, SaveError::NotEmpty { .. }), "{err}");
    }

    #[test]
    fn each_started_session_has_its_own_folder_listing_its_own_photos() {
        let base = tempfile::tempdir().expect("tempdir");
        let a = SessionWriter::start(Some(base.path().to_owned()), None).expect("a");
        let b = SessionWriter::start(Some(base.path().to_owned()), None).expect("b");
        assert_ne!(a.dir(), b.dir());
        assert!(a.dir().starts_with(base.path()) && b.dir().starts_with(base.path()));
        a.save(Shot::Selfie, &photo(), &verdicts(true), false)
            .expect("a saves");
        b.save(Shot::Selfie, &photo(), &verdicts(true), false)
            .expect("b saves");
        for w in [&a, &b] {
            assert_eq!(listing(w.dir()), ["selfie.jpg", "session.json"]);
        }
    }

    #[test]
    fn a_photo_under_100_kb_is_recorded_failing_file_size_even_when_every_rule_passed() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let w = SessionWriter::create(tmp.path().join("s"), None).expect("create");
        let plain = RgbImage::from_pixel(640, 480, image::Rgb([128, 128, 128]));
        let saved = w
            .save(Shot::Selfie, &plain, &verdicts(true), false)
            .expect("saved anyway");
        assert!(saved.below_min_size && !saved.all_passed);
        let json: serde_json::Value = serde_json::from_slice(
            &std::fs::read(w.dir().join(SESSION_FILE)).expect("session.json"),
        )
        .expect("valid json");
        let shot = &json["shots"][0];
        assert_eq!(shot["all_passed"], false);
        let size = shot["checks"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["id"] == "file_size"))
            .expect("file_size recorded");
        assert_eq!(size["pass"], false);
        assert!(size["value"].as_f64().is_some_and(|kb| kb < 100.0));
    }

    #[test]
    fn a_face_match_is_recorded_with_its_selfie_and_goes_when_either_photo_changes() {
        use crate::face_match::session::MatchResult;
        let tmp = tempfile::tempdir().expect("tempdir");
        let mut w = SessionWriter::create(tmp.path().join("s"), None).expect("create");
        let save = |w: &SessionWriter, shot| w.save(shot, &photo(), &verdicts(true), false);
        let json = |w: &SessionWriter| -> serde_json::Value {
            serde_json::from_slice(&std::fs::read(w.dir().join(SESSION_FILE)).expect("read"))
                .expect("valid json")
        };
        let (front, selfie) = (save(&w, Shot::IdFront), save(&w, Shot::Selfie));
        let (front, selfie) = (front.expect("front"), selfie.expect("selfie"));
        let record = FaceMatchRecord {
            compared_with: Shot::IdFront,
            result: MatchResult::SamePerson,
            distance: Some(0.4),
            threshold: 0.6,
            same_person: Some(true),
            causes: Vec::new(),
        };
        let recorded = |w: &SessionWriter, s: &SavedShot, d: &SavedShot| {
            w.record_face_match(s, d, record.clone()).expect("written")
        };
        assert!(recorded(&w, &selfie, &front));
        let m = &json(&w)["shots"][1]["face_match"];
        assert_eq!(
            (&m["compared_with"], &m["result"]),
            (&"id-front".into(), &"same_person".into())
        );
        assert!(
            json(&w)["shots"][0].get("face_match").is_none(),
            "the front has none"
        );
        // A failed write leaves the record as it was.
        w.write_json = failing_write;
        assert!(w.discard(Shot::IdFront).is_err());
        w.write_json = write_atomically;
        assert_eq!(w.face_match(), Some(record.clone()));
        // A new front makes it stale: gone from session.json in the same write,
        // and a late result about the old front is not recorded.
        let new_front = save(&w, Shot::IdFront).expect("front again");
        assert_eq!(w.face_match(), None);
        assert!(json(&w)["shots"][0].get("face_match").is_none());
        assert!(!recorded(&w, &selfie, &front));
        assert!(recorded(&w, &selfie, &new_front));
        // A new selfie starts without one; removing the front forgets it too.
        let new_selfie = save(&w, Shot::Selfie).expect("selfie again");
        assert_eq!(w.face_match(), None);
        assert!(recorded(&w, &new_selfie, &new_front));
        w.discard(Shot::IdFront).expect("discard");
        assert_eq!(w.face_match(), None);
        assert!(json(&w)["shots"][0].get("face_match").is_none());
    }
}
