//! The statistical half of stance: a multinomial logistic regression over hashed features of
//! an actor pair in a sentence (words between and around them, lexicon cues, rule findings).
//!
//! Labels are about the pair in sentence order (first, second), which makes "X condemned Y"
//! and "Y was condemned by X" two patterns rather than four. Training is seeded and
//! single-threaded, so the same corpus and seed give a byte-identical model file.

use crate::nlp::hashing::{self, FxHashMap};
use std::ops::Range;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::Polarity;
use crate::nlp::clusters::Clusters;

use super::dse::{self, CLASSES, Example, Scores};
use super::lexicon::{Cue, Lexicon};
use super::mlp::{self, Blob, Mlp, MlpFile, MlpOptions, MlpWire, SplitMix};
use super::rules::{self, Finding, SentenceView, Source};

/// Bumped whenever feature extraction changes: a model only works with the features it saw.
pub const FEATURES_VERSION: u32 = 4;
/// Bumped whenever the file layout changes.
pub const FORMAT_VERSION: u32 = 3;
const MAGIC: &[u8; 8] = b"NGSTANCE";
/// Feature hash space: 2^BITS buckets.
const BITS: u32 = 20;

/// The model shipped with newsgraph (trained by `newsgraph train stance`, see data/models/).
pub const BUILTIN_MODEL: &[u8] = include_bytes!("../../data/models/stance.bin");

/// Groups of features a model is trained with; stored in the model file.
pub mod feature_set {
    /// Words of the whole sentence (unigrams, bigrams).
    pub const SENTENCE: u32 = 1;
    /// One feature for the exact sentence and pair: repeated wire copy is recognised.
    pub const FINGERPRINT: u32 = 2;
    /// Lexicon cues by region.
    pub const LEXICON: u32 = 4;
    /// Rule findings about the pair.
    pub const RULES: u32 = 8;
    /// Words around the pair.
    pub const CONTEXT: u32 = 16;
    /// Word n-grams between the pair.
    pub const BETWEEN: u32 = 32;
    /// Word clusters (data/models/clusters.txt) of the words between and next to the pair:
    /// a back-off for words training never saw. Not in the default sets: on DSE valid it
    /// cost about 0.005 accuracy and 0.01 macro-F1 (see data/models/README.md).
    pub const CLUSTERS: u32 = 64;
    /// The actors' own words (last word and whole name): who tends to praise or attack.
    pub const ACTORS: u32 = 128;
    /// Word trigrams between the pair.
    pub const TRIGRAMS: u32 = 256;
    /// The shape of the text between the pair: function words kept, cues by sign, names,
    /// other actors and content words by class ("<A> has w C- <B>"): a back-off for
    /// constructions whose content words training never saw.
    pub const SHAPE: u32 = 512;
    /// How many hostile and friendly cues each region of the sentence holds (the tone of
    /// the whole sentence, not just of the words between the pair). Only with LEXICON.
    pub const TONE: u32 = 1024;
    /// Everything the combined system uses.
    pub const COMBINED: u32 =
        FINGERPRINT | LEXICON | RULES | CONTEXT | BETWEEN | ACTORS | TRIGRAMS | SHAPE | TONE;
    /// The model-only baseline: no lexicon, no rules.
    pub const MODEL_ONLY: u32 = SENTENCE | FINGERPRINT | CONTEXT | BETWEEN;
    /// True when the set needs the lexicon or the rules.
    pub fn uses_rules(set: u32) -> bool {
        set & (LEXICON | RULES | SHAPE | TONE) != 0
    }
}

/// Options of `newsgraph train stance`.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Feature groups, see [`feature_set`].
    pub features: u32,
    pub learning_rate: f32,
    pub l2: f32,
    /// Features seen fewer times than this in training get no weight.
    pub min_count: u32,
    /// Models trained with successive seeds and averaged.
    pub bags: usize,
    /// The hidden-layer networks added to the linear scores (hidden 0: none).
    pub mlp: MlpOptions,
    /// Networks trained with successive seeds; their log-probabilities are averaged.
    pub mlp_bags: usize,
    /// Weight of the network's log-probabilities next to the linear model's (weight 1); the
    /// two are averaged with these weights.
    pub mlp_weight: f32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 20,
            seed: 9,
            features: feature_set::COMBINED,
            learning_rate: 0.05,
            l2: 1e-6,
            min_count: 1,
            bags: 5,
            mlp: MlpOptions::default(),
            mlp_bags: 1,
            mlp_weight: 1.0,
        }
    }
}

/// A trained stance classifier.
#[derive(Clone, Debug)]
pub struct StanceModel {
    feature_set: u32,
    /// bucket -> weights per class
    weights: FxHashMap<u32, [f32; CLASSES]>,
    bias: [f32; CLASSES],
    /// Added to the scores at prediction time, tuned on the dev set for macro-F1.
    offsets: [f32; CLASSES],
    /// The hidden-layer networks (maybe none) and the weight of their mean log-probabilities.
    mlp: Vec<Mlp>,
    mlp_weight: f32,
}

/// What is stored on disk (after the magic and the versions).
#[derive(Serialize, Deserialize)]
struct ModelFile<'a> {
    feature_set: u32,
    scale: f32,
    bias: [f32; CLASSES],
    offsets: [f32; CLASSES],
    /// Feature buckets, sorted, as little-endian u32.
    #[serde(borrow)]
    buckets: Blob<'a>,
    /// CLASSES quantized weights per bucket, little-endian i16.
    #[serde(borrow)]
    weights: Blob<'a>,
    mlp_weight: f32,
    #[serde(borrow)]
    mlp: Vec<MlpWire<'a>>,
}

impl StanceModel {
    /// The embedded model.
    pub fn builtin() -> Result<StanceModel> {
        StanceModel::from_bytes(BUILTIN_MODEL)
    }

    pub fn uses_rules(&self) -> bool {
        feature_set::uses_rules(self.feature_set)
    }

    pub fn feature_set(&self) -> u32 {
        self.feature_set
    }

    /// Number of features with a weight.
    pub fn features(&self) -> usize {
        self.weights.len()
    }

