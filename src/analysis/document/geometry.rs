//! Plane geometry of points, lines and quadrilaterals (continuous pixel coordinates),
//! and how a found outline lies in the frame ([`DocGeometry`]).

use super::params::LineParams;

/// Where the document lies in the frame and how it is posed.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct DocGeometry {
    /// Top, right, bottom, left: distance of the nearest corner to that frame edge as a
    /// fraction of the frame height/width; negative = outside the frame.
    pub min_margin_frac: [f32; 4],
    /// Document width (mean of top and bottom sides) / frame width.
    pub width_frac: f32,
    /// Document area / frame area.
    pub area_frac: f32,
    /// Document width in pixels (mean of top and bottom sides).
    pub width_px: f32,
    /// The document stands: taller than wide once perspective is undone (a card on its
    /// side, an upright open booklet). A card leaning back can look taller than wide
    /// and still lie across.
    pub standing: bool,
    /// In-plane rotation in degrees, positive = clockwise on screen.
    pub rotation_deg: f32,
    /// Max over the two pairs of opposite sides of longer/shorter (≥ 1).
    pub side_ratio: f32,
    /// Max |corner angle − 90°| in degrees.
    pub max_angle_dev_deg: f32,
}

pub(super) type Pt = [f32; 2];

pub(super) fn sub(a: Pt, b: Pt) -> Pt {
    [a[0] - b[0], a[1] - b[1]]
}

pub(super) fn dist(a: Pt, b: Pt) -> f32 {
    let d = sub(a, b);
    d[0].hypot(d[1])
}

fn cross(a: Pt, b: Pt) -> f32 {
    a[0] * b[1] - a[1] * b[0]
}

/// Signed area (positive when clockwise on screen, i.e. y down).
pub(super) fn signed_area(poly: &[Pt]) -> f32 {
    let n = poly.len();
    (0..n)
        .map(|i| cross(poly[i], poly[(i + 1) % n]))
        .sum::<f32>()
        * 0.5
}

/// A line `n · p = c` with unit normal `n`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Line {
    pub(super) n: Pt,
    pub(super) c: f32,
}

impl Line {
    pub(super) fn intersect(&self, o: &Line) -> Option<Pt> {
        let det = cross(self.n, o.n);
        if det.abs() < 1e-6 {
            return None;
        }
        Some([
            (self.c * o.n[1] - o.c * self.n[1]) / det,
            (self.n[0] * o.c - o.n[0] * self.c) / det,
        ])
    }

    /// The line through a and b.
    pub(super) fn through(a: Pt, b: Pt) -> Line {
        let d = sub(b, a);
        let len = dist(a, b).max(1e-6);
        let n = [-d[1] / len, d[0] / len];
        Line {
            n,
            c: n[0] * a[0] + n[1] * a[1],
        }
    }

    /// The same line with its normal pointing away from `p`.
    pub(super) fn facing_away_from(self, p: Pt) -> Line {
        if self.n[0] * p[0] + self.n[1] * p[1] > self.c {
            Line {
                n: [-self.n[0], -self.n[1]],
                c: -self.c,
            }
        } else {
            self
        }
    }

    /// Direction along the line (normal turned by +90°).
    pub(super) fn dir(&self) -> Pt {
        [-self.n[1], self.n[0]]
    }

    /// Whether `o` is this line, within `same_line_deg` and `same_line_px`.
    pub(super) fn same_as(&self, o: &Line, p: &LineParams) -> bool {
        let dn = self.n[0] * o.n[0] + self.n[1] * o.n[1];
        let dc = if dn >= 0.0 {
            self.c - o.c
        } else {
            self.c + o.c
        };
        undirected_diff_deg(self.angle_deg(), o.angle_deg()) <= p.same_line_deg
            && dc.abs() <= p.same_line_px
    }

    /// Angle of the normal folded into [0, 180).
    pub(super) fn angle_deg(&self) -> f32 {
        self.n[1].atan2(self.n[0]).to_degrees().rem_euclid(180.0)
    }
}

/// Angle between two undirected directions, in [0, 90].
pub(super) fn undirected_diff_deg(a: f32, b: f32) -> f32 {
    let d = (a - b).rem_euclid(180.0);
    d.min(180.0 - d)
}

