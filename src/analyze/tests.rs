//! Known answers for the analysis: Zachary's karate club, hand-solved centralities on
//! small graphs, hand-counted balance on small signed graphs, and invariants on random ones.

use super::balance::{BalanceOptions, frustration};
use super::centrality::{BetweennessOptions, betweenness, eigenvector, page_rank};
use super::community::{LouvainOptions, louvain, modularity};
use super::*;
use crate::graph::{ComentionEdge, StanceEdge};
use crate::model::{Entity, EntityType};

/// Zachary's karate club (1977): 34 members, 78 friendships, 1-based as in the paper.
pub(crate) const KARATE: [(usize, usize); 78] = [
    (1, 2),
    (1, 3),
    (1, 4),
    (1, 5),
    (1, 6),
    (1, 7),
    (1, 8),
    (1, 9),
    (1, 11),
    (1, 12),
    (1, 13),
    (1, 14),
    (1, 18),
    (1, 20),
    (1, 22),
    (1, 32),
    (2, 3),
    (2, 4),
    (2, 8),
    (2, 14),
    (2, 18),
    (2, 20),
    (2, 22),
    (2, 31),
    (3, 4),
    (3, 8),
    (3, 9),
    (3, 10),
    (3, 14),
    (3, 28),
    (3, 29),
    (3, 33),
    (4, 8),
    (4, 13),
    (4, 14),
    (5, 7),
    (5, 11),
    (6, 7),
    (6, 11),
    (6, 17),
    (7, 17),
    (9, 31),
    (9, 33),
    (9, 34),
    (10, 34),
    (14, 34),
    (15, 33),
    (15, 34),
    (16, 33),
    (16, 34),
    (19, 33),
    (19, 34),
    (20, 34),
    (21, 33),
    (21, 34),
    (23, 33),
    (23, 34),
    (24, 26),
    (24, 28),
    (24, 30),
    (24, 33),
    (24, 34),
    (25, 26),
    (25, 28),
    (25, 32),
    (26, 32),
    (27, 30),
    (27, 34),
    (28, 34),
    (29, 32),
    (29, 34),
    (30, 33),
    (30, 34),
    (31, 33),
    (31, 34),
    (32, 33),
    (32, 34),
    (33, 34),
];

fn karate_network() -> Network {
    Network::from_edges(34, KARATE.iter().map(|&(a, b)| (a - 1, b - 1, 1.0))).unwrap()
}

fn id(name: &str) -> EntityId {
    EntityId::from_name(EntityType::Person, name)
}

/// A graph whose co-mention edges are `(a, b, sentences)`.
pub(crate) fn comention_graph(edges: &[(&str, &str, u64)]) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::default();
    for &(a, b, w) in edges {
        for n in [a, b] {
            g.add_entity(Entity::new(id(n), n, EntityType::Person));
        }
        g.add_comention(
            &id(a),
            &id(b),
            ComentionEdge {
                sentences: w,
                articles: 1,
                evidence: vec![],
            },
        );
    }
    g
}

/// A graph whose stance edges are `(source, target, positive, negative)`.
fn stance_graph(edges: &[(&str, &str, u64, u64)]) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::default();
    for &(a, b, pos, neg) in edges {
        for n in [a, b] {
            g.add_entity(Entity::new(id(n), n, EntityType::Person));
        }
        g.add_stance(
            &id(a),
            &id(b),
            StanceEdge {
                positive: pos,
                negative: neg,
                ..Default::default()
            },
        );
    }
    g
}

