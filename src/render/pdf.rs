//! Layout pages → PDF bytes: walks each page's frames into operations (`content::PageOp`),
//! written at once as its content stream; lets printpdf make the document's pages and
//! resources, then adds with lopdf what printpdf cannot or does slowly.
//! Only `render`'s modules import printpdf: `content` writes the pages' content
//! streams from the ops, `embed` the fonts (embedded and subset),
//! `forms` turns frames placed many times into form XObjects,
//! `meta` sets the language, dates and /ID, and [`save`] hands over to
//! [`super::save`].
//!
//! Output is deterministic: fonts and images get fixed resource ids, the trailer /ID is derived
//! from the content, and dates are written only when the user gave one.
//!
//! Every output is tagged: while it walks the frames, the renderer wraps each piece of content in
//! marked content that belongs to the structure element of the nearest frame with a role (text
//! and pictures; shapes only inside a figure), and everything else in `/Artifact BMC … EMC`. A
//! frame with [`Role::Artifact`] makes all it holds an artifact; inside a figure, nested roles
//! open no elements (the alternative text stands for all of it). [`super::tags`] records the
//! tree and writes it into the file.

use super::content::{Context, PageOp, PushOp, Subsets, encode, put_contents};
use super::embed::add_page_fonts;
use super::forms::{Forms, make_forms};
use super::shapes::{clip_rect, colour, draw_shape, shape_box};
use super::tags::{self, StructTree};
use crate::fonts::Face;
use crate::layout::frame::{
    Document, Frame, Group, Image, Item, Picture, Point as At, Rect, Role, Text,
};
use printpdf::{
    CurTransMat, Op, PdfDocument, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Pt, RawImage,
    RawImageData, RawImageFormat, TextMatrix, XObjectId, XObjectTransform,
};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The PDF could not be produced. Happens only on an internal fault; the message says what
/// printpdf reported.
#[derive(Debug, thiserror::Error)]
#[error("could not make the PDF: {0}")]
pub struct RenderError(pub String);

/// What a piece of content is marked as.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Mark {
    /// Decoration: `/Artifact BMC … EMC`.
    Artifact,
    /// Content of a structure element: `/Tag <</MCID n>> BDC … EMC`.
    Elem(usize),
}

/// The kinds of content: text is written inside BT..ET; a shape is decoration unless it draws
/// a figure.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Leaf {
    Text,
    Shape,
    Picture,
}

/// Where a frame sits in the structure, and how its coordinates map to the page's.
#[derive(Debug, Clone, Copy)]
struct Scope {
    /// The nearest structure element above (none: content here is an artifact).
    elem: Option<usize>,
    /// Inside an artifact: everything below is decoration, whatever its role.
    artifact: bool,
    /// Inside a figure: everything below is the figure's, shapes included.
    figure: bool,
    /// This frame's PDF coordinates to the page's: `page = s * local + (tx, ty)`.
    to_page: (f32, f32, f32),
}

impl Scope {
    const PAGE: Scope = Scope {
        elem: None,
        artifact: false,
        figure: false,
        to_page: (1.0, 0.0, 0.0),
    };

    /// Text and pictures belong to the nearest element; shapes only inside a figure.
    fn mark(&self, leaf: Leaf) -> Mark {
        match self.elem {
            Some(e) if !self.artifact && (leaf != Leaf::Shape || self.figure) => Mark::Elem(e),
            _ => Mark::Artifact,
        }
    }
}

/// Where the renderer is while it walks the frames of one page.
/// `'f` is the lifetime of the frames walked: text is written from them, not copied.
struct Walk<'a, 'f> {
    ops: Vec<PageOp<'f>>,
    images: &'a Images,
    forms: &'a mut Forms,
    in_text: bool,
    font: Option<(Face, f32)>,
    tree: &'a mut StructTree,
    page: usize,
    /// The marked-content sequence open now. It is closed before every BT, ET, q and Q, so
    /// marked content and those pairs always nest.
    open: Option<Mark>,
}

