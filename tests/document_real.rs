//! The rectification of a found document (against a warped card and a float
//! reference) and document detection on the real fixtures in
//! ../shared/fixtures/documents (skipped with a message when absent).

mod common;

use image::{Rgb, RgbImage};
use kycam::analysis::document::{
    document_geometry, find_document, frame_from_rectified, quad_iou, rectify, DocShape,
};
use kycam::synth::document::{paste_warped, render_card};
use kycam::synth::rng::Rng;

/// A synthetic 856×540 card (drawn with `seed`) and a plain frame of `size` with
/// the card warped onto `corners`.
fn card_warped_into(seed: u64, size: (u32, u32), corners: &[[f32; 2]; 4]) -> (RgbImage, RgbImage) {
    let (face, _) = common::synth_inputs();
    let mut rng = Rng::new(seed);
    let card = render_card(&mut rng, 856, 540, [225.0, 220.0, 200.0], &face);
    let mut frame = RgbImage::from_pixel(size.0, size.1, Rgb([60, 70, 80]));
    paste_warped(&mut frame, &card, corners);
    (card, frame)
}

#[test]
fn rectify_reproduces_a_warped_card() {
    // A perspective quad (near side larger), clockwise from top-left.
    let corners = [
        [300.0, 150.0],
        [1000.0, 120.0],
        [1040.0, 610.0],
        [260.0, 560.0],
    ];
    let (card, frame) = card_warped_into(7, (1280, 720), &corners);
    let back = rectify(&frame, &corners, 856, 540);
    let small =
        |i: &RgbImage| image::imageops::resize(i, 107, 67, image::imageops::FilterType::Triangle);
    let diff = |a: &RgbImage, b: &RgbImage| {
        a.as_raw()
            .iter()
            .zip(b.as_raw())
            .map(|(x, y)| (*x as f32 - *y as f32).abs())
            .sum::<f32>()
            / a.as_raw().len() as f32
    };
    let good = diff(&small(&back), &small(&card));
    assert!(good < 6.0, "mean abs difference {good}");
    // A quad shifted by 3 % of the card is clearly worse: the comparison discriminates.
    let shifted = corners.map(|p| [p[0] + 25.0, p[1] + 15.0]);
    let bad = diff(&small(&rectify(&frame, &shifted, 856, 540)), &small(&card));
    assert!(bad > 2.0 * good, "shifted {bad} vs exact {good}");
}

#[test]
fn midv500_turkish_id_card_matches_its_quad() {
    let Some(p) = common::shared_doc("midv500_CA43_01_tur_id.tif") else {
        return;
    };
    let grey = common::load_grey(&p).expect("readable TIFF");
    let truth = common::load_quad_json(&p.with_extension("quad.json")).expect("quad json");
    let found = find_document(&grey, DocShape::Id1).expect("card found");
    let iou = quad_iou(&found.corners, &truth);
    assert!(iou >= 0.95, "IoU {iou}: {:?} vs {truth:?}", found.corners);
}

#[test]
fn photographed_passports_are_found() {
    for name in ["specimen_62_pass-aus.png", "specimen_100_pass-lux.jpg"] {
        let Some(p) = common::shared_doc(name) else {
            continue;
        };
        let grey = common::load_grey(&p).expect("readable");
        assert!(
            find_document(&grey, DocShape::PassportPage).is_some(),
            "{name}: not found"
        );
    }
}

/// Tight crops whose document edges are the image border: corners must not count as
/// visible (no document, or a corner closer than the margin).
fn assert_corners_not_visible(name: &str, shape: DocShape) {
    let Some(p) = common::shared_doc(name) else {
        return;
    };
    let grey = common::load_grey(&p).expect("readable");
    if let Some(d) = find_document(&grey, shape) {
        let g = document_geometry(&d.corners, grey.width(), grey.height());
        let min = g.min_margin_frac.iter().cloned().fold(f32::MAX, f32::min);
        assert!(
            min < (kycam::rules::CORNER_MARGIN_PERCENT as f32 / 100.0),
            "{name}: corners judged visible, margins {:?}",
            g.min_margin_frac
        );
    }
}

