//! Tests: ner_people.
