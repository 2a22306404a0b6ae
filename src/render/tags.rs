//! Tagged PDF: the structure tree that tells a screen reader what each piece of a page is and in
//! which order to read it.
//!
//! The renderer ([`super::pdf`]) records the tree while it walks the frames: every frame with a
//! [`Role`] opens a structure element under the nearest element above it, and every piece of
//! content gets a marked-content id (MCID, numbered per page) that belongs to one element. After
//! printpdf has made the lopdf document, [`write()`] adds the tree to it: the elements, the
//! `/StructTreeRoot` with its parent tree, `/StructParents` and `/Tabs /S` on every page,
//! `/MarkInfo`, `/ViewerPreferences /DisplayDocTitle` and PDF version 1.7.
//!
//! Rules kept here, so layout need not know them:
//! - consecutive list items under the same element make one list (`L`), and consecutive table
//!   rows one table (`Table`), even across a page break, as long as no other element or content
//!   comes between them (artifacts do not count);
//! - a table header cell is scoped to its column when every cell of its row is a header, else to
//!   its row;
//! - a figure gets `/Alt` and `/A <</O /Layout /BBox [..]>>` with the box its content covers.
//!
//! # Form fields
//! Widgets are added after conversion by `render::fields`. For each widget it adds, the renderer
//! calls [`StructTree::add_widget`] with the page index and the widget's object id, **in the
//! order of `Frame::fields()` on that page** (reading order), before [`write()`]. The widget
//! becomes the `/K <</Type /OBJR ..>>` of the `Form` element the walk opened for that field (or
//! of a new `Form` element at the end of the document when the layout had none); [`write()`] gives
//! the widget its `/StructParent` key. The widget should carry `/TU` (the question) as its
//! accessible name. Form elements that receive no widget are left out of the file.
//!
//! Nothing here draws; nothing here knows about frames beyond [`Role`].

use super::fields::text_string;
use super::write::{Written, written};
use crate::layout::frame::Role;
use lopdf::{Dictionary, Object, ObjectId};

/// The kinds of structure element written (PDF 1.7 standard structure types).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Document,
    Heading(u8),
    P,
    L,
    LI,
    Lbl,
    LBody,
    Table,
    TR,
    TH,
    TD,
    Figure,
    Form,
    Sect,
}

impl Kind {
    /// The structure type as written in `/S` and as the tag of marked content.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Document => "Document",
            Kind::Heading(1) => "H1",
            Kind::Heading(2) => "H2",
            Kind::Heading(3) => "H3",
            Kind::Heading(4) => "H4",
            Kind::Heading(5) => "H5",
            Kind::Heading(_) => "H6",
            Kind::P => "P",
            Kind::L => "L",
            Kind::LI => "LI",
            Kind::Lbl => "Lbl",
            Kind::LBody => "LBody",
            Kind::Table => "Table",
            Kind::TR => "TR",
            Kind::TH => "TH",
            Kind::TD => "TD",
            Kind::Figure => "Figure",
            Kind::Form => "Form",
            Kind::Sect => "Sect",
        }
    }

    /// The element a role makes; none for an artifact.
    fn of(role: &Role) -> Option<Kind> {
        Some(match role {
            Role::Heading(n) => Kind::Heading((*n).clamp(1, 6)),
            Role::Paragraph => Kind::P,
            Role::ListItem => Kind::LI,
            Role::Label => Kind::Lbl,
            Role::ListBody => Kind::LBody,
            Role::TableRow => Kind::TR,
            Role::TableHeader => Kind::TH,
            Role::TableCell => Kind::TD,
            Role::Figure { .. } => Kind::Figure,
            Role::Form => Kind::Form,
            Role::Section => Kind::Sect,
            Role::Artifact => return None,
        })
    }
}

/// A child of a structure element.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kid {
    Elem(usize),
    /// Marked content on a page (page index, MCID).
    Mcid(usize, i64),
}

#[derive(Debug, Clone)]
struct Node {
    kind: Kind,
    parent: usize,
    kids: Vec<Kid>,
    /// The page the element was opened on.
    page: usize,
    alt: Option<String>,
    /// Box the content covers, in PDF page coordinates: x0, y0, x1, y1.
    bbox: Option<[f32; 4]>,
    /// An `L` or `Table` made to hold consecutive items or rows.
    grouping: bool,
    widget: Option<ObjectId>,
}

