//! Drawing a frame once and showing it many times: a frame that a document places more than once
//! (the poster on every sheet of a tiled poster) becomes a form XObject, and each place shows it
//! with `Do` inside its own clip and matrix, so the file holds the drawing once.
//!
//! printpdf 0.12 cannot write a form XObject that holds text (see PRINTPDF-NOTES §4): the glyph
//! ids of a subset font exist only when the document is saved. So the renderer draws each shared
//! frame on an extra page at the end, where subsetting sees its glyphs, and places a placeholder
//! XObject wherever the frame goes. After conversion, [`make_forms`] turns each extra page's
//! content and resources into the form in place of its placeholder, and removes the extra pages.
//!
//! Only frames that are decoration where they are placed become forms: the structure tree points
//! at marked content on a page, so content a screen reader reads must stay on its page. The tiles
//! of a poster are artifacts; the assembly key, which carries the poster's structure, draws it
//! inline.

use super::pdf::RenderError;
use crate::layout::frame::{Document, Frame, Item, Role};
use lopdf::{Dictionary, Object, ObjectId, Stream};
use printpdf::XObjectId;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// The frames of one document that are drawn as forms, found before the pages are walked.
#[derive(Debug, Default)]
pub struct Forms {
    /// How often each frame (by address) is placed in the document as decoration.
    placed: BTreeMap<usize, usize>,
    /// The forms in the order of their first use: the frame and its XObject id.
    pub made: Vec<(Arc<Frame>, XObjectId)>,
}

impl Forms {
    /// Counts how often each group's frame is placed in `doc` as decoration (inside an artifact).
    /// The groups inside a frame are counted once, as a form draws them once however often it
    /// is shown: so the poster inside the tiles' artifact frame is not a form of its own.
    pub fn collect(doc: &Document) -> Forms {
        struct Count {
            placed: BTreeMap<usize, usize>,
            /// Frames already looked into, as decoration or not.
            seen: BTreeSet<(usize, bool)>,
        }
        fn visit(f: &Frame, decoration: bool, c: &mut Count) {
            let decoration = decoration || f.role == Some(Role::Artifact);
            for (_, item) in &f.items {
                if let Item::Group(g) = item {
                    let key = Arc::as_ptr(&g.frame) as usize;
                    let inner = decoration || g.frame.role == Some(Role::Artifact);
                    if inner {
                        *c.placed.entry(key).or_insert(0) += 1;
                    }
                    if c.seen.insert((key, inner)) {
                        visit(&g.frame, inner, c);
                    }
                }
            }
        }
        let mut c = Count {
            placed: BTreeMap::new(),
            seen: BTreeSet::new(),
        };
        for p in &doc.pages {
            visit(p, false, &mut c);
        }
        Forms {
            placed: c.placed,
            made: Vec::new(),
        }
    }

    /// The form that draws `frame`, when the document places it more than once and it holds no
    /// form field. Call it only where the frame is decoration.
    pub fn get(&mut self, frame: &Arc<Frame>) -> Option<XObjectId> {
        if let Some((_, id)) = self.made.iter().find(|(f, _)| Arc::ptr_eq(f, frame)) {
            return Some(id.clone());
        }
        let shared = self
            .placed
            .get(&(Arc::as_ptr(frame) as usize))
            .is_some_and(|&n| n > 1);
        if !shared || !frame.fields().is_empty() {
            return None;
        }
        let id = XObjectId(format!("Fm{}", self.made.len() + 1));
        self.made.push((Arc::clone(frame), id.clone()));
        Some(id)
    }
}

