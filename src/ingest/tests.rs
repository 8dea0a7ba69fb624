//! Reading real files and folders: order, formats, ids, and one error per bad input.

use std::fs;
use std::path::{Path, PathBuf};

use super::*;

/// Writes `files` (relative path, bytes) under a fresh temporary folder.
fn tree(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (rel, bytes) in files {
        let path = dir.path().join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("mkdir");
        }
        fs::write(&path, bytes).expect("write");
    }
    dir
}

/// Each item as `ok <id> <origin relative to root>` or `err <message relative to root>`.
fn outcomes(root: &Path, paths: &[PathBuf]) -> Vec<String> {
    let prefix = format!("{}/", root.display());
    read(paths)
        .map(|r| match r {
            Ok(a) => format!("ok {} {}", a.id, a.origin.unwrap_or_default()),
            Err(e) => format!("err {e}"),
        })
        .map(|s| s.replace(&prefix, ""))
        .collect()
}

#[test]
fn folders_are_walked_recursively_in_sorted_order() {
    let dir = tree(&[
        ("b.txt", b"B headline\nBody b."),
        (
            "a.jsonl",
            b"{\"text\":\"one\"}\n\n{\"id\":\"given\",\"text\":\"two\"}\n",
        ),
        ("sub/c.txt", b"C headline\nBody c."),
        ("sub/deeper/a.txt", b"A again\nBody."),
        ("notes.md", b"# not an article"),
        ("data.json", b"{\"text\":\"not walked\"}"),
        (".hidden.txt", b"Hidden\nBody."),
        (".git/x.txt", b"Hidden\nBody."),
    ]);
    let got = outcomes(dir.path(), &[dir.path().to_path_buf()]);
    assert_eq!(
        got,
        [
            "ok a:1 a.jsonl:1",
            "ok given a.jsonl:3",
            "ok b b.txt:1",
            "ok c sub/c.txt:1",
            // A second file with stem "a" gets a distinct id.
            "ok a~2 sub/deeper/a.txt:1",
        ]
    );
}

#[test]
fn every_bad_input_is_one_error_and_the_rest_comes_through() {
    let mut huge = b"{\"text\":\"".to_vec();
    huge.resize(huge.len() + jsonl::MAX_LINE + 1, b'x');
    huge.extend_from_slice(b"\"}\n{\"text\":\"after huge\"}\n");
    let dir = tree(&[
        ("a_good.txt", b"Headline\nBody."),
        ("b_binary.txt", b"Headline\nBo\x00dy"),
        ("c_empty.txt", b""),
        ("d_utf8.txt", b"Headline\nBody\n\xc3\x28 bad"),
        (
            "e_lines.jsonl",
            b"{\"text\":\"fine\"}\n{\"text\":\n{\"title\":\"t\"}\n{\"text\":\"fine too\"}\n",
        ),
        ("f_empty.jsonl", b"\n  \n"),
        ("g_huge.jsonl", &huge),
        ("h_binary.jsonl", b"\x00\x01\x02{"),
    ]);
    let mut paths = vec![dir.path().to_path_buf(), dir.path().join("missing.txt")];
    paths.push(dir.path().join("a_good.txt"));
    let got = outcomes(dir.path(), &paths);
    assert_eq!(
        got[..11],
        [
            "ok a_good a_good.txt:1",
            "err b_binary.txt: binary file (NUL byte at offset 11)",
            "err c_empty.txt: empty file",
            "err d_utf8.txt:3: invalid UTF-8 at byte 14",
            "ok e_lines:1 e_lines.jsonl:1",
            "err e_lines.jsonl:2: malformed JSON: EOF while parsing a value at line 1 column 8",
            "err e_lines.jsonl:3: missing required field \"text\"",
            "ok e_lines:4 e_lines.jsonl:4",
            "err f_empty.jsonl: empty file",
            "err g_huge.jsonl:1: line too long (8388620 bytes; at most 8 MiB per line)",
            "ok g_huge:2 g_huge.jsonl:2",
        ]
    );
    assert_eq!(
        got[11],
        "err h_binary.jsonl: binary file (NUL byte at offset 0)"
    );
    assert_eq!(got[12], "err missing.txt does not exist");
    // The same file named twice is read twice, under a distinct id.
    assert_eq!(got[13], "ok a_good~2 a_good.txt:1");
    assert_eq!(got.len(), 14);
}

