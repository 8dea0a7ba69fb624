//! Writing graphs in the formats graph tools and databases load: one file per format,
//! chosen through the closed [`Format`] enum (`format.rs`).
//!
//! Every writer takes the finished [`KnowledgeGraph`](crate::graph::KnowledgeGraph) and an
//! `impl Write`, writes sorted, byte-identical output and returns I/O errors, never panics:
//! names come from news text and are untrusted, so each writer escapes them itself.
//! `properties.rs` is the one flat, typed view of nodes and edges most writers share.

pub mod bolt;
pub mod csv;
pub mod cypher;
pub mod cytoscape;
pub mod dot;
pub mod format;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod json;
pub mod neo4j;
pub mod nodelink;
pub mod picture;
pub mod properties;
pub mod turtle;
pub mod xml;

pub use format::{Format, write, write_all, write_all_into, write_into, write_to_dir};
