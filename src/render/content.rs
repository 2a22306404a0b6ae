//! Page content streams written straight from the renderer's ops ([`PageOp`]), in the notation
//! lopdf's `Content::encode` uses, without printpdf's per-character cmap lookups and per-operand
//! objects (which were a quarter of a pack's time).
//!
//! Text shows the faces' own glyph ids ([`super::embed`] embeds each face with
//! `/CIDToGIDMap /Identity`), and [`Subsets`] records which glyphs each face shows and the
//! character each stands for, for the font subsets and their ToUnicode maps.

use super::embed::{FaceUse, resource_name};
use super::pdf::RenderError;
use crate::fonts::Face;
use printpdf::{Color, CurTransMat, LinePoint, Op, PaintMode, Polygon, XObject, XObjectId};
use std::collections::BTreeMap;
use std::io::Write;

/// The glyphs each face shows in a document, recorded as the content is encoded.
#[derive(Debug, Default)]
pub struct Subsets {
    /// By face (in the order of [`Face::ALL`]), by glyph id: the last character shown with the
    /// glyph (what the ToUnicode map gives), for the glyphs shown.
    faces: [Vec<Option<char>>; 3],
}

impl Subsets {
    fn show(&mut self, face: Face, glyph: u16, c: char) {
        let glyphs = &mut self.faces[face as usize];
        let g = usize::from(glyph);
        if glyphs.len() <= g {
            glyphs.resize(face.metrics().glyph_advances.len().max(g + 1), None);
        }
        glyphs[g] = Some(c);
    }

    /// Each face shown and its glyphs, in glyph order.
    pub fn used(self) -> Vec<FaceUse> {
        Face::ALL
            .into_iter()
            .zip(self.faces)
            .filter(|(_, glyphs)| !glyphs.is_empty())
            .map(|(face, glyphs)| FaceUse {
                face,
                glyphs: (0u16..)
                    .zip(glyphs)
                    .filter_map(|(g, c)| Some((g, c?)))
                    .collect(),
            })
            .collect()
    }
}

/// The face whose font resource is named `name`.
#[cfg(test)]
fn face_of(name: &str) -> Option<Face> {
    Face::ALL.into_iter().find(|f| resource_name(*f) == name)
}

/// One operation of a page as the renderer makes it: the ones every line of text needs (its
/// font, its text, its marked content) in a form that copies and allocates nothing, the rest
/// as printpdf's ops.
#[derive(Debug)]
pub enum PageOp<'a> {
    /// `/SBREGU 11 Tf`: a face at a size.
    Font(Face, f32),
    /// `(…) Tj`: text shown in the current font.
    Text(&'a str),
    /// `/Artifact BMC`
    Artifact,
    /// `/P <</MCID 3>> BDC`: the structure tag and the marked-content id.
    Marked(&'static str, i64),
    Op(Op),
}

/// Pushing a printpdf op onto a page's operations.
pub trait PushOp {
    fn push_op(&mut self, op: Op);
}

impl PushOp for Vec<PageOp<'_>> {
    fn push_op(&mut self, op: Op) {
        self.push(PageOp::Op(op));
    }
}

/// What the content of a page needs besides its ops.
pub struct Context<'a> {
    pub xobjects: &'a BTreeMap<XObjectId, XObject>,
}

