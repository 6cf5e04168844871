//! One session folder: the photos and `session.json`, which says for every shot
//! when it was taken and every rule's verdict at that moment (why it was accepted).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};
use std::time::SystemTime;

use image::RgbImage;
use serde::Serialize;

use super::jpeg::encode_fitting;
use super::time::{format_utc, rfc3339_utc};
use super::write::{create_private_dir, write_atomically};
use super::SaveError;
use crate::rules::{Verdict, FILE_MAX_BYTES};
use crate::shot::Shot;

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
}

struct Saved {
    shot: SavedShot,
    width: u32,
    height: u32,
    checks: Vec<Verdict>,
}

/// Writes one session's photos. `Send + Sync`: the writer thread saves while the
/// GUI lists and discards.
pub struct SessionWriter {
    dir: PathBuf,
    created: String,
    saved: Mutex<Vec<Saved>>,
}

impl SessionWriter {
    /// Opens a session folder: `dir`, or a new one named by the time under the
    /// user's data folder (`~/.local/share/kycam/sessions/2026-11-26T23-05-14Z`).
    pub fn create(dir: Option<PathBuf>) -> Result<Self, SaveError> {
        let now = SystemTime::now();
        let dir = match dir {
            Some(d) => d,
            None => {
                let base = directories::ProjectDirs::from("", "", "kycam")
                    .ok_or(SaveError::NoDataDir)?
                    .data_dir()
                    .join("sessions");
                unique_child(&base, &format_utc(now, '-'))
            }
        };
        create_private_dir(&dir).map_err(|source| SaveError::CreateDir {
            path: dir.clone(),
            source,
        })?;
        Ok(Self {
            dir,
            created: rfc3339_utc(now),
            saved: Mutex::new(Vec::new()),
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where a shot's photo goes: one file per shot, e.g. `id-front.jpg`.
    pub fn path_for(&self, shot: Shot) -> PathBuf {
        self.dir.join(format!("{}.jpg", shot.id()))
    }

    /// Encodes and saves the frame as the shot's photo (replacing an earlier
    /// one of the same shot), then rewrites session.json.
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
        write_atomically(&path, &fitted.bytes)?;
        let saved = SavedShot {
            shot,
            path,
            bytes: fitted.bytes.len() as u64,
            quality: fitted.quality,
            manual,
            all_passed: crate::rules::all_pass(verdicts),
            time: rfc3339_utc(SystemTime::now()),
            below_min_size: fitted.below_min_size,
        };
        let mut list = self.lock();
        list.retain(|s| s.shot.shot != shot);
        list.push(Saved {
            shot: saved.clone(),
            width: rgb.width(),
            height: rgb.height(),
            checks: verdicts.to_vec(),
        });
        self.write_json(&list)?;
        Ok(saved)
    }

    /// Retake: removes the shot's photo and its entry.
    pub fn discard(&self, shot: Shot) -> Result<(), SaveError> {
        let mut list = self.lock();
        if let Some(i) = list.iter().position(|s| s.shot.shot == shot) {
            let removed = list.remove(i);
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
            self.write_json(&list)?;
        }
        Ok(())
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
            created: &'a str,
            shots: Vec<ShotEntry<'a>>,
        }
        let doc = SessionJson {
            created: &self.created,
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
                })
                .collect(),
        };
        let text =
            serde_json::to_string_pretty(&doc).map_err(|e| SaveError::Json(e.to_string()))?;
        write_atomically(&self.dir.join(SESSION_FILE), text.as_bytes())
    }
}

/// `base/name`, or `base/name-2`, … when a session started in the same second.
fn unique_child(base: &Path, name: &str) -> PathBuf {
    let first = base.join(name);
    if !first.exists() {
        return first;
    }
    (2..)
        .map(|n| base.join(format!("{name}-{n}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
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
        let w = SessionWriter::create(Some(tmp.path().join("s"))).expect("create");
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
        let w = SessionWriter::create(Some(tmp.path().to_owned())).expect("create");
        w.save(Shot::Selfie, &photo(), &verdicts(true), false)
            .expect("save");
        w.save(Shot::Selfie, &photo(), &verdicts(true), true)
            .expect("save again");
        assert_eq!(w.saved().len(), 1);
        assert!(w.saved()[0].manual);
    }
}
