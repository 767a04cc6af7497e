//! The organisation lexicons, parsed once from the files under `data/lexicon/org/`.
//!
//! `scripts/derive_org_lexicon.py` writes those files from the shared vocabulary: head nouns with
//! the way their name continues (`heads.tsv`), complete names and acronyms (`names.tsv`), the
//! domains of ministries and departments with their 2025 successors (`domains.tsv`) and bare place
//! names that may follow a name (`places.tsv`). Every entry is split into word keys so the parser
//! can compare it with the words of a text; entries are grouped by their first key, longest first.

use std::collections::HashMap;

use serde::Deserialize;

use super::rules::OrgClass;
use super::words::{entry_keys, entry_words};
use crate::ner::lexicons::{LexiconError, Sources};
use crate::ner::phrase::{PhraseTable, Sym, Vocab, UNKNOWN};
use crate::ner::words::WordClasses;

/// Longest head or name matched, in words.
pub const MAX_ENTRY_WORDS: usize = 32;

/// What an organisation is (the `kind` of `heads.tsv` and `names.tsv`, as in
/// `schemas/record.schema.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    Ministry,
    Department,
    Office,
    Central,
    LocalState,
    State,
    Party,
    Front,
    Security,
    Court,
    Media,
    Enterprise,
    School,
    Hospital,
    Institute,
    Association,
    International,
    EmulationCluster,
}

impl OrgKind {
    pub fn as_str(self) -> &'static str {
        match self {
            OrgKind::Ministry => "ministry",
            OrgKind::Department => "department",
            OrgKind::Office => "office",
            OrgKind::Central => "central",
            OrgKind::LocalState => "local_state",
            OrgKind::State => "state",
            OrgKind::Party => "party",
            OrgKind::Front => "front",
            OrgKind::Security => "security",
            OrgKind::Court => "court",
            OrgKind::Media => "media",
            OrgKind::Enterprise => "enterprise",
            OrgKind::School => "school",
            OrgKind::Hospital => "hospital",
            OrgKind::Institute => "institute",
            OrgKind::Association => "association",
            OrgKind::International => "international",
            OrgKind::EmulationCluster => "emulation_cluster",
        }
    }

    /// Bodies with units of their own ("Thanh tra Sở ...", "Hội Cựu chiến binh Bộ ...").
    pub fn owns_units(self) -> bool {
        !matches!(
            self,
            OrgKind::School
                | OrgKind::Hospital
                | OrgKind::Media
                | OrgKind::International
                | OrgKind::Association
                | OrgKind::EmulationCluster
        )
    }
}

impl OrgKind {
    /// Bodies every district and commune has one of, which a bare lower-case unit type word
    /// names ("UBND huyện", "Ủy ban MTTQ Việt Nam phường", "Hội Cựu chiến binh xã", "Công an xã");
    /// a school or a health centre of "the district" may be any of several.
    pub fn one_per_unit(self) -> bool {
        matches!(
            self,
            OrgKind::LocalState | OrgKind::Front | OrgKind::Association | OrgKind::Security
        )
    }
}

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
    pub kind: OrgKind,
    pub mode: Mode,
    pub canonical: String,
    /// Written as an abbreviation ("UBND", "Đài PTTH").
    pub abbreviated: bool,
    /// May be written lower case before a capitalised name ("báo Kinh tế & Đô thị").
    pub lower_ok: bool,
    /// The body that carries on when the head is itself a body merged in 2025 ("Ban Dân tộc").
    pub successor: Option<String>,
    /// The number of the head's last word.
    pub last: Sym,
}

