//! The words that the parser's rules name one by one ("các Sở", "nhà báo", "Cụm thi đua số II"),
//! and the one-character gap signatures (",", "-", "("), by their vocabulary numbers.
//!
//! [`OrgFinder::new`](super::OrgFinder::new) resolves them once against the final vocabulary, so a
//! rule compares the number of a word ([`OrgWord::id`](crate::ner::tokens::OrgWord)) instead of its
//! key string. A word the vocabulary lacks gets [`ABSENT`], which no word of a text carries.

use crate::ner::phrase::{Sym, Vocab, UNKNOWN};

/// The number of a rule word the vocabulary lacks: it equals no word's number ([`UNKNOWN`]
/// included).
const ABSENT: Sym = UNKNOWN - 1;

/// Declares [`RuleWords`]: one field per word, named after the word without its marks.
macro_rules! rule_words {
    ($($(#[$doc:meta])* $field:ident = $key:literal,)*) => {
        /// The numbers of the words the parser's rules name (each field's doc is its key).
        #[derive(Debug, Clone)]
        pub struct RuleWords {
            $($(#[$doc])* #[doc = $key] pub $field: Sym,)*
        }

        impl RuleWords {
            pub fn new(vocab: &Vocab) -> RuleWords {
                RuleWords {
                    $($field: number(vocab, $key),)*
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

fn number(vocab: &Vocab, key: &str) -> Sym {
    match vocab.get(key) {
        UNKNOWN => ABSENT,
        sym => sym,
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
