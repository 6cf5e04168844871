//! Document detection on synthetic scenes with known truth: the geometry, the search
//! by property (clean, low contrast, on their side, rotated, tilted, cut) and the
//! scenes it once got wrong. The rectification and the real fixtures: document_real.rs.

mod common;

use image::{GrayImage, Luma, Rgb, RgbImage};
use kycam::analysis::document::{
    document_geometry, find_document, find_document_with_portrait, quad_iou, ranked_outlines,
    rectify, sides_without_line, DocGeometry, DocShape,
};
use kycam::analysis::{self, to_grey, Face, FaceDetector, FaceSearch, FacesFrom};
use kycam::geometry::Rect;
use kycam::synth::document::{render_scene, SceneParams, SceneTruth};
use kycam::Shot;

/// Seeds per synthetic property: enough variety, a few seconds in a debug build.
const SEEDS: u64 = 20;

fn iou_of(seed: u64, params: &SceneParams) -> (f32, Option<DocGeometry>, SceneTruth) {
    let (face, textures) = common::synth_inputs();
    let (rgb, truth) = render_scene(seed, params, &face, &textures);
    let grey = to_grey(&rgb);
    let found = find_document(&grey, params.shape);
    let iou = found
        .map(|d| quad_iou(&d.corners, &truth.corners))
        .unwrap_or(0.0);
    let geo = found.map(|d| document_geometry(&d.corners, grey.width(), grey.height()));
    (iou, geo, truth)
}

/// Asserts that the card of scene `seed`, in frame, is found with IoU ≥ 0.9.
fn assert_card_found(seed: u64, params: &SceneParams) -> SceneTruth {
    let (iou, _, truth) = iou_of(seed, params);
    assert!(!truth.out_of_frame, "seed {seed}: card cut by the frame");
    assert!(iou >= 0.9, "seed {seed}: IoU {iou}");
    truth
}

#[test]
fn quad_iou_of_known_overlaps() {
    let a = [[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]];
    let b = [[5.0, 0.0], [15.0, 0.0], [15.0, 10.0], [5.0, 10.0]];
    let far = [[50.0, 50.0], [60.0, 50.0], [60.0, 60.0], [50.0, 60.0]];
    assert!((quad_iou(&a, &a) - 1.0).abs() < 1e-5);
    assert!((quad_iou(&a, &b) - 1.0 / 3.0).abs() < 1e-4);
    assert_eq!(quad_iou(&a, &far), 0.0);
    // Orientation of the corner order does not matter.
    let a_ccw = [a[0], a[3], a[2], a[1]];
    assert!((quad_iou(&a_ccw, &b) - 1.0 / 3.0).abs() < 1e-4);
    let degenerate = [[0.0, 0.0], [0.0, 0.0], [0.0, 0.0], [0.0, 0.0]];
    assert_eq!(quad_iou(&a, &degenerate), 0.0);
}

#[test]
fn geometry_of_known_quads() {
    let q = [
        [128.0, 72.0],
        [1152.0, 72.0],
        [1152.0, 648.0],
        [128.0, 648.0],
    ];
    let g = document_geometry(&q, 1280, 720);
    assert!((g.min_margin_frac[0] - 0.1).abs() < 1e-4);
    assert!((g.min_margin_frac[1] - 0.1).abs() < 1e-4);
    assert!((g.width_px - 1024.0).abs() < 1e-3);
    assert!((g.width_frac - 0.8).abs() < 1e-4);
    assert!((g.area_frac - 0.64).abs() < 1e-4);
    assert!(g.rotation_deg.abs() < 1e-3 && (g.side_ratio - 1.0).abs() < 1e-4);
    assert!(g.max_angle_dev_deg < 1e-2);
    assert!(
        kycam::rules::document::corners_visible_pass(&g)
            && kycam::rules::document::straight_pass(&g)
            && kycam::rules::document::facing_camera_pass(&g)
    );

    // Rotated 10° clockwise on screen about (640, 360).
    let (c, s) = (10f32.to_radians().cos(), 10f32.to_radians().sin());
    let r = q.map(|p| {
        let (x, y) = (p[0] - 640.0, p[1] - 360.0);
        [640.0 + x * c - y * s, 360.0 + x * s + y * c]
    });
    let g = document_geometry(&r, 1280, 720);
    assert!((g.rotation_deg - 10.0).abs() < 1e-3, "{}", g.rotation_deg);
    assert!(!kycam::rules::document::straight_pass(&g));

    // A corner outside the frame: negative margin.
    let out = [[-20.0, 72.0], [900.0, 72.0], [900.0, 648.0], [-20.0, 648.0]];
    let g = document_geometry(&out, 1280, 720);
    assert!(g.min_margin_frac[3] < 0.0 && !kycam::rules::document::corners_visible_pass(&g));

    // Degenerate input must not panic.
    let _ = document_geometry(&[[0.0; 2]; 4], 0, 0);
}

