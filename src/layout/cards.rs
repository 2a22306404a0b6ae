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

use super::page::{Frame, Paint, Rect, Text, mm, to_mm};
use super::text::{Align, Paragraph, Span, fit};
use crate::diag::Location;
use crate::fonts::Face;
use crate::pack::{Domain, Pack, Question, Rgb, Setting};
use crate::template::Template;

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
    /// Height the question needs at `min_pt`, and the height the card leaves for it, in mm.
    pub needed_mm: f32,
    pub available_mm: f32,
}

impl Overflow {
    /// "question `av-x` does not fit on an 8-up card even at 10 pt: it needs 31.2 mm of height
    /// and the card has 24.0 mm"
    pub fn message(&self) -> String {
        format!(
            "question `{}` does not fit on {} card even at {} pt: it needs {:.1} mm of height and the card has {:.1} mm",
            self.question_id,
            n_up(self.per_page),
            self.min_pt,
            self.needed_mm,
            self.available_mm
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
const MARK_GAP_MM: f32 = 1.5;
const MARK_EDGE_MM: f32 = 3.0;
const MARK_LEN_MM: f32 = 6.0;
const MARK_MIN_LEN_MM: f32 = 2.0;

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

/// The small label at the foot of a front: the stage name, or the setting's name for questions
/// without a stage (office).
pub fn stage_label(pack: &Pack, q: &Question) -> String {
    match q.stage.and_then(|i| pack.stages.get(i)) {
        Some(s) => s.name.clone(),
        None => pack
            .setting_info(Setting::Office)
            .map_or_else(|| "Office".to_string(), |s| s.name.clone()),
    }
}

/// A front, measured: everything but the drawing.
struct FrontParts {
    name: Paragraph,
    code: Paragraph,
    label: Paragraph,
    question: Paragraph,
    inner: Rect,
    area: Rect,
}

fn measure_front(
    g: &Geometry,
    t: &Template,
    cell: Rect,
    domain: &Domain,
    q: &Question,
    label: &str,
) -> Result<FrontParts, Overflow> {
    let small = t.type_scale.small;
    let inner = cell.inset(g.card_margin);
    // The domain name and the code share the top line; on narrow cards both shrink a little
    // (to 80%) before the name is allowed to wrap.
    let head_line = |size: f32| {
        let code = Paragraph::new(&[Span::new(Face::Bold, q.code.clone())], size, 1.2, inner.w);
        let name_w = (inner.w - code.widest() - size).max(size);
        let name = Paragraph::new(
            &[Span::new(Face::Bold, domain.name.clone())],
            size,
            1.2,
            name_w,
        );
        (name, code)
    };
    let mut size = small;
    let (name, code) = loop {
        let (name, code) = head_line(size);
        if name.lines.len() == 1 || size <= small * 0.8 + 1e-3 {
            break (name, code);
        }
        size = (size - 0.5).max(small * 0.8);
    };
    let label = Paragraph::new(&[Span::new(Face::Italic, label)], small, 1.2, inner.w);
    let gap = small * 0.7;
    let head = name.height().max(code.height());
    let area = Rect::new(
        inner.x,
        inner.y + head + gap,
        inner.w,
        inner.h - head - label.height() - 2.0 * gap,
    );
    let spans = [Span::new(Face::Regular, q.text.clone())];
    let fitted = if area.h > 0.0 && area.w > 0.0 {
        fit(
            &spans,
            area.w,
            area.h,
            g.text_max_pt,
            g.text_min_pt,
            t.leading,
        )
    } else {
        None
    };
    match fitted {
        Some(question) => Ok(FrontParts {
            name,
            code,
            label,
            question,
            inner,
            area,
        }),
        None => {
            let at_min = Paragraph::new(&spans, g.text_min_pt, t.leading, area.w.max(1.0));
            Err(Overflow {
                question_id: q.id.clone(),
                location: q.location.clone(),
                per_page: g.per_page,
                min_pt: g.text_min_pt,
                needed_mm: to_mm(at_min.height()),
                available_mm: to_mm(area.h.max(0.0)),
            })
        }
    }
}

/// Whether a question fits on a card of `g` (with its own stage label).
pub fn fits(g: &Geometry, t: &Template, pack: &Pack, domain: &Domain, q: &Question) -> bool {
    measure_front(g, t, g.cell(0), domain, q, &stage_label(pack, q)).is_ok()
}

/// Draws the front of one card in `cell`: a band in the domain colour along the top (running
/// past the cut line by the bleed), the domain name and the card code in small type, the
/// question as large as fits and centred, and the stage at the foot. Returns the question's
/// type size, or the overflow when it does not fit even at the smallest size.
pub fn draw_front(
    frame: &mut Frame,
    g: &Geometry,
    t: &Template,
    cell: Rect,
    domain: &Domain,
    q: &Question,
    label: &str,
) -> Result<f32, Overflow> {
    let p = measure_front(g, t, cell, domain, q, label)?;
    // The band stays inside the card margin, so no text sits on it.
    let band_h = g.card_margin * 0.5;
    frame.rect(
        Rect::new(
            cell.x - g.bleed,
            cell.y - g.bleed,
            cell.w + 2.0 * g.bleed,
            band_h + g.bleed,
        ),
        0.0,
        Paint::fill(domain.colour),
    );
    let inner = p.inner;
    p.name.place(
        frame,
        inner.x,
        inner.y,
        inner.w,
        Align::Left,
        domain.colour.on_white(),
    );
    p.code
        .place(frame, inner.x, inner.y, inner.w, Align::Right, t.muted);
    let top = p.area.y + (p.area.h - p.question.height()) / 2.0;
    p.question
        .place(frame, p.area.x, top, p.area.w, Align::Centre, t.text);
    p.label.place(
        frame,
        inner.x,
        inner.bottom() - p.label.height(),
        inner.w,
        Align::Left,
        t.muted,
    );
    Ok(p.question.size)
}

/// Draws the back of a card of `domain` in `rect`: the domain colour over the whole card (plus
/// bleed), the domain name, its belief line and the pack title, in black or white, whichever
/// reads better (at least 4.5:1).
pub fn draw_back(
    frame: &mut Frame,
    g: &Geometry,
    t: &Template,
    rect: Rect,
    domain: &Domain,
    pack_title: &str,
) -> Result<(), CardError> {
    let mut bg = domain.colour;
    let mut ink = bg.text_colour();
    if bg.contrast(ink) < 4.5 {
        bg = bg.on_white();
        ink = Rgb::WHITE;
    }
    frame.rect(g.with_bleed(rect), 0.0, Paint::fill(bg));
    let small = t.type_scale.small;
    let inner = rect.inset(g.card_margin);
    let too_big = || CardError::BackOverflow {
        domain: domain.id.clone(),
        per_page: g.per_page,
    };
    let title = Paragraph::new(
        &[Span::new(Face::Regular, pack_title.to_string())],
        small,
        1.2,
        inner.w,
    );
    let gap = small;
    let room = inner.h - title.height() - gap;
    let name = fit(
        &[Span::new(Face::Bold, domain.name.clone())],
        inner.w,
        room * 0.45,
        g.text_max_pt * 1.2,
        small,
        1.15,
    )
    .ok_or_else(too_big)?;
    let belief = fit(
        &[Span::new(Face::Italic, format!("“{}”", domain.belief))],
        inner.w,
        room - name.height() - gap,
        g.text_max_pt * 0.9,
        small,
        t.leading,
    )
    .ok_or_else(too_big)?;
    let block = name.height() + gap + belief.height();
    let top = inner.y + (room - block) / 2.0;
    name.place(frame, inner.x, top, inner.w, Align::Centre, ink);
    belief.place(
        frame,
        inner.x,
        top + name.height() + gap,
        inner.w,
        Align::Centre,
        ink,
    );
    title.place(
        frame,
        inner.x,
        inner.bottom() - title.height(),
        inner.w,
        Align::Centre,
        ink,
    );
    Ok(())
}

/// How to lay out a deck.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DeckOptions {
    pub per_page: u8,
    pub duplex: Duplex,
    /// Shift of every back, in mm: right and down as seen on the back page.
    pub back_offset_mm: (f32, f32),
    pub bleed_mm: f32,
}

impl Default for DeckOptions {
    fn default() -> Self {
        DeckOptions {
            per_page: 8,
            duplex: Duplex::LongEdge,
            back_offset_mm: (0.0, 0.0),
            bleed_mm: 0.0,
        }
    }
}

/// Where one card was put.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedCard {
    pub question_id: String,
    pub domain_id: String,
    pub code: String,
    /// Page index of the front, and its card rectangle (the cut line, without bleed).
    pub front_page: usize,
    pub front: Rect,
    /// Page index and rectangle of the back, `--back-offset` included; none without duplex.
    pub back: Option<(usize, Rect)>,
    /// The question's type size.
    pub text_pt: f32,
}

/// A laid-out deck: pages (front, back, front, back, ... or fronts only) and where every card is.
#[derive(Debug, Clone)]
pub struct Deck {
    pub pages: Vec<Frame>,
    pub geometry: Geometry,
    pub cards: Vec<PlacedCard>,
    pub front_sheets: usize,
    /// Page indexes of the sheets of fronts.
    pub front_pages: Vec<usize>,
}

/// Lays out one card per question, in the order given. Fails, listing every question that does
/// not fit, before drawing anything.
pub fn deck(
    pack: &Pack,
    t: &Template,
    cards: &[(&Domain, &Question)],
    opts: &DeckOptions,
) -> Result<Deck, CardError> {
    let g = Geometry::new(t, opts.per_page, opts.bleed_mm)?;
    let overflows: Vec<Overflow> = cards
        .iter()
        .filter_map(|(d, q)| measure_front(&g, t, g.cell(0), d, q, &stage_label(pack, q)).err())
        .collect();
    if !overflows.is_empty() {
        return Err(CardError::Overflow(overflows));
    }
    let per_sheet = g.cols * g.rows;
    let offset = (mm(opts.back_offset_mm.0), mm(opts.back_offset_mm.1));
    let marks = g.cut_marks();
    let mut pages = Vec::new();
    let mut placed = Vec::new();
    let mut front_pages = Vec::new();
    for sheet in cards.chunks(per_sheet) {
        let mut front = Frame::new(g.page_w, g.page_h);
        for &(from, to) in &marks {
            front.line(from, to, t.text, 0.4);
        }
        let front_page = pages.len();
        let back_page = front_page + 1;
        let mut back = (opts.duplex != Duplex::None).then(|| Frame::new(g.page_w, g.page_h));
        for (i, (d, q)) in sheet.iter().enumerate() {
            let cell = g.cell(i);
            let size = draw_front(&mut front, &g, t, cell, d, q, &stage_label(pack, q))
                .map_err(|o| CardError::Overflow(vec![o]))?;
            let back_at = match back.as_mut() {
                Some(b) => {
                    let m = opts.duplex.mirror(cell, g.page_w, g.page_h);
                    let r = Rect::new(m.x + offset.0, m.y + offset.1, m.w, m.h);
                    draw_back(b, &g, t, r, d, &pack.title)?;
                    Some((back_page, r))
                }
                None => None,
            };
            placed.push(PlacedCard {
                question_id: q.id.clone(),
                domain_id: d.id.clone(),
                code: q.code.clone(),
                front_page,
                front: cell,
                back: back_at,
                text_pt: size,
            });
        }
        front_pages.push(front_page);
        pages.push(front);
        pages.extend(back);
    }
    Ok(Deck {
        pages,
        geometry: g,
        cards: placed,
        front_sheets: front_pages.len(),
        front_pages,
    })
}

/// Prints the edition stamp ("The Team as a Secure Base · team-secure-base 1.0 · date") small in
/// the bottom sheet margin of every sheet of fronts, between the first two cut lines so it
/// never touches a crop mark or a card. Skipped when the margin is too small to hold it.
pub fn stamp_fronts(deck: &mut Deck, t: &Template, text: &str) {
    let g = &deck.geometry;
    let (xs, ys) = g.cut_lines();
    let (Some(&x0), Some(&x1), Some(&grid_bottom)) = (xs.first(), xs.get(1), ys.last()) else {
        return;
    };
    let pad = mm(MARK_GAP_MM);
    let x = x0 + pad;
    let width = x1 - x0 - 2.0 * pad;
    let top = grid_bottom + g.bleed + pad;
    let height = g.page_h - mm(MARK_EDGE_MM) - top;
    let size = t.type_scale.footer.min(8.0);
    let Some(p) = fit(
        &[Span::new(Face::Regular, text)],
        width,
        height,
        size,
        5.0,
        1.2,
    ) else {
        return;
    };
    if p.lines.len() > 1 {
        return;
    }
    let y = top + (height - p.height()) / 2.0;
    for &i in &deck.front_pages {
        p.place(&mut deck.pages[i], x, y, width, Align::Left, t.muted);
    }
}

/// Every question of the pack that would not fit on a card of the template's `per_page` grid,
/// for `securebase check`.
pub fn overflows(pack: &Pack, t: &Template, per_page: u8) -> Result<Vec<Overflow>, CardError> {
    let g = Geometry::new(t, per_page, 0.0)?;
    Ok(pack
        .domains
        .iter()
        .flat_map(|d| d.questions.iter().map(move |q| (d, q)))
        .filter_map(|(d, q)| measure_front(&g, t, g.cell(0), d, q, &stage_label(pack, q)).err())
        .collect())
}

/// The value printed on a calibration ruler at `d_mm` from the target's centre: `horizontal`
/// for the ruler along x (d positive to the right), else the ruler along y (d positive down),
/// both as seen on the front.
///
/// If the printer puts the back `e` mm off (right/down as seen on the back), the back cross seen
/// through the paper sits, as seen from the front, at `(-e.x, e.y)` for long-edge and at
/// `(e.x, -e.y)` for short-edge (the formulas in the module documentation). The offset that
/// cancels it is `-e`, so the label at `d` is `d` or `-d` accordingly.
pub fn ruler_value(duplex: Duplex, horizontal: bool, d_mm: f32) -> f32 {
    match (duplex, horizontal) {
        (Duplex::ShortEdge, true) | (Duplex::LongEdge | Duplex::None, false) => -d_mm,
        _ => d_mm,
    }
}

/// The two-sided calibration sheet.
#[derive(Debug, Clone)]
pub struct Calibration {
    /// Front, then back.
    pub pages: Vec<Frame>,
    /// Centres of the ruler targets on the front, in points.
    pub targets: Vec<(f32, f32)>,
    /// Centres of the crosses on the back (mirrored, `--back-offset` included), in points.
    pub crosses: Vec<(f32, f32)>,
}

/// Half the length of a calibration ruler, in mm.
const RULER_MM: f32 = 8.0;
/// Distance from a target to its rulers, in mm.
const RULER_GAP_MM: f32 = 14.0;
/// Half the length of a back cross's arms, in mm: it must reach across both rulers.
const CROSS_MM: f32 = 26.0;

/// Lays out the calibration sheet for `duplex` (long-edge when `Duplex::None` is given).
pub fn calibration(t: &Template, duplex: Duplex, back_offset_mm: (f32, f32)) -> Calibration {
    let duplex = if duplex == Duplex::None {
        Duplex::LongEdge
    } else {
        duplex
    };
    let (w, h) = t.page_size();
    let c = t.content_rect();
    let ink = t.text;
    let ts = t.type_scale;
    let flip = match duplex {
        Duplex::ShortEdge => "flip on short edge",
        _ => "flip on long edge",
    };
    let other = match duplex {
        Duplex::ShortEdge => "long-edge",
        _ => "short-edge",
    };

    // Targets: the centre of the sheet and four round it, placed symmetrically so that every
    // mirrored target is again a target.
    let (cx, cy) = (w / 2.0, h / 2.0);
    let (dx, dy) = (w / 2.0 - mm(48.0), h / 2.0 - mm(90.0));
    let targets = vec![
        (cx, cy),
        (cx - dx, cy - dy),
        (cx + dx, cy - dy),
        (cx - dx, cy + dy),
        (cx + dx, cy + dy),
    ];
    let (ox, oy) = (mm(back_offset_mm.0), mm(back_offset_mm.1));
    let crosses: Vec<(f32, f32)> = targets
        .iter()
        .map(|&p| {
            let (x, y) = duplex.mirror_point(p, w, h);
            (x + ox, y + oy)
        })
        .collect();

    // The front: instructions, then the rulers.
    let mut front = Frame::new(w, h);
    let mut y = c.y;
    y += Paragraph::new(
        &[Span::new(
            Face::Bold,
            format!("Duplex calibration sheet: front ({flip})"),
        )],
        ts.heading,
        1.2,
        c.w,
    )
    .place(&mut front, c.x, y, c.w, Align::Left, ink);
    y += ts.body * 0.5;
    let mut steps = vec![
        format!(
            "1. Print this sheet double-sided, {flip}, at 100% / actual size, on the paper you will use for the cards."
        ),
        "2. Hold it up to a window or a lamp with this side facing you. The crosses printed on the back show through the paper next to the rulers.".to_string(),
        "3. At the middle target, read the number where the back cross's upright line crosses the ruler below the target: that is X. Read the number where its level line crosses the ruler to the right of the target: that is Y. The numbers are millimetres with the sign already right; read halves between the marks.".to_string(),
        format!(
            "4. Print the cards with both numbers, for example: securebase cards{} --back-offset 1.5,-0.5",
            if duplex == Duplex::ShortEdge { " --duplex short-edge" } else { "" }
        ),
        "If the back cross sits on both zeros, your printer is aligned and needs no offset. If the corner targets read differently from the middle one, the printer also stretches or turns the back: use the middle reading.".to_string(),
    ];
    if back_offset_mm != (0.0, 0.0) {
        steps.push(format!(
            "This sheet was printed with --back-offset {},{}: add what you read to those numbers.",
            back_offset_mm.0, back_offset_mm.1
        ));
    }
    for s in steps {
        y += Paragraph::new(&[Span::new(Face::Regular, s)], ts.body, t.leading, c.w).place(
            &mut front,
            c.x,
            y,
            c.w,
            Align::Left,
            ink,
        );
        y += ts.body * 0.35;
    }
    for &p in &targets {
        ruler_target(&mut front, p, duplex, ink);
    }
    // A 100 mm scale line, to catch a printer that shrinks the page to fit.
    let sy = cy + dy / 2.0;
    let (sx0, sx1) = (cx - mm(50.0), cx + mm(50.0));
    front.line((sx0, sy), (sx1, sy), ink, 0.6);
    for k in 0..=10 {
        let x = sx0 + mm(10.0 * k as f32);
        front.line((x, sy - mm(1.5)), (x, sy), ink, 0.4);
    }
    Paragraph::new(
        &[Span::new(
            Face::Regular,
            "This line is 100 mm long. If it measures less, the printer shrank the page: print at 100% / actual size.",
        )],
        ts.small,
        1.2,
        mm(100.0),
    )
    .place(&mut front, sx0, sy + mm(1.5), mm(100.0), Align::Centre, t.muted);

    // The back: crosses behind the targets, and a short note placed behind the front's empty
    // lower part so it does not show through the instructions.
    let mut back = Frame::new(w, h);
    for &(x, y) in &crosses {
        let r = mm(CROSS_MM);
        back.line((x - r, y), (x + r, y), Rgb::BLACK, 0.8);
        back.line((x, y - r), (x, y + r), Rgb::BLACK, 0.8);
    }
    let note = Paragraph::new(
        &[
            Span::new(Face::Bold, "Duplex calibration sheet: back. "),
            Span::new(
                Face::Regular,
                format!(
                    "The crosses on this side show through the rulers on the front. If this text is upside down compared with the front, the printer turned the sheet the other way: print the cards with --duplex {other}, or change the printer's setting."
                ),
            ),
        ],
        ts.body,
        t.leading,
        c.w,
    );
    let note_top = match duplex {
        // Long edge: the back's foot is behind the front's foot. Short edge: behind its head.
        Duplex::ShortEdge => c.y,
        _ => c.bottom() - note.height(),
    };
    note.place(&mut back, c.x, note_top, c.w, Align::Left, ink);
    Calibration {
        pages: vec![front, back],
        targets,
        crosses,
    }
}

/// A target at `(x, y)`: a small ring and cross marking the spot, a level ruler below it for X
/// and an upright ruler to its right for Y, marked every half millimetre and labelled with the
/// `--back-offset` value (every 4 mm on the level ruler, every 2 mm on the upright one). The back's cross is long enough to reach both rulers.
fn ruler_target(f: &mut Frame, (x, y): (f32, f32), duplex: Duplex, ink: Rgb) {
    f.items.push(super::page::Item::Circle {
        cx: x,
        cy: y,
        r: mm(1.5),
        paint: Paint::stroke(ink, 0.4),
    });
    f.line((x - mm(3.0), y), (x + mm(3.0), y), ink, 0.4);
    f.line((x, y - mm(3.0)), (x, y + mm(3.0)), ink, 0.4);
    let half = mm(RULER_MM);
    let (ry, rx) = (y + mm(RULER_GAP_MM), x + mm(RULER_GAP_MM));
    f.line((x - half, ry), (x + half, ry), ink, 0.5);
    f.line((rx, y - half), (rx, y + half), ink, 0.5);
    let steps = (RULER_MM * 2.0) as i32;
    let size = 5.5;
    let m = Face::Regular.metrics();
    for k in -steps..=steps {
        let d = k as f32 * 0.5;
        let tick = if k % 4 == 0 {
            mm(2.4)
        } else if k % 2 == 0 {
            mm(1.6)
        } else {
            mm(0.9)
        };
        // Ticks point towards the target; labels sit on the far side of each ruler.
        f.line((x + mm(d), ry), (x + mm(d), ry - tick), ink, 0.3);
        f.line((rx, y + mm(d)), (rx - tick, y + mm(d)), ink, 0.3);
        if k % 4 != 0 {
            continue;
        }
        // Labels along the level ruler every 4 mm, so that wide numbers do not touch.
        let rulers: &[bool] = if k % 8 == 0 { &[true, false] } else { &[false] };
        for &horizontal in rulers {
            let v = ruler_value(duplex, horizontal, d);
            let s = format!("{}", if v == 0.0 { 0.0 } else { v });
            let tw = m.width(&s, size);
            let (tx, base) = if horizontal {
                (x + mm(d) - tw / 2.0, ry + mm(1.0) + m.cap_height_pt(size))
            } else {
                (rx + mm(1.0), y + mm(d) + m.cap_height_pt(size) / 2.0)
            };
            f.text(Text {
                x: tx,
                baseline: base,
                text: s,
                face: Face::Regular,
                size,
                colour: ink,
                width: tw,
            });
        }
    }
    for (s, tx, base) in [
        ("X", x + half + mm(1.5), ry + m.cap_height_pt(7.0) / 2.0),
        (
            "Y",
            rx - m.width("Y", 7.0) / 2.0,
            y + half + mm(1.5) + m.cap_height_pt(7.0),
        ),
    ] {
        f.text(Text {
            x: tx,
            baseline: base,
            text: s.to_string(),
            face: Face::Bold,
            size: 7.0,
            colour: ink,
            width: Face::Bold.metrics().width(s, 7.0),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::load::builtin;

    fn a4() -> Template {
        Template::builtin("a4").expect("a4")
    }

    #[test]
    fn grid_is_centred_and_mirrors_onto_itself() {
        let t = a4();
        for n in PER_PAGE {
            let g = Geometry::new(&t, n, 0.0).expect("grid");
            let cells = g.cells();
            assert_eq!(cells.len(), usize::from(n));
            for d in [Duplex::LongEdge, Duplex::ShortEdge] {
                for c in &cells {
                    let m = d.mirror(*c, g.page_w, g.page_h);
                    assert!(
                        cells
                            .iter()
                            .any(|o| (o.x - m.x).abs() < 0.01 && (o.y - m.y).abs() < 0.01),
                        "{n}-up {d:?}: {m:?} is not a cell"
                    );
                    // Mirroring twice gives the card back.
                    let back = d.mirror(m, g.page_w, g.page_h);
                    assert!((back.x - c.x).abs() < 0.01 && (back.y - c.y).abs() < 0.01);
                }
            }
        }
    }

    #[test]
    fn marks_stay_outside_every_card_and_its_bleed() {
        let t = a4();
        for n in PER_PAGE {
            let g = Geometry::new(&t, n, 3.0).expect("grid");
            let marks = g.cut_marks();
            let (xs, ys) = g.cut_lines();
            assert_eq!(marks.len(), 2 * xs.len() + 2 * ys.len());
            for (a, b) in &marks {
                let bbox = Rect::new(
                    a.0.min(b.0) - 0.2,
                    a.1.min(b.1) - 0.2,
                    (a.0 - b.0).abs() + 0.4,
                    (a.1 - b.1).abs() + 0.4,
                );
                for c in g.cells() {
                    assert!(!g.with_bleed(c).intersects(&bbox), "{a:?}-{b:?} in {c:?}");
                }
                assert!(Rect::new(0.0, 0.0, g.page_w, g.page_h).contains(&bbox, 0.0));
            }
        }
    }

    #[test]
    fn bleed_wider_than_half_the_gutter_is_refused() {
        let t = a4();
        assert!(matches!(
            Geometry::new(&t, 8, 3.5),
            Err(CardError::Bleed { max_mm, .. }) if (max_mm - 3.0).abs() < 1e-3
        ));
        assert!(Geometry::new(&t, 8, -1.0).is_err());
        assert!(Geometry::new(&t, 8, f32::NAN).is_err());
    }

    #[test]
    fn ruler_labels_give_the_offset_that_cancels_the_drift() {
        let t = a4();
        let (w, h) = t.page_size();
        for duplex in [Duplex::LongEdge, Duplex::ShortEdge] {
            for drift in [(1.5f32, -0.5f32), (-2.0, 1.0), (0.0, 2.5)] {
                let p = (w / 2.0, h / 2.0);
                // The printer puts the back cross `drift` mm off, as seen on the back.
                let b = duplex.mirror_point(p, w, h);
                let printed = (b.0 + mm(drift.0), b.1 + mm(drift.1));
                // Seen through the paper from the front.
                let seen = duplex.mirror_point(printed, w, h);
                let (rx, ry) = (to_mm(seen.0 - p.0), to_mm(seen.1 - p.1));
                let x = ruler_value(duplex, true, rx);
                let y = ruler_value(duplex, false, ry);
                assert!((x + drift.0).abs() < 1e-3 && (y + drift.1).abs() < 1e-3);
                // Shifting the back by (x, y) puts the cross right behind the target.
                let fixed = (printed.0 + mm(x), printed.1 + mm(y));
                let seen = duplex.mirror_point(fixed, w, h);
                assert!((seen.0 - p.0).abs() < 1e-3 && (seen.1 - p.1).abs() < 1e-3);
            }
        }
    }

    #[test]
    fn every_default_question_fits_on_every_grid() {
        let pack = builtin().expect("pack");
        for name in ["a4", "letter", "large-print"] {
            let t = Template::builtin(name).expect("template");
            for n in PER_PAGE {
                let o = overflows(&pack, &t, n).expect("grid");
                assert!(o.is_empty(), "{name} {n}-up: {o:?}");
            }
        }
    }
}
