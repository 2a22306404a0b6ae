//! `securebase poster`: page sizes, the diagram's text, text inside its panel, tiling and the
//! logo messages, checked from the PDF read back.

use crate::common::{A4, Run, assert_size, normalise, read_pdf_file, run_in, temp_dir};
use securebase::commands::Context;
use securebase::commands::poster::tiled_document;
use securebase::layout::frame::{Item, Rect, mm};
use securebase::layout::poster::{PosterOptions, PosterSize, poster};
use securebase::layout::tiles::{covered, plan};
use securebase::pack::{Pack, PackSource, Setting, load_pack};
use securebase::template::{Paper, Template};
use std::path::Path;

fn pack() -> Pack {
    load_pack(&PackSource::Builtin)
        .pack
        .expect("the default pack loads")
}

fn options(size: PosterSize, landscape: bool) -> PosterOptions {
    PosterOptions {
        size,
        landscape,
        setting: Setting::Hybrid,
        team: None,
        logo: None,
        date: None,
    }
}

fn ok(r: &Run) {
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
}

#[test]
fn page_size_is_exact_for_every_size_and_orientation() {
    let dir = temp_dir("poster-sizes");
    for (size, arg) in [
        (PosterSize::A4, "a4"),
        (PosterSize::A3, "a3"),
        (PosterSize::A2, "a2"),
        (PosterSize::A1, "a1"),
        (PosterSize::A0, "a0"),
    ] {
        for orientation in ["portrait", "landscape"] {
            let out = format!("{arg}-{orientation}.pdf");
            let r = run_in(
                &dir,
                &[
                    "poster",
                    "--size",
                    arg,
                    "--orientation",
                    orientation,
                    "-o",
                    &out,
                ],
            );
            ok(&r);
            let pages = read_pdf_file(&dir.join(&out));
            assert_eq!(pages.len(), 1);
            let (w, h) = size.size_mm();
            let expected = if orientation == "landscape" {
                (mm(h), mm(w))
            } else {
                (mm(w), mm(h))
            };
            assert_size(&pages[0], expected, 0.01);
        }
    }
    // The default name and size.
    let r = run_in(&dir, &["poster"]);
    ok(&r);
    assert_size(
        &read_pdf_file(&dir.join("poster-a2.pdf"))[0],
        (1190.5512, 1683.7795),
        0.01,
    );
    assert_eq!(
        r.stderr,
        "wrote poster-a2.pdf: 1 page, A2 portrait (420 x 594 mm)\nprint at 100% / actual size on A2 paper\n"
    );
}

/// Every domain's name and belief line appear inside its own panel; every text that touches a
/// panel lies wholly inside it, and every text lies on the page.
fn check_text_in_panels(dir: &Path, size: PosterSize, landscape: bool) {
    let out = format!("{}-{landscape}.pdf", size.id());
    let r = run_in(
        dir,
        &[
            "poster",
            "--size",
            size.id(),
            "--orientation",
            if landscape { "landscape" } else { "portrait" },
            "-o",
            &out,
        ],
    );
    ok(&r);
    let pages = read_pdf_file(&dir.join(&out));
    let page = &pages[0];
    let pack = pack();
    let layout = poster(
        &pack,
        &Template::builtin("a4").unwrap(),
        &options(size, landscape),
    )
    .expect("the poster lays out");
    assert_eq!(layout.panels.len(), 5);
    let tol = 0.5;
    let sheet = Rect::new(0.0, 0.0, page.width, page.height);
    let mut words = 0;
    for w in page.words() {
        words += 1;
        let b = Rect::new(w.x0, w.y0, w.x1 - w.x0, w.y1 - w.y0);
        assert!(sheet.contains(&b, tol), "{w:?} is off the page");
        for (id, panel) in &layout.panels {
            if panel.intersects(&b) {
                assert!(panel.contains(&b, tol), "{w:?} crosses the {id} panel");
            }
        }
    }
    assert!(words > 100);
    for d in &pack.domains {
        let panel = layout
            .panels
            .iter()
            .find(|(id, _)| id == &d.id)
            .map(|(_, r)| *r)
            .expect("a panel for every domain");
        let inside: Vec<&str> = page
            .words()
            .filter(|w| {
                let (cx, cy) = ((w.x0 + w.x1) / 2.0, (w.y0 + w.y1) / 2.0);
                cx > panel.x && cx < panel.right() && cy > panel.y && cy < panel.bottom()
            })
            .map(|w| w.text.as_str())
            .collect();
        let text = inside.join(" ");
        assert!(text.starts_with(&normalise(&d.name)), "{}: {text}", d.id);
        assert!(
            text.contains(&format!("“{}”", normalise(&d.belief))),
            "{}: {text}",
            d.id
        );
        for idea in &d.ideas.hybrid[..3] {
            assert!(
                text.contains(&normalise(idea)),
                "{}: {idea} in {text}",
                d.id
            );
        }
    }
}

