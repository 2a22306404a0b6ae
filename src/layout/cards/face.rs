//! What goes on one card: the front (domain, code, the question fitted as large as it goes,
//! the stage) and the back (domain, belief line, pack title).

use super::*;
use crate::fonts::Face;
use crate::layout::frame::{Frame, Paint, Point, Rect, Role, to_mm};
use crate::layout::text::{Align, Paragraph, Span, Words, fit, fit_with};
use crate::pack::{Domain, Pack, Question, Rgb, Setting};
use crate::template::Template;

/// The small label at the foot of a front: the stage name, or the setting's name for questions
/// without a stage (office).
pub fn stage_label(pack: &Pack, q: &Question) -> String {
    let stage = match q.stage.and_then(|i| pack.stages.get(i)) {
        Some(s) => s.name.clone(),
        None => pack
            .setting_info(Setting::Office)
            .map_or_else(|| pack.labels.get("setting.office"), |s| s.name.clone()),
    };
    // Core questions say so, so a short session can pick them out of a whole deck.
    if q.core {
        pack.labels.fill("cards.core", &[("stage", &stage)])
    } else {
        stage
    }
}

/// The follow-up's size as a share of the question's.
const FOLLOW_RATIO: f32 = 0.75;

/// The follow-up's size for a question at `size`: [`FOLLOW_RATIO`] of it, but never under the
/// template's small size (the size of every label; the body size in large print) unless the
/// question itself is smaller.
fn follow_size(t: &Template, size: f32) -> f32 {
    (size * FOLLOW_RATIO).max(t.type_scale.small.min(size))
}

/// A front, measured: the sizes its parts are set at and where they go. Nothing is wrapped
/// until the front is drawn, so checking a pack's cards makes no lines.
pub(super) struct FrontFit {
    /// The size of the domain name and the code on the top line.
    head_size: f32,
    /// The width the domain name may take beside the code.
    name_w: f32,
    question_size: f32,
    inner: Rect,
    area: Rect,
}

/// The face of a front's top line (the code and the domain name), measured in it by
/// [`measure_front`] and drawn in it by [`FrontFit::parts`].
const HEAD_FACE: Face = Face::Bold;

/// The face of the question and its follow-up.
const QUESTION_FACE: Face = Face::Regular;

/// The spans of a front's top line: the code and the domain name.
fn head_spans(domain: &Domain, q: &Question) -> ([Span; 1], [Span; 1]) {
    (
        [Span::new(HEAD_FACE, q.code.clone())],
        [Span::new(HEAD_FACE, domain.name.clone())],
    )
}

/// The spans of a question and of its follow-up.
fn question_spans(q: &Question) -> ([Span; 1], Option<[Span; 1]>) {
    (
        [Span::new(QUESTION_FACE, q.text.clone())],
        q.follow_up
            .as_ref()
            .map(|f| [Span::new(QUESTION_FACE, f.clone())]),
    )
}

/// Why a question does not fit on a card of `g` with its own stage label, if it does not. It is
/// tried at the smallest size only, since one that fits there fits at some size: the largest is
/// found once, when the front is drawn. `check`, the deck before it draws anything, and the
/// search for a grid that fits all ask here.
pub(super) fn card_overflow(
    g: &Geometry,
    t: &Template,
    pack: &Pack,
    domain: &Domain,
    q: &Question,
) -> Option<Overflow> {
    let label = stage_label(pack, q);
    measure_front(g, t, g.cell(0), domain, q, &label, g.text_min_pt).err()
}

