//! Layout templates, written in RON in `packs/templates/`: paper, margins, type scale, colours,
//! writing lines, the card grids and poster proportions, whether italics are used and how much
//! ink the domain colours take. Layout asks the template for its faces ([`Template::italic`],
//! [`Template::markup`]) and its ink ([`Template::low_ink`]) rather than deciding them itself.
//! `a4`, `letter` and `large-print` are built in; `--template FILE` reads another. Errors are
//! reported like pack errors: this file checks the colours, `check.rs` every number, so layout
//! can trust what it is given.

use crate::diag::{Diagnostic, Report, SourceFile, list_words, unknown};
use crate::fonts::Face;
use crate::layout::frame::mm;
use crate::layout::text::{Span, markup};
use crate::pack::Rgb;
use crate::pack::source::read_text_file;
use crate::ron_diag::{LazySpans, parse_ron};
use serde::Deserialize;
use std::path::Path;
use std::sync::Arc;

mod check;

/// The built-in templates, by name.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("a4", include_str!("../packs/templates/a4.ron")),
    ("letter", include_str!("../packs/templates/letter.ron")),
    (
        "large-print",
        include_str!("../packs/templates/large-print.ron"),
    ),
];

/// How much ink the domain colours take on paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Ink {
    /// Panels, card backs and title bands filled with the domain colours.
    #[default]
    Full,
    /// The domain colours as outlines and thin bands on white paper, for an office printer; text
    /// on white takes each colour's darker shade, so contrast stays at 4.5:1 or more.
    Low,
}

/// Sheet sizes the tool prints on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    A4,
    Letter,
}

impl Paper {
    /// Width and height in points, portrait.
    pub fn size_pt(self) -> (f32, f32) {
        match self {
            Paper::A4 => (mm(210.0), mm(297.0)),
            Paper::Letter => (612.0, 792.0),
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Paper::A4 => "A4",
            Paper::Letter => "Letter",
        }
    }
    pub fn id(self) -> &'static str {
        match self {
            Paper::A4 => "a4",
            Paper::Letter => "letter",
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields, rename = "margins")]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

/// Type sizes in points.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields, rename = "type_scale")]
pub struct TypeScale {
    pub body: f32,
    pub small: f32,
    pub heading: f32,
    pub title: f32,
    pub belief: f32,
    pub footer: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "colours")]
pub struct ColoursFile {
    pub text: String,
    pub muted: String,
    pub rule: String,
}

/// A card grid: how many cards across and down, optionally with an exact card size.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields, rename = "grid")]
pub struct Grid {
    pub per_page: u8,
    pub cols: u8,
    pub rows: u8,
    /// Exact card size; when absent the cards fill the sheet inside `sheet_margin_mm`.
    #[serde(default)]
    pub card_w_mm: Option<f32>,
    #[serde(default)]
    pub card_h_mm: Option<f32>,
    /// Largest size for the question on a card of this grid.
    pub text_max_pt: f32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "cards")]
pub struct Cards {
    /// Space kept clear round the grid for crop marks.
    pub sheet_margin_mm: f32,
    pub gutter_mm: f32,
    /// Space between a card's edge and its text.
    pub card_margin_mm: f32,
    /// The smallest the question text may shrink to before the command fails.
    pub text_min_pt: f32,
    /// Cards per sheet when `--per-page` is not given, and in the away-day pack: one of the
    /// grids. Without it, 8 when there is an 8-up grid, else the first grid's.
    #[serde(default)]
    pub default_per_page: Option<u8>,
    pub grids: Vec<Grid>,
}

impl Cards {
    /// Cards per sheet when none is asked for: see [`Cards::default_per_page`].
    pub fn per_page(&self) -> u8 {
        const USUAL: u8 = 8;
        self.default_per_page.unwrap_or_else(|| {
            if self.grids.iter().any(|g| g.per_page == USUAL) {
                USUAL
            } else {
                self.grids.first().map_or(USUAL, |g| g.per_page)
            }
        })
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "poster")]
pub struct PosterStyle {
    /// Smallest text on an A4 poster; larger sheets scale it up with the page.
    pub min_text_pt_a4: f32,
    /// Margin as a share of the poster's shorter side.
    pub margin_ratio: f32,
    /// Radius of the central "Secure base" circle as a share of the shorter side.
    pub centre_ratio: f32,
}

