//! TrueType subsetting for embedding in a PDF: a font program with the outlines of the glyphs a
//! document shows and nothing else a PDF reader needs.
//!
//! Glyph ids are kept (the PDF font maps CIDs to glyphs with `/CIDToGIDMap /Identity`), so the
//! content streams show the font's own glyph ids and composite glyphs need no rewriting: a glyph
//! not kept has an empty outline and zero metrics. The program holds the tables ISO 32000 asks
//! for in an embedded TrueType font (`head`, `hhea`, `loca`, `maxp`, `glyf`, `hmtx` and the
//! hinting tables `cvt `, `fpgm`, `prep` when the font has them), with their checksums and the
//! `head` checksum adjustment, so font tools read it as a valid font. A `cmap` maps the
//! characters of the glyphs kept (readers do not need it, as they find glyphs through the CID
//! and text through the ToUnicode map, but font libraries, printpdf's reader among them, refuse
//! a font without one). The `name`, `post` and layout tables are left out.
//!
//! Errors are for malformed fonts only; the bundled faces are checked by the tests.

use crate::fonts::{Tables, be16, be32};

/// The tables an embedded TrueType font program keeps, in tag order (the table directory is
/// sorted by tag).
const KEPT: [&[u8; 4]; 10] = [
    b"cmap", b"cvt ", b"fpgm", b"glyf", b"head", b"hhea", b"hmtx", b"loca", b"maxp", b"prep",
];

/// Composite glyph flags (OpenType `glyf`).
const ARG_1_AND_2_ARE_WORDS: u16 = 0x0001;
const WE_HAVE_A_SCALE: u16 = 0x0008;
const MORE_COMPONENTS: u16 = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE: u16 = 0x0040;
const WE_HAVE_A_TWO_BY_TWO: u16 = 0x0080;

/// The glyph outlines of a font, by glyph id.
struct Glyf<'a> {
    glyf: &'a [u8],
    /// `loca`: where each glyph starts and ends in `glyf` (one more entry than glyphs).
    offsets: Vec<usize>,
}

