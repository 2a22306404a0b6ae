//! Checking a pack: every file read through `source`, parsed through `crate::ron_diag`, then
//! checked here, so that each mistake becomes a [`Diagnostic`] that names the file, line and
//! column and suggests a fix.
//!
//! Syntax and type errors stop the reading of that one file (RON cannot be read past them);
//! everything else is collected, so one run of `securebase check` shows every problem.
//! `mod.rs` walks the pack and checks `pack.ron`; `domain.rs` checks a domain file and its
//! questions; `fields.rs` holds the small checks both use (ids, empty text, printable text).

mod domain;
mod fields;

use super::model::*;
use super::source::PackSource;
use crate::diag::{Diagnostic, Location, Report, SourceFile, list_words, unknown};
use crate::ron_diag::parse_ron;
use domain::check_domain;
use fields::{check_kebab, check_printable, require_text};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The result of loading: the pack when there were no errors, and every diagnostic found.
pub struct Loaded {
    pub pack: Option<Pack>,
    pub report: Report,
}

/// Loads and checks a pack. The built-in pack comes from its snapshot when the snapshot belongs
/// to this build (see [`super::snapshot`]).
pub fn load_pack(source: &PackSource) -> Loaded {
    if let PackSource::Builtin = source
        && let Some(pack) = super::snapshot::builtin()
    {
        return Loaded {
            pack: Some(pack),
            report: Report::default(),
        };
    }
    load_files(source)
}

/// Reads and checks a pack's files.
pub fn load_files(source: &PackSource) -> Loaded {
    let mut report = Report::default();
    let pack = load_inner(source, &mut report);
    let pack = if report.has_errors() { None } else { pack };
    Loaded { pack, report }
}

fn load_inner(source: &PackSource, report: &mut Report) -> Option<Pack> {
    if let PackSource::Dir(d) = source
        && !d.is_dir()
    {
        report.push(
            Diagnostic::error(format!("pack folder `{}` not found", d.display()))
                .help("give a folder that holds pack.ron, or make one with `securebase init DIR`"),
        );
        return None;
    }
    let pack_src = match source.read("pack.ron") {
        Ok(Some(s)) => s,
        Ok(None) => {
            report.push(
                Diagnostic::error(format!("no pack.ron in `{}`", source.display("")))
                    .help("a pack folder holds pack.ron and a domains/ folder; `securebase init DIR` makes one"),
            );
            return None;
        }
        Err(d) => {
            report.push(d);
            return None;
        }
    };
    let file: PackFile = match parse_ron(&pack_src, "pack") {
        Ok(f) => f,
        Err(d) => {
            report.push(d);
            // Still check the domain files we can find, so every problem shows at once.
            for id in source.domain_files() {
                if let Ok(Some(src)) = source.read(&format!("domains/{id}.ron"))
                    && let Err(d) = parse_ron::<DomainFile>(&src, "domain")
                {
                    report.push(d);
                }
            }
            return None;
        }
    };
    let stages = check_pack_file(&pack_src, &file, report);
    let labels = load_labels(source, report);
    let declared: Vec<Setting> = file.settings.iter().map(|s| s.id).collect();

    let present = source.domain_files();
    let mut domains = Vec::new();
    let mut seen_ids: BTreeMap<String, Location> = BTreeMap::new();
    let mut seen_codes: BTreeMap<String, Location> = BTreeMap::new();
    let mut listed_search = 0;
    for (i, id) in file.domains.iter().enumerate() {
        let loc = {
            let anchor = pack_src.find_from(0, "domains:").unwrap_or(0);
            let needle = format!("\"{id}\"");
            let at = pack_src
                .find_from(listed_search.max(anchor), &needle)
                .unwrap_or(anchor);
            listed_search = at + needle.len();
            pack_src.locate(at + 1, id.chars().count().max(1))
        };
        if file.domains[..i].contains(id) {
            report.push(
                Diagnostic::error(format!("domain `{id}` is listed twice"))
                    .at(loc)
                    .help("list each domain once"),
            );
            continue;
        }
        let rel = format!("domains/{id}.ron");
        let src = match source.read(&rel) {
            Ok(Some(s)) => s,
            Ok(None) => {
                let cands: Vec<&str> = present.iter().map(String::as_str).collect();
                report.push(unknown("domain", id, &cands).at(loc).help(format!(
                    "each listed domain needs a file {}; domain files found: {}",
                    source.display(&rel),
                    list_words(&cands)
                )));
                continue;
            }
            Err(d) => {
                report.push(d);
                continue;
            }
        };
        match parse_ron::<DomainFile>(&src, "domain") {
            Ok(df) => {
                if let Some(d) = check_domain(
                    &src,
                    id,
                    df,
                    &stages,
                    &declared,
                    &mut seen_ids,
                    &mut seen_codes,
                    report,
                ) {
                    domains.push(d);
                }
            }
            Err(d) => report.push(d),
        }
    }
    for id in &present {
        if !file.domains.contains(id) {
            report.push(
                Diagnostic::warning(format!(
                    "{} is not listed in pack.ron, so it is not printed",
                    source.display(&format!("domains/{id}.ron"))
                ))
                .help(format!(
                    "add \"{id}\" to `domains` in pack.ron, or delete the file"
                )),
            );
        }
    }
    Some(Pack {
        id: file.id,
        title: file.title,
        version: file.version,
        language: file.language,
        intro: file.intro,
        citations: file.citations,
        footer_citation: file.footer_citation,
        stages,
        settings: file
            .settings
            .into_iter()
            .map(|s| SettingInfo {
                id: s.id,
                name: s.name,
                summary: s.summary,
            })
            .collect(),
        guide: load_guide(source, &declared, file.domains.len(), report),
        domains,
        labels,
    })
}

