//! `tintuc directory`: records (harvest folders, `articles.jsonl` files, stdin) -> the directory
//! of people, positions and organisations (`tintuc::directory`), as JSONL or as CSV/XLSX tables
//! through the writers of `export`.
//!
//! With `--state FILE` the run is incremental: the state of the previous run (digests of its
//! articles and the people of each name) is loaded, only the new inputs are read and only the
//! names they mention are linked again; the state is then saved for the next run. Output files and
//! the state are written under temporary names and renamed into place when all went well.

use std::fs::{self, File};
use std::io::{self, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use tintuc::directory::{write_jsonl, Directory, DirectoryBuilder, DirectoryTable};
use tintuc::output::{CsvWriter, Format, XlsxWriter};

use super::export::{read_records, Staged};

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tintuc directory harvest/ > directory.jsonl
  tintuc directory harvest/ --format xlsx -o directory.xlsx
  tintuc directory harvest/ --format csv -o directory/     (people.csv, positions.csv, organizations.csv)
  tintuc directory crawl1/ --state dir.state -o directory.jsonl
  tintuc directory crawl2/ --state dir.state -o directory.jsonl   (adds crawl2, relinks only what changed)

Lines: `tintuc schema directory`; table columns: `tintuc schema directory-csv`.")]
pub struct Args {
    /// `articles.jsonl` files, harvest directories (their articles.jsonl), or `-` for stdin.
    /// May be empty with --state (the saved directory is written again).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// jsonl (default), csv or xlsx.
    #[arg(long, short = 'f', value_parser = super::format_among(&[Format::Jsonl, Format::Csv, Format::Xlsx]))]
    pub format: Option<Format>,
    /// Output: a file (jsonl, xlsx, csv with --table) or a folder (csv: one file per table);
    /// `-` or nothing for stdout.
    #[arg(long, short = 'o', value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Only this table (csv, xlsx): people, positions or organizations.
    #[arg(long)]
    pub table: Option<DirectoryTable>,
    /// Incremental state: loaded when it exists, updated with the inputs, saved after the run.
    #[arg(long, value_name = "FILE")]
    pub state: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let to_stdout = args.output.as_ref().is_none_or(|p| p.as_os_str() == "-");
    let format = match (args.format, &args.output) {
        (Some(format), _) => format,
        (None, Some(path)) if !to_stdout => match extension_format(path) {
            Some(format) => format,
            None if path.is_dir() => Format::Csv,
            None => Format::Jsonl,
        },
        (None, _) => Format::Jsonl,
    };
    if args.table.is_some() && !format.is_tabular() {
        bail!("--table applies to csv and xlsx, not {format}");
    }
    if args.inputs.is_empty() && args.state.is_none() {
        bail!("give INPUT files or folders (or --state FILE to write a saved directory again)");
    }
    if format == Format::Csv && args.table.is_none() && to_stdout {
        bail!("CSV needs -o FOLDER (one file per table) or --table NAME");
    }
    if format == Format::Xlsx && to_stdout && args.output.is_none() {
        bail!("XLSX needs -o FILE.xlsx (or -o - for stdout)");
    }

    let mut builder = match &args.state {
        Some(path) if path.exists() => {
            let file =
                File::open(path).with_context(|| format!("{}: cannot open", path.display()))?;
            DirectoryBuilder::load_state(BufReader::new(file), &path.display().to_string())?
        }
        _ => DirectoryBuilder::new(),
    };
    let before = builder.articles();
    let mut failed = 0usize;
    let mut inputs_read = 0usize;
    let mut read = 0usize;
    for input in &args.inputs {
        let counts = read_records(
            input,
            &mut |record| {
                builder.add_record(&record);
                Ok(())
            },
            &mut |_| {},
        )?;
        read += counts.records;
        failed += counts.failed;
        inputs_read += counts.inputs_read;
    }
    let directory = builder.directory();
    write_directory(
        &directory,
        format,
        args.table,
        args.output.as_deref(),
        to_stdout,
    )?;
    if let Some(path) = &args.state {
        let (stage, mut file) = Staged::create(path)?;
        builder
            .write_state(&mut file)
            .with_context(|| format!("{}: cannot write the state", path.display()))?;
        file.flush()?;
        drop(file);
        stage.commit()?;
    }
    eprintln!(
        "tintuc: directory of {} article(s) ({} read now, {} before): {} people, {} positions, {} organisations, {} people flagged{}",
        directory.summary.articles,
        read,
        before,
        directory.summary.people,
        directory.summary.positions,
        directory.summary.organizations,
        directory.summary.flagged_people,
        match failed {
            0 => String::new(),
            n => format!("; {n} bad line(s) or input(s) reported above"),
        }
    );
    Ok(super::batch_exit(super::Tally {
        read: inputs_read,
        failed,
    }))
}

fn extension_format(path: &Path) -> Option<Format> {
    path.extension()?
        .to_str()?
        .to_ascii_lowercase()
        .parse()
        .ok()
}

fn write_directory(
    directory: &Directory,
    format: Format,
    table: Option<DirectoryTable>,
    output: Option<&Path>,
    to_stdout: bool,
) -> anyhow::Result<()> {
    let tables: Vec<DirectoryTable> = match table {
        Some(table) => vec![table],
        None => DirectoryTable::ALL.to_vec(),
    };
    if to_stdout {
        let mut out = io::stdout().lock();
        write_one(directory, format, &tables, &mut out, false)?;
        return Ok(());
    }
    let path = output.context("no output")?;
    if format == Format::Csv && table.is_none() {
        if path.is_file() || extension_format(path) == Some(Format::Csv) {
            bail!("{}: a file name; CSV writes one file per table into a folder (or pick one with --table)", path.display());
        }
        fs::create_dir_all(path)
            .with_context(|| format!("{}: cannot create folder", path.display()))?;
        let mut staged = Vec::new();
        for table in DirectoryTable::ALL {
            let (stage, mut file) = Staged::create(&path.join(format!("{}.csv", table.name())))?;
            write_one(directory, format, &[table], &mut file, true)?;
            file.flush()?;
            staged.push(stage);
        }
        for stage in staged {
            stage.commit()?;
        }
        return Ok(());
    }
    let (stage, mut file) = Staged::create(path)?;
    write_one(directory, format, &tables, &mut file, true)?;
    file.flush()?;
    drop(file);
    stage.commit()
}

fn write_one(
    directory: &Directory,
    format: Format,
    tables: &[DirectoryTable],
    out: &mut dyn Write,
    file: bool,
) -> anyhow::Result<()> {
    match format {
        Format::Csv => {
            let table = tables.first().copied().unwrap_or(DirectoryTable::People);
            let mut writer = CsvWriter::new(table.layout(), &mut *out).with_bom(file);
            writer.write_rows(&table.rows(directory))?;
            writer.finish()?;
        }
        Format::Xlsx => {
            let layouts: Vec<_> = tables.iter().map(|t| t.layout()).collect();
            let mut writer = XlsxWriter::new(&layouts, &mut *out)?;
            for (sheet, table) in tables.iter().enumerate() {
                for row in table.rows(directory) {
                    writer.write_row(sheet, &row)?;
                }
            }
            writer.finish()?;
        }
        _ => write_jsonl(directory, out)?,
    }
    Ok(())
}
