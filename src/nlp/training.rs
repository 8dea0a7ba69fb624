//! Training the three taggers from CoNLL-2003 style files, with per-epoch dev scores.
//!
//! Training is deterministic: documents are shuffled by a seeded SplitMix64, weights are
//! integers, and model files store sorted keys. The POS and chunk tags that the chunk and
//! NER models see during training are jackknifed (predicted by models that never saw the
//! document), so training features look like tagging-time features.

use std::collections::BTreeMap;

use super::annotate::{Workspace, label_types, predict_chunk, predict_ner_document, predict_pos};
use super::conll::{ConllDocument, SpanScores};
use super::features::{
    CHUNK_FEATURE_SET, DocContext, NER_FEATURE_SET, POS_FEATURE_SET, SentenceAttrs, chunk_features,
    label_hash, ner_history_features, ner_static_features, pos_features,
};
use super::hashing::FxHashMap;
use super::lexicon::Lexicon;
use super::modelfile::{Model, ModelParts, TaggerKind};
use super::perceptron::{Interner, SentenceFeatures, Trainer};
use super::scheme::Scheme;
use crate::error::{Error, Result};

/// Column layout of the CoNLL-2003 files.
pub const POS_COLUMN: usize = 1;
pub const CHUNK_COLUMN: usize = 2;
pub const NER_COLUMN: usize = 3;

#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Features seen fewer times than this in training are dropped.
    pub min_count: u32,
    /// Folds for jackknifing POS/chunk tags (chunk and NER training).
    pub folds: usize,
    /// Chunk training (also the chunk models inside NER training) sees every sentence
    /// twice: with jackknifed POS tags and with the corpus's own POS tags.
    pub gold_pos_copy: bool,
    /// Command line or other provenance stored in the model's metadata.
    pub provenance: String,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 10,
            seed: 1,
            min_count: 2,
            folds: 4,
            gold_pos_copy: true,
            provenance: String::new(),
        }
    }
}

/// SplitMix64: a tiny seeded generator for shuffling (the parser's training uses it too).
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Sentence attributes of every document.
pub fn document_attrs(docs: &[ConllDocument], lex: &Lexicon) -> Vec<Vec<SentenceAttrs>> {
    let mut buf = String::new();
    docs.iter()
        .map(|d| {
            d.sentences
                .iter()
                .map(|s| {
                    let words: Vec<&str> = s.iter().map(|t| t.word()).collect();
                    let mut a = SentenceAttrs::default();
                    a.compute(&words, lex, &mut buf);
                    a
                })
                .collect()
        })
        .collect()
}

fn column(docs: &[ConllDocument], col: usize) -> Vec<Vec<Vec<&str>>> {
    docs.iter()
        .map(|d| {
            d.sentences
                .iter()
                .map(|s| s.iter().map(|t| t.column(col)).collect())
                .collect()
        })
        .collect()
}

/// One training sentence: static feature ids and gold label ids.
struct Example {
    feats: SentenceFeatures<u32>,
    gold: Vec<u16>,
}

/// Label set for a column, in sorted order ("O" first for span schemes).
fn label_set(tags: &[Vec<Vec<&str>>], scheme: Scheme) -> Vec<String> {
    let mut set: Vec<String> = Vec::new();
    for d in tags {
        for s in d {
            for t in scheme.encode(s) {
                if scheme == Scheme::Plain {
                    set.push(t);
                } else if let Some((_, ty)) = t.split_once('-') {
                    set.push(ty.to_owned());
                }
            }
        }
    }
    set.sort();
    set.dedup();
    scheme.labels(&set)
}

fn gold_ids(tags: &[&str], scheme: Scheme, index: &FxHashMap<String, u16>) -> Result<Vec<u16>> {
    scheme
        .encode(tags)
        .iter()
        .map(|t| {
            index
                .get(t)
                .copied()
                .ok_or_else(|| Error::usage(format!("tag {t} is not in the training label set")))
        })
        .collect()
}

