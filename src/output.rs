//! Writing results atomically: every file goes to a temporary name beside its target and is
//! renamed into place only when complete, so an error never leaves a half-written PDF or half a
//! pack folder.

use crate::Error;
use crate::commands::{Outcome, Output};
use crate::diag::Diagnostic;
use crate::pack::source::io_reason;
use std::fs;
use std::path::{Path, PathBuf};

fn write_error(path: &Path, e: &std::io::Error) -> Error {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let help = if !parent.is_dir() {
        format!(
            "the folder `{}` does not exist; create it first or choose another -o path",
            parent.display()
        )
    } else {
        "choose a folder you may write to with -o".to_string()
    };
    Error::Failed(
        Diagnostic::error(format!(
            "cannot write `{}`: {}",
            path.display(),
            io_reason(e)
        ))
        .help(help),
    )
}

/// A temporary name beside `path`: `.name.tmp-<pid>`.
fn temp_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "output".into());
    path.with_file_name(format!(".{name}.tmp-{}", std::process::id()))
}

/// Writes one file atomically (temporary file, then rename).
pub fn write_file_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let tmp = temp_beside(path);
    let result = fs::write(&tmp, bytes).and_then(|_| fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(write_error(path, &e));
    }
    Ok(())
}

/// A folder being written: files go into a temporary folder beside the target, which
/// [`Staging::commit`] renames into place. Dropped without a commit (an error, a panic), the
/// temporary folder is removed, so an error never leaves half a folder.
pub struct Staging {
    path: PathBuf,
    tmp: PathBuf,
    committed: bool,
}

impl Staging {
    /// Starts writing the folder `path`: an existing non-empty folder is replaced only with
    /// `force`, and that is checked now, before any work is done.
    pub fn begin(path: &Path, force: bool) -> Result<Staging, Error> {
        let non_empty = path.is_dir()
            && fs::read_dir(path)
                .map(|mut d| d.next().is_some())
                .unwrap_or(true);
        if path.exists() && !path.is_dir() {
            return Err(Error::Failed(
                Diagnostic::error(format!("`{}` exists and is not a folder", path.display()))
                    .help("choose another output folder with -o"),
            ));
        }
        if non_empty && !force {
            return Err(Error::Failed(
                Diagnostic::error(format!(
                    "the folder `{}` already exists and is not empty",
                    path.display()
                ))
                .help("add --force to replace it, or choose another folder with -o"),
            ));
        }
        let tmp = temp_beside(path);
        let _ = fs::remove_dir_all(&tmp);
        fs::create_dir(&tmp).map_err(|e| write_error(path, &e))?;
        Ok(Staging {
            path: path.to_path_buf(),
            tmp,
            committed: false,
        })
    }

    /// The folder this will become.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes `bytes` as `rel` inside the folder.
    pub fn put(&self, rel: &Path, bytes: &[u8]) -> Result<(), Error> {
        let p = self.tmp.join(rel);
        p.parent()
            .map_or(Ok(()), fs::create_dir_all)
            .and_then(|_| fs::write(p, bytes))
            .map_err(|e| write_error(&self.path, &e))
    }

    /// Renames the finished folder into place, replacing the old one.
    pub fn commit(mut self) -> Result<(), Error> {
        let (path, tmp) = (&self.path, &self.tmp);
        let result = (|| -> std::io::Result<()> {
            if path.is_dir() {
                let old = path.with_file_name(format!(
                    ".{}.old-{}",
                    path.file_name()
                        .map(|n| n.to_string_lossy().to_string())
                        .unwrap_or_default(),
                    std::process::id()
                ));
                fs::rename(path, &old)?;
                if let Err(e) = fs::rename(tmp, path) {
                    let _ = fs::rename(&old, path);
                    return Err(e);
                }
                let _ = fs::remove_dir_all(&old);
            } else {
                fs::rename(tmp, path)?;
            }
            Ok(())
        })();
        result.map_err(|e| write_error(path, &e))?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

impl crate::commands::Sink for Staging {
    fn put(&self, rel: &Path, bytes: &[u8]) -> Result<(), Error> {
        Staging::put(self, rel, bytes)
    }
}

/// Writes a folder atomically: everything goes into a temporary folder beside the target, which
/// is renamed into place at the end. An existing non-empty folder is replaced only with `force`.
pub fn write_dir_atomic(
    path: &Path,
    files: &[(PathBuf, Vec<u8>)],
    force: bool,
) -> Result<(), Error> {
    finish_dir(Staging::begin(path, force)?, files)
}

/// Writes `files` into a folder begun earlier and renames it into place.
fn finish_dir(staging: Staging, files: &[(PathBuf, Vec<u8>)]) -> Result<(), Error> {
    for (rel, bytes) in files {
        staging.put(rel, bytes)?;
    }
    staging.commit()
}

/// Writes every output of a finished command, then hands the outcome back for printing. A
/// folder begun before the command ran (`staging`, holding the files the command handed over
/// as it went) gets the rest of its files and is renamed into place.
pub fn write_all(outcome: Outcome, mut staging: Option<Staging>) -> Result<Outcome, Error> {
    for o in &outcome.outputs {
        match o {
            Output::File { path, bytes } => write_file_atomic(path, bytes)?,
            Output::Dir { path, files, .. }
                if staging.as_ref().is_some_and(|s| s.path() == path.as_path()) =>
            {
                if let Some(s) = staging.take() {
                    finish_dir(s, files)?;
                }
            }
            Output::Dir { path, files, force } => write_dir_atomic(path, files, *force)?,
        }
    }
    Ok(outcome)
}
