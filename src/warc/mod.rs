//! WARC 1.1: writing (the crawler's archive) and reading (`extract --warc`, any tool's WARC files).

pub mod read;
pub mod write;
