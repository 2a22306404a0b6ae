//! `securebase poster`: the wall poster of the model, whole (one page, A4 to A0) or tiled onto
//! A4 or Letter sheets with an assembly key.
//!
//! This module reads and decodes the logo (the layout receives it decoded), turns layout and
//! tiling failures into messages for people, and offers [`poster_document`],
//! [`tiled_document`] and [`whole_and_tiled`] to other commands (the away-day pack).

use super::{Context, Outcome, Output};
use crate::Error;
use crate::config::{PosterJob, overlap_error};
use crate::diag::Diagnostic;
use crate::layout::frame::{Document, Frame, Picture, Rect, to_mm};
use crate::layout::poster::{Logo, MAX_IDEAS, Poster, PosterError, PosterOptions, fmt_pt, poster};
use crate::layout::tiles::{self, TilePlan, TileText, fmt_mm, tile_pages};
use crate::pack::source::io_reason;
use crate::template::Paper;
use std::path::Path;
use std::sync::Arc;

/// The lowest resolution at which a logo prints cleanly.
pub const LOGO_MIN_DPI: f32 = 150.0;

pub fn run(ctx: &Context, job: &PosterJob) -> Result<Outcome, Error> {
    ctx.require_setting(job.setting)?;
    let logo = logo(job.logo.as_deref(), job.logo_alt.as_deref())?;
    let opts = PosterOptions {
        size: job.size,
        landscape: job.landscape,
        setting: job.setting,
        team: job.team.clone(),
        logo,
        date: ctx.date.clone(),
    };
    let mut out = ctx.outcome();
    let size = opts.size;
    let path = job.output.clone();
    match job.tile {
        None => {
            let (doc, warnings) = poster_document(ctx, &opts)?;
            let bytes = ctx.render(&doc)?;
            let (w, h) = size.size_mm();
            let (w, h) = if opts.landscape { (h, w) } else { (w, h) };
            out.stderr.push_str(&warnings.concat());
            if size.is_screen() {
                out.stderr.push_str(&format!(
                    "wrote {}: 1 page, 16:9, for sharing on screen, a team channel or a whiteboard\n",
                    path.display()
                ));
            } else {
                out.stderr.push_str(&format!(
                    "wrote {}: 1 page, {} ({} x {} mm)\nprint at 100% / actual size on {} paper\n",
                    path.display(),
                    opts.describe(),
                    w,
                    h,
                    size.name()
                ));
            }
            out.outputs.push(Output::File { path, bytes });
        }
        Some(tiling) => {
            let paper = tiling.paper;
            let (doc, plan, warnings) = tiled_document(ctx, &opts, paper, tiling.overlap_mm)?;
            let bytes = ctx.render(&doc)?;
            out.stderr.push_str(&warnings.concat());
            out.stderr.push_str(&format!(
                "wrote {}: {} pages, the assembly key and {} {} sheets, {} ({} rows x {} columns, {} mm overlap), for an {} poster\n\
                 print at 100% / actual size, not \"fit to page\"; the bar on the first page must measure 100 mm\n",
                path.display(),
                doc.pages.len(),
                plan.count(),
                paper.name(),
                if plan.landscape { "landscape" } else { "portrait" },
                plan.rows,
                plan.cols,
                fmt_mm(to_mm(plan.overlap)),
                opts.describe(),
            ));
            out.outputs.push(Output::File { path, bytes });
        }
    }
    Ok(out)
}

fn failed(message: String, help: &str) -> Error {
    Error::Failed(Diagnostic::error(message).help(help))
}

/// The logo of `--logo` with the alternative text of `--logo-alt`, when there is one.
pub fn logo(path: Option<&Path>, alt: Option<&str>) -> Result<Option<Logo>, Error> {
    path.map(|p| {
        load_logo(p).map(|logo| Logo {
            alt: alt.map(str::to_string),
            ..logo
        })
    })
    .transpose()
}

