//! `securebase poster` (not built yet).

use super::Outcome;
use crate::Error;
use crate::cli::{Cli, PosterArgs};

pub fn run(_cli: &Cli, _args: &PosterArgs) -> Result<Outcome, Error> {
    Err(Error::usage("`securebase poster` is not available yet"))
}
