//! Dependency trees over one sentence's tokens, and the fixed table of UD relations.
//!
//! Labels the table knows are borrowed from it (`&'static str`), so a parse allocates no
//! label strings; a gold tree read from a file may carry a label the table lacks, which it
//! then owns. Children are kept in one flat list per tree, so `children()` costs nothing.

use std::borrow::Cow;

/// Every UD v2 relation this build knows: the 37 universal ones and the subtypes used by
/// the English treebanks (EWT, GUM and others), sorted so that ids are binary-search
/// positions. A parser model may only use labels from this table.
pub const UD_RELATIONS: [&str; 64] = [
    "acl",
    "acl:relcl",
    "advcl",
    "advcl:relcl",
    "advmod",
    "amod",
    "appos",
    "aux",
    "aux:pass",
    "case",
    "cc",
    "cc:preconj",
    "ccomp",
    "clf",
    "compound",
    "compound:lvc",
    "compound:prt",
    "compound:svc",
    "conj",
    "cop",
    "csubj",
    "csubj:outer",
    "csubj:pass",
    "dep",
    "det",
    "det:poss",
    "det:predet",
    "discourse",
    "dislocated",
    "expl",
    "expl:pass",
    "expl:pv",
    "fixed",
    "flat",
    "flat:foreign",
    "flat:name",
    "goeswith",
    "iobj",
    "list",
    "mark",
    "nmod",
    "nmod:desc",
    "nmod:npmod",
    "nmod:poss",
    "nmod:tmod",
    "nmod:unmarked",
    "nsubj",
    "nsubj:outer",
    "nsubj:pass",
    "nummod",
    "obj",
    "obl",
    "obl:agent",
    "obl:arg",
    "obl:npmod",
    "obl:tmod",
    "obl:unmarked",
    "orphan",
    "parataxis",
    "punct",
    "reparandum",
    "root",
    "vocative",
    "xcomp",
];

/// The id of a known relation (its position in [`UD_RELATIONS`]).
pub fn relation_id(label: &str) -> Option<u16> {
    UD_RELATIONS.binary_search(&label).ok().map(|i| i as u16)
}

/// The relation with id `id`, if there is one.
pub fn relation(id: u16) -> Option<&'static str> {
    UD_RELATIONS.get(usize::from(id)).copied()
}

/// `label` as a `'static` table entry when the table has it.
fn intern(label: String) -> Cow<'static, str> {
    match relation_id(&label).and_then(relation) {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(label),
    }
}

/// Marks the root in `heads`.
const NO_HEAD: u32 = u32::MAX;

/// A dependency tree over one sentence's tokens (0-based token indices).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DepTree {
    heads: Vec<u32>,
    labels: Vec<Cow<'static, str>>,
    /// Token `i`'s children are `child_list[child_start[i]..child_start[i + 1]]`.
    child_start: Vec<u32>,
    child_list: Vec<u32>,
}

