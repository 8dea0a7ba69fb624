//! A per-thread cache of what the taggers know about a word on its own: its attributes
//! and, for each model and each offset of [`WORD_OFFSETS`], the summed weights of its
//! word-local keys (see [`super::features`]). A token then costs a few cached rows plus
//! its context keys instead of every key. Weights are integers, so the sums are exact and
//! the tags are the same as without the cache. Memory is bounded: the cache is emptied
//! between documents once it holds more than its capacity of words.
//!
//! It also holds, per model, the summed weights of each [`TagGroup`] by the three tags the
//! group reads: a token then costs one lookup in a small, hot map instead of one table
//! lookup per tag-only key.

use super::features::{SentenceAttrs, TagGroup, TokenAttrs, WORD_OFFSETS, word_attrs};
use super::hashing::FxHashMap;
use super::lexicon::Lexicon;
use super::modelfile::Model;
use super::perceptron::SentenceFeatures;

/// A model's word-local key function (`pos_word_keys` and friends).
pub type WordKeys = fn(&TokenAttrs, isize, &mut Vec<u64>);

/// One model served by the cache, with the function listing its word-local keys.
#[derive(Clone, Copy)]
pub struct CachedModel<'a> {
    pub model: &'a Model,
    pub word_keys: WordKeys,
    /// The model's tag-only key groups, scored by [`WordCache::add_scores`].
    pub tag_groups: &'static [TagGroup],
}

const ROLES: usize = WORD_OFFSETS.len();

/// The largest distance at which a template reads a word.
const MAX_OFFSET: usize = {
    let mut m = 0;
    let mut i = 0;
    while i < ROLES {
        let d = WORD_OFFSETS[i].unsigned_abs();
        if d > m {
            m = d;
        }
        i += 1;
    }
    m
};

/// Words kept by default: about 1.7 KB each with the three bundled models, so ~28 MB.
pub const DEFAULT_CAPACITY: usize = 1 << 14;

/// Word attributes and word-local scores by word, for one set of models.
pub struct WordCache {
    /// Identifies the models the scores were computed with (0: none yet).
    owner: u64,
    capacity: usize,
    /// Words of at most [`SHORT`] bytes, packed with their length into three words.
    short: FxHashMap<[u64; 3], u32>,
    long: FxHashMap<Box<str>, u32>,
    attrs: Vec<TokenAttrs>,
    /// Per model: `word id x ROLES x labels` summed weights.
    scores: Vec<Vec<i32>>,
    labels: Vec<usize>,
    /// Ids of the padding pseudo-words: `MAX_OFFSET` before the sentence (nearest first),
    /// then `MAX_OFFSET` after it.
    pads: Vec<u32>,
    /// Word-local keys of the words being added, one "token" per word and offset.
    keys: SentenceFeatures<u64>,
    buf: String,
    /// Per model and tag group: tag triple -> row in `tag_scores[model]`.
    tag_rows: Vec<Vec<FxHashMap<[u64; 3], u32>>>,
    tag_scores: Vec<Vec<i32>>,
}

impl WordCache {
    pub fn new(capacity: usize) -> WordCache {
        WordCache {
            owner: 0,
            capacity,
            short: FxHashMap::default(),
            long: FxHashMap::default(),
            attrs: Vec::new(),
            scores: Vec::new(),
            labels: Vec::new(),
            pads: Vec::new(),
            keys: SentenceFeatures::default(),
            buf: String::new(),
            tag_rows: Vec::new(),
            tag_scores: Vec::new(),
        }
    }

    /// Number of words held (padding included).
    pub fn len(&self) -> usize {
        self.attrs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.attrs.is_empty()
    }

