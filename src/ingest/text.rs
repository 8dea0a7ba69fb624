//! Plain-text articles: one file, one article, laid out the way wire copy is.
//!
//! Optional `Key: value` header lines (Date, Source, URL, Author, Id, Title), then the
//! headline (first non-empty line; a `Title:` header replaces it), a byline ("By Jane
//! Doe") within the next three lines, then the body. Lines between headline and byline
//! (sub-headlines, pull quotes that repeat the body) are dropped, as are trailing credit
//! lines ("(Reporting by ...)"); the body is otherwise kept verbatim so spans index into
//! it. A dateline opening the body ("ERBIL (Kurdistan24) —") stays in the text and is
//! reported in `Article::dateline`; its agency becomes `source` unless a header gives one.

use crate::error::{Error, Result};
use crate::model::{Article, Dateline, Span};

use super::date;

/// A plain-text article file may be at most this big ([`super::MAX_ARTICLE`]): anything
/// larger is not one article, and work per article grows with its length.
pub const MAX_TEXT_FILE: usize = super::MAX_ARTICLE;

/// How many non-empty lines after the headline may hold the byline.
const BYLINE_WINDOW: usize = 3;

/// Parses a plain-text article. `name` is how errors and `origin` refer to the input
/// (a path), `id` the id to give the article unless a header sets one.
pub fn parse(name: &str, id: &str, bytes: &[u8]) -> Result<Article> {
    if bytes.len() > MAX_TEXT_FILE {
        return Err(Error::input(
            name,
            format!(
                "file too large ({} bytes; a plain-text article may be at most {} MiB)",
                bytes.len(),
                MAX_TEXT_FILE >> 20
            ),
        ));
    }
    if let Some(e) = super::binary(name, bytes, 0) {
        return Err(e);
    }
    if let Some(at) = memchr::memchr(0, bytes) {
        return Err(Error::input(
            name,
            format!("binary file (NUL byte at offset {at})"),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
            return Err(Error::input(
                format!("{name}:{line}"),
                format!("invalid UTF-8 at byte {at}"),
            ));
        }
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Error::input(name, "empty file"));
    }
    let mut article = Article {
        id: id.to_string(),
        ..Article::default()
    };
    let mut lines = Lines::new(text);
    let mut header_source = None;
    let mut title_line = None;

    // Header lines, until the first line that is not one.
    while let Some((no, line)) = lines.peek_non_empty() {
        let Some((key, value)) = header(line) else {
            break;
        };
        lines.next_non_empty();
        let value = value.to_string();
        match key.as_str() {
            "date" | "published" => article.date = Some(date::normalize(&value)),
            "source" => header_source = Some(value),
            "url" | "link" => article.url = Some(value),
            "author" | "by" => article.author = Some(value),
            "id" => article.id = value,
            "title" | "headline" => {
                article.title = value;
                title_line = Some(no);
            }
            _ => {}
        }
    }

    let mut headline = None;
    let mut body_first = false;
    if title_line.is_none() {
        match lines.peek_non_empty() {
            // No headline: the file opens with the body.
            Some((no, line)) if looks_like_body(line) => {
                title_line = Some(no);
                body_first = true;
            }
            Some((no, line)) => {
                lines.next_non_empty();
                article.title = line.trim().to_string();
                title_line = Some(no);
                headline = Some(line);
            }
            None => {}
        }
    }

    // A byline within the first few lines; what comes between is dropped. A byline with
    // nothing after it is body text.
    let mut byline_agency = None;
    let mut probe = lines.clone();
    for _ in 0..if body_first { 0 } else { BYLINE_WINDOW } {
        let Some((_, line)) = probe.next_non_empty() else {
            break;
        };
        if let Some(by) = byline(line) {
            if !probe.at_end() {
                article.author.get_or_insert(by.author);
                if article.date.is_none() {
                    article.date = by.date;
                }
                byline_agency = by.agency;
                lines = probe;
            }
            break;
        }
    }

    let body = match (lines.next_start(), headline) {
        (Some(start), _) => drop_credits(text[start..].trim_end()),
        // A single line is both headline and body.
        (None, Some(line)) => line.trim(),
        (None, None) => return Err(Error::input(name, "no article text after the header lines")),
    };
    article.text = body.to_string();
    let dateline = find_dateline(&article.text);
    article.source = header_source
        .or_else(|| dateline.as_ref().and_then(|(_, agency)| agency.clone()))
        .or(byline_agency);
    article.dateline = dateline.map(|(d, _)| d);
    article.origin = Some(format!("{name}:{}", title_line.unwrap_or(1)));
    Ok(article)
}

