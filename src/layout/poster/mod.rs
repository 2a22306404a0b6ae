//! The wall poster of the model: the five domains in colour panels around a central "Secure
//! base" circle, each with its name, its belief line and two or three ideas to try for the
//! chosen setting; a title area (team name, pack title, logo, a short intro line) and a footer
//! with every citation and the pack's edition.
//!
//! One design for every size from A4 to A0, portrait or landscape: every measure is a share of
//! the page's shorter side, so an A0 poster is an A4 poster four times larger. Every text is
//! fitted to its box: it shrinks step by step down to the template's smallest size for that
//! paper (`poster.min_text_pt_a4`, scaled with the page), and the layout fails, naming the text,
//! when it still does not fit. Pure: no I/O, no printpdf; the logo arrives decoded.

use crate::fonts::Face;
use crate::layout::frame::{Frame, Paint, Picture, Point, Rect, Role, mm};
use crate::layout::text::{Align, Paragraph, Span, fit};
use crate::pack::{Pack, Rgb, Setting};
use crate::template::Template;
use std::fmt;
use std::sync::Arc;

/// The poster sizes: ISO 216 paper, and a 16:9 screen for sharing on a call, a team channel
/// or a digital whiteboard (always landscape).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PosterSize {
    A4,
    A3,
    A2,
    A1,
    A0,
    Screen,
}

impl PosterSize {
    pub const ALL: [PosterSize; 5] = [
        PosterSize::A4,
        PosterSize::A3,
        PosterSize::A2,
        PosterSize::A1,
        PosterSize::A0,
    ];

    /// Width and height in millimetres, portrait.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            PosterSize::A4 => (210.0, 297.0),
            PosterSize::A3 => (297.0, 420.0),
            PosterSize::A2 => (420.0, 594.0),
            PosterSize::A1 => (594.0, 841.0),
            PosterSize::A0 => (841.0, 1189.0),
            // 540 x 960 pt, the slides' size, given portrait like the others.
            PosterSize::Screen => (190.5, 338.666_66),
        }
    }

    /// Whether this size is for a screen rather than paper (landscape, not tiled).
    pub fn is_screen(self) -> bool {
        self == PosterSize::Screen
    }

    /// "A2"
    pub fn name(self) -> &'static str {
        match self {
            PosterSize::A4 => "A4",
            PosterSize::A3 => "A3",
            PosterSize::A2 => "A2",
            PosterSize::A1 => "A1",
            PosterSize::A0 => "A0",
            PosterSize::Screen => "16:9 screen",
        }
    }

    /// "a2", as on the command line and in file names.
    pub fn id(self) -> &'static str {
        match self {
            PosterSize::A4 => "a4",
            PosterSize::A3 => "a3",
            PosterSize::A2 => "a2",
            PosterSize::A1 => "a1",
            PosterSize::A0 => "a0",
            PosterSize::Screen => "screen",
        }
    }
}

/// A decoded logo, the name to use for it in messages (the path the user gave), and what it
/// shows for screen readers when the user said (`--logo-alt`).
#[derive(Debug, Clone, PartialEq)]
pub struct Logo {
    pub name: String,
    pub picture: Arc<Picture>,
    /// The alternative text given; "Logo of {team}" ([`logo_alt`]) when `None`.
    pub alt: Option<String>,
}

/// What to print on the poster beyond the pack.
#[derive(Debug, Clone)]
pub struct PosterOptions {
    pub size: PosterSize,
    pub landscape: bool,
    /// Which setting's ideas to try are shown.
    pub setting: Setting,
    pub team: Option<String>,
    pub logo: Option<Logo>,
    /// `YYYY-MM-DD`, printed with the edition.
    pub date: Option<String>,
}

impl PosterOptions {
    /// Page width and height in points.
    pub fn page_size(&self) -> (f32, f32) {
        let (w, h) = self.size.size_mm();
        if self.landscape {
            (mm(h), mm(w))
        } else {
            (mm(w), mm(h))
        }
    }

    /// "portrait" or "landscape", as the pack's labels print it.
    pub fn orientation(&self, labels: &crate::pack::Labels) -> String {
        labels.get(if self.landscape {
            "poster.landscape"
        } else {
            "poster.portrait"
        })
    }

    /// "A2 portrait", for messages on the terminal.
    pub fn describe(&self) -> String {
        format!(
            "{} {}",
            self.size.name(),
            if self.landscape {
                "landscape"
            } else {
                "portrait"
            }
        )
    }
}

/// The most ideas to try shown per domain.
pub const MAX_IDEAS: usize = 3;

