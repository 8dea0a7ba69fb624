//! HTML pages: one saved news page, one article. The main text is found the way
//! Firefox's reader view finds it (`dom_smoothie`, a port of readability.js); headline,
//! author, site, date and canonical URL come from JSON-LD and `<meta>` tags. Broken markup
//! is repaired by the HTML5 parser, as a browser would. Pages are read from disk only;
//! nothing is fetched.
//!
//! Pages too deep, too crowded or too large for the reader view (see [`super::markup`])
//! are read as plain text instead, with a note saying why: the reader view recurses per
//! nesting level and slows down with elements × depth.

use dom_smoothie::{Config, Readability, TextMode};

use super::markup::{self, Shape};
use super::{date, text};
use crate::error::{Error, Result};
use crate::model::Article;

/// How far into a page a `charset` declaration is looked for (the HTML spec says 1024).
const CHARSET_SNIFF: usize = 1024;

/// Reads one HTML page named `name` whose article gets the id `id`.
pub fn parse(name: &str, id: &str, bytes: &[u8]) -> Result<Article> {
    parse_noting(name, id, bytes, &mut Vec::new())
}

/// [`parse`], pushing onto `notes` what the reader should know but that does not stop the
/// page from being read (a page read as plain text, and why).
pub fn parse_noting(name: &str, id: &str, bytes: &[u8], notes: &mut Vec<Error>) -> Result<Article> {
    if let Some(e) = super::unreadable(name, bytes) {
        return Err(e);
    }
    let html = decode(name, bytes)?;
    if let Some(why) = Shape::of(&html).refusal(html.len()) {
        return plain_page(name, id, &html, &why, notes);
    }
    let doc = dom_query::Document::from(html.as_str());
    if let Some(why) = tree_refusal(&doc, html.len()) {
        return plain_page(name, id, &html, &why, notes);
    }
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut reader = Readability::with_document(doc, None, Some(config))
        .map_err(|e| Error::input(name, format!("cannot read the page: {e}")))?;
    let page = match reader.parse() {
        Ok(page) => page,
        Err(e) => return Err(Error::input(name, format!("no article text found ({e})"))),
    };
    let title = clean_line(&page.title);
    let mut body = plain_text(&page.text_content);
    // Reader view keeps the page's own <h1> inside the content; the headline is not body.
    if let Some(rest) = body
        .strip_prefix(title.as_str())
        .filter(|_| !title.is_empty())
    {
        if rest.starts_with('\n') || rest.is_empty() {
            body = rest.trim_start().to_string();
        }
    }
    if body.trim().is_empty() {
        return Err(Error::input(name, "no article text found"));
    }
    let body = text::body_of_json_text(&body);
    let nonempty = |v: Option<String>| v.map(|s| clean_line(&s)).filter(|s| !s.is_empty());
    Ok(Article {
        id: id.to_string(),
        title,
        text: body.text,
        date: nonempty(page.published_time)
            .map(|d| date::normalize(&d))
            .or(body.date),
        source: nonempty(page.site_name).or(body.agency),
        url: nonempty(page.url),
        author: nonempty(page.byline).map(strip_by).or(body.author),
        origin: Some(name.to_string()),
        dateline: body.dateline,
    })
}

/// Why the parsed tree should not go to the reader view: measured exactly, without
/// recursion, as a check behind the scan's estimate.
fn tree_refusal(doc: &dom_query::Document, bytes: usize) -> Option<String> {
    let mut stack = vec![(doc.root(), 0usize)];
    let (mut depth, mut elements) = (0usize, 0usize);
    while let Some((node, d)) = stack.pop() {
        if node.is_element() {
            elements += 1;
            depth = depth.max(d);
        }
        let mut child = node.first_child();
        while let Some(c) = child {
            child = c.next_sibling();
            stack.push((c, d + 1));
        }
    }
    // The root document node and <html> are not nesting the page made.
    let depth = depth.saturating_sub(1);
    if depth > markup::MAX_READER_DEPTH {
        return Some(format!(
            "nested deeper than {} elements",
            markup::MAX_READER_DEPTH
        ));
    }
    let most = markup::element_budget(bytes);
    (elements > most).then(|| format!("more than {most} elements"))
}

/// A page the reader view cannot take, read as plain text: its title and the text of its
/// body, without scripts, navigation and footers.
fn plain_page(
    name: &str,
    id: &str,
    html: &str,
    why: &str,
    notes: &mut Vec<Error>,
) -> Result<Article> {
    let (title, raw) = markup::plain_text(html);
    let title = clean_line(&title);
    let body = plain_text(&raw);
    if body.is_empty() {
        return Err(Error::input(
            name,
            format!("no article text found (page {why}, read as plain text)"),
        ));
    }
    notes.push(Error::input(
        name,
        format!("page {why}: read as plain text, without reader view"),
    ));
    let body = text::body_of_json_text(&body);
    Ok(Article {
        id: id.to_string(),
        title,
        text: body.text,
        date: body.date,
        source: body.agency,
        url: None,
        author: body.author,
        origin: Some(name.to_string()),
        dateline: body.dateline,
    })
}

/// The text of an HTML fragment (a feed item's content): paragraphs on their own lines,
/// blank lines between blocks, runs of spaces collapsed. Fragments too deep or crowded
/// for the parser are read by the linear scan instead.
pub fn fragment_text(html: &str) -> String {
    if Shape::of(html).refusal(html.len()).is_some() {
        return plain_text(&markup::plain_text(html).1);
    }
    let doc = dom_query::Document::fragment(html);
    plain_text(&doc.formatted_text())
}