#[test]
fn tiny_empty_and_flat_images_do_not_panic() {
    for (w, h) in [
        (0, 0),
        (1, 1),
        (2, 3),
        (7, 1),
        (1, 5000),
        (30, 30),
        (100, 40),
    ] {
        let g = GrayImage::from_pixel(w, h, Luma([128]));
        assert!(find_document(&g, DocShape::Id1).is_none(), "{w}x{h}");
        assert!(
            find_document(&g, DocShape::PassportPage).is_none(),
            "{w}x{h}"
        );
        let rgb = RgbImage::from_pixel(w, h, Rgb([128, 128, 128]));
        let q = [
            [0.0, 0.0],
            [w as f32, 0.0],
            [w as f32, h as f32],
            [0.0, h as f32],
        ];
        let out = rectify(&rgb, &q, 16, 10);
        assert_eq!(out.dimensions(), (16, 10));
    }
    let rgb = RgbImage::new(10, 10);
    let _ = rectify(&rgb, &[[5.0, 5.0]; 4], 8, 8);
    let _ = rectify(
        &rgb,
        &[[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]],
        0,
        0,
    );
    let _ = rectify(
        &rgb,
        &[[f32::NAN, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]],
        4,
        4,
    );
}

/// Plain scene 1 (a clean card that is found) in grey, with its parameters and truth.
fn plain_scene_1() -> (SceneParams, GrayImage, SceneTruth) {
    let (face, textures) = common::synth_inputs();
    let params = SceneParams::plain();
    let (rgb, truth) = render_scene(1, &params, &face, &textures);
    (params, to_grey(&rgb), truth)
}

#[test]
fn ranked_outlines_put_the_found_card_first_and_are_empty_on_a_flat_image() {
    let (params, grey, truth) = plain_scene_1();
    let ranked = ranked_outlines(&grey, params.shape);
    assert!(ranked.len() > 1, "one candidate only: {ranked:?}");
    assert!(
        ranked.windows(2).all(|p| p[0].rank >= p[1].rank),
        "{ranked:?}"
    );
    let found = find_document(&grey, params.shape).expect("clean card found");
    assert!(quad_iou(&ranked[0].corners, &found.corners) > 0.99);
    assert!(quad_iou(&ranked[0].corners, &truth.corners) >= 0.9);
    assert_eq!(ranked[0].quality.clamp(0.0, 1.0), found.score);
    let flat = GrayImage::from_pixel(640, 360, Luma([128]));
    assert!(ranked_outlines(&flat, params.shape).is_empty());
}

/// The found card's sides are each followed by a line of the search; its right side
/// moved out onto the desk is not, and in a flat image no side is.
#[test]
fn sides_without_line_are_none_for_a_found_card_and_name_a_side_moved_off_it() {
    let (params, grey, truth) = plain_scene_1();
    assert_eq!(
        sides_without_line(&grey, params.shape, &truth.corners),
        Vec::<usize>::new()
    );
    // Corners 1 and 2 slid along the top and bottom sides, a tenth of the card further.
    let mut moved = truth.corners;
    for (k, from) in [(1, 0), (2, 3)] {
        let (a, b) = (truth.corners[from], truth.corners[k]);
        moved[k] = [b[0] + (b[0] - a[0]) * 0.1, b[1] + (b[1] - a[1]) * 0.1];
    }
    assert_eq!(sides_without_line(&grey, params.shape, &moved), vec![1]);
    let flat = GrayImage::from_pixel(640, 360, Luma([128]));
    assert_eq!(
        sides_without_line(&flat, params.shape, &truth.corners),
        vec![0, 1, 2, 3]
    );
}

/// Runs `SEEDS` scenes and returns (seed, IoU, geometry, truth) for each.
fn run_scenes(params: &SceneParams) -> Vec<(u64, f32, Option<DocGeometry>, SceneTruth)> {
    (0..SEEDS)
        .map(|seed| {
            let (iou, geo, truth) = iou_of(seed, params);
            (seed, iou, geo, truth)
        })
        .collect()
}

