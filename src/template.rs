//! Layout templates, written in RON in `packs/templates/`: paper, margins, type scale, colours,
//! writing lines, the card grids and poster proportions. `a4`, `letter` and `large-print` are
//! built in; `--template FILE` reads another. Errors are reported like pack errors.

use crate::diag::{Diagnostic, Report, SourceFile, list_words, unknown};
use crate::layout::page::mm;
use crate::pack::Rgb;
use crate::pack::source::read_text_file;
use crate::ron_diag::parse_ron;
use serde::Deserialize;
use std::path::Path;
use std::sync::Arc;

/// The built-in templates, by name.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = &[
    ("a4", include_str!("../packs/templates/a4.ron")),
    ("letter", include_str!("../packs/templates/letter.ron")),
    (
        "large-print",
        include_str!("../packs/templates/large-print.ron"),
    ),
];

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
    pub grids: Vec<Grid>,
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
    pub cards: Cards,
    pub poster: PosterStyle,
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
    pub cards: Cards,
    pub poster: PosterStyle,
}

impl Template {
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
        match BUILTIN_TEMPLATES.iter().find(|(n, _)| *n == name) {
            Some((n, text)) => from_source(&SourceFile::new(
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

    /// A template by name (built in) or by path (a .ron file), with `paper` overriding its paper.
    /// An unknown built-in name is a usage error; a bad file is reported like a pack error.
    pub fn resolve(spec: Option<&str>, paper: Option<Paper>) -> Result<Template, crate::Error> {
        let spec = spec.unwrap_or(match paper {
            Some(Paper::Letter) => "letter",
            _ => "a4",
        });
        let mut t = if spec.ends_with(".ron") || spec.contains('/') || Path::new(spec).is_file() {
            let src = read_text_file(Path::new(spec)).map_err(crate::Error::Failed)?;
            from_source(&src).map_err(crate::Error::Invalid)?
        } else {
            Template::builtin(spec).map_err(|mut r| match r.0.pop() {
                Some(d) if r.0.is_empty() => crate::Error::Usage(d),
                Some(d) => {
                    r.0.push(d);
                    crate::Error::Invalid(r)
                }
                None => crate::Error::Invalid(r),
            })?
        };
        if let Some(p) = paper {
            t.paper = p;
        }
        Ok(t)
    }
}

/// Parses and checks a template file.
pub fn from_source(src: &Arc<SourceFile>) -> Result<Template, Report> {
    let f: TemplateFile = parse_ron(src, "template").map_err(|d| Report(vec![d]))?;
    let mut report = Report::default();
    let colour = |field: &str, v: &str, report: &mut Report| match Rgb::parse_hex(v) {
        Some(c) => c,
        None => {
            let at = src.find_from(0, &format!("\"{v}\"")).map_or(0, |i| i + 1);
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
            let at = src.find_from(0, &format!("{name}:")).unwrap_or(0);
            report.push(
                Diagnostic::error(format!(
                    "`{name}` colour has {ratio:.1}:1 contrast on white paper; at least 4.5:1 is needed"
                ))
                .at(src.locate(at, name.len()))
                .help("choose a darker grey"),
            );
        }
    }
    let ts = &f.type_scale;
    for (name, v, min) in [
        ("body", ts.body, 8.0),
        ("small", ts.small, 6.0),
        ("footer", ts.footer, 6.0),
        ("heading", ts.heading, 8.0),
        ("title", ts.title, 10.0),
        ("belief", ts.belief, 8.0),
    ] {
        if !(min..=72.0).contains(&v) {
            let at = src.find_from(0, &format!("{name}:")).unwrap_or(0);
            report.push(
                Diagnostic::error(format!("type size `{name}: {v}` is outside {min} to 72 pt"))
                    .at(src.locate(at, name.len())),
            );
        }
    }
    let cards = &f.cards;
    if !(6.0..=cards.text_max_or(6.0)).contains(&cards.text_min_pt) {
        let at = src.find_from(0, "text_min_pt").unwrap_or(0);
        report.push(
            Diagnostic::error(format!(
                "`text_min_pt: {}` must be at least 6 and not above any grid's text_max_pt",
                cards.text_min_pt
            ))
            .at(src.locate(at, 11)),
        );
    }
    for g in &cards.grids {
        if u16::from(g.cols) * u16::from(g.rows) != u16::from(g.per_page) {
            let at = src
                .find_from(0, &format!("per_page: {}", g.per_page))
                .unwrap_or(0);
            report.push(
                Diagnostic::error(format!(
                    "grid for {} per page has {} x {} cards",
                    g.per_page, g.cols, g.rows
                ))
                .at(src.locate(at, 8))
                .help("cols x rows must equal per_page"),
            );
        }
    }
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
        cards: f.cards,
        poster: f.poster,
    })
}

impl Cards {
    fn text_max_or(&self, floor: f32) -> f32 {
        self.grids
            .iter()
            .map(|g| g.text_max_pt)
            .fold(f32::INFINITY, f32::min)
            .max(floor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_templates_load() {
        for (name, _) in BUILTIN_TEMPLATES {
            let t = Template::builtin(name).unwrap_or_else(|r| panic!("{r}"));
            assert_eq!(&t.name, name);
            for n in [4, 6, 8, 9] {
                assert!(t.grid(n).is_some(), "{name} lacks a {n}-up grid");
            }
        }
        assert!(Template::builtin("large-print").unwrap().type_scale.body >= 16.0);
    }
}
