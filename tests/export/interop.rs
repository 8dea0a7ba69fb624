//! Interop with the real clients: Graphviz renders the DOT; NetworkX loads node-link JSON,
//! GraphML and GEXF; LadybugDB imports the Neo4j CSV with COPY FROM; pyoxigraph answers
//! SPARQL over the Turtle; ArcadeDB (a Bolt server) runs the Cypher script and takes
//! `newsgraph push` twice with unchanged counts.
//!
//! The clients come from `scripts/ci/interop-setup.sh` (`.venv-interop/` in the repo, Debian
//! graphviz). Without them plain `cargo test` prints a SKIP line and passes; with `CI=true`
//! a missing client fails. Each test writes the hostile fixture like `build --format all`.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use newsgraph::export::write_all;
use newsgraph::graph::Edge;

use super::fixture::hostile_fixture;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// `Some(thing)` when installed; otherwise a visible SKIP (or a failure under CI).
fn require<T>(what: &str, found: Option<T>) -> Option<T> {
    if found.is_none() {
        let msg = format!("{what} is not installed (run scripts/ci/interop-setup.sh)");
        assert!(!in_ci(), "interop: {msg}");
        // Straight to stderr: the test harness captures `eprintln!` of passing tests.
        let _ = writeln!(std::io::stderr(), "SKIP interop: {msg}");
    }
    found
}

/// The Python of one interop virtual environment (`tools` or `bolt`).
fn venv_python(name: &str) -> Option<PathBuf> {
    let root = std::env::var_os("NEWSGRAPH_INTEROP_VENVS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join(".venv-interop"));
    let python = root.join(name).join("bin").join("python");
    python.exists().then_some(python)
}

fn on_path(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(program))
            .find(|p| p.is_file())
    })
}

/// Every format of the hostile fixture, as `build --format all` writes them.
fn exported() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write_all(&hostile_fixture(), dir.path()).unwrap();
    dir
}

fn script(name: &str) -> PathBuf {
    repo().join("tests/interop").join(name)
}

/// Runs a command, failing the test with its output unless it succeeds; returns stdout.
fn run(cmd: &mut Command, what: &str) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot start: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "{what} failed ({}):\n{stdout}\n{stderr}",
        out.status
    );
    eprint!("{stdout}");
    stdout
}

#[test]
fn graphviz_renders_the_dot_file() {
    let Some(dot) = require("graphviz (dot)", on_path("dot")) else {
        return;
    };
    let out = exported();
    let svg = out.path().join("graph.svg");
    run(
        Command::new(dot)
            .arg("-Tsvg")
            .arg(out.path().join("graph.dot"))
            .arg("-o")
            .arg(&svg),
        "dot -Tsvg",
    );
    let svg = std::fs::read_to_string(svg).unwrap();
    let graph = hostile_fixture();
    // Every actor plus the legend; co-mention pairs without a shared sentence are not drawn.
    let drawn = graph
        .edges()
        .iter()
        .filter(|e| !matches!(e.edge, Edge::Comention(c) if c.sentences == 0))
        .count();
    assert_eq!(
        svg.matches("class=\"node\"").count(),
        graph.node_count() + 1
    );
    assert_eq!(svg.matches("class=\"edge\"").count(), drawn);
}

#[test]
fn networkx_loads_node_link_graphml_and_gexf() {
    let Some(python) = require("networkx venv", venv_python("tools")) else {
        return;
    };
    let out = exported();
    run(
        Command::new(python)
            .arg(script("check_networkx.py"))
            .arg(out.path()),
        "check_networkx.py",
    );
}

#[test]
fn ladybug_imports_the_neo4j_csv_and_finds_the_most_hostile_edge() {
    let Some(python) = require("ladybug venv", venv_python("tools")) else {
        return;
    };
    let out = exported();
    run(
        Command::new(python)
            .arg(script("check_ladybug.py"))
            .arg(out.path()),
        "check_ladybug.py",
    );
}

#[test]
fn pyoxigraph_parses_the_turtle_and_answers_sparql() {
    let Some(python) = require("pyoxigraph venv", venv_python("tools")) else {
        return;
    };
    let out = exported();
    run(
        Command::new(python)
            .arg(script("check_rdf.py"))
            .arg(out.path()),
        "check_rdf.py",
    );
}

#[test]
fn push_to_a_closed_port_fails_with_one_line_and_exit_2() {
    let port = free_port();
    let out = exported();
    let result = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .arg("push")
        .arg(out.path().join("graph.json"))
        .arg("--bolt")
        .arg(format!("bolt://127.0.0.1:{port}"))
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("cannot connect to bolt://127.0.0.1:"),
        "{stderr}"
    );
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap()
}

/// ArcadeDB with its Bolt plugin on 127.0.0.1, stopped (stdin closed, then killed if
/// need be) when dropped, so a failing test never leaves it running.
struct ArcadeDb {
    child: Child,
    bolt: String,
}

const PASSWORD: &str = "newsgraph-test-pw";

impl ArcadeDb {
    fn start(python: &Path, root: &Path, databases: &str) -> ArcadeDb {
        let (bolt_port, http_port) = (free_port(), free_port());
        let log = std::fs::File::create(root.join("server.log")).unwrap();
        let mut child = Command::new(python)
            .arg(script("arcadedb_server.py"))
            .arg(root)
            .arg(bolt_port.to_string())
            .arg(http_port.to_string())
            .arg(PASSWORD)
            .arg(databases)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let server = ArcadeDb {
            child,
            bolt: format!("bolt://127.0.0.1:{bolt_port}"),
        };
        match rx.recv_timeout(Duration::from_secs(120)) {
            Ok(line) if line == "READY" => server,
            other => {
                let log = std::fs::read_to_string(root.join("server.log")).unwrap_or_default();
                panic!("ArcadeDB did not start ({other:?}):\n{log}");
            }
        }
    }
}

impl Drop for ArcadeDb {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn push(bolt: &str, database: &str, out: &Path, password: &str) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .arg("push")
        .arg(out.join("graph.json"))
        .args(["--bolt", bolt, "--user", "root"])
        .args(["--password-env", "NEWSGRAPH_TEST_PASSWORD"])
        .args(["--database", database, "--batch", "4"])
        .env("NEWSGRAPH_TEST_PASSWORD", password)
        .output()
        .unwrap()
}

#[test]
fn arcadedb_over_bolt_runs_the_cypher_script_and_takes_push_twice() {
    let Some(python) = require("arcadedb-embedded + neo4j venv", venv_python("bolt")) else {
        return;
    };
    let out = exported();
    let root = tempfile::tempdir().unwrap();
    let server = ArcadeDb::start(&python, root.path(), "script,push");
    let check = |mode: &str, database: &str| {
        run(
            Command::new(&python)
                .arg(script("check_bolt.py"))
                .args([mode, &server.bolt, database])
                .arg(out.path())
                .env("NEWSGRAPH_TEST_PASSWORD", PASSWORD),
            &format!("check_bolt.py {mode}"),
        )
    };
    // The Cypher script, run twice by the check: same counts both times.
    check("script", "script");
    // `newsgraph push`, twice: same counts, nothing duplicated.
    for round in 1..=2 {
        let result = push(&server.bolt, "push", out.path(), PASSWORD);
        assert!(
            result.status.success(),
            "push round {round}: {}",
            String::from_utf8_lossy(&result.stderr)
        );
        check("counts", "push");
    }
    // Wrong password: one line naming authentication, exit 2.
    let result = push(&server.bolt, "push", out.path(), "wrong");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(2), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("authentication failed"), "{stderr}");
}
