//! Connected components of the tie [`Network`], by petgraph's union-find.
//!
//! Components are numbered by decreasing size, ties by their smallest entity id, so that
//! component 0 is always the giant component.

use petgraph::unionfind::UnionFind;

use super::{Network, canonical_labels};

/// Connected components.
///
/// # Arguments
/// * `net`: the tie network (edges count whatever their weight).
///
/// # Returns
/// Component of each node, numbered `0..k` by decreasing size, ties by smallest member.
///
/// # Complexity
/// `O((n + m) α(n))`.
///
/// # Example
/// ```
/// use newsgraph::analyze::{Network, components::connected_components};
/// let net = Network::from_edges(5, [(0, 1, 1.0), (2, 3, 1.0), (3, 4, 1.0)]).unwrap();
/// assert_eq!(connected_components(&net), vec![1, 1, 0, 0, 0]);
/// ```
pub fn connected_components(net: &Network) -> Vec<usize> {
    let all = vec![0; net.node_count()];
    canonical_labels(&connected_components_within(net, &all))
}

/// Splits every group of `labels` into its connected parts, using only edges inside the
/// group. Returns one label per node (not renumbered).
///
/// # Complexity
/// `O((n + m) α(n))`.
pub fn connected_components_within(net: &Network, labels: &[usize]) -> Vec<usize> {
    let n = net.node_count();
    let mut uf = UnionFind::<usize>::new(n);
    for i in 0..n {
        for &(j, _) in net.neighbors(i) {
            if j > i && labels.get(i) == labels.get(j) {
                uf.union(i, j);
            }
        }
    }
    (0..n).map(|i| uf.find_mut(i)).collect()
}
