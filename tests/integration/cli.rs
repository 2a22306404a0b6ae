//! The command line itself: shell completions, the man page, and the values the configuration
//! refuses before any pack is read (exit code 2, exact messages, nothing written).

use crate::common::*;
use std::process::Command;

const SUBCOMMANDS: [&str; 10] = [
    "slides",
    "list",
    "check",
    "handout",
    "cards",
    "poster",
    "pack",
    "init",
    "completions",
    "man",
];

#[test]
fn completions_for_every_shell_name_the_subcommands() {
    let d = temp_dir("cli_completions");
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let r = run_in(&d, &["completions", shell]);
        assert_eq!(r.code, 0, "{shell}: {}", r.stderr);
        assert_eq!(r.stderr, "", "{shell}");
        assert!(r.stdout.len() > 500, "{shell}: a short script");
        assert!(r.stdout.contains("securebase"), "{shell}");
        for sub in SUBCOMMANDS {
            assert!(r.stdout.contains(sub), "{shell} script lacks `{sub}`");
        }
        // Options of subcommands are completed too (fish names them without the dashes).
        for option in ["back-offset", "participants", "overlap"] {
            assert!(r.stdout.contains(option), "{shell} script lacks `{option}`");
        }
    }
    let r = run_in(&d, &["completions", "tcsh"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("invalid value 'tcsh'"), "{}", r.stderr);
    assert_eq!(std::fs::read_dir(&d).expect("dir").count(), 0);
}

