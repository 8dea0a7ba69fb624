//! Centrality on the undirected tie [`Network`]: degree, weighted degree, weighted PageRank,
//! betweenness and eigenvector centrality.
//!
//! PageRank is a sparse power iteration (petgraph's `page_rank` is unweighted and quadratic);
//! betweenness counts shortest paths in hops and samples sources above a node threshold.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Network, SplitMix64};

/// The centrality measures a filter or a sort can rank nodes by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Centrality {
    Degree,
    WeightedDegree,
    PageRank,
    Betweenness,
    Eigenvector,
}

impl Centrality {
    pub const ALL: [Centrality; 5] = [
        Centrality::Degree,
        Centrality::WeightedDegree,
        Centrality::PageRank,
        Centrality::Betweenness,
        Centrality::Eigenvector,
    ];

    /// The node attribute [`analyze`](super::analyze) stores it under.
    pub fn key(self) -> &'static str {
        match self {
            Centrality::Degree => "degree",
            Centrality::WeightedDegree => "weighted_degree",
            Centrality::PageRank => "pagerank",
            Centrality::Betweenness => "betweenness",
            Centrality::Eigenvector => "eigenvector",
        }
    }

    /// Parses `pagerank`, `degree`, `weighted-degree` (or `weighted_degree`), `betweenness`,
    /// `eigenvector`, case-insensitively.
    pub fn parse(s: &str) -> Option<Centrality> {
        let s = s.trim().to_ascii_lowercase().replace('-', "_");
        Centrality::ALL
            .into_iter()
            .find(|c| c.key() == s || (s == "page_rank" && *c == Centrality::PageRank))
    }

    /// Computes this measure for every node of `net`, with default options.
    pub fn compute(self, net: &Network) -> Vec<f64> {
        match self {
            Centrality::Degree => degree(net).into_iter().map(|d| d as f64).collect(),
            Centrality::WeightedDegree => weighted_degree(net),
            Centrality::PageRank => page_rank(net, &PageRankOptions::default()).values,
            Centrality::Betweenness => betweenness(net, &BetweennessOptions::default()).values,
            Centrality::Eigenvector => eigenvector(net, 1000).values,
        }
    }
}

/// Scores from an iterative method and whether it converged.
#[derive(Clone, Debug, PartialEq)]
pub struct Scores {
    pub values: Vec<f64>,
    pub iterations: usize,
    pub converged: bool,
}

/// Degree: the number of distinct neighbours of each node.
///
/// # Arguments
/// * `net`: the tie network.
///
/// # Returns
/// One count per node, in node order.
///
/// # Complexity
/// `O(n)`.
///
/// # Example
/// ```
/// use newsgraph::analyze::{Network, centrality::degree};
/// let star = Network::from_edges(4, [(0, 1, 1.0), (0, 2, 1.0), (0, 3, 5.0)]).unwrap();
/// assert_eq!(degree(&star), vec![3, 1, 1, 1]);
/// ```
pub fn degree(net: &Network) -> Vec<usize> {
    (0..net.node_count())
        .map(|i| net.neighbors(i).len())
        .collect()
}

/// Weighted degree (strength): the sum of the weights of each node's edges.
///
/// # Arguments
/// * `net`: the tie network; for actor graphs the weight is co-mention sentences.
///
/// # Returns
/// One sum per node, in node order.
///
/// # Complexity
/// `O(n + m)`.
///
/// # Example
/// ```
/// use newsgraph::analyze::{Network, centrality::weighted_degree};
/// let star = Network::from_edges(4, [(0, 1, 1.0), (0, 2, 1.0), (0, 3, 5.0)]).unwrap();
/// assert_eq!(weighted_degree(&star), vec![7.0, 1.0, 1.0, 5.0]);
/// ```
pub fn weighted_degree(net: &Network) -> Vec<f64> {
    (0..net.node_count())
        .map(|i| net.neighbors(i).iter().map(|(_, w)| w).sum())
        .collect()
}