/// Feature counts, then interned ids of the features seen at least `min_count` times.
fn intern_static(
    all: &[Vec<SentenceFeatures<u64>>],
    min_count: u32,
) -> (Interner, Vec<Vec<SentenceFeatures<u32>>>) {
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    for d in all {
        for s in d {
            for &k in &s.keys {
                *counts.entry(k).or_insert(0) += 1;
            }
        }
    }
    let mut interner = Interner::default();
    let ids = all
        .iter()
        .map(|d| {
            d.iter()
                .map(|s| {
                    let mut f = SentenceFeatures::<u32>::default();
                    f.clear();
                    for t in 0..s.len() {
                        for &k in s.token(t) {
                            if counts.get(&k).copied().unwrap_or(0) >= min_count {
                                f.keys.push(interner.id(k));
                            }
                        }
                        f.end_token();
                    }
                    f
                })
                .collect()
        })
        .collect();
    (interner, ids)
}

/// What differs between the three taggers during the shared training loop.
struct Spec {
    kind: TaggerKind,
    scheme: Scheme,
    feature_set: u32,
    lexicon: u64,
    labels: Vec<String>,
    /// NER: word attributes for history features.
    attrs: Option<Vec<Vec<SentenceAttrs>>>,
}

fn train_loop(
    spec: &Spec,
    docs: Vec<Vec<Example>>,
    mut interner: Interner,
    opts: &TrainOptions,
    meta: BTreeMap<String, String>,
    mut on_epoch: impl FnMut(usize, &Model) -> Result<()>,
) -> Result<Model> {
    let n = spec.labels.len();
    let (allowed, end_ok) = spec.scheme.constraints(&spec.labels);
    let mut trainer = Trainer::new(n, &allowed, &end_ok);
    let mut rng = Rng(opts.seed);
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let types = label_types(&spec.labels);
    let mut pred = Vec::new();
    let mut extra = Vec::new();
    let mut dynamic = SentenceFeatures::<u32>::default();
    let mut doc_ctx = DocContext::default();
    let mut last = None;
    for epoch in 1..=opts.epochs {
        rng.shuffle(&mut order);
        for &d in &order {
            if let Some(attrs) = &spec.attrs {
                doc_ctx.clear();
                for a in &attrs[d] {
                    doc_ctx.observe(a);
                }
            }
            for (si, ex) in docs[d].iter().enumerate() {
                let Some(attrs) = &spec.attrs else {
                    trainer.learn(&ex.feats, &ex.gold, &mut pred);
                    continue;
                };
                let a = &attrs[d][si];
                dynamic.clear();
                for t in 0..ex.feats.len() {
                    dynamic.keys.extend_from_slice(ex.feats.token(t));
                    extra.clear();
                    ner_history_features(a, &doc_ctx, t, &mut extra);
                    for &k in &extra {
                        dynamic.keys.push(interner.id(k));
                    }
                    dynamic.end_token();
                }
                trainer.learn(&dynamic, &ex.gold, &mut pred);
                let ty: Vec<u8> = pred.iter().map(|&l| types[l as usize]).collect();
                doc_ctx.remember(a, &ty);
            }
        }
        let (w, tr) = trainer.averaged();
        let mut m = meta.clone();
        m.insert("epochs".into(), opts.epochs.to_string());
        m.insert("seed".into(), opts.seed.to_string());
        m.insert("min_count".into(), opts.min_count.to_string());
        if spec.kind == TaggerKind::Chunk {
            m.insert("gold_pos_copy".into(), opts.gold_pos_copy.to_string());
        }
        let model = Model::from_parts(ModelParts {
            kind: spec.kind,
            feature_set: spec.feature_set,
            lexicon: spec.lexicon,
            scheme: spec.scheme,
            labels: spec.labels.clone(),
            weights: &w,
            trans: &tr,
            keys: &interner.keys,
            meta: m,
        })?;
        on_epoch(epoch, &model)?;
        last = Some(model);
    }
    last.ok_or_else(|| Error::usage("training needs at least one epoch"))
}

