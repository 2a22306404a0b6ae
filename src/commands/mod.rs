//! One module per subcommand. Each takes its checked job from [`crate::config`] (and, when it
//! prints, the [`Context`]) and returns an [`Outcome`]: what to print and which files to write. Commands never write files themselves; `main.rs` does that
//! atomically, so a failed command leaves nothing behind.

pub mod cards;
pub mod check;
pub mod completions;
pub mod handout;
pub mod init;
pub mod list;
pub mod man;
pub mod pack;
pub mod poster;
pub mod slides;

use crate::Error;
use crate::config::{Config, Job, PrintJob, PrintSettings};
use crate::diag::{Diagnostic, Report, list_words, unknown};
use crate::layout::frame::Document;
use crate::pack::{Domain, Pack, PackSource, Setting, load_pack};
use crate::template::Template;
use std::path::{Path, PathBuf};

/// A file or folder a command wants written.
#[derive(Debug)]
pub enum Output {
    File {
        path: PathBuf,
        bytes: Vec<u8>,
    },
    Dir {
        path: PathBuf,
        files: Vec<(PathBuf, Vec<u8>)>,
        force: bool,
    },
}

/// What a command produced.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Printed on standard output.
    pub stdout: String,
    /// Printed on standard error (warnings, notes, summaries).
    pub stderr: String,
    pub outputs: Vec<Output>,
    /// Exit code when the command ran but found problems (for example `check` with errors).
    pub exit_code: u8,
    /// What the command built and no longer needs (the loaded pack), handed back so that
    /// `main` can end the process without freeing it.
    pub retained: Retained,
}

/// Values a command built and no longer needs, kept until the outcome is dropped. `main` ends
/// the process once it has written the outcome, without dropping it: the system takes the
/// memory back at once, whereas freeing the loaded pack's thousands of strings one by one took
/// a twentieth of a handout's time. Anywhere else (tests, other front ends) they are freed
/// with the outcome as usual.
#[derive(Default)]
pub struct Retained(Vec<Box<dyn std::any::Any + Send>>);

impl Retained {
    pub fn keep(&mut self, value: impl std::any::Any + Send) {
        self.0.push(Box::new(value));
    }
}

impl std::fmt::Debug for Retained {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Retained({} values)", self.0.len())
    }
}

/// Where a command hands over finished files of the folder it makes before it returns, so a
/// pack does not hold every personal copy in memory. `main` gives one that writes into the
/// folder's temporary copy ([`crate::output::Staging`]), renamed into place only when the whole
/// command has succeeded.
pub trait Sink: Sync {
    /// Writes `bytes` as `rel` inside the folder.
    fn put(&self, rel: &Path, bytes: &[u8]) -> Result<(), Error>;
}

/// Runs the job the configuration describes. Commands that print get the loaded pack, the
/// template and the date in a [`Context`]; a command that makes a folder may hand finished
/// files to `sink` ([`Config::folder`] says which folder) instead of returning them.
pub fn run(config: Config, sink: Option<&dyn Sink>) -> Result<Outcome, Error> {
    let mut out = match config.job {
        Job::List(job) => list::run(&config.pack, &job),
        Job::Check(job) => check::run(&config.pack, &job),
        Job::Init(job) => init::run(&job),
        Job::Completions(shell) => completions::run(shell),
        Job::Man(page) => man::run(page.as_deref()),
        Job::Print(settings, job) => {
            let ctx = Context::new(&config.pack, settings)?;
            let mut out = match job {
                PrintJob::Handout(job) => handout::run(&ctx, &job),
                PrintJob::Cards(job) => cards::run(&ctx, &job),
                PrintJob::Poster(job) => poster::run(&ctx, &job),
                PrintJob::Pack(job) => pack::run(&ctx, &job, sink),
                PrintJob::Slides(job) => slides::run(&ctx, &job),
            }?;
            out.stderr.push_str(&ctx.render_warnings());
            out.retained.keep(ctx);
            Ok(out)
        }
    }?;
    let notes: String = config.notes.iter().map(|n| format!("{n}\n")).collect();
    out.stderr.insert_str(0, &notes);
    Ok(out)
}

/// Loads the pack for a command. Errors stop the command; warnings are returned for printing.
pub fn load(source: &PackSource) -> Result<(Pack, Report), Error> {
    let loaded = load_pack(source);
    match loaded.pack {
        Some(p) => Ok((p, loaded.report)),
        None => Err(Error::Invalid(loaded.report)),
    }
}

/// What every printing command needs: the checked pack and template, and the date to stamp.
pub struct Context {
    pub pack: Pack,
    pub template: Template,
    /// `YYYY-MM-DD`, as the layout prints it.
    pub date: Option<String>,
    /// Warnings from loading, printed before the command's own messages.
    pub warnings: Report,
    /// printpdf's warnings from every PDF rendered, printed after the command's messages.
    render_warnings: std::sync::Mutex<Vec<String>>,
}

