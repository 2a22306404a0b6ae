//! Accessibility beyond the tags: the logo's alternative text, large print to the UK clear and
//! large print guidance (18 pt and nothing smaller, no italics, no word split across lines), and
//! the messages these rules bring. The tags themselves are tested in `tags.rs`.

use crate::common::*;
use lopdf::{Document, Object};
use securebase::fonts::Face;
use securebase::layout::cards::{DeckOptions, deck};
use securebase::layout::frame::{Frame, Geometry, Item};
use securebase::layout::guide::{GuideOptions, action_plan, guide};
use securebase::layout::handout::{HandoutOptions, handout};
use securebase::layout::poster::{PosterOptions, PosterSize, poster};
use securebase::layout::supervision::supervision;
use securebase::pack::{Pack, Rgb, Setting, builtin, select};
use securebase::template::{Ink, Template};
use std::f32::consts::PI;
use std::path::Path;

fn logo(dir: &Path) {
    ::image::RgbImage::from_pixel(600, 200, ::image::Rgb([0, 114, 178]))
        .save(dir.join("logo.png"))
        .expect("png");
}

/// The `/Alt` of every `/Figure` in the structure tree, in reading order.
fn figure_alts(bytes: &[u8]) -> Vec<String> {
    fn walk(doc: &Document, o: &Object, out: &mut Vec<String>) {
        let o = doc.dereference(o).map_or(o, |(_, o)| o);
        match o {
            Object::Array(kids) => kids.iter().for_each(|k| walk(doc, k, out)),
            Object::Dictionary(d) => {
                let is_figure = d.get(b"S").and_then(Object::as_name).ok() == Some(b"Figure");
                if let (true, Ok(alt)) = (is_figure, d.get(b"Alt").and_then(Object::as_str)) {
                    out.push(match alt.strip_prefix(&[0xFE, 0xFF]) {
                        Some(utf16) => String::from_utf16_lossy(
                            &utf16
                                .chunks(2)
                                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                                .collect::<Vec<_>>(),
                        ),
                        None => String::from_utf8_lossy(alt).into_owned(),
                    });
                }
                if let Ok(k) = d.get(b"K") {
                    walk(doc, k, out);
                }
            }
            _ => {}
        }
    }
    let doc = Document::load_mem(bytes).expect("lopdf reads it");
    let root = doc
        .catalog()
        .and_then(|c| c.get(b"StructTreeRoot"))
        .expect("a structure tree");
    let mut out = Vec::new();
    walk(&doc, root, &mut out);
    out
}

