//! The one checked configuration, built once from the parsed arguments and the environment
//! (ripgrep's low-level args → high-level args split).
//!
//! [`Config::from_cli`] checks every value the command line and `SOURCE_DATE_EPOCH` carry: dates
//! are real calendar dates, offsets and lengths are numbers in a sensible range, options that
//! only apply together come together, the team name can be printed, and the template resolves.
//! It yields typed jobs, one per command; the commands trust them and never see a [`Cli`].
//!
//! What it must not do: load the pack. Checks that need the pack (domain and stage ids, with
//! "did you mean") happen in the commands once the pack is loaded.

mod convert;
mod values;

use convert::{duplex, ink, paper, poster_size, setting, shell};

pub use values::{
    BackOffset, Date, MAX_BACK_OFFSET_MM, MAX_BLEED_MM, MAX_TEAM_CHARS, check_bleed,
    check_logo_alt, check_overlap, check_team, overlap_error,
};

use crate::Error;
use crate::cli::{
    AudienceArg, CardsArgs, CheckArgs, Cli, Command, FormatArg, HandoutArgs, InitArgs, InitFrom,
    ListArgs, ManArgs, OrientationArg, PackArgs, PosterArgs, PosterSizeArg, Selection, SizeArg,
    SlidesArgs,
};
use crate::diag::{Diagnostic, unknown};
use crate::layout::cards::Duplex;
use crate::layout::poster::PosterSize;
use crate::pack::{PackSource, Setting};
use crate::template::{Paper, Template};
use std::path::PathBuf;

/// What the program reads from its environment, passed in so that tests need not touch the
/// process environment.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Env {
    /// `SOURCE_DATE_EPOCH`, the date for reproducible builds, as set (not yet checked).
    pub source_date_epoch: Option<String>,
}

impl Env {
    /// The environment of this process.
    pub fn from_process() -> Env {
        Env {
            source_date_epoch: std::env::var_os("SOURCE_DATE_EPOCH")
                .map(|v| v.to_string_lossy().into_owned()),
        }
    }
}

/// The checked configuration: where the pack comes from, and the job to do.
#[derive(Debug, Clone)]
pub struct Config {
    /// `--pack DIR`, or the pack built into the binary.
    pub pack: PackSource,
    pub job: Job,
    /// Notes about options that have no effect, printed before the command's own messages.
    pub notes: Vec<String>,
}

/// One job per command.
// Built once per run, so the size of the printing variant (it holds the template) is no cost.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Job {
    List(ListJob),
    Check(CheckJob),
    Init(InitJob),
    Completions(clap_complete::Shell),
    /// The main manual page, or the page of the subcommand named.
    Man(Option<String>),
    /// The commands that make PDFs share the template and the date.
    Print(PrintSettings, PrintJob),
}

/// The commands that make PDFs.
#[derive(Debug, Clone)]
pub enum PrintJob {
    Handout(HandoutJob),
    Cards(CardsJob),
    Poster(PosterJob),
    Pack(PackJob),
    Slides(SlidesJob),
}

/// What every command that prints needs besides the pack.
#[derive(Debug, Clone)]
pub struct PrintSettings {
    /// The layout template, with `--paper` and `--ink` already applied to it.
    pub template: Template,
    /// `--date`, else the date of `SOURCE_DATE_EPOCH`, else none (then no date is printed).
    pub date: Option<Date>,
}

/// `securebase list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListJob {
    /// One setting only, or every setting the pack declares.
    pub setting: Option<Setting>,
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Json,
}

/// `securebase check [PATH]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckJob {
    /// A pack folder, its pack.ron, a domain or template file; `None` for the `--pack` pack.
    pub path: Option<PathBuf>,
}

/// `securebase init DIR`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InitJob {
    pub dir: PathBuf,
    pub from: Starter,
}

/// What a new pack starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Starter {
    /// A copy of the built-in pack.
    DefaultPack,
    /// The small commented example pack.
    Example,
}

/// Which domains a handout shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DomainChoice {
    /// `--domain all`: every domain in pack order, one bookmark each.
    All,
    /// One domain id, checked against the pack by the command.
    One(String),
}

/// `securebase handout`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoutJob {
    pub domains: DomainChoice,
    pub setting: Setting,
    /// A stage id (only with online or hybrid), checked against the pack by the command.
    pub stage: Option<String>,
    /// Writing lines after each question, 0 to 8.
    pub lines: u8,
    /// Form fields over the writing space, for filling in on screen.
    pub fillable: bool,
    /// The team handout, or the supervisor's one-page sheet.
    pub audience: Audience,
    /// Only the core questions.
    pub core: bool,
    pub output: PathBuf,
}

