//! Phrase tables: the one matcher of every lexicon.
//!
//! Every word key that occurs in a lexicon is numbered once in the [`Vocab`] of the [`Lexicons`]
//! (a word of a text that no lexicon holds gets [`UNKNOWN`] and matches nothing). A
//! [`PhraseTable`] maps phrases, sequences of word numbers, to values, as a trie: each node is
//! reached from its parent by one word, and a node may hold a value. Matching walks the words of a
//! text from one position and keeps the deepest node with a value (longest match); a recogniser
//! decides which of its words continue a phrase (a place name runs across spaces and dashes only,
//! an organisation name compares the punctuation between words too). A fuzzy table also keeps, per
//! node, the order in which one-edit readings of a mistyped word are tried.
//!
//! [`Lexicons`]: super::Lexicons

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// The number of a word key in the [`Vocab`].
pub type Sym = u32;

/// The number of a word no lexicon holds.
pub const UNKNOWN: Sym = u32::MAX;

/// A hash for short strings (syllables, hashed at every word, where SipHash dominated): eight
/// bytes at a time, then the final mix of MurmurHash3 so that the high bits the hash table reads
/// vary too.
#[derive(Default)]
pub struct StrHash(u64);

impl Hasher for StrHash {
    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            hash = (hash.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            // The tail as a zero-padded little-endian word, assembled in a register (a copy into
            // a buffer on the stack, read back at once, stalled every hash of a short key).
            let word = rest
                .iter()
                .rev()
                .fold(0u64, |word, &b| word << 8 | u64::from(b));
            hash = (hash.rotate_left(5) ^ word).wrapping_mul(K);
        }
        self.0 = hash;
    }

    fn write_u8(&mut self, n: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(n)).wrapping_mul(K);
    }
}

/// The multiplier of the rotate-multiply hashes (the one of rustc's FxHash).
const K: u64 = 0x517c_c1b7_2722_0a95;

/// A map with [`StrHash`] hashing, for short string keys.
pub type StrMap<K, V> = HashMap<K, V, BuildHasherDefault<StrHash>>;
/// A set with [`StrHash`] hashing, for short string keys.
pub type StrSet<K> = std::collections::HashSet<K, BuildHasherDefault<StrHash>>;

/// FNV-1a. Only the probe order of fuzzy tables is hashed with it: one-edit readings of a
/// mistyped word are tried in the order of an FNV-hashed map of the children, the order of the
/// role trie this table replaced, which decides between two equally good readings.
#[derive(Default)]
struct Fnv(u64);

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

/// A multiply-rotate hash for integer keys (node and word numbers).
#[derive(Default)]
pub struct IdHash(u64);

impl Hasher for IdHash {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(K);
    }
}

/// A map with [`IdHash`] hashing, for integer keys.
pub type IdMap<K, V> = HashMap<K, V, BuildHasherDefault<IdHash>>;

/// Every word key of the lexicons, numbered.
///
/// An open-addressing table of [`VocabSlot`]s (linear probing, at most half full): a key of up
/// to [`INLINE_KEY`] bytes (nearly every syllable) is stored in its slot next to its hash and
/// number, so the lookup of a word of a text reads one slot, one cache line, and follows no
/// pointer; a longer key is compared with its entry in `words`. Every word of every text is
/// looked up here.
#[derive(Debug, Clone)]
pub struct Vocab {
    slots: Vec<VocabSlot>,
    /// The key of every number.
    words: Vec<Box<str>>,
    /// Names the contents: a new number was given under a new stamp, so equal stamps mean the same
    /// numbers (the empty vocabulary has stamp 0). Caches of word numbers (the known words of
    /// [`Tokens`](super::tokens::Tokens)) compare it to know whether their numbers still hold.
    stamp: u64,
}

/// The next [`Vocab::stamp`] given out.
static NEXT_VOCAB_STAMP: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Keys up to this many bytes are stored in their [`VocabSlot`].
const INLINE_KEY: usize = 20;

/// One slot of the [`Vocab`] table: 32 bytes, two to a cache line.
#[derive(Debug, Clone, Copy)]
#[repr(C, align(32))]
struct VocabSlot {
    /// The high half of the key's hash (the low half picked the slot).
    tag: u32,
    /// The number of the key, or [`UNKNOWN`] for an empty slot.
    sym: Sym,
    /// The length of the key in bytes.
    len: u32,
    /// The key (zero padded) when it fits.
    key: [u8; INLINE_KEY],
}

