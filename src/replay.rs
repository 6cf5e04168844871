//! `kycam replay`: the live pipeline, headless, over recorded frames (docs/contract.md).
//! One JSON line per analysed frame and a summary line, or a readable log.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use serde::Serialize;

use crate::capture::SessionWriter;
use crate::pipeline::{
    liveness, source, Event, FaceTiming, LiveReport, Pipeline, PipelineConfig, ReportDelivery,
    SourceSpec,
};
use crate::rules::RuleId;
use crate::shot::Shot;
use crate::tr;

pub struct ReplayOptions {
    pub shot: Shot,
    /// 0 = as fast as the analysis takes frames, dropping none.
    pub fps: f32,
    pub repeat: u32,
    pub out: Option<PathBuf>,
    pub json: bool,
    pub path: PathBuf,
    /// Added to every frame's analysis, as on a slow machine (tests).
    pub analysis_delay: Duration,
}

/// The final line of `replay --json`.
#[derive(Clone, Debug, Serialize)]
pub struct ReplaySummary {
    pub frames: u64,
    pub analysed: u64,
    pub dropped: u64,
    pub captures: u64,
    /// Frames analysed per second of wall time.
    pub fps: f64,
    pub latency_ms_p50: f64,
    pub latency_ms_p95: f64,
    /// The analysis thread's time per frame, waits excluded (one thread).
    pub analysis_ms_p50: f64,
    pub analysis_ms_p95: f64,
    /// Fresh face boxes per second of wall time.
    pub face_updates_per_s: f64,
    /// Share of the analysed frames the document was searched for (0–1); the
    /// others kept the answer of an earlier frame of the same still picture.
    pub outline_searched_share: f64,
    /// The process's peak resident memory (Linux; absent elsewhere).
    pub peak_rss_mb: Option<f64>,
    /// The deepest the frame queue ever was (its bound is 1).
    pub max_frame_queue: u64,
}

#[derive(Serialize)]
struct FrameLine<'a> {
    seq: u64,
    pass: bool,
    failing: Vec<RuleId>,
    advice: Option<&'a str>,
    /// The rule the advice is about; null exactly when every check passes.
    advice_for: Option<RuleId>,
    captured: Option<String>,
    /// The selfie's face from its landmarks (absent on other shots, or before the
    /// face worker's first landmarks): eyes shut on this frame (the smaller eye
    /// aspect ratio under `eyes_open`'s limit), the head's yaw, the lips' gap over
    /// the mouth's width. For testing liveness gestures on frame sequences.
    #[serde(skip_serializing_if = "Option::is_none")]
    blink: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    yaw_deg: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mouth_open: Option<f32>,
}

pub struct ReplayOutcome {
    pub summary: ReplaySummary,
    /// Frames that could not be read (skipped), photos that could not be saved,
    /// and other source problems, as told on stderr.
    pub problems: Vec<String>,
}

/// Frames per face search in a lossless replay.
const REPLAY_FACE_EVERY: u64 = 3;

/// How long to wait for the writer to report a decided capture.
const SAVE_WAIT: Duration = Duration::from_secs(60);

