//! The away-day facilitator guide (cover, then the sections of the pack's `guide.ron`: the model
//! in plain words, a timed plan, how to use each printed item, ideas to try, citations) and the
//! one-page action plan, fillable for teams that fill it in on a screen.
//!
//! Every word comes from the pack (`guide.ron`, `labels.ron`, pack.ron and the domains); this
//! module only places them.

use super::chrome::footer;
use super::flow::TooTall;
use super::frame::{Field, Frame, Paint, Point, Rect, Role};
use super::prose::Prose;
use super::text::{Align, Paragraph, Span, fit, widest_word};
use crate::fonts::Face;
use crate::pack::guide::{Block, time_span};
use crate::pack::labels::fill;
use crate::pack::{Pack, Rgb, Setting};
use crate::template::Template;

/// What the guide is for.
#[derive(Debug, Clone)]
pub struct GuideOptions {
    pub setting: Setting,
    pub team: Option<String>,
    pub date: Option<String>,
    /// Lines describing each printed file, in order: (file name, how to use it).
    pub items: Vec<(String, String)>,
}

fn setting_name(pack: &Pack, s: Setting) -> String {
    pack.setting_info(s)
        .map_or_else(|| s.id().to_string(), |i| i.name.clone())
}

/// The cover page, its title up to 1.8 times the title size, or at the title size when the page
/// would run into the footer (large print).
fn cover(pack: &Pack, t: &Template, o: &GuideOptions, total: usize) -> Frame {
    let title = t.type_scale.title;
    let (f, overrun) = cover_with(pack, t, o, total, title * 1.8);
    if overrun > 0.0 {
        cover_with(pack, t, o, total, title).0
    } else {
        f
    }
}

/// The cover with the title at most `title_max`, and how far its words run into the footer.
fn cover_with(
    pack: &Pack,
    t: &Template,
    o: &GuideOptions,
    total: usize,
    title_max: f32,
) -> (Frame, f32) {
    let (pw, ph) = t.page_size();
    let c = t.content_rect();
    let ts = t.type_scale;
    let mut f = Frame::new(pw, ph);
    // A band of the five domain colours across the top (thin with low ink).
    let n = pack.domains.len().max(1) as f32;
    let bw = c.w / n;
    let band_h = ts.body * if t.low_ink() { 0.4 } else { 1.6 };
    for (i, d) in pack.domains.iter().enumerate() {
        f.rect(
            Rect::new(c.x + i as f32 * bw, c.y, bw, band_h),
            0.0,
            Paint::fill(d.colour),
        );
    }
    let top = c.y + c.h * 0.22;
    let mut y = top;
    let below_band = f.items.len();
    let words = &pack.guide.cover;
    let owned = pack.setting_values(o.setting);
    let args: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let label = Paragraph::new(
        &[Span::new(Face::Bold, fill(&words.label, &args))],
        ts.small * 1.2,
        1.3,
        c.w,
    );
    y += label.place(&mut f, c.x, y, c.w, Align::Left, t.muted) + ts.body;
    let title = fit(
        &[Span::new(Face::Bold, pack.title.clone())],
        c.w,
        ts.title * 5.0,
        title_max,
        ts.title,
        1.1,
    )
    .unwrap_or_else(|| {
        Paragraph::new(
            &[Span::new(Face::Bold, pack.title.clone())],
            ts.title,
            1.1,
            c.w,
        )
    });
    let title = title.role(Role::Heading(1));
    y += title.place(&mut f, c.x, y, c.w, Align::Left, t.text) + ts.body * 1.5;
    let mut facts: Vec<(String, String)> = Vec::new();
    if let Some(team) = &o.team {
        facts.push((fill(&words.team, &args), team.clone()));
    }
    if let Some(d) = &o.date {
        facts.push((fill(&words.date, &args), d.clone()));
    }
    facts.push((
        fill(&words.setting, &args),
        format!(
            "{} ({})",
            setting_name(pack, o.setting),
            pack.setting_info(o.setting)
                .map_or("", |s| s.summary.as_str())
        ),
    ));
    facts.push((fill(&words.edition, &args), pack.edition()));
    let lw = ts.body * 7.0;
    for (k, v) in &facts {
        let kp = Paragraph::new(&[Span::new(Face::Bold, k.clone())], ts.heading, 1.25, lw)
            .role(Role::TableHeader);
        let vp = Paragraph::new(
            &[Span::new(Face::Regular, v.clone())],
            ts.heading,
            1.25,
            c.w - lw,
        )
        .role(Role::TableCell);
        // A row of a small table: the fact's name heads its value.
        let mut row = Frame::with_role(c.w, vp.height(), Role::TableRow);
        kp.place(&mut row, 0.0, 0.0, lw, Align::Left, t.muted);
        vp.place(&mut row, lw, 0.0, c.w - lw, Align::Left, t.text);
        f.push_frame(Point::new(c.x, y), row);
        y += vp.height() + ts.body * 0.6;
    }
    y += ts.body * 2.0;
    for d in &pack.domains {
        let r = ts.body * 0.55;
        f.circle(c.x + r, y + ts.heading * 0.45, r, Paint::fill(d.colour));
        let p = Paragraph::new(
            &[
                Span::new(Face::Bold, format!("{}  ", d.name)),
                Span::new(t.italic(), pack.labels.belief(&d.belief)),
            ],
            ts.heading,
            1.25,
            c.w - r * 4.0,
        );
        y += p.place(&mut f, c.x + r * 4.0, y, c.w - r * 4.0, Align::Left, t.text) + ts.body * 0.5;
    }
    // Large type can run into the footer: then the words move up into the space above them.
    let limit = c.bottom() - super::chrome::footer_height(t, pack, o.date.as_deref()) - ts.body;
    let up = (y - limit).clamp(0.0, top - c.y - ts.body * 3.0);
    for (at, _) in &mut f.items[below_band..] {
        at.y -= up;
    }
    footer(&mut f, t, pack, o.date.as_deref(), 0, total);
    (f, (y - up - limit).max(0.0))
}

