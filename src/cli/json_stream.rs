//! JSON values one after another, however they are laid out: JSONL (one value a line), pretty
//! JSON (`extract` on one page, `jq .`), several pretty values in a row, or one JSON array of
//! values (`--format json` on several pages). `export` and `ner` read their input through here, so
//! `extract page.html | export -` works whatever `extract` printed.
//!
//! The bytes go through a small scanner that only tracks strings and bracket depth; each complete
//! top-level object is handed out with the line it starts on, for serde to parse. Nothing else is
//! held, so memory is one value at most, and one value is capped at `max_bytes`: a longer value
//! (or an endless line) is reported at once, naming its line, and skipped without being stored.
//!
//! A broken value costs that value only. JSON strings hold no raw line breaks, so a string still
//! open at the end of a line is a cut value; and since pretty printers indent nested objects, a
//! line that starts with `{` in column 0 while a value is open means the open value was cut. Both
//! are reported and reading goes on with the next line, as it does after a line that is not JSON
//! at all. A UTF-8 byte order mark at the start is skipped.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

/// Default cap on one value (one JSONL line, one pretty record or document), in bytes.
pub const DEFAULT_MAX_RECORD_BYTES: u64 = 64 * 1024 * 1024;

/// How many bytes of an input are looked at to tell what it is.
pub const SNIFF_BYTES: usize = 8 * 1024;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What an input looks like from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Starts with `{`: JSONL or pretty JSON objects.
    Objects,
    /// Starts with `[` followed by `{` or `]`: a JSON array of objects.
    Array,
    /// Nothing but white space (or nothing at all).
    Empty,
    /// Starts with `<` and has HTML tags: a web page.
    Html,
    /// Anything else; the first byte that is not white space.
    Other(u8),
}

/// A reader given back by [`sniff`]: the bytes looked at, then the rest.
pub type Sniffed<R> = io::Chain<io::Cursor<Vec<u8>>, R>;

/// Reads up to [`SNIFF_BYTES`] of `reader`, says what they look like, and gives back a reader that
/// still starts at the first byte (nothing is lost or consumed).
pub fn sniff<R: Read>(mut reader: R) -> io::Result<(Shape, Sniffed<R>)> {
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    (&mut reader)
        .take(SNIFF_BYTES as u64)
        .read_to_end(&mut head)?;
    let shape = shape_of(&head);
    Ok((shape, io::Cursor::new(head).chain(reader)))
}

/// The shape of the first bytes of an input.
pub fn shape_of(head: &[u8]) -> Shape {
    let body = head.strip_prefix(BOM).unwrap_or(head);
    let mut rest = body.iter().copied().skip_while(u8::is_ascii_whitespace);
    match rest.next() {
        None => Shape::Empty,
        Some(b'{') => Shape::Objects,
        Some(b'[') => match rest.find(|b| !b.is_ascii_whitespace()) {
            Some(b'{' | b']') | None => Shape::Array,
            Some(_) => Shape::Other(b'['),
        },
        Some(b'<') if looks_like_html(body) => Shape::Html,
        Some(other) => Shape::Other(other),
    }
}

/// Tags that only a web page starts with (checked in the first bytes, any case).
const HTML_MARKERS: [&str; 10] = [
    "<!doctype html",
    "<html",
    "<head",
    "<body",
    "<meta",
    "<title",
    "<div",
    "<article",
    "<table",
    "<p>",
];

/// True when the first bytes look like an HTML page: the first thing that is not white space (or
/// a byte order mark) is `<`, and a tag only pages have appears early.
pub fn looks_like_html(head: &[u8]) -> bool {
    let body = head.strip_prefix(BOM).unwrap_or(head);
    let start = body.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start.filter(|&i| body[i] == b'<') else {
        return false;
    };
    let window = &body[start..body.len().min(start + 2048)];
    let lower = String::from_utf8_lossy(window).to_ascii_lowercase();
    HTML_MARKERS.iter().any(|marker| lower.contains(marker))
}

