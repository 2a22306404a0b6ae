//! The facilitator guide as data: `guide.ron` in a pack, so a trainer can rewrite every word of
//! it (for another model, or in Welsh) without touching the code.
//!
//! A guide is a cover (the small label and the names of the facts), a list of sections (a
//! heading and blocks: paragraphs, bullet lists, and placeholders for what the pack or the
//! command supplies: the intro, the domain cards, the stages, the plan, the printed items, the
//! ideas, the citations) and a plan for the day per setting (timed slots and breaks; one kind of
//! slot repeats for every domain, with breaks between domains).
//!
//! This module owns the schema (serde, `deny_unknown_fields`) and the checks that RON cannot
//! make: placeholders, times, a plan for every declared setting that gives every domain a slot,
//! a break at least every hour of an online plan, characters the font cannot print. It does no layout (see `layout::guide`) and reads no files.

use super::labels::{Placeholder, placeholder_problem, placeholders};
use crate::diag::{Diagnostic, Report, SourceFile};
use crate::pack::Setting;
use serde::Deserialize;
use std::sync::Arc;

/// `guide.ron`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename = "guide")]
pub struct Guide {
    pub cover: Cover,
    pub sections: Vec<Section>,
    pub plans: Plans,
}

/// The words on the cover: a small label above the title, and the names of the facts.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename = "cover")]
pub struct Cover {
    pub label: String,
    pub team: String,
    pub date: String,
    pub setting: String,
    pub edition: String,
}

/// A heading and what follows it, printed for every setting or only for those listed.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename = "section")]
pub struct Section {
    pub heading: String,
    /// 1 for a section, 2 for a smaller heading inside one.
    #[serde(default = "level_one")]
    pub level: u8,
    /// Print only for these settings; empty for all.
    #[serde(default)]
    pub settings: Vec<Setting>,
    pub blocks: Vec<Block>,
}

fn level_one() -> u8 {
    1
}

impl Section {
    /// Whether the section is printed in a guide for `s`.
    pub fn shown_for(&self, s: Setting) -> bool {
        self.settings.is_empty() || self.settings.contains(&s)
    }
}

/// One piece of a section.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(rename = "block")]
pub enum Block {
    /// A paragraph with `**bold**` and `*italic*`.
    Paragraph(String),
    /// A bulleted list.
    Bullets(Vec<String>),
    /// The pack's intro (pack.ron).
    Intro,
    /// A card per domain: name, belief line, summary.
    Domains,
    /// A bullet per stage of the pack, written by this text with `{number}`, `{stage}` and
    /// `{summary}`.
    Stages(String),
    /// The plan for the day, for the setting being printed.
    Plan,
    /// A row per file of the pack and how to use it (given by the command that prints the
    /// guide).
    Items,
    /// Each domain's ideas to try for the setting.
    Ideas,
    /// The pack's citations.
    Citations,
}

/// A plan for the day per setting. A pack needs one for every setting it declares.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename = "plans")]
pub struct Plans {
    #[serde(default)]
    pub office: Option<Plan>,
    #[serde(default)]
    pub online: Option<Plan>,
    #[serde(default)]
    pub hybrid: Option<Plan>,
}

impl Plans {
    pub fn get(&self, s: Setting) -> Option<&Plan> {
        match s {
            Setting::Office => self.office.as_ref(),
            Setting::Online => self.online.as_ref(),
            Setting::Hybrid => self.hybrid.as_ref(),
        }
    }
}

/// A timed day: the start (`HH:MM`) and the slots in order.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename = "plan")]
pub struct Plan {
    pub start: String,
    pub slots: Vec<Slot>,
}

/// One slot of the plan.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename = "slot")]
pub enum Slot {
    /// A slot of its own.
    Slot { minutes: u32, text: String },
    /// A break: printed like a slot, and counted as time away from the work (an online plan
    /// needs one at least every [`ONLINE_STRETCH_MINUTES`]).
    Break { minutes: u32, text: String },
    /// A slot for each domain in the pack's order, its text with `{domain}`, and breaks
    /// between domains.
    EachDomain {
        minutes: u32,
        text: String,
        #[serde(default)]
        breaks: Vec<Break>,
    },
}

