//! The HTTP message inside a WARC `response` record, turned into the bytes the server meant:
//! status line and headers parsed, `Transfer-Encoding: chunked` undone, `Content-Encoding`
//! (gzip, deflate, br) decompressed.
//!
//! Archives store what came over the wire, but not every tool agrees on what that is: some keep
//! the chunked framing, some store the de-chunked body yet keep the header. So a body that does not
//! start like chunked data, or does not decompress but already looks like HTML, is taken as it is.

use std::io::Read;

/// Largest body we decompress to: a guard against decompression bombs.
pub const MAX_DECODED_BYTES: u64 = 64 * 1024 * 1024;

/// A parsed HTTP response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse<'a> {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The body as stored (still chunked and compressed when the server sent it so).
    pub body: &'a [u8],
}

impl HttpResponse<'_> {
    /// The first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Splits an HTTP response into status, headers and body.
pub fn parse_http(block: &[u8]) -> Result<HttpResponse<'_>, String> {
    let (head_len, sep_len) = match (find(block, b"\r\n\r\n"), find(block, b"\n\n")) {
        (Some(a), Some(b)) if b < a => (b, 2),
        (Some(a), _) => (a, 4),
        (None, Some(b)) => (b, 2),
        // Headers only, no body at all (a HEAD response, a cut record): still parse the head.
        (None, None) => (block.len(), 0),
    };
    let head = String::from_utf8_lossy(&block[..head_len]);
    let mut lines = head.split('\n').map(|l| l.strip_suffix('\r').unwrap_or(l));
    let status_line = lines.next().unwrap_or("");
    let status = parse_status_line(status_line)
        .ok_or_else(|| format!("not an HTTP status line: {:?}", clip(status_line, 60)))?;
    let mut headers: Vec<(String, String)> = Vec::new();
    for line in lines {
        if line.starts_with([' ', '\t']) {
            if let Some((_, value)) = headers.last_mut() {
                value.push(' ');
                value.push_str(line.trim());
            }
            continue;
        }
        if let Some((name, value)) = line.split_once(':') {
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
    }
    let body = block.get(head_len + sep_len..).unwrap_or(&[]);
    Ok(HttpResponse {
        status,
        headers,
        body,
    })
}

/// `HTTP/1.1 200 OK`, `HTTP/2 200` -> 200.
fn parse_status_line(line: &str) -> Option<u16> {
    let mut parts = line.split_whitespace();
    let version = parts.next()?;
    if !version.to_ascii_uppercase().starts_with("HTTP/") {
        return None;
    }
    let code = parts.next()?;
    (code.len() == 3).then(|| code.parse().ok()).flatten()
}

/// The body as the server meant it: de-chunked and decompressed.
pub fn decoded_body(response: &HttpResponse<'_>) -> Result<Vec<u8>, String> {
    let mut body = response.body.to_vec();
    let chunked = response
        .header("Transfer-Encoding")
        .is_some_and(|te| te.to_ascii_lowercase().contains("chunked"));
    if chunked && starts_like_chunked(&body) {
        body = dechunk(&body)?;
    }
    if let Some(encodings) = response.header("Content-Encoding") {
        // Listed in the order they were applied, so undone from the last.
        for encoding in encodings.rsplit(',') {
            let encoding = encoding.trim().to_ascii_lowercase();
            body = match decompress(&encoding, &body) {
                Ok(decoded) => decoded,
                Err(_) if looks_like_html(&body) => body, // stored already decoded
                Err(err) => return Err(format!("Content-Encoding {encoding}: {err}")),
            };
        }
    }
    Ok(body)
}

/// True when the body opens with a hexadecimal chunk size line.
fn starts_like_chunked(body: &[u8]) -> bool {
    let line_end = body.iter().position(|&b| b == b'\n').unwrap_or(body.len());
    let line = &body[..line_end];
    let size = line.split(|&b| b == b';').next().unwrap_or(&[]);
    let size = size.trim_ascii();
    !size.is_empty() && size.iter().all(u8::is_ascii_hexdigit)
}

/// Undoes `Transfer-Encoding: chunked` (RFC 9112 section 7.1); trailers are dropped.
pub fn dechunk(body: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(body.len());
    let mut rest = body;
    loop {
        let line_end = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or("chunked body ends inside a chunk size line")?;
        let line = &rest[..line_end];
        let size_text = line
            .split(|&b| b == b';')
            .next()
            .unwrap_or(&[])
            .trim_ascii();
        let size_text = std::str::from_utf8(size_text).map_err(|_| "bad chunk size")?;
        let size = u64::from_str_radix(size_text, 16)
            .map_err(|_| format!("bad chunk size {:?}", clip(size_text, 20)))?;
        rest = &rest[line_end + 1..];
        if size == 0 {
            return Ok(out);
        }
        let size = usize::try_from(size).map_err(|_| "chunk size too large")?;
        if size > rest.len() {
            return Err(format!(
                "chunked body is truncated: chunk of {size} bytes, {} left",
                rest.len()
            ));
        }
        out.extend_from_slice(&rest[..size]);
        rest = &rest[size..];
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
        if rest.is_empty() {
            // Some servers end without the last-chunk; what came is the whole body.
            return Ok(out);
        }
    }
}

