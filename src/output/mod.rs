//! Output formats: one file per format. Records stream out one at a time, flushed per record, so
//! `tintuc ... | head` and `| jq` work.
//!
//! - [`json`]: pretty JSON and JSONL (the record schema, `schemas/record.schema.json`).
//! - [`tables`]: a record as rows of five tables (`articles`, `people`, `organizations`,
//!   `places`, `dates`), columns documented in `schemas/tables.schema.json`.
//! - [`csv`]: one table as RFC 4180 CSV ([`CsvTableSink`]).
//! - [`xlsx`]: the tables as sheets of one workbook ([`XlsxSink`]).
//! - [`txt`], [`markdown`]: the article itself, to read or to index ([`TextWriter`]).
//!
//! Commands that stream records (`extract`, `ner`, `crawl`) pick a sink with [`open_sink`]:
//!
//! ```no_run
//! use tintuc::output::{open_sink, Format, Table};
//! let stdout = std::io::stdout().lock();
//! let mut sink = open_sink(Format::Csv, Some(Table::People), stdout).unwrap();
//! # let records: Vec<tintuc::Record> = Vec::new();
//! for record in &records {
//!     sink.write_record(record).unwrap(); // flushed: `| head` sees it at once
//! }
//! sink.finish().unwrap(); // CSV: header even when no record came; XLSX: the workbook
//! ```

pub mod csv;
pub mod json;
pub mod markdown;
pub mod tables;
pub mod txt;
pub mod xlsx;

pub use csv::{CsvTableSink, CsvWriter};
pub use json::{JsonWriter, JsonlWriter};
pub use tables::{tables_schema, Cell, Column, ColumnKind, Layout, Table};
pub use txt::TextWriter;
pub use xlsx::{XlsxSink, XlsxWriter};

use std::fmt;
use std::io::Write;
use std::str::FromStr;

use crate::model::Record;

/// Anything that takes records one at a time.
pub trait RecordSink {
    fn write_record(&mut self, record: &Record) -> std::io::Result<()>;
    /// Writes whatever the format needs at the end and flushes.
    fn finish(&mut self) -> std::io::Result<()>;
    /// What the format had to change in what it wrote (an XLSX cell cut to Excel's limit), one
    /// sentence each, for the command to show as warnings.
    fn notices(&self) -> Vec<String> {
        Vec::new()
    }
}

impl<S: RecordSink + ?Sized> RecordSink for Box<S> {
    fn write_record(&mut self, record: &Record) -> std::io::Result<()> {
        (**self).write_record(record)
    }
    fn finish(&mut self) -> std::io::Result<()> {
        (**self).finish()
    }
    fn notices(&self) -> Vec<String> {
        (**self).notices()
    }
}

/// The output formats, by their `--format` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One pretty JSON document (an array when there are several records).
    Json,
    /// One record per line.
    Jsonl,
    /// One table (`--table`, default `articles`) as CSV.
    Csv,
    /// A workbook with the tables as sheets (written at the end, not streamed).
    Xlsx,
    /// The article as plain text: title, lead, body.
    Txt,
    /// The article as Markdown: title, date and source line, lead, body, images.
    Md,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Json,
        Format::Jsonl,
        Format::Csv,
        Format::Xlsx,
        Format::Txt,
        Format::Md,
    ];

    /// The `--format` name, which is also the file extension of the format.
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
            Format::Txt => "txt",
            Format::Md => "md",
        }
    }

    /// True for formats made of tables, where `--table` means something.
    pub fn is_tabular(self) -> bool {
        matches!(self, Format::Csv | Format::Xlsx)
    }

    /// True for formats that are bytes for a program, not text for a terminal.
    pub fn is_binary(self) -> bool {
        self == Format::Xlsx
    }

    /// The format a file name asks for by its extension (`.json`, `.jsonl`, `.ndjson`, `.csv`,
    /// `.xlsx`, `.txt`, `.md`, `.markdown`; any case). The one rule every command's `-o` follows.
    pub fn of_path(path: &std::path::Path) -> Option<Format> {
        path.extension()?.to_str()?.parse().ok()
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown format `{0}` (expected one of: json, jsonl, csv, xlsx, txt, md)")]
pub struct UnknownFormat(pub String);

impl FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        let wanted = s.trim().to_ascii_lowercase();
        let wanted = match wanted.as_str() {
            "ndjson" => "jsonl",
            "text" => "txt",
            "markdown" => "md",
            other => other,
        };
        Format::ALL
            .into_iter()
            .find(|f| f.name() == wanted)
            .ok_or_else(|| UnknownFormat(s.to_string()))
    }
}

/// A sink writing `format` to `out`, for streams (stdout, a pipe).
///
/// - `Json`, `Jsonl`: the record schema; `table` is ignored.
/// - `Csv`: the rows of `table` (default [`Table::Articles`]), header first, flushed per record,
///   no byte order mark (use [`CsvTableSink::with_bom`] for files meant for Excel).
/// - `Xlsx`: a workbook with the one sheet `table`, or every table when `None`; written whole on
///   `finish`.
/// - `Txt`, `Md`: the article text; `table` is ignored.
pub fn open_sink<'a, W: Write + 'a>(
    format: Format,
    table: Option<Table>,
    out: W,
) -> std::io::Result<Box<dyn RecordSink + 'a>> {
    Ok(match format {
        Format::Json => Box::new(JsonWriter::new(out)),
        Format::Jsonl => Box::new(JsonlWriter::new(out)),
        Format::Csv => Box::new(CsvTableSink::new(table.unwrap_or(Table::Articles), out)),
        Format::Xlsx => match table {
            Some(table) => Box::new(XlsxSink::new(&[table], out)?),
            None => Box::new(XlsxSink::new(&Table::ALL, out)?),
        },
        Format::Txt => Box::new(TextWriter::plain(out)),
        Format::Md => Box::new(TextWriter::markdown(out)),
    })
}

/// Several sinks fed the same records (e.g. one CSV file per table).
#[derive(Default)]
pub struct FanOut<'a> {
    sinks: Vec<Box<dyn RecordSink + 'a>>,
}

impl<'a> FanOut<'a> {
    pub fn new() -> Self {
        FanOut { sinks: Vec::new() }
    }
    pub fn push(&mut self, sink: Box<dyn RecordSink + 'a>) {
        self.sinks.push(sink);
    }
}

impl RecordSink for FanOut<'_> {
    fn write_record(&mut self, record: &Record) -> std::io::Result<()> {
        self.sinks
            .iter_mut()
            .try_for_each(|sink| sink.write_record(record))
    }
    fn finish(&mut self) -> std::io::Result<()> {
        self.sinks.iter_mut().try_for_each(|sink| sink.finish())
    }
    fn notices(&self) -> Vec<String> {
        self.sinks.iter().flat_map(|sink| sink.notices()).collect()
    }
}
