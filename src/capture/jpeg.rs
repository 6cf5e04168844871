//! JPEG at the highest quality that fits: the exchange takes 100 KB – 10 MB a
//! file, and a session's files must stay under 30 MB together.

use image::codecs::jpeg::JpegEncoder;
use image::{ExtendedColorType, RgbImage};

use super::SaveError;
use crate::rules::FILE_MIN_BYTES;

/// An encoded photo and how it was encoded.
#[derive(Clone, Debug)]
pub struct FittedJpeg {
    pub bytes: Vec<u8>,
    pub quality: u8,
    /// Even quality 100 gives under 100 KB (a small or plain picture): saved at
    /// 100 anyway, and the person is told.
    pub below_min_size: bool,
}

fn encode(rgb: &RgbImage, quality: u8) -> Result<Vec<u8>, SaveError> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode(
            rgb.as_raw(),
            rgb.width(),
            rgb.height(),
            ExtendedColorType::Rgb8,
        )
        .map_err(|e| SaveError::Encode(e.to_string()))?;
    Ok(out)
}

/// Encodes the picture untouched (no resize, no filter) at the highest quality
/// whose file is at most `max_bytes`. Size grows with quality, so a binary search
/// over 1–100 needs about seven encodes, and one when quality 100 fits.
pub fn encode_fitting(rgb: &RgbImage, max_bytes: u64) -> Result<FittedJpeg, SaveError> {
    let best = encode(rgb, 100)?;
    if best.len() as u64 <= max_bytes {
        let below_min_size = (best.len() as u64) < FILE_MIN_BYTES;
        return Ok(FittedJpeg {
            bytes: best,
            quality: 100,
            below_min_size,
        });
    }
    let lowest = encode(rgb, 1)?;
    if lowest.len() as u64 > max_bytes {
        return Err(SaveError::TooLarge {
            bytes: lowest.len() as u64,
            limit: max_bytes,
        });
    }
    // Invariant: quality `lo` fits, `hi` does not.
    let (mut lo, mut hi, mut fit) = (1u8, 100u8, lowest);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        let bytes = encode(rgb, mid)?;
        if bytes.len() as u64 <= max_bytes {
            lo = mid;
            fit = bytes;
        } else {
            hi = mid;
        }
    }
    let below_min_size = (fit.len() as u64) < FILE_MIN_BYTES;
    Ok(FittedJpeg {
        bytes: fit,
        quality: lo,
        below_min_size,
    })
}

/// The marker segments of a JPEG up to the image data, as (marker, first bytes
/// of the payload): lets tests verify that nothing but JFIF is written.
pub fn jpeg_markers(bytes: &[u8]) -> Vec<(u8, Vec<u8>)> {
    let mut out = Vec::new();
    let mut i = 2; // after SOI
    while i + 4 <= bytes.len() && bytes[i] == 0xFF {
        let marker = bytes[i + 1];
        let len = usize::from(u16::from_be_bytes([bytes[i + 2], bytes[i + 3]]));
        let start = i + 4;
        let end = (i + 2 + len).min(bytes.len());
        out.push((
            marker,
            bytes[start.min(end)..end].iter().take(8).copied().collect(),
        ));
        if marker == 0xDA {
            break; // start of scan: entropy-coded data follows
        }
        i += 2 + len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A noisy picture: JPEG cannot squeeze it, so the fit must lower quality.
    fn noise(w: u32, h: u32) -> RgbImage {
        let mut rng = crate::synth::rng::Rng::new(7);
        RgbImage::from_fn(w, h, |_, _| {
            image::Rgb([0, 0, 0].map(|_: u8| (rng.range(0.0, 255.0)) as u8))
        })
    }

    #[test]
    fn quality_100_when_it_fits() {
        let img = noise(400, 300);
        let fit = encode_fitting(&img, 10 * 1024 * 1024).expect("encode");
        assert_eq!(fit.quality, 100);
    }

    #[test]
    fn lowers_quality_to_the_highest_that_fits() {
        let img = noise(400, 300);
        let full = encode(&img, 100).expect("encode").len() as u64;
        let cap = full / 3;
        let fit = encode_fitting(&img, cap).expect("fits at some quality");
        assert!(fit.bytes.len() as u64 <= cap);
        assert!(fit.quality < 100);
        let next = encode(&img, fit.quality + 1).expect("encode").len() as u64;
        assert!(next > cap, "quality {} would also fit", fit.quality + 1);
    }

    #[test]
    fn says_when_nothing_fits_and_when_under_the_minimum() {
        let img = noise(400, 300);
        assert!(matches!(
            encode_fitting(&img, 100),
            Err(SaveError::TooLarge { .. })
        ));
        let plain = RgbImage::from_pixel(64, 64, image::Rgb([120, 130, 140]));
        let fit = encode_fitting(&plain, 10 * 1024 * 1024).expect("encode");
        assert_eq!(fit.quality, 100);
        assert!(fit.below_min_size);
    }

    #[test]
    fn writes_no_metadata_but_jfif() {
        let fit = encode_fitting(&noise(64, 48), 1 << 20).expect("encode");
        for (marker, payload) in jpeg_markers(&fit.bytes) {
            // APP1 (EXIF/XMP), APP2+ and COM could carry machine or place.
            assert!(
                !(0xE1..=0xEF).contains(&marker) && marker != 0xFE,
                "marker {marker:#x} written"
            );
            if marker == 0xE0 {
                assert!(payload.starts_with(b"JFIF\0"));
            }
        }
    }
}
