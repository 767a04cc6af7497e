//! The people lexicons: name syllables, honorifics, roles, modifiers, organisation heads and place
//! names, from `data/lexicon/person/` (written by `scripts/derive_person_lexicon.py`), loaded once
//! into [`Lexicons`](crate::ner::Lexicons).
//!
//! Every multi-word entry lives in a [`PhraseTable`] over word numbers: roles, modifiers and
//! honorifics tokenised like the text (punctuation included: "Đ/c", "Q."), organisation heads,
//! place names and historical figures by their key words. Roles and modifiers may be matched
//! forgiving one typo.

use std::collections::{HashMap as StdHashMap, HashSet as StdHashSet};
use std::hash::BuildHasherDefault;

use serde::Deserialize;

use super::token::{tokenize, Token};
use crate::model::Gender;
use crate::ner::lexicons::{LexiconError, Sources};
use crate::ner::phrase::{Node, PhraseTable, StrHash, Sym, Vocab, ROOT, UNKNOWN};
use crate::ner::text::canonical_key;
use crate::ner::tokens::Tokens;
use crate::ner::words::{SharedClass, SurnameStrength, WordClass, WordClasses};

pub type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<StrHash>>;
pub type HashSet<K> = StdHashSet<K, BuildHasherDefault<StrHash>>;

/// Shortest role (in letters) on which one typo is forgiven ("Thường trục").
const FUZZY_MIN_LETTERS: usize = 6;

/// Phrases tokenised like the text, matched over its person tokens.
#[derive(Debug)]
pub struct TokenPhrases<V> {
    table: PhraseTable<V>,
    /// The first words of the phrases.
    firsts: Vec<Sym>,
}

/// What a word can open in the scan of `name`, by word number: a set of [`Opens`] bits.
#[derive(Debug, Default)]
pub struct Openers(Vec<u8>);

/// The kinds of phrase a word can open ([`Openers`]); most words open none.
pub struct Opens;

impl Opens {
    /// The first word of an honorific ("đồng chí", "các ông").
    pub const HONORIFIC: u8 = 1;
    /// The first word of a role or a prefix modifier: a title ("Phó Chủ tịch", "nguyên").
    pub const TITLE: u8 = 2;
    /// The first word of a role noun or the gender word before one ("ca sĩ", "nữ").
    pub const ROLE_NOUN: u8 = 4;
    /// The first word of a photo or author credit ("Ảnh", "Tác giả").
    pub const CREDIT: u8 = 8;
}

impl Openers {
    fn add(&mut self, word: Sym, kind: u8) {
        if word == UNKNOWN {
            return;
        }
        let at = word as usize;
        if self.0.len() <= at {
            self.0.resize(at + 1, 0);
        }
        self.0[at] |= kind;
    }

    /// The [`Opens`] bits of a word.
    #[inline]
    pub fn of(&self, word: Sym) -> u8 {
        self.0.get(word as usize).copied().unwrap_or(0)
    }
}

/// A match of [`TokenPhrases`]: tokens `[from, end)`, the value, and whether a typo was forgiven.
pub struct PhraseMatch<'a, V> {
    pub end: usize,
    pub value: &'a V,
    pub fuzzy: bool,
}

impl<V> TokenPhrases<V> {
    /// A table whose matches may forgive one typo.
    fn fuzzy() -> TokenPhrases<V> {
        TokenPhrases {
            table: PhraseTable::fuzzy(),
            firsts: Vec::new(),
        }
    }

    fn exact() -> TokenPhrases<V> {
        TokenPhrases {
            table: PhraseTable::default(),
            firsts: Vec::new(),
        }
    }

    /// Inserts `phrase` (tokenised like the text) unless it is already there.
    fn insert(&mut self, vocab: &mut Vocab, phrase: &str, value: V) {
        let tokens = Tokens::new(phrase);
        let syms: Vec<Sym> = tokenize(&tokens)
            .iter()
            .map(|t| vocab.intern(t.key))
            .collect();
        if let Some(&first) = syms.first() {
            self.firsts.push(first);
        }
        self.table.insert(vocab, &syms, value);
    }

    /// Whether some entry starts with the word (by number).
    pub fn starts(&self, word: Sym) -> bool {
        self.table.starts_with(word)
    }

