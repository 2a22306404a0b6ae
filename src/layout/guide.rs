//! The away-day facilitator guide (cover, the model in plain words, a timed plan, how to use each
//! printed item, ideas to try, citations) and the one-page action plan.

use super::chrome::footer;
use super::frame::{Frame, Paint, Point, Rect, Role};
use super::prose::Prose;
use super::text::{Align, Paragraph, Span, fit};
use crate::fonts::Face;
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

/// The cover page.
fn cover(pack: &Pack, t: &Template, o: &GuideOptions, total: usize) -> Frame {
    let (pw, ph) = t.page_size();
    let c = t.content_rect();
    let ts = t.type_scale;
    let mut f = Frame::new(pw, ph);
    // A band of the five domain colours across the top.
    let n = pack.domains.len().max(1) as f32;
    let bw = c.w / n;
    for (i, d) in pack.domains.iter().enumerate() {
        f.rect(
            Rect::new(c.x + i as f32 * bw, c.y, bw, ts.body * 1.6),
            0.0,
            Paint::fill(d.colour),
        );
    }
    let mut y = c.y + c.h * 0.22;
    let label = Paragraph::new(
        &[Span::new(Face::Bold, "AWAY-DAY FACILITATOR GUIDE")],
        ts.small * 1.2,
        1.3,
        c.w,
    );
    y += label.place(&mut f, c.x, y, c.w, Align::Left, t.muted) + ts.body;
    let title = fit(
        &[Span::new(Face::Bold, pack.title.clone())],
        c.w,
        ts.title * 5.0,
        ts.title * 1.8,
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
        facts.push(("Team".into(), team.clone()));
    }
    if let Some(d) = &o.date {
        facts.push(("Date".into(), d.clone()));
    }
    facts.push((
        "Setting".into(),
        format!(
            "{} ({})",
            setting_name(pack, o.setting),
            pack.setting_info(o.setting)
                .map_or("", |s| s.summary.as_str())
        ),
    ));
    facts.push(("Edition".into(), format!("{} {}", pack.id, pack.version)));
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
                Span::new(Face::Italic, format!("“{}”", d.belief)),
            ],
            ts.heading,
            1.25,
            c.w - r * 4.0,
        );
        y += p.place(&mut f, c.x + r * 4.0, y, c.w - r * 4.0, Align::Left, t.text) + ts.body * 0.5;
    }
    footer(&mut f, t, pack, o.date.as_deref(), 0, total);
    f
}

fn body(pack: &Pack, t: &Template, o: &GuideOptions) -> Vec<Frame> {
    let mut p = Prose::new(t);
    let ink = t.text;
    let head = Rgb(0x1F, 0x3A, 0x5F);
    let setting = o.setting;
    let sname = setting_name(pack, setting).to_lowercase();

    p.heading("How the model works", head);
    p.para(&pack.intro);
    p.para("Each of the five ways below is something the team *does*, and each builds a belief in the people who work in it. The lines in quotation marks are the model's own words; everything else in this pack is written for it.");
    for d in &pack.domains {
        p.card(&d.name, &format!("“{}”", d.belief), &d.summary, d.colour);
    }
    if setting.uses_stages() {
        p.subheading("Four stages of reflection", head);
        p.para(&format!(
            "For {sname} teams the questions come in four stages. Work through them in order, or pick the stage that matters most to the team now:"
        ));
        let stages: Vec<String> = pack
            .stages
            .iter()
            .enumerate()
            .map(|(i, s)| format!("**{}. {}**: {}", i + 1, s.name, s.summary.to_lowercase()))
            .collect();
        p.bullets(&stages, head);
    }

    p.heading("A plan for the day", head);
    p.para("A full day with breaks. Times are a guide: slow down wherever the conversation is useful, and keep the closing slot for actions whatever happens.");
    let n = pack.domains.len();
    let mut clock = 9 * 60 + 30;
    let mut slot = |mins: u32, what: String, p: &mut Prose| {
        let label = format!(
            "{:02}:{:02}-{:02}:{:02}",
            clock / 60,
            clock % 60,
            (clock + mins) / 60,
            (clock + mins) % 60
        );
        p.row(&label, &what, t.type_scale.body * 8.5, head);
        clock += mins;
    };
    slot(30, "**Opening with the poster.** Welcome everyone, agree how the day will run, and walk through the poster: the five ways a team can be a secure base and the belief each one builds.".into(), &mut p);
    slot(15, "**Warm-up with the cue cards.** Each person draws a card and answers it with a partner. Swap partners once.".into(), &mut p);
    for (i, d) in pack.domains.iter().enumerate() {
        if i == n.div_ceil(2) {
            slot(45, "**Lunch.**".into(), &mut p);
        } else if i == 1 || i == n.saturating_sub(1) {
            slot(15, "**Break.**".into(), &mut p);
        }
        slot(
            45,
            format!(
                "**{}.** Small groups take the {} cards and sort them into *going well*, *could be better* and *not sure*, then talk through two or three with the handout. Each group brings back one thing to keep and one to try.",
                d.name,
                d.name.to_lowercase()
            ),
            &mut p,
        );
    }
    slot(45, "**Agreeing actions.** Fill in the action plan together: for each domain, one or two things the team will do, who will start them and by when.".into(), &mut p);
    slot(15, "**Close.** A round of one word each: what will you take back to your desk, or your kitchen table?".into(), &mut p);

    if setting == Setting::Hybrid || setting == Setting::Online {
        p.subheading(
            if setting == Setting::Hybrid {
                "Running the day with people in the room and on screen"
            } else {
                "Running the day online"
            },
            head,
        );
        let mut tips = vec![
            "Send the handouts and a photo of the poster to remote colleagues the day before, so they hold the same paper as everyone else.".to_string(),
            "Give each small group a mix of people, and a shared document or whiteboard that everyone can write on.".to_string(),
            "Name who will watch the chat and bring remote voices in before the room answers.".to_string(),
        ];
        if setting == Setting::Hybrid {
            tips.push("Put a camera where remote colleagues can see the poster and the faces in the room, not only the backs of heads.".into());
        } else {
            tips.push("Keep breaks screen-free and agree a signal for 'I need a minute' that does not mean leaving the call.".into());
        }
        p.bullets(&tips, head);
    }

    p.heading("Using each printed item", head);
    for (file, how) in &o.items {
        p.row(file, how, t.type_scale.body * 15.0, head);
    }

    p.heading(&format!("Ideas to try ({sname})"), head);
    p.para("Concrete things a team can start next week. Offer them when a group is stuck, or use them to seed the action plan.");
    for d in &pack.domains {
        p.subheading(&d.name, d.colour.on_white());
        let ideas: Vec<String> = d.ideas.for_setting(setting).to_vec();
        p.bullets(&ideas, d.colour);
    }

    p.heading("Where the model comes from", head);
    p.para("The domain names and the five belief lines are quoted from the Team as a Secure Base model. The questions, summaries and ideas in this pack were written for it in our own words.");
    for c in &pack.citations {
        p.para_styled(c, Face::Regular, ink, t.type_scale.body);
    }
    p.finish(pack, o.date.as_deref(), 1)
}

