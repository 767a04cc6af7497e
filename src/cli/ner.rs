//! `tintuc ner [FILE|-]`: entities of plain text or of JSON documents.
//!
//! Input is JSON documents `{"id", "text", "published"?}` (JSONL, pretty JSON or a JSON array,
//! read by [`json_stream`](super::json_stream); records of `extract` work too) or a plain-text
//! file (one document whose id is the file name). Each document gives one output line with the
//! same `id`: `{"id", "entities"}` in the layout of records, or with `--spans`
//! `{"id", "mentions": [...]}`, the flat layout of annotation tools and `score.py`. With
//! `--format csv --table people` (or `dates`, `places`, `organizations`) the entities stream out
//! as CSV rows instead, the document id in the url and article_id columns; `--format xlsx` writes
//! every table.
//!
//! A document that cannot be read (not JSON, not UTF-8, no text, an impossible date, longer than
//! `--max-size`) is reported with its line and skipped; the exit code is then 1. A document
//! without an id gets `FILE:LINE` as its id, and an empty `published` is read as absent: both
//! with a warning.

use std::io::{self, BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use serde::Serialize;
use serde_json::Value;
use tintuc::model::{Article, Record};
use tintuc::model::{Entities, Ymd};
use tintuc::ner::{FlatMention, Lexicons, Recognizer};
use tintuc::output::{open_sink, Format, JsonlWriter, RecordSink, Table};

use super::destination::{pick_format, Destination, LazyFile};
use super::input::{self, ReadError};
use super::json_stream::{self, Item, JsonStream, Shape, DEFAULT_MAX_RECORD_BYTES};
use super::progress::Progress;
use super::Tally;

/// Formats `ner` writes.
const FORMATS: [Format; 3] = [Format::Jsonl, Format::Csv, Format::Xlsx];

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// JSON documents when the input starts with `{` (or `[{`), plain text otherwise.
    Auto,
    /// JSON documents: JSONL, pretty JSON or a JSON array.
    #[value(alias = "json")]
    Jsonl,
    Text,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tintuc ner bai-viet.txt --published 2023-07-18
  tintuc ner --spans < samples/documents.jsonl
  tintuc ner samples/documents.jsonl --format csv --table people
  tintuc extract page.html | tintuc ner          (a record's text; `extract` already adds entities)

Exit codes: 0 every document processed; 1 some documents failed (each named as FILE:LINE on \
stderr, the others written); 2 usage error, or nothing could be done (the input cannot be read).")]
pub struct Args {
    /// A JSON documents or plain-text file (plain or .gz); `-` or nothing reads standard input.
    pub input: Option<String>,
    /// Write a flat list of mentions per document instead of grouped entities.
    #[arg(long)]
    pub spans: bool,
    /// How to read the input.
    #[arg(long, value_enum, default_value = "auto")]
    pub input_format: InputFormat,
    /// Publication date (YYYY-MM-DD) for plain text and for documents without one, used to
    /// resolve missing years.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// jsonl (default), csv (one table: needs --table) or xlsx (every table); default from the
    /// extension of -o.
    #[arg(long, value_parser = super::format_among(&FORMATS))]
    pub format: Option<Format>,
    /// The table to write with `--format csv`: people, organizations, places, dates.
    #[arg(long)]
    pub table: Option<Table>,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Largest document accepted (a plain-text input, one JSON line or value), in bytes; no
    /// more than this is read of one document.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_RECORD_BYTES)]
    pub max_size: u64,
    /// No progress bar and no summary of warnings (errors are still reported).
    #[arg(short, long)]
    pub quiet: bool,
    /// Extra lexicon tables: a directory laid out like `data/lexicon/` (e.g. `person/roles.tsv`);
    /// its rows are added to the built-in tables of the same name and win over them.
    #[arg(long, value_name = "DIR")]
    pub lexicon: Option<PathBuf>,
}

/// The lexicons of a run: the built-in ones, extended by `--lexicon DIR`.
pub fn lexicons(dir: Option<&std::path::Path>) -> anyhow::Result<Lexicons> {
    Ok(match dir {
        Some(dir) => Lexicons::with_dir(dir)?,
        None => Lexicons::builtin(),
    })
}

#[derive(Serialize)]
struct EntitiesLine<'a> {
    id: &'a Value,
    entities: Entities,
}

#[derive(Serialize)]
struct SpansLine<'a> {
    id: &'a Value,
    mentions: Vec<FlatMention>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let published = match args.published.as_deref() {
        Some(date) => Some(Ymd::parse_iso(date).with_context(|| {
            format!("--published {date}: not a day of the calendar as YYYY-MM-DD")
        })?),
        None => None,
    };
    let destination = Destination::of(args.output.as_deref(), false);
    let format = pick_format("ner", args.format, &destination, &FORMATS, Format::Jsonl)?;
    if args.spans && format != Format::Jsonl {
        bail!("--spans writes JSONL; it cannot be combined with --format {format}");
    }
    let table = match (format, args.table) {
        (Format::Csv, None) => bail!(
            "ner --format csv writes one table: add --table people, organizations, places or dates \
             (or write every table with --format xlsx)"
        ),
        (Format::Jsonl, Some(_)) => bail!("--table applies to csv and xlsx, not jsonl"),
        (_, table) => table,
    };

    let name = args.input.clone().unwrap_or_else(|| "-".to_string());
    let mut tally = Tally::default();
    let mut progress = Progress::new("documents", args.quiet || destination.is_terminal());
    let reader: Box<dyn BufRead + Send> = if name == "-" {
        input::hint_if_waiting("text or JSON documents");
        Box::new(BufReader::new(io::stdin()))
    } else {
        match input::open_file(std::path::Path::new(&name)) {
            Ok(reader) => {
                let size = std::fs::metadata(&name).map(|m| m.len()).ok();
                progress.set_totals(None, size);
                reader
            }
            Err(err) => {
                eprintln!("tintuc: {name}: cannot read: {err}");
                tally.failed += 1;
                return Ok(super::batch_exit(tally));
            }
        }
    };
    let (shape, reader) =
        json_stream::sniff(reader).with_context(|| format!("{name}: cannot read"))?;
    let reader = BufReader::new(reader);
    tally.read += 1;
    let documents = match args.input_format {
        InputFormat::Jsonl => true,
        InputFormat::Text => false,
        InputFormat::Auto => matches!(shape, Shape::Objects | Shape::Array),
    };
    if !documents && shape == Shape::Html {
        progress.message(&format!(
            "tintuc: warning: {name} looks like an HTML page; it is read as plain text, tags and all \
             (`tintuc extract` gives the article's entities)"
        ));
    }

    let out: Box<dyn Write> = match &destination {
        Destination::File(path) => Box::new(LazyFile::new(path)),
        _ => Box::new(io::stdout()),
    };
    let mut output = match format {
        Format::Jsonl => Output::Jsonl(JsonlWriter::new(out)),
        _ => Output::Table(open_sink(format, table, out)?),
    };
    let recognizer = Recognizer::new(&lexicons(args.lexicon.as_deref())?);
    let mut writer = Writer {
        output: &mut output,
        spans: args.spans,
        recognizer: &recognizer,
    };

    if documents {
        read_documents(
            &name,
            reader,
            shape == Shape::Array,
            &args,
            published,
            &mut writer,
            &mut tally,
            &mut progress,
        )?;
    } else {
        match input::read_capped(reader, args.max_size) {
            Ok(bytes) => {
                let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
                progress.advance(1, bytes.len() as u64, 0);
                match std::str::from_utf8(bytes) {
                    Ok(text) => {
                        let id = Value::String(if name == "-" {
                            "stdin".to_string()
                        } else {
                            name.clone()
                        });
                        writer.emit(&id, text, published)?;
                    }
                    Err(err) => {
                        tally.failed += 1;
                        progress.message(&format!("tintuc: {name}: {}", not_utf8(bytes, &err)));
                    }
                }
            }
            Err(ReadError::Io(err)) => {
                tally.failed += 1;
                progress.message(&format!("tintuc: {name}: cannot read: {err}"));
            }
            Err(too_large) => {
                tally.failed += 1;
                progress.message(&format!("tintuc: {name}: {too_large}"));
            }
        }
    }
    progress.finish();
    if !tally.nothing_done() {
        output.finish()?;
        if let Destination::File(path) = &destination {
            if !path.exists() {
                LazyFile::new(path).create_now()?;
            }
        }
    }
    if let Output::Table(sink) = &output {
        for notice in sink.notices() {
            eprintln!("tintuc: warning: {notice}");
        }
    }
    Ok(super::batch_exit(tally))
}

