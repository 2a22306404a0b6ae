//! Splitting a poster onto sheets of office paper: how many sheets, which part of the poster each
//! one shows, and the pages that print them (an assembly key, then one page per tile).
//!
//! The maths is in small pure functions ([`tiles_along`], [`plan`], [`TilePlan::window`]) so it
//! can be tested on its own. A tile page holds the poster frame as an [`Item::Group`], translated
//! so that the tile's part of the poster shows through a clip window; the renderer knows nothing
//! of tiles. No I/O and no printpdf here.

use super::frame::{Frame, Paint, Point, Rect, Text, mm};
use super::text::{Align, Paragraph, Span, fit};
use crate::fonts::Face;
use crate::pack::Rgb;
use crate::template::{Paper, Template};
use std::sync::Arc;

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

    /// Where a poster point lands on the page of the tile in `row`, `col`.
    pub fn to_page(&self, row: usize, col: usize, x: f32, y: f32) -> (f32, f32) {
        let w = self.window(row, col);
        (x - w.x + self.margin, y - w.y + self.margin)
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

/// What the tile pages say about the poster.
#[derive(Debug, Clone)]
pub struct TileText {
    /// "The Team as a Secure Base: A2 portrait poster"
    pub caption: String,
}

/// The pages of a tiled poster: the assembly key, then one page per tile, row by row.
pub fn tile_pages(
    poster: &Arc<Frame>,
    plan: &TilePlan,
    t: &Template,
    text: &TileText,
) -> Vec<Frame> {
    let mut pages = vec![assembly_key(poster, plan, t, text)];
    for tile in plan.tiles() {
        pages.push(tile_page(poster, plan, &tile, t));
    }
    pages
}

/// "row 2, column 3 of 3 x 3" (rows x columns), with the sheet number first.
pub fn tile_label(plan: &TilePlan, tile: &Tile) -> String {
    format!(
        "{} · row {}, column {} of {} x {}",
        tile.number,
        tile.row + 1,
        tile.col + 1,
        plan.rows,
        plan.cols
    )
}

const MARK_GREY: Rgb = Rgb(0x40, 0x40, 0x40);

/// A run of page furniture (labels, rulers, notes on a tile) with its baseline at `(x, baseline)`.
fn text_run(f: &mut Frame, x: f32, baseline: f32, s: &str, face: Face, size: f32, colour: Rgb) {
    f.text(x, baseline, Text::new(s, face, size, colour));
}

/// One tile: the poster clipped to the window, the glue margins on the edges that go under a
/// neighbour, crop marks at the trim line and the label.
fn tile_page(poster: &Arc<Frame>, plan: &TilePlan, tile: &Tile, t: &Template) -> Frame {
    let (sw, sh) = plan.sheet;
    let m = plan.margin;
    let (ww, wh) = plan.window_size();
    let mut f = Frame::new(sw, sh);
    let win = Rect::new(m, m, ww, wh);
    f.push_group(
        Point::new(m - tile.window.x, m - tile.window.y),
        Arc::clone(poster),
        1.0,
        Some(win),
    );
    // The trim box: the window, cut short where the poster ends inside it.
    let right = (plan.poster.0 - tile.window.x).min(ww) + m;
    let bottom = (plan.poster.1 - tile.window.y).min(wh) + m;
    let trim = Rect::new(m, m, right - m, bottom - m);
    let o = plan.overlap;
    let label_size = 7.5;
    // Glue margins: the strips a neighbour covers, on the right and bottom edges.
    let mut strips = Vec::new();
    if tile.col + 1 < plan.cols && o > 0.0 {
        strips.push((Rect::new(m + ww - o, m, o, bottom - m), true));
    }
    if tile.row + 1 < plan.rows && o > 0.0 {
        strips.push((Rect::new(m, m + wh - o, right - m, o), false));
    }
    for (s, vertical) in &strips {
        hatch(&mut f, *s, mm(4.0), HATCH_GREY, 0.4);
        f.rect(
            *s,
            0.0,
            Paint {
                fill: None,
                stroke: Some((MARK_GREY, 0.6)),
                dash: Some((3.0, 2.0)),
            },
        );
        // "glue" every 60 mm along the strip, on a white patch so it reads over the poster.
        let word = "glue";
        let ww_word = Face::Bold.metrics().width(word, label_size);
        let room = if *vertical { s.w } else { s.h };
        if room >= label_size * 1.6 && s.w >= ww_word + 2.0 {
            let len = if *vertical { s.h } else { s.w };
            let n = ((len / mm(60.0)).floor() as usize).max(1);
            for i in 0..n {
                let along = len * (i as f32 + 0.5) / n as f32;
                let (cx, cy) = if *vertical {
                    (s.x + s.w / 2.0, s.y + along)
                } else {
                    (s.x + along, s.y + s.h / 2.0)
                };
                let patch = Rect::new(
                    cx - ww_word / 2.0 - 1.5,
                    cy - label_size * 0.6,
                    ww_word + 3.0,
                    label_size * 1.2,
                );
                f.rect(patch, 1.5, Paint::fill(Rgb::WHITE));
                text_run(
                    &mut f,
                    cx - ww_word / 2.0,
                    cy + label_size * 0.35,
                    word,
                    Face::Bold,
                    label_size,
                    MARK_GREY,
                );
            }
        }
    }
    crop_marks(&mut f, trim, m);
    // The label, in the bottom band between the crop marks.
    let label = tile_label(plan, tile);
    let note = "trim at the crop marks · glue under the next sheet";
    let y = m + wh + mm(4.5);
    text_run(
        &mut f,
        m + mm(8.0),
        y,
        &label,
        Face::Bold,
        label_size,
        t.text,
    );
    let lw = Face::Bold.metrics().width(&label, label_size);
    let nw = Face::Regular.metrics().width(note, label_size);
    if m + mm(8.0) + lw + mm(6.0) + nw <= m + ww - mm(8.0) {
        text_run(
            &mut f,
            m + ww - mm(8.0) - nw,
            y,
            note,
            Face::Regular,
            label_size,
            t.muted,
        );
    }
    f
}

const HATCH_GREY: Rgb = Rgb(0x90, 0x90, 0x90);

/// Diagonal lines `spacing` apart across `r`, each cut to the rectangle.
fn hatch(f: &mut Frame, r: Rect, spacing: f32, colour: Rgb, width: f32) {
    // Lines y = x + c, from the top-right corner's c to the bottom-left corner's.
    let mut c = r.y - r.right() + spacing / 2.0;
    while c < r.bottom() - r.x {
        let lo = r.x.max(r.y - c);
        let hi = r.right().min(r.bottom() - c);
        if hi > lo {
            f.line((lo, lo + c), (hi, hi + c), colour, width);
        }
        c += spacing;
    }
}

/// Crop marks: short lines on the extension of each trim edge, outside `trim`, in the clear
/// band of width `band`.
fn crop_marks(f: &mut Frame, trim: Rect, band: f32) {
    let gap = mm(1.5);
    let len = (band - gap - mm(4.0)).max(mm(2.0));
    let w = 0.5;
    for x in [trim.x, trim.right()] {
        f.line((x, trim.y - gap), (x, trim.y - gap - len), Rgb::BLACK, w);
        f.line(
            (x, trim.bottom() + gap),
            (x, trim.bottom() + gap + len),
            Rgb::BLACK,
            w,
        );
    }
    for y in [trim.y, trim.bottom()] {
        f.line((trim.x - gap, y), (trim.x - gap - len, y), Rgb::BLACK, w);
        f.line(
            (trim.right() + gap, y),
            (trim.right() + gap + len, y),
            Rgb::BLACK,
            w,
        );
    }
}

/// The first page: how to print and assemble, a 100 mm bar to check the print scale, and the
/// poster in miniature with the tile grid and numbers drawn over it.
fn assembly_key(poster: &Arc<Frame>, plan: &TilePlan, t: &Template, text: &TileText) -> Frame {
    let (sw, sh) = plan.sheet;
    let m = mm(SHEET_MARGIN_MM) + mm(5.0);
    let cw = sw - 2.0 * m;
    // Landscape sheets: the instructions in a column on the left, the miniature on the right.
    // Portrait sheets: instructions above, miniature below.
    let side = sw > sh;
    let tw = if side { cw * 0.4 } else { cw };
    let mut f = Frame::new(sw, sh);
    let mut y = m;
    let head = Paragraph::new(&[Span::new(Face::Bold, "Assembly key")], 18.0, 1.15, tw);
    y += head.place(&mut f, m, y, tw, Align::Left, t.text) + 4.0;
    let sheets = format!(
        "{}: {} sheets of {} ({}), {} rows x {} columns, {} mm overlap.",
        text.caption,
        plan.count(),
        plan.paper.name(),
        if plan.landscape {
            "landscape"
        } else {
            "portrait"
        },
        plan.rows,
        plan.cols,
        fmt_mm(super::frame::to_mm(plan.overlap)),
    );
    let sub = Paragraph::new(&[Span::new(Face::Regular, sheets)], 10.0, 1.3, tw);
    y += sub.place(&mut f, m, y, tw, Align::Left, t.muted) + 10.0;
    let steps = [
        "**Print at 100% / actual size**, not \"fit to page\". The bar below must measure 100 mm.",
        "**Trim** every sheet at its crop marks.",
        "**Lay out** the sheets in the order shown, starting top left. Each sheet's right and bottom edges carry a dashed, hatched **glue** margin.",
        "**Glue** along that margin and lay the next sheet over it, its edge on the dashed line, so the picture lines up.",
    ];
    let num_w = Face::Bold.metrics().width("0.", 10.0) + 5.0;
    for (i, s) in steps.iter().enumerate() {
        let p = Paragraph::new(
            &super::text::markup(s, Face::Regular),
            10.0,
            1.3,
            tw - num_w,
        );
        Paragraph::new(
            &[Span::new(Face::Bold, format!("{}.", i + 1))],
            10.0,
            1.3,
            num_w,
        )
        .place(&mut f, m, y, num_w, Align::Left, t.text);
        y += p.place(&mut f, m + num_w, y, tw - num_w, Align::Left, t.text) + 5.0;
    }
    // The 100 mm bar.
    y += 8.0;
    let bar = Rect::new(m, y, mm(100.0), mm(3.0));
    f.rect(bar, 0.0, Paint::fill(t.text));
    for i in 0..=10 {
        let x = m + mm(10.0 * i as f32);
        f.line((x, bar.bottom()), (x, bar.bottom() + mm(1.5)), t.text, 0.5);
    }
    let bar_label = "100 mm";
    let bar_label_w = Face::Bold.metrics().width(bar_label, 9.0);
    if bar.right() + 6.0 + bar_label_w <= m + tw {
        text_run(
            &mut f,
            bar.right() + 6.0,
            bar.y + mm(3.0) * 0.5 + 3.0,
            bar_label,
            Face::Bold,
            9.0,
            t.text,
        );
        y = bar.bottom() + mm(1.5) + 16.0;
    } else {
        text_run(
            &mut f,
            m,
            bar.bottom() + mm(1.5) + 11.0,
            bar_label,
            Face::Bold,
            9.0,
            t.text,
        );
        y = bar.bottom() + mm(1.5) + 26.0;
    }
    let room = if side {
        let x = m + tw + mm(10.0);
        Rect::new(x, m, m + cw - x, sh - 2.0 * m)
    } else {
        Rect::new(m, y, cw, sh - m - y)
    };

    // The miniature.
    let (pw, ph) = plan.poster;
    let (ww, wh) = plan.window_size();
    // The grid may reach past the poster on the last row and column.
    let gw = covered(plan.cols, ww, plan.overlap).max(pw);
    let gh = covered(plan.rows, wh, plan.overlap).max(ph);
    let scale = (room.w / gw).min(room.h / gh);
    let ox = room.x + (room.w - gw * scale) / 2.0;
    let oy = room.y + (room.h - gh * scale) / 2.0;
    f.rect(
        Rect::new(ox, oy, pw * scale, ph * scale),
        0.0,
        Paint::stroke(t.rule, 0.5),
    );
    f.push_group(
        Point::new(ox, oy),
        Arc::clone(poster),
        scale,
        Some(Rect::new(ox, oy, pw * scale, ph * scale)),
    );
    // Tile outlines, then numbers on white discs so they read over the poster.
    for tile in plan.tiles() {
        let w = tile.window;
        f.rect(
            Rect::new(ox + w.x * scale, oy + w.y * scale, w.w * scale, w.h * scale),
            0.0,
            Paint::stroke(MARK_GREY, 0.8),
        );
    }
    let num_size = (ww.min(wh) * scale * 0.17).clamp(7.0, 18.0);
    for tile in plan.tiles() {
        let w = tile.window;
        let cx = ox + (w.x + w.w / 2.0) * scale;
        let cy = oy + (w.y + w.h / 2.0) * scale;
        let label = tile.number.to_string();
        let r = num_size * 0.95;
        f.circle(
            cx,
            cy,
            r,
            Paint {
                fill: Some(Rgb::WHITE),
                stroke: Some((MARK_GREY, 0.8)),
                dash: None,
            },
        );
        if let Some(p) = fit(
            &[Span::new(Face::Bold, label)],
            r * 1.6,
            r * 1.4,
            num_size,
            5.0,
            1.0,
        ) {
            let top = cy - p.height() / 2.0;
            p.place(&mut f, cx - r, top, 2.0 * r, Align::Centre, t.text);
        }
    }
    f
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::frame::to_mm;

    const A2: (f32, f32) = (1190.5512, 1683.7795); // 420 x 594 mm

    fn a2() -> (f32, f32) {
        (mm(420.0), mm(594.0))
    }

    #[test]
    fn a2_constant_is_a2() {
        assert!((a2().0 - A2.0).abs() < 0.01 && (a2().1 - A2.1).abs() < 0.01);
    }

    #[test]
    fn count_along_one_side() {
        assert_eq!(tiles_along(100.0, 100.0, 10.0), 1);
        assert_eq!(tiles_along(50.0, 100.0, 10.0), 1);
        assert_eq!(tiles_along(190.0, 100.0, 10.0), 2); // exactly two windows
        assert_eq!(tiles_along(190.5, 100.0, 10.0), 3);
        assert_eq!(covered(2, 100.0, 10.0), 190.0);
        assert_eq!(covered(0, 100.0, 10.0), 0.0);
    }

    /// Every poster point is inside some window; neighbours overlap by exactly the overlap.
    fn assert_covers(p: &TilePlan) {
        let (pw, ph) = p.poster;
        for r in 0..p.rows {
            for c in 0..p.cols {
                let w = p.window(r, c);
                if c + 1 < p.cols {
                    let n = p.window(r, c + 1);
                    assert!((w.right() - n.x - p.overlap).abs() < 1e-3, "{w:?} {n:?}");
                    assert_eq!(n.y, w.y);
                }
                if r + 1 < p.rows {
                    let n = p.window(r + 1, c);
                    assert!((w.bottom() - n.y - p.overlap).abs() < 1e-3);
                    assert_eq!(n.x, w.x);
                }
            }
        }
        assert_eq!(p.window(0, 0).x, 0.0);
        assert_eq!(p.window(0, 0).y, 0.0);
        let last = p.window(p.rows - 1, p.cols - 1);
        assert!(last.right() >= pw - 1e-3 && last.bottom() >= ph - 1e-3);
        // Sample the poster densely, edges included: no point is left uncovered.
        let steps = 200;
        for i in 0..=steps {
            for j in 0..=steps {
                let x = pw * i as f32 / steps as f32;
                let y = ph * j as f32 / steps as f32;
                assert!(
                    p.tiles().iter().any(|t| {
                        let w = t.window;
                        x >= w.x - 1e-3
                            && x <= w.right() + 1e-3
                            && y >= w.y - 1e-3
                            && y <= w.bottom() + 1e-3
                    }),
                    "({x}, {y}) is not on any tile"
                );
            }
        }
    }

    #[test]
    fn a2_on_a4_with_10_mm_overlap_is_minimal() {
        let p = plan(a2(), Paper::A4, 10.0).unwrap();
        // Window 190 x 277 mm portrait: 3 x 3 = 9; landscape 277 x 190: 2 columns x 4 rows = 8.
        assert!(p.landscape);
        assert_eq!((p.cols, p.rows, p.count()), (2, 4, 8));
        assert_covers(&p);
        let (w, h) = p.window_size();
        // One column or one row fewer cannot cover the poster.
        assert!(covered(p.cols - 1, w, p.overlap) < p.poster.0);
        assert!(covered(p.rows - 1, h, p.overlap) < p.poster.1);
        // No grid with fewer sheets covers it, in either sheet orientation.
        let (sw, sh) = Paper::A4.size_pt();
        for (ww, wh) in [
            (sw - 2.0 * p.margin, sh - 2.0 * p.margin),
            (sh - 2.0 * p.margin, sw - 2.0 * p.margin),
        ] {
            for c in 1..=8 {
                for r in 1..=8 {
                    if c * r < p.count() {
                        let fits = covered(c, ww, p.overlap) >= p.poster.0
                            && covered(r, wh, p.overlap) >= p.poster.1;
                        assert!(!fits, "{c} x {r} sheets would do");
                    }
                }
            }
        }
    }

    #[test]
    fn every_size_and_overlap_covers() {
        for (w_mm, h_mm) in [
            (210.0, 297.0),
            (297.0, 420.0),
            (420.0, 594.0),
            (594.0, 841.0),
            (841.0, 1189.0),
        ] {
            for landscape in [false, true] {
                let poster = if landscape {
                    (mm(h_mm), mm(w_mm))
                } else {
                    (mm(w_mm), mm(h_mm))
                };
                for paper in [Paper::A4, Paper::Letter] {
                    for o in [0.0, 5.0, 10.0, 25.0] {
                        let p = plan(poster, paper, o).unwrap();
                        assert_covers(&p);
                        let (ww, wh) = p.window_size();
                        assert!(p.cols == 1 || covered(p.cols - 1, ww, p.overlap) < poster.0);
                        assert!(p.rows == 1 || covered(p.rows - 1, wh, p.overlap) < poster.1);
                    }
                }
            }
        }
    }

    #[test]
    fn a0_on_a4() {
        let p = plan((mm(841.0), mm(1189.0)), Paper::A4, 10.0).unwrap();
        assert_eq!((p.cols, p.rows, p.landscape), (5, 5, false));
    }

    #[test]
    fn overlap_limits() {
        assert!((max_overlap_mm(Paper::A4) - 95.0).abs() < 1e-3);
        for bad in [-1.0, 95.0, 200.0, f32::NAN, f32::INFINITY] {
            assert!(matches!(
                plan(a2(), Paper::A4, bad),
                Err(TileError::Overlap { .. })
            ));
        }
        assert!(plan(a2(), Paper::A4, 0.0).is_ok());
    }

    #[test]
    fn labels_and_pages() {
        let p = plan(a2(), Paper::A4, 10.0).unwrap();
        let tiles = p.tiles();
        assert_eq!(tile_label(&p, &tiles[3]), "4 · row 2, column 2 of 4 x 2");
        let poster = Arc::new(Frame::new(p.poster.0, p.poster.1));
        let t = Template::builtin("a4").unwrap();
        let pages = tile_pages(
            &poster,
            &p,
            &t,
            &TileText {
                caption: "Poster".into(),
            },
        );
        assert_eq!(pages.len(), 9);
        for page in &pages {
            assert_eq!((page.width, page.height), p.sheet);
            for tx in page.texts() {
                let b = tx.bbox();
                assert!(
                    Rect::new(0.0, 0.0, page.width, page.height).contains(&b, 0.01),
                    "{tx:?}"
                );
                // Marks and labels stay out of the printer's unprintable 4 mm edge.
                assert!(b.x >= mm(4.0) && b.bottom() <= page.height - mm(4.0));
            }
        }
        // Each tile page shows the poster through a window the size of the printable area.
        match &pages[1].items[0] {
            (at, crate::layout::Item::Group(g)) => {
                let c = g.clip.unwrap();
                assert!((to_mm(c.w) - 277.0).abs() < 0.01 && (to_mm(c.h) - 190.0).abs() < 0.01);
                assert_eq!((at.x, at.y), (p.margin, p.margin));
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(fmt_mm(10.0), "10");
        assert_eq!(fmt_mm(7.5), "7.5");
    }
}
