//! The directory's entries: what `tintuc directory` writes, one JSON object per line, documented in
//! `schemas/directory.schema.json` (change both together).
//!
//! A directory is a [`Summary`] line, then [`PersonEntry`], [`PositionEntry`],
//! [`OrganizationEntry`] and [`ArticleEntry`] lines, each with its `type`. Entries refer to each
//! other by id (`p-...` people, `pos-...` positions, `o-...` organisations) and to articles by key
//! (their URL).

use serde::{Deserialize, Serialize};

use super::link::Flag;
use crate::model::Gender;

/// Version of the directory's line format, written in the summary line.
pub const DIRECTORY_VERSION: u32 = 1;

/// One line of the directory.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Line {
    Summary(Summary),
    Person(PersonEntry),
    Position(PositionEntry),
    Organization(OrganizationEntry),
    Article(ArticleEntry),
}

/// [`Line`] by reference, for writing.
#[derive(Debug, Clone, Copy, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub(crate) enum LineRef<'a> {
    Summary(&'a Summary),
    Person(&'a PersonEntry),
    Position(&'a PositionEntry),
    Organization(&'a OrganizationEntry),
    Article(&'a ArticleEntry),
}

/// Counts, first in the output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub version: u32,
    pub articles: usize,
    pub people: usize,
    pub positions: usize,
    pub organizations: usize,
    /// People with at least one flag.
    pub flagged_people: usize,
}

/// One real person, as far as the articles tell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonEntry {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Honorifics written before the name ("ông", "đồng chí", "PGS.TS").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub honorifics: Vec<String>,
    /// Provinces of the person's posts (or articles), canonical names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub provinces: Vec<String>,
    /// The most recent post: role and body ("Giám đốc Sở Nội vụ tỉnh Quảng Trị").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub latest_post: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
    /// Number of articles that mention the person.
    pub articles: usize,
    pub mentions: usize,
    /// The person's positions, in order of first sight (a timeline).
    pub positions: Vec<String>,
    /// Other people of the same name, kept apart.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub namesakes: Vec<String>,
    /// Uncertain decisions behind this entry; empty when the evidence agreed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<Flag>,
}

/// One post of one person in one body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PositionEntry {
    pub id: String,
    pub person: String,
    pub person_name: String,
    /// The post, normalised ("Phó Giám đốc"); a change of post is another position.
    pub role: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization_name: Option<String>,
    /// The body that carries on the organisation's work after the 2025 mergers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
    /// Modifiers seen with the post ("Quyền", "nguyên", "Phụ trách", "kiêm").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modifiers: Vec<String>,
    /// First and last publication day of an article stating the post as held.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
    /// First publication day of an article calling the person a former holder ("nguyên").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub former_since: Option<String>,
    /// The titles as written.
    pub titles: Vec<String>,
    /// Evidence: the articles stating the post, oldest first.
    pub articles: Vec<String>,
}

/// One canonical body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrganizationEntry {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent_id: Option<String>,
    /// The province the body belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// Abbreviated forms seen ("UBND tỉnh Khánh Hòa", "BNV").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abbreviations: Vec<String>,
    /// Other forms it was written in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names_seen: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor_id: Option<String>,
    /// Bodies whose successor this is.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub predecessors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
    /// Articles that mention the body (0 for a successor known only from the 2025 mergers).
    pub articles: usize,
    /// The people seen in each post, over time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub posts: Vec<Post>,
}

/// The holders of one post of a body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Post {
    pub role: String,
    pub holders: Vec<Holder>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Holder {
    pub person: String,
    pub name: String,
    pub position: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
}

/// One article, with the directory entries it mentions (in the order of the record's entities).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleEntry {
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    pub people: Vec<String>,
    pub organizations: Vec<String>,
}
