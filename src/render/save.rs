//! The last step of rendering: compress the streams of a converted document and write it out.
//!
//! lopdf's own `Document::compress` makes a new deflate compressor for every stream (a few
//! hundred kilobytes of tables set up each time) and compresses at the slowest level; for the
//! many small streams of a pack that cost more than the rest of the save. Here each thread keeps
//! one libdeflate compressor for every stream it deflates, at [`LEVEL`], and a font program
//! deflated once is not deflated again. `write` then packs the small dictionaries (the structure
//! tree, the page objects) into compressed object streams, so the file says PDF 1.5 or later
//! (tags write 1.7).
//!
//! Output is deterministic: the same document gives the same bytes on every run.

use super::pdf::RenderError;
use libdeflater::{CompressionLvl, Compressor};
use lopdf::Object;
use std::cell::RefCell;
use std::sync::Mutex;

/// The libdeflate level for every stream: page content, fonts, pictures, object streams and
/// the cross-reference stream (1 fastest, 12 smallest). On the streams of one handout
/// (2026-11-23): level 1 takes 212 us for 33.1 KB, level 3 323 us for 32.1 KB; zlib-rs at
/// level 3, used before, took 508 us for 32.6 KB. The default pack grows by 1%.
pub const LEVEL: i32 = 1;

/// Compresses every stream that allows it and has no filter yet, and writes the document with
/// the objects already written in `extra`.
pub fn save(
    lo: &mut lopdf::Document,
    extra: &super::write::Written,
) -> Result<Vec<u8>, RenderError> {
    compress_streams(lo)?;
    let mut out = with_compressor(|z| super::write::write(lo, extra, z))?;
    // A pack keeps dozens of PDFs until it writes them all.
    out.shrink_to_fit();
    Ok(out)
}

thread_local! {
    /// This thread's compressor, made on first use and kept for every stream after: making one
    /// allocates (and faults in) its tables. A stream's bytes depend only on the stream and the
    /// level, never on what the compressor deflated before.
    static COMPRESSOR: RefCell<Option<Deflater>> = const { RefCell::new(None) };
}

/// A compressor and the buffer it writes into, which grows to the largest stream's bound and
/// is kept: each stream's deflated bytes are copied out of it, instead of a buffer of the
/// stream's bound being allocated and zeroed (and faulted in) for each.
pub struct Deflater {
    z: Compressor,
    scratch: Vec<u8>,
}

impl Deflater {
    pub fn new() -> Deflater {
        Deflater {
            // LEVEL is within libdeflate's 0..=12, checked by a test.
            z: Compressor::new(CompressionLvl::new(LEVEL).unwrap_or_default()),
            scratch: Vec::new(),
        }
    }
}

impl Default for Deflater {
    fn default() -> Self {
        Deflater::new()
    }
}

/// Runs `f` with this thread's compressor.
fn with_compressor<R>(f: impl FnOnce(&mut Deflater) -> R) -> R {
    COMPRESSOR.with(|c| {
        let mut c = c.borrow_mut();
        f(c.get_or_insert_with(Deflater::new))
    })
}

/// Streams shorter than this are never made smaller by the 19 bytes the rule below asks for
/// (a zlib stream has 6 bytes of header and checksum and at least 2 of data), so they are not
/// deflated at all: a fillable handout has a hundred 12-byte field appearances.
const TOO_SHORT_TO_DEFLATE: usize = 28;

