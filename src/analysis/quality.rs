//! Image-quality measurements of a region: sharpness, exposure, evenness of
//! light and colour. Pure functions of pixels; the limits live in `rules`.

use image::{GrayImage, RgbImage};

use super::resample;

/// Sharpness is measured on the region resized to this width, so one limit holds
/// whatever the camera's resolution (raw focus measures scale with it).
pub const SHARPNESS_WIDTH_FRAME: u32 = 480;
/// Faces are small in a webcam frame (150–300 px at 30–50 cm); a smaller
/// normalised width keeps a sharp face from looking soft after upscaling.
pub const SHARPNESS_WIDTH_FACE: u32 = 192;

/// Length of the box blur that the blur-effect metric re-blurs with (Crété-Roffet
/// et al. 2007 use 9): an already blurred image changes little when re-blurred.
const REBLUR_TAPS: usize = 9;

/// Sharpness in 0..1: `1 − blur effect` of Crété-Roffet et al., which compares the
/// image's neighbour differences with those of a re-blurred copy. Sharp photos
/// score about 0.6–0.8, defocused or shaken ones below 0.5; a flat region scores 0.
pub fn sharpness(grey: &GrayImage, normalised_width: u32) -> f32 {
    let (w, h) = grey.dimensions();
    if w < 2 || h < 2 {
        return 0.0;
    }
    let resized;
    let img = if w != normalised_width {
        let nh = ((h as f32 * normalised_width as f32 / w as f32).round() as u32).max(2);
        resized = resample::resize_triangle(grey, normalised_width, nh);
        &resized
    } else {
        grey
    };
    tiled_sharpness(img)
}

/// Tiles per side for [`sharpness`]: a photo is as sharp as its detailed parts, so
/// plain wall or sky (which re-blurring barely changes) must not dilute the score.
const SHARPNESS_TILES: u32 = 4;

/// Tiles with less than this mean neighbour difference (grey levels) are plain.
const TEXTURED_TILE_MIN_GRADIENT: f32 = 2.0;

/// A rectangle of a grey image, borrowed: the tiles are measured in place.
#[derive(Clone, Copy)]
struct Tile<'a> {
    px: &'a [u8],
    stride: usize,
    x0: usize,
    y0: usize,
    w: usize,
    h: usize,
}

impl<'a> Tile<'a> {
    fn whole(img: &'a GrayImage) -> Self {
        let (w, h) = (img.width() as usize, img.height() as usize);
        Tile {
            px: img.as_raw(),
            stride: w,
            x0: 0,
            y0: 0,
            w,
            h,
        }
    }

    fn row(&self, y: usize) -> &'a [u8] {
        &self.px[(self.y0 + y) * self.stride + self.x0..][..self.w]
    }
}

fn tiled_sharpness(img: &GrayImage) -> f32 {
    let whole = Tile::whole(img);
    let (w, h) = (whole.w, whole.h);
    let n = SHARPNESS_TILES as usize;
    let mut scores = Vec::with_capacity(n * n);
    for ty in 0..n {
        for tx in 0..n {
            let (x0, x1) = (tx * w / n, (tx + 1) * w / n);
            let (y0, y1) = (ty * h / n, (ty + 1) * h / n);
            if x1 - x0 < 8 || y1 - y0 < 8 {
                continue;
            }
            let tile = Tile {
                x0,
                y0,
                w: x1 - x0,
                h: y1 - y0,
                ..whole
            };
            if mean_gradient(tile) < TEXTURED_TILE_MIN_GRADIENT {
                continue;
            }
            let blur = blur_effect(tile, true).max(blur_effect(tile, false));
            scores.push(1.0 - blur);
        }
    }
    if scores.is_empty() {
        // Small or plain: judge the whole image at once.
        let blur = blur_effect(whole, true).max(blur_effect(whole, false));
        return (1.0 - blur).clamp(0.0, 1.0);
    }
    scores.sort_by(f32::total_cmp);
    // The upper quartile: the detailed, in-focus part of the scene.
    scores[(scores.len() * 3 / 4).min(scores.len() - 1)].clamp(0.0, 1.0)
}