    /// Reads a model file; corrupt, truncated or foreign files are errors, never panics.
    pub fn from_bytes(bytes: &[u8]) -> Result<StanceModel> {
        if bytes.len() < 24 || &bytes[..8] != MAGIC {
            return Err(Error::model(
                "not a newsgraph stance model (bad magic bytes)",
            ));
        }
        let word =
            |i: usize| u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]);
        let (format, features) = (word(8), word(12));
        if format != FORMAT_VERSION {
            return Err(Error::model(format!(
                "stance model file format {format}, this build reads format {FORMAT_VERSION}"
            )));
        }
        if features != FEATURES_VERSION {
            return Err(Error::model(format!(
                "stance model trained with features v{features}, this build extracts v{FEATURES_VERSION}: retrain with `newsgraph train stance`"
            )));
        }
        let stored = u64::from_le_bytes(bytes[16..24].try_into().unwrap_or_default());
        let payload = &bytes[24..];
        if checksum(payload) != stored {
            return Err(Error::model("stance model is corrupt (checksum mismatch)"));
        }
        let file: ModelFile = postcard::from_bytes(payload)
            .map_err(|e| Error::model(format!("stance model is corrupt: {e}")))?;
        if !file.scale.is_finite() || file.scale <= 0.0 {
            return Err(Error::model("stance model is corrupt (bad weight scale)"));
        }
        let buckets = file.buckets.u32s()?;
        let quantized = file.weights.i16s()?;
        if quantized.len() != buckets.len() * CLASSES {
            return Err(Error::model(
                "stance model is corrupt (weights do not match features)",
            ));
        }
        let weights = buckets
            .iter()
            .zip(quantized.chunks_exact(CLASSES))
            .map(|(&b, w)| (b, std::array::from_fn(|c| w[c] as f32 * file.scale)))
            .collect();
        if !file.mlp_weight.is_finite() {
            return Err(Error::model("stance model is corrupt (bad network weight)"));
        }
        Ok(StanceModel {
            feature_set: file.feature_set,
            weights,
            bias: file.bias,
            offsets: file.offsets,
            mlp: file
                .mlp
                .iter()
                .map(|w| MlpFile::from_wire(w).and_then(Mlp::from_file))
                .collect::<Result<_>>()?,
            mlp_weight: file.mlp_weight,
        })
    }

    /// The model file: magic, format and feature versions, checksum, postcard payload.
    /// Weights are quantized to 16 bits; the order is fixed, so equal models give equal bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let max = self
            .weights
            .values()
            .flat_map(|w| w.iter())
            .fold(0.0f32, |m, &x| m.max(x.abs()));
        let scale = if max > 0.0 {
            max / i16::MAX as f32
        } else {
            1.0
        };
        let mut weights: Vec<(u32, [i16; CLASSES])> = self
            .weights
            .iter()
            .map(|(b, w)| (*b, w.map(|x| (x / scale).round() as i16)))
            .filter(|(_, w)| w.iter().any(|&q| q != 0))
            .collect();
        weights.sort_by_key(|(b, _)| *b);
        let buckets: Vec<u32> = weights.iter().map(|(b, _)| *b).collect();
        let quantized: Vec<i16> = weights.iter().flat_map(|(_, w)| *w).collect();
        let file = ModelFile {
            feature_set: self.feature_set,
            scale,
            bias: self.bias,
            offsets: self.offsets,
            buckets: Blob::from_u32s(&buckets),
            weights: Blob::from_i16s(&quantized),
            mlp_weight: self.mlp_weight,
            mlp: self.mlp.iter().map(|m| m.to_file().to_wire()).collect(),
        };
        let payload = postcard::to_allocvec(&file)
            .map_err(|e| Error::model(format!("cannot encode stance model: {e}")))?;
        let mut out = Vec::with_capacity(payload.len() + 24);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&FEATURES_VERSION.to_le_bytes());
        out.extend_from_slice(&checksum(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        Ok(out)
    }

    /// Class scores (with tuned offsets) for a feature set.
    fn scores(&self, features: &[u32]) -> [f32; CLASSES] {
        let mut s = self.bias;
        for f in features {
            if let Some(w) = self.weights.get(f) {
                add(&mut s, w);
            }
        }
        // a weighted geometric mean of the two models' probabilities: a plain product would
        // be overconfident, and the finder keeps model relations above a probability floor
        if !self.mlp.is_empty() {
            let w = self.mlp_weight.max(0.0);
            let lin = mlp::log_softmax(s);
            let mut nets = [0.0f32; CLASSES];
            for net in &self.mlp {
                add(&mut nets, &net.log_probs(features));
            }
            let n = self.mlp.len() as f32;
            s = std::array::from_fn(|c| (lin[c] + w * nets[c] / n) / (1.0 + w));
        }
        add(&mut s, &self.offsets);
        s
    }

    /// Probabilities of the five oriented classes for the pair (first, second) of `view`;
    /// `findings` are the rules' and `hits` the sentence's [`cue_hits`].
    pub fn predict(
        &self,
        view: &SentenceView,
        first: usize,
        second: usize,
        findings: &[Finding],
        hits: &[CueHit],
    ) -> [f32; CLASSES] {
        let feats = features(view, first, second, findings, hits, self.feature_set);
        softmax(self.scores(&feats))
    }
}

fn add(acc: &mut [f32; CLASSES], x: &[f32]) {
    for (a, b) in acc.iter_mut().zip(x) {
        *a += b;
    }
}

fn softmax(s: [f32; CLASSES]) -> [f32; CLASSES] {
    let max = s.iter().fold(f32::MIN, |m, &x| m.max(x));
    let e = s.map(|x| (x - max).exp());
    let sum: f32 = e.iter().sum();
    e.map(|x| x / sum)
}

fn argmax(p: &[f32; CLASSES]) -> u8 {
    let mut best = 0;
    for c in 1..CLASSES {
        if p[c] > p[best] {
            best = c;
        }
    }
    best as u8
}

/// The file checksum: eight bytes per step (a 9 MB model is checked at every start).
fn checksum(bytes: &[u8]) -> u64 {
    hashing::finish(hashing::hash_bytes(0xcbf2_9ce4_8422_2325, bytes))
}

/// Builds hashed feature ids from string parts without allocating.
struct FeatureSink {
    out: Vec<u32>,
}

impl FeatureSink {
    fn add(&mut self, parts: &[&str]) {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                h ^= 0x1f;
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            for &b in p.as_bytes() {
                h ^= b as u64;
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
        }
        // fold the high bits in: FNV's low bits alone are weak
        let folded = (h ^ (h >> 29) ^ (h >> 47)) as u32;
        self.out.push(folded & ((1 << BITS) - 1));
    }

