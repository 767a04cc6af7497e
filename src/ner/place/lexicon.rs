//! Hand-written place facts from `data/places/`: type words, regions, countries, foreign cities,
//! well-known district-level units, venue heads, and the words that block a bare match.
//!
//! Every list is keyed by [`canonical_key`](crate::ner::text::canonical_key) of its surface form; the finder builds the key of a run
//! of words from the text the same way and looks it up here and in the gazetteer.

use std::collections::{HashMap, HashSet};

use super::gazetteer::add_prefixes;
use super::token::name_key;

const PLACE_TYPES: &str = include_str!("../../../data/places/place_types.tsv");
const REGIONS: &str = include_str!("../../../data/places/regions.tsv");
const COUNTRIES: &str = include_str!("../../../data/places/countries.tsv");
const FOREIGN_CITIES: &str = include_str!("../../../data/places/foreign_cities.tsv");
const BARE_UNITS: &str = include_str!("../../../data/places/bare_units.tsv");
const VENUES: &str = include_str!("../../../data/places/venues.tsv");
const BLOCKERS: &str = include_str!("../../../data/places/blockers.tsv");

/// What a type word announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Province,
    /// `thành phố`: a centrally-run city or a district-level city.
    City,
    /// A district of the given type word.
    District(&'static str),
    /// A commune of the given type word.
    Commune(&'static str),
    Street,
    Terrain,
    Village,
    Country,
    /// Markets, wharves, communal houses, canals, industrial parks ("chợ Bến Thành").
    Site,
}

#[derive(Debug, Clone)]
pub struct TypeWord {
    pub form: &'static str,
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
    /// Previous words (keys) that make it part of something else ("hợp tác" before "xã").
    pub not_after: Vec<String>,
}

/// A region, country or foreign city.
#[derive(Debug, Clone)]
pub struct Named {
    pub form: &'static str,
    pub canonical: &'static str,
    /// `region`, `foreign_region`, `province` (former provinces), `country`, `foreign_city`.
    pub kind: &'static str,
    /// Only after a cue word or next to another country (Anh, Đức, Mỹ...).
    pub weak: bool,
}

#[derive(Debug, Clone)]
pub struct VenueHead {
    pub form: &'static str,
    /// A capitalised name must follow the head.
    pub needs_name: bool,
}

#[derive(Debug, Default)]
pub struct Lexicon {
    pub types: HashMap<String, Vec<TypeWord>>,
    /// First words of the type words and of the lower-case region forms: the only lower-case
    /// words that can start a place.
    pub lower_starts: HashSet<String>,
    pub named: HashMap<String, Vec<Named>>,
    /// Well-known district-level units matched bare: key -> (province code, type word).
    pub bare_units: HashMap<String, (&'static str, &'static str)>,
    pub venues: HashMap<String, VenueHead>,
    /// Surnames: a capitalised run that starts with one is a person's name, not a place.
    pub surnames: HashSet<String>,
    /// Words after which a weak country counts.
    pub country_cues: HashSet<String>,
    /// Words before "nước" that make it part of a title or noun ("Nhà nước", "Chủ tịch nước").
    pub not_country_word: HashSet<String>,
    /// Words before a bare place that make it part of something else ("tiếng Anh").
    pub bare_blockers: HashSet<String>,
    /// Plural cues before a type word ("các tỉnh Quảng Nam, Đà Nẵng").
    pub plural_cues: HashSet<String>,
    /// Lower-case words that end a venue name.
    pub venue_stops: HashSet<String>,
    /// Province names and aliases that never count bare ("Hồ Chí Minh", "HCM").
    pub not_bare: HashSet<String>,
    /// First words of a site name that make it a common phrase ("chợ Tết").
    pub site_blockers: HashSet<String>,
    /// Compounds whose second word may stay lower case inside a venue name ("Quốc gia").
    pub venue_pairs: HashSet<String>,
    pub max_words: usize,
    /// Every word prefix of the keys of `types`, `named` and `venues`.
    pub prefixes: HashSet<String>,
}

fn rows(data: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    data.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
}

impl Lexicon {
    pub fn new() -> Lexicon {
        let mut lex = Lexicon::default();
        for f in rows(PLACE_TYPES) {
            let (Some(&form), Some(&target)) = (f.first(), f.get(1)) else {
                continue;
            };
            let flags = f.get(2).copied().unwrap_or("");
            let target = match target.split_once(':') {
                Some(("district", t)) => Target::District(t),
                Some(("commune", t)) => Target::Commune(t),
                _ => match target {
                    "province" => Target::Province,
                    "city" => Target::City,
                    "street" => Target::Street,
                    "terrain" => Target::Terrain,
                    "village" => Target::Village,
                    "country" => Target::Country,
                    "site" => Target::Site,
                    _ => continue,
                },
            };
            let word = TypeWord {
                form,
                target,
                abbr: flags.contains("abbr"),
                dot: flags.contains("dot"),
                known: flags.contains("known"),
                foreign: flags.contains("foreign"),
                viet: flags.contains("viet"),
                dash: flags.contains("dash"),
                multi: flags.contains("multi"),
                not_after: f
                    .get(3)
                    .copied()
                    .unwrap_or("")
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(|w| name_key(&w.replace('_', " ")))
                    .collect(),
            };
            let key = name_key(form);
            lex.lower_starts
                .extend(key.split(' ').next().map(str::to_string));
            lex.types.entry(key).or_default().push(word);
        }
        for (data, default_kind) in [
            (REGIONS, "region"),
            (COUNTRIES, "country"),
            (FOREIGN_CITIES, "foreign_city"),
        ] {
            for f in rows(data) {
                let (Some(&form), Some(&canonical)) = (f.first(), f.get(1)) else {
                    continue;
                };
                let third = f.get(2).copied().unwrap_or("");
                let kind = match (default_kind, third) {
                    ("region", "foreign_region" | "province") => third,
                    (k, _) => k,
                };
                let key = name_key(form);
                lex.max_words = lex.max_words.max(key.split(' ').count());
                if !first_upper(form) {
                    lex.lower_starts
                        .extend(key.split(' ').next().map(str::to_string));
                }
                let entries = lex.named.entry(key).or_default();
                if entries.is_empty() {
                    entries.push(Named {
                        form,
                        canonical,
                        kind,
                        weak: third == "weak",
                    });
                }
            }
        }
        for f in rows(BARE_UNITS) {
            if let (Some(&name), Some(&province), Some(&typ)) = (f.first(), f.get(1), f.get(2)) {
                lex.bare_units.insert(name_key(name), (province, typ));
            }
        }
        for f in rows(VENUES) {
            if let (Some(&form), Some(&tail)) = (f.first(), f.get(1)) {
                let key = name_key(form);
                lex.max_words = lex.max_words.max(key.split(' ').count());
                lex.venues.insert(
                    key,
                    VenueHead {
                        form,
                        needs_name: tail == "name",
                    },
                );
            }
        }
        for f in rows(BLOCKERS) {
            let (Some(&list), Some(&words)) = (f.first(), f.get(1)) else {
                continue;
            };
            let set = match list {
                "surname" => &mut lex.surnames,
                "country_cue" => &mut lex.country_cues,
                "not_country_word" => &mut lex.not_country_word,
                "bare_blocker" => &mut lex.bare_blockers,
                "plural_cue" => &mut lex.plural_cues,
                "venue_stop" => &mut lex.venue_stops,
                "venue_pair" => &mut lex.venue_pairs,
                "not_bare" => &mut lex.not_bare,
                "site_blocker" => &mut lex.site_blockers,
                _ => continue,
            };
            set.extend(
                words
                    .split(' ')
                    .filter(|w| !w.is_empty())
                    .map(|w| name_key(&w.replace('_', " "))),
            );
        }
        let keys: Vec<String> = lex
            .types
            .keys()
            .chain(lex.named.keys())
            .chain(lex.venues.keys())
            .cloned()
            .collect();
        for key in keys {
            add_prefixes(&mut lex.prefixes, &key);
        }
        lex
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
