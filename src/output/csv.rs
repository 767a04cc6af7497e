//! CSV, written by hand to RFC 4180: one table per file ([`CsvWriter`] for any [`Layout`];
//! [`CsvTableSink`] for the rows of records, [`Table::rows`]).
//!
//! A field is quoted when it holds `,`, `"`, CR or LF; quotes inside are doubled; line breaks
//! inside a field are kept as they are. Records end with CRLF. Files start with a UTF-8 byte order
//! mark ([`BOM`]) because Excel only reads CSV as UTF-8 when it sees one (without it, Vietnamese
//! comes out as mojibake); streams to stdout leave it out, since `cut`, `jq -R` and friends would
//! take it for part of the first header.
//!
//! Text cells a spreadsheet would run as a formula (leading `=`, `+`, `-`, `@`, tab, CR) get a
//! leading `'`, as OWASP recommends against CSV injection. Integer columns are never touched, and
//! neither is a text cell that is just a signed number (`-5`): Excel reads it as a number, not a
//! formula, and a `'` would only spoil it.

use std::borrow::Cow;
use std::io::Write;

use super::tables::{Cell, Column, Layout, Table};
use super::RecordSink;
use crate::model::Record;

/// The UTF-8 byte order mark written at the start of CSV files.
pub const BOM: &str = "\u{FEFF}";

/// Record terminator (RFC 4180).
pub const LINE_END: &str = "\r\n";

/// Characters that make a spreadsheet treat a cell as a formula when they come first.
pub const FORMULA_TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// True when a spreadsheet would run `text` as a formula (and it is not just a number).
pub fn needs_neutralising(text: &str) -> bool {
    text.starts_with(FORMULA_TRIGGERS) && !is_plain_number(text)
}

/// `text` with a leading `'` when a spreadsheet would run it as a formula.
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if needs_neutralising(text) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// `-5`, `+3.5`, `-1,25`: an optional sign, digits, at most one decimal separator.
fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = match digits.split_once(['.', ',']) {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && fraction.is_none_or(all_digits)
}

/// Appends one field, quoted when RFC 4180 requires it.
pub fn push_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\r', '\n']) {
        out.push('"');
        for c in field.chars() {
            if c == '"' {
                out.push('"');
            }
            out.push(c);
        }
        out.push('"');
    } else {
        out.push_str(field);
    }
}

/// Appends one record: the cells, neutralised where needed, separated by commas, ended by CRLF.
pub fn push_row(out: &mut String, cells: &[Cell]) {
    for (i, cell) in cells.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match cell {
            Cell::Empty => {}
            Cell::Integer(n) => out.push_str(&n.to_string()),
            Cell::Text(s) | Cell::Date(s) => push_field(out, &neutralise(s)),
        }
    }
    out.push_str(LINE_END);
}

/// Appends the header record of a table with these columns.
pub fn push_header(out: &mut String, columns: &[Column]) {
    for (i, column) in columns.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, column.name);
    }
    out.push_str(LINE_END);
}

/// Streams the rows of one table (any [`Layout`]) as CSV: the header once (also when no row
/// comes), then the rows of each [`CsvWriter::write_rows`] call, flushed after every call so a
/// pipe reader sees them as they are made.
pub struct CsvWriter<W: Write> {
    layout: Layout,
    out: W,
    bom: bool,
    started: bool,
    buffer: String,
}

impl<W: Write> CsvWriter<W> {
    /// A writer for `layout` without a byte order mark (for stdout and pipes).
    pub fn new(layout: Layout, out: W) -> Self {
        CsvWriter {
            layout,
            out,
            bom: false,
            started: false,
            buffer: String::new(),
        }
    }

    /// Starts the output with a UTF-8 byte order mark (for files meant for Excel).
    pub fn with_bom(mut self, bom: bool) -> Self {
        self.bom = bom;
        self
    }

    pub fn layout(&self) -> Layout {
        self.layout
    }

    /// The writer back, e.g. to rename a finished temporary file.
    pub fn into_inner(self) -> W {
        self.out
    }

    fn start(&mut self) {
        if !self.started {
            self.started = true;
            if self.bom {
                self.buffer.push_str(BOM);
            }
            push_header(&mut self.buffer, self.layout.columns);
        }
    }

    /// Writes these rows (after the header, the first time) and flushes.
    pub fn write_rows(&mut self, rows: &[Vec<Cell>]) -> std::io::Result<()> {
        self.start();
        for row in rows {
            push_row(&mut self.buffer, row);
        }
        self.out.write_all(self.buffer.as_bytes())?;
        self.buffer.clear();
        self.out.flush()
    }

    /// Writes the header if no row came, and flushes.
    pub fn finish(&mut self) -> std::io::Result<()> {
        self.write_rows(&[])
    }
}

/// Streams one table of the records as CSV ([`Table::rows`] through a [`CsvWriter`]).
pub struct CsvTableSink<W: Write> {
    table: Table,
    writer: CsvWriter<W>,
}

impl<W: Write> CsvTableSink<W> {
    /// A sink for `table` without a byte order mark (for stdout and pipes).
    pub fn new(table: Table, out: W) -> Self {
        CsvTableSink {
            table,
            writer: CsvWriter::new(table.layout(), out),
        }
    }

    /// Starts the output with a UTF-8 byte order mark (for files meant for Excel).
    pub fn with_bom(mut self, bom: bool) -> Self {
        self.writer = self.writer.with_bom(bom);
        self
    }

    pub fn table(&self) -> Table {
        self.table
    }

    /// The writer back, e.g. to rename a finished temporary file.
    pub fn into_inner(self) -> W {
        self.writer.into_inner()
    }
}

impl<W: Write> RecordSink for CsvTableSink<W> {
    fn write_record(&mut self, record: &Record) -> std::io::Result<()> {
        self.writer.write_rows(&self.table.rows(record))
    }

    fn finish(&mut self) -> std::io::Result<()> {
        self.writer.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neutralises_text_that_would_run_as_a_formula() {
        let cases = [
            ("=1+1", "'=1+1"),
            ("+84 258 3822", "'+84 258 3822"),
            ("-Hướng dẫn", "'-Hướng dẫn"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("-5", "-5"),
            ("+3.5", "+3.5"),
            ("-1,25", "-1,25"),
            ("-", "'-"),
            ("-5-3", "'-5-3"),
            ("Hà Nội", "Hà Nội"),
            ("a=b", "a=b"),
            ("", ""),
        ];
        for (input, expected) in cases {
            assert_eq!(neutralise(input), expected, "{input:?}");
        }
    }

    #[test]
    fn quotes_only_when_needed() {
        let cases = [
            ("plain", "plain"),
            ("a,b", "\"a,b\""),
            ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""),
            ("cr\r", "\"cr\r\""),
            ("Đà Nẵng", "Đà Nẵng"),
        ];
        for (input, expected) in cases {
            let mut out = String::new();
            push_field(&mut out, input);
            assert_eq!(out, expected, "{input:?}");
        }
    }

    #[test]
    fn integers_are_never_neutralised() {
        let mut out = String::new();
        push_row(
            &mut out,
            &[Cell::Integer(-5), Cell::Text("-x".into()), Cell::Empty],
        );
        assert_eq!(out, "-5,'-x,\r\n");
    }
}
