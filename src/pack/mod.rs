//! Packs: the question sets teams print. `model` holds the types, `source` finds and reads the
//! files (built in or from a folder), `validate` checks them and builds the [`Pack`], `select`
//! picks the questions for a handout or a deck of cards.

pub mod guide;
pub mod labels;
pub mod model;
pub mod select;
pub mod snapshot;
pub mod source;
pub mod validate;

pub use labels::Labels;
pub use model::*;
pub use source::PackSource;
pub use validate::{Loaded, builtin, load_pack};

/// The paths callers used before the loader was split into `source`, `validate`,
/// `crate::ron_diag` and `crate::fonts`. Kept only so that branches written against them still
/// build while issue 10 is merged; import from the new homes instead, then delete this.
pub mod load {
    pub use super::source::{BUILTIN_PACK, io_reason, read_text_file};
    pub use super::validate::{builtin, check_domain_file};
    pub use crate::fonts::unprintable;
}
