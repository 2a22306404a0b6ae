//! The files of a pack made for a screen: the 16:9 poster, the slides, one fillable handout
//! per domain ready to e-mail and, for an online team, the fillable action plan. An online
//! pack holds them at its top; a hybrid pack in `remote/`, for the people joining on screen.

use super::printed::action_plan_part;
use super::send_plan::ScreenPurpose;
use super::{HandoutUse, handout_opts};
use crate::Error;
use crate::commands::Context;
use crate::commands::handout::handouts_document;
use crate::commands::slides::slides_document;
use crate::layout::frame::Document;
use crate::layout::poster::{Logo, PosterOptions, PosterSize};
use crate::layout::slides::SlideOptions;
use crate::pack::Setting;

/// A file made for the screen: its path inside the pack folder, what it is for, its laid-out
/// document.
#[derive(Debug, Clone)]
pub struct ScreenFile {
    pub file: String,
    pub purpose: ScreenPurpose,
    pub doc: Document,
}

/// The folder of the per-domain handouts, inside the screen files' folder.
pub const HANDOUTS_DIR: &str = "handouts/";

/// The screen files named in `dir` (`""` or `"remote/"`), in folder order: the poster, the
/// slides, the action plan when `with_plan`, then `handouts/<domain id>.pdf` per domain.
pub fn files(
    ctx: &Context,
    setting: Setting,
    team: Option<&str>,
    logo: Option<&Logo>,
    dir: &str,
    with_plan: bool,
) -> Result<Vec<ScreenFile>, Error> {
    let mut out = Vec::new();
    let poster = PosterOptions {
        size: PosterSize::Screen,
        landscape: true,
        setting,
        team: team.map(str::to_string),
        logo: logo.cloned(),
        date: ctx.date.clone(),
    };
    // A screen poster has no paper, so no note about printing it applies.
    let (doc, _) = crate::commands::poster::poster_document(ctx, &poster)?;
    out.push(ScreenFile {
        file: format!("{dir}01-poster-{}.pdf", PosterSize::Screen.id()),
        purpose: ScreenPurpose::Poster,
        doc,
    });
    let slides = SlideOptions {
        setting,
        domains: (0..ctx.pack.domains.len()).collect(),
        stage: None,
        core: false,
        team: team.map(str::to_string),
        date: ctx.date.clone(),
    };
    out.push(ScreenFile {
        file: format!("{dir}02-slides.pdf"),
        purpose: ScreenPurpose::Slides(setting),
        doc: slides_document(ctx, &slides)?,
    });
    if with_plan {
        let (_, doc) = action_plan_part(ctx, team, &format!("{dir}03-action-plan.pdf"), true)?;
        out.push(ScreenFile {
            file: format!("{dir}03-action-plan.pdf"),
            purpose: ScreenPurpose::ActionPlan,
            doc,
        });
    }
    let opts = handout_opts(ctx, setting, team, None, HandoutUse::Email);
    for d in &ctx.pack.domains {
        // Pages cost nothing on a screen: the notes about fitting two pages are for paper.
        let (doc, _) = handouts_document(ctx, &[d], &opts)?;
        out.push(ScreenFile {
            file: format!("{dir}{HANDOUTS_DIR}{}.pdf", d.id),
            purpose: ScreenPurpose::Handouts,
            doc,
        });
    }
    Ok(out)
}
