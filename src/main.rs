//! The `tintuc` binary: parses arguments and hands them to one subcommand in `cli/`.
//!
//! Exit codes: 0 every input processed, 1 some inputs failed (each reported on stderr), 2 usage
//! error or nothing could be done (see `cli::Tally`).

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::run(args) {
        Ok(code) => code,
        Err(err) => {
            if cli::is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("tintuc: error: {}", cli::error_line(&err));
            ExitCode::from(cli::EXIT_USAGE)
        }
    }
}
