//! The supervisor's one-page sheet for one domain (`handout --for supervision`): the domain and
//! its belief line, the setting of supervision, questions for the supervisor about their own
//! part, questions to explore with the supervisee, the supervisee's self-rating of the belief
//! line and a box for agreed actions. It is a [`Sheet`] laid out like the team handout, on one
//! page: writing lines shrink to fit before a second page is added.

use super::flow::TooTall;
use super::handout::{Ask, Handout, HandoutOptions, Section, Sheet, rating, sheet_layout};
use crate::pack::{Domain, Pack, Part, Setting};
use crate::template::Template;

/// The supervision sheet's questions for `setting`, in the pack's order, as a sheet.
pub fn supervision_sheet(pack: &Pack, domain: &Domain, setting: Setting, core: bool) -> Sheet {
    let l = &pack.labels;
    let setting_words = l.get(&format!("supervision.setting.{}", setting.id()));
    let asks = |part: Part| -> Vec<Ask> {
        domain
            .supervision
            .iter()
            .filter(|q| q.part == part && q.settings.contains(&setting) && (!core || q.core))
            .map(|q| Ask {
                id: q.id.clone(),
                location: Some(q.location.clone()),
                text: q.text.clone(),
                follow_up: q.follow_up.clone(),
            })
            .collect()
    };
    Sheet {
        kicker: l
            .fill(
                "supervision.kicker",
                &[("title", &pack.title), ("setting", &setting_words)],
            )
            .to_uppercase(),
        summary: None,
        how: None,
        rating: Some(rating(pack)),
        rating_before: 1,
        sections: vec![
            Section {
                heading: Some(l.get("supervision.before")),
                summary: l.get("supervision.before_note"),
                asks: asks(Part::Before),
            },
            Section {
                heading: Some(l.get("supervision.together")),
                summary: l.get("supervision.together_note"),
                asks: asks(Part::Together),
            },
        ],
        notes_title: l.get("supervision.actions"),
        notes_id: "actions".to_string(),
    }
}

/// Lays out the supervision sheet, aiming for one page.
pub fn supervision(
    pack: &Pack,
    domain: &Domain,
    t: &Template,
    opts: &HandoutOptions,
) -> Result<Handout, TooTall> {
    let setting = opts.setting.unwrap_or(Setting::Hybrid);
    let sheet = supervision_sheet(pack, domain, setting, opts.core);
    let opts = HandoutOptions {
        max_pages: 1,
        ..opts.clone()
    };
    sheet_layout(pack, domain, t, &opts, &sheet)
}
