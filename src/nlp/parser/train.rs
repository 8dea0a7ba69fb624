//! Training the parser: an averaged perceptron over transitions, trained online with the
//! dynamic oracle and error exploration (Goldberg & Nivre 2012, 2013).
//!
//! Training trees are tagged by our own POS model and made projective by lifting; the dev
//! set is parsed by the quantised model after every epoch, exactly as it will ship. Runs
//! are deterministic: sentences are shuffled and exploration is drawn from a seeded
//! SplitMix64, weights are integers, and the model file stores sorted keys.

use std::collections::BTreeMap;

use super::conllu::ConlluSentence;
use super::eval::{AttachmentScores, score_sentence};
use super::features::{Node, config_keys, feature_set, groups, sentence_nodes};
use super::system::{Action, Config, Gold, Move, projectivize};
use super::{Legal, Parser, action_name, root_label, tree};
use crate::error::{Error, Result};
use crate::nlp::annotate::{Annotator, Workspace, predict_pos};
use crate::nlp::features::SentenceAttrs;
use crate::nlp::hashing::{FxHashMap, FxHashSet};
use crate::nlp::lexicon::Lexicon;
use crate::nlp::modelfile::{Model, TaggerKind};
use crate::nlp::training::Rng;

#[derive(Clone, Debug)]
pub struct TrainOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Feature groups ([`groups`]).
    pub groups: u32,
    /// From this epoch on (0-based), a wrong prediction is followed with probability
    /// `explore` instead of the oracle's best move.
    pub explore_after: usize,
    pub explore: f64,
    /// Train towards the static oracle's single gold sequence instead (no exploration):
    /// the baseline the dynamic oracle is measured against.
    pub static_oracle: bool,
    /// Train and tune on the treebank's own XPOS tags instead of ours: an upper bound that
    /// shows what our tagger's errors cost, not a model to ship.
    pub treebank_tags: bool,
    /// Features seen in fewer gold-path configurations than this get no weight.
    pub min_count: u32,
    /// Command line or other provenance stored in the model's metadata.
    pub provenance: String,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 15,
            seed: 1,
            groups: groups::ALL,
            explore_after: 1,
            explore: 0.9,
            static_oracle: false,
            treebank_tags: false,
            min_count: 2,
            provenance: String::new(),
        }
    }
}

/// Our POS tags for each sentence's words (the treebank's own tags are not used).
pub fn our_tags(sentences: &[ConlluSentence]) -> Result<Vec<Vec<&'static str>>> {
    let annotator = Annotator::builtin()?;
    let pos = annotator.pos_model();
    let lex = Lexicon::builtin();
    let mut ws = Workspace::default();
    let mut attrs = SentenceAttrs::default();
    let mut buf = String::new();
    let mut ids = Vec::new();
    Ok(sentences
        .iter()
        .map(|s| {
            attrs.compute(&s.word_refs(), lex, &mut buf);
            predict_pos(pos, &attrs, &mut ws, &mut ids);
            ids.iter()
                .map(|&l| pos.labels.get(usize::from(l)).map_or("", String::as_str))
                .collect()
        })
        .collect())
}

/// The treebank's own XPOS tags.
pub fn treebank_tags(sentences: &[ConlluSentence]) -> Vec<Vec<&str>> {
    sentences
        .iter()
        .map(|s| s.xpos.iter().map(String::as_str).collect())
        .collect()
}

/// The relation id a treebank label trains as: itself if known, else its universal part,
/// else `dep`.
fn training_label(label: &str) -> (u16, bool) {
    if let Some(id) = tree::relation_id(label) {
        return (id, true);
    }
    let base = label.split(':').next().unwrap_or(label);
    let id = tree::relation_id(base)
        .or_else(|| tree::relation_id("dep"))
        .unwrap_or(0);
    (id, false)
}

/// One training sentence.
struct Sample {
    nodes: Vec<Node>,
    gold: Gold,
}

/// Averaged-perceptron weights over sparse rows: `w` is the current weight, `u` the sum of
/// (update time x change), so the average is `w - u / time`.
#[derive(Default)]
struct Weights {
    rows: FxHashMap<u64, Vec<Entry>>,
    time: i64,
    /// The features that may get weights (all when None).
    allowed: Option<FxHashSet<u64>>,
}

#[derive(Clone, Copy)]
struct Entry {
    class: u16,
    w: i32,
    u: i64,
}

