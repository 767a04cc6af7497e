//! Words of a text with their byte spans, case and matching key.
//!
//! The organisation parser walks words, not characters: a word is a run of letters and digits,
//! with `&` kept inside upper-case abbreviations ("TT&TT", "LĐTB&XH"). What lies between two words
//! (spaces, a comma, a dash, a parenthesis) is their gap; names only run across gaps of white space
//! unless a lexicon entry or a rule says otherwise.

use crate::ner::text::{is_word_char, push_word_key};

/// One word of the text.
#[derive(Debug, Clone)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// Where the [`canonical_key`] of the word lies in the key buffer of [`words`].
    pub key: (usize, usize),
    /// The first char is an upper-case letter.
    pub capital: bool,
    /// Every letter is upper case and there are at least two ("UBND", "TT&TT", "PC67").
    pub acronym: bool,
    /// The first char is a digit.
    pub number: bool,
}

/// Splits `text` into words; their keys are stored one after another in the returned buffer.
pub fn words(text: &str) -> (Vec<Word>, String) {
    let mut keys = String::with_capacity(text.len());
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut start: Option<usize> = None;
    let mut prev: Option<char> = None;
    let mut at = 0;
    while let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) {
        let width = c.len_utf8();
        // HTML character references left in the text ("&ndash;") are punctuation, not words.
        // An upper-case run on both sides is an abbreviation ("Sở NN&PTNT;"), not "&PTNT;".
        let joins_capitals = c == '&'
            && prev.is_some_and(char::is_uppercase)
            && text[at + 1..]
                .chars()
                .take_while(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        if c == '&' && !joins_capitals {
            if let Some(len) = entity_len(&text[at..]) {
                if let Some(s) = start.take() {
                    out.push(word(text, s, at, &mut keys));
                }
                at += len;
                prev = Some(';');
                continue;
            }
        }
        let inside = is_word_char(c) || {
            // "TT&TT" keeps its ampersand; "Đắk R'Lấp", "H’Mông" keep their apostrophe.
            let joiner = c == '&' || c == '\'' || c == '\u{2019}';
            joiner && start.is_some() && {
                let next = text[at + width..].chars().next();
                if c == '&' {
                    prev.is_some_and(char::is_uppercase) && next.is_some_and(char::is_uppercase)
                } else {
                    prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic)
                }
            }
        };
        if inside {
            if start.is_none() {
                start = Some(at);
            }
        } else if let Some(s) = start.take() {
            out.push(word(text, s, at, &mut keys));
        }
        prev = Some(c);
        at += width;
    }
    if let Some(s) = start {
        out.push(word(text, s, text.len(), &mut keys));
    }
    (out, keys)
}

/// The byte length of an HTML character reference at the start of `s` ("&ndash;", "&#8211;").
fn entity_len(s: &str) -> Option<usize> {
    let body = s.get(1..)?;
    let end = body.find(';')?;
    let name = &body[..end];
    let named = (2..=8).contains(&name.len()) && name.chars().all(|c| c.is_ascii_alphabetic());
    let numeric = name.len() >= 2
        && name.starts_with('#')
        && name[1..].chars().all(|c| c.is_ascii_alphanumeric());
    (named || numeric).then_some(end + 2)
}

fn word(text: &str, start: usize, end: usize, keys: &mut String) -> Word {
    let surface = &text[start..end];
    let first = surface.chars().next().unwrap_or(' ');
    let mut letters = 0;
    let mut lower_case = false;
    for c in surface.chars() {
        if c.is_ascii_digit() || c == '&' || c == '\'' || c == '\u{2019}' {
            continue;
        }
        letters += 1;
        lower_case |= c.is_lowercase();
    }
    let acronym = letters >= 2 && !lower_case;
    Word {
        start,
        end,
        key: {
            let range = push_word_key(surface, keys);
            (range.start, range.end)
        },
        capital: first.is_uppercase(),
        acronym,
        number: first.is_ascii_digit(),
    }
}

/// The signature of a gap: its text without white space, dashes made ASCII ("", ",", "-", "(").
pub fn gap_signature(gap: &str) -> String {
    if gap.chars().all(char::is_whitespace) {
        return String::new();
    }
    if !gap.contains('&') {
        return gap
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                other => other,
            })
            .collect();
    }
    let gap = gap
        .replace("&ndash;", "-")
        .replace("&mdash;", "-")
        .replace("&amp;", "&")
        .replace("&nbsp;", " ");
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
    let (ws, buffer) = words(entry);
    let keys = ws
        .iter()
        .map(|w| buffer.get(w.key.0..w.key.1).unwrap_or("").to_string())
        .collect();
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
        let got: Vec<&str> = words(text)
            .0
            .iter()
            .map(|w| &text[w.start..w.end])
            .collect();
        assert_eq!(got, ["Sở", "TT&TT", "Kinh", "tế", "Đô", "thị", "LĐTB&XH"]);
        assert!(words("UBND").0.first().is_some_and(|w| w.acronym));
        assert!(!words("Ủy").0.first().is_some_and(|w| w.acronym));
    }

    #[test]
    fn gap_signatures() {
        assert_eq!(gap_signature(" – "), "-");
        assert_eq!(gap_signature(",\n"), ",");
        assert_eq!(gap_signature(" "), "");
    }
}
