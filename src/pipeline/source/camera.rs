//! The webcam through nokhwa (implemented in the next commit).

/// A camera as listed by `kycam cameras`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CameraInfo {
    pub index: u32,
    pub name: String,
    pub description: String,
}

/// The cameras on this machine; empty when there are none. `Err` is a plain-words
/// reason the list could not be read (e.g. permission denied).
pub fn list_cameras() -> Result<Vec<CameraInfo>, String> {
    Err("not implemented yet".into())
}
