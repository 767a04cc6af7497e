//! Organisations: "Sở Nội vụ tỉnh Lâm Đồng", "UBND Thành phố", "Bộ TT&TT", "Báo Nhân Dân".
//!
//! [`OrgFinder::find_in`] takes the organisation words of the shared tokens ([`Tokens::org`]; gap
//! signatures in `words`), then walks them left to right: at
//! each word the parser (`parse`) tries a complete name of the lexicon and a head noun with its
//! body — a domain after "Sở"/"Bộ" (`domain`), name words after "Công ty" (`name`) — and its
//! qualifiers (`qualifier`): a place (the place recogniser's spans, or a type word with its name)
//! or a parent body. Elided list members ("các sở: Tài chính, Nội vụ") are one organisation each.
//! A second pass finds later bare uses of abbreviations that the text defined in parentheses
//! ("... Thành phố (ĐUKCCQTP)"), photo credits ("Ảnh: BNV") and police unit codes ("PC67").
//! Generic and plural references ("các Sở", "UBND các tỉnh") and heads without a body ("Sở",
//! "Đảng ủy Sở") are skipped; the word classes that decide this (`rules::OrgClass`) are data in
//! `data/lexicon/org/words.tsv`. Heads and names (`lexicon`: phrase tables over words and gap
//! signatures, kinds as [`OrgKind`]) are derived from the shared vocabulary and the in-repo
//! `*_extra.tsv` files by `scripts/derive_org_lexicon.py` into `data/lexicon/org/` and loaded once
//! into [`Lexicons`]; a mention reports its [`OrgRule`]. The scanner reads the gaps between words
//! once per text, and rules compare words by their vocabulary numbers (`keys`), resolved once in
//! [`OrgFinder::new`].

mod club;
mod cue;
mod domain;
mod keys;
mod lexicon;
mod name;
mod parse;
mod qualifier;
mod rules;
mod words;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use keys::{GapNumbers, RuleWords};
pub use lexicon::{Lexicon, OrgKind};
use parse::{squash, squash_owned, Org, Scanner};
use rules::OrgClass;

use crate::ner::lexicons::Lexicons;
use crate::ner::phrase::Vocab;
use crate::ner::tokens::Tokens;

/// The rule that found an organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum OrgRule {
    /// A complete name of the lexicon ("Bộ Nội vụ", "UNESCO").
    #[serde(rename = "lexicon")]
    Lexicon,
    /// A head with what its mode asks for (a place, a parent).
    #[serde(rename = "head")]
    Head,
    /// "Sở"/"Bộ"/"Phòng" and a domain ("Sở Nội vụ").
    #[serde(rename = "head+domain")]
    HeadDomain,
    /// A head that needs an owner, with it ("UBND tỉnh").
    #[serde(rename = "head+owner")]
    HeadOwner,
    /// "Báo"/"Đài" and an outlet of the lexicon ("Báo Nhân Dân").
    #[serde(rename = "head+outlet")]
    HeadOutlet,
    /// A head and name words ("Công ty Hanel").
    #[serde(rename = "head+name")]
    HeadName,
    /// An emulation cluster ("Cụm thi đua số II").
    #[serde(rename = "cluster")]
    Cluster,
    /// A member of an elided list ("các sở: Tài chính, Nội vụ").
    #[serde(rename = "elided_list")]
    ElidedList,
    /// An abbreviation the text defined in parentheses, used again.
    #[serde(rename = "alias")]
    Alias,
    /// A police unit code ("PC67").
    #[serde(rename = "police_code")]
    PoliceCode,
    /// A photo credit ("Ảnh: BNV").
    #[serde(rename = "credit")]
    Credit,
    /// A dynasty or historical state after its head ("nhà Thanh", "quân Tây Sơn").
    #[serde(rename = "dynasty")]
    Dynasty,
    /// A name after a noun that says what it is ("ban nhạc Bức Tường", "thương hiệu Unitel").
    #[serde(rename = "cue")]
    Cue,
    /// A sports club named by its province in a match report ("Nam Định thắng Hải Phòng 2-1").
    #[serde(rename = "club")]
    Club,
}

impl OrgRule {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgRule::Lexicon => "lexicon",
            OrgRule::Head => "head",
            OrgRule::HeadDomain => "head+domain",
            OrgRule::HeadOwner => "head+owner",
            OrgRule::HeadOutlet => "head+outlet",
            OrgRule::HeadName => "head+name",
            OrgRule::Cluster => "cluster",
            OrgRule::ElidedList => "elided_list",
            OrgRule::Alias => "alias",
            OrgRule::PoliceCode => "police_code",
            OrgRule::Credit => "credit",
            OrgRule::Dynasty => "dynasty",
            OrgRule::Cue => "cue",
            OrgRule::Club => "club",
        }
    }
}

