//! Flowing prose pages (the facilitator guide): headings, paragraphs, bullet lists and two-column
//! rows, stacked with page breaks, with the shared footer on every page.

use super::chrome::{footer, footer_height};
use super::flow::{Area, Block, TooTall, paginate};
use super::frame::{Frame, Paint, Point, Rect, Role};
use super::text::{Align, Paragraph, Span, markup};
use crate::fonts::Face;
use crate::pack::{Pack, Rgb};
use crate::template::Template;

/// Builds a run of prose blocks for the content area of a template.
pub struct Prose<'a> {
    pub t: &'a Template,
    blocks: Vec<Block<'a>>,
}

impl<'a> Prose<'a> {
    pub fn new(t: &'a Template) -> Prose<'a> {
        Prose {
            t,
            blocks: Vec::new(),
        }
    }

    fn width(&self) -> f32 {
        self.t.content_rect().w
    }

    /// A section heading, kept with what follows it.
    pub fn heading(&mut self, text: &str, colour: Rgb) {
        let ts = self.t.type_scale;
        let c = self.t.content_rect();
        let p = Paragraph::new(&[Span::new(Face::Bold, text)], ts.heading * 1.15, 1.2, c.w)
            .role(Role::Heading(2));
        let h = ts.body * 0.6 + p.height() + ts.body * 0.5;
        self.blocks.push(
            Block::new(h, move |f, top| {
                p.place(f, c.x, top + ts.body * 0.6, c.w, Align::Left, colour);
            })
            .keep_with_next(),
        );
    }

    /// A smaller heading, kept with what follows it.
    pub fn subheading(&mut self, text: &str, colour: Rgb) {
        let ts = self.t.type_scale;
        let c = self.t.content_rect();
        let p = Paragraph::new(&[Span::new(Face::Bold, text)], ts.body * 1.1, 1.2, c.w)
            .role(Role::Heading(3));
        let h = ts.body * 0.3 + p.height() + ts.body * 0.25;
        self.blocks.push(
            Block::new(h, move |f, top| {
                p.place(f, c.x, top + ts.body * 0.3, c.w, Align::Left, colour);
            })
            .keep_with_next(),
        );
    }

    /// A paragraph with `**bold**` and `*italic*` markup.
    pub fn para(&mut self, text: &str) {
        self.para_styled(text, Face::Regular, self.t.text, 0.0);
    }

    /// A paragraph in a face and colour, indented by `indent` points.
    pub fn para_styled(&mut self, text: &str, face: Face, colour: Rgb, indent: f32) {
        let ts = self.t.type_scale;
        let c = self.t.content_rect();
        let w = c.w - indent;
        let p = Paragraph::new(&markup(text, face), ts.body, self.t.leading, w);
        let h = p.height() + ts.body * 0.6;
        self.blocks.push(Block::new(h, move |f, top| {
            p.place(f, c.x + indent, top, w, Align::Left, colour);
        }));
    }

    /// A bulleted list; each item is kept whole.
    pub fn bullets(&mut self, items: &[String], bullet_colour: Rgb) {
        let ts = self.t.type_scale;
        let c = self.t.content_rect();
        let indent = ts.body * 1.4;
        let w = c.w - indent;
        let text = self.t.text;
        for it in items {
            let p = Paragraph::new(&markup(it, Face::Regular), ts.body, self.t.leading, w)
                .role(Role::ListBody);
            let h = p.height() + ts.body * 0.35;
            let dot = ts.body * 0.18;
            let asc = Face::Regular.metrics().ascent_pt(ts.body);
            let cap = Face::Regular.metrics().cap_height_pt(ts.body);
            self.blocks.push(Block::new(h, move |f, top| {
                // A list item whose bullet is a shape (an artifact): it has a body, no label.
                let mut item = Frame::with_role(c.w, h, Role::ListItem);
                item.circle(
                    indent * 0.35,
                    asc - cap / 2.0,
                    dot,
                    Paint::fill(bullet_colour),
                );
                p.place(&mut item, indent, 0.0, w, Align::Left, text);
                f.push_frame(Point::new(c.x, top), item);
            }));
        }
        if let Some(last) = self.blocks.last_mut() {
            last.height += ts.body * 0.35;
        }
    }

    /// A row with a label column (times, file names) and a text column.
    pub fn row(&mut self, label: &str, text: &str, label_w: f32, label_colour: Rgb) {
        let ts = self.t.type_scale;
        let c = self.t.content_rect();
        let lw = label_w.min(self.width() * 0.4);
        let tw = c.w - lw;
        let l = Paragraph::new(
            &[Span::new(Face::Bold, label)],
            ts.body,
            self.t.leading,
            lw - ts.body,
        )
        .role(Role::TableHeader);
        let p = Paragraph::new(&markup(text, Face::Regular), ts.body, self.t.leading, tw)
            .role(Role::TableCell);
        let h = l.height().max(p.height()) + ts.body * 0.55;
        let (text_c, rule) = (self.t.text, self.t.rule);
        self.blocks.push(Block::new(h, move |f, top| {
            // A table row: the label heads the row; consecutive rows make one table.
            let mut row = Frame::with_role(c.w, h, Role::TableRow);
            l.place(&mut row, 0.0, 0.0, lw - ts.body, Align::Left, label_colour);
            p.place(&mut row, lw, 0.0, tw, Align::Left, text_c);
            let y = h - ts.body * 0.3;
            row.line((0.0, y), (c.w, y), rule, 0.4);
            f.push_frame(Point::new(c.x, top), row);
        }));
    }

    /// A coloured card: a strip in `colour` with a bold title and a paragraph beside it.
    pub fn card(&mut self, title: &str, subtitle: &str, text: &str, colour: Rgb) {
        let ts = self.t.type_scale;
        let c = self.t.content_rect();
        let strip = ts.body * 0.5;
        let x = c.x + strip + ts.body * 0.8;
        let w = c.right() - x;
        let tt = Paragraph::new(&[Span::new(Face::Bold, title)], ts.body * 1.15, 1.2, w)
            .role(Role::Heading(3));
        let st = Paragraph::new(&[Span::new(Face::Italic, subtitle)], ts.body, 1.2, w);
        let p = Paragraph::new(&markup(text, Face::Regular), ts.body, self.t.leading, w);
        let inner = tt.height() + ts.body * 0.2 + st.height() + ts.body * 0.3 + p.height();
        let h = inner + ts.body * 0.9;
        let (accent, text_c) = (colour.on_white(), self.t.text);
        self.blocks.push(Block::new(h, move |f, top| {
            f.rect(
                Rect::new(c.x, top, strip, inner),
                strip / 2.0,
                Paint::fill(colour),
            );
            let mut y = top;
            y += tt.place(f, x, y, w, Align::Left, accent) + ts.body * 0.2;
            y += st.place(f, x, y, w, Align::Left, text_c) + ts.body * 0.3;
            p.place(f, x, y, w, Align::Left, text_c);
        }));
    }

    /// Lays the blocks out on pages, with the footer on each. `first_page_offset` pages come
    /// before these (a cover): they count in "Page i of n".
    pub fn finish(
        self,
        pack: &Pack,
        date: Option<&str>,
        first_page_offset: usize,
    ) -> Result<Vec<Frame>, TooTall> {
        let (pw, ph) = self.t.page_size();
        let c = self.t.content_rect();
        let fh = footer_height(self.t, pack, date);
        let area = Area {
            first_top: c.y,
            rest_top: c.y,
            bottom: c.bottom() - fh - self.t.type_scale.body * 0.6,
        };
        let blocks = self.blocks;
        let (placements, n) = paginate(&blocks, area)?;
        let mut pages: Vec<Frame> = (0..n).map(|_| Frame::new(pw, ph)).collect();
        for (b, p) in blocks.iter().zip(&placements) {
            (b.draw)(&mut pages[p.page], p.top);
        }
        let n = pages.len() + first_page_offset;
        for (i, p) in pages.iter_mut().enumerate() {
            footer(p, self.t, pack, date, i + first_page_offset, n);
        }
        Ok(pages)
    }
}
