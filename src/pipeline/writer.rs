//! (implemented in the next commit)