impl DepTree {
    pub fn len(&self) -> usize {
        self.heads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    /// The head of token `i`, or None for the root (and for `i` out of range).
    pub fn head(&self, i: usize) -> Option<usize> {
        match self.heads.get(i) {
            Some(&h) if h != NO_HEAD => Some(h as usize),
            _ => None,
        }
    }

    /// The full UD relation of token `i` to its head ("nsubj", "obl:agent", "root", ...);
    /// "" for `i` out of range.
    pub fn label(&self, i: usize) -> &str {
        self.labels.get(i).map_or("", |l| l)
    }

    /// The children of token `i`, left to right.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let range = match (self.child_start.get(i), self.child_start.get(i + 1)) {
            (Some(&a), Some(&b)) => a as usize..b as usize,
            _ => 0..0,
        };
        self.child_list
            .get(range)
            .unwrap_or_default()
            .iter()
            .map(|&c| c as usize)
    }

    /// A tree from explicit heads and labels (for tests and for gold trees read from
    /// CoNLL-U). Its length is `heads.len()`: missing labels read "dep", extra ones are
    /// dropped, and a head outside the sentence or on the token itself counts as no head.
    /// Nothing else is checked; [`DepTree::is_well_formed`] says whether it is a tree.
    pub fn from_parts(heads: Vec<Option<usize>>, labels: Vec<String>) -> DepTree {
        let n = heads.len();
        let heads: Vec<u32> = heads
            .iter()
            .enumerate()
            .map(|(i, h)| match *h {
                Some(h) if h < n && h != i => h as u32,
                _ => NO_HEAD,
            })
            .collect();
        let mut labels: Vec<Cow<'static, str>> = labels.into_iter().take(n).map(intern).collect();
        labels.resize(n, Cow::Borrowed("dep"));
        DepTree::build(heads, labels)
    }

    /// A tree from heads (`NO_HEAD` for none, all others in range) and labels.
    pub(crate) fn from_ids(heads: &[u32], labels: impl Iterator<Item = &'static str>) -> DepTree {
        let n = heads.len() as u32;
        let heads = heads
            .iter()
            .map(|&h| if h < n { h } else { NO_HEAD })
            .collect();
        DepTree::build(heads, labels.map(Cow::Borrowed).collect())
    }

    fn build(heads: Vec<u32>, labels: Vec<Cow<'static, str>>) -> DepTree {
        let n = heads.len();
        let mut child_start = vec![0u32; n + 1];
        for &h in &heads {
            if let Some(c) = child_start.get_mut(h as usize + 1) {
                *c += 1;
            }
        }
        for i in 0..n {
            child_start[i + 1] += child_start[i];
        }
        let mut fill = child_start.clone();
        let mut child_list = vec![0u32; child_start[n] as usize];
        // Tokens in order, so each token's children come out left to right.
        for (d, &h) in heads.iter().enumerate() {
            if let Some(at) = fill.get_mut(h as usize) {
                child_list[*at as usize] = d as u32;
                *at += 1;
            }
        }
        DepTree {
            heads,
            labels,
            child_start,
            child_list,
        }
    }

    /// The root token: the first token without a head.
    pub fn root(&self) -> Option<usize> {
        self.heads.iter().position(|&h| h == NO_HEAD)
    }

    /// True if the tree is non-empty, has exactly one root and no cycles (every token
    /// reaches the root by following heads), or is empty.
    pub fn is_well_formed(&self) -> bool {
        let n = self.len();
        if n == 0 {
            return true;
        }
        if self.heads.iter().filter(|&&h| h == NO_HEAD).count() != 1 {
            return false;
        }
        (0..n).all(|mut i| {
            for _ in 0..n {
                match self.head(i) {
                    None => return true,
                    Some(h) => i = h,
                }
            }
            false
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(heads: &[Option<usize>], labels: &[&str]) -> DepTree {
        DepTree::from_parts(
            heads.to_vec(),
            labels.iter().map(|s| s.to_string()).collect(),
        )
    }

    #[test]
    fn the_relation_table_is_sorted_unique_and_round_trips() {
        assert!(UD_RELATIONS.windows(2).all(|w| w[0] < w[1]));
        let all = UD_RELATIONS;
        for (i, r) in all.iter().enumerate() {
            assert_eq!(relation_id(r), Some(i as u16), "{r}");
            assert_eq!(relation(i as u16), Some(*r));
        }
        for needed in [
            "obl:agent",
            "nsubj:pass",
            "xcomp",
            "ccomp",
            "conj",
            "appos",
            "acl:relcl",
        ] {
            assert!(relation_id(needed).is_some(), "{needed}");
        }
        assert_eq!(relation_id("nsubj:weird"), None);
        assert_eq!(relation(all.len() as u16), None);
    }

    #[test]
    fn children_come_left_to_right_and_labels_are_kept() {
        // "She gave him a book": gave is the root.
        let t = tree(
            &[Some(1), None, Some(1), Some(4), Some(1)],
            &["nsubj", "root", "iobj", "det", "obj"],
        );
        assert_eq!(t.len(), 5);
        assert_eq!(t.root(), Some(1));
        assert_eq!(t.head(0), Some(1));
        assert_eq!(t.head(1), None);
        assert_eq!(t.children(1).collect::<Vec<_>>(), [0, 2, 4]);
        assert_eq!(t.children(4).collect::<Vec<_>>(), [3]);
        assert_eq!(t.children(0).count(), 0);
        assert_eq!(t.children(99).count(), 0);
        assert_eq!(t.label(4), "obj");
        assert_eq!(t.label(99), "");
        assert!(t.is_well_formed());
    }

    #[test]
    fn unknown_labels_are_owned_and_bad_heads_become_roots() {
        let t = tree(&[Some(7), Some(1), Some(0)], &["nmod:weird"]);
        assert_eq!(t.label(0), "nmod:weird");
        assert_eq!(t.label(1), "dep", "missing labels read dep");
        assert_eq!((t.head(0), t.head(1), t.head(2)), (None, None, Some(0)));
        assert!(!t.is_well_formed(), "two roots");
        let cycle = tree(&[Some(1), Some(0), None], &["dep", "dep", "root"]);
        assert!(!cycle.is_well_formed());
        assert!(DepTree::from_parts(vec![], vec![]).is_well_formed());
        assert!(DepTree::from_parts(vec![], vec![]).is_empty());
    }
}
