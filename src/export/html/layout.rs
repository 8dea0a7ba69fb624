//! Node positions for the HTML viewer, computed once in Rust so the page opens laid out.
//!
//! ForceAtlas2 (the `fa2` crate, single-threaded so results do not depend on scheduling)
//! from a golden-angle spiral start: no RNG at all, so the same graph always gets the same
//! coordinates. Edge weights are damped with `ln(1 + w)` so one heavy pair cannot collapse
//! the picture; coordinates are centred, scaled to a fixed box and rounded.

use fa2::{FA2Data, FA2Settings};

/// Half the side of the box positions are scaled into.
pub const EXTENT: f64 = 1000.0;

/// Positions for `n` nodes joined by undirected, weighted `edges` (`(i, j, weight)`,
/// `i != j`, both `< n`; others are ignored). Multiple edges between a pair add up.
///
/// Complexity: O(n² · iterations) up to 500 nodes, O(n log n · iterations) above
/// (Barnes-Hut, θ = 0.8); the iteration count falls with size so that n · iterations
/// stays under [`NODE_ITERATIONS`]: the layout of any graph takes a few seconds at most
/// (a graph of 100,000 unknown names gets little more than the spiral it starts from).
pub fn force_layout(n: usize, edges: &[(usize, usize, f64)]) -> Vec<(f64, f64)> {
    let start = spiral(n);
    if n < 2 {
        return start.into_iter().map(|_| (0.0, 0.0)).collect();
    }
    let mut data = FA2Data::<f64>::with_capacity(n, edges.len());
    for &(x, y) in &start {
        data.add_node_with_position(x, y);
    }
    for &(i, j, w) in edges {
        if i < n && j < n && i != j && w.is_finite() && w > 0.0 {
            data.add_edge_with_weight(i, j, w.ln_1p());
        }
    }
    let mut settings = FA2Settings::<f64>::from_graph_order(n).parallel(false);
    if n > PAIRWISE_LIMIT {
        settings = settings.with_barnes_hut_theta(0.8);
    }
    let mut layout = settings.build(data);
    layout.run(iterations(n));
    let mut pos: Vec<(f64, f64)> = layout.data().positions().collect();
    if pos.iter().any(|(x, y)| !x.is_finite() || !y.is_finite()) {
        return normalise(&start);
    }
    ring_isolates(&mut pos, edges);
    normalise(&pos)
}

/// Nodes without edges are pushed far out by repulsion alone, which shrinks everything
/// else when the picture is scaled to fit; they go on a ring just outside the rest instead.
fn ring_isolates(pos: &mut [(f64, f64)], edges: &[(usize, usize, f64)]) {
    let n = pos.len();
    let mut linked = vec![false; n];
    for &(i, j, w) in edges {
        if i < n && j < n && i != j && w.is_finite() && w > 0.0 {
            linked[i] = true;
            linked[j] = true;
        }
    }
    let core: Vec<usize> = (0..n).filter(|&i| linked[i]).collect();
    let isolated: Vec<usize> = (0..n).filter(|&i| !linked[i]).collect();
    if core.is_empty() || isolated.is_empty() {
        return;
    }
    let c = core.len() as f64;
    let cx = core.iter().map(|&i| pos[i].0).sum::<f64>() / c;
    let cy = core.iter().map(|&i| pos[i].1).sum::<f64>() / c;
    let radius = core
        .iter()
        .map(|&i| ((pos[i].0 - cx).powi(2) + (pos[i].1 - cy).powi(2)).sqrt())
        .fold(0.0, f64::max)
        .max(1.0);
    let r = radius * 1.1;
    let k = isolated.len() as f64;
    for (j, &i) in isolated.iter().enumerate() {
        let a = std::f64::consts::TAU * j as f64 / k;
        pos[i] = (cx + r * a.cos(), cy + r * a.sin());
    }
}

/// Above this many nodes repulsion is approximated with Barnes-Hut.
const PAIRWISE_LIMIT: usize = 500;

