//! Diagnostics for people: one line saying what is wrong, the source line with a caret under the
//! place, and a `help:` line with the fix, in the style of cargo and just.
//!
//! This module owns the wording and the rendering of every located message. It knows nothing of
//! packs or PDFs; callers give it a [`SourceFile`] and a byte offset.

use std::fmt;
use std::sync::Arc;

/// How serious a diagnostic is. Errors stop the command; warnings are printed and the command goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A file the user wrote, kept in memory so that messages can quote its lines.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user should see it (relative to where they ran the command when possible).
    pub name: String,
    /// The text: borrowed for the files built into the binary, owned for files read from disk.
    pub text: std::borrow::Cow<'static, str>,
    /// The byte offset of every line's start, made on the first lookup (a pack locates every
    /// question; counting lines from the top each time was quadratic).
    line_starts: std::sync::OnceLock<Vec<usize>>,
}

/// Two files are the same when their names and texts are (the line index is a cache).
impl PartialEq for SourceFile {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.text == other.text
    }
}

impl Eq for SourceFile {}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Arc<Self> {
        Arc::new(SourceFile {
            name: name.into(),
            text: std::borrow::Cow::Owned(text.into()),
            line_starts: Default::default(),
        })
    }

    /// A file built into the binary: its text is not copied.
    pub fn built_in(name: impl Into<String>, text: &'static str) -> Arc<Self> {
        Arc::new(SourceFile {
            name: name.into(),
            text: std::borrow::Cow::Borrowed(text),
            line_starts: Default::default(),
        })
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        });
        // The last line that starts at or before the offset.
        let line = starts.partition_point(|&s| s <= offset);
        let line_start = starts[line - 1];
        let col = self.text[line_start..offset].chars().count() + 1;
        (line, col)
    }

    /// The byte offset of a 1-based line and column (in characters); clamps to the text.
    pub fn offset_of(&self, line: usize, col: usize) -> usize {
        let mut start = 0;
        for _ in 1..line {
            match self.text[start..].find('\n') {
                Some(i) => start += i + 1,
                None => return self.text.len(),
            }
        }
        let line_text = self.line_text_at(start);
        start
            + line_text
                .char_indices()
                .nth(col.saturating_sub(1))
                .map_or(line_text.len(), |(i, _)| i)
    }

    fn line_text_at(&self, offset: usize) -> &str {
        let start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        self.text[start..end].trim_end_matches('\r')
    }

    /// Where a diagnostic points: file, line, column and the quoted line.
    pub fn locate(self: &Arc<Self>, offset: usize, len: usize) -> Location {
        let (line, col) = self.line_col(offset);
        Location {
            file: self.name.clone(),
            line,
            col,
            source: Some((Arc::clone(self), offset.min(self.text.len()))),
            width: len.max(1),
        }
    }

    /// Byte offset of `needle` at or after `from`.
    pub fn find_from(&self, from: usize, needle: &str) -> Option<usize> {
        let from = floor_char_boundary(&self.text, from.min(self.text.len()));
        self.text[from..].find(needle).map(|i| from + i)
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A place in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: usize,
    /// 1-based, in characters.
    pub col: usize,
    /// The file, and a byte offset in the line to quote under the message, when the file could
    /// be read as text: the line is found only when a message is shown (a pack locates every
    /// question, and nearly all of them never need it).
    source: Option<(Arc<SourceFile>, usize)>,
    /// How many characters the caret underlines.
    pub width: usize,
}

impl Location {
    /// The line quoted under the message, when the file could be read as text.
    pub fn source_line(&self) -> Option<&str> {
        self.source.as_ref().map(|(f, at)| f.line_text_at(*at))
    }

    /// Where in its file the location points, as a byte offset, when the file could be read.
    pub fn offset(&self) -> Option<usize> {
        self.source.as_ref().map(|(_, at)| *at)
    }

    /// A location whose line and column are already known (as a snapshot of the built-in pack
    /// keeps them), so the file's lines are not counted again.
    pub fn known(
        file: &Arc<SourceFile>,
        offset: usize,
        (line, col): (usize, usize),
        width: usize,
    ) -> Self {
        Location {
            file: file.name.clone(),
            line,
            col,
            source: Some((Arc::clone(file), offset.min(file.text.len()))),
            width,
        }
    }

