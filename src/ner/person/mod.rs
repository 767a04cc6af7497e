//! People with honorifics and titles.
//!
//! Data flow: the text is split into `token`s; one left-to-right pass looks, at each token, for
//! (1) an honorific followed by a name ("đồng chí Vũ Đăng Minh", "các đồng chí A, B"),
//! (2) a title followed by a name ("Phó Chủ tịch UBND tỉnh Nguyễn Văn A", "Chủ tịch Hồ Chí Minh"),
//! (3) a credit ("Ảnh: Thu Lan", "Tác giả: A - B"), (4) a byline: a line holding only names among
//! the last lines of the text ("Quang Minh - Thu Hà", "Thanh Tâm - Cổng TTĐT Đồng Tháp"),
//! (5) a historical figure of a hand list named alone ("Trưng Trắc"; the list also lets an epithet
//! name a figure whose name is a district too: "Nữ tướng Lê Chân"), and (6) a bare name with a
//! known surname, (7) a name after a role noun ("tiền đạo", "ca sĩ"; `cue`). After the scan, short
//! names referring back to a full name are added (`cue`). After a name, the titles in apposition are read ("– Chánh Văn phòng Bộ, Phó Chủ
//! tịch ...", "(Giám đốc Sở Y tế)").
//!
//! The scan lives in `name`, credits, bylines and historical figures in `credit`, the evidence
//! tests on capitalised runs in `run`; all of them walk the person tokens of the shared [`Tokens`]
//! (`token`). The `lexicon` holds the name syllables, honorifics, roles, modifiers and historical
//! figures as phrase tables (from `data/lexicon/person/`, written by
//! `scripts/derive_person_lexicon.py`) and the word classes of `person/words.tsv`; `title` parses a title phrase and the organisation it
//! belongs to, preferring the organisation spans given by the organisation recogniser. A name
//! inside an organisation span is never a person, except the holder's name an organisation span
//! ran into after a title, and a span that starts inside a role ("nhà báo" read as "báo ...").
//!
//! Gender: the honorific decides (ông, anh, thầy: male; bà, chị, cô, Mẹ: female); without one, the
//! middle name "Thị" says female and "Văn" male.

mod credit;
mod cue;
mod lexicon;
mod name;
mod run;
mod title;
mod token;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::model::Gender;
use crate::ner::lexicons::Lexicons;
use crate::ner::phrase::Vocab;
use crate::ner::tokens::Tokens;
/// Whether a word cannot be one Vietnamese syllable ("Samsung", "Xi-ha-núc").
pub(crate) use cue::foreign_word;
pub use lexicon::Lexicon;
use name::Names;
use token::{tokenize, Case, Token};

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

/// The rule that found a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PersonRule {
    /// An honorific and a name ("đồng chí Vũ Đăng Minh").
    #[serde(rename = "honorific")]
    Honorific,
    /// A member of a list after a plural honorific ("các đồng chí A, B").
    #[serde(rename = "honorific-list")]
    HonorificList,
    /// A title and a name ("Phó Chủ tịch UBND tỉnh Nguyễn Văn A").
    #[serde(rename = "title")]
    Title,
    /// A member of a list after a plural title ("các Thứ trưởng A, B").
    #[serde(rename = "title-list")]
    TitleList,
    /// A photo or author credit ("Ảnh: Thu Lan").
    #[serde(rename = "credit")]
    Credit,
    /// A byline among the last lines ("Quang Minh - Thu Hà").
    #[serde(rename = "byline")]
    Byline,
    /// A historical figure of the list named alone ("Trưng Trắc").
    #[serde(rename = "historical")]
    Historical,
    /// A bare name with a known surname.
    #[serde(rename = "surname")]
    Surname,
    /// A name after a role noun ("tiền đạo A", "ca sĩ B", "đạo diễn người Pháp C").
    #[serde(rename = "role-noun")]
    RoleNoun,
    /// A foreign name standing as a clause's subject ("Sophia Smith đón bóng").
    #[serde(rename = "foreign")]
    Foreign,
    /// A short name referring back to a full name of the same text ("Hải" after "Phạm Tuấn Hải").
    #[serde(rename = "alias")]
    Alias,
}

