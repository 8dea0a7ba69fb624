//! The native JSON export: `graph.json`, the documented schema in `docs/SCHEMA.md`,
//! which `export` and `analyze` read back.

use std::io::Write;

use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;

/// Writes `graph` as pretty-printed JSON with a trailing newline.
pub fn write(graph: &KnowledgeGraph, w: &mut dyn Write) -> Result<()> {
    w.write_all(graph.to_json_string().as_bytes())
        .map_err(|e| Error::io(None, e))
}

/// Reads a graph written by [`write`].
pub fn read(text: &str, name: &str) -> Result<KnowledgeGraph> {
    KnowledgeGraph::from_json_str(text).map_err(|e| Error::json(name, e))
}

/// Reads a graph written by [`write`], with what was wrong in it (see
/// [`KnowledgeGraph::from_json_checked`]).
pub fn read_checked(text: &str, name: &str) -> Result<(KnowledgeGraph, Vec<String>)> {
    let doc = serde_json::from_str(text).map_err(|e| Error::json(name, e))?;
    Ok(KnowledgeGraph::from_json_checked(doc))
}
