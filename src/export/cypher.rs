//! A Cypher script that creates the graph with idempotent MERGE statements: run it twice
//! (or after a `push`) and nothing changes. One statement per line, each ending in `;`,
//! for `cypher-shell -f graph.cypher` or any Bolt driver that runs the lines one by one.
//!
//! Nodes are merged on `Actor.id` together with their type label (`Person`, `Country`,
//! `Organization`, `Place`: an id's type never changes, and adding a label after the MERGE
//! trips ArcadeDB's uniqueness constraint); relationships are `STANCE` (directed) and `COMENTION` (stored
//! once, source id < target id). Strings are single-quoted with every control character,
//! quote and backslash escaped, so no name can end a literal or a line.

use std::io::Write;

use super::neo4j::{ACTOR_LABEL, relationship_type, type_label};
use super::properties::{FlatGraph, Value, edge_columns_of, float_text};
use crate::error::Result;
use crate::graph::{EdgeKind, KnowledgeGraph};

/// `s` as a Cypher string literal.
pub fn string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || c == '\u{2028}' || c == '\u{2029}' => {
                out.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A property key, backtick-quoted unless it is a plain identifier. Control characters
/// (which only odd analysis keys could hold) become `_` so a statement stays on one line.
pub fn property_key(name: &str) -> String {
    let name: String = name
        .chars()
        .map(|c| {
            if c.is_control() || c == '\u{2028}' || c == '\u{2029}' {
                '_'
            } else {
                c
            }
        })
        .collect();
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if plain {
        name
    } else {
        format!("`{}`", name.replace('`', "``"))
    }
}

/// A value as a Cypher literal.
pub fn value_literal(v: &Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => float_text(*f),
        Value::Str(s) => string_literal(s),
        Value::StrList(l) => {
            let items: Vec<String> = l.iter().map(|s| string_literal(s)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::IntList(l) => {
            let items: Vec<String> = l.iter().map(i64::to_string).collect();
            format!("[{}]", items.join(", "))
        }
    }
}

fn map_literal<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a Value)>) -> String {
    let items: Vec<String> = pairs
        .into_iter()
        .map(|(k, v)| format!("{}: {}", property_key(k), value_literal(v)))
        .collect();
    format!("{{{}}}", items.join(", "))
}

pub fn write(graph: &KnowledgeGraph, w: &mut dyn Write) -> Result<()> {
    let flat = FlatGraph::new(graph)?;
    let mut out = String::new();
    out.push_str(&format!(
        "// newsgraph {}: {} actors, {} relationships. Idempotent (MERGE on {ACTOR_LABEL}.id).\n",
        env!("CARGO_PKG_VERSION"),
        flat.nodes.len(),
        flat.edges.len()
    ));
    out.push_str("// Run: cypher-shell -f graph.cypher (one statement per line).\n");
    out.push_str(&format!(
        "CREATE CONSTRAINT newsgraph_actor_id IF NOT EXISTS FOR (n:{ACTOR_LABEL}) REQUIRE n.id IS UNIQUE;\n"
    ));
    for n in &flat.nodes {
        let props = map_literal(
            flat.node_columns
                .iter()
                .zip(&n.values)
                .filter_map(|(c, v)| Some((c.name.as_str(), v.as_ref()?))),
        );
        out.push_str(&format!(
            "MERGE (n:{}:{ACTOR_LABEL} {{id: {}}}) SET n += {props};\n",
            type_label(n.etype),
            string_literal(&n.id)
        ));
    }
    for kind in [EdgeKind::Comention, EdgeKind::Stance] {
        let columns: Vec<(usize, &str)> = edge_columns_of(kind)
            .into_iter()
            .filter_map(|name| Some((flat.edge_column(name)?, name)))
            .collect();
        for e in flat.edges.iter().filter(|e| e.kind == kind) {
            let props = map_literal(
                columns
                    .iter()
                    .filter_map(|(i, name)| Some((*name, e.values.get(*i)?.as_ref()?))),
            );
            out.push_str(&format!(
                "MATCH (a:{ACTOR_LABEL} {{id: {}}}) MATCH (b:{ACTOR_LABEL} {{id: {}}}) MERGE (a)-[r:{}]->(b) SET r += {props};\n",
                string_literal(&e.source),
                string_literal(&e.target),
                relationship_type(kind)
            ));
        }
    }
    w.write_all(out.as_bytes())?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_cannot_be_broken_out_of() {
        for (input, want) in [
            ("Iran", "'Iran'"),
            ("O'Brien", "'O\\'Brien'"),
            ("'}) DETACH DELETE n //", "'\\'}) DETACH DELETE n //'"),
            ("a\\b", "'a\\\\b'"),
            ("line\nbreak\r\t", "'line\\nbreak\\r\\t'"),
            ("nul\0\u{1b}\u{2028}", "'nul\\u0000\\u001B\\u2028'"),
            ("\u{200F}🙂", "'\u{200F}🙂'"),
        ] {
            assert_eq!(string_literal(input), want, "{input:?}");
        }
        for (key, want) in [
            ("pagerank", "pagerank"),
            ("page rank", "`page rank`"),
            ("a`b", "`a``b`"),
            ("1x", "`1x`"),
            ("new\nline", "new_line"),
            ("odd key\t", "`odd key_`"),
        ] {
            assert_eq!(property_key(key), want);
        }
    }
}