/// Turns the extra pages after the document's `pages` pages into the forms `made`, in order:
/// each page's content and resources go into a form XObject that takes the place of its
/// placeholder, and the extra pages are removed from the page tree.
pub fn make_forms(
    lo: &mut lopdf::Document,
    pages: usize,
    made: &[(Arc<Frame>, XObjectId)],
) -> Result<(), RenderError> {
    if made.is_empty() {
        return Ok(());
    }
    let fault = |what: &str| RenderError(format!("cannot make the shared drawing: {what}"));
    let page_ids: Vec<ObjectId> = lo.get_pages().into_values().collect();
    if page_ids.len() != pages + made.len() {
        return Err(fault("the pages do not add up"));
    }
    let placeholders = placeholders(lo, page_ids[0]).map_err(|e| fault(&e))?;
    for ((frame, id), &page_id) in made.iter().zip(&page_ids[pages..]) {
        let target = placeholders
            .get(id.0.as_bytes())
            .and_then(Object::as_reference)
            .map_err(|_| fault("no placeholder"))?;
        let content = lo.get_page_content(page_id);
        let page = lo
            .get_dictionary(page_id)
            .map_err(|e| fault(&e.to_string()))?;
        let resources = page
            .get(b"Resources")
            .map_err(|e| fault(&e.to_string()))?
            .clone();
        let contents = page.get(b"Contents").ok().cloned();
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"XObject".to_vec()));
        dict.set("Subtype", Object::Name(b"Form".to_vec()));
        dict.set("FormType", Object::Integer(1));
        dict.set(
            "BBox",
            Object::Array(vec![
                Object::Integer(0),
                Object::Integer(0),
                Object::Real(frame.width),
                Object::Real(frame.height),
            ]),
        );
        dict.set("Resources", resources);
        lo.objects
            .insert(target, Object::Stream(Stream::new(dict, content)));
        // The extra page and its content stream go; its resources now belong to the form.
        for r in contents.iter().flat_map(referenced) {
            lo.objects.remove(&r);
        }
        lo.objects.remove(&page_id);
    }
    // The page tree keeps the document's own pages.
    let parent = lo
        .get_dictionary(page_ids[0])
        .and_then(|p| p.get(b"Parent"))
        .and_then(Object::as_reference)
        .map_err(|e| fault(&e.to_string()))?;
    let tree = lo
        .get_dictionary_mut(parent)
        .map_err(|e| fault(&e.to_string()))?;
    let kids: Vec<Object> = page_ids[..pages]
        .iter()
        .map(|id| Object::Reference(*id))
        .collect();
    tree.set("Count", Object::Integer(kids.len() as i64));
    tree.set("Kids", Object::Array(kids));
    Ok(())
}

/// The global XObject dictionary that every page's resources point to (printpdf writes one).
fn placeholders(lo: &lopdf::Document, page: ObjectId) -> Result<Dictionary, String> {
    let resources = lo
        .get_dictionary(page)
        .and_then(|p| p.get(b"Resources"))
        .and_then(|r| lo.dereference(r))
        .and_then(|(_, r)| r.as_dict())
        .map_err(|e| e.to_string())?;
    let xobjects = resources
        .get(b"XObject")
        .and_then(|x| lo.dereference(x))
        .and_then(|(_, x)| x.as_dict())
        .map_err(|e| e.to_string())?;
    Ok(xobjects.clone())
}

/// The objects a `/Contents` entry refers to: one stream or an array of them.
fn referenced(contents: &Object) -> Vec<ObjectId> {
    match contents {
        Object::Reference(r) => vec![*r],
        Object::Array(a) => a.iter().filter_map(|o| o.as_reference().ok()).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::commands::Context;
    use crate::commands::poster::tiled_document;
    use crate::layout::poster::{PosterOptions, PosterSize};
    use crate::pack::{PackSource, Setting, load_pack};
    use crate::template::{Paper, Template};
    use lopdf::Object;

    #[test]
    fn a_tiled_poster_holds_its_drawing_once_and_shows_it_on_every_tile() {
        let pack = load_pack(&PackSource::Builtin)
            .pack
            .expect("the default pack");
        let ctx = Context::from_parts(pack, Template::builtin("a4").expect("a4"), None);
        let opts = PosterOptions {
            size: PosterSize::A2,
            landscape: false,
            setting: Setting::Hybrid,
            team: None,
            logo: None,
            date: None,
        };
        let (doc, plan, _) = tiled_document(&ctx, &opts, Paper::A4, 10.0).expect("tiles");
        let bytes = super::super::pdf::render(&doc).expect("renders");
        let lo = lopdf::Document::load_mem(&bytes).expect("reads back");
        let pages: Vec<_> = lo.get_pages().into_values().collect();
        assert_eq!(
            pages.len(),
            1 + plan.count(),
            "the key, then one page per tile"
        );
        let forms: Vec<_> = lo
            .objects
            .values()
            .filter_map(|o| match o {
                Object::Stream(s) if s.dict.get(b"Subtype").ok() == Some(&"Form".into()) => Some(s),
                _ => None,
            })
            .collect();
        assert_eq!(forms.len(), 1, "one form: the poster");
        let drawing = forms[0].decompressed_content().expect("inflates");
        assert!(
            drawing.windows(2).any(|w| w == b"BT"),
            "the form holds the text"
        );
        for (i, &page) in pages.iter().enumerate() {
            let content = lo.get_page_content(page);
            let shows = content.windows(7).any(|w| w == b"/Fm1 Do");
            assert_eq!(shows, i > 0, "page {i}: only the tiles show the form");
        }
    }
}
