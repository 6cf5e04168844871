//! Messages from the system in words a person reads: the operating system's
//! error codes ("(os error 2)") are dropped and its terse phrases replaced,
//! and sentences meant for the command line (those quoting a command in
//! backticks) are left out: the window offers buttons for those.

use crate::tr;

/// The operating system's phrases (in English: kycam never sets the C library's
/// locale) and what they mean for a person, in the current language.
fn phrases() -> [(&'static str, String); 6] {
    [
        ("No such file or directory", tr!("system-not-found")),
        ("Permission denied", tr!("system-permission-denied")),
        ("No space left on device", tr!("system-disk-full")),
        ("Read-only file system", tr!("system-read-only")),
        ("Is a directory", tr!("system-is-a-folder")),
        ("Not a directory", tr!("system-not-a-folder")),
    ]
}

/// `message` without error codes, in plain words.
pub fn plain_message(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    // Drop every " (os error N)".
    while let Some(at) = rest.find(" (os error ") {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        match rest.find(')') {
            Some(end) => rest = &rest[end + 1..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    for (system, plain) in phrases() {
        out = out.replace(system, &plain);
    }
    without_commands(&out)
}

/// The sentences of `text` that quote no command.
fn without_commands(text: &str) -> String {
    if !text.contains('`') {
        return text.to_owned();
    }
    let kept: Vec<&str> = text
        .split_inclusive(". ")
        .filter(|sentence| !sentence.contains('`'))
        .map(str::trim)
        .collect();
    kept.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_codes_go_and_phrases_are_plain() {
        assert_eq!(
            plain_message(
                "/tmp/x.jpg: cannot read the file: No such file or directory (os error 2)"
            ),
            "/tmp/x.jpg: cannot read the file: it does not exist"
        );
        assert_eq!(
            plain_message("Permission denied (os error 13), then (os error 28)"),
            "kycam is not allowed to open it, then"
        );
        assert_eq!(plain_message("All good."), "All good.");
        assert_eq!(
            plain_message("No camera found. Connect a webcam, or try `kycam --demo`."),
            "No camera found."
        );
    }
}