#[test]
fn names_beliefs_and_ideas_lie_inside_their_panels() {
    let dir = temp_dir("poster-panels");
    check_text_in_panels(&dir, PosterSize::A2, false);
    check_text_in_panels(&dir, PosterSize::A4, true);
    check_text_in_panels(&dir, PosterSize::A0, false);
}

#[test]
fn footer_has_every_citation_and_the_edition() {
    let dir = temp_dir("poster-footer");
    ok(&run_in(
        &dir,
        &[
            "poster",
            "--team",
            "Riverside Family Support",
            "--date",
            "2026-11-24",
        ],
    ));
    let text = crate::common::all_text(&read_pdf_file(&dir.join("poster-a2.pdf")));
    let pack = pack();
    for c in &pack.citations {
        assert!(text.contains(&normalise(c)), "missing citation {c}");
    }
    assert!(text.contains("Edition: team-secure-base 1.1 · 2026-11-24"));
    assert!(text.contains("Riverside Family Support"));
    assert!(text.contains("The Team as a Secure Base"));
    assert!(text.contains("Secure base"));
}

fn context() -> Context {
    Context::from_parts(pack(), Template::builtin("a4").unwrap(), None)
}

#[test]
fn tiles_cover_the_poster_with_the_stated_overlap_and_no_gap() {
    let ctx = context();
    for (size, paper, overlap) in [
        (PosterSize::A2, Paper::A4, 10.0),
        (PosterSize::A0, Paper::A4, 10.0),
        (PosterSize::A1, Paper::Letter, 15.0),
    ] {
        let opts = options(size, false);
        let (doc, plan, _) = tiled_document(&ctx, &opts, paper, overlap).unwrap();
        assert_eq!(doc.pages.len(), plan.count() + 1);
        let (pw, ph) = opts.page_size();
        // The window each tile page shows, read from its group: the poster is drawn at
        // (x, y) and clipped, so the window in poster coordinates is the clip moved by -(x, y).
        let mut windows = Vec::new();
        for page in &doc.pages[1..] {
            let (x, y, clip) = page
                .items
                .iter()
                .find_map(|(at, i)| match i {
                    Item::Group(g) => {
                        assert_eq!(g.scale, 1.0);
                        Some((at.x, at.y, g.clip.expect("tiles are clipped")))
                    }
                    _ => None,
                })
                .expect("every tile holds the poster");
            windows.push(Rect::new(clip.x - x, clip.y - y, clip.w, clip.h));
        }
        let o = mm(overlap);
        for r in 0..plan.rows {
            for c in 0..plan.cols {
                let w = windows[r * plan.cols + c];
                if c + 1 < plan.cols {
                    let n = windows[r * plan.cols + c + 1];
                    assert!((w.right() - n.x - o).abs() < 0.01, "overlap {w:?} {n:?}");
                }
                if r + 1 < plan.rows {
                    let n = windows[(r + 1) * plan.cols + c];
                    assert!((w.bottom() - n.y - o).abs() < 0.01, "overlap {w:?} {n:?}");
                }
            }
        }
        assert_eq!((windows[0].x, windows[0].y), (0.0, 0.0));
        let steps = 120;
        for i in 0..=steps {
            for j in 0..=steps {
                let (x, y) = (pw * i as f32 / steps as f32, ph * j as f32 / steps as f32);
                assert!(
                    windows.iter().any(|w| x >= w.x - 0.01
                        && x <= w.right() + 0.01
                        && y >= w.y - 0.01
                        && y <= w.bottom() + 0.01),
                    "({x}, {y}) is on no tile"
                );
            }
        }
    }
}

