//! Replay: a folder of frames in name order, or one image repeated, as if a
//! camera were filming it. Unreadable frames are named, skipped, and counted.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use image::RgbImage;

use super::SourceTrouble;
use crate::imageio;
use crate::pipeline::frame::{FrameSource, Pacing, SourceStep};

/// The frame files of a replay path: the image itself, or a folder's image
/// files (JPEG, PNG, TIFF: [`imageio::is_image_file`]) sorted by name. Errors name
/// the path.
pub fn frame_files(path: &Path) -> Result<Vec<PathBuf>, String> {
    let shown = || path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| {
        crate::tr!(
            "replay-cannot-read",
            path = &shown(),
            error = &e.to_string()
        )
    })?;
    if !meta.is_dir() {
        return Ok(vec![path.to_owned()]);
    }
    let files = imageio::image_files_in(path).map_err(|e| {
        crate::tr!(
            "replay-cannot-list",
            path = &shown(),
            error = &e.to_string()
        )
    })?;
    if files.is_empty() {
        return Err(crate::tr!("replay-no-frames", path = &shown()));
    }
    Ok(files)
}

enum Frames {
    /// One image, decoded once, sent `left` more times.
    Repeated {
        rgb: Arc<RgbImage>,
        repeat: u32,
        left: u32,
    },
    /// Files decoded one by one as they are sent.
    Folder {
        files: Vec<PathBuf>,
        next: usize,
        sent_this_pass: usize,
    },
}

pub struct Replay {
    frames: Frames,
    pacing: Pacing,
    looped: bool,
}

/// Opens a replay. `fps` 0 = lossless (as fast as the analysis takes them);
/// `repeat` applies to a single image (0 counts as 1).
pub fn open(
    path: &Path,
    fps: f32,
    repeat: u32,
    looped: bool,
) -> Result<Box<dyn FrameSource>, String> {
    let files = frame_files(path)?;
    let pacing = if fps > 0.0 {
        Pacing::Fps(fps)
    } else {
        Pacing::Lossless
    };
    let frames = if files.len() == 1 && !path.is_dir() {
        let loaded = imageio::load_image(&files[0]).map_err(|e| e.to_string())?;
        let repeat = repeat.max(1);
        Frames::Repeated {
            rgb: Arc::new(loaded.rgb),
            repeat,
            left: repeat,
        }
    } else {
        Frames::Folder {
            files,
            next: 0,
            sent_this_pass: 0,
        }
    };
    Ok(Box::new(Replay {
        frames,
        pacing,
        looped,
    }))
}

impl FrameSource for Replay {
    fn pacing(&self) -> Pacing {
        self.pacing
    }

    fn next(&mut self) -> SourceStep {
        match &mut self.frames {
            Frames::Repeated { rgb, repeat, left } => {
                if *left == 0 {
                    if !self.looped {
                        return SourceStep::End;
                    }
                    *left = *repeat;
                }
                *left -= 1;
                SourceStep::Frame(Arc::clone(rgb))
            }
            Frames::Folder {
                files,
                next,
                sent_this_pass,
            } => {
                if *next == files.len() {
                    if !self.looped {
                        return SourceStep::End;
                    }
                    if *sent_this_pass == 0 {
                        return SourceStep::Failed(SourceTrouble::other(crate::tr!(
                            "source-folder-unreadable"
                        )));
                    }
                    *next = 0;
                    *sent_this_pass = 0;
                }
                let file = &files[*next];
                *next += 1;
                match imageio::load_image(file) {
                    Ok(loaded) => {
                        *sent_this_pass += 1;
                        SourceStep::Frame(Arc::new(loaded.rgb))
                    }
                    Err(e) => SourceStep::Problem(SourceTrouble::other(crate::tr!(
                        "source-frame-skipped",
                        error = &e.to_string()
                    ))),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_plays_in_name_order_and_names_a_bad_frame() {
        let dir = tempfile::tempdir().expect("tempdir");
        let img = RgbImage::from_pixel(8, 8, image::Rgb([10, 20, 30]));
        img.save(dir.path().join("b.png")).expect("save");
        std::fs::write(dir.path().join("a.png"), b"not a png").expect("write");
        std::fs::write(dir.path().join("notes.txt"), b"ignored").expect("write");
        let mut r = open(dir.path(), 0.0, 1, false).expect("open");
        assert_eq!(r.pacing(), Pacing::Lossless);
        match r.next() {
            SourceStep::Problem(trouble) => {
                let msg = &trouble.words;
                assert!(msg.contains("a.png") && msg.contains("skipped"), "{msg}")
            }
            other => panic!("expected a problem, got {other:?}"),
        }
        assert!(matches!(r.next(), SourceStep::Frame(_)));
        assert!(matches!(r.next(), SourceStep::End));
    }

    #[test]
    fn one_image_repeats_and_clear_errors_for_bad_paths() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("one.png");
        RgbImage::new(8, 8).save(&file).expect("save");
        let mut r = open(&file, 30.0, 3, false).expect("open");
        let frames = std::iter::from_fn(|| match r.next() {
            SourceStep::Frame(_) => Some(()),
            _ => None,
        })
        .count();
        assert_eq!(frames, 3);

        let missing = dir.path().join("missing");
        let err = open(&missing, 30.0, 1, false).err().expect("missing path");
        assert!(err.contains("missing"), "{err}");
        let empty = dir.path().join("empty");
        std::fs::create_dir(&empty).expect("mkdir");
        let err = open(&empty, 30.0, 1, false).err().expect("empty folder");
        assert!(err.contains("no frames"), "{err}");
    }
}
