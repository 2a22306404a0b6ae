//! `securebase pack` and `init`: the trainer's whole use case.

use crate::common::*;
use std::path::{Path, PathBuf};

pub(crate) const FILES: [&str; 7] = [
    "00-facilitator-guide.pdf",
    "01-poster-a2.pdf",
    "01-poster-tiled-a4.pdf",
    "02-handouts.pdf",
    "03-cue-cards.pdf",
    "04-action-plan.pdf",
    "PRINT.txt",
];

const STAMP: &str = "team-secure-base 1.1 · 2026-11-24";

/// Rows of the PRINT.txt table: file -> (paper, pages).
fn print_rows(text: &str) -> Vec<(String, String, usize)> {
    text.lines()
        .skip_while(|l| !l.starts_with("FILE"))
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| {
            let cols: Vec<&str> = l
                .split("  ")
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .collect();
            let pages = cols[2]
                .split_whitespace()
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            (cols[0].to_string(), cols[1].to_string(), pages)
        })
        .collect()
}

/// A PDF text string: UTF-16BE with a byte-order mark, or PDFDocEncoding (ASCII here).
fn pdf_text(b: &[u8]) -> String {
    match b.strip_prefix(&[0xFE, 0xFF]) {
        Some(u) => String::from_utf16_lossy(
            &u.chunks(2)
                .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
                .collect::<Vec<_>>(),
        ),
        None => String::from_utf8_lossy(b).into_owned(),
    }
}

fn paper_size(name: &str) -> (f32, f32) {
    let mm = |v: f32| v * 72.0 / 25.4;
    match name {
        "A4" => A4,
        "Letter" => LETTER,
        "A2" => (mm(420.0), mm(594.0)),
        "A1" => (mm(594.0), mm(841.0)),
        "A0" => (mm(841.0), mm(1189.0)),
        other => panic!("unknown paper {other}"),
    }
}

