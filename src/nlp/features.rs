//! Feature extraction for the three taggers. Per-token attributes (hashes of the word,
//! its lowercase form, shape, affixes, gazetteer matches) are computed once per sentence
//! and shared by all models; each model then combines them into hashed `u64` keys.
//!
//! Each model's templates are split in two, and a new template goes in exactly one:
//! `*_word_keys` holds keys that depend only on ONE token's own word (its hashes, affixes,
//! shape, flags or clusters, never `gazetteer`) at a fixed offset from the tagged token
//! (one of [`WORD_OFFSETS`]); `*_context_keys` holds everything else (two or more words,
//! tags, gazetteer bits, sentence position, headline, document). The tagger sums the
//! word-local keys' weights once per distinct word and offset and caches the sums
//! ([`super::wordcache`]), so a context-dependent key put in `*_word_keys` would be
//! scored wrongly; the test `cached_scores_equal_full_feature_scores` guards this.
//! Changing any template changes the keys: bump the model's `FEATURE_SET` constant.

use super::hashing::{FxHashMap, FxHashSet, hash_bytes, key1, key2, key3, mix};
use super::lexicon::{Lexicon, token_hash};
use super::perceptron::SentenceFeatures;
use super::tagdict::{TagClass, TagDict};

pub const POS_FEATURE_SET: u32 = 4;
pub const CHUNK_FEATURE_SET: u32 = 3;
pub const NER_FEATURE_SET: u32 = 2;

const INIT_CAP: u16 = 1;
const ALL_CAPS: u16 = 2;
const HAS_DIGIT: u16 = 4;
const ALL_DIGIT: u16 = 8;
const HAS_HYPHEN: u16 = 16;
const HAS_PERIOD: u16 = 32;
const NO_ALNUM: u16 = 64;
const HAS_LOWER: u16 = 128;

/// Hashed attributes of one token.
#[derive(Clone, Copy, Debug, Default)]
pub struct TokenAttrs {
    pub word: u64,
    pub lower: u64,
    pub shape: u64,
    pub short: u64,
    pub prefix: [u64; 4],
    pub suffix: [u64; 4],
    pub flags: u16,
    pub gazetteer: u32,
    /// Hashes of the word's cluster path prefixes.
    pub cluster: [u64; 3],
    /// The word's tag-dictionary class and first tag.
    pub tagdict: TagClass,
}

impl TokenAttrs {
    fn pad(offset: u64) -> TokenAttrs {
        let v = mix(0x7061_6464, offset);
        TokenAttrs {
            word: v,
            lower: v,
            shape: v,
            short: v,
            prefix: [v; 4],
            suffix: [v; 4],
            flags: 0x8000,
            gazetteer: 0,
            cluster: [v; 3],
            tagdict: [v; 2],
        }
    }

    pub fn is_capitalised(&self) -> bool {
        self.flags & INIT_CAP != 0
    }
}

/// Attributes of a sentence plus sentence-level facts.
#[derive(Clone, Debug, Default)]
pub struct SentenceAttrs {
    pub tokens: Vec<TokenAttrs>,
    /// Every letter in the sentence is upper case (a headline).
    pub headline: bool,
    lower_scratch: Vec<u64>,
    gaz_scratch: Vec<u32>,
}

const PADS: [u64; 2] = [1, 2];

/// Offsets (from the tagged token) at which templates read one word's own attributes.
/// A word-local template at another offset needs its offset added here.
pub const WORD_OFFSETS: [isize; 5] = [0, -1, 1, -2, 2];

impl SentenceAttrs {
    /// Fills the attributes for `words`, reusing buffers.
    pub fn compute<S: AsRef<str>>(&mut self, words: &[S], lex: &Lexicon, buf: &mut String) {
        self.compute_from(words.iter().map(|w| word_attrs(w.as_ref(), lex, buf)), lex);
    }