/// One organisation mention found in a text; `start`/`end` are byte offsets.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgFound {
    pub start: usize,
    pub end: usize,
    pub rule: OrgRule,
    /// Canonical name, abbreviations expanded ("Ủy ban nhân dân tỉnh Khánh Hòa").
    pub name: String,
    pub kind: OrgKind,
    /// The mention as written when it abbreviates ("UBND tỉnh Khánh Hòa", "BNV").
    pub abbreviation: Option<String>,
    pub parent: Option<String>,
    pub place: Option<String>,
    pub successor: Option<String>,
}

/// The organisation recogniser over the organisation lexicon.
#[derive(Debug, Clone)]
pub struct OrgFinder {
    vocab: Arc<Vocab>,
    lexicon: Arc<Lexicon>,
    rule_words: Arc<RuleWords>,
    gap_numbers: Arc<GapNumbers>,
}

impl OrgFinder {
    pub fn new(lexicons: &Lexicons) -> OrgFinder {
        OrgFinder {
            vocab: Arc::clone(&lexicons.vocab),
            lexicon: Arc::clone(&lexicons.orgs),
            rule_words: Arc::new(RuleWords::new(&lexicons.vocab)),
            gap_numbers: Arc::new(GapNumbers::new(&lexicons.vocab)),
        }
    }

    /// Finds the organisations of one text. `places` are the byte spans of place mentions, which
    /// an organisation name takes in as its qualifier ("Sở Nội vụ" + " tỉnh Lâm Đồng").
    pub fn find(&self, text: &str, places: &[(usize, usize)]) -> Vec<OrgFound> {
        self.find_in(&Tokens::with_vocab(text, &self.vocab), places)
    }

    /// Finds the organisations of a tokenised text.
    pub fn find_in(&self, tokens: &Tokens<'_>, places: &[(usize, usize)]) -> Vec<OrgFound> {
        let scanner = Scanner::new(tokens, self, places);
        let mut orgs: Vec<Org> = Vec::new();
        let mut i = 0;
        while i < scanner.words.len() {
            if let Some(org) = scanner.dynasty_at(i) {
                i = org.last;
                orgs.push(org);
                continue;
            }
            if let Some((end, members)) = scanner.elided_list(i).or_else(|| scanner.cued_names(i)) {
                orgs.extend(members);
                i = end.max(i + 1);
                continue;
            }
            if let Some(org) = scanner.club_at(i) {
                i = org.last;
                orgs.push(org);
                continue;
            }
            if scanner.generic_before(i) {
                // "các đội tuyển Việt Nam": the whole head is generic, not only its first word.
                if let Some((end, _)) = scanner.head_at(i) {
                    i = end;
                    continue;
                }
            } else {
                if let Some(org) = scanner.org_at(i, 0) {
                    // "Sở Y tế các tỉnh", "phòng Nội vụ của 21 huyện": one office of many units.
                    let of_many = |k: usize| {
                        scanner.soft(k)
                            && (scanner.is_any_key(k, &[scanner.kw.cac, scanner.kw.nhung])
                                || scanner.words.get(k).is_some_and(|w| w.number))
                    };
                    let plural_after = matches!(
                        org.kind,
                        OrgKind::Department | OrgKind::Ministry | OrgKind::Office
                    ) && org.place.is_none()
                        && (scanner.is_key(org.last, scanner.kw.cac) && scanner.soft(org.last)
                            || scanner.is_key(org.last, scanner.kw.cua)
                                && scanner.soft(org.last)
                                && of_many(org.last + 1));
                    // "các huyện Nam Trực, Vụ Bản": a head and a name the place recogniser
                    // found as one place is that place.
                    let place_itself = org.rule == OrgRule::HeadName
                        && org.place.is_none()
                        && org.parent.is_none()
                        && scanner.place_span_at(scanner.words[org.first].start)
                            == Some(scanner.words[org.last - 1].end);
                    if place_itself {
                        i = org.last;
                        continue;
                    }
                    if !plural_after {
                        let floor = orgs.last().map_or(0, |o| o.last);
                        let org =
                            scanner.with_seat(scanner.with_country(
                                scanner.with_branch(scanner.with_sub_body(org, floor)),
                            ));
                        i = org.last.max(i + 1);
                        orgs.push(org);
                        continue;
                    }
                }
            }
            i += 1;
        }
        let extra = second_pass(&scanner, &orgs);
        orgs.extend(extra);
        orgs.sort_by_key(|o| o.first);
        orgs.into_iter()
            .filter_map(|org| found(&scanner, org))
            .collect()
    }
}

