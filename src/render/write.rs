//! The bytes of a PDF file, from a converted and compressed lopdf document: stream objects as
//! they are, every other object packed into compressed object streams, and a compressed
//! cross-reference stream (PDF 1.5 and later).
//!
//! lopdf can do this (`save_with_options` with object streams), but it writes every packed
//! object three times over to find the offsets, clones each one, and makes a new deflate
//! compressor per object stream: for the thousand small dictionaries of a tagged handout's
//! structure tree that was a quarter of a pack's time. Here each object is written once, in the
//! same notation as lopdf's writer, and the object streams share the document's compressor.
//! Output is deterministic: objects go out in the order of their ids.

use super::content::{write_int, write_name, write_real};
use super::pdf::RenderError;
use super::save::{Deflater, deflate};
use lopdf::{Dictionary, Object, ObjectId, StringFormat};

/// Objects per object stream.
const PER_STREAM: usize = 1000;

/// Where an object is found, for the cross-reference stream.
#[derive(Clone, Copy)]
enum Entry {
    Free,
    /// At a byte offset in the file.
    At(u64),
    /// The `index`th object of object stream `stream`.
    Packed {
        stream: u32,
        index: u16,
    },
}

/// Objects already written in lopdf's notation, by object number (generation 0), to be packed
/// with the document's own: a tagged document's structure elements, thousands of them, are
/// written as they are made instead of being held as dictionaries until the file is written.
pub type Written = Vec<(u32, Vec<u8>)>;

