//! Reading news: plain-text articles, JSONL, saved HTML pages, RSS/Atom feeds, folders
//! and stdin -> `Article`s.
//!
//! [`read`] streams: folders are listed one at a time (sorted, recursive, article files
//! only, hidden entries skipped) and JSONL is read line by line, so a corpus of any size
//! flows through in constant memory. Every bad input becomes one `Err` naming its file
//! (and line or feed item) and reading goes on with the next. What is wrong but does not
//! stop an article (a date that is not one, a page read without reader view) is a note,
//! handed to the callback given with [`Articles::with_notes`].

pub mod date;
pub mod feed;
pub mod html;
pub mod jsonl;
pub mod markup;
pub mod text;
mod utf16;
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
                    Pending::Path(p.clone(), true)
                }
            })
            .collect(),
        current: None,
        stems: HashMap::new(),
        walk: walk::Walk::default(),
        notes: None,
        yielded: 0,
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
        notes: None,
        yielded: 0,
    }
}

/// Reads the articles in one input held in memory; `name` stands for its path (the
/// extension chooses the format as in [`read`]). Notes are dropped; dates that are not
/// dates are left out.
pub fn read_bytes(name: &str, bytes: &[u8]) -> Vec<Result<Article>> {
    let decoded;
    let bytes = match utf16::decode(name, bytes) {
        Some(Ok(utf8)) => {
            decoded = utf8;
            &decoded[..]
        }
        Some(Err(e)) => return vec![Err(e)],
        None => bytes,
    };
    let stem = stem_of(Path::new(name));
    let articles = match format_of(Path::new(name), bytes) {
        Format::Jsonl => {
            if let Some(e) = binary(name, bytes, 0) {
                return vec![Err(e)];
            }
            JsonlReader::new(bytes, name, &stem, 1, 0).collect()
        }
        Format::Text => vec![text::parse(name, &stem, bytes)],
        Format::Html => vec![html::parse(name, &stem, bytes)],
        Format::Feed => feed::parse(name, &stem, bytes),
    };
    articles
        .into_iter()
        .map(|a| a.and_then(too_long).map(|a| checked(a, &mut |_| {})))
        .collect()
}

/// A callback for notes: problems that leave the article readable.
pub type NoteSink = Box<dyn FnMut(&Error) + Send>;

/// The stream of articles returned by [`read`].
pub struct Articles {
    pending: VecDeque<Pending>,
    current: Option<Box<dyn Iterator<Item = Result<Article>> + Send>>,
    /// How many files so far had each stem, to keep derived ids unique.
    stems: HashMap<String, usize>,
    walk: walk::Walk,
    notes: Option<NoteSink>,
    /// Items (articles and errors) yielded so far.
    yielded: u64,
}

impl Articles {
    /// Hands every note (an article's date that is not a date, a page read as plain text)
    /// to `sink` as it is found; without a sink notes are dropped.
    pub fn with_notes(mut self, sink: impl FnMut(&Error) + Send + 'static) -> Articles {
        self.notes = Some(Box::new(sink));
        self
    }

    fn note(&mut self, e: &Error) {
        if let Some(sink) = &mut self.notes {
            sink(e);
        }
    }

    /// The article with its date checked: a date that did not normalise to `YYYY-MM-DD`
    /// is left out, with a note naming the article.
    fn checked(&mut self, article: Article) -> Article {
        let mut notes = Vec::new();
        let article = checked(article, &mut |e| notes.push(e));
        for e in &notes {
            self.note(e);
        }
        article
    }
}

/// Refuses an article longer than [`MAX_ARTICLE`].
fn too_long(article: Article) -> Result<Article> {
    if article.text.len() <= MAX_ARTICLE {
        return Ok(article);
    }
    let place = article.origin.as_deref().unwrap_or(&article.id);
    Err(Error::input(
        place,
        format!(
            "article too long ({} bytes of text; at most {} MiB per article)",
            article.text.len(),
            MAX_ARTICLE >> 20
        ),
    ))
}

