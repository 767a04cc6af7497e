//! Hand-written place facts from `data/lexicon/place/`: type words, regions, countries, foreign cities,
//! well-known district-level units, venue heads, and the words that block a bare match.
//!
//! Every list is keyed by [`canonical_key`](crate::ner::text::canonical_key) of its surface form; the finder builds the key of a run
//! of words from the text the same way and looks it up here and in the gazetteer.

use serde::Deserialize;

use super::PlaceKind;
use crate::ner::lexicons::{LexiconError, Row, Sources};
use crate::ner::phrase::{PhraseTable, StrSet, Vocab};
use crate::ner::text::canonical_key;
use crate::ner::words::{shared_entries, SharedClass};

/// What a type word announces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Province,
    /// `thành phố`: a centrally-run city or a district-level city.
    City,
    /// A district of the given type word.
    District(String),
    /// A commune of the given type word.
    Commune(String),
    Street,
    Terrain,
    Village,
    Country,
    /// Markets, wharves, communal houses, canals, industrial parks ("chợ Bến Thành").
    Site,
}

/// The targets of `place_types.tsv` that need no type word after them.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum PlainTarget {
    Province,
    City,
    Street,
    Terrain,
    Village,
    Country,
    Site,
}

/// The flags of `place_types.tsv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum TypeFlag {
    Abbr,
    Dot,
    Known,
    Foreign,
    Viet,
    Dash,
    Multi,
    Landmark,
    Lower,
    Numbered,
    NoPlace,
    Apart,
    /// A unit type word of the other recognisers (read by `ner::words::shared_entries`).
    Unit,
}

#[derive(Debug, Clone)]
pub struct TypeWord {
    pub form: String,
    pub target: Target,
    /// Case-sensitive abbreviation ("TP", "Q."): compared with the text as written.
    pub abbr: bool,
    /// Must be followed by a full stop.
    pub dot: bool,
    /// The name after it must be in the gazetteer.
    pub known: bool,
    /// The name is a foreign place, never a gazetteer unit ("bang California").
    pub foreign: bool,
    /// Every word of a free name must be a capitalised Vietnamese syllable.
    pub viet: bool,
    /// A free name may be two names joined by a dash ("kênh Nhiêu Lộc - Thị Nghè").
    pub dash: bool,
    /// A one-word free name followed by a lower-case word is a phrase ("khu vực Nhà nước").
    pub multi: bool,
    /// A landmark named after a place: the name may be a known place ("sân Việt Trì", "cảng Quy
    /// Nhơn"), the span keeps the type word.
    pub landmark: bool,
    /// Only in lower case: capitalised, the word heads a venue ("Chùa Một Cột", `venues.tsv`).
    pub lower: bool,
    /// A number names it ("quốc lộ 18", "tỉnh lộ 32C").
    pub numbered: bool,
    /// Written in lower case, the type word stays out of the span ("thủ đô Bangkok").
    pub apart: bool,
    /// The name may not start with a unit's name ("biển Nha Trang" is the sea off a city).
    pub no_place: bool,
    /// Previous words (keys) that make it part of something else ("hợp tác" before "xã").
    pub not_after: Vec<String>,
    /// The unit type word it stands for, as units write it ("TP" -> "thành phố", "huyện đảo" ->
    /// "huyện"; none for "thủ đô", no unit type): filled in once every row is read.
    pub unit_type: Option<String>,
    /// Flagged `unit`: one of the unit type words of every recogniser.
    unit: bool,
}

/// A region, country or foreign city.
#[derive(Debug, Clone)]
pub struct Named {
    pub form: String,
    pub canonical: String,
    pub kind: PlaceKind,
    /// Only after a cue word or next to another country (Anh, Đức, Mỹ...).
    pub weak: bool,
}

/// What may follow a venue head.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum VenueTail {
    /// A capitalised name must follow.
    Name,
    /// The head is the whole name (a unique venue).
    None,
    /// A name may follow.
    Optional,
}

#[derive(Debug, Clone)]
pub struct VenueHead {
    pub form: String,
    /// A capitalised name must follow the head.
    pub needs_name: bool,
}

/// The word lists of `blockers.tsv`.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum BlockerList {
    CountryCue,
    CountryTitle,
    NotCountryWord,
    BareBlocker,
    PluralCue,
    VenueStop,
    VenuePair,
    NotBare,
    SiteBlocker,
    UnitModifier,
    OtherPlaceNoun,
}

/// Phrases without a value: a set of words or word sequences.
pub type Phrases = PhraseTable<()>;