/// Who a handout is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// A team or small group: the stages' questions, two pages.
    Team,
    /// A practice supervisor preparing one-to-one supervision: one page.
    Supervision,
}

/// `securebase slides`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlidesJob {
    pub setting: Setting,
    /// Domain ids; empty for every domain, in pack order.
    pub domains: Vec<String>,
    /// A stage id (online and hybrid only).
    pub stage: Option<String>,
    pub core: bool,
    /// Ask the viewer to open full screen.
    pub full_screen: bool,
    /// Checked by [`check_team`].
    pub team: Option<String>,
    pub output: PathBuf,
}

/// What to put on the cards, checked against the command line; ids are checked against the
/// pack by [`crate::commands::cards::cards_document`].
#[derive(Debug, Clone, PartialEq)]
pub struct CardOptions {
    pub setting: Setting,
    /// Domain ids; empty for every domain, in pack order.
    pub domains: Vec<String>,
    /// A stage id (online and hybrid only).
    pub stage: Option<String>,
    /// Only the core questions.
    pub core: bool,
    /// 4, 6, 8 or 9.
    pub per_page: u8,
    pub duplex: Duplex,
    pub back_offset: BackOffset,
    /// From 0 to [`MAX_BLEED_MM`]; the card grid may allow less.
    pub bleed_mm: f32,
}

impl Default for CardOptions {
    fn default() -> Self {
        CardOptions {
            setting: Setting::Hybrid,
            domains: Vec::new(),
            stage: None,
            core: false,
            per_page: 8,
            duplex: Duplex::LongEdge,
            back_offset: BackOffset::default(),
            bleed_mm: 0.0,
        }
    }
}

/// What `securebase cards` prints.
#[derive(Debug, Clone, PartialEq)]
pub enum CardsPrint {
    Deck(CardOptions),
    /// The two-sided sheet that measures the printer's drift (never with `Duplex::None`).
    Calibration {
        duplex: Duplex,
        back_offset: BackOffset,
    },
}

/// `securebase cards`.
#[derive(Debug, Clone, PartialEq)]
pub struct CardsJob {
    pub print: CardsPrint,
    pub output: PathBuf,
}

/// A poster split onto office paper.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tiling {
    pub paper: Paper,
    /// From 0 to less than half the sheet's printable width.
    pub overlap_mm: f32,
}

/// `securebase poster`.
#[derive(Debug, Clone, PartialEq)]
pub struct PosterJob {
    pub size: PosterSize,
    pub landscape: bool,
    pub setting: Setting,
    /// Checked by [`check_team`].
    pub team: Option<String>,
    /// Read and decoded by the command.
    pub logo: Option<PathBuf>,
    /// `--logo-alt`: what the logo shows, for screen readers (only with a logo); the layout's
    /// "Logo of TEAM" when `None`. Checked by [`check_logo_alt`].
    pub logo_alt: Option<String>,
    /// Whole on one sheet when `None`.
    pub tile: Option<Tiling>,
    pub output: PathBuf,
}

/// `securebase pack`.
#[derive(Debug, Clone, PartialEq)]
pub struct PackJob {
    pub setting: Setting,
    /// Checked by [`check_team`].
    pub team: Option<String>,
    /// The roster for personal handouts, read by [`crate::roster`].
    pub participants: Option<PathBuf>,
    pub poster_size: PosterSize,
    /// The poster's logo and its alternative text, as for [`PosterJob`].
    pub logo: Option<PathBuf>,
    pub logo_alt: Option<String>,
    /// Whether the pack has the files to print: always for office and hybrid teams, for an
    /// online team only with `--print`.
    pub print: bool,
    pub output: PathBuf,
    /// Replace an existing non-empty folder.
    pub force: bool,
}

impl Config {
    /// The folder the job makes and whether it may replace a full one (`pack`), so `main` can
    /// check it and begin writing it before the work starts.
    pub fn folder(&self) -> Option<(&std::path::Path, bool)> {
        match &self.job {
            Job::Print(_, PrintJob::Pack(job)) => Some((job.output.as_path(), job.force)),
            _ => None,
        }
    }

