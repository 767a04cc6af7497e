//! The headline: candidates from the page and from its metadata, picked by agreement and
//! position.
//!
//! Visible candidates are headings, elements whose class or id says title (`p.Title`,
//! `div.title-gt`, `h1.detail__header-title`, `.tieu-de`) and `itemprop=headline`. Each is scored
//! by its kind, by how well it agrees with what the page says of itself (`og:title`, JSON-LD
//! `headline`, `<title>` and its parts), by where it sits against the article text (just above
//! it or at its top; a heading below the text starts a related list) and by its shape. A title
//! that names the site or a section ("Trang chủ", "Tin tức") never wins. Without a visible
//! headline, the metadata title with the site's name cut off is used.

use scraper::ElementRef;

use super::Page;
use crate::decode::clean_text;
use crate::extract::blocks::element_text;
use crate::extract::hints::{is_generic_title, is_home_title, is_lead_classed};

/// Headlines are at least this long (shorter headings are section names).
const MIN_TITLE_CHARS: usize = 10;
/// And at most this long (longer blocks are paragraphs).
const MAX_TITLE_CHARS: usize = 350;
/// ... and have at least this many words.
const MIN_TITLE_WORDS: usize = 3;
/// A heading this many blocks above the article text or less is "just above" it.
const NEAR_BLOCKS: usize = 12;

/// Where the chosen title came from, for `extractor.sources`.
#[derive(Debug, Clone)]
pub struct TitleFound<'a> {
    pub text: String,
    pub element: Option<ElementRef<'a>>,
    /// Index of the title's first block in the page's blocks, when it is visible.
    pub block: Option<usize>,
    pub source: &'static str,
    /// True when the visible title agrees with the page's metadata.
    pub confirmed: bool,
}