    /// A location in a file without a quoted line (for example a file that is not UTF-8).
    pub fn bare(file: impl Into<String>, line: usize, col: usize) -> Self {
        Location {
            file: file.into(),
            line,
            col,
            source: None,
            width: 1,
        }
    }
}

/// One message for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    pub location: Option<Location>,
    /// Extra places, for example the first definition of a duplicate id.
    pub notes: Vec<(String, Location)>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            location: None,
            notes: Vec::new(),
            help: None,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn note(mut self, text: impl Into<String>, location: Location) -> Self {
        self.notes.push((text.into(), location));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

fn write_snippet(f: &mut fmt::Formatter<'_>, loc: &Location) -> fmt::Result {
    writeln!(f, "  --> {}:{}:{}", loc.file, loc.line, loc.col)?;
    if let Some(src) = loc.source_line() {
        let num = loc.line.to_string();
        let pad = " ".repeat(num.len());
        // Tabs would misplace the caret; show them as single spaces.
        let shown: String = src
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        writeln!(f, "{pad} |")?;
        writeln!(f, "{num} | {shown}")?;
        writeln!(
            f,
            "{pad} | {}{}",
            " ".repeat(loc.col.saturating_sub(1)),
            "^".repeat(loc.width)
        )?;
    }
    Ok(())
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        if let Some(loc) = &self.location {
            write_snippet(f, loc)?;
        }
        for (text, loc) in &self.notes {
            writeln!(f, "note: {text}")?;
            write_snippet(f, loc)?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "help: {help}")?;
        }
        Ok(())
    }
}

/// Several diagnostics printed one after another, errors and warnings in the order found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report(pub Vec<Diagnostic>);

impl Report {
    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }
    pub fn errors(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }
    pub fn warnings(&self) -> usize {
        self.0.len() - self.errors()
    }
    pub fn has_errors(&self) -> bool {
        self.errors() > 0
    }
    /// "2 errors, 1 warning"
    pub fn counts(&self) -> String {
        let plural = |n: usize, w: &str| format!("{n} {w}{}", if n == 1 { "" } else { "s" });
        match (self.errors(), self.warnings()) {
            (0, 0) => "no problems".to_string(),
            (0, w) => plural(w, "warning"),
            (e, 0) => plural(e, "error"),
            (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
        }
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Edit distance between two strings, in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The closest candidate to a misspelt word, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = word.to_lowercase();
    let limit = (word.chars().count() / 3).max(2);
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    candidates
        .iter()
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), *c))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
        // A word cut short ("sustain" for "sustaining") is a likely slip too.
        .or_else(|| {
            let mut starts = candidates
                .iter()
                .filter(|c| lower.chars().count() >= 3 && c.to_lowercase().starts_with(&lower));
            match (starts.next(), starts.next()) {
                (Some(c), None) => Some(*c),
                _ => None,
            }
        })
}

/// "unknown stage `x`" plus ", did you mean `y`?" when there is a close match.
pub fn unknown(what: &str, word: &str, candidates: &[&str]) -> Diagnostic {
    let mut message = format!("unknown {what} `{word}`");
    if let Some(s) = did_you_mean(word, candidates.iter().copied()) {
        message.push_str(&format!(", did you mean `{s}`?"));
    }
    Diagnostic::error(message).help(format!("expected one of: {}", list_words(candidates)))
}

/// `a`, `b` and `c`
pub fn list_words(words: &[&str]) -> String {
    let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
    match quoted.len() {
        0 => "(none)".to_string(),
        1 => quoted[0].clone(),
        n => format!("{} or {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_words_only() {
        let c = ["availability", "sensitivity", "acceptance"];
        assert_eq!(did_you_mean("acceptence", c), Some("acceptance"));
        assert_eq!(did_you_mean("zzz", c), None);
    }

    #[test]
    fn caret_under_column() {
        let f = SourceFile::new("a.ron", "one\n  two three\n");
        let loc = f.locate(f.find_from(0, "three").unwrap(), 5);
        assert_eq!((loc.line, loc.col), (2, 7));
        let text = Diagnostic::error("bad").at(loc).to_string();
        assert_eq!(
            text,
            "error: bad\n  --> a.ron:2:7\n  |\n2 |   two three\n  |       ^^^^^\n"
        );
    }
}
