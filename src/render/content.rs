//! Page content streams written straight from the renderer's ops, byte for byte what printpdf
//! would write, without its per-character cmap lookups and per-operand objects (which were a
//! quarter of a pack's time).
//!
//! printpdf still makes the fonts: it subsets each font to the glyphs it sees on the pages and
//! numbers them by their position in the sorted list of glyphs used, .notdef first (printpdf
//! `font::subset_font` documents that order as the one it relies on). So the renderer hands
//! printpdf pages that show each used glyph once ([`Subsets::glyph_ops`]), with the same
//! character for each glyph that printpdf would have recorded, and after conversion puts the
//! content encoded here ([`encode`]) into the pages instead. Ops this module does not know make
//! [`encode`] give up, and the renderer lets printpdf write that document as before.

use super::pdf::{RenderError, font_id};
use crate::fonts::Face;
use printpdf::{
    Color, CurTransMat, DictItem, FontId, LinePoint, Op, PaintMode, PdfDocument, PdfFontHandle,
    Polygon, TextItem, XObject, XObjectId,
};
use std::collections::BTreeMap;
use std::io::Write;

/// The glyphs each font shows in a document, as printpdf's subsetting will number them.
#[derive(Debug, Default)]
pub struct Subsets {
    /// For each font: its face, and every glyph used (original id) with the last character
    /// shown with it (what printpdf keeps for the ToUnicode map).
    fonts: BTreeMap<String, (Face, BTreeMap<u16, char>)>,
    /// For each font: original glyph id to subset glyph id.
    remap: BTreeMap<String, BTreeMap<u16, u16>>,
}