#[test]
fn the_logo_reads_as_the_text_given_with_logo_alt() {
    let dir = temp_dir("access-logo-alt");
    logo(&dir);
    let r = run_in(
        &dir,
        &[
            "poster",
            "--size",
            "a3",
            "--team",
            "Northside",
            "--logo",
            "logo.png",
            "--logo-alt",
            "  Northside Family Support: a house inside a heart  ",
            "-o",
            "p.pdf",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let alts = figure_alts(&std::fs::read(dir.join("p.pdf")).expect("written"));
    assert_eq!(alts.len(), 2, "the logo and the diagram: {alts:?}");
    assert_eq!(alts[0], "Northside Family Support: a house inside a heart");
    assert!(
        alts[1].contains("5 domains around a secure base"),
        "{}",
        alts[1]
    );
}

#[test]
fn logo_alt_needs_a_logo_and_some_words() {
    let dir = temp_dir("access-logo-alt-errors");
    logo(&dir);
    for (args, expected) in [
        (
            &["poster", "--logo-alt", "Our logo"][..],
            "error: --logo-alt describes the logo, so it needs --logo\nhelp: add --logo FILE, or leave out --logo-alt\n",
        ),
        (
            &["poster", "--logo", "logo.png", "--logo-alt", "  "][..],
            "error: --logo-alt is empty\nhelp: say in a few words what the logo shows, e.g. --logo-alt \"Northside Family Support logo\", or leave out --logo-alt for \"Logo of TEAM\"\n",
        ),
        (
            &["poster", "--logo", "logo.png", "--logo-alt", "Our\nlogo"][..],
            "error: the logo's alternative text contains a control character (U+000A), such as a line break\nhelp: write --logo-alt on one line\n",
        ),
    ] {
        let r = run_in(&dir, args);
        assert_eq!(r.code, 2, "{args:?}");
        assert_eq!(r.stderr, expected, "{args:?}");
    }
    assert!(!dir.join("poster-a2.pdf").exists());
}

/// Every page of the office-paper outputs laid out with `t` from the default pack: the handouts
/// and supervision sheets of every domain in every setting, the guide and the action plan.
fn office_pages(pack: &Pack, t: &Template) -> Vec<(String, Frame)> {
    let mut pages = Vec::new();
    for setting in [Setting::Office, Setting::Online, Setting::Hybrid] {
        let opts = HandoutOptions {
            setting: Some(setting),
            lines: 2,
            max_pages: 2,
            team: Some("Northside".into()),
            ..HandoutOptions::default()
        };
        for d in &pack.domains {
            for (kind, h) in [
                ("handout", handout(pack, d, t, &opts)),
                ("supervision", supervision(pack, d, t, &opts)),
            ] {
                let what = format!("{kind} {} {setting:?}", d.id);
                let h = h.expect("the default questions fit a page");
                pages.extend(h.pages.into_iter().map(|p| (what.clone(), p)));
            }
        }
        let g = GuideOptions {
            setting,
            team: Some("Northside".into()),
            date: Some("2026-11-24".into()),
            items: vec![("02-handouts.pdf".into(), "One per person.".into())],
        };
        pages.extend(
            guide(pack, t, &g)
                .expect("the guide fits its pages")
                .into_iter()
                .map(|p| (format!("guide {setting:?}"), p)),
        );
    }
    pages.push((
        "action plan".into(),
        action_plan(pack, t, Some("Northside"), None, false),
    ));
    pages
}

#[test]
fn large_print_is_18pt_and_upright_everywhere() {
    let pack = builtin().expect("default pack");
    let t = Template::builtin("large-print").expect("large print");
    let mut pages = office_pages(&pack, &t);
    for setting in [Setting::Office, Setting::Online, Setting::Hybrid] {
        let opts = DeckOptions {
            per_page: t.cards.per_page(),
            ..DeckOptions::default()
        };
        let dk = deck(&pack, &t, &selection(&pack, setting), &opts).expect("every card fits");
        // The edition stamp in the sheet margin is cut off with the margin: it is not read.
        let fronts: Vec<usize> = dk.front_pages.clone();
        pages.extend(dk.pages.into_iter().enumerate().map(|(i, p)| {
            let what = if fronts.contains(&i) {
                "card fronts"
            } else {
                "card backs"
            };
            (format!("{what} {setting:?}"), p)
        }));
    }
    for (what, page) in &pages {
        for tx in page.texts() {
            let run = tx.text;
            assert_ne!(run.face, Face::Italic, "{what}: {:?} is italic", run.text);
            let stamp =
                what.starts_with("card fronts") && run.size < 9.0 && run.text.contains(&pack.id);
            assert!(
                run.size * tx.scale >= 18.0 - 1e-3 || stamp,
                "{what}: {:?} at {} pt",
                run.text,
                run.size * tx.scale
            );
        }
    }
}

/// The words of a page's text runs, in order, with the lines joined again.
fn page_words(pages: &[Frame]) -> String {
    let runs: String = pages
        .iter()
        .flat_map(|p| p.texts())
        .map(|t| t.text.text.clone())
        .collect::<Vec<_>>()
        .join("\n");
    normalise(&runs)
}

#[test]
fn large_print_never_splits_a_word() {
    let pack = builtin().expect("default pack");
    let t = Template::builtin("large-print").expect("large print");
    for d in &pack.domains {
        let opts = HandoutOptions {
            setting: Some(Setting::Hybrid),
            lines: 2,
            max_pages: 2,
            ..HandoutOptions::default()
        };
        let h = handout(&pack, d, &t, &opts).expect("large-print handouts fit their pages");
        let text = page_words(&h.pages);
        // Each question reads whole: a word broken over two lines would read "Co-operatio n".
        for q in select::questions(&pack, d, Setting::Hybrid, None) {
            assert!(text.contains(&normalise(&q.text)), "{}: {}", q.id, q.text);
        }
        assert!(text.contains(&normalise(&d.summary)), "{}", d.id);
    }
    // The action plan's narrow column holds each name whole, at the heading size or larger.
    let plan = action_plan(&pack, &t, None, None, false);
    for d in &pack.domains {
        let name: Vec<_> = plan
            .texts()
            .into_iter()
            .filter(|tx| d.name.split(' ').any(|w| tx.text.text.trim() == w))
            .collect();
        assert!(!name.is_empty(), "{}", d.name);
        assert!(name.iter().all(|tx| tx.text.size >= t.type_scale.heading));
    }
}

#[test]
fn large_print_cards_are_four_to_a_sheet() {
    let dir = temp_dir("access-lp-cards");
    let r = run_in(&dir, &["--template", "large-print", "cards", "-o", "c.pdf"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr,
        "wrote c.pdf: 120 cards on 30 sheets of A4, 4 per sheet, fronts and backs on 60 pages: print double-sided, flip on long edge, at 100% / actual size\n"
    );
    let r = run_in(
        &dir,
        &["--template", "large-print", "cards", "--per-page", "8"],
    );
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "error: the template `large-print` has no grid for 8 cards per sheet\nhelp: use --per-page 4, or add a grid to the template's `cards: (grids: [...])`\n"
    );
}

#[test]
fn a_default_per_page_without_its_grid_is_located() {
    let dir = temp_dir("access-default-per-page");
    let lp = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/templates/large-print.ron"),
    )
    .expect("large-print.ron");
    std::fs::write(
        dir.join("mine.ron"),
        lp.replace("default_per_page: 4", "default_per_page: 6"),
    )
    .expect("write");
    let r = run_in(&dir, &["check", "mine.ron"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "error: `default_per_page: 6` has no grid\n  --> mine.ron:23:27\n   |\n23 |         default_per_page: 6,\n   |                           ^\nhelp: write one of the grids' `per_page` (`4`), or add a grid for 6 cards per sheet\n\nerror: mine.ron has 1 error\n"
    );
}

#[test]
fn a_word_wider_than_a_card_is_named() {
    let pack = copy_default_pack("access-wide-word");
    let file = pack.join("domains/availability.ron");
    let src = std::fs::read_to_string(&file).expect("read");
    let start = src.find("text: \"").expect("a question") + 7;
    let end = start + src[start..].find('"').expect("closing quote");
    let old = src[start..end].to_string();
    edit(
        &file,
        &format!("\"{old}\""),
        "\"What does Pneumonoultramicroscopicsilicovolcanoconiosis mean?\"",
    );
    let r = run_in(
        pack.parent().expect("dir"),
        &[
            "--pack",
            "pack",
            "cards",
            "--setting",
            "office",
            "--per-page",
            "9",
        ],
    );
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "error: question `av-who-can-i-turn-to` does not fit on a 9-up card even at 10 pt: the word `Pneumonoultramicroscopicsilicovolcanoconiosis` is 75.4 mm wide and the card has 46.0 mm across\n  --> pack/domains/availability.ron:11:38\n   |\n11 |         (id: \"av-who-can-i-turn-to\", text: \"What does Pneumonoultramicroscopicsilicovolcanoconiosis mean?\", settings: [office], follow_up: \"What makes that easier?\", core: true),\n   |                                      ^^^^\nhelp: shorten the question, or use --per-page 4 or --per-page 6 or --per-page 8, where it fits\n"
    );
}

/// Whether a colour is a colour at all (not white, black or a grey).
fn coloured(c: Rgb) -> bool {
    c.0 != c.1 || c.1 != c.2
}

/// The ink a frame puts down in colour, in square points: the area of every shape filled with a
/// colour, and the length times the width of every coloured outline and line.
fn coloured_ink(f: &Frame) -> (f32, f32) {
    fn walk(f: &Frame, s: f32, acc: &mut (f32, f32)) {
        for (_, item) in &f.items {
            match item {
                Item::Group(g) => walk(&g.frame, s * g.scale, acc),
                Item::Shape(shape) => {
                    let (area, length) = match shape.geometry {
                        Geometry::Rect { w, h, .. } => (w * h, 2.0 * (w + h)),
                        Geometry::Circle { r } => (PI * r * r, 2.0 * PI * r),
                        Geometry::Line { dx, dy } => (0.0, dx.hypot(dy)),
                    };
                    if shape.paint.fill.is_some_and(coloured) {
                        acc.0 += area * s * s;
                    }
                    if let Some((c, w)) = shape.paint.stroke
                        && coloured(c)
                    {
                        acc.1 += length * w * s * s;
                    }
                }
                _ => {}
            }
        }
    }
    let mut acc = (0.0, 0.0);
    walk(f, 1.0, &mut acc);
    acc
}

/// The cards of the default pack and the A2 poster, laid out with `ink`.
fn cards_and_poster(ink: Ink) -> Vec<(String, Frame)> {
    let pack = builtin().expect("default pack");
    let mut t = Template::builtin("a4").expect("a4");
    t.ink = ink;
    let dk = deck(
        &pack,
        &t,
        &selection(&pack, Setting::Hybrid),
        &DeckOptions::default(),
    )
    .expect("cards");
    let mut out: Vec<(String, Frame)> = dk
        .pages
        .into_iter()
        .map(|p| ("cards".to_string(), p))
        .collect();
    let opts = PosterOptions {
        size: PosterSize::A2,
        landscape: false,
        setting: Setting::Hybrid,
        team: Some("Northside".into()),
        logo: None,
        date: None,
    };
    out.push((
        "poster".into(),
        poster(&pack, &t, &opts).expect("poster").frame,
    ));
    out
}

#[test]
fn low_ink_at_least_halves_the_colour_of_cards_and_poster() {
    let sum = |frames: &[(String, Frame)], what: &str| {
        frames
            .iter()
            .filter(|(w, _)| w == what)
            .map(|(_, f)| coloured_ink(f))
            .fold((0.0, 0.0), |a, b| (a.0 + b.0, a.1 + b.1))
    };
    let (full, low) = (cards_and_poster(Ink::Full), cards_and_poster(Ink::Low));
    for what in ["cards", "poster"] {
        let (full_fill, full_line) = sum(&full, what);
        let (low_fill, low_line) = sum(&low, what);
        assert!(full_fill > 0.0);
        assert!(
            low_fill <= 0.5 * full_fill,
            "{what}: filled colour {low_fill:.0} pt² with low ink, {full_fill:.0} pt² full"
        );
        // Outlines cost ink too: counted in, the saving still holds.
        assert!(
            low_fill + low_line <= 0.5 * (full_fill + full_line),
            "{what}: coloured ink {:.0} pt² with low ink, {:.0} pt² full",
            low_fill + low_line,
            full_fill + full_line
        );
    }
}

#[test]
fn with_low_ink_every_word_is_on_white_with_enough_contrast() {
    let pack = builtin().expect("default pack");
    let mut t = Template::builtin("a4").expect("a4");
    t.ink = Ink::Low;
    let mut pages = cards_and_poster(Ink::Low);
    pages.extend(office_pages(&pack, &t));
    for (what, page) in &pages {
        for tx in page.texts() {
            let c = tx.text.colour;
            assert!(
                c.contrast(Rgb::WHITE) >= 4.5,
                "{what}: {:?} in {c:?} has {:.2}:1 on white",
                tx.text.text,
                c.contrast(Rgb::WHITE)
            );
        }
    }
}

#[test]
fn the_pack_puts_the_logo_and_its_alternative_text_on_both_posters() {
    let dir = temp_dir("access-pack-logo");
    logo(&dir);
    let r = run_in(
        &dir,
        &[
            "pack",
            "--team",
            "Northside",
            "--logo",
            "logo.png",
            "--logo-alt",
            "A house inside a heart",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    for f in ["01-poster-a2.pdf", "01-poster-tiled-a4.pdf"] {
        let alts = figure_alts(&std::fs::read(dir.join("away-day-pack").join(f)).expect(f));
        assert_eq!(
            alts.first().map(String::as_str),
            Some("A house inside a heart"),
            "{f}"
        );
    }
    let r = run_in(
        &dir,
        &["pack", "--logo-alt", "A house inside a heart", "-o", "x"],
    );
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: --logo-alt describes the logo, so it needs --logo\nhelp: add --logo FILE, or leave out --logo-alt\n"
    );
}

#[test]
fn an_unknown_ink_is_located_with_the_choices() {
    let dir = temp_dir("access-bad-ink");
    let lp = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/templates/large-print.ron"),
    )
    .expect("large-print.ron");
    std::fs::write(dir.join("mine.ron"), lp.replace("ink: full", "ink: medium")).expect("write");
    let expected = "error: unknown ink `medium`\n  --> mine.ron:15:10\n   |\n15 |     ink: medium,\n   |          ^^^^^^\nhelp: expected one of: `full` or `low`\n";
    let r = run_in(&dir, &["check", "mine.ron"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        format!("{expected}\nerror: mine.ron has 1 error\n")
    );
    let r = run_in(&dir, &["--template", "mine.ron", "cards"]);
    assert_eq!((r.code, r.stderr.as_str()), (1, expected));
}
