//! Image-quality measurements of a region: sharpness, glare, exposure, evenness of
//! light and colour. Pure functions of pixels; the limits live in `rules`.

use image::{GrayImage, RgbImage};

use super::resample;

use crate::geometry::Rect;

/// Sharpness is measured on the region resized to this width, so one limit holds
/// whatever the camera's resolution (DESIGN §3: raw focus measures scale with it).
pub const SHARPNESS_WIDTH_FRAME: u32 = 480;
/// Faces are small in a webcam frame (150–300 px at 30–50 cm); a smaller
/// normalised width keeps a sharp face from looking soft after upscaling.
pub const SHARPNESS_WIDTH_FACE: u32 = 192;

/// Length of the box blur that the blur-effect metric re-blurs with (Crété-Roffet
/// et al. 2007 use 9): an already blurred image changes little when re-blurred.
const REBLUR_TAPS: usize = 9;

/// A pixel is specular when every channel is near clipping: bright and colourless.
const SPECULAR_MIN_CHANNEL: u8 = 240;

/// Glare blobs are labelled on a copy at most this wide: blobs smaller than a few
/// pixels there are specks, not reflections a reviewer would reject.
pub const GLARE_WORK_WIDTH: u32 = 320;

/// The size to warp a `w`×`h` rectified document to for [`glare`]: glare is
/// judged on a grid `GLARE_WORK_WIDTH` wide, each cell the mean of its pixels,
/// and twice that both ways (even) makes every cell 2×2 pixels, for a third of
/// the cost of the full size.
pub fn glare_warp_size(w: u32, h: u32) -> (u32, u32) {
    (2 * GLARE_WORK_WIDTH, 2 * (GLARE_WORK_WIDTH * h / w.max(1)))
}

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
/// A sharp edge rises within 2–3 px; a Gaussian blur of σ adds about 2.6 σ. Unlike
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

/// Specular reflections in a region.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Glare {
    /// Share of the region's pixels that are specular (on documents: those of the
    /// reflections kept, plus their veil cells).
    pub share: f32,
    /// Share of the region covered by the largest connected reflection.
    pub largest_share: f32,
    /// The reflections, largest first (at most 5), in region pixels.
    pub blobs: Vec<Rect>,
}

/// What counts as glare in a region.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GlareKind {
    /// Clipped, colourless pixels only: on skin, a bright patch brighter than its
    /// surroundings is usually just a highlight of the face's shape.
    Specular,
    /// Also a veil: light reflected off laminate washes out the print under it
    /// without clipping, leaving a patch that is brighter than the paper around it
    /// and greyer than it. White print (an MRZ band, title blocks, a scan's white
    /// page) is told apart by the dark print it keeps inside and its crisp rim.
    SpecularAndVeil,
}

/// A veil cell is at least this much brighter (grey levels) than the paper, ...
const VEIL_MIN_RISE: f32 = 25.0;
/// ... bright in itself, ...
const VEIL_MIN_LUMA: f32 = 170.0;
/// ... and nearly colourless (max − min channel of the cell mean).
const VEIL_MAX_CHROMA: f32 = 24.0;
/// Print darker than this (luma) inside a bright region means the region is white
/// print, not a reflection: glare adds light to everything under it, so ink under a
/// veil bright enough to count (paper risen by 25+ levels) reads 140 or more. (100
/// missed the MRZ bars of the synthetic cards, which the warp softens to 100–140.)
const INK_MAX_LUMA: u8 = 140;
/// A bright region on a document whose row spans enclose more than this share of dark
/// print is a white printed area (an MRZ band, a title block), not glare.
const GLARE_MAX_INK_SHARE: f32 = 0.05;
/// Cells this bright (mean luma) are clipped white: the core of a reflection, or
/// white paper in a scan.
const CLIPPED_LUMA: u8 = 250;
/// A clipped core is at least this many cells from its middle to its rim (2 cells =
/// 4 px of the 640-wide rectified document).
const CORE_MIN_RADIUS: u8 = 2;
/// A reflection fades out at its rim: few of the steps from just inside to just
/// outside it exceed `RIM_CRISP_STEP` (ink under a halo makes some). A white printed
/// block or a portrait's light background ends in crisp steps along much of it.
/// (A step of 40 on half the rim passed 131 of the 161 synthetic cards without glare,
/// 20 on 35 % passes 146; every card with glare still fails.)
const RIM_CRISP_STEP: f32 = 20.0;
const GLARE_MAX_CRISP_RIM: f32 = 0.35;
/// Blocks per side over which the paper's brightness is estimated.
const PAPER_BLOCKS: u32 = 4;

