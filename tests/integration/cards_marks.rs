//! Cue cards read at the level of drawing: cut marks and bleed from the content stream, and a
//! property test that no question is drawn outside its card at any fitted size.

use crate::cards::{close, expected_cells};
use crate::common::*;
use proptest::prelude::*;
use securebase::layout::Rect;
use securebase::layout::cards::{Geometry, PER_PAGE, draw_front, stage_label};
use securebase::layout::frame::{self, Frame, Item, mm};
use securebase::pack::builtin;
use securebase::template::Template;

/// Stroked two-point lines and filled shapes of each page, read from the content streams, in
/// top-left coordinates: (lines, filled boxes).
type Segment = ((f32, f32), (f32, f32));
fn page_paths(bytes: &[u8]) -> Vec<(Vec<Segment>, Vec<Rect>)> {
    let doc = lopdf::Document::load_mem(bytes).expect("lopdf reads it");
    let mut out = Vec::new();
    for (_, id) in doc.get_pages() {
        let h = A4.1;
        let content = lopdf::content::Content::decode(&doc.get_page_content(id)).expect("content");
        let mut path: Vec<(f32, f32)> = Vec::new();
        let (mut lines, mut fills) = (Vec::new(), Vec::new());
        for op in content.operations {
            let num = |i: usize| {
                op.operands
                    .get(i)
                    .and_then(|o| o.as_float().ok())
                    .unwrap_or(0.0)
            };
            match op.operator.as_str() {
                "m" => path = vec![(num(0), h - num(1))],
                "l" => path.push((num(0), h - num(1))),
                "S" if path.len() == 2 => {
                    lines.push((path[0], path[1]));
                    path.clear();
                }
                "f" | "B" => {
                    let x0 = path.iter().map(|p| p.0).fold(f32::MAX, f32::min);
                    let x1 = path.iter().map(|p| p.0).fold(f32::MIN, f32::max);
                    let y0 = path.iter().map(|p| p.1).fold(f32::MAX, f32::min);
                    let y1 = path.iter().map(|p| p.1).fold(f32::MIN, f32::max);
                    fills.push(Rect::new(x0, y0, x1 - x0, y1 - y0));
                    path.clear();
                }
                _ => {}
            }
        }
        out.push((lines, fills));
    }
    out
}

#[test]
fn cut_marks_lie_outside_every_card_and_the_colour_bleeds() {
    let (_, bytes, _) = make_pdf(
        "c_marks",
        &["cards", "--bleed", "3", "--per-page", "9", "-o", "c.pdf"],
    );
    let t = Template::builtin("a4").expect("a4");
    let cells = expected_cells(&t, 9);
    let bleed = mm(3.0);
    let grown: Vec<Rect> = cells
        .iter()
        .map(|c| {
            Rect::new(
                c.x - bleed,
                c.y - bleed,
                c.w + 2.0 * bleed,
                c.h + 2.0 * bleed,
            )
        })
        .collect();
    let pages = page_paths(&bytes);
    for (i, (lines, fills)) in pages.iter().enumerate() {
        if i % 2 == 1 {
            // Backs: no marks; each back is the domain colour over the card and its bleed.
            assert!(lines.is_empty(), "page {}: {lines:?}", i + 1);
            for f in fills {
                assert!(
                    grown.iter().any(|g| close(g, f, 0.05)),
                    "page {}: {f:?}",
                    i + 1
                );
            }
            continue;
        }
        // A mark on both ends of every cut line: 6 x-edges and 6 y-edges for 3 x 3 cards.
        assert_eq!(lines.len(), 2 * 6 + 2 * 6, "page {}", i + 1);
        let mut xs: Vec<f32> = cells.iter().flat_map(|c| [c.x, c.right()]).collect();
        let mut ys: Vec<f32> = cells.iter().flat_map(|c| [c.y, c.bottom()]).collect();
        for (a, b) in lines {
            let bbox = Rect::new(
                a.0.min(b.0) - 0.2,
                a.1.min(b.1) - 0.2,
                (a.0 - b.0).abs() + 0.4,
                (a.1 - b.1).abs() + 0.4,
            );
            for g in &grown {
                assert!(
                    !g.intersects(&bbox),
                    "page {}: mark {a:?}-{b:?} enters {g:?}",
                    i + 1
                );
            }
            assert!(Rect::new(0.0, 0.0, A4.0, A4.1).contains(&bbox, 0.0));
            // In line with a cut line.
            let on_cut = if (a.0 - b.0).abs() < 0.01 {
                xs.iter().any(|x| (x - a.0).abs() < 0.01)
            } else {
                ys.iter().any(|y| (y - a.1).abs() < 0.01)
            };
            assert!(on_cut, "page {}: mark {a:?}-{b:?} is on no cut line", i + 1);
        }
        xs.dedup_by(|a, b| (*a - *b).abs() < 0.01);
        ys.dedup_by(|a, b| (*a - *b).abs() < 0.01);
        // The colour band of each card runs past its top, left and right cut lines by the bleed.
        for f in fills {
            let c = cells
                .iter()
                .find(|c| (f.x - (c.x - bleed)).abs() < 0.05 && (f.y - (c.y - bleed)).abs() < 0.05)
                .unwrap_or_else(|| panic!("page {}: band {f:?} does not bleed", i + 1));
            assert!((f.w - (c.w + 2.0 * bleed)).abs() < 0.05);
            assert!(f.bottom() < c.y + mm(t.cards.card_margin_mm));
        }
    }
}

