//! Training the parser: an averaged perceptron over transitions, trained online with the
//! dynamic oracle and error exploration (Goldberg & Nivre 2012, 2013).
//!
//! Training trees are tagged by our own POS model and made projective by lifting; the dev
//! set is parsed by the quantised model after every epoch, exactly as it will ship. Runs
//! are deterministic: sentences are shuffled and exploration is drawn from a seeded
//! SplitMix64, weights are integers, and the model file stores sorted keys.

use std::collections::BTreeMap;

use super::beam::{Beam, ConfigScorer};
use super::conllu::ConlluSentence;
use super::eval::{AttachmentScores, score_sentence};
use super::features::{
    Node, config_keys, feature_set, groups, sentence_nodes, tag_hash, word_attrs_all,
};
use super::retag::{self, Scorer};
use super::system::{Action, Config, Gold, Move, projectivize};
use super::tree::DepTree;
use super::{BEAM, Legal, Parser, RETAG_TAGS, action_name, root_label, tree};
use crate::error::{Error, Result};
use crate::nlp::annotate::{Annotator, Workspace, predict_pos};
use crate::nlp::features::{SentenceAttrs, TokenAttrs};
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
    /// Beam width (1: greedy, trained with the dynamic oracle; wider: max-violation
    /// training against the static oracle). Stored as the model's default.
    pub beam: usize,
    /// With a beam: also train each sentence greedily with the dynamic oracle, so that
    /// the one model decodes well both ways.
    pub greedy_too: bool,
    /// Train and tune on the treebank's own XPOS tags instead of ours: an upper bound that
    /// shows what our tagger's errors cost, not a model to ship.
    pub treebank_tags: bool,
    /// Features seen in fewer gold-path configurations than this get no weight.
    pub min_count: u32,
    /// Weights below this many quantised units (of 32,000) are dropped from the model.
    pub prune: i16,
    /// Command line or other provenance stored in the model's metadata.
    pub provenance: String,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            // The shipped model's settings (data/models/README.md).
            epochs: 12,
            seed: 1,
            // Suffixes (groups::SUFFIX) gave nothing on EWT dev (UAS 79.84 without, 79.83 with).
            groups: groups::BASE | groups::CLUSTERS | groups::TAGDICT | groups::RETAG,
            explore_after: 1,
            explore: 0.9,
            static_oracle: false,
            beam: 1,
            greedy_too: false,
            treebank_tags: false,
            min_count: 2,
            prune: 256,
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

impl Scorer for Weights {
    fn add(&self, keys: &[u64], scores: &mut [i32]) {
        self.score(keys, scores);
    }
}

/// Folds for jackknifing the retagger's tags of the training sentences.
const RETAG_FOLDS: usize = 5;
const RETAG_EPOCHS: usize = 8;

/// Trains the retagger on `data` (attributes, our tag hashes, gold tag ids).
fn train_retagger(
    data: &[(&[TokenAttrs], &[u64], &[u16])],
    n_tags: usize,
    rng: &mut Rng,
) -> Weights {
    let mut w = Weights::default();
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut k = Vec::new();
    let mut scores = vec![0i32; n_tags];
    for _ in 0..RETAG_EPOCHS {
        rng.shuffle(&mut order);
        for &i in &order {
            let (attrs, ours, gold) = data[i];
            let mut prev = [0u64; 2];
            for (t, &g) in gold.iter().enumerate().take(attrs.len()) {
                retag::keys(attrs, ours, t, prev, &mut k);
                scores.iter_mut().for_each(|x| *x = 0);
                w.score(&k, &mut scores);
                let p = retag::best_tag(&scores, n_tags);
                if p != g {
                    w.update(&k, usize::from(g), 1);
                    w.update(&k, usize::from(p), -1);
                }
                w.time += 1;
                prev = [u64::from(p) + 1, prev[0]];
            }
        }
    }
    w
}

/// Tags `inputs` with retagger `w`; counts tokens whose tag equals `gold`'s XPOS.
fn run_retagger(
    w: &dyn Scorer,
    inputs: &[&(Vec<TokenAttrs>, Vec<u64>)],
    tags: &[String],
    out: &mut Vec<Vec<u64>>,
    gold: &[&ConlluSentence],
) -> usize {
    let (mut scores, mut k, mut ids) = (Vec::new(), Vec::new(), Vec::new());
    let mut right = 0;
    for ((attrs, ours), g) in inputs.iter().map(|x| (&x.0, &x.1)).zip(gold) {
        retag::retag(attrs, ours, tags.len(), w, &mut scores, &mut k, &mut ids);
        right += ids
            .iter()
            .zip(&g.xpos)
            .filter(|(i, x)| tags.get(usize::from(**i)) == Some(*x))
            .count();
        out.push(
            ids.iter()
                .map(|&i| tag_hash(&tags[usize::from(i)]))
                .collect(),
        );
    }
    right
}

