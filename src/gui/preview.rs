//! The preview texture: created once, replaced in place with each new frame.

use egui::{ColorImage, TextureHandle, TextureOptions};
use image::{imageops, RgbImage};

/// Frames wider than this are shrunk before upload: the preview is never shown
/// larger, and uploading a 1920-wide frame 30 times a second costs for nothing.
pub const PREVIEW_MAX_WIDTH: u32 = 960;

/// A shrunk copy for the screen (never used for saving).
pub fn downscaled(rgb: &RgbImage) -> ColorImage {
    let (w, h) = rgb.dimensions();
    if w <= PREVIEW_MAX_WIDTH {
        return ColorImage::from_rgb([w as usize, h as usize], rgb.as_raw());
    }
    let nh = ((h as u64 * PREVIEW_MAX_WIDTH as u64) / w as u64).max(1) as u32;
    let small = imageops::thumbnail(rgb, PREVIEW_MAX_WIDTH, nh);
    ColorImage::from_rgb(
        [small.width() as usize, small.height() as usize],
        small.as_raw(),
    )
}

/// One texture, `set` per new frame.
pub struct Texture {
    name: &'static str,
    handle: Option<TextureHandle>,
}

impl Texture {
    pub const fn new(name: &'static str) -> Self {
        Self { name, handle: None }
    }

    pub fn set(&mut self, ctx: &egui::Context, image: ColorImage) {
        match &mut self.handle {
            Some(handle) => handle.set(image, TextureOptions::LINEAR),
            None => self.handle = Some(ctx.load_texture(self.name, image, TextureOptions::LINEAR)),
        }
    }

    /// Frees the texture (dropping the handle frees it on the GPU).
    pub fn clear(&mut self) {
        self.handle = None;
    }

    pub fn handle(&self) -> Option<&TextureHandle> {
        self.handle.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_frames_are_shrunk_keeping_the_aspect() {
        let img = downscaled(&RgbImage::new(1920, 1080));
        assert_eq!(img.size, [960, 540]);
        let small = downscaled(&RgbImage::new(640, 480));
        assert_eq!(small.size, [640, 480]);
    }
}
