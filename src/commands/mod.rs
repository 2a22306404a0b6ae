//! One module per subcommand. Each takes the parsed arguments and returns an [`Outcome`]: what to
//! print and which files to write. Commands never write files themselves; `main.rs` does that
//! atomically, so a failed command leaves nothing behind.

pub mod cards;
pub mod check;
pub mod handout;
pub mod init;
pub mod list;
pub mod pack;
pub mod poster;
pub mod slides;

use crate::Error;
use crate::cli::{Cli, Command};
use crate::diag::{Diagnostic, Report, list_words, unknown};
use crate::layout::frame::Document;
use crate::pack::{Domain, Pack, PackSource, Setting, load_pack};
use crate::template::{Paper, Template};
use std::path::PathBuf;

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
}

/// Runs the command the user asked for.
pub fn run(cli: &Cli) -> Result<Outcome, Error> {
    match &cli.command {
        Command::List(a) => list::run(cli, a),
        Command::Check(a) => check::run(cli, a),
        Command::Handout(a) => handout::run(cli, a),
        Command::Cards(a) => cards::run(cli, a),
        Command::Poster(a) => poster::run(cli, a),
        Command::Slides(a) => slides::run(cli, a),
        Command::Pack(a) => pack::run(cli, a),
        Command::Init(a) => init::run(cli, a),
    }
}

/// Where the pack comes from: `--pack DIR` or the built-in default.
pub fn pack_source(cli: &Cli) -> PackSource {
    match &cli.pack {
        Some(d) => PackSource::Dir(d.clone()),
        None => PackSource::Builtin,
    }
}

/// Loads the pack for a command. Errors stop the command; warnings are returned for printing.
pub fn load(cli: &Cli) -> Result<(Pack, Report), Error> {
    let loaded = load_pack(&pack_source(cli));
    match loaded.pack {
        Some(p) => Ok((p, loaded.report)),
        None => Err(Error::Invalid(loaded.report)),
    }
}

/// What every printing command needs: the checked pack and template, and the date to stamp.
pub struct Context {
    pub pack: Pack,
    pub template: Template,
    pub date: Option<String>,
    /// Warnings from loading, printed before the command's own messages.
    pub warnings: Report,
}

impl Context {
    pub fn new(cli: &Cli) -> Result<Context, Error> {
        let (pack, warnings) = load(cli)?;
        let paper = cli.paper.map(|p| match p {
            crate::cli::PaperArg::A4 => Paper::A4,
            crate::cli::PaperArg::Letter => Paper::Letter,
        });
        let template = Template::resolve(cli.template.as_deref(), paper)?;
        let date = resolve_date(
            cli.date.as_deref(),
            std::env::var("SOURCE_DATE_EPOCH").ok().as_deref(),
        )?;
        Ok(Context {
            pack,
            template,
            date,
            warnings,
        })
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
            keywords: vec![
                self.pack.edition(),
                "Team as a Secure Base".to_string(),
                "social work".to_string(),
            ],
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

/// A domain by id, or a usage error with a suggestion.
pub fn find_domain<'a>(pack: &'a Pack, id: &str) -> Result<&'a Domain, Error> {
    pack.domain(id).ok_or_else(|| {
        let ids: Vec<&str> = pack.domains.iter().map(|d| d.id.as_str()).collect();
        Error::Usage(unknown("domain", id, &ids))
    })
}

/// A stage by id (index into the pack's stages), or a usage error with a suggestion.
pub fn find_stage(pack: &Pack, id: Option<&str>, setting: Setting) -> Result<Option<usize>, Error> {
    let Some(id) = id else { return Ok(None) };
    if !setting.uses_stages() {
        return Err(Error::Usage(
            Diagnostic::error(
                "office questions are not grouped in stages, so --stage does not apply",
            )
            .help("leave out --stage, or use --setting online or --setting hybrid"),
        ));
    }
    match pack.stage_index(id) {
        Some(i) => Ok(Some(i)),
        None => {
            let ids: Vec<&str> = pack.stages.iter().map(|s| s.id.as_str()).collect();
            Err(Error::Usage(unknown("stage", id, &ids)))
        }
    }
}

/// The date to print: `--date`, else `SOURCE_DATE_EPOCH`, else none (output stays reproducible).
pub fn resolve_date(arg: Option<&str>, epoch: Option<&str>) -> Result<Option<String>, Error> {
    if let Some(d) = arg {
        let ok = d.len() == 10
            && d.chars().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            })
            && (1..=12).contains(&d[5..7].parse::<u32>().unwrap_or(0))
            && (1..=31).contains(&d[8..10].parse::<u32>().unwrap_or(0));
        if !ok {
            return Err(Error::Usage(
                Diagnostic::error(format!("`{d}` is not a date in the form YYYY-MM-DD"))
                    .help("write the date like 2026-11-24"),
            ));
        }
        return Ok(Some(d.to_string()));
    }
    match epoch.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => match s.parse::<i64>() {
            Ok(secs) => Ok(Some(civil_date(secs))),
            Err(_) => Err(Error::Usage(
                Diagnostic::error(format!(
                    "SOURCE_DATE_EPOCH `{s}` is not a number of seconds"
                ))
                .help("set it to a Unix time such as 1795392000, or unset it"),
            )),
        },
    }
}

/// `YYYY-MM-DD` for a Unix time (UTC), by Howard Hinnant's days-to-civil algorithm.
pub fn civil_date(secs: i64) -> String {
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(1_795_478_400), "2026-11-24");
        assert!(resolve_date(Some("2026-13-01"), None).is_err());
        assert_eq!(
            resolve_date(None, Some("0")).ok().flatten().as_deref(),
            Some("1970-01-01")
        );
    }
}
