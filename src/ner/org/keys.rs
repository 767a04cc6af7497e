//! The words that the parser's rules name one by one ("các Sở", "nhà báo", "Cụm thi đua số II"),
//! and the one-character gap signatures (",", "-", "("), by their vocabulary numbers.
//!
//! [`OrgFinder::new`](super::OrgFinder::new) resolves them once against the final vocabulary, so a
//! rule compares the number of a word ([`OrgWord::id`](crate::ner::tokens::OrgWord)) instead of its
//! key string. A word the vocabulary lacks (a small user lexicon) is compared by its key.

use crate::ner::phrase::{Sym, Vocab, UNKNOWN};

/// Declares [`RuleWords`]: one field per word, named after the word without its marks.
macro_rules! rule_words {
    ($($(#[$doc:meta])* $field:ident = $key:literal,)*) => {
        /// The words the parser's rules name (each field's doc is its key).
        #[derive(Debug, Clone)]
        pub struct RuleWords {
            $($(#[$doc])* #[doc = $key] pub $field: RuleWord,)*
        }

        impl RuleWords {
            pub fn new(vocab: &Vocab) -> RuleWords {
                RuleWords {
                    $($field: RuleWord::new(vocab, $key),)*
                }
            }
        }
    };
}

rule_words! {
    cac = "các",
    nhung = "những",
    cua = "của",
    va = "và",
    so_department = "sở",
    bo = "bộ",
    bao = "báo",
    nha = "nhà",
    vien = "viên",
    so_number = "số",
    thanh = "thành",
    pho = "phố",
    uy = "ủy",
    doan = "đoàn",
    co = "cơ",
    quan_agency = "quan",
    to = "tổ",
    chuc = "chức",
    tinh = "tỉnh",
    huyen = "huyện",
    quan_district = "quận",
    mien = "miền",
    khu = "khu",
    vuc = "vực",
    anh = "ảnh",
    nguon = "nguồn",
    ubnd = "ubnd",
    hdnd = "hđnd",
    hdnd_ascii = "hdnd",
    viet = "việt",
}

/// A word a rule names: its key and its number in the vocabulary ([`UNKNOWN`] if it lacks it).
#[derive(Debug, Clone, Copy)]
pub struct RuleWord {
    key: &'static str,
    sym: Sym,
}

impl RuleWord {
    fn new(vocab: &Vocab, key: &'static str) -> RuleWord {
        RuleWord {
            key,
            sym: vocab.get(key),
        }
    }

    /// The number of the word, if the vocabulary has it.
    #[inline]
    pub fn sym(self) -> Option<Sym> {
        (self.sym != UNKNOWN).then_some(self.sym)
    }

    pub fn key(self) -> &'static str {
        self.key
    }
}

/// The vocabulary number of every one-byte ASCII gap signature ("," -> its number), and of the
/// empty signature (white space).
#[derive(Debug, Clone)]
pub struct GapNumbers {
    pub empty: Sym,
    ascii: [Sym; 128],
}

impl GapNumbers {
    pub fn new(vocab: &Vocab) -> GapNumbers {
        let mut ascii = [UNKNOWN; 128];
        for (byte, slot) in ascii.iter_mut().enumerate() {
            let mut buffer = [0u8; 4];
            *slot = vocab.get(char::from(byte as u8).encode_utf8(&mut buffer));
        }
        GapNumbers {
            empty: vocab.get(""),
            ascii,
        }
    }

    /// The number of the signature of one ASCII character.
    #[inline]
    pub fn ascii(&self, byte: u8) -> Sym {
        self.ascii
            .get(usize::from(byte))
            .copied()
            .unwrap_or(UNKNOWN)
    }

    /// The number of a signature: a table look-up for one ASCII character, else a hash.
    #[inline]
    pub fn of(&self, signature: &str, vocab: &Vocab) -> Sym {
        match signature.as_bytes() {
            [] => self.empty,
            &[byte] if byte.is_ascii() => self.ascii[byte as usize],
            _ => vocab.get(signature),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_words_keep_their_key_when_the_vocabulary_lacks_them() {
        let mut vocab = Vocab::default();
        let va = vocab.intern("và");
        let words = RuleWords::new(&vocab);
        assert_eq!(words.va.sym(), Some(va));
        assert_eq!(words.cac.sym(), None);
        assert_eq!(words.cac.key(), "các");
        let gaps = GapNumbers::new(&vocab);
        assert_eq!(gaps.of(",", &vocab), UNKNOWN);
        let comma = vocab.intern(",");
        let gaps = GapNumbers::new(&vocab);
        assert_eq!(gaps.of(",", &vocab), comma);
        assert_eq!(gaps.ascii(b','), comma);
    }
}
