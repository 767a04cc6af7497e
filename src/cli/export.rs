//! `tintuc export`: records (from `extract` or a harvest) into the spreadsheet tables of
//! `output::tables` (a CSV folder, one CSV table, an XLSX workbook), into JSONL or JSON again, or
//! into the articles' text (txt, Markdown).
//!
//! Inputs are JSONL, pretty JSON or a JSON array, plain or gzip, read by
//! [`json_stream`](super::json_stream) one record at a time; each valid record goes to the sink at
//! once, so memory stays flat for CSV and JSONL (a workbook is held until the end). A malformed
//! record is reported as `FILE:LINE: ...` and skipped; the exit code is then 1. An HTML page given
//! by mistake is named as such. Files are first written under a temporary name in the destination
//! folder and renamed into place only when something could be read, so an interrupted or failed
//! export never leaves a half-written (or empty) file under the real name.

use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use tintuc::harvest::records_files_in;
use tintuc::model::Record;
use tintuc::output::{open_sink, CsvTableSink, FanOut, Format, RecordSink, Table};

use super::input;
use super::json_stream::{self, Item, JsonStream, Shape, DEFAULT_MAX_RECORD_BYTES};
use super::progress::Progress;
use super::Tally;

/// Formats `export` writes: all of them.
const FORMATS: [Format; 6] = Format::ALL;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tintuc export harvest/ --format xlsx -o harvest.xlsx
  tintuc export harvest/articles.jsonl --format csv -o tables/     (articles.csv, people.csv, ...)
  tintuc export harvest/ --format csv --table people > people.csv
  tintuc extract page.html | tintuc export - --format csv --table dates

CSV files start with a UTF-8 byte order mark so Excel shows Vietnamese; CSV on stdout does not.
XLSX cells hold at most 32,767 characters: longer text is cut, marked and reported.
Columns: `tintuc schema csv`.

Exit codes: 0 every record exported; 1 some records or inputs failed (each named on stderr, the \
others exported); 2 usage error, or nothing could be read (then no output file is written).")]
pub struct Args {
    /// Records files (JSONL, pretty JSON or a JSON array; plain or gzip), harvest directories
    /// (their articles.jsonl or articles.jsonl.gz), or `-` for stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// csv, xlsx, jsonl, json, txt or md; default from the extension of -o.
    #[arg(long, short = 'f', value_parser = super::format_among(&FORMATS))]
    pub format: Option<Format>,
    /// Output: a folder for CSV (one file per table), a file with --table, xlsx or jsonl; `-` or
    /// nothing for stdout where that makes sense.
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Only this table: articles, people, organizations, places or dates.
    #[arg(long)]
    pub table: Option<Table>,
    /// Largest record accepted (one JSONL line or JSON value), in bytes; a longer one is
    /// reported with its line and skipped without being held in memory.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_RECORD_BYTES)]
    pub max_size: u64,
    /// No progress bar and no summary line (errors are still reported).
    #[arg(short, long)]
    pub quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let to_stdout = is_stdout(args.output.as_deref());
    let format = match (args.format, &args.output) {
        (Some(format), _) => format,
        (None, Some(path)) if !to_stdout => Format::of_path(path).with_context(|| {
            format!(
                "{}: say which --format (csv, xlsx, jsonl, json, txt, md)",
                path.display()
            )
        })?,
        (None, _) => bail!("say which --format to write (csv, xlsx, jsonl, json, txt, md)"),
    };
    if !FORMATS.contains(&format) {
        bail!("`export` cannot write {format}");
    }
    if args.table.is_some() && !format.is_tabular() {
        bail!("--table applies to csv and xlsx, not {format}");
    }
    if format.is_binary() && to_stdout && io::stdout().is_terminal() {
        bail!("{format} is a binary format: write it to a file with -o FILE.{format}");
    }
    let mut staged: Vec<Staged> = Vec::new();
    let mut sink: Box<dyn RecordSink> = match (format, args.table, &args.output) {
        (Format::Csv, None, None) => {
            bail!("CSV needs -o FOLDER (one file per table) or --table NAME")
        }
        (Format::Csv, None, Some(dir)) if !to_stdout => {
            if dir.is_file() || Format::of_path(dir) == Some(Format::Csv) {
                bail!("{}: a file name; CSV export writes one file per table into a folder (or pick one with --table)", dir.display());
            }
            fs::create_dir_all(dir)
                .with_context(|| format!("{}: cannot create folder", dir.display()))?;
            let mut fan_out = FanOut::new();
            for table in Table::ALL {
                let (stage, file) = Staged::create(&dir.join(format!("{}.csv", table.name())))?;
                staged.push(stage);
                fan_out.push(Box::new(CsvTableSink::new(table, file).with_bom(true)));
            }
            Box::new(fan_out)
        }
        (Format::Csv, None, Some(_)) => {
            bail!("CSV to stdout needs --table NAME (one table per stream)")
        }
        (Format::Xlsx, _, None) => bail!("XLSX needs -o FILE.xlsx (or -o - for stdout)"),
        (_, table, Some(path)) if !to_stdout => {
            let (stage, file) = Staged::create(path)?;
            staged.push(stage);
            match format {
                Format::Csv => Box::new(
                    CsvTableSink::new(table.unwrap_or(Table::Articles), file).with_bom(true),
                ),
                _ => open_sink(format, table, file)?,
            }
        }
        (_, table, _) => open_sink(format, table, io::stdout().lock())?,
    };

