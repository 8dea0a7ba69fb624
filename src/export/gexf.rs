//! GEXF 1.3 (namespace `http://gexf.net/1.3`) for Gephi: typed node and edge attribute
//! declarations in `properties` column order, `label` = entity name, `weight` = sentences
//! (co-mention) or relations (stance).
//!
//! All edges are declared directed (co-mention edges are stored once, source < target, with
//! `kind` = `comention`) because NetworkX refuses undirected edges in a directed GEXF graph.
//! Edge `kind` (GEXF's parallel-edge label) tells the two edges between a pair apart.
//! XML cannot carry NUL and most control characters: they are dropped.

use std::io::Write;

use super::properties::{Column, FlatGraph, Value, ValueType};
use super::xml::{escape, push_escaped};
use crate::error::Result;
use crate::graph::KnowledgeGraph;

fn gexf_type(t: ValueType) -> &'static str {
    match t.scalar() {
        ValueType::Bool => "boolean",
        ValueType::Int => "long",
        ValueType::Float => "double",
        _ => "string",
    }
}

fn push_attributes(out: &mut String, columns: &[Column], class: &str) {
    out.push_str(&format!("    <attributes class=\"{class}\">\n"));
    for (i, c) in columns.iter().enumerate() {
        out.push_str(&format!(
            "      <attribute id=\"{i}\" title=\"{}\" type=\"{}\"/>\n",
            escape(&c.name),
            gexf_type(c.ty)
        ));
    }
    out.push_str("    </attributes>\n");
}

fn push_attvalues(out: &mut String, values: &[Option<Value>]) {
    out.push_str("        <attvalues>\n");
    for (i, v) in values.iter().enumerate() {
        if let Some(v) = v {
            out.push_str(&format!("          <attvalue for=\"{i}\" value=\""));
            push_escaped(out, &v.to_text());
            out.push_str("\"/>\n");
        }
    }
    out.push_str("        </attvalues>\n");
}

pub fn write(graph: &KnowledgeGraph, w: &mut dyn Write) -> Result<()> {
    let flat = FlatGraph::new(graph)?;
    let weight = flat.edge_column("weight");
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(concat!(
        "<gexf xmlns=\"http://gexf.net/1.3\"",
        " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
        " xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\"",
        " version=\"1.3\">\n"
    ));
    out.push_str(&format!(
        "  <meta>\n    <creator>newsgraph {}</creator>\n    <description>actors, co-mention and stance edges</description>\n  </meta>\n",
        env!("CARGO_PKG_VERSION")
    ));
    out.push_str("  <graph mode=\"static\" defaultedgetype=\"directed\">\n");
    push_attributes(&mut out, &flat.node_columns, "node");
    push_attributes(&mut out, &flat.edge_columns, "edge");
    out.push_str("    <nodes>\n");
    for n in &flat.nodes {
        out.push_str("      <node id=\"");
        push_escaped(&mut out, &n.id);
        out.push_str("\" label=\"");
        push_escaped(&mut out, &n.name);
        out.push_str("\">\n");
        push_attvalues(&mut out, &n.values);
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    for (i, e) in flat.edges.iter().enumerate() {
        out.push_str(&format!("      <edge id=\"{i}\" source=\""));
        push_escaped(&mut out, &e.source);
        out.push_str("\" target=\"");
        push_escaped(&mut out, &e.target);
        out.push_str(&format!("\" kind=\"{}\"", e.kind.as_str()));
        if let Some(Some(w)) = weight.and_then(|i| e.values.get(i)) {
            out.push_str(&format!(" weight=\"{}\"", w.to_text()));
        }
        out.push_str(">\n");
        push_attvalues(&mut out, &e.values);
        out.push_str("      </edge>\n");
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    w.write_all(out.as_bytes())?;
    Ok(())
}
