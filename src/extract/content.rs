//! Where the article's text is: block classification, the best container, and the test that
//! tells an article from a listing.
//!
//! Every block of the page is classed ([`Kind`]) by its length, sentence shape and share of link
//! text, the way jusText and boilerpipe class them, and weighed: article-like paragraphs count
//! their letters, link lists and furniture count against, short lines cost a little. A
//! container's score is the sum of the weights of the blocks inside it (a slice of the block
//! list), so the best container holds all paragraphs and leaves out the menus and sidebars
//! around them (Readability's idea, without its fixed parent/grandparent reach). Class and id
//! words ([`Hint`]) weaken paragraphs inside furniture, except for furniture wrappers that hold
//! most of the page's text (a template's `sidebar-1` column or an ASP.NET `<form>`).

use crate::extract::blocks::{is_block_tag, Block, Segments};
use crate::extract::hints::{is_furniture_line, Hint};

/// A paragraph needs this many letters to be article text by itself.
pub const MIN_PARAGRAPH_LETTERS: usize = 50;
/// ... and a sentence shape: this many words, or a sentence mark.
const MIN_PARAGRAPH_WORDS: usize = 8;
/// A block with more of its letters in links is a link, not text.
pub const MAX_LINK_SHARE: f32 = 0.5;
/// What a short line costs a container (so a tighter container wins over a looser one).
const SHORT_BLOCK_COST: f32 = 3.0;
/// The text of a data table's cells counts this much per letter (less than prose).
const TABLE_CELL_WEIGHT: f32 = 0.5;
/// Article text inside furniture counts only this much.
const FURNITURE_TEXT_WEIGHT: f32 = 0.2;
/// A furniture wrapper holding at least this share of the page's article text is the page's
/// layout, not furniture.
const LAYOUT_SHARE: f32 = 0.5;
/// An article has at least this many letters of text.
pub const MIN_ARTICLE_LETTERS: usize = 150;
/// A headline link: a block almost all link, of headline length.
const HEADLINE_LINK_SHARE: f32 = 0.8;
const MIN_HEADLINE_LETTERS: usize = 15;
/// This many teasers (a headline link followed by its summary) make a list ...
const MIN_TEASERS: usize = 3;
/// ... when their summaries hold this share of the text.
const TEASER_TEXT_SHARE: f32 = 0.5;

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A paragraph of text.
    Text,
    /// A short line: a subheading, a caption, a date, a signature.
    Short,
    /// Mostly link text.
    Link,
    /// Print/share/back links and counters.
    Furniture,
}

/// The classes of all blocks and which furniture wrapper (if any) each block sits in.
#[derive(Debug)]
pub struct Classes {
    pub kinds: Vec<Kind>,
    /// Per node: the nearest furniture element at or above it (layout wrappers excluded).
    pub furniture_of_node: Vec<Option<usize>>,
}

impl Classes {
    /// The nearest furniture element holding a block.
    pub fn furniture_of(&self, segments: &Segments, block: usize) -> Option<usize> {
        self.furniture_of_node[segments.blocks[block].node]
    }
}

fn is_sentence_like(block: &Block) -> bool {
    block.text.split_whitespace().count() >= MIN_PARAGRAPH_WORDS
        || block.text.contains(['.', ',', ';', '?', '!', ':'])
}

/// Classes every block.
pub fn classify(segments: &Segments) -> Classes {
    let kinds: Vec<Kind> = segments
        .blocks
        .iter()
        .map(|block| {
            if block.letters == 0 {
                Kind::Short
            } else if block.linked > MAX_LINK_SHARE {
                Kind::Link
            } else if is_furniture_line(&block.text)
                || crate::extract::dates::is_labelled_date_line(&block.text)
            {
                Kind::Furniture
            } else if block.letters >= MIN_PARAGRAPH_LETTERS && is_sentence_like(block) {
                Kind::Text
            } else {
                Kind::Short
            }
        })
        .collect();
    // Text letters per node, from a prefix sum over blocks.
    let prefix = prefix_sums(&segments.blocks, |i, b| {
        if kinds[i] == Kind::Text {
            b.letters as f32
        } else {
            0.0
        }
    });
    let total = prefix.last().copied().unwrap_or(0.0);
    let mut furniture_of_node: Vec<Option<usize>> = Vec::with_capacity(segments.nodes.len());
    for (index, node) in segments.nodes.iter().enumerate() {
        let inherited = node.parent.and_then(|p| furniture_of_node[p]);
        let own = node.hint == Hint::Furniture && {
            let text = prefix[node.blocks.end] - prefix[node.blocks.start];
            total == 0.0 || text < total * LAYOUT_SHARE
        };
        furniture_of_node.push(if own { Some(index) } else { inherited });
    }
    Classes {
        kinds,
        furniture_of_node,
    }
}