/// The brightness of the bare paper: the median over a 4×4 grid of blocks of each
/// block's 75th percentile (print is darker, and a reflection covering a block or
/// two does not move the median).
fn paper_level(luma: &GrayImage) -> f32 {
    let (w, h) = luma.dimensions();
    let mut levels: Vec<f32> = Vec::new();
    for by in 0..PAPER_BLOCKS {
        for bx in 0..PAPER_BLOCKS {
            let (x0, x1) = (bx * w / PAPER_BLOCKS, (bx + 1) * w / PAPER_BLOCKS);
            let (y0, y1) = (by * h / PAPER_BLOCKS, (by + 1) * h / PAPER_BLOCKS);
            if x1 > x0 && y1 > y0 {
                levels.push(percentile(luma, x0, y0, x1, y1, 0.75));
            }
        }
    }
    levels.sort_by(f32::total_cmp);
    levels.get(levels.len() / 2).copied().unwrap_or(255.0)
}

pub fn glare(region: &RgbImage, kind: GlareKind) -> Glare {
    let (w, h) = region.dimensions();
    if w == 0 || h == 0 {
        return Glare::default();
    }
    let scale = (GLARE_WORK_WIDTH as f32 / w as f32).min(1.0);
    let (sw, sh) = (
        ((w as f32 * scale).round() as u32).max(1),
        ((h as f32 * scale).round() as u32).max(1),
    );
    // Each cell of the small grid covers a block of the region: it is specular when
    // most of its pixels are (which keeps one-pixel JPEG specks out); its mean colour
    // serves the veil test.
    let mut mask = GrayImage::new(sw, sh);
    let mut cell_luma = GrayImage::new(sw, sh);
    let mut cell_chroma = vec![0f32; (sw * sh) as usize];
    // Documents: specular pixels per cell, so that a region found to be white print can
    // be taken out of the share (empty otherwise: faces are measured every frame).
    let on_document = kind == GlareKind::SpecularAndVeil;
    let n_cells = if on_document { (sw * sh) as usize } else { 0 };
    let mut cell_specular = vec![0u32; n_cells];
    let mut is_veil = vec![false; n_cells];
    let mut specular_total = 0u64;
    let cell_w = w as f32 / sw as f32;
    let cell_h = h as f32 / sh as f32;
    // Cell bounds along each axis, computed once.
    let bounds = |n: u32, cell: f32, limit: u32| -> Vec<(usize, usize)> {
        (0..n)
            .map(|i| {
                let lo = (i as f32 * cell) as u32;
                let hi = (((i + 1) as f32 * cell) as u32).clamp(lo + 1, limit);
                (lo as usize, hi as usize)
            })
            .collect()
    };
    let raw = region.as_raw();
    let row_len = w as usize * 3;
    let (mask_px, luma_px) = (&mut *mask, &mut *cell_luma);
    let mut finish = |i: usize, count: u32, sum: [u32; 3], cell: u32| {
        specular_total += u64::from(count);
        if let Some(c) = cell_specular.get_mut(i) {
            *c = count;
        }
        if count * 2 > cell {
            mask_px[i] = 255;
        }
        let mean = sum.map(|s| (s / cell) as u8);
        luma_px[i] = luma(mean);
        let (mx, mn) = (mean.iter().max(), mean.iter().min());
        cell_chroma[i] = f32::from(mx.unwrap_or(&0) - mn.unwrap_or(&0));
    };
    let specular = |c: &[u8]| u32::from(c[0].min(c[1]).min(c[2]) >= SPECULAR_MIN_CHANNEL);
    if w == 2 * sw && h == 2 * sh {
        // Cells of exactly 2×2 pixels (a rectified document): two rows at a time.
        for (gy, rows) in raw.chunks_exact(2 * row_len).enumerate() {
            let (top, bottom) = rows.split_at(row_len);
            for (gx, (a, b)) in top.chunks_exact(6).zip(bottom.chunks_exact(6)).enumerate() {
                let count =
                    specular(&a[..3]) + specular(&a[3..]) + specular(&b[..3]) + specular(&b[3..]);
                let sum: [u32; 3] = std::array::from_fn(|ch| {
                    u32::from(a[ch])
                        + u32::from(a[3 + ch])
                        + u32::from(b[ch])
                        + u32::from(b[3 + ch])
                });
                finish(gy * sw as usize + gx, count, sum, 4);
            }
        }
    } else {
        let (xs, ys) = (bounds(sw, cell_w, w), bounds(sh, cell_h, h));
        for (gy, &(y0, y1)) in ys.iter().enumerate() {
            for (gx, &(x0, x1)) in xs.iter().enumerate() {
                let mut count = 0u32;
                let mut sum = [0u32; 3];
                for row in raw[y0 * row_len..y1 * row_len].chunks_exact(row_len) {
                    for c in row[x0 * 3..x1 * 3].chunks_exact(3) {
                        count += specular(c);
                        sum[0] += u32::from(c[0]);
                        sum[1] += u32::from(c[1]);
                        sum[2] += u32::from(c[2]);
                    }
                }
                let cell = ((x1 - x0) * (y1 - y0)) as u32;
                finish(gy * sw as usize + gx, count, sum, cell);
            }
        }
    }
    let pixel_share = 1.0 / (u64::from(w) * u64::from(h)) as f32;
    let cell_share = 1.0 / (sw * sh) as f32;
    let mut share = specular_total as f32 * pixel_share;
    if on_document {
        let paper = paper_level(&cell_luma);
        for (x, y, p) in mask.enumerate_pixels_mut() {
            let l = f32::from(cell_luma.get_pixel(x, y).0[0]);
            let rise = l - paper;
            let chroma = cell_chroma[(y * sw + x) as usize];
            if p.0[0] == 0
                && rise >= VEIL_MIN_RISE
                && l >= VEIL_MIN_LUMA
                && chroma <= VEIL_MAX_CHROMA
            {
                p.0[0] = 255;
                is_veil[(y * sw + x) as usize] = true;
            }
        }
        // A reflection over white print merges with it, so its clipped core is
        // labelled on its own (255; the merely bright cells 128). Only a compact core
        // counts: clipped paper between dark strokes under the rim of a reflection is
        // print showing through it.
        let mut core = GrayImage::from_fn(sw, sh, |x, y| {
            let clipped =
                mask.get_pixel(x, y).0[0] != 0 && cell_luma.get_pixel(x, y).0[0] >= CLIPPED_LUMA;
            image::Luma([if clipped { 255 } else { 0 }])
        });
        if core.iter().any(|&c| c != 0) {
            // A square of radius CORE_MIN_RADIUS; beyond the border counts as set, so a
            // reflection cut by the edge keeps its core.
            imageproc::morphology::open_mut(
                &mut core,
                imageproc::distance_transform::Norm::LInf,
                CORE_MIN_RADIUS,
            );
        }
        for (m, &core) in mask.iter_mut().zip(core.as_raw()) {
            if *m != 0 && core == 0 {
                *m = 128;
            }
        }
    }
    if mask.as_raw().iter().all(|&m| m == 0) {
        // Nothing to label (the usual case).
        return Glare {
            share: if on_document { 0.0 } else { share },
            ..Glare::default()
        };
    }
    // imageproc's labelling panics on a one-pixel image (a 1×1 photo to `kycam check`);
    // its one cell, set here, is its own region.
    let labels = if sw * sh == 1 {
        image::ImageBuffer::from_pixel(1, 1, image::Luma([1u32]))
    } else {
        imageproc::region_labelling::connected_components(
            &mask,
            imageproc::region_labelling::Connectivity::Eight,
            image::Luma([0u8]),
        )
    };
    // Per label (numbered from 1): (count, min x, min y, max x, max y).
    let mut stats: Vec<(u32, u32, u32, u32, u32)> = Vec::new();
    for (x, y, l) in labels.enumerate_pixels() {
        let l = l.0[0] as usize;
        if l == 0 {
            continue;
        }
        if stats.len() < l {
            stats.resize(l, (0, u32::MAX, u32::MAX, 0, 0));
        }
        let e = &mut stats[l - 1];
        e.0 += 1;
        e.1 = e.1.min(x);
        e.2 = e.2.min(y);
        e.3 = e.3.max(x);
        e.4 = e.4.max(y);
    }
    if on_document {
        // Printed white is no reflection: drop the regions that still show dark print
        // inside them or end in a crisp printed edge. What is left counts: specular
        // pixels of the regions' cells and their veil cells. (Lone specular pixels in
        // cells that are not mostly specular are the edges of white print.)
        let printed = printed_white(&labels, &cell_luma, stats.len());
        share = 0.0;
        for (i, &l) in labels.as_raw().iter().enumerate() {
            if l != 0 && !printed[l as usize - 1] {
                share += if is_veil[i] {
                    cell_share
                } else {
                    cell_specular[i] as f32 * pixel_share
                };
            }
        }
        // Summed in f32 over up to 64 k cells: a whole-white region may come out a hair
        // over 1.
        share = share.min(1.0);
        for (e, &p) in stats.iter_mut().zip(&printed) {
            if p {
                e.0 = 0;
            }
        }
    }
    let mut blobs: Vec<_> = stats.into_iter().filter(|b| b.0 > 0).collect();
    blobs.sort_by_key(|b| std::cmp::Reverse(b.0));
    let small_area = (sw * sh) as f32;
    let largest_share = blobs.first().map_or(0.0, |b| b.0 as f32 / small_area);
    let blobs = blobs
        .iter()
        .take(5)
        .map(|&(_, x0, y0, x1, y1)| {
            Rect::new(
                x0 as f32 * cell_w,
                y0 as f32 * cell_h,
                (x1 + 1 - x0) as f32 * cell_w,
                (y1 + 1 - y0) as f32 * cell_h,
            )
        })
        .collect();
    Glare {
        share,
        largest_share,
        blobs,
    }
}

