//! `securebase handout`: read the PDF back and check what a supervisor would see.

use crate::common::*;
use proptest::prelude::*;
use securebase::fonts::Face;
use securebase::layout::handout::{HandoutOptions, handout};
use securebase::pack::{Setting, builtin, select};
use securebase::template::Template;
use std::path::Path;

/// Every question's text appears, in the pack's order.
fn assert_questions_in_order(pages: &[PageText], domain: &str, setting: Setting) {
    let pack = builtin().expect("default pack");
    let d = pack.domain(domain).expect("domain");
    let text = all_text(pages);
    let mut from = 0;
    for q in select::questions(&pack, d, setting, None) {
        let needle = normalise(&q.text);
        match text[from..].find(&needle) {
            Some(i) => from += i + needle.len(),
            None => panic!("question {} missing or out of order: {needle}", q.id),
        }
    }
}

/// Every word inside the page margins, and no two lines of text overlapping.
fn assert_inside_margins_no_overlap(pages: &[PageText], t: &Template) {
    let c = t.content_rect();
    for (i, p) in pages.iter().enumerate() {
        for w in p.words() {
            assert!(
                w.x0 >= c.x - 0.01
                    && w.x1 <= c.right() + 0.01
                    && w.y0 >= c.y - 0.5
                    && w.y1 <= c.bottom() + 0.5,
                "page {}: {:?} outside the margins {:?}",
                i + 1,
                w,
                c
            );
        }
        let boxes: Vec<(f32, f32, f32, f32)> = p
            .lines
            .iter()
            .filter(|l| !l.is_empty())
            .map(|l| {
                let x0 = l.iter().map(|w| w.x0).fold(f32::MAX, f32::min);
                let x1 = l.iter().map(|w| w.x1).fold(f32::MIN, f32::max);
                // Glyph boxes from the baseline: use the tighter cap-height band for overlap.
                let y1 = l.iter().map(|w| w.y1).fold(f32::MIN, f32::max);
                let size = l[0].size;
                (x0, y1 - size * 0.95, x1, y1)
            })
            .collect();
        for a in 0..boxes.len() {
            for b in a + 1..boxes.len() {
                let (p1, p2) = (boxes[a], boxes[b]);
                let overlap = p1.0 < p2.2 - 0.01
                    && p2.0 < p1.2 - 0.01
                    && p1.1 < p2.3 - 0.01
                    && p2.1 < p1.3 - 0.01;
                assert!(
                    !overlap,
                    "page {}: lines overlap: {:?} and {:?}",
                    i + 1,
                    p.lines[a],
                    p.lines[b]
                );
            }
        }
    }
}

#[test]
fn acceptance_online_on_a4() {
    let (_, bytes, r) = make_pdf(
        "h_a4",
        &[
            "handout",
            "--domain",
            "acceptance",
            "--setting",
            "online",
            "-o",
            "h.pdf",
        ],
    );
    let pages = read_pdf(&bytes);
    assert!(pages.len() <= 2, "{} pages", pages.len());
    for p in &pages {
        assert_size(p, A4, 0.01);
    }
    assert_questions_in_order(&pages, "acceptance", Setting::Online);
    let t = Template::builtin("a4").expect("a4");
    assert_inside_margins_no_overlap(&pages, &t);
    assert!(all_text(&pages).contains("“I don't always have to be strong”"));
    assert!(all_text(&pages).contains(&format!("Page 1 of {}", pages.len())));
    assert_fonts_subset(&bytes);
    assert!(
        r.stderr.contains("wrote h.pdf: 2 pages, 1 domain\n"),
        "{}",
        r.stderr
    );
}

#[test]
fn every_domain_and_setting_fits_two_pages_on_a4_and_letter() {
    let pack = builtin().expect("default pack");
    for (name, size) in [("a4", A4), ("letter", LETTER)] {
        let t = Template::builtin(name).expect("template");
        for d in &pack.domains {
            for s in Setting::ALL {
                let opts = HandoutOptions {
                    setting: Some(s),
                    lines: 2,
                    max_pages: 2,
                    ..HandoutOptions::default()
                };
                let h = handout(&pack, d, &t, &opts).expect("every default question fits a page");
                assert!(
                    h.pages.len() <= 2,
                    "{name} {} {s}: {} pages",
                    d.id,
                    h.pages.len()
                );
                assert!(h.lines_used >= 1);
                for p in &h.pages {
                    assert_eq!((p.width, p.height), (size.0, size.1));
                }
            }
        }
    }
}

