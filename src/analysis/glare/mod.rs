//! Glare: specular reflections in a region, and on documents the washed-out veils that
//! laminate throws, told apart from white print. Pure functions of pixels; the limits
//! live in `rules`.
//!
//! Steps: a grid of cells over the region ([`CellGrid`]: which cells are mostly
//! clipped, their mean brightness and colour) → on documents, veil cells added and the
//! clipped core split from merely bright cells → connected regions of set cells → on
//! documents, white print and the paper's own white dropped ([`regions::not_reflections`]) → shares and boxes.

use image::{GrayImage, RgbImage};

use super::quality::luma;

mod opening;
mod paper;
mod params;
mod regions;
use crate::geometry::Rect;
use paper::paper_plane;
pub use params::GlareParams;
use regions::{label_regions, not_reflections, Labels};

/// A pixel is specular when every channel is near clipping: bright and colourless.
const SPECULAR_MIN_CHANNEL: u8 = 240;

/// Glare blobs are labelled on a grid at most this many cells along a face region's
/// width and along a document's long side: blobs smaller than a few cells are
/// specks, not reflections a reviewer would reject.
pub const GLARE_WORK_WIDTH: u32 = 320;

/// The size to warp a `w`×`h` rectified document to for [`detect`]: glare is
/// judged on a grid `GLARE_WORK_WIDTH` cells along the document's long side (the
/// same cells whichever way it lies), each cell the mean of its pixels, and twice
/// that both ways (even) makes every cell 2×2 pixels, for a third of the cost of
/// the full size.
pub fn glare_warp_size(w: u32, h: u32) -> (u32, u32) {
    let long = w.max(h).max(1);
    let cells = |side: u32| {
        if side == long {
            GLARE_WORK_WIDTH
        } else {
            GLARE_WORK_WIDTH * side / long
        }
    };
    (2 * cells(w), 2 * cells(h))
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
    /// Share of the region each of `blobs` covers (the same measure as
    /// `largest_share`, which is the first): the overlay marks only the
    /// reflections over the rule's limit, not a tooth's or an eye's small shine.
    pub blob_shares: Vec<f32>,
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

/// Cells this bright (mean luma) are clipped white: the core of a reflection, or
/// white paper in a scan.
const CLIPPED_LUMA: u8 = 250;
/// A clipped core is at least this many cells from its middle to its rim (2 cells =
/// 4 px of the document rectified 640 px along its long side).
const CORE_MIN_RADIUS: u8 = 2;

/// The glare in `region`, with the shipped [`GlareParams`].
pub fn detect(region: &RgbImage, kind: GlareKind) -> Glare {
    detect_with(region, kind, &GlareParams::default())
}

/// The glare in `region`, with the document's numbers `p` (for tuning them).
pub fn detect_with(region: &RgbImage, kind: GlareKind, p: &GlareParams) -> Glare {
    let (w, h) = region.dimensions();
    if w == 0 || h == 0 {
        return Glare::default();
    }
    let on_document = kind == GlareKind::SpecularAndVeil;
    let mut grid = CellGrid::new(region, on_document);
    let specular_share = grid.specular_total as f32 * grid.pixel_share;
    if on_document {
        grid.add_veils(p);
        grid.split_clipped_core();
    }
    if grid.mask.as_raw().iter().all(|&m| m == 0) {
        // Nothing to label (the usual case).
        return Glare {
            share: if on_document { 0.0 } else { specular_share },
            ..Glare::default()
        };
    }
    let (labels, regions) = label_regions(&grid.mask);
    let (share, mut kept) = if on_document {
        // Printed white and the paper's own white are no reflection.
        let not_glare = not_reflections(&labels, &grid.luma, &regions, p);
        let share = grid.reflection_share(&labels, &not_glare);
        let reflections = regions.into_iter().zip(not_glare).filter(|(_, no)| !no);
        (share, reflections.map(|(r, _)| r).collect())
    } else {
        (specular_share, regions)
    };
    kept.sort_by_key(|r| std::cmp::Reverse(r.cells));
    let cell_share = |r: &regions::Region| r.cells as f32 / (grid.sw * grid.sh) as f32;
    let largest_share = kept.first().map_or(0.0, cell_share);
    let blob_shares = kept.iter().take(5).map(cell_share).collect();
    let blobs = kept
        .iter()
        .take(5)
        .map(|r| {
            Rect::new(
                r.x0 as f32 * grid.cell_w,
                r.y0 as f32 * grid.cell_h,
                (r.x1 + 1 - r.x0) as f32 * grid.cell_w,
                (r.y1 + 1 - r.y0) as f32 * grid.cell_h,
            )
        })
        .collect();
    Glare {
        share,
        largest_share,
        blobs,
        blob_shares,
    }
}

/// The region seen as a grid at most `GLARE_WORK_WIDTH` cells wide (a document's:
/// along its long side). A cell is set in
/// `mask` when most of its pixels are specular (which keeps one-pixel JPEG specks out);
/// its mean colour serves the veil test.
struct CellGrid {
    sw: u32,
    sh: u32,
    /// Size of a cell in region pixels.
    cell_w: f32,
    cell_h: f32,
    /// Share of the region one pixel is.
    pixel_share: f32,
    /// 255: set (on documents after [`CellGrid::split_clipped_core`], 128: set but
    /// not clipped).
    mask: GrayImage,
    specular_total: u64,
    /// Documents only (empty otherwise: faces are measured every frame): each cell's
    /// mean brightness and colourfulness (max − min channel) for the veil and white-print
    /// tests, its specular pixels, so that a region found to be white print can be
    /// taken out of the share, and which cells are veil.
    luma: GrayImage,
    chroma: Vec<f32>,
    specular: Vec<u32>,
    veil: Vec<bool>,
}

impl CellGrid {
    fn new(region: &RgbImage, on_document: bool) -> Self {
        let (w, h) = region.dimensions();
        // A document's cells are counted along its long side, a face's across it.
        let along = if on_document { w.max(h) } else { w };
        let scale = (GLARE_WORK_WIDTH as f32 / along as f32).min(1.0);
        let (sw, sh) = (
            ((w as f32 * scale).round() as u32).max(1),
            ((h as f32 * scale).round() as u32).max(1),
        );
        let (dw, dh) = if on_document { (sw, sh) } else { (0, 0) };
        let n_cells = (dw * dh) as usize;
        let mut grid = CellGrid {
            sw,
            sh,
            cell_w: w as f32 / sw as f32,
            cell_h: h as f32 / sh as f32,
            pixel_share: 1.0 / (u64::from(w) * u64::from(h)) as f32,
            mask: GrayImage::new(sw, sh),
            luma: GrayImage::new(dw, dh),
            chroma: vec![0f32; n_cells],
            specular_total: 0,
            specular: vec![0u32; n_cells],
            veil: vec![false; n_cells],
        };
        let raw = region.as_raw();
        let row_len = w as usize * 3;
        let specular = |c: &[u8]| u32::from(c[0].min(c[1]).min(c[2]) >= SPECULAR_MIN_CHANNEL);
        if w == 2 * sw && h == 2 * sh {
            // Cells of exactly 2×2 pixels (a rectified document): two rows at a time.
            for (gy, rows) in raw.chunks_exact(2 * row_len).enumerate() {
                let (top, bottom) = rows.split_at(row_len);
                for (gx, (a, b)) in top.chunks_exact(6).zip(bottom.chunks_exact(6)).enumerate() {
                    let count = specular(&a[..3])
                        + specular(&a[3..])
                        + specular(&b[..3])
                        + specular(&b[3..]);
                    let sum: [u32; 3] = std::array::from_fn(|ch| {
                        u32::from(a[ch])
                            + u32::from(a[3 + ch])
                            + u32::from(b[ch])
                            + u32::from(b[3 + ch])
                    });
                    grid.set_cell(gy * sw as usize + gx, count, sum, 4);
                }
            }
        } else {
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
            let (xs, ys) = (bounds(sw, grid.cell_w, w), bounds(sh, grid.cell_h, h));
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
                    grid.set_cell(gy * sw as usize + gx, count, sum, cell);
                }
            }
        }
        grid
    }

    /// Records cell `i`: `count` specular pixels and channel sums `sum` over `pixels`.
    fn set_cell(&mut self, i: usize, count: u32, sum: [u32; 3], pixels: u32) {
        self.specular_total += u64::from(count);
        if count * 2 > pixels {
            self.mask.as_mut()[i] = 255;
        }
        if let Some(c) = self.specular.get_mut(i) {
            *c = count;
            let mean = sum.map(|s| (s / pixels) as u8);
            self.luma.as_mut()[i] = luma(mean);
            let (mx, mn) = (mean.iter().max(), mean.iter().min());
            self.chroma[i] = f32::from(mx.unwrap_or(&0) - mn.unwrap_or(&0));
        }
    }

    /// Sets the veil cells: brighter than the paper, bright, and nearly colourless.
    fn add_veils(&mut self, p: &GlareParams) {
        let paper = paper_plane(&self.luma);
        let (mask, luma) = (self.mask.as_mut(), self.luma.as_raw());
        let sw = self.sw as usize;
        for (i, m) in mask.iter_mut().enumerate() {
            let l = f32::from(luma[i]);
            let at = ((i % sw) as f32 + 0.5, (i / sw) as f32 + 0.5);
            if *m == 0
                && l - paper(at.0, at.1) >= p.veil_min_rise
                && l >= p.veil_min_luma
                && self.chroma[i] <= p.veil_max_chroma
            {
                *m = 255;
                self.veil[i] = true;
            }
        }
    }

    /// Marks the set cells outside a compact clipped core 128. A reflection over white
    /// print merges with it, so its clipped core is labelled on its own; only a compact
    /// core counts: clipped paper between dark strokes under the rim of a reflection is
    /// print showing through it.
    fn split_clipped_core(&mut self) {
        let mut core = GrayImage::from_fn(self.sw, self.sh, |x, y| {
            let clipped = self.mask.get_pixel(x, y).0[0] != 0
                && self.luma.get_pixel(x, y).0[0] >= CLIPPED_LUMA;
            image::Luma([if clipped { 255 } else { 0 }])
        });
        if core.iter().any(|&c| c != 0) {
            // A square of radius CORE_MIN_RADIUS; beyond the border counts as set, so a
            // reflection cut by the edge keeps its core.
            opening::open_square(&mut core, CORE_MIN_RADIUS);
        }
        for (m, &core) in self.mask.iter_mut().zip(core.as_raw()) {
            if *m != 0 && core == 0 {
                *m = 128;
            }
        }
    }

    /// Documents: the share of the region in the regions not `printed`: their cells'
    /// specular pixels, and their veil cells whole. (Lone specular pixels in cells that
    /// are not mostly specular are the edges of white print.)
    fn reflection_share(&self, labels: &Labels, printed: &[bool]) -> f32 {
        let cell_share = 1.0 / (self.sw * self.sh) as f32;
        let mut share = 0.0;
        for (i, &l) in labels.as_raw().iter().enumerate() {
            if l != 0 && !printed[l as usize - 1] {
                share += if self.veil[i] {
                    cell_share
                } else {
                    self.specular[i] as f32 * self.pixel_share
                };
            }
        }
        // Summed in f32 over up to 64 k cells: a whole-white region may come out a hair
        // over 1.
        share.min(1.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_white_spot_is_glare_located_where_it_is() {
        let mut img = RgbImage::from_pixel(200, 100, image::Rgb([120, 110, 100]));
        for y in 40..60 {
            for x in 150..170 {
                img.put_pixel(x, y, image::Rgb([255, 255, 255]));
            }
        }
        let g = detect(&img, GlareKind::Specular);
        assert!((g.share - 400.0 / 20000.0).abs() < 1e-4);
        let b = g.blobs[0];
        assert!(
            (b.x - 150.0).abs() <= 1.0 && (b.y - 40.0).abs() <= 1.0,
            "{b:?}"
        );
        // A bright but coloured patch is not glare.
        let yellow = RgbImage::from_pixel(50, 50, image::Rgb([255, 250, 40]));
        assert_eq!(detect(&yellow, GlareKind::SpecularAndVeil).share, 0.0);
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
        let g = detect(&card_with_white_print(), GlareKind::SpecularAndVeil);
        assert!(g.largest_share < 0.001, "{g:?}");
        assert!(g.share < 0.001, "{g:?}");
    }

    /// A reflection centred at (cx, cy) that fades out over about 60 px: each pixel
    /// moves towards white by `gain` × a Gaussian of σ 30 px (at most all the way).
    fn add_soft_reflection(card: &mut RgbImage, cx: f32, cy: f32, gain: f32) {
        for (x, y, p) in card.enumerate_pixels_mut() {
            let d2 = (x as f32 - cx).powi(2) + (y as f32 - cy).powi(2);
            let k = (gain * (-d2 / (2.0 * 30.0f32.powi(2))).exp()).min(1.0);
            p.0 =
                p.0.map(|v| (f32::from(v) + (255.0 - f32::from(v)) * k) as u8);
        }
    }

    /// The largest reflection on `card` is over the 0.75 % limit of documents and spans
    /// column `x`.
    fn assert_reflection_across(card: &RgbImage, x: f32) {
        let g = detect(card, GlareKind::SpecularAndVeil);
        assert!(g.largest_share > 0.0075, "{g:?}");
        let b = g.blobs[0];
        assert!(b.x < x && b.right() > x, "{b:?}");
    }

    /// A greyish card, 640×400 like a rectified one, under a lamp to its right: its
    /// brightness rises from 75 % to 120 % across it, as uneven light does.
    fn card_lit_from_the_right() -> RgbImage {
        RgbImage::from_fn(640, 400, |x, _| {
            let k = 0.75 + 0.45 * x as f32 / 639.0;
            image::Rgb([200.0, 198.0, 192.0].map(|v: f32| (v * k).min(255.0) as u8))
        })
    }

    #[test]
    fn light_falling_across_a_card_is_no_reflection() {
        let g = detect(&card_lit_from_the_right(), GlareKind::SpecularAndVeil);
        assert!(g.largest_share < 0.001, "{g:?}");
        // A soft reflection on the card under the same light still is one.
        let mut card = card_lit_from_the_right();
        add_soft_reflection(&mut card, 200.0, 200.0, 1.2);
        assert_reflection_across(&card, 200.0);
    }

    #[test]
    fn a_white_margin_along_a_side_is_no_reflection() {
        // An outline drawn outside the paper on a white desk: a near-white
        // margin down the whole left side, fading into the paper over 16 px.
        let paper = [205.0, 195.0, 175.0];
        let mut card = RgbImage::from_fn(640, 400, |x, _| {
            let k = ((x as f32 - 30.0) / 16.0).clamp(0.0, 1.0);
            image::Rgb(paper.map(|v: f32| (240.0 + (v - 240.0) * k) as u8))
        });
        let g = detect(&card, GlareKind::SpecularAndVeil);
        assert!(g.share < 0.001, "{g:?}");
        // A reflection that reaches the same side is still one.
        add_soft_reflection(&mut card, 20.0, 200.0, 1.2);
        assert_reflection_across(&card, 20.0);
    }

    #[test]
    fn tiny_and_blank_regions_do_not_panic() {
        assert_eq!(
            detect(&RgbImage::new(0, 0), GlareKind::Specular),
            Glare::default()
        );
        for (w, h) in [(1, 1), (2, 1), (1, 5), (3, 2), (7, 640)] {
            let white = RgbImage::from_pixel(w, h, image::Rgb([255; 3]));
            for kind in [GlareKind::Specular, GlareKind::SpecularAndVeil] {
                let g = detect(&white, kind);
                assert!((0.0..=1.0).contains(&g.share), "{w}×{h}: {g:?}");
            }
        }
    }

    #[test]
    fn a_soft_reflection_over_print_is_glare() {
        // Centred on the band's bars.
        let mut card = card_with_white_print();
        add_soft_reflection(&mut card, 320.0, 330.0, 1.6);
        assert_reflection_across(&card, 320.0);
    }
}
