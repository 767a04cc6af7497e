//! Places: administrative units of both eras, regions, countries, foreign cities, streets and venues.
//!
//! Data flow: the text is split into words ([`token`]); at each word the finder tries, in one pass,
//! (1) a type word ("tỉnh", "thành phố", "TP.", "huyện", "xã", "đường", "nước" ...) followed by a
//! capitalised name, looked up in the [`gazetteer`] or taken as written for streets, villages and
//! terrain; (2) a bare name: a region, country or foreign city of the [`lexicon`], a province, or a
//! well-known district-level city; (3) a venue head ("Nhà hát", "Quảng trường") with its name;
//! (4) a street after a house number ("số 5 Tràng Tiền,"). Candidates are kept leftmost-longest and
//! non-overlapping; then names in an address chain ("..., Ba Đình, Hà Nội") are added right to
//! left, and [`resolve`] picks each unit's era and, for same-named units, the one whose province
//! or district is named nearest in the same text.

pub mod gazetteer;
mod lexicon;
mod resolve;
mod token;

use std::collections::HashSet;

use crate::model::{UnitRef, Ymd};

use gazetteer::{capitalise, Era, Gazetteer, Level};
use lexicon::{case_fits, Lexicon, Target};
use resolve::Anchor;
use token::{tokenize, Gap, Keys, Token};

/// One place mention found in a text; `start`/`end` are byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceFound {
    pub start: usize,
    pub end: usize,
    pub rule: &'static str,
    /// Canonical name ("Tỉnh Quảng Nam").
    pub name: String,
    /// `province`, `district`, `commune`, `region`, `foreign_region`, `country`, `foreign_city`,
    /// `street`, `venue`, `other` (villages, hamlets, rivers, mountains: the rule says which), as
    /// in `schemas/record.schema.json`.
    pub kind: String,
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
    /// Units of one name; `written` = the type word as written (lower case), `numbered` = the name is
    /// a bare number (needs a parent in the text).
    Units {
        ids: Vec<u32>,
        written: Option<&'static str>,
        level: Option<Level>,
        numbered: bool,
        name: String,
    },
    /// A place outside the gazetteer: canonical name and kind.
    Other { name: String, kind: &'static str },
}

#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    end: usize,
    rule: &'static str,
    what: What,
}

/// Gazetteers of administrative units, regions and countries, built once.
#[derive(Debug, Default)]
pub struct PlaceFinder {
    gaz: Gazetteer,
    lex: Lexicon,
}

/// Longest names tried for streets, villages and venues, in words.
const MAX_FREE_WORDS: usize = 6;

impl PlaceFinder {
    pub fn new() -> PlaceFinder {
        PlaceFinder {
            gaz: Gazetteer::new(),
            lex: Lexicon::new(),
        }
    }

    /// Finds the places of one text; `published` picks the era of the units.
    pub fn find(&self, text: &str, published: Option<Ymd>) -> Vec<PlaceFound> {
        let tokens = tokenize(text);
        let mut keys = Keys::new(tokens.len());
        let mut found: Vec<Candidate> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let before = found.len();
            self.at(&tokens, &mut keys, i, &mut found);
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
        self.address_chain(&tokens, &mut keys, &mut chosen);
        self.resolve(chosen, published)
    }

    /// Every candidate that starts at word `i`.
    fn at(&self, tokens: &[Token], keys: &mut Keys, i: usize, out: &mut Vec<Candidate>) {
        let t = &tokens[i];
        // Lower-case words start only type words and lower-case region forms.
        if !t.cap && !t.digit && !keys.maybe_in(tokens, i, &self.lex.lower_starts) {
            return;
        }
        self.typed(tokens, keys, i, out);
        self.named(tokens, keys, i, out);
        if t.cap {
            self.bare_unit(tokens, keys, i, out);
            self.venue(tokens, keys, i, out);
            self.house_number(tokens, keys, i, out);
        }
    }

    /// Key of words `i..j` joined the way [`canonical_key`](crate::ner::text::canonical_key) joins
    /// them, or None when a gap between them ends a name.
    fn span_key(tokens: &[Token], keys: &mut Keys, i: usize, j: usize) -> Option<String> {
        let mut key = String::new();
        for k in i..j {
            if k > i {
                match tokens[k - 1].gap {
                    Gap::Space => key.push(' '),
                    Gap::Dash => key.push_str(" - "),
                    _ => return None,
                }
            }
            key.push_str(keys.get(tokens, k));
        }
        Some(key)
    }

