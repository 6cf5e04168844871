//! The camera format choice on the format lists real webcams report. Each list is
//! written as `v4l2-ctl --list-formats-ext` prints it for that camera, in the
//! public report named above it (pixel format, size, frame rates), kept to what
//! nokhwa passes on: it lists MJPG, YUYV, NV12 and GREY and drops the rest (H264,
//! metadata formats). 7.5 fps is listed as 7, as nokhwa's whole frame rates give it.

use kycam::pipeline::source::camera_format::{choose_format, Unusable};
use nokhwa::utils::{CameraFormat, FrameFormat};

type Listing<'a> = &'a [(&'a str, u32, u32, &'a [u32])];

/// The formats of a listing, one per size and rate, as nokhwa reports them.
fn formats(listing: Listing) -> Vec<CameraFormat> {
    listing
        .iter()
        .flat_map(|&(fourcc, w, h, rates)| {
            let format = match fourcc {
                "MJPG" => FrameFormat::MJPEG,
                "YUYV" => FrameFormat::YUYV,
                "NV12" => FrameFormat::NV12,
                "GREY" => FrameFormat::GRAY,
                other => panic!("{other} is not a format nokhwa lists"),
            };
            rates
                .iter()
                .map(move |&fps| CameraFormat::new_from(w, h, format, fps))
        })
        .collect()
}

fn chosen(listing: Listing) -> Result<(FrameFormat, u32, u32, u32), Unusable> {
    choose_format(&formats(listing)).map(|f| (f.format(), f.width(), f.height(), f.frame_rate()))
}

const UVC_RATES_24: &[u32] = &[30, 24, 20, 15, 10, 7, 5];

/// A C920-class USB webcam (Logitech HD Pro Webcam C920, 046d:082d), from the
/// listings posted in github.com/pikvm/ustreamer/issues/213 and
/// github.com/Motion-Project/motion/issues/86: uncompressed YUYV falls to 10 fps
/// at 1280×720 on USB 2, MJPG keeps 30 fps up to 1920×1080.
const C920: Listing = &[
    ("YUYV", 640, 480, UVC_RATES_24),
    ("YUYV", 160, 90, UVC_RATES_24),
    ("YUYV", 320, 240, UVC_RATES_24),
    ("YUYV", 800, 600, &[24, 20, 15, 10, 7, 5]),
    ("YUYV", 960, 720, &[15, 10, 7, 5]),
    ("YUYV", 1280, 720, &[10, 7, 5]),
    ("YUYV", 1920, 1080, &[5]),
    ("YUYV", 2304, 1296, &[2]),
    ("YUYV", 2304, 1536, &[2]),
    ("MJPG", 640, 480, UVC_RATES_24),
    ("MJPG", 800, 600, UVC_RATES_24),
    ("MJPG", 1280, 720, UVC_RATES_24),
    ("MJPG", 1920, 1080, UVC_RATES_24),
];

#[test]
fn a_c920_class_camera_streams_mjpeg_720p_at_30() {
    assert_eq!(chosen(C920), Ok((FrameFormat::MJPEG, 1280, 720, 30)));
}

/// The same camera when only its uncompressed formats are usable (an MJPEG
/// decoder failing, as some report): the largest YUYV that keeps 15 fps, not
/// 1280×720 at 10.
#[test]
fn without_mjpeg_the_largest_yuyv_that_keeps_15_fps() {
    let yuyv: Vec<_> = C920.iter().filter(|l| l.0 == "YUYV").copied().collect();
    assert_eq!(chosen(&yuyv), Ok((FrameFormat::YUYV, 960, 720, 15)));
}

