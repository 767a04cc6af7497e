//! Tests: crawl.
