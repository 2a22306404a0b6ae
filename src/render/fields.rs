//! Fillable form fields, added with lopdf after printpdf has written the pages (printpdf 0.12
//! cannot write AcroForm fields).
//!
//! Each [`Field`](crate::layout::frame::Field) that layout placed becomes one dictionary that is both the field and its
//! widget: a multi-line text field with a stable name (`/T`), the question as tooltip (`/TU`,
//! what screen readers announce), print flag `/F 4` so a filled copy prints its answers, and an
//! appearance stream, listed in the page's `/Annots` in reading order (tab order follows it).
//!
//! Typed text uses the whole Atkinson Hyperlegible Regular, embedded as a Type 0 font with a
//! complete ToUnicode map, so people can type any letter the font has (Irish and Polish letters
//! included) and every reader shows it. Helvetica with WinAnsi turns ł and ż into `?`.

use super::pdf::RenderError;
use crate::fonts::Face;
use crate::layout::frame::{Document, PlacedField};
use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};
use std::sync::OnceLock;

/// The resource name of the field font in /DR and in every /DA.
const FIELD_FONT: &str = "SBForm";

/// A text string for a PDF dictionary: a literal for ASCII, else UTF-16BE with a byte-order mark.
pub fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        Object::string_literal(s)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for u in s.encode_utf16() {
            bytes.extend_from_slice(&u.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// What the field font needs of the whole regular face: every glyph with the first (lowest)
/// character that maps to it, and their ToUnicode map. The same for every fillable file, so
/// made once per process.
struct FieldGlyphs {
    glyphs: Vec<(u16, char)>,
    unicode: Vec<u8>,
}

/// Adds the whole regular face as a Type 0 font and returns its object id.
fn add_field_font(lo: &mut lopdf::Document) -> ObjectId {
    static FIELD: OnceLock<FieldGlyphs> = OnceLock::new();
    let face = Face::Regular;
    let field = FIELD.get_or_init(|| {
        let mut glyphs: Vec<(u16, char)> =
            face.metrics().cmap.iter().map(|&(c, g)| (g, c)).collect();
        glyphs.sort_unstable();
        glyphs.dedup_by_key(|(g, _)| *g);
        let unicode = super::embed::to_unicode(&glyphs);
        FieldGlyphs { glyphs, unicode }
    });
    let program = face.bytes().to_vec();
    let unicode = field.unicode.clone();
    super::embed::add_font(lo, face, face.name(), program, &field.glyphs, unicode)
}

/// The default appearance: the field font at `size`, black.
fn default_appearance(size: f32) -> Object {
    Object::string_literal(format!("/{FIELD_FONT} {} Tf 0 g", fmt(size)))
}

fn fmt(v: f32) -> String {
    let r = (v * 100.0).round() / 100.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r}")
    }
}

/// A widget placed on page `page` (0-based): its object id, for the structure tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Widget {
    pub page: usize,
    pub id: ObjectId,
}

/// Adds every field of `doc` to the lopdf document whose pages are `page_ids` (in order).
/// Returns the widgets in reading order; nothing is added when the document has no field.
pub fn add_fields(
    lo: &mut lopdf::Document,
    doc: &Document,
    page_ids: &[ObjectId],
) -> Result<Vec<Widget>, RenderError> {
    let per_page: Vec<Vec<PlacedField>> = doc.pages.iter().map(|p| p.fields()).collect();
    if per_page.iter().all(Vec::is_empty) {
        return Ok(Vec::new());
    }
    let font = add_field_font(lo);
    let mut font_res = Dictionary::new();
    font_res.set(FIELD_FONT, Object::Reference(font));
    let mut dr = Dictionary::new();
    dr.set("Font", Object::Dictionary(font_res.clone()));
    let mut widgets = Vec::new();
    for (i, (fields, page)) in per_page.iter().zip(&doc.pages).enumerate() {
        let Some(&page_id) = page_ids.get(i) else {
            return Err(RenderError(format!("page {} is missing", i + 1)));
        };
        let mut annots = Vec::new();
        for f in fields {
            let r = f.rect;
            let (x0, y0, x1, y1) = (r.x, page.height - r.bottom(), r.right(), page.height - r.y);
            // An empty appearance: the page's own writing lines show through, so a blank copy
            // prints as a paper handout; readers draw their own appearance as people type.
            let mut ap_dict = Dictionary::new();
            ap_dict.set("Type", Object::Name(b"XObject".to_vec()));
            ap_dict.set("Subtype", Object::Name(b"Form".to_vec()));
            ap_dict.set(
                "BBox",
                Object::Array(vec![
                    0.into(),
                    0.into(),
                    Object::Real(r.w),
                    Object::Real(r.h),
                ]),
            );
            let mut res = Dictionary::new();
            res.set("Font", Object::Dictionary(font_res.clone()));
            ap_dict.set("Resources", Object::Dictionary(res));
            let ap = lo.add_object(Stream::new(ap_dict, b"/Tx BMC\nEMC\n".to_vec()));
            let mut ap_n = Dictionary::new();
            ap_n.set("N", Object::Reference(ap));
            let mut mk = Dictionary::new();
            mk.set(
                "BC",
                Object::Array(vec![
                    Object::Real(0.6),
                    Object::Real(0.6),
                    Object::Real(0.6),
                ]),
            );
            let mut bs = Dictionary::new();
            bs.set("W", Object::Integer(1));
            bs.set("S", Object::Name(b"S".to_vec()));
            let mut w = Dictionary::new();
            w.set("Type", Object::Name(b"Annot".to_vec()));
            w.set("Subtype", Object::Name(b"Widget".to_vec()));
            w.set("FT", Object::Name(b"Tx".to_vec()));
            if f.field.multiline {
                w.set("Ff", Object::Integer(4096));
            }
            w.set("T", text_string(&f.field.name));
            w.set("TU", text_string(&f.field.tooltip));
            w.set(
                "Rect",
                Object::Array(vec![
                    Object::Real(x0),
                    Object::Real(y0),
                    Object::Real(x1),
                    Object::Real(y1),
                ]),
            );
            w.set("P", Object::Reference(page_id));
            w.set("F", Object::Integer(4));
            w.set("DA", default_appearance(f.field.font_size));
            w.set("MK", Object::Dictionary(mk));
            w.set("BS", Object::Dictionary(bs));
            w.set("AP", Object::Dictionary(ap_n));
            let id = lo.add_object(w);
            annots.push(Object::Reference(id));
            widgets.push(Widget { page: i, id });
        }
        if annots.is_empty() {
            continue;
        }
        let page_dict = lo
            .get_object_mut(page_id)
            .and_then(Object::as_dict_mut)
            .map_err(|e| RenderError(format!("page {}: {e}", i + 1)))?;
        let mut all = match page_dict.get(b"Annots") {
            Ok(Object::Array(a)) => a.clone(),
            _ => Vec::new(),
        };
        all.extend(annots);
        page_dict.set("Annots", Object::Array(all));
        page_dict.set("Tabs", Object::Name(b"S".to_vec()));
    }
    let mut form = Dictionary::new();
    form.set(
        "Fields",
        Object::Array(widgets.iter().map(|w| Object::Reference(w.id)).collect()),
    );
    form.set("DA", default_appearance(11.0));
    form.set("DR", Object::Dictionary(dr));
    let form = lo.add_object(form);
    let root = lo
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| RenderError(format!("no catalog: {e}")))?;
    let cat = lo
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(|e| RenderError(format!("no catalog: {e}")))?;
    cat.set("AcroForm", Object::Reference(form));
    Ok(widgets)
}
