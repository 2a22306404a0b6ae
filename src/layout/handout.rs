//! The single-domain handout: a title band in the domain colour with the name and belief line, a
//! short summary, the questions (grouped by stage for online and hybrid) each with ruled lines to
//! write on, a "notes and agreed actions" box, and a footer with the citation.
//!
//! It aims for at most two pages: when the questions would need more, it gives each question
//! fewer writing lines (down to one) before it adds a page, and says so.

use super::chrome::{footer, footer_height};
use super::flow::{Area, Block, paginate, room_after_last};
use super::frame::{Frame, Paint, Point, Rect, Role, Text};
use super::text::{Align, Paragraph, Span};
use crate::fonts::Face;
use crate::pack::{Domain, Pack, Setting, select};

use crate::template::Template;

/// What to put on a handout beyond the domain.
#[derive(Debug, Clone, Default)]
pub struct HandoutOptions {
    pub setting: Option<Setting>,
    /// Index into `Pack::stages`.
    pub stage: Option<usize>,
    /// Writing lines asked for after each question.
    pub lines: u8,
    /// The most pages to aim for before adding pages (2 for the default pack).
    pub max_pages: usize,
    /// A participant's name for a personal copy.
    pub participant: Option<String>,
    pub team: Option<String>,
    /// `YYYY-MM-DD`, printed in the footer with the edition.
    pub date: Option<String>,
}

/// A laid-out handout.
#[derive(Debug, Clone)]
pub struct Handout {
    pub pages: Vec<Frame>,
    /// Writing lines per question actually used.
    pub lines_used: u8,
    pub questions: usize,
}

fn band_height(t: &Template, belief: &Paragraph, title: &Paragraph) -> f32 {
    let ts = &t.type_scale;
    let pad = ts.body;
    pad + ts.small * 1.3 + title.height() + ts.small * 0.6 + belief.height() + pad
}

/// Lays out one domain's handout.
pub fn handout(pack: &Pack, domain: &Domain, t: &Template, opts: &HandoutOptions) -> Handout {
    let setting = opts.setting.unwrap_or(Setting::Hybrid);
    let mut lines = opts.lines;
    loop {
        let h = handout_with_lines(pack, domain, t, opts, setting, lines);
        if h.pages.len() <= opts.max_pages.max(1) || lines <= 1 {
            return h;
        }
        lines -= 1;
    }
}