#[test]
fn letter_office_keeps_two_lines() {
    let (_, bytes, r) = make_pdf(
        "h_letter",
        &[
            "--paper",
            "letter",
            "handout",
            "--domain",
            "belonging",
            "--setting",
            "office",
            "-o",
            "h.pdf",
        ],
    );
    let pages = read_pdf(&bytes);
    for p in &pages {
        assert_size(p, LETTER, 0.01);
    }
    assert_questions_in_order(&pages, "belonging", Setting::Office);
    assert_inside_margins_no_overlap(&pages, &Template::builtin("letter").expect("letter"));
    assert!(
        !r.stderr.contains("note:"),
        "no lines were dropped: {}",
        r.stderr
    );
}

#[test]
fn says_when_writing_lines_are_reduced() {
    let (_, _, r) = make_pdf(
        "h_reduce",
        &["handout", "--domain", "cooperation", "-o", "h.pdf"],
    );
    assert_eq!(
        r.stderr,
        "note: cooperation: 1 writing line per question instead of 2, so the 24 questions fit on 2 pages\nwrote h.pdf: 2 pages, 1 domain\n"
    );
}

#[test]
fn large_print_has_18pt_body_and_stays_in_margins() {
    let (_, bytes, _) = make_pdf(
        "h_large",
        &[
            "--template",
            "large-print",
            "handout",
            "--domain",
            "availability",
            "--setting",
            "hybrid",
            "-o",
            "h.pdf",
        ],
    );
    let pages = read_pdf(&bytes);
    assert_questions_in_order(&pages, "availability", Setting::Hybrid);
    assert_inside_margins_no_overlap(
        &pages,
        &Template::builtin("large-print").expect("large print"),
    );
    let pack = builtin().expect("pack");
    let first_q = &pack
        .domain("availability")
        .expect("d")
        .questions
        .iter()
        .find(|q| q.suits(Setting::Hybrid))
        .expect("q")
        .text;
    let first_word = first_q.split_whitespace().next().expect("word");
    let w = pages
        .iter()
        .flat_map(|p| p.words())
        .find(|w| w.text.contains(first_word))
        .expect("question word");
    assert!((w.size - 18.0).abs() < 0.01, "body text at {} pt", w.size);
}

#[test]
fn one_stage_only() {
    let (_, bytes, _) = make_pdf(
        "h_stage",
        &[
            "handout",
            "--domain",
            "sensitivity",
            "--stage",
            "practical",
            "-o",
            "h.pdf",
        ],
    );
    let pages = read_pdf(&bytes);
    assert_eq!(pages.len(), 1);
    let text = all_text(&pages);
    assert!(text.contains("4. Practical considerations"));
    assert!(!text.contains("1. General considerations"));
}

#[test]
fn two_runs_are_byte_identical() {
    let (_, a, _) = make_pdf(
        "h_det1",
        &["handout", "--domain", "availability", "-o", "h.pdf"],
    );
    let (_, b, _) = make_pdf(
        "h_det2",
        &["handout", "--domain", "availability", "-o", "h.pdf"],
    );
    assert!(a == b, "two runs differ");
}

