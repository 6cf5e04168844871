//! A finger over the document: which corners and sides of a found outline something
//! skin-coloured lies across.
//!
//! Method (why): a thumb holding a card comes in from outside it and lies across its
//! outline, so where it crosses a side, just inside and just outside the side the
//! frame shows skin where it usually shows the card's margin and the desk. A finger
//! holding the card from behind shows only outside it and crosses nothing; fingers
//! beside the card are fine. Each side is sampled at 40 points, just inside and just
//! outside, on small patch means of the colour frame; a run of crossed samples counts
//! when skin also lies further out (the thumb continues out past the outline), and
//! one that reaches the last stretch before a corner covers that corner, one in the
//! middle covers the side. The stretch next to each corner where an ID-1 card is
//! rounded (3.18 mm of 54 mm) is not sampled: there desk lies inside the sharp
//! outline. Judged on colour, not on the side's edge: on a pale card on a white desk
//! the side's step is 10–15 grey levels, about what a thumb's own shading makes.
//! Cost: 4 × 40 × 2 patch means of at most 7×7 pixels, and a few more for the runs.

use image::RgbImage;
use serde::Serialize;

use super::geometry::{centroid, dist, Pt};

/// What lies under a finger, in the picture's order: corners clockwise from the
/// outline's first (top-left in the picture), side k from corner k to corner k + 1.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Cover {
    pub corners: [bool; 4],
    pub sides: [bool; 4],
}

impl Cover {
    /// Nothing covered.
    pub const NONE: Cover = Cover {
        corners: [false; 4],
        sides: [false; 4],
    };

    pub fn any(&self) -> bool {
        self.corners.iter().chain(&self.sides).any(|&c| c)
    }
}

/// The tuned numbers of the cover test, each with its reason.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CoverParams {
    /// Samples along each side.
    pub samples: usize,
    /// How far inside and outside the side the colour is read, as a share of the
    /// outline's shorter side: 2 mm of a card's 54 mm, inside its blank margin and
    /// clear of the 3–4 px edge itself at webcam sizes (a 300 px high card: 11 px).
    pub offset: f32,
    /// The further point outside, in offsets: a thumb 15–20 mm wide reaches well past
    /// 5 mm outside, skin-coloured print beside the card rarely lines up with skin
    /// inside it. A run counts when one of its samples has skin that far out, or,
    /// at a corner, that far out beyond the corner (a thumb across a corner comes in
    /// diagonally and leaves a side within 5 mm of the corner). Where the frame ends
    /// sooner, as far out as it shows (at least half the way).
    pub far_offsets: f32,
    /// Radius of each patch mean, as a share of the shorter side (at least 1 px): the
    /// skin's pores and the print's strokes average out over ~1 mm.
    pub patch: f32,
    /// Stretch at each end of a side not sampled, as a share of the shorter side: the
    /// rounded corner of an ID-1 card (3.18 mm of 54 mm = 0.059) with a little room.
    pub corner_skip: f32,
    /// A run of crossed samples that starts within this share of the side's length
    /// of a corner covers that corner: beyond the rounding, a thumb over the corner
    /// leaves the side's last fifth at least partly hidden.
    pub corner_reach: f32,
    /// Least run of crossed samples, as a share of the shorter side, to count: a
    /// thumb's tip across a side spans 20 % of the short side or more, a thumb over a
    /// corner 10–20 % of each side beyond the rounding; a speck of skin-coloured print
    /// on the margin spans one sample (2–3 %).
    pub min_run: f32,
    /// Inside and outside count as the same thing below this RGB distance: a thumb's
    /// shading changes by 10–25 over 4 mm, a card against a desk differs by 40–200.
    pub same_max: f32,
    /// Inside, the colour must differ from the side's usual inside colour (the card's
    /// margin) by at least this RGB distance, and outside from the usual outside colour
    /// (the desk) too unless inside and outside are the same thing: a skin-pink margin
    /// or a wooden desk is not a thumb. Skin against a pale card margin or a dark desk
    /// differs by 60–200, the nail against the skin around it by 40–110.
    pub changed_min: f32,
}