/// Parameters of [`page_rank`].
#[derive(Clone, Debug, PartialEq)]
pub struct PageRankOptions {
    /// Probability of following an edge rather than jumping anywhere (0.85).
    pub damping: f64,
    /// Stop when the L1 change between two iterations is below this (1e-10).
    pub tolerance: f64,
    pub max_iterations: usize,
}

impl Default for PageRankOptions {
    fn default() -> Self {
        PageRankOptions {
            damping: 0.85,
            tolerance: 1e-10,
            max_iterations: 200,
        }
    }
}

/// Weighted PageRank by sparse power iteration.
///
/// A walker at `u` moves to neighbour `v` with probability `w(u,v) / strength(u)` (each
/// undirected edge is two arcs); with probability `1 - damping`, or always from a node
/// without edges, it jumps to a node chosen uniformly.
///
/// # Arguments
/// * `net`: the tie network.
/// * `opts`: damping, tolerance, iteration cap.
///
/// # Returns
/// [`Scores`] summing to 1 (all zero for an empty network), the iterations run and whether
/// the L1 change fell below the tolerance.
///
/// # Complexity
/// `O((n + m) * iterations)` time, `O(n)` extra space.
///
/// # Example
/// ```
/// use newsgraph::analyze::{Network, centrality::{page_rank, PageRankOptions}};
/// let star = Network::from_edges(4, [(0, 1, 1.0), (0, 2, 1.0), (0, 3, 1.0)]).unwrap();
/// let pr = page_rank(&star, &PageRankOptions::default());
/// assert!((pr.values[0] - 0.479730).abs() < 1e-6);
/// assert!((pr.values[1] - 0.173423).abs() < 1e-6);
/// ```
pub fn page_rank(net: &Network, opts: &PageRankOptions) -> Scores {
    let n = net.node_count();
    if n == 0 {
        return Scores {
            values: Vec::new(),
            iterations: 0,
            converged: true,
        };
    }
    let d = opts.damping.clamp(0.0, 1.0);
    let strength = weighted_degree(net);
    let nf = n as f64;
    let mut x = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    for it in 1..=opts.max_iterations {
        let dangling: f64 = (0..n).filter(|&i| strength[i] <= 0.0).map(|i| x[i]).sum();
        let base = (1.0 - d) / nf + d * dangling / nf;
        for (v, slot) in next.iter_mut().enumerate() {
            let inflow: f64 = net
                .neighbors(v)
                .iter()
                .map(|&(u, w)| x[u] * w / strength[u])
                .sum();
            *slot = base + d * inflow;
        }
        let change: f64 = x.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if change < opts.tolerance {
            return Scores {
                values: x,
                iterations: it,
                converged: true,
            };
        }
    }
    Scores {
        values: x,
        iterations: opts.max_iterations,
        converged: false,
    }
}

/// Parameters of [`betweenness`].
#[derive(Clone, Debug, PartialEq)]
pub struct BetweennessOptions {
    /// Exact up to this many nodes; above it, sampled from `samples` sources.
    pub exact_limit: usize,
    pub samples: usize,
    pub seed: u64,
}

impl Default for BetweennessOptions {
    fn default() -> Self {
        BetweennessOptions {
            exact_limit: 5000,
            samples: 500,
            seed: 42,
        }
    }
}

/// Betweenness values and how many BFS sources produced them.
#[derive(Clone, Debug, PartialEq)]
pub struct Betweenness {
    pub values: Vec<f64>,
    /// `None` when exact (every node was a source); `Some(k)` when sampled.
    pub sources: Option<usize>,
}

