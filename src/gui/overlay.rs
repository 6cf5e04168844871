//! Drawing over the live preview: where the face is and should be, glare spots,
//! the lenses a failing eye rule was measured on, the document's corners, a
//! sharpness meter. Everything measured is in frame pixels; `UiFromImage` maps it
//! to the screen, mirrored when the preview is.

use egui::{pos2, Align2, Color32, FontId, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2};

use crate::analysis::document::Cover;
use crate::analysis::{distance, eyewear, Measurements};
use crate::geometry;
use crate::gui::live::HoldProgress;
use crate::rules::{RuleId, Verdict};

pub const PASS: Color32 = Color32::from_rgb(40, 200, 90);
pub const FAIL: Color32 = Color32::from_rgb(235, 60, 50);
const GLARE: Color32 = Color32::from_rgb(255, 170, 0);
const TARGET: Color32 = Color32::from_rgb(120, 200, 255);
const LANDMARK: Color32 = Color32::from_rgb(255, 230, 90);

/// The distance the target outline is drawn for: the middle of the 30–50 cm the selfie asks.
pub const TARGET_DISTANCE_CM: f32 = 40.0;

/// `corners_visible`: a corner at least 2 % of the frame from its edges.
pub const CORNER_MARGIN: f32 = (crate::rules::CORNER_MARGIN_PERCENT / 100.0) as f32;

/// Maps frame pixels to UI points: the frame is letterboxed into `rect`, and
/// flipped left–right when the preview is mirrored.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct UiFromImage {
    /// Where the whole frame is drawn, in UI points.
    pub rect: Rect,
    /// UI points per frame pixel.
    pub scale: f32,
    pub mirror: bool,
}

impl UiFromImage {
    /// The largest rect of the frame's aspect that fits in `available`, centred.
    pub fn fit(image_size: [u32; 2], available: Rect, mirror: bool) -> Self {
        let [w, h] = image_size.map(|v| v.max(1) as f32);
        let scale = (available.width() / w).min(available.height() / h).max(0.0);
        let rect = Rect::from_center_size(available.center(), Vec2::new(w * scale, h * scale));
        Self {
            rect,
            scale,
            mirror,
        }
    }

    pub fn point(&self, [x, y]: [f32; 2]) -> Pos2 {
        let dx = x * self.scale;
        let ux = if self.mirror {
            self.rect.right() - dx
        } else {
            self.rect.left() + dx
        };
        pos2(ux, self.rect.top() + y * self.scale)
    }

    pub fn rect(&self, r: &geometry::Rect) -> Rect {
        Rect::from_two_pos(self.point([r.x, r.y]), self.point([r.right(), r.bottom()]))
    }

    /// Texture coordinates that draw the frame mirrored or not.
    pub fn uv(&self) -> Rect {
        if self.mirror {
            Rect::from_min_max(pos2(1.0, 0.0), pos2(0.0, 1.0))
        } else {
            Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0))
        }
    }
}

fn verdict(verdicts: &[Verdict], id: RuleId) -> Option<&Verdict> {
    verdicts.iter().find(|v| v.id == id)
}

fn passes(verdicts: &[Verdict], id: RuleId) -> bool {
    verdict(verdicts, id).is_none_or(|v| v.pass)
}

fn dashed_rect(painter: &egui::Painter, r: Rect, stroke: Stroke) {
    let path = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    painter.extend(Shape::dashed_line(&path, stroke, 10.0, 6.0));
}

fn label(painter: &egui::Painter, at: Pos2, anchor: Align2, text: &str, colour: Color32) {
    let font = FontId::proportional(15.0);
    let galley = painter.layout_no_wrap(text.to_owned(), font, Color32::WHITE);
    let r = anchor
        .anchor_size(at, galley.size())
        .expand2(Vec2::new(5.0, 2.0));
    painter.rect_filled(r, 3.0, Color32::from_black_alpha(170));
    painter.rect_stroke(r, 3.0, Stroke::new(1.0, colour), StrokeKind::Inside);
    painter.galley(r.min + Vec2::new(5.0, 2.0), galley, Color32::WHITE);
}

