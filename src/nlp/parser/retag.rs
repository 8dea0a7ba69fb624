//! A second-stage POS tagger inside the parser: it reads our tagger's tags (trained on news,
//! CoNLL-2003) with the words and predicts the treebanks' own Penn tags, so the parser's
//! features see tags in the treebanks' conventions and domain.
//!
//! It is a greedy left-to-right averaged perceptron whose weights live in the parser's
//! model table under their own templates; a tag's id is its position in the model's
//! `retag_tags` list, and its rows use the transition label slots as tag slots.

use crate::nlp::features::TokenAttrs;
use crate::nlp::hashing::{key1, key2, key3, mix};
use crate::nlp::modelfile::Model;
use crate::nlp::perceptron::SentenceFeatures;

/// Where the retagger's weights come from.
pub(crate) trait Scorer {
    /// Adds the weights of `keys` to `scores` (one slot per tag, at least).
    fn add(&self, keys: &[u64], scores: &mut [i32]);
}

mod t {
    pub const BIAS: u64 = 101;
    pub const WORD: u64 = 102;
    pub const SUFFIX: u64 = 103;
    pub const PREFIX: u64 = 104;
    pub const SHAPE: u64 = 105;
    pub const OURS: u64 = 106;
    pub const OURS_WORD: u64 = 107;
    pub const OURS_3: u64 = 108;
    pub const PREV: u64 = 109;
    pub const PREV_WORD: u64 = 110;
    pub const CLUSTER: u64 = 111;
    pub const TAGDICT: u64 = 112;
    pub const OURS_PREV: u64 = 113;
    pub const OURS_FAR: u64 = 114;
    pub const SUFFIX_OURS: u64 = 115;
    pub const WORD_OURS: u64 = 116;
    pub const NEAR_TAGDICT: u64 = 117;
    pub const NEAR_SHAPE: u64 = 118;
    pub const PREV_SUFFIX: u64 = 119;
}

const PAD: u64 = 0x7265_7461_6770;

/// The keys for token `i`, given every token's attributes, our tags' hashes and the two
/// tags the retagger chose before `i` (`prev[0]` the nearest; ids + 1, 0 at the start):
/// its [`static_keys`] and its [`prev_keys`].
pub(crate) fn keys(attrs: &[TokenAttrs], ours: &[u64], i: usize, prev: [u64; 2], k: &mut Vec<u64>) {
    k.clear();
    static_keys(attrs, ours, i, k);
    prev_keys(attrs, ours, i, prev, k);
}

/// Appends the keys of token `i` that do not read the retagger's earlier choices, so a
/// sentence's can all be looked up in one pipelined pass.
pub(crate) fn static_keys(attrs: &[TokenAttrs], ours: &[u64], i: usize, k: &mut Vec<u64>) {
    let at =
        |j: isize| -> Option<&TokenAttrs> { usize::try_from(j).ok().and_then(|j| attrs.get(j)) };
    let our = |j: isize| -> u64 {
        usize::try_from(j)
            .ok()
            .and_then(|j| ours.get(j))
            .copied()
            .unwrap_or(mix(PAD, j as u64))
    };
    let i = i as isize;
    let Some(a) = at(i) else {
        return;
    };
    k.push(key1(t::BIAS, 0));
    for off in -2isize..=2 {
        let w = at(i + off).map_or(mix(PAD, off as u64), |x| x.lower);
        k.push(key2(t::WORD, off as u64, w));
    }
    for j in 0..3 {
        k.push(key2(t::SUFFIX, j as u64, a.suffix[j]));
    }
    k.push(key1(t::PREFIX, a.prefix[0]));
    k.push(key2(t::SHAPE, a.short, u64::from(a.flags)));
    for off in -1isize..=1 {
        k.push(key2(t::OURS, off as u64, our(i + off)));
    }
    k.push(key2(t::OURS_WORD, our(i), a.lower));
    k.push(key3(t::OURS_3, our(i - 1), our(i), our(i + 1)));
    for (j, &c) in a.cluster.iter().enumerate() {
        k.push(key2(t::CLUSTER, j as u64, c));
    }
    let next_cluster = at(i + 1).map_or(PAD, |x| x.cluster[1]);
    k.push(key2(t::CLUSTER, 9, next_cluster));
    k.push(key1(t::TAGDICT, a.tagdict[0]));
    k.push(key2(t::TAGDICT, a.tagdict[0], our(i)));
    for off in [-2isize, 2] {
        k.push(key2(t::OURS_FAR, off as u64, our(i + off)));
    }
    for j in 1..3 {
        k.push(key3(t::SUFFIX_OURS, j as u64, a.suffix[j], our(i)));
    }
    for j in 1..3 {
        k.push(key2(t::PREFIX, j as u64 + 10, a.prefix[j]));
    }
    for off in [-1isize, 1] {
        let near = at(i + off);
        let w = near.map_or(mix(PAD, off as u64), |x| x.lower);
        k.push(key3(t::WORD_OURS, off as u64, w, our(i)));
        let td = near.map_or(PAD, |x| x.tagdict[0]);
        k.push(key2(t::NEAR_TAGDICT, off as u64, td));
        let sh = near.map_or(PAD, |x| mix(x.short, u64::from(x.flags)));
        k.push(key2(t::NEAR_SHAPE, off as u64, sh));
    }
}