/// A break after the `after`-th domain (1 for after the first).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename = "break")]
pub struct Break {
    pub after: usize,
    pub minutes: u32,
    pub text: String,
}

/// One line of a laid-out plan: start and end in minutes after midnight, and the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimedSlot {
    pub from: u32,
    pub to: u32,
    pub text: String,
    /// A `Break` slot or a break between domains.
    pub is_break: bool,
}

/// The longest an online plan should run without a break, in minutes: a day on video tires
/// people sooner than a day in a room.
pub const ONLINE_STRETCH_MINUTES: u32 = 60;

/// The longest run of work between breaks in `slots` (the start of the day and its end count
/// as breaks): its start and end in minutes after midnight.
pub fn longest_stretch(slots: &[TimedSlot]) -> Option<(u32, u32)> {
    let mut best: Option<(u32, u32)> = None;
    let mut from: Option<u32> = None;
    for s in slots {
        if s.is_break {
            from = None;
            continue;
        }
        let start = *from.get_or_insert(s.from);
        if best.is_none_or(|(a, b)| s.to - start > b - a) {
            best = Some((start, s.to));
        }
    }
    best
}

impl Plan {
    /// The slots with their times, every domain slot filled in with its domain's name.
    /// `start` was checked when loading; an unreadable one starts the day at midnight.
    pub fn timed(&self, domains: &[&str], args: &[(&str, &str)]) -> Vec<TimedSlot> {
        let mut clock = parse_time(&self.start).unwrap_or(0);
        let mut out = Vec::new();
        let mut push = |minutes: u32, text: String, is_break: bool| {
            out.push(TimedSlot {
                from: clock,
                to: clock + minutes,
                text,
                is_break,
            });
            clock += minutes;
        };
        for slot in &self.slots {
            match slot {
                Slot::Slot { minutes, text } => {
                    push(*minutes, super::labels::fill(text, args), false);
                }
                Slot::Break { minutes, text } => {
                    push(*minutes, super::labels::fill(text, args), true);
                }
                Slot::EachDomain {
                    minutes,
                    text,
                    breaks,
                } => {
                    for (i, d) in domains.iter().enumerate() {
                        if i > 0 {
                            for b in breaks.iter().filter(|b| b.after == i) {
                                push(b.minutes, super::labels::fill(&b.text, args), true);
                            }
                        }
                        let mut with = args.to_vec();
                        with.push(("domain", d));
                        push(*minutes, super::labels::fill(text, &with), false);
                    }
                }
            }
        }
        out
    }
}

/// `"09:30"` as minutes after midnight.
pub fn parse_time(s: &str) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    if h.len() != 2 || m.len() != 2 {
        return None;
    }
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    (h < 24 && m < 60).then_some(h * 60 + m)
}

/// `"09:30-10:00"`: a slot's times as printed.
pub fn time_span(from: u32, to: u32) -> String {
    format!(
        "{:02}:{:02}-{:02}:{:02}",
        from / 60,
        from % 60,
        to / 60,
        to % 60
    )
}

/// The placeholders every guide text may use.
pub const EVERYWHERE: &[&str] = &["setting", "setting_name"];

