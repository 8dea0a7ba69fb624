//! Reading news: plain-text articles, JSONL, saved HTML pages, RSS/Atom feeds, folders
//! and stdin -> `Article`s.
//!
//! [`read`] streams: folders are listed one at a time (sorted, recursive, article files
//! only, hidden entries skipped) and JSONL is read line by line, so a corpus of any size
//! flows through in constant memory. Every bad input becomes one `Err` naming its file
//! (and line or feed item) and reading goes on with the next.

pub mod date;
pub mod feed;
pub mod html;
pub mod jsonl;
pub mod text;
mod walk;

use std::collections::{HashMap, VecDeque};
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::model::Article;

use jsonl::JsonlReader;

/// How many bytes are checked for a NUL before a file is read as JSONL.
const SNIFF: usize = 8 << 10;

/// Reads articles from files, folders and `-` (stdin), in the order given; folders are
/// walked recursively in sorted order.
///
/// A `.jsonl` file holds one article per line, a `.txt` file one article (see [`text`]),
/// an `.html`/`.htm` page one article (see [`html`]), an `.rss`/`.atom`/`.xml` feed one
/// article per item (see [`feed`]). A file named explicitly with another extension, and
/// stdin, are sniffed: JSONL when the first non-space byte is `{`, a feed when markup
/// opens with `<rss`, `<feed` or `<rdf:RDF`, other markup is HTML, else plain text. Ids not given by the input are the
/// file stem (`.txt`) or `stem:line` (JSONL); a second file with the same stem gets
/// `stem~2`, so ids stay unique within one run.
pub fn read(paths: &[PathBuf]) -> Articles {
    Articles {
        pending: paths
            .iter()
            .map(|p| {
                if p.as_os_str() == "-" {
                    Pending::Stream(Box::new(std::io::stdin()), "<stdin>".to_string())
                } else {
                    Pending::Path(p.clone())
                }
            })
            .collect(),
        current: None,
        stems: HashMap::new(),
        walk: walk::Walk::default(),
    }
}

/// Reads articles from a stream such as stdin, named `name` (e.g. `<stdin>`) in
/// messages; ids derive from the name without angle brackets (`stdin:3`).
pub fn read_stream(name: &str, input: impl Read + Send + 'static) -> Articles {
    Articles {
        pending: VecDeque::from([Pending::Stream(Box::new(input), name.to_string())]),
        current: None,
        stems: HashMap::new(),
        walk: walk::Walk::default(),
    }
}

/// Reads the articles in one input held in memory; `name` stands for its path (the
/// extension chooses the format as in [`read`]).
pub fn read_bytes(name: &str, bytes: &[u8]) -> Vec<Result<Article>> {
    let stem = stem_of(Path::new(name));
    match format_of(Path::new(name), bytes) {
        Format::Jsonl => {
            if let Some(e) = binary(name, bytes, 0) {
                return vec![Err(e)];
            }
            JsonlReader::new(bytes, name, &stem, 1, 0).collect()
        }
        Format::Text => vec![text::parse(name, &stem, bytes)],
        Format::Html => vec![html::parse(name, &stem, bytes)],
        Format::Feed => feed::parse(name, &stem, bytes),
    }
}

/// The stream of articles returned by [`read`].
pub struct Articles {
    pending: VecDeque<Pending>,
    current: Option<Box<dyn Iterator<Item = Result<Article>> + Send>>,
    /// How many files so far had each stem, to keep derived ids unique.
    stems: HashMap<String, usize>,
    walk: walk::Walk,
}

enum Pending {
    Path(PathBuf),
    /// A stream and the name it goes by in ids and messages.
    Stream(Box<dyn Read + Send>, String),
    Failed(Error),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Jsonl,
    Html,
    Feed,
}

impl Iterator for Articles {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Result<Article>> {
        loop {
            if let Some(current) = &mut self.current {
                match current.next() {
                    Some(item) => return Some(item),
                    None => self.current = None,
                }
            }
            match self.pending.pop_front()? {
                Pending::Failed(e) => return Some(Err(e)),
                Pending::Stream(input, name) => {
                    if let Some(item) = self.open_stream(input, &name) {
                        return Some(item);
                    }
                }
                Pending::Path(path) => {
                    if let Some(item) = self.open(path) {
                        return Some(item);
                    }
                }
            }
        }
    }
}

