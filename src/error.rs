//! The library's error type. Every variant is something a user can act on; `main.rs` prints it
//! and picks the exit code.

use crate::diag::{Diagnostic, Report};
use crate::render::pdf::RenderError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The pack or template has errors. Each is printed with its place; the user fixes the file.
    #[error("{0}")]
    Invalid(Report),
    /// A command-line value is wrong (exit code 2). The message says which and suggests a fix.
    #[error("{0}")]
    Usage(Diagnostic),
    /// The command could not finish (text does not fit, a file cannot be written, ...).
    #[error("{0}")]
    Failed(Diagnostic),
}

impl Error {
    pub fn usage(message: impl Into<String>) -> Self {
        Error::Usage(Diagnostic::error(message))
    }
    pub fn failed(message: impl Into<String>) -> Self {
        Error::Failed(Diagnostic::error(message))
    }
    /// The process exit code for this error: 2 for usage errors, 1 otherwise.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

/// A PDF that cannot be produced is an internal fault: the command fails with printpdf's reason.
impl From<RenderError> for Error {
    fn from(e: RenderError) -> Self {
        Error::failed(e.to_string())
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