/// Measures a front at the largest size from `max_pt` down at which its question fits, or says
/// why it does not fit even at the smallest.
fn measure_front(
    g: &Geometry,
    t: &Template,
    cell: Rect,
    domain: &Domain,
    q: &Question,
    label: &str,
    max_pt: f32,
) -> Result<FrontFit, Overflow> {
    let small = t.type_scale.small;
    let inner = cell.inset(g.card_margin);
    // The domain name and the code share the top line; on narrow cards both shrink a little
    // (to 80%) before the name is allowed to wrap.
    // Measured without making the spans (see `head_spans`, `question_spans`).
    let code_words = Words::plain(HEAD_FACE, &q.code);
    let name_words = Words::plain(HEAD_FACE, &domain.name);
    let head_line = |size: f32| {
        let code = code_words.shape(size, 1.2, inner.w);
        let name_w = (inner.w - code.widest - size).max(size);
        (name_words.shape(size, 1.2, name_w), code, name_w)
    };
    let mut head_size = small;
    let (name, code, name_w) = loop {
        let (name, code, name_w) = head_line(head_size);
        if name.lines == 1 || head_size <= small * 0.8 + 1e-3 {
            break (name, code, name_w);
        }
        head_size = (head_size - 0.5).max(small * 0.8);
    };
    let label = Words::plain(t.italic(), label).shape(small, 1.2, inner.w);
    let gap = small * 0.7;
    let head = name.height.max(code.height);
    let area = Rect::new(
        inner.x,
        inner.y + head + gap,
        inner.w,
        inner.h - head - label.height - 2.0 * gap,
    );
    // The question and its follow-up (see `follow_size`) fitted together, their words measured
    // once for every size tried.
    let question_words = Words::plain(QUESTION_FACE, &q.text);
    let follow_words = q
        .follow_up
        .as_deref()
        .map(|f| Words::plain(QUESTION_FACE, f));
    let fitted = if area.h > 0.0 && area.w > 0.0 {
        // Measured at each size tried (no lines made), then laid out once at the size found.
        fit_with(max_pt, g.text_min_pt, |size| {
            let (qh, qw) = question_words.extent(size, t.leading, area.w)?;
            let follow = match &follow_words {
                Some(f) => Some(f.extent(follow_size(t, size), t.leading, area.w)?),
                None => None,
            };
            let h = qh + follow.map_or(0.0, |(fh, _)| size * 0.4 + fh);
            let wide = qw.max(follow.map_or(0.0, |(_, fw)| fw));
            (h <= area.h + 1e-3 && wide <= area.w + 1e-3).then_some(size)
        })
    } else {
        None
    };
    match fitted {
        Some(question_size) => Ok(FrontFit {
            head_size,
            name_w,
            question_size,
            inner,
            area,
        }),
        None => {
            let min = g.text_min_pt;
            // A word wider than the card is the reason when there is one: words are never split.
            let too_wide = std::iter::once(question_words.widest_word(min))
                .chain(
                    follow_words
                        .as_ref()
                        .map(|f| f.widest_word(follow_size(t, min))),
                )
                .flatten()
                .filter(|(_, w)| *w > area.w + 1e-3)
                .max_by(|a, b| a.1.total_cmp(&b.1));
            let (word, needed_mm, available_mm) = match too_wide {
                Some((word, w)) => (Some(word), to_mm(w), to_mm(area.w.max(0.0))),
                None => {
                    let w = area.w.max(1.0);
                    let q = question_words.shape(min, t.leading, w);
                    let f = follow_words
                        .as_ref()
                        .map(|f| f.shape(follow_size(t, min), t.leading, w));
                    let needed = q.height + f.map_or(0.0, |f| min * 0.4 + f.height);
                    (None, to_mm(needed), to_mm(area.h.max(0.0)))
                }
            };
            Err(Overflow {
                question_id: q.id.clone(),
                location: q.location.clone(),
                per_page: g.per_page,
                min_pt: min,
                word,
                needed_mm,
                available_mm,
            })
        }
    }
}

/// A front's parts, wrapped at the sizes measured.
struct FrontParts {
    name: Paragraph,
    code: Paragraph,
    label: Paragraph,
    question: Paragraph,
    /// The follow-up ask, smaller, beneath the question.
    follow: Option<Paragraph>,
    inner: Rect,
    area: Rect,
}

impl FrontFit {
    fn parts(&self, t: &Template, domain: &Domain, q: &Question, label: &str) -> FrontParts {
        let (code, name) = head_spans(domain, q);
        let (question, follow) = question_spans(q);
        let (size, w) = (self.question_size, self.area.w);
        FrontParts {
            name: Paragraph::new(&name, self.head_size, 1.2, self.name_w),
            code: Paragraph::new(&code, self.head_size, 1.2, self.inner.w),
            label: Paragraph::new(
                &[Span::new(t.italic(), label)],
                t.type_scale.small,
                1.2,
                self.inner.w,
            ),
            question: Paragraph::new(&question, size, t.leading, w),
            follow: follow.map(|f| Paragraph::new(&f, follow_size(t, size), t.leading, w)),
            inner: self.inner,
            area: self.area,
        }
    }
}

