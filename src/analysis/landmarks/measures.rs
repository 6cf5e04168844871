//! What the landmarks tell about the face: how open each eye and the mouth are,
//! and which way the head is turned.

use serde::Serialize;

use super::Landmarks;

/// The picture-left eye (the person's right eye): outer corner, two upper-lid
/// points, inner corner, two lower-lid points.
const EYE_LEFT: [usize; 6] = [36, 37, 38, 39, 40, 41];
/// The picture-right eye: inner corner, upper lid, outer corner, lower lid.
const EYE_RIGHT: [usize; 6] = [42, 43, 44, 45, 46, 47];

/// Outer mouth corners and the inner-lip pairs (upper, lower) facing each other.
const MOUTH_CORNERS: [usize; 2] = [48, 54];
const INNER_LIP_PAIRS: [[usize; 2]; 3] = [[61, 67], [62, 66], [63, 65]];

fn dist(a: [f32; 2], b: [f32; 2]) -> f32 {
    (a[0] - b[0]).hypot(a[1] - b[1])
}

/// The centroid of `points` (the origin for none).
pub(crate) fn mean(points: &[[f32; 2]]) -> [f32; 2] {
    let n = points.len().max(1) as f32;
    let s = points
        .iter()
        .fold([0.0, 0.0], |s, p| [s[0] + p[0], s[1] + p[1]]);
    [s[0] / n, s[1] / n]
}

/// Head pose in degrees. `yaw_deg` > 0: the face turned towards the picture's
/// right (the person's left); `pitch_deg` > 0: the face tilted up; `roll_deg` > 0:
/// the head leaned clockwise in the picture.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct HeadPose {
    pub yaw_deg: f32,
    pub pitch_deg: f32,
    pub roll_deg: f32,
}

/// Everything measured from one face's landmarks.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct FaceShape {
    /// Eye aspect ratio of each eye (picture left, picture right): the lids' gap
    /// over the eye's width; ~0.3 open, near 0 closed.
    pub eye_aspect: [f32; 2],
    /// Inner lips' gap over the mouth's width: ~0 closed, ~0.5 wide open.
    pub mouth_open: f32,
    /// Mouth width over the distance between the eye centres: grows in a smile.
    pub mouth_width: f32,
    /// Distance between the eye centres, in image pixels.
    pub eye_distance_px: f32,
    pub pose: HeadPose,
}

/// The aspect ratio of one eye: mean of the two lid gaps over the corner distance.
pub fn eye_aspect(p: &[[f32; 2]; 68], eye: [usize; 6]) -> f32 {
    let [c0, u1, u2, c1, l2, l1] = eye.map(|i| p[i]);
    let width = dist(c0, c1);
    if width <= f32::EPSILON {
        return 0.0;
    }
    (dist(u1, l1) + dist(u2, l2)) / (2.0 * width)
}

impl FaceShape {
    pub fn of(lm: &Landmarks) -> FaceShape {
        let p = &lm.points;
        let left_eye = mean(&EYE_LEFT.map(|i| p[i]));
        let right_eye = mean(&EYE_RIGHT.map(|i| p[i]));
        let eye_distance_px = dist(left_eye, right_eye);
        let mouth_w = dist(p[MOUTH_CORNERS[0]], p[MOUTH_CORNERS[1]]);
        let gap = INNER_LIP_PAIRS
            .iter()
            .map(|&[a, b]| dist(p[a], p[b]))
            .sum::<f32>()
            / INNER_LIP_PAIRS.len() as f32;
        FaceShape {
            eye_aspect: [eye_aspect(p, EYE_LEFT), eye_aspect(p, EYE_RIGHT)],
            mouth_open: if mouth_w > f32::EPSILON {
                gap / mouth_w
            } else {
                0.0
            },
            mouth_width: if eye_distance_px > f32::EPSILON {
                mouth_w / eye_distance_px
            } else {
                0.0
            },
            eye_distance_px,
            pose: head_pose(p),
        }
    }
}