/// Lower case with single spaces, straight quotes and hyphens, and no surrounding
/// punctuation, for comparing titles (metadata often has `'` where the page prints `‘`).
pub fn fold(text: &str) -> String {
    let plain: String = text
        .chars()
        .map(|c| match c {
            '‘' | '’' | '`' | '´' => '\'',
            '“' | '”' | '«' | '»' => '"',
            '–' | '—' | '‐' | '‑' => '-',
            _ => c,
        })
        .collect();
    plain
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// How well a visible title agrees with a metadata title: 1 for the same text, less when one
/// holds the other (a site name appended, a title cut with "..."), 0 when they differ.
fn agreement(visible: &str, meta: &str) -> f32 {
    let (v, m) = (fold(visible), fold(meta));
    if v.is_empty() || m.is_empty() {
        return 0.0;
    }
    if v == m {
        return 1.0;
    }
    let (vl, ml) = (v.chars().count() as f32, m.chars().count() as f32);
    // og:title cut with "..." or "…" by the CMS.
    let cut = meta.trim_end().ends_with("...") || meta.trim_end().ends_with('…');
    if cut && ml >= 20.0 && v.starts_with(&m) {
        return 0.85;
    }
    // "Title - Site name": the visible title is most of the metadata one (or the other way
    // round); a short piece inside a long text ("Sở Nội vụ" in a headline) is no agreement.
    if m.contains(&v) && vl >= ml * 0.5 {
        return 0.9;
    }
    if v.contains(&m) && ml >= vl * 0.6 {
        return 0.8;
    }
    0.0
}

/// Points for where a candidate sits against the article text: most right above it, fewer
/// the farther up; at the very top of the text it may still be the headline, further down it
/// is a subheading or a related list.
fn position_points(block: usize, text_start: Option<usize>) -> f32 {
    let Some(start) = text_start else {
        return 0.0;
    };
    if block <= start {
        let distance = (start - block) as f32;
        (3.0 - 3.0 * distance / NEAR_BLOCKS as f32).max(-1.0)
    } else if block - start <= 2 {
        1.5
    } else {
        -3.0
    }
}

/// The metadata titles of a page: og/twitter/JSON-LD headline and the `<title>` and its parts.
fn meta_titles(page: &Page<'_>) -> Vec<String> {
    let mut titles: Vec<String> = page
        .meta
        .title
        .iter()
        .filter(|t| !names_a_site(t))
        .cloned()
        .collect();
    if let Some(html_title) = page.meta.html_title.as_ref().filter(|t| !names_a_site(t)) {
        titles.push(html_title.clone());
        titles.extend(title_parts(html_title));
    }
    titles.retain(|t| !is_generic_title(t));
    titles
}

/// A metadata title with a home-page part ("Trang chủ - Website Sở Nội vụ") names the site on
/// every page of it, never the article.
fn names_a_site(title: &str) -> bool {
    split_parts(title)
        .iter()
        .any(|(_, part)| is_home_title(part))
}

/// Separators between a title and the site or section names around it.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " » ", " > "];

/// The parts of a `<title>`, each with the separator before it ("" for the first).
fn split_parts(title: &str) -> Vec<(&str, &str)> {
    let mut parts = Vec::new();
    let mut rest = title;
    let mut separator = "";
    loop {
        let next = TITLE_SEPARATORS
            .iter()
            .filter_map(|sep| rest.find(sep).map(|at| (at, *sep)))
            .min_by_key(|(at, _)| *at);
        match next {
            Some((at, sep)) => {
                parts.push((separator, &rest[..at]));
                separator = sep;
                rest = &rest[at + sep.len()..];
            }
            None => {
                parts.push((separator, rest));
                return parts;
            }
        }
    }
}

/// "Tiêu đề - Tin tức - Sở Nội vụ" -> its parts, longest first.
pub fn title_parts(title: &str) -> Vec<String> {
    let mut parts: Vec<String> = split_parts(title)
        .into_iter()
        .map(|(_, p)| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect();
    parts.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
    parts
}

/// Most words of a headline; longer is a paragraph set in a heading (government notices
/// have titles of 40 words, so the cost is mild up to the second limit).
const LONG_TITLE_WORDS: usize = 35;
const MAX_TITLE_WORDS: usize = 55;

/// What a candidate's shape costs: a lead's class, a paragraph's length or sentences.
fn shape_penalty(el: ElementRef<'_>, text: &str) -> f32 {
    let mut penalty = 0.0;
    if is_lead_classed(el.value().attr("class"), el.value().attr("id")) {
        penalty += 4.0;
    }
    let words = text.split_whitespace().count();
    if words > MAX_TITLE_WORDS {
        penalty += 4.0;
    } else if words > LONG_TITLE_WORDS {
        penalty += 1.0;
    }
    // Two sentences: "... đầu năm. Theo đó, ..."
    if text.trim_end_matches(['.', '!', '?']).contains(". ") {
        penalty += 1.0;
    }
    penalty
}

/// Points of a candidate's kind; `title_classed` from its class and id.
fn kind_points(el: ElementRef<'_>, title_classed: bool) -> f32 {
    let name = el.value().name();
    let headline_prop = el
        .value()
        .attr("itemprop")
        .is_some_and(|p| p.eq_ignore_ascii_case("headline"));
    let mut points: f32 = match name {
        "h1" => 3.0,
        "h2" => 2.0,
        "h3" => 1.0,
        _ => 0.0,
    };
    if title_classed {
        points += 2.0;
    }
    if headline_prop {
        points += 3.0;
    }
    points
}

/// True when the element is (inside) a link: a teaser, a logo or a menu entry.
fn in_link(el: ElementRef<'_>) -> bool {
    std::iter::successors(Some(el), |e| e.parent().and_then(ElementRef::wrap))
        .take(4)
        .any(|e| e.value().name() == "a")
        || el.select(crate::extract::css!("a[href]")).any(|a| {
            let linked: usize = a.text().map(|t| t.trim().chars().count()).sum();
            let all: usize = el.text().map(|t| t.trim().chars().count()).sum();
            all > 0 && linked * 10 >= all * 8
        })
}

/// A headline candidate with its score.
#[derive(Debug, Clone)]
pub struct Candidate<'a> {
    pub score: f32,
    /// Points of its kind alone ([`kind_points`]).
    pub kind: f32,
    pub found: TitleFound<'a>,
}

/// Points of a prominent line right above the text: fully bold, or set in a large font, as old
/// static pages and table layouts print their headline (`<b><font size=4>`).
const PROMINENT_POINTS: f32 = 1.5;
/// How many blocks above the text a prominent line may sit.
const PROMINENT_REACH: usize = 4;

/// Every headline candidate of the page, scored, in document order.
pub fn candidates<'a>(page: &Page<'a>, text_start: Option<usize>) -> Vec<Candidate<'a>> {
    let metas = meta_titles(page);
    let site = page.meta.site_name.as_deref().map(fold);
    let mut out = Vec::new();
    let elements = page.doc.select(crate::extract::css!(
        "h1, h2, h3, h4, p, div, span, td, strong, b, header, a, [itemprop='headline']"
    ));
    for el in elements {
        let Some(node) = page.segments.node_of(el.id()) else {
            continue; // skipped: inside a script, nav, aside or footer
        };
        let kind = kind_points(el, page.segments.nodes[node].title_classed);
        if kind <= 0.0 {
            continue;
        }
        let text = clean_text(&element_text(el));
        let chars = text.chars().count();
        if chars == 0
            || chars > MAX_TITLE_CHARS
            || is_generic_title(&text)
            || site.as_deref() == Some(fold(&text).as_str())
        {
            continue;
        }
        let agree = metas
            .iter()
            .map(|m| agreement(&text, m))
            .fold(0.0, f32::max);
        // A short heading is a section name, unless the metadata says it is the title.
        if agree == 0.0
            && (chars < MIN_TITLE_CHARS || text.split_whitespace().count() < MIN_TITLE_WORDS)
        {
            continue;
        }
        let info = &page.segments.nodes[node];
        // An inline element's text ends up in the block flushed after it closes, the first one
        // of its range even when the range is empty.
        let block = info.blocks.start;
        if block >= page.segments.blocks.len() {
            continue;
        }
        // A title spans few blocks; a container of many is not a title.
        if info.blocks.len() > 3 {
            continue;
        }
        let mut score = kind + 4.0 * agree;
        score += position_points(block, text_start);
        if page.classes.furniture_of(&page.segments, block).is_some() {
            score -= 2.0;
        }
        // A teaser or a logo is a link; a headline linking to its own page (WordPress's
        // `<h1><a href=permalink>`) agrees with the metadata.
        if agree == 0.0 && in_link(el) {
            score -= 2.5;
        }
        score -= shape_penalty(el, &text);
        out.push(Candidate {
            score,
            kind,
            found: TitleFound {
                text,
                element: Some(el),
                block: Some(block),
                source: if agree > 0.0 { "page+metadata" } else { "page" },
                confirmed: agree > 0.0,
            },
        });
    }
    // Prominent lines stand in for a headline only where the page marks none up (old static
    // pages): next to a heading or a title-classed element they are subheadings.
    let marked_up = out.iter().any(|c| {
        c.kind >= MARKED_UP_KIND
            && matches!((c.found.block, text_start), (Some(b), Some(s)) if b <= s && s - b <= NEAR_BLOCKS)
    });
    if !marked_up {
        out.extend(prominent_lines(page, text_start));
    }
    out
}

