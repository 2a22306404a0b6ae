//! The integration tests: one binary that runs the real `securebase` executable and reads back
//! what it wrote, the way a user would see it.

mod common;

mod access;
mod cards;
mod cards_errors;
mod cards_marks;
mod check;
mod cli;
mod content;
mod fields;
mod handout;
mod labels;
mod pack;
mod poster;
mod robust;
mod setting_packs;
mod slides;
mod supervision;
mod tags;
mod template;
