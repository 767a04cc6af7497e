//! Tests: ner_places.
