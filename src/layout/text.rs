//! Measuring, wrapping and fitting text with the real glyph advances of the bundled fonts.
//!
//! Pure functions: text and sizes in, lines with measured widths out.

use super::frame::{Frame, Point, Role, Text};
use crate::fonts::Face;
use crate::pack::Rgb;

/// A piece of text in one face.
#[derive(Debug, Clone, PartialEq)]
pub struct Span {
    pub face: Face,
    pub text: String,
}

impl Span {
    pub fn new(face: Face, text: impl Into<String>) -> Span {
        Span {
            face,
            text: text.into(),
        }
    }
}

/// Splits light markup into spans: `**bold**` in Bold and `*emphasis*` in `emphasis`
/// ([`crate::template::Template::markup`] gives the template's); everything else in `base`.
pub fn markup(s: &str, base: Face, emphasis: Face) -> Vec<Span> {
    let mut spans = Vec::new();
    let mut face = base;
    let mut cur = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '*' {
            let double = chars.peek() == Some(&'*');
            if double {
                chars.next();
            }
            let target = if double { Face::Bold } else { emphasis };
            if !cur.is_empty() {
                spans.push(Span::new(face, std::mem::take(&mut cur)));
            }
            face = if face == target { base } else { target };
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        spans.push(Span::new(face, cur));
    }
    spans
}

/// One run of a wrapped line: its face, text, and x offset from the line start.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub face: Face,
    pub text: String,
    pub x: f32,
    pub width: f32,
}

/// A wrapped line.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub runs: Vec<Run>,
    pub width: f32,
}

impl Line {
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }

    /// Adds `text` in `face`, `w` points wide, to the end of the line.
    fn push(&mut self, face: Face, text: &str, w: f32) {
        match self.runs.last_mut() {
            Some(r) if r.face == face => {
                r.text.push_str(text);
                r.width += w;
            }
            _ => self.runs.push(Run {
                face,
                text: text.to_string(),
                x: self.width,
                width: w,
            }),
        }
        self.width += w;
    }
}

/// The first character no bundled face can print, if any.
pub fn missing_glyph(spans: &[Span]) -> Option<char> {
    spans.iter().find_map(|s| s.face.metrics().missing(&s.text))
}

/// A piece of a word in one face, with its advance, and the advance of a space in its face,
/// in ems (widths at any size are these times the size, as
/// [`crate::fonts::FontMetrics::width_of_units`]
/// works them out, without looking the face up for every piece at every size tried).
#[derive(Debug, Clone, Copy)]
struct Piece<'a> {
    face: Face,
    text: &'a str,
    em: f32,
    space_em: f32,
}

impl<'a> Piece<'a> {
    /// `text` in `face`, `units` wide.
    #[cfg(test)]
    fn new(face: Face, text: &'a str, units: u32) -> Piece<'a> {
        let m = face.metrics();
        Piece {
            face,
            text,
            em: units as f32 / m.units_per_em,
            space_em: m.units(" ") as f32 / m.units_per_em,
        }
    }

    fn width(&self, size: f32) -> f32 {
        self.em * size
    }

    /// The width of a space in this piece's face at `size`.
    fn space(&self, size: f32) -> f32 {
        self.space_em * size
    }
}

/// A word (the pieces from `start` to `end`) or a forced line break.
#[derive(Debug, Clone, Copy)]
enum Token {
    Word { start: usize, end: usize },
    Break,
}

/// A paragraph as [`Words::shape`] measures it: the size it is set at (smaller than asked when
/// a word is wider than the line), its number of lines, its widest line and its height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    pub size: f32,
    pub lines: usize,
    pub widest: f32,
    pub height: f32,
}

/// The words of some spans (pieces between spaces, each possibly in several faces) and their
/// forced line breaks, measured once: wrapping and fitting at any size reuse them, since a
/// width is the advance in font units scaled by the size.
#[derive(Debug, Clone)]
pub struct Words<'a> {
    pieces: Vec<Piece<'a>>,
    tokens: Vec<Token>,
}