/// The structure of one document, recorded while its pages are drawn.
#[derive(Debug, Clone)]
pub struct StructTree {
    nodes: Vec<Node>,
    /// For every page, the element each MCID belongs to (index = MCID).
    marks: Vec<Vec<usize>>,
}

impl Default for StructTree {
    fn default() -> Self {
        StructTree::new()
    }
}

impl StructTree {
    /// The `Document` element, parent of everything.
    pub const ROOT: usize = 0;

    pub fn new() -> StructTree {
        StructTree {
            nodes: vec![Node {
                kind: Kind::Document,
                parent: 0,
                kids: Vec::new(),
                page: 0,
                alt: None,
                bbox: None,
                grouping: false,
                widget: None,
            }],
            marks: Vec::new(),
        }
    }

    fn push(&mut self, parent: usize, kind: Kind, page: usize) -> usize {
        let i = self.nodes.len();
        self.nodes.push(Node {
            kind,
            parent,
            kids: Vec::new(),
            page,
            alt: None,
            bbox: None,
            grouping: false,
            widget: None,
        });
        self.nodes[parent].kids.push(Kid::Elem(i));
        i
    }

    /// Opens the element for a frame with `role` under `parent`, on page `page`: a list item
    /// joins the list just before it (or starts one), a table row the table. `None` for an
    /// artifact.
    pub fn open(&mut self, parent: usize, role: &Role, page: usize) -> Option<usize> {
        let kind = Kind::of(role)?;
        let group = match kind {
            Kind::LI => Some(Kind::L),
            Kind::TR => Some(Kind::Table),
            _ => None,
        };
        let parent = match group {
            Some(g) => match self.nodes[parent].kids.last() {
                Some(Kid::Elem(last))
                    if self.nodes[*last].grouping && self.nodes[*last].kind == g =>
                {
                    *last
                }
                _ => {
                    let l = self.push(parent, g, page);
                    self.nodes[l].grouping = true;
                    l
                }
            },
            None => parent,
        };
        let e = self.push(parent, kind, page);
        if let Role::Figure { alt } = role {
            self.nodes[e].alt = Some(alt.clone());
        }
        Some(e)
    }

    /// The structure type of an element, used as the tag of its marked content.
    pub fn tag(&self, elem: usize) -> &'static str {
        self.nodes[elem].kind.name()
    }

    /// Whether content inside this element belongs to it whatever roles it has (a figure: its
    /// alternative text stands for all of it).
    pub fn absorbs(&self, elem: usize) -> bool {
        self.nodes[elem].kind == Kind::Figure
    }

    /// A new marked-content id on `page` for content of `elem`.
    pub fn mark(&mut self, elem: usize, page: usize) -> i64 {
        if self.marks.len() <= page {
            self.marks.resize(page + 1, Vec::new());
        }
        let mcid = self.marks[page].len() as i64;
        self.marks[page].push(elem);
        self.nodes[elem].kids.push(Kid::Mcid(page, mcid));
        mcid
    }

    /// Grows the box of `elem` (a figure) to cover `r`: x0, y0, x1, y1 in PDF page coordinates.
    pub fn cover(&mut self, elem: usize, r: [f32; 4]) {
        let b = self.nodes[elem].bbox.get_or_insert(r);
        *b = [
            b[0].min(r[0]),
            b[1].min(r[1]),
            b[2].max(r[2]),
            b[3].max(r[3]),
        ];
    }

    /// Registers a form field's widget annotation on page `page` (0-based): see the module
    /// documentation for the order of calls. Call before [`write()`].
    pub fn add_widget(&mut self, page: usize, widget: ObjectId) {
        let free = (0..self.nodes.len()).find(|&i| {
            let n = &self.nodes[i];
            n.kind == Kind::Form && n.page == page && n.widget.is_none()
        });
        let e = free.unwrap_or_else(|| self.push(Self::ROOT, Kind::Form, page));
        self.nodes[e].widget = Some(widget);
    }

    /// Elements that go into the file: all but form elements with neither widget nor content.
    fn kept(&self) -> Vec<bool> {
        let mut keep = vec![true; self.nodes.len()];
        for (i, n) in self.nodes.iter().enumerate().rev() {
            if n.kind == Kind::Form && n.widget.is_none() {
                keep[i] = n.kids.iter().any(|k| match k {
                    Kid::Elem(e) => keep[*e],
                    Kid::Mcid(..) => true,
                });
            }
        }
        keep
    }

    /// Whether a header cell heads its column (every cell of its row is a header).
    fn column_header(&self, th: usize) -> bool {
        let row = &self.nodes[self.nodes[th].parent];
        row.kind == Kind::TR
            && row.kids.iter().all(|k| match k {
                Kid::Elem(e) => self.nodes[*e].kind == Kind::TH,
                Kid::Mcid(..) => false,
            })
    }
}

