//! RON read for people: a file that does not parse becomes one located [`Diagnostic`] in the
//! words of whoever wrote it (an unclosed string, a bracket closed by the wrong partner, an unknown
//! field with the closest right spelling), and a parsed file can be asked where each value is
//! written, so later checks point at it too.
//!
//! Packs and templates both read their files through here. This module knows RON and
//! [`SourceFile`]s, nothing of what the files mean.

use crate::diag::Location;
use crate::diag::{Diagnostic, SourceFile, did_you_mean, list_words};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

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

/// The innermost bracket still open at `offset`, and its byte offset, skipping strings and
/// comments.
pub fn innermost_open(text: &str, offset: usize) -> Option<(char, usize)> {
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

/// Where each value of a RON file is written, by path: `cards.grids[2].text_max_pt` for a field
/// of the third item of a list, `margins_mm` for a whole struct. `Some(x)` is seen through, so
/// the path of an optional field leads to `x`.
///
/// Meant for files RON has already read without error; on anything else the scan stops early and
/// knows fewer values. Comments and strings are skipped, so a word in a comment never misleads it.
#[derive(Debug, Default)]
pub struct ValueSpans(BTreeMap<String, Range<usize>>);

/// Deeper nesting than any pack or template needs; the scan stops there.
const MAX_DEPTH: usize = 64;

impl ValueSpans {
    pub fn scan(text: &str) -> ValueSpans {
        let mut s = Scanner {
            b: text.as_bytes(),
            i: 0,
            out: BTreeMap::new(),
        };
        s.value("", 0);
        ValueSpans(s.out)
    }

    /// The byte range of the value at `path`, as written.
    pub fn get(&self, path: &str) -> Option<Range<usize>> {
        self.0.get(path).cloned()
    }

    /// The value at `path` with a caret under it; the start of the file when it is not found.
    pub fn locate(&self, src: &Arc<SourceFile>, path: &str) -> Location {
        match self.get(path) {
            Some(r) => {
                let width = src.text.get(r.clone()).map_or(1, |t| t.chars().count());
                src.locate(r.start, width)
            }
            None => src.locate(0, 1),
        }
    }
}

/// A forgiving reader of RON's shape: brackets, fields, list items and scalar tokens. Every step
/// moves forward, so it ends on any input.
struct Scanner<'a> {
    b: &'a [u8],
    i: usize,
    out: BTreeMap<String, Range<usize>>,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn starts_with(&self, s: &[u8]) -> bool {
        self.b.get(self.i..self.i + s.len()) == Some(s)
    }

    /// Skips spaces, `// line` and `/* block */` comments (which RON lets nest).
    fn skip_blank(&mut self) {
        loop {
            if self.peek().is_some_and(|c| c.is_ascii_whitespace()) {
                self.i += 1;
            } else if self.starts_with(b"//") {
                while let Some(c) = self.peek() {
                    self.i += 1;
                    if c == b'\n' {
                        break;
                    }
                }
            } else if self.starts_with(b"/*") {
                self.i += 2;
                let mut depth = 1;
                while depth > 0 && self.i < self.b.len() {
                    if self.starts_with(b"*/") {
                        depth -= 1;
                        self.i += 2;
                    } else if self.starts_with(b"/*") {
                        depth += 1;
                        self.i += 2;
                    } else {
                        self.i += 1;
                    }
                }
            } else {
                return;
            }
        }
    }

    fn word(&mut self) -> &str {
        let start = self.i;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
        {
            self.i += 1;
        }
        std::str::from_utf8(&self.b[start..self.i]).unwrap_or("")
    }

    /// One value at `path`: a struct, list, map, string or scalar token.
    fn value(&mut self, path: &str, depth: usize) {
        self.skip_blank();
        let start = self.i;
        let Some(c) = self.peek() else { return };
        if depth > MAX_DEPTH {
            self.i = self.b.len();
            return;
        }
        match c {
            b'(' => self.items(path, depth, true),
            b'[' => self.items(path, depth, false),
            b'{' => self.map(path, depth),
            b'"' => self.string(0),
            b'\'' => {
                self.i += 1;
                if self.peek() == Some(b'\\') {
                    self.i += 1;
                }
                self.i += 1;
                while self.peek().is_some_and(|c| c != b'\'') {
                    self.i += 1;
                }
                self.i += 1;
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                let word = self.word().to_string();
                let after = self.i;
                if word == "r" && matches!(self.peek(), Some(b'"' | b'#')) {
                    let mut hashes = 0;
                    while self.peek() == Some(b'#') {
                        hashes += 1;
                        self.i += 1;
                    }
                    self.string(hashes);
                } else {
                    self.skip_blank();
                    if self.peek() == Some(b'(') {
                        if word == "Some" {
                            // Seen through: the path names the value inside.
                            self.i += 1;
                            self.value(path, depth + 1);
                            self.skip_blank();
                            if self.peek() == Some(b')') {
                                self.i += 1;
                            }
                            return;
                        }
                        self.items(path, depth, true);
                    } else {
                        self.i = after;
                    }
                }
            }
            _ => {
                // A number: digits, sign, point, exponent, `inf`, `NaN`, `0x1F`, `1_000`.
                self.i += 1;
                while let Some(c) = self.peek() {
                    let exponent_sign = matches!(c, b'+' | b'-')
                        && matches!(self.b[self.i - 1], b'e' | b'E')
                        && !self.b[start..self.i].starts_with(b"0x");
                    if c.is_ascii_alphanumeric() || c == b'_' || c == b'.' || exponent_sign {
                        self.i += 1;
                    } else {
                        break;
                    }
                }
            }
        }
        self.out
            .insert(path.to_string(), start..self.i.min(self.b.len()));
    }

    /// A string from its opening quote, for raw strings after the `r` and its `hashes`.
    fn string(&mut self, hashes: usize) {
        self.i += 1;
        while let Some(c) = self.peek() {
            self.i += 1;
            match c {
                b'\\' if hashes == 0 => self.i += 1,
                b'"' if self
                    .b
                    .get(self.i..self.i + hashes)
                    .is_some_and(|h| h.iter().all(|&c| c == b'#')) =>
                {
                    self.i += hashes;
                    return;
                }
                _ => {}
            }
        }
    }

    /// The items of `( ... )` (fields by name, or by place in a tuple) or of `[ ... ]`.
    fn items(&mut self, path: &str, depth: usize, parens: bool) {
        self.i += 1;
        let mut n = 0;
        loop {
            self.skip_blank();
            let before = self.i;
            match self.peek() {
                None => return,
                Some(b')' | b']' | b'}') => {
                    self.i += 1;
                    return;
                }
                Some(b',') => self.i += 1,
                Some(c) if parens && (c.is_ascii_alphabetic() || c == b'_') => {
                    let field = self.word().to_string();
                    self.skip_blank();
                    if self.peek() == Some(b':') {
                        self.i += 1;
                        let p = if path.is_empty() {
                            field
                        } else {
                            format!("{path}.{field}")
                        };
                        self.value(&p, depth + 1);
                    } else {
                        self.i = before;
                        self.value(&format!("{path}[{n}]"), depth + 1);
                        n += 1;
                    }
                }
                Some(_) => {
                    self.value(&format!("{path}[{n}]"), depth + 1);
                    n += 1;
                }
            }
            if self.i == before {
                self.i += 1;
            }
        }
    }

    /// The entries of `{ key: value }`, each at `path[key as written]`.
    fn map(&mut self, path: &str, depth: usize) {
        self.i += 1;
        loop {
            self.skip_blank();
            let before = self.i;
            match self.peek() {
                None => return,
                Some(b')' | b']' | b'}') => {
                    self.i += 1;
                    return;
                }
                Some(b',') => self.i += 1,
                Some(_) => {
                    self.value("", depth + 1);
                    let key = String::from_utf8_lossy(&self.b[before..self.i]).to_string();
                    self.skip_blank();
                    if self.peek() == Some(b':') {
                        self.i += 1;
                        self.value(&format!("{path}[{key}]"), depth + 1);
                    }
                }
            }
            if self.i == before {
                self.i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_values_by_path_past_comments_and_strings() {
        let text = "// text_max_pt: 1\n(\n  name: \"a (b) [c]\", // x: 2\n  cards: (grids: [\n    (per_page: 4, text_max_pt: 20),\n    (per_page: 6, text_max_pt: -1e3, card_w_mm: Some(50.5)),\n  ]),\n  poster: (min: NaN, pair: (1, inf)),\n)\n";
        let v = ValueSpans::scan(text);
        let at = |p: &str| v.get(p).map(|r| &text[r]);
        assert_eq!(at("name"), Some("\"a (b) [c]\""));
        assert_eq!(at("cards.grids[0].text_max_pt"), Some("20"));
        assert_eq!(at("cards.grids[1].text_max_pt"), Some("-1e3"));
        assert_eq!(at("cards.grids[1].card_w_mm"), Some("50.5"));
        assert_eq!(at("poster.min"), Some("NaN"));
        assert_eq!(at("poster.pair[1]"), Some("inf"));
        assert_eq!(at("x"), None);
        assert!(at("cards.grids[1]").is_some_and(|s| s.starts_with("(per_page: 6")));
    }

    #[test]
    fn ends_on_anything() {
        for text in [
            "(",
            "[[[",
            "(a: \"",
            "(a: r#\"x",
            "/* (",
            "(a: 1e-",
            "{1: (",
            "'",
            ")))",
        ] {
            let _ = ValueSpans::scan(text);
        }
    }
}
