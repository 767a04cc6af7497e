//! Tests: decode.