#[test]
fn explicit_files_of_other_types_are_sniffed() {
    let dir = tree(&[
        ("feed.json", b"  {\"text\":\"x\"}\n{\"text\":\"y\"}"),
        ("story", b"Headline\nBody."),
    ]);
    let got = outcomes(
        dir.path(),
        &[dir.path().join("feed.json"), dir.path().join("story")],
    );
    assert_eq!(
        got,
        [
            "ok feed:1 feed.json:1",
            "ok feed:2 feed.json:2",
            "ok story story:1"
        ]
    );
}

#[test]
fn read_bytes_picks_the_format_from_the_name_or_content() {
    let ids = |name: &str, bytes: &[u8]| -> Vec<String> {
        read_bytes(name, bytes)
            .into_iter()
            .map(|r| r.map(|a| a.id).unwrap_or_else(|e| e.to_string()))
            .collect()
    };
    assert_eq!(
        ids("x.jsonl", b"{\"text\":\"a\"}\n{\"text\":\"b\"}"),
        ["x:1", "x:2"]
    );
    assert_eq!(ids("x.txt", b"{\"text\":\"a\"}"), ["x"]);
    assert_eq!(ids("-", b"{\"text\":\"a\"}"), ["-:1"]);
    assert_eq!(ids("notes", b"Headline\nBody"), ["notes"]);
    assert_eq!(
        ids("x.jsonl", b"\x00{}"),
        ["x.jsonl: binary file (NUL byte at offset 0)"]
    );
    assert_eq!(ids("x.jsonl", b""), ["x.jsonl: empty file"]);
}

const PAGE: &[u8] = b"<html><head><title>Talks</title></head><body><article><p>Envoys from \
    Iran and the United States met in Muscat on Saturday for talks mediated by Oman, officials \
    said after the meeting.</p></article></body></html>";

const FEED: &[u8] = b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Desk</title>\
    <item><guid>first</guid><description>Oman mediated.</description></item>\
    <item><description>France objected.</description></item>\
    <item><title>empty</title></item></channel></rss>";

#[test]
fn pages_and_feeds_are_read_from_folders_and_sniffed() {
    let dir = tree(&[
        ("a/page.html", PAGE),
        ("a/world.rss", FEED),
        ("b/saved-page", PAGE),
        ("b/saved-feed", FEED),
        ("c/broken.htm", b"\x00\x01binary"),
    ]);
    let got = outcomes(
        dir.path(),
        &[
            dir.path().join("a"),
            dir.path().join("b/saved-page"),
            dir.path().join("b/saved-feed"),
            dir.path().join("c"),
        ],
    );
    assert_eq!(
        got,
        [
            "ok page a/page.html",
            "ok first a/world.rss: item 1",
            "ok world:2 a/world.rss: item 2",
            "err a/world.rss: item 3: item has no text (no content or summary)",
            "ok saved-page b/saved-page",
            "ok first b/saved-feed: item 1",
            "ok saved-feed:2 b/saved-feed: item 2",
            "err b/saved-feed: item 3: item has no text (no content or summary)",
            "err c/broken.htm: binary file (NUL byte at offset 0)",
        ]
    );
    let stdin_like: Vec<String> = read_stream("<stdin>", std::io::Cursor::new(FEED))
        .map(|r| r.map(|a| a.id).unwrap_or_else(|e| e.to_string()))
        .collect();
    assert_eq!(stdin_like[..2], ["first", "stdin:2"]);
    let page: Vec<String> = read_stream("<stdin>", std::io::Cursor::new(PAGE))
        .map(|r| r.map(|a| a.title).unwrap_or_else(|e| e.to_string()))
        .collect();
    assert_eq!(page, ["Talks"]);
}

#[test]
fn walking_survives_symlink_cycles() {
    let dir = tree(&[("a/x.txt", b"Headline\nBody.")]);
    #[cfg(unix)]
    std::os::unix::fs::symlink(dir.path(), dir.path().join("a/loop")).expect("symlink");
    let got = outcomes(dir.path(), &[dir.path().to_path_buf()]);
    assert_eq!(got, ["ok x a/x.txt:1"]);
}