impl<'f> Walk<'_, 'f> {
    fn end_text(&mut self) {
        if self.in_text {
            self.close_mark();
            self.ops.push_op(Op::EndTextSection);
            self.in_text = false;
            self.font = None;
        }
    }

    fn close_mark(&mut self) {
        if self.open.take().is_some() {
            self.ops.push_op(Op::EndMarkedContent);
        }
    }

    /// Makes sure the next content is inside BT..ET (`text`) or outside it, and marked `mark`.
    fn begin(&mut self, mark: Mark, text: bool) {
        if text && !self.in_text {
            self.close_mark();
            self.ops.push_op(Op::StartTextSection);
            self.in_text = true;
        } else if !text {
            self.end_text();
        }
        if self.open == Some(mark) {
            return;
        }
        self.close_mark();
        self.ops.push(match mark {
            Mark::Artifact => PageOp::Artifact,
            Mark::Elem(e) => {
                let mcid = self.tree.mark(e, self.page);
                PageOp::Marked(self.tree.tag(e), mcid)
            }
        });
        self.open = Some(mark);
    }

    /// The scope inside `frame`: its role opens an element, or makes everything an artifact.
    fn enter(&mut self, frame: &Frame, scope: Scope) -> Scope {
        match &frame.role {
            None => scope,
            Some(_) if scope.artifact => scope,
            Some(Role::Artifact) => Scope {
                artifact: true,
                ..scope
            },
            Some(_) if scope.figure => scope,
            Some(role) => {
                let parent = scope.elem.unwrap_or(StructTree::ROOT);
                match self.tree.open(parent, role, self.page) {
                    Some(e) => Scope {
                        elem: Some(e),
                        figure: self.tree.absorbs(e),
                        ..scope
                    },
                    None => scope,
                }
            }
        }
    }

    /// Marks the next item, and grows the figure's box by `r` (top-left coordinates in a
    /// system of height `h`) when the item belongs to a figure.
    fn mark(&mut self, scope: &Scope, leaf: Leaf, r: Rect, h: f32) {
        let mark = scope.mark(leaf);
        self.begin(mark, leaf == Leaf::Text);
        if let (Mark::Elem(e), true) = (mark, scope.figure) {
            let (s, tx, ty) = scope.to_page;
            let (x0, y0) = (r.x * s + tx, (h - r.bottom()) * s + ty);
            self.tree.cover(e, [x0, y0, x0 + r.w * s, y0 + r.h * s]);
        }
    }

    /// Writes the items of `frame` with its top-left at `(ox, oy)` in a coordinate system whose
    /// height is `h` (for flipping y: PDF's origin is bottom-left).
    fn frame(&mut self, frame: &'f Frame, ox: f32, oy: f32, h: f32, scope: Scope) {
        let scope = self.enter(frame, scope);
        for (at, item) in &frame.items {
            let (x, y) = (ox + at.x, oy + at.y);
            match item {
                Item::Text(t) => {
                    self.mark(&scope, Leaf::Text, t.bbox_at(At::new(x, y)), h);
                    self.text(t, x, h - y);
                }
                Item::Shape(s) => {
                    self.mark(&scope, Leaf::Shape, shape_box(s, x, y), h);
                    draw_shape(&mut self.ops, s, x, y, h);
                }
                Item::Image(img) => {
                    self.mark(&scope, Leaf::Picture, Rect::new(x, y, img.w, img.h), h);
                    self.image(img, x, h - y - img.h);
                }
                // Fields are added after conversion (render::fields); their Form element was
                // opened by the frame that holds them.
                Item::Field(_) => {}
                Item::Group(g) => self.group(g, (ox, oy), (x, y), h, scope),
            }
        }
    }

    /// Places the group `g` at `(x, y)` in a frame whose top-left is at `origin`. A frame placed
    /// more than once as decoration is shown as a form XObject ([`super::forms`]); any other is
    /// walked here.
    fn group(
        &mut self,
        g: &'f Group,
        origin: (f32, f32),
        (x, y): (f32, f32),
        h: f32,
        scope: Scope,
    ) {
        let decoration = scope.artifact || g.frame.role == Some(Role::Artifact);
        let form = if decoration {
            self.forms.get(&g.frame)
        } else {
            None
        };
        if g.scale == 1.0 && g.clip.is_none() && form.is_none() {
            self.frame(&g.frame, x, y, h, scope);
            return;
        }
        self.end_text();
        self.close_mark();
        self.ops.push_op(Op::SaveGraphicsState);
        if let Some(c) = &g.clip {
            let c = Rect::new(origin.0 + c.x, origin.1 + c.y, c.w, c.h);
            self.ops.push_op(Op::DrawRectangle {
                rectangle: clip_rect(&c, h),
            });
        }
        let inner = &g.frame;
        let (cx, cy) = (x, h - y - g.scale * inner.height);
        self.ops.push_op(Op::SetTransformationMatrix {
            matrix: CurTransMat::Raw([g.scale, 0.0, 0.0, g.scale, cx, cy]),
        });
        match form {
            // The form is drawn in the frame's own coordinates, as the walk below would be.
            Some(id) => {
                self.begin(Mark::Artifact, false);
                self.ops.push_op(Op::UseXobject {
                    id,
                    transform: XObjectTransform {
                        no_auto_scale: true,
                        ..Default::default()
                    },
                });
            }
            None => {
                let (s, tx, ty) = scope.to_page;
                let inner_scope = Scope {
                    to_page: (s * g.scale, s * cx + tx, s * cy + ty),
                    ..scope
                };
                self.frame(inner, 0.0, 0.0, inner.height, inner_scope);
            }
        }
        self.end_text();
        self.close_mark();
        self.ops.push_op(Op::RestoreGraphicsState);
    }

    fn text(&mut self, t: &'f Text, x: f32, pdf_y: f32) {
        if self.font != Some((t.face, t.size)) {
            self.ops.push(PageOp::Font(t.face, t.size));
            self.font = Some((t.face, t.size));
        }
        self.ops.push_op(Op::SetFillColor {
            col: colour(t.colour),
        });
        self.ops.push_op(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x), Pt(pdf_y)),
        });
        self.ops.push(PageOp::Text(&t.text));
    }

    fn image(&mut self, img: &Image, x: f32, pdf_y: f32) {
        let Some((id, px_w, px_h)) = self.images.get(&img.picture) else {
            return;
        };
        self.ops.push_op(Op::SaveGraphicsState);
        // At 72 dpi one pixel is one point; the matrix scales that to the box.
        self.ops.push_op(Op::SetTransformationMatrix {
            matrix: CurTransMat::Raw([img.w / px_w, 0.0, 0.0, img.h / px_h, x, pdf_y]),
        });
        self.ops.push_op(Op::UseXobject {
            id: id.clone(),
            transform: XObjectTransform {
                dpi: Some(72.0),
                ..Default::default()
            },
        });
        self.ops.push_op(Op::RestoreGraphicsState);
    }
}

