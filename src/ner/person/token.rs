//! Words and punctuation of one text, with byte offsets and a matching key.
//!
//! Every non-space character of the text belongs to exactly one token, so two neighbouring tokens
//! are separated by white space only; the recognisers walk this list instead of the raw text.

use crate::ner::text::{is_word_char, word_key};

/// The letter case of a word, which carries most of the evidence for names in Vietnamese.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// "Minh", "Đức": an upper-case letter followed by lower-case letters only.
    Capitalised,
    /// "thường", "trực".
    Lower,
    /// "UBND", "TT&TT", "PGĐ", "ThS": more than one upper-case letter.
    Upper,
    /// Digits, mixed forms ("7E", "12A2"), punctuation.
    Other,
}

/// One word or punctuation mark.
#[derive(Debug, Clone)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub case: Case,
    pub is_word: bool,
    /// [`canonical_key`] of the token (lower case, traditional tone position).
    pub key: String,
}

/// Splits `text` into tokens. "&" between two word characters stays inside the word ("TT&TT").
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut iter = text.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c == ' ' || c == '\n' || c.is_whitespace() {
            continue;
        }
        if !is_word_char(c) {
            let end = i + c.len_utf8();
            tokens.push(Token {
                start: i,
                end,
                case: Case::Other,
                is_word: false,
                key: text[i..end].to_string(),
            });
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = iter.peek() {
            let joiner = matches!(d, '&' | '\'' | '’')
                && text[j + d.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_alphanumeric());
            if is_word_char(d) || joiner {
                end = j + d.len_utf8();
                iter.next();
            } else {
                break;
            }
        }
        let word = &text[i..end];
        tokens.push(Token {
            start: i,
            end,
            case: word_case(word),
            is_word: true,
            key: word_key(word),
        });
    }
    tokens
}

fn word_case(word: &str) -> Case {
    // Ethnic-minority names glue a one-letter prefix with an apostrophe ("H'Liên", "K'Nhiên"):
    // the word is capitalised when every part is.
    if word.contains(['\'', '’'])
        && word
            .split(['\'', '’'])
            .all(|part| word_case(part) == Case::Capitalised)
    {
        return Case::Capitalised;
    }
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return Case::Other;
    };
    if word.chars().any(|c| c.is_ascii_digit()) {
        return Case::Other;
    }
    let uppers = word.chars().filter(|c| c.is_uppercase()).count();
    if first.is_uppercase() {
        if uppers == 1 && word.chars().all(|c| !c.is_ascii_punctuation()) {
            Case::Capitalised
        } else {
            Case::Upper
        }
    } else if uppers == 0 {
        Case::Lower
    } else {
        Case::Other
    }
}

/// True when the white space between two tokens holds a line break.
pub fn line_break_between(text: &str, left: &Token, right: &Token) -> bool {
    text.get(left.end..right.start)
        .is_some_and(|gap| gap.contains('\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_ampersands_and_cases() {
        let toks = tokenize("Sở TT&TT, Đ/c Hoà 7E");
        let keys: Vec<&str> = toks.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(keys, ["sở", "tt&tt", ",", "đ", "/", "c", "hòa", "7e"]);
        assert_eq!(toks[0].case, Case::Capitalised);
        assert_eq!(toks[1].case, Case::Upper);
        assert_eq!(toks[7].case, Case::Other);
        let toks = tokenize("Ka H'Liên, K’Nhiên, đắk r'lấp");
        assert_eq!(toks[1].case, Case::Capitalised);
        assert_eq!(toks[3].case, Case::Capitalised);
        assert_eq!(toks[5].case, Case::Lower);
    }
}