    /// Checks every value of `cli` and `env` and builds the job. Errors are usage errors
    /// (exit 2), except a template file that cannot be read or has mistakes (exit 1).
    pub fn from_cli(cli: Cli, env: &Env) -> Result<Config, Error> {
        let pack = match cli.pack {
            Some(d) => PackSource::Dir(d),
            None => PackSource::Builtin,
        };
        let mut notes = Vec::new();
        // Without --per-page, cards take the template's number, known once it is resolved.
        let per_page_given = matches!(&cli.command, Command::Cards(a) if a.per_page.is_some());
        let mut print_job = match cli.command {
            Command::List(a) => return Ok(config(pack, Job::List(list_job(a)), notes)),
            Command::Check(a) => return Ok(config(pack, Job::Check(check_job(a)), notes)),
            Command::Init(a) => return Ok(config(pack, Job::Init(init_job(a)), notes)),
            Command::Completions(a) => {
                return Ok(config(pack, Job::Completions(shell(a.shell)), notes));
            }
            Command::Man(a) => return Ok(config(pack, Job::Man(man_page(a)?), notes)),
            Command::Handout(a) => PrintJob::Handout(handout_job(a)?),
            Command::Cards(a) => PrintJob::Cards(cards_job(a, &mut notes)?),
            Command::Poster(a) => PrintJob::Poster(poster_job(a)?),
            Command::Pack(a) => PrintJob::Pack(pack_job(a, &mut notes)?),
            Command::Slides(a) => PrintJob::Slides(slides_job(a)?),
        };
        let date = match cli.date.as_deref() {
            Some(d) => Some(Date::parse(d)?),
            None => Date::from_epoch_var(env.source_date_epoch.as_deref())?,
        };
        let mut template = Template::resolve(cli.template.as_deref(), cli.paper.map(paper))?;
        if let Some(i) = cli.ink {
            template.ink = ink(i);
        }
        if let PrintJob::Cards(CardsJob {
            print: CardsPrint::Deck(o),
            ..
        }) = &mut print_job
            && !per_page_given
        {
            o.per_page = template.cards.per_page();
        }
        let settings = PrintSettings { template, date };
        Ok(config(pack, Job::Print(settings, print_job), notes))
    }
}

fn config(pack: PackSource, job: Job, notes: Vec<String>) -> Config {
    Config { pack, job, notes }
}

fn list_job(a: ListArgs) -> ListJob {
    ListJob {
        setting: a.setting.map(setting),
        format: match a.format {
            FormatArg::Table => ListFormat::Table,
            FormatArg::Json => ListFormat::Json,
        },
    }
}

fn check_job(a: CheckArgs) -> CheckJob {
    CheckJob { path: a.path }
}

fn init_job(a: InitArgs) -> InitJob {
    InitJob {
        dir: a.dir,
        from: match a.from {
            InitFrom::Default => Starter::DefaultPack,
            InitFrom::Empty => Starter::Example,
        },
    }
}

/// `securebase man COMMAND` takes the name of a subcommand.
fn man_page(a: ManArgs) -> Result<Option<String>, Error> {
    let Some(name) = a.command else {
        return Ok(None);
    };
    let cmd = <Cli as clap::CommandFactory>::command();
    let names: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
    if !names.contains(&name.as_str()) {
        return Err(Error::Usage(unknown("command", &name, &names)));
    }
    Ok(Some(name))
}

/// `--stage` only applies to settings whose questions are grouped in stages.
fn stage(stage: Option<String>, setting: Setting) -> Result<Option<String>, Error> {
    if stage.is_some() && !setting.uses_stages() {
        return Err(Error::Usage(
            Diagnostic::error(
                "office questions are not grouped in stages, so --stage does not apply",
            )
            .help("leave out --stage, or use --setting online or --setting hybrid"),
        ));
    }
    Ok(stage)
}

fn handout_job(a: HandoutArgs) -> Result<HandoutJob, Error> {
    let setting = setting(a.setting);
    let audience = match a.audience {
        AudienceArg::Team => Audience::Team,
        AudienceArg::Supervision => Audience::Supervision,
    };
    if audience == Audience::Supervision && a.stage.is_some() {
        return Err(Error::Usage(
            Diagnostic::error(
                "the supervision sheet is not grouped in stages, so --stage does not apply",
            )
            .help("leave out --stage, or leave out --for supervision"),
        ));
    }
    let kind = match audience {
        Audience::Team => "handout",
        Audience::Supervision => "supervision",
    };
    let output = a
        .output
        .unwrap_or_else(|| PathBuf::from(format!("{kind}-{}-{}.pdf", a.domain, setting.id())));
    Ok(HandoutJob {
        domains: if a.domain == "all" {
            DomainChoice::All
        } else {
            DomainChoice::One(a.domain)
        },
        setting,
        stage: stage(a.stage, setting)?,
        lines: a.lines,
        fillable: a.fillable,
        audience,
        core: a.core,
        output,
    })
}

/// The questions chosen for cards or slides: the setting, the domains (none for all of them, as
/// with `--domain all`), the stage and whether only the core set.
struct Chosen {
    setting: Setting,
    domains: Vec<String>,
    stage: Option<String>,
    core: bool,
}

fn chosen(s: Selection) -> Result<Chosen, Error> {
    let setting = setting(s.setting);
    Ok(Chosen {
        setting,
        domains: if s.domains.iter().any(|d| d == "all") {
            Vec::new()
        } else {
            s.domains
        },
        stage: stage(s.stage, setting)?,
        core: s.core,
    })
}

