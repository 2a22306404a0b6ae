//! Command-line arguments as clap parses them: the low-level form, and nothing else.
//!
//! These types only describe what may be typed. Every value is checked once, and turned into a
//! typed job, by [`crate::config::Config::from_cli`]; no other module reads parsed arguments
//! (`completions` and `man` only describe these types). Values that depend on the pack (domain
//! and stage ids) are checked against it by the commands, with "did you mean" suggestions.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "securebase",
    version,
    propagate_version = true,
    about = "Print-ready workshop packs for the Team as a Secure Base model",
    long_about = "Print-ready workshop packs for the Team as a Secure Base model: handouts, \
                  cue cards, a wall poster and a whole away-day pack, for teams that work in the \
                  office, online or hybrid.",
    after_help = "Start with `securebase pack` for a whole away-day pack, or \
                  `securebase handout --domain acceptance` for one handout."
)]
pub struct Cli {
    /// Use the pack in DIR instead of the built-in Team as a Secure Base pack.
    #[arg(long, global = true, value_name = "DIR")]
    pub pack: Option<PathBuf>,
    /// Layout template: a4 (default), letter, large-print, or a template .ron file.
    #[arg(long, global = true, value_name = "NAME|FILE")]
    pub template: Option<String>,
    /// Paper size, overriding the template's.
    #[arg(long, global = true, value_enum)]
    pub paper: Option<PaperArg>,
    /// Ink for the domain colours: `low` prints them as outlines and thin bands instead of
    /// filled panels and card backs, for an office printer [default: the template's, full]
    #[arg(long, global = true, value_enum)]
    pub ink: Option<InkArg>,
    /// Date printed in footers and metadata (YYYY-MM-DD). Defaults to SOURCE_DATE_EPOCH if set,
    /// else no date is printed.
    #[arg(long, global = true, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

/// Each subcommand's options are declared only when it runs (`defer`): building every
/// command's options took a fifth of a millisecond of each run.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// List the domains, their belief lines and question counts per stage and setting.
    List(ListArgs),
    /// Check a pack (the default one, a pack folder or a single .ron file) and report every problem.
    Check(CheckArgs),
    /// One domain's questions on one or two pages, with space to write.
    Handout(HandoutArgs),
    /// Cue cards N-up on a sheet, with cut marks and backs aligned for duplex printing.
    Cards(CardsArgs),
    /// The wall poster of the model, A4 to A0, whole or tiled onto A4/Letter sheets.
    Poster(PosterArgs),
    /// On-screen cue cards: a 16:9 deck, one question per slide, for video calls and room screens.
    Slides(SlidesArgs),
    /// A whole away-day pack in one folder, with a facilitator guide and print instructions.
    Pack(PackArgs),
    /// Start a pack of your own in DIR.
    Init(InitArgs),
    /// Print a shell completion script on standard output.
    Completions(CompletionsArgs),
    /// Print a manual page (roff) on standard output.
    Man(ManArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SettingArg {
    Office,
    Online,
    Hybrid,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    A4,
    Letter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InkArg {
    /// Panels, card backs and title bands filled with the domain colours.
    Full,
    /// The domain colours as outlines and thin bands on white paper.
    Low,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Show counts for one setting only.
    #[arg(long, value_enum)]
    pub setting: Option<SettingArg>,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// A pack folder, its pack.ron, a domain .ron file or a template .ron file. Without it, the
    /// pack given by --pack, or the built-in pack.
    pub path: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct HandoutArgs {
    /// Domain id (e.g. acceptance), or `all` for every domain in one PDF.
    #[arg(long)]
    pub domain: String,
    #[arg(long, value_enum, default_value = "hybrid")]
    pub setting: SettingArg,
    /// Only this stage (online and hybrid).
    #[arg(long)]
    pub stage: Option<String>,
    /// Ruled writing lines after each question.
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u8).range(0..=8))]
    pub lines: u8,
    /// Make the writing space fillable on screen (PDF form fields); the lines still print.
    #[arg(long)]
    pub fillable: bool,
    /// Who the sheet is for: a team (default), or a supervisor's one-page sheet for supervision.
    #[arg(long = "for", value_enum, default_value = "team")]
    pub audience: AudienceArg,
    /// Only the core questions, for short sessions.
    #[arg(long)]
    pub core: bool,
    /// Output file [default: handout-<domain>-<setting>.pdf]
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AudienceArg {
    Team,
    Supervision,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DuplexArg {
    LongEdge,
    ShortEdge,
    None,
}

// Which questions the cue cards or the slides show. A plain comment: clap would take a doc
// comment here as the about text of `cards` and `slides`, whose options are added after their
// own (see `defer` above).
#[derive(Debug, Args)]
pub struct Selection {
    #[arg(long, value_enum, default_value = "hybrid")]
    pub setting: SettingArg,
    /// A domain id, or `all` (the default); repeat the flag for several.
    #[arg(long = "domain")]
    pub domains: Vec<String>,
    /// Only this stage (online and hybrid).
    #[arg(long)]
    pub stage: Option<String>,
    /// Only the core questions, for short sessions.
    #[arg(long)]
    pub core: bool,
}

#[derive(Debug, Args)]
pub struct CardsArgs {
    #[command(flatten)]
    pub select: Selection,
    /// Cards per sheet: 4, 6, 8 or 9 [default: the template's: 8, or 4 in large print]
    #[arg(long, value_parser = parse_per_page)]
    pub per_page: Option<u8>,
    #[arg(long, value_enum, default_value = "long-edge")]
    pub duplex: DuplexArg,
    /// Shift every back by X,Y millimetres to correct the printer's front-to-back drift.
    #[arg(long, value_name = "X,Y", allow_hyphen_values = true)]
    pub back_offset: Option<String>,
    /// Bleed in millimetres: colour runs this far past the cut line.
    #[arg(
        long,
        value_name = "MM",
        default_value_t = 0.0,
        allow_hyphen_values = true
    )]
    pub bleed: f32,
    /// Print the two-sided calibration sheet instead of cards.
    #[arg(long)]
    pub calibration: bool,
    /// Output file [default: cards-<setting>.pdf]
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct SlidesArgs {
    #[command(flatten)]
    pub select: Selection,
    /// Ask the PDF viewer to open the deck in full-screen mode.
    #[arg(long)]
    pub full_screen: bool,
    /// Team name for the title slide.
    #[arg(long)]
    pub team: Option<String>,
    /// Output file [default: slides-<setting>.pdf]
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SizeArg {
    A4,
    A3,
    A2,
    A1,
    A0,
    /// A 16:9 page for screen sharing (always landscape).
    Screen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OrientationArg {
    Portrait,
    Landscape,
}

#[derive(Debug, Args)]
pub struct PosterArgs {
    #[arg(long, value_enum, default_value = "hybrid")]
    pub setting: SettingArg,
    #[arg(long, value_enum, default_value = "a2")]
    pub size: SizeArg,
    #[arg(long, value_enum, default_value = "portrait")]
    pub orientation: OrientationArg,
    /// Team name for the title.
    #[arg(long)]
    pub team: Option<String>,
    /// A PNG or JPEG logo for the title area.
    #[arg(long, value_name = "FILE")]
    pub logo: Option<PathBuf>,
    /// What the logo shows, for screen readers [default: "Logo of TEAM"]
    #[arg(long, value_name = "TEXT")]
    pub logo_alt: Option<String>,
    /// Split the poster onto sheets of this paper for an office printer.
    #[arg(long, value_enum)]
    pub tile: Option<PaperArg>,
    /// Overlap between tiles, in millimetres (with --tile) [default: 10]
    #[arg(long, value_name = "MM", allow_hyphen_values = true)]
    pub overlap: Option<f32>,
    /// Output file [default: poster-<size>.pdf or poster-<size>-tiled-<paper>.pdf]
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PosterSizeArg {
    A2,
    A1,
    A0,
}

#[derive(Debug, Args)]
pub struct PackArgs {
    #[arg(long, value_enum, default_value = "hybrid")]
    pub setting: SettingArg,
    /// Team name for the cover, poster and headers.
    #[arg(long)]
    pub team: Option<String>,
    /// A roster (one name per line, or a CSV with a `name` column) for personalised handouts.
    #[arg(long, value_name = "FILE")]
    pub participants: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "a2")]
    pub poster_size: PosterSizeArg,
    /// A PNG or JPEG logo for the poster's title area.
    #[arg(long, value_name = "FILE")]
    pub logo: Option<PathBuf>,
    /// What the logo shows, for screen readers [default: "Logo of TEAM"]
    #[arg(long, value_name = "TEXT")]
    pub logo_alt: Option<String>,
    /// For an online team, also make the files to print (wall poster, tiled poster, cue
    /// cards) and PRINT.txt. Office and hybrid packs always have them.
    #[arg(long)]
    pub print: bool,
    /// Output folder.
    #[arg(short, long, default_value = "away-day-pack")]
    pub output: PathBuf,
    /// Replace an existing non-empty output folder.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InitFrom {
    Default,
    Empty,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create.
    pub dir: PathBuf,
    /// Start from a copy of the default pack, or from a small commented example.
    #[arg(long, value_enum, default_value = "default")]
    pub from: InitFrom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShellArg {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write the script for.
    #[arg(value_enum)]
    pub shell: ShellArg,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The page of one subcommand (securebase-COMMAND), instead of the main page.
    #[arg(value_name = "COMMAND")]
    pub command: Option<String>,
}

fn parse_per_page(s: &str) -> Result<u8, String> {
    match s {
        "4" => Ok(4),
        "6" => Ok(6),
        "8" => Ok(8),
        "9" => Ok(9),
        _ => Err("cards per sheet must be 4, 6, 8 or 9".to_string()),
    }
}