fn name(s: &str) -> Object {
    Object::Name(s.as_bytes().to_vec())
}

fn real(v: f32) -> Object {
    // Two decimals are plenty for a box in points, and keep the file stable across builds.
    Object::Real((v * 100.0).round() / 100.0)
}

/// Adds the structure tree to a converted document whose pages are, in order, the pages the
/// tree was recorded on, and returns its elements already written, to be packed with the
/// document's objects. Fails only when the document has no catalog.
pub fn write(lo: &mut lopdf::Document, tree: &StructTree) -> Result<Written, String> {
    let page_ids: Vec<ObjectId> = lo.get_pages().into_values().collect();
    let keep = tree.kept();
    let root_id = lo.new_object_id();
    let ids: Vec<ObjectId> = (0..tree.nodes.len()).map(|_| lo.new_object_id()).collect();
    let page_ref = |p: usize| page_ids.get(p).map(|id| Object::Reference(*id));
    // Parent tree keys: one per page, then one per widget.
    let mut next_key = page_ids.len() as i64;
    let mut widget_keys: Vec<(i64, ObjectId, ObjectId)> = Vec::new();
    let mut elements = Written::with_capacity(tree.nodes.len());
    for (i, n) in tree.nodes.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        let mut d = Dictionary::new();
        d.set("Type", name("StructElem"));
        d.set("S", name(n.kind.name()));
        d.set(
            "P",
            Object::Reference(if i == StructTree::ROOT {
                root_id
            } else {
                ids[n.parent]
            }),
        );
        // The element's page: where its first content is, so most MCIDs can be plain numbers.
        let pg = n.kids.iter().find_map(|k| match k {
            Kid::Mcid(p, _) => Some(*p),
            Kid::Elem(_) => None,
        });
        if let Some(r) = pg.and_then(page_ref) {
            d.set("Pg", r);
        }
        let mut kids: Vec<Object> = Vec::new();
        for k in &n.kids {
            match *k {
                Kid::Elem(e) if keep[e] => kids.push(Object::Reference(ids[e])),
                Kid::Elem(_) => {}
                Kid::Mcid(p, mcid) if Some(p) == pg => kids.push(Object::Integer(mcid)),
                Kid::Mcid(p, mcid) => {
                    let mut mcr = Dictionary::new();
                    mcr.set("Type", name("MCR"));
                    if let Some(r) = page_ref(p) {
                        mcr.set("Pg", r);
                    }
                    mcr.set("MCID", Object::Integer(mcid));
                    kids.push(Object::Dictionary(mcr));
                }
            }
        }
        if let Some(w) = n.widget {
            let mut objr = Dictionary::new();
            objr.set("Type", name("OBJR"));
            objr.set("Obj", Object::Reference(w));
            if let Some(r) = page_ref(n.page) {
                objr.set("Pg", r);
            }
            kids.push(Object::Dictionary(objr));
            widget_keys.push((next_key, w, ids[i]));
            next_key += 1;
        }
        match kids.len() {
            0 => {}
            1 => d.set("K", kids.remove(0)),
            _ => d.set("K", Object::Array(kids)),
        }
        if let Some(alt) = &n.alt {
            d.set("Alt", text_string(alt));
        }
        let mut attrs = Dictionary::new();
        if let (Kind::Figure, Some(b)) = (n.kind, n.bbox) {
            attrs.set("O", name("Layout"));
            attrs.set("BBox", Object::Array(b.iter().map(|v| real(*v)).collect()));
        }
        if n.kind == Kind::TH {
            attrs.set("O", name("Table"));
            let scope = if tree.column_header(i) {
                "Column"
            } else {
                "Row"
            };
            attrs.set("Scope", name(scope));
        }
        if !attrs.is_empty() {
            d.set("A", Object::Dictionary(attrs));
        }
        elements.push((ids[i].0, written(&Object::Dictionary(d))));
    }
    // The parent tree: for page i, the element of every MCID on it; for a widget, its Form.
    let mut nums: Vec<Object> = Vec::new();
    for (p, _) in page_ids.iter().enumerate() {
        let elems = tree.marks.get(p).map_or(&[][..], Vec::as_slice);
        nums.push(Object::Integer(p as i64));
        nums.push(Object::Array(
            elems.iter().map(|e| Object::Reference(ids[*e])).collect(),
        ));
    }
    for (key, widget, form) in &widget_keys {
        nums.push(Object::Integer(*key));
        nums.push(Object::Reference(*form));
        if let Ok(Object::Dictionary(w)) = lo.get_object_mut(*widget) {
            w.set("StructParent", Object::Integer(*key));
        }
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", Object::Array(nums));
    let mut root = Dictionary::new();
    root.set("Type", name("StructTreeRoot"));
    root.set("K", Object::Reference(ids[StructTree::ROOT]));
    root.set("ParentTree", Object::Dictionary(parent_tree));
    root.set("ParentTreeNextKey", Object::Integer(next_key));
    lo.objects.insert(root_id, Object::Dictionary(root));

    for (p, id) in page_ids.iter().enumerate() {
        if let Ok(Object::Dictionary(page)) = lo.get_object_mut(*id) {
            page.set("StructParents", Object::Integer(p as i64));
            page.set("Tabs", name("S"));
        }
    }
    let catalog = lo
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| format!("no catalog: {e}"))?;
    let Ok(Object::Dictionary(cat)) = lo.get_object_mut(catalog) else {
        return Err("the catalog is not a dictionary".into());
    };
    cat.set("StructTreeRoot", Object::Reference(root_id));
    let mut mark_info = Dictionary::new();
    mark_info.set("Marked", Object::Boolean(true));
    cat.set("MarkInfo", Object::Dictionary(mark_info));
    let mut prefs = Dictionary::new();
    prefs.set("DisplayDocTitle", Object::Boolean(true));
    cat.set("ViewerPreferences", Object::Dictionary(prefs));
    lo.version = "1.7".to_string();
    Ok(elements)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn consecutive_items_share_a_list_until_something_else_comes() {
        let mut t = StructTree::new();
        let a = t.open(StructTree::ROOT, &Role::ListItem, 0);
        let b = t.open(StructTree::ROOT, &Role::ListItem, 1);
        let (Some(a), Some(b)) = (a, b) else {
            panic!("list items open elements")
        };
        assert_eq!(t.nodes[a].parent, t.nodes[b].parent);
        assert_eq!(t.nodes[t.nodes[a].parent].kind, Kind::L);
        t.open(StructTree::ROOT, &Role::Heading(2), 1);
        let c = t.open(StructTree::ROOT, &Role::ListItem, 1).unwrap_or(0);
        assert_ne!(t.nodes[c].parent, t.nodes[a].parent);
        assert!(t.open(StructTree::ROOT, &Role::Artifact, 1).is_none());
    }

    #[test]
    fn header_cells_know_their_scope() {
        let mut t = StructTree::new();
        let head = t.open(StructTree::ROOT, &Role::TableRow, 0).unwrap_or(0);
        let h1 = t.open(head, &Role::TableHeader, 0).unwrap_or(0);
        let row = t.open(StructTree::ROOT, &Role::TableRow, 0).unwrap_or(0);
        let h2 = t.open(row, &Role::TableHeader, 0).unwrap_or(0);
        t.open(row, &Role::TableCell, 0);
        assert_eq!(t.nodes[head].parent, t.nodes[row].parent);
        assert!(t.column_header(h1));
        assert!(!t.column_header(h2));
    }

    #[test]
    fn widgets_fill_form_elements_in_order_and_empty_forms_are_dropped() {
        let mut t = StructTree::new();
        let f1 = t.open(StructTree::ROOT, &Role::Form, 0).unwrap_or(0);
        let f2 = t.open(StructTree::ROOT, &Role::Form, 0).unwrap_or(0);
        let f3 = t.open(StructTree::ROOT, &Role::Form, 1).unwrap_or(0);
        t.add_widget(0, (40, 0));
        assert_eq!(t.nodes[f1].widget, Some((40, 0)));
        t.add_widget(0, (41, 0));
        assert_eq!(t.nodes[f2].widget, Some((41, 0)));
        t.add_widget(0, (42, 0));
        assert_eq!(
            t.nodes.last().map(|n| (n.kind, n.widget)),
            Some((Kind::Form, Some((42, 0))))
        );
        assert!(!t.kept()[f3]);
    }

    #[test]
    fn a_widget_becomes_the_objr_of_its_form_and_gets_its_struct_parent() {
        let dict = |pairs: Vec<(&str, Object)>| {
            let mut d = Dictionary::new();
            for (k, v) in pairs {
                d.set(k, v);
            }
            Object::Dictionary(d)
        };
        let mut lo = lopdf::Document::with_version("1.3");
        let pages_id = lo.new_object_id();
        let page = lo.add_object(dict(vec![
            ("Type", name("Page")),
            ("Parent", Object::Reference(pages_id)),
        ]));
        let kids = Object::Array(vec![Object::Reference(page)]);
        let pages = dict(vec![
            ("Type", name("Pages")),
            ("Kids", kids),
            ("Count", Object::Integer(1)),
        ]);
        lo.objects.insert(pages_id, pages);
        let catalog = lo.add_object(dict(vec![
            ("Type", name("Catalog")),
            ("Pages", Object::Reference(pages_id)),
        ]));
        lo.trailer.set("Root", Object::Reference(catalog));
        let widget = lo.add_object(dict(vec![("Subtype", name("Widget"))]));
        let mut t = StructTree::new();
        let p = t.open(StructTree::ROOT, &Role::Paragraph, 0).unwrap_or(0);
        t.mark(p, 0);
        t.open(StructTree::ROOT, &Role::Form, 0);
        t.add_widget(0, widget);
        let elements = write(&mut lo, &t).expect("a catalog");
        assert_eq!(lo.version, "1.7");
        // The elements come written: read the whole file back to follow the tree.
        let mut z = super::super::save::Deflater::new();
        let bytes = super::super::write::write(&lo, &elements, &mut z).expect("a file");
        let lo = lopdf::Document::load_mem(&bytes).expect("lopdf reads it back");
        let get = |id| lo.get_dictionary(id).expect("a dictionary");
        // One page (key 0), then the widget (key 1).
        assert_eq!(
            get(widget).get(b"StructParent").ok(),
            Some(&Object::Integer(1))
        );
        assert_eq!(
            get(page).get(b"StructParents").ok(),
            Some(&Object::Integer(0))
        );
        let root_ref = get(catalog)
            .get(b"StructTreeRoot")
            .and_then(Object::as_reference);
        let root = get(root_ref.expect("a tree"));
        assert_eq!(
            root.get(b"ParentTreeNextKey").ok(),
            Some(&Object::Integer(2))
        );
        let nums = root
            .get(b"ParentTree")
            .and_then(Object::as_dict)
            .and_then(|d| d.get(b"Nums"))
            .and_then(Object::as_array)
            .expect("Nums");
        let form = nums[3].as_reference().expect("the Form element");
        let objr = get(form)
            .get(b"K")
            .and_then(Object::as_dict)
            .expect("an OBJR");
        assert_eq!(objr.get(b"Obj").ok(), Some(&Object::Reference(widget)));
        assert_eq!(objr.get(b"Pg").ok(), Some(&Object::Reference(page)));
        let p_elem = nums[1].as_array().expect("page 0's MCIDs")[0].as_reference();
        assert_eq!(
            get(p_elem.expect("P")).get(b"K").ok(),
            Some(&Object::Integer(0))
        );
    }
}