    /// A feature named by a tag and a number (a cluster path hash).
    fn add_code(&mut self, tag: &str, code: u64) {
        let bytes = code.to_le_bytes();
        let mut text = [0u8; 16];
        for (i, b) in bytes.iter().enumerate() {
            text[2 * i] = b'a' + (b >> 4);
            text[2 * i + 1] = b'a' + (b & 15);
        }
        // the letters a..p are ASCII, so this never fails
        let code = std::str::from_utf8(&text).unwrap_or("");
        self.add(&[tag, code]);
    }
}

/// The bundled word clusters, parsed once.
fn clusters() -> &'static Clusters {
    static CLUSTERS: OnceLock<Clusters> = OnceLock::new();
    CLUSTERS.get_or_init(|| Clusters::parse(crate::nlp::lexicon::CLUSTERS))
}

/// A lexicon cue in a sentence, found once and shared by every pair of the sentence.
#[derive(Clone, Debug)]
pub struct CueHit<'l> {
    pub start: usize,
    pub len: usize,
    pub cue: &'l Cue,
    /// "not", "n't", "never" or "no" within three words before.
    pub negated: bool,
}

/// The lexicon cues of a sentence outside its actors.
pub fn cue_hits<'l>(view: &SentenceView, lexicon: &'l Lexicon) -> Vec<CueHit<'l>> {
    let words: Vec<&str> = view.words.iter().map(String::as_str).collect();
    let mut in_actor = vec![false; words.len()];
    for a in &view.actors {
        for t in a.tokens.clone() {
            if let Some(x) = in_actor.get_mut(t) {
                *x = true;
            }
        }
    }
    let mut out = Vec::new();
    let mut t = 0;
    while t < words.len() {
        if in_actor[t] {
            t += 1;
            continue;
        }
        match lexicon.longest_at(&words[t..]) {
            Some((len, cue)) => {
                let negated = (t.saturating_sub(3)..t)
                    .any(|i| matches!(words[i], "not" | "n't" | "never" | "no"));
                out.push(CueHit {
                    start: t,
                    len,
                    cue,
                    negated,
                });
                t += len;
            }
            None => t += 1,
        }
    }
    out
}

/// The oriented rule label for the pair: 0 none/neutral, 1/2 positive, 3/4 negative.
pub fn rule_label(findings: &[Finding], first: usize, second: usize) -> u8 {
    let mut best: Option<(f32, u8)> = None;
    for f in findings {
        let forward = f.source == Source::Actor(first) && f.target == second;
        let backward = f.source == Source::Actor(second) && f.target == first;
        if !(forward || backward) || f.polarity == Polarity::Neutral {
            continue;
        }
        let label = match (f.polarity, forward) {
            (Polarity::Positive, true) => 1,
            (Polarity::Positive, false) => 2,
            (_, true) => 3,
            (_, false) => 4,
        };
        let strength = f.intensity.abs() + if f.attributed { 0.0 } else { 0.5 };
        if best.is_none_or(|(s, _)| strength > s) {
            best = Some((strength, label));
        }
    }
    best.map_or(0, |(_, l)| l)
}

/// A crude stem so that "criticized", "criticizes" and "criticizing" share a feature.
fn stem(w: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s", "ly"] {
        if w.len() > suffix.len() + 3
            && let Some(s) = w.strip_suffix(suffix)
        {
            return s;
        }
    }
    w
}

fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3..=4 => "3-4",
        5..=7 => "5-7",
        8..=12 => "8-12",
        13..=20 => "13-20",
        _ => "21+",
    }
}

/// Feature ids of the pair (first, second) of `view`, unique, in no particular order.
pub fn features(
    view: &SentenceView,
    first: usize,
    second: usize,
    findings: &[Finding],
    hits: &[CueHit],
    set: u32,
) -> Vec<u32> {
    pair_features(view, first, second, findings, hits, set).0
}