impl Subsets {
    /// Reads the text of `pages` in order, as printpdf does; `face` names the face of a font.
    pub fn collect<'a>(
        pages: impl IntoIterator<Item = &'a [Op]>,
        face: impl Fn(&FontId) -> Option<Face>,
    ) -> Subsets {
        let mut fonts: BTreeMap<String, (Face, BTreeMap<u16, char>)> = BTreeMap::new();
        for ops in pages {
            let mut current: Option<(String, Face)> = None;
            for op in ops {
                match op {
                    Op::SetFont {
                        font: PdfFontHandle::External(id),
                        ..
                    } => current = face(id).map(|f| (id.0.clone(), f)),
                    Op::SetFont { .. } => current = None,
                    Op::ShowText { items } => {
                        let Some((id, f)) = &current else { continue };
                        let m = f.metrics();
                        let used = &mut fonts.entry(id.clone()).or_insert((*f, BTreeMap::new())).1;
                        for item in items {
                            if let TextItem::Text(t) = item {
                                for c in t.chars() {
                                    if let Some(g) = m.glyph(c) {
                                        used.insert(g, c);
                                    }
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        let remap = fonts
            .iter()
            .map(|(id, (_, used))| {
                let ids = std::iter::once(0).chain(used.keys().copied().filter(|g| *g != 0));
                let map = ids
                    .enumerate()
                    .map(|(new, old)| (old, new as u16))
                    .collect();
                (id.clone(), map)
            })
            .collect();
        Subsets { fonts, remap }
    }

    /// Ops that show every used glyph once, each with its recorded character, so that printpdf
    /// subsets the fonts exactly as it would for the real pages.
    pub fn glyph_ops(&self) -> Vec<Op> {
        let mut ops = vec![Op::StartTextSection];
        for (id, (_, used)) in &self.fonts {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(FontId(id.clone())),
                size: printpdf::Pt(10.0),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::Text(used.values().collect())],
            });
        }
        ops.push(Op::EndTextSection);
        ops
    }
}

/// What the content of a page needs besides its ops.
pub struct Context<'a> {
    pub subsets: &'a Subsets,
    pub xobjects: &'a BTreeMap<XObjectId, XObject>,
}

/// The content stream of one page, or `None` when the ops hold something this module does not
/// write (printpdf then writes the document).
pub fn encode(ops: &[Op], cx: &Context) -> Option<Vec<u8>> {
    let mut w = Writer::default();
    let mut font: Option<(&str, Face)> = None;
    for op in ops {
        match op {
            Op::SaveGraphicsState => w.op("q"),
            Op::RestoreGraphicsState => w.op("Q"),
            Op::StartTextSection => w.op("BT"),
            Op::EndTextSection => w.op("ET"),
            Op::SetFont {
                font: PdfFontHandle::External(id),
                size,
            } => {
                let (name, (face, _)) = cx.subsets.fonts.get_key_value(&id.0)?;
                font = Some((name.as_str(), *face));
                w.name(&id.0);
                w.real(size.0);
                w.op("Tf");
            }
            Op::ShowText { items } => {
                let [TextItem::Text(t)] = items.as_slice() else {
                    return None;
                };
                let (name, face) = font?;
                let remap = cx.subsets.remap.get(name)?;
                let m = face.metrics();
                w.start();
                w.buf.push(b'<');
                for c in t.chars() {
                    let old = m.glyph(c).unwrap_or(0);
                    let new = remap.get(&old).copied().unwrap_or(0);
                    w.hex(new);
                }
                w.buf.extend_from_slice(b"> ");
                w.op("Tj");
            }
            Op::SetFillColor { col: Color::Rgb(c) } => {
                w.reals(&[c.r, c.g, c.b]);
                w.op("rg");
            }
            Op::SetOutlineColor { col: Color::Rgb(c) } => {
                w.reals(&[c.r, c.g, c.b]);
                w.op("RG");
            }
            Op::SetOutlineThickness { pt } => {
                w.real(pt.0);
                w.op("w");
            }
            Op::SetLineDashPattern { dash } => {
                w.start();
                w.buf.push(b'[');
                for (i, v) in dash.pattern.iter().enumerate() {
                    if i > 0 {
                        w.buf.push(b' ');
                    }
                    write_real(&mut w.buf, *v);
                }
                w.buf.extend_from_slice(b"] ");
                w.real(dash.offset);
                w.op("d");
            }
            Op::DrawLine { line } => {
                path(&mut w, &line.points);
                if line.is_closed {
                    w.op("h");
                }
                w.op("S");
            }
            Op::DrawPolygon { polygon } => polygon_ops(&mut w, polygon),
            Op::DrawRectangle { rectangle: r } => {
                w.reals(&[r.x.0, r.y.0, r.width.0, r.height.0]);
                w.op("re");
                let winding = r.winding_order.unwrap_or(printpdf::WindingOrder::NonZero);
                match r.mode {
                    Some(PaintMode::Clip) => {
                        w.op(winding.get_clip_op());
                        w.op("n");
                    }
                    Some(PaintMode::Fill) => w.op(winding.get_fill_op()),
                    Some(PaintMode::Stroke) => w.op("S"),
                    Some(PaintMode::FillStroke) => w.op(winding.get_fill_stroke_op()),
                    None => return None,
                }
            }
            Op::SetTransformationMatrix { matrix } => {
                w.reals(&matrix.as_array());
                w.op("cm");
            }
            Op::SetTextMatrix { matrix } => {
                w.reals(&matrix.as_array());
                w.op("Tm");
            }
            Op::UseXobject { id, transform } => {
                let wh = if transform.no_auto_scale {
                    None
                } else {
                    cx.xobjects.get(id).and_then(XObject::get_width_height)
                };
                let mut t = CurTransMat::Identity.as_array();
                for q in transform.get_ctms(wh) {
                    t = CurTransMat::combine_matrix(t, q.as_array());
                }
                w.op("q");
                w.reals(&t);
                w.op("cm");
                w.name(&id.0);
                w.op("Do");
                w.op("Q");
            }
            Op::BeginMarkedContent { tag } => {
                w.name(tag);
                w.op("BMC");
            }
            Op::BeginMarkedContentWithProperties { tag, properties } => {
                let DictItem::Dict { map } = properties else {
                    return None;
                };
                w.name(tag);
                w.start();
                w.buf.extend_from_slice(b"<<");
                for (k, v) in map {
                    let DictItem::Int(n) = v else { return None };
                    write_name(&mut w.buf, k);
                    write!(w.buf, " {n}").ok()?;
                }
                w.buf.extend_from_slice(b">> ");
                w.op("BDC");
            }
            Op::EndMarkedContent => w.op("EMC"),
            _ => return None,
        }
    }
    Some(w.buf)
}

/// Writes operands and operators the way lopdf's `Content::encode` does: each operand followed
/// by a space, then the operator, and a newline between operations.
#[derive(Default)]
struct Writer {
    buf: Vec<u8>,
    /// Whether the current operation has begun (operands written).
    open: bool,
}

impl Writer {
    /// Begins an operation: a newline after the previous one.
    fn start(&mut self) {
        if !self.open {
            if !self.buf.is_empty() {
                self.buf.push(b'\n');
            }
            self.open = true;
        }
    }

    fn op(&mut self, operator: &str) {
        self.start();
        self.buf.extend_from_slice(operator.as_bytes());
        self.open = false;
    }

    fn real(&mut self, v: f32) {
        self.start();
        write_real(&mut self.buf, v);
        self.buf.push(b' ');
    }

    fn reals(&mut self, vs: &[f32]) {
        for v in vs {
            self.real(*v);
        }
    }

    fn name(&mut self, n: &str) {
        self.start();
        write_name(&mut self.buf, n);
        self.buf.push(b' ');
    }

    fn hex(&mut self, gid: u16) {
        const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
        for shift in [12, 8, 4, 0] {
            self.buf.push(DIGITS[usize::from((gid >> shift) & 0xF)]);
        }
    }
}

fn write_real(buf: &mut Vec<u8>, v: f32) {
    // lopdf writes reals with Display; so must this, for the same bytes.
    let _ = write!(buf, "{v}");
}

fn write_name(buf: &mut Vec<u8>, name: &str) {
    buf.push(b'/');
    for &b in name.as_bytes() {
        if b" \t\n\r\x0C()<>[]{}/%#".contains(&b) || !(33..=126).contains(&b) {
            let _ = write!(buf, "#{b:02X}");
        } else {
            buf.push(b);
        }
    }
}

/// `m`, then `l` for plain points and `c` for two control points and an end point.
fn path(w: &mut Writer, points: &[LinePoint]) {
    let Some(first) = points.first() else { return };
    w.reals(&[first.p.x.0, first.p.y.0]);
    w.op("m");
    let mut i = 1;
    while i < points.len() {
        let p = &points[i];
        if p.bezier && i + 2 < points.len() && points[i + 1].bezier {
            let (c2, end) = (&points[i + 1], &points[i + 2]);
            w.reals(&[p.p.x.0, p.p.y.0, c2.p.x.0, c2.p.y.0, end.p.x.0, end.p.y.0]);
            w.op("c");
            i += 3;
        } else {
            w.reals(&[p.p.x.0, p.p.y.0]);
            w.op("l");
            i += 1;
        }
    }
}

fn polygon_ops(w: &mut Writer, poly: &Polygon) {
    if poly.rings.is_empty() {
        return;
    }
    for ring in &poly.rings {
        path(w, &ring.points);
    }
    w.op("h");
    match poly.mode {
        PaintMode::Clip => {
            w.op(poly.winding_order.get_clip_op());
            w.op("n");
        }
        PaintMode::Fill => w.op(poly.winding_order.get_fill_op()),
        PaintMode::Stroke => w.op("S"),
        PaintMode::FillStroke => w.op(poly.winding_order.get_fill_stroke_close_op()),
    }
}

/// Encodes the content of every page here and leaves printpdf only a page
/// that shows each glyph used, for its subsetting. `None` (and the pages untouched) when some op
/// is one the encoder does not write.
pub(super) fn own_contents(pdf: &mut PdfDocument) -> Option<Vec<Vec<u8>>> {
    let face = |id: &FontId| Face::ALL.into_iter().find(|f| font_id(*f) == *id);
    let subsets = Subsets::collect(pdf.pages.iter().map(|p| p.ops.as_slice()), face);
    let cx = Context {
        subsets: &subsets,
        xobjects: &pdf.resources.xobjects.map,
    };
    let contents: Vec<Vec<u8>> = pdf
        .pages
        .iter()
        .map(|p| encode(&p.ops, &cx))
        .collect::<Option<_>>()?;
    for p in &mut pdf.pages {
        p.ops.clear();
    }
    if let Some(first) = pdf.pages.first_mut() {
        first.ops = subsets.glyph_ops();
    }
    Some(contents)
}

/// Puts `contents` into the pages of `lo`, in order, in place of what printpdf wrote.
pub(super) fn put_contents(
    lo: &mut lopdf::Document,
    contents: Vec<Vec<u8>>,
) -> Result<(), RenderError> {
    let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
    if page_ids.len() != contents.len() {
        return Err(RenderError("the pages do not add up".into()));
    }
    for (page, bytes) in page_ids.into_iter().zip(contents) {
        let streams = lo.get_page_contents(page);
        let [stream] = streams.as_slice() else {
            return Err(RenderError("a page without one content stream".into()));
        };
        match lo.get_object_mut(*stream) {
            Ok(lopdf::Object::Stream(s)) => s.set_content(bytes),
            _ => return Err(RenderError("a page without its content stream".into())),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::pdf::{build_with, save};
    use crate::commands::Context;
    use crate::commands::cards::cards_document;
    use crate::commands::handout::handouts_document;
    use crate::commands::poster::tiled_document;
    use crate::config::CardOptions;
    use crate::fonts::Face;
    use crate::layout::handout::HandoutOptions;
    use crate::layout::poster::{PosterOptions, PosterSize};
    use crate::pack::{PackSource, Setting, load_pack};
    use crate::template::{Paper, Template};

    #[test]
    fn the_content_written_here_is_what_printpdf_writes() {
        let pack = load_pack(&PackSource::Builtin)
            .pack
            .expect("the default pack");
        let ctx = Context::from_parts(pack, Template::builtin("a4").expect("a4"), None);
        let domains: Vec<_> = ctx.pack.domains.iter().collect();
        let handout = HandoutOptions {
            setting: Some(Setting::Online),
            stage: None,
            lines: 2,
            max_pages: 2,
            participant: Some("Siân Ó Dálaigh".into()),
            team: None,
            date: None,
            fillable: true,
            core: false,
            supervision: false,
        };
        let poster = PosterOptions {
            size: PosterSize::A3,
            landscape: false,
            setting: Setting::Hybrid,
            team: Some("Tîm Cymorth".into()),
            logo: None,
            date: None,
        };
        let docs = [
            handouts_document(&ctx, &domains[..2], &handout)
                .expect("handouts")
                .0,
            cards_document(&ctx, &CardOptions::default())
                .expect("cards")
                .0,
            tiled_document(&ctx, &poster, Paper::A4, 10.0)
                .expect("tiles")
                .0,
        ];
        for doc in &docs {
            let ours = save(build_with(doc, true).expect("builds")).expect("saves");
            let theirs = save(build_with(doc, false).expect("builds")).expect("saves");
            assert!(
                ours.bytes == theirs.bytes,
                "{}: the bytes differ",
                doc.title
            );
        }
    }

    #[test]
    fn glyph_ids_are_the_ones_printpdf_looks_up() {
        for face in Face::ALL {
            let theirs = printpdf::ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new())
                .expect("the bundled font parses");
            for c in (0..=0xFFFF).filter_map(char::from_u32) {
                let want = theirs.lookup_glyph_index(c as u32).filter(|g| *g != 0);
                assert_eq!(face.metrics().glyph(c), want, "{face:?} {c:?}");
            }
        }
    }
}
