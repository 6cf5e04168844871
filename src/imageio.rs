//! Reading photo files for `kycam check`: format sniffing, limits against
//! decompression bombs, EXIF orientation and focal length, and clear errors.

use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{ImageDecoder, ImageFormat, ImageReader, RgbImage};

use crate::tr;

mod jpeg_length;
mod ycbcr_tiff;
use ycbcr_tiff::YcbcrError;

/// Larger files are refused before reading: the exchange takes at most 10 MB,
/// and reading gigabytes to say so would only hang the check.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Pixels cap, checked from the header before any decoding: 100 MP is beyond every
/// phone sensor, and a tiny file claiming more is a decompression bomb.
pub const MAX_PIXELS: u64 = 100_000_000;

/// Memory the decoder may allocate (an RGBA 100 MP image plus headroom).
const MAX_DECODE_ALLOC: u64 = 512 * 1024 * 1024;

/// Why a file cannot be read, said in the current language with the file named first.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{}", tr!("load-io", path = &shown(path), kind = io_kind(source), reason = &source.to_string()))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", tr!("load-folder", path = &shown(path)))]
    IsDirectory { path: PathBuf },
    /// `kind`: fifo, device, socket or other.
    #[error("{}", tr!("load-not-a-file", path = &shown(path), kind = *kind))]
    NotAFile { path: PathBuf, kind: &'static str },
    #[error("{}", tr!("load-empty", path = &shown(path)))]
    Empty { path: PathBuf },
    #[error("{}", tr!("load-too-large", path = &shown(path), bytes = &bytes.to_string(), limit = &MAX_FILE_BYTES.to_string()))]
    FileTooLarge { path: PathBuf, bytes: u64 },
    #[error("{}", tr!("load-pdf", path = &shown(path)))]
    Pdf { path: PathBuf },
    #[error("{}", tr!("load-unsupported", path = &shown(path)))]
    UnsupportedFormat { path: PathBuf },
    #[error("{}", tr!("load-too-many-pixels", path = &shown(path), width = &width.to_string(), height = &height.to_string(), max = &MAX_PIXELS.to_string()))]
    TooManyPixels {
        path: PathBuf,
        width: u32,
        height: u32,
    },
    #[error("{}", tr!("load-truncated", path = &shown(path)))]
    Truncated { path: PathBuf },
    #[error("{}", tr!("load-corrupt", path = &shown(path), message = message))]
    Corrupt { path: PathBuf, message: String },
    #[error("{}", tr!("load-unsupported-variant", path = &shown(path), message = message))]
    UnsupportedVariant { path: PathBuf, message: String },
}

fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// The catalogue's name for the common causes of a read error, which a language may
/// word itself; "other" gives the system's words.
fn io_kind(e: &std::io::Error) -> &'static str {
    match e.kind() {
        std::io::ErrorKind::NotFound => "not-found",
        std::io::ErrorKind::PermissionDenied => "permission-denied",
        _ => "other",
    }
}

/// The container formats kycam distinguishes for the exchange's file rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    Jpeg,
    Png,
    /// Decodable, but not accepted by the exchange (e.g. TIFF, WebP).
    Other(&'static str),
}

impl FileFormat {
    pub fn name(self) -> &'static str {
        match self {
            FileFormat::Jpeg => "JPEG",
            FileFormat::Png => "PNG",
            FileFormat::Other(name) => name,
        }
    }

    pub fn accepted_by_exchange(self) -> bool {
        matches!(self, FileFormat::Jpeg | FileFormat::Png)
    }
}

/// A decoded photo, upright (EXIF orientation applied), with what the file says.
pub struct LoadedImage {
    pub rgb: RgbImage,
    pub format: FileFormat,
    pub file_bytes: u64,
    /// EXIF FocalLengthIn35mmFilm, when present: gives the camera's field of view.
    pub focal_length_35mm: Option<f32>,
}

impl LoadedImage {
    /// A picture made in memory (a webcam-sized frame, a blurred copy) checked as if
    /// saved as a JPEG of unknown size, with no EXIF.
    pub fn in_memory(rgb: RgbImage) -> Self {
        LoadedImage {
            rgb,
            format: FileFormat::Jpeg,
            file_bytes: 0,
            focal_length_35mm: None,
        }
    }
}

