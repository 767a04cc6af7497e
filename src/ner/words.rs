//! Word classes: the lists of words and short phrases that rules test a word against ("stop
//! words end a name", "a count word before a number makes it no date").
//!
//! Each recogniser names its classes in a serde enum ([`WordClass`]) and lists their members in a
//! `words.tsv` table, one `class<TAB>entry` row each (`data/lexicon/org/words.tsv` ...). An entry
//! of several words ("triển khai") is a phrase of that class. A class is compared either by the
//! matching key of the words (the organisation and person recognisers, over the word numbers of
//! their tokens) or by the text as written (dates, which read lower-cased words of the raw text;
//! photo credits, compared with their case).
//!
//! Classes that several recognisers use are written down once ([`SharedClass`]): the type words of
//! administrative units are the rows of `place/place_types.tsv` flagged `unit`, the surnames are
//! `shared/surnames.tsv`. A recogniser takes the shared classes it tests into its own classes
//! ([`WordClass::from_shared`]) and [`WordClasses::load`] adds their entries to its table.

use std::marker::PhantomData;

use serde::Deserialize;

use super::lexicons::{parse_name, LexiconError, Sources};
use super::phrase::{PhraseTable, StrMap, Sym, Vocab};
use super::text::canonical_key;

/// A class of words listed once for every recogniser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SharedClass {
    /// The type words of administrative units that qualify an organisation or a title ("tỉnh",
    /// "thành phố", "TP", "xã"): the rows of `place/place_types.tsv` flagged `unit`.
    UnitType,
    /// The unit type words of a level below the province (districts and communes).
    LowerUnitType,
    /// The abbreviated unit type words ("TP", "TX"; flagged `abbr`).
    UnitAbbreviation,
    /// The strong surnames of `shared/surnames.tsv`: a name of their own, not also a frequent
    /// place or ordinary word ("Nguyễn", not "Đồng" or "Phương").
    StrongSurname,
}

/// How much a surname says on its own (the second column of `shared/surnames.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SurnameStrength {
    /// Evidence enough for a bare name.
    Strong,
    /// Only with an honorific or a title: also a frequent place, organisation or ordinary word.
    Weak,
}

/// A class of words of one recogniser.
pub trait WordClass: Copy + for<'de> Deserialize<'de> {
    /// The bit of the class in a word's set of classes (at most 64 classes a recogniser).
    fn bit(self) -> u64;

    /// Whether entries are compared as written instead of by their matching key.
    fn as_written(self) -> bool {
        false
    }

    /// The class of this recogniser that holds the entries of a shared class, if it tests them.
    fn from_shared(_shared: SharedClass) -> Option<Self> {
        None
    }

    /// Whether each syllable of an entry is an entry of its own ("thành phố" gives "thành" and
    /// "phố"), for rules that test one word at a time.
    fn by_syllable(self) -> bool {
        false
    }
}

/// The entries of every shared class, in table order.
pub fn shared_entries(sources: &Sources) -> Result<Vec<(SharedClass, &str)>, LexiconError> {
    let mut entries = Vec::new();
    for row in sources.rows("place/place_types.tsv") {
        if !row.optional(2).split(',').any(|flag| flag == "unit") {
            continue;
        }
        let form = row.get(0, "surface form")?;
        entries.push((SharedClass::UnitType, form));
        let target = row.get(1, "target")?;
        if target.starts_with("district:") || target.starts_with("commune:") {
            entries.push((SharedClass::LowerUnitType, form));
        }
        if row.optional(2).split(',').any(|flag| flag == "abbr") {
            entries.push((SharedClass::UnitAbbreviation, form));
        }
    }
    for row in sources.rows("shared/surnames.tsv") {
        let strength: SurnameStrength = row.parse(1, "strength")?;
        if strength == SurnameStrength::Strong {
            entries.push((SharedClass::StrongSurname, row.get(0, "surname")?));
        }
    }
    Ok(entries)
}

/// Every class of one recogniser, loaded from its `words.tsv`.
#[derive(Debug)]
pub struct WordClasses<C> {
    /// Entries compared by key: the classes of each phrase, as bits.
    keyed: PhraseTable<u64>,
    /// The classes of each one-word entry, by word number (most tests are of one word).
    single: Vec<u64>,
    /// The classes with an entry that starts with the word, by word number.
    first: Vec<u64>,
    /// Entries compared as written.
    written: StrMap<Box<str>, u64>,
    class: PhantomData<C>,
}

