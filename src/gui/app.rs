//! The kycam window: runs the session state machine ([`Flow`]) against the live
//! pipeline and draws the page it is on.
//!
//! Each frame: take the newest report and the pipeline's events, turn what the
//! person did into [`Action`]s, let the flow decide, and carry out its effects.

mod aside;
mod choose_document;
mod done;
mod face_check;
mod practice;
mod question;
mod review;
mod session;
mod shooting;
mod top_bar;

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

use egui::Key;

use crate::gui::check_files::CheckFilesState;
use crate::gui::flow::{Action, Aside, Flow, Page};
use crate::gui::help::HelpState;
use crate::gui::live::{Command, LiveReport, Pipeline, SessionWriter, SourceSpec};
use crate::gui::no_camera::{no_camera_ui, NoCameraChoice, NoCameraState};
use crate::gui::preview::Texture;
use crate::gui::settings::{Settings, SettingsDraft};
use crate::i18n::{self, Lang};
use crate::tr;
pub use question::{Pressed, Question};

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
    /// The language given with `--lang` (overrides Settings for this run).
    pub lang: Option<Lang>,
}

impl Default for LaunchOptions {
    fn default() -> Self {
        Self {
            source: SourceChoice::Camera(None),
            out_dir: None,
            hfov_deg: None,
            fps: 30.0,
            lang: None,
        }
    }
}

/// A running session: the pipeline and what it last said.
struct LiveSession {
    pipeline: Pipeline,
    writer: Arc<SessionWriter>,
    report: Option<LiveReport>,
    /// A source problem reported after pictures had arrived (a stall, an unplug).
    problem: Option<crate::gui::live::SourceTrouble>,
    ended: bool,
    /// Whether the preview is on screen: the pipeline wakes the window for each
    /// report only then (reviewing a photo need not repaint 30 times a second).
    preview_visible: Arc<AtomicBool>,
    /// Whether auto-capture was last told to pause.
    paused: bool,
    /// A photo of this shot is being written (until it is durable or failed).
    saving: Option<crate::Shot>,
}

/// Things the person asked for this frame, carried out after drawing.
enum Intent {
    Flow(Action),
    Shutter,
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
    /// Which file the review texture shows, as it was on disk when read:
    /// path, length and modification time (a retake reuses the path).
    review_of: Option<(PathBuf, Option<(u64, std::time::SystemTime)>)>,
    /// The reviewed file's length on disk.
    review_bytes: Option<u64>,
    review_error: Option<String>,
    /// The folder of the last session, for Help and Done after it stopped.
    last_session_dir: Option<PathBuf>,
    /// The session's writer while its pipeline is stopped at Done, so that a
    /// shot can be taken again into the same folder (which stays locked).
    kept_writer: Option<Arc<SessionWriter>>,
    help: HelpState,
    check: CheckFilesState,
    no_camera: NoCameraState,
    /// A question over the page (the shutter on a failing frame, a photo about
    /// to be deleted): nothing else happens until it is answered.
    question: Option<Question>,
    /// Something went wrong that the person should know, in plain words.
    notice: Option<String>,
    /// The reviewed selfie compared with the ID photo.
    face_check: Option<face_check::FaceCheck>,
    /// The liveness practice under way (its page is open).
    practice: Option<practice::PracticeRun>,
    intents: Vec<Intent>,
    ctx: egui::Context,
}

