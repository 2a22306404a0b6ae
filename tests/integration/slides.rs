//! On-screen cue cards read back: 16:9 pages, every question once with its card code, large
//! type, bookmarks per domain and stage, and an exact error for a question too long for a slide.

use crate::common::*;
use securebase::pack::{Setting, builtin, select};

#[test]
fn hybrid_deck_has_every_question_once_with_its_code_in_large_type() {
    let dir = temp_dir("slides_hybrid");
    let run = run_in(
        &dir,
        &[
            "slides",
            "--setting",
            "hybrid",
            "--team",
            "Northside",
            "-o",
            "s.pdf",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(dir.join("s.pdf")).expect("pdf");
    let pages = read_pdf(&bytes);
    for p in &pages {
        assert_size(p, (960.0, 540.0), 0.1);
    }
    let pack = builtin().expect("pack");
    let mut question_pages = 0;
    for d in &pack.domains {
        for q in select::questions(&pack, d, Setting::Hybrid, None) {
            let hits: Vec<&PageText> = pages
                .iter()
                .filter(|p| normalise(&p.text()).contains(&normalise(&q.text)))
                .collect();
            assert_eq!(hits.len(), 1, "{} is on {} slides", q.id, hits.len());
            let page = hits[0];
            question_pages += 1;
            assert!(
                page.words().any(|w| w.text == q.code),
                "{} has no code {}",
                q.id,
                q.code
            );
            // The question's own words are at least 20 pt, and short ones at least 28 pt.
            let first = q.text.split_whitespace().next().expect("a word");
            let size = page
                .words()
                .find(|w| w.text == first)
                .map(|w| w.size)
                .expect("first word");
            assert!(size >= 20.0 - 1e-3, "{} at {size} pt", q.id);
            if q.text.split_whitespace().count() <= 12 && q.follow_up.is_none() {
                assert!(size >= 28.0 - 1e-3, "short {} at {size} pt", q.id);
            }
        }
    }
    // Title, a slide per domain, a divider per stage, the questions, ideas per domain, close.
    let stages = pack.stages.len();
    assert_eq!(
        pages.len(),
        1 + pack.domains.len() * (2 + stages) + question_pages + 1
    );
    assert!(pages[0].text().contains("Northside"));
    // Bookmarks: one per domain and one per domain and stage.
    let doc = lopdf::Document::load_mem(&bytes).expect("lopdf");
    let outline_count = doc
        .objects
        .values()
        .filter(|o| {
            o.as_dict()
                .is_ok_and(|d| d.has(b"Parent") && d.has(b"Title") && d.has(b"Dest"))
        })
        .count();
    assert_eq!(outline_count, pack.domains.len() * (1 + stages));
    assert!(!String::from_utf8_lossy(&bytes).contains("/FullScreen"));
}

#[test]
fn one_domain_core_stage_and_full_screen() {
    let dir = temp_dir("slides_core");
    let run = run_in(
        &dir,
        &[
            "slides",
            "--setting",
            "online",
            "--domain",
            "acceptance",
            "--stage",
            "general",
            "--core",
            "--full-screen",
            "-o",
            "s.pdf",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(dir.join("s.pdf")).expect("pdf");
    let pages = read_pdf(&bytes);
    // Title, domain, the stage divider, 2 core questions, ideas, close.
    assert_eq!(pages.len(), 7, "{}", run.stderr);
    let doc = lopdf::Document::load_mem(&bytes).expect("lopdf reads it");
    let mode = doc
        .catalog()
        .and_then(|c| c.get(b"PageMode"))
        .and_then(|m| m.as_name());
    assert_eq!(mode.ok(), Some(&b"FullScreen"[..]));
}

#[test]
fn question_too_long_for_a_slide_fails_and_writes_nothing() {
    let pack = copy_default_pack("slides_long");
    let file = pack.join("domains/availability.ron");
    let long = ["responsibilities"; 90].join(" ");
    edit(
        &file,
        "On a home-working day, how do we let each other know when we can be reached?",
        &long,
    );
    let dir = pack.parent().expect("dir");
    let run = run_in(dir, &["--pack", "pack", "slides", "-o", "s.pdf"]);
    assert_eq!(run.code, 1);
    let text = std::fs::read_to_string(&file).expect("read");
    let line_no = text[..text.find(&long).expect("edited")]
        .matches('\n')
        .count()
        + 1;
    let line = text.lines().nth(line_no - 1).expect("line");
    let col = line.find("text:").expect("text:") + 1;
    let pad = " ".repeat(line_no.to_string().len());
    assert_eq!(
        run.stderr,
        format!(
            "error: question `av-signal-when-reachable` (AV-1.1) does not fit its slide even at 20 pt\n  --> pack/domains/availability.ron:{line_no}:{col}\n{pad} |\n{line_no} | {line}\n{pad} | {}^^^^\nhelp: shorten the question or move part of it into `follow_up`\n",
            " ".repeat(col - 1)
        )
    );
    assert!(!dir.join("s.pdf").exists());
}

#[test]
fn screen_poster_is_one_16_9_page_with_every_domain() {
    let dir = temp_dir("poster_screen");
    let run = run_in(&dir, &["poster", "--size", "screen", "-o", "p.pdf"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        "wrote p.pdf: 1 page, 16:9, for sharing on screen, a team channel or a whiteboard\n"
    );
    let pages = read_pdf_file(&dir.join("p.pdf"));
    assert_eq!(pages.len(), 1);
    assert_size(&pages[0], (960.0, 540.0), 0.1);
    let text = normalise(&pages[0].text());
    for d in &builtin().expect("pack").domains {
        assert!(text.contains(&normalise(&d.belief)), "{}", d.id);
    }
    let tiled = run_in(&dir, &["poster", "--size", "screen", "--tile", "a4"]);
    assert_eq!(tiled.code, 2);
    assert_eq!(
        tiled.stderr,
        "error: a screen poster is not printed, so it cannot be tiled\nhelp: leave out --tile, or choose a paper size such as --size a2\n"
    );
}
