//! The bundled fonts (Atkinson Hyperlegible, SIL OFL, in `fonts/`) and their metrics.
//!
//! Layout measures text with the real glyph advances read here from the font's own `cmap`,
//! `hmtx`, `hhea` and `head` tables; the PDF renderer embeds the same bytes. printpdf writes each
//! character as one glyph with no kerning, so the sum of advances is exactly the printed width.
//! No system font is ever used.

use std::sync::OnceLock;

/// Per-character values for the Basic Multilingual Plane (the fonts have no other characters),
/// looked up in two steps: a block of 256 characters, then the character in its block. Blocks
/// with nothing in them share one empty block, so a font with a few hundred characters takes a
/// few kilobytes, and a lookup is two array reads (no hashing: layout measures every character
/// it places, and `check` every character of a pack).
#[derive(Debug, Clone)]
struct CharTable {
    /// For each block of 256 characters, its index in `blocks` (0: the empty block).
    index: [u8; 256],
    blocks: Vec<[u16; 256]>,
}

impl CharTable {
    /// The value of a character the font does not have.
    const NONE: u16 = u16::MAX;

    fn new() -> CharTable {
        CharTable {
            index: [0; 256],
            blocks: vec![[Self::NONE; 256]],
        }
    }

    fn get(&self, c: char) -> Option<u16> {
        let cp = c as u32;
        if cp > 0xFFFF {
            return None;
        }
        let block = &self.blocks[usize::from(self.index[(cp >> 8) as usize])];
        match block[(cp & 0xFF) as usize] {
            Self::NONE => None,
            v => Some(v),
        }
    }

    fn set(&mut self, c: char, v: u16) {
        let cp = c as u32;
        if cp > 0xFFFF || v == Self::NONE {
            return;
        }
        let hi = (cp >> 8) as usize;
        if self.index[hi] == 0 {
            // At most 256 blocks, and block 0 is the shared empty one: 255 more always fit.
            self.blocks.push([Self::NONE; 256]);
            self.index[hi] = (self.blocks.len() - 1) as u8;
        }
        self.blocks[usize::from(self.index[hi])][(cp & 0xFF) as usize] = v;
    }
}

/// A TrueType file's table directory: each table's bytes by tag. Read by [`FontMetrics::parse`]
/// and by the subsetter that embeds the fonts (`render::subset`).
pub(crate) struct Tables<'a> {
    data: &'a [u8],
    /// Tag, offset and length of each table, in directory order.
    pub(crate) entries: Vec<([u8; 4], usize, usize)>,
}

impl<'a> Tables<'a> {
    pub(crate) fn read(data: &'a [u8]) -> Result<Tables<'a>, String> {
        let n = usize::from(be16(data, 4)?);
        let entries = (0..n)
            .map(|i| {
                let rec = 12 + 16 * i;
                let tag = data
                    .get(rec..rec + 4)
                    .and_then(|t| <[u8; 4]>::try_from(t).ok())
                    .ok_or("the table directory is cut short")?;
                Ok((
                    tag,
                    be32(data, rec + 8)? as usize,
                    be32(data, rec + 12)? as usize,
                ))
            })
            .collect::<Result<Vec<_>, String>>()?;
        Ok(Tables { data, entries })
    }

    /// The bytes of table `tag`, when the font has it.
    pub(crate) fn get(&self, tag: &[u8; 4]) -> Result<Option<&'a [u8]>, String> {
        let Some(&(_, at, len)) = self.entries.iter().find(|(t, ..)| t == tag) else {
            return Ok(None);
        };
        self.data
            .get(at..at + len)
            .map(Some)
            .ok_or_else(|| format!("the {} table is cut short", table_name(tag)))
    }

    /// The bytes of table `tag`, which the font must have.
    pub(crate) fn need(&self, tag: &[u8; 4]) -> Result<&'a [u8], String> {
        self.get(tag)?
            .ok_or_else(|| format!("the font has no {} table", table_name(tag)))
    }
}

fn table_name(tag: &[u8; 4]) -> String {
    String::from_utf8_lossy(tag).trim_end().to_string()
}

