//! What the directory keeps of one record: an [`ArticleDigest`].
//!
//! A record's people and organisations become observations with canonical bodies (`body`) and
//! the article's province (`province`): each person with the posts the article states (role,
//! body, modifiers), each organisation with the forms it was written in. Digests are small (no
//! text), so a directory of many crawls keeps them in its state file and links new articles
//! without reading the old records again.

use serde::{Deserialize, Serialize};

use super::body::{split_role, Body, BodyResolver};
use super::province::{article_province, SharedProvince};
use crate::model::{Gender, Record, Ymd};

/// One article, reduced to what linking and the directory's tables need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleDigest {
    /// What identifies the article across crawls: its URL (else canonical URL, else
    /// `article:` and a hash of site, title and date).
    pub key: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site: Option<String>,
    /// Publication day, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The province the article is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<SharedProvince>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<PersonObs>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orgs: Vec<OrgObs>,
}

/// One person of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonObs {
    pub name: String,
    /// Index of the person in the record's `entities.people`.
    pub entity: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honorific: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub titles: Vec<TitleObs>,
    pub mentions: usize,
    /// The directory person this observation was linked to (empty until linked).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub person: String,
}

/// One post stated for a person in one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TitleObs {
    /// As written.
    pub text: String,
    /// Normalised post ("Phó Giám đốc"), without the body it may name.
    pub role: String,
    /// Index into the digest's `orgs` of the body the post belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<usize>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modifiers: Vec<String>,
}

/// One body of one article (from the recognised organisations and from the titles).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgObs {
    pub body: Body,
    /// Forms it was written in that differ from the canonical name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub written: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub abbreviations: Vec<String>,
    /// Indexes of the record's `entities.organizations` that are this body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<usize>,
    pub mentions: usize,
}

/// How the key of an article without URL starts.
pub const HASH_KEY_PREFIX: &str = "article:";

impl ArticleDigest {
    /// The article's URL (its key, unless it had none).
    pub fn url(&self) -> Option<&str> {
        (!self.key.starts_with(HASH_KEY_PREFIX)).then_some(self.key.as_str())
    }

    /// The publication day.
    pub fn day(&self) -> Option<Ymd> {
        self.published.as_deref().and_then(Ymd::parse_iso)
    }
}

/// The key of a record: URL, canonical URL, or a hash of site, title and date.
pub fn record_key(record: &Record) -> String {
    let article = &record.article;
    if let Some(url) = article.url.as_deref().or(article.canonical_url.as_deref()) {
        return url.to_string();
    }
    let mut text = String::new();
    for part in [
        article.site.as_deref().unwrap_or(""),
        &article.title,
        article.published.as_deref().unwrap_or(""),
    ] {
        text.push_str(part);
        text.push('\u{1F}');
    }
    format!("{HASH_KEY_PREFIX}{:016x}", fnv64(text.as_bytes()))
}

/// FNV-1a, 64 bits: short stable ids from names and keys.
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Digests one record.
pub fn digest(record: &Record, resolver: &mut BodyResolver) -> ArticleDigest {
    let article = &record.article;
    let day = article.published.as_deref().and_then(Ymd::parse_iso);
    let entities = &record.entities;
    // The province an organisation's own name gives (no context yet) is evidence for the
    // article's province; with that province, the organisations are named again.
    let named: Vec<Body> = entities
        .organizations
        .iter()
        .map(|org| resolver.of_entity(org, None, day))
        .collect();
    let province = article_province(
        entities,
        named
            .iter()
            .zip(&entities.organizations)
            .filter_map(|(body, org)| Some((body.province.as_ref()?, org.mentions.as_slice()))),
        article.site.as_deref(),
    )
    .map(|p| resolver.provinces.intern(&p));
    let mut orgs: Vec<OrgObs> = Vec::new();

    // Recognised organisations first, so that titles find them by the text they were written in.
    let mut written_index: Vec<(String, usize)> = Vec::new();
    for (entity, org) in entities.organizations.iter().enumerate() {
        let body = match province.as_ref() {
            Some(context) => resolver.of_entity(org, Some(context), day),
            None => named[entity].clone(),
        };
        let at = add_body(&mut orgs, body);
        let obs = &mut orgs[at];
        obs.entities.push(entity);
        obs.mentions += org.mentions.len();
        if let Some(abbreviation) = org.abbreviation.as_deref() {
            push_distinct(&mut obs.abbreviations, abbreviation);
        }
        for mention in &org.mentions {
            if mention.text != obs.body.name {
                push_distinct(&mut obs.written, &mention.text);
            }
            written_index.push((mention.text.clone(), at));
        }
    }

    let mut people = Vec::with_capacity(entities.people.len());
    for (entity, person) in entities.people.iter().enumerate() {
        let mut titles = Vec::with_capacity(person.titles.len());
        for title in &person.titles {
            let (role, body_text) = split_role(&title.role, title.organization.as_deref());
            let body = body_text.map(|text| {
                match written_index.iter().find(|(written, _)| *written == text) {
                    Some(&(_, at)) => at,
                    None => {
                        let body = resolver.of_text(&text, province.as_ref(), day);
                        let at = add_body(&mut orgs, body);
                        if text != orgs[at].body.name {
                            push_distinct(&mut orgs[at].written, &text);
                        }
                        at
                    }
                }
            });
            titles.push(TitleObs {
                text: title.text.clone(),
                role,
                body,
                modifiers: title.modifiers.clone(),
            });
        }
        // A later mention's bare "Thứ trưởng" is the post an earlier mention gave with its body.
        for i in 0..titles.len() {
            if titles[i].body.is_none() {
                let role = &titles[i].role;
                let mut bodies = titles
                    .iter()
                    .filter(|t| t.role == *role)
                    .filter_map(|t| t.body);
                if let (Some(body), None) = (bodies.next(), bodies.next()) {
                    titles[i].body = Some(body);
                }
            }
        }
        people.push(PersonObs {
            name: person.name.clone(),
            entity,
            gender: person.gender,
            honorific: person.honorific.clone(),
            titles,
            mentions: person.mentions.len(),
            person: String::new(),
        });
    }

    ArticleDigest {
        key: record_key(record),
        title: article.title.clone(),
        site: article.site.clone(),
        published: day.map(|d| d.to_string()),
        province,
        people,
        orgs,
    }
}

/// Index of `body` in `orgs`, added when no body of that name is there yet.
fn add_body(orgs: &mut Vec<OrgObs>, body: Body) -> usize {
    if let Some(at) = orgs.iter().position(|o| o.body.name == body.name) {
        let known = &mut orgs[at].body;
        if known.kind.is_empty() {
            known.kind = body.kind;
        }
        if known.parent.is_none() {
            known.parent = body.parent;
        }
        if known.successor.is_none() {
            known.successor = body.successor;
        }
        if known.province.is_none() {
            known.province = body.province;
        }
        return at;
    }
    orgs.push(OrgObs {
        body,
        written: Vec::new(),
        abbreviations: Vec::new(),
        entities: Vec::new(),
        mentions: 0,
    });
    orgs.len() - 1
}

pub(crate) fn push_distinct(list: &mut Vec<String>, value: &str) {
    if !value.is_empty() && !list.iter().any(|v| v == value) {
        list.push(value.to_string());
    }
}