/// A template file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename = "template")]
pub struct TemplateFile {
    pub name: String,
    pub paper: Paper,
    pub margins_mm: Margins,
    pub type_scale: TypeScale,
    /// Line spacing as a multiple of the type size.
    pub leading: f32,
    /// Distance between ruled writing lines, in points.
    pub writing_line_gap_pt: f32,
    /// Smallest height of the "notes and agreed actions" box, in points.
    pub notes_min_pt: f32,
    pub colours: ColoursFile,
    /// Whether lines set apart (belief lines, notes, footers) and emphasis are in italics. Clear
    /// and large print guidance asks for none: `false` sets them upright, emphasis in bold.
    #[serde(default = "italics_by_default")]
    pub italics: bool,
    /// `low` prints the domain colours as outlines and thin bands; `full` (the default) fills.
    #[serde(default)]
    pub ink: Ink,
    pub cards: Cards,
    pub poster: PosterStyle,
}

fn italics_by_default() -> bool {
    true
}

/// A checked template.
#[derive(Debug, Clone)]
pub struct Template {
    pub name: String,
    pub paper: Paper,
    pub margins_mm: Margins,
    pub type_scale: TypeScale,
    pub leading: f32,
    pub writing_line_gap_pt: f32,
    pub notes_min_pt: f32,
    pub text: Rgb,
    pub muted: Rgb,
    pub rule: Rgb,
    /// Whether italic type is used; see [`Template::italic`].
    pub italics: bool,
    /// Filled colours or outlines; `--ink` overrides the template's.
    pub ink: Ink,
    pub cards: Cards,
    pub poster: PosterStyle,
}

impl Template {
    /// The face of a line set apart in italics (a belief line, a note, the citation): Italic, or
    /// Regular when the template has `italics: false`. Layout asks here and never names
    /// `Face::Italic` itself.
    pub fn italic(&self) -> Face {
        if self.italics {
            Face::Italic
        } else {
            Face::Regular
        }
    }

    /// The face of emphasis in running text (`*word*` in guide texts): Italic, or Bold when the
    /// template has `italics: false`.
    pub fn emphasis(&self) -> Face {
        if self.italics {
            Face::Italic
        } else {
            Face::Bold
        }
    }

    /// Whether the domain colours print as outlines and thin bands (`ink: low`, `--ink low`)
    /// rather than filled panels, bands and card backs. Words then sit on white paper, in the
    /// text colour or the domain colour's darker shade (`Rgb::on_white`, 4.5:1 or more).
    pub fn low_ink(&self) -> bool {
        self.ink == Ink::Low
    }

    /// Splits light markup (`**bold**`, `*emphasis*`) into spans, everything else in `base`.
    pub fn markup(&self, s: &str, base: Face) -> Vec<Span> {
        markup(s, base, self.emphasis())
    }

    /// Page width and height in points.
    pub fn page_size(&self) -> (f32, f32) {
        self.paper.size_pt()
    }

    /// The area inside the margins, in points.
    pub fn content_rect(&self) -> crate::layout::Rect {
        let (w, h) = self.page_size();
        let m = &self.margins_mm;
        crate::layout::Rect::new(
            mm(m.left),
            mm(m.top),
            w - mm(m.left) - mm(m.right),
            h - mm(m.top) - mm(m.bottom),
        )
    }

    pub fn grid(&self, per_page: u8) -> Option<&Grid> {
        self.cards.grids.iter().find(|g| g.per_page == per_page)
    }

    /// A built-in template by name.
    pub fn builtin(name: &str) -> Result<Template, Report> {
        from_source(&builtin_source(name)?)
    }

    /// A template by name (built in) or by path (a .ron file), checked for `paper` when given
    /// (it overrides the template's own paper). An unknown built-in name is a usage error; a bad
    /// file is reported like a pack error.
    pub fn resolve(spec: Option<&str>, paper: Option<Paper>) -> Result<Template, crate::Error> {
        let spec = spec.unwrap_or(match paper {
            Some(Paper::Letter) => "letter",
            _ => "a4",
        });
        let src = if spec.ends_with(".ron") || spec.contains('/') || Path::new(spec).is_file() {
            read_text_file(Path::new(spec)).map_err(crate::Error::Failed)?
        } else {
            builtin_source(spec).map_err(|mut r| match r.0.pop() {
                Some(d) if r.0.is_empty() => crate::Error::Usage(d),
                Some(d) => {
                    r.0.push(d);
                    crate::Error::Invalid(r)
                }
                None => crate::Error::Invalid(r),
            })?
        };
        read(&src, paper).map_err(crate::Error::Invalid)
    }
}

