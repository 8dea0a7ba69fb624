//! Who is hostile or friendly toward whom: directed, signed relations between mentions.
//!
//! Two halves, combined: transparent rules over a CAMEO-derived lexicon ([`rules`],
//! [`lexicon`]) and a classifier trained on the DSE corpus ([`classifier`]) that takes the
//! rules' findings as features. Rules give categories, cues and reported-speech sources;
//! the classifier decides, for each pair of actors in a sentence, whether and which way.

pub mod classifier;
pub mod clause;
pub mod dse;
pub mod gold;
pub mod lexicon;
pub mod mlp;
pub mod rules;
pub mod speech;

use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;

use crate::error::Result;
use crate::model::{Document, EntityId, EntityType, Polarity, Span, StanceRelation};

pub use classifier::{Mode, StanceModel, TrainOptions};
pub use lexicon::Lexicon;
pub use mlp::MlpOptions;
use rules::{Actor, Finding, SentenceView, Source};

/// Sentences with more actors than this are judged by the rules alone: pairs grow
/// quadratically and such sentences are lists, where the classifier has little to say.
const MAX_MODEL_ACTORS: usize = 12;

/// The classifier adds a relation the rules did not find only above this probability.
const MODEL_MIN_PROBABILITY: f32 = 0.8;

/// Words of the text between a pair kept as the cue of a classifier-only relation.
const MODEL_CUE_WORDS: usize = 8;

/// How far back (in sentences) "he"/"she" looks for the person it stands for.
const PRONOUN_REACH: usize = 3;

/// Finds stance relations in extracted documents: lexicon + rules + (optionally) the model.
#[derive(Clone, Debug)]
pub struct StanceFinder {
    lexicon: Lexicon,
    model: Option<StanceModel>,
}

impl StanceFinder {
    /// The embedded lexicon and model.
    pub fn builtin() -> Result<StanceFinder> {
        Ok(StanceFinder {
            lexicon: Lexicon::builtin()?,
            model: Some(StanceModel::builtin()?),
        })
    }

    /// The embedded lexicon and no model: rule findings only.
    pub fn rules_only() -> Result<StanceFinder> {
        Ok(StanceFinder {
            lexicon: Lexicon::builtin()?,
            model: None,
        })
    }

    pub fn new(lexicon: Lexicon, model: Option<StanceModel>) -> StanceFinder {
        StanceFinder { lexicon, model }
    }

    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Whether a sentence (lower-cased words) holds a word a relation can hang on: a stance
    /// cue, a speech verb or a quotation mark. Sentences without one are not parsed.
    pub fn worth_parsing(&self, words: &[&str]) -> bool {
        (0..words.len()).any(|i| {
            let w = words[i];
            matches!(w, "\"" | "“" | "”" | "according")
                || crate::extract::quotes::is_speech_verb(w)
                || self.lexicon.longest_at(&words[i..]).is_some()
        })
    }

    /// Every stance relation of the document, in (sentence, source span, target span) order.
    ///
    /// Parsed documents get clause relations from the dependency trees and speech
    /// relations from their quotes; without trees (no models) the word-list rules and the
    /// classifier stand in.
    pub fn find(&self, doc: &Document) -> Vec<StanceRelation> {
        let mut out = if doc.trees.iter().any(Option::is_some) {
            self.find_parsed(doc)
        } else {
            self.find_unparsed(doc)
        };
        out.sort_by(|a, b| {
            (
                a.sentence,
                a.source_span,
                a.target_span,
                &a.source,
                &a.target,
            )
                .cmp(&(
                    b.sentence,
                    b.source_span,
                    b.target_span,
                    &b.source,
                    &b.target,
                ))
                .then(a.cue_span.cmp(&b.cue_span))
        });
        // one relation per pair and sentence: the strongest stance wins
        let mut best: BTreeMap<(usize, EntityId, EntityId), usize> = BTreeMap::new();
        for (i, r) in out.iter().enumerate() {
            let key = (r.sentence, r.source.clone(), r.target.clone());
            let strength = |r: &StanceRelation| {
                (
                    r.polarity != Polarity::Neutral,
                    (r.intensity.abs() * 100.0) as i64,
                )
            };
            match best.get(&key) {
                Some(&j) if strength(&out[j]) >= strength(r) => {}
                _ => {
                    best.insert(key, i);
                }
            }
        }
        let keep: std::collections::BTreeSet<usize> = best.into_values().collect();
        out.into_iter()
            .enumerate()
            .filter(|(i, _)| keep.contains(i))
            .map(|(_, r)| r)
            .collect()
    }