impl Weights {
    fn score(&self, keys: &[u64], scores: &mut [i32]) {
        for k in keys {
            if let Some(row) = self.rows.get(k) {
                for e in row {
                    if let Some(s) = scores.get_mut(usize::from(e.class)) {
                        *s += e.w;
                    }
                }
            }
        }
    }

    fn update(&mut self, keys: &[u64], class: usize, delta: i32) {
        let t = self.time;
        for &k in keys {
            if self.allowed.as_ref().is_some_and(|a| !a.contains(&k)) {
                continue;
            }
            let row = self.rows.entry(k).or_default();
            match row.iter_mut().find(|e| usize::from(e.class) == class) {
                Some(e) => {
                    e.w += delta;
                    e.u += t * i64::from(delta);
                }
                None => row.push(Entry {
                    class: class as u16,
                    w: delta,
                    u: t * i64::from(delta),
                }),
            }
        }
    }

    /// Averaged rows, sorted by key.
    fn averaged(&self) -> Vec<(u64, Vec<(u8, f64)>)> {
        let t = self.time.max(1) as f64;
        let mut rows: Vec<(u64, Vec<(u8, f64)>)> = self
            .rows
            .iter()
            .map(|(&k, row)| {
                let r = row
                    .iter()
                    .map(|e| (e.class as u8, f64::from(e.w) - e.u as f64 / t))
                    .collect();
                (k, r)
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }
}

/// Trains a parser on `train`, printing per-epoch dev scores through `log`.
pub fn train(
    train: &[ConlluSentence],
    dev: &[ConlluSentence],
    opts: &TrainOptions,
    log: &mut dyn FnMut(String),
) -> Result<Parser> {
    if opts.groups & groups::BASE == 0 {
        return Err(Error::usage("the parser needs the BASE feature group"));
    }
    let lex = Lexicon::builtin();
    let root = root_label();
    let (train_tags, dev_tags) = if opts.treebank_tags {
        (treebank_tags(train), treebank_tags(dev))
    } else {
        (our_tags(train)?, our_tags(dev)?)
    };
    let mut buf = String::new();
    let mut relations: Vec<u16> = Vec::new();
    let mut samples = Vec::with_capacity(train.len());
    let (mut mapped, mut lifted, mut tokens) = (0usize, 0usize, 0usize);
    for (s, tags) in train.iter().zip(&train_tags) {
        let mut heads = s.heads.clone();
        lifted += projectivize(&mut heads);
        let labels: Vec<u16> = s
            .labels
            .iter()
            .map(|l| {
                let (id, known) = training_label(l);
                mapped += usize::from(!known);
                id
            })
            .collect();
        relations.extend(&labels);
        let mut nodes = Vec::new();
        sentence_nodes(&s.word_refs(), tags, lex, &mut buf, &mut nodes);
        tokens += s.len();
        samples.push(Sample {
            nodes,
            gold: Gold::new(&heads, &labels),
        });
    }
    relations.sort_unstable();
    relations.dedup();
    if !relations.contains(&root) {
        return Err(Error::usage("the training sentences have no root relation"));
    }
    let mut actions = vec![Action {
        mv: Move::Shift,
        label: 0,
    }];
    for &r in &relations {
        if r != root {
            actions.push(Action {
                mv: Move::Left,
                label: r,
            });
        }
        actions.push(Action {
            mv: Move::Right,
            label: r,
        });
    }
    if actions.len() > 255 {
        return Err(Error::usage(format!(
            "{} transitions; a model holds at most 255",
            actions.len()
        )));
    }
    log(format!(
        "{} training sentences ({tokens} tokens, {lifted} arcs lifted to make trees projective, \
         {mapped} relations unknown to this build mapped to their universal part), {} relations, {} transitions",
        samples.len(),
        relations.len(),
        actions.len()
    ));
    let names: Vec<String> = actions.iter().map(|&a| action_name(a)).collect();
    let mut meta = BTreeMap::new();
    meta.insert("provenance".to_owned(), opts.provenance.clone());
    meta.insert("train_sentences".to_owned(), samples.len().to_string());
    meta.insert("train_tokens".to_owned(), tokens.to_string());
    let build = |w: &Weights, epoch: usize| -> Result<Parser> {
        let mut meta = meta.clone();
        meta.insert("epochs".to_owned(), epoch.to_string());
        Parser::from_model(Model::from_rows(
            TaggerKind::Parser,
            feature_set(opts.groups),
            lex.word_fingerprint(),
            names.clone(),
            &w.averaged(),
            meta,
        )?)
    };

    let mut w = Weights::default();
    let mut keys = Vec::new();
    let mut c = Config::default();
    if opts.min_count > 1 {
        let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
        for s in &samples {
            c.reset(s.nodes.len() - 2);
            while !c.is_terminal() {
                config_keys(&c, &s.nodes, opts.groups, &mut keys);
                for &k in &keys {
                    *counts.entry(k).or_insert(0) += 1;
                }
                c.apply(c.static_oracle(&s.gold));
            }
        }
        let total = counts.len();
        w.allowed = Some(
            counts
                .into_iter()
                .filter(|&(_, n)| n >= opts.min_count)
                .map(|(k, _)| k)
                .collect(),
        );
        log(format!(
            "{} of {total} features seen at least {} times on the gold paths",
            w.allowed.as_ref().map_or(0, |a| a.len()),
            opts.min_count
        ));
    }
    let mut rng = Rng(opts.seed);
    let mut order: Vec<usize> = (0..samples.len()).collect();
    let mut scores = vec![0i32; actions.len()];
    let mut parser = None;
    for epoch in 0..opts.epochs {
        rng.shuffle(&mut order);
        let explore = epoch >= opts.explore_after && opts.explore > 0.0 && !opts.static_oracle;
        let (mut steps, mut wrong) = (0usize, 0usize);
        for &i in &order {
            let s = &samples[i];
            c.reset(s.nodes.len() - 2);
            while !c.is_terminal() {
                config_keys(&c, &s.nodes, opts.groups, &mut keys);
                scores.iter_mut().for_each(|x| *x = 0);
                w.score(&keys, &mut scores);
                let costs = c.costs(&s.gold);
                let oracle = opts.static_oracle.then(|| c.static_oracle(&s.gold));
                let legal = Legal::of(&c);
                // The best-scoring move, and the best-scoring among the cheapest.
                let mut pred: Option<(i32, usize, u32)> = None;
                let mut best: Option<(u32, i32, usize)> = None;
                for (ai, &a) in actions.iter().enumerate() {
                    if !legal.allows(a, root) {
                        continue;
                    }
                    let v = scores[ai];
                    let cost = match oracle {
                        Some(o) => u32::from(o != a),
                        None => c.action_cost(a, &costs, &s.gold),
                    };
                    if pred.is_none_or(|(pv, _, _)| v > pv) {
                        pred = Some((v, ai, cost));
                    }
                    if best.is_none_or(|(bc, bv, _)| cost < bc || (cost == bc && v > bv)) {
                        best = Some((cost, v, ai));
                    }
                }
                let (Some((_, p, pcost)), Some((bcost, _, g))) = (pred, best) else {
                    break;
                };
                steps += 1;
                let next = if pcost > bcost {
                    wrong += 1;
                    w.update(&keys, g, 1);
                    w.update(&keys, p, -1);
                    let follow =
                        explore && (rng.next() >> 11) as f64 / (1u64 << 53) as f64 <= opts.explore;
                    if follow { p } else { g }
                } else {
                    p
                };
                w.time += 1;
                c.apply(actions[next]);
            }
        }
        let p = build(&w, epoch + 1)?;
        let scores = evaluate(&p, dev, &dev_tags);
        log(format!(
            "epoch {:>2}: {:.2}% of {steps} training transitions wrong; dev UAS {:.2} LAS {:.2} (all tokens)",
            epoch + 1,
            100.0 * wrong as f64 / steps.max(1) as f64,
            scores.all.uas(),
            scores.all.las()
        ));
        parser = Some(p);
    }
    match parser {
        Some(p) => Ok(p),
        None => build(&w, 0),
    }
}

/// Parses `sentences` (with `tags`, one list per sentence) and scores them against their
/// gold trees.
pub fn evaluate(
    parser: &Parser,
    sentences: &[ConlluSentence],
    tags: &[Vec<&str>],
) -> AttachmentScores {
    let mut scores = AttachmentScores::default();
    for (sent, t) in sentences.iter().zip(tags) {
        let tree = parser.parse(&sent.word_refs(), t);
        score_sentence(sent, &tree, &mut scores);
    }
    scores
}
