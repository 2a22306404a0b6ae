//! `securebase man [COMMAND]`: a manual page in roff, on standard output: the main page
//! (`securebase.1`), or the page of one subcommand (`securebase-COMMAND.1`), which the main
//! page refers to.

use super::Outcome;
use crate::Error;
use crate::cli::Cli;
use clap::CommandFactory;

/// `page` is a subcommand name the configuration has checked; `None` for the main page.
pub fn run(page: Option<&str>) -> Result<Outcome, Error> {
    // As clap_mangen does for a set of pages: no `help` subcommand, and subcommands named
    // `securebase-COMMAND` (which `build` sets).
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let cmd = match page {
        None => cmd,
        Some(name) => cmd
            .find_subcommand(name)
            .cloned()
            .ok_or_else(|| Error::failed(format!("no manual page for `{name}`")))?,
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(cmd)
        .render(&mut roff)
        .map_err(|e| Error::failed(format!("cannot write the manual page: {e}")))?;
    let stdout = String::from_utf8(roff)
        .map_err(|e| Error::failed(format!("the manual page is not UTF-8: {e}")))?;
    Ok(Outcome {
        stdout,
        ..Outcome::default()
    })
}