    fn find_parsed(&self, doc: &Document) -> Vec<StanceRelation> {
        let text = &doc.article.text;
        let dateline = doc.article.dateline.map(|d| d.span);
        let mut out = Vec::new();
        for (s, tree) in doc.trees.iter().enumerate() {
            let (Some(tree), Some(sentence)) = (tree, doc.sentences.get(s)) else {
                continue;
            };
            let Some(toks) = doc.tokens.get(sentence.tokens.clone()) else {
                continue;
            };
            let Some(tags) = doc.pos.get(sentence.tokens.clone()) else {
                continue;
            };
            let gazetteer = crate::extract::Gazetteer::builtin();
            // actors: mentions and resolved references, by token
            let mut ids: Vec<EntityId> = Vec::new();
            let mut actors: Vec<clause::Actor> = Vec::new();
            let mut spans: Vec<Span> = Vec::new();
            let mut place = |span: Span,
                             entity: &EntityId,
                             etype: EntityType,
                             metonymic: bool,
                             reference: bool| {
                if dateline.is_some_and(|d| d.start <= span.start && span.end <= d.end) {
                    return;
                }
                let Some(range) = covering(toks, span) else {
                    return;
                };
                let e = match ids.iter().position(|x| x == entity) {
                    Some(i) => i,
                    None => {
                        ids.push(entity.clone());
                        ids.len() - 1
                    }
                };
                // state bodies only: parties and armed groups do oppose their country
                let home = (etype == EntityType::Organization)
                    .then(|| gazetteer.get(entity))
                    .flatten()
                    .filter(|g| matches!(g.kind.as_str(), "government" | "military" | "court"))
                    .and_then(|g| g.country.clone())
                    .map(|c| match ids.iter().position(|x| *x == c) {
                        Some(i) => i,
                        None => {
                            ids.push(c);
                            ids.len() - 1
                        }
                    });
                actors.push(clause::Actor {
                    tokens: range,
                    entity: e,
                    etype,
                    metonymic,
                    reference,
                    outlet: doc.outlets.contains(entity),
                    home,
                });
                spans.push(span);
            };
            for m in doc.mentions.iter().filter(|m| m.sentence == s) {
                place(m.span, &m.entity, m.etype, m.metonymic, false);
            }
            for r in doc.references.iter().filter(|r| r.sentence == s) {
                let etype = doc
                    .entities
                    .iter()
                    .find(|e| e.id == r.entity)
                    .map_or(EntityType::Organization, |e| e.etype);
                place(r.span, &r.entity, etype, false, true);
            }
            if actors.len() < 2 {
                continue;
            }
            let view = clause::ClauseView {
                words: toks
                    .iter()
                    .map(|t| rules::normalize_word(t.span.slice(text)))
                    .collect(),
                tags,
                tree,
                actors,
            };
            for r in clause::relations(&view, &self.lexicon) {
                let cue_span =
                    Span::new(toks[r.cue.start].span.start, toks[r.cue.end - 1].span.end);
                out.push(StanceRelation {
                    article: doc.article.id.clone(),
                    sentence: s,
                    source: ids[view.actors[r.source].entity].clone(),
                    source_span: spans[r.source],
                    target: ids[view.actors[r.target].entity].clone(),
                    target_span: spans[r.target],
                    polarity: r.polarity,
                    intensity: r.intensity,
                    category: r.category,
                    cue: cue_span.slice(text).to_string(),
                    cue_span,
                });
            }
        }
        let already: Vec<(usize, EntityId, EntityId)> = out
            .iter()
            .map(|r| (r.sentence, r.source.clone(), r.target.clone()))
            .collect();
        for r in speech::relations(doc, &already) {
            if r.source == r.target {
                continue;
            }
            out.push(StanceRelation {
                article: doc.article.id.clone(),
                sentence: r.sentence,
                source: r.source,
                source_span: r.source_span,
                target: r.target,
                target_span: r.target_span,
                polarity: r.polarity,
                intensity: r.intensity,
                category: r.category.to_string(),
                cue: r.cue.slice(text).to_string(),
                cue_span: r.cue,
            });
        }
        out
    }