fn body(pack: &Pack, t: &Template, o: &GuideOptions) -> Result<Vec<Frame>, TooTall> {
    let mut p = Prose::new(t);
    let head = Rgb(0x1F, 0x3A, 0x5F);
    let owned = pack.setting_values(o.setting);
    let args: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
    for section in pack
        .guide
        .sections
        .iter()
        .filter(|s| s.shown_for(o.setting))
    {
        let heading = fill(&section.heading, &args);
        if section.level <= 1 {
            p.heading(&heading, head);
        } else {
            p.subheading(&heading, head);
        }
        for b in &section.blocks {
            block(&mut p, pack, o, b, &args, head);
        }
    }
    p.finish(pack, o.date.as_deref(), 1)
}

/// Lays out one block of a guide section.
fn block(
    p: &mut Prose,
    pack: &Pack,
    o: &GuideOptions,
    b: &Block,
    args: &[(&str, &str)],
    head: Rgb,
) {
    let t = p.t;
    match b {
        Block::Paragraph(text) => p.para(&fill(text, args)),
        Block::Bullets(items) => {
            let items: Vec<String> = items.iter().map(|i| fill(i, args)).collect();
            p.bullets(&items, head);
        }
        Block::Intro => p.para(&pack.intro),
        Block::Domains => {
            for d in &pack.domains {
                p.card(
                    &d.name,
                    &pack.labels.belief(&d.belief),
                    &d.summary,
                    d.colour,
                );
            }
        }
        Block::Stages(line) => {
            let stages: Vec<String> = pack
                .stages
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    let n = (i + 1).to_string();
                    let mut with = args.to_vec();
                    with.extend([
                        ("number", n.as_str()),
                        ("stage", &s.name),
                        ("summary", &s.summary),
                    ]);
                    fill(line, &with)
                })
                .collect();
            p.bullets(&stages, head);
        }
        Block::Plan => {
            let names: Vec<&str> = pack.domains.iter().map(|d| d.name.as_str()).collect();
            for slot in pack
                .guide
                .plans
                .get(o.setting)
                .map_or_else(Vec::new, |plan| plan.timed(&names, args))
            {
                p.row(
                    &time_span(slot.from, slot.to),
                    &slot.text,
                    t.type_scale.body * 8.5,
                    head,
                );
            }
        }
        Block::Items => {
            for (file, how) in &o.items {
                p.row(file, how, t.type_scale.body * 15.0, head);
            }
        }
        Block::Ideas => {
            for d in &pack.domains {
                p.subheading(&d.name, d.colour.on_white());
                let ideas: Vec<String> = d.ideas.for_setting(o.setting).to_vec();
                p.bullets(&ideas, d.colour);
            }
        }
        Block::Citations => {
            for c in &pack.citations {
                p.para_styled(c, Face::Regular, t.text, t.type_scale.body);
            }
        }
    }
}

