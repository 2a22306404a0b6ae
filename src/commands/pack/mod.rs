//! `securebase pack`: everything a trainer needs for an away day, in one folder, fitted to
//! where the team works:
//! - **office**: the files to print (the poster whole and tiled, the handouts, the cue cards,
//!   the action plan), a facilitator guide and PRINT.txt;
//! - **hybrid**: the same for the room (the action plan fillable, so it can be typed on the
//!   room's screen), plus `remote/` with the screen poster, the slides and a fillable handout
//!   per domain for the people joining on screen, and SEND.txt;
//! - **online**: the guide, the screen poster, the slides, a fillable action plan, a fillable
//!   handout per domain and SEND.txt; the files to print go in `print/`, with PRINT.txt, only
//!   with `--print`.
//!
//! The command returns the whole folder as one output; `main` writes it under a temporary name
//! and renames it at the end, so an error never leaves half a pack.
//!
//! `printed` and `screen` lay out and render the files; `print_plan` and `send_plan` turn them
//! into words (the tables, PRINT.txt, SEND.txt, the guide's list of files); `personal` makes
//! the personal copies of the handouts.

pub mod personal;
pub mod print_plan;
pub mod printed;
pub mod screen;
pub mod send_plan;

use super::{Context, Outcome, Output, Sink};
use crate::Error;
use crate::config::PackJob;
use crate::layout::chrome::edition_stamp;
use crate::layout::frame::Document;
use crate::layout::guide::{GuideOptions, guide};
use crate::layout::handout::HandoutOptions;
use crate::pack::{Domain, Labels, Setting};
use crate::roster::{self, Participant};
use personal::Files;
use print_plan::{PaperSize, PrintPlan, PrintedFile, Purpose, Sides};
use screen::ScreenFile;
use send_plan::{Recipient, ScreenPurpose, SentFile, When};
use std::path::PathBuf;

/// A rendered PDF of the pack: its path inside the folder and its bytes.
type Pdf = (PathBuf, Vec<u8>);

/// What a laid-out file of the pack is, for the plans and the guide's list.
pub enum Kind {
    Printed(PrintedFile),
    Screen(ScreenFile),
    /// A personal copy of the handouts, at this path in the folder.
    Personal(PathBuf),
}

/// A file of the pack laid out: what it is, its document, and notes for the user.
pub struct Laid {
    pub kind: Kind,
    pub doc: Document,
    pub notes: String,
}

/// Laying out one or more of the pack's files. The pack runs its jobs side by side, each
/// rendering what it laid out at once, so no more than a file or two per core is held as frames.
pub struct Job<'a> {
    /// Roughly how long the job takes, so the longest start first.
    weight: usize,
    run: Box<dyn Fn() -> Result<Vec<Laid>, Error> + Sync + 'a>,
}

impl<'a> Job<'a> {
    /// A job of a few pages (a poster, an action plan, one domain's handout).
    pub const LIGHT: usize = 1;
    /// A job of many pages or many fitted texts (cards, slides, all the handouts).
    pub const HEAVY: usize = 3;

    pub fn new(weight: usize, run: impl Fn() -> Result<Vec<Laid>, Error> + Sync + 'a) -> Self {
        Job {
            weight,
            run: Box::new(run),
        }
    }