/// File name endings (any case) of the images kycam reads: JPEG, PNG and TIFF.
pub const IMAGE_EXTENSIONS: [&str; 5] = ["jpg", "jpeg", "png", "tif", "tiff"];

/// Whether `path` names an image kycam reads, by its ending.
pub fn is_image_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| IMAGE_EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// The image files directly inside the folder `dir`, sorted by name.
pub fn image_files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| is_image_file(p))
        .collect();
    files.sort();
    Ok(files)
}

pub fn load_image(path: &Path) -> Result<LoadedImage, LoadError> {
    let io_err = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    // The kind of file is told before it is opened: opening a named pipe waits
    // for a writer, and a device never ends (its length reads as 0).
    let meta = std::fs::metadata(path).map_err(io_err)?;
    if meta.is_dir() {
        return Err(LoadError::IsDirectory {
            path: path.to_owned(),
        });
    }
    if !meta.is_file() {
        return Err(LoadError::NotAFile {
            path: path.to_owned(),
            kind: special_file_kind(&meta.file_type()),
        });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::FileTooLarge {
            path: path.to_owned(),
            bytes: meta.len(),
        });
    }
    let bytes = read_at_most(path, MAX_FILE_BYTES).map_err(io_err)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(LoadError::FileTooLarge {
            path: path.to_owned(),
            bytes: bytes.len() as u64,
        });
    }
    decode_image(path, &bytes)
}

/// The file's bytes, reading at most one past `limit`: a file that grew (or was
/// swapped) after its size was looked at is still read in bounded memory.
fn read_at_most(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// What a path that is neither a file nor a folder is, for the error (a catalogue key).
fn special_file_kind(kind: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "fifo";
        }
        if kind.is_char_device() || kind.is_block_device() {
            return "device";
        }
        if kind.is_socket() {
            return "socket";
        }
    }
    let _ = kind;
    "other"
}

/// Decodes the bytes of a file named `path` (the name is only used in errors).
pub fn decode_image(path: &Path, bytes: &[u8]) -> Result<LoadedImage, LoadError> {
    let path_buf = || path.to_owned();
    if bytes.is_empty() {
        return Err(LoadError::Empty { path: path_buf() });
    }
    if bytes.starts_with(b"%PDF") {
        return Err(LoadError::Pdf { path: path_buf() });
    }
    let format = image::guess_format(bytes)
        .map_err(|_| LoadError::UnsupportedFormat { path: path_buf() })?;
    let file_format = match format {
        ImageFormat::Jpeg => FileFormat::Jpeg,
        ImageFormat::Png => FileFormat::Png,
        ImageFormat::Tiff => FileFormat::Other("TIFF"),
        _ => return Err(LoadError::UnsupportedFormat { path: path_buf() }),
    };
    if file_format == FileFormat::Jpeg {
        // A header claiming too many pixels is said as such, before the data
        // is found too short for them.
        if let Some((width, height)) = jpeg_length::claimed_size(bytes) {
            if u64::from(width) * u64::from(height) > MAX_PIXELS {
                return Err(LoadError::TooManyPixels {
                    path: path_buf(),
                    width,
                    height,
                });
            }
        }
        if jpeg_length::ends_without_end_marker(bytes) || jpeg_length::too_short_for_its_size(bytes)
        {
            return Err(LoadError::Truncated { path: path_buf() });
        }
    }

    // The image crate refuses YCbCr TIFF (what ffmpeg and some scanners write).
    let ycbcr = if format == ImageFormat::Tiff {
        ycbcr_tiff::decode(bytes, MAX_PIXELS)
    } else {
        None
    };
    let rgb = match ycbcr {
        Some(decoded) => decoded.map_err(|e| ycbcr_error(path, e))?,
        None => decode_upright(path, bytes, format)?,
    };
    Ok(LoadedImage {
        rgb,
        format: file_format,
        file_bytes: bytes.len() as u64,
        focal_length_35mm: exif_focal_length_35mm(bytes),
    })
}

