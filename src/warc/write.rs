//! Writing WARC 1.1 files: the crawler's archive of raw responses.
//!
//! A [`WarcWriter`] owns one directory. Each file opens with a `warcinfo` record; every exchange
//! adds a `response` record (the HTTP response as received: status line, headers, body bytes as
//! sent, still content-encoded) and a `request` record (what was sent). Each record is its own
//! gzip member, so a reader can seek to any record offset and gunzip from there; a file is
//! rotated once it passes the size limit. `write_exchange` returns where the response record
//! starts, which the crawler stores in the state and in `articles.jsonl`. A `304 Not Modified`
//! is archived as a `revisit` record (profile `server-not-modified`: the block is the response
//! head, the payload is the one archived at `WARC-Refers-To-Date`), with its request record.
//!
//! Deviations from the wire, documented: hyper removes chunked transfer coding before we see the
//! body, so the stored body is de-chunked and a `Transfer-Encoding` header is renamed to
//! `X-Crawler-Transfer-Encoding` (the habit of Heritrix and warcprox), keeping the record
//! self-consistent for tools that would otherwise try to de-chunk it. hyper also hands us header
//! names in lower case and the canonical reason phrase of the status code, not the server's own.
//! The body bytes themselves are exactly as sent (still gzip/br/deflate when they were), so
//! `WARC-Payload-Digest` is the digest of the entity as transferred.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::write::GzEncoder;
use flate2::Compression;
use sha1::{Digest, Sha1};

/// Default size at which a WARC file is closed and the next one started (1 GB, the usual habit).
pub const DEFAULT_WARC_MAX_BYTES: u64 = 1_000_000_000;

/// Where a record was written: the file name (relative to the writer's directory) and the byte
/// offset of the record's gzip member in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordPosition {
    pub file: String,
    pub offset: u64,
}

/// One exchange to archive.
#[derive(Debug, Clone, Copy)]
pub struct Exchange<'a> {
    pub target_uri: &'a str,
    /// RFC 3339 UTC, seconds precision (`2026-11-27T19:30:00Z`).
    pub date: &'a str,
    /// The request as sent: request line, headers, blank line.
    pub request: &'a [u8],
    /// The response head as received: status line and headers, ending in the blank line.
    pub response_head: &'a [u8],
    /// The response body as received (content-encoded, de-chunked).
    pub response_body: &'a [u8],
    /// The server's IP address, when known.
    pub ip: Option<&'a str>,
}

/// The WARC 1.1 revisit profile for a `304 Not Modified` answer to a conditional request.
pub const REVISIT_SERVER_NOT_MODIFIED: &str =
    "http://netpreserve.org/warc/1.1/revisit/server-not-modified";

/// What a `revisit` record refers to.
#[derive(Debug, Clone, Copy)]
pub struct Revisit<'a> {
    /// `WARC-Profile`.
    pub profile: &'a str,
    pub refers_to_target_uri: &'a str,
    /// `WARC-Date` of the record holding the payload, when known.
    pub refers_to_date: Option<&'a str>,
}

/// Appends gzip-per-record WARC 1.1 files to a directory, rotating at a size limit.
pub struct WarcWriter {
    dir: PathBuf,
    prefix: String,
    max_bytes: u64,
    software: String,
    seq: u32,
    current: Option<OpenFile>,
}

struct OpenFile {
    file: File,
    name: String,
    len: u64,
    warcinfo_id: String,
}

impl WarcWriter {
    /// A writer for `dir`; files are named `<prefix>-<seq:05>.warc.gz`. Existing files are never
    /// appended to: the sequence continues after the highest one already there.
    pub fn new(dir: &Path, prefix: &str, max_bytes: u64, software: &str) -> io::Result<WarcWriter> {
        fs::create_dir_all(dir)?;
        let mut seq = 0;
        for entry in fs::read_dir(dir)? {
            let name = entry?.file_name().to_string_lossy().into_owned();
            if let Some(rest) = name.strip_prefix(prefix).and_then(|r| r.strip_prefix('-')) {
                if let Some(n) = rest
                    .strip_suffix(".warc.gz")
                    .and_then(|n| n.parse::<u32>().ok())
                {
                    seq = seq.max(n);
                }
            }
        }
        Ok(WarcWriter {
            dir: dir.to_path_buf(),
            prefix: prefix.to_string(),
            max_bytes: max_bytes.max(1),
            software: software.to_string(),
            seq,
            current: None,
        })
    }

    /// Writes the response record and then its request record; returns the response's position.
    /// Both members are written with one `write_all` each and flushed, so a killed process
    /// leaves at most one truncated member at the end of the file.
    pub fn write_exchange(&mut self, ex: &Exchange<'_>) -> io::Result<RecordPosition> {
        let headers = vec![("WARC-Payload-Digest", sha1_base32(ex.response_body))];
        self.write_pair(ex, "response", headers)
    }