/// What the three taggers' training shares once their static features are computed:
/// the label set, interned features, examples and the training loop. `spec.labels` is
/// filled from `tags`.
fn train_static(
    mut spec: Spec,
    tags: &[Vec<Vec<&str>>],
    feats: Vec<Vec<SentenceFeatures<u64>>>,
    opts: &TrainOptions,
    on_epoch: impl FnMut(usize, &Model) -> Result<()>,
) -> Result<Model> {
    spec.labels = label_set(tags, spec.scheme);
    let index = index_of(&spec.labels);
    let (interner, ids) = intern_static(&feats, opts.min_count);
    drop(feats);
    let docs = examples(ids, tags, spec.scheme, &index)?;
    let meta = base_meta(spec.kind, opts);
    train_loop(&spec, docs, interner, opts, meta, on_epoch)
}

/// Tags for every training document, each predicted by a model trained on the other
/// `k` - 1 folds: `train_fold(f)` trains without fold `f`, `tag_held(f, model, held)`
/// tags the documents `held` of fold `f` and says how well, for the log.
fn jackknife<T: Clone + Default>(
    n: usize,
    k: usize,
    mut train_fold: impl FnMut(usize) -> Result<Model>,
    mut tag_held: impl FnMut(usize, &Model, &[usize]) -> (Vec<T>, String),
    log: &mut dyn FnMut(String),
) -> Result<Vec<T>> {
    let mut out = vec![T::default(); n];
    for fold in 0..k {
        let model = train_fold(fold)?;
        let held: Vec<usize> = (0..n).filter(|&i| fold_of(i, k) == fold).collect();
        let (tags, line) = tag_held(fold, &model, &held);
        log(line);
        for (i, t) in held.into_iter().zip(tags) {
            out[i] = t;
        }
    }
    Ok(out)
}

/// Clones the items at `indices`.
fn pick<T: Clone>(v: &[T], indices: &[usize]) -> Vec<T> {
    indices.iter().map(|&i| v[i].clone()).collect()
}

fn index_of(labels: &[String]) -> FxHashMap<String, u16> {
    labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.clone(), i as u16))
        .collect()
}

fn base_meta(kind: TaggerKind, opts: &TrainOptions) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    m.insert("kind".into(), kind.name().into());
    if !opts.provenance.is_empty() {
        m.insert("command".into(), opts.provenance.clone());
    }
    m
}

/// POS accuracy of `model` on `docs` (percent).
pub fn eval_pos(model: &Model, docs: &[ConllDocument], attrs: &[Vec<SentenceAttrs>]) -> SpanScores {
    let mut ws = Workspace::default();
    let mut out = Vec::new();
    let mut sc = SpanScores::default();
    for (d, da) in docs.iter().zip(attrs) {
        for (s, a) in d.sentences.iter().zip(da) {
            predict_pos(model, a, &mut ws, &mut out);
            let gold: Vec<&str> = s.iter().map(|t| t.column(POS_COLUMN)).collect();
            let pred: Vec<&str> = out
                .iter()
                .map(|&l| model.labels[l as usize].as_str())
                .collect();
            sc.tokens += gold.len();
            sc.correct_tags += gold.iter().zip(&pred).filter(|(g, p)| g == p).count();
        }
    }
    sc
}

/// Predicted POS tags (as label hashes) for every sentence.
fn predicted_pos(model: &Model, attrs: &[Vec<SentenceAttrs>]) -> Vec<Vec<Vec<u64>>> {
    let mut ws = Workspace::default();
    let mut out = Vec::new();
    let hashes: Vec<u64> = model.labels.iter().map(|l| label_hash(l)).collect();
    attrs
        .iter()
        .map(|da| {
            da.iter()
                .map(|a| {
                    predict_pos(model, a, &mut ws, &mut out);
                    out.iter().map(|&l| hashes[l as usize]).collect()
                })
                .collect()
        })
        .collect()
}