/// Area of quad `c` inside the `w × h` image. Size counts only where it is seen: a quad
/// reaching far out of the frame on desk lines has no evidence for its outside part.
pub(super) fn visible_area(c: &[Pt; 4], w: f32, h: f32) -> f32 {
    if c.iter()
        .all(|p| p[0] >= 0.0 && p[1] >= 0.0 && p[0] <= w && p[1] <= h)
    {
        return signed_area(c).abs();
    }
    let frame = [[0.0, 0.0], [w, 0.0], [w, h], [0.0, h]];
    let mut q = c.to_vec();
    if signed_area(&q) < 0.0 {
        q.reverse();
    }
    signed_area(&clip_convex(&q, &frame)).abs()
}

/// Share of segment a→b inside the `w × h` image.
pub(super) fn visible_fraction(a: Pt, b: Pt, w: f32, h: f32) -> f32 {
    const N: usize = 16;
    (0..N)
        .filter(|&i| {
            let t = (i as f32 + 0.5) / N as f32;
            let p = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
            p[0] >= 0.0 && p[1] >= 0.0 && p[0] < w && p[1] < h
        })
        .count() as f32
        / N as f32
}

/// Focal length assumed for undoing perspective, as a share of the long image side
/// (a horizontal field of view of ~65°, typical of webcams and phone main cameras).
pub(super) const ASSUMED_FOCAL_FRAC: f32 = 0.8;

/// Aspect ratio (≥ 1) of the real rectangle seen as quad `c` (corners in order) through
/// a pinhole camera with principal point `pp` and focal length `f` (px), undoing
/// perspective foreshortening (Zhang & He, "Whiteboard scanning", 2007). `None` when the
/// quad is degenerate for this model.
pub(super) fn rectangle_aspect(c: &[Pt; 4], pp: Pt, f: f32) -> Option<f32> {
    rectangle_side_ratio(c, pp, f).map(|r| r.max(1.0 / r))
}

/// The real rectangle's side c0–c1 over its side c0–c3, as in [`rectangle_aspect`].
fn rectangle_side_ratio(c: &[Pt; 4], pp: Pt, f: f32) -> Option<f32> {
    let m = |p: Pt| [(p[0] - pp[0]) as f64, (p[1] - pp[1]) as f64, 1.0f64];
    // Zhang's labelling: m1 = c0, m2 = c1, m3 = c3, m4 = c2 (rectangle (0,0),(w,0),(0,h),(w,h)).
    let (m1, m2, m3, m4) = (m(c[0]), m(c[1]), m(c[3]), m(c[2]));
    let cr = |a: [f64; 3], b: [f64; 3]| {
        [
            a[1] * b[2] - a[2] * b[1],
            a[2] * b[0] - a[0] * b[2],
            a[0] * b[1] - a[1] * b[0],
        ]
    };
    let dot = |a: [f64; 3], b: [f64; 3]| a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    let m14 = cr(m1, m4);
    let k2 = dot(m14, m3) / dot(cr(m2, m4), m3);
    let k3 = dot(m14, m2) / dot(cr(m3, m4), m2);
    if !(k2.is_finite() && k3.is_finite() && k2 > 0.0 && k3 > 0.0) {
        return None;
    }
    let n2 = [k2 * m2[0] - m1[0], k2 * m2[1] - m1[1], k2 - 1.0];
    let n3 = [k3 * m3[0] - m1[0], k3 * m3[1] - m1[1], k3 - 1.0];
    let f2 = (f as f64) * (f as f64);
    let l2 = (n2[0] * n2[0] + n2[1] * n2[1]) / f2 + n2[2] * n2[2];
    let l3 = (n3[0] * n3[0] + n3[1] * n3[1]) / f2 + n3[2] * n3[2];
    if !(l2 > 0.0 && l3 > 0.0) {
        return None;
    }
    let r = (l2 / l3).sqrt() as f32;
    (r.is_finite() && r > 0.0).then_some(r)
}

/// Width over height of the document seen as `c` (clockwise from top-left) in a
/// `fw`×`fh` frame, perspective undone with the assumed camera; the outline's own
/// side lengths when the quad is degenerate for that model. For corners in any other
/// order around the quad: its side from corner 0 to 1 over its side from 0 to 3.
pub(super) fn width_over_height(c: &[Pt; 4], fw: f32, fh: f32) -> f32 {
    rectangle_side_ratio(c, [fw * 0.5, fh * 0.5], ASSUMED_FOCAL_FRAC * fw.max(fh))
        .unwrap_or_else(|| width_px(c) / height_px(c).max(1e-6))
}

