//! Places: administrative units of both eras, regions, countries, foreign cities, streets and venues.
//!
//! Data flow: the text is split into words (`token`); at each word the finder tries, in one pass,
//! (1) `type_word`: a type word ("tỉnh", "thành phố", "TP.", "huyện", "xã", "đường", "nước" ...)
//! followed by a capitalised name, looked up in the [`gazetteer`] or taken as written for streets,
//! villages, terrain and sites ("chợ", "bến", "kênh", "khu công nghiệp": names that must pass the
//! `syllable` test of a Vietnamese name where the data says so), or a foreign-looking name after
//! "tỉnh"/"bang" ("tỉnh Kanagawa"); (2) `bare_name`: a region, country or foreign city of the `lexicon`, a
//! province, or a well-known district-level city; (3) `address`: a venue head ("Nhà hát",
//! "Quảng trường") with its name, a street after a house number ("số 5 Tràng Tiền,").
//! Candidates are kept leftmost-longest and non-overlapping (a gazetteer unit wins a tie); then
//! names in an address chain ("..., Ba Đình, Hà Nội") are added right to left, bare units in a
//! list with a found unit or repeating a typed one are added (`list`), and `resolve`
//! picks each unit's era from the publication date (none: post-reform first) and, for same-named
//! units, the one whose province or district is named nearest in the same text.
//!
//! Every rule is data in `data/lexicon/place/` (type words and the words that block them, regions,
//! countries, foreign cities, venue heads, surnames and cue words; units, successors, aliases),
//! so adding a country or a venue head needs no code.

mod address;
mod bare_name;
pub mod gazetteer;
mod lexicon;
mod list;
mod resolve;
mod syllable;
mod token;
mod type_word;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::model::{UnitRef, Ymd};
use crate::ner::lexicons::Lexicons;
use crate::ner::phrase::{PhraseTable, Sym, Vocab, ROOT, UNKNOWN};

use crate::ner::tokens::Tokens;
use gazetteer::{Gazetteer, Level};
pub use lexicon::Lexicon;
use token::{maybe_in, tokenize, Gap, Token};

/// What a place is, as in `schemas/record.schema.json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    Province,
    District,
    Commune,
    Region,
    ForeignRegion,
    Country,
    ForeignCity,
    Street,
    Venue,
    /// Villages, hamlets, rivers, mountains, sites: the rule says which.
    Other,
}

impl PlaceKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Province => "province",
            PlaceKind::District => "district",
            PlaceKind::Commune => "commune",
            PlaceKind::Region => "region",
            PlaceKind::ForeignRegion => "foreign_region",
            PlaceKind::Country => "country",
            PlaceKind::ForeignCity => "foreign_city",
            PlaceKind::Street => "street",
            PlaceKind::Venue => "venue",
            PlaceKind::Other => "other",
        }
    }
}

impl From<Level> for PlaceKind {
    fn from(level: Level) -> PlaceKind {
        match level {
            Level::Province => PlaceKind::Province,
            Level::District => PlaceKind::District,
            Level::Commune => PlaceKind::Commune,
        }
    }
}

/// The rule that found a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceRule {
    /// A type word and a unit's name ("tỉnh Quảng Nam").
    TypeWord,
    /// An abbreviated type word and a unit's name ("TP. Huế", "Q.1").
    TypeAbbr,
    /// A type word and a foreign name ("tỉnh Kanagawa").
    TypeWordForeign,
    /// A type word and a name outside the gazetteer ("xã Tân Lập" of no known province).
    TypeWordUnknown,
    Street,
    Site,
    Terrain,
    Village,
    /// "nước" and a country.
    CountryNuoc,
    /// A unit in a list after a type word ("các huyện Ba Vì, Sóc Sơn").
    List,
    /// A province or well-known city named bare.
    Bare,
    Venue,
    /// A street after a house number ("số 19C Hoàng Diệu,").
    HouseNumber,
    /// A unit in an address chain ("..., Ba Đình, Hà Nội").
    Address,
    /// A unit named bare again after the text named it with its type word.
    Repeat,
    /// Named bare, by the kind of the name: a region, a foreign region, a former province, a
    /// country, a foreign city.
    Region,
    ForeignRegion,
    Province,
    Country,
    ForeignCity,
}