    /// The word-list rules (and the classifier) over sentences without trees.
    fn find_unparsed(&self, doc: &Document) -> Vec<StanceRelation> {
        let mut out = Vec::new();
        let mut by_sentence: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
        for (i, m) in doc.mentions.iter().enumerate() {
            by_sentence.entry(m.sentence).or_default().push(i);
        }
        for (&s, mentions) in &by_sentence {
            let Some(sentence) = doc.sentences.get(s) else {
                continue;
            };
            let Some(built) = build_view(doc, sentence.tokens.clone(), mentions) else {
                continue;
            };
            let findings = rules::analyze(&built.view, &self.lexicon);
            let decided = match &self.model {
                Some(model)
                    if model.uses_rules() && built.view.actors.len() <= MAX_MODEL_ACTORS =>
                {
                    combine(&built.view, &findings, model, &self.lexicon)
                }
                _ => findings,
            };
            for f in decided {
                if let Some(mut rel) = self.relation(doc, s, &built, &f) {
                    if rel.category == "consult" || rel.category == "appeal" {
                        rel.polarity = Polarity::Neutral;
                    }
                    out.push(rel);
                }
            }
        }
        out
    }

    fn relation(
        &self,
        doc: &Document,
        sentence: usize,
        built: &BuiltView,
        f: &Finding,
    ) -> Option<StanceRelation> {
        let sent = doc.sentences.get(sentence)?;
        let token_span = |t: usize| doc.tokens.get(sent.tokens.start + t).map(|t| t.span);
        let target_m = &doc.mentions[*built.mentions.get(f.target)?];
        let (source, source_span) = match f.source {
            Source::Actor(a) => {
                let m = &doc.mentions[*built.mentions.get(a)?];
                (m.entity.clone(), m.span)
            }
            Source::Pronoun(t) => {
                let span = token_span(t)?;
                (resolve_pronoun(doc, sentence, span.start)?, span)
            }
            Source::Unnamed(_) => return None,
        };
        if source == target_m.entity {
            return None;
        }
        let cue_span = match (
            token_span(f.cue.start),
            f.cue.end.checked_sub(1).and_then(token_span),
        ) {
            (Some(a), Some(b)) if a.start <= b.end => Span::new(a.start, b.end),
            _ => Span::new(target_m.span.start, target_m.span.start),
        };
        Some(StanceRelation {
            article: doc.article.id.clone(),
            sentence,
            source,
            source_span,
            target: target_m.entity.clone(),
            target_span: target_m.span,
            polarity: f.polarity,
            intensity: f.intensity,
            category: f.category.clone(),
            cue: cue_span.slice(&doc.article.text).to_string(),
            cue_span,
        })
    }
}

/// One endpoint of a relation as printed by `newsgraph stance`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Endpoint {
    pub id: EntityId,
    pub name: String,
    /// Byte span `[start, end)` of the mention in the article text.
    pub span: [usize; 2],
}

