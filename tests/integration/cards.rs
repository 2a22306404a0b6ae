//! `securebase cards`: read the PDF back and check what a trainer cutting the cards would see.

use crate::common::*;
use securebase::layout::Rect;
use securebase::layout::cards::{DeckOptions, Duplex, Geometry, calibration, deck, stage_label};
use securebase::layout::frame::mm;
use securebase::pack::{Domain, Pack, Question, Setting, builtin, select};
use securebase::template::Template;

/// The card rectangles of a sheet, worked out here from the template's numbers (not from the
/// layout): `cols` x `rows` cards filling the sheet inside the sheet margin, with the gutter
/// between them, the whole grid centred.
pub(crate) fn expected_cells(t: &Template, per_page: u8) -> Vec<Rect> {
    let g = t.grid(per_page).expect("grid");
    let (w, h) = t.page_size();
    let (cols, rows) = (f32::from(g.cols), f32::from(g.rows));
    let (m, gut) = (mm(t.cards.sheet_margin_mm), mm(t.cards.gutter_mm));
    let cw = (w - 2.0 * m - (cols - 1.0) * gut) / cols;
    let ch = (h - 2.0 * m - (rows - 1.0) * gut) / rows;
    let mut v = Vec::new();
    for r in 0..g.rows {
        for c in 0..g.cols {
            v.push(Rect::new(
                m + f32::from(c) * (cw + gut),
                m + f32::from(r) * (ch + gut),
                cw,
                ch,
            ));
        }
    }
    v
}

pub(crate) fn close(a: &Rect, b: &Rect, tol: f32) -> bool {
    (a.x - b.x).abs() <= tol
        && (a.y - b.y).abs() <= tol
        && (a.w - b.w).abs() <= tol
        && (a.h - b.h).abs() <= tol
}

/// The words of a page whose centre lies in `r`, joined in content order.
fn words_in(p: &PageText, r: &Rect) -> Vec<Word> {
    p.words()
        .filter(|w| {
            let (cx, cy) = ((w.x0 + w.x1) / 2.0, (w.y0 + w.y1) / 2.0);
            cx >= r.x && cx <= r.right() && cy >= r.y && cy <= r.bottom()
        })
        .cloned()
        .collect()
}

fn joined(words: &[Word]) -> String {
    words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every word of the page lies in one of `cells` shrunk by the card margin.
/// The only text allowed outside the cards is the edition stamp, below the grid.
fn assert_words_inside(p: &PageText, cells: &[Rect], margin: f32, what: &str) {
    let grid_bottom = cells.iter().map(|c| c.bottom()).fold(0.0, f32::max);
    let (stamp, words): (Vec<&Word>, Vec<&Word>) = p.words().partition(|w| w.y0 > grid_bottom);
    let stamp = stamp
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        stamp.is_empty() || stamp == "The Team as a Secure Base · team-secure-base 1.1",
        "{what}: unexpected text below the cards: {stamp:?}"
    );
    for w in words {
        let inside = cells.iter().any(|c| {
            let i = c.inset(margin);
            w.x0 >= i.x - 0.05
                && w.x1 <= i.right() + 0.05
                && w.y0 >= i.y - 0.5
                && w.y1 <= i.bottom() + 0.5
        });
        assert!(
            inside,
            "{what}: {w:?} is not inside any card minus its margin"
        );
    }
}

