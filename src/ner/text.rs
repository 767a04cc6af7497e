//! Matching keys for Vietnamese names, and offset conversion.
//!
//! Gazetteers and lexicons are keyed by [`canonical_key`], and candidate strings from the text are
//! looked up by the same key, so "Hoà", "Hòa", "HÒA", "Ho\u{300}a" and "Ðắk"/"Đắk" all meet. The key
//! never strips tone marks (Hòa is not Hóa); [`fold_ascii`] does, for URLs and slugs only.

use unicode_normalization::UnicodeNormalization;

/// Combining tone marks of Vietnamese (grave, acute, tilde, hook above, dot below).
const TONE_MARKS: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

fn is_tone_mark(c: char) -> bool {
    TONE_MARKS.contains(&c)
}

/// True for a lower-case letter only Vietnamese writes among Latin scripts ("đ", "ơ", "ậ"):
/// "đăâêôơư" and the lower-case letters of the Vietnamese block ("ạ" to "ỹ", every other code
/// point). Callers lower-case first.
pub fn vietnamese_only_letter(c: char) -> bool {
    matches!(c, 'đ' | 'ă' | 'â' | 'ê' | 'ô' | 'ơ' | 'ư')
        || ('\u{1EA1}'..='\u{1EF9}').contains(&c) && u32::from(c) % 2 == 1
}

/// Maps the look-alikes of Đ/đ (Icelandic eth, African D) to the Vietnamese letter.
pub fn fix_d_stroke(c: char) -> char {
    match c {
        '\u{D0}' | '\u{189}' => 'Đ',
        '\u{F0}' | '\u{256}' => 'đ',
        _ => c,
    }
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}' | '\u{2019}' | '\u{2BC}' | '`' | '\u{B4}'
    )
}

/// The matching key of a name: NFC, lower case, Đ look-alikes mapped, apostrophes made ASCII,
/// dashes spaced as " - ", white space folded, and the tone mark of open "oa/oe/uy" syllables
/// moved to the traditional position ("hoà" -> "hòa", "thuỷ" -> "thủy", "qúy" -> "quý").
///
/// Built word by word through [`push_word_key`]: the words of `s` are its white-space separated
/// parts (lower-casing, the Đ look-alikes, dashes and apostrophes never make or remove white space),
/// and only a word that asks for it goes through the full normalisation ([`full_key`]).
pub fn canonical_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len() + 8);
    for word in s.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        push_word_key(word, &mut key);
    }
    key
}

/// [`canonical_key`] the long way: NFD, every char mapped, the tone moved, NFC.
fn full_key(s: &str) -> String {
    let mut spaced = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        let c = fix_d_stroke(c);
        if is_dash(c) {
            spaced.push_str(" - ");
        } else if is_apostrophe(c) {
            spaced.push('\'');
        } else {
            spaced.extend(c.to_lowercase());
        }
    }
    let mut key = String::with_capacity(spaced.len());
    for word in spaced.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&traditional_tone(word));
    }
    key
}

/// Moves the tone mark of one lower-case syllable to the traditional position.
fn traditional_tone(word: &str) -> String {
    let decomposed: Vec<char> = word.nfd().collect();
    let Some(tone_at) = decomposed.iter().position(|&c| is_tone_mark(c)) else {
        return word.nfc().collect();
    };
    let tone = decomposed[tone_at];
    let letters: Vec<char> = decomposed
        .iter()
        .copied()
        .filter(|&c| !is_tone_mark(c))
        .collect();
    let base: String = letters.iter().collect();
    // Which base letter carries the tone now (index into `letters`).
    let carrier = decomposed[..tone_at]
        .iter()
        .filter(|&&c| !is_tone_mark(c) && !is_combining(c))
        .count();
    let carrier = carrier.saturating_sub(1);
    let target = tone_target(&base, &letters, carrier);
    if target == carrier {
        return word.nfc().collect();
    }
    let mut out: Vec<char> = Vec::with_capacity(decomposed.len());
    let mut base_index = 0usize;
    let mut i = 0;
    while i < letters.len() {
        out.push(letters[i]);
        // Keep the letter's own combining marks (circumflex, breve, horn) right after it.
        while i + 1 < letters.len() && is_combining(letters[i + 1]) {
            i += 1;
            out.push(letters[i]);
        }
        if base_index == target {
            out.push(tone);
        }
        base_index += 1;
        i += 1;
    }
    out.into_iter().nfc().collect()
}

fn is_combining(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36F}')
}

/// Index (among base letters) of the vowel that carries the tone in the traditional style, or
/// `carrier` when the syllable is not one of the cases that differ.
fn tone_target(base: &str, letters: &[char], carrier: usize) -> usize {
    let bases: Vec<char> = letters
        .iter()
        .copied()
        .filter(|&c| !is_combining(c))
        .collect();
    let n = bases.len();
    // "qu" + vowel: the u belongs to the consonant, the tone sits on the next vowel ("quý").
    if base.starts_with("qu") && carrier == 1 && n > 2 {
        return 2;
    }
    // Open syllables ending in oa, oe, uy (not after q): tone on the first vowel of the pair.
    if n >= 2 && carrier == n - 1 {
        let pair = (bases[n - 2], bases[n - 1]);
        let open_pair = matches!(pair, ('o', 'a') | ('o', 'e') | ('u', 'y'));
        let after_q = n >= 3 && bases[n - 3] == 'q';
        if open_pair && !after_q {
            return n - 2;
        }
    }
    carrier
}

/// Appends [`canonical_key`] of one word (no white space inside) to `out` and returns where it
/// lies. Most words only need lower-casing, done here char by char; a word that holds anything
/// the full key changes (combining marks, Đ look-alikes, dashes, curly apostrophes, characters
/// outside the Vietnamese Latin blocks, a tone that may move: "hoà", "thuỷ", "qúy") takes
/// [`full_key`].
pub fn push_word_key(word: &str, out: &mut String) -> std::ops::Range<usize> {
    push_word_key_seeing(word, out, |_| {})
}

/// [`push_word_key`], showing every char of the word to `see` on the way (one walk over the word
/// for callers that read it too).
#[inline]
pub fn push_word_key_seeing(
    word: &str,
    out: &mut String,
    mut see: impl FnMut(char),
) -> std::ops::Range<usize> {
    let at = out.len();
    let mut prev = ' ';
    let mut full = false;
    for (index, c) in word.char_indices() {
        see(c);
        if full {
            continue;
        }
        let lower = lower_char(c);
        let last = index + c.len_utf8() == word.len();
        full = if lower.is_ascii() {
            // The ASCII cases of `needs_full_key`.
            matches!(lower, '\0' | ' ' | '\t'..='\r' | '-' | '`')
        } else {
            needs_full_key(lower, prev, last)
        };
        if !full {
            out.push(lower);
            prev = lower;
        }
    }
    if full {
        out.truncate(at);
        out.push_str(&full_key(word));
    }
    at..out.len()
}