    /// The longest run of words from `i` (at most `max`) whose key `accept` takes; returns the end
    /// word (exclusive) and what `accept` gave.
    /// `prefixes` holds every word prefix of the lexicon's keys: the run stops growing as soon as
    /// no key starts with it.
    fn longest<T>(
        tokens: &[Token],
        keys: &mut Keys,
        i: usize,
        max: usize,
        prefixes: &HashSet<String>,
        mut accept: impl FnMut(&str, &[Token]) -> Option<T>,
    ) -> Option<(usize, T)> {
        let mut best = None;
        let mut key = String::new();
        let last = (i + max).min(tokens.len());
        for j in i..last {
            if j > i {
                match tokens[j - 1].gap {
                    Gap::Space => key.push(' '),
                    Gap::Dash => key.push_str(" - "),
                    _ => break,
                }
            }
            key.push_str(keys.get(tokens, j));
            if !prefixes.contains(&key) {
                break;
            }
            if let Some(v) = accept(&key, &tokens[i..=j]) {
                best = Some((j + 1, v));
            }
        }
        best
    }

    /// A type word at `i` and the name after it.
    fn typed(&self, tokens: &[Token], keys: &mut Keys, i: usize, out: &mut Vec<Candidate>) {
        let lex = &self.lex;
        let Some((j, words)) = Self::longest(tokens, keys, i, 3, &self.lex.prefixes, |k, _| {
            lex.types.get(k)
        }) else {
            return;
        };
        let gap = tokens[j - 1].gap;
        if j >= tokens.len() {
            return;
        }
        let written = &tokens[i].text;
        for tw in words {
            if tw.abbr {
                let exact = match tw.form {
                    "tp" => matches!(*written, "TP" | "Tp"),
                    other => {
                        written.to_lowercase() == other && written.chars().all(char::is_uppercase)
                    }
                };
                let gap_ok = if tw.dot {
                    gap == Gap::Dot
                } else {
                    matches!(gap, Gap::Dot | Gap::Space)
                };
                if !exact || !gap_ok {
                    continue;
                }
            } else if gap != Gap::Space {
                continue;
            }
            let name_tok = &tokens[j];
            if !name_tok.cap && !name_tok.digit {
                continue;
            }
            let prev = (i > 0 && tokens[i - 1].gap == Gap::Space).then(|| i - 1);
            let prev_key = prev.map(|p| keys.get(tokens, p).to_string());
            let plural = prev_key
                .as_deref()
                .is_some_and(|k| self.lex.plural_cues.contains(k));
            if let Some(prev_key) = prev_key.as_deref() {
                let two = (i > 1 && tokens[i - 2].gap == Gap::Space)
                    .then(|| format!("{} {}", keys.get(tokens, i - 2), prev_key));
                if tw
                    .not_after
                    .iter()
                    .any(|w| w == prev_key || Some(w) == two.as_ref())
                {
                    continue;
                }
            }
            // An all-caps type word is a heading ("XÃ HỘI"): only known names count.
            let shouting = tokens[i].text.chars().filter(|c| c.is_alphabetic()).count() > 1
                && tokens[i].text.chars().all(|c| !c.is_lowercase());
            // A capitalised street, village or terrain word inside a capitalised run is part of a
            // name ("Chủ tịch Hồ Chí Minh"); "hồ" is a lake only in lower case.
            if matches!(
                tw.target,
                Target::Street | Target::Terrain | Target::Village
            ) && tokens[i].cap
                && (tw.form == "hồ" || prev.is_some_and(|p| tokens[p].cap))
            {
                continue;
            }
            let start = if plural {
                name_tok.start
            } else {
                tokens[i].start
            };
            match tw.target {
                Target::Province | Target::City | Target::District(_) | Target::Commune(_) => {
                    let level = match tw.target {
                        Target::Province => Some(Level::Province),
                        Target::District(_) => Some(Level::District),
                        Target::Commune(_) => Some(Level::Commune),
                        _ => None,
                    };
                    let type_word = match tw.target {
                        Target::Province => "tỉnh",
                        Target::City => "thành phố",
                        Target::District(t) | Target::Commune(t) => t,
                        _ => "",
                    };
                    let written_type = if tw.form == "thủ đô" {
                        None
                    } else {
                        Some(type_word)
                    };
                    if let Some((end, ids)) = self.unit_name(tokens, keys, j, tw.target) {
                        let numbered = tokens[j].digit && end == j + 1;
                        out.push(Candidate {
                            start,
                            end: tokens[end - 1].end,
                            rule: if tw.abbr { "type_abbr" } else { "type_word" },
                            what: What::Units {
                                ids,
                                written: written_type,
                                level,
                                numbered,
                                name: String::new(),
                            },
                        });
                        if plural || matches!(tw.target, Target::District(_)) {
                            self.list_after(
                                tokens,
                                keys,
                                end,
                                tw.target,
                                written_type,
                                plural,
                                numbered,
                                out,
                            );
                        }
                    } else if let Some((end, n)) = self
                        .foreign_after_type(tokens, keys, j)
                        .filter(|_| matches!(tw.target, Target::Province | Target::City))
                    {
                        // "thành phố Nagasaki", "tỉnh Vân Nam"
                        out.push(Candidate {
                            start,
                            end: tokens[end - 1].end,
                            rule: "type_word_foreign",
                            what: What::Other {
                                name: n.canonical.to_string(),
                                kind: n.kind,
                            },
                        });
                    } else if !tw.known
                        && !tw.abbr
                        && !shouting
                        && matches!(tw.target, Target::Commune(_) | Target::City)
                    {
                        let surname = self.lex.surnames.contains(keys.get(tokens, j));
                        let free = free_name(tokens, j, 4)
                            .filter(|_| !surname)
                            .filter(|&end| !self.is_bare_place(tokens, keys, j, end));
                        if let Some(end) = free {
                            let name = &self.text_of(tokens, j, end);
                            out.push(Candidate {
                                start,
                                end: tokens[end - 1].end,
                                rule: "type_word_unknown",
                                what: What::Units {
                                    ids: Vec::new(),
                                    written: written_type,
                                    level,
                                    numbered: false,
                                    name: format!("{} {}", capitalise(type_word), name),
                                },
                            });
                        }
                    }
                }
                Target::Street | Target::Terrain | Target::Village => {
                    if name_tok.digit || shouting {
                        continue;
                    }
                    // "tuyến đường Hà Nội - Hải Phòng" links two places, it names no street.
                    let free = free_name(tokens, j, MAX_FREE_WORDS).filter(|&end| {
                        tokens[end - 1].gap != Gap::Dash
                            || !self.is_bare_place(tokens, keys, j, end)
                    });
                    if let Some(end) = free {
                        let (rule, kind) = match tw.target {
                            Target::Street => ("street", "street"),
                            Target::Terrain => ("terrain", "other"),
                            _ => ("village", "other"),
                        };
                        out.push(Candidate {
                            start,
                            end: tokens[end - 1].end,
                            rule,
                            what: What::Other {
                                name: format!(
                                    "{} {}",
                                    capitalise(tw.form),
                                    self.text_of(tokens, j, end)
                                ),
                                kind,
                            },
                        });
                    }
                }
                Target::Country => {
                    if prev_key
                        .as_deref()
                        .is_some_and(|k| self.lex.not_country_word.contains(k))
                    {
                        continue;
                    }
                    let found = Self::longest(
                        tokens,
                        keys,
                        j,
                        self.lex.max_words,
                        &self.lex.prefixes,
                        |k, ws| {
                            lex.named
                                .get(k)
                                .and_then(|v| v.first())
                                .filter(|n| n.kind == "country" && case_fits(n.form, &caps(ws)))
                        },
                    );
                    if let Some((end, n)) = found {
                        out.push(Candidate {
                            start,
                            end: tokens[end - 1].end,
                            rule: "country_nuoc",
                            what: What::Other {
                                name: n.canonical.to_string(),
                                kind: "country",
                            },
                        });
                    }
                }
            }
        }
    }

