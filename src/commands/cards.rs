//! `securebase cards`: cue cards N-up on a sheet, with cut marks and backs placed for duplex
//! printing, or (`--calibration`) the two-sided sheet that measures the printer's drift.
//!
//! [`cards_document`] is the library entry point; the away-day `pack` command calls it too.

use super::{Context, Outcome, Output, find_domain, find_stage};
use crate::Error;
use crate::config::{CardOptions, CardsJob, CardsPrint};
use crate::diag::{Diagnostic, Report};
use crate::layout::cards::{
    CardError, DeckOptions, Duplex, Geometry, Overflow, PER_PAGE, calibration, deck, fits, n_up,
};
use crate::layout::frame::Document;
use crate::pack::{Domain, Pack, Question, select};
use crate::template::{Paper, Template};

/// What was printed, for the summary line and the away-day pack's print instructions.
#[derive(Debug, Clone, PartialEq)]
pub struct CardSummary {
    pub cards: usize,
    pub per_page: u8,
    /// Sheets of paper: one per sheet of fronts (its back is on the other side).
    pub front_sheets: usize,
    /// Pages in the PDF: fronts and backs.
    pub pages: usize,
    pub duplex: Duplex,
    pub paper: Paper,
}

impl CardSummary {
    /// "120 cards on 15 sheets of A4, 8 per sheet, fronts and backs on 30 pages: print
    /// double-sided, flip on long edge, at 100% / actual size"
    pub fn line(&self) -> String {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        let pages = match self.duplex {
            Duplex::None => format!("fronts only on {}", plural(self.pages, "page")),
            _ => format!("fronts and backs on {}", plural(self.pages, "page")),
        };
        format!(
            "{} on {} of {}, {} per sheet, {pages}: {}",
            plural(self.cards, "card"),
            plural(self.front_sheets, "sheet"),
            self.paper.name(),
            self.per_page,
            self.duplex.instruction()
        )
    }
}

pub fn run(ctx: &Context, job: &CardsJob) -> Result<Outcome, Error> {
    let mut out = ctx.outcome();
    let path = job.output.clone();
    match &job.print {
        CardsPrint::Calibration {
            duplex,
            back_offset,
        } => {
            let labels = &ctx.pack.labels;
            let cal = calibration(&ctx.template, labels, *duplex, back_offset.mm());
            let mut doc = ctx.document(
                labels.fill("meta.calibration_title", &[("title", &ctx.pack.title)]),
                labels.get("meta.calibration_subject"),
            );
            doc.pages = cal.pages;
            let bytes = ctx.render(&doc)?;
            out.stderr.push_str(&format!(
                "wrote {}: calibration sheet on 1 sheet of {}, front and back on 2 pages: {}\n",
                path.display(),
                ctx.template.paper.name(),
                duplex.instruction()
            ));
            out.outputs.push(Output::File { path, bytes });
        }
        CardsPrint::Deck(opts) => {
            let (doc, summary) = cards_document(ctx, opts)?;
            let bytes = ctx.render(&doc)?;
            out.stderr
                .push_str(&format!("wrote {}: {}\n", path.display(), summary.line()));
            out.outputs.push(Output::File { path, bytes });
        }
    }
    Ok(out)
}

/// Lays out the cards for `opts` into a document with the pack's metadata. Unknown domains or
/// stages are usage errors; questions that do not fit fail the whole job, naming each one.
pub fn cards_document(ctx: &Context, opts: &CardOptions) -> Result<(Document, CardSummary), Error> {
    let pack = &ctx.pack;
    ctx.require_setting(opts.setting)?;
    let mut domains: Vec<&Domain> = Vec::new();
    for id in &opts.domains {
        let d = find_domain(pack, id)?;
        if !domains.iter().any(|x| x.id == d.id) {
            domains.push(d);
        }
    }
    if domains.is_empty() {
        domains = pack.domains.iter().collect();
    }
    let stage = find_stage(pack, opts.stage.as_deref())?;
    let cards: Vec<(&Domain, &Question)> = domains
        .iter()
        .flat_map(|d| {
            select::questions(pack, d, opts.setting, stage)
                .into_iter()
                .filter(|q| !opts.core || q.core)
                .map(move |q| (*d, q))
        })
        .collect();
    if cards.is_empty() {
        return Err(Error::Failed(
            Diagnostic::error(format!(
                "no questions for `{}` teams in this selection",
                opts.setting
            ))
            .help("choose other domains or another --stage"),
        ));
    }
    let deck_opts = DeckOptions {
        per_page: opts.per_page,
        duplex: opts.duplex,
        back_offset_mm: opts.back_offset.mm(),
        bleed_mm: opts.bleed_mm,
    };
    let t = &ctx.template;
    let mut d = deck(pack, t, &cards, &deck_opts).map_err(|e| card_error(e, pack, t))?;
    crate::layout::cards::stamp_fronts(
        &mut d,
        t,
        &crate::layout::chrome::edition_stamp(pack, ctx.date.as_deref()),
    );
    let mut doc = ctx.document(
        pack.setting_label("meta.cards_title", opts.setting, &[("title", &pack.title)]),
        pack.setting_label(
            "meta.cards_subject",
            opts.setting,
            &[("per_page", &opts.per_page.to_string())],
        ),
    );
    let summary = CardSummary {
        cards: d.cards.len(),
        per_page: opts.per_page,
        front_sheets: d.front_sheets,
        pages: d.pages.len(),
        duplex: opts.duplex,
        paper: t.paper,
    };
    doc.pages = d.pages;
    Ok((doc, summary))
}

