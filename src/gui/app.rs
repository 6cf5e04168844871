//! The kycam window: runs the session state machine ([`Flow`]) against the live
//! pipeline and draws the page it is on.
//!
//! Each frame: take the newest report and the pipeline's events, turn what the
//! person did into [`Action`]s, let the flow decide, and carry out its effects.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use egui::{Color32, Key, RichText, Sense};

use crate::analysis::CameraModel;
use crate::gui::check_files::{check_files_ui, CheckFilesState};
use crate::gui::flow::{Action, Aside, Effect, Flow, Page};
use crate::gui::help::{help_ui, HelpState};
use crate::gui::live::{
    Command, Event, LiveReport, Pipeline, PipelineConfig, ReportDelivery, SavedShot, SessionWriter,
    SourceSpec,
};
use crate::gui::no_camera::{no_camera_ui, NoCameraChoice, NoCameraState};
use crate::gui::overlay::{self, UiFromImage, FAIL, PASS};
use crate::gui::panels;
use crate::gui::preview::{downscaled, Texture};
use crate::gui::settings::{settings_ui, Settings, SettingsDraft};
use crate::rules::RuleId;
use crate::{DocumentKind, Shot};

/// Wide enough for the checklist's four columns at the readable text size.
const SIDE_PANEL_WIDTH: f32 = 440.0;

/// Where the pictures come from, as chosen on the command line.
#[derive(Clone, Debug, PartialEq)]
pub enum SourceChoice {
    /// A webcam; `None` = the one chosen in Settings.
    Camera(Option<u32>),
    /// An image or a folder of frames, looped.
    Frames(PathBuf),
    /// The generated demo scene.
    Demo,
}

/// What `kycam` was started with.
#[derive(Clone, Debug)]
pub struct LaunchOptions {
    pub source: SourceChoice,
    /// Save photos here (overrides Settings).
    pub out_dir: Option<PathBuf>,
    /// Camera field of view (overrides Settings).
    pub hfov_deg: Option<f32>,
    /// Pace of frames from a folder or the demo, per second.
    pub fps: f32,
}

impl Default for LaunchOptions {
    fn default() -> Self {
        Self {
            source: SourceChoice::Camera(None),
            out_dir: None,
            hfov_deg: None,
            fps: 30.0,
        }
    }
}

/// A running session: the pipeline and what it last said.
struct LiveSession {
    pipeline: Pipeline,
    writer: Arc<SessionWriter>,
    report: Option<LiveReport>,
    /// A source problem reported after pictures had arrived (a stall, an unplug).
    problem: Option<String>,
    ended: bool,
    /// Whether the preview is on screen: the pipeline wakes the window for each
    /// report only then (reviewing a photo need not repaint 30 times a second).
    preview_visible: Arc<AtomicBool>,
}

/// Things the person asked for this frame, carried out after drawing.
enum Intent {
    Flow(Action),
    Shutter,
    ConfirmShutter,
    UseSource(SourceChoice),
    OpenFolder(PathBuf),
}

pub struct KycamApp {
    launch: LaunchOptions,
    settings: Settings,
    settings_draft: SettingsDraft,
    flow: Flow,
    live: Option<LiveSession>,
    preview: Texture,
    /// The report whose frame the preview texture holds.
    preview_seq: Option<u64>,
    review: Texture,
    /// Which saved photo the review texture shows (a retake reuses the path).
    review_of: Option<(PathBuf, String)>,
    review_error: Option<String>,
    /// The folder of the last session, for Help and Done after it stopped.
    last_session_dir: Option<PathBuf>,
    help: HelpState,
    check: CheckFilesState,
    no_camera: NoCameraState,
    /// The manual shutter was pressed while these rules fail: ask first.
    confirm: Option<Vec<RuleId>>,
    /// Something went wrong that the person should know, in plain words.
    notice: Option<String>,
    intents: Vec<Intent>,
    ctx: egui::Context,
}