/// Runs `SEEDS` scenes of `params` and asserts that at least `share_min` of them
/// are found (IoU ≥ 0.9); the runs, for further checks.
fn assert_found_share(
    params: &SceneParams,
    share_min: f32,
) -> Vec<(u64, f32, Option<DocGeometry>, SceneTruth)> {
    let runs = run_scenes(params);
    let share = found_share(&runs);
    assert!(share >= share_min, "found {share}");
    runs
}

/// The scenes of `runs` found (IoU ≥ 0.9): seed, measured geometry and truth.
fn found(
    runs: Vec<(u64, f32, Option<DocGeometry>, SceneTruth)>,
) -> impl Iterator<Item = (u64, DocGeometry, SceneTruth)> {
    runs.into_iter()
        .filter_map(|(seed, iou, geo, truth)| Some((seed, geo.filter(|_| iou >= 0.9)?, truth)))
}

/// Plain scenes (`SceneParams::plain`) with `variation` made on every one.
fn every_scene(variation: impl FnOnce(&mut SceneParams)) -> SceneParams {
    let mut params = SceneParams::plain();
    variation(&mut params);
    params
}

/// Share of scenes found with IoU ≥ 0.9, printing the misses.
fn found_share(runs: &[(u64, f32, Option<DocGeometry>, SceneTruth)]) -> f32 {
    let found = runs.iter().filter(|r| r.1 >= 0.9).count();
    for r in runs.iter().filter(|r| r.1 < 0.9) {
        eprintln!("seed {}: IoU {:.3}", r.0, r.1);
    }
    found as f32 / runs.len().max(1) as f32
}

// The shares asserted below are the levels measured when this was written (see the
// report); they guard against regressions and are not the goal (≥ 95 %).

#[test]
fn synthetic_clean_cards_are_found() {
    assert_found_share(&SceneParams::plain(), 0.9);
}

/// A card of nearly the desk's brightness (±10–18 grey levels) on a textured desk: found
/// by the texture cue where no grey step shows. 16 of these 20 are found (14 when this
/// was written, 10 without the texture cue and the print check).
#[test]
fn synthetic_low_contrast_cards_are_found_on_busy_desks() {
    let low_contrast = every_scene(|p| p.p_low_contrast = 1.0);
    assert_found_share(&low_contrast, 0.6);
}

/// Cards turned a quarter: found, and judged to stand, so that their quality is measured
/// on them rectified standing (19 of 20 found when this was written).
#[test]
fn synthetic_cards_on_their_side_are_found_standing() {
    let on_its_side = every_scene(|p| p.p_on_its_side = 1.0);
    for (seed, g, truth) in found(assert_found_share(&on_its_side, 0.9)) {
        assert!(truth.on_its_side);
        assert!(g.standing, "seed {seed}: {g:?}");
    }
}

/// Scenes of the evaluation's mixed set where a rectangle printed on the card (the text
/// block between portrait, band and MRZ, or the portrait and MRZ column) wins the
/// ranking (IoU 0.49–0.90 with the card) when the card's own side is not among the
/// lines found: the outline is grown out to the card's edge. (Seed 237 also has a
/// thumb of real skin over its low-contrast card's corner, which loses the outline,
/// IoU 0.41: a thumb's problem, docs/fingers.md; the CHANGELOG says when it left.)
#[test]
fn printed_rectangles_grow_to_the_card_around_them() {
    for seed in [52, 69, 72, 166, 177] {
        assert_card_found(seed, &SceneParams::default());
    }
}

/// A low-contrast card whose portrait was reported: its far side lies 2.2 times the
/// portrait's width beyond it, and the outline grows out to it.
#[test]
fn a_portrait_grows_to_the_low_contrast_card_around_it() {
    let params = every_scene(|p| p.p_low_contrast = 1.0);
    assert_card_found(329, &params);
}

/// A card lying on a white sheet of paper, whose outline scored higher than the card's
/// by its size (IoU 0.22 before): the card inside wins, since the sheet is blank around
/// it.
#[test]
fn a_card_on_a_sheet_of_paper_wins_over_the_sheet() {
    assert_card_found(60, &SceneParams::default());
}

/// A low-contrast card with glare across one side and a thumb over another (seed
/// 369 of the held-out seeds): with its hidden side inferred, the three others need
/// only half their length on an edge, since the glare also washes out part of one
/// of them (0.52 here). It was not found before.
#[test]
fn a_card_with_one_side_hidden_and_another_under_glare_is_found() {
    let truth = assert_card_found(369, &SceneParams::default());
    assert!(truth.glare && truth.thumb);
}