impl PlaceRule {
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceRule::TypeWord => "type_word",
            PlaceRule::TypeAbbr => "type_abbr",
            PlaceRule::TypeWordForeign => "type_word_foreign",
            PlaceRule::TypeWordUnknown => "type_word_unknown",
            PlaceRule::Street => "street",
            PlaceRule::Site => "site",
            PlaceRule::Terrain => "terrain",
            PlaceRule::Village => "village",
            PlaceRule::CountryNuoc => "country_nuoc",
            PlaceRule::List => "list",
            PlaceRule::Bare => "bare",
            PlaceRule::Venue => "venue",
            PlaceRule::HouseNumber => "house_number",
            PlaceRule::Address => "address",
            PlaceRule::Repeat => "repeat",
            PlaceRule::Region => "region",
            PlaceRule::ForeignRegion => "foreign_region",
            PlaceRule::Province => "province",
            PlaceRule::Country => "country",
            PlaceRule::ForeignCity => "foreign_city",
        }
    }

    /// The rule of a name matched bare, after its kind.
    fn named(kind: PlaceKind) -> PlaceRule {
        match kind {
            PlaceKind::ForeignRegion => PlaceRule::ForeignRegion,
            PlaceKind::Province => PlaceRule::Province,
            PlaceKind::Country => PlaceRule::Country,
            PlaceKind::ForeignCity => PlaceRule::ForeignCity,
            _ => PlaceRule::Region,
        }
    }
}

/// One place mention found in a text; `start`/`end` are byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceFound {
    pub start: usize,
    pub end: usize,
    pub rule: PlaceRule,
    /// Canonical name ("Tỉnh Quảng Nam").
    pub name: String,
    /// `province`, `district`, `commune`, `region`, `foreign_region`, `country`, `foreign_city`,
    /// `street`, `venue`, `other` (villages, hamlets, rivers, mountains: the rule says which), as
    /// in `schemas/record.schema.json`.
    pub kind: PlaceKind,
    /// The unit this mention resolved to (code, era), when it is an administrative unit.
    /// `UnitRef::kind` is the unit's level (`province`, `district`, `commune`).
    pub unit: Option<UnitRef>,
    pub province: Option<UnitRef>,
    /// Post-reform unit(s) for pre-reform units.
    pub current: Vec<UnitRef>,
}

/// What a candidate span stands for, before resolution.
#[derive(Debug, Clone)]
enum What {
    /// Units of one name; `written` = the type word as written (lower case); `must_resolve` =
    /// dropped unless resolved to one unit (numbered units, and the abbreviations "Q.", "H.",
    /// "P.", "TT.", "TX." that also start initials).
    Units {
        ids: Vec<u32>,
        written: Option<String>,
        level: Option<Level>,
        must_resolve: bool,
        name: String,
    },
    /// A place outside the gazetteer: canonical name and kind.
    Other { name: String, kind: PlaceKind },
}

#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    end: usize,
    rule: PlaceRule,
    what: What,
}

impl Candidate {
    /// Units of a name written without a type word (bare, in a list, in an address chain).
    fn bare_units(start: usize, end: usize, rule: PlaceRule, ids: Vec<u32>) -> Candidate {
        Candidate {
            start,
            end,
            rule,
            what: What::Units {
                ids,
                written: None,
                level: None,
                must_resolve: false,
                name: String::new(),
            },
        }
    }
}

/// The place recogniser over the gazetteer and the place lexicon.
#[derive(Debug, Clone)]
pub struct PlaceFinder {
    vocab: Arc<Vocab>,
    gaz: Arc<Gazetteer>,
    lex: Arc<Lexicon>,
    /// The word "-" (a dash between two words of a name).
    dash: Sym,
}