impl KycamApp {
    pub fn new(cc: &eframe::CreationContext<'_>, launch: LaunchOptions) -> Self {
        let settings = Settings::load(cc.storage);
        let settings_draft = SettingsDraft {
            output_dir: settings
                .output_dir
                .as_ref()
                .map(|d| d.display().to_string())
                .unwrap_or_default(),
            cameras: None,
        };
        cc.egui_ctx.global_style_mut(readable_style);
        Self {
            launch,
            settings,
            settings_draft,
            flow: Flow::new(),
            live: None,
            preview: Texture::new("preview"),
            preview_seq: None,
            review: Texture::new("review"),
            review_of: None,
            review_error: None,
            last_session_dir: None,
            help: HelpState::default(),
            check: CheckFilesState::default(),
            no_camera: NoCameraState::default(),
            confirm: None,
            notice: None,
            intents: Vec::new(),
            ctx: cc.egui_ctx.clone(),
        }
    }

    pub fn flow(&self) -> &Flow {
        &self.flow
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The newest report drawn (tests, screenshots).
    pub fn report(&self) -> Option<&LiveReport> {
        self.live.as_ref().and_then(|l| l.report.as_ref())
    }

    /// Whether the manual shutter is waiting for "save anyway".
    pub fn confirming(&self) -> Option<&[RuleId]> {
        self.confirm.as_deref()
    }

    /// The folder photos of the current or last session are in.
    pub fn photos_dir(&self) -> Option<PathBuf> {
        self.live
            .as_ref()
            .map(|l| l.writer.dir().to_owned())
            .or_else(|| self.last_session_dir.clone())
            .or_else(|| self.out_dir())
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    fn out_dir(&self) -> Option<PathBuf> {
        self.launch
            .out_dir
            .clone()
            .or_else(|| self.settings.output_dir.clone())
    }

    fn hfov_deg(&self) -> f32 {
        self.launch.hfov_deg.unwrap_or(self.settings.hfov_deg)
    }

    fn source_spec(&self) -> SourceSpec {
        match &self.launch.source {
            SourceChoice::Camera(index) => SourceSpec::Camera {
                index: index.unwrap_or(self.settings.camera_index),
            },
            SourceChoice::Frames(path) => SourceSpec::Replay {
                path: path.clone(),
                fps: self.launch.fps,
                repeat: 1,
                looped: true,
            },
            SourceChoice::Demo => SourceSpec::Demo {
                fps: self.launch.fps,
            },
        }
    }

    fn source_caption(&self) -> String {
        match &self.launch.source {
            SourceChoice::Camera(index) => {
                format!("camera {}", index.unwrap_or(self.settings.camera_index))
            }
            // The name only: a long path would push the buttons off.
            SourceChoice::Frames(path) => format!(
                "{} {}",
                if path.is_dir() { "folder" } else { "picture" },
                path.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| path.display().to_string())
            ),
            SourceChoice::Demo => "demo scene".to_owned(),
        }
    }

    // ---- the state machine and its effects ----

    fn apply(&mut self, action: Action) {
        for effect in self.flow.apply(action) {
            self.run_effect(effect);
        }
    }

    fn run_effect(&mut self, effect: Effect) {
        match effect {
            Effect::StartSession(shot) => self.start_session(shot),
            Effect::SetShot(shot) => self.send(Command::SetShot(shot)),
            Effect::Rearm => self.send(Command::Rearm),
            Effect::Discard(shot) => {
                if let Some(live) = &self.live {
                    if let Err(e) = live.writer.discard(shot) {
                        self.notice = Some(format!("Could not remove the earlier photo: {e}"));
                    }
                }
            }
            Effect::StopSession => self.stop_session(),
        }
    }

    fn send(&self, command: Command) {
        if let Some(live) = &self.live {
            live.pipeline.send(command);
        }
    }

    fn start_session(&mut self, shot: Shot) {
        self.stop_session();
        self.notice = None;
        let writer = match SessionWriter::create(self.out_dir()) {
            Ok(writer) => Arc::new(writer),
            Err(e) => {
                self.notice = Some(format!("Cannot create the folder for the photos: {e}"));
                self.apply(Action::Restart);
                return;
            }
        };
        let config = PipelineConfig {
            shot,
            camera: CameraModel {
                hfov_deg: self.hfov_deg(),
            },
            auto_capture: true,
            session: writer.clone(),
            delivery: ReportDelivery::NewestWins,
            // The window never waits for the face worker.
            faces: crate::pipeline::FaceTiming::Async,
        };
        let ctx = self.ctx.clone();
        let preview_visible = Arc::new(AtomicBool::new(true));
        let visible = preview_visible.clone();
        let wake: Box<dyn Fn() + Send> = Box::new(move || {
            if visible.load(Ordering::Relaxed) {
                ctx.request_repaint();
            }
        });
        match Pipeline::start(self.source_spec(), config, Some(wake)) {
            Ok(pipeline) => {
                self.live = Some(LiveSession {
                    pipeline,
                    writer,
                    report: None,
                    problem: None,
                    ended: false,
                    preview_visible,
                });
            }
            Err(e) => self.apply(Action::SourceFailed(format!("Cannot start: {e}"))),
        }
    }

    fn stop_session(&mut self) {
        if let Some(live) = self.live.take() {
            self.last_session_dir = Some(live.writer.dir().to_owned());
            live.pipeline.stop();
        }
        self.preview.clear();
        self.preview_seq = None;
        self.confirm = None;
    }

    /// Takes the newest report and every event from the pipeline.
    fn poll_live(&mut self) {
        let Some(live) = &mut self.live else {
            return;
        };
        let visible = self.flow.shooting().is_some() && self.flow.aside().is_none();
        live.preview_visible.store(visible, Ordering::Relaxed);
        if let Some(report) = live.pipeline.latest_report() {
            live.problem = None;
            live.report = Some(report);
        }
        // Upload only what is shown, once per frame, and never an older frame
        // than the report drawn over it.
        if let Some(report) = live.report.as_ref().filter(|_| visible) {
            if self.preview_seq != Some(report.seq) {
                self.preview.set(&self.ctx, downscaled(&report.frame));
                self.preview_seq = Some(report.seq);
            }
        }
        let mut actions = Vec::new();
        for event in live.pipeline.events() {
            match event {
                Event::Captured(saved) => actions.push(Action::Captured(saved)),
                Event::SaveFailed(msg) => {
                    self.notice = Some(format!("The photo could not be saved: {msg}"));
                }
                Event::ConfirmationNeeded { failing } => self.confirm = Some(failing),
                // No picture ever came: the source cannot start.
                Event::SourceProblem(msg) if live.report.is_none() => {
                    actions.push(Action::SourceFailed(msg));
                }
                Event::SourceProblem(msg) => live.problem = Some(msg),
                Event::SourceEnded => live.ended = true,
                Event::Failed(msg) => actions.push(Action::SourceFailed(msg)),
            }
        }
        for action in actions {
            self.apply(action);
        }
    }

    fn carry_out(&mut self, intent: Intent) {
        match intent {
            Intent::Flow(action) => self.apply(action),
            Intent::Shutter => self.send(Command::Shutter { confirmed: false }),
            Intent::ConfirmShutter => {
                self.confirm = None;
                self.send(Command::Shutter { confirmed: true });
            }
            Intent::UseSource(source) => {
                self.launch.source = source;
                self.apply(Action::Restart);
            }
            Intent::OpenFolder(dir) => self.help.open_folder(&dir),
        }
    }

    fn keys(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        let (esc, space, enter) = ctx.input(|i| {
            (
                i.key_pressed(Key::Escape),
                i.key_pressed(Key::Space),
                i.key_pressed(Key::Enter),
            )
        });
        // Esc closes the shutter question first, then goes back.
        if esc && self.confirm.take().is_none() {
            self.intents.push(Intent::Flow(Action::Back));
        }
        if typing || self.flow.aside().is_some() {
            return;
        }
        if space && self.flow.shooting().is_some() && self.confirm.is_none() {
            self.intents.push(Intent::Shutter);
        }
        if enter && matches!(self.flow.page(), Page::Review(_)) {
            self.intents.push(Intent::Flow(Action::Accept));
        }
    }

    // ---- drawing ----

    fn top_bar_ui(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.label(RichText::new("kycam").size(20.0).strong());
            ui.separator();
            if self.flow.aside().is_some() {
                if ui.button("Back").clicked() {
                    self.intents.push(Intent::Flow(Action::Back));
                }
            } else if let Some(progress) = self.flow.progress() {
                let finished = matches!(self.flow.page(), Page::Done);
                panels::progress_ui(ui, progress, finished);
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                for (aside, label) in [
                    (Aside::Help, "Help"),
                    (Aside::Settings, "Settings"),
                    (Aside::CheckFiles, "Check files"),
                ] {
                    if ui
                        .selectable_label(self.flow.aside() == Some(aside), label)
                        .clicked()
                    {
                        self.intents.push(Intent::Flow(Action::Open(aside)));
                    }
                }
                ui.label(RichText::new(self.source_caption()).weak());
            });
        });
        if let Some(notice) = &self.notice {
            ui.colored_label(FAIL, notice);
        }
    }

    fn choose_document_ui(&mut self, ui: &mut egui::Ui) {
        ui.add_space(24.0);
        ui.vertical_centered(|ui| {
            ui.heading(
                RichText::new("Which document will you show?")
                    .size(30.0)
                    .strong(),
            );
            ui.add_space(6.0);
            ui.label(
                RichText::new(
                    "kycam guides each photo and takes it by itself when every check holds.",
                )
                .size(16.0),
            );
            ui.add_space(20.0);
            for kind in DocumentKind::ALL {
                let shots: Vec<String> = kind
                    .shots()
                    .iter()
                    .enumerate()
                    .map(|(i, s)| format!("{}. {}", i + 1, s.title()))
                    .collect();
                let button = egui::Button::new(RichText::new(kind.title()).size(22.0))
                    .min_size(egui::vec2(340.0, 54.0));
                if ui.add(button).clicked() {
                    self.intents.push(Intent::Flow(Action::Choose(kind)));
                }
                ui.label(RichText::new(shots.join("    ")).weak());
                ui.add_space(12.0);
            }
            ui.add_space(16.0);
            ui.label(format!("Pictures from: {}", self.source_caption()));
            ui.label(RichText::new("Nothing leaves this computer.").weak());
        });
    }

    fn shooting_ui(&mut self, ui: &mut egui::Ui, shot: Shot) {
        let report = self.live.as_ref().and_then(|l| l.report.clone());
        egui::Panel::right("checks")
            .exact_size(SIDE_PANEL_WIDTH)
            .show(ui, |ui| {
                ui.add_space(8.0);
                match &report {
                    Some(r) => {
                        panels::hold_ui(ui, &r.hold);
                        ui.add_space(8.0);
                        panels::checklist_ui(ui, &r.verdicts);
                    }
                    None => {
                        ui.label("Waiting for the first picture…");
                    }
                }
                ui.add_space(12.0);
                let shutter = egui::Button::new(RichText::new("Take photo now").size(18.0))
                    .min_size(egui::vec2(220.0, 40.0));
                if ui
                    .add_enabled(report.is_some(), shutter)
                    .on_hover_text("Space. If a check fails you are asked first, and the photo is marked as taken by hand.")
                    .clicked()
                {
                    self.intents.push(Intent::Shutter);
                }
                ui.label(RichText::new("or press Space · Esc goes back").weak());
                if shot == Shot::Selfie {
                    ui.checkbox(&mut self.settings.mirror_selfie, "Mirror the preview")
                        .on_hover_text("Only the preview: the saved photo is never mirrored");
                }
                if let Some(r) = &report {
                    ui.add_space(8.0);
                    ui.label(
                        RichText::new(format!(
                            "frame {} · {:.0} ms · {} dropped",
                            r.seq, r.latency_ms, r.stats.dropped
                        ))
                        .small()
                        .weak(),
                    );
                }
            });
        egui::CentralPanel::default().show(ui, |ui| {
            let guidance = report.as_ref().and_then(|r| r.guidance.as_deref());
            let hold = report.as_ref().map(|r| r.hold).unwrap_or_default();
            if report.is_some() {
                panels::guidance_ui(ui, guidance, &hold);
            } else {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(RichText::new("Starting the camera…").size(22.0));
                });
            }
            if let Some(live) = &self.live {
                if let Some(problem) = &live.problem {
                    ui.colored_label(FAIL, RichText::new(problem).size(18.0));
                    if ui.button("No camera? Other options…").clicked() {
                        self.intents
                            .push(Intent::Flow(Action::SourceFailed(problem.clone())));
                    }
                }
                if live.ended {
                    ui.colored_label(FAIL, "The pictures have ended.");
                }
            }
            ui.add_space(4.0);
            self.preview_ui(ui, shot, report.as_ref());
        });
    }

    fn preview_ui(&self, ui: &mut egui::Ui, shot: Shot, report: Option<&LiveReport>) {
        let (rect, _) = ui.allocate_exact_size(ui.available_size(), Sense::hover());
        let painter = ui.painter_at(rect);
        painter.rect_filled(rect, 4.0, Color32::from_gray(20));
        let (Some(texture), Some(report)) = (self.preview.handle(), report) else {
            return;
        };
        let m = &report.measurements;
        let mirror = shot == Shot::Selfie && self.settings.mirror_selfie;
        let ui_from_image = UiFromImage::fit([m.width, m.height], rect, mirror);
        painter.image(
            texture.id(),
            ui_from_image.rect,
            ui_from_image.uv(),
            Color32::WHITE,
        );
        if shot == Shot::Selfie {
            overlay::face_overlay_ui(&painter, &ui_from_image, m, &report.verdicts);
        }
        overlay::glare_overlay_ui(&painter, &ui_from_image, m, &report.verdicts);
        // The document outline arrives with the document measurements (issue 3).
        overlay::document_overlay_ui(
            &painter,
            &ui_from_image,
            m.document.as_ref().map(|d| d.corners),
            [m.width, m.height],
        );
        overlay::sharpness_meter_ui(&painter, &ui_from_image, &report.verdicts);
        overlay::hold_overlay_ui(&painter, &ui_from_image, &report.hold);
    }

    fn review_ui(&mut self, ui: &mut egui::Ui, saved: &SavedShot) {
        let key = (saved.path.clone(), saved.time.clone());
        if self.review_of.as_ref() != Some(&key) {
            self.review_of = Some(key);
            match image::open(&saved.path) {
                Ok(img) => {
                    self.review.set(&self.ctx, downscaled(&img.to_rgb8()));
                    self.review_error = None;
                }
                Err(e) => {
                    self.review_error = Some(format!("Cannot show {}: {e}", saved.path.display()));
                }
            }
        }
        egui::Panel::right("review_actions")
            .exact_size(SIDE_PANEL_WIDTH)
            .show(ui, |ui| {
                ui.add_space(8.0);
                ui.heading(
                    RichText::new(format!("{}: photo taken", saved.shot.title())).strong(),
                );
                if saved.shot == Shot::Selfie && self.settings.mirror_selfie {
                    ui.label("Shown as saved: not mirrored like the preview.");
                }
                ui.add_space(6.0);
                if saved.all_passed {
                    ui.colored_label(PASS, "Every check held on this photo.");
                } else {
                    ui.colored_label(FAIL, "Some checks failed on this photo.");
                }
                if saved.manual {
                    ui.label("Taken by hand (marked as such in session.json).");
                } else {
                    ui.label("Taken automatically.");
                }
                if saved.below_min_size {
                    ui.colored_label(
                        FAIL,
                        "The file is under 100 KB even at the best quality: the exchange may refuse it.",
                    );
                }
                ui.label(format!(
                    "{} · {:.0} KB · JPEG quality {}",
                    saved
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    saved.bytes as f64 / 1024.0,
                    saved.quality
                ));
                ui.add_space(16.0);
                ui.label("Is everything readable, sharp and without glare?");
                ui.add_space(6.0);
                let accept = egui::Button::new(RichText::new("Use this photo").size(20.0))
                    .min_size(egui::vec2(240.0, 44.0));
                if ui.add(accept).on_hover_text("Enter").clicked() {
                    self.intents.push(Intent::Flow(Action::Accept));
                }
                ui.add_space(6.0);
                let retake = egui::Button::new(RichText::new("Retake").size(18.0))
                    .min_size(egui::vec2(240.0, 40.0));
                if ui.add(retake).on_hover_text("Esc").clicked() {
                    self.intents.push(Intent::Flow(Action::Retake));
                }
            });
        egui::CentralPanel::default().show(ui, |ui| {
            if let Some(e) = &self.review_error {
                ui.colored_label(FAIL, e);
                return;
            }
            let (rect, _) = ui.allocate_exact_size(ui.available_size(), Sense::hover());
            if let Some(texture) = self.review.handle() {
                let [w, h] = texture.size();
                let t = UiFromImage::fit([w as u32, h as u32], rect, false);
                ui.painter_at(rect)
                    .image(texture.id(), t.rect, t.uv(), Color32::WHITE);
            }
        });
    }

    fn done_ui(&mut self, ui: &mut egui::Ui) {
        ui.add_space(20.0);
        ui.heading(RichText::new("All photos are saved").size(28.0).color(PASS));
        ui.add_space(8.0);
        if let Some(progress) = self.flow.progress() {
            for saved in &progress.accepted {
                ui.horizontal(|ui| {
                    panels::mark_ui(ui, saved.all_passed);
                    ui.label(format!(
                        "{}: {} ({:.0} KB{})",
                        saved.shot.title(),
                        saved.path.display(),
                        saved.bytes as f64 / 1024.0,
                        if saved.manual { ", taken by hand" } else { "" }
                    ));
                });
            }
        }
        ui.add_space(8.0);
        if let Some(dir) = self.photos_dir() {
            ui.horizontal(|ui| {
                ui.label(format!("Folder: {}", dir.display()));
                if ui.button("Open folder").clicked() {
                    self.intents.push(Intent::OpenFolder(dir.clone()));
                }
            });
        }
        match &self.help.open_status {
            Some(Err(e)) => {
                ui.colored_label(FAIL, e);
            }
            Some(Ok(msg)) => {
                ui.label(msg);
            }
            None => {}
        }
        ui.label("Upload these files to the exchange. session.json beside them records why each photo was accepted.");
        ui.add_space(16.0);
        if ui
            .button(RichText::new("Start a new session").size(18.0))
            .clicked()
        {
            self.intents.push(Intent::Flow(Action::Restart));
        }
    }

    fn confirm_ui(&mut self, ctx: &egui::Context) {
        let Some(failing) = &self.confirm else {
            return;
        };
        let failing: Vec<&str> = failing.iter().map(|id| id.label()).collect();
        let mut answer = None;
        egui::Modal::new(egui::Id::unique("confirm_shutter")).show(ctx, |ui| {
            ui.set_max_width(420.0);
            ui.heading("Take the photo anyway?");
            ui.label("These checks fail right now:");
            for label in &failing {
                ui.horizontal(|ui| {
                    panels::mark_ui(ui, false);
                    ui.colored_label(FAIL, *label);
                });
            }
            ui.label("The exchange may reject it. The photo is marked as taken by hand.");
            ui.horizontal(|ui| {
                if ui.button("Save anyway").clicked() {
                    answer = Some(true);
                }
                if ui.button("Cancel").clicked() {
                    answer = Some(false);
                }
            });
        });
        match answer {
            Some(true) => self.intents.push(Intent::ConfirmShutter),
            Some(false) => self.confirm = None,
            None => {}
        }
    }

    fn main_page_ui(&mut self, ui: &mut egui::Ui) {
        match self.flow.page().clone() {
            Page::ChooseDocument => {
                egui::CentralPanel::default().show(ui, |ui| self.choose_document_ui(ui));
            }
            Page::Shooting => {
                if let Some(shot) = self.flow.shooting() {
                    self.shooting_ui(ui, shot);
                }
            }
            Page::Review(saved) => self.review_ui(ui, &saved),
            Page::Done => {
                egui::CentralPanel::default().show(ui, |ui| self.done_ui(ui));
            }
            Page::NoCamera { reason } => {
                egui::CentralPanel::default().show(ui, |ui| {
                    match no_camera_ui(ui, &reason, &mut self.no_camera) {
                        Some(NoCameraChoice::TryAgain) => {
                            self.intents.push(Intent::Flow(Action::Restart))
                        }
                        Some(NoCameraChoice::Demo) => {
                            self.intents.push(Intent::UseSource(SourceChoice::Demo))
                        }
                        Some(NoCameraChoice::Frames(path)) => self
                            .intents
                            .push(Intent::UseSource(SourceChoice::Frames(path))),
                        Some(NoCameraChoice::CheckFiles) => self
                            .intents
                            .push(Intent::Flow(Action::Open(Aside::CheckFiles))),
                        None => {}
                    }
                });
            }
        }
    }

    fn aside_ui(&mut self, ui: &mut egui::Ui, aside: Aside) {
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| match aside {
                Aside::Help => {
                    let dir = self.photos_dir();
                    help_ui(ui, &mut self.help, dir.as_ref());
                }
                Aside::Settings => {
                    let camera_changed =
                        settings_ui(ui, &mut self.settings, &mut self.settings_draft);
                    if camera_changed && self.live.is_some() {
                        self.notice =
                            Some("The new camera is used from the next session.".to_owned());
                    }
                    ui.add_space(8.0);
                    if let SourceChoice::Camera(Some(index)) = self.launch.source {
                        ui.label(
                            RichText::new(format!(
                                "Camera {index}, given with --camera, is used for this run."
                            ))
                            .weak(),
                        );
                    }
                    if let Some(hfov) = self.launch.hfov_deg {
                        ui.label(
                            RichText::new(format!(
                                "The field of view given with --hfov ({hfov:.0}°) is used for this run."
                            ))
                            .weak(),
                        );
                    }
                }
                Aside::CheckFiles => {
                    let ctx = self.ctx.clone();
                    let hfov = self.hfov_deg();
                    check_files_ui(ui, &mut self.check, hfov, move || ctx.request_repaint());
                }
            });
        });
    }
}