/// True when [`word_key`] of the word is the word itself (a lower-case word with nothing to
/// normalise), checked without building the key.
pub fn key_is_itself(word: &str) -> bool {
    let mut prev = ' ';
    for (index, c) in word.char_indices() {
        let lower = lower_char(c);
        if lower != c || needs_full_key(lower, prev, index + c.len_utf8() == word.len()) {
            return false;
        }
        prev = lower;
    }
    true
}

/// Whether one lower-cased char (after `prev`, `last` in its word) needs the full key.
#[inline]
fn needs_full_key(lower: char, prev: char, last: bool) -> bool {
    let odd = match lower {
        // The letters of Vietnamese: no space, dash or apostrophe among them.
        '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' => {
            matches!(lower, '\u{F0}' | '\u{256}' | '\u{189}' | '\u{D0}')
        }
        _ => {
            !matches!(lower, '\u{1}'..='\u{24F}')
                || lower.is_whitespace()
                || is_dash(lower)
                || (is_apostrophe(lower) && lower != '\'')
        }
    };
    odd
        // The tone moves only in open syllables ("hoà", "thuỷ": toned vowel last) and after "q"
        // ("qúy"); "toàn", "thuận" keep theirs.
        || (matches!(prev, 'o' | 'u') && last && moved_tone(lower))
        || (prev == 'q' && moved_tone(lower))
}

/// [`canonical_key`] of one word, through the fast path of [`push_word_key`].
pub fn word_key(word: &str) -> String {
    let mut key = String::with_capacity(word.len());
    push_word_key(word, &mut key);
    key
}

