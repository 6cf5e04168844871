//! The session's lifecycle: the flow's effects carried out on the live pipeline,
//! starting and stopping it, and taking its reports and events each frame.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::{KycamApp, LiveSession, Question};
use crate::analysis::CameraModel;
use crate::gui::flow::{Action, Effect};
use crate::gui::live::{
    Command, Event, Pipeline, PipelineConfig, ReportDelivery, SessionWriter, SourceTrouble,
};
use crate::gui::preview::downscaled;
use crate::{tr, Shot};

impl KycamApp {
    pub(super) fn apply(&mut self, action: Action) {
        for effect in self.flow.apply(action) {
            self.run_effect(effect);
        }
    }

    pub(super) fn run_effect(&mut self, effect: Effect) {
        match effect {
            Effect::StartSession(shot) => self.start_session(shot, None, true),
            Effect::ResumeSession(shot) => {
                let writer = self.kept_writer.take();
                self.start_session(shot, writer, true);
            }
            Effect::StartPractice => self.start_practice(),
            Effect::StopPipeline => {
                if let Some(live) = &self.live {
                    self.kept_writer = Some(live.writer.clone());
                }
                self.stop_session();
            }
            Effect::SetShot(shot) => self.send(Command::SetShot(shot)),
            Effect::Rearm => self.send(Command::Rearm),
            Effect::Discard(shot) => {
                let writer = self.live.as_ref().map(|l| &l.writer);
                if let Some(writer) = writer.or(self.kept_writer.as_ref()) {
                    if let Err(e) = writer.discard(shot) {
                        self.notice = Some(tr!("session-not-removed", error = &e.to_string()));
                    }
                }
            }
            Effect::StopSession => {
                self.stop_session();
                self.kept_writer = None;
            }
        }
    }

    pub(super) fn send(&self, command: Command) {
        if let Some(live) = &self.live {
            live.pipeline.send(command);
        }
    }

    /// Starts the pipeline on `shot`, saving into `writer`'s folder (a shot
    /// taken again from Done) or a new session folder; `auto_capture` off for
    /// the liveness practice, which takes nothing.
    pub(super) fn start_session(
        &mut self,
        shot: Shot,
        writer: Option<Arc<SessionWriter>>,
        auto_capture: bool,
    ) {
        self.stop_session();
        self.notice = None;
        let document = self.flow.progress().map(|p| p.kind);
        let writer = match writer
            .map(Ok)
            .unwrap_or_else(|| SessionWriter::start(self.out_dir(), document).map(Arc::new))
        {
            Ok(writer) => writer,
            Err(e) => {
                self.notice = Some(tr!("session-no-folder", error = &e.to_string()));
                self.apply(Action::Restart);
                return;
            }
        };
        let config = PipelineConfig {
            shot,
            camera: CameraModel {
                hfov_deg: self.hfov_deg(),
            },
            auto_capture,
            session: writer.clone(),
            delivery: ReportDelivery::NewestWins,
            // The window never waits for the face worker.
            faces: crate::pipeline::FaceTiming::Async,
            analysis_delay: std::time::Duration::ZERO,
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
                    paused: false,
                    saving: None,
                });
            }
            // Only a thread the system refuses to start: its words are the system's.
            Err(crate::pipeline::PipelineError::Spawn { source, .. }) => {
                self.apply(Action::SourceFailed(SourceTrouble::other(tr!(
                    "session-cannot-start",
                    error = &source.to_string()
                ))))
            }
        }
    }

    pub(super) fn stop_session(&mut self) {
        if let Some(live) = self.live.take() {
            self.last_session_dir = Some(live.writer.dir().to_owned());
            live.pipeline.stop();
        }
        self.preview.clear();
        self.preview_seq = None;
        self.question = None;
        self.practice = None;
    }

    /// Takes the newest report and every event from the pipeline.
    pub(super) fn poll_live(&mut self) {
        let Some(live) = &mut self.live else {
            return;
        };
        let visible = self.flow.preview_shot().is_some() && self.flow.aside().is_none();
        live.preview_visible.store(visible, Ordering::Relaxed);
        // The shutter's question holds the frame it asks about on screen.
        let frozen = matches!(self.question, Some(Question::Shutter(_)));
        if let Some(report) = live.pipeline.latest_report().filter(|_| !frozen) {
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
                Event::Saving(shot) => live.saving = Some(shot),
                Event::Captured(saved) => {
                    live.saving = None;
                    actions.push(Action::Captured(saved));
                }
                Event::SaveFailed(msg) => {
                    live.saving = None;
                    self.notice = Some(msg);
                }
                // No picture ever came: the source cannot start.
                Event::SourceProblem(msg) if live.report.is_none() => {
                    actions.push(Action::SourceFailed(msg));
                }
                Event::SourceProblem(msg) => live.problem = Some(msg),
                Event::SourceEnded => live.ended = true,
                Event::Failed(msg) => actions.push(Action::SourceFailed(SourceTrouble::other(msg))),
            }
        }
        // The practice ends on a source failure, back at Done: say why there.
        if matches!(self.flow.page(), crate::gui::flow::Page::Practice) {
            if let Some(Action::SourceFailed(trouble)) = actions
                .iter()
                .find(|a| matches!(a, Action::SourceFailed(_)))
            {
                self.notice = Some(trouble.words.clone());
            }
        }
        if actions.iter().any(|a| matches!(a, Action::Captured(_))) {
            // A save already under way when the question opened (auto-capture
            // pauses only from then on) changes the page: the question was
            // about the page before, so it is closed, and said why.
            if let Some(question) = self.question.take() {
                self.notice = Some(match question {
                    Question::Shutter(_) => tr!("session-shutter-overtaken"),
                    Question::Lose { .. } => tr!("session-photo-arrived"),
                });
            }
        }
        for action in actions {
            self.apply(action);
        }
    }
}