/// Abbreviations defined in parentheses, photo credits and police unit codes.
fn second_pass(scanner: &Scanner, orgs: &[Org]) -> Vec<Org> {
    let mut taken = vec![false; scanner.words.len()];
    for org in orgs {
        for k in org.first..org.last.min(taken.len()) {
            taken[k] = true;
        }
    }
    let mut aliases: Vec<(String, String, OrgKind)> = Vec::new();
    let mut out = cue::repeated_names(scanner, orgs, &taken);
    for org in &out {
        taken[org.first..org.last].fill(true);
    }
    for org in orgs {
        let k = org.last;
        let defined = scanner.gap(k).trim() == "("
            && scanner.gap(k + 1).trim_start().starts_with(')')
            && scanner.words.get(k).is_some_and(|w| w.capital)
            && !taken.get(k).copied().unwrap_or(true)
            // "Metfone (Campuchia)": a place in parentheses says where, it abbreviates nothing.
            && org.rule != OrgRule::Cue
            && scanner.place_span_at(scanner.words[k].start).is_none();
        if defined && !abbreviates_domain(scanner, org, k) {
            let alias = scanner.surface(k, k + 1).to_string();
            aliases.push((alias, org.name.clone(), org.kind));
        }
    }
    for (k, word) in scanner.words.iter().enumerate() {
        if taken.get(k).copied().unwrap_or(true) {
            continue;
        }
        // An alias, a police code (four bytes) or a credit (an acronym) at most.
        if aliases.is_empty() && word.end - word.start != 4 && !word.acronym {
            continue;
        }
        let written = scanner.surface(k, k + 1);
        let org = |rule: OrgRule, name: String, kind: OrgKind| Org {
            first: k,
            last: k + 1,
            rule,
            name,
            kind,
            abbreviated: true,
            parent: None,
            place: None,
            successor: None,
        };
        if let Some((_, name, kind)) = aliases.iter().find(|(alias, _, _)| alias == written) {
            out.push(org(OrgRule::Alias, name.clone(), *kind));
        } else if police_code(written) {
            out.push(org(
                OrgRule::PoliceCode,
                written.to_string(),
                OrgKind::Security,
            ));
        } else if word.acronym
            && k > 0
            && scanner.is_any_key(k - 1, &[scanner.kw.anh, scanner.kw.nguon])
            && scanner.gap(k).trim() == ":"
            && !scanner.soft(k + 1)
            && !in_document_number(scanner, k)
            && !scanner.lex.words.has_written(OrgClass::NotCredit, written)
        {
            out.push(org(OrgRule::Credit, written.to_string(), OrgKind::Media));
        }
    }
    out
}

/// "(NN&PTNT)" after "Sở Nông nghiệp và Phát triển nông thôn" abbreviates the domain, not the body.
fn abbreviates_domain(scanner: &Scanner, org: &Org, k: usize) -> bool {
    let letters: String = scanner
        .surface(k, k + 1)
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    let initials = |first: usize| -> String {
        (first..org.last)
            .filter(|&m| !scanner.is_key(m, scanner.kw.va))
            .filter_map(|m| scanner.surface(m, m + 1).chars().next())
            .flat_map(char::to_uppercase)
            .collect()
    };
    (org.first + 1..org.last).any(|first| initials(first) == letters)
}

/// Police unit codes: "PC67", "PA05".
fn police_code(word: &str) -> bool {
    let bytes = word.as_bytes();
    bytes.len() == 4
        && matches!(&bytes[..2], b"PC" | b"PA" | b"PV" | b"PX" | b"PK" | b"PH")
        && bytes[2..].iter().all(u8::is_ascii_digit)
}

/// Word `k` is part of a document number ("54/KH-UBND", "798/QĐ-BTTTT", "15/2008/QH12"): the
/// run of non-space text it stands in holds a slash or a digit beside it. "HĐND-UBND" is two
/// bodies.
fn in_document_number(scanner: &Scanner, k: usize) -> bool {
    let Some(word) = scanner.words.get(k) else {
        return false;
    };
    let text = scanner.text;
    // After the last white space before the word (a no-break space is two bytes).
    let chunk_start = text[..word.start]
        .char_indices()
        .rfind(|(_, c)| c.is_whitespace())
        .map_or(0, |(at, c)| at + c.len_utf8());
    let chunk_end = text[word.end..]
        .find(char::is_whitespace)
        .map_or(text.len(), |at| word.end + at);
    // Around the word, not in it: "PC67" is a unit code, not a number.
    let marks = |s: &str| s.contains(|c: char| c == '/' || c.is_ascii_digit());
    marks(&text[chunk_start..word.start]) || marks(&text[word.end..chunk_end])
}

fn found(scanner: &Scanner, org: Org) -> Option<OrgFound> {
    let first = scanner.words.get(org.first)?;
    let last = scanner.words.get(org.last.checked_sub(1)?)?;
    // Acronyms inside document numbers ("Kế hoạch số 54/KH-UBND") are not mentions of a body.
    if org.last == org.first + 1 && first.acronym && in_document_number(scanner, org.first) {
        return None;
    }
    let written = scanner.text.get(first.start..last.end)?;
    Some(OrgFound {
        start: first.start,
        end: last.end,
        rule: org.rule,
        name: squash_owned(org.name),
        kind: org.kind,
        abbreviation: org.abbreviated.then(|| squash(written)),
        parent: org.parent,
        place: org.place,
        successor: org.successor,
    })
}
