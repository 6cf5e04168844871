//! Webcam-sized frames from the real document photos, for timing the analysis on real
//! content (`stage_times`, `kycam replay --fps 0`): each photo of
//! `../shared/fixtures/realdocs` turned upright by its EXIF, a quarter turn when it
//! stands (webcams see landscape), fitted into 1280×720 and centred on dark grey, as
//! `OUT/<shot>/<name>.jpg` (JPEG quality 92, as a webcam's MJPEG).
//!
//! `cargo run --release --example realdocs_frames -- OUT`

use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let Some(out) = std::env::args().nth(1).map(PathBuf::from) else {
        anyhow::bail!("usage: realdocs_frames OUT_DIR");
    };
    let Some((dir, truth)) = kycam::fixtures::realdocs()? else {
        println!("no ../shared/fixtures beside this checkout: no frames written");
        return Ok(());
    };
    for t in &truth {
        let loaded = kycam::imageio::load_image(&dir.join(&t.file))?;
        let frame = kycam::fixtures::webcam_frame(&loaded.rgb);
        let folder = out.join(&t.shot);
        std::fs::create_dir_all(&folder)?;
        let name = PathBuf::from(&t.file).with_extension("jpg");
        let path = folder.join(name.file_name().unwrap_or_default());
        let mut file = std::io::BufWriter::new(std::fs::File::create(&path)?);
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut file, 92).encode_image(&frame)?;
        println!("{}", path.display());
    }
    Ok(())
}