/// Checks a guide read from `src` for the pack's declared settings and number of domains.
/// Every problem goes to `report` with its place.
pub fn check_guide(
    src: &Arc<SourceFile>,
    guide: &Guide,
    declared: &[Setting],
    domains: usize,
    report: &mut Report,
) {
    let mut c = Checker { src, report, at: 0 };
    let cv = &guide.cover;
    for t in [&cv.label, &cv.team, &cv.date, &cv.setting, &cv.edition] {
        c.text(t, EVERYWHERE, "the cover");
    }
    for s in &guide.sections {
        c.text(&s.heading, EVERYWHERE, "a heading");
        if !(1..=2).contains(&s.level) {
            let at = c.src.find_from(c.at, "level:").unwrap_or(c.at);
            c.report.push(
                Diagnostic::error(format!("heading level {} does not exist", s.level))
                    .at(c.src.locate(at, "level:".len()))
                    .help("use `level: 1` for a section or `level: 2` for a smaller heading"),
            );
        }
        for b in &s.blocks {
            match b {
                Block::Paragraph(t) => c.text(t, EVERYWHERE, "a paragraph"),
                Block::Bullets(items) => {
                    for t in items {
                        c.text(t, EVERYWHERE, "a bullet");
                    }
                }
                Block::Stages(t) => c.text(
                    t,
                    &["setting", "setting_name", "number", "stage", "summary"],
                    "`Stages`",
                ),
                _ => {}
            }
        }
    }
    let plans_at = src.find_from(0, "plans:").unwrap_or(0);
    for &s in declared {
        let key = format!("{}:", s.id());
        let Some(plan) = guide.plans.get(s) else {
            c.report.push(
                Diagnostic::error(format!("guide.ron has no plan for `{s}` teams"))
                    .at(src.locate(plans_at, "plans".len()))
                    .help(format!(
                        "pack.ron declares `{s}`: add `{s}: (start: \"09:30\", slots: [...])` to `plans`"
                    )),
            );
            continue;
        };
        let plan_at = src.find_from(plans_at, &key).unwrap_or(plans_at);
        c.at = plan_at;
        c.plan(s, plan, plan_at, domains);
        if s == Setting::Online {
            let names = vec![""; domains];
            if let Some((from, to)) = longest_stretch(&plan.timed(&names, &[]))
                && to - from > ONLINE_STRETCH_MINUTES
            {
                c.report.push(
                    Diagnostic::warning(format!(
                        "the plan for `online` teams runs {} minutes without a break ({})",
                        to - from,
                        time_span(from, to)
                    ))
                    .at(src.locate(plan_at, s.id().len()))
                    .help(format!(
                        "a day on video tires people sooner than a day in a room: add a `Break(minutes: 10, text: \"**Break.**\")` at least every {ONLINE_STRETCH_MINUTES} minutes"
                    )),
                );
            }
        }
    }
}

struct Checker<'a> {
    src: &'a Arc<SourceFile>,
    report: &'a mut Report,
    /// Where the last text was found: texts are looked for from here on.
    at: usize,
}