/// The retagger: jackknifed tags for the training sentences (each fold tagged by a
/// retagger trained on the others), and the averaged rows and tag list of one trained on
/// all of them.
#[allow(clippy::type_complexity)]
fn retagger(
    train: &[ConlluSentence],
    train_in: &[(Vec<TokenAttrs>, Vec<u64>)],
    dev: &[ConlluSentence],
    dev_in: &[(Vec<TokenAttrs>, Vec<u64>)],
    seed: u64,
    log: &mut dyn FnMut(String),
) -> Result<(Vec<(u64, Vec<(u8, f64)>)>, Vec<String>, Vec<Vec<u64>>)> {
    let mut tags: Vec<String> = train.iter().flat_map(|s| s.xpos.iter().cloned()).collect();
    tags.sort_unstable();
    tags.dedup();
    let index: FxHashMap<&str, u16> = tags
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i as u16))
        .collect();
    let gold: Vec<Vec<u16>> = train
        .iter()
        .map(|s| {
            s.xpos
                .iter()
                .map(|x| index.get(x.as_str()).copied().unwrap_or(0))
                .collect()
        })
        .collect();
    let data: Vec<(&[TokenAttrs], &[u64], &[u16])> = train_in
        .iter()
        .zip(&gold)
        .map(|((a, o), g)| (a.as_slice(), o.as_slice(), g.as_slice()))
        .collect();
    let n = train.len();
    let fold_of = |i: usize| i * RETAG_FOLDS / n.max(1);
    let mut rng = Rng(seed ^ 0x7265_7461_6767);
    let mut jackknifed: Vec<Vec<u64>> = Vec::with_capacity(n);
    let (mut right, mut total) = (0usize, 0usize);
    for f in 0..RETAG_FOLDS {
        let rest: Vec<_> = (0..n)
            .filter(|&i| fold_of(i) != f)
            .map(|i| data[i])
            .collect();
        let w = train_retagger(&rest, tags.len(), &mut rng);
        let held: Vec<usize> = (0..n).filter(|&i| fold_of(i) == f).collect();
        let inputs: Vec<_> = held.iter().map(|&i| &train_in[i]).collect();
        let golds: Vec<_> = held.iter().map(|&i| &train[i]).collect();
        right += run_retagger(&w, &inputs, &tags, &mut jackknifed, &golds);
        total += golds.iter().map(|s| s.len()).sum::<usize>();
    }
    let w = train_retagger(&data, tags.len(), &mut rng);
    let mut dev_tags = Vec::new();
    let dev_inputs: Vec<_> = dev_in.iter().collect();
    let dev_gold: Vec<_> = dev.iter().collect();
    let dev_right = run_retagger(&w, &dev_inputs, &tags, &mut dev_tags, &dev_gold);
    let dev_total: usize = dev.iter().map(|s| s.len()).sum();
    log(format!(
        "retagger: {} tags; jackknifed training tags {:.2}% right, dev {:.2}% (our tagger alone: see eval)",
        tags.len(),
        100.0 * right as f64 / total.max(1) as f64,
        100.0 * dev_right as f64 / dev_total.max(1) as f64
    ));
    if tags.is_empty() {
        return Err(Error::usage(
            "the training sentences have no XPOS tags to retag to",
        ));
    }
    Ok((w.averaged(), tags, jackknifed))
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
    let prepare = |sents: &[ConlluSentence], tags: &[Vec<&str>], buf: &mut String| {
        sents
            .iter()
            .zip(tags)
            .map(|(s, t)| {
                let mut attrs = Vec::new();
                word_attrs_all(&s.word_refs(), lex, buf, &mut attrs);
                let ours: Vec<u64> = t.iter().map(|t| tag_hash(t)).collect();
                (attrs, ours)
            })
            .collect::<Vec<_>>()
    };
    let train_in = prepare(train, &train_tags, &mut buf);
    let mut meta = BTreeMap::new();
    let mut retag_rows = Vec::new();
    let train_p: Vec<Vec<u64>> = if opts.groups & groups::RETAG != 0 {
        let dev_in = prepare(dev, &dev_tags, &mut buf);
        let (rows, tags, train_p) = retagger(train, &train_in, dev, &dev_in, opts.seed, log)?;
        retag_rows = rows;
        meta.insert(RETAG_TAGS.to_owned(), tags.join(" "));
        train_p
    } else {
        train_in.iter().map(|(_, o)| o.clone()).collect()
    };
    let mut relations: Vec<u16> = Vec::new();
    let mut samples = Vec::with_capacity(train.len());
    let (mut mapped, mut lifted, mut tokens) = (0usize, 0usize, 0usize);
    for ((s, (attrs, ours)), p) in train.iter().zip(&train_in).zip(&train_p) {
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
        sentence_nodes(attrs, ours, p, &mut nodes);
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
    if retag_rows.is_empty() != (opts.groups & groups::RETAG == 0)
        || meta
            .get(RETAG_TAGS)
            .is_some_and(|t| t.split(' ').count() > names.len())
    {
        return Err(Error::usage(
            "the retagger needs training tags, and no more tags than transitions",
        ));
    }
    meta.insert("provenance".to_owned(), opts.provenance.clone());
    if opts.beam > 1 {
        meta.insert(BEAM.to_owned(), opts.beam.to_string());
    }
    meta.insert("train_sentences".to_owned(), samples.len().to_string());
    meta.insert("train_tokens".to_owned(), tokens.to_string());
    let build = |w: &Weights, epoch: usize| -> Result<Parser> {
        let mut meta = meta.clone();
        meta.insert("epochs".to_owned(), epoch.to_string());
        let mut rows = w.averaged();
        rows.extend(retag_rows.iter().cloned());
        let model = Model::from_rows(
            TaggerKind::Parser,
            feature_set(opts.groups),
            lex.word_fingerprint(),
            names.clone(),
            &rows,
            meta,
        )?;
        Parser::from_model(if opts.prune > 0 {
            model.pruned(opts.prune)?
        } else {
            model
        })
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
    let mut bt = BeamTraining::default();
    let mut scores = vec![0i32; actions.len()];
    let mut parser = None;
    for epoch in 0..opts.epochs {
        rng.shuffle(&mut order);
        let explore = epoch >= opts.explore_after && opts.explore > 0.0 && !opts.static_oracle;
        let (mut steps, mut wrong) = (0usize, 0usize);
        for &i in order.iter().filter(|_| opts.beam > 1) {
            let s = &samples[i];
            let (st, wr) = beam_update(&mut w, &mut bt, s, &actions, root, opts);
            steps += st;
            wrong += wr;
        }
        for &i in order.iter().filter(|_| opts.beam <= 1 || opts.greedy_too) {
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
        let what = if opts.beam > 1 && !opts.greedy_too {
            "sentences updated"
        } else if opts.beam > 1 {
            "sentences and transitions updated"
        } else {
            "training transitions wrong"
        };
        let mut line = format!(
            "epoch {:>2}: {:.2}% of {steps} {what}; dev UAS {:.2} LAS {:.2} (all tokens, beam {})",
            epoch + 1,
            100.0 * wrong as f64 / steps.max(1) as f64,
            scores.all.uas(),
            scores.all.las(),
            opts.beam.max(1)
        );
        if opts.beam > 1 && opts.greedy_too {
            let greedy = score_all(dev, &parse_all(&p, dev, &dev_tags, 1));
            line.push_str(&format!(
                "; greedy UAS {:.2} LAS {:.2}",
                greedy.all.uas(),
                greedy.all.las()
            ));
        }
        log(line);
        parser = Some(p);
    }
    match parser {
        Some(p) => Ok(p),
        None => build(&w, 0),
    }
}

/// Buffers for beam training.
#[derive(Default)]
struct BeamTraining {
    beam: Beam,
    gold: Vec<u16>,
    pred: Vec<u16>,
    gold_scores: Vec<i64>,
    keys: Vec<u64>,
    scores: Vec<i32>,
    cg: Config,
    cp: Config,
}

/// The training weights, scoring every key of each configuration.
struct WeightScorer<'a> {
    w: &'a Weights,
    keys: &'a mut Vec<u64>,
}

impl ConfigScorer for WeightScorer<'_> {
    fn score(
        &mut self,
        configs: &[&Config],
        nodes: &[Node],
        groups: u32,
        width: usize,
        out: &mut Vec<i32>,
    ) {
        out.clear();
        out.resize(configs.len() * width, 0);
        for (c, row) in configs.iter().zip(out.chunks_exact_mut(width.max(1))) {
            config_keys(c, nodes, groups, self.keys);
            self.w.score(self.keys, row);
        }
    }
}