    /// Writes a `revisit` record (the response head of, say, a `304`) and its request record;
    /// returns the revisit record's position.
    pub fn write_revisit(
        &mut self,
        ex: &Exchange<'_>,
        revisit: &Revisit<'_>,
    ) -> io::Result<RecordPosition> {
        let mut headers = vec![
            ("WARC-Profile", revisit.profile.to_string()),
            (
                "WARC-Refers-To-Target-URI",
                revisit.refers_to_target_uri.to_string(),
            ),
        ];
        if let Some(date) = revisit.refers_to_date {
            headers.push(("WARC-Refers-To-Date", date.to_string()));
        }
        self.write_pair(ex, "revisit", headers)
    }

    fn write_pair(
        &mut self,
        ex: &Exchange<'_>,
        warc_type: &str,
        extra: Vec<(&str, String)>,
    ) -> io::Result<RecordPosition> {
        let needs_new = match &self.current {
            Some(f) => f.len >= self.max_bytes,
            None => true,
        };
        if needs_new {
            self.open_next(ex.date)?;
        }
        let Some(cur) = self.current.as_mut() else {
            return Err(io::Error::other("no WARC file open"));
        };
        let response_id = record_id(ex.target_uri);
        let request_id = record_id(ex.target_uri);
        let mut block = Vec::with_capacity(ex.response_head.len() + ex.response_body.len());
        block.extend_from_slice(ex.response_head);
        block.extend_from_slice(ex.response_body);
        let mut headers = vec![
            ("WARC-Type", warc_type.to_string()),
            ("WARC-Record-ID", response_id.clone()),
            ("WARC-Warcinfo-ID", cur.warcinfo_id.clone()),
            ("WARC-Date", ex.date.to_string()),
            ("WARC-Target-URI", ex.target_uri.to_string()),
            (
                "Content-Type",
                "application/http;msgtype=response".to_string(),
            ),
        ];
        headers.extend(extra);
        if let Some(ip) = ex.ip {
            headers.push(("WARC-IP-Address", ip.to_string()));
        }
        let response = record_bytes(&headers, &block)?;
        let request = record_bytes(
            &[
                ("WARC-Type", "request".to_string()),
                ("WARC-Record-ID", request_id),
                ("WARC-Warcinfo-ID", cur.warcinfo_id.clone()),
                ("WARC-Date", ex.date.to_string()),
                ("WARC-Target-URI", ex.target_uri.to_string()),
                ("WARC-Concurrent-To", response_id),
                (
                    "Content-Type",
                    "application/http;msgtype=request".to_string(),
                ),
            ],
            ex.request,
        )?;
        let offset = cur.len;
        let mut both = response;
        both.extend_from_slice(&request);
        // One write for the pair: a failed write (a full disk) leaves at most one cut member,
        // which the next run cuts off; `len` only counts what was written whole.
        cur.file.write_all(&both)?;
        cur.file.flush()?;
        cur.len += both.len() as u64;
        Ok(RecordPosition {
            file: cur.name.clone(),
            offset,
        })
    }

    /// The name of the file being written, if any.
    pub fn current_file(&self) -> Option<&str> {
        self.current.as_ref().map(|f| f.name.as_str())
    }

    fn open_next(&mut self, date: &str) -> io::Result<()> {
        self.seq += 1;
        let name = format!("{}-{:05}.warc.gz", self.prefix, self.seq);
        let path = self.dir.join(&name);
        let mut file = OpenOptions::new()
            .create_new(true)
            .append(true)
            .open(&path)?;
        let warcinfo_id = record_id(&name);
        let fields = format!(
            "software: {}\r\nformat: WARC File Format 1.1\r\nconformsTo: http://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/\r\n",
            self.software
        );
        let info = record_bytes(
            &[
                ("WARC-Type", "warcinfo".to_string()),
                ("WARC-Record-ID", warcinfo_id.clone()),
                ("WARC-Date", date.to_string()),
                ("WARC-Filename", name.clone()),
                ("Content-Type", "application/warc-fields".to_string()),
            ],
            fields.as_bytes(),
        )?;
        file.write_all(&info)?;
        file.flush()?;
        self.current = Some(OpenFile {
            file,
            name,
            len: info.len() as u64,
            warcinfo_id,
        });
        Ok(())
    }
}

/// One record as a complete gzip member: header lines, `WARC-Block-Digest`, `Content-Length`,
/// the block and the two closing CRLFs.
fn record_bytes(headers: &[(&str, String)], block: &[u8]) -> io::Result<Vec<u8>> {
    let mut head = String::from("WARC/1.1\r\n");
    for (name, value) in headers {
        head.push_str(name);
        head.push_str(": ");
        // Header values never carry line breaks; a URL with one would break the record.
        head.push_str(&value.replace(['\r', '\n'], " "));
        head.push_str("\r\n");
    }
    head.push_str(&format!("WARC-Block-Digest: {}\r\n", sha1_base32(block)));
    head.push_str(&format!("Content-Length: {}\r\n\r\n", block.len()));
    let mut gz = GzEncoder::new(
        Vec::with_capacity(block.len() / 3 + 512),
        Compression::fast(),
    );
    gz.write_all(head.as_bytes())?;
    gz.write_all(block)?;
    gz.write_all(b"\r\n\r\n")?;
    gz.finish()
}