/// The whole guide: cover then body, numbered "Page i of n" throughout.
pub fn guide(pack: &Pack, t: &Template, o: &GuideOptions) -> Vec<Frame> {
    let body = body(pack, t, o);
    let mut pages = vec![cover(pack, t, o, body.len() + 1)];
    pages.extend(body);
    pages
}

/// One page to record what the team agrees, a row per domain.
pub fn action_plan(pack: &Pack, t: &Template, team: Option<&str>, date: Option<&str>) -> Frame {
    let (pw, ph) = t.page_size();
    let c = t.content_rect();
    let ts = t.type_scale;
    let mut f = Frame::new(pw, ph);
    let title = Paragraph::new(
        &[Span::new(Face::Bold, "Our action plan")],
        ts.title,
        1.1,
        c.w,
    );
    let title = title.role(Role::Heading(1));
    let mut y = c.y;
    y += title.place(&mut f, c.x, y, c.w, Align::Left, t.text) + ts.body * 0.3;
    let mut sub = format!(
        "{}: what we will do to be a secure base for each other",
        pack.title
    );
    if let Some(team) = team {
        sub = format!("{team} · {sub}");
    }
    let sp = Paragraph::new(&[Span::new(Face::Italic, sub)], ts.body, t.leading, c.w);
    y += sp.place(&mut f, c.x, y, c.w, Align::Left, t.muted) + ts.body;
    let fh = super::chrome::footer_height(t, pack, date);
    let bottom = c.bottom() - fh - ts.body * 0.8;
    // Column headings.
    let label_w = c.w * 0.27;
    let cols = [
        ("What we will do", 0.55_f32),
        ("Who", 0.22),
        ("By when", 0.23),
    ];
    let rest = c.w - label_w;
    let mut x = c.x + label_w;
    // The table's header row: an empty cell over the domains, then the columns.
    let mut head = Frame::with_role(pw, ph, Role::TableRow);
    head.push_frame(
        Point::new(c.x, y),
        Frame::with_role(label_w, ts.small * 1.6, Role::TableHeader),
    );
    for (h, share) in cols {
        let p = Paragraph::new(
            &[Span::new(Face::Bold, h)],
            ts.small,
            1.2,
            rest * share - 6.0,
        )
        .role(Role::TableHeader);
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
    y += ts.small * 1.6;
    let n = pack.domains.len().max(1) as f32;
    let row_h = (bottom - y) / n;
    for d in &pack.domains {
        // A row per domain: the domain heads it; the cells to write in are empty.
        let mut row = Frame::with_role(pw, ph, Role::TableRow);
        let mut cell = Frame::with_role(pw, ph, Role::TableHeader);
        let r = Rect::new(c.x, y, c.w, row_h - ts.body * 0.5);
        row.rect(r, 5.0, Paint::stroke(t.rule, 0.8));
        let band = Rect::new(r.x, r.y, label_w, r.h);
        row.rect(band, 5.0, Paint::fill(d.colour));
        let on = d.colour.text_colour();
        let inner = label_w - ts.body * 1.4;
        let name = Paragraph::new(
            &[Span::new(Face::Bold, d.name.clone())],
            ts.heading,
            1.15,
            inner,
        );
        let belief = Paragraph::new(
            &[Span::new(Face::Italic, format!("“{}”", d.belief))],
            ts.body,
            1.2,
            inner,
        );
        let mut ty = r.y + ts.body * 0.7;
        ty +=
            name.place(&mut cell, r.x + ts.body * 0.7, ty, inner, Align::Left, on) + ts.body * 0.3;
        belief.place(&mut cell, r.x + ts.body * 0.7, ty, inner, Align::Left, on);
        row.push_frame(Point::default(), cell);
        // Column dividers and writing lines.
        let mut x = c.x + label_w;
        for (_, share) in &cols {
            row.push_frame(
                Point::new(x, r.y),
                Frame::with_role(rest * share, r.h, Role::TableCell),
            );
            x += rest * share;
        }
        let mut x = c.x + label_w;
        for (_, share) in cols.iter().take(2) {
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
