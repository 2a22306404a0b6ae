//! Fillable handouts read back with lopdf: one field per question with a stable name, the
//! question as tooltip, a rectangle inside the margins that overlaps nothing, the print flag,
//! the full field font, and the same file byte for byte on every run.

use crate::common::*;
use lopdf::{Document, Object};
use securebase::pack::{builtin, select};

/// A text value of a dictionary (literal or UTF-16BE with a BOM) as a Rust string.
pub(crate) fn text(o: &Object) -> String {
    match o {
        Object::String(b, _) if b.starts_with(&[0xFE, 0xFF]) => {
            let units: Vec<u16> = b[2..]
                .chunks(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        }
        Object::String(b, _) => String::from_utf8_lossy(b).into_owned(),
        other => panic!("not a string: {other:?}"),
    }
}

pub(crate) fn num(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        other => panic!("not a number: {other:?}"),
    }
}

pub(crate) struct FieldInfo {
    pub page: usize,
    pub name: String,
    pub tooltip: String,
    pub rect: [f32; 4],
    pub flags: i64,
    pub print: i64,
}

/// No two fields on the same page overlap.
pub(crate) fn assert_no_two_overlap(fields: &[FieldInfo]) {
    for (i, a) in fields.iter().enumerate() {
        for b in &fields[i + 1..] {
            let apart = a.page != b.page
                || a.rect[2] <= b.rect[0]
                || b.rect[2] <= a.rect[0]
                || a.rect[3] <= b.rect[1]
                || b.rect[3] <= a.rect[1];
            assert!(apart, "{} overlaps {}", a.name, b.name);
        }
    }
}

/// Every widget of every page, in /Annots order, with the page's size.
pub(crate) fn fields(doc: &Document) -> (Vec<FieldInfo>, Vec<(f32, f32)>) {
    let mut out = Vec::new();
    let mut sizes = Vec::new();
    for (i, (_, page_id)) in doc.get_pages().into_iter().enumerate() {
        let page = doc.get_dictionary(page_id).expect("page");
        let mb = page
            .get(b"MediaBox")
            .and_then(Object::as_array)
            .expect("media box");
        sizes.push((num(&mb[2]), num(&mb[3])));
        let Ok(annots) = page.get(b"Annots").and_then(Object::as_array) else {
            continue;
        };
        assert_eq!(
            page.get(b"Tabs").and_then(Object::as_name).ok(),
            Some(b"S".as_slice()),
            "tab order follows the structure on page {}",
            i + 1
        );
        for a in annots {
            let w = doc
                .get_dictionary(a.as_reference().expect("reference"))
                .expect("widget");
            let r = w.get(b"Rect").and_then(Object::as_array).expect("rect");
            out.push(FieldInfo {
                page: i,
                name: text(w.get(b"T").expect("/T")),
                tooltip: text(w.get(b"TU").expect("/TU")),
                rect: [num(&r[0]), num(&r[1]), num(&r[2]), num(&r[3])],
                flags: w.get(b"Ff").and_then(Object::as_i64).unwrap_or(0),
                print: w.get(b"F").and_then(Object::as_i64).unwrap_or(0),
            });
        }
    }
    (out, sizes)
}

#[test]
fn fillable_handout_has_one_named_field_per_question_inside_the_margins() {
    let dir = temp_dir("fields_acceptance");
    let run = run_in(
        &dir,
        &[
            "handout",
            "--domain",
            "acceptance",
            "--setting",
            "online",
            "--fillable",
            "-o",
            "h.pdf",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(dir.join("h.pdf")).expect("pdf");
    let doc = Document::load_mem(&bytes).expect("lopdf reads it");
    let (fields, sizes) = fields(&doc);
    let pack = builtin().expect("default pack");
    let d = pack.domain("acceptance").expect("domain");
    let qs = select::questions(&pack, d, securebase::pack::Setting::Online, None);
    // One field per question, in reading order, then the notes field.
    assert_eq!(fields.len(), qs.len() + 1);
    for (f, q) in fields.iter().zip(&qs) {
        assert_eq!(f.name, format!("acceptance.{}", q.id));
        assert!(
            f.tooltip.starts_with(&q.text),
            "{} has tooltip {:?}",
            f.name,
            f.tooltip
        );
        assert_eq!(f.flags & 4096, 4096, "{} is multi-line", f.name);
    }
    let notes = fields.last().expect("notes field");
    assert_eq!(notes.name, "acceptance.notes");
    assert!(!notes.tooltip.is_empty());
    // Inside the A4 template's margins (13 mm sides, 9 mm bottom, 10 mm top), on A4 pages,
    // printable, and no two fields on a page overlap.
    let side = 13.0 * 72.0 / 25.4;
    for f in &fields {
        let (w, h) = sizes[f.page];
        assert!((w - A4.0).abs() < 0.1 && (h - A4.1).abs() < 0.1);
        let [x0, y0, x1, y1] = f.rect;
        assert!(x0 < x1 && y0 < y1, "{} has an empty rectangle", f.name);
        assert!(
            x0 >= side - 0.01 && x1 <= w - side + 0.01,
            "{} leaves the side margins: {:?}",
            f.name,
            f.rect
        );
        assert!(
            y0 >= 9.0 * 72.0 / 25.4 && y1 <= h - 10.0 * 72.0 / 25.4,
            "{} leaves the top or bottom margin: {:?}",
            f.name,
            f.rect
        );
        assert_eq!(f.print, 4, "{} prints", f.name);
    }
    assert_no_two_overlap(&fields);
    // The whole regular face is embedded for typing, with a ToUnicode map.
    assert!(doc.catalog().is_ok_and(|c| c.has(b"AcroForm")));
    let font_bytes = include_bytes!("../../fonts/AtkinsonHyperlegible-Regular.ttf").len();
    let full = doc.objects.values().any(|o| {
        o.as_stream().is_ok_and(|st| {
            st.dict.get(b"Length1").and_then(Object::as_i64).ok() == Some(font_bytes as i64)
        })
    });
    assert!(full, "the whole regular face is embedded for the fields");
    // The printed lines and text are still there: the same file works on paper.
    let pages = read_pdf(&bytes);
    let all = normalise(&all_text(&pages));
    for q in &qs {
        assert!(all.contains(&normalise(&q.text)), "{} is not printed", q.id);
    }
    // Deterministic.
    let again = run_in(
        &dir,
        &[
            "handout",
            "--domain",
            "acceptance",
            "--setting",
            "online",
            "--fillable",
            "-o",
            "h2.pdf",
        ],
    );
    assert_eq!(again.code, 0);
    assert_eq!(bytes, std::fs::read(dir.join("h2.pdf")).expect("pdf"));
}

#[test]
fn plain_handout_has_no_form() {
    let dir = temp_dir("fields_plain");
    let run = run_in(
        &dir,
        &["handout", "--domain", "availability", "-o", "h.pdf"],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = std::fs::read(dir.join("h.pdf")).expect("pdf");
    assert!(!String::from_utf8_lossy(&bytes).contains("/AcroForm"));
}
