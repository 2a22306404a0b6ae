//! Turning laid-out documents into bytes. `pdf` is the only module that knows printpdf; `tags`
//! adds the structure tree (tagged PDF) to the converted document.

pub mod batch;
pub mod fields;
mod forms;
pub mod pdf;
pub mod save;
mod shapes;
pub mod tags;
