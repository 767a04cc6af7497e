//! Tests: extract.