#[test]
fn default_pack_has_every_file_and_print_txt_matches() {
    let d = temp_dir("pack_default");
    let r = run_in(
        &d,
        &[
            "--date",
            "2026-11-24",
            "pack",
            "--team",
            "Northside Family Support",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = d.join("away-day-pack");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .expect("folder written")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    // The default setting is hybrid: the room's files, and what the people on screen need.
    assert_eq!(names, [&FILES[..], &["SEND.txt", "remote"]].concat());
    let print = std::fs::read_to_string(out.join("PRINT.txt")).expect("PRINT.txt");
    assert!(
        r.stdout.starts_with("FILE"),
        "the table is on stdout: {}",
        r.stdout
    );
    assert!(print.contains(&r.stdout), "PRINT.txt holds the same table");
    let rows = print_rows(&print);
    assert_eq!(rows.len(), 6, "{print}");
    let mut total_mb = 0.0;
    for (file, paper, pages) in rows {
        let bytes = std::fs::read(out.join(&file)).expect("listed file exists");
        total_mb += bytes.len() as f64 / 1e6;
        let read = read_pdf(&bytes);
        assert_eq!(read.len(), pages, "{file}: PRINT.txt says {pages} pages");
        let size = paper_size(&paper);
        for (i, p) in read.iter().enumerate() {
            let portrait = (p.width - size.0).abs() < 0.01 && (p.height - size.1).abs() < 0.01;
            let landscape = (p.width - size.1).abs() < 0.01 && (p.height - size.0).abs() < 0.01;
            assert!(
                portrait || landscape,
                "{file} page {}: {} x {} is not {paper}",
                i + 1,
                p.width,
                p.height
            );
        }
        // The same edition stamp in every PDF, in the text and in the metadata.
        assert!(
            all_text(&read).contains(STAMP),
            "{file} lacks the edition stamp"
        );
        let doc = lopdf::Document::load_mem(&bytes).expect("lopdf");
        let info = doc
            .trailer
            .get(b"Info")
            .and_then(lopdf::Object::as_reference)
            .expect("info");
        let info = doc.get_dictionary(info).expect("info dict");
        let kw = info
            .get(b"Keywords")
            .and_then(lopdf::Object::as_str)
            .map(pdf_text)
            .unwrap_or_default();
        assert!(kw.contains("team-secure-base 1.1"), "{file} keywords: {kw}");
        assert!(
            info.get(b"CreationDate").is_ok(),
            "{file} has the date in its metadata"
        );
        // No claim of PDF/X (ISO 15930) conformance, empty or not: nothing here is PDF/X.
        assert!(
            info.get(b"GTS_PDFXVersion").is_err(),
            "{file} says it is PDF/X"
        );
    }
    assert!(total_mb < 1.0, "the pack is {total_mb:.2} MB");
    let guide = read_pdf_file(&out.join("00-facilitator-guide.pdf"));
    let text = all_text(&guide);
    assert!(text.contains("Northside Family Support"));
    assert!(text.contains("Biggart, L., Ward, E., Cook, L. and Schofield, G. (2017)"));
    assert!(text.contains("09:30-10:00"));
}

#[test]
fn personal_copies_carry_the_name() {
    let d = temp_dir("pack_roster");
    std::fs::write(
        d.join("people.csv"),
        "name,role\nAmira Khan,social worker\n\"O'Neill, Zoë\",supervisor\nAmira Khan,student\n",
    )
    .expect("roster");
    let r = run_in(&d, &["pack", "--participants", "people.csv", "-o", "day"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut files: Vec<String> = std::fs::read_dir(d.join("day/handouts"))
        .expect("handouts/")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(
        files,
        ["amira-khan-2.pdf", "amira-khan.pdf", "o-neill-zoë.pdf"]
    );
    let pages = read_pdf_file(&d.join("day/handouts/o-neill-zoë.pdf"));
    assert_eq!(pages.len(), 10);
    for p in &pages[..1] {
        assert!(p.text().contains("O'Neill, Zoë"), "{}", p.text());
    }
}

#[test]
fn thirty_participants_from_a_plain_list() {
    let d = temp_dir("pack_thirty");
    let names: Vec<String> = (1..=30).map(|i| format!("Participant {i}")).collect();
    std::fs::write(d.join("people.txt"), names.join("\n")).expect("roster");
    let r = run_in(&d, &["pack", "--participants", "people.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        std::fs::read_dir(d.join("away-day-pack/handouts"))
            .expect("dir")
            .count(),
        30
    );
}

#[test]
fn existing_folder_is_refused_and_untouched() {
    let d = temp_dir("pack_exists");
    std::fs::create_dir(d.join("away-day-pack")).expect("mkdir");
    std::fs::write(d.join("away-day-pack/mine.txt"), "keep me").expect("write");
    let r = run_in(&d, &["pack"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.ends_with("error: the folder `away-day-pack` already exists and is not empty\nhelp: add --force to replace it, or choose another folder with -o\n"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(d.join("away-day-pack/mine.txt")).expect("still there"),
        "keep me"
    );
    assert_eq!(
        std::fs::read_dir(d.join("away-day-pack"))
            .expect("dir")
            .count(),
        1
    );
    let r = run_in(&d, &["pack", "--force"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!d.join("away-day-pack/mine.txt").exists());
    assert_eq!(
        std::fs::read_dir(&d).expect("dir").count(),
        1,
        "no temporary folders left"
    );
}

#[test]
fn bad_roster_line_leaves_no_folder() {
    let d = temp_dir("pack_bad_roster");
    std::fs::write(d.join("people.txt"), "Amira Khan\nSam 🙂 Lee\n").expect("roster");
    let r = run_in(&d, &["pack", "--participants", "people.txt"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "error: the name on line 2 of roster `people.txt` uses `🙂` (U+1F642), which the bundled font cannot print\n  --> people.txt:2:5\n  |\n2 | Sam 🙂 Lee\n  |     ^\nhelp: spell the name with Latin letters, accents are fine\n"
    );
    assert_eq!(
        std::fs::read_dir(&d).expect("dir").count(),
        1,
        "only the roster is there"
    );
}

#[test]
fn empty_and_missing_roster() {
    let d = temp_dir("pack_empty_roster");
    std::fs::write(d.join("people.txt"), "\n\n").expect("roster");
    let r = run_in(&d, &["pack", "--participants", "people.txt"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr
            .starts_with("error: roster `people.txt` has no names\n"),
        "{}",
        r.stderr
    );
    let r = run_in(&d, &["pack", "--participants", "nobody.txt"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "error: cannot read `nobody.txt`: no such file or folder\nhelp: check the path and that you may read the file\n"
    );
    assert_eq!(std::fs::read_dir(&d).expect("dir").count(), 1);
}

#[test]
fn unwritable_target_leaves_nothing() {
    let d = temp_dir("pack_unwritable");
    let r = run_in(&d, &["pack", "-o", "no/such/place"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("error: cannot write `no/such/place`"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read_dir(&d).expect("dir").count(), 0);
}

#[test]
fn init_packs_pass_check_and_make_a_full_pack() {
    for from in ["default", "empty"] {
        let d = temp_dir(&format!("init_{from}"));
        let r = run_in(&d, &["init", "mine", "--from", from]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let r = run_in(&d, &["check", "mine"]);
        assert_eq!(r.code, 0, "{from}: {}", r.stderr);
        assert!(
            r.stdout.ends_with(", no problems\n"),
            "{from}: {}",
            r.stdout
        );
        let r = run_in(&d, &["--pack", "mine", "pack"]);
        assert_eq!(r.code, 0, "{from}: {}", r.stderr);
        for f in FILES {
            assert!(d.join("away-day-pack").join(f).is_file(), "{from}: {f}");
        }
        let r = run_in(&d, &["init", "mine"]);
        assert_eq!(r.code, 1, "init refuses to overwrite");
    }
}

/// The rows of PRINT.txt's table, each cut into its columns (they are two spaces or more apart).
fn table_cells(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let split = |l: &str| -> Vec<String> {
        l.split("  ")
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mut lines = text
        .lines()
        .skip_while(|l| !l.starts_with("FILE"))
        .take_while(|l| !l.trim().is_empty());
    let header = lines.next().map(split).unwrap_or_default();
    (header, lines.map(split).collect())
}

/// The page count of a PDF and the size of each page (points), read back with lopdf.
fn pdf_pages(path: &Path) -> Vec<(f32, f32)> {
    let doc = lopdf::Document::load(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    doc.get_pages()
        .values()
        .map(|id| {
            let page = doc.get_dictionary(*id).expect("page");
            let b = page
                .get(b"MediaBox")
                .and_then(lopdf::Object::as_array)
                .expect("every page has its MediaBox");
            let n = |i: usize| b[i].as_float().expect("number");
            (n(2) - n(0), n(3) - n(1))
        })
        .collect()
}

/// Every PDF of the pack, the personal copies too, is in the table, with the pages it really
/// has, the sheets those pages take printed as the SIDES column says, and its paper.
#[test]
fn print_txt_states_the_real_pages_sheets_and_paper_of_every_pdf() {
    let d = temp_dir("pack_print");
    std::fs::write(d.join("people.txt"), "Amira Khan\nSam Lee\nZoë O'Neill\n").expect("roster");
    let r = run_in(
        &d,
        &[
            "--paper",
            "letter",
            "pack",
            "--participants",
            "people.txt",
            "--poster-size",
            "a1",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = d.join("away-day-pack");
    let print = std::fs::read_to_string(out.join("PRINT.txt")).expect("PRINT.txt");
    let (header, rows) = table_cells(&print);
    assert_eq!(
        header,
        [
            "FILE",
            "PAPER",
            "PAGES",
            "SHEETS",
            "SIDES",
            "SCALE",
            "PAPER WEIGHT"
        ]
    );
    let mut listed: Vec<PathBuf> = Vec::new();
    let mut office_sheets = 0;
    for row in &rows {
        assert_eq!(row.len(), 7, "{row:?}");
        let (file, paper, sides) = (&row[0], row[1].as_str(), row[4].as_str());
        assert_eq!(row[5], "100% / actual size", "{file}");
        let number = |cell: &str, personal: bool| -> usize {
            let n = if personal {
                cell.strip_suffix(" each")
                    .unwrap_or_else(|| panic!("{file}: {cell}"))
            } else {
                cell
            };
            n.parse()
                .unwrap_or_else(|_| panic!("{file}: {cell} is not a number"))
        };
        let (pdfs, personal) = match file.strip_prefix("handouts/ (") {
            Some(rest) => {
                let mut pdfs: Vec<PathBuf> = std::fs::read_dir(out.join("handouts"))
                    .expect("handouts/")
                    .flatten()
                    .map(|e| e.path())
                    .collect();
                pdfs.sort();
                assert_eq!(rest, format!("{} files)", pdfs.len()));
                (pdfs, true)
            }
            None => (vec![out.join(file)], false),
        };
        assert_eq!(pdfs.len(), if personal { 3 } else { 1 });
        let (pages, sheets) = (number(&row[2], personal), number(&row[3], personal));
        let per_sheet = match sides {
            "single-sided" => 1,
            "double-sided, flip on long edge" | "double-sided, flip on short edge" => 2,
            other => panic!("{file}: unknown sides {other:?}"),
        };
        assert_eq!(
            sheets,
            pages.div_ceil(per_sheet),
            "{file}: {pages} pages {sides}"
        );
        let size = paper_size(paper);
        for pdf in &pdfs {
            let read = pdf_pages(pdf);
            assert_eq!(
                read.len(),
                pages,
                "{}: PRINT.txt says {pages} pages",
                pdf.display()
            );
            for (i, (w, h)) in read.iter().enumerate() {
                let portrait = (w - size.0).abs() < 0.01 && (h - size.1).abs() < 0.01;
                let landscape = (w - size.1).abs() < 0.01 && (h - size.0).abs() < 0.01;
                assert!(
                    portrait || landscape,
                    "{} page {}: {w} x {h} is not {paper}",
                    pdf.display(),
                    i + 1
                );
            }
        }
        if matches!(paper, "A4" | "Letter") && !personal {
            office_sheets += sheets;
        }
        listed.extend(pdfs);
    }
    assert_eq!(rows.len(), 7, "{print}");
    // Cards are printed on both sides: a back for every front.
    let cards = rows
        .iter()
        .find(|r| r[0] == "03-cue-cards.pdf")
        .expect("cards row");
    assert_eq!(cards[4], "double-sided, flip on long edge");
    let card_pages: usize = cards[2].parse().expect("pages");
    assert_eq!(card_pages % 2, 0, "cards: a back for every front");
    // No PDF of the folder is left out of the table.
    let mut on_disk: Vec<PathBuf> = std::fs::read_dir(&out)
        .expect("pack folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .chain(
            std::fs::read_dir(out.join("handouts"))
                .expect("handouts/")
                .flatten()
                .map(|e| e.path()),
        )
        .collect();
    on_disk.sort();
    listed.sort();
    assert_eq!(listed, on_disk);
    assert!(
        print.contains(&format!(
            "\nTotal on the office printer: {office_sheets} sheets "
        )),
        "{print}"
    );
    assert!(r.stdout.starts_with("FILE") && print.contains(&r.stdout));
}

#[test]
fn spreadsheet_roster_with_bom_and_crlf() {
    let d = temp_dir("pack_roster_excel");
    std::fs::write(
        d.join("people.csv"),
        "\u{FEFF}Name,Role\r\n\"Khan, Amira\",social worker\r\n\r\nSam Lee,\"student, \"\"new\"\"\"\r\n",
    )
    .expect("roster");
    let r = run_in(&d, &["pack", "--participants", "people.csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut files: Vec<String> = std::fs::read_dir(d.join("away-day-pack/handouts"))
        .expect("handouts/")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["khan-amira.pdf", "sam-lee.pdf"]);
}

#[test]
fn roster_without_a_name_column_or_with_an_empty_name() {
    let d = temp_dir("pack_roster_columns");
    std::fs::write(d.join("a.csv"), "# team\nrole,team\nx,y\n").expect("roster");
    let r = run_in(&d, &["pack", "--participants", "a.csv"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "error: roster `a.csv` looks like a CSV file but has no `name` column\n  --> a.csv:2:1\n  |\n2 | role,team\n  | ^^^^^^^^^\nhelp: add a header line such as `name,role`, or list one name per line\n"
    );
    std::fs::write(d.join("b.csv"), "role,name\nsw,Amira\nsupervisor,\n").expect("roster");
    let r = run_in(&d, &["pack", "--participants", "b.csv"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "error: line 3 of roster `b.csv` has no name\n  --> b.csv:3:1\n  |\n3 | supervisor,\n  | ^^^^^^^^^^^\nhelp: fill in the name column or delete the line\n"
    );
    assert_eq!(
        std::fs::read_dir(&d).expect("dir").count(),
        2,
        "no pack folder"
    );
}

#[test]
fn letter_and_large_print_packs() {
    for (args, paper) in [
        (["--paper", "letter"], LETTER),
        (["--template", "large-print"], A4),
    ] {
        let d = temp_dir(&format!("pack_{}", args[1]));
        let r = run_in(&d, &[args[0], args[1], "pack"]);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
        for f in [
            "00-facilitator-guide.pdf",
            "02-handouts.pdf",
            "03-cue-cards.pdf",
            "04-action-plan.pdf",
        ] {
            for p in read_pdf_file(&d.join("away-day-pack").join(f)) {
                assert_size(&p, paper, 0.01);
            }
        }
        assert!(
            d.join(
                "away-day-pack/01-poster-tiled-".to_string()
                    + if paper == LETTER {
                        "letter.pdf"
                    } else {
                        "a4.pdf"
                    }
            )
            .is_file()
        );
    }
}

#[test]
fn a_pack_that_fails_after_its_personal_copies_leaves_nothing_behind() {
    // Personal copies go into the pack's temporary folder as soon as they are made; a file that
    // fails later (here the cue cards) must still leave no folder and no temporary folder.
    let pack = copy_default_pack("pack_fails_late");
    let file = pack.join("domains/availability.ron");
    let short = "On a home-working day, how do we let each other know when we can be reached?";
    edit(&file, short, &[short; 6].join(" "));
    let dir = pack.parent().expect("parent").to_path_buf();
    let names: Vec<String> = (1..=6).map(|i| format!("Participant {i}")).collect();
    std::fs::write(dir.join("people.txt"), names.join("\n")).expect("roster");
    let r = run_in(
        &dir,
        &["--pack", "pack", "pack", "--participants", "people.txt"],
    );
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.starts_with(
            "error: question `av-signal-when-reachable` does not fit on an 8-up card even at 10 pt"
        ),
        "{}",
        r.stderr
    );
    let mut left: Vec<String> = std::fs::read_dir(&dir)
        .expect("dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["pack", "people.txt"]);
}
