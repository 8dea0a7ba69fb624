//! Parser features: Zhang & Nivre's (2011) rich non-local templates, adapted to arc-hybrid,
//! over words, our POS tags and the partial tree, plus optional word-cluster and
//! tag-dictionary groups (Koo et al. 2008).
//!
//! Arc-hybrid attaches the stack top either to the first buffer word (LEFT) or to the
//! word below it (RIGHT), so both pairs, (s0, b0) and (s1, s0), get the pair, distance and
//! context templates that Zhang & Nivre give (s0, n0) in arc-eager. Which groups a model
//! uses is stored in it; the template ids are part of the model format.

use super::system::{Config, NONE};
use crate::nlp::features::{TokenAttrs, word_attrs};
use crate::nlp::hashing::{hash_bytes, key1, key2, key3, mix};
use crate::nlp::lexicon::Lexicon;

/// Bump when any template changes meaning; the low 16 bits of a model's feature set are
/// its [`groups`].
pub const FEATURE_VERSION: u32 = 1;

/// Feature groups, as bits of a model's feature set.
pub mod groups {
    /// Words, tags, relations, distance, valency and label sets of the partial tree.
    pub const BASE: u32 = 1;
    /// Word-cluster prefixes of the main positions and pairs.
    pub const CLUSTERS: u32 = 2;
    /// The tag dictionary's tag list of the main positions.
    pub const TAGDICT: u32 = 4;
    /// Three-letter suffixes of the main positions.
    pub const SUFFIX: u32 = 8;
    /// The tags come from the model's own retagger ([`super::super::retag`]); our
    /// tagger's tags of the main positions become extra features.
    pub const RETAG: u32 = 16;
    pub const ALL: u32 = BASE | CLUSTERS | TAGDICT | SUFFIX | RETAG;
}

/// A model's feature-set number for `groups`.
pub fn feature_set(groups: u32) -> u32 {
    (FEATURE_VERSION << 16) | (groups & 0xffff)
}

/// What the features read about one node.
#[derive(Clone, Copy, Debug, Default)]
pub struct Node {
    /// The lowercased word.
    pub w: u64,
    /// The POS tag the templates read: the retagger's, or ours without one.
    pub p: u64,
    /// Our POS tagger's tag.
    pub o: u64,
    pub wp: u64,
    /// Cluster path prefixes (4, 8, 12 bits).
    pub c: [u64; 3],
    pub suffix: u64,
    pub tagdict: u64,
}

impl Node {
    fn pad(what: u64) -> Node {
        let v = mix(0x6e6f_6465, what);
        Node {
            w: v,
            p: v,
            o: v,
            wp: v,
            c: [v; 3],
            suffix: v,
            tagdict: v,
        }
    }
}

/// The hash under which a POS tag enters the features.
pub fn tag_hash(tag: &str) -> u64 {
    hash_bytes(0x7061_7273_6574_6167, tag.as_bytes())
}

/// Every word's own attributes (clusters and tag dictionary included).
pub fn word_attrs_all(words: &[&str], lex: &Lexicon, buf: &mut String, out: &mut Vec<TokenAttrs>) {
    out.clear();
    out.extend(words.iter().map(|w| word_attrs(w, lex, buf)));
}

/// Fills `nodes` for a sentence: the root, one node per word, then the "none" node.
/// `ours` are our tagger's tag hashes, `tags` those the templates read (the same or the
/// retagger's); missing ones read as the empty tag.
pub fn sentence_nodes(attrs: &[TokenAttrs], ours: &[u64], tags: &[u64], nodes: &mut Vec<Node>) {
    nodes.clear();
    nodes.push(Node::pad(1));
    let empty = tag_hash("");
    for (i, a) in attrs.iter().enumerate() {
        let o = ours.get(i).copied().unwrap_or(empty);
        let p = tags.get(i).copied().unwrap_or(o);
        nodes.push(Node {
            w: a.lower,
            p,
            o,
            wp: mix(a.lower, p),
            c: a.cluster,
            suffix: a.suffix[2],
            tagdict: a.tagdict[0],
        });
    }
    nodes.push(Node::pad(2));
}

