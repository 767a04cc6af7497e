//! HTML -> [`Article`]: a pure function of (HTML, URL, profiles); no network, clock or disk.
//!
//! The cascade, in order:
//!
//! 1. parse the page once and read its metadata ([`metadata`]);
//! 2. pick a site profile ([`profiles`]: host, URL pattern, HTML fingerprints). With a profile,
//!    the title, date line, lead, body, author, source, category and tags come from its
//!    selectors. When a profile matched the page's address, is `strict`, and finds no
//!    headline, the page is a listing or home page of that site: [`PageError::NoArticle`];
//!    a headline without a body goes on to the generic extractor;
//! 3. otherwise the generic extractor ([`generic`]) finds the body by text density and the
//!    title as the longest heading that the page's `<title>`/`og:title` contains. Pages whose
//!    main block is mostly links or a list of teaser links, with too little text, or without
//!    any publication date are refused, so listings and home pages never become bogus
//!    articles ([`PageError::NoArticle`], reported and counted by the CLI);
//! 4. the body is cut into paragraphs, images and captions, and the lead, author and source
//!    credit lines are sorted out of it ([`body`]);
//! 5. the publication date comes from the profile's date line, then metadata
//!    (`article:published_time`, JSON-LD, `itemprop`), then the first date line between the
//!    title and the body, outside links (so never from a related-news list) ([`dates`]).
//!
//! Every text field goes through [`crate::decode::clean_text`].

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

pub mod body;
pub mod dates;
pub mod generic;
pub mod metadata;
pub mod profiles;

use std::collections::HashSet;

use scraper::{ElementRef, Html};
use url::Url;

pub use profiles::{Profile, Profiles};

use self::body::{node_key, read_blocks, BodyParts};
use self::dates::{parse_date_line, parse_iso, PageDate};
use self::metadata::Metadata;
use self::profiles::Field;
use crate::decode::clean_text;
use crate::error::PageError;
use crate::model::{Article, ExtractorInfo, EXTRACTOR_VERSION};

/// Name written in `extractor.profile` when no profile was used.
pub const GENERIC_PROFILE: &str = "generic";

/// Share of Vietnamese-only letters (ă, ơ, ư, đ, tone marks) above which a text is Vietnamese.
const VIETNAMESE_LETTER_SHARE: f32 = 0.02;

/// Breadcrumb entries that name the home page, not a category.
const HOME_CRUMBS: &[&str] = &["trang chủ", "home", "trang chu", "trang nhất"];

/// What a profile or the generic extractor found on the page.
struct Content {
    title: String,
    /// The date line a profile's selector points at.
    date: DateFound,
    /// The first date line after the title (a heuristic, used after metadata).
    nearby_date: DateFound,
    lead: Option<String>,
    parts: BodyParts,
    author: Option<String>,
    source: Option<String>,
    category: Vec<String>,
    tags: Vec<String>,
}

#[derive(Default)]
struct DateFound {
    published: Option<PageDate>,
    updated: Option<PageDate>,
}

/// Extracts the article of one decoded page.
pub fn extract(html: &str, url: Option<&str>, profiles: &Profiles) -> Result<Article, PageError> {
    let doc = Html::parse_document(html);
    let base = url.and_then(|u| Url::parse(u).ok());
    let meta = metadata::read(&doc);
    let selection = profiles.select(&doc, url);
    let found = selection.and_then(|sel| with_profile(&doc, sel.profile, base.as_ref()));
    let (content, profile) = match (selection, found) {
        (Some(sel), Some(content)) => (content, Some(sel.profile)),
        // No headline where the site puts it: a listing or home page of that site. (With a
        // headline but no body, e.g. a photo or video story, the generic extractor tries; so it
        // does when the page's own metadata dates it as an article, e.g. after a redesign.)
        (Some(sel), None)
            if sel.profile.strict
                && sel.by_address
                && meta.published.is_none()
                && first_value(doc.root_element(), &sel.profile.title).is_none() =>
        {
            return Err(PageError::NoArticle(format!(
                "the {} profile finds no article headline here (a listing or home page?)",
                sel.profile.name
            )))
        }
        _ => (generic_content(&doc, &meta, url)?, None),
    };
    Ok(finish(content, &meta, profile, url, base.as_ref()))
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
                return DateFound {
                    published: line.published,
                    updated: line.updated,
                };
            }
        }
    }
    DateFound::default()
}

