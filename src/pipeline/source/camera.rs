//! The webcam through nokhwa. The `Camera` is not `Send`: [`open`] runs inside
//! the source thread. kycam chooses the format itself from the camera's list
//! (camera_format.rs), rather than leaving it to nokhwa.

use std::sync::Arc;

use image::RgbImage;
use nokhwa::pixel_format::RgbFormat;
use nokhwa::utils::{ApiBackend, CameraIndex, FrameFormat, RequestedFormat, RequestedFormatType};
use nokhwa::Camera;

use super::camera_format::choose_format;
use super::{SourceTrouble, TroubleKind};
use crate::pipeline::frame::{FrameSource, Pacing, SourceMode, SourceStep};
use crate::tr;

/// Some cameras send corrupt or dark MJPEG frames while auto-exposure settles.
const SKIP_FIRST_FRAMES: u32 = 5;

/// Damaged frames in a row before the person is told (one now and then is
/// normal on a busy USB bus).
const DAMAGED_IN_A_ROW_TO_REPORT: u32 = 30;

/// A camera as listed by `kycam cameras`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CameraInfo {
    pub index: u32,
    pub name: String,
    pub description: String,
}

/// "No camera found.", in the current language.
pub fn no_camera_words() -> String {
    tr!("source-no-camera")
}

/// The cameras on this machine; empty when there are none. `Err` is a plain-words
/// reason the list could not be read.
pub fn list_cameras() -> Result<Vec<CameraInfo>, String> {
    let cams = nokhwa::query(ApiBackend::Auto).map_err(|e| trouble(&e.to_string()).words)?;
    Ok(cams
        .iter()
        .enumerate()
        .map(|(i, c)| CameraInfo {
            index: c.index().as_index().unwrap_or(i as u32),
            name: c.human_name(),
            description: c.description().to_owned(),
        })
        .collect())
}

/// Tells the kind of a camera driver's error. The drivers report only text
/// (nokhwa's errors carry the system's message), so this is the one place it
/// is read; everything after acts on the kind.
pub fn trouble(error: &str) -> SourceTrouble {
    let e = error.to_lowercase();
    if e.contains("permission denied") {
        SourceTrouble::new(TroubleKind::NotAllowed, tr!("source-not-allowed"))
            .with_command_hint(tr!("source-hint-video-group"))
    } else if e.contains("no such file or directory") || e.contains("no such device") {
        SourceTrouble::new(TroubleKind::NoCamera, no_camera_words())
            .with_command_hint(tr!("source-hint-no-camera"))
    } else if e.contains("busy") {
        SourceTrouble::new(TroubleKind::InUse, tr!("source-in-use"))
    } else {
        SourceTrouble::other(tr!("source-failed", error = error))
    }
}

struct CameraSource {
    camera: Camera,
    skip: u32,
    mode: SourceMode,
}

/// Opens camera `index` and starts its stream. Runs on the source thread.
pub fn open(index: u32) -> Result<Box<dyn FrameSource>, SourceTrouble> {
    // An empty list is the clearest "no camera" (opening would only say ENOENT).
    if matches!(nokhwa::query(ApiBackend::Auto), Ok(list) if list.is_empty()) {
        return Err(trouble("No such file or directory"));
    }
    let none = RequestedFormat::new::<RgbFormat>(RequestedFormatType::None);
    let driver = |e: nokhwa::NokhwaError| trouble(&e.to_string());
    let mut camera = Camera::new(CameraIndex::Index(index), none).map_err(driver)?;
    let formats = camera.compatible_camera_formats().map_err(driver)?;
    let chosen = choose_format(&formats).map_err(|why| {
        SourceTrouble::new(
            TroubleKind::Unusable,
            tr!("source-unusable", n = index, why = &why.reason()),
        )
        .with_command_hint(tr!("source-hint-list"))
    })?;
    camera
        .set_camera_requset(RequestedFormat::new::<RgbFormat>(
            RequestedFormatType::Exact(chosen),
        ))
        .map_err(driver)?;
    camera.open_stream().map_err(driver)?;
    // The camera may round the request: what it streams is what is shown.
    let streaming = camera.camera_format();
    Ok(Box::new(CameraSource {
        camera,
        skip: SKIP_FIRST_FRAMES,
        mode: SourceMode {
            width: streaming.width(),
            height: streaming.height(),
            fps: streaming.frame_rate(),
            format: format_name(streaming.format()),
        },
    }))
}

fn format_name(format: FrameFormat) -> &'static str {
    match format {
        FrameFormat::MJPEG => "MJPEG",
        FrameFormat::YUYV => "YUYV",
        FrameFormat::NV12 => "NV12",
        FrameFormat::GRAY => "GREY",
        FrameFormat::RAWRGB => "RGB",
        FrameFormat::RAWBGR => "BGR",
    }
}

impl FrameSource for CameraSource {
    fn pacing(&self) -> Pacing {
        Pacing::Live
    }

    fn mode(&self) -> Option<SourceMode> {
        Some(self.mode)
    }

    fn next(&mut self) -> SourceStep {
        let mut damaged = 0;
        loop {
            // May block for ever on a stalled camera: the supervisor watches.
            let buffer = match self.camera.frame() {
                Ok(b) => b,
                Err(e) => {
                    return SourceStep::Failed(SourceTrouble::new(
                        TroubleKind::Interrupted,
                        tr!("source-stopped", why = &trouble(&e.to_string()).words),
                    ))
                }
            };
            if self.skip > 0 {
                self.skip -= 1;
                continue;
            }
            match buffer.decode_image::<RgbFormat>() {
                Ok(img) => return SourceStep::Frame(Arc::new(RgbImage::from(img))),
                Err(_) => {
                    damaged += 1;
                    if damaged >= DAMAGED_IN_A_ROW_TO_REPORT {
                        return SourceStep::Problem(SourceTrouble::new(
                            TroubleKind::Interrupted,
                            tr!("source-damaged"),
                        ));
                    }
                }
            }
        }
    }
}

impl Drop for CameraSource {
    fn drop(&mut self) {
        let _ = self.camera.stop_stream();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn driver_errors_are_told_by_kind() {
        let none = trouble("Could not open device /dev/video0: No such file or directory");
        assert_eq!(none.kind, TroubleKind::NoCamera);
        assert_eq!(none.words, no_camera_words());
        let denied = trouble("Permission denied (os error 13)");
        assert_eq!(denied.kind, TroubleKind::NotAllowed);
        assert!(!denied.words.contains('`'));
        assert!(denied.to_string().contains("`video` group"));
        assert_eq!(trouble("Device or resource busy").kind, TroubleKind::InUse);
        assert_eq!(
            trouble("VIDIOC_STREAMON: Invalid argument").kind,
            TroubleKind::Other
        );
    }

    /// This machine has no webcam: the only camera behaviour testable here is
    /// saying so. On a machine with one, `open` succeeds and this test is moot.
    #[test]
    fn with_no_camera_open_says_so() {
        if matches!(nokhwa::query(ApiBackend::Auto), Ok(l) if !l.is_empty()) {
            eprintln!("a camera is present: skipped");
            return;
        }
        match open(0) {
            Ok(_) => panic!("opened a camera that query() does not list"),
            Err(t) => assert!(
                matches!(t.kind, TroubleKind::NoCamera | TroubleKind::NotAllowed),
                "{t}"
            ),
        }
    }
}