    /// Runs every job side by side and renders its files: what each file is, its bytes and
    /// its notes, in the order of the jobs. The first error in that order is the one reported.
    /// Personal copies go to `sink` as soon as they are rendered, when there is one, and come
    /// back as [`Made::Sunk`]: thirty of them were most of a pack's memory.
    fn run_all(
        ctx: &Context,
        jobs: &[Job<'a>],
        sink: Option<&dyn Sink>,
    ) -> Result<Vec<(Kind, Made, String)>, Error> {
        let order = crate::par::biggest_first(jobs.iter().map(|j| j.weight));
        let made = crate::par::map(jobs, Some(&order), |j| {
            (j.run)()?
                .into_iter()
                .map(|l| {
                    let bytes = ctx.render(&l.doc)?;
                    let made = match (&l.kind, sink) {
                        (Kind::Personal(path), Some(sink)) => {
                            sink.put(path, &bytes)?;
                            Made::Sunk(bytes.len())
                        }
                        _ => Made::Bytes(bytes),
                    };
                    Ok((l.kind, made, l.notes))
                })
                .collect::<Result<Vec<_>, Error>>()
        });
        let mut out = Vec::new();
        for r in made {
            out.extend(
                r.unwrap_or_else(|| Err(Error::failed("a worker thread stopped unexpectedly")))?,
            );
        }
        Ok(out)
    }
}

/// A rendered file: its bytes, or how many bytes were handed to the sink.
enum Made {
    Bytes(Vec<u8>),
    Sunk(usize),
}

/// A plan in words: its table, for the terminal, and its text file (PRINT.txt or SEND.txt).
struct Words {
    table: String,
    file: (PathBuf, Vec<u8>),
}

/// What a set of handouts is made for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HandoutUse {
    /// Paper: at most two pages a domain, fewer writing lines when needed. `fillable` puts a
    /// field over the lines, so the same file can be typed in or printed.
    Print { fillable: bool },
    /// E-mail: fillable, with more room to type, since pages cost nothing on a screen.
    Email,
}

/// Writing lines per question in an e-mailed handout: room for a few typed sentences.
const EMAIL_LINES: u8 = 3;
/// The most pages an e-mailed handout aims for before it gives questions fewer lines.
const EMAIL_MAX_PAGES: usize = 4;

/// The handout options of a pack for `setting`, for paper or e-mail.
pub fn handout_opts(
    ctx: &Context,
    setting: Setting,
    team: Option<&str>,
    participant: Option<&str>,
    made_for: HandoutUse,
) -> HandoutOptions {
    let (lines, max_pages, fillable) = match made_for {
        HandoutUse::Print { fillable } => (2, 2, fillable),
        HandoutUse::Email => (EMAIL_LINES, EMAIL_MAX_PAGES, true),
    };
    HandoutOptions {
        setting: Some(setting),
        stage: None,
        lines,
        max_pages,
        participant: participant.map(str::to_string),
        team: team.map(str::to_string),
        date: ctx.date.clone(),
        fillable,
        core: false,
        supervision: false,
    }
}

/// Where a setting's personal copies go and how they are made. Online teams get them by
/// e-mail. A hybrid team's copies stay the printed ones, with fields over the lines: nobody
/// knows on the evening before who will be at home on the day, and a blank fillable copy prints
/// exactly like a plain one, so one file serves both.
fn personal_copies(setting: Setting) -> (HandoutUse, &'static str) {
    match setting {
        Setting::Office => (HandoutUse::Print { fillable: false }, "handouts/"),
        Setting::Hybrid => (HandoutUse::Print { fillable: true }, "handouts/"),
        Setting::Online => (HandoutUse::Email, "personal/"),
    }
}