impl CoverParams {
    pub const DEFAULT: CoverParams = CoverParams {
        samples: 40,
        offset: 0.04,
        far_offsets: 2.5,
        patch: 0.01,
        corner_skip: 0.07,
        corner_reach: 0.2,
        min_run: 0.05,
        same_max: 32.0,
        changed_min: 30.0,
    };
}

impl Default for CoverParams {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Skin in the YCbCr plane (BT.601, 0–255): the usual skin cluster of Cr 133–173, Cb
/// 77–127 (it holds skin of every complexion under white light; the cheeks and
/// foreheads of the public-domain portraits measure Cr 140–165, Cb 95–118), not too
/// dark to tell.
pub fn is_skin(c: [f32; 3]) -> bool {
    let [r, g, b] = c;
    let y = 0.299 * r + 0.587 * g + 0.114 * b;
    let cr = 128.0 + 0.5 * r - 0.4187 * g - 0.0813 * b;
    let cb = 128.0 - 0.1687 * r - 0.3313 * g + 0.5 * b;
    y >= 45.0 && (133.0..=173.0).contains(&cr) && (77.0..=127.0).contains(&cb)
}

/// What a finger covers of the outline `corners` (clockwise, frame pixels) in `rgb`.
pub fn covered(rgb: &RgbImage, corners: &[Pt; 4]) -> Cover {
    covered_with(rgb, corners, &CoverParams::DEFAULT)
}

/// [`covered`] with the tuned numbers given.
pub fn covered_with(rgb: &RgbImage, corners: &[Pt; 4], p: &CoverParams) -> Cover {
    let short = (0..4)
        .map(|k| dist(corners[k], corners[(k + 1) % 4]))
        .fold(f32::MAX, f32::min);
    let mut cover = Cover::NONE;
    if !(short.is_finite() && short >= 20.0) {
        return cover;
    }
    let probe = Probe {
        rgb,
        offset: p.offset * short,
        radius: (p.patch * short).round().max(1.0) as i32,
    };
    let centre = centroid(corners);
    // Skin further out beyond corner k, away from the document's centre: a thumb over
    // a corner comes in across it, not along either side.
    let beyond_corner = |k: usize| {
        let c = corners[k];
        let d = [c[0] - centre[0], c[1] - centre[1]];
        let l = d[0].hypot(d[1]).max(1e-6);
        let far = p.far_offsets * probe.offset;
        probe
            .mean_out_to(c, [c[0] + d[0] / l * far, c[1] + d[1] / l * far])
            .is_some_and(is_skin)
    };
    for k in 0..4 {
        let (a, b) = (corners[k], corners[(k + 1) % 4]);
        let side_len = dist(a, b);
        let skip = (p.corner_skip * short / side_len).min(0.3);
        let samples = side_samples(&probe, a, b, skip, p);
        let step = (1.0 - 2.0 * skip) / p.samples as f32;
        let crossed: Vec<bool> = samples.iter().map(|s| s.crossed).collect();
        for run in runs(&crossed) {
            let (t0, t1) = (samples[run.start].t, samples[run.end - 1].t);
            if (t1 - t0 + step) * side_len < p.min_run * short {
                continue;
            }
            let at_start = t0 <= p.corner_reach;
            let at_end = t1 >= 1.0 - p.corner_reach;
            let outward = samples[run.clone()].iter().any(|s| s.far_skin)
                || (at_start && beyond_corner(k))
                || (at_end && beyond_corner((k + 1) % 4));
            if !outward {
                continue;
            }
            cover.corners[k] |= at_start;
            cover.corners[(k + 1) % 4] |= at_end;
            cover.sides[k] |= !(at_start || at_end);
        }
    }
    cover
}

/// Patch means of the colour frame at distances from an outline's side.
struct Probe<'a> {
    rgb: &'a RgbImage,
    offset: f32,
    radius: i32,
}

