//! Tagged PDF: the structure tree read back with lopdf, the way a screen reader meets it. Each
//! structure element is read with the text of its marked content (decoded with the fonts'
//! ToUnicode maps), so a test can say "this question is read after that heading".

use crate::common::*;
use lopdf::{Dictionary, Document, Object, ObjectId};
use securebase::pack::{Setting, builtin, select};
use std::collections::BTreeMap;
use std::path::Path;

/// A child of a structure element, in the order of its `/K`.
#[derive(Debug)]
enum Kid {
    /// The text of one marked-content sequence.
    Text(String),
    Elem(Elem),
    /// An annotation (a form field's widget).
    Objr,
}

/// A structure element read back.
#[derive(Debug)]
struct Elem {
    s: String,
    alt: Option<String>,
    /// `/A /Scope` of a table header cell.
    scope: Option<String>,
    bbox: Option<Vec<f32>>,
    kids: Vec<Kid>,
}

impl Elem {
    /// Everything it reads, children included, whitespace collapsed.
    fn text(&self) -> String {
        let mut s = String::new();
        self.collect(&mut s);
        normalise(&s)
    }

    fn collect(&self, s: &mut String) {
        for k in &self.kids {
            match k {
                Kid::Text(t) => s.push_str(t),
                Kid::Elem(e) => e.collect(s),
                Kid::Objr => {}
            }
        }
    }

    fn elems(&self) -> impl Iterator<Item = &Elem> {
        self.kids.iter().filter_map(|k| match k {
            Kid::Elem(e) => Some(e),
            _ => None,
        })
    }

    /// This element and all below it, in reading order.
    fn flatten(&self) -> Vec<&Elem> {
        let mut out = vec![self];
        for e in self.elems() {
            out.extend(e.flatten());
        }
        out
    }

    fn all(&self, s: &str) -> Vec<&Elem> {
        self.flatten().into_iter().filter(|e| e.s == s).collect()
    }
}

/// A tagged PDF read back.
struct Tagged {
    doc: Document,
    pages: Vec<ObjectId>,
    root: Elem,
    /// For every page, the text of each MCID.
    marked: Vec<BTreeMap<i64, String>>,
    /// For every page, the text inside `/Artifact` marked content.
    artifacts: Vec<String>,
}

/// A PDF text string: UTF-16BE after a byte order mark, else (ASCII) bytes as they are.
fn text_string(o: &Object) -> String {
    let Ok(b) = o.as_str() else {
        panic!("not a string: {o:?}")
    };
    if b.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = b[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16(&units).expect("valid UTF-16")
    } else {
        String::from_utf8(b.to_vec()).expect("ASCII")
    }
}

fn name(o: &Object) -> String {
    String::from_utf8_lossy(o.as_name().expect("a name")).into_owned()
}

fn dict<'a>(doc: &'a Document, o: &'a Object) -> &'a Dictionary {
    doc.dereference(o)
        .and_then(|(_, o)| o.as_dict())
        .expect("a dictionary")
}

