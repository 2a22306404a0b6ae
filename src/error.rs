//! The library's error type. Every variant is something a user can act on; `main.rs` prints it
//! and picks the exit code.

use crate::diag::{Diagnostic, Report};
use crate::layout::flow::TooTall;
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

/// Something too tall for any page (a very long question at a large type size): the command
/// stops before writing anything and names it, with its place in the pack.
impl From<TooTall> for Error {
    fn from(e: TooTall) -> Self {
        let what = e.what.unwrap_or_else(|| "a block of text".to_string());
        let mut d = Diagnostic::error(format!(
            "{what} does not fit on a page even with one writing line: it needs {:.1} mm of height and a page has {:.1} mm",
            e.need_mm, e.room_mm
        ));
        if let Some(l) = e.location {
            d = d.at(l);
        }
        Error::Failed(
            d.help("shorten the text, or use a template with smaller type or narrower margins"),
        )
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