#[test]
fn man_page_is_roff_with_every_subcommand() {
    let d = temp_dir("cli_man");
    let r = run_in(&d, &["man"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with(".ie"), "{}", &r.stdout[..80]);
    assert!(r.stdout.contains(".TH securebase 1"), "no .TH line");
    assert!(r.stdout.contains(".SH NAME"));
    assert!(r.stdout.contains(".SH SUBCOMMANDS"));
    for sub in SUBCOMMANDS {
        assert!(
            r.stdout.contains(&format!("securebase\\-{sub}(1)")),
            "the man page lacks `{sub}`"
        );
    }
    assert!(
        !r.stdout.contains("securebase\\-help(1)"),
        "no page for help"
    );
    // Each page it refers to is there, with the subcommand's own options.
    let r = run_in(&d, &["man", "cards"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(".TH securebase-cards 1"), "no .TH line");
    assert!(r.stdout.contains("securebase cards"));
    assert!(r.stdout.contains("back\\-offset"));
    let r = run_in(&d, &["man", "hadnout"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: unknown command `hadnout`, did you mean `handout`?\nhelp: expected one of: `list`, `check`, `handout`, `cards`, `poster`, `slides`, `pack`, `init`, `completions` or `man`\n"
    );
    assert_eq!(std::fs::read_dir(&d).expect("dir").count(), 0);
}

/// Each subcommand's help and man page open with its own description. Options are added to a
/// subcommand only when it runs (`defer`), and a doc comment on options shared by `cards` and
/// `slides` then replaced both descriptions.
#[test]
fn every_subcommand_is_described_in_its_own_words() {
    let d = temp_dir("cli_about");
    for (sub, about) in [
        (
            "cards",
            "Cue cards N-up on a sheet, with cut marks and backs aligned for duplex printing",
        ),
        (
            "slides",
            "On-screen cue cards: a 16:9 deck, one question per slide, for video calls and room screens",
        ),
    ] {
        let r = run_in(&d, &[sub, "--help"]);
        assert_eq!(r.code, 0, "{sub}: {}", r.stderr);
        assert_eq!(r.stdout.lines().next(), Some(about), "{sub} --help");
        let man = run_in(&d, &["man"]).stdout;
        assert!(
            man.contains(&about.replace('-', "\\-")),
            "the man page's line for {sub}"
        );
    }
    let top = run_in(&d, &["--help"]).stdout;
    assert!(top.contains("cards        Cue cards N-up"), "{top}");
    assert_eq!(std::fs::read_dir(&d).expect("dir").count(), 0);
}

/// Runs the binary and expects a usage error with exactly `stderr`, and nothing written.
fn refused(name: &str, args: &[&str], stderr: &str) {
    let d = temp_dir(name);
    let r = run_in(&d, args);
    assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
    assert_eq!(r.stderr, stderr, "{args:?}");
    assert_eq!(r.stdout, "");
    assert_eq!(std::fs::read_dir(&d).expect("dir").count(), 0, "{args:?}");
}

#[test]
fn overlap_without_tile() {
    refused(
        "cli_overlap",
        &["poster", "--overlap", "15"],
        "error: --overlap only applies to a tiled poster\nhelp: add --tile a4 or --tile letter, or leave out --overlap\n",
    );
}

#[test]
fn dates_that_do_not_exist() {
    refused(
        "cli_date_feb",
        &["--date", "2026-02-30", "handout", "--domain", "acceptance"],
        "error: `2026-02-30` is not a date: February 2026 has 28 days\nhelp: write the date like 2026-11-24\n",
    );
    refused(
        "cli_date_month",
        &["--date", "2026-13-01", "pack"],
        "error: `2026-13-01` is not a date: there is no month 13\nhelp: write the date like 2026-11-24\n",
    );
    refused(
        "cli_date_form",
        &["--date", "24/11/2026", "cards"],
        "error: `24/11/2026` is not a date in the form YYYY-MM-DD\nhelp: write the date like 2026-11-24\n",
    );
}

#[test]
fn source_date_epoch_must_be_seconds_in_range() {
    let d = temp_dir("cli_epoch");
    for (value, stderr) in [
        (
            "tomorrow",
            "error: SOURCE_DATE_EPOCH `tomorrow` is not a number of seconds\nhelp: set it to a Unix time such as 1795392000, or unset it\n",
        ),
        (
            "-86400",
            "error: SOURCE_DATE_EPOCH `-86400` is not between 1970 and the end of 9999\nhelp: set it to a Unix time such as 1795392000, or unset it\n",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_securebase"))
            .args(["poster"])
            .current_dir(&d)
            .env("SOURCE_DATE_EPOCH", value)
            .output()
            .expect("runs");
        assert_eq!(out.status.code(), Some(2));
        assert_eq!(String::from_utf8_lossy(&out.stderr), stderr);
    }
    // Commands that print no date do not read it.
    let out = Command::new(env!("CARGO_BIN_EXE_securebase"))
        .args(["completions", "bash"])
        .env("SOURCE_DATE_EPOCH", "tomorrow")
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(std::fs::read_dir(&d).expect("dir").count(), 0);
}

#[test]
fn team_names_that_cannot_be_printed() {
    refused(
        "cli_team_empty",
        &["pack", "--team", " "],
        "error: --team is empty\nhelp: give the team's name, e.g. --team \"Northside Family Support\", or leave out --team\n",
    );
    refused(
        "cli_team_long",
        &["poster", "--team", &"Northside ".repeat(7)],
        "error: the team name has 69 characters, more than 60\nhelp: shorten --team; it is printed in the header of every handout and on the poster\n",
    );
    refused(
        "cli_team_line",
        &["pack", "--team", "North\nside"],
        "error: the team name contains a control character (U+000A), such as a line break\nhelp: write the team name on one line\n",
    );
    refused(
        "cli_team_glyph",
        &["poster", "--team", "Team 🙂"],
        "error: the team name uses `🙂` (U+1F642), which the bundled font cannot print\nhelp: spell it with Latin letters (accents are fine), or leave that character out\n",
    );
}

#[test]
fn bleed_out_of_range_and_stage_for_office() {
    refused(
        "cli_bleed_negative",
        &["cards", "--bleed", "-1"],
        "error: `--bleed -1` is not a length of 0 mm or more\nhelp: give the bleed in millimetres, e.g. --bleed 3 (what print shops usually ask for)\n",
    );
    refused(
        "cli_bleed_large",
        &["cards", "--bleed", "25"],
        "error: `--bleed 25` is more than 10 mm\nhelp: give the bleed in millimetres, e.g. --bleed 3 (what print shops usually ask for)\n",
    );
    refused(
        "cli_stage_office",
        &["cards", "--setting", "office", "--stage", "general"],
        "error: office questions are not grouped in stages, so --stage does not apply\nhelp: leave out --stage, or use --setting online or --setting hybrid\n",
    );
}

#[test]
fn back_offset_with_duplex_none_is_noted() {
    let d = temp_dir("cli_offset_note");
    let r = run_in(
        &d,
        &[
            "cards",
            "--duplex",
            "none",
            "--back-offset",
            "1,1",
            "-o",
            "c.pdf",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("note: --back-offset has no effect with --duplex none\n"),
        "{}",
        r.stderr
    );
    assert!(d.join("c.pdf").is_file());
}