/// The selfie overlay: a dashed target the size of a face at 40 cm in the middle of
/// the frame, and the face found, green when it is whole and at the right distance.
pub fn face_overlay_ui(
    painter: &egui::Painter,
    ui_from_image: &UiFromImage,
    m: &Measurements,
    verdicts: &[Verdict],
) {
    let (w, h) = (m.width as f32, m.height as f32);
    let target_w = distance::face_width_px_at(TARGET_DISTANCE_CM, w, m.hfov_deg);
    // rustface boxes are about square; the face sits a little above the middle.
    let target_in_image = geometry::Rect::new(
        (w - target_w) / 2.0,
        h * 0.45 - target_w / 2.0,
        target_w,
        target_w,
    );
    let target = ui_from_image.rect(&target_in_image);
    dashed_rect(painter, target, Stroke::new(2.0, TARGET));
    label(
        painter,
        target.center_top() - Vec2::new(0.0, 4.0),
        Align2::CENTER_BOTTOM,
        &crate::tr!(
            "overlay-face-here",
            cm = &crate::check::with_unit(f64::from(TARGET_DISTANCE_CM.round()), "cm")
        ),
        TARGET,
    );

    let good = passes(verdicts, RuleId::Distance)
        && passes(verdicts, RuleId::FaceInFrame)
        && passes(verdicts, RuleId::SingleFace);
    for (i, face) in m.faces.iter().enumerate() {
        let r = ui_from_image.rect(&face.rect);
        let colour = if i == 0 && good { PASS } else { FAIL };
        painter.rect_stroke(r, 4.0, Stroke::new(3.0, colour), StrokeKind::Outside);
        if i == 0 {
            if let Some(s) = &m.selfie {
                label(
                    painter,
                    r.center_bottom() + Vec2::new(0.0, 6.0),
                    Align2::CENTER_TOP,
                    &crate::check::with_unit(f64::from(s.distance_cm.round()), "cm"),
                    colour,
                );
            }
        }
    }
}

/// The glare spots to outline (frame pixels): those over the glare rule's limit,
/// and only while it fails. The rule judges the largest reflection; a tooth's
/// or an eye's small shine beside it is no problem and not marked.
pub fn glare_marks(m: &Measurements, verdicts: &[Verdict]) -> Vec<geometry::Rect> {
    let Some(v) = verdict(verdicts, RuleId::Glare).filter(|v| !v.pass) else {
        return Vec::new();
    };
    let glare = &m.quality.glare;
    let over = |share: f32| v.limit.max.is_none_or(|max| f64::from(share) * 100.0 > max);
    glare
        .blobs
        .iter()
        .zip(&glare.blob_shares)
        .filter(|(_, &share)| over(share))
        .map(|(blob, _)| *blob)
        .collect()
}

/// Glare spots outlined where they are, when the glare rule fails ([`glare_marks`]).
pub fn glare_overlay_ui(
    painter: &egui::Painter,
    ui_from_image: &UiFromImage,
    m: &Measurements,
    verdicts: &[Verdict],
) {
    let marks = glare_marks(m, verdicts);
    for blob in &marks {
        let r = ui_from_image.rect(blob).expand(4.0);
        painter.rect_stroke(r, 6.0, Stroke::new(2.5, GLARE), StrokeKind::Outside);
    }
    if let Some(first) = marks.first() {
        let r = ui_from_image.rect(first).expand(4.0);
        label(
            painter,
            r.center_top() - Vec2::new(0.0, 4.0),
            Align2::CENTER_BOTTOM,
            &crate::tr!("overlay-glare"),
            GLARE,
        );
    }
}

/// An eye rule that fails and the regions (frame pixels) it was measured on.
#[derive(Clone, Debug, PartialEq)]
pub struct EyewearMark {
    pub rule: RuleId,
    pub regions: Vec<geometry::Rect>,
}