/// One object to pack into an object stream.
enum Packed<'a> {
    Object(&'a Object),
    Written(&'a [u8]),
}

/// `o` in lopdf's notation, as [`write`] would write it.
pub fn written(o: &Object) -> Vec<u8> {
    let mut out = Vec::new();
    write_object(&mut out, o);
    out
}

/// Writes `lo` and the objects in `extra` as a PDF file; `z` deflates the object streams and
/// the cross-reference stream.
pub fn write(
    lo: &lopdf::Document,
    extra: &Written,
    z: &mut Deflater,
) -> Result<Vec<u8>, RenderError> {
    let encrypt = lo
        .trailer
        .get(b"Encrypt")
        .and_then(Object::as_reference)
        .ok();
    let packable = |id: &ObjectId, o: &Object| {
        id.1 == 0
            && Some(*id) != encrypt
            && match o {
                Object::Stream(_) => false,
                Object::Dictionary(d) => !matches!(
                    d.get(b"Type").and_then(Object::as_name),
                    Ok(b"XRef" | b"ObjStm")
                ),
                _ => true,
            }
    };
    let (packed, direct): (Vec<_>, Vec<_>) = lo.objects.iter().partition(|(id, o)| packable(id, o));
    // Every packed object in the order of its number.
    let mut packed: Vec<(ObjectId, Packed)> = packed
        .into_iter()
        .map(|(id, o)| (*id, Packed::Object(o)))
        .chain(
            extra
                .iter()
                .map(|(n, bytes)| ((*n, 0), Packed::Written(bytes.as_slice()))),
        )
        .collect();
    packed.sort_by_key(|(id, _)| *id);
    let mut next_id = lo
        .objects
        .keys()
        .map(|id| id.0)
        .chain(extra.iter().map(|(n, _)| *n))
        .max()
        .unwrap_or(0)
        + 1;
    let mut entries: Vec<Entry> = vec![Entry::Free; next_id as usize];

    // The object streams, each with its id.
    let mut streams: Vec<(u32, Dictionary, Vec<u8>)> = Vec::new();
    let mut body = Vec::new();
    let mut packed_bytes = Vec::new();
    for group in packed.chunks(PER_STREAM) {
        let id = next_id;
        next_id += 1;
        let mut header = Vec::new();
        body.clear();
        for (index, (oid, o)) in group.iter().enumerate() {
            write_int(&mut header, i64::from(oid.0));
            header.push(b' ');
            write_int(&mut header, body.len() as i64);
            header.push(b' ');
            match o {
                Packed::Object(o) => write_object(&mut body, o),
                Packed::Written(bytes) => body.extend_from_slice(bytes),
            }
            body.push(b' ');
            let index = u16::try_from(index).map_err(|_| RenderError("object stream".into()))?;
            set(&mut entries, oid.0, Entry::Packed { stream: id, index });
        }
        let first = header.len();
        header.extend_from_slice(&body);
        deflate(z, &header, &mut packed_bytes)?;
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"ObjStm".to_vec()));
        dict.set("N", Object::Integer(group.len() as i64));
        dict.set("First", Object::Integer(first as i64));
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        streams.push((id, dict, std::mem::take(&mut packed_bytes)));
    }

    let mut out = Vec::new();
    out.extend_from_slice(format!("%PDF-{}\n%", lo.version).as_bytes());
    out.extend_from_slice(&lo.binary_mark);
    out.push(b'\n');
    for (id, o) in direct {
        set(&mut entries, id.0, Entry::At(out.len() as u64));
        start_object(&mut out, id.0, id.1);
        write_object(&mut out, o);
        out.extend_from_slice(b"\nendobj\n");
    }
    for (id, dict, content) in &streams {
        set(&mut entries, *id, Entry::At(out.len() as u64));
        start_object(&mut out, *id, 0);
        write_stream(&mut out, dict, content);
        out.extend_from_slice(b"\nendobj\n");
    }

    // The cross-reference stream: type, offset or stream (4 bytes), generation or index (2).
    let xref_id = next_id;
    let xref_at = out.len() as u64;
    set(&mut entries, xref_id, Entry::At(xref_at));
    let mut table = Vec::with_capacity(entries.len() * 7);
    for (i, e) in entries.iter().enumerate() {
        let (kind, field2, field3): (u8, u32, u16) = match *e {
            Entry::Free if i == 0 => (0, 0, 0xFFFF),
            Entry::Free => (0, 0, 0),
            Entry::At(offset) => {
                let offset = u32::try_from(offset).map_err(|_| RenderError("too big".into()))?;
                (1, offset, 0)
            }
            Entry::Packed { stream, index } => (2, stream, index),
        };
        table.push(kind);
        table.extend_from_slice(&field2.to_be_bytes());
        table.extend_from_slice(&field3.to_be_bytes());
    }
    let mut xref_bytes = Vec::new();
    deflate(z, &table, &mut xref_bytes)?;
    let mut dict = Dictionary::new();
    for key in [b"Root".as_slice(), b"Info", b"ID"] {
        if let Ok(v) = lo.trailer.get(key) {
            dict.set(key, v.clone());
        }
    }
    dict.set("Type", Object::Name(b"XRef".to_vec()));
    dict.set("Size", Object::Integer(entries.len() as i64));
    dict.set(
        "W",
        Object::Array(vec![
            Object::Integer(1),
            Object::Integer(4),
            Object::Integer(2),
        ]),
    );
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    start_object(&mut out, xref_id, 0);
    write_stream(&mut out, &dict, &xref_bytes);
    out.extend_from_slice(b"\nendobj\nstartxref\n");
    write_int(&mut out, xref_at as i64);
    out.extend_from_slice(b"\n%%EOF");
    Ok(out)
}

fn set(entries: &mut Vec<Entry>, id: u32, e: Entry) {
    let i = id as usize;
    if entries.len() <= i {
        entries.resize(i + 1, Entry::Free);
    }
    entries[i] = e;
}

fn start_object(out: &mut Vec<u8>, id: u32, generation: u16) {
    write_int(out, i64::from(id));
    out.push(b' ');
    write_int(out, i64::from(generation));
    out.extend_from_slice(b" obj\n");
}

fn write_stream(out: &mut Vec<u8>, dict: &Dictionary, content: &[u8]) {
    let mut dict = dict.clone();
    dict.set("Length", Object::Integer(content.len() as i64));
    write_dictionary(out, &dict);
    out.extend_from_slice(b"stream\n");
    out.extend_from_slice(content);
    out.extend_from_slice(b"\nendstream");
}

