//! `kycam check`: judge photo files taken elsewhere against a shot's rules, and
//! against the exchange's file rules.

use std::path::Path;

use serde::Serialize;

use crate::analysis::landmarks::{self, measures::HeadPose, Landmarks};
use crate::analysis::{self, distance, CameraModel, FaceDetector, FaceSearch, Measurements};
use crate::imageio::{self, LoadError, LoadedImage};
use crate::rules::{self, Limit, RuleId, Verdict};
use crate::shot::Shot;
use crate::tr;
use image::GrayImage;

/// The result of checking one file (the JSON line of docs/contract.md).
#[derive(Debug, Serialize)]
pub struct FileReport {
    pub file: String,
    pub shot: Shot,
    pub width: u32,
    pub height: u32,
    pub pass: bool,
    pub checks: Vec<Verdict>,
    pub faces: Vec<FaceJson>,
    pub document: Option<DocumentJson>,
    pub distance_cm: Option<f32>,
    /// What `distance_cm` was measured from: `eyes` or `face_box`.
    pub distance_cue: Option<crate::analysis::DistanceCue>,
    #[serde(skip)]
    pub measurements: Measurements,
}

#[derive(Debug, Serialize)]
pub struct FaceJson {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub score: f32,
    /// 68 points in image pixels (jaw 0–16, brows 17–26, nose 27–35, eyes 36–47,
    /// mouth 48–67).
    pub landmarks: Landmarks,
    pub head_pose: HeadPose,
}

#[derive(Debug, Serialize)]
pub struct DocumentJson {
    /// Clockwise from the document's top-left as it is read; from the corner
    /// nearest the picture's top-left when which way up it lies is not known.
    pub corners: [[f32; 2]; 4],
    /// The document's turn in the picture, degrees clockwise in (−180, 180]; null
    /// when nothing printed on it tells which way up it lies.
    pub rotation_deg: Option<f32>,
    /// What told which way up it lies: "portrait" or "mrz"; null when nothing did.
    pub upright_cue: Option<analysis::document::UprightCue>,
}

impl DocumentJson {
    fn of(d: &analysis::DocumentMeasures) -> Self {
        DocumentJson {
            corners: d.reading_corners(),
            // A tenth of a degree is all the outline's fit is worth.
            rotation_deg: d.rotation_deg().map(|r| (r * 10.0).round() / 10.0),
            upright_cue: d.upright.map(|u| u.cue),
        }
    }
}

/// Checks photo files; keeps one face detector for all of them.
pub struct Checker {
    detector: FaceDetector,
    /// For document shots, made on first use: the portrait on a card is small.
    portrait_detector: Option<FaceDetector>,
    /// Field of view given by the user; overrides EXIF.
    hfov_deg: Option<f32>,
}

impl Checker {
    pub fn new(hfov_deg: Option<f32>) -> Self {
        Self {
            detector: FaceDetector::new(FaceSearch::STILL),
            portrait_detector: None,
            hfov_deg,
        }
    }

    pub fn check_file(&mut self, path: &Path, shot: Shot) -> Result<FileReport, LoadError> {
        let loaded = imageio::load_image(path)?;
        Ok(self.check_loaded(&path.display().to_string(), &loaded, shot))
    }

    pub fn check_loaded(&mut self, name: &str, loaded: &LoadedImage, shot: Shot) -> FileReport {
        let camera = CameraModel {
            hfov_deg: self
                .hfov_deg
                .or(loaded.focal_length_35mm.map(distance::hfov_from_focal_35mm))
                .unwrap_or(distance::DEFAULT_WEBCAM_HFOV_DEG),
        };
        let grey = analysis::to_grey(&loaded.rgb);
        let faces = if shot.is_document() {
            self.portrait_detector
                .get_or_insert_with(|| FaceDetector::new(FaceSearch::PORTRAIT_STILL))
                .detect(&grey)
        } else {
            self.detector.detect(&grey)
        };
        let mut m = analysis::measure(&loaded.rgb, &grey, shot, &faces, camera);
        if let Some(detector) = self.portrait_detector.as_mut() {
            add_sideways_portrait(detector, &grey, &mut m);
        }
        let mut checks = rules::judge(&m);
        checks.extend(file_rules(loaded));
        FileReport {
            file: name.to_owned(),
            shot,
            width: m.width,
            height: m.height,
            pass: rules::all_pass(&checks),
            faces: m
                .faces
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    // The selfie's face has its landmarks already.
                    let found = match (i, m.selfie.as_ref().and_then(|s| s.landmarks.as_ref())) {
                        (0, Some(lm)) => lm.clone(),
                        _ => landmarks::find(&loaded.rgb, &f.rect),
                    };
                    FaceJson {
                        x: f.rect.x,
                        y: f.rect.y,
                        w: f.rect.w,
                        h: f.rect.h,
                        score: f.score,
                        head_pose: landmarks::measures::head_pose(&found.points),
                        landmarks: found,
                    }
                })
                .collect(),
            document: m.document.as_ref().map(DocumentJson::of),
            distance_cm: m.selfie.as_ref().map(|s| s.distance_cm),
            distance_cue: m.selfie.as_ref().map(|s| s.distance_cue),
            checks,
            measurements: m,
        }
    }
}