/// A JSONL `text` after the treatment a plain-text body gets.
pub struct Body {
    pub text: String,
    /// From a byline line that opened the text.
    pub author: Option<String>,
    /// From the dateline, else the byline.
    pub agency: Option<String>,
    /// From the byline ("By Jane Doe | March 30, 2025").
    pub date: Option<String>,
    pub dateline: Option<Dateline>,
}

/// Applies to a JSONL `text` what a plain-text file body gets: a leading byline line is
/// removed (becoming the author), a dateline is found.
pub fn body_of_json_text(text: &str) -> Body {
    let mut lines = Lines::new(text);
    let mut author = None;
    let mut agency = None;
    let mut date = None;
    let mut body = text.trim_end();
    if let Some((_, first)) = lines.next_non_empty() {
        if let Some(by) = byline(first) {
            if let Some(start) = lines.next_start() {
                author = Some(by.author);
                agency = by.agency;
                date = by.date;
                body = text[start..].trim_end();
            }
        }
    }
    body = drop_credits(body);
    let dateline = find_dateline(body);
    let agency = dateline.as_ref().and_then(|(_, a)| a.clone()).or(agency);
    Body {
        text: body.to_string(),
        author,
        agency,
        date,
        dateline: dateline.map(|(d, _)| d),
    }
}

/// A first line that is a paragraph, not a headline: it opens with a dateline, or it is
/// long and ends like a sentence.
fn looks_like_body(line: &str) -> bool {
    let line = line.trim();
    find_dateline(line).is_some()
        || (line.chars().count() > 200 && line.ends_with(['.', '"', '”', '?', '!']))
}

/// Lines of a text with their numbers (1-based), skipping empty ones on request.
#[derive(Clone)]
struct Lines<'t> {
    text: &'t str,
    pos: usize,
    no: usize,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Lines<'t> {
        Lines {
            text,
            pos: 0,
            no: 0,
        }
    }

    fn next_line(&mut self) -> Option<(usize, &'t str)> {
        if self.pos >= self.text.len() {
            return None;
        }
        let rest = &self.text[self.pos..];
        let len = rest.find('\n').map_or(rest.len(), |n| n + 1);
        self.pos += len;
        self.no += 1;
        Some((self.no, rest[..len].trim_end_matches(['\n', '\r'])))
    }

    fn next_non_empty(&mut self) -> Option<(usize, &'t str)> {
        while let Some((no, line)) = self.next_line() {
            if !line.trim().is_empty() {
                return Some((no, line));
            }
        }
        None
    }

    fn peek_non_empty(&self) -> Option<(usize, &'t str)> {
        self.clone().next_non_empty()
    }

    fn at_end(&self) -> bool {
        self.peek_non_empty().is_none()
    }

    /// Byte offset where the next non-empty line starts.
    fn next_start(&self) -> Option<usize> {
        let mut probe = self.clone();
        loop {
            let start = probe.pos;
            let (_, line) = probe.next_line()?;
            if !line.trim().is_empty() {
                return Some(start);
            }
        }
    }
}

/// `Date: 2025-03-30` → ("date", "2025-03-30"), for the keys this reader knows.
fn header(line: &str) -> Option<(String, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim().to_ascii_lowercase();
    let known = [
        "date",
        "published",
        "source",
        "url",
        "link",
        "author",
        "by",
        "id",
        "title",
        "headline",
    ];
    let value = value.trim();
    (known.contains(&key.as_str()) && !value.is_empty()).then_some((key, value))
}

/// Agencies recognised after a comma or bar in a byline ("By Jane Doe, Reuters").
const AGENCIES: &[&str] = &[
    "AFP",
    "AP",
    "Agence France-Presse",
    "Al Jazeera",
    "Anadolu",
    "Anadolu Agency",
    "Associated Press",
    "BBC",
    "BBC News",
    "Bloomberg",
    "CNN",
    "DPA",
    "EFE",
    "IRNA",
    "Kurdistan24",
    "Reuters",
    "TASS",
    "The Associated Press",
    "Xinhua",
    "dpa",
];

/// Words allowed in lower case inside a byline's names.
const NAME_PARTICLES: &[&str] = &[
    "and", "al", "bin", "bint", "da", "de", "del", "der", "di", "du", "el", "ibn", "la", "le",
    "of", "the", "van", "von", "y",
];

