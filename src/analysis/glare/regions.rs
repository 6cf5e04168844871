//! Bright regions on a document, and which of them are reflections: connected regions
//! of set cells, told from white print, white fields and the paper's own white by what
//! a reflection does and print does not (see [`not_reflections`]).

use image::GrayImage;

use super::params::GlareParams;

/// Connected regions of cells, numbered from 1 (0: none).
pub(super) type Labels = image::ImageBuffer<image::Luma<u32>, Vec<u32>>;

/// A connected region of set cells: its size and bounding box in cells.
pub(super) struct Region {
    pub cells: u32,
    pub x0: u32,
    pub y0: u32,
    pub x1: u32,
    pub y1: u32,
}

/// The 8-connected regions of the non-zero cells of `mask` (cells of different values
/// are different regions), and each region's extent (region `l` at index `l − 1`).
pub(super) fn label_regions(mask: &GrayImage) -> (Labels, Vec<Region>) {
    // imageproc's labelling panics on a one-pixel image (a 1×1 photo to `kycam check`);
    // its one cell, set here, is its own region.
    let labels = if mask.width() * mask.height() == 1 {
        Labels::from_pixel(1, 1, image::Luma([1u32]))
    } else {
        imageproc::region_labelling::connected_components(
            mask,
            imageproc::region_labelling::Connectivity::Eight,
            image::Luma([0u8]),
        )
    };
    let mut regions: Vec<Region> = Vec::new();
    for (x, y, l) in labels.enumerate_pixels() {
        let l = l.0[0] as usize;
        if l == 0 {
            continue;
        }
        if regions.len() < l {
            regions.resize_with(l, || Region {
                cells: 0,
                x0: u32::MAX,
                y0: u32::MAX,
                x1: 0,
                y1: 0,
            });
        }
        let r = &mut regions[l - 1];
        r.cells += 1;
        r.x0 = r.x0.min(x);
        r.y0 = r.y0.min(y);
        r.x1 = r.x1.max(x);
        r.y1 = r.y1.max(y);
    }
    (labels, regions)
}

/// Per region (labels numbered from 1): whether it is no reflection. A reflection adds
/// light to everything under it, so it is brighter than the white of the paper around
/// it, and fades out at its rim. It is not one when it is
/// - a strip along a side ([`along_a_side`]);
/// - no brighter than the surrounding paper's white ([`surround_white`]): the paper's
///   own white between print (a scan's white band, a pale page's white fields);
/// - flat and little brighter than it: a white field or margin (a reflection fades
///   out from its middle; its clipped core, flat at 255, is labelled on its own and
///   rises far above the paper);
/// - white print or a white patch: dark print inside, or a rim that is crisp or drops
///   steeply within three cells ([`Looks`]), unless it sparkles: laminate breaks a
///   reflection into bright specks, which make its rim crisp while the print under it
///   shows through.
pub(super) fn not_reflections(
    labels: &Labels,
    luma: &GrayImage,
    regions: &[Region],
    p: &GlareParams,
) -> Vec<bool> {
    let looks = Looks::of(labels, luma, regions.len(), p);
    let (w, h) = labels.dimensions();
    regions
        .iter()
        .zip(&looks)
        .map(|(r, look)| {
            if along_a_side(r, w, h, p) || r.cells == 0 {
                return true;
            }
            let white = surround_white(labels, luma, r, p);
            let n = f64::from(r.cells);
            let mean64 = look.luma_sum as f64 / n;
            let spread = (look.luma_sq_sum as f64 / n - mean64 * mean64)
                .max(0.0)
                .sqrt() as f32;
            let mean = mean64 as f32;
            let rise = mean - white;
            // A reflection's clipped core is flat at 255 (split from its halo).
            let clipped = mean >= f32::from(super::CLIPPED_LUMA);
            let flat = !clipped && spread < p.flat_max_spread && rise < p.flat_min_rise;
            if rise < p.surround_min_rise || flat {
                return true;
            }
            let sparkles = look.sparkle as f32 >= p.sparkle_min_share * r.cells as f32;
            let inked = look.ink as f32 > p.max_ink_share * (r.cells + look.ink) as f32;
            let edged = look.crisp as f32 > p.max_crisp_rim * look.rim as f32;
            let steep = look.steep as f32 > p.max_steep_rim * look.rim as f32;
            !sparkles && (inked || edged || steep)
        })
        .collect()
}

/// Whether a bright region is a strip along one side of the document: touching it,
/// running along nearly all of it and thin across. That is background, or the edges of
/// a booklet's other pages, inside an outline drawn outside the paper, not a
/// reflection: glare on laminate lies where the lamp is seen, not along an edge. A
/// lamp's streak lying along a whole edge is missed.
fn along_a_side(r: &Region, w: u32, h: u32, p: &GlareParams) -> bool {
    let (rw, rh) = (r.x1 + 1 - r.x0, r.y1 + 1 - r.y0);
    // Region extent along the side and across it, against the document's.
    let strip = |along: u32, across: u32, length: u32, breadth: u32| {
        along as f32 >= p.side_strip_min_length * length as f32
            && across as f32 <= p.side_strip_max_width * breadth as f32
    };
    let left_or_right = r.x0 == 0 || r.x1 + 1 == w;
    let top_or_bottom = r.y0 == 0 || r.y1 + 1 == h;
    (left_or_right && strip(rh, rw, h, w)) || (top_or_bottom && strip(rw, rh, w, h))
}

