//! The arc-hybrid transition system (Kuhlmann et al. 2011) with an artificial root at the
//! bottom of the stack, a static oracle and the dynamic oracle of Goldberg & Nivre (2013).
//!
//! Nodes are 1..=n for the tokens and 0 for the root. The root takes exactly one
//! dependent, and only as the last transition (RIGHT with the root below the top and an
//! empty buffer), so every transition sequence ends in a well-formed single-rooted tree.

/// The artificial root node.
pub const ROOT: u32 = 0;
/// "No node": an empty stack or buffer position, a missing child or head.
pub const NONE: u32 = u32::MAX;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Move {
    /// Push the first buffer node onto the stack.
    Shift,
    /// Attach the stack top to the first buffer node and pop it.
    Left,
    /// Attach the stack top to the node below it and pop it.
    Right,
}

/// A move with the relation it assigns (a [`super::tree::UD_RELATIONS`] id; ignored for
/// SHIFT).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Action {
    pub mv: Move,
    pub label: u16,
}

/// A parser state: stack, buffer and the partial tree, with what the features read about
/// each node's children kept up to date.
#[derive(Clone, Debug, Default)]
pub struct Config {
    n: u32,
    stack: Vec<u32>,
    /// The first buffer node; the buffer is `buf..=n`.
    buf: u32,
    heads: Vec<u32>,
    labels: Vec<u16>,
    /// Each node's leftmost and second-leftmost child.
    left: Vec<[u32; 2]>,
    /// Each node's rightmost and second-rightmost child.
    right: Vec<[u32; 2]>,
    lval: Vec<u8>,
    rval: Vec<u8>,
    /// The relations of each node's left and right children, one bit per relation id.
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl Config {
    /// The initial state for `n` tokens: the root on the stack, every token in the buffer.
    pub fn new(n: usize) -> Config {
        let mut c = Config::default();
        c.reset(n);
        c
    }

    /// Makes this the initial state for `n` tokens, keeping the buffers.
    pub fn reset(&mut self, n: usize) {
        let nodes = n + 1;
        self.n = n as u32;
        self.stack.clear();
        self.stack.push(ROOT);
        self.buf = 1;
        self.heads.clear();
        self.heads.resize(nodes, NONE);
        self.labels.clear();
        self.labels.resize(nodes, 0);
        self.left.clear();
        self.left.resize(nodes, [NONE; 2]);
        self.right.clear();
        self.right.resize(nodes, [NONE; 2]);
        self.lval.clear();
        self.lval.resize(nodes, 0);
        self.rval.clear();
        self.rval.resize(nodes, 0);
        self.lset.clear();
        self.lset.resize(nodes, 0);
        self.rset.clear();
        self.rset.resize(nodes, 0);
    }

    pub fn tokens(&self) -> usize {
        self.n as usize
    }

    /// The `i`-th node from the stack top (0 = top), or [`NONE`].
    #[inline]
    pub fn s(&self, i: usize) -> u32 {
        let len = self.stack.len();
        if i < len {
            self.stack[len - 1 - i]
        } else {
            NONE
        }
    }

    /// The `i`-th buffer node (0 = first), or [`NONE`].
    #[inline]
    pub fn b(&self, i: usize) -> u32 {
        let x = self.buf + i as u32;
        if x <= self.n { x } else { NONE }
    }

    pub fn stack_len(&self) -> usize {
        self.stack.len()
    }

    pub fn buffer_empty(&self) -> bool {
        self.buf > self.n
    }

    pub fn is_terminal(&self) -> bool {
        self.buffer_empty() && self.stack.len() == 1
    }

    /// The `k`-th leftmost child of `x` (k = 0 or 1), or [`NONE`].
    #[inline]
    pub fn left_child(&self, x: u32, k: usize) -> u32 {
        self.left.get(x as usize).map_or(NONE, |c| c[k])
    }

    /// The `k`-th rightmost child of `x` (k = 0 or 1), or [`NONE`].
    #[inline]
    pub fn right_child(&self, x: u32, k: usize) -> u32 {
        self.right.get(x as usize).map_or(NONE, |c| c[k])
    }

    /// The relation of `x` to its head (0 if it has none yet or `x` is [`NONE`]).
    #[inline]
    pub fn label(&self, x: u32) -> u16 {
        self.labels.get(x as usize).copied().unwrap_or(0)
    }

    /// Left and right valency of `x`.
    #[inline]
    pub fn valency(&self, x: u32) -> (u8, u8) {
        match (self.lval.get(x as usize), self.rval.get(x as usize)) {
            (Some(&l), Some(&r)) => (l, r),
            _ => (0, 0),
        }
    }

    /// The relation sets of `x`'s left and right children.
    #[inline]
    pub fn label_sets(&self, x: u32) -> (u64, u64) {
        match (self.lset.get(x as usize), self.rset.get(x as usize)) {
            (Some(&l), Some(&r)) => (l, r),
            _ => (0, 0),
        }
    }

    /// Whether `mv` may be taken now; `root` says whether the move assigns the root
    /// relation, which only the root's single dependent, attached last, may carry.
    #[inline]
    pub fn allows(&self, mv: Move, root: bool) -> bool {
        let depth = self.stack.len();
        match mv {
            Move::Shift => !self.buffer_empty(),
            Move::Left => !root && depth >= 2 && !self.buffer_empty(),
            Move::Right => {
                depth >= 2 && {
                    let below_is_root = self.stack[depth - 2] == ROOT;
                    if below_is_root {
                        root && self.buffer_empty()
                    } else {
                        !root
                    }
                }
            }
        }
    }

    /// Applies an action; the caller has checked [`Config::allows`]. An illegal action
    /// leaves the state unchanged.
    pub fn apply(&mut self, a: Action) {
        match a.mv {
            Move::Shift => {
                if !self.buffer_empty() {
                    self.stack.push(self.buf);
                    self.buf += 1;
                }
            }
            Move::Left => {
                if self.stack.len() >= 2 && !self.buffer_empty() {
                    if let Some(d) = self.stack.pop() {
                        self.attach(self.buf, d, a.label);
                    }
                }
            }
            Move::Right => {
                if self.stack.len() >= 2 {
                    if let Some(d) = self.stack.pop() {
                        let h = self.stack[self.stack.len() - 1];
                        self.attach(h, d, a.label);
                    }
                }
            }
        }
    }

    fn attach(&mut self, h: u32, d: u32, label: u16) {
        let (hi, di) = (h as usize, d as usize);
        self.heads[di] = h;
        self.labels[di] = label;
        let bit = 1u64 << (label % 64);
        if d < h {
            let l = &mut self.left[hi];
            if l[0] == NONE || d < l[0] {
                *l = [d, l[0]];
            } else if l[1] == NONE || d < l[1] {
                l[1] = d;
            }
            self.lval[hi] = self.lval[hi].saturating_add(1);
            self.lset[hi] |= bit;
        } else {
            let r = &mut self.right[hi];
            if r[0] == NONE || d > r[0] {
                *r = [d, r[0]];
            } else if r[1] == NONE || d > r[1] {
                r[1] = d;
            }
            self.rval[hi] = self.rval[hi].saturating_add(1);
            self.rset[hi] |= bit;
        }
    }

    /// The head of each node (index 0 is the root's own slot) and its relation.
    pub fn arcs(&self) -> (&[u32], &[u16]) {
        (&self.heads, &self.labels)
    }

    /// Whether `x` is on the stack.
    fn on_stack(&self, x: u32) -> bool {
        self.stack.contains(&x)
    }

    fn in_buffer(&self, x: u32) -> bool {
        x != NONE && x >= self.buf && x <= self.n
    }

    /// Gold dependents of `x` still in the buffer.
    fn buffer_dependents(&self, x: u32, gold: &Gold) -> u32 {
        let from = self.buf as usize;
        let to = self.n as usize;
        gold.heads
            .get(from..=to)
            .unwrap_or_default()
            .iter()
            .filter(|&&h| h == x)
            .count() as u32
    }

    /// The dynamic oracle: how many gold arcs still reachable each move makes unreachable
    /// (`[shift, left, right]`, unlabelled; `u32::MAX` where the move is illegal). The
    /// gold tree must be projective for the costs to be exact.
    pub fn costs(&self, gold: &Gold) -> [u32; 3] {
        let mut out = [u32::MAX; 3];
        let s0 = self.s(0);
        let s1 = self.s(1);
        let b = self.b(0);
        let gh = |x: u32| gold.heads.get(x as usize).copied().unwrap_or(NONE);
        if b != NONE {
            // b can still get its head from s0 or the buffer, and dependents from the
            // buffer only.
            let h = gh(b);
            let lost_head = u32::from(h != NONE && h != s0 && self.on_stack(h));
            let lost_deps = self
                .stack
                .iter()
                .filter(|&&d| d != ROOT && gh(d) == b)
                .count() as u32;
            out[0] = lost_head + lost_deps;
        }
        if self.stack.len() >= 2 {
            let h = gh(s0);
            let deps = self.buffer_dependents(s0, gold);
            if b != NONE {
                out[1] = u32::from(h == s1 || (h != b && self.in_buffer(h))) + deps;
            }
            if s1 != ROOT || self.buffer_empty() {
                out[2] = u32::from(self.in_buffer(h)) + deps;
            }
        }
        out
    }

    /// The labelled cost of `a` given the unlabelled `costs`: a right attachment of the
    /// stack top to its gold head with another relation also loses that arc.
    pub fn action_cost(&self, a: Action, costs: &[u32; 3], gold: &Gold) -> u32 {
        let s0 = self.s(0);
        let gh = gold.heads.get(s0 as usize).copied().unwrap_or(NONE);
        let gl = gold.labels.get(s0 as usize).copied().unwrap_or(0);
        match a.mv {
            Move::Shift => costs[0],
            Move::Left => costs[1].saturating_add(u32::from(gh == self.b(0) && gl != a.label)),
            Move::Right => costs[2].saturating_add(u32::from(gh == self.s(1) && gl != a.label)),
        }
    }

    /// The static oracle: the one action that builds the (projective) gold tree; reduces
    /// as early as possible.
    pub fn static_oracle(&self, gold: &Gold) -> Action {
        let s0 = self.s(0);
        let s1 = self.s(1);
        let b = self.b(0);
        let gh = gold.heads.get(s0 as usize).copied().unwrap_or(NONE);
        let gl = gold.labels.get(s0 as usize).copied().unwrap_or(0);
        if s0 != ROOT && b != NONE && gh == b {
            return Action {
                mv: Move::Left,
                label: gl,
            };
        }
        let right_ok = self.stack.len() >= 2 && (s1 != ROOT || self.buffer_empty());
        if right_ok && gh == s1 && self.buffer_dependents(s0, gold) == 0 {
            return Action {
                mv: Move::Right,
                label: gl,
            };
        }
        if b != NONE {
            Action {
                mv: Move::Shift,
                label: 0,
            }
        } else {
            Action {
                mv: Move::Right,
                label: gl,
            }
        }
    }
}

/// A gold tree in node numbering: `heads[d]` is `d`'s head node (0 = the root), `labels[d]`
/// its relation id; index 0 is unused.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Gold {
    pub heads: Vec<u32>,
    pub labels: Vec<u16>,
}

