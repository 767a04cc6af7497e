//! Reading WARC files (WARC/1.0 and 1.1) written by tintuc, wget `--warc-file`, Heritrix or any
//! other tool: plain, gzip per record (one gzip member per record, the usual `.warc.gz`) or the
//! whole file gzipped at once.
//!
//! Data flows in two layers:
//!
//! - [`WarcReader`] iterates the records of one file: version line, headers, a block of
//!   `Content-Length` bytes, CRLF CRLF. Each record carries its byte offset (see below). A truncated
//!   or corrupt record is an error naming the file and offset, and reading goes on with the next
//!   record it can find: the next line starting `WARC/` in a plain or decompressed stream, the next
//!   gzip member (`1f 8b 08`) when a member itself is broken.
//! - [`html_responses`] keeps the `response` records whose HTTP payload is an HTML page (and HTML
//!   `resource` records), with the payload decoded (`page.rs`, `payload.rs`): what `extract --warc`
//!   feeds to the pipeline. Other payloads come back as [`WarcError::Skipped`] with the reason, so
//!   they can be reported without counting as failures; `warcinfo`, `request`, `metadata` and
//!   `revisit` records are passed over silently.
//!
//! **Offsets.** For a record that starts a gzip member, the offset is the member's position in the
//! compressed file (what CDX indexes store: `tail -c +$((OFFSET+1)) f.warc.gz | zcat | head`
//! shows the record). For any other record, i.e. plain files and records after the first inside
//! one member (a whole-file gzip), it is the position in the uncompressed stream. For a whole-file
//! gzip the first record is at 0 in both senses.

mod page;
mod payload;

pub use page::{html_responses, HtmlResponses, WarcPage};

pub use payload::{dechunk, is_html, media_type, parse_http, HttpResponse, MAX_DECODED_BYTES};

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use flate2::bufread::GzDecoder;

use payload::clip;

/// Largest header section of one record; beyond it the record is taken as corrupt.
pub const MAX_HEADER_BYTES: u64 = 256 * 1024;
/// Largest block read into memory by default; larger blocks are skipped over.
pub const DEFAULT_MAX_BLOCK_BYTES: u64 = 64 * 1024 * 1024;

const GZIP_MAGIC: [u8; 3] = [0x1f, 0x8b, 0x08];
const RECORD_START: &[u8] = b"\nWARC/";

/// What can go wrong reading a WARC file; every variant names the file, and the offset when the
/// problem is inside it.
#[derive(Debug, thiserror::Error)]
pub enum WarcError {
    #[error("{file}: {source}")]
    Open {
        file: String,
        #[source]
        source: io::Error,
    },
    #[error("{file}: offset {offset}: truncated record: {message}")]
    Truncated {
        file: String,
        offset: u64,
        message: String,
    },
    #[error("{file}: offset {offset}: corrupt record: {message}")]
    Corrupt {
        file: String,
        offset: u64,
        message: String,
    },
    #[error("{file}: offset {offset}: {source}")]
    Io {
        file: String,
        offset: u64,
        #[source]
        source: io::Error,
    },
    /// A record that is fine but holds no HTML page (an image, a redirect, a 404, ...).
    #[error("{file}: offset {offset}: skipped {uri}: {reason}")]
    Skipped {
        file: String,
        offset: u64,
        uri: String,
        reason: String,
    },
}

impl WarcError {
    /// True for [`WarcError::Skipped`]: worth a note, not a failure.
    pub fn is_skip(&self) -> bool {
        matches!(self, WarcError::Skipped { .. })
    }

    pub fn file(&self) -> &str {
        match self {
            WarcError::Open { file, .. }
            | WarcError::Truncated { file, .. }
            | WarcError::Corrupt { file, .. }
            | WarcError::Io { file, .. }
            | WarcError::Skipped { file, .. } => file,
        }
    }

    pub fn offset(&self) -> Option<u64> {
        match self {
            WarcError::Open { .. } => None,
            WarcError::Truncated { offset, .. }
            | WarcError::Corrupt { offset, .. }
            | WarcError::Io { offset, .. }
            | WarcError::Skipped { offset, .. } => Some(*offset),
        }
    }
}

/// One WARC record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WarcRecord {
    /// See the module docs for what the offset counts.
    pub offset: u64,
    /// `WARC/1.0`, `WARC/1.1`.
    pub version: String,
    /// Named fields in file order, continuation lines folded in.
    pub headers: Vec<(String, String)>,
    pub content_length: u64,
    /// The block, or `None` when it was skipped over (over the size limit, or a type not asked for).
    pub block: Option<Vec<u8>>,
}

