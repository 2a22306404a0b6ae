//! The card grid on one sheet: cells, bleed, cut lines and crop marks, centred so that a
//! mirrored card is again a cell (see the module documentation of `cards`).

use super::*;
use crate::layout::frame::{Rect, mm, to_mm};
use crate::template::Template;

/// The card grid on one sheet, in points: the same for fronts and backs.
#[derive(Debug, Clone, PartialEq)]
pub struct Geometry {
    pub per_page: u8,
    pub cols: usize,
    pub rows: usize,
    pub page_w: f32,
    pub page_h: f32,
    pub card_w: f32,
    pub card_h: f32,
    pub gutter: f32,
    /// Top-left corner of the grid; the grid is centred on the sheet.
    pub left: f32,
    pub top: f32,
    /// How far the colour runs past the cut line.
    pub bleed: f32,
    /// Space between a card's edge and its text.
    pub card_margin: f32,
    pub text_max_pt: f32,
    pub text_min_pt: f32,
}

/// Room kept between the bleed and a cut mark, and between a mark and the paper's edge.
pub(super) const MARK_GAP_MM: f32 = 1.5;
pub(super) const MARK_EDGE_MM: f32 = 3.0;
pub(super) const MARK_LEN_MM: f32 = 6.0;
pub(super) const MARK_MIN_LEN_MM: f32 = 2.0;

impl Geometry {
    /// The grid for `per_page` cards on the template's paper, with `bleed_mm` of bleed.
    pub fn new(t: &Template, per_page: u8, bleed_mm: f32) -> Result<Geometry, CardError> {
        let grid = t.grid(per_page).ok_or_else(|| CardError::NoGrid {
            template: t.name.clone(),
            per_page,
        })?;
        let (page_w, page_h) = t.page_size();
        let (cols, rows) = (usize::from(grid.cols.max(1)), usize::from(grid.rows.max(1)));
        let gutter = mm(t.cards.gutter_mm.max(0.0));
        let margin = mm(t.cards.sheet_margin_mm.max(0.0));
        let fill_w = (page_w - 2.0 * margin - (cols - 1) as f32 * gutter) / cols as f32;
        let fill_h = (page_h - 2.0 * margin - (rows - 1) as f32 * gutter) / rows as f32;
        let card_w = grid.card_w_mm.map_or(fill_w, mm);
        let card_h = grid.card_h_mm.map_or(fill_h, mm);
        let grid_w = cols as f32 * card_w + (cols - 1) as f32 * gutter;
        let grid_h = rows as f32 * card_h + (rows - 1) as f32 * gutter;
        if card_w <= 0.0 || card_h <= 0.0 || grid_w > page_w || grid_h > page_h {
            return Err(CardError::GridTooLarge {
                template: t.name.clone(),
                per_page,
                need_w_mm: to_mm(grid_w),
                need_h_mm: to_mm(grid_h),
                paper: t.paper.name(),
            });
        }
        let left = (page_w - grid_w) / 2.0;
        let top = (page_h - grid_h) / 2.0;
        // Bleed runs into the gutter from both sides, and must leave room for the cut marks.
        let room = left.min(top) - mm(MARK_GAP_MM + MARK_EDGE_MM + MARK_MIN_LEN_MM);
        let max_bleed = if cols * rows > 1 && gutter > 0.0 {
            (gutter / 2.0).min(room)
        } else {
            room
        }
        .max(0.0);
        let bleed = mm(bleed_mm);
        if !bleed_mm.is_finite() || bleed_mm < 0.0 || bleed > max_bleed + 1e-3 {
            return Err(CardError::Bleed {
                bleed_mm,
                max_mm: (to_mm(max_bleed) * 10.0 + 1e-3).floor() / 10.0,
                gutter_mm: t.cards.gutter_mm,
            });
        }
        Ok(Geometry {
            per_page,
            cols,
            rows,
            page_w,
            page_h,
            card_w,
            card_h,
            gutter,
            left,
            top,
            bleed,
            card_margin: mm(t.cards.card_margin_mm.max(0.0)),
            text_max_pt: grid.text_max_pt,
            text_min_pt: t.cards.text_min_pt.min(grid.text_max_pt),
        })
    }

    /// The card in place `i` (0-based, left to right, then top to bottom) on a front sheet.
    pub fn cell(&self, i: usize) -> Rect {
        let (c, r) = (i % self.cols, i / self.cols);
        Rect::new(
            self.left + c as f32 * (self.card_w + self.gutter),
            self.top + r as f32 * (self.card_h + self.gutter),
            self.card_w,
            self.card_h,
        )
    }

    /// Every card place on a sheet, in order.
    pub fn cells(&self) -> Vec<Rect> {
        (0..self.cols * self.rows).map(|i| self.cell(i)).collect()
    }

    /// The cut lines: x of every column edge and y of every row edge, in order, without repeats.
    pub fn cut_lines(&self) -> (Vec<f32>, Vec<f32>) {
        let edges = |start: f32, size: f32, n: usize| {
            let mut v: Vec<f32> = Vec::new();
            for k in 0..n {
                let a = start + k as f32 * (size + self.gutter);
                for e in [a, a + size] {
                    if v.last().is_none_or(|l| (e - l).abs() > 0.01) {
                        v.push(e);
                    }
                }
            }
            v
        };
        (
            edges(self.left, self.card_w, self.cols),
            edges(self.top, self.card_h, self.rows),
        )
    }

    /// Crop marks: short lines in the sheet margin, in line with every cut line, outside the grid
    /// and its bleed. Each is (from, to) in points.
    pub fn cut_marks(&self) -> Vec<((f32, f32), (f32, f32))> {
        let (xs, ys) = self.cut_lines();
        let gap = self.bleed + mm(MARK_GAP_MM);
        let grid_right =
            self.left + self.cols as f32 * self.card_w + (self.cols - 1) as f32 * self.gutter;
        let grid_bottom =
            self.top + self.rows as f32 * self.card_h + (self.rows - 1) as f32 * self.gutter;
        // Length of a mark that starts `start` points from the paper's edge.
        let len = |start: f32| {
            let l = (start - mm(MARK_EDGE_MM)).min(mm(MARK_LEN_MM));
            (l >= mm(MARK_MIN_LEN_MM)).then_some(l)
        };
        let mut marks = Vec::new();
        for &x in &xs {
            let s = self.top - gap;
            if let Some(l) = len(s) {
                marks.push(((x, s), (x, s - l)));
            }
            let s = grid_bottom + gap;
            if let Some(l) = len(self.page_h - s) {
                marks.push(((x, s), (x, s + l)));
            }
        }
        for &y in &ys {
            let s = self.left - gap;
            if let Some(l) = len(s) {
                marks.push(((s, y), (s - l, y)));
            }
            let s = grid_right + gap;
            if let Some(l) = len(self.page_w - s) {
                marks.push(((s, y), (s + l, y)));
            }
        }
        marks
    }

    /// A card rectangle grown by the bleed.
    pub fn with_bleed(&self, r: Rect) -> Rect {
        Rect::new(
            r.x - self.bleed,
            r.y - self.bleed,
            r.w + 2.0 * self.bleed,
            r.h + 2.0 * self.bleed,
        )
    }
}