impl PersonRule {
    pub fn as_str(self) -> &'static str {
        match self {
            PersonRule::Honorific => "honorific",
            PersonRule::HonorificList => "honorific-list",
            PersonRule::Title => "title",
            PersonRule::TitleList => "title-list",
            PersonRule::Credit => "credit",
            PersonRule::Byline => "byline",
            PersonRule::Historical => "historical",
            PersonRule::Surname => "surname",
            PersonRule::RoleNoun => "role-noun",
            PersonRule::Alias => "alias",
            PersonRule::Foreign => "foreign",
        }
    }
}

/// One person mention found in a text; `start`/`end` are byte offsets of the name only.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonFound {
    pub start: usize,
    pub end: usize,
    pub rule: PersonRule,
    /// The name as written, NFC.
    pub name: String,
    pub honorific: Option<String>,
    pub gender: Option<Gender>,
    pub titles: Vec<TitleFound>,
}

/// The person recogniser over the name lists, honorifics and titles.
#[derive(Debug, Clone)]
pub struct PersonFinder {
    vocab: Arc<Vocab>,
    lex: Arc<Lexicon>,
}

impl PersonFinder {
    pub fn new(lexicons: &Lexicons) -> PersonFinder {
        PersonFinder {
            vocab: Arc::clone(&lexicons.vocab),
            lex: Arc::clone(&lexicons.people),
        }
    }

    /// Finds the people of one text. `orgs` are the byte spans of organisation mentions (a name
    /// inside an organisation's name, "Trường THPT Nguyễn Trãi", is not a person).
    pub fn find(&self, text: &str, orgs: &[(usize, usize)]) -> Vec<PersonFound> {
        self.find_in(&Tokens::with_vocab(text, &self.vocab), orgs)
    }

    /// Finds the people of a tokenised text.
    pub fn find_in(&self, tokens: &Tokens<'_>, orgs: &[(usize, usize)]) -> Vec<PersonFound> {
        let text = tokens.text;
        let tokens = tokenize(tokens);
        let lex = &*self.lex;
        // An organisation span that starts inside a role ("nhà báo Quách Gia Huy" read as the
        // newspaper "báo Quách Gia Huy") is a misreading of the role: a person follows.
        let inside_role = |&&(s, _): &&(usize, usize)| {
            tokens.binary_search_by_key(&s, |t| t.start).is_ok_and(|k| {
                k > 0
                    && lex
                        .roles
                        .longest(&tokens, k - 1, false)
                        .is_some_and(|m| m.end > k && m.value.personal)
            })
        };
        let kept: Vec<(usize, usize)>;
        let orgs = if orgs.iter().any(|o| inside_role(&o)) {
            kept = orgs.iter().filter(|o| !inside_role(o)).copied().collect();
            &kept[..]
        } else {
            orgs
        };
        let next_foreign = cue::next_foreign(&tokens);
        let names = Names {
            lex,
            text,
            tokens: &tokens,
            orgs,
            next_foreign: &next_foreign,
        };
        names.find_all()
    }
}

/// The gender a mention implies: the honorific first, then the middle name.
fn gender_of(honorific: Option<Gender>, name_tokens: &[Token]) -> Option<Gender> {
    if honorific.is_some() {
        return honorific;
    }
    if name_tokens.len() >= 3 {
        for t in &name_tokens[1..name_tokens.len() - 1] {
            match t.key {
                "thị" => return Some(Gender::Female),
                "văn" => return Some(Gender::Male),
                _ => {}
            }
        }
    }
    None
}

fn is_capitalised(t: &Token) -> bool {
    t.case == Case::Capitalised
}
