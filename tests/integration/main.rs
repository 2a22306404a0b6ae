//! The integration tests: one binary that runs the real `securebase` executable and reads back
//! what it wrote, the way a user would see it.

mod common;

mod cards;
mod check;
mod handout;
mod pack;
mod poster;
mod tags;
