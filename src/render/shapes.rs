//! Shapes as printpdf path operators: rectangles (rounded or not), circles, lines, clip
//! rectangles, and the box a shape covers (for a figure's bounding box). Coordinates arrive
//! top-left with y down, as layout gives them, and leave in PDF's bottom-left system.

use super::content::{PageOp, PushOp};
use crate::layout::frame::{Geometry, Paint, Rect, Shape};
use crate::pack::Rgb;
use printpdf::{
    Color, Line, LineDashPattern, LinePoint, Op, PaintMode, Point, Polygon, PolygonRing, Pt,
    WindingOrder,
};

pub(super) fn colour(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb::new(
        f32::from(c.0) / 255.0,
        f32::from(c.1) / 255.0,
        f32::from(c.2) / 255.0,
        None,
    ))
}

fn pt(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

fn ctrl(x: f32, y: f32) -> LinePoint {
    LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: true,
    }
}

/// Bezier constant for quarter circles.
const K: f32 = 0.552_284_8;

/// A closed outline of a rectangle (PDF coordinates, origin bottom-left), rounded when r > 0.
fn rect_ring(x: f32, y: f32, w: f32, h: f32, r: f32) -> Vec<LinePoint> {
    let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
    if r <= 0.0 {
        return vec![pt(x, y), pt(x + w, y), pt(x + w, y + h), pt(x, y + h)];
    }
    let k = K * r;
    vec![
        pt(x + r, y),
        pt(x + w - r, y),
        ctrl(x + w - r + k, y),
        ctrl(x + w, y + r - k),
        pt(x + w, y + r),
        pt(x + w, y + h - r),
        ctrl(x + w, y + h - r + k),
        ctrl(x + w - r + k, y + h),
        pt(x + w - r, y + h),
        pt(x + r, y + h),
        ctrl(x + r - k, y + h),
        ctrl(x, y + h - r + k),
        pt(x, y + h - r),
        pt(x, y + r),
        ctrl(x, y + r - k),
        ctrl(x + r - k, y),
        pt(x + r, y),
    ]
}

fn circle_ring(cx: f32, cy: f32, r: f32) -> Vec<LinePoint> {
    let k = K * r;
    vec![
        pt(cx + r, cy),
        ctrl(cx + r, cy + k),
        ctrl(cx + k, cy + r),
        pt(cx, cy + r),
        ctrl(cx - k, cy + r),
        ctrl(cx - r, cy + k),
        pt(cx - r, cy),
        ctrl(cx - r, cy - k),
        ctrl(cx - k, cy - r),
        pt(cx, cy - r),
        ctrl(cx + k, cy - r),
        ctrl(cx + r, cy - k),
        pt(cx + r, cy),
    ]
}

fn paint_shape(ops: &mut Vec<PageOp<'_>>, ring: Vec<LinePoint>, paint: &Paint) {
    let mode = match (paint.fill, paint.stroke) {
        (Some(_), Some(_)) => PaintMode::FillStroke,
        (Some(_), None) => PaintMode::Fill,
        (None, Some(_)) => PaintMode::Stroke,
        (None, None) => return,
    };
    if let Some(f) = paint.fill {
        ops.push_op(Op::SetFillColor { col: colour(f) });
    }
    if let Some((c, w)) = paint.stroke {
        ops.push_op(Op::SetOutlineColor { col: colour(c) });
        ops.push_op(Op::SetOutlineThickness { pt: Pt(w) });
        ops.push_op(Op::SetLineDashPattern {
            dash: match paint.dash {
                Some((on, off)) => LineDashPattern::new(0.0, &[on, off]),
                None => LineDashPattern::default(),
            },
        });
    }
    ops.push_op(Op::DrawPolygon {
        polygon: Polygon {
            rings: vec![PolygonRing { points: ring }],
            mode,
            winding_order: WindingOrder::NonZero,
        },
    });
}

/// Draws a shape whose point is `(x, y)` in top-left coordinates of a system `h` high.
pub(super) fn draw_shape(ops: &mut Vec<PageOp<'_>>, s: &Shape, x: f32, y: f32, h: f32) {
    match s.geometry {
        Geometry::Rect { w, h: rh, radius } => {
            paint_shape(ops, rect_ring(x, h - y - rh, w, rh, radius), &s.paint)
        }
        Geometry::Circle { r } => paint_shape(ops, circle_ring(x, h - y, r), &s.paint),
        Geometry::Line { dx, dy } => {
            let Some((c, width)) = s.paint.stroke else {
                return;
            };
            ops.push_op(Op::SetOutlineColor { col: colour(c) });
            ops.push_op(Op::SetOutlineThickness { pt: Pt(width) });
            ops.push_op(Op::SetLineDashPattern {
                dash: dash(s.paint.dash),
            });
            ops.push_op(Op::DrawLine {
                line: Line {
                    points: vec![pt(x, h - y), pt(x + dx, h - y - dy)],
                    is_closed: false,
                },
            });
        }
    }
}

/// The box a shape covers, in top-left coordinates, stroke included.
pub(super) fn shape_box(s: &Shape, x: f32, y: f32) -> Rect {
    let pad = s.paint.stroke.map_or(0.0, |(_, w)| w / 2.0);
    let r = match s.geometry {
        Geometry::Rect { w, h, .. } => Rect::new(x, y, w, h),
        Geometry::Circle { r } => Rect::new(x - r, y - r, 2.0 * r, 2.0 * r),
        Geometry::Line { dx, dy } => Rect::new(x.min(x + dx), y.min(y + dy), dx.abs(), dy.abs()),
    };
    Rect::new(r.x - pad, r.y - pad, r.w + 2.0 * pad, r.h + 2.0 * pad)
}

fn dash(d: Option<(f32, f32)>) -> LineDashPattern {
    match d {
        Some((on, off)) => LineDashPattern::new(0.0, &[on, off]),
        None => LineDashPattern::default(),
    }
}

pub(super) fn clip_rect(c: &Rect, h: f32) -> printpdf::Rect {
    let mut r = printpdf::Rect::from_xywh(Pt(c.x), Pt(h - c.bottom()), Pt(c.w), Pt(c.h));
    r.mode = Some(PaintMode::Clip);
    r
}
