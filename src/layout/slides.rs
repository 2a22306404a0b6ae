//! On-screen cue cards: a 16:9 deck to share on a video call or show on the room's screen.
//!
//! A title slide; for each domain a slide with its belief line; for each stage a short
//! divider; then one question per slide, large (from [`QUESTION_MAX_PT`] down to a floor of
//! [`QUESTION_MIN_PT`], never clipped) with its card code, the same code as on the printed cue
//! card, so people in the room and on screen refer to the same question; the domain's ideas to
//! try; and a closing slide for agreeing actions. Every word comes from the pack and its labels.
//! Pure: pack in, pages out.

use super::frame::{Document, Frame, Paint, Rect, Role};
use super::text::{Align, Paragraph, Span, fit_with};
use crate::fonts::Face;
use crate::pack::{Domain, Pack, Question, Rgb, Setting, select};

/// Slide size: 16:9, 960 x 540 pt (13.33 x 7.5 in, the usual presentation size).
pub const SLIDE_W: f32 = 960.0;
pub const SLIDE_H: f32 = 540.0;
/// A question starts at this size and shrinks to fit, down to the floor.
pub const QUESTION_MAX_PT: f32 = 40.0;
/// Short questions are at least this large.
pub const SHORT_QUESTION_PT: f32 = 28.0;
/// No question is set smaller than this; one that would need less is an error.
pub const QUESTION_MIN_PT: f32 = 20.0;

const MARGIN: f32 = 48.0;
const INK: Rgb = Rgb(0x1A, 0x1A, 0x1A);
const MUTED: Rgb = Rgb(0x55, 0x55, 0x55);

/// Which questions go on the slides.
#[derive(Debug, Clone)]
pub struct SlideOptions {
    pub setting: Setting,
    /// Indices into `Pack::domains`, in order.
    pub domains: Vec<usize>,
    /// Index into `Pack::stages`.
    pub stage: Option<usize>,
    /// Only the core questions.
    pub core: bool,
    pub team: Option<String>,
    pub date: Option<String>,
}

/// A question that does not fit its slide even at the floor size.
#[derive(Debug, Clone, PartialEq)]
pub struct SlideOverflow {
    pub question_id: String,
    pub code: String,
}

/// A slide: one frame the size of the screen, with its role.
fn slide(bg: Rgb) -> Frame {
    let mut f = Frame::with_role(SLIDE_W, SLIDE_H, Role::Section);
    f.rect(Rect::new(0.0, 0.0, SLIDE_W, SLIDE_H), 0.0, Paint::fill(bg));
    f
}

fn para(text: &str, face: Face, size: f32, width: f32) -> Paragraph {
    Paragraph::new(&[Span::new(face, text)], size, 1.2, width)
}

/// The small line at the top-left of a slide, and the code at the top-right.
fn corner(f: &mut Frame, left: &str, right: &str, colour: Rgb) {
    let w = SLIDE_W - 2.0 * MARGIN;
    para(left, Face::Bold, 16.0, w * 0.7).place(f, MARGIN, 30.0, w * 0.7, Align::Left, colour);
    if !right.is_empty() {
        para(right, Face::Bold, 20.0, w * 0.3)
            .role(Role::Paragraph)
            .place(f, MARGIN + w * 0.7, 28.0, w * 0.3, Align::Right, colour);
    }
}

/// The slide of one question: domain and code at the top, the question fitted large in the
/// middle, its follow-up smaller beneath, the stage at the foot.
fn question_slide(domain: &Domain, q: &Question, stage_name: &str) -> Result<Frame, SlideOverflow> {
    let mut f = slide(Rgb::WHITE);
    // A band in the domain colour down the left edge.
    f.rect(
        Rect::new(0.0, 0.0, 16.0, SLIDE_H),
        0.0,
        Paint::fill(domain.colour),
    );
    corner(&mut f, &domain.name, &q.code, domain.colour.on_white());
    let area = Rect::new(
        MARGIN + 24.0,
        90.0,
        SLIDE_W - 2.0 * MARGIN - 48.0,
        SLIDE_H - 190.0,
    );
    let follow = q.follow_up.as_deref();
    let fitted = fit_with(QUESTION_MAX_PT, QUESTION_MIN_PT, |size| {
        let qp = para(&q.text, Face::Regular, size, area.w);
        let fp = follow.map(|t| para(t, Face::Regular, (size * 0.7).max(18.0), area.w));
        let h = qp.height() + fp.as_ref().map_or(0.0, |p| size * 0.6 + p.height());
        (h <= area.h).then_some((qp, fp, h))
    });
    let Some((qp, fp, h)) = fitted else {
        return Err(SlideOverflow {
            question_id: q.id.clone(),
            code: q.code.clone(),
        });
    };
    let top = area.y + (area.h - h) / 2.0;
    let y = top + qp.place(&mut f, area.x, top, area.w, Align::Centre, INK);
    if let Some(p) = fp {
        p.place(
            &mut f,
            area.x,
            y + qp.size * 0.6,
            area.w,
            Align::Centre,
            MUTED,
        );
    }
    para(stage_name, Face::Regular, 16.0, area.w).place(
        &mut f,
        MARGIN,
        SLIDE_H - 60.0,
        SLIDE_W - 2.0 * MARGIN,
        Align::Left,
        MUTED,
    );
    Ok(f)
}

