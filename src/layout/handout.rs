//! The single-domain handout: a title band in the domain colour with the name and belief line, a
//! short summary, the questions (grouped by stage for online and hybrid) each with ruled lines to
//! write on, a "notes and agreed actions" box, and a footer with the citation.
//!
//! It aims for at most two pages: when the questions would need more, it gives each question
//! fewer writing lines (down to one) before it adds a page, and says so.

use super::chrome::{footer, footer_height};
use super::flow::{Area, Block, TooTall, paginate, room_after_last};
use super::frame::{Field, Frame, Paint, Point, Rect, Role, Text};
use super::text::{Align, Paragraph, Span};
use crate::fonts::Face;
use crate::pack::{Domain, Pack, Setting, select};

use crate::template::Template;

use super::sheet::rating_block;
pub use super::sheet::{Ask, Rating, Section, Sheet, rating};

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
    /// Put a fillable text field over each question's writing lines and in the notes box.
    pub fillable: bool,
    /// Only the questions marked `core` (for short sessions).
    pub core: bool,
    /// The supervisor's one-page sheet instead of the team handout.
    pub supervision: bool,
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

/// The team handout's sheet: the stages' questions (all, or the core set) with the domain summary.
fn team_sheet(pack: &Pack, domain: &Domain, opts: &HandoutOptions, setting: Setting) -> Sheet {
    let setting_name = pack
        .setting_info(setting)
        .map_or(setting.id().to_string(), |s| s.name.clone());
    let mut kicker = format!(
        "{} · {}",
        pack.title.to_uppercase(),
        setting_name.to_uppercase()
    );
    if let Some(st) = opts.stage.and_then(|i| pack.stages.get(i)) {
        kicker.push_str(&format!(" · {}", st.name.to_uppercase()));
    }
    let sections = select::groups(pack, domain, setting, opts.stage)
        .into_iter()
        .map(|g| {
            let (heading, summary) = match g
                .stage
                .and_then(|si| pack.stages.get(si).map(|st| (si, st)))
            {
                Some((si, st)) => (Some(format!("{}. {}", si + 1, st.name)), st.summary.clone()),
                None => (None, String::new()),
            };
            Section {
                heading,
                summary,
                asks: g
                    .questions
                    .iter()
                    .filter(|q| !opts.core || q.core)
                    .map(|q| Ask::from_question(q))
                    .collect(),
            }
        })
        .filter(|s| !s.asks.is_empty())
        .collect();
    Sheet {
        kicker,
        summary: Some(domain.summary.clone()),
        how: Some(pack.labels.get("handout.how")),
        rating: Some(rating(pack)),
        rating_before: 0,
        sections,
        notes_title: pack.labels.get("handout.notes"),
        notes_id: "notes".to_string(),
    }
}

/// Lays out one domain's handout.
pub fn handout(
    pack: &Pack,
    domain: &Domain,
    t: &Template,
    opts: &HandoutOptions,
) -> Result<Handout, TooTall> {
    let setting = opts.setting.unwrap_or(Setting::Hybrid);
    let sheet = team_sheet(pack, domain, opts, setting);
    sheet_layout(pack, domain, t, opts, &sheet)
}

/// Lays out a sheet, giving each question fewer writing lines (down to one) before it adds a
/// page beyond `opts.max_pages`.
pub fn sheet_layout(
    pack: &Pack,
    domain: &Domain,
    t: &Template,
    opts: &HandoutOptions,
    sheet: &Sheet,
) -> Result<Handout, TooTall> {
    let mut lines = opts.lines;
    loop {
        match handout_with_lines(pack, domain, t, opts, sheet, lines) {
            Ok(h) if h.pages.len() <= opts.max_pages.max(1) || lines <= 1 => return Ok(h),
            Err(e) if lines <= 1 => return Err(e),
            _ => lines -= 1,
        }
    }
}

