//! securebase: print-ready workshop packs for the *Team as a Secure Base* model.
//!
//! The pipeline is `pack` (read and check the RON question sets) → `layout` (pure: pages of
//! positioned items in points) → `render::pdf` (the only module that knows printpdf).
//! `cli` describes the arguments, `config` checks them once into a typed job per command, and
//! `commands` run one job each.

// Errors carry a whole diagnostic (message, quoted line, help) and happen once, at the end of a
// command, so their size does not matter; boxing them would only add noise at every call site.
#![allow(clippy::result_large_err)]

pub mod cli;
pub mod commands;
pub mod config;
pub mod diag;
pub mod error;
pub mod fonts;
pub mod layout;
pub mod output;
pub mod pack;
pub mod par;
pub mod render;
pub mod ron_diag;
pub mod roster;
pub mod template;

pub use error::Error;