// Template ids. Values are arbitrary but fixed: they are part of the model format.
mod t {
    pub const BIAS: u64 = 1;
    pub const UNI_W: u64 = 2;
    pub const UNI_P: u64 = 3;
    pub const UNI_WP: u64 = 4;
    pub const CHILD_W: u64 = 5;
    pub const CHILD_P: u64 = 6;
    pub const CHILD_L: u64 = 7;
    pub const PAIR_WPWP: u64 = 8;
    pub const PAIR_WPW: u64 = 9;
    pub const PAIR_WWP: u64 = 10;
    pub const PAIR_WPP: u64 = 11;
    pub const PAIR_PWP: u64 = 12;
    pub const PAIR_WW: u64 = 13;
    pub const PAIR_PP: u64 = 14;
    pub const TAGS3: u64 = 15;
    pub const DIST_W: u64 = 16;
    pub const DIST_P: u64 = 17;
    pub const DIST_WW: u64 = 18;
    pub const DIST_PP: u64 = 19;
    pub const VAL_W: u64 = 20;
    pub const VAL_P: u64 = 21;
    pub const SET_W: u64 = 22;
    pub const SET_P: u64 = 23;
    pub const CHILD_PL: u64 = 24;
    pub const CL_UNI: u64 = 30;
    pub const CL_PAIR: u64 = 31;
    pub const CL_PAIR_P: u64 = 32;
    pub const TD_UNI: u64 = 40;
    pub const TD_PAIR: u64 = 41;
    pub const SUF_UNI: u64 = 50;
    pub const SUF_PAIR: u64 = 51;
    pub const OURS_UNI: u64 = 60;
    pub const OURS_PAIR: u64 = 61;
}

/// A distance in buckets: 1-5 exact, then 6-7, 8-10, more.
#[inline]
fn distance(a: u32, b: u32) -> u64 {
    if a == NONE || b == NONE {
        return 0;
    }
    match a.abs_diff(b) {
        d @ 0..=5 => u64::from(d),
        6..=7 => 6,
        8..=10 => 7,
        _ => 8,
    }
}

/// Positions whose keys depend on one node alone: s0, s1, s2, b0, b1, b2, then the
/// children s0l, s0l2, s0r, s0r2, s1l, s1r, s1r2, b0l, b0l2.
pub const POSITIONS: usize = 15;

/// The node at each of the [`POSITIONS`] (or [`NONE`]).
pub fn position_nodes(c: &Config) -> [u32; POSITIONS] {
    let (s0, s1, b0) = (c.s(0), c.s(1), c.b(0));
    [
        s0,
        s1,
        c.s(2),
        b0,
        c.b(1),
        c.b(2),
        c.left_child(s0, 0),
        c.left_child(s0, 1),
        c.right_child(s0, 0),
        c.right_child(s0, 1),
        c.left_child(s1, 0),
        c.right_child(s1, 0),
        c.right_child(s1, 1),
        c.left_child(b0, 0),
        c.left_child(b0, 1),
    ]
}