impl Checker<'_> {
    /// Finds `text` in the file, from the last place found on, by its first words.
    fn find(&mut self, text: &str) -> usize {
        let prefix: String = text
            .chars()
            .take_while(|c| !matches!(c, '"' | '\\' | '\n'))
            .take(40)
            .collect();
        let found = if prefix.is_empty() {
            None
        } else {
            self.src
                .find_from(self.at, &prefix)
                .or_else(|| self.src.find_from(0, &prefix))
        };
        if let Some(i) = found {
            self.at = i;
        }
        found.unwrap_or(self.at)
    }

    fn text(&mut self, text: &str, allowed: &[&str], place: &str) {
        let at = self.find(text);
        for p in placeholders(text) {
            if let Some((message, help)) = placeholder_problem(&p, allowed, place, place) {
                self.report.push(
                    Diagnostic::error(message)
                        .at(self.placeholder_at(at, &p))
                        .help(help),
                );
            }
        }
        if let Some(ch) = crate::fonts::unprintable(text) {
            let i = self.src.find_from(at, &ch.to_string()).unwrap_or(at);
            self.report.push(
                Diagnostic::error(format!(
                    "the guide uses `{ch}` (U+{:04X}), which the bundled font cannot print",
                    u32::from(ch)
                ))
                .at(self.src.locate(i, 1))
                .help("use another character: the font covers Latin letters with accents, digits and common punctuation"),
            );
        }
    }

    fn placeholder_at(&self, from: usize, p: &Placeholder) -> crate::diag::Location {
        let needle = format!("{{{}}}", p.written);
        let i = self.src.find_from(from, &needle).unwrap_or(from);
        self.src.locate(i, needle.chars().count())
    }

    fn plan(&mut self, s: Setting, plan: &Plan, plan_at: usize, domains: usize) {
        let src = self.src;
        if parse_time(&plan.start).is_none() {
            let needle = format!("\"{}\"", plan.start);
            let at = src.find_from(plan_at, &needle).map_or(plan_at, |i| i + 1);
            self.report.push(
                Diagnostic::error(format!(
                    "`{}` is not a time of day in the form HH:MM",
                    plan.start
                ))
                .at(src.locate(at, plan.start.chars().count().max(1)))
                .help("write the start of the day like \"09:30\""),
            );
        }
        let each = plan
            .slots
            .iter()
            .filter(|x| matches!(x, Slot::EachDomain { .. }))
            .count();
        let key_at = src.locate(plan_at, s.id().len());
        if each == 0 {
            self.report.push(
                Diagnostic::error(format!("the plan for `{s}` teams gives the domains no time"))
                    .at(key_at.clone())
                    .help("add `EachDomain(minutes: 45, text: \"**{domain}.** ...\")` to its slots, so every domain gets a slot"),
            );
        } else if each > 1 {
            self.report.push(
                Diagnostic::error(format!(
                    "the plan for `{s}` teams has {each} `EachDomain` slots, so every domain would come {each} times"
                ))
                .at(key_at.clone())
                .help("keep one `EachDomain` slot, and put the rest of the day in `Slot`s"),
            );
        }
        for slot in &plan.slots {
            match slot {
                Slot::Slot { text, .. } => self.text(text, EVERYWHERE, "a slot"),
                Slot::Break { text, .. } => self.text(text, EVERYWHERE, "a break"),
                Slot::EachDomain { text, breaks, .. } => {
                    self.text(text, &["setting", "setting_name", "domain"], "`EachDomain`");
                    for b in breaks {
                        let after_at = src.find_from(self.at, "after:").unwrap_or(self.at);
                        if b.after == 0 || b.after >= domains {
                            let first = if domains > 1 {
                                format!("use `after:` from 1 to {}", domains - 1)
                            } else {
                                "with one domain there is no place between domains".to_string()
                            };
                            self.report.push(
                                Diagnostic::warning(format!(
                                    "the break after domain {} never comes: the pack has {domains} domain{}",
                                    b.after,
                                    if domains == 1 { "" } else { "s" }
                                ))
                                .at(src.locate(after_at, "after:".len()))
                                .help(format!("{first}, or make the break a `Slot` of the plan")),
                            );
                        }
                        self.at = after_at;
                        self.text(&b.text, EVERYWHERE, "a break");
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(slots: Vec<Slot>) -> Plan {
        Plan {
            start: "09:30".into(),
            slots,
        }
    }

    #[test]
    fn each_domain_expands_with_breaks_between_domains() {
        let p = plan(vec![
            Slot::Slot {
                minutes: 30,
                text: "Open ({setting})".into(),
            },
            Slot::EachDomain {
                minutes: 45,
                text: "**{domain}**".into(),
                breaks: vec![Break {
                    after: 1,
                    minutes: 15,
                    text: "Break".into(),
                }],
            },
        ]);
        let t = p.timed(&["A", "B"], &[("setting", "hybrid")]);
        let lines: Vec<String> = t
            .iter()
            .map(|s| format!("{} {}", time_span(s.from, s.to), s.text))
            .collect();
        assert_eq!(
            lines,
            [
                "09:30-10:00 Open (hybrid)",
                "10:00-10:45 **A**",
                "10:45-11:00 Break",
                "11:00-11:45 **B**"
            ]
        );
    }

    #[test]
    fn the_longest_stretch_runs_between_breaks() {
        let p = plan(vec![
            Slot::Slot {
                minutes: 20,
                text: "Open".into(),
            },
            Slot::Break {
                minutes: 10,
                text: "Break".into(),
            },
            Slot::EachDomain {
                minutes: 40,
                text: "{domain}".into(),
                breaks: vec![Break {
                    after: 2,
                    minutes: 10,
                    text: "Break".into(),
                }],
            },
        ]);
        let t = p.timed(&["A", "B", "C"], &[]);
        assert!(t[1].is_break && t[4].is_break && !t[2].is_break);
        // 10:00 to 11:20: the first two domains.
        assert_eq!(longest_stretch(&t), Some((600, 680)));
        assert_eq!(longest_stretch(&[]), None);
    }

    #[test]
    fn times_of_day() {
        assert_eq!(parse_time("09:30"), Some(570));
        assert_eq!(parse_time("9:30"), None);
        assert_eq!(parse_time("24:00"), None);
        assert_eq!(parse_time("ab:cd"), None);
    }
}
