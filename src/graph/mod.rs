//! The knowledge graph: one node per canonical entity, undirected co-mention edges and
//! directed, signed stance edges, each keeping its evidence.
//!
//! The store is a petgraph `Graph`; node and edge order inside it depends on input order,
//! so everything that leaves this module (`nodes()`, `edges()`, JSON) is sorted by entity
//! id. Evidence lists keep the N smallest references in (article, sentence, span) order,
//! which makes building associative: merging the graphs of two runs over disjoint inputs
//! gives exactly the graph of one run over both.

pub mod backbone;
pub mod filter;
pub mod identity;
pub mod json;
pub mod judged;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use petgraph::graph::{EdgeIndex, Graph, NodeIndex};
use serde::{Deserialize, Serialize};

use crate::model::{Article, Document, Entity, EntityId, Polarity, Span};

pub use json::{EdgeJson, GraphJson, SCHEMA_VERSION};

/// How many evidence references an edge keeps unless told otherwise.
pub const DEFAULT_EVIDENCE_LIMIT: usize = 5;

/// A node: the entity plus analysis results written by `analyze` (centrality, community...).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Node {
    #[serde(flatten)]
    pub entity: Entity,
    /// Attribute name -> value; numbers and strings only, every exporter writes them.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub analysis: BTreeMap<String, serde_json::Value>,
}

/// Where an edge was seen: a sentence of an article, the byte span it covers and its text.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Evidence {
    pub article: String,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    /// The sentence text, so that a viewer can show it without the corpus.
    pub text: String,
}

/// Two entities named together.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ComentionEdge {
    /// Sentences naming both.
    pub sentences: u64,
    /// Articles naming both (anywhere in the article).
    pub articles: u64,
    pub evidence: Vec<Evidence>,
}

/// One stance observation kept as evidence on a stance edge.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StanceEvidence {
    #[serde(flatten)]
    pub at: Evidence,
    pub polarity: Polarity,
    pub intensity: f32,
    pub category: String,
    pub cue: String,
}

/// `source` acting toward `target`, aggregated over every relation seen.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StanceEdge {
    pub positive: u64,
    pub negative: u64,
    pub neutral: u64,
    /// Sum of intensities; `mean_intensity()` divides by the count.
    pub intensity_sum: f64,
    /// Category -> number of relations.
    pub categories: BTreeMap<String, u64>,
    pub evidence: Vec<StanceEvidence>,
}

impl StanceEdge {
    pub fn count(&self) -> u64 {
        self.positive
            .saturating_add(self.negative)
            .saturating_add(self.neutral)
    }

    pub fn mean_intensity(&self) -> f64 {
        match self.count() {
            0 => 0.0,
            n => self.intensity_sum / n as f64,
        }
    }

    /// The overall sign: the majority of positive vs negative relations, neutral on a tie.
    pub fn sign(&self) -> Polarity {
        use std::cmp::Ordering::*;
        match self.positive.cmp(&self.negative) {
            Greater => Polarity::Positive,
            Less => Polarity::Negative,
            Equal => Polarity::Neutral,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Edge {
    /// Undirected; stored with `source < target` by entity id.
    Comention(ComentionEdge),
    /// Directed: source -> target.
    Stance(StanceEdge),
}

impl Edge {
    pub fn kind(&self) -> EdgeKind {
        match self {
            Edge::Comention(_) => EdgeKind::Comention,
            Edge::Stance(_) => EdgeKind::Stance,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EdgeKind {
    Comention,
    Stance,
}

impl EdgeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Comention => "comention",
            EdgeKind::Stance => "stance",
        }
    }
}

/// Which pairs of actors get a co-mention edge: those named in one sentence (the
/// default: an edge says the text puts them together) or, as well, those only named in
/// one article.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ComentionScope {
    #[default]
    Sentence,
    Article,
}

impl ComentionScope {
    pub fn as_str(self) -> &'static str {
        match self {
            ComentionScope::Sentence => "sentence",
            ComentionScope::Article => "article",
        }
    }

    /// Parses `sentence` or `article` (case-insensitive).
    pub fn parse(s: &str) -> Option<ComentionScope> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sentence" => Some(ComentionScope::Sentence),
            "article" => Some(ComentionScope::Article),
            _ => None,
        }
    }
}