fn decompress(encoding: &str, body: &[u8]) -> Result<Vec<u8>, String> {
    match encoding {
        "" | "identity" | "none" => Ok(body.to_vec()),
        "gzip" | "x-gzip" => read_capped(flate2::read::MultiGzDecoder::new(body)),
        // "deflate" should be zlib-wrapped, but servers also send raw deflate.
        "deflate" => read_capped(flate2::read::ZlibDecoder::new(body))
            .or_else(|_| read_capped(flate2::read::DeflateDecoder::new(body))),
        "br" => read_capped(brotli::Decompressor::new(body, 4096)),
        other => Err(format!("unsupported encoding {other:?}")),
    }
}

fn read_capped(reader: impl Read) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    reader
        .take(MAX_DECODED_BYTES + 1)
        .read_to_end(&mut out)
        .map_err(|err| err.to_string())?;
    if out.len() as u64 > MAX_DECODED_BYTES {
        return Err(format!(
            "decompresses to more than {MAX_DECODED_BYTES} bytes"
        ));
    }
    Ok(out)
}

/// Whether a payload is an HTML page: by its media type when there is one, else by its first bytes.
pub fn is_html(content_type: Option<&str>, body: &[u8]) -> bool {
    match content_type.map(media_type) {
        Some(mime) if !mime.is_empty() && mime != "application/octet-stream" => {
            mime == "text/html" || mime == "application/xhtml+xml"
        }
        _ => looks_like_html(body),
    }
}

/// `text/html; charset=utf-8` -> `text/html`.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Opens (after a BOM and white space) with `<!doctype html`, `<html` or an HTML comment.
pub fn looks_like_html(body: &[u8]) -> bool {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let start = body
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(body.len());
    let head: Vec<u8> = body[start..]
        .iter()
        .take(14)
        .map(u8::to_ascii_lowercase)
        .collect();
    head.starts_with(b"<!doctype html") || head.starts_with(b"<html") || head.starts_with(b"<!--")
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// At most `max` characters of `text`, for error messages.
pub fn clip(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn response(headers: &str, body: &[u8]) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 200 OK\r\n{headers}\r\n").into_bytes();
        out.extend_from_slice(body);
        out
    }

    #[test]
    fn parses_status_and_folded_headers() {
        let block =
            b"HTTP/1.0 404 Not Found\r\nContent-Type: text/html;\r\n charset=utf-8\r\n\r\nbody";
        let parsed = parse_http(block).unwrap();
        assert_eq!(parsed.status, 404);
        assert_eq!(
            parsed.header("content-type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(parsed.body, b"body");
        assert!(parse_http(b"GET / HTTP/1.1\r\n\r\n").is_err());
        assert_eq!(parse_http(b"HTTP/2 200\n\nx").unwrap().body, b"x");
    }

    #[test]
    fn dechunks_with_extensions_and_rejects_truncation() {
        assert_eq!(
            dechunk(b"4;x=y\r\nWiki\r\n5\r\npedia\r\n0\r\n\r\n").unwrap(),
            b"Wikipedia"
        );
        assert!(dechunk(b"a\r\nshort").is_err());
        assert!(dechunk(b"zz\r\n").is_err());
    }

    #[test]
    fn decodes_deflate_raw_deflate_and_brotli() {
        let html = "<html><body>Ủy ban nhân dân</body></html>".as_bytes();
        let mut zlib = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        zlib.write_all(html).unwrap();
        let mut raw =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        raw.write_all(html).unwrap();
        let mut br = Vec::new();
        {
            let mut writer = brotli::CompressorWriter::new(&mut br, 4096, 5, 22);
            writer.write_all(html).unwrap();
        }
        for (encoding, body) in [
            ("deflate", zlib.finish().unwrap()),
            ("deflate", raw.finish().unwrap()),
            ("br", br),
        ] {
            let block = response(&format!("Content-Encoding: {encoding}\r\n"), &body);
            let parsed = parse_http(&block).unwrap();
            assert_eq!(decoded_body(&parsed).unwrap(), html, "{encoding}");
        }
    }

    #[test]
    fn keeps_bodies_stored_already_decoded() {
        let html = b"<!DOCTYPE html><p>x</p>";
        let block = response(
            "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
            html,
        );
        assert_eq!(decoded_body(&parse_http(&block).unwrap()).unwrap(), html);
        let block = response("Content-Encoding: gzip\r\n", b"\x00\x01binary");
        assert!(decoded_body(&parse_http(&block).unwrap()).is_err());
    }

    #[test]
    fn recognises_html() {
        assert!(is_html(Some("text/html; charset=windows-1258"), b""));
        assert!(is_html(Some("application/xhtml+xml"), b""));
        assert!(!is_html(Some("image/png"), b"<html>"));
        assert!(is_html(None, b"\xEF\xBB\xBF  <!DOCTYPE HTML>"));
        assert!(!is_html(None, b"%PDF-1.4"));
    }
}