    /// A foreign city or region at word `j` (after a type word).
    fn foreign_after_type(
        &self,
        tokens: &[Token],
        keys: &mut Keys,
        j: usize,
    ) -> Option<(usize, &lexicon::Named)> {
        let lex = &self.lex;
        Self::longest(tokens, keys, j, lex.max_words, &lex.prefixes, |k, ws| {
            lex.named.get(k).and_then(|v| v.first()).filter(|n| {
                matches!(n.kind, "foreign_city" | "foreign_region") && case_fits(n.form, &caps(ws))
            })
        })
    }

    /// Whether words `j..end` are exactly a country, region or province name ("Xã Việt Nam" in
    /// "Thông tấn Xã Việt Nam" is no commune).
    fn is_bare_place(&self, tokens: &[Token], keys: &mut Keys, j: usize, end: usize) -> bool {
        let Some(key) = Self::span_key(tokens, keys, j, end) else {
            return false;
        };
        self.lex.named.contains_key(&key)
            || self.gaz.by_name.get(&key).is_some_and(|ids| {
                ids.iter()
                    .any(|&id| self.gaz.unit(id).level == Level::Province)
            })
    }

    /// The longest gazetteer name at `j` that fits `target`: (end word, unit ids).
    fn unit_name(
        &self,
        tokens: &[Token],
        keys: &mut Keys,
        j: usize,
        target: Target,
    ) -> Option<(usize, Vec<u32>)> {
        let gaz = &self.gaz;
        Self::longest(
            tokens,
            keys,
            j,
            gaz.max_words,
            &self.gaz.prefixes,
            |k, ws| {
                let ids = gaz.by_name.get(k)?;
                let fits: Vec<u32> = ids
                    .iter()
                    .copied()
                    .filter(|&id| {
                        let u = gaz.unit(id);
                        match target {
                            Target::Province => u.level == Level::Province,
                            Target::City => {
                                u.type_word == "thành phố"
                                    && matches!(u.level, Level::Province | Level::District)
                            }
                            Target::District(_) => u.level == Level::District,
                            Target::Commune(_) => u.level == Level::Commune,
                            _ => false,
                        }
                    })
                    .collect();
                let first = fits.first()?;
                let all_upper = ws.iter().all(|w| w.cap || w.digit);
                (all_upper || case_fits(gaz.unit(*first).short, &caps(ws))).then_some(fits)
            },
        )
    }

