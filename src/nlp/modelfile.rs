//! The model file: magic bytes, format version, checksum, then a postcard payload.
//!
//! Loading checks all four plus every internal invariant (label ids, lengths, the
//! feature set and lexicon the model was trained with), so a corrupt, truncated or
//! mismatched file is an [`Error`], never a panic or silently wrong tags.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::hashing::hash_bytes;
use super::perceptron::{
    FORBIDDEN, MAX_ENTRIES, SentenceFeatures, ViterbiScratch, WeightTable, constraint_scores,
    predecessors, viterbi, viterbi_pruned, viterbi_sparse,
};
use super::scheme::Scheme;
use crate::error::{Error, Result};

pub const MAGIC: &[u8; 8] = b"NGTAGGER";
/// Unconstrained tag sets larger than this (POS) are decoded over each token's best [`PRUNE_TO`] labels.
const PRUNE_ABOVE: usize = 20;
const PRUNE_TO: usize = 6;
/// Bump when the file layout or the feature hashing changes.
pub const FORMAT_VERSION: u32 = 1;

/// Which tagger a model is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TaggerKind {
    Pos,
    Chunk,
    Ner,
    /// The dependency parser: its "labels" are transitions ([`crate::nlp::parser`]).
    Parser,
}

impl TaggerKind {
    pub fn name(self) -> &'static str {
        match self {
            TaggerKind::Pos => "pos",
            TaggerKind::Chunk => "chunk",
            TaggerKind::Ner => "ner",
            TaggerKind::Parser => "parser",
        }
    }
}

#[derive(Serialize, Deserialize)]
struct Payload {
    kind: TaggerKind,
    feature_set: u32,
    lexicon: u64,
    scheme: Scheme,
    labels: Vec<String>,
    scale: f32,
    trans: Vec<i16>,
    keys: Vec<u64>,
    #[serde(deserialize_with = "byte_vec")]
    row_len: Vec<u8>,
    #[serde(deserialize_with = "byte_vec")]
    entry_label: Vec<u8>,
    entry_weight: Vec<i16>,
    meta: BTreeMap<String, String>,
}

/// Reads a `Vec<u8>` as one block: postcard writes a byte sequence and a byte string the
/// same way (length, then the bytes), so the file format is unchanged; reading the block
/// at once is much faster than byte by byte.
fn byte_vec<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Vec<u8>, D::Error> {
    struct Bytes;
    impl<'de> serde::de::Visitor<'de> for Bytes {
        type Value = Vec<u8>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a byte sequence")
        }
        fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> std::result::Result<Vec<u8>, E> {
            Ok(v.to_vec())
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> std::result::Result<Vec<u8>, A::Error> {
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1 << 20));
            while let Some(b) = seq.next_element()? {
                out.push(b);
            }
            Ok(out)
        }
    }
    d.deserialize_bytes(Bytes)
}

/// A loaded tagger model, ready to decode.
#[derive(Debug)]
pub struct Model {
    pub kind: TaggerKind,
    pub feature_set: u32,
    pub lexicon: u64,
    pub scheme: Scheme,
    pub labels: Vec<String>,
    pub meta: BTreeMap<String, String>,
    trans: Vec<i32>,
    end: Vec<i32>,
    /// Legal predecessors of each label, for [`viterbi_sparse`].
    preds: Vec<Vec<u16>>,
    table: WeightTable,
    raw: Payload,
}

impl std::fmt::Debug for Payload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Payload({} features)", self.keys.len())
    }
}

/// What the training code hands over to become a model.
pub struct ModelParts<'a> {
    pub kind: TaggerKind,
    pub feature_set: u32,
    pub lexicon: u64,
    pub scheme: Scheme,
    pub labels: Vec<String>,
    /// Averaged emission weights, `labels.len()` per feature, in the order of `keys`.
    pub weights: &'a [f64],
    pub trans: &'a [f64],
    pub keys: &'a [u64],
    pub meta: BTreeMap<String, String>,
}