fn handout_with_lines(
    pack: &Pack,
    domain: &Domain,
    t: &Template,
    opts: &HandoutOptions,
    setting: Setting,
    lines: u8,
) -> Handout {
    let (pw, ph) = t.page_size();
    let c = t.content_rect();
    let ts = t.type_scale;
    let lead = t.leading;
    let accent = domain.colour.on_white();
    let on_band = domain.colour.text_colour();
    let date = opts.date.as_deref();

    // The title band.
    let setting_name = pack
        .setting_info(setting)
        .map_or(setting.id().to_string(), |s| s.name.clone());
    let mut label = format!(
        "{} · {}",
        pack.title.to_uppercase(),
        setting_name.to_uppercase()
    );
    if let Some(st) = opts.stage.and_then(|i| pack.stages.get(i)) {
        label.push_str(&format!(" · {}", st.name.to_uppercase()));
    }
    let pad = ts.body;
    let inner_w = c.w - 2.0 * pad;
    let who = match (&opts.participant, &opts.team) {
        (Some(p), _) => Some(p.clone()),
        (None, Some(team)) => Some(team.clone()),
        _ => None,
    };
    let who_para = who.as_ref().map(|w| {
        Paragraph::new(
            &[Span::new(Face::Bold, w.clone())],
            ts.small,
            1.2,
            inner_w * 0.4,
        )
    });
    let label_w = inner_w
        - who_para
            .as_ref()
            .map_or(0.0, |p| p.widest() + ts.small * 2.0);
    let label_para = Paragraph::new(&[Span::new(Face::Bold, label)], ts.small, 1.3, label_w);
    let title = Paragraph::new(
        &[Span::new(Face::Bold, domain.name.clone())],
        ts.title,
        1.1,
        inner_w,
    )
    .role(Role::Heading(1));
    let belief = Paragraph::new(
        &[Span::new(Face::Italic, pack.labels.belief(&domain.belief))],
        ts.belief,
        1.25,
        inner_w,
    );
    let band_h = band_height(t, &belief, &title) + (label_para.height() - ts.small * 1.3).max(0.0);
    let mut blocks: Vec<Block> = Vec::new();
    {
        let (label_para, title, belief, who_para) = (label_para, title, belief, who_para);
        blocks.push(Block::new(band_h + ts.body * 0.9, move |f, top| {
            f.rect(
                Rect::new(c.x, top, c.w, band_h),
                6.0,
                Paint::fill(domain.colour),
            );
            let mut y = top + pad;
            label_para.place(
                f,
                c.x + pad,
                y - ts.small * 0.2,
                inner_w,
                Align::Left,
                on_band,
            );
            if let Some(w) = &who_para {
                w.place(
                    f,
                    c.x + pad,
                    y - ts.small * 0.2,
                    inner_w,
                    Align::Right,
                    on_band,
                );
            }
            y += label_para.height().max(ts.small * 1.3);
            y += title.place(f, c.x + pad, y, inner_w, Align::Left, on_band);
            y += ts.small * 0.6;
            belief.place(f, c.x + pad, y, inner_w, Align::Left, on_band);
        }));
    }

    // Summary and how to use it.
    let summary = Paragraph::new(
        &[Span::new(Face::Regular, domain.summary.clone())],
        ts.body,
        lead,
        c.w,
    );
    let how = Paragraph::new(
        &[Span::new(Face::Italic, pack.labels.get("handout.how"))],
        ts.small,
        lead,
        c.w,
    );
    let sh = summary.height() + ts.body * 0.4 + how.height() + ts.body * 0.9;
    {
        let text = t.text;
        let muted = t.muted;
        blocks.push(Block::new(sh, move |f, top| {
            let y = top + summary.place(f, c.x, top, c.w, Align::Left, text) + ts.body * 0.4;
            how.place(f, c.x, y, c.w, Align::Left, muted);
        }));
    }

    // Questions.
    let groups = select::groups(pack, domain, setting, opts.stage);
    let num_w = Face::Bold.metrics().width("00.", ts.body) + ts.body * 0.5;
    let text_w = c.w - num_w;
    let gap = t.writing_line_gap_pt;
    let mut number = 0;
    for g in &groups {
        if let Some(si) = g.stage {
            let st = &pack.stages[si];
            let head = Paragraph::new(
                &[Span::new(Face::Bold, format!("{}. {}", si + 1, st.name))],
                ts.heading,
                1.2,
                c.w,
            )
            .role(Role::Heading(2));
            let sub = Paragraph::new(
                &[Span::new(Face::Italic, st.summary.clone())],
                ts.small,
                lead,
                c.w,
            );
            // The stage's one-line summary sits at the right of its heading when there is room.
            let inline = head.lines.len() == 1
                && sub.lines.len() == 1
                && head.widest() + sub.widest() + ts.body * 2.0 <= c.w;
            let text_h = if inline {
                head.height()
            } else {
                head.height() + ts.small * 0.2 + sub.height()
            };
            let hh = ts.body * 0.2 + text_h + ts.body * 0.7;
            let muted = t.muted;
            blocks.push(
                Block::new(hh, move |f, top| {
                    let y = top + ts.body * 0.2;
                    head.place(f, c.x, y, c.w, Align::Left, accent);
                    let y = if inline {
                        // Same baseline as the heading.
                        let m = Face::Regular.metrics();
                        let base = y + m.ascent_pt(ts.heading);
                        sub.place(
                            f,
                            c.x,
                            base - m.ascent_pt(ts.small),
                            c.w,
                            Align::Right,
                            muted,
                        );
                        y + text_h
                    } else {
                        let y = y + head.height() + ts.small * 0.2;
                        y + sub.place(f, c.x, y, c.w, Align::Left, muted)
                    };
                    f.line(
                        (c.x, y + ts.body * 0.3),
                        (c.right(), y + ts.body * 0.3),
                        accent,
                        1.0,
                    );
                })
                .keep_with_next(),
            );
        }
        for q in &g.questions {
            number += 1;
            let para = Paragraph::new(
                &[Span::new(Face::Regular, q.text.clone())],
                ts.body,
                lead,
                text_w,
            )
            .role(Role::ListBody);
            let num = Paragraph::new(
                &[Span::new(Face::Bold, format!("{number}."))],
                ts.body,
                lead,
                num_w,
            )
            .role(Role::Label);
            let after = ts.body * 0.5;
            let qh = para.height() + f32::from(lines) * gap + after;
            let (text, rule) = (t.text, t.rule);
            blocks.push(Block::new(qh, move |f, top| {
                // A list item: its number, its text, and the lines to write on (artifacts).
                let mut item = Frame::with_role(c.w, qh, Role::ListItem);
                num.place(&mut item, 0.0, 0.0, num_w, Align::Left, accent);
                let y = para.place(&mut item, num_w, 0.0, text_w, Align::Left, text);
                for k in 1..=lines {
                    let ly = y + f32::from(k) * gap;
                    item.line((num_w, ly), (c.w, ly), rule, 0.6);
                }
                f.push_frame(Point::new(c.x, top), item);
            }));
        }
    }

    // Notes and agreed actions.
    let notes_title = Paragraph::new(
        &[Span::new(Face::Bold, pack.labels.get("handout.notes"))],
        ts.heading,
        1.2,
        c.w,
    )
    .role(Role::Heading(2));
    let notes_min = t.notes_min_pt;
    let mut notes = Block::new(notes_min + ts.body * 0.5, |_, _| {});
    notes.grow = ph * 0.3;
    blocks.push(notes);

    let fh = footer_height(t, pack, date);
    let header_h = ts.small * 1.3 + ts.body * 1.2;
    let area = Area {
        first_top: c.y,
        rest_top: c.y + header_h,
        bottom: c.bottom() - fh - ts.body * 0.6,
    };
    let (placements, n_pages) = paginate(&blocks, area);
    // The notes box takes the room left on its page, up to its limit.
    let extra =
        room_after_last(&blocks, &placements, area).min(blocks.last().map_or(0.0, |b| b.grow));
    let notes_h = notes_min + extra;
    let last = blocks.len() - 1;
    blocks[last].draw = Box::new(move |f, top| {
        let r = Rect::new(c.x, top + ts.body * 0.5, c.w, notes_h);
        f.rect(r, 6.0, Paint::stroke(accent, 1.2));
        notes_title.place(
            f,
            r.x + ts.body,
            r.y + ts.body * 0.7,
            r.w - 2.0 * ts.body,
            Align::Left,
            accent,
        );
    });

    let mut pages: Vec<Frame> = (0..n_pages).map(|_| Frame::new(pw, ph)).collect();
    for (b, p) in blocks.iter().zip(&placements) {
        (b.draw)(&mut pages[p.page], p.top);
    }
    // Running header on later pages, and the footer on every page.
    let head_text = pack.labels.fill(
        "handout.running_head",
        &[("domain", &domain.name), ("belief", &domain.belief)],
    );
    for (i, page) in pages.iter_mut().enumerate() {
        if i > 0 {
            page.rect(
                Rect::new(c.x, c.y, 4.0, ts.small * 1.3),
                0.0,
                Paint::fill(domain.colour),
            );
            // Page furniture: text placed on the page outside any role is an artifact.
            page.text(
                c.x + 9.0,
                c.y + ts.small,
                Text::new(head_text.clone(), Face::Bold, ts.small, t.muted),
            );
        }
        footer(page, t, pack, date, i, n_pages);
    }
    Handout {
        pages,
        lines_used: lines,
        questions: number,
    }
}