/// An edge as handed to exporters: endpoints by id, in sorted order.
#[derive(Clone, Copy, Debug)]
pub struct EdgeRef<'g> {
    pub source: &'g Node,
    pub target: &'g Node,
    pub edge: &'g Edge,
}

/// Article metadata kept in the graph, so evidence can be traced to its source.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ArticleMeta {
    pub id: String,
    #[serde(default)]
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
}

impl From<&Article> for ArticleMeta {
    fn from(a: &Article) -> ArticleMeta {
        ArticleMeta {
            id: a.id.clone(),
            title: a.title.clone(),
            date: a.date.clone(),
            source: a.source.clone(),
            url: a.url.clone(),
            author: a.author.clone(),
        }
    }
}

/// The actor graph.
#[derive(Clone, Debug)]
pub struct KnowledgeGraph {
    graph: Graph<Node, Edge>,
    index: HashMap<EntityId, NodeIndex>,
    edge_index: HashMap<(NodeIndex, NodeIndex, EdgeKind), EdgeIndex>,
    articles: BTreeMap<String, ArticleMeta>,
    /// Sentences read in total (for association measures).
    sentences: u64,
    /// Inputs that were skipped while building (reported in `meta`).
    skipped: u64,
    evidence_limit: usize,
    /// `Article` while pairs that share only an article may be in the graph.
    comention: ComentionScope,
}

impl Default for KnowledgeGraph {
    fn default() -> Self {
        KnowledgeGraph::new(DEFAULT_EVIDENCE_LIMIT)
    }
}

impl KnowledgeGraph {
    /// An empty graph whose edges keep at most `evidence_limit` evidence references.
    pub fn new(evidence_limit: usize) -> KnowledgeGraph {
        KnowledgeGraph {
            graph: Graph::new(),
            index: HashMap::new(),
            edge_index: HashMap::new(),
            articles: BTreeMap::new(),
            sentences: 0,
            skipped: 0,
            evidence_limit,
            comention: ComentionScope::Article,
        }
    }

    /// Whether pairs that only share an article may have a co-mention edge.
    pub fn comention_scope(&self) -> ComentionScope {
        self.comention
    }

    /// Declares which co-mention edges the graph holds (used when reading a saved graph).
    pub(crate) fn set_comention_scope(&mut self, scope: ComentionScope) {
        self.comention = scope;
    }

    /// Keeps co-mention edges of `scope`: with `Sentence`, drops the edges of pairs that
    /// share no sentence and returns how many went. Actors stay even without edges.
    ///
    /// Article-level pairs are counted while building and dropped only here, so that the
    /// `articles` count of the edges kept is exact (a pair may share a sentence in one
    /// article and only the article in another).
    pub fn restrict_comentions(&mut self, scope: ComentionScope) -> usize {
        if scope == ComentionScope::Article {
            return 0;
        }
        let before = self.edge_count();
        self.retain_edges(|_, _, e| match e {
            Edge::Comention(c) => c.sentences > 0,
            Edge::Stance(_) => true,
        });
        self.comention = ComentionScope::Sentence;
        before - self.edge_count()
    }

    pub fn evidence_limit(&self) -> usize {
        self.evidence_limit
    }

