//! Tagged PDF: the structure tree read back with lopdf, the way a screen reader meets it. Each
//! structure element is read with the text of its marked content (decoded with the fonts'
//! ToUnicode maps), so a test can say "this question is read after that heading".

mod read;

use crate::common::*;
use read::{Elem, Kid, read, text_string};
use securebase::pack::{Setting, builtin, select};
use std::path::Path;

fn run_ok(dir: &Path, args: &[&str]) {
    let r = run_in(dir, args);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// The position of the first element at or after `from` that is an `s` reading `text`.
fn position(flat: &[&Elem], from: usize, s: &str, text: &str) -> Option<usize> {
    (from..flat.len()).find(|&i| flat[i].s == s && flat[i].text() == normalise(text))
}

#[test]
fn a_handout_reads_its_title_then_each_stage_with_its_questions_in_order() {
    let dir = temp_dir("tags-handout");
    run_ok(
        &dir,
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
    let t = read(&std::fs::read(dir.join("h.pdf")).expect("written"));
    let pack = builtin().expect("default pack");
    let d = pack.domain("acceptance").expect("domain");
    let flat = t.root.flatten();
    let first_heading = flat
        .iter()
        .position(|e| e.s.starts_with('H'))
        .expect("a heading");
    assert_eq!(
        (flat[first_heading].s.as_str(), flat[first_heading].text()),
        ("H1", d.name.clone())
    );
    let mut at = first_heading;
    for g in select::groups(&pack, d, Setting::Online, None) {
        let stage = &pack.stages[g.stage.expect("online questions have stages")];
        let heading = format!("{}. {}", g.stage.unwrap_or(0) + 1, stage.name);
        at = position(&flat, at, "H2", &heading).unwrap_or_else(|| panic!("no H2 {heading:?}"));
        let next_h2 = (at + 1..flat.len())
            .find(|&i| flat[i].s == "H2")
            .unwrap_or(flat.len());
        for q in &g.questions {
            // The body reads the question, then its follow-up.
            let mut want = vec![normalise(&q.text)];
            want.extend(q.follow_up.as_deref().map(normalise));
            at = (at..flat.len())
                .find(|&i| {
                    let ps: Vec<String> = flat[i].elems().map(Elem::text).collect();
                    flat[i].s == "LBody" && ps.starts_with(&want)
                })
                .unwrap_or_else(|| panic!("question {} missing or out of order", q.id));
            assert!(
                at < next_h2,
                "question {} is read under the wrong stage",
                q.id
            );
        }
    }
    assert!(position(&flat, at, "H2", "Notes and agreed actions").is_some());
    // Each question is a list item: its number is the label, its text the body.
    for li in t.root.all("LI") {
        let kinds: Vec<&str> = li.elems().map(|e| e.s.as_str()).collect();
        assert_eq!(kinds, ["Lbl", "LBody"]);
    }
    // Page furniture is an artifact: read by no one, printed on every page.
    assert!(t.artifacts[0].contains("Page 1 of 2"), "{}", t.artifacts[0]);
    assert!(t.artifacts[1].contains("Acceptance"));
    assert!(!t.root.text().contains("Page 1 of 2"));
}

#[test]
fn a_fillable_handout_puts_each_field_in_the_body_of_its_question() {
    let dir = temp_dir("tags-fillable");
    let args = [
        "handout",
        "--domain",
        "acceptance",
        "--setting",
        "office",
        "--fillable",
    ];
    run_ok(&dir, &[&args[..], &["-o", "f.pdf"]].concat());
    let t = read(&std::fs::read(dir.join("f.pdf")).expect("written"));
    let pack = builtin().expect("default pack");
    let d = pack.domain("acceptance").expect("domain");
    let questions = select::questions(&pack, d, Setting::Office, None);
    let bodies = t.root.all("LBody");
    assert_eq!(bodies.len(), questions.len());
    for (body, q) in bodies.iter().zip(&questions) {
        let forms: Vec<&Elem> = body.elems().filter(|e| e.s == "Form").collect();
        assert_eq!(forms.len(), 1, "{}", q.id);
        let Some(Kid::Objr(widget)) = forms[0].kids.first() else {
            panic!("the form of {} holds its widget", q.id)
        };
        let w = t.doc.get_dictionary(*widget).expect("the widget");
        let tu = w.get(b"TU").map(text_string).expect("/TU");
        assert!(tu.starts_with(&q.text), "{tu}");
    }
    // The notes field comes last, after its heading.
    let flat = t.root.flatten();
    let notes = position(&flat, 0, "H2", "Notes and agreed actions").expect("notes heading");
    assert_eq!(flat.last().map(|e| e.s.as_str()), Some("Form"));
    assert!(flat.len() - 1 > notes);
}

#[test]
fn the_supervision_sheet_and_the_slides_are_tagged() {
    let dir = temp_dir("tags-more");
    let sheet = [
        "handout",
        "--domain",
        "acceptance",
        "--for",
        "supervision",
        "--fillable",
    ];
    run_ok(&dir, &[&sheet[..], &["-o", "s.pdf"]].concat());
    run_ok(&dir, &["slides", "-o", "slides.pdf"]);
    let t = read(&std::fs::read(dir.join("s.pdf")).expect("written"));
    let h: Vec<String> = t
        .root
        .flatten()
        .iter()
        .filter(|e| e.s.starts_with('H'))
        .map(|e| e.text())
        .collect();
    assert_eq!(
        h[..3],
        [
            "Acceptance",
            "Before the session, for you",
            "To explore together"
        ]
    );
    let t = read(&std::fs::read(dir.join("slides.pdf")).expect("written"));
    // Every slide is a section of its own.
    assert_eq!(t.root.elems().count(), t.pages.len());
    assert!(t.root.elems().all(|e| e.s == "Sect"));
}

#[test]
fn poster_figures_have_alternative_text_and_the_panels_read_after_the_diagram() {
    let dir = temp_dir("tags-poster");
    ::image::RgbImage::from_pixel(600, 200, ::image::Rgb([0, 114, 178]))
        .save(dir.join("logo.png"))
        .expect("png");
    run_ok(
        &dir,
        &[
            "poster",
            "--size",
            "a3",
            "--team",
            "Zoë's Team",
            "--logo",
            "logo.png",
            "-o",
            "p.pdf",
        ],
    );
    let t = read(&std::fs::read(dir.join("p.pdf")).expect("written"));
    let pack = builtin().expect("default pack");
    let figures = t.root.all("Figure");
    assert_eq!(figures.len(), 2, "the logo and the diagram");
    assert_eq!(figures[0].alt.as_deref(), Some("Logo of Zoë's Team"));
    let alt = figures[1].alt.clone().expect("the diagram has /Alt");
    assert!(alt.contains("5 domains around a secure base"), "{alt}");
    for d in &pack.domains {
        assert!(
            alt.contains(&format!("{}: “{}”", d.name, d.belief)),
            "{alt}"
        );
    }
    for f in &figures {
        let b = f.bbox.as_ref().expect("a figure has a /BBox");
        let (w, h) = (mm_to_pt(297.0), mm_to_pt(420.0));
        assert!(b[0] >= 0.0 && b[1] >= 0.0 && b[2] <= w && b[3] <= h && b[0] < b[2] && b[1] < b[3]);
    }
    // Reading order: the title, the figures, then each domain's panel.
    let flat = t.root.flatten();
    let title = position(&flat, 0, "H1", &pack.title).expect("the title is the H1");
    let diagram = flat
        .iter()
        .position(|e| e.alt.as_deref() == Some(alt.as_str()))
        .expect("figure");
    assert!(title < diagram);
    let mut at = diagram;
    for d in &pack.domains {
        at = position(&flat, at, "H2", &d.name).unwrap_or_else(|| panic!("panel {}", d.id));
        assert!(position(&flat, at, "P", &format!("“{}”", d.belief)).is_some());
    }
}

fn mm_to_pt(v: f32) -> f32 {
    v * 72.0 / 25.4
}

#[test]
fn cards_read_front_by_front_and_backs_are_artifacts() {
    let dir = temp_dir("tags-cards");
    run_ok(&dir, &["cards", "--setting", "hybrid", "-o", "c.pdf"]);
    let t = read(&std::fs::read(dir.join("c.pdf")).expect("written"));
    let pack = builtin().expect("default pack");
    let want: Vec<_> = pack
        .domains
        .iter()
        .flat_map(|d| {
            select::questions(&pack, d, Setting::Hybrid, None)
                .into_iter()
                .map(move |q| (d, q))
        })
        .collect();
    let fronts: Vec<&Elem> = t.root.elems().collect();
    assert_eq!(
        fronts.len(),
        want.len(),
        "one section per card, nothing else"
    );
    for (s, (d, q)) in fronts.iter().zip(&want) {
        assert_eq!(s.s, "Sect");
        let texts: Vec<String> = s.elems().map(|p| p.text()).collect();
        assert_eq!(
            texts[..3],
            [d.name.clone(), q.code.clone(), normalise(&q.text)]
        );
    }
    // Fronts and backs alternate; a back holds no structure, only artifacts.
    for (i, m) in t.marked.iter().enumerate() {
        assert_eq!(m.is_empty(), i % 2 == 1, "page {i}");
    }
    assert!(t.artifacts[1].contains(&pack.domains[0].name));
    assert!(
        t.artifacts[0].contains(&pack.edition()),
        "the edition stamp is furniture"
    );
}

#[test]
fn a_tiled_poster_carries_its_structure_once_on_the_assembly_key() {
    let dir = temp_dir("tags-tiles");
    run_ok(
        &dir,
        &["poster", "--size", "a2", "--tile", "a4", "-o", "t.pdf"],
    );
    let t = read(&std::fs::read(dir.join("t.pdf")).expect("written"));
    let pack = builtin().expect("default pack");
    assert!(t.pages.len() > 2);
    assert_eq!(t.root.all("Figure").len(), 1);
    assert_eq!(t.root.all("H2").len(), pack.domains.len());
    let flat = t.root.flatten();
    assert_eq!(
        (flat[1].s.as_str(), flat[1].text()),
        ("H1", "Assembly key".to_string())
    );
    assert_eq!(
        t.root.all("LI").len(),
        4 + 3 * pack.domains.len(),
        "the steps, and the ideas once"
    );
    for (i, m) in t.marked.iter().enumerate().skip(1) {
        assert!(m.is_empty(), "tile page {i} reads nothing");
        assert!(!t.artifacts[i].is_empty(), "tile page {i} has its label");
    }
}

#[test]
fn every_file_of_the_pack_is_tagged_and_reads_in_order() {
    let dir = temp_dir("tags-pack");
    run_ok(
        &dir,
        &["pack", "--date", "2026-11-24", "--team", "Northside"],
    );
    let out = dir.join("away-day-pack");
    let pack = builtin().expect("default pack");
    let mut files: Vec<_> = std::fs::read_dir(&out)
        .expect("the pack folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 6);
    for f in &files {
        let t = read(&std::fs::read(f).expect("readable"));
        for fig in t.root.all("Figure") {
            assert!(
                fig.alt.as_ref().is_some_and(|a| !a.is_empty()),
                "{}",
                f.display()
            );
        }
        assert!(t.doc.get_pages().len() == t.pages.len());
    }

    // The action plan: a table with a header row, then a row per domain headed by its name.
    let t = read(&std::fs::read(out.join("04-action-plan.pdf")).expect("plan"));
    let flat = t.root.flatten();
    assert_eq!(flat[1].s, "H1");
    let table = &t.root.all("Table")[0];
    let rows: Vec<&Elem> = table.elems().collect();
    assert_eq!(rows.len(), pack.domains.len() + 1);
    let head: Vec<(String, Option<String>)> = rows[0]
        .elems()
        .map(|c| (c.text(), c.scope.clone()))
        .collect();
    assert_eq!(
        head[1..]
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>(),
        [
            "What we will do",
            "Who",
            "By when",
            "Now (1-5)",
            "In 3 months (1-5)"
        ]
    );
    assert!(head.iter().all(|(_, s)| s.as_deref() == Some("Column")));
    for (row, d) in rows[1..].iter().zip(&pack.domains) {
        let cells: Vec<&Elem> = row.elems().collect();
        assert_eq!(
            cells.iter().map(|c| c.s.as_str()).collect::<Vec<_>>(),
            ["TH", "TD", "TD", "TD", "TD", "TD"]
        );
        assert_eq!(cells[0].scope.as_deref(), Some("Row"));
        assert_eq!(cells[0].text(), format!("{}“{}”", d.name, d.belief));
    }

    // The guide: one H1 (the title), sections as H2, the day's plan as a table, bullets as list
    // items with a body.
    let t = read(&std::fs::read(out.join("00-facilitator-guide.pdf")).expect("guide"));
    assert_eq!(t.root.all("H1").len(), 1);
    let h2: Vec<String> = t.root.all("H2").iter().map(|e| e.text()).collect();
    assert_eq!(h2[0], "How the model works");
    assert!(h2.contains(&"A plan for the day".to_string()));
    let tables = t.root.all("Table");
    assert!(tables.iter().any(|tb| tb.text().contains("09:30-10:00")));
    for li in t.root.all("LI") {
        assert_eq!(
            li.elems().map(|e| e.s.as_str()).collect::<Vec<_>>(),
            ["LBody"]
        );
    }
    for d in &pack.domains {
        assert!(
            t.root.all("H3").iter().any(|h| h.text() == d.name),
            "{}",
            d.name
        );
    }
}
