//! Labels: every word that the outputs print and that is not a question, a domain or the
//! facilitator guide ("Page {page} of {pages}", "Notes and agreed actions", the assembly key, the
//! print table, the PDF titles).
//!
//! A pack holds them in `labels.ron`, a map from a label's key to its text, so a team that
//! writes its own pack (for another model, or in Welsh) prints in its own words. The keys and
//! the placeholders each one may use are fixed here in [`LABELS`]; the loader reports unknown
//! keys (with "did you mean"), missing keys, unknown placeholders and characters the font
//! cannot print, each with its place.
//!
//! This module also owns the placeholder syntax shared with `guide.ron`: `{name}` is replaced by
//! a value, `{name:lower}` by the value in small letters; and `Pack::setting_label`, which fills
//! the `{setting}` and `{setting_name}` that many labels share. Messages on the terminal are not
//! labels: they are the tool's own interface and stay in the code.

use crate::diag::{Diagnostic, Report, SourceFile, did_you_mean, list_words, unknown};
use crate::pack::Setting;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Every label a pack must define, with the placeholders its text may use.
///
/// Keep this list sorted by key; the default pack's `labels.ron` defines every one.
pub const LABELS: &[(&str, &[&str])] = &[
    ("calibration.back", &[]),
    ("calibration.back_text", &["option"]),
    ("calibration.flip_long", &[]),
    ("calibration.flip_short", &[]),
    ("calibration.front", &["flip"]),
    ("calibration.offset", &["option"]),
    ("calibration.scale", &[]),
    ("calibration.step1", &["flip"]),
    ("calibration.step2", &[]),
    ("calibration.step3", &[]),
    ("calibration.step4", &["command"]),
    ("calibration.tip", &[]),
    ("calibration.x", &[]),
    ("calibration.y", &[]),
    ("cards.core", &["stage"]),
    ("domain.belief", &["belief"]),
    ("footer.page", &["page", "pages"]),
    ("handout.how", &[]),
    ("handout.notes", &[]),
    ("handout.running_head", &["domain", "belief"]),
    ("meta.calibration_subject", &[]),
    ("meta.calibration_title", &["title"]),
    (
        "meta.cards_subject",
        &["setting", "setting_name", "per_page"],
    ),
    ("meta.cards_title", &["title", "setting", "setting_name"]),
    ("meta.guide_subject", &[]),
    ("meta.guide_title", &["title"]),
    ("meta.handout_subject", &["setting", "setting_name"]),
    ("meta.handout_title", &["domain", "setting", "setting_name"]),
    ("meta.handouts_title", &["title", "setting", "setting_name"]),
    ("meta.keywords", &[]),
    ("meta.personal_title", &["title", "name"]),
    ("meta.plan_subject", &[]),
    ("meta.plan_title", &["title"]),
    ("meta.poster_subject", &["setting", "setting_name"]),
    ("meta.poster_title", &["title", "size", "orientation"]),
    ("meta.slides_subject", &["setting", "setting_name"]),
    ("meta.slides_title", &["title", "setting", "setting_name"]),
    (
        "meta.tiled_title",
        &["title", "size", "orientation", "sheets", "paper"],
    ),
    ("plan.by_when", &[]),
    ("plan.rating_later", &[]),
    ("plan.rating_now", &[]),
    ("plan.subtitle", &["title"]),
    ("plan.subtitle_team", &["title", "team"]),
    ("plan.title", &[]),
    ("plan.tooltip", &["domain", "column"]),
    ("plan.what", &[]),
    ("plan.who", &[]),
    ("poster.alt", &["count", "domains"]),
    ("poster.centre", &[]),
    ("poster.edition", &["edition"]),
    ("poster.ideas", &["setting", "setting_name"]),
    ("poster.landscape", &[]),
    ("poster.logo_alt", &["team"]),
    ("poster.portrait", &[]),
    ("poster.screen", &[]),
    ("print.advice", &[]),
    ("print.col_file", &[]),
    ("print.col_pages", &[]),
    ("print.col_paper", &[]),
    ("print.col_scale", &[]),
    ("print.col_sheets", &[]),
    ("print.col_sides", &[]),
    ("print.col_weight", &[]),
    ("print.double_long", &[]),
    ("print.double_short", &[]),
    ("print.each", &["count"]),
    ("print.heading", &[]),
    ("print.how_cards", &["cards", "per_page"]),
    ("print.how_guide", &[]),
    ("print.how_handouts", &[]),
    ("print.how_personal", &[]),
    ("print.how_plan", &[]),
    ("print.how_plan_fillable", &[]),
    ("print.how_poster", &["size"]),
    ("print.how_print_txt", &[]),
    ("print.how_tiled", &["sheets", "paper", "rows", "cols"]),
    ("print.personal_file", &[]),
    ("print.personal_row", &["count"]),
    ("print.scale", &[]),
    ("print.setting", &["setting", "setting_name"]),
    ("print.single", &[]),
    ("print.team", &["team"]),
    ("print.total", &["sheets"]),
    ("print.weight_cards", &[]),
    ("print.weight_guide", &[]),
    ("print.weight_handouts", &[]),
    ("print.weight_plan", &[]),
    ("print.weight_poster", &[]),
    ("print.weight_tiled", &[]),
    ("rating.high", &[]),
    ("rating.low", &[]),
    ("rating.prompt", &[]),
    ("send.back", &[]),
    ("send.back_heading", &[]),
    ("send.before", &[]),
    ("send.before_heading", &[]),
    ("send.col_file", &[]),
    ("send.col_to", &[]),
    ("send.col_when", &[]),
    ("send.files", &["folder", "count"]),
    ("send.fill", &[]),
    ("send.fill_heading", &[]),
    ("send.heading", &[]),
    ("send.how_handouts", &[]),
    ("send.how_personal", &[]),
    ("send.how_plan", &[]),
    ("send.how_screen_poster", &[]),
    ("send.how_send_txt", &[]),
    ("send.how_slides_hybrid", &[]),
    ("send.how_slides_online", &[]),
    ("send.message", &[]),
    ("send.message_heading", &[]),
    ("send.personal_file", &[]),
    ("send.to_cohost", &[]),
    ("send.to_everyone", &[]),
    ("send.to_others", &[]),
    ("send.to_person_remote", &["name"]),
    ("send.to_remote", &[]),
    ("send.to_remote_others", &[]),
    ("send.when_after", &[]),
    ("send.when_before", &[]),
    ("setting.hybrid", &[]),
    ("setting.office", &[]),
    ("setting.online", &[]),
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
    ("tiles.bar", &[]),
    ("tiles.caption", &["title", "size", "orientation"]),
    ("tiles.glue", &[]),
    ("tiles.label", &["number", "row", "col", "rows", "cols"]),
    ("tiles.note", &[]),
    ("tiles.sheet", &["number"]),
    ("tiles.step1", &[]),
    ("tiles.step2", &[]),
    ("tiles.step3", &[]),
    ("tiles.step4", &[]),
    (
        "tiles.summary",
        &[
            "caption",
            "sheets",
            "paper",
            "orientation",
            "rows",
            "cols",
            "overlap",
        ],
    ),
    ("tiles.title", &[]),
];

