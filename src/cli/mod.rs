//! Command-line front end: one file per subcommand. Each turns its raw arguments into the
//! library's configuration once, runs, and returns the exit code by [`batch_exit`].
//!
//! Shared by the subcommands: [`input`] (bounded reads, gzip, lists of inputs), [`walk`] (folder
//! walks), [`json_stream`] (JSON, pretty JSON and JSONL read alike), [`destination`] (`-o` and the
//! format), [`progress`] (the bar on a terminal).

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tintuc::output::Format;

pub mod completions;
pub mod crawl;
pub mod destination;
pub mod directory;
pub mod export;
pub mod extract;
pub mod input;
pub mod json_stream;
pub mod man;
pub mod ner;
pub mod progress;
pub mod report;
pub mod schema;
pub mod walk;

/// Every input processed.
pub const EXIT_OK: u8 = 0;
/// Some inputs failed; each failure was reported on stderr and the rest were processed.
pub const EXIT_SOME_FAILED: u8 = 1;
/// Usage error, or nothing could be done (no input could be read, unwritable output,
/// unreadable configuration).
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
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::Args),
    /// Print the manual page (roff), or write one page per command into a folder.
    Man(man::Args),
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
        Command::Completions(args) => completions::run(args),
        Command::Man(args) => man::run(args),
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

/// How a batch went: how many inputs could be read at all, and how many failures were reported.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    /// Inputs (files, pages, streams) whose bytes could be read, whatever became of them.
    pub read: usize,
    /// Failures reported on stderr: inputs that could not be read, pages or lines refused.
    pub failed: usize,
}

impl Tally {
    /// True when failures were reported and no input could even be read: nothing could be done.
    pub fn nothing_done(&self) -> bool {
        self.read == 0 && self.failed > 0
    }

    /// The exit code, one rule for every command: 0 when nothing failed; 2 when nothing could
    /// be done; 1 when some inputs failed and the others were processed.
    pub fn exit_code(&self) -> u8 {
        if self.failed == 0 {
            EXIT_OK
        } else if self.nothing_done() {
            EXIT_USAGE
        } else {
            EXIT_SOME_FAILED
        }
    }
}

/// Exit code for a batch by [`Tally::exit_code`].
pub fn batch_exit(tally: Tally) -> ExitCode {
    ExitCode::from(tally.exit_code())
}

/// The error chain as one line, each cause once: a cause already said by the message before it
/// (`path: os error` followed by `os error`) is left out.
pub fn error_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if text.is_empty() || line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// `message` with `name: ` in front, unless it already starts with it.
pub fn named(name: &str, message: &str) -> String {
    if message.starts_with(name) && message[name.len()..].starts_with(':') {
        message.to_string()
    } else {
        format!("{name}: {message}")
    }
}
