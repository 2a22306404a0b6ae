//! Small checks shared by `pack.ron` and the domain files: ids in kebab-case, text that is not
//! empty, characters the bundled font can print, and pointing at a field's value.

use crate::diag::{Diagnostic, Location, Report, SourceFile};
use crate::fonts::unprintable;
use std::sync::Arc;

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
pub(super) fn check_printable(
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
fn is_kebab(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

/// A kebab-case spelling of any text, for suggestions.
fn to_kebab(s: &str) -> String {
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
pub(super) fn locate_value(
    src: &Arc<SourceFile>,
    from: usize,
    field: &str,
    value: &str,
) -> Location {
    let needle = format!("\"{value}\"");
    let field_at = src.find_from(from, &format!("{field}:")).unwrap_or(from);
    match src.find_from(field_at, &needle) {
        Some(i) => src.locate(i + 1, value.chars().count().max(1)),
        None => src.locate(field_at, field.len()),
    }
}

pub(super) fn require_text(
    src: &Arc<SourceFile>,
    from: usize,
    field: &str,
    value: &str,
    report: &mut Report,
) {
    if value.trim().is_empty() {
        report.push(
            Diagnostic::error(format!("`{field}` is empty"))
                .at(locate_value(src, from, field, value))
                .help(format!("write the {field} between the quotes")),
        );
    }
}

pub(super) fn check_kebab(
    src: &Arc<SourceFile>,
    from: usize,
    what: &str,
    id: &str,
    report: &mut Report,
) {
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
