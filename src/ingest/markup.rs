//! One linear pass over raw HTML: how deep and how large its element tree will be, and a
//! plain-text reading for pages the reader view must not be given.
//!
//! The reader view (`dom_smoothie` over `html5ever`) recurses once per nesting level and
//! spends time in proportion to elements × depth: 100k unclosed `<b><i>` overflow the stack,
//! 20k nested `<div>` take minutes. So a page goes to it only when this scan finds it
//! shallow and small enough. The scan follows the tree builder's common rules (void
//! elements, the end tags implied by `<p>`, `<li>`, `<td>`..., end tags that cannot close
//! across a table or a button) so that sloppy real pages are not over-counted, and it lets
//! no end tag close what the parser would keep open, so crafted markup is not under-counted.

use std::collections::HashMap;

/// Deepest estimated nesting worth parsing at all; deeper pages are read as plain text
/// without building a tree (the parser itself costs elements × depth).
pub const MAX_SCAN_DEPTH: usize = 256;

/// Deepest element tree handed to the reader view.
pub const MAX_READER_DEPTH: usize = 64;

/// Largest page handed to the reader view; larger ones are read as plain text.
pub const MAX_READER_BYTES: usize = 8 << 20;

/// The reader view gets at most this many elements, plus one per [`BYTES_PER_ELEMENT`]
/// bytes of page: its tree costs ~250 bytes per element, and memory must stay within a
/// small multiple of the page size.
pub const BASE_ELEMENTS: usize = 4096;
pub const BYTES_PER_ELEMENT: usize = 32;

/// What the scan found.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shape {
    /// Deepest nesting of open elements (an estimate close to the parser's).
    pub depth: usize,
    /// Start tags.
    pub elements: usize,
}

impl Shape {
    /// Scans `html` once.
    pub fn of(html: &str) -> Shape {
        let mut open = OpenElements::default();
        let mut shape = Shape::default();
        for token in Tokens::new(html) {
            match token {
                Token::Start { name, self_closing } => {
                    shape.elements += 1;
                    open.start(name, self_closing);
                    shape.depth = shape.depth.max(open.stack.len());
                }
                Token::End { name } => open.end(name),
                Token::Text(_) => {}
            }
        }
        shape
    }

    /// Why the page should not go to the reader view, if it should not.
    pub fn refusal(&self, bytes: usize) -> Option<String> {
        if bytes > MAX_READER_BYTES {
            return Some(format!("larger than {} MiB", MAX_READER_BYTES >> 20));
        }
        if self.depth > MAX_SCAN_DEPTH {
            return Some(format!("nested deeper than {MAX_SCAN_DEPTH} elements"));
        }
        let most = element_budget(bytes);
        if self.elements > most {
            return Some(format!("more than {most} elements"));
        }
        None
    }
}

/// How many elements a page of `bytes` bytes may have for the reader view.
pub fn element_budget(bytes: usize) -> usize {
    BASE_ELEMENTS + bytes / BYTES_PER_ELEMENT
}

/// The page read as plain text: the `<title>`, and the text of the body with scripts,
/// styles, navigation and forms left out, blocks on lines of their own, entities decoded.
pub fn plain_text(html: &str) -> (String, String) {
    let mut title = String::new();
    let mut text = String::with_capacity(html.len() / 2);
    // How many open elements whose text is not article text.
    let mut hidden = 0usize;
    let mut in_title = false;
    for token in Tokens::new(html) {
        match token {
            Token::Start { name, self_closing } => {
                if name.eq_ignore_ascii_case("title") {
                    // The first title is the page's; SVG icons have titles too.
                    in_title = !self_closing && title.is_empty();
                } else if name.eq_ignore_ascii_case("body") {
                    // `</head>` is optional.
                    hidden = 0;
                } else if is_hidden(name) && !self_closing && !is_void(name) {
                    hidden += 1;
                } else if name.eq_ignore_ascii_case("br") {
                    text.push('\n');
                } else if is_block(name) {
                    text.push_str("\n\n");
                }
            }
            Token::End { name } => {
                if name.eq_ignore_ascii_case("title") {
                    in_title = false;
                } else if is_hidden(name) {
                    hidden = hidden.saturating_sub(1);
                } else if is_block(name) {
                    text.push_str("\n\n");
                }
            }
            Token::Text(t) if in_title => title.push_str(&html_escape::decode_html_entities(t)),
            Token::Text(t) if hidden == 0 => text.push_str(&html_escape::decode_html_entities(t)),
            Token::Text(_) => {}
        }
    }
    (title, text)
}