/// Feature ids of the pair, and the ids of its fingerprint features when the set has them.
fn pair_features(
    view: &SentenceView,
    first: usize,
    second: usize,
    findings: &[Finding],
    hits: &[CueHit],
    set: u32,
) -> (Vec<u32>, Vec<u32>) {
    use feature_set::*;
    let mut sink = FeatureSink {
        out: Vec::with_capacity(256),
    };
    let mut fingerprint = None;
    let (Some(a), Some(b)) = (view.actors.get(first), view.actors.get(second)) else {
        return (Vec::new(), Vec::new());
    };
    // the sentence as a sequence with the pair replaced by <A>/<B>, other actors by <E>
    let mut seq: Vec<&str> = Vec::with_capacity(view.words.len());
    let mut a_pos = 0;
    let mut b_pos = 0;
    let mut t = 0;
    let n = view.words.len();
    while t < n {
        if t == a.tokens.start {
            a_pos = seq.len();
            seq.push("<A>");
            t = a.tokens.end.max(t + 1);
        } else if t == b.tokens.start {
            b_pos = seq.len();
            seq.push("<B>");
            t = b.tokens.end.max(t + 1);
        } else if let Some(o) = view.actors.iter().find(|o| o.tokens.start == t) {
            seq.push("<E>");
            t = o.tokens.end.max(t + 1);
        } else {
            seq.push(view.words[t].as_str());
            t += 1;
        }
    }
    let between = &seq[(a_pos + 1).min(b_pos)..b_pos];
    sink.add(&["bias"]);
    if set & ACTORS != 0 {
        for (tag, tag_all, actor) in [("aw", "aw_all", a), ("bw", "bw_all", b)] {
            let words = view.words.get(actor.tokens.clone()).unwrap_or_default();
            if let Some(last) = words.last() {
                sink.add(&[tag, last]);
            }
            let mut parts = Vec::with_capacity(words.len() + 1);
            parts.push(tag_all);
            parts.extend(words.iter().map(String::as_str));
            sink.add(&parts);
        }
    }
    if set & TRIGRAMS != 0 {
        for w in between.windows(3) {
            sink.add(&["bbb", w[0], w[1], w[2]]);
        }
    }
    if set & SHAPE != 0 {
        shape_features(view, first, second, hits, &mut sink);
    }
    sink.add(&["dist", bucket(between.len())]);
    if set & FINGERPRINT != 0 {
        let mut parts = Vec::with_capacity(seq.len() + 1);
        parts.push("exact");
        parts.extend_from_slice(&seq);
        sink.add(&parts);
        fingerprint = sink.out.last().copied();
    }
    // words between, with and without their place
    for (i, w) in between.iter().enumerate().filter(|_| set & BETWEEN != 0) {
        sink.add(&["b", w]);
        sink.add(&["bs", stem(w)]);
        if i + 1 < between.len() {
            sink.add(&["bb", w, between[i + 1]]);
        }
        if i < 3 {
            sink.add(&["b_first", w]);
        }
        if between.len() - i <= 3 {
            sink.add(&["b_last", w]);
        }
    }
    if between.len() <= 6 && set & BETWEEN != 0 {
        let mut parts = Vec::with_capacity(between.len() + 1);
        parts.push("b_all");
        parts.extend_from_slice(between);
        sink.add(&parts);
    }
    // around the pair
    for k in (1..=4).filter(|_| set & CONTEXT != 0) {
        if let Some(w) = a_pos.checked_sub(k).and_then(|i| seq.get(i)) {
            sink.add(&["l", w]);
            if k == 1 {
                sink.add(&["l1", w]);
            }
        }
        if let Some(w) = seq.get(b_pos + k) {
            sink.add(&["r", w]);
            if k == 1 {
                sink.add(&["r1", w]);
            }
            if k == 1
                && let Some(w2) = seq.get(b_pos + 2)
            {
                sink.add(&["r12", w, w2]);
            }
        }
    }
    if let (Some(w1), Some(w2), true) = (
        a_pos.checked_sub(2).and_then(|i| seq.get(i)),
        a_pos.checked_sub(1).and_then(|i| seq.get(i)),
        set & CONTEXT != 0,
    ) {
        sink.add(&["l21", w1, w2]);
    }
    if set & CLUSTERS != 0 {
        let clusters = clusters();
        let code = |w: &str| match w {
            "<A>" | "<B>" | "<E>" => None,
            w => Some(clusters.lookup(w)),
        };
        for (i, w) in between.iter().enumerate() {
            if let Some(c) = code(w) {
                sink.add_code("bc8", c[1]);
                sink.add_code("bc12", c[2]);
                if i < 3 {
                    sink.add_code("bc_first", c[2]);
                }
            }
        }
        let left = a_pos.checked_sub(1).and_then(|i| seq.get(i));
        for (tag, w) in [("lc1", left), ("rc1", seq.get(b_pos + 1))] {
            if let Some(c) = w.and_then(|w| code(w)) {
                sink.add_code(tag, c[2]);
            }
        }
    }
    if set & SENTENCE != 0 {
        for w in &seq {
            sink.add(&["u", w]);
        }
        for win in seq.windows(2) {
            sink.add(&["ub", win[0], win[1]]);
        }
    }
    // lexicon cues by region, with negation right before them
    let region = |t: usize| -> &'static str {
        if t < a.tokens.start {
            "before"
        } else if t < b.tokens.start {
            "between"
        } else {
            "after"
        }
    };
    if set & LEXICON != 0 {
        let mut cue_sum_between = 0.0f32;
        for hit in hits {
            let cue = hit.cue;
            let r = region(hit.start);
            let pol = match cue.polarity {
                Polarity::Positive => "pos",
                Polarity::Negative => "neg",
                Polarity::Neutral => "neu",
            };
            let neg = if hit.negated { "negated" } else { "plain" };
            sink.add(&["cue", r, &cue.category]);
            sink.add(&["cuepol", r, pol, neg]);
            sink.add(&["cuelemma", r, &cue.lemma]);
            if r == "between" && !hit.negated {
                cue_sum_between += cue.intensity;
            }
        }
        let sum = if cue_sum_between <= -4.0 {
            "neg-strong"
        } else if cue_sum_between < 0.0 {
            "neg"
        } else if cue_sum_between >= 4.0 {
            "pos-strong"
        } else if cue_sum_between > 0.0 {
            "pos"
        } else {
            "zero"
        };
        sink.add(&["cuesum_between", sum]);
        if set & TONE != 0 {
            let mut counts = [[0usize; 2]; 3];
            for hit in hits.iter().filter(|h| h.cue.polarity != Polarity::Neutral) {
                let r = match region(hit.start) {
                    "before" => 0,
                    "between" => 1,
                    _ => 2,
                };
                let positive = (hit.cue.polarity == Polarity::Positive) != hit.negated;
                counts[r][usize::from(positive)] += 1;
            }
            let total = |k: usize| counts.iter().map(|c| c[k]).sum::<usize>();
            let (neg, pos) = (total(0), total(1));
            sink.add(&["tone", bucket(neg), bucket(pos)]);
            for (r, name) in ["before", "between", "after"].iter().enumerate() {
                sink.add(&[
                    "tone_region",
                    name,
                    bucket(counts[r][0]),
                    bucket(counts[r][1]),
                ]);
            }
            let lean = match neg.cmp(&pos) {
                std::cmp::Ordering::Greater => "hostile",
                std::cmp::Ordering::Less => "friendly",
                std::cmp::Ordering::Equal => "even",
            };
            sink.add(&["tone_lean", lean, bucket(between.len())]);
        }
        // the first cue between the pair, and how it sits: "A condemned B", "A was ... by B"
        if let Some(hit) = hits
            .iter()
            .find(|h| h.start >= a.tokens.end && h.start + h.len <= b.tokens.start)
        {
            let near_a = if hit.start - a.tokens.end <= 3 {
                "a-adj"
            } else {
                "a-far"
            };
            let near_b = if b.tokens.start - (hit.start + hit.len) <= 3 {
                "b-adj"
            } else {
                "b-far"
            };
            let by = b.tokens.start > 0 && view.words[b.tokens.start - 1] == "by";
            let voice = if by { "by" } else { "plain" };
            let neg = if hit.negated { "neg" } else { "pos" };
            sink.add(&["firstcue", &hit.cue.category, near_a, near_b]);
            sink.add(&["firstcue_voice", &hit.cue.category, voice, neg]);
            sink.add(&["firstcue_lemma", &hit.cue.lemma, near_a]);
        }
    }
    if set & RULES != 0 {
        // rule findings about the pair
        let label = rule_label(findings, first, second);
        let names = ["none", "pos-fwd", "pos-back", "neg-fwd", "neg-back"];
        sink.add(&["rule", names[label as usize]]);
        for f in findings {
            let dir = if f.source == Source::Actor(first) && f.target == second {
                "fwd"
            } else if f.source == Source::Actor(second) && f.target == first {
                "back"
            } else if f.source == Source::Actor(first) {
                "a->other"
            } else if f.source == Source::Actor(second) {
                "b->other"
            } else if f.target == first {
                "other->a"
            } else if f.target == second {
                "other->b"
            } else {
                continue;
            };
            let pol = match f.polarity {
                Polarity::Positive => "pos",
                Polarity::Negative => "neg",
                Polarity::Neutral => "neu",
            };
            let how = if f.attributed { "said" } else { "clause" };
            sink.add(&["finding", dir, pol]);
            sink.add(&["finding_cat", dir, &f.category]);
            sink.add(&["finding_how", dir, pol, how]);
            if f.negated {
                sink.add(&["finding_neg", dir]);
            }
        }
    }
    let mut out = sink.out;
    dedup_unordered(&mut out);
    (out, fingerprint.into_iter().collect())
}

