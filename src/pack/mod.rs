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
