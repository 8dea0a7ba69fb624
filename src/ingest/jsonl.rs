//! JSON Lines: one article object per line, read as a stream of bounded lines.
//!
//! `text` is required; `id`, `title`, `date`, `source`, `url`, `author` are optional
//! strings (a numeric `id` is taken as written); other fields are ignored. A line longer
//! than [`MAX_LINE`] is skipped without being held in memory, with an error for it.

use std::io::{self, BufRead};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::Article;

use super::{date, text};

/// Longest accepted line (8 MiB: room for the escapes of a text of
/// [`super::MAX_ARTICLE`] bytes, which is checked once decoded).
pub const MAX_LINE: usize = 8 << 20;

/// The fields newsgraph reads; unknown ones are skipped without being stored.
#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Option<Id>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    author: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Id {
    Text(String),
    Number(serde_json::Number),
}

/// Articles from a JSONL stream, one per non-blank line.
pub struct JsonlReader<R> {
    lines: LineReader<R>,
    /// Path for messages and `origin` ("data/a.jsonl").
    name: String,
    /// Prefix of derived ids ("a" → "a:7").
    stem: String,
    done: bool,
    /// Whether any non-blank line was seen; an input without one is an "empty file".
    seen_content: bool,
}

impl<R: BufRead> JsonlReader<R> {
    /// `first_line` and `offset` say where `reader` starts in the input (after a sniffed prefix).
    pub fn new(reader: R, name: &str, stem: &str, first_line: usize, offset: u64) -> Self {
        JsonlReader {
            lines: LineReader {
                reader,
                buf: Vec::new(),
                line_no: first_line.saturating_sub(1),
                offset,
            },
            name: name.to_string(),
            stem: stem.to_string(),
            done: false,
            seen_content: false,
        }
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Article>;

    fn next(&mut self) -> Option<Result<Article>> {
        while !self.done {
            let line = match self.lines.next_line() {
                Ok(Some(line)) => line,
                Ok(None) => {
                    self.done = true;
                    if !self.seen_content {
                        return Some(Err(Error::input(self.name.as_str(), "empty file")));
                    }
                    return None;
                }
                Err(e) => {
                    // A read error ends this input; say where.
                    self.done = true;
                    let place = format!("{}:{}", self.name, self.lines.line_no + 1);
                    return Some(Err(Error::input(place, format!("read error: {e}"))));
                }
            };
            let place = || format!("{}:{}", self.name, line.no);
            if let Some(len) = line.too_long {
                self.seen_content = true;
                return Some(Err(Error::input(
                    place(),
                    format!(
                        "line too long ({len} bytes; at most {} MiB per line)",
                        MAX_LINE >> 20
                    ),
                )));
            }
            let bytes = &self.lines.buf;
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            self.seen_content = true;
            return Some(parse_line(
                bytes,
                line.no,
                line.offset,
                &self.name,
                &self.stem,
            ));
        }
        None
    }
}

/// Parses one JSONL line (number `no`, starting at byte `offset` of the input).
pub fn parse_line(bytes: &[u8], no: usize, offset: u64, name: &str, stem: &str) -> Result<Article> {
    let place = format!("{name}:{no}");
    let s = match std::str::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            let at = offset + e.valid_up_to() as u64;
            return Err(Error::input(place, format!("invalid UTF-8 at byte {at}")));
        }
    };
    let s = s.strip_prefix('\u{FEFF}').unwrap_or(s);
    let line: Line = serde_json::from_str(s).map_err(|e| {
        let what = if e.is_data() && !s.trim_start().starts_with('{') {
            "not a JSON object".to_string()
        } else if e.is_data() {
            format!("invalid field: {e}")
        } else {
            format!("malformed JSON: {e}")
        };
        Error::input(place.clone(), what)
    })?;
    let Some(raw_text) = line.text else {
        return Err(Error::input(place, "missing required field \"text\""));
    };
    if raw_text.trim().is_empty() {
        return Err(Error::input(place, "field \"text\" is empty"));
    }
    let body = text::body_of_json_text(&raw_text);
    let id = match line.id {
        Some(Id::Text(id)) if !id.trim().is_empty() => id,
        Some(Id::Number(n)) => n.to_string(),
        _ => format!("{stem}:{no}"),
    };
    let nonempty = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    Ok(Article {
        id,
        title: line.title.unwrap_or_default().trim().to_string(),
        text: body.text,
        date: nonempty(line.date)
            .map(|d| date::normalize(&d))
            .or(body.date),
        source: nonempty(line.source).or(body.agency),
        url: nonempty(line.url),
        author: nonempty(line.author).or(body.author),
        origin: Some(place),
        dateline: body.dateline,
    })
}

