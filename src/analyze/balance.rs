//! Structural balance over the signed stance edges: triads, frustration and camps.
//!
//! Stance is directed but balance theory is about pairs, so stance edges are read as
//! undirected signs: a pair's sign is that of `positive - negative` summed over both
//! directions; neutral relations and ties give no sign. Camps are the friend/foe groups
//! with friends inside and foes between that contradict the fewest signs.

use std::collections::BTreeMap;

use crate::error::{Error, Result};

use super::SplitMix64;

/// An undirected network whose edges are `+1` (friendly) or `-1` (hostile).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SignedNetwork {
    adj: Vec<Vec<(usize, i8)>>,
}

impl SignedNetwork {
    /// Builds a signed network on `n` nodes from `(a, b, sign)`; the sign's signum is kept,
    /// 0 and self-loops are dropped, and a pair given twice keeps the signum of the sum.
    pub fn from_edges(
        n: usize,
        edges: impl IntoIterator<Item = (usize, usize, i8)>,
    ) -> Result<SignedNetwork> {
        let mut pairs: BTreeMap<(usize, usize), i64> = BTreeMap::new();
        for (a, b, s) in edges {
            if a >= n || b >= n {
                return Err(Error::usage(format!(
                    "edge ({a}, {b}) names a node outside 0..{n}"
                )));
            }
            if a != b {
                *pairs.entry((a.min(b), a.max(b))).or_default() += i64::from(s.signum());
            }
        }
        let mut adj = vec![Vec::new(); n];
        for ((a, b), s) in pairs {
            if s != 0 {
                let s = s.signum() as i8;
                adj[a].push((b, s));
                adj[b].push((a, s));
            }
        }
        for list in &mut adj {
            list.sort_by_key(|&(v, _)| v);
        }
        Ok(SignedNetwork { adj })
    }

    pub fn node_count(&self) -> usize {
        self.adj.len()
    }

    /// Neighbours of `i` with signs, sorted by neighbour.
    pub fn neighbors(&self, i: usize) -> &[(usize, i8)] {
        self.adj.get(i).map(Vec::as_slice).unwrap_or(&[])
    }

    /// `(positive, negative)` edge counts.
    pub fn sign_counts(&self) -> (u64, u64) {
        let mut pos = 0;
        let mut neg = 0;
        for (a, list) in self.adj.iter().enumerate() {
            for &(b, s) in list {
                if b > a {
                    if s > 0 {
                        pos += 1;
                    } else {
                        neg += 1;
                    }
                }
            }
        }
        (pos, neg)
    }

    /// Node sets of the connected components of the signed edges, nodes without signed
    /// edges left out; each set sorted, sets ordered by smallest node.
    fn components(&self) -> Vec<Vec<usize>> {
        let n = self.adj.len();
        let mut seen = vec![false; n];
        let mut out = Vec::new();
        for root in 0..n {
            if seen[root] || self.adj[root].is_empty() {
                continue;
            }
            seen[root] = true;
            let mut stack = vec![root];
            let mut members = Vec::new();
            while let Some(v) = stack.pop() {
                members.push(v);
                for &(w, _) in &self.adj[v] {
                    if !seen[w] {
                        seen[w] = true;
                        stack.push(w);
                    }
                }
            }
            members.sort_unstable();
            out.push(members);
        }
        out
    }
}

/// Counts of signed triangles by their number of negative edges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Triads {
    /// `+ + +`: friends of friends are friends (balanced).
    pub ppp: u64,
    /// `+ + -`: two friends disagree about a third (unbalanced).
    pub ppn: u64,
    /// `+ - -`: the enemy of my enemy is my friend (balanced).
    pub pnn: u64,
    /// `- - -`: three mutual enemies (unbalanced in the strict sense, fine in weak balance).
    pub nnn: u64,
}

impl Triads {
    pub fn balanced(&self) -> u64 {
        self.ppp + self.pnn
    }

    pub fn unbalanced(&self) -> u64 {
        self.ppn + self.nnn
    }

    pub fn total(&self) -> u64 {
        self.balanced() + self.unbalanced()
    }

    /// Share of balanced triads; `None` without triads.
    pub fn balance_ratio(&self) -> Option<f64> {
        (self.total() > 0).then(|| self.balanced() as f64 / self.total() as f64)
    }
}

