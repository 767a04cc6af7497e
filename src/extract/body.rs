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

use ego_tree::NodeId;
use scraper::ElementRef;
use url::Url;

use super::blocks::segment;
pub use super::blocks::{absolute, Block};
use super::content;
use super::dates::is_date_line;
use super::hints::is_furniture_line;
use crate::model::Image;

/// Longest text that still counts as an image caption.
const MAX_CAPTION_CHARS: usize = 300;
/// Longest line that still counts as an author signature.
const MAX_AUTHOR_CHARS: usize = 60;
/// Longest line that still counts as a source credit.
const MAX_SOURCE_CHARS: usize = 120;
/// Shortest bold first paragraph taken for the lead.
const MIN_LEAD_CHARS: usize = 40;

/// The article's blocks inside a profile's body element, without the elements in `skip` and
/// the furniture inside it (the same classes as the generic extractor), with its images.
pub fn read_blocks(
    body: ElementRef<'_>,
    skip: &HashSet<NodeId>,
    base: Option<&Url>,
) -> (Vec<Block>, Vec<Image>) {
    let segments = segment(body, skip, base);
    let classes = content::classify(&segments);
    let chosen = content::article_blocks(&segments, &classes, 0, 0..segments.blocks.len());
    let images = segments.images;
    let mut all: Vec<Option<Block>> = segments.blocks.into_iter().map(Some).collect();
    let blocks = chosen
        .into_iter()
        .filter_map(|i| all.get_mut(i).and_then(Option::take))
        .collect();
    (blocks, images)
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

/// Sorts the blocks into captions, lead, paragraphs, author and source.
pub fn assemble(blocks: Vec<Block>, mut images: Vec<Image>, want_lead: bool) -> BodyParts {
    let mut kept: Vec<Block> = Vec::new();
    let mut last_image: Option<usize> = None;
    let mut caption_lines = 0;
    for block in blocks {
        if !block.images.is_empty() {
            last_image = block.images.last().copied();
            caption_lines = 0;
            if block.text.is_empty() {
                continue;
            }
        }
        if block.text.is_empty()
            || is_furniture_line(&block.text)
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
            let lead_like = first.bold || first.lead_classed;
            if lead_like && first.text.chars().count() >= MIN_LEAD_CHARS && kept.len() > 1 {
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