    /// The underlying petgraph graph (indices are not stable across builds; ids are).
    pub fn petgraph(&self) -> &Graph<Node, Edge> {
        &self.graph
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    pub fn sentence_count(&self) -> u64 {
        self.sentences
    }

    pub fn skipped(&self) -> u64 {
        self.skipped
    }

    /// Records that `n` inputs were skipped while building this graph.
    pub fn add_skipped(&mut self, n: u64) {
        self.skipped = self.skipped.saturating_add(n);
    }

    pub fn articles(&self) -> impl Iterator<Item = &ArticleMeta> {
        self.articles.values()
    }

    pub fn article(&self, id: &str) -> Option<&ArticleMeta> {
        self.articles.get(id)
    }

    pub fn node_index(&self, id: &EntityId) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    pub fn node(&self, id: &EntityId) -> Option<&Node> {
        self.node_index(id).map(|i| &self.graph[i])
    }

    pub fn node_mut(&mut self, id: &EntityId) -> Option<&mut Node> {
        let i = self.node_index(id)?;
        Some(&mut self.graph[i])
    }

    /// Nodes sorted by entity id.
    pub fn nodes(&self) -> Vec<&Node> {
        let mut nodes: Vec<&Node> = self.graph.node_weights().collect();
        nodes.sort_by(|a, b| a.entity.id.cmp(&b.entity.id));
        nodes
    }

    /// Edges sorted by (kind, source id, target id).
    pub fn edges(&self) -> Vec<EdgeRef<'_>> {
        let mut edges: Vec<EdgeRef<'_>> = self
            .graph
            .edge_indices()
            .filter_map(|e| {
                let (s, t) = self.graph.edge_endpoints(e)?;
                Some(EdgeRef {
                    source: &self.graph[s],
                    target: &self.graph[t],
                    edge: &self.graph[e],
                })
            })
            .collect();
        edges.sort_by(|a, b| {
            (a.edge.kind(), &a.source.entity.id, &a.target.entity.id).cmp(&(
                b.edge.kind(),
                &b.source.entity.id,
                &b.target.entity.id,
            ))
        });
        edges
    }

    /// Adds one extracted article: its entities, co-mentions and stance relations.
    /// An article whose id is already in the graph is ignored and `false` returned.
    pub fn add_document(&mut self, doc: &Document) -> bool {
        if self.articles.contains_key(&doc.article.id) {
            return false;
        }
        self.articles
            .insert(doc.article.id.clone(), ArticleMeta::from(&doc.article));
        self.sentences = self.sentences.saturating_add(doc.sentences.len() as u64);
        for entity in &doc.entities {
            self.add_entity(entity.clone());
        }

        // Co-mentions: distinct entities per sentence and per article. Evidence is kept in
        // sentence order and only up to the limit, so that a long article does not copy
        // every sentence text for every pair.
        let limit = self.evidence_limit;
        let mut per_sentence: BTreeMap<usize, BTreeSet<&EntityId>> = BTreeMap::new();
        for m in &doc.mentions {
            per_sentence
                .entry(m.sentence)
                .or_default()
                .insert(&m.entity);
        }
        let mut pairs: BTreeMap<(&EntityId, &EntityId), ComentionEdge> = BTreeMap::new();
        for (&sentence, ids) in &per_sentence {
            let ids: Vec<&EntityId> = ids.iter().copied().collect();
            let span = doc
                .sentences
                .get(sentence)
                .map(|s| s.span)
                .unwrap_or_default();
            for (i, a) in ids.iter().enumerate() {
                for b in &ids[i + 1..] {
                    let edge = pairs.entry((a, b)).or_default();
                    edge.sentences += 1;
                    if edge.evidence.len() >= limit {
                        continue;
                    }
                    edge.evidence.push(Evidence {
                        article: doc.article.id.clone(),
                        sentence,
                        start: span.start,
                        end: span.end,
                        text: doc.sentence_text(sentence).to_string(),
                    });
                }
            }
        }
        let all = article_pair_entities(&doc.mentions);
        for (i, a) in all.iter().enumerate() {
            for b in &all[i + 1..] {
                pairs.entry((a, b)).or_default().articles = 1;
            }
        }
        for ((a, b), edge) in pairs {
            self.add_comention(a, b, edge);
        }

        for rel in &doc.stance {
            if rel.source == rel.target {
                continue;
            }
            let mut edge = StanceEdge::default();
            match rel.polarity {
                Polarity::Positive => edge.positive = 1,
                Polarity::Negative => edge.negative = 1,
                Polarity::Neutral => edge.neutral = 1,
            }
            edge.intensity_sum = f64::from(rel.intensity);
            edge.categories.insert(rel.category.clone(), 1);
            let span = doc
                .sentences
                .get(rel.sentence)
                .map(|s| s.span)
                .unwrap_or(Span::new(rel.cue_span.start, rel.cue_span.end));
            edge.evidence.push(StanceEvidence {
                at: Evidence {
                    article: doc.article.id.clone(),
                    sentence: rel.sentence,
                    start: span.start,
                    end: span.end,
                    text: doc.sentence_text(rel.sentence).to_string(),
                },
                polarity: rel.polarity,
                intensity: rel.intensity,
                category: rel.category.clone(),
                cue: rel.cue.clone(),
            });
            self.add_stance(&rel.source, &rel.target, edge);
        }
        true
    }

