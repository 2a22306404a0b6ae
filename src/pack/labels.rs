//! Labels: every word that the layouts print and that is not a question, a domain or the guide
//! ("Page {page} of {pages}", "Notes and agreed actions", the assembly key, the print table).
//!
//! A pack holds them in `labels.ron`, a map from a label's key to its text, so a team that
//! writes its own pack (for another model, or in Welsh) prints in its own words. The keys and
//! the placeholders each one may use are fixed here in [`LABELS`]; the loader reports unknown
//! keys (with "did you mean"), missing keys and unknown placeholders, each with its place.

use crate::diag::{Diagnostic, Report, SourceFile, list_words, unknown};
use std::collections::BTreeMap;
use std::sync::Arc;

/// Every label a pack must define, with the placeholders its text may use.
///
/// Keep this list sorted by key; the default pack's `labels.ron` defines every one.
pub const LABELS: &[(&str, &[&str])] = &[
    ("footer.page", &["page", "pages"]),
    ("poster.alt", &["count", "domains"]),
    ("poster.logo_alt", &["team"]),
    ("rating.high", &[]),
    ("rating.low", &[]),
    ("rating.prompt", &[]),
    ("slides.close_heading", &[]),
    ("slides.close_line", &[]),
    ("slides.domain_kicker", &[]),
    ("slides.ideas", &[]),
    ("slides.kicker", &[]),
    ("supervision.actions", &[]),
    ("supervision.before", &[]),
    ("supervision.before_note", &[]),
    ("supervision.kicker", &["title", "setting"]),
    ("supervision.setting.hybrid", &[]),
    ("supervision.setting.office", &[]),
    ("supervision.setting.online", &[]),
    ("supervision.together", &[]),
    ("supervision.together_note", &[]),
];

/// The checked labels of a pack.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Labels(BTreeMap<String, String>);

impl Labels {
    /// The text of a label, with `{name}` placeholders filled from `args`. Loading has checked
    /// that every key exists and uses only its own placeholders, so a missing key is a defect
    /// in the code; it prints as the key itself rather than failing.
    pub fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        debug_assert!(
            LABELS.iter().any(|(k, _)| *k == key),
            "label `{key}` is not in LABELS"
        );
        let Some(text) = self.0.get(key) else {
            return key.to_string();
        };
        let mut out = String::with_capacity(text.len());
        let mut rest = text.as_str();
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let name = &after[..close];
                    match args.iter().find(|(n, _)| *n == name) {
                        Some((_, v)) => out.push_str(v),
                        None => out.push_str(&rest[open..open + close + 2]),
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// The text of a label that takes no placeholders.
    pub fn get(&self, key: &str) -> String {
        self.fill(key, &[])
    }

    /// Labels from a map, unchecked (for tests).
    pub fn from_map(map: BTreeMap<String, String>) -> Labels {
        Labels(map)
    }
}

/// The placeholders (`{name}`) used in `text`, in order.
fn placeholders(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    out
}

/// Checks the labels read from `src` against [`LABELS`]. Every problem goes to `report` with its
/// place; the labels are returned even when some are wrong, so the caller decides.
pub fn check_labels(
    src: &Arc<SourceFile>,
    map: BTreeMap<String, String>,
    report: &mut Report,
) -> Labels {
    let keys: Vec<&str> = LABELS.iter().map(|(k, _)| *k).collect();
    let locate_key = |key: &str| {
        let needle = format!("\"{key}\"");
        let at = src.find_from(0, &needle).unwrap_or(0);
        src.locate(at + 1, key.chars().count().max(1))
    };
    for (key, text) in &map {
        let Some((_, allowed)) = LABELS.iter().find(|(k, _)| k == key) else {
            report.push(
                unknown("label", key, &keys)
                    .at(locate_key(key))
                    .help("the default pack's labels.ron lists every label a pack can set"),
            );
            continue;
        };
        for name in placeholders(text) {
            if !allowed.contains(&name) {
                let needle = format!("{{{name}}}");
                let from = src.find_from(0, &format!("\"{key}\"")).unwrap_or(0);
                let at = src.find_from(from, &needle).unwrap_or(from);
                let help = if allowed.is_empty() {
                    format!("`{key}` takes no placeholders; remove `{{{name}}}`")
                } else {
                    let names: Vec<String> = allowed.iter().map(|a| format!("{{{a}}}")).collect();
                    let names: Vec<&str> = names.iter().map(String::as_str).collect();
                    format!("`{key}` can use {}", list_words(&names))
                };
                report.push(
                    Diagnostic::error(format!("unknown placeholder `{{{name}}}` in label `{key}`"))
                        .at(src.locate(at, needle.chars().count()))
                        .help(help),
                );
            }
        }
    }
    let missing: Vec<&str> = keys
        .iter()
        .copied()
        .filter(|k| !map.contains_key(*k))
        .collect();
    if !missing.is_empty() {
        let shown: Vec<String> = missing.iter().take(5).map(|k| format!("`{k}`")).collect();
        let more = if missing.len() > 5 {
            format!(" and {} more", missing.len() - 5)
        } else {
            String::new()
        };
        report.push(
            Diagnostic::error(format!(
                "{} label{} missing: {}{more}",
                missing.len(),
                if missing.len() == 1 { " is" } else { "s are" },
                shown.join(", ")
            ))
            .at(src.locate(0, 1))
            .help("copy them from the default pack's labels.ron (`securebase init DIR --from default`) and translate them"),
        );
    }
    Labels(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_placeholders_and_keeps_unknown_ones_visible() {
        let l = Labels::from_map(BTreeMap::from([(
            "footer.page".to_string(),
            "Tudalen {page} o {pages} {x}".to_string(),
        )]));
        assert_eq!(
            l.fill("footer.page", &[("page", "1"), ("pages", "2")]),
            "Tudalen 1 o 2 {x}"
        );
        assert_eq!(placeholders("a {b} c {d}"), vec!["b", "d"]);
    }
}
