//! `tintuc report`: records (harvest folders, `articles.jsonl` files, stdin) -> one
//! self-contained HTML file (`tintuc::report`): the harvest at a glance, the directory of people
//! and bodies, and the articles with their entities highlighted.
//!
//! Records are read once. Their texts go to a temporary file next to the output and are copied
//! into the page at the end, so memory holds only the directory's digests. Failures are the bad
//! lines of the inputs and, for harvest folders, the final failures in their `state.sqlite`.

use std::fs::{self, File};
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use tintuc::fetch::state::State;
use tintuc::report::{CrawlSummary, FailureRow, ReportBuilder, ReportOptions, TextOptions};

use super::export::{read_records, Staged};

/// The crawl state file of a harvest folder.
const CRAWL_STATE_FILE: &str = "state.sqlite";

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Examples:
  tintuc report harvest/ -o report.html
  tintuc report crawl1/ crawl2/articles.jsonl -o report.html --title \"Sở Nội vụ 2023-2025\"

The file needs no network: open it in any browser. Bodies of articles are cut to the paragraphs
that mention people or bodies unless --full-text is given.")]
pub struct Args {
    /// `articles.jsonl` files, harvest directories (their articles.jsonl and state.sqlite), or `-`.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// The HTML file to write.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: PathBuf,
    /// Title of the report.
    #[arg(long, default_value = tintuc::report::DEFAULT_TITLE)]
    pub title: String,
    /// Keep every paragraph of the articles, not only those mentioning people or bodies.
    #[arg(long)]
    pub full_text: bool,
    /// Characters of an article's body kept at most.
    #[arg(long, value_name = "N", default_value_t = tintuc::report::texts::DEFAULT_MAX_TEXT_CHARS)]
    pub max_text_chars: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if args.output.as_os_str() == "-" || args.output.is_dir() {
        bail!(
            "{}: give the report's file name (-o report.html)",
            args.output.display()
        );
    }
    let folder = match args.output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let texts_path = folder.join(format!(
        ".{}.texts-{}",
        args.output
            .file_name()
            .map_or("report".into(), |n| n.to_string_lossy()),
        std::process::id()
    ));
    let texts = TempFile::create(&texts_path)?;
    let options = ReportOptions {
        title: args.title.clone(),
        texts: TextOptions {
            full_text: args.full_text,
            max_chars: args.max_text_chars,
        },
    };
    let mut builder = ReportBuilder::new(options, BufWriter::new(texts.file()?));
    let mut failed = 0usize;
    let mut inputs_read = 0usize;
    for input in &args.inputs {
        let source = input.display().to_string();
        let mut bad: Vec<String> = Vec::new();
        let mut write_error = None;
        let counts = read_records(
            input,
            &mut |record| {
                if let Err(err) = builder.add_record(&record) {
                    write_error = Some(err);
                    bail!("cannot write the report's texts");
                }
                Ok(())
            },
            &mut |message| bad.push(message.to_string()),
        );
        if let Some(err) = write_error {
            return Err(err).with_context(|| texts_path.display().to_string());
        }
        let counts = counts?;
        failed += counts.failed;
        inputs_read += counts.inputs_read;
        for message in bad {
            let (what, cause) = message
                .split_once(": ")
                .map_or((message.as_str(), ""), |(w, c)| (w, c));
            builder.add_failure(FailureRow {
                source: source.clone(),
                what: what.to_string(),
                status: None,
                cause: cause.to_string(),
            });
        }
        if input.is_dir() {
            add_crawl_state(&mut builder, input);
        }
    }
    let articles = builder.articles();
    let (stage, mut out) = Staged::create(&args.output)?;
    let summary = builder
        .finish(&mut out, |writer| {
            drop(writer);
            Ok(BufReader::new(File::open(&texts_path)?))
        })
        .with_context(|| format!("{}: cannot write the report", args.output.display()))?;
    out.flush()?;
    drop(out);
    stage.commit()?;
    drop(texts);
    eprintln!(
        "tintuc: report of {articles} article(s), {} people, {} bodies written to {}{}",
        summary.people,
        summary.organizations,
        args.output.display(),
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

/// Adds the counts and final failures of a harvest folder's crawl state, when it has one.
fn add_crawl_state<W: Write>(builder: &mut ReportBuilder<W>, folder: &Path) {
    let path = folder.join(CRAWL_STATE_FILE);
    if !path.exists() {
        return;
    }
    let source = folder.display().to_string();
    let state = match State::open(&path) {
        Ok(state) => state,
        Err(err) => {
            eprintln!(
                "tintuc: {}: cannot read the crawl state: {err}",
                path.display()
            );
            return;
        }
    };
    if let Ok(counts) = state.counts() {
        builder.add_crawl(CrawlSummary {
            source: source.clone(),
            done: counts.done,
            queued: counts.queued,
            failed: counts.failed,
            skipped: counts.skipped,
            emitted: counts.emitted,
        });
    }
    match state.failures(true) {
        Ok(failures) => {
            for f in failures {
                builder.add_failure(FailureRow {
                    source: source.clone(),
                    what: f.url,
                    status: f.http_status,
                    cause: f.cause,
                });
            }
        }
        Err(err) => eprintln!(
            "tintuc: {}: cannot read the failures: {err}",
            path.display()
        ),
    }
}

/// A temporary file removed when dropped.
struct TempFile {
    path: PathBuf,
}

impl TempFile {
    fn create(path: &Path) -> anyhow::Result<TempFile> {
        File::create(path).with_context(|| format!("{}: cannot create", path.display()))?;
        Ok(TempFile {
            path: path.to_path_buf(),
        })
    }

    fn file(&self) -> anyhow::Result<File> {
        fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&self.path)
            .with_context(|| format!("{}: cannot open", self.path.display()))
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}
