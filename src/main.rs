//! The securebase binary: parse the arguments, check them into a configuration, run the job,
//! write its files atomically, print, and set the exit code.

// As in the library: errors carry a whole diagnostic and happen once, at the end of a run.
#![allow(clippy::result_large_err)]
// The C runtime calls `main` below directly: see there.
#![cfg_attr(not(test), no_main)]

use clap::Parser;
use securebase::cli::Cli;
use securebase::config::{Config, Env};
use securebase::{commands, output};
use std::io::Write;

/// The entry point, called by the C runtime without Rust's own start-up before it. That
/// start-up reads `/proc/self/maps` to find the main thread's stack guard and installs a
/// handler to report a stack overflow: 60 microseconds of every run, a twentieth of `check`.
/// Without it a stack overflow ends the process with a plain segmentation fault, and output
/// to a closed pipe ends it quietly, as for other Unix tools; arguments come from
/// `std::env::args` as always.
#[cfg(not(test))]
#[unsafe(no_mangle)]
pub extern "C" fn main(_argc: std::ffi::c_int, _argv: *const *const std::ffi::c_char) -> i32 {
    run()
}

/// Runs the command the arguments ask for and returns the exit code.
#[cfg_attr(test, allow(dead_code))]
fn run() -> i32 {
    let cli = Cli::parse();
    let result = Config::from_cli(cli, &Env::from_process()).and_then(|config| {
        // A folder is checked and begun before the work, and files go into it as they are made.
        let staging = config
            .folder()
            .map(|(path, force)| output::Staging::begin(path, force))
            .transpose()?;
        let outcome = commands::run(config, staging.as_ref().map(|s| s as &dyn commands::Sink))?;
        output::write_all(outcome, staging)
    });
    match result {
        Ok(outcome) => {
            let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
            let mut stdout = std::io::stdout();
            let _ = stdout.write_all(outcome.stdout.as_bytes());
            let _ = stdout.flush();
            // The run is over: end the process without dropping the outcome and what it
            // retained (see `commands::Retained`); the system takes the memory back at once.
            std::process::exit(i32::from(outcome.exit_code))
        }
        Err(e) => {
            let text = e.to_string();
            let _ = std::io::stderr().write_all(text.as_bytes());
            if !text.ends_with('\n') {
                let _ = std::io::stderr().write_all(b"\n");
            }
            i32::from(e.exit_code())
        }
    }
}
