//! `securebase cards` (not built yet).

use super::Outcome;
use crate::Error;
use crate::cli::{CardsArgs, Cli};

pub fn run(_cli: &Cli, _args: &CardsArgs) -> Result<Outcome, Error> {
    Err(Error::usage("`securebase cards` is not available yet"))
}