/// One line as read: its number, where it starts, and its length when it was too long
/// (then its bytes were discarded).
struct LineInfo {
    no: usize,
    offset: u64,
    too_long: Option<u64>,
}

/// Reads lines into a reused buffer, never holding more than [`MAX_LINE`] bytes.
struct LineReader<R> {
    reader: R,
    buf: Vec<u8>,
    line_no: usize,
    offset: u64,
}

impl<R: BufRead> LineReader<R> {
    fn next_line(&mut self) -> io::Result<Option<LineInfo>> {
        self.buf.clear();
        let start = self.offset;
        let mut len: u64 = 0;
        let mut seen_any = false;
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                if !seen_any {
                    return Ok(None);
                }
                break;
            }
            seen_any = true;
            let (take, found) = match memchr::memchr(b'\n', chunk) {
                Some(n) => (n, true),
                None => (chunk.len(), false),
            };
            len += take as u64;
            if len <= MAX_LINE as u64 {
                self.buf.extend_from_slice(&chunk[..take]);
            } else {
                self.buf = Vec::new();
            }
            let consumed = if found { take + 1 } else { take };
            self.reader.consume(consumed);
            self.offset += consumed as u64;
            if found {
                break;
            }
        }
        self.line_no += 1;
        if self.buf.last() == Some(&b'\r') {
            self.buf.pop();
        }
        Ok(Some(LineInfo {
            no: self.line_no,
            offset: start,
            too_long: (len > MAX_LINE as u64).then_some(len),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &str) -> Vec<Result<Article, String>> {
        JsonlReader::new(input.as_bytes(), "a.jsonl", "a", 1, 0)
            .map(|r| r.map_err(|e| e.to_string()))
            .collect()
    }

    #[test]
    fn fields_ids_and_dates() {
        let got = read(concat!(
            r#"{"id":"x1","title":" T ","text":"Body.","date":"Sun, 30 Mar 2025 10:00:00 +0000","source":"S","url":"u","author":"A","extra":{"deep":[1,2]}}"#,
            "\n\n",
            r#"{"text":"GENEVA — Talks.","id":7}"#,
            "\r\n",
            r#"{"text":"No id","date":"someday","id":null,"source":""}"#,
        ));
        let want_first = Article {
            id: "x1".into(),
            title: "T".into(),
            text: "Body.".into(),
            date: Some("2025-03-30".into()),
            source: Some("S".into()),
            url: Some("u".into()),
            author: Some("A".into()),
            origin: Some("a.jsonl:1".into()),
            dateline: None,
        };
        assert_eq!(got[0], Ok(want_first));
        let second = got[1].as_ref().expect("second article");
        assert_eq!(
            (second.id.as_str(), second.origin.as_deref()),
            ("7", Some("a.jsonl:3"))
        );
        assert_eq!(
            second
                .dateline
                .map(|d| d.place.slice(&second.text).to_string()),
            Some("GENEVA".into())
        );
        let third = got[2].as_ref().expect("third article");
        assert_eq!(
            (
                third.id.as_str(),
                third.date.as_deref(),
                third.source.as_deref()
            ),
            ("a:4", Some("someday"), None)
        );
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn byline_at_the_top_of_text_becomes_author() {
        let got = read(r#"{"text":"By Jane Doe, Reuters\nWASHINGTON (Reuters) - The U.S. said."}"#);
        let a = got[0].as_ref().expect("article");
        assert_eq!(a.text, "WASHINGTON (Reuters) - The U.S. said.");
        assert_eq!(
            (a.author.as_deref(), a.source.as_deref()),
            (Some("Jane Doe"), Some("Reuters"))
        );
    }

    #[test]
    fn each_bad_line_is_one_error_and_good_lines_go_on() {
        let input = concat!(
            r#"{"text":"good 1"}"#,
            "\n",
            r#"{"text": "unterminated"#,
            "\n",
            r#"{"title":"no text"}"#,
            "\n",
            r#"[1,2]"#,
            "\n",
            r#"{"text":5}"#,
            "\n",
            r#"{"text":"  "}"#,
            "\n",
            r#"{"text":"good 2"}"#,
        );
        let got: Vec<String> = read(input)
            .into_iter()
            .map(|r| match r {
                Ok(a) => format!("ok {}", a.text),
                Err(e) => e,
            })
            .collect();
        assert_eq!(got.len(), 7, "{got:#?}");
        assert_eq!(got[0], "ok good 1");
        assert!(
            got[1].starts_with("a.jsonl:2: malformed JSON: EOF while parsing a string"),
            "{}",
            got[1]
        );
        assert_eq!(got[2], "a.jsonl:3: missing required field \"text\"");
        assert_eq!(got[3], "a.jsonl:4: not a JSON object");
        assert!(
            got[4].starts_with("a.jsonl:5: invalid field: invalid type: integer `5`"),
            "{}",
            got[4]
        );
        assert_eq!(got[5], "a.jsonl:6: field \"text\" is empty");
        assert_eq!(got[6], "ok good 2");
    }

    #[test]
    fn invalid_utf8_names_line_and_byte() {
        let input: &[u8] = b"{\"text\":\"ok\"}\n{\"text\":\"b\xffd\"}\n{\"text\":\"ok2\"}\n";
        let got: Vec<String> = JsonlReader::new(input, "a.jsonl", "a", 1, 0)
            .map(|r| r.map(|a| a.text).unwrap_or_else(|e| e.to_string()))
            .collect();
        assert_eq!(got, ["ok", "a.jsonl:2: invalid UTF-8 at byte 24", "ok2"]);
    }

    #[test]
    fn huge_lines_are_skipped_without_being_kept() {
        let mut input = b"{\"text\":\"before\"}\n{\"text\":\"".to_vec();
        input.resize(input.len() + MAX_LINE + 10, b'a');
        input.extend_from_slice(b"\"}\n{\"text\":\"after\"}\n");
        // A small buffer makes the reader assemble lines from many chunks.
        let reader = io::BufReader::with_capacity(4096, input.as_slice());
        let got: Vec<String> = JsonlReader::new(reader, "a.jsonl", "a", 1, 0)
            .map(|r| r.map(|a| a.text).unwrap_or_else(|e| e.to_string()))
            .collect();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0], "before");
        assert!(
            got[1].starts_with("a.jsonl:2: line too long (8388629 bytes"),
            "{}",
            got[1]
        );
        assert_eq!(got[2], "after");
    }

    #[test]
    fn lines_split_across_read_chunks_are_reassembled() {
        let input = "{\"text\":\"Iran’s reply\"}\r\n\r\n{\"text\":\"b\"}\n{\"text\":\"c\"}";
        for capacity in 1..8 {
            let reader = io::BufReader::with_capacity(capacity, input.as_bytes());
            let got: Vec<String> = JsonlReader::new(reader, "a.jsonl", "a", 1, 0)
                .map(|r| {
                    r.map(|a| format!("{} {}", a.id, a.text))
                        .unwrap_or_else(|e| e.to_string())
                })
                .collect();
            assert_eq!(
                got,
                ["a:1 Iran’s reply", "a:3 b", "a:4 c"],
                "capacity {capacity}"
            );
        }
    }
}
