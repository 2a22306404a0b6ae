//! What printpdf cannot set on a converted document: the language, the page mode (outline or
//! full screen), the dates (only when the user gave one) and a trailer /ID derived from the
//! content, so the same document gives the same bytes on every run and every build.

use super::pdf::RenderError;
use crate::layout::frame::Document;

/// Sets what printpdf cannot: the language, the outline's page mode, dates and a stable /ID.
pub(super) fn finish(lo: &mut lopdf::Document, doc: &Document) -> Result<(), RenderError> {
    use lopdf::Object;
    let root = lo
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| RenderError(format!("no catalog: {e}")))?;
    if let Ok(Object::Dictionary(cat)) = lo.get_object_mut(root) {
        if !doc.language.is_empty() {
            cat.set("Lang", Object::string_literal(doc.language.clone()));
        }
        if doc.full_screen {
            cat.set("PageMode", Object::Name(b"FullScreen".to_vec()));
        } else if !doc.bookmarks.is_empty() {
            cat.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
    }
    if let Ok(info_ref) = lo.trailer.get(b"Info").and_then(Object::as_reference)
        && let Ok(Object::Dictionary(info)) = lo.get_object_mut(info_ref)
    {
        match &doc.date {
            Some(d) => {
                let stamp = format!("D:{}000000Z", d.replace('-', ""));
                info.set("CreationDate", Object::string_literal(stamp.clone()));
                info.set("ModDate", Object::string_literal(stamp));
            }
            None => {
                info.remove(b"CreationDate");
                info.remove(b"ModDate");
            }
        }
        // printpdf writes these empty. An empty PDF/X version (ISO 15930) is a claim print-shop
        // preflight tools read, and these files make no such claim.
        for key in [b"GTS_PDFXVersion".as_slice(), b"Identifier"] {
            if info
                .get(key)
                .and_then(Object::as_str)
                .is_ok_and(<[u8]>::is_empty)
            {
                info.remove(key);
            }
        }
    }
    // A stable ID from the content (FNV-1a), the same on every run and every build.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    feed(doc.title.as_bytes());
    for p in &doc.pages {
        feed(&p.width.to_le_bytes());
        feed(&p.height.to_le_bytes());
        feed(&(p.leaf_count() as u64).to_le_bytes());
        for t in p.texts() {
            feed(t.text.text.as_bytes());
        }
    }
    let id = format!("{h:016x}{:016x}", doc.pages.len());
    let id_obj = Object::String(id.into_bytes(), lopdf::StringFormat::Hexadecimal);
    lo.trailer
        .set("ID", Object::Array(vec![id_obj.clone(), id_obj]));
    Ok(())
}
