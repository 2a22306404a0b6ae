//! `securebase check` and `list`: the default pack is clean, and every kind of bad input gives its
//! exact message, names the file, line and column, and exits non-zero.

use crate::common::*;
use std::path::Path;

/// Breaks a copy of the default pack with `edits` (file, from, to) and runs `check` on it.
/// Returns (exit code, stderr) with the temp path replaced by `PACK`.
fn check_broken(name: &str, edits: &[(&str, &str, &str)]) -> (i32, String) {
    let pack = copy_default_pack(name);
    for (file, from, to) in edits {
        edit(&pack.join(file), from, to);
    }
    check_dir(&pack)
}

fn check_dir(pack: &Path) -> (i32, String) {
    let parent = pack.parent().expect("parent");
    let r = run_in(parent, &["check", "pack"]);
    assert!(r.stdout.is_empty(), "stdout: {}", r.stdout);
    (r.code, r.stderr)
}

#[test]
fn default_pack_is_clean() {
    let r = run_in(Path::new("."), &["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "team-secure-base 1.1: 5 domains, 205 questions (75 core), 83 supervision questions, no problems\n"
    );
    assert_eq!(r.stderr, "");
}

#[test]
fn list_shows_five_domains_by_four_stages() {
    let r = run_in(Path::new("."), &["list"]);
    assert_eq!(r.code, 0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "team-secure-base 1.1: The Team as a Secure Base");
    assert_eq!(
        normalise(lines[2]),
        "DOMAIN BELIEF SETTING GENERAL FINE-TUNING SUSTAINING PRACTICAL TOTAL CORE SUPERVISION"
    );
    assert_eq!(
        normalise(lines[3]),
        "availability People are there for me office - - - - 9 3 3+6"
    );
    assert_eq!(normalise(lines[4]), "online 6 6 6 6 24 8 4+7");
    assert_eq!(normalise(lines[5]), "hybrid 6 6 6 6 24 8 4+7");
    // Supervision is counted per setting: belonging has one more `together` question for hybrid
    // teams than for online ones.
    assert_eq!(
        normalise(lines[15]),
        "belonging I am valued and I belong office - - - - 9 3 4+6"
    );
    assert_eq!(normalise(lines[16]), "online 6 6 6 6 24 8 4+6");
    assert_eq!(normalise(lines[17]), "hybrid 6 6 6 6 24 8 4+7");
    assert_eq!(lines.len(), 3 + 5 * 3);
    // Columns line up: every row ends where the header does, and each number column is
    // right-aligned under its heading.
    for heading in ["TOTAL", "CORE", "SUPERVISION"] {
        let end = lines[2].find(heading).expect("column") + heading.len();
        for l in &lines[3..] {
            assert_eq!(l.len(), lines[2].len(), "misaligned row {l:?}");
            assert!(
                l.as_bytes()[end - 1] != b' ' && l.as_bytes().get(end).is_none_or(|b| *b == b' '),
                "{heading} is not right-aligned in {l:?}"
            );
        }
    }
}

#[test]
fn list_json_for_one_setting() {
    let r = run_in(
        Path::new("."),
        &["list", "--setting", "online", "--format", "json"],
    );
    assert_eq!(r.code, 0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("valid JSON");
    let domains = v["domains"].as_array().expect("domains");
    assert_eq!(domains.len(), 5);
    for d in domains {
        assert_eq!(d["settings"]["online"]["total"], 24);
        assert_eq!(d["settings"]["online"]["stages"]["fine-tuning"], 6);
        assert!(d["settings"].get("office").is_none());
    }
}

#[test]
fn missing_comma() {
    let (code, err) = check_broken(
        "missing_comma",
        &[(
            "domains/acceptance.ron",
            "respond?\", settings",
            "respond?\" settings",
        )],
    );
    assert_eq!(code, 1);
    assert_eq!(err.lines().next(), Some("error: expected a comma"));
    assert!(
        err.contains("  --> pack/domains/acceptance.ron:11:122\n"),
        "{err}"
    );
    assert!(
        err.contains("help: separate fields and list items with `,`\n"),
        "{err}"
    );
    assert!(err.ends_with("error: pack `pack` has 1 error\n"), "{err}");
}

#[test]
fn unclosed_bracket() {
    let (code, err) = check_broken(
        "unclosed_bracket",
        &[(
            "domains/acceptance.ron",
            "settings: [office]),",
            "settings: [office),",
        )],
    );
    assert_eq!(code, 1);
    let caret_line = format!("   | {}^\n", " ".repeat(152));
    assert_eq!(
        err,
        format!(
            "error: expected `]` to close the `[` at line 13, column 146, but found `)`\n  --> pack/domains/acceptance.ron:13:153\n   |\n13 |         (id: \"ac-honest-peer-feedback\", text: \"How do we give each other honest feedback about the work without it feeling personal?\", settings: [office),\n{caret_line}help: write `]` here, or check the brackets before it\n\nerror: pack `pack` has 1 error\n"
        )
    );
}

#[test]
fn string_not_closed() {
    let (code, err) = check_broken(
        "string_not_closed",
        &[(
            "domains/acceptance.ron",
            "personal?\", settings",
            "personal?, settings",
        )],
    );
    assert_eq!(code, 1);
    assert!(
        err.starts_with(
            "error: this string is not closed\n  --> pack/domains/acceptance.ron:13:47\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("help: add the closing `\"` at the end of the text\n"),
        "{err}"
    );
}

#[test]
fn wrong_type() {
    let (code, err) = check_broken(
        "wrong_type",
        &[(
            "domains/acceptance.ron",
            "settings: [office]",
            "settings: office",
        )],
    );
    assert_eq!(code, 1);
    assert!(
        err.starts_with(
            "error: expected a list in `[ ]`\n  --> pack/domains/acceptance.ron:11:132\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("help: write a list as [first, second]\n"),
        "{err}"
    );
}

#[test]
fn unknown_field() {
    let (code, err) = check_broken(
        "unknown_field",
        &[("domains/sensitivity.ron", "text:", "txt:")],
    );
    assert_eq!(code, 1);
    assert!(err.starts_with("error: unknown field `txt` in question, did you mean `text`?\n  --> pack/domains/sensitivity.ron:11:39\n"), "{err}");
    assert!(
        err.contains("\n   |                                       ^^^\n"),
        "caret under the field: {err}"
    );
    assert!(
        err.contains("help: a question has the fields `id`, `text`, `settings`, `stage`, `follow_up` or `core`\n"),
        "{err}"
    );
}

#[test]
fn misspelt_setting() {
    let (code, err) = check_broken(
        "misspelt_setting",
        &[(
            "domains/acceptance.ron",
            "settings: [online, hybrid], stage",
            "settings: [onlne, hybrid], stage",
        )],
    );
    assert_eq!(code, 1);
    assert!(err.starts_with("error: unknown setting `onlne`, did you mean `online`?\n  --> pack/domains/acceptance.ron:22:146\n"), "{err}");
    assert!(
        err.contains("help: expected one of: `office`, `online` or `hybrid`\n"),
        "{err}"
    );
}

#[test]
fn misspelt_stage() {
    let (code, err) = check_broken(
        "misspelt_stage",
        &[(
            "domains/availability.ron",
            "stage: \"fine-tuning\"",
            "stage: \"fine-tunning\"",
        )],
    );
    assert_eq!(code, 1);
    assert!(err.starts_with("error: unknown stage `fine-tunning`, did you mean `fine-tuning`?\n  --> pack/domains/availability.ron:"), "{err}");
    assert!(
        err.contains(
            "help: expected one of: `general`, `fine-tuning`, `sustaining` or `practical`\n"
        ),
        "{err}"
    );
}

#[test]
fn misspelt_domain() {
    let (code, err) = check_broken(
        "misspelt_domain",
        &[("pack.ron", "\"acceptance\"", "\"acceptence\"")],
    );
    assert_eq!(code, 1);
    assert!(err.starts_with(
        "error: unknown domain `acceptence`, did you mean `acceptance`?\n  --> pack/pack.ron:29:47\n   |\n29 |     domains: [\"availability\", \"sensitivity\", \"acceptence\", \"cooperation\", \"belonging\"],\n   |                                               ^^^^^^^^^^\n"
    ), "{err}");
}

#[test]
fn duplicate_id_names_both_places() {
    let (code, err) = check_broken(
        "duplicate_id",
        &[(
            "domains/belonging.ron",
            "id: \"tb-induction-first-weeks\"",
            "id: \"tb-welcome-and-farewell\"",
        )],
    );
    assert_eq!(code, 1);
    assert!(err.starts_with("error: duplicate question id `tb-welcome-and-farewell`\n  --> pack/domains/belonging.ron:12:15\n"), "{err}");
    assert!(
        err.contains("note: first used here\n  --> pack/domains/belonging.ron:11:15\n"),
        "{err}"
    );
}

#[test]
fn empty_question() {
    let pack = copy_default_pack("empty_question");
    let f = pack.join("domains/availability.ron");
    let s = std::fs::read_to_string(&f).expect("read");
    let start = s.find("text: \"").expect("a question") + 7;
    let end = start + s[start..].find('"').expect("closing quote");
    std::fs::write(&f, format!("{}{}", &s[..start], &s[end..])).expect("write");
    let (code, err) = check_dir(&pack);
    assert_eq!(code, 1);
    assert!(err.starts_with("error: question `av-who-can-i-turn-to` has empty text\n  --> pack/domains/availability.ron:11:45\n"), "{err}");
    assert!(
        err.contains("help: write the question between the quotes, or delete the question\n"),
        "{err}"
    );
}

#[test]
fn reports_every_problem_not_only_the_first() {
    let (code, err) = check_broken(
        "many",
        &[
            (
                "domains/availability.ron",
                "stage: \"fine-tuning\"",
                "stage: \"fine-tunning\"",
            ),
            ("domains/sensitivity.ron", "text:", "txt:"),
            (
                "domains/cooperation.ron",
                "stage: \"general\"",
                "stage: \"generl\"",
            ),
        ],
    );
    assert_eq!(code, 1);
    assert!(err.ends_with("error: pack `pack` has 3 errors\n"), "{err}");
}

#[test]
fn missing_pack_folder() {
    let d = temp_dir("missing_pack");
    let r = run_in(&d, &["check", "nowhere"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "error: pack folder `nowhere` not found\nhelp: give a folder that holds pack.ron, or make one with `securebase init DIR`\n\nerror: pack `nowhere` has 1 error\n"
    );
    let r = run_in(&d, &["--pack", "nowhere", "list"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "error: pack folder `nowhere` not found\nhelp: give a folder that holds pack.ron, or make one with `securebase init DIR`\n"
    );
}

#[test]
fn not_utf8() {
    let pack = copy_default_pack("not_utf8");
    let f = pack.join("domains/acceptance.ron");
    let mut bytes = std::fs::read(&f).expect("read");
    let at = bytes.windows(4).position(|w| w == b"What").expect("What");
    bytes[at + 2] = 0xE9;
    std::fs::write(&f, bytes).expect("write");
    let (code, err) = check_dir(&pack);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: `pack/domains/acceptance.ron` is not UTF-8 text (byte 0xE9 at line 11, column 157)\n  --> pack/domains/acceptance.ron:11:157\nhelp: save the file with UTF-8 encoding (most editors offer it under \"Save as\")\n\nerror: pack `pack` has 1 error\n"
    );
}

#[test]
fn empty_file() {
    let pack = copy_default_pack("empty_file");
    std::fs::write(pack.join("domains/acceptance.ron"), "").expect("write");
    let (code, err) = check_dir(&pack);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: `pack/domains/acceptance.ron` is empty\n  --> pack/domains/acceptance.ron:1:1\n  |\n1 | \n  | ^\nhelp: a domain file holds one `( ... )` with its fields; see README.md\n\nerror: pack `pack` has 1 error\n"
    );
}

#[test]
fn character_the_font_lacks() {
    let (code, err) = check_broken(
        "glyph",
        &[(
            "domains/cooperation.ron",
            "reached when we are apart",
            "reached → when we are apart",
        )],
    );
    assert_eq!(code, 1);
    assert!(err.starts_with("error: question `co-how-decisions-reached` uses `→` (U+2192), which the bundled font cannot print\n  --> pack/domains/cooperation.ron:23:97\n"), "{err}");
}

#[test]
fn single_domain_file_and_long_question_warning() {
    let pack = copy_default_pack("single_file");
    edit(
        &pack.join("domains/acceptance.ron"),
        "our supervisor respond?",
        "our supervisor respond, and what does that teach the team about speaking up early, and what would we each need from the others before we felt able to say that something had gone wrong on one of our own cases?",
    );
    let r = run_in(
        pack.parent().expect("parent"),
        &["check", "pack/domains/acceptance.ron"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.starts_with("warning: question `ac-supervisor-and-mistakes` has 49 words; aim for at most 30 so it can be read aloud\n  --> pack/domains/acceptance.ron:11:44\n"), "{}", r.stderr);
    assert_eq!(r.stdout, "pack/domains/acceptance.ron, 1 warning\n");
}

#[test]
fn usage_errors_exit_2() {
    let r = run_in(Path::new("."), &["list", "--setting", "ofice"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("invalid value 'ofice'"), "{}", r.stderr);
}

#[test]
fn template_errors_are_reported_like_pack_errors() {
    let d = temp_dir("bad_template");
    let a4 = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/templates/a4.ron"),
    )
    .expect("a4");
    std::fs::write(
        d.join("mine.ron"),
        a4.replace("leading: 1.25", "leadin: 1.25"),
    )
    .expect("write");
    let r = run_in(
        &d,
        &[
            "--template",
            "mine.ron",
            "handout",
            "--domain",
            "acceptance",
        ],
    );
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "error: unknown field `leadin` in template, did you mean `leading`?\n  --> mine.ron:8:5\n  |\n8 |     leadin: 1.25,\n  |     ^^^^^^\nhelp: a template has the fields `name`, `paper`, `margins_mm`, `type_scale`, `leading`, `writing_line_gap_pt`, `notes_min_pt`, `colours`, `cards` or `poster`\n"
    );
    let r = run_in(&d, &["check", "mine.ron"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.ends_with("error: mine.ron has 1 error\n"),
        "{}",
        r.stderr
    );
    let r = run_in(
        &d,
        &["--template", "a5", "handout", "--domain", "acceptance"],
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: unknown template `a5`, did you mean `a4`?\nhelp: use one of `a4`, `letter` or `large-print` or the path of a template .ron file\n"
    );
    assert_eq!(
        std::fs::read_dir(&d).expect("dir").count(),
        1,
        "nothing written"
    );
}

#[test]
fn builtin_templates_check_clean() {
    for t in ["a4", "letter", "large-print"] {
        let p = format!("{}/packs/templates/{t}.ron", env!("CARGO_MANIFEST_DIR"));
        let r = run_in(Path::new("."), &["check", &p]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert_eq!(r.stdout, format!("{p}: template `{t}`, no problems\n"));
    }
}

#[test]
fn domain_without_questions_for_a_declared_setting() {
    let pack = copy_default_pack("no_office");
    let f = pack.join("domains/acceptance.ron");
    let s = std::fs::read_to_string(&f).expect("read");
    let kept: Vec<&str> = s
        .lines()
        .filter(|l| !l.contains("settings: [office]"))
        .collect();
    std::fs::write(&f, kept.join("\n")).expect("write");
    let (code, err) = check_dir(&pack);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("error: domain `acceptance` has no question for the `office` setting\n  --> pack/domains/acceptance.ron:"),
        "{err}"
    );
    assert!(
        err.contains(
            "help: add a question with settings: [office], or remove `office` from pack.ron\n"
        ),
        "{err}"
    );
}