impl Probe<'_> {
    /// The mean colour of the patch around `p`; `None` when it leaves the frame.
    fn mean(&self, p: Pt) -> Option<[f32; 3]> {
        let (w, h) = (self.rgb.width() as i32, self.rgb.height() as i32);
        let (cx, cy) = (p[0].floor() as i32, p[1].floor() as i32);
        let r = self.radius;
        if cx - r < 0 || cy - r < 0 || cx + r >= w || cy + r >= h {
            return None;
        }
        let mut sum = [0u32; 3];
        for y in cy - r..=cy + r {
            for x in cx - r..=cx + r {
                let px = self.rgb.get_pixel(x as u32, y as u32).0;
                for i in 0..3 {
                    sum[i] += u32::from(px[i]);
                }
            }
        }
        let n = ((2 * r + 1) * (2 * r + 1)) as f32;
        Some(sum.map(|s| s as f32 / n))
    }
}

impl Probe<'_> {
    /// The mean colour at `far`, or, when its patch leaves the frame, at the point
    /// nearest to it on the way from `near` whose patch does not: a thumb near the
    /// frame's edge runs off it, and the frame's border is as far out as it shows.
    /// `None` when the patch only fits within the first half of the way.
    fn mean_out_to(&self, near: Pt, far: Pt) -> Option<[f32; 3]> {
        const STEPS: usize = 8;
        (0..=STEPS / 2).find_map(|k| {
            let s = 1.0 - k as f32 / STEPS as f32;
            self.mean([
                near[0] + (far[0] - near[0]) * s,
                near[1] + (far[1] - near[1]) * s,
            ])
        })
    }
}

/// What one sample across a side shows.
#[derive(Debug, Clone, Copy, Default)]
struct Sample {
    /// Where along the side (0 at its first corner, 1 at its second).
    t: f32,
    /// Skin lies across the side here: skin just inside and just outside, where the
    /// side usually shows other colours.
    crossed: bool,
    /// Skin further out, perpendicular to the side.
    far_skin: bool,
}

/// The samples along side a → b (ends `skip` left out).
fn side_samples(probe: &Probe, a: Pt, b: Pt, skip: f32, p: &CoverParams) -> Vec<Sample> {
    let d = [b[0] - a[0], b[1] - a[1]];
    let l = d[0].hypot(d[1]).max(1e-6);
    // Clockwise on screen (y down): the outward normal of a → b.
    let n = [d[1] / l, -d[0] / l];
    let at = |t: f32, out: f32| {
        [
            a[0] + d[0] * t + n[0] * out * probe.offset,
            a[1] + d[1] * t + n[1] * out * probe.offset,
        ]
    };
    let step = (1.0 - 2.0 * skip) / p.samples as f32;
    let read: Vec<(f32, Option<[[f32; 3]; 2]>)> = (0..p.samples)
        .map(|i| {
            let t = skip + step * (i as f32 + 0.5);
            let inside_outside = probe.mean(at(t, -1.0)).zip(probe.mean(at(t, 1.0)));
            (t, inside_outside.map(|(inside, outside)| [inside, outside]))
        })
        .collect();
    let seen: Vec<&[[f32; 3]; 2]> = read.iter().filter_map(|(_, r)| r.as_ref()).collect();
    // The side's usual colours: the card's margin inside, the desk outside.
    let usual = |which: usize| -> [f32; 3] {
        std::array::from_fn(|c| {
            let mut v: Vec<f32> = seen.iter().map(|s| s[which][c]).collect();
            v.sort_by(f32::total_cmp);
            crate::stats::quantile(&v, 0.5).unwrap_or(0.0)
        })
    };
    let (margin, desk) = (usual(0), usual(1));
    read.iter()
        .map(|&(t, r)| {
            let Some([inside, outside]) = r else {
                return Sample {
                    t,
                    ..Sample::default()
                };
            };
            let crossed = is_skin(inside)
                && is_skin(outside)
                && distance(inside, margin) >= p.changed_min
                && (distance(outside, desk) >= p.changed_min
                    || distance(inside, outside) < p.same_max);
            let far_skin = crossed
                && probe
                    .mean_out_to(at(t, 1.0), at(t, p.far_offsets))
                    .is_some_and(is_skin);
            Sample {
                t,
                crossed,
                far_skin,
            }
        })
        .collect()
}