/// Longest names tried for streets, villages and venues, in words.
const MAX_FREE_WORDS: usize = 6;

impl PlaceFinder {
    pub fn new(lexicons: &Lexicons) -> PlaceFinder {
        PlaceFinder {
            vocab: Arc::clone(&lexicons.vocab),
            gaz: Arc::clone(&lexicons.gazetteer),
            lex: Arc::clone(&lexicons.places),
            dash: lexicons.vocab.get("-"),
        }
    }

    /// Finds the places of one text; `published` picks the era of the units.
    pub fn find(&self, text: &str, published: Option<Ymd>) -> Vec<PlaceFound> {
        self.find_in(&Tokens::with_vocab(text, &self.vocab), published)
    }

    /// Finds the places of a tokenised text.
    pub fn find_in(&self, tokens: &Tokens<'_>, published: Option<Ymd>) -> Vec<PlaceFound> {
        let tokens = tokenize(tokens);
        let mut found: Vec<Candidate> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let before = found.len();
            self.at(&tokens, i, &mut found);
            // Jump past a match so its inner words start nothing ("thành phố" is not "phố").
            let next = found[before..]
                .iter()
                .filter(|c| c.start == tokens[i].start)
                .map(|c| c.end)
                .max();
            i += 1;
            if let Some(end) = next {
                while i < tokens.len() && tokens[i].start < end {
                    i += 1;
                }
            }
        }
        let mut chosen = select(found);
        self.address_chain(&tokens, &mut chosen);
        self.list_members(&tokens, &mut chosen);
        self.resolve(chosen, published)
    }

    /// Every candidate that starts at word `i`.
    fn at(&self, tokens: &[Token], i: usize, out: &mut Vec<Candidate>) {
        let t = &tokens[i];
        // Lower-case words start only type words and lower-case region forms.
        if !t.cap && !t.digit && !self.may_start_lower(t) {
            return;
        }
        if self.lex.types.starts_with(t.id) {
            self.typed(tokens, i, out);
        }
        if self.lex.named.starts_with(t.id) {
            self.named(tokens, i, out);
        }
        if t.cap {
            if self.gaz.names.starts_with(t.id) {
                self.bare_unit(tokens, i, out);
            }
            self.venue(tokens, i, out);
            self.house_number(tokens, i, out);
        }
    }

    /// Whether a lower-case word may start a place: its text is the first word of a type word or
    /// of a lower-case region form, or, for a word with characters outside ASCII, its key is.
    fn may_start_lower(&self, t: &Token) -> bool {
        if t.text == t.key {
            self.lex.lower_start_words.starts_with(t.id)
                && self.lex.lower_start_words.contains(&[t.id])
        } else {
            maybe_in(t, &self.lex.lower_starts)
        }
    }

    /// Words `i..j` as a phrase of the tables (the way
    /// [`canonical_key`](crate::ner::text::canonical_key) joins them: a dash between two words is
    /// the word "-"), or None when a gap between them ends a name.
    fn span(&self, tokens: &[Token], i: usize, j: usize) -> Option<Path> {
        let mut path = Path::default();
        for k in i..j {
            if k > i {
                match tokens[k - 1].gap {
                    Gap::Space => {}
                    Gap::Dash => path.push(self.dash),
                    _ => return None,
                }
            }
            path.push(tokens[k].id);
        }
        Some(path)
    }

    /// The longest run of words from `i` (at most `max`) that is a phrase of `table` and whose
    /// value `accept` takes (given the phrase and its words); returns the end word (exclusive) and
    /// what `accept` gave. The run stops growing as soon as no phrase starts with it.
    fn longest<'a, V, T>(
        &self,
        tokens: &[Token],
        i: usize,
        max: usize,
        table: &'a PhraseTable<V>,
        mut accept: impl FnMut(&'a V, &[Sym], &[Token]) -> Option<T>,
    ) -> Option<(usize, T)> {
        // Most words start no phrase: answered by the table's first-word set, before a path is
        // set up.
        if !tokens.get(i).is_some_and(|t| table.starts_with(t.id)) {
            return None;
        }
        let mut best = None;
        let mut path = Path::default();
        let mut node = ROOT;
        let last = (i + max).min(tokens.len());
        for j in i..last {
            if j > i {
                match tokens[j - 1].gap {
                    Gap::Space => {}
                    Gap::Dash => match table.step(node, self.dash) {
                        Some(next) => {
                            node = next;
                            path.push(self.dash);
                        }
                        None => break,
                    },
                    _ => break,
                }
            }
            let Some(next) = table.step(node, tokens[j].id) else {
                break;
            };
            node = next;
            path.push(tokens[j].id);
            if let Some(value) = table.value(node) {
                if let Some(v) = accept(value, path.words(), &tokens[i..=j]) {
                    best = Some((j + 1, v));
                }
            }
        }
        best
    }
}