/// The content stream of one page, or `None` when the ops hold something this module does not
/// write (the renderer makes none such). The glyphs shown are added to `shown`.
pub fn encode(ops: &[PageOp], cx: &Context, shown: &mut Subsets) -> Option<Vec<u8>> {
    let mut w = Writer::default();
    // The graphics state as far as it is set here, and the states `q` saved: an operator that
    // sets what is already set is left out (the renderer sets the font and colour for every
    // line of text).
    let mut now = State::default();
    let mut saved: Vec<State> = Vec::new();
    for op in ops {
        let op = match op {
            PageOp::Font(face, size) => {
                let font = Some((*face, size.to_bits()));
                if std::mem::replace(&mut now.font, font) != font {
                    w.name(resource_name(*face));
                    w.real(*size);
                    w.op("Tf");
                }
                continue;
            }
            PageOp::Text(t) => {
                let (face, _) = now.font?;
                let m = face.metrics();
                w.start();
                w.buf.push(b'(');
                for c in t.chars() {
                    let g = m.glyph(c).unwrap_or(0);
                    if g != 0 {
                        shown.show(face, g, c);
                    }
                    w.glyph(g);
                }
                w.buf.extend_from_slice(b") ");
                w.op("Tj");
                continue;
            }
            PageOp::Artifact => {
                w.name("Artifact");
                w.op("BMC");
                continue;
            }
            PageOp::Marked(tag, mcid) => {
                w.name(tag);
                w.start();
                w.buf.extend_from_slice(b"<</MCID ");
                write_int(&mut w.buf, *mcid);
                w.buf.extend_from_slice(b">> ");
                w.op("BDC");
                continue;
            }
            PageOp::Op(op) => op,
        };
        match op {
            Op::SaveGraphicsState => {
                saved.push(now);
                w.op("q");
            }
            Op::RestoreGraphicsState => {
                now = saved.pop().unwrap_or_default();
                w.op("Q");
            }
            Op::StartTextSection => w.op("BT"),
            Op::EndTextSection => w.op("ET"),
            Op::SetFillColor { col: Color::Rgb(c) } => {
                let rgb = Some([c.r, c.g, c.b].map(f32::to_bits));
                if std::mem::replace(&mut now.fill, rgb) != rgb {
                    w.reals(&[c.r, c.g, c.b]);
                    w.op("rg");
                }
            }
            Op::SetOutlineColor { col: Color::Rgb(c) } => {
                let rgb = Some([c.r, c.g, c.b].map(f32::to_bits));
                if std::mem::replace(&mut now.stroke, rgb) != rgb {
                    w.reals(&[c.r, c.g, c.b]);
                    w.op("RG");
                }
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
            Op::EndMarkedContent => w.op("EMC"),
            _ => return None,
        }
    }
    Some(w.buf)
}

/// What the graphics state holds, as far as [`encode`] leaves out operators that set it again:
/// the font and size, and the fill and stroke colours (as bits, so equal means the same bytes).
#[derive(Debug, Clone, Copy, Default)]
struct State {
    font: Option<(Face, u32)>,
    fill: Option<[u32; 3]>,
    stroke: Option<[u32; 3]>,
}

/// Writes operands and operators the way lopdf's `Content::encode` does: each operand followed
/// by a space, then the operator, and a newline between operations.
struct Writer {
    buf: Vec<u8>,
    /// Whether the current operation has begun (operands written).
    open: bool,
    /// The text of recently written reals, by their bits: a page repeats its margins, colours
    /// and sizes, and the float formatter is the slow part of writing a number.
    reals: Vec<(u32, u8, [u8; 15])>,
}

impl Default for Writer {
    fn default() -> Self {
        Writer {
            buf: Vec::new(),
            open: false,
            reals: vec![(0, 0, [0; 15]); 256],
        }
    }
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
        let bits = v.to_bits();
        let slot = &mut self.reals[(bits.wrapping_mul(0x9E37_79B9) >> 24) as usize];
        if slot.1 > 0 && slot.0 == bits {
            self.buf.extend_from_slice(&slot.2[..usize::from(slot.1)]);
        } else {
            let at = self.buf.len();
            write_real(&mut self.buf, v);
            let text = &self.buf[at..];
            if text.len() <= slot.2.len() {
                slot.0 = bits;
                slot.1 = text.len() as u8;
                slot.2[..text.len()].copy_from_slice(text);
            }
        }
        self.buf.push(b' ');
    }

    fn reals(&mut self, vs: &[f32]) {
        for v in vs {
            self.real(*v);
        }
    }

    fn name(&mut self, n: &str) {
        self.start();
        write_name(&mut self.buf, n.as_bytes());
        self.buf.push(b' ');
    }

    /// A glyph id as the two bytes of a literal string, escaped where a literal string needs it
    /// (parentheses, backslash) or would change the byte (a carriage return reads as a line
    /// feed).
    fn glyph(&mut self, gid: u16) {
        for b in gid.to_be_bytes() {
            match b {
                b'(' | b')' | b'\\' => self.buf.extend_from_slice(&[b'\\', b]),
                b'\r' => self.buf.extend_from_slice(b"\\r"),
                b'\n' => self.buf.extend_from_slice(b"\\n"),
                _ => self.buf.push(b),
            }
        }
    }
}