/// The text of a built-in template, or an error naming the ones there are.
fn builtin_source(name: &str) -> Result<Arc<SourceFile>, Report> {
    match BUILTIN_TEMPLATES.iter().find(|(n, _)| *n == name) {
        Some((n, text)) => Ok(SourceFile::new(
            format!("<built-in>/templates/{n}.ron"),
            *text,
        )),
        None => {
            let names: Vec<&str> = BUILTIN_TEMPLATES.iter().map(|(n, _)| *n).collect();
            Err(Report(vec![unknown("template", name, &names).help(
                format!(
                    "use one of {} or the path of a template .ron file",
                    list_words(&names)
                ),
            )]))
        }
    }
}

/// Parses and checks a template file, for the paper it names.
pub fn from_source(src: &Arc<SourceFile>) -> Result<Template, Report> {
    read(src, None)
}

/// Parses and checks a template file for `paper`, or for the paper it names when `None`: the
/// cards must fit the sheet they will be printed on.
fn read(src: &Arc<SourceFile>, paper: Option<Paper>) -> Result<Template, Report> {
    let mut f: TemplateFile = parse_ron(src, "template").map_err(|d| Report(vec![d]))?;
    if let Some(p) = paper {
        f.paper = p;
    }
    let mut report = Report::default();
    // Where each value is written, found only if a message needs it.
    let spans = LazySpans::new(&src.text);
    let colour = |field: &str, v: &str, report: &mut Report| match Rgb::parse_hex(v) {
        Some(c) => c,
        None => {
            let at = spans
                .get(&format!("colours.{field}"))
                .map_or(0, |r| r.start + 1);
            report.push(
                Diagnostic::error(format!(
                    "colour `{v}` for `{field}` is not a #RRGGBB colour"
                ))
                .at(src.locate(at, v.chars().count().max(1)))
                .help("write a colour as \"#1A1A1A\""),
            );
            Rgb::BLACK
        }
    };
    let text = colour("text", &f.colours.text, &mut report);
    let muted = colour("muted", &f.colours.muted, &mut report);
    let rule = colour("rule", &f.colours.rule, &mut report);
    for (name, c) in [("text", text), ("muted", muted)] {
        let ratio = c.contrast(Rgb::WHITE);
        if ratio < 4.5 {
            report.push(
                Diagnostic::error(format!(
                    "`{name}` colour has {ratio:.1}:1 contrast on white paper; at least 4.5:1 is needed"
                ))
                .at(spans.locate(src, &format!("colours.{name}")))
                .help("choose a darker grey"),
            );
        }
    }
    check::check_numbers(&f, f.paper, src, &spans, &mut report);
    // In the order they are written, so the file can be fixed from top to bottom.
    report
        .0
        .sort_by_key(|d| d.location.as_ref().map(|l| (l.line, l.col)));
    if report.has_errors() {
        return Err(report);
    }
    Ok(Template {
        name: f.name,
        paper: f.paper,
        margins_mm: f.margins_mm,
        type_scale: f.type_scale,
        leading: f.leading,
        writing_line_gap_pt: f.writing_line_gap_pt,
        notes_min_pt: f.notes_min_pt,
        text,
        muted,
        rule,
        italics: f.italics,
        ink: f.ink,
        cards: f.cards,
        poster: f.poster,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_templates_load() {
        for (name, _) in BUILTIN_TEMPLATES {
            let t = Template::builtin(name).unwrap_or_else(|r| panic!("{r}"));
            assert_eq!(&t.name, name);
            assert!(t.grid(t.cards.per_page()).is_some(), "{name}");
        }
        for name in ["a4", "letter"] {
            let t = Template::builtin(name).unwrap_or_else(|r| panic!("{r}"));
            for n in [4, 6, 8, 9] {
                assert!(t.grid(n).is_some(), "{name} lacks a {n}-up grid");
            }
            assert_eq!(t.cards.per_page(), 8);
            assert!(t.type_scale.body >= 11.0 && t.italics && t.ink == Ink::Full);
        }
    }

    /// The UK clear and large print guidance: body text at 18 pt and nothing smaller (labels,
    /// page numbers, footers, the questions on cards), no italics.
    #[test]
    fn large_print_follows_the_guidance() {
        let t = Template::builtin("large-print").unwrap_or_else(|r| panic!("{r}"));
        let ts = t.type_scale;
        assert_eq!(ts.body, 18.0);
        for size in [ts.small, ts.footer, ts.heading, ts.title, ts.belief] {
            assert!(size >= ts.body, "{size}");
        }
        assert!(t.cards.text_min_pt >= ts.body);
        assert!(!t.italics);
        assert_eq!((t.italic(), t.emphasis()), (Face::Regular, Face::Bold));
        // Cards at 18 pt need the larger cards: four to a sheet.
        assert_eq!(t.cards.per_page(), 4);
    }
}