    /// Fills the attributes from each word's own attributes (as [`word_attrs`] gives them),
    /// adding the sentence-level facts: headline and gazetteer matches.
    pub fn compute_from(&mut self, words: impl Iterator<Item = TokenAttrs>, lex: &Lexicon) {
        self.tokens.clear();
        self.lower_scratch.clear();
        let mut any_lower = false;
        let mut any_upper = false;
        for mut a in words {
            a.gazetteer = 0;
            any_lower |= a.flags & HAS_LOWER != 0;
            any_upper |= a.flags & (INIT_CAP | ALL_CAPS) != 0;
            self.lower_scratch.push(a.lower);
            self.tokens.push(a);
        }
        self.headline = any_upper && !any_lower;
        lex.matches(&self.lower_scratch, &mut self.gaz_scratch);
        for (t, g) in self.tokens.iter_mut().zip(&self.gaz_scratch) {
            t.gazetteer = *g;
        }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The attributes of token `i`, or of a padding pseudo-word outside the sentence
    /// (one per distance from either end, the same for every sentence).
    #[inline]
    pub fn at(&self, i: isize) -> TokenAttrs {
        if i < 0 {
            TokenAttrs::pad(PADS[((-i - 1) as usize).min(1)])
        } else if i as usize >= self.tokens.len() {
            TokenAttrs::pad(10 + (i as usize - self.tokens.len()) as u64)
        } else {
            self.tokens[i as usize]
        }
    }
}

/// The attributes a word has on its own: [`token_attrs`] plus its clusters.
pub fn word_attrs(word: &str, lex: &Lexicon, buf: &mut String) -> TokenAttrs {
    let mut a = token_attrs(word, buf);
    a.cluster = lex.clusters.lookup(word);
    // `token_attrs` leaves the lowercased word in `buf` when it differs from `word`.
    let lower = if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
        buf.as_str()
    } else {
        word
    };
    a.tagdict = lex.tagdict.lookup(word, lower);
    a
}

/// Computes the attributes of one token without allocating for ASCII words.
pub fn token_attrs(word: &str, buf: &mut String) -> TokenAttrs {
    let lower = token_hash(word, buf);
    // `buf` now holds the lowercased word when it had upper case; rebuild if not.
    let low: &str = if word.bytes().any(|b| b.is_ascii_uppercase()) || !word.is_ascii() {
        buf.as_str()
    } else {
        word
    };
    let mut flags = 0u16;
    let mut shape = 0u64;
    let mut short = 0u64;
    let mut last_class = 0u8;
    let mut n_chars = 0usize;
    let mut n_upper = 0usize;
    let mut n_alpha = 0usize;
    let mut n_digit = 0usize;
    for (i, c) in word.chars().enumerate() {
        let class = if c.is_uppercase() {
            n_upper += 1;
            n_alpha += 1;
            b'X'
        } else if c.is_lowercase() {
            n_alpha += 1;
            flags |= HAS_LOWER;
            b'x'
        } else if c.is_ascii_digit() {
            n_digit += 1;
            b'd'
        } else if c.is_alphabetic() {
            n_alpha += 1;
            b'a'
        } else {
            match c {
                '-' => flags |= HAS_HYPHEN,
                '.' => flags |= HAS_PERIOD,
                _ => {}
            }
            if c.is_ascii() { c as u8 } else { b'*' }
        };
        if i == 0 && class == b'X' {
            flags |= INIT_CAP;
        }
        if i < 16 {
            shape = mix(shape, u64::from(class));
        }
        if class != last_class {
            short = mix(short, u64::from(class));
            last_class = class;
        }
        n_chars += 1;
    }
    if n_upper > 0 && n_upper == n_alpha {
        flags |= ALL_CAPS;
    }
    if n_digit > 0 {
        flags |= HAS_DIGIT;
        if n_digit == n_chars {
            flags |= ALL_DIGIT;
        }
    }
    if n_alpha == 0 && n_digit == 0 {
        flags |= NO_ALNUM;
    }
    let mut prefix = [0u64; 4];
    let mut suffix = [0u64; 4];
    let mut ends = [0usize; 4];
    let mut k = 0;
    for (i, c) in low.char_indices() {
        if k < 4 {
            ends[k] = i + c.len_utf8();
            k += 1;
        } else {
            break;
        }
    }
    for j in 0..4 {
        let end = if j < k { ends[j] } else { low.len() };
        prefix[j] = hash_bytes(0x7072_6566 + j as u64, &low.as_bytes()[..end]);
    }
    let mut starts = [0usize; 4];
    let mut k = 0;
    for (i, _) in low.char_indices().rev() {
        if k < 4 {
            starts[k] = i;
            k += 1;
        } else {
            break;
        }
    }
    for j in 0..4 {
        let start = if j < k { starts[j] } else { 0 };
        suffix[j] = hash_bytes(0x7375_6666 + j as u64, &low.as_bytes()[start..]);
    }
    TokenAttrs {
        word: hash_bytes(0x776f_7264, word.as_bytes()),
        lower,
        shape: mix(shape, 0x5348),
        short: mix(short, 0x5353),
        prefix,
        suffix,
        flags,
        gazetteer: 0,
        cluster: [0; 3],
        tagdict: TagDict::UNKNOWN,
    }
}

