//! The types that travel between stages, and the only coupling between them.
//!
//! `decode` turns bytes into clean text, `extract` turns HTML into an [`Article`], `ner` turns the
//! article's fields into [`Entities`], and a [`Record`] is what every output format writes: the
//! article, its entities and where it came from. The serde layout of these types is the documented
//! contract in `schemas/record.schema.json`; change both together.

use serde::{Deserialize, Serialize};

/// Version written into every record's `extractor.version`.
pub const EXTRACTOR_VERSION: &str = env!("CARGO_PKG_VERSION");

/// One article extracted from one HTML page. Pure data: no entities yet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// The address the page was fetched from (or given with `--url`).
    #[serde(default)]
    pub url: Option<String>,
    /// `<link rel=canonical>` / `og:url`, made absolute.
    #[serde(default)]
    pub canonical_url: Option<String>,
    /// Host name of `url` (or of `canonical_url` when no `url` is known).
    #[serde(default)]
    pub site: Option<String>,
    /// Human name of the site (`og:site_name`, or the profile's name).
    #[serde(default)]
    pub site_name: Option<String>,
    /// Always present in an article record; absent only in a crawl's tombstones and slim
    /// (`--fields`) lines, which read back as empty.
    #[serde(default)]
    pub title: String,
    /// RFC 3339 with `+07:00` when a time is known, else `YYYY-MM-DD`.
    #[serde(default)]
    pub published: Option<String>,
    #[serde(default)]
    pub updated: Option<String>,
    #[serde(default)]
    pub author: Option<String>,
    /// The sapo / lead paragraph.
    #[serde(default)]
    pub lead: Option<String>,
    /// The body: paragraphs separated by one blank line ("\n\n").
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub images: Vec<Image>,
    /// The credit line ("nguồn: snv.khanhhoa.gov.vn", "Theo Báo Chính phủ").
    #[serde(default)]
    pub source: Option<String>,
    /// Breadcrumb / category path, outermost first.
    #[serde(default)]
    pub category: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// BCP 47 language of the content ("vi").
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub extractor: ExtractorInfo,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Image {
    pub src: String,
    #[serde(default)]
    pub caption: Option<String>,
}

/// Which extractor produced the article, so a wrong field can be traced to a profile.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ExtractorInfo {
    pub version: String,
    /// Profile name (`liferay`, `vnexpress`, ...) or `generic` for the fallback.
    pub profile: String,
    /// Character encoding the page was decoded from (`UTF-8`, `windows-1258`, ...).
    #[serde(default)]
    pub encoding: Option<String>,
    /// Repairs applied while decoding (`mojibake`, `broken-entities`, ...).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repairs: Vec<String>,
    /// How sure the extractor is of the title, date and body together, from 0 to 1.
    #[serde(default)]
    pub confidence: Option<f64>,
    /// Where the title, the publication date and the body came from.
    #[serde(default)]
    pub sources: FieldSources,
    /// What the extractor could not find or had to guess ("no publication date found").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// Where an article's main fields came from: `profile`, `page` (the visible page), `metadata`
/// (`og:*`, JSON-LD, `itemprop`), `page+metadata` (both agree), `url`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FieldSources {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
}

/// Which text of an article a span points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Title,
    Lead,
    Text,
    Caption,
}

/// Where a mention sits: `field`, `start`/`end` in Unicode code points of that field, the exact
/// text, and the rule that produced it. For captions, `caption` is the index into `images`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    pub field: Field,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<usize>,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub rule: String,
}

/// All entities of one record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Entities {
    pub dates: Vec<DateMention>,
    pub places: Vec<Place>,
    pub people: Vec<Person>,
    pub organizations: Vec<Organization>,
}

impl Entities {
    pub fn is_empty(&self) -> bool {
        self.dates.is_empty()
            && self.places.is_empty()
            && self.people.is_empty()
            && self.organizations.is_empty()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Day,
    Month,
    Quarter,
    Half,
    Year,
    Decade,
    /// An interval whose ends have different granularities or are days ("từ 10 đến 15/7/2023").
    Interval,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateKind {
    /// One calendar day, month or year.
    Date,
    /// A named period: a quarter, half year, term, "giai đoạn".
    Period,
    /// "từ X đến Y", "X-Y".
    Range,
}

/// One date expression. Dates are not merged: every mention is its own item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    #[serde(flatten)]
    pub span: Span,
    /// ISO 8601: `2023-07-15`, `2023-07`, `2023`, `2023-01-01/2023-06-30`, `2021/2025`;
    /// empty when it cannot be resolved (recurring dates, lunar dates).
    pub value: String,
    pub granularity: Granularity,
    pub kind: DateKind,
    /// "sáng", "chiều", "tối", "trưa", "đêm" when written before the date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of_day: Option<String>,
    /// `HH:MM` when a clock time is attached ("14 giờ 30", "8h30", "04:30 PM").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time: Option<String>,
}

/// A reference to an administrative unit of one era.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitRef {
    pub code: String,
    pub name: String,
    /// `2024` (state of 2024-02-01, also used for older units), `2025-06` (last state before
    /// the reform) or `2025` (after 1 July 2025).
    pub era: String,
    pub kind: String,
}