/// Runs the replay; frame lines and the summary go to `out`, problems to `err`
/// as they happen. `Err` only when the replay cannot start.
pub fn run(
    opts: &ReplayOptions,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ReplayOutcome> {
    // Check the path here, so a typo is an error rather than an empty replay.
    let files = source::replay::frame_files(&opts.path).map_err(anyhow::Error::msg)?;
    if files.len() == 1 && !opts.path.is_dir() {
        crate::imageio::load_image(&files[0])?;
    }
    let session = Arc::new(SessionWriter::start(
        opts.out.clone(),
        crate::shot::DocumentKind::of(opts.shot),
    )?);
    let mut config = PipelineConfig::new(opts.shot, Arc::clone(&session));
    config.delivery = ReportDelivery::Every;
    config.analysis_delay = opts.analysis_delay;
    // --fps 0 drops nothing, and the faces come every third frame as from a
    // 10 Hz face worker on a 30 fps camera: the same frames give the same
    // verdicts however busy the machine is. Paced replays run as live.
    if opts.fps <= 0.0 {
        config.faces = FaceTiming::Lockstep {
            every: REPLAY_FACE_EVERY,
        };
    }
    let spec = SourceSpec::Replay {
        path: opts.path.clone(),
        fps: opts.fps.max(0.0),
        repeat: opts.repeat,
        looped: false,
    };
    let started = Instant::now();
    let pipeline = Pipeline::start(spec, config, None)?;
    let mut problems = Vec::new();
    let mut latencies = Vec::new();
    let mut analysis_times = Vec::new();
    let mut pending_events = Vec::new();
    let mut ended = false;
    let mut last_advice: Option<Option<String>> = None;
    loop {
        for event in pipeline.events() {
            ended |= handle_event(event, &mut problems, err, &mut pending_events)?;
        }
        let report = match pipeline.next_report(Duration::from_millis(50)) {
            Some(r) => r,
            None if ended => break,
            None => continue,
        };
        latencies.push(f64::from(report.latency_ms));
        analysis_times.push(f64::from(report.analysis_ms));
        let captured = match &report.capture {
            Some(_) => wait_for_save(
                &pipeline,
                &mut problems,
                err,
                &mut pending_events,
                &mut ended,
            )?,
            None => None,
        };
        if opts.json {
            let sample = report
                .measurements
                .selfie
                .as_ref()
                .and_then(|s| s.face_shape.as_ref())
                .map(liveness::Sample::of);
            let line = FrameLine {
                seq: report.seq,
                pass: report.pass(),
                failing: report.failing(),
                advice: report.guidance.as_deref(),
                advice_for: report.guidance_for,
                captured: captured.clone(),
                blink: sample.map(|s| s.eyes_shut),
                yaw_deg: sample.map(|s| s.yaw_deg),
                mouth_open: sample.map(|s| s.mouth_open),
            };
            writeln!(out, "{}", serde_json::to_string(&line)?)?;
        } else {
            write_text_line(out, &report, captured.as_deref(), &mut last_advice)?;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let stats = pipeline.stats();
    let max_frame_queue = pipeline.max_frame_queue();
    pipeline.stop();
    latencies.sort_by(f64::total_cmp);
    analysis_times.sort_by(f64::total_cmp);
    let per_second = |n: u64| {
        if elapsed > 0.0 {
            n as f64 / elapsed
        } else {
            0.0
        }
    };
    let summary = ReplaySummary {
        frames: stats.frames,
        analysed: stats.analysed,
        dropped: stats.dropped,
        captures: stats.captures,
        fps: per_second(stats.analysed),
        latency_ms_p50: round1(percentile(&latencies, 0.50)),
        latency_ms_p95: round1(percentile(&latencies, 0.95)),
        analysis_ms_p50: round2(percentile(&analysis_times, 0.50)),
        analysis_ms_p95: round2(percentile(&analysis_times, 0.95)),
        face_updates_per_s: round1(per_second(stats.face_updates)),
        outline_searched_share: round2(
            stats.outline_searches as f64 / stats.analysed.max(1) as f64,
        ),
        peak_rss_mb: peak_rss_mb(),
        max_frame_queue,
    };
    if opts.json {
        writeln!(out, "{}", serde_json::to_string(&summary)?)?;
    } else {
        write_text_summary(out, &summary, &session.dir().display().to_string())?;
    }
    Ok(ReplayOutcome { summary, problems })
}

/// Returns true on SourceEnded. Captures seen here (not awaited) are kept.
fn handle_event(
    event: Event,
    problems: &mut Vec<String>,
    err: &mut dyn Write,
    pending: &mut Vec<Event>,
) -> anyhow::Result<bool> {
    match event {
        Event::SourceEnded => return Ok(true),
        Event::SourceProblem(trouble) => {
            writeln!(err, "kycam: {trouble}").context("writing to stderr")?;
            problems.push(trouble.to_string());
        }
        Event::SaveFailed(msg) => {
            writeln!(err, "kycam: {msg}").context("writing to stderr")?;
            problems.push(msg);
        }
        // The pipeline has stopped: no more frames, and no save to wait for.
        Event::Failed(msg) => {
            writeln!(err, "kycam: {msg}").context("writing to stderr")?;
            problems.push(msg);
            return Ok(true);
        }
        e @ Event::Captured(_) => pending.push(e),
        // The capture itself (or its failure) follows.
        Event::Saving(_) => {}
    }
    Ok(false)
}

/// Waits for the writer's answer to a capture; the saved path, or None when
/// the save failed (told on `err`).
fn wait_for_save(
    pipeline: &Pipeline,
    problems: &mut Vec<String>,
    err: &mut dyn Write,
    pending: &mut Vec<Event>,
    ended: &mut bool,
) -> anyhow::Result<Option<String>> {
    let deadline = Instant::now() + SAVE_WAIT;
    loop {
        if let Some(i) = pending.iter().position(|e| matches!(e, Event::Captured(_))) {
            if let Event::Captured(saved) = pending.remove(i) {
                return Ok(Some(saved.path.display().to_string()));
            }
        }
        match pipeline.next_event(Duration::from_millis(50)) {
            Some(Event::SaveFailed(msg)) => {
                writeln!(err, "kycam: {msg}")?;
                problems.push(msg);
                return Ok(None);
            }
            Some(e) => {
                *ended |= handle_event(e, problems, err, pending)?;
                // Ended before the save was told: the pipeline failed (a normal
                // end comes only after every save).
                if *ended && !pending.iter().any(|e| matches!(e, Event::Captured(_))) {
                    return Ok(None);
                }
            }
            None if *ended => return Ok(None),
            None if Instant::now() > deadline => {
                let msg = tr!("replay-not-saved");
                writeln!(err, "kycam: {msg}")?;
                problems.push(msg);
                return Ok(None);
            }
            None => {}
        }
    }
}

fn write_text_line(
    out: &mut dyn Write,
    report: &LiveReport,
    captured: Option<&str>,
    last_advice: &mut Option<Option<String>>,
) -> std::io::Result<()> {
    // A line when the advice changes or a photo is taken: a log a person reads.
    let seq = report.seq.to_string();
    if last_advice.as_ref() != Some(&report.guidance) {
        match &report.guidance {
            Some(a) => writeln!(out, "{}", tr!("replay-advice", seq = &seq, advice = a))?,
            None => writeln!(out, "{}", tr!("replay-all-pass", seq = &seq))?,
        }
        *last_advice = Some(report.guidance.clone());
    }
    if let Some(path) = captured {
        writeln!(out, "{}", tr!("replay-taken", seq = &seq, path = path))?;
    }
    Ok(())
}

/// The summary for a person: counts, speed, memory, where the photos are.
fn write_text_summary(
    out: &mut dyn Write,
    summary: &ReplaySummary,
    dir: &str,
) -> std::io::Result<()> {
    let text = |v: u64| v.to_string();
    writeln!(
        out,
        "{}",
        tr!(
            "replay-summary",
            frames = &text(summary.frames),
            analysed = &text(summary.analysed),
            dropped = &text(summary.dropped),
            captures = &text(summary.captures),
            fps = &format!("{:.1}", summary.fps),
            p50 = &format!("{:.1}", summary.latency_ms_p50),
            p95 = &format!("{:.1}", summary.latency_ms_p95),
        )
    )?;
    let memory = summary
        .peak_rss_mb
        .map(|mb| tr!("replay-peak-memory", mb = &format!("{mb:.0}")))
        .unwrap_or_default();
    writeln!(
        out,
        "{}",
        tr!(
            "replay-analysis",
            p50 = &format!("{:.2}", summary.analysis_ms_p50),
            p95 = &format!("{:.2}", summary.analysis_ms_p95),
            faces = &format!("{:.1}", summary.face_updates_per_s),
            memory = &memory,
        )
    )?;
    writeln!(
        out,
        "{}",
        tr!(
            "replay-queue",
            max = summary.max_frame_queue as usize,
            bound = crate::pipeline::FRAME_QUEUE_BOUND,
        )
    )?;
    writeln!(out, "{}", tr!("replay-saved-in", dir = dir))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    crate::stats::quantile(sorted, p).unwrap_or(0.0)
}

fn round1(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Peak resident set size (VmHWM) of this process, in MB.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()?;
    Some(round1(kb / 1024.0))
}
