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
    /// The facilitator guide, which lists every other file.
    Guide(PrintedFile),
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
    /// Each job's files are told to `board` as soon as they are laid out, before they are
    /// rendered.
    fn run_all(
        ctx: &Context,
        jobs: &[Job<'a>],
        sink: Option<&dyn Sink>,
        board: &Board,
    ) -> Result<Vec<(Kind, Made, String)>, Error> {
        let order = crate::par::biggest_first(jobs.iter().map(|j| j.weight));
        let numbered: Vec<(usize, &Job)> = jobs.iter().enumerate().collect();
        let made = crate::par::map(&numbered, Some(&order), |&(i, j)| {
            let mut told = board.slot(i);
            let laid = (j.run)()?;
            told.tell(&laid);
            drop(told);
            laid.into_iter()
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

/// The files the guide lists: printed ones and screen ones, each in job order.
type Listed = (Vec<PrintedFile>, Vec<ScreenFile>);

/// What the pack's files are, told by each job as soon as it has laid them out: the guide lists
/// every file, and waits here instead of after every file is rendered, so it is laid out and
/// rendered side by side with the rest (it was a tenth of the pack's time, alone at the end).
struct Board {
    /// Per job: the printed and screen files it laid out, once told (`None` inside when the job
    /// failed).
    told: std::sync::Mutex<Vec<Option<Option<Listed>>>>,
    all_told: std::sync::Condvar,
}

impl Board {
    /// A board for the first `jobs` jobs (the guide, after them, tells nothing).
    fn new(jobs: usize) -> Board {
        Board {
            told: std::sync::Mutex::new((0..jobs).map(|_| None).collect()),
            all_told: std::sync::Condvar::new(),
        }
    }

    /// Where job `i` tells its files. Dropped untold (an error or a panic), it tells the board
    /// the job failed, so the guide never waits for it.
    fn slot(&self, i: usize) -> Told<'_> {
        Told {
            board: self,
            i,
            files: None,
        }
    }

    /// The files of every job in job order, once all have told; `None` when one failed (its
    /// error is the one reported).
    fn wait(&self) -> Option<Listed> {
        let mut told = self.told.lock().ok()?;
        while told.iter().any(Option::is_none) {
            told = self.all_told.wait(told).ok()?;
        }
        let mut all: Listed = Default::default();
        for files in told.iter_mut() {
            let (printed, screen) = files.take().flatten()?;
            all.0.extend(printed);
            all.1.extend(screen);
        }
        Some(all)
    }
}

/// A job's place on the [`Board`].
struct Told<'b> {
    board: &'b Board,
    i: usize,
    files: Option<Listed>,
}

impl Told<'_> {
    /// The printed and screen files among `laid` (personal copies are not listed one by one).
    fn tell(&mut self, laid: &[Laid]) {
        let mut files: Listed = Default::default();
        for l in laid {
            match &l.kind {
                Kind::Printed(f) => files.0.push(f.clone()),
                Kind::Screen(f) => files.1.push(f.clone()),
                Kind::Guide(_) | Kind::Personal(_) => {}
            }
        }
        self.files = Some(files);
    }
}

impl Drop for Told<'_> {
    fn drop(&mut self) {
        // A poisoned lock means another job panicked: the pack fails with that error anyway.
        if let Ok(mut told) = self.board.told.lock()
            && let Some(slot) = told.get_mut(self.i)
        {
            *slot = Some(self.files.take());
            self.board.all_told.notify_all();
        }
    }
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
    // The guide goes first in the folder and describes every other file: it is the last job
    // taken, and lays itself out as soon as the others have laid out theirs.
    let board = Board::new(jobs.len());
    let board = &board;
    // Declared after the board, so dropped before it: the guide's job borrows it.
    let mut jobs = jobs;
    let personal_listed = !people.is_empty();
    jobs.push(Job::new(0, move || {
        let Some((printed_files, screen_files)) = board.wait() else {
            return Ok(Vec::new());
        };
        let gopts = GuideOptions {
            setting,
            team: team.map(str::to_string),
            date: ctx.date.clone(),
            items: guide_items(
                labels,
                setting,
                &printed_files,
                &screen_files,
                personal_listed,
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
        Ok(vec![Laid {
            kind: Kind::Guide(guide_file),
            doc: gdoc,
            notes: String::new(),
        }])
    }));

    // Every file laid out and rendered side by side; the notes and the files in the order of
    // the jobs.
    let mut notes = String::new();
    let mut personal: Vec<Pdf> = Vec::new();
    let (mut printed_files, mut printed): (Vec<PrintedFile>, Vec<Pdf>) = Default::default();
    let (mut screen_files, mut screen): (Vec<ScreenFile>, Vec<Pdf>) = Default::default();
    let mut sunk_bytes = 0;
    let mut guide_made = None;
    for (kind, made, note) in Job::run_all(ctx, &jobs, sink, board)? {
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
            Kind::Guide(f) => guide_made = Some((f, bytes)),
        }
    }
    drop(jobs);
    let (guide_file, guide_bytes) =
        guide_made.ok_or_else(|| Error::failed("the facilitator guide was not made"))?;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::frame::Document;

    fn printed(file: &str) -> Laid {
        Laid {
            kind: Kind::Printed(PrintedFile {
                file: file.into(),
                purpose: Purpose::Handouts,
                paper: PaperSize::Office(crate::template::Paper::A4),
                pages: 1,
                sides: Sides::Single,
            }),
            doc: Document::default(),
            notes: String::new(),
        }
    }

    fn names((printed, _): &Listed) -> Vec<&str> {
        printed.iter().map(|f| f.file.as_str()).collect()
    }

    /// The guide waits on the board for every other job: it gets their files in job order
    /// whatever order they were told in, and a job that fails (or panics) never leaves it
    /// waiting.
    #[test]
    fn the_board_gives_every_file_in_job_order_and_never_waits_for_a_failed_job() {
        let board = Board::new(3);
        std::thread::scope(|s| {
            let waiter = s.spawn(|| board.wait());
            for i in [2, 0, 1] {
                let mut told = board.slot(i);
                told.tell(&[printed(&format!("{i}.pdf"))]);
            }
            let files = waiter.join().expect("no panic").expect("all told");
            assert_eq!(names(&files), ["0.pdf", "1.pdf", "2.pdf"]);
        });

        let board = Board::new(2);
        std::thread::scope(|s| {
            let waiter = s.spawn(|| board.wait());
            board.slot(0).tell(&[printed("0.pdf")]);
            // Job 1 fails: its slot is dropped untold.
            drop(board.slot(1));
            assert!(waiter.join().expect("no panic").is_none());
        });

        let board = Board::new(1);
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _told = board.slot(0);
            panic!("a job panics while laying out");
        }));
        assert!(board.wait().is_none(), "a panicked job counts as told");
    }
}
