//! The files of a pack made for a screen: the 16:9 poster, the slides, one fillable handout
//! per domain ready to e-mail and, for an online team, the fillable action plan. An online
//! pack holds them at its top; a hybrid pack in `remote/`, for the people joining on screen.

use super::printed::action_plan_part;
use super::send_plan::ScreenPurpose;
use super::{HandoutUse, Job, Kind, Laid, handout_opts};
use crate::commands::Context;
use crate::commands::handout::handouts_document;
use crate::commands::slides::slides_document;
use crate::layout::frame::Document;
use crate::layout::poster::{Logo, PosterOptions, PosterSize};
use crate::layout::slides::SlideOptions;
use crate::pack::Setting;

/// A file made for the screen: its path inside the pack folder and what it is for.
#[derive(Debug, Clone)]
pub struct ScreenFile {
    pub file: String,
    pub purpose: ScreenPurpose,
}

/// The folder of the per-domain handouts, inside the screen files' folder.
pub const HANDOUTS_DIR: &str = "handouts/";

/// A screen file laid out; pages cost nothing on a screen, so no note about fitting pages or
/// paper applies.
fn laid(file: String, purpose: ScreenPurpose, doc: Document) -> Vec<Laid> {
    vec![Laid {
        kind: Kind::Screen(ScreenFile { file, purpose }),
        doc,
        notes: String::new(),
    }]
}

/// The jobs that lay out the screen files named in `dir` (`""` or `"remote/"`), in folder
/// order: the poster, the slides, the action plan when `with_plan`, then
/// `handouts/<domain id>.pdf` per domain.
pub fn jobs<'a>(
    ctx: &'a Context,
    setting: Setting,
    team: Option<&'a str>,
    logo: Option<&'a Logo>,
    dir: &'a str,
    with_plan: bool,
) -> Vec<Job<'a>> {
    let mut jobs = vec![
        Job::new(Job::LIGHT, move || {
            let poster = PosterOptions {
                size: PosterSize::Screen,
                landscape: true,
                setting,
                team: team.map(str::to_string),
                logo: logo.cloned(),
                date: ctx.date.clone(),
            };
            let (doc, _) = crate::commands::poster::poster_document(ctx, &poster)?;
            let file = format!("{dir}01-poster-{}.pdf", PosterSize::Screen.id());
            Ok(laid(file, ScreenPurpose::Poster, doc))
        }),
        Job::new(Job::HEAVY, move || {
            let slides = SlideOptions {
                setting,
                domains: (0..ctx.pack.domains.len()).collect(),
                stage: None,
                core: false,
                team: team.map(str::to_string),
                date: ctx.date.clone(),
            };
            let doc = slides_document(ctx, &slides)?;
            let file = format!("{dir}02-slides.pdf");
            Ok(laid(file, ScreenPurpose::Slides(setting), doc))
        }),
    ];
    if with_plan {
        jobs.push(Job::new(Job::LIGHT, move || {
            let file = format!("{dir}03-action-plan.pdf");
            let (_, doc) = action_plan_part(ctx, team, &file, true)?;
            Ok(laid(file, ScreenPurpose::ActionPlan, doc))
        }));
    }
    for d in &ctx.pack.domains {
        jobs.push(Job::new(Job::LIGHT, move || {
            let opts = handout_opts(ctx, setting, team, None, HandoutUse::Email);
            let (doc, _) = handouts_document(ctx, &[d], &opts)?;
            let file = format!("{dir}{HANDOUTS_DIR}{}.pdf", d.id);
            Ok(laid(file, ScreenPurpose::Handouts, doc))
        }));
    }
    jobs
}
