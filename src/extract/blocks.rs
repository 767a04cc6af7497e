//! One walk over an HTML subtree that cuts it into blocks of text, the unit every later stage
//! works on.
//!
//! [`segment`] visits the subtree once, without recursion (so a page nested 100,000 levels deep
//! cannot overflow the stack), and cuts the text at block-level tags and `<br>`. Each [`Block`]
//! knows the innermost block element holding it, its share of link text, its heading level and
//! whether it is centred, right-aligned, italic, bold or in a `<figcaption>`. Each element gets a
//! [`NodeInfo`] with its parent, its class/id hint ([`Hint`]) and the range of blocks inside it,
//! so a container's text is a slice of the block list (blocks are in document order).
//!
//! The generic extractor segments the whole `<body>` and picks a range of blocks; a profile
//! segments only its body element.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use ego_tree::iter::Edge;
use ego_tree::NodeId;
use scraper::node::{Element, Node};
use scraper::ElementRef;
use url::Url;

use super::hints::{class_info, Hint};
use crate::decode::clean_text;
use crate::model::Image;

/// Share of a block's letters inside `<em>`/`<strong>` for it to count as italic/bold.
const STYLE_SHARE: f32 = 0.9;

/// Tags whose content is never article text.
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "iframe", "button", "select", "input", "textarea", "svg",
    "template", "nav", "aside", "footer", "object", "embed", "video", "audio", "canvas", "map",
    "head", "title", "option",
];

/// Tags that start and end a block of text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "table",
    "tr",
    "td",
    "th",
    "figure",
    "figcaption",
    "section",
    "article",
    "main",
    "header",
    "form",
    "dl",
    "dt",
    "dd",
    "pre",
    "center",
    "address",
    "hr",
    "tbody",
    "thead",
    "body",
    "caption",
    "fieldset",
];

/// Tags that are furniture by their kind, whatever their class says.
const FURNITURE_TAGS: &[&str] = &["header", "form", "menu"];

/// True for tags that start and end a block.
pub fn is_block_tag(name: &str) -> bool {
    BLOCK_TAGS.contains(&name)
}

/// One block of text.
#[derive(Debug, Clone, Default)]
pub struct Block {
    pub text: String,
    /// Indices into the image list of the images inside this block.
    pub images: Vec<usize>,
    pub centered: bool,
    pub right: bool,
    pub italic: bool,
    pub bold: bool,
    pub figcaption: bool,
    /// Share of the block's letters inside links to other pages (a listing's item titles are
    /// whole links; links to an anchor of the same page, as in a table of contents, do not count).
    pub linked: f32,
    /// Letters and digits in the block.
    pub letters: usize,
    /// Index in [`Segments::nodes`] of the innermost block element holding the block.
    pub node: usize,
    /// 1-6 inside `<h1>`..`<h6>`, else 0.
    pub heading: u8,
    /// Inside an `<li>`.
    pub list_item: bool,
    /// Inside an element whose class says lead ("sapo", "brief", "summary").
    pub lead_classed: bool,
    /// Held directly by a table cell (`td`/`th`): a cell of a data table, not a layout column
    /// (whose text sits in its own paragraphs and divs).
    pub table_cell: bool,
}

/// One element of the segmented subtree, in document (pre-)order.
#[derive(Debug, Clone)]
pub struct NodeInfo {
    pub id: NodeId,
    pub parent: Option<usize>,
    pub tag: String,
    /// Its `class` attribute as written.
    pub class: String,
    /// What its own class, id or tag says.
    pub hint: Hint,
    /// Its class or id says it prints a date ("Time", "post-date").
    pub date_classed: bool,
    /// It, or an element around it, says it holds the lead ("sapo", "brief").
    pub lead_classed: bool,
    /// Its class or id says it is a headline ("Title", "tieu-de").
    pub title_classed: bool,
    /// The blocks that sit inside it.
    pub blocks: Range<usize>,
    /// Index one past its last descendant (its subtree is `index..end`).
    pub end: usize,
}

/// A segmented subtree.
#[derive(Debug, Default)]
pub struct Segments {
    pub nodes: Vec<NodeInfo>,
    pub blocks: Vec<Block>,
    pub images: Vec<Image>,
    index: HashMap<NodeId, usize>,
}

