//! `securebase list`: the domains, their belief lines and question counts per stage and setting,
//! as an aligned table or as JSON for scripts.

use super::{Outcome, load};
use crate::Error;
use crate::config::{ListFormat, ListJob};
use crate::pack::{Domain, Pack, PackSource, Part, Setting, select};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Serialize)]
struct ListJson<'a> {
    pack: &'a str,
    title: &'a str,
    version: &'a str,
    stages: Vec<&'a str>,
    domains: Vec<DomainJson<'a>>,
}

#[derive(Serialize)]
struct DomainJson<'a> {
    id: &'a str,
    name: &'a str,
    belief: &'a str,
    colour: String,
    /// setting -> counts
    settings: BTreeMap<&'static str, CountsJson>,
}

#[derive(Serialize)]
struct CountsJson {
    total: usize,
    /// stage id -> count (empty for office, which has no stages)
    stages: BTreeMap<String, usize>,
    /// Questions in the core set for short sessions.
    core: usize,
    /// Supervision questions for the supervisor's own part, and to explore together.
    supervision_before: usize,
    supervision_together: usize,
}

/// How many of a domain's supervision questions suit `setting` in `part`.
fn supervision_count(d: &Domain, setting: Setting, part: Part) -> usize {
    d.supervision
        .iter()
        .filter(|q| q.part == part && q.settings.contains(&setting))
        .count()
}

/// Per domain: the total and the count per stage.
type Counts = Vec<(usize, Vec<usize>)>;

fn counts(pack: &Pack, setting: Setting) -> Counts {
    pack.domains
        .iter()
        .map(|d| {
            let per_stage: Vec<usize> = (0..pack.stages.len())
                .map(|i| select::questions(pack, d, setting, Some(i)).len())
                .collect();
            (select::questions(pack, d, setting, None).len(), per_stage)
        })
        .collect()
}

pub fn run(source: &PackSource, job: &ListJob) -> Result<Outcome, Error> {
    let (pack, warnings) = load(source)?;
    let settings: Vec<Setting> = match job.setting {
        Some(s) => vec![s],
        None => pack.settings.iter().map(|s| s.id).collect(),
    };
    let mut out = Outcome::default();
    if !warnings.0.is_empty() {
        out.stderr = format!("{warnings}\n");
    }
    let table: Vec<(Setting, Counts)> = settings.iter().map(|s| (*s, counts(&pack, *s))).collect();
    match job.format {
        ListFormat::Json => {
            let json = ListJson {
                pack: &pack.id,
                title: &pack.title,
                version: &pack.version,
                stages: pack.stages.iter().map(|s| s.id.as_str()).collect(),
                domains: pack
                    .domains
                    .iter()
                    .enumerate()
                    .map(|(di, d)| DomainJson {
                        id: &d.id,
                        name: &d.name,
                        belief: &d.belief,
                        colour: d.colour.hex(),
                        settings: table
                            .iter()
                            .map(|(s, rows)| {
                                let (total, per) = &rows[di];
                                let stages = if s.uses_stages() {
                                    pack.stages
                                        .iter()
                                        .zip(per)
                                        .map(|(st, n)| (st.id.clone(), *n))
                                        .collect()
                                } else {
                                    BTreeMap::new()
                                };
                                (
                                    s.id(),
                                    CountsJson {
                                        total: *total,
                                        stages,
                                        core: select::questions(&pack, d, *s, None)
                                            .iter()
                                            .filter(|q| q.core)
                                            .count(),
                                        supervision_before: supervision_count(d, *s, Part::Before),
                                        supervision_together: supervision_count(
                                            d,
                                            *s,
                                            Part::Together,
                                        ),
                                    },
                                )
                            })
                            .collect(),
                    })
                    .collect(),
            };
            out.stdout = serde_json::to_string_pretty(&json)
                .map_err(|e| Error::failed(format!("cannot write JSON: {e}")))?;
            out.stdout.push('\n');
        }
        ListFormat::Table => out.stdout = render_table(&pack, &table),
    }
    out.retained.keep(pack);
    Ok(out)
}

fn render_table(pack: &Pack, table: &[(Setting, Counts)]) -> String {
    let mut header: Vec<String> = vec!["DOMAIN".into(), "BELIEF".into(), "SETTING".into()];
    header.extend(pack.stages.iter().map(|s| s.id.to_uppercase()));
    header.push("TOTAL".into());
    header.push("CORE".into());
    header.push("SUPERVISION".into());
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (di, d) in pack.domains.iter().enumerate() {
        for (i, (s, counts)) in table.iter().enumerate() {
            let (total, per) = &counts[di];
            let mut row = if i == 0 {
                vec![d.id.clone(), d.belief.clone()]
            } else {
                vec![String::new(), String::new()]
            };
            row.push(s.id().to_string());
            for n in per {
                row.push(if s.uses_stages() {
                    n.to_string()
                } else {
                    "-".to_string()
                });
            }
            row.push(total.to_string());
            let core = select::questions(pack, d, *s, None)
                .iter()
                .filter(|q| q.core)
                .count();
            row.push(core.to_string());
            let sup = d.supervision.iter().filter(|q| q.settings.contains(s));
            let (before, together): (Vec<_>, Vec<_>) = sup.partition(|q| q.part == Part::Before);
            row.push(format!("{}+{}", before.len(), together.len()));
            rows.push(row);
        }
    }
    let widths: Vec<usize> = (0..header.len())
        .map(|c| {
            std::iter::once(&header)
                .chain(&rows)
                .map(|r| r[c].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let numeric_from = 3;
    let fmt_row = |r: &[String]| {
        let cells: Vec<String> = r
            .iter()
            .enumerate()
            .map(|(c, v)| {
                if c >= numeric_from {
                    format!("{v:>w$}", w = widths[c])
                } else {
                    format!("{v:<w$}", w = widths[c])
                }
            })
            .collect();
        cells.join("  ").trim_end().to_string()
    };
    let mut s = format!("{} {}: {}\n\n", pack.id, pack.version, pack.title);
    s.push_str(&fmt_row(&header));
    s.push('\n');
    for r in &rows {
        s.push_str(&fmt_row(r));
        s.push('\n');
    }
    s
}