fn attr(g: &KnowledgeGraph, name: &str, key: &str) -> Option<serde_json::Value> {
    g.node(&id(name))?.analysis.get(key).cloned()
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn karate_club_splits_into_four_communities_with_modularity_near_042() {
    let net = karate_network();
    assert_eq!(net.edge_count(), 78);
    let labels = louvain(&net, &LouvainOptions::default());
    let q = modularity(&net, &labels, 1.0);
    let k = labels.iter().max().unwrap() + 1;
    assert!((0.41..=0.42).contains(&q), "modularity {q}");
    assert_eq!(k, 4, "{labels:?}");
    // The two leaders of the historical split never share a community.
    assert_ne!(labels[0], labels[33]);
}

#[test]
fn karate_club_centralities_match_networkx() {
    // networkx 3.x: pagerank(alpha=0.85, tol=1e-14), betweenness_centrality(), eigenvector_centrality().
    let net = karate_network();
    let pr = page_rank(&net, &PageRankOptions::default());
    assert!(pr.converged);
    let b = betweenness(&net, &BetweennessOptions::default());
    let e = eigenvector(&net, 1000);
    assert!(e.converged);
    for (node, want_pr, want_b, want_e) in [
        (0, 0.096997, 0.437635, 0.355491),
        (33, 0.100919, 0.304075, 0.373363),
    ] {
        assert!(
            close(pr.values[node], want_pr, 1e-6),
            "pr {node}: {}",
            pr.values[node]
        );
        assert!(
            close(b.values[node], want_b, 1e-6),
            "b {node}: {}",
            b.values[node]
        );
        assert!(
            close(e.values[node], want_e, 1e-5),
            "e {node}: {}",
            e.values[node]
        );
    }
    assert!(close(pr.values.iter().sum::<f64>(), 1.0, 1e-9));
}

#[test]
fn small_graphs_have_hand_computed_centralities() {
    struct Case {
        name: &'static str,
        edges: &'static [(&'static str, &'static str, u64)],
        // (node, degree, weighted degree, betweenness)
        want: &'static [(&'static str, u64, f64, f64)],
    }
    let cases = [
        Case {
            // centre c, leaves x y z: every leaf pair's only path runs through c.
            name: "star",
            edges: &[("c", "x", 1), ("c", "y", 2), ("c", "z", 3)],
            want: &[("c", 3, 6.0, 1.0), ("x", 1, 1.0, 0.0), ("z", 1, 3.0, 0.0)],
        },
        Case {
            // a-b-c-d-e: b carries 3 of the 6 pairs without it, c carries 4.
            name: "path",
            edges: &[("a", "b", 1), ("b", "c", 1), ("c", "d", 1), ("d", "e", 1)],
            want: &[
                ("a", 1, 1.0, 0.0),
                ("b", 2, 2.0, 0.5),
                ("c", 2, 2.0, 4.0 / 6.0),
            ],
        },
        Case {
            // triangle a b c with tail c-d: c is on d's paths to a and b, 2 of 3 pairs.
            name: "triangle with tail",
            edges: &[("a", "b", 1), ("b", "c", 1), ("a", "c", 1), ("c", "d", 4)],
            want: &[
                ("a", 2, 2.0, 0.0),
                ("c", 3, 6.0, 2.0 / 3.0),
                ("d", 1, 4.0, 0.0),
            ],
        },
    ];
    for case in cases {
        let mut g = comention_graph(case.edges);
        analyze(&mut g, &AnalyzeOptions::default());
        for &(node, deg, wdeg, btw) in case.want {
            let get = |k: &str| attr(&g, node, k).and_then(|v| v.as_f64()).unwrap();
            assert_eq!(get("degree"), deg as f64, "{} {node} degree", case.name);
            assert_eq!(
                get("weighted_degree"),
                wdeg,
                "{} {node} strength",
                case.name
            );
            assert!(
                close(get("betweenness"), btw, 1e-6),
                "{} {node} betweenness",
                case.name
            );
        }
    }
}

#[test]
fn star_pagerank_and_eigenvector_solve_their_equations() {
    // PageRank: c = 0.15/4 + 0.85 * 3l, l = 0.15/4 + 0.85 * c/3, c + 3l = 1 -> c = 0.8875/1.85.
    // Eigenvector: leading eigenvalue sqrt(3), centre 1/sqrt(2), leaves 1/sqrt(6).
    let mut g = comention_graph(&[("c", "x", 1), ("c", "y", 1), ("c", "z", 1)]);
    analyze(&mut g, &AnalyzeOptions::default());
    let get = |n: &str, k: &str| attr(&g, n, k).and_then(|v| v.as_f64()).unwrap();
    assert_eq!(get("c", "pagerank"), round6(0.8875 / 1.85));
    assert_eq!(get("x", "pagerank"), round6((1.0 - 0.8875 / 1.85) / 3.0));
    assert_eq!(get("c", "eigenvector"), round6(0.5f64.sqrt()));
    assert_eq!(get("y", "eigenvector"), round6(1.0 / 6f64.sqrt()));
}

