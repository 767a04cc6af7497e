//! HTML -> [`Article`]: a pure function of (HTML, URL, profiles); no network, clock or disk.
//!
//! The cascade, in order:
//!
//! 1. parse the page once and read its metadata ([`metadata`]). Without a `--url`, the page's
//!    own canonical address (`<link rel=canonical>`, `og:url`) stands in for it;
//! 2. pick a site profile ([`profiles`]: host, URL pattern, HTML fingerprints). With a profile,
//!    the title, date line, lead, body, author, source, category and tags come from its
//!    selectors. When a profile matched the page's address, is `strict`, and finds no
//!    headline, the page is a listing or home page of that site: [`PageError::NoArticle`];
//!    a headline without a body goes on to the generic extractor;
//! 3. otherwise the generic extractor ([`generic`]) reads the page on its own: the page cut into
//!    blocks once ([`blocks`]), the container whose blocks weigh most as article text
//!    ([`content`]), the headline by agreement with the metadata and by position, the date line
//!    next to it. Listings, home, category and search pages are refused with the reason;
//! 4. the body's blocks become paragraphs, images and captions, and the lead, author and
//!    source credit lines are sorted out of them ([`body`]);
//! 5. the publication date comes from the profile's date line, then metadata
//!    (`article:published_time`, JSON-LD, `itemprop`), then the date line next to the headline,
//!    then the address. A page without any date is still an article: `published` is null and
//!    `extractor.warnings` says so. `extractor.sources` and `extractor.confidence` tell where
//!    the fields came from and how sure the extractor is.
//!
//! Word lists (furniture classes, related-news headings, generic titles, date words) are data
//! in `boilerplate.toml` ([`hints`]); every text field goes through [`crate::decode::clean_text`].

/// A literal CSS selector, parsed once per process.
macro_rules! css {
    ($selector:literal) => {{
        static CELL: std::sync::OnceLock<scraper::Selector> = std::sync::OnceLock::new();
        CELL.get_or_init(|| {
            // Literal selectors; every one is exercised by the tests.
            scraper::Selector::parse($selector)
                .unwrap_or_else(|e| panic!("static selector {}: {e}", $selector))
        })
    }};
}

pub(crate) use css;

pub mod blocks;
pub mod body;
pub mod content;
pub mod dates;
pub mod generic;
pub mod hints;
pub mod limits;
pub mod metadata;
pub mod profiles;

use std::collections::HashSet;

use ego_tree::NodeId;
use scraper::{ElementRef, Html};
use url::Url;

pub use profiles::{Profile, Profiles};

use self::body::{read_blocks, BodyParts};
use self::dates::{parse_date_line, parse_iso, PageDate};
use self::metadata::Metadata;
use self::profiles::Field;
use crate::decode::clean_text;
use crate::error::PageError;
use crate::model::{Article, ExtractorInfo, FieldSources, EXTRACTOR_VERSION};
use crate::ner::text::vietnamese_only_letter;

/// Name written in `extractor.profile` when no profile was used.
pub const GENERIC_PROFILE: &str = "generic";

/// Share of Vietnamese-only letters (ă, ơ, ư, đ, tone marks) above which a text is Vietnamese.
const VIETNAMESE_LETTER_SHARE: f32 = 0.02;

/// Warning written when no publication date was found.
pub const NO_DATE_WARNING: &str = "no publication date found";

/// Confidence factors: what each guess costs (`extractor.confidence` is their product).
const CONFIDENCE_TITLE_METADATA_ONLY: f64 = 0.75;
const CONFIDENCE_TITLE_UNCONFIRMED: f64 = 0.9;
const CONFIDENCE_NO_DATE: f64 = 0.7;
const CONFIDENCE_DATE_FROM_URL: f64 = 0.9;
const CONFIDENCE_SHORT_TEXT: f64 = 0.85;
/// Fewer letters than this make a short text.
const SHORT_TEXT_LETTERS: usize = 600;

/// What a profile or the generic extractor found on the page.
struct Content {
    title: String,
    /// The date line a profile's selector points at.
    date: DateFound,
    /// The date line next to the headline (used after metadata).
    nearby_date: DateFound,
    lead: Option<String>,
    parts: BodyParts,
    author: Option<String>,
    source: Option<String>,
    category: Vec<String>,
    tags: Vec<String>,
    title_source: &'static str,
    /// How much a guessed title or a short text lowers the confidence.
    confidence: f64,
}

impl Content {
    /// A visible headline and a date: an article whatever the profile expected.
    fn is_sure_article(&self, meta: &Metadata) -> bool {
        self.title_source != "metadata"
            && (self.nearby_date.published.is_some() || meta.published.is_some())
    }
}