/// Counts signed triangles.
///
/// # Arguments
/// * `net`: the signed network.
///
/// # Returns
/// [`Triads`]: how many triangles have 0, 1, 2 and 3 negative edges.
///
/// # Complexity
/// `O(Σ_(u,v) (deg u + deg v))`, at most `O(m * d_max)`.
///
/// # Example
/// ```
/// use newsgraph::analyze::{SignedNetwork, balance::triads};
/// let net = SignedNetwork::from_edges(3, [(0, 1, 1), (1, 2, -1), (0, 2, -1)]).unwrap();
/// assert_eq!(triads(&net).pnn, 1);
/// ```
pub fn triads(net: &SignedNetwork) -> Triads {
    let mut t = Triads::default();
    for u in 0..net.node_count() {
        let nu = net.neighbors(u);
        for &(v, suv) in nu.iter().filter(|(v, _)| *v > u) {
            let nv = net.neighbors(v);
            let (mut i, mut j) = (0, 0);
            while i < nu.len() && j < nv.len() {
                let (a, sa) = nu[i];
                let (b, sb) = nv[j];
                if a < b {
                    i += 1;
                } else if b < a {
                    j += 1;
                } else {
                    if a > v {
                        let negatives = [suv, sa, sb].iter().filter(|s| **s < 0).count();
                        match negatives {
                            0 => t.ppp += 1,
                            1 => t.ppn += 1,
                            2 => t.pnn += 1,
                            _ => t.nnn += 1,
                        }
                    }
                    i += 1;
                    j += 1;
                }
            }
        }
    }
    t
}

/// Parameters of [`frustration`] and [`balance`].
#[derive(Clone, Debug, PartialEq)]
pub struct BalanceOptions {
    /// Components with at most this many nodes are solved exactly (`2^(n-1)` splits).
    pub exact_limit: usize,
    /// Random starts of the local search beside the spanning-tree start.
    pub restarts: usize,
    pub seed: u64,
}

impl Default for BalanceOptions {
    fn default() -> Self {
        BalanceOptions {
            exact_limit: 20,
            restarts: 16,
            seed: 42,
        }
    }
}

/// The best two-camp split found and what it costs.
#[derive(Clone, Debug, PartialEq)]
pub struct Frustration {
    /// Edges whose sign disagrees with the split: positive across it or negative inside.
    pub edges: u64,
    /// `true` when every component was solved exactly, so `edges` is the minimum.
    pub exact: bool,
    /// Side (0 or 1) of each node with signed edges; the smallest node of each component
    /// is on side 0.
    pub side: Vec<Option<u8>>,
}

/// Frustration (line index of balance): the fewest edges whose sign must flip so that the
/// nodes split into two camps, friendly inside and hostile between.
///
/// Each connected component is solved on its own: exactly by enumerating its `2^(n-1)`
/// splits in Gray-code order when it has at most `exact_limit` nodes; otherwise by local
/// search (flip any node that has more violated than satisfied edges until none does) from
/// a spanning-tree colouring and `restarts` seeded random starts, keeping the best.
///
/// # Arguments
/// * `net`: the signed network.
/// * `opts`: exact limit, restarts, seed.
///
/// # Returns
/// [`Frustration`]: the number of frustrated edges, whether it is exact, and the split.
///
/// # Complexity
/// Exact: `O(2^n * d_max)` per small component. Local search: `O(m)` per pass, times
/// passes and `restarts + 1`.
///
/// # Example
/// ```
/// use newsgraph::analyze::{SignedNetwork, balance::{frustration, BalanceOptions}};
/// // Two friends who disagree about a third: one sign must flip.
/// let net = SignedNetwork::from_edges(3, [(0, 1, 1), (1, 2, 1), (0, 2, -1)]).unwrap();
/// let f = frustration(&net, &BalanceOptions::default());
/// assert_eq!((f.edges, f.exact), (1, true));
/// ```
pub fn frustration(net: &SignedNetwork, opts: &BalanceOptions) -> Frustration {
    let mut side = vec![None; net.node_count()];
    let mut edges = 0;
    let mut exact = true;
    let mut rng = SplitMix64::new(opts.seed);
    for members in net.components() {
        let local = LocalGraph::new(net, &members);
        let (cost, sides) = if members.len() <= opts.exact_limit.min(30) {
            local.exact_split()
        } else {
            let (cost, sides) = local.searched_split(opts.restarts, &mut rng);
            // Nothing beats a split that contradicts no sign.
            exact &= cost == 0;
            (cost, sides)
        };
        edges += cost;
        for (k, &v) in members.iter().enumerate() {
            side[v] = Some(sides[k]);
        }
    }
    Frustration { edges, exact, side }
}

