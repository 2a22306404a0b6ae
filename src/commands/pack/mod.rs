//! `securebase pack`: everything a trainer prints for an away day, in one folder, with a
//! facilitator guide and print instructions. The folder is written under a temporary name and
//! renamed at the end, so an error never leaves half a pack.
//!
//! This module lays out and renders each file and records how to print it in a
//! [`print_plan::PrintPlan`]; `print_plan` turns the plan into words, and `personal` makes the
//! personal copies of the handouts.

pub mod personal;
pub mod print_plan;

use super::handout::handouts_document;
use super::{Context, Outcome, Output};
use crate::Error;
use crate::config::{CardOptions, PackJob};
use crate::layout::cards::Duplex;
use crate::layout::chrome::edition_stamp;
use crate::layout::frame::Document;
use crate::layout::guide::{GuideOptions, action_plan, guide};
use crate::layout::handout::HandoutOptions;
use crate::layout::poster::{PosterOptions, PosterSize};
use crate::pack::{Domain, Setting};
use crate::roster;
use crate::template::Paper;
use print_plan::{PaperSize, PrintPlan, PrintedFile, Purpose, Sides};
use std::path::PathBuf;

/// A file of the pack: how to print it, and its pages (rendered together at the end).
type Part = (PrintedFile, Document);

/// The overlap between poster tiles in the pack, in millimetres.
const TILE_OVERLAP_MM: f32 = 10.0;

fn handout_opts(
    ctx: &Context,
    setting: Setting,
    team: Option<&str>,
    participant: Option<&str>,
) -> HandoutOptions {
    HandoutOptions {
        setting: Some(setting),
        stage: None,
        lines: 2,
        max_pages: 2,
        participant: participant.map(str::to_string),
        team: team.map(str::to_string),
        date: ctx.date.clone(),
        fillable: false,
        core: false,
        supervision: false,
    }
}

pub fn run(ctx: &Context, job: &PackJob) -> Result<Outcome, Error> {
    let setting = job.setting;
    ctx.require_setting(setting)?;
    let team = job.team.as_deref();
    let roster = job.participants.as_deref().map(roster::read).transpose()?;
    let paper = ctx.template.paper;
    let mut parts: Vec<Part> = Vec::new();
    let mut notes = String::new();

    // Posters.
    let (posters, poster_notes) = poster_parts(ctx, setting, team, job.poster_size, paper)?;
    notes.push_str(&poster_notes);
    parts.extend(posters);

    // Handouts for small groups: double-sided when every domain starts on a front.
    let domains: Vec<&Domain> = ctx.pack.domains.iter().collect();
    let (doc, hnotes) = handouts_document(ctx, &domains, &handout_opts(ctx, setting, team, None))?;
    notes.push_str(&hnotes);
    let even =
        doc.pages.len() % 2 == 0 && doc.bookmarks.windows(2).all(|w| (w[1].1 - w[0].1) % 2 == 0);
    let handouts = PrintedFile {
        file: "02-handouts.pdf".into(),
        purpose: Purpose::Handouts,
        paper: PaperSize::Office(paper),
        pages: doc.pages.len(),
        sides: if even {
            Sides::DoubleLongEdge
        } else {
            Sides::Single
        },
    };
    parts.push((handouts, doc));

    parts.push(cards_part(ctx, setting)?);

    // Action plan.
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
    ));
    let action = PrintedFile {
        file: "04-action-plan.pdf".into(),
        purpose: Purpose::ActionPlan,
        paper: PaperSize::Office(paper),
        pages: 1,
        sides: Sides::Single,
    };
    parts.push((action, plan));

    // The guide goes first, and describes every other part.
    let files: Vec<PrintedFile> = parts.iter().map(|(f, _)| f.clone()).collect();
    let gopts = GuideOptions {
        setting,
        team: team.map(str::to_string),
        date: ctx.date.clone(),
        items: print_plan::guide_items(labels, &files, roster.is_some()),
    };
    let mut gdoc = ctx.document(
        labels.fill("meta.guide_title", &[("title", &ctx.pack.title)]),
        labels.get("meta.guide_subject"),
    );
    gdoc.pages = guide(&ctx.pack, &ctx.template, &gopts)?;
    let guide_file = PrintedFile {
        file: "00-facilitator-guide.pdf".into(),
        purpose: Purpose::Guide,
        paper: PaperSize::Office(paper),
        pages: gdoc.pages.len(),
        sides: Sides::DoubleLongEdge,
    };
    parts.insert(0, (guide_file, gdoc));

    let personal = match &roster {
        Some(people) => personal::handouts(ctx, setting, team, &domains, people)?,
        None => Vec::new(),
    };
    let (files, docs): (Vec<PrintedFile>, Vec<Document>) = parts.into_iter().unzip();
    // The files do not depend on each other: render them side by side.
    let bytes = ctx.render_all(&docs.iter().collect::<Vec<_>>())?;
    let plan = PrintPlan {
        personal: personal.len(),
        files,
    };
    let table = print_plan::table(labels, &plan);
    let edition = edition_stamp(&ctx.pack, ctx.date.as_deref());
    let print_txt = print_plan::print_txt(&ctx.pack, &edition, team, setting, &table);
    let mut written: Vec<(PathBuf, Vec<u8>)> = plan
        .files
        .iter()
        .zip(bytes)
        .map(|(f, b)| (PathBuf::from(&f.file), b))
        .collect();
    written.extend(personal);
    written.push((PathBuf::from("PRINT.txt"), print_txt.into_bytes()));

    let mut out = ctx.outcome();
    out.stderr.push_str(&notes);
    out.stdout = table;
    let total: usize = written.iter().map(|(_, b)| b.len()).sum();
    out.stderr.push_str(&format!(
        "wrote {}/: {} files, {:.1} MB\n",
        job.output.display(),
        written.len(),
        total as f64 / 1_000_000.0
    ));
    out.outputs.push(Output::Dir {
        path: job.output.clone(),
        files: written,
        force: job.force,
    });
    Ok(out)
}

