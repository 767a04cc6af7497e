//! What a page says about itself in its `<head>`: Open Graph and `article:*` meta tags,
//! `itemprop` microdata, JSON-LD (`NewsArticle`, `BreadcrumbList`), `<link rel=canonical>`,
//! `<title>` and `<html lang>`. Read once per page; `extract` prefers the visible page for the
//! title and falls back on these.

use scraper::Html;
use serde_json::Value;

use super::dates::{parse_iso, PageDate};
use crate::decode::clean_text;

/// Metadata of one page, every value cleaned.
#[derive(Debug, Default, Clone)]
pub struct Metadata {
    pub title: Option<String>,
    pub html_title: Option<String>,
    pub description: Option<String>,
    pub site_name: Option<String>,
    pub canonical: Option<String>,
    pub og_url: Option<String>,
    pub published: Option<PageDate>,
    pub updated: Option<PageDate>,
    pub author: Option<String>,
    pub section: Option<String>,
    pub tags: Vec<String>,
    pub breadcrumb: Vec<String>,
    pub lang: Option<String>,
    /// The page calls itself an article (`og:type=article`, JSON-LD `Article`/`NewsArticle`).
    pub is_article: bool,
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// Reads the metadata of a parsed page.
pub fn read(doc: &Html) -> Metadata {
    let mut meta = Metadata::default();
    for el in doc.select(css!("meta[content]")) {
        let attrs = el.value();
        let key = attrs
            .attr("property")
            .or_else(|| attrs.attr("name"))
            .or_else(|| attrs.attr("itemprop"))
            .unwrap_or_default()
            .to_ascii_lowercase();
        let itemprop = attrs
            .attr("itemprop")
            .unwrap_or_default()
            .to_ascii_lowercase();
        let content = attrs.attr("content").unwrap_or_default();
        let value = clean_text(content);
        if value.is_empty() {
            continue;
        }
        if itemprop == "datepublished" && meta.published.is_none() {
            meta.published = parse_iso(&value);
        }
        match key.as_str() {
            "og:title" | "twitter:title" if meta.title.is_none() => meta.title = Some(value),
            "og:description" | "description" if meta.description.is_none() => {
                meta.description = Some(value)
            }
            "og:site_name" if meta.site_name.is_none() => meta.site_name = Some(value),
            "og:url" if meta.og_url.is_none() => meta.og_url = Some(value),
            "article:published_time" | "pubdate" | "datepublished" | "dc.date.issued"
                if meta.published.is_none() =>
            {
                meta.published = parse_iso(&value);
            }
            "article:modified_time" | "lastmod" | "datemodified" | "og:updated_time"
                if meta.updated.is_none() =>
            {
                meta.updated = parse_iso(&value);
            }
            "article:author" | "author" if meta.author.is_none() && !value.starts_with("http") => {
                meta.author = Some(value)
            }
            "article:section" if meta.section.is_none() => meta.section = Some(value),
            "og:type" => meta.is_article |= value.eq_ignore_ascii_case("article"),
            "article:tag" => meta
                .tags
                .extend(value.split(',').map(clean_text).filter(|t| !t.is_empty())),
            _ => {}
        }
    }
    // Microdata on a visible element: the machine value in `datetime`, `content` or `title`
    // (`<abbr title>` in Blogger's hAtom), else the element's own text as a date line.
    for el in doc.select(css!("[itemprop='datePublished']:not(meta)")) {
        if meta.published.is_some() {
            break;
        }
        let attrs = el.value();
        meta.published = ["datetime", "content", "title"]
            .iter()
            .filter_map(|a| attrs.attr(a))
            .find_map(parse_iso)
            .or_else(|| {
                let text = clean_text(&el.text().collect::<String>());
                (text.chars().count() <= super::dates::MAX_DATE_LINE_CHARS)
                    .then(|| super::dates::parse_date_line(&text).published)
                    .flatten()
            });
    }
    for el in doc.select(css!("script[type='application/ld+json']")) {
        let text: String = el.text().collect();
        if let Ok(value) = serde_json::from_str::<Value>(text.trim()) {
            read_json_ld(&value, &mut meta);
        }
    }
    meta.canonical = doc
        .select(css!("link[rel='canonical'][href]"))
        .find_map(|el| {
            el.value()
                .attr("href")
                .map(str::trim)
                .filter(|h| !h.is_empty())
                .map(String::from)
        });
    meta.html_title = doc
        .select(css!("title"))
        .next()
        .and_then(|t| non_empty(clean_text(&t.text().collect::<String>())));
    meta.lang = doc
        .select(css!("html[lang]"))
        .next()
        .and_then(|el| el.value().attr("lang"))
        .map(|l| {
            l.split(['-', '_'])
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase()
        })
        .filter(|l| !l.is_empty());
    meta
}

/// JSON-LD: one object, an array, or an `@graph`.
fn read_json_ld(value: &Value, meta: &mut Metadata) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| read_json_ld(v, meta)),
        Value::Object(obj) => {
            if let Some(graph) = obj.get("@graph") {
                read_json_ld(graph, meta);
            }
            let kind = match obj.get("@type") {
                Some(Value::String(s)) => s.clone(),
                Some(Value::Array(a)) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(","),
                _ => String::new(),
            };
            meta.is_article |= kind.contains("Article") || kind.contains("Posting");
            if kind.contains("Article") || kind.contains("Posting") || kind.contains("WebPage") {
                let text = |key: &str| {
                    obj.get(key)
                        .and_then(Value::as_str)
                        .map(clean_text)
                        .filter(|s| !s.is_empty())
                };
                if meta.published.is_none() {
                    meta.published = text("datePublished").and_then(|d| parse_iso(&d));
                }
                if meta.updated.is_none() {
                    meta.updated = text("dateModified").and_then(|d| parse_iso(&d));
                }
                if meta.title.is_none() && kind.contains("Article") {
                    meta.title = text("headline");
                }
                if meta.author.is_none() {
                    meta.author = match obj.get("author") {
                        Some(Value::String(s)) => non_empty(clean_text(s)),
                        Some(Value::Object(a)) => a
                            .get("name")
                            .and_then(Value::as_str)
                            .and_then(|s| non_empty(clean_text(s))),
                        Some(Value::Array(list)) => {
                            let names: Vec<String> = list
                                .iter()
                                .filter_map(|a| {
                                    a.get("name").and_then(Value::as_str).or(a.as_str())
                                })
                                .map(clean_text)
                                .filter(|s| !s.is_empty())
                                .collect();
                            non_empty(names.join(", "))
                        }
                        _ => None,
                    };
                }
            }
            if kind.contains("BreadcrumbList") && meta.breadcrumb.is_empty() {
                if let Some(Value::Array(items)) = obj.get("itemListElement") {
                    meta.breadcrumb = items
                        .iter()
                        .filter_map(|item| {
                            item.get("name")
                                .or_else(|| item.get("item").and_then(|i| i.get("name")))
                                .and_then(Value::as_str)
                        })
                        .map(clean_text)
                        .filter(|s| !s.is_empty())
                        .collect();
                }
            }
        }
        _ => {}
    }
}