fn predicted_chunk(
    model: &Model,
    attrs: &[Vec<SentenceAttrs>],
    pos: &[Vec<Vec<u64>>],
) -> Vec<Vec<Vec<u64>>> {
    let mut ws = Workspace::default();
    let mut out = Vec::new();
    let hashes: Vec<u64> = model.labels.iter().map(|l| label_hash(l)).collect();
    attrs
        .iter()
        .zip(pos)
        .map(|(da, dp)| {
            da.iter()
                .zip(dp)
                .map(|(a, p)| {
                    predict_chunk(model, a, p, &mut ws, &mut out);
                    out.iter().map(|&l| hashes[l as usize]).collect()
                })
                .collect()
        })
        .collect()
}

/// Trains the POS tagger. `log` receives one line per epoch with the dev accuracy.
pub fn train_pos(
    train: &[ConllDocument],
    dev: &[ConllDocument],
    opts: &TrainOptions,
    log: &mut dyn FnMut(String),
) -> Result<Model> {
    let lex = Lexicon::builtin();
    let train_attrs = document_attrs(train, lex);
    let dev_attrs = document_attrs(dev, lex);
    train_pos_attrs(train, &train_attrs, Some((dev, &dev_attrs)), opts, log)
}

fn train_pos_attrs(
    train: &[ConllDocument],
    train_attrs: &[Vec<SentenceAttrs>],
    dev: Option<(&[ConllDocument], &[Vec<SentenceAttrs>])>,
    opts: &TrainOptions,
    log: &mut dyn FnMut(String),
) -> Result<Model> {
    let tags = column(train, POS_COLUMN);
    let mut f = SentenceFeatures::default();
    let feats: Vec<Vec<SentenceFeatures<u64>>> = train_attrs
        .iter()
        .map(|da| {
            da.iter()
                .map(|a| {
                    pos_features(a, &mut f);
                    f.clone()
                })
                .collect()
        })
        .collect();
    let spec = Spec {
        kind: TaggerKind::Pos,
        scheme: Scheme::Plain,
        feature_set: POS_FEATURE_SET,
        lexicon: Lexicon::builtin().word_fingerprint(),
        labels: Vec::new(),
        attrs: None,
    };
    train_static(spec, &tags, feats, opts, |epoch, m| {
        if let Some((dev, dev_attrs)) = dev {
            let sc = eval_pos(m, dev, dev_attrs);
            log(format!(
                "pos epoch {epoch}: dev accuracy {:.2}%",
                sc.accuracy()
            ));
        }
        Ok(())
    })
}

fn examples(
    ids: Vec<Vec<SentenceFeatures<u32>>>,
    tags: &[Vec<Vec<&str>>],
    scheme: Scheme,
    index: &FxHashMap<String, u16>,
) -> Result<Vec<Vec<Example>>> {
    ids.into_iter()
        .zip(tags)
        .map(|(d, dt)| {
            d.into_iter()
                .zip(dt)
                .map(|(feats, t)| {
                    Ok(Example {
                        feats,
                        gold: gold_ids(t, scheme, index)?,
                    })
                })
                .collect()
        })
        .collect()
}

/// Splits document indices into `k` folds (document `i` goes to fold `i % k`).
fn fold_of(i: usize, k: usize) -> usize {
    i % k.max(1)
}

fn subset<T: Clone>(v: &[T], k: usize, fold: usize, inside: bool) -> Vec<T> {
    v.iter()
        .enumerate()
        .filter(|(i, _)| (fold_of(*i, k) == fold) == inside)
        .map(|(_, x)| x.clone())
        .collect()
}

/// POS tags for the training documents, each predicted by a model trained on the other folds.
fn jackknife_pos(
    train: &[ConllDocument],
    attrs: &[Vec<SentenceAttrs>],
    opts: &TrainOptions,
    log: &mut dyn FnMut(String),
) -> Result<Vec<Vec<Vec<u64>>>> {
    let k = opts.folds.max(2);
    jackknife(
        train.len(),
        k,
        |fold| {
            let (tr, tr_attrs) = (subset(train, k, fold, false), subset(attrs, k, fold, false));
            train_pos_attrs(&tr, &tr_attrs, None, opts, &mut |_| {})
        },
        |fold, model, held| {
            let held_attrs = pick(attrs, held);
            let accuracy = eval_pos(model, &pick(train, held), &held_attrs).accuracy();
            (
                predicted_pos(model, &held_attrs),
                format!(
                    "jackknife pos fold {}/{k}: held-out accuracy {accuracy:.2}%",
                    fold + 1
                ),
            )
        },
        log,
    )
}

