//! The pages that print a tiled poster: the assembly key, then one page per tile with its
//! glue margins, crop marks and label.

use super::*;
use crate::fonts::Face;
use crate::layout::frame::{Frame, Paint, Point, Rect, Role, Text, mm};
use crate::layout::text::{Align, Paragraph, Span, fit};
use crate::pack::{Labels, Rgb};
use crate::template::Template;
use std::sync::Arc;

/// What the tile pages say about the poster.
#[derive(Debug, Clone)]
pub struct TileText {
    /// "The Team as a Secure Base: A2 portrait poster"
    pub caption: String,
}

/// The pages of a tiled poster: the assembly key, then one page per tile, row by row, in the
/// words of `labels`.
pub fn tile_pages(
    poster: &Arc<Frame>,
    plan: &TilePlan,
    t: &Template,
    labels: &Labels,
    text: &TileText,
) -> Vec<Frame> {
    let mut pages = vec![assembly_key(poster, plan, t, labels, text)];
    // On the tiles the poster is an artifact: the assembly key carries its structure once, so a
    // screen reader does not read the poster on every sheet.
    let mut hidden = Frame::with_role(poster.width, poster.height, Role::Artifact);
    hidden.push_group(Point::default(), Arc::clone(poster), 1.0, None);
    let hidden = Arc::new(hidden);
    for tile in plan.tiles() {
        pages.push(tile_page(&hidden, plan, &tile, t, labels));
    }
    pages
}

/// "row 2, column 3 of 3 x 3" (rows x columns), with the sheet number first.
pub fn tile_label(labels: &Labels, plan: &TilePlan, tile: &Tile) -> String {
    labels.fill(
        "tiles.label",
        &[
            ("number", &tile.number.to_string()),
            ("row", &(tile.row + 1).to_string()),
            ("col", &(tile.col + 1).to_string()),
            ("rows", &plan.rows.to_string()),
            ("cols", &plan.cols.to_string()),
        ],
    )
}

const MARK_GREY: Rgb = Rgb(0x40, 0x40, 0x40);

/// A run of page furniture (labels, rulers, notes on a tile) with its baseline at `(x, baseline)`.
fn text_run(f: &mut Frame, x: f32, baseline: f32, s: &str, face: Face, size: f32, colour: Rgb) {
    f.text(x, baseline, Text::new(s, face, size, colour));
}

