//! newsgraph turns news articles into a knowledge graph of the actors in them: people,
//! countries, organizations and places, who is named with whom, and who is hostile or
//! friendly toward whom, with the evidence behind every edge.
//!
//! The pipeline runs one way: [`ingest`] (bytes -> [`model::Article`]) -> [`nlp`]
//! (tokens, sentences, tags) -> [`extract`] (mentions resolved to entities) -> [`stance`]
//! -> [`graph`] -> [`analyze`] -> [`export`].

pub mod analyze;
pub mod error;
pub mod export;
pub mod extract;
pub mod graph;
pub mod ingest;
pub mod model;
pub mod nlp;
pub mod output;
pub mod pipeline;
pub mod stance;

pub use error::Error;
pub use graph::KnowledgeGraph;
pub use model::{Article, Document, Entity, EntityId, EntityType, Mention, Span};

/// Version of the bundled reference data and models.
pub const DATA_VERSION: &str = include_str!("../data/VERSION");