/// Kind points of a marked-up headline: an `<h1>`/`<h2>`, a title class or `itemprop=headline`.
const MARKED_UP_KIND: f32 = 2.0;

/// The prominent short lines right above the article text (fully bold, not a link, not a
/// sentence), as candidates of their own: their text is the block's, not their element's.
fn prominent_lines<'a>(page: &Page<'a>, text_start: Option<usize>) -> Vec<Candidate<'a>> {
    let Some(start) = text_start else {
        return Vec::new();
    };
    let blocks = &page.segments.blocks;
    (start.saturating_sub(PROMINENT_REACH)..start)
        .filter(|&i| {
            let b = &blocks[i];
            let words = b.text.split_whitespace().count();
            b.bold
                && b.linked == 0.0
                && (MIN_TITLE_WORDS..=LONG_TITLE_WORDS).contains(&words)
                && !b.text.ends_with('.')
                && !is_generic_title(&b.text)
                && !crate::extract::dates::is_date_line(&b.text)
                && page.classes.furniture_of(&page.segments, i).is_none()
        })
        .filter_map(|i| {
            let id = page.segments.nodes[blocks[i].node].id;
            let element = page.doc.tree.get(id).and_then(ElementRef::wrap)?;
            Some(Candidate {
                score: PROMINENT_POINTS + position_points(i, text_start),
                kind: PROMINENT_POINTS,
                found: TitleFound {
                    text: blocks[i].text.clone(),
                    element: Some(element),
                    block: Some(i),
                    source: "page",
                    confirmed: false,
                },
            })
        })
        .collect()
}