/// One component with local indices, for the split searches.
struct LocalGraph {
    adj: Vec<Vec<(usize, i8)>>,
}

impl LocalGraph {
    fn new(net: &SignedNetwork, members: &[usize]) -> LocalGraph {
        let mut local = vec![usize::MAX; net.node_count()];
        for (k, &v) in members.iter().enumerate() {
            local[v] = k;
        }
        let adj = members
            .iter()
            .map(|&v| {
                net.neighbors(v)
                    .iter()
                    .map(|&(w, s)| (local[w], s))
                    .collect()
            })
            .collect();
        LocalGraph { adj }
    }

    fn violated(side_u: u8, side_v: u8, sign: i8) -> bool {
        (side_u == side_v) != (sign > 0)
    }

    fn cost(&self, side: &[u8]) -> u64 {
        let mut c = 0;
        for (u, list) in self.adj.iter().enumerate() {
            for &(v, s) in list {
                if v > u && Self::violated(side[u], side[v], s) {
                    c += 1;
                }
            }
        }
        c
    }

    /// Violated minus satisfied edges at `u`: flipping `u` changes the cost by `-gain`.
    fn flip_gain(&self, side: &[u8], u: usize) -> i64 {
        self.adj[u]
            .iter()
            .map(|&(v, s)| {
                if Self::violated(side[u], side[v], s) {
                    1
                } else {
                    -1
                }
            })
            .sum()
    }

    /// Every split with node 0 on side 0, in Gray-code order (one flip per step).
    fn exact_split(&self) -> (u64, Vec<u8>) {
        let n = self.adj.len();
        let mut side = vec![0u8; n];
        let mut cost = self.cost(&side) as i64;
        let mut best = (cost, side.clone());
        for step in 1u64..(1u64 << (n - 1)) {
            let u = step.trailing_zeros() as usize + 1;
            cost -= self.flip_gain(&side, u);
            side[u] ^= 1;
            if cost < best.0 {
                best = (cost, side.clone());
            }
        }
        (best.0 as u64, best.1)
    }

    fn searched_split(&self, restarts: usize, rng: &mut SplitMix64) -> (u64, Vec<u8>) {
        let n = self.adj.len();
        let mut best: Option<(u64, Vec<u8>)> = None;
        for start in 0..=restarts {
            let mut side = if start == 0 {
                self.tree_colouring()
            } else {
                (0..n).map(|_| (rng.next_u64() & 1) as u8).collect()
            };
            self.descend(&mut side);
            if side[0] == 1 {
                for s in &mut side {
                    *s ^= 1;
                }
            }
            let cost = self.cost(&side);
            if best.as_ref().is_none_or(|(b, _)| cost < *b) {
                best = Some((cost, side));
            }
        }
        best.unwrap_or((0, vec![0; n]))
    }

    /// Colours a BFS tree so that every tree edge is satisfied.
    fn tree_colouring(&self) -> Vec<u8> {
        let n = self.adj.len();
        let mut side = vec![u8::MAX; n];
        let mut queue = std::collections::VecDeque::from([0usize]);
        if n > 0 {
            side[0] = 0;
        }
        while let Some(u) = queue.pop_front() {
            for &(v, s) in &self.adj[u] {
                if side[v] == u8::MAX {
                    side[v] = if s > 0 { side[u] } else { side[u] ^ 1 };
                    queue.push_back(v);
                }
            }
        }
        side
    }

    fn descend(&self, side: &mut [u8]) {
        loop {
            let mut improved = false;
            for u in 0..side.len() {
                if self.flip_gain(side, u) > 0 {
                    side[u] ^= 1;
                    improved = true;
                }
            }
            if !improved {
                return;
            }
        }
    }
}

