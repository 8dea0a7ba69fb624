//! Benchmarks of the analysis hot paths on seeded synthetic actor networks of 2k and 20k
//! nodes (planted communities of 50, five ties per node, weights 1-5).
//!
//! Run: `cargo bench --bench analyze`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use newsgraph::analyze::balance::{BalanceOptions, balance};
use newsgraph::analyze::centrality::{BetweennessOptions, betweenness, page_rank};
use newsgraph::analyze::community::{LouvainOptions, louvain};
use newsgraph::analyze::{Network, PageRankOptions, SignedNetwork};

struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// Edges `(a, b, weight, sign)`: four ties inside the node's community (friendly), one
/// anywhere (hostile).
fn synthetic(n: usize, seed: u64) -> Vec<(usize, usize, f64, i8)> {
    let mut rng = Lcg(seed);
    let block = 50;
    let mut edges = Vec::with_capacity(n * 5);
    for a in 0..n {
        let start = a / block * block;
        let size = block.min(n - start);
        for _ in 0..4 {
            let b = start + rng.below(size);
            edges.push((a, b, 1.0 + rng.below(5) as f64, 1));
        }
        edges.push((a, rng.below(n), 1.0, -1));
    }
    edges
}

fn networks(n: usize) -> (Network, SignedNetwork) {
    let edges = synthetic(n, 7);
    let net = Network::from_edges(n, edges.iter().map(|&(a, b, w, _)| (a, b, w))).unwrap();
    let signed = SignedNetwork::from_edges(n, edges.iter().map(|&(a, b, _, s)| (a, b, s))).unwrap();
    (net, signed)
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze");
    group.sample_size(10);
    for n in [2_000, 20_000] {
        let (net, signed) = networks(n);
        group.bench_with_input(BenchmarkId::new("pagerank", n), &net, |b, net| {
            b.iter(|| page_rank(net, &PageRankOptions::default()))
        });
        group.bench_with_input(BenchmarkId::new("louvain", n), &net, |b, net| {
            b.iter(|| louvain(net, &LouvainOptions::default()))
        });
        // Exact at 2k, 500 sampled sources at 20k (the defaults).
        group.bench_with_input(BenchmarkId::new("betweenness", n), &net, |b, net| {
            b.iter(|| betweenness(net, &BetweennessOptions::default()))
        });
        group.bench_with_input(BenchmarkId::new("balance", n), &signed, |b, s| {
            b.iter(|| balance(s, &BalanceOptions::default()))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
