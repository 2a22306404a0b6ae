//! Personal copies of the handouts, one PDF per person on the roster with their name in the
//! header, laid out and rendered on all cores.

use crate::Error;
use crate::commands::Context;
use crate::commands::handout::handouts_document;
use crate::layout::handout::HandoutOptions;
use crate::pack::Domain;
use crate::roster::Participant;
use std::path::PathBuf;

/// Files to write: path inside the pack folder and bytes.
pub type Files = Vec<(PathBuf, Vec<u8>)>;

/// `<dir><file stem>.pdf` for each person, in roster order, laid out with `opts` and the
/// person's name.
pub fn handouts(
    ctx: &Context,
    opts: &HandoutOptions,
    domains: &[&Domain],
    people: &[Participant],
    dir: &str,
) -> Result<Files, Error> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(people.len().max(1));
    let chunk = people.len().div_ceil(threads);
    let one = |p: &Participant| -> Result<(PathBuf, Vec<u8>), Error> {
        let mine = HandoutOptions {
            participant: Some(p.name.clone()),
            ..opts.clone()
        };
        let (mut doc, _) = handouts_document(ctx, domains, &mine)?;
        doc.title = ctx.pack.labels.fill(
            "meta.personal_title",
            &[("title", &ctx.pack.title), ("name", &p.name)],
        );
        Ok((
            PathBuf::from(format!("{dir}{}.pdf", p.file_stem)),
            ctx.render(&doc)?,
        ))
    };
    let results: Vec<Result<Files, Error>> = std::thread::scope(|s| {
        let handles: Vec<_> = people
            .chunks(chunk.max(1))
            .map(|group| s.spawn(move || group.iter().map(one).collect()))
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(Error::failed("a worker thread stopped unexpectedly")))
            })
            .collect()
    });
    let mut out = Vec::new();
    for r in results {
        out.extend(r?);
    }
    Ok(out)
}
