//! What a user sees when things go wrong: a mistyped path, a dying process, two runs at
//! once, hostile pages, run-on text, odd dates, damaged graphs, closed pipes. Old output
//! is never lost, nothing hangs or panics, and each problem is one clear line.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{newsgraph, read, root, stderr};

const ARTICLE: &str = "Talks in Muscat\n\
By Jane Roe\n\
MUSCAT (Newswire) — Oman said on Monday that Iran and the United States had agreed to \
a second round of indirect talks. Iranian Foreign Minister Abbas Araghchi welcomed the \
decision, and France praised Oman for its mediation.\n";

/// Builds `inputs` into `out`.
fn build(out: &Path, inputs: &[&Path]) -> std::process::Output {
    newsgraph()
        .arg("build")
        .args(inputs)
        .arg("--out")
        .arg(out)
        .output()
        .expect("runs")
}

/// The bytes of every file in `dir`, by name (hidden files left out).
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(n, _)| !n.starts_with('.'))
        .map(|(n, p)| (n, fs::read(p).unwrap()))
        .collect();
    files.sort();
    files
}

/// A folder with one good article, and an output folder built from it.
fn built() -> (tempfile::TempDir, tempfile::TempDir) {
    let input = tempfile::tempdir().unwrap();
    fs::write(input.path().join("talks.txt"), ARTICLE).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = build(out.path(), &[input.path()]);
    assert!(run.status.success(), "{}", stderr(&run));
    (input, out)
}

#[test]
fn a_mistyped_input_exits_2_in_one_line_and_leaves_the_old_graph() {
    let (input, out) = built();
    let before = snapshot(out.path());
    let typo = input.path().join("talsk.txt");
    let run = build(out.path(), &[&typo]);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        stderr(&run),
        format!(
            "newsgraph: error: no input read: {} does not exist\n",
            typo.display()
        )
    );
    assert_eq!(snapshot(out.path()), before);
}

#[test]
fn build_outside_a_checkout_says_where_the_samples_are_and_writes_nothing() {
    let elsewhere = tempfile::tempdir().unwrap();
    let run = newsgraph()
        .arg("build")
        .current_dir(elsewhere.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let err = stderr(&run);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("data/samples") && err.contains("checkout"),
        "{err}"
    );
    assert_eq!(fs::read_dir(elsewhere.path()).unwrap().count(), 0);
}

#[test]
fn a_file_that_cannot_be_replaced_stops_the_whole_set() {
    let (input, out) = built();
    fs::remove_file(out.path().join("graph.html")).unwrap();
    fs::create_dir(out.path().join("graph.html")).unwrap();
    let before = snapshot(out.path());
    let run = build(out.path(), &[input.path()]);
    assert_eq!(run.status.code(), Some(2));
    let err = stderr(&run);
    assert!(
        err.contains("graph.html") && err.contains("is a folder"),
        "{err}"
    );
    assert_eq!(
        snapshot(out.path()),
        before,
        "graph.dot or graph.json moved"
    );
}

#[cfg(unix)]
#[test]
fn a_run_killed_while_writing_leaves_the_old_files_whole() {
    // A file size limit kills the process (SIGXFSZ) in the middle of writing graph.json.
    let (input, out) = built();
    let before = snapshot(out.path());
    let bin = assert_cmd::cargo::cargo_bin("newsgraph");
    let run = Command::new("sh")
        .arg("-c")
        .arg("ulimit -f 4; exec \"$0\" build data/samples --out \"$1\"")
        .arg(&bin)
        .arg(out.path())
        .current_dir(root())
        .output()
        .unwrap();
    assert!(!run.status.success(), "the size limit did not stop the run");
    assert_eq!(snapshot(out.path()), before);
    drop(input);
}