/// `prefix[i]` = sum of `weight` over blocks `0..i`.
fn prefix_sums(blocks: &[Block], weight: impl Fn(usize, &Block) -> f32) -> Vec<f32> {
    let mut prefix = Vec::with_capacity(blocks.len() + 1);
    prefix.push(0.0);
    let mut sum = 0.0;
    for (i, block) in blocks.iter().enumerate() {
        sum += weight(i, block);
        prefix.push(sum);
    }
    prefix
}

/// What one block adds to a container holding it.
fn weight(block: &Block, kind: Kind, in_furniture: bool) -> f32 {
    let letters = block.letters as f32;
    match kind {
        Kind::Text if in_furniture => letters * FURNITURE_TEXT_WEIGHT,
        Kind::Text => letters * (1.0 - block.linked),
        // A schedule or a list published as a table is the article's text too.
        Kind::Short if block.table_cell && !in_furniture => letters * TABLE_CELL_WEIGHT,
        Kind::Short => -SHORT_BLOCK_COST,
        Kind::Link | Kind::Furniture => -letters.max(SHORT_BLOCK_COST),
    }
}

/// True when a block counts for a container as article text (a paragraph, or a data table's
/// cell outside furniture).
pub fn is_article_text(segments: &Segments, classes: &Classes, index: usize) -> bool {
    let block = &segments.blocks[index];
    match classes.kinds[index] {
        Kind::Text => true,
        Kind::Short => {
            block.table_cell && block.letters > 0 && classes.furniture_of(segments, index).is_none()
        }
        _ => false,
    }
}

/// The element whose blocks make the best article: the highest sum of block weights. Ties go
/// to the outer element (document order), so the result never depends on hashing.
pub fn best_container(segments: &Segments, classes: &Classes) -> Option<usize> {
    let prefix = prefix_sums(&segments.blocks, |i, b| {
        weight(
            b,
            classes.kinds[i],
            classes.furniture_of(segments, i).is_some(),
        )
    });
    let mut best: Option<(usize, f32)> = None;
    for (index, node) in segments.nodes.iter().enumerate() {
        if !is_block_tag(&node.tag) || node.blocks.is_empty() {
            continue;
        }
        let score = prefix[node.blocks.end] - prefix[node.blocks.start];
        if best.is_none_or(|(_, b)| score > b) {
            best = Some((index, score));
        }
    }
    best.filter(|(_, score)| *score > 0.0)
        .map(|(index, _)| index)
}

/// Letters of article text among `blocks`.
pub fn text_letters(segments: &Segments, classes: &Classes, blocks: &[usize]) -> usize {
    blocks
        .iter()
        .filter(|&&i| is_article_text(segments, classes, i))
        .map(|&i| segments.blocks[i].letters)
        .sum()
}

fn is_headline_link(block: &Block) -> bool {
    block.linked >= HEADLINE_LINK_SHARE && block.letters >= MIN_HEADLINE_LETTERS
}

/// True when `blocks` read as a list of teasers: headline links each followed by a summary,
/// and the summaries hold most of the text. An article with a related-news box keeps its text
/// apart from the links, so it is not a list.
pub fn is_teaser_list(segments: &Segments, classes: &Classes, blocks: &[usize]) -> bool {
    let total = text_letters(segments, classes, blocks);
    let mut teasers = 0;
    let mut summary_letters = 0;
    let mut position = 0;
    while position < blocks.len() {
        let block = &segments.blocks[blocks[position]];
        if !is_headline_link(block) {
            position += 1;
            continue;
        }
        // The summary: the next text block within two blocks, before another headline link.
        let summary = blocks[position + 1..]
            .iter()
            .take(3)
            .take_while(|&&i| !is_headline_link(&segments.blocks[i]))
            .find(|&&i| classes.kinds[i] == Kind::Text);
        if let Some(&i) = summary {
            teasers += 1;
            summary_letters += segments.blocks[i].letters;
        }
        position += 1;
    }
    teasers >= MIN_TEASERS && summary_letters as f32 >= total as f32 * TEASER_TEXT_SHARE
}

/// True when most of the region's links are headline links and they outweigh its text: a list
/// of article titles with no summaries (a category page or a home page).
pub fn is_link_list(segments: &Segments, classes: &Classes, blocks: &[usize]) -> bool {
    let text = text_letters(segments, classes, blocks);
    let headline_letters: usize = blocks
        .iter()
        .map(|&i| &segments.blocks[i])
        .filter(|b| is_headline_link(b))
        .map(|b| b.letters)
        .sum();
    let headlines = blocks
        .iter()
        .filter(|&&i| is_headline_link(&segments.blocks[i]))
        .count();
    headlines >= MIN_TEASERS * 2 && headline_letters > text
}