pub(super) fn is_convex(c: &[Pt; 4]) -> bool {
    let mut sign = 0.0f32;
    for k in 0..4 {
        let z = cross(
            sub(c[(k + 1) % 4], c[k]),
            sub(c[(k + 2) % 4], c[(k + 1) % 4]),
        );
        if z.abs() < 1e-6 {
            return false;
        }
        if sign == 0.0 {
            sign = z.signum();
        } else if z.signum() != sign {
            return false;
        }
    }
    true
}

/// The mean of a quad's corners.
pub(super) fn centroid(c: &[Pt; 4]) -> Pt {
    [
        c.iter().map(|p| p[0]).sum::<f32>() * 0.25,
        c.iter().map(|p| p[1]).sum::<f32>() * 0.25,
    ]
}

/// Whether `p` lies inside the convex quad `c` (either winding).
pub(super) fn inside_quad(p: Pt, c: &[Pt; 4]) -> bool {
    let sides = [0, 1, 2, 3].map(|k| cross(sub(c[(k + 1) % 4], c[k]), sub(p, c[k])));
    sides.iter().all(|&z| z >= 0.0) || sides.iter().all(|&z| z <= 0.0)
}

/// Distance from `p` to the nearest point of the quad's sides.
pub(super) fn distance_to_quad(p: Pt, c: &[Pt; 4]) -> f32 {
    (0..4)
        .map(|k| {
            let (a, b) = (c[k], c[(k + 1) % 4]);
            let (ab, ap) = (sub(b, a), sub(p, a));
            let t = ((ap[0] * ab[0] + ap[1] * ab[1]) / (ab[0] * ab[0] + ab[1] * ab[1]).max(1e-6))
                .clamp(0.0, 1.0);
            dist(p, [a[0] + ab[0] * t, a[1] + ab[1] * t])
        })
        .fold(f32::MAX, f32::min)
}

/// Orders corners clockwise on screen starting from the top-left one, where "top-left"
/// is judged after undoing the in-plane rotation (folded into ±45°).
pub(super) fn order_corners(c: [Pt; 4]) -> [Pt; 4] {
    let [cx, cy] = centroid(&c);
    let mut v = c;
    v.sort_by(|a, b| {
        let aa = (a[1] - cy).atan2(a[0] - cx);
        let ab = (b[1] - cy).atan2(b[0] - cx);
        aa.total_cmp(&ab)
    });
    // Mean edge angle modulo 90° (averaged on the circle of 4θ).
    let (mut sc, mut ss) = (0.0f32, 0.0f32);
    for k in 0..4 {
        let e = sub(v[(k + 1) % 4], v[k]);
        let a = e[1].atan2(e[0]) * 4.0;
        sc += a.cos();
        ss += a.sin();
    }
    let rot = ss.atan2(sc) / 4.0;
    let (cr, sr) = (rot.cos(), rot.sin());
    let start = (0..4)
        .min_by(|&i, &j| {
            let key = |p: Pt| {
                let (x, y) = (p[0] - cx, p[1] - cy);
                // Rotate by -rot, then top-left minimises x + y.
                (x * cr + y * sr) + (-x * sr + y * cr)
            };
            key(v[i]).total_cmp(&key(v[j]))
        })
        .unwrap_or(0);
    [
        v[start],
        v[(start + 1) % 4],
        v[(start + 2) % 4],
        v[(start + 3) % 4],
    ]
}

/// A document's width in pixels: the mean of its top and bottom sides.
pub(super) fn width_px(c: &[Pt; 4]) -> f32 {
    (dist(c[0], c[1]) + dist(c[2], c[3])) * 0.5
}

/// A document's height in pixels: the mean of its left and right sides.
pub(super) fn height_px(c: &[Pt; 4]) -> f32 {
    (dist(c[0], c[3]) + dist(c[1], c[2])) * 0.5
}

