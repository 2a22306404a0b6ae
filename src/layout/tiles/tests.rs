//! Unit tests of the tiling maths and the tile pages.

use super::*;
use crate::layout::frame::Frame;
use crate::layout::frame::to_mm;
use crate::template::Template;
use std::sync::Arc;

const A2: (f32, f32) = (1190.5512, 1683.7795); // 420 x 594 mm

fn a2() -> (f32, f32) {
    (mm(420.0), mm(594.0))
}

#[test]
fn the_a2_poster_the_tiles_cut_is_iso_a2() {
    // The poster layout's own A2 page (not this file's helper) is 420 x 594 mm.
    let (w, h) = crate::layout::poster::PosterSize::A2.size_mm();
    assert!((mm(w) - A2.0).abs() < 0.01 && (mm(h) - A2.1).abs() < 0.01);
    assert_eq!(a2(), (mm(w), mm(h)));
}

#[test]
fn count_along_one_side() {
    assert_eq!(tiles_along(100.0, 100.0, 10.0), 1);
    assert_eq!(tiles_along(50.0, 100.0, 10.0), 1);
    assert_eq!(tiles_along(190.0, 100.0, 10.0), 2); // exactly two windows
    assert_eq!(tiles_along(190.5, 100.0, 10.0), 3);
    assert_eq!(covered(2, 100.0, 10.0), 190.0);
    assert_eq!(covered(0, 100.0, 10.0), 0.0);
}

/// Every poster point is inside some window; neighbours overlap by exactly the overlap.
fn assert_covers(p: &TilePlan) {
    let (pw, ph) = p.poster;
    for r in 0..p.rows {
        for c in 0..p.cols {
            let w = p.window(r, c);
            if c + 1 < p.cols {
                let n = p.window(r, c + 1);
                assert!((w.right() - n.x - p.overlap).abs() < 1e-3, "{w:?} {n:?}");
                assert_eq!(n.y, w.y);
            }
            if r + 1 < p.rows {
                let n = p.window(r + 1, c);
                assert!((w.bottom() - n.y - p.overlap).abs() < 1e-3);
                assert_eq!(n.x, w.x);
            }
        }
    }
    assert_eq!(p.window(0, 0).x, 0.0);
    assert_eq!(p.window(0, 0).y, 0.0);
    let last = p.window(p.rows - 1, p.cols - 1);
    assert!(last.right() >= pw - 1e-3 && last.bottom() >= ph - 1e-3);
    // Sample the poster densely, edges included: no point is left uncovered.
    let steps = 200;
    for i in 0..=steps {
        for j in 0..=steps {
            let x = pw * i as f32 / steps as f32;
            let y = ph * j as f32 / steps as f32;
            assert!(
                p.tiles().iter().any(|t| {
                    let w = t.window;
                    x >= w.x - 1e-3
                        && x <= w.right() + 1e-3
                        && y >= w.y - 1e-3
                        && y <= w.bottom() + 1e-3
                }),
                "({x}, {y}) is not on any tile"
            );
        }
    }
}

#[test]
fn a2_on_a4_with_10_mm_overlap_is_minimal() {
    let p = plan(a2(), Paper::A4, 10.0).unwrap();
    // Window 190 x 277 mm portrait: 3 x 3 = 9; landscape 277 x 190: 2 columns x 4 rows = 8.
    assert!(p.landscape);
    assert_eq!((p.cols, p.rows, p.count()), (2, 4, 8));
    assert_covers(&p);
    let (w, h) = p.window_size();
    // One column or one row fewer cannot cover the poster.
    assert!(covered(p.cols - 1, w, p.overlap) < p.poster.0);
    assert!(covered(p.rows - 1, h, p.overlap) < p.poster.1);
    // No grid with fewer sheets covers it, in either sheet orientation.
    let (sw, sh) = Paper::A4.size_pt();
    for (ww, wh) in [
        (sw - 2.0 * p.margin, sh - 2.0 * p.margin),
        (sh - 2.0 * p.margin, sw - 2.0 * p.margin),
    ] {
        for c in 1..=8 {
            for r in 1..=8 {
                if c * r < p.count() {
                    let fits = covered(c, ww, p.overlap) >= p.poster.0
                        && covered(r, wh, p.overlap) >= p.poster.1;
                    assert!(!fits, "{c} x {r} sheets would do");
                }
            }
        }
    }
}

#[test]
fn every_size_and_overlap_covers() {
    for (w_mm, h_mm) in [
        (210.0, 297.0),
        (297.0, 420.0),
        (420.0, 594.0),
        (594.0, 841.0),
        (841.0, 1189.0),
    ] {
        for landscape in [false, true] {
            let poster = if landscape {
                (mm(h_mm), mm(w_mm))
            } else {
                (mm(w_mm), mm(h_mm))
            };
            for paper in [Paper::A4, Paper::Letter] {
                for o in [0.0, 5.0, 10.0, 25.0] {
                    let p = plan(poster, paper, o).unwrap();
                    assert_covers(&p);
                    let (ww, wh) = p.window_size();
                    assert!(p.cols == 1 || covered(p.cols - 1, ww, p.overlap) < poster.0);
                    assert!(p.rows == 1 || covered(p.rows - 1, wh, p.overlap) < poster.1);
                }
            }
        }
    }
}

#[test]
fn a0_on_a4() {
    let p = plan((mm(841.0), mm(1189.0)), Paper::A4, 10.0).unwrap();
    assert_eq!((p.cols, p.rows, p.landscape), (5, 5, false));
}

#[test]
fn overlap_limits() {
    assert!((max_overlap_mm(Paper::A4) - 95.0).abs() < 1e-3);
    for bad in [-1.0, 95.0, 200.0, f32::NAN, f32::INFINITY] {
        assert!(matches!(
            plan(a2(), Paper::A4, bad),
            Err(TileError::Overlap { .. })
        ));
    }
    assert!(plan(a2(), Paper::A4, 0.0).is_ok());
}

#[test]
fn labels_and_pages() {
    let p = plan(a2(), Paper::A4, 10.0).unwrap();
    let tiles = p.tiles();
    let labels = crate::pack::builtin().unwrap().labels;
    assert_eq!(
        tile_label(&labels, &p, &tiles[3]),
        "4 · row 2, column 2 of 4 x 2"
    );
    let poster = Arc::new(Frame::new(p.poster.0, p.poster.1));
    let t = Template::builtin("a4").unwrap();
    let pages = tile_pages(
        &poster,
        &p,
        &t,
        &labels,
        &TileText {
            caption: "Poster".into(),
        },
    );
    assert_eq!(pages.len(), 9);
    for page in &pages {
        assert_eq!((page.width, page.height), p.sheet);
        for tx in page.texts() {
            let b = tx.bbox();
            assert!(
                Rect::new(0.0, 0.0, page.width, page.height).contains(&b, 0.01),
                "{tx:?}"
            );
            // Marks and labels stay out of the printer's unprintable 4 mm edge.
            assert!(b.x >= mm(4.0) && b.bottom() <= page.height - mm(4.0));
        }
    }
    // Each tile page shows the poster through a window the size of the printable area.
    match &pages[1].items[0] {
        (at, crate::layout::Item::Group(g)) => {
            let c = g.clip.unwrap();
            assert!((to_mm(c.w) - 277.0).abs() < 0.01 && (to_mm(c.h) - 190.0).abs() < 0.01);
            assert_eq!((at.x, at.y), (p.margin, p.margin));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(fmt_mm(10.0), "10");
    assert_eq!(fmt_mm(7.5), "7.5");
}
