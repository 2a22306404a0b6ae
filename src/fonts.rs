//! The bundled fonts (Atkinson Hyperlegible, SIL OFL, in `fonts/`) and their metrics.
//!
//! Layout measures text with the real glyph advances read here from the font's own `cmap`,
//! `hmtx`, `hhea` and `head` tables; the PDF renderer embeds the same bytes. printpdf writes each
//! character as one glyph with no kerning, so the sum of advances is exactly the printed width.
//! No system font is ever used.

use std::collections::HashMap;
use std::sync::OnceLock;

/// The three faces the layouts use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    Regular,
    Bold,
    Italic,
}

impl Face {
    pub const ALL: [Face; 3] = [Face::Regular, Face::Bold, Face::Italic];

    /// The TrueType bytes, compiled into the binary.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::Regular => include_bytes!("../fonts/AtkinsonHyperlegible-Regular.ttf"),
            Face::Bold => include_bytes!("../fonts/AtkinsonHyperlegible-Bold.ttf"),
            Face::Italic => include_bytes!("../fonts/AtkinsonHyperlegible-Italic.ttf"),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Face::Regular => "AtkinsonHyperlegible-Regular",
            Face::Bold => "AtkinsonHyperlegible-Bold",
            Face::Italic => "AtkinsonHyperlegible-Italic",
        }
    }

    /// Metrics for this face, parsed once per process.
    pub fn metrics(self) -> &'static FontMetrics {
        static CELLS: [OnceLock<FontMetrics>; 3] =
            [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let i = self as usize;
        CELLS[i].get_or_init(|| {
            // The bundled fonts are checked by the test suite; a parse failure is a build defect.
            FontMetrics::parse(self.bytes())
                .unwrap_or_else(|e| panic!("bundled font {}: {e}", self.name()))
        })
    }
}

/// What layout needs to know of a font.
#[derive(Debug)]
pub struct FontMetrics {
    pub units_per_em: f32,
    /// Ascender and descender (negative) in font units.
    pub ascent: f32,
    pub descent: f32,
    /// Height of capital letters in font units (from OS/2 when present).
    pub cap_height: f32,
    /// The font's bounding box in font units: x min, y min, x max, y max.
    pub bbox: [i16; 4],
    advances: HashMap<char, u16>,
    /// Every mapped character and its glyph id, in character order (for a full embedding).
    pub cmap: Vec<(char, u16)>,
    /// The advance of every glyph id, in font units.
    pub glyph_advances: Vec<u16>,
}

