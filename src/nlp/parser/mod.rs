//! A transition-based dependency parser: arc-hybrid transitions scored by an averaged
//! perceptron over Zhang & Nivre's rich features, decoded greedily in linear time.
//!
//! Input is a sentence's words and our POS tagger's Penn tags; output is a [`DepTree`] with
//! full UD relations. [`Parser::parse`] is greedy; [`Parser::parse_beam`] searches a beam. The model (`data/models/parser.model`) uses the taggers' model file
//! and weight table; its "labels" are the transitions (`SHIFT`, `L:nsubj`, `R:obj`, ...).

mod beam;
pub mod conllu;
pub mod eval;
pub mod features;
mod retag;
pub mod system;
pub mod train;
pub mod tree;

use std::cell::RefCell;
use std::sync::OnceLock;

use self::features::{
    FEATURE_VERSION, Node, POSITIONS, context_keys, groups, node_keys, position_nodes,
    sentence_nodes, tag_hash, word_attrs_all,
};
use self::system::{Action, Config, Move, ROOT};
use crate::error::{Error, Result};
use crate::nlp::features::TokenAttrs;
use crate::nlp::lexicon::Lexicon;
use crate::nlp::modelfile::{Model, TaggerKind};
use crate::nlp::perceptron::SentenceFeatures;

pub use conllu::{Conllu, ConlluSentence};
pub use tree::DepTree;

static BUILTIN: &[u8] = include_bytes!("../../../data/models/parser.model");

/// The name of a transition in the model file.
pub(crate) fn action_name(a: Action) -> String {
    let rel = tree::relation(a.label).unwrap_or("dep");
    match a.mv {
        Move::Shift => "SHIFT".to_owned(),
        Move::Left => format!("L:{rel}"),
        Move::Right => format!("R:{rel}"),
    }
}

fn parse_action(name: &str) -> Option<Action> {
    if name == "SHIFT" {
        return Some(Action {
            mv: Move::Shift,
            label: 0,
        });
    }
    let (mv, rel) = name.split_once(':')?;
    let mv = match mv {
        "L" => Move::Left,
        "R" => Move::Right,
        _ => return None,
    };
    Some(Action {
        mv,
        label: tree::relation_id(rel)?,
    })
}

/// The id of the root relation.
pub(crate) fn root_label() -> u16 {
    tree::relation_id("root").unwrap_or(0)
}

/// A loaded parser model.
#[derive(Debug)]
pub struct Parser {
    model: Model,
    actions: Vec<Action>,
    groups: u32,
    lexicon: &'static Lexicon,
    root: u16,
    /// The hashes of the retagger's tags (empty without one).
    retags: Vec<u64>,
    /// The beam width the model was trained for (1: greedy only).
    beam: usize,
}

/// The metadata key holding the beam width a model was trained for.
pub(crate) const BEAM: &str = "beam";

/// The metadata key listing the retagger's tags, space-separated, in id order.
pub(crate) const RETAG_TAGS: &str = "retag_tags";

/// Reusable buffers for parsing.
#[derive(Default)]
pub(crate) struct Scratch {
    buf: String,
    nodes: Vec<Node>,
    attrs: Vec<TokenAttrs>,
    ours: Vec<u64>,
    tags: Vec<u64>,
    ids: Vec<u16>,
    config: Config,
    scores: Vec<i32>,
    beam: beam::Beam,
    cache: NodeCache,
    retag: retag::RetagScratch,
}

/// Summed weights of each node's [`node_keys`] at each position, filled as a parse first
/// needs them: a node keeps its position over several steps (and across beam items), so
/// most of these keys are looked up once per sentence instead of once per step.
#[derive(Default)]
pub(crate) struct NodeCache {
    width: usize,
    filled: Vec<bool>,
    sums: Vec<i32>,
    feats: SentenceFeatures<u64>,
    /// The (node, position) slots being summed in the current step.
    pending: Vec<usize>,
    rows: Vec<i32>,
}

