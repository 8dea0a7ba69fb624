//! Beam search over transition sequences, and its training update (max-violation,
//! Huang et al. 2012) against the static oracle's gold sequence.
//!
//! Arc-hybrid sequences all have 2n transitions, so the beam's items advance in step and
//! the best item after the last step is the parse. Items keep their history as links in
//! an arena, so only the states themselves are copied from step to step.

use super::Legal;
use super::features::Node;
use super::system::{Action, Config};

/// Scores configurations: `width` scores (one per action) per configuration into `out`.
pub(crate) trait ConfigScorer {
    fn score(
        &mut self,
        configs: &[&Config],
        nodes: &[Node],
        groups: u32,
        width: usize,
        out: &mut Vec<i32>,
    );
}

#[derive(Clone, Debug, Default)]
struct Item {
    config: Config,
    score: i64,
    /// The last link of this item's history in `Beam::arena`, or `u32::MAX` at the start.
    hist: u32,
}

/// Reusable buffers for beam search.
#[derive(Default)]
pub(crate) struct Beam {
    items: Vec<Item>,
    next: Vec<Item>,
    arena: Vec<(u32, u16)>,
    cands: Vec<(i64, u32, u16)>,
    scores: Vec<i32>,
    /// Per step: the best item's score and history, and whether it is the gold prefix
    /// (when searching with a gold sequence), for max-violation updates.
    best: Vec<(i64, u32, bool)>,
    pub(crate) result: Config,
}

impl Beam {
    /// The action indices of the history ending at `hist`, in order.
    pub(crate) fn history(&self, mut hist: u32, out: &mut Vec<u16>) {
        out.clear();
        while let Some(&(parent, a)) = self.arena.get(hist as usize) {
            out.push(a);
            hist = parent;
        }
        out.reverse();
    }

    /// The best item's score and history after step `t` (0-based), from the last search.
    pub(crate) fn best_at(&self, t: usize) -> Option<(i64, u32, bool)> {
        self.best.get(t).copied()
    }

    pub(crate) fn steps(&self) -> usize {
        self.best.len()
    }

    /// Searches with beam `width`; the best final state is left in `self.result`. With
    /// `gold` (action indices), records at each step whether the best item is its prefix.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn search(
        &mut self,
        scorer: &mut dyn ConfigScorer,
        nodes: &[Node],
        groups: u32,
        actions: &[Action],
        root: u16,
        width: usize,
        gold: Option<&[u16]>,
    ) {
        let n = nodes.len().saturating_sub(2);
        let width = width.max(1);
        let na = actions.len();
        self.arena.clear();
        self.best.clear();
        self.items.truncate(1);
        if self.items.is_empty() {
            self.items.push(Item::default());
        }
        self.items[0].config.reset(n);
        self.items[0].score = 0;
        self.items[0].hist = u32::MAX;
        // The gold prefix's index in the beam, while it is there.
        let mut gold_item = gold.map(|_| 0u32);
        let mut step = 0usize;
        while !self.items[0].config.is_terminal() {
            let configs: Vec<&Config> = self.items.iter().map(|it| &it.config).collect();
            scorer.score(&configs, nodes, groups, na, &mut self.scores);
            self.cands.clear();
            for (i, it) in self.items.iter().enumerate() {
                let legal = Legal::of(&it.config);
                let row = self.scores.get(i * na..(i + 1) * na).unwrap_or_default();
                for (a, (&act, &v)) in actions.iter().zip(row).enumerate() {
                    if legal.allows(act, root) {
                        self.cands
                            .push((it.score + i64::from(v), i as u32, a as u16));
                    }
                }
            }
            if self.cands.is_empty() {
                break;
            }
            // Highest score first; ties by item, then action, so the search is deterministic.
            let keep = width.min(self.cands.len());
            let order = |x: &(i64, u32, u16), y: &(i64, u32, u16)| {
                y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2))
            };
            if keep < self.cands.len() {
                self.cands.select_nth_unstable_by(keep - 1, order);
                self.cands.truncate(keep);
            }
            self.cands.sort_unstable_by(order);
            self.next.resize_with(keep, Item::default);
            self.next.truncate(keep);
            for (j, &(score, i, a)) in self.cands.iter().enumerate() {
                let from = &self.items[i as usize];
                let to = &mut self.next[j];
                to.config.clone_from(&from.config);
                to.config.apply(actions[usize::from(a)]);
                to.score = score;
                self.arena.push((from.hist, a));
                to.hist = (self.arena.len() - 1) as u32;
            }
            let gold_action = gold.and_then(|g| g.get(step)).copied();
            gold_item = match (gold_item, gold_action) {
                (Some(gi), Some(ga)) => self
                    .cands
                    .iter()
                    .position(|&(_, i, a)| i == gi && a == ga)
                    .map(|j| j as u32),
                _ => None,
            };
            std::mem::swap(&mut self.items, &mut self.next);
            self.best.push((
                self.items[0].score,
                self.items[0].hist,
                gold_item == Some(0),
            ));
            step += 1;
        }
        self.result.clone_from(&self.items[0].config);
    }
}
