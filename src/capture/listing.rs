//! A session folder read back as it is on disk: the photos its session.json
//! lists whose files exist, with their size on disk and the rules that failed
//! when each was taken. What the Done page shows.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::SESSION_FILE;
use crate::rules::RuleId;
use crate::shot::Shot;

/// A photo of the session that is on disk.
#[derive(Clone, Debug, PartialEq)]
pub struct ListedPhoto {
    pub shot: Shot,
    pub path: PathBuf,
    /// The file's length now.
    pub bytes: u64,
    pub manual: bool,
    /// Every rule held when it was taken.
    pub passed: bool,
    /// The rules that failed on it when it was taken, in words (a rule this
    /// version does not know by its id).
    pub failing: Vec<String>,
}

#[derive(Deserialize)]
struct Entry {
    shot: Shot,
    file: String,
    #[serde(default)]
    manual: bool,
    #[serde(default)]
    all_passed: bool,
    #[serde(default)]
    checks: Vec<Check>,
}

#[derive(Deserialize)]
struct Check {
    /// Kept as text: a rule this version does not know still counts as failing.
    id: String,
    pass: bool,
}

#[derive(Deserialize)]
struct SessionJson {
    shots: Vec<Entry>,
}

/// Reads `dir/session.json` and keeps the entries whose photo is in `dir`.
/// A folder without session.json has no photos yet.
pub fn read_session(dir: &Path) -> Result<Vec<ListedPhoto>, String> {
    let path = dir.join(SESSION_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let json: SessionJson =
        serde_json::from_slice(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(json
        .shots
        .into_iter()
        // A plain file name in this folder, never a path elsewhere.
        .filter(|e| !e.file.contains(['/', '\\']))
        .filter_map(|e| {
            let path = dir.join(&e.file);
            let meta = std::fs::metadata(&path).ok().filter(|m| m.is_file())?;
            let failing: Vec<String> = e
                .checks
                .iter()
                .filter(|c| !c.pass)
                .map(|c| {
                    serde_json::from_value::<RuleId>(serde_json::Value::String(c.id.clone()))
                        .map_or_else(|_| c.id.clone(), |id| id.label().to_owned())
                })
                .collect();
            Some(ListedPhoto {
                shot: e.shot,
                path,
                bytes: meta.len(),
                manual: e.manual,
                passed: e.all_passed && failing.is_empty(),
                failing,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_the_photos_on_disk_with_their_failing_rules_in_words() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("id-front.jpg"), vec![0u8; 1234]).expect("photo");
        std::fs::write(dir.path().join("selfie.jpg"), "x").expect("photo");
        let json = r#"{"shots":[
            {"shot":"id-front","file":"id-front.jpg","manual":true,"all_passed":false,
             "checks":[{"id":"glare","pass":false},{"id":"sharpness","pass":true},{"id":"a_rule_of_tomorrow","pass":false}]},
            {"shot":"id-back","file":"id-back.jpg","all_passed":true,"checks":[]},
            {"shot":"selfie","file":"../selfie.jpg","all_passed":true,"checks":[]}
        ]}"#;
        std::fs::write(dir.path().join(SESSION_FILE), json).expect("json");
        let listed = read_session(dir.path()).expect("read");
        assert_eq!(
            listed.len(),
            1,
            "the missing and the outside file are not listed"
        );
        assert_eq!(listed[0].shot, Shot::IdFront);
        assert_eq!(listed[0].bytes, 1234);
        assert!(listed[0].manual && !listed[0].passed);
        assert_eq!(listed[0].failing, ["No glare", "a_rule_of_tomorrow"]);
        assert_eq!(read_session(&dir.path().join("none")), Ok(Vec::new()));
    }
}
