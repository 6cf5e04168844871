//! The kycam binary as the CLI tests run it (integration tests only: the binary
//! is built for them).

/// The kycam binary, speaking English whatever the machine's locale (the tests
/// read its English words; tests/i18n_cli.rs covers the other language).
pub fn kycam_in_english() -> std::process::Command {
    let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_kycam"));
    c.env("LC_ALL", "C");
    c
}