/// The friend/foe camps that best explain the signs (correlation clustering): any number
/// of camps, friendly inside and hostile between, contradicting as few signs as possible.
///
/// Local search from two starts, the best two-camp split of [`frustration`] and one camp
/// per node: move single nodes to another camp or a camp of their own, and merge camps with
/// more friendly than hostile edges between them, until neither helps; the start with fewer
/// contradicted signs wins. So it never contradicts more signs than the two-camp split, and
/// finds three or more camps where mutual enemies (`- - -` triads) call for them.
///
/// # Arguments
/// * `net`: the signed network.
/// * `start`: a two-camp split, e.g. [`Frustration::side`].
///
/// # Returns
/// The camp of each node with signed edges (numbered by decreasing size, ties by smallest
/// node) and the number of contradicted signs.
///
/// # Complexity
/// `O(m + n)` per sweep, sweeps until no move helps (few in practice).
///
/// # Example
/// ```
/// use newsgraph::analyze::{SignedNetwork, balance::{camps, frustration, BalanceOptions}};
/// // Three mutual enemies: one camp each, no sign contradicted.
/// let net = SignedNetwork::from_edges(3, [(0, 1, -1), (1, 2, -1), (0, 2, -1)]).unwrap();
/// let f = frustration(&net, &BalanceOptions::default());
/// assert_eq!(f.edges, 1);
/// let (camp, disagreements) = camps(&net, &f.side);
/// assert_eq!((camp, disagreements), (vec![Some(0), Some(1), Some(2)], 0));
/// ```
pub fn camps(net: &SignedNetwork, start: &[Option<u8>]) -> (Vec<Option<usize>>, u64) {
    let n = net.node_count();
    // From the two-camp split: labels are component index * 2 + side.
    let mut from_split: Vec<Option<usize>> = vec![None; n];
    for (ci, members) in net.components().iter().enumerate() {
        for &v in members {
            let s = start.get(v).copied().flatten().unwrap_or(0);
            from_split[v] = Some(ci * 2 + usize::from(s));
        }
    }
    // From singletons, which finds many small camps that a two-camp start cannot reach.
    let from_singletons: Vec<Option<usize>> = (0..n)
        .map(|v| (!net.neighbors(v).is_empty()).then_some(v))
        .collect();
    let mut best: Option<(u64, Vec<Option<usize>>)> = None;
    for mut camp in [from_split, from_singletons] {
        let mut fresh = 2 * n + 1;
        loop {
            let moved = move_nodes(net, &mut camp, &mut fresh);
            let merged = merge_camps(net, &mut camp);
            if !moved && !merged {
                break;
            }
        }
        let cost = disagreements(net, &camp);
        if best.as_ref().is_none_or(|(b, _)| cost < *b) {
            best = Some((cost, camp));
        }
    }
    let (cost, camp) = best.unwrap_or((0, vec![None; n]));
    let signed: Vec<usize> = (0..n).filter(|&v| camp[v].is_some()).collect();
    let labels: Vec<usize> = signed.iter().filter_map(|&v| camp[v]).collect();
    let canonical = super::canonical_labels(&labels);
    let mut out = vec![None; n];
    for (k, &v) in signed.iter().enumerate() {
        out[v] = Some(canonical[k]);
    }
    (out, cost)
}

/// Positive edges between camps plus negative edges inside camps.
pub fn disagreements(net: &SignedNetwork, camp: &[Option<usize>]) -> u64 {
    let mut c = 0;
    for u in 0..net.node_count() {
        for &(v, s) in net.neighbors(u) {
            if v > u && (camp.get(u) == camp.get(v)) != (s > 0) {
                c += 1;
            }
        }
    }
    c
}