/// The ways a placeholder's value can be changed: `{name:lower}`.
pub const FILTERS: &[&str] = &["lower"];

/// The checked labels of a pack.
#[derive(Debug, Clone, Default, PartialEq)]
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
        match self.0.get(key) {
            Some(text) => fill(text, args),
            None => key.to_string(),
        }
    }

    /// The text of a label that takes no placeholders.
    pub fn get(&self, key: &str) -> String {
        self.fill(key, &[])
    }

    /// The word for a setting inside a sentence ("hybrid" in "Ideas to try for hybrid teams").
    pub fn setting(&self, s: Setting) -> String {
        self.get(&format!("setting.{}", s.id()))
    }

    /// A domain's belief line as printed, in the pack's quotation marks.
    pub fn belief(&self, belief: &str) -> String {
        self.fill("domain.belief", &[("belief", belief)])
    }

    /// Labels from a map, unchecked (for tests, and the snapshot of the checked built-in pack).
    pub fn from_map(map: BTreeMap<String, String>) -> Labels {
        Labels(map)
    }

    /// Every label's key and text, in key order.
    pub fn entries(&self) -> &BTreeMap<String, String> {
        &self.0
    }
}

impl crate::pack::Pack {
    /// `{setting}` (the setting's word in labels.ron) and `{setting_name}` (its name in
    /// pack.ron) for `s`.
    pub fn setting_values(&self, s: Setting) -> [(&'static str, String); 2] {
        let word = self.labels.setting(s);
        let name = self
            .setting_info(s)
            .map_or_else(|| word.clone(), |i| i.name.clone());
        [("setting", word), ("setting_name", name)]
    }

    /// The text of label `key` with `{setting}` and `{setting_name}` for `s`, and `more`.
    pub fn setting_label(&self, key: &str, s: Setting, more: &[(&str, &str)]) -> String {
        let values = self.setting_values(s);
        let mut args: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        args.extend_from_slice(more);
        self.labels.fill(key, &args)
    }
}

/// `text` with each `{name}` replaced by its value in `args` and each `{name:lower}` by the
/// value in small letters. A placeholder without a value stays as written, so a mistake shows
/// on the page rather than vanishing.
pub fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            out.push_str(&rest[open..]);
            return out;
        };
        let inner = &after[..close];
        let (name, filter) = split_filter(inner);
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, v)) if filter == Some("lower") => out.push_str(&v.to_lowercase()),
            Some((_, v)) if filter.is_none() => out.push_str(v),
            _ => out.push_str(&rest[open..open + close + 2]),
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

