//! Unit tests of the card grid, the calibration rulers and the default pack's fit.

use super::*;
use crate::layout::frame::{mm, to_mm};
use crate::pack::builtin;
use crate::template::Template;

fn a4() -> Template {
    Template::builtin("a4").expect("a4")
}

#[test]
fn grid_is_centred_and_mirrors_onto_itself() {
    let t = a4();
    for n in PER_PAGE {
        let g = Geometry::new(&t, n, 0.0).expect("grid");
        let cells = g.cells();
        assert_eq!(cells.len(), usize::from(n));
        for d in [Duplex::LongEdge, Duplex::ShortEdge] {
            for c in &cells {
                let m = d.mirror(*c, g.page_w, g.page_h);
                assert!(
                    cells
                        .iter()
                        .any(|o| (o.x - m.x).abs() < 0.01 && (o.y - m.y).abs() < 0.01),
                    "{n}-up {d:?}: {m:?} is not a cell"
                );
                // Mirroring twice gives the card back.
                let back = d.mirror(m, g.page_w, g.page_h);
                assert!((back.x - c.x).abs() < 0.01 && (back.y - c.y).abs() < 0.01);
            }
        }
    }
}

#[test]
fn marks_stay_outside_every_card_and_its_bleed() {
    let t = a4();
    for n in PER_PAGE {
        let g = Geometry::new(&t, n, 3.0).expect("grid");
        let marks = g.cut_marks();
        let (xs, ys) = g.cut_lines();
        assert_eq!(marks.len(), 2 * xs.len() + 2 * ys.len());
        for (a, b) in &marks {
            let bbox = Rect::new(
                a.0.min(b.0) - 0.2,
                a.1.min(b.1) - 0.2,
                (a.0 - b.0).abs() + 0.4,
                (a.1 - b.1).abs() + 0.4,
            );
            for c in g.cells() {
                assert!(!g.with_bleed(c).intersects(&bbox), "{a:?}-{b:?} in {c:?}");
            }
            assert!(Rect::new(0.0, 0.0, g.page_w, g.page_h).contains(&bbox, 0.0));
        }
    }
}

#[test]
fn bleed_wider_than_half_the_gutter_is_refused() {
    let t = a4();
    assert!(matches!(
        Geometry::new(&t, 8, 3.5),
        Err(CardError::Bleed { max_mm, .. }) if (max_mm - 3.0).abs() < 1e-3
    ));
    assert!(Geometry::new(&t, 8, -1.0).is_err());
    assert!(Geometry::new(&t, 8, f32::NAN).is_err());
}

#[test]
fn ruler_labels_give_the_offset_that_cancels_the_drift() {
    let t = a4();
    let (w, h) = t.page_size();
    for duplex in [Duplex::LongEdge, Duplex::ShortEdge] {
        for drift in [(1.5f32, -0.5f32), (-2.0, 1.0), (0.0, 2.5)] {
            let p = (w / 2.0, h / 2.0);
            // The printer puts the back cross `drift` mm off, as seen on the back.
            let b = duplex.mirror_point(p, w, h);
            let printed = (b.0 + mm(drift.0), b.1 + mm(drift.1));
            // Seen through the paper from the front.
            let seen = duplex.mirror_point(printed, w, h);
            let (rx, ry) = (to_mm(seen.0 - p.0), to_mm(seen.1 - p.1));
            let x = ruler_value(duplex, true, rx);
            let y = ruler_value(duplex, false, ry);
            assert!((x + drift.0).abs() < 1e-3 && (y + drift.1).abs() < 1e-3);
            // Shifting the back by (x, y) puts the cross right behind the target.
            let fixed = (printed.0 + mm(x), printed.1 + mm(y));
            let seen = duplex.mirror_point(fixed, w, h);
            assert!((seen.0 - p.0).abs() < 1e-3 && (seen.1 - p.1).abs() < 1e-3);
        }
    }
}

#[test]
fn every_default_question_fits_on_every_grid() {
    let pack = builtin().expect("pack");
    for name in ["a4", "letter", "large-print"] {
        let t = Template::builtin(name).expect("template");
        // Large print has only the grid whose cards hold every question at 18 pt.
        for n in t.cards.grids.iter().map(|g| g.per_page) {
            let o = overflows(&pack, &t, n).expect("grid");
            assert!(o.is_empty(), "{name} {n}-up: {o:?}");
        }
    }
}