/// Appends the keys that depend only on node `n` standing at position `pos` (an index of
/// [`POSITIONS`]). A parse may cache their summed weights per node and position.
pub fn node_keys(n: &Node, pos: usize, groups: u32, k: &mut Vec<u64>) {
    if groups & groups::BASE != 0 {
        if pos < 6 {
            let slot = pos as u64;
            k.push(key2(t::UNI_W, slot, n.w));
            k.push(key2(t::UNI_P, slot, n.p));
            k.push(key2(t::UNI_WP, slot, n.wp));
        } else {
            let slot = (pos - 6) as u64;
            k.push(key2(t::CHILD_W, slot, n.w));
            k.push(key2(t::CHILD_P, slot, n.p));
        }
    }
    // s0, s1, b0, b1 as slots 0-3.
    let slot = match pos {
        0 | 1 => pos as u64,
        3 | 4 => pos as u64 - 1,
        _ => return,
    };
    if groups & groups::CLUSTERS != 0 {
        for (j, &cl) in n.c.iter().enumerate() {
            k.push(key3(t::CL_UNI, slot, j as u64, cl));
        }
        k.push(key3(t::CL_UNI, slot + 8, n.c[1], n.p));
    }
    if groups & groups::TAGDICT != 0 {
        k.push(key2(t::TD_UNI, slot, n.tagdict));
    }
    if groups & groups::RETAG != 0 {
        k.push(key2(t::OURS_UNI, slot, n.o));
        k.push(key3(t::OURS_UNI, slot + 8, n.o, n.p));
    }
    if groups & groups::SUFFIX != 0 {
        k.push(key3(t::SUF_UNI, slot, n.suffix, n.p));
    }
}

/// The node `x` stands for: a token, the root, or the "none" node.
#[inline]
fn node_at(nodes: &[Node], x: u32) -> &Node {
    let none = nodes.len().saturating_sub(1);
    if x == NONE {
        &nodes[none]
    } else {
        nodes.get(x as usize).unwrap_or(&nodes[none])
    }
}

/// All keys of configuration `c` over `nodes` (from [`sentence_nodes`]): its context keys
/// and every position's node keys.
pub fn config_keys(c: &Config, nodes: &[Node], groups: u32, k: &mut Vec<u64>) {
    k.clear();
    if nodes.is_empty() {
        return;
    }
    context_keys(c, nodes, groups, k);
    for (pos, &x) in position_nodes(c).iter().enumerate() {
        node_keys(node_at(nodes, x), pos, groups, k);
    }
}

