//! Word classes: the lists of words and short phrases that rules test a word against ("stop
//! words end a name", "a count word before a number makes it no date").
//!
//! Each recogniser names its classes in a serde enum ([`WordClass`]) and lists their members in a
//! `words.tsv` table, one `class<TAB>entry` row each (`data/lexicon/org/words.tsv` ...). An entry
//! of several words ("triển khai") is a phrase of that class. A class is compared either by the
//! matching key of the words (the organisation and person recognisers, over the word numbers of
//! their tokens) or by the text as written (dates, which read lower-cased words of the raw text;
//! photo credits, compared with their case).

use std::marker::PhantomData;

use serde::Deserialize;

use super::lexicons::{parse_name, LexiconError, Sources};
use super::phrase::{PhraseTable, StrMap, Sym, Vocab};
use super::text::canonical_key;

/// A class of words of one recogniser.
pub trait WordClass: Copy + for<'de> Deserialize<'de> {
    /// The bit of the class in a word's set of classes (at most 64 classes a recogniser).
    fn bit(self) -> u64;

    /// Whether entries are compared as written instead of by their matching key.
    fn as_written(self) -> bool {
        false
    }
}

/// Every class of one recogniser, loaded from its `words.tsv`.
#[derive(Debug)]
pub struct WordClasses<C> {
    /// Entries compared by key: the classes of each phrase, as bits.
    keyed: PhraseTable<u64>,
    /// The classes of each one-word entry, by word number (most tests are of one word).
    single: Vec<u64>,
    /// Entries compared as written.
    written: StrMap<Box<str>, u64>,
    class: PhantomData<C>,
}

impl<C: WordClass> WordClasses<C> {
    pub fn load(sources: &Sources, table: &str, vocab: &mut Vocab) -> Result<Self, LexiconError> {
        let mut classes = WordClasses {
            keyed: PhraseTable::default(),
            single: Vec::new(),
            written: StrMap::default(),
            class: PhantomData,
        };
        for row in sources.rows(table) {
            let name = row.get(0, "class")?;
            let class: C =
                parse_name(name).map_err(|e| row.error(format!("class {name:?}: {e}")))?;
            let entry = row.get(1, "entry")?;
            if class.as_written() {
                *classes.written.entry(entry.into()).or_default() |= class.bit();
            } else {
                let words = vocab.intern_words(&canonical_key(entry));
                *classes.keyed.slot(vocab, &words).get_or_insert(0) |= class.bit();
                if let [word] = words[..] {
                    let at = word as usize;
                    if classes.single.len() <= at {
                        classes.single.resize(at + 1, 0);
                    }
                    classes.single[at] |= class.bit();
                }
            }
        }
        Ok(classes)
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

    /// Whether a word, as written, is an entry of the class.
    #[inline]
    pub fn has_written(&self, class: C, word: &str) -> bool {
        self.written
            .get(word)
            .is_some_and(|bits| bits & class.bit() != 0)
    }
}
