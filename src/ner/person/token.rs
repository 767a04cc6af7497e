//! The person recogniser's view of a text ([`Tokens::person`]): words and punctuation marks with
//! byte offsets and a matching key.
//!
//! Every non-space character of the text belongs to exactly one token, so two neighbouring tokens
//! are separated by white space only; the recognisers walk this list instead of the raw text.

use crate::ner::phrase::Sym;
pub use crate::ner::tokens::Case;
use crate::ner::tokens::{is_capitals_line, Tokens};

/// One word or punctuation mark.
#[derive(Debug, Clone, Copy)]
pub struct Token<'t> {
    pub start: usize,
    pub end: usize,
    pub case: Case,
    pub is_word: bool,
    /// [`canonical_key`](crate::ner::text::canonical_key) of a word (lower case, traditional tone
    /// position); a punctuation mark as written.
    pub key: &'t str,
    /// The number of the key in the lexicons' vocabulary.
    pub id: Sym,
}

/// The person tokens of a tokenised text.
pub fn tokenize<'t>(tokens: &'t Tokens<'_>) -> Vec<Token<'t>> {
    tokens
        .person
        .iter()
        .map(|t| Token {
            start: t.start,
            end: t.end,
            case: t.case,
            is_word: t.is_word,
            key: tokens.person_key(t),
            id: t.id,
        })
        .collect()
}

/// True when the white space between two tokens holds a line break.
pub fn line_break_between(text: &str, left: &Token<'_>, right: &Token<'_>) -> bool {
    // The gap is a space or two: its bytes are read one by one ('\n' is never inside a char), a
    // call of the byte search costs more than that.
    #[allow(clippy::manual_contains)]
    text.as_bytes()
        .get(left.end..right.start)
        .is_some_and(|gap| gap.iter().any(|&b| b == b'\n'))
}

/// True when the line holding `token` is written in capitals (a heading: [`is_capitals_line`]).
pub fn in_capitals_line(text: &str, token: &Token<'_>) -> bool {
    let line_start = text[..token.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[token.start..]
        .find('\n')
        .map_or(text.len(), |i| token.start + i);
    is_capitals_line(&text[line_start..line_end])
}
