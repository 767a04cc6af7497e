//! The generic fallback for pages no profile knows: find the element that holds the article's
//! paragraphs by text density (readability style), the title from metadata or the `<h1>`, and
//! the date line between the title and the body.
//!
//! Every paragraph-like element (`p`, `td`, `pre`, `div` with direct text) of at least
//! [`MIN_PARAGRAPH_CHARS`] gives its parent a score (one point, one per comma, one per 100
//! letters up to three) and its grandparent half of it. The best-scoring container, discounted by
//! its share of link text, is the body. Containers whose class or id says menu, sidebar, footer,
//! related news, comments or share buttons never count.

use std::collections::HashMap;
use std::sync::OnceLock;

use regex::Regex;
use scraper::{ElementRef, Html};

use super::body::node_key;

/// Paragraphs shorter than this do not vote for a container.
pub const MIN_PARAGRAPH_CHARS: usize = 25;
/// A body whose link text is over this share of its text is a list of links, not an article.
pub const MAX_LINK_DENSITY: f32 = 0.5;
/// A body with less text than this is not an article.
pub const MIN_ARTICLE_CHARS: usize = 250;

/// Class or id names of page furniture.
pub fn is_unlikely(el: ElementRef<'_>) -> bool {
    static UNLIKELY: OnceLock<Regex> = OnceLock::new();
    let re = UNLIKELY.get_or_init(|| {
        Regex::new(r"(?i)comment|footer|menu|navbar|sidebar|side-bar|related|lienquan|lien-quan|tinkhac|tin-khac|othernews|other-news|share|social|banner|advert|quangcao|breadcrumb|pagination|paging|widget|popup|login|search|copyright")
            .expect("static regex")
    });
    let el = el.value();
    let names = format!(
        "{} {}",
        el.attr("class").unwrap_or_default(),
        el.attr("id").unwrap_or_default()
    );
    re.is_match(&names) || matches!(el.name(), "nav" | "aside" | "footer" | "header" | "form")
}

/// True when the element or one of its ancestors is page furniture.
fn in_unlikely(el: ElementRef<'_>) -> bool {
    std::iter::successors(Some(el), |e| e.parent().and_then(ElementRef::wrap))
        .take_while(|e| e.value().name() != "body")
        .any(|e| {
            is_unlikely(e) && {
                // An `article`/`main` wrapper with a telling class is still the article.
                !matches!(e.value().name(), "article" | "main" | "body")
            }
        })
}

fn letters(el: ElementRef<'_>) -> usize {
    el.text()
        .map(|t| t.chars().filter(|c| !c.is_whitespace()).count())
        .sum()
}

/// Share of an element's text that sits inside links.
pub fn link_density(el: ElementRef<'_>) -> f32 {
    let total = letters(el);
    if total == 0 {
        return 1.0;
    }
    let linked: usize = el.select(css!("a")).map(letters).sum();
    linked as f32 / total as f32
}

/// The element that most likely holds the article body. Furniture (menus, sidebars, related
/// lists) is left out first; when that leaves nothing, as on templates that wrap the article in
/// a `sidebar-1` column, the search runs again over everything.
pub fn find_body(doc: &Html) -> Option<ElementRef<'_>> {
    find_body_with(doc, true).or_else(|| find_body_with(doc, false))
}