/// Betweenness centrality (Brandes), on hop-count shortest paths, normalised.
///
/// For each node `v`: the sum over unordered pairs `{s, t}` not containing `v` of the share
/// of shortest `s`-`t` paths through `v`, divided by `(n-1)(n-2)/2` so that the centre of a
/// star scores 1. Edge weights are ignored: co-mention counts say how strong a tie is, not
/// how long. Above `exact_limit` nodes the sum runs over `samples` sources drawn without
/// replacement (seeded) and is scaled by `n / samples` (Brandes & Pich 2007).
///
/// # Arguments
/// * `net`: the tie network.
/// * `opts`: exact limit, sample size, seed.
///
/// # Returns
/// [`Betweenness`] in `[0, 1]` per node (estimates may slightly exceed 1 when sampled).
///
/// # Complexity
/// `O(n * m)` exact, `O(k * m)` sampled; `O(n + m)` space per worker thread. Sources are
/// processed in fixed chunks on the rayon pool and summed in order, so the result does not
/// depend on the number of threads.
///
/// # Example
/// ```
/// use newsgraph::analyze::{Network, centrality::{betweenness, BetweennessOptions}};
/// // a - b - c
/// let path = Network::from_edges(3, [(0, 1, 1.0), (1, 2, 1.0)]).unwrap();
/// let b = betweenness(&path, &BetweennessOptions::default());
/// assert_eq!(b.values, vec![0.0, 1.0, 0.0]);
/// ```
pub fn betweenness(net: &Network, opts: &BetweennessOptions) -> Betweenness {
    let n = net.node_count();
    let (sources, sampled): (Vec<usize>, bool) = if n > opts.exact_limit && opts.samples < n {
        let mut all: Vec<usize> = (0..n).collect();
        SplitMix64::new(opts.seed).shuffle(&mut all);
        let mut chosen = all[..opts.samples.max(1)].to_vec();
        chosen.sort_unstable();
        (chosen, true)
    } else {
        ((0..n).collect(), false)
    };
    const CHUNK: usize = 64;
    let hops = Hops::new(net);
    let partials: Vec<Vec<f64>> = sources
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut acc = vec![0.0; n];
            let mut work = Brandes::new(n);
            for &s in chunk {
                work.accumulate(&hops, s as u32, &mut acc);
            }
            acc
        })
        .collect();
    let mut values = vec![0.0; n];
    for part in partials {
        for (v, p) in values.iter_mut().zip(part) {
            *v += p;
        }
    }
    // Every pair is seen from both ends: halve. Sampling scales by n / k.
    let mut scale = 0.5;
    if sampled {
        scale *= n as f64 / sources.len() as f64;
    }
    if n > 2 {
        scale /= ((n - 1) * (n - 2)) as f64 / 2.0;
    }
    for v in &mut values {
        *v *= scale;
    }
    Betweenness {
        values,
        sources: sampled.then_some(sources.len()),
    }
}

/// The network's adjacency without weights, as compact arrays (CSR): BFS touches four
/// bytes per arc instead of sixteen.
struct Hops {
    offsets: Vec<usize>,
    targets: Vec<u32>,
}

impl Hops {
    fn new(net: &Network) -> Hops {
        let mut offsets = Vec::with_capacity(net.node_count() + 1);
        let mut targets = Vec::with_capacity(2 * net.edge_count());
        offsets.push(0);
        for v in 0..net.node_count() {
            targets.extend(net.neighbors(v).iter().map(|&(w, _)| w as u32));
            offsets.push(targets.len());
        }
        Hops { offsets, targets }
    }

    fn neighbors(&self, v: u32) -> &[u32] {
        let v = v as usize;
        &self.targets[self.offsets[v]..self.offsets[v + 1]]
    }
}

/// Reusable buffers for one single-source Brandes pass.
struct Brandes {
    sigma: Vec<f64>,
    dist: Vec<i32>,
    delta: Vec<f64>,
    /// BFS order; doubles as the queue (the head is an index into it).
    order: Vec<u32>,
}

