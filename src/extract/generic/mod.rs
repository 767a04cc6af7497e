//! The generic extractor: a page of any portal, no profile needed.
//!
//! The cascade:
//!
//! 1. the whole `<body>` is cut into blocks once ([`blocks::segment`]) and every block classed
//!    and weighed ([`content`]);
//! 2. the container with the best sum of block weights holds the article text;
//! 3. the headline is picked among the visible candidates and the metadata ([`title`]), knowing
//!    where the text starts; blocks above the headline inside the container (breadcrumbs, date
//!    line) are left out, and paragraphs between the headline and the container (a lead set
//!    apart) are taken in;
//! 4. a region that reads as a list of teasers or of headline links is a listing, not an article
//!    ([`PageError::NoArticle`] with the reason); so is a site's home page address;
//! 5. the date line nearest the headline and the date in the address ([`date`]) back up the
//!    metadata's date; a page without any date is still an article, with a warning.

pub mod date;
pub mod title;

use std::collections::HashSet;

use scraper::Html;
use url::Url;

use super::blocks::{self, Block, Segments};
use super::content::{self, Classes, Kind, MIN_ARTICLE_LETTERS};
use super::dates::DateLine;
use super::metadata::Metadata;
use crate::error::PageError;
use crate::model::Image;

/// A page being read by the generic extractor.
pub struct Page<'a> {
    pub doc: &'a Html,
    pub meta: &'a Metadata,
    pub segments: Segments,
    pub classes: Classes,
}

/// What the generic extractor found.
#[derive(Debug)]
pub struct GenericArticle {
    pub title: String,
    pub title_source: &'static str,
    pub title_confirmed: bool,
    pub blocks: Vec<Block>,
    pub images: Vec<Image>,
    /// The date line near the headline.
    pub date_line: DateLine,
    /// Letters of article text.
    pub text_letters: usize,
}

/// Most good blocks between the headline and the container that are taken in as a lead.
const MAX_LEAD_BLOCKS: usize = 3;