/// Leaves out a date that is not a calendar date, calling `note` with the reason.
fn checked(mut article: Article, note: &mut dyn FnMut(Error)) -> Article {
    if let Some(d) = &article.date {
        if !date::is_iso_date(d) {
            let place = article.origin.as_deref().unwrap_or(&article.id);
            note(Error::input(
                place,
                format!("date {d:?} is not a date (expected ISO 8601 or RFC 2822): left out"),
            ));
            article.date = None;
        }
    }
    article
}

enum Pending {
    /// A path, and whether the user named it (rather than a folder walk finding it).
    Path(PathBuf, bool),
    /// A stream and the name it goes by in ids and messages.
    Stream(Box<dyn Read + Send>, String),
    Failed(Error),
    /// The end of a folder the user named, and how many items had been yielded when it
    /// was opened: a folder that yielded nothing is reported.
    FolderEnd(PathBuf, u64),
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
        let item = self.next_item()?;
        self.yielded += 1;
        Some(item.and_then(too_long).map(|a| self.checked(a)))
    }
}

impl Articles {
    fn next_item(&mut self) -> Option<Result<Article>> {
        loop {
            if let Some(current) = &mut self.current {
                match current.next() {
                    Some(item) => return Some(item),
                    None => self.current = None,
                }
            }
            match self.pending.pop_front()? {
                Pending::Failed(e) => return Some(Err(e)),
                Pending::FolderEnd(path, before) if self.yielded == before => {
                    return Some(Err(Error::input(
                        path.display().to_string(),
                        format!(
                            "no article files in this folder ({})",
                            walk::EXTENSIONS.map(|e| format!(".{e}")).join(", ")
                        ),
                    )));
                }
                Pending::FolderEnd(..) => {}
                Pending::Stream(input, name) => {
                    if let Some(item) = self.open_stream(input, &name) {
                        return Some(item);
                    }
                }
                Pending::Path(path, named) => {
                    if let Some(item) = self.open(path, named) {
                        return Some(item);
                    }
                }
            }
        }
    }
}