/// Writes `v` as lopdf does (with Display), so the bytes are the same. Whole numbers (the
/// `1 0 0 1` of every text matrix, sizes, colours 0 and 1) skip the float formatter.
pub(super) fn write_real(buf: &mut Vec<u8>, v: f32) {
    if v.fract() == 0.0 && v.abs() < 1e9 {
        if v.is_sign_negative() {
            buf.push(b'-');
        }
        write_int(buf, v.abs() as i64);
    } else {
        let _ = write!(buf, "{v}");
    }
}

/// Writes `n` in decimal, as lopdf writes integers.
pub(super) fn write_int(buf: &mut Vec<u8>, n: i64) {
    if n < 0 {
        buf.push(b'-');
    }
    let mut n = n.unsigned_abs();
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[i..]);
}

pub(super) fn write_name(buf: &mut Vec<u8>, name: &[u8]) {
    buf.push(b'/');
    for &b in name {
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
    use super::super::pdf::render;
    use crate::commands::Context;
    use crate::commands::cards::cards_document;
    use crate::commands::handout::handouts_document;
    use crate::commands::poster::tiled_document;
    use crate::config::CardOptions;
    use crate::layout::handout::HandoutOptions;
    use crate::layout::poster::{PosterOptions, PosterSize};
    use crate::pack::{PackSource, Setting, load_pack};
    use crate::template::{Paper, Template};
    use lopdf::{Document, Object, content::Content};
    use std::collections::{BTreeMap, BTreeSet};

    /// Every glyph id a font of `doc` is shown with, by the font's resource name, read from the
    /// content of the pages and of the forms they show.
    fn shown(doc: &Document) -> BTreeMap<Vec<u8>, BTreeSet<u16>> {
        let mut out: BTreeMap<Vec<u8>, BTreeSet<u16>> = BTreeMap::new();
        for obj in doc.objects.values() {
            let Object::Stream(s) = obj else { continue };
            let is_form = s.dict.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Form");
            let is_page_content = doc.get_pages().values().any(|p| {
                doc.get_page_contents(*p)
                    .iter()
                    .any(|c| doc.get_object(*c).ok() == Some(obj))
            });
            if !is_form && !is_page_content {
                continue;
            }
            let content = Content::decode(&s.decompressed_content().unwrap_or(s.content.clone()))
                .expect("the content parses");
            let mut font = Vec::new();
            for op in content.operations {
                match op.operator.as_str() {
                    "Tf" => font = op.operands[0].as_name().expect("a font name").to_vec(),
                    "Tj" => {
                        let bytes = op.operands[0].as_str().expect("a string");
                        let gids = bytes.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]]));
                        out.entry(font.clone()).or_default().extend(gids);
                    }
                    _ => {}
                }
            }
        }
        out
    }

    #[test]
    fn every_glyph_shown_has_a_width_a_character_and_its_outline() {
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
            let bytes = render(doc).expect("renders");
            let lo = Document::load_mem(&bytes).expect("lopdf reads it");
            let shown = shown(&lo);
            assert!(
                shown.len() >= 2,
                "{}: fonts shown {:?}",
                doc.title,
                shown.keys()
            );
            let page = lo.get_pages().into_values().next().expect("a page");
            let fonts = lo.get_page_fonts(page).expect("page fonts");
            for (name, gids) in &shown {
                let font = fonts
                    .get(name)
                    .unwrap_or_else(|| panic!("{}: no font {name:?}", doc.title));
                let cid = match &font.get(b"DescendantFonts").unwrap().as_array().unwrap()[0] {
                    Object::Reference(r) => lo.get_dictionary(*r).unwrap(),
                    Object::Dictionary(d) => d,
                    _ => panic!("no descendant font"),
                };
                // Widths: `first [w …]` runs.
                let w = cid.get(b"W").unwrap().as_array().unwrap();
                let mut widths = BTreeMap::new();
                for pair in w.chunks(2) {
                    let first = pair[0].as_i64().unwrap() as u16;
                    for (i, v) in pair[1].as_array().unwrap().iter().enumerate() {
                        widths.insert(first + i as u16, v.as_i64().unwrap());
                    }
                }
                let to_unicode = lo
                    .get_object(font.get(b"ToUnicode").unwrap().as_reference().unwrap())
                    .unwrap()
                    .as_stream()
                    .unwrap();
                let map = String::from_utf8(
                    to_unicode
                        .decompressed_content()
                        .unwrap_or(to_unicode.content.clone()),
                )
                .unwrap();
                let desc = lo
                    .get_dictionary(cid.get(b"FontDescriptor").unwrap().as_reference().unwrap())
                    .unwrap();
                let program = lo
                    .get_object(desc.get(b"FontFile2").unwrap().as_reference().unwrap())
                    .unwrap()
                    .as_stream()
                    .unwrap();
                let program = program
                    .decompressed_content()
                    .unwrap_or(program.content.clone());
                let face = super::face_of(std::str::from_utf8(name).unwrap()).unwrap();
                for &g in gids {
                    let what = format!("{}: {name:?} glyph {g}", doc.title);
                    assert!(g != 0, "{what}: .notdef shown");
                    let want = face.metrics().glyph_advances[usize::from(g)];
                    assert_eq!(widths.get(&g), Some(&i64::from(want)), "{what}: width");
                    assert!(
                        map.contains(&format!("<{g:04X}> <")),
                        "{what}: no character"
                    );
                    let outline = super::super::subset::outline(&program, g).expect("reads");
                    let space = face.metrics().glyph(' ') == Some(g);
                    assert!(space || !outline.is_empty(), "{what}: no outline");
                }
            }
        }
    }

    #[test]
    fn glyph_ids_survive_the_bytes_a_literal_string_escapes_and_repeats_are_left_out() {
        use super::{Context, PageOp, Subsets, encode};
        use crate::fonts::Face;
        use printpdf::{Color, Op, Rgb};
        let m = Face::Regular.metrics();
        // Characters whose glyph ids hold the bytes ( ) \\ CR LF.
        let text: String = [0x28u16, 0x29, 0x5C, 0x0D, 0x0A, 0x0128, 0x010D]
            .iter()
            .filter_map(|&g| m.cmap.iter().find(|(_, gid)| *gid == g).map(|(c, _)| *c))
            .collect();
        assert!(text.chars().count() >= 5, "too few test glyphs: {text:?}");
        let font = || PageOp::Font(Face::Regular, 11.0);
        let grey = || {
            PageOp::Op(Op::SetFillColor {
                col: Color::Rgb(Rgb::new(0.5, 0.5, 0.5, None)),
            })
        };
        let show = || PageOp::Text(&text);
        let op = PageOp::Op;
        let red = || {
            op(Op::SetFillColor {
                col: Color::Rgb(Rgb::new(1.0, 0.0, 0.0, None)),
            })
        };
        let ops = [
            op(Op::StartTextSection),
            font(),
            grey(),
            show(),
            font(),
            grey(),
            show(),
            op(Op::EndTextSection),
            op(Op::SaveGraphicsState),
            red(),
            op(Op::RestoreGraphicsState),
            grey(),
            op(Op::SaveGraphicsState),
            red(),
            op(Op::RestoreGraphicsState),
            op(Op::StartTextSection),
            font(),
            grey(),
            show(),
            op(Op::EndTextSection),
        ];
        let xobjects = Default::default();
        let bytes = encode(
            &ops,
            &Context {
                xobjects: &xobjects,
            },
            &mut Subsets::default(),
        )
        .expect("encodes");
        let content = Content::decode(&bytes).expect("lopdf reads it back");
        let operators: Vec<&str> = content
            .operations
            .iter()
            .map(|o| o.operator.as_str())
            .collect();
        // The font and colour once; the grey after Q is still set (q saved it).
        assert_eq!(
            operators,
            [
                "BT", "Tf", "rg", "Tj", "Tj", "ET", "q", "rg", "Q", "q", "rg", "Q", "BT", "Tj",
                "ET"
            ]
        );
        let want: Vec<u8> = text
            .chars()
            .flat_map(|c| m.glyph(c).unwrap_or(0).to_be_bytes())
            .collect();
        for op in content.operations.iter().filter(|o| o.operator == "Tj") {
            assert_eq!(op.operands[0].as_str().expect("a string"), want.as_slice());
        }
    }

    #[test]
    fn reals_are_written_as_lopdf_writes_them() {
        for v in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            10.0,
            22.0,
            595.0,
            1e8,
            0.5,
            -0.25,
            52.519684,
            0.101960786,
            841.8898,
            1e-7,
            123456.79,
            f32::MAX,
            f32::MIN_POSITIVE,
        ] {
            let mut ours = Vec::new();
            super::write_real(&mut ours, v);
            assert_eq!(String::from_utf8(ours).unwrap(), format!("{v}"));
        }
    }
}