/// The hash under which another model's predicted label enters features.
pub fn label_hash(label: &str) -> u64 {
    hash_bytes(0x006c_6162_656c, label.as_bytes())
}

// Template ids. Values are arbitrary but fixed: they are part of the model format.
mod t {
    pub const BIAS: u64 = 1;
    pub const W0: u64 = 2;
    pub const L0: u64 = 3;
    pub const LM1: u64 = 4;
    pub const LP1: u64 = 5;
    pub const LM2: u64 = 6;
    pub const LP2: u64 = 7;
    pub const SUF: u64 = 8;
    pub const PRE: u64 = 9;
    pub const SHAPE0: u64 = 10;
    pub const SHORT: u64 = 11;
    pub const SUF3M1: u64 = 12;
    pub const SUF3P1: u64 = 13;
    pub const BIG_M1: u64 = 14;
    pub const BIG_P1: u64 = 15;
    pub const FLAGS0: u64 = 16;
    pub const FLAGS_WIN: u64 = 17;
    pub const POS: u64 = 18;
    pub const POS_BI: u64 = 19;
    pub const POS_TRI: u64 = 20;
    pub const POS_WORD: u64 = 21;
    pub const CHUNK: u64 = 22;
    pub const CHUNK_BI: u64 = 23;
    pub const GAZ: u64 = 24;
    pub const GAZ_WIN: u64 = 25;
    pub const FIRST: u64 = 26;
    pub const HEADLINE: u64 = 27;
    pub const DOC: u64 = 28;
    pub const HIST: u64 = 29;
    pub const POS_SHORT: u64 = 30;
    pub const GAZ_CAP: u64 = 31;
    pub const HIST_WIN: u64 = 32;
    pub const CLUSTER: u64 = 33;
    pub const AFFIX_CASE: u64 = 34;
    pub const AFFIX_CONTEXT: u64 = 35;
    pub const TAGDICT: u64 = 36;
}

/// POS features for every token of a sentence: its word-local keys at every offset of
/// [`WORD_OFFSETS`], then its context keys.
pub fn pos_features(s: &SentenceAttrs, out: &mut SentenceFeatures<u64>) {
    out.clear();
    for i in 0..s.len() {
        for off in WORD_OFFSETS {
            pos_word_keys(&s.at(i as isize + off), off, &mut out.keys);
        }
        pos_context_keys(s, i, &mut out.keys);
        out.end_token();
    }
}

