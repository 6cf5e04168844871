//! The session state machine: ChooseDocument → Shooting(shot) → Review → … → Done,
//! with NoCamera when the source cannot start, the liveness practice from Done, and
//! Help/Settings/Check pages on the side. Pure: it takes actions and returns the effects the app must carry out
//! (start/stop the pipeline, send commands, discard a file), so it is tested
//! without a window or a camera.

use crate::gui::live::{SavedShot, SourceTrouble};
use crate::{DocumentKind, Shot};

/// The main page.
#[derive(Clone, Debug, PartialEq)]
pub enum Page {
    ChooseDocument,
    /// Shooting the session's shot number `index`.
    Shooting,
    /// Looking at the photo just saved for the current shot.
    Review(SavedShot),
    Done,
    /// Rehearsing the exchange's liveness gestures on the live selfie, from
    /// Done: nothing is taken or saved; Back returns to Done.
    Practice,
    /// The source could not start; `reason` in plain words.
    NoCamera {
        reason: SourceTrouble,
    },
}

/// A page shown in place of the main one; Esc or "Back" returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Aside {
    Help,
    Settings,
    CheckFiles,
}

/// The shots of the chosen document and how far the person is.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub kind: DocumentKind,
    /// Index into `kind.shots()` of the shot being taken or reviewed.
    pub index: usize,
    /// Photos accepted so far, in session order.
    pub accepted: Vec<SavedShot>,
    /// One shot taken again from Done: accepting it returns to Done.
    pub redo: bool,
}

impl Progress {
    pub fn shot(&self) -> Shot {
        self.kind.shots()[self.index]
    }

    pub fn total(&self) -> usize {
        self.kind.shots().len()
    }

    /// "2 of 3: ID card, back".
    pub fn caption(&self) -> String {
        crate::tr!(
            "shot-progress",
            n = self.index + 1,
            total = self.total(),
            title = &self.shot().title()
        )
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Choose(DocumentKind),
    /// The pipeline could not start, or the source is gone for good.
    SourceFailed(SourceTrouble),
    /// The pipeline saved a photo (auto or manual).
    Captured(SavedShot),
    Accept,
    Retake,
    /// Esc / the back button.
    Back,
    Open(Aside),
    /// Start over at the document choice (from Done or NoCamera).
    Restart,
    /// Take this shot of the session again, from Done.
    RetakeShot(Shot),
    /// Practise the liveness check, from Done.
    Practise,
}

/// What the app must do after an action.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Create the session folder and start the pipeline on this shot.
    StartSession(Shot),
    SetShot(Shot),
    /// Remove the photo of this shot from the session (file and session.json entry).
    Discard(Shot),
    /// Let auto-capture fire again for the current shot.
    Rearm,
    /// Stop the camera and the pipeline; the session's folder stays open (Done).
    StopPipeline,
    /// Start the pipeline again on this shot, in the same session folder.
    ResumeSession(Shot),
    /// End the session: the pipeline and the folder.
    StopSession,
    /// Start the pipeline on the selfie with auto-capture off, in the same
    /// session folder: it takes and saves nothing (the liveness practice).
    StartPractice,
}

/// What an action would throw away that the person has already seen or
/// accepted: the app asks before carrying it out.
#[derive(Clone, Debug, PartialEq)]
pub enum Loss {
    /// This saved photo is deleted (a retake).
    Photo(SavedShot),
    /// The session is left with these photos accepted (they stay in its folder).
    Session { accepted: usize },
}

#[derive(Debug)]
pub struct Flow {
    page: Page,
    aside: Option<Aside>,
    progress: Option<Progress>,
    /// The shot the pipeline was last set to.
    live_shot: Option<Shot>,
}

impl Default for Flow {
    fn default() -> Self {
        Self::new()
    }
}

impl Flow {
    pub fn new() -> Self {
        Self {
            page: Page::ChooseDocument,
            aside: None,
            progress: None,
            live_shot: None,
        }
    }

    pub fn page(&self) -> &Page {
        &self.page
    }

