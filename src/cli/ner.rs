//! `tintuc ner` (stub: to be implemented).

use std::process::ExitCode;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let _ = args;
    anyhow::bail!("`tintuc ner` is not implemented yet")
}