fn question_text() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        "[a-zA-Z]{1,12}",
        "[a-zéèàçöüß]{1,8}",
        "[A-Za-z]{20,40}",
        Just("—".to_string()),
        Just("co-operation".to_string()),
    ];
    // Up to about 600 characters: far past what an 8-up card holds at 10 pt.
    prop::collection::vec(word, 1..70).prop_map(|w| format!("{}?", w.join(" ")))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, .. ProptestConfig::default() })]
    #[test]
    fn random_questions_fit_inside_the_card_or_are_refused(
        text in question_text(),
        per_page in prop::sample::select(PER_PAGE.to_vec()),
        tmpl in prop_oneof![Just("a4"), Just("letter"), Just("large-print")],
        bleed in 0.0f32..3.0,
    ) {
        let mut pack = builtin().expect("pack");
        pack.domains[3].questions[10].text = text;
        let t = Template::builtin(tmpl).expect("template");
        // Large print has only its 4-up grid.
        prop_assume!(t.grid(per_page).is_some());
        let g = Geometry::new(&t, per_page, bleed).expect("grid");
        let d = &pack.domains[3];
        let q = &d.questions[10];
        for cell in g.cells() {
            let mut f = Frame::new(g.page_w, g.page_h);
            match draw_front(&mut f, &g, &t, cell, d, q, &stage_label(&pack, q)) {
                Ok(size) => {
                    prop_assert!(size >= g.text_min_pt && size <= g.text_max_pt);
                    let inner = cell.inset(g.card_margin);
                    for tx in f.texts() {
                        prop_assert!(inner.contains(&tx.bbox(), 0.01), "{:?} outside {:?}", tx, inner);
                    }
                    for (at, item) in &f.items {
                        if let Item::Shape(s) = item
                            && let frame::Geometry::Rect { w, h, .. } = s.geometry
                        {
                            let rect = Rect::new(at.x, at.y, w, h);
                            prop_assert!(g.with_bleed(cell).contains(&rect, 0.01));
                        }
                    }
                }
                Err(o) => {
                    prop_assert!(f.items.is_empty(), "drew something for a card that does not fit");
                    prop_assert_eq!(&o.question_id, &q.id);
                    prop_assert!(o.needed_mm > o.available_mm, "{:?}", o);
                    let prefix = format!("question `{}` does not fit on", q.id);
                    prop_assert!(o.message().starts_with(&prefix), "{}", o.message());
                }
            }
        }
    }
}
