//! `securebase init DIR`: start a pack of your own, from a copy of the default pack or from a
//! small commented example. Either passes `securebase check` and works with every command.

use super::{Outcome, Output};
use crate::Error;
use crate::config::{InitJob, Starter};
use crate::pack::source::BUILTIN_PACK;
use std::path::PathBuf;

/// The small commented example pack.
pub const EXAMPLE_PACK: &[(&str, &str)] = &[
    ("pack.ron", include_str!("../../packs/example/pack.ron")),
    ("labels.ron", include_str!("../../packs/example/labels.ron")),
    ("guide.ron", include_str!("../../packs/example/guide.ron")),
    (
        "domains/listening.ron",
        include_str!("../../packs/example/domains/listening.ron"),
    ),
];

pub fn run(job: &InitJob) -> Result<Outcome, Error> {
    let source = match job.from {
        Starter::DefaultPack => BUILTIN_PACK,
        Starter::Example => EXAMPLE_PACK,
    };
    let files: Vec<(PathBuf, Vec<u8>)> = source
        .iter()
        .map(|(name, text)| (PathBuf::from(name), text.as_bytes().to_vec()))
        .collect();
    let mut out = Outcome::default();
    let dir = job.dir.display().to_string();
    out.stderr = format!(
        "created the pack `{dir}` ({} files)\nnext: edit the .ron files, then run `securebase check {dir}` and `securebase --pack {dir} pack`\n",
        files.len()
    );
    out.outputs.push(Output::Dir {
        path: job.dir.clone(),
        files,
        force: false,
    });
    Ok(out)
}