impl<C: WordClass> WordClasses<C> {
    pub fn load(sources: &Sources, table: &str, vocab: &mut Vocab) -> Result<Self, LexiconError> {
        let mut classes = WordClasses {
            keyed: PhraseTable::default(),
            single: Vec::new(),
            first: Vec::new(),
            written: StrMap::default(),
            class: PhantomData,
        };
        for row in sources.rows(table) {
            let name = row.get(0, "class")?;
            let class: C =
                parse_name(name).map_err(|e| row.error(format!("class {name:?}: {e}")))?;
            classes.add(class, row.get(1, "entry")?, vocab);
        }
        for (shared, entry) in shared_entries(sources)? {
            if let Some(class) = C::from_shared(shared) {
                classes.add(class, entry, vocab);
            }
        }
        Ok(classes)
    }

    fn add(&mut self, class: C, entry: &str, vocab: &mut Vocab) {
        if class.as_written() {
            *self.written.entry(entry.into()).or_default() |= class.bit();
            return;
        }
        let words = vocab.intern_words(&canonical_key(entry));
        if class.by_syllable() {
            for &word in &words {
                self.add_words(class, &[word], vocab);
            }
        } else {
            self.add_words(class, &words, vocab);
        }
    }

    fn add_words(&mut self, class: C, words: &[Sym], vocab: &Vocab) {
        *self.keyed.slot(vocab, words).get_or_insert(0) |= class.bit();
        if let [word, ..] = words[..] {
            set_bit(&mut self.first, word, class.bit());
        }
        if let [word] = words[..] {
            set_bit(&mut self.single, word, class.bit());
        }
    }

    /// Whether the words (by number) are an entry of the class.
    #[inline]
    pub fn has(&self, class: C, words: &[Sym]) -> bool {
        if let [word] = words {
            return self
                .single
                .get(*word as usize)
                .is_some_and(|bits| bits & class.bit() != 0);
        }
        self.keyed
            .lookup(words)
            .is_some_and(|bits| bits & class.bit() != 0)
    }

    /// Whether an entry of the class starts with the word (by number): "công" for "công ty".
    #[inline]
    pub fn starts(&self, class: C, word: Sym) -> bool {
        self.first
            .get(word as usize)
            .is_some_and(|bits| bits & class.bit() != 0)
    }

    /// Whether a word, as written, is an entry of the class.
    #[inline]
    pub fn has_written(&self, class: C, word: &str) -> bool {
        self.written
            .get(word)
            .is_some_and(|bits| bits & class.bit() != 0)
    }
}

fn set_bit(bits: &mut Vec<u64>, word: Sym, bit: u64) {
    let at = word as usize;
    if bits.len() <= at {
        bits.resize(at + 1, 0);
    }
    bits[at] |= bit;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(entries: &[(SharedClass, &str)], class: SharedClass, entry: &str) -> bool {
        entries.contains(&(class, entry))
    }

    #[test]
    fn shared_classes_come_from_the_unit_rows_and_the_surname_table() {
        let sources = Sources::builtin();
        let entries = shared_entries(&sources).unwrap();
        assert!(has(&entries, SharedClass::UnitType, "tỉnh"));
        assert!(has(&entries, SharedClass::UnitType, "thành phố"));
        // A street type word is no unit; a province is no lower unit.
        assert!(!has(&entries, SharedClass::UnitType, "đường"));
        assert!(!has(&entries, SharedClass::LowerUnitType, "tỉnh"));
        assert!(has(&entries, SharedClass::LowerUnitType, "thị trấn"));
        assert!(has(&entries, SharedClass::UnitAbbreviation, "tp"));
        assert!(!has(&entries, SharedClass::UnitAbbreviation, "xã"));
        // Strong surnames only: "Đồng" is also a place word.
        assert!(has(&entries, SharedClass::StrongSurname, "Nguyễn"));
        assert!(!has(&entries, SharedClass::StrongSurname, "Đồng"));
    }
}