/// Measures where the document lies in the frame and how it is posed.
pub fn document_geometry(corners: &[[f32; 2]; 4], frame_w: u32, frame_h: u32) -> DocGeometry {
    let (fw, fh) = (frame_w.max(1) as f32, frame_h.max(1) as f32);
    let c = corners;
    let min_of = |f: &dyn Fn(&Pt) -> f32| c.iter().map(f).fold(f32::MAX, f32::min);
    let min_margin_frac = [
        min_of(&|p| p[1]) / fh,
        min_of(&|p| fw - p[0]) / fw,
        min_of(&|p| fh - p[1]) / fh,
        min_of(&|p| p[0]) / fw,
    ];
    let sides = [
        dist(c[0], c[1]),
        dist(c[1], c[2]),
        dist(c[2], c[3]),
        dist(c[3], c[0]),
    ];
    let width_px = width_px(c);
    let ratio = |a: f32, b: f32| {
        if a.min(b) > 0.0 {
            a.max(b) / a.min(b)
        } else {
            f32::INFINITY
        }
    };
    let side_ratio = ratio(sides[0], sides[2]).max(ratio(sides[1], sides[3]));
    // Each side's angle against its axis (top 0°, right 90°, bottom 180°, left 270°).
    let mut rot_sum = 0.0;
    for k in 0..4 {
        let e = sub(c[(k + 1) % 4], c[k]);
        let a = e[1].atan2(e[0]).to_degrees() - 90.0 * k as f32;
        rot_sum += (a + 180.0).rem_euclid(360.0) - 180.0;
    }
    let mut max_dev = 0.0f32;
    for k in 0..4 {
        let a = sub(c[(k + 3) % 4], c[k]);
        let b = sub(c[(k + 1) % 4], c[k]);
        let (la, lb) = (a[0].hypot(a[1]), b[0].hypot(b[1]));
        let dev = if la > 0.0 && lb > 0.0 {
            let cos = ((a[0] * b[0] + a[1] * b[1]) / (la * lb)).clamp(-1.0, 1.0);
            (cos.acos().to_degrees() - 90.0).abs()
        } else {
            90.0
        };
        max_dev = max_dev.max(dev);
    }
    DocGeometry {
        min_margin_frac,
        width_frac: width_px / fw,
        area_frac: signed_area(c).abs() / (fw * fh),
        width_px,
        standing: width_over_height(c, fw, fh) < 1.0,
        rotation_deg: rot_sum * 0.25,
        side_ratio,
        max_angle_dev_deg: max_dev,
    }
}

/// Intersection over union of two convex quadrilaterals (any orientation).
pub fn quad_iou(a: &[[f32; 2]; 4], b: &[[f32; 2]; 4]) -> f32 {
    let orient = |q: &[Pt; 4]| {
        let mut v = q.to_vec();
        if signed_area(&v) < 0.0 {
            v.reverse();
        }
        v
    };
    let (pa, pb) = (orient(a), orient(b));
    let (aa, ab) = (signed_area(&pa), signed_area(&pb));
    if !(aa > 0.0 && ab > 0.0) {
        return 0.0;
    }
    let inter = signed_area(&clip_convex(&pa, &pb)).max(0.0);
    let union = aa + ab - inter;
    if union > 0.0 {
        (inter / union).clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// Sutherland–Hodgman: `subject` clipped by convex `clip` (both clockwise on screen).
fn clip_convex(subject: &[Pt], clip: &[Pt]) -> Vec<Pt> {
    let mut out = subject.to_vec();
    for k in 0..clip.len() {
        if out.is_empty() {
            break;
        }
        let (e0, e1) = (clip[k], clip[(k + 1) % clip.len()]);
        let inside = |p: Pt| cross(sub(e1, e0), sub(p, e0)) >= 0.0;
        let input = std::mem::take(&mut out);
        for i in 0..input.len() {
            let cur = input[i];
            let prev = input[(i + input.len() - 1) % input.len()];
            let (ci, pi) = (inside(cur), inside(prev));
            if ci != pi {
                let d = sub(cur, prev);
                let den = cross(sub(e1, e0), d);
                if den.abs() > 1e-12 {
                    let t = cross(sub(e1, e0), sub(e0, prev)) / den;
                    out.push([prev[0] + d[0] * t, prev[1] + d[1] * t]);
                }
            }
            if ci {
                out.push(cur);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A card leaning back 36° (seed 273 of the evaluation: its outline is 1.3 times
    /// taller than wide) still lies across; the same card turned a quarter stands.
    #[test]
    fn a_leaning_card_lies_across_a_card_on_its_side_stands() {
        let leaning = [[64.9, 265.5], [327.1, 212.6], [333.0, 634.0], [68.9, 550.2]];
        assert!(!document_geometry(&leaning, 1280, 720).standing);
        let on_its_side = [[445.0, 50.0], [835.0, 50.0], [835.0, 670.0], [445.0, 670.0]];
        assert!(document_geometry(&on_its_side, 1280, 720).standing);
        let across = [
            [340.0, 190.0],
            [960.0, 190.0],
            [960.0, 580.0],
            [340.0, 580.0],
        ];
        assert!(!document_geometry(&across, 1280, 720).standing);
    }
}
