//! The brightness of the bare paper across a document: a plane fitted to the
//! brightest quarter of each block, so uneven light is not read as a veil.

use image::GrayImage;

use crate::analysis::quality::percentile;

/// Blocks per side over which the paper's brightness is estimated.
const PAPER_BLOCKS: u32 = 4;
/// Blocks this far (grey levels) off the plane fitted to the paper are not bare paper:
/// white print, the portrait, a reflection.
const PAPER_OFF_PLANE: f32 = 10.0;
/// Fewest blocks to fit the paper's slope to.
const PAPER_MIN_BLOCKS: usize = 8;

/// The brightness of the bare paper across the document, as a plane over cell
/// coordinates: uneven light is such a slope, while a reflection, white print or the
/// portrait's background raise a block or two above it. The levels are each block's
/// 75th percentile over a 4×4 grid (print is darker). The block furthest off the
/// plane is dropped and the plane fitted again while it is more than
/// `PAPER_OFF_PLANE` off; with fewer than `PAPER_MIN_BLOCKS` left, the paper is the
/// median block, flat.
pub(super) fn paper_plane(luma: &GrayImage) -> impl Fn(f32, f32) -> f32 {
    let (w, h) = luma.dimensions();
    // (x, y of the block's centre in cells, level)
    let mut blocks: Vec<(f32, f32, f32)> = Vec::new();
    for by in 0..PAPER_BLOCKS {
        for bx in 0..PAPER_BLOCKS {
            let (x0, x1) = (bx * w / PAPER_BLOCKS, (bx + 1) * w / PAPER_BLOCKS);
            let (y0, y1) = (by * h / PAPER_BLOCKS, (by + 1) * h / PAPER_BLOCKS);
            if x1 > x0 && y1 > y0 {
                let level = percentile(luma, x0, y0, x1, y1, 0.75);
                blocks.push(((x0 + x1) as f32 * 0.5, (y0 + y1) as f32 * 0.5, level));
            }
        }
    }
    let mut levels: Vec<f32> = blocks.iter().map(|b| b.2).collect();
    levels.sort_by(f32::total_cmp);
    let median = levels.get(levels.len() / 2).copied().unwrap_or(255.0);
    // Fit, drop the block furthest off the plane, fit again, until every block left
    // is on it.
    let plane = loop {
        let Some(plane) = fit_plane(&blocks) else {
            break [median, 0.0, 0.0];
        };
        let off = |b: &(f32, f32, f32)| (b.2 - plane_at(&plane, b.0, b.1)).abs();
        let worst = (0..blocks.len()).max_by(|&i, &j| off(&blocks[i]).total_cmp(&off(&blocks[j])));
        match worst {
            Some(i) if off(&blocks[i]) > PAPER_OFF_PLANE => {
                blocks.swap_remove(i);
            }
            _ => break plane,
        }
    };
    move |x, y| plane_at(&plane, x, y)
}

fn plane_at(p: &[f32; 3], x: f32, y: f32) -> f32 {
    p[0] + p[1] * x + p[2] * y
}

/// Least-squares plane v = a + b·x + c·y through the points, `None` with fewer than
/// `PAPER_MIN_BLOCKS` or when they are (nearly) on a line.
fn fit_plane(points: &[(f32, f32, f32)]) -> Option<[f32; 3]> {
    if points.len() < PAPER_MIN_BLOCKS {
        return None;
    }
    let n = points.len() as f64;
    let mean =
        |f: fn(&(f32, f32, f32)) -> f32| points.iter().map(|p| f64::from(f(p))).sum::<f64>() / n;
    let (mx, my, mv) = (mean(|p| p.0), mean(|p| p.1), mean(|p| p.2));
    let (mut sxx, mut sxy, mut syy, mut sxv, mut syv) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &(x, y, v) in points {
        let (dx, dy, dv) = (f64::from(x) - mx, f64::from(y) - my, f64::from(v) - mv);
        sxx += dx * dx;
        sxy += dx * dy;
        syy += dy * dy;
        sxv += dx * dv;
        syv += dy * dv;
    }
    let det = sxx * syy - sxy * sxy;
    if det.abs() < 1e-9 * (sxx * syy).max(1.0) {
        return None;
    }
    let b = (sxv * syy - syv * sxy) / det;
    let c = (syv * sxx - sxv * sxy) / det;
    Some([(mv - b * mx - c * my) as f32, b as f32, c as f32])
}
