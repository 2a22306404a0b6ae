//! The two-sided calibration sheet that measures a printer's front-to-back drift.

use super::*;
use crate::fonts::Face;
use crate::layout::frame::{Frame, Paint, Role, Text, mm};
use crate::layout::text::{Align, Paragraph, Span};
use crate::pack::{Labels, Rgb};
use crate::template::Template;

/// The value printed on a calibration ruler at `d_mm` from the target's centre: `horizontal`
/// for the ruler along x (d positive to the right), else the ruler along y (d positive down),
/// both as seen on the front.
///
/// If the printer puts the back `e` mm off (right/down as seen on the back), the back cross seen
/// through the paper sits, as seen from the front, at `(-e.x, e.y)` for long-edge and at
/// `(e.x, -e.y)` for short-edge (the formulas in the module documentation). The offset that
/// cancels it is `-e`, so the label at `d` is `d` or `-d` accordingly.
pub fn ruler_value(duplex: Duplex, horizontal: bool, d_mm: f32) -> f32 {
    match (duplex, horizontal) {
        (Duplex::ShortEdge, true) | (Duplex::LongEdge | Duplex::None, false) => -d_mm,
        _ => d_mm,
    }
}

/// The two-sided calibration sheet.
#[derive(Debug, Clone)]
pub struct Calibration {
    /// Front, then back.
    pub pages: Vec<Frame>,
    /// Centres of the ruler targets on the front, in points.
    pub targets: Vec<(f32, f32)>,
    /// Centres of the crosses on the back (mirrored, `--back-offset` included), in points.
    pub crosses: Vec<(f32, f32)>,
}

/// Half the length of a calibration ruler, in mm.
const RULER_MM: f32 = 8.0;
/// Distance from a target to its rulers, in mm.
const RULER_GAP_MM: f32 = 14.0;
/// Half the length of a back cross's arms, in mm: it must reach across both rulers.
const CROSS_MM: f32 = 26.0;

/// Lays out the calibration sheet for `duplex` (long-edge when `Duplex::None` is given), in the
/// words of `labels`.
pub fn calibration(
    t: &Template,
    labels: &Labels,
    duplex: Duplex,
    back_offset_mm: (f32, f32),
) -> Calibration {
    let duplex = if duplex == Duplex::None {
        Duplex::LongEdge
    } else {
        duplex
    };
    let (w, h) = t.page_size();
    let c = t.content_rect();
    let ink = t.text;
    let ts = t.type_scale;
    let flip = labels.get(match duplex {
        Duplex::ShortEdge => "calibration.flip_short",
        _ => "calibration.flip_long",
    });
    let other = match duplex {
        Duplex::ShortEdge => Duplex::LongEdge,
        _ => Duplex::ShortEdge,
    };

    // Targets: the centre of the sheet and four round it, placed symmetrically so that every
    // mirrored target is again a target.
    let (cx, cy) = (w / 2.0, h / 2.0);
    let (dx, dy) = (w / 2.0 - mm(48.0), h / 2.0 - mm(90.0));
    let targets = vec![
        (cx, cy),
        (cx - dx, cy - dy),
        (cx + dx, cy - dy),
        (cx - dx, cy + dy),
        (cx + dx, cy + dy),
    ];
    let (ox, oy) = (mm(back_offset_mm.0), mm(back_offset_mm.1));
    let crosses: Vec<(f32, f32)> = targets
        .iter()
        .map(|&p| {
            let (x, y) = duplex.mirror_point(p, w, h);
            (x + ox, y + oy)
        })
        .collect();

    // The front: instructions, then the rulers.
    let mut front = Frame::new(w, h);
    let mut y = c.y;
    y += Paragraph::new(
        &[Span::new(
            Face::Bold,
            labels.fill("calibration.front", &[("flip", &flip)]),
        )],
        ts.heading,
        1.2,
        c.w,
    )
    .role(Role::Heading(1))
    .place(&mut front, c.x, y, c.w, Align::Left, ink);
    y += ts.body * 0.5;
    let command = format!(
        "securebase cards{} --back-offset 1.5,-0.5",
        if duplex == Duplex::ShortEdge {
            " --duplex short-edge"
        } else {
            ""
        }
    );
    let mut steps = vec![
        labels.fill("calibration.step1", &[("flip", &flip)]),
        labels.get("calibration.step2"),
        labels.get("calibration.step3"),
        labels.fill("calibration.step4", &[("command", &command)]),
        labels.get("calibration.tip"),
    ];
    if back_offset_mm != (0.0, 0.0) {
        let option = format!("--back-offset {},{}", back_offset_mm.0, back_offset_mm.1);
        steps.push(labels.fill("calibration.offset", &[("option", &option)]));
    }
    for s in steps {
        y += Paragraph::new(&[Span::new(Face::Regular, s)], ts.body, t.leading, c.w).place(
            &mut front,
            c.x,
            y,
            c.w,
            Align::Left,
            ink,
        );
        y += ts.body * 0.35;
    }
    let axes = (labels.get("calibration.x"), labels.get("calibration.y"));
    for &p in &targets {
        ruler_target(&mut front, p, duplex, &axes, ink);
    }
    // A 100 mm scale line, to catch a printer that shrinks the page to fit.
    let sy = cy + dy / 2.0;
    let (sx0, sx1) = (cx - mm(50.0), cx + mm(50.0));
    front.line((sx0, sy), (sx1, sy), ink, 0.6);
    for k in 0..=10 {
        let x = sx0 + mm(10.0 * k as f32);
        front.line((x, sy - mm(1.5)), (x, sy), ink, 0.4);
    }
    Paragraph::new(
        &[Span::new(Face::Regular, labels.get("calibration.scale"))],
        ts.small,
        1.2,
        mm(100.0),
    )
    .place(
        &mut front,
        sx0,
        sy + mm(1.5),
        mm(100.0),
        Align::Centre,
        t.muted,
    );

    // The back: crosses behind the targets, and a short note placed behind the front's empty
    // lower part so it does not show through the instructions.
    let mut back = Frame::new(w, h);
    for &(x, y) in &crosses {
        let r = mm(CROSS_MM);
        back.line((x - r, y), (x + r, y), Rgb::BLACK, 0.8);
        back.line((x, y - r), (x, y + r), Rgb::BLACK, 0.8);
    }
    let note = Paragraph::new(
        &[
            Span::new(Face::Bold, format!("{} ", labels.get("calibration.back"))),
            Span::new(
                Face::Regular,
                labels.fill(
                    "calibration.back_text",
                    &[("option", &format!("--duplex {}", other.id()))],
                ),
            ),
        ],
        ts.body,
        t.leading,
        c.w,
    );
    let note_top = match duplex {
        // Long edge: the back's foot is behind the front's foot. Short edge: behind its head.
        Duplex::ShortEdge => c.y,
        _ => c.bottom() - note.height(),
    };
    note.place(&mut back, c.x, note_top, c.w, Align::Left, ink);
    Calibration {
        pages: vec![front, back],
        targets,
        crosses,
    }
}