impl<'a> Words<'a> {
    pub fn new(spans: &'a [Span]) -> Words<'a> {
        let bytes: usize = spans.iter().map(|s| s.text.len()).sum();
        let mut words = Words::with_capacity(bytes);
        let mut start = 0;
        for s in spans {
            words.read(s.face, &s.text, &mut start);
        }
        words.close(start)
    }

    /// The words of `text` in one face: [`Words::new`] of one span, without making the span.
    pub fn plain(face: Face, text: &'a str) -> Words<'a> {
        let mut words = Words::with_capacity(text.len());
        let mut start = 0;
        words.read(face, text, &mut start);
        words.close(start)
    }

    /// Room for the words of `bytes` bytes of text (a word and its space are six letters on
    /// average in English, and the vectors grow if not).
    fn with_capacity(bytes: usize) -> Words<'a> {
        Words {
            pieces: Vec::with_capacity(bytes / 5 + 1),
            tokens: Vec::with_capacity(bytes / 5 + 1),
        }
    }

    /// Reads the pieces and words of `text` in `face`, in one pass over the bytes: a space, tab
    /// or line break ends a piece (and the word begun at piece `start`), ASCII is measured from
    /// the face's table of ASCII advances, anything else by character. Text that ends inside a
    /// word leaves the word open for the next span's piece.
    fn read(&mut self, face: Face, text: &'a str, start: &mut usize) {
        let m = face.metrics();
        let (upem, space_em) = (m.units_per_em, m.units(" ") as f32 / m.units_per_em);
        let piece = |text, units: u32| Piece {
            face,
            text,
            em: units as f32 / upem,
            space_em,
        };
        let bytes = text.as_bytes();
        let (mut i, mut from, mut units) = (0, 0, 0u32);
        while let Some(&b) = bytes.get(i) {
            if matches!(b, b' ' | b'\t' | b'\n') {
                if i > from {
                    let text = &text[from..i];
                    self.pieces.push(piece(text, units));
                }
                if self.pieces.len() > *start {
                    let end = self.pieces.len();
                    self.tokens.push(Token::Word { start: *start, end });
                    *start = end;
                }
                if b == b'\n' {
                    self.tokens.push(Token::Break);
                }
                (i, from, units) = (i + 1, i + 1, 0);
            } else if b.is_ascii() {
                units += u32::from(m.ascii_advance(b));
                i += 1;
            } else {
                let c = text[i..]
                    .chars()
                    .next()
                    .unwrap_or(char::REPLACEMENT_CHARACTER);
                units += m.units(c.encode_utf8(&mut [0; 4]));
                i += c.len_utf8();
            }
        }
        if i > from {
            let text = &text[from..];
            self.pieces.push(piece(text, units));
        }
    }

    /// Ends the last word, begun at piece `start`.
    fn close(mut self, start: usize) -> Words<'a> {
        if self.pieces.len() > start {
            let end = self.pieces.len();
            self.tokens.push(Token::Word { start, end });
        }
        self
    }

    /// The widest word at `size`, as text, and its width (the first of equals); `None` when
    /// there are no words.
    pub fn widest_word(&self, size: f32) -> Option<(String, f32)> {
        self.widest(size)
            .map(|(w, width)| (w.iter().map(|p| p.text).collect(), width))
    }

    /// Each word's pieces, `None` for a forced line break.
    fn iter(&self) -> impl Iterator<Item = Option<&[Piece<'a>]>> {
        self.tokens.iter().map(|t| match *t {
            Token::Word { start, end } => self.pieces.get(start..end),
            Token::Break => None,
        })
    }

