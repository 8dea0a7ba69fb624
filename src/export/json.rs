//! Placeholder native JSON writer so this branch compiles; the integrator's `json.rs`
//! replaces it.

use std::io::Write;

use crate::error::Result;
use crate::graph::KnowledgeGraph;

pub fn write(graph: &KnowledgeGraph, w: &mut dyn Write) -> Result<()> {
    w.write_all(graph.to_json_string().as_bytes())?;
    Ok(())
}
