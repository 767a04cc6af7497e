//! The organisation lexicons, parsed once from the files under `data/lexicon/org/`.
//!
//! `scripts/derive_org_lexicon.py` writes those files from the shared vocabulary: head nouns with
//! the way their name continues (`heads.tsv`), complete names and acronyms (`names.tsv`), the
//! domains of ministries and departments with their 2025 successors (`domains.tsv`) and bare place
//! names that may follow a name (`places.tsv`). Every entry is split into word keys so the parser
//! can compare it with the words of a text; entries are grouped by their first key, longest first.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;

use super::words::{entry_keys, entry_words};
use crate::ner::lexicons::{LexiconError, Sources};

/// How the words after a head complete an organisation name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    /// "Sở", "Bộ", "Phòng": a domain ("Nội vụ") or its initials ("TT&TT").
    Domain,
    /// Needs a place or a parent body: "UBND tỉnh", "Thanh tra Sở TT&TT".
    Owner,
    /// Complete by itself: "Thành ủy", "Tỉnh đoàn".
    Alone,
    /// Needs name words that start with a capital: "Công ty Hanel", "Báo Nhân Dân".
    Name,
    /// Name words may start lower case: "Công ty cổ phần ...", "Ban Quản lý các dự án ...".
    LowerName,
    /// Emulation clusters: "Cụm thi đua số II", "Cụm thi đua Sở Nội vụ các tỉnh, thành ...".
    Cluster,
}

/// A head noun ("Ủy ban nhân dân", "UBND", "Sở").
#[derive(Debug)]
pub struct Head {
    pub keys: Vec<String>,
    pub gaps: Vec<String>,
    pub kind: String,
    pub mode: Mode,
    pub canonical: String,
    /// Written as an abbreviation ("UBND", "Đài PTTH").
    pub abbreviated: bool,
    /// May be written lower case before a capitalised name ("báo Kinh tế & Đô thị").
    pub lower_ok: bool,
}

/// Heads that may be written lower case ("báo Kinh tế & Đô thị", "trường THCS Thăng Long").
const LOWER_HEADS: &[&str] = &[
    "báo",
    "báo điện tử",
    "trường thpt",
    "trường thcs",
    "trường tiểu học",
    "trường đại học",
    "phòng",
    "quỹ",
    "công ty",
    "công ty cổ phần",
    "công ty tnhh",
    "bệnh viện",
    "đài",
    "tạp chí",
];

/// A complete name ("Bộ Nội vụ", "UNESCO", "Hà Nội mới").
#[derive(Debug)]
pub struct Name {
    pub surface: String,
    pub keys: Vec<String>,
    pub gaps: Vec<String>,
    pub kind: String,
    pub canonical: String,
    pub successor: Option<String>,
    /// The written case of every word must match the entry's.
    pub case: bool,
    /// Counts without a head noun before it (outlets, brands, acronyms).
    pub bare: bool,
    /// Each word of the entry as written (compared exactly for `case` entries).
    pub written: Vec<String>,
}

/// A domain of ministries, departments and offices ("Thông tin và Truyền thông").
#[derive(Debug)]
pub struct Domain {
    pub canonical: String,
    /// Content word keys, connectors ("và", "-", ",") left out.
    pub content: Vec<String>,
    /// Initials of the content words, upper case ("TTTT", "LĐTBXH").
    pub initials: String,
    pub ministry_successor: Option<String>,
    pub department_successor: Option<String>,
}

/// Every lexicon of the organisation recogniser.
#[derive(Debug)]
pub struct Lexicon {
    pub heads: HashMap<String, Vec<Head>>,
    pub names: HashMap<String, Vec<Name>>,
    pub domains: Vec<Domain>,
    /// Keys of every word that occurs in a domain ("thông", "tin", "truyền" ...).
    pub domain_words: HashSet<String>,
    /// Bare place names as key sequences, grouped by first key.
    pub places: HashMap<String, Vec<Vec<String>>>,
    /// Canonical names of bodies merged or renamed in 2025 -> the body that carries on.
    pub successors: HashMap<String, String>,
}

