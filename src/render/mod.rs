//! Turning laid-out documents into bytes. Only this module's children know printpdf and lopdf:
//! `pdf` walks the frames into printpdf pages and converts them; `content` writes the pages'
//! content streams; `embed` adds the fonts, subset by `subset`; `forms` shows a frame drawn
//! once on many pages; `tags` adds the structure
//! tree (tagged PDF) and `fields` the form fields; `meta` sets the language, dates and /ID;
//! `save` deflates the streams and `write` writes the bytes. Several documents render side by
//! side with [`crate::par`].

mod content;
mod embed;
pub mod fields;
mod forms;
mod meta;
pub mod pdf;
pub mod save;
mod shapes;
mod subset;
pub mod tags;
mod write;