const EMPTY_SLOT: VocabSlot = VocabSlot {
    tag: 0,
    sym: UNKNOWN,
    len: 0,
    key: [0; INLINE_KEY],
};

impl Default for Vocab {
    /// An empty vocabulary, allocating nothing (texts tokenised without numbers use one).
    fn default() -> Self {
        Vocab {
            slots: Vec::new(),
            words: Vec::new(),
            stamp: 0,
        }
    }
}

/// The slot of a new key.
fn new_slot(key: &str, hash: u64, sym: Sym) -> VocabSlot {
    let mut slot = VocabSlot {
        tag: (hash >> 32) as u32,
        sym,
        len: u32::try_from(key.len()).unwrap_or(u32::MAX),
        key: [0; INLINE_KEY],
    };
    if key.len() <= INLINE_KEY {
        slot.key[..key.len()].copy_from_slice(key.as_bytes());
    }
    slot
}

fn hash_key(key: &str) -> u64 {
    let mut hasher = StrHash::default();
    hasher.write(key.as_bytes());
    hasher.finish()
}

impl Vocab {
    /// The number of `key`, numbering it if it is new.
    pub fn intern(&mut self, key: &str) -> Sym {
        if self.slots.is_empty() {
            self.slots = vec![EMPTY_SLOT; 16];
        }
        let hash = hash_key(key);
        let at = match self.find(key, hash) {
            Ok(sym) => return sym,
            Err(at) => at,
        };
        let sym = self.words.len() as Sym;
        self.words.push(key.into());
        self.slots[at] = new_slot(key, hash, sym);
        self.stamp = NEXT_VOCAB_STAMP.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if self.words.len() * 2 > self.slots.len() {
            self.grow();
        }
        sym
    }

    /// Doubles the table and puts every slot in its new place.
    fn grow(&mut self) {
        let slots = vec![EMPTY_SLOT; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, slots);
        let mask = self.slots.len() - 1;
        for slot in old.into_iter().filter(|s| s.sym != UNKNOWN) {
            let hash = hash_key(&self.words[slot.sym as usize]);
            let mut at = hash as usize & mask;
            while self.slots[at].sym != UNKNOWN {
                at = (at + 1) & mask;
            }
            self.slots[at] = slot;
        }
    }

    /// The number of `key` (hashed `hash`), or the empty slot where it would go.
    #[inline]
    fn find(&self, key: &str, hash: u64) -> Result<Sym, usize> {
        if self.slots.is_empty() {
            return Err(0);
        }
        let mask = self.slots.len() - 1;
        let tag = (hash >> 32) as u32;
        let mut at = hash as usize & mask;
        loop {
            let slot = &self.slots[at];
            if slot.sym == UNKNOWN {
                return Err(at);
            }
            if slot.tag == tag && self.holds(slot, key) {
                return Ok(slot.sym);
            }
            at = (at + 1) & mask;
        }
    }

    /// Whether an occupied slot holds `key`.
    #[inline]
    fn holds(&self, slot: &VocabSlot, key: &str) -> bool {
        let len = slot.len as usize;
        if len != key.len() {
            false
        } else if len <= INLINE_KEY {
            slot.key[..len] == *key.as_bytes()
        } else {
            *self.words[slot.sym as usize] == *key
        }
    }

    /// The number of `key`, or [`UNKNOWN`].
    #[inline]
    pub fn get(&self, key: &str) -> Sym {
        self.find(key, hash_key(key)).unwrap_or(UNKNOWN)
    }

    /// The key of a number.
    pub fn word(&self, sym: Sym) -> &str {
        self.words.get(sym as usize).map_or("", |w| w)
    }

    /// The numbers of the space-separated words of a key ("bà rịa - vũng tàu"), numbering new
    /// ones.
    pub fn intern_words(&mut self, key: &str) -> Vec<Sym> {
        key.split(' ').map(|w| self.intern(w)).collect()
    }

    /// The numbers of the space-separated words of a key ([`UNKNOWN`] for new ones).
    pub fn words<'k>(&'k self, key: &'k str) -> impl Iterator<Item = Sym> + 'k {
        key.split(' ').map(|w| self.get(w))
    }

    /// The stamp of the contents: two vocabularies of one stamp number every key alike.
    pub fn stamp(&self) -> u64 {
        self.stamp
    }