#[derive(Default)]
struct DateFound {
    published: Option<PageDate>,
    updated: Option<PageDate>,
}

impl From<dates::DateLine> for DateFound {
    fn from(line: dates::DateLine) -> DateFound {
        DateFound {
            published: line.published,
            updated: line.updated,
        }
    }
}

/// Extracts the article of one decoded page.
pub fn extract(html: &str, url: Option<&str>, profiles: &Profiles) -> Result<Article, PageError> {
    limits::check(html)?;
    let doc = Html::parse_document(html);
    let meta = metadata::read(&doc);
    // Without a given address, the page's own canonical one (when absolute) stands in.
    let own_url = match url {
        Some(u) => Some(u.to_string()),
        None => canonical_of(&meta, None),
    };
    let url = own_url.as_deref();
    let base = url.and_then(|u| Url::parse(u).ok());
    let selection = profiles.select(&doc, url);
    let found = selection.and_then(|sel| with_profile(&doc, &meta, sel.profile, base.as_ref()));
    let (content, profile) = match (selection, found) {
        (Some(sel), Some(content)) => (content, Some(sel.profile)),
        // No headline where the site puts it: a listing or home page of that site. (With a
        // headline but no body, e.g. a photo or video story, the generic extractor tries; so it
        // does when the page's own metadata dates it as an article, e.g. after a redesign.)
        // No headline where a strict profile's site puts it: a listing or home page of that
        // site, unless the generic extractor finds a sure article (a visible headline and a
        // date), as after a site's redesign.
        (Some(sel), None)
            if sel.profile.strict
                && sel.by_address
                && first_value(doc.root_element(), &sel.profile.title).is_none() =>
        {
            match generic_content(&doc, &meta, base.as_ref()) {
                Ok(content) if content.is_sure_article(&meta) => (content, None),
                _ => {
                    return Err(PageError::NoArticle(format!(
                        "the {} profile finds no article headline here (a listing or home page?)",
                        sel.profile.name
                    )))
                }
            }
        }
        _ => (generic_content(&doc, &meta, base.as_ref())?, None),
    };
    Ok(finish(content, &meta, profile, url, base.as_ref()))
}

/// `<link rel=canonical>` or `og:url`, absolute (against `base` when relative), http(s) only.
fn canonical_of(meta: &Metadata, base: Option<&Url>) -> Option<String> {
    meta.canonical
        .iter()
        .chain(&meta.og_url)
        .map(|c| body::absolute(base, c))
        .find(|c| {
            Url::parse(c).is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.has_host())
        })
}

/// The first non-empty value of a field list, with its element.
fn first_value<'a>(scope: ElementRef<'a>, fields: &[Field]) -> Option<(ElementRef<'a>, String)> {
    fields.iter().find_map(|field| {
        field
            .values(scope)
            .into_iter()
            .map(|(el, v)| (el, clean_text(&v)))
            .find(|(_, v)| !v.is_empty())
    })
}

/// All non-empty values of the first field that has any (for breadcrumbs and tags).
fn all_values(scope: ElementRef<'_>, fields: &[Field]) -> Vec<String> {
    for field in fields {
        let values: Vec<String> = field
            .values(scope)
            .into_iter()
            .map(|(_, v)| clean_text(&v))
            .filter(|v| !v.is_empty())
            .collect();
        if !values.is_empty() {
            return dedup(values);
        }
    }
    Vec::new()
}

fn dedup(values: Vec<String>) -> Vec<String> {
    let mut seen = HashSet::new();
    values
        .into_iter()
        .filter(|v| seen.insert(v.to_lowercase()))
        .collect()
}

/// Reads a date field: an attribute holds a machine date, a text holds a date line.
fn date_from_fields(scope: ElementRef<'_>, fields: &[Field]) -> DateFound {
    for field in fields {
        for (_, value) in field.values(scope) {
            let value = clean_text(&value);
            if let Some(date) = parse_iso(&value) {
                return DateFound {
                    published: Some(date),
                    updated: None,
                };
            }
            let line = parse_date_line(&value);
            if line.published.is_some() {
                return line.into();
            }
        }
    }
    DateFound::default()
}

