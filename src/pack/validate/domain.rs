//! Checking one domain file: its id, code and colour, and each question and supervision
//! question in it (ids unique in the whole pack, settings declared, stages known).

use super::fields::{check_kebab, check_printable, locate_value, require_text};
use crate::diag::{Diagnostic, Location, Report, SourceFile, list_words, unknown};
use crate::pack::model::*;
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
    if df.id != listed_id {
        report.push(
            Diagnostic::error(format!(
                "domain id `{}` does not match its file name `{listed_id}.ron`",
                df.id
            ))
            .at(locate_value(src, 0, "id", &df.id))
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
    let mut search = src.find_from(0, "questions:").unwrap_or(0);
    for q in df.questions {
        let id_at = src
            .find_from(search, &format!("\"{}\"", q.id))
            .unwrap_or(search);
        search = id_at + 1;
        let q_start = src.text[..id_at].rfind('(').unwrap_or(id_at);
        let (line, _) = src.line_col(id_at);
        let id_loc = src.locate(id_at + 1, q.id.chars().count().max(1));
        check_kebab(src, q_start, "question", &q.id, report);
        if let Some(first) = seen_ids.get(&q.id) {
            report.push(
                Diagnostic::error(format!("duplicate question id `{}`", q.id))
                    .at(id_loc.clone())
                    .note("first used here", first.clone())
                    .help("question ids must be unique in the whole pack; rename one of them"),
            );
        } else {
            seen_ids.insert(q.id.clone(), id_loc.clone());
        }
        check_printable(
            src,
            q_start,
            &format!("question `{}`", q.id),
            &q.text,
            report,
        );
        if q.text.trim().is_empty() {
            report.push(
                Diagnostic::error(format!("question `{}` has empty text", q.id))
                    .at(locate_value(src, q_start, "text", &q.text))
                    .help("write the question between the quotes, or delete the question"),
            );
        } else {
            let words = q.text.split_whitespace().count();
            if words > MAX_QUESTION_WORDS {
                report.push(
                    Diagnostic::warning(format!(
                        "question `{}` has {words} words; aim for at most {MAX_QUESTION_WORDS} so it can be read aloud",
                        q.id
                    ))
                    .at(src.locate(src.find_from(q_start, "text:").unwrap_or(q_start), 4)),
                );
            }
        }
        if q.settings.is_empty() {
            report.push(
                Diagnostic::error(format!("question `{}` suits no setting", q.id))
                    .at(src.locate(src.find_from(q_start, "settings:").unwrap_or(q_start), 8))
                    .help("list one or more of `office`, `online` and `hybrid`"),
            );
        }
        for s in &q.settings {
            if !declared.contains(s) {
                let at = src
                    .find_from(
                        src.find_from(q_start, "settings:").unwrap_or(q_start),
                        s.id(),
                    )
                    .unwrap_or(q_start);
                report.push(
                    Diagnostic::error(format!(
                        "question `{}` suits `{s}`, which pack.ron does not declare",
                        q.id
                    ))
                    .at(src.locate(at, s.id().len()))
                    .help(format!(
                        "add `{s}` to `settings` in pack.ron, or remove it here"
                    )),
                );
            }
        }
        let needs_stage = q.settings.iter().any(|s| s.uses_stages());
        let stage = match &q.stage {
            None if needs_stage => {
                report.push(
                    Diagnostic::error(format!(
                        "question `{}` suits online or hybrid teams but has no stage",
                        q.id
                    ))
                    .at(id_loc.clone())
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
                            .at(locate_value(src, q_start, "stage", st)),
                    );
                    None
                }
            },
        };
        let n = per_stage_count.entry(stage).or_insert(0);
        *n += 1;
        let code = format!("{}-{}.{}", df.code, stage.map_or(0, |i| i + 1), n);
        if let Some(f) = &q.follow_up {
            check_follow_up(src, q_start, &q.id, f, report);
        }
        questions.push(Question {
            id: q.id,
            text: q.text,
            settings: q.settings,
            stage,
            code,
            follow_up: q.follow_up,
            core: q.core,
            origin: Origin {
                file: src.name.clone(),
                line,
            },
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
    let supervision = check_supervision(src, df.supervision, declared, seen_ids, report);
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
    list: Vec<SupervisionQuestionFile>,
    declared: &[Setting],
    seen_ids: &mut BTreeMap<String, Location>,
    report: &mut Report,
) -> Vec<SupervisionQuestion> {
    let mut out = Vec::new();
    let mut search = src.find_from(0, "supervision:").unwrap_or(0);
    for q in list {
        let id_at = src
            .find_from(search, &format!("\"{}\"", q.id))
            .unwrap_or(search);
        search = id_at + 1;
        let q_start = src.text[..id_at].rfind('(').unwrap_or(id_at);
        let (line, _) = src.line_col(id_at);
        let id_loc = src.locate(id_at + 1, q.id.chars().count().max(1));
        check_kebab(src, q_start, "question", &q.id, report);
        if let Some(first) = seen_ids.get(&q.id) {
            report.push(
                Diagnostic::error(format!("duplicate question id `{}`", q.id))
                    .at(id_loc.clone())
                    .note("first used here", first.clone())
                    .help("question ids must be unique in the whole pack; rename one of them"),
            );
        } else {
            seen_ids.insert(q.id.clone(), id_loc.clone());
        }
        if q.text.trim().is_empty() {
            report.push(
                Diagnostic::error(format!("question `{}` has empty text", q.id))
                    .at(locate_value(src, q_start, "text", &q.text))
                    .help("write the question between the quotes, or delete the question"),
            );
        }
        check_printable(
            src,
            q_start,
            &format!("question `{}`", q.id),
            &q.text,
            report,
        );
        if let Some(f) = &q.follow_up {
            check_follow_up(src, q_start, &q.id, f, report);
        }
        if q.settings.is_empty() {
            report.push(
                Diagnostic::error(format!("question `{}` suits no setting", q.id))
                    .at(src.locate(src.find_from(q_start, "settings:").unwrap_or(q_start), 8))
                    .help("list one or more of `office`, `online` and `hybrid`"),
            );
        }
        for s in &q.settings {
            if !declared.contains(s) {
                report.push(
                    Diagnostic::error(format!(
                        "question `{}` suits `{s}`, which pack.ron does not declare",
                        q.id
                    ))
                    .at(id_loc.clone())
                    .help(format!(
                        "add `{s}` to `settings` in pack.ron, or remove it here"
                    )),
                );
            }
        }
        out.push(SupervisionQuestion {
            id: q.id,
            part: q.part,
            text: q.text,
            follow_up: q.follow_up,
            settings: q.settings,
            core: q.core,
            origin: Origin {
                file: src.name.clone(),
                line,
            },
        });
    }
    out
}
