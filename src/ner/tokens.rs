//! One field's text, tokenised once for every recogniser.
//!
//! [`Tokens::new`] walks the text once and cuts it into atoms: maximal runs of word characters
//! ([`is_word_char`]: letters, digits, combining marks), each with its matching key
//! ([`canonical_key`](super::text::canonical_key): lower case, Đ look-alikes mapped, the tone of
//! "oa/oe/uy" syllables in one place, so "Hoà", "HÒA" and "Hòa" meet) stored once in a shared
//! buffer. The recognisers read words, not atoms, and three of them join atoms across a one-character
//! joiner in their own way, which their rules were written and tested against:
//!
//! - places ([`PlaceWord`]): an apostrophe followed by a letter stays inside ("H'Leo", "M’Drắk");
//!   the gap to the next word is classified ([`Gap`]: spaces, a dash, a comma ...);
//! - organisations ([`OrgWord`]): "&" between capitals ("TT&TT") and an apostrophe between letters
//!   stay inside; an HTML character reference left in the text ("&ndash;", or without its `&`:
//!   "amp;", [`BARE_ENTITY_NAMES`]) is skipped;
//! - people ([`PersonToken`]): "&" or an apostrophe followed by a letter or digit stays inside, and
//!   every other non-space character is a token of its own (",", "(", "–").
//!
//! A word of one atom (nearly all of them) takes the atom's key; a joined word gets its own key.
//! Dates are read from the text itself by their grammar (`date::pattern`).
//!
//! A thread keeps the buffers of its last text (`Spare`) and the key, number and shape of every
//! word its texts held (`KnownWords`) for the next text: the work per text is one table probe per
//! word, not allocation or building and looking up the same syllable keys again.

use std::cell::RefCell;
use std::hash::Hasher;
use std::ops::Range;

use super::phrase::{StrHash, Sym, Vocab, UNKNOWN};
use super::text::{case_of, is_word_char, push_word_key, push_word_key_seeing};
use crate::decode::BARE_ENTITY_NAMES;

/// A run of word characters and where its key lies in the known words' `chars`.
#[derive(Debug, Clone, Copy)]
struct Atom {
    start: usize,
    end: usize,
    key: (u32, u32),
    id: Sym,
    shape: Shape,
}

/// The letter case of an atom, read once for every view.
#[derive(Debug, Clone, Copy, Default)]
struct Shape {
    /// The first character is upper case.
    first_upper: bool,
    /// The first character is an ASCII digit.
    first_digit: bool,
    /// Upper-case characters.
    uppers: u32,
    /// Characters that are not ASCII digits.
    letters: u32,
    /// Some character is lower case.
    lower: bool,
    /// Some character is an ASCII digit.
    digit: bool,
}

impl Shape {
    /// Adds one char of the word (`first`: its first char).
    #[inline]
    fn see(&mut self, c: char, first: bool) {
        let (upper, lower) = case_of(c);
        let digit = c.is_ascii_digit();
        if first {
            self.first_upper = upper;
            self.first_digit = digit;
        }
        self.uppers += u32::from(upper);
        self.lower |= lower;
        self.digit |= digit;
        self.letters += u32::from(!digit);
    }

    /// [`Shape::of`] for a word of ASCII letters and digits.
    fn of_ascii(word: &str) -> Shape {
        let bytes = word.as_bytes();
        let mut shape = Shape {
            first_upper: bytes.first().is_some_and(u8::is_ascii_uppercase),
            first_digit: bytes.first().is_some_and(u8::is_ascii_digit),
            ..Shape::default()
        };
        for &b in bytes {
            shape.uppers += u32::from(b.is_ascii_uppercase());
            shape.lower |= b.is_ascii_lowercase();
            shape.digit |= b.is_ascii_digit();
            shape.letters += u32::from(!b.is_ascii_digit());
        }
        shape
    }

    /// The [`Case`] of a word of this one atom (no apostrophe or punctuation inside).
    fn case(self) -> Case {
        if self.digit {
            Case::Other
        } else if self.first_upper {
            if self.uppers == 1 {
                Case::Capitalised
            } else {
                Case::Upper
            }
        } else if self.uppers == 0 {
            Case::Lower
        } else {
            Case::Other
        }
    }
}

/// What separates a place word from the next one.
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

/// A word as the place recogniser sees it.
#[derive(Debug, Clone, Copy)]
pub struct PlaceWord {
    pub start: usize,
    pub end: usize,
    key: (u32, u32),
    /// The number of the key in the lexicons' vocabulary.
    pub id: Sym,
    /// The first character is an upper-case letter.
    pub cap: bool,
    /// The first character is a digit.
    pub digit: bool,
    /// Gap to the next word.
    pub gap: Gap,
}

/// A word as the organisation recogniser sees it.
#[derive(Debug, Clone, Copy)]
pub struct OrgWord {
    pub start: usize,
    pub end: usize,
    key: (u32, u32),
    /// The number of the key in the lexicons' vocabulary.
    pub id: Sym,
    /// The first char is an upper-case letter.
    pub capital: bool,
    /// Every letter is upper case and there are at least two ("UBND", "TT&TT", "PC67").
    pub acronym: bool,
    /// The first char is a digit.
    pub number: bool,
}

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