fn with_profile(doc: &Html, profile: &Profile, base: Option<&Url>) -> Option<Content> {
    let root = doc.root_element();
    let (title_el, title) = first_value(root, &profile.title)?;
    let body = profile
        .body
        .iter()
        .find_map(|f| root.select(&f.selector).next())?;
    let mut skip: HashSet<usize> = HashSet::new();
    for field in &profile.remove {
        skip.extend(body.select(&field.selector).map(node_key));
    }
    skip.insert(node_key(title_el));
    let date = date_from_fields(root, &profile.date);
    for field in profile
        .date
        .iter()
        .chain(&profile.lead)
        .chain(&profile.author)
        .chain(&profile.source)
    {
        skip.extend(body.select(&field.selector).map(node_key));
    }
    let lead = first_value(root, &profile.lead).map(|(_, v)| v);
    let (blocks, images) = read_blocks(body, &skip, base);
    let parts = body::assemble(blocks, images, lead.is_none());
    if parts.paragraphs.is_empty() && lead.is_none() && parts.lead.is_none() {
        return None;
    }
    let mut date = date;
    if date.updated.is_none() && !profile.updated.is_empty() {
        date.updated = date_from_fields(root, &profile.updated).published;
    }
    let nearby_date = if date.published.is_none() {
        date_near_title(doc, Some(title_el), body)
    } else {
        DateFound::default()
    };
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
    })
}

fn generic_content(doc: &Html, meta: &Metadata, url: Option<&str>) -> Result<Content, PageError> {
    let base = url.and_then(|u| Url::parse(u).ok());
    let is_home = base
        .as_ref()
        .is_some_and(|u| u.path() == "/" && u.query().is_none());
    if is_home {
        return Err(PageError::NoArticle(
            "the address is a site's home page".into(),
        ));
    }
    let body = generic::find_body(doc)
        .ok_or_else(|| PageError::NoArticle("no block of article text".into()))?;
    let density = generic::link_density(body);
    if density > generic::MAX_LINK_DENSITY {
        return Err(PageError::NoArticle(format!(
            "the largest text block is {:.0}% links (a listing or home page?)",
            density * 100.0
        )));
    }
    let page_titles: Vec<&str> = meta
        .title
        .iter()
        .chain(&meta.html_title)
        .map(String::as_str)
        .collect();
    let h1 = generic::find_title(doc, &page_titles);
    let title = h1
        .as_ref()
        .map(|(_, t)| t.clone())
        .or_else(|| meta.title.clone())
        .or_else(|| meta.html_title.as_ref().map(|t| strip_site_suffix(t)))
        .unwrap_or_default();
    if title.is_empty() {
        return Err(PageError::NoArticle("no title".into()));
    }
    if generic::is_repeated_item(body) {
        return Err(PageError::NoArticle(
            "the main block is one of several look-alike items (a listing?)".into(),
        ));
    }
    let mut skip: HashSet<usize> = generic::furniture_inside(body)
        .into_iter()
        .map(node_key)
        .collect();
    if let Some((el, _)) = &h1 {
        skip.insert(node_key(*el));
    }
    let (blocks, images) = read_blocks(body, &skip, base.as_ref());
    if body::is_teaser_list(&blocks) {
        return Err(PageError::NoArticle(
            "the main block is a list of article links (a listing or home page?)".into(),
        ));
    }
    let parts = body::assemble(blocks, images, true);
    let chars: usize = parts.paragraphs.iter().map(|p| p.chars().count()).sum();
    if chars < generic::MIN_ARTICLE_CHARS {
        return Err(PageError::NoArticle(format!(
            "too little article text ({chars} characters)"
        )));
    }
    let nearby_date = date_near_title(doc, h1.map(|(el, _)| el), body);
    // Without any date a page is far more often a section, tag or home page than an article.
    if nearby_date.published.is_none() && meta.published.is_none() {
        return Err(PageError::NoArticle(
            "no publication date in the metadata or near the title (a section or home page?)"
                .into(),
        ));
    }
    Ok(Content {
        title,
        date: DateFound::default(),
        nearby_date,
        lead: None,
        parts,
        author: None,
        source: None,
        category: Vec::new(),
        tags: Vec::new(),
    })
}

