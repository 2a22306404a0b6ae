//! What a one-domain sheet is made of, for the team handout and the supervision sheet alike:
//! questions ([`Ask`]) in [`Section`]s, a self-rating of the belief line ([`Rating`]) and the
//! words around them ([`Sheet`]). `handout` lays a sheet out.

use super::flow::Block;
use super::frame::{Frame, Paint, Point, Rect, Role, Text};
use super::text::{Align, Paragraph, Span};
use crate::fonts::Face;
use crate::pack::{Domain, Pack};
use crate::template::Template;

/// One question on a sheet: its id (for the field name), text and follow-up.
#[derive(Debug, Clone)]
pub struct Ask {
    pub id: String,
    /// Where the question is written, for messages.
    pub location: Option<crate::diag::Location>,
    pub text: String,
    pub follow_up: Option<String>,
}

/// A run of questions under an optional heading (a stage, or a part of the supervision sheet).
#[derive(Debug, Clone)]
pub struct Section {
    pub heading: Option<String>,
    /// A short line beside or under the heading.
    pub summary: String,
    pub asks: Vec<Ask>,
}

/// The self-rating of a belief line on a 1 to 5 scale.
#[derive(Debug, Clone)]
pub struct Rating {
    /// "How true is this for you right now?"
    pub prompt: String,
    /// The words under 1 and under 5.
    pub low: String,
    pub high: String,
}

/// Everything a one-domain sheet prints besides the domain itself: the team handout and the
/// supervision sheet are both sheets.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The small capitals line at the top of the band.
    pub kicker: String,
    pub summary: Option<String>,
    /// How to use the sheet, in italics under the summary.
    pub how: Option<String>,
    pub rating: Option<Rating>,
    /// The rating goes before this section (0: before the first).
    pub rating_before: usize,
    pub sections: Vec<Section>,
    pub notes_title: String,
    /// The last part of the notes field's name (`acceptance.notes`).
    pub notes_id: String,
}

impl Ask {
    pub fn from_question(q: &crate::pack::Question) -> Ask {
        Ask {
            id: q.id.clone(),
            location: Some(q.location.clone()),
            text: q.text.clone(),
            follow_up: q.follow_up.clone(),
        }
    }
}

/// The self-rating block: the prompt and the belief line on the left, five numbered boxes to
/// tick on the right with the words for 1 and 5 beneath them.
pub(super) fn rating_block<'a>(
    t: &Template,
    domain: &Domain,
    r: &Rating,
    accent: crate::pack::Rgb,
) -> Block<'a> {
    let c = t.content_rect();
    let ts = t.type_scale;
    let box_w = ts.body * 2.2;
    let scale_w = box_w * 5.0 + ts.body * 0.4 * 4.0;
    let left_w = c.w - scale_w - ts.body * 2.0;
    let prompt = Paragraph::new(
        &[Span::new(Face::Bold, r.prompt.clone())],
        ts.body,
        t.leading,
        left_w,
    );
    let belief = Paragraph::new(
        &[Span::new(Face::Regular, format!("“{}”", domain.belief))],
        ts.body,
        t.leading,
        left_w,
    );
    let words_size = ts.small;
    let low = Paragraph::new(
        &[Span::new(Face::Regular, r.low.clone())],
        words_size,
        1.2,
        scale_w * 0.5,
    );
    let high = Paragraph::new(
        &[Span::new(Face::Regular, r.high.clone())],
        words_size,
        1.2,
        scale_w * 0.5,
    );
    let left_h = prompt.height() + ts.body * 0.2 + belief.height();
    let right_h = box_w + ts.small * 0.4 + low.height().max(high.height());
    let pad = ts.body * 0.6;
    let h = left_h.max(right_h) + 2.0 * pad;
    let (text, muted, rule) = (t.text, t.muted, t.rule);
    Block::new(h + ts.body * 0.8, move |f, top| {
        let mut frame = Frame::with_role(c.w, h, Role::Section);
        frame.rect(Rect::new(0.0, 0.0, c.w, h), 6.0, Paint::stroke(rule, 0.8));
        let y = pad + prompt.place(&mut frame, pad, pad, left_w, Align::Left, text);
        belief.place(
            &mut frame,
            pad,
            y + ts.body * 0.2,
            left_w,
            Align::Left,
            accent,
        );
        let x0 = c.w - pad - scale_w;
        for k in 0..5 {
            let x = x0 + k as f32 * (box_w + ts.body * 0.4);
            frame.rect(
                Rect::new(x, pad, box_w, box_w),
                3.0,
                Paint::stroke(accent, 1.0),
            );
            let n = Text::new((k + 1).to_string(), Face::Bold, ts.body, muted);
            let m = Face::Bold.metrics();
            // Each number is a paragraph of its own, so a reader says "1, 2, 3", not "12345".
            let mut number = Frame::with_role(box_w, box_w, Role::Paragraph);
            number.text(
                (box_w - n.width) / 2.0,
                box_w / 2.0 + m.cap_height_pt(ts.body) / 2.0,
                n,
            );
            frame.push_frame(Point::new(x, pad), number);
        }
        let wy = pad + box_w + ts.small * 0.4;
        low.place(&mut frame, x0, wy, scale_w * 0.5, Align::Left, muted);
        high.place(
            &mut frame,
            x0 + scale_w * 0.5,
            wy,
            scale_w * 0.5,
            Align::Right,
            muted,
        );
        f.push_frame(Point::new(c.x, top), frame);
    })
}

/// The rating scale's words, from the pack's labels.
pub fn rating(pack: &Pack) -> Rating {
    Rating {
        prompt: pack.labels.get("rating.prompt"),
        low: pack.labels.get("rating.low"),
        high: pack.labels.get("rating.high"),
    }
}
