//! Tests: ner_orgs.