/// A piece of markup.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Token<'a> {
    /// A start tag with its name as written (any case).
    Start {
        name: &'a str,
        self_closing: bool,
    },
    End {
        name: &'a str,
    },
    /// Text between tags, entities not yet decoded.
    Text(&'a str),
}

/// Tags and text of a page, in order; comments, doctypes and processing instructions are
/// skipped, and the content of raw-text elements (`<script>`, `<style>`...) is one text.
struct Tokens<'a> {
    html: &'a str,
    pos: usize,
    /// After a raw-text element's start tag: its name, so its content runs to `</name`.
    raw: Option<&'a str>,
    /// A token found while looking for the end of a text run.
    pending: Option<Token<'a>>,
}

impl<'a> Tokens<'a> {
    fn new(html: &'a str) -> Tokens<'a> {
        Tokens {
            html,
            pos: 0,
            raw: None,
            pending: None,
        }
    }

    /// The markup starting at `at` (a `<`) and where it ends: a tag, or `None` for a
    /// comment, doctype or processing instruction. `None` when the `<` opens no markup
    /// (it is text then).
    fn markup_at(&self, at: usize) -> Option<(Option<Token<'a>>, usize)> {
        let b = self.html.as_bytes();
        let rest = &b[at..];
        if rest.starts_with(b"<!--") {
            let end = find(b, at + 4, b"-->").map_or(b.len(), |e| e + 3);
            return Some((None, end));
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            let end = memchr::memchr(b'>', rest).map_or(b.len(), |e| at + e + 1);
            return Some((None, end));
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = at + 1 + usize::from(closing);
        if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            return None;
        }
        let name_end = name_start
            + b[name_start..]
                .iter()
                .take_while(|c| !c.is_ascii_whitespace() && !matches!(c, b'/' | b'>'))
                .count();
        let name = &self.html[name_start..name_end];
        // The tag runs to the first `>` outside quoted attribute values.
        let mut quote = None;
        let mut i = name_end;
        while i < b.len() {
            let c = b[i];
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None if c == b'"' || c == b'\'' => quote = Some(c),
                None if c == b'>' => break,
                None => {}
            }
            i += 1;
        }
        let self_closing = i > name_end && b[i - 1] == b'/';
        let end = (i + 1).min(b.len());
        let token = if closing {
            Token::End { name }
        } else {
            Token::Start { name, self_closing }
        };
        Some((Some(token), end))
    }

    /// Raw text from `self.pos` to the end tag of `name`, in any case.
    fn raw_text(&mut self, name: &str) -> Option<Token<'a>> {
        let b = self.html.as_bytes();
        let start = self.pos;
        let mut from = start;
        let end = loop {
            match find(b, from, b"</") {
                Some(at)
                    if b.len() >= at + 2 + name.len()
                        && b[at + 2..at + 2 + name.len()].eq_ignore_ascii_case(name.as_bytes()) =>
                {
                    break at;
                }
                Some(at) => from = at + 2,
                None => break b.len(),
            }
        };
        self.pos = end;
        (end > start).then(|| Token::Text(&self.html[start..end]))
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if let Some(t) = self.pending.take() {
            return Some(t);
        }
        if let Some(name) = self.raw.take() {
            if let Some(text) = self.raw_text(name) {
                return Some(text);
            }
        }
        let b = self.html.as_bytes();
        // Comments and doctypes are skipped by going round again, never by recursion.
        loop {
            let start = self.pos;
            if start >= b.len() {
                return None;
            }
            let mut from = start;
            let found = loop {
                match memchr::memchr(b'<', &b[from..]).map(|i| from + i) {
                    None => break None,
                    Some(lt) => match self.markup_at(lt) {
                        Some((token, end)) => break Some((lt, token, end)),
                        None => from = lt + 1,
                    },
                }
            };
            let Some((lt, token, end)) = found else {
                self.pos = b.len();
                return Some(Token::Text(&self.html[start..]));
            };
            self.pos = end;
            if let Some(Token::Start { name, self_closing }) = token {
                if !self_closing && is_raw_text(name) {
                    self.raw = Some(name);
                }
            }
            match (lt > start, token) {
                (true, token) => {
                    self.pending = token;
                    return Some(Token::Text(&self.html[start..lt]));
                }
                (false, Some(token)) => return Some(token),
                (false, None) => continue,
            }
        }
    }
}

