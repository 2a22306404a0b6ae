//! The integration tests: one binary that runs the real `securebase` executable and reads back
//! what it wrote, the way a user would see it.

mod common;

mod cards;
mod check;
mod cli;
mod fields;
mod handout;
mod labels;
mod pack;
mod poster;
mod setting_packs;
mod slides;
mod supervision;
mod tags;
mod template;