#[test]
fn all_domains_with_bookmarks_and_metadata() {
    let (_, bytes, _) = make_pdf(
        "h_all",
        &[
            "--date",
            "2026-11-24",
            "handout",
            "--domain",
            "all",
            "--setting",
            "office",
            "-o",
            "all.pdf",
        ],
    );
    let pages = read_pdf(&bytes);
    let pack = builtin().expect("pack");
    for d in &pack.domains {
        assert!(all_text(&pages).contains(&d.name), "{}", d.name);
    }
    let raw = String::from_utf8_lossy(&bytes);
    // Metadata and bookmarks live in uncompressed dictionaries.
    let doc = lopdf::Document::load_mem(&bytes).expect("lopdf reads it");
    let catalog = doc.catalog().expect("catalog");
    assert_eq!(
        catalog
            .get(b"Lang")
            .and_then(lopdf::Object::as_str)
            .expect("Lang"),
        b"en-GB"
    );
    let outlines = doc
        .get_dictionary(
            catalog
                .get(b"Outlines")
                .and_then(lopdf::Object::as_reference)
                .expect("outline"),
        )
        .expect("outline dict");
    assert_eq!(
        outlines
            .get(b"Count")
            .and_then(lopdf::Object::as_i64)
            .expect("count"),
        5
    );
    assert!(all_text(&pages).contains("team-secure-base 1.1 · 2026-11-24"));
    let _ = raw;
}

#[test]
fn a_misspelt_all_is_suggested_for_every_command_that_takes_domain() {
    let d = temp_dir("h_unknown_all");
    for cmd in ["handout", "cards", "slides"] {
        let r = run_in(&d, &[cmd, "--domain", "alll"]);
        assert_eq!(r.code, 2, "{cmd}");
        assert_eq!(
            r.stderr,
            "error: unknown domain `alll`, did you mean `all`?\nhelp: expected `all` or one of: `availability`, `sensitivity`, `acceptance`, `cooperation` or `belonging`\n",
            "{cmd}"
        );
    }
    assert_eq!(
        std::fs::read_dir(&d).expect("dir").count(),
        0,
        "nothing written"
    );
}

#[test]
fn unknown_domain_suggests() {
    let d = temp_dir("h_unknown");
    let r = run_in(&d, &["handout", "--domain", "acceptence"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: unknown domain `acceptence`, did you mean `acceptance`?\nhelp: expected `all` or one of: `availability`, `sensitivity`, `acceptance`, `cooperation` or `belonging`\n"
    );
    assert_eq!(
        std::fs::read_dir(&d).expect("dir").count(),
        0,
        "nothing written"
    );
}

#[test]
fn unknown_stage_suggests() {
    let r = run_in(
        &temp_dir("h_stage_bad"),
        &["handout", "--domain", "acceptance", "--stage", "sustain"],
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: unknown stage `sustain`, did you mean `sustaining`?\nhelp: expected one of: `general`, `fine-tuning`, `sustaining` or `practical`\n"
    );
}

#[test]
fn unwritable_output_leaves_nothing() {
    let d = temp_dir("h_unwritable");
    let r = run_in(
        &d,
        &["handout", "--domain", "acceptance", "-o", "missing/h.pdf"],
    );
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "error: cannot write `missing/h.pdf`: no such file or folder\nhelp: the folder `missing` does not exist; create it first or choose another -o path\n"
    );
    assert_eq!(
        std::fs::read_dir(&d).expect("dir").count(),
        0,
        "nothing left behind"
    );
}

#[test]
fn glyph_missing_from_font_names_the_question() {
    let pack = copy_default_pack("h_glyph");
    edit(
        &pack.join("domains/acceptance.ron"),
        "speaking up early?",
        "speaking up early → now?",
    );
    let r = run_in(
        pack.parent().expect("parent"),
        &[
            "--pack",
            "pack",
            "handout",
            "--domain",
            "acceptance",
            "-o",
            "h.pdf",
        ],
    );
    assert_eq!(r.code, 1);
    assert!(r.stderr.starts_with("error: question `ac-supervisor-and-mistakes` uses `→` (U+2192), which the bundled font cannot print\n  --> pack/domains/acceptance.ron:11:"), "{}", r.stderr);
    assert!(!pack.parent().expect("p").join("h.pdf").exists());
}

#[test]
fn measured_widths_match_the_pdf() {
    // The layout's own measure agrees with what a PDF reader measures.
    let (_, bytes, _) = make_pdf(
        "h_measure",
        &[
            "handout",
            "--domain",
            "belonging",
            "--setting",
            "office",
            "-o",
            "h.pdf",
        ],
    );
    let pages = read_pdf(&bytes);
    let w = pages[0]
        .words()
        .find(|w| w.text == "Notes")
        .or_else(|| {
            pages
                .last()
                .and_then(|p| p.words().find(|w| w.text == "Notes"))
        })
        .expect("Notes");
    let expected = Face::Bold.metrics().width("Notes", w.size);
    assert!(
        ((w.x1 - w.x0) - expected).abs() < 0.05,
        "{} vs {}",
        w.x1 - w.x0,
        expected
    );
}

