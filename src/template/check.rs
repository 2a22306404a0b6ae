//! Every number in a template, checked against a range that makes sense for it.
//!
//! Templates are meant to be copied and edited, so they get the same mistakes as packs: a zero, a
//! typo that adds three digits, `NaN` or `inf` (RON accepts both). Each value out of range is
//! reported where it is written, with the allowed range and the reason in the `help:` line, and
//! every bad value is reported in one run. Values that depend on each other (a grid's smallest
//! and largest text, cards and the sheet) are compared only once each is in range on its own.
//!
//! This module only reads the numbers; layout trusts them afterwards.

use super::{Paper, TemplateFile};
use crate::diag::{Diagnostic, Report, SourceFile, list_words};
use crate::layout::frame::to_mm;
use crate::ron_diag::LazySpans;
use std::sync::Arc;

/// An allowed range for one number, in the unit its name says, and why it is that range.
struct Bound {
    lo: f32,
    hi: f32,
    unit: &'static str,
    why: &'static str,
}

const MARGIN: Bound = Bound {
    lo: 5.0,
    hi: 40.0,
    unit: "mm",
    why: "printers cannot print the outer 5 mm of a sheet, and wider margins leave too little room for the text",
};
const BODY: Bound = Bound {
    lo: 8.0,
    hi: 32.0,
    unit: "pt",
    why: "body text under 8 pt is hard to read, and above 32 pt too few words fit on a line",
};
const SMALL: Bound = Bound {
    lo: 6.0,
    hi: 24.0,
    unit: "pt",
    why: "labels under 6 pt cannot be read, and above 24 pt they crowd the cards",
};
const HEADING: Bound = Bound {
    lo: 8.0,
    hi: 48.0,
    unit: "pt",
    why: "headings under 8 pt do not stand out, and above 48 pt a domain's name no longer fits across a column",
};
const TITLE: Bound = Bound {
    lo: 10.0,
    hi: 72.0,
    unit: "pt",
    why: "a title under 10 pt does not stand out, and above 72 pt it no longer fits across the page",
};
const BELIEF: Bound = Bound {
    lo: 8.0,
    hi: 48.0,
    unit: "pt",
    why: "the belief line under 8 pt is hard to read, and above 48 pt it no longer fits on the back of a card",
};
const FOOTER: Bound = Bound {
    lo: 6.0,
    hi: 24.0,
    unit: "pt",
    why: "the footer under 6 pt cannot be read, and above 24 pt it takes the room of the questions (large print sets it at the body size)",
};
const LEADING: Bound = Bound {
    lo: 1.0,
    hi: 2.0,
    unit: "times the type size",
    why: "below 1 the lines of a paragraph overlap, and above 2 they read as separate lines",
};
const WRITING_GAP: Bound = Bound {
    lo: 12.0,
    hi: 72.0,
    unit: "pt",
    why: "lines closer than 12 pt (4 mm) leave no room to write by hand, and above 72 pt (25 mm) too few fit",
};
const NOTES_MIN: Bound = Bound {
    lo: 36.0,
    hi: 360.0,
    unit: "pt",
    why: "the notes box needs room for two lines of writing, and must fit on a page with the questions (360 pt is about half a page)",
};
const SHEET_MARGIN: Bound = Bound {
    lo: 7.0,
    hi: 40.0,
    unit: "mm",
    why: "cut marks need 6.5 mm round the cards (a 1.5 mm gap, a 2 mm mark and 3 mm the printer cannot reach), and wider margins leave too little room for the cards",
};
const GUTTER: Bound = Bound {
    lo: 0.0,
    hi: 20.0,
    unit: "mm",
    why: "0 puts the cards edge to edge (one cut between them), and wider gaps waste the sheet",
};
const CARD_MARGIN: Bound = Bound {
    lo: 2.0,
    hi: 15.0,
    unit: "mm",
    why: "text closer than 2 mm to a card's edge may be cut off, and wider margins leave small cards no room for the question",
};
const TEXT_MIN: Bound = Bound {
    lo: 6.0,
    hi: 24.0,
    unit: "pt",
    why: "questions shrink down to this size to fit their card; under 6 pt they cannot be read, and above 24 pt long questions fit no card",
};
const TEXT_MAX: Bound = Bound {
    lo: 6.0,
    hi: 48.0,
    unit: "pt",
    why: "questions start at this size and shrink until they fit; above 48 pt a card holds only a few words",
};
const CARD_SIZE: Bound = Bound {
    lo: 20.0,
    hi: 300.0,
    unit: "mm",
    why: "a card smaller than 20 mm cannot hold a question, and no sheet is larger than 300 mm",
};
const POSTER_MIN_TEXT: Bound = Bound {
    lo: 5.0,
    hi: 14.0,
    unit: "pt",
    why: "text under 5 pt on an A4 poster cannot be read, and the ideas start at 14 pt on A4, so a larger minimum leaves nothing to shrink",
};
const POSTER_MARGIN: Bound = Bound {
    lo: 0.02,
    hi: 0.15,
    unit: "of the shorter side",
    why: "under 0.02 (4 mm on A4) the printer cuts the edge off, and above 0.15 the diagram has no room",
};
const POSTER_CENTRE: Bound = Bound {
    lo: 0.05,
    hi: 0.2,
    unit: "of the shorter side",
    why: "the circle's radius: under 0.05 its words do not fit, and above 0.2 the domains' panels beside it get too narrow",
};

