//! The securebase binary: parse arguments, run the library, print, write files, set the exit code.

use clap::Parser;
use securebase::cli::Cli;
use securebase::commands;
use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(&cli).and_then(securebase::output::write_all) {
        Ok(outcome) => {
            let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
            let _ = std::io::stdout().write_all(outcome.stdout.as_bytes());
            ExitCode::from(outcome.exit_code)
        }
        Err(e) => {
            let text = e.to_string();
            let _ = std::io::stderr().write_all(text.as_bytes());
            if !text.ends_with('\n') {
                let _ = std::io::stderr().write_all(b"\n");
            }
            ExitCode::from(e.exit_code())
        }
    }
}
