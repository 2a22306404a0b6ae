//! The output of layout: frames of items placed at points, each piece of content with its role.
//!
//! Learnt from typst's `Frame`: a frame has a size and a list of `(Point, Item)`. An item is a
//! run of text, a shape, a picture, a form field, or a group: another frame placed inside this
//! one (optionally scaled and clipped). A card, a poster panel or a tile is built as a frame of
//! its own in local coordinates and then placed with [`Frame::push_frame`].
//!
//! A frame may say what it *is* with a [`Role`]: a heading, a paragraph, a list item, a figure
//! with alternative text, a form field. The PDF renderer turns roles into tagged structure
//! (reading order is the order of items) and marks everything outside a role as an artifact
//! (decoration: rules, writing lines, crop marks, page furniture). Shapes are always artifacts
//! unless they sit inside a [`Role::Figure`]. Layout decides roles; the renderer only follows.
//!
//! Coordinates: origin at the TOP-LEFT of the frame, y going down, in points. Nothing here knows
//! about PDF.

use crate::fonts::Face;
use crate::pack::Rgb;
use std::sync::Arc;

/// Millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// Points to millimetres.
pub fn to_mm(v: f32) -> f32 {
    v * 25.4 / 72.0
}

/// A point in a frame, in points from its top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

impl Point {
    pub fn new(x: f32, y: f32) -> Point {
        Point { x, y }
    }
}

/// A rectangle: top-left corner, width and height, in points.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }
    pub fn right(&self) -> f32 {
        self.x + self.w
    }
    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }
    /// Shrinks by `d` on every side.
    pub fn inset(&self, d: f32) -> Rect {
        Rect::new(self.x + d, self.y + d, self.w - 2.0 * d, self.h - 2.0 * d)
    }
    /// Whether `other` lies inside this rectangle, allowing `tol` points of rounding.
    pub fn contains(&self, other: &Rect, tol: f32) -> bool {
        other.x >= self.x - tol
            && other.y >= self.y - tol
            && other.right() <= self.right() + tol
            && other.bottom() <= self.bottom() + tol
    }
    pub fn intersects(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }
    /// This rectangle moved by `(dx, dy)` and scaled by `s` about the origin.
    pub fn transformed(&self, dx: f32, dy: f32, s: f32) -> Rect {
        Rect::new(dx + self.x * s, dy + self.y * s, self.w * s, self.h * s)
    }
}

/// What a piece of content is, for tagged PDF and screen readers.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// A heading, level 1 to 3.
    Heading(u8),
    /// A paragraph of text.
    Paragraph,
    /// One item of a list; consecutive list items make one list.
    ListItem,
    /// The label of a list item (its number or bullet).
    Label,
    /// The body of a list item.
    ListBody,
    /// A row of a table; consecutive rows make one table.
    TableRow,
    /// A header cell of a table row.
    TableHeader,
    /// A data cell of a table row.
    TableCell,
    /// A picture or diagram, with the alternative text a screen reader speaks.
    Figure { alt: String },
    /// A fillable form field (the frame holds the [`Item::Field`]).
    Form,
    /// A part of the document that groups others (a card, a slide, a panel).
    Section,
    /// Decoration a reader should skip: rules, writing lines, crop marks, page furniture.
    Artifact,
}

/// One run of text on one baseline, in one face, size and colour. It is placed at the start of
/// its baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub text: String,
    pub face: Face,
    pub size: f32,
    pub colour: Rgb,
    /// The measured width, kept for tests and alignment.
    pub width: f32,
}

impl Text {
    /// A run measured with the face's real advances.
    pub fn new(text: impl Into<String>, face: Face, size: f32, colour: Rgb) -> Text {
        let text = text.into();
        Text {
            width: face.metrics().width(&text, size),
            text,
            face,
            size,
            colour,
        }
    }

    /// The box the glyphs occupy when the baseline starts at `at`: ascender to descender.
    pub fn bbox_at(&self, at: Point) -> Rect {
        let m = self.face.metrics();
        let ascent = m.ascent_pt(self.size);
        Rect::new(
            at.x,
            at.y - ascent,
            self.width,
            ascent - m.descent_pt(self.size),
        )
    }
}

/// How a shape is painted.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Paint {
    pub fill: Option<Rgb>,
    /// Colour and width in points.
    pub stroke: Option<(Rgb, f32)>,
    /// Dash on and off lengths in points, for strokes.
    pub dash: Option<(f32, f32)>,
}

impl Paint {
    pub fn fill(c: Rgb) -> Paint {
        Paint {
            fill: Some(c),
            ..Paint::default()
        }
    }
    pub fn stroke(c: Rgb, width: f32) -> Paint {
        Paint {
            stroke: Some((c, width)),
            ..Paint::default()
        }
    }
    pub fn dashed(mut self, on: f32, off: f32) -> Paint {
        self.dash = Some((on, off));
        self
    }
}

