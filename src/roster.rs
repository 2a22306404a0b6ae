//! Reading a roster for personal handouts: one name per line, or a CSV file whose header has a
//! `name` column (as a spreadsheet exports it: quoted fields, a byte-order mark, CRLF lines).
//!
//! This module owns the roster's messages, each pointing at the line in the file. It only reads
//! and checks names; the `pack` command lays out the handouts.

use crate::Error;
use crate::diag::{Diagnostic, Location, SourceFile};
use crate::fonts::unprintable;
use crate::pack::source::read_text_file;
use std::path::Path;
use std::sync::Arc;

/// The longest name accepted, in characters: it is printed in the handout's header.
pub const MAX_NAME_CHARS: usize = 60;

/// A person on the roster, and the file name of their handouts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    /// The name as written, trimmed.
    pub name: String,
    /// [`sanitise`]d and unique within the roster: `amira-khan`, `amira-khan-2`.
    pub file_stem: String,
}

/// Reads and checks the roster at `path`.
pub fn read(path: &Path) -> Result<Vec<Participant>, Error> {
    let src = read_text_file(path).map_err(Error::Failed)?;
    parse(&src)
}

/// A name as it stands in the file, and the line it starts on.
struct Entry {
    line: usize,
    name: String,
}

/// Checks the names of a roster already read.
pub fn parse(src: &Arc<SourceFile>) -> Result<Vec<Participant>, Error> {
    // Spreadsheets often save a byte-order mark first; it is not part of the first name.
    let body = src.text.strip_prefix('\u{FEFF}').unwrap_or(&src.text);
    let meaningful = |l: &&str| !l.trim().is_empty() && !l.trim_start().starts_with('#');
    let entries = match body.lines().find(meaningful) {
        Some(first) if first.contains(',') => csv_entries(src, body)?,
        _ => body
            .lines()
            .enumerate()
            .filter(|(_, l)| meaningful(l))
            .map(|(i, l)| Entry {
                line: i + 1,
                name: l.trim().to_string(),
            })
            .collect(),
    };
    let mut out: Vec<Participant> = Vec::new();
    for e in entries {
        check_name(src, &e)?;
        let mut stem = sanitise(&e.name);
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
            name: e.name,
            file_stem: stem,
        });
    }
    if out.is_empty() {
        return Err(Error::Failed(
            Diagnostic::error(format!("roster `{}` has no names", src.name))
                .at(Location::bare(&src.name, 1, 1))
                .help("write one name per line, or a CSV with a `name` column"),
        ));
    }
    Ok(out)
}

/// The names in the `name` column of a CSV roster, read with the `csv` crate so that quoted
/// fields (`"O'Neill, Zoë"`, `"say ""hi"""`) and CRLF line ends work as spreadsheets write them.
fn csv_entries(src: &Arc<SourceFile>, body: &str) -> Result<Vec<Entry>, Error> {
    let bom = src.text.len() - body.len();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(body.as_bytes());
    let mut column: Option<usize> = None;
    let mut out = Vec::new();
    for record in reader.records() {
        // Reading from memory, with flexible rows, only fails on bytes that are not UTF-8,
        // and the text was checked to be UTF-8 when it was read.
        let record = record.map_err(|e| Error::failed(format!("roster `{}`: {e}", src.name)))?;
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let line = src.line_col(bom + record_start(body, start)).0;
        let blank = record.iter().all(str::is_empty);
        if blank || record.get(0).is_some_and(|f| f.starts_with('#')) {
            continue;
        }
        let Some(c) = column else {
            match record.iter().position(|h| h.to_lowercase() == "name") {
                Some(i) => column = Some(i),
                None => {
                    return Err(Error::Failed(
                        Diagnostic::error(format!(
                            "roster `{}` looks like a CSV file but has no `name` column",
                            src.name
                        ))
                        .at(whole_line(src, line))
                        .help("add a header line such as `name,role`, or list one name per line"),
                    ));
                }
            }
            continue;
        };
        out.push(Entry {
            line,
            name: record.get(c).unwrap_or_default().to_string(),
        });
    }
    Ok(out)
}

/// Where a record really starts, from the byte offset csv gives it. That offset is where the
/// previous record ended, before the line ends, blank lines and comment lines csv skipped (and
/// its line number is wrong after CRLF), so the place is found again from the text.
fn record_start(body: &str, mut at: usize) -> usize {
    while let Some(rest) = body.get(at..) {
        if rest.starts_with(['\r', '\n']) {
            at += 1;
        } else if rest.starts_with('#') && (at == 0 || body[..at].ends_with('\n')) {
            at += rest.find('\n').unwrap_or(rest.len());
        } else {
            break;
        }
    }
    at
}

/// The location of a whole line, underlined.
fn whole_line(src: &Arc<SourceFile>, line: usize) -> Location {
    let at = src.offset_of(line, 1);
    let width = src.text[at..]
        .lines()
        .next()
        .map_or(1, |l| l.chars().count());
    src.locate(at, width)
}