    /// The longest entry starting at token `from`. With `fuzzy`, one token of at least three
    /// letters, not the first, may differ from the entry by one edit, when the entry is long enough.
    pub fn longest<'a>(
        &'a self,
        tokens: &[Token],
        from: usize,
        fuzzy: bool,
    ) -> Option<PhraseMatch<'a, V>> {
        // No phrase starts here (the typo is never forgiven on the first word).
        if !tokens
            .get(from)
            .is_some_and(|t| self.table.starts_with(t.id))
        {
            return None;
        }
        let mut best: Option<PhraseMatch<'a, V>> = None;
        self.walk(tokens, from, ROOT, fuzzy, false, 0, &mut best);
        best
    }

    #[allow(clippy::too_many_arguments)]
    fn walk<'a>(
        &'a self,
        tokens: &[Token],
        at_token: usize,
        node: Node,
        budget: bool,
        used: bool,
        letters: usize,
        best: &mut Option<PhraseMatch<'a, V>>,
    ) {
        if let Some(value) = self.table.value(node) {
            if node != ROOT && (!used || letters >= FUZZY_MIN_LETTERS) {
                let better = match best {
                    Some(b) => at_token > b.end || (at_token == b.end && b.fuzzy && !used),
                    None => true,
                };
                if better {
                    *best = Some(PhraseMatch {
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
        // Letters count only where a typo may be, or was, forgiven.
        let counting = budget || used;
        let token_chars = if counting {
            token.key.chars().count()
        } else {
            0
        };
        if let Some(next) = self.table.step(node, token.id) {
            let n = if counting { letters + token_chars } else { 0 };
            self.walk(tokens, at_token + 1, next, budget, used, n, best);
        }
        // The typo may not sit on the first word: a fuzzy root would try every role at every word.
        if budget && !used && node != ROOT && token.is_word {
            if token_chars < 3 {
                return;
            }
            for (key, chars, next) in self.table.children(node) {
                if chars.abs_diff(token_chars) <= 1 && one_edit(key, token.key) {
                    let n = letters + chars;
                    self.walk(tokens, at_token + 1, *next, false, true, n, best);
                }
            }
        }
    }
}

/// True when `a` and `b` differ by exactly one insertion, deletion or substitution of a character:
/// what is left of them after their longest common prefix and then their longest common suffix is
/// at most one character each, and not nothing in both (compared as bytes, cut at characters).
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > 4 {
        return false;
    }
    // One edit leaves the first or the last character of words of two characters or more: a
    // quick test on their bytes first.
    if let (Some(fa), Some(fb), Some(la), Some(lb)) = (a.first(), b.first(), a.last(), b.last()) {
        if fa != fb && la != lb && a.len() > 4 && b.len() > 4 {
            return false;
        }
    }
    if a == b {
        return false;
    }
    let continues = |bytes: &[u8], at: usize| bytes.get(at).is_some_and(|&c| c & 0xC0 == 0x80);
    let mut prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while prefix > 0 && (continues(a, prefix) || continues(b, prefix)) {
        prefix -= 1;
    }
    let (a, b) = (&a[prefix..], &b[prefix..]);
    let mut suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    while suffix > 0 && continues(a, a.len() - suffix) {
        suffix -= 1;
    }
    let at_most_one_char = |rest: &[u8]| rest.first().is_none_or(|&c| utf8_len(c) == rest.len());
    at_most_one_char(&a[..a.len() - suffix]) && at_most_one_char(&b[..b.len() - suffix])
}

/// The length in bytes of the UTF-8 character that starts with byte `first`.
fn utf8_len(first: u8) -> usize {
    match first {
        0..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
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
    /// Two-word surnames ("Tôn Thất"), by key words.
    pub compound_surnames: PhraseTable<()>,
    pub syllables: HashSet<String>,
    pub roles: TokenPhrases<Role>,
    pub modifiers: TokenPhrases<Modifier>,
    pub honorifics: TokenPhrases<Honorific>,
    /// Organisation head nouns, by key words ("sở", "bộ", "thanh tra", "trung tâm" ...).
    pub org_heads: PhraseTable<()>,
    /// Multi-syllable place names, by key words.
    pub places: PhraseTable<()>,
    /// Historical figures ("Trưng Trắc", "Lê Chân"), by key words: people even when also places.
    pub historical: PhraseTable<()>,
    /// The word classes of the recogniser (`person/words.tsv`).
    pub words: WordClasses<PersonClass>,
    /// The `role_noun` (true: a title of the name after it) and `name_cue` (false) entries of
    /// `person/words.tsv` and the personal roles of `roles.tsv` as one phrase table, walked once
    /// at each word.
    pub role_nouns: PhraseTable<bool>,
    /// What each word can open: the first words of honorifics, titles (roles and modifiers),
    /// role nouns (with the gender words before them) and credits. The scan tries the rules of a
    /// phrase only at its openers, and skips lower-case words that open nothing.
    pub openers: Openers,
}

/// A class of words the person recogniser tests words against (`data/lexicon/person/words.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonClass {
    /// Lower-case syllables that never continue an organisation name after a role: verbs and
    /// function words ("trao", "phát biểu", "nhấn mạnh").
    StopSyllable,
    /// Noun compounds whose second syllable is otherwise a stop syllable ("Cục Việc làm").
    NounPair,
    /// Capitalised heads that take lower-case descriptors ("Hội đồng thi đua"); two words when the
    /// first alone is ambiguous ("Trung tâm", not "Trung Quốc").
    DescriptorHead,
    /// Lower-case words that open an organisation name after a role ("Tổng Biên tập báo ...").
    LowerHead,
    /// Syllables of the administrative unit type words that qualify an organisation ("tỉnh Lâm
    /// Đồng"; shared).
    PlaceType,
    /// Role endings after which lower-case descriptors may follow ("Trưởng đoàn giám sát").
    DescriptorRole,
    /// Words after which a title is a post someone takes, not one they hold (ADJUDICATION 9).
    AppointmentWord,
    /// First syllables of verbs that follow a unit's name ("kiểm tra", "thực hiện").
    TailVerb,
    /// Words before a capitalised run that make it the name of a thing or a place ("Trường THPT
    /// Nguyễn Trãi", "đường Lê Lợi", "thành phố Hồ Chí Minh").
    ThingWord,
    /// Words before a title that make its holder the other party of the clause ("Trao đổi với
    /// phóng viên Báo X, ông Y cho biết": Y is someone else).
    OtherPartyWord,
    /// Words that end the kind of a company, after which a capitalised run is its name.
    CompanyWord,
    /// Words before a place name that make a bare district name the place ("tại Lê Chân").
    PlacePreposition,
    /// Occupations and roles that are not posts, before a name ("tiền đạo", "ca sĩ", "đạo diễn").
    RoleNoun,
    /// Words after which a name follows that are no title ("đồng đội", "bút danh").
    NameCue,
    /// Lower-case particles inside a foreign name ("von der Leyen", "da Silva").
    NameParticle,
    /// Words between a role noun and its name ("bút danh khác như A").
    CueFiller,
    /// Capitalised foreign words of events, teams and brands, never of a person ("World Cup").
    ForeignCommon,
    /// Words before a number that make "<word> <number>, <Name>" a time, not an address.
    CountWord,
    /// Gender words before a role noun that belong to it ("nữ diễn viên", "nam ca sĩ").
    RoleGender,
    /// Fields and instruments after a role noun that belong to it ("nghệ sĩ piano", "nhà
    /// nghiên cứu âm nhạc", "chuyên gia kinh tế").
    RoleField,
    /// Lower-case words after a role that refer back to a body named before ("Giám đốc bệnh
    /// viện", "Hiệu trưởng nhà trường").
    ReferenceNoun,
    /// Last words of roles of a post held in a place, after which "tại <place>" belongs to the
    /// title ("Đại sứ ... tại Hà Nội", "Trưởng đại diện ... tại Việt Nam").
    LocatedRole,
    /// Heads of parent bodies that may follow a unit after a comma in one title ("Trường X, Đại
    /// học Quốc gia Hà Nội", "Phòng Y, Công an tỉnh Z").
    ParentHead,
    /// Generational suffixes that end a foreign name with their dot ("Marcos Jr.").
    NameSuffix,
}

impl WordClass for PersonClass {
    fn bit(self) -> u64 {
        1 << self as u64
    }

    fn from_shared(shared: SharedClass) -> Option<Self> {
        (shared == SharedClass::UnitType).then_some(PersonClass::PlaceType)
    }

    fn by_syllable(self) -> bool {
        self == PersonClass::PlaceType
    }
}

/// The keys of the first column of a table.
fn keys(sources: &Sources, table: &str) -> HashSet<String> {
    sources
        .rows(table)
        .map(|f| canonical_key(f.fields[0]))
        .collect()
}

/// The first column of a table as phrases of key words.
fn phrases(sources: &Sources, table: &str, vocab: &mut Vocab) -> PhraseTable<()> {
    let mut phrases = PhraseTable::default();
    for row in sources.rows(table) {
        let syms = vocab.intern_words(&canonical_key(row.fields[0]));
        phrases.insert(vocab, &syms, ());
    }
    phrases
}

impl Lexicon {
    pub fn load(sources: &Sources, vocab: &mut Vocab) -> Result<Lexicon, LexiconError> {
        let mut surnames = HashMap::default();
        for row in sources.rows("shared/surnames.tsv") {
            let strength: SurnameStrength = row.parse(1, "strength")?;
            surnames
                .entry(canonical_key(row.fields[0]))
                .or_insert(strength == SurnameStrength::Strong);
        }
        let compound_surnames = phrases(sources, "person/compound_surnames.tsv", vocab);
        let syllables = keys(sources, "person/name_syllables.tsv");
        let mut roles = TokenPhrases::fuzzy();
        for row in sources.rows("person/roles.tsv") {
            let canonical = row.fields[0].to_string();
            let group: RoleGroup = row.parse(1, "group")?;
            let personal = group == RoleGroup::Role;
            let key = canonical_key(&canonical);
            roles.insert(
                vocab,
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
                    vocab,
                    &deputy,
                    Role {
                        canonical: deputy.clone(),
                        personal,
                    },
                );
            }
        }
        roles.table.finish();
        let mut modifiers = TokenPhrases::fuzzy();
        for row in sources.rows("person/modifiers.tsv") {
            let position: Position = row.parse(1, "position")?;
            // "Phó" is part of the roles themselves (their deputies are generated above).
            if position == Position::Part {
                continue;
            }
            modifiers.insert(
                vocab,
                row.fields[0],
                Modifier {
                    canonical: row.fields[0].to_string(),
                    position,
                },
            );
        }
        modifiers.table.finish();
        let mut honorifics = TokenPhrases::exact();
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
                vocab,
                row.fields[0],
                Honorific {
                    gender,
                    address,
                    plural,
                },
            );
        }
        let org_heads = phrases(sources, "person/org_heads.tsv", vocab);
        let mut places = phrases(sources, "person/place_names.tsv", vocab);
        // Countries ("Thụy Điển", "Philippines") qualify a name too ("đạo diễn Thụy Điển X"); a
        // one-word country that is also a name syllable ("Đức") stays out.
        for row in sources.rows("place/countries.tsv") {
            let key = canonical_key(row.fields[0]);
            if !key.contains(' ') && syllables.contains(&key) {
                continue;
            }
            let syms = vocab.intern_words(&key);
            places.insert(vocab, &syms, ());
        }
        let historical = phrases(sources, "person/historical.tsv", vocab);
        let words = WordClasses::load(sources, "person/words.tsv", vocab)?;
        let mut role_nouns = PhraseTable::default();
        let mut openers = Openers::default();
        for row in sources.rows("person/words.tsv") {
            let title = match row.fields[0] {
                "role_noun" => true,
                "name_cue" => false,
                // "nữ diễn viên": a gender word opens a role noun.
                "role_gender" => {
                    if let [word] = vocab.intern_words(&canonical_key(row.get(1, "entry")?))[..] {
                        openers.add(word, Opens::ROLE_NOUN);
                    }
                    continue;
                }
                _ => continue,
            };
            let syms = vocab.intern_words(&canonical_key(row.get(1, "entry")?));
            openers.add(syms[0], Opens::ROLE_NOUN);
            role_nouns.insert(vocab, &syms, title);
        }
        // The personal roles of roles.tsv ("nhà thơ", "họa sĩ") are role nouns too.
        for row in sources.rows("person/roles.tsv") {
            if row.fields.get(1) == Some(&"role") {
                let syms = vocab.intern_words(&canonical_key(row.fields[0]));
                openers.add(syms[0], Opens::ROLE_NOUN);
                role_nouns.insert(vocab, &syms, true);
            }
        }
        for &word in roles.firsts.iter().chain(&modifiers.firsts) {
            openers.add(word, Opens::TITLE);
        }
        for &word in &honorifics.firsts {
            openers.add(word, Opens::HONORIFIC);
        }
        for word in super::credit::FIRST_WORDS {
            openers.add(vocab.intern(word), Opens::CREDIT);
        }
        Ok(Lexicon {
            words,
            role_nouns,
            openers,
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
        let mut at = ROOT;
        for t in tokens.iter().skip(k).take(3) {
            let Some(next) = self.org_heads.step(at, t.id) else {
                return false;
            };
            at = next;
            if self.org_heads.value(at).is_some() {
                return true;
            }
        }
        false
    }

    /// The end of the longest historical figure's name (two words or more) starting at token `k`.
    pub fn historical_at(&self, tokens: &[Token], k: usize) -> Option<usize> {
        if !tokens
            .get(k)
            .is_some_and(|t| self.historical.starts_with(t.id))
        {
            return None;
        }
        let ids = tokens.iter().skip(k).take(4).map(|t| t.id);
        match self.historical.longest(ids) {
            Some((n, _)) if n > 1 => Some(k + n),
            _ => None,
        }
    }

    /// Whether tokens `[start, end)` are exactly a place name of the list.
    pub fn is_place_name(&self, tokens: &[Token], start: usize, end: usize) -> bool {
        tokens
            .get(start..end)
            .is_some_and(|ts| self.places.get(ts.iter().map(|t| t.id)).is_some())
    }

    /// Whether tokens `[start, end)` are exactly a historical figure's name.
    pub fn is_historical(&self, tokens: &[Token], start: usize, end: usize) -> bool {
        tokens
            .get(start..end)
            .is_some_and(|ts| self.historical.get(ts.iter().map(|t| t.id)).is_some())
    }

    /// Whether the words (by number) are an entry of a word class.
    #[inline]
    pub fn is(&self, class: PersonClass, words: &[Sym]) -> bool {
        self.words.has(class, words)
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
        assert!(one_edit("", "ợ"));
        assert!(one_edit("chủ", "chũ"));
        assert!(one_edit("ông", "ôông"));
        assert!(!one_edit("ông", "ôôông"));
    }

    /// The edit distance of two words, by the textbook table (the reference of [`one_edit`]).
    fn distance(a: &str, b: &str) -> usize {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for (i, x) in a.iter().enumerate() {
            let mut prev = row[0];
            row[0] = i + 1;
            for (j, y) in b.iter().enumerate() {
                let next = (row[j + 1] + 1)
                    .min(row[j] + 1)
                    .min(prev + usize::from(x != y));
                prev = row[j + 1];
                row[j + 1] = next;
            }
        }
        row[b.len()]
    }

    #[test]
    fn one_edit_is_an_edit_distance_of_one() {
        // Every pair of short words over a few letters with and without marks, repeated letters
        // included: the prefix and suffix cut must land on whole characters.
        let letters = ["a", "ă", "ạ", "ậ", "b", "ư", "ự"];
        let mut words = vec![String::new()];
        for _ in 0..3 {
            let longer: Vec<String> = words
                .iter()
                .filter(|w| w.chars().count() == words.last().map_or(0, |l| l.chars().count()))
                .flat_map(|w| letters.iter().map(move |l| format!("{w}{l}")))
                .collect();
            words.extend(longer);
        }
        for a in &words {
            for b in &words {
                assert_eq!(one_edit(a, b), distance(a, b) == 1, "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn roles_match_with_one_typo() {
        let mut vocab = Vocab::default();
        let lex = Lexicon::load(&Sources::builtin(), &mut vocab).expect("built-in lexicon");
        let text = Tokens::with_vocab("Phó Chủ tịch Thường trục", &vocab);
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

    #[test]
    fn equally_good_typo_readings_keep_the_probe_order() {
        // "bàn" is one edit from both "ban" and "bản", "cụa" from both "cục" and "cụm": the first
        // child in probe order (the FNV order of the trie this table replaced) wins.
        let mut vocab = Vocab::default();
        let lex = Lexicon::load(&Sources::builtin(), &mut vocab).expect("built-in lexicon");
        for (text, role) in [
            ("Trưởng bàn Hội", "Trưởng bản"),
            ("Phó Cụa trưởng Lê", "Phó Cụm trưởng"),
        ] {
            let tokens = Tokens::with_vocab(text, &vocab);
            let toks = tokenize(&tokens);
            let m = lex
                .roles
                .longest(&toks, 0, true)
                .map(|m| m.value.canonical.clone());
            assert_eq!(m.as_deref(), Some(role), "{text}");
        }
    }
}