    let on_terminal = to_stdout && io::stdout().is_terminal();
    let mut progress = Progress::new("records", args.quiet || on_terminal);
    progress.set_totals(None, total_size(&args.inputs));
    let mut counts = Counts::default();
    for input in &args.inputs {
        read_input(
            input,
            args.max_size,
            &mut |record| {
                sink.write_record(&record)
                    .context("cannot write the output")
            },
            &mut |_| {},
            &mut counts,
            &mut progress,
        )?;
    }
    progress.finish();
    let tally = Tally {
        read: counts.inputs_read,
        failed: counts.failed,
    };
    if tally.nothing_done() {
        // Nothing could be read: leave no output behind (the staged files are removed).
        return Ok(super::batch_exit(tally));
    }
    sink.finish().context("cannot finish the output")?;
    for notice in sink.notices() {
        eprintln!("tintuc: warning: {notice}");
    }
    drop(sink);
    for stage in staged {
        stage.commit()?;
    }
    if let Some(path) = args.output.as_deref().filter(|_| !to_stdout && !args.quiet) {
        let failed = match counts.failed {
            0 => String::new(),
            n => format!("; {n} bad line(s) or input(s) reported above"),
        };
        eprintln!(
            "tintuc: exported {} record(s) to {}{failed}",
            counts.records,
            path.display()
        );
    }
    Ok(super::batch_exit(tally))
}

/// Records read, failures reported and inputs that could be opened.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub records: usize,
    pub failed: usize,
    pub inputs_read: usize,
    /// Bytes read (decompressed).
    pub bytes: u64,
}

/// No `-o`, or `-o -`: write to stdout.
fn is_stdout(output: Option<&Path>) -> bool {
    output.is_none_or(|p| p.as_os_str() == "-")
}

/// Bytes of all inputs, when they are all files of known size (for the progress bar).
fn total_size(inputs: &[PathBuf]) -> Option<u64> {
    let mut total = 0;
    for input in inputs {
        let paths = if input.is_dir() {
            records_files_in(input)
        } else {
            vec![input.clone()]
        };
        for path in paths {
            let meta = fs::metadata(&path).ok().filter(|m| m.is_file())?;
            total += meta.len();
        }
    }
    Some(total)
}

/// Calls `each` with every valid record of `input` (a JSONL, pretty JSON or JSON array file,
/// plain or gzip, a harvest folder's records file, or `-` for stdin), in order, adding to
/// `counts`. Problems are reported as `FILE:LINE: ...` and counted; an error of `each` ends the
/// reading and is returned. No record longer than `max_bytes` is held in memory.
fn read_input(
    input: &Path,
    max_bytes: u64,
    each: &mut dyn FnMut(Record) -> anyhow::Result<()>,
    failed: &mut dyn FnMut(&str),
    counts: &mut Counts,
    progress: &mut Progress,
) -> anyhow::Result<()> {
    let mut reading = Reading {
        each,
        failed,
        counts,
        progress,
        max_bytes,
    };
    if input.as_os_str() == "-" {
        input::hint_if_waiting("records (JSONL or JSON)");
        let reader = Box::new(BufReader::new(io::stdin()));
        return reading.stream("<stdin>", reader);
    }
    let paths = if input.is_dir() {
        let found = records_files_in(input);
        if found.is_empty() {
            reading.fail(format!(
                "{}: no articles.jsonl or articles.jsonl.gz in this folder",
                input.display()
            ));
        }
        found
    } else {
        vec![input.to_path_buf()]
    };
    for path in paths {
        match input::open_file(&path) {
            Ok(reader) => reading.stream(&path.display().to_string(), reader)?,
            Err(err) => reading.fail(format!("{}: cannot read: {err}", path.display())),
        }
    }
    Ok(())
}