/// A tilted card whose top side lies just above its printed band, on a pink sheet
/// (seed 130): the outline along the band's lower edge won (IoU 0.83). Grown from it,
/// the card's own outline scores a little lower (the band is print inside its margin)
/// and now wins all the same.
#[test]
fn a_card_outline_grown_past_its_band_wins_over_the_band_outline() {
    assert_card_found(130, &SceneParams::default());
}

/// Fronts outranked by a sheet of paper beside or under the card (seeds 382 and 496 of
/// the held-out mixed set, IoU 0.00 without the faces): only the card holds a face at
/// a portrait's size, so with the faces the portrait search finds, the card wins. A
/// face that no outline holds leaves the search as it is without faces, and so do
/// faces from an earlier frame and faces on a back side.
#[test]
fn a_front_is_found_around_its_portrait() {
    let (face, textures) = common::synth_inputs();
    let mut detector = FaceDetector::new(FaceSearch::PORTRAIT_STILL);
    for seed in [382, 496] {
        let (rgb, truth) = render_scene(seed, &SceneParams::default(), &face, &textures);
        let grey = to_grey(&rgb);
        let detected = detector.detect(&grey);
        let found = find_document_with_portrait(&grey, DocShape::Id1, &detected);
        let iou = found.map_or(0.0, |d| quad_iou(&d.corners, &truth.corners));
        assert!(iou >= 0.9, "seed {seed}: IoU {iou} with faces {detected:?}");
        let blind = find_document(&grey, DocShape::Id1);
        let elsewhere = [Face {
            rect: Rect::new(-500.0, -500.0, 60.0, 60.0),
            score: 20.0,
            quarter_turns: 0,
        }];
        assert_eq!(
            find_document_with_portrait(&grey, DocShape::Id1, &elsewhere),
            blind,
            "seed {seed}"
        );
        // Through `measure`: faces found on this frame anchor a front; faces from an
        // earlier frame (the live pipeline, after motion) and a back side do not.
        let outline = |shot, from| {
            analysis::measure_with(&rgb, &grey, shot, &detected, from, Default::default())
                .document
                .map(|d| d.corners)
        };
        assert_eq!(
            outline(Shot::IdFront, FacesFrom::ThisFrame),
            found.map(|d| d.corners)
        );
        let blind = blind.map(|d| d.corners);
        assert_eq!(outline(Shot::IdFront, FacesFrom::Earlier), blind);
        assert_eq!(outline(Shot::IdBack, FacesFrom::ThisFrame), blind);
    }
}

/// A card cut by the bottom of the frame on a gravel desk (seed 34 of the cut cards):
/// past its top corner, the desk's texture lies along its right side. Counted as the
/// side running on, it ruled out the card's outline, and the text block printed on the
/// card won, judged fully visible (IoU 0.50). Edges of both polarities there are
/// texture, not a side running on: the card is outlined to the frame, and cut.
#[test]
fn a_cut_card_on_a_textured_desk_is_outlined_and_judged_cut() {
    let params = every_scene(|p| p.p_out_of_frame = 1.0);
    let (iou, geo, truth) = iou_of(34, &params);
    assert!(truth.out_of_frame);
    assert!(iou >= 0.9, "IoU {iou}");
    let geo = geo.expect("found");
    assert!(!kycam::rules::document::corners_visible_pass(&geo));
}

#[test]
fn synthetic_rotated_cards_measure_rotation() {
    let params = every_scene(|p| p.p_rotated = 1.0);
    for (seed, g, truth) in found(assert_found_share(&params, 0.9)) {
        let err = (g.rotation_deg - truth.rotation_deg).abs();
        assert!(
            err <= 2.0,
            "seed {seed}: rotation {} vs {}",
            g.rotation_deg,
            truth.rotation_deg
        );
        assert!(
            !kycam::rules::document::straight_pass(&g),
            "seed {seed}: rotated {}° judged straight",
            truth.rotation_deg
        );
    }
}

#[test]
fn synthetic_tilted_cards_fail_facing_camera() {
    let params = every_scene(|p| p.p_tilted = 1.0);
    for (seed, g, truth) in found(assert_found_share(&params, 0.7)) {
        assert!(
            g.side_ratio > (kycam::rules::FACING_MAX_SIDE_RATIO as f32)
                || g.max_angle_dev_deg > (kycam::rules::FACING_MAX_ANGLE_DEV_DEG as f32),
            "seed {seed}: tilt {}° judged facing ({g:?})",
            truth.tilt_deg
        );
        assert!(!kycam::rules::document::facing_camera_pass(&g));
    }
}