/// One thing found in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A complete top-level object, valid UTF-8, and the line it starts on (from 1).
    Value { line: usize, text: String },
    /// Something that is not a readable value, with the line it is on; reading goes on.
    Problem { line: usize, message: String },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Array {
    /// Not an array input.
    No,
    /// An array input whose `[` has not been seen yet.
    Expected,
    Open,
    Closed,
}

/// The JSON objects of one input, in order; see the module docs.
pub struct JsonStream<R: BufRead> {
    reader: R,
    max_bytes: usize,
    line: usize,
    at_line_start: bool,
    at_input_start: bool,
    array: Array,
    /// Bracket depth; a value is open while it is above `base` (1 inside an array, else 0).
    depth: usize,
    in_string: bool,
    escaped: bool,
    buf: Vec<u8>,
    start_line: usize,
    /// The open value passed `max_bytes`: it is scanned to its end but not kept.
    overflow: bool,
    /// The rest of the line is skipped (after something that is not JSON).
    skipping_line: bool,
    queue: VecDeque<Item>,
    done: bool,
    /// Bytes of a byte order mark still to skip.
    skip_bom: u8,
    /// Bytes scanned so far (for a progress bar).
    pub bytes_read: u64,
}

impl<R: BufRead> JsonStream<R> {
    /// Objects of `reader`, one value at most `max_bytes` long. `array`: the input is one JSON
    /// array (see [`Shape::Array`]) whose elements are the values.
    pub fn new(reader: R, max_bytes: u64, array: bool) -> Self {
        JsonStream {
            reader,
            max_bytes: usize::try_from(max_bytes).unwrap_or(usize::MAX),
            line: 1,
            at_line_start: true,
            at_input_start: true,
            array: if array { Array::Expected } else { Array::No },
            depth: 0,
            in_string: false,
            escaped: false,
            buf: Vec::new(),
            start_line: 1,
            overflow: false,
            skipping_line: false,
            queue: VecDeque::new(),
            done: false,
            skip_bom: 0,
            bytes_read: 0,
        }
    }

    /// The depth of top-level values: 1 inside an array, else 0.
    fn base(&self) -> usize {
        usize::from(self.array == Array::Open)
    }

    fn problem(&mut self, line: usize, message: impl Into<String>) {
        self.queue.push_back(Item::Problem {
            line,
            message: message.into(),
        });
    }

    /// Forgets the open value.
    fn reset(&mut self) {
        self.depth = self.base();
        self.in_string = false;
        self.escaped = false;
        self.buf = Vec::new();
        self.overflow = false;
    }

    fn complete(&mut self) {
        let bytes = std::mem::take(&mut self.buf);
        let overflow = self.overflow;
        let start = self.start_line;
        self.reset();
        if overflow {
            return;
        }
        match String::from_utf8(bytes) {
            Ok(text) => self.queue.push_back(Item::Value { line: start, text }),
            Err(err) => {
                let bytes = err.as_bytes();
                let at = err.utf8_error().valid_up_to();
                let line = start + bytes[..at].iter().filter(|&&b| b == b'\n').count();
                self.problem(
                    line,
                    format!(
                        "not UTF-8 (byte 0x{:02X} at column {}): skipped",
                        bytes[at],
                        at - bytes[..at]
                            .iter()
                            .rposition(|&b| b == b'\n')
                            .map_or(0, |p| p + 1)
                            + 1
                    ),
                );
            }
        }
    }

    fn push(&mut self, b: u8) {
        if self.overflow {
            return;
        }
        self.buf.push(b);
        if self.buf.len() > self.max_bytes {
            self.overflow = true;
            self.buf = Vec::new();
            let (line, max) = (self.start_line, self.max_bytes);
            self.problem(
                line,
                format!("longer than {max} bytes (--max-size): skipped"),
            );
        }
    }

