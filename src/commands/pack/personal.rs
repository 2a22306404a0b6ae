//! Personal copies of the handouts, one PDF per person on the roster with their name in the
//! header, laid out on all cores; the pack renders them with its other files.

use crate::Error;
use crate::commands::Context;
use crate::commands::handout::handouts_document;
use crate::layout::frame::Document;
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
) -> Result<Vec<(PathBuf, Document)>, Error> {
    let one = |p: &Participant| -> Result<(PathBuf, Document), Error> {
        let mine = HandoutOptions {
            participant: Some(p.name.clone()),
            ..opts.clone()
        };
        let (mut doc, _) = handouts_document(ctx, domains, &mine)?;
        doc.title = ctx.pack.labels.fill(
            "meta.personal_title",
            &[("title", &ctx.pack.title), ("name", &p.name)],
        );
        Ok((PathBuf::from(format!("{dir}{}.pdf", p.file_stem)), doc))
    };
    crate::par::map(people, None, one)
        .into_iter()
        .map(|r| r.unwrap_or_else(|| Err(Error::failed("a worker thread stopped unexpectedly"))))
        .collect()
}