/// A found card can still have one side on a nearby parallel edge (IoU stays ≥ 0.9 on a
/// large card, the pose does not): 1 of 19 found clean scenes when this was written
/// (seed 15), none of 19 now.
#[test]
fn synthetic_facing_cards_pass_facing_camera() {
    let (mut n, mut ok) = (0, 0);
    for (seed, g, _) in found(run_scenes(&SceneParams::plain())) {
        n += 1;
        if kycam::rules::document::facing_camera_pass(&g)
            && kycam::rules::document::straight_pass(&g)
        {
            ok += 1;
        } else {
            eprintln!("seed {seed}: judged tilted/rotated: {g:?}");
        }
    }
    assert!(ok as f32 >= 0.9 * n as f32, "{ok} of {n}");
}

/// How many of the `SEEDS` cut cards are judged fully visible (the dangerous verdict).
fn cut_cards_judged_visible() -> usize {
    let params = every_scene(|p| p.p_out_of_frame = 1.0);
    run_scenes(&params)
        .into_iter()
        .filter(|(seed, _, geo, truth)| {
            assert!(truth.out_of_frame);
            let visible = geo.is_some_and(|g| kycam::rules::document::corners_visible_pass(&g));
            if visible {
                eprintln!("seed {seed}: cut card judged fully visible ({geo:?})");
            }
            visible
        })
        .count()
}

/// None of these 20 cut cards is judged fully visible: a card running off the frame
/// beyond its far corner is searched for as two sides meeting at a corner, and a side
/// running on past a corner rules a quad out. Of the 60 of the evaluation, 4 still are,
/// on the portrait or a printed inner rectangle (docs/evaluation.md).
#[test]
fn synthetic_cards_cut_by_the_frame_fail_corners_visible() {
    assert_eq!(cut_cards_judged_visible(), 0);
}

/// Fronts cut by the frame on which the text block beside the portrait, inside the
/// frame, was outlined and passed `corners_visible` (seeds 59 and 331 of the cut set):
/// an outline with a portrait-sized face just outside it is print beside the portrait,
/// not the card, so no outline is reported rather than that one.
#[test]
fn the_text_beside_a_cut_cards_portrait_is_not_taken_for_the_card() {
    let (face, textures) = common::synth_inputs();
    let params = every_scene(|p| p.p_out_of_frame = 1.0);
    let mut detector = FaceDetector::new(FaceSearch::PORTRAIT_STILL);
    for seed in [59, 331] {
        let (rgb, truth) = render_scene(seed, &params, &face, &textures);
        assert!(truth.out_of_frame);
        let grey = to_grey(&rgb);
        let faces = detector.detect(&grey);
        // The portrait is found, on the card.
        let card = Rect::around(&truth.corners).expect("corners");
        assert!(
            faces.iter().any(|f| card
                .intersection(&f.rect)
                .is_some_and(|i| i.area() > 0.9 * f.rect.area())),
            "seed {seed}: {faces:?}"
        );
        let found = find_document_with_portrait(&grey, DocShape::Id1, &faces);
        let visible = found.is_some_and(|d| {
            let g = document_geometry(&d.corners, grey.width(), grey.height());
            kycam::rules::document::corners_visible_pass(&g)
        });
        assert!(!visible, "seed {seed}: {found:?}");
    }
}

/// Mixed scenes where a rival outline (the card with a strip of desk, a sheet's edge
/// joined to the card's) also held the portrait at a portrait's size and outranked the
/// card (seeds 220, 478, 566, 580): on the rival the face lies near a long side, while a
/// portrait sits in the middle band across its card, so the card wins.
#[test]
fn a_rival_with_the_portrait_near_its_edge_does_not_beat_the_card() {
    let (face, textures) = common::synth_inputs();
    let params = SceneParams::default();
    let mut detector = FaceDetector::new(FaceSearch::PORTRAIT_STILL);
    for seed in [220, 478, 566, 580] {
        let (rgb, truth) = render_scene(seed, &params, &face, &textures);
        assert!(!truth.out_of_frame);
        let grey = to_grey(&rgb);
        let faces = detector.detect(&grey);
        let found = find_document_with_portrait(&grey, DocShape::Id1, &faces);
        let iou = found.map_or(0.0, |d| quad_iou(&d.corners, &truth.corners));
        assert!(iou >= 0.9, "seed {seed}: IoU {iou:.3}, {found:?}");
    }
}
