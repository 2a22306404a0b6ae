//! Layout: pure functions from a pack and a template to pages of positioned items, in points.
//! No printpdf here: `render::pdf` turns the result into bytes.

pub mod cards;
pub mod flow;
pub mod guide;
pub mod handout;
pub mod page;
pub mod poster;
pub mod prose;
pub mod text;
pub mod tiles;

pub use page::*;
