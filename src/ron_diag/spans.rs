//! Where each value of a RON file is written, so checks made after parsing (a template's numbers)
//! can put the caret under the value itself.

use crate::diag::{Location, SourceFile};
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

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

    /// Every value found, by path, with the byte range where it is written.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Range<usize>)> {
        self.0.iter().map(|(p, r)| (p.as_str(), r.clone()))
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

/// [`ValueSpans`] of a text, scanned the first time a value's place is asked for: a file that
/// passes every check (every built-in template, on every run) is never scanned.
pub struct LazySpans<'a> {
    text: &'a str,
    spans: std::cell::OnceCell<ValueSpans>,
}

impl<'a> LazySpans<'a> {
    pub fn new(text: &'a str) -> LazySpans<'a> {
        LazySpans {
            text,
            spans: std::cell::OnceCell::new(),
        }
    }

    fn spans(&self) -> &ValueSpans {
        self.spans.get_or_init(|| ValueSpans::scan(self.text))
    }

    /// See [`ValueSpans::get`].
    pub fn get(&self, path: &str) -> Option<Range<usize>> {
        self.spans().get(path)
    }

    /// See [`ValueSpans::locate`].
    pub fn locate(&self, src: &Arc<SourceFile>, path: &str) -> Location {
        self.spans().locate(src, path)
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

    /// Walks a bracketed list from its opening bracket past its closing one (or to the end of
    /// the text), handing each entry that is not a comma to `entry` with the offset it starts
    /// at. An entry that reads nothing is stepped over, so the walk always ends.
    fn entries(&mut self, mut entry: impl FnMut(&mut Self, usize)) {
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
                Some(_) => entry(self, before),
            }
            if self.i == before {
                self.i += 1;
            }
        }
    }

    /// The items of `( ... )` (fields by name, or by place in a tuple) or of `[ ... ]`.
    fn items(&mut self, path: &str, depth: usize, parens: bool) {
        let mut n = 0;
        self.entries(|s, before| {
            if parens
                && s.peek()
                    .is_some_and(|c| c.is_ascii_alphabetic() || c == b'_')
            {
                let field = s.word().to_string();
                s.skip_blank();
                if s.peek() == Some(b':') {
                    s.i += 1;
                    let p = if path.is_empty() {
                        field
                    } else {
                        format!("{path}.{field}")
                    };
                    s.value(&p, depth + 1);
                    return;
                }
                s.i = before;
            }
            s.value(&format!("{path}[{n}]"), depth + 1);
            n += 1;
        });
    }

    /// The entries of `{ key: value }`, each at `path[key as written]`.
    fn map(&mut self, path: &str, depth: usize) {
        self.entries(|s, before| {
            s.value("", depth + 1);
            let key = String::from_utf8_lossy(&s.b[before..s.i]).to_string();
            s.skip_blank();
            if s.peek() == Some(b':') {
                s.i += 1;
                s.value(&format!("{path}[{key}]"), depth + 1);
            }
        });
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