#[test]
fn hybrid_default_every_question_once_on_its_own_card() {
    let (_, bytes, r) = make_pdf("c_hybrid", &["cards", "-o", "cards.pdf"]);
    let pack = builtin().expect("pack");
    let t = Template::builtin("a4").expect("a4");
    let cards = selection(&pack, Setting::Hybrid);
    assert_eq!(cards.len(), 120);
    assert_eq!(
        r.stderr,
        "wrote cards.pdf: 120 cards on 15 sheets of A4, 8 per sheet, fronts and backs on 30 pages: print double-sided, flip on long edge, at 100% / actual size\n"
    );
    let pages = read_pdf(&bytes);
    assert_eq!(pages.len(), 30);
    for p in &pages {
        assert_size(p, A4, 0.01);
    }
    // The layout's rectangles are the ones worked out from the template.
    let cells = expected_cells(&t, 8);
    let g = Geometry::new(&t, 8, 0.0).expect("grid");
    for (a, b) in cells.iter().zip(g.cells()) {
        assert!(close(a, &b, 0.01), "{a:?} vs {b:?}");
    }
    let margin = mm(t.cards.card_margin_mm);
    let mut seen = vec![0usize; cards.len()];
    for (sheet, pair) in pages.chunks(2).enumerate() {
        let (front, back) = (&pair[0], &pair[1]);
        assert_words_inside(front, &cells, margin, &format!("front sheet {}", sheet + 1));
        assert_words_inside(back, &cells, margin, &format!("back sheet {}", sheet + 1));
        for (i, cell) in cells.iter().enumerate() {
            let n = sheet * 8 + i;
            let text = joined(&words_in(front, cell));
            // Which questions does this card show?
            for (k, (_, q)) in cards.iter().enumerate() {
                if text.contains(&normalise(&q.text)) {
                    seen[k] += 1;
                }
            }
            let Some((d, q)) = cards.get(n) else {
                assert!(
                    text.is_empty(),
                    "empty place {i} on sheet {sheet} has {text}"
                );
                continue;
            };
            assert!(text.contains(&normalise(&q.text)), "card {n}: {text}");
            assert!(text.starts_with(&d.name), "card {n}: {text}");
            assert!(text.contains(&q.code), "card {n}: {text}");
            assert!(text.ends_with(&stage_label(&pack, q)), "card {n}: {text}");
            // Its back sits in the mirrored place (long edge: columns swap).
            let m = Rect::new(A4.0 - cell.x - cell.w, cell.y, cell.w, cell.h);
            let back_text = joined(&words_in(back, &m));
            assert_eq!(
                back_text,
                format!("{} “{}” {}", d.name, d.belief, pack.title),
                "back of card {n}"
            );
        }
    }
    for (k, n) in seen.iter().enumerate() {
        assert_eq!(*n, 1, "question {} appears {n} times", cards[k].1.id);
    }
    assert_fonts_subset(&bytes);
}

/// On every sheet, each front shows its question and the back behind it (the place given by
/// `mirror`) shows its domain; places without a card are empty on both sides.
fn assert_backs_behind_fronts(
    pages: &[PageText],
    cells: &[Rect],
    cards: &[(&Domain, &Question)],
    pack: &Pack,
    mirror: impl Fn(&Rect) -> Rect,
) {
    let per = cells.len();
    assert_eq!(pages.len(), 2 * cards.len().div_ceil(per));
    for (sheet, pair) in pages.chunks(2).enumerate() {
        for (i, cell) in cells.iter().enumerate() {
            let front = joined(&words_in(&pair[0], cell));
            let back = joined(&words_in(&pair[1], &mirror(cell)));
            match cards.get(sheet * per + i) {
                Some((d, q)) => {
                    assert!(
                        front.contains(&normalise(&q.text)),
                        "sheet {sheet} place {i}: {front}"
                    );
                    assert_eq!(
                        back,
                        format!("{} “{}” {}", d.name, d.belief, pack.title),
                        "sheet {sheet} place {i}"
                    );
                }
                None => assert!(
                    front.is_empty() && back.is_empty(),
                    "sheet {sheet} place {i}"
                ),
            }
        }
    }
}

#[test]
fn letter_short_edge_backs_mirror_the_rows() {
    // Office: 9 questions a domain, so sheets mix two domains and the last one is part-filled.
    let (_, bytes, r) = make_pdf(
        "c_letter",
        &[
            "cards",
            "--paper",
            "letter",
            "--duplex",
            "short-edge",
            "--per-page",
            "6",
            "--setting",
            "office",
            "--domain",
            "availability",
            "--domain",
            "sensitivity",
            "--domain",
            "acceptance",
            "-o",
            "c.pdf",
        ],
    );
    let pack = builtin().expect("pack");
    let t = Template::builtin("letter").expect("letter");
    let cards: Vec<(&Domain, &Question)> = selection(&pack, Setting::Office)
        .into_iter()
        .filter(|(d, _)| ["availability", "sensitivity", "acceptance"].contains(&d.id.as_str()))
        .collect();
    assert_eq!(cards.len(), 27);
    assert_eq!(
        r.stderr,
        "wrote c.pdf: 27 cards on 5 sheets of Letter, 6 per sheet, fronts and backs on 10 pages: print double-sided, flip on short edge, at 100% / actual size\n"
    );
    let pages = read_pdf(&bytes);
    for p in &pages {
        assert_size(p, LETTER, 0.01);
    }
    let cells = expected_cells(&t, 6);
    assert_backs_behind_fronts(&pages, &cells, &cards, &pack, |c| {
        Rect::new(c.x, LETTER.1 - c.y - c.h, c.w, c.h)
    });
}

