//! Every value check of the configuration, with the exact message a person sees.

use super::*;
use crate::template::Ink;
use clap::Parser;

fn parse(args: &[&str]) -> Result<Config, Error> {
    parse_env(args, &Env::default())
}

fn parse_env(args: &[&str], env: &Env) -> Result<Config, Error> {
    let cli = Cli::try_parse_from(std::iter::once("securebase").chain(args.iter().copied()))
        .map_err(|e| Error::usage(e.to_string()))?;
    Config::from_cli(cli, env)
}

/// The whole message of a usage error (exit code 2).
fn usage(args: &[&str]) -> String {
    match parse(args) {
        Ok(c) => panic!("{args:?} was accepted: {c:?}"),
        Err(e) => {
            assert_eq!(e.exit_code(), 2, "{args:?}: {e}");
            e.to_string()
        }
    }
}

fn print_job(args: &[&str]) -> (PrintSettings, PrintJob) {
    match parse(args) {
        Ok(Config {
            job: Job::Print(s, j),
            ..
        }) => (s, j),
        Ok(c) => panic!("{args:?} is not a printing job: {c:?}"),
        Err(e) => panic!("{args:?}: {e}"),
    }
}

fn poster(args: &[&str]) -> PosterJob {
    match print_job(args).1 {
        PrintJob::Poster(p) => p,
        other => panic!("{other:?}"),
    }
}

fn cards(args: &[&str]) -> CardsJob {
    match print_job(args).1 {
        PrintJob::Cards(c) => c,
        other => panic!("{other:?}"),
    }
}

#[test]
fn back_offset_forms() {
    let ok = |s: &str| BackOffset::parse(s).ok().map(BackOffset::mm);
    assert_eq!(ok("1.5,-0.5"), Some((1.5, -0.5)));
    assert_eq!(ok(" 0 , 2 "), Some((0.0, 2.0)));
    assert_eq!(ok("-10,10"), Some((-10.0, 10.0)));
    for bad in ["1.5", "1;2", "a,b", "NaN,0", "inf,0", "1,2,3", ""] {
        assert!(BackOffset::parse(bad).is_err(), "{bad}");
    }
    assert_eq!(
        usage(&["cards", "--back-offset", "11,0"]),
        "error: `--back-offset 11,0` moves the backs more than 10 mm\nhelp: printers drift by a millimetre or two; measure the drift with --calibration and give what it reads\n"
    );
    assert_eq!(
        usage(&["cards", "--back-offset", "1;2"]),
        "error: `--back-offset 1;2` is not two numbers in the form X,Y\nhelp: give the shift of the backs in millimetres, right then down, e.g. --back-offset 1.5,-0.5 (print the sheet from --calibration to measure it)\n"
    );
    let c = cards(&["cards", "--back-offset", "-1.5,0.5"]);
    let CardsPrint::Deck(o) = c.print else {
        panic!("{c:?}")
    };
    assert_eq!(o.back_offset.mm(), (-1.5, 0.5));
}

#[test]
fn back_offset_with_duplex_none_is_a_note() {
    let c = parse(&["cards", "--duplex", "none", "--back-offset", "1,1"]).expect("accepted");
    assert_eq!(
        c.notes,
        ["note: --back-offset has no effect with --duplex none"]
    );
}

#[test]
fn bleed_range() {
    assert_eq!(check_bleed(0.0).ok(), Some(0.0));
    assert_eq!(check_bleed(3.0).ok(), Some(3.0));
    assert_eq!(check_bleed(MAX_BLEED_MM).ok(), Some(MAX_BLEED_MM));
    assert!(check_bleed(f32::NAN).is_err());
    assert!(check_bleed(f32::INFINITY).is_err());
    assert_eq!(
        usage(&["cards", "--bleed", "-1"]),
        "error: `--bleed -1` is not a length of 0 mm or more\nhelp: give the bleed in millimetres, e.g. --bleed 3 (what print shops usually ask for)\n"
    );
    assert_eq!(
        usage(&["cards", "--bleed", "12"]),
        "error: `--bleed 12` is more than 10 mm\nhelp: give the bleed in millimetres, e.g. --bleed 3 (what print shops usually ask for)\n"
    );
}

