//! Turning laid-out documents into bytes. `pdf` is the only module that knows printpdf.

pub mod fields;
pub mod pdf;