/// Picks the headline, knowing which blocks hold the article text.
pub fn find_title<'a>(page: &Page<'a>, text_start: Option<usize>) -> Option<TitleFound<'a>> {
    let metas_site = page.meta.site_name.as_deref().map(fold);
    let site = metas_site;
    let best = candidates(page, text_start)
        .into_iter()
        .fold(None, |best: Option<Candidate<'a>>, c| match best {
            Some(b) if b.score >= c.score => Some(b),
            _ => Some(c),
        })
        .map(|c| (c.score, c.found));
    if let Some((score, found)) = best {
        if score >= 3.0 {
            return Some(found);
        }
    }
    // No convincing visible headline: the metadata title, without the site's name.
    // A bare `<title>` without any separator, on a page that does not call itself an article
    // (og:type, JSON-LD, og:title, a metadata date), is the site's name on its home page.
    let declared =
        page.meta.is_article || page.meta.title.is_some() || page.meta.published.is_some();
    let from_meta = page
        .meta
        .title
        .iter()
        .chain(
            page.meta
                .html_title
                .iter()
                .filter(|t| declared || split_parts(t).len() > 1),
        )
        .filter(|t| !names_a_site(t))
        .map(|t| strip_site_name(t, page.meta.site_name.as_deref()))
        .find(|t| {
            (t.split_whitespace().count() >= MIN_TITLE_WORDS || page.meta.is_article)
                && !is_generic_title(t)
                && site.as_deref() != Some(fold(t).as_str())
        })?;
    Some(TitleFound {
        text: from_meta,
        element: None,
        block: None,
        source: "metadata",
        confirmed: false,
    })
}

