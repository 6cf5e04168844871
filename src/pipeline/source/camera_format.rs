//! Which of the formats a camera node reports kycam asks for: a pure function of
//! that list, so that it can be tested on the lists real webcams report.
//!
//! MJPEG 1280×720 at 25 fps or more comes first: sharp enough to read a card, and
//! compressed, so it fits a USB 2 bus at that size (uncompressed YUYV 1280×720
//! does about 10 fps there). Else the best uncompressed (YUYV, NV12) format that
//! keeps 15 fps, else any colour format that does; never below 640×480. A node
//! whose formats are all grey is an infrared camera (face login), and one with no
//! picture format at all is a metadata node: neither is a camera to use.

use nokhwa::utils::{CameraFormat, FrameFormat};

/// The preferred picture: MJPEG at this size.
const PREFERRED: (u32, u32) = (1280, 720);
/// The least frame rate for the preferred MJPEG size: smooth guidance.
const PREFERRED_MIN_FPS: u32 = 25;
/// Below this a moving card or face lags behind the guidance.
const MIN_FPS: u32 = 15;
/// The frame rate asked for when several are offered: more only costs decoding.
const TARGET_FPS: u32 = 30;
/// Fewer pixels than this cannot show a card's print readably (`document_size`
/// asks for 480 px across the card).
const MIN_SIZE: (u32, u32) = (640, 480);

/// Why a camera node offers no format kycam can use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unusable {
    /// No picture format at all: a metadata node beside the camera's own.
    NoPicture,
    /// Only greyscale pictures: an infrared camera.
    GreyOnly,
    /// Colour, but never 640×480 at 15 fps.
    TooSmallOrSlow,
}

impl Unusable {
    /// In plain words, for the person choosing a camera.
    pub fn reason(self) -> String {
        match self {
            Unusable::NoPicture => crate::tr!("camera-no-picture"),
            Unusable::GreyOnly => crate::tr!("camera-grey-only"),
            Unusable::TooSmallOrSlow => crate::tr!("camera-too-small-or-slow"),
        }
    }
}

/// The format to open from the list a camera node reports.
pub fn choose_format(formats: &[CameraFormat]) -> Result<CameraFormat, Unusable> {
    if formats.is_empty() {
        return Err(Unusable::NoPicture);
    }
    let colour: Vec<&CameraFormat> = formats
        .iter()
        .filter(|f| f.format() != FrameFormat::GRAY)
        .collect();
    if colour.is_empty() {
        return Err(Unusable::GreyOnly);
    }
    let usable = |f: &&&CameraFormat| {
        f.width() >= MIN_SIZE.0 && f.height() >= MIN_SIZE.1 && f.frame_rate() >= MIN_FPS
    };
    let preferred = colour
        .iter()
        .filter(|f| f.format() == FrameFormat::MJPEG)
        .filter(|f| (f.width(), f.height()) == PREFERRED)
        .filter(|f| f.frame_rate() >= PREFERRED_MIN_FPS)
        .min_by_key(|f| f.frame_rate().abs_diff(TARGET_FPS));
    let uncompressed = || {
        colour
            .iter()
            .filter(|f| matches!(f.format(), FrameFormat::YUYV | FrameFormat::NV12))
            .filter(usable)
            .max_by_key(|f| rank(f))
    };
    let any = || colour.iter().filter(usable).max_by_key(|f| rank(f));
    preferred
        .or_else(uncompressed)
        .or_else(any)
        .map(|f| **f)
        .ok_or(Unusable::TooSmallOrSlow)
}

/// Larger is better up to the preferred size, then the nearest above it (more
/// pixels than that only cost decoding and analysis); then a rate near 30 fps.
fn rank(f: &CameraFormat) -> (bool, i64, i64) {
    let area = i64::from(f.width()) * i64::from(f.height());
    let preferred_area = i64::from(PREFERRED.0) * i64::from(PREFERRED.1);
    let fits = area <= preferred_area;
    let size = if fits { area } else { -area };
    let rate = -i64::from(f.frame_rate().abs_diff(TARGET_FPS));
    (fits, size, rate)
}
