//! The native JSON form of a graph (`graph.json`), documented in `docs/SCHEMA.md`.
//!
//! It is both an export and the format `export`/`analyze` read back, so it carries
//! everything needed to rebuild a `KnowledgeGraph`: raw counts, intensity sums and
//! evidence, plus derived values (association strength, mean intensity) for readers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{
    ArticleMeta, ComentionEdge, Edge, Evidence, KnowledgeGraph, Node, StanceEdge, StanceEvidence,
    npmi,
};
use crate::model::{EntityId, Polarity};

/// Bumped whenever a field changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GraphJson {
    pub meta: Meta,
    #[serde(default)]
    pub articles: Vec<ArticleMeta>,
    pub nodes: Vec<Node>,
    pub edges: Vec<EdgeJson>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Meta {
    pub tool: String,
    pub version: String,
    pub schema: u32,
    /// Version of the bundled reference data (`data/VERSION`).
    pub data_version: String,
    pub input: InputSummary,
    pub evidence_limit: usize,
    pub node_count: usize,
    pub edge_count: usize,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct InputSummary {
    pub articles: u64,
    pub skipped: u64,
    pub sentences: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_date: Option<String>,
    /// Distinct article sources, sorted.
    #[serde(default)]
    pub sources: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum EdgeJson {
    Comention {
        source: EntityId,
        target: EntityId,
        /// Sentences naming both (the edge weight).
        sentences: u64,
        articles: u64,
        /// Normalised PMI over sentences, [-1, 1]; absent when `sentences` is 0.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        npmi: Option<f64>,
        evidence: Vec<Evidence>,
    },
    Stance {
        source: EntityId,
        target: EntityId,
        positive: u64,
        negative: u64,
        neutral: u64,
        /// positive + negative + neutral.
        count: u64,
        /// The majority sign.
        sign: Polarity,
        intensity_sum: f64,
        mean_intensity: f64,
        categories: BTreeMap<String, u64>,
        evidence: Vec<StanceEvidence>,
    },
}

impl EdgeJson {
    pub fn source(&self) -> &EntityId {
        match self {
            EdgeJson::Comention { source, .. } | EdgeJson::Stance { source, .. } => source,
        }
    }

    pub fn target(&self) -> &EntityId {
        match self {
            EdgeJson::Comention { target, .. } | EdgeJson::Stance { target, .. } => target,
        }
    }
}

/// Rounds derived floats so that JSON output does not depend on the last bit.
fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

impl KnowledgeGraph {
    /// The serialisable form, sorted for byte-identical output.
    pub fn to_json(&self) -> GraphJson {
        let articles: Vec<ArticleMeta> = self.articles().cloned().collect();
        let dates: Vec<&String> = articles.iter().filter_map(|a| a.date.as_ref()).collect();
        let mut sources: Vec<String> = articles.iter().filter_map(|a| a.source.clone()).collect();
        sources.sort();
        sources.dedup();
        let nodes: Vec<Node> = self.nodes().into_iter().cloned().collect();
        let edges: Vec<EdgeJson> = self
            .edges()
            .into_iter()
            .map(|e| {
                let source = e.source.entity.id.clone();
                let target = e.target.entity.id.clone();
                match e.edge {
                    Edge::Comention(c) => EdgeJson::Comention {
                        npmi: npmi(
                            c.sentences,
                            e.source.entity.sentences,
                            e.target.entity.sentences,
                            self.sentence_count(),
                        )
                        .map(round6),
                        source,
                        target,
                        sentences: c.sentences,
                        articles: c.articles,
                        evidence: c.evidence.clone(),
                    },
                    Edge::Stance(s) => EdgeJson::Stance {
                        source,
                        target,
                        positive: s.positive,
                        negative: s.negative,
                        neutral: s.neutral,
                        count: s.count(),
                        sign: s.sign(),
                        intensity_sum: round6(s.intensity_sum),
                        mean_intensity: round6(s.mean_intensity()),
                        categories: s.categories.clone(),
                        evidence: s.evidence.clone(),
                    },
                }
            })
            .collect();
        GraphJson {
            meta: Meta {
                tool: "newsgraph".to_string(),
                version: env!("CARGO_PKG_VERSION").to_string(),
                schema: SCHEMA_VERSION,
                data_version: crate::DATA_VERSION.trim().to_string(),
                input: InputSummary {
                    articles: articles.len() as u64,
                    skipped: self.skipped(),
                    sentences: self.sentence_count(),
                    first_date: dates.iter().min().map(|d| d.to_string()),
                    last_date: dates.iter().max().map(|d| d.to_string()),
                    sources,
                },
                evidence_limit: self.evidence_limit(),
                node_count: nodes.len(),
                edge_count: edges.len(),
            },
            articles,
            nodes,
            edges,
        }
    }

    /// Rebuilds a graph from its JSON form. Edges naming unknown nodes are dropped.
    pub fn from_json(doc: GraphJson) -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new(doc.meta.evidence_limit);
        g.set_counts(doc.meta.input.sentences, doc.meta.input.skipped);
        for a in doc.articles {
            g.insert_article(a);
        }
        for n in doc.nodes {
            let i = g.add_entity(n.entity);
            g.graph[i].analysis = n.analysis;
        }
        for e in doc.edges {
            match e {
                EdgeJson::Comention {
                    source,
                    target,
                    sentences,
                    articles,
                    evidence,
                    ..
                } => g.add_comention(
                    &source,
                    &target,
                    ComentionEdge {
                        sentences,
                        articles,
                        evidence,
                    },
                ),
                EdgeJson::Stance {
                    source,
                    target,
                    positive,
                    negative,
                    neutral,
                    intensity_sum,
                    categories,
                    evidence,
                    ..
                } => g.add_stance(
                    &source,
                    &target,
                    StanceEdge {
                        positive,
                        negative,
                        neutral,
                        intensity_sum,
                        categories,
                        evidence,
                    },
                ),
            }
        }
        g
    }

    /// Pretty JSON with a trailing newline.
    pub fn to_json_string(&self) -> String {
        let mut s = serde_json::to_string_pretty(&self.to_json())
            .unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
        s.push('\n');
        s
    }

    /// Parses a `graph.json` document.
    pub fn from_json_str(s: &str) -> Result<KnowledgeGraph, serde_json::Error> {
        Ok(KnowledgeGraph::from_json(serde_json::from_str(s)?))
    }
}