/// The lower case of one char, by table for the letters of Vietnamese; `'\0'` when it has no
/// single-char lower case (then the caller takes the full key).
#[inline]
fn lower_char(c: char) -> char {
    let code = c as u32;
    let shifted = |by: u32| char::from_u32(code + by).unwrap_or('\0');
    match c {
        'a'..='z' | '0'..='9' => c,
        'A'..='Z' => shifted(32),
        '\u{C0}'..='\u{DE}' if c != '\u{D7}' && c != '\u{D0}' => shifted(32),
        '\u{102}' | '\u{110}' | '\u{128}' | '\u{168}' | '\u{1A0}' | '\u{1AF}' => shifted(1),
        '\u{1EA0}'..='\u{1EF9}' if code.is_multiple_of(2) => shifted(1),
        // Lower-case letters and combining marks of Vietnamese, without the Unicode tables.
        '\u{DF}'..='\u{FF}'
        | '\u{103}'
        | '\u{111}'
        | '\u{129}'
        | '\u{169}'
        | '\u{1A1}'
        | '\u{1B0}'
        | '\u{1EA1}'..='\u{1EF9}'
        | '\u{300}'..='\u{36F}' => c,
        _ if !c.is_uppercase() => c,
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(one), None) => one,
                _ => '\0',
            }
        }
    }
}

/// Whether a char is upper case and whether it is lower case (`char::is_uppercase`,
/// `char::is_lowercase`), without the Unicode tables for the letters of Vietnamese.
#[inline]
pub fn case_of(c: char) -> (bool, bool) {
    match c {
        'A'..='Z' => (true, false),
        'a'..='z' => (false, true),
        '\0'..='\u{7F}' => (false, false),
        '\u{C0}'..='\u{DE}' if c != '\u{D7}' => (true, false),
        '\u{DF}'..='\u{FF}' if c != '\u{F7}' => (false, true),
        '\u{102}' | '\u{110}' | '\u{128}' | '\u{168}' | '\u{1A0}' | '\u{1AF}' => (true, false),
        '\u{103}' | '\u{111}' | '\u{129}' | '\u{169}' | '\u{1A1}' | '\u{1B0}' => (false, true),
        '\u{1EA0}'..='\u{1EF9}' => ((c as u32).is_multiple_of(2), c as u32 % 2 == 1),
        _ => (c.is_uppercase(), c.is_lowercase()),
    }
}

/// Toned vowels that [`canonical_key`] may move to the vowel before them.
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

/// Letters, digits and combining marks: the characters of a word. A fast path covers the Latin
/// blocks Vietnamese is written in (Latin-1, Latin Extended-A/B, Latin Extended Additional), which
/// the general Unicode tables answer slowly.
pub fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        // General Punctuation (dashes, quotes, spaces) holds no letter or digit.
        '\0'..='\u{BF}' | '\u{D7}' | '\u{F7}' | '\u{2000}'..='\u{206F}' => false,
        '\u{C0}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}' | '\u{300}'..='\u{36F}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Removes every diacritic and maps đ to d, lower case: for URLs, slugs and hashtags only.
