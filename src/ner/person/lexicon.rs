//! The people lexicons: name syllables, honorifics, roles, modifiers, organisation heads and place
//! names, from `data/lexicon/person/` (written by `scripts/derive_person_lexicon.py`), loaded once
//! into [`Lexicons`](crate::ner::Lexicons).
//!
//! Multi-word entries (roles, honorifics) live in a [`Trie`] keyed by token keys, so the finder
//! matches them on the token list with one walk per position, optionally allowing one typo.

use std::collections::{HashMap as StdHashMap, HashSet as StdHashSet};
use std::hash::{BuildHasherDefault, Hasher};

use serde::Deserialize;

use super::token::{tokenize, Token};
use crate::model::Gender;
use crate::ner::lexicons::{LexiconError, Sources};
use crate::ner::text::canonical_key;
use crate::ner::tokens::Tokens;

/// FNV-1a: the keys are short syllables, looked up at every word, where SipHash dominated.
#[derive(Default)]
pub struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

pub type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<Fnv>>;
pub type HashSet<K> = StdHashSet<K, BuildHasherDefault<Fnv>>;

/// Shortest role (in letters) on which one typo is forgiven ("Thường trục").
const FUZZY_MIN_LETTERS: usize = 6;

/// A token-sequence dictionary: each node is reached by the key of one token.
#[derive(Debug)]
pub struct Trie<V> {
    nodes: Vec<Node<V>>,
}

#[derive(Debug)]
struct Node<V> {
    children: HashMap<String, usize>,
    value: Option<V>,
}

/// A match in a [`Trie`]: tokens `[from, end)`, the value, and whether a typo was forgiven.
pub struct TrieMatch<'a, V> {
    pub end: usize,
    pub value: &'a V,
    pub fuzzy: bool,
}

impl<V> Trie<V> {
    fn new() -> Trie<V> {
        Trie {
            nodes: vec![Node {
                children: HashMap::default(),
                value: None,
            }],
        }
    }

    /// Inserts `phrase` (tokenised like the text) unless it is already there.
    fn insert(&mut self, phrase: &str, value: V) {
        let mut at = 0;
        let tokens = Tokens::new(phrase);
        for token in tokenize(&tokens) {
            at = match self.nodes[at].children.get(token.key) {
                Some(&next) => next,
                None => {
                    self.nodes.push(Node {
                        children: HashMap::default(),
                        value: None,
                    });
                    let next = self.nodes.len() - 1;
                    self.nodes[at].children.insert(token.key.to_string(), next);
                    next
                }
            };
        }
        if self.nodes[at].value.is_none() {
            self.nodes[at].value = Some(value);
        }
    }

    /// The longest entry starting at token `from`. With `fuzzy`, one token of at least three
    /// letters, not the first, may differ from the entry by one edit, when the entry is long enough.
    pub fn longest<'a>(
        &'a self,
        tokens: &[Token],
        from: usize,
        fuzzy: bool,
    ) -> Option<TrieMatch<'a, V>> {
        let mut best: Option<TrieMatch<'a, V>> = None;
        self.walk(tokens, from, 0, fuzzy, false, 0, &mut best);
        best
    }

    #[allow(clippy::too_many_arguments)]
    fn walk<'a>(
        &'a self,
        tokens: &[Token],
        at_token: usize,
        node: usize,
        budget: bool,
        used: bool,
        letters: usize,
        best: &mut Option<TrieMatch<'a, V>>,
    ) {
        if let Some(value) = &self.nodes[node].value {
            if node != 0 && (!used || letters >= FUZZY_MIN_LETTERS) {
                let better = match best {
                    Some(b) => at_token > b.end || (at_token == b.end && b.fuzzy && !used),
                    None => true,
                };
                if better {
                    *best = Some(TrieMatch {
                        end: at_token,
                        value,
                        fuzzy: used,
                    });
                }
            }
        }
        let Some(token) = tokens.get(at_token) else {
            return;
        };
        let children = &self.nodes[node].children;
        if let Some(&next) = children.get(token.key) {
            let n = letters + token.key.chars().count();
            self.walk(tokens, at_token + 1, next, budget, used, n, best);
        }
        // The typo may not sit on the first word: a fuzzy root would try every role at every word.
        if budget && !used && node != 0 && token.is_word && token.key.chars().count() >= 3 {
            for (key, &next) in children {
                if key != token.key && one_edit(key, token.key) {
                    let n = letters + key.chars().count();
                    self.walk(tokens, at_token + 1, next, false, true, n, best);
                }
            }
        }
    }
}