#[test]
fn pagerank_on_a_path_and_a_triangle_with_a_tail_solves_its_equations() {
    // Path a-b-c: a = c = 0.05 + 0.85 b/2, b = 0.05 + 0.85 (a + c), 2a + b = 1
    // -> a = 0.95 / 3.7.
    let mut g = comention_graph(&[("a", "b", 1), ("b", "c", 1)]);
    analyze(&mut g, &AnalyzeOptions::default());
    let get =
        |g: &KnowledgeGraph, n: &str| attr(g, n, "pagerank").and_then(|v| v.as_f64()).unwrap();
    assert_eq!(get(&g, "a"), round6(0.95 / 3.7));
    assert_eq!(get(&g, "b"), round6(1.0 - 2.0 * 0.95 / 3.7));

    // Triangle a b c, tail c-d (n = 4, jump share 0.15/4):
    //   a = 0.0375 + 0.85 (b/2 + c/3)    c = 0.0375 + 0.85 (a/2 + b/2 + d)
    //   d = 0.0375 + 0.85 c/3             a = b
    let mut g = comention_graph(&[("a", "b", 1), ("b", "c", 1), ("a", "c", 1), ("c", "d", 1)]);
    analyze(&mut g, &AnalyzeOptions::default());
    let (a, b, c, d) = (get(&g, "a"), get(&g, "b"), get(&g, "c"), get(&g, "d"));
    assert_eq!(a, b);
    assert!(c > a && a > d, "{a} {c} {d}");
    for (lhs, rhs) in [
        (a, 0.0375 + 0.85 * (b / 2.0 + c / 3.0)),
        (c, 0.0375 + 0.85 * (a / 2.0 + b / 2.0 + d)),
        (d, 0.0375 + 0.85 * c / 3.0),
        (a + b + c + d, 1.0),
    ] {
        assert!(close(lhs, rhs, 3e-6), "{lhs} vs {rhs}");
    }
}

#[test]
fn weighted_pagerank_follows_heavier_ties() {
    // a is tied to b with 9 sentences and to c with 1: b gets more of a's rank than c.
    let net = Network::from_edges(3, [(0, 1, 9.0), (0, 2, 1.0)]).unwrap();
    let pr = page_rank(&net, &PageRankOptions::default());
    assert!(pr.values[1] > pr.values[2]);
    assert!(close(pr.values.iter().sum::<f64>(), 1.0, 1e-9));
}

#[test]
fn isolated_nodes_share_rank_and_get_their_own_group() {
    let net = Network::from_edges(4, [(0, 1, 1.0)]).unwrap();
    let pr = page_rank(&net, &PageRankOptions::default());
    assert!(close(pr.values.iter().sum::<f64>(), 1.0, 1e-9));
    assert!(close(pr.values[2], pr.values[3], 1e-12));
    assert_eq!(components::connected_components(&net), vec![0, 0, 1, 2]);
    assert_eq!(louvain(&net, &LouvainOptions::default()), vec![0, 0, 1, 2]);
}

#[test]
fn sampled_betweenness_is_seeded_and_close_to_exact() {
    let net = karate_network();
    let exact = betweenness(&net, &BetweennessOptions::default());
    let opts = BetweennessOptions {
        exact_limit: 10,
        samples: 20,
        seed: 7,
    };
    let a = betweenness(&net, &opts);
    let b = betweenness(&net, &opts);
    assert_eq!(a, b);
    assert_eq!(a.sources, Some(20));
    assert_eq!(exact.sources, None);
    // The two leaders stay the two most between.
    let mut order: Vec<usize> = (0..34).collect();
    order.sort_by(|&x, &y| a.values[y].total_cmp(&a.values[x]));
    let top: std::collections::BTreeSet<usize> = order[..2].iter().copied().collect();
    assert_eq!(top, [0, 33].into());
}

