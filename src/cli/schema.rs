//! `tintuc schema [record|ner|csv|directory|directory-csv]`: prints the documented JSON Schemas that outputs follow.

use std::io::Write;
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Which {
    /// One record of `extract`, `crawl` and `export --format jsonl`.
    Record,
    /// One output line of `ner` (entities or `--spans`).
    Ner,
    /// The columns of the CSV/XLSX tables of `export`, in order.
    Csv,
    /// One line of `directory` (people, positions, organisations, articles).
    Directory,
    /// The columns of the CSV/XLSX tables of `directory`, in order.
    DirectoryCsv,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Which schema to print.
    #[arg(value_enum, default_value = "record")]
    pub which: Which,
}

pub const RECORD_SCHEMA: &str = include_str!("../../schemas/record.schema.json");
pub const NER_SCHEMA: &str = include_str!("../../schemas/ner.schema.json");

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let text = match args.which {
        Which::Record => RECORD_SCHEMA,
        Which::Ner => NER_SCHEMA,
        Which::Csv => tintuc::output::tables_schema(),
        Which::Directory => tintuc::directory::directory_schema(),
        Which::DirectoryCsv => tintuc::directory::tables::directory_tables_schema(),
    };
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
