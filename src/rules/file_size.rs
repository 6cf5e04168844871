//! `file_size`: the exchange takes files of 100 KB – 10 MB. Judged on a saved
//! or checked file's real size, and live on the size the frame is estimated to
//! have once saved (`pipeline::size_estimate`).

use super::{Limit, RuleId, Verdict, FILE_MAX_BYTES, FILE_MIN_BYTES};
use crate::tr;

fn limit() -> Limit {
    Limit::between(
        FILE_MIN_BYTES as f64 / 1024.0,
        FILE_MAX_BYTES as f64 / 1024.0,
    )
}

/// A file of `bytes` (a photo file checked, or one just saved).
pub fn file_size(bytes: u64) -> Verdict {
    Verdict::measured(
        RuleId::FileSize,
        bytes as f64 / 1024.0,
        limit(),
        "KB",
        |kb| {
            if kb < FILE_MIN_BYTES as f64 / 1024.0 {
                tr!("advice-file-too-small")
            } else {
                tr!("advice-file-too-large")
            }
        },
    )
}

/// The live frame, whose photo would weigh about `bytes` at the best quality.
/// Under 100 KB the camera itself is the cause (too few pixels, or a picture
/// too plain): one sentence says so. Over 10 MB the saver lowers the quality,
/// so only the minimum can fail.
pub fn estimated_file_size(bytes: u64) -> Verdict {
    let kb = bytes as f64 / 1024.0;
    Verdict::measured(
        RuleId::FileSize,
        kb,
        Limit::at_least(FILE_MIN_BYTES as f64 / 1024.0),
        "KB",
        |_| tr!("advice-camera-too-plain"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn under_100_kb_fails_and_says_why() {
        assert!(file_size(150 * 1024).pass);
        let small = file_size(60 * 1024);
        assert!(!small.pass);
        assert!(small
            .advice
            .as_deref()
            .is_some_and(|a| a.contains("100 KB")));
        assert!(!estimated_file_size(60 * 1024).pass);
        assert!(estimated_file_size(20 * 1024 * 1024).pass);
    }
}