/// "Tiêu đề bài - Tin tức - Sở Nội vụ" -> "Tiêu đề bài".
fn strip_site_suffix(title: &str) -> String {
    title
        .split(" | ")
        .next()
        .and_then(|t| t.split(" - ").next())
        .unwrap_or(title)
        .trim()
        .to_string()
}

/// The page's own date line near the title, outside links and list items (a related-news list
/// is made of them): the first date within [`DATE_WINDOW_CHARS`] after the title (the title may
/// sit inside or outside the body), else the last date line in the text just before it (news
/// templates put the date above the headline). Without a title, the text right before the body.
fn date_near_title(doc: &Html, title: Option<ElementRef<'_>>, body: ElementRef<'_>) -> DateFound {
    let anchor = title.unwrap_or(body);
    let anchor_key = node_key(anchor);
    let mut after_anchor = false;
    let mut before = String::new();
    let mut after = String::new();
    for node in doc.root_element().descendants() {
        if let Some(el) = ElementRef::wrap(node) {
            if node_key(el) == anchor_key {
                if title.is_none() {
                    break;
                }
                after_anchor = true;
            }
            continue;
        }
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let in_link = node
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| matches!(a.value().name(), "a" | "script" | "style" | "li" | "title"));
        if in_link {
            continue;
        }
        let window = if after_anchor {
            &mut after
        } else {
            &mut before
        };
        window.push_str(text);
        window.push('\n');
        if after_anchor && after.len() > DATE_WINDOW_CHARS * 4 {
            break;
        }
        if before.len() > DATE_WINDOW_CHARS * 16 {
            // Keep only the tail; cut at a char boundary.
            let cut = before.len() - DATE_WINDOW_CHARS * 4;
            let cut = (cut..before.len())
                .find(|i| before.is_char_boundary(*i))
                .unwrap_or(0);
            before.drain(..cut);
        }
    }
    let after: String = after.chars().take(DATE_WINDOW_CHARS).collect();
    let line = parse_date_line(&after);
    if line.published.is_some() {
        return DateFound {
            published: line.published,
            updated: line.updated,
        };
    }
    // Above the headline: the last line with a date, close to it.
    let tail_start = before.chars().count().saturating_sub(DATE_WINDOW_CHARS / 2);
    let tail: String = before.chars().skip(tail_start).collect();
    let line = tail
        .lines()
        .rev()
        .map(parse_date_line)
        .find(|l| l.published.is_some())
        .unwrap_or_default();
    DateFound {
        published: line.published,
        updated: line.updated,
    }
}

/// How much text after the title is searched for the date line.
const DATE_WINDOW_CHARS: usize = 400;

/// Vietnamese when enough letters are ones only Vietnamese uses among Latin scripts.
fn detect_language(text: &str, declared: Option<&str>) -> Option<String> {
    const VIETNAMESE: &str = "ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ";
    let mut letters = 0usize;
    let mut vietnamese = 0usize;
    for c in text.chars().filter(|c| c.is_alphabetic()).take(5000) {
        letters += 1;
        if VIETNAMESE.contains(c.to_lowercase().next().unwrap_or(c)) {
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
        && site_name.map_or(true, |site| {
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
    let canonical_url = meta
        .canonical
        .as_deref()
        .or(meta.og_url.as_deref())
        .map(|c| body::absolute(base, c))
        .filter(|c| Url::parse(c).is_ok());
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
        .or_else(|| meta.site_name.clone());
    let parts = content.parts;
    let lead = content.lead.or(parts.lead);
    // The profile's date line, then metadata, then the first date line after the title.
    let published = content
        .date
        .published
        .or(meta.published)
        .or(content.nearby_date.published);
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
    category.retain(|c| !HOME_CRUMBS.contains(&c.to_lowercase().as_str()) && *c != content.title);
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
        },
    }
}
