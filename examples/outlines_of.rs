//! The outlines the document search verified on one photo, highest rank first, with
//! their IoU against a truth outline when one is given: why a real photo's winner is
//! not the document (a desk mat's rim outscoring the page on it, say).
//! Run: `cargo run --example outlines_of -- PHOTO SHOT [x0 y0 x1 y1 x2 y2 x3 y3]`.

use kycam::analysis::document::{find_document, quad_iou, ranked_outlines};
use kycam::Shot;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(path), Some(shot)) = (args.get(1), args.get(2)) else {
        anyhow::bail!("usage: outlines_of PHOTO SHOT [8 truth coordinates]");
    };
    let shot: Shot = shot.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
    let shape = shot
        .document_shape()
        .ok_or_else(|| anyhow::anyhow!("{shot} is not a document shot"))?;
    let truth: Vec<f32> = args[3..].iter().filter_map(|a| a.parse().ok()).collect();
    let truth: Option<[[f32; 2]; 4]> =
        (truth.len() == 8).then(|| [0, 1, 2, 3].map(|k| [truth[2 * k], truth[2 * k + 1]]));
    let loaded = kycam::imageio::load_image(std::path::Path::new(path))?;
    let grey = kycam::analysis::to_grey(&loaded.rgb);
    let iou = |c: &[[f32; 2]; 4]| truth.map_or(f32::NAN, |t| quad_iou(c, &t));
    if let Some(found) = find_document(&grey, shape) {
        println!(
            "winner  IoU {:.3}  {:?}",
            iou(&found.corners),
            found.corners
        );
    }
    for o in ranked_outlines(&grey, shape).iter().take(15) {
        println!(
            "rank {:.4} quality {:.3} IoU {:.3}  {:?}",
            o.rank,
            o.quality,
            iou(&o.corners),
            o.corners.map(|p| [p[0].round(), p[1].round()])
        );
    }
    Ok(())
}
