//! Page furniture shared by every output: the edition stamp and the footer (citation line,
//! edition stamp, page number). Handouts, the guide and the action plan draw the footer; cue
//! cards and the poster print the edition stamp in their own places. Also the domain's title
//! band, filled or (low ink) outlined.
//!
//! The footer is an artifact for screen readers: it repeats on every page.

use super::frame::{Frame, Paint, Point, Rect, Role};
use super::text::{Align, Paragraph, Span};
use crate::fonts::Face;
use crate::pack::{Pack, Rgb};
use crate::template::Template;

/// The edition stamp: "The Team as a Secure Base · team-secure-base 1.1 · 2026-11-23".
pub fn edition_stamp(pack: &Pack, date: Option<&str>) -> String {
    let mut s = format!("{} · {} {}", pack.title, pack.id, pack.version);
    if let Some(d) = date {
        s.push_str(&format!(" · {d}"));
    }
    s
}

/// Paints a title band in a domain colour into `r` (the handout's): filled with the colour, or
/// with low ink an outline and a thin strip down its left side, inside `pad`. Returns the
/// colours for its title and for its other words: black or white on the fill, or on white paper
/// the colour's darker shade and the text colour, so contrast stays at 4.5:1 or more.
pub fn domain_band(f: &mut Frame, t: &Template, r: Rect, pad: f32, colour: Rgb) -> (Rgb, Rgb) {
    let radius = 6.0;
    if t.low_ink() {
        f.rect(r, radius, Paint::stroke(colour, 1.2));
        let strip = Rect::new(
            r.x + pad * 0.3,
            r.y + pad * 0.6,
            pad * 0.25,
            r.h - pad * 1.2,
        );
        f.rect(strip, pad * 0.125, Paint::fill(colour));
        (colour.on_white(), t.text)
    } else {
        f.rect(r, radius, Paint::fill(colour));
        (colour.text_colour(), colour.text_colour())
    }
}

/// The footer's two paragraphs: the citation line, and the edition stamp, which leaves room at
/// its right for the page label (measured as "Page 88 of 88", so every page has the same footer).
fn footer_lines(t: &Template, pack: &Pack, date: Option<&str>) -> (Paragraph, Paragraph) {
    let w = t.content_rect().w;
    let size = t.type_scale.footer;
    let widest_label = page_label(pack, 87, 88);
    let label_room = Face::Bold.metrics().width(&widest_label, size) + size;
    (
        Paragraph::new(
            &[Span::new(t.italic(), pack.footer_citation.clone())],
            size,
            1.25,
            w,
        ),
        Paragraph::new(
            &[Span::new(Face::Regular, edition_stamp(pack, date))],
            size,
            1.25,
            (w - label_room).min(w * 0.75),
        ),
    )
}

/// "Page 3 of 5"; `page` counts from 0.
fn page_label(pack: &Pack, page: usize, pages: usize) -> String {
    pack.labels.fill(
        "footer.page",
        &[
            ("page", &(page + 1).to_string()),
            ("pages", &pages.to_string()),
        ],
    )
}

/// The height of the footer, rule included.
pub fn footer_height(t: &Template, pack: &Pack, date: Option<&str>) -> f32 {
    let size = t.type_scale.footer;
    let (cite, stamp) = footer_lines(t, pack, date);
    size * 0.5 + cite.height() + size * 0.25 + stamp.height()
}

/// Draws the footer (citation; edition and "Page i of n") at the bottom of the content area of
/// `page`, as one artifact, at the template's footer size (the body size in large print). `page` counts from 0. Returns the height it takes.
pub fn footer(
    frame: &mut Frame,
    t: &Template,
    pack: &Pack,
    date: Option<&str>,
    page: usize,
    pages: usize,
) -> f32 {
    let c = t.content_rect();
    let size = t.type_scale.footer;
    let (cite, stamp) = footer_lines(t, pack, date);
    let page_label = page_label(pack, page, pages);
    let h = footer_height(t, pack, date);
    let mut f = Frame::with_role(c.w, h, Role::Artifact);
    f.line((0.0, 0.0), (c.w, 0.0), t.rule, 0.5);
    let y = size * 0.5;
    let used = cite.place(&mut f, 0.0, y, c.w, Align::Left, t.muted);
    let y2 = y + used + size * 0.25;
    stamp.place(&mut f, 0.0, y2, c.w, Align::Left, t.muted);
    Paragraph::new(&[Span::new(Face::Bold, page_label)], size, 1.25, c.w).place(
        &mut f,
        0.0,
        y2,
        c.w,
        Align::Right,
        t.muted,
    );
    frame.push_frame(Point::new(c.x, c.bottom() - h), f);
    h
}