/// Drops repeated ids, keeping the first of each, without sorting: at prediction time the
/// order does not matter and a sort was a fifth of the feature extraction's cost.
fn dedup_unordered(ids: &mut Vec<u32>) {
    const SLOTS: usize = 1024;
    if ids.len() > SLOTS / 2 {
        ids.sort_unstable();
        ids.dedup();
        return;
    }
    // open addressing; ids are below 2^BITS, so u32::MAX marks a free slot
    let mut table = [u32::MAX; SLOTS];
    ids.retain(|&id| {
        let mut i = (id.wrapping_mul(0x9e37_79b9) >> 22) as usize;
        loop {
            match table[i] {
                u32::MAX => {
                    table[i] = id;
                    return true;
                }
                seen if seen == id => return false,
                _ => i = (i + 1) % SLOTS,
            }
        }
    });
}

/// Words kept verbatim in a [`feature_set::SHAPE`]: the grammar of a construction.
fn is_shape_word(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "of"
            | "to"
            | "in"
            | "on"
            | "for"
            | "with"
            | "by"
            | "at"
            | "from"
            | "and"
            | "or"
            | "but"
            | "that"
            | "who"
            | "which"
            | "whom"
            | "'s"
            | "'"
            | "s"
            | "has"
            | "have"
            | "had"
            | "was"
            | "were"
            | "is"
            | "are"
            | "be"
            | "been"
            | "being"
            | "will"
            | "would"
            | "could"
            | "should"
            | "can"
            | "may"
            | "might"
            | "must"
            | "not"
            | "n't"
            | "never"
            | "no"
            | "he"
            | "she"
            | "it"
            | "they"
            | "his"
            | "her"
            | "its"
            | "their"
            | "as"
            | "after"
            | "before"
            | "over"
            | "against"
            | "about"
            | "than"
            | "also"
            | "did"
            | "does"
            | "do"
            | "said"
            | "says"
            | "told"
            | "according"
            | "if"
            | "while"
            | "because"
            | "when"
            | "into"
            | "under"
            | "between"
            | "toward"
            | "towards"
            | "like"
            | "including"
    )
}

/// Shape classes of the tokens in `range` of the sentence, runs of names or content words
/// collapsed; cues are `C+`, `C-` or `C0` by sign, other actors `E`.
fn shape_of<'a>(
    view: &'a SentenceView,
    range: Range<usize>,
    skip: [usize; 2],
    hits: &[CueHit],
) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    let mut t = range.start;
    while t < range.end {
        let (class, len) = if let Some(h) = hits.iter().find(|h| h.start == t) {
            let c = match h.cue.polarity {
                Polarity::Positive => "C+",
                Polarity::Negative => "C-",
                Polarity::Neutral => "C0",
            };
            (c, h.len)
        } else if let Some((i, o)) = view
            .actors
            .iter()
            .enumerate()
            .find(|(_, o)| o.tokens.start == t)
        {
            let c = if skip.contains(&i) { "A" } else { "E" };
            (c, o.tokens.len())
        } else {
            let w = view.words[t].as_str();
            let c = if view.names.get(t).copied().unwrap_or(false) {
                "N"
            } else if is_shape_word(w) || !w.chars().any(char::is_alphanumeric) {
                w
            } else {
                "w"
            };
            (c, 1)
        };
        if !(matches!(class, "N" | "w") && out.last() == Some(&class)) {
            out.push(class);
        }
        t += len.max(1);
    }
    out
}

/// [`feature_set::SHAPE`] features of the pair.
fn shape_features(
    view: &SentenceView,
    first: usize,
    second: usize,
    hits: &[CueHit],
    sink: &mut FeatureSink,
) {
    let (Some(a), Some(b)) = (view.actors.get(first), view.actors.get(second)) else {
        return;
    };
    let n = view.words.len();
    let between = shape_of(
        view,
        a.tokens.end..b.tokens.start.max(a.tokens.end),
        [first, second],
        hits,
    );
    if between.len() <= 10 {
        let mut parts = Vec::with_capacity(between.len() + 1);
        parts.push("sh_all");
        parts.extend_from_slice(&between);
        sink.add(&parts);
    }
    for w in between.windows(2) {
        sink.add(&["sh2", w[0], w[1]]);
    }
    for w in between.windows(3) {
        sink.add(&["sh3", w[0], w[1], w[2]]);
    }
    let left = shape_of(
        view,
        a.tokens.start.saturating_sub(3)..a.tokens.start,
        [first, second],
        hits,
    );
    let right = shape_of(
        view,
        b.tokens.end..(b.tokens.end + 3).min(n),
        [first, second],
        hits,
    );
    let l = left.last().copied().unwrap_or("^");
    let r = right.first().copied().unwrap_or("$");
    sink.add(&["sh_lr", l, r]);
    if let (Some(bf), Some(bl)) = (between.first(), between.last()) {
        sink.add(&["sh_edges", l, bf, bl, r]);
    } else {
        sink.add(&["sh_adjacent", l, r]);
    }
    let mut right_parts = vec!["sh_right"];
    right_parts.extend_from_slice(&right);
    sink.add(&right_parts);
}

/// A featurized, oriented example.
struct Row {
    features: Vec<u32>,
    fingerprint: Vec<u32>,
    /// Label about (first, second).
    label: u8,
    p_first: bool,
    rule: u8,
}

fn featurize(examples: &[Example], lexicon: &Lexicon, set: u32) -> Vec<Option<Row>> {
    examples
        .iter()
        .map(|ex| {
            let (view, p_first) = dse::view(ex)?;
            let findings = rules::analyze(&view, lexicon);
            let hits = cue_hits(&view, lexicon);
            let label = dse::orient(ex.label.unwrap_or(0), p_first);
            let (mut features, fingerprint) = pair_features(&view, 0, 1, &findings, &hits, set);
            // sorted, so that training sums in a fixed order whatever the extraction order
            features.sort_unstable();
            Some(Row {
                features,
                fingerprint,
                label,
                p_first,
                rule: rule_label(&findings, 0, 1),
            })
        })
        .collect()
}