fn with_profile(
    doc: &Html,
    meta: &Metadata,
    profile: &Profile,
    base: Option<&Url>,
) -> Option<Content> {
    let root = doc.root_element();
    let (title_el, title) = first_value(root, &profile.title)?;
    let body = profile
        .body
        .iter()
        .find_map(|f| root.select(&f.selector).next())?;
    let mut skip: HashSet<NodeId> = HashSet::new();
    for field in &profile.remove {
        skip.extend(body.select(&field.selector).map(|el| el.id()));
    }
    skip.insert(title_el.id());
    let date = date_from_fields(root, &profile.date);
    for field in profile
        .date
        .iter()
        .chain(&profile.lead)
        .chain(&profile.author)
        .chain(&profile.source)
    {
        skip.extend(body.select(&field.selector).map(|el| el.id()));
    }
    let mut lead = first_value(root, &profile.lead).map(|(_, v)| v);
    let (blocks, images) = read_blocks(body, &skip, base);
    let mut parts = body::assemble(blocks, images, lead.is_none());
    if parts.paragraphs.is_empty() && lead.is_none() && parts.lead.is_none() {
        return None;
    }
    let mut date = date;
    if date.updated.is_none() && !profile.updated.is_empty() {
        date.updated = date_from_fields(root, &profile.updated).published;
    }
    let mut nearby_date = DateFound::default();
    if date.published.is_none() || (lead.is_none() && parts.lead.is_none()) {
        let (around_date, around_lead) = around_profile_headline(doc, meta, title_el, body, base);
        if date.published.is_none() {
            nearby_date = around_date;
        }
        if lead.is_none() && parts.lead.is_none() {
            lead = around_lead;
        }
    }
    if lead.is_some() {
        parts.lead = None;
    }
    Some(Content {
        title,
        date,
        nearby_date,
        lead,
        author: first_value(root, &profile.author).map(|(_, v)| v),
        source: first_value(root, &profile.source).map(|(_, v)| v),
        category: all_values(root, &profile.category),
        tags: all_values(root, &profile.tags),
        parts,
        title_source: "profile",
        confidence: 1.0,
    })
}

/// What the page says around a profile's headline when the profile's own selectors found no
/// date line or no lead: the generic date line next to the headline, and the paragraphs between
/// the headline and the body (a lead set apart in a class the profile does not know).
fn around_profile_headline(
    doc: &Html,
    meta: &Metadata,
    title_el: ElementRef<'_>,
    body_el: ElementRef<'_>,
    base: Option<&Url>,
) -> (DateFound, Option<String>) {
    let root = doc
        .select(css!("body"))
        .next()
        .unwrap_or_else(|| doc.root_element());
    let segments = blocks::segment(root, &HashSet::new(), base);
    let classes = content::classify(&segments);
    let (Some(title), Some(body)) = (
        segments.node_of(title_el.id()),
        segments.node_of(body_el.id()),
    ) else {
        return (DateFound::default(), None);
    };
    let title_blocks = segments.nodes[title].blocks.clone();
    let title_end = title_blocks.end.max(title_blocks.start + 1);
    let body_start = segments.nodes[body].blocks.start;
    let page = generic::Page {
        doc,
        meta,
        segments,
        classes,
    };
    let body_end = page.segments.nodes[body].blocks.end;
    let mut date = generic::date::near_headline(&page, title_blocks.start, body_start);
    if date.published.is_none() {
        date = generic::date::labelled_at_end(&page, body_end);
    }
    let date = date.into();
    let lead: Vec<String> = generic::lead_between(&page, title_end, body_start)
        .into_iter()
        .map(|i| page.segments.blocks[i].text.clone())
        .collect();
    (date, (!lead.is_empty()).then(|| lead.join(" ")))
}

fn generic_content(doc: &Html, meta: &Metadata, base: Option<&Url>) -> Result<Content, PageError> {
    let found = generic::extract(doc, meta, base)?;
    let parts = body::assemble(found.blocks, found.images, true);
    let mut confidence = 1.0;
    if found.title_source == "metadata" {
        confidence *= CONFIDENCE_TITLE_METADATA_ONLY;
    } else if !found.title_confirmed {
        confidence *= CONFIDENCE_TITLE_UNCONFIRMED;
    }
    if found.text_letters < SHORT_TEXT_LETTERS {
        confidence *= CONFIDENCE_SHORT_TEXT;
    }
    Ok(Content {
        title: found.title,
        date: DateFound::default(),
        nearby_date: found.date_line.into(),
        lead: None,
        parts,
        author: None,
        source: None,
        category: Vec::new(),
        tags: Vec::new(),
        title_source: found.title_source,
        confidence,
    })
}

/// Vietnamese when enough letters are ones only Vietnamese uses among Latin scripts.
fn detect_language(text: &str, declared: Option<&str>) -> Option<String> {
    let mut letters = 0usize;
    let mut vietnamese = 0usize;
    for c in text.chars().filter(|c| c.is_alphabetic()).take(5000) {
        letters += 1;
        if vietnamese_only_letter(c.to_lowercase().next().unwrap_or(c)) {
            vietnamese += 1;
        }
    }
    if letters > 0 && vietnamese as f32 >= letters as f32 * VIETNAMESE_LETTER_SHARE {
        return Some("vi".into());
    }
    declared.map(String::from)
}