/// A laid-out poster.
#[derive(Debug, Clone)]
pub struct Poster {
    pub frame: Frame,
    /// Each domain's panel: domain id and rectangle, in the pack's order.
    pub panels: Vec<(String, Rect)>,
    /// The central circle: centre x, centre y, radius.
    pub centre: (f32, f32, f32),
    /// Where the logo is drawn.
    pub logo: Option<Rect>,
    /// Ideas to try shown per domain (3, or 2 when three would not fit).
    pub ideas_shown: usize,
    /// Size of the ideas text in the panels.
    pub panel_text_pt: f32,
    /// The smallest text allowed on this paper size.
    pub min_text_pt: f32,
}

/// A text does not fit the poster even at the smallest allowed size.
#[derive(Debug, Clone, PartialEq)]
pub enum PosterError {
    /// A domain's name, belief line and ideas do not fit its panel.
    Panel {
        domain: String,
        poster: String,
        min_pt: f32,
    },
    /// The team name, the pack title, the intro or the citations do not fit their place.
    Text {
        what: &'static str,
        poster: String,
        min_pt: f32,
    },
    /// The design has five places for domains.
    TooManyDomains { count: usize },
}

impl fmt::Display for PosterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PosterError::Panel {
                domain,
                poster,
                min_pt,
            } => write!(
                f,
                "the text for `{domain}` does not fit its panel on an {poster} poster, even at {} pt",
                fmt_pt(*min_pt)
            ),
            PosterError::Text {
                what,
                poster,
                min_pt,
            } => write!(
                f,
                "{what} does not fit on an {poster} poster, even at {} pt",
                fmt_pt(*min_pt)
            ),
            PosterError::TooManyDomains { count } => write!(
                f,
                "the poster has places for 5 domains, but the pack has {count}"
            ),
        }
    }
}

/// "6.5", "13": a size without a trailing ".0".
pub fn fmt_pt(v: f32) -> String {
    let r = (v * 10.0).round() / 10.0;
    if (r - r.round()).abs() < 1e-3 {
        format!("{}", r.round() as i64)
    } else {
        format!("{r:.1}")
    }
}

/// Height of one line of text at `size`, ascender to descender.
fn line_h(size: f32) -> f32 {
    let m = Face::Regular.metrics();
    m.ascent_pt(size) - m.descent_pt(size)
}

/// The first sentence of the pack's intro: the poster's short intro line.
pub fn intro_line(intro: &str) -> &str {
    let intro = intro.trim();
    match intro.find(". ") {
        Some(i) => &intro[..=i],
        None => intro,
    }
}

/// "Ideas to try for hybrid teams"
pub fn ideas_heading(pack: &Pack, setting: Setting) -> String {
    pack.setting_label("poster.ideas", setting, &[])
}

/// The diagram's alternative text: the domains around the secure base, each with its belief
/// line (the `poster.alt` label, filled from the pack).
pub fn diagram_alt(pack: &Pack) -> String {
    let domains: Vec<String> = pack
        .domains
        .iter()
        .map(|d| format!("{}: “{}”", d.name, d.belief))
        .collect();
    pack.labels.fill(
        "poster.alt",
        &[
            ("count", &pack.domains.len().to_string()),
            ("domains", &domains.join("; ")),
        ],
    )
}

/// The logo's alternative text: the text the user gave, else "Logo of {team}" (the
/// `poster.logo_alt` label), with the logo's file name standing in for the team when none is
/// given.
pub fn logo_alt(pack: &Pack, opts: &PosterOptions, logo: &Logo) -> String {
    if let Some(alt) = &logo.alt {
        return alt.clone();
    }
    let team = opts.team.clone().unwrap_or_else(|| {
        std::path::Path::new(&logo.name)
            .file_stem()
            .map_or_else(|| logo.name.clone(), |s| s.to_string_lossy().into_owned())
    });
    pack.labels.fill("poster.logo_alt", &[("team", &team)])
}