/// Reads one page's content: the text of each MCID and of the artifacts, and checks that
/// marked content nests with BT/ET and q/Q and that no text or painting is left unmarked.
fn read_page(doc: &Document, page: ObjectId) -> (BTreeMap<i64, String>, String) {
    let fonts = doc.get_page_fonts(page).expect("fonts");
    let encodings: BTreeMap<Vec<u8>, lopdf::Encoding> = fonts
        .iter()
        .map(|(k, f)| (k.clone(), f.get_font_encoding(doc).expect("encoding")))
        .collect();
    let content = doc.get_and_decode_page_content(page).expect("content");
    let mut marked: BTreeMap<i64, String> = BTreeMap::new();
    let mut artifacts = String::new();
    // Open pairs: "BT", "q", or a marked-content id (None for an artifact).
    let mut stack: Vec<Result<&str, Option<i64>>> = Vec::new();
    let mut font: Option<&lopdf::Encoding> = None;
    let current = |stack: &[Result<&str, Option<i64>>]| {
        stack.iter().rev().find_map(|x| x.as_ref().err().copied())
    };
    for op in &content.operations {
        let o = op.operator.as_str();
        match o {
            "BT" => stack.push(Ok("BT")),
            "q" => stack.push(Ok("q")),
            "ET" => assert_eq!(stack.pop(), Some(Ok("BT")), "ET closes a BT"),
            "Q" => assert_eq!(stack.pop(), Some(Ok("q")), "Q closes a q"),
            "BDC" => {
                let mcid = dict(doc, &op.operands[1])
                    .get(b"MCID")
                    .and_then(Object::as_i64)
                    .expect("MCID");
                assert!(!marked.contains_key(&mcid), "MCID {mcid} used twice");
                marked.insert(mcid, String::new());
                stack.push(Err(Some(mcid)));
            }
            "BMC" => {
                assert_eq!(name(&op.operands[0]), "Artifact");
                stack.push(Err(None));
            }
            "EMC" => assert!(
                matches!(stack.pop(), Some(Err(_))),
                "EMC closes marked content"
            ),
            "Tf" => font = encodings.get(op.operands[0].as_name().expect("font name")),
            "Tj" | "TJ" => {
                let enc = font.expect("a font is set before text");
                let pieces: Vec<&Object> = match &op.operands[0] {
                    Object::Array(a) => a.iter().filter(|x| x.as_str().is_ok()).collect(),
                    other => vec![other],
                };
                let mut text = String::new();
                for p in pieces {
                    text.push_str(
                        &Document::decode_text(enc, p.as_str().unwrap_or(&[])).expect("decodes"),
                    );
                }
                match current(&stack) {
                    Some(Some(mcid)) => marked.entry(mcid).or_default().push_str(&text),
                    Some(None) => {
                        artifacts.push_str(&text);
                        artifacts.push(' ');
                    }
                    None => panic!("text outside marked content: {text:?}"),
                }
            }
            "f" | "S" | "B" | "b" | "s" | "f*" | "B*" | "Do" => {
                assert!(current(&stack).is_some(), "`{o}` outside marked content");
            }
            _ => {}
        }
    }
    assert!(
        stack.is_empty(),
        "unclosed at the end of the page: {stack:?}"
    );
    (marked, artifacts)
}

fn read_elem(
    doc: &Document,
    d: &Dictionary,
    page_index: &BTreeMap<ObjectId, usize>,
    marked: &[BTreeMap<i64, String>],
    inherited_page: Option<usize>,
) -> Elem {
    assert_eq!(d.get(b"Type").map(name).ok().as_deref(), Some("StructElem"));
    let page_of = |d: &Dictionary| {
        d.get(b"Pg")
            .and_then(Object::as_reference)
            .ok()
            .map(|r| page_index[&r])
    };
    let pg = page_of(d).or(inherited_page);
    let text_of = |page: Option<usize>, mcid: i64| {
        let p = page.expect("an MCID needs a page");
        marked[p]
            .get(&mcid)
            .unwrap_or_else(|| panic!("MCID {mcid} of page {p} is not in the content"))
            .clone()
    };
    let kids: Vec<&Object> = match d.get(b"K") {
        Ok(Object::Array(a)) => a.iter().collect(),
        Ok(o) => vec![o],
        Err(_) => Vec::new(),
    };
    let kids = kids
        .into_iter()
        .map(|k| match k {
            Object::Integer(mcid) => Kid::Text(text_of(pg, *mcid)),
            Object::Reference(_) => Kid::Elem(read_elem(doc, dict(doc, k), page_index, marked, pg)),
            Object::Dictionary(kd) => match kd.get(b"Type").map(name).ok().as_deref() {
                Some("MCR") => {
                    let mcid = kd.get(b"MCID").and_then(Object::as_i64).expect("MCID");
                    Kid::Text(text_of(page_of(kd).or(pg), mcid))
                }
                Some("OBJR") => Kid::Objr,
                other => panic!("unexpected kid {other:?}"),
            },
            other => panic!("unexpected kid {other:?}"),
        })
        .collect();
    let attrs = d.get(b"A").ok().map(|a| dict(doc, a));
    Elem {
        s: name(d.get(b"S").expect("/S")),
        alt: d.get(b"Alt").ok().map(text_string),
        scope: attrs.and_then(|a| a.get(b"Scope").ok()).map(name),
        bbox: attrs.and_then(|a| a.get(b"BBox").ok()).map(|b| {
            b.as_array()
                .expect("array")
                .iter()
                .map(|v| v.as_float().expect("number"))
                .collect()
        }),
        kids,
    }
}