/// Calls `each` with every valid record of `input` (see [`read_input`]) without a progress bar;
/// each problem is reported on stderr and passed to `failed`. For the commands that read records
/// (`directory`, `report`).
pub fn read_records(
    input: &Path,
    each: &mut dyn FnMut(Record) -> anyhow::Result<()>,
    failed: &mut dyn FnMut(&str),
) -> anyhow::Result<Counts> {
    let mut counts = Counts::default();
    let mut progress = Progress::new("records", true);
    read_input(
        input,
        DEFAULT_MAX_RECORD_BYTES,
        each,
        failed,
        &mut counts,
        &mut progress,
    )?;
    Ok(counts)
}

/// The state of reading one input: where records and problems go.
struct Reading<'r> {
    each: &'r mut dyn FnMut(Record) -> anyhow::Result<()>,
    failed: &'r mut dyn FnMut(&str),
    counts: &'r mut Counts,
    progress: &'r mut Progress,
    max_bytes: u64,
}

impl Reading<'_> {
    /// Reports one problem (`FILE[:LINE]: ...`) and counts it.
    fn fail(&mut self, message: String) {
        self.progress.message(&format!("tintuc: {message}"));
        (self.failed)(&message);
        self.counts.failed += 1;
    }

    /// The records of one opened input.
    fn stream(&mut self, name: &str, reader: Box<dyn BufRead + Send + '_>) -> anyhow::Result<()> {
        let (shape, reader) = match json_stream::sniff(reader) {
            Ok(sniffed) => sniffed,
            Err(err) => {
                self.fail(format!("{name}: cannot read: {err}"));
                return Ok(());
            }
        };
        self.counts.inputs_read += 1;
        match shape {
            Shape::Objects | Shape::Array | Shape::Empty => {}
            Shape::Html => {
                self.fail(format!(
                    "{name}: this is an HTML page, not records: use `tintuc extract {name}` \
                     (its output can be piped to `tintuc export -`)"
                ));
                return Ok(());
            }
            Shape::Other(byte) => {
                let what = if byte.is_ascii_graphic() {
                    format!("`{}`", byte as char)
                } else {
                    format!("byte 0x{byte:02X}")
                };
                self.fail(format!(
                    "{name}: not records: expected JSONL, JSON or a JSON array of records, \
                     found {what} first"
                ));
                return Ok(());
            }
        }
        let base = self.counts.bytes;
        let mut stream = JsonStream::new(
            BufReader::new(reader),
            self.max_bytes,
            shape == Shape::Array,
        );
        while let Some(item) = stream.next() {
            self.progress.set_bytes(base + stream.bytes_read);
            match item {
                Item::Problem { line, message } => {
                    self.fail(format!("{name}:{line}: {message}"));
                    self.progress.advance(0, 0, 1);
                }
                Item::Value { line, text } => match serde_json::from_str::<Record>(&text) {
                    Ok(record) => {
                        (self.each)(record)?;
                        self.counts.records += 1;
                        self.progress.advance(1, 0, 0);
                    }
                    Err(err) => {
                        self.fail(format!(
                            "{name}:{}: invalid record: {}",
                            json_stream::serde_line(&err, line),
                            json_stream::serde_message(&err)
                        ));
                        self.progress.advance(0, 0, 1);
                    }
                },
            }
        }
        self.counts.bytes += stream.bytes_read;
        Ok(())
    }
}

/// A file written under a temporary name next to its destination and renamed into place by
/// [`Staged::commit`]; dropped without commit, the temporary file is removed.
pub struct Staged {
    temp: PathBuf,
    dest: PathBuf,
    committed: bool,
}

impl Staged {
    pub fn create(dest: &Path) -> anyhow::Result<(Staged, BufWriter<File>)> {
        if dest.is_dir() {
            bail!("{}: is a folder, expected a file name", dest.display());
        }
        let file_name = dest
            .file_name()
            .with_context(|| format!("{}: not a file name", dest.display()))?
            .to_string_lossy();
        let temp = dest.with_file_name(format!(".{file_name}.tmp-{}", std::process::id()));
        let file =
            File::create(&temp).with_context(|| format!("{}: cannot create", temp.display()))?;
        Ok((
            Staged {
                temp,
                dest: dest.to_path_buf(),
                committed: false,
            },
            BufWriter::new(file),
        ))
    }

    pub fn commit(mut self) -> anyhow::Result<()> {
        fs::rename(&self.temp, &self.dest)
            .with_context(|| format!("{}: cannot rename into place", self.dest.display()))?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.temp);
        }
    }
}