#[test]
fn a2_on_a4_uses_the_fewest_sheets() {
    let dir = temp_dir("poster-tiled");
    let r = run_in(&dir, &["poster", "--tile", "a4"]);
    ok(&r);
    assert_eq!(
        r.stderr,
        "wrote poster-a2-tiled-a4.pdf: 9 pages, the assembly key and 8 A4 sheets, landscape (4 rows x 2 columns, 10 mm overlap), for an A2 portrait poster\n\
         print at 100% / actual size, not \"fit to page\"; the bar on the first page must measure 100 mm\n"
    );
    let pages = read_pdf_file(&dir.join("poster-a2-tiled-a4.pdf"));
    assert_eq!(pages.len(), 9);
    for p in &pages {
        assert_size(p, (A4.1, A4.0), 0.01);
    }
    assert!(pages[0].text().contains("Assembly key"));
    assert!(pages[3].text().contains("3 · row 2, column 1 of 4 x 2"));
    // One sheet fewer cannot cover the poster, whatever the grid or the sheet's orientation.
    let poster = (mm(420.0), mm(594.0));
    let p = plan(poster, Paper::A4, 10.0).unwrap();
    assert_eq!(p.count(), 8);
    let (sw, sh) = Paper::A4.size_pt();
    for (ww, wh) in [
        (sw - 2.0 * p.margin, sh - 2.0 * p.margin),
        (sh - 2.0 * p.margin, sw - 2.0 * p.margin),
    ] {
        for cols in 1..8 {
            for rows in 1..8 {
                if cols * rows < 8 {
                    assert!(
                        covered(cols, ww, p.overlap) < poster.0
                            || covered(rows, wh, p.overlap) < poster.1,
                        "{cols} x {rows} sheets would cover it"
                    );
                }
            }
        }
    }
}