/// The pictures of a document, each once, in the order they first appear, with their ids.
struct Images(Vec<(Arc<Picture>, XObjectId, f32, f32)>);

impl Images {
    fn collect(doc: &Document) -> Images {
        let mut out: Vec<(Arc<Picture>, XObjectId, f32, f32)> = Vec::new();
        fn visit(f: &Frame, out: &mut Vec<(Arc<Picture>, XObjectId, f32, f32)>) {
            for (_, item) in &f.items {
                match item {
                    Item::Image(img) if !out.iter().any(|(p, ..)| Arc::ptr_eq(p, &img.picture)) => {
                        let id = XObjectId(format!("Im{}", out.len() + 1));
                        let p = &img.picture;
                        out.push((Arc::clone(p), id, p.width_px as f32, p.height_px as f32));
                    }
                    Item::Group(g) => visit(&g.frame, out),
                    _ => {}
                }
            }
        }
        for p in &doc.pages {
            visit(p, &mut out);
        }
        Images(out)
    }

    fn get(&self, p: &Arc<Picture>) -> Option<(&XObjectId, f32, f32)> {
        self.0
            .iter()
            .find(|(q, ..)| Arc::ptr_eq(p, q))
            .map(|(_, id, w, h)| (id, *w, *h))
    }
}

/// A rendered PDF and what printpdf warned about while making it.
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    /// printpdf's warnings (not its notes), for the user to see.
    pub warnings: Vec<String>,
}

/// A document converted to lopdf with its structure tree and form fields: everything but
/// compressing and writing the bytes ([`save`]).
pub struct Built {
    pub lo: lopdf::Document,
    /// The structure elements, already written in PDF notation, packed with `lo` on saving.
    pub written: super::write::Written,
    /// printpdf's warnings (not its notes), for the user to see.
    pub warnings: Vec<String>,
}

/// Renders a laid-out document to PDF bytes, dropping printpdf's warnings (tests, benches).
pub fn render(doc: &Document) -> Result<Vec<u8>, RenderError> {
    render_with_warnings(doc).map(|r| r.bytes)
}

/// Renders a laid-out document to PDF bytes and keeps printpdf's warnings.
pub fn render_with_warnings(doc: &Document) -> Result<Rendered, RenderError> {
    save(build(doc)?)
}

/// Compresses and writes a built document.
pub fn save(mut built: Built) -> Result<Rendered, RenderError> {
    Ok(Rendered {
        bytes: super::save::save(&mut built.lo, &built.written)?,
        warnings: built.warnings,
    })
}

