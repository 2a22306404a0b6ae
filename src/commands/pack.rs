//! `securebase pack`: everything a trainer prints for an away day, in one folder, with a
//! facilitator guide and print instructions. The folder is written under a temporary name and
//! renamed at the end, so an error never leaves half a pack.

use super::handout::handouts_document;
use super::{Context, Outcome, Output};
use crate::Error;
use crate::cli::{Cli, PackArgs, PosterSizeArg};
use crate::diag::{Diagnostic, Location};
use crate::layout::frame::Document;
use crate::layout::guide::{GuideOptions, action_plan, guide};
use crate::layout::handout::HandoutOptions;
use crate::pack::load::{read_text_file, unprintable};
use crate::pack::{Domain, Setting};
use crate::render::pdf;
use std::path::{Path, PathBuf};

/// One file of the pack and how to print it.
#[derive(Debug, Clone)]
pub struct Part {
    pub file: String,
    pub bytes: Vec<u8>,
    pub paper: String,
    pub pages: usize,
    pub sheets: usize,
    pub sides: String,
    pub weight: String,
    /// One line for the guide: what it is for.
    pub how: String,
}

fn render(doc: &Document) -> Result<Vec<u8>, Error> {
    pdf::render(doc).map_err(|e| Error::failed(e.to_string()))
}

fn single(pages: usize) -> (usize, String) {
    (pages, "single-sided".to_string())
}

fn double_long(pages: usize) -> (usize, String) {
    (
        pages.div_ceil(2),
        "double-sided, flip on long edge".to_string(),
    )
}

/// A personal name from the roster, kept with where it came from for messages.
#[derive(Debug, Clone)]
pub struct Participant {
    pub name: String,
    pub file_stem: String,
}

/// Reads a roster: one name per line, or a CSV whose header has a `name` column.
pub fn read_roster(path: &Path) -> Result<Vec<Participant>, Error> {
    let src = read_text_file(path).map_err(Error::Failed)?;
    let name = src.name.clone();
    let mut lines = src
        .text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
        .peekable();
    let mut column: Option<usize> = None;
    if let Some((_, first)) = lines.peek()
        && first.contains(',')
    {
        let headers: Vec<String> = split_csv(first)
            .iter()
            .map(|h| h.trim().to_lowercase())
            .collect();
        match headers.iter().position(|h| h == "name") {
            Some(i) => {
                column = Some(i);
                lines.next();
            }
            None => {
                let offset = src.offset_of(1, 1);
                return Err(Error::Failed(
                    Diagnostic::error(format!(
                        "roster `{name}` looks like a CSV file but has no `name` column"
                    ))
                    .at(src.locate(offset, first.chars().count().max(1)))
                    .help("add a header line such as `name,role`, or list one name per line"),
                ));
            }
        }
    }
    let mut out: Vec<Participant> = Vec::new();
    for (i, line) in lines {
        let n = i + 1;
        let value = match column {
            Some(c) => split_csv(line).get(c).cloned().unwrap_or_default(),
            None => line.to_string(),
        };
        let person = value.trim().to_string();
        let at = src.offset_of(n, 1);
        let loc = || src.locate(at, line.chars().count().max(1));
        if person.is_empty() {
            return Err(Error::Failed(
                Diagnostic::error(format!("line {n} of roster `{name}` has no name"))
                    .at(loc())
                    .help("fill in the name column or delete the line"),
            ));
        }
        if person.chars().count() > 60 {
            return Err(Error::Failed(
                Diagnostic::error(format!(
                    "the name on line {n} of roster `{name}` is longer than 60 characters"
                ))
                .at(loc())
                .help("shorten it; it is printed in the handout's header"),
            ));
        }
        if let Some(c) = unprintable(&person) {
            let col = line.chars().position(|x| x == c).map_or(1, |p| p + 1);
            let mut l = loc();
            l.col = col;
            l.width = 1;
            return Err(Error::Failed(
                Diagnostic::error(format!(
                    "the name on line {n} of roster `{name}` uses `{c}` (U+{:04X}), which the bundled font cannot print",
                    u32::from(c)
                ))
                .at(l)
                .help("spell the name with Latin letters, accents are fine"),
            ));
        }
        let mut stem = sanitise(&person);
        if stem.is_empty() {
            stem = format!("participant-{}", out.len() + 1);
        }
        let base = stem.clone();
        let mut k = 2;
        while out.iter().any(|p| p.file_stem == stem) {
            stem = format!("{base}-{k}");
            k += 1;
        }
        out.push(Participant {
            name: person,
            file_stem: stem,
        });
    }
    if out.is_empty() {
        return Err(Error::Failed(
            Diagnostic::error(format!("roster `{name}` has no names"))
                .at(Location::bare(&name, 1, 1))
                .help("write one name per line, or a CSV with a `name` column"),
        ));
    }
    Ok(out)
}