fn slides_job(a: SlidesArgs) -> Result<SlidesJob, Error> {
    let Chosen {
        setting,
        domains,
        stage,
        core,
    } = chosen(a.select)?;
    let output = a
        .output
        .unwrap_or_else(|| PathBuf::from(format!("slides-{}.pdf", setting.id())));
    Ok(SlidesJob {
        setting,
        domains,
        stage,
        core,
        full_screen: a.full_screen,
        team: a.team.as_deref().map(check_team).transpose()?,
        output,
    })
}

fn cards_job(a: CardsArgs, notes: &mut Vec<String>) -> Result<CardsJob, Error> {
    let back_offset = match a.back_offset.as_deref() {
        Some(s) => BackOffset::parse(s)?,
        None => BackOffset::default(),
    };
    let duplex = duplex(a.duplex);
    if a.calibration {
        if duplex == Duplex::None {
            return Err(Error::Usage(
                Diagnostic::error(
                    "--calibration measures how the back lines up with the front, so it needs double-sided printing",
                )
                .help("use --duplex long-edge or --duplex short-edge with --calibration"),
            ));
        }
        let output = a
            .output
            .unwrap_or_else(|| PathBuf::from(format!("cards-calibration-{}.pdf", duplex.id())));
        return Ok(CardsJob {
            print: CardsPrint::Calibration {
                duplex,
                back_offset,
            },
            output,
        });
    }
    if duplex == Duplex::None && a.back_offset.is_some() {
        notes.push("note: --back-offset has no effect with --duplex none".to_string());
    }
    let Chosen {
        setting,
        domains,
        stage,
        core,
    } = chosen(a.select)?;
    let output = a
        .output
        .unwrap_or_else(|| PathBuf::from(format!("cards-{}.pdf", setting.id())));
    Ok(CardsJob {
        print: CardsPrint::Deck(CardOptions {
            setting,
            domains,
            stage,
            core,
            per_page: a.per_page.unwrap_or(CardOptions::default().per_page),
            duplex,
            back_offset,
            bleed_mm: check_bleed(a.bleed)?,
        }),
        output,
    })
}

fn poster_job(a: PosterArgs) -> Result<PosterJob, Error> {
    if a.size == SizeArg::Screen && a.tile.is_some() {
        return Err(Error::Usage(
            Diagnostic::error("a screen poster is not printed, so it cannot be tiled")
                .help("leave out --tile, or choose a paper size such as --size a2"),
        ));
    }
    let tile = match (a.tile, a.overlap) {
        (None, Some(_)) => {
            return Err(Error::Usage(
                Diagnostic::error("--overlap only applies to a tiled poster")
                    .help("add --tile a4 or --tile letter, or leave out --overlap"),
            ));
        }
        (None, None) => None,
        (Some(p), overlap) => {
            let paper = paper(p);
            Some(Tiling {
                paper,
                overlap_mm: check_overlap(overlap.unwrap_or(10.0), paper)?,
            })
        }
    };
    let logo_alt = check_logo_alt(a.logo.as_deref(), a.logo_alt.as_deref())?;
    let size = poster_size(a.size);
    let output = a.output.unwrap_or_else(|| {
        PathBuf::from(match tile {
            None => format!("poster-{}.pdf", size.id()),
            Some(t) => format!("poster-{}-tiled-{}.pdf", size.id(), t.paper.id()),
        })
    });
    Ok(PosterJob {
        size,
        // A screen is landscape whatever the orientation asked.
        landscape: a.orientation == OrientationArg::Landscape || size.is_screen(),
        setting: setting(a.setting),
        team: a.team.as_deref().map(check_team).transpose()?,
        logo: a.logo,
        logo_alt,
        tile,
        output,
    })
}

fn pack_job(a: PackArgs, notes: &mut Vec<String>) -> Result<PackJob, Error> {
    let setting = setting(a.setting);
    if a.print && setting != Setting::Online {
        notes.push(format!(
            "note: --print has no effect for {setting} teams: their pack is printed already"
        ));
    }
    Ok(PackJob {
        logo_alt: check_logo_alt(a.logo.as_deref(), a.logo_alt.as_deref())?,
        logo: a.logo,
        setting,
        print: a.print || setting != Setting::Online,
        team: a.team.as_deref().map(check_team).transpose()?,
        participants: a.participants,
        poster_size: match a.poster_size {
            PosterSizeArg::A2 => PosterSize::A2,
            PosterSizeArg::A1 => PosterSize::A1,
            PosterSizeArg::A0 => PosterSize::A0,
        },
        output: a.output,
        force: a.force,
    })
}

#[cfg(test)]
mod tests;
