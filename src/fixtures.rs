//! Where the test and evaluation images are: the committed ones in tests/fixtures,
//! and the shared evaluation set beside the checkout (absent on a fresh clone).

use std::path::PathBuf;

/// Committed fixtures (licence allows copying): tests/fixtures.
pub fn committed(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A committed JSON fixture (hand labels) read as `T`; an error names the file.
pub fn committed_json<T: serde::de::DeserializeOwned>(name: &str) -> anyhow::Result<T> {
    use anyhow::Context;
    let path = committed(name);
    let text = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
    serde_json::from_str(&text)
        .with_context(|| format!("{} is not the JSON expected", path.display()))
}

/// One hand-labelled photo of `../shared/fixtures/realdocs/truth.json`.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct RealDoc {
    pub file: String,
    /// How to check it (`kycam check --shot`).
    pub shot: String,
    /// `id-card`, `passport`, or `page` (not an identity document).
    pub kind: String,
    /// Full-resolution corners in reading order from the document's top-left.
    pub corners: [[f32; 2]; 4],
    pub all_corners_visible: bool,
    /// A visible reflection on the document.
    pub glare: bool,
}

/// The realdocs folder and its labelled photos; `None` when this checkout has no
/// `../shared/fixtures` beside it. An error names truth.json.
pub fn realdocs() -> anyhow::Result<Option<(PathBuf, Vec<RealDoc>)>> {
    use anyhow::Context;
    let Some(dir) = shared_dir().map(|d| d.join("realdocs")) else {
        return Ok(None);
    };
    let path = dir.join("truth.json");
    let text = std::fs::read(&path).with_context(|| path.display().to_string())?;
    let docs = serde_json::from_slice(&text)
        .with_context(|| format!("{} is not the JSON expected", path.display()))?;
    Ok(Some((dir, docs)))
}

/// The face a hand label means among `faces` (largest first): the one whose box
/// holds the label's point `at` on a photo of several people, else the largest.
pub fn labelled_face(
    faces: &[crate::analysis::Face],
    at: Option<[f32; 2]>,
) -> Option<crate::analysis::Face> {
    match at {
        None => faces.first().copied(),
        Some([x, y]) => faces.iter().find(|f| f.rect.contains(x, y)).copied(),
    }
}

/// The shared fixtures folder (../shared/fixtures from the checkout), or `None`
/// when this checkout has none beside it. `KYCAM_SHARED_FIXTURES` overrides.
pub fn shared_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("KYCAM_SHARED_FIXTURES") {
        let dir = PathBuf::from(dir);
        return dir.is_dir().then_some(dir);
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/fixtures");
    dir.is_dir().then_some(dir)
}

/// Image files in a folder of the shared fixtures, sorted by name.
pub fn shared_images(folder: &str) -> Vec<PathBuf> {
    let Some(dir) = shared_dir() else {
        return Vec::new();
    };
    crate::imageio::image_files_in(&dir.join(folder)).unwrap_or_default()
}

/// A photo as a webcam would show it: turned to landscape when it stands (webcams
/// see landscape), fitted into 1280×720 and centred on dark grey.
pub fn webcam_frame(rgb: &image::RgbImage) -> image::RgbImage {
    const WIDTH: u32 = 1280;
    const HEIGHT: u32 = 720;
    let turned;
    let rgb = if rgb.height() > rgb.width() {
        turned = image::imageops::rotate90(rgb);
        &turned
    } else {
        rgb
    };
    let scale = (WIDTH as f32 / rgb.width() as f32).min(HEIGHT as f32 / rgb.height() as f32);
    let (w, h) = (
        ((rgb.width() as f32 * scale).round() as u32).max(1),
        ((rgb.height() as f32 * scale).round() as u32).max(1),
    );
    let fitted = image::imageops::resize(rgb, w, h, image::imageops::FilterType::Triangle);
    let mut frame = image::RgbImage::from_pixel(WIDTH, HEIGHT, image::Rgb([40, 40, 40]));
    image::imageops::replace(
        &mut frame,
        &fitted,
        i64::from((WIDTH - w.min(WIDTH)) / 2),
        i64::from((HEIGHT - h.min(HEIGHT)) / 2),
    );
    frame
}