fn split_filter(inner: &str) -> (&str, Option<&str>) {
    match inner.split_once(':') {
        Some((name, filter)) => (name, Some(filter)),
        None => (inner, None),
    }
}

/// A `{name}` or `{name:filter}` in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placeholder<'a> {
    /// What is between the braces.
    pub written: &'a str,
    pub name: &'a str,
    pub filter: Option<&'a str>,
}

/// The placeholders used in `text`, in order.
pub fn placeholders(text: &str) -> Vec<Placeholder<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let written = &after[..close];
        let (name, filter) = split_filter(written);
        out.push(Placeholder {
            written,
            name,
            filter,
        });
        rest = &after[close + 1..];
    }
    out
}

/// What is wrong with one placeholder, given the names allowed where it stands: the message
/// and the help. `place` names where it is ("label `footer.page`"), `subject` starts the help
/// ("`footer.page`" can use ...).
pub fn placeholder_problem(
    p: &Placeholder,
    allowed: &[&str],
    place: &str,
    subject: &str,
) -> Option<(String, String)> {
    let listed = || {
        let names: Vec<String> = allowed.iter().map(|a| format!("{{{a}}}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        list_words(&names)
    };
    if !allowed.contains(&p.name) {
        let mut message = format!("unknown placeholder `{{{}}}` in {place}", p.written);
        if let Some(s) = did_you_mean(p.name, allowed.iter().copied()) {
            let filter = p.filter.map_or(String::new(), |f| format!(":{f}"));
            message.push_str(&format!(", did you mean `{{{s}{filter}}}`?"));
        }
        let help = if allowed.is_empty() {
            format!(
                "{subject} takes no placeholders; remove `{{{}}}`",
                p.written
            )
        } else {
            format!("{subject} can use {}", listed())
        };
        return Some((message, help));
    }
    match p.filter {
        Some(f) if !FILTERS.contains(&f) => Some((
            format!("unknown filter `{f}` in placeholder `{{{}}}`", p.written),
            format!(
                "write `{{{}}}` as it is, or `{{{}:lower}}` for small letters",
                p.name, p.name
            ),
        )),
        _ => None,
    }
}

/// Checks the labels read from `src` against [`LABELS`]. Every problem goes to `report` with its
/// place; the labels are returned even when some are wrong, so the caller decides.
pub fn check_labels(
    src: &Arc<SourceFile>,
    map: BTreeMap<String, String>,
    report: &mut Report,
) -> Labels {
    let keys: Vec<&str> = LABELS.iter().map(|(k, _)| *k).collect();
    let key_at = |key: &str| src.find_from(0, &format!("\"{key}\"")).unwrap_or(0);
    for (key, text) in &map {
        let Ok(found) = LABELS.binary_search_by(|(k, _)| (*k).cmp(key.as_str())) else {
            report.push(
                unknown("label", key, &keys)
                    .at(src.locate(key_at(key) + 1, key.chars().count().max(1)))
                    .help("the default pack's labels.ron lists every label a pack can set"),
            );
            continue;
        };
        let allowed = LABELS[found].1;
        // Where the label is written: looked up only to point at a mistake in it.
        let from = || key_at(key);
        for p in placeholders(text) {
            let (place, subject) = (format!("label `{key}`"), format!("`{key}`"));
            if let Some((message, help)) = placeholder_problem(&p, allowed, &place, &subject) {
                let needle = format!("{{{}}}", p.written);
                let from = from();
                let at = src.find_from(from, &needle).unwrap_or(from);
                report.push(
                    Diagnostic::error(message)
                        .at(src.locate(at, needle.chars().count()))
                        .help(help),
                );
            }
        }
        if let Some(c) = crate::fonts::unprintable(text) {
            let from = from();
            let value_at = src.find_from(from + key.len() + 2, "\"").unwrap_or(from);
            let at = src.find_from(value_at, &c.to_string()).unwrap_or(from);
            report.push(
                Diagnostic::error(format!(
                    "label `{key}` uses `{c}` (U+{:04X}), which the bundled font cannot print",
                    u32::from(c)
                ))
                .at(src.locate(at, 1))
                .help("use another character: the font covers Latin letters with accents, digits and common punctuation"),
            );
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
        let names: Vec<&str> = placeholders("a {b} c {d:lower}")
            .iter()
            .map(|p| p.name)
            .collect();
        assert_eq!(names, vec!["b", "d"]);
    }

    #[test]
    fn lower_filter_and_unclosed_braces() {
        assert_eq!(
            fill(
                "**{domain}.** the {domain:lower} cards",
                &[("domain", "Team belonging")]
            ),
            "**Team belonging.** the team belonging cards"
        );
        assert_eq!(
            fill("{domain:upper} {", &[("domain", "A")]),
            "{domain:upper} {"
        );
    }

    #[test]
    fn problems_name_the_allowed_placeholders() {
        let p = &placeholders("{pgae}")[0];
        let (m, h) = placeholder_problem(
            p,
            &["page", "pages"],
            "label `footer.page`",
            "`footer.page`",
        )
        .unwrap();
        assert_eq!(
            m,
            "unknown placeholder `{pgae}` in label `footer.page`, did you mean `{page}`?"
        );
        assert_eq!(h, "`footer.page` can use `{page}` or `{pages}`");
        let p = &placeholders("{page:upper}")[0];
        let (m, _) = placeholder_problem(p, &["page"], "x", "x").unwrap();
        assert_eq!(m, "unknown filter `upper` in placeholder `{page:upper}`");
        assert!(
            placeholder_problem(&placeholders("{page:lower}")[0], &["page"], "x", "x").is_none()
        );
    }

    #[test]
    fn a_character_the_font_lacks_is_located() {
        let src = SourceFile::new("labels.ron", "{\n    \"tiles.glue\": \"glue →\",\n}\n");
        let map = BTreeMap::from([("tiles.glue".to_string(), "glue →".to_string())]);
        let mut report = Report::default();
        check_labels(&src, map, &mut report);
        let first = report.0[0].to_string();
        assert!(
            first.starts_with("error: label `tiles.glue` uses `→` (U+2192), which the bundled font cannot print\n  --> labels.ron:2:25\n"),
            "{first}"
        );
    }

    #[test]
    fn labels_are_sorted_and_unique() {
        assert!(LABELS.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
