//! The place recogniser's view of the words of a text ([`Tokens::place`]), with their matching
//! keys, and the keys of lexicon names built the same way.
//!
//! Place names are matched word by word: a word is a run of letters and digits (an apostrophe
//! between letters stays inside: "H'Leo", "M'Drắk"). Two words can belong to one name only when
//! the gap between them is a run of spaces on one line, or a dash ("Bà Rịa-Vũng Tàu",
//! "Thừa Thiên - Huế"); a comma, a full stop or a line break ends a name.

use crate::ner::phrase::StrSet;

use crate::ner::phrase::Sym;
use crate::ner::text::{canonical_key, push_word_key};

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

/// [`canonical_key`] of a name, through [`push_word_key`] when the name has no dash or apostrophe.
pub fn name_key(name: &str) -> String {
    if name
        .chars()
        .any(|c| !is_letter_or_digit(c) && !c.is_whitespace())
    {
        return canonical_key(name);
    }
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        push_word_key(word, &mut key);
    }
    key
}

/// `char::is_alphanumeric`, without the Unicode tables for the Latin letters of Vietnamese.
fn is_letter_or_digit(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => c != '\u{D7}' && c != '\u{F7}',
        _ => c.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::text::word_key;

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
        assert_eq!(
            name_key("Thừa Thiên  Huế"),
            canonical_key("Thừa Thiên  Huế")
        );
    }

    #[test]
    fn letters_and_digits_fast_path() {
        for code in 0xC0..0x1F00 {
            if let Some(c) = char::from_u32(code) {
                assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
            }
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
