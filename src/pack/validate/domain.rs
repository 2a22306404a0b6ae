//! Checking one domain file: its id, code and colour, and each question and supervision
//! question in it (ids unique in the whole pack, settings declared, stages known).

use super::fields::{check_kebab, check_printable, locate_value, require_text};
use crate::diag::{Diagnostic, Location, Report, SourceFile, list_words, unknown};
use crate::pack::model::*;
use crate::ron_diag::innermost_open;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Questions longer than this get a warning: they are hard to read aloud.
pub const MAX_QUESTION_WORDS: usize = 30;

#[allow(clippy::too_many_arguments)]
pub(super) fn check_domain(
    src: &Arc<SourceFile>,
    listed_id: &str,
    df: DomainFile,
    stages: &[Stage],
    declared: &[Setting],
    seen_ids: &mut BTreeMap<String, Location>,
    seen_codes: &mut BTreeMap<String, Location>,
    report: &mut Report,
) -> Option<Domain> {
    let errors_before = report.errors();
    let id_loc = locate_value(src, 0, "id", &df.id);
    if df.id != listed_id {
        report.push(
            Diagnostic::error(format!(
                "domain id `{}` does not match its file name `{listed_id}.ron`",
                df.id
            ))
            .at(id_loc.clone())
            .help(format!("write id: \"{listed_id}\", or rename the file")),
        );
    }
    for (field, value) in [
        ("name", &df.name),
        ("belief", &df.belief),
        ("summary", &df.summary),
    ] {
        require_text(src, 0, field, value, report);
    }
    let code_ok =
        (2..=3).contains(&df.code.len()) && df.code.chars().all(|c| c.is_ascii_uppercase());
    let code_loc = locate_value(src, 0, "code", &df.code);
    if !code_ok {
        report.push(
            Diagnostic::error(format!(
                "domain code `{}` is not 2 or 3 capital letters",
                df.code
            ))
            .at(code_loc.clone())
            .help("the code starts each card code, like `AV` in AV-2.3"),
        );
    } else if let Some(first) = seen_codes.get(&df.code) {
        report.push(
            Diagnostic::error(format!("domain code `{}` is used twice", df.code))
                .at(code_loc)
                .note("first used here", first.clone())
                .help("give each domain its own code"),
        );
    } else {
        seen_codes.insert(df.code.clone(), code_loc);
    }
    let colour = match Rgb::parse_hex(&df.colour) {
        Some(c) => {
            let text = c.text_colour();
            let ratio = c.contrast(text);
            if ratio < 4.5 {
                report.push(
                    Diagnostic::error(format!(
                        "colour `{}` leaves text at {ratio:.1}:1 contrast; at least 4.5:1 is needed",
                        df.colour
                    ))
                    .at(locate_value(src, 0, "colour", &df.colour))
                    .help("choose a darker or a lighter colour, e.g. from the Okabe-Ito palette: #0072B2, #E69F00, #009E73, #CC79A7, #56B4E9"),
                );
            }
            c
        }
        None => {
            report.push(
                Diagnostic::error(format!("colour `{}` is not a #RRGGBB colour", df.colour))
                    .at(locate_value(src, 0, "colour", &df.colour))
                    .help("write a colour as \"#0072B2\""),
            );
            Rgb::BLACK
        }
    };

    let stage_ids: Vec<&str> = stages.iter().map(|s| s.id.as_str()).collect();
    let mut questions = Vec::new();
    let mut per_stage_count: BTreeMap<Option<usize>, usize> = BTreeMap::new();
    let mut cursor = Cursor::new(src, "questions:");
    for q in df.questions {
        let site = Site::find(src, &mut cursor, &q.id);
        check_id(src, &site, &q.id, seen_ids, report);
        check_printable(
            src,
            site.start,
            &format!("question `{}`", q.id),
            &q.text,
            report,
        );
        if q.text.trim().is_empty() {
            report.push(empty_text(src, &site, &q.id, &q.text));
        } else {
            let words = q.text.split_whitespace().count();
            if words > MAX_QUESTION_WORDS {
                report.push(
                    Diagnostic::warning(format!(
                        "question `{}` has {words} words; aim for at most {MAX_QUESTION_WORDS} so it can be read aloud",
                        q.id
                    ))
                    .at(site.text.clone()),
                );
            }
        }
        check_settings(src, &site, &q.id, &q.settings, declared, report);
        let needs_stage = q.settings.iter().any(|s| s.uses_stages());
        let stage = match &q.stage {
            None if needs_stage => {
                report.push(
                    Diagnostic::error(format!(
                        "question `{}` suits online or hybrid teams but has no stage",
                        q.id
                    ))
                    .at(site.id.clone())
                    .help(format!(
                        "add `stage: \"{}\"` (one of {})",
                        stage_ids.first().copied().unwrap_or("general"),
                        list_words(&stage_ids)
                    )),
                );
                None
            }
            None => None,
            Some(st) => match stages.iter().position(|s| &s.id == st) {
                Some(i) => Some(i),
                None => {
                    report.push(
                        unknown("stage", st, &stage_ids)
                            .at(locate_value(src, site.start, "stage", st)),
                    );
                    None
                }
            },
        };
        let n = per_stage_count.entry(stage).or_insert(0);
        *n += 1;
        let code = format!("{}-{}.{}", df.code, stage.map_or(0, |i| i + 1), n);
        if let Some(f) = &q.follow_up {
            check_follow_up(src, site.start, &q.id, f, report);
        }
        questions.push(Question {
            id: q.id,
            text: q.text,
            settings: q.settings,
            stage,
            code,
            follow_up: q.follow_up,
            core: q.core,
            location: site.text,
        });
    }
    for s in declared {
        if !questions.iter().any(|q| q.suits(*s)) {
            report.push(
                Diagnostic::error(format!(
                    "domain `{}` has no question for the `{s}` setting",
                    df.id
                ))
                .at(src.locate(src.find_from(0, "questions").unwrap_or(0), 9))
                .help(format!(
                    "add a question with settings: [{s}], or remove `{s}` from pack.ron"
                )),
            );
        }
    }
    let supervision = check_supervision(src, &cursor, df.supervision, declared, seen_ids, report);
    let ideas = Ideas {
        office: df.ideas.office,
        online: df.ideas.online,
        hybrid: df.ideas.hybrid,
    };
    for s in declared {
        let n = ideas.for_setting(*s).len();
        if !(3..=5).contains(&n) {
            report.push(
                Diagnostic::warning(format!(
                    "domain `{}` has {n} ideas to try for `{s}`; 3 to 5 read best on the poster",
                    df.id
                ))
                .at(src.locate(src.find_from(0, "ideas").unwrap_or(0), 5)),
            );
        }
    }
    (report.errors() == errors_before).then_some(Domain {
        id: df.id,
        code: df.code,
        name: df.name,
        belief: df.belief,
        colour,
        summary: df.summary,
        questions,
        ideas,
        supervision,
        location: id_loc,
    })
}