    /// Names listed after a type word: "các huyện Ba Vì, Thạch Thất và Quốc Oai", "hai quận 1 và
    /// 3". After a singular type word ("huyện đảo Trường Sa, Lý Sơn") a name that is also a
    /// province is the next link of an address instead ("huyện Châu Thành, Bến Tre").
    #[allow(clippy::too_many_arguments)]
    fn list_after(
        &self,
        tokens: &[Token],
        keys: &mut Keys,
        mut end: usize,
        target: Target,
        written: Option<&'static str>,
        plural: bool,
        numbered: bool,
        out: &mut Vec<Candidate>,
    ) {
        let starts_item = |t: &Token| if numbered { t.digit } else { t.cap && !t.digit };
        while end < tokens.len() {
            let mut j = match tokens[end - 1].gap {
                Gap::Comma => end,
                Gap::Space if keys.get(tokens, end) == "và" && tokens[end].gap == Gap::Space => {
                    end + 1
                }
                _ => return,
            };
            if j < tokens.len() && keys.get(tokens, j) == "và" && tokens[j].gap == Gap::Space {
                j += 1;
            }
            if j >= tokens.len()
                || !starts_item(&tokens[j])
                || self.lex.types.contains_key(keys.get(tokens, j))
            {
                return;
            }
            let Some((e, ids)) = self.unit_name(tokens, keys, j, target) else {
                return;
            };
            if numbered && e != j + 1 {
                return;
            }
            if !plural {
                let key = Self::span_key(tokens, keys, j, e).unwrap_or_default();
                let province = self.gaz.by_name.get(&key).is_some_and(|ids| {
                    ids.iter()
                        .any(|&id| self.gaz.unit(id).level == Level::Province)
                });
                if province {
                    return;
                }
            }
            out.push(Candidate {
                start: tokens[j].start,
                end: tokens[e - 1].end,
                rule: "list",
                what: What::Units {
                    ids,
                    written,
                    level: None,
                    numbered,
                    name: String::new(),
                },
            });
            end = e;
        }
    }