/// Reads and checks `guide.ron`; a pack without it is told how to get one.
fn load_guide(
    source: &PackSource,
    declared: &[Setting],
    domains: usize,
    report: &mut Report,
) -> super::guide::Guide {
    match source.read("guide.ron") {
        Ok(Some(src)) => match parse_ron::<super::guide::Guide>(&src, "guide") {
            Ok(g) => {
                super::guide::check_guide(&src, &g, declared, domains, report);
                g
            }
            Err(d) => {
                report.push(d);
                Default::default()
            }
        },
        Ok(None) => {
            report.push(
                Diagnostic::error(format!("no guide.ron in `{}`", source.display("")))
                    .help("a pack holds guide.ron with the facilitator guide; copy it from `securebase init DIR --from default` and rewrite it"),
            );
            Default::default()
        }
        Err(d) => {
            report.push(d);
            Default::default()
        }
    }
}

/// Reads and checks `labels.ron`; a pack without it is told how to get one.
fn load_labels(source: &PackSource, report: &mut Report) -> super::labels::Labels {
    match source.read("labels.ron") {
        Ok(Some(src)) => match parse_ron::<BTreeMap<String, String>>(&src, "labels") {
            Ok(map) => super::labels::check_labels(&src, map, report),
            Err(d) => {
                report.push(d);
                Default::default()
            }
        },
        Ok(None) => {
            report.push(
                Diagnostic::error(format!("no labels.ron in `{}`", source.display("")))
                    .help("a pack holds labels.ron with every printed label; copy it from `securebase init DIR --from default` and translate it"),
            );
            Default::default()
        }
        Err(d) => {
            report.push(d);
            Default::default()
        }
    }
}

fn check_pack_file(src: &Arc<SourceFile>, file: &PackFile, report: &mut Report) -> Vec<Stage> {
    check_kebab(src, 0, "pack", &file.id, report);
    for (field, value) in [
        ("title", &file.title),
        ("version", &file.version),
        ("language", &file.language),
    ] {
        require_text(src, 0, field, value, report);
    }
    for (field, value) in [
        ("title", &file.title),
        ("intro", &file.intro),
        ("footer_citation", &file.footer_citation),
    ] {
        check_printable(src, 0, &format!("the pack's {field}"), value, report);
    }
    for c in &file.citations {
        check_printable(src, 0, "a citation", c, report);
    }
    for st in &file.stages {
        check_printable(
            src,
            0,
            &format!("stage `{}`", st.id),
            &format!("{} {}", st.name, st.summary),
            report,
        );
    }
    for st in &file.settings {
        check_printable(
            src,
            0,
            &format!("setting `{}`", st.id),
            &format!("{} {}", st.name, st.summary),
            report,
        );
    }
    if file.citations.is_empty() {
        report.push(
            Diagnostic::warning("the pack has no citations")
                .at(src.locate(src.find_from(0, "citations").unwrap_or(0), 9))
                .help("cite the model your questions come from; it is printed on the guide and poster"),
        );
    }
    let anchor = src.find_from(0, "stages:").unwrap_or(0);
    let mut stages: Vec<Stage> = Vec::new();
    let mut search = anchor;
    for st in &file.stages {
        let at = src
            .find_from(search, &format!("\"{}\"", st.id))
            .unwrap_or(search);
        search = at + 1;
        let loc = src.locate(at + 1, st.id.chars().count().max(1));
        if let Some(first) = stages.iter().find(|s| s.id == st.id) {
            report.push(
                Diagnostic::error(format!("duplicate stage id `{}`", first.id))
                    .at(loc)
                    .help("give each stage its own id"),
            );
            continue;
        }
        check_kebab(src, at.saturating_sub(6), "stage", &st.id, report);
        require_text(src, at, "name", &st.name, report);
        stages.push(Stage {
            id: st.id.clone(),
            name: st.name.clone(),
            summary: st.summary.clone(),
        });
    }
    let mut seen = Vec::new();
    for s in &file.settings {
        if seen.contains(&s.id) {
            let at = src.find_from(0, "settings:").unwrap_or(0);
            report.push(
                Diagnostic::error(format!("setting `{}` is declared twice", s.id))
                    .at(src.locate(at, 8))
                    .help("declare each setting once"),
            );
        }
        seen.push(s.id);
    }
    if file.settings.is_empty() {
        report.push(
            Diagnostic::error("the pack declares no settings")
                .at(src.locate(src.find_from(0, "settings").unwrap_or(0), 8))
                .help("declare at least one of `office`, `online` and `hybrid`"),
        );
    }
    if file.domains.is_empty() {
        report.push(
            Diagnostic::error("the pack lists no domains")
                .at(src.locate(src.find_from(0, "domains").unwrap_or(0), 7))
                .help("list the domain files to print, like domains: [\"availability\"]"),
        );
    }
    stages
}

/// Checks a single domain file on its own, against the stages and settings of a pack
/// (the pack it sits in when there is one, else the default pack).
pub fn check_domain_file(src: &Arc<SourceFile>, context: &Pack) -> Report {
    let mut report = Report::default();
    match parse_ron::<DomainFile>(src, "domain") {
        Ok(df) => {
            let id = df.id.clone();
            let declared: Vec<Setting> = context.settings.iter().map(|s| s.id).collect();
            check_domain(
                src,
                &id,
                df,
                &context.stages,
                &declared,
                &mut BTreeMap::new(),
                &mut BTreeMap::new(),
                &mut report,
            );
        }
        Err(d) => report.push(d),
    }
    report
}

/// The default pack. It is checked by the test suite, so failure here is a build defect.
pub fn builtin() -> Result<Pack, Report> {
    let loaded = load_pack(&PackSource::Builtin);
    loaded.pack.ok_or(loaded.report)
}
