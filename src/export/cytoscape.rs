//! Cytoscape.js elements JSON (`.cyjs`), which Cytoscape desktop also imports.
//!
//! Node `data` carries every node attribute; edge `data` carries `id`, `source`, `target`
//! and every edge attribute, and `classes` holds the kind and sign (`stance negative`)
//! for stylesheets. Edge ids are `edge:<kind>:<n>` in sorted edge order.

use std::io::Write;

use serde_json::{Map, Value as Json, json};

use super::properties::{node_object, polarity_name};
use crate::error::{Error, Result};
use crate::graph::{EdgeJson, KnowledgeGraph};

pub fn write(graph: &KnowledgeGraph, w: &mut dyn Write) -> Result<()> {
    let doc = graph.to_json();
    let mut nodes = Vec::with_capacity(doc.nodes.len());
    for n in &doc.nodes {
        let data = node_object(n)?;
        let classes = n.entity.etype.as_str().to_ascii_lowercase();
        nodes.push(json!({ "data": data, "classes": classes }));
    }
    let mut edges = Vec::with_capacity(doc.edges.len());
    for (i, e) in doc.edges.iter().enumerate() {
        let obj = match serde_json::to_value(e) {
            Ok(Json::Object(m)) => m,
            Ok(_) => Map::new(),
            Err(err) => return Err(Error::json("edge", err)),
        };
        let (kind, classes) = match e {
            EdgeJson::Comention { .. } => ("comention", "comention".to_string()),
            EdgeJson::Stance { sign, .. } => ("stance", format!("stance {}", polarity_name(*sign))),
        };
        let mut data = Map::new();
        data.insert("id".into(), Json::from(format!("edge:{kind}:{i}")));
        data.extend(obj);
        edges.push(json!({ "data": data, "classes": classes }));
    }
    let out = json!({
        "format_version": "1.0",
        "generated_by": format!("newsgraph {}", env!("CARGO_PKG_VERSION")),
        "target_cytoscapejs_version": "~3",
        "data": { "name": "newsgraph", "directed": true },
        "elements": { "nodes": nodes, "edges": edges },
    });
    serde_json::to_writer_pretty(&mut *w, &out).map_err(|e| Error::json("cytoscape output", e))?;
    w.write_all(b"\n")?;
    Ok(())
}
