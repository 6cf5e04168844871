//! The `kycam` command: GUI, `check`, `match`, `replay`, `cameras` (docs/contract.md).

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};

use kycam::i18n::Lang;
use kycam::tr;

use kycam::check::{render_table, Checker};
use kycam::pipeline::source::list_cameras;
use kycam::replay::ReplayOptions;
use kycam::Shot;

#[derive(Parser)]
#[command(
    name = "kycam",
    version,
    about = "Offline KYC photo assistant: guides ID and selfie photos until every rule holds",
    long_about = None,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    /// The language of everything kycam says: en or zh-CN (default: from LC_ALL,
    /// LC_MESSAGES or LANG, else English).
    // Read by `take_lang` before clap parses, so that it may stand before or after
    // the subcommand and clap's own messages come in the language; declared here
    // for --help.
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    gui: GuiArgs,
}

/// The window's options (`kycam` with no subcommand).
#[derive(clap::Args)]
struct GuiArgs {
    /// Open camera N (as listed by `kycam cameras`) instead of the one in Settings.
    #[arg(long, value_name = "N", conflicts_with_all = ["source", "demo"])]
    camera: Option<u32>,
    /// Play an image or a folder of frames (in name order, looped) instead of a camera.
    #[arg(long, value_name = "PATH", conflicts_with = "demo")]
    source: Option<PathBuf>,
    /// Play a generated scene (a card, then a face): no camera needed.
    #[arg(long)]
    demo: bool,
    /// Save the photos in DIR instead of a new folder in your data directory.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// The camera's horizontal field of view in degrees (for the distance estimate).
    #[arg(long = "hfov", value_name = "DEG", value_parser = parse_hfov)]
    gui_hfov: Option<f32>,
}