#[test]
fn overlap_needs_tile_and_fits_the_sheet() {
    assert_eq!(
        usage(&["poster", "--overlap", "15"]),
        "error: --overlap only applies to a tiled poster\nhelp: add --tile a4 or --tile letter, or leave out --overlap\n"
    );
    assert_eq!(
        usage(&["poster", "--tile", "a4", "--overlap", "120"]),
        "error: --overlap 120 mm is too large for A4 sheets: it must be less than half the printable width (95 mm)\nhelp: use an overlap from 0 to 94 mm; 10 mm is usual\n"
    );
    assert_eq!(
        usage(&["poster", "--tile", "a4", "--overlap", "-5"]),
        "error: --overlap -5 is not a length of 0 mm or more\nhelp: use an overlap from 0 to 94 mm; 10 mm is usual\n"
    );
    assert!(check_overlap(f32::NAN, Paper::A4).is_err());
    let p = poster(&["poster", "--tile", "letter"]);
    assert_eq!(
        p.tile,
        Some(Tiling {
            paper: Paper::Letter,
            overlap_mm: 10.0
        })
    );
    assert_eq!(p.output, PathBuf::from("poster-a2-tiled-letter.pdf"));
    let p = poster(&["poster", "--tile", "a4", "--overlap", "0"]);
    assert_eq!(p.tile.map(|t| t.overlap_mm), Some(0.0));
    let p = poster(&["poster", "--size", "a0", "--orientation", "landscape"]);
    assert_eq!((p.size, p.landscape, p.tile), (PosterSize::A0, true, None));
    assert_eq!(p.output, PathBuf::from("poster-a0.pdf"));
}

#[test]
fn team_names() {
    assert_eq!(
        check_team("  Northside  ").ok().as_deref(),
        Some("Northside")
    );
    assert_eq!(check_team("Équipe Zoë").ok().as_deref(), Some("Équipe Zoë"));
    assert_eq!(
        usage(&["pack", "--team", "  "]),
        "error: --team is empty\nhelp: give the team's name, e.g. --team \"Northside Family Support\", or leave out --team\n"
    );
    let long = "x".repeat(MAX_TEAM_CHARS + 1);
    assert_eq!(
        usage(&["poster", "--team", &long]),
        "error: the team name has 61 characters, more than 60\nhelp: shorten --team; it is printed in the header of every handout and on the poster\n"
    );
    assert!(check_team(&"x".repeat(MAX_TEAM_CHARS)).is_ok());
    assert_eq!(
        usage(&["pack", "--team", "North\nside"]),
        "error: the team name contains a control character (U+000A), such as a line break\nhelp: write the team name on one line\n"
    );
    assert_eq!(
        usage(&["poster", "--team", "Team 🙂"]),
        "error: the team name uses `🙂` (U+1F642), which the bundled font cannot print\nhelp: spell it with Latin letters (accents are fine), or leave that character out\n"
    );
}

#[test]
fn dates_are_real_calendar_days() {
    let d = |s: &str| Date::parse(s).map(|d| d.to_string()).ok();
    assert_eq!(d("2026-11-24").as_deref(), Some("2026-11-24"));
    assert_eq!(d("2024-02-29").as_deref(), Some("2024-02-29"));
    assert_eq!(d("2000-02-29").as_deref(), Some("2000-02-29"));
    for bad in [
        "2026-02-29",
        "2100-02-29",
        "2026-04-31",
        "2026-13-01",
        "2026-00-10",
        "2026-01-00",
        "0000-01-01",
        "2026-1-1",
        "26-01-01",
        "2026/01/01",
        "２０２６-01-01",
    ] {
        assert_eq!(d(bad), None, "{bad}");
    }
    assert_eq!(
        usage(&["--date", "2026-02-30", "handout", "--domain", "acceptance"]),
        "error: `2026-02-30` is not a date: February 2026 has 28 days\nhelp: write the date like 2026-11-24\n"
    );
    assert_eq!(
        usage(&["--date", "2026-13-01", "cards"]),
        "error: `2026-13-01` is not a date: there is no month 13\nhelp: write the date like 2026-11-24\n"
    );
    assert_eq!(
        usage(&["--date", "24/11/2026", "pack"]),
        "error: `24/11/2026` is not a date in the form YYYY-MM-DD\nhelp: write the date like 2026-11-24\n"
    );
}