impl WarcRecord {
    /// The first field called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// `WARC-Type`, lower-cased (`response`, `request`, `warcinfo`, ...).
    pub fn warc_type(&self) -> String {
        self.header("WARC-Type").unwrap_or("").to_ascii_lowercase()
    }

    /// `WARC-Target-URI`, without the `<...>` that WARC 1.0 writers (wget) put around it.
    pub fn target_uri(&self) -> Option<&str> {
        let uri = self.header("WARC-Target-URI")?.trim();
        Some(
            uri.strip_prefix('<')
                .and_then(|u| u.strip_suffix('>'))
                .unwrap_or(uri),
        )
    }
}

/// Iterates the records of one WARC file; see the module docs.
pub struct WarcReader<R: Read + Seek = File> {
    file: String,
    state: State<R>,
    max_block: u64,
    block_types: Option<Vec<String>>,
    /// Uncompressed bytes in the gzip members already finished.
    uncompressed_done: u64,
    /// Scanning for the next gzip member after a broken one: false starts are not reported.
    resyncing: bool,
}

type Source<R> = Counted<BufReader<R>>;
type MemberStream<R> = Counted<BufReader<GzDecoder<Source<R>>>>;

enum State<R: Read + Seek> {
    Plain(Source<R>),
    /// A gzip file between two members.
    Between(Source<R>),
    Member(Box<Member<R>>),
    Done,
}

struct Member<R: Read + Seek> {
    /// Offset of the member in the compressed file.
    start: u64,
    records: usize,
    stream: MemberStream<R>,
    /// A resynchronisation scan already consumed the `WARC/` that opens the next record.
    prefix_consumed: bool,
    /// An error inside this member was reported; a gzip error that follows is the same problem.
    reported: bool,
}

impl WarcReader<File> {
    /// Opens a WARC file, plain or gzipped (detected from its first bytes, not its name).
    pub fn open(path: &Path) -> Result<Self, WarcError> {
        let name = path.display().to_string();
        let file = File::open(path).map_err(|source| WarcError::Open {
            file: name.clone(),
            source,
        })?;
        WarcReader::new(file, &name).map_err(|source| WarcError::Open { file: name, source })
    }
}

impl<R: Read + Seek> WarcReader<R> {
    /// Reads WARC records from `reader`; `name` is the file name used in errors.
    pub fn new(reader: R, name: &str) -> io::Result<Self> {
        let mut source = Counted::new(BufReader::with_capacity(64 * 1024, reader), 0);
        let is_gzip = source.fill_buf()?.starts_with(&GZIP_MAGIC[..2]);
        Ok(WarcReader {
            file: name.to_string(),
            state: if is_gzip {
                State::Between(source)
            } else {
                State::Plain(source)
            },
            max_block: DEFAULT_MAX_BLOCK_BYTES,
            block_types: None,
            uncompressed_done: 0,
            resyncing: false,
        })
    }

    /// Blocks larger than `bytes` are skipped over (`block` is `None`).
    pub fn with_max_block(mut self, bytes: u64) -> Self {
        self.max_block = bytes;
        self
    }

    /// Reads the blocks of these record types only (e.g. `["response", "resource"]`); the others
    /// are skipped over without being held in memory.
    pub fn with_blocks_of(mut self, types: &[&str]) -> Self {
        self.block_types = Some(types.iter().map(|t| t.to_ascii_lowercase()).collect());
        self
    }

    pub fn file(&self) -> &str {
        &self.file
    }

