//! The body of an article: from the body element to paragraphs, images with captions, and the
//! trailing author and source credit lines.
//!
//! [`read_blocks`] walks the body element once and cuts it into blocks at block-level tags and
//! `<br>`, noting for each block whether it holds an image, is centred, right-aligned, in italics
//! or bold, or sits in a `<figcaption>`. [`assemble`] then decides what each block is: a caption
//! (the short centred/italic block after an image), the lead (a bold first paragraph), the credit
//! at the end ("Nguồn: ...", "Theo ..."), the author (a short right-aligned line at the end), a
//! related-news heading (everything after it is dropped) or a paragraph of `text`.

use std::collections::HashSet;
use std::sync::OnceLock;

use regex::Regex;
use scraper::node::Node;
use scraper::ElementRef;
use url::Url;

use crate::decode::clean_text;
use crate::model::Image;

/// Longest text that still counts as an image caption.
const MAX_CAPTION_CHARS: usize = 300;
/// Longest line that still counts as an author signature.
const MAX_AUTHOR_CHARS: usize = 60;
/// Longest line that still counts as a source credit.
const MAX_SOURCE_CHARS: usize = 120;
/// Shortest bold first paragraph taken for the lead.
const MIN_LEAD_CHARS: usize = 40;
/// Share of a block's letters inside `<em>`/`<strong>` for it to count as italic/bold.
const STYLE_SHARE: f32 = 0.9;

/// Tags whose content is never article text.
const SKIPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "iframe", "button", "form", "select", "input", "textarea",
    "svg", "template", "nav", "aside", "footer", "object", "embed", "video", "audio", "canvas",
    "map",
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
    "header",
    "dl",
    "dt",
    "dd",
    "pre",
    "center",
    "address",
    "hr",
    "tbody",
    "thead",
];

/// One block of the body.
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
    /// Share of the block's letters inside links (a listing's item titles are whole links).
    pub linked: f32,
}

#[derive(Default)]
struct Styles {
    link: usize,
    centered: usize,
    right: usize,
    italic: usize,
    bold: usize,
    figcaption: usize,
}

struct Walker<'a> {
    skip: &'a HashSet<usize>,
    base: Option<&'a Url>,
    blocks: Vec<Block>,
    images: Vec<Image>,
    current: Block,
    letters: usize,
    italic_letters: usize,
    bold_letters: usize,
    link_letters: usize,
    styles: Styles,
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
        (
            self.letters,
            self.italic_letters,
            self.bold_letters,
            self.link_letters,
        ) = (0, 0, 0, 0);
        if !block.text.is_empty() || !block.images.is_empty() {
            self.blocks.push(block);
        }
    }

    fn text(&mut self, text: &str) {
        let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
        if letters > 0 {
            self.current.centered |= self.styles.centered > 0;
            self.current.right |= self.styles.right > 0;
            self.current.figcaption |= self.styles.figcaption > 0;
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

    fn image(&mut self, el: &scraper::node::Element) {
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
        self.images.push(Image { src, caption: None });
        self.current.images.push(self.images.len() - 1);
    }

    fn walk(&mut self, element: ElementRef<'_>) {
        if self.skip.contains(&node_key(element)) {
            return;
        }
        let el = element.value();
        let name = el.name();
        if SKIPPED_TAGS.contains(&name) || el.attr("hidden").is_some() {
            return;
        }
        match name {
            "img" => return self.image(el),
            "br" => return self.flush(),
            _ => {}
        }
        let block = BLOCK_TAGS.contains(&name);
        if block {
            self.flush();
        }
        let style = el
            .attr("style")
            .unwrap_or_default()
            .to_ascii_lowercase()
            .replace(' ', "");
        let align = el.attr("align").unwrap_or_default().to_ascii_lowercase();
        let flags = [
            align == "center" || style.contains("text-align:center") || name == "center",
            align == "right" || style.contains("text-align:right"),
            matches!(name, "em" | "i"),
            matches!(name, "strong" | "b"),
            name == "figcaption",
            name == "a",
        ];
        self.bump(flags, 1);
        self.children(element);
        self.bump(flags, -1);
        if block {
            self.flush();
        }
    }

    fn children(&mut self, element: ElementRef<'_>) {
        for child in element.children() {
            match child.value() {
                Node::Text(text) => self.text(text),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.walk(child);
                    }
                }
                _ => {}
            }
        }
    }

    fn bump(&mut self, [centered, right, italic, bold, figcaption, link]: [bool; 6], by: isize) {
        let counters = [
            (centered, &mut self.styles.centered),
            (right, &mut self.styles.right),
            (italic, &mut self.styles.italic),
            (bold, &mut self.styles.bold),
            (figcaption, &mut self.styles.figcaption),
            (link, &mut self.styles.link),
        ];
        for (on, counter) in counters {
            if on {
                *counter = counter.saturating_add_signed(by);
            }
        }
    }
}