#[test]
fn source_date_epoch() {
    let at = |v: &str| Date::from_epoch_var(Some(v)).map(|d| d.map(|d| d.to_string()));
    assert_eq!(at("0").ok().flatten().as_deref(), Some("1970-01-01"));
    assert_eq!(
        at("1795478400").ok().flatten().as_deref(),
        Some("2026-11-24")
    );
    assert_eq!(at(" ").ok().flatten(), None);
    assert_eq!(
        Date::from_unix(253_402_300_799)
            .map(|d| d.to_string())
            .as_deref(),
        Some("9999-12-31")
    );
    assert_eq!(Date::from_unix(253_402_300_800), None);
    assert_eq!(Date::from_unix(-1), None);
    let env = |v: &str| Env {
        source_date_epoch: Some(v.to_string()),
    };
    let (s, _) = match parse_env(&["cards"], &env("1795478400")) {
        Ok(Config {
            job: Job::Print(s, j),
            ..
        }) => (s, j),
        other => panic!("{other:?}"),
    };
    assert_eq!(s.date.map(|d| d.to_string()).as_deref(), Some("2026-11-24"));
    // --date wins over the environment.
    match parse_env(&["--date", "2026-01-02", "cards"], &env("1795478400")) {
        Ok(Config {
            job: Job::Print(s, _),
            ..
        }) => assert_eq!(s.date.map(|d| d.to_string()).as_deref(), Some("2026-01-02")),
        other => panic!("{other:?}"),
    }
    let e = parse_env(&["cards"], &env("soon")).expect_err("rejected");
    assert_eq!(
        e.to_string(),
        "error: SOURCE_DATE_EPOCH `soon` is not a number of seconds\nhelp: set it to a Unix time such as 1795392000, or unset it\n"
    );
    let e = parse_env(&["cards"], &env("-5")).expect_err("rejected");
    assert_eq!(
        e.to_string(),
        "error: SOURCE_DATE_EPOCH `-5` is not between 1970 and the end of 9999\nhelp: set it to a Unix time such as 1795392000, or unset it\n"
    );
    // Commands that print no date do not read it.
    assert!(parse_env(&["list"], &env("soon")).is_ok());
    assert!(parse_env(&["completions", "bash"], &env("soon")).is_ok());
}

#[test]
fn paper_and_template() {
    let (s, _) = print_job(&["--paper", "letter", "cards"]);
    assert_eq!(s.template.paper, Paper::Letter);
    assert_eq!(s.template.name, "letter");
    let (s, _) = print_job(&["--template", "large-print", "--paper", "letter", "cards"]);
    assert_eq!(
        (s.template.name.as_str(), s.template.paper),
        ("large-print", Paper::Letter)
    );
    let (s, _) = print_job(&["cards"]);
    assert_eq!(s.template.paper, Paper::A4);
    assert_eq!(s.date, None);
    assert_eq!(
        usage(&["--template", "a5", "cards"]),
        "error: unknown template `a5`, did you mean `a4`?\nhelp: use one of `a4`, `letter` or `large-print` or the path of a template .ron file\n"
    );
}

