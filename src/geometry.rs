//! Rectangles in image pixels, the coordinate space every measurement reports in.

use serde::Serialize;

/// An axis-aligned box in input-image pixels (`x`, `y` = top-left corner).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Self {
        Self { x, y, w, h }
    }

    /// The smallest box around `points`; `None` when there are none.
    pub fn around(points: &[[f32; 2]]) -> Option<Rect> {
        let (first, rest) = points.split_first()?;
        let (mut x0, mut y0, mut x1, mut y1) = (first[0], first[1], first[0], first[1]);
        for &[x, y] in rest {
            (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
        }
        Some(Rect::new(x0, y0, x1 - x0, y1 - y0))
    }

    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    pub fn center(&self) -> [f32; 2] {
        [self.x + self.w / 2.0, self.y + self.h / 2.0]
    }

    /// Whether the point (`x`, `y`) lies inside the box or on its border.
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x && x <= self.right() && y >= self.y && y <= self.bottom()
    }

    pub fn area(&self) -> f32 {
        self.w.max(0.0) * self.h.max(0.0)
    }

    /// Grows each side by the given fraction of the box's own size.
    pub fn grown(&self, left: f32, top: f32, right: f32, bottom: f32) -> Rect {
        Rect {
            x: self.x - left * self.w,
            y: self.y - top * self.h,
            w: self.w * (1.0 + left + right),
            h: self.h * (1.0 + top + bottom),
        }
    }

    pub fn intersection(&self, other: &Rect) -> Option<Rect> {
        let x0 = self.x.max(other.x);
        let y0 = self.y.max(other.y);
        let x1 = self.right().min(other.right());
        let y1 = self.bottom().min(other.bottom());
        (x1 > x0 && y1 > y0).then(|| Rect::new(x0, y0, x1 - x0, y1 - y0))
    }

    pub fn iou(&self, other: &Rect) -> f32 {
        let inter = self.intersection(other).map_or(0.0, |r| r.area());
        let union = self.area() + other.area() - inter;
        if union > 0.0 {
            inter / union
        } else {
            0.0
        }
    }

    /// The part of the box inside a `width`×`height` image, in whole pixels:
    /// `(x, y, w, h)`, or `None` when nothing of it is inside.
    pub fn clamped_pixels(&self, width: u32, height: u32) -> Option<(u32, u32, u32, u32)> {
        let frame = Rect::new(0.0, 0.0, width as f32, height as f32);
        let r = self.intersection(&frame)?;
        let x0 = r.x.floor() as u32;
        let y0 = r.y.floor() as u32;
        let x1 = (r.right().ceil() as u32).min(width);
        let y1 = (r.bottom().ceil() as u32).min(height);
        (x1 > x0 && y1 > y0).then_some((x0, y0, x1 - x0, y1 - y0))
    }

    /// The same box moved by (`dx`, `dy`): from a crop's pixels to the frame's.
    pub fn shifted(&self, dx: f32, dy: f32) -> Rect {
        Rect::new(self.x + dx, self.y + dy, self.w, self.h)
    }

    pub fn scaled(&self, factor: f32) -> Rect {
        Rect::new(
            self.x * factor,
            self.y * factor,
            self.w * factor,
            self.h * factor,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_box_around_points() {
        assert_eq!(Rect::around(&[]), None);
        let r = Rect::around(&[[3.0, 9.0], [-1.0, 4.0], [7.0, 5.0]]).expect("points");
        assert_eq!(r, Rect::new(-1.0, 4.0, 8.0, 5.0));
    }

    #[test]
    fn clamping_keeps_the_inside_part() {
        let r = Rect::new(-10.0, 5.0, 30.0, 10.0);
        assert_eq!(r.clamped_pixels(100, 100), Some((0, 5, 20, 10)));
        assert_eq!(
            Rect::new(200.0, 0.0, 5.0, 5.0).clamped_pixels(100, 100),
            None
        );
    }

    #[test]
    fn iou_of_identical_and_disjoint_boxes() {
        let a = Rect::new(0.0, 0.0, 10.0, 10.0);
        assert!((a.iou(&a) - 1.0).abs() < 1e-6);
        assert_eq!(a.iou(&Rect::new(20.0, 0.0, 5.0, 5.0)), 0.0);
    }
}