/// A follow-up must have text and only printable characters.
fn check_follow_up(
    src: &Arc<SourceFile>,
    q_start: usize,
    id: &str,
    text: &str,
    report: &mut Report,
) {
    if text.trim().is_empty() {
        report.push(
            Diagnostic::error(format!("question `{id}` has an empty follow_up"))
                .at(locate_value(src, q_start, "follow_up", text))
                .help("write the second ask between the quotes, or delete `follow_up`"),
        );
    }
    check_printable(src, q_start, &format!("question `{id}`"), text, report);
}

/// Checks the supervision questions of a domain: ids, text, settings.
fn check_supervision(
    src: &Arc<SourceFile>,
    after_questions: &Cursor,
    list: Vec<SupervisionQuestionFile>,
    declared: &[Setting],
    seen_ids: &mut BTreeMap<String, Location>,
    report: &mut Report,
) -> Vec<SupervisionQuestion> {
    let mut out = Vec::new();
    let mut cursor = after_questions.then(src, "supervision:");
    for q in list {
        let site = Site::find(src, &mut cursor, &q.id);
        check_id(src, &site, &q.id, seen_ids, report);
        if q.text.trim().is_empty() {
            report.push(empty_text(src, &site, &q.id, &q.text));
        }
        check_printable(
            src,
            site.start,
            &format!("question `{}`", q.id),
            &q.text,
            report,
        );
        if let Some(f) = &q.follow_up {
            check_follow_up(src, site.start, &q.id, f, report);
        }
        check_settings(src, &site, &q.id, &q.settings, declared, report);
        out.push(SupervisionQuestion {
            id: q.id,
            part: q.part,
            text: q.text,
            follow_up: q.follow_up,
            settings: q.settings,
            core: q.core,
            location: site.text,
        });
    }
    out
}