/// Whether a question fits on a card of `g` (with its own stage label).
pub fn fits(g: &Geometry, t: &Template, pack: &Pack, domain: &Domain, q: &Question) -> bool {
    card_overflow(g, t, pack, domain, q).is_none()
}

/// Draws the front of one card in `cell`: a band in the domain colour along the top (running
/// past the cut line by the bleed), the domain name and the card code in small type, the
/// question as large as fits and centred, and the stage at the foot. Returns the question's
/// type size, or the overflow when it does not fit even at the smallest size.
pub fn draw_front(
    page: &mut Frame,
    g: &Geometry,
    t: &Template,
    cell: Rect,
    domain: &Domain,
    q: &Question,
    label: &str,
) -> Result<f32, Overflow> {
    let fit = measure_front(g, t, cell, domain, q, label, g.text_max_pt)?;
    let p = fit.parts(t, domain, q, label);
    // Each front is a section of its own, read in order: domain, code, question, stage.
    let mut card = Frame::with_role(page.width, page.height, Role::Section);
    let frame = &mut card;
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
    let size = p.question.size;
    let total = p.question.height() + p.follow.as_ref().map_or(0.0, |f| size * 0.4 + f.height());
    let top = p.area.y + (p.area.h - total) / 2.0;
    let y = top
        + p.question
            .place(frame, p.area.x, top, p.area.w, Align::Centre, t.text);
    if let Some(f) = &p.follow {
        f.place(
            frame,
            p.area.x,
            y + size * 0.4,
            p.area.w,
            Align::Centre,
            t.muted,
        );
    }
    p.label.place(
        frame,
        inner.x,
        inner.bottom() - p.label.height(),
        inner.w,
        Align::Left,
        t.muted,
    );
    page.push_frame(Point::default(), card);
    Ok(p.question.size)
}

/// Draws the back of a card of `domain` in `rect`: the domain colour over the whole card (plus
/// bleed), the domain name, its belief line and the pack title, in black or white, whichever
/// reads better (at least 4.5:1). With low ink the back is white, with a thin band and an
/// outline in the colour, the name in its darker shade and the rest in the text colours.
pub fn draw_back(
    page: &mut Frame,
    g: &Geometry,
    t: &Template,
    rect: Rect,
    domain: &Domain,
    pack: &Pack,
) -> Result<(), CardError> {
    // Backs repeat the domain: an artifact, so a reader hears each card once.
    let mut back = Frame::with_role(page.width, page.height, Role::Artifact);
    let frame = &mut back;
    let (accent, ink, muted) = if t.low_ink() {
        // Low ink: white, with the front's thin band along the top and an outline inside the
        // cut line; the name in the colour's darker shade.
        let b = g.bleed;
        let band = Rect::new(
            rect.x - b,
            rect.y - b,
            rect.w + 2.0 * b,
            g.card_margin * 0.5 + b,
        );
        frame.rect(band, 0.0, Paint::fill(domain.colour));
        let edge = rect.inset(g.card_margin * 0.5);
        frame.rect(edge, 0.0, Paint::stroke(domain.colour, 0.8));
        (domain.colour.on_white(), t.text, t.muted)
    } else {
        let mut bg = domain.colour;
        let mut ink = bg.text_colour();
        if bg.contrast(ink) < 4.5 {
            bg = bg.on_white();
            ink = Rgb::WHITE;
        }
        frame.rect(g.with_bleed(rect), 0.0, Paint::fill(bg));
        (ink, ink, ink)
    };
    let small = t.type_scale.small;
    let inner = rect.inset(g.card_margin);
    let too_big = || CardError::BackOverflow {
        domain: domain.id.clone(),
        per_page: g.per_page,
    };
    let title = Paragraph::new(
        &[Span::new(Face::Regular, pack.title.clone())],
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
        &[Span::new(t.italic(), pack.labels.belief(&domain.belief))],
        inner.w,
        room - name.height() - gap,
        g.text_max_pt * 0.9,
        small,
        t.leading,
    )
    .ok_or_else(too_big)?;
    let block = name.height() + gap + belief.height();
    let top = inner.y + (room - block) / 2.0;
    name.place(frame, inner.x, top, inner.w, Align::Centre, accent);
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
        muted,
    );
    page.push_frame(Point::default(), back);
    Ok(())
}