    /// Prepares for a document tagged with `models`, identified by `owner` (non-zero,
    /// unique per set of models). Empties the cache if it was filled for other models or
    /// is over capacity; word ids handed out before this call are then invalid.
    pub fn begin_document(&mut self, owner: u64, models: &[CachedModel<'_>]) {
        let tag_rows: usize = self.tag_rows.iter().flatten().map(|m| m.len()).sum();
        if self.owner != owner || tag_rows > self.capacity {
            self.tag_rows.clear();
            self.tag_rows.extend(
                models
                    .iter()
                    .map(|m| vec![FxHashMap::default(); m.tag_groups.len()]),
            );
            self.tag_scores.resize_with(models.len(), Vec::new);
            for scores in &mut self.tag_scores {
                scores.clear();
            }
        }
        if self.owner == owner && self.attrs.len() <= self.capacity && !self.pads.is_empty() {
            return;
        }
        self.owner = owner;
        self.short.clear();
        self.long.clear();
        self.attrs.clear();
        // Keep the score vectors' memory: refilling it costs no new page faults.
        self.scores.resize_with(models.len(), Vec::new);
        for scores in &mut self.scores {
            scores.clear();
        }
        self.labels.clear();
        self.labels
            .extend(models.iter().map(|m| m.model.n_labels()));
        self.pads.clear();
        let empty = SentenceAttrs::default();
        for k in 0..MAX_OFFSET {
            self.pads.push(self.attrs.len() as u32);
            self.attrs.push(empty.at(-(k as isize) - 1));
        }
        for k in 0..MAX_OFFSET {
            // Past the end of an empty sentence is past the end of any sentence.
            self.pads.push(self.attrs.len() as u32);
            self.attrs.push(empty.at(k as isize));
        }
        self.score_new_words(0, models);
    }

    /// Computes the word-local scores of the words from id `first` on (added to `attrs`
    /// but not scored yet): one batched table lookup per model for all of them, so the
    /// cache misses of new words overlap.
    fn score_new_words(&mut self, first: usize, models: &[CachedModel<'_>]) {
        let words = self.attrs.len();
        for ((m, scores), &n) in models.iter().zip(&mut self.scores).zip(&self.labels) {
            self.keys.clear();
            for a in &self.attrs[first..] {
                for off in WORD_OFFSETS {
                    (m.word_keys)(a, off, &mut self.keys.keys);
                    self.keys.end_token();
                }
            }
            scores.resize(words * ROLES * n, 0);
            if let Some(block) = scores.get_mut(first * ROLES * n..) {
                m.model.add_feature_rows(&self.keys, block);
            }
        }
    }

    /// Fills a sentence's attributes and the cache ids of its words, adding new words.
    /// `models` must be those given to [`WordCache::begin_document`].
    pub fn sentence<S: AsRef<str>>(
        &mut self,
        words: &[S],
        lex: &Lexicon,
        models: &[CachedModel<'_>],
        attrs: &mut SentenceAttrs,
        ids: &mut Vec<u32>,
    ) {
        ids.clear();
        let first = self.attrs.len();
        for w in words {
            let w = w.as_ref();
            let key = pack(w);
            let found = match key {
                Some(k) => self.short.get(&k),
                None => self.long.get(w),
            };
            let id = match found {
                Some(&id) => id,
                None => {
                    let id = self.attrs.len() as u32;
                    self.attrs.push(word_attrs(w, lex, &mut self.buf));
                    match key {
                        Some(k) => self.short.insert(k, id),
                        None => self.long.insert(w.into(), id),
                    };
                    id
                }
            };
            ids.push(id);
        }
        if self.attrs.len() > first {
            self.score_new_words(first, models);
        }
        attrs.compute_from(ids.iter().map(|&id| self.attrs[id as usize]), lex);
    }

    /// Adds model `m`'s cached scores to `emit` (`ids.len() x labels`) for a sentence
    /// whose words have cache ids `ids` and whose POS and chunk tags (as label hashes)
    /// are `pos` and `chunk`: its word-local scores and its tag groups' weights. With the
    /// context keys' weights this gives the model's full emission scores. `models` must
    /// be those given to [`WordCache::begin_document`].
    pub fn add_scores(
        &mut self,
        m: usize,
        models: &[CachedModel<'_>],
        ids: &[u32],
        pos: &[u64],
        chunk: &[u64],
        emit: &mut [i32],
    ) {
        self.add_word_scores(m, ids, emit);
        self.add_tag_scores(m, models, pos, chunk, ids.len(), emit);
    }

    /// Adds the weights of model `m`'s tag groups to `emit` (`len x labels`).
    fn add_tag_scores(
        &mut self,
        m: usize,
        models: &[CachedModel<'_>],
        pos: &[u64],
        chunk: &[u64],
        len: usize,
        emit: &mut [i32],
    ) {
        let Some(model) = models.get(m) else {
            return;
        };
        let n = model.model.n_labels();
        let (Some(rows), Some(scores)) = (self.tag_rows.get_mut(m), self.tag_scores.get_mut(m))
        else {
            return;
        };
        for (group, rows) in model.tag_groups.iter().zip(rows) {
            for i in 0..len {
                let tags = (group.tags)(pos, chunk, i);
                let id = match rows.get(&tags) {
                    Some(&id) => id as usize,
                    None => {
                        let id = scores.len() / n;
                        self.keys.clear();
                        (group.keys)(&tags, &mut self.keys.keys);
                        self.keys.end_token();
                        scores.resize(scores.len() + n, 0);
                        model
                            .model
                            .add_feature_rows(&self.keys, &mut scores[id * n..]);
                        rows.insert(tags, id as u32);
                        id
                    }
                };
                if let (Some(e), Some(r)) = (
                    emit.get_mut(i * n..(i + 1) * n),
                    scores.get(id * n..(id + 1) * n),
                ) {
                    for (e, r) in e.iter_mut().zip(r) {
                        *e += r;
                    }
                }
            }
        }
    }

    /// Adds model `m`'s word-local scores to `emit` (`ids.len() x labels`).
    fn add_word_scores(&self, m: usize, ids: &[u32], emit: &mut [i32]) {
        let (Some(&n), Some(scores)) = (self.labels.get(m), self.scores.get(m)) else {
            return;
        };
        let ids = WordIds {
            ids,
            pads: &self.pads,
        };
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2, checked just above.
            unsafe { add_rows_avx2(n, scores, ids, emit) };
            return;
        }
        add_rows(n, scores, ids, emit);
    }
}

/// A sentence's word ids and the padding ids around it.
#[derive(Clone, Copy)]
struct WordIds<'a> {
    ids: &'a [u32],
    pads: &'a [u32],
}

impl WordIds<'_> {
    /// The id of the word at position `j` (negative or past the end: padding).
    #[inline(always)]
    fn at(&self, j: isize) -> u32 {
        let len = self.ids.len();
        let slot = if j < 0 {
            (-j - 1) as usize
        } else if j as usize >= len {
            MAX_OFFSET + (j as usize - len)
        } else {
            return self.ids[j as usize];
        };
        self.pads.get(slot).copied().unwrap_or(0)
    }
}

/// [`add_rows`] compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn add_rows_avx2(n: usize, scores: &[i32], ids: WordIds<'_>, emit: &mut [i32]) {
    add_rows(n, scores, ids, emit);
}

/// Adds to each token's row the cached rows of the words around it.
#[inline(always)]
fn add_rows(n: usize, scores: &[i32], ids: WordIds<'_>, emit: &mut [i32]) {
    for (i, row) in emit
        .chunks_exact_mut(n.max(1))
        .take(ids.ids.len())
        .enumerate()
    {
        for (r, &off) in WORD_OFFSETS.iter().enumerate() {
            let id = ids.at(i as isize + off);
            let start = (id as usize * ROLES + r) * n;
            if let Some(cached) = scores.get(start..start + n) {
                for (x, &v) in row.iter_mut().zip(cached) {
                    *x += v;
                }
            }
        }
    }
}

/// Longest word packed by [`pack`].
const SHORT: usize = 23;

/// A word of at most [`SHORT`] bytes as three words: the bytes, zero padding and the
/// length in the last byte (so words differing only by trailing NULs stay distinct).
fn pack(w: &str) -> Option<[u64; 3]> {
    if w.len() > SHORT {
        return None;
    }
    let mut b = [0u8; 24];
    b[..w.len()].copy_from_slice(w.as_bytes());
    b[23] = w.len() as u8;
    let word = |i: usize| {
        let mut x = [0u8; 8];
        x.copy_from_slice(&b[i * 8..i * 8 + 8]);
        u64::from_le_bytes(x)
    };
    Some([word(0), word(1), word(2)])
}

impl Default for WordCache {
    fn default() -> WordCache {
        WordCache::new(DEFAULT_CAPACITY)
    }
}
