//! The live pipeline as the GUI sees it: the agreed API of `kycam::pipeline` and
//! `kycam::capture` (one place to adapt if it changes).

pub use crate::capture::{SavedShot, SessionWriter};
pub use crate::pipeline::{
    Command, Event, HoldProgress, LiveReport, Pipeline, PipelineConfig, ReportDelivery, SourceSpec,
    SourceTrouble, TroubleKind,
};
