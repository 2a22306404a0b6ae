//! The checked built-in pack, kept in the binary as a snapshot so that no run has to parse and
//! check the same RON files again.
//!
//! Parsing and checking the built-in pack took about 1.5 ms of every run, as long as all the
//! rest of `securebase list`. The pack's files cannot change after the build, so the result of
//! checking them cannot either: `builtin.snapshot` holds that result in a small binary form,
//! and decoding it takes a few tens of microseconds.
//!
//! The snapshot is not used when it may be stale: it starts with a hash of what the checked pack
//! is made from (the built-in RON files and the code that builds the pack from them, [`CODE`]).
//! When any of that changes, the hash no longer matches and the pack is read and checked from its
//! files as any other pack is. The test in `tests.rs` compares the snapshot with a pack read from
//! the files, and fails until the snapshot is made again with `SECUREBASE_BLESS=1 cargo test
//! snapshot` (run `cargo fmt` first: it edits the hashed files too).
//!
//! The format: the magic line, the hash (8 bytes, little-endian), then the pack, field by field
//! in declaration order. Numbers are LEB128, strings are their length and UTF-8 bytes, a list is
//! its length and items, an option is 0 or 1 and the value. A location is the built-in file's
//! index, then its byte offset, line, column and width.

use super::guide::{Block, Break, Cover, Guide, Plan, Plans, Section, Slot};
use super::labels::Labels;
use super::model::*;
use super::source::{BUILTIN_PACK, PackSource};
use crate::diag::{Location, SourceFile};
use std::sync::Arc;

/// The snapshot of the built-in pack.
static SNAPSHOT: &[u8] = include_bytes!("builtin.snapshot");

/// Where the test writes a new snapshot.
#[cfg(test)]
const SNAPSHOT_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/src/pack/snapshot/builtin.snapshot"
);

const MAGIC: &[u8; 8] = b"SBPACK1\n";

/// The code that decides what the checked built-in pack holds: the format, the types, and the
/// checks that build the pack (ids, card codes, stage numbers, locations). Code that only words
/// messages or decides whether a pack is valid (`diag`, `ron_diag`, `fonts`) is left out, so an
/// edit there does not ask for a new snapshot; if such an edit changed the pack after all, the
/// test in `tests.rs` still fails. The tests are left out too.
const CODE: &[&str] = &[
    include_str!("mod.rs"),
    include_str!("../model.rs"),
    include_str!("../labels.rs"),
    include_str!("../guide.rs"),
    include_str!("../validate/mod.rs"),
    include_str!("../validate/domain.rs"),
    include_str!("../validate/fields.rs"),
];

/// FNV-1a over `bytes`, continuing from `h`.
const fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

/// The hash of the built-in pack's files (names and texts) and of [`CODE`], worked out by the
/// compiler.
const INPUTS_HASH: u64 = {
    let mut h = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < BUILTIN_PACK.len() {
        h = fnv(h, BUILTIN_PACK[i].0.as_bytes());
        h = fnv(h, BUILTIN_PACK[i].1.as_bytes());
        i += 1;
    }
    let mut i = 0;
    while i < CODE.len() {
        h = fnv(h, CODE[i].as_bytes());
        i += 1;
    }
    h
};

/// The checked built-in pack from the snapshot, or `None` when the snapshot does not belong to
/// this build (then the caller reads and checks the files).
pub fn builtin() -> Option<Pack> {
    decode(SNAPSHOT)
}

/// The snapshot of a checked built-in pack.
pub fn encode(pack: &Pack) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&INPUTS_HASH.to_le_bytes());
    pack.put(&mut out);
    out
}

fn decode(bytes: &[u8]) -> Option<Pack> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (hash, payload) = rest.split_at_checked(8)?;
    if u64::from_le_bytes(hash.try_into().ok()?) != INPUTS_HASH {
        return None;
    }
    let files: Vec<Arc<SourceFile>> = BUILTIN_PACK
        .iter()
        .map(|(rel, text)| SourceFile::built_in(PackSource::Builtin.display(rel), text))
        .collect();
    let mut r = Reader {
        bytes: payload,
        files: &files,
    };
    let pack = Pack::take(&mut r)?;
    r.bytes.is_empty().then_some(pack)
}

