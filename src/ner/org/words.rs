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
        // HTML character references left in the text ("&ndash;") are punctuation, not words.
        if c == '&' {
            if let Some(len) = entity_len(&text[at..]) {
                if let Some(s) = start.take() {
                    out.push(word(text, s, at));
                }
                while iter.peek().is_some_and(|&(next_at, _)| next_at < at + len) {
                    iter.next();
                }
                prev = Some(';');
                continue;
            }
        }
        let next = iter.peek().map(|&(_, n)| n);
        let inside = is_letter_or_digit(c)
            || (c == '&'
                && start.is_some()
                && prev.is_some_and(char::is_uppercase)
                && next.is_some_and(char::is_uppercase))
            // "Đắk R'Lấp", "H’Mông": an apostrophe between letters stays inside the word.
            || (matches!(c, '\'' | '\u{2019}')
                && start.is_some()
                && prev.is_some_and(char::is_alphabetic)
                && next.is_some_and(char::is_alphabetic));
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

/// Letters and digits, with a fast path for the Latin blocks Vietnamese is written in.
fn is_letter_or_digit(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\u{BF}' | '\u{D7}' | '\u{F7}' => false,
        '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => true,
        _ => c.is_alphanumeric(),
    }
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

fn word(text: &str, start: usize, end: usize) -> Word {
    let surface = &text[start..end];
    let first = surface.chars().next().unwrap_or(' ');
    let letters = surface
        .chars()
        .filter(|&c| is_letter_or_digit(c) && !c.is_ascii_digit())
        .count();
    let acronym = letters >= 2 && !surface.chars().any(char::is_lowercase);
    Word {
        start,
        end,
        key: word_key(surface),
        capital: first.is_uppercase(),
        acronym,
        number: first.is_ascii_digit(),
    }
}

/// The key of one word: its lower case when that is already canonical (the common case), else
/// the full [`canonical_key`] (decomposed marks, Đ look-alikes, "oà"/"uỷ" tone positions).
fn word_key(surface: &str) -> String {
    let lower = surface.to_lowercase();
    let mut prev = ' ';
    for c in lower.chars() {
        let unusual = matches!(c, '\u{300}'..='\u{36F}' | '\u{F0}' | '\u{256}')
            || (matches!(prev, 'o' | 'u' | 'q') && moved_tone(c));
        if unusual {
            return canonical_key(surface);
        }
        prev = c;
    }
    lower
}

/// Vowels with a tone mark that [`canonical_key`] may move to the vowel before them.
fn moved_tone(c: char) -> bool {
    matches!(
        c,
        'à' | 'á'
            | 'ả'
            | 'ã'
            | 'ạ'
            | 'è'
            | 'é'
            | 'ẻ'
            | 'ẽ'
            | 'ẹ'
            | 'ỳ'
            | 'ý'
            | 'ỷ'
            | 'ỹ'
            | 'ỵ'
            | 'ù'
            | 'ú'
            | 'ủ'
            | 'ũ'
            | 'ụ'
    )
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
        assert_eq!(got, ["Sở", "TT&TT", "Kinh", "tế", "Đô", "thị", "LĐTB&XH"]);
        assert!(words("UBND").first().is_some_and(|w| w.acronym));
        assert!(!words("Ủy").first().is_some_and(|w| w.acronym));
    }

    #[test]
    fn word_keys_meet_canonical_keys() {
        for word in [
            "Hoà",
            "Hòa",
            "THUỶ",
            "Qúy",
            "Ðắk",
            "Nội",
            "UBND",
            "Ho\u{300}a",
            "khoẻ",
        ] {
            assert_eq!(word_key(word), canonical_key(word), "{word}");
        }
    }

    #[test]
    fn gap_signatures() {
        assert_eq!(gap_signature(" – "), "-");
        assert_eq!(gap_signature(",\n"), ",");
        assert_eq!(gap_signature(" "), "");
    }
}
