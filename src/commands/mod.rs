//! One module per subcommand. Each takes the parsed arguments and returns an [`Outcome`]: what to
//! print and which files to write. Commands never write files themselves; `main.rs` does that
//! atomically, so a failed command leaves nothing behind.

pub mod check;
pub mod list;

use crate::Error;
use crate::cli::{Cli, Command};
use crate::diag::Report;
use crate::pack::{Pack, PackSource, load_pack};
use std::path::PathBuf;

/// A file or folder a command wants written.
#[derive(Debug)]
pub enum Output {
    File {
        path: PathBuf,
        bytes: Vec<u8>,
    },
    Dir {
        path: PathBuf,
        files: Vec<(PathBuf, Vec<u8>)>,
        force: bool,
    },
}

/// What a command produced.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Printed on standard output.
    pub stdout: String,
    /// Printed on standard error (warnings, notes, summaries).
    pub stderr: String,
    pub outputs: Vec<Output>,
    /// Exit code when the command ran but found problems (for example `check` with errors).
    pub exit_code: u8,
}

/// Runs the command the user asked for.
pub fn run(cli: &Cli) -> Result<Outcome, Error> {
    match &cli.command {
        Command::List(a) => list::run(cli, a),
        Command::Check(a) => check::run(cli, a),
        _ => Err(Error::usage("this command is not available yet")),
    }
}

/// Where the pack comes from: `--pack DIR` or the built-in default.
pub fn pack_source(cli: &Cli) -> PackSource {
    match &cli.pack {
        Some(d) => PackSource::Dir(d.clone()),
        None => PackSource::Builtin,
    }
}

/// Loads the pack for a command. Errors stop the command; warnings are returned for printing.
pub fn load(cli: &Cli) -> Result<(Pack, Report), Error> {
    let loaded = load_pack(&pack_source(cli));
    match loaded.pack {
        Some(p) => Ok((p, loaded.report)),
        None => Err(Error::Invalid(loaded.report)),
    }
}