impl<'a> Glyf<'a> {
    fn read(t: &Tables<'a>, num_glyphs: usize) -> Result<Glyf<'a>, String> {
        let long = be16(t.need(b"head")?, 50)? != 0;
        let loca = t.need(b"loca")?;
        let offsets = (0..=num_glyphs)
            .map(|g| match long {
                true => be32(loca, 4 * g).map(|o| o as usize),
                false => be16(loca, 2 * g).map(|o| 2 * usize::from(o)),
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Glyf {
            glyf: t.need(b"glyf")?,
            offsets,
        })
    }

    /// The outline of glyph `g` (empty for a glyph without one, such as the space).
    fn glyph(&self, g: usize) -> Result<&'a [u8], String> {
        let (start, end) = match (self.offsets.get(g), self.offsets.get(g + 1)) {
            (Some(&s), Some(&e)) if s <= e => (s, e),
            _ => return Err(format!("glyph {g} has no place in the loca table")),
        };
        self.glyf
            .get(start..end)
            .ok_or_else(|| format!("glyph {g} lies outside the glyf table"))
    }

    /// The glyphs a composite glyph is made of (none for a simple glyph).
    fn components(&self, g: usize) -> Result<Vec<usize>, String> {
        let data = self.glyph(g)?;
        if data.is_empty() || (be16(data, 0)? as i16) >= 0 {
            return Ok(Vec::new());
        }
        let mut out = Vec::new();
        let mut at = 10;
        loop {
            let flags = be16(data, at)?;
            out.push(usize::from(be16(data, at + 2)?));
            at += 4 + if flags & ARG_1_AND_2_ARE_WORDS != 0 {
                4
            } else {
                2
            };
            at += if flags & WE_HAVE_A_SCALE != 0 {
                2
            } else if flags & WE_HAVE_AN_X_AND_Y_SCALE != 0 {
                4
            } else if flags & WE_HAVE_A_TWO_BY_TWO != 0 {
                8
            } else {
                0
            };
            if flags & MORE_COMPONENTS == 0 {
                return Ok(out);
            }
        }
    }
}

/// A TrueType font program with the outlines and metrics of the glyphs `used` (by glyph id; ids
/// beyond the font are ignored), the glyphs composites among them are made of, glyph 0
/// (`.notdef`) and the space; every other glyph is empty. Glyph ids are those of `font`, whose
/// character map is `cmap` (characters in order, with their glyph ids).
pub fn subset(
    font: &[u8],
    cmap: &[(char, u16)],
    used: impl IntoIterator<Item = u16>,
) -> Result<Vec<u8>, String> {
    let t = Tables::read(font)?;
    let num_glyphs = usize::from(be16(t.need(b"maxp")?, 4)?);
    let glyf = Glyf::read(&t, num_glyphs)?;
    // The glyphs kept: those used, glyph 0, and every component of a kept composite.
    let mut keep = vec![false; num_glyphs];
    let space = cmap.iter().find(|(c, _)| *c == ' ').map(|&(_, g)| g);
    let mut todo: Vec<usize> = std::iter::once(0)
        .chain(space)
        .chain(used)
        .map(usize::from)
        .filter(|&g| g < num_glyphs)
        .collect();
    while let Some(g) = todo.pop() {
        if std::mem::replace(&mut keep[g], true) {
            continue;
        }
        todo.extend(
            glyf.components(g)?
                .into_iter()
                .filter(|&c| c < num_glyphs && !keep[c]),
        );
    }
    // glyf and loca: the kept outlines in glyph order, each padded to 4 bytes.
    let long = glyf.glyf.len() > 0x1FFFF;
    let mut new_glyf = Vec::new();
    let mut new_loca = Vec::with_capacity((num_glyphs + 1) * if long { 4 } else { 2 });
    let mut offset = |at: usize| match long {
        true => new_loca.extend_from_slice(&(at as u32).to_be_bytes()),
        false => new_loca.extend_from_slice(&((at / 2) as u16).to_be_bytes()),
    };
    for (g, &kept) in keep.iter().enumerate() {
        offset(new_glyf.len());
        if kept {
            new_glyf.extend_from_slice(glyf.glyph(g)?);
            new_glyf.resize(new_glyf.len().next_multiple_of(4), 0);
        }
    }
    offset(new_glyf.len());
    // hmtx: the metrics of the kept glyphs, zeros for the rest.
    let num_hmetrics = usize::from(be16(t.need(b"hhea")?, 34)?);
    let mut hmtx = t.need(b"hmtx")?.to_vec();
    for (g, _) in keep.iter().enumerate().filter(|(_, k)| !**k) {
        let (at, len) = match g < num_hmetrics {
            true => (4 * g, 4),
            false => (4 * num_hmetrics + 2 * (g - num_hmetrics), 2),
        };
        if let Some(entry) = hmtx.get_mut(at..at + len) {
            entry.fill(0);
        }
    }
    // head: the loca format of the new tables, and the checksum adjustment set below.
    let mut head = t.need(b"head")?.to_vec();
    let fields = head.get_mut(8..12).ok_or("the head table is cut short")?;
    fields.fill(0);
    let format = head.get_mut(50..52).ok_or("the head table is cut short")?;
    format.copy_from_slice(&i16::from(long).to_be_bytes());
    let mut tables: Vec<(&[u8; 4], std::borrow::Cow<[u8]>)> = Vec::new();
    for tag in KEPT {
        let data = match tag {
            b"glyf" => std::borrow::Cow::Borrowed(new_glyf.as_slice()),
            b"loca" => new_loca.as_slice().into(),
            b"hmtx" => hmtx.as_slice().into(),
            b"head" => head.as_slice().into(),
            b"cmap" => character_map(cmap, &keep).into(),
            _ => match t.get(tag)? {
                Some(d) => d.into(),
                None => continue,
            },
        };
        tables.push((tag, data));
    }
    Ok(assemble(&tables))
}

/// A `cmap` table with one format 4 subtable (Unicode BMP) that maps the characters of `cmap`
/// whose glyphs are kept: one segment for each run of consecutive characters whose glyph ids
/// are consecutive too, and the closing segment.
fn character_map(cmap: &[(char, u16)], keep: &[bool]) -> Vec<u8> {
    // (first character, last character, glyph id of the first).
    let mut segments: Vec<(u16, u16, u16)> = Vec::new();
    for &(c, g) in cmap {
        let Ok(c) = u16::try_from(u32::from(c)) else {
            continue;
        };
        if c == 0xFFFF || !keep.get(usize::from(g)).copied().unwrap_or(false) {
            continue;
        }
        match segments.last_mut() {
            Some((first, last, g0))
                if c == *last + 1 && u32::from(g) == u32::from(*g0) + u32::from(c - *first) =>
            {
                *last = c;
            }
            _ => segments.push((c, c, g)),
        }
    }
    segments.push((0xFFFF, 0xFFFF, 1));
    let n = segments.len() as u16;
    let entry_selector = 15 - n.leading_zeros() as u16;
    let search_range = 2u16 << entry_selector;
    let mut sub = Vec::new();
    let length = 16 + 8 * segments.len();
    for v in [
        4,
        length as u16,
        0,
        2 * n,
        search_range,
        entry_selector,
        2 * n - search_range,
    ] {
        sub.extend_from_slice(&v.to_be_bytes());
    }
    for &(_, last, _) in &segments {
        sub.extend_from_slice(&last.to_be_bytes());
    }
    sub.extend_from_slice(&0u16.to_be_bytes());
    for &(first, ..) in &segments {
        sub.extend_from_slice(&first.to_be_bytes());
    }
    // idDelta: glyph = character + delta (mod 65536); the closing segment maps to glyph 0.
    for &(first, _, g) in &segments {
        sub.extend_from_slice(&g.wrapping_sub(first).to_be_bytes());
    }
    for _ in &segments {
        sub.extend_from_slice(&0u16.to_be_bytes());
    }
    // The cmap header: version 0, one subtable (platform 3 Windows, encoding 1 Unicode BMP).
    let mut out = Vec::with_capacity(12 + sub.len());
    for v in [0u16, 1, 3, 1] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    out.extend_from_slice(&12u32.to_be_bytes());
    out.extend_from_slice(&sub);
    out
}

/// The outline of glyph `g` in the font `font` (empty for a glyph without one).
#[cfg(test)]
pub fn outline(font: &[u8], g: u16) -> Result<Vec<u8>, String> {
    let t = Tables::read(font)?;
    let num_glyphs = usize::from(be16(t.need(b"maxp")?, 4)?);
    Glyf::read(&t, num_glyphs)?
        .glyph(usize::from(g))
        .map(<[u8]>::to_vec)
}

/// A font file of `tables` (sorted by tag; `head` with a zero checksum adjustment), with its
/// table directory, checksums and checksum adjustment.
fn assemble(tables: &[(&[u8; 4], std::borrow::Cow<[u8]>)]) -> Vec<u8> {
    let n = tables.len() as u16;
    let entry_selector = 15 - n.max(1).leading_zeros() as u16;
    let search_range = 16u16 << entry_selector;
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    for v in [n, search_range, entry_selector, n * 16 - search_range] {
        out.extend_from_slice(&v.to_be_bytes());
    }
    let mut at = 12 + 16 * tables.len();
    for (tag, data) in tables {
        out.extend_from_slice(*tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(&(at as u32).to_be_bytes());
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        at += data.len().next_multiple_of(4);
    }
    let mut head_at = None;
    for (tag, data) in tables {
        if *tag == b"head" {
            head_at = Some(out.len());
        }
        out.extend_from_slice(data);
        out.resize(out.len().next_multiple_of(4), 0);
    }
    if let Some(h) = head_at {
        let adjust = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
        out[h + 8..h + 12].copy_from_slice(&adjust.to_be_bytes());
    }
    out
}

/// The OpenType checksum: the sum of the data as big-endian 32-bit words, zero-padded.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, c| {
        let mut w = [0u8; 4];
        w[..c.len()].copy_from_slice(c);
        sum.wrapping_add(u32::from_be_bytes(w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::Face;

    /// The glyph ids of `text` in `face`.
    fn glyphs(face: Face, text: &str) -> Vec<u16> {
        text.chars()
            .filter_map(|c| face.metrics().glyph(c))
            .collect()
    }

    #[test]
    fn a_subset_keeps_the_outlines_and_metrics_of_the_glyphs_used_and_no_others() {
        for face in Face::ALL {
            let full = face.bytes();
            let used = glyphs(face, "Team as a Secure Base; Siân Ó Dálaigh, żółw");
            let cmap = &face.metrics().cmap;
            let sub = subset(full, cmap, used.iter().copied()).expect("subsets");
            let (a, b) = (Tables::read(full).unwrap(), Tables::read(&sub).unwrap());
            let n = usize::from(be16(a.need(b"maxp").unwrap(), 4).unwrap());
            let (ga, gb) = (Glyf::read(&a, n).unwrap(), Glyf::read(&b, n).unwrap());
            // A glyph's advance and side bearing, or its side bearing only past the long metrics.
            let nh = usize::from(be16(a.need(b"hhea").unwrap(), 34).unwrap());
            let hmtx = |t: &Tables, g: usize| match g < nh {
                true => be32(t.need(b"hmtx").unwrap(), 4 * g).unwrap(),
                false => u32::from(be16(t.need(b"hmtx").unwrap(), 4 * nh + 2 * (g - nh)).unwrap()),
            };
            // Composites used here (â, Ó, á, ż, ó) bring their parts.
            let mut kept = used.iter().map(|&g| usize::from(g)).collect::<Vec<_>>();
            for &g in &kept.clone() {
                kept.extend(ga.components(g).unwrap());
            }
            assert!(
                kept.len() > used.len(),
                "{face:?}: no composite among the glyphs"
            );
            let space = usize::from(face.metrics().glyph(' ').unwrap());
            for g in 0..n {
                let want = g == 0 || g == space || kept.contains(&g);
                let (outline, metrics) = (gb.glyph(g).unwrap(), hmtx(&b, g));
                if want {
                    let original = ga.glyph(g).unwrap();
                    assert_eq!(&outline[..original.len()], original, "{face:?} glyph {g}");
                    assert_eq!(metrics, hmtx(&a, g), "{face:?} glyph {g}");
                } else {
                    assert!(
                        outline.is_empty() && metrics == 0,
                        "{face:?} glyph {g} kept"
                    );
                }
            }
            // Much smaller than the face, and only the tables a PDF reader needs.
            assert!(sub.len() * 3 < full.len(), "{face:?}: {} bytes", sub.len());
            let tags: Vec<&[u8; 4]> = b.entries.iter().map(|(t, ..)| t).collect();
            assert_eq!(tags, KEPT.to_vec(), "{face:?}");
        }
    }

    #[test]
    fn a_font_library_reads_the_subset_and_its_characters() {
        for face in Face::ALL {
            let m = face.metrics();
            let used = glyphs(face, "Dálaigh; żółw ok");
            let sub = subset(face.bytes(), &m.cmap, used.iter().copied()).unwrap();
            let parsed = printpdf::ParsedFont::from_bytes(&sub, 0, &mut Vec::new())
                .unwrap_or_else(|| panic!("{face:?}: printpdf cannot read the subset"));
            for &(c, g) in &m.cmap {
                // Used, the space, or a part of a composite used (ż is z and a dot).
                let kept = used.contains(&g)
                    || m.glyph(' ') == Some(g)
                    || !outline(&sub, g).unwrap().is_empty();
                let found = parsed.lookup_glyph_index(c as u32).filter(|g| *g != 0);
                assert_eq!(found, kept.then_some(g), "{face:?} {c:?}");
            }
        }
    }

    #[test]
    fn checksums_add_up_as_font_tools_check_them() {
        let (font, cmap) = (Face::Regular.bytes(), &Face::Regular.metrics().cmap);
        let sub = subset(font, cmap, glyphs(Face::Regular, "Hello")).unwrap();
        assert_eq!(
            checksum(&sub),
            0xB1B0_AFBA,
            "the whole file sums to the magic number"
        );
        let t = Tables::read(&sub).unwrap();
        for rec in 0..t.entries.len() {
            let at = 12 + 16 * rec;
            let (tag, sum) = (&sub[at..at + 4], be32(&sub, at + 4).unwrap());
            let mut data = t.get(&t.entries[rec].0).unwrap().unwrap().to_vec();
            if tag == b"head" {
                data[8..12].fill(0);
            }
            assert_eq!(checksum(&data), sum, "{}", String::from_utf8_lossy(tag));
        }
        // Deterministic, and the same glyphs in any order give the same program.
        let again = subset(font, cmap, glyphs(Face::Regular, "olleH")).unwrap();
        assert_eq!(sub, again);
    }

    #[test]
    fn a_broken_font_is_an_error_not_a_panic() {
        let full = Face::Regular.bytes();
        for cut in [0, 5, 12, 100, 400, full.len() / 2] {
            let cmap = &Face::Regular.metrics().cmap;
            assert!(subset(&full[..cut], cmap, [36u16]).is_err(), "cut at {cut}");
        }
    }
}
