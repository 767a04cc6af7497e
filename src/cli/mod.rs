//! Command-line front end: one file per subcommand. Each turns its raw arguments into the
//! library's configuration once, runs, and returns the exit code.

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tintuc::output::Format;

pub mod crawl;
pub mod directory;
pub mod export;
pub mod extract;
pub mod ner;
pub mod report;
pub mod schema;

/// Every input processed.
pub const EXIT_OK: u8 = 0;
/// Some inputs failed; each failure was reported on stderr and the rest were processed.
pub const EXIT_SOME_FAILED: u8 = 1;
/// Usage error, or nothing could be done (unwritable output, unreadable configuration).
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "tintuc",
    version,
    about = "Harvest Vietnamese government news into structured JSON: dates, places, people with titles, organisations."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract article records (with entities) from HTML files, directories, stdin, URLs or WARC files.
    Extract(extract::Args),
    /// Recognise entities in plain text or JSONL ({"id","text","published"?} per line).
    Ner(ner::Args),
    /// Harvest portals politely into articles.jsonl, WARC files and a resumable crawl state.
    Crawl(crawl::Args),
    /// Turn records into spreadsheet tables (CSV, XLSX) or JSONL.
    Export(export::Args),
    /// Link people, positions and organisations across articles into a directory (JSONL, CSV, XLSX).
    Directory(directory::Args),
    /// Write one self-contained HTML report: the harvest at a glance, the directory, the articles.
    Report(report::Args),
    /// Print the documented schemas.
    Schema(schema::Args),
}

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Extract(args) => extract::run(args),
        Command::Ner(args) => ner::run(args),
        Command::Crawl(args) => crawl::run(args),
        Command::Export(args) => export::run(args),
        Command::Directory(args) => directory::run(args),
        Command::Report(args) => report::run(args),
        Command::Schema(args) => schema::run(args),
    }
}

/// A `--format` value parser that accepts only `allowed` (each command writes some formats).
pub fn format_among(
    allowed: &'static [Format],
) -> impl Fn(&str) -> Result<Format, String> + Clone + Send + Sync + 'static {
    move |text: &str| {
        let format = text.parse::<Format>().map_err(|e| e.to_string())?;
        if allowed.contains(&format) {
            Ok(format)
        } else {
            let names: Vec<&str> = allowed.iter().map(|f| f.name()).collect();
            Err(format!(
                "`{format}` is not available here (expected one of: {})",
                names.join(", ")
            ))
        }
    }
}

/// True when the error chain ends in a closed pipe (`tintuc ... | head`): the program ends quietly.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Exit code for a batch: 0 when nothing failed, 1 otherwise.
pub fn batch_exit(failed: usize) -> ExitCode {
    if failed == 0 {
        ExitCode::from(EXIT_OK)
    } else {
        ExitCode::from(EXIT_SOME_FAILED)
    }
}