impl Segments {
    /// The node index of an element, when it is inside the segmented subtree (and not skipped).
    pub fn node_of(&self, id: NodeId) -> Option<usize> {
        self.index.get(&id).copied()
    }

    /// True when node `inner` is `outer` or inside it.
    pub fn contains(&self, outer: usize, inner: usize) -> bool {
        (outer..self.nodes[outer].end).contains(&inner)
    }
}

#[derive(Default, Clone, Copy)]
struct Styles {
    link: usize,
    centered: usize,
    right: usize,
    italic: usize,
    bold: usize,
    figcaption: usize,
    list_item: usize,
    heading: u8,
}

struct Walker<'a> {
    skip: &'a HashSet<NodeId>,
    base: Option<&'a Url>,
    out: Segments,
    current: Block,
    letters: usize,
    italic_letters: usize,
    bold_letters: usize,
    link_letters: usize,
    styles: Styles,
    /// Open block elements, innermost last.
    open_blocks: Vec<usize>,
}

impl Walker<'_> {
    fn flush(&mut self) {
        let mut block = std::mem::take(&mut self.current);
        block.text = clean_text(&block.text);
        if self.letters > 0 {
            block.italic = self.italic_letters as f32 >= self.letters as f32 * STYLE_SHARE;
            block.bold = self.bold_letters as f32 >= self.letters as f32 * STYLE_SHARE;
            block.linked = self.link_letters as f32 / self.letters as f32;
        }
        block.letters = self.letters;
        (
            self.letters,
            self.italic_letters,
            self.bold_letters,
            self.link_letters,
        ) = (0, 0, 0, 0);
        if !block.text.is_empty() || !block.images.is_empty() {
            block.node = self.open_blocks.last().copied().unwrap_or(0);
            block.lead_classed = self
                .out
                .nodes
                .get(block.node)
                .is_some_and(|n| n.lead_classed);
            block.table_cell = matches!(
                self.out.nodes.get(block.node).map(|n| n.tag.as_str()),
                Some("td" | "th")
            );
            self.out.blocks.push(block);
        }
    }

    fn text(&mut self, text: &str) {
        let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
        if letters > 0 {
            self.current.centered |= self.styles.centered > 0;
            self.current.right |= self.styles.right > 0;
            self.current.figcaption |= self.styles.figcaption > 0;
            self.current.list_item |= self.styles.list_item > 0;
            if self.current.heading == 0 {
                self.current.heading = self.styles.heading;
            }
        }
        self.letters += letters;
        if self.styles.italic > 0 {
            self.italic_letters += letters;
        }
        if self.styles.bold > 0 {
            self.bold_letters += letters;
        }
        if self.styles.link > 0 {
            self.link_letters += letters;
        }
        self.current.text.push_str(text);
    }

    fn image(&mut self, el: &Element) {
        let src = ["data-src", "data-original", "data-lazy-src", "src"]
            .iter()
            .filter_map(|a| el.attr(a))
            .map(str::trim)
            .find(|s| !s.is_empty() && !s.starts_with("data:"));
        let Some(src) = src else { return };
        let lower = src.to_ascii_lowercase();
        if lower.contains("spacer.") || lower.contains("blank.gif") || lower.contains("/icons/") {
            return;
        }
        let src = absolute(self.base, src);
        self.out.images.push(Image { src, caption: None });
        self.current.images.push(self.out.images.len() - 1);
    }

    /// The style flags an element switches on for its content.
    fn flags(el: &Element) -> Styles {
        let name = el.name();
        let style = el.attr("style").unwrap_or_default();
        let style_has = |property: &str, value: &str| {
            style
                .to_ascii_lowercase()
                .replace(' ', "")
                .contains(&format!("{property}:{value}"))
        };
        let align = el.attr("align").unwrap_or_default();
        let href = el.attr("href").unwrap_or_default().trim();
        Styles {
            centered: usize::from(
                align.eq_ignore_ascii_case("center")
                    || name == "center"
                    || (!style.is_empty() && style_has("text-align", "center")),
            ),
            right: usize::from(
                align.eq_ignore_ascii_case("right")
                    || (!style.is_empty() && style_has("text-align", "right")),
            ),
            italic: usize::from(matches!(name, "em" | "i")),
            bold: usize::from(matches!(name, "strong" | "b")),
            figcaption: usize::from(name == "figcaption"),
            // A link to an anchor of the same page (a table of contents) is not navigation.
            link: usize::from(name == "a" && !href.is_empty() && !href.starts_with('#')),
            list_item: usize::from(name == "li"),
            heading: match name {
                "h1" => 1,
                "h2" => 2,
                "h3" => 3,
                "h4" => 4,
                "h5" => 5,
                "h6" => 6,
                _ => 0,
            },
        }
    }

    fn push_styles(&mut self, flags: Styles) -> Styles {
        let before = self.styles;
        let s = &mut self.styles;
        s.centered += flags.centered;
        s.right += flags.right;
        s.italic += flags.italic;
        s.bold += flags.bold;
        s.figcaption += flags.figcaption;
        s.link += flags.link;
        s.list_item += flags.list_item;
        if flags.heading > 0 && s.heading == 0 {
            s.heading = flags.heading;
        }
        before
    }
}

