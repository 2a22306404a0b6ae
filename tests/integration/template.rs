//! Hand-edited templates: every number out of its range is a located error with the allowed
//! range, from `check` and from every command that loads the template, and `check` reports all
//! of them in one run. These edits used to hang `cards`, `poster` and `pack`.

use crate::common::*;
use std::path::{Path, PathBuf};

/// A copy of the built-in A4 template with `edits` (from, to) applied, as `mine.ron` in a fresh
/// folder named `name`. Returns the folder.
fn edited_a4(name: &str, edits: &[(&str, &str)]) -> PathBuf {
    let d = temp_dir(name);
    let path = d.join("mine.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/templates/a4.ron"),
        &path,
    )
    .expect("copy a4.ron");
    for (from, to) in edits {
        edit(&path, from, to);
    }
    d
}

/// Runs `check mine.ron`; asserts exit 1, nothing on stdout, and returns stderr.
fn check_mine(d: &Path) -> String {
    let r = run_in(d, &["check", "mine.ron"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(r.stdout, "");
    r.stderr
}

/// Runs a printing command with `--template mine.ron`; asserts it fails with exactly `expected`
/// and writes nothing.
fn command_fails_with(d: &Path, args: &[&str], expected: &str) {
    let mut all = vec!["--template", "mine.ron"];
    all.extend_from_slice(args);
    let r = run_in(d, &all);
    assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
    assert_eq!(r.stderr, expected, "{args:?}");
    assert_eq!(
        std::fs::read_dir(d).expect("dir").count(),
        1,
        "{args:?} wrote nothing"
    );
}

#[test]
fn nan_poster_text_size() {
    let d = edited_a4("t_nan", &[("min_text_pt_a4: 6.5", "min_text_pt_a4: NaN")]);
    let expected = "error: `min_text_pt_a4: NaN` is not a number\n  --> mine.ron:25:30\n   |\n25 |     poster: (min_text_pt_a4: NaN, margin_ratio: 0.045, centre_ratio: 0.13),\n   |                              ^^^\nhelp: write a number from 5 to 14 pt: text under 5 pt on an A4 poster cannot be read, and the ideas start at 14 pt on A4, so a larger minimum leaves nothing to shrink\n";
    assert_eq!(
        check_mine(&d),
        format!("{expected}\nerror: mine.ron has 1 error\n")
    );
    command_fails_with(&d, &["poster"], expected);
}

#[test]
fn zero_writing_line_gap() {
    let d = edited_a4(
        "t_gap",
        &[("writing_line_gap_pt: 18", "writing_line_gap_pt: 0")],
    );
    let expected = "error: `writing_line_gap_pt: 0` is too small\n  --> mine.ron:9:26\n  |\n9 |     writing_line_gap_pt: 0,\n  |                          ^\nhelp: write a number from 12 to 72 pt: lines closer than 12 pt (4 mm) leave no room to write by hand, and above 72 pt (25 mm) too few fit\n";
    assert_eq!(
        check_mine(&d),
        format!("{expected}\nerror: mine.ron has 1 error\n")
    );
    command_fails_with(&d, &["pack"], expected);
    command_fails_with(&d, &["handout", "--domain", "acceptance"], expected);
}

#[test]
fn huge_card_text() {
    let d = edited_a4("t_huge", &[("text_max_pt: 15", "text_max_pt: 999999")]);
    let expected = "error: `text_max_pt: 999999` is too large\n  --> mine.ron:21:58\n   |\n21 |             (per_page: 8, cols: 2, rows: 4, text_max_pt: 999999),\n   |                                                          ^^^^^^\nhelp: write a number from 6 to 48 pt: questions start at this size and shrink until they fit; above 48 pt a card holds only a few words\n";
    assert_eq!(
        check_mine(&d),
        format!("{expected}\nerror: mine.ron has 1 error\n")
    );
    command_fails_with(&d, &["cards"], expected);
}

#[test]
fn smallest_card_text_above_largest() {
    let d = edited_a4("t_min_max", &[("text_max_pt: 14", "text_max_pt: 8")]);
    assert_eq!(
        check_mine(&d),
        "error: `text_max_pt: 8` is below `text_min_pt: 10`\n  --> mine.ron:22:58\n   |\n22 |             (per_page: 9, cols: 3, rows: 3, text_max_pt: 8),\n   |                                                          ^\nnote: `text_min_pt` is set here\n  --> mine.ron:17:22\n   |\n17 |         text_min_pt: 10,\n   |                      ^^\nhelp: a question starts at `text_max_pt` and shrinks down to `text_min_pt`: raise this grid's `text_max_pt` or lower `text_min_pt`\n\nerror: mine.ron has 1 error\n"
    );
}

#[test]
fn infinite_leading_and_grid_wider_than_the_paper() {
    let d = edited_a4(
        "t_inf_wide",
        &[
            ("leading: 1.25", "leading: -inf"),
            (
                "rows: 2, text_max_pt",
                "rows: 2, card_w_mm: 120, text_max_pt",
            ),
        ],
    );
    assert_eq!(
        check_mine(&d),
        "error: `leading: -inf` is not a finite number\n  --> mine.ron:8:14\n  |\n8 |     leading: -inf,\n  |              ^^^^\nhelp: write a number from 1 to 2 times the type size: below 1 the lines of a paragraph overlap, and above 2 they read as separate lines\n\nerror: the grid for 4 per page is 246.0 mm wide, but A4 paper leaves 186.0 mm inside the sheet margins\n  --> mine.ron:19:56\n   |\n19 |             (per_page: 4, cols: 2, rows: 2, card_w_mm: 120, text_max_pt: 20),\n   |                                                        ^^^\nhelp: make `card_w_mm` smaller, or `gutter_mm` or `sheet_margin_mm`\n\nerror: mine.ron has 2 errors\n"
    );
}

#[test]
fn grid_with_no_columns_and_a_duplicate() {
    let d = edited_a4(
        "t_grid",
        &[
            (
                "(per_page: 6, cols: 2, rows: 3",
                "(per_page: 0, cols: 0, rows: 3",
            ),
            ("(per_page: 9,", "(per_page: 4,"),
        ],
    );
    assert_eq!(
        check_mine(&d),
        "error: `cols: 0` is too small\n  --> mine.ron:20:33\n   |\n20 |             (per_page: 0, cols: 0, rows: 3, text_max_pt: 17),\n   |                                 ^\nhelp: write a whole number from 1 to 6: a grid has at least one card across and down, and cards in more than 6 rows or columns are too small to read\n\nerror: two grids for 4 per page\n  --> mine.ron:22:24\n   |\n22 |             (per_page: 4, cols: 3, rows: 3, text_max_pt: 14),\n   |                        ^\nnote: the first is here\n  --> mine.ron:19:24\n   |\n19 |             (per_page: 4, cols: 2, rows: 2, text_max_pt: 20),\n   |                        ^\nhelp: keep one grid for each number of cards per sheet\n\nerror: grid for 4 per page has 3 x 3 cards\n  --> mine.ron:22:24\n   |\n22 |             (per_page: 4, cols: 3, rows: 3, text_max_pt: 14),\n   |                        ^\nhelp: cols x rows must equal per_page\n\nerror: mine.ron has 3 errors\n"
    );
}

/// `check` reports every bad value in one run, in the order they are written.
#[test]
fn check_reports_every_bad_value_at_once() {
    let d = edited_a4(
        "t_every",
        &[
            ("top: 10", "top: 0"),
            ("body: 11", "body: 1e9"),
            ("leading: 1.25", "leading: 0.5"),
            ("notes_min_pt: 60", "notes_min_pt: -60"),
            ("gutter_mm: 6", "gutter_mm: NaN"),
            ("margin_ratio: 0.045", "margin_ratio: 1.5"),
        ],
    );
    let err = check_mine(&d);
    let firsts: Vec<&str> = err.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(
        firsts,
        [
            "error: `top: 0` is too small",
            "error: `body: 1e9` is too large",
            "error: `leading: 0.5` is too small",
            "error: `notes_min_pt: -60` is too small",
            "error: `gutter_mm: NaN` is not a number",
            "error: `margin_ratio: 1.5` is too large",
            "error: mine.ron has 6 errors",
        ]
    );
    assert!(
        err.contains("help: write a number from 0.02 to 0.15 of the shorter side: "),
        "{err}"
    );
}

/// `--paper` changes the sheet the cards must fit: a grid of tall cards fits A4 but not Letter.
#[test]
fn cards_are_checked_against_the_paper_used() {
    let d = edited_a4(
        "t_paper",
        &[(
            "rows: 2, text_max_pt",
            "rows: 2, card_h_mm: 130, text_max_pt",
        )],
    );
    let r = run_in(&d, &["check", "mine.ron"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run_in(
        &d,
        &["--template", "mine.ron", "--paper", "letter", "cards"],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.starts_with("error: the grid for 4 per page is 266.0 mm tall, but Letter paper leaves 255.4 mm inside the sheet margins\n  --> mine.ron:19:56\n"),
        "{}",
        r.stderr
    );
}