/// Reads a tagged PDF and checks what every tagged PDF needs: the catalog's entries, a
/// `/StructParents` on every page, and a parent tree that agrees with the content.
fn read(bytes: &[u8]) -> Tagged {
    let doc = Document::load_mem(bytes).expect("lopdf reads the PDF");
    assert_eq!(doc.version, "1.7");
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let page_index: BTreeMap<ObjectId, usize> =
        pages.iter().enumerate().map(|(i, p)| (*p, i)).collect();
    let (marked, artifacts): (Vec<_>, Vec<_>) = pages.iter().map(|p| read_page(&doc, *p)).unzip();
    let cat = doc.catalog().expect("catalog");
    let mark_info = dict(&doc, cat.get(b"MarkInfo").expect("/MarkInfo"));
    assert_eq!(
        mark_info.get(b"Marked").and_then(Object::as_bool).ok(),
        Some(true)
    );
    let prefs = dict(
        &doc,
        cat.get(b"ViewerPreferences").expect("/ViewerPreferences"),
    );
    assert_eq!(
        prefs.get(b"DisplayDocTitle").and_then(Object::as_bool).ok(),
        Some(true)
    );
    assert_eq!(text_string(cat.get(b"Lang").expect("/Lang")), "en-GB");
    let info = dict(&doc, doc.trailer.get(b"Info").expect("/Info"));
    assert!(!text_string(info.get(b"Title").expect("a title")).is_empty());

    let tree_root = dict(&doc, cat.get(b"StructTreeRoot").expect("/StructTreeRoot"));
    let top = dict(&doc, tree_root.get(b"K").expect("/K"));
    let root = read_elem(&doc, top, &page_index, &marked, None);
    assert_eq!(root.s, "Document");

    // The parent tree: page i has /StructParents i, and its array holds, for every MCID of the
    // page, the element that owns it.
    let pt = dict(&doc, tree_root.get(b"ParentTree").expect("/ParentTree"));
    let nums = pt.get(b"Nums").and_then(Object::as_array).expect("/Nums");
    let entries: BTreeMap<i64, &Object> = nums
        .chunks(2)
        .map(|c| (c[0].as_i64().expect("key"), &c[1]))
        .collect();
    let next = tree_root
        .get(b"ParentTreeNextKey")
        .and_then(Object::as_i64)
        .expect("/ParentTreeNextKey");
    assert!(entries.keys().all(|k| *k < next));
    for (i, p) in pages.iter().enumerate() {
        let page = doc.get_dictionary(*p).expect("page");
        let key = page.get(b"StructParents").and_then(Object::as_i64);
        assert_eq!(key.ok(), Some(i as i64), "page {i} has /StructParents {i}");
        assert_eq!(page.get(b"Tabs").map(name).ok().as_deref(), Some("S"));
        let arr = entries[&(i as i64)].as_array().expect("an array per page");
        assert_eq!(arr.len(), marked[i].len(), "page {i}: one parent per MCID");
        for (mcid, owner) in arr.iter().enumerate() {
            let owner = dict(&doc, owner);
            let owns = |k: &Object| match k {
                Object::Integer(m) => *m == mcid as i64,
                Object::Dictionary(d) => {
                    d.get(b"MCID").and_then(Object::as_i64).ok() == Some(mcid as i64)
                }
                _ => false,
            };
            let owned = match owner.get(b"K") {
                Ok(Object::Array(a)) => a.iter().any(owns),
                Ok(k) => owns(k),
                Err(_) => false,
            };
            assert!(
                owned,
                "page {i}: the parent of MCID {mcid} does not list it"
            );
        }
    }
    Tagged {
        doc,
        pages,
        root,
        marked,
        artifacts,
    }
}

