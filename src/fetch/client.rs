//! One HTTP exchange, kept whole: a thin wrapper over `reqwest` that does not follow redirects
//! (the crawler records each hop and checks its scope), does not decompress (the raw bytes go to
//! the WARC; we decode gzip / deflate / brotli ourselves with a size limit), and stops reading a
//! body past the size limit. It returns both forms of the exchange: the bytes for the archive
//! and the decoded body for discovery and extraction.

use std::io::Read;
use std::time::Duration;

use reqwest::header::{
    HeaderMap, HeaderValue, ACCEPT, ACCEPT_ENCODING, IF_MODIFIED_SINCE, IF_NONE_MATCH, USER_AGENT,
};

/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default limit for a whole exchange (headers and body).
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// How the client is built; frozen once.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub user_agent: String,
    pub connect_timeout: Duration,
    pub timeout: Duration,
    /// Limit on the body, both as received and decompressed.
    pub max_bytes: u64,
    pub insecure_tls: bool,
}

/// Validators from an earlier fetch, sent back for a conditional GET.
#[derive(Debug, Clone, Default)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A complete exchange.
#[derive(Debug, Clone)]
pub struct Response {
    pub url: String,
    pub status: u16,
    /// Header names in lower case, values as text (lossy).
    pub headers: Vec<(String, String)>,
    /// The request as sent, for the WARC request record.
    pub request: Vec<u8>,
    /// Status line and headers as received, ending in the blank line.
    pub head: Vec<u8>,
    /// The body as received (content-encoded, de-chunked).
    pub raw_body: Vec<u8>,
    /// The body with content coding removed.
    pub body: Vec<u8>,
    pub ip: Option<String>,
    /// The body was cut at the cap of [`Client::get_prefix`].
    pub truncated: bool,
}

/// What to do with a body over the limit.
#[derive(Debug, Clone, Copy)]
enum BodyLimit {
    /// Fail with [`FetchFailure::TooLarge`].
    Fail(u64),
    /// Keep the first bytes, stop reading.
    Cut(u64),
}

/// Statuses that never carry a body.
pub fn has_no_body(status: u16) -> bool {
    (100..200).contains(&status) || status == 204 || status == 304
}

impl Response {
    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn content_type(&self) -> Option<&str> {
        self.header("content-type")
    }
}

/// Why an exchange failed before a usable response was in hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchFailure {
    Timeout(String),
    Connect(String),
    TooLarge(u64),
    Decode(String),
    Other(String),
}

impl std::fmt::Display for FetchFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchFailure::Timeout(m) => write!(f, "timeout: {m}"),
            FetchFailure::Connect(m) => write!(f, "connection failed: {m}"),
            FetchFailure::TooLarge(limit) => write!(f, "body over the limit of {limit} bytes"),
            FetchFailure::Decode(m) => write!(f, "cannot decode body: {m}"),
            FetchFailure::Other(m) => write!(f, "{m}"),
        }
    }
}

/// The HTTP client: one per crawl, shared by all tasks.
#[derive(Debug, Clone)]
pub struct Client {
    http: reqwest::Client,
    config: ClientConfig,
}

impl Client {
    pub fn new(config: ClientConfig) -> Result<Client, String> {
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.timeout)
            .timeout(config.timeout)
            .danger_accept_invalid_certs(config.insecure_tls)
            .pool_max_idle_per_host(4)
            .build()
            .map_err(|e| format!("cannot build HTTP client: {e}"))?;
        Ok(Client { http, config })
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// One GET, no redirects followed; a body over the size limit is a failure.
    pub async fn get(&self, url: &str, validators: &Validators) -> Result<Response, FetchFailure> {
        self.exchange(url, validators, BodyLimit::Fail(self.config.max_bytes))
            .await
    }

    /// One GET whose body is cut at `cap` bytes (as received and decoded) instead of failing:
    /// for robots.txt, of which only a prefix is read (RFC 9309 section 2.5), however long or
    /// endless the file. The response says whether it was cut.
    pub async fn get_prefix(&self, url: &str, cap: u64) -> Result<Response, FetchFailure> {
        self.exchange(url, &Validators::default(), BodyLimit::Cut(cap))
            .await
    }

