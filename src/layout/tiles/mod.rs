//! Splitting a poster onto sheets of office paper: how many sheets, which part of the poster each
//! one shows, and the pages that print them (an assembly key, then one page per tile).
//!
//! The maths is in small pure functions ([`tiles_along`], [`plan`], [`TilePlan::window`]) so it
//! can be tested on its own. A tile page holds the poster frame as an [`Item::Group`](crate::layout::frame::Item::Group), translated
//! so that the tile's part of the poster shows through a clip window; the renderer knows nothing
//! of tiles. No I/O and no printpdf here.

use crate::layout::frame::{Rect, mm};
use crate::template::Paper;

/// The band kept clear of poster content round each sheet, in millimetres: the edge an office
/// printer cannot print (about 5 mm) plus room for the crop marks and the tile label.
pub const SHEET_MARGIN_MM: f32 = 10.0;

/// How many tiles of `window` length, overlapping by `overlap`, cover `poster` along one side:
/// `ceil((poster - overlap) / (window - overlap))`, at least 1. `window` must exceed `overlap`.
pub fn tiles_along(poster: f32, window: f32, overlap: f32) -> usize {
    if poster <= window + 1e-3 {
        return 1;
    }
    // A thousandth of a point of tolerance so that an exact fit does not round up.
    let n = ((poster - overlap - 1e-3) / (window - overlap)).ceil();
    (n as usize).max(1)
}

/// The length `n` tiles cover along one side: `n * window - (n - 1) * overlap`.
pub fn covered(n: usize, window: f32, overlap: f32) -> f32 {
    if n == 0 {
        return 0.0;
    }
    n as f32 * window - (n as f32 - 1.0) * overlap
}

/// The tiling asked for is impossible.
#[derive(Debug, Clone, PartialEq)]
pub enum TileError {
    /// The overlap is negative, not a number, or at least half the sheet's printable window.
    /// `max_mm` is the largest overlap that works on this paper.
    Overlap { overlap_mm: f32, max_mm: f32 },
}

/// The largest overlap, in millimetres, that tiles on `paper` allow: half the shorter side of
/// the printable window.
pub fn max_overlap_mm(paper: Paper) -> f32 {
    let (w, h) = paper.size_pt();
    let short = w.min(h) - 2.0 * mm(SHEET_MARGIN_MM);
    super::frame::to_mm(short / 2.0)
}

/// How a poster is split: the sheet, its orientation, the grid and the overlap. All lengths in
/// points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TilePlan {
    /// Poster width and height.
    pub poster: (f32, f32),
    /// Sheet width and height as printed (landscape when `landscape`).
    pub sheet: (f32, f32),
    pub paper: Paper,
    pub landscape: bool,
    /// The clear band round each sheet.
    pub margin: f32,
    pub overlap: f32,
    pub cols: usize,
    pub rows: usize,
}

/// One sheet of a tiled poster.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tile {
    /// 1-based, row by row from the top left.
    pub number: usize,
    /// 0-based.
    pub row: usize,
    pub col: usize,
    /// The part of the poster this tile shows, in poster coordinates. On the last row and
    /// column it may reach past the poster's edge (that part of the sheet stays blank).
    pub window: Rect,
}

impl TilePlan {
    /// Width and height of the printable window on each sheet.
    pub fn window_size(&self) -> (f32, f32) {
        (
            self.sheet.0 - 2.0 * self.margin,
            self.sheet.1 - 2.0 * self.margin,
        )
    }

    pub fn count(&self) -> usize {
        self.cols * self.rows
    }

    /// The poster area shown by the tile in `row`, `col` (0-based): windows start at the
    /// poster's top-left corner and step by the window size less the overlap.
    pub fn window(&self, row: usize, col: usize) -> Rect {
        let (w, h) = self.window_size();
        Rect::new(
            col as f32 * (w - self.overlap),
            row as f32 * (h - self.overlap),
            w,
            h,
        )
    }

    /// Every tile, row by row.
    pub fn tiles(&self) -> Vec<Tile> {
        let mut out = Vec::with_capacity(self.count());
        for row in 0..self.rows {
            for col in 0..self.cols {
                out.push(Tile {
                    number: row * self.cols + col + 1,
                    row,
                    col,
                    window: self.window(row, col),
                });
            }
        }
        out
    }
}

/// The plan with the fewest sheets for a `poster` (width, height in points) on `paper`, with
/// `overlap_mm` between neighbours: portrait and landscape sheets are both tried, and portrait
/// wins a tie.
pub fn plan(poster: (f32, f32), paper: Paper, overlap_mm: f32) -> Result<TilePlan, TileError> {
    let max_mm = max_overlap_mm(paper);
    if !overlap_mm.is_finite() || overlap_mm < 0.0 || overlap_mm >= max_mm {
        return Err(TileError::Overlap { overlap_mm, max_mm });
    }
    let overlap = mm(overlap_mm);
    let margin = mm(SHEET_MARGIN_MM);
    let (pw, ph) = paper.size_pt();
    let make = |sheet: (f32, f32), landscape: bool| {
        let (w, h) = (sheet.0 - 2.0 * margin, sheet.1 - 2.0 * margin);
        TilePlan {
            poster,
            sheet,
            paper,
            landscape,
            margin,
            overlap,
            cols: tiles_along(poster.0, w, overlap),
            rows: tiles_along(poster.1, h, overlap),
        }
    };
    let portrait = make((pw, ph), false);
    let landscape = make((ph, pw), true);
    Ok(if landscape.count() < portrait.count() {
        landscape
    } else {
        portrait
    })
}

/// "10", "7.5": millimetres without a trailing ".0".
pub fn fmt_mm(v: f32) -> String {
    let r = (v * 10.0).round() / 10.0;
    if (r - r.round()).abs() < 1e-3 {
        format!("{}", r.round() as i64)
    } else {
        format!("{r:.1}")
    }
}

mod pages;
#[cfg(test)]
mod tests;

pub use pages::{TileText, tile_label, tile_pages};