/// What training reports, epoch by epoch and at the end.
#[derive(Clone, Debug)]
pub struct TrainReport {
    pub train_examples: usize,
    /// Lines (1-based) of training examples whose mentions could not be placed on tokens.
    pub skipped: Vec<usize>,
    /// (epoch, dev accuracy, dev macro-F1) before offset tuning.
    pub epochs: Vec<(usize, f64, f64)>,
    /// (epoch, dev macro-F1 + accuracy of linear + network) of the first hidden-layer network.
    pub mlp_epochs: Vec<(usize, f64)>,
    pub dev: Scores,
}

/// Trains a model on `train`, picking the epoch count and the class offsets on `dev`.
pub fn train(
    train: &[Example],
    dev: &[Example],
    lexicon: &Lexicon,
    options: &TrainOptions,
) -> Result<(StanceModel, TrainReport)> {
    let featurized = featurize(train, lexicon, options.features);
    let skipped: Vec<usize> = featurized
        .iter()
        .zip(train)
        .filter(|(r, _)| r.is_none())
        .map(|(_, ex)| ex.line)
        .collect();
    let rows: Vec<Row> = featurized.into_iter().flatten().collect();
    if rows.is_empty() {
        return Err(Error::usage("no usable training examples"));
    }
    let dev_rows = featurize(dev, lexicon, options.features);
    let dev_gold: Vec<u8> = dev.iter().map(|e| e.label.unwrap_or(0)).collect();

    let size = 1usize << BITS;
    let mut counts = vec![0u32; size];
    for r in &rows {
        for &f in &r.features {
            counts[f as usize] = counts[f as usize].saturating_add(1);
        }
    }
    // a sentence seen once is still worth remembering verbatim
    for r in &rows {
        for &f in &r.fingerprint {
            counts[f as usize] = counts[f as usize].max(options.min_count);
        }
    }
    // several seeds, averaged: a linear model's mean weights are the mean of its logits
    let bags = options.bags.max(1);
    let mut w = vec![0f32; size * CLASSES];
    let mut bias = [0f32; CLASSES];
    let mut report_epochs = Vec::new();
    for bag in 0..bags {
        let seed = options.seed.wrapping_add(bag as u64);
        let (bw, bb, epochs) = fit(&rows, &dev_rows, &dev_gold, &counts, options, seed)?;
        for (a, x) in w.iter_mut().zip(&bw) {
            *a += x / bags as f32;
        }
        for c in 0..CLASSES {
            bias[c] += bb[c] / bags as f32;
        }
        if bag == 0 {
            report_epochs = epochs;
        }
    }
    let mut model = snapshot(&w, &counts, options, bias);
    // the network sees the same features except the verbatim-sentence fingerprints
    let net_rows: Vec<(Vec<u32>, u8)> = rows
        .iter()
        .map(|r| {
            let feats = r
                .features
                .iter()
                .copied()
                .filter(|f| !r.fingerprint.contains(f))
                .collect();
            (feats, r.label)
        })
        .collect();
    let net_refs: Vec<(&[u32], u8)> = net_rows.iter().map(|(f, l)| (&f[..], *l)).collect();
    let mut mlp_epochs = Vec::new();
    model.mlp_weight = options.mlp_weight;
    for bag in 0..options.mlp_bags {
        // each network's epoch is picked with the networks before it in the ensemble
        let mut candidate = model.clone();
        let net = mlp::train(
            &net_refs,
            &options.mlp,
            options.seed.wrapping_add(bag as u64),
            |net| {
                candidate.mlp = model.mlp.iter().chain([net]).cloned().collect();
                let s = Scores::new(&dev_gold, &predict_rows(&candidate, &dev_rows));
                s.macro_f1() + s.accuracy()
            },
            |epoch, score| {
                if bag == 0 {
                    mlp_epochs.push((epoch, score))
                }
            },
        )?;
        model.mlp.extend(net);
    }
    tune_offsets(&mut model, &dev_rows, &dev_gold);
    let pred = predict_rows(&model, &dev_rows);
    let dev_scores = Scores::new(&dev_gold, &pred);
    Ok((
        model,
        TrainReport {
            train_examples: rows.len(),
            skipped,
            epochs: report_epochs,
            mlp_epochs,
            dev: dev_scores,
        },
    ))
}

/// One training run: AdaGrad SGD over shuffled rows; returns the epoch-averaged weights of
/// the epoch with the best dev macro-F1, and the per-epoch dev scores.
#[allow(clippy::type_complexity)]
fn fit(
    rows: &[Row],
    dev_rows: &[Option<Row>],
    dev_gold: &[u8],
    counts: &[u32],
    options: &TrainOptions,
    seed: u64,
) -> Result<(Vec<f32>, [f32; CLASSES], Vec<(usize, f64, f64)>)> {
    let size = 1usize << BITS;
    let mut w = vec![0f32; size * CLASSES];
    let mut g2 = vec![1e-6f32; size * CLASSES];
    let mut bias = [0f32; CLASSES];
    let mut bias_g2 = [1e-6f32; CLASSES];
    let mut avg = vec![0f32; size * CLASSES];
    let mut avg_bias = [0f32; CLASSES];
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut rng = SplitMix(seed);
    let mut best: Option<(f64, usize, Vec<f32>, [f32; CLASSES])> = None;
    let mut report_epochs = Vec::new();
    let lr = options.learning_rate;
    for epoch in 1..=options.epochs.max(1) {
        rng.shuffle(&mut order);
        for &i in &order {
            let r = &rows[i];
            let mut s = bias;
            for &f in &r.features {
                if counts[f as usize] < options.min_count {
                    continue;
                }
                let base = f as usize * CLASSES;
                add(&mut s, &w[base..base + CLASSES]);
            }
            let p = softmax(s);
            // no class weights: the tuned offsets handle the imbalance with less noise
            let grad: [f32; CLASSES] =
                std::array::from_fn(|c| p[c] - if c == r.label as usize { 1.0 } else { 0.0 });
            for &f in &r.features {
                if counts[f as usize] < options.min_count {
                    continue;
                }
                let base = f as usize * CLASSES;
                for c in 0..CLASSES {
                    let g = grad[c] + options.l2 * w[base + c];
                    g2[base + c] += g * g;
                    w[base + c] -= lr * g / g2[base + c].sqrt();
                }
            }
            for c in 0..CLASSES {
                bias_g2[c] += grad[c] * grad[c];
                bias[c] -= lr * grad[c] / bias_g2[c].sqrt();
            }
        }
        // the running mean of end-of-epoch weights is steadier than the last epoch's
        let k = epoch as f32;
        for (a, x) in avg.iter_mut().zip(&w) {
            *a += (x - *a) / k;
        }
        for c in 0..CLASSES {
            avg_bias[c] += (bias[c] - avg_bias[c]) / k;
        }
        let model = snapshot(&avg, counts, options, avg_bias);
        let pred = predict_rows(&model, dev_rows);
        let scores = Scores::new(dev_gold, &pred);
        report_epochs.push((epoch, scores.accuracy(), scores.macro_f1()));
        let f1 = scores.macro_f1();
        if best.as_ref().is_none_or(|(b, _, _, _)| f1 > *b) {
            best = Some((f1, epoch, avg.clone(), avg_bias));
        }
    }
    let Some((_, _, w, bias)) = best else {
        return Err(Error::usage("training ran no epoch"));
    };
    Ok((w, bias, report_epochs))
}

