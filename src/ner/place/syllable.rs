//! Whether a written word could be one Vietnamese syllable: the test that tells a Vietnamese
//! name ("Thới Nhựt", "Bến Thành") from a foreign one ("Kanagawa", "California") or a brand
//! ("VTV1", "Zalo", "YouTube") after a type word.
//!
//! A word is folded to bare Latin letters (tone marks, breve, circumflex and horn dropped; "đ"
//! to "d") and must read as onset + one vowel group of at most three vowels + coda, with the
//! onsets and codas of Vietnamese spelling.

use unicode_normalization::UnicodeNormalization;

const ONSETS: &[&str] = &[
    "ngh", "ng", "gh", "gi", "kh", "nh", "ph", "qu", "th", "tr", "ch", "b", "c", "d", "g", "h",
    "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
];

const CODAS: &[&str] = &["ch", "ng", "nh", "c", "m", "n", "p", "t", ""];

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// The word in bare lower-case Latin letters, or None when it holds anything else.
fn fold(word: &str) -> Option<String> {
    let mut out = String::with_capacity(word.len());
    for c in word.nfd() {
        match c {
            '\u{300}'..='\u{36f}' => {}
            'đ' | 'Đ' => out.push('d'),
            c if c.is_ascii_alphabetic() => out.push(c.to_ascii_lowercase()),
            _ => return None,
        }
    }
    Some(out)
}

/// Whether `word` is spelt like one Vietnamese syllable (in any case).
pub fn is_syllable(word: &str) -> bool {
    let Some(w) = fold(word) else {
        return false;
    };
    ONSETS.iter().any(|onset| {
        let Some(rest) = w.strip_prefix(onset) else {
            return false;
        };
        let vowels = rest.chars().take_while(|&c| is_vowel(c)).count();
        (1..=3).contains(&vowels) && CODAS.contains(&&rest[vowels..])
    })
}

/// A capitalised Vietnamese syllable: upper-case first letter, the rest lower case ("Nhựt", not
/// "VSIP" or "YouTube"). Roman numerals ("I", "II") are not names.
pub fn is_name_syllable(word: &str) -> bool {
    let mut chars = word.chars();
    let first_upper = chars.next().is_some_and(char::is_uppercase);
    let roman = word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    first_upper && !roman && chars.all(char::is_lowercase) && is_syllable(word)
}

/// A word that cannot be Vietnamese: letters only, and not one syllable ("Kanagawa", "Texas").
pub fn is_foreign_word(word: &str) -> bool {
    word.chars().all(char::is_alphabetic) && !is_syllable(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables() {
        for w in [
            "Nhựt", "Thới", "Bến", "Thành", "Nghè", "Quy", "Gia", "Đồn", "khuya",
        ] {
            assert!(is_syllable(w), "{w}");
        }
        for w in [
            "Kanagawa",
            "California",
            "Texas",
            "Zalo",
            "VTV1",
            "Seoul",
            "Facebook",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
        assert!(!is_name_syllable("II"));
        assert!(!is_name_syllable("VSIP"));
        assert!(is_foreign_word("Kanagawa"));
        assert!(!is_foreign_word("Hoa"));
    }
}
