//! A file-size limit (`ulimit -f`): a write that would pass it makes the kernel
//! send SIGXFSZ, whose default action ends the process on the spot, mid-save.
//! With the signal ignored the write fails with EFBIG instead, and the save is
//! reported and cleaned up like any other failed write.

/// Makes writes past a file-size limit fail with an error rather than end the
/// process. Call once at start-up. Does nothing where the C library is not glibc.
// One of the crate's two unsafe blocks (the lint denies it elsewhere): a call
// into the C library, which has no safe binding.
#[allow(unsafe_code)]
pub fn fail_writes_instead_of_dying() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: signal() only sets SIGXFSZ's disposition to "ignore"; no handler
    // runs, so nothing can be called in a signal context.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
}
