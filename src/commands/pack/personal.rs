//! Personal copies of the handouts, one PDF per person on the roster with their name in the
//! header; each is a job of its own, laid out and rendered side by side with the pack's other
//! files.

use super::{Job, Kind, Laid};
use crate::commands::Context;
use crate::commands::handout::handouts_document;
use crate::layout::handout::HandoutOptions;
use crate::pack::Domain;
use crate::roster::Participant;
use std::path::PathBuf;

/// Files to write: path inside the pack folder and bytes.
pub type Files = Vec<(PathBuf, Vec<u8>)>;

/// The jobs that lay out `<dir><file stem>.pdf` for each person, in roster order, with `opts`
/// and the person's name.
pub fn jobs<'a>(
    ctx: &'a Context,
    opts: &'a HandoutOptions,
    domains: &'a [&'a Domain],
    people: &'a [Participant],
    dir: &'a str,
) -> Vec<Job<'a>> {
    people
        .iter()
        .map(|p| {
            Job::new(Job::HEAVY, move || {
                let mine = HandoutOptions {
                    participant: Some(p.name.clone()),
                    ..opts.clone()
                };
                // The notes about fitting pages were given for the shared handouts.
                let (mut doc, _) = handouts_document(ctx, domains, &mine)?;
                doc.title = ctx.pack.labels.fill(
                    "meta.personal_title",
                    &[("title", &ctx.pack.title), ("name", &p.name)],
                );
                Ok(vec![Laid {
                    kind: Kind::Personal(PathBuf::from(format!("{dir}{}.pdf", p.file_stem))),
                    doc,
                    notes: String::new(),
                }])
            })
        })
        .collect()
}
