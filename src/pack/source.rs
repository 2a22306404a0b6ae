//! Where a pack's files come from: the default pack built into the binary, or a folder on disk.
//! Also how any file a user hands us is read: as UTF-8 text, with a located message when it is not.
//!
//! This module reads; it does not parse or check (see `crate::ron_diag` and `validate`).

use crate::diag::{Diagnostic, Location, SourceFile};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The default pack, compiled into the binary.
pub const BUILTIN_PACK: &[(&str, &str)] = &[
    (
        "pack.ron",
        include_str!("../../packs/team-secure-base/pack.ron"),
    ),
    (
        "labels.ron",
        include_str!("../../packs/team-secure-base/labels.ron"),
    ),
    (
        "guide.ron",
        include_str!("../../packs/team-secure-base/guide.ron"),
    ),
    (
        "domains/availability.ron",
        include_str!("../../packs/team-secure-base/domains/availability.ron"),
    ),
    (
        "domains/sensitivity.ron",
        include_str!("../../packs/team-secure-base/domains/sensitivity.ron"),
    ),
    (
        "domains/acceptance.ron",
        include_str!("../../packs/team-secure-base/domains/acceptance.ron"),
    ),
    (
        "domains/cooperation.ron",
        include_str!("../../packs/team-secure-base/domains/cooperation.ron"),
    ),
    (
        "domains/belonging.ron",
        include_str!("../../packs/team-secure-base/domains/belonging.ron"),
    ),
];

/// Where a pack's files come from.
#[derive(Debug, Clone)]
pub enum PackSource {
    /// The default pack inside the binary.
    Builtin,
    /// A folder holding `pack.ron` and `domains/`.
    Dir(PathBuf),
}

impl PackSource {
    /// A file of the pack as the user should see it named in messages.
    pub fn display(&self, rel: &str) -> String {
        match self {
            PackSource::Builtin => format!("<built-in>/team-secure-base/{rel}"),
            PackSource::Dir(d) => d.join(rel).display().to_string(),
        }
    }

    /// Reads one file. `Ok(None)` when it does not exist.
    pub fn read(&self, rel: &str) -> Result<Option<Arc<SourceFile>>, Diagnostic> {
        match self {
            PackSource::Builtin => Ok(BUILTIN_PACK
                .iter()
                .find(|(n, _)| *n == rel)
                .map(|(n, t)| SourceFile::built_in(self.display(n), t))),
            PackSource::Dir(d) => {
                let path = d.join(rel);
                if !path.is_file() {
                    return Ok(None);
                }
                read_text_file(&path).map(Some)
            }
        }
    }

    /// The domain files present, by id (file stem).
    pub fn domain_files(&self) -> Vec<String> {
        match self {
            PackSource::Builtin => BUILTIN_PACK
                .iter()
                .filter_map(|(n, _)| n.strip_prefix("domains/")?.strip_suffix(".ron"))
                .map(str::to_string)
                .collect(),
            PackSource::Dir(d) => {
                let mut v: Vec<String> = std::fs::read_dir(d.join("domains"))
                    .into_iter()
                    .flatten()
                    .flatten()
                    .filter_map(|e| {
                        let name = e.file_name().to_string_lossy().to_string();
                        name.strip_suffix(".ron").map(str::to_string)
                    })
                    .collect();
                v.sort();
                v
            }
        }
    }
}

/// Reads a file as UTF-8 text, with a located message when it is not.
pub fn read_text_file(path: &Path) -> Result<Arc<SourceFile>, Diagnostic> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::error(format!("cannot read `{name}`: {}", io_reason(&e)))
            .help("check the path and that you may read the file")
    })?;
    source_from_bytes(name, bytes)
}

/// Turns bytes into a source file, or a message naming the first byte that is not UTF-8.
pub fn source_from_bytes(name: String, bytes: Vec<u8>) -> Result<Arc<SourceFile>, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(e) => {
            let bytes = e.as_bytes();
            let bad = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&bytes[..bad]).to_string();
            let (line, col) = SourceFile::new("", valid).line_col(bad);
            Err(Diagnostic::error(format!(
                "`{name}` is not UTF-8 text (byte 0x{:02X} at line {line}, column {col})",
                bytes[bad]
            ))
            .at(Location::bare(&name, line, col))
            .help("save the file with UTF-8 encoding (most editors offer it under \"Save as\")"))
        }
    }
}

/// A short reason for an I/O error, without Rust's "(os error 2)" noise.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind::*;
    match e.kind() {
        NotFound => "no such file or folder".into(),
        PermissionDenied => "permission denied".into(),
        IsADirectory => "it is a folder".into(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}
