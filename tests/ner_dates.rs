//! Tests: ner_dates.