/// Cards are at most this many across or down: a card in a grid of 6 x 6 on A4 is already only
/// about 30 mm wide.
const MAX_COLS_ROWS: u8 = 6;
/// The smallest room for text on a card, inside the card margins, in mm.
const MIN_CARD_TEXT_MM: f32 = 20.0;

/// Checks every number of `f`, for printing on `paper`; pushes one error per bad value.
pub(super) fn check_numbers(
    f: &TemplateFile,
    paper: Paper,
    src: &Arc<SourceFile>,
    spans: &LazySpans,
    report: &mut Report,
) {
    let mut c = Checker { src, spans, report };
    let m = &f.margins_mm;
    for (field, v) in [
        ("top", m.top),
        ("right", m.right),
        ("bottom", m.bottom),
        ("left", m.left),
    ] {
        c.number(&format!("margins_mm.{field}"), v, &MARGIN);
    }
    let ts = &f.type_scale;
    for (field, v, bound) in [
        ("body", ts.body, &BODY),
        ("small", ts.small, &SMALL),
        ("heading", ts.heading, &HEADING),
        ("title", ts.title, &TITLE),
        ("belief", ts.belief, &BELIEF),
        ("footer", ts.footer, &FOOTER),
    ] {
        c.number(&format!("type_scale.{field}"), v, bound);
    }
    c.number("leading", f.leading, &LEADING);
    c.number("writing_line_gap_pt", f.writing_line_gap_pt, &WRITING_GAP);
    c.number("notes_min_pt", f.notes_min_pt, &NOTES_MIN);
    let p = &f.poster;
    c.number("poster.min_text_pt_a4", p.min_text_pt_a4, &POSTER_MIN_TEXT);
    c.number("poster.margin_ratio", p.margin_ratio, &POSTER_MARGIN);
    c.number("poster.centre_ratio", p.centre_ratio, &POSTER_CENTRE);
    check_cards(f, paper, &mut c);
}