    /// Feeds one byte to the scanner.
    fn scan(&mut self, b: u8) {
        let line_start = self.at_line_start;
        self.at_line_start = b == b'\n';
        let input_start = std::mem::replace(&mut self.at_input_start, false);
        if b == b'\n' {
            self.line += 1;
        }
        if self.skipping_line {
            self.skipping_line = b != b'\n';
            return;
        }
        let base = self.base();
        if self.depth > base {
            if line_start && b == b'{' && self.array == Array::No {
                let start = self.start_line;
                self.problem(start, "unfinished JSON value: skipped");
                self.reset();
                self.open_value(b);
                return;
            }
            self.push(b);
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                } else if b == b'\n' {
                    let start = self.start_line;
                    self.problem(
                        start,
                        "unfinished JSON value (a string runs past the end of its line): skipped",
                    );
                    self.reset();
                }
                return;
            }
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => {
                    self.depth -= 1;
                    if self.depth == base {
                        self.complete();
                    }
                }
                _ => {}
            }
            return;
        }
        // Between values.
        if b.is_ascii_whitespace() {
            return;
        }
        if input_start && b == BOM[0] {
            self.skip_bom = 2;
            return;
        }
        match (self.array, b) {
            (Array::Expected, b'[') => {
                self.array = Array::Open;
                self.depth = 1;
            }
            (Array::Open, b',') => {}
            (Array::Open, b']') => {
                self.array = Array::Closed;
                self.depth = 0;
            }
            (Array::Closed, _) => {
                let line = self.line_of_byte(b);
                self.problem(line, "text after the end of the JSON array: skipped");
                self.skipping_line = true;
            }
            (Array::No | Array::Open, b'{') => self.open_value(b),
            _ => {
                let line = self.line_of_byte(b);
                self.problem(line, "not a JSON object: line skipped");
                self.skipping_line = true;
            }
        }
    }

    /// The line a byte just scanned is on (a line break counts on the line it ends).
    fn line_of_byte(&self, b: u8) -> usize {
        if b == b'\n' {
            self.line - 1
        } else {
            self.line
        }
    }

    fn open_value(&mut self, b: u8) {
        self.start_line = self.line;
        self.depth += 1;
        self.push(b);
    }

    /// Reads and scans the next chunk; false at the end of the input.
    fn fill(&mut self) -> io::Result<bool> {
        let chunk = self.reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(false);
        }
        let chunk = chunk.to_vec();
        self.reader.consume(chunk.len());
        self.bytes_read += chunk.len() as u64;
        for b in chunk {
            if self.skip_bom > 0 {
                self.skip_bom -= 1;
                continue;
            }
            self.scan(b);
        }
        Ok(true)
    }

    fn finish(&mut self) {
        if self.depth > self.base() && !self.overflow {
            let start = self.start_line;
            self.problem(
                start,
                "unfinished JSON value at the end of the input: skipped",
            );
        }
        if self.array == Array::Expected || self.array == Array::Open {
            let line = self.line;
            self.problem(line, "the JSON array is not closed with `]`");
        }
        self.reset();
    }
}

impl<R: BufRead> Iterator for JsonStream<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.queue.pop_front() {
                return Some(item);
            }
            if self.done {
                return None;
            }
            match self.fill() {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    self.finish();
                }
                Err(err) => {
                    self.done = true;
                    let line = self.line;
                    self.problem(line, format!("cannot read further: {err}"));
                }
            }
        }
    }
}

/// A serde error's message without its " at line L column C" (the caller names the line).
pub fn serde_message(err: &serde_json::Error) -> String {
    let text = err.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_string(),
        None => text,
    }
}