/// The outline of a shape, relative to the point it is placed at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Geometry {
    /// A straight line from the point to the point plus `(dx, dy)`.
    Line { dx: f32, dy: f32 },
    /// A rectangle with its top-left at the point, rounded when `radius` > 0.
    Rect { w: f32, h: f32, radius: f32 },
    /// A circle centred on the point.
    Circle { r: f32 },
}

/// Something drawn: an outline and how it is painted.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Shape {
    pub geometry: Geometry,
    pub paint: Paint,
}

/// A decoded raster picture (a logo), RGBA with 8 bits per channel.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub width_px: u32,
    pub height_px: u32,
    pub rgba: Vec<u8>,
}

/// A picture drawn into a box whose top-left is the point.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub picture: Arc<Picture>,
    pub w: f32,
    pub h: f32,
}

/// A fillable text field whose top-left is the point.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// A stable name such as `acceptance.ac-raising-worries-online`.
    pub name: String,
    /// What screen readers announce (the question).
    pub tooltip: String,
    pub w: f32,
    pub h: f32,
    /// Size of typed text.
    pub font_size: f32,
    pub multiline: bool,
}

/// A frame placed inside another: moved to the point, scaled by `scale`, clipped to `clip`
/// (in the PARENT's coordinates) when given. Poster tiles and the assembly key are groups.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub frame: Arc<Frame>,
    pub scale: f32,
    pub clip: Option<Rect>,
}

/// Something placed in a frame.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(Text),
    Shape(Shape),
    Image(Image),
    Field(Field),
    Group(Group),
}

/// A size and the items placed in it, with the role of the whole when it has one.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Frame {
    pub width: f32,
    pub height: f32,
    pub role: Option<Role>,
    pub items: Vec<(Point, Item)>,
}

/// A text run with its baseline start in page (or root frame) coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedText<'a> {
    pub x: f32,
    pub baseline: f32,
    /// Scale of the groups it sits in (1 on a plain page).
    pub scale: f32,
    pub text: &'a Text,
}

impl PlacedText<'_> {
    /// The box the glyphs occupy, in root coordinates.
    pub fn bbox(&self) -> Rect {
        let b = self.text.bbox_at(Point::new(0.0, 0.0));
        b.transformed(self.x, self.baseline, self.scale)
    }
}

/// A form field with its rectangle in page coordinates, and the roles it sits in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlacedField<'a> {
    pub rect: Rect,
    pub field: &'a Field,
}

impl Frame {
    pub fn new(width: f32, height: f32) -> Frame {
        Frame {
            width,
            height,
            role: None,
            items: Vec::new(),
        }
    }

    /// An empty frame that says what it is.
    pub fn with_role(width: f32, height: f32, role: Role) -> Frame {
        Frame {
            role: Some(role),
            ..Frame::new(width, height)
        }
    }

    pub fn push(&mut self, at: Point, item: Item) {
        self.items.push((at, item));
    }

    /// A run of text with its baseline starting at `(x, baseline)`.
    pub fn text(&mut self, x: f32, baseline: f32, t: Text) {
        self.push(Point::new(x, baseline), Item::Text(t));
    }

    pub fn shape(&mut self, at: Point, geometry: Geometry, paint: Paint) {
        self.push(at, Item::Shape(Shape { geometry, paint }));
    }

    /// A rectangle, rounded when `radius` > 0.
    pub fn rect(&mut self, r: Rect, radius: f32, paint: Paint) {
        self.shape(
            Point::new(r.x, r.y),
            Geometry::Rect {
                w: r.w,
                h: r.h,
                radius,
            },
            paint,
        );
    }