impl Gold {
    /// From 0-based token heads (None = root) and relation ids.
    pub fn new(heads: &[Option<usize>], labels: &[u16]) -> Gold {
        let mut g = Gold {
            heads: vec![NONE],
            labels: vec![0],
        };
        g.heads
            .extend(heads.iter().map(|h| h.map_or(ROOT, |h| h as u32 + 1)));
        g.labels.extend(labels.iter().copied());
        g.labels.resize(g.heads.len(), 0);
        g
    }
}

/// Whether the tree given by 0-based `heads` (None = root) is projective, the root arc
/// included (the root sits before the first token).
pub fn is_projective(heads: &[Option<usize>]) -> bool {
    (0..heads.len()).all(|d| arc_is_projective(heads, d))
}

/// Whether every token between `d` and its head is dominated by that head.
fn arc_is_projective(heads: &[Option<usize>], d: usize) -> bool {
    let Some(h) = heads[d] else {
        // The root arc spans everything before `d`, all dominated by the root.
        return true;
    };
    let (lo, hi) = if h < d { (h, d) } else { (d, h) };
    (lo + 1..hi).all(|k| dominates(heads, h, k))
}

fn dominates(heads: &[Option<usize>], h: usize, mut k: usize) -> bool {
    for _ in 0..=heads.len() {
        if k == h {
            return true;
        }
        match heads[k] {
            Some(next) => k = next,
            None => return false,
        }
    }
    false
}