/// "CHÍ QUỐC" -> "Chí Quốc": some sites print bylines in capitals.
fn unshout(name: &str) -> String {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || letters.iter().any(|c| c.is_lowercase()) {
        return name.to_string();
    }
    name.split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// An author that is really the site's name ("VnExpress") or an address is not an author.
fn plausible_author(author: &str, site_name: Option<&str>) -> bool {
    let lower = author.to_lowercase();
    !author.is_empty()
        && !lower.starts_with("http")
        && !lower.contains(".vn")
        && !lower.contains(".net")
        && site_name.is_none_or(|site| {
            let site = site.to_lowercase();
            !site.contains(&lower) && !lower.contains(&site)
        })
}

fn finish(
    content: Content,
    meta: &Metadata,
    profile: Option<&Profile>,
    url: Option<&str>,
    base: Option<&Url>,
) -> Article {
    let canonical_url = canonical_of(meta, base);
    let site = base
        .and_then(|u| u.host_str().map(String::from))
        .or_else(|| {
            canonical_url
                .as_deref()
                .and_then(|c| Url::parse(c).ok()?.host_str().map(String::from))
        });
    // A profile's curated name beats `og:site_name` ("TUOI TRE ONLINE", "vnexpress.net").
    let site_name = profile
        .and_then(|p| p.site_name.clone())
        .or_else(|| meta.site_name.clone())
        .or_else(|| {
            meta.html_title
                .as_deref()
                .and_then(|t| generic::title::site_name_from_title(t, &content.title))
        });
    let parts = content.parts;
    let lead = content.lead.or(parts.lead);
    // The profile's date line, then metadata, then the date line next to the headline, then
    // the address.
    let url_date = url.and_then(generic::date::from_url);
    let (published, date_source) = if let Some(d) = content.date.published {
        (Some(d), Some("profile"))
    } else if let Some(d) = meta.published {
        (Some(d), Some("metadata"))
    } else if let Some(d) = content.nearby_date.published {
        (Some(d), Some("page"))
    } else if let Some(d) = url_date {
        (Some(d), Some("url"))
    } else {
        (None, None)
    };
    let updated = content
        .date
        .updated
        .or(meta.updated)
        .or(content.nearby_date.updated)
        .filter(|u| Some(*u) != published);
    let author = content
        .author
        .or(parts.author)
        .or_else(|| meta.author.clone())
        .filter(|a| plausible_author(a, site_name.as_deref()))
        .map(|a| unshout(&a));
    let mut category = content.category;
    if category.is_empty() {
        category = meta.breadcrumb.clone();
        if category.is_empty() {
            category.extend(meta.section.clone());
        }
    }
    category.retain(|c| !hints::is_home_title(c) && *c != content.title);
    let tags = if content.tags.is_empty() {
        dedup(meta.tags.clone())
    } else {
        content.tags
    };
    let text = parts.paragraphs.join("\n\n");
    let sample = format!(
        "{} {} {}",
        content.title,
        lead.as_deref().unwrap_or_default(),
        text
    );
    let mut warnings = Vec::new();
    let mut confidence = content.confidence;
    match date_source {
        None => {
            warnings.push(NO_DATE_WARNING.to_string());
            confidence *= CONFIDENCE_NO_DATE;
        }
        Some("url") => confidence *= CONFIDENCE_DATE_FROM_URL,
        _ => {}
    }
    Article {
        url: url.map(String::from),
        canonical_url,
        site,
        site_name,
        title: content.title,
        published: published.map(|d| d.to_rfc3339()),
        updated: updated.map(|d| d.to_rfc3339()),
        author,
        lead,
        text,
        images: parts.images,
        source: content.source.or(parts.source),
        category,
        tags,
        language: detect_language(&sample, meta.lang.as_deref()),
        extractor: ExtractorInfo {
            version: EXTRACTOR_VERSION.to_string(),
            profile: profile.map_or(GENERIC_PROFILE.to_string(), |p| p.name.clone()),
            encoding: None,
            repairs: Vec::new(),
            confidence: Some((confidence * 100.0).round() / 100.0),
            sources: FieldSources {
                title: Some(content.title_source.to_string()),
                published: date_source.map(String::from),
                body: Some(profile.map_or("generic", |_| "profile").to_string()),
            },
            warnings,
        },
    }
}
