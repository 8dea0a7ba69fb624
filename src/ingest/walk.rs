//! Listing folders for [`super::read`]: one level at a time, sorted by name.
//!
//! Only article files (`.txt`, `.jsonl`, `.html`, `.htm`, `.rss`, `.atom`, `.xml`) and
//! sub-folders are listed; names starting with `.` are skipped. An entry with an article
//! extension that is not a regular file (a pipe, a socket, a device) is an error, not
//! silence. Symbolic links are followed, but a folder already walked is not walked again,
//! so link cycles end.

use std::collections::HashSet;
use std::fs::Metadata;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// The extensions of article files, as listed in messages.
pub const EXTENSIONS: [&str; 7] = ["txt", "jsonl", "html", "htm", "rss", "atom", "xml"];

#[derive(Default)]
pub struct Walk {
    /// Canonical paths of folders already listed.
    seen: HashSet<PathBuf>,
}

impl Walk {
    /// The entries of `dir` to read, sorted by name; unreadable entries are errors.
    pub fn list(&mut self, dir: &Path) -> Vec<Result<PathBuf>> {
        let canonical = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !self.seen.insert(canonical) {
            return Vec::new();
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => return vec![Err(Error::io(Some(dir), e))],
        };
        let mut out: Vec<(std::ffi::OsString, Result<PathBuf>)> = Vec::new();
        for entry in entries {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    out.push((Default::default(), Err(Error::io(Some(dir), e))));
                    continue;
                }
            };
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = entry.path();
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => out.push((name, Ok(path))),
                Ok(m) if m.is_file() && is_article_file(&path) => out.push((name, Ok(path))),
                Ok(m) if is_article_file(&path) => {
                    let kind = special_kind(&m).unwrap_or("not a file");
                    let e = Error::input(
                        path.display().to_string(),
                        format!("not a regular file ({kind})"),
                    );
                    out.push((name, Err(e)));
                }
                Ok(_) => {}
                // A dangling link or a file that vanished: say so, it was meant to be read.
                Err(e) if is_article_file(&path) => {
                    out.push((name, Err(Error::io(Some(&path), e))))
                }
                Err(_) => {}
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out.into_iter().map(|(_, r)| r).collect()
    }
}

fn is_article_file(path: &Path) -> bool {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
}

/// What a path that is neither a regular file nor a folder is, in words.
pub fn special_kind(meta: &Metadata) -> Option<&'static str> {
    if meta.is_file() || meta.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return Some("a named pipe");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
    }
    Some("not a file")
}

/// Pipes and character devices can be read as streams when named explicitly.
pub fn is_stream(meta: &Metadata) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        t.is_fifo() || t.is_char_device()
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        false
    }
}