    /// Regions, countries and foreign cities named bare.
    fn named(&self, tokens: &[Token], keys: &mut Keys, i: usize, out: &mut Vec<Candidate>) {
        let lex = &self.lex;
        let found = Self::longest(
            tokens,
            keys,
            i,
            lex.max_words,
            &self.lex.prefixes,
            |k, ws| {
                lex.named
                    .get(k)
                    .and_then(|v| v.first())
                    .filter(|n| case_fits(n.form, &caps(ws)) && (ws[0].cap || !first_upper(n.form)))
            },
        );
        let Some((end, n)) = found else { return };
        if self.blocked(tokens, keys, i, end) {
            return;
        }
        if n.weak && !self.weak_ok(tokens, keys, i, end) {
            return;
        }
        out.push(Candidate {
            start: tokens[i].start,
            end: tokens[end - 1].end,
            rule: n.kind,
            what: What::Other {
                name: n.canonical.to_string(),
                kind: n.kind,
            },
        });
    }

    /// A weak country counts after a cue word or next to another country.
    fn weak_ok(&self, tokens: &[Token], keys: &mut Keys, i: usize, end: usize) -> bool {
        // Followed by a capitalised word it is part of a longer name ("Mỹ Đức", "Anh Sơn").
        if end < tokens.len() && tokens[end - 1].gap == Gap::Space && tokens[end].cap {
            return false;
        }
        if i > 0 && tokens[i - 1].gap == Gap::Space {
            let prev = keys.get(tokens, i - 1).to_string();
            if self.lex.country_cues.contains(&prev) {
                // "và" and "với" need a country on the other side too ("Anh và Pháp").
                return true;
            }
        }
        let neighbour = |k: usize, keys: &mut Keys| {
            let lex = &self.lex;
            Self::longest(
                tokens,
                keys,
                k,
                lex.max_words,
                &self.lex.prefixes,
                |key, ws| {
                    lex.named
                        .get(key)
                        .and_then(|v| v.first())
                        .filter(|n| n.kind == "country" && !n.weak && ws[0].cap)
                },
            )
            .is_some()
        };
        (end < tokens.len() && tokens[end - 1].gap == Gap::Comma && neighbour(end, keys))
            || (i > 0 && tokens[i - 1].gap == Gap::Comma && {
                // the previous word ends a country: try starts up to 3 words back
                (i.saturating_sub(3)..i).any(|s| {
                    Self::longest(tokens, keys, s, i - s, &self.lex.prefixes, |key, _| {
                        self.lex
                            .named
                            .get(key)
                            .and_then(|v| v.first())
                            .filter(|n| n.kind == "country")
                    })
                    .is_some_and(|(e, _)| e == i)
                })
            })
    }

    /// Whether a bare name at words `i..end` is part of something else: a person's name
    /// ("Phạm Thái Bình"), a language ("tiếng Anh"), or a longer capitalised run after an honorific.
    fn blocked(&self, tokens: &[Token], keys: &mut Keys, i: usize, end: usize) -> bool {
        // A name followed by a three-digit number names a ship or rig ("Hải Dương 981").
        if end < tokens.len()
            && tokens[end - 1].gap == Gap::Space
            && tokens[end].text.len() == 3
            && tokens[end].text.bytes().all(|b| b.is_ascii_digit())
        {
            return true;
        }
        if i == 0 {
            return false;
        }
        // Photo credits name people ("(Ảnh: Minh Hải)").
        if tokens[i - 1].gap == Gap::Other && keys.get(tokens, i - 1) == "ảnh" {
            return true;
        }
        if tokens[i - 1].gap != Gap::Space {
            return false;
        }
        let prev_key = keys.get(tokens, i - 1).to_string();
        if self.lex.bare_blockers.contains(&prev_key) {
            return true;
        }
        if i > 1 && tokens[i - 2].gap == Gap::Space {
            let two = format!("{} {}", keys.get(tokens, i - 2), prev_key);
            if self.lex.bare_blockers.contains(&two) {
                return true;
            }
        }
        // Start of the capitalised run that ends just before i.
        let mut s = i;
        while s > 0 && tokens[s - 1].gap == Gap::Space && tokens[s - 1].cap {
            s -= 1;
        }
        // A capitalised honorific may open the run ("Bà Nguyễn Thị Huế").
        while s < i && self.lex.bare_blockers.contains(keys.get(tokens, s)) {
            s += 1;
        }
        s < i && i - s <= 3 && {
            let first = keys.get(tokens, s).to_string();
            self.lex.surnames.contains(&first)
                && (s == 0
                    || tokens[s - 1].gap != Gap::Space
                    || !self.lex.types.contains_key(keys.get(tokens, s - 1)))
        }
    }