/// Appends the keys of token `i` that read the two tags chosen before it.
pub(crate) fn prev_keys(
    attrs: &[TokenAttrs],
    ours: &[u64],
    i: usize,
    prev: [u64; 2],
    k: &mut Vec<u64>,
) {
    let Some(a) = attrs.get(i) else {
        return;
    };
    let our = ours.get(i).copied().unwrap_or(mix(PAD, i as u64));
    k.push(key1(t::PREV, prev[0]));
    k.push(key2(t::PREV, prev[0], prev[1]));
    k.push(key2(t::PREV_WORD, prev[0], a.lower));
    k.push(key2(t::OURS_PREV, prev[0], our));
    k.push(key2(t::PREV_SUFFIX, prev[0], a.suffix[2]));
}

/// Tags a sentence greedily: tag ids (below `n_tags`) into `out`.
pub(crate) fn retag(
    attrs: &[TokenAttrs],
    ours: &[u64],
    n_tags: usize,
    scorer: &dyn Scorer,
    scores: &mut Vec<i32>,
    k: &mut Vec<u64>,
    out: &mut Vec<u16>,
) {
    out.clear();
    let mut prev = [0u64; 2];
    for i in 0..attrs.len() {
        keys(attrs, ours, i, prev, k);
        scores.clear();
        scores.resize(n_tags.max(1), 0);
        scorer.add(k, scores);
        let best = best_tag(scores, n_tags);
        out.push(best);
        prev = [u64::from(best) + 1, prev[0]];
    }
}

/// Reusable buffers for [`retag_model`].
#[derive(Default)]
pub(crate) struct RetagScratch {
    feats: SentenceFeatures<u64>,
    rows: Vec<i32>,
    keys: Vec<u64>,
}

/// [`retag`] with a model's table, the same tags: every token's [`static_keys`] are
/// summed in one pipelined pass over the table (their cache misses overlap), then only
/// the few [`prev_keys`] are looked up token by token.
pub(crate) fn retag_model(
    attrs: &[TokenAttrs],
    ours: &[u64],
    n_tags: usize,
    model: &Model,
    s: &mut RetagScratch,
    out: &mut Vec<u16>,
) {
    out.clear();
    let width = model.labels.len().max(n_tags).max(1);
    s.feats.clear();
    for i in 0..attrs.len() {
        static_keys(attrs, ours, i, &mut s.feats.keys);
        s.feats.end_token();
    }
    s.rows.clear();
    s.rows.resize(attrs.len() * width, 0);
    model.add_feature_rows(&s.feats, &mut s.rows);
    let mut prev = [0u64; 2];
    for (i, row) in s.rows.chunks_exact_mut(width).enumerate() {
        s.keys.clear();
        prev_keys(attrs, ours, i, prev, &mut s.keys);
        for &k in &s.keys {
            model.add_feature(k, row);
        }
        let best = best_tag(row, n_tags);
        out.push(best);
        prev = [u64::from(best) + 1, prev[0]];
    }
}

/// The highest-scoring tag id below `n_tags` (the lowest on ties).
pub(crate) fn best_tag(scores: &[i32], n_tags: usize) -> u16 {
    let mut best = 0usize;
    for (j, &v) in scores.iter().enumerate().take(n_tags) {
        if v > scores[best] {
            best = j;
        }
    }
    best as u16
}
