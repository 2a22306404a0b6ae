//! `securebase slides`: the on-screen cue cards, a 16:9 deck for a video call or the room's
//! screen, with the same card codes as the printed cards.

use super::{Context, Outcome, Output, find_domain, find_stage};
use crate::Error;
use crate::config::SlidesJob;
use crate::diag::Diagnostic;
use crate::layout::frame::Document;
use crate::layout::slides::{QUESTION_MIN_PT, SlideOptions, slides};
use crate::pack::Setting;

pub fn run(ctx: &Context, args: &SlidesJob) -> Result<Outcome, Error> {
    let setting: Setting = args.setting;
    ctx.require_setting(setting)?;
    let mut domains = Vec::new();
    if args.domains.is_empty() {
        domains = (0..ctx.pack.domains.len()).collect();
    } else {
        for id in &args.domains {
            let d = find_domain(&ctx.pack, id)?;
            if let Some(i) = ctx.pack.domains.iter().position(|x| x.id == d.id) {
                domains.push(i);
            }
        }
    }
    let stage = find_stage(&ctx.pack, args.stage.as_deref())?;
    let opts = SlideOptions {
        setting,
        domains,
        stage,
        core: args.core,
        team: args.team.clone(),
        date: ctx.date.clone(),
    };
    let mut doc = slides_document(ctx, &opts)?;
    doc.full_screen = args.full_screen;
    let bytes = ctx.render(&doc)?;
    let path = args.output.clone();
    let mut out = ctx.outcome();
    out.stderr.push_str(&format!(
        "wrote {}: {} slides, 16:9\n",
        path.display(),
        doc.pages.len()
    ));
    out.outputs.push(Output::File { path, bytes });
    Ok(out)
}

/// Lays out the slides with the pack's metadata, or explains which question does not fit.
pub fn slides_document(ctx: &Context, opts: &SlideOptions) -> Result<Document, Error> {
    let mut doc = match slides(&ctx.pack, opts) {
        Ok(d) => d,
        Err(overflows) => {
            let first = &overflows[0];
            let q = ctx
                .pack
                .domains
                .iter()
                .flat_map(|d| &d.questions)
                .find(|q| q.id == first.question_id);
            let mut d = Diagnostic::error(format!(
                "question `{}` ({}) does not fit its slide even at {QUESTION_MIN_PT} pt",
                first.question_id, first.code
            ));
            if let Some(q) = q {
                d = d.at(q.location.clone());
            }
            let more = if overflows.len() > 1 {
                format!(
                    " ({} more questions are too long as well)",
                    overflows.len() - 1
                )
            } else {
                String::new()
            };
            return Err(Error::Failed(d.help(format!(
                "shorten the question or move part of it into `follow_up`{more}"
            ))));
        }
    };
    let pack = &ctx.pack;
    let base = ctx.document(
        pack.setting_label("meta.slides_title", opts.setting, &[("title", &pack.title)]),
        pack.setting_label("meta.slides_subject", opts.setting, &[]),
    );
    doc.title = base.title;
    doc.subject = base.subject;
    doc.author = base.author;
    doc.keywords = base.keywords;
    doc.language = base.language;
    doc.date = base.date;
    Ok(doc)
}
