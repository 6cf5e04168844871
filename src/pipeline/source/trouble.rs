//! What is wrong with a picture source, told once where it is found: its kind
//! (what a person can do about it), plain words for the window, and for the
//! command line what to type instead.

use std::fmt;

/// What a person can do about a source's trouble depends on its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TroubleKind {
    /// No camera on this machine, or not the one asked for.
    NoCamera,
    /// The system does not let kycam open the camera.
    NotAllowed,
    /// Another program is using the camera.
    InUse,
    /// The camera gives nothing kycam can use (an infrared or metadata node).
    Unusable,
    /// Pictures stopped coming, or come damaged: the source is reopened.
    Interrupted,
    /// Anything else: a folder or a frame that cannot be read, an internal stop.
    Other,
}

/// A source's trouble: its kind, the words a person reads, and for the command
/// line what to type to get on (`kycam --demo`, `kycam cameras`, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceTrouble {
    pub kind: TroubleKind,
    /// What happened, in plain words, without commands to type.
    pub words: String,
    /// Commands that help, for the command line only.
    pub command_hint: Option<String>,
}

impl SourceTrouble {
    pub fn new(kind: TroubleKind, words: impl Into<String>) -> Self {
        Self {
            kind,
            words: words.into(),
            command_hint: None,
        }
    }

    /// Trouble of no kind a person can act on, in `words`.
    pub fn other(words: impl Into<String>) -> Self {
        Self::new(TroubleKind::Other, words)
    }

    pub fn with_command_hint(mut self, hint: impl Into<String>) -> Self {
        self.command_hint = Some(hint.into());
        self
    }
}

/// The command line's message: the words, then the commands that help.
impl fmt::Display for SourceTrouble {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.command_hint {
            Some(hint) => write!(f, "{} {hint}", self.words),
            None => f.write_str(&self.words),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_gets_the_hint_and_the_window_does_not() {
        let t = SourceTrouble::new(TroubleKind::NoCamera, "No camera found.")
            .with_command_hint("Try `kycam --demo`.");
        assert_eq!(t.to_string(), "No camera found. Try `kycam --demo`.");
        assert_eq!(t.words, "No camera found.");
        assert_eq!(SourceTrouble::other("x").to_string(), "x");
    }
}