    fn options(&self) -> BlockOptions<'_> {
        BlockOptions {
            max_block: self.max_block,
            types: self.block_types.as_deref(),
        }
    }

    fn error(&self, problem: Problem, offset: u64) -> WarcError {
        let file = self.file.clone();
        match problem {
            Problem::Truncated(message) => WarcError::Truncated {
                file,
                offset,
                message,
            },
            Problem::Corrupt(message) => WarcError::Corrupt {
                file,
                offset,
                message,
            },
            Problem::Stream(err) if err.kind() == io::ErrorKind::UnexpectedEof => {
                WarcError::Truncated {
                    file,
                    offset,
                    message: "the compressed stream ends early".to_string(),
                }
            }
            Problem::Stream(err)
                if err.kind() == io::ErrorKind::InvalidInput
                    || err.kind() == io::ErrorKind::InvalidData =>
            {
                WarcError::Corrupt {
                    file,
                    offset,
                    message: format!("gzip: {err}"),
                }
            }
            Problem::Stream(source) => WarcError::Io {
                file,
                offset,
                source,
            },
        }
    }

    /// After a broken gzip member: the next member start after `from`, or the end.
    fn find_member(&mut self, mut source: Source<R>, from: u64) -> State<R> {
        self.resyncing = true;
        match source.seek_to(from).and_then(|()| source.scan(&GZIP_MAGIC)) {
            Ok(Some(at)) if source.seek_to(at).is_ok() => State::Between(source),
            _ => State::Done,
        }
    }

    fn next_plain(&mut self, mut source: Source<R>) -> Step {
        let options = self.options();
        match read_record(&mut source, false, &options) {
            Ok(None) => Step::End,
            Ok(Some(record)) => {
                self.state = State::Plain(source);
                Step::Item(Ok(record))
            }
            Err((start, Problem::Stream(err))) => {
                Step::Item(Err(self.error(Problem::Stream(err), start)))
            }
            Err((start, problem)) => {
                // Look for the next record from just after this one's start, so a wrong
                // Content-Length cannot swallow the record that follows.
                let resumed = source
                    .seek_to(start + 1)
                    .and_then(|()| source.scan(RECORD_START));
                if let Ok(Some(at)) = resumed {
                    if source.seek_to(at + 1).is_ok() {
                        self.state = State::Plain(source);
                    }
                }
                Step::Item(Err(self.error(problem, start)))
            }
        }
    }

    fn next_between(&mut self, mut source: Source<R>) -> Step {
        let at = source.pos;
        let head = match source.fill_buf() {
            Ok([]) => return Step::End,
            Ok(head) => head,
            Err(err) => return Step::Item(Err(self.error(Problem::Stream(err), at))),
        };
        if head.starts_with(&GZIP_MAGIC[..head.len().min(2)]) {
            let stream = Counted::new(
                BufReader::new(GzDecoder::new(source)),
                self.uncompressed_done,
            );
            let member = Member {
                start: at,
                records: 0,
                stream,
                prefix_consumed: false,
                reported: false,
            };
            self.state = State::Member(Box::new(member));
            return Step::Again;
        }
        let was_resyncing = self.resyncing;
        self.state = self.find_member(source, at + 1);
        if was_resyncing {
            return Step::Again;
        }
        Step::Item(Err(self.error(
            Problem::Corrupt("bytes that are not a gzip member".to_string()),
            at,
        )))
    }

    fn next_member(&mut self, mut member: Box<Member<R>>) -> Step {
        let options = self.options();
        let prefix_consumed = std::mem::take(&mut member.prefix_consumed);
        match read_record(&mut member.stream, prefix_consumed, &options) {
            Ok(Some(mut record)) => {
                if member.records == 0 && !prefix_consumed {
                    record.offset = member.start;
                }
                member.records += 1;
                self.resyncing = false;
                self.state = State::Member(member);
                Step::Item(Ok(record))
            }
            Ok(None) => {
                self.uncompressed_done = member.stream.pos;
                let source = member.stream.into_inner().into_inner().into_inner();
                self.state = State::Between(source);
                Step::Again
            }
            Err((start, problem)) => {
                let offset = if member.records == 0 {
                    member.start
                } else {
                    start
                };
                let false_start = self.resyncing && member.records == 0;
                if let Problem::Stream(_) = problem {
                    let report = !member.reported && !false_start;
                    let from = member.start + 1;
                    let source = member.stream.into_inner().into_inner().into_inner();
                    self.state = self.find_member(source, from);
                    return if report {
                        Step::Item(Err(self.error(problem, offset)))
                    } else {
                        Step::Again
                    };
                }
                if false_start {
                    let from = member.start + 1;
                    let source = member.stream.into_inner().into_inner().into_inner();
                    self.state = self.find_member(source, from);
                    return Step::Again;
                }
                member.reported = true;
                match member.stream.scan(RECORD_START) {
                    Ok(Some(_)) => {
                        member.prefix_consumed = true;
                        self.state = State::Member(member);
                    }
                    Ok(None) => {
                        self.uncompressed_done = member.stream.pos;
                        let source = member.stream.into_inner().into_inner().into_inner();
                        self.state = State::Between(source);
                    }
                    Err(_) => {
                        let from = member.start + 1;
                        let source = member.stream.into_inner().into_inner().into_inner();
                        self.state = self.find_member(source, from);
                    }
                }
                Step::Item(Err(self.error(problem, offset)))
            }
        }
    }
}