/// The article's blocks among a container's `range`: without the furniture inside the
/// container (related boxes, share bars), link lines and furniture lines. A related-news
/// heading ("Tin liên quan") drops what follows it up to the next paragraph that is not a
/// teaser's summary: a box in the middle of the text ends there, a list at the end runs to the
/// end. Furniture wrappers around the container itself do not count (the container was chosen
/// inside them).
pub fn article_blocks(
    segments: &Segments,
    classes: &Classes,
    container: usize,
    range: std::ops::Range<usize>,
) -> Vec<usize> {
    let mut kept = Vec::new();
    let mut in_related_list = false;
    // Blocks since the last headline link (a teaser's summary follows its headline closely).
    let mut since_headline = usize::MAX;
    for index in range {
        let block = &segments.blocks[index];
        let inner_furniture = classes
            .furniture_of(segments, index)
            .is_some_and(|f| f != container && segments.contains(container, f));
        if inner_furniture {
            continue;
        }
        if is_headline_link(block) {
            since_headline = 0;
        } else {
            since_headline = since_headline.saturating_add(1);
        }
        if crate::extract::hints::is_related_heading(&block.text) && !kept.is_empty() {
            in_related_list = true;
            continue;
        }
        if in_related_list {
            let summary = since_headline <= TEASER_SUMMARY_REACH;
            if classes.kinds[index] == Kind::Text && !summary {
                in_related_list = false;
            } else {
                continue;
            }
        }
        if matches!(classes.kinds[index], Kind::Link | Kind::Furniture) {
            continue;
        }
        kept.push(index);
    }
    kept
}

/// A teaser's summary sits at most this many blocks after its headline link.
const TEASER_SUMMARY_REACH: usize = 2;

/// This many look-alike siblings (same tag and class) make a list of items.
const MIN_REPEATED_ITEMS: usize = 3;
/// How many levels above the container are checked for being a list item.
const REPEATED_ITEM_LEVELS: usize = 2;

/// A container with less than this share of the page's text can be one teaser among many.
const TEASER_PAGE_SHARE: f32 = 0.5;

/// True when the container holds a minor part of the page's text and it, or an element up to
/// two levels above it, is one of several look-alike siblings (same tag and class, each with
/// text and a headline link): one teaser of a list. An article's container holds most of the
/// page's text, so a layout of look-alike rows never makes it a teaser.
pub fn is_repeated_item(segments: &Segments, classes: &Classes, container: usize) -> bool {
    let all: Vec<usize> = (0..segments.blocks.len()).collect();
    let page_text = text_letters(segments, classes, &all);
    let range: Vec<usize> = segments.nodes[container].blocks.clone().collect();
    if text_letters(segments, classes, &range) as f32 >= page_text as f32 * TEASER_PAGE_SHARE {
        return false;
    }
    let has_headline_link = |node: usize| {
        segments.nodes[node]
            .blocks
            .clone()
            .any(|b| is_headline_link(&segments.blocks[b]))
    };
    let mut node = Some(container);
    for _ in 0..=REPEATED_ITEM_LEVELS {
        let Some(index) = node else { break };
        let info = &segments.nodes[index];
        if let Some(parent) = info.parent {
            let alike = (parent + 1..segments.nodes[parent].end)
                .filter(|&i| segments.nodes[i].parent == Some(parent))
                .filter(|&i| {
                    let sibling = &segments.nodes[i];
                    sibling.tag == info.tag && sibling.class == info.class && has_headline_link(i)
                })
                .count();
            if alike >= MIN_REPEATED_ITEMS
                && !matches!(info.tag.as_str(), "p" | "tr" | "td" | "tbody")
            {
                return true;
            }
        }
        node = info.parent;
    }
    false
}

/// A document record has at least this many field labels ...
const MIN_DOCUMENT_FIELDS: usize = 4;
/// ... and less prose than this besides them.
const MAX_DOCUMENT_PROSE_LETTERS: usize = 400;

/// True when `blocks` are a legal document's record (a table of "Số ký hiệu", "Ngày ban hành",
/// "Người ký" ... with little prose), not a news article. `skip` is the headline's block.
pub fn is_document_record(segments: &Segments, classes: &Classes, blocks: &[usize]) -> bool {
    let fields = blocks
        .iter()
        .filter(|&&i| crate::extract::hints::is_document_field(&segments.blocks[i].text))
        .count();
    if fields < MIN_DOCUMENT_FIELDS {
        return false;
    }
    let prose: usize = blocks
        .iter()
        .filter(|&&i| classes.kinds[i] == Kind::Text && !segments.blocks[i].table_cell)
        .map(|&i| segments.blocks[i].letters)
        .sum();
    prose < MAX_DOCUMENT_PROSE_LETTERS
}