/// A slide in a colour with a heading and a line beneath it (title, domain, stage, close).
fn statement(bg: Rgb, kicker: &str, heading: &str, line: &str, level: u8) -> Frame {
    let ink = bg.text_colour();
    let mut f = slide(bg);
    let w = SLIDE_W - 2.0 * MARGIN;
    corner(&mut f, kicker, "", ink);
    let h = para(heading, Face::Bold, 54.0, w).role(Role::Heading(level));
    let l = para(line, Face::Regular, 30.0, w);
    let total = h.height() + 24.0 + l.height();
    let top = (SLIDE_H - total) / 2.0;
    let y = top + h.place(&mut f, MARGIN, top, w, Align::Left, ink) + 24.0;
    l.place(&mut f, MARGIN, y, w, Align::Left, ink);
    f
}

/// The deck, or the questions that do not fit their slide.
pub fn slides(pack: &Pack, opts: &SlideOptions) -> Result<Document, Vec<SlideOverflow>> {
    let l = &pack.labels;
    let setting_name = pack
        .setting_info(opts.setting)
        .map_or_else(|| opts.setting.id().to_string(), |s| s.name.clone());
    let mut doc = Document::default();
    let mut overflows = Vec::new();
    // Title.
    let mut sub = setting_name.clone();
    if let Some(t) = &opts.team {
        sub = format!("{t} · {sub}");
    }
    if let Some(d) = &opts.date {
        sub = format!("{sub} · {d}");
    }
    doc.pages.push(statement(
        Rgb(0x1F, 0x3A, 0x5F),
        &l.get("slides.kicker"),
        &pack.title,
        &sub,
        1,
    ));
    for &di in &opts.domains {
        let Some(d) = pack.domains.get(di) else {
            continue;
        };
        doc.bookmarks.push((d.name.clone(), doc.pages.len()));
        doc.pages.push(statement(
            d.colour,
            &l.get("slides.domain_kicker"),
            &d.name,
            &format!("“{}”", d.belief),
            1,
        ));
        for g in select::groups(pack, d, opts.setting, opts.stage) {
            let qs: Vec<&Question> = g
                .questions
                .iter()
                .copied()
                .filter(|q| !opts.core || q.core)
                .collect();
            if qs.is_empty() {
                continue;
            }
            let stage_name = match g.stage.and_then(|i| pack.stages.get(i)) {
                Some(st) => {
                    doc.bookmarks
                        .push((format!("{} · {}", d.name, st.name), doc.pages.len()));
                    let mut divider = statement(Rgb::WHITE, &d.name, &st.name, &st.summary, 2);
                    divider.rect(
                        Rect::new(0.0, 0.0, 16.0, SLIDE_H),
                        0.0,
                        Paint::fill(d.colour),
                    );
                    doc.pages.push(divider);
                    st.name.clone()
                }
                None => setting_name.clone(),
            };
            for q in qs {
                match question_slide(d, q, &stage_name) {
                    Ok(f) => doc.pages.push(f),
                    Err(o) => overflows.push(o),
                }
            }
        }
        let ideas = d.ideas.for_setting(opts.setting);
        if !ideas.is_empty() {
            doc.pages
                .push(ideas_slide(d, &l.get("slides.ideas"), ideas));
        }
    }
    doc.pages.push(statement(
        Rgb(0x1F, 0x3A, 0x5F),
        &pack.title,
        &l.get("slides.close_heading"),
        &l.get("slides.close_line"),
        1,
    ));
    if overflows.is_empty() {
        Ok(doc)
    } else {
        Err(overflows)
    }
}

/// A domain's ideas to try, as a list.
fn ideas_slide(d: &Domain, heading: &str, ideas: &[String]) -> Frame {
    let mut f = slide(Rgb::WHITE);
    f.rect(
        Rect::new(0.0, 0.0, 16.0, SLIDE_H),
        0.0,
        Paint::fill(d.colour),
    );
    corner(&mut f, &d.name, "", d.colour.on_white());
    let w = SLIDE_W - 2.0 * MARGIN - 24.0;
    let x = MARGIN + 24.0;
    let mut y = 90.0;
    y += para(heading, Face::Bold, 34.0, w)
        .role(Role::Heading(2))
        .place(&mut f, x, y, w, Align::Left, d.colour.on_white())
        + 20.0;
    // Ideas as large as fits, from 24 pt down to 18 pt.
    let size = fit_with(24.0, 18.0, |s| {
        let h: f32 = ideas
            .iter()
            .map(|i| para(i, Face::Regular, s, w - 30.0).height() + s * 0.6)
            .sum();
        (y + h <= SLIDE_H - MARGIN).then_some(s)
    })
    .unwrap_or(18.0);
    for idea in ideas {
        let mut item = Frame::with_role(w, 0.0, Role::ListItem);
        let body = para(idea, Face::Regular, size, w - 30.0).role(Role::ListBody);
        let h = body.height();
        item.height = h;
        let m = Face::Regular.metrics();
        item.circle(
            8.0,
            m.ascent_pt(size) - m.cap_height_pt(size) / 2.0,
            5.0,
            Paint::fill(d.colour),
        );
        body.place(&mut item, 30.0, 0.0, w - 30.0, Align::Left, INK);
        f.push_frame(super::frame::Point::new(x, y), item);
        y += h + size * 0.6;
    }
    f
}