/// The whole guide: cover then body, numbered "Page i of n" throughout.
/// Fails when a block of the guide (a long paragraph) is taller than a page.
pub fn guide(pack: &Pack, t: &Template, o: &GuideOptions) -> Result<Vec<Frame>, TooTall> {
    let body = body(pack, t, o)?;
    let mut pages = vec![cover(pack, t, o, body.len() + 1)];
    pages.extend(body);
    Ok(pages)
}

/// One page to record what the team agrees, a row per domain. When `fillable`, each cell of a
/// row holds a multi-line field named `plan.<domain id>.<column>` (`plan.acceptance.what`),
/// its tooltip the domain and the column, so the plan can be typed on a shared screen; the
/// lines still print.
pub fn action_plan(
    pack: &Pack,
    t: &Template,
    team: Option<&str>,
    date: Option<&str>,
    fillable: bool,
) -> Frame {
    let (pw, ph) = t.page_size();
    let c = t.content_rect();
    let ts = t.type_scale;
    let mut f = Frame::new(pw, ph);
    let title = Paragraph::new(
        &[Span::new(Face::Bold, pack.labels.get("plan.title"))],
        ts.title,
        1.1,
        c.w,
    );
    let title = title.role(Role::Heading(1));
    let mut y = c.y;
    y += title.place(&mut f, c.x, y, c.w, Align::Left, t.text) + ts.body * 0.3;
    let sub = match team {
        Some(team) => pack.labels.fill(
            "plan.subtitle_team",
            &[("title", &pack.title), ("team", team)],
        ),
        None => pack.labels.fill("plan.subtitle", &[("title", &pack.title)]),
    };
    let sp = Paragraph::new(&[Span::new(t.italic(), sub)], ts.body, t.leading, c.w);
    y += sp.place(&mut f, c.x, y, c.w, Align::Left, t.muted) + ts.body;
    let fh = super::chrome::footer_height(t, pack, date);
    let bottom = c.bottom() - fh - ts.body * 0.8;
    // Column headings.
    // The domains' column: wide enough for the longest word of a name at the heading size.
    let longest = pack
        .domains
        .iter()
        .filter_map(|d| widest_word(&[Span::new(Face::Bold, d.name.clone())], ts.heading))
        .fold(0.0, |w, (_, x)| f32::max(w, x));
    let label_w = (longest + ts.body * 1.5).clamp(c.w * 0.27, c.w * 0.45);
    // What, who and by when; then the belief line rated 1-5 now and again in three months, so
    // the team can see what changed.
    let mut cols = vec![
        (pack.labels.get("plan.what"), 0.38_f32),
        (pack.labels.get("plan.who"), 0.15),
        (pack.labels.get("plan.by_when"), 0.15),
        (pack.labels.get("plan.rating_now"), 0.14),
        (pack.labels.get("plan.rating_later"), 0.18),
    ];
    // The last part of each column's field name.
    let col_ids = ["what", "who", "by_when", "rating_now", "rating_later"];
    let rest = c.w - label_w;
    // Every column is at least as wide as the longest word of its heading (words are never
    // split); the room comes from the first column. When that would leave it too narrow to
    // write in (large print), the two rating columns are left out.
    let min_share = |h: &str| {
        widest_word(&[Span::new(Face::Bold, h)], ts.small).map_or(0.0, |(_, w)| (w + 8.0) / rest)
    };
    for i in 1..cols.len() {
        let need = min_share(&cols[i].0) - cols[i].1;
        if need > 0.0 {
            cols[i].1 += need;
            cols[0].1 -= need;
        }
    }
    if cols[0].1 < 0.3 {
        cols.truncate(3);
        let total: f32 = cols.iter().map(|c| c.1).sum();
        for c in &mut cols {
            c.1 /= total;
        }
    }
    let mut x = c.x + label_w;
    let heads: Vec<Paragraph> = cols
        .iter()
        .map(|(h, share)| {
            Paragraph::new(
                &[Span::new(Face::Bold, h.clone())],
                ts.small,
                1.2,
                rest * share - 6.0,
            )
            .role(Role::TableHeader)
        })
        .collect();
    let head_h = heads.iter().map(Paragraph::height).fold(0.0, f32::max) + ts.small * 0.6;
    // The table's header row: an empty cell over the domains, then the columns.
    let mut head = Frame::with_role(pw, ph, Role::TableRow);
    head.push_frame(
        Point::new(c.x, y),
        Frame::with_role(label_w, head_h, Role::TableHeader),
    );
    for ((_, share), p) in cols.iter().zip(&heads) {
        let share = *share;
        p.place(
            &mut head,
            x + 6.0,
            y,
            rest * share - 6.0,
            Align::Left,
            t.muted,
        );
        x += rest * share;
    }
    f.push_frame(Point::default(), head);
    y += head_h;
    let n = pack.domains.len().max(1) as f32;
    let row_h = (bottom - y) / n;
    for d in &pack.domains {
        // A row per domain: the domain heads it; the cells to write in are empty.
        let mut row = Frame::with_role(pw, ph, Role::TableRow);
        let mut cell = Frame::with_role(pw, ph, Role::TableHeader);
        let r = Rect::new(c.x, y, c.w, row_h - ts.body * 0.5);
        row.rect(r, 5.0, Paint::stroke(t.rule, 0.8));
        let band = Rect::new(r.x, r.y, label_w, r.h);
        // Low ink: a strip of the colour beside the words, which sit on white.
        let (on, name_c) = if t.low_ink() {
            let strip = Rect::new(
                r.x + ts.body * 0.25,
                r.y + ts.body * 0.5,
                ts.body * 0.25,
                r.h - ts.body,
            );
            row.rect(strip, ts.body * 0.125, Paint::fill(d.colour));
            (t.text, d.colour.on_white())
        } else {
            row.rect(band, 5.0, Paint::fill(d.colour));
            (d.colour.text_colour(), d.colour.text_colour())
        };
        let inner = label_w - ts.body * 1.4;
        let name = Paragraph::new(
            &[Span::new(Face::Bold, d.name.clone())],
            ts.heading,
            1.15,
            inner,
        );
        let belief = Paragraph::new(
            &[Span::new(t.italic(), pack.labels.belief(&d.belief))],
            ts.body,
            1.2,
            inner,
        );
        let mut ty = r.y + ts.body * 0.7;
        ty += name.place(
            &mut cell,
            r.x + ts.body * 0.7,
            ty,
            inner,
            Align::Left,
            name_c,
        ) + ts.body * 0.3;
        // The belief line when the band can hold it (large print has room only for the name).
        if ty + belief.height() <= r.bottom() - ts.body * 0.5 {
            belief.place(&mut cell, r.x + ts.body * 0.7, ty, inner, Align::Left, on);
        }
        row.push_frame(Point::default(), cell);
        // Column dividers and writing lines.
        let mut x = c.x + label_w;
        for ((heading, share), id) in cols.iter().zip(col_ids) {
            let mut cell = Frame::with_role(rest * share, r.h, Role::TableCell);
            if fillable {
                // Inside the cell's rounded border and clear of the dividers.
                let pad = 4.0;
                cell.field(
                    Rect::new(pad, pad, rest * share - 2.0 * pad, r.h - 2.0 * pad),
                    Field {
                        name: format!("plan.{}.{id}", d.id),
                        tooltip: pack
                            .labels
                            .fill("plan.tooltip", &[("domain", &d.name), ("column", heading)]),
                        w: 0.0,
                        h: 0.0,
                        font_size: ts.body,
                        multiline: true,
                    },
                );
            }
            row.push_frame(Point::new(x, r.y), cell);
            x += rest * share;
        }
        let mut x = c.x + label_w;
        for (_, share) in cols.iter().take(cols.len() - 1) {
            x += rest * share;
            row.line((x, r.y + 4.0), (x, r.bottom() - 4.0), t.rule, 0.5);
        }
        let gap = t.writing_line_gap_pt;
        let mut ly = r.y + gap;
        while ly < r.bottom() - gap * 0.4 {
            row.line(
                (c.x + label_w + 6.0, ly),
                (r.right() - 6.0, ly),
                Rgb(0xD0, 0xD0, 0xD0),
                0.5,
            );
            ly += gap;
        }
        f.push_frame(Point::default(), row);
        y += row_h;
    }
    footer(&mut f, t, pack, date, 0, 1);
    f
}