/// Reads and decodes a PNG or JPEG logo (with no alternative text of its own yet). A missing,
/// unreadable, damaged or non-image file is a one-line error naming the file.
pub fn load_logo(path: &Path) -> Result<Logo, Error> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        failed(
            format!("cannot read the logo `{name}`: {}", io_reason(&e)),
            "check the file name given to --logo",
        )
    })?;
    let format = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        ::image::ImageFormat::Png
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        ::image::ImageFormat::Jpeg
    } else {
        let what = match ::image::guess_format(&bytes) {
            Ok(f) => format!(
                "is a {} image, not PNG or JPEG",
                format!("{f:?}").to_uppercase()
            ),
            Err(_) => "is not a PNG or JPEG image".to_string(),
        };
        return Err(failed(
            format!("the logo `{name}` {what}"),
            "give --logo a PNG or JPEG file (export a vector logo as PNG)",
        ));
    };
    let kind = if format == ::image::ImageFormat::Png {
        "PNG"
    } else {
        "JPEG"
    };
    let img = ::image::load_from_memory_with_format(&bytes, format).map_err(|e| match e {
        ::image::ImageError::Limits(_) => failed(
            format!("the logo `{name}` is too large to load"),
            "scale it down; 2000 pixels across is plenty for an A0 poster",
        ),
        _ => failed(
            format!("the logo `{name}` is a damaged {kind} file and cannot be decoded"),
            "export the logo again as PNG or JPEG, or leave out --logo",
        ),
    })?;
    let rgba = img.to_rgba8();
    Ok(Logo {
        alt: None,
        name,
        picture: Arc::new(Picture {
            width_px: rgba.width(),
            height_px: rgba.height(),
            rgba: rgba.into_raw(),
        }),
    })
}

/// A warning when the logo would print below [`LOGO_MIN_DPI`] at the size it is placed.
pub fn logo_warning(logo: &Logo, placed: Rect) -> Option<String> {
    let w_in = placed.w / 72.0;
    let h_in = placed.h / 72.0;
    let dpi = (logo.picture.width_px as f32 / w_in).min(logo.picture.height_px as f32 / h_in);
    if dpi >= LOGO_MIN_DPI {
        return None;
    }
    let need_w = (LOGO_MIN_DPI * w_in).ceil() as u32;
    let need_h = (LOGO_MIN_DPI * h_in).ceil() as u32;
    Some(
        Diagnostic::warning(format!(
            "the logo `{}` would print at {} dpi at its size on the poster ({} x {} mm); for {} dpi it needs at least {} x {} pixels",
            logo.name,
            dpi.floor() as u32,
            to_mm(placed.w).round() as u32,
            to_mm(placed.h).round() as u32,
            LOGO_MIN_DPI as u32,
            need_w,
            need_h
        ))
        .help("use a larger image of the logo; it is printed anyway")
        .to_string(),
    )
}

fn poster_error(e: PosterError, opts: &PosterOptions) -> Error {
    let help = match &e {
        PosterError::Panel { domain, .. } => format!(
            "shorten the belief line or the ideas to try for {} teams in domains/{domain}.ron, or choose a larger --size",
            opts.setting
        ),
        PosterError::Text { what, .. } => match *what {
            "the team name" => "shorten --team".to_string(),
            "the pack title" => "shorten `title` in pack.ron, or choose a larger --size".into(),
            "the intro line" => {
                "shorten the first sentence of `intro` in pack.ron, or choose a larger --size"
                    .into()
            }
            "the list of citations" => {
                "shorten `citations` in pack.ron, or choose a larger --size".into()
            }
            _ => "choose a larger --size".into(),
        },
        PosterError::TooManyDomains { .. } => {
            "list at most five domains in `domains` in pack.ron".into()
        }
    };
    Error::Failed(Diagnostic::error(e.to_string()).help(help))
}

/// Lays out the poster and collects the warnings and notes for the user.
fn laid_out(ctx: &Context, opts: &PosterOptions) -> Result<(Poster, Vec<String>), Error> {
    let p = poster(&ctx.pack, &ctx.template, opts).map_err(|e| poster_error(e, opts))?;
    let mut warnings = Vec::new();
    if let (Some(logo), Some(rect)) = (&opts.logo, p.logo) {
        warnings.extend(logo_warning(logo, rect));
    }
    let most = ctx
        .pack
        .domains
        .iter()
        .map(|d| d.ideas.for_setting(opts.setting).len().min(MAX_IDEAS))
        .max()
        .unwrap_or(0);
    if p.ideas_shown < most {
        warnings.push(format!(
            "note: {} ideas to try per domain instead of {most}, so the text stays at least {} pt on an {} poster\n",
            p.ideas_shown,
            fmt_pt(p.min_text_pt),
            opts.describe()
        ));
    }
    Ok((p, warnings))
}