#[test]
fn two_builds_into_one_folder_never_mix_their_files() {
    let (a_in, _) = built();
    let b_in = tempfile::tempdir().unwrap();
    fs::write(
        b_in.path().join("other.txt"),
        ARTICLE.replace("Oman", "Qatar").replace("France", "Egypt"),
    )
    .unwrap();
    let reference = |input: &Path| {
        let out = tempfile::tempdir().unwrap();
        assert!(build(out.path(), &[input]).status.success());
        snapshot(out.path())
    };
    let (want_a, want_b) = (reference(a_in.path()), reference(b_in.path()));
    let bin = assert_cmd::cargo::cargo_bin("newsgraph");
    for _ in 0..4 {
        let out = tempfile::tempdir().unwrap();
        let runs: Vec<_> = [a_in.path(), b_in.path()]
            .iter()
            .map(|input| {
                Command::new(&bin)
                    .arg("build")
                    .arg(input)
                    .arg("--out")
                    .arg(out.path())
                    .stderr(Stdio::null())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for mut r in runs {
            assert!(r.wait().unwrap().success());
        }
        let got = snapshot(out.path());
        assert!(got == want_a || got == want_b, "the two runs' files mixed");
    }
}

#[test]
fn hostile_pages_are_read_as_plain_text_in_bounded_time() {
    let dir = tempfile::tempdir().unwrap();
    let words = "<p>Iran and Oman held talks in Muscat on Sunday.</p>";
    let unclosed = format!("<html><body>{}{words}", "<b><i>".repeat(100_000));
    let nested = format!(
        "<html><body>{}{words}{}",
        "<div>".repeat(20_000),
        "</div>".repeat(20_000)
    );
    fs::write(dir.path().join("unclosed.html"), unclosed).unwrap();
    fs::write(dir.path().join("nested.html"), nested).unwrap();
    fs::write(dir.path().join("talks.txt"), ARTICLE).unwrap();
    let out = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let run = build(out.path(), &[dir.path()]);
    let err = stderr(&run);
    assert!(run.status.success(), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
    for page in ["unclosed.html", "nested.html"] {
        assert!(
            err.lines()
                .any(|l| l.contains(page) && l.contains("read as plain text")),
            "{err}"
        );
    }
    let g = read(&out.path().join("graph.json"));
    assert!(g.contains("\"articles\": 3"), "{g}");
}

#[test]
fn a_long_run_on_article_is_built_in_bounded_time() {
    // 1 MB without a full stop: one "sentence" made the stance rules quadratic.
    let dir = tempfile::tempdir().unwrap();
    let phrase = "Iran and Oman and France and Egypt held talks in Muscat with envoys ";
    let text = phrase.repeat((1 << 20) / phrase.len());
    let line = serde_json::json!({"id": "run-on", "text": text}).to_string();
    fs::write(dir.path().join("long.jsonl"), line + "\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let run = build(out.path(), &[&dir.path().join("long.jsonl")]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn articles_over_the_size_cap_are_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    fs::write(&big, "Headline\n".to_string() + &"word ".repeat(1 << 20)).unwrap();
    fs::write(dir.path().join("talks.txt"), ARTICLE).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = build(out.path(), &[dir.path()]);
    assert_eq!(run.status.code(), Some(1));
    let err = stderr(&run);
    assert!(
        err.contains("big.txt: file too large") && err.contains("at most 4 MiB"),
        "{err}"
    );
    assert!(err.contains("read 1 article, skipped 1;"), "{err}");
}

#[test]
fn dates_that_are_not_dates_are_left_out_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let lines: String = [
        "2025-13-45",
        "yesterday",
        "-2025-01-01",
        "２０２５-０１-０１",
        "2025-03-30",
    ]
    .iter()
    .enumerate()
    .map(|(i, d)| {
        serde_json::json!({"id": format!("a{i}"), "date": d, "text": "Iran and Oman met."})
            .to_string()
            + "\n"
    })
    .collect();
    let path = dir.path().join("dated.jsonl");
    fs::write(&path, lines).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = build(out.path(), &[&path]);
    let err = stderr(&run);
    assert!(run.status.success(), "{err}");
    for line in 1..=4 {
        assert!(
            err.lines().any(|l| l.contains(&format!("dated.jsonl:{line}: date"))
                && l.contains("left out")),
            "line {line}: {err}"
        );
    }
    let g: serde_json::Value = serde_json::from_str(&read(&out.path().join("graph.json"))).unwrap();
    let dates: Vec<&serde_json::Value> = g["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a.get("date"))
        .collect();
    assert_eq!(dates, [&serde_json::json!("2025-03-30")]);

    let run = newsgraph()
        .args(["build", "--since", "2025-02-30", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("--since 2025-02-30: no such date"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn a_damaged_graph_is_repaired_with_warnings_or_refused_with_strict() {
    let (_input, out) = built();
    let path = out.path().join("graph.json");
    let mut g: serde_json::Value = serde_json::from_str(&read(&path)).unwrap();
    g["meta"]["schema"] = 99.into();
    let first = g["nodes"][0].clone();
    g["nodes"].as_array_mut().unwrap().push(first);
    let mut edge = g["edges"][0].clone();
    edge["target"] = "country/atlantis".into();
    g["edges"].as_array_mut().unwrap().push(edge);
    let damaged = out.path().join("damaged.json");
    fs::write(&damaged, g.to_string()).unwrap();

    let run = newsgraph()
        .arg("export")
        .arg(&damaged)
        .args(["-f", "json"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    let err = stderr(&run);
    for want in [
        "schema version 99",
        "1 node listed more than once",
        "1 edge naming a node that is not in the graph, dropped",
        "country/atlantis",
    ] {
        assert!(err.contains(want), "{want}: {err}");
    }
    let strict = newsgraph()
        .arg("analyze")
        .arg(&damaged)
        .arg("--strict")
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(2));
    assert!(
        stderr(&strict).contains("(--strict)"),
        "{}",
        stderr(&strict)
    );
}

#[test]
fn export_of_a_graph_json_gives_it_back_byte_for_byte() {
    let (_input, out) = built();
    let path = out.path().join("graph.json");
    let run = newsgraph()
        .arg("export")
        .arg(&path)
        .args(["-f", "json"])
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(
        run.stdout == fs::read(&path).unwrap(),
        "export -f json changed the graph"
    );
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    // Many articles, so that output outgrows the pipe after the reader has gone.
    let lines: String = (0..300)
        .map(|i| serde_json::json!({"id": format!("a{i}"), "text": ARTICLE}).to_string() + "\n")
        .collect();
    for command in ["extract", "stance"] {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("newsgraph"))
            .args([command, "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let feeder = {
            let lines = lines.clone();
            std::thread::spawn(move || {
                let _ = std::io::Write::write_all(&mut stdin, lines.as_bytes());
            })
        };
        let mut first = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut first)
            .unwrap();
        let out = child.wait_with_output().unwrap();
        feeder.join().unwrap();
        assert!(!first.is_empty());
        assert_eq!(out.status.code(), Some(0), "{command}: {}", stderr(&out));
        assert!(
            !stderr(&out).contains("Broken pipe"),
            "{command}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn commands_that_take_a_file_take_stdin_as_dash() {
    let run = newsgraph()
        .args(["tag", "-"])
        .write_stdin("Iran welcomed the talks.")
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(String::from_utf8_lossy(&run.stdout).starts_with("Iran\t"));
}

#[cfg(unix)]
#[test]
fn pipes_in_folders_are_reported_not_skipped_silently() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("talks.txt"), ARTICLE).unwrap();
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let out = tempfile::tempdir().unwrap();
    let run = build(out.path(), &[dir.path()]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run).contains("pipe.txt: not a regular file (a named pipe)"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn utf16_files_are_decoded_by_their_mark_or_named_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut marked = vec![0xFF, 0xFE];
    marked.extend(ARTICLE.encode_utf16().flat_map(u16::to_le_bytes));
    fs::write(dir.path().join("marked.txt"), marked).unwrap();
    let unmarked: Vec<u8> = ARTICLE.encode_utf16().flat_map(u16::to_le_bytes).collect();
    fs::write(dir.path().join("unmarked.txt"), unmarked).unwrap();
    let out = tempfile::tempdir().unwrap();
    let run = build(out.path(), &[dir.path()]);
    let err = stderr(&run);
    assert_eq!(run.status.code(), Some(1), "{err}");
    assert!(
        err.contains("unmarked.txt: UTF-16 text without a byte-order mark"),
        "{err}"
    );
    assert!(read(&out.path().join("graph.json")).contains("\"name\": \"Oman\""));
}

#[test]
fn train_never_writes_over_a_shipped_model_by_default() {
    let run = newsgraph()
        .args(["train", "stance", "--train", "x.txt", "--dev", "y.txt"])
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("--out"), "{}", stderr(&run));
}