pub fn fold_ascii(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining(*c))
        .map(|c| match fix_d_stroke(c) {
            'Đ' | 'đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Converts byte offsets into one text to Unicode code-point offsets. The chars before each
/// block of [`OFFSET_BLOCK`] bytes are counted once; a conversion counts the rest of its block.
pub struct CharOffsets<'t> {
    bytes: &'t [u8],
    /// `before[b]`: the number of chars that start before block `b`; one extra entry, the number
    /// of chars of the text.
    before: Vec<usize>,
}

/// The bytes of one block of [`CharOffsets`].
const OFFSET_BLOCK: usize = 64;

/// The number of chars that start in `bytes` (every byte but UTF-8 continuation bytes).
fn char_starts(bytes: &[u8]) -> usize {
    // Eight bytes at a time: a continuation byte has its top bit set and the next one clear.
    let mut words = bytes.chunks_exact(8);
    let mut continuations = 0;
    for word in &mut words {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(word);
        let x = u64::from_le_bytes(eight);
        continuations += (x & !(x << 1) & 0x8080_8080_8080_8080).count_ones() as usize;
    }
    let rest = words.remainder();
    continuations += rest.iter().filter(|&&b| b & 0xC0 == 0x80).count();
    bytes.len() - continuations
}

impl<'t> CharOffsets<'t> {
    pub fn new(text: &'t str) -> CharOffsets<'t> {
        let bytes = text.as_bytes();
        let mut before = Vec::with_capacity(bytes.len() / OFFSET_BLOCK + 2);
        let mut chars = 0;
        for block in bytes.chunks(OFFSET_BLOCK) {
            before.push(chars);
            chars += char_starts(block);
        }
        before.push(chars);
        CharOffsets { bytes, before }
    }

    /// The code-point offset of a byte offset (the next char boundary when inside a char; one
    /// past the last char beyond the end).
    pub fn to_char(&self, byte: usize) -> usize {
        if byte > self.bytes.len() {
            return self.before[self.before.len() - 1] + 1;
        }
        let block = byte / OFFSET_BLOCK;
        self.before[block] + char_starts(&self.bytes[block * OFFSET_BLOCK..byte])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_meet_across_spellings() {
        let cases = [
            ("Hòa", "hòa"),
            ("Ho\u{300}a", "hòa"),
            ("Hoà", "hòa"),
            ("Hoa\u{300}", "hòa"),
            ("Thủy", "thủy"),
            ("Thuỷ", "thủy"),
            ("Quý", "quý"),
            ("Qúy", "quý"),
            ("Ðắk Lắk", "đắk lắk"),
            ("\u{189}ắk Lắk", "đắk lắk"),
            ("Bà Rịa–Vũng Tàu", "bà rịa - vũng tàu"),
            ("Ea H’Leo", "ea h'leo"),
            ("Xã  Xuân\u{a0}Giang", "xã xuân giang"),
            ("Khánh Hoà", "khánh hòa"),
            ("hoàn", "hoàn"),
            ("Quỳnh", "quỳnh"),
            ("khoẻ", "khỏe"),
            ("Thuận Hóa", "thuận hóa"),
            ("quà", "quà"),
        ];
        for (input, key) in cases {
            assert_eq!(canonical_key(input), key, "input {input:?}");
            assert_eq!(full_key(input), key, "input {input:?}");
        }
    }

    #[test]
    fn word_by_word_keys_equal_the_full_key_of_whole_names() {
        let names = [
            "Ủy ban Nhân dân tỉnh Khánh Hoà",
            "  Bà Rịa-Vũng Tàu ",
            "Bà Rịa – Vũng\tTàu",
            "- Sở Y tế -",
            "Ea H’Leo, Đắk Lắk",
            "ÐẮK R'LẤP  qúy  THUỶ",
            "Ho\u{300}a Ha\u{323}\nnh",
            "",
            " \u{a0} ",
            "a-b–c—d",
        ];
        for name in names {
            assert_eq!(canonical_key(name), full_key(name), "{name:?}");
        }
    }

    #[test]
    fn word_by_word_keys_equal_the_full_key_on_all_unit_names() {
        let mut vocab = crate::ner::phrase::Vocab::default();
        let sources = crate::ner::lexicons::Sources::builtin();
        let g = crate::ner::place::gazetteer::Gazetteer::load(&sources, &mut vocab)
            .expect("built-in gazetteer");
        for unit in &g.units {
            assert_eq!(
                canonical_key(unit.short),
                full_key(unit.short),
                "{}",
                unit.short
            );
        }
    }

    #[test]
    fn word_keys_meet_canonical_keys() {
        let words = [
            "Hoà",
            "Hòa",
            "hòa",
            "THUỶ",
            "Quý",
            "Qúy",
            "QUÝ",
            "Ðắk",
            "ĐẮK",
            "Ho\u{300}a",
            "khoẻ",
            "Khoá",
            "Nội",
            "UBND",
            "TT&TT",
            "ƯỚC",
            "ỞĂNG",
            "ĨŨ",
            "ÀÉÌÒÙÝ",
            "Khánh",
            "Nậm",
            "H'Leo",
            "H’Leo",
            "Hà",
            "toàn",
            "Thuận",
            "hoàng",
            "khuyến",
            "quả",
            "thuở",
            "tuý",
            "Rịa-Vũng",
            "Ɖắk",
            "Ω",
            "ẠẢẤẦẨẪẬẮẰẲẴẶẸẺẼẾỀỂỄỆỈỊỌỎỐỒỔỖỘỚỜỞỠỢỤỦỨỪỬỮỰỲỴỶỸ",
        ];
        for word in words {
            assert_eq!(word_key(word), full_key(word), "{word}");
        }
        let mut buffer = String::from("sở ");
        let range = push_word_key("Hoà", &mut buffer);
        assert_eq!(&buffer[range], "hòa");
        assert!(key_is_itself("nội") && key_is_itself("thuận"));
        assert!(!key_is_itself("Nội") && !key_is_itself("hoà") && !key_is_itself("ho\u{300}a"));
    }

    #[test]
    fn fast_paths_agree_with_the_unicode_tables() {
        for code in (0..0x3000).chain(0x1E00..0x1F00) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            assert_eq!(case_of(c), (c.is_uppercase(), c.is_lowercase()), "{c:?}");
            assert_eq!(lower_char(c), reference_lower(c), "{c:?}");
            if code >= 0xC0 {
                // (Below, the fast path leaves out the letters of Latin-1 on purpose: "ª", "µ".)
                let word = c.is_alphanumeric() || matches!(c, '\u{300}'..='\u{36F}');
                assert_eq!(is_word_char(c), word, "{c:?}");
            }
        }
    }

    /// The lower case of a char through the Unicode tables ('\0' when it is several chars).
    fn reference_lower(c: char) -> char {
        if !c.is_uppercase() {
            return c;
        }
        let mut l = c.to_lowercase();
        match (l.next(), l.next()) {
            (Some(one), None) => one,
            _ => '\0',
        }
    }

    /// The key of one word without the fast paths: lower case through the Unicode tables, the full
    /// key whenever a char asks for it.
    fn reference_word_key(word: &str) -> String {
        let mut out = String::new();
        let mut prev = ' ';
        for (index, c) in word.char_indices() {
            let lower = reference_lower(c);
            let last = index + c.len_utf8() == word.len();
            let full = !matches!(lower, '\u{1}'..='\u{24F}' | '\u{1E00}'..='\u{1EFF}')
                || matches!(lower, '\u{F0}' | '\u{256}' | '\u{189}' | '\u{D0}')
                || lower.is_whitespace()
                || is_dash(lower)
                || (is_apostrophe(lower) && lower != '\'')
                || (matches!(prev, 'o' | 'u') && last && moved_tone(lower))
                || (prev == 'q' && moved_tone(lower));
            if full {
                return full_key(word);
            }
            out.push(lower);
            prev = lower;
        }
        out
    }

    #[test]
    fn fast_word_keys_agree_with_the_reference_for_every_letter() {
        for code in (0..0x2100).chain(0x1E00..0x1F00) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            for word in [
                format!("{c}"),
                format!("o{c}"),
                format!("qu{c}"),
                format!("{c}a"),
                format!("Kho{c}"),
            ] {
                assert_eq!(word_key(&word), reference_word_key(&word), "{word:?}");
            }
        }
    }

    #[test]
    fn folding_drops_marks() {
        assert_eq!(fold_ascii("Đắk Lắk"), "dak lak");
        assert_eq!(fold_ascii("Khánh Hòa"), "khanh hoa");
    }

    #[test]
    fn char_offsets_agree_with_a_table_of_every_char() {
        let text = "Ngày 3/2, Ủy ban nhân dân tỉnh Thừa Thiên Huế họp – “Hội nghị” 😀 ".repeat(5);
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        let offsets = CharOffsets::new(&text);
        for byte in 0..=text.len() + 2 {
            let expected = match starts.binary_search(&byte) {
                Ok(i) | Err(i) => i,
            };
            assert_eq!(offsets.to_char(byte), expected, "byte {byte}");
        }
        assert_eq!(CharOffsets::new("").to_char(0), 0);
    }

    #[test]
    fn char_offsets() {
        let text = "Sở Nội vụ";
        let offsets = CharOffsets::new(text);
        assert_eq!(offsets.to_char(0), 0);
        assert_eq!(offsets.to_char(text.find("Nội").unwrap_or(0)), 3);
        assert_eq!(offsets.to_char(text.len()), 9);
    }
}