/// The first occurrence of `needle` in `hay` at or after `from`.
fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(hay.get(from..)?, needle).map(|i| from + i)
}

/// The stack of open elements as the tree builder would keep it, approximately, with the
/// bookkeeping that makes every operation O(1) amortised.
#[derive(Default)]
struct OpenElements {
    /// Lower-cased names, outermost first.
    stack: Vec<String>,
    /// Name -> positions in `stack` where it is open, innermost last.
    at: HashMap<String, Vec<usize>>,
    /// Positions of open scope boundaries (table, td, button, ...), innermost last.
    boundaries: Vec<usize>,
    /// Open `<svg>` and `<math>` elements: inside them `/>` closes an element.
    foreign: usize,
}

impl OpenElements {
    fn start(&mut self, name: &str, self_closing: bool) {
        let name = name.to_ascii_lowercase();
        if let Some(closed) = implied_close(&name) {
            for c in closed {
                self.close(c, false);
            }
        }
        if is_void(&name) || (self_closing && self.foreign > 0) {
            return;
        }
        if name == "svg" || name == "math" {
            self.foreign += 1;
        }
        let pos = self.stack.len();
        if is_boundary(&name) {
            self.boundaries.push(pos);
        }
        self.at.entry(name.clone()).or_default().push(pos);
        self.stack.push(name);
    }

    fn end(&mut self, name: &str) {
        let name = name.to_ascii_lowercase();
        let boundary = is_boundary(&name);
        self.close(&name, boundary);
    }

    /// Closes the innermost open `name` and everything inside it, unless a scope boundary
    /// opened after it is still open (then the parser would ignore the end tag too).
    fn close(&mut self, name: &str, crosses_boundaries: bool) {
        let Some(&pos) = self.at.get(name).and_then(|v| v.last()) else {
            return;
        };
        if !crosses_boundaries && self.boundaries.last().is_some_and(|&b| b > pos) {
            return;
        }
        while self.stack.len() > pos {
            let Some(top) = self.stack.pop() else { break };
            let here = self.stack.len();
            if self.boundaries.last() == Some(&here) {
                self.boundaries.pop();
            }
            if top == "svg" || top == "math" {
                self.foreign = self.foreign.saturating_sub(1);
            }
            if let Some(v) = self.at.get_mut(&top) {
                v.pop();
            }
        }
    }
}

/// Open elements a start tag closes first: `<p>` inside `<p>`, `<li>` inside `<li>`...
fn implied_close(name: &str) -> Option<&'static [&'static str]> {
    const P: &[&str] = &["p"];
    Some(match name {
        "li" => &["li", "p"],
        "dt" | "dd" => &["dt", "dd", "p"],
        "tr" => &["td", "th", "tr"],
        "td" | "th" => &["td", "th"],
        "option" => &["option"],
        "optgroup" => &["option", "optgroup"],
        "thead" | "tbody" | "tfoot" => &["td", "th", "tr", "thead", "tbody", "tfoot"],
        "address" | "article" | "aside" | "blockquote" | "center" | "details" | "dialog"
        | "dir" | "div" | "dl" | "fieldset" | "figcaption" | "figure" | "footer" | "form"
        | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "header" | "hgroup" | "hr" | "listing"
        | "main" | "menu" | "nav" | "ol" | "p" | "pre" | "search" | "section" | "summary"
        | "table" | "ul" | "xmp" => P,
        _ => return None,
    })
}

/// Elements that end-tag matching does not cross (the parser's "scope").
fn is_boundary(name: &str) -> bool {
    matches!(
        name,
        "applet"
            | "button"
            | "caption"
            | "html"
            | "marquee"
            | "object"
            | "table"
            | "td"
            | "template"
            | "th"
            | "ol"
            | "ul"
            | "svg"
            | "math"
            | "select"
    )
}

fn is_void(name: &str) -> bool {
    [
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
        "keygen", "link", "meta", "param", "source", "track", "wbr",
    ]
    .iter()
    .any(|v| v.eq_ignore_ascii_case(name))
}

