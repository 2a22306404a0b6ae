//! Unit tests of the poster layout.

use super::*;
use crate::pack::{PackSource, load_pack};

fn pack() -> Pack {
    load_pack(&PackSource::Builtin)
        .pack
        .expect("the default pack loads")
}

fn opts(size: PosterSize, landscape: bool) -> PosterOptions {
    PosterOptions {
        size,
        landscape,
        setting: Setting::Hybrid,
        team: Some("Riverside Family Support".into()),
        logo: None,
        date: Some("2026-11-24".into()),
    }
}

#[test]
fn every_size_lays_out_with_text_inside_its_box() {
    let pack = pack();
    let t = Template::builtin("a4").unwrap();
    for size in PosterSize::ALL {
        for landscape in [false, true] {
            let o = opts(size, landscape);
            let p = poster(&pack, &t, &o).unwrap_or_else(|e| panic!("{e}"));
            let (w, h) = o.page_size();
            assert_eq!((p.frame.width, p.frame.height), (w, h));
            assert_eq!(p.panels.len(), 5);
            let page = Rect::new(0.0, 0.0, w, h);
            for tx in p.frame.texts() {
                assert!(tx.text.size >= p.min_text_pt - 1e-3, "{tx:?}");
                let b = tx.bbox();
                assert!(page.contains(&b, 0.01), "{tx:?} off the page");
                // A text touching a panel lies wholly inside it.
                for (id, r) in &p.panels {
                    if r.intersects(&b) {
                        assert!(r.contains(&b, 0.01), "{tx:?} crosses panel {id}");
                    }
                }
            }
            // Panels do not overlap each other or the circle.
            for (i, (_, a)) in p.panels.iter().enumerate() {
                for (_, b) in &p.panels[i + 1..] {
                    assert!(!a.intersects(b), "{a:?} {b:?}");
                }
                let (cx, cy, r) = p.centre;
                let nx = cx.clamp(a.x, a.right());
                let ny = cy.clamp(a.y, a.bottom());
                assert!((nx - cx).hypot(ny - cy) > r, "circle overlaps {a:?}");
            }
            assert_eq!(p.ideas_shown, 3);
        }
    }
}

#[test]
fn measures_scale_with_the_page() {
    let pack = pack();
    let t = Template::builtin("a4").unwrap();
    let a4 = poster(&pack, &t, &opts(PosterSize::A4, false)).unwrap();
    let a0 = poster(&pack, &t, &opts(PosterSize::A0, false)).unwrap();
    let ratio = a0.frame.width / a4.frame.width;
    assert!((ratio - 841.0 / 210.0).abs() < 1e-3);
    assert!((a0.min_text_pt / a4.min_text_pt - ratio).abs() < 1e-3);
    for ((_, r4), (_, r0)) in a4.panels.iter().zip(&a0.panels) {
        assert!((r0.w / r4.w - ratio).abs() < 0.02, "{r4:?} {r0:?}");
    }
}

#[test]
fn panel_text_reads_on_its_colour() {
    for d in &pack().domains {
        assert!(d.colour.contrast(d.colour.text_colour()) >= 4.5, "{}", d.id);
    }
    for f in Face::ALL {
        assert!(f.metrics().has_glyph('•'));
    }
}

#[test]
fn too_much_text_fails_naming_the_domain() {
    let mut pack = pack();
    pack.domains[2].ideas.hybrid = vec!["A very long idea that goes on and on. ".repeat(12); 3];
    let t = Template::builtin("a4").unwrap();
    let e = poster(&pack, &t, &opts(PosterSize::A4, false)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "the text for `acceptance` does not fit its panel on an A4 portrait poster, even at 6.5 pt"
    );
}

#[test]
fn logo_keeps_its_aspect_in_the_title_area() {
    let pack = pack();
    let t = Template::builtin("a4").unwrap();
    let mut o = opts(PosterSize::A2, false);
    o.logo = Some(Logo {
        alt: None,
        name: "logo.png".into(),
        picture: Arc::new(Picture {
            width_px: 400,
            height_px: 100,
            rgba: vec![0; 400 * 100 * 4],
        }),
    });
    let p = poster(&pack, &t, &o).unwrap();
    let r = p.logo.unwrap();
    assert!((r.w / r.h - 4.0).abs() < 1e-3);
    assert!(r.bottom() < p.panels.iter().map(|(_, r)| r.y).fold(f32::MAX, f32::min));
    assert!(p.frame.texts().iter().all(|t| !t.bbox().intersects(&r)));
}

#[test]
fn intro_line_is_the_first_sentence() {
    assert_eq!(intro_line("One. Two. Three."), "One.");
    assert_eq!(intro_line("Just one"), "Just one");
    assert_eq!(fmt_pt(6.5), "6.5");
    assert_eq!(fmt_pt(13.0), "13");
}
