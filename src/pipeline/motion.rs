//! Motion between consecutive frames: the mean absolute difference of small grey
//! copies, in the cell of a 4×4 grid that changed most. Small copies make it
//! cheap and blind to sensor noise and to sub-pixel jitter; the worst cell keeps
//! a moving face or card from being averaged away by a still background.

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

/// Cells per side of the grid the difference is summarised on.
const GRID: u32 = 4;

/// The largest mean absolute difference (0–255) over the cells of a 4×4 grid of
/// two thumbnails; `None` when their sizes differ (the source changed
/// resolution: no motion can be told).
pub fn motion(previous: &GrayImage, current: &GrayImage) -> Option<f32> {
    let (w, h) = current.dimensions();
    if previous.dimensions() != (w, h) || w == 0 || h == 0 {
        return None;
    }
    let grid_w = GRID.min(w);
    let grid_h = GRID.min(h);
    let mut sums = vec![0u64; (grid_w * grid_h) as usize];
    let mut counts = vec![0u64; sums.len()];
    for (i, (&a, &b)) in previous.as_raw().iter().zip(current.as_raw()).enumerate() {
        let (x, y) = (i as u32 % w, i as u32 / w);
        let cell = ((y * grid_h / h) * grid_w + x * grid_w / w) as usize;
        sums[cell] += u64::from(a.abs_diff(b));
        counts[cell] += 1;
    }
    sums.iter()
        .zip(&counts)
        .filter(|(_, &n)| n > 0)
        .map(|(&s, &n)| s as f32 / n as f32)
        .reduce(f32::max)
}

/// The largest absolute difference (0–255) of any pixel of two thumbnails; `None`
/// when their sizes differ.
pub fn largest_change(previous: &GrayImage, current: &GrayImage) -> Option<u8> {
    (previous.dimensions() == current.dimensions()).then(|| {
        previous
            .as_raw()
            .iter()
            .zip(current.as_raw())
            .map(|(&a, &b)| a.abs_diff(b))
            .max()
            .unwrap_or(0)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bars(offset: u32) -> GrayImage {
        GrayImage::from_fn(320, 180, |x, _| {
            image::Luma([if ((x + offset) / 16).is_multiple_of(2) {
                40
            } else {
                200
            }])
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
    fn a_small_moving_part_is_not_averaged_away() {
        let still = GrayImage::from_pixel(128, 72, image::Luma([100]));
        let mut moved = still.clone();
        // A 32×18 patch (one cell) changes by 80: 5 over the whole frame.
        for y in 0..18 {
            for x in 0..32 {
                moved.put_pixel(x, y, image::Luma([180]));
            }
        }
        assert_eq!(motion(&still, &moved), Some(80.0));
    }

    #[test]
    fn the_largest_change_is_of_one_pixel() {
        let still = GrayImage::from_pixel(128, 72, image::Luma([100]));
        let mut moved = still.clone();
        moved.put_pixel(7, 3, image::Luma([109]));
        moved.put_pixel(8, 3, image::Luma([96]));
        assert_eq!(largest_change(&still, &moved), Some(9));
        assert_eq!(largest_change(&still, &still), Some(0));
        assert_eq!(largest_change(&still, &GrayImage::new(128, 73)), None);
    }

    #[test]
    fn different_sizes_are_not_compared() {
        let a = GrayImage::new(10, 10);
        let b = GrayImage::new(10, 11);
        assert_eq!(motion(&a, &b), None);
    }
}
