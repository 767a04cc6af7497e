//! From WARC records to HTML pages: which records hold pages, their HTTP payload decoded, and a
//! reason for every record of a page-holding type that is passed over.

use std::fs::File;
use std::io::{Read, Seek};
use std::path::Path;

use super::payload::{self, is_html, media_type, parse_http};
use super::{WarcError, WarcReader, WarcRecord};
use crate::model::Provenance;

/// One HTML page found in a WARC file, ready for the pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcPage {
    /// `WARC-Target-URI`: the page's address.
    pub target_uri: String,
    /// The HTTP `Content-Type` (with its charset) or, for `resource` records, the record's.
    pub content_type: Option<String>,
    /// HTTP status (`None` for `resource` records).
    pub status: Option<u16>,
    /// The payload, de-chunked and decompressed.
    pub body: Vec<u8>,
    /// The WARC file, as given.
    pub file: String,
    /// Offset of the record (see the module docs).
    pub offset: u64,
    /// `WARC-Date`: when the page was captured (RFC 3339 UTC).
    pub date: Option<String>,
}

impl WarcPage {
    /// Provenance for the record made from this page.
    pub fn provenance(&self) -> Provenance {
        Provenance {
            input: Some(self.file.clone()),
            fetched_at: self.date.clone(),
            status: self.status,
            warc_file: Some(self.file.clone()),
            warc_offset: Some(self.offset),
            ..Provenance::default()
        }
    }
}

/// The HTML pages of one WARC file, in file order; see the module docs. An unreadable file is
/// the first (and only) item.
pub fn html_responses(path: &Path) -> HtmlResponses<File> {
    match WarcReader::open(path) {
        Ok(reader) => HtmlResponses::new(reader),
        Err(err) => HtmlResponses {
            reader: None,
            open_error: Some(err),
        },
    }
}

/// Iterator returned by [`html_responses`].
pub struct HtmlResponses<R: Read + Seek = File> {
    reader: Option<WarcReader<R>>,
    open_error: Option<WarcError>,
}

impl<R: Read + Seek> HtmlResponses<R> {
    /// The HTML pages among the records of `reader`.
    pub fn new(reader: WarcReader<R>) -> Self {
        let reader = reader.with_blocks_of(&["response", "resource"]);
        HtmlResponses {
            reader: Some(reader),
            open_error: None,
        }
    }
}

impl<R: Read + Seek> Iterator for HtmlResponses<R> {
    type Item = Result<WarcPage, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        if let Some(err) = self.open_error.take() {
            return Some(Err(err));
        }
        let reader = self.reader.as_mut()?;
        loop {
            match reader.next()? {
                Err(err) => return Some(Err(err)),
                Ok(record) => {
                    if let Some(page) = html_page(&record, reader.file()) {
                        return Some(page);
                    }
                }
            }
        }
    }
}

/// The HTML page in a record, a reason to skip it, or `None` for records that never hold pages.
fn html_page(record: &WarcRecord, file: &str) -> Option<Result<WarcPage, WarcError>> {
    let warc_type = record.warc_type();
    if warc_type != "response" && warc_type != "resource" {
        return None;
    }
    let uri = record.target_uri().unwrap_or("").to_string();
    let offset = record.offset;
    let skipped = |reason: String| {
        Some(Err(WarcError::Skipped {
            file: file.to_string(),
            offset,
            uri: uri.clone(),
            reason,
        }))
    };
    if uri.starts_with("dns:") {
        return None; // Heritrix records DNS lookups as responses.
    }
    if let Some(reason) = record.header("WARC-Truncated") {
        // The crawler stopped storing the payload (`length`, `time`, ...): half a page would give
        // half an article.
        return skipped(format!(
            "payload cut short by the archiving crawler (WARC-Truncated: {reason})"
        ));
    }
    let Some(block) = record.block.as_deref() else {
        return skipped(format!(
            "block of {} bytes is over the size limit",
            record.content_length
        ));
    };
    let record_type = record.header("Content-Type");
    let is_http = warc_type == "response"
        && (record_type.map(media_type).as_deref() == Some("application/http")
            || (record_type.is_none() && block.starts_with(b"HTTP/")));
    let page = |content_type: Option<String>, status: Option<u16>, body: Vec<u8>| WarcPage {
        target_uri: uri.clone(),
        content_type,
        status,
        body,
        file: file.to_string(),
        offset,
        date: record.header("WARC-Date").map(str::to_string),
    };
    if !is_http {
        if warc_type == "response" {
            return skipped(format!(
                "not an HTTP response ({})",
                record_type.unwrap_or("no Content-Type")
            ));
        }
        if !is_html(record_type, block) {
            return skipped(format!(
                "not HTML ({})",
                record_type.unwrap_or("no Content-Type")
            ));
        }
        return Some(Ok(page(
            record_type.map(str::to_string),
            None,
            block.to_vec(),
        )));
    }
    let corrupt = |message: String| {
        Some(Err(WarcError::Corrupt {
            file: file.to_string(),
            offset,
            message,
        }))
    };
    let response = match parse_http(block) {
        Ok(response) => response,
        Err(message) => return corrupt(message),
    };
    if !(200..300).contains(&response.status) || response.status == 204 {
        return skipped(format!("HTTP status {}", response.status));
    }
    let content_type = response.header("Content-Type").map(str::to_string);
    let body = match payload::decoded_body(&response) {
        Ok(body) => body,
        Err(message) => return corrupt(format!("HTTP payload: {message}")),
    };
    if !is_html(content_type.as_deref(), &body) {
        return skipped(format!(
            "not HTML ({})",
            content_type.as_deref().unwrap_or("no Content-Type")
        ));
    }
    Some(Ok(page(content_type, Some(response.status), body)))
}

#[cfg(test)]
mod tests {
    use std::io::Cursor;

    use super::*;

    fn warc(extra_header: &str) -> Vec<u8> {
        let http =
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>Tin</body></html>";
        format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://a.gov.vn/x\r\n{extra_header}\
             Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        )
        .into_bytes()
    }

    fn pages(bytes: Vec<u8>) -> Vec<Result<WarcPage, WarcError>> {
        HtmlResponses::new(WarcReader::new(Cursor::new(bytes), "t.warc").unwrap()).collect()
    }

    #[test]
    fn a_whole_response_is_a_page() {
        let items = pages(warc(""));
        assert!(
            matches!(&items[..], [Ok(page)] if page.body.ends_with(b"</html>") && page.status == Some(200))
        );
    }

    #[test]
    fn payloads_cut_by_the_crawler_are_skipped() {
        let items = pages(warc("WARC-Truncated: length\r\n"));
        assert_eq!(items.len(), 1);
        let err = items.into_iter().next().unwrap().unwrap_err();
        assert!(
            err.is_skip() && err.to_string().contains("WARC-Truncated: length"),
            "{err}"
        );
    }
}