/// A word or punctuation mark as the person recogniser sees it.
#[derive(Debug, Clone, Copy)]
pub struct PersonToken {
    pub start: usize,
    pub end: usize,
    /// For words, where the key lies; punctuation is its own key (the text).
    key: Option<(u32, u32)>,
    /// The number of the key in the lexicons' vocabulary.
    pub id: Sym,
    pub case: Case,
    pub is_word: bool,
}

/// The words of one text, for every recogniser.
#[derive(Debug)]
pub struct Tokens<'t> {
    pub text: &'t str,
    pub place: Vec<PlaceWord>,
    pub org: Vec<OrgWord>,
    pub person: Vec<PersonToken>,
    /// The atoms the views were built from, kept for their buffer only.
    atoms: Vec<Atom>,
    /// The words of this and earlier texts, with their keys: the keys of the atoms, and of the
    /// joined words after them. Handed to the next text.
    known: KnownWords,
}

/// The buffers of the last [`Tokens`] a thread dropped, taken again by its next text: texts come
/// one after another, and a few KB of buffers per text were allocated, grown and freed each time.
#[derive(Default)]
struct Spare {
    place: Vec<PlaceWord>,
    org: Vec<OrgWord>,
    person: Vec<PersonToken>,
    atoms: Vec<Atom>,
    known: KnownWords,
}

thread_local! {
    static SPARE: RefCell<Spare> = RefCell::default();
}

impl Drop for Tokens<'_> {
    fn drop(&mut self) {
        let spare = Spare {
            place: std::mem::take(&mut self.place),
            org: std::mem::take(&mut self.org),
            person: std::mem::take(&mut self.person),
            atoms: std::mem::take(&mut self.atoms),
            known: std::mem::take(&mut self.known),
        };
        // A thread that is shutting down has no spare buffers any more: they are freed.
        let _ = SPARE.try_with(|cell| {
            if let Ok(mut slot) = cell.try_borrow_mut() {
                *slot = spare;
            }
        });
    }
}