/// A relation with what a reader needs to check it: names, spans and the sentence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RelationRecord {
    pub article: String,
    pub sentence: usize,
    pub source: Endpoint,
    pub target: Endpoint,
    pub polarity: Polarity,
    pub intensity: f32,
    pub category: String,
    pub cue: String,
    pub cue_span: [usize; 2],
    pub text: String,
}

impl RelationRecord {
    /// Names come from the document's entities, else from the mention text.
    pub fn new(doc: &Document, rel: &StanceRelation) -> RelationRecord {
        let name = |id: &EntityId, span: Span| {
            doc.entities
                .iter()
                .find(|e| &e.id == id)
                .map(|e| e.name.clone())
                .unwrap_or_else(|| span.slice(&doc.article.text).to_string())
        };
        RelationRecord {
            article: rel.article.clone(),
            sentence: rel.sentence,
            source: Endpoint {
                id: rel.source.clone(),
                name: name(&rel.source, rel.source_span),
                span: [rel.source_span.start, rel.source_span.end],
            },
            target: Endpoint {
                id: rel.target.clone(),
                name: name(&rel.target, rel.target_span),
                span: [rel.target_span.start, rel.target_span.end],
            },
            polarity: rel.polarity,
            intensity: rel.intensity,
            category: rel.category.clone(),
            cue: rel.cue.clone(),
            cue_span: [rel.cue_span.start, rel.cue_span.end],
            text: doc.sentence_text(rel.sentence).to_string(),
        }
    }
}

/// Stance relations of `doc`, decided by the rules and `model` together. It parses the
/// embedded lexicon and clones the model on each call: for many documents build one
/// [`StanceFinder`] and call [`StanceFinder::find`].
pub fn find_relations(doc: &Document, model: &StanceModel) -> Result<Vec<StanceRelation>> {
    let finder = StanceFinder::new(Lexicon::builtin()?, Some(model.clone()));
    Ok(finder.find(doc))
}

/// The tokens of `toks` that a byte span covers.
fn covering(toks: &[crate::model::Token], span: Span) -> Option<Range<usize>> {
    let a = toks.iter().position(|t| t.span.end > span.start)?;
    let mut b = a;
    while b < toks.len() && toks[b].span.start < span.end {
        b += 1;
    }
    (a < b).then_some(a..b)
}

/// A sentence's view plus, for each actor, the index of its mention in the document.
struct BuiltView {
    view: SentenceView,
    mentions: Vec<usize>,
}

fn build_view(doc: &Document, tokens: Range<usize>, mentions: &[usize]) -> Option<BuiltView> {
    let toks = doc.tokens.get(tokens.clone())?;
    let raw: Vec<&str> = toks
        .iter()
        .map(|t| t.span.slice(&doc.article.text))
        .collect();
    let words = raw.iter().map(|w| rules::normalize_word(w)).collect();
    let names = rules::name_flags(&raw);
    let mut placed: Vec<(Range<usize>, usize)> = Vec::new();
    for &m in mentions {
        let span = doc.mentions[m].span;
        let Some(range) = dse::covering_tokens(toks, &doc.article.text, span) else {
            continue;
        };
        placed.push((range, m));
    }
    placed.sort_by_key(|(r, m)| (r.start, std::cmp::Reverse(r.end), *m));
    // overlapping mentions: keep the first (longest at a position)
    let mut kept: Vec<(Range<usize>, usize)> = Vec::new();
    for (r, m) in placed {
        if kept.last().is_none_or(|(k, _)| k.end <= r.start) {
            kept.push((r, m));
        }
    }
    let mut ids: Vec<&EntityId> = Vec::new();
    let mut actors = Vec::with_capacity(kept.len());
    let mut idx = Vec::with_capacity(kept.len());
    for (r, m) in kept {
        let mention = &doc.mentions[m];
        let entity = match ids.iter().position(|e| **e == mention.entity) {
            Some(i) => i,
            None => {
                ids.push(&mention.entity);
                ids.len() - 1
            }
        };
        actors.push(Actor {
            tokens: r,
            entity,
            person: mention.etype == EntityType::Person,
        });
        idx.push(m);
    }
    Some(BuiltView {
        view: SentenceView {
            words,
            actors,
            names,
        },
        mentions: idx,
    })
}

