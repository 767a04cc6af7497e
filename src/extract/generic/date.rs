//! The page's own date line: the date printed next to the headline, and the date in the
//! address.
//!
//! Metadata (JSON-LD, `article:published_time`, `itemprop`) is read in [`crate::extract::metadata`]
//! and wins; this module looks at the visible page, htmldate's next source: the short lines
//! (and `<time datetime>` elements) within a few blocks of the headline, nearest first, a line
//! after the headline before one above it at the same distance. Links and long paragraphs are
//! never read, so a related-news list or an event date in the text cannot become the
//! publication date. Last comes a date in the URL (`/2019/07/28/`, `-20190728`).

use std::sync::OnceLock;

use regex::Regex;

use super::Page;
use crate::extract::content::MAX_LINK_SHARE;
use crate::extract::dates::{
    is_date_line, is_labelled_date_line, parse_date_line, parse_iso, valid_ymd, DateLine, PageDate,
    MAX_DATE_LINE_CHARS,
};

/// How many blocks above the headline the date line may sit.
const BLOCKS_BEFORE: usize = 8;
/// How many blocks below the headline the date line may sit ...
const BLOCKS_AFTER: usize = 10;
/// ... and no deeper into the article text than this (dates in the text are events).
const BLOCKS_INTO_TEXT: usize = 2;

/// How good a date line candidate is: printed by a date-classed element, a line that is only a
/// date, then nearer to the headline, then below it rather than above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    date_classed: bool,
    pure: bool,
    nearness: std::cmp::Reverse<usize>,
    after: bool,
}

/// The visible date line nearest to `anchor` (the headline's block, or the article's first
/// block without a headline); `text_start` is the article's first paragraph.
pub fn near_headline(page: &Page<'_>, anchor: usize, text_start: usize) -> DateLine {
    let segments = &page.segments;
    let blocks = &segments.blocks;
    if blocks.is_empty() {
        return DateLine::default();
    }
    let mut date_classed = vec![false; blocks.len()];
    for node in segments.nodes.iter().filter(|n| n.date_classed) {
        let end = node.blocks.end.max(node.blocks.start + 1).min(blocks.len());
        for flag in &mut date_classed[node.blocks.start.min(end)..end] {
            *flag = true;
        }
    }
    let first = anchor.saturating_sub(BLOCKS_BEFORE);
    let last = (anchor + BLOCKS_AFTER)
        .min(text_start.max(anchor) + BLOCKS_INTO_TEXT)
        .min(blocks.len() - 1);
    let mut best: Option<(Rank, DateLine)> = None;
    let mut consider = |index: usize, line: DateLine, pure: bool| {
        if line.published.is_none() {
            return;
        }
        let rank = Rank {
            date_classed: date_classed[index],
            pure,
            nearness: std::cmp::Reverse(index.abs_diff(anchor)),
            after: index >= anchor,
        };
        if best.as_ref().is_none_or(|(b, _)| rank > *b) {
            best = Some((rank, line));
        }
    };
    for (index, block) in blocks.iter().enumerate().take(last + 1).skip(first) {
        if block.text.chars().count() > MAX_DATE_LINE_CHARS {
            continue;
        }
        let pure = is_date_line(&block.text);
        // A date linked to its day's archive (WordPress) is still the date line; a line that is
        // mostly a link to something else is a related item. Inside the text only a line that
        // is nothing but a date counts (a sentence dated in the text is an event).
        let in_text = index > text_start.max(anchor);
        if (block.linked > MAX_LINK_SHARE && !pure) || (in_text && !pure && !date_classed[index]) {
            continue;
        }
        consider(index, parse_date_line(&block.text), pure);
    }
    // Machine dates of visible elements: `<time datetime>`, `<abbr title>` (Blogger, hAtom).
    for el in page
        .doc
        .select(crate::extract::css!("time[datetime], abbr[title]"))
    {
        let Some(node) = segments.node_of(el.id()) else {
            continue;
        };
        let index = segments.nodes[node].blocks.start;
        if (first..=last).contains(&index) {
            let value = el.value().attr("datetime").or(el.value().attr("title"));
            let line = DateLine {
                published: value.and_then(parse_iso),
                updated: None,
            };
            consider(index, line, true);
        }
    }
    best.map(|(_, line)| line).unwrap_or_default()
}

/// How many blocks at the end of the article text are searched for a labelled date line.
const BLOCKS_AT_END: usize = 10;

/// A labelled publication date line ("Ngày đăng: 16/05/2025 | Lượt xem: 214") at the end of the
/// article, where print views and long-form layouts put it: the last one within the article's
/// last blocks (and the few after them). Only labelled lines count, so a dated sentence of the
/// text is never taken.
pub fn labelled_at_end(page: &Page<'_>, article_end: usize) -> DateLine {
    let blocks = &page.segments.blocks;
    let last = (article_end + BLOCKS_INTO_TEXT).min(blocks.len());
    (article_end.saturating_sub(BLOCKS_AT_END)..last)
        .rev()
        .map(|i| &blocks[i])
        .filter(|b| b.linked <= MAX_LINK_SHARE && is_labelled_date_line(&b.text))
        .map(|b| parse_date_line(&b.text))
        .find(|line| line.published.is_some())
        .unwrap_or_default()
}

/// A date in the page's address: `/2019/07/28/`, `/2019-07-28/`, `-20190728`.
pub fn from_url(url: &str) -> Option<PageDate> {
    static URL_DATE: OnceLock<Regex> = OnceLock::new();
    let re = URL_DATE.get_or_init(|| {
        Regex::new(r"(?:^|[/_\-])((?:19|20)\d{2})(?:[/_\-](0?[1-9]|1[0-2])[/_\-](0?[1-9]|[12]\d|3[01])|(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01]))(?:[/_\-.]|$)")
            .expect("static regex")
    });
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let caps = re.captures(path)?;
    let year: i32 = caps[1].parse().ok()?;
    // `/2019/5/20/`, `/2019-05-20/` (separated) or `20190520` (compact).
    let (month, day) = match (caps.get(2), caps.get(3)) {
        (Some(m), Some(d)) => (m.as_str(), d.as_str()),
        _ => (caps.get(4)?.as_str(), caps.get(5)?.as_str()),
    };
    let month: u32 = month.parse().ok()?;
    let day: u32 = day.parse().ok()?;
    valid_ymd(year, month, day).then_some(PageDate {
        year,
        month,
        day,
        time: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_addresses() {
        let day = |u: &str| from_url(u).map(|d| d.to_rfc3339());
        assert_eq!(
            day("https://a.vn/2019/07/28/tin-moi/").as_deref(),
            Some("2019-07-28")
        );
        assert_eq!(
            day("https://a.vn/tin-moi-20190728.html").as_deref(),
            Some("2019-07-28")
        );
        assert_eq!(day("https://a.vn/tin-12345678.html"), None);
        assert_eq!(day("https://a.vn/tin?id=20190728"), None);
    }
}
