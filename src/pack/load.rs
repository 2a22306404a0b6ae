//! Reading a pack from disk or from the copy built into the binary, and checking it.
//!
//! Every problem becomes a [`Diagnostic`] that names the file, line and column and suggests a fix.
//! Syntax and type errors stop the reading of that one file (RON cannot be read past them);
//! everything else is collected, so one run of `securebase check` shows every problem.

use super::model::*;
use crate::diag::{Diagnostic, Location, Report, SourceFile, did_you_mean, list_words, unknown};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The default pack, compiled into the binary.
pub const BUILTIN_PACK: &[(&str, &str)] = &[
    (
        "pack.ron",
        include_str!("../../packs/team-secure-base/pack.ron"),
    ),
    (
        "labels.ron",
        include_str!("../../packs/team-secure-base/labels.ron"),
    ),
    (
        "guide.ron",
        include_str!("../../packs/team-secure-base/guide.ron"),
    ),
    (
        "domains/availability.ron",
        include_str!("../../packs/team-secure-base/domains/availability.ron"),
    ),
    (
        "domains/sensitivity.ron",
        include_str!("../../packs/team-secure-base/domains/sensitivity.ron"),
    ),
    (
        "domains/acceptance.ron",
        include_str!("../../packs/team-secure-base/domains/acceptance.ron"),
    ),
    (
        "domains/cooperation.ron",
        include_str!("../../packs/team-secure-base/domains/cooperation.ron"),
    ),
    (
        "domains/belonging.ron",
        include_str!("../../packs/team-secure-base/domains/belonging.ron"),
    ),
];

/// Questions longer than this get a warning: they are hard to read aloud.
pub const MAX_QUESTION_WORDS: usize = 30;

/// Where a pack's files come from.
#[derive(Debug, Clone)]
pub enum PackSource {
    /// The default pack inside the binary.
    Builtin,
    /// A folder holding `pack.ron` and `domains/`.
    Dir(PathBuf),
}

impl PackSource {
    fn display(&self, rel: &str) -> String {
        match self {
            PackSource::Builtin => format!("<built-in>/team-secure-base/{rel}"),
            PackSource::Dir(d) => d.join(rel).display().to_string(),
        }
    }

    /// Reads one file. `Ok(None)` when it does not exist.
    fn read(&self, rel: &str) -> Result<Option<Arc<SourceFile>>, Diagnostic> {
        match self {
            PackSource::Builtin => Ok(BUILTIN_PACK
                .iter()
                .find(|(n, _)| *n == rel)
                .map(|(n, t)| SourceFile::new(self.display(n), *t))),
            PackSource::Dir(d) => {
                let path = d.join(rel);
                if !path.is_file() {
                    return Ok(None);
                }
                read_text_file(&path).map(Some)
            }
        }
    }

    /// The domain files present, by id (file stem).
    fn domain_files(&self) -> Vec<String> {
        match self {
            PackSource::Builtin => BUILTIN_PACK
                .iter()
                .filter_map(|(n, _)| n.strip_prefix("domains/")?.strip_suffix(".ron"))
                .map(str::to_string)
                .collect(),
            PackSource::Dir(d) => {
                let mut v: Vec<String> = std::fs::read_dir(d.join("domains"))
                    .into_iter()
                    .flatten()
                    .flatten()
                    .filter_map(|e| {
                        let name = e.file_name().to_string_lossy().to_string();
                        name.strip_suffix(".ron").map(str::to_string)
                    })
                    .collect();
                v.sort();
                v
            }
        }
    }
}

/// Reads a file as UTF-8 text, with a located message when it is not.
pub fn read_text_file(path: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(format!("cannot read `{name}`: {}", io_reason(&e)))
            .help("check the path and that you may read the file")
    })?;
    source_from_bytes(name, bytes)
}

/// Turns bytes into a source file, or a message naming the first byte that is not UTF-8.
pub fn source_from_bytes(name: String, bytes: Vec<u8>) -> Result<Arc<SourceFile>, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(e) => {
            let bytes = e.as_bytes();
            let bad = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&bytes[..bad]).to_string();
            let (line, col) = SourceFile::new("", valid).line_col(bad);
            Err(Diagnostic::error(format!(
                "`{name}` is not UTF-8 text (byte 0x{:02X} at line {line}, column {col})",
                bytes[bad]
            ))
            .at(Location::bare(&name, line, col))
            .help("save the file with UTF-8 encoding (most editors offer it under \"Save as\")"))
        }
    }
}

/// A short reason for an I/O error, without Rust's "(os error 2)" noise.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "it is a folder".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parses one RON file into `T`, turning RON's errors into located, friendly diagnostics.
pub fn parse_ron<T: DeserializeOwned>(src: &Arc<SourceFile>, what: &str) -> Result<T, Diagnostic> {
    if src.text.trim().is_empty() {
        return Err(Diagnostic::error(format!("`{}` is empty", src.name))
            .at(src.locate(0, 1))
            .help(format!(
                "a {what} file holds one `( ... )` with its fields; see README.md"
            )));
    }
    ron_options()
        .from_str::<T>(&src.text)
        .map_err(|e| ron_diagnostic(src, &e))
}