/// The eye rules failing in `verdicts` (`sunglasses`, then `eyewear_glare`), each
/// with the regions its measure was read on ([`eyewear::sunglasses_regions`],
/// [`eyewear::eyewear_glare_regions`]): nothing while they pass.
pub fn eyewear_marks(m: &Measurements, verdicts: &[Verdict]) -> Vec<EyewearMark> {
    let Some(s) = &m.selfie else {
        return Vec::new();
    };
    [RuleId::Sunglasses, RuleId::EyewearGlare]
        .into_iter()
        .filter(|rule| !passes(verdicts, *rule))
        .map(|rule| EyewearMark {
            rule,
            regions: match rule {
                RuleId::Sunglasses => eyewear::sunglasses_regions(s),
                _ => eyewear::eyewear_glare_regions(s),
            },
        })
        .collect()
}

/// The lens regions of a failing eye rule outlined in the failing colour, with its
/// name beside them: "sunglasses" above, "glare on glasses" below.
pub fn eyewear_overlay_ui(
    painter: &egui::Painter,
    ui_from_image: &UiFromImage,
    m: &Measurements,
    verdicts: &[Verdict],
) {
    for mark in eyewear_marks(m, verdicts) {
        let rects: Vec<Rect> = mark.regions.iter().map(|r| ui_from_image.rect(r)).collect();
        for r in &rects {
            painter.rect_stroke(*r, 4.0, Stroke::new(2.5, FAIL), StrokeKind::Outside);
        }
        let Some(around) = rects.iter().copied().reduce(|a, b| a.union(b)) else {
            continue;
        };
        let (at, anchor, text) = if mark.rule == RuleId::Sunglasses {
            (
                around.center_top() - Vec2::new(0.0, 6.0),
                Align2::CENTER_BOTTOM,
                crate::tr!("overlay-sunglasses"),
            )
        } else {
            (
                around.center_bottom() + Vec2::new(0.0, 6.0),
                Align2::CENTER_TOP,
                crate::tr!("overlay-eyewear-glare"),
            )
        };
        label(painter, at, anchor, &text, FAIL);
    }
}

/// The face's 68 landmarks (frame pixels) as dots, the eyes and lips joined by
/// lines (Settings → Show diagnostics): what the eye, mouth and head-pose
/// measures are read from.
pub fn landmarks_overlay_ui(
    painter: &egui::Painter,
    ui_from_image: &UiFromImage,
    points: &[[f32; 2]; 68],
) {
    let stroke = Stroke::new(1.0, LANDMARK.gamma_multiply(0.7));
    for outline in LANDMARK_OUTLINES {
        let line: Vec<Pos2> = outline
            .clone()
            .chain(std::iter::once(outline.start))
            .map(|i| ui_from_image.point(points[i]))
            .collect();
        painter.add(Shape::line(line, stroke));
    }
    for p in points {
        painter.circle_filled(ui_from_image.point(*p), 2.0, LANDMARK);
    }
}

/// The closed outlines among the 68 points: each eye, the outer and the inner lips.
const LANDMARK_OUTLINES: [std::ops::Range<usize>; 4] = [36..42, 42..48, 48..60, 60..68];

/// Whether a corner (frame pixels) is inside the frame with the required margin.
pub fn corner_inside(corner: [f32; 2], width: u32, height: u32) -> bool {
    let (w, h) = (width as f32, height as f32);
    let (mx, my) = (w * CORNER_MARGIN, h * CORNER_MARGIN);
    (mx..=w - mx).contains(&corner[0]) && (my..=h - my).contains(&corner[1])
}