/// Where one question is written, found by its quoted id after the previous question's.
struct Site {
    /// Byte offset of the question's opening `(`.
    start: usize,
    /// The id, underlined.
    id: Location,
    /// The `text:` field, underlined: where messages about the question's wording point.
    text: Location,
}

/// Where [`Site::find`] goes on from, question after question.
struct Cursor {
    /// Where to look for the next id: just past the previous one.
    search: usize,
    /// The previous question's `(` (at first the top of the file): a point outside any string
    /// or comment, from which the next question's bracket is found without reading the file
    /// from the top again for every question.
    bracket: usize,
}

impl Cursor {
    /// A cursor at the start of the list that follows `section` (for example `questions:`).
    fn new(src: &SourceFile, section: &str) -> Cursor {
        Cursor {
            search: src.find_from(0, section).unwrap_or(0),
            bracket: 0,
        }
    }

    /// A cursor at the list that follows `section` after this one's list (`supervision:` after
    /// `questions:`), found from where this one stopped: the files are not read from the top
    /// again. When the section is written before this list, it is found from the top.
    fn then(&self, src: &SourceFile, section: &str) -> Cursor {
        match src.find_from(self.search, section) {
            Some(search) => Cursor {
                search,
                bracket: self.bracket,
            },
            None => Cursor::new(src, section),
        }
    }
}

impl Site {
    fn find(src: &Arc<SourceFile>, cursor: &mut Cursor, id: &str) -> Site {
        let id_at = src
            .find_from(cursor.search, &format!("\"{id}\""))
            .unwrap_or(cursor.search);
        cursor.search = id_at + 1;
        // The bracket that holds the id, skipping any `(` inside a text written before it. Read
        // from the previous question's bracket, the innermost bracket still open is the same as
        // read from the top, when it was opened after that point; otherwise read from the top.
        let base = cursor.bracket.min(id_at);
        let open = innermost_open(&src.text[base..], id_at - base)
            .map(|(_, at)| base + at)
            .or_else(|| innermost_open(&src.text, id_at).map(|(_, at)| at));
        if let Some(at) = open {
            cursor.bracket = at;
        }
        let start = open.unwrap_or(id_at);
        Site {
            start,
            id: src.locate(id_at + 1, id.chars().count().max(1)),
            text: src.locate(src.find_from(start, "text:").unwrap_or(start), 4),
        }
    }
}

/// A question id must be kebab-case and unique in the whole pack.
fn check_id(
    src: &Arc<SourceFile>,
    site: &Site,
    id: &str,
    seen_ids: &mut BTreeMap<String, Location>,
    report: &mut Report,
) {
    check_kebab(src, site.start, "question", id, report);
    if let Some(first) = seen_ids.get(id) {
        report.push(
            Diagnostic::error(format!("duplicate question id `{id}`"))
                .at(site.id.clone())
                .note("first used here", first.clone())
                .help("question ids must be unique in the whole pack; rename one of them"),
        );
    } else {
        seen_ids.insert(id.to_string(), site.id.clone());
    }
}

fn empty_text(src: &Arc<SourceFile>, site: &Site, id: &str, text: &str) -> Diagnostic {
    Diagnostic::error(format!("question `{id}` has empty text"))
        .at(locate_value(src, site.start, "text", text))
        .help("write the question between the quotes, or delete the question")
}

/// A question suits at least one setting, and only settings that pack.ron declares.
fn check_settings(
    src: &Arc<SourceFile>,
    site: &Site,
    id: &str,
    settings: &[Setting],
    declared: &[Setting],
    report: &mut Report,
) {
    let list_at = src.find_from(site.start, "settings:").unwrap_or(site.start);
    if settings.is_empty() {
        report.push(
            Diagnostic::error(format!("question `{id}` suits no setting"))
                .at(src.locate(list_at, 8))
                .help("list one or more of `office`, `online` and `hybrid`"),
        );
    }
    for s in settings.iter().filter(|s| !declared.contains(s)) {
        let at = src.find_from(list_at, s.id()).unwrap_or(site.start);
        report.push(
            Diagnostic::error(format!(
                "question `{id}` suits `{s}`, which pack.ron does not declare"
            ))
            .at(src.locate(at, s.id().len()))
            .help(format!(
                "add `{s}` to `settings` in pack.ron, or remove it here"
            )),
        );
    }
}