/// Identity of an element within its parsed document (nodes do not move while it is borrowed).
pub fn node_key(element: ElementRef<'_>) -> usize {
    element.value() as *const scraper::node::Element as usize
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

/// Cuts the body element into blocks and collects its images.
pub fn read_blocks(
    body: ElementRef<'_>,
    skip: &HashSet<usize>,
    base: Option<&Url>,
) -> (Vec<Block>, Vec<Image>) {
    let mut walker = Walker {
        skip,
        base,
        blocks: Vec::new(),
        images: Vec::new(),
        current: Block::default(),
        letters: 0,
        italic_letters: 0,
        bold_letters: 0,
        link_letters: 0,
        styles: Styles::default(),
    };
    walker.children(body);
    walker.flush();
    (walker.blocks, walker.images)
}

/// What the body's blocks hold, sorted out.
#[derive(Debug, Default)]
pub struct BodyParts {
    pub paragraphs: Vec<String>,
    pub images: Vec<Image>,
    pub lead: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
}

/// A heading that opens a related-news list: nothing after it is article text.
fn is_related_heading(text: &str) -> bool {
    static RELATED: OnceLock<Regex> = OnceLock::new();
    let re = RELATED.get_or_init(|| {
        Regex::new(r"(?i)^(các\s+)?(tin|bài)\s+(khác|liên quan|cùng chuyên mục|đã đưa|mới hơn|cũ hơn|xem nhiều|nổi bật)\b|^(xem thêm|đọc thêm|bài viết liên quan|tin tức liên quan|related (news|articles))\s*:?$")
            .expect("static regex")
    });
    text.chars().count() <= 60 && re.is_match(text)
}

/// A line of page furniture that can sit inside a body element: print and share links, view
/// counters ("In bài viết | Gửi email", "Lượt xem: 1.024"). Every `|`-separated piece must be
/// one of these labels, optionally with a number, so a subheading like "Chia sẻ kinh nghiệm"
/// stays.
fn is_furniture(text: &str) -> bool {
    static FURNITURE: OnceLock<Regex> = OnceLock::new();
    let re = FURNITURE.get_or_init(|| {
        Regex::new(r"(?i)^(in bài( viết)?|in trang|bản in|gửi (mail|email|e-mail|bài viết|cho bạn bè)|chia sẻ|share|lượt xem|số lượt xem|lượt đọc|view count|views?|đã xem|phản hồi|bình luận|tweet|facebook|zalo|quay lại|trở về|về đầu trang|lên đầu trang|đầu trang)\s*:?\s*[\d.,]*$")
            .expect("static regex")
    });
    text.chars().count() <= 80
        && text
            .split('|')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .all(|piece| re.is_match(piece))
        && text.chars().any(char::is_alphabetic)
}

/// The article's own date line ("Cập nhật lúc: 14h30 ngày 28/12/2010") inside the body element.
fn is_date_line(text: &str) -> bool {
    static LABEL: OnceLock<Regex> = OnceLock::new();
    let re = LABEL.get_or_init(|| {
        Regex::new(r"(?i)^(ngày đăng|ngày cập nhật|cập nhật|đăng lúc|đăng ngày|ngày|thứ|chủ nhật|publish|posted|\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4})")
            .expect("static regex")
    });
    text.chars().count() <= 80
        && re.is_match(text)
        && super::dates::parse_date_line(text).published.is_some()
}

/// "Nguồn: snv.khanhhoa.gov.vn", "(Theo Báo Chính phủ)", "Theo TTXVN" -> the credit.
pub fn source_credit(text: &str) -> Option<String> {
    static SOURCE: OnceLock<Regex> = OnceLock::new();
    let re = SOURCE.get_or_init(|| {
        Regex::new(r"(?i)^\(?\s*(nguồn(?:\s+tin)?\s*:?|theo\s*:?)\s*(.+?)\s*\)?\s*\.?$")
            .expect("static regex")
    });
    if text.chars().count() > MAX_SOURCE_CHARS {
        return None;
    }
    let caps = re.captures(text)?;
    let credit = caps.get(2)?.as_str();
    // "Theo bác sĩ Hồng, ..." starts a sentence; a credit has no comma clause and few words.
    if credit.contains(", ") || credit.split_whitespace().count() > 10 {
        return None;
    }
    Some(
        text.trim_matches(|c| c == '(' || c == ')')
            .trim()
            .to_string(),
    )
}

/// A signature line: short, a few words, starting with a capital, no clause punctuation.
/// Initials are fine ("T.Hà", "P.V", "Minh Anh (tổng hợp)").
fn looks_like_author(text: &str) -> bool {
    let words = text.split_whitespace().count();
    text.chars().count() <= MAX_AUTHOR_CHARS
        && (1..=8).contains(&words)
        && !text.contains([':', ';', '?', '!', ','])
        && !text.trim_end_matches(['.', '/']).contains(". ")
        && text.chars().next().is_some_and(|c| c.is_uppercase())
}

/// True when the blocks look like a list of article teasers: a quarter or more of them are
/// whole links of headline length.
pub fn is_teaser_list(blocks: &[Block]) -> bool {
    let text_blocks = blocks.iter().filter(|b| !b.text.is_empty()).count();
    let headline_links = blocks
        .iter()
        .filter(|b| b.linked >= 0.9 && b.text.chars().count() >= 20)
        .count();
    // One stray headline link in a short article is not a list; one in a three-block body
    // (title link, date, summary) is a single teaser.
    headline_links * 4 >= text_blocks
        && (headline_links >= 2 || (headline_links == 1 && text_blocks <= 3))
}

/// Sorts the blocks into captions, lead, paragraphs, author and source.
pub fn assemble(blocks: Vec<Block>, mut images: Vec<Image>, want_lead: bool) -> BodyParts {
    let mut kept: Vec<Block> = Vec::new();
    let mut last_image: Option<usize> = None;
    let mut caption_lines = 0;
    for block in blocks {
        if is_related_heading(&block.text) {
            break;
        }
        if !block.images.is_empty() {
            last_image = block.images.last().copied();
            caption_lines = 0;
            if block.text.is_empty() {
                continue;
            }
        }
        if block.text.is_empty()
            || is_furniture(&block.text)
            || (kept.len() < 3 && is_date_line(&block.text))
        {
            continue;
        }
        let short = block.text.chars().count() <= MAX_CAPTION_CHARS;
        let caption_like = block.figcaption || (short && (block.centered || block.italic));
        // A second caption line is only a photo credit ("Ảnh: Diệu Linh").
        let lower = block.text.to_lowercase();
        let more = caption_lines == 0
            || lower.starts_with("ảnh")
            || lower.starts_with("(ảnh")
            || lower.starts_with("photo");
        let credit = source_credit(&block.text).is_some();
        if let (Some(index), true) = (last_image, caption_like && more && !credit) {
            if let Some(image) = images.get_mut(index) {
                image.caption = Some(match image.caption.take() {
                    Some(before) => format!("{before} {}", block.text),
                    None => block.text.clone(),
                });
                caption_lines += 1;
                continue;
            }
        }
        last_image = None;
        kept.push(block);
    }

    let mut parts = BodyParts::default();
    // The credit and the signature sit in the last few blocks, in either order.
    let mut signatures = 0;
    for _ in 0..3 {
        let Some(last) = kept.last() else { break };
        if parts.source.is_none() {
            if let Some(credit) = source_credit(&last.text) {
                parts.source = Some(credit);
                kept.pop();
                continue;
            }
        }
        if signatures < 2 && (last.right || last.bold) && looks_like_author(&last.text) {
            signatures += 1;
            // Two signature lines: the upper one is the writer, the lower one an editor or the
            // CMS account that posted the article ("Pho Ban bien tap").
            parts.author = Some(last.text.trim_end_matches(['.', '/']).to_string());
            kept.pop();
            continue;
        }
        break;
    }
    if want_lead {
        if let Some(first) = kept.first() {
            if first.bold && first.text.chars().count() >= MIN_LEAD_CHARS && kept.len() > 1 {
                parts.lead = Some(first.text.clone());
                kept.remove(0);
            }
        }
    }
    images.retain(|img| !img.src.is_empty());
    parts.images = images;
    parts.paragraphs = kept.into_iter().map(|b| b.text).collect();
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures() {
        for (line, ok) in [
            ("Linh Hoàng", true),
            ("T.Hà", true),
            ("Minh Anh (tổng hợp)", true),
            ("Kết thúc hội nghị, các đại biểu chụp ảnh.", false),
            ("Nguồn: abc", false),
        ] {
            assert_eq!(looks_like_author(line), ok, "{line}");
        }
    }

    #[test]
    fn furniture_lines() {
        for (line, ok) in [
            ("In bài viết | Gửi email", true),
            ("Lượt xem: 1.024", true),
            ("Chia sẻ kinh nghiệm", false),
            ("Chia sẻ", true),
        ] {
            assert_eq!(is_furniture(line), ok, "{line}");
        }
    }

    #[test]
    fn credits() {
        assert_eq!(
            source_credit("nguồn: snv.khanhhoa.gov.vn").as_deref(),
            Some("nguồn: snv.khanhhoa.gov.vn")
        );
        assert_eq!(
            source_credit("(Theo Báo Chính phủ)").as_deref(),
            Some("Theo Báo Chính phủ")
        );
        assert_eq!(source_credit("Theo bác sĩ Hồng, bệnh này hiếm gặp."), None);
    }
}