fn base_document(ctx: &Context, opts: &PosterOptions, title: String) -> Document {
    ctx.document(
        title,
        ctx.pack
            .setting_label("meta.poster_subject", opts.setting, &[]),
    )
}

/// The values of `{title}`, `{size}` and `{orientation}` for the poster's printed names.
fn poster_values(ctx: &Context, opts: &PosterOptions) -> [(&'static str, String); 3] {
    [
        ("title", ctx.pack.title.clone()),
        (
            "size",
            if opts.size.is_screen() {
                ctx.pack.labels.get("poster.screen")
            } else {
                opts.size.name().to_string()
            },
        ),
        ("orientation", opts.orientation(&ctx.pack.labels)),
    ]
}

/// The poster as a one-page document, and the warnings to print (a low-resolution logo, fewer
/// ideas than asked).
pub fn poster_document(
    ctx: &Context,
    opts: &PosterOptions,
) -> Result<(Document, Vec<String>), Error> {
    let (p, warnings) = laid_out(ctx, opts)?;
    Ok((whole_document(ctx, opts, p.frame), warnings))
}

/// The poster's one-page document around its laid-out frame.
fn whole_document(ctx: &Context, opts: &PosterOptions, frame: Frame) -> Document {
    let v = poster_values(ctx, opts);
    let v: Vec<(&str, &str)> = v.iter().map(|(k, x)| (*k, x.as_str())).collect();
    let mut doc = base_document(ctx, opts, ctx.pack.labels.fill("meta.poster_title", &v));
    doc.pages.push(frame);
    doc
}

/// The poster split onto `paper` sheets with `overlap_mm` between neighbours: the assembly key,
/// then one page per tile. Returns the document, the tiling plan (sheet count, grid) and the
/// warnings to print.
pub fn tiled_document(
    ctx: &Context,
    opts: &PosterOptions,
    paper: Paper,
    overlap_mm: f32,
) -> Result<(Document, TilePlan, Vec<String>), Error> {
    let plan = tile_plan(opts, paper, overlap_mm)?;
    let (p, warnings) = laid_out(ctx, opts)?;
    let doc = tiles_document(ctx, opts, Arc::new(p.frame), &plan, paper);
    Ok((doc, plan, warnings))
}

/// The poster whole and tiled on `paper`, laid out once for both: the two documents, the
/// tiling plan and the warnings to print.
pub fn whole_and_tiled(
    ctx: &Context,
    opts: &PosterOptions,
    paper: Paper,
    overlap_mm: f32,
) -> Result<(Document, Document, TilePlan, Vec<String>), Error> {
    let plan = tile_plan(opts, paper, overlap_mm)?;
    let (p, warnings) = laid_out(ctx, opts)?;
    let frame = Arc::new(p.frame);
    let tiled = tiles_document(ctx, opts, Arc::clone(&frame), &plan, paper);
    let whole = whole_document(ctx, opts, Arc::unwrap_or_clone(frame));
    Ok((whole, tiled, plan, warnings))
}

fn tile_plan(opts: &PosterOptions, paper: Paper, overlap_mm: f32) -> Result<TilePlan, Error> {
    tiles::plan(opts.page_size(), paper, overlap_mm).map_err(|e| overlap_error(&e, paper))
}

/// The tiled poster's document: the assembly key, then a page per tile of `frame`.
fn tiles_document(
    ctx: &Context,
    opts: &PosterOptions,
    frame: Arc<Frame>,
    plan: &TilePlan,
    paper: Paper,
) -> Document {
    let labels = &ctx.pack.labels;
    let v = poster_values(ctx, opts);
    let mut v: Vec<(&str, &str)> = v.iter().map(|(k, x)| (*k, x.as_str())).collect();
    let text = TileText {
        caption: labels.fill("tiles.caption", &v),
    };
    let sheets = plan.count().to_string();
    v.extend([("sheets", sheets.as_str()), ("paper", paper.name())]);
    let mut doc = base_document(ctx, opts, labels.fill("meta.tiled_title", &v));
    doc.pages = tile_pages(&frame, plan, &ctx.template, &ctx.pack.labels, &text);
    doc.bookmarks = vec![
        (labels.get("tiles.title"), 0),
        (labels.fill("tiles.sheet", &[("number", "1")]), 1),
    ];
    doc
}
