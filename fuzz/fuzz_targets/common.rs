//! Checks every reader target makes on what it read.

use newsgraph::Article;

/// Spans kept by the reader fall on character boundaries of the text they index.
pub fn check_article(a: &Article) {
    if let Some(d) = &a.dateline {
        let t = &a.text;
        for at in [d.span.start, d.span.end, d.place.start, d.place.end] {
            assert!(
                t.is_char_boundary(at),
                "dateline offset {at} inside a character"
            );
        }
        assert!(d.span.start <= d.place.start && d.place.end <= d.span.end);
    }
    if let Some(date) = &a.date {
        assert!(
            newsgraph::ingest::date::is_iso_date(date),
            "date {date:?} kept"
        );
    }
    assert!(a.text.len() <= newsgraph::ingest::MAX_ARTICLE);
}

/// Reads `data` as a file named `name` and checks every article.
pub fn read(name: &str, data: &[u8]) {
    for a in newsgraph::ingest::read_bytes(name, data).iter().flatten() {
        check_article(a);
    }
}