    /// Adds an entity or folds its counts and aliases into the existing node with its id.
    pub fn add_entity(&mut self, entity: Entity) -> NodeIndex {
        if let Some(&i) = self.index.get(&entity.id) {
            let node = &mut self.graph[i].entity;
            // Counts from a graph.json may be anything: saturate, never wrap or panic.
            node.mentions = node.mentions.saturating_add(entity.mentions);
            node.sentences = node.sentences.saturating_add(entity.sentences);
            node.articles = node.articles.saturating_add(entity.articles);
            for (alias, n) in entity.aliases {
                let count = node.aliases.entry(alias).or_default();
                *count = count.saturating_add(n);
            }
            // Where two articles disagree, the choice must not depend on which came
            // first: the graph is the same for any input order.
            if name_rank(&entity.name) < name_rank(&node.name) {
                node.name = entity.name;
            }
            node.flags.extend(entity.flags);
            either_min(&mut node.ids.qid, entity.ids.qid);
            either_min(&mut node.ids.iso2, entity.ids.iso2);
            either_min(&mut node.ids.iso3, entity.ids.iso3);
            return i;
        }
        let id = entity.id.clone();
        let i = self.graph.add_node(Node {
            entity,
            analysis: BTreeMap::new(),
        });
        self.index.insert(id, i);
        i
    }

    /// Adds a co-mention observation between two known entities (order does not matter).
    pub fn add_comention(&mut self, a: &EntityId, b: &EntityId, edge: ComentionEdge) {
        let (a, b) = if a <= b { (a, b) } else { (b, a) };
        let (Some(ia), Some(ib)) = (self.node_index(a), self.node_index(b)) else {
            return;
        };
        let limit = self.evidence_limit;
        match self.edge_index.get(&(ia, ib, EdgeKind::Comention)) {
            Some(&e) => {
                if let Edge::Comention(old) = &mut self.graph[e] {
                    old.sentences = old.sentences.saturating_add(edge.sentences);
                    old.articles = old.articles.saturating_add(edge.articles);
                    merge_evidence(&mut old.evidence, edge.evidence, limit, |e| e);
                }
            }
            None => {
                let mut edge = edge;
                cap_evidence(&mut edge.evidence, limit, |e| e);
                let e = self.graph.add_edge(ia, ib, Edge::Comention(edge));
                self.edge_index.insert((ia, ib, EdgeKind::Comention), e);
            }
        }
    }

