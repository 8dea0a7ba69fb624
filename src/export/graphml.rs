//! GraphML with one typed `<key>` per attribute, declared in a fixed order (node keys
//! `n0..`, edge keys `e0..` in `properties` column order), for Gephi, yEd, NetworkX, igraph.
//!
//! Every edge is directed: co-mention edges are stored once (source id < target id) with
//! `kind` = `comention`, because NetworkX refuses `directed="false"` edges in a directed graph.
//! Lists (aliases, categories) are written as JSON arrays in string attributes, evidence as
//! a JSON string. XML cannot carry NUL and most control characters: they are dropped.

use std::io::Write;

use super::properties::{Column, FlatGraph, Value, ValueType};
use super::xml::{escape, push_escaped};
use crate::error::Result;
use crate::graph::KnowledgeGraph;

fn graphml_type(t: ValueType) -> &'static str {
    match t.scalar() {
        ValueType::Bool => "boolean",
        ValueType::Int => "long",
        ValueType::Float => "double",
        _ => "string",
    }
}

fn push_keys(out: &mut String, columns: &[Column], domain: &str, prefix: char) {
    for (i, c) in columns.iter().enumerate() {
        out.push_str(&format!(
            "  <key id=\"{prefix}{i}\" for=\"{domain}\" attr.name=\"{}\" attr.type=\"{}\"/>\n",
            escape(&c.name),
            graphml_type(c.ty)
        ));
    }
}

fn push_data(out: &mut String, values: &[Option<Value>], prefix: char) {
    for (i, v) in values.iter().enumerate() {
        if let Some(v) = v {
            out.push_str(&format!("      <data key=\"{prefix}{i}\">"));
            push_escaped(out, &v.to_text());
            out.push_str("</data>\n");
        }
    }
}

pub fn write(graph: &KnowledgeGraph, w: &mut dyn Write) -> Result<()> {
    let flat = FlatGraph::new(graph)?;
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(concat!(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"",
        " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"",
        " xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns",
        " http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
    ));
    push_keys(&mut out, &flat.node_columns, "node", 'n');
    push_keys(&mut out, &flat.edge_columns, "edge", 'e');
    out.push_str("  <graph id=\"newsgraph\" edgedefault=\"directed\">\n");
    for n in &flat.nodes {
        out.push_str("    <node id=\"");
        push_escaped(&mut out, &n.id);
        out.push_str("\">\n");
        push_data(&mut out, &n.values, 'n');
        out.push_str("    </node>\n");
    }
    for (i, e) in flat.edges.iter().enumerate() {
        out.push_str(&format!("    <edge id=\"e{i}\" source=\""));
        push_escaped(&mut out, &e.source);
        out.push_str("\" target=\"");
        push_escaped(&mut out, &e.target);
        out.push_str("\">\n");
        push_data(&mut out, &e.values, 'e');
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    w.write_all(out.as_bytes())?;
    Ok(())
}