    /// The widest word at `size` and its width (the first of equals).
    fn widest(&self, size: f32) -> Option<(&[Piece<'a>], f32)> {
        let mut widest: Option<(&[Piece<'a>], f32)> = None;
        for w in self.iter().flatten() {
            let ww = word_width(w, size);
            if widest.is_none_or(|(_, best)| ww > best) {
                widest = Some((w, ww));
            }
        }
        widest
    }

    /// Wraps the words to `max_width` points at `size`, breaking lines only between words; see
    /// [`wrap`].
    pub fn wrap(&self, size: f32, max_width: f32) -> Vec<Line> {
        let mut lines = Vec::new();
        let mut line = Line::default();
        for w in self.iter() {
            let Some(w) = w else {
                lines.push(std::mem::take(&mut line));
                continue;
            };
            let ww = word_width(w, size);
            let space_face = w[0].face;
            let space = w[0].space(size);
            if !line.runs.is_empty() && line.width + space + ww <= max_width + 1e-3 {
                line.push(space_face, " ", space);
            } else if !line.runs.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            for p in w {
                line.push(p.face, p.text, p.width(size));
            }
        }
        if !line.runs.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// How [`Words::wrap`] breaks the words at `size`, without making the lines: how many lines
    /// and the width of the widest. Fitting tries many sizes and keeps one; only that one is
    /// wrapped. The widths are summed in the same order as `wrap` sums them, so they are equal.
    pub fn measure(&self, size: f32, max_width: f32) -> (usize, f32) {
        let (mut lines, mut widest) = (0, 0.0_f32);
        let (mut width, mut empty) = (0.0_f32, true);
        for w in self.iter() {
            let Some(w) = w else {
                lines += 1;
                widest = widest.max(width);
                (width, empty) = (0.0, true);
                continue;
            };
            let ww = word_width(w, size);
            let space = w[0].space(size);
            if !empty && width + space + ww <= max_width + 1e-3 {
                width += space;
            } else if !empty {
                lines += 1;
                widest = widest.max(width);
                width = 0.0;
            }
            for p in w {
                width += p.width(size);
            }
            empty = false;
        }
        if !empty || lines == 0 {
            lines += 1;
            widest = widest.max(width);
        }
        (lines, widest)
    }

    /// What [`Paragraph::of_words`] makes of the words at `size`, measured without making the
    /// lines.
    pub fn shape(&self, size: f32, leading_ratio: f32, max_width: f32) -> Shape {
        let set = self.size_for_words(size, max_width);
        let (lines, widest) = self.measure(set, max_width);
        Shape {
            size: set,
            lines,
            widest,
            height: paragraph_height(set, set * leading_ratio, lines),
        }
    }

    /// The height and the widest line of the paragraph [`Paragraph::of_words`] makes at `size`,
    /// or `None` when a word is wider than `width` at that size (the paragraph would be
    /// [`Paragraph::shrunk`]).
    pub fn extent(&self, size: f32, leading_ratio: f32, width: f32) -> Option<(f32, f32)> {
        let s = self.shape(size, leading_ratio, width);
        (s.size >= size).then_some((s.height, s.widest))
    }

    /// Whether the words fit `width` x `height` at `size` as [`Paragraph::of_words`] sets them:
    /// every word whole on its line, and within both sides.
    pub fn fit_at(&self, size: f32, leading_ratio: f32, width: f32, height: f32) -> bool {
        self.extent(size, leading_ratio, width)
            .is_some_and(|(h, w)| h <= height + 1e-3 && w <= width + 1e-3)
    }

    /// The size at which the widest word fits `max_width`: `size` itself when it fits, else the
    /// largest tenth of a point below it at which it does. Widths grow in proportion to the
    /// size, so this is one division (and a step or two for rounding).
    fn size_for_words(&self, size: f32, max_width: f32) -> f32 {
        let width = |s: f32| self.widest(s).map_or(0.0, |(_, w)| w);
        let widest = width(size);
        if widest <= max_width + 1e-3 || !(max_width > 0.0 && size.is_finite()) {
            return size;
        }
        let mut s = (size * max_width / widest * 10.0).floor() / 10.0;
        while s > 0.1 && width(s) > max_width + 1e-3 {
            s -= 0.1;
        }
        s.max(0.1)
    }
}

fn word_width(w: &[Piece], size: f32) -> f32 {
    w.iter().map(|p| p.width(size)).sum()
}

/// The widest word of `spans` and its width at `size` (the first of equals); `None` when there
/// are no words.
pub fn widest_word(spans: &[Span], size: f32) -> Option<(String, f32)> {
    Words::new(spans).widest_word(size)
}

/// Wraps spans to `max_width` points at `size`, breaking lines only between words: a word is
/// never split across lines. A word wider than the line gets a line of its own and is wider than
/// `max_width`; [`Paragraph::new`] avoids that by setting such a paragraph smaller, and fitting
/// ([`fit`], [`Paragraph::shrunk`]) treats it as not fitting.
pub fn wrap(spans: &[Span], size: f32, max_width: f32) -> Vec<Line> {
    Words::new(spans).wrap(size, max_width)
}

/// Horizontal alignment of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
    Right,
}

/// A wrapped paragraph ready to place.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub lines: Vec<Line>,
    pub size: f32,
    /// Distance between baselines.
    pub leading: f32,
    /// What the paragraph is when placed: a paragraph unless set with [`Paragraph::role`].
    pub role: Role,
    /// The size asked for, when a word wider than the line made the paragraph smaller.
    asked: Option<f32>,
}

impl Paragraph {
    /// Wraps `spans` at `size` to `max_width`. No word is ever split across lines: when one word
    /// is wider than the line at `size`, the whole paragraph is set just small enough for that
    /// word to fit (see [`Paragraph::shrunk`]).
    pub fn new(spans: &[Span], size: f32, leading_ratio: f32, max_width: f32) -> Paragraph {
        Paragraph::of_words(&Words::new(spans), size, leading_ratio, max_width)
    }

    /// [`Paragraph::new`] for words already measured: fitting tries many sizes with the same.
    pub fn of_words(words: &Words, size: f32, leading_ratio: f32, max_width: f32) -> Paragraph {
        let set = words.size_for_words(size, max_width);
        Paragraph {
            lines: words.wrap(set, max_width),
            size: set,
            leading: set * leading_ratio,
            role: Role::Paragraph,
            asked: (set < size).then_some(size),
        }
    }

    /// Whether the paragraph is smaller than asked because one of its words is wider than the
    /// line. Fitting treats that as not fitting, so it tries a smaller size or reports the text.
    pub fn shrunk(&self) -> bool {
        self.asked.is_some()
    }

    /// The same paragraph with another role (a heading, a label, an artifact).
    pub fn role(mut self, role: Role) -> Paragraph {
        self.role = role;
        self
    }

    /// From the top of the first line's ascender to the bottom of the last line's descender.
    pub fn height(&self) -> f32 {
        paragraph_height(self.size, self.leading, self.lines.len())
    }

    pub fn widest(&self) -> f32 {
        self.lines.iter().map(|l| l.width).fold(0.0, f32::max)
    }

    /// Places the paragraph with the top of its first line at `top`, within `x`..`x + width`,
    /// as a frame with the paragraph's role. Returns the height used.
    pub fn place(
        &self,
        frame: &mut Frame,
        x: f32,
        top: f32,
        width: f32,
        align: Align,
        colour: Rgb,
    ) -> f32 {
        frame.push_frame(Point::new(x, top), self.frame(width, align, colour));
        self.height()
    }

    /// The paragraph as a frame `width` wide, in its own coordinates.
    pub fn frame(&self, width: f32, align: Align, colour: Rgb) -> Frame {
        let mut f = Frame::with_role(width, self.height(), self.role.clone());
        let ascent = Face::Regular.metrics().ascent_pt(self.size);
        let last = self.lines.len().saturating_sub(1);
        for (i, line) in self.lines.iter().enumerate() {
            let baseline = ascent + i as f32 * self.leading;
            let start = match align {
                Align::Left => 0.0,
                Align::Centre => (width - line.width) / 2.0,
                Align::Right => width - line.width,
            };
            let runs: Vec<&Run> = line
                .runs
                .iter()
                .filter(|r| !r.text.trim().is_empty())
                .collect();
            for (k, r) in runs.iter().enumerate() {
                // Leading spaces of a run are kept in its text so widths stay exact. A line that
                // wraps ends with a space, so text extracted from the PDF keeps its word breaks.
                let mut text = r.text.clone();
                if i < last && k + 1 == runs.len() {
                    text.push(' ');
                }
                f.text(
                    start + r.x,
                    baseline,
                    Text {
                        text,
                        face: r.face,
                        size: self.size,
                        colour,
                        width: r.width,
                    },
                );
            }
        }
        f
    }
}

/// The height of `lines` lines at `size`: from the top of the first line's ascender to the
/// bottom of the last line's descender.
fn paragraph_height(size: f32, leading: f32, lines: usize) -> f32 {
    let m = Face::Regular.metrics();
    let n = lines.max(1) as f32;
    m.ascent_pt(size) - m.descent_pt(size) + (n - 1.0) * leading
}

/// The largest size from `min_size` to `max_size` (in steps of 0.5 pt below `max_size`) at which
/// the text fits `width` x `height` with every word whole on its line, found by bisection: at most about 40 trial layouts whatever
/// the sizes. `None` when it does not fit even at `min_size`, or when the sizes are not finite.
pub fn fit(
    spans: &[Span],
    width: f32,
    height: f32,
    max_size: f32,
    min_size: f32,
    leading_ratio: f32,
) -> Option<Paragraph> {
    let words = Words::new(spans);
    let size = fit_with(max_size, min_size, |size| {
        words
            .fit_at(size, leading_ratio, width, height)
            .then_some(size)
    })?;
    Some(Paragraph::of_words(&words, size, leading_ratio, width))
}

/// The result of `try_size` at the largest size from `min_size` to `max_size` (in steps of
/// 0.5 pt below `max_size`) where it gives one, found by bisection (at most about 40 calls).
/// `try_size` must succeed at every size below one where it succeeds.
pub fn fit_with<T>(max_size: f32, min_size: f32, try_size: impl Fn(f32) -> Option<T>) -> Option<T> {
    if !(max_size.is_finite() && min_size.is_finite() && min_size > 0.0) {
        return None;
    }
    let max_size = max_size.max(min_size);
    if let Some(p) = try_size(max_size) {
        return Some(p);
    }
    // Candidate sizes: max - 0.5 k for k = 1..=steps, the last clamped to min.
    let steps = ((max_size - min_size) / 0.5).ceil().min(1e9) as u64;
    let size_at = |k: u64| (max_size - 0.5 * k as f32).max(min_size);
    let mut best = None;
    let (mut lo, mut hi) = (1_u64, steps);
    // Larger k means a smaller size, which fits more easily: find the smallest k that fits.
    while lo <= hi {
        let mid = lo + (hi - lo) / 2;
        match try_size(size_at(mid)) {
            Some(p) => {
                best = Some(p);
                hi = mid - 1;
            }
            None => lo = mid + 1,
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_within_width_and_keeps_words() {
        let spans = [Span::new(
            Face::Regular,
            "How do we let each other know when we can be reached on a home-working day?",
        )];
        let lines = wrap(&spans, 11.0, 150.0);
        assert!(lines.len() > 1);
        for l in &lines {
            assert!(l.width <= 150.0 + 1e-3, "{l:?}");
        }
        let joined: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(
            joined.join(" "),
            "How do we let each other know when we can be reached on a home-working day?"
        );
    }

    #[test]
    fn never_splits_a_word_but_sets_the_paragraph_smaller() {
        let spans = [Span::new(
            Face::Bold,
            "Ask about Supercalifragilisticexpialidocious days",
        )];
        // Wrapping alone keeps the word whole on a line of its own, wider than the line.
        let lines = wrap(&spans, 20.0, 60.0);
        let texts: Vec<String> = lines.iter().map(Line::text).collect();
        assert_eq!(
            texts,
            ["Ask", "about", "Supercalifragilisticexpialidocious", "days"]
        );
        // A paragraph is set just small enough for the word to fit, and says so.
        let p = Paragraph::new(&spans, 20.0, 1.2, 60.0);
        assert!(p.shrunk() && p.size < 20.0 && p.size > 0.0, "{}", p.size);
        assert!(p.widest() <= 60.0 + 1e-3);
        let (word, w) = widest_word(&spans, p.size + 0.1).expect("words");
        assert_eq!(word, "Supercalifragilisticexpialidocious");
        assert!(w > 60.0);
        assert!(
            p.lines
                .iter()
                .any(|l| l.text() == "Supercalifragilisticexpialidocious")
        );
        assert!(!Paragraph::new(&spans, 20.0, 1.2, 600.0).shrunk());
    }

    #[test]
    fn fitting_shrinks_until_every_word_fits_or_gives_up() {
        let spans = [Span::new(
            Face::Regular,
            "a Supercalifragilisticexpialidocious b",
        )];
        let (_, w) = widest_word(&spans, 12.0).expect("words");
        // Tall enough for many lines: only the long word limits the size.
        let p = fit(&spans, w, 500.0, 24.0, 6.0, 1.2).expect("fits at 12 pt");
        assert!(!p.shrunk() && (p.size - 12.0).abs() < 1e-3, "{}", p.size);
        assert!(fit(&spans, w, 500.0, 24.0, 12.5, 1.2).is_none());
    }

    impl<'a> Words<'a> {
        /// The first way [`Words::new`] was written (find each separator, then measure the piece
        /// by characters), kept to check the one-pass version against.
        fn by_characters(spans: &'a [Span]) -> Words<'a> {
            let mut pieces: Vec<Piece<'a>> = Vec::new();
            let mut tokens = Vec::new();
            let mut start = 0;
            for s in spans {
                let m = s.face.metrics();
                let mut rest = s.text.as_str();
                while !rest.is_empty() {
                    let cut = rest.find([' ', '\t', '\n']).unwrap_or(rest.len());
                    let (piece, tail) = rest.split_at(cut);
                    if !piece.is_empty() {
                        pieces.push(Piece::new(s.face, piece, m.units(piece)));
                    }
                    let Some(c) = tail.chars().next() else { break };
                    if pieces.len() > start {
                        tokens.push(Token::Word {
                            start,
                            end: pieces.len(),
                        });
                        start = pieces.len();
                    }
                    if c == '\n' {
                        tokens.push(Token::Break);
                    }
                    rest = &tail[1..];
                }
            }
            if pieces.len() > start {
                tokens.push(Token::Word {
                    start,
                    end: pieces.len(),
                });
            }
            Words { pieces, tokens }
        }
    }

    proptest::proptest! {
        /// The one-pass reading of spans makes the same pieces, advances and words as finding
        /// each separator and measuring by characters, for any text in mixed faces (non-ASCII,
        /// characters the fonts lack, runs of separators, words across spans).
        #[test]
        fn words_are_read_in_one_pass_as_by_characters(
            spans in proptest::collection::vec(("[a-zé’ŵ→\\- \t\n]{0,20}", 0..3usize), 0..8),
        ) {
            let spans: Vec<Span> =
                spans.iter().map(|(t, f)| Span::new(Face::ALL[*f], t.clone())).collect();
            let (fast, slow) = (Words::new(&spans), Words::by_characters(&spans));
            proptest::prop_assert_eq!(format!("{fast:?}"), format!("{slow:?}"));
            for s in &spans {
                let one = std::slice::from_ref(s);
                let (plain, slow) = (Words::plain(s.face, &s.text), Words::by_characters(one));
                proptest::prop_assert_eq!(format!("{plain:?}"), format!("{slow:?}"));
            }
        }

        /// Whatever the words and the width, wrapping keeps every word whole and in order, and a
        /// paragraph is never wider than its line.
        #[test]
        fn words_stay_whole(
            words in proptest::collection::vec("[a-zA-Z\\-]{1,30}", 1..30),
            width in 10.0f32..400.0,
            size in 6.0f32..40.0,
        ) {
            let text = words.join(" ");
            let spans = [Span::new(Face::Regular, text.clone())];
            let lines = wrap(&spans, size, width);
            let got: Vec<String> = lines
                .iter()
                .flat_map(|l| l.text().split(' ').map(str::to_string).collect::<Vec<_>>())
                .collect();
            proptest::prop_assert_eq!(&got, &words);
            let p = Paragraph::new(&spans, size, 1.2, width);
            proptest::prop_assert!(p.widest() <= width + 1e-3);
            proptest::prop_assert!(p.size <= size && p.size > 0.0);
            proptest::prop_assert_eq!(p.shrunk(), p.size < size);
        }

        /// Measuring gives exactly what wrapping makes (line count and widest line), and
        /// `fit_at` says yes exactly when the paragraph fits, for mixed faces and line breaks.
        #[test]
        fn measuring_is_wrapping_without_the_lines(
            pieces in proptest::collection::vec(("[a-zA-Z\\-]{1,12}", "[ \\n]{0,2}", 0..3usize), 1..40),
            width in 10.0f32..400.0,
            height in 10.0f32..300.0,
            size in 6.0f32..40.0,
        ) {
            let spans: Vec<Span> = pieces
                .iter()
                .map(|(w, gap, f)| Span::new(Face::ALL[*f], format!("{w}{gap}")))
                .collect();
            let words = Words::new(&spans);
            let lines = words.wrap(size, width);
            let widest = lines.iter().map(|l| l.width).fold(0.0, f32::max);
            proptest::prop_assert_eq!(words.measure(size, width), (lines.len(), widest));
            let p = Paragraph::of_words(&words, size, 1.2, width);
            let fits = !p.shrunk() && p.height() <= height + 1e-3 && p.widest() <= width + 1e-3;
            proptest::prop_assert_eq!(words.fit_at(size, 1.2, width, height), fits);
            let shape = Shape { size: p.size, lines: p.lines.len(), widest: p.widest(), height: p.height() };
            proptest::prop_assert_eq!(words.shape(size, 1.2, width), shape);
            let extent = (!p.shrunk()).then(|| (p.height(), p.widest()));
            proptest::prop_assert_eq!(words.extent(size, 1.2, width), extent);
        }
    }

    #[test]
    fn markup_makes_runs() {
        let s = markup("a **b** *c* d", Face::Regular, Face::Italic);
        assert_eq!(
            s,
            vec![
                Span::new(Face::Regular, "a "),
                Span::new(Face::Bold, "b"),
                Span::new(Face::Regular, " "),
                Span::new(Face::Italic, "c"),
                Span::new(Face::Regular, " d"),
            ]
        );
        // Without italics, emphasis is bold.
        assert_eq!(
            markup("*c* d", Face::Regular, Face::Bold),
            vec![Span::new(Face::Bold, "c"), Span::new(Face::Regular, " d")]
        );
    }

    #[test]
    fn fit_shrinks_then_gives_up() {
        let spans = [Span::new(Face::Regular, "word ".repeat(40))];
        let p = fit(&spans, 200.0, 80.0, 24.0, 8.0, 1.2).expect("fits when small");
        assert!(p.size < 24.0 && p.height() <= 80.0);
        assert!(fit(&spans, 50.0, 20.0, 24.0, 10.0, 1.2).is_none());
    }
}
