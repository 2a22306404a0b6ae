//! The files of a pack that go through a printer: the wall poster whole and tiled, the
//! handouts for small groups, the cue cards and the action plan, each laid out and described
//! by a [`PrintedFile`] (paper, pages, sides) for the print plan. The pack renders them all
//! side by side once everything is laid out.

use super::print_plan::{PaperSize, PrintedFile, Purpose, Sides};
use super::{HandoutUse, Job, Kind, Laid, handout_opts};
use crate::Error;
use crate::commands::Context;
use crate::commands::handout::handouts_document;
use crate::config::CardOptions;
use crate::layout::cards::Duplex;
use crate::layout::frame::Document;
use crate::layout::guide::action_plan;
use crate::layout::poster::{Logo, PosterOptions, PosterSize};
use crate::pack::{Domain, Setting};

/// A printed file of the pack: how to print it, and its laid-out document.
pub type Part = (PrintedFile, Document);

/// The overlap between poster tiles in the pack, in millimetres.
const TILE_OVERLAP_MM: f32 = 10.0;

/// A printed file laid out, with its notes for the user.
fn laid(part: Part, notes: String) -> Laid {
    let (file, doc) = part;
    Laid {
        kind: Kind::Printed(file),
        doc,
        notes,
    }
}

/// The jobs that lay out the room's files of an office or hybrid pack, in folder order: the
/// poster whole and tiled, the handouts, the cue cards and the action plan (`fillable` for a
/// hybrid team, who may type into it on the room's screen).
pub fn room<'a>(
    ctx: &'a Context,
    setting: Setting,
    team: Option<&'a str>,
    logo: Option<&'a Logo>,
    poster_size: PosterSize,
    fillable_plan: bool,
) -> Vec<Job<'a>> {
    vec![
        poster_job(ctx, setting, team, logo, poster_size, ""),
        Job::new(Job::HEAVY, move || {
            let (part, notes) = handouts_part(ctx, setting, team)?;
            Ok(vec![laid(part, notes)])
        }),
        cards_job(ctx, setting, ""),
        Job::new(Job::LIGHT, move || {
            let part = action_plan_part(ctx, team, "04-action-plan.pdf", fillable_plan)?;
            Ok(vec![laid(part, String::new())])
        }),
    ]
}

/// The jobs for the files an online team prints only when it asks (`--print`), in `print/`:
/// the poster whole and tiled, and the cue cards.
pub fn extras<'a>(
    ctx: &'a Context,
    setting: Setting,
    team: Option<&'a str>,
    logo: Option<&'a Logo>,
    poster_size: PosterSize,
) -> Vec<Job<'a>> {
    vec![
        poster_job(ctx, setting, team, logo, poster_size, "print/"),
        cards_job(ctx, setting, "print/"),
    ]
}

/// Handouts for small groups in one file: double-sided when every domain starts on a front.
fn handouts_part(
    ctx: &Context,
    setting: Setting,
    team: Option<&str>,
) -> Result<(Part, String), Error> {
    let domains: Vec<&Domain> = ctx.pack.domains.iter().collect();
    let opts = handout_opts(
        ctx,
        setting,
        team,
        None,
        HandoutUse::Print { fillable: false },
    );
    let (doc, notes) = handouts_document(ctx, &domains, &opts)?;
    let even =
        doc.pages.len() % 2 == 0 && doc.bookmarks.windows(2).all(|w| (w[1].1 - w[0].1) % 2 == 0);
    let file = PrintedFile {
        file: "02-handouts.pdf".into(),
        purpose: Purpose::Handouts,
        paper: PaperSize::Office(ctx.template.paper),
        pages: doc.pages.len(),
        sides: if even {
            Sides::DoubleLongEdge
        } else {
            Sides::Single
        },
    };
    Ok(((file, doc), notes))
}

/// The one-page action plan, named `file`.
pub fn action_plan_part(
    ctx: &Context,
    team: Option<&str>,
    file: &str,
    fillable: bool,
) -> Result<Part, Error> {
    let labels = &ctx.pack.labels;
    let mut plan = ctx.document(
        labels.fill("meta.plan_title", &[("title", &ctx.pack.title)]),
        labels.get("meta.plan_subject"),
    );
    plan.pages.push(action_plan(
        &ctx.pack,
        &ctx.template,
        team,
        ctx.date.as_deref(),
        fillable,
    ));
    let printed = PrintedFile {
        file: file.into(),
        purpose: Purpose::ActionPlan { fillable },
        paper: PaperSize::Office(ctx.template.paper),
        pages: 1,
        sides: Sides::Single,
    };
    Ok((printed, plan))
}

/// The job for the poster at its size and tiled on the template's paper for an office printer,
/// laid out once for both and named in `dir`, with the notes for the user (a logo at low
/// resolution, fewer ideas than asked).
fn poster_job<'a>(
    ctx: &'a Context,
    setting: Setting,
    team: Option<&'a str>,
    logo: Option<&'a Logo>,
    size: PosterSize,
    dir: &'a str,
) -> Job<'a> {
    let paper = ctx.template.paper;
    Job::new(Job::HEAVY, move || {
        let opts = PosterOptions {
            size,
            landscape: false,
            setting,
            team: team.map(str::to_string),
            logo: logo.cloned(),
            date: ctx.date.clone(),
        };
        let (doc, tdoc, tiling, warnings) =
            crate::commands::poster::whole_and_tiled(ctx, &opts, paper, TILE_OVERLAP_MM)?;
        let whole = PrintedFile {
            file: format!("{dir}01-poster-{}.pdf", size.id()),
            purpose: Purpose::Poster,
            paper: PaperSize::Poster(size),
            pages: doc.pages.len(),
            sides: Sides::Single,
        };
        let tiled = PrintedFile {
            file: format!("{dir}01-poster-tiled-{}.pdf", paper.id()),
            purpose: Purpose::TiledPoster {
                rows: tiling.rows,
                cols: tiling.cols,
            },
            paper: PaperSize::Office(paper),
            pages: tdoc.pages.len(),
            sides: Sides::Single,
        };
        let notes = warnings.iter().map(|l| format!("{l}\n")).collect();
        Ok(vec![
            laid((whole, doc), notes),
            laid((tiled, tdoc), String::new()),
        ])
    })
}

/// The job for the cue cards, named in `dir`.
fn cards_job<'a>(ctx: &'a Context, setting: Setting, dir: &'a str) -> Job<'a> {
    Job::new(Job::HEAVY, move || {
        Ok(vec![laid(cards_part(ctx, setting, dir)?, String::new())])
    })
}

/// The duplex-ready cue cards for every domain of the setting, named in `dir`.
fn cards_part(ctx: &Context, setting: Setting, dir: &str) -> Result<Part, Error> {
    let (doc, summary) = crate::commands::cards::cards_document(
        ctx,
        &CardOptions {
            setting,
            // The template's usual grid: 8 to a sheet, or 4 in large print.
            per_page: ctx.template.cards.per_page(),
            ..CardOptions::default()
        },
    )?;
    let file = PrintedFile {
        file: format!("{dir}03-cue-cards.pdf"),
        purpose: Purpose::Cards {
            cards: summary.cards,
            per_page: summary.per_page,
        },
        paper: PaperSize::Office(summary.paper),
        pages: summary.pages,
        sides: match summary.duplex {
            Duplex::LongEdge => Sides::DoubleLongEdge,
            Duplex::ShortEdge => Sides::DoubleShortEdge,
            Duplex::None => Sides::Single,
        },
    };
    Ok((file, doc))
}