impl NodeCache {
    fn reset(&mut self, nodes: usize, width: usize) {
        self.width = width;
        self.filled.clear();
        self.filled.resize(nodes * POSITIONS, false);
        self.sums.resize(nodes * POSITIONS * width, 0);
    }
}

/// The model with a sentence's node cache: scores configurations as the sum of their
/// context keys' weights and the cached node sums (equal to scoring all their keys).
pub(crate) struct CachedScorer<'a> {
    model: &'a Model,
    cache: &'a mut NodeCache,
}

impl beam::ConfigScorer for CachedScorer<'_> {
    fn score(
        &mut self,
        configs: &[&Config],
        nodes: &[Node],
        groups: u32,
        width: usize,
        out: &mut Vec<i32>,
    ) {
        let c = &mut *self.cache;
        let none = nodes.len().saturating_sub(1);
        // One pipelined pass over the table: each configuration's context keys, then the
        // node keys of every (node, position) no earlier step has summed.
        c.feats.clear();
        for cfg in configs {
            context_keys(cfg, nodes, groups, &mut c.feats.keys);
            c.feats.end_token();
        }
        c.pending.clear();
        for cfg in configs {
            for (pos, &x) in position_nodes(cfg).iter().enumerate() {
                let node = (x as usize).min(none);
                let i = node * POSITIONS + pos;
                if c.filled.get(i) == Some(&false) {
                    c.filled[i] = true;
                    c.pending.push(i);
                    node_keys(&nodes[node], pos, groups, &mut c.feats.keys);
                    c.feats.end_token();
                }
            }
        }
        c.rows.clear();
        c.rows.resize(c.feats.len() * width, 0);
        self.model.add_feature_rows(&c.feats, &mut c.rows);
        let found = c.rows.get(configs.len() * width..).unwrap_or_default();
        for (&i, row) in c.pending.iter().zip(found.chunks_exact(width.max(1))) {
            if let Some(sum) = c.sums.get_mut(i * width..(i + 1) * width) {
                sum.copy_from_slice(row);
            }
        }
        out.clear();
        out.extend_from_slice(c.rows.get(..configs.len() * width).unwrap_or_default());
        for (cfg, row) in configs.iter().zip(out.chunks_exact_mut(width.max(1))) {
            for (pos, &x) in position_nodes(cfg).iter().enumerate() {
                let i = (x as usize).min(none) * POSITIONS + pos;
                if let Some(sum) = c.sums.get(i * width..(i + 1) * width) {
                    for (r, &v) in row.iter_mut().zip(sum) {
                        *r += v;
                    }
                }
            }
        }
    }
}