    /// A solid line.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), colour: Rgb, width: f32) {
        self.stroke_line(from, to, Paint::stroke(colour, width));
    }

    /// A line painted with `paint` (its stroke, with a dash when set).
    pub fn stroke_line(&mut self, from: (f32, f32), to: (f32, f32), paint: Paint) {
        self.shape(
            Point::new(from.0, from.1),
            Geometry::Line {
                dx: to.0 - from.0,
                dy: to.1 - from.1,
            },
            paint,
        );
    }

    pub fn circle(&mut self, cx: f32, cy: f32, r: f32, paint: Paint) {
        self.shape(Point::new(cx, cy), Geometry::Circle { r }, paint);
    }

    /// A picture drawn into `r`.
    pub fn image(&mut self, r: Rect, picture: Arc<Picture>) {
        self.push(
            Point::new(r.x, r.y),
            Item::Image(Image {
                picture,
                w: r.w,
                h: r.h,
            }),
        );
    }

    /// A form field filling `r` (its own `w` and `h` are set from `r`), tagged as a form element.
    pub fn field(&mut self, r: Rect, mut field: Field) {
        field.w = r.w;
        field.h = r.h;
        let mut f = Frame::with_role(r.w, r.h, Role::Form);
        f.push(Point::default(), Item::Field(field));
        self.push_frame(Point::new(r.x, r.y), f);
    }

    /// Places a frame built in its own coordinates with its top-left at `at`.
    pub fn push_frame(&mut self, at: Point, frame: Frame) {
        self.push(
            at,
            Item::Group(Group {
                frame: Arc::new(frame),
                scale: 1.0,
                clip: None,
            }),
        );
    }

    /// Places a shared frame scaled by `scale` with its top-left at `at`, clipped to `clip`.
    pub fn push_group(&mut self, at: Point, frame: Arc<Frame>, scale: f32, clip: Option<Rect>) {
        self.push(at, Item::Group(Group { frame, scale, clip }));
    }

    /// Every text run, with groups flattened into this frame's coordinates, in reading order.
    pub fn texts(&self) -> Vec<PlacedText<'_>> {
        let mut out = Vec::new();
        self.walk(0.0, 0.0, 1.0, &mut |x, y, s, item| {
            if let Item::Text(t) = item {
                out.push(PlacedText {
                    x,
                    baseline: y,
                    scale: s,
                    text: t,
                });
            }
        });
        out
    }

    /// Every form field, with its rectangle in this frame's coordinates, in reading order.
    pub fn fields(&self) -> Vec<PlacedField<'_>> {
        let mut out = Vec::new();
        self.walk(0.0, 0.0, 1.0, &mut |x, y, s, item| {
            if let Item::Field(f) = item {
                out.push(PlacedField {
                    rect: Rect::new(x, y, f.w * s, f.h * s),
                    field: f,
                });
            }
        });
        out
    }

    /// Calls `visit` with every leaf item and its position in this frame's coordinates.
    fn walk<'a>(
        &'a self,
        dx: f32,
        dy: f32,
        scale: f32,
        visit: &mut dyn FnMut(f32, f32, f32, &'a Item),
    ) {
        for (at, item) in &self.items {
            let (x, y) = (dx + at.x * scale, dy + at.y * scale);
            match item {
                Item::Group(g) => g.frame.walk(x, y, scale * g.scale, visit),
                _ => visit(x, y, scale, item),
            }
        }
    }

    /// The number of leaf items, groups flattened (for tests and the content hash).
    pub fn leaf_count(&self) -> usize {
        let mut n = 0;
        self.walk(0.0, 0.0, 1.0, &mut |_, _, _, _| n += 1);
        n
    }
}

/// A page is a frame the size of the paper.
pub type Page = Frame;

/// A whole PDF: pages and what goes into the file's metadata.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    pub title: String,
    pub subject: String,
    pub author: String,
    pub keywords: Vec<String>,
    /// BCP 47 language tag, e.g. `en-GB`.
    pub language: String,
    /// `YYYY-MM-DD`, when the user gave a date.
    pub date: Option<String>,
    pub pages: Vec<Page>,
    /// Outline entries: title and 0-based page index.
    pub bookmarks: Vec<(String, usize)>,
    /// Ask the viewer to open in full-screen mode (slides, when the user chooses it).
    pub full_screen: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_place_their_items_relative_to_the_point_and_scale() {
        let mut inner = Frame::with_role(100.0, 50.0, Role::Paragraph);
        inner.text(
            10.0,
            20.0,
            Text::new("hello", Face::Regular, 10.0, Rgb::BLACK),
        );
        let mut page = Frame::new(600.0, 800.0);
        page.push_frame(Point::new(100.0, 200.0), inner.clone());
        page.push_group(Point::new(0.0, 0.0), Arc::new(inner), 2.0, None);
        let t = page.texts();
        assert_eq!((t[0].x, t[0].baseline, t[0].scale), (110.0, 220.0, 1.0));
        assert_eq!((t[1].x, t[1].baseline, t[1].scale), (20.0, 40.0, 2.0));
        let b0 = t[0].bbox();
        let b1 = t[1].bbox();
        assert!((b1.w - 2.0 * b0.w).abs() < 1e-3 && (b1.h - 2.0 * b0.h).abs() < 1e-3);
        assert_eq!(page.leaf_count(), 2);
    }

    #[test]
    fn fields_report_page_rectangles() {
        let mut page = Frame::new(600.0, 800.0);
        let mut card = Frame::new(200.0, 100.0);
        card.field(
            Rect::new(5.0, 6.0, 50.0, 20.0),
            Field {
                name: "a.b".into(),
                tooltip: "Q?".into(),
                w: 50.0,
                h: 20.0,
                font_size: 11.0,
                multiline: true,
            },
        );
        page.push_frame(Point::new(100.0, 100.0), card);
        let f = page.fields();
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].rect, Rect::new(105.0, 106.0, 50.0, 20.0));
    }
}