fn move_nodes(net: &SignedNetwork, camp: &mut [Option<usize>], fresh: &mut usize) -> bool {
    let mut any = false;
    for _sweep in 0..1000 {
        let mut moved = false;
        for u in 0..net.node_count() {
            let Some(current) = camp[u] else {
                continue;
            };
            // camp -> (friends in it, foes in it)
            let mut counts: BTreeMap<usize, (i64, i64)> = BTreeMap::new();
            let mut friends = 0i64;
            for &(v, s) in net.neighbors(u) {
                let Some(cv) = camp[v] else { continue };
                let e = counts.entry(cv).or_default();
                if s > 0 {
                    e.0 += 1;
                    friends += 1;
                } else {
                    e.1 += 1;
                }
            }
            let cost = |c: usize| {
                let (f, h) = counts.get(&c).copied().unwrap_or((0, 0));
                friends - f + h
            };
            let mut best = (cost(current), current);
            for &c in counts.keys() {
                if cost(c) < best.0 {
                    best = (cost(c), c);
                }
            }
            // A camp of its own costs every friendship.
            if friends < best.0 {
                best = (friends, *fresh);
                *fresh += 1;
            }
            if best.1 != current {
                camp[u] = Some(best.1);
                moved = true;
                any = true;
            }
        }
        if !moved {
            break;
        }
    }
    any
}

/// Merges camps with more friendly than hostile edges between them, best pairs first,
/// each camp at most once per call. Returns whether anything merged.
fn merge_camps(net: &SignedNetwork, camp: &mut [Option<usize>]) -> bool {
    // (camp a, camp b) with a < b -> friendly minus hostile edges between them
    let mut between: BTreeMap<(usize, usize), i64> = BTreeMap::new();
    for u in 0..net.node_count() {
        for &(v, s) in net.neighbors(u) {
            if let (Some(a), Some(b)) = (camp[u], camp[v])
                && v > u
                && a != b
            {
                *between.entry((a.min(b), a.max(b))).or_default() += i64::from(s);
            }
        }
    }
    let mut pairs: Vec<((usize, usize), i64)> =
        between.into_iter().filter(|(_, net)| *net > 0).collect();
    pairs.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    let mut into: BTreeMap<usize, usize> = BTreeMap::new();
    let mut used: std::collections::BTreeSet<usize> = Default::default();
    for ((a, b), _) in pairs {
        if used.contains(&a) || used.contains(&b) {
            continue;
        }
        used.insert(a);
        used.insert(b);
        into.insert(b, a);
    }
    if into.is_empty() {
        return false;
    }
    for c in camp.iter_mut().flatten() {
        if let Some(&a) = into.get(c) {
            *c = a;
        }
    }
    true
}

/// Everything [`balance`] finds.
#[derive(Clone, Debug, PartialEq)]
pub struct Balance {
    /// Nodes with at least one signed edge.
    pub signed_nodes: usize,
    pub positive_edges: u64,
    pub negative_edges: u64,
    pub triads: Triads,
    /// Minimum (or best found) edges to flip for a two-camp split; see [`frustration`].
    pub frustration: u64,
    pub frustration_exact: bool,
    /// Camp of each node with signed edges; see [`camps`].
    pub camp_of: Vec<Option<usize>>,
    /// Signs the camps contradict (never more than `frustration`).
    pub camp_disagreements: u64,
}

impl Balance {
    /// Frustration divided by the number of signed edges: 0 is perfectly balanced.
    pub fn frustration_index(&self) -> Option<f64> {
        let m = self.positive_edges + self.negative_edges;
        (m > 0).then(|| self.frustration as f64 / m as f64)
    }
}

/// Structural balance: triads, frustration and camps in one call.
///
/// # Arguments
/// * `net`: the signed network.
/// * `opts`: exact limit, restarts, seed for the frustration search.
///
/// # Returns
/// [`Balance`].
///
/// # Complexity
/// The sum of [`triads`], [`frustration`] and [`camps`].
///
/// # Example
/// ```
/// use newsgraph::analyze::{SignedNetwork, balance::{balance, BalanceOptions}};
/// let net = SignedNetwork::from_edges(3, [(0, 1, 1), (1, 2, 1), (0, 2, 1)]).unwrap();
/// let b = balance(&net, &BalanceOptions::default());
/// assert_eq!((b.triads.ppp, b.frustration), (1, 0));
/// ```
pub fn balance(net: &SignedNetwork, opts: &BalanceOptions) -> Balance {
    let (positive_edges, negative_edges) = net.sign_counts();
    let f = frustration(net, opts);
    let (camp_of, camp_disagreements) = camps(net, &f.side);
    Balance {
        signed_nodes: f.side.iter().filter(|s| s.is_some()).count(),
        positive_edges,
        negative_edges,
        triads: triads(net),
        frustration: f.edges,
        frustration_exact: f.exact,
        camp_of,
        camp_disagreements,
    }
}