/// A complete name ("Bộ Nội vụ", "UNESCO", "Hà Nội mới").
#[derive(Debug)]
pub struct Name {
    pub surface: String,
    pub keys: Vec<String>,
    pub gaps: Vec<String>,
    pub kind: OrgKind,
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
///
/// Heads and names are phrases of their words with the signature of each gap in between
/// (`entry_phrase`), so "Bộ TT&TT" and "Kinh tế - Ngân sách" match only with their punctuation.
#[derive(Debug)]
pub struct Lexicon {
    /// The word classes of the parser (`org/words.tsv`).
    pub words: WordClasses<OrgClass>,
    pub heads: PhraseTable<Vec<Head>>,
    pub names: PhraseTable<Vec<Name>>,
    pub domains: Vec<Domain>,
    /// The domain of each content-word phrase (index into `domains`).
    domain_by_content: PhraseTable<usize>,
    /// The domain of each set of initials (index into `domains`).
    domain_by_initials: HashMap<String, usize>,
    /// Every word that occurs in a domain ("thông", "tin", "truyền" ...).
    pub domain_words: PhraseTable<()>,
    /// Bare place names by their words.
    pub places: PhraseTable<()>,
    /// First words of the heads that may be written lower case ("báo", "đội"), by word number.
    lower_starts: Vec<bool>,
    /// Country names (`place/countries.tsv`) by their words.
    pub countries: PhraseTable<()>,
}

/// An entry as a phrase: its first word, then each gap signature and the word after it.
fn entry_phrase(vocab: &mut Vocab, keys: &[String], gaps: &[String]) -> Vec<Sym> {
    let mut phrase = Vec::with_capacity(keys.len() * 2);
    for (n, key) in keys.iter().enumerate() {
        if n > 0 {
            phrase.push(vocab.intern(&gaps[n - 1]));
        }
        phrase.push(vocab.intern(key));
    }
    phrase
}

impl Lexicon {
    pub fn load(sources: &Sources, vocab: &mut Vocab) -> Result<Lexicon, LexiconError> {
        let words = WordClasses::load(sources, "org/words.tsv", vocab)?;
        let mut head_list: Vec<Head> = Vec::new();
        for row in sources.rows("org/heads.tsv") {
            let head = row.get(0, "head")?;
            let kind: OrgKind = row.parse(1, "kind")?;
            let mode: Mode = row.parse(2, "mode")?;
            let canonical = row.get(3, "canonical")?;
            let (keys, gaps) = entry_keys(head);
            if keys.is_empty() {
                continue;
            }
            if keys.len() > MAX_ENTRY_WORDS {
                return Err(row.error(format!("more than {MAX_ENTRY_WORDS} words")));
            }
            let abbreviated = head != canonical;
            let lower_ok = {
                let syms: Vec<Sym> = keys.iter().map(|k| vocab.get(k)).collect();
                words.has(OrgClass::LowerHead, &syms)
            };
            head_list.push(Head {
                keys,
                gaps,
                kind,
                mode,
                canonical: canonical.to_string(),
                abbreviated,
                lower_ok,
                successor: None,
                last: UNKNOWN,
            });
        }

        let mut name_list: Vec<Name> = Vec::new();
        for row in sources.rows("org/names.tsv") {
            let surface = row.get(0, "surface")?;
            let kind: OrgKind = row.parse(1, "kind")?;
            let canonical = row.get(2, "canonical")?;
            let successor = row.optional(3);
            let flags = row.optional(4);
            let (keys, gaps) = entry_keys(surface);
            if keys.is_empty() {
                continue;
            }
            if keys.len() > MAX_ENTRY_WORDS {
                return Err(row.error(format!("more than {MAX_ENTRY_WORDS} words")));
            }
            let written = entry_words(surface);
            name_list.push(Name {
                surface: surface.to_string(),
                keys,
                gaps,
                kind,
                canonical: canonical.to_string(),
                successor: non_empty(successor),
                case: flags.split(' ').any(|f| f == "case"),
                bare: flags.split(' ').any(|f| f == "bare"),
                written,
            });
        }
        let successors: HashMap<String, String> = name_list
            .iter()
            .filter_map(|n| Some((n.canonical.clone(), n.successor.clone()?)))
            .collect();
        let mut heads = PhraseTable::default();
        let mut lower_starts: Vec<bool> = Vec::new();
        for mut head in head_list {
            if head.lower_ok {
                let first = vocab.intern(&head.keys[0]) as usize;
                if lower_starts.len() <= first {
                    lower_starts.resize(first + 1, false);
                }
                lower_starts[first] = true;
            }
            head.successor = successors.get(&head.canonical).cloned();
            head.last = head.keys.last().map_or(UNKNOWN, |k| vocab.intern(k));
            let phrase = entry_phrase(vocab, &head.keys, &head.gaps);
            heads
                .slot(vocab, &phrase)
                .get_or_insert_with(Vec::new)
                .push(head);
        }
        let mut names = PhraseTable::default();
        for name in name_list {
            let phrase = entry_phrase(vocab, &name.keys, &name.gaps);
            names
                .slot(vocab, &phrase)
                .get_or_insert_with(Vec::new)
                .push(name);
        }

        let mut domains = Vec::new();
        let mut domain_words = PhraseTable::default();
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
            for word in &content {
                let sym = vocab.intern(word);
                domain_words.insert(vocab, &[sym], ());
            }
            domains.push(Domain {
                canonical: domain.to_string(),
                content,
                initials,
                ministry_successor: non_empty(ministry),
                department_successor: non_empty(department),
            });
        }
        domains.sort_by_key(|domain| std::cmp::Reverse(domain.content.len()));
        let mut domain_by_content = PhraseTable::default();
        let mut domain_by_initials = HashMap::new();
        for (n, domain) in domains.iter().enumerate() {
            let content: Vec<Sym> = domain.content.iter().map(|w| vocab.intern(w)).collect();
            domain_by_content.insert(vocab, &content, n);
            domain_by_initials
                .entry(domain.initials.clone())
                .or_insert(n);
        }

        let mut places = PhraseTable::default();
        for row in sources.rows("org/places.tsv") {
            let (keys, _) = entry_keys(row.get(0, "place")?);
            if keys.is_empty() {
                continue;
            }
            let phrase: Vec<Sym> = keys.iter().map(|k| vocab.intern(k)).collect();
            places.insert(vocab, &phrase, ());
        }

        // The country names of the place recogniser: a foreign state's body names its country
        // after it ("Chính phủ Pháp", "Quốc hội Lào").
        let mut countries = PhraseTable::default();
        for row in sources.rows("place/countries.tsv") {
            let (keys, _) = entry_keys(row.get(0, "country")?);
            if keys.is_empty() {
                continue;
            }
            let phrase: Vec<Sym> = keys.iter().map(|k| vocab.intern(k)).collect();
            countries.insert(vocab, &phrase, ());
        }

        Ok(Lexicon {
            words,
            heads,
            names,
            domains,
            domain_by_content,
            domain_by_initials,
            domain_words,
            places,
            lower_starts,
            countries,
        })
    }

    /// Word `sym` starts a head that may be written lower case ("báo", "đội").
    #[inline]
    pub fn lower_start(&self, sym: Sym) -> bool {
        self.lower_starts
            .get(sym as usize)
            .copied()
            .unwrap_or(false)
    }

    /// The known domain whose content words are exactly `content`.
    pub fn domain(&self, content: &[Sym]) -> Option<&Domain> {
        let &n = self.domain_by_content.lookup(content)?;
        self.domains.get(n)
    }

    /// The known domain whose initials are `letters` (upper case, no "&" or "-").
    pub fn domain_by_initials(&self, letters: &str) -> Option<&Domain> {
        let &n = self.domain_by_initials.get(letters)?;
        self.domains.get(n)
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}
