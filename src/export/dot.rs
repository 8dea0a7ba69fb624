//! Placeholder DOT writer so this branch compiles; the integrator's `dot.rs` replaces it.
//!
//! Quotes every id and label, escaping `"` and `\`, and writes newlines as `\n`.

use std::io::Write;

use crate::error::Result;
use crate::graph::KnowledgeGraph;

fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

pub fn write(graph: &KnowledgeGraph, w: &mut dyn Write) -> Result<()> {
    let mut out = String::from("digraph newsgraph {\n");
    for n in graph.nodes() {
        out.push_str(&format!(
            "  {} [label={}];\n",
            quote(n.entity.id.as_str()),
            quote(&n.entity.name)
        ));
    }
    for e in graph.edges() {
        out.push_str(&format!(
            "  {} -> {} [kind={}];\n",
            quote(e.source.entity.id.as_str()),
            quote(e.target.entity.id.as_str()),
            quote(e.edge.kind().as_str())
        ));
    }
    out.push_str("}\n");
    w.write_all(out.as_bytes())?;
    Ok(())
}
