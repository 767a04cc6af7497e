//! `tintuc completions SHELL`: a completion script for bash, zsh, fish, elvish or PowerShell,
//! generated from the same clap definition as `--help`, so it never disagrees with the program.
//! Packagers run it at packaging time (see the README); users can too.

use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::Shell;

#[derive(Debug, clap::Args)]
#[command(after_help = "\
Install, for example:
  tintuc completions bash > /usr/share/bash-completion/completions/tintuc
  tintuc completions zsh  > /usr/share/zsh/site-functions/_tintuc
  tintuc completions fish > ~/.config/fish/completions/tintuc.fish")]
pub struct Args {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: Shell,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut command = super::Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "tintuc", &mut out);
    std::io::Write::flush(&mut out)?;
    Ok(ExitCode::from(super::EXIT_OK))
}
