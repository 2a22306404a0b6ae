//! `securebase pack --setting online|hybrid|office`: each setting's pack holds what the team
//! can use and nothing it cannot: the files listed exactly, the fillable handouts and action
//! plan read back with lopdf, SEND.txt naming every e-mailed file, the slides at 16:9, the
//! online plan with a break at least every hour, and every file deterministic and stamped.

use crate::common::*;
use crate::fields::{FieldInfo, assert_no_two_overlap, fields};
// An office pack's files are the default pack's printed ones.
use crate::pack::FILES as OFFICE;
use lopdf::{Document, Object};
use securebase::pack::guide::{ONLINE_STRETCH_MINUTES, longest_stretch, time_span};
use securebase::pack::{Setting, builtin, select};
use std::path::{Path, PathBuf};

const STAMP: &str = "team-secure-base 1.1 · 2026-11-24";
const DOMAINS: [&str; 5] = [
    "acceptance",
    "availability",
    "belonging",
    "cooperation",
    "sensitivity",
];

/// Makes a pack in `dir/out` with the test date and team, and `args`; returns the run.
fn make_pack(dir: &Path, args: &[&str]) -> Run {
    let mut all = vec!["--date", "2026-11-24", "pack", "--team", "Northside"];
    all.extend(args);
    all.extend(["-o", "out"]);
    let r = run_in(dir, &all);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r
}

/// Every file under `dir`, as a path relative to it with `/`, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(dir).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).expect("inside");
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

fn with(base: &[&str], more: &[String]) -> Vec<String> {
    let mut v: Vec<String> = base.iter().map(|s| s.to_string()).collect();
    v.extend(more.iter().cloned());
    v.sort();
    v
}

fn domain_files(dir: &str) -> Vec<String> {
    DOMAINS
        .iter()
        .map(|d| format!("{dir}handouts/{d}.pdf"))
        .collect()
}

#[test]
fn each_setting_has_exactly_its_files() {
    let d = temp_dir("setting_files");
    std::fs::write(d.join("people.txt"), "Amira Khan\nSam Lee\n").expect("roster");
    let cases: [(&str, &[&str], Vec<String>); 5] = [
        ("office", &[], with(&OFFICE, &[])),
        (
            "online",
            &[],
            with(
                &[
                    "00-facilitator-guide.pdf",
                    "01-poster-screen.pdf",
                    "02-slides.pdf",
                    "03-action-plan.pdf",
                    "SEND.txt",
                ],
                &domain_files(""),
            ),
        ),
        (
            "online",
            &["--print", "--participants", "people.txt"],
            with(
                &[
                    "00-facilitator-guide.pdf",
                    "01-poster-screen.pdf",
                    "02-slides.pdf",
                    "03-action-plan.pdf",
                    "SEND.txt",
                    "PRINT.txt",
                    "print/01-poster-a2.pdf",
                    "print/01-poster-tiled-a4.pdf",
                    "print/03-cue-cards.pdf",
                    "personal/amira-khan.pdf",
                    "personal/sam-lee.pdf",
                ],
                &domain_files(""),
            ),
        ),
        (
            "hybrid",
            &[],
            with(
                &OFFICE,
                &[with(
                    &[
                        "SEND.txt",
                        "remote/01-poster-screen.pdf",
                        "remote/02-slides.pdf",
                    ],
                    &domain_files("remote/"),
                )]
                .concat(),
            ),
        ),
        (
            "hybrid",
            &["--participants", "people.txt"],
            with(
                &OFFICE,
                &[with(
                    &[
                        "SEND.txt",
                        "remote/01-poster-screen.pdf",
                        "remote/02-slides.pdf",
                        "handouts/amira-khan.pdf",
                        "handouts/sam-lee.pdf",
                    ],
                    &domain_files("remote/"),
                )]
                .concat(),
            ),
        ),
    ];
    for (i, (setting, args, expected)) in cases.iter().enumerate() {
        let _ = std::fs::remove_dir_all(d.join("out"));
        let mut all = vec!["--setting", setting];
        all.extend(*args);
        let r = make_pack(&d, &all);
        assert_eq!(
            &files_under(&d.join("out")),
            expected,
            "case {i}: {setting} {args:?}"
        );
        let count = format!("wrote out/: {} files, ", expected.len());
        assert!(r.stderr.contains(&count), "case {i}: {}", r.stderr);
    }
}

