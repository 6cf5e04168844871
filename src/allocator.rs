//! How the C allocator keeps memory between frames.
//!
//! Each analysed frame allocates a few dozen large buffers (grey copies,
//! rectified documents, edge maps: 0.1–3 MB each) and frees them again. glibc
//! serves blocks over its mmap threshold (128 KiB at first) with `mmap` and returns
//! them with `munmap`, and trims the top of its heap when more than the trim
//! threshold is free, so those buffers fault their pages in anew on every frame:
//! 0.7–1.7 ms of a 1280×720 frame's analysis at the median and 2–3.5 ms at the p95
//! on this project's measuring machine (docs/performance.md). Raising both
//! thresholds keeps the freed pages for the next frame.

/// Largest block still taken from the heap, and free heap kept untrimmed: a few
/// frames' worth of buffers at 1280×720 (one RGB frame is 2.6 MB).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const KEEP_BYTES: libc::c_int = 64 << 20;

/// Makes the allocator keep freed memory for reuse. Call once, at start-up, before
/// other threads run. Does nothing where the C library is not glibc.
// One of the crate's two unsafe blocks (the lint denies it elsewhere): a call into the C
// library, which has no safe binding.
#[allow(unsafe_code)]
pub fn keep_freed_memory_for_reuse() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets two of glibc's malloc parameters; it is called
    // before any other thread exists, and any value is valid for both.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, KEEP_BYTES);
        libc::mallopt(libc::M_TRIM_THRESHOLD, KEEP_BYTES);
    }
}