impl<'t> Tokens<'t> {
    /// The words of a text, without vocabulary numbers (every word [`UNKNOWN`]).
    pub fn new(text: &'t str) -> Tokens<'t> {
        Tokens::with_vocab(text, &Vocab::default())
    }

    /// The words of a text, each with the number of its key in `vocab`.
    pub fn with_vocab(text: &'t str, vocab: &Vocab) -> Tokens<'t> {
        let spare = SPARE
            .try_with(|cell| cell.try_borrow_mut().map(|mut s| std::mem::take(&mut *s)))
            .ok()
            .and_then(Result::ok)
            .unwrap_or_default();
        let mut tokens = Tokens {
            text,
            place: spare.place,
            org: spare.org,
            person: spare.person,
            atoms: spare.atoms,
            known: spare.known,
        };
        tokens.place.clear();
        tokens.org.clear();
        tokens.person.clear();
        let mut atoms = std::mem::take(&mut tokens.atoms);
        atoms.clear();
        tokens.known.start_text(vocab);
        find_atoms(text, vocab, &mut atoms, &mut tokens.known);
        truecase_capitals_lines(text, &tokens.known.chars, &mut atoms);
        tokens.place.reserve(atoms.len());
        tokens.org.reserve(atoms.len());
        tokens.person.reserve(atoms.len() + atoms.len() / 4);
        tokens.place_words(&atoms, vocab);
        tokens.org_words(&atoms, vocab);
        tokens.person_tokens(&atoms, vocab);
        tokens.atoms = atoms;
        tokens
    }

    /// The key at a range of the key buffer.
    fn key_at(&self, (start, end): (u32, u32)) -> &str {
        &self.known.chars[start as usize..end as usize]
    }

    /// The matching key of a place word.
    pub fn place_key(&self, word: &PlaceWord) -> &str {
        self.key_at(word.key)
    }

    /// The matching key of an organisation word.
    pub fn org_key(&self, word: &OrgWord) -> &str {
        self.key_at(word.key)
    }

    /// The matching key of a person token (punctuation: its text).
    pub fn person_key(&self, token: &PersonToken) -> &'_ str {
        match token.key {
            Some(range) => self.key_at(range),
            None => &self.text[token.start..token.end],
        }
    }

    /// The key of the word `start..end` and its number: the atom's when the word is one atom,
    /// else its own. Inlined: called for every word of every view, and a call returned the
    /// result through memory.
    #[inline(always)]
    fn word_key(
        &mut self,
        atoms: &[Atom],
        first: usize,
        end: usize,
        vocab: &Vocab,
    ) -> ((u32, u32), Sym) {
        let atom = atoms[first];
        if atom.end == end {
            return (atom.key, atom.id);
        }
        let range = push_word_key(&self.text[atom.start..end], &mut self.known.chars);
        let id = vocab.get(&self.known.chars[range.clone()]);
        ((range.start as u32, range.end as u32), id)
    }

    // Called once per text; kept out of line (measured: fewer instructions than inlined).
    #[inline(never)]
    fn place_words(&mut self, atoms: &[Atom], vocab: &Vocab) {
        let text = self.text;
        let mut a = 0;
        while a < atoms.len() {
            let first = a;
            let start = atoms[a].start;
            a += 1;
            // An apostrophe followed by a letter stays inside ("H'Leo").
            let end = join_atoms(
                text,
                atoms,
                &mut a,
                |c| matches!(c, '\'' | '\u{2019}' | '\u{2BC}'),
                |_, after| after.is_alphabetic(),
            );
            let (key, id) = self.word_key(atoms, first, end, vocab);
            if let Some(prev) = self.place.last_mut() {
                prev.gap = if start == prev.end + 1 && text.as_bytes()[prev.end] == b' ' {
                    Gap::Space
                } else {
                    classify(&text[prev.end..start])
                };
            }
            let shape = atoms[first].shape;
            self.place.push(PlaceWord {
                start,
                end,
                key,
                id,
                cap: shape.first_upper,
                digit: shape.first_digit,
                gap: Gap::Other,
            });
        }
    }

    /// The words of the organisation recogniser: the character walk of the organisation parser,
    /// stepping over atoms (their characters are all word characters) and deciding at the
    /// characters between them.
    // Called once per text; kept out of line (measured: fewer instructions than inlined).
    #[inline(never)]
    fn org_words(&mut self, atoms: &[Atom], vocab: &Vocab) {
        let text = self.text;
        let mut start: Option<(usize, usize)> = None; // (byte, first atom)
                                                      // The char before byte `at`, decoded only where a joiner asks for it.
        let char_before = |at: usize| text[..at].chars().next_back();
        let mut at = 0;
        let mut a = 0;
        while at < text.len() {
            if a < atoms.len() && atoms[a].start == at {
                // An entity name left without its `&` ("Sở NN amp; PTNT") is punctuation too.
                let end = atoms[a].end;
                if text.as_bytes().get(end) == Some(&b';')
                    && BARE_ENTITY_NAMES.contains(&&text[at..end])
                {
                    if let Some((s, first)) = start.take() {
                        self.push_org_word(atoms, first, s, at, vocab);
                    }
                    at = end + 1;
                    a += 1;
                    continue;
                }
                start.get_or_insert((at, a));
                at = atoms[a].end;
                a += 1;
                continue;
            }
            let byte = text.as_bytes()[at];
            if byte.is_ascii() && byte != b'&' && byte != b'\'' {
                // Not a joiner: the word ends here.
                if let Some((s, first)) = start.take() {
                    self.push_org_word(atoms, first, s, at, vocab);
                }
                at += 1;
                continue;
            }
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            let width = c.len_utf8();
            // Only "&" and apostrophes look at the char before them.
            let prev = if matches!(c, '&' | '\'' | '\u{2019}') {
                char_before(at)
            } else {
                None
            };
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
                    if let Some((s, first)) = start.take() {
                        self.push_org_word(atoms, first, s, at, vocab);
                    }
                    at += len;
                    while a < atoms.len() && atoms[a].start < at {
                        a += 1;
                    }
                    continue;
                }
            }
            // "TT&TT" keeps its ampersand; "Đắk R'Lấp", "H’Mông" keep their apostrophe.
            let joiner = c == '&' || c == '\'' || c == '\u{2019}';
            let inside = joiner && start.is_some() && {
                let next = text[at + width..].chars().next();
                if c == '&' {
                    prev.is_some_and(char::is_uppercase) && next.is_some_and(char::is_uppercase)
                } else {
                    prev.is_some_and(char::is_alphabetic) && next.is_some_and(char::is_alphabetic)
                }
            };
            if !inside {
                if let Some((s, first)) = start.take() {
                    self.push_org_word(atoms, first, s, at, vocab);
                }
            }
            at += width;
        }
        if let Some((s, first)) = start {
            self.push_org_word(atoms, first, s, text.len(), vocab);
        }
    }

    #[inline]
    fn push_org_word(
        &mut self,
        atoms: &[Atom],
        first: usize,
        start: usize,
        end: usize,
        vocab: &Vocab,
    ) {
        // Letters and lower case over the atoms of the word ("&" and apostrophes count for
        // neither).
        let (mut letters, mut lower_case) = (0, false);
        if atoms[first].end == end {
            (letters, lower_case) = (atoms[first].shape.letters, atoms[first].shape.lower);
        } else {
            for atom in atoms[first..].iter().take_while(|a| a.end <= end) {
                letters += atom.shape.letters;
                lower_case |= atom.shape.lower;
            }
        }
        let (key, id) = self.word_key(atoms, first, end, vocab);
        let shape = atoms[first].shape;
        self.org.push(OrgWord {
            start,
            end,
            key,
            id,
            capital: shape.first_upper,
            acronym: letters >= 2 && !lower_case,
            number: shape.first_digit,
        });
    }

    // Called once per text; kept out of line (measured: fewer instructions than inlined).
    #[inline(never)]
    fn person_tokens(&mut self, atoms: &[Atom], vocab: &Vocab) {
        let text = self.text;
        // The numbers of the ASCII marks, looked up once per text.
        let mut ascii_ids: [Option<Sym>; 128] = [None; 128];
        let mut at = 0;
        let mut a = 0;
        while at < text.len() {
            if a < atoms.len() && atoms[a].start == at {
                let first = a;
                a += 1;
                // "&" or an apostrophe followed by a letter or digit stays inside ("TT&TT"); so
                // does a hyphen between a capitalised and a lower-case part: a transliterated or
                // foreign name ("Xi-ha-núc", "Jae-in"; not "Bà Rịa-Vũng Tàu").
                let hyphen_name = || atoms[first].shape.case() == Case::Capitalised;
                let end = join_atoms(
                    text,
                    atoms,
                    &mut a,
                    |c| matches!(c, '&' | '\'' | '’') || c == '-' && hyphen_name(),
                    |c, after| match c {
                        '-' => after.is_lowercase(),
                        _ => after.is_alphanumeric(),
                    },
                );
                let (key, id) = self.word_key(atoms, first, end, vocab);
                let case = if atoms[first].end == end {
                    atoms[first].shape.case()
                } else {
                    word_case(&text[at..end])
                };
                self.person.push(PersonToken {
                    start: at,
                    end,
                    key: Some(key),
                    id,
                    case,
                    is_word: true,
                });
                at = end;
                continue;
            }
            let byte = text.as_bytes()[at];
            // ASCII white space (`char::is_whitespace` of a byte).
            if matches!(byte, b' ' | b'\t'..=b'\r') {
                at += 1;
                continue;
            }
            let Some(c) = text[at..].chars().next() else {
                break;
            };
            let end = at + c.len_utf8();
            if !c.is_whitespace() {
                let id = match ascii_ids.get_mut(usize::from(byte)) {
                    Some(id) => *id.get_or_insert_with(|| vocab.get(&text[at..end])),
                    None => vocab.get(&text[at..end]),
                };
                self.person.push(PersonToken {
                    start: at,
                    end,
                    key: None,
                    id,
                    case: Case::Other,
                    is_word: false,
                });
            }
            at = end;
        }
    }
}