impl<R: Read + Seek> Iterator for WarcReader<R> {
    type Item = Result<WarcRecord, WarcError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let step = match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Plain(source) => self.next_plain(source),
                State::Between(source) => self.next_between(source),
                State::Member(member) => self.next_member(member),
            };
            match step {
                Step::Item(item) => return Some(item),
                Step::Again => continue,
                Step::End => return None,
            }
        }
    }
}

/// What one step of the reader's state machine produced. A loop rather than recursion drives
/// it, so a long run of empty members or false gzip starts cannot exhaust the stack.
enum Step {
    Item(Result<WarcRecord, WarcError>),
    Again,
    End,
}

/// Why a record could not be read.
enum Problem {
    Truncated(String),
    Corrupt(String),
    /// Reading the underlying stream failed (I/O, or gzip data that does not decompress).
    Stream(io::Error),
}

impl From<io::Error> for Problem {
    fn from(err: io::Error) -> Self {
        Problem::Stream(err)
    }
}

struct BlockOptions<'a> {
    max_block: u64,
    types: Option<&'a [String]>,
}

/// Reads one record from a decompressed stream: `Ok(None)` at a clean end. Errors carry the
/// offset where the record started.
fn read_record<S: BufRead>(
    stream: &mut Counted<S>,
    prefix_consumed: bool,
    options: &BlockOptions<'_>,
) -> Result<Option<WarcRecord>, (u64, Problem)> {
    let start = if prefix_consumed {
        stream.pos.saturating_sub(RECORD_START.len() as u64 - 1)
    } else {
        match skip_line_breaks(stream) {
            Ok(true) => return Ok(None),
            Ok(false) => stream.pos,
            Err(err) => return Err((stream.pos, Problem::Stream(err))),
        }
    };
    read_record_at(stream, prefix_consumed, options, start)
        .map(Some)
        .map_err(|p| (start, p))
}