/// The absolute line of a serde error in a value that starts on `start_line`.
pub fn serde_line(err: &serde_json::Error, start_line: usize) -> usize {
    start_line + err.line().saturating_sub(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(input: &[u8], max: u64) -> Vec<Item> {
        let array = shape_of(input) == Shape::Array;
        JsonStream::new(input, max, array).collect()
    }

    fn value(line: usize, text: &str) -> Item {
        Item::Value {
            line,
            text: text.to_string(),
        }
    }

    fn lines_of_problems(items: &[Item]) -> Vec<usize> {
        items
            .iter()
            .filter_map(|i| match i {
                Item::Problem { line, .. } => Some(*line),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn jsonl_pretty_concatenated_and_arrays_read_alike() {
        let jsonl = b"{\"a\":1}\n{\"a\":\"}\"}\n";
        assert_eq!(
            items(jsonl, 1000),
            [value(1, "{\"a\":1}"), value(2, "{\"a\":\"}\"}")]
        );
        let pretty = b"{\n  \"a\": {\n    \"b\": [1, 2]\n  }\n}\n{\n  \"c\": \"x\\\"{\"\n}\n";
        let got = items(pretty, 1000);
        assert_eq!(got.len(), 2, "{got:?}");
        assert!(matches!(&got[1], Item::Value { line: 6, .. }));
        let array = b"[\n  {\n    \"a\": 1\n  },\n  {\"b\": 2}\n]\n";
        let got = items(array, 1000);
        assert_eq!(
            got,
            [value(2, "{\n    \"a\": 1\n  }"), value(5, "{\"b\": 2}")]
        );
        assert_eq!(items(b"[]", 1000), []);
        assert_eq!(
            items(b"\xEF\xBB\xBF{\"a\":1}\n", 1000),
            [value(1, "{\"a\":1}")]
        );
        assert_eq!(items(b"", 1000), []);
    }

    #[test]
    fn broken_values_cost_themselves_only() {
        let input =
            b"{\"a\":1}\nnot json\n{\"title\":\"cut\n{\"b\":\n{\"c\":\"\xff\"}\n{\"d\":2}\n";
        let got = items(input, 1000);
        assert_eq!(lines_of_problems(&got), [2, 3, 4, 5], "{got:?}");
        assert_eq!(got.first(), Some(&value(1, "{\"a\":1}")));
        assert_eq!(got.last(), Some(&value(6, "{\"d\":2}")));
        let cut = items(b"{\"a\":1}\n{\"b\": [", 1000);
        assert_eq!(lines_of_problems(&cut), [2]);
        let open_array = items(b"[{\"a\":1},", 1000);
        assert_eq!(open_array.len(), 2, "{open_array:?}");
        let after = items(b"[{\"a\":1}] x\n", 1000);
        assert_eq!(lines_of_problems(&after), [1]);
    }

    #[test]
    fn a_value_over_the_cap_is_reported_at_once_and_skipped() {
        let mut input = b"{\"a\":1}\n{\"long\":\"".to_vec();
        input.extend(std::iter::repeat_n(b'x', 500));
        input.extend_from_slice(b"\"}\n{\"b\":2}\n");
        let got = items(&input, 100);
        assert_eq!(lines_of_problems(&got), [2]);
        assert!(
            matches!(&got[1], Item::Problem { message, .. } if message.contains("longer than 100 bytes"))
        );
        assert_eq!(got.last(), Some(&value(3, "{\"b\":2}")));
    }

    #[test]
    fn shapes_of_inputs() {
        let cases: [(&[u8], Shape); 9] = [
            (b"  {\"id\":1}", Shape::Objects),
            (b"\xEF\xBB\xBF{\"id\":1}", Shape::Objects),
            (b"[\n {\"id\":1}]", Shape::Array),
            (b"[]", Shape::Array),
            (b"[Anh] Hoi nghi", Shape::Other(b'[')),
            (b"\n\n", Shape::Empty),
            (b"<!DOCTYPE html><html>", Shape::Html),
            (b"<p>Hello</p>", Shape::Html),
            (b"Ha Noi", Shape::Other(b'H')),
        ];
        for (input, shape) in cases {
            assert_eq!(
                shape_of(input),
                shape,
                "{:?}",
                String::from_utf8_lossy(input)
            );
        }
        assert!(!looks_like_html(b"<?xml version=\"1.0\"?><rss>"));
    }
}