impl FontMetrics {
    /// Whether the font has a glyph for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        self.advances.contains_key(&c)
    }

    /// Width of `text` at `size` pt. Characters without a glyph count as zero; check with
    /// [`FontMetrics::missing`] first.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let units: u32 = text
            .chars()
            .map(|c| u32::from(self.advances.get(&c).copied().unwrap_or(0)))
            .sum();
        units as f32 / self.units_per_em * size
    }

    /// The first character of `text` that the font cannot print.
    pub fn missing(&self, text: &str) -> Option<char> {
        text.chars()
            .find(|c| !c.is_control() && !self.has_glyph(*c))
    }

    pub fn ascent_pt(&self, size: f32) -> f32 {
        self.ascent / self.units_per_em * size
    }
    pub fn descent_pt(&self, size: f32) -> f32 {
        self.descent / self.units_per_em * size
    }
    pub fn cap_height_pt(&self, size: f32) -> f32 {
        self.cap_height / self.units_per_em * size
    }

    /// Reads the tables layout needs from a TrueType file.
    pub fn parse(data: &[u8]) -> Result<FontMetrics, String> {
        let u16_at = |o: usize| -> Result<u16, String> {
            data.get(o..o + 2)
                .map(|b| u16::from_be_bytes([b[0], b[1]]))
                .ok_or_else(|| format!("truncated at {o}"))
        };
        let i16_at = |o: usize| u16_at(o).map(|v| v as i16);
        let u32_at = |o: usize| -> Result<u32, String> {
            data.get(o..o + 4)
                .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
                .ok_or_else(|| format!("truncated at {o}"))
        };
        let num_tables = usize::from(u16_at(4)?);
        let mut tables = HashMap::new();
        for i in 0..num_tables {
            let rec = 12 + 16 * i;
            let tag = data.get(rec..rec + 4).ok_or("truncated table directory")?;
            tables.insert(tag.to_vec(), u32_at(rec + 8)? as usize);
        }
        let table = |t: &[u8]| {
            tables
                .get(t)
                .copied()
                .ok_or_else(|| format!("no {} table", String::from_utf8_lossy(t)))
        };
        let head = table(b"head")?;
        let units_per_em = f32::from(u16_at(head + 18)?);
        let bbox = [
            i16_at(head + 36)?,
            i16_at(head + 38)?,
            i16_at(head + 40)?,
            i16_at(head + 42)?,
        ];
        let num_glyphs = usize::from(u16_at(table(b"maxp")? + 4)?);
        let hhea = table(b"hhea")?;
        let ascent = f32::from(i16_at(hhea + 4)?);
        let descent = f32::from(i16_at(hhea + 6)?);
        let num_hmetrics = usize::from(u16_at(hhea + 34)?);
        let hmtx = table(b"hmtx")?;
        let cap_height = match tables.get(b"OS/2".as_slice()) {
            Some(&os2) if u16_at(os2)? >= 2 => f32::from(i16_at(os2 + 88)?),
            _ => ascent * 0.7,
        };
        let advance = |gid: u16| -> Result<u16, String> {
            let g = usize::from(gid).min(num_hmetrics.saturating_sub(1));
            u16_at(hmtx + 4 * g)
        };
        // cmap: prefer a Unicode format 4 subtable (BMP).
        let cmap = table(b"cmap")?;
        let n_sub = usize::from(u16_at(cmap + 2)?);
        let mut sub = None;
        for i in 0..n_sub {
            let rec = cmap + 4 + 8 * i;
            let (platform, encoding) = (u16_at(rec)?, u16_at(rec + 2)?);
            let off = cmap + u32_at(rec + 4)? as usize;
            if u16_at(off)? == 4 && (platform == 0 || (platform == 3 && encoding == 1)) {
                sub = Some(off);
                break;
            }
        }
        let sub = sub.ok_or("no Unicode format 4 cmap")?;
        let seg_count = usize::from(u16_at(sub + 6)? / 2);
        let ends = sub + 14;
        let starts = ends + 2 * seg_count + 2;
        let deltas = starts + 2 * seg_count;
        let range_offsets = deltas + 2 * seg_count;
        let mut advances = HashMap::new();
        let mut cmap_pairs = Vec::new();
        for s in 0..seg_count {
            let end = u16_at(ends + 2 * s)?;
            let start = u16_at(starts + 2 * s)?;
            let delta = u16_at(deltas + 2 * s)?;
            let ro_pos = range_offsets + 2 * s;
            let ro = usize::from(u16_at(ro_pos)?);
            if start == 0xFFFF {
                continue;
            }
            for cp in start..=end {
                let gid = if ro == 0 {
                    cp.wrapping_add(delta)
                } else {
                    let at = ro_pos + ro + 2 * usize::from(cp - start);
                    match u16_at(at)? {
                        0 => 0,
                        g => g.wrapping_add(delta),
                    }
                };
                if gid != 0
                    && let Some(c) = char::from_u32(u32::from(cp))
                {
                    advances.insert(c, advance(gid)?);
                    cmap_pairs.push((c, gid));
                }
            }
        }
        cmap_pairs.sort_unstable();
        let glyph_advances = (0..num_glyphs)
            .map(|g| advance(g as u16))
            .collect::<Result<Vec<u16>, String>>()?;
        Ok(FontMetrics {
            units_per_em,
            ascent,
            descent,
            cap_height,
            bbox,
            advances,
            cmap: cmap_pairs,
            glyph_advances,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_fonts_parse_and_cover_the_basics() {
        for f in Face::ALL {
            let m = f.metrics();
            assert_eq!(m.units_per_em, 1000.0);
            for c in "Aa?é€–—’“”·".chars() {
                assert!(m.has_glyph(c), "{f:?} lacks {c}");
            }
            assert!(!m.has_glyph('→'));
            assert!(m.width("Hello World", 12.0) > 50.0);
        }
    }
}