/// The snapshot being decoded, and the built-in files its locations point into.
struct Reader<'a> {
    bytes: &'a [u8],
    files: &'a [Arc<SourceFile>],
}

impl Reader<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.bytes.split_first()?;
        self.bytes = rest;
        Some(b)
    }

    fn bytes(&mut self, n: usize) -> Option<&[u8]> {
        let (b, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        Some(b)
    }
}

/// A value that can be written into the snapshot and read back.
trait Snap: Sized {
    fn put(&self, out: &mut Vec<u8>);
    fn take(r: &mut Reader) -> Option<Self>;
}

impl Snap for u64 {
    fn put(&self, out: &mut Vec<u8>) {
        let mut v = *self;
        while v >= 0x80 {
            out.push((v as u8) | 0x80);
            v >>= 7;
        }
        out.push(v as u8);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = r.byte()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }
}

/// Whole numbers of other widths, written as `u64`.
macro_rules! number {
    ($($t:ty),*) => {$(
        impl Snap for $t {
            fn put(&self, out: &mut Vec<u8>) {
                (*self as u64).put(out)
            }
            fn take(r: &mut Reader) -> Option<Self> {
                <$t>::try_from(u64::take(r)?).ok()
            }
        }
    )*};
}
number!(u8, u32, usize);

impl Snap for bool {
    fn put(&self, out: &mut Vec<u8>) {
        out.push(u8::from(*self));
    }
    fn take(r: &mut Reader) -> Option<Self> {
        match r.byte()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
}

impl Snap for String {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        out.extend_from_slice(self.as_bytes());
    }
    fn take(r: &mut Reader) -> Option<Self> {
        let n = usize::take(r)?;
        std::str::from_utf8(r.bytes(n)?).ok().map(str::to_owned)
    }
}

impl<T: Snap> Snap for Option<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.is_some().put(out);
        if let Some(v) = self {
            v.put(out);
        }
    }
    fn take(r: &mut Reader) -> Option<Self> {
        Some(if bool::take(r)? {
            Some(T::take(r)?)
        } else {
            None
        })
    }
}

impl<T: Snap> Snap for Vec<T> {
    fn put(&self, out: &mut Vec<u8>) {
        self.len().put(out);
        for v in self {
            v.put(out);
        }
    }
    fn take(r: &mut Reader) -> Option<Self> {
        let n = usize::take(r)?;
        // Each item takes at least a byte: a bad length cannot ask for a huge allocation.
        let mut v = Vec::with_capacity(n.min(r.bytes.len()));
        for _ in 0..n {
            v.push(T::take(r)?);
        }
        Some(v)
    }
}

/// Enums without data, written as their index in a list of every value.
macro_rules! choice {
    ($($t:ty: [$($v:expr),*]),*) => {$(
        impl Snap for $t {
            fn put(&self, out: &mut Vec<u8>) {
                let all: &[$t] = &[$($v),*];
                all.iter().position(|v| v == self).unwrap_or(usize::MAX).put(out)
            }
            fn take(r: &mut Reader) -> Option<Self> {
                let all: &[$t] = &[$($v),*];
                all.get(usize::take(r)?).copied()
            }
        }
    )*};
}
choice!(
    Setting: [Setting::Office, Setting::Online, Setting::Hybrid],
    Part: [Part::Before, Part::Together]
);

impl Snap for Rgb {
    fn put(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&[self.0, self.1, self.2]);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        Some(Rgb(r.byte()?, r.byte()?, r.byte()?))
    }
}

impl Snap for Location {
    /// A location outside the built-in files has no index; reading it back fails, and the test
    /// of the snapshot says so.
    fn put(&self, out: &mut Vec<u8>) {
        let file = BUILTIN_PACK
            .iter()
            .position(|(rel, _)| PackSource::Builtin.display(rel) == self.file)
            .filter(|_| self.offset().is_some());
        file.unwrap_or(usize::MAX).put(out);
        self.offset().unwrap_or(0).put(out);
        self.line.put(out);
        self.col.put(out);
        self.width.put(out);
    }
    fn take(r: &mut Reader) -> Option<Self> {
        let file = Arc::clone(r.files.get(usize::take(r)?)?);
        let offset = usize::take(r)?;
        let line_col = (usize::take(r)?, usize::take(r)?);
        Some(Location::known(&file, offset, line_col, usize::take(r)?))
    }
}

