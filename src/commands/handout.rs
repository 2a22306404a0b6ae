//! `securebase handout`: one domain's questions on one or two pages, or all domains in one PDF
//! with a bookmark each.

use super::{Context, Outcome, Output, find_domain, find_stage};
use crate::Error;
use crate::config::{Audience, DomainChoice, HandoutJob};
use crate::layout::frame::Document;
use crate::layout::handout::{HandoutOptions, handout};
use crate::layout::supervision::supervision;
use crate::pack::{Domain, Setting};

pub fn run(ctx: &Context, job: &HandoutJob) -> Result<Outcome, Error> {
    let setting = job.setting;
    ctx.require_setting(setting)?;
    let domains: Vec<&Domain> = match &job.domains {
        DomainChoice::All => ctx.pack.domains.iter().collect(),
        DomainChoice::One(id) => vec![find_domain(&ctx.pack, id)?],
    };
    let stage = find_stage(&ctx.pack, job.stage.as_deref())?;
    let opts = HandoutOptions {
        setting: Some(setting),
        stage,
        lines: job.lines,
        max_pages: 2,
        participant: None,
        team: None,
        date: ctx.date.clone(),
        fillable: job.fillable,
        core: job.core,
        supervision: job.audience == Audience::Supervision,
    };
    let (doc, notes) = handouts_document(ctx, &domains, &opts)?;
    let bytes = ctx.render(&doc)?;
    let path = job.output.clone();
    let mut out = ctx.outcome();
    out.stderr.push_str(&notes);
    out.stderr.push_str(&format!(
        "wrote {}: {} page{}, {} domain{}\n",
        path.display(),
        doc.pages.len(),
        if doc.pages.len() == 1 { "" } else { "s" },
        domains.len(),
        if domains.len() == 1 { "" } else { "s" },
    ));
    out.outputs.push(Output::File { path, bytes });
    Ok(out)
}

/// Lays out handouts for several domains into one document with a bookmark per domain.
/// Returns the document and notes for the user (writing lines reduced, extra pages).
pub fn handouts_document(
    ctx: &Context,
    domains: &[&Domain],
    opts: &HandoutOptions,
) -> Result<(Document, String), Error> {
    let setting = opts.setting.unwrap_or(Setting::Hybrid);
    let pack = &ctx.pack;
    let mut doc = ctx.document(
        if domains.len() == 1 {
            pack.setting_label(
                "meta.handout_title",
                setting,
                &[("domain", &domains[0].name)],
            )
        } else {
            pack.setting_label("meta.handouts_title", setting, &[("title", &pack.title)])
        },
        pack.setting_label("meta.handout_subject", setting, &[]),
    );
    let mut notes = String::new();
    for d in domains {
        let h = if opts.supervision {
            supervision(&ctx.pack, d, &ctx.template, opts)?
        } else {
            handout(&ctx.pack, d, &ctx.template, opts)?
        };
        if h.lines_used < opts.lines {
            notes.push_str(&format!(
                "note: {}: {} writing line{} per question instead of {}, so the {} questions fit on {} page{}\n",
                d.id,
                h.lines_used,
                if h.lines_used == 1 { "" } else { "s" },
                opts.lines,
                h.questions,
                h.pages.len(),
                if h.pages.len() == 1 { "" } else { "s" }
            ));
        }
        if h.pages.len() > opts.max_pages {
            notes.push_str(&format!(
                "note: {}: the handout needs {} pages even with {} writing line per question\n",
                d.id,
                h.pages.len(),
                h.lines_used
            ));
        }
        doc.bookmarks.push((d.name.clone(), doc.pages.len()));
        doc.pages.extend(h.pages);
    }
    Ok((doc, notes))
}