/// Decodes with the image crate, within the pixel and memory limits, and turns the
/// picture upright as its EXIF orientation says.
fn decode_upright(path: &Path, bytes: &[u8], format: ImageFormat) -> Result<RgbImage, LoadError> {
    let failed = |e: image::ImageError| decode_error(path, e);
    let mut reader = ImageReader::with_format(Cursor::new(bytes), format);
    reader.limits(decode_limits());
    let mut decoder = reader.into_decoder().map_err(failed)?;
    let (width, height) = decoder.dimensions();
    if width == 0 || height == 0 || u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(LoadError::TooManyPixels {
            path: path.to_owned(),
            width,
            height,
        });
    }
    let orientation = decoder.orientation().map_err(failed)?;
    let mut image = image::DynamicImage::from_decoder(decoder).map_err(failed)?;
    image.apply_orientation(orientation);
    Ok(image.to_rgb8())
}

/// What went wrong decoding `path`: a file that ends early, a valid file of a kind the
/// decoder does not support (a TIFF in an unusual colour space), or damage.
fn decode_error(path: &Path, e: image::ImageError) -> LoadError {
    let path = path.to_owned();
    match e {
        image::ImageError::IoError(ref io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
            LoadError::Truncated { path }
        }
        image::ImageError::Unsupported(u) => LoadError::UnsupportedVariant {
            path,
            message: u.to_string(),
        },
        other => LoadError::Corrupt {
            path,
            message: other.to_string(),
        },
    }
}

fn ycbcr_error(path: &Path, e: YcbcrError) -> LoadError {
    let path = path.to_owned();
    match e {
        YcbcrError::Unsupported(message) => LoadError::UnsupportedVariant { path, message },
        YcbcrError::Damaged(message) => LoadError::Corrupt { path, message },
        YcbcrError::TooManyPixels { width, height } => LoadError::TooManyPixels {
            path,
            width,
            height,
        },
    }
}

fn decode_limits() -> image::Limits {
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_DECODE_ALLOC);
    limits
}

fn exif_focal_length_35mm(bytes: &[u8]) -> Option<f32> {
    let exif = exif::Reader::new()
        .read_from_container(&mut Cursor::new(bytes))
        .ok()?;
    let field = exif.get_field(exif::Tag::FocalLengthIn35mmFilm, exif::In::PRIMARY)?;
    let focal = field.value.get_uint(0)? as f32;
    (focal > 0.0).then_some(focal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unsupported_kind_of_image_is_not_called_damaged() {
        use image::error::{ImageFormatHint, UnsupportedError, UnsupportedErrorKind};
        let e = image::ImageError::Unsupported(UnsupportedError::from_format_and_kind(
            ImageFormatHint::Exact(ImageFormat::Tiff),
            UnsupportedErrorKind::GenericFeature("YCbCr".into()),
        ));
        let err = decode_error(Path::new("scan.tif"), e);
        assert!(
            matches!(err, LoadError::UnsupportedVariant { .. }),
            "{err:?}"
        );
        let text = err.to_string();
        assert!(
            text.contains("scan.tif") && text.contains("JPEG or PNG"),
            "{text}"
        );
        assert!(!text.contains("damaged"), "{text}");
    }

    #[test]
    fn a_ycbcr_tiff_is_read_and_named_as_tiff() {
        let file = ycbcr_tiff::tests::tiff(4, 2, &ycbcr_tiff::tests::GREY_RED, false, false);
        let loaded = decode_image(Path::new("frame.tif"), &file).expect("decodes");
        assert_eq!(loaded.rgb.dimensions(), (4, 2));
        assert_eq!(loaded.format, FileFormat::Other("TIFF"));
        assert!(!loaded.format.accepted_by_exchange());
        let err = decode_image(Path::new("frame.tif"), &file[..file.len() - 1])
            .err()
            .expect("a cut strip is an error");
        let text = err.to_string();
        assert!(
            text.contains("frame.tif") && text.contains("damaged"),
            "{text}"
        );
    }

    #[test]
    fn empty_and_pdf_bytes_are_named() {
        let p = Path::new("x.jpg");
        assert!(matches!(decode_image(p, b""), Err(LoadError::Empty { .. })));
        assert!(matches!(
            decode_image(p, b"%PDF-1.7 ..."),
            Err(LoadError::Pdf { .. })
        ));
        assert!(matches!(
            decode_image(p, b"hello world, not an image"),
            Err(LoadError::UnsupportedFormat { .. })
        ));
    }
}