fn iterations(n: usize) -> usize {
    let by_size = match n {
        0..=300 => 500,
        301..=2000 => 250,
        _ => 150,
    };
    by_size.min(NODE_ITERATIONS / n.max(1))
}

/// Most node moves a layout makes (nodes × iterations): 13,800 nodes at 150 iterations
/// took 9 s, so this keeps a layout within ~2 s on a 2-core machine.
pub const NODE_ITERATIONS: usize = 500_000;

/// Golden-angle spiral: evenly spread, distinct points, no randomness.
fn spiral(n: usize) -> Vec<(f64, f64)> {
    let golden = std::f64::consts::PI * (3.0 - 5f64.sqrt());
    (0..n)
        .map(|i| {
            let r = 10.0 * ((i as f64) + 0.5).sqrt();
            let a = golden * i as f64;
            (r * a.cos(), r * a.sin())
        })
        .collect()
}

/// Centres on the mean, scales the farthest coordinate to `EXTENT`, rounds to 0.1.
fn normalise(pos: &[(f64, f64)]) -> Vec<(f64, f64)> {
    if pos.is_empty() {
        return Vec::new();
    }
    let n = pos.len() as f64;
    let cx = pos.iter().map(|p| p.0).sum::<f64>() / n;
    let cy = pos.iter().map(|p| p.1).sum::<f64>() / n;
    let far = pos
        .iter()
        .map(|p| (p.0 - cx).abs().max((p.1 - cy).abs()))
        .fold(0.0, f64::max);
    let scale = if far > 0.0 { EXTENT / far } else { 1.0 };
    let round = |v: f64| {
        let r = (v * 10.0).round() / 10.0;
        if r == 0.0 { 0.0 } else { r }
    };
    pos.iter()
        .map(|p| (round((p.0 - cx) * scale), round((p.1 - cy) * scale)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ring(n: usize) -> Vec<(usize, usize, f64)> {
        (0..n).map(|i| (i, (i + 1) % n, 1.0)).collect()
    }

    #[test]
    fn work_is_bounded_whatever_the_size() {
        for n in [1, 300, 2000, 3000, 13_800, 100_000, 2_000_000] {
            assert!(n * iterations(n) <= NODE_ITERATIONS, "{n}");
        }
        assert_eq!(iterations(200), 500, "small graphs keep their layout");
    }

    #[test]
    fn same_graph_same_positions() {
        let edges = ring(60);
        assert_eq!(force_layout(60, &edges), force_layout(60, &edges));
    }

    #[test]
    fn positions_fit_the_box_and_are_finite() {
        for (n, edges) in [
            (0, vec![]),
            (1, vec![]),
            (2, vec![(0, 1, 3.0)]),
            (5, vec![]),
            (40, ring(40)),
            (
                10,
                vec![(0, 0, 1.0), (0, 99, 1.0), (1, 2, f64::NAN), (3, 4, -1.0)],
            ),
        ] {
            let pos = force_layout(n, &edges);
            assert_eq!(pos.len(), n);
            for (x, y) in pos {
                assert!(x.is_finite() && y.is_finite(), "n={n}");
                assert!(x.abs() <= EXTENT + 0.1 && y.abs() <= EXTENT + 0.1, "n={n}");
            }
        }
    }

    #[test]
    fn connected_nodes_end_closer_than_unconnected_ones() {
        // Two dense clusters joined by a single edge.
        let mut edges = Vec::new();
        for a in 0..10 {
            for b in a + 1..10 {
                edges.push((a, b, 1.0));
                edges.push((a + 10, b + 10, 1.0));
            }
        }
        edges.push((0, 10, 1.0));
        let pos = force_layout(20, &edges);
        let d = |i: usize, j: usize| {
            ((pos[i].0 - pos[j].0).powi(2) + (pos[i].1 - pos[j].1).powi(2)).sqrt()
        };
        let within = (1..10).map(|j| d(1, j)).sum::<f64>() / 9.0;
        let across = (11..20).map(|j| d(1, j)).sum::<f64>() / 9.0;
        assert!(within * 2.0 < across, "within {within}, across {across}");
    }
}