fn ron_diagnostic(src: &Arc<SourceFile>, e: &ron::error::SpannedError) -> Diagnostic {
    use ron::Error as E;
    let start = src.offset_of(e.span.start.line, e.span.start.col);
    let end = src.offset_of(e.span.end.line, e.span.end.col);
    // RON points after the offending word for some errors; point at the word itself.
    let word_at = |word: &str| -> (usize, usize) {
        let line_start = src.text[..end.min(src.text.len())]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        let hay = &src.text[line_start..end.min(src.text.len())];
        match hay.rfind(word) {
            Some(i) => (line_start + i, word.chars().count()),
            None => (start, 1),
        }
    };
    let (msg, help, at, width): (String, Option<String>, usize, usize) = match &e.code {
        E::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let what = outer.as_deref().unwrap_or("this item");
            let mut m = format!("unknown field `{found}` in {what}");
            if let Some(s) = did_you_mean(found, expected.iter().copied()) {
                m.push_str(&format!(", did you mean `{s}`?"));
            }
            let (at, w) = word_at(found);
            (m, Some(format!("a {what} has the fields {}", list_words(expected))), at, w)
        }
        E::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let what = outer.as_deref().unwrap_or("value").to_lowercase();
            let mut m = format!("unknown {what} `{found}`");
            if let Some(s) = did_you_mean(found, expected.iter().copied()) {
                m.push_str(&format!(", did you mean `{s}`?"));
            }
            let (at, w) = word_at(found);
            (m, Some(format!("expected one of: {}", list_words(expected))), at, w)
        }
        E::MissingStructField { field, outer } => {
            let what = outer.as_deref().unwrap_or("this item");
            (
                format!("missing field `{field}` in {what}"),
                Some(format!("add `{field}: ...` inside the parentheses")),
                start,
                1,
            )
        }
        E::DuplicateStructField { field, outer } => (
            format!(
                "field `{field}` appears twice in {}",
                outer.as_deref().unwrap_or("this item")
            ),
            Some("remove one of them".into()),
            start,
            1,
        ),
        E::ExpectedComma => (
            "expected a comma".into(),
            Some("separate fields and list items with `,`".into()),
            start,
            1,
        ),
        E::ExpectedStringEnd => (
            "this string is not closed".into(),
            Some("add the closing `\"` at the end of the text".into()),
            start,
            1,
        ),
        E::ExpectedArrayEnd => (
            "expected `]` to close the list".into(),
            Some("check that every `[` has its `]` and that list items are separated by `,`".into()),
            start,
            1,
        ),
        E::ExpectedStructLikeEnd | E::ExpectedOptionEnd => (
            "expected `)` to close this item".into(),
            Some("check that every `(` has its `)` and that fields are separated by `,`".into()),
            start,
            1,
        ),
        E::Eof => (
            "the file ends too early".into(),
            Some("a bracket or parenthesis is not closed; check that every `(` and `[` has its partner".into()),
            start,
            1,
        ),
        E::ExpectedString => (
            "expected text in double quotes".into(),
            Some("write text as \"like this\"".into()),
            start,
            1,
        ),
        E::ExpectedArray => (
            "expected a list in `[ ]`".into(),
            Some("write a list as [first, second]".into()),
            start,
            1,
        ),
        E::InvalidValueForType { expected, found } => (
            format!("expected {expected} but found {found}"),
            None,
            start,
            1,
        ),
        E::TrailingCharacters => (
            "unexpected text after the end".into(),
            Some("a file holds a single `( ... )`; remove what follows it".into()),
            start,
            1,
        ),
        other => (lower_first(&other.to_string()), None, start, 1),
    };
    if matches!(
        e.code,
        E::ExpectedComma
            | E::ExpectedStructLikeEnd
            | E::ExpectedArrayEnd
            | E::ExpectedOptionEnd
            | E::Eof
            | E::ExpectedStringEnd
            | E::ExpectedIdentifier
            | E::UnexpectedChar(_)
    ) {
        if let Some(open) = unclosed_string(&src.text, e.span.start.line) {
            return Diagnostic::error("this string is not closed")
                .at(src.locate(open, 1))
                .help("add the closing `\"` at the end of the text");
        }
        let next = src.text[start.min(src.text.len())..].chars().next();
        if let (E::ExpectedComma, Some(c @ (')' | ']' | '}'))) = (&e.code, next)
            && let Some((open_char, open_at)) = innermost_open(&src.text, start)
        {
            let close = match open_char {
                '[' => ']',
                '{' => '}',
                _ => ')',
            };
            if close != c {
                let (line, col) = src.line_col(open_at);
                return Diagnostic::error(format!(
                    "expected `{close}` to close the `{open_char}` at line {line}, column {col}, but found `{c}`"
                ))
                .at(src.locate(start, 1))
                .help(format!("write `{close}` here, or check the brackets before it"));
            }
        }
    }
    let mut d = Diagnostic::error(msg).at(src.locate(at, width));
    if let Some(h) = help {
        d = d.help(h);
    }
    d
}