/// The big-endian 16-bit number at byte `at` of `data`.
pub(crate) fn be16(data: &[u8], at: usize) -> Result<u16, String> {
    data.get(at..at + 2)
        .map(|b| u16::from_be_bytes([b[0], b[1]]))
        .ok_or_else(|| format!("the font is cut short at byte {at}"))
}

/// The big-endian 32-bit number at byte `at` of `data`.
pub(crate) fn be32(data: &[u8], at: usize) -> Result<u32, String> {
    data.get(at..at + 4)
        .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
        .ok_or_else(|| format!("the font is cut short at byte {at}"))
}

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

/// The first character of `text` that one of the bundled faces cannot print (control characters
/// such as line breaks are not printed, so they never count). `check` and every command use it,
/// on every text of a pack, so it reads one table built once from the three fonts' cmaps.
pub fn unprintable(text: &str) -> Option<char> {
    static PRINTABLE: OnceLock<CharTable> = OnceLock::new();
    let printable = PRINTABLE.get_or_init(|| {
        let mut t = CharTable::new();
        let [first, rest @ ..] = Face::ALL.map(Face::metrics);
        for &(c, _) in &first.cmap {
            if rest.iter().all(|m| m.has_glyph(c)) {
                t.set(c, 1);
            }
        }
        t
    });
    // Most texts are plain ASCII, which all three faces print: a byte scan settles those.
    static ASCII: OnceLock<bool> = OnceLock::new();
    let ascii = *ASCII.get_or_init(|| (' '..='~').all(|c| printable.get(c).is_some()));
    if ascii
        && text
            .bytes()
            .all(|b| (b' '..=b'~').contains(&b) || b == b'\n')
    {
        return None;
    }
    text.chars()
        .find(|&c| !c.is_control() && printable.get(c).is_none())
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
    /// Degrees counter-clockwise from the vertical of the dominant strokes (negative leans
    /// right), from `post`; 0 when the font has no `post` table.
    pub italic_angle: f32,
    /// The weight class from OS/2 (400 regular, 700 bold); 400 when the font has no OS/2.
    pub weight: u16,
    /// The advance of each character the font maps, in font units.
    advances: CharTable,
    /// The advances of the ASCII characters (0 for those the font lacks): text is mostly ASCII,
    /// and layout measures every character it places.
    ascii: [u16; 128],
    /// The glyph id of each character the font maps.
    glyphs: CharTable,
    /// Every mapped character and its glyph id, in character order (for a full embedding).
    pub cmap: Vec<(char, u16)>,
    /// The advance of every glyph id, in font units.
    pub glyph_advances: Vec<u16>,
}