impl Brandes {
    fn new(n: usize) -> Brandes {
        Brandes {
            sigma: vec![0.0; n],
            dist: vec![-1; n],
            delta: vec![0.0; n],
            order: Vec::with_capacity(n),
        }
    }

    fn accumulate(&mut self, hops: &Hops, s: u32, acc: &mut [f64]) {
        for &v in &self.order {
            let v = v as usize;
            self.sigma[v] = 0.0;
            self.dist[v] = -1;
            self.delta[v] = 0.0;
        }
        self.order.clear();
        self.sigma[s as usize] = 1.0;
        self.dist[s as usize] = 0;
        self.order.push(s);
        let mut head = 0;
        while let Some(&v) = self.order.get(head) {
            head += 1;
            let next = self.dist[v as usize] + 1;
            let sigma_v = self.sigma[v as usize];
            for &w in hops.neighbors(v) {
                let w_ = w as usize;
                if self.dist[w_] < 0 {
                    self.dist[w_] = next;
                    self.order.push(w);
                }
                if self.dist[w_] == next {
                    self.sigma[w_] += sigma_v;
                }
            }
        }
        for &w in self.order.iter().rev() {
            let w_ = w as usize;
            let coefficient = (1.0 + self.delta[w_]) / self.sigma[w_];
            let parent = self.dist[w_] - 1;
            for &v in hops.neighbors(w) {
                let v = v as usize;
                if self.dist[v] == parent {
                    self.delta[v] += self.sigma[v] * coefficient;
                }
            }
            if w != s {
                acc[w_] += self.delta[w_];
            }
        }
    }
}

/// Eigenvector centrality of the weighted adjacency matrix, by power iteration.
///
/// Iterates `x <- (A + I) x`, normalised, from the all-ones vector: the shift by `I` keeps
/// the leading eigenvector and makes the iteration converge on bipartite graphs (a star, a
/// path) where plain `A x` oscillates. On a disconnected network, nodes outside the
/// components with the largest eigenvalue tend to 0, as in NetworkX.
///
/// # Arguments
/// * `net`: the tie network.
/// * `max_iterations`: cap on power iterations; stops earlier when the L1 change < `n * 1e-9`.
///
/// # Returns
/// [`Scores`] with unit Euclidean norm (all zero when there are no edges).
///
/// # Complexity
/// `O((n + m) * iterations)`.
///
/// # Example
/// ```
/// use newsgraph::analyze::{Network, centrality::eigenvector};
/// let star = Network::from_edges(3, [(0, 1, 1.0), (0, 2, 1.0)]).unwrap();
/// let e = eigenvector(&star, 1000);
/// assert!((e.values[0] - 0.5f64.sqrt()).abs() < 1e-6);
/// assert!((e.values[1] - 0.5).abs() < 1e-6);
/// ```
pub fn eigenvector(net: &Network, max_iterations: usize) -> Scores {
    let n = net.node_count();
    if net.edge_count() == 0 {
        return Scores {
            values: vec![0.0; n],
            iterations: 0,
            converged: true,
        };
    }
    let tolerance = n as f64 * 1e-9;
    let mut x = vec![1.0 / (n as f64).sqrt(); n];
    let mut next = vec![0.0; n];
    for it in 1..=max_iterations {
        for (v, slot) in next.iter_mut().enumerate() {
            *slot = x[v] + net.neighbors(v).iter().map(|&(u, w)| x[u] * w).sum::<f64>();
        }
        let norm = next.iter().map(|v| v * v).sum::<f64>().sqrt();
        if norm > 0.0 {
            for v in &mut next {
                *v /= norm;
            }
        }
        let change: f64 = x.iter().zip(&next).map(|(a, b)| (a - b).abs()).sum();
        std::mem::swap(&mut x, &mut next);
        if change < tolerance {
            return Scores {
                values: x,
                iterations: it,
                converged: true,
            };
        }
    }
    Scores {
        values: x,
        iterations: max_iterations,
        converged: false,
    }
}