    /// Adds stance observations `source -> target` between two known entities.
    pub fn add_stance(&mut self, source: &EntityId, target: &EntityId, edge: StanceEdge) {
        let (Some(is), Some(it)) = (self.node_index(source), self.node_index(target)) else {
            return;
        };
        let limit = self.evidence_limit;
        match self.edge_index.get(&(is, it, EdgeKind::Stance)) {
            Some(&e) => {
                if let Edge::Stance(old) = &mut self.graph[e] {
                    old.positive = old.positive.saturating_add(edge.positive);
                    old.negative = old.negative.saturating_add(edge.negative);
                    old.neutral = old.neutral.saturating_add(edge.neutral);
                    old.intensity_sum += edge.intensity_sum;
                    for (c, n) in edge.categories {
                        let count = old.categories.entry(c).or_default();
                        *count = count.saturating_add(n);
                    }
                    merge_evidence(&mut old.evidence, edge.evidence, limit, |e| &e.at);
                }
            }
            None => {
                let mut edge = edge;
                cap_evidence(&mut edge.evidence, limit, |e| &e.at);
                let e = self.graph.add_edge(is, it, Edge::Stance(edge));
                self.edge_index.insert((is, it, EdgeKind::Stance), e);
            }
        }
    }

    /// Folds `other` into `self`. Articles already present in `self` are not counted twice
    /// only if the caller never builds overlapping inputs: counts are summed as they are.
    pub fn merge(&mut self, other: KnowledgeGraph) {
        if other.comention == ComentionScope::Article {
            self.comention = ComentionScope::Article;
        }
        self.sentences = self.sentences.saturating_add(other.sentences);
        self.skipped = self.skipped.saturating_add(other.skipped);
        self.articles.extend(other.articles);
        let (nodes, edges) = other.graph.into_nodes_edges();
        let ids: Vec<EntityId> = nodes.iter().map(|n| n.weight.entity.id.clone()).collect();
        for n in nodes {
            let i = self.add_entity(n.weight.entity);
            let node = &mut self.graph[i];
            for (k, v) in n.weight.analysis {
                node.analysis.entry(k).or_insert(v);
            }
        }
        for e in edges {
            let s = &ids[e.source().index()];
            let t = &ids[e.target().index()];
            match e.weight {
                Edge::Comention(c) => self.add_comention(s, t, c),
                Edge::Stance(st) => self.add_stance(s, t, st),
            }
        }
    }

    /// Gives every node in `merges` (old id -> new id) the new id, folding it into the node
    /// already there: counts and aliases add up, the surviving node keeps its name, and
    /// edges follow their endpoints (an edge between two merged nodes disappears).
    pub fn rename(&mut self, merges: &BTreeMap<EntityId, EntityId>) {
        if merges.is_empty() {
            return;
        }
        let old = std::mem::take(&mut self.graph);
        self.index.clear();
        self.edge_index.clear();
        let (nodes, edges) = old.into_nodes_edges();
        let new_id = |id: &EntityId| merges.get(id).unwrap_or(id).clone();
        let ids: Vec<EntityId> = nodes.iter().map(|n| new_id(&n.weight.entity.id)).collect();
        let names: BTreeMap<EntityId, String> = nodes
            .iter()
            .filter(|n| !merges.contains_key(&n.weight.entity.id))
            .map(|n| (n.weight.entity.id.clone(), n.weight.entity.name.clone()))
            .collect();
        for (n, id) in nodes.into_iter().zip(&ids) {
            let mut entity = n.weight.entity;
            if entity.id != *id {
                if let Some(name) = names.get(id) {
                    entity.name = name.clone();
                }
                entity.id = id.clone();
            }
            let i = self.add_entity(entity);
            let node = &mut self.graph[i];
            for (k, v) in n.weight.analysis {
                node.analysis.entry(k).or_insert(v);
            }
        }
        for e in edges {
            let (s, t) = (&ids[e.source().index()], &ids[e.target().index()]);
            if s == t {
                continue;
            }
            match e.weight {
                Edge::Comention(c) => self.add_comention(s, t, c),
                Edge::Stance(st) => self.add_stance(s, t, st),
            }
        }
    }

    /// Inserts article metadata without content (used when reading a saved graph).
    pub(crate) fn insert_article(&mut self, meta: ArticleMeta) {
        self.articles.insert(meta.id.clone(), meta);
    }

    pub(crate) fn set_counts(&mut self, sentences: u64, skipped: u64) {
        self.sentences = sentences;
        self.skipped = skipped;
    }

