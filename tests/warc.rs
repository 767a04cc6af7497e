//! Tests: warc.