/// Where the body of a plain text is not UTF-8, and what to do.
fn not_utf8(bytes: &[u8], err: &std::str::Utf8Error) -> String {
    let at = err.valid_up_to();
    let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
    format!(
        "not UTF-8 (byte 0x{:02X} on line {line}); convert it first, e.g. `iconv -f windows-1258 -t utf-8`",
        bytes[at]
    )
}

/// Reads JSON documents and emits each; bad ones are reported and counted.
#[allow(clippy::too_many_arguments)]
fn read_documents(
    name: &str,
    reader: impl BufRead,
    array: bool,
    args: &Args,
    published: Option<Ymd>,
    writer: &mut Writer<'_>,
    tally: &mut Tally,
    progress: &mut Progress,
) -> anyhow::Result<()> {
    let mut stream = JsonStream::new(reader, args.max_size, array);
    let mut without_id = Warned::default();
    let mut empty_published = Warned::default();
    let mut skipped = 0usize;
    while let Some(item) = stream.next() {
        progress.set_bytes(stream.bytes_read);
        match item {
            Item::Problem { line, message } => {
                skipped += 1;
                progress.message(&format!("tintuc: {name}:{line}: {message}"));
            }
            Item::Value { line, text } => match parse_document(&text, line) {
                Ok(doc) => {
                    let id = match doc.id {
                        Some(id) => id,
                        None => {
                            without_id.note(line);
                            Value::String(format!("{name}:{line}"))
                        }
                    };
                    if doc.empty_published {
                        empty_published.note(line);
                    }
                    writer.emit(&id, &doc.text, doc.published.or(published))?;
                    progress.advance(1, 0, 0);
                }
                Err((line, message)) => {
                    skipped += 1;
                    progress.advance(1, 0, 1);
                    progress.message(&format!("tintuc: {name}:{line}: {message}"));
                }
            },
        }
    }
    tally.failed += skipped;
    if let Some((count, first)) = without_id.summary() {
        progress.message(&format!(
            "tintuc: warning: {name}: {count} document(s) without an \"id\" (first on line {first}): \
             each is named FILE:LINE instead"
        ));
    }
    if let Some((count, first)) = empty_published.summary() {
        progress.message(&format!(
            "tintuc: warning: {name}: {count} document(s) with an empty \"published\" (first on line \
             {first}): read as absent"
        ));
    }
    if skipped > 0 && !args.quiet {
        progress.message(&format!("tintuc: {skipped} document(s) of {name} skipped"));
    }
    Ok(())
}

