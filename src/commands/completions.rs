//! `securebase completions SHELL`: the shell's completion script, on standard output.

use super::Outcome;
use crate::Error;
use crate::cli::Cli;
use clap::CommandFactory;
use clap_complete::Shell;

pub fn run(shell: Shell) -> Result<Outcome, Error> {
    let mut cmd = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, "securebase", &mut script);
    let stdout = String::from_utf8(script)
        .map_err(|e| Error::failed(format!("the {shell} completion script is not UTF-8: {e}")))?;
    Ok(Outcome {
        stdout,
        ..Outcome::default()
    })
}