fn check_cards(f: &TemplateFile, paper: Paper, c: &mut Checker) {
    let cards = &f.cards;
    let sheet_ok = [
        c.number(
            "cards.sheet_margin_mm",
            cards.sheet_margin_mm,
            &SHEET_MARGIN,
        ),
        c.number("cards.gutter_mm", cards.gutter_mm, &GUTTER),
        c.number("cards.card_margin_mm", cards.card_margin_mm, &CARD_MARGIN),
    ]
    .iter()
    .all(|ok| *ok);
    let min_ok = c.number("cards.text_min_pt", cards.text_min_pt, &TEXT_MIN);
    if let Some(n) = cards.default_per_page
        && !cards.grids.iter().any(|g| g.per_page == n)
    {
        let have: Vec<String> = cards.grids.iter().map(|g| g.per_page.to_string()).collect();
        c.report.push(
            Diagnostic::error(format!("`default_per_page: {n}` has no grid"))
                .at(c.spans.locate(c.src, "cards.default_per_page"))
                .help(if have.is_empty() {
                    format!("add a grid for {n} cards per sheet to `grids`")
                } else {
                    format!(
                        "write one of the grids' `per_page` ({}), or add a grid for {n} cards per sheet",
                        list_words(&have.iter().map(String::as_str).collect::<Vec<_>>())
                    )
                }),
        );
    }
    for (i, g) in cards.grids.iter().enumerate() {
        let at = |field: &str| format!("cards.grids[{i}].{field}");
        if let Some(first) = cards.grids[..i]
            .iter()
            .position(|h| h.per_page == g.per_page)
        {
            let first_at = c
                .spans
                .locate(c.src, &format!("cards.grids[{first}].per_page"));
            c.report.push(
                Diagnostic::error(format!("two grids for {} per page", g.per_page))
                    .at(c.spans.locate(c.src, &at("per_page")))
                    .note("the first is here", first_at)
                    .help("keep one grid for each number of cards per sheet"),
            );
        }
        let cols_ok = c.whole(&at("cols"), g.cols, 1, MAX_COLS_ROWS);
        let rows_ok = c.whole(&at("rows"), g.rows, 1, MAX_COLS_ROWS);
        let across_ok = cols_ok && rows_ok;
        if across_ok && u16::from(g.cols) * u16::from(g.rows) != u16::from(g.per_page) {
            c.report.push(
                Diagnostic::error(format!(
                    "grid for {} per page has {} x {} cards",
                    g.per_page, g.cols, g.rows
                ))
                .at(c.spans.locate(c.src, &at("per_page")))
                .help("cols x rows must equal per_page"),
            );
        }
        let max_ok = c.number(&at("text_max_pt"), g.text_max_pt, &TEXT_MAX);
        if min_ok && max_ok && g.text_max_pt < cards.text_min_pt {
            let min_at = c.spans.locate(c.src, "cards.text_min_pt");
            c.report.push(
                Diagnostic::error(format!(
                    "`text_max_pt: {}` is below `text_min_pt: {}`",
                    c.written(&at("text_max_pt"), g.text_max_pt),
                    c.written("cards.text_min_pt", cards.text_min_pt)
                ))
                .at(c.spans.locate(c.src, &at("text_max_pt")))
                .note("`text_min_pt` is set here", min_at)
                .help("a question starts at `text_max_pt` and shrinks down to `text_min_pt`: raise this grid's `text_max_pt` or lower `text_min_pt`"),
            );
        }
        let mut size_ok = true;
        for (field, v) in [("card_w_mm", g.card_w_mm), ("card_h_mm", g.card_h_mm)] {
            if let Some(v) = v {
                size_ok &= c.number(&at(field), v, &CARD_SIZE);
            }
        }
        if sheet_ok && across_ok && size_ok {
            check_grid_fits(f, paper, i, c);
        }
    }
}

