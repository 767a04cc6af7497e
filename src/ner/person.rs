//! People with honorifics and titles (stub: to be implemented).

use crate::model::Gender;

/// One title stated at a mention; `start`/`end` are byte offsets of the title phrase.
#[derive(Debug, Clone, PartialEq)]
pub struct TitleFound {
    pub start: usize,
    pub end: usize,
    /// Exactly as written.
    pub text: String,
    /// The post, normalised ("Phó Chủ tịch Thường trực").
    pub role: String,
    pub organization: Option<String>,
    pub modifiers: Vec<String>,
}

/// One person mention found in a text; `start`/`end` are byte offsets of the name only.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonFound {
    pub start: usize,
    pub end: usize,
    pub rule: &'static str,
    /// The name as written, NFC.
    pub name: String,
    pub honorific: Option<String>,
    pub gender: Option<Gender>,
    pub titles: Vec<TitleFound>,
}

/// Name lists, honorifics and titles, built once.
#[derive(Debug, Default)]
pub struct PersonFinder {}

impl PersonFinder {
    pub fn new() -> PersonFinder {
        PersonFinder {}
    }

    /// Finds the people of one text. `orgs` are the byte spans of organisation mentions (a name
    /// inside an organisation's name, "Trường THPT Nguyễn Trãi", is not a person).
    pub fn find(&self, text: &str, orgs: &[(usize, usize)]) -> Vec<PersonFound> {
        let _ = (text, orgs);
        Vec::new()
    }
}
