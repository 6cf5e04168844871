//! TIFF files in the YCbCr colour space, which the image crate does not decode: what
//! ffmpeg and some scanners write (the MIDV-500 document frames are such files).
//! Baseline only: 8-bit chunky samples, horizontal and vertical chroma subsampling of
//! 1, 2 or 4, no compression or PackBits, either byte order, the first image of the
//! file. Anything else is reported as a kind of TIFF kycam cannot decode.

use image::{Rgb, RgbImage};

/// Why a YCbCr TIFF was not decoded.
#[derive(Debug, PartialEq)]
pub(super) enum YcbcrError {
    /// A valid file of a variant this reader does not handle.
    Unsupported(String),
    /// The header or the strips point past the end of the file, or are inconsistent.
    Damaged(String),
    /// The header claims more pixels than `max_pixels`.
    TooManyPixels { width: u32, height: u32 },
}

const TAG_WIDTH: u16 = 256;
const TAG_HEIGHT: u16 = 257;
const TAG_BITS_PER_SAMPLE: u16 = 258;
const TAG_COMPRESSION: u16 = 259;
const TAG_PHOTOMETRIC: u16 = 262;
const TAG_STRIP_OFFSETS: u16 = 273;
const TAG_SAMPLES_PER_PIXEL: u16 = 277;
const TAG_ROWS_PER_STRIP: u16 = 278;
const TAG_STRIP_BYTE_COUNTS: u16 = 279;
const TAG_PLANAR_CONFIG: u16 = 284;
const TAG_YCBCR_SUBSAMPLING: u16 = 530;
const TAG_REFERENCE_BLACK_WHITE: u16 = 532;

const PHOTOMETRIC_YCBCR: u32 = 6;
const COMPRESSION_NONE: u32 = 1;
const COMPRESSION_PACKBITS: u32 = 32773;

/// Field types the reader reads values of: SHORT, LONG and RATIONAL.
const TYPE_SHORT: u16 = 3;
const TYPE_LONG: u16 = 4;
const TYPE_RATIONAL: u16 = 5;

/// Decodes `bytes` when they are a TIFF whose first image is YCbCr; `None` for any
/// other file, which is left to the image crate.
pub(super) fn decode(bytes: &[u8], max_pixels: u64) -> Option<Result<RgbImage, YcbcrError>> {
    let file = Tiff::new(bytes)?;
    let ifd = file.first_ifd().ok()?;
    if ifd.value(TAG_PHOTOMETRIC, 0).ok()? != Some(PHOTOMETRIC_YCBCR) {
        return None;
    }
    Some(decode_ycbcr(&file, &ifd, max_pixels))
}

