//! Words of a text with their byte spans, case and matching key.
//!
//! The organisation parser walks words, not characters: a word is a run of letters and digits,
//! with `&` kept inside upper-case abbreviations ("TT&TT", "LĐTB&XH"). What lies between two words
//! (spaces, a comma, a dash, a parenthesis) is their gap; names only run across gaps of white space
//! unless a lexicon entry or a rule says otherwise.

use crate::ner::text::canonical_key;

/// One word of the text.
#[derive(Debug, Clone)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// [`canonical_key`] of the word.
    pub key: String,
    /// The first char is an upper-case letter.
    pub capital: bool,
    /// Every letter is upper case and there are at least two ("UBND", "TT&TT", "PC67").
    pub acronym: bool,
    /// The first char is a digit.
    pub number: bool,
}

/// Splits `text` into words.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut start: Option<usize> = None;
    let mut prev: Option<char> = None;
    let mut iter = text.char_indices().peekable();
    while let Some((at, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let inside = c.is_alphanumeric()
            || (c == '&'
                && start.is_some()
                && prev.is_some_and(char::is_uppercase)
                && next.is_some_and(char::is_uppercase));
        if inside {
            if start.is_none() {
                start = Some(at);
            }
        } else if let Some(s) = start.take() {
            out.push(word(text, s, at));
        }
        prev = Some(c);
    }
    if let Some(s) = start {
        out.push(word(text, s, text.len()));
    }
    out
}

fn word(text: &str, start: usize, end: usize) -> Word {
    let surface = &text[start..end];
    let first = surface.chars().next().unwrap_or(' ');
    let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
    let acronym = letters >= 2
        && surface
            .chars()
            .all(|c| !c.is_alphabetic() || c.is_uppercase() || c == '&');
    Word {
        start,
        end,
        key: word_key(surface),
        capital: first.is_uppercase(),
        acronym,
        number: first.is_ascii_digit(),
    }
}

/// The key of one word: plain lower case for ASCII, the full [`canonical_key`] otherwise.
fn word_key(surface: &str) -> String {
    if surface.is_ascii() {
        surface.to_ascii_lowercase()
    } else {
        canonical_key(surface)
    }
}

/// The signature of a gap: its text without white space, dashes made ASCII ("", ",", "-", "(").
pub fn gap_signature(gap: &str) -> String {
    gap.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            other => other,
        })
        .collect()
}

/// Splits a lexicon entry into word keys and the signatures of the gaps between them.
pub fn entry_keys(entry: &str) -> (Vec<String>, Vec<String>) {
    let ws = words(entry);
    let keys = ws.iter().map(|w| w.key.clone()).collect();
    let gaps = ws
        .windows(2)
        .map(|pair| gap_signature(&entry[pair[0].end..pair[1].start]))
        .collect();
    (keys, gaps)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_words_and_keeps_abbreviations() {
        let text = "Sở TT&TT, Kinh tế&Đô thị (LĐTB&XH)";
        let got: Vec<&str> = words(text).iter().map(|w| &text[w.start..w.end]).collect();
        assert_eq!(
            got,
            ["Sở", "TT&TT", "Kinh", "tế", "Đô", "thị", "LĐTB&XH"]
        );
        assert!(words("UBND").first().is_some_and(|w| w.acronym));
        assert!(!words("Ủy").first().is_some_and(|w| w.acronym));
    }

    #[test]
    fn gap_signatures() {
        assert_eq!(gap_signature(" – "), "-");
        assert_eq!(gap_signature(",\n"), ",");
        assert_eq!(gap_signature(" "), "");
    }
}
