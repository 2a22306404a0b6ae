//! Cue cards: the messages a user sees for input that cannot work (a question too long for
//! its card, bad offsets and bleeds, unknown domains and stages), each with its exact text.

use crate::common::*;
#[test]
fn question_too_long_fails_exactly_and_writes_nothing() {
    let pack = copy_default_pack("c_overflow");
    let file = pack.join("domains/availability.ron");
    let short = "On a home-working day, how do we let each other know when we can be reached?";
    let long = [short; 6].join(" ");
    edit(&file, short, &long);
    let dir = pack.parent().expect("parent").to_path_buf();
    let r = run_in(&dir, &["--pack", "pack", "cards", "-o", "c.pdf"]);
    let line = std::fs::read_to_string(&file)
        .expect("read")
        .lines()
        .nth(21)
        .expect("line 22")
        .to_string();
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        format!(
            "error: question `av-signal-when-reachable` does not fit on an 8-up card even at 10 pt: it needs 48.5 mm of height and the card has 40.1 mm\n  --> pack/domains/availability.ron:22:42\n   |\n22 | {line}\n   |                                          ^^^^\nhelp: shorten the question, or use --per-page 4 or --per-page 6, where it fits\n"
        )
    );
    assert!(!dir.join("c.pdf").exists());
    // Where it fits, it prints.
    let r = run_in(
        &dir,
        &["--pack", "pack", "cards", "--per-page", "4", "-o", "c.pdf"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn check_warns_about_cards_in_advance() {
    let pack = copy_default_pack("c_check");
    let file = pack.join("domains/sensitivity.ron");
    let src = std::fs::read_to_string(&file).expect("read");
    // The first question, rewritten in 29 long words: under the word limit, over the card
    // (the height it needs includes its follow-up).
    let start = src.find("text: \"").expect("a question") + 7;
    let end = start + src[start..].find('"').expect("closing quote");
    let old = src[start..end].to_string();
    let new = format!("{}?", ["responsibilities"; 29].join(" "));
    edit(&file, &format!("\"{old}\""), &format!("\"{new}\""));
    let text = std::fs::read_to_string(&file).expect("read");
    let at = text.find(&new).expect("new text");
    let line_no = text[..at].matches('\n').count() + 1;
    let line = text.lines().nth(line_no - 1).expect("line");
    let col = line.find("text:").expect("text:") + 1;
    let id_start = line.find("id: \"").expect("id") + 5;
    let id = &line[id_start..id_start + line[id_start..].find('"').expect("id end")];
    let r = run_in(pack.parent().expect("dir"), &["check", "pack"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pad = " ".repeat(line_no.to_string().len());
    assert_eq!(
        r.stderr,
        format!(
            "warning: question `{id}` does not fit on an 8-up card even at 10 pt: it needs 49.2 mm of height and the card has 40.1 mm\n  --> pack/domains/sensitivity.ron:{line_no}:{col}\n{pad} |\n{line_no} | {line}\n{pad} | {}^^^^\nhelp: shorten the question, or use --per-page 4 or --per-page 6, where it fits\n\n",
            " ".repeat(col - 1)
        )
    );
    assert!(
        r.stdout
            .ends_with("205 questions (75 core), 83 supervision questions, 1 warning\n"),
        "{}",
        r.stdout
    );
}

#[test]
fn bad_back_offset_and_bleed_are_usage_errors() {
    let d = temp_dir("c_usage");
    let r = run_in(&d, &["cards", "--back-offset", "1;2", "-o", "c.pdf"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: `--back-offset 1;2` is not two numbers in the form X,Y\nhelp: give the shift of the backs in millimetres, right then down, e.g. --back-offset 1.5,-0.5 (print the sheet from --calibration to measure it)\n"
    );
    let r = run_in(&d, &["cards", "--back-offset", "12,0", "-o", "c.pdf"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: `--back-offset 12,0` moves the backs more than 10 mm\nhelp: printers drift by a millimetre or two; measure the drift with --calibration and give what it reads\n"
    );
    let r = run_in(&d, &["cards", "--bleed", "4", "-o", "c.pdf"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: `--bleed 4` is more than this card grid allows: at most 3 mm\nhelp: use --bleed 3 or less: the colour runs into the 6 mm gap between cards, so it can take at most half of it\n"
    );
    let r = run_in(
        &d,
        &["cards", "--calibration", "--duplex", "none", "-o", "c.pdf"],
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: --calibration measures how the back lines up with the front, so it needs double-sided printing\nhelp: use --duplex long-edge or --duplex short-edge with --calibration\n"
    );
    assert!(!d.join("c.pdf").exists());
}

#[test]
fn unknown_domain_and_stage_suggest() {
    let d = temp_dir("c_unknown");
    let r = run_in(
        &d,
        &["cards", "--domain", "belonging", "--domain", "acceptence"],
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: unknown domain `acceptence`, did you mean `acceptance`?\nhelp: expected `all` or one of: `availability`, `sensitivity`, `acceptance`, `cooperation` or `belonging`\n"
    );
    let r = run_in(&d, &["cards", "--stage", "sustain"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: unknown stage `sustain`, did you mean `sustaining`?\nhelp: expected one of: `general`, `fine-tuning`, `sustaining` or `practical`\n"
    );
    assert_eq!(std::fs::read_dir(&d).expect("dir").count(), 0);
}
