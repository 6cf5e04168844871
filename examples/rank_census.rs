//! Why in-frame synthetic cards are missed: for each mixed scene whose card is in the
//! frame and not found (IoU < 0.9), whether an outline of the card (IoU ≥ 0.9) was among
//! the outlines the search verified and lost the ranking, won it and was replaced by a
//! later step, or was never a candidate.
//! Run: `cargo run --release --example rank_census -- [N] [--from S]` (default 300
//! scenes from seed 0, the same scenes as `evaluate_documents`).

#[path = "../tests/common/mod.rs"]
mod common;

use kycam::analysis::document::{
    find_document, quad_iou, ranked_outlines, sides_without_line, DocShape,
};
use kycam::analysis::to_grey;
use kycam::synth::document::{render_scene, SceneParams};

/// IoU an in-frame detection must reach to count as found (as in `evaluate_documents`).
const IOU_OK: f32 = 0.9;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(300);
    let from: u64 = common::option_value(&args, "--from").unwrap_or(0);
    let (face, textures) = common::synth_inputs();
    let params = SceneParams::default();
    let (mut missed, mut outranked, mut within_5, mut within_10, mut sharper) = (0, 0, 0, 0, 0);
    let mut replaced = 0;
    // Cards never a candidate, per side (0 top, 1 right, 2 bottom, 3 left of the card
    // as printed): how often no line of the search followed it.
    let mut no_line = [0u32; 4];
    for seed in from..from + n {
        let (rgb, truth) = render_scene(seed, &params, &face, &textures);
        if truth.out_of_frame {
            continue;
        }
        let grey = to_grey(&rgb);
        let iou = |c: &[[f32; 2]; 4]| quad_iou(c, &truth.corners);
        if find_document(&grey, DocShape::Id1).is_some_and(|d| iou(&d.corners) >= IOU_OK) {
            continue;
        }
        missed += 1;
        let ranked = ranked_outlines(&grey, DocShape::Id1);
        let card = ranked.iter().position(|o| iou(&o.corners) >= IOU_OK);
        let (Some(place), Some(top)) = (card, ranked.first()) else {
            // Which of its sides no line of the search followed.
            let sides = sides_without_line(&grey, DocShape::Id1, &truth.corners);
            for &k in &sides {
                no_line[k] += 1;
            }
            println!(
                "seed {seed}: the card was never a candidate; sides without a line: {sides:?}"
            );
            continue;
        };
        if place == 0 {
            // The card ranked first; the card-on-sheet or growth step replaced it.
            replaced += 1;
            println!("seed {seed}: the card ranked first and was replaced by a later step");
            continue;
        }
        let card = ranked[place];
        let ratio = card.rank / top.rank;
        outranked += 1;
        within_5 += (ratio >= 0.95) as u32;
        within_10 += (ratio >= 0.9) as u32;
        sharper += (card.quality > top.quality) as u32;
        println!(
            "seed {seed}: the card ranked {} of {}, at {ratio:.3} of the top rank; quality {:.3} against the top's {:.3}",
            place + 1,
            ranked.len(),
            card.quality,
            top.quality
        );
    }
    println!(
        "seeds {from}..{}: {missed} in-frame cards missed; the card's outline was verified and outranked in {outranked} \
         ({within_5} within 5 % of the top rank, {within_10} within 10 %; {sharper} of higher quality than the top), \
         ranked first and replaced by the card-on-sheet or growth step in {replaced}, never a candidate in {}",
        from + n,
        missed - outranked - replaced
    );
    println!(
        "never a candidate, sides no line followed (top, right, bottom, left of the card): {no_line:?}"
    );
}