    /// Whether no word is numbered yet.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// A node of a [`PhraseTable`].
pub type Node = u32;

/// The root: the empty phrase.
pub const ROOT: Node = 0;

/// Phrases of words mapped to values (see the module docs).
#[derive(Debug)]
pub struct PhraseTable<V> {
    /// (node, word) -> child.
    edges: IdMap<(Node, Sym), Node>,
    /// The first words of the phrases, as a bit set over word numbers: most words start no
    /// phrase, and this answers them without a hash lookup.
    first: Vec<u64>,
    values: Vec<Option<V>>,
    /// Fuzzy tables: per node, its children in the order one-edit readings are tried.
    probe: Option<Probe>,
}

/// The children of every node by key, in the order they are tried for a mistyped word.
#[derive(Debug, Default)]
struct Probe {
    building: Vec<HashMap<String, Node, BuildHasherDefault<Fnv>>>,
    order: Vec<Vec<(Box<str>, usize, Node)>>,
}

impl<V> Default for PhraseTable<V> {
    fn default() -> Self {
        PhraseTable {
            edges: IdMap::default(),
            first: Vec::new(),
            values: vec![None],
            probe: None,
        }
    }
}

impl<V> PhraseTable<V> {
    /// A table whose matches may forgive one mistyped word (see [`PhraseTable::children`]).
    pub fn fuzzy() -> Self {
        PhraseTable {
            probe: Some(Probe {
                building: vec![HashMap::default()],
                order: Vec::new(),
            }),
            ..PhraseTable::default()
        }
    }

    /// The node of a phrase, created with its path when new.
    pub fn node(&mut self, vocab: &Vocab, phrase: &[Sym]) -> Node {
        if let Some(&word) = phrase.first().filter(|&&w| w != UNKNOWN) {
            let (slot, bit) = (word as usize / 64, word % 64);
            if self.first.len() <= slot {
                self.first.resize(slot + 1, 0);
            }
            self.first[slot] |= 1 << bit;
        }
        let mut at = ROOT;
        for &sym in phrase {
            at = match self.edges.get(&(at, sym)) {
                Some(&next) => next,
                None => {
                    let next = self.values.len() as Node;
                    self.values.push(None);
                    self.edges.insert((at, sym), next);
                    if let Some(probe) = &mut self.probe {
                        probe.building.push(HashMap::default());
                        probe.building[at as usize].insert(vocab.word(sym).to_string(), next);
                    }
                    next
                }
            };
        }
        at
    }

    /// Sets the value of a phrase unless it has one.
    pub fn insert(&mut self, vocab: &Vocab, phrase: &[Sym], value: V) {
        let node = self.node(vocab, phrase);
        self.values[node as usize].get_or_insert(value);
    }

    /// The value slot of a phrase, created when new.
    pub fn slot(&mut self, vocab: &Vocab, phrase: &[Sym]) -> &mut Option<V> {
        let node = self.node(vocab, phrase);
        &mut self.values[node as usize]
    }

    /// Freezes the probe order of a fuzzy table; call once all phrases are in.
    pub fn finish(&mut self) {
        if let Some(probe) = &mut self.probe {
            probe.order = probe
                .building
                .iter()
                .map(|children| {
                    children
                        .iter()
                        .map(|(key, &node)| (key.as_str().into(), key.chars().count(), node))
                        .collect()
                })
                .collect();
            probe.building = Vec::new();
        }
    }

    /// Whether some phrase starts with word `sym`.
    #[inline]
    pub fn starts_with(&self, sym: Sym) -> bool {
        self.first
            .get(sym as usize / 64)
            .is_some_and(|bits| bits >> (sym % 64) & 1 == 1)
    }

    /// The child of `node` by word `sym`.
    #[inline]
    pub fn step(&self, node: Node, sym: Sym) -> Option<Node> {
        if node == ROOT && !self.starts_with(sym) {
            return None;
        }
        if sym == UNKNOWN {
            return None;
        }
        self.edges.get(&(node, sym)).copied()
    }

    /// The value of a node.
    #[inline]
    pub fn value(&self, node: Node) -> Option<&V> {
        self.values.get(node as usize)?.as_ref()
    }

    /// The children of a node of a fuzzy table with their keys and the length of the keys in
    /// chars, in probe order (empty for other tables).
    pub fn children(&self, node: Node) -> &[(Box<str>, usize, Node)] {
        self.probe
            .as_ref()
            .and_then(|p| p.order.get(node as usize))
            .map_or(&[], Vec::as_slice)
    }

    /// The value of exactly this phrase.
    pub fn get(&self, phrase: impl IntoIterator<Item = Sym>) -> Option<&V> {
        let mut at = ROOT;
        for sym in phrase {
            at = self.step(at, sym)?;
        }
        self.value(at)
    }