pub fn run(ctx: &Context, job: &PackJob, sink: Option<&dyn Sink>) -> Result<Outcome, Error> {
    let setting = job.setting;
    ctx.require_setting(setting)?;
    let team = job.team.as_deref();
    let roster = job.participants.as_deref().map(roster::read).transpose()?;
    let labels = &ctx.pack.labels;
    let logo = super::poster::logo(job.logo.as_deref(), job.logo_alt.as_deref())?;
    let logo = logo.as_ref();

    let (made_for, personal_dir) = personal_copies(setting);
    let domains: Vec<&Domain> = ctx.pack.domains.iter().collect();
    let people: &[Participant] = roster.as_deref().unwrap_or_default();
    let opts = handout_opts(ctx, setting, team, None, made_for);

    // The files to print: the room's for office and hybrid teams; for an online team only when
    // asked, in print/.
    let mut jobs = match setting {
        Setting::Online if job.print => printed::extras(ctx, setting, team, logo, job.poster_size),
        Setting::Online => Vec::new(),
        _ => printed::room(
            ctx,
            setting,
            team,
            logo,
            job.poster_size,
            setting == Setting::Hybrid,
        ),
    };
    // The files for the screen: at the top of an online pack, in remote/ for a hybrid one.
    jobs.extend(match setting {
        Setting::Office => Vec::new(),
        Setting::Online => screen::jobs(ctx, setting, team, logo, "", true),
        Setting::Hybrid => screen::jobs(ctx, setting, team, logo, "remote/", false),
    });
    jobs.extend(personal::jobs(ctx, &opts, &domains, people, personal_dir));

    // Every file laid out and rendered side by side; the notes and the files in the order of
    // the jobs.
    let mut notes = String::new();
    let mut personal: Vec<Pdf> = Vec::new();
    let (mut printed_files, mut printed): (Vec<PrintedFile>, Vec<Pdf>) = Default::default();
    let (mut screen_files, mut screen): (Vec<ScreenFile>, Vec<Pdf>) = Default::default();
    let mut sunk_bytes = 0;
    for (kind, made, note) in Job::run_all(ctx, &jobs, sink)? {
        notes.push_str(&note);
        let bytes = match made {
            Made::Bytes(bytes) => bytes,
            Made::Sunk(size) => {
                sunk_bytes += size;
                continue;
            }
        };
        match kind {
            Kind::Printed(f) => {
                printed.push((PathBuf::from(&f.file), bytes));
                printed_files.push(f);
            }
            Kind::Screen(f) => {
                screen.push((PathBuf::from(&f.file), bytes));
                screen_files.push(f);
            }
            Kind::Personal(path) => personal.push((path, bytes)),
        }
    }
    drop(jobs);

    // The guide goes first, and describes every other file.
    let gopts = GuideOptions {
        setting,
        team: team.map(str::to_string),
        date: ctx.date.clone(),
        items: guide_items(
            labels,
            setting,
            &printed_files,
            &screen_files,
            !people.is_empty(),
        ),
    };
    let mut gdoc = ctx.document(
        labels.fill("meta.guide_title", &[("title", &ctx.pack.title)]),
        labels.get("meta.guide_subject"),
    );
    gdoc.pages = guide(&ctx.pack, &ctx.template, &gopts)?;
    let guide_file = PrintedFile {
        file: "00-facilitator-guide.pdf".into(),
        purpose: Purpose::Guide,
        paper: PaperSize::Office(ctx.template.paper),
        pages: gdoc.pages.len(),
        sides: Sides::DoubleLongEdge,
    };
    let guide_bytes = ctx.render(&gdoc)?;
    drop(gdoc);

    let edition = edition_stamp(&ctx.pack, ctx.date.as_deref());
    // What is printed: PRINT.txt and its table. An online team's personal copies are e-mailed,
    // so they are not in it.
    let print = (!printed_files.is_empty()).then(|| {
        let plan = PrintPlan {
            personal: if setting == Setting::Online {
                0
            } else {
                people.len()
            },
            files: std::iter::once(guide_file.clone())
                .chain(printed_files)
                .collect(),
        };
        let table = print_plan::table(labels, &plan);
        let text = print_plan::print_txt(&ctx.pack, &edition, team, setting, &table);
        Words {
            table,
            file: (PathBuf::from("PRINT.txt"), text.into_bytes()),
        }
    });
    // What is e-mailed: SEND.txt and its table.
    let send = (setting != Setting::Office).then(|| {
        let sent = send_plan(
            setting,
            &guide_file.file,
            &screen_files,
            people,
            personal_dir,
        );
        let table = send_plan::table(labels, &sent);
        let text = send_plan::send_txt(&ctx.pack, &edition, team, setting, &table);
        Words {
            table,
            file: (PathBuf::from("SEND.txt"), text.into_bytes()),
        }
    });

    // One personal copy per person: those not kept here went to the sink.
    let sunk_files = people.len() - personal.len();
    // The folder in the order the guide lists it.
    let mut out = ctx.outcome();
    out.stderr.push_str(&notes);
    let mut written: Files = vec![(PathBuf::from(&guide_file.file), guide_bytes)];
    let mut tables = Vec::new();
    if setting == Setting::Online {
        // For the screen first; print/ only when asked.
        written.extend(screen);
        written.extend(personal);
        written.extend(printed);
        tables.extend(send.iter().map(|w| w.table.clone()));
        tables.extend(print.iter().map(|w| w.table.clone()));
        written.extend(print.map(|w| w.file));
        written.extend(send.map(|w| w.file));
    } else {
        // The room first; then remote/ for a hybrid team. The print table stays alone on
        // standard output, as for an office team.
        written.extend(printed);
        written.extend(personal);
        tables.extend(print.iter().map(|w| w.table.clone()));
        written.extend(print.map(|w| w.file));
        if let Some(send) = send {
            written.extend(screen);
            written.push(send.file);
            out.stderr.push_str(
                "the files for the people joining on screen are in remote/: SEND.txt says who gets which file and when\n",
            );
        }
    }
    out.stdout = tables.join("\n");
    let total: usize = written.iter().map(|(_, b)| b.len()).sum::<usize>() + sunk_bytes;
    out.stderr.push_str(&format!(
        "wrote {}/: {} files, {:.1} MB\n",
        job.output.display(),
        written.len() + sunk_files,
        total as f64 / 1_000_000.0
    ));
    out.outputs.push(Output::Dir {
        path: job.output.clone(),
        files: written,
        force: job.force,
    });
    Ok(out)
}