    async fn exchange(
        &self,
        url: &str,
        validators: &Validators,
        limit: BodyLimit,
    ) -> Result<Response, FetchFailure> {
        let parsed =
            url::Url::parse(url).map_err(|e| FetchFailure::Other(format!("bad URL: {e}")))?;
        let mut headers = HeaderMap::new();
        let ua = HeaderValue::from_str(&self.config.user_agent)
            .map_err(|_| FetchFailure::Other("user agent is not a valid header value".into()))?;
        headers.insert(USER_AGENT, ua);
        headers.insert(
            ACCEPT,
            HeaderValue::from_static(
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
            ),
        );
        headers.insert(
            ACCEPT_ENCODING,
            HeaderValue::from_static("gzip, deflate, br"),
        );
        if let Some(v) = validators
            .etag
            .as_deref()
            .and_then(|v| HeaderValue::from_str(v).ok())
        {
            headers.insert(IF_NONE_MATCH, v);
        }
        if let Some(v) = validators
            .last_modified
            .as_deref()
            .and_then(|v| HeaderValue::from_str(v).ok())
        {
            headers.insert(IF_MODIFIED_SINCE, v);
        }
        let request = request_bytes(&parsed, &headers);
        let mut resp = self
            .http
            .get(parsed.clone())
            .headers(headers)
            .send()
            .await
            .map_err(classify)?;
        let status = resp.status();
        let ip = resp.remote_addr().map(|a| a.ip().to_string());
        let version = match resp.version() {
            reqwest::Version::HTTP_09 => "HTTP/0.9",
            reqwest::Version::HTTP_10 => "HTTP/1.0",
            reqwest::Version::HTTP_2 => "HTTP/2",
            reqwest::Version::HTTP_3 => "HTTP/3",
            _ => "HTTP/1.1",
        };
        let mut head = format!(
            "{version} {} {}\r\n",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )
        .into_bytes();
        let mut header_list = Vec::with_capacity(resp.headers().len());
        for (name, value) in resp.headers() {
            let name = name.as_str();
            // hyper has already removed the chunked coding: say so instead of lying.
            let stored = if name.eq_ignore_ascii_case("transfer-encoding") {
                "X-Crawler-Transfer-Encoding"
            } else {
                name
            };
            head.extend_from_slice(stored.as_bytes());
            head.extend_from_slice(b": ");
            head.extend_from_slice(value.as_bytes());
            head.extend_from_slice(b"\r\n");
            header_list.push((
                name.to_ascii_lowercase(),
                String::from_utf8_lossy(value.as_bytes()).into_owned(),
            ));
        }
        head.extend_from_slice(b"\r\n");
        let (cap, cut_ok) = match limit {
            BodyLimit::Fail(n) => (n, false),
            BodyLimit::Cut(n) => (n, true),
        };
        if !cut_ok && resp.content_length().is_some_and(|n| n > cap) {
            return Err(FetchFailure::TooLarge(cap));
        }
        let mut raw_body = Vec::new();
        let mut truncated = false;
        while let Some(chunk) = resp.chunk().await.map_err(classify)? {
            if (raw_body.len() + chunk.len()) as u64 > cap {
                if !cut_ok {
                    return Err(FetchFailure::TooLarge(cap));
                }
                let room = (cap as usize).saturating_sub(raw_body.len());
                raw_body.extend_from_slice(&chunk[..room.min(chunk.len())]);
                truncated = true;
                break; // dropping `resp` closes the connection: an endless body ends here
            }
            raw_body.extend_from_slice(&chunk);
        }
        let coding = header_list
            .iter()
            .find(|(n, _)| n == "content-encoding")
            .map(|(_, v)| v.trim().to_ascii_lowercase())
            .unwrap_or_default();
        let status = status.as_u16();
        // 1xx, 204 and 304 have no body, whatever their headers say (RFC 9110 6.4.1): a
        // `304 Not Modified` with `Content-Encoding: gzip` is not an empty gzip stream.
        let body = if has_no_body(status) {
            Vec::new()
        } else if cut_ok {
            let (body, cut) = decode_prefix(&coding, &raw_body, cap);
            truncated |= cut;
            body
        } else {
            decode_body(&coding, &raw_body, cap)?
        };
        Ok(Response {
            url: url.to_string(),
            status,
            headers: header_list,
            request,
            head,
            raw_body,
            body,
            ip,
            truncated,
        })
    }
}

fn classify(e: reqwest::Error) -> FetchFailure {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    if e.is_timeout() {
        FetchFailure::Timeout(msg)
    } else if e.is_connect() {
        FetchFailure::Connect(msg)
    } else {
        FetchFailure::Other(msg)
    }
}

