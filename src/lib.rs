//! kycam: an offline KYC photo assistant. The library measures frames
//! (`analysis`), judges them against a shot's rules (`rules`), and checks photo
//! files (`check`); the binary is a thin front end.

pub mod allocator;
pub mod analysis;
pub mod capture;
pub mod check;
pub mod face_match;
pub mod file_size_limit;
pub mod fixtures;
pub mod geometry;
pub mod gui;
pub mod i18n;
pub mod imageio;
pub mod pipeline;
pub mod replay;
pub mod rules;
pub mod shot;
pub mod stats;
pub mod synth;

pub use shot::{DocumentKind, Shot};