/// The poster at its size, and tiled on the pack's paper for an office printer, with the notes
/// for the user (a logo at low resolution, fewer ideas than asked).
fn poster_parts(
    ctx: &Context,
    setting: Setting,
    team: Option<&str>,
    size: PosterSize,
    paper: Paper,
) -> Result<(Vec<Part>, String), Error> {
    let opts = PosterOptions {
        size,
        landscape: false,
        setting,
        team: team.map(str::to_string),
        logo: None,
        date: ctx.date.clone(),
    };
    let (doc, warnings) = super::poster::poster_document(ctx, &opts)?;
    let whole = PrintedFile {
        file: format!("01-poster-{}.pdf", size.id()),
        purpose: Purpose::Poster,
        paper: PaperSize::Poster(size),
        pages: doc.pages.len(),
        sides: Sides::Single,
    };
    let (tdoc, tiling, twarnings) =
        super::poster::tiled_document(ctx, &opts, paper, TILE_OVERLAP_MM)?;
    let tiled = PrintedFile {
        file: format!("01-poster-tiled-{}.pdf", paper.id()),
        purpose: Purpose::TiledPoster {
            rows: tiling.rows,
            cols: tiling.cols,
        },
        paper: PaperSize::Office(paper),
        pages: tdoc.pages.len(),
        sides: Sides::Single,
    };
    let notes = warnings
        .iter()
        .chain(&twarnings)
        .map(|l| format!("{l}\n"))
        .collect();
    Ok((vec![(whole, doc), (tiled, tdoc)], notes))
}

/// The duplex-ready cue cards for every domain of the setting.
fn cards_part(ctx: &Context, setting: Setting) -> Result<Part, Error> {
    let (doc, summary) = super::cards::cards_document(
        ctx,
        &CardOptions {
            setting,
            ..CardOptions::default()
        },
    )?;
    let file = PrintedFile {
        file: "03-cue-cards.pdf".into(),
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