/// Lays out the poster.
pub fn poster(pack: &Pack, t: &Template, opts: &PosterOptions) -> Result<Poster, PosterError> {
    if pack.domains.len() > 5 {
        return Err(PosterError::TooManyDomains {
            count: pack.domains.len(),
        });
    }
    let (pw, ph) = opts.page_size();
    let short = pw.min(ph);
    // Everything scales with the page: s = 1 on A4, 2 on A2, 4 on A0.
    let s = short / mm(210.0);
    let style = &t.poster;
    let min = style.min_text_pt_a4 * s;
    let m = style.margin_ratio * short;
    let gap = 0.03 * short;
    let cw = pw - 2.0 * m;
    let describe = opts.describe();
    let too_big = |what: &'static str| PosterError::Text {
        what,
        poster: describe.clone(),
        min_pt: min,
    };
    let mut f = Frame::new(pw, ph);
    let mut texts = Frame::new(pw, ph);
    // Reading order: the title area, the diagram (a figure described in words), the panels'
    // texts, the footer. The diagram's shapes are drawn before the texts that sit on them.
    let mut diagram = Frame::with_role(
        pw,
        ph,
        Role::Figure {
            alt: diagram_alt(pack),
        },
    );
    let mut foot = Frame::new(pw, ph);

    // The title area: team name, title and intro on the left, the logo on the right.
    let logo = opts.logo.as_ref().map(|l| {
        let (lw, lh) = (
            l.picture.width_px.max(1) as f32,
            l.picture.height_px.max(1) as f32,
        );
        let k = (0.22 * cw / lw).min(0.085 * short / lh);
        Rect::new(m + cw - lw * k, m, lw * k, lh * k)
    });
    let text_w = cw - logo.map_or(0.0, |r| r.w + gap);
    let mut y = m;
    if let Some(team) = &opts.team {
        let size = 13.0 * s;
        let p = fit(
            &[Span::new(Face::Bold, team.clone())],
            text_w,
            line_h(size),
            size,
            min,
            1.15,
        )
        .ok_or_else(|| too_big("the team name"))?;
        y += p.place(&mut f, m, y, text_w, Align::Left, t.muted) + 0.45 * size;
    }
    let title_spans = [Span::new(Face::Bold, pack.title.clone())];
    let title_max = 34.0 * s;
    let title = fit(
        &title_spans,
        text_w,
        line_h(title_max),
        title_max,
        title_max * 0.6,
        1.1,
    )
    .or_else(|| {
        fit(
            &title_spans,
            text_w,
            line_h(title_max) + 1.1 * title_max,
            title_max,
            min,
            1.1,
        )
    })
    .ok_or_else(|| too_big("the pack title"))?;
    y += title
        .role(Role::Heading(1))
        .place(&mut f, m, y, text_w, Align::Left, t.text);
    let intro = intro_line(&pack.intro);
    if !intro.is_empty() {
        let size = 11.5 * s;
        y += 0.5 * size;
        let p = fit(
            &[Span::new(Face::Regular, intro)],
            text_w,
            line_h(size) + 1.3 * size,
            size,
            min,
            1.3,
        )
        .ok_or_else(|| too_big("the intro line"))?;
        y += p.place(&mut f, m, y, text_w, Align::Left, t.muted);
    }
    let header_bottom = logo.map_or(y, |r| y.max(r.bottom()));
    // A stripe of the five colours closes the title area.
    let stripe_y = header_bottom + 0.45 * gap;
    let stripe_h = 0.006 * short;
    let n = pack.domains.len().max(1) as f32;
    let seg_gap = 0.004 * short;
    let seg_w = (cw - seg_gap * (n - 1.0)) / n;
    for (i, d) in pack.domains.iter().enumerate() {
        f.rect(
            Rect::new(m + i as f32 * (seg_w + seg_gap), stripe_y, seg_w, stripe_h),
            stripe_h / 2.0,
            Paint::fill(d.colour),
        );
    }
    let diagram_top = stripe_y + stripe_h + gap;

    // The footer: the credit and every citation on the left, the edition on the right.
    let fsz = min;
    let left_w = cw * 0.7;
    let right_w = cw * 0.26;
    let mut left: Vec<(Paragraph, Rgb)> = Vec::new();
    if !pack.footer_citation.is_empty() {
        left.push((
            Paragraph::new(
                &[Span::new(t.italic(), pack.footer_citation.clone())],
                fsz,
                1.25,
                left_w,
            ),
            t.muted,
        ));
    }
    for c in &pack.citations {
        left.push((
            Paragraph::new(&[Span::new(Face::Regular, c.clone())], fsz, 1.25, left_w),
            t.muted,
        ));
    }
    let para_gap = 0.35 * fsz;
    let left_h: f32 = left.iter().map(|(p, _)| p.height()).sum::<f32>()
        + para_gap * left.len().saturating_sub(1) as f32;
    let mut edition = pack
        .labels
        .fill("poster.edition", &[("edition", &pack.edition())]);
    if let Some(d) = &opts.date {
        edition.push_str(&format!(" · {d}"));
    }
    let stamp = Paragraph::new(&[Span::new(Face::Regular, edition)], fsz, 1.25, right_w);
    let footer_h = 0.9 * fsz + left_h.max(stamp.height());
    let rule_y = ph - m - footer_h;
    if footer_h > 0.3 * ph {
        return Err(too_big("the list of citations"));
    }
    f.line((m, rule_y), (m + cw, rule_y), t.rule, 0.0012 * short);
    let mut fy = rule_y + 0.9 * fsz;
    for (p, c) in &left {
        fy += p.place(&mut foot, m, fy, left_w, Align::Left, *c) + para_gap;
    }
    stamp.place(
        &mut foot,
        m + cw - right_w,
        rule_y + 0.9 * fsz,
        right_w,
        Align::Right,
        t.muted,
    );

    // The diagram.
    let area = Rect::new(m, diagram_top, cw, rule_y - gap - diagram_top);
    let (slots, (cx, cy, r)) = places(area, opts.landscape, gap, style.centre_ratio * short);
    let pad = 0.028 * short;
    let heading = ideas_heading(pack, opts.setting);
    let k_max = (14.0 * s).max(min);
    let step = 0.25 * s;
    let most = pack
        .domains
        .iter()
        .map(|d| d.ideas.for_setting(opts.setting).len().min(MAX_IDEAS))
        .max()
        .unwrap_or(0);
    let counts: Vec<usize> = if most > 2 { vec![most, 2] } else { vec![most] };
    let mut chosen: Option<(usize, Vec<PanelText>)> = None;
    let mut misfit = String::new();
    'counts: for &count in &counts {
        let mut k = k_max;
        loop {
            let texts_k: Vec<PanelText> = pack
                .domains
                .iter()
                .zip(slots.iter())
                .map(|(d, slot)| {
                    let ideas = d.ideas.for_setting(opts.setting);
                    PanelText::new(
                        d,
                        &pack.labels,
                        t.italic(),
                        &ideas[..ideas.len().min(count)],
                        &heading,
                        k,
                        slot.inset(pad).w,
                    )
                })
                .collect();
            match pack
                .domains
                .iter()
                .zip(&texts_k)
                .zip(slots.iter())
                .find(|((_, p), slot)| !p.fits(&slot.inset(pad)))
            {
                None => {
                    chosen = Some((count, texts_k));
                    break 'counts;
                }
                Some(((d, _), _)) => {
                    if k <= min + 1e-3 {
                        misfit = d.id.clone();
                        break;
                    }
                    k = (k - step).max(min);
                }
            }
        }
    }
    let Some((ideas_shown, panel_texts)) = chosen else {
        return Err(PosterError::Panel {
            domain: misfit,
            poster: describe,
            min_pt: min,
        });
    };
    let k = panel_texts.first().map_or(k_max, |p| p.k);

    // Spokes from the centre to each panel, under the panels and the circle.
    let spoke_w = 0.006 * short;
    for (d, slot) in pack.domains.iter().zip(slots.iter()) {
        diagram.line(
            (cx, cy),
            (slot.x + slot.w / 2.0, slot.y + slot.h / 2.0),
            d.colour,
            spoke_w,
        );
    }
    let mut panels = Vec::new();
    let radius = 0.018 * short;
    // Low ink: each panel is white inside an outline of its colour (the white hides the spoke),
    // its name in the colour's darker shade and the rest in the text colour.
    let low = t.low_ink();
    let outline = 0.005 * short;
    for ((d, slot), p) in pack.domains.iter().zip(slots.iter()).zip(&panel_texts) {
        let (paint, colours) = if low {
            let paint = Paint {
                fill: Some(Rgb::WHITE),
                ..Paint::stroke(d.colour, outline)
            };
            (paint, (d.colour.on_white(), t.text))
        } else {
            let on = d.colour.text_colour();
            (Paint::fill(d.colour), (on, on))
        };
        diagram.rect(*slot, radius, paint);
        p.place(&mut texts, slot.inset(pad), colours, 0.0015 * short);
        panels.push((d.id.clone(), *slot));
    }
    // The centre: a dark disc, or with low ink a ring.
    diagram.circle(cx, cy, r * 1.08, Paint::fill(Rgb::WHITE));
    let centre_ink = if low {
        diagram.circle(cx, cy, r, Paint::stroke(t.text, outline));
        t.text
    } else {
        diagram.circle(cx, cy, r, Paint::fill(t.text));
        t.text.text_colour()
    };
    let label = fit(
        &[Span::new(Face::Bold, pack.labels.get("poster.centre"))],
        1.45 * r,
        1.2 * r,
        0.36 * r,
        min,
        1.05,
    )
    .ok_or_else(|| too_big("the centre label"))?;
    label.place(
        &mut diagram,
        cx - 0.725 * r,
        cy - label.height() / 2.0,
        1.45 * r,
        Align::Centre,
        centre_ink,
    );
    if let (Some(rect), Some(l)) = (logo, &opts.logo) {
        let mut figure = Frame::with_role(
            pw,
            ph,
            Role::Figure {
                alt: logo_alt(pack, opts, l),
            },
        );
        figure.image(rect, Arc::clone(&l.picture));
        f.push_frame(Point::default(), figure);
    }
    // Text goes on top of every shape.
    f.push_frame(Point::default(), diagram);
    f.items.extend(texts.items);
    f.items.extend(foot.items);
    Ok(Poster {
        frame: f,
        panels,
        centre: (cx, cy, r),
        logo,
        ideas_shown,
        panel_text_pt: k,
        min_text_pt: min,
    })
}

mod panel;
#[cfg(test)]
mod tests;

use panel::{PanelText, places};
