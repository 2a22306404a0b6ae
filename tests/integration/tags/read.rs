//! Reading a tagged PDF back with lopdf: the structure tree, each element with the text of its
//! marked content (decoded through the fonts' ToUnicode maps), and the checks every tagged PDF
//! must pass (catalog entries, /StructParents, a parent tree that agrees with the content,
//! marked content nested with BT/ET and q/Q, nothing left unmarked).

use crate::common::normalise;
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::BTreeMap;

/// A child of a structure element, in the order of its `/K`.
#[derive(Debug)]
pub(super) enum Kid {
    /// The text of one marked-content sequence.
    Text(String),
    Elem(Elem),
    /// An annotation (a form field's widget).
    Objr(ObjectId),
}

/// A structure element read back.
#[derive(Debug)]
pub(super) struct Elem {
    pub(super) s: String,
    pub(super) alt: Option<String>,
    /// `/A /Scope` of a table header cell.
    pub(super) scope: Option<String>,
    pub(super) bbox: Option<Vec<f32>>,
    pub(super) kids: Vec<Kid>,
}

impl Elem {
    /// Everything it reads, children included, whitespace collapsed.
    pub(super) fn text(&self) -> String {
        let mut s = String::new();
        self.collect(&mut s);
        normalise(&s)
    }

    fn collect(&self, s: &mut String) {
        for k in &self.kids {
            match k {
                Kid::Text(t) => s.push_str(t),
                Kid::Elem(e) => e.collect(s),
                Kid::Objr(_) => {}
            }
        }
    }

    pub(super) fn elems(&self) -> impl Iterator<Item = &Elem> {
        self.kids.iter().filter_map(|k| match k {
            Kid::Elem(e) => Some(e),
            _ => None,
        })
    }

    /// This element and all below it, in reading order.
    pub(super) fn flatten(&self) -> Vec<&Elem> {
        let mut out = vec![self];
        for e in self.elems() {
            out.extend(e.flatten());
        }
        out
    }

    pub(super) fn all(&self, s: &str) -> Vec<&Elem> {
        self.flatten().into_iter().filter(|e| e.s == s).collect()
    }
}

/// A tagged PDF read back.
pub(super) struct Tagged {
    pub(super) doc: Document,
    pub(super) pages: Vec<ObjectId>,
    pub(super) root: Elem,
    /// For every page, the text of each MCID.
    pub(super) marked: Vec<BTreeMap<i64, String>>,
    /// For every page, the text inside `/Artifact` marked content.
    pub(super) artifacts: Vec<String>,
}

/// A PDF text string: UTF-16BE after a byte order mark, else (ASCII) bytes as they are.
pub(super) fn text_string(o: &Object) -> String {
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

pub(super) fn name(o: &Object) -> String {
    String::from_utf8_lossy(o.as_name().expect("a name")).into_owned()
}

pub(super) fn dict<'a>(doc: &'a Document, o: &'a Object) -> &'a Dictionary {
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
                Some("OBJR") => {
                    Kid::Objr(kd.get(b"Obj").and_then(Object::as_reference).expect("/Obj"))
                }
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
pub(super) fn read(bytes: &[u8]) -> Tagged {
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
    // Keys after the pages' belong to widgets: a Form element whose OBJR is the widget that
    // carries the key as its /StructParent, and a question as its accessible name.
    for (key, form) in entries.range(pages.len() as i64..) {
        let form = dict(&doc, form);
        assert_eq!(form.get(b"S").map(name).ok().as_deref(), Some("Form"));
        let objr = dict(&doc, form.get(b"K").expect("/K"));
        let widget = dict(&doc, objr.get(b"Obj").expect("/Obj"));
        let parent = widget.get(b"StructParent").and_then(Object::as_i64);
        assert_eq!(parent.ok(), Some(*key));
        assert!(!text_string(widget.get(b"TU").expect("/TU")).is_empty());
    }
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
