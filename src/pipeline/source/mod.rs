//! Source threads: camera, replay, demo, or a custom [`FrameSource`](super::FrameSource).

pub mod camera;

pub use camera::{list_cameras, CameraInfo};