/// Cuts `root`'s content into blocks, leaving out the elements in `skip`, furniture tags and
/// hidden elements. Image addresses are made absolute against `base`.
pub fn segment(root: ElementRef<'_>, skip: &HashSet<NodeId>, base: Option<&Url>) -> Segments {
    let mut walker = Walker {
        skip,
        base,
        out: Segments::default(),
        current: Block::default(),
        letters: 0,
        italic_letters: 0,
        bold_letters: 0,
        link_letters: 0,
        styles: Styles::default(),
        open_blocks: Vec::new(),
    };
    // Per open element: its node index (None for skipped-over inline wrappers) and the styles to
    // restore when it closes.
    let mut open: Vec<(Option<usize>, Styles, bool)> = Vec::new();
    // While inside a skipped element, the id of that element.
    let mut skipping: Option<NodeId> = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(text) => walker.text(text),
                    Node::Element(el) => {
                        let name = el.name();
                        if node.id() != root.id()
                            && (walker.skip.contains(&node.id())
                                || SKIPPED_TAGS.contains(&name)
                                || el.attr("hidden").is_some()
                                || is_hidden_by_style(el))
                        {
                            skipping = Some(node.id());
                            continue;
                        }
                        match name {
                            "img" => {
                                walker.image(el);
                                continue;
                            }
                            "br" => {
                                walker.flush();
                                continue;
                            }
                            _ => {}
                        }
                        let block = is_block_tag(name) || node.id() == root.id();
                        if block {
                            walker.flush();
                        }
                        let index = walker.out.nodes.len();
                        let parent = open.iter().rev().find_map(|(n, _, _)| *n);
                        let class = class_info(el.attr("class"), el.attr("id"));
                        let hint = if FURNITURE_TAGS.contains(&name) {
                            Hint::Furniture
                        } else {
                            class.hint
                        };
                        walker.out.nodes.push(NodeInfo {
                            id: node.id(),
                            parent,
                            tag: name.to_string(),
                            class: el.attr("class").unwrap_or_default().to_string(),
                            hint,
                            date_classed: class.date,
                            lead_classed: class.lead
                                || parent.is_some_and(|p| walker.out.nodes[p].lead_classed),
                            title_classed: class.title,
                            blocks: walker.out.blocks.len()..walker.out.blocks.len(),
                            end: index + 1,
                        });
                        walker.out.index.insert(node.id(), index);
                        if block {
                            walker.open_blocks.push(index);
                        }
                        let before = walker.push_styles(Walker::flags(el));
                        open.push((Some(index), before, block));
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if let Some(skipped) = skipping {
                    if skipped == node.id() {
                        skipping = None;
                    }
                    continue;
                }
                let Node::Element(el) = node.value() else {
                    continue;
                };
                if matches!(el.name(), "img" | "br") {
                    continue;
                }
                let Some((index, before, block)) = open.pop() else {
                    continue;
                };
                if block {
                    walker.flush();
                    walker.open_blocks.pop();
                }
                walker.styles = before;
                if let Some(index) = index {
                    let end = walker.out.nodes.len();
                    let blocks_end = walker.out.blocks.len();
                    let info = &mut walker.out.nodes[index];
                    info.end = end;
                    info.blocks.end = blocks_end;
                }
            }
        }
    }
    walker.flush();
    let mut out = walker.out;
    // Blocks flushed after their element closed (none) or at the end belong to the root.
    let total = out.blocks.len();
    if let Some(root_info) = out.nodes.first_mut() {
        root_info.blocks.end = total;
    }
    out
}

