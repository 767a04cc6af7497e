//! `tintuc export`: records (JSONL from `extract`, `ner` or a harvest) into the spreadsheet
//! tables of `output::tables` (a CSV folder, one CSV table, an XLSX workbook) or into JSONL again.
//!
//! Inputs are read line by line and each valid record goes to the sink at once, so memory stays
//! flat for CSV and JSONL (a workbook is held until the end). A malformed line is reported as
//! `FILE:LINE: ...` and skipped; the exit code is then 1. Files are first written under a
//! temporary name in the destination folder and renamed into place only when everything went
//! well, so an interrupted export never leaves a half-written file under the real name.

use std::fs::{self, File};
use std::io::{self, BufRead, BufWriter};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use tintuc::harvest::{open_maybe_gzip, records_files_in};
use tintuc::model::Record;
use tintuc::output::{open_sink, CsvTableSink, FanOut, Format, RecordSink, Table};

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tintuc export harvest/ --format xlsx -o harvest.xlsx
  tintuc export harvest/articles.jsonl --format csv -o tables/     (articles.csv, people.csv, ...)
  tintuc export harvest/ --format csv --table people > people.csv
  tintuc extract page.html | tintuc export - --format csv --table dates

CSV files start with a UTF-8 byte order mark so Excel shows Vietnamese; CSV on stdout does not.
Columns: `tintuc schema csv`.")]
pub struct Args {
    /// `articles.jsonl` files (plain or gzip: `.jsonl.gz`), harvest directories (their
    /// articles.jsonl or articles.jsonl.gz), or `-` for stdin.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// csv, xlsx or jsonl (json also works); default from the extension of -o.
    #[arg(long, short = 'f', value_parser = super::format_among(&[Format::Csv, Format::Xlsx, Format::Jsonl, Format::Json]))]
    pub format: Option<Format>,
    /// Output: a folder for CSV (one file per table), a file with --table, xlsx or jsonl; `-` or
    /// nothing for stdout where that makes sense.
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Only this table: articles, people, organizations, places or dates.
    #[arg(long)]
    pub table: Option<Table>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let to_stdout = is_stdout(args.output.as_deref());
    let format = match (args.format, &args.output) {
        (Some(format), _) => format,
        (None, Some(path)) if !to_stdout => format_of(path).with_context(|| {
            format!("{}: say which --format (csv, xlsx, jsonl)", path.display())
        })?,
        (None, _) => bail!("say which --format to write (csv, xlsx, jsonl)"),
    };
    if args.table.is_some() && !format.is_tabular() {
        bail!("--table applies to csv and xlsx, not {format}");
    }
    let mut staged: Vec<Staged> = Vec::new();
    let mut sink: Box<dyn RecordSink> = match (format, args.table, &args.output) {
        (Format::Csv, None, None) => {
            bail!("CSV needs -o FOLDER (one file per table) or --table NAME")
        }
        (Format::Csv, None, Some(dir)) if !to_stdout => {
            if dir.is_file() || format_of(dir) == Some(Format::Csv) {
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

    let mut counts = Counts::default();
    for input in &args.inputs {
        export_input(input, sink.as_mut(), &mut counts)?;
    }
    sink.finish().context("cannot finish the output")?;
    drop(sink);
    for stage in staged {
        stage.commit()?;
    }
    if let Some(path) = args.output.as_deref().filter(|_| !to_stdout) {
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
    Ok(super::batch_exit(counts.failed))
}

fn format_of(path: &Path) -> Option<Format> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    extension.parse().ok()
}

/// No `-o`, or `-o -`: write to stdout.
fn is_stdout(output: Option<&Path>) -> bool {
    output.map_or(true, |p| p.as_os_str() == "-")
}

/// Streams the records of one input into the sink; bad inputs and lines are reported and counted.
fn export_input(
    input: &Path,
    sink: &mut dyn RecordSink,
    counts: &mut Counts,
) -> anyhow::Result<()> {
    let read = read_records(
        input,
        &mut |record| {
            sink.write_record(&record)
                .context("cannot write the output")
        },
        &mut |_| {},
    )?;
    counts.records += read.records;
    counts.failed += read.failed;
    Ok(())
}

/// Records read from one input, and the bad lines or inputs reported.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub records: usize,
    pub failed: usize,
}

/// Calls `each` with every valid record of `input` (a JSONL file, plain or gzip, a harvest
/// directory's `articles.jsonl` / `articles.jsonl.gz`, or `-` for stdin), in order. A missing
/// file and bad lines are reported on stderr as `FILE:LINE: ...`, passed to `failed` and
/// counted; an error of `each` ends the reading and is returned.
pub fn read_records(
    input: &Path,
    each: &mut dyn FnMut(Record) -> anyhow::Result<()>,
    failed: &mut dyn FnMut(&str),
) -> anyhow::Result<Counts> {
    let mut counts = Counts::default();
    let mut report = |message: String, counts: &mut Counts| {
        eprintln!("tintuc: {message}");
        failed(&message);
        counts.failed += 1;
    };
    if input.as_os_str() == "-" {
        let reader: Box<dyn BufRead> = Box::new(io::stdin().lock());
        read_lines("<stdin>", reader, each, &mut report, &mut counts)?;
        return Ok(counts);
    }
    let paths = if input.is_dir() {
        let found = records_files_in(input);
        if found.is_empty() {
            report(
                format!(
                    "{}: no articles.jsonl or articles.jsonl.gz in this folder",
                    input.display()
                ),
                &mut counts,
            );
        }
        found
    } else {
        vec![input.to_path_buf()]
    };
    for path in paths {
        match open_maybe_gzip(&path) {
            Ok(reader) => read_lines(
                &path.display().to_string(),
                reader,
                each,
                &mut report,
                &mut counts,
            )?,
            Err(err) => report(format!("{}: {err}", path.display()), &mut counts),
        }
    }
    Ok(counts)
}

/// The lines of one opened input: each valid record to `each`, each bad line to `report`.
fn read_lines(
    name: &str,
    mut reader: Box<dyn BufRead + '_>,
    each: &mut dyn FnMut(Record) -> anyhow::Result<()>,
    report: &mut dyn FnMut(String, &mut Counts),
    counts: &mut Counts,
) -> anyhow::Result<()> {
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => return Ok(()),
            Ok(_) => {}
            Err(err) => {
                report(format!("{name}:{}: {err}", number + 1), counts);
                return Ok(());
            }
        }
        number += 1;
        let text = match std::str::from_utf8(&line) {
            Ok(text) => text.trim(),
            Err(err) => {
                report(format!("{name}:{number}: not UTF-8: {err}"), counts);
                continue;
            }
        };
        if text.is_empty() {
            continue;
        }
        match serde_json::from_str::<Record>(text) {
            Ok(record) => {
                each(record)?;
                counts.records += 1;
            }
            Err(err) => report(format!("{name}:{number}: invalid record: {err}"), counts),
        }
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