/// A name must be there, fit the header, stay on one line and be printable in the bundled font.
fn check_name(src: &Arc<SourceFile>, e: &Entry) -> Result<(), Error> {
    let (n, file) = (e.line, &src.name);
    let fail = |message: String, at: Location, help: &str| {
        Err(Error::Failed(Diagnostic::error(message).at(at).help(help)))
    };
    if e.name.is_empty() {
        return fail(
            format!("line {n} of roster `{file}` has no name"),
            whole_line(src, n),
            "fill in the name column or delete the line",
        );
    }
    if e.name.chars().count() > MAX_NAME_CHARS {
        return fail(
            format!(
                "the name on line {n} of roster `{file}` is longer than {MAX_NAME_CHARS} characters"
            ),
            whole_line(src, n),
            "shorten it; it is printed in the handout's header",
        );
    }
    if e.name.chars().any(char::is_control) {
        return fail(
            format!("the name on line {n} of roster `{file}` runs over more than one line"),
            whole_line(src, n),
            "close the quotes around the name, or write it on one line",
        );
    }
    if let Some(c) = unprintable(&e.name) {
        let line_start = src.offset_of(n, 1);
        let at = src
            .find_from(line_start, c.encode_utf8(&mut [0; 4]))
            .unwrap_or(line_start);
        return fail(
            format!(
                "the name on line {n} of roster `{file}` uses `{c}` (U+{:04X}), which the bundled font cannot print",
                u32::from(c)
            ),
            src.locate(at, 1),
            "spell the name with Latin letters, accents are fine",
        );
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<String> {
        match parse(&SourceFile::new("people.csv", text)) {
            Ok(p) => p.into_iter().map(|p| p.name).collect(),
            Err(e) => panic!("{e}"),
        }
    }

    fn error(text: &str) -> String {
        match parse(&SourceFile::new("people.csv", text)) {
            Ok(p) => panic!("accepted: {p:?}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn names_become_safe_file_names() {
        assert_eq!(sanitise("O'Neill, Zoë"), "o-neill-zoë");
        assert_eq!(sanitise("  ../../etc/passwd "), "etc-passwd");
        assert_eq!(sanitise("***"), "");
    }

    #[test]
    fn csv_fields_honour_quotes() {
        assert_eq!(
            names("role,name\nx,\"Khan, Amira\"\ny,\"say \"\"hi\"\"\"\n"),
            ["Khan, Amira", "say \"hi\""]
        );
    }

    #[test]
    fn spreadsheet_exports_bom_and_crlf() {
        assert_eq!(
            names(
                "\u{FEFF}Name,Role\r\nAmira Khan,social worker\r\n\r\n\"O'Neill, Zoë\",supervisor\r\n"
            ),
            ["Amira Khan", "O'Neill, Zoë"]
        );
        assert_eq!(
            names("\u{FEFF}Amira Khan\r\nSam Lee\r\n"),
            ["Amira Khan", "Sam Lee"]
        );
    }

    #[test]
    fn comments_and_blank_lines_are_skipped() {
        assert_eq!(
            names("# our team\nname,role\n\n# new starters\nAmira Khan,x\n  ,  \nSam Lee\n"),
            ["Amira Khan", "Sam Lee"]
        );
        assert_eq!(
            names("\n  # list\nAmira Khan\n\n  Sam Lee  \n"),
            ["Amira Khan", "Sam Lee"]
        );
    }

    #[test]
    fn same_names_get_numbered_files() {
        let p = parse(&SourceFile::new("r", "Amira Khan\nAmira  Khan\n***\n")).expect("roster");
        let stems: Vec<&str> = p.iter().map(|p| p.file_stem.as_str()).collect();
        assert_eq!(stems, ["amira-khan", "amira-khan-2", "participant-3"]);
    }

    #[test]
    fn located_errors() {
        assert_eq!(
            error("role,team\nx,y\n"),
            "error: roster `people.csv` looks like a CSV file but has no `name` column\n  --> people.csv:1:1\n  |\n1 | role,team\n  | ^^^^^^^^^\nhelp: add a header line such as `name,role`, or list one name per line\n"
        );
        assert_eq!(
            error("name,role\nAmira,x\n,supervisor\n"),
            "error: line 3 of roster `people.csv` has no name\n  --> people.csv:3:1\n  |\n3 | ,supervisor\n  | ^^^^^^^^^^^\nhelp: fill in the name column or delete the line\n"
        );
        assert_eq!(
            error("name,role\n\"Amira\nKhan,x\n"),
            "error: the name on line 2 of roster `people.csv` runs over more than one line\n  --> people.csv:2:1\n  |\n2 | \"Amira\n  | ^^^^^^\nhelp: close the quotes around the name, or write it on one line\n"
        );
        // csv's own line numbers are wrong after comments, blank lines and CRLF.
        assert!(
            error("# team\nrole,team\nx,y\n").contains("--> people.csv:2:1\n  |\n2 | role,team\n")
        );
        assert!(
            error("name,role\r\n\r\n# new\r\nAmira,x\r\n\r\n,y\r\n")
                .contains("--> people.csv:6:1\n  |\n6 | ,y\n")
        );
        let long = format!("{}\n", "x".repeat(61));
        assert!(error(&long).starts_with(
            "error: the name on line 1 of roster `people.csv` is longer than 60 characters\n"
        ));
        assert!(error("name\nSam \u{1F642}\n").contains("people.csv:2:5"));
        assert!(error("# nobody yet\n").starts_with("error: roster `people.csv` has no names\n"));
    }
}