/// Chunk F1 of `model` given POS tags.
pub fn eval_chunk(
    model: &Model,
    docs: &[ConllDocument],
    attrs: &[Vec<SentenceAttrs>],
    pos: &[Vec<Vec<u64>>],
) -> SpanScores {
    let pred = predicted_chunk_labels(model, attrs, pos);
    let mut sc = SpanScores::default();
    for (d, dp) in docs.iter().zip(&pred) {
        for (s, p) in d.sentences.iter().zip(dp) {
            let gold: Vec<&str> = s.iter().map(|t| t.column(CHUNK_COLUMN)).collect();
            sc.add(&gold, p);
        }
    }
    sc
}

fn predicted_chunk_labels<'m>(
    model: &'m Model,
    attrs: &[Vec<SentenceAttrs>],
    pos: &[Vec<Vec<u64>>],
) -> Vec<Vec<Vec<&'m str>>> {
    let mut ws = Workspace::default();
    let mut out = Vec::new();
    attrs
        .iter()
        .zip(pos)
        .map(|(da, dp)| {
            da.iter()
                .zip(dp)
                .map(|(a, p)| {
                    predict_chunk(model, a, p, &mut ws, &mut out);
                    out.iter()
                        .map(|&l| model.labels[l as usize].as_str())
                        .collect()
                })
                .collect()
        })
        .collect()
}

/// Dev documents, their attributes and their predicted POS tags.
type ChunkDev<'a> = (
    &'a [ConllDocument],
    &'a [Vec<SentenceAttrs>],
    &'a [Vec<Vec<u64>>],
);

fn train_chunk_attrs(
    train: &[ConllDocument],
    attrs: &[Vec<SentenceAttrs>],
    pos: &[Vec<Vec<u64>>],
    dev: Option<ChunkDev<'_>>,
    opts: &TrainOptions,
    log: &mut dyn FnMut(String),
) -> Result<Model> {
    let mut tags = column(train, CHUNK_COLUMN);
    let copy = if opts.gold_pos_copy {
        gold_pos_copy(train, attrs, &mut tags)
    } else {
        (Vec::new(), Vec::new())
    };
    let mut f = SentenceFeatures::default();
    let feats: Vec<Vec<SentenceFeatures<u64>>> = attrs
        .iter()
        .chain(&copy.0)
        .zip(pos.iter().chain(&copy.1))
        .map(|(da, dp)| {
            da.iter()
                .zip(dp)
                .map(|(a, p)| {
                    chunk_features(a, p, &mut f);
                    f.clone()
                })
                .collect()
        })
        .collect();
    let spec = Spec {
        kind: TaggerKind::Chunk,
        scheme: Scheme::Bio,
        feature_set: CHUNK_FEATURE_SET,
        lexicon: Lexicon::builtin().word_fingerprint(),
        labels: Vec::new(),
        attrs: None,
    };
    train_static(spec, &tags, feats, opts, |epoch, m| {
        if let Some((dev, dev_attrs, dev_pos)) = dev {
            let sc = eval_chunk(m, dev, dev_attrs, dev_pos);
            log(format!(
                "chunk epoch {epoch}: dev F1 {:.2} (token accuracy {:.2}%)",
                sc.f1(),
                sc.accuracy()
            ));
        }
        Ok(())
    })
}

/// A second copy of the training documents for the chunker, tagged with the corpus's own
/// POS tags: attributes and POS hashes, with the chunk tags appended to `tags`.
///
/// The chunk column was derived from those POS tags, so the copy shows the chunker the
/// clean mapping while the jackknifed copy teaches it to cope with our tagger's errors;
/// together they score higher on dev than either alone (see `data/models/README.md`).
type PosCopy = (Vec<Vec<SentenceAttrs>>, Vec<Vec<Vec<u64>>>);