/// A built-in 720p laptop camera with an infrared sibling: the Dell XPS 13 9370's
/// "Integrated_Webcam_HD" (0c45:6a0f) shows four nodes, /dev/video0 the colour
/// camera, video2 the infrared one and video1, video3 metadata
/// (github.com/elementary/camera/issues/175). Its colour node lists what such
/// integrated UVC cameras list (MJPG up to 1280×720 at 30, YUYV 640×480 at 30 and
/// 1280×720 at 10); the infrared node lists GREY only, as the Surface Laptop 3's
/// does, 'GREY' 480×480 at 60 fps (github.com/linux-surface/linux-surface/issues/428).
const LAPTOP_COLOUR: Listing = &[
    ("MJPG", 1280, 720, &[30]),
    ("MJPG", 960, 540, &[30]),
    ("MJPG", 848, 480, &[30]),
    ("MJPG", 640, 480, &[30]),
    ("MJPG", 640, 360, &[30]),
    ("YUYV", 640, 480, &[30]),
    ("YUYV", 640, 360, &[30]),
    ("YUYV", 1280, 720, &[10]),
];
const LAPTOP_INFRARED: Listing = &[("GREY", 480, 480, &[60])];
const METADATA_NODE: Listing = &[];

#[test]
fn a_laptop_camera_and_its_infrared_and_metadata_nodes() {
    assert_eq!(
        chosen(LAPTOP_COLOUR),
        Ok((FrameFormat::MJPEG, 1280, 720, 30))
    );
    assert_eq!(chosen(LAPTOP_INFRARED), Err(Unusable::GreyOnly));
    assert_eq!(chosen(METADATA_NODE), Err(Unusable::NoPicture));
    assert!(Unusable::GreyOnly.reason().contains("infrared"));
}

/// A 4K camera: the Kodak PIXPRO 4K's listing in
/// github.com/knorth55/eus_vive/pull/20 (MJPG only; 4K at 5 fps). Not its largest
/// size: 1280×720 at 30 fps.
const PIXPRO_4K: Listing = &[
    ("MJPG", 3840, 2160, &[5]),
    ("MJPG", 2880, 2880, &[5]),
    ("MJPG", 2048, 2048, &[5]),
    ("MJPG", 1440, 1440, &[15, 5]),
    ("MJPG", 1920, 1080, &[15, 5]),
    ("MJPG", 1280, 720, &[30, 15, 5]),
    ("MJPG", 640, 360, &[30, 15, 5]),
];

#[test]
fn a_4k_camera_streams_720p_at_30_not_4k_at_5() {
    assert_eq!(chosen(PIXPRO_4K), Ok((FrameFormat::MJPEG, 1280, 720, 30)));
}

/// A fast camera offering 1280×720 at 60 and 30: 30, since more frames only cost
/// decoding (a 4K USB 3 webcam such as the Logitech BRIO lists both).
#[test]
fn of_several_rates_the_one_nearest_30() {
    let fast: Listing = &[
        ("MJPG", 1280, 720, &[90, 60, 30, 24]),
        ("NV12", 640, 480, &[30]),
    ];
    assert_eq!(chosen(fast), Ok((FrameFormat::MJPEG, 1280, 720, 30)));
}

/// Edge cases of the rule, not one camera's list: a colour camera that cannot
/// give 640×480 at 15 fps is refused, never opened smaller; MJPEG at another
/// size is taken when nothing better keeps 15 fps.
#[test]
fn never_below_640_by_480_and_other_mjpeg_sizes_last() {
    let small: Listing = &[("MJPG", 320, 240, &[30]), ("YUYV", 640, 480, &[5])];
    assert_eq!(chosen(small), Err(Unusable::TooSmallOrSlow));
    let hd_only: Listing = &[("MJPG", 1920, 1080, &[30]), ("YUYV", 640, 360, &[30])];
    assert_eq!(chosen(hd_only), Ok((FrameFormat::MJPEG, 1920, 1080, 30)));
    let nv12: Listing = &[("NV12", 800, 600, &[30]), ("NV12", 3840, 2160, &[30])];
    assert_eq!(chosen(nv12), Ok((FrameFormat::NV12, 800, 600, 30)));
}