/// Reads the article of a page without a profile.
pub fn extract(
    doc: &Html,
    meta: &Metadata,
    base: Option<&Url>,
) -> Result<GenericArticle, PageError> {
    if base.is_some_and(|u| u.path() == "/" && u.query().is_none()) {
        return Err(PageError::NoArticle(
            "the address is a site's home page".into(),
        ));
    }
    let root = doc
        .select(crate::extract::css!("body"))
        .next()
        .unwrap_or_else(|| doc.root_element());
    let segments = blocks::segment(root, &HashSet::new(), base);
    let classes = content::classify(&segments);
    let page = Page {
        doc,
        meta,
        segments,
        classes,
    };
    let container = content::best_container(&page.segments, &page.classes)
        .ok_or_else(|| PageError::NoArticle("no block of article text".into()))?;
    let range = page.segments.nodes[container].blocks.clone();
    let first_text = range
        .clone()
        .find(|&i| content::is_article_text(&page.segments, &page.classes, i))
        .unwrap_or(range.start);
    let title = title::find_title(&page, Some(first_text))
        .ok_or_else(|| PageError::NoArticle("no title".into()))?;

    // The article's blocks: below the headline when it is inside the container; with the
    // paragraphs between the headline and the container when it is above.
    let mut start = range.start;
    let mut lead_blocks = Vec::new();
    if let Some(element) = title.element {
        if let Some(node) = page.segments.node_of(element.id()) {
            // An inline title's block is the first of its (possibly empty) range.
            let title_blocks = &page.segments.nodes[node].blocks;
            let title_end = title_blocks.end.max(title_blocks.start + 1);
            if range.contains(&title_end.saturating_sub(1)) {
                start = title_end;
            } else if title_end <= range.start {
                lead_blocks = lead_between(&page, title_end, range.start);
            }
        }
    }
    let mut chosen = lead_blocks;
    chosen.extend(content::article_blocks(
        &page.segments,
        &page.classes,
        container,
        start..range.end,
    ));
    // The listing tests look at the links too, but not at the furniture inside the container
    // and not at the links after the last paragraph (a related list below an article).
    let scan: Vec<usize> = (start..range.end)
        .filter(|&i| {
            !page
                .classes
                .furniture_of(&page.segments, i)
                .is_some_and(|f| f != container && page.segments.contains(container, f))
        })
        .collect();
    // The teaser test sees the whole container: on a listing the "headline" is the first
    // teaser's link.
    let whole: Vec<usize> = range
        .clone()
        .filter(|&i| {
            !page
                .classes
                .furniture_of(&page.segments, i)
                .is_some_and(|f| f != container && page.segments.contains(container, f))
        })
        .collect();
    if content::is_teaser_list(&page.segments, &page.classes, &whole) {
        return Err(PageError::NoArticle(
            "the main block is a list of article teasers (a listing or home page?)".into(),
        ));
    }
    let last_text = scan
        .iter()
        .rposition(|&i| page.classes.kinds[i] == Kind::Text)
        .map_or(0, |p| p + 1);
    if content::is_link_list(&page.segments, &page.classes, &scan[..last_text]) {
        return Err(PageError::NoArticle(
            "the main block is a list of article links (a listing or home page?)".into(),
        ));
    }
    if content::is_document_record(&page.segments, &page.classes, &chosen) {
        return Err(PageError::NoArticle(
            "the page is a legal document's record (number, dates, signer), not an article".into(),
        ));
    }
    let text_letters = content::text_letters(&page.segments, &page.classes, &chosen);
    if text_letters < MIN_ARTICLE_LETTERS {
        return Err(PageError::NoArticle(format!(
            "too little article text ({text_letters} letters)"
        )));
    }
    let anchor = title.block.unwrap_or(first_text);
    let mut date_line = date::near_headline(&page, anchor, first_text);
    if date_line.published.is_none() {
        date_line = date::labelled_at_end(&page, range.end);
    }
    // Neither a visible headline nor any date: a home or section page whose biggest text is
    // one teaser or an introduction, not an article.
    let dated = date_line.published.is_some()
        || meta.published.is_some()
        || base.is_some_and(|u| date::from_url(u.as_str()).is_some());
    if title.element.is_none() && !dated {
        return Err(PageError::NoArticle(
            "no headline on the page and no date (a home or section page?)".into(),
        ));
    }
    if content::is_repeated_item(&page.segments, &page.classes, container) {
        return Err(PageError::NoArticle(
            "the main block is one of several look-alike items (a listing?)".into(),
        ));
    }
    let (blocks, images) = take_blocks(page.segments, &chosen);
    Ok(GenericArticle {
        title: title.text,
        title_source: title.source,
        title_confirmed: title.confirmed,
        blocks,
        images,
        date_line,
        text_letters,
    })
}

/// Paragraphs between the headline and the container: a lead set apart from the body, when no
/// link or furniture line stands between them.
pub fn lead_between(page: &Page<'_>, from: usize, to: usize) -> Vec<usize> {
    let mut lead = Vec::new();
    for index in from..to {
        match page.classes.kinds[index] {
            Kind::Text if page.classes.furniture_of(&page.segments, index).is_none() => {
                lead.push(index)
            }
            Kind::Link | Kind::Furniture => lead.clear(),
            _ => {}
        }
    }
    lead.truncate(MAX_LEAD_BLOCKS);
    lead
}

/// Moves the chosen blocks out of the segments, with only their own images, renumbered.
fn take_blocks(segments: Segments, chosen: &[usize]) -> (Vec<Block>, Vec<Image>) {
    let mut all_blocks: Vec<Option<Block>> = segments.blocks.into_iter().map(Some).collect();
    let mut all_images: Vec<Option<Image>> = segments.images.into_iter().map(Some).collect();
    let mut blocks = Vec::with_capacity(chosen.len());
    let mut images = Vec::new();
    for &index in chosen {
        let Some(mut block) = all_blocks.get_mut(index).and_then(Option::take) else {
            continue;
        };
        block.images = block
            .images
            .iter()
            .filter_map(|&i| all_images.get_mut(i).and_then(Option::take))
            .map(|image| {
                images.push(image);
                images.len() - 1
            })
            .collect();
        blocks.push(block);
    }
    (blocks, images)
}