/// A target at `(x, y)`: a small ring and cross marking the spot, a level ruler below it for X
/// and an upright ruler to its right for Y, marked every half millimetre and labelled with the
/// `--back-offset` value (every 4 mm on the level ruler, every 2 mm on the upright one), and
/// named with the `axes` letters. The back's cross is long enough to reach both rulers.
fn ruler_target(
    f: &mut Frame,
    (x, y): (f32, f32),
    duplex: Duplex,
    axes: &(String, String),
    ink: Rgb,
) {
    f.circle(x, y, mm(1.5), Paint::stroke(ink, 0.4));
    f.line((x - mm(3.0), y), (x + mm(3.0), y), ink, 0.4);
    f.line((x, y - mm(3.0)), (x, y + mm(3.0)), ink, 0.4);
    let half = mm(RULER_MM);
    let (ry, rx) = (y + mm(RULER_GAP_MM), x + mm(RULER_GAP_MM));
    f.line((x - half, ry), (x + half, ry), ink, 0.5);
    f.line((rx, y - half), (rx, y + half), ink, 0.5);
    let steps = (RULER_MM * 2.0) as i32;
    let size = 5.5;
    let m = Face::Regular.metrics();
    for k in -steps..=steps {
        let d = k as f32 * 0.5;
        let tick = if k % 4 == 0 {
            mm(2.4)
        } else if k % 2 == 0 {
            mm(1.6)
        } else {
            mm(0.9)
        };
        // Ticks point towards the target; labels sit on the far side of each ruler.
        f.line((x + mm(d), ry), (x + mm(d), ry - tick), ink, 0.3);
        f.line((rx, y + mm(d)), (rx - tick, y + mm(d)), ink, 0.3);
        if k % 4 != 0 {
            continue;
        }
        // Labels along the level ruler every 4 mm, so that wide numbers do not touch.
        let rulers: &[bool] = if k % 8 == 0 { &[true, false] } else { &[false] };
        for &horizontal in rulers {
            let v = ruler_value(duplex, horizontal, d);
            let s = format!("{}", if v == 0.0 { 0.0 } else { v });
            let tw = m.width(&s, size);
            let (tx, base) = if horizontal {
                (x + mm(d) - tw / 2.0, ry + mm(1.0) + m.cap_height_pt(size))
            } else {
                (rx + mm(1.0), y + mm(d) + m.cap_height_pt(size) / 2.0)
            };
            f.text(tx, base, Text::new(s, Face::Regular, size, ink));
        }
    }
    for (s, tx, base) in [
        (&axes.0, x + half + mm(1.5), ry + m.cap_height_pt(7.0) / 2.0),
        (
            &axes.1,
            rx - m.width(&axes.1, 7.0) / 2.0,
            y + half + mm(1.5) + m.cap_height_pt(7.0),
        ),
    ] {
        f.text(tx, base, Text::new(s.to_string(), Face::Bold, 7.0, ink));
    }
}
