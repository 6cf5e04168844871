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
    let w =
        SessionWriter::create(tmp.path().join("s"), Some(DocumentKind::IdCard)).expect("create");
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

    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(w.dir().join(SESSION_FILE)).expect("session.json"))
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
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(w.dir().join(SESSION_FILE)).expect("session.json"))
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
