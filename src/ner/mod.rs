//! Article text -> [`Entities`], by rules and lexicons.
//!
//! Data flow for one field of an article:
//!
//! ```text
//! text --tokens--> Tokens (atoms with their matching keys and vocabulary numbers; the words of
//!   |               the place, organisation and person recognisers)
//!   +--date (grammar regex over the text, cue words of `date/words.tsv`) ---------------> dates
//!   +--place (gazetteer, type words, regions, venues) ----------------------------------> places
//!   +--org (heads, names, domains; takes in the place spans as qualifiers) ------------> orgs
//!   +--person (honorifics, roles, name syllables; the org spans inside titles) --------> people
//!         --resolve--> one flat, non-overlapping set of spans --merge--> Entities
//! ```
//!
//! Every lexicon is data in `data/lexicon/` ([`lexicons`]), loaded once into [`Lexicons`]: the word
//! keys of all tables are numbered in one vocabulary and every multi-word entry is matched by a
//! [`phrase::PhraseTable`]; word classes (cue words, stop words) are [`words::WordClasses`]. A
//! [`Recognizer`] is built from one `Lexicons` (`Lexicons::builtin()`, or extended by a user's
//! directory) and shares its tables; nothing is global. Offsets are bytes inside the recognisers and
//! code points in the output. A text longer than [`piece::MAX_PIECE_BYTES`] is read piece by
//! piece ([`piece`]), so time and memory stay linear in its length.

pub mod date;
pub mod lexicons;
mod merge;
pub mod org;
pub mod person;
pub mod phrase;
pub mod piece;
pub mod place;
mod resolve;
pub mod text;
pub mod tokens;
pub mod words;

use crate::model::{Article, Entities, Field, Ymd};

pub use lexicons::{LexiconError, Lexicons};

/// The four recognisers over one set of [`Lexicons`]. Cheap to clone; share one per process.
#[derive(Clone)]
pub struct Recognizer {
    vocab: std::sync::Arc<phrase::Vocab>,
    dates: date::DateFinder,
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
    /// Builds the recognisers over `lexicons` (the tables are shared, not copied).
    pub fn new(lexicons: &Lexicons) -> Recognizer {
        Recognizer {
            vocab: std::sync::Arc::clone(&lexicons.vocab),
            dates: date::DateFinder::new(lexicons),
            places: place::PlaceFinder::new(lexicons),
            orgs: org::OrgFinder::new(lexicons),
            people: person::PersonFinder::new(lexicons),
        }
    }

    /// The date expressions of one text.
    pub fn dates(&self, text: &str, published: Option<Ymd>) -> Vec<date::DateFound> {
        self.dates.find(text, published)
    }

    /// The places of one text; `published` picks the era of administrative units.
    pub fn places(&self, text: &str, published: Option<Ymd>) -> Vec<place::PlaceFound> {
        self.places.find(text, published)
    }

    /// The organisations of one text, given the byte spans of its places.
    pub fn orgs(&self, text: &str, places: &[(usize, usize)]) -> Vec<org::OrgFound> {
        self.orgs.find(text, places)
    }

    /// The people of one text, given the byte spans of its organisations.
    pub fn people(&self, text: &str, orgs: &[(usize, usize)]) -> Vec<person::PersonFound> {
        self.people.find(text, orgs)
    }

    /// Runs every recogniser on one text. Spans may still overlap across types.
    pub fn find(&self, text: &str, published: Option<Ymd>) -> Found {
        let tokens = tokens::Tokens::with_vocab(text, &self.vocab);
        let dates = self.dates.find(text, published);
        let places = self.places.find_in(&tokens, published);
        let place_spans: Vec<(usize, usize)> = places.iter().map(|p| (p.start, p.end)).collect();
        let orgs = self.orgs.find_in(&tokens, &place_spans);
        let org_spans: Vec<(usize, usize)> = orgs.iter().map(|o| (o.start, o.end)).collect();
        let people = self.people.find_in(&tokens, &org_spans);
        Found {
            dates,
            places,
            orgs,
            people,
        }
    }

    /// Recognises the entities of an article's title, lead, text and captions.
    pub fn recognize_article(&self, article: &Article) -> Entities {
        let published = article.published.as_deref().and_then(Ymd::parse_iso);
        let mut fields: Vec<FieldText<'_>> =
            vec![FieldText::new(Field::Title, None, &article.title)];
        if let Some(lead) = article.lead.as_deref() {
            fields.push(FieldText::new(Field::Lead, None, lead));
        }
        fields.push(FieldText::new(Field::Text, None, &article.text));
        for (index, image) in article.images.iter().enumerate() {
            if let Some(caption) = image.caption.as_deref() {
                fields.push(FieldText::new(Field::Caption, Some(index), caption));
            }
        }
        self.recognize_fields(&fields, published)
    }

    /// Recognises the entities of one plain text (reported as field `text`).
    pub fn recognize_text(&self, text: &str, published: Option<Ymd>) -> Entities {
        self.recognize_fields(&[FieldText::new(Field::Text, None, text)], published)
    }

    /// Recognises the entities of several fields of one document and merges the mentions of one
    /// person, place or organisation across them.
    pub fn recognize_fields(&self, fields: &[FieldText<'_>], published: Option<Ymd>) -> Entities {
        let mut merger = merge::Merger::default();
        for field in fields {
            for piece in piece::pieces(field.text) {
                let resolved = resolve::resolve_overlaps(self.find(piece.text, published));
                merger.add(field, &piece, resolved);
            }
        }
        merger.finish()
    }

    /// The flat list of mentions of one text, code-point offsets: the shape annotation tools and
    /// `../shared/eval/score.py` read (`tintuc ner --spans`).
    pub fn spans(&self, text: &str, published: Option<Ymd>) -> Vec<FlatMention> {
        let mut mentions = Vec::new();
        for piece in piece::pieces(text) {
            let resolved = resolve::resolve_overlaps(self.find(piece.text, published));
            mentions.extend(resolve::flat_mentions(&piece, &resolved));
        }
        mentions
    }
}

/// One field of a document to recognise.
#[derive(Debug, Clone, Copy)]
pub struct FieldText<'a> {
    pub field: Field,
    /// For captions: the index of the image.
    pub caption: Option<usize>,
    pub text: &'a str,
}

impl<'a> FieldText<'a> {
    pub fn new(field: Field, caption: Option<usize>, text: &'a str) -> Self {
        FieldText {
            field,
            caption,
            text,
        }
    }
}

pub use resolve::{EntityType, FlatMention};