/// The grid fits inside the sheet margins, and each card leaves room for text inside its margins.
fn check_grid_fits(f: &TemplateFile, paper: Paper, i: usize, c: &mut Checker) {
    let cards = &f.cards;
    let g = &cards.grids[i];
    let (page_w, page_h) = paper.size_pt();
    let (page_w, page_h) = (to_mm(page_w), to_mm(page_h));
    let inside = |page: f32| page - 2.0 * cards.sheet_margin_mm;
    let fill =
        |page: f32, n: u8| (inside(page) - f32::from(n - 1) * cards.gutter_mm) / f32::from(n);
    let card_w = g.card_w_mm.unwrap_or_else(|| fill(page_w, g.cols));
    let card_h = g.card_h_mm.unwrap_or_else(|| fill(page_h, g.rows));
    let mut fits = true;
    for (field, way, n, card, page) in [
        ("card_w_mm", "wide", g.cols, card_w, page_w),
        ("card_h_mm", "tall", g.rows, card_h, page_h),
    ] {
        let grid = f32::from(n) * card + f32::from(n - 1) * cards.gutter_mm;
        if grid > inside(page) + 0.05 {
            fits = false;
            c.report.push(
                Diagnostic::error(format!(
                    "the grid for {} per page is {grid:.1} mm {way}, but {} paper leaves {:.1} mm inside the sheet margins",
                    g.per_page,
                    paper.name(),
                    inside(page)
                ))
                .at(c.spans.locate(c.src, &format!("cards.grids[{i}].{field}")))
                .help(format!(
                    "make `{field}` smaller, or `gutter_mm` or `sheet_margin_mm`"
                )),
            );
        }
    }
    let need = MIN_CARD_TEXT_MM + 2.0 * cards.card_margin_mm;
    if fits && (card_w < need || card_h < need) {
        let field = match (g.card_w_mm, g.card_h_mm) {
            (Some(_), _) if card_w < need => "card_w_mm",
            (_, Some(_)) if card_h < need => "card_h_mm",
            _ => "per_page",
        };
        c.report.push(
            Diagnostic::error(format!(
                "cards in the grid for {} per page are {card_w:.1} x {card_h:.1} mm, too small to hold a question inside their {} mm margins",
                g.per_page, cards.card_margin_mm
            ))
            .at(c.spans.locate(c.src, &format!("cards.grids[{i}].{field}")))
            .help(format!(
                "a card needs at least {need:.0} mm each way ({MIN_CARD_TEXT_MM:.0} mm for the text and `card_margin_mm` on both sides): use fewer cols or rows, or smaller margins"
            )),
        );
    }
}

struct Checker<'a> {
    src: &'a Arc<SourceFile>,
    spans: &'a LazySpans<'a>,
    report: &'a mut Report,
}

