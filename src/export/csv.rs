//! Plain CSV node and edge lists (`nodes.csv`, `edges.csv`) for spreadsheets, pandas,
//! DuckDB and Gephi's spreadsheet import.
//!
//! RFC 4180: comma-separated, `\n` line ends, strings always double-quoted with `"`
//! doubled, numbers bare, missing values empty. Lists are JSON arrays in one field.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::format::write_file;
use super::properties::{FlatGraph, Value};
use crate::error::Result;
use crate::graph::KnowledgeGraph;

/// Appends one quoted CSV string field.
pub(crate) fn push_quoted(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
}

/// Appends one field: strings quoted, numbers and booleans bare, `None` empty.
pub(crate) fn push_value(out: &mut String, v: Option<&Value>) {
    match v.map(Value::to_scalar) {
        None => {}
        Some(Value::Str(s)) => push_quoted(out, &s),
        Some(v) => out.push_str(&v.to_text()),
    }
}

/// Appends a header row of quoted names.
pub(crate) fn push_header<'a>(out: &mut String, names: impl IntoIterator<Item = &'a str>) {
    for (i, n) in names.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_quoted(out, n);
    }
    out.push('\n');
}

/// `nodes.csv`: id, then every node column.
pub fn write_nodes(flat: &FlatGraph, w: &mut dyn Write) -> Result<()> {
    let mut out = String::new();
    push_header(
        &mut out,
        std::iter::once("id").chain(flat.node_columns.iter().map(|c| c.name.as_str())),
    );
    for n in &flat.nodes {
        push_quoted(&mut out, &n.id);
        for v in &n.values {
            out.push(',');
            push_value(&mut out, v.as_ref());
        }
        out.push('\n');
    }
    w.write_all(out.as_bytes())?;
    Ok(())
}

/// `edges.csv`: source, target, then every edge column (starting with `kind`).
pub fn write_edges(flat: &FlatGraph, w: &mut dyn Write) -> Result<()> {
    let mut out = String::new();
    push_header(
        &mut out,
        ["source", "target"]
            .into_iter()
            .chain(flat.edge_columns.iter().map(|c| c.name.as_str())),
    );
    for e in &flat.edges {
        push_quoted(&mut out, &e.source);
        out.push(',');
        push_quoted(&mut out, &e.target);
        for v in &e.values {
            out.push(',');
            push_value(&mut out, v.as_ref());
        }
        out.push('\n');
    }
    w.write_all(out.as_bytes())?;
    Ok(())
}

/// Writes `nodes.csv` and `edges.csv` into `dir`.
pub fn write_dir(graph: &KnowledgeGraph, dir: &Path) -> Result<Vec<PathBuf>> {
    let flat = FlatGraph::new(graph)?;
    let nodes = dir.join("nodes.csv");
    let edges = dir.join("edges.csv");
    write_file(&nodes, |w| write_nodes(&flat, w))?;
    write_file(&edges, |w| write_edges(&flat, w))?;
    Ok(vec![nodes, edges])
}