fn font_text() -> impl Strategy<Value = String> {
    // Words of letters, accents, punctuation and the odd very long word.
    let word = prop_oneof![
        "[a-zA-Z]{1,12}",
        "[a-zéèàçöüß]{1,8}",
        "[A-Za-z]{30,70}",
        Just("—".to_string()),
        Just("'s".to_string()),
        Just("€42".to_string()),
    ];
    prop::collection::vec(word, 1..60).prop_map(|w| format!("{}?", w.join(" ")))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]
    #[test]
    fn random_questions_never_overflow_their_box(text in font_text(), tmpl in prop_oneof![Just("a4"), Just("letter"), Just("large-print")]) {
        let mut pack = builtin().expect("pack");
        let t = Template::builtin(tmpl).expect("template");
        pack.domains[0].questions[0].text = text;
        let d = &pack.domains[0];
        let id = d.questions[0].id.clone();
        let h = match handout(&pack, d, &t, &HandoutOptions { setting: Some(Setting::Office), lines: 2, max_pages: 2, ..HandoutOptions::default() }) {
            Ok(h) => h,
            // Too tall for any page: reported, naming the question, never drawn off the page.
            Err(e) => {
                prop_assert_eq!(e.what, Some(format!("question `{id}`")));
                prop_assert!(e.need_mm > e.room_mm);
                return Ok(());
            }
        };
        let c = t.content_rect();
        for p in &h.pages {
            for tx in p.texts() {
                prop_assert!(tx.x >= c.x - 0.01 && tx.x + tx.text.width <= c.right() + 0.01, "{:?} wider than {:?}", tx, c);
                prop_assert!(tx.baseline <= c.bottom() + 0.01 && tx.bbox().y >= c.y - 0.01);
            }
        }
    }
}

#[test]
fn default_output_name() {
    let d = temp_dir("h_default_name");
    let r = run_in(
        &d,
        &["handout", "--domain", "acceptance", "--setting", "online"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(Path::new(&d.join("handout-acceptance-online.pdf")).is_file());
}

#[test]
fn question_taller_than_a_page_fails_exactly_and_writes_nothing() {
    let pack = copy_default_pack("h_too_tall");
    let file = pack.join("domains/acceptance.ron");
    let text = std::fs::read_to_string(&file).expect("read");
    let start = text.find("text: \"").expect("a question") + 7;
    let end = start + text[start..].find('"').expect("end");
    let old = text[start..end].to_string();
    let long = format!("{}?", ["responsibilities"; 900].join(" "));
    edit(&file, &format!("\"{old}\""), &format!("\"{long}\""));
    let text = std::fs::read_to_string(&file).expect("read");
    let line_no = text[..text.find(&long).expect("edited")]
        .matches('\n')
        .count()
        + 1;
    let line = text.lines().nth(line_no - 1).expect("line");
    let col = line.find("text:").expect("text:") + 1;
    let id_start = line.find("id: \"").expect("id") + 5;
    let id = &line[id_start..id_start + line[id_start..].find('"').expect("id end")];
    let dir = pack.parent().expect("dir");
    let r = run_in(
        dir,
        &[
            "--pack",
            "pack",
            "handout",
            "--domain",
            "acceptance",
            "--setting",
            "office",
            "-o",
            "h.pdf",
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    let pad = " ".repeat(line_no.to_string().len());
    let expected_start = format!(
        "error: question `{id}` does not fit on a page even with one writing line: it needs "
    );
    assert!(r.stderr.starts_with(&expected_start), "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "\n  --> pack/domains/acceptance.ron:{line_no}:{col}\n{pad} |\n"
        )),
        "{}",
        r.stderr
    );
    assert!(r.stderr.ends_with(
        "help: shorten the text, or use a template with smaller type or narrower margins\n"
    ));
    assert!(!dir.join("h.pdf").exists());
}