fn snapshot(
    w: &[f32],
    counts: &[u32],
    options: &TrainOptions,
    bias: [f32; CLASSES],
) -> StanceModel {
    let mut weights = FxHashMap::default();
    for (b, &count) in counts.iter().enumerate() {
        if count < options.min_count {
            continue;
        }
        let base = b * CLASSES;
        let row: [f32; CLASSES] = std::array::from_fn(|c| w[base + c]);
        if row.iter().any(|x| x.abs() > 1e-4) {
            weights.insert(b as u32, row);
        }
    }
    StanceModel {
        feature_set: options.features,
        weights,
        bias,
        offsets: [0.0; CLASSES],
        mlp: Vec::new(),
        mlp_weight: 0.0,
    }
}

/// Predicted DSE labels (about p, q) for featurized rows; unreadable rows are neutral.
fn predict_rows(model: &StanceModel, rows: &[Option<Row>]) -> Vec<u8> {
    rows.iter()
        .map(|r| match r {
            Some(r) => dse::orient(argmax(&softmax(model.scores(&r.features))), r.p_first),
            None => 0,
        })
        .collect()
}

/// Coordinate ascent on per-class score offsets for dev macro-F1 + accuracy (both matter: a
/// rare class found at any price ruins precision), on a coarse grid so that it shifts
/// thresholds rather than memorizing the dev set.
fn tune_offsets(model: &mut StanceModel, rows: &[Option<Row>], gold: &[u8]) {
    let grid: Vec<f32> = (-8..=12).map(|i| i as f32 * 0.25).collect();
    let score = |m: &StanceModel| {
        let s = Scores::new(gold, &predict_rows(m, rows));
        s.macro_f1() + s.accuracy()
    };
    let mut best = score(model);
    for _round in 0..2 {
        for c in 1..CLASSES {
            let keep = model.offsets[c];
            let mut best_v = keep;
            for &v in &grid {
                model.offsets[c] = v;
                let s = score(model);
                if s > best + 1e-9 {
                    best = s;
                    best_v = v;
                }
            }
            model.offsets[c] = best_v;
        }
    }
}

/// How a DSE file is labelled by `newsgraph eval stance`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Rules,
    Model,
    Combined,
}