/// The site's name as the `<title>` gives it: the part beside a home-page part ("Trang chủ -
/// Sở Nội vụ tỉnh Lâm Đồng"), or the last part after the article's title ("Tiêu đề - Tin tức -
/// Sở Nội vụ").
pub fn site_name_from_title(html_title: &str, article_title: &str) -> Option<String> {
    let parts = split_parts(html_title);
    if parts.len() < 2 {
        return None;
    }
    let named: Vec<&str> = parts
        .iter()
        .map(|(_, p)| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    if named.iter().any(|p| is_home_title(p)) {
        return named
            .iter()
            .find(|p| !is_generic_title(p))
            .map(|p| p.to_string());
    }
    let first = fold(named.first()?);
    let article = fold(article_title);
    let last = named.last()?;
    (first == article && !is_generic_title(last) && fold(last) != article).then(|| last.to_string())
}

/// Most words a site or section name at either end of a `<title>` has.
const MAX_SITE_PART_WORDS: usize = 6;

/// "Tiêu đề bài - Tin tức - Sở Nội vụ" -> "Tiêu đề bài": drops the parts at either end that
/// name the site (its `og:site_name`) or a section, or that are short beside a long rest; a
/// separator inside the title itself ("Khó khăn - Giải pháp") stays.
pub fn strip_site_name(title: &str, site_name: Option<&str>) -> String {
    let site = site_name.map(fold).filter(|s| !s.is_empty());
    let mut parts = split_parts(title);
    let site_like = |part: &str, rest_words: usize| {
        let folded = fold(part);
        let words = part.split_whitespace().count();
        folded.is_empty()
            || is_generic_title(part)
            || site
                .as_deref()
                .is_some_and(|s| s.contains(&folded) || folded.contains(s))
            || (words <= MAX_SITE_PART_WORDS && rest_words >= 2 * words.max(3))
    };
    let words_of = |parts: &[(&str, &str)]| -> usize {
        parts
            .iter()
            .map(|(_, p)| p.split_whitespace().count())
            .sum()
    };
    while parts.len() > 1 {
        let last = parts[parts.len() - 1].1;
        if site_like(last, words_of(&parts[..parts.len() - 1])) {
            parts.pop();
        } else {
            break;
        }
    }
    while parts.len() > 1 {
        let first = parts[0].1;
        if site_like(first, words_of(&parts[1..])) && is_site_name_part(first, site.as_deref()) {
            parts.remove(0);
            parts[0].0 = "";
        } else {
            break;
        }
    }
    let joined: String = parts
        .iter()
        .map(|(sep, part)| format!("{sep}{part}"))
        .collect();
    joined.trim().to_string()
}

/// A leading part is dropped only when it surely names the site or a section ("Trang chủ -
/// ...", "Sở Nội vụ | ..."): a short leading part may be the start of the title itself.
fn is_site_name_part(part: &str, site: Option<&str>) -> bool {
    let folded = fold(part);
    is_generic_title(part) || site.is_some_and(|s| s.contains(&folded) || folded.contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_names_are_cut_from_titles() {
        assert_eq!(
            strip_site_name(
                "Hội nghị tổng kết công tác năm 2023 - Sở Nội vụ",
                Some("Sở Nội vụ")
            ),
            "Hội nghị tổng kết công tác năm 2023"
        );
        assert_eq!(
            strip_site_name("Trang chủ - Hội nghị tổng kết công tác năm 2023", None),
            "Hội nghị tổng kết công tác năm 2023"
        );
        assert_eq!(
            strip_site_name("Khó khăn của phụ huynh - Giải pháp nào để vượt qua?", None),
            "Khó khăn của phụ huynh - Giải pháp nào để vượt qua?"
        );
        assert_eq!(
            strip_site_name(
                "Tỉnh ủy tổng kết công tác xây dựng Đảng năm 2023 - Báo tỉnh",
                None
            ),
            "Tỉnh ủy tổng kết công tác xây dựng Đảng năm 2023"
        );
    }

    #[test]
    fn site_names_from_titles() {
        assert_eq!(
            site_name_from_title("Trang chủ - Cổng thông tin Sở Nội vụ", "Bài").as_deref(),
            Some("Cổng thông tin Sở Nội vụ")
        );
        assert_eq!(
            site_name_from_title(
                "Hội nghị tổng kết - Tin tức - Sở Nội vụ",
                "Hội nghị tổng kết"
            )
            .as_deref(),
            Some("Sở Nội vụ")
        );
        assert_eq!(
            site_name_from_title("Khó khăn - Giải pháp", "Khó khăn - Giải pháp"),
            None
        );
    }

    #[test]
    fn agreement_of_titles() {
        assert_eq!(agreement("Một hai ba bốn", "một hai ba bốn"), 1.0);
        assert!(agreement("Một hai ba bốn năm", "Một hai ba bốn năm - Báo") > 0.8);
        assert!(
            agreement(
                "Một hai ba bốn năm sáu bảy tám chín mười một",
                "Một hai ba bốn năm sáu bảy..."
            ) > 0.8
        );
        assert_eq!(agreement("Một hai", "Ba bốn"), 0.0);
    }
}