#[test]
fn tightly_cropped_scans_do_not_pass_corners_visible() {
    assert_corners_not_visible("specimen_100_pass-cze.jpg", DocShape::PassportPage);
    assert_corners_not_visible("specimen_79_pass-can.jpg", DocShape::PassportPage);
    assert_corners_not_visible("specimen_43_pass-fra.jpg", DocShape::PassportPage);
    assert_corners_not_visible("specimen_icao_utopia_td2.png", DocShape::Id1);
}

/// These two are drawings of a data page whose printed outline sits 2.4–6 % inside the
/// image on white: geometrically the outline IS fully visible with margin, so the
/// rule passes. Making them fail needs a rule kycam does not have (e.g. "a flat scan
/// on white is not a photo"). Kept visible here rather than loosened or deleted.
#[test]
#[ignore = "known: printed outline 2.4-6 % inside a white margin passes corners_visible"]
fn drawn_data_pages_with_white_margin_do_not_pass_corners_visible() {
    assert_corners_not_visible("specimen_icao_utopia_td3.png", DocShape::PassportPage);
    assert_corners_not_visible("specimen_100_pass-uto.jpg", DocShape::PassportPage);
}

/// The fast warp (fixed point, affine over short stretches) against a plain
/// float bilinear warp through the same homography, on a perspective quad that
/// runs off the frame's edge.
#[test]
fn rectify_matches_a_float_reference_within_one_level() {
    let corners = [[-40.0, 30.0], [600.0, 10.0], [650.0, 340.0], [20.0, 300.0]];
    let (_card, frame) = card_warped_into(11, (640, 360), &corners);
    let (w, h) = (300, 190);
    let fast = rectify(&frame, &corners, w, h);
    let (fw, fh) = (frame.width() as f32, frame.height() as f32);
    let at = |x: f32, y: f32, ch: usize| -> f32 {
        let (x, y) = (x.clamp(0.0, fw - 1.0), y.clamp(0.0, fh - 1.0));
        f32::from(frame.get_pixel(x as u32, y as u32)[ch])
    };
    let mut worst = 0.0f32;
    let (mut total, mut count) = (0f64, 0u32);
    for y in 0..h {
        for x in 0..w {
            let [sx, sy] = frame_from_rectified(&corners, w, h, x as f32 + 0.5, y as f32 + 0.5)
                .expect("inside the quad");
            let (fx, fy) = (sx - 0.5, sy - 0.5);
            if !(fx > -1.0 && fy > -1.0 && fx < fw && fy < fh) {
                continue;
            }
            let (x0, y0) = (fx.floor(), fy.floor());
            let (tx, ty) = (fx - x0, fy - y0);
            for ch in 0..3 {
                let top = at(x0, y0, ch) * (1.0 - tx) + at(x0 + 1.0, y0, ch) * tx;
                let bottom = at(x0, y0 + 1.0, ch) * (1.0 - tx) + at(x0 + 1.0, y0 + 1.0, ch) * tx;
                let reference = (top * (1.0 - ty) + bottom * ty).round();
                let got = f32::from(fast.get_pixel(x, y)[ch]);
                worst = worst.max((got - reference).abs());
                total += f64::from((got - reference).abs());
                count += 1;
            }
        }
    }
    let mean = total / f64::from(count.max(1));

    // Blend weights in 1/256ths, and positions stepped along a parabola over
    // 32 pixels: the rounding may differ by a level where the exact value is
    // near a half, rarely. (Stepping linearly over 8 pixels instead gave 5
    // levels and 0.17 on average here.)
    assert!(worst <= 1.0, "worst difference {worst} grey levels");
    assert!(mean <= 0.05, "mean difference {mean} grey levels");
}