/// The guide's list of files, in folder order: (file name, what it is for).
fn guide_items(
    labels: &Labels,
    setting: Setting,
    printed: &[PrintedFile],
    screen: &[ScreenFile],
    personal: bool,
) -> Vec<(String, String)> {
    let mut print_items = print_plan::guide_items(labels, printed);
    if personal && setting != Setting::Online {
        print_items.push(match setting {
            Setting::Office => print_plan::personal_item(labels),
            _ => (
                labels.get("print.personal_file"),
                labels.get("send.how_personal"),
            ),
        });
    }
    if !printed.is_empty() {
        print_items.push(print_plan::print_txt_item(labels));
    }
    if setting == Setting::Office {
        return print_items;
    }
    let mut screen_items: Vec<(String, String)> = Vec::new();
    for f in screen {
        let how = send_plan::purpose_words(labels, f.purpose);
        if f.purpose != ScreenPurpose::Handouts {
            screen_items.push((f.file.clone(), how));
        } else if !screen_items.iter().any(|(_, h)| *h == how) {
            // One line for the folder of handouts.
            let count = screen.iter().filter(|s| s.purpose == f.purpose).count();
            let folder = f.file.rsplit_once('/').map_or("", |(d, _)| d);
            screen_items.push((
                send_plan::folder_item(labels, &format!("{folder}/"), count),
                how,
            ));
        }
    }
    if personal && setting == Setting::Online {
        screen_items.push((
            labels.get("send.personal_file"),
            labels.get("send.how_personal"),
        ));
    }
    screen_items.push(send_plan::send_txt_item(labels));
    if setting == Setting::Online {
        screen_items.extend(print_items);
        screen_items
    } else {
        print_items.extend(screen_items);
        print_items
    }
}

/// Who gets which file and when: the guide goes to the co-host; the screen files to everyone
/// (online) or to the people joining on screen (hybrid), the slides too, so anyone who loses
/// the picture can follow by the card code; each personal copy to its person; the action plan
/// to everyone once filled in.
fn send_plan(
    setting: Setting,
    guide: &str,
    screen: &[ScreenFile],
    people: &[Participant],
    personal_dir: &str,
) -> Vec<SentFile> {
    let remote = setting == Setting::Hybrid;
    let before = |file: &str, to: Recipient| SentFile {
        file: file.to_string(),
        to,
        when: When::Before,
    };
    let mut sent = vec![before(guide, Recipient::Cohost)];
    for f in screen {
        let to = match (f.purpose, remote) {
            (ScreenPurpose::ActionPlan, _) => continue,
            (ScreenPurpose::Handouts, false) if !people.is_empty() => Recipient::EveryoneElse,
            (ScreenPurpose::Handouts, true) if !people.is_empty() => Recipient::RemoteElse,
            (_, false) => Recipient::Everyone,
            (_, true) => Recipient::Remote,
        };
        sent.push(before(&f.file, to));
    }
    for p in people {
        let file = format!("{personal_dir}{}.pdf", p.file_stem);
        sent.push(before(
            &file,
            if remote {
                Recipient::RemotePerson(p.name.clone())
            } else {
                Recipient::Person(p.name.clone())
            },
        ));
    }
    let plan = match screen
        .iter()
        .find(|f| f.purpose == ScreenPurpose::ActionPlan)
    {
        Some(f) => f.file.clone(),
        None => "04-action-plan.pdf".into(),
    };
    sent.push(SentFile {
        file: plan,
        to: Recipient::Everyone,
        when: When::After,
    });
    sent
}
