//! Where the search image shows print: a document is printed all over, a blank sheet
//! is not, and a document's print keeps off its edges.

use super::edges::EdgeMap;
use super::geometry::{distance_to_quad, height_px, inside_quad, width_px, Pt};
use super::params::PrintParams;

/// Where the small image shows print: a summed-area table of pixels whose gradient is
/// at least the print gradient, so any box is counted in O(1).
pub(super) struct PrintMap {
    w: usize,
    h: usize,
    /// (w+1) × (h+1) prefix sums.
    sum: Vec<u32>,
    p: PrintParams,
}

impl PrintMap {
    pub(super) fn new(e: &EdgeMap, p: &PrintParams) -> Self {
        let (w, h) = (e.w, e.h);
        let mut sum = vec![0u32; (w + 1) * (h + 1)];
        for y in 0..h {
            let mut row = 0u32;
            for x in 0..w {
                row += (e.mag[y * w + x] >= p.min_grad) as u32;
                sum[(y + 1) * (w + 1) + x + 1] = sum[y * (w + 1) + x + 1] + row;
            }
        }
        PrintMap { w, h, sum, p: *p }
    }

    /// Print pixels and all pixels in the box [x0, x1) × [y0, y1), clipped to the image.
    fn count(&self, x0: f32, y0: f32, x1: f32, y1: f32) -> (u32, u32) {
        let cx = |v: f32| (v.max(0.0) as usize).min(self.w);
        let cy = |v: f32| (v.max(0.0) as usize).min(self.h);
        let (x0, x1, y0, y1) = (cx(x0), cx(x1), cy(y0), cy(y1));
        if x1 <= x0 || y1 <= y0 {
            return (0, 0);
        }
        let at = |x: usize, y: usize| self.sum[y * (self.w + 1) + x];
        let n = at(x1, y1) + at(x0, y0) - at(x0, y1) - at(x1, y0);
        (n, ((x1 - x0) * (y1 - y0)) as u32)
    }

    /// Share of a quad's visible interior that shows print: the inner part of the quad
    /// is cut into cells (each counted over its bounding box), and a cell shows print
    /// when enough of it is print (`PrintParams`). A document is printed
    /// all over (portrait, text, bands, patterns); a blank sheet of paper, or a sheet
    /// with a card lying on part of it, is not.
    pub(super) fn share(&self, c: &[Pt; 4]) -> f32 {
        let (busy, seen) = count_busy(self.cells(c).map(|(_, busy)| busy));
        if seen == 0 {
            return 0.0;
        }
        busy as f32 / seen as f32
    }

    /// Whether the part of `outer` outside `inner` (a quad inside it) is blank: at
    /// least `blank_min_cells` of `outer`'s cells lie outside `inner`, and none shows
    /// print. A sheet of paper under a card is blank beyond the card; a card around a
    /// rectangle printed on it is not.
    pub(super) fn blank_outside(&self, outer: &[Pt; 4], inner: &[Pt; 4]) -> bool {
        // Clear of `inner`: no corner of either inside the other (the card's own edge
        // shows as print in a cell that it crosses).
        let clear = |b: &[Pt; 4]| {
            b.iter().all(|&p| !inside_quad(p, inner)) && inner.iter().all(|&p| !inside_quad(p, b))
        };
        let (busy, seen) = count_busy(
            self.cells(outer)
                .filter(|(cell, _)| clear(cell))
                .map(|(_, busy)| busy),
        );
        seen >= self.p.blank_min_cells && busy == 0
    }

    /// The share of print among points spread over `outer` (a quad running off the
    /// frame) outside `inner` (a whole quad inside it), at least
    /// `around_clearance_px` from `inner`'s sides (its own edge blurs into the next
    /// pixels); `None` when too few such points lie in the frame. What a page lies on
    /// (a desk mat) is plain but for its rim and a mark or two; a card cut by the
    /// frame is printed around a rectangle printed on it.
    pub(super) fn share_around(&self, outer: &[Pt; 4], inner: &[Pt; 4]) -> Option<f32> {
        let p = &self.p;
        let (cols, rows) = p.around_samples;
        let (mut busy, mut seen) = (0usize, 0usize);
        for j in 0..rows {
            for i in 0..cols {
                let u = p.inset + (1.0 - 2.0 * p.inset) * (i as f32 + 0.5) / cols as f32;
                let v = p.inset + (1.0 - 2.0 * p.inset) * (j as f32 + 0.5) / rows as f32;
                let at = quad_point(outer, u, v);
                if inside_quad(at, inner) || distance_to_quad(at, inner) < p.around_clearance_px {
                    continue;
                }
                let (n, area) = self.count(at[0], at[1], at[0] + 1.0, at[1] + 1.0);
                if area == 0 {
                    continue;
                }
                seen += 1;
                busy += n as usize;
            }
        }
        (seen >= p.around_min_samples).then(|| busy as f32 / seen as f32)
    }

