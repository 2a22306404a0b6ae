//! Cue cards: sheets of N-up card fronts with cut marks, the matching sheets of backs for duplex
//! printing, and the two-sided calibration sheet that measures a printer's front-to-back drift.
//!
//! This module owns the card grid (from the template), what goes on a front and on a back, the
//! guaranteed fit of each question, and where each back lands. It is pure: pack, template and
//! options in, pages out. It reads no files and knows nothing of PDF.
//!
//! # Where the backs go
//! A sheet is `W` x `H` points, seen from its own printed side: origin top-left, y down. After each
//! sheet of fronts comes a sheet of backs. When a duplex printer turns the sheet over:
//! - **long edge** (like the page of a book, turning about the vertical axis): the point `(x, y)`
//!   of the back page lies behind the point `(W - x, y)` of the front. Left and right swap, top
//!   stays top, so the columns are mirrored: the back of a card at `(x, y, w, h)` goes at
//!   `(W - x - w, y, w, h)`.
//! - **short edge** (like a wall calendar, turning about the horizontal axis): the point `(x, y)`
//!   of the back lies behind `(x, H - y)` of the front. Top and bottom swap, left stays left, so
//!   the rows are mirrored: the back goes at `(x, H - y - h, w, h)`.
//!
//! The grid is centred on the sheet, so a mirrored card is again a cell of the grid.
//! `--back-offset X,Y` then moves every back by X mm to the right and Y mm down, as seen on the
//! back page, to cancel a printer that does not put the back exactly where it is asked to.
//!
//! # The calibration sheet
//! The front has rulers crossing at five targets; the back has plain crosses placed behind those
//! targets for the chosen duplex mode. Held to the light, each back cross shows through next to
//! its target. The ruler labels are worked out from the formulas above so that the numbers read
//! where the back cross meets the rulers are exactly the `--back-offset X,Y` that cancels the
//! drift (see [`ruler_value`]).

use crate::diag::Location;
use crate::layout::frame::Rect;

mod calibration;
mod deck;
mod face;
mod grid;
#[cfg(test)]
mod tests;

pub use calibration::{Calibration, calibration, ruler_value};
pub use deck::{Deck, DeckOptions, PlacedCard, deck, overflows, stamp_fronts};
pub use face::{draw_back, draw_front, fits, stage_label};
pub use grid::Geometry;

/// The card counts per sheet that the templates offer.
pub const PER_PAGE: [u8; 4] = [4, 6, 8, 9];

/// How the printer turns the sheet between the front and the back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duplex {
    /// Flip on the long edge: columns mirrored.
    LongEdge,
    /// Flip on the short edge: rows mirrored.
    ShortEdge,
    /// Fronts only.
    None,
}

impl Duplex {
    /// What to tell the person at the printer.
    pub fn instruction(self) -> &'static str {
        match self {
            Duplex::LongEdge => "print double-sided, flip on long edge, at 100% / actual size",
            Duplex::ShortEdge => "print double-sided, flip on short edge, at 100% / actual size",
            Duplex::None => "print single-sided at 100% / actual size",
        }
    }

    /// The value of `--duplex` that selects this mode.
    pub fn id(self) -> &'static str {
        match self {
            Duplex::LongEdge => "long-edge",
            Duplex::ShortEdge => "short-edge",
            Duplex::None => "none",
        }
    }

    /// Where the back of a card whose front is `front` goes on a sheet of `page_w` x `page_h`
    /// (see the module documentation). Without duplex the rectangle is returned unchanged.
    pub fn mirror(self, front: Rect, page_w: f32, page_h: f32) -> Rect {
        match self {
            Duplex::LongEdge => Rect::new(page_w - front.x - front.w, front.y, front.w, front.h),
            Duplex::ShortEdge => Rect::new(front.x, page_h - front.y - front.h, front.w, front.h),
            Duplex::None => front,
        }
    }

    /// The back-page point that lies behind the front point `(x, y)`.
    pub fn mirror_point(self, (x, y): (f32, f32), page_w: f32, page_h: f32) -> (f32, f32) {
        match self {
            Duplex::LongEdge => (page_w - x, y),
            Duplex::ShortEdge => (x, page_h - y),
            Duplex::None => (x, y),
        }
    }
}

/// Why cards cannot be laid out. Each variant is something the user can change.
#[derive(Debug, Clone, PartialEq)]
pub enum CardError {
    /// The template has no grid for this many cards per sheet: add one to its `cards.grids`, or
    /// choose another `--per-page`.
    NoGrid { template: String, per_page: u8 },
    /// The template's exact card size does not fit on the paper with its gutters: make the cards
    /// smaller in the template, or use larger paper.
    GridTooLarge {
        template: String,
        per_page: u8,
        need_w_mm: f32,
        need_h_mm: f32,
        paper: &'static str,
    },
    /// `--bleed` is negative, not a number, or wider than half the gutter between cards or the
    /// room the sheet margin leaves for cut marks: use a smaller bleed.
    Bleed {
        bleed_mm: f32,
        max_mm: f32,
        gutter_mm: f32,
    },
    /// These questions do not fit on a card even at the smallest text size: shorten them, or use
    /// larger cards.
    Overflow(Vec<Overflow>),
    /// A domain's name and belief line do not fit on the back of a card: shorten them, or use
    /// larger cards.
    BackOverflow { domain: String, per_page: u8 },
}

/// A question that does not fit on its card even at the smallest text size.
#[derive(Debug, Clone, PartialEq)]
pub struct Overflow {
    pub question_id: String,
    /// Where the question's text is written.
    pub location: Location,
    pub per_page: u8,
    /// The smallest size tried, in points.
    pub min_pt: f32,
    /// A word of the question wider than the card at `min_pt` (words are never split across
    /// lines); `None` when the question is too tall.
    pub word: Option<String>,
    /// Height the question needs at `min_pt`, and the height the card leaves for it, in mm; the
    /// width of `word` and the card's width for text when there is one.
    pub needed_mm: f32,
    pub available_mm: f32,
}

impl Overflow {
    /// "question `av-x` does not fit on an 8-up card even at 10 pt: it needs 31.2 mm of height
    /// and the card has 24.0 mm", or "...: the word `x` is 80.1 mm wide and the card has 70.0 mm
    /// across"
    pub fn message(&self) -> String {
        let why = match &self.word {
            Some(w) => format!(
                "the word `{w}` is {:.1} mm wide and the card has {:.1} mm across",
                self.needed_mm, self.available_mm
            ),
            None => format!(
                "it needs {:.1} mm of height and the card has {:.1} mm",
                self.needed_mm, self.available_mm
            ),
        };
        format!(
            "question `{}` does not fit on {} card even at {} pt: {why}",
            self.question_id,
            n_up(self.per_page),
            self.min_pt,
        )
    }
}

/// "a 4-up", "an 8-up".
pub fn n_up(per_page: u8) -> String {
    let article = if per_page == 8 || per_page == 11 || per_page == 18 {
        "an"
    } else {
        "a"
    };
    format!("{article} {per_page}-up")
}