#[test]
fn an_online_pack_prints_nothing_unless_asked() {
    let d = temp_dir("setting_online_no_print");
    let r = make_pack(&d, &["--setting", "online"]);
    let out = d.join("out");
    // Standard output is the send plan, the same table as in SEND.txt.
    assert!(r.stdout.starts_with("FILE "), "{}", r.stdout);
    assert!(r.stdout.contains("SEND TO"), "{}", r.stdout);
    let send = std::fs::read_to_string(out.join("SEND.txt")).expect("SEND.txt");
    assert!(send.contains(&r.stdout));
    assert!(!out.join("PRINT.txt").exists());
    // Every PDF is A4 (to read, type in or print at home) or 16:9 (for the screen): no wall
    // poster, no tiles, no sheets of cue cards.
    for f in files_under(&out).iter().filter(|f| f.ends_with(".pdf")) {
        for p in read_pdf_file(&out.join(f)) {
            let a4 = (p.width - A4.0).abs() < 0.1 && (p.height - A4.1).abs() < 0.1;
            let wide = (p.width / p.height - 16.0 / 9.0).abs() < 0.01;
            assert!(a4 || wide, "{f}: {} x {}", p.width, p.height);
        }
    }
    let guide = all_text(&read_pdf_file(&out.join("00-facilitator-guide.pdf")));
    for printed in ["cue-cards", "poster-a2", "tiled", "PRINT.txt"] {
        assert!(!guide.contains(printed), "the guide mentions {printed}");
    }
    // With --print, the printed files come in print/, and both tables are on standard output.
    let _ = std::fs::remove_dir_all(&out);
    let r = make_pack(&d, &["--setting", "online", "--print"]);
    let print = std::fs::read_to_string(out.join("PRINT.txt")).expect("PRINT.txt");
    let (send_table, print_table) = r.stdout.split_once("\n\n").expect("two tables");
    assert!(send.contains(send_table) && print.contains(print_table.trim_end()));
    assert!(print.contains("print/03-cue-cards.pdf"), "{print}");
}

#[test]
fn print_has_no_effect_for_a_printed_pack() {
    let d = temp_dir("setting_print_note");
    let r = make_pack(&d, &["--setting", "hybrid", "--print"]);
    assert!(
        r.stderr.starts_with(
            "note: --print has no effect for hybrid teams: their pack is printed already\n"
        ),
        "{}",
        r.stderr
    );
}

/// Checks that every field is inside the A4 template's margins, prints, is multi-line and
/// overlaps no other field on its page.
fn assert_placed(fields: &[FieldInfo], sizes: &[(f32, f32)]) {
    let c = securebase::template::Template::builtin("a4")
        .expect("a4")
        .content_rect();
    for f in fields {
        let (w, h) = sizes[f.page];
        let [x0, y0, x1, y1] = f.rect;
        assert!(x0 < x1 && y0 < y1, "{} is empty", f.name);
        assert!(
            x0 >= c.x - 0.01 && x1 <= c.right() + 0.01 && (w - A4.0).abs() < 0.1,
            "{}: {:?}",
            f.name,
            f.rect
        );
        assert!(
            y0 >= h - c.bottom() - 0.01 && y1 <= h - c.y + 0.01,
            "{}: {:?}",
            f.name,
            f.rect
        );
        assert_eq!(f.print, 4, "{} prints", f.name);
        assert_eq!(f.flags & 4096, 4096, "{} is multi-line", f.name);
    }
    assert_no_two_overlap(fields);
}