/// Where the word that ends with atom `*next - 1` ends once joiners glue the following atoms to
/// it: a char for which `joiner` holds, directly followed by a char for which `then(joiner,
/// char)` holds and by an atom, takes that atom in. `*next` moves past the atoms taken. Shared by
/// the place and person views, which glue different marks ("H'Leo", "TT&TT", "Xi-ha-núc").
fn join_atoms(
    text: &str,
    atoms: &[Atom],
    next: &mut usize,
    joiner: impl Fn(char) -> bool,
    then: impl Fn(char, char) -> bool,
) -> usize {
    let mut end = atoms[*next - 1].end;
    loop {
        // Most words end with a space or an ASCII mark that joins nothing: no char to decode.
        if text
            .as_bytes()
            .get(end)
            .is_some_and(|&b| b.is_ascii() && !joiner(char::from(b)))
        {
            break;
        }
        let mut rest = text[end..].chars();
        let (Some(c), Some(after)) = (rest.next(), rest.next()) else {
            break;
        };
        if !(joiner(c) && then(c, after)) {
            break;
        }
        end += c.len_utf8();
        match atoms.get(*next) {
            Some(atom) if atom.start == end => {
                end = atom.end;
                *next += 1;
            }
            _ => break,
        }
    }
    end
}

/// True for a line written in capitals, a heading ("ĐỒNG CHÍ NGUYỄN VĂN AN THĂM ..."): at least
/// eight letters, nine in ten of them upper case.
pub fn is_capitals_line(line: &str) -> bool {
    // Most lines hold an ASCII lower-case letter within their first few bytes.
    if line.bytes().any(|b| b.is_ascii_lowercase()) {
        return false;
    }
    let (mut letters, mut upper) = (0usize, 0usize);
    for c in line.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        upper += usize::from(c.is_uppercase());
    }
    letters >= 8 && upper * 10 >= letters * 9
}

/// In a heading written in capitals every word looks like an acronym. A word of such a line that
/// the text writes elsewhere only as a name (capitalised, never in lower case: "NGUYỄN" as
/// "Nguyễn", "QUẢNG NAM") takes that case, so the names of the heading are read as names; other
/// words keep their capitals ("UBND", "TỈNH", "THĂM"), which the recognisers read as before.
fn truecase_capitals_lines(text: &str, keys: &str, atoms: &mut [Atom]) {
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    for line in text.split('\n') {
        if is_capitals_line(line) {
            lines.push(start..start + line.len());
        }
        start += line.len() + 1;
    }
    if lines.is_empty() {
        return;
    }
    let in_capitals = |atom: &Atom| lines.iter().any(|line| line.contains(&atom.start));
    let key = |atom: &Atom| &keys[atom.key.0 as usize..atom.key.1 as usize];
    // The name case of each word written elsewhere; `None` once it is also written otherwise.
    let mut written: std::collections::HashMap<&str, Option<Shape>> =
        std::collections::HashMap::new();
    for atom in atoms.iter().filter(|a| !in_capitals(a)) {
        let name = (atom.shape.case() == Case::Capitalised).then_some(atom.shape);
        let entry = written.entry(key(atom)).or_insert(name);
        if name.is_none() {
            *entry = None;
        }
    }
    for atom in atoms.iter_mut() {
        if in_capitals(atom) && atom.shape.uppers >= 2 && !atom.shape.lower {
            if let Some(Some(shape)) = written.get(key(atom)) {
                atom.shape = *shape;
            }
        }
    }
}