/// When the document's portrait was not found upright, looks for it on the
/// document's region turned a quarter either way and upside down: a page held
/// sideways or upside down, a card turned over about its long side.
fn add_sideways_portrait(detector: &mut FaceDetector, grey: &GrayImage, m: &mut Measurements) {
    let Some(doc) = m.document.as_ref().filter(|d| !d.portrait_found) else {
        return;
    };
    // A back side is searched too: a portrait found there fails `back_side`.
    if !m.shot.has_portrait() && !m.shot.is_back_side() {
        return;
    }
    let Some((x, y, w, h)) = analysis::portrait_region(&doc.corners, m.width, m.height) else {
        return;
    };
    let region = image::imageops::crop_imm(grey, x, y, w, h).to_image();
    // The whole picture was searched upright already.
    let faces = detector.detect_portrait(&region, (x as f32, y as f32), 1.0, true);
    m.add_faces(faces);
}

/// The exchange's upload rules: JPEG or PNG, 100 KB – 10 MB.
pub fn file_rules(loaded: &LoadedImage) -> [Verdict; 2] {
    let format = Verdict {
        id: RuleId::FileFormat,
        pass: loaded.format.accepted_by_exchange(),
        value: None,
        limit: Limit::default(),
        unit: "",
        advice: (!loaded.format.accepted_by_exchange())
            .then(|| tr!("advice-file-format", format = loaded.format.name())),
        under_finger: false,
    };
    let size = rules::file_size::file_size(loaded.file_bytes);
    [format, size]
}

/// A value with as many decimals as it deserves.
pub fn format_value(v: f64) -> String {
    let a = v.abs();
    if a >= 100.0 || v == v.round() {
        format!("{v:.0}")
    } else if a >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// `value` in `unit` (a [`Verdict::unit`] code: "%", "°", "×", "cm", "px", "KB", "MB",
/// "bits", "faces", or none), written the current language's way: "18.7 cm", "18.7 厘米".
pub fn with_unit(value: f64, unit: &str) -> String {
    unit_text(&format_value(value), value, unit)
}

/// [`with_unit`] for a value already written (`text`); `value` picks the plural.
pub fn unit_text(text: &str, value: f64, unit: &str) -> String {
    let n = value.abs();
    match unit {
        "" => text.to_owned(),
        "%" => tr!("unit-percent", value = text),
        "°" => tr!("unit-degree", value = text),
        "×" => tr!("unit-times", value = text),
        "cm" => tr!("unit-cm", value = text),
        "px" => tr!("unit-px", value = text),
        "KB" => tr!("unit-kb", value = text),
        "MB" => tr!("unit-mb", value = text),
        "bits" => tr!("unit-bits", value = text, n = n),
        "faces" => tr!("unit-faces", value = text, n = n),
        other => format!("{text} {other}"),
    }
}

/// A limit for the table: "30–50 cm", "≥ 1 face", "≤ 5°".
pub fn format_limit(limit: &Limit, unit: &str) -> String {
    let u = |x: f64| with_unit(x, unit);
    match (limit.min, limit.max) {
        (Some(a), Some(b)) if a == b => format!("= {}", u(a)),
        (Some(a), Some(b)) => tr!("limit-range", min = &format_value(a), max = &u(b)),
        (Some(a), None) => format!("≥ {}", u(a)),
        (None, Some(b)) => format!("≤ {}", u(b)),
        (None, None) => String::new(),
    }
}

/// Columns a terminal gives `text`: two for CJK characters and full-width forms.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| match u32::from(c) {
            0x1100..=0x115F
            | 0x2E80..=0x303E
            | 0x3041..=0x33FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xA000..=0xA4CF
            | 0xAC00..=0xD7A3
            | 0xF900..=0xFAFF
            | 0xFE30..=0xFE4F
            | 0xFF00..=0xFF60
            | 0xFFE0..=0xFFE6 => 2,
            _ => 1,
        })
        .sum()
}

/// `text` padded with spaces to `width` columns, on the right or (`right_align`) left.
fn pad(text: &str, width: usize, right_align: bool) -> String {
    let fill = " ".repeat(width.saturating_sub(display_width(text)));
    if right_align {
        format!("{fill}{text}")
    } else {
        format!("{text}{fill}")
    }
}

/// The report as a table for a person, in the current language; rule ids as they are.
pub fn render_table(report: &FileReport) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let verdict = if report.pass {
        tr!("check-pass")
    } else {
        tr!("check-fail")
    };
    let _ = writeln!(
        out,
        "{}",
        tr!(
            "check-heading",
            file = &report.file,
            shot = &report.shot.to_string(),
            width = &report.width.to_string(),
            height = &report.height.to_string(),
            verdict = &verdict,
        )
    );
    for v in &report.checks {
        let value = match v.value {
            Some(x) => with_unit(x, v.unit),
            None => "—".into(),
        };
        let _ = write!(
            out,
            "  {} {:<16} {}   {}",
            if v.pass { "✓" } else { "✗" },
            v.id.as_str(),
            pad(&value, 10, true),
            pad(&format_limit(&v.limit, v.unit), 12, false),
        );
        if let Some(advice) = &v.advice {
            let _ = write!(out, " {advice}");
        }
        out.push('\n');
    }
    out
}
