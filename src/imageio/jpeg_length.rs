//! Telling a JPEG whose data ends before its picture does. Decoders fill what is
//! missing with grey without complaint, so a cut file would be judged as a grey
//! photo; these checks read only the markers, before anything is decoded.

/// A JPEG's last scan must be followed by its end-of-image marker. Inside
/// entropy-coded data 0xFF is always followed by 0x00 or a restart marker, so the
/// byte pairs FF DA (start of scan) and FF D9 (end of image) are real markers.
pub(super) fn ends_without_end_marker(bytes: &[u8]) -> bool {
    let last_scan = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]);
    let last_end = bytes.windows(2).rposition(|w| w == [0xFF, 0xD9]);
    match (last_scan, last_end) {
        (Some(scan), Some(end)) => end < scan,
        (Some(_), None) => true,
        // No scan at all: the decoder will report it as corrupt.
        (None, _) => false,
    }
}

/// Whether the bytes after the first scan's header are too few to hold the
/// picture the frame header claims (a header patched or cut from a larger
/// file, ending with an end marker of its own). In Huffman-coded JPEG (baseline
/// and progressive) every 8×8 block of the full-resolution component codes its
/// DC value with a Huffman code of at least one bit, so the data holds at least
/// one bit per block: a lower bound, not a guess. Arithmetic-coded and lossless
/// JPEGs, which the decoder does not read, are left to it.
pub(super) fn too_short_for_its_size(bytes: &[u8]) -> bool {
    let Some(header) = frame_header(bytes) else {
        return false;
    };
    let blocks = u64::from(header.width.div_ceil(8)) * u64::from(header.height.div_ceil(8));
    let data_bits = (bytes.len() - header.data_start) as u64 * 8;
    data_bits < blocks
}

/// The width and height a Huffman-coded frame header claims, when the markers
/// can be followed to the first scan.
pub(super) fn claimed_size(bytes: &[u8]) -> Option<(u32, u32)> {
    frame_header(bytes).map(|h| (h.width, h.height))
}

struct FrameHeader {
    width: u32,
    height: u32,
    /// Where the first scan's entropy-coded data starts.
    data_start: usize,
}

/// The size a Huffman-coded frame header claims and where the first scan's data
/// starts; `None` when the markers cannot be followed that far (the decoder
/// reports those files).
fn frame_header(bytes: &[u8]) -> Option<FrameHeader> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return None;
    }
    let mut size = None;
    let mut i = 2;
    loop {
        if *bytes.get(i)? != 0xFF {
            return None;
        }
        // Fill bytes: any number of 0xFF may come before a marker.
        while *bytes.get(i)? == 0xFF {
            i += 1;
        }
        let marker = bytes[i];
        i += 1;
        match marker {
            // Markers without a segment.
            0x01 | 0xD0..=0xD7 => continue,
            0xD9 => return None,
            _ => {}
        }
        let length = usize::from(u16::from_be_bytes([*bytes.get(i)?, *bytes.get(i + 1)?]));
        let segment = bytes.get(i + 2..i.checked_add(length)?)?;
        match marker {
            // Baseline, extended and progressive Huffman frames: precision,
            // then height and width.
            0xC0..=0xC2 if segment.len() >= 5 => {
                let height = u16::from_be_bytes([segment[1], segment[2]]);
                let width = u16::from_be_bytes([segment[3], segment[4]]);
                size = Some((u32::from(width), u32::from(height)));
            }
            0xDA => {
                let (width, height) = size?;
                return Some(FrameHeader {
                    width,
                    height,
                    data_start: i + length,
                });
            }
            _ => {}
        }
        i += length;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny_jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = image::GrayImage::from_fn(w, h, |x, y| image::Luma([(x * 7 + y * 3) as u8]));
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .encode_image(&img)
            .expect("encodes");
        out
    }

    /// The file with its frame header claiming `w`×`h`.
    fn claiming(mut jpeg: Vec<u8>, w: u16, h: u16) -> Vec<u8> {
        let sof = jpeg
            .windows(2)
            .position(|p| p == [0xFF, 0xC0])
            .expect("a baseline frame header");
        jpeg[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
        jpeg[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
        jpeg
    }

    #[test]
    fn missing_end_marker() {
        assert!(ends_without_end_marker(&[0xFF, 0xD8, 0xFF, 0xDA, 1, 2, 3]));
        assert!(!ends_without_end_marker(&[
            0xFF, 0xD8, 0xFF, 0xDA, 1, 0xFF, 0xD9
        ]));
        // A thumbnail's end marker before the main scan does not count.
        assert!(ends_without_end_marker(&[0xFF, 0xD9, 0xFF, 0xDA, 1, 2]));
    }

    #[test]
    fn a_header_claiming_more_than_the_data_holds() {
        let jpeg = tiny_jpeg(16, 16);
        assert_eq!(claimed_size(&jpeg), Some((16, 16)));
        assert!(!too_short_for_its_size(&jpeg));
        assert!(too_short_for_its_size(&claiming(jpeg.clone(), 9000, 9000)));
        // A flat, black photo is still far above one bit per block.
        let black = image::GrayImage::new(1280, 720);
        let mut flat = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut flat, 50)
            .encode_image(&black)
            .expect("encodes");
        assert!(!too_short_for_its_size(&flat));
        // Not a JPEG, or markers cut short: left to the decoder.
        assert!(!too_short_for_its_size(b"hello"));
        assert!(!too_short_for_its_size(&jpeg[..20]));
    }
}