/// The atoms of `text` into `out`, each with the key, number and shape `known` holds for its word
/// (a word new to the thread is added to it).
#[inline(never)]
fn find_atoms(text: &str, vocab: &Vocab, out: &mut Vec<Atom>, known: &mut KnownWords) {
    let bytes = text.as_bytes();
    out.reserve(text.len() / 5);
    let mut at = 0;
    while at < bytes.len() {
        // Between words: skip what is not a word character.
        let (word, width) = word_char_at(text, at);
        if !word {
            at += width;
            continue;
        }
        // A word: a run of word characters; `ascii` while all are ASCII (its key is its lower
        // case).
        let start = at;
        let mut ascii = true;
        while at < bytes.len() {
            let b = bytes[at];
            if b.is_ascii() {
                if !b.is_ascii_alphanumeric() {
                    break;
                }
                at += 1;
            } else {
                let (word, width) = word_char_at(text, at);
                if !word {
                    break;
                }
                ascii = false;
                at += width;
            }
        }
        out.push(known.atom(text, start, at, ascii, vocab));
    }
}

/// Whether the char at byte `at` of `text` is a word character ([`is_word_char`]), and its
/// width: the blocks of Vietnamese letters and the punctuation around them are told by their
/// first bytes, without decoding the char.
#[inline(always)]
fn word_char_at(text: &str, at: usize) -> (bool, usize) {
    let bytes = text.as_bytes();
    let next = bytes.get(at + 1).copied();
    match bytes[at] {
        b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
        // U+0080..U+00BF: Latin-1 punctuation and spaces.
        0xC2 => (false, 2),
        // U+00C0..U+00FF: letters, but for "×" and "÷".
        0xC3 => (!matches!(next, Some(0x97 | 0xB7)), 2),
        // U+0100..U+023F: Latin Extended-A and most of B.
        0xC4..=0xC8 => (true, 2),
        // U+1E00..U+1EFF: Latin Extended Additional (the letters with two marks).
        0xE1 if matches!(next, Some(0xB8..=0xBB)) => (true, 3),
        // U+2000..U+203F: General Punctuation (dashes, quotes, spaces).
        0xE2 if next == Some(0x80) => (false, 3),
        _ => {
            let c = text[at..].chars().next().unwrap_or(' ');
            (is_word_char(c), c.len_utf8())
        }
    }
}

/// The key, number and shape of every word a thread's texts held (they depend on the word only,
/// and most words come back in every text): a word found here is one table probe, with no key to
/// build and no vocabulary lookup. The keys live in `chars`, which [`Tokens`] reads its keys
/// from (the keys of its joined words are appended after them and dropped with the text). The
/// numbers belong to the vocabulary of stamp `stamp`; another vocabulary empties the table, and
/// so does outgrowing [`KNOWN_WORDS_BYTES`] or [`KNOWN_WORDS`] (only between texts, so the keys of
/// a text stay where its atoms point).
#[derive(Debug, Default)]
struct KnownWords {
    /// Open addressing over `entries` ([`u32::MAX`]: empty), at most half full.
    slots: Vec<u32>,
    entries: Vec<KnownWord>,
    /// The keys of the entries (and the words longer than [`SHORT_WORD`] bytes), one after
    /// another; after them, while a text is tokenised, the keys of its joined words.
    chars: String,
    /// The length of `chars` that the entries use.
    used: usize,
    /// The [`Vocab::stamp`] of the numbers.
    stamp: u64,
}

/// A word of a text as the known words compare it: its length and, up to [`SHORT_WORD`] bytes,
/// its bytes in two zero-padded little-endian words (a longer word is compared by its text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct WordBits {
    lo: u64,
    hi: u64,
    len: u32,
}

/// Words up to this many bytes (nearly all) are held in their [`WordBits`].
const SHORT_WORD: usize = 16;

#[derive(Debug, Clone, Copy)]
struct KnownWord {
    bits: WordBits,
    /// Where a word longer than [`SHORT_WORD`] lies in `chars`.
    long: (u32, u32),
    key: (u32, u32),
    id: Sym,
    shape: Shape,
}

/// The most bytes of keys [`KnownWords`] holds.
const KNOWN_WORDS_BYTES: usize = 1 << 20;
/// The most words [`KnownWords`] holds.
const KNOWN_WORDS: usize = 1 << 15;