/// The document's outline, each corner green when it is well inside the frame and
/// red when it is cut off, too near an edge or under a finger (`covered`); a side
/// under a finger is drawn red too, and "finger" is written beside what it covers.
/// Corners clockwise from top-left.
pub fn document_overlay_ui(
    painter: &egui::Painter,
    ui_from_image: &UiFromImage,
    corners: Option<[[f32; 2]; 4]>,
    covered: Cover,
    frame_size: [u32; 2],
) {
    let Some(corners) = corners else {
        return;
    };
    let points: Vec<Pos2> = corners.iter().map(|&c| ui_from_image.point(c)).collect();
    let shows =
        |k: usize| corner_inside(corners[k], frame_size[0], frame_size[1]) && !covered.corners[k];
    let all_in = (0..4).all(shows) && !covered.any();
    let outline = if all_in { PASS } else { FAIL };
    painter.add(Shape::closed_line(
        points.clone(),
        Stroke::new(3.0, outline),
    ));
    for k in (0..4).filter(|&k| covered.sides[k]) {
        painter.line_segment([points[k], points[(k + 1) % 4]], Stroke::new(6.0, FAIL));
    }
    for (k, &p) in points.iter().enumerate() {
        let colour = if shows(k) { PASS } else { FAIL };
        painter.circle_filled(p, 9.0, colour);
        painter.circle_stroke(p, 9.0, Stroke::new(2.0, Color32::WHITE));
    }
    let centre = points.iter().fold(Vec2::ZERO, |a, p| a + p.to_vec2()) / 4.0;
    let at = (0..4)
        .find(|&k| covered.corners[k])
        .map(|k| points[k])
        .or_else(|| {
            (0..4)
                .find(|&k| covered.sides[k])
                .map(|k| points[k] + (points[(k + 1) % 4] - points[k]) * 0.5)
        });
    if let Some(at) = at {
        // Beside it, on the document's side, where the finger is not.
        let inward = (centre.to_pos2() - at).normalized() * 28.0;
        label(
            painter,
            at + inward,
            Align2::CENTER_CENTER,
            &crate::tr!("overlay-finger"),
            FAIL,
        );
    }
}

/// A bar for the sharpness with a tick at the limit, at the preview's bottom left: the
/// verdict's own measure, so the bar and the advice never disagree.
pub fn sharpness_meter_ui(
    painter: &egui::Painter,
    ui_from_image: &UiFromImage,
    verdicts: &[Verdict],
) {
    let frame = ui_from_image.rect;
    let bar = Rect::from_min_size(
        frame.left_bottom() + Vec2::new(12.0, -34.0),
        Vec2::new((frame.width() * 0.3).clamp(120.0, 260.0), 14.0),
    );
    // The limit comes from the rule itself; a shot without it has no meter.
    let Some(v) = verdict(verdicts, RuleId::Sharpness) else {
        return;
    };
    let Some((value, limit)) = meter_fill(v) else {
        return;
    };
    let colour = if v.pass { PASS } else { FAIL };
    let text = painter.layout_no_wrap(
        crate::tr!("overlay-sharpness"),
        FontId::proportional(14.0),
        Color32::WHITE,
    );
    // One dark plate under the bar and its word, readable on any scene.
    let plate = Rect::from_min_max(
        bar.min - Vec2::splat(6.0),
        pos2(bar.right() + 16.0 + text.size().x, bar.bottom() + 6.0),
    );
    painter.rect_filled(plate, 4.0, Color32::from_black_alpha(180));
    painter.rect_filled(bar, 2.0, Color32::from_gray(60));
    let filled = Rect::from_min_size(bar.min, Vec2::new(bar.width() * value, bar.height()));
    painter.rect_filled(filled, 2.0, colour);
    let tick_x = bar.left() + bar.width() * limit;
    painter.line_segment(
        [
            pos2(tick_x, bar.top() - 4.0),
            pos2(tick_x, bar.bottom() + 4.0),
        ],
        Stroke::new(2.0, Color32::WHITE),
    );
    let text_pos = pos2(bar.right() + 10.0, bar.center().y - text.size().y / 2.0);
    painter.galley(text_pos, text, Color32::WHITE);
}

