//! Gaps between the organisation words of a text, and lexicon entries cut into the same words.
//!
//! The organisation parser walks the words of [`Tokens::org`]: runs of letters and digits, with
//! `&` kept inside upper-case abbreviations ("TT&TT", "LĐTB&XH"). What lies between two words
//! (spaces, a comma, a dash, a parenthesis) is their gap; names only run across gaps of white space
//! unless a lexicon entry or a rule says otherwise.

use crate::ner::tokens::Tokens;

/// The signature of a gap: its text without white space, dashes made ASCII ("", ",", "-", "(").
pub fn gap_signature(gap: &str) -> String {
    let mut signature = String::new();
    push_gap_signature(gap, &mut signature);
    signature
}

/// Appends [`gap_signature`] of `gap` to `out` (nothing for white space: most gaps).
pub fn push_gap_signature(gap: &str, out: &mut String) {
    if gap == " " {
        return;
    }
    // Most other gaps are ASCII without an entity: their characters other than white space, in
    // one pass over the bytes (undone at an '&' or a ';', which may belong to an entity).
    if gap.is_ascii() {
        let start = out.len();
        let mut entity = false;
        for b in gap.bytes() {
            match b {
                b' ' | b'\t'..=b'\r' => {}
                b'&' | b';' => {
                    entity = true;
                    break;
                }
                _ => out.push(char::from(b)),
            }
        }
        if !entity {
            return;
        }
        out.truncate(start);
    }
    if gap.chars().all(char::is_whitespace) {
        return;
    }
    let push_chars = |gap: &str, out: &mut String| {
        out.extend(gap.chars().filter(|c| !c.is_whitespace()).map(|c| match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            other => other,
        }))
    };
    // Every entity name is letters and a ';' ("amp;"): without a letter before a ';' there is none.
    let entity = gap
        .as_bytes()
        .windows(2)
        .any(|pair| pair[1] == b';' && pair[0].is_ascii_alphabetic());
    if !entity {
        push_chars(gap, out);
        return;
    }
    // Entities left in the text, escaped twice ("&amp;amp;") or without their `&` ("amp;").
    let mut gap = gap.to_string();
    while gap.contains("&amp;") {
        gap = gap.replace("&amp;", "&");
    }
    for (name, c) in GAP_ENTITIES {
        let mut from = 0;
        while let Some(i) = gap[from..].find(name).map(|i| from + i) {
            let at = if gap[..i].ends_with('&') { i - 1 } else { i };
            // A name glued to a word is part of it ("Camp;").
            let glued = at == i
                && gap[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            if glued {
                from = i + name.len();
            } else {
                gap.replace_range(at..i + name.len(), c);
                from = at + c.len();
            }
        }
    }
    push_chars(&gap, out);
}

/// The entities a gap may hold, with or without their `&`, and the characters they stand for.
const GAP_ENTITIES: [(&str, &str); 4] = [
    ("amp;", "&"),
    ("ndash;", "-"),
    ("mdash;", "-"),
    ("nbsp;", " "),
];

/// Splits a lexicon entry into word keys and the signatures of the gaps between them.
pub fn entry_keys(entry: &str) -> (Vec<String>, Vec<String>) {
    let tokens = Tokens::new(entry);
    let keys = tokens
        .org
        .iter()
        .map(|w| tokens.org_key(w).to_string())
        .collect();
    let gaps = tokens
        .org
        .windows(2)
        .map(|pair| gap_signature(&entry[pair[0].end..pair[1].start]))
        .collect();
    (keys, gaps)
}

/// The words of a lexicon entry as written.
pub fn entry_words(entry: &str) -> Vec<String> {
    Tokens::new(entry)
        .org
        .iter()
        .map(|w| entry[w.start..w.end].to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gap_signatures() {
        assert_eq!(gap_signature(" – "), "-");
        assert_eq!(gap_signature(",\n"), ",");
        assert_eq!(gap_signature(" "), "");
        assert_eq!(gap_signature(" &amp;amp; "), "&");
        assert_eq!(gap_signature(" amp; "), "&");
        assert_eq!(gap_signature(" ndash; "), "-");
        assert_eq!(gap_signature("; "), ";");
    }

    #[test]
    fn entries_split_like_texts() {
        let (keys, gaps) = entry_keys("Sở TT&TT - Kinh tế");
        assert_eq!(keys, ["sở", "tt&tt", "kinh", "tế"]);
        assert_eq!(gaps, ["", "-", ""]);
    }
}
