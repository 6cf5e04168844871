//! Motion between consecutive frames: the mean absolute difference of small grey
//! copies. Small copies make it cheap and blind to sensor noise and to the
//! sub-pixel jitter that does not blur a photo.

use image::GrayImage;

/// Width of the copies compared: 128 px is ~1 ms to make from 1280×720 and still
/// sees a hand's tremor of a few percent of the frame.
pub const MOTION_WIDTH: u32 = 128;

/// A small grey copy of `grey` for [`motion`].
pub fn motion_thumbnail(grey: &GrayImage) -> GrayImage {
    let (w, h) = grey.dimensions();
    if w <= MOTION_WIDTH || h == 0 {
        return grey.clone();
    }
    let th = ((h as f32 * MOTION_WIDTH as f32 / w as f32).round() as u32).max(1);
    image::imageops::thumbnail(grey, MOTION_WIDTH, th)
}

/// Mean absolute difference (0–255) of two thumbnails; `None` when their sizes
/// differ (the source changed resolution: no motion can be told).
pub fn motion(previous: &GrayImage, current: &GrayImage) -> Option<f32> {
    if previous.dimensions() != current.dimensions() || current.as_raw().is_empty() {
        return None;
    }
    let sum: u64 = previous
        .as_raw()
        .iter()
        .zip(current.as_raw())
        .map(|(&a, &b)| u64::from(a.abs_diff(b)))
        .sum();
    Some(sum as f32 / current.as_raw().len() as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars(offset: u32) -> GrayImage {
        GrayImage::from_fn(320, 180, |x, _| {
            image::Luma([if (x + offset) / 16 % 2 == 0 { 40 } else { 200 }])
        })
    }

    #[test]
    fn still_is_zero_and_a_shift_is_motion() {
        let a = motion_thumbnail(&bars(0));
        assert_eq!(a.width(), MOTION_WIDTH);
        assert_eq!(motion(&a, &a), Some(0.0));
        let moved = motion(&a, &motion_thumbnail(&bars(8))).expect("same size");
        assert!(moved > 30.0, "{moved}");
    }

    #[test]
    fn different_sizes_are_not_compared() {
        let a = GrayImage::new(10, 10);
        let b = GrayImage::new(10, 11);
        assert_eq!(motion(&a, &b), None);
    }
}