impl Articles {
    /// Opens a path: a folder queues its entries, a JSONL file becomes the current
    /// stream, a text file is read at once. Returns an item to yield, if any. `named`
    /// paths may also be pipes and devices (`<(zcat x.gz)`, `/dev/stdin`), read as streams.
    fn open(&mut self, path: PathBuf, named: bool) -> Option<Result<Article>> {
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) => return Some(Err(Error::io(Some(&path), e))),
        };
        if meta.is_dir() {
            let entries = self.walk.list(&path);
            if named {
                self.pending
                    .push_front(Pending::FolderEnd(path.clone(), self.yielded));
            }
            for entry in entries.into_iter().rev() {
                self.pending.push_front(match entry {
                    Ok(p) => Pending::Path(p, false),
                    Err(e) => Pending::Failed(e),
                });
            }
            return None;
        }
        if let Some(kind) = walk::special_kind(&meta) {
            if !(named && walk::is_stream(&meta)) {
                return Some(Err(Error::input(
                    path.display().to_string(),
                    format!("not a regular file ({kind})"),
                )));
            }
        }
        let name = path.display().to_string();
        let is_txt = path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
        if is_txt && meta.is_file() && meta.len() > text::MAX_TEXT_FILE as u64 {
            // Refused before reading: a plain-text file is one article.
            return Some(Err(Error::input(
                name,
                format!(
                    "file too large ({} bytes; a plain-text article may be at most {} MiB)",
                    meta.len(),
                    text::MAX_TEXT_FILE >> 20
                ),
            )));
        }
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
        if utf16::decode(&name, head).is_some() {
            return match read_all(reader, &name) {
                Ok(bytes) => self.open_decoded(&path, &name, &stem, &bytes),
                Err(e) => Some(Err(e)),
            };
        }
        match format_of(&path, head) {
            Format::Jsonl => {
                if let Some(e) = binary(&name, head, 0) {
                    return Some(Err(e));
                }
                self.current = Some(Box::new(JsonlReader::new(reader, &name, &stem, 1, 0)));
                None
            }
            format => match read_all(reader, &name) {
                Ok(bytes) => self.open_whole(format, &name, &stem, &bytes),
                Err(e) => Some(Err(e)),
            },
        }
    }

    /// A UTF-16 file: decoded whole, then read as a UTF-8 one.
    fn open_decoded(
        &mut self,
        path: &Path,
        name: &str,
        stem: &str,
        bytes: &[u8],
    ) -> Option<Result<Article>> {
        let utf8 = match utf16::decode(name, bytes)? {
            Ok(b) => b,
            Err(e) => return Some(Err(e)),
        };
        match format_of(path, &utf8) {
            Format::Jsonl => {
                self.current = Some(Box::new(JsonlReader::new(
                    std::io::Cursor::new(utf8),
                    name,
                    stem,
                    1,
                    0,
                )));
                None
            }
            format => self.open_whole(format, name, stem, &utf8),
        }
    }

    /// An input read whole: a text file or page is one item, a feed becomes the current
    /// stream.
    fn open_whole(
        &mut self,
        format: Format,
        name: &str,
        stem: &str,
        bytes: &[u8],
    ) -> Option<Result<Article>> {
        match format {
            Format::Jsonl => {
                if let Some(e) = binary(name, bytes, 0) {
                    return Some(Err(e));
                }
                let articles: Vec<_> = JsonlReader::new(bytes, name, stem, 1, 0).collect();
                self.current = Some(Box::new(articles.into_iter()));
                None
            }
            Format::Text => Some(text::parse(name, stem, bytes)),
            Format::Html => {
                let mut notes = Vec::new();
                let page = html::parse_noting(name, stem, bytes, &mut notes);
                for e in &notes {
                    self.note(e);
                }
                Some(page)
            }
            Format::Feed => {
                self.current = Some(Box::new(feed::parse(name, stem, bytes).into_iter()));
                None
            }
        }
    }

    /// Opens a stream (stdin): JSONL when its first non-space byte is `{`, a feed or an
    /// HTML page when it is `<`, else one plain-text article. UTF-16 with a byte-order
    /// mark is decoded first.
    fn open_stream(&mut self, input: Box<dyn Read + Send>, name: &str) -> Option<Result<Article>> {
        let mut reader = BufReader::with_capacity(64 << 10, input);
        let head = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) => return Some(Err(Error::input(name, format!("read error: {e}")))),
        };
        if utf16::decode(name, head).is_some() {
            let stem = self.unique_stem(Path::new(name.trim_matches(['<', '>'])));
            return match read_all(reader, name) {
                Ok(bytes) => match utf16::decode(name, &bytes)? {
                    Ok(utf8) => {
                        let format = match format_of(Path::new(""), &utf8) {
                            Format::Text if utf8.iter().all(u8::is_ascii_whitespace) => {
                                return Some(Err(Error::input(name, "empty input")));
                            }
                            f => f,
                        };
                        self.open_whole(format, name, &stem, &utf8)
                    }
                    Err(e) => Some(Err(e)),
                },
                Err(e) => Some(Err(e)),
            };
        }
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
                let format = if markup_is_feed(&bytes) {
                    Format::Feed
                } else {
                    Format::Html
                };
                self.open_whole(format, name, &stem, &bytes)
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

/// Most bytes of text in one article, whatever its format. Work on an article is linear
/// in its length but cannot be spread over threads, and takes ~70 times its size in
/// memory while it is processed.
pub const MAX_ARTICLE: usize = 4 << 20;

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

/// The largest HTML or feed file read whole (a plain-text file is one article and may be
/// at most [`MAX_ARTICLE`]; JSONL streams have no limit).
pub const MAX_FILE: usize = 64 << 20;

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

/// A NUL byte in the first bytes of an input means it is not text at all, or UTF-16
/// without a byte-order mark.
pub(crate) fn binary(name: &str, head: &[u8], base: u64) -> Option<Error> {
    let sniffed = &head[..head.len().min(SNIFF)];
    let at = base + memchr::memchr(0, sniffed)? as u64;
    let what = if utf16::looks_like(sniffed) {
        "UTF-16 text without a byte-order mark: save it as UTF-8 or with a mark"
    } else {
        "binary file"
    };
    Some(Error::input(
        name,
        format!("{what} (NUL byte at offset {at})"),
    ))
}

#[cfg(test)]
mod tests;