fn load(path: &Path) -> Document {
    Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_emailed_handouts_and_the_action_plan_are_fillable() {
    let d = temp_dir("setting_fields");
    make_pack(&d, &["--setting", "online"]);
    let out = d.join("out");
    let pack = builtin().expect("default pack");

    // A handout per domain: a field per question, in reading order, then the notes.
    let (fs, sizes) = fields(&load(&out.join("handouts/acceptance.pdf")));
    let domain = pack.domain("acceptance").expect("domain");
    let qs = select::questions(&pack, domain, Setting::Online, None);
    assert_eq!(fs.len(), qs.len() + 1);
    for (f, q) in fs.iter().zip(&qs) {
        assert_eq!(f.name, format!("acceptance.{}", q.id));
        assert!(f.tooltip.starts_with(&q.text), "{}", f.tooltip);
    }
    assert_eq!(fs[qs.len()].name, "acceptance.notes");
    assert_placed(&fs, &sizes);
    // Room to type: three writing lines a question, so a field is at least two lines tall.
    let line_gap = 8.0 * 72.0 / 25.4;
    for f in &fs[..qs.len()] {
        assert!(f.rect[3] - f.rect[1] > 2.0 * line_gap, "{}", f.name);
    }

    // The action plan: a field per domain and column, named and announced by both.
    let (fs, sizes) = fields(&load(&out.join("03-action-plan.pdf")));
    let mut expected = Vec::new();
    for d in &pack.domains {
        for (id, column) in [
            ("what", "What we will do"),
            ("who", "Who"),
            ("by_when", "By when"),
            ("rating_now", "Now (1-5)"),
            ("rating_later", "In 3 months (1-5)"),
        ] {
            expected.push((
                format!("plan.{}.{id}", d.id),
                format!("{}: {column}", d.name),
            ));
        }
    }
    let got: Vec<(String, String)> = fs
        .iter()
        .map(|f| (f.name.clone(), f.tooltip.clone()))
        .collect();
    assert_eq!(got, expected);
    assert_placed(&fs, &sizes);
    assert!(fs.iter().all(|f| f.page == 0));
}

/// Whether a PDF has a form.
fn fillable(path: &Path) -> bool {
    load(path).catalog().is_ok_and(|c| c.has(b"AcroForm"))
}

#[test]
fn personal_copies_and_the_plan_are_fillable_where_a_screen_is_used() {
    let d = temp_dir("setting_personal");
    std::fs::write(d.join("people.txt"), "Zoë Ó Néill\n").expect("roster");
    for (setting, personal, plan, fill) in [
        (
            "office",
            "handouts/zoë-ó-néill.pdf",
            "04-action-plan.pdf",
            false,
        ),
        (
            "hybrid",
            "handouts/zoë-ó-néill.pdf",
            "04-action-plan.pdf",
            true,
        ),
        (
            "online",
            "personal/zoë-ó-néill.pdf",
            "03-action-plan.pdf",
            true,
        ),
    ] {
        let _ = std::fs::remove_dir_all(d.join("out"));
        make_pack(&d, &["--setting", setting, "--participants", "people.txt"]);
        let out = d.join("out");
        assert_eq!(
            fillable(&out.join(personal)),
            fill,
            "{setting} personal copy"
        );
        assert_eq!(fillable(&out.join(plan)), fill, "{setting} action plan");
        let copy = read_pdf_file(&out.join(personal));
        assert!(copy[0].text().contains("Zoë Ó Néill"), "{setting}");
        if setting != "online" {
            // The printed copies keep the printed handouts' pages, so PRINT.txt stays true.
            let printed = read_pdf_file(&out.join("02-handouts.pdf"));
            assert_eq!(copy.len(), printed.len(), "{setting}");
        }
    }
}

/// The rows of the send table in SEND.txt: (file, to, when).
fn send_rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .skip_while(|l| !l.starts_with("FILE"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| {
            l.split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect()
        })
        .collect()
}

#[test]
fn send_txt_names_every_emailed_file() {
    let d = temp_dir("setting_send");
    std::fs::write(d.join("people.txt"), "Amira Khan\nSam Lee\n").expect("roster");
    for setting in ["online", "hybrid"] {
        let _ = std::fs::remove_dir_all(d.join("out"));
        make_pack(&d, &["--setting", setting, "--participants", "people.txt"]);
        let out = d.join("out");
        let send = std::fs::read_to_string(out.join("SEND.txt")).expect("SEND.txt");
        assert!(send.starts_with(&format!(
            "What to e-mail for this away day\nThe Team as a Secure Base · {STAMP}\n\nTeam: Northside\nSetting: {setting}\n\n"
        )));
        let rows = send_rows(&send);
        let named: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
        // Everything for the screen, the personal copies, the guide (for the co-host) and the
        // action plan (after the day); nothing that is only printed.
        let mut emailed: Vec<String> = files_under(&out)
            .into_iter()
            .filter(|f| {
                f.ends_with(".pdf")
                    && (setting == "online"
                        || f.starts_with("remote/")
                        || f.starts_with("handouts/")
                        || f.starts_with("00-")
                        || f.starts_with("04-"))
            })
            .collect();
        emailed.sort();
        let mut sorted = named.clone();
        sorted.sort();
        assert_eq!(sorted, emailed, "{setting}");
        for r in &rows {
            assert_eq!(r.len(), 3, "{r:?}");
        }
        // Each person gets their own copy; the action plan comes last, after the day.
        let amira = rows
            .iter()
            .find(|r| r[0].contains("amira-khan"))
            .expect("row");
        assert!(amira[1].starts_with("Amira Khan"), "{amira:?}");
        let last = rows.last().expect("rows");
        assert!(last[0].ends_with("action-plan.pdf"));
        assert_eq!(last[2], "after the day, once filled in");
        for words in [
            "How to fill in the files",
            "Chrome or Edge",
            "Firefox",
            "Adobe Acrobat Reader",
            "How to send them back",
        ] {
            assert!(send.contains(words), "{setting}: {words}");
        }
    }
}

#[test]
fn the_slides_and_the_screen_poster_are_16_9() {
    let d = temp_dir("setting_slides");
    make_pack(&d, &["--setting", "hybrid"]);
    let out = d.join("out/remote");
    let slides = read_pdf_file(&out.join("02-slides.pdf"));
    assert!(slides.len() > 100);
    for p in &slides {
        assert_size(p, (960.0, 540.0), 0.01);
    }
    // The card codes on the slides are the printed cards' codes.
    let cards = all_text(&read_pdf_file(&d.join("out/03-cue-cards.pdf")));
    assert!(all_text(&slides).contains("AV-1.1") && cards.contains("AV-1.1"));
    let poster = read_pdf_file(&out.join("01-poster-screen.pdf"));
    assert_eq!(poster.len(), 1);
    assert!((poster[0].width / poster[0].height - 16.0 / 9.0).abs() < 0.01);
}

#[test]
fn the_online_plan_breaks_at_least_every_hour_and_the_guide_prints_it() {
    let pack = builtin().expect("default pack");
    let plan = pack.guide.plans.get(Setting::Online).expect("online plan");
    let names: Vec<&str> = pack.domains.iter().map(|d| d.name.as_str()).collect();
    let slots = plan.timed(&names, &[]);
    let (from, to) = longest_stretch(&slots).expect("a plan");
    assert!(
        to - from <= ONLINE_STRETCH_MINUTES,
        "{} without a break",
        time_span(from, to)
    );
    assert!(slots.iter().filter(|s| s.is_break).count() >= 5);
    let d = temp_dir("setting_plan");
    make_pack(&d, &["--setting", "online"]);
    let guide = all_text(&read_pdf_file(&d.join("out/00-facilitator-guide.pdf")));
    for s in &slots {
        assert!(guide.contains(&time_span(s.from, s.to)), "{:?}", s);
    }
    for words in [
        "Running the day online",
        "breakout rooms",
        "chat",
        "card code",
    ] {
        assert!(guide.contains(words), "the guide lacks {words:?}");
    }
}

/// The edition in a PDF's keywords.
fn keywords(doc: &Document) -> String {
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .and_then(|r| doc.get_dictionary(r))
        .expect("info");
    info.get(b"Keywords")
        .map(crate::fields::text)
        .unwrap_or_default()
}

#[test]
fn every_new_file_is_deterministic_stamped_and_valid() {
    let d = temp_dir("setting_stable");
    let mut firsts: Vec<(PathBuf, Vec<String>)> = Vec::new();
    for (setting, name) in [("online", "a"), ("hybrid", "b")] {
        for run in ["1", "2"] {
            let out = format!("{name}{run}");
            let r = run_in(
                &d,
                &[
                    "--date",
                    "2026-11-24",
                    "pack",
                    "--setting",
                    setting,
                    "--print",
                    "-o",
                    &out,
                ],
            );
            assert_eq!(r.code, 0, "{}", r.stderr);
        }
        let (one, two) = (d.join(format!("{name}1")), d.join(format!("{name}2")));
        let files = files_under(&one);
        assert_eq!(files, files_under(&two));
        for f in &files {
            let bytes = std::fs::read(one.join(f)).expect("read");
            assert_eq!(bytes, std::fs::read(two.join(f)).expect("read"), "{f}");
        }
        firsts.push((one, files));
    }
    let qpdf = std::process::Command::new("qpdf")
        .arg("--version")
        .output()
        .is_ok();
    for (dir, files) in &firsts {
        for f in files.iter().filter(|f| f.ends_with(".pdf")) {
            let path = dir.join(f);
            let bytes = std::fs::read(&path).expect("read");
            assert_fonts_subset(&bytes);
            assert!(
                keywords(&load(&path)).contains("team-secure-base 1.1"),
                "{f}"
            );
            // Every page printed on paper carries the stamp; the slides carry it in their
            // metadata, with the date on the title slide.
            let text = all_text(&read_pdf(&bytes));
            let stamped = if f.ends_with("slides.pdf") {
                text.contains("2026-11-24")
            } else {
                text.contains(STAMP)
            };
            assert!(stamped, "{f} lacks the stamp");
            if qpdf {
                let check = std::process::Command::new("qpdf")
                    .arg("--check")
                    .arg(&path)
                    .output()
                    .expect("qpdf runs");
                assert!(check.status.success(), "qpdf --check {f}");
            }
        }
    }
}

#[test]
fn check_warns_when_an_online_plan_runs_an_hour_without_a_break() {
    let pack = copy_default_pack("setting_plan_warning");
    edit(
        &pack.join("guide.ron"),
        "                Break(minutes: 10, text: \"**Break** away from the screen.\"),\n",
        "",
    );
    let r = run_in(pack.parent().expect("parent"), &["check", "pack"]);
    assert_eq!(r.code, 0, "a warning, not an error");
    assert_eq!(
        r.stderr,
        "warning: the plan for `online` teams runs 85 minutes without a break (09:30-10:55)\n  --> pack/guide.ron:147:9\n    |\n147 |         online: (\n    |         ^^^^^^\nhelp: a day on video tires people sooner than a day in a room: add a `Break(minutes: 10, text: \"**Break.**\")` at least every 60 minutes\n\n"
    );
}