#[test]
fn pack_job_keeps_the_poster_size_typed() {
    for (arg, size) in [
        ("a2", PosterSize::A2),
        ("a1", PosterSize::A1),
        ("a0", PosterSize::A0),
    ] {
        match print_job(&["pack", "--poster-size", arg, "--team", " Northside "]).1 {
            PrintJob::Pack(p) => {
                assert_eq!(p.poster_size, size);
                assert_eq!(p.team.as_deref(), Some("Northside"));
                assert_eq!(p.output, PathBuf::from("away-day-pack"));
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn stage_only_with_staged_settings() {
    let office = "error: office questions are not grouped in stages, so --stage does not apply\nhelp: leave out --stage, or use --setting online or --setting hybrid\n";
    assert_eq!(
        usage(&[
            "handout",
            "--domain",
            "acceptance",
            "--setting",
            "office",
            "--stage",
            "general"
        ]),
        office
    );
    assert_eq!(
        usage(&["cards", "--setting", "office", "--stage", "general"]),
        office
    );
    match print_job(&["handout", "--domain", "all", "--stage", "general"]).1 {
        PrintJob::Handout(h) => {
            assert_eq!(h.domains, DomainChoice::All);
            assert_eq!(h.stage.as_deref(), Some("general"));
            assert_eq!(h.output, PathBuf::from("handout-all-hybrid.pdf"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn calibration_needs_duplex_and_names_its_file() {
    assert_eq!(
        usage(&["cards", "--calibration", "--duplex", "none"]),
        "error: --calibration measures how the back lines up with the front, so it needs double-sided printing\nhelp: use --duplex long-edge or --duplex short-edge with --calibration\n"
    );
    let c = cards(&["cards", "--calibration", "--duplex", "short-edge"]);
    assert_eq!(c.output, PathBuf::from("cards-calibration-short-edge.pdf"));
    assert!(matches!(
        c.print,
        CardsPrint::Calibration {
            duplex: Duplex::ShortEdge,
            ..
        }
    ));
    let c = cards(&["cards", "--setting", "online", "--per-page", "4"]);
    assert_eq!(c.output, PathBuf::from("cards-online.pdf"));
}

#[test]
fn jobs_that_do_not_print() {
    let c = parse(&["--pack", "mine", "list", "--format", "json"]).expect("list");
    assert!(matches!(&c.pack, PackSource::Dir(d) if d == &PathBuf::from("mine")));
    assert!(matches!(
        c.job,
        Job::List(ListJob {
            setting: None,
            format: ListFormat::Json
        })
    ));
    // A template that does not exist matters only to commands that print.
    assert!(parse(&["--template", "a5", "check"]).is_ok());
    let c = parse(&["completions", "powershell"]).expect("completions");
    assert!(matches!(
        c.job,
        Job::Completions(clap_complete::Shell::PowerShell)
    ));
    assert!(matches!(parse(&["man"]).map(|c| c.job), Ok(Job::Man(None))));
    assert!(matches!(
        parse(&["man", "poster"]).map(|c| c.job),
        Ok(Job::Man(Some(p))) if p == "poster"
    ));
    assert_eq!(
        usage(&["man", "posters"]),
        "error: unknown command `posters`, did you mean `poster`?\nhelp: expected one of: `list`, `check`, `handout`, `cards`, `poster`, `slides`, `pack`, `init`, `completions` or `man`\n"
    );
    let c = parse(&["init", "mine", "--from", "empty"]).expect("init");
    assert!(matches!(
        c.job,
        Job::Init(InitJob {
            from: Starter::Example,
            ..
        })
    ));
}

#[test]
fn ink_and_cards_per_sheet_come_from_the_template_unless_given() {
    let per_page = |args: &[&str]| match cards(args).print {
        CardsPrint::Deck(o) => o.per_page,
        other => panic!("{other:?}"),
    };
    assert_eq!(per_page(&["cards"]), 8);
    assert_eq!(per_page(&["--template", "large-print", "cards"]), 4);
    assert_eq!(
        per_page(&["--template", "large-print", "cards", "--per-page", "6"]),
        6
    );
    assert_eq!(print_job(&["cards"]).0.template.ink, Ink::Full);
    let (s, _) = print_job(&["--ink", "low", "--template", "large-print", "poster"]);
    assert_eq!(
        (s.template.ink, s.template.name.as_str()),
        (Ink::Low, "large-print")
    );
    assert_eq!(
        print_job(&["--ink", "full", "pack"]).0.template.ink,
        Ink::Full
    );
}

#[test]
fn logo_alt_is_trimmed_and_needs_a_logo() {
    let p = poster(&["poster", "--logo", "l.png", "--logo-alt", " Our logo "]);
    assert_eq!(p.logo_alt.as_deref(), Some("Our logo"));
    assert_eq!(poster(&["poster", "--logo", "l.png"]).logo_alt, None);
    assert_eq!(
        usage(&["poster", "--logo-alt", "Our logo"]),
        "error: --logo-alt describes the logo, so it needs --logo\nhelp: add --logo FILE, or leave out --logo-alt\n"
    );
}