#[derive(Debug, Default)]
pub struct Lexicon {
    pub types: PhraseTable<Vec<TypeWord>>,
    /// First words of the type words and of the lower-case region forms: the only lower-case
    /// words that can start a place.
    pub lower_starts: StrSet<String>,
    /// `lower_starts` by word number.
    pub lower_start_words: Phrases,
    pub named: PhraseTable<Named>,
    /// Well-known district-level units matched bare: (province code, type word).
    pub bare_units: PhraseTable<(String, String)>,
    pub venues: PhraseTable<VenueHead>,
    /// Surnames (the strong ones of `shared/surnames.tsv`): a capitalised run that starts with one
    /// is a person's name, not a place.
    pub surnames: Phrases,
    /// Words after which a weak country counts.
    pub country_cues: Phrases,
    /// Titles after which a weak country counts even before a person's name ("Tổng thống Nga").
    pub country_titles: Phrases,
    /// Words before "nước" that make it part of a title or noun ("Nhà nước", "Chủ tịch nước").
    pub not_country_word: Phrases,
    /// Words before a bare place that make it part of something else ("tiếng Anh").
    pub bare_blockers: Phrases,
    /// Plural cues before a type word ("các tỉnh Quảng Nam, Đà Nẵng").
    pub plural_cues: Phrases,
    /// Lower-case words that end a venue name.
    pub venue_stops: Phrases,
    /// Province names and aliases that never count bare ("Hồ Chí Minh", "HCM").
    pub not_bare: Phrases,
    /// First words of a site name that make it a common phrase ("chợ Tết").
    pub site_blockers: Phrases,
    /// Compounds whose second word may stay lower case inside a venue name ("Quốc gia").
    pub venue_pairs: Phrases,
    /// Lower-case words between a plural type word and its list ("các xã vùng cao ...").
    pub unit_modifiers: Phrases,
    /// Nouns after which a unit's name names another place ("động Phong Nha").
    pub other_place_nouns: Phrases,
    pub max_words: usize,
    /// The type word of district-level and centrally-run cities ("thành phố").
    pub city_type: String,
}

/// Space-separated words of a list field; "_" joins the words of one entry ("hợp_tác").
fn word_list(field: &str) -> impl Iterator<Item = String> + '_ {
    field
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(|w| canonical_key(&w.replace('_', " ")))
}

fn type_word(f: &Row<'_>) -> Result<TypeWord, LexiconError> {
    let form = f.get(0, "surface form")?;
    let target_text = f.get(1, "target")?;
    let target = match target_text.split_once(':') {
        Some(("district", t)) => Target::District(t.to_string()),
        Some(("commune", t)) => Target::Commune(t.to_string()),
        _ => match f.parse::<PlainTarget>(1, "target")? {
            PlainTarget::Province => Target::Province,
            PlainTarget::City => Target::City,
            PlainTarget::Street => Target::Street,
            PlainTarget::Terrain => Target::Terrain,
            PlainTarget::Village => Target::Village,
            PlainTarget::Country => Target::Country,
            PlainTarget::Site => Target::Site,
        },
    };
    let mut flags = Vec::new();
    for flag in f.optional(2).split(',').filter(|s| !s.is_empty()) {
        flags.push(
            crate::ner::lexicons::parse_name::<TypeFlag>(flag)
                .map_err(|e| f.error(format!("flag {flag:?}: {e}")))?,
        );
    }
    let has = |flag: TypeFlag| flags.contains(&flag);
    Ok(TypeWord {
        form: form.to_string(),
        target,
        abbr: has(TypeFlag::Abbr),
        dot: has(TypeFlag::Dot),
        known: has(TypeFlag::Known),
        foreign: has(TypeFlag::Foreign),
        viet: has(TypeFlag::Viet),
        dash: has(TypeFlag::Dash),
        multi: has(TypeFlag::Multi),
        landmark: has(TypeFlag::Landmark),
        lower: has(TypeFlag::Lower),
        numbered: has(TypeFlag::Numbered),
        apart: has(TypeFlag::Apart),
        no_place: has(TypeFlag::NoPlace),
        not_after: word_list(f.optional(3)).collect(),
        unit_type: None,
        unit: has(TypeFlag::Unit),
    })
}