/// POS keys that depend only on the word `offset` tokens away from the tagged one.
pub fn pos_word_keys(a: &TokenAttrs, offset: isize, k: &mut Vec<u64>) {
    match offset {
        0 => {
            k.push(key1(t::BIAS, 0));
            k.push(key1(t::W0, a.word));
            k.push(key1(t::L0, a.lower));
            for j in 0..4 {
                k.push(key2(t::SUF, j as u64, a.suffix[j]));
            }
            for j in 0..3 {
                k.push(key2(t::PRE, j as u64, a.prefix[j]));
            }
            k.push(key1(t::SHAPE0, a.shape));
            k.push(key2(t::SHORT, 0, a.short));
            for j in 0..3 {
                k.push(key2(t::CLUSTER, j as u64, a.cluster[j]));
            }
            k.push(key3(t::AFFIX_CASE, 2, a.suffix[0], a.short));
            k.push(key2(t::TAGDICT, 0, a.tagdict[0]));
            k.push(key2(t::TAGDICT, 1, a.tagdict[1]));
            k.push(key3(t::TAGDICT, 2, a.tagdict[0], a.short));
        }
        -1 => {
            k.push(key2(t::TAGDICT, 10, a.tagdict[0]));
            k.push(key1(t::LM1, a.lower));
            k.push(key1(t::SUF3M1, a.suffix[2]));
            k.push(key2(t::SHORT, 1, a.short));
            k.push(key2(t::SUF, 11, a.suffix[1]));
            for j in 0..3 {
                k.push(key2(t::CLUSTER, 10 + j as u64, a.cluster[j]));
            }
        }
        1 => {
            k.push(key2(t::TAGDICT, 20, a.tagdict[0]));
            k.push(key1(t::LP1, a.lower));
            k.push(key1(t::SUF3P1, a.suffix[2]));
            k.push(key2(t::SHORT, 2, a.short));
            k.push(key2(t::SUF, 10, a.suffix[1]));
            for j in 0..3 {
                k.push(key2(t::CLUSTER, 20 + j as u64, a.cluster[j]));
            }
        }
        -2 => k.push(key1(t::LM2, a.lower)),
        2 => {
            k.push(key1(t::LP2, a.lower));
            k.push(key2(t::TAGDICT, 30, a.tagdict[0]));
        }
        _ => {}
    }
}

/// POS keys of token `i` that depend on more than one word or on the sentence.
pub fn pos_context_keys(s: &SentenceAttrs, i: usize, k: &mut Vec<u64>) {
    let ii = i as isize;
    let (m2, m1, c, p1, p2) = (
        s.at(ii - 2),
        s.at(ii - 1),
        s.at(ii),
        s.at(ii + 1),
        s.at(ii + 2),
    );
    k.push(key2(t::BIG_M1, m1.lower, c.lower));
    k.push(key2(t::BIG_P1, c.lower, p1.lower));
    k.push(key2(t::FLAGS0, u64::from(c.flags), u64::from(i == 0)));
    k.push(key3(t::BIG_M1, 1, m2.lower, m1.lower));
    k.push(key3(t::BIG_P1, 1, p1.lower, p2.lower));
    if s.headline {
        k.push(key1(t::HEADLINE, c.lower));
    }
    pos_affix_features(s, i, k);
}

/// POS features for words the lexical features know little about (MBT-style unknown-word
/// features): suffixes conjoined with the word's case and sentence position, and the
/// suffix conjoined with each neighbouring word. They decide NN / JJ / NNP / VBN / VBD
/// for rare words. (The last letter x shape key, word-local, is in `pos_word_keys`.)
fn pos_affix_features(s: &SentenceAttrs, i: usize, k: &mut Vec<u64>) {
    let ii = i as isize;
    let (m1, c, p1) = (s.at(ii - 1), s.at(ii), s.at(ii + 1));
    let case = u64::from(c.flags & (INIT_CAP | ALL_CAPS | HAS_LOWER)) | (u64::from(i == 0) << 8);
    k.push(key3(t::AFFIX_CASE, 0, c.suffix[2], case));
    k.push(key3(t::AFFIX_CASE, 1, c.suffix[1], case));
    k.push(key3(t::AFFIX_CONTEXT, 0, m1.lower, c.suffix[2]));
    k.push(key3(t::AFFIX_CONTEXT, 1, c.suffix[2], p1.lower));
}