/// What a byline line says.
#[derive(Debug, PartialEq)]
struct Byline {
    author: String,
    /// "By Jane Doe, Reuters" → Reuters.
    agency: Option<String>,
    /// "By Jane Doe | March 30, 2025" → 2025-03-30.
    date: Option<String>,
}

/// Parses "By Jane Doe and John Roe", "By Jane Doe, Reuters", "By Jane Doe | 30 March 2025";
/// `None` for a sentence that merely starts with "By".
fn byline(line: &str) -> Option<Byline> {
    let line = line.trim();
    let mut rest = ["By ", "BY ", "by "]
        .iter()
        .find_map(|p| line.strip_prefix(p))?
        .trim();
    let mut date = None;
    if let Some((before, after)) = rest.rsplit_once('|') {
        let normal = date::normalize(after);
        if is_iso_date(&normal) {
            date = Some(normal);
            rest = before.trim();
        }
    }
    if rest.is_empty() || rest.len() > 120 || rest.ends_with(['.', '?', '!', ':']) {
        return None;
    }
    let words: Vec<&str> = rest
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|' || c == ';')
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 14 {
        return None;
    }
    let name_like = words.iter().all(|w| {
        NAME_PARTICLES.contains(w)
            || w.chars().next().is_some_and(|c| c.is_uppercase())
            || w.starts_with("al-")
    });
    if !name_like {
        return None;
    }
    let (names, agency) = match rest.rfind([',', '|']) {
        Some(at) => {
            let last = rest[at + 1..].trim();
            if AGENCIES.iter().any(|a| a.eq_ignore_ascii_case(last)) || looks_like_outlet(last) {
                (rest[..at].trim(), Some(last.to_string()))
            } else {
                (rest, None)
            }
        }
        None => (rest, None),
    };
    Some(Byline {
        author: names.to_string(),
        agency,
        date,
    })
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn looks_like_outlet(s: &str) -> bool {
    [
        "News", "Press", "Agency", "Times", "Post", "Network", "Media",
    ]
    .iter()
    .any(|w| s.split_whitespace().any(|x| x == *w))
}

/// Drops a trailing credit line: "(Reporting by Jane Doe; Editing by John Roe)".
fn drop_credits(body: &str) -> &str {
    let mut body = body;
    loop {
        let start = body.rfind('\n').map_or(0, |n| n + 1);
        if start == 0 {
            return body;
        }
        let last = body[start..].trim().trim_start_matches('(');
        let credit = [
            "Reporting by",
            "Additional reporting by",
            "Writing by",
            "Editing by",
            "Compiled by",
        ]
        .iter()
        .any(|p| last.starts_with(p));
        if !credit {
            return body;
        }
        body = body[..start].trim_end();
    }
}

/// Dashes that close a dateline.
const DASHES: &[&str] = &["—", "–", "―", "--", "-"];

/// Finds a dateline at the start of `text`: `PLACE[, region or date] [(Agency)] —`.
/// Returns it and the agency. The place must be in capitals unless an agency follows it.
pub fn find_dateline(text: &str) -> Option<(Dateline, Option<String>)> {
    let start = text.len() - text.trim_start().len();
    let first_line = text[start..].split('\n').next().unwrap_or("");
    // The dash: the first one after a space within the first 120 bytes.
    let window = &first_line[..floor_char_boundary(first_line, 120)];
    let (dash_at, dash) = window
        .char_indices()
        .filter(|&(i, c)| i > 0 && matches!(c, '—' | '–' | '―' | '-'))
        .find_map(|(i, _)| {
            let before = &window[..i];
            if !before.ends_with(' ') && !before.ends_with(')') {
                return None;
            }
            DASHES
                .iter()
                .find(|d| window[i..].starts_with(**d))
                .map(|d| (i, *d))
        })?;
    let after_dash = &window[dash_at + dash.len()..];
    if !after_dash.is_empty() && !after_dash.starts_with(char::is_whitespace) && dash == "-" {
        return None;
    }
    let head = window[..dash_at].trim_end();
    let (head, agency) = match head.strip_suffix(')') {
        Some(h) => {
            let open = h.rfind('(')?;
            let agency = h[open + 1..].trim();
            if agency.is_empty() || agency.len() > 40 {
                return None;
            }
            (h[..open].trim_end(), Some(agency.to_string()))
        }
        None => (head, None),
    };
    let (place, extra) = match head.split_once(',') {
        Some((p, e)) => (p.trim_end(), Some(e.trim())),
        None => (head, None),
    };
    if !is_place(place, agency.is_some()) {
        return None;
    }
    if let Some(extra) = extra {
        let words: Vec<&str> = extra.split_whitespace().collect();
        let ok = !words.is_empty()
            && words.len() <= 5
            && words.iter().all(|w| {
                w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            });
        if !ok {
            return None;
        }
    }
    let span = Span::new(start, start + dash_at + dash.len());
    let place = Span::new(start, start + place.len());
    Some((Dateline { span, place }, agency))
}

/// "ERBIL", "UNITED NATIONS", "ST. PETERSBURG", "WASHINGTON/BRUSSELS"; "Erbil" only
/// when an agency in parentheses confirms the dateline.
fn is_place(place: &str, has_agency: bool) -> bool {
    let words: Vec<&str> = place.split_whitespace().collect();
    if words.is_empty()
        || words.len() > 5
        || place.chars().filter(|c| c.is_alphabetic()).count() < 2
    {
        return false;
    }
    let allowed = |c: char| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-' | '/');
    if !place.chars().all(|c| allowed(c) || c == ' ') {
        return false;
    }
    let all_caps = place
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase);
    let capitalised = words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase) || NAME_PARTICLES.contains(w));
    all_caps || (has_agency && capitalised)
}

