//! The fonts of a PDF, written with lopdf: each face the pages use as a Type 0 font whose
//! program is subset to the glyphs shown ([`super::subset`]), and the whole regular face for
//! form fields ([`super::fields`]).
//!
//! Every font is a Type 0 font with `Identity-H` encoding over a `CIDFontType2` whose CIDs are
//! the face's own glyph ids (`/CIDToGIDMap /Identity`): the content streams show glyph ids, `/W`
//! gives the advance of each glyph shown, and a ToUnicode map gives the character each glyph
//! stands for, so text can be searched, copied and read aloud.

use super::pdf::RenderError;
use super::subset::subset;
use crate::fonts::Face;
use lopdf::{Dictionary, Object, ObjectId, Stream};

/// A face as a document's pages use it: each glyph shown and the character it stands for (the
/// last one shown with it), in glyph order.
#[derive(Debug, Clone, PartialEq)]
pub struct FaceUse {
    pub face: Face,
    pub glyphs: Vec<(u16, char)>,
}

/// The resource name of a face's font on the pages, also the tag of its subset's name (six
/// capital letters, so PDF tools read `SBREGU+AtkinsonHyperlegible-Regular` as a subset).
pub fn resource_name(face: Face) -> &'static str {
    match face {
        Face::Regular => "SBREGU",
        Face::Bold => "SBBOLD",
        Face::Italic => "SBITAL",
    }
}

/// Adds a subset font for each face in `used` and names it in the font resources of every page
/// of `lo` (and so of the forms made from pages later).
pub fn add_page_fonts(lo: &mut lopdf::Document, used: &[FaceUse]) -> Result<(), RenderError> {
    let mut fonts = Dictionary::new();
    for u in used {
        let m = u.face.metrics();
        let program = subset(u.face.bytes(), &m.cmap, u.glyphs.iter().map(|&(g, _)| g))
            .map_err(|e| RenderError(format!("font {}: {e}", u.face.name())))?;
        let name = format!("{}+{}", resource_name(u.face), u.face.name());
        let id = add_font(lo, u.face, &name, program, &u.glyphs, to_unicode(&u.glyphs));
        fonts.set(resource_name(u.face), Object::Reference(id));
    }
    if fonts.is_empty() {
        return Ok(());
    }
    let fault = |e: lopdf::Error| RenderError(format!("page resources: {e}"));
    let pages: Vec<ObjectId> = lo.get_pages().into_values().collect();
    for page in pages {
        let resources = resources_mut(lo, page).map_err(fault)?;
        // printpdf points every page to one font dictionary, empty as it made no font.
        let shared = match resources.get(b"Font") {
            Ok(Object::Reference(r)) => Some(*r),
            _ => None,
        };
        let target = match shared {
            Some(r) => lo.get_dictionary_mut(r).map_err(fault)?,
            None => {
                if !matches!(resources.get(b"Font"), Ok(Object::Dictionary(_))) {
                    resources.set("Font", Dictionary::new());
                }
                resources
                    .get_mut(b"Font")
                    .and_then(Object::as_dict_mut)
                    .map_err(fault)?
            }
        };
        for (k, v) in fonts.iter() {
            target.set(k.clone(), v.clone());
        }
    }
    Ok(())
}

/// The resource dictionary of `page`, whether the page holds it or points to it.
fn resources_mut(
    lo: &mut lopdf::Document,
    page: ObjectId,
) -> Result<&mut Dictionary, lopdf::Error> {
    match lo.get_dictionary(page)?.get(b"Resources")? {
        Object::Reference(r) => {
            let r = *r;
            lo.get_dictionary_mut(r)
        }
        _ => lo
            .get_dictionary_mut(page)?
            .get_mut(b"Resources")
            .and_then(Object::as_dict_mut),
    }
}