fn find_body_with(doc: &Html, skip_unlikely: bool) -> Option<ElementRef<'_>> {
    let mut scores: HashMap<usize, (ElementRef<'_>, f32)> = HashMap::new();
    for para in doc.select(css!("p, td, pre, div")) {
        // A `div` votes only with its own text (not its children's paragraphs).
        let own: String = if para.value().name() == "div" {
            para.children()
                .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                .collect()
        } else {
            para.text().collect()
        };
        let length = own.trim().chars().count();
        if length < MIN_PARAGRAPH_CHARS || (skip_unlikely && in_unlikely(para)) {
            continue;
        }
        let score = 1.0 + own.matches(',').count() as f32 + (length as f32 / 100.0).min(3.0);
        let parent = para.parent().and_then(ElementRef::wrap);
        let grandparent = parent.and_then(|p| p.parent()).and_then(ElementRef::wrap);
        for (container, share) in [(parent, 1.0), (grandparent, 0.5)] {
            if let Some(container) = container {
                let entry = scores
                    .entry(node_key(container))
                    .or_insert((container, 0.0));
                entry.1 += score * share;
            }
        }
    }
    let mut ranked: Vec<(ElementRef<'_>, f32)> = scores.into_values().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
    ranked
        .into_iter()
        .take(5)
        .map(|(el, score)| (el, score * (1.0 - link_density(el))))
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .filter(|(_, score)| *score >= MIN_BODY_SCORE)
        .map(|(el, _)| el)
}

/// Furniture inside the body (related boxes, share bars) to leave out of the text.
pub fn furniture_inside(body: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    body.descendants()
        .skip(1)
        .filter_map(ElementRef::wrap)
        .filter(|el| is_unlikely(*el))
        .collect()
}

/// True when the body is one of several look-alike siblings (same tag and class): one item
/// of a list of teasers, as on category pages.
pub fn is_repeated_item(body: ElementRef<'_>) -> bool {
    let Some(parent) = body.parent().and_then(ElementRef::wrap) else {
        return false;
    };
    let class = body.value().attr("class").unwrap_or_default();
    let name = body.value().name();
    let alike = parent
        .children()
        .filter_map(ElementRef::wrap)
        .filter(|sibling| {
            sibling.value().name() == name
                && sibling.value().attr("class").unwrap_or_default() == class
        })
        .count();
    alike >= MIN_REPEATED_ITEMS && matches!(name, "div" | "li" | "article" | "section" | "td")
}

/// This many look-alike siblings make a list.
const MIN_REPEATED_ITEMS: usize = 3;

/// A body needs at least this score (about two real paragraphs).
const MIN_BODY_SCORE: f32 = 4.0;

/// The visible headline: the longest heading or title-classed element whose text the page's
/// `<title>` (or `og:title`) contains, so a portlet heading ("Tin tức nổi bật") or a site banner
/// never wins. Without such a match, the first `<h1>` of reasonable length.
pub fn find_title<'a>(doc: &'a Html, page_titles: &[&str]) -> Option<(ElementRef<'a>, String)> {
    let candidates = css!(
        "h1, h2, h3, [class*='title'], [class*='Title'], [class*='tieude'], [class*='headline'], [itemprop='headline']"
    );
    let page_titles: Vec<String> = page_titles.iter().map(|t| t.to_lowercase()).collect();
    let mut best: Option<(ElementRef<'a>, String)> = None;
    for el in doc.select(candidates) {
        if matches!(el.value().name(), "title" | "meta" | "a" | "body" | "html") {
            continue;
        }
        let text = crate::decode::clean_text(&el.text().collect::<String>());
        let length = text.chars().count();
        if !(MIN_TITLE_CHARS..=MAX_TITLE_CHARS).contains(&length) {
            continue;
        }
        let lower = text.to_lowercase();
        if page_titles.iter().any(|t| t.contains(&lower))
            && best
                .as_ref()
                .map_or(true, |(_, b)| length > b.chars().count())
        {
            best = Some((el, text));
        }
    }
    best.or_else(|| {
        doc.select(css!("h1"))
            .map(|el| {
                (
                    el,
                    crate::decode::clean_text(&el.text().collect::<String>()),
                )
            })
            .find(|(_, t)| (MIN_TITLE_CHARS..=MAX_TITLE_CHARS).contains(&t.chars().count()))
    })
}

/// Headlines are at least this long (shorter headings are section names).
const MIN_TITLE_CHARS: usize = 15;
/// And at most this long (longer blocks are paragraphs).
const MAX_TITLE_CHARS: usize = 300;
