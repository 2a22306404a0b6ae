//! The supervisor's one-page sheet: every domain, setting and paper on exactly one page of the
//! exact size, with the supervision questions for that setting, both parts' headings, the
//! self-rating and the agreed-actions box.

use crate::common::*;
use securebase::pack::{Part, Setting, builtin};

#[test]
fn every_supervision_sheet_is_one_page_with_its_questions() {
    let pack = builtin().expect("default pack");
    let l = &pack.labels;
    let dir = temp_dir("supervision_all");
    for (paper, size) in [("a4", A4), ("letter", LETTER)] {
        for d in &pack.domains {
            for s in Setting::ALL {
                let file = format!("{}-{}-{paper}.pdf", d.id, s.id());
                let run = run_in(
                    &dir,
                    &[
                        "--paper",
                        paper,
                        "handout",
                        "--domain",
                        &d.id,
                        "--setting",
                        s.id(),
                        "--for",
                        "supervision",
                        "-o",
                        &file,
                    ],
                );
                assert_eq!(run.code, 0, "{file}: {}", run.stderr);
                let pages = read_pdf_file(&dir.join(&file));
                assert_eq!(pages.len(), 1, "{file} is not one page");
                assert_size(&pages[0], size, 0.1);
                let text = normalise(&all_text(&pages));
                let qs: Vec<_> = d
                    .supervision
                    .iter()
                    .filter(|q| q.settings.contains(&s))
                    .collect();
                let before = qs.iter().filter(|q| q.part == Part::Before).count();
                let together = qs.len() - before;
                assert!((3..=5).contains(&before), "{file}: {before} before");
                assert!((5..=8).contains(&together), "{file}: {together} together");
                let mut at = 0;
                for q in &qs {
                    let needle = normalise(&q.text);
                    let found = text[at..].find(&needle);
                    assert!(
                        found.is_some(),
                        "{file}: `{}` missing or out of order",
                        q.id
                    );
                    at += found.unwrap_or(0);
                }
                for key in [
                    "supervision.before",
                    "supervision.together",
                    "supervision.actions",
                    "rating.prompt",
                ] {
                    assert!(text.contains(&normalise(&l.get(key))), "{file}: no {key}");
                }
                assert!(
                    text.contains(&normalise(&d.belief)),
                    "{file}: no belief line"
                );
                // The team's questions are not on the supervisor's sheet.
                assert!(!text.contains(&normalise(&d.questions[0].text)));
            }
        }
    }
}

#[test]
fn supervision_sheet_with_a_stage_is_a_usage_error() {
    let dir = temp_dir("supervision_stage");
    let run = run_in(
        &dir,
        &[
            "handout",
            "--domain",
            "acceptance",
            "--setting",
            "online",
            "--for",
            "supervision",
            "--stage",
            "general",
        ],
    );
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: the supervision sheet is not grouped in stages, so --stage does not apply\n\
         help: leave out --stage, or leave out --for supervision\n"
    );
}
