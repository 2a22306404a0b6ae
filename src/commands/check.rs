//! `securebase check [PATH]`: validate a pack, a single domain file or a template, and report
//! every problem found.

use super::Outcome;
use crate::Error;
use crate::config::CheckJob;
use crate::diag::Report;
use crate::pack::source::read_text_file;
use crate::pack::validate::check_domain_file;
use crate::pack::{PackSource, load_pack};
use std::path::Path;

pub fn run(source: &PackSource, job: &CheckJob) -> Result<Outcome, Error> {
    let mut out = Outcome::default();
    let (report, summary) = match &job.path {
        None => check_pack(source, &mut out),
        Some(p) if p.is_dir() => check_pack(&PackSource::Dir(p.clone()), &mut out),
        Some(p) if p.file_name().is_some_and(|n| n == "pack.ron") => {
            let dir = p.parent().filter(|d| !d.as_os_str().is_empty());
            check_pack(
                &PackSource::Dir(dir.unwrap_or(Path::new(".")).to_path_buf()),
                &mut out,
            )
        }
        Some(p) if !p.exists() => check_pack(&PackSource::Dir(p.clone()), &mut out),
        Some(p) => check_file(p),
    };
    if !report.0.is_empty() {
        out.stderr = format!("{report}\n");
    }
    if report.has_errors() {
        out.stderr
            .push_str(&format!("error: {summary} has {}\n", report.counts()));
        out.exit_code = 1;
    } else {
        out.stdout = format!("{summary}, {}\n", report.counts());
    }
    Ok(out)
}

/// Checks the pack at `source`; the pack read is kept in `out` (see [`super::Retained`]).
fn check_pack(source: &PackSource, out: &mut Outcome) -> (Report, String) {
    let loaded = load_pack(source);
    let summary = match &loaded.pack {
        Some(p) => format!(
            "{}: {} domains, {} questions ({} core), {} supervision questions",
            p.edition(),
            p.domains.len(),
            p.question_count(),
            p.domains
                .iter()
                .flat_map(|d| &d.questions)
                .filter(|q| q.core)
                .count(),
            p.domains.iter().map(|d| d.supervision.len()).sum::<usize>(),
        ),
        None => match source {
            PackSource::Builtin => "built-in pack".to_string(),
            PackSource::Dir(d) => format!("pack `{}`", d.display()),
        },
    };
    let mut report = loaded.report;
    // Questions that would not fit on the default cards (A4, 8 per sheet), warned in advance.
    if let Some(p) = loaded.pack.as_ref().filter(|_| !report.has_errors()) {
        report.0.extend(super::cards::check_warnings(p));
    }
    out.retained.keep(loaded.pack);
    (report, summary)
}

/// A single .ron file: a template, or a domain file checked against the pack it sits in (or the
/// default pack).
fn check_file(path: &Path) -> (Report, String) {
    let name = path.display().to_string();
    let src = match read_text_file(path) {
        Ok(s) => s,
        Err(d) => return (Report(vec![d]), name),
    };
    let in_templates = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|n| n == "templates");
    if in_templates || src.text.contains("margins_mm") {
        return match crate::template::from_source(&src) {
            Ok(t) => (Report::default(), format!("{name}: template `{}`", t.name)),
            Err(r) => (r, name),
        };
    }
    let context = path
        .parent()
        .and_then(Path::parent)
        .filter(|p| p.join("pack.ron").is_file())
        .and_then(|p| load_pack(&PackSource::Dir(p.to_path_buf())).pack)
        .or_else(|| load_pack(&PackSource::Builtin).pack);
    match context {
        Some(pack) => (check_domain_file(&src, &pack), name),
        None => (Report::default(), name),
    }
}
