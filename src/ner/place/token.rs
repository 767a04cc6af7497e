//! Words of a text with their byte spans, and what separates them.
//!
//! Place names are matched word by word: a word is a run of letters and digits (an apostrophe
//! between letters stays inside: "H'Leo", "M'Drắk"). Two words can belong to one name only when
//! the gap between them is a run of spaces on one line, or a dash ("Bà Rịa-Vũng Tàu",
//! "Thừa Thiên - Huế"); a comma, a full stop or a line break ends a name.

use std::collections::HashSet;

pub use crate::ner::text::word_key;
use crate::ner::text::{canonical_key, is_word_char, key_is_itself};

/// What separates a word from the next one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gap {
    /// Spaces (no line break).
    Space,
    /// A dash, with or without spaces ("-", " - ", "–").
    Dash,
    /// A full stop, maybe followed by spaces ("TP.HCM", "TP. Huế").
    Dot,
    /// A comma and spaces.
    Comma,
    /// A colon and spaces ("các xã: Tam Thanh, Tam Phú").
    Colon,
    /// Nothing (two words touching: "19C" is one word, so only letters next to symbols).
    None,
    /// An opening quotation mark, maybe with spaces ("ảnh “Hải Phòng ...”": a title follows).
    Quote,
    /// Anything else: line breaks, brackets, other punctuation, the end of the text.
    Other,
}

#[derive(Debug, Clone)]
pub struct Token<'t> {
    pub start: usize,
    pub end: usize,
    pub text: &'t str,
    /// The first character is an upper-case letter.
    pub cap: bool,
    /// The first character is a digit.
    pub digit: bool,
    /// Gap to the next word.
    pub gap: Gap,
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2BC}')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

fn classify(gap: &str) -> Gap {
    if gap.is_empty() {
        return Gap::None;
    }
    let trimmed = gap.trim_matches(|c: char| c == ' ' || c == '\t' || c == '\u{a0}');
    let spaces_only = |s: &str| s.chars().all(|c| c == ' ' || c == '\t' || c == '\u{a0}');
    if trimmed.is_empty() {
        return Gap::Space;
    }
    let mut chars = trimmed.chars();
    let (Some(first), None) = (chars.next(), chars.next()) else {
        return Gap::Other;
    };
    if is_dash(first) {
        return Gap::Dash;
    }
    if first == ',' {
        return Gap::Comma;
    }
    if first == ':' {
        return Gap::Colon;
    }
    if matches!(first, '\u{201C}' | '\u{AB}' | '\u{2018}') {
        return Gap::Quote;
    }
    if first == '.' && gap.starts_with('.') && spaces_only(&gap[1..]) {
        return Gap::Dot;
    }
    Gap::Other
}

/// Splits `text` into words.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 5);
    let mut iter = text.char_indices().peekable();
    while let Some((start, c)) = iter.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c2)) = iter.peek() {
            if is_word_char(c2) {
                end = i + c2.len_utf8();
                iter.next();
            } else if is_apostrophe(c2) {
                // Keep an apostrophe between two letters ("H'Leo").
                let after = text[i + c2.len_utf8()..].chars().next();
                if after.is_some_and(char::is_alphabetic) {
                    end = i + c2.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        if let Some(prev) = tokens.last_mut() {
            prev.gap = classify(&text[prev.end..start]);
        }
        tokens.push(Token {
            start,
            end,
            text: &text[start..end],
            cap: c.is_uppercase(),
            digit: c.is_ascii_digit(),
            gap: Gap::Other,
        });
    }
    tokens
}

/// Matching keys of the words, computed on demand (most words never need one).
pub struct Keys {
    keys: Vec<Option<String>>,
}

impl Keys {
    pub fn new(n: usize) -> Keys {
        Keys {
            keys: vec![None; n],
        }
    }

    /// Whether word `i` may be in `set` of keys, without computing its key when the word is
    /// already a plain lower-case word (the common case for words that start nothing).
    pub fn maybe_in(&mut self, tokens: &[Token], i: usize, set: &HashSet<String>) -> bool {
        let text = tokens[i].text;
        if set.contains(text) {
            return true;
        }
        if text.is_ascii() || key_is_itself(text) {
            return false;
        }
        set.contains(self.get(tokens, i))
    }

    pub fn get(&mut self, tokens: &[Token], i: usize) -> &str {
        if self.keys[i].is_none() {
            self.keys[i] = Some(word_key(tokens[i].text));
        }
        self.keys[i].as_deref().unwrap_or("")
    }
}

/// [`canonical_key`] of a name, through [`word_key`] when the name has no dash or apostrophe.
pub fn name_key(name: &str) -> String {
    if name
        .chars()
        .any(|c| !c.is_alphanumeric() && !c.is_whitespace())
    {
        return canonical_key(name);
    }
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&word_key(word));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn words_and_gaps() {
        let t = tokenize("TP.HCM, Bà Rịa-Vũng Tàu và Ea H'Leo.\nXã");
        let words: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            ["TP", "HCM", "Bà", "Rịa", "Vũng", "Tàu", "và", "Ea", "H'Leo", "Xã"]
        );
        let gaps: Vec<Gap> = t.iter().map(|t| t.gap).collect();
        assert_eq!(
            gaps,
            [
                Gap::Dot,
                Gap::Comma,
                Gap::Space,
                Gap::Dash,
                Gap::Space,
                Gap::Space,
                Gap::Space,
                Gap::Space,
                Gap::Other,
                Gap::Other
            ]
        );
    }
}
