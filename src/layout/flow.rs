//! Vertical flow with page breaks: blocks of known height are stacked down the page and moved to
//! the next page when they do not fit. A block marked `keep_with_next` (a stage heading) never
//! ends a page: it moves with the block after it.

use super::frame::{Frame, to_mm};
use crate::diag::Location;

/// Draws a block with its top at the given y.
pub type Draw<'a> = Box<dyn Fn(&mut Frame, f32) + 'a>;

/// Something to stack: its height (including the space after it) and how to draw it.
pub struct Block<'a> {
    pub height: f32,
    /// What the block holds, for the message when it is too tall for any page
    /// (for example "question `ac-x`"), and where it is written.
    pub what: Option<(String, Option<Location>)>,
    pub keep_with_next: bool,
    /// Grows to fill the rest of the last page, up to this many extra points (the notes box).
    pub grow: f32,
    pub draw: Draw<'a>,
}

impl<'a> Block<'a> {
    pub fn new(height: f32, draw: impl Fn(&mut Frame, f32) + 'a) -> Block<'a> {
        Block {
            height,
            what: None,
            keep_with_next: false,
            grow: 0.0,
            draw: Box::new(draw),
        }
    }
    pub fn keep_with_next(mut self) -> Self {
        self.keep_with_next = true;
        self
    }
    /// Says what the block holds, for the message when it is too tall for a page.
    pub fn what(mut self, what: impl Into<String>, location: Option<Location>) -> Self {
        self.what = Some((what.into(), location));
        self
    }
}

/// Where each block went.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub page: usize,
    pub top: f32,
}

/// The vertical room on pages: the first page may start lower or higher than the rest.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    pub first_top: f32,
    pub rest_top: f32,
    pub bottom: f32,
}

/// A block taller than an empty page: it cannot be placed without running off the page.
#[derive(Debug, Clone, PartialEq)]
pub struct TooTall {
    /// What the block holds ("question `ac-x`"), or `None` for a block that does not say.
    pub what: Option<String>,
    pub location: Option<Location>,
    /// The height it needs and the height of an empty page's room, in millimetres.
    pub need_mm: f32,
    pub room_mm: f32,
}

/// Assigns each block a page and a top. Returns the placements and the number of pages, or the
/// first block that is taller than an empty page (nothing is ever placed past the bottom).
/// Blocks kept together that do not fit an empty page together are allowed to part.
pub fn paginate(blocks: &[Block], area: Area) -> Result<(Vec<Placement>, usize), TooTall> {
    let room = area.bottom - area.first_top.max(area.rest_top);
    if let Some(b) = blocks.iter().find(|b| b.height > room + 1e-3) {
        let (what, location) = match &b.what {
            Some((w, l)) => (Some(w.clone()), l.clone()),
            None => (None, None),
        };
        return Err(TooTall {
            what,
            location,
            need_mm: to_mm(b.height),
            room_mm: to_mm(room),
        });
    }
    let mut out = Vec::with_capacity(blocks.len());
    let mut page = 0;
    let mut y = area.first_top;
    let mut page_top = area.first_top;
    // Blocks up to this index are kept on the page of the chain they start.
    let mut kept_until = 0;
    for i in 0..blocks.len() {
        // Continuing a chain already placed: no break inside it.
        let in_chain = i > 0 && i <= kept_until;
        if !in_chain {
            // The height that must fit together: this block and those it keeps with, unless
            // together they could never fit a page: then only this block is kept whole.
            let mut need = blocks[i].height;
            let mut j = i;
            while blocks[j].keep_with_next && j + 1 < blocks.len() {
                j += 1;
                need += blocks[j].height;
            }
            if need > room + 1e-3 {
                need = blocks[i].height;
                j = i;
            }
            kept_until = j;
            if y + need > area.bottom + 1e-3 && y > page_top + 1e-3 {
                page += 1;
                y = area.rest_top;
                page_top = area.rest_top;
            }
        }
        out.push(Placement { page, top: y });
        y += blocks[i].height;
    }
    Ok((out, page + 1))
}

/// The space left under the last block on the last page.
pub fn room_after_last(blocks: &[Block], placements: &[Placement], area: Area) -> f32 {
    match (blocks.last(), placements.last()) {
        (Some(b), Some(p)) => (area.bottom - (p.top + b.height)).max(0.0),
        _ => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(heights: &[(f32, bool)]) -> Vec<Block<'static>> {
        heights
            .iter()
            .map(|&(h, k)| {
                let b = Block::new(h, |_, _| {});
                if k { b.keep_with_next() } else { b }
            })
            .collect()
    }

    #[test]
    fn breaks_pages_and_keeps_headings_with_the_next_block() {
        let area = Area {
            first_top: 0.0,
            rest_top: 10.0,
            bottom: 100.0,
        };
        // 60 fits; the heading (30) + question (20) would end at 110: both move on.
        let b = blocks(&[(60.0, false), (30.0, true), (20.0, false), (40.0, false)]);
        let (p, n) = paginate(&b, area).expect("every block fits a page");
        assert_eq!(n, 2);
        assert_eq!(p[1], Placement { page: 1, top: 10.0 });
        assert_eq!(p[2], Placement { page: 1, top: 40.0 });
        assert_eq!(p[3], Placement { page: 1, top: 60.0 });
    }

    #[test]
    fn a_block_taller_than_a_page_is_reported_not_placed() {
        let area = Area {
            first_top: 0.0,
            rest_top: 10.0,
            bottom: 100.0,
        };
        let b = vec![
            Block::new(20.0, |_, _| {}),
            Block::new(95.0, |_, _| {}).what("question `x`", None),
        ];
        let e = paginate(&b, area).expect_err("95 pt is taller than the 90 pt of a later page");
        assert_eq!(e.what.as_deref(), Some("question `x`"));
        // A heading kept with a block that fills a page on its own parts from it.
        let b = blocks(&[(20.0, true), (85.0, false)]);
        let (p, n) = paginate(&b, area).expect("fits");
        assert_eq!((n, p[1].page), (2, 1));
    }
}
