//! RON read for people: a file that does not parse becomes one located [`Diagnostic`] in the
//! words of whoever wrote it (an unclosed string, a bracket closed by the wrong partner, an unknown
//! field with the closest right spelling), and a parsed file can be asked where each value is
//! written, so later checks point at it too.
//!
//! Packs and templates both read their files through here. This module knows RON and
//! [`SourceFile`]s, nothing of what the files mean.

use crate::diag::{Diagnostic, SourceFile, did_you_mean, list_words};
use serde::de::DeserializeOwned;
use std::sync::Arc;

mod spans;

pub use spans::{LazySpans, ValueSpans};

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
/// comments. Read byte by byte: every byte it looks for is ASCII, and no byte of another
/// character equals one (checking a pack finds the bracket of every question).
pub fn innermost_open(text: &str, offset: usize) -> Option<(char, usize)> {
    let b = &text.as_bytes()[..offset.min(text.len())];
    let mut stack = Vec::new();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    // A backslash escapes the next character: skip its first byte.
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            c @ (b'(' | b'[' | b'{') => stack.push((char::from(c), i)),
            b')' | b']' | b'}' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The bracket finder as first written, character by character: the byte version must
    /// agree with it everywhere.
    fn innermost_open_by_chars(text: &str, offset: usize) -> Option<(char, usize)> {
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

    #[test]
    fn finds_the_question_bracket_past_strings_and_comments() {
        let text = "[\n  // a (comment\n  (id: \"a(b\\\"c\", text: \"x\"),\n  (id: \"é\"";
        let at = text.find("\"é\"").unwrap();
        assert_eq!(
            innermost_open(text, at),
            Some(('(', text.rfind('(').unwrap()))
        );
    }

    proptest::proptest! {
        #[test]
        fn bytes_and_characters_agree(
            text in "[()\\[\\]{}\"\\\\/\\na é€]{0,80}",
            cut in 0usize..100,
        ) {
            // Offsets on character boundaries, as callers give.
            let offset = (0..=cut.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            proptest::prop_assert_eq!(innermost_open(&text, offset), innermost_open_by_chars(&text, offset));
        }
    }
}