fn decode_ycbcr(file: &Tiff, ifd: &Ifd, max_pixels: u64) -> Result<RgbImage, YcbcrError> {
    let required = |tag: u16, name: &str| {
        ifd.value(tag, 0)?
            .ok_or_else(|| YcbcrError::Damaged(format!("no {name} in the header")))
    };
    let width = required(TAG_WIDTH, "width")?;
    let height = required(TAG_HEIGHT, "height")?;
    if width == 0 || height == 0 {
        return Err(YcbcrError::Damaged(format!(
            "the header gives {width}×{height} pixels"
        )));
    }
    if u64::from(width) * u64::from(height) > max_pixels {
        return Err(YcbcrError::TooManyPixels { width, height });
    }
    let unsupported = |what: String| Err(YcbcrError::Unsupported(what));
    let samples = ifd.value(TAG_SAMPLES_PER_PIXEL, 0)?.unwrap_or(1);
    let bits = ifd.value(TAG_BITS_PER_SAMPLE, 0)?.unwrap_or(1);
    if samples != 3 || bits != 8 {
        return unsupported(format!("YCbCr with {samples} samples of {bits} bits"));
    }
    if ifd.value(TAG_PLANAR_CONFIG, 0)?.unwrap_or(1) != 1 {
        return unsupported("YCbCr in separate planes".into());
    }
    let compression = ifd.value(TAG_COMPRESSION, 0)?.unwrap_or(COMPRESSION_NONE);
    if compression != COMPRESSION_NONE && compression != COMPRESSION_PACKBITS {
        return unsupported(format!("YCbCr with compression {compression}"));
    }
    // The TIFF default subsampling is 2×2.
    let sub_x = ifd.value(TAG_YCBCR_SUBSAMPLING, 0)?.unwrap_or(2);
    let sub_y = ifd.value(TAG_YCBCR_SUBSAMPLING, 1)?.unwrap_or(2);
    if ![1, 2, 4].contains(&sub_x) || ![1, 2, 4].contains(&sub_y) || sub_y > sub_x {
        return unsupported(format!("YCbCr subsampled {sub_x}×{sub_y}"));
    }
    let levels = Levels::from_reference(ifd.rationals(TAG_REFERENCE_BLACK_WHITE)?.as_deref());
    let rows_per_strip = ifd
        .value(TAG_ROWS_PER_STRIP, 0)?
        .unwrap_or(height)
        .min(height);
    if rows_per_strip == 0 || rows_per_strip % sub_y != 0 && rows_per_strip != height {
        return Err(YcbcrError::Damaged(format!(
            "{rows_per_strip} rows per strip with chroma subsampled over {sub_y} rows"
        )));
    }
    let offsets = ifd.values(TAG_STRIP_OFFSETS)?;
    let counts = ifd.values(TAG_STRIP_BYTE_COUNTS)?;
    let strips = height.div_ceil(rows_per_strip) as usize;
    if offsets.len() < strips || counts.len() < strips {
        return Err(YcbcrError::Damaged(format!(
            "{} strips listed, {strips} needed",
            offsets.len().min(counts.len())
        )));
    }

    let unit_len = (sub_x * sub_y + 2) as usize;
    let units_x = width.div_ceil(sub_x);
    let mut img = RgbImage::new(width, height);
    for (s, (&offset, &count)) in offsets.iter().zip(&counts).take(strips).enumerate() {
        let raw = file.slice(offset, count).ok_or_else(|| {
            YcbcrError::Damaged(format!("strip {s} lies past the end of the file"))
        })?;
        let y0 = s as u32 * rows_per_strip;
        let rows = rows_per_strip.min(height - y0);
        let units_y = rows.div_ceil(sub_y);
        let needed = (units_x * units_y) as usize * unit_len;
        let data = if compression == COMPRESSION_PACKBITS {
            unpack_bits(raw, needed)
        } else {
            raw.to_vec()
        };
        if data.len() < needed {
            return Err(YcbcrError::Damaged(format!(
                "strip {s} holds {} of its {needed} bytes",
                data.len()
            )));
        }
        for (u, unit) in data[..needed].chunks_exact(unit_len).enumerate() {
            let (ux, uy) = (u as u32 % units_x, u as u32 / units_x);
            let (cb, cr) = (unit[unit_len - 2], unit[unit_len - 1]);
            for k in 0..sub_x * sub_y {
                let x = ux * sub_x + k % sub_x;
                let y = y0 + uy * sub_y + k / sub_x;
                if x < width && y < height {
                    img.put_pixel(x, y, levels.to_rgb(unit[k as usize], cb, cr));
                }
            }
        }
    }
    Ok(img)
}

/// How the stored codes map to colour (TIFF 6.0 §21, ReferenceBlackWhite): luma from
/// `y_black`–`y_white` to 0–255, chroma from its centre ± its range to ±127.5.
struct Levels {
    y_black: f32,
    y_scale: f32,
    cb_centre: f32,
    cb_scale: f32,
    cr_centre: f32,
    cr_scale: f32,
}

impl Levels {
    fn from_reference(reference: Option<&[f32]>) -> Self {
        // Full range when the file does not say (what libtiff assumes).
        let r = match reference {
            Some(r) if r.len() >= 6 && r[1] > r[0] && r[3] > r[2] && r[5] > r[4] => r,
            _ => &[0.0, 255.0, 128.0, 255.0, 128.0, 255.0],
        };
        Levels {
            y_black: r[0],
            y_scale: 255.0 / (r[1] - r[0]),
            cb_centre: r[2],
            cb_scale: 127.5 / (r[3] - r[2]),
            cr_centre: r[4],
            cr_scale: 127.5 / (r[5] - r[4]),
        }
    }