/// One place, with all its mentions in the record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Canonical name ("Tỉnh Quảng Nam", "Thành phố Tam Kỳ", "Tây Nguyên", "Nhật Bản").
    pub name: String,
    /// `province`, `district`, `commune`, `region`, `country`, `foreign_city`, `street`, `venue`.
    pub kind: String,
    /// Official code of the unit this mention resolved to, with its era.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub era: Option<String>,
    /// The province the unit lies in (for districts and communes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<UnitRef>,
    /// For pre-reform units: the post-reform unit(s) they belong to now.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub current: Vec<UnitRef>,
    pub mentions: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Male,
    Female,
}

/// One title as the text gives it, split into its parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Title {
    /// Exactly as written ("Phó Chủ tịch Thường trục Hội đồng thi đua, khen thưởng Bộ Nội vụ").
    pub text: String,
    /// The post, normalised ("Phó Chủ tịch Thường trực").
    pub role: String,
    /// The organisation the title belongs to, when stated ("Hội đồng thi đua, khen thưởng Bộ Nội vụ").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// `nguyên` (former), `Quyền` (acting), ... as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modifiers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonMention {
    #[serde(flatten)]
    pub span: Span,
    /// The honorific written at this mention ("đồng chí", "Ông", "Đ/c", "PGS.TS").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honorific: Option<String>,
    /// Titles stated at this mention, exactly as written.
    #[serde(default)]
    pub titles: Vec<String>,
}

/// One person, all mentions in the record merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honorific: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Every distinct title given anywhere in the record.
    pub titles: Vec<Title>,
    pub mentions: Vec<PersonMention>,
}

/// One organisation, all mentions in the record merged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Organization {
    /// Canonical name, abbreviations expanded ("Ủy ban nhân dân tỉnh Khánh Hòa").
    pub name: String,
    /// From `org_kinds` (`local_state`, `department`, `ministry`, `party`, `front`, `media`, ...).
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbreviation: Option<String>,
    /// The parent body when written ("Bộ Nội vụ" for "Hội đồng thi đua, khen thưởng Bộ Nội vụ").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The place qualifier when written ("tỉnh Khánh Hòa").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// For bodies merged or renamed in 2025: the body that carries on their work.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<String>,
    pub mentions: Vec<Span>,
}

/// Where a record came from, beyond the article itself. Every field is optional, so `extract` on a
/// file and `crawl` on a portal write the same record shape.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    /// The input path (for files) or URL as given on the command line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub input: Option<String>,
    /// RFC 3339 UTC time of the fetch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fetched_at: Option<String>,
    /// HTTP status of the response.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The WARC file (relative to the harvest directory, or as given) and the byte offset of the
    /// response record in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warc_file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warc_offset: Option<u64>,
    /// Crawl: which record of this URL this is in the harvest, from 1; an article that changed,
    /// or went, is written again as the next version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<u32>,
    /// Crawl: the `fetched_at` of the record of the same `url` that this one replaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<String>,
    /// Crawl: set on a tombstone, the RFC 3339 time the URL was found gone (404 or 410); a
    /// tombstone carries no article fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed: Option<String>,
}

/// What every output writes: the article, its entities and its provenance, flattened into one
/// JSON object.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// The article's stable id ([`record_id_of_url`], else [`record_id_of_input`]): the key that
    /// joins the rows of every table back to their record. Absent only in records written before
    /// ids existed, where [`Record::article_id`] derives it from the URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(flatten)]
    pub article: Article,
    #[serde(default)]
    pub entities: Entities,
    #[serde(flatten)]
    pub provenance: Provenance,
}

impl Record {
    /// The URL an article is known by: `url`, else `canonical_url`.
    pub fn known_url(&self) -> Option<&str> {
        let article = &self.article;
        article
            .url
            .as_deref()
            .or(article.canonical_url.as_deref())
            .filter(|u| !u.is_empty())
    }