fn run_ok(dir: &Path, args: &[&str]) {
    let r = run_in(dir, args);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// The position of the first element at or after `from` that is an `s` reading `text`.
fn position(flat: &[&Elem], from: usize, s: &str, text: &str) -> Option<usize> {
    (from..flat.len()).find(|&i| flat[i].s == s && flat[i].text() == normalise(text))
}

#[test]
fn a_handout_reads_its_title_then_each_stage_with_its_questions_in_order() {
    let dir = temp_dir("tags-handout");
    run_ok(
        &dir,
        &[
            "handout",
            "--domain",
            "acceptance",
            "--setting",
            "online",
            "-o",
            "h.pdf",
        ],
    );
    let t = read(&std::fs::read(dir.join("h.pdf")).expect("written"));
    let pack = builtin().expect("default pack");
    let d = pack.domain("acceptance").expect("domain");
    let flat = t.root.flatten();
    let first_heading = flat
        .iter()
        .position(|e| e.s.starts_with('H'))
        .expect("a heading");
    assert_eq!(
        (flat[first_heading].s.as_str(), flat[first_heading].text()),
        ("H1", d.name.clone())
    );
    let mut at = first_heading;
    for g in select::groups(&pack, d, Setting::Online, None) {
        let stage = &pack.stages[g.stage.expect("online questions have stages")];
        let heading = format!("{}. {}", g.stage.unwrap_or(0) + 1, stage.name);
        at = position(&flat, at, "H2", &heading).unwrap_or_else(|| panic!("no H2 {heading:?}"));
        let next_h2 = (at + 1..flat.len())
            .find(|&i| flat[i].s == "H2")
            .unwrap_or(flat.len());
        for q in &g.questions {
            at = position(&flat, at, "LBody", &q.text)
                .unwrap_or_else(|| panic!("question {} missing or out of order", q.id));
            assert!(
                at < next_h2,
                "question {} is read under the wrong stage",
                q.id
            );
        }
    }
    assert!(position(&flat, at, "H2", "Notes and agreed actions").is_some());
    // Each question is a list item: its number is the label, its text the body.
    for li in t.root.all("LI") {
        let kinds: Vec<&str> = li.elems().map(|e| e.s.as_str()).collect();
        assert_eq!(kinds, ["Lbl", "LBody"]);
    }
    // Page furniture is an artifact: read by no one, printed on every page.
    assert!(t.artifacts[0].contains("Page 1 of 2"), "{}", t.artifacts[0]);
    assert!(t.artifacts[1].contains("Acceptance"));
    assert!(!t.root.text().contains("Page 1 of 2"));
}

#[test]
fn poster_figures_have_alternative_text_and_the_panels_read_after_the_diagram() {
    let dir = temp_dir("tags-poster");
    ::image::RgbImage::from_pixel(600, 200, ::image::Rgb([0, 114, 178]))
        .save(dir.join("logo.png"))
        .expect("png");
    run_ok(
        &dir,
        &[
            "poster",
            "--size",
            "a3",
            "--team",
            "Zoë's Team",
            "--logo",
            "logo.png",
            "-o",
            "p.pdf",
        ],
    );
    let t = read(&std::fs::read(dir.join("p.pdf")).expect("written"));
    let pack = builtin().expect("default pack");
    let figures = t.root.all("Figure");
    assert_eq!(figures.len(), 2, "the logo and the diagram");
    assert_eq!(figures[0].alt.as_deref(), Some("Logo of Zoë's Team"));
    let alt = figures[1].alt.clone().expect("the diagram has /Alt");
    assert!(alt.contains("5 domains around a secure base"), "{alt}");
    for d in &pack.domains {
        assert!(
            alt.contains(&format!("{}: “{}”", d.name, d.belief)),
            "{alt}"
        );
    }
    for f in &figures {
        let b = f.bbox.as_ref().expect("a figure has a /BBox");
        let (w, h) = (mm_to_pt(297.0), mm_to_pt(420.0));
        assert!(b[0] >= 0.0 && b[1] >= 0.0 && b[2] <= w && b[3] <= h && b[0] < b[2] && b[1] < b[3]);
    }
    // Reading order: the title, the figures, then each domain's panel.
    let flat = t.root.flatten();
    let title = position(&flat, 0, "H1", &pack.title).expect("the title is the H1");
    let diagram = flat
        .iter()
        .position(|e| e.alt.as_deref() == Some(alt.as_str()))
        .expect("figure");
    assert!(title < diagram);
    let mut at = diagram;
    for d in &pack.domains {
        at = position(&flat, at, "H2", &d.name).unwrap_or_else(|| panic!("panel {}", d.id));
        assert!(position(&flat, at, "P", &format!("“{}”", d.belief)).is_some());
    }
}

fn mm_to_pt(v: f32) -> f32 {
    v * 72.0 / 25.4
}

#[test]
fn cards_read_front_by_front_and_backs_are_artifacts() {
    let dir = temp_dir("tags-cards");
    run_ok(&dir, &["cards", "--setting", "hybrid", "-o", "c.pdf"]);
    let t = read(&std::fs::read(dir.join("c.pdf")).expect("written"));
    let pack = builtin().expect("default pack");
    let want: Vec<_> = pack
        .domains
        .iter()
        .flat_map(|d| {
            select::questions(&pack, d, Setting::Hybrid, None)
                .into_iter()
                .map(move |q| (d, q))
        })
        .collect();
    let fronts: Vec<&Elem> = t.root.elems().collect();
    assert_eq!(
        fronts.len(),
        want.len(),
        "one section per card, nothing else"
    );
    for (s, (d, q)) in fronts.iter().zip(&want) {
        assert_eq!(s.s, "Sect");
        let texts: Vec<String> = s.elems().map(|p| p.text()).collect();
        assert_eq!(
            texts[..3],
            [d.name.clone(), q.code.clone(), normalise(&q.text)]
        );
    }
    // Fronts and backs alternate; a back holds no structure, only artifacts.
    for (i, m) in t.marked.iter().enumerate() {
        assert_eq!(m.is_empty(), i % 2 == 1, "page {i}");
    }
    assert!(t.artifacts[1].contains(&pack.domains[0].name));
    assert!(
        t.artifacts[0].contains(&pack.edition()),
        "the edition stamp is furniture"
    );
}

#[test]
fn a_tiled_poster_carries_its_structure_once_on_the_assembly_key() {
    let dir = temp_dir("tags-tiles");
    run_ok(
        &dir,
        &["poster", "--size", "a2", "--tile", "a4", "-o", "t.pdf"],
    );
    let t = read(&std::fs::read(dir.join("t.pdf")).expect("written"));
    let pack = builtin().expect("default pack");
    assert!(t.pages.len() > 2);
    assert_eq!(t.root.all("Figure").len(), 1);
    assert_eq!(t.root.all("H2").len(), pack.domains.len());
    let flat = t.root.flatten();
    assert_eq!(
        (flat[1].s.as_str(), flat[1].text()),
        ("H1", "Assembly key".to_string())
    );
    assert_eq!(
        t.root.all("LI").len(),
        4 + 3 * pack.domains.len(),
        "the steps, and the ideas once"
    );
    for (i, m) in t.marked.iter().enumerate().skip(1) {
        assert!(m.is_empty(), "tile page {i} reads nothing");
        assert!(!t.artifacts[i].is_empty(), "tile page {i} has its label");
    }
}

#[test]
fn every_file_of_the_pack_is_tagged_and_reads_in_order() {
    let dir = temp_dir("tags-pack");
    run_ok(
        &dir,
        &["pack", "--date", "2026-11-24", "--team", "Northside"],
    );
    let out = dir.join("away-day-pack");
    let pack = builtin().expect("default pack");
    let mut files: Vec<_> = std::fs::read_dir(&out)
        .expect("the pack folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "pdf"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 6);
    for f in &files {
        let t = read(&std::fs::read(f).expect("readable"));
        for fig in t.root.all("Figure") {
            assert!(
                fig.alt.as_ref().is_some_and(|a| !a.is_empty()),
                "{}",
                f.display()
            );
        }
        assert!(t.doc.get_pages().len() == t.pages.len());
    }

    // The action plan: a table with a header row, then a row per domain headed by its name.
    let t = read(&std::fs::read(out.join("04-action-plan.pdf")).expect("plan"));
    let flat = t.root.flatten();
    assert_eq!(flat[1].s, "H1");
    let table = &t.root.all("Table")[0];
    let rows: Vec<&Elem> = table.elems().collect();
    assert_eq!(rows.len(), pack.domains.len() + 1);
    let head: Vec<(String, Option<String>)> = rows[0]
        .elems()
        .map(|c| (c.text(), c.scope.clone()))
        .collect();
    assert_eq!(
        head[1..]
            .iter()
            .map(|(t, _)| t.as_str())
            .collect::<Vec<_>>(),
        ["What we will do", "Who", "By when"]
    );
    assert!(head.iter().all(|(_, s)| s.as_deref() == Some("Column")));
    for (row, d) in rows[1..].iter().zip(&pack.domains) {
        let cells: Vec<&Elem> = row.elems().collect();
        assert_eq!(
            cells.iter().map(|c| c.s.as_str()).collect::<Vec<_>>(),
            ["TH", "TD", "TD", "TD"]
        );
        assert_eq!(cells[0].scope.as_deref(), Some("Row"));
        assert_eq!(cells[0].text(), format!("{}“{}”", d.name, d.belief));
    }

    // The guide: one H1 (the title), sections as H2, the day's plan as a table, bullets as list
    // items with a body.
    let t = read(&std::fs::read(out.join("00-facilitator-guide.pdf")).expect("guide"));
    assert_eq!(t.root.all("H1").len(), 1);
    let h2: Vec<String> = t.root.all("H2").iter().map(|e| e.text()).collect();
    assert_eq!(h2[0], "How the model works");
    assert!(h2.contains(&"A plan for the day".to_string()));
    let tables = t.root.all("Table");
    assert!(tables.iter().any(|tb| tb.text().contains("09:30-10:00")));
    for li in t.root.all("LI") {
        assert_eq!(
            li.elems().map(|e| e.s.as_str()).collect::<Vec<_>>(),
            ["LBody"]
        );
    }
    for d in &pack.domains {
        assert!(
            t.root.all("H3").iter().any(|h| h.text() == d.name),
            "{}",
            d.name
        );
    }
}