    /// BT.601 (the TIFF default YCbCrCoefficients).
    fn to_rgb(&self, y: u8, cb: u8, cr: u8) -> Rgb<u8> {
        let y = (f32::from(y) - self.y_black) * self.y_scale;
        let cb = (f32::from(cb) - self.cb_centre) * self.cb_scale;
        let cr = (f32::from(cr) - self.cr_centre) * self.cr_scale;
        let r = y + 1.402 * cr;
        let g = y - 0.344_136 * cb - 0.714_136 * cr;
        let b = y + 1.772 * cb;
        Rgb([r, g, b].map(|v| v.clamp(0.0, 255.0).round() as u8))
    }
}

/// PackBits (TIFF 6.0 §9): a header byte n, then n+1 literal bytes (0 ≤ n ≤ 127) or
/// one byte repeated 1−n times (−127 ≤ n ≤ −1); −128 is skipped. A run cut off by the
/// end of the data is kept as far as it goes. Stops once `limit` bytes are out: a
/// strip can expand 64-fold, and nothing past its pixels is read.
fn unpack_bits(src: &[u8], limit: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(limit.min(src.len() * 2));
    let mut i = 0;
    while i < src.len() && out.len() < limit {
        let n = src[i] as i8;
        i += 1;
        if n >= 0 {
            let end = (i + n as usize + 1).min(src.len());
            out.extend_from_slice(&src[i..end]);
            i = end;
        } else if n != -128 {
            if let Some(&b) = src.get(i) {
                out.extend(std::iter::repeat_n(b, (1 - isize::from(n)) as usize));
            }
            i += 1;
        }
    }
    out.truncate(limit);
    out
}

/// A TIFF file's bytes and byte order.
struct Tiff<'a> {
    bytes: &'a [u8],
    big_endian: bool,
}

/// One directory entry: its tag, field type, value count and where the values are.
struct Entry {
    tag: u16,
    kind: u16,
    count: u32,
    /// Offset of the values: inside the entry when they fit in 4 bytes.
    at: usize,
}

/// The entries of an image file directory.
struct Ifd<'a> {
    file: &'a Tiff<'a>,
    entries: Vec<Entry>,
}

impl<'a> Tiff<'a> {
    fn new(bytes: &'a [u8]) -> Option<Self> {
        let big_endian = match bytes.get(0..4)? {
            b"II*\0" => false,
            b"MM\0*" => true,
            _ => return None,
        };
        Some(Tiff { bytes, big_endian })
    }

    fn slice(&self, at: u32, len: u32) -> Option<&'a [u8]> {
        let start = at as usize;
        self.bytes.get(start..start.checked_add(len as usize)?)
    }

    /// The unsigned integer of `len` (≤ 4) bytes at `at`, in the file's byte order.
    fn uint_at(&self, at: usize, len: usize) -> Option<u32> {
        let b = self.bytes.get(at..at.checked_add(len)?)?;
        let push = |v: u32, &x: &u8| v << 8 | u32::from(x);
        Some(if self.big_endian {
            b.iter().fold(0, push)
        } else {
            b.iter().rev().fold(0, push)
        })
    }

    fn u16_at(&self, at: usize) -> Option<u16> {
        self.uint_at(at, 2).map(|v| v as u16)
    }

    fn u32_at(&self, at: usize) -> Option<u32> {
        self.uint_at(at, 4)
    }

    fn first_ifd(&'a self) -> Result<Ifd<'a>, YcbcrError> {
        let damaged = || YcbcrError::Damaged("the image directory lies past the end".into());
        let start = self.u32_at(4).ok_or_else(damaged)? as usize;
        let n = self.u16_at(start).ok_or_else(damaged)? as usize;
        let mut entries = Vec::with_capacity(n);
        for i in 0..n {
            let e = start + 2 + 12 * i;
            let (Some(tag), Some(kind), Some(count)) =
                (self.u16_at(e), self.u16_at(e + 2), self.u32_at(e + 4))
            else {
                return Err(damaged());
            };
            let size = match kind {
                TYPE_SHORT => 2,
                TYPE_LONG => 4,
                TYPE_RATIONAL => 8,
                _ => 1,
            };
            let at = if u64::from(count) * size <= 4 {
                e + 8
            } else {
                self.u32_at(e + 8).ok_or_else(damaged)? as usize
            };
            entries.push(Entry {
                tag,
                kind,
                count,
                at,
            });
        }
        Ok(Ifd {
            file: self,
            entries,
        })
    }
}

