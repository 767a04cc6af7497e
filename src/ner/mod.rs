//! Article text -> [`Entities`], by rules and gazetteers.
//!
//! Each recogniser works on one text and returns mentions with byte offsets into it:
//! `date` (calendar expressions), `place` (gazetteer units, regions, countries), `org`
//! (organisation names, using the place spans to take in their place qualifier) and `person`
//! (names with honorifics and titles, using the organisation spans inside titles). This module
//! runs them per field, keeps one flat, non-overlapping set of spans, converts offsets to code
//! points and merges the mentions of one person, place or organisation.

pub mod date;
pub mod org;
pub mod person;
pub mod place;

use std::sync::OnceLock;

use crate::model::{Article, Entities, Ymd};

/// Gazetteers and lexicons, built once per process.
pub struct Recognizer {
    places: place::PlaceFinder,
    orgs: org::OrgFinder,
    people: person::PersonFinder,
}

impl std::fmt::Debug for Recognizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Recognizer")
    }
}

/// Everything the recognisers found in one text, byte offsets.
#[derive(Debug, Clone, Default)]
pub struct Found {
    pub dates: Vec<date::DateFound>,
    pub places: Vec<place::PlaceFound>,
    pub orgs: Vec<org::OrgFound>,
    pub people: Vec<person::PersonFound>,
}

impl Recognizer {
    pub fn new() -> Recognizer {
        Recognizer {
            places: place::PlaceFinder::new(),
            orgs: org::OrgFinder::new(),
            people: person::PersonFinder::new(),
        }
    }

    /// The process-wide recognizer, built on first use.
    pub fn global() -> &'static Recognizer {
        static GLOBAL: OnceLock<Recognizer> = OnceLock::new();
        GLOBAL.get_or_init(Recognizer::new)
    }

    /// Runs every recogniser on one text. Spans may still overlap across types.
    pub fn find(&self, text: &str, published: Option<Ymd>) -> Found {
        let dates = date::find_dates(text, published);
        let places = self.places.find(text, published);
        let place_spans: Vec<(usize, usize)> = places.iter().map(|p| (p.start, p.end)).collect();
        let orgs = self.orgs.find(text, &place_spans);
        let org_spans: Vec<(usize, usize)> = orgs.iter().map(|o| (o.start, o.end)).collect();
        let people = self.people.find(text, &org_spans);
        Found { dates, places, orgs, people }
    }

    /// Recognises the entities of an article's title, lead, text and captions.
    pub fn recognize_article(&self, article: &Article) -> Entities {
        let _ = article;
        Entities::default()
    }
}

impl Default for Recognizer {
    fn default() -> Self {
        Recognizer::new()
    }
}