    /// The record's id, or for an older record without one the id of its URL.
    pub fn article_id(&self) -> Option<String> {
        self.id
            .clone()
            .or_else(|| self.known_url().map(record_id_of_url))
    }
}

/// Hex digits of a record id: 64 bits of SHA-1, so 10 million articles collide with a chance
/// of about 3 in a million.
pub const RECORD_ID_HEX_DIGITS: usize = 16;

/// The id of the article at `url`: the same address always gives the same id, whoever fetched it
/// and whenever. The fragment is dropped and the scheme and host are lower-cased first (what
/// `url::Url` does), so `HTTPS://Example.vn/a#top` and `https://example.vn/a` are one article.
pub fn record_id_of_url(url: &str) -> String {
    let normal = match url::Url::parse(url.trim()) {
        Ok(mut parsed) => {
            parsed.set_fragment(None);
            parsed.to_string()
        }
        Err(_) => url.trim().to_string(),
    };
    hex_digest(&[normal.as_bytes()])
}

/// The id of a page without a known URL: its input name (the path as given) and its bytes, so
/// the same file gives the same id run after run, and two different files never share one.
pub fn record_id_of_input(input: &str, bytes: &[u8]) -> String {
    hex_digest(&[input.as_bytes(), b"\0", bytes])
}

fn hex_digest(parts: &[&[u8]]) -> String {
    use sha1::{Digest, Sha1};
    let mut hasher = Sha1::new();
    for part in parts {
        hasher.update(part);
    }
    let digest = hasher.finalize();
    let mut hex = String::with_capacity(RECORD_ID_HEX_DIGITS);
    for byte in digest.iter().take(RECORD_ID_HEX_DIGITS / 2) {
        hex.push_str(&format!("{byte:02x}"));
    }
    hex
}

/// A calendar date without time zone; the publication date that NER resolves missing years from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Ymd {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Ymd {
    /// Parses the leading `YYYY-MM-DD` of an ISO date or RFC 3339 timestamp; `None` unless it is a
    /// day of the calendar (`2023-02-30` is not).
    pub fn parse_iso(s: &str) -> Option<Ymd> {
        let b = s.as_bytes();
        if b.len() < 10
            || b[4] != b'-'
            || b[7] != b'-'
            || !b[..10].iter().all(|c| c.is_ascii_digit() || *c == b'-')
        {
            return None;
        }
        let year = s.get(0..4)?.parse().ok()?;
        let month = s.get(5..7)?.parse().ok()?;
        let day = s.get(8..10)?.parse().ok()?;
        (day >= 1 && day <= days_in_month(year, month)).then_some(Ymd { year, month, day })
    }
}

pub use crate::calendar::days_in_month;

impl std::fmt::Display for Ymd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_must_be_days_of_the_calendar() {
        let cases = [
            ("2023-07-15", Some((2023, 7, 15))),
            ("2024-02-29T08:00:00+07:00", Some((2024, 2, 29))),
            ("2023-02-29", None),
            ("2023-02-30", None),
            ("2023-04-31", None),
            ("2023-13-01", None),
            ("2023-00-10", None),
            ("2023-01-00", None),
            ("2023-1-15", None),
            ("+023-01-15", None),
            ("", None),
        ];
        for (text, expected) in cases {
            let got = Ymd::parse_iso(text).map(|d| (d.year, d.month, d.day));
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn ids_come_from_the_url_else_the_input_and_its_bytes() {
        let a = record_id_of_url("https://snv.khanhhoa.gov.vn/tin-tuc/a.html");
        assert_eq!(a.len(), RECORD_ID_HEX_DIGITS);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(
            a,
            record_id_of_url("HTTPS://SNV.khanhhoa.gov.vn/tin-tuc/a.html#top")
        );
        assert_ne!(
            a,
            record_id_of_url("https://snv.khanhhoa.gov.vn/tin-tuc/b.html")
        );
        let file = record_id_of_input("pages/a.html", b"<html>1</html>");
        assert_eq!(file, record_id_of_input("pages/a.html", b"<html>1</html>"));
        assert_ne!(file, record_id_of_input("pages/a.html", b"<html>2</html>"));
        assert_ne!(file, record_id_of_input("pages/b.html", b"<html>1</html>"));

        let mut record = Record::default();
        assert_eq!(record.article_id(), None);
        record.article.canonical_url = Some("https://snv.khanhhoa.gov.vn/tin-tuc/a.html".into());
        assert_eq!(record.article_id().as_deref(), Some(a.as_str()));
        record.id = Some("given".into());
        assert_eq!(record.article_id().as_deref(), Some("given"));
    }
}