#[derive(Subcommand)]
enum Command {
    /// Check photo files against a shot's rules and the exchange's file rules.
    ///
    /// Exit code: 0 every file passes, 1 a rule fails, 2 a file could not be read.
    Check {
        /// The shot the photos are for: passport, id-front, id-back, dl-front, dl-back, selfie.
        #[arg(long, default_value = "selfie")]
        shot: Shot,
        /// Print one JSON object per file, one per line.
        #[arg(long)]
        json: bool,
        /// The camera's horizontal field of view in degrees (else EXIF, else 65°).
        #[arg(long, value_parser = parse_hfov)]
        hfov: Option<f32>,
        /// The photo files (JPEG or PNG; TIFF is read too, but fails `file_format`).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Run the live pipeline headless over recorded frames: guidance and
    /// auto-capture as the camera window would do them.
    ///
    /// Exit code: 0 the replay ran, 2 it could not start, a frame could not be
    /// read (it is skipped and named) or a photo could not be saved.
    Replay {
        /// The shot the frames are for: passport, id-front, id-back, dl-front, dl-back, selfie.
        #[arg(long)]
        shot: Shot,
        /// Frames per second to play at (1–1000); 0 = as fast as the analysis takes
        /// them, dropping none.
        #[arg(long, default_value_t = 30.0, value_parser = parse_fps)]
        fps: f32,
        /// Play a single image this many times.
        #[arg(long, default_value_t = 1)]
        repeat: u32,
        /// The folder for the photos and session.json (default: a new session
        /// folder under the user's data directory).
        #[arg(long)]
        out: Option<PathBuf>,
        /// One JSON line per frame, then a summary line.
        #[arg(long)]
        json: bool,
        /// Slow the analysis down by this many milliseconds a frame, as on a
        /// slow or busy machine (tests of guidance under load).
        #[arg(long, default_value_t = 0, hide = true)]
        slow_ms: u64,
        /// A folder of frames (played in name order) or one image.
        path: PathBuf,
    },
    /// Tell whether two photos show the same person: a selfie against the portrait
    /// on an ID card or passport page, or two selfies.
    ///
    /// Each photo must hold one face, or a document whose portrait is then used.
    /// Exit code: 0 the same person, 1 different people, 2 a photo could not be
    /// read or does not hold exactly one face.
    Match {
        /// Print one JSON object: a, b, same_person, distance, threshold.
        #[arg(long)]
        json: bool,
        /// The first photo.
        a: PathBuf,
        /// The second photo.
        b: PathBuf,
    },
    /// List the cameras.
    Cameras,
}

/// Replay rates: 0 (as fast as the analysis goes), or a camera's rate. Below one
/// frame a second a replay is a slide show no camera makes, and a rate near zero
/// puts the next frame past any time the clock can hold.
const REPLAY_FPS: std::ops::RangeInclusive<f32> = 1.0..=1000.0;

fn parse_fps(s: &str) -> Result<f32, String> {
    let v: f32 = s.parse().map_err(|_| not_a_number(s))?;
    if v == 0.0 || REPLAY_FPS.contains(&v) {
        Ok(v)
    } else {
        Err(tr!(
            "cli-fps-range",
            value = s,
            min = *REPLAY_FPS.start(),
            max = *REPLAY_FPS.end()
        ))
    }
}

fn parse_hfov(s: &str) -> Result<f32, String> {
    let v: f32 = s.parse().map_err(|_| not_a_number(s))?;
    if (10.0..=170.0).contains(&v) {
        Ok(v)
    } else {
        Err(tr!("cli-hfov-range", value = &v.to_string()))
    }
}

fn not_a_number(s: &str) -> String {
    tr!("cli-not-a-number", value = &format!("{s:?}"))
}

/// Takes `--lang LANG` or `--lang=LANG` out of the arguments wherever it stands (before
/// or after the subcommand; not after `--`). `Ok(None)` when it is not given; a value
/// missing after `--lang` is left for clap to report.
fn take_lang(args: &mut Vec<OsString>) -> Result<Option<Lang>, String> {
    let mut lang = None;
    let mut i = 1;
    while i < args.len() {
        let arg = args[i].to_string_lossy().into_owned();
        if arg == "--" {
            break;
        }
        let value = if arg == "--lang" && i + 1 < args.len() {
            let value = args[i + 1].to_string_lossy().into_owned();
            args.drain(i..i + 2);
            value
        } else if let Some(value) = arg.strip_prefix("--lang=") {
            let value = value.to_owned();
            args.remove(i);
            value
        } else {
            i += 1;
            continue;
        };
        lang = Some(value.parse::<Lang>()?);
    }
    Ok(lang)
}

fn main() -> ExitCode {
    kycam::allocator::keep_freed_memory_for_reuse();
    kycam::file_size_limit::fail_writes_instead_of_dying();
    // The language first, so that clap's value errors are said in it.
    kycam::i18n::set(Lang::from_env());
    let mut args: Vec<OsString> = std::env::args_os().collect();
    let lang = match take_lang(&mut args) {
        Ok(lang) => lang,
        Err(e) => Cli::command()
            .error(clap::error::ErrorKind::InvalidValue, e)
            .exit(),
    };
    if let Some(lang) = lang {
        kycam::i18n::set(lang);
    }
    let cli = Cli::parse_from(args);
    let lang = cli.lang.or(lang);
    match cli.command {
        Some(Command::Check {
            shot,
            json,
            hfov,
            files,
        }) => run_check(shot, json, hfov, &files),
        Some(Command::Replay {
            shot,
            fps,
            repeat,
            out,
            json,
            slow_ms,
            path,
        }) => run_replay(ReplayOptions {
            shot,
            fps,
            repeat,
            out,
            json,
            path,
            analysis_delay: std::time::Duration::from_millis(slow_ms),
        }),
        Some(Command::Match { json, a, b }) => run_match(json, &a, &b),
        Some(Command::Cameras) => run_cameras(),
        None => run_gui(cli.gui, lang),
    }
}

fn run_gui(args: GuiArgs, lang: Option<Lang>) -> ExitCode {
    let source = match (args.camera, args.source, args.demo) {
        (_, _, true) => kycam::gui::SourceChoice::Demo,
        (_, Some(path), _) => kycam::gui::SourceChoice::Frames(path),
        (index, None, false) => kycam::gui::SourceChoice::Camera(index),
    };
    let launch = kycam::gui::LaunchOptions {
        source,
        out_dir: args.out,
        hfov_deg: args.gui_hfov,
        lang,
        ..Default::default()
    };
    match kycam::gui::run(launch) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("kycam: {e}\nkycam: {}", tr!("cli-no-display"));
            ExitCode::from(2)
        }
    }
}

