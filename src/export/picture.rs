//! Pictures (SVG, PNG) of a graph, drawn by Graphviz from our DOT export.
//!
//! Tiny graphs go through `dot` (a layered who-acts-on-whom picture); from
//! `RenderOptions::dot_limit` nodes on `sfdp` with overlap removal and edges drawn first
//! (`dot` made a 10,873 px wide picture of 120 nodes in 4.6 s; `sfdp` a readable one in
//! 0.6 s); above `large_graph` nodes only the most central actors keep their labels, so
//! 500-node pictures stay readable. Layout settings travel as `-G`/`-N`/`-E` command-line
//! defaults, label removal as `"id" [label=""]` statements appended to the DOT, so the DOT
//! writer needs no picture-specific options. Graphviz runs under a timeout.

use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::graph::{KnowledgeGraph, Node};

/// The message users see when Graphviz is missing.
pub const GRAPHVIZ_MISSING: &str =
    "Graphviz not found: install graphviz (apt-get install graphviz) or use --format dot";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PictureFormat {
    Svg,
    Png,
}

impl PictureFormat {
    /// Graphviz's `-T` name, which is also the file extension.
    pub fn as_str(self) -> &'static str {
        match self {
            PictureFormat::Svg => "svg",
            PictureFormat::Png => "png",
        }
    }
}

/// How a picture is laid out; `Default` is what `render` uses.
#[derive(Clone, Debug)]
pub struct RenderOptions {
    /// Up to this many nodes `dot` lays the graph out, above it `sfdp`.
    pub dot_limit: usize,
    /// Above this many nodes only the `labels` most central nodes keep their label.
    pub large_graph: usize,
    /// How many nodes keep their label in a large graph.
    pub labels: usize,
    /// Graphviz is killed after this long.
    pub timeout: Duration,
    /// Where to find Graphviz's `dot`; `None` searches `PATH`.
    pub dot_program: Option<PathBuf>,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            dot_limit: 40,
            large_graph: 150,
            labels: 60,
            timeout: Duration::from_secs(180),
            dot_program: None,
        }
    }
}

/// What Graphviz will be asked to do: the engine, its command-line attributes and the
/// nodes whose labels are blanked.
#[derive(Clone, Debug, PartialEq)]
pub struct LayoutPlan {
    pub engine: &'static str,
    pub args: Vec<String>,
    /// Entity ids, sorted, whose label is removed.
    pub unlabeled: Vec<String>,
}

/// Analysis keys that rank nodes for labelling, best first; mentions when none is present.
const CENTRALITY_KEYS: [&str; 5] = [
    "pagerank",
    "eigenvector",
    "betweenness",
    "weighted_degree",
    "degree",
];

/// Nodes from most to least central (ties by mentions, then id).
pub fn by_centrality(graph: &KnowledgeGraph) -> Vec<&Node> {
    let nodes = graph.nodes();
    let key = CENTRALITY_KEYS.iter().find(|k| {
        nodes
            .iter()
            .any(|n| n.analysis.get(**k).is_some_and(|v| v.is_number()))
    });
    let score = |n: &Node| -> f64 {
        match key {
            Some(k) => n
                .analysis
                .get(*k)
                .and_then(|v| v.as_f64())
                .filter(|v| v.is_finite())
                .unwrap_or(0.0),
            None => n.entity.mentions as f64,
        }
    };
    let mut ranked: Vec<(f64, &Node)> = nodes.into_iter().map(|n| (score(n), n)).collect();
    ranked.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| b.1.entity.mentions.cmp(&a.1.entity.mentions))
            .then_with(|| a.1.entity.id.cmp(&b.1.entity.id))
    });
    ranked.into_iter().map(|(_, n)| n).collect()
}

/// Chooses engine, attributes and labels for `graph`.
pub fn plan(graph: &KnowledgeGraph, format: PictureFormat, opts: &RenderOptions) -> LayoutPlan {
    let n = graph.node_count();
    // Defaults only: whatever the DOT writer sets on a node or edge wins.
    let mut args: Vec<String> = vec![
        "-Gbgcolor=white".into(),
        "-Gpad=0.3".into(),
        "-Nfontname=DejaVu Sans,Helvetica,Arial,sans-serif".into(),
        "-Efontname=DejaVu Sans,Helvetica,Arial,sans-serif".into(),
        "-Nfontsize=11".into(),
        "-Nfontcolor=#1d1d1f".into(),
        "-Nstyle=filled".into(),
        "-Nfillcolor=#dce6f2".into(),
        "-Ncolor=#4a5a70".into(),
        "-Ecolor=#7d8799".into(),
        "-Earrowsize=0.6".into(),
    ];
    if format == PictureFormat::Png {
        args.push("-Gdpi=110".into());
    }
    if n <= opts.dot_limit {
        args.extend(["-Grankdir=LR", "-Gnodesep=0.25", "-Granksep=0.9"].map(String::from));
        return LayoutPlan {
            engine: "dot",
            args,
            unlabeled: Vec::new(),
        };
    }
    // Big pictures: scale the page with the graph, but cap it so PNGs stay openable.
    let side = (6.0 * (n as f64).sqrt()).clamp(20.0, 80.0).round() as u32;
    args.extend([
        "-Goverlap=prism".to_string(),
        "-Goverlap_scaling=-4".to_string(),
        "-Goutputorder=edgesfirst".to_string(),
        "-Gsplines=false".to_string(),
        "-GK=0.6".to_string(),
        "-Grepulsiveforce=1.2".to_string(),
        format!("-Gsize={side},{side}"),
        "-Epenwidth=0.6".to_string(),
        "-Nmargin=0.02".to_string(),
    ]);
    let keep = if n <= opts.large_graph {
        n
    } else {
        opts.labels
    };
    // Ranked among the actors the picture draws, so that hidden ones take no label.
    let drawn = crate::export::dot::drawn(graph).1;
    let mut unlabeled: Vec<String> = by_centrality(graph)
        .into_iter()
        .filter(|n| drawn.as_ref().is_none_or(|d| d.contains(&n.entity.id)))
        .skip(keep)
        .map(|n| n.entity.id.as_str().to_string())
        .collect();
    unlabeled.sort();
    LayoutPlan {
        engine: "sfdp",
        args,
        unlabeled,
    }
}