/// The byte offset of the opening quote of a string left open on or before `upto_line`, if any
/// line up to there has an odd number of quotes (outside `//` comments).
fn unclosed_string(text: &str, upto_line: usize) -> Option<usize> {
    let mut offset = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if n + 1 > upto_line {
            break;
        }
        let mut in_string = false;
        let mut open = 0;
        let mut escaped = false;
        for (i, c) in line.char_indices() {
            if in_string {
                match c {
                    _ if escaped => escaped = false,
                    '\\' => escaped = true,
                    '"' => in_string = false,
                    _ => {}
                }
            } else if c == '"' {
                in_string = true;
                open = i;
            } else if c == '/' && line[i..].starts_with("//") {
                break;
            }
        }
        if in_string {
            return Some(offset + open);
        }
        offset += line.len();
    }
    None
}

/// The innermost bracket still open at `offset`, skipping strings and comments.
fn innermost_open(text: &str, offset: usize) -> Option<(char, usize)> {
    let mut stack = Vec::new();
    let mut chars = text[..offset.min(text.len())].char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                let mut escaped = false;
                for (_, c) in chars.by_ref() {
                    match c {
                        _ if escaped => escaped = false,
                        '\\' => escaped = true,
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '/' if chars.peek().is_some_and(|(_, n)| *n == '/') => {
                for (_, c) in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '(' | '[' | '{' => stack.push((c, i)),
            ')' | ']' | '}' => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack.pop()
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The first character of `text` that one of the bundled faces cannot print.
pub fn unprintable(text: &str) -> Option<char> {
    use crate::fonts::Face;
    text.chars()
        .find(|c| !c.is_control() && Face::ALL.iter().any(|f| !f.metrics().has_glyph(*c)))
}

/// An error for a character the font lacks, pointing at it in the source.
fn glyph_error(src: &Arc<SourceFile>, from: usize, what: &str, text: &str, c: char) -> Diagnostic {
    let needle = format!("{c}");
    let field_at = src.find_from(from, text.get(..text.find(c).unwrap_or(0)).unwrap_or(""));
    let at = field_at
        .and_then(|i| src.find_from(i, &needle))
        .or_else(|| src.find_from(from, &needle))
        .unwrap_or(from);
    Diagnostic::error(format!(
        "{what} uses `{c}` (U+{:04X}), which the bundled font cannot print",
        u32::from(c)
    ))
    .at(src.locate(at, 1))
    .help("use another character: the font covers Latin letters with accents, digits and common punctuation (for an arrow write `->`)")
}

/// Reports every text field whose characters the font lacks.
fn check_printable(
    src: &Arc<SourceFile>,
    from: usize,
    what: &str,
    text: &str,
    report: &mut Report,
) {
    if let Some(c) = unprintable(text) {
        report.push(glyph_error(src, from, what, text, c));
    }
}

/// True for `kebab-case-ids`.
pub fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// A kebab-case spelling of any text, for suggestions.
pub fn to_kebab(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Finds the quoted value `"value"` of `field` at or after `from`, for pointing at it.
fn locate_value(src: &Arc<SourceFile>, from: usize, field: &str, value: &str) -> Location {
    let needle = format!("\"{value}\"");
    let field_at = src.find_from(from, &format!("{field}:")).unwrap_or(from);
    match src.find_from(field_at, &needle) {
        Some(i) => src.locate(i + 1, value.chars().count().max(1)),
        None => src.locate(field_at, field.len()),
    }
}

/// The result of loading: the pack when there were no errors, and every diagnostic found.
pub struct Loaded {
    pub pack: Option<Pack>,
    pub report: Report,
}

/// Loads and checks a pack.
pub fn load_pack(source: &PackSource) -> Loaded {
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

fn require_text(src: &Arc<SourceFile>, from: usize, field: &str, value: &str, report: &mut Report) {
    if value.trim().is_empty() {
        report.push(
            Diagnostic::error(format!("`{field}` is empty"))
                .at(locate_value(src, from, field, value))
                .help(format!("write the {field} between the quotes")),
        );
    }
}

fn check_kebab(src: &Arc<SourceFile>, from: usize, what: &str, id: &str, report: &mut Report) {
    if !is_kebab(id) {
        let d = Diagnostic::error(format!("{what} id `{id}` is not kebab-case"))
            .at(locate_value(src, from, "id", id));
        let fixed = to_kebab(id);
        report.push(if fixed.is_empty() {
            d.help("ids use lowercase letters, digits and single hyphens, like `ask-for-help`")
        } else {
            d.help(format!(
                "ids use lowercase letters, digits and single hyphens: write `{fixed}`"
            ))
        });
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

#[allow(clippy::too_many_arguments)]
fn check_domain(
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
