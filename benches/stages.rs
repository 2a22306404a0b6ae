//! In-process timings of securebase's stages, for whoever changes a hot path: load and check
//! the built-in pack, lay out each kind of document, build its PDF (frames → printpdf → lopdf,
//! with the structure tree and fields) and save it (deflate and write the bytes).
//!
//! `cargo bench` runs them all; `cargo bench -- layout` only those whose path holds "layout".
//! Whole-process timings (start-up, threads, writing files) are `bench/run`'s job. Nothing here
//! runs in `cargo test` or CI: timings are for people to read, not gates.

use divan::Bencher;
use securebase::commands::cards::cards_document;
use securebase::commands::handout::handouts_document;
use securebase::commands::poster::{poster_document, tiled_document};
use securebase::commands::slides::slides_document;
use securebase::commands::{Context, load};
use securebase::config::CardOptions;
use securebase::layout::frame::Document;
use securebase::layout::guide::{GuideOptions, guide};
use securebase::layout::handout::HandoutOptions;
use securebase::layout::poster::{PosterOptions, PosterSize};
use securebase::layout::slides::SlideOptions;
use securebase::pack::{PackSource, Setting};
use securebase::render::pdf;
use securebase::template::{Paper, Template};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// The documents of an away-day pack, and the one-domain handout a supervisor prints.
#[derive(Debug, Clone, Copy)]
enum Doc {
    /// One domain, online: `securebase handout --domain acceptance --setting online`.
    Handout,
    /// Five domains, hybrid: the pack's `02-handouts.pdf`.
    Handouts,
    /// 120 hybrid cue cards, 8 to a sheet: `03-cue-cards.pdf`.
    Cards,
    /// The A2 poster: `01-poster-a2.pdf`.
    Poster,
    /// The A2 poster tiled on A4: `01-poster-tiled-a4.pdf`.
    Tiles,
    /// The facilitator guide: `00-facilitator-guide.pdf`.
    Guide,
    /// 152 hybrid slides, the biggest file of the pack: `remote/02-slides.pdf`.
    Slides,
    /// One domain's fillable handout for the screen: `remote/handouts/acceptance.pdf`.
    Fillable,
}

const DOCS: [Doc; 8] = [
    Doc::Handout,
    Doc::Handouts,
    Doc::Cards,
    Doc::Poster,
    Doc::Tiles,
    Doc::Guide,
    Doc::Slides,
    Doc::Fillable,
];

/// The built-in pack and the A4 template, loaded once for every bench.
fn ctx() -> &'static Context {
    static CTX: OnceLock<Context> = OnceLock::new();
    CTX.get_or_init(|| {
        let (pack, _) = load(&PackSource::Builtin).expect("the built-in pack loads");
        let template = Template::builtin("a4").expect("the a4 template loads");
        Context::from_parts(pack, template, None)
    })
}

fn handout_opts(setting: Setting) -> HandoutOptions {
    HandoutOptions {
        setting: Some(setting),
        stage: None,
        lines: 2,
        max_pages: 2,
        participant: None,
        team: None,
        date: None,
        fillable: false,
        core: false,
        supervision: false,
    }
}

fn poster_opts() -> PosterOptions {
    PosterOptions {
        size: PosterSize::A2,
        landscape: false,
        setting: Setting::Hybrid,
        team: None,
        logo: None,
        date: None,
    }
}

fn lay_out(d: Doc) -> Document {
    let ctx = ctx();
    let domains: Vec<_> = ctx.pack.domains.iter().collect();
    let laid_out = match d {
        Doc::Handout => {
            let one: Vec<_> = domains
                .into_iter()
                .filter(|d| d.id == "acceptance")
                .collect();
            handouts_document(ctx, &one, &handout_opts(Setting::Online)).map(|(doc, _)| doc)
        }
        Doc::Handouts => {
            handouts_document(ctx, &domains, &handout_opts(Setting::Hybrid)).map(|(doc, _)| doc)
        }
        Doc::Fillable => {
            let one: Vec<_> = domains
                .into_iter()
                .filter(|d| d.id == "acceptance")
                .collect();
            let opts = HandoutOptions {
                lines: 3,
                max_pages: 4,
                fillable: true,
                ..handout_opts(Setting::Hybrid)
            };
            handouts_document(ctx, &one, &opts).map(|(doc, _)| doc)
        }
        Doc::Slides => slides_document(
            ctx,
            &SlideOptions {
                setting: Setting::Hybrid,
                domains: (0..ctx.pack.domains.len()).collect(),
                stage: None,
                core: false,
                team: None,
                date: None,
            },
        ),
        Doc::Cards => cards_document(ctx, &CardOptions::default()).map(|(doc, _)| doc),
        Doc::Poster => poster_document(ctx, &poster_opts()).map(|(doc, _)| doc),
        Doc::Tiles => tiled_document(ctx, &poster_opts(), Paper::A4, 10.0).map(|(doc, ..)| doc),
        Doc::Guide => {
            let opts = GuideOptions {
                setting: Setting::Hybrid,
                team: None,
                date: None,
                items: (0..6)
                    .map(|i| {
                        (
                            format!("0{i}-file.pdf"),
                            "what it is for and how to print it".into(),
                        )
                    })
                    .collect(),
            };
            let mut doc = ctx.document("Guide".into(), "Guide".into());
            doc.pages = guide(&ctx.pack, &ctx.template, &opts).expect("the guide lays out");
            Ok(doc)
        }
    };
    laid_out.unwrap_or_else(|e| panic!("{d:?} lays out: {e}"))
}

/// The built-in pack, as every command gets it: decoded from its snapshot.
#[divan::bench]
fn load_pack() -> impl Sized {
    load(&PackSource::Builtin).map(|(pack, _)| pack).is_ok()
}

/// The built-in pack read and checked from its RON files, as a team's own pack is: parsing,
/// locations, the printable check.
#[divan::bench]
fn load_files() -> impl Sized {
    securebase::pack::validate::load_files(&PackSource::Builtin)
        .pack
        .is_some()
}

/// A built-in template read and checked, as every printing command and `check` do.
#[divan::bench]
fn template() -> impl Sized {
    Template::builtin("a4").is_ok()
}

/// What `check` does beyond loading the pack: every question measured on the default card (A4,
/// 8 per sheet) at the smallest size.
#[divan::bench]
fn card_check() -> usize {
    securebase::commands::cards::check_warnings(&ctx().pack).len()
}

/// Pages of positioned items, from the loaded pack.
#[divan::bench(args = DOCS)]
fn layout(d: Doc) -> Document {
    lay_out(d)
}

/// Frames → printpdf ops → lopdf objects, with tags and fields (no compression).
#[divan::bench(args = DOCS)]
fn build(bencher: Bencher, d: Doc) {
    let doc = lay_out(d);
    bencher.bench(|| pdf::build(&doc).map(|b| b.lo.objects.len()));
}

/// Deflate the streams and write the bytes. From the second save on, the document's font subsets
/// are already deflated (render::save keeps them), as they are for the later files of a pack.
#[divan::bench(args = DOCS)]
fn save(bencher: Bencher, d: Doc) {
    let doc = lay_out(d);
    bencher
        .with_inputs(|| pdf::build(&doc).expect("the document builds"))
        .bench_values(|b| pdf::save(b).map(|r| r.bytes.len()));
}