/// The hash of a word longer than [`SHORT_WORD`] bytes.
fn hash_word(word: &str) -> u64 {
    let mut hasher = StrHash::default();
    hasher.write(word.as_bytes());
    hasher.finish()
}

/// Up to eight bytes of `bytes` from `at` (`n` of them) as a zero-padded little-endian word.
#[inline(always)]
fn padded_word(bytes: &[u8], at: usize, n: usize) -> u64 {
    if n == 0 {
        return 0;
    }
    match bytes.get(at..at + 8) {
        Some(eight) => {
            let mut word = [0u8; 8];
            word.copy_from_slice(eight);
            u64::from_le_bytes(word) & (u64::MAX >> (64 - 8 * n))
        }
        None => bytes[at..at + n]
            .iter()
            .rev()
            .fold(0u64, |word, &b| word << 8 | u64::from(b)),
    }
}

impl WordBits {
    /// The word `text[start..end]` and its hash.
    #[inline(always)]
    fn of(text: &str, start: usize, end: usize) -> (WordBits, u64) {
        let len = end - start;
        if len > SHORT_WORD {
            let bits = WordBits {
                lo: 0,
                hi: 0,
                len: len as u32,
            };
            return (bits, hash_word(&text[start..end]));
        }
        let bytes = text.as_bytes();
        let bits = WordBits {
            lo: padded_word(bytes, start, len.min(8)),
            hi: padded_word(bytes, start + 8, len.saturating_sub(8)),
            len: len as u32,
        };
        (bits, bits.hash())
    }

    /// The hash of a word of up to [`SHORT_WORD`] bytes: a folded multiply of its two halves
    /// (the length told apart in the second).
    #[inline(always)]
    fn hash(self) -> u64 {
        let mixed = u128::from(self.lo ^ 0x243f_6a88_85a3_08d3)
            * u128::from(self.hi ^ (u64::from(self.len) << 56) ^ 0x1319_8a2e_0370_7344);
        (mixed as u64) ^ (mixed >> 64) as u64
    }
}

impl KnownWords {
    fn text(&self, (start, end): (u32, u32)) -> &str {
        &self.chars[start as usize..end as usize]
    }

    /// Ready for a text tokenised with `vocab`: the keys of the last text's joined words go, and
    /// the table empties when its numbers are of another vocabulary or it is full.
    fn start_text(&mut self, vocab: &Vocab) {
        self.chars.truncate(self.used);
        if self.stamp != vocab.stamp()
            || self.chars.len() > KNOWN_WORDS_BYTES
            || self.entries.len() > KNOWN_WORDS
        {
            self.slots.clear();
            self.entries.clear();
            self.chars.clear();
            self.used = 0;
            self.stamp = vocab.stamp();
        }
    }

    /// The entry of the word `bits` (`text[start..end]`, hashed `hash`), or the empty slot where
    /// it would go.
    #[inline(always)]
    fn find(
        &self,
        text: &str,
        start: usize,
        end: usize,
        bits: WordBits,
        hash: u64,
    ) -> Result<KnownWord, usize> {
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            match self.slots[at] {
                u32::MAX => return Err(at),
                index => {
                    let known = self.entries[index as usize];
                    if known.bits == bits
                        && (bits.len as usize <= SHORT_WORD
                            || self.text(known.long) == &text[start..end])
                    {
                        return Ok(known);
                    }
                }
            }
            at = (at + 1) & mask;
        }
    }

    /// The atom of the word `text[start..end]` (`ascii`: all its chars are).
    #[inline(always)]
    fn atom(&mut self, text: &str, start: usize, end: usize, ascii: bool, vocab: &Vocab) -> Atom {
        let (bits, hash) = WordBits::of(text, start, end);
        if self.slots.is_empty() {
            self.slots.resize(1024, u32::MAX);
        }
        let known = match self.find(text, start, end, bits, hash) {
            Ok(known) => known,
            Err(slot) => self.insert(text, start, end, ascii, bits, slot, vocab),
        };
        Atom {
            start,
            end,
            key: known.key,
            id: known.id,
            shape: known.shape,
        }
    }

    /// Adds the word `text[start..end]` at the empty `slot`: its key, number and shape.
    #[cold]
    #[allow(clippy::too_many_arguments)]
    fn insert(
        &mut self,
        text: &str,
        start: usize,
        end: usize,
        ascii: bool,
        bits: WordBits,
        slot: usize,
        vocab: &Vocab,
    ) -> KnownWord {
        let word = &text[start..end];
        let chars = &mut self.chars;
        let long = if word.len() > SHORT_WORD {
            let at = chars.len();
            chars.push_str(word);
            (at as u32, chars.len() as u32)
        } else {
            (0, 0)
        };
        let (range, shape) = if ascii {
            // Letters and digits only: the key is the lower case, nothing to normalise.
            let at = chars.len();
            chars.push_str(word);
            chars[at..].make_ascii_lowercase();
            (at..chars.len(), Shape::of_ascii(word))
        } else {
            let mut shape = Shape::default();
            let mut first = true;
            let range = push_word_key_seeing(word, chars, |c| {
                shape.see(c, first);
                first = false;
            });
            (range, shape)
        };
        self.used = chars.len();
        let known = KnownWord {
            bits,
            long,
            key: (range.start as u32, range.end as u32),
            id: if vocab.is_empty() {
                UNKNOWN
            } else {
                vocab.get(&chars[range])
            },
            shape,
        };
        self.slots[slot] = self.entries.len() as u32;
        self.entries.push(known);
        if self.entries.len() * 2 > self.slots.len() {
            self.grow();
        }
        known
    }

    /// Twice the slots, every entry put again.
    fn grow(&mut self) {
        let slots = self.slots.len() * 2;
        self.slots.clear();
        self.slots.resize(slots, u32::MAX);
        let mask = slots - 1;
        for (index, known) in self.entries.iter().enumerate() {
            let hash = if known.bits.len as usize > SHORT_WORD {
                hash_word(self.text(known.long))
            } else {
                known.bits.hash()
            };
            let mut at = hash as usize & mask;
            while self.slots[at] != u32::MAX {
                at = (at + 1) & mask;
            }
            self.slots[at] = index as u32;
        }
    }
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// The kind of gap between two place words.
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