/// Four blocs `a`..`d` of five members, all friends inside, one hostile tie per bloc pair.
const FOUR_BLOCS: [(&str, &str, u64, u64); 46] = {
    const M: [[&str; 5]; 4] = [
        ["a1", "a2", "a3", "a4", "a5"],
        ["b1", "b2", "b3", "b4", "b5"],
        ["c1", "c2", "c3", "c4", "c5"],
        ["d1", "d2", "d3", "d4", "d5"],
    ];
    let mut out = [("", "", 0, 0); 46];
    let mut k = 0;
    let mut g = 0;
    while g < 4 {
        let mut i = 0;
        while i < 5 {
            let mut j = i + 1;
            while j < 5 {
                out[k] = (M[g][i], M[g][j], 1, 0);
                k += 1;
                j += 1;
            }
            i += 1;
        }
        g += 1;
    }
    let mut x = 0;
    while x < 4 {
        let mut y = x + 1;
        while y < 4 {
            out[k] = (M[x][y], M[y][x], 0, 1);
            k += 1;
            y += 1;
        }
        x += 1;
    }
    out
};

#[test]
fn signed_graphs_have_hand_computed_balance() {
    struct Case {
        name: &'static str,
        edges: &'static [(&'static str, &'static str, u64, u64)],
        triads: [u64; 4],
        frustration: u64,
        camps: usize,
        disagreements: u64,
        same_camp: &'static [(&'static str, &'static str, bool)],
    }
    let cases = [
        Case {
            name: "all friends",
            edges: &[("a", "b", 1, 0), ("b", "c", 2, 0), ("c", "a", 1, 0)],
            triads: [1, 0, 0, 0],
            frustration: 0,
            camps: 1,
            disagreements: 0,
            same_camp: &[("a", "c", true)],
        },
        Case {
            name: "enemy of my enemy",
            edges: &[("a", "b", 1, 0), ("b", "c", 0, 1), ("c", "a", 0, 3)],
            triads: [0, 0, 1, 0],
            frustration: 0,
            camps: 2,
            disagreements: 0,
            same_camp: &[("a", "b", true), ("a", "c", false)],
        },
        Case {
            name: "friends disagree about a third",
            edges: &[("a", "b", 1, 0), ("b", "c", 1, 0), ("a", "c", 0, 1)],
            triads: [0, 1, 0, 0],
            frustration: 1,
            camps: 1,
            disagreements: 1,
            same_camp: &[],
        },
        Case {
            name: "three mutual enemies",
            edges: &[("a", "b", 0, 1), ("b", "c", 0, 1), ("c", "a", 0, 1)],
            triads: [0, 0, 0, 1],
            frustration: 1,
            camps: 3,
            disagreements: 0,
            same_camp: &[("a", "b", false), ("b", "c", false)],
        },
        Case {
            // {a b c} friends, {d e f} friends, hostile across; one tie is both ways.
            name: "two camps of three",
            edges: &[
                ("a", "b", 1, 0),
                ("b", "c", 1, 0),
                ("a", "c", 1, 0),
                ("d", "e", 1, 0),
                ("e", "f", 1, 0),
                ("d", "f", 1, 0),
                ("a", "d", 0, 2),
                ("d", "a", 0, 1),
                ("b", "e", 0, 1),
                ("c", "f", 0, 1),
                ("c", "d", 0, 1),
            ],
            triads: [2, 0, 2, 0],
            frustration: 0,
            camps: 2,
            disagreements: 0,
            same_camp: &[("a", "c", true), ("d", "f", true), ("a", "e", false)],
        },
        Case {
            // Four blocs of five, friends inside, one hostile tie between every two blocs:
            // two camps must contradict two signs, four camps none.
            name: "four hostile blocs",
            edges: &FOUR_BLOCS,
            triads: [40, 0, 0, 0],
            frustration: 2,
            camps: 4,
            disagreements: 0,
            same_camp: &[("a1", "a5", true), ("a1", "b1", false), ("c2", "d3", false)],
        },
    ];
    for case in cases {
        let mut g = stance_graph(case.edges);
        let report = analyze(&mut g, &AnalyzeOptions::default());
        let b = &report.balance;
        let t = b.triads;
        assert_eq!([t.ppp, t.ppn, t.pnn, t.nnn], case.triads, "{}", case.name);
        assert_eq!(b.frustration, case.frustration, "{}", case.name);
        assert!(b.frustration_exact, "{}", case.name);
        assert_eq!(b.camps.len(), case.camps, "{}", case.name);
        assert_eq!(b.camp_disagreements, case.disagreements, "{}", case.name);
        for &(x, y, same) in case.same_camp {
            let cx = attr(&g, x, "camp").unwrap();
            let cy = attr(&g, y, "camp").unwrap();
            assert_eq!(cx == cy, same, "{}: {x} {y}", case.name);
        }
    }
}