/// One sentence of max-violation training: beam search with the current weights, then,
/// at the step where the best item beats the gold prefix by the most, the perceptron
/// update between the two prefixes. Returns (1, 1 if updated).
fn beam_update(
    w: &mut Weights,
    b: &mut BeamTraining,
    s: &Sample,
    actions: &[Action],
    root: u16,
    opts: &TrainOptions,
) -> (usize, usize) {
    let n = s.nodes.len() - 2;
    // The gold sequence and its running scores.
    b.gold.clear();
    b.gold_scores.clear();
    b.cg.reset(n);
    let mut total = 0i64;
    while !b.cg.is_terminal() {
        let a = b.cg.static_oracle(&s.gold);
        let Some(ai) = actions.iter().position(|&x| x == a) else {
            return (1, 0);
        };
        config_keys(&b.cg, &s.nodes, opts.groups, &mut b.keys);
        b.scores.clear();
        b.scores.resize(actions.len(), 0);
        w.score(&b.keys, &mut b.scores);
        total += i64::from(b.scores[ai]);
        b.gold.push(ai as u16);
        b.gold_scores.push(total);
        b.cg.apply(a);
    }
    let mut keys = Vec::new();
    let mut scorer = WeightScorer { w, keys: &mut keys };
    b.beam.search(
        &mut scorer,
        &s.nodes,
        opts.groups,
        actions,
        root,
        opts.beam,
        Some(&b.gold),
    );
    // The step where the best item, not the gold prefix, beats it by the most (ties: the
    // latest, so a sentence wrong only at the end still gets its update).
    let mut worst: Option<(i64, usize)> = None;
    for t in 0..b.beam.steps().min(b.gold_scores.len()) {
        if let Some((score, _, false)) = b.beam.best_at(t) {
            let v = score - b.gold_scores[t];
            if worst.is_none_or(|(wv, _)| v >= wv) {
                worst = Some((v, t));
            }
        }
    }
    let Some((_, t)) = worst else {
        w.time += 1;
        return (1, 0);
    };
    let Some((_, hist, _)) = b.beam.best_at(t) else {
        return (1, 0);
    };
    let mut pred = std::mem::take(&mut b.pred);
    b.beam.history(hist, &mut pred);
    let gold = &b.gold[..=t.min(b.gold.len() - 1)];
    b.cg.reset(n);
    b.cp.reset(n);
    let mut same = true;
    for (&g, &p) in gold.iter().zip(&pred) {
        same &= g == p;
        if !same {
            config_keys(&b.cg, &s.nodes, opts.groups, &mut b.keys);
            w.update(&b.keys, usize::from(g), 1);
            config_keys(&b.cp, &s.nodes, opts.groups, &mut b.keys);
            w.update(&b.keys, usize::from(p), -1);
        }
        b.cg.apply(actions[usize::from(g)]);
        b.cp.apply(actions[usize::from(p)]);
    }
    b.pred = pred;
    w.time += 1;
    (1, 1)
}

/// Parses `sentences` (with `tags`, one list per sentence) with the beam the parser was
/// trained for and scores them against their gold trees.
pub fn evaluate(
    parser: &Parser,
    sentences: &[ConlluSentence],
    tags: &[Vec<&str>],
) -> AttachmentScores {
    score_all(
        sentences,
        &parse_all(parser, sentences, tags, parser.trained_beam()),
    )
}

/// Parses `sentences` (with `tags`, one list per sentence) with beam `width`.
pub fn parse_all(
    parser: &Parser,
    sentences: &[ConlluSentence],
    tags: &[Vec<&str>],
    width: usize,
) -> Vec<DepTree> {
    sentences
        .iter()
        .zip(tags)
        .map(|(s, t)| parser.parse_beam(&s.word_refs(), t, width))
        .collect()
}

/// Scores parses against the sentences' gold trees.
pub fn score_all(sentences: &[ConlluSentence], trees: &[DepTree]) -> AttachmentScores {
    let mut scores = AttachmentScores::default();
    for (s, t) in sentences.iter().zip(trees) {
        score_sentence(s, t, &mut scores);
    }
    scores
}