    /// Keeps only the nodes for which `keep` is true, and the edges between them.
    pub fn retain_nodes(&mut self, mut keep: impl FnMut(&Node) -> bool) {
        self.graph.retain_nodes(|g, i| keep(&g[i]));
        self.reindex();
    }

    /// Keeps only the edges for which `keep` is true.
    pub fn retain_edges(&mut self, mut keep: impl FnMut(&Node, &Node, &Edge) -> bool) {
        self.graph.retain_edges(|g, e| match g.edge_endpoints(e) {
            Some((s, t)) => keep(&g[s], &g[t], &g[e]),
            None => false,
        });
        self.reindex();
    }

    fn reindex(&mut self) {
        self.index = self
            .graph
            .node_indices()
            .map(|i| (self.graph[i].entity.id.clone(), i))
            .collect();
        self.edge_index = self
            .graph
            .edge_indices()
            .filter_map(|e| {
                let (s, t) = self.graph.edge_endpoints(e)?;
                Some(((s, t, self.graph[e].kind()), e))
            })
            .collect();
    }
}

/// Association strength of a co-mention edge: normalised pointwise mutual information over
/// sentences, in [-1, 1]; `None` when the pair never shares a sentence.
pub fn npmi(pair_sentences: u64, a_sentences: u64, b_sentences: u64, total: u64) -> Option<f64> {
    if pair_sentences == 0 || a_sentences == 0 || b_sentences == 0 || total == 0 {
        return None;
    }
    let n = total as f64;
    let pxy = pair_sentences as f64 / n;
    let px = a_sentences as f64 / n;
    let py = b_sentences as f64 / n;
    if pxy >= 1.0 {
        return Some(1.0);
    }
    Some(((pxy / (px * py)).ln() / -pxy.ln()).clamp(-1.0, 1.0))
}

/// Between two names of one entity, the one kept: a name starting with a letter or digit
/// before one starting with punctuation ("Gen." before "&Gen."), then the smaller.
fn name_rank(name: &str) -> (bool, &str) {
    (!name.starts_with(char::is_alphanumeric), name)
}

/// Keeps the smaller of two optional values, a value before none.
fn either_min(kept: &mut Option<String>, other: Option<String>) {
    if let Some(o) = other {
        if kept.as_ref().is_none_or(|k| o < *k) {
            *kept = Some(o);
        }
    }
}

/// Most actors of one article paired with each other by article-level co-mention edges:
/// the pairs grow with the square of the actors, so an article naming more (a list of
/// thousands of names) pairs only its most mentioned ones (ties by id).
pub const MAX_ARTICLE_PAIRS_ACTORS: usize = 200;

/// The entities of an article that article-level co-mentions pair, in id order.
fn article_pair_entities(mentions: &[crate::model::Mention]) -> Vec<&EntityId> {
    let mut counts: BTreeMap<&EntityId, usize> = BTreeMap::new();
    for m in mentions {
        *counts.entry(&m.entity).or_default() += 1;
    }
    let mut ids: Vec<(&EntityId, usize)> = counts.into_iter().collect();
    if ids.len() > MAX_ARTICLE_PAIRS_ACTORS {
        ids.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        ids.truncate(MAX_ARTICLE_PAIRS_ACTORS);
        ids.sort();
    }
    ids.into_iter().map(|(id, _)| id).collect()
}

fn cap_evidence<T>(list: &mut Vec<T>, limit: usize, key: impl Fn(&T) -> &Evidence) {
    list.sort_by(|a, b| key(a).cmp(key(b)));
    list.dedup_by(|a, b| key(a) == key(b));
    list.truncate(limit);
}

fn merge_evidence<T>(
    list: &mut Vec<T>,
    more: Vec<T>,
    limit: usize,
    key: impl Fn(&T) -> &Evidence + Copy,
) {
    list.extend(more);
    cap_evidence(list, limit, key);
}

#[cfg(test)]
mod tests;
