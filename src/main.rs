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
    about = tr!("help-about"),
    long_about = None,
    args_conflicts_with_subcommands = true
)]
struct Cli {
    // Read by `take_lang` before clap parses, so that it may stand before or after
    // the subcommand and clap's own messages come in the language; declared here
    // for --help.
    #[arg(long, global = true, value_name = "LANG", help = tr!("help-lang"))]
    lang: Option<Lang>,
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    gui: GuiArgs,
}

/// The window's options (`kycam` with no subcommand).
#[derive(clap::Args)]
struct GuiArgs {
    #[arg(long, value_name = "N", conflicts_with_all = ["source", "demo"], help = tr!("help-camera"))]
    camera: Option<u32>,
    #[arg(long, value_name = "PATH", conflicts_with = "demo", help = tr!("help-source"))]
    source: Option<PathBuf>,
    #[arg(long, help = tr!("help-demo"))]
    demo: bool,
    #[arg(long, value_name = "DIR", help = tr!("help-out"))]
    out: Option<PathBuf>,
    #[arg(long = "hfov", value_name = "DEG", value_parser = parse_hfov, help = tr!("help-gui-hfov"))]
    gui_hfov: Option<f32>,
}

// The help texts come from the catalogues (tr!), evaluated when clap builds the
// command, after the language is chosen.
#[derive(Subcommand)]
enum Command {
    #[command(about = tr!("help-check"), long_about = tr!("help-check-long"))]
    Check {
        #[arg(long, default_value = "selfie", help = tr!("help-check-shot"))]
        shot: Shot,
        #[arg(long, help = tr!("help-check-json"))]
        json: bool,
        #[arg(long, value_parser = parse_hfov, help = tr!("help-check-hfov"))]
        hfov: Option<f32>,
        #[arg(required = true, help = tr!("help-check-files"))]
        files: Vec<PathBuf>,
    },
    #[command(about = tr!("help-replay"), long_about = tr!("help-replay-long"))]
    Replay {
        #[arg(long, help = tr!("help-replay-shot"))]
        shot: Shot,
        #[arg(long, default_value_t = 30.0, value_parser = parse_fps, help = tr!("help-replay-fps"))]
        fps: f32,
        #[arg(long, default_value_t = 1, help = tr!("help-replay-repeat"))]
        repeat: u32,
        #[arg(long, help = tr!("help-replay-out"))]
        out: Option<PathBuf>,
        #[arg(long, help = tr!("help-replay-json"))]
        json: bool,
        /// Slow the analysis down by this many milliseconds a frame, as on a
        /// slow or busy machine (tests of guidance under load).
        #[arg(long, default_value_t = 0, hide = true)]
        slow_ms: u64,
        #[arg(help = tr!("help-replay-path"))]
        path: PathBuf,
    },
    #[command(about = tr!("help-match"), long_about = tr!("help-match-long"))]
    Match {
        #[arg(long, help = tr!("help-match-json"))]
        json: bool,
        #[arg(help = tr!("help-match-a"))]
        a: PathBuf,
        #[arg(help = tr!("help-match-b"))]
        b: PathBuf,
    },
    #[command(about = tr!("help-cameras"))]
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