/// True when `a` and `b` differ by exactly one insertion, deletion or substitution of a character.
fn one_edit(a: &str, b: &str) -> bool {
    if a.len().abs_diff(b.len()) > 4 {
        return false;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if prefix == short.len() {
        // Identical, or one extra character at the end of the longer word.
        return short.len() != long.len();
    }
    if short.len() == long.len() {
        short[prefix + 1..] == long[prefix + 1..]
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// A role of the role list, in its canonical spelling ("Phó Chủ tịch").
#[derive(Debug, Clone)]
pub struct Role {
    pub canonical: String,
    /// A role of a person rather than an office ("học sinh", "nhà văn"): a name may follow directly.
    pub personal: bool,
}

/// Where a modifier stands in a title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    Prefix,
    Suffix,
    Joiner,
    /// Part of the role itself ("Phó").
    Part,
}

/// How much a surname says on its own (`surnames.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum Strength {
    /// Evidence enough for a bare name.
    Strong,
    /// Only with an honorific or a title.
    Weak,
}

/// The group of a role (`roles.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RoleGroup {
    Party,
    State,
    Local,
    Judicial,
    Security,
    Media,
    /// An office of any kind of body.
    Both,
    /// A role of a person rather than an office ("học sinh", "nhà văn").
    Role,
    /// An abbreviation ("PGĐ"): no deputy is generated.
    Abbr,
}

/// The group of an honorific (`honorifics.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum HonorificGroup {
    /// Terms of address (ông, bà, đồng chí, Bác ...).
    Address,
    Academic,
    Professional,
    Rank,
    Clergy,
    Honour,
}

#[derive(Debug, Clone)]
pub struct Modifier {
    pub canonical: String,
    pub position: Position,
}

#[derive(Debug, Clone)]
pub struct Honorific {
    pub gender: Option<Gender>,
    /// Address terms (ông, bà, đồng chí, Bác ...) may precede a one-syllable name ("Ông Đức").
    pub address: bool,
    pub plural: bool,
}

/// Everything the person finder looks up, built once.
#[derive(Debug)]
pub struct Lexicon {
    /// Surname key -> strong (evidence enough for a bare name).
    pub surnames: HashMap<String, bool>,
    pub compound_surnames: HashSet<String>,
    pub syllables: HashSet<String>,
    pub roles: Trie<Role>,
    pub modifiers: Trie<Modifier>,
    pub honorifics: Trie<Honorific>,
    /// Organisation head nouns, keyed ("sở", "bộ", "thanh tra", "trung tâm" ...).
    pub org_heads: HashSet<String>,
    /// Multi-syllable place names, keyed.
    pub places: HashSet<String>,
    /// Historical figures ("Trưng Trắc", "Lê Chân"), keyed: people even when also places.
    pub historical: HashSet<String>,
}

/// The keys of the first column of a table.
fn keys(sources: &Sources, table: &str) -> HashSet<String> {
    sources
        .rows(table)
        .map(|f| canonical_key(f.fields[0]))
        .collect()
}