/// `sha1:` + the base32 (RFC 4648) digest, the form WARC tools expect.
pub fn sha1_base32(bytes: &[u8]) -> String {
    let digest = Sha1::digest(bytes);
    format!("sha1:{}", base32(&digest))
}

/// RFC 4648 base32, upper case, with padding.
pub fn base32(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    for chunk in bytes.chunks(5) {
        let mut buf = [0u8; 5];
        buf[..chunk.len()].copy_from_slice(chunk);
        let bits = buf.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        let symbols = (chunk.len() * 8).div_ceil(5);
        for i in 0..8 {
            if i < symbols {
                let index = ((bits >> (35 - i * 5)) & 31) as usize;
                out.push(ALPHABET[index] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A unique `<urn:uuid:...>`: sha1 of a process-wide counter, the time, the pid and a seed
/// string, shaped as a version-4 UUID (no uuid crate needed for identifiers we only mint).
fn record_id(seed: &str) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    let mut h = Sha1::new();
    h.update(n.to_le_bytes());
    h.update(nanos.to_le_bytes());
    h.update(std::process::id().to_le_bytes());
    h.update(seed.as_bytes());
    let d = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "<urn:uuid:{}-{}-{}-{}-{}>",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// Truncates a WARC file after its last complete gzip member at or after `from`; returns the
/// new length. Used on resume, since a killed crawl can leave half a member at the end.
pub fn repair_tail(path: &Path, from: u64) -> io::Result<u64> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = OpenOptions::new().read(true).write(true).open(path)?;
    let len = file.metadata()?.len();
    let start = from.min(len);
    file.seek(SeekFrom::Start(start))?;
    let mut tail = Vec::new();
    file.read_to_end(&mut tail)?;
    let mut good = 0usize;
    while good < tail.len() {
        match gzip_member_len(&tail[good..]) {
            Some(n) => good += n,
            None => break,
        }
    }
    let new_len = start + good as u64;
    if new_len < len {
        file.set_len(new_len)?;
    }
    Ok(new_len)
}

/// Length in bytes of the complete gzip member at the start of `bytes`, if there is one.
pub fn gzip_member_len(bytes: &[u8]) -> Option<usize> {
    use std::io::Read;
    let mut cursor = io::Cursor::new(bytes);
    let mut dec = flate2::bufread::GzDecoder::new(&mut cursor);
    let mut sink = [0u8; 16 * 1024];
    loop {
        match dec.read(&mut sink) {
            Ok(0) => break,
            Ok(_) => continue,
            Err(_) => return None,
        }
    }
    drop(dec);
    let n = cursor.position() as usize;
    (n > 0).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_matches_rfc4648_vectors() {
        for (input, want) in [
            ("", ""),
            ("f", "MY======"),
            ("fo", "MZXQ===="),
            ("foo", "MZXW6==="),
            ("foob", "MZXW6YQ="),
            ("fooba", "MZXW6YTB"),
            ("foobar", "MZXW6YTBOI======"),
        ] {
            assert_eq!(base32(input.as_bytes()), want, "{input}");
        }
        // A sha1 digest is 20 bytes: 32 symbols, no padding.
        assert_eq!(sha1_base32(b"").len(), "sha1:".len() + 32);
    }

    #[test]
    fn truncated_member_is_cut_on_repair() {
        let dir = std::env::temp_dir().join(format!("tintuc-warc-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let mut w = WarcWriter::new(&dir, "t", DEFAULT_WARC_MAX_BYTES, "test").unwrap();
        let ex = Exchange {
            target_uri: "http://a/",
            date: "2026-01-01T00:00:00Z",
            request: b"GET / HTTP/1.1\r\n\r\n",
            response_head: b"HTTP/1.1 200 OK\r\n\r\n",
            response_body: b"hello",
            ip: None,
        };
        let first = w.write_exchange(&ex).unwrap();
        let path = dir.join(&first.file);
        let good_len = fs::metadata(&path).unwrap().len();
        let mut f = OpenOptions::new().append(true).open(&path).unwrap();
        f.write_all(&[0x1f, 0x8b, 8, 0, 0, 0]).unwrap();
        drop(f);
        assert_eq!(repair_tail(&path, first.offset).unwrap(), good_len);
        assert_eq!(fs::metadata(&path).unwrap().len(), good_len);
        let _ = fs::remove_dir_all(&dir);
    }
}