fn gold_pos_copy<'a>(
    train: &'a [ConllDocument],
    attrs: &[Vec<SentenceAttrs>],
    tags: &mut Vec<Vec<Vec<&'a str>>>,
) -> PosCopy {
    tags.extend(column(train, CHUNK_COLUMN));
    let pos = column(train, POS_COLUMN)
        .iter()
        .map(|d| {
            d.iter()
                .map(|s| s.iter().map(|t| label_hash(t)).collect())
                .collect()
        })
        .collect();
    (attrs.to_vec(), pos)
}

/// Trains the chunker on jackknifed POS tags; `pos_model` tags the dev set.
pub fn train_chunk(
    train: &[ConllDocument],
    dev: &[ConllDocument],
    pos_model: &Model,
    opts: &TrainOptions,
    log: &mut dyn FnMut(String),
) -> Result<Model> {
    let lex = Lexicon::builtin();
    let attrs = document_attrs(train, lex);
    let dev_attrs = document_attrs(dev, lex);
    let pos_opts = sub_options(pos_model, opts);
    let pos = jackknife_pos(train, &attrs, &pos_opts, log)?;
    let dev_pos = predicted_pos(pos_model, &dev_attrs);
    train_chunk_attrs(
        train,
        &attrs,
        &pos,
        Some((dev, &dev_attrs, &dev_pos)),
        opts,
        log,
    )
}

/// Options for re-training an upstream model on folds: its own epochs and seed.
fn sub_options(model: &Model, opts: &TrainOptions) -> TrainOptions {
    let get = |k: &str| model.meta.get(k).and_then(|v| v.parse::<u64>().ok());
    TrainOptions {
        epochs: get("epochs").map_or(opts.epochs, |v| v as usize),
        seed: get("seed").unwrap_or(opts.seed),
        min_count: get("min_count").map_or(opts.min_count, |v| v as u32),
        folds: opts.folds,
        gold_pos_copy: model
            .meta
            .get("gold_pos_copy")
            .map_or(opts.gold_pos_copy, |v| v == "true"),
        provenance: String::new(),
    }
}

/// NER scores of `model` on `docs`, given POS and chunk tags.
pub fn eval_ner(
    model: &Model,
    docs: &[ConllDocument],
    attrs: &[Vec<SentenceAttrs>],
    pos: &[Vec<Vec<u64>>],
    chunk: &[Vec<Vec<u64>>],
) -> SpanScores {
    let mut ws = Workspace::default();
    let types = label_types(&model.labels);
    let mut sc = SpanScores::default();
    for (((d, da), dp), dc) in docs.iter().zip(attrs).zip(pos).zip(chunk) {
        let pred = predict_ner_document(model, &types, da, dp, dc, &mut ws);
        for (s, p) in d.sentences.iter().zip(&pred) {
            let gold: Vec<&str> = s.iter().map(|t| t.column(NER_COLUMN)).collect();
            let tags: Vec<&str> = p
                .iter()
                .map(|&l| model.labels[l as usize].as_str())
                .collect();
            sc.add(&gold, &tags);
        }
    }
    sc
}