/// Appends the keys of `c` that read more than one node or the partial tree: pairs,
/// triples, relations, distance, valency, label sets.
pub fn context_keys(c: &Config, nodes: &[Node], groups: u32, k: &mut Vec<u64>) {
    if nodes.is_empty() {
        return;
    }
    let at = |x: u32| node_at(nodes, x);
    // Relations enter as id + 1, so that "no child" (0) differs from the first relation.
    let lab = |x: u32| -> u64 {
        if x == NONE {
            0
        } else {
            u64::from(c.label(x)) + 1
        }
    };
    let [
        s0,
        s1,
        s2,
        b0,
        b1,
        b2,
        s0l,
        s0l2,
        s0r,
        s0r2,
        s1l,
        s1r,
        s1r2,
        b0l,
        b0l2,
    ] = position_nodes(c);
    let (ns0, ns1, nb0, nb1) = (at(s0), at(s1), at(b0), at(b1));

    k.push(key1(t::BIAS, 0));
    if groups & groups::BASE != 0 {
        for (slot, x) in [
            (0u64, s0l),
            (1, s0l2),
            (2, s0r),
            (3, s0r2),
            (4, s1l),
            (5, s1r),
            (6, s1r2),
            (7, b0l),
            (8, b0l2),
        ] {
            let l = lab(x);
            k.push(key2(t::CHILD_L, slot, l));
            k.push(key3(t::CHILD_PL, slot, at(x).p, l));
        }
        for (slot, a, b) in [(0u64, ns0, nb0), (1, ns1, ns0)] {
            k.push(key3(t::PAIR_WPWP, slot, a.wp, b.wp));
            k.push(key3(t::PAIR_WPW, slot, a.wp, b.w));
            k.push(key3(t::PAIR_WWP, slot, a.w, b.wp));
            k.push(key3(t::PAIR_WPP, slot, a.wp, b.p));
            k.push(key3(t::PAIR_PWP, slot, a.p, b.wp));
            k.push(key3(t::PAIR_WW, slot, a.w, b.w));
            k.push(key3(t::PAIR_PP, slot, a.p, b.p));
        }
        k.push(key3(t::PAIR_PP, 2, nb0.p, nb1.p));
        k.push(key3(t::PAIR_PP, 3, ns0.p, nb1.p));
        let p = |x: u32| at(x).p;
        for (slot, a, b, d) in [
            (0u64, b0, b1, b2),
            (1, s0, b0, b1),
            (2, s1, s0, b0),
            (3, s0, s0l, b0),
            (4, s0, s0r, b0),
            (5, s0, b0, b0l),
            (6, s1, s0, s0l),
            (7, s1, s0, s0r),
            (8, s1, s1r, s0),
            (9, s2, s1, s0),
            (10, s1, s1l, s0),
            (11, s0, s0l, s0l2),
            (12, s0, s0r, s0r2),
            (13, b0, b0l, b0l2),
            (14, s1, s1r, s1r2),
        ] {
            k.push(key3(t::TAGS3, slot, mix(p(a), p(b)), p(d)));
        }
        let d0 = distance(s0, b0);
        let d1 = distance(s1, s0);
        for (slot, a, b, d) in [(0u64, ns0, nb0, d0), (1, ns1, ns0, d1)] {
            k.push(key3(t::DIST_W, slot, a.w, d));
            k.push(key3(t::DIST_P, slot, a.p, d));
            k.push(key3(t::DIST_W, slot + 2, b.w, d));
            k.push(key3(t::DIST_P, slot + 2, b.p, d));
            k.push(key3(t::DIST_WW, slot, mix(a.w, b.w), d));
            k.push(key3(t::DIST_PP, slot, mix(a.p, b.p), d));
        }
        let (s0vl, s0vr) = c.valency(s0);
        let (s1vl, s1vr) = c.valency(s1);
        let (b0vl, _) = c.valency(b0);
        let (s0sl, s0sr) = c.label_sets(s0);
        let (s1sl, s1sr) = c.label_sets(s1);
        let (b0sl, _) = c.label_sets(b0);
        for (slot, n, v, set) in [
            (0u64, ns0, s0vr, s0sr),
            (1, ns0, s0vl, s0sl),
            (2, nb0, b0vl, b0sl),
            (3, ns1, s1vr, s1sr),
            (4, ns1, s1vl, s1sl),
        ] {
            k.push(key3(t::VAL_W, slot, n.w, u64::from(v)));
            k.push(key3(t::VAL_P, slot, n.p, u64::from(v)));
            k.push(key3(t::SET_W, slot, n.w, set));
            k.push(key3(t::SET_P, slot, n.p, set));
        }
    }
    if groups & groups::CLUSTERS != 0 {
        for (slot, a, b) in [(0u64, ns0, nb0), (1, ns1, ns0)] {
            k.push(key3(t::CL_PAIR, slot, a.c[0], b.c[0]));
            k.push(key3(t::CL_PAIR, slot + 2, a.c[1], b.c[1]));
            k.push(key3(t::CL_PAIR_P, slot, a.c[1], b.p));
            k.push(key3(t::CL_PAIR_P, slot + 2, a.p, b.c[1]));
            k.push(key3(t::CL_PAIR_P, slot + 4, a.c[2], b.p));
            k.push(key3(t::CL_PAIR_P, slot + 6, a.p, b.c[2]));
        }
    }
    if groups & groups::TAGDICT != 0 {
        for (slot, a, b) in [(0u64, ns0, nb0), (1, ns1, ns0)] {
            k.push(key3(t::TD_PAIR, slot, a.tagdict, b.tagdict));
        }
    }
    if groups & groups::RETAG != 0 {
        for (slot, a, b) in [(0u64, ns0, nb0), (1, ns1, ns0)] {
            k.push(key3(t::OURS_PAIR, slot, a.o, b.o));
        }
    }
    if groups & groups::SUFFIX != 0 {
        for (slot, a, b) in [(0u64, ns0, nb0), (1, ns1, ns0)] {
            k.push(key3(t::SUF_PAIR, slot, a.suffix, b.p));
            k.push(key3(t::SUF_PAIR, slot + 2, a.p, b.suffix));
        }
    }
}
