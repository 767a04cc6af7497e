//! One page from bytes to a [`Record`]: decode, extract, recognise. Pure: no network, clock or disk.
//! The record's `id` comes from the page's URL (given, else canonical); [`process_input`] also
//! names the input and falls back to an id from that name and the bytes.
//!
//! [`process_page_with`] and [`process_input`] take the [`Recognizer`] to use (built once per run
//! from the chosen lexicons); [`process_page`] uses the [`default_recognizer`], built on first use
//! from the built-in lexicons, for callers that do not choose.

use std::sync::OnceLock;

use crate::decode;
use crate::error::PageError;
use crate::extract::{self, Profiles};
use crate::model::{record_id_of_input, record_id_of_url, Provenance, Record};
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
    let mut record = extract_page(bytes, ctx)?;
    record.entities = recognizer.recognize_article(&record.article);
    Ok(record)
}

/// [`process_page_with`] for a named input (a file path as given, `-` for stdin, a URL): the
/// record's `input` is that name, and a page whose address is unknown gets its `id` from the name
/// and its bytes ([`record_id_of_input`]).
pub fn process_input(
    bytes: &[u8],
    ctx: &PageContext<'_>,
    input: &str,
    recognizer: &Recognizer,
) -> Result<Record, PageError> {
    let mut record = process_page_with(bytes, ctx, recognizer)?;
    record.provenance.input = Some(input.to_string());
    if record.id.is_none() {
        record.id = Some(record_id_of_input(input, bytes));
    }
    Ok(record)
}

/// Decodes and extracts one page, without entity recognition (`entities` stays empty): what
/// `crawl --no-entities` writes.
pub fn extract_page(bytes: &[u8], ctx: &PageContext<'_>) -> Result<Record, PageError> {
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
    let mut record = Record {
        id: None,
        article,
        entities: Default::default(),
        provenance: Provenance::default(),
    };
    record.id = record.known_url().map(record_id_of_url);
    Ok(record)
}