/// Chunk features: words plus the POS tags (hashed with [`label_hash`]) around each token.
pub fn chunk_features(s: &SentenceAttrs, pos: &[u64], out: &mut SentenceFeatures<u64>) {
    out.clear();
    for i in 0..s.len() {
        for off in WORD_OFFSETS {
            chunk_word_keys(&s.at(i as isize + off), off, &mut out.keys);
        }
        chunk_context_keys(s, pos, i, &mut out.keys);
        for g in &CHUNK_TAG_GROUPS {
            g.push_keys(pos, &[], i, &mut out.keys);
        }
        out.end_token();
    }
}

/// Chunk keys that depend only on the word `offset` tokens away from the tagged one.
pub fn chunk_word_keys(a: &TokenAttrs, offset: isize, k: &mut Vec<u64>) {
    match offset {
        0 => {
            k.push(key1(t::BIAS, 0));
            k.push(key1(t::L0, a.lower));
            k.push(key2(t::SHORT, 0, a.short));
            k.push(key1(t::W0, a.word));
            k.push(key2(t::CLUSTER, 1, a.cluster[1]));
        }
        -1 => k.push(key1(t::LM1, a.lower)),
        1 => k.push(key1(t::LP1, a.lower)),
        -2 => k.push(key1(t::LM2, a.lower)),
        2 => {
            k.push(key1(t::LP2, a.lower));
            k.push(key2(t::TAGDICT, 30, a.tagdict[0]));
        }
        _ => {}
    }
}

/// A tag outside the sentence: distinct per position, like the padding words.
#[inline]
fn tag_at(tags: &[u64], i: isize) -> u64 {
    if i < 0 || i as usize >= tags.len() {
        1000 + i.unsigned_abs() as u64
    } else {
        tags[i as usize]
    }
}

/// A group of a model's keys that read nothing but three tag values near the token (POS
/// or chunk tags, as [`label_hash`]es): `tags` picks the three, `keys` lists the group's
/// keys from them alone. Being a function of the triple, a group's summed weights can be
/// cached per distinct triple ([`super::wordcache`]); the full feature functions
/// (`chunk_features`, `ner_static_features`) include every group.
#[derive(Clone, Copy)]
pub struct TagGroup {
    pub tags: fn(pos: &[u64], chunk: &[u64], i: usize) -> [u64; 3],
    pub keys: fn(tags: &[u64; 3], k: &mut Vec<u64>),
}

impl TagGroup {
    /// Appends the group's keys for token `i`.
    pub fn push_keys(&self, pos: &[u64], chunk: &[u64], i: usize, k: &mut Vec<u64>) {
        (self.keys)(&(self.tags)(pos, chunk, i), k);
    }
}

/// The tags at `i - 1`, `i` and `i + 1`.
fn window3(tags: &[u64], i: usize) -> [u64; 3] {
    let i = i as isize;
    [tag_at(tags, i - 1), tag_at(tags, i), tag_at(tags, i + 1)]
}

/// The POS tag at 0, -1 and +1 on its own, from a [`window3`] of POS tags.
fn pos_unigram_keys(&[pm1, p0, pp1]: &[u64; 3], k: &mut Vec<u64>) {
    k.push(key2(t::POS, 0, p0));
    k.push(key2(t::POS, 1, pm1));
    k.push(key2(t::POS, 2, pp1));
}

/// The chunk model's tag-only keys: the POS trigram around the token, and the POS pairs
/// to its left and right.
pub const CHUNK_TAG_GROUPS: [TagGroup; 3] = [
    TagGroup {
        tags: |pos, _, i| window3(pos, i),
        keys: |g, k| {
            pos_unigram_keys(g, k);
            let [pm1, p0, pp1] = *g;
            k.push(key3(t::POS_BI, 0, pm1, p0));
            k.push(key3(t::POS_BI, 1, p0, pp1));
            k.push(key3(t::POS_TRI, pm1, p0, pp1));
        },
    },
    TagGroup {
        tags: |pos, _, i| {
            let i = i as isize;
            [tag_at(pos, i - 2), tag_at(pos, i - 1), 0]
        },
        keys: |&[pm2, pm1, _], k| {
            k.push(key2(t::POS, 3, pm2));
            k.push(key3(t::POS_BI, 2, pm2, pm1));
        },
    },
    TagGroup {
        tags: |pos, _, i| {
            let i = i as isize;
            [tag_at(pos, i + 1), tag_at(pos, i + 2), 0]
        },
        keys: |&[pp1, pp2, _], k| {
            k.push(key2(t::POS, 4, pp2));
            k.push(key3(t::POS_BI, 3, pp1, pp2));
        },
    },
];

