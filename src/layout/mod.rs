//! Layout: pure functions from a pack and a template to frames of items placed at points, each
//! piece of content with its role. No printpdf here: `render::pdf` turns the result into bytes.

pub mod cards;
pub mod chrome;
pub mod flow;
pub mod frame;
pub mod guide;
pub mod handout;
pub mod poster;
pub mod prose;
pub mod sheet;
pub mod slides;
pub mod supervision;
pub mod text;
pub mod tiles;

pub use frame::*;
