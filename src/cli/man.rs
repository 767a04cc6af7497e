//! `tintuc man`: the manual page, in roff, generated from the clap definition (the same text as
//! `--help`). Without options the page of `tintuc` itself goes to stdout (`tintuc man | man -l -`);
//! `--dir DIR` writes `tintuc.1` and one `tintuc-COMMAND.1` per command, what a package installs
//! under `/usr/share/man/man1`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::CommandFactory;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Write tintuc.1 and one page per command (tintuc-extract.1 ...) into this folder.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let command = super::Cli::command();
    match args.dir {
        None => {
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(command).render(&mut out)?;
            std::io::Write::flush(&mut out)?;
        }
        Some(dir) => {
            std::fs::create_dir_all(&dir)
                .with_context(|| format!("{}: cannot create folder", dir.display()))?;
            clap_mangen::generate_to(command, &dir)
                .with_context(|| format!("{}: cannot write the manual pages", dir.display()))?;
        }
    }
    Ok(ExitCode::from(super::EXIT_OK))
}
