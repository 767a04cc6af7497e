//! The place recogniser's view of the words of a text ([`Tokens::place`]), with their matching
//! keys (lexicon names are keyed by [`canonical_key`](crate::ner::text::canonical_key), built word
//! by word the same way).
//!
//! Place names are matched word by word: a word is a run of letters and digits (an apostrophe
//! between letters stays inside: "H'Leo", "M'Drắk"). Two words can belong to one name only when
//! the gap between them is a run of spaces on one line, or a dash ("Bà Rịa-Vũng Tàu",
//! "Thừa Thiên - Huế"); a comma, a full stop or a line break ends a name.

use crate::ner::phrase::StrSet;

use crate::ner::phrase::Sym;

pub use crate::ner::tokens::Gap;
use crate::ner::tokens::Tokens;

#[derive(Debug, Clone)]
pub struct Token<'t> {
    pub start: usize,
    pub end: usize,
    pub text: &'t str,
    /// The matching key ([`canonical_key`] of the word).
    pub key: &'t str,
    /// The number of the key in the lexicons' vocabulary.
    pub id: Sym,
    /// The first character is an upper-case letter.
    pub cap: bool,
    /// The first character is a digit.
    pub digit: bool,
    /// Gap to the next word.
    pub gap: Gap,
}

/// The place words of a tokenised text.
pub fn tokenize<'t>(tokens: &'t Tokens<'_>) -> Vec<Token<'t>> {
    tokens
        .place
        .iter()
        .map(|w| Token {
            start: w.start,
            end: w.end,
            text: &tokens.text[w.start..w.end],
            key: tokens.place_key(w),
            id: w.id,
            cap: w.cap,
            digit: w.digit,
            gap: w.gap,
        })
        .collect()
}

/// Whether the word may be in `set` of keys: its text is, or, for a word with characters outside
/// ASCII, its key is (an ASCII word is looked up as written).
pub fn maybe_in(token: &Token<'_>, set: &StrSet<String>) -> bool {
    set.contains(token.text) || (!token.text.is_ascii() && set.contains(token.key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::text::{canonical_key, word_key};

    #[test]
    fn fast_keys_equal_canonical_keys() {
        for word in [
            "Hoà",
            "hòa",
            "THUỶ",
            "Quý",
            "Qúy",
            "Ðắk",
            "Ho\u{300}a",
            "Khánh",
            "Nậm",
            "H'Leo",
            "Hà",
        ] {
            assert_eq!(word_key(word), canonical_key(word), "{word}");
        }
    }

    #[test]
    fn words_carry_their_keys() {
        let tokens = Tokens::new("Khánh Hoà, H’Leo");
        let words = tokenize(&tokens);
        let keys: Vec<&str> = words.iter().map(|w| w.key).collect();
        assert_eq!(keys, ["khánh", "hòa", "h'leo"]);
    }
}