/// Walks the frames into printpdf pages, converts them to lopdf and adds what printpdf cannot:
/// form fields, the language, dates, a stable /ID and the structure tree.
pub fn build(doc: &Document) -> Result<Built, RenderError> {
    let mut pdf = PdfDocument::new(&doc.title);
    let images = Images::collect(doc);
    for (p, id, ..) in &images.0 {
        let raw = RawImage {
            pixels: RawImageData::U8(p.rgba.clone()),
            width: p.width_px as usize,
            height: p.height_px as usize,
            data_format: RawImageFormat::RGBA8,
            tag: Vec::new(),
        };
        pdf.resources
            .xobjects
            .map
            .insert(id.clone(), printpdf::XObject::Image(raw));
    }
    let info = &mut pdf.metadata.info;
    info.subject = doc.subject.clone();
    info.author = doc.author.clone();
    info.keywords = doc.keywords.clone();
    info.creator = "securebase".to_string();
    info.producer = format!("securebase {}", env!("CARGO_PKG_VERSION"));
    let mut tree = StructTree::new();
    let mut forms = Forms::collect(doc);
    // Each page's content is written as soon as it is walked (`super::content`), so only one
    // page's ops are held at a time; the pages handed to printpdf are empty, and the fonts are
    // added after conversion (`super::embed`): printpdf makes the rest of the document.
    let mut shown = Subsets::default();
    let mut contents: Vec<Vec<u8>> = Vec::new();
    let mut ops_len = 0;
    let mut walk_page =
        |frame: &Frame,
         page: usize,
         scope: Scope,
         forms: &mut Forms,
         xobjects: &BTreeMap<XObjectId, printpdf::XObject>| {
            let mut walk = Walk {
                // As long as the last page's, whose buffer was just freed: no growing page by page.
                ops: Vec::with_capacity(ops_len),
                images: &images,
                forms,
                in_text: false,
                font: None,
                tree: &mut tree,
                page,
                open: None,
            };
            walk.frame(frame, 0.0, 0.0, frame.height, scope);
            walk.end_text();
            walk.close_mark();
            let bytes = encode(&walk.ops, &Context { xobjects }, &mut shown).ok_or_else(|| {
                RenderError("a drawing operation the writer does not know".into())
            })?;
            contents.push(bytes);
            ops_len = walk.ops.len();
            Ok::<_, RenderError>(PdfPage::new(
                printpdf::Mm::from(Pt(frame.width)),
                printpdf::Mm::from(Pt(frame.height)),
                Vec::new(),
            ))
        };
    for (i, page) in doc.pages.iter().enumerate() {
        let xobjects = &pdf.resources.xobjects.map;
        let page = walk_page(page, i, Scope::PAGE, &mut forms, xobjects)?;
        pdf.pages.push(page);
    }
    // Each shared frame on an extra page, which `make_forms` turns into its form. Walking one
    // may find another inside it.
    let mut k = 0;
    while let Some((frame, id)) = forms.made.get(k).cloned() {
        let decoration = Scope {
            artifact: true,
            ..Scope::PAGE
        };
        let xobjects = &pdf.resources.xobjects.map;
        let page = walk_page(
            &frame,
            doc.pages.len() + k,
            decoration,
            &mut forms,
            xobjects,
        )?;
        pdf.pages.push(page);
        let placeholder = printpdf::ExternalXObject {
            stream: printpdf::ExternalStream::default(),
            width: None,
            height: None,
            dpi: None,
        };
        pdf.resources
            .xobjects
            .map
            .insert(id, printpdf::XObject::External(placeholder));
        k += 1;
    }
    let fonts = shown.used();
    for (title, page) in &doc.bookmarks {
        pdf.add_bookmark(title, page + 1);
    }
    let opts = PdfSaveOptions {
        image_optimization: Some(printpdf::ImageOptimizationOptions {
            format: Some(printpdf::ImageCompression::Flate),
            max_image_size: None,
            ..Default::default()
        }),
        ..Default::default()
    };
    let mut warnings = Vec::new();
    let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
    // The printpdf document (its pages, the pictures) is not needed any more: free it before the
    // structure tree and the fields are added, as two documents render at once.
    drop(pdf);
    if let Some(w) = warnings
        .iter()
        .find(|w| matches!(w.severity, PdfParseErrorSeverity::Error))
    {
        return Err(RenderError(w.msg.clone()));
    }
    // printpdf's notes (Info) are dropped; its warnings reach the user.
    let printpdf_warnings: Vec<String> = warnings
        .iter()
        .filter(|w| matches!(w.severity, PdfParseErrorSeverity::Warning))
        .map(|w| w.msg.clone())
        .collect();
    put_contents(&mut lo, contents)?;
    add_page_fonts(&mut lo, &fonts)?;
    make_forms(&mut lo, doc.pages.len(), &forms.made)?;
    let page_ids: Vec<lopdf::ObjectId> = lo.get_pages().into_values().collect();
    // Each widget joins the Form element its field's frame opened (tags writes the version).
    for w in super::fields::add_fields(&mut lo, doc, &page_ids)? {
        tree.add_widget(w.page, w.id);
    }
    super::meta::finish(&mut lo, doc)?;
    let written = tags::write(&mut lo, &tree).map_err(RenderError)?;
    Ok(Built {
        lo,
        written,
        warnings: printpdf_warnings,
    })
}