    pub fn aside(&self) -> Option<Aside> {
        self.aside
    }

    pub fn progress(&self) -> Option<&Progress> {
        self.progress.as_ref()
    }

    /// The shot the live preview is about, when shooting.
    pub fn shooting(&self) -> Option<Shot> {
        match (&self.page, &self.progress) {
            (Page::Shooting, Some(p)) => Some(p.shot()),
            _ => None,
        }
    }

    /// The shot of the live preview on screen: the one being taken, or the
    /// selfie during the practice (which takes nothing).
    pub fn preview_shot(&self) -> Option<Shot> {
        match self.page {
            Page::Practice if self.progress.is_some() => Some(Shot::Selfie),
            _ => self.shooting(),
        }
    }

    /// What `action` would lose, if anything: a retake of an accepted photo,
    /// Esc on any review (a retake by a key that is easy to hit), leaving a
    /// session that has accepted photos. `None`: carry it out without asking.
    pub fn loss(&self, action: &Action) -> Option<Loss> {
        if self.aside.is_some() && matches!(action, Action::Back) {
            return None;
        }
        let accepted = self.progress.as_ref().map_or(0, |p| p.accepted.len());
        match (action, &self.page) {
            (Action::Retake, Page::Review(saved)) if self.is_accepted(saved) => {
                Some(Loss::Photo(saved.clone()))
            }
            (Action::RetakeShot(shot), Page::Done) => self
                .progress
                .as_ref()
                .and_then(|p| p.accepted.iter().find(|s| s.shot == *shot))
                .map(|saved| Loss::Photo(saved.clone())),
            (Action::Back, Page::Review(saved)) => Some(Loss::Photo(saved.clone())),
            (Action::Restart | Action::Choose(_), _) | (Action::Back, Page::Done)
                if accepted > 0 =>
            {
                Some(Loss::Session { accepted })
            }
            _ => None,
        }
    }

    fn is_accepted(&self, saved: &SavedShot) -> bool {
        self.progress
            .as_ref()
            .is_some_and(|p| p.accepted.iter().any(|s| s == saved))
    }