/// The case of a word (see [`Case`]).
pub fn word_case(word: &str) -> Case {
    // Ethnic-minority names glue a one-letter prefix with an apostrophe ("H'Liên", "K'Nhiên"):
    // the word is capitalised when every part is.
    if word.contains(['\'', '’'])
        && word
            .split(['\'', '’'])
            .all(|part| word_case(part) == Case::Capitalised)
    {
        return Case::Capitalised;
    }
    // Transliterated and foreign names join their parts with hyphens ("Xi-ha-núc", "Jae-in",
    // "Bun-thong"): capitalised when the first part is and the others are lower case.
    if let Some((head, rest)) = word.split_once('-') {
        if word_case(head) == Case::Capitalised
            && rest.split('-').all(|part| word_case(part) == Case::Lower)
        {
            return Case::Capitalised;
        }
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

#[cfg(test)]
mod tests {

    #[test]
    fn capitals_lines() {
        assert!(is_capitals_line("ĐỒNG CHÍ NGUYỄN VĂN AN THĂM HUYỆN"));
        assert!(is_capitals_line("UBND TỈNH TỔ CHỨC HỘI NGHỊ NĂM 2024"));
        assert!(!is_capitals_line("Sáng 2/5, UBND tỉnh tổ chức hội nghị"));
        assert!(!is_capitals_line("UBND"));
        assert!(is_capitals_line("ĐỒNG CHÍ ĐỨC TRƯỞNG ĐOÀN ĐẾN ĐÓ"));
    }

    use super::*;

    fn place_texts<'t>(tokens: &Tokens<'t>) -> Vec<&'t str> {
        tokens
            .place
            .iter()
            .map(|w| &tokens.text[w.start..w.end])
            .collect()
    }

    #[test]
    fn place_words_and_gaps() {
        let t = Tokens::new("TP.HCM, Bà Rịa-Vũng Tàu và Ea H'Leo.\nXã");
        assert_eq!(
            place_texts(&t),
            ["TP", "HCM", "Bà", "Rịa", "Vũng", "Tàu", "và", "Ea", "H'Leo", "Xã"]
        );
        let gaps: Vec<Gap> = t.place.iter().map(|w| w.gap).collect();
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
        assert_eq!(t.place_key(&t.place[8]), "h'leo");
    }

    #[test]
    fn org_words_keep_abbreviations_and_skip_entities() {
        let text = "Sở TT&TT, Kinh tế&Đô thị (LĐTB&XH) A&ndash;B";
        let t = Tokens::new(text);
        let got: Vec<&str> = t.org.iter().map(|w| &text[w.start..w.end]).collect();
        assert_eq!(
            got,
            ["Sở", "TT&TT", "Kinh", "tế", "Đô", "thị", "LĐTB&XH", "A", "B"]
        );
        assert!(t.org[1].acronym && !t.org[0].acronym);
        assert_eq!(t.org_key(&t.org[1]), "tt&tt");
    }

    #[test]
    fn person_tokens_keep_ampersands_and_cases() {
        let t = Tokens::new("Sở TT&TT, Đ/c Hoà 7E");
        let keys: Vec<&str> = t.person.iter().map(|p| t.person_key(p)).collect();
        assert_eq!(keys, ["sở", "tt&tt", ",", "đ", "/", "c", "hòa", "7e"]);
        assert_eq!(t.person[0].case, Case::Capitalised);
        assert_eq!(t.person[1].case, Case::Upper);
        assert_eq!(t.person[7].case, Case::Other);
        let t = Tokens::new("Ka H'Liên, K’Nhiên, đắk r'lấp");
        assert_eq!(t.person[1].case, Case::Capitalised);
        assert_eq!(t.person[3].case, Case::Capitalised);
        assert_eq!(t.person[5].case, Case::Lower);
    }

    #[test]
    fn person_tokens_keep_hyphenated_names_whole() {
        let t = Tokens::new("Xi-ha-núc, Moon Jae-in, Bà Rịa-Vũng Tàu, kinh-tế");
        let words: Vec<&str> = t
            .person
            .iter()
            .filter(|p| p.is_word)
            .map(|p| &t.text[p.start..p.end])
            .collect();
        assert_eq!(
            words,
            [
                "Xi-ha-núc",
                "Moon",
                "Jae-in",
                "Bà",
                "Rịa",
                "Vũng",
                "Tàu",
                "kinh",
                "tế"
            ]
        );
        assert_eq!(t.person[0].case, Case::Capitalised);
        assert_eq!(word_case("Jae-in"), Case::Capitalised);
        assert_eq!(word_case("M-TP"), Case::Upper);
    }

    #[test]
    fn atom_shapes_give_the_case_of_the_word() {
        let text = "Minh UBND ThS 7E thường Ǆ ǅx Ho\u{300}a ĐẮK đắk ÐÔNG µ ẞỌ 12A2 Ɖắk";
        let t = Tokens::new(text);
        for p in t.person.iter().filter(|p| p.is_word) {
            let word = &text[p.start..p.end];
            assert_eq!(p.case, word_case(word), "{word}");
        }
        for w in &t.org {
            let word = &text[w.start..w.end];
            let letters: Vec<char> = word.chars().filter(|c| !c.is_ascii_digit()).collect();
            let acronym = letters.len() >= 2 && !letters.iter().any(|c| c.is_lowercase());
            assert_eq!(w.acronym, acronym, "{word}");
            assert_eq!(
                w.capital,
                word.chars().next().is_some_and(char::is_uppercase)
            );
        }
    }

    #[test]
    fn words_known_from_earlier_texts_keep_their_keys_and_cases() {
        let texts = ["Thủy ĐẮK Hoà", "hoà THỦY Đắk Ɖắk", "Hoà thuỷ đắk"];
        // Twice over: the second round finds every word known.
        for _ in 0..2 {
            for text in texts {
                let t = Tokens::new(text);
                for p in t.person.iter().filter(|p| p.is_word) {
                    let word = &text[p.start..p.end];
                    assert_eq!(t.person_key(p), crate::ner::text::word_key(word), "{word}");
                    assert_eq!(p.case, word_case(word), "{word}");
                }
            }
        }
    }

    #[test]
    fn known_words_grow_and_empty_when_full() {
        use crate::ner::text::word_key;
        let mut known = KnownWords::default();
        let vocab = Vocab::default();
        // Short and long words (more than SHORT_WORD bytes), with and without marks.
        let words: Vec<String> = (0..40_000)
            .map(|n| match n % 3 {
                0 => format!("Nghiêngnghiêng{n}"),
                1 => format!("Từ{n}"),
                _ => format!("WORD{n}"),
            })
            .collect();
        let text = words.join(" ");
        let mut atoms = Vec::new();
        for _ in 0..2 {
            known.start_text(&vocab);
            atoms.clear();
            find_atoms(&text, &vocab, &mut atoms, &mut known);
            assert_eq!(atoms.len(), words.len());
            for (atom, word) in atoms.iter().zip(&words) {
                assert_eq!(&text[atom.start..atom.end], word);
                assert_eq!(known.text(atom.key), word_key(word), "{word}");
                assert_eq!(atom.shape.case(), word_case(word), "{word}");
            }
            // The second time every word is known: nothing is added.
            assert_eq!(known.entries.len(), words.len());
        }
        // More words than it holds: the next text starts with an empty table.
        known.start_text(&vocab);
        assert!(known.entries.is_empty() && known.chars.is_empty());
        atoms.clear();
        find_atoms("Hoà", &vocab, &mut atoms, &mut known);
        assert_eq!((known.entries.len(), atoms[0].id), (1, UNKNOWN));
        // Numbers of another vocabulary: emptied too, and the word gets its number.
        let mut other = Vocab::default();
        let hoa = other.intern("hòa");
        known.start_text(&other);
        assert!(known.entries.is_empty());
        atoms.clear();
        find_atoms("Hoà", &other, &mut atoms, &mut known);
        assert_eq!(atoms[0].id, hoa);
    }

    #[test]
    fn word_chars_told_by_their_first_bytes_are_word_chars() {
        let blocks = [0..0x380, 0x1DF0..0x1F10, 0x1FF0..0x2080];
        for c in blocks.into_iter().flatten().filter_map(char::from_u32) {
            let text = format!("{c}a");
            assert_eq!(
                word_char_at(&text, 0),
                (is_word_char(c), c.len_utf8()),
                "U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn joiners_before_letters_that_are_not_word_characters() {
        // "ª" is a letter but not a word character: the apostrophe stays, the word ends there.
        let t = Tokens::new("H'ª X");
        assert_eq!(place_texts(&t), ["H'", "X"]);
    }
}
