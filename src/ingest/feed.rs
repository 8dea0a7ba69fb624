//! RSS 0.9x/1.0/2.0, Atom and JSON Feed files (`feed-rs`): one article per item, from the
//! item's full content when the feed carries it, else its summary. Item title, link,
//! author and date are kept; the feed's own title becomes the source. Linked pages are
//! never fetched (offline): save them and read them as HTML for full text.
//!
//! Feed dates are parsed by `feed-rs` and given as the UTC calendar date.

use feed_rs::model::{Entry, Feed};

use super::html;
use crate::error::{Error, Result};
use crate::model::Article;

/// Reads a feed file named `name`; items without an id of their own get `stem:N`
/// (N counting items from 1). A file that is not a feed is one error; an item without
/// text is an error naming the item, and the other items are still read.
pub fn parse(name: &str, stem: &str, bytes: &[u8]) -> Vec<Result<Article>> {
    if let Some(e) = super::unreadable(name, bytes) {
        return vec![Err(e)];
    }
    let parser = feed_rs::parser::Builder::new()
        // No invented ids: an item without one is numbered by its place in the file.
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = match parser.parse(bytes) {
        Ok(f) => f,
        Err(e) => return vec![Err(Error::input(name, format!("not a readable feed: {e}")))],
    };
    let source = feed
        .title
        .as_ref()
        .map(|t| html::clean_line(&t.content))
        .filter(|s| !s.is_empty());
    feed.entries
        .iter()
        .enumerate()
        .map(|(i, entry)| item(name, stem, i + 1, entry, &feed, source.as_deref()))
        .collect()
}

fn item(
    name: &str,
    stem: &str,
    no: usize,
    entry: &Entry,
    feed: &Feed,
    source: Option<&str>,
) -> Result<Article> {
    let place = format!("{name}: item {no}");
    let raw = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .filter(|b| !b.trim().is_empty())
        .or(entry.summary.as_ref().map(|s| s.content.as_str()))
        .unwrap_or("");
    let text = html::fragment_text(raw);
    if text.is_empty() {
        return Err(Error::input(
            place,
            "item has no text (no content or summary)",
        ));
    }
    let body = super::text::body_of_json_text(&text);
    let id = match entry.id.trim() {
        "" => format!("{stem}:{no}"),
        id => id.to_string(),
    };
    let url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(entry.links.first())
        .map(|l| l.href.trim().to_string())
        .filter(|s| !s.is_empty());
    let author = entry
        .authors
        .iter()
        .chain(&feed.authors)
        .filter_map(|p| p.name.as_deref())
        .map(html::clean_line)
        .find(|n| !n.is_empty());
    Ok(Article {
        id,
        title: entry
            .title
            .as_ref()
            .map(|t| html::clean_line(&html::fragment_text(&t.content)))
            .unwrap_or_default(),
        text: body.text,
        date: entry
            .published
            .or(entry.updated)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .or(body.date),
        source: source.map(str::to_string).or(body.agency),
        url,
        author: author.or(body.author),
        origin: Some(place),
        dateline: body.dateline,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Example World News</title>
  <link>https://news.example/</link>
  <description>World news</description>
  <item>
    <title>Oman hosts &lt;b&gt;new&lt;/b&gt; round of talks</title>
    <link>https://news.example/oman-talks</link>
    <guid isPermaLink="true">https://news.example/oman-talks</guid>
    <pubDate>Sat, 12 Apr 2025 09:30:00 GMT</pubDate>
    <dc:creator>Jane Doe</dc:creator>
    <description>Short teaser.</description>
    <content:encoded><![CDATA[<p>MUSCAT (Example) — Oman hosted a new round of talks.</p><p>Iran said it was ready.</p>]]></content:encoded>
  </item>
  <item>
    <title>Summary only</title>
    <description>&lt;p&gt;France criticised the decision on Monday.&lt;/p&gt;</description>
  </item>
  <item>
    <title>No text at all</title>
    <link>https://news.example/empty</link>
  </item>
</channel>
</rss>"#;

    const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom Desk</title>
  <id>urn:example:feed</id>
  <updated>2025-04-13T00:00:00Z</updated>
  <author><name>Desk Editor</name></author>
  <entry>
    <title>Ministers meet</title>
    <id>urn:example:1</id>
    <link rel="alternate" href="https://atom.example/1"/>
    <updated>2025-04-13T08:00:00Z</updated>
    <summary type="html">&lt;p&gt;Germany and Poland agreed to cooperate.&lt;/p&gt;</summary>
  </entry>
</feed>"#;

    #[test]
    fn rss_items_become_articles_with_their_metadata() {
        let got = parse("world.rss", "world", RSS.as_bytes());
        assert_eq!(got.len(), 3);
        let a = got[0].as_ref().expect("first item");
        assert_eq!(a.id, "https://news.example/oman-talks");
        assert_eq!(a.title, "Oman hosts new round of talks");
        assert_eq!(a.date.as_deref(), Some("2025-04-12"));
        assert_eq!(a.source.as_deref(), Some("Example World News"));
        assert_eq!(a.author.as_deref(), Some("Jane Doe"));
        assert_eq!(a.url.as_deref(), Some("https://news.example/oman-talks"));
        // Full content wins over the teaser, paragraphs stay apart, the dateline is seen.
        assert_eq!(
            a.text,
            "MUSCAT (Example) — Oman hosted a new round of talks.\n\nIran said it was ready."
        );
        assert!(a.dateline.is_some());
        let b = got[1].as_ref().expect("summary-only item");
        assert_eq!(b.id, "world:2");
        assert_eq!(b.text, "France criticised the decision on Monday.");
        let e = got[2].as_ref().expect_err("no text").to_string();
        assert!(
            e.contains("world.rss: item 3") && e.contains("no text"),
            "{e}"
        );
    }

    #[test]
    fn atom_entries_are_read_too() {
        let got = parse("desk.atom", "desk", ATOM.as_bytes());
        let a = got[0].as_ref().expect("entry");
        assert_eq!(a.id, "urn:example:1");
        assert_eq!(a.author.as_deref(), Some("Desk Editor"));
        assert_eq!(a.source.as_deref(), Some("Atom Desk"));
        assert_eq!(a.date.as_deref(), Some("2025-04-13"));
        assert_eq!(a.text, "Germany and Poland agreed to cooperate.");
    }

    #[test]
    fn a_file_that_is_not_a_feed_is_one_error() {
        for bytes in [
            &b"<rss><channel><item>"[..],
            b"\x00\x00binary",
            b"just words",
        ] {
            let got = parse("bad.xml", "bad", bytes);
            assert_eq!(got.len(), 1);
            let e = got[0].as_ref().expect_err("refused").to_string();
            assert!(e.contains("bad.xml"), "{e}");
        }
    }
}