/// The runs of consecutive `true`s.
fn runs(v: &[bool]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, &x) in v.iter().chain(std::iter::once(&false)).enumerate() {
        match (x, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    out
}

fn distance(a: [f32; 3], b: [f32; 3]) -> f32 {
    ((a[0] - b[0]).powi(2) + (a[1] - b[1]).powi(2) + (a[2] - b[2]).powi(2)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::Rgb;

    const CARD: [Pt; 4] = [
        [200.0, 150.0],
        [600.0, 150.0],
        [600.0, 402.0],
        [200.0, 402.0],
    ];

    /// A pale card on a dark desk.
    fn scene() -> RgbImage {
        RgbImage::from_fn(800, 600, |x, y| {
            let (x, y) = (x as f32 + 0.5, y as f32 + 0.5);
            if (200.0..600.0).contains(&x) && (150.0..402.0).contains(&y) {
                Rgb([225, 228, 232])
            } else {
                Rgb([60, 55, 50])
            }
        })
    }

    /// A flat skin-coloured disc at `c` of radius `r` and a bar from it to the
    /// frame's left edge (the thumb coming in).
    fn thumb(img: &mut RgbImage, c: Pt, r: f32) {
        for (x, y, p) in img.enumerate_pixels_mut() {
            let (x, y) = (x as f32 + 0.5, y as f32 + 0.5);
            let disc = (x - c[0]).hypot(y - c[1]) < r;
            let bar = x < c[0] && (y - c[1]).abs() < r;
            if disc || bar {
                *p = Rgb([205, 150, 125]);
            }
        }
    }

    #[test]
    fn a_clean_card_is_not_covered() {
        assert_eq!(covered(&scene(), &CARD), Cover::NONE);
    }

    #[test]
    fn skin_over_a_corner_covers_that_corner() {
        let mut img = scene();
        thumb(&mut img, [215.0, 390.0], 40.0);
        let c = covered(&img, &CARD);
        assert_eq!(c.corners, [false, false, false, true], "{c:?}");
        assert_eq!(c.sides, [false; 4]);
    }

    #[test]
    fn skin_across_the_middle_of_a_side_covers_that_side() {
        let mut img = scene();
        thumb(&mut img, [215.0, 276.0], 40.0);
        let c = covered(&img, &CARD);
        assert_eq!(c.corners, [false; 4], "{c:?}");
        assert_eq!(c.sides, [false, false, false, true]);
    }

    #[test]
    fn a_thumb_running_off_the_frame_just_beyond_the_side_covers_it() {
        // The card's left side 24 px from the frame's edge: the skin that far out is
        // read at the edge, where the thumb leaves the frame.
        let mut img = scene();
        thumb(&mut img, [215.0, 276.0], 40.0);
        let cut = image::imageops::crop_imm(&img, 176, 0, 624, 600).to_image();
        let card = CARD.map(|p| [p[0] - 176.0, p[1]]);
        let c = covered(&cut, &card);
        assert_eq!(c.sides, [false, false, false, true], "{c:?}");
    }

    #[test]
    fn a_skin_coloured_desk_without_a_thumb_covers_nothing() {
        let img = RgbImage::from_fn(800, 600, |x, y| {
            let inside = (200..600).contains(&x) && (150..402).contains(&y);
            if inside {
                Rgb([225, 228, 232])
            } else {
                Rgb([190, 140, 100])
            }
        });
        assert_eq!(covered(&img, &CARD), Cover::NONE);
    }
}
