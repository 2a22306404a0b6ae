//! `securebase handout`: one domain's questions on one or two pages, or all domains in one PDF
//! with a bookmark each.

use super::{Context, Outcome, Output, find_domain, find_stage};
use crate::Error;
use crate::cli::{AudienceArg, Cli, HandoutArgs};
use crate::diag::Diagnostic;
use crate::layout::frame::Document;
use crate::layout::handout::{HandoutOptions, handout};
use crate::layout::supervision::supervision;
use crate::pack::{Domain, Setting};
use crate::render::pdf;
use std::path::PathBuf;

pub fn run(cli: &Cli, args: &HandoutArgs) -> Result<Outcome, Error> {
    let ctx = Context::new(cli)?;
    let setting: Setting = args.setting.into();
    ctx.require_setting(setting)?;
    let domains: Vec<&Domain> = if args.domain == "all" {
        ctx.pack.domains.iter().collect()
    } else {
        vec![find_domain(&ctx.pack, &args.domain)?]
    };
    let stage = find_stage(&ctx.pack, args.stage.as_deref(), setting)?;
    let for_supervision = args.audience == AudienceArg::Supervision;
    if for_supervision && stage.is_some() {
        return Err(Error::Usage(
            Diagnostic::error(
                "the supervision sheet is not grouped in stages, so --stage does not apply",
            )
            .help("leave out --stage, or leave out --for supervision"),
        ));
    }
    let opts = HandoutOptions {
        setting: Some(setting),
        stage,
        lines: args.lines,
        max_pages: 2,
        participant: None,
        team: None,
        date: ctx.date.clone(),
        fillable: args.fillable,
        core: args.core,
        supervision: for_supervision,
    };
    let (doc, notes) = handouts_document(&ctx, &domains, &opts);
    let bytes = pdf::render(&doc).map_err(|e| Error::failed(e.to_string()))?;
    let path = args.output.clone().unwrap_or_else(|| {
        let kind = if for_supervision {
            "supervision"
        } else {
            "handout"
        };
        PathBuf::from(format!("{kind}-{}-{}.pdf", args.domain, setting.id()))
    });
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
) -> (Document, String) {
    let setting = opts.setting.unwrap_or(Setting::Hybrid);
    let mut doc = ctx.document(
        if domains.len() == 1 {
            format!("{}: handout ({})", domains[0].name, setting.id())
        } else {
            format!("{}: handouts ({})", ctx.pack.title, setting.id())
        },
        format!("Reflective questions for {} teams", setting.id()),
    );
    let mut notes = String::new();
    for d in domains {
        let h = if opts.supervision {
            supervision(&ctx.pack, d, &ctx.template, opts)
        } else {
            handout(&ctx.pack, d, &ctx.template, opts)
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
    (doc, notes)
}