/// Whether lopdf puts a space before this object after a name or another object.
fn needs_separator(o: &Object) -> bool {
    matches!(
        o,
        Object::Null
            | Object::Boolean(_)
            | Object::Integer(_)
            | Object::Real(_)
            | Object::Reference(_)
    )
}

/// One object in lopdf's notation.
pub(super) fn write_object(out: &mut Vec<u8>, o: &Object) {
    match o {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(n) => write_int(out, *n),
        Object::Real(v) => write_real(out, *v),
        Object::Name(n) => write_name(out, n),
        Object::String(text, StringFormat::Literal) => write_literal(out, text),
        Object::String(text, StringFormat::Hexadecimal) => {
            const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
            out.push(b'<');
            for b in text {
                out.push(DIGITS[usize::from(b >> 4)]);
                out.push(DIGITS[usize::from(b & 0xF)]);
            }
            out.push(b'>');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 && needs_separator(item) {
                    out.push(b' ');
                }
                write_object(out, item);
            }
            out.push(b']');
        }
        Object::Dictionary(d) => write_dictionary(out, d),
        Object::Stream(s) => write_stream(out, &s.dict, &s.content),
        Object::Reference(id) => {
            write_int(out, i64::from(id.0));
            out.push(b' ');
            write_int(out, i64::from(id.1));
            out.extend_from_slice(b" R");
        }
    }
}

fn write_dictionary(out: &mut Vec<u8>, d: &Dictionary) {
    out.extend_from_slice(b"<<");
    for (key, value) in d {
        write_name(out, key);
        if needs_separator(value) {
            out.push(b' ');
        }
        write_object(out, value);
    }
    out.extend_from_slice(b">>");
}

/// A literal string, escaping backslashes, carriage returns and unbalanced parentheses (as
/// lopdf does).
fn write_literal(out: &mut Vec<u8>, text: &[u8]) {
    let mut escape = vec![false; text.len()];
    let mut open = Vec::new();
    for (i, &b) in text.iter().enumerate() {
        match b {
            b'(' => open.push(i),
            // A `)` that closes no `(` is escaped.
            b')' if open.pop().is_none() => escape[i] = true,
            b'\\' | b'\r' => escape[i] = true,
            _ => {}
        }
    }
    for i in open {
        escape[i] = true;
    }
    out.push(b'(');
    for (i, &b) in text.iter().enumerate() {
        if escape[i] {
            out.push(b'\\');
            out.push(if b == b'\r' { b'r' } else { b });
        } else {
            out.push(b);
        }
    }
    out.push(b')');
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{Stream, dictionary};

    #[test]
    fn every_object_reads_back_as_written() {
        let mut lo = lopdf::Document::with_version("1.7");
        let pages_id = lo.new_object_id();
        let content = lo.add_object(Stream::new(dictionary! {}, b"BT /F1 12 Tf ET".to_vec()));
        let page = lo.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => pages_id,
            "Contents" => content,
            "MediaBox" => vec![0.into(), 0.into(), Object::Real(595.276), Object::Real(841.89)],
        });
        lo.objects.insert(
            pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1,
            }),
        );
        let odd = lo.add_object(dictionary! {
            "Lit" => Object::string_literal("a (b) c) \\ d\r(e"),
            "Hex" => Object::String(vec![0xFE, 0xFF, 0x00, 0x41], StringFormat::Hexadecimal),
            "Name" => Object::Name(b"A B#(x)".to_vec()),
            "Mixed" => vec![Object::Null, true.into(), Object::Real(-0.5), 7.into(), "N".into()],
        });
        let catalog = lo.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        lo.trailer.set("Root", catalog);
        let bytes = write(&lo, &Written::new(), &mut Deflater::new()).expect("writes");
        let back = lopdf::Document::load_mem(&bytes).expect("reads back");
        assert_eq!(back.get_pages().len(), 1);
        for id in [pages_id, page, odd, catalog] {
            assert_eq!(back.get_object(id).ok(), lo.get_object(id).ok(), "{id:?}");
        }
        // lopdf adds a newline after each content stream of a page.
        assert_eq!(back.get_page_content(page), b"BT /F1 12 Tf ET\n");
    }
}