/// Decodes a page: UTF-8 (with or without a byte-order mark), else the encoding its
/// `<meta charset>` declares. Undeclared non-UTF-8 is an error.
fn decode(name: &str, bytes: &[u8]) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let Some(encoding) = declared_charset(bytes) else {
                return Err(Error::input(
                    name,
                    format!(
                        "invalid UTF-8 at byte {} and no charset declared",
                        e.valid_up_to()
                    ),
                ));
            };
            let (text, _, _) = encoding.decode(bytes);
            Ok(text.into_owned())
        }
    }
}

/// The encoding named by `charset=` in the first [`CHARSET_SNIFF`] bytes.
fn declared_charset(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(CHARSET_SNIFF)]).to_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// Trims every line, collapses runs of blanks inside lines and keeps at most one empty
/// line between paragraphs.
fn plain_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blank = false;
    for line in raw.lines() {
        let line = clean_line(line);
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank { "\n\n" } else { "\n" });
        }
        out.push_str(&line);
        blank = false;
    }
    out
}

/// One line with surrounding space removed and inner runs of space (including
/// non-breaking space) made one space.
pub(super) fn clean_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// "By Jane Doe" -> "Jane Doe".
fn strip_by(byline: String) -> String {
    match byline.get(..3) {
        Some(p) if p.eq_ignore_ascii_case("by ") => byline[3..].trim().to_string(),
        _ => byline,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Envoys meet in Muscat | Example News</title>
<meta property="og:title" content="Envoys meet in Muscat">
<meta property="og:site_name" content="Example News">
<meta name="author" content="By Jane Doe">
<meta property="article:published_time" content="2025-04-12T09:30:00+04:00">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Envoys meet in Muscat","url":"https://news.example/muscat-talks"}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Envoys meet in Muscat</h1>
<p>MUSCAT, Oman (Example News) — Envoys from Iran and the United States met in Muscat on
Saturday for talks mediated by Oman, officials from both sides said after the meeting ended.</p>
<p>The Iranian foreign minister said the talks were constructive and that a second round
would follow next week, while an American official described the atmosphere as positive.</p>
<p>Oman has carried messages between the two governments for years and hosted earlier rounds
of indirect negotiations, which diplomats in the region have followed closely.</p>
</article>
<footer>Copyright Example News. <a href="/privacy">Privacy</a></footer>
</body></html>"#;

    #[test]
    fn a_news_page_gives_its_text_and_metadata() {
        let a = parse("page.html", "page", PAGE.as_bytes()).expect("page parses");
        assert_eq!(a.id, "page");
        assert_eq!(a.title, "Envoys meet in Muscat");
        assert_eq!(a.date.as_deref(), Some("2025-04-12"));
        assert_eq!(a.source.as_deref(), Some("Example News"));
        assert_eq!(a.author.as_deref(), Some("Jane Doe"));
        assert_eq!(a.url.as_deref(), Some("https://news.example/muscat-talks"));
        assert!(
            a.text.starts_with("MUSCAT, Oman (Example News) —"),
            "{}",
            a.text
        );
        assert!(
            a.text.contains("\n\nThe Iranian foreign minister"),
            "{}",
            a.text
        );
        for chrome in ["Home", "Privacy", "Copyright"] {
            assert!(!a.text.contains(chrome), "{chrome} leaked into {}", a.text);
        }
        let dateline = a.dateline.expect("dateline found");
        assert_eq!(&a.text[dateline.place.start..dateline.place.end], "MUSCAT");
    }

    #[test]
    fn broken_markup_is_repaired_not_refused() {
        let broken = "<html><body><div><p>Britain and France condemned the attack on \
                      Sunday, their foreign ministers said in a joint statement issued \
                      in London and Paris<p>The statement <b>called for <i>restraint</b> \
                      from all sides and for talks</div></span></td>";
        let a = parse("broken.html", "broken", broken.as_bytes()).expect("repaired");
        assert!(
            a.text.contains("Britain and France condemned"),
            "{}",
            a.text
        );
        assert!(
            a.text.contains("called for restraint from all sides"),
            "{}",
            a.text
        );
    }

    #[test]
    fn declared_legacy_charsets_are_decoded() {
        let mut page = b"<html><head><meta charset=\"iso-8859-1\"></head><body><p>".to_vec();
        page.extend_from_slice(b"Jos\xe9 Mar\xeda Aznar met the Spanish king in Madrid on Monday.");
        page.extend_from_slice(b"</p></body></html>");
        let a = parse("latin1.html", "latin1", &page).expect("decoded");
        assert!(a.text.contains("José María Aznar"), "{}", a.text);
    }

    #[test]
    fn bad_pages_are_errors_naming_the_file() {
        let cases: [(&[u8], &str); 4] = [
            (b"\x00\x01\x02<html>", "binary file"),
            (
                b"<html><body><p>Jos\xe9</p></body></html>",
                "no charset declared",
            ),
            (b"", "no article text"),
            (
                b"<html><body><script>var x = 1;</script></body></html>",
                "no article text",
            ),
        ];
        for (bytes, want) in cases {
            let e = parse("bad.html", "bad", bytes)
                .expect_err("refused")
                .to_string();
            assert!(e.contains("bad.html") && e.contains(want), "{e}");
        }
    }

    #[test]
    fn fragments_keep_paragraphs_apart() {
        assert_eq!(
            fragment_text("<p>One &amp; two.</p><p>Three\n   four.</p>"),
            "One & two.\n\nThree four."
        );
    }
}