impl Context {
    /// Loads the pack from `source`; the settings were checked by the configuration.
    pub fn new(source: &PackSource, settings: PrintSettings) -> Result<Context, Error> {
        let (pack, warnings) = load(source)?;
        Ok(Context {
            pack,
            template: settings.template,
            date: settings.date.map(|d| d.to_string()),
            warnings,
            render_warnings: Default::default(),
        })
    }

    /// A context from parts already loaded (tests, benches, other front ends).
    pub fn from_parts(pack: Pack, template: Template, date: Option<String>) -> Context {
        Context {
            pack,
            template,
            date,
            warnings: Report::default(),
            render_warnings: Default::default(),
        }
    }

    /// Renders a document to PDF bytes, keeping printpdf's warnings to show the user.
    pub fn render(&self, doc: &Document) -> Result<Vec<u8>, Error> {
        self.keep_warnings(doc, crate::render::pdf::render_with_warnings(doc)?)
    }

    fn keep_warnings(
        &self,
        doc: &Document,
        r: crate::render::pdf::Rendered,
    ) -> Result<Vec<u8>, Error> {
        if !r.warnings.is_empty()
            && let Ok(mut w) = self.render_warnings.lock()
        {
            w.extend(
                r.warnings
                    .into_iter()
                    .map(|m| format!("{}: {m}", doc.title)),
            );
        }
        Ok(r.bytes)
    }

    /// printpdf's warnings, one `warning:` line each.
    pub fn render_warnings(&self) -> String {
        self.render_warnings
            .lock()
            .map(|w| {
                w.iter()
                    .map(|m| format!("warning: printpdf: {m}\n"))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// An outcome that starts with the loading warnings.
    pub fn outcome(&self) -> Outcome {
        let mut out = Outcome::default();
        if !self.warnings.0.is_empty() {
            out.stderr = format!("{}\n", self.warnings);
        }
        out
    }

    /// An empty document with the pack's metadata.
    pub fn document(&self, title: String, subject: String) -> Document {
        Document {
            title,
            subject,
            author: self.pack.title.clone(),
            // The pack's edition, then `meta.keywords`, a comma-separated list.
            keywords: std::iter::once(self.pack.edition())
                .chain(
                    self.pack
                        .labels
                        .get("meta.keywords")
                        .split(',')
                        .map(|k| k.trim().to_string())
                        .filter(|k| !k.is_empty()),
                )
                .collect(),
            language: self.pack.language.clone(),
            date: self.date.clone(),
            ..Document::default()
        }
    }

    pub fn require_setting(&self, s: Setting) -> Result<(), Error> {
        if self.pack.declares(s) {
            return Ok(());
        }
        let names: Vec<&str> = self.pack.settings.iter().map(|x| x.id.id()).collect();
        Err(Error::Usage(
            Diagnostic::error(format!(
                "the pack `{}` has no questions for `{s}` teams",
                self.pack.id
            ))
            .help(format!(
                "use --setting {}",
                list_words(&names).replace(" or ", " or --setting ")
            )),
        ))
    }
}

/// A domain by id, or a usage error with a suggestion. Every command that takes `--domain` also
/// takes `all` (the configuration has turned it into every domain), so `all` is suggested too.
pub fn find_domain<'a>(pack: &'a Pack, id: &str) -> Result<&'a Domain, Error> {
    pack.domain(id).ok_or_else(|| {
        let ids: Vec<&str> = pack.domains.iter().map(|d| d.id.as_str()).collect();
        let with_all: Vec<&str> = ids.iter().copied().chain(["all"]).collect();
        Error::Usage(
            unknown("domain", id, &with_all)
                .help(format!("expected `all` or one of: {}", list_words(&ids))),
        )
    })
}

/// A stage by id (index into the pack's stages), or a usage error with a suggestion. The
/// configuration has already refused `--stage` for settings without stages.
pub fn find_stage(pack: &Pack, id: Option<&str>) -> Result<Option<usize>, Error> {
    let Some(id) = id else { return Ok(None) };
    match pack.stage_index(id) {
        Some(i) => Ok(Some(i)),
        None => {
            let ids: Vec<&str> = pack.stages.iter().map(|s| s.id.as_str()).collect();
            Err(Error::Usage(unknown("stage", id, &ids)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{CheckJob, ListFormat, ListJob};

    /// `list` and `check` hand the pack they read back in the outcome, for `main` to leave
    /// unfreed when the process ends.
    #[test]
    fn list_and_check_retain_the_pack_they_read() {
        let list = ListJob {
            setting: None,
            format: ListFormat::Table,
        };
        let check = CheckJob { path: None };
        let listed = list::run(&PackSource::Builtin, &list).expect("list runs");
        let [pack] = listed.retained.0.as_slice() else {
            panic!("list keeps {:?}", listed.retained);
        };
        assert!(pack.is::<Pack>());
        let checked = check::run(&PackSource::Builtin, &check).expect("check runs");
        let [pack] = checked.retained.0.as_slice() else {
            panic!("check keeps {:?}", checked.retained);
        };
        let pack = pack.downcast_ref::<Option<Pack>>();
        assert!(pack.is_some_and(Option::is_some), "check keeps no pack");
    }
}