/// Predicted labels (0-4, about p and q) for DSE examples.
pub fn predict_dse(
    examples: &[Example],
    lexicon: &Lexicon,
    model: Option<&StanceModel>,
    mode: Mode,
) -> Result<Vec<u8>> {
    let model = match (mode, model) {
        (Mode::Rules, _) => None,
        (_, Some(m)) => Some(m),
        (_, None) => return Err(Error::usage("this mode needs a stance model")),
    };
    if let Some(m) = model {
        match (mode, m.uses_rules()) {
            (Mode::Model, true) => {
                return Err(Error::usage(
                    "--mode model needs a model trained with --no-rules (this one uses rule features)",
                ));
            }
            (Mode::Combined, false) => {
                return Err(Error::usage(
                    "--mode combined needs a model trained with rule features (this one was trained with --no-rules)",
                ));
            }
            _ => {}
        }
    }
    let rows = featurize(examples, lexicon, model.map_or(0, |m| m.feature_set));
    Ok(match model {
        None => rows
            .iter()
            .map(|r| r.as_ref().map_or(0, |r| dse::orient(r.rule, r.p_first)))
            .collect(),
        Some(m) => predict_rows(m, &rows),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(line: &str) -> Example {
        dse::parse_line(line).unwrap()
    }

    /// A corpus written for the test: hostile verbs, friendly verbs, no stance.
    fn corpus() -> Vec<Example> {
        let mut out = Vec::new();
        let names = [
            "Iran", "Iraq", "Oman", "Chile", "Peru", "Spain", "Kenya", "Fiji",
        ];
        for (i, a) in names.iter().enumerate() {
            for b in names.iter().skip(i + 1) {
                out.push(example(&format!(
                    "[{a}] condemned [{b}] again.\t{a}\t{b}\t3"
                )));
                out.push(example(&format!("[{a}] praised [{b}] again.\t{a}\t{b}\t1")));
                out.push(example(&format!(
                    "[{a}] was condemned by [{b}].\t{a}\t{b}\t4"
                )));
                out.push(example(&format!(
                    "[{a}] and [{b}] share a border.\t{a}\t{b}\t0"
                )));
            }
        }
        out
    }

    fn small_model() -> StanceModel {
        let data = corpus();
        let options = TrainOptions {
            epochs: 3,
            min_count: 1,
            bags: 2,
            ..TrainOptions::default()
        };
        let lexicon = Lexicon::builtin().unwrap();
        train(&data, &data, &lexicon, &options).unwrap().0
    }

    #[test]
    fn training_is_deterministic_and_learns_the_corpus() {
        let a = small_model().to_bytes().unwrap();
        let b = small_model().to_bytes().unwrap();
        assert_eq!(a, b, "same corpus and seed must give the same bytes");
        let model = StanceModel::from_bytes(&a).unwrap();
        let lexicon = Lexicon::builtin().unwrap();
        let data = corpus();
        let predicted = predict_dse(&data, &lexicon, Some(&model), Mode::Combined).unwrap();
        let gold: Vec<u8> = data.iter().map(|e| e.label.unwrap_or(0)).collect();
        assert_eq!(predicted, gold);
        // unseen names, same patterns
        let unseen = [
            example("[Mali] condemned [Chad] again.\tMali\tChad\t3"),
            example("[Mali] was condemned by [Chad].\tMali\tChad\t4"),
        ];
        assert_eq!(
            predict_dse(&unseen, &lexicon, Some(&model), Mode::Combined).unwrap(),
            vec![3, 4]
        );
    }

    #[test]
    fn linear_only_one_and_two_networks_all_round_trip_and_learn() {
        let data = corpus();
        let lexicon = Lexicon::builtin().unwrap();
        let gold: Vec<u8> = data.iter().map(|e| e.label.unwrap_or(0)).collect();
        for (hidden, bags, nets) in [(0, 1, 0), (16, 1, 1), (16, 2, 2)] {
            let options = TrainOptions {
                epochs: 3,
                bags: 1,
                mlp: MlpOptions {
                    hidden,
                    ..MlpOptions::default()
                },
                mlp_bags: bags,
                ..TrainOptions::default()
            };
            let model = train(&data, &data, &lexicon, &options).unwrap().0;
            assert_eq!(model.mlp.len(), nets);
            let bytes = model.to_bytes().unwrap();
            let back = StanceModel::from_bytes(&bytes).unwrap();
            assert_eq!(
                back.to_bytes().unwrap(),
                bytes,
                "hidden {hidden}, bags {bags}"
            );
            let predicted = predict_dse(&data, &lexicon, Some(&back), Mode::Combined).unwrap();
            assert_eq!(predicted, gold, "hidden {hidden}, bags {bags}");
        }
    }

    /// The shape between the pair of a DSE line (p first).
    fn shape_between(line: &str) -> Vec<String> {
        let lexicon = Lexicon::builtin().unwrap();
        let (view, _) = dse::view(&example(line)).unwrap();
        let hits = cue_hits(&view, &lexicon);
        let (a, b) = (&view.actors[0].tokens, &view.actors[1].tokens);
        shape_of(&view, a.end..b.start, [0, 1], &hits)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn shapes_keep_grammar_words_and_classify_the_rest() {
        for (line, want) in [
            (
                "[Iran] has strongly condemned the [United States].\tIran\tUnited States\t3",
                &["has", "w", "C-", "the"][..],
            ),
            (
                "[Oman] and Qatar praised the leaders of [Iran] this week.\tOman\tIran\t1",
                &["and", "N", "C+", "the", "w", "of"][..],
            ),
            (
                "[France] was criticized by [Iran].\tFrance\tIran\t4",
                &["was", "C-", "by"][..],
            ),
            (
                "[Chile] sent a big new trade team to [Peru].\tChile\tPeru\t0",
                &["w", "a", "w", "to"][..],
            ),
            ("[Chile] , [Peru]\tChile\tPeru\t0", &[","][..]),
        ] {
            assert_eq!(shape_between(line), want, "{line}");
        }
    }

    #[test]
    fn each_feature_group_adds_features_of_its_own() {
        use feature_set::*;
        let lexicon = Lexicon::builtin().unwrap();
        let ex = example(
            "Officials in [Iran] on Monday sharply condemned the [United States] and its allies, \
             warning of sanctions.\tIran\tUnited States\t3",
        );
        let (view, _) = dse::view(&ex).unwrap();
        let findings = rules::analyze(&view, &lexicon);
        let hits = cue_hits(&view, &lexicon);
        let base = LEXICON | RULES | CONTEXT | BETWEEN;
        let without = features(&view, 0, 1, &findings, &hits, base);
        for group in [ACTORS, TRIGRAMS, SHAPE, TONE] {
            let with = features(&view, 0, 1, &findings, &hits, base | group);
            let added = with.iter().filter(|f| !without.contains(f)).count();
            assert!(added > 0, "group {group} added nothing");
            assert!(without.iter().all(|f| with.contains(f)), "group {group}");
        }
        // the tone of a hostile sentence differs from that of a friendly one
        let friendly = example(
            "Officials in [Iran] on Monday warmly praised the [United States] and its allies, \
             offering aid.\tIran\tUnited States\t1",
        );
        let (fview, _) = dse::view(&friendly).unwrap();
        let tone = |v: &SentenceView| {
            let f = rules::analyze(v, &lexicon);
            let h = cue_hits(v, &lexicon);
            let only = features(v, 0, 1, &f, &h, LEXICON);
            features(v, 0, 1, &f, &h, LEXICON | TONE)
                .into_iter()
                .filter(|x| !only.contains(x))
                .collect::<Vec<_>>()
        };
        assert_ne!(tone(&view), tone(&fview));
    }

    #[test]
    fn dedup_keeps_the_first_of_each_id_in_order() {
        let many: Vec<u32> = (0..2000).map(|i| i % 700).collect();
        for (input, want) in [
            (vec![], vec![]),
            (vec![5, 3, 5, 9, 3, 3], vec![5, 3, 9]),
            (vec![(1 << BITS) - 1, 0, 0], vec![(1 << BITS) - 1, 0]),
            // beyond the table: sorted instead
            (many, (0..700).collect()),
        ] {
            let mut got = input.clone();
            dedup_unordered(&mut got);
            assert_eq!(got, want, "{input:?}");
        }
    }

    #[test]
    fn corrupt_truncated_and_foreign_files_are_clear_errors() {
        let good = small_model().to_bytes().unwrap();
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x55;
        let mut old_features = good.clone();
        old_features[12..16].copy_from_slice(&(FEATURES_VERSION + 1).to_le_bytes());
        let mut new_format = good.clone();
        new_format[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
        for (bytes, needle) in [
            (&b""[..], "bad magic"),
            (&b"GIF89a..................."[..], "bad magic"),
            (&good[..30], "corrupt"),
            (&flipped[..], "corrupt"),
            (&old_features[..], "retrain"),
            (&new_format[..], "file format"),
        ] {
            let err = StanceModel::from_bytes(bytes).unwrap_err().to_string();
            assert!(err.contains(needle), "{err}");
        }
    }

    #[test]
    fn the_builtin_model_loads_and_uses_rules() {
        let model = StanceModel::builtin().unwrap();
        assert!(model.uses_rules());
        assert!(model.features() > 1000);
    }

    #[test]
    fn modes_refuse_models_of_the_other_kind() {
        let lexicon = Lexicon::builtin().unwrap();
        let data = corpus();
        let model = small_model();
        let err = predict_dse(&data, &lexicon, Some(&model), Mode::Model).unwrap_err();
        assert!(err.to_string().contains("--no-rules"), "{err}");
        assert!(predict_dse(&data, &lexicon, None, Mode::Combined).is_err());
        assert_eq!(
            predict_dse(&data, &lexicon, None, Mode::Rules)
                .unwrap()
                .len(),
            data.len()
        );
    }
}
