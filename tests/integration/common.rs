//! Helpers for the integration tests: run the real executable, read PDFs back.

#![allow(dead_code)]

use printpdf::{PdfDocument, PdfParseErrorSeverity, PdfParseOptions};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The result of one run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `securebase` with `args` in `dir`, without SOURCE_DATE_EPOCH.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_securebase"))
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the securebase binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// A fresh empty folder under the target directory, named for the test.
/// Runs securebase with `args` in a fresh folder named after `name`, expects success, and reads
/// back the file the arguments name with `-o`: its path, its bytes and the run.
pub fn make_pdf(name: &str, args: &[&str]) -> (PathBuf, Vec<u8>, Run) {
    let d = temp_dir(name);
    let r = run_in(&d, args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let out = args
        .iter()
        .position(|a| *a == "-o")
        .map(|i| args[i + 1].to_string())
        .expect("tests name their output");
    let path = d.join(out);
    let bytes = std::fs::read(&path).expect("output written");
    (path, bytes, r)
}

pub fn temp_dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// A copy of the default pack in a temp folder, to break on purpose.
pub fn copy_default_pack(name: &str) -> PathBuf {
    let d = temp_dir(name).join("pack");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("packs/team-secure-base"),
        &d,
    );
    d
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read dir").flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).expect("copy");
        }
    }
}

/// Replaces the first `from` in a file with `to`, failing the test if `from` is absent.
pub fn edit(path: &Path, from: &str, to: &str) {
    let s = std::fs::read_to_string(path).expect("read");
    assert!(
        s.contains(from),
        "{} does not contain {from:?}",
        path.display()
    );
    std::fs::write(path, s.replacen(from, to, 1)).expect("write");
}

/// A word of text on a page, with its box (top-left origin, y down, points).
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub size: f32,
}

/// A page read back from a PDF.
#[derive(Debug, Clone)]
pub struct PageText {
    pub width: f32,
    pub height: f32,
    /// Lines of words, in content order.
    pub lines: Vec<Vec<Word>>,
}

impl PageText {
    pub fn words(&self) -> impl Iterator<Item = &Word> {
        self.lines.iter().flatten()
    }
    /// All words joined by single spaces, in content order.
    pub fn text(&self) -> String {
        self.words()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// Parses a PDF with printpdf's reader and returns each page's size and words with positions.
pub fn read_pdf(bytes: &[u8]) -> Vec<PageText> {
    let mut warnings = Vec::new();
    let doc = PdfDocument::parse(
        bytes,
        &PdfParseOptions {
            fail_on_error: false,
        },
        &mut warnings,
    )
    .expect("the PDF parses");
    let errors: Vec<_> = warnings
        .iter()
        .filter(|w| matches!(w.severity, PdfParseErrorSeverity::Error))
        .collect();
    assert!(errors.is_empty(), "PDF parse errors: {errors:?}");
    doc.extract_text_boxes()
        .into_iter()
        .map(|p| PageText {
            width: p.width,
            height: p.height,
            lines: p
                .lines
                .into_iter()
                .map(|l| {
                    l.words
                        .into_iter()
                        .map(|w| Word {
                            text: w.text,
                            x0: w.bbox[0],
                            y0: w.bbox[1],
                            x1: w.bbox[2],
                            y1: w.bbox[3],
                            size: w.font_size,
                        })
                        .collect()
                })
                .collect(),
        })
        .collect()
}

pub fn read_pdf_file(path: &Path) -> Vec<PageText> {
    read_pdf(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

/// All text of a document, pages joined with a space, whitespace normalised.
pub fn all_text(pages: &[PageText]) -> String {
    pages
        .iter()
        .map(PageText::text)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Collapses whitespace so question texts can be found in extracted text.
pub fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub const A4: (f32, f32) = (595.2756, 841.8898);
pub const LETTER: (f32, f32) = (612.0, 792.0);

pub fn assert_size(page: &PageText, (w, h): (f32, f32), tol: f32) {
    assert!(
        (page.width - w).abs() <= tol && (page.height - h).abs() <= tol,
        "page is {} x {}, expected {w} x {h}",
        page.width,
        page.height
    );
}

/// The PDF embeds subset font files for each face used (read with lopdf, so fonts inside
/// compressed object streams count).
pub fn assert_fonts_subset(bytes: &[u8]) {
    let doc = lopdf::Document::load_mem(bytes).expect("lopdf reads the PDF");
    let descriptors: Vec<&lopdf::Dictionary> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(lopdf::Object::as_name).ok() == Some(b"FontDescriptor"))
        .collect();
    let s: String = descriptors
        .iter()
        .filter_map(|d| d.get(b"FontName").and_then(lopdf::Object::as_name).ok())
        .map(|n| format!("{} ", String::from_utf8_lossy(n)))
        .collect();
    for tag in ["SBREGU+AtkinsonHyperlegible", "SBBOLD+AtkinsonHyperlegible"] {
        assert!(s.contains(tag), "font {tag} is not named as a subset");
    }
    assert!(
        descriptors.iter().all(|d| d.has(b"FontFile2")),
        "no embedded TrueType font"
    );
}

/// The cue cards of `setting` in print order: domains in pack order, each domain's questions in
/// stage order.
pub fn selection(
    pack: &securebase::pack::Pack,
    setting: securebase::pack::Setting,
) -> Vec<(&securebase::pack::Domain, &securebase::pack::Question)> {
    pack.domains
        .iter()
        .flat_map(|d| {
            securebase::pack::select::questions(pack, d, setting, None)
                .into_iter()
                .map(move |q| (d, q))
        })
        .collect()
}