/// The white of the paper around region `r`: the `surround_quantile` brightness of
/// the cells in no region in a frame `surround_gap`..`surround_reach` cells out from
/// its box (255 when there are none: a region filling the document is judged as
/// white paper, as a flat scan's page is).
fn surround_white(labels: &Labels, luma: &GrayImage, r: &Region, p: &GlareParams) -> f32 {
    let (w, h) = labels.dimensions();
    let (gap, reach) = (p.surround_gap, p.surround_reach);
    let (x0, y0) = (r.x0.saturating_sub(reach), r.y0.saturating_sub(reach));
    let (x1, y1) = ((r.x1 + reach).min(w - 1), (r.y1 + reach).min(h - 1));
    let inner = |v: u32, lo: u32, hi: u32| v + gap >= lo && v <= hi + gap;
    let mut histogram = [0u32; 256];
    let (lab, lum) = (labels.as_raw(), luma.as_raw());
    for y in y0..=y1 {
        let row = (y * w) as usize;
        let y_inner = inner(y, r.y0, r.y1);
        for x in x0..=x1 {
            if y_inner && inner(x, r.x0, r.x1) {
                continue;
            }
            let i = row + x as usize;
            if lab[i] == 0 {
                histogram[lum[i] as usize] += 1;
            }
        }
    }
    crate::analysis::quality::histogram_quantile(&histogram, p.surround_quantile)
}

/// What a bright region looks like, counted in one pass over the cells: its
/// brightness, its sparkling cells, the dark print its row spans enclose, and its rim
/// (pairs of 4-neighbours, one inside and one outside: how many are a crisp step, and
/// how many drop steeply within three cells).
#[derive(Clone, Copy, Default)]
struct Looks {
    luma_sum: u64,
    luma_sq_sum: u64,
    sparkle: u32,
    ink: u32,
    rim: u32,
    crisp: u32,
    steep: u32,
}

impl Looks {
    fn of(labels: &Labels, luma: &GrayImage, n: usize, p: &GlareParams) -> Vec<Looks> {
        let (w, h) = (labels.width() as usize, labels.height() as usize);
        let (lab, lum) = (labels.as_raw(), luma.as_raw());
        let mut looks = vec![Looks::default(); n];
        // Dark print between a region's leftmost and rightmost cell in a row.
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
                    .filter(|&x| lrow[x] == 0 && row[x] < p.ink_max_luma)
                    .count();
                looks[l as usize - 1].ink += dark as u32;
            }
        }
        let at = |x: usize, y: usize, dx: isize, dy: isize, k: isize| -> Option<usize> {
            let (nx, ny) = (x as isize + k * dx, y as isize + k * dy);
            (nx >= 0 && ny >= 0 && (nx as usize) < w && (ny as usize) < h)
                .then(|| ny as usize * w + nx as usize)
        };
        const FOUR: [(isize, isize); 4] = [(-1, 0), (1, 0), (0, -1), (0, 1)];
        for y in 0..h {
            for x in 0..w {
                let i = y * w + x;
                let l = lab[i];
                if l == 0 {
                    continue;
                }
                let look = &mut looks[l as usize - 1];
                let li = f32::from(lum[i]);
                look.luma_sum += u64::from(lum[i]);
                look.luma_sq_sum += u64::from(lum[i]) * u64::from(lum[i]);
                let (mut ring, mut ring_n, mut ring_min) = (0.0, 0.0, 255.0f32);
                for (dx, dy) in FOUR {
                    if let Some(j) = at(x, y, dx, dy, 2) {
                        ring += f32::from(lum[j]);
                        ring_n += 1.0;
                        ring_min = ring_min.min(f32::from(lum[j]));
                    }
                    let Some(j) = at(x, y, dx, dy, 1) else {
                        continue;
                    };
                    if lab[j] == l {
                        continue;
                    }
                    look.rim += 1;
                    look.crisp += u32::from(li - f32::from(lum[j]) > p.rim_crisp_step);
                    if let Some(k) = at(x, y, dx, dy, 3) {
                        look.steep +=
                            u32::from(lab[k] != l && li - f32::from(lum[k]) > p.rim_steep_drop);
                    }
                }
                // A speck: brighter than the cells around it, none of which is print
                // (white paper between strokes is as bright, with ink beside it).
                look.sparkle += u32::from(
                    ring_n > 0.0
                        && li >= ring / ring_n + p.sparkle_step
                        && ring_min >= li - p.sparkle_max_dip,
                );
            }
        }
        looks
    }
}