impl KycamApp {
    pub fn new(cc: &eframe::CreationContext<'_>, launch: LaunchOptions) -> Self {
        let settings = Settings::load(cc.storage);
        let settings_draft = SettingsDraft::for_settings(&settings);
        cc.egui_ctx.global_style_mut(readable_style);
        i18n::install_fonts(&cc.egui_ctx);
        if let Some(lang) = launch.lang.or(settings.language) {
            i18n::set(lang);
        }
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
            review_bytes: None,
            review_error: None,
            last_session_dir: None,
            kept_writer: None,
            help: HelpState::default(),
            check: CheckFilesState::default(),
            no_camera: NoCameraState::default(),
            question: None,
            notice: None,
            face_check: None,
            practice: None,
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

    /// The question open over the page, if any.
    pub fn question(&self) -> Option<&Question> {
        self.question.as_ref()
    }

    /// The folder photos of the current or last session are in.
    pub fn photos_dir(&self) -> Option<PathBuf> {
        self.live
            .as_ref()
            .map(|l| l.writer.dir().to_owned())
            .or_else(|| self.kept_writer.as_ref().map(|w| w.dir().to_owned()))
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
                tr!(
                    "source-camera",
                    n = index.unwrap_or(self.settings.camera_index)
                )
            }
            // The name only: a long path would push the buttons off.
            SourceChoice::Frames(path) => {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| path.display().to_string());
                if path.is_dir() {
                    tr!("source-folder", name = &name)
                } else {
                    tr!("source-picture", name = &name)
                }
            }
            SourceChoice::Demo => tr!("source-demo"),
        }
    }

    fn carry_out(&mut self, intent: Intent) {
        match intent {
            Intent::Flow(action) => self.request(action),
            Intent::Shutter => self.shutter(),
            Intent::UseSource(source) => {
                self.launch.source = source;
                self.apply(Action::Restart);
            }
            Intent::OpenFolder(dir) => self.help.open_folder(&dir),
        }
    }

    /// Carries out what the person asked for, asking first when it would
    /// delete a photo or leave a session with accepted photos.
    fn request(&mut self, action: Action) {
        match self.flow.loss(&action) {
            Some(loss) => self.question = Some(Question::Lose { action, loss }),
            None => self.apply(action),
        }
    }

    /// The shutter, on the frame on screen: saved at once when every check
    /// passes on it, else frozen with the question.
    fn shutter(&mut self) {
        let Some(shot) = self.flow.shooting() else {
            return;
        };
        // A report from before the shot changed is not this shot's picture.
        let Some(report) = self
            .report()
            .filter(|r| r.measurements.shot == shot)
            .cloned()
        else {
            return;
        };
        let pass = report.pass();
        let pressed = Pressed {
            shot,
            report: Box::new(report),
        };
        if pass {
            self.save_pressed(pressed);
        } else {
            self.question = Some(Question::Shutter(pressed));
            self.sync_pause();
        }
    }

    /// Auto-capture runs only while the person is looking at the shot with
    /// nothing asked: never behind a question or a review.
    fn sync_pause(&mut self) {
        let pause = self.question.is_some() || self.flow.shooting().is_none();
        if let Some(live) = &mut self.live {
            if live.paused != pause {
                live.paused = pause;
                live.pipeline.send(Command::Pause(pause));
            }
        }
    }

    fn keys(&mut self, ctx: &egui::Context) {
        let typing = ctx.egui_wants_keyboard_input();
        if self.question.is_some() {
            // The question's focused button takes Enter and Space itself.
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Escape)) {
                self.question = None;
            }
            return;
        }
        let esc = ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Escape));
        if esc {
            self.intents.push(Intent::Flow(Action::Back));
        }
        if typing || self.flow.aside().is_some() {
            return;
        }
        // Taken here, so that a focused button does not also act on them.
        let shooting = self.flow.shooting().is_some();
        let reviewing = matches!(self.flow.page(), Page::Review(_));
        if shooting && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Space)) {
            self.intents.push(Intent::Shutter);
        }
        if reviewing && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Enter)) {
            self.intents.push(Intent::Flow(Action::Accept));
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
            Page::Practice => self.practice_ui(ui),
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
        // Keys first: they act on the page and the frame the person saw.
        self.keys(&ctx);
        for intent in std::mem::take(&mut self.intents) {
            self.carry_out(intent);
        }
        self.poll_live();
        self.observe_practice();
        egui::Panel::top("top_bar").show(ui, |ui| self.top_bar_ui(ui));
        match self.flow.aside() {
            Some(aside) => self.aside_ui(ui, aside),
            None => self.main_page_ui(ui),
        }
        self.question_ui(&ctx);
        for intent in std::mem::take(&mut self.intents) {
            self.carry_out(intent);
        }
        self.sync_pause();
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