impl Lexicon {
    pub fn load(sources: &Sources, vocab: &mut Vocab) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::default();
        let mut type_words: Vec<TypeWord> = Vec::new();
        for f in sources.rows("place/place_types.tsv") {
            type_words.push(type_word(&f)?);
        }
        // Provinces and cities: the type word of the unabbreviated `unit` row of the target.
        let full_form = |target: &Target| {
            type_words
                .iter()
                .find(|w| w.unit && !w.abbr && w.target == *target)
                .map(|w| w.form.clone())
        };
        let (province, city) = (full_form(&Target::Province), full_form(&Target::City));
        for mut word in type_words {
            word.unit_type = match &word.target {
                Target::District(t) | Target::Commune(t) => Some(t.clone()),
                Target::Province if word.unit => province.clone(),
                Target::City if word.unit => city.clone(),
                _ => None,
            };
            let key = canonical_key(&word.form);
            lex.lower_starts
                .extend(key.split(' ').next().map(str::to_string));
            let words = vocab.intern_words(&key);
            lex.types
                .slot(vocab, &words)
                .get_or_insert_with(Vec::new)
                .push(word);
        }
        lex.city_type = city.unwrap_or_default();
        for (table, default_kind) in [
            ("place/regions.tsv", PlaceKind::Region),
            ("place/countries.tsv", PlaceKind::Country),
            ("place/foreign_cities.tsv", PlaceKind::ForeignCity),
        ] {
            for f in sources.rows(table) {
                let form = f.get(0, "surface form")?;
                let canonical = f.get(1, "canonical name")?;
                let third = f.optional(2);
                let kind = match (default_kind, third) {
                    (PlaceKind::Region, "foreign_region") => PlaceKind::ForeignRegion,
                    (PlaceKind::Region, "province") => PlaceKind::Province,
                    (k, _) => k,
                };
                let key = canonical_key(form);
                lex.max_words = lex.max_words.max(key.split(' ').count());
                if !first_upper(form) {
                    lex.lower_starts
                        .extend(key.split(' ').next().map(str::to_string));
                }
                let words = vocab.intern_words(&key);
                lex.named.insert(
                    vocab,
                    &words,
                    Named {
                        form: form.to_string(),
                        canonical: canonical.to_string(),
                        kind,
                        weak: third == "weak",
                    },
                );
            }
        }
        for f in sources.rows("place/bare_units.tsv") {
            let name = f.get(0, "short name")?;
            let province = f.get(1, "province code")?;
            let typ = f.get(2, "district type")?;
            let words = vocab.intern_words(&canonical_key(name));
            lex.bare_units
                .insert(vocab, &words, (province.to_string(), typ.to_string()));
        }
        for f in sources.rows("place/venues.tsv") {
            let form = f.get(0, "head")?;
            let tail: VenueTail = f.parse(1, "tail")?;
            let key = canonical_key(form);
            lex.max_words = lex.max_words.max(key.split(' ').count());
            let words = vocab.intern_words(&key);
            lex.venues.insert(
                vocab,
                &words,
                VenueHead {
                    form: form.to_string(),
                    needs_name: tail == VenueTail::Name,
                },
            );
        }
        for f in sources.rows("place/blockers.tsv") {
            let set = match f.parse::<BlockerList>(0, "list")? {
                BlockerList::CountryCue => &mut lex.country_cues,
                BlockerList::CountryTitle => &mut lex.country_titles,
                BlockerList::NotCountryWord => &mut lex.not_country_word,
                BlockerList::BareBlocker => &mut lex.bare_blockers,
                BlockerList::PluralCue => &mut lex.plural_cues,
                BlockerList::VenueStop => &mut lex.venue_stops,
                BlockerList::VenuePair => &mut lex.venue_pairs,
                BlockerList::NotBare => &mut lex.not_bare,
                BlockerList::SiteBlocker => &mut lex.site_blockers,
                BlockerList::UnitModifier => &mut lex.unit_modifiers,
                BlockerList::OtherPlaceNoun => &mut lex.other_place_nouns,
            };
            for key in word_list(f.get(1, "words")?) {
                let words = vocab.intern_words(&key);
                set.insert(vocab, &words, ());
            }
        }
        // Surnames: the strong ones of `shared/surnames.tsv` (weak ones such as "Đống" start
        // place names as often as people's names).
        for (class, surname) in shared_entries(sources)? {
            if class == SharedClass::StrongSurname {
                let words = vocab.intern_words(&canonical_key(surname));
                lex.surnames.insert(vocab, &words, ());
            }
        }
        for key in &lex.lower_starts {
            let word = vocab.intern(key);
            lex.lower_start_words.insert(vocab, &[word], ());
        }
        Ok(lex)
    }
}

/// Whether the words of `form` fit the case of the words in the text: a capitalised word of the
/// form must be capitalised in the text ("miền Trung" fits "Miền Trung", not "miền trung").
pub fn case_fits(form: &str, caps: &[bool]) -> bool {
    let words: Vec<bool> = form
        .split(|c: char| c.is_whitespace() || c == '-' || c == '–')
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    if words.len() != caps.len() {
        return true;
    }
    words.iter().zip(caps).all(|(&want, &got)| !want || got)
}

fn first_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}