/// Renders `graph` to `out` as SVG or PNG with the default options.
pub fn render(graph: &KnowledgeGraph, format: PictureFormat, out: &Path) -> Result<(), Error> {
    render_with(graph, format, out, &RenderOptions::default())
}

/// Renders `graph` to `out`; the file appears only when Graphviz succeeded.
pub fn render_with(
    graph: &KnowledgeGraph,
    format: PictureFormat,
    out: &Path,
    opts: &RenderOptions,
) -> Result<(), Error> {
    let program = match &opts.dot_program {
        Some(p) => p.clone(),
        None => find_on_path("dot").ok_or_else(|| Error::usage(GRAPHVIZ_MISSING))?,
    };
    let mut dot = Vec::new();
    crate::export::dot::write_with(
        graph,
        &mut dot,
        &crate::export::dot::DotOptions { layout: false },
    )?;
    let plan = plan(graph, format, opts);
    let dot = blank_labels(&dot, &plan.unlabeled);

    let tmp = temp_path(out);
    let result = run_graphviz(&program, &plan, format, &dot, &tmp, opts.timeout, graph);
    match result {
        Ok(()) => std::fs::rename(&tmp, out).map_err(|e| Error::io(Some(out), e)),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

fn temp_path(out: &Path) -> PathBuf {
    let mut name = out
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_default();
    name.push(".partial");
    out.with_file_name(name)
}

fn run_graphviz(
    program: &Path,
    plan: &LayoutPlan,
    format: PictureFormat,
    dot: &[u8],
    tmp: &Path,
    timeout: Duration,
    graph: &KnowledgeGraph,
) -> Result<(), Error> {
    let mut cmd = Command::new(program);
    cmd.arg(format!("-K{}", plan.engine))
        .arg(format!("-T{}", format.as_str()))
        .args(&plan.args)
        .arg("-o")
        .arg(tmp)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::usage(GRAPHVIZ_MISSING)
        } else {
            Error::io(Some(program), e)
        }
    })?;
    let mut stdin = child.stdin.take();
    let input = dot.to_vec();
    let writer = std::thread::spawn(move || {
        if let Some(s) = stdin.as_mut() {
            // A Graphviz that dies early closes the pipe; its exit status tells why.
            let _ = s.write_all(&input);
        }
    });
    let mut stderr = child.stderr.take();
    let reader = std::thread::spawn(move || {
        let mut buf = String::new();
        if let Some(s) = stderr.as_mut() {
            let _ = s.read_to_string(&mut buf);
        }
        buf
    });
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| Error::io(Some(program), e))? {
            break status;
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Err(Error::io(
                None,
                std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    format!(
                        "Graphviz {} did not finish within {} s on {} nodes and {} edges; \
                         draw fewer nodes (--top N) or use --format html",
                        plan.engine,
                        timeout.as_secs(),
                        graph.node_count(),
                        graph.edge_count()
                    ),
                ),
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let _ = writer.join();
    let messages = reader.join().unwrap_or_default();
    if !status.success() {
        let tail: String = messages
            .lines()
            .rev()
            .take(5)
            .collect::<Vec<_>>()
            .join(" | ");
        return Err(Error::io(
            None,
            std::io::Error::other(format!(
                "Graphviz {} failed ({status}): {tail}",
                plan.engine
            )),
        ));
    }
    Ok(())
}

/// The first executable `name` in `PATH`.
pub fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}

/// A DOT string literal for `s`.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Every double-quoted string in a DOT text, as written (with its quotes).
fn quoted_strings(dot: &str) -> HashSet<&str> {
    let mut found = HashSet::new();
    let bytes = dot.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' {
            let start = i;
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            if let Some(s) = dot.get(start..(i + 1).min(bytes.len())) {
                found.insert(s);
            }
        }
        i += 1;
    }
    found
}

/// Appends `"id" [label=""];` for each id before the graph's closing brace. Ids that the
/// DOT does not contain as quoted strings are skipped, so a writer that names nodes
/// differently gets all labels rather than phantom nodes.
fn blank_labels(dot: &[u8], ids: &[String]) -> Vec<u8> {
    if ids.is_empty() {
        return dot.to_vec();
    }
    let Ok(text) = std::str::from_utf8(dot) else {
        return dot.to_vec();
    };
    let Some(close) = text.rfind('}') else {
        return dot.to_vec();
    };
    let present = quoted_strings(&text[..close]);
    let mut out = String::with_capacity(text.len() + ids.len() * 32);
    out.push_str(&text[..close]);
    out.push_str("  // labels kept only for the most central nodes\n");
    for id in ids {
        let q = quote(id);
        if present.contains(q.as_str()) {
            out.push_str("  ");
            out.push_str(&q);
            out.push_str(" [label=\"\", shape=circle, width=0.12, height=0.12, fixedsize=true];\n");
        }
    }
    out.push_str(&text[close..]);
    out.into_bytes()
}

#[cfg(test)]
mod tests;