    pub fn apply(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Open(aside) => {
                self.aside = Some(aside);
                Vec::new()
            }
            Action::Back if self.aside.is_some() => {
                self.aside = None;
                Vec::new()
            }
            Action::Choose(kind) => {
                self.aside = None;
                let progress = Progress {
                    kind,
                    index: 0,
                    accepted: Vec::new(),
                    redo: false,
                };
                let first = progress.shot();
                self.progress = Some(progress);
                self.page = Page::Shooting;
                self.live_shot = Some(first);
                vec![Effect::StartSession(first)]
            }
            // A camera failing during the practice ends the practice, not the
            // session: its photos are all taken.
            Action::SourceFailed(_) if self.page == Page::Practice => self.back(),
            Action::SourceFailed(reason) => {
                let had_session = self.progress.take().is_some();
                self.live_shot = None;
                self.page = Page::NoCamera { reason };
                if had_session {
                    vec![Effect::StopSession]
                } else {
                    Vec::new()
                }
            }
            Action::Captured(saved) => self.captured(saved),
            Action::RetakeShot(shot) => self.retake_from_done(shot),
            Action::Practise if self.page == Page::Done && self.progress.is_some() => {
                self.page = Page::Practice;
                self.live_shot = None;
                vec![Effect::StartPractice]
            }
            Action::Practise => Vec::new(),
            Action::Accept => self.accept(),
            Action::Retake => self.retake(),
            Action::Back => self.back(),
            Action::Restart => {
                self.aside = None;
                self.page = Page::ChooseDocument;
                self.live_shot = None;
                if self.progress.take().is_some() {
                    vec![Effect::StopSession]
                } else {
                    Vec::new()
                }
            }
        }
    }

    fn captured(&mut self, saved: SavedShot) -> Vec<Effect> {
        if self.shooting() == Some(saved.shot) {
            self.page = Page::Review(saved);
            return Vec::new();
        }
        // A save already under way when the review opened has replaced the
        // file under review: review the file as it now is (discarding it
        // would delete the photo on screen).
        if let Page::Review(current) = &self.page {
            if current.shot == saved.shot && !self.is_accepted(current) {
                self.page = Page::Review(saved);
                return Vec::new();
            }
        }
        // Taken while the person looks at something else (a late capture from
        // before SetShot, or while re-reviewing an earlier photo): nobody saw it,
        // so it must not stay in the session. An accepted photo is never removed.
        let accepted = self
            .progress
            .as_ref()
            .is_some_and(|p| p.accepted.iter().any(|s| s.shot == saved.shot));
        if accepted {
            Vec::new()
        } else {
            vec![Effect::Discard(saved.shot)]
        }
    }

    fn accept(&mut self) -> Vec<Effect> {
        let (Page::Review(saved), Some(progress)) = (&self.page, &mut self.progress) else {
            return Vec::new();
        };
        progress.accepted.retain(|s| s.shot != saved.shot);
        progress.accepted.push(saved.clone());
        if progress.redo {
            progress.redo = false;
            self.page = Page::Done;
            self.live_shot = None;
            return vec![Effect::StopPipeline];
        }
        if progress.index + 1 < progress.total() {
            progress.index += 1;
            let next = progress.shot();
            self.page = Page::Shooting;
            self.live_shot = Some(next);
            vec![Effect::SetShot(next)]
        } else {
            self.page = Page::Done;
            self.live_shot = None;
            vec![Effect::StopPipeline]
        }
    }

    fn retake_from_done(&mut self, shot: Shot) -> Vec<Effect> {
        let (Page::Done, Some(progress)) = (&self.page, &mut self.progress) else {
            return Vec::new();
        };
        let Some(index) = progress.kind.shots().iter().position(|s| *s == shot) else {
            return Vec::new();
        };
        progress.index = index;
        progress.redo = true;
        progress.accepted.retain(|s| s.shot != shot);
        self.page = Page::Shooting;
        self.live_shot = Some(shot);
        vec![Effect::Discard(shot), Effect::ResumeSession(shot)]
    }

    fn retake(&mut self) -> Vec<Effect> {
        let (Page::Review(saved), Some(progress)) = (&self.page, &mut self.progress) else {
            return Vec::new();
        };
        let shot = saved.shot;
        progress.accepted.retain(|s| s.shot != shot);
        self.page = Page::Shooting;
        if self.live_shot == Some(shot) {
            vec![Effect::Discard(shot), Effect::Rearm]
        } else {
            self.live_shot = Some(shot);
            vec![Effect::Discard(shot), Effect::SetShot(shot)]
        }
    }

    fn back(&mut self) -> Vec<Effect> {
        match &self.page {
            Page::Shooting => {
                let Some(progress) = &mut self.progress else {
                    self.page = Page::ChooseDocument;
                    return Vec::new();
                };
                if progress.redo {
                    progress.redo = false;
                    self.page = Page::Done;
                    self.live_shot = None;
                    return vec![Effect::StopPipeline];
                }
                if progress.index == 0 {
                    self.progress = None;
                    self.live_shot = None;
                    self.page = Page::ChooseDocument;
                    return vec![Effect::StopSession];
                }
                // Back to the review of the previous photo: accept it again to
                // go on, or retake it. The pipeline stays on the current shot.
                progress.index -= 1;
                let previous = progress.shot();
                match progress.accepted.iter().find(|s| s.shot == previous) {
                    Some(saved) => {
                        self.page = Page::Review(saved.clone());
                        Vec::new()
                    }
                    None => {
                        self.live_shot = Some(previous);
                        vec![Effect::SetShot(previous)]
                    }
                }
            }
            // Back from a review is "take it again".
            Page::Review(_) => self.retake(),
            Page::Practice => {
                self.page = Page::Done;
                vec![Effect::StopPipeline]
            }
            Page::Done | Page::NoCamera { .. } => self.apply(Action::Restart),
            Page::ChooseDocument => Vec::new(),
        }
    }
}

#[cfg(test)]
mod practice_tests;

#[cfg(test)]
mod tests;