#[test]
fn signs_sum_both_directions_and_ignore_neutral_and_ties() {
    // a->b +1 and b->a -1 cancel: no sign. c->d neutral only: no sign. e->f 2 vs 1: negative.
    let mut g = stance_graph(&[("a", "b", 1, 0), ("b", "a", 0, 1), ("e", "f", 1, 2)]);
    g.add_entity(Entity::new(id("c"), "c", EntityType::Person));
    g.add_entity(Entity::new(id("d"), "d", EntityType::Person));
    g.add_stance(
        &id("c"),
        &id("d"),
        StanceEdge {
            neutral: 4,
            ..Default::default()
        },
    );
    let report = analyze(&mut g, &AnalyzeOptions::default());
    assert_eq!(report.balance.signed_nodes, 2);
    assert_eq!(
        (report.balance.positive_edges, report.balance.negative_edges),
        (0, 1)
    );
    for n in ["a", "b", "c", "d"] {
        assert_eq!(attr(&g, n, "camp"), None, "{n}");
    }
    assert_ne!(attr(&g, "e", "camp"), attr(&g, "f", "camp"));
    // Stance-only pairs still count as ties, weighted by relations.
    assert_eq!(attr(&g, "c", "weighted_degree"), Some(4.into()));
}

#[test]
fn local_search_finds_a_planted_split() {
    // Two camps of 30 (even / odd), signed edges i~j for |i-j| in {1,2,3,5},
    // then 4 signs flipped: frustration at most 4, exact or searched.
    let n = 60;
    let mut edges = Vec::new();
    for i in 0..n {
        for d in [1, 2, 3, 5] {
            let j = (i + d) % n;
            let sign = if i % 2 == j % 2 { 1 } else { -1 };
            edges.push((i, j, sign));
        }
    }
    for k in [3, 50, 101, 177] {
        edges[k].2 = -edges[k].2;
    }
    let net = SignedNetwork::from_edges(n, edges).unwrap();
    let f = frustration(
        &net,
        &BalanceOptions {
            exact_limit: 0,
            ..Default::default()
        },
    );
    assert!(!f.exact);
    assert_eq!(f.edges, 4);
    for i in 0..n {
        assert_eq!(f.side[i], Some((i % 2) as u8), "node {i}");
    }
}

#[test]
fn analysis_is_stored_rounded_and_byte_stable() {
    let edges: Vec<(String, String, u64)> = KARATE
        .iter()
        .map(|&(a, b)| {
            (
                format!("k{a:02}"),
                format!("k{b:02}"),
                1 + (a * b % 3) as u64,
            )
        })
        .collect();
    let refs: Vec<(&str, &str, u64)> = edges
        .iter()
        .map(|(a, b, w)| (a.as_str(), b.as_str(), *w))
        .collect();
    let mut forward = comention_graph(&refs);
    let reversed: Vec<_> = refs.iter().rev().copied().collect();
    let mut backward = comention_graph(&reversed);
    let r1 = analyze(&mut forward, &AnalyzeOptions::default());
    let r2 = analyze(&mut backward, &AnalyzeOptions::default());
    assert_eq!(forward.to_json_string(), backward.to_json_string());
    for f in ReportFormat::ALL {
        assert_eq!(r1.render(f).unwrap(), r2.render(f).unwrap());
    }
    for node in forward.nodes() {
        for key in [
            "degree",
            "weighted_degree",
            "pagerank",
            "betweenness",
            "eigenvector",
            "community",
            "component",
        ] {
            assert!(node.analysis.contains_key(key), "{} {key}", node.entity.id);
        }
        assert!(!node.analysis.contains_key("camp"));
        let pr = node.analysis["pagerank"].as_f64().unwrap();
        assert_eq!(pr, round6(pr));
    }
    // Rows are sorted by PageRank, highest first.
    assert!(r1.nodes.windows(2).all(|w| w[0].pagerank >= w[1].pagerank));
}