/// A warning counted over a whole input, shown once with its first line.
#[derive(Default)]
struct Warned {
    count: usize,
    first: usize,
}

impl Warned {
    fn note(&mut self, line: usize) {
        if self.count == 0 {
            self.first = line;
        }
        self.count += 1;
    }
    fn summary(&self) -> Option<(usize, usize)> {
        (self.count > 0).then_some((self.count, self.first))
    }
}

struct Writer<'o> {
    output: &'o mut Output,
    spans: bool,
    recognizer: &'o Recognizer,
}

impl Writer<'_> {
    fn emit(&mut self, id: &Value, text: &str, published: Option<Ymd>) -> io::Result<()> {
        match &mut *self.output {
            Output::Jsonl(writer) if self.spans => writer.write_value(&SpansLine {
                id,
                mentions: self.recognizer.spans(text, published),
            }),
            Output::Jsonl(writer) => writer.write_value(&EntitiesLine {
                id,
                entities: self.recognizer.recognize_text(text, published),
            }),
            Output::Table(sink) => {
                sink.write_record(&document_record(id, text, published, self.recognizer))
            }
        }
    }
}

enum Output {
    Jsonl(JsonlWriter<Box<dyn Write>>),
    Table(Box<dyn RecordSink>),
}

impl Output {
    fn finish(&mut self) -> io::Result<()> {
        match self {
            Output::Jsonl(writer) => writer.finish(),
            Output::Table(sink) => sink.finish(),
        }
    }
}

/// A document as a record, for the spreadsheet tables: its id stands in the url and id columns.
fn document_record(
    id: &Value,
    text: &str,
    published: Option<Ymd>,
    recognizer: &Recognizer,
) -> Record {
    let id = match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let article = Article {
        url: Some(id.clone()),
        published: published.map(|p| p.to_string()),
        text: text.to_string(),
        ..Article::default()
    };
    Record {
        id: Some(id),
        entities: recognizer.recognize_text(text, published),
        article,
        provenance: Default::default(),
    }
}

struct Document {
    id: Option<Value>,
    text: String,
    published: Option<Ymd>,
    empty_published: bool,
}

/// One JSON document; the error names the line of the problem.
fn parse_document(text: &str, line: usize) -> Result<Document, (usize, String)> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        (
            json_stream::serde_line(&e, line),
            format!(
                "not valid JSON ({}): skipped",
                json_stream::serde_message(&e)
            ),
        )
    })?;
    let fail = |message: String| (line, format!("{message}: skipped"));
    let Value::Object(mut object) = value else {
        return Err(fail("not a JSON object".to_string()));
    };
    let text = match object.remove("text") {
        Some(Value::String(text)) => text,
        Some(_) => return Err(fail("\"text\" is not a string".to_string())),
        None => return Err(fail("no \"text\" field".to_string())),
    };
    let mut empty_published = false;
    let published = match object.get("published") {
        None | Some(Value::Null) => None,
        Some(Value::String(date)) if date.trim().is_empty() => {
            empty_published = true;
            None
        }
        Some(Value::String(date)) => Some(Ymd::parse_iso(date).ok_or_else(|| {
            fail(format!(
                "\"published\" {date:?} is not a day of the calendar as YYYY-MM-DD"
            ))
        })?),
        Some(_) => return Err(fail("\"published\" is not a string".to_string())),
    };
    let id = object.remove("id").filter(|id| !id.is_null());
    Ok(Document {
        id,
        text,
        published,
        empty_published,
    })
}