/// "he"/"she" at byte `at`: the most recent person mentioned before it, in this sentence or
/// the few before.
fn resolve_pronoun(doc: &Document, sentence: usize, at: usize) -> Option<EntityId> {
    doc.mentions
        .iter()
        .filter(|m| {
            m.etype == EntityType::Person
                && m.span.end <= at
                && m.sentence <= sentence
                && m.sentence + PRONOUN_REACH >= sentence
        })
        .max_by_key(|m| m.span.start)
        .map(|m| m.entity.clone())
}

/// Rules first, the classifier second: rule findings stand (they carry a cue, a category
/// and reported-speech sources, and their precision on news prose is higher than the
/// classifier's on unseen sentences); the classifier adds a relation for a pair the rules
/// left without a polar finding, when it is confident.
fn combine(
    view: &SentenceView,
    findings: &[Finding],
    model: &StanceModel,
    lexicon: &Lexicon,
) -> Vec<Finding> {
    let mut out: Vec<Finding> = findings.to_vec();
    let hits = classifier::cue_hits(view, lexicon);
    if hits.is_empty() {
        // without a single cue word the classifier has nothing to go on but word identity
        return out;
    }
    let n = view.actors.len();
    for first in 0..n {
        for second in first + 1..n {
            if view.actors[first].entity == view.actors[second].entity {
                continue;
            }
            let polar = findings.iter().any(|f| {
                f.polarity != Polarity::Neutral
                    && ((f.source == Source::Actor(first) && f.target == second)
                        || (f.source == Source::Actor(second) && f.target == first))
            });
            if polar {
                continue;
            }
            // Only pairs with a polar lexicon word between them can get a relation (below),
            // so the classifier is not run on the others.
            let (a, b) = (&view.actors[first].tokens, &view.actors[second].tokens);
            let gap = a.end.min(b.end)..a.start.max(b.start);
            let polar_between = hits.iter().any(|h| {
                gap.contains(&h.start) && h.cue.polarity != Polarity::Neutral && !h.negated
            });
            if !polar_between {
                continue;
            }
            let probs = model.predict(view, first, second, findings, &hits);
            let label = (0..probs.len())
                .max_by(|&a, &b| probs[a].total_cmp(&probs[b]))
                .unwrap_or(0);
            if probs[label] < MODEL_MIN_PROBABILITY {
                continue;
            }
            let (source, target, polarity) = match label {
                1 => (first, second, Polarity::Positive),
                2 => (second, first, Polarity::Positive),
                3 => (first, second, Polarity::Negative),
                4 => (second, first, Polarity::Negative),
                _ => continue,
            };
            let (s, t) = (&view.actors[source].tokens, &view.actors[target].tokens);
            let between = s.end.min(t.end)..s.start.max(t.start);
            // The classifier only adds a relation a reader can check: a lexicon word of the
            // same sign must stand between the two actors ("stated that" alone is no stance).
            let supported = hits
                .iter()
                .any(|h| between.contains(&h.start) && h.cue.polarity == polarity && !h.negated);
            if !supported {
                continue;
            }
            let cue = if between.is_empty() {
                t.clone()
            } else {
                between.start..between.end.min(between.start + MODEL_CUE_WORDS)
            };
            let sign = if polarity == Polarity::Positive {
                1.0
            } else {
                -1.0
            };
            out.push(Finding {
                source: Source::Actor(source),
                target,
                polarity,
                intensity: sign * (2.0 + 3.0 * probs[label]),
                category: if polarity == Polarity::Positive {
                    "approve".to_string()
                } else {
                    "disapprove".to_string()
                },
                cue,
                negated: false,
                attributed: false,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests;