impl Parser {
    /// The embedded model (data/models/parser.model), loaded once per process.
    pub fn builtin() -> Result<&'static Parser> {
        static CELL: OnceLock<std::result::Result<Parser, String>> = OnceLock::new();
        CELL.get_or_init(|| {
            Parser::from_bytes(BUILTIN).map_err(|e| format!("bundled parser model: {e}"))
        })
        .as_ref()
        .map_err(|e| Error::model(e.clone()))
    }

    /// A model from bytes (checked: magic, version, checksum, invariants).
    pub fn from_bytes(bytes: &[u8]) -> Result<Parser> {
        Parser::from_model(Model::from_bytes(bytes, TaggerKind::Parser)?)
    }

    /// A parser around a checked model: its feature version and word resources must be
    /// this build's, and its transitions must let every sentence be parsed to the end.
    pub fn from_model(model: Model) -> Result<Parser> {
        if model.kind != TaggerKind::Parser {
            return Err(Error::model(format!(
                "expected a parser model, found a {} model",
                model.kind.name()
            )));
        }
        let lexicon = Lexicon::builtin();
        let version = model.feature_set >> 16;
        if version != FEATURE_VERSION {
            return Err(Error::model(format!(
                "parser model uses feature version {version}, this build extracts version {FEATURE_VERSION}; retrain it"
            )));
        }
        let groups = model.feature_set & 0xffff;
        model.check_features(model.feature_set, lexicon.word_fingerprint())?;
        let actions = model
            .labels
            .iter()
            .map(|l| {
                parse_action(l)
                    .ok_or_else(|| Error::model(format!("unknown parser transition {l:?}")))
            })
            .collect::<Result<Vec<Action>>>()?;
        let root = root_label();
        let has = |mv: Move, root_ok: bool| {
            actions
                .iter()
                .any(|a| a.mv == mv && (mv == Move::Shift || (a.label == root) == root_ok))
        };
        if !(has(Move::Shift, false) && has(Move::Right, true) && has(Move::Right, false)) {
            return Err(Error::model(
                "a parser model needs SHIFT, R:root and another right attachment",
            ));
        }
        let retags: Vec<u64> = if groups & groups::RETAG != 0 {
            let tags: Vec<u64> = model
                .meta
                .get(RETAG_TAGS)
                .map(|t| {
                    t.split(' ')
                        .filter(|t| !t.is_empty())
                        .map(tag_hash)
                        .collect()
                })
                .unwrap_or_default();
            if tags.is_empty() || tags.len() > actions.len() {
                return Err(Error::model(format!(
                    "a parser model with a retagger needs 1 to {} retagger tags, it lists {}",
                    actions.len(),
                    tags.len()
                )));
            }
            tags
        } else {
            Vec::new()
        };
        let beam = match model.meta.get(BEAM) {
            None => 1,
            Some(b) => match b.parse::<usize>() {
                Ok(b @ 1..=256) => b,
                _ => return Err(Error::model(format!("beam width {b:?} is not 1 to 256"))),
            },
        };
        Ok(Parser {
            model,
            actions,
            groups,
            lexicon,
            root,
            retags,
            beam,
        })
    }

    /// The model file's bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        self.model.to_bytes()
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// The same parser without weights smaller than `min_abs` quantised units.
    pub fn pruned(&self, min_abs: i16) -> Result<Parser> {
        Parser::from_model(self.model.pruned(min_abs)?)
    }

    /// Parses one sentence. `words` are the token texts, `tags` their Penn POS tags
    /// (as produced by our POS model, e.g. "NNP", "VBD"); equal lengths; may be empty.
    /// Never panics; work is linear in the sentence length (greedy) or beam × length.
    pub fn parse(&self, words: &[&str], tags: &[&str]) -> DepTree {
        self.parse_beam(words, tags, 1)
    }

    /// [`Parser::parse`] with a beam: 1 is greedy; wider beams cost about `width` times as
    /// much and help only a model trained with a beam ([`Parser::trained_beam`]).
    pub fn parse_beam(&self, words: &[&str], tags: &[&str], width: usize) -> DepTree {
        thread_local! {
            static SCRATCH: RefCell<Scratch> = RefCell::default();
        }
        SCRATCH.with(|s| match s.try_borrow_mut() {
            Ok(mut s) => self.parse_with(words, tags, width, &mut s),
            Err(_) => self.parse_with(words, tags, width, &mut Scratch::default()),
        })
    }

    /// The beam width the model was trained for (1: greedy only); [`Parser::parse_beam`]
    /// with this width gives its best accuracy, [`Parser::parse`] its best speed.
    pub fn trained_beam(&self) -> usize {
        self.beam
    }

    fn parse_with(&self, words: &[&str], tags: &[&str], width: usize, s: &mut Scratch) -> DepTree {
        word_attrs_all(words, self.lexicon, &mut s.buf, &mut s.attrs);
        s.ours.clear();
        s.ours
            .extend((0..words.len()).map(|i| tag_hash(tags.get(i).copied().unwrap_or(""))));
        self.tag_hashes(s);
        let mut nodes = std::mem::take(&mut s.nodes);
        sentence_nodes(&s.attrs, &s.ours, &s.tags, &mut nodes);
        s.cache.reset(nodes.len(), self.actions.len());
        let result = if width > 1 {
            let mut scorer = CachedScorer {
                model: &self.model,
                cache: &mut s.cache,
            };
            s.beam.search(
                &mut scorer,
                &nodes,
                self.groups,
                &self.actions,
                self.root,
                width,
                None,
            );
            &s.beam.result
        } else {
            self.parse_nodes(&nodes, s);
            &s.config
        };
        s.nodes = nodes;
        let (heads, labels) = result.arcs();
        let heads: Vec<u32> = heads
            .iter()
            .skip(1)
            .map(|&h| if h == ROOT { u32::MAX } else { h - 1 })
            .collect();
        DepTree::from_ids(
            &heads,
            labels
                .iter()
                .skip(1)
                .map(|&l| tree::relation(l).unwrap_or("dep")),
        )
    }

    /// The tags the templates read, into `s.tags`: the retagger's given `s.attrs` and
    /// `s.ours`, or ours without a retagger.
    fn tag_hashes(&self, s: &mut Scratch) {
        s.tags.clear();
        if self.retags.is_empty() {
            s.tags.extend_from_slice(&s.ours);
            return;
        }
        retag::retag_model(
            &s.attrs,
            &s.ours,
            self.retags.len(),
            &self.model,
            &mut s.retag,
            &mut s.ids,
        );
        let retags = &self.retags;
        s.tags.extend(
            s.ids
                .iter()
                .map(|&t| retags.get(usize::from(t)).copied().unwrap_or(0)),
        );
    }

    /// Runs the transitions greedily over `nodes` (from [`sentence_nodes`]); the result is
    /// left in `s.config`.
    pub(crate) fn parse_nodes(&self, nodes: &[Node], s: &mut Scratch) {
        let n = nodes.len().saturating_sub(2);
        s.config.reset(n);
        let width = self.actions.len();
        let mut scorer = CachedScorer {
            model: &self.model,
            cache: &mut s.cache,
        };
        while !s.config.is_terminal() {
            beam::ConfigScorer::score(
                &mut scorer,
                &[&s.config],
                nodes,
                self.groups,
                width,
                &mut s.scores,
            );
            let c = &s.config;
            let legal = Legal::of(c);
            let mut best: Option<(i32, usize)> = None;
            for (i, (&a, &v)) in self.actions.iter().zip(&s.scores).enumerate() {
                if legal.allows(a, self.root) && best.is_none_or(|(b, _)| v > b) {
                    best = Some((v, i));
                }
            }
            let next = match best {
                Some((_, i)) => self.actions[i],
                // Unreachable with a checked model; finish the tree rather than loop.
                None => fallback(c, self.root),
            };
            s.config.apply(next);
        }
    }
}

