//! The output of layout: documents made of pages of positioned items, in points.
//!
//! Coordinates have their origin at the TOP-LEFT of the page with y going down, the way a page is
//! read; the PDF renderer flips them. Nothing here knows about PDF.

use crate::fonts::Face;
use crate::pack::Rgb;

/// Millimetres to points.
pub fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// Points to millimetres.
pub fn to_mm(v: f32) -> f32 {
    v * 25.4 / 72.0
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
}

/// One run of text on one baseline, in one face, size and colour.
#[derive(Debug, Clone, PartialEq)]
pub struct Text {
    pub x: f32,
    /// The baseline, from the top of the page.
    pub baseline: f32,
    pub text: String,
    pub face: Face,
    pub size: f32,
    pub colour: Rgb,
    /// The measured width, kept for tests and alignment.
    pub width: f32,
}

impl Text {
    /// The box the glyphs occupy: from the ascender to the descender.
    pub fn bbox(&self) -> Rect {
        let m = self.face.metrics();
        let top = self.baseline - m.ascent_pt(self.size);
        Rect::new(
            self.x,
            top,
            self.width,
            m.ascent_pt(self.size) - m.descent_pt(self.size),
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
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Text(Text),
    /// A rectangle, with rounded corners when `radius` > 0.
    Rect {
        rect: Rect,
        radius: f32,
        paint: Paint,
    },
    Line {
        from: (f32, f32),
        to: (f32, f32),
        colour: Rgb,
        width: f32,
        dash: Option<(f32, f32)>,
    },
    Circle {
        cx: f32,
        cy: f32,
        r: f32,
        paint: Paint,
    },
    /// A raster picture (a logo) from `Document::images`.
    Image {
        index: usize,
        rect: Rect,
    },
    /// Another frame drawn scaled by `scale` with its top-left at (`x`, `y`), clipped to `clip`
    /// (page coordinates) when given. Poster tiles and the assembly key are groups.
    Group {
        frame: std::sync::Arc<Frame>,
        x: f32,
        y: f32,
        scale: f32,
        clip: Option<Rect>,
    },
}

/// A page-sized list of items: a page, or a poster drawn once and placed on many tiles.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Frame {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
}

impl Frame {
    pub fn new(width: f32, height: f32) -> Frame {
        Frame {
            width,
            height,
            items: Vec::new(),
        }
    }

    pub fn text(&mut self, t: Text) {
        self.items.push(Item::Text(t));
    }

    pub fn rect(&mut self, rect: Rect, radius: f32, paint: Paint) {
        self.items.push(Item::Rect {
            rect,
            radius,
            paint,
        });
    }

    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), colour: Rgb, width: f32) {
        self.items.push(Item::Line {
            from,
            to,
            colour,
            width,
            dash: None,
        });
    }

    /// Every text run on the frame (not inside groups).
    pub fn texts(&self) -> impl Iterator<Item = &Text> {
        self.items.iter().filter_map(|i| match i {
            Item::Text(t) => Some(t),
            _ => None,
        })
    }
}

/// A page is a frame the size of the paper.
pub type Page = Frame;

/// A decoded picture for the renderer.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub width_px: u32,
    pub height_px: u32,
    /// RGBA, 8 bits per channel.
    pub rgba: Vec<u8>,
}

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
    pub images: Vec<Picture>,
}