/// Per bright region (labels numbered from 1): whether it is white print rather than a
/// reflection. A reflection adds light to everything under it and fades out at its
/// rim; white print keeps its ink inside (dark cells between the region's leftmost and
/// rightmost cell in a row) and ends in a crisp step to the colour around it.
fn printed_white(
    labels: &image::ImageBuffer<image::Luma<u32>, Vec<u32>>,
    luma: &GrayImage,
    n: usize,
) -> Vec<bool> {
    let (w, h) = (labels.width() as usize, labels.height() as usize);
    let (lab, lum) = (labels.as_raw(), luma.as_raw());
    let mut ink = vec![0u32; n];
    let mut spans: Vec<(u32, usize, usize)> = Vec::new();
    for y in 0..h {
        let (lrow, row) = (&lab[y * w..(y + 1) * w], &lum[y * w..(y + 1) * w]);
        spans.clear();
        for (x, &l) in lrow.iter().enumerate() {
            if l == 0 {
                continue;
            }
            match spans.iter_mut().find(|s| s.0 == l) {
                Some(s) => s.2 = x,
                None => spans.push((l, x, x)),
            }
        }
        for &(l, x0, x1) in &spans {
            let dark = (x0..=x1)
                .filter(|&x| lrow[x] == 0 && row[x] < INK_MAX_LUMA)
                .count();
            ink[l as usize - 1] += dark as u32;
        }
    }
    // The rim: pairs of 4-neighbours, one inside the region and one outside it, and
    // how many of them are a crisp step.
    let mut rim = vec![0u32; n];
    let mut crisp = vec![0u32; n];
    let mut area = vec![0u32; n];
    for y in 0..h {
        for x in 0..w {
            let i = y * w + x;
            let l = lab[i];
            if l == 0 {
                continue;
            }
            let l = l as usize - 1;
            area[l] += 1;
            let neighbours = [
                (x > 0).then(|| i - 1),
                (x + 1 < w).then(|| i + 1),
                (y > 0).then(|| i - w),
                (y + 1 < h).then(|| i + w),
            ];
            for j in neighbours.into_iter().flatten() {
                if lab[j] != lab[i] {
                    rim[l] += 1;
                    crisp[l] += (f32::from(lum[i]) - f32::from(lum[j]) > RIM_CRISP_STEP) as u32;
                }
            }
        }
    }
    (0..n)
        .map(|l| {
            let inked = ink[l] as f32 > GLARE_MAX_INK_SHARE * (area[l] + ink[l]) as f32;
            let edged = crisp[l] as f32 > GLARE_MAX_CRISP_RIM * rim[l] as f32;
            area[l] > 0 && (inked || edged)
        })
        .collect()
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

fn percentile(grey: &GrayImage, x0: u32, y0: u32, x1: u32, y1: u32, q: f32) -> f32 {
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

fn luma(c: [u8; 3]) -> u8 {
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
        assert_eq!(
            glare(&RgbImage::new(0, 0), GlareKind::Specular),
            Glare::default()
        );
        assert_eq!(light_ratio(&GrayImage::new(1, 1)), 1.0);
    }

    #[test]
    fn a_white_spot_is_glare_located_where_it_is() {
        let mut img = RgbImage::from_pixel(200, 100, image::Rgb([120, 110, 100]));
        for y in 40..60 {
            for x in 150..170 {
                img.put_pixel(x, y, image::Rgb([255, 255, 255]));
            }
        }
        let g = glare(&img, GlareKind::Specular);
        assert!((g.share - 400.0 / 20000.0).abs() < 1e-4);
        let b = g.blobs[0];
        assert!(
            (b.x - 150.0).abs() <= 1.0 && (b.y - 40.0).abs() <= 1.0,
            "{b:?}"
        );
        // A bright but coloured patch is not glare.
        let yellow = RgbImage::from_pixel(50, 50, image::Rgb([255, 250, 40]));
        assert_eq!(glare(&yellow, GlareKind::SpecularAndVeil).share, 0.0);
    }

    /// A tinted card, 640×400 like a rectified one, with a white MRZ-like band of dark
    /// bars along its bottom and a white title block on a dark header band.
    fn card_with_white_print() -> RgbImage {
        let mut card = RgbImage::from_pixel(640, 400, image::Rgb([205, 195, 175]));
        for (x, y, p) in card.enumerate_pixels_mut() {
            if y >= 300 {
                let bar = (320..380).contains(&y) && (30..610).contains(&x) && (x / 6) % 2 == 0;
                p.0 = if bar { [20, 20, 20] } else { [245, 245, 240] };
            } else if (20..60).contains(&y) {
                let block = (200..320).contains(&x) && (30..50).contains(&y);
                p.0 = if block { [240; 3] } else { [60, 60, 140] };
            }
        }
        card
    }

    #[test]
    fn white_print_on_a_document_is_not_glare() {
        let g = glare(&card_with_white_print(), GlareKind::SpecularAndVeil);
        assert!(g.largest_share < 0.001, "{g:?}");
        assert!(g.share < 0.001, "{g:?}");
    }

    #[test]
    fn tiny_and_blank_regions_do_not_panic() {
        for (w, h) in [(1, 1), (2, 1), (1, 5), (3, 2), (7, 640)] {
            let white = RgbImage::from_pixel(w, h, image::Rgb([255; 3]));
            for kind in [GlareKind::Specular, GlareKind::SpecularAndVeil] {
                let g = glare(&white, kind);
                assert!((0.0..=1.0).contains(&g.share), "{w}×{h}: {g:?}");
            }
        }
    }

    #[test]
    fn a_soft_reflection_over_print_is_glare() {
        // A reflection fading out over 60 px, centred on the band's bars.
        let mut card = card_with_white_print();
        for (x, y, p) in card.enumerate_pixels_mut() {
            let d2 = (x as f32 - 320.0).powi(2) + (y as f32 - 330.0).powi(2);
            let k = (1.6 * (-d2 / (2.0 * 30.0f32.powi(2))).exp()).min(1.0);
            p.0 =
                p.0.map(|v| (f32::from(v) + (255.0 - f32::from(v)) * k) as u8);
        }
        let g = glare(&card, GlareKind::SpecularAndVeil);
        assert!(g.largest_share > 0.0075, "{g:?}");
        let b = g.blobs[0];
        assert!(b.x < 320.0 && b.right() > 320.0, "{b:?}");
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