    /// The inner part of the quad cut into cells, each counted over its
    /// bounding box: (that box's corners, whether it shows print), for the cells mostly
    /// inside the frame.
    fn cells<'a>(&'a self, c: &'a [Pt; 4]) -> impl Iterator<Item = ([Pt; 4], bool)> + 'a {
        let (cols, rows) = self.p.cells;
        let inset_share = self.p.inset;
        let at = move |u: f32, v: f32| {
            let inset = |t: f32| inset_share + (1.0 - 2.0 * inset_share) * t;
            quad_point(c, inset(u), inset(v))
        };
        (0..rows * cols).filter_map(move |k| {
            let (i, j) = (k % cols, k / cols);
            let (u0, u1) = (i as f32 / cols as f32, (i + 1) as f32 / cols as f32);
            let (v0, v1) = (j as f32 / rows as f32, (j + 1) as f32 / rows as f32);
            let p = [at(u0, v0), at(u1, v0), at(u1, v1), at(u0, v1)];
            let bx0 = p.iter().map(|q| q[0]).fold(f32::MAX, f32::min);
            let bx1 = p.iter().map(|q| q[0]).fold(f32::MIN, f32::max);
            let by0 = p.iter().map(|q| q[1]).fold(f32::MAX, f32::min);
            let by1 = p.iter().map(|q| q[1]).fold(f32::MIN, f32::max);
            let (n, area) = self.count(bx0, by0, bx1, by1);
            // A cell mostly outside the frame says nothing.
            if (area as f32) < 0.5 * (bx1 - bx0) * (by1 - by0) {
                return None;
            }
            let corners = [[bx0, by0], [bx1, by0], [bx1, by1], [bx0, by1]];
            Some((corners, n as f32 >= self.p.min_density * area as f32))
        })
    }

    /// Per side (top, right, bottom, left): the share of a thin ring just inside it that
    /// shows print. A document's print keeps off its edges; a rectangle printed on it
    /// (a band, the portrait, the aligned ends of text lines) has print right inside.
    pub(super) fn margin_print(&self, c: &[Pt; 4]) -> [f32; 4] {
        let p = &self.p;
        let depths = |extent: f32| {
            p.margin_depths
                .map(|d| d.max(p.margin_min_depth_px / extent.max(1.0)))
        };
        let (du, dv) = (depths(width_px(c)), depths(height_px(c)));
        let mut out = [0.0; 4];
        for (k, share) in out.iter_mut().enumerate() {
            let (mut busy, mut seen) = (0u32, 0u32);
            for i in 0..p.margin_samples {
                let t = p.margin_end_skip
                    + (1.0 - 2.0 * p.margin_end_skip) * (i as f32 + 0.5) / p.margin_samples as f32;
                for j in 0..p.margin_depths.len() {
                    let (u, v) = match k {
                        0 => (t, dv[j]),
                        1 => (1.0 - du[j], t),
                        2 => (t, 1.0 - dv[j]),
                        _ => (du[j], t),
                    };
                    let p = quad_point(c, u, v);
                    let (n, area) = self.count(p[0], p[1], p[0] + 1.0, p[1] + 1.0);
                    if area == 0 {
                        continue;
                    }
                    seen += 1;
                    busy += n;
                }
            }
            *share = if seen == 0 {
                0.0
            } else {
                busy as f32 / seen as f32
            };
        }
        out
    }
}

/// (cells showing print, cells seen) of a run of cells.
fn count_busy(cells: impl Iterator<Item = bool>) -> (usize, usize) {
    cells.fold((0, 0), |(busy, seen), b| (busy + b as usize, seen + 1))
}

/// The point at (u, v) of a quad's bilinear parametrisation: (0, 0) is corner 0,
/// (1, 0) corner 1, (1, 1) corner 2, (0, 1) corner 3.
fn quad_point(c: &[Pt; 4], u: f32, v: f32) -> Pt {
    let l = [
        c[0][0] + (c[3][0] - c[0][0]) * v,
        c[0][1] + (c[3][1] - c[0][1]) * v,
    ];
    let r = [
        c[1][0] + (c[2][0] - c[1][0]) * v,
        c[1][1] + (c[2][1] - c[1][1]) * v,
    ];
    [l[0] + (r[0] - l[0]) * u, l[1] + (r[1] - l[1]) * u]
}

#[cfg(test)]
mod tests {
    use super::super::edges::Small;
    use super::*;

    fn print_map(s: &Small) -> PrintMap {
        PrintMap::new(
            &EdgeMap::new(s, &Default::default()),
            &PrintParams::default(),
        )
    }

    fn small_from(w: usize, h: usize, f: impl Fn(usize, usize) -> f32) -> Small {
        let px = (0..w * h).map(|i| f(i % w, i / w)).collect();
        Small { w, h, px }
    }

