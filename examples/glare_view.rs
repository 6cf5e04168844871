//! Shows where glare is found on a document photo: the rectified document with the
//! reflections kept outlined in red, written as PNG.
//!
//! `cargo run --release --example glare_view -- SHOT PHOTO OUT.png`

use kycam::analysis::{document, glare};
use kycam::check::Checker;
use kycam::Shot;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [shot, photo, out] = args.as_slice() else {
        anyhow::bail!("usage: glare_view SHOT PHOTO OUT.png");
    };
    let shot: Shot = shot.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
    let report = Checker::new(None).check_file(std::path::Path::new(photo), shot)?;
    let doc = report
        .measurements
        .document
        .as_ref()
        .ok_or_else(|| anyhow::anyhow!("no document found"))?;
    let loaded = kycam::imageio::load_image(std::path::Path::new(photo))?;
    let (w, h) = shot
        .document_shape()
        .map(|s| s.rectified_size())
        .unwrap_or((640, 400));
    let (gw, gh) = glare::glare_warp_size(w, h);
    let mut flat = document::rectify(&loaded.rgb, &doc.corners, gw, gh);
    let g = glare::detect(&flat, glare::GlareKind::SpecularAndVeil);
    println!(
        "share {:.3} % largest {:.3} %",
        g.share * 100.0,
        g.largest_share * 100.0
    );
    for b in &g.blobs {
        println!("blob {:.0},{:.0} {:.0}×{:.0}", b.x, b.y, b.w, b.h);
        let r = imageproc::rect::Rect::at(b.x as i32, b.y as i32)
            .of_size(b.w.max(1.0) as u32, b.h.max(1.0) as u32);
        imageproc::drawing::draw_hollow_rect_mut(&mut flat, r, image::Rgb([255, 0, 0]));
    }
    flat.save(out)?;
    Ok(())
}