fn handout_with_lines(
    pack: &Pack,
    domain: &Domain,
    t: &Template,
    opts: &HandoutOptions,
    sheet: &Sheet,
    lines: u8,
) -> Result<Handout, TooTall> {
    let (pw, ph) = t.page_size();
    let c = t.content_rect();
    let ts = t.type_scale;
    let lead = t.leading;
    let accent = domain.colour.on_white();
    let on_band = domain.colour.text_colour();
    let date = opts.date.as_deref();

    // The title band.
    let label = sheet.kicker.clone();
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
    let summary = sheet.summary.as_ref().map(|text| {
        Paragraph::new(
            &[Span::new(Face::Regular, text.clone())],
            ts.body,
            lead,
            c.w,
        )
    });
    let how = sheet.how.as_ref().map(|text| {
        Paragraph::new(
            &[Span::new(Face::Italic, text.clone())],
            ts.small,
            lead,
            c.w,
        )
    });
    if summary.is_some() || how.is_some() {
        let sh = summary.as_ref().map_or(0.0, |p| p.height() + ts.body * 0.4)
            + how.as_ref().map_or(0.0, Paragraph::height)
            + ts.body * 0.9;
        let text = t.text;
        let muted = t.muted;
        blocks.push(Block::new(sh, move |f, top| {
            let mut y = top;
            if let Some(p) = &summary {
                y += p.place(f, c.x, y, c.w, Align::Left, text) + ts.body * 0.4;
            }
            if let Some(p) = &how {
                p.place(f, c.x, y, c.w, Align::Left, muted);
            }
        }));
    }

    // Questions.
    let num_w = Face::Bold.metrics().width("00.", ts.body) + ts.body * 0.5;
    let text_w = c.w - num_w;
    let gap = t.writing_line_gap_pt;
    let mut number = 0;
    for (gi, g) in sheet.sections.iter().enumerate() {
        if gi == sheet.rating_before
            && let Some(r) = &sheet.rating
        {
            blocks.push(rating_block(t, domain, r, accent));
        }
        if let Some(heading) = &g.heading {
            let head = Paragraph::new(
                &[Span::new(Face::Bold, heading.clone())],
                ts.heading,
                1.2,
                c.w,
            )
            .role(Role::Heading(2));
            let sub = Paragraph::new(
                &[Span::new(Face::Italic, g.summary.clone())],
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
        for q in &g.asks {
            number += 1;
            let para = Paragraph::new(
                &[Span::new(Face::Regular, q.text.clone())],
                ts.body,
                lead,
                text_w,
            );
            // A second ask, printed smaller beneath the question.
            let follow = q.follow_up.as_ref().map(|f| {
                Paragraph::new(
                    &[Span::new(Face::Regular, f.clone())],
                    ts.small,
                    lead,
                    text_w,
                )
            });
            let follow_h = follow.as_ref().map_or(0.0, |p| ts.small * 0.2 + p.height());
            let num = Paragraph::new(
                &[Span::new(Face::Bold, format!("{number}."))],
                ts.body,
                lead,
                num_w,
            )
            .role(Role::Label);
            let after = ts.body * 0.5;
            let text_h = para.height() + follow_h;
            let qh = text_h + f32::from(lines) * gap + after;
            let (text, muted, rule) = (t.text, t.muted, t.rule);
            let field = (opts.fillable && lines > 0).then(|| Field {
                name: format!("{}.{}", domain.id, q.id),
                tooltip: match &q.follow_up {
                    Some(f) => format!("{} {f}", q.text),
                    None => q.text.clone(),
                },
                w: 0.0,
                h: 0.0,
                font_size: ts.body,
                multiline: true,
            });
            blocks.push(Block::new(qh, move |f, top| {
                // A list item: its number, then a body with the question, its follow-up, the
                // lines to write on (artifacts) and, when fillable, a field over those lines.
                let mut item = Frame::with_role(c.w, qh, Role::ListItem);
                num.place(&mut item, 0.0, 0.0, num_w, Align::Left, accent);
                let mut body = Frame::with_role(text_w, qh, Role::ListBody);
                let mut y = para.place(&mut body, 0.0, 0.0, text_w, Align::Left, text);
                if let Some(p) = &follow {
                    y += ts.small * 0.2;
                    y += p.place(&mut body, 0.0, y, text_w, Align::Left, muted);
                }
                for k in 1..=lines {
                    let ly = y + f32::from(k) * gap;
                    body.line((0.0, ly), (text_w, ly), rule, 0.6);
                }
                if let Some(field) = &field {
                    let r = Rect::new(0.0, y + gap * 0.15, text_w, f32::from(lines) * gap);
                    body.field(r, field.clone());
                }
                item.push_frame(Point::new(num_w, 0.0), body);
                f.push_frame(Point::new(c.x, top), item);
            }));
            if let Some(b) = blocks.last_mut() {
                b.what = Some((format!("question `{}`", q.id), q.location.clone()));
            }
        }
    }

    // Notes and agreed actions.
    let notes_title = Paragraph::new(
        &[Span::new(Face::Bold, sheet.notes_title.clone())],
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
    let (placements, n_pages) = paginate(&blocks, area)?;
    // The notes box takes the room left on its page, up to its limit.
    let extra =
        room_after_last(&blocks, &placements, area).min(blocks.last().map_or(0.0, |b| b.grow));
    let notes_h = notes_min + extra;
    let last = blocks.len() - 1;
    let notes_field = opts.fillable.then(|| Field {
        name: format!("{}.{}", domain.id, sheet.notes_id),
        tooltip: notes_title
            .lines
            .iter()
            .map(|l| l.text())
            .collect::<Vec<_>>()
            .join(" "),
        w: 0.0,
        h: 0.0,
        font_size: ts.body,
        multiline: true,
    });
    blocks[last].draw = Box::new(move |f, top| {
        let r = Rect::new(c.x, top + ts.body * 0.5, c.w, notes_h);
        f.rect(r, 6.0, Paint::stroke(accent, 1.2));
        let title_h = notes_title.place(
            f,
            r.x + ts.body,
            r.y + ts.body * 0.7,
            r.w - 2.0 * ts.body,
            Align::Left,
            accent,
        );
        if let Some(field) = &notes_field {
            let y = r.y + ts.body * 0.7 + title_h + ts.body * 0.4;
            let inner = Rect::new(
                r.x + ts.body * 0.6,
                y,
                r.w - ts.body * 1.2,
                r.bottom() - y - ts.body * 0.6,
            );
            f.field(inner, field.clone());
        }
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
    Ok(Handout {
        pages,
        lines_used: lines,
        questions: number,
    })
}