impl Model {
    /// Quantises averaged weights to `i16` and drops zero entries and empty features.
    pub fn from_parts(p: ModelParts<'_>) -> Result<Model> {
        let n = p.labels.len();
        if n == 0 || n > 255 {
            return Err(Error::model(format!(
                "{} labels; a model needs 1 to 255",
                n
            )));
        }
        let max = p
            .weights
            .iter()
            .chain(p.trans)
            .fold(0.0f64, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { 32_000.0 / max } else { 1.0 };
        let q = |w: f64| (w * scale).round().clamp(-32_767.0, 32_767.0) as i16;
        // Sorted keys make the file independent of interning order.
        let mut order: Vec<usize> = (0..p.keys.len())
            .filter(|&i| (i + 1) * n <= p.weights.len())
            .collect();
        order.sort_by_key(|&i| p.keys[i]);
        let mut keys = Vec::new();
        let mut row_len = Vec::new();
        let mut entry_label = Vec::new();
        let mut entry_weight = Vec::new();
        for i in order {
            let row = &p.weights[i * n..(i + 1) * n];
            let before = entry_weight.len();
            for (l, &w) in row.iter().enumerate() {
                let v = q(w);
                if v != 0 {
                    entry_label.push(l as u8);
                    entry_weight.push(v);
                }
            }
            if entry_weight.len() > before {
                keys.push(p.keys[i]);
                row_len.push((entry_weight.len() - before) as u8);
            }
        }
        let payload = Payload {
            kind: p.kind,
            feature_set: p.feature_set,
            lexicon: p.lexicon,
            scheme: p.scheme,
            labels: p.labels,
            scale: scale as f32,
            trans: p.trans.iter().map(|&w| q(w)).collect(),
            keys,
            row_len,
            entry_label,
            entry_weight,
            meta: p.meta,
        };
        Model::from_payload(payload)
    }

    /// A model from sparse rows, `(key, [(label, averaged weight)])`, for models with many
    /// labels and features of which each row has only a few weights (the parser). Same
    /// quantisation and pruning as [`Model::from_parts`]; plain scheme, no transitions.
    pub fn from_rows(
        kind: TaggerKind,
        feature_set: u32,
        lexicon: u64,
        labels: Vec<String>,
        rows: &[(u64, Vec<(u8, f64)>)],
        meta: BTreeMap<String, String>,
    ) -> Result<Model> {
        let n = labels.len();
        if n == 0 || n > 255 {
            return Err(Error::model(format!("{n} labels; a model needs 1 to 255")));
        }
        let max = rows
            .iter()
            .flat_map(|(_, r)| r.iter().map(|&(_, w)| w.abs()))
            .fold(0.0f64, f64::max);
        let scale = if max > 0.0 { 32_000.0 / max } else { 1.0 };
        let q = |w: f64| (w * scale).round().clamp(-32_767.0, 32_767.0) as i16;
        let mut order: Vec<usize> = (0..rows.len()).collect();
        order.sort_by_key(|&i| rows[i].0);
        let mut keys = Vec::new();
        let mut row_len = Vec::new();
        let mut entry_label = Vec::new();
        let mut entry_weight = Vec::new();
        for i in order {
            let (key, row) = &rows[i];
            let mut row: Vec<(u8, i16)> = row
                .iter()
                .filter(|&&(l, _)| usize::from(l) < n)
                .map(|&(l, w)| (l, q(w)))
                .filter(|&(_, w)| w != 0)
                .collect();
            row.sort_by_key(|&(l, _)| l);
            row.dedup_by_key(|e| e.0);
            if row.is_empty() || *key == 0 || keys.last().is_some_and(|&k| k == *key) {
                continue;
            }
            keys.push(*key);
            row_len.push(row.len() as u8);
            for (l, w) in row {
                entry_label.push(l);
                entry_weight.push(w);
            }
        }
        Model::from_payload(Payload {
            kind,
            feature_set,
            lexicon,
            scheme: Scheme::Plain,
            labels,
            scale: scale as f32,
            trans: vec![0; (n + 1) * n],
            keys,
            row_len,
            entry_label,
            entry_weight,
            meta,
        })
    }

    /// The same model without weights smaller than `min_abs` (in quantised units, out of
    /// 32,000) and without the features left empty: smaller and faster, usually at little
    /// cost, since most averaged perceptron weights are tiny.
    pub fn pruned(&self, min_abs: i16) -> Result<Model> {
        let p = &self.raw;
        let mut keys = Vec::new();
        let mut row_len = Vec::new();
        let mut entry_label = Vec::new();
        let mut entry_weight = Vec::new();
        let mut at = 0usize;
        for (&key, &len) in p.keys.iter().zip(&p.row_len) {
            let end = at + usize::from(len);
            let before = entry_weight.len();
            for j in at..end.min(p.entry_weight.len()) {
                if p.entry_weight[j].unsigned_abs() >= min_abs.unsigned_abs() {
                    entry_label.push(p.entry_label[j]);
                    entry_weight.push(p.entry_weight[j]);
                }
            }
            if entry_weight.len() > before {
                keys.push(key);
                row_len.push((entry_weight.len() - before) as u8);
            }
            at = end;
        }
        Model::from_payload(Payload {
            kind: p.kind,
            feature_set: p.feature_set,
            lexicon: p.lexicon,
            scheme: p.scheme,
            labels: p.labels.clone(),
            scale: p.scale,
            trans: p.trans.clone(),
            keys,
            row_len,
            entry_label,
            entry_weight,
            meta: p.meta.clone(),
        })
    }

    fn from_payload(p: Payload) -> Result<Model> {
        let n = p.labels.len();
        let bad = |m: String| Err(Error::model(m));
        if n == 0 || n > 255 {
            return bad(format!("{n} labels; a model needs 1 to 255"));
        }
        if p.trans.len() != (n + 1) * n {
            return bad(format!(
                "{} transition weights for {n} labels",
                p.trans.len()
            ));
        }
        if p.keys.len() != p.row_len.len() || p.entry_label.len() != p.entry_weight.len() {
            return bad("feature table lengths disagree".into());
        }
        let total: usize = p.row_len.iter().map(|&l| l as usize).sum();
        if total != p.entry_weight.len() {
            return bad("feature rows do not add up to the weight list".into());
        }
        if p.entry_label.iter().any(|&l| l as usize >= n) {
            return bad("a weight refers to a label the model does not have".into());
        }
        if p.keys.contains(&0) || p.keys.windows(2).any(|w| w[0] >= w[1]) {
            return bad("feature keys are not sorted and unique".into());
        }
        let (allowed, end_ok) = p.scheme.constraints(&p.labels);
        let (penalty, end) = constraint_scores(&allowed, &end_ok);
        let trans = p
            .trans
            .iter()
            .zip(&penalty)
            .map(|(&w, &pen)| {
                if pen == FORBIDDEN {
                    FORBIDDEN
                } else {
                    i32::from(w)
                }
            })
            .collect();
        if p.entry_weight.len() > MAX_ENTRIES {
            return bad(format!(
                "{} weights; at most {MAX_ENTRIES} fit",
                p.entry_weight.len()
            ));
        }
        let table = WeightTable::build(&p.keys, &p.row_len, &p.entry_label, &p.entry_weight);
        let preds = predecessors(&allowed, n);
        Ok(Model {
            kind: p.kind,
            feature_set: p.feature_set,
            lexicon: p.lexicon,
            scheme: p.scheme,
            labels: p.labels.clone(),
            meta: p.meta.clone(),
            trans,
            end,
            preds,
            table,
            raw: p,
        })
    }

    /// The file bytes: magic, version (u32 LE), checksum of the payload (u64 LE), payload.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let payload = postcard::to_stdvec(&self.raw)
            .map_err(|e| Error::model(format!("cannot encode: {e}")))?;
        let mut out = Vec::with_capacity(payload.len() + 20);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&hash_bytes(FORMAT_VERSION as u64, &payload).to_le_bytes());
        out.extend_from_slice(&payload);
        Ok(out)
    }

    /// Parses and checks a model file; `expect` is the kind the caller needs.
    pub fn from_bytes(bytes: &[u8], expect: TaggerKind) -> Result<Model> {
        if bytes.len() < 20 || &bytes[..8] != MAGIC {
            return Err(Error::model(
                "not a newsgraph tagger model (bad magic bytes)",
            ));
        }
        let mut v = [0u8; 4];
        v.copy_from_slice(&bytes[8..12]);
        let version = u32::from_le_bytes(v);
        if version != FORMAT_VERSION {
            return Err(Error::model(format!(
                "model format version {version}, this build reads version {FORMAT_VERSION}; retrain the model"
            )));
        }
        let mut c = [0u8; 8];
        c.copy_from_slice(&bytes[12..20]);
        let payload = &bytes[20..];
        if u64::from_le_bytes(c) != hash_bytes(FORMAT_VERSION as u64, payload) {
            return Err(Error::model(
                "checksum mismatch: the model file is corrupt or truncated",
            ));
        }
        let p: Payload = postcard::from_bytes(payload)
            .map_err(|e| Error::model(format!("cannot decode model: {e}")))?;
        if p.kind != expect {
            return Err(Error::model(format!(
                "expected a {} model, found a {} model",
                expect.name(),
                p.kind.name()
            )));
        }
        Model::from_payload(p)
    }

    /// Checks the model was trained with the feature set and lexicon this build extracts.
    pub fn check_features(&self, feature_set: u32, lexicon: u64) -> Result<()> {
        if self.feature_set != feature_set {
            return Err(Error::model(format!(
                "{} model uses feature set {}, this build extracts feature set {feature_set}; retrain it",
                self.kind.name(),
                self.feature_set
            )));
        }
        if self.lexicon != lexicon {
            return Err(Error::model(format!(
                "{} model was trained with another lexicon (fingerprint {:016x}, built in {lexicon:016x}); retrain it",
                self.kind.name(),
                self.lexicon
            )));
        }
        Ok(())
    }

    pub fn n_labels(&self) -> usize {
        self.labels.len()
    }

    /// Emission scores for every token (`tokens x labels`).
    pub fn emissions(&self, f: &SentenceFeatures<u64>, emit: &mut Vec<i32>) {
        let n = self.labels.len();
        emit.clear();
        emit.resize(f.len() * n, 0);
        self.table.add_sentence(&f.keys, &f.offsets, n, emit);
    }

    /// Best label ids for a sentence.
    pub fn decode(
        &self,
        f: &SentenceFeatures<u64>,
        emit: &mut Vec<i32>,
        s: &mut ViterbiScratch,
        out: &mut Vec<u16>,
    ) {
        self.emissions(f, emit);
        self.decode_emissions(emit, s, out);
    }

    /// Adds the weights of each "token" of `f` to its row of `scores` (`labels` wide).
    pub fn add_feature_rows(&self, f: &SentenceFeatures<u64>, scores: &mut [i32]) {
        self.table
            .add_sentence(&f.keys, &f.offsets, self.labels.len(), scores);
    }

    /// Adds one feature's weights to a token's score row.
    #[inline]
    pub fn add_feature(&self, key: u64, row: &mut [i32]) {
        self.table.add(key, row);
    }

    /// Best label ids from precomputed emission scores.
    pub fn decode_emissions(&self, emit: &[i32], s: &mut ViterbiScratch, out: &mut Vec<u16>) {
        let n = self.labels.len();
        if self.scheme == Scheme::Plain && n > PRUNE_ABOVE {
            viterbi_pruned(n, PRUNE_TO, emit, &self.trans, &self.end, s, out);
        } else if self.scheme == Scheme::Plain {
            viterbi(n, emit, &self.trans, &self.end, s, out);
        } else {
            viterbi_sparse(n, emit, &self.trans, &self.end, &self.preds, s, out);
        }
    }

    /// Number of features and non-zero weights kept.
    pub fn size(&self) -> (usize, usize) {
        (self.table.features(), self.table.entries())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let labels = vec!["A".to_owned(), "B".to_owned()];
        Model::from_parts(ModelParts {
            kind: TaggerKind::Pos,
            feature_set: 3,
            lexicon: 7,
            scheme: Scheme::Plain,
            labels,
            weights: &[1.0, -1.0, 0.0, 0.5],
            trans: &[0.1, 0.0, 0.0, 0.2, 0.0, 0.0],
            keys: &[42, 17],
            meta: BTreeMap::new(),
        })
        .unwrap()
    }

    #[test]
    fn round_trips_through_bytes() {
        let m = tiny();
        let bytes = m.to_bytes().unwrap();
        let back = Model::from_bytes(&bytes, TaggerKind::Pos).unwrap();
        assert_eq!(back.to_bytes().unwrap(), bytes);
        assert_eq!(back.size(), (2, 3));
        assert!(back.check_features(3, 7).is_ok());
    }

    #[test]
    fn rejects_bad_files_with_clear_errors() {
        let bytes = tiny().to_bytes().unwrap();
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x55;
        let mut old = bytes.clone();
        old[8] = 0;
        let cases: Vec<(&str, Vec<u8>, TaggerKind, &str)> = vec![
            ("empty", vec![], TaggerKind::Pos, "magic"),
            (
                "not a model",
                b"hello world, not a model at all".to_vec(),
                TaggerKind::Pos,
                "magic",
            ),
            (
                "truncated",
                bytes[..bytes.len() - 3].to_vec(),
                TaggerKind::Pos,
                "checksum",
            ),
            ("flipped byte", flipped, TaggerKind::Pos, "checksum"),
            ("old version", old, TaggerKind::Pos, "version"),
            (
                "wrong kind",
                bytes.clone(),
                TaggerKind::Ner,
                "expected a ner model",
            ),
        ];
        for (name, b, kind, want) in cases {
            let err = Model::from_bytes(&b, kind).unwrap_err().to_string();
            assert!(err.contains(want), "{name}: {err}");
        }
        let m = Model::from_bytes(&bytes, TaggerKind::Pos).unwrap();
        assert!(
            m.check_features(4, 7)
                .unwrap_err()
                .to_string()
                .contains("feature set")
        );
        assert!(
            m.check_features(3, 8)
                .unwrap_err()
                .to_string()
                .contains("lexicon")
        );
    }
}
