//! The native JSON form of a graph (`graph.json`), documented in `docs/SCHEMA.md`.
//!
//! It is both an export and the format `export`/`analyze` read back, so it carries
//! everything needed to rebuild a `KnowledgeGraph`: raw counts, intensity sums and
//! evidence, plus derived values (association strength, mean intensity) for readers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{
    ArticleMeta, ComentionEdge, ComentionScope, Edge, Evidence, KnowledgeGraph, Node, StanceEdge,
    StanceEvidence, npmi,
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
    /// `sentence`: co-mention edges only for pairs named in one sentence; `article`: also
    /// for pairs named in one article. Files without it are read as `article`.
    #[serde(default = "article_scope")]
    pub comention: ComentionScope,
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

fn article_scope() -> ComentionScope {
    ComentionScope::Article
}

/// Rounds derived floats so that JSON output does not depend on the last bit. Values
/// past 1e15 have no digits after the point left to round (and `x * 1e6` could overflow).
fn round6(x: f64) -> f64 {
    if x.abs() < 1e15 {
        (x * 1e6).round() / 1e6
    } else {
        x
    }
}

/// The largest intensity of one relation; a stance edge's `intensity_sum` is at most this
/// times its count.
pub const MAX_INTENSITY: f64 = 10.0;

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
                    // The mean is derived from the sum as written, so that reading the
                    // file back and writing it again gives the same digits.
                    Edge::Stance(s) => EdgeJson::Stance {
                        source,
                        target,
                        positive: s.positive,
                        negative: s.negative,
                        neutral: s.neutral,
                        count: s.count(),
                        sign: s.sign(),
                        intensity_sum: round6(s.intensity_sum),
                        mean_intensity: match s.count() {
                            0 => 0.0,
                            n => round6(round6(s.intensity_sum) / n as f64),
                        },
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
                comention: self.comention_scope(),
                node_count: nodes.len(),
                edge_count: edges.len(),
            },
            articles,
            nodes,
            edges,
        }
    }

    /// Rebuilds a graph from its JSON form. Edges naming unknown nodes are dropped, and
    /// other repairs are made silently: see [`KnowledgeGraph::from_json_checked`].
    pub fn from_json(doc: GraphJson) -> KnowledgeGraph {
        KnowledgeGraph::from_json_checked(doc).0
    }

    /// Rebuilds a graph from its JSON form and says what was wrong with it, one sentence
    /// per kind of problem: a schema version other than [`SCHEMA_VERSION`], nodes listed
    /// twice (merged), edges naming nodes that are not listed (dropped), edges listed
    /// twice (merged), intensities out of range or not finite (clamped).
    pub fn from_json_checked(doc: GraphJson) -> (KnowledgeGraph, Vec<String>) {
        let mut problems = Vec::new();
        if doc.meta.schema != SCHEMA_VERSION {
            problems.push(format!(
                "schema version {} (this newsgraph writes and reads version {SCHEMA_VERSION})",
                doc.meta.schema
            ));
        }
        let mut g = KnowledgeGraph::new(doc.meta.evidence_limit);
        g.set_counts(doc.meta.input.sentences, doc.meta.input.skipped);
        g.set_comention_scope(doc.meta.comention);
        for a in doc.articles {
            g.insert_article(a);
        }
        let mut twice = Problem::new("node", "listed more than once, merged");
        for n in doc.nodes {
            if g.node_index(&n.entity.id).is_some() {
                twice.add(n.entity.id.as_str().to_string());
            }
            let i = g.add_entity(n.entity);
            g.graph[i].analysis.extend(n.analysis);
        }
        let mut dangling = Problem::new("edge", "naming a node that is not in the graph, dropped");
        let mut repeated = Problem::new("edge", "listed more than once, merged");
        let mut clamped = Problem::new("intensity", "out of range or not a number, clamped");
        let mut seen = std::collections::HashSet::new();
        for e in doc.edges {
            let (source, target) = (e.source().clone(), e.target().clone());
            let kind = match e {
                EdgeJson::Comention { .. } => "--",
                EdgeJson::Stance { .. } => "->",
            };
            let name = format!("{source} {kind} {target}");
            if g.node_index(&source).is_none() || g.node_index(&target).is_none() {
                dangling.add(name);
                continue;
            }
            let key = match kind {
                "--" if target < source => (target.clone(), source.clone(), kind),
                _ => (source.clone(), target.clone(), kind),
            };
            if !seen.insert(key) {
                repeated.add(name.clone());
            }
            match e {
                EdgeJson::Comention {
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
                    positive,
                    negative,
                    neutral,
                    intensity_sum,
                    categories,
                    mut evidence,
                    ..
                } => {
                    let mut edge = StanceEdge {
                        positive,
                        negative,
                        neutral,
                        intensity_sum,
                        categories,
                        evidence: Vec::new(),
                    };
                    let most = MAX_INTENSITY * edge.count() as f64;
                    if intensity_sum.is_nan() || intensity_sum.abs() > most {
                        clamped.add(format!("{name}: intensity_sum {intensity_sum}"));
                        edge.intensity_sum = if intensity_sum.is_nan() {
                            0.0
                        } else {
                            intensity_sum.clamp(-most, most)
                        };
                    }
                    for ev in &mut evidence {
                        let x = f64::from(ev.intensity);
                        if x.is_nan() || x.abs() > MAX_INTENSITY {
                            clamped.add(format!("{name}: evidence intensity {x}"));
                            ev.intensity = if x.is_nan() {
                                0.0
                            } else {
                                x.clamp(-MAX_INTENSITY, MAX_INTENSITY) as f32
                            };
                        }
                    }
                    edge.evidence = evidence;
                    g.add_stance(&source, &target, edge)
                }
            }
        }
        for p in [twice, dangling, repeated, clamped] {
            problems.extend(p.sentence());
        }
        (g, problems)
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

/// One kind of problem found in a graph.json and where: said in one sentence.
struct Problem {
    what: &'static str,
    verdict: &'static str,
    count: usize,
    first: Vec<String>,
}

impl Problem {
    /// How many examples a sentence names.
    const EXAMPLES: usize = 3;

    fn new(what: &'static str, verdict: &'static str) -> Problem {
        Problem {
            what,
            verdict,
            count: 0,
            first: Vec::new(),
        }
    }

    fn add(&mut self, example: String) {
        self.count += 1;
        if self.first.len() < Self::EXAMPLES {
            self.first.push(example);
        }
    }

    fn sentence(&self) -> Option<String> {
        let noun = if self.count == 1 {
            self.what.to_string()
        } else {
            format!("{}s", self.what)
        };
        let more = if self.count > self.first.len() {
            ", ..."
        } else {
            ""
        };
        (self.count > 0).then(|| {
            format!(
                "{} {noun} {} ({}{more})",
                self.count,
                self.verdict,
                self.first.join(", ")
            )
        })
    }
}