#[test]
fn logo_problems_have_clear_messages() {
    let dir = temp_dir("poster-logo");
    std::fs::write(dir.join("broken.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").unwrap();
    std::fs::write(dir.join("notes.txt"), "not a picture\n").unwrap();
    for (file, stderr) in [
        (
            "missing.png",
            "error: cannot read the logo `missing.png`: no such file or folder\nhelp: check the file name given to --logo\n",
        ),
        (
            "broken.png",
            "error: the logo `broken.png` is a damaged PNG file and cannot be decoded\nhelp: export the logo again as PNG or JPEG, or leave out --logo\n",
        ),
        (
            "notes.txt",
            "error: the logo `notes.txt` is not a PNG or JPEG image\nhelp: give --logo a PNG or JPEG file (export a vector logo as PNG)\n",
        ),
    ] {
        let r = run_in(&dir, &["poster", "--logo", file]);
        assert_eq!(r.code, 1, "{file}");
        assert_eq!(r.stderr, stderr);
        assert!(
            !dir.join("poster-a2.pdf").exists(),
            "{file}: a file was written"
        );
    }
    ::image::RgbaImage::from_pixel(8, 8, ::image::Rgba([200, 30, 30, 255]))
        .save(dir.join("tiny.png"))
        .unwrap();
    let r = run_in(&dir, &["poster", "--logo", "tiny.png"]);
    ok(&r);
    assert_eq!(
        r.stderr,
        "warning: the logo `tiny.png` would print at 5 dpi at its size on the poster (36 x 36 mm); for 150 dpi it needs at least 211 x 211 pixels\n\
         help: use a larger image of the logo; it is printed anyway\n\
         wrote poster-a2.pdf: 1 page, A2 portrait (420 x 594 mm)\n\
         print at 100% / actual size on A2 paper\n"
    );
    // A logo large enough prints without a warning, and is embedded at its own pixel size.
    ::image::RgbImage::from_pixel(600, 200, ::image::Rgb([0, 114, 178]))
        .save(dir.join("wide.jpg"))
        .unwrap();
    let r = run_in(&dir, &["poster", "--logo", "wide.jpg", "-o", "wide.pdf"]);
    ok(&r);
    assert!(!r.stderr.contains("warning"), "{}", r.stderr);
    let bytes = std::fs::read(dir.join("wide.pdf")).unwrap();
    let s = String::from_utf8_lossy(&bytes);
    assert!(s.contains("/Subtype /Image") || s.contains("/Subtype/Image"));
}

#[test]
fn overlap_must_fit_the_sheet() {
    let dir = temp_dir("poster-overlap");
    let r = run_in(&dir, &["poster", "--tile", "a4", "--overlap", "120"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: --overlap 120 mm is too large for A4 sheets: it must be less than half the printable width (95 mm)\nhelp: use an overlap from 0 to 94 mm; 10 mm is usual\n"
    );
    let r = run_in(&dir, &["poster", "--tile", "a4", "--overlap=-5"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: --overlap -5 is not a length of 0 mm or more\nhelp: use an overlap from 0 to 94 mm; 10 mm is usual\n"
    );
}

#[test]
fn output_is_reproducible() {
    let dir = temp_dir("poster-repro");
    for name in ["a.pdf", "b.pdf"] {
        ok(&run_in(&dir, &["poster", "--tile", "letter", "-o", name]));
    }
    assert_eq!(
        std::fs::read(dir.join("a.pdf")).unwrap(),
        std::fs::read(dir.join("b.pdf")).unwrap()
    );
}

#[test]
fn large_print_assembly_key_is_in_large_print_on_both_layouts() {
    // A0 tiles on portrait A4 (instructions above the miniature), A1 on landscape A4 (in a
    // column beside it): the key's own words at the large-print sizes, inside the sheet.
    let labels = pack().labels;
    let step_words: Vec<String> = ["tiles.step1", "tiles.step2", "tiles.step3", "tiles.step4"]
        .iter()
        .flat_map(|k| {
            normalise(&labels.get(k).replace('*', ""))
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let d = temp_dir("poster_large_key");
    for size in ["a0", "a1"] {
        let file = format!("{size}.pdf");
        let r = run_in(
            &d,
            &[
                "--template",
                "large-print",
                "poster",
                "--size",
                size,
                "--tile",
                "a4",
                "-o",
                &file,
            ],
        );
        ok(&r);
        let pages = read_pdf_file(&d.join(&file));
        let key = &pages[0];
        let title = key
            .words()
            .find(|w| w.text == "Assembly")
            .expect("the key's title");
        assert!(
            title.size >= 22.0 - 0.01,
            "{size}: title at {} pt",
            title.size
        );
        // Every word of the four steps, found at 18 pt (the miniature's words are far smaller).
        let big: Vec<&str> = key
            .words()
            .filter(|w| (w.size - 18.0).abs() < 0.01)
            .map(|w| w.text.as_str())
            .collect();
        for w in &step_words {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            assert!(
                big.iter().any(|b| b.contains(w)),
                "{size}: step word `{w}` is not at 18 pt"
            );
        }
        for w in key.words().filter(|w| w.size >= 18.0 - 0.01) {
            assert!(
                w.x0 >= 0.0 && w.x1 <= key.width && w.y0 >= 0.0 && w.y1 <= key.height,
                "{size}: `{}` leaves the sheet",
                w.text
            );
        }
    }
}
