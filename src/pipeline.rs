//! One page from bytes to a [`Record`]: decode, extract, recognise. Pure: no network, clock or disk.
//!
//! [`process_page_with`] takes the [`Recognizer`] to use (built once per run from the chosen
//! lexicons); [`process_page`] uses the [`default_recognizer`], built on first use from the
//! built-in lexicons, for callers that do not choose.

use std::sync::OnceLock;

use crate::decode;
use crate::error::PageError;
use crate::extract::{self, Profiles};
use crate::model::{Provenance, Record};
use crate::ner::{Lexicons, Recognizer};

/// Default limit on the size of one page, in bytes (`--max-size`).
pub const DEFAULT_MAX_PAGE_BYTES: u64 = 20 * 1024 * 1024;

/// Everything a page needs besides its bytes.
#[derive(Debug, Clone, Copy)]
pub struct PageContext<'a> {
    /// The page's original address, when known.
    pub url: Option<&'a str>,
    /// The `Content-Type` header it was served with, when known.
    pub content_type: Option<&'a str>,
    pub profiles: &'a Profiles,
    pub max_bytes: u64,
}

/// The recogniser over the built-in lexicons, built on first use and shared by the process.
pub fn default_recognizer() -> &'static Recognizer {
    static DEFAULT: OnceLock<Recognizer> = OnceLock::new();
    DEFAULT.get_or_init(|| Recognizer::new(&Lexicons::builtin()))
}

/// Decodes, extracts and recognises one page with the [`default_recognizer`].
pub fn process_page(bytes: &[u8], ctx: &PageContext<'_>) -> Result<Record, PageError> {
    process_page_with(bytes, ctx, default_recognizer())
}

/// Decodes, extracts and recognises one page with `recognizer`.
pub fn process_page_with(
    bytes: &[u8],
    ctx: &PageContext<'_>,
    recognizer: &Recognizer,
) -> Result<Record, PageError> {
    if bytes.is_empty() {
        return Err(PageError::Empty);
    }
    if bytes.len() as u64 > ctx.max_bytes {
        return Err(PageError::TooLarge {
            size: bytes.len() as u64,
            limit: ctx.max_bytes,
        });
    }
    let decoded = decode::decode_html(bytes, ctx.content_type)?;
    let mut article = extract::extract(&decoded.html, ctx.url, ctx.profiles)?;
    article.extractor.encoding = Some(decoded.encoding.to_string());
    article.extractor.repairs = decoded.repairs.iter().map(|r| r.to_string()).collect();
    let entities = recognizer.recognize_article(&article);
    Ok(Record {
        article,
        entities,
        provenance: Provenance::default(),
    })
}