impl retag::Scorer for Model {
    fn add(&self, keys: &[u64], scores: &mut [i32]) {
        for &k in keys {
            self.add_feature(k, scores);
        }
    }
}

/// A legal action when the model has none (only with a model lacking transitions).
fn fallback(c: &Config, root: u16) -> Action {
    if !c.buffer_empty() {
        Action {
            mv: Move::Shift,
            label: 0,
        }
    } else {
        let label = if c.s(1) == ROOT {
            root
        } else {
            tree::relation_id("dep").unwrap_or(0)
        };
        Action {
            mv: Move::Right,
            label,
        }
    }
}

/// Which moves a configuration allows, computed once per step.
#[derive(Clone, Copy)]
pub(crate) struct Legal {
    shift: bool,
    left: bool,
    right: bool,
    right_root: bool,
}

impl Legal {
    pub(crate) fn of(c: &Config) -> Legal {
        Legal {
            shift: c.allows(Move::Shift, false),
            left: c.allows(Move::Left, false),
            right: c.allows(Move::Right, false),
            right_root: c.allows(Move::Right, true),
        }
    }

    #[inline]
    pub(crate) fn allows(self, a: Action, root: u16) -> bool {
        match a.mv {
            Move::Shift => self.shift,
            Move::Left => self.left && a.label != root,
            Move::Right if a.label == root => self.right_root,
            Move::Right => self.right,
        }
    }
}

#[cfg(test)]
mod tests;