    /// Provinces (and well-known district-level cities) named without a type word.
    fn bare_unit(&self, tokens: &[Token], keys: &mut Keys, i: usize, out: &mut Vec<Candidate>) {
        let gaz = &self.gaz;
        let lex = &self.lex;
        let found = Self::longest(
            tokens,
            keys,
            i,
            gaz.max_words,
            &self.gaz.prefixes,
            |k, ws| {
                if k == "hồ chí minh" || !ws.iter().all(|w| w.cap) {
                    return None;
                }
                let ids = gaz.by_name.get(k)?;
                let bare = lex.bare_units.get(k);
                let fits: Vec<u32> = ids
                    .iter()
                    .copied()
                    .filter(|&id| {
                        let u = gaz.unit(id);
                        u.level == Level::Province
                            || bare.is_some_and(|&(province, typ)| {
                                u.level == Level::District
                                    && u.province == province
                                    && u.type_word == typ
                            })
                    })
                    .collect();
                (!fits.is_empty()).then_some(fits)
            },
        );
        let Some((end, ids)) = found else { return };
        if self.blocked(tokens, keys, i, end) {
            return;
        }
        out.push(Candidate {
            start: tokens[i].start,
            end: tokens[end - 1].end,
            rule: "bare",
            what: What::Units {
                ids,
                written: None,
                level: None,
                numbered: false,
                name: String::new(),
            },
        });
    }

    /// Venues: "Nhà hát Lớn Hà Nội", "Phủ Chủ tịch", "Nghĩa trang liệt sĩ Thành phố".
    fn venue(&self, tokens: &[Token], keys: &mut Keys, i: usize, out: &mut Vec<Candidate>) {
        let lex = &self.lex;
        let Some((j, head)) = Self::longest(
            tokens,
            keys,
            i,
            lex.max_words,
            &self.lex.prefixes,
            |k, ws| lex.venues.get(k).filter(|h| case_fits(h.form, &caps(ws))),
        ) else {
            return;
        };
        if i > 0 && tokens[i - 1].gap == Gap::Space && tokens[i - 1].cap {
            return; // inside a longer name ("Lê Đình ...")
        }
        let mut end = j;
        let mut k = j;
        // Tail: capitalised words, numbers, administrative type words ("thành phố", "tỉnh": a
        // trailing one belongs to the name, "Nghĩa trang liệt sĩ Thành phố"), and short
        // lower-case bridges between capitalised words ("Thành cổ Quảng Trị").
        while k < tokens.len() && tokens[k - 1].gap == Gap::Space && k - j <= 10 {
            if let Some(w) = self.admin_type_len(tokens, keys, k) {
                k += w;
                let name_follows = k < tokens.len()
                    && tokens[k - 1].gap == Gap::Space
                    && (tokens[k].cap || tokens[k].digit);
                if !name_follows {
                    end = k;
                    break;
                }
                continue;
            }
            if tokens[k].cap || (tokens[k].digit && k > j) {
                k += 1;
                end = k;
                continue;
            }
            // A lower-case second half of a capitalised compound ("Quốc gia", "Thanh niên").
            if end == k
                && tokens[k - 1].cap
                && Self::span_key(tokens, keys, k - 1, k + 1)
                    .is_some_and(|pair| self.lex.venue_pairs.contains(&pair))
            {
                k += 1;
                end = k;
                continue;
            }
            let bridge = (1..=2).find(|&n| {
                k + n < tokens.len()
                    && (k..k + n).all(|b| {
                        tokens[b].gap == Gap::Space
                            && !tokens[b].cap
                            && !tokens[b].digit
                            && !self.lex.venue_stops.contains(keys.get(tokens, b))
                    })
                    && tokens[k + n].cap
            });
            match bridge {
                Some(n) => k += n,
                None => break,
            }
        }
        if head.needs_name && end == j {
            return;
        }
        let end_byte = tokens[end - 1].end;
        out.push(Candidate {
            start: tokens[i].start,
            end: end_byte,
            rule: "venue",
            what: What::Other {
                name: self.text_of(tokens, i, end),
                kind: "venue",
            },
        });
    }