#[test]
fn a4_long_edge_backs_mirror_the_columns_on_mixed_sheets() {
    let (_, bytes, _) = make_pdf(
        "c_a4_office",
        &["cards", "--setting", "office", "-o", "c.pdf"],
    );
    let pack = builtin().expect("pack");
    let t = Template::builtin("a4").expect("a4");
    let cards = selection(&pack, Setting::Office);
    let pages = read_pdf(&bytes);
    assert_backs_behind_fronts(&pages, &expected_cells(&t, 8), &cards, &pack, |c| {
        Rect::new(A4.0 - c.x - c.w, c.y, c.w, c.h)
    });
}

#[test]
fn layout_backs_mirror_fronts_within_a_tenth_of_a_millimetre() {
    let pack = builtin().expect("pack");
    for tname in ["a4", "letter", "large-print"] {
        let t = Template::builtin(tname).expect("template");
        let (w, h) = t.page_size();
        // 21 online cards leave a part-filled last sheet for every grid.
        let cards: Vec<(&Domain, &Question)> = selection(&pack, Setting::Online)
            .into_iter()
            .take(21)
            .collect();
        // Every grid the template has (large print has only 4-up).
        for per_page in t.cards.grids.iter().map(|g| g.per_page) {
            for duplex in [Duplex::LongEdge, Duplex::ShortEdge] {
                let opts = DeckOptions {
                    per_page,
                    duplex,
                    ..DeckOptions::default()
                };
                let dk = deck(&pack, &t, &cards, &opts).expect("deck");
                assert_eq!(dk.pages.len(), 2 * dk.front_sheets);
                assert_eq!(dk.cards.len(), 21);
                for c in &dk.cards {
                    let (bp, b) = c.back.expect("a back");
                    assert_eq!(bp, c.front_page + 1);
                    let f = c.front;
                    let want = match duplex {
                        Duplex::LongEdge => Rect::new(w - f.x - f.w, f.y, f.w, f.h),
                        _ => Rect::new(f.x, h - f.y - f.h, f.w, f.h),
                    };
                    assert!(
                        close(&b, &want, mm(0.1)),
                        "{tname} {per_page}-up {duplex:?}: back {b:?}, want {want:?}"
                    );
                }
            }
            // Fronts only.
            let opts = DeckOptions {
                per_page,
                duplex: Duplex::None,
                ..DeckOptions::default()
            };
            let dk = deck(&pack, &t, &cards, &opts).expect("deck");
            assert_eq!(dk.pages.len(), dk.front_sheets);
            assert!(dk.cards.iter().all(|c| c.back.is_none()));
        }
    }
}

#[test]
fn back_offset_moves_every_back_and_nothing_else() {
    let d = temp_dir("c_offset");
    let r0 = run_in(&d, &["cards", "--domain", "acceptance", "-o", "a.pdf"]);
    let r1 = run_in(
        &d,
        &[
            "cards",
            "--domain",
            "acceptance",
            "--back-offset",
            "-1.5,2",
            "-o",
            "b.pdf",
        ],
    );
    assert_eq!((r0.code, r1.code), (0, 0), "{}{}", r0.stderr, r1.stderr);
    let a = read_pdf_file(&d.join("a.pdf"));
    let b = read_pdf_file(&d.join("b.pdf"));
    assert_eq!(a.len(), b.len());
    for (i, (pa, pb)) in a.iter().zip(&b).enumerate() {
        let wa: Vec<&Word> = pa.words().collect();
        let wb: Vec<&Word> = pb.words().collect();
        assert_eq!(wa.len(), wb.len());
        let (dx, dy) = if i % 2 == 1 {
            (mm(-1.5), mm(2.0))
        } else {
            (0.0, 0.0)
        };
        for (x, y) in wa.iter().zip(&wb) {
            assert_eq!(x.text, y.text);
            assert!(
                (y.x0 - x.x0 - dx).abs() < 0.01 && (y.y0 - x.y0 - dy).abs() < 0.01,
                "page {}: {x:?} -> {y:?}",
                i + 1
            );
        }
    }
}

#[test]
fn fronts_only_without_duplex() {
    let (_, bytes, r) = make_pdf(
        "c_none",
        &[
            "cards",
            "--duplex",
            "none",
            "--setting",
            "office",
            "-o",
            "c.pdf",
        ],
    );
    let pack = builtin().expect("pack");
    let n = selection(&pack, Setting::Office).len();
    let sheets = n.div_ceil(8);
    assert_eq!(
        r.stderr,
        format!(
            "wrote c.pdf: {n} cards on {sheets} sheets of A4, 8 per sheet, fronts only on {sheets} pages: print single-sided at 100% / actual size\n"
        )
    );
    let pages = read_pdf(&bytes);
    assert_eq!(pages.len(), sheets);
    // Office questions have no stage: the foot of the card names the setting.
    assert!(pages[0].text().contains("In the office"));
}