fn mean_gradient(tile: Tile) -> f32 {
    let mut sum = 0u64;
    for y in 0..tile.h {
        let row = tile.row(y);
        sum += row
            .windows(2)
            .map(|p| u64::from(p[1].abs_diff(p[0])))
            .sum::<u64>();
    }
    sum as f32 / (tile.w.saturating_sub(1) * tile.h).max(1) as f32
}

/// The blur effect along one direction: 0 = sharp, 1 = fully blurred (or flat).
///
/// Each neighbour difference of the tile is compared with that of a copy
/// re-blurred by a `REBLUR_TAPS` box (edges clamped). The box sums of two
/// neighbours differ by the two samples `REBLUR_TAPS / 2` beyond them, so the
/// re-blurred difference needs no blurred copy: ×`REBLUR_TAPS` it is
/// `p[i + half] − p[i − 1 − half]`, all in integers.
/// Over one run of pixels: the summed neighbour differences (×`REBLUR_TAPS`)
/// of `p − prev`, and how much of each the re-blurred difference
/// `ahead − behind` lost. In 32 bits per run (a run is at most a few thousand
/// pixels), so that the loop vectorises.
fn differences(p: &[u8], prev: &[u8], ahead: &[u8], behind: &[u8]) -> (u64, u64) {
    let taps = REBLUR_TAPS as i32;
    let (mut diff, mut lost) = (0u32, 0u32);
    for (((&p, &prev), &ahead), &behind) in p.iter().zip(prev).zip(ahead).zip(behind) {
        let d_orig = (i32::from(p) - i32::from(prev)).abs() * taps;
        let d_blur = (i32::from(ahead) - i32::from(behind)).abs();
        diff += d_orig as u32;
        lost += (d_orig - d_blur).max(0) as u32;
    }
    (u64::from(diff), u64::from(lost))
}

fn blur_effect(tile: Tile, horizontal: bool) -> f32 {
    let half = REBLUR_TAPS / 2;
    let (mut sum_diff, mut sum_lost) = (0u64, 0u64);
    let mut add = |(d, l): (u64, u64)| {
        sum_diff += d;
        sum_lost += l;
    };
    if horizontal {
        let n = tile.w;
        for y in 0..tile.h {
            let row = tile.row(y);
            // Near the ends the box is clamped, one pixel at a time; between
            // them every index is in range and the runs are plain slices.
            let lo = (half + 1).min(n);
            let hi = n.saturating_sub(half).max(lo);
            for i in (1..lo).chain(hi..n) {
                let at = |i: usize| std::slice::from_ref(&row[i.min(n - 1)]);
                add(differences(
                    at(i),
                    at(i - 1),
                    at(i + half),
                    at((i - 1).saturating_sub(half)),
                ));
            }
            if lo < hi {
                add(differences(
                    &row[lo..hi],
                    &row[lo - 1..hi - 1],
                    &row[lo + half..],
                    &row[lo - 1 - half..],
                ));
            }
        }
    } else {
        // Row by row, so that the runs lie along memory.
        let n = tile.h;
        for i in 1..n {
            add(differences(
                tile.row(i),
                tile.row(i - 1),
                tile.row((i + half).min(n - 1)),
                tile.row((i - 1).saturating_sub(half)),
            ));
        }
    }
    if sum_diff == 0 {
        return 1.0;
    }
    (sum_diff - sum_lost) as f32 / sum_diff as f32
}

/// Edges are timed where the grey level changes by at least this much across them:
/// print and the card's own features, not paper grain or sensor noise.
const EDGE_MIN_CONTRAST: i32 = 40;
/// A step smaller than this (grey levels) ends an edge's ramp: noise on the flat
/// on either side must not lengthen it.
const EDGE_RAMP_MIN_STEP: i32 = 3;
/// Ramps longer than this are shading (a shadow, uneven light), not an edge.
const EDGE_MAX_RAMP: usize = 24;
/// Fewer edges than this in a direction say nothing about it.
const EDGE_MIN_COUNT: usize = 50;
/// Rows and columns measured: every this many.
const EDGE_LINE_STEP: usize = 2;