/// The NER model's tag-only keys: the POS trigram and the chunk trigram around the token.
pub const NER_TAG_GROUPS: [TagGroup; 2] = [
    TagGroup {
        tags: |pos, _, i| window3(pos, i),
        keys: pos_unigram_keys,
    },
    TagGroup {
        tags: |_, chunk, i| window3(chunk, i),
        keys: |&[cm1, c0, cp1], k| {
            k.push(key2(t::CHUNK, 0, c0));
            k.push(key3(t::CHUNK_BI, cm1, c0, 0));
            k.push(key3(t::CHUNK_BI, c0, cp1, 1));
        },
    },
];

/// Chunk keys of token `i` that read words as well as POS tags (the tag-only keys are
/// [`CHUNK_TAG_GROUPS`]).
pub fn chunk_context_keys(s: &SentenceAttrs, pos: &[u64], i: usize, k: &mut Vec<u64>) {
    let p = |i: isize| tag_at(pos, i);
    let ii = i as isize;
    let (m1, c, p1) = (s.at(ii - 1), s.at(ii), s.at(ii + 1));
    let (pm1, p0, pp1) = (p(ii - 1), p(ii), p(ii + 1));
    k.push(key3(t::POS_WORD, 0, p0, c.lower));
    k.push(key3(t::POS_WORD, 1, pm1, c.lower));
    k.push(key3(t::POS_WORD, 2, pp1, c.lower));
    k.push(key3(t::POS_WORD, 3, p0, m1.lower));
    k.push(key3(t::POS_WORD, 4, p0, p1.lower));
    k.push(key3(t::POS_WORD, 5, pp1, p1.lower));
    k.push(key3(t::POS_WORD, 6, pm1, m1.lower));
    k.push(key3(t::CLUSTER, 2, p0, c.cluster[2]));
}

/// What the NER features know about the rest of the document.
#[derive(Debug, Default)]
pub struct DocContext {
    /// Lowercase hashes of words written in lower case somewhere in the document.
    seen_lower: FxHashSet<u64>,
    /// Lowercase hashes of words capitalised somewhere other than sentence start.
    seen_cap_inside: FxHashSet<u64>,
    /// Entity type (0 = none) most recently predicted for a capitalised word.
    history: FxHashMap<u64, u8>,
}

impl DocContext {
    pub fn clear(&mut self) {
        self.seen_lower.clear();
        self.seen_cap_inside.clear();
        self.history.clear();
    }

    /// Records the casing evidence of one sentence (call for every sentence first).
    pub fn observe(&mut self, s: &SentenceAttrs) {
        if s.headline {
            return;
        }
        for (i, a) in s.tokens.iter().enumerate() {
            if a.flags & HAS_LOWER != 0 && a.flags & INIT_CAP == 0 {
                self.seen_lower.insert(a.lower);
            } else if i > 0 && a.is_capitalised() {
                self.seen_cap_inside.insert(a.lower);
            }
        }
    }

    /// Records predicted entity types (per token, 0 = outside) for later sentences.
    pub fn remember(&mut self, s: &SentenceAttrs, types: &[u8]) {
        for (a, &ty) in s.tokens.iter().zip(types) {
            if a.is_capitalised() || ty != 0 {
                self.history.insert(a.lower, ty);
            }
        }
    }

    fn hist(&self, a: &TokenAttrs) -> u64 {
        self.history.get(&a.lower).map_or(99, |&t| u64::from(t))
    }
}