impl FontMetrics {
    /// Whether the font has a glyph for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        self.advances.get(c).is_some()
    }

    /// The glyph id the font's cmap gives `c` (the one printpdf looks up for it).
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.glyphs.get(c)
    }

    /// Width of `text` at `size` pt. Characters without a glyph count as zero; check with
    /// [`FontMetrics::missing`] first.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        self.width_of_units(self.units(text), size)
    }

    /// The advance of `text` in font units (characters without a glyph count as zero): widths
    /// at every size follow from it with [`FontMetrics::width_of_units`].
    pub fn units(&self, text: &str) -> u32 {
        text.chars()
            .map(|c| u32::from(self.advances.get(c).unwrap_or(0)))
            .sum()
    }

    /// The advance of the ASCII character `b` in font units (0 when the font lacks it, or when
    /// `b` is not ASCII).
    pub fn ascii_advance(&self, b: u8) -> u16 {
        self.ascii.get(usize::from(b)).copied().unwrap_or(0)
    }

    /// The width at `size` pt of an advance of `units` font units.
    pub fn width_of_units(&self, units: u32, size: f32) -> f32 {
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
        let t = Tables::read(data)?;
        let i16_at = |table: &[u8], at: usize| be16(table, at).map(|v| v as i16);
        let head = t.need(b"head")?;
        let units_per_em = f32::from(be16(head, 18)?);
        let bbox = [
            i16_at(head, 36)?,
            i16_at(head, 38)?,
            i16_at(head, 40)?,
            i16_at(head, 42)?,
        ];
        let num_glyphs = usize::from(be16(t.need(b"maxp")?, 4)?);
        let hhea = t.need(b"hhea")?;
        let ascent = f32::from(i16_at(hhea, 4)?);
        let descent = f32::from(i16_at(hhea, 6)?);
        let num_hmetrics = usize::from(be16(hhea, 34)?);
        let hmtx = t.need(b"hmtx")?;
        let os2 = t.get(b"OS/2")?;
        let cap_height = match os2 {
            Some(os2) if be16(os2, 0)? >= 2 => f32::from(i16_at(os2, 88)?),
            _ => ascent * 0.7,
        };
        let weight = os2.map_or(Ok(400), |os2| be16(os2, 4))?;
        let italic_angle = match t.get(b"post")? {
            Some(post) => be32(post, 4)? as i32 as f32 / 65536.0,
            None => 0.0,
        };
        let advance = |gid: u16| -> Result<u16, String> {
            let g = usize::from(gid).min(num_hmetrics.saturating_sub(1));
            be16(hmtx, 4 * g)
        };
        // cmap: prefer a Unicode format 4 subtable (BMP). Offsets below are within the table.
        let cmap = t.need(b"cmap")?;
        let u16_at = |at: usize| be16(cmap, at);
        let n_sub = usize::from(u16_at(2)?);
        let mut sub = None;
        for i in 0..n_sub {
            let rec = 4 + 8 * i;
            let (platform, encoding) = (u16_at(rec)?, u16_at(rec + 2)?);
            let off = be32(cmap, rec + 4)? as usize;
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
        let mut advances = CharTable::new();
        let mut glyphs = CharTable::new();
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
                    advances.set(c, advance(gid)?);
                    glyphs.set(c, gid);
                    cmap_pairs.push((c, gid));
                }
            }
        }
        cmap_pairs.sort_unstable();
        let ascii = std::array::from_fn(|b| advances.get(char::from(b as u8)).unwrap_or(0));
        let glyph_advances = (0..num_glyphs)
            .map(|g| advance(g as u16))
            .collect::<Result<Vec<u16>, String>>()?;
        Ok(FontMetrics {
            units_per_em,
            ascent,
            descent,
            cap_height,
            bbox,
            italic_angle,
            weight,
            advances,
            ascii,
            glyphs,
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
        let (regular, bold, italic) = (Face::Regular, Face::Bold, Face::Italic);
        assert_eq!(regular.metrics().weight, 400);
        assert_eq!(bold.metrics().weight, 700);
        assert_eq!(regular.metrics().italic_angle, 0.0);
        assert_eq!(italic.metrics().italic_angle, -12.0);
    }

    #[test]
    fn lookups_agree_with_the_cmap_for_every_character() {
        for f in Face::ALL {
            let m = f.metrics();
            let mapped: std::collections::HashMap<char, u16> = m.cmap.iter().copied().collect();
            // Every character of the BMP and a sample beyond it.
            for cp in (0..=0x10FFFF).filter(|cp| *cp < 0x11000 || cp % 97 == 0) {
                let Some(c) = char::from_u32(cp) else {
                    continue;
                };
                assert_eq!(m.has_glyph(c), mapped.contains_key(&c), "{f:?} {c:?}");
                let advance = mapped
                    .get(&c)
                    .map_or(0, |&g| m.glyph_advances[usize::from(g)]);
                let w = m.width(&c.to_string(), m.units_per_em);
                assert!((w - f32::from(advance)).abs() < 1e-3, "{f:?} {c:?} {w}");
                // The table built once says what asking each face says.
                let each = !c.is_control() && Face::ALL.iter().any(|f| !f.metrics().has_glyph(c));
                assert_eq!(unprintable(&c.to_string()), each.then_some(c), "{c:?}");
            }
        }
        assert_eq!(unprintable("Café – ok → no"), Some('→'));
        assert_eq!(unprintable("line\nbreak\t"), None);
    }
}