/// The request line and headers as we send them (HTTP/1.1 form), for the WARC request record.
fn request_bytes(url: &url::Url, headers: &HeaderMap) -> Vec<u8> {
    let mut path = url.path().to_string();
    if let Some(q) = url.query() {
        path.push('?');
        path.push_str(q);
    }
    let host = match url.port() {
        Some(p) => format!("{}:{p}", url.host_str().unwrap_or("")),
        None => url.host_str().unwrap_or("").to_string(),
    };
    let mut out = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n").into_bytes();
    for (name, value) in headers {
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    out
}

/// Removes content coding (possibly stacked, `gzip, br`), never producing more than `limit` bytes.
pub fn decode_body(coding: &str, raw: &[u8], limit: u64) -> Result<Vec<u8>, FetchFailure> {
    let mut data = raw.to_vec();
    for c in coding.split(',').map(str::trim).rev() {
        data = match c {
            "" | "identity" => data,
            "gzip" | "x-gzip" => read_limited(flate2::read::MultiGzDecoder::new(&data[..]), limit)?,
            "br" => read_limited(brotli::Decompressor::new(&data[..], 8192), limit)?,
            "deflate" => {
                // Servers disagree on whether deflate means zlib or raw deflate: try both.
                match read_limited(flate2::read::ZlibDecoder::new(&data[..]), limit) {
                    Ok(d) => d,
                    Err(FetchFailure::TooLarge(l)) => return Err(FetchFailure::TooLarge(l)),
                    Err(_) => read_limited(flate2::read::DeflateDecoder::new(&data[..]), limit)?,
                }
            }
            other => {
                return Err(FetchFailure::Decode(format!(
                    "unknown content coding {other:?}"
                )))
            }
        };
    }
    Ok(data)
}

/// Removes content coding as far as it goes, keeping at most `cap` bytes; true when something
/// was left out (cut input, or more than `cap` bytes). Undecodable data gives what decoded.
fn decode_prefix(coding: &str, raw: &[u8], cap: u64) -> (Vec<u8>, bool) {
    let mut data = raw.to_vec();
    let mut cut = false;
    for c in coding.split(',').map(str::trim).rev() {
        let reader: Box<dyn Read + '_> = match c {
            "" | "identity" => continue,
            "gzip" | "x-gzip" => Box::new(flate2::read::MultiGzDecoder::new(&data[..])),
            "br" => Box::new(brotli::Decompressor::new(&data[..], 8192)),
            "deflate" => Box::new(flate2::read::ZlibDecoder::new(&data[..])),
            _ => return (Vec::new(), true),
        };
        let mut out = Vec::new();
        // A cut stream ends in an error after giving what it could: that prefix is kept.
        if reader.take(cap + 1).read_to_end(&mut out).is_err() {
            cut = true;
        }
        data = out;
    }
    if data.len() as u64 > cap {
        data.truncate(cap as usize);
        cut = true;
    }
    (data, cut)
}

/// Reads a decoder to the end, failing once it passes `limit` (a zip bomb stops there).
pub fn read_limited<R: Read>(reader: R, limit: u64) -> Result<Vec<u8>, FetchFailure> {
    let mut out = Vec::new();
    let mut limited = reader.take(limit.saturating_add(1));
    limited
        .read_to_end(&mut out)
        .map_err(|e| FetchFailure::Decode(e.to_string()))?;
    if out.len() as u64 > limit {
        return Err(FetchFailure::TooLarge(limit));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn codings_are_removed_with_a_limit() {
        let text = b"<html>xin chao</html>".repeat(50);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&text).unwrap();
        let gz = gz.finish().unwrap();
        assert_eq!(decode_body("gzip", &gz, 1 << 20).unwrap(), text);
        assert_eq!(
            decode_body("gzip", &gz, 100),
            Err(FetchFailure::TooLarge(100))
        );
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&text).unwrap();
        assert_eq!(
            decode_body("deflate", &z.finish().unwrap(), 1 << 20).unwrap(),
            text
        );
        let mut raw =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        raw.write_all(&text).unwrap();
        assert_eq!(
            decode_body("deflate", &raw.finish().unwrap(), 1 << 20).unwrap(),
            text
        );
        let mut br = Vec::new();
        {
            let mut w = brotli::CompressorWriter::new(&mut br, 4096, 5, 22);
            w.write_all(&text).unwrap();
        }
        assert_eq!(decode_body("br", &br, 1 << 20).unwrap(), text);
        assert_eq!(decode_body("", &text, 1 << 20).unwrap(), text);
        assert!(decode_body("gzip", b"not gzip", 1 << 20).is_err());
        assert!(decode_body("zstd", b"x", 1 << 20).is_err());
    }

    #[test]
    fn a_prefix_is_kept_from_cut_or_long_bodies() {
        let text = b"User-agent: *\nDisallow: /a\n".repeat(2000);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&text).unwrap();
        let gz = gz.finish().unwrap();
        // Cut in the middle of the stream (the connection was dropped at the cap).
        let (prefix, cut) = decode_prefix("gzip", &gz[..gz.len() / 2], 1 << 20);
        assert!(cut && !prefix.is_empty() && text.starts_with(&prefix));
        let (prefix, cut) = decode_prefix("gzip", &gz, 100);
        assert_eq!((prefix.as_slice(), cut), (&text[..100], true));
        assert_eq!(decode_prefix("", b"abc", 10), (b"abc".to_vec(), false));
        // Nothing to decode in a 304, whatever its Content-Encoding says.
        assert!(has_no_body(304) && has_no_body(204) && !has_no_body(200));
    }
}
