//! NetworkX node-link JSON (`networkx.node_link_graph`, NetworkX 3.x).
//!
//! A directed multigraph: two actors can share a co-mention edge and a stance edge, told
//! apart by the edge `key` (`comention` / `stance`). Edges are written under both `links`
//! (read by NetworkX <= 3.3) and `edges` (3.4+), so every 3.x release loads the file.

use std::io::Write;

use serde_json::{Map, Value as Json, json};

use super::properties::node_object;
use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;

pub fn write(graph: &KnowledgeGraph, w: &mut dyn Write) -> Result<()> {
    let doc = graph.to_json();
    let mut nodes = Vec::with_capacity(doc.nodes.len());
    for n in &doc.nodes {
        nodes.push(Json::Object(node_object(n)?));
    }
    let mut edges = Vec::with_capacity(doc.edges.len());
    for e in &doc.edges {
        let mut obj = match serde_json::to_value(e) {
            Ok(Json::Object(m)) => m,
            Ok(_) => Map::new(),
            Err(err) => return Err(Error::json("edge", err)),
        };
        let kind = obj.get("kind").cloned().unwrap_or(Json::Null);
        obj.insert("key".to_string(), kind);
        edges.push(Json::Object(obj));
    }
    let out = json!({
        "directed": true,
        "multigraph": true,
        "graph": {
            "name": "newsgraph",
            "generator": format!("newsgraph {}", env!("CARGO_PKG_VERSION")),
            "articles": doc.meta.input.articles,
            "sentences": doc.meta.input.sentences,
        },
        "nodes": nodes,
        "links": edges.clone(),
        "edges": edges,
    });
    serde_json::to_writer_pretty(&mut *w, &out).map_err(|e| Error::json("node-link output", e))?;
    w.write_all(b"\n")?;
    Ok(())
}