fn read_record_at<S: BufRead>(
    stream: &mut Counted<S>,
    prefix_consumed: bool,
    options: &BlockOptions<'_>,
    start: u64,
) -> Result<WarcRecord, Problem> {
    let mut budget = MAX_HEADER_BYTES;
    let mut version = read_line(stream, &mut budget)?
        .ok_or_else(|| Problem::Truncated("the file ends before the record".to_string()))?;
    if prefix_consumed {
        version.insert_str(0, "WARC/");
    }
    if !version.starts_with("WARC/") {
        return Err(Problem::Corrupt(format!(
            "expected a WARC/1.x version line, found {:?}",
            clip(&version, 40)
        )));
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    loop {
        let line = read_line(stream, &mut budget)?.ok_or_else(|| {
            Problem::Truncated("the file ends inside the record header".to_string())
        })?;
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            match headers.last_mut() {
                Some((_, value)) => {
                    value.push(' ');
                    value.push_str(line.trim());
                }
                None => {
                    return Err(Problem::Corrupt(
                        "header starts with a continuation line".to_string(),
                    ))
                }
            }
            continue;
        }
        let (name, value) = line.split_once(':').ok_or_else(|| {
            Problem::Corrupt(format!(
                "header line without a colon: {:?}",
                clip(&line, 40)
            ))
        })?;
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    let length_text = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
        .map(|(_, v)| v.as_str())
        .ok_or_else(|| Problem::Corrupt("no Content-Length".to_string()))?;
    let content_length: u64 = length_text
        .parse()
        .map_err(|_| Problem::Corrupt(format!("bad Content-Length {:?}", clip(length_text, 20))))?;
    let mut record = WarcRecord {
        offset: start,
        version,
        headers,
        content_length,
        block: None,
    };
    let wanted = options.types.is_none_or_contains(&record.warc_type());
    let short = |got: u64| {
        Problem::Truncated(format!(
            "Content-Length is {content_length} bytes but only {got} follow"
        ))
    };
    if wanted && content_length <= options.max_block {
        let mut block =
            Vec::with_capacity(usize::try_from(content_length.min(1 << 20)).unwrap_or(0));
        let got = stream
            .by_ref()
            .take(content_length)
            .read_to_end(&mut block)? as u64;
        if got < content_length {
            return Err(short(got));
        }
        record.block = Some(block);
    } else {
        let got = io::copy(&mut stream.by_ref().take(content_length), &mut io::sink())?;
        if got < content_length {
            return Err(short(got));
        }
    }
    // The block is followed by CRLF CRLF. Be lenient about how many line breaks, but what comes
    // next must be the end or another record, else Content-Length was wrong.
    if !skip_line_breaks(stream)? && !opens_record(stream.fill_buf()?) {
        return Err(Problem::Corrupt(
            "the block is not followed by CRLF CRLF and a new record (wrong Content-Length?)"
                .to_string(),
        ));
    }
    Ok(record)
}

/// True when `next` (what a buffer holds) starts a record: `WARC/`, or a prefix of it when the
/// buffer happens to end there.
fn opens_record(next: &[u8]) -> bool {
    if next.len() >= 5 {
        next.starts_with(b"WARC/")
    } else {
        b"WARC/".starts_with(next)
    }
}

/// `None` = read every type.
trait TypeFilter {
    fn is_none_or_contains(&self, warc_type: &str) -> bool;
}

impl TypeFilter for Option<&[String]> {
    fn is_none_or_contains(&self, warc_type: &str) -> bool {
        self.is_none_or(|types| types.iter().any(|t| t == warc_type))
    }
}

/// Skips CR and LF bytes; true when the stream ended.
fn skip_line_breaks<S: BufRead>(stream: &mut Counted<S>) -> io::Result<bool> {
    loop {
        let buf = stream.fill_buf()?;
        if buf.is_empty() {
            return Ok(true);
        }
        let n = buf
            .iter()
            .take_while(|&&b| b == b'\r' || b == b'\n')
            .count();
        let whole = n == buf.len();
        stream.consume(n);
        if !whole {
            return Ok(false);
        }
    }
}

/// One header line without its line break, within the header budget; `None` at the end.
fn read_line<S: BufRead>(
    stream: &mut Counted<S>,
    budget: &mut u64,
) -> Result<Option<String>, Problem> {
    let mut line = Vec::new();
    let n = stream.by_ref().take(*budget).read_until(b'\n', &mut line)? as u64;
    if n == 0 {
        return Ok(None);
    }
    *budget -= n;
    if line.last() != Some(&b'\n') {
        if *budget == 0 {
            return Err(Problem::Corrupt(format!(
                "header section over {MAX_HEADER_BYTES} bytes"
            )));
        }
        return Ok(None);
    }
    line.pop();
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    // Header values are UTF-8 in WARC 1.1; older files may have Latin-1 bytes in URIs.
    Ok(Some(String::from_utf8_lossy(&line).into_owned()))
}

/// A `BufRead` that counts the bytes taken from it.
struct Counted<S> {
    inner: S,
    pos: u64,
}

impl<S> Counted<S> {
    fn new(inner: S, pos: u64) -> Self {
        Counted { inner, pos }
    }
    fn into_inner(self) -> S {
        self.inner
    }
}

impl<S: BufRead> Counted<S> {
    /// Consumes bytes up to and including `needle`; returns where it started, or `None` at the end.
    fn scan(&mut self, needle: &[u8]) -> io::Result<Option<u64>> {
        let mut matched = 0usize;
        loop {
            let buf = self.inner.fill_buf()?;
            if buf.is_empty() {
                return Ok(None);
            }
            for (i, &byte) in buf.iter().enumerate() {
                if byte == needle[matched] {
                    matched += 1;
                } else {
                    matched = usize::from(byte == needle[0]);
                }
                if matched == needle.len() {
                    self.inner.consume(i + 1);
                    self.pos += i as u64 + 1;
                    return Ok(Some(self.pos - needle.len() as u64));
                }
            }
            let n = buf.len();
            self.inner.consume(n);
            self.pos += n as u64;
        }
    }
}

impl<S: Seek> Counted<S> {
    fn seek_to(&mut self, pos: u64) -> io::Result<()> {
        self.inner.seek(SeekFrom::Start(pos))?;
        self.pos = pos;
        Ok(())
    }
}

impl<S: Read> Read for Counted<S> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}

impl<S: BufRead> BufRead for Counted<S> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        self.inner.consume(amt);
        self.pos += amt as u64;
    }
}