/// Elements whose content the tokenizer does not read as markup.
fn is_raw_text(name: &str) -> bool {
    [
        "script",
        "style",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "plaintext",
    ]
    .iter()
    .any(|v| v.eq_ignore_ascii_case(name))
}

/// Elements whose text is not article text.
fn is_hidden(name: &str) -> bool {
    [
        "script", "style", "noscript", "template", "head", "nav", "footer", "aside", "button",
        "select", "svg", "math", "iframe", "textarea", "noembed", "noframes",
    ]
    .iter()
    .any(|v| v.eq_ignore_ascii_case(name))
}

/// Elements that start a new paragraph of text.
fn is_block(name: &str) -> bool {
    [
        "p",
        "div",
        "article",
        "section",
        "main",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "figure",
        "figcaption",
        "hr",
        "address",
        "details",
        "summary",
        "body",
    ]
    .iter()
    .any(|v| v.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[rustfmt::skip]
    fn the_scan_estimates_nesting_as_the_parser_builds_it() {
        // (markup, depth, elements)
        let cases: &[(&str, usize, usize)] = &[
            ("<html><body><p>One</p><p>Two</p></body></html>", 3, 4),
            // Unclosed paragraphs and list items close each other.
            ("<p>one<p>two<p>three", 1, 3),
            ("<ul><li>a<li>b<li>c</ul>", 2, 4),
            ("<table><tr><td>a<td>b<tr><td>c</table>", 3, 6),
            // Void elements and self-closing SVG children do not nest.
            ("<div><img src=x><br><input></div>", 1, 4),
            ("<svg><path d='M0'/><path/></svg>", 1, 3),
            // `/>` on an HTML element opens it, as in the parser.
            ("<div/><div/><div/>", 3, 3),
            // Unclosed formatting elements nest.
            ("<b><i><b><i>", 4, 4),
            // An end tag cannot close an element outside the table it is in.
            ("<div><table></div><div><table></div>", 4, 4),
            // Stray end tags close nothing.
            ("<div></span></span><div>", 2, 2),
            // Comments, scripts and attribute values hide markup.
            ("<!-- <div><div> --><script>if (a<b) { x = '<div>' }</script><p title='<div>'>", 1, 2),
            ("", 0, 0),
            ("just text < not a tag <", 0, 0),
        ];
        for (html, depth, elements) in cases {
            assert_eq!(Shape::of(html), Shape { depth: *depth, elements: *elements }, "{html}");
        }
    }

    #[test]
    fn deep_or_crowded_pages_are_refused_with_a_reason() {
        let deep = "<b><i>".repeat(200);
        assert!(
            Shape::of(&deep)
                .refusal(deep.len())
                .unwrap()
                .contains("nested deeper")
        );
        let crowded = "<p>".repeat(100_000);
        assert!(
            Shape::of(&crowded)
                .refusal(crowded.len())
                .unwrap()
                .contains("elements")
        );
        let page = "<html><body><article><p>Talks resumed.</p></article></body></html>";
        assert_eq!(Shape::of(page).refusal(page.len()), None);
    }

    #[test]
    fn plain_text_keeps_the_words_and_drops_the_chrome() {
        let (title, text) = plain_text(
            "<html><head><title>Talks &amp; more</title><style>p{}</style></head>\
             <body><nav><a href=/>Home</a></nav><p>Iran &amp; Oman met.</p><p>They\
             <br>agreed</p><script>var x='<p>no</p>';</script><footer>(c)</footer>",
        );
        assert_eq!(title, "Talks & more");
        let words: Vec<&str> = text.split_whitespace().collect();
        assert_eq!(words, ["Iran", "&", "Oman", "met.", "They", "agreed"]);
        assert!(
            text.contains("met.\n\n") && text.contains("They\nagreed"),
            "{text:?}"
        );
    }

    #[test]
    fn scanning_is_linear_on_hostile_markup() {
        // 100k unclosed <b><i> and 50k nested <div>: both scanned in well under a second.
        for html in [
            "<b><i>".repeat(100_000),
            "<div>".repeat(50_000) + &"</div>".repeat(50_000),
        ] {
            let started = std::time::Instant::now();
            let shape = Shape::of(&html);
            let _ = plain_text(&html);
            assert!(shape.depth >= 50_000);
            assert!(
                started.elapsed().as_secs_f64() < 2.0,
                "{:?}",
                started.elapsed()
            );
        }
    }
}