/// Adds `face` as a Type 0 font named `name` with the font program `program`, which holds at
/// least `glyphs` (glyph id and the character it stands for, by glyph id), and `unicode`, their
/// ToUnicode map ([`to_unicode`]); returns its id.
pub fn add_font(
    lo: &mut lopdf::Document,
    face: Face,
    name: &str,
    program: Vec<u8>,
    glyphs: &[(u16, char)],
    unicode: Vec<u8>,
) -> ObjectId {
    let m = face.metrics();
    let mut file_dict = Dictionary::new();
    file_dict.set("Length1", Object::Integer(program.len() as i64));
    let file = lo.add_object(Stream::new(file_dict, program));
    let scale = 1000.0 / m.units_per_em;
    let pdf_units = |v: f32| Object::Integer((v * scale).round() as i64);
    let name = Object::Name(name.as_bytes().to_vec());
    let mut desc = Dictionary::new();
    desc.set("Type", Object::Name(b"FontDescriptor".to_vec()));
    desc.set("FontName", name.clone());
    // Nonsymbolic (32), and Italic (64) for a slanted face.
    let italic = m.italic_angle != 0.0;
    desc.set("Flags", Object::Integer(if italic { 96 } else { 32 }));
    desc.set(
        "FontBBox",
        Object::Array(m.bbox.iter().map(|v| pdf_units(f32::from(*v))).collect()),
    );
    desc.set(
        "ItalicAngle",
        Object::Integer(m.italic_angle.round() as i64),
    );
    desc.set("Ascent", pdf_units(m.ascent));
    desc.set("Descent", pdf_units(m.descent));
    desc.set("CapHeight", pdf_units(m.cap_height));
    // The stem width readers use when they must stand in for the font, estimated from the
    // weight class as font tools do (about 96 for regular, 169 for bold).
    let stem = 10.0 + 220.0 * (f32::from(m.weight) - 50.0) / 900.0;
    desc.set("StemV", Object::Integer(stem.round() as i64));
    desc.set("FontFile2", Object::Reference(file));
    let desc = lo.add_object(desc);
    let mut info = Dictionary::new();
    info.set("Registry", Object::string_literal("Adobe"));
    info.set("Ordering", Object::string_literal("Identity"));
    info.set("Supplement", Object::Integer(0));
    let mut cid = Dictionary::new();
    cid.set("Type", Object::Name(b"Font".to_vec()));
    cid.set("Subtype", Object::Name(b"CIDFontType2".to_vec()));
    cid.set("BaseFont", name.clone());
    cid.set("CIDSystemInfo", Object::Dictionary(info));
    cid.set("FontDescriptor", Object::Reference(desc));
    let advance = |g: u16| {
        let w = m.glyph_advances.get(usize::from(g)).copied().unwrap_or(0);
        pdf_units(f32::from(w))
    };
    cid.set("W", widths(glyphs.iter().map(|&(g, _)| g), advance));
    cid.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));
    let cid = lo.add_object(cid);
    let to_unicode = lo.add_object(Stream::new(Dictionary::new(), unicode));
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type0".to_vec()));
    font.set("BaseFont", name);
    font.set("Encoding", Object::Name(b"Identity-H".to_vec()));
    font.set(
        "DescendantFonts",
        Object::Array(vec![Object::Reference(cid)]),
    );
    font.set("ToUnicode", Object::Reference(to_unicode));
    lo.add_object(font)
}

/// The `/W` array of the glyphs `gids` (ascending): `first [w1 w2 …]` for each run of
/// consecutive ids.
fn widths(gids: impl Iterator<Item = u16>, advance: impl Fn(u16) -> Object) -> Object {
    let mut out = Vec::new();
    let mut run: Option<(u16, Vec<Object>)> = None;
    for g in gids {
        match &mut run {
            Some((first, ws)) if usize::from(*first) + ws.len() == usize::from(g) => {
                ws.push(advance(g));
            }
            _ => {
                if let Some((first, ws)) = run.take() {
                    out.push(Object::Integer(i64::from(first)));
                    out.push(Object::Array(ws));
                }
                run = Some((g, vec![advance(g)]));
            }
        }
    }
    if let Some((first, ws)) = run {
        out.push(Object::Integer(i64::from(first)));
        out.push(Object::Array(ws));
    }
    Object::Array(out)
}

/// A ToUnicode CMap that maps each glyph id of `glyphs` to its character.
pub fn to_unicode(glyphs: &[(u16, char)]) -> Vec<u8> {
    use std::fmt::Write;
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    for chunk in glyphs.chunks(100) {
        let _ = writeln!(s, "{} beginbfchar", chunk.len());
        for (gid, c) in chunk {
            let _ = write!(s, "<{gid:04X}> <");
            for u in c.encode_utf16(&mut [0u16; 2]) {
                let _ = write!(s, "{u:04X}");
            }
            s.push_str(">\n");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    s.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_in_runs_of_consecutive_glyphs() {
        let w = widths([3u16, 4, 5, 9, 11, 12].into_iter(), |g| {
            Object::Integer(i64::from(g) * 10)
        });
        let int = |v: i64| Object::Integer(v);
        let want = Object::Array(vec![
            int(3),
            Object::Array(vec![int(30), int(40), int(50)]),
            int(9),
            Object::Array(vec![int(90)]),
            int(11),
            Object::Array(vec![int(110), int(120)]),
        ]);
        assert_eq!(w, want);
        assert_eq!(
            widths(std::iter::empty(), |_| int(0)),
            Object::Array(vec![])
        );
    }

    #[test]
    fn the_unicode_map_gives_each_glyph_its_character() {
        let map = String::from_utf8(to_unicode(&[(36, 'A'), (300, 'ŵ'), (301, '😀')])).unwrap();
        assert!(map.contains("3 beginbfchar\n<0024> <0041>\n<012C> <0175>\n<012D> <D83DDE00>\n"));
        assert!(map.ends_with(
            "endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
        ));
    }
}