impl Lexicon {
    pub fn load(sources: &Sources) -> Result<Lexicon, LexiconError> {
        let mut surnames = HashMap::default();
        for row in sources.rows("person/surnames.tsv") {
            let strength: Strength = row.parse(1, "strength")?;
            surnames
                .entry(canonical_key(row.fields[0]))
                .or_insert(strength == Strength::Strong);
        }
        let compound_surnames = keys(sources, "person/compound_surnames.tsv");
        let syllables = keys(sources, "person/name_syllables.tsv");
        let mut roles = Trie::new();
        for row in sources.rows("person/roles.tsv") {
            let canonical = row.fields[0].to_string();
            let group: RoleGroup = row.parse(1, "group")?;
            let personal = group == RoleGroup::Role;
            let key = canonical_key(&canonical);
            roles.insert(
                &canonical,
                Role {
                    canonical: canonical.clone(),
                    personal,
                },
            );
            // Deputies of every office: "Phó Cục trưởng", "Phó Trưởng đoàn".
            if !personal && !key.starts_with("phó ") && group != RoleGroup::Abbr {
                let deputy = format!("Phó {canonical}");
                roles.insert(
                    &deputy,
                    Role {
                        canonical: deputy.clone(),
                        personal,
                    },
                );
            }
        }
        let mut modifiers = Trie::new();
        for row in sources.rows("person/modifiers.tsv") {
            let position: Position = row.parse(1, "position")?;
            // "Phó" is part of the roles themselves (their deputies are generated above).
            if position == Position::Part {
                continue;
            }
            modifiers.insert(
                row.fields[0],
                Modifier {
                    canonical: row.fields[0].to_string(),
                    position,
                },
            );
        }
        let mut honorifics = Trie::new();
        for row in sources.rows("person/honorifics.tsv") {
            let gender = match row.optional(3) {
                "M" => Some(Gender::Male),
                "F" => Some(Gender::Female),
                "" => None,
                other => return Err(row.error(format!("gender {other:?}: not M, F or empty"))),
            };
            let group: HonorificGroup = row.parse(2, "group")?;
            let address = group == HonorificGroup::Address;
            let plural = canonical_key(row.fields[0]).starts_with("các ");
            honorifics.insert(
                row.fields[0],
                Honorific {
                    gender,
                    address,
                    plural,
                },
            );
        }
        let org_heads = keys(sources, "person/org_heads.tsv");
        let places = keys(sources, "person/place_names.tsv");
        let historical = keys(sources, "person/historical.tsv");
        Ok(Lexicon {
            historical,
            surnames,
            compound_surnames,
            syllables,
            roles,
            modifiers,
            honorifics,
            org_heads,
            places,
        })
    }

    /// True when an organisation head noun of one to three words starts at token `k`.
    pub fn org_head_at(&self, tokens: &[Token], k: usize) -> bool {
        let mut key = String::new();
        for t in tokens.iter().skip(k).take(3) {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(t.key);
            if self.org_heads.contains(&key) {
                return true;
            }
        }
        false
    }

    /// The end of the longest historical figure's name starting at token `k`.
    pub fn historical_at(&self, tokens: &[Token], k: usize) -> Option<usize> {
        let mut key = String::new();
        let mut best = None;
        for (n, t) in tokens.iter().skip(k).take(4).enumerate() {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(t.key);
            if n > 0 && self.historical.contains(&key) {
                best = Some(k + n + 1);
            }
        }
        best
    }

    pub fn is_surname(&self, key: &str) -> bool {
        self.surnames.contains_key(key)
    }

    pub fn is_strong_surname(&self, key: &str) -> bool {
        self.surnames.get(key).copied().unwrap_or(false)
    }

    /// A syllable that can be part of a name (middle or given name, or a surname).
    pub fn is_name_syllable(&self, key: &str) -> bool {
        self.syllables.contains(key) || self.surnames.contains_key(key) || glued_syllable(key)
    }
}

/// An ethnic-minority name syllable with a glued one- or two-letter prefix ("h'liên", "k'nhiên",
/// "ya'duk"): only names are written this way (places with it, "Đắk R'Lấp", are in the place list).
pub fn glued_syllable(key: &str) -> bool {
    match key.split_once(['\'', '’']) {
        Some((prefix, rest)) => {
            (1..=2).contains(&prefix.chars().count())
                && rest.chars().count() >= 2
                && prefix.chars().chain(rest.chars()).all(char::is_alphabetic)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edit_distance() {
        assert!(one_edit("trực", "trục"));
        assert!(one_edit("trực", "trựcc"));
        assert!(!one_edit("trực", "trực"));
        assert!(!one_edit("trực", "tục c"));
        assert!(one_edit("trực", "trựcx"));
        assert!(one_edit("trực", "trự"));
        assert!(!one_edit("", ""));
    }

    #[test]
    fn roles_match_with_one_typo() {
        let lex = Lexicon::load(&Sources::builtin()).expect("built-in lexicon");
        let text = Tokens::new("Phó Chủ tịch Thường trục");
        let toks = tokenize(&text);
        let m = lex
            .modifiers
            .longest(&toks, 3, true)
            .map(|m| (m.end, m.fuzzy));
        assert_eq!(m, Some((5, true)));
        let m = lex
            .roles
            .longest(&toks, 0, true)
            .map(|m| m.value.canonical.clone());
        assert_eq!(m.as_deref(), Some("Phó Chủ tịch Thường trực"));
    }
}