/// Deflates the streams of `lo` with this thread's compressor. A stream is kept as it is when
/// deflate would not make it smaller by more than 19 bytes (the same rule as lopdf's).
fn compress_streams(lo: &mut lopdf::Document) -> Result<(), RenderError> {
    with_compressor(|z| {
        let mut buf = Vec::new();
        for obj in lo.objects.values_mut() {
            let Object::Stream(s) = obj else { continue };
            if !s.allows_compression
                || s.dict.has(b"Filter")
                || s.content.len() < TOO_SHORT_TO_DEFLATE
            {
                continue;
            }
            // A font program: the PDFs of a pack mostly embed the same subsets.
            let font = s.dict.has(b"Length1");
            match font.then(|| FONT_PROGRAMS.find(&s.content)).flatten() {
                Some(deflated) => buf = deflated,
                None => {
                    deflate(z, &s.content, &mut buf)?;
                    if font {
                        FONT_PROGRAMS.keep(&s.content, &buf);
                    }
                }
            }
            if buf.len() + 19 < s.content.len() {
                s.dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
                s.set_content(std::mem::take(&mut buf));
            }
        }
        Ok(())
    })
}

/// Font programs deflated before in this process, with their deflated bytes. Every PDF of a
/// pack embeds the subsets of the same three faces, and most subsets are the same (the 30
/// personal handouts of a pack share all but a few): deflating each once is enough.
static FONT_PROGRAMS: Deflated = Deflated(Mutex::new(Vec::new()));

/// Streams and their deflated bytes, the most recent last.
struct Deflated(Mutex<Vec<(Vec<u8>, Vec<u8>)>>);

impl Deflated {
    /// How many streams are kept (a pack makes a few dozen different font subsets at most).
    const KEPT: usize = 48;

    fn find(&self, raw: &[u8]) -> Option<Vec<u8>> {
        let kept = self.0.lock().ok()?;
        kept.iter()
            .rev()
            .find(|(r, _)| r.as_slice() == raw)
            .map(|(_, d)| d.clone())
    }

    fn keep(&self, raw: &[u8], deflated: &[u8]) {
        if let Ok(mut kept) = self.0.lock() {
            if kept.len() == Self::KEPT {
                kept.remove(0);
            }
            kept.push((raw.to_vec(), deflated.to_vec()));
        }
    }
}

/// Deflates `input` into `out` (zlib format), replacing what `out` held.
pub fn deflate(d: &mut Deflater, input: &[u8], out: &mut Vec<u8>) -> Result<(), RenderError> {
    let bound = d.z.zlib_compress_bound(input.len());
    if d.scratch.len() < bound {
        d.scratch.resize(bound, 0);
    }
    let n =
        d.z.zlib_compress(input, &mut d.scratch[..bound])
            .map_err(|e| RenderError(format!("deflate: {e:?}")))?;
    out.clear();
    out.extend_from_slice(&d.scratch[..n]);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// Each thread keeps its compressor for every document it saves, so a stream's bytes must
    /// not depend on what the compressor deflated before (else a pack's bytes would depend on
    /// which thread made which file).
    #[test]
    fn a_stream_deflates_the_same_whatever_came_before() {
        let font = crate::fonts::Face::Regular.bytes();
        let others: [&[u8]; 3] = [
            crate::fonts::Face::Bold.bytes(),
            b"BT /F1 12 Tf (Hello) Tj ET\n",
            &[b'q'; 70_000],
        ];
        let mut fresh = Vec::new();
        deflate(&mut Deflater::new(), font, &mut fresh).unwrap();
        for before in others {
            let mut z = Deflater::new();
            let mut out = Vec::new();
            deflate(&mut z, before, &mut out).unwrap();
            deflate(&mut z, font, &mut out).unwrap();
            assert!(
                out == fresh,
                "after {} bytes: {} vs {}",
                before.len(),
                out.len(),
                fresh.len()
            );
        }
    }

    #[test]
    fn deflate_round_trips_and_reuses_the_compressor() {
        assert!(
            CompressionLvl::new(LEVEL).is_ok(),
            "LEVEL is a libdeflate level"
        );
        let mut z = Deflater::new();
        let mut out = Vec::new();
        let texts: [&[u8]; 3] = [b"", b"BT /F1 12 Tf (Hello) Tj ET\n", &[b'q'; 100_000]];
        for text in texts {
            deflate(&mut z, text, &mut out).unwrap();
            let mut back = Vec::new();
            flate2::read::ZlibDecoder::new(out.as_slice())
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, text);
        }
    }
}
