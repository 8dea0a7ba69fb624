//! Network analysis over the actor graph: centrality, communities, components and
//! structural balance, one file per algorithm family.
//!
//! Every measure runs on a [`Network`] whose node `i` is the `i`-th entity in id order, so
//! results never depend on petgraph's insertion order. [`analyze`] stores them as node
//! attributes (floats rounded to 6 decimals) and returns a graph-level [`Report`].

pub mod balance;
pub mod centrality;
pub mod community;
pub mod components;
pub mod dossier;
mod report;

use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::{Error, Result};
use crate::graph::{Edge, KnowledgeGraph};
use crate::model::EntityId;

pub use balance::{Balance, BalanceOptions, SignedNetwork, Triads};
pub use centrality::{BetweennessOptions, Centrality, PageRankOptions};
pub use community::LouvainOptions;
pub use report::{Camp, NodeRow, Report, ReportFormat};

/// An undirected, weighted, simple graph on nodes `0..n`, stored as sorted adjacency lists.
///
/// Duplicate edges are summed, self-loops and edges of weight `<= 0` are dropped.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Network {
    adj: Vec<Vec<(usize, f64)>>,
}

impl Network {
    /// Builds a network on `n` nodes from `(a, b, weight)` triples.
    ///
    /// Returns an error when an endpoint is `>= n` or a weight is not finite.
    pub fn from_edges(
        n: usize,
        edges: impl IntoIterator<Item = (usize, usize, f64)>,
    ) -> Result<Network> {
        let mut pairs: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        for (a, b, w) in edges {
            if a >= n || b >= n {
                return Err(Error::usage(format!(
                    "edge ({a}, {b}) names a node outside 0..{n}"
                )));
            }
            if !w.is_finite() {
                return Err(Error::usage(format!("edge ({a}, {b}) has weight {w}")));
            }
            if a == b || w <= 0.0 {
                continue;
            }
            *pairs.entry((a.min(b), a.max(b))).or_default() += w;
        }
        let mut adj = vec![Vec::new(); n];
        for ((a, b), w) in pairs {
            adj[a].push((b, w));
            adj[b].push((a, w));
        }
        for list in &mut adj {
            list.sort_by_key(|&(v, _)| v);
        }
        Ok(Network { adj })
    }

    pub fn node_count(&self) -> usize {
        self.adj.len()
    }

    /// Number of undirected edges.
    pub fn edge_count(&self) -> usize {
        self.adj.iter().map(Vec::len).sum::<usize>() / 2
    }

