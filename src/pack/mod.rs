//! Packs: the question sets teams print. `model` holds the types, `load` reads and checks the
//! RON files, `select` picks the questions for a handout or a deck of cards.

pub mod guide;
pub mod labels;
pub mod load;
pub mod model;
pub mod select;

pub use labels::Labels;
pub use load::{Loaded, PackSource, builtin, load_pack};
pub use model::*;