/// Turns a layout error into a message for people.
fn card_error(e: CardError, pack: &Pack, t: &Template) -> Error {
    match e {
        CardError::NoGrid { template, per_page } => Error::Failed(
            Diagnostic::error(format!(
                "the template `{template}` has no grid for {per_page} cards per sheet"
            ))
            .help("add one to its `cards: (grids: [...])`, or choose another --per-page"),
        ),
        CardError::GridTooLarge {
            template,
            per_page,
            need_w_mm,
            need_h_mm,
            paper,
        } => Error::Failed(
            Diagnostic::error(format!(
                "the {per_page}-up grid of the template `{template}` needs {need_w_mm:.1} x {need_h_mm:.1} mm, more than a sheet of {paper}"
            ))
            .help("make `card_w_mm` and `card_h_mm` smaller in the template, or choose another --per-page"),
        ),
        CardError::Bleed {
            bleed_mm,
            max_mm,
            gutter_mm,
        } => {
            let why = if max_mm + 0.05 >= gutter_mm / 2.0 {
                format!(
                    "the colour runs into the {gutter_mm} mm gap between cards, so it can take at most half of it"
                )
            } else {
                "the sheet margin must keep room for the cut marks".to_string()
            };
            let message = if bleed_mm.is_finite() && bleed_mm >= 0.0 {
                format!("`--bleed {bleed_mm}` is more than this card grid allows: at most {max_mm} mm")
            } else {
                format!("`--bleed {bleed_mm}` must be a number of millimetres from 0 to {max_mm}")
            };
            Error::Usage(
                Diagnostic::error(message)
                    .help(format!("use --bleed {max_mm} or less: {why}")),
            )
        }
        CardError::Overflow(list) => {
            let mut diags: Vec<Diagnostic> = list
                .iter()
                .map(|o| overflow_diagnostic(o, pack, t, Diagnostic::error(o.message())))
                .collect();
            if diags.len() == 1 {
                Error::Failed(diags.remove(0))
            } else {
                Error::Invalid(Report(diags))
            }
        }
        CardError::BackOverflow { domain, per_page } => Error::Failed(
            Diagnostic::error(format!(
                "the name and belief line of domain `{domain}` do not fit on the back of {} card",
                n_up(per_page)
            ))
            .help("shorten them, or use --per-page 4 for larger cards"),
        ),
    }
}

/// Adds the question's place and a help line (the card sizes where it would fit) to `d`.
fn overflow_diagnostic(o: &Overflow, pack: &Pack, t: &Template, d: Diagnostic) -> Diagnostic {
    let found = pack.domains.iter().find_map(|d| {
        d.questions
            .iter()
            .find(|q| q.id == o.question_id)
            .map(|q| (d, q))
    });
    let larger: Vec<String> = match found {
        Some((domain, q)) => PER_PAGE
            .iter()
            .filter(|&&n| n != o.per_page)
            .filter(|&&n| Geometry::new(t, n, 0.0).is_ok_and(|g| fits(&g, t, pack, domain, q)))
            .map(|n| format!("--per-page {n}"))
            .collect(),
        None => Vec::new(),
    };
    let help = if larger.is_empty() {
        "shorten the question".to_string()
    } else {
        format!(
            "shorten the question, or use {}, where it fits",
            larger.join(" or ")
        )
    };
    d.at(o.location.clone()).help(help)
}

/// Warnings for `securebase check`: questions that would not fit on the default cards (A4,
/// 8 per sheet).
pub fn check_warnings(pack: &Pack) -> Vec<Diagnostic> {
    let Ok(t) = Template::builtin("a4") else {
        return Vec::new();
    };
    let Ok(list) = crate::layout::cards::overflows(pack, &t, 8) else {
        return Vec::new();
    };
    list.iter()
        .map(|o| overflow_diagnostic(o, pack, &t, Diagnostic::warning(o.message())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_line() {
        let s = CardSummary {
            cards: 120,
            per_page: 8,
            front_sheets: 15,
            pages: 30,
            duplex: Duplex::LongEdge,
            paper: Paper::A4,
        };
        assert_eq!(
            s.line(),
            "120 cards on 15 sheets of A4, 8 per sheet, fronts and backs on 30 pages: print double-sided, flip on long edge, at 100% / actual size"
        );
    }
}