impl Snap for Labels {
    fn put(&self, out: &mut Vec<u8>) {
        self.entries().len().put(out);
        for (k, v) in self.entries() {
            k.put(out);
            v.put(out);
        }
    }
    fn take(r: &mut Reader) -> Option<Self> {
        let n = usize::take(r)?;
        let mut map = std::collections::BTreeMap::new();
        for _ in 0..n {
            map.insert(String::take(r)?, String::take(r)?);
        }
        Some(Labels::from_map(map))
    }
}

/// Structs, field by field. Both directions name every field, so a field added to a struct
/// and not here is a compile error, not a snapshot that silently drops it.
macro_rules! record {
    ($($t:ident { $($f:ident),* $(,)? })*) => {$(
        impl Snap for $t {
            fn put(&self, out: &mut Vec<u8>) {
                let $t { $($f),* } = self;
                $($f.put(out);)*
            }
            fn take(r: &mut Reader) -> Option<Self> {
                Some($t { $($f: Snap::take(r)?),* })
            }
        }
    )*};
}

record! {
    Pack {
        id, title, version, language, intro, citations, footer_citation, stages, settings,
        domains, labels, guide,
    }
    Stage { id, name, summary }
    SettingInfo { id, name, summary }
    Domain { id, code, name, belief, colour, summary, questions, ideas, supervision, location }
    Question { id, text, settings, stage, code, follow_up, core, location }
    SupervisionQuestion { id, part, text, follow_up, settings, core, location }
    Ideas { office, online, hybrid }
    Guide { cover, sections, plans }
    Cover { label, team, date, setting, edition }
    Section { heading, level, settings, blocks }
    Plans { office, online, hybrid }
    Plan { start, slots }
    Break { after, minutes, text }
}

impl Snap for Block {
    fn put(&self, out: &mut Vec<u8>) {
        let (tag, text, list): (u8, Option<&String>, Option<&Vec<String>>) = match self {
            Block::Paragraph(t) => (0, Some(t), None),
            Block::Bullets(l) => (1, None, Some(l)),
            Block::Intro => (2, None, None),
            Block::Domains => (3, None, None),
            Block::Stages(t) => (4, Some(t), None),
            Block::Plan => (5, None, None),
            Block::Items => (6, None, None),
            Block::Ideas => (7, None, None),
            Block::Citations => (8, None, None),
        };
        out.push(tag);
        if let Some(t) = text {
            t.put(out);
        }
        if let Some(l) = list {
            l.put(out);
        }
    }
    fn take(r: &mut Reader) -> Option<Self> {
        Some(match r.byte()? {
            0 => Block::Paragraph(String::take(r)?),
            1 => Block::Bullets(Vec::take(r)?),
            2 => Block::Intro,
            3 => Block::Domains,
            4 => Block::Stages(String::take(r)?),
            5 => Block::Plan,
            6 => Block::Items,
            7 => Block::Ideas,
            8 => Block::Citations,
            _ => return None,
        })
    }
}

impl Snap for Slot {
    fn put(&self, out: &mut Vec<u8>) {
        match self {
            Slot::Slot { minutes, text } => {
                out.push(0);
                minutes.put(out);
                text.put(out);
            }
            Slot::Break { minutes, text } => {
                out.push(1);
                minutes.put(out);
                text.put(out);
            }
            Slot::EachDomain {
                minutes,
                text,
                breaks,
            } => {
                out.push(2);
                minutes.put(out);
                text.put(out);
                breaks.put(out);
            }
        }
    }
    fn take(r: &mut Reader) -> Option<Self> {
        let tag = r.byte()?;
        let minutes = u32::take(r)?;
        let text = String::take(r)?;
        Some(match tag {
            0 => Slot::Slot { minutes, text },
            1 => Slot::Break { minutes, text },
            2 => Slot::EachDomain {
                minutes,
                text,
                breaks: Vec::take(r)?,
            },
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests;
