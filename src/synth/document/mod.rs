//! Seeded synthetic document scenes with known truth: a rendered card (real face as the
//! portrait, text-like strokes, optional MRZ band) warped with known corners onto a
//! cluttered texture background, then degraded (blur, glare, thumb, dim/uneven light).
//! Deterministic for a given seed, so evaluations and tests are repeatable.
//!
//! `scene` places and degrades, `card` draws the card, `effects` the degradations,
//! `raster` the shapes and the warp, `thumb` a thumb of real skin over the document.

mod card;
mod effects;
mod raster;
mod scene;
mod thumb;

pub use card::{id_photo, render_card};
pub use raster::paste_warped;
pub use scene::{render_scene, SceneParams, SceneTruth};
pub use thumb::{composite_thumb, skin_patch, ThumbPlace, ThumbTruth};