fn run_check(shot: Shot, json: bool, hfov: Option<f32>, files: &[PathBuf]) -> ExitCode {
    use std::io::Write;
    let mut checker = Checker::new(hfov);
    let (mut failed, mut unreadable) = (false, false);
    let mut stdout = std::io::stdout().lock();
    for file in files {
        match checker.check_file(file, shot) {
            Ok(report) => {
                failed |= !report.pass;
                let text = if json {
                    match serde_json::to_string(&report) {
                        Ok(line) => line,
                        Err(e) => {
                            let file = file.display().to_string();
                            let reason = e.to_string();
                            eprintln!(
                                "kycam: {}",
                                tr!("cli-report-unwritable", file = &file, reason = &reason)
                            );
                            unreadable = true;
                            continue;
                        }
                    }
                } else {
                    render_table(&report)
                };
                // A closed pipe (`kycam check … | head`) ends the output, not the process
                // with a panic; the exit code still tells what was found so far.
                if writeln!(stdout, "{text}").is_err() {
                    break;
                }
            }
            Err(e) => {
                unreadable = true;
                eprintln!("kycam: {e}");
            }
        }
    }
    if unreadable {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn run_match(json: bool, a: &Path, b: &Path) -> ExitCode {
    use kycam::face_match::{compare, match_face_in_file, render_sentence};
    use std::io::Write;
    // Both files are read before giving up, so that every problem is named at once.
    let (fa, fb) = match (match_face_in_file(a), match_face_in_file(b)) {
        (Ok(fa), Ok(fb)) => (fa, fb),
        (ra, rb) => {
            for e in [ra.err(), rb.err()].into_iter().flatten() {
                eprintln!("kycam: {e}");
            }
            return ExitCode::from(2);
        }
    };
    let (na, nb) = (a.display().to_string(), b.display().to_string());
    let report = compare(&na, &fa, &nb, &fb);
    let text = if json {
        match serde_json::to_string(&report) {
            Ok(line) => line,
            Err(e) => {
                eprintln!(
                    "kycam: {}",
                    tr!("cli-match-unwritable", reason = &e.to_string())
                );
                return ExitCode::from(2);
            }
        }
    } else {
        render_sentence(&report, &fa, &fb)
    };
    // A closed pipe ends the output; the exit code still says the verdict.
    let _ = writeln!(std::io::stdout(), "{text}");
    if report.same_person {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn run_replay(opts: ReplayOptions) -> ExitCode {
    let (mut out, mut err) = (std::io::stdout().lock(), std::io::stderr());
    match kycam::replay::run(&opts, &mut out, &mut err) {
        Ok(outcome) if outcome.problems.is_empty() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(2),
        Err(e) => {
            eprintln!("kycam: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run_cameras() -> ExitCode {
    match list_cameras() {
        Ok(cams) if cams.is_empty() => {
            println!("{}", tr!("cameras-none"));
            ExitCode::SUCCESS
        }
        Ok(cams) => {
            for c in cams {
                println!("{}\t{}\t{}", c.index, c.name, c.description);
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("kycam: {e}");
            ExitCode::from(2)
        }
    }
}