/// The text of an element as a reader sees it on one line: `<br>` and block boundaries become
/// spaces ("Những người<br>giữ rừng" -> "Những người giữ rừng"), inline tags join ("<b>Đ</b>ồng"
/// -> "Đồng"); scripts and styles left out. Not cleaned (see [`clean_text`]).
pub fn element_text(el: ElementRef<'_>) -> String {
    let mut text = String::new();
    let mut skipping: Option<NodeId> = None;
    for edge in el.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => text.push_str(t),
                    Node::Element(e) => {
                        let name = e.name();
                        if matches!(name, "script" | "style" | "template" | "noscript") {
                            skipping = Some(node.id());
                        } else if name == "br" || (node.id() != el.id() && is_block_tag(name)) {
                            text.push(' ');
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                } else if skipping.is_none()
                    && node.id() != el.id()
                    && node
                        .value()
                        .as_element()
                        .is_some_and(|e| is_block_tag(e.name()))
                {
                    text.push(' ');
                }
            }
        }
    }
    text
}

/// `style="display:none"` / `visibility:hidden`: content the reader never sees.
fn is_hidden_by_style(el: &Element) -> bool {
    let Some(style) = el.attr("style") else {
        return false;
    };
    let compact: String = style
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    compact.contains("display:none") || compact.contains("visibility:hidden")
}

/// Makes a link absolute against the page's address; keeps it as written when there is none.
pub fn absolute(base: Option<&Url>, href: &str) -> String {
    let href = href.trim();
    match base {
        Some(base) => base
            .join(href)
            .map(|u| u.to_string())
            .unwrap_or_else(|_| href.to_string()),
        None => href.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn blocks_of(html: &str) -> Segments {
        let doc = Html::parse_document(html);
        segment(doc.root_element(), &HashSet::new(), None)
    }

    #[test]
    fn cuts_at_block_tags_and_br() {
        let s = blocks_of("<body><div>Một <b>hai</b><br>ba<p>bốn</p>năm</div></body>");
        let texts: Vec<&str> = s.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["Một hai", "ba", "bốn", "năm"]);
    }

    #[test]
    fn container_ranges_hold_their_blocks() {
        let s =
            blocks_of("<body><div id=a><p>một</p><p>hai</p></div><div id=b><p>ba</p></div></body>");
        let a = s.nodes.iter().find(|n| n.tag == "div").expect("div");
        let texts: Vec<&str> = s.blocks[a.blocks.clone()]
            .iter()
            .map(|b| b.text.as_str())
            .collect();
        assert_eq!(texts, ["một", "hai"]);
    }

    #[test]
    fn element_text_breaks_lines_and_joins_inline_tags() {
        let doc = Html::parse_fragment("<h1>Những người<br>giữ <b>r</b>ừng<script>x</script></h1>");
        let h1 = doc
            .select(&scraper::Selector::parse("h1").expect("selector"))
            .next()
            .expect("h1");
        assert_eq!(clean_text(&element_text(h1)), "Những người giữ rừng");
    }

    #[test]
    fn anchor_links_are_not_link_text() {
        let s = blocks_of(
            "<body><p><a href='#muc-1'>Mục một</a></p><p><a href='/tin/1'>Tin một</a></p></body>",
        );
        assert_eq!(s.blocks[0].linked, 0.0);
        assert_eq!(s.blocks[1].linked, 1.0);
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let depth = 200_000;
        let html = format!(
            "<body>{}<p>chữ</p>{}</body>",
            "<span>".repeat(depth),
            "</span>".repeat(depth)
        );
        let s = blocks_of(&html);
        assert!(s.blocks.iter().any(|b| b.text == "chữ"));
    }

    #[test]
    fn hidden_and_script_content_is_left_out() {
        let s = blocks_of(
            "<body><p>thấy</p><p style='display: none'>ẩn</p><script>var x</script></body>",
        );
        let texts: Vec<&str> = s.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(texts, ["thấy"]);
    }
}