impl Ifd<'_> {
    fn entry(&self, tag: u16) -> Option<&Entry> {
        self.entries.iter().find(|e| e.tag == tag)
    }

    /// Value `k` of an integer field; `None` when the field is absent.
    fn value(&self, tag: u16, k: u32) -> Result<Option<u32>, YcbcrError> {
        let Some(e) = self.entry(tag) else {
            return Ok(None);
        };
        if k >= e.count {
            return Ok(None);
        }
        let f = self.file;
        let v = match e.kind {
            TYPE_SHORT => f.u16_at(e.at + 2 * k as usize).map(u32::from),
            TYPE_LONG => f.u32_at(e.at + 4 * k as usize),
            other => {
                return Err(YcbcrError::Damaged(format!(
                    "tag {tag} has field type {other}, not an integer"
                )))
            }
        };
        v.map(Some)
            .ok_or_else(|| YcbcrError::Damaged(format!("tag {tag} lies past the end")))
    }

    /// Every value of an integer field (empty when absent).
    fn values(&self, tag: u16) -> Result<Vec<u32>, YcbcrError> {
        let count = self.entry(tag).map_or(0, |e| e.count);
        // Each value takes at least 2 bytes: a count beyond that is damage, not a
        // reason to allocate.
        if u64::from(count) * 2 > self.file.bytes.len() as u64 {
            return Err(YcbcrError::Damaged(format!(
                "tag {tag} lists {count} values"
            )));
        }
        (0..count)
            .map(|k| self.value(tag, k).map(|v| v.unwrap_or(0)))
            .collect()
    }

    /// The values of a RATIONAL field; `None` when absent or of another type.
    fn rationals(&self, tag: u16) -> Result<Option<Vec<f32>>, YcbcrError> {
        let Some(e) = self.entry(tag).filter(|e| e.kind == TYPE_RATIONAL) else {
            return Ok(None);
        };
        let f = self.file;
        (0..e.count as usize)
            .map(|k| {
                let at = e.at + 8 * k;
                match (f.u32_at(at), f.u32_at(at + 4)) {
                    (Some(num), Some(den)) if den > 0 => Ok(num as f32 / den as f32),
                    (Some(_), Some(_)) => Ok(0.0),
                    _ => Err(YcbcrError::Damaged(format!("tag {tag} lies past the end"))),
                }
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A YCbCr TIFF of `width`×`height`, subsampled 2×2, full-range levels, one strip
    /// of `data` (PackBits-compressed when `packed`), in either byte order.
    pub(in crate::imageio) fn tiff(
        width: u32,
        height: u32,
        data: &[u8],
        packed: bool,
        big_endian: bool,
    ) -> Vec<u8> {
        let u16b = |v: u16| {
            if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let u32b = |v: u32| {
            if big_endian {
                v.to_be_bytes()
            } else {
                v.to_le_bytes()
            }
        };
        let compression = if packed { 32773 } else { 1 };
        let entries = [
            (TAG_WIDTH, TYPE_LONG, width),
            (TAG_HEIGHT, TYPE_LONG, height),
            (TAG_BITS_PER_SAMPLE, TYPE_SHORT, 8),
            (TAG_COMPRESSION, TYPE_SHORT, compression),
            (TAG_PHOTOMETRIC, TYPE_SHORT, PHOTOMETRIC_YCBCR),
            (TAG_STRIP_OFFSETS, TYPE_LONG, 0), // where the data starts, set below
            (TAG_SAMPLES_PER_PIXEL, TYPE_SHORT, 3),
            (TAG_ROWS_PER_STRIP, TYPE_LONG, height),
            (TAG_STRIP_BYTE_COUNTS, TYPE_LONG, data.len() as u32),
        ];
        let data_at = 8 + 2 + 12 * entries.len() as u32 + 4;
        let mut f = if big_endian { b"MM\0*" } else { b"II*\0" }.to_vec();
        f.extend(u32b(8));
        f.extend(u16b(entries.len() as u16));
        for (tag, kind, value) in entries {
            let value = if tag == TAG_STRIP_OFFSETS {
                data_at
            } else {
                value
            };
            f.extend(u16b(tag));
            f.extend(u16b(kind));
            f.extend(u32b(1));
            if kind == TYPE_SHORT {
                f.extend(u16b(value as u16));
                f.extend([0, 0]);
            } else {
                f.extend(u32b(value));
            }
        }
        f.extend(u32b(0));
        f.extend_from_slice(data);
        f
    }

    /// Two 2×2 units side by side: grey, then saturated red (BT.601, full range).
    pub(in crate::imageio) const GREY_RED: [u8; 12] =
        [128, 128, 128, 128, 128, 128, 76, 76, 76, 76, 85, 255];

    fn assert_grey_then_red(img: &RgbImage) {
        assert_eq!(img.dimensions(), (4, 2));
        for y in 0..2 {
            for x in 0..2 {
                assert_eq!(img.get_pixel(x, y).0, [128, 128, 128]);
            }
            for x in 2..4 {
                let [r, g, b] = img.get_pixel(x, y).0;
                assert!(r >= 250 && g <= 3 && b <= 3, "{:?}", [r, g, b]);
            }
        }
    }

    #[test]
    fn decodes_subsampled_units_in_either_byte_order() {
        for big_endian in [false, true] {
            let file = tiff(4, 2, &GREY_RED, false, big_endian);
            let img = decode(&file, 1_000)
                .expect("a YCbCr TIFF")
                .expect("decodes");
            assert_grey_then_red(&img);
        }
    }

    #[test]
    fn decodes_pack_bits_strips() {
        let mut packed = vec![5u8];
        packed.extend_from_slice(&GREY_RED[..6]);
        packed.extend([(-3i8) as u8, 76, 1, 85, 255]);
        let img = decode(&tiff(4, 2, &packed, true, false), 1_000)
            .expect("a YCbCr TIFF")
            .expect("decodes");
        assert_grey_then_red(&img);
    }

    #[test]
    fn pack_bits_expands_literals_and_runs() {
        // 2 literals, a run of 3, the no-op −128, a run cut off by the end.
        let packed = [1, 10, 20, (-2i8) as u8, 7, 128, 0, 9];
        assert_eq!(unpack_bits(&packed, 100), vec![10, 20, 7, 7, 7, 9]);
        // A long run is cut where the pixels end.
        assert_eq!(unpack_bits(&[(-127i8) as u8, 5], 10).len(), 10);
    }

    #[test]
    fn damage_and_size_are_errors_not_panics() {
        let short = tiff(4, 2, &GREY_RED[..9], false, false);
        assert!(matches!(
            decode(&short, 1_000),
            Some(Err(YcbcrError::Damaged(_)))
        ));
        let mut cut = tiff(4, 2, &GREY_RED, false, false);
        cut.truncate(cut.len() - 4);
        assert!(matches!(
            decode(&cut, 1_000),
            Some(Err(YcbcrError::Damaged(_)))
        ));
        assert_eq!(
            decode(&tiff(4, 2, &GREY_RED, false, false), 7),
            Some(Err(YcbcrError::TooManyPixels {
                width: 4,
                height: 2
            }))
        );
        assert!(matches!(
            decode(&tiff(0, 2, &GREY_RED, false, false), 1_000),
            Some(Err(YcbcrError::Damaged(_)))
        ));
        // Every prefix of the file: an error or `None`, never a panic.
        let file = tiff(4, 2, &GREY_RED, false, true);
        for n in 0..file.len() {
            assert!(
                !matches!(decode(&file[..n], 1_000), Some(Ok(_))),
                "prefix {n}"
            );
        }
    }

    #[test]
    fn other_files_are_left_to_the_image_crate() {
        assert!(decode(b"\x89PNG\r\n\x1a\n", 1_000).is_none());
        assert!(decode(b"II*\0", 1_000).is_none());
    }
}
