//! PLACEHOLDER on the `viewer` branch, replaced at merge by the integrator's DOT writer.
//!
//! It exists only so that `picture` compiles and can be tested: node ids are the entity
//! ids as quoted DOT strings, labels are names, stance edges are directed.

use std::io::Write;

use crate::error::Error;
use crate::graph::{Edge, KnowledgeGraph};

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
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes `graph` as a Graphviz digraph.
pub fn write(graph: &KnowledgeGraph, w: &mut dyn Write) -> Result<(), Error> {
    writeln!(w, "digraph newsgraph {{")?;
    for n in graph.nodes() {
        writeln!(
            w,
            "  {} [label={}];",
            quote(n.entity.id.as_str()),
            quote(&n.entity.name)
        )?;
    }
    for e in graph.edges() {
        let (s, t) = (e.source.entity.id.as_str(), e.target.entity.id.as_str());
        match e.edge {
            Edge::Comention(_) => writeln!(w, "  {} -> {} [dir=none];", quote(s), quote(t))?,
            Edge::Stance(_) => writeln!(w, "  {} -> {};", quote(s), quote(t))?,
        }
    }
    writeln!(w, "}}")?;
    Ok(())
}