/// One tile: the poster clipped to the window, the glue margins on the edges that go under a
/// neighbour, crop marks at the trim line and the label.
fn tile_page(
    poster: &Arc<Frame>,
    plan: &TilePlan,
    tile: &Tile,
    t: &Template,
    labels: &Labels,
) -> Frame {
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
        let word = labels.get("tiles.glue");
        let ww_word = Face::Bold.metrics().width(&word, label_size);
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
                    &word,
                    Face::Bold,
                    label_size,
                    MARK_GREY,
                );
            }
        }
    }
    crop_marks(&mut f, trim, m);
    // The label, in the bottom band between the crop marks.
    let label = tile_label(labels, plan, tile);
    let note = labels.get("tiles.note");
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
    let nw = Face::Regular.metrics().width(&note, label_size);
    if m + mm(8.0) + lw + mm(6.0) + nw <= m + ww - mm(8.0) {
        text_run(
            &mut f,
            m + ww - mm(8.0) - nw,
            y,
            &note,
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
fn assembly_key(
    poster: &Arc<Frame>,
    plan: &TilePlan,
    t: &Template,
    labels: &Labels,
    text: &TileText,
) -> Frame {
    let (sw, sh) = plan.sheet;
    let m = mm(SHEET_MARGIN_MM) + mm(5.0);
    let cw = sw - 2.0 * m;
    // Landscape sheets: the instructions in a column on the left, the miniature on the right.
    // Portrait sheets: instructions above, miniature below.
    let side = sw > sh;
    let tw = if side { cw * 0.4 } else { cw };
    let mut f = Frame::new(sw, sh);
    let mut y = m;
    // The template's sizes where they are larger (large print), never smaller than these.
    let (title_pt, text_pt, label_pt) = (
        t.type_scale.heading.max(18.0),
        t.type_scale.small.max(10.0),
        t.type_scale.small.max(9.0),
    );
    let head = Paragraph::new(
        &[Span::new(Face::Bold, labels.get("tiles.title"))],
        title_pt,
        1.15,
        tw,
    );
    let head = head.role(Role::Heading(1));
    y += head.place(&mut f, m, y, tw, Align::Left, t.text) + 4.0;
    let sheets = labels.fill(
        "tiles.summary",
        &[
            ("caption", &text.caption),
            ("sheets", &plan.count().to_string()),
            ("paper", plan.paper.name()),
            (
                "orientation",
                &labels.get(if plan.landscape {
                    "poster.landscape"
                } else {
                    "poster.portrait"
                }),
            ),
            ("rows", &plan.rows.to_string()),
            ("cols", &plan.cols.to_string()),
            (
                "overlap",
                &fmt_mm(crate::layout::frame::to_mm(plan.overlap)),
            ),
        ],
    );
    let sub = Paragraph::new(&[Span::new(Face::Regular, sheets)], text_pt, 1.3, tw);
    y += sub.place(&mut f, m, y, tw, Align::Left, t.muted) + 10.0;
    let steps = ["tiles.step1", "tiles.step2", "tiles.step3", "tiles.step4"].map(|k| labels.get(k));
    let num_w = Face::Bold.metrics().width("0.", text_pt) + 5.0;
    for (i, s) in steps.iter().enumerate() {
        let p = Paragraph::new(&t.markup(s, Face::Regular), text_pt, 1.3, tw - num_w)
            .role(Role::ListBody);
        let mut item = Frame::with_role(tw, p.height(), Role::ListItem);
        Paragraph::new(
            &[Span::new(Face::Bold, format!("{}.", i + 1))],
            text_pt,
            1.3,
            num_w,
        )
        .role(Role::Label)
        .place(&mut item, 0.0, 0.0, num_w, Align::Left, t.text);
        p.place(&mut item, num_w, 0.0, tw - num_w, Align::Left, t.text);
        f.push_frame(Point::new(m, y), item);
        y += p.height() + 5.0;
    }
    // The 100 mm bar.
    y += 8.0;
    let bar = Rect::new(m, y, mm(100.0), mm(3.0));
    f.rect(bar, 0.0, Paint::fill(t.text));
    for i in 0..=10 {
        let x = m + mm(10.0 * i as f32);
        f.line((x, bar.bottom()), (x, bar.bottom() + mm(1.5)), t.text, 0.5);
    }
    let bar_label = &labels.get("tiles.bar");
    let bar_label_w = Face::Bold.metrics().width(bar_label, label_pt);
    if bar.right() + 6.0 + bar_label_w <= m + tw {
        text_run(
            &mut f,
            bar.right() + 6.0,
            bar.y + mm(3.0) * 0.5 + 3.0,
            bar_label,
            Face::Bold,
            label_pt,
            t.text,
        );
        y = bar.bottom() + mm(1.5) + 16.0;
    } else {
        text_run(
            &mut f,
            m,
            bar.bottom() + mm(1.5) + 2.0 + label_pt,
            bar_label,
            Face::Bold,
            label_pt,
            t.text,
        );
        y = bar.bottom() + mm(1.5) + 17.0 + label_pt;
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
    // The poster in miniature keeps its structure (the figure and its text), in a section.
    let mut miniature = Frame::with_role(sw, sh, Role::Section);
    miniature.push_group(
        Point::new(ox, oy),
        Arc::clone(poster),
        scale,
        Some(Rect::new(ox, oy, pw * scale, ph * scale)),
    );
    f.push_frame(Point::default(), miniature);
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
            let p = p.role(Role::Artifact);
            p.place(&mut f, cx - r, top, 2.0 * r, Align::Centre, t.text);
        }
    }
    f
}
