//! `tintuc ner [FILE|-]`: entities of plain text or of JSONL documents.
//!
//! Input is JSONL, one `{"id", "text", "published"?}` a line, or a plain-text file (one document whose
//! id is the file name). Each document gives one output line with the same `id`: `{"id", "entities"}`
//! in the layout of records, or with `--spans` `{"id", "mentions": [...]}`, the flat layout of
//! annotation tools and `score.py`. With `--format csv --table people` (or `dates`, `places`,
//! `organizations`) the entities stream out as CSV rows instead, the document id in the url column.
//! A malformed line is reported with its line number and skipped.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use serde::Serialize;
use serde_json::Value;
use tintuc::model::{Article, Record};
use tintuc::model::{Entities, Ymd};
use tintuc::ner::{FlatMention, Lexicons, Recognizer};
use tintuc::output::{open_sink, Format, JsonlWriter, RecordSink, Table};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    /// JSONL when the first non-blank character is `{`, plain text otherwise.
    Auto,
    Jsonl,
    Text,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A JSONL or plain-text file; `-` or nothing reads standard input.
    pub input: Option<String>,
    /// Write a flat list of mentions per document instead of grouped entities.
    #[arg(long)]
    pub spans: bool,
    /// How to read the input.
    #[arg(long, value_enum, default_value = "auto")]
    pub input_format: InputFormat,
    /// Publication date (YYYY-MM-DD) for plain-text input, used to resolve missing years.
    #[arg(long, value_name = "DATE")]
    pub published: Option<String>,
    /// Output format: `jsonl` (default) or `csv` (one table, see `--table`).
    #[arg(long, default_value = "jsonl", value_parser = super::format_among(&[Format::Jsonl, Format::Csv]))]
    pub format: Format,
    /// The table to write with `--format csv`: people, organizations, places, dates.
    #[arg(long)]
    pub table: Option<Table>,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
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
    let name = args.input.clone().unwrap_or_else(|| "-".to_string());
    let mut reader: Box<dyn BufRead> = if name == "-" {
        Box::new(BufReader::new(io::stdin()))
    } else {
        Box::new(BufReader::new(
            File::open(&name).with_context(|| format!("{name}: cannot read"))?,
        ))
    };
    let published = match args.published.as_deref() {
        Some(date) => Some(
            Ymd::parse_iso(date)
                .with_context(|| format!("--published {date}: not a YYYY-MM-DD date"))?,
        ),
        None => None,
    };
    let jsonl = match args.input_format {
        InputFormat::Jsonl => true,
        InputFormat::Text => false,
        InputFormat::Auto => {
            first_non_blank(&mut reader).with_context(|| format!("{name}: cannot read"))?
                == Some(b'{')
        }
    };

    let out: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(io::BufWriter::new(
            File::create(path).with_context(|| format!("{}: cannot create", path.display()))?,
        )),
        None => Box::new(io::stdout().lock()),
    };
    if args.format == Format::Csv && args.spans {
        anyhow::bail!("--spans writes JSONL; it cannot be combined with --format csv");
    }
    let mut output = match args.format {
        Format::Csv => Output::Table(open_sink(
            Format::Csv,
            Some(args.table.unwrap_or(Table::People)),
            out,
        )?),
        _ => Output::Jsonl(JsonlWriter::new(out)),
    };
    let recognizer = Recognizer::new(&lexicons(args.lexicon.as_deref())?);
    let recognizer = &recognizer;
    let mut emit = |id: &Value, text: &str, published: Option<Ymd>| -> io::Result<()> {
        match &mut output {
            Output::Jsonl(writer) if args.spans => writer.write_value(&SpansLine {
                id,
                mentions: recognizer.spans(text, published),
            }),
            Output::Jsonl(writer) => writer.write_value(&EntitiesLine {
                id,
                entities: recognizer.recognize_text(text, published),
            }),
            Output::Table(sink) => {
                sink.write_record(&document_record(id, text, published, recognizer))
            }
        }
    };

    if !jsonl {
        let mut input = String::new();
        reader
            .read_to_string(&mut input)
            .with_context(|| format!("{name}: not UTF-8 text"))?;
        let id = Value::String(if name == "-" {
            "stdin".to_string()
        } else {
            name.clone()
        });
        emit(&id, &input, published)?;
        output.finish()?;
        return Ok(super::batch_exit(0));
    }

    let mut failed = 0usize;
    for (number, line) in reader.lines().enumerate() {
        let line = line.with_context(|| format!("{name}: line {}", number + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        match parse_document(&line) {
            Ok(doc) => emit(&doc.id, &doc.text, doc.published.or(published))?,
            Err(message) => {
                failed += 1;
                eprintln!("tintuc: {name}:{}: {message}", number + 1);
            }
        }
    }
    output.finish()?;
    if failed > 0 {
        eprintln!("tintuc: {failed} line(s) of {name} skipped");
    }
    Ok(super::batch_exit(failed))
}

/// Peeks at the first non-blank byte of the buffered input without consuming anything, so
/// plain text keeps its offsets.
fn first_non_blank(reader: &mut dyn BufRead) -> io::Result<Option<u8>> {
    let buffer = reader.fill_buf()?;
    Ok(buffer.iter().copied().find(|b| !b.is_ascii_whitespace()))
}

enum Output<'a> {
    Jsonl(JsonlWriter<Box<dyn Write + 'a>>),
    Table(Box<dyn RecordSink + 'a>),
}

impl Output<'_> {
    fn finish(&mut self) -> io::Result<()> {
        match self {
            Output::Jsonl(writer) => writer.finish(),
            Output::Table(sink) => sink.finish(),
        }
    }
}

/// A document as a record, for the spreadsheet tables: its id stands in the url column.
fn document_record(
    id: &Value,
    text: &str,
    published: Option<Ymd>,
    recognizer: &Recognizer,
) -> Record {
    let url = match id {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let article = Article {
        url: Some(url),
        published: published.map(|p| p.to_string()),
        text: text.to_string(),
        ..Article::default()
    };
    Record {
        entities: recognizer.recognize_text(text, published),
        article,
        provenance: Default::default(),
    }
}

struct Document {
    id: Value,
    text: String,
    published: Option<Ymd>,
}

fn parse_document(line: &str) -> Result<Document, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("not valid JSON ({e})"))?;
    let Value::Object(mut object) = value else {
        return Err("not a JSON object".to_string());
    };
    let text = match object.remove("text") {
        Some(Value::String(text)) => text,
        Some(_) => return Err("\"text\" is not a string".to_string()),
        None => return Err("no \"text\" field".to_string()),
    };
    let published = match object.get("published") {
        None | Some(Value::Null) => None,
        Some(Value::String(date)) => Some(
            Ymd::parse_iso(date)
                .ok_or_else(|| format!("\"published\" {date:?} is not a YYYY-MM-DD date"))?,
        ),
        Some(_) => return Err("\"published\" is not a string".to_string()),
    };
    let id = object.remove("id").unwrap_or(Value::Null);
    Ok(Document {
        id,
        text,
        published,
    })
}