/// NER features that depend only on the sentence, its POS and chunk tags and the
/// document's casing: computed once per sentence.
pub fn ner_static_features(
    s: &SentenceAttrs,
    pos: &[u64],
    chunk: &[u64],
    doc: &DocContext,
    out: &mut SentenceFeatures<u64>,
) {
    out.clear();
    for i in 0..s.len() {
        for off in WORD_OFFSETS {
            ner_word_keys(&s.at(i as isize + off), off, &mut out.keys);
        }
        ner_context_keys(s, pos, doc, i, &mut out.keys);
        for g in &NER_TAG_GROUPS {
            g.push_keys(pos, chunk, i, &mut out.keys);
        }
        out.end_token();
    }
}

/// NER keys that depend only on the word `offset` tokens away from the tagged one.
pub fn ner_word_keys(a: &TokenAttrs, offset: isize, k: &mut Vec<u64>) {
    match offset {
        0 => {
            k.push(key1(t::BIAS, 0));
            k.push(key1(t::W0, a.word));
            k.push(key1(t::L0, a.lower));
            k.push(key2(t::SHORT, 0, a.short));
            k.push(key1(t::SHAPE0, a.shape));
            for j in 0..4 {
                k.push(key2(t::SUF, j as u64, a.suffix[j]));
                k.push(key2(t::PRE, j as u64, a.prefix[j]));
            }
            for j in 0..3 {
                k.push(key2(t::CLUSTER, j as u64, a.cluster[j]));
            }
        }
        -1 => {
            k.push(key1(t::LM1, a.lower));
            k.push(key2(t::SHORT, 1, a.short));
            k.push(key2(t::CLUSTER, 10, a.cluster[1]));
            k.push(key2(t::CLUSTER, 12, a.cluster[2]));
        }
        1 => {
            k.push(key1(t::LP1, a.lower));
            k.push(key2(t::SHORT, 2, a.short));
            k.push(key2(t::CLUSTER, 11, a.cluster[1]));
            k.push(key2(t::CLUSTER, 13, a.cluster[2]));
        }
        -2 => {
            k.push(key1(t::LM2, a.lower));
            k.push(key2(t::SHORT, 3, a.short));
        }
        2 => {
            k.push(key1(t::LP2, a.lower));
            k.push(key2(t::SHORT, 4, a.short));
        }
        _ => {}
    }
}

/// NER keys of token `i` that depend on tags, gazetteer matches, the document or more
/// than one word (the sentence-level part; see also [`ner_history_features`]), except
/// the tag-only keys of [`NER_TAG_GROUPS`].
pub fn ner_context_keys(
    s: &SentenceAttrs,
    pos: &[u64],
    doc: &DocContext,
    i: usize,
    k: &mut Vec<u64>,
) {
    let tag = tag_at;
    let headline = u64::from(s.headline);
    let ii = i as isize;
    let (m1, c, p1) = (s.at(ii - 1), s.at(ii), s.at(ii + 1));
    k.push(key3(t::SHORT, 5, m1.short, c.short));
    k.push(key3(t::SHORT, 6, c.short, p1.short));
    k.push(key3(
        t::FLAGS_WIN,
        u64::from(m1.flags),
        u64::from(c.flags),
        u64::from(p1.flags),
    ));
    k.push(key2(t::FLAGS0, u64::from(c.flags), u64::from(i == 0)));
    k.push(key2(t::BIG_M1, m1.lower, c.lower));
    k.push(key2(t::BIG_P1, c.lower, p1.lower));
    k.push(key3(t::POS_SHORT, tag(pos, ii), c.short, 0));
    for (off, a) in [(0u64, c), (1, m1), (2, p1)] {
        let mut g = a.gazetteer;
        while g != 0 {
            let bit = u64::from(g.trailing_zeros());
            g &= g - 1;
            if off == 0 {
                k.push(key1(t::GAZ, bit));
                k.push(key2(
                    t::GAZ_CAP,
                    bit,
                    u64::from(c.flags & (INIT_CAP | ALL_CAPS)),
                ));
            } else {
                k.push(key2(t::GAZ_WIN, off, bit));
            }
        }
    }
    if i == 0 {
        k.push(key1(t::FIRST, c.lower));
    }
    if s.headline {
        k.push(key1(t::HEADLINE, c.lower));
    }
    if c.is_capitalised() || c.flags & ALL_CAPS != 0 {
        let lower_seen = u64::from(doc.seen_lower.contains(&c.lower));
        let cap_seen = u64::from(doc.seen_cap_inside.contains(&c.lower));
        k.push(key3(
            t::DOC,
            lower_seen,
            cap_seen,
            u64::from(i == 0) | (headline << 1),
        ));
    }
}