impl Lexicon {
    pub fn load(sources: &Sources) -> Result<Lexicon, LexiconError> {
        let mut heads: HashMap<String, Vec<Head>> = HashMap::new();
        for row in sources.rows("org/heads.tsv") {
            let head = row.get(0, "head")?;
            let kind = row.get(1, "kind")?;
            let mode: Mode = row.parse(2, "mode")?;
            let canonical = row.get(3, "canonical")?;
            let (keys, gaps) = entry_keys(head);
            let Some(first) = keys.first().cloned() else {
                continue;
            };
            let abbreviated = head != canonical;
            let lower_ok = LOWER_HEADS.contains(&keys.join(" ").as_str());
            heads.entry(first).or_default().push(Head {
                keys,
                gaps,
                kind: kind.to_string(),
                mode,
                canonical: canonical.to_string(),
                abbreviated,
                lower_ok,
            });
        }
        for list in heads.values_mut() {
            list.sort_by_key(|entry| std::cmp::Reverse(entry.keys.len()));
        }

        let mut names: HashMap<String, Vec<Name>> = HashMap::new();
        for row in sources.rows("org/names.tsv") {
            let surface = row.get(0, "surface")?;
            let kind = row.get(1, "kind")?;
            let canonical = row.get(2, "canonical")?;
            let successor = row.optional(3);
            let flags = row.optional(4);
            let (keys, gaps) = entry_keys(surface);
            let Some(first) = keys.first().cloned() else {
                continue;
            };
            let written = entry_words(surface);
            names.entry(first).or_default().push(Name {
                surface: surface.to_string(),
                keys,
                gaps,
                kind: kind.to_string(),
                canonical: canonical.to_string(),
                successor: non_empty(successor),
                case: flags.split(' ').any(|f| f == "case"),
                bare: flags.split(' ').any(|f| f == "bare"),
                written,
            });
        }
        for list in names.values_mut() {
            list.sort_by_key(|entry| std::cmp::Reverse(entry.keys.len()));
        }

        let mut domains = Vec::new();
        let mut domain_words = HashSet::new();
        for row in sources.rows("org/domains.tsv") {
            let domain = row.get(0, "domain")?;
            let ministry = row.optional(1);
            let department = row.optional(2);
            let (keys, _) = entry_keys(domain);
            let content: Vec<String> = keys.into_iter().filter(|k| k != "và").collect();
            let initials: String = content
                .iter()
                .filter_map(|k| k.chars().next())
                .flat_map(char::to_uppercase)
                .collect();
            domain_words.extend(content.iter().cloned());
            domains.push(Domain {
                canonical: domain.to_string(),
                content,
                initials,
                ministry_successor: non_empty(ministry),
                department_successor: non_empty(department),
            });
        }
        domains.sort_by_key(|domain| std::cmp::Reverse(domain.content.len()));

        let mut places: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for row in sources.rows("org/places.tsv") {
            let (keys, _) = entry_keys(row.get(0, "place")?);
            if let Some(first) = keys.first().cloned() {
                places.entry(first).or_default().push(keys);
            }
        }
        for list in places.values_mut() {
            list.sort_by_key(|keys| std::cmp::Reverse(keys.len()));
        }

        let successors = names
            .values()
            .flatten()
            .filter_map(|n| Some((n.canonical.clone(), n.successor.clone()?)))
            .collect();
        Ok(Lexicon {
            successors,
            heads,
            names,
            domains,
            domain_words,
            places,
        })
    }

    /// The known domain whose content words are exactly `content`.
    pub fn domain(&self, content: &[&str]) -> Option<&Domain> {
        self.domains.iter().find(|d| {
            d.content.len() == content.len() && d.content.iter().zip(content).all(|(a, b)| a == b)
        })
    }

    /// The known domain whose initials are `letters` (upper case, no "&" or "-").
    pub fn domain_by_initials(&self, letters: &str) -> Option<&Domain> {
        self.domains.iter().find(|d| d.initials == letters)
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}