fn floor_char_boundary(s: &str, at: usize) -> usize {
    if at >= s.len() {
        return s.len();
    }
    (0..=at).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[rustfmt::skip]
    fn datelines_are_found_with_place_and_agency() {
        // (text, dateline, place, agency)
        type Want<'a> = Option<(&'a str, &'a str, Option<&'a str>)>;
        let cases: &[(&str, Want)] = &[
            ("ERBIL (Kurdistan24) — Iran said", Some(("ERBIL (Kurdistan24) —", "ERBIL", Some("Kurdistan24")))),
            ("WASHINGTON, March 3 (Reuters) - The U.S.", Some(("WASHINGTON, March 3 (Reuters) -", "WASHINGTON", Some("Reuters")))),
            ("GENEVA — Talks resumed", Some(("GENEVA —", "GENEVA", None))),
            ("UNITED NATIONS (AP) -- The council", Some(("UNITED NATIONS (AP) --", "UNITED NATIONS", Some("AP")))),
            ("ST. PETERSBURG, Russia — Putin", Some(("ST. PETERSBURG, Russia —", "ST. PETERSBURG", None))),
            ("KYIV, Ukraine (AP) – Russian", Some(("KYIV, Ukraine (AP) –", "KYIV", Some("AP")))),
            ("Erbil, Kurdistan Region (Kurdistan24) – Officials", Some(("Erbil, Kurdistan Region (Kurdistan24) –", "Erbil", Some("Kurdistan24")))),
            ("WASHINGTON/BRUSSELS (Reuters) - Allies", Some(("WASHINGTON/BRUSSELS (Reuters) -", "WASHINGTON/BRUSSELS", Some("Reuters")))),
            ("  DOHA — Qatar", Some(("DOHA —", "DOHA", None))),
            ("Erbil — officials said", None),
            ("Iran said on Sunday - in a statement", None),
            ("The talks — which began in May — ended", None),
            ("NATO-led forces moved", None),
            ("GENEVA, where talks began — said", None),
            ("Iran-backed groups (militias) — said", None),
            ("no dash here at all", None),
            ("", None),
        ];
        for (text, want) in cases {
            let got = find_dateline(text)
                .map(|(d, agency)| (d.span.slice(text), d.place.slice(text), agency));
            let want = want.map(|(s, p, a)| (s, p, a.map(str::to_string)));
            assert_eq!(got, want, "{text:?}");
        }
    }

    #[test]
    #[rustfmt::skip]
    fn bylines_give_authors_and_agencies() {
        type Want<'a> = Option<(&'a str, Option<&'a str>, Option<&'a str>)>;
        let cases: &[(&str, Want)] = &[
            ("By Kamaran Aziz", Some(("Kamaran Aziz", None, None))),
            ("By Jane Doe and John Roe", Some(("Jane Doe and John Roe", None, None))),
            ("By Jane Doe, Reuters", Some(("Jane Doe", Some("Reuters"), None))),
            ("BY JANE DOE | Associated Press", Some(("JANE DOE", Some("Associated Press"), None))),
            ("By Ahmed al-Rashid and Luis de la Cruz", Some(("Ahmed al-Rashid and Luis de la Cruz", None, None))),
            ("By Jane Doe, John Roe and Max Moe", Some(("Jane Doe, John Roe and Max Moe", None, None))),
            ("By the end of the day, Iran had left.", None),
            ("By Sunday, Iran had not responded", None),
            ("By", None),
            ("By Jane Doe | March 30, 2025", Some(("Jane Doe", None, Some("2025-03-30")))),
            ("By Jane Doe, AFP | 2025-03-30", Some(("Jane Doe", Some("AFP"), Some("2025-03-30")))),
            ("By Jane Doe | 10:30 GMT", None),
            ("Byron Smith", None),
        ];
        for (line, want) in cases {
            let want = want.map(|(author, agency, date)| Byline {
                author: author.to_string(),
                agency: agency.map(str::to_string),
                date: date.map(str::to_string),
            });
            assert_eq!(byline(line), want, "{line:?}");
        }
    }

    fn parsed(text: &str) -> Article {
        parse("x.txt", "x", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn headline_byline_dateline_and_body() {
        let a = parsed(
            "Date: 30 March 2025\nURL: https://example.org/a\n\nIran answers letter\nA pull quote that repeats the body.\n\nBy Jane Doe\nERBIL (Kurdistan24) — Iran said on Sunday it had replied.\nThe reply went through Oman.\n\n",
        );
        assert_eq!(a.title, "Iran answers letter");
        assert_eq!(a.author.as_deref(), Some("Jane Doe"));
        assert_eq!(a.date.as_deref(), Some("2025-03-30"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.source.as_deref(), Some("Kurdistan24"));
        assert_eq!(
            a.text,
            "ERBIL (Kurdistan24) — Iran said on Sunday it had replied.\nThe reply went through Oman."
        );
        let d = a.dateline.expect("dateline");
        assert_eq!(d.place.slice(&a.text), "ERBIL");
        assert_eq!(d.span.slice(&a.text), "ERBIL (Kurdistan24) —");
        assert_eq!(a.origin.as_deref(), Some("x.txt:4"));
        assert_eq!(a.id, "x");
    }

    #[test]
    #[rustfmt::skip]
    fn layouts_without_byline_or_body() {
        // (file, title, text, author)
        let cases: &[(&str, &str, &str, Option<&str>)] = &[
            ("Headline\nBody one.\nBody two.", "Headline", "Body one.\nBody two.", None),
            ("Headline\n\n  Indented body.\n", "Headline", "  Indented body.", None),
            ("Only one line\n", "Only one line", "Only one line", None),
            ("Headline\nBy Jane Doe\n", "Headline", "By Jane Doe", None),
            ("Headline\nBy Jane Doe, Reuters\nBody.", "Headline", "Body.", Some("Jane Doe")),
            ("Title: Given title\nBy Jane Doe\nBody.", "Given title", "Body.", Some("Jane Doe")),
            ("Headline\r\nBy Jane Doe\r\nBody one.\r\nBody two.\r\n", "Headline", "Body one.\r\nBody two.", Some("Jane Doe")),
            ("\u{FEFF}Headline\nBody.", "Headline", "Body.", None),
            ("Headline\na\nb\nc\nBy Jane Doe\nBody.", "Headline", "a\nb\nc\nBy Jane Doe\nBody.", None),
            ("Headline\nBody.\n(Reporting by Jane Doe; Editing by John Roe)\n", "Headline", "Body.", None),
            ("Iran: talks over\nBody.", "Iran: talks over", "Body.", None),
            ("GENEVA — Talks began.\nMore.", "", "GENEVA — Talks began.\nMore.", None),
            ("Date: 2025-01-02\nGENEVA — Talks.", "", "GENEVA — Talks.", None),
        ];
        for (file, title, text, author) in cases {
            let a = parsed(file);
            assert_eq!(
                (a.title.as_str(), a.text.as_str(), a.author.as_deref()),
                (*title, *text, *author),
                "{file:?}"
            );
        }
    }

    #[test]
    #[rustfmt::skip]
    fn bad_files_are_rejected_with_a_place() {
        let cases: &[(&[u8], &str)] = &[
            (b"", "x.txt: empty file"),
            (b" \n\t\n", "x.txt: empty file"),
            (b"Headline\nab\x00cd", "x.txt: binary file (NUL byte at offset 11)"),
            (b"Headline\nline two\nbad \xff byte", "x.txt:3: invalid UTF-8 at byte 22"),
        ];
        for (bytes, want) in cases {
            let got = parse("x.txt", "x", bytes).map(|a| a.text);
            assert_eq!(got.map_err(|e| e.to_string()), Err(want.to_string()));
        }
    }
}