/// Trains the NER model on jackknifed POS and chunk tags; the given models tag dev.
pub fn train_ner(
    train: &[ConllDocument],
    dev: &[ConllDocument],
    pos_model: &Model,
    chunk_model: &Model,
    opts: &TrainOptions,
    log: &mut dyn FnMut(String),
) -> Result<Model> {
    let lex = Lexicon::builtin();
    let attrs = document_attrs(train, lex);
    let dev_attrs = document_attrs(dev, lex);
    let pos_opts = sub_options(pos_model, opts);
    let chunk_opts = sub_options(chunk_model, opts);
    let pos = jackknife_pos(train, &attrs, &pos_opts, log)?;
    let k = opts.folds.max(2);
    let chunk = jackknife(
        train.len(),
        k,
        |fold| {
            train_chunk_attrs(
                &subset(train, k, fold, false),
                &subset(&attrs, k, fold, false),
                &subset(&pos, k, fold, false),
                None,
                &chunk_opts,
                &mut |_| {},
            )
        },
        |fold, model, held| {
            let (ha, hp) = (pick(&attrs, held), pick(&pos, held));
            let f1 = eval_chunk(model, &pick(train, held), &ha, &hp).f1();
            (
                predicted_chunk(model, &ha, &hp),
                format!("jackknife chunk fold {}/{k}: held-out F1 {f1:.2}", fold + 1),
            )
        },
        log,
    )?;
    let dev_pos = predicted_pos(pos_model, &dev_attrs);
    let dev_chunk = predicted_chunk(chunk_model, &dev_attrs, &dev_pos);

    let tags = column(train, NER_COLUMN);
    let mut f = SentenceFeatures::default();
    let mut doc_ctx = DocContext::default();
    let mut feats: Vec<Vec<SentenceFeatures<u64>>> = Vec::with_capacity(train.len());
    for ((da, dp), dc) in attrs.iter().zip(&pos).zip(&chunk) {
        doc_ctx.clear();
        for a in da {
            doc_ctx.observe(a);
        }
        feats.push(
            da.iter()
                .zip(dp)
                .zip(dc)
                .map(|((a, p), c)| {
                    ner_static_features(a, p, c, &doc_ctx, &mut f);
                    f.clone()
                })
                .collect(),
        );
    }
    let spec = Spec {
        kind: TaggerKind::Ner,
        scheme: Scheme::Bilou,
        feature_set: NER_FEATURE_SET,
        lexicon: lex.fingerprint(),
        labels: Vec::new(),
        attrs: Some(attrs),
    };
    train_static(spec, &tags, feats, opts, |epoch, m| {
        let sc = eval_ner(m, dev, &dev_attrs, &dev_pos, &dev_chunk);
        let (p, r, f1) = sc.overall();
        log(format!(
            "ner epoch {epoch}: dev P {p:.2} R {r:.2} F1 {f1:.2}"
        ));
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nlp::conll::ConllToken;

    /// A tiny language: "the NOUN VERB in PLACE ." and "Mr. NAME VERB ." with made-up
    /// names and places, so NER must learn from context and shape, not memorise.
    fn synthetic(seed: u64, docs: usize, names: &[&str], places: &[&str]) -> Vec<ConllDocument> {
        let mut rng = Rng(seed);
        let nouns = ["dog", "cat", "minister", "farmer"];
        let verbs = ["runs", "waits", "speaks", "sleeps"];
        let pick = |rng: &mut Rng, v: &[&str]| v[(rng.next() % v.len() as u64) as usize].to_owned();
        let tok = |w: String, pos: &str, chunk: &str, ner: &str| ConllToken {
            columns: vec![w, pos.into(), chunk.into(), ner.into()],
        };
        (0..docs)
            .map(|_| ConllDocument {
                sentences: (0..4)
                    .map(|_| {
                        if rng.next() % 2 == 0 {
                            vec![
                                tok("the".into(), "DT", "B-NP", "O"),
                                tok(pick(&mut rng, &nouns), "NN", "I-NP", "O"),
                                tok(pick(&mut rng, &verbs), "VBZ", "B-VP", "O"),
                                tok("in".into(), "IN", "B-PP", "O"),
                                tok(pick(&mut rng, places), "NNP", "B-NP", "B-LOC"),
                                tok(".".into(), ".", "O", "O"),
                            ]
                        } else {
                            vec![
                                tok("Mr.".into(), "NNP", "B-NP", "O"),
                                tok(pick(&mut rng, names), "NNP", "I-NP", "B-PER"),
                                tok(pick(&mut rng, &verbs), "VBZ", "B-VP", "O"),
                                tok(".".into(), ".", "O", "O"),
                            ]
                        }
                    })
                    .collect(),
            })
            .collect()
    }

    const TRAIN_NAMES: [&str; 4] = ["Zorbel", "Quintar", "Havik", "Mopsley"];
    const TRAIN_PLACES: [&str; 4] = ["Varnia", "Olbrek", "Tessaly", "Ruun"];
    const DEV_NAMES: [&str; 3] = ["Gribbon", "Ysolde", "Parnak"];
    const DEV_PLACES: [&str; 3] = ["Kelvar", "Drunmoor", "Estavia"];

    fn opts() -> TrainOptions {
        TrainOptions {
            epochs: 4,
            seed: 7,
            min_count: 1,
            folds: 2,
            gold_pos_copy: true,
            provenance: String::new(),
        }
    }

    #[test]
    fn learns_synthetic_pos_chunk_and_ner_with_unseen_names() {
        let train = synthetic(1, 100, &TRAIN_NAMES, &TRAIN_PLACES);
        let dev = synthetic(2, 10, &DEV_NAMES, &DEV_PLACES);
        let mut log = Vec::new();
        let pos = train_pos(&train, &dev, &opts(), &mut |l| log.push(l)).unwrap();
        let chunk = train_chunk(&train, &dev, &pos, &opts(), &mut |l| log.push(l)).unwrap();
        let ner = train_ner(&train, &dev, &pos, &chunk, &opts(), &mut |l| log.push(l)).unwrap();
        let lex = Lexicon::builtin();
        let attrs = document_attrs(&dev, lex);
        assert_eq!(eval_pos(&pos, &dev, &attrs).accuracy(), 100.0, "{log:?}");
        let p = predicted_pos(&pos, &attrs);
        assert_eq!(eval_chunk(&chunk, &dev, &attrs, &p).f1(), 100.0, "{log:?}");
        let c = predicted_chunk(&chunk, &attrs, &p);
        assert_eq!(eval_ner(&ner, &dev, &attrs, &p, &c).f1(), 100.0, "{log:?}");
        assert!(
            log.iter().any(|l| l.starts_with("ner epoch 4: dev")),
            "{log:?}"
        );
    }

    #[test]
    fn chunk_models_record_their_pos_recipe_for_ner_jackknifing() {
        let train = synthetic(4, 20, &TRAIN_NAMES, &TRAIN_PLACES);
        let pos = train_pos(&train, &train, &opts(), &mut |_| {}).unwrap();
        for (copy, recorded) in [(true, "true"), (false, "false")] {
            let o = TrainOptions {
                gold_pos_copy: copy,
                ..opts()
            };
            let chunk = train_chunk(&train, &train, &pos, &o, &mut |_| {}).unwrap();
            assert_eq!(
                chunk.meta.get("gold_pos_copy").map(String::as_str),
                Some(recorded)
            );
            // NER training re-trains chunkers on folds with the chunk model's recipe.
            let ner_opts = TrainOptions {
                gold_pos_copy: !copy,
                ..opts()
            };
            assert_eq!(sub_options(&chunk, &ner_opts).gold_pos_copy, copy);
        }
    }

    #[test]
    fn training_is_byte_for_byte_reproducible() {
        let train = synthetic(3, 20, &TRAIN_NAMES, &TRAIN_PLACES);
        let a = train_pos(&train, &train, &opts(), &mut |_| {})
            .unwrap()
            .to_bytes()
            .unwrap();
        let b = train_pos(&train, &train, &opts(), &mut |_| {})
            .unwrap()
            .to_bytes()
            .unwrap();
        assert_eq!(a, b);
        let other = TrainOptions { seed: 8, ..opts() };
        let c = train_pos(&train, &train, &other, &mut |_| {}).unwrap();
        assert_eq!(c.meta.get("seed").map(String::as_str), Some("8"));
    }

    #[test]
    fn shuffle_is_a_seeded_permutation() {
        let mut v: Vec<u32> = (0..50).collect();
        Rng(5).shuffle(&mut v);
        let mut w: Vec<u32> = (0..50).collect();
        Rng(5).shuffle(&mut w);
        assert_eq!(v, w);
        assert_ne!(v, (0..50).collect::<Vec<u32>>());
        v.sort_unstable();
        assert_eq!(v, (0..50).collect::<Vec<u32>>());
    }
}