/// How far the sharpness meter fills (0..1) and where its limit's tick is. The blur
/// effect (0..1, at least its limit) fills the bar as it is. A document's edge rise (px,
/// at most its limit) meets a tick halfway at the limit and fills more the crisper its
/// edges are.
fn meter_fill(v: &Verdict) -> Option<(f32, f32)> {
    match (v.value, v.limit.min, v.limit.max) {
        (Some(x), Some(min), _) => Some(((x as f32).clamp(0.0, 1.0), min as f32)),
        (Some(x), None, Some(max)) if x > 0.0 => Some((((0.5 * max / x) as f32).min(1.0), 0.5)),
        _ => None,
    }
}

/// The auto-capture countdown along the top of the frame: fills while every rule
/// holds, so the person sees the photo coming without looking away.
pub fn hold_overlay_ui(painter: &egui::Painter, ui_from_image: &UiFromImage, hold: &HoldProgress) {
    let share = (hold.passing_for_secs / hold.needed_secs.max(0.01)).clamp(0.0, 1.0);
    if !hold.armed || share <= 0.0 {
        return;
    }
    let frame = ui_from_image.rect;
    let track = Rect::from_min_size(frame.min, Vec2::new(frame.width(), 8.0));
    painter.rect_filled(track, 0.0, Color32::from_black_alpha(150));
    let filled = Rect::from_min_size(frame.min, Vec2::new(frame.width() * share, 8.0));
    painter.rect_filled(filled, 0.0, PASS);
    painter.rect_stroke(frame, 0.0, Stroke::new(3.0, PASS), StrokeKind::Inside);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Limit;

    #[test]
    fn the_sharpness_meter_shows_the_verdict_that_judged() {
        let blur = Verdict::measured(RuleId::Sharpness, 0.7, Limit::at_least(0.5), "", |_| {
            String::new()
        });
        assert_eq!(meter_fill(&blur), Some((0.7, 0.5)));
        // Edges rising over 4 px: short of the tick; within 2 px: full.
        let edges = |rise| {
            Verdict::measured(RuleId::Sharpness, rise, Limit::at_most(4.0), "px", |_| {
                String::new()
            })
        };
        let (blurred, tick) = meter_fill(&edges(5.0)).expect("a meter");
        assert!(blurred < tick && !edges(5.0).pass);
        assert_eq!(meter_fill(&edges(2.0)), Some((1.0, 0.5)));
    }

    #[test]
    fn mirroring_flips_x_and_keeps_y() {
        let area = Rect::from_min_size(pos2(10.0, 20.0), Vec2::new(640.0, 480.0));
        let plain = UiFromImage::fit([1280, 960], area, false);
        let mirrored = UiFromImage::fit([1280, 960], area, true);
        assert_eq!(plain.scale, 0.5);
        assert_eq!(plain.point([0.0, 0.0]), pos2(10.0, 20.0));
        assert_eq!(mirrored.point([0.0, 0.0]), pos2(650.0, 20.0));
        assert_eq!(mirrored.point([1280.0, 960.0]), pos2(10.0, 500.0));
        // A box stays a box with positive size when mirrored.
        let r = mirrored.rect(&geometry::Rect::new(100.0, 100.0, 200.0, 100.0));
        assert_eq!(r, Rect::from_min_max(pos2(500.0, 70.0), pos2(600.0, 120.0)));
    }

    #[test]
    fn letterbox_keeps_the_aspect() {
        let area = Rect::from_min_size(Pos2::ZERO, Vec2::new(1000.0, 400.0));
        let t = UiFromImage::fit([1280, 720], area, false);
        assert!((t.rect.width() / t.rect.height() - 1280.0 / 720.0).abs() < 1e-3);
        assert_eq!(t.rect.center(), area.center());
    }

    #[test]
    fn corners_near_the_edge_are_out() {
        assert!(corner_inside([100.0, 100.0], 1280, 720));
        assert!(!corner_inside([5.0, 100.0], 1280, 720));
        assert!(!corner_inside([100.0, 719.0], 1280, 720));
    }
}