    /// A street right after a house number: "số 19C Hoàng Diệu, ...".
    fn house_number(&self, tokens: &[Token], keys: &mut Keys, i: usize, out: &mut Vec<Candidate>) {
        if i == 0 || !tokens[i - 1].digit || tokens[i - 1].gap != Gap::Space || i < 2 {
            return;
        }
        if keys.get(tokens, i - 2) != "số" || tokens[i - 2].gap != Gap::Space {
            return;
        }
        if tokens[i - 1].text.len() > 5 {
            return;
        }
        let Some(end) = free_name(tokens, i, 5) else {
            return;
        };
        if tokens[end - 1].gap != Gap::Comma {
            return;
        }
        out.push(Candidate {
            start: tokens[i].start,
            end: tokens[end - 1].end,
            rule: "house_number",
            what: What::Other {
                name: format!("Đường {}", self.text_of(tokens, i, end)),
                kind: "street",
            },
        });
    }

    /// Adds bare district and commune names of an address chain, right to left:
    /// "..., Ba Đình, Hà Nội" (a unit whose parent is named right after it).
    fn address_chain(&self, tokens: &[Token], keys: &mut Keys, chosen: &mut Vec<Candidate>) {
        let mut added: Vec<Candidate> = Vec::new();
        for c in chosen.iter() {
            let What::Units { ids: parents, .. } = &c.what else {
                continue;
            };
            let mut parents = parents.clone();
            let mut right_start = c.start;
            // The word right before the comma in front of this place.
            while let Some(last) = tokens
                .partition_point(|t| t.end <= right_start)
                .checked_sub(1)
            {
                if tokens[last].gap != Gap::Comma || tokens[last].end + 3 < right_start {
                    break;
                }
                let mut hit = None;
                for len in 1..=4.min(last + 1) {
                    let s = last + 1 - len;
                    if !tokens[s..=last].iter().all(|t| t.cap) {
                        break;
                    }
                    let boundary = s == 0
                        || tokens[s - 1].gap != Gap::Space
                        || tokens[s - 1].digit
                        || !tokens[s - 1].cap;
                    if !boundary {
                        continue;
                    }
                    let Some(key) = Self::span_key(tokens, keys, s, last + 1) else {
                        break;
                    };
                    let Some(ids) = self.gaz.by_name.get(&key) else {
                        continue;
                    };
                    let inside: Vec<u32> = ids
                        .iter()
                        .copied()
                        .filter(|&id| {
                            let u = self.gaz.unit(id);
                            u.level != Level::Province
                                && parents.iter().any(|&p| {
                                    let pu = self.gaz.unit(p);
                                    pu.level != Level::Commune
                                        && pu.is_post_reform() == u.is_post_reform()
                                        && (if pu.level == Level::Province {
                                            pu.code == u.province
                                        } else {
                                            pu.code == u.district
                                        })
                                })
                        })
                        .collect();
                    // Right before a province comes a district, before a district a commune.
                    let parent_is_province = parents
                        .iter()
                        .any(|&p| self.gaz.unit(p).level == Level::Province);
                    let want = if parent_is_province {
                        Level::District
                    } else {
                        Level::Commune
                    };
                    let preferred: Vec<u32> = inside
                        .iter()
                        .copied()
                        .filter(|&id| self.gaz.unit(id).level == want)
                        .collect();
                    let inside = if preferred.is_empty() {
                        inside
                    } else {
                        preferred
                    };
                    if !inside.is_empty() {
                        hit = Some((s, inside));
                    }
                }
                let Some((s, ids)) = hit else { break };
                let start = tokens[s].start;
                let end = tokens[last].end;
                if chosen.iter().any(|o| o.start < end && start < o.end) {
                    break;
                }
                added.push(Candidate {
                    start,
                    end,
                    rule: "address",
                    what: What::Units {
                        ids: ids.clone(),
                        written: None,
                        level: None,
                        numbered: false,
                        name: String::new(),
                    },
                });
                parents = ids;
                right_start = start;
            }
        }
        chosen.extend(added);
        chosen.sort_by_key(|c| c.start);
    }

    /// Length in words of an administrative type word at `k` ("thành phố", "tỉnh"), if any.
    fn admin_type_len(&self, tokens: &[Token], keys: &mut Keys, k: usize) -> Option<usize> {
        (1..=2).rev().find(|&n| {
            k + n <= tokens.len()
                && Self::span_key(tokens, keys, k, k + n).is_some_and(|key| {
                    self.lex.types.get(&key).is_some_and(|ws| {
                        ws.iter().any(|w| {
                            !w.abbr
                                && matches!(
                                    w.target,
                                    Target::Province
                                        | Target::City
                                        | Target::District(_)
                                        | Target::Commune(_)
                                )
                        })
                    })
                })
        })
    }