#[test]
fn domains_and_stage_narrow_the_deck() {
    let (_, bytes, r) = make_pdf(
        "c_narrow",
        &[
            "cards",
            "--domain",
            "belonging",
            "--domain",
            "acceptance",
            "--stage",
            "practical",
            "--per-page",
            "4",
            "-o",
            "c.pdf",
        ],
    );
    let pack = builtin().expect("pack");
    let stage = pack.stage_index("practical");
    let mut want = Vec::new();
    for id in ["belonging", "acceptance"] {
        let d = pack.domain(id).expect("domain");
        want.extend(select::questions(&pack, d, Setting::Hybrid, stage));
    }
    assert!(
        r.stderr
            .contains(&format!("wrote c.pdf: {} cards on", want.len()))
    );
    let pages = read_pdf(&bytes);
    let fronts: Vec<String> = pages.iter().step_by(2).map(PageText::text).collect();
    let all = fronts.join(" ");
    let mut from = 0;
    for q in &want {
        let n = normalise(&q.text);
        let i = all[from..]
            .find(&n)
            .unwrap_or_else(|| panic!("{} missing or out of order", q.id));
        from += i + n.len();
        assert!(all.contains("Practical considerations"));
    }
}

#[test]
fn two_runs_are_byte_identical() {
    let (_, a, _) = make_pdf("c_det1", &["cards", "-o", "c.pdf"]);
    let (_, b, _) = make_pdf("c_det2", &["cards", "-o", "c.pdf"]);
    assert!(a == b, "two runs differ");
}

#[test]
fn calibration_sheet_explains_itself_and_mirrors_its_crosses() {
    let (_, bytes, r) = make_pdf("c_cal", &["cards", "--calibration", "-o", "cal.pdf"]);
    assert_eq!(
        r.stderr,
        "wrote cal.pdf: calibration sheet on 1 sheet of A4, front and back on 2 pages: print double-sided, flip on long edge, at 100% / actual size\n"
    );
    let pages = read_pdf(&bytes);
    assert_eq!(pages.len(), 2);
    let front = pages[0].text();
    for needle in [
        "Hold it up to a window or a lamp",
        "that is X.",
        "that is Y.",
        "securebase cards --back-offset 1.5,-0.5",
        "This line is 100 mm long.",
    ] {
        assert!(front.contains(needle), "front lacks {needle:?}: {front}");
    }
    assert!(pages[1].text().contains("--duplex short-edge"));
    // The back's crosses sit behind the front's targets, for both modes, offset included.
    let t = Template::builtin("a4").expect("a4");
    let labels = securebase::pack::builtin().expect("default pack").labels;
    let (w, h) = t.page_size();
    for (duplex, off) in [
        (Duplex::LongEdge, (0.0, 0.0)),
        (Duplex::ShortEdge, (0.0, 0.0)),
        (Duplex::LongEdge, (1.5, -0.5)),
    ] {
        let cal = calibration(&t, &labels, duplex, off);
        assert_eq!(cal.targets.len(), cal.crosses.len());
        for (p, c) in cal.targets.iter().zip(&cal.crosses) {
            let m = match duplex {
                Duplex::LongEdge => (w - p.0, p.1),
                _ => (p.0, h - p.1),
            };
            assert!(
                (c.0 - m.0 - mm(off.0)).abs() < mm(0.1) && (c.1 - m.1 - mm(off.1)).abs() < mm(0.1)
            );
        }
    }
}

#[test]
fn domain_all_means_every_domain_as_for_slides_and_handouts() {
    // `--domain all` is the same deck as no --domain at all, as it is for the slides.
    let (_, all, r) = make_pdf("cards_all", &["cards", "--domain", "all", "-o", "c.pdf"]);
    let (_, default, _) = make_pdf("cards_default", &["cards", "-o", "c.pdf"]);
    assert_eq!(all, default, "{}", r.stderr);
    let (_, all, _) = make_pdf("slides_all", &["slides", "--domain", "all", "-o", "s.pdf"]);
    let (_, default, _) = make_pdf("slides_default", &["slides", "-o", "s.pdf"]);
    assert_eq!(all, default);
}