#[test]
fn bundled_samples_read_cleanly_with_dates_bylines_and_datelines() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    let articles: Vec<Article> = read(&[dir])
        .map(|r| r.unwrap_or_else(|e| panic!("{e}")))
        .collect();
    assert!(articles.len() >= 16, "{} articles", articles.len());
    for a in &articles {
        let what = &a.id;
        assert!(!a.title.is_empty(), "{what}: title");
        assert!(
            a.date
                .as_deref()
                .is_some_and(|d| d.len() == 10 && d.starts_with("2025-")),
            "{what}: date {:?}",
            a.date
        );
        assert!(a.author.is_some(), "{what}: author");
        let d = a.dateline.unwrap_or_else(|| panic!("{what}: no dateline"));
        let place = d.place.slice(&a.text);
        assert!(
            place.chars().all(|c| c.is_uppercase() || c == ' '),
            "{what}: place {place:?}"
        );
        // The byline never stays in the text.
        assert!(!a.text.contains("By "), "{what}: byline left in the text");
        let paragraphs = a.text.split("\n").filter(|l| !l.trim().is_empty()).count();
        assert!(
            (5..=12).contains(&paragraphs),
            "{what}: {paragraphs} paragraphs"
        );
    }
}

#[test]
fn random_inputs_never_panic_and_spans_fit_the_text() {
    const PIECES: &[&[u8]] = &[
        b"By ",
        b"Jane",
        b"Doe",
        b"Date:",
        b" 2025-03-30",
        b"Title:",
        b"\n",
        b"\r\n",
        b"\n\n",
        b" ",
        b"\xe2\x80\x94",
        b"-",
        b"--",
        b"(",
        b")",
        b"AP",
        b"ERBIL",
        b",",
        b"March 3",
        b"{",
        b"}",
        b"\"text\"",
        b":",
        b"\"",
        b"\xff",
        b"\0",
        b"\xef\xbb\xbf",
        b"(Reporting by X)",
        b"\xc3\xa9",
        b"ST. LOUIS",
        b"[",
        b"null",
        b"5",
    ];
    let mut state: u64 = 0xfeed;
    let mut next = move || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as usize
    };
    for round in 0..3000 {
        let len = next() % 30;
        let bytes: Vec<u8> = (0..len)
            .flat_map(|_| PIECES[next() % PIECES.len()].iter().copied())
            .collect();
        let name = if round % 2 == 0 { "r.txt" } else { "r.jsonl" };
        for article in read_bytes(name, &bytes).into_iter().flatten() {
            if let Some(d) = article.dateline {
                let t = &article.text;
                assert!(
                    d.span.end <= t.len() && d.place.end <= d.span.end,
                    "{bytes:?}"
                );
                assert!(t.is_char_boundary(d.span.start) && t.is_char_boundary(d.span.end));
                assert!(t.is_char_boundary(d.place.end));
            }
        }
    }
}

#[test]
fn streams_are_sniffed_as_jsonl_or_one_text_article() {
    let run = |input: &'static [u8]| -> Vec<String> {
        read_stream("<stdin>", input)
            .map(|r| match r {
                Ok(a) => format!("{} {} {}", a.id, a.origin.unwrap_or_default(), a.title),
                Err(e) => e.to_string(),
            })
            .collect()
    };
    assert_eq!(
        run(b"\n\n  {\"text\":\"a\"}\n{\"text\":\"b\",\"title\":\"B\"}\n{bad\n"),
        [
            "stdin:3 <stdin>:3 ",
            "stdin:4 <stdin>:4 B",
            "<stdin>:5: malformed JSON: key must be a string at line 1 column 2",
        ]
    );
    assert_eq!(run(b"Headline\nBody."), ["stdin <stdin>:1 Headline"]);
    assert_eq!(run(b" \n\t"), ["<stdin>: empty input"]);
    assert_eq!(
        run(b"\n {\"text\":\"\x00\"}"),
        ["<stdin>: binary file (NUL byte at offset 11)"]
    );
}

#[test]
fn the_article_stream_can_cross_threads() {
    fn assert_send<T: Send>(_: &T) {}
    assert_send(&read(&[]));
    assert_eq!(read(&[]).count(), 0);
}