/// Splits one CSV line, honouring double quotes.
fn split_csv(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// A name made safe for a file name: letters and digits kept, everything else a single hyphen.
pub fn sanitise(name: &str) -> String {
    let mut s = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            s.extend(c.to_lowercase());
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    s.trim_end_matches('-').chars().take(60).collect()
}

fn handout_opts(
    ctx: &Context,
    setting: Setting,
    team: Option<&str>,
    participant: Option<&str>,
) -> HandoutOptions {
    HandoutOptions {
        setting: Some(setting),
        stage: None,
        lines: 2,
        max_pages: 2,
        participant: participant.map(str::to_string),
        team: team.map(str::to_string),
        date: ctx.date.clone(),
        fillable: false,
        core: false,
        supervision: false,
    }
}

pub fn run(cli: &Cli, args: &PackArgs) -> Result<Outcome, Error> {
    let ctx = Context::new(cli)?;
    let setting: Setting = args.setting.into();
    ctx.require_setting(setting)?;
    let team = args.team.as_deref();
    if let Some(t) = team
        && let Some(c) = unprintable(t)
    {
        return Err(Error::Usage(
            Diagnostic::error(format!(
                "the team name uses `{c}` (U+{:04X}), which the bundled font cannot print",
                u32::from(c)
            ))
            .help("spell it with Latin letters, accents are fine"),
        ));
    }
    let roster = match &args.participants {
        Some(p) => Some(read_roster(p)?),
        None => None,
    };
    let paper = ctx.template.paper;
    let paper_name = paper.name().to_string();
    let poster_size = match args.poster_size {
        PosterSizeArg::A2 => "a2",
        PosterSizeArg::A1 => "a1",
        PosterSizeArg::A0 => "a0",
    };
    let mut parts: Vec<Part> = Vec::new();
    let mut notes = String::new();

    // Posters.
    let posters = poster_parts(&ctx, setting, team, poster_size, paper)?;
    for (p, warnings) in posters {
        notes.push_str(&warnings);
        parts.push(p);
    }

    // Handouts for small groups.
    let domains: Vec<&Domain> = ctx.pack.domains.iter().collect();
    let (doc, hnotes) = handouts_document(&ctx, &domains, &handout_opts(&ctx, setting, team, None));
    notes.push_str(&hnotes);
    let even =
        doc.pages.len() % 2 == 0 && doc.bookmarks.windows(2).all(|w| (w[1].1 - w[0].1) % 2 == 0);
    let pages = doc.pages.len();
    let (sheets, sides) = if even {
        double_long(pages)
    } else {
        single(pages)
    };
    parts.push(Part {
        file: "02-handouts.pdf".into(),
        bytes: render(&doc)?,
        paper: paper_name.clone(),
        pages,
        sheets,
        sides,
        weight: "80-100 gsm".into(),
        how: "One handout per domain, for small groups or pairs to write on. Print one set per group, or use the personal copies.".into(),
    });

    // Cue cards.
    if let Some(cards) = cards_part(&ctx, setting)? {
        parts.push(cards);
    }

    // Action plan.
    let mut plan = ctx.document(
        format!("{}: action plan", ctx.pack.title),
        "What the team agrees to do, per domain".into(),
    );
    plan.pages.push(action_plan(
        &ctx.pack,
        &ctx.template,
        team,
        ctx.date.as_deref(),
    ));
    parts.push(Part {
        file: "04-action-plan.pdf".into(),
        bytes: render(&plan)?,
        paper: paper_name.clone(),
        pages: 1,
        sheets: 1,
        sides: "single-sided".into(),
        weight: "80 gsm (or enlarge to A3 for the wall)".into(),
        how: "Fill in together at the end of the day: one or two actions per domain, who starts them and by when.".into(),
    });

    // The guide goes first, and describes every other part.
    let mut items: Vec<(String, String)> = parts
        .iter()
        .map(|p| (p.file.clone(), p.how.clone()))
        .collect();
    if roster.is_some() {
        items.push(("handouts/<name>.pdf".into(), "A personal copy of all the handouts for each participant, with their name in the header.".into()));
    }
    items.push((
        "PRINT.txt".into(),
        "Paper, sheets and printer settings for every file.".into(),
    ));
    let gopts = GuideOptions {
        setting,
        team: team.map(str::to_string),
        date: ctx.date.clone(),
        items,
    };
    let mut gdoc = ctx.document(
        format!("{}: facilitator guide", ctx.pack.title),
        "How to run an away day with this pack".into(),
    );
    gdoc.pages = guide(&ctx.pack, &ctx.template, &gopts);
    let gpages = gdoc.pages.len();
    let (gsheets, gsides) = double_long(gpages);
    parts.insert(
        0,
        Part {
            file: "00-facilitator-guide.pdf".into(),
            bytes: render(&gdoc)?,
            paper: paper_name.clone(),
            pages: gpages,
            sheets: gsheets,
            sides: gsides,
            weight: "80 gsm".into(),
            how: "For the facilitator: the model, a plan for the day and how to use everything."
                .into(),
        },
    );

    // Personal copies, laid out and rendered on all cores.
    let mut personal: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    if let Some(people) = &roster {
        personal = personal_handouts(&ctx, setting, team, &domains, people)?;
    }

    let table = print_table(&parts, personal.len());
    let mut files: Vec<(PathBuf, Vec<u8>)> = parts
        .iter()
        .map(|p| (PathBuf::from(&p.file), p.bytes.clone()))
        .collect();
    files.extend(personal);
    files.push((
        PathBuf::from("PRINT.txt"),
        print_txt(&ctx, setting, team, &table).into_bytes(),
    ));
    let mut out = ctx.outcome();
    out.stderr.push_str(&notes);
    out.stdout = table;
    let total: usize = files.iter().map(|(_, b)| b.len()).sum();
    out.stderr.push_str(&format!(
        "wrote {}/: {} files, {:.1} MB\n",
        args.output.display(),
        files.len(),
        total as f64 / 1_000_000.0
    ));
    out.outputs.push(Output::Dir {
        path: args.output.clone(),
        files,
        force: args.force,
    });
    Ok(out)
}

/// Files to write: path inside the pack folder and bytes.
type Files = Vec<(PathBuf, Vec<u8>)>;

fn personal_handouts(
    ctx: &Context,
    setting: Setting,
    team: Option<&str>,
    domains: &[&Domain],
    people: &[Participant],
) -> Result<Files, Error> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(people.len().max(1));
    let chunk = people.len().div_ceil(threads);
    let results: Vec<Result<Files, Error>> = std::thread::scope(|s| {
        let handles: Vec<_> = people
            .chunks(chunk.max(1))
            .map(|group| {
                s.spawn(move || {
                    group
                        .iter()
                        .map(|p| {
                            let (mut doc, _) = handouts_document(
                                ctx,
                                domains,
                                &handout_opts(ctx, setting, team, Some(&p.name)),
                            );
                            doc.title = format!("{}: handouts for {}", ctx.pack.title, p.name);
                            Ok((
                                PathBuf::from("handouts").join(format!("{}.pdf", p.file_stem)),
                                render(&doc)?,
                            ))
                        })
                        .collect()
                })
            })
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

/// The aligned print table printed on stdout and in PRINT.txt.
fn print_table(parts: &[Part], personal: usize) -> String {
    let header = [
        "FILE",
        "PAPER",
        "PAGES",
        "SHEETS",
        "SIDES",
        "SCALE",
        "PAPER WEIGHT",
    ];
    let mut rows: Vec<Vec<String>> = parts
        .iter()
        .map(|p| {
            vec![
                p.file.clone(),
                p.paper.clone(),
                p.pages.to_string(),
                p.sheets.to_string(),
                p.sides.clone(),
                "100% / actual size".into(),
                p.weight.clone(),
            ]
        })
        .collect();
    if personal > 0
        && let Some(h) = parts.iter().find(|p| p.file == "02-handouts.pdf")
    {
        rows.push(vec![
            format!("handouts/ ({personal} files)"),
            h.paper.clone(),
            format!("{} each", h.pages),
            format!("{} each", h.sheets),
            h.sides.clone(),
            "100% / actual size".into(),
            h.weight.clone(),
        ]);
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            rows.iter()
                .map(|r| r[c].chars().count())
                .chain([header[c].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    let fmt = |r: Vec<String>| -> String {
        r.iter()
            .enumerate()
            .map(|(i, v)| {
                if i == 2 || i == 3 {
                    format!("{v:>w$}", w = widths[i])
                } else {
                    format!("{v:<w$}", w = widths[i])
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_string()
    };
    let mut s = fmt(header.iter().map(|h| h.to_string()).collect());
    s.push('\n');
    for r in rows {
        s.push_str(&fmt(r));
        s.push('\n');
    }
    let sheets: usize = parts
        .iter()
        .filter(|p| matches!(p.paper.as_str(), "A4" | "Letter"))
        .map(|p| p.sheets)
        .sum();
    s.push_str(&format!("\nTotal on the office printer: {sheets} sheets (posters larger than A3 go to a print shop or use the tiled version).\n"));
    s
}

fn print_txt(ctx: &Context, setting: Setting, team: Option<&str>, table: &str) -> String {
    let mut s = format!(
        "How to print this away-day pack\n{}\n\n",
        crate::layout::chrome::edition_stamp(&ctx.pack, ctx.date.as_deref())
    );
    if let Some(t) = team {
        s.push_str(&format!("Team: {t}\n"));
    }
    s.push_str(&format!("Setting: {}\n\n", setting.id()));
    s.push_str(table);
    s.push_str(
        "\nFor every file: print at 100% / actual size (turn off \"fit to page\" or \"shrink to fit\"),\n\
         so cards match their cut marks and poster tiles overlap as drawn.\n\
         Cue cards: print the first sheet double-sided and check that the back lines up with the front\n\
         before printing the rest; `securebase cards --calibration` prints a test sheet for this.\n\
         Cut the cards along the crop marks with a guillotine or a craft knife and ruler.\n\
         Tiled poster: trim each tile on its glue margin and overlap it on its neighbour, following\n\
         the assembly key on the first page.\n",
    );
    s
}

/// The poster at its size, and tiled on the pack's paper for an office printer.
fn poster_parts(
    ctx: &Context,
    setting: Setting,
    team: Option<&str>,
    size: &str,
    paper: crate::template::Paper,
) -> Result<Vec<(Part, String)>, Error> {
    use crate::layout::poster::{PosterOptions, PosterSize};
    let poster_size = match size {
        "a0" => PosterSize::A0,
        "a1" => PosterSize::A1,
        _ => PosterSize::A2,
    };
    let opts = PosterOptions {
        size: poster_size,
        landscape: false,
        setting,
        team: team.map(str::to_string),
        logo: None,
        date: ctx.date.clone(),
    };
    let notes = |w: Vec<String>| -> String { w.iter().map(|l| format!("{l}\n")).collect() };
    let (doc, warnings) = super::poster::poster_document(ctx, &opts)?;
    let whole = Part {
        file: format!("01-poster-{size}.pdf"),
        bytes: render(&doc)?,
        paper: size.to_uppercase(),
        pages: doc.pages.len(),
        sheets: doc.pages.len(),
        sides: "single-sided".into(),
        weight: "170 gsm silk or matt (print shop)".into(),
        how: format!(
            "The model on the wall: open the day with it and leave it up afterwards. {} needs a print shop or a large-format printer.",
            size.to_uppercase()
        ),
    };
    let (tdoc, plan, twarnings) = super::poster::tiled_document(ctx, &opts, paper, 10.0)?;
    let tiled = Part {
        file: format!("01-poster-tiled-{}.pdf", paper.id()),
        bytes: render(&tdoc)?,
        paper: paper.name().to_string(),
        pages: tdoc.pages.len(),
        sheets: tdoc.pages.len(),
        sides: "single-sided".into(),
        weight: "120 gsm".into(),
        how: format!(
            "The same poster on {} {} sheets ({} x {}) for an office printer: trim the glue margins and join the sheets as the first page shows.",
            plan.cols * plan.rows,
            paper.name(),
            plan.rows,
            plan.cols
        ),
    };
    Ok(vec![(whole, notes(warnings)), (tiled, notes(twarnings))])
}

/// The duplex-ready cue cards for every domain of the setting.
fn cards_part(ctx: &Context, setting: Setting) -> Result<Option<Part>, Error> {
    use super::cards::{CardOptions, cards_document};
    let (doc, summary) = cards_document(
        ctx,
        &CardOptions {
            setting,
            ..CardOptions::default()
        },
    )?;
    Ok(Some(Part {
        file: "03-cue-cards.pdf".into(),
        bytes: render(&doc)?,
        paper: summary.paper.name().to_string(),
        pages: summary.pages,
        sheets: summary.front_sheets,
        sides: "double-sided, flip on long edge".into(),
        weight: "250-300 gsm card".into(),
        how: format!(
            "{} cue cards, {} per sheet, to sort, draw and discuss in small groups. Print double-sided (flip on long edge), then cut on the crop marks.",
            summary.cards, summary.per_page
        ),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_become_safe_file_names() {
        assert_eq!(sanitise("O'Neill, Zoë"), "o-neill-zoë");
        assert_eq!(sanitise("  ../../etc/passwd "), "etc-passwd");
        assert_eq!(sanitise("***"), "");
    }

    #[test]
    fn csv_fields_honour_quotes() {
        assert_eq!(
            split_csv("\"Khan, Amira\",\"say \"\"hi\"\"\",x"),
            ["Khan, Amira", "say \"hi\"", "x"]
        );
    }
}