/// An average adult face in millimetres, for the points the pose is fitted on:
/// x to the picture's right, y down, z away from the camera, nose tip at the
/// origin. Proportions from anthropometric averages (eye corners ~90 mm apart and
/// ~35 mm behind the nose tip, mouth ~50 mm wide, chin ~65 mm below the nose tip).
const MODEL_POINTS: [(usize, [f32; 3]); 8] = [
    (30, [0.0, 0.0, 0.0]),      // nose tip
    (8, [0.0, 65.0, 25.0]),     // chin
    (36, [-45.0, -35.0, 35.0]), // outer eye corners
    (45, [45.0, -35.0, 35.0]),
    (39, [-15.0, -33.0, 30.0]), // inner eye corners
    (42, [15.0, -33.0, 30.0]),
    (48, [-25.0, 30.0, 25.0]), // mouth corners
    (54, [25.0, 30.0, 25.0]),
];

/// Head pose from the landmarks: the rotation of [`MODEL_POINTS`] that best
/// projects onto them under a scaled orthographic camera (least squares for the
/// 2 × 3 projection, whose rows, made orthonormal, are the rotation's first two).
pub fn head_pose(p: &[[f32; 2]; 68]) -> HeadPose {
    let n = MODEL_POINTS.len() as f32;
    let m3 = MODEL_POINTS
        .iter()
        .fold([0.0f32; 3], |s, (_, q)| {
            [s[0] + q[0], s[1] + q[1], s[2] + q[2]]
        })
        .map(|v| v / n);
    let m2 = mean(&MODEL_POINTS.map(|(i, _)| p[i]));
    // Normal equations: M = (Σ x Xᵀ)(Σ X Xᵀ)⁻¹ with centred points.
    let mut xx = [[0.0f32; 3]; 3];
    let mut ux = [[0.0f32; 3]; 2];
    for (i, q) in MODEL_POINTS {
        let a = [q[0] - m3[0], q[1] - m3[1], q[2] - m3[2]];
        let u = [p[i][0] - m2[0], p[i][1] - m2[1]];
        for r in 0..3 {
            for c in 0..3 {
                xx[r][c] += a[r] * a[c];
            }
        }
        for r in 0..2 {
            for c in 0..3 {
                ux[r][c] += u[r] * a[c];
            }
        }
    }
    let Some(inv) = invert3(&xx) else {
        return HeadPose {
            yaw_deg: 0.0,
            pitch_deg: 0.0,
            roll_deg: 0.0,
        };
    };
    let row =
        |r: usize| -> [f32; 3] { [0, 1, 2].map(|c| (0..3).map(|k| ux[r][k] * inv[k][c]).sum()) };
    let r1 = normalised(row(0));
    let r2raw = row(1);
    let d = dot(r1, r2raw);
    let r2 = normalised([
        r2raw[0] - d * r1[0],
        r2raw[1] - d * r1[1],
        r2raw[2] - d * r1[2],
    ]);
    let r3 = cross(r1, r2);
    // The face looks along −z of the model; in camera axes that is −(third column).
    let (fx, fy, fz) = (-r1[2], -r2[2], -r3[2]);
    HeadPose {
        yaw_deg: fx.atan2(-fz).to_degrees(),
        pitch_deg: (-fy).atan2(-fz).to_degrees(),
        roll_deg: r2[0].atan2(r1[0]).to_degrees(),
    }
}

fn dot(a: [f32; 3], b: [f32; 3]) -> f32 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

fn cross(a: [f32; 3], b: [f32; 3]) -> [f32; 3] {
    [
        a[1] * b[2] - a[2] * b[1],
        a[2] * b[0] - a[0] * b[2],
        a[0] * b[1] - a[1] * b[0],
    ]
}

fn normalised(a: [f32; 3]) -> [f32; 3] {
    let n = dot(a, a).sqrt().max(f32::EPSILON);
    a.map(|v| v / n)
}

fn invert3(m: &[[f32; 3]; 3]) -> Option<[[f32; 3]; 3]> {
    let c = |r: usize, k: usize| {
        m[(r + 1) % 3][(k + 1) % 3] * m[(r + 2) % 3][(k + 2) % 3]
            - m[(r + 1) % 3][(k + 2) % 3] * m[(r + 2) % 3][(k + 1) % 3]
    };
    let det = m[0][0] * c(0, 0) + m[0][1] * c(0, 1) + m[0][2] * c(0, 2);
    if det.abs() < 1e-9 {
        return None;
    }
    // inverse[i][j] = cofactor(j, i) / det
    Some([0, 1, 2].map(|i| [0, 1, 2].map(|j| c(j, i) / det)))
}
