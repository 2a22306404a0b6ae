//! `securebase man`: the manual page in roff, on standard output, for `man -l -` or to install
//! as `securebase.1`.

use super::Outcome;
use crate::Error;
use crate::cli::Cli;
use clap::CommandFactory;

pub fn run() -> Result<Outcome, Error> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| Error::failed(format!("cannot write the manual page: {e}")))?;
    let stdout = String::from_utf8(page)
        .map_err(|e| Error::failed(format!("the manual page is not UTF-8: {e}")))?;
    Ok(Outcome {
        stdout,
        ..Outcome::default()
    })
}