    #[test]
    fn print_share_tells_a_printed_card_from_a_blank_sheet() {
        let (w, h) = (200, 120);
        // Left half: "text" lines every 6 px; right half: blank.
        let s = small_from(w, h, |x, y| if x < 100 && y % 6 < 2 { 30.0 } else { 200.0 });
        let print = print_map(&s);
        let card = [[10.0, 10.0], [90.0, 10.0], [90.0, 110.0], [10.0, 110.0]];
        let sheet = [[110.0, 10.0], [190.0, 10.0], [190.0, 110.0], [110.0, 110.0]];
        let both = [[10.0, 10.0], [190.0, 10.0], [190.0, 110.0], [10.0, 110.0]];
        assert!(print.share(&card) > 0.95, "card {}", print.share(&card));
        assert_eq!(print.share(&sheet), 0.0);
        let half = print.share(&both);
        assert!(
            (0.4..0.65).contains(&half),
            "sheet with a card on it {half}"
        );
    }

    /// A printed card (grey, "text" lines every 6 px) lying on a white sheet: the
    /// sheet is blank around the card; the card is not blank around a rectangle
    /// printed on it, nor is the sheet around a patch of it.
    #[test]
    fn blank_outside_tells_a_sheet_under_a_card() {
        let s = small_from(300, 200, |x, y| {
            let card = (100..200).contains(&x) && (60..130).contains(&y);
            let text = (110..190).contains(&x) && (70..120).contains(&y) && y % 6 < 2;
            match (card, text) {
                (_, true) => 30.0,
                (true, false) => 150.0,
                (false, _) => 230.0,
            }
        });
        let print = print_map(&s);
        let rect = |x0: f32, y0: f32, x1: f32, y1: f32| [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
        let sheet = rect(10.0, 10.0, 290.0, 190.0);
        let card = rect(100.0, 60.0, 200.0, 130.0);
        assert!(print.blank_outside(&sheet, &card));
        let printed = rect(120.0, 75.0, 180.0, 115.0);
        assert!(!print.blank_outside(&card, &printed));
        // A patch of the sheet away from the card leaves the card outside it.
        assert!(!print.blank_outside(&sheet, &rect(10.0, 10.0, 90.0, 60.0)));
    }

    /// A white page on a dark mat with a small pale stain beside it: little print
    /// around the page in the mat's outline. A card printed all over around a
    /// rectangle printed on it: much.
    #[test]
    fn share_around_tells_a_mat_from_a_printed_card() {
        let s = small_from(300, 200, |x, y| {
            let page = (100..200).contains(&x) && (60..130).contains(&y);
            let text = page && (110..190).contains(&x) && (70..120).contains(&y) && y % 6 < 2;
            let stain = (220..240).contains(&x) && (150..170).contains(&y) && (x + y) % 4 == 0;
            match (page, text || stain) {
                (_, true) => 30.0,
                (true, false) => 220.0,
                (false, false) => 40.0,
            }
        });
        let print = print_map(&s);
        let rect = |x0: f32, y0: f32, x1: f32, y1: f32| [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
        let mat = rect(-40.0, 10.0, 290.0, 230.0);
        let page = rect(100.0, 60.0, 200.0, 130.0);
        let on_mat = print.share_around(&mat, &page).expect("judged");
        assert!(on_mat < 0.05, "{on_mat}");
        let card = rect(100.0, 60.0, 200.0, 130.0);
        let inner = rect(125.0, 80.0, 175.0, 110.0);
        let on_card = print.share_around(&card, &inner).expect("judged");
        assert!(on_card > 0.2, "{on_card}");
    }

    /// A card 200 × 126 px whose "text" lines (every 6 px) keep 10 px off its edges:
    /// its own outline has blank margins, an outline whose left side runs along the
    /// text's left ends has print right inside that side.
    #[test]
    fn margin_print_tells_the_cards_edge_from_its_prints_edge() {
        let (x0, y0, x1, y1) = (20.0, 20.0, 220.0, 146.0);
        let s = small_from(240, 166, |x, y| {
            let (x, y) = (x as f32, y as f32);
            let on_card = (x0..x1).contains(&x) && (y0..y1).contains(&y);
            let text = (x0 + 10.0..x1 - 10.0).contains(&x)
                && (y0 + 10.0..y1 - 10.0).contains(&y)
                && (y as usize) % 6 < 2;
            match (on_card, text) {
                (_, true) => 30.0,
                (true, false) => 200.0,
                (false, _) => 90.0,
            }
        });
        let print = print_map(&s);
        let card = [[x0, y0], [x1, y0], [x1, y1], [x0, y1]];
        let margins = print.margin_print(&card);
        assert!(margins.iter().all(|&m| m < 0.05), "card {margins:?}");
        let inset = [[x0 + 10.0, y0], [x1, y0], [x1, y1], [x0 + 10.0, y1]];
        let margins = print.margin_print(&inset);
        assert!(margins[3] > 0.3, "inset left side {margins:?}");
        assert!(margins[..3].iter().all(|&m| m < 0.05), "inset {margins:?}");
    }
}