/// The NER features that depend on earlier predictions in the document.
pub fn ner_history_features(s: &SentenceAttrs, doc: &DocContext, i: usize, out: &mut Vec<u64>) {
    let c = s.at(i as isize);
    if !(c.is_capitalised() || c.flags & ALL_CAPS != 0) {
        return;
    }
    let h = doc.hist(&c);
    out.push(key1(t::HIST, h));
    out.push(key2(t::HIST, h, c.short));
    let (m1, p1) = (s.at(i as isize - 1), s.at(i as isize + 1));
    out.push(key3(t::HIST_WIN, h, doc.hist(&m1), doc.hist(&p1)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attributes_capture_case_and_shape() {
        let mut buf = String::new();
        let cases = [
            ("Paris", INIT_CAP | HAS_LOWER, 0),
            ("NATO", INIT_CAP | ALL_CAPS, 0),
            ("1996", HAS_DIGIT | ALL_DIGIT, 0),
            ("U.S.", INIT_CAP | ALL_CAPS | HAS_PERIOD, 0),
            ("-", HAS_HYPHEN | NO_ALNUM, 0),
        ];
        for (w, flags, _) in cases {
            assert_eq!(token_attrs(w, &mut buf).flags, flags, "{w}");
        }
        let (a, b) = (
            token_attrs("Paris", &mut buf),
            token_attrs("PARIS", &mut buf),
        );
        assert_eq!(a.lower, b.lower);
        assert_eq!(a.suffix, b.suffix);
        assert_ne!(a.shape, b.shape);
        assert_eq!(
            token_attrs("Bonn", &mut buf).short,
            token_attrs("Kabul", &mut buf).short
        );
    }

    /// The keys `pos_affix_features` adds for token `i` of `words`.
    fn affix_keys(words: &[&str], i: usize) -> Vec<u64> {
        let mut s = SentenceAttrs::default();
        s.compute(words, Lexicon::builtin(), &mut String::new());
        let mut k = Vec::new();
        pos_affix_features(&s, i, &mut k);
        k
    }

    #[test]
    fn pos_affix_features_tie_suffixes_to_case_and_neighbours() {
        let lower = affix_keys(&["they", "glorped", "it"], 1);
        assert_eq!(lower.len(), 4);
        // (sentence, token, how many of the four keys equal those of "they glorped it")
        let cases: [(&[&str], usize, usize); 5] = [
            (&["they", "glorped", "it"], 1, 4),
            // Capitalised: the suffix x case keys change, the context keys stay.
            (&["they", "Glorped", "it"], 1, 2),
            // Another word with the same suffix and neighbours: all shared.
            (&["they", "gnarped", "it"], 1, 4),
            // Same word, other neighbours: only the two context keys change.
            (&["we", "glorped", "them"], 1, 2),
            // Sentence-initial: the suffix x case keys and the left context change.
            (&["glorped", "it"], 0, 1),
        ];
        for (words, i, same) in cases {
            let k = affix_keys(words, i);
            let shared = k.iter().zip(&lower).filter(|(a, b)| a == b).count();
            assert_eq!(shared, same, "{words:?}");
        }
    }

    #[test]
    fn affixes_respect_char_boundaries() {
        let mut buf = String::new();
        let a = token_attrs("Zürich", &mut buf);
        let b = token_attrs("zürich", &mut buf);
        assert_eq!(a.prefix, b.prefix);
        assert_eq!(
            token_attrs("ab", &mut buf).suffix[3],
            token_attrs("ab", &mut buf).suffix[3]
        );
    }
}
