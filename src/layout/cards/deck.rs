//! A whole deck: fronts N-up with their mirrored backs, the edition stamp, and the check for
//! questions that would not fit.

use super::face::card_overflow;
use super::grid::{MARK_EDGE_MM, MARK_GAP_MM};
use super::*;
use crate::fonts::Face;
use crate::layout::frame::{Frame, Rect, Role, mm};
use crate::layout::text::{Align, Span, fit};
use crate::pack::{Domain, Pack, Question};
use crate::template::Template;

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
        .filter_map(|(d, q)| card_overflow(&g, t, pack, d, q))
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
                    draw_back(b, &g, t, r, d, pack)?;
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
    let p = p.role(Role::Artifact);
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
        .filter_map(|(d, q)| card_overflow(&g, t, pack, d, q))
        .collect())
}
