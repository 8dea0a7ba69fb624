//! The commands as a new user runs them: build, extract, export, bad input, exit codes.

use std::fs;

use serde_json::Value;

use crate::util::{have_tool, newsgraph, read, root, stderr};

fn build_into(dir: &std::path::Path, extra: &[&str]) -> std::process::Output {
    newsgraph()
        .arg("build")
        .args(extra)
        .arg("--out")
        .arg(dir)
        .output()
        .expect("runs")
}

fn graph_json(dir: &std::path::Path) -> Value {
    serde_json::from_str(&read(&dir.join("graph.json"))).expect("valid JSON")
}

fn node_names(g: &Value, etype: &str) -> Vec<String> {
    g["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["type"] == etype)
        .map(|n| n["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn build_on_the_samples_writes_dot_and_json() {
    let out = tempfile::tempdir().unwrap();
    let run = build_into(out.path(), &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let g = graph_json(out.path());
    assert!(g["meta"]["input"]["articles"].as_u64().unwrap() >= 12);
    assert!(g["nodes"].as_array().unwrap().len() > 20);
    for t in ["PERSON", "COUNTRY", "ORGANIZATION", "PLACE"] {
        assert!(!node_names(&g, t).is_empty(), "no {t} node");
    }
    let dot = read(&out.path().join("graph.dot"));
    assert!(
        dot.starts_with("digraph {"),
        "{}",
        &dot[..40.min(dot.len())]
    );
}

#[test]
fn the_committed_output_is_what_build_writes_now() {
    let out = tempfile::tempdir().unwrap();
    let run = build_into(out.path(), &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    for f in ["graph.json", "graph.dot", "graph.html"] {
        assert!(
            read(&out.path().join(f)) == read(&root().join("output").join(f)),
            "output/{f} is stale: run `cargo run --release -- build` and commit output/"
        );
    }
}

#[test]
fn the_committed_picture_is_the_committed_dot_rendered() {
    if !have_tool("dot", "the_committed_picture_is_the_committed_dot_rendered") {
        return;
    }
    let run = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(root().join("output/graph.dot"))
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        String::from_utf8_lossy(&run.stdout) == read(&root().join("output/graph.svg")),
        "output/graph.svg is stale: run `dot -Tsvg output/graph.dot -o output/graph.svg`"
    );
}

#[test]
fn two_runs_and_any_thread_count_give_identical_bytes() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let c = tempfile::tempdir().unwrap();
    assert!(build_into(a.path(), &[]).status.success());
    assert!(build_into(b.path(), &[]).status.success());
    assert!(build_into(c.path(), &["--threads", "1"]).status.success());
    for f in ["graph.json", "graph.dot", "graph.html"] {
        let first = fs::read(a.path().join(f)).unwrap();
        assert_eq!(
            first,
            fs::read(b.path().join(f)).unwrap(),
            "{f} differs between runs"
        );
        assert_eq!(
            first,
            fs::read(c.path().join(f)).unwrap(),
            "{f} differs with --threads 1"
        );
    }
}

const GOOD: &str = "Oman hosts talks between Iran and the United States\n\
By Jane Roe\n\
MUSCAT (Newswire) — Oman said on Monday that Iran and the United States had agreed to a \
second round of indirect talks. Iranian Foreign Minister Abbas Araghchi welcomed the \
decision. Araghchi said the talks would focus on sanctions relief.\n";

#[test]
fn bad_inputs_are_named_and_the_rest_is_built() {
    let input = tempfile::tempdir().unwrap();
    let dir = input.path();
    fs::write(dir.join("good.txt"), GOOD).unwrap();
    fs::write(dir.join("empty.txt"), "").unwrap();
    fs::write(
        dir.join("binary.txt"),
        b"\x7fELF\x02\x01\x00\x00\x00\x00binary",
    )
    .unwrap();
    fs::write(
        dir.join("latin1.txt"),
        b"Caf\xe9 talks\nBy X\nParis \xe9t\xe9\n",
    )
    .unwrap();
    fs::write(
        dir.join("feed.jsonl"),
        "{\"id\": \"j1\", \"text\": \"Israel and Hamas agreed to a ceasefire in Gaza.\"}\n\
         {\"id\": \"j2\", \"text\": \"broken\n\
         {\"id\": \"j3\", \"title\": \"no text here\"}\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = newsgraph()
        .arg("build")
        .arg(dir)
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    for name in [
        "empty.txt",
        "binary.txt",
        "latin1.txt",
        "feed.jsonl:2",
        "feed.jsonl:3",
    ] {
        assert!(err.contains(name), "stderr does not name {name}:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
    let g = graph_json(out.path());
    assert_eq!(g["meta"]["input"]["articles"], 2, "{err}");
    assert_eq!(g["meta"]["input"]["skipped"], 5, "{err}");
    let countries = node_names(&g, "COUNTRY");
    for c in ["Oman", "Iran", "United States", "Israel"] {
        assert!(
            countries.iter().any(|n| n == c),
            "{c} missing from {countries:?}"
        );
    }
}

#[test]
fn saved_pages_and_feeds_are_built_with_their_metadata() {
    let input = tempfile::tempdir().unwrap();
    let dir = input.path();
    fs::write(
        dir.join("page.html"),
        "<html><head><title>Talks in Muscat</title>\
         <meta property=\"og:site_name\" content=\"Example News\">\
         <meta property=\"article:published_time\" content=\"2025-04-12T09:30:00Z\">\
         </head><body><nav><a href=\"/\">Home</a></nav><article><p>Envoys from Iran and \
         the United States met in Muscat on Saturday for talks mediated by Oman, officials \
         from both sides said after the meeting.</p></article></body></html>",
    )
    .unwrap();
    fs::write(
        dir.join("world.rss"),
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Example Wire</title>\
         <item><guid>wire-1</guid><title>Ceasefire</title>\
         <pubDate>Sun, 13 Apr 2025 08:00:00 GMT</pubDate>\
         <description>&lt;p&gt;Israel and Hamas agreed to a ceasefire in Gaza.&lt;/p&gt;\
         </description></item><item><title>No text</title></item></channel></rss>",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = build_into(out.path(), &[dir.to_str().unwrap()]);
    let err = stderr(&run);
    // The item without text is named and skipped; the page and the other item are built.
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(err.contains("world.rss: item 2"), "{err}");
    let g = graph_json(out.path());
    assert_eq!(g["meta"]["input"]["articles"], 2, "{err}");
    let articles = g["articles"].as_array().unwrap();
    let page = articles.iter().find(|a| a["id"] == "page").expect("page");
    assert_eq!(page["title"], "Talks in Muscat");
    assert_eq!(page["date"], "2025-04-12");
    assert_eq!(page["source"], "Example News");
    let item = articles.iter().find(|a| a["id"] == "wire-1").expect("item");
    assert_eq!(item["date"], "2025-04-13");
    assert_eq!(item["source"], "Example Wire");
    let countries = node_names(&g, "COUNTRY");
    for c in ["Iran", "United States", "Oman", "Israel"] {
        assert!(
            countries.iter().any(|n| n == c),
            "{c} missing from {countries:?}"
        );
    }
    assert!(!node_names(&g, "PLACE").iter().any(|n| n == "Home"));
}

#[test]
fn the_byline_author_is_metadata_not_an_actor() {
    let input = tempfile::tempdir().unwrap();
    fs::write(input.path().join("a.txt"), GOOD).unwrap();
    let run = newsgraph()
        .arg("extract")
        .arg(input.path().join("a.txt"))
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let line: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(line["author"], "Jane Roe");
    let mentions = line["mentions"].as_array().unwrap();
    assert!(
        mentions
            .iter()
            .all(|m| !m["text"].as_str().unwrap().contains("Roe"))
    );
}

#[test]
fn extract_gives_offsets_into_the_article_text_and_resolves_surnames() {
    let input = tempfile::tempdir().unwrap();
    let body = "Iranian Foreign Minister Abbas Araghchi met U.S. envoy Steve Witkoff in Muscat. \
        Araghchi said America must lift sanctions, and American officials said the United States \
        would respond.";
    let line = serde_json::json!({"id": "x1", "text": body}).to_string();
    fs::write(input.path().join("a.jsonl"), line + "\n").unwrap();
    let run = newsgraph()
        .arg("extract")
        .arg(input.path().join("a.jsonl"))
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let out: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(out["id"], "x1");
    let mentions = out["mentions"].as_array().unwrap();
    for m in mentions {
        let (s, e) = (
            m["start"].as_u64().unwrap() as usize,
            m["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&body[s..e], m["text"].as_str().unwrap());
    }
    let entity_of = |surface: &str| -> Vec<String> {
        mentions
            .iter()
            .filter(|m| m["text"] == surface)
            .map(|m| m["entity"].as_str().unwrap().to_string())
            .collect()
    };
    let us = entity_of("U.S.");
    assert_eq!(us.len(), 1);
    for alias in ["America", "American", "United States"] {
        assert_eq!(entity_of(alias), us, "{alias}");
    }
    let araghchi = entity_of("Abbas Araghchi");
    assert_eq!(araghchi.len(), 1);
    assert_eq!(entity_of("Araghchi"), araghchi);
    let iranian = mentions.iter().find(|m| m["text"] == "Iranian").unwrap();
    assert_eq!(iranian["demonym"], true);
    assert_eq!(iranian["type"], "COUNTRY");
}

#[test]
fn export_reads_back_the_json_and_writes_the_same_dot() {
    let out = tempfile::tempdir().unwrap();
    assert!(build_into(out.path(), &[]).status.success());
    let run = newsgraph()
        .arg("export")
        .arg(out.path().join("graph.json"))
        .args(["--format", "dot"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(
        String::from_utf8(run.stdout).unwrap(),
        read(&out.path().join("graph.dot"))
    );
}

#[test]
fn stdin_is_read_as_jsonl() {
    let run = newsgraph()
        .args(["extract", "-"])
        .write_stdin("{\"id\": \"s1\", \"text\": \"NATO leaders met in Brussels.\"}\n")
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let out: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(out["id"], "s1");
}

#[test]
fn usage_errors_exit_2_with_one_line() {
    for args in [
        &["build", "--format", "pdf"][..],
        &["export", "does-not-exist.json", "--format", "dot"][..],
        &["frobnicate"][..],
    ] {
        let run = newsgraph().args(args).output().unwrap();
        assert_eq!(run.status.code(), Some(2), "{args:?}: {}", stderr(&run));
        assert!(!stderr(&run).contains("panicked"));
    }
}

#[test]
fn graphviz_renders_the_dot_without_warnings() {
    if !have_tool("dot", "graphviz_renders_the_dot_without_warnings") {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    assert!(build_into(out.path(), &[]).status.success());
    let run = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(out.path().join("graph.dot"))
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    assert_eq!(stderr(&run), "", "Graphviz warned");
    assert!(String::from_utf8_lossy(&run.stdout).contains("<svg"));
}

/// Two invented articles: Ruritania and Freedonia share a sentence in one; Sylvania only
/// shares the second article with them.
const RURITANIA: &str = "{\"id\": \"r1\", \"date\": \"2031-03-01\", \"text\": \"Ruritania condemned Freedonia over the border dispute.\"}\n\
{\"id\": \"r2\", \"date\": \"2031-04-02\", \"text\": \"Ruritania held elections on Sunday. Observers from Freedonia were present. Sylvania sent no one.\"}\n";

fn build_stdin(dir: &std::path::Path, extra: &[&str]) -> std::process::Output {
    newsgraph()
        .args(["build", "-", "--format", "json", "--out"])
        .arg(dir)
        .args(extra)
        .write_stdin(RURITANIA)
        .output()
        .unwrap()
}

fn comentions(g: &Value) -> Vec<(String, u64, u64)> {
    g["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "comention")
        .map(|e| {
            (
                format!(
                    "{} -- {}",
                    e["source"].as_str().unwrap(),
                    e["target"].as_str().unwrap()
                ),
                e["sentences"].as_u64().unwrap(),
                e["articles"].as_u64().unwrap(),
            )
        })
        .collect()
}

#[test]
fn co_mentions_need_a_shared_sentence_unless_asked_for_article_level_ones() {
    let out = tempfile::tempdir().unwrap();
    let run = build_stdin(out.path(), &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let g = graph_json(out.path());
    assert_eq!(g["meta"]["comention"], "sentence");
    let pairs = comentions(&g);
    assert!(
        pairs.iter().all(|(_, sentences, _)| *sentences > 0),
        "{pairs:?}"
    );
    // The pair named in one sentence still counts both articles that name it.
    assert!(
        pairs.contains(&("place/freedonia -- place/ruritania".to_string(), 1, 2)),
        "{pairs:?}"
    );

    let run = build_stdin(out.path(), &["--comention", "article"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let g = graph_json(out.path());
    assert_eq!(g["meta"]["comention"], "article");
    assert!(comentions(&g).len() > pairs.len(), "{:?}", comentions(&g));
}

#[test]
fn without_a_terminal_build_prints_no_progress_and_quiet_drops_the_file_list() {
    let out = tempfile::tempdir().unwrap();
    let run = build_stdin(out.path(), &[]);
    let err = stderr(&run);
    assert!(!err.contains("articles/s"), "{err}");
    assert!(err.contains("newsgraph: wrote"), "{err}");
    assert!(err.contains("newsgraph: read 2 articles"), "{err}");
    let first = read(&out.path().join("graph.json"));

    let run = build_stdin(out.path(), &["--quiet"]);
    let err = stderr(&run);
    assert!(!err.contains("wrote"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_eq!(read(&out.path().join("graph.json")), first);
}

#[test]
fn actor_prints_a_dossier_and_lists_the_candidates_of_an_ambiguous_name() {
    let out = tempfile::tempdir().unwrap();
    let run = build_stdin(out.path(), &[]);
    assert!(run.status.success(), "{}", stderr(&run));
    let graph = out.path().join("graph.json");

    let run = newsgraph()
        .arg("actor")
        .arg("freedonia")
        .arg(&graph)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let text = String::from_utf8(run.stdout).unwrap();
    assert!(text.starts_with("Freedonia (PLACE)"), "{text}");

    let run = newsgraph()
        .args(["actor", "Ruritania", "--format", "json"])
        .arg(&graph)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let d: Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(d["id"], "place/ruritania");

    let run = newsgraph()
        .args(["actor", "Atlantis"])
        .arg(&graph)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("no actor"), "{}", stderr(&run));
}