/// Longest phrase of a place table, in words ("-" counts as one): checked when the tables load.
pub const MAX_PHRASE_WORDS: usize = 64;

/// The words of a phrase being matched, on the stack.
#[derive(Debug, Clone, Copy)]
pub struct Path {
    words: [Sym; MAX_PHRASE_WORDS],
    len: usize,
}

impl Default for Path {
    fn default() -> Self {
        Path {
            words: [UNKNOWN; MAX_PHRASE_WORDS],
            len: 0,
        }
    }
}

impl Path {
    /// Adds a word; a phrase longer than any of the tables matches nothing.
    fn push(&mut self, word: Sym) {
        if self.len < MAX_PHRASE_WORDS {
            self.words[self.len] = word;
            self.len += 1;
        } else {
            self.words[MAX_PHRASE_WORDS - 1] = UNKNOWN;
        }
    }

    pub fn words(&self) -> &[Sym] {
        &self.words[..self.len]
    }
}

/// The words `i..end` as written, white space folded.
fn text_of(tokens: &[Token], i: usize, end: usize) -> String {
    tokens
        .get(i..end)
        .and_then(|ws| Some((ws.first()?.start, ws.last()?.end)))
        .map(|(s, e)| tokens_text(tokens, s, e))
        .unwrap_or_default()
}

/// Text between two byte offsets, white space folded, rebuilt from the words (the finder never
/// holds the original text here: words carry their own slices).
fn tokens_text(tokens: &[Token], start: usize, end: usize) -> String {
    let mut out = String::new();
    // The words are in text order and do not overlap: those inside are one run.
    let first = tokens.partition_point(|t| t.start < start);
    for (n, t) in tokens[first..]
        .iter()
        .take_while(|t| t.end <= end)
        .enumerate()
    {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(t.text);
        if t.gap == Gap::Dash && t.end < end {
            out.push_str(" -");
        }
    }
    out
}

fn caps(ws: &[Token]) -> Vec<bool> {
    ws.iter().map(|w| w.cap).collect()
}

fn first_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

/// A run of capitalised words from `j` (at most `max`), joined by spaces: its end word.
fn free_name(tokens: &[Token], j: usize, max: usize) -> Option<usize> {
    if j >= tokens.len() || !tokens[j].cap {
        return None;
    }
    let mut end = j + 1;
    while end < tokens.len()
        && end - j < max
        && tokens[end - 1].gap == Gap::Space
        && (tokens[end].cap || tokens[end].digit)
    {
        end += 1;
    }
    Some(end)
}

/// Leftmost-longest, non-overlapping.
fn select(mut found: Vec<Candidate>) -> Vec<Candidate> {
    // Same span: a gazetteer unit before a street or village reading ("Buôn Ma Thuột").
    let rank = |c: &Candidate| matches!(c.what, What::Other { .. });
    found.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then(b.end.cmp(&a.end))
            .then(rank(a).cmp(&rank(b)))
    });
    let mut chosen: Vec<Candidate> = Vec::new();
    for c in found {
        if chosen.last().is_some_and(|last| c.start < last.end) {
            continue;
        }
        chosen.push(c);
    }
    chosen
}
