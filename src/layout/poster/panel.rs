//! One domain's panel (name, belief line, ideas to try) and where the five panels go.

use crate::fonts::Face;
use crate::layout::frame::{Frame, Point, Rect, Role};
use crate::layout::text::{Align, Paragraph, Span};
use crate::pack::{Domain, Labels, Rgb};

pub(super) struct PanelText {
    name: Paragraph,
    belief: Paragraph,
    heading: Paragraph,
    ideas: Vec<Paragraph>,
    pub(super) k: f32,
    bullet_w: f32,
}

const BULLET: &str = "•";

impl PanelText {
    pub(super) fn new(
        d: &Domain,
        labels: &Labels,
        italic: Face,
        ideas: &[String],
        heading: &str,
        k: f32,
        w: f32,
    ) -> PanelText {
        let bullet_w = Face::Regular.metrics().width(BULLET, k) + 0.6 * k;
        PanelText {
            name: Paragraph::new(&[Span::new(Face::Bold, d.name.clone())], k * 1.7, 1.1, w)
                .role(Role::Heading(2)),
            belief: Paragraph::new(
                &[Span::new(italic, labels.belief(&d.belief))],
                k * 1.25,
                1.2,
                w,
            ),
            heading: Paragraph::new(&[Span::new(Face::Bold, heading)], k, 1.25, w)
                .role(Role::Heading(3)),
            ideas: ideas
                .iter()
                .map(|i| {
                    Paragraph::new(&[Span::new(Face::Regular, i.clone())], k, 1.3, w - bullet_w)
                        .role(Role::ListBody)
                })
                .collect(),
            k,
            bullet_w,
        }
    }

    /// Space between the belief and the heading, where the rule goes.
    fn rule_space(&self) -> f32 {
        1.6 * self.k
    }

    fn height(&self) -> f32 {
        let k = self.k;
        let ideas: f32 = self.ideas.iter().map(Paragraph::height).sum::<f32>()
            + 0.45 * k * self.ideas.len().saturating_sub(1) as f32;
        self.name.height()
            + 0.4 * k
            + self.belief.height()
            + self.rule_space()
            + self.heading.height()
            + 0.5 * k
            + ideas
    }

    fn widest(&self) -> f32 {
        let ideas = self
            .ideas
            .iter()
            .map(|p| p.widest() + self.bullet_w)
            .fold(0.0, f32::max);
        self.name
            .widest()
            .max(self.belief.widest())
            .max(self.heading.widest())
            .max(ideas)
    }

    /// Whether the panel's text fits `inner` at its size, with no word too wide for its line.
    pub(super) fn fits(&self, inner: &Rect) -> bool {
        let whole = [&self.name, &self.belief, &self.heading]
            .into_iter()
            .chain(&self.ideas)
            .all(|p| !p.shrunk());
        whole && self.height() <= inner.h + 1e-3 && self.widest() <= inner.w + 1e-3
    }

    /// Places the panel's words in `inner`: the name in `accent`, the rest in `colour`.
    pub(super) fn place(
        &self,
        f: &mut Frame,
        inner: Rect,
        (accent, colour): (Rgb, Rgb),
        rule_w: f32,
    ) {
        let k = self.k;
        let mut y = inner.y;
        y += self.name.place(f, inner.x, y, inner.w, Align::Left, accent);
        y += 0.4 * k;
        y += self
            .belief
            .place(f, inner.x, y, inner.w, Align::Left, colour);
        let ry = y + self.rule_space() / 2.0;
        f.line((inner.x, ry), (inner.x + inner.w * 0.3, ry), accent, rule_w);
        y += self.rule_space();
        y += self
            .heading
            .place(f, inner.x, y, inner.w, Align::Left, colour);
        y += 0.5 * k;
        for (i, p) in self.ideas.iter().enumerate() {
            if i > 0 {
                y += 0.45 * k;
            }
            // A list item: the bullet is its label, the idea its body.
            let mut item = Frame::with_role(inner.w, p.height(), Role::ListItem);
            Paragraph::new(&[Span::new(Face::Regular, BULLET)], k, 1.3, self.bullet_w)
                .role(Role::Label)
                .place(&mut item, 0.0, 0.0, self.bullet_w, Align::Left, colour);
            let h = p.place(
                &mut item,
                self.bullet_w,
                0.0,
                inner.w - self.bullet_w,
                Align::Left,
                colour,
            );
            f.push_frame(Point::new(inner.x, y), item);
            y += h;
        }
    }
}

/// The five panel places and the central circle (cx, cy, r) in the diagram area `a`.
///
/// Portrait, a pentagon round the circle: one panel at the top, one each side of the circle,
/// two below. Landscape, three columns: three panels on top, the circle between two below.
/// Places go clockwise from the top.
pub(super) fn places(
    a: Rect,
    landscape: bool,
    gap: f32,
    r_pref: f32,
) -> ([Rect; 5], (f32, f32, f32)) {
    if landscape {
        let pw = (a.w - 2.0 * gap) / 3.0;
        let ph = (a.h - gap) / 2.0;
        let r = r_pref.min(0.45 * ph).min(0.45 * pw);
        let col = |c: f32| a.x + c * (pw + gap);
        let row = |r: f32| a.y + r * (ph + gap);
        let cell = |c: f32, r: f32| Rect::new(col(c), row(r), pw, ph);
        (
            [
                cell(1.0, 0.0),
                cell(2.0, 0.0),
                cell(2.0, 1.0),
                cell(0.0, 1.0),
                cell(0.0, 0.0),
            ],
            (a.x + a.w / 2.0, row(1.0) + ph / 2.0, r),
        )
    } else {
        let ph = (a.h - 2.0 * gap) / 3.0;
        let r = r_pref.min(0.45 * ph);
        let pw = (a.w - 2.0 * r - 2.0 * gap) / 2.0;
        let cx = a.x + a.w / 2.0;
        let y1 = a.y + ph + gap;
        let y2 = y1 + ph + gap;
        (
            [
                Rect::new(cx - pw / 2.0, a.y, pw, ph),
                Rect::new(a.right() - pw, y1, pw, ph),
                Rect::new(cx + gap / 2.0, y2, pw, ph),
                Rect::new(cx - gap / 2.0 - pw, y2, pw, ph),
                Rect::new(a.x, y1, pw, ph),
            ],
            (cx, y1 + ph / 2.0, r),
        )
    }
}