    /// Neighbours of `i` with edge weights, sorted by neighbour.
    pub fn neighbors(&self, i: usize) -> &[(usize, f64)] {
        self.adj.get(i).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Sum of all edge weights (each undirected edge once).
    pub fn total_weight(&self) -> f64 {
        self.adj
            .iter()
            .enumerate()
            .flat_map(|(a, l)| l.iter().filter(move |(b, _)| *b > a).map(|(_, w)| *w))
            .sum()
    }
}

/// What [`analyze`] computes and how.
#[derive(Clone, Debug, PartialEq)]
pub struct AnalyzeOptions {
    pub pagerank: PageRankOptions,
    pub betweenness: BetweennessOptions,
    pub louvain: LouvainOptions,
    pub balance: BalanceOptions,
    /// Power iterations for eigenvector centrality.
    pub eigenvector_max_iterations: usize,
}

impl Default for AnalyzeOptions {
    fn default() -> Self {
        AnalyzeOptions {
            pagerank: PageRankOptions::default(),
            betweenness: BetweennessOptions::default(),
            louvain: LouvainOptions::default(),
            balance: BalanceOptions::default(),
            eigenvector_max_iterations: 1000,
        }
    }
}

impl AnalyzeOptions {
    /// The same options with every seeded algorithm using `seed`.
    pub fn with_seed(mut self, seed: u64) -> AnalyzeOptions {
        self.betweenness.seed = seed;
        self.louvain.seed = seed;
        self.balance.seed = seed;
        self
    }
}

/// The analysis views of a knowledge graph: entity ids in order, the weighted tie network
/// and the signed stance network, index-aligned.
///
/// **Tie weight.** A pair's weight is the number of sentences naming both (its co-mention
/// edge). A stance relation is found inside a sentence naming both actors, so co-mention
/// already counts that evidence; stance counts (both directions, every polarity) stand in
/// only for pairs without a co-mention sentence, e.g. after `--edges stance`. Pairs named in
/// the same article but never in the same sentence, and without stance, are not ties.
///
/// **Sign.** See [`SignedNetwork`]: stance edges in both directions are summed and the sign
/// is that of `positive - negative`; neutral relations and ties carry no sign.
#[derive(Clone, Debug)]
pub struct Views {
    pub ids: Vec<EntityId>,
    pub ties: Network,
    pub signs: SignedNetwork,
}

impl Views {
    pub fn new(graph: &KnowledgeGraph) -> Views {
        let pg = graph.petgraph();
        let mut order: Vec<_> = pg.node_indices().collect();
        order.sort_by(|a, b| pg[*a].entity.id.cmp(&pg[*b].entity.id));
        let mut position = vec![0usize; pg.node_count()];
        for (i, ni) in order.iter().enumerate() {
            position[ni.index()] = i;
        }
        let ids: Vec<EntityId> = order.iter().map(|&i| pg[i].entity.id.clone()).collect();

        // (comention sentences, stance count, positive - negative) per unordered pair.
        let mut pairs: BTreeMap<(usize, usize), (Option<u64>, u64, i64)> = BTreeMap::new();
        for e in pg.edge_indices() {
            let Some((s, t)) = pg.edge_endpoints(e) else {
                continue;
            };
            let (a, b) = (position[s.index()], position[t.index()]);
            if a == b {
                continue;
            }
            let entry = pairs.entry((a.min(b), a.max(b))).or_default();
            match &pg[e] {
                Edge::Comention(c) => {
                    entry.0 = Some(entry.0.unwrap_or(0) + c.sentences);
                }
                Edge::Stance(st) => {
                    entry.1 += st.count();
                    entry.2 += st.positive as i64 - st.negative as i64;
                }
            }
        }
        let n = ids.len();
        let ties = pairs.iter().map(|(&(a, b), &(c, s, _))| match c {
            Some(c) if c > 0 => (a, b, c as f64),
            _ => (a, b, s as f64),
        });
        let signed = pairs
            .iter()
            .filter(|(_, (_, _, net))| *net != 0)
            .map(|(&(a, b), &(_, _, net))| (a, b, net.signum() as i8));
        Views {
            // Indices come from `position`, so they are always in range.
            ties: Network::from_edges(n, ties).unwrap_or_default(),
            signs: SignedNetwork::from_edges(n, signed).unwrap_or_default(),
            ids,
        }
    }
}

/// Runs every measure on `graph`, stores the per-node results in `Node::analysis`
/// (`degree`, `weighted_degree`, `pagerank`, `betweenness`, `eigenvector`, `community`,
/// `component`, and `camp` for nodes with signed edges) and returns the graph-level report.
///
/// Earlier values of these keys are replaced; other keys are left alone.
///
/// # Complexity
/// Dominated by betweenness: `O(n * m)` exact, `O(k * m)` sampled with `k` sources.
pub fn analyze(graph: &mut KnowledgeGraph, opts: &AnalyzeOptions) -> Report {
    let views = Views::new(graph);
    let net = &views.ties;
    let degree = centrality::degree(net);
    let weighted = centrality::weighted_degree(net);
    let pagerank = centrality::page_rank(net, &opts.pagerank);
    let betweenness = centrality::betweenness(net, &opts.betweenness);
    let eigen = centrality::eigenvector(net, opts.eigenvector_max_iterations);
    let communities = community::louvain(net, &opts.louvain);
    let modularity = community::modularity(net, &communities, opts.louvain.resolution);
    let comps = components::connected_components(net);
    let balance = balance::balance(&views.signs, &opts.balance);

    const KEYS: [&str; 8] = [
        "degree",
        "weighted_degree",
        "pagerank",
        "betweenness",
        "eigenvector",
        "community",
        "component",
        "camp",
    ];
    let mut rows = Vec::with_capacity(views.ids.len());
    for (i, id) in views.ids.iter().enumerate() {
        let Some(node) = graph.node_mut(id) else {
            continue;
        };
        for k in KEYS {
            node.analysis.remove(k);
        }
        let row = NodeRow {
            id: id.clone(),
            name: node.entity.name.clone(),
            etype: node.entity.etype,
            degree: degree[i] as u64,
            weighted_degree: round6(weighted[i]),
            pagerank: round6(pagerank.values[i]),
            betweenness: round6(betweenness.values[i]),
            eigenvector: round6(eigen.values[i]),
            community: communities[i],
            component: comps[i],
            camp: balance.camp_of[i],
        };
        let a = &mut node.analysis;
        a.insert("degree".into(), Value::from(row.degree));
        a.insert(
            "weighted_degree".into(),
            count_or_number(row.weighted_degree),
        );
        a.insert("pagerank".into(), number(row.pagerank));
        a.insert("betweenness".into(), number(row.betweenness));
        a.insert("eigenvector".into(), number(row.eigenvector));
        a.insert("community".into(), Value::from(row.community));
        a.insert("component".into(), Value::from(row.component));
        if let Some(c) = row.camp {
            a.insert("camp".into(), Value::from(c));
        }
        rows.push(row);
    }
    Report::new(
        rows,
        net.edge_count(),
        report::Summary {
            pagerank_converged: pagerank.converged,
            eigenvector_converged: eigen.converged,
            betweenness_sources: betweenness.sources,
            modularity: round6(modularity),
            community_sizes: sizes(&communities),
            component_sizes: sizes(&comps),
        },
        &views.ids,
        balance,
    )
}

/// Rounds to 6 decimals so that output does not depend on the last bits of a float.
pub fn round6(x: f64) -> f64 {
    let r = (x * 1e6).round() / 1e6;
    if r == 0.0 { 0.0 } else { r }
}

/// Tie weights are counts, so their sums are integers: store them as such.
fn count_or_number(x: f64) -> Value {
    if x.fract() == 0.0 && (0.0..9.0e15).contains(&x) {
        Value::from(x as u64)
    } else {
        number(x)
    }
}

fn number(x: f64) -> Value {
    serde_json::Number::from_f64(x)
        .map(Value::Number)
        .unwrap_or(Value::Null)
}

/// Sizes of groups numbered `0..k`, indexed by group.
fn sizes(labels: &[usize]) -> Vec<usize> {
    let k = labels.iter().map(|&c| c + 1).max().unwrap_or(0);
    let mut out = vec![0; k];
    for &c in labels {
        out[c] += 1;
    }
    out
}

/// Renumbers group labels so that group 0 is the largest, ties broken by the smallest
/// member index (which is the smallest entity id). Labels may be any `usize` values.
pub(crate) fn canonical_labels(labels: &[usize]) -> Vec<usize> {
    let mut groups: BTreeMap<usize, (usize, usize)> = BTreeMap::new(); // label -> (size, first)
    for (i, &l) in labels.iter().enumerate() {
        let g = groups.entry(l).or_insert((0, i));
        g.0 += 1;
    }
    let mut order: Vec<(usize, usize, usize)> = groups
        .into_iter()
        .map(|(l, (size, first))| (l, size, first))
        .collect();
    order.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let new: BTreeMap<usize, usize> = order
        .iter()
        .enumerate()
        .map(|(new, &(l, _, _))| (l, new))
        .collect();
    labels.iter().map(|l| new[l]).collect()
}

/// A small seeded generator (SplitMix64): the same seed gives the same sequence on every
/// platform and crate version, which keeps sampled results byte-stable.
#[derive(Clone, Debug)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`), by rejection so that there is no modulo bias.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        let n = n as u64;
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let x = self.next_u64();
            if x < zone {
                return (x % n) as usize;
            }
        }
    }

    /// Fisher-Yates shuffle.
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests;