    /// The value of exactly this phrase.
    pub fn lookup(&self, phrase: &[Sym]) -> Option<&V> {
        self.get(phrase.iter().copied())
    }

    /// Whether the phrase has a value.
    pub fn contains(&self, phrase: &[Sym]) -> bool {
        self.lookup(phrase).is_some()
    }

    /// Whether the phrase is a prefix of some phrase of the table (or one itself).
    pub fn has_prefix(&self, phrase: impl IntoIterator<Item = Sym>) -> bool {
        let mut at = ROOT;
        for sym in phrase {
            match self.step(at, sym) {
                Some(next) => at = next,
                None => return false,
            }
        }
        true
    }

    /// The longest phrase of the table that the words start with: how many words it has and its
    /// value.
    pub fn longest(&self, words: impl IntoIterator<Item = Sym>) -> Option<(usize, &V)> {
        let mut at = ROOT;
        let mut best = None;
        for (n, sym) in words.into_iter().enumerate() {
            let Some(next) = self.step(at, sym) else {
                break;
            };
            at = next;
            if let Some(v) = self.value(at) {
                best = Some((n + 1, v));
            }
        }
        best
    }

    /// How many phrases have a value.
    pub fn len(&self) -> usize {
        self.values.iter().filter(|v| v.is_some()).count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_key_hash_reads_the_tail_as_a_zero_padded_word() {
        // The hash of every key length up to two words, against the tail copied into a buffer.
        let key = "thành phố Hồ Chí Minh";
        for len in 0..=16 {
            let bytes = &key.as_bytes()[..len];
            let mut reference = 0u64;
            for chunk in bytes.chunks(8) {
                let mut word = [0u8; 8];
                word[..chunk.len()].copy_from_slice(chunk);
                reference = (reference.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
            }
            let mut hash = StrHash::default();
            hash.write(bytes);
            assert_eq!(hash.0, reference, "{len} bytes");
        }
    }

    #[test]
    fn vocab_numbers_short_and_long_keys_through_growth() {
        let mut vocab = Vocab::default();
        let keys: Vec<String> = (0..5000)
            .map(|n| match n % 3 {
                0 => format!("{n}"),
                1 => format!("từ {n}"),
                _ => format!("một khóa dài hơn hai mươi byte {n}"),
            })
            .collect();
        for (n, key) in keys.iter().enumerate() {
            assert_eq!(vocab.intern(key), n as Sym);
        }
        for (n, key) in keys.iter().enumerate() {
            assert_eq!(vocab.get(key), n as Sym, "{key}");
            assert_eq!(vocab.intern(key), n as Sym);
            assert_eq!(vocab.word(n as Sym), key);
        }
        for absent in [
            "",
            "từ",
            "5000",
            "từ 5000",
            "một khóa dài hơn hai mươi byte 1",
        ] {
            assert_eq!(vocab.get(absent), UNKNOWN, "{absent}");
        }
        assert_eq!(vocab.intern(""), 5000);
        assert_eq!(vocab.get(""), 5000);
    }

    #[test]
    fn longest_match_and_exact_lookup() {
        let mut vocab = Vocab::default();
        let mut table = PhraseTable::default();
        for (phrase, value) in [("bà rịa", 1), ("bà rịa - vũng tàu", 2), ("hà nội", 3)] {
            let syms = vocab.intern_words(phrase);
            table.insert(&vocab, &syms, value);
        }
        let text: Vec<Sym> = ["bà", "rịa", "-", "vũng", "tàu", "và"]
            .iter()
            .map(|w| vocab.get(w))
            .collect();
        assert_eq!(table.longest(text.iter().copied()), Some((5, &2)));
        assert_eq!(table.longest(text[..3].iter().copied()), Some((2, &1)));
        assert_eq!(table.get(vocab.intern_words("hà nội")), Some(&3));
        assert_eq!(table.get([vocab.get("hà")]), None);
        assert!(table.has_prefix([vocab.get("hà")]));
        assert!(!table.has_prefix([vocab.get("nội")]));
        assert_eq!(table.longest([UNKNOWN]), None);
        assert_eq!(table.len(), 3);
    }

    #[test]
    fn first_value_wins() {
        let mut vocab = Vocab::default();
        let mut table = PhraseTable::default();
        let syms = vocab.intern_words("sở");
        table.insert(&vocab, &syms, "first");
        table.insert(&vocab, &syms, "second");
        assert_eq!(table.get(syms), Some(&"first"));
    }
}