/// Larger text than egui's defaults: the window is read from arm's length while
/// holding a card up to the camera.
fn readable_style(style: &mut egui::Style) {
    use egui::{FontId, TextStyle};
    style.text_styles = [
        (TextStyle::Small, FontId::proportional(12.0)),
        (TextStyle::Body, FontId::proportional(15.0)),
        (TextStyle::Button, FontId::proportional(15.0)),
        (TextStyle::Heading, FontId::proportional(22.0)),
        (TextStyle::Monospace, FontId::monospace(14.0)),
    ]
    .into();
    style.spacing.button_padding = egui::vec2(10.0, 6.0);
    style.spacing.item_spacing = egui::vec2(8.0, 6.0);
}

impl eframe::App for KycamApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.poll_live();
        self.keys(&ctx);
        egui::Panel::top("top_bar").show(ui, |ui| self.top_bar_ui(ui));
        match self.flow.aside() {
            Some(aside) => self.aside_ui(ui, aside),
            None => self.main_page_ui(ui),
        }
        self.confirm_ui(&ctx);
        for intent in std::mem::take(&mut self.intents) {
            self.carry_out(intent);
        }
        if self.live.is_some() || self.check.is_running() {
            // The pipeline wakes the window on each report; this is the fallback
            // that notices a source that went quiet.
            ctx.request_repaint_after(Duration::from_millis(250));
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.save(storage);
    }

    fn on_exit(&mut self) {
        self.stop_session();
    }
}
