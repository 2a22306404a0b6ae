//! `securebase slides`: the on-screen cue cards, a 16:9 deck for a video call or the room's
//! screen, with the same card codes as the printed cards.

use super::{Context, Outcome, Output, find_domain, find_stage};
use crate::Error;
use crate::cli::{Cli, SlidesArgs};
use crate::diag::Diagnostic;
use crate::layout::slides::{QUESTION_MIN_PT, SlideOptions, slides};
use crate::pack::Setting;
use crate::render::pdf;
use std::path::PathBuf;

pub fn run(cli: &Cli, args: &SlidesArgs) -> Result<Outcome, Error> {
    let ctx = Context::new(cli)?;
    let setting: Setting = args.setting.into();
    ctx.require_setting(setting)?;
    let mut domains = Vec::new();
    if args.domains.is_empty() || args.domains.iter().any(|d| d == "all") {
        domains = (0..ctx.pack.domains.len()).collect();
    } else {
        for id in &args.domains {
            let d = find_domain(&ctx.pack, id)?;
            if let Some(i) = ctx.pack.domains.iter().position(|x| x.id == d.id) {
                domains.push(i);
            }
        }
    }
    let stage = find_stage(&ctx.pack, args.stage.as_deref(), setting)?;
    let opts = SlideOptions {
        setting,
        domains,
        stage,
        core: args.core,
        team: args.team.clone(),
        date: ctx.date.clone(),
    };
    let mut doc = match slides(&ctx.pack, &opts) {
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
                d = d.at(crate::diag::Location::bare(
                    q.origin.file.clone(),
                    q.origin.line,
                    1,
                ));
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
    let base = ctx.document(
        format!("{}: slides ({})", ctx.pack.title, setting.id()),
        format!("On-screen cue cards for {} teams", setting.id()),
    );
    doc.title = base.title;
    doc.subject = base.subject;
    doc.author = base.author;
    doc.keywords = base.keywords;
    doc.language = base.language;
    doc.date = base.date;
    doc.full_screen = args.full_screen;
    let bytes = pdf::render(&doc).map_err(|e| Error::failed(e.to_string()))?;
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(format!("slides-{}.pdf", setting.id())));
    let mut out = ctx.outcome();
    out.stderr.push_str(&format!(
        "wrote {}: {} slides, 16:9\n",
        path.display(),
        doc.pages.len()
    ));
    out.outputs.push(Output::File { path, bytes });
    Ok(out)
}