impl Checker<'_> {
    /// The value at `path` as the user wrote it, or as read when it cannot be found.
    fn written(&self, path: &str, v: impl std::fmt::Display) -> String {
        self.spans
            .get(path)
            .and_then(|r| self.src.text.get(r))
            .map_or_else(|| v.to_string(), str::to_string)
    }

    /// Reports `v` unless it is a finite number within `b`; true when it is.
    fn number(&mut self, path: &str, v: f32, b: &Bound) -> bool {
        let what = if v.is_nan() {
            "is not a number"
        } else if v.is_infinite() {
            "is not a finite number"
        } else if v < b.lo {
            "is too small"
        } else if v > b.hi {
            "is too large"
        } else {
            return true;
        };
        let unit = if b.unit.is_empty() {
            String::new()
        } else {
            format!(" {}", b.unit)
        };
        self.out_of_range(
            path,
            v,
            what,
            format!("write a number from {} to {}{unit}: {}", b.lo, b.hi, b.why),
        );
        false
    }

    /// Reports a whole number outside `lo..=hi`; true when it is inside.
    fn whole(&mut self, path: &str, v: u8, lo: u8, hi: u8) -> bool {
        if (lo..=hi).contains(&v) {
            return true;
        }
        let what = if v < lo {
            "is too small"
        } else {
            "is too large"
        };
        self.out_of_range(
            path,
            v,
            what,
            format!(
                "write a whole number from {lo} to {hi}: a grid has at least one card across and down, and cards in more than {hi} rows or columns are too small to read"
            ),
        );
        false
    }

    fn out_of_range(&mut self, path: &str, v: impl std::fmt::Display, what: &str, help: String) {
        let field = path.rsplit('.').next().unwrap_or(path);
        self.report.push(
            Diagnostic::error(format!("`{field}: {}` {what}", self.written(path, v)))
                .at(self.spans.locate(self.src, path))
                .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::super::{BUILTIN_TEMPLATES, from_source};
    use crate::diag::SourceFile;
    use crate::ron_diag::ValueSpans;
    use proptest::prelude::*;
    use std::ops::Range;

    /// Numbers a user might type by mistake.
    const ODD: &[&str] = &[
        "0", "-0.0", "-1", "-1e9", "1e-9", "0.001", "0.5", "255", "256", "999999", "1e30", "1e39",
        "NaN", "inf", "-inf",
    ];

    /// Where the numbers of a template are written.
    fn numbers(text: &str) -> Vec<Range<usize>> {
        ValueSpans::scan(text)
            .iter()
            .map(|(_, r)| r)
            .filter(|r| text[r.clone()].parse::<f64>().is_ok())
            .collect()
    }

    fn replacement() -> impl Strategy<Value = String> {
        prop_oneof![
            proptest::sample::select(ODD).prop_map(str::to_string),
            any::<f32>().prop_map(|v| format!("{v:?}")),
            (-100.0f32..400.0).prop_map(|v| format!("{v}")),
        ]
    }

    #[test]
    fn every_number_of_the_builtin_templates_is_found() {
        for (name, text) in BUILTIN_TEMPLATES {
            // Margins 4, type scale 6, leading, gap, notes, cards 4, poster 3: 20; then 4 per
            // grid, and large print writes its `default_per_page`.
            let (grids, default_per_page) = if *name == "large-print" {
                (1, 1)
            } else {
                (4, 0)
            };
            assert_eq!(
                numbers(text).len(),
                20 + 4 * grids + default_per_page,
                "{name}"
            );
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Loading a built-in template with some of its numbers replaced either gives a template
        /// whose numbers are all in range, or errors that each point into the file; it never
        /// panics, and a number that is not finite is never accepted.
        #[test]
        fn edited_template_loads_or_reports_located_errors(
            which in 0..BUILTIN_TEMPLATES.len(),
            edits in proptest::collection::vec((any::<proptest::sample::Index>(), replacement()), 1..6),
        ) {
            let (_, text) = BUILTIN_TEMPLATES[which];
            let spans = numbers(text);
            let mut chosen: Vec<(Range<usize>, String)> = edits
                .into_iter()
                .map(|(i, v)| (spans[i.index(spans.len())].clone(), v))
                .collect();
            chosen.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
            chosen.dedup_by_key(|(r, _)| r.start);
            let mut edited = text.to_string();
            for (r, v) in &chosen {
                edited.replace_range(r.clone(), v);
            }
            let not_finite = chosen
                .iter()
                .any(|(_, v)| v.parse::<f32>().is_ok_and(|x| !x.is_finite()));
            let lines = edited.lines().count();
            match from_source(&SourceFile::new("mine.ron", edited)) {
                Ok(t) => {
                    prop_assert!(!not_finite, "accepted {chosen:?}");
                    let c = &t.cards;
                    let m = &t.margins_mm;
                    let ts = &t.type_scale;
                    let p = &t.poster;
                    for v in [
                        m.top, m.right, m.bottom, m.left, ts.body, ts.small, ts.heading, ts.title,
                        ts.belief, ts.footer, t.leading, t.writing_line_gap_pt, t.notes_min_pt,
                        c.sheet_margin_mm, c.gutter_mm, c.card_margin_mm, c.text_min_pt,
                        p.min_text_pt_a4, p.margin_ratio, p.centre_ratio,
                    ] {
                        prop_assert!(v.is_finite() && v >= 0.0, "{v} from {chosen:?}");
                    }
                    prop_assert!(t.writing_line_gap_pt >= 12.0 && (1.0..=2.0).contains(&t.leading));
                    for g in &c.grids {
                        prop_assert!(g.cols >= 1 && g.rows >= 1);
                        prop_assert!((c.text_min_pt..=48.0).contains(&g.text_max_pt));
                    }
                }
                Err(report) => {
                    prop_assert!(report.has_errors());
                    for d in &report.0 {
                        let loc = d.location.as_ref();
                        prop_assert!(
                            loc.is_some_and(|l| l.file == "mine.ron"
                                && (1..=lines + 1).contains(&l.line)
                                && l.col >= 1
                                && l.source_line().is_some()),
                            "not located: {d}"
                        );
                    }
                }
            }
        }
    }
}