    fn text_of(&self, tokens: &[Token], i: usize, end: usize) -> String {
        let _ = self;
        tokens
            .get(i..end)
            .and_then(|ws| Some((ws.first()?.start, ws.last()?.end)))
            .map(|(s, e)| tokens_text(tokens, s, e))
            .unwrap_or_default()
    }
}

/// Text between two byte offsets, white space folded, rebuilt from the words (the finder never
/// holds the original text here: words carry their own slices).
fn tokens_text(tokens: &[Token], start: usize, end: usize) -> String {
    let mut out = String::new();
    for (n, t) in tokens
        .iter()
        .filter(|t| t.start >= start && t.end <= end)
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

impl PlaceFinder {
    /// Era and context resolution of the chosen candidates.
    fn resolve(&self, chosen: Vec<Candidate>, published: Option<Ymd>) -> Vec<PlaceFound> {
        let gaz = &self.gaz;
        // First pass: units by era; unique ones become anchors.
        let mut picks: Vec<Option<(Era, Vec<u32>)>> = Vec::with_capacity(chosen.len());
        let mut anchors: Vec<Anchor> = Vec::new();
        for c in &chosen {
            let pick = match &c.what {
                What::Units { ids, written, .. } => {
                    let strict: Vec<u32> = match written {
                        Some(w) => ids
                            .iter()
                            .copied()
                            .filter(|&id| gaz.unit(id).type_word == *w)
                            .collect(),
                        None => Vec::new(),
                    };
                    let pool = if strict.is_empty() { ids } else { &strict };
                    resolve::by_era(gaz, pool, published)
                }
                What::Other { .. } => None,
            };
            if let Some((_, units)) = &pick {
                if units.len() == 1 {
                    anchors.push(Anchor {
                        at: c.start,
                        id: units[0],
                    });
                }
            }
            picks.push(pick);
        }
        // Second pass: same-named units by the parents named nearby (provinces first, so a
        // district resolved here can anchor a commune).
        let mut resolved: Vec<Option<(Era, u32)>> = picks
            .iter()
            .map(|p| match p {
                Some((era, units)) if units.len() == 1 => Some((*era, units[0])),
                _ => None,
            })
            .collect();
        for _round in 0..2 {
            for (n, c) in chosen.iter().enumerate() {
                if resolved[n].is_some() {
                    continue;
                }
                let Some((era, units)) = &picks[n] else {
                    continue;
                };
                if let Some(id) = resolve::by_context(gaz, units, c.start, &anchors) {
                    resolved[n] = Some((*era, id));
                    anchors.push(Anchor { at: c.start, id });
                }
            }
        }
        let mut out = Vec::with_capacity(chosen.len());
        for (n, c) in chosen.into_iter().enumerate() {
            let (name, kind) = match &c.what {
                What::Other { name, kind } => (name.clone(), kind.to_string()),
                What::Units {
                    ids,
                    level,
                    numbered,
                    name,
                    ..
                } => {
                    if *numbered && resolved[n].is_none() {
                        continue;
                    }
                    match resolved[n] {
                        Some((era, id)) => {
                            let u = gaz.unit(id);
                            out.push(PlaceFound {
                                start: c.start,
                                end: c.end,
                                rule: c.rule,
                                name: u.full_name(),
                                kind: u.level.as_str().to_string(),
                                unit: Some(gaz.unit_ref(id, era)),
                                province: gaz.province_ref(id, era),
                                current: if era == Era::Y2025 {
                                    Vec::new()
                                } else {
                                    gaz.current(id)
                                },
                            });
                            continue;
                        }
                        None => {
                            let level = level.or_else(|| {
                                let first = gaz.unit(*ids.first()?).level;
                                ids.iter()
                                    .all(|&id| gaz.unit(id).level == first)
                                    .then_some(first)
                            });
                            let name = if name.is_empty() {
                                ids.first()
                                    .map(|&id| gaz.unit(id).full_name())
                                    .unwrap_or_default()
                            } else {
                                name.clone()
                            };
                            (name, level.map_or("other", Level::as_str).to_string())
                        }
                    }
                }
            };
            out.push(PlaceFound {
                start: c.start,
                end: c.end,
                rule: c.rule,
                name,
                kind,
                unit: None,
                province: None,
                current: Vec::new(),
            });
        }
        out
    }
}