/// Makes a tree projective by lifting arcs (Nivre & Nilsson 2005 without the label
/// encoding): the shortest non-projective arc's dependent moves up to its grandparent,
/// until none is left. Relations are kept. Returns the number of lifts. `heads` must be
/// a tree.
pub fn projectivize(heads: &mut [Option<usize>]) -> usize {
    let mut lifts = 0;
    // Each lift shortens the path to the root of one token, so this terminates; the bound
    // guards against input that is not a tree.
    for _ in 0..heads.len() * heads.len() + 1 {
        let worst = (0..heads.len())
            .filter(|&d| !arc_is_projective(heads, d))
            .min_by_key(|&d| heads[d].map_or(0, |h| h.abs_diff(d)));
        let Some(d) = worst else {
            break;
        };
        let Some(h) = heads[d] else {
            break;
        };
        heads[d] = heads[h];
        lifts += 1;
    }
    lifts
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// All projective trees over `n` tokens with a single root, as 0-based heads.
    fn projective_trees(n: usize) -> Vec<Vec<Option<usize>>> {
        let mut out = Vec::new();
        let choices = n + 1;
        let mut code = vec![0usize; n];
        loop {
            let heads: Vec<Option<usize>> = code
                .iter()
                .map(|&c| if c == n { None } else { Some(c) })
                .collect();
            let t = super::super::tree::DepTree::from_parts(heads.clone(), vec![]);
            if heads.iter().enumerate().all(|(i, h)| *h != Some(i))
                && t.is_well_formed()
                && is_projective(&heads)
            {
                out.push(heads);
            }
            let mut i = 0;
            loop {
                if i == n {
                    return out;
                }
                code[i] += 1;
                if code[i] < choices {
                    break;
                }
                code[i] = 0;
                i += 1;
            }
        }
    }

    fn gold_of(heads: &[Option<usize>]) -> Gold {
        // Labels: a made-up relation per token so that labelled costs can be checked.
        let labels: Vec<u16> = (0..heads.len()).map(|i| (i % 3) as u16 + 1).collect();
        Gold::new(heads, &labels)
    }

    #[test]
    fn the_static_oracle_reproduces_every_projective_tree() {
        for n in 1..=6 {
            let trees = projective_trees(n);
            assert!(!trees.is_empty());
            for heads in trees {
                let gold = gold_of(&heads);
                let mut c = Config::new(n);
                let mut steps = 0;
                while !c.is_terminal() {
                    let a = c.static_oracle(&gold);
                    let root = a.mv == Move::Right && c.s(1) == ROOT;
                    assert!(c.allows(a.mv, root), "{heads:?}: {a:?} illegal");
                    c.apply(a);
                    steps += 1;
                }
                assert_eq!(steps, 2 * n, "{heads:?}");
                let (got, labels) = c.arcs();
                assert_eq!(&got[1..], &gold.heads[1..], "{heads:?}");
                assert_eq!(&labels[1..], &gold.labels[1..], "{heads:?}");
            }
        }
    }

    /// The most gold arcs (unlabelled) any continuation from `c` can still add.
    fn best_future(c: &Config, gold: &Gold, memo: &mut HashMap<(Vec<u32>, u32), u32>) -> u32 {
        if c.is_terminal() {
            return 0;
        }
        let key = (c.stack.clone(), c.buf);
        if let Some(&v) = memo.get(&key) {
            return v;
        }
        let mut best = 0;
        for mv in [Move::Shift, Move::Left, Move::Right] {
            let root = mv == Move::Right && c.s(1) == ROOT;
            if !c.allows(mv, root) {
                continue;
            }
            let mut next = c.clone();
            next.apply(Action { mv, label: 0 });
            let d = match mv {
                Move::Shift => NONE,
                _ => c.s(0),
            };
            let gained = u32::from(d != NONE && next.heads[d as usize] == gold.heads[d as usize]);
            best = best.max(gained + best_future(&next, gold, memo));
        }
        memo.insert(key, best);
        best
    }

    /// Walks every configuration reachable from the start (up to `limit`), calling `f`.
    fn for_each_config(n: usize, limit: usize, f: &mut dyn FnMut(&Config)) {
        let mut todo = vec![Config::new(n)];
        let mut seen = 0;
        while let Some(c) = todo.pop() {
            f(&c);
            seen += 1;
            if seen > limit {
                return;
            }
            for mv in [Move::Shift, Move::Left, Move::Right] {
                let root = mv == Move::Right && c.s(1) == ROOT;
                if c.allows(mv, root) {
                    let mut next = c.clone();
                    next.apply(Action { mv, label: 0 });
                    todo.push(next);
                }
            }
        }
    }

    #[test]
    fn dynamic_oracle_costs_equal_the_arcs_each_move_loses() {
        // Every projective tree up to 5 tokens, every reachable configuration (also those
        // off the gold path): a move's cost is exactly how many fewer gold arcs the best
        // continuation can reach after it, so zero-cost moves are exactly the optimal ones.
        let mut checked = 0;
        for n in 1..=5 {
            for heads in projective_trees(n) {
                let gold = gold_of(&heads);
                let mut memo = HashMap::new();
                for_each_config(n, 2000, &mut |c| {
                    if c.is_terminal() {
                        return;
                    }
                    let now = best_future(c, &gold, &mut memo);
                    let costs = c.costs(&gold);
                    for (k, mv) in [Move::Shift, Move::Left, Move::Right]
                        .into_iter()
                        .enumerate()
                    {
                        let root = mv == Move::Right && c.s(1) == ROOT;
                        if !c.allows(mv, root) {
                            assert_eq!(costs[k], u32::MAX, "{heads:?} {mv:?} is illegal");
                            continue;
                        }
                        let mut next = c.clone();
                        next.apply(Action { mv, label: 0 });
                        let d = if mv == Move::Shift { NONE } else { c.s(0) };
                        let gained = u32::from(
                            d != NONE && next.heads[d as usize] == gold.heads[d as usize],
                        );
                        let after = gained + best_future(&next, &gold, &mut memo);
                        assert_eq!(
                            costs[k],
                            now - after,
                            "{heads:?}, stack {:?}, buffer from {}: {mv:?}",
                            c.stack,
                            c.buf
                        );
                        checked += 1;
                    }
                });
            }
        }
        assert!(checked > 10_000, "{checked} moves checked");
    }

    #[test]
    fn a_wrong_relation_on_a_gold_arc_costs_one() {
        // "a <- b", b the root: LEFT with the gold relation is free, with another costs 1.
        let gold = Gold::new(&[Some(1), None], &[7, 9]);
        let mut c = Config::new(2);
        c.apply(Action {
            mv: Move::Shift,
            label: 0,
        });
        let costs = c.costs(&gold);
        let left = |label| Action {
            mv: Move::Left,
            label,
        };
        assert_eq!(c.action_cost(left(7), &costs, &gold), 0);
        assert_eq!(c.action_cost(left(8), &costs, &gold), 1);
        assert_eq!(
            c.action_cost(
                Action {
                    mv: Move::Shift,
                    label: 0
                },
                &costs,
                &gold
            ),
            2,
            "shifting b over a loses a's arc, and b can no longer sit right on the root"
        );
    }

    #[test]
    fn the_root_takes_one_dependent_and_only_at_the_end() {
        let mut c = Config::new(2);
        assert!(!c.allows(Move::Left, false) && !c.allows(Move::Right, true));
        c.apply(Action {
            mv: Move::Shift,
            label: 0,
        });
        assert!(
            !c.allows(Move::Right, true),
            "the buffer is not empty: the root cannot take a dependent yet"
        );
        assert!(c.allows(Move::Left, false) && !c.allows(Move::Left, true));
        c.apply(Action {
            mv: Move::Shift,
            label: 0,
        });
        assert!(c.allows(Move::Right, false) && !c.allows(Move::Right, true));
        c.apply(Action {
            mv: Move::Right,
            label: 3,
        });
        assert!(c.allows(Move::Right, true) && !c.allows(Move::Right, false));
        c.apply(Action {
            mv: Move::Right,
            label: 1,
        });
        assert!(c.is_terminal());
        assert_eq!(c.arcs().0, &[NONE, ROOT, 1]);
        assert_eq!(c.right_child(1, 0), 2);
        assert_eq!(c.valency(1), (0, 1));
    }

    #[test]
    fn projectivizing_lifts_crossing_arcs_and_keeps_projective_trees() {
        // Token 1 is the root; 2 -> 0 spans the root, and so does 0 -> 3. The shorter
        // arc is lifted first (0 goes up to 1), then 3 follows it up.
        let mut heads = vec![Some(2), None, Some(1), Some(0)];
        assert!(!is_projective(&heads));
        let lifts = projectivize(&mut heads);
        assert!(is_projective(&heads));
        assert_eq!(lifts, 2);
        assert_eq!(heads, vec![Some(1), None, Some(1), Some(1)]);
        for heads in projective_trees(4) {
            let mut h = heads.clone();
            assert_eq!(projectivize(&mut h), 0);
            assert_eq!(h, heads);
        }
    }
}