/// Blur as the width of edges: the median 10–90 % rise, in pixels, of the strong edges
/// along rows and along columns, whichever is wider (a shake smears one direction).
/// A clean step rises within a pixel, print in sharp camera photos within 2–3 px; a
/// Gaussian blur of σ adds about 2.6 σ. Unlike
/// [`sharpness`] it needs no resizing and does not depend on how fine the print is, so
/// it can be taken at the document's own resolution. `None` when the image has too
/// few strong edges to say.
pub fn edge_rise_px(grey: &GrayImage) -> Option<f32> {
    let (w, h) = (grey.width() as usize, grey.height() as usize);
    let px = grey.as_raw();
    // Every other row and column: half the work, the same median.
    let mut rises = Vec::new();
    for row in px.chunks_exact(w.max(1)).step_by(EDGE_LINE_STEP) {
        edge_rises(row, &mut rises);
    }
    let along_rows = median_rise(&mut rises);
    rises.clear();
    let mut column = vec![0u8; h];
    for x in (0..w).step_by(EDGE_LINE_STEP) {
        for (y, p) in column.iter_mut().enumerate() {
            *p = px[y * w + x];
        }
        edge_rises(&column, &mut rises);
    }
    let along_columns = median_rise(&mut rises);
    match (along_rows, along_columns) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// The median of the rises of one direction, if there are enough to say.
fn median_rise(rises: &mut [f32]) -> Option<f32> {
    if rises.len() < EDGE_MIN_COUNT {
        return None;
    }
    let mid = rises.len() / 2;
    Some(*rises.select_nth_unstable_by(mid, f32::total_cmp).1)
}

/// Appends the 10–90 % rise of every strong edge along one line of pixels.
fn edge_rises(line: &[u8], rises: &mut Vec<f32>) {
    let n = line.len();
    let v = |i: usize| i32::from(line[i]);
    for i in 2..n.saturating_sub(2) {
        // Strongest point of the edge: the central difference peaks here.
        let d = v(i + 1) - v(i - 1);
        if d.abs() * 2 < EDGE_MIN_CONTRAST
            || d.abs() < (v(i) - v(i - 2)).abs()
            || d.abs() <= (v(i + 2) - v(i)).abs()
        {
            continue;
        }
        // The whole ramp: out from the peak while the level keeps moving its way.
        let s = d.signum();
        let (mut a, mut b) = (i, i);
        while a > 0 && i - a < EDGE_MAX_RAMP && (v(a) - v(a - 1)) * s >= EDGE_RAMP_MIN_STEP {
            a -= 1;
        }
        while b + 1 < n && b - i < EDGE_MAX_RAMP && (v(b + 1) - v(b)) * s >= EDGE_RAMP_MIN_STEP {
            b += 1;
        }
        let (low, high) = (v(a), v(b));
        if (high - low).abs() < EDGE_MIN_CONTRAST || b - a > EDGE_MAX_RAMP {
            continue;
        }
        // Where the ramp crosses 10 % and 90 % of its height, interpolated.
        let crossing = |frac: f32| {
            let level = low as f32 + (high - low) as f32 * frac;
            let mut j = a;
            while j < b && (v(j + 1) as f32 - level) * s as f32 <= 0.0 {
                j += 1;
            }
            let (v0, v1) = (v(j) as f32, v(j.min(b - 1) + 1) as f32);
            j as f32
                + if v1 != v0 {
                    (level - v0) / (v1 - v0)
                } else {
                    0.0
                }
        };
        rises.push(crossing(0.9) - crossing(0.1));
    }
}

/// Mean brightness (BT.601 luma, 0–255) of a grey region.
pub fn mean_brightness(grey: &GrayImage) -> f32 {
    let n = grey.as_raw().len();
    if n == 0 {
        return 0.0;
    }
    grey.as_raw().iter().map(|&v| u64::from(v)).sum::<u64>() as f32 / n as f32
}

/// How unevenly a region is lit: the brightest over the darkest cell of a 3×3 grid,
/// each cell summarised by its 90th-percentile brightness, which follows the light
/// falling on the paper or skin rather than the dark print or hair on it.
pub fn light_ratio(grey: &GrayImage) -> f32 {
    let (w, h) = grey.dimensions();
    if w < 3 || h < 3 {
        return 1.0;
    }
    let mut levels = Vec::with_capacity(9);
    for gy in 0..3 {
        for gx in 0..3 {
            let (x0, x1) = (gx * w / 3, (gx + 1) * w / 3);
            let (y0, y1) = (gy * h / 3, (gy + 1) * h / 3);
            levels.push(percentile(grey, x0, y0, x1, y1, 0.9));
        }
    }
    let max = levels.iter().copied().fold(0.0f32, f32::max);
    let min = levels.iter().copied().fold(f32::MAX, f32::min);
    // A floor of 8 grey levels keeps a black cell from making the ratio infinite.
    max.max(8.0) / min.max(8.0)
}

/// Brightness of the left half over the right half (≥ 1, brighter side on top):
/// light from one side is what makes a face look uneven.
pub fn left_right_ratio(grey: &GrayImage) -> f32 {
    let (w, h) = grey.dimensions();
    if w < 2 || h < 1 {
        return 1.0;
    }
    let left = percentile(grey, 0, 0, w / 2, h, 0.5);
    let right = percentile(grey, w / 2, 0, w, h, 0.5);
    left.max(right).max(8.0) / left.min(right).max(8.0)
}

pub(super) fn percentile(grey: &GrayImage, x0: u32, y0: u32, x1: u32, y1: u32, q: f32) -> f32 {
    let mut hist = [0u32; 256];
    let w = grey.width() as usize;
    let (x0, x1) = (x0 as usize, (x1 as usize).min(w));
    for row in grey
        .as_raw()
        .chunks_exact(w.max(1))
        .take(y1 as usize)
        .skip(y0 as usize)
    {
        for &v in &row[x0.min(x1)..x1] {
            hist[v as usize] += 1;
        }
    }
    histogram_quantile(&hist, q)
}

/// The grey level below which share `q` of a 256-bin histogram's counts lie; 255
/// for an empty histogram.
pub(super) fn histogram_quantile(hist: &[u32; 256], q: f32) -> f32 {
    let n: u32 = hist.iter().sum();
    let target = (n as f32 * q) as u32;
    let mut acc = 0;
    for (v, &c) in hist.iter().enumerate() {
        acc += c;
        if acc > target {
            return v as f32;
        }
    }
    255.0
}

/// Colour of a region.
#[derive(Clone, Copy, Debug, Default, PartialEq, serde::Serialize)]
pub struct Colour {
    /// Hasler–Süsstrunk colourfulness: 0 for a grey-only image, 15–50 for natural photos.
    pub colourfulness: f32,
    /// Colour cast of the light: the largest channel mean over the smallest,
    /// minus one (0 = neutral), the lower of the whole frame's and of its brightest
    /// surfaces'.
    pub cast: f32,
}

/// Colour statistics need no more than ~100 000 samples; a regular grid of
/// pixels keeps them exact enough and the pass cheap on full-HD frames.
const COLOUR_SAMPLES: u32 = 100_000;

/// Calls `f` on every `step`-th pixel of every `step`-th row (internal
/// iteration: a nested-iterator chain costs several times more per sample).
fn for_each_sample(rgb: &RgbImage, mut f: impl FnMut([u8; 3])) {
    let step = ((rgb.width() * rgb.height()) as f32 / COLOUR_SAMPLES as f32)
        .sqrt()
        .floor()
        .max(1.0) as usize;
    let row_len = rgb.width() as usize * 3;
    for row in rgb.as_raw().chunks_exact(row_len.max(3)).step_by(step) {
        row.chunks_exact(3)
            .step_by(step)
            .for_each(|p| f([p[0], p[1], p[2]]));
    }
}

pub fn colour(rgb: &RgbImage) -> Colour {
    if rgb.width() == 0 || rgb.height() == 0 {
        return Colour::default();
    }
    // Integer sums (exact, and a third of the cost of floats); rg and yb are
    // kept doubled so that yb = (r + g)/2 − b stays whole.
    let mut count = 0u64;
    let (mut srg, mut syb, mut srg2, mut syb2) = (0i64, 0i64, 0u64, 0u64);
    let mut hist = [0u32; 256];
    let mut channel_sums = [0u64; 3];
    for_each_sample(rgb, |p| {
        count += 1;
        let [r, g, b] = p.map(i64::from);
        channel_sums[0] += r as u64;
        channel_sums[1] += g as u64;
        channel_sums[2] += b as u64;
        let rg2 = 2 * (r - g);
        let yb2 = r + g - 2 * b;
        srg += rg2;
        syb += yb2;
        srg2 += (rg2 * rg2) as u64;
        syb2 += (yb2 * yb2) as u64;
        hist[luma(p) as usize] += 1;
    });
    let n = count as f64;
    let sums = channel_sums.map(|s| s as f64);
    let (srg, syb) = (srg as f64 / 2.0, syb as f64 / 2.0);
    let (srg2, syb2) = (srg2 as f64 / 4.0, syb2 as f64 / 4.0);
    let (mrg, myb) = (srg / n, syb / n);
    let var_rg = (srg2 / n - mrg * mrg).max(0.0);
    let var_yb = (syb2 / n - myb * myb).max(0.0);
    let colourfulness = (var_rg + var_yb).sqrt() + 0.3 * (mrg * mrg + myb * myb).sqrt();
    let max = sums.iter().copied().fold(0.0, f64::max);
    let min = sums.iter().copied().fold(f64::MAX, f64::min);
    // Channel means below ~8 grey levels say nothing about the light's colour.
    let grey_world = if min / n > 8.0 {
        (max / min - 1.0) as f32
    } else {
        0.0
    };
    Colour {
        colourfulness: colourfulness as f32,
        // A tinted light shifts both the mean colour and the highlights; a brown
        // desk shifts only the mean, skin only the highlights.
        cast: grey_world.min(highlight_cast(rgb, &hist)),
    }
}

/// The light's colour shows in the brightest surfaces (white walls, paper, the
/// glint on skin): a "white patch" estimate from the brightest 5 % of pixels,
/// clipped ones excluded as they have lost their colour. Returns the largest
/// channel mean over the smallest, minus one.
fn highlight_cast(rgb: &RgbImage, hist: &[u32; 256]) -> f32 {
    let total: u32 = hist.iter().sum();
    let mut acc = 0;
    let mut threshold = 255u8;
    for v in (0..=255u8).rev() {
        acc += hist[v as usize];
        if acc * 20 >= total {
            threshold = v;
            break;
        }
    }
    let mut sums = [0u64; 3];
    let mut count = 0u64;
    for_each_sample(rgb, |p| {
        let l = luma(p);
        if l >= threshold && p.iter().all(|&c| c < 250) {
            for (s, &c) in sums.iter_mut().zip(p.iter()) {
                *s += u64::from(c);
            }
            count += 1;
        }
    });
    let (max, min) = (sums.iter().max(), sums.iter().min());
    match (max, min) {
        // Highlights darker than ~30 grey levels say nothing about the light.
        (Some(&max), Some(&min)) if count > 0 && min > 30 * count => max as f32 / min as f32 - 1.0,
        _ => 0.0,
    }
}

pub(super) fn luma(c: [u8; 3]) -> u8 {
    ((u32::from(c[0]) * 77 + u32::from(c[1]) * 150 + u32::from(c[2]) * 29) >> 8) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checkerboard(w: u32, h: u32, cell: u32) -> GrayImage {
        GrayImage::from_fn(w, h, |x, y| {
            image::Luma([if (x / cell + y / cell).is_multiple_of(2) {
                40
            } else {
                210
            }])
        })
    }

    #[test]
    fn edges_widen_with_blur_by_about_two_and_a_half_sigma() {
        let sharp = checkerboard(240, 160, 24);
        let rise = edge_rise_px(&sharp).expect("edges");
        // A one-pixel step crosses 10 % and 90 % within that pixel.
        assert!(rise < 1.0, "{rise}");
        for sigma in [1.5f32, 2.0, 3.0] {
            let blurred = imageproc::filter::gaussian_blur_f32(&sharp, sigma);
            let rise = edge_rise_px(&blurred).expect("edges");
            assert!((rise - 2.56 * sigma).abs() < 0.6, "σ {sigma}: {rise}");
        }
    }

    #[test]
    fn a_shake_is_judged_by_the_direction_it_smears() {
        // Blurred along rows only: the columns still show crisp edges.
        let sharp = checkerboard(240, 160, 24);
        let shaken = imageproc::filter::horizontal_filter(&sharp, &[1.0f32 / 9.0; 9]);
        let mut rises = Vec::new();
        for row in shaken.as_raw().chunks_exact(240) {
            edge_rises(row, &mut rises);
        }
        let rows = median_rise(&mut rises);
        assert!(rows.is_some_and(|r| r > 5.0), "{rows:?}");
        let rise = edge_rise_px(&shaken).expect("edges");
        assert_eq!(Some(rise), rows);
    }

    #[test]
    fn plain_or_tiny_images_have_no_edge_rise() {
        assert_eq!(
            edge_rise_px(&GrayImage::from_pixel(300, 200, image::Luma([128]))),
            None
        );
        for (w, h) in [(1, 1), (3, 3), (4, 60), (60, 4)] {
            assert_eq!(edge_rise_px(&checkerboard(w, h, 1)), None, "{w}×{h}");
        }
    }

    #[test]
    fn blurring_lowers_sharpness() {
        let sharp = checkerboard(320, 240, 8);
        let blurred = imageproc::filter::gaussian_blur_f32(&sharp, 3.0);
        let s = sharpness(&sharp, 320);
        let b = sharpness(&blurred, 320);
        assert!(s > 0.6, "sharp {s}");
        assert!(b < s - 0.2, "blurred {b} vs sharp {s}");
    }

    #[test]
    fn flat_region_has_no_sharpness_and_tiny_images_do_not_panic() {
        assert_eq!(
            sharpness(&GrayImage::from_pixel(50, 50, image::Luma([128])), 64),
            0.0
        );
        assert_eq!(sharpness(&GrayImage::new(1, 1), 64), 0.0);
        // Narrower than the re-blurring box (a 3×3 photo to `kycam check` crashed).
        for (w, h) in [(3, 3), (5, 2), (2, 9), (9, 4), (10, 3)] {
            let img = checkerboard(w, h, 1);
            let s = sharpness(&img, w);
            assert!((0.0..=1.0).contains(&s), "{w}×{h}: {s}");
        }
        assert_eq!(light_ratio(&GrayImage::new(1, 1)), 1.0);
    }

    #[test]
    fn grey_image_has_no_colourfulness() {
        let grey = RgbImage::from_fn(64, 64, |x, _| image::Rgb([x as u8 * 3; 3]));
        assert!(colour(&grey).colourfulness < 0.5);
        assert!(colour(&grey).cast.abs() < 1e-3);
        let blue = RgbImage::from_pixel(64, 64, image::Rgb([90, 100, 160]));
        assert!(colour(&blue).cast > 0.7);
    }

    #[test]
    fn light_falling_off_to_one_side_is_uneven() {
        let even = GrayImage::from_pixel(90, 90, image::Luma([180]));
        let ramp = GrayImage::from_fn(90, 90, |x, _| image::Luma([(60 + x * 2) as u8]));
        assert!((light_ratio(&even) - 1.0).abs() < 1e-6);
        assert!(light_ratio(&ramp) > 2.0);
    }
}