#[test]
fn reports_render_as_table_json_and_csv() {
    let mut g = stance_graph(&[("a", "b", 0, 1), ("b", "c", 1, 0)]);
    let r = analyze(&mut g, &AnalyzeOptions::default());
    let table = r.render(ReportFormat::Table).unwrap();
    assert!(table.contains("modularity"), "{table}");
    let header = table.lines().find(|l| l.starts_with("id")).unwrap();
    assert!(
        header.contains("pagerank") && header.ends_with("camp"),
        "{header}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&r.render(ReportFormat::Json).unwrap()).unwrap();
    assert_eq!(json["node_count"], 3);
    assert_eq!(json["balance"]["negative_edges"], 1);
    assert_eq!(json["nodes"].as_array().unwrap().len(), 3);
    let csv = r.render(ReportFormat::Csv).unwrap();
    assert_eq!(csv.lines().count(), 4);
    assert!(csv.starts_with("id,name,type,degree,"));
}

#[test]
fn empty_graphs_analyze_without_panicking() {
    let mut g = KnowledgeGraph::default();
    let r = analyze(&mut g, &AnalyzeOptions::default());
    assert_eq!(r.node_count, 0);
    assert_eq!(r.summary.modularity, 0.0);
    assert!(r.render(ReportFormat::Table).unwrap().contains("nodes 0"));
}

#[test]
fn tie_weights_are_sentences_with_stance_standing_in() {
    // a-b: 3 sentences and 5 stance relations -> 3. c-d: article-level only, with 2 stance
    // relations -> 2. e-f: article-level only, no stance -> no tie.
    let mut g = comention_graph(&[("a", "b", 3), ("c", "d", 0), ("e", "f", 0)]);
    for (s, t, pos) in [("a", "b", 5), ("c", "d", 2)] {
        g.add_stance(
            &id(s),
            &id(t),
            StanceEdge {
                positive: pos,
                ..Default::default()
            },
        );
    }
    analyze(&mut g, &AnalyzeOptions::default());
    for (node, weight, degree) in [("a", 3, 1), ("c", 2, 1), ("e", 0, 0)] {
        assert_eq!(
            attr(&g, node, "weighted_degree"),
            Some(weight.into()),
            "{node}"
        );
        assert_eq!(attr(&g, node, "degree"), Some(degree.into()), "{node}");
    }
}

#[test]
fn on_random_signed_graphs_search_never_beats_exact_and_camps_never_lose_to_the_split() {
    let mut rng = SplitMix64::new(1);
    for round in 0..200 {
        let n = 3 + rng.below(9);
        let mut edges = Vec::new();
        for a in 0..n {
            for b in a + 1..n {
                match rng.below(3) {
                    0 => edges.push((a, b, 1)),
                    1 => edges.push((a, b, -1)),
                    _ => {}
                }
            }
        }
        let net = SignedNetwork::from_edges(n, edges.clone()).unwrap();
        let exact = frustration(&net, &BalanceOptions::default());
        let searched = frustration(
            &net,
            &BalanceOptions {
                exact_limit: 0,
                ..Default::default()
            },
        );
        // Brute force over every side assignment, as a check on the Gray-code walk.
        let brute = (0..1u32 << n)
            .map(|mask| {
                edges
                    .iter()
                    .filter(|&&(a, b, s)| ((mask >> a) & 1 == (mask >> b) & 1) != (s > 0))
                    .count() as u64
            })
            .min()
            .unwrap();
        assert!(exact.exact, "round {round}");
        assert_eq!(exact.edges, brute, "round {round}: {edges:?}");
        assert!(searched.edges >= exact.edges, "round {round}");
        let (camp, cost) = balance::camps(&net, &exact.side);
        assert!(cost <= exact.edges, "round {round}");
        assert_eq!(cost, balance::disagreements(&net, &camp), "round {round}");
    }
}