impl Articles {
    /// Opens a path: a folder queues its entries, a JSONL file becomes the current
    /// stream, a text file is read at once. Returns an item to yield, if any.
    fn open(&mut self, path: PathBuf) -> Option<Result<Article>> {
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => return Some(Err(Error::io(Some(&path), e))),
        };
        if meta.is_dir() {
            let entries = self.walk.list(&path);
            for entry in entries.into_iter().rev() {
                self.pending.push_front(match entry {
                    Ok(p) => Pending::Path(p),
                    Err(e) => Pending::Failed(e),
                });
            }
            return None;
        }
        let name = path.display().to_string();
        let stem = self.unique_stem(&path);
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) => return Some(Err(Error::io(Some(&path), e))),
        };
        let mut reader = BufReader::with_capacity(64 << 10, file);
        let head = match reader.fill_buf() {
            Ok(h) => h,
            Err(e) => return Some(Err(Error::io(Some(&path), e))),
        };
        match format_of(&path, head) {
            Format::Jsonl => {
                if let Some(e) = binary(&name, head, 0) {
                    return Some(Err(e));
                }
                self.current = Some(Box::new(JsonlReader::new(reader, &name, &stem, 1, 0)));
                None
            }
            Format::Text => {
                Some(read_all(reader, &name).and_then(|b| text::parse(&name, &stem, &b)))
            }
            Format::Html => {
                Some(read_all(reader, &name).and_then(|b| html::parse(&name, &stem, &b)))
            }
            Format::Feed => match read_all(reader, &name) {
                Ok(bytes) => {
                    self.current = Some(Box::new(feed::parse(&name, &stem, &bytes).into_iter()));
                    None
                }
                Err(e) => Some(Err(e)),
            },
        }
    }

    /// Opens a stream (stdin): JSONL when its first non-space byte is `{`, a feed or an
    /// HTML page when it is `<`, else one plain-text article.
    fn open_stream(&mut self, input: Box<dyn Read + Send>, name: &str) -> Option<Result<Article>> {
        let mut reader = BufReader::with_capacity(64 << 10, input);
        // Skip leading blank space to find the first byte, counting lines and bytes so
        // that JSONL line numbers and offsets stay true.
        let (mut line, mut offset) = (1usize, 0u64);
        let first = loop {
            let buf = match reader.fill_buf() {
                Ok(b) => b,
                Err(e) => return Some(Err(Error::input(name, format!("read error: {e}")))),
            };
            if buf.is_empty() {
                break None;
            }
            let n = buf.iter().take_while(|b| b.is_ascii_whitespace()).count();
            let newlines = buf[..n].iter().filter(|&&b| b == b'\n').count();
            let first = buf.get(n).copied();
            line += newlines;
            offset += n as u64;
            reader.consume(n);
            if first.is_some() {
                break first;
            }
        };
        let stem = self.unique_stem(Path::new(name.trim_matches(['<', '>'])));
        match first {
            None => Some(Err(Error::input(name, "empty input"))),
            Some(b'{') => {
                let head = reader.fill_buf().unwrap_or(&[]);
                if let Some(e) = binary(name, head, offset) {
                    return Some(Err(e));
                }
                self.current = Some(Box::new(JsonlReader::new(
                    reader, name, &stem, line, offset,
                )));
                None
            }
            Some(b'<') => {
                let bytes = match read_all(reader, name) {
                    Ok(b) => b,
                    Err(e) => return Some(Err(e)),
                };
                if markup_is_feed(&bytes) {
                    self.current = Some(Box::new(feed::parse(name, &stem, &bytes).into_iter()));
                    None
                } else {
                    Some(html::parse(name, &stem, &bytes))
                }
            }
            Some(_) => Some(read_all(reader, name).and_then(|b| text::parse(name, &stem, &b))),
        }
    }

    fn unique_stem(&mut self, path: &Path) -> String {
        let stem = stem_of(path);
        let n = self.stems.entry(stem.clone()).or_insert(0);
        *n += 1;
        if *n == 1 { stem } else { format!("{stem}~{n}") }
    }
}

/// Reads a whole file or stream, refusing to read more than [`MAX_FILE`] bytes.
fn read_all(reader: impl Read, name: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if let Err(e) = reader.take(MAX_FILE as u64 + 1).read_to_end(&mut bytes) {
        return Err(Error::input(name, format!("read error: {e}")));
    }
    if bytes.len() > MAX_FILE {
        return Err(Error::input(
            name,
            format!("file too large (more than {} MiB)", MAX_FILE >> 20),
        ));
    }
    Ok(bytes)
}

/// The largest plain-text, HTML or feed file read whole (JSONL streams have no limit).
pub const MAX_FILE: usize = text::MAX_TEXT_FILE;

/// An input held whole that cannot be an article file: larger than [`MAX_FILE`], or binary.
pub(crate) fn unreadable(name: &str, bytes: &[u8]) -> Option<Error> {
    if bytes.len() > MAX_FILE {
        return Some(Error::input(
            name,
            format!("file too large ({} bytes)", bytes.len()),
        ));
    }
    binary(name, bytes, 0)
}

/// Markup whose first element is a feed's root rather than a page.
fn markup_is_feed(head: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&head[..head.len().min(SNIFF)]).to_ascii_lowercase();
    ["<rss", "<feed", "<rdf:rdf"]
        .iter()
        .any(|root| head.contains(root))
}

fn stem_of(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "input".to_string())
}

/// By extension where it is telling; anything else by its first non-space byte.
fn format_of(path: &Path, head: &[u8]) -> Format {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match ext.as_deref() {
        Some("jsonl") | Some("ndjson") => Format::Jsonl,
        Some("txt") => Format::Text,
        Some("html") | Some("htm") | Some("xhtml") => Format::Html,
        Some("rss") | Some("atom") => Format::Feed,
        _ => {
            let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
            match head.iter().find(|b| !b.is_ascii_whitespace()) {
                Some(b'{') => Format::Jsonl,
                Some(b'<') if markup_is_feed(head) => Format::Feed,
                Some(b'<') => Format::Html,
                _ => Format::Text,
            }
        }
    }
}

/// A NUL byte in the first bytes of an input means it is not text at all.
pub(crate) fn binary(name: &str, head: &[u8], base: u64) -> Option<Error> {
    let at = base + memchr::memchr(0, &head[..head.len().min(SNIFF)])? as u64;
    Some(Error::input(
        name,
        format!("binary file (NUL byte at offset {at})"),
    ))
}

#[cfg(test)]
mod tests;
