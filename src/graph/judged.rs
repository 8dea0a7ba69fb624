//! The node-judging set: mentions in real news judged by a reader (`data/eval/nodes.jsonl`,
//! protocol in `data/eval/PROTOCOL.md`), and the scores of a graph's nodes against them.
//!
//! Judgements are stored per *mention* (article, byte span, gold referent and type, or
//! junk), not per node, so that they survive changes to the system: each judged mention
//! is mapped to the node it lands in now, and each node is judged by the mentions it holds.

use std::collections::{BTreeMap, BTreeSet};

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use crate::model::{Document, EntityId, EntityType, Mention, Span};
use crate::stance::gold::{Corpus, PassageRecord};

/// What a reader said a mention is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Label {
    /// A real actor: its referent key (a QID or a canonical name) and type. `exact` is
    /// where its name is when the judged span was cut or overlong (then the judged span
    /// itself is junk).
    Entity {
        referent: String,
        etype: EntityType,
        exact: Option<Span>,
        /// A node id this referent is not (the node the mention was wrongly linked to).
        not: Option<String>,
    },
    /// Not a name, a title alone, a tag, a fragment.
    Junk,
    /// A named thing that is no actor (a law, an event, a storm).
    NotEntity,
}

/// One judged mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JudgedMention {
    pub article: String,
    pub span: Span,
    /// Sampled (its node is scored) or a witness (judged only to show a duplicate).
    pub sample: bool,
    pub label: Label,
}

/// The parsed set: its articles and judged mentions.
#[derive(Clone, Debug, Default)]
pub struct JudgedSet {
    pub articles: Vec<PassageRecord>,
    pub mentions: Vec<JudgedMention>,
}

#[derive(Deserialize)]
struct Line {
    kind: String,
    article: String,
    #[serde(default)]
    corpus: String,
    #[serde(default)]
    checksum: String,
    #[serde(default)]
    sentences: usize,
    #[serde(default)]
    span: [usize; 2],
    #[serde(default)]
    role: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    r#ref: Option<String>,
    #[serde(default)]
    r#type: Option<String>,
    #[serde(default)]
    exact: Option<[usize; 2]>,
    #[serde(default)]
    not: Option<String>,
}

fn span(place: &str, [start, end]: [usize; 2]) -> Result<Span> {
    if start >= end {
        return Err(Error::input(place, "empty or reversed span"));
    }
    Ok(Span::new(start, end))
}

impl JudgedSet {
    /// Parses the JSONL file; `origin` names it in errors.
    pub fn parse(text: &str, origin: &str) -> Result<JudgedSet> {
        let mut set = JudgedSet::default();
        for (i, raw) in text.lines().enumerate() {
            if raw.trim().is_empty() {
                continue;
            }
            let place = format!("{origin}:{}", i + 1);
            let line: Line =
                serde_json::from_str(raw).map_err(|e| Error::input(&place, e.to_string()))?;
            match line.kind.as_str() {
                "article" => set.articles.push(PassageRecord {
                    corpus: Corpus::parse(&line.corpus).ok_or_else(|| {
                        Error::input(&place, format!("unknown corpus {:?}", line.corpus))
                    })?,
                    id: line.article,
                    split: String::new(),
                    checksum: line.checksum,
                    sentences: line.sentences,
                    annotated: true,
                }),
                "mention" => {
                    let label = match line.label.as_str() {
                        "entity" => Label::Entity {
                            referent: line
                                .r#ref
                                .ok_or_else(|| Error::input(&place, "entity without ref"))?,
                            etype: line
                                .r#type
                                .as_deref()
                                .and_then(EntityType::parse)
                                .ok_or_else(|| Error::input(&place, "entity without type"))?,
                            exact: line.exact.map(|e| span(&place, e)).transpose()?,
                            not: line.not,
                        },
                        "junk" => match (line.r#ref, line.r#type.as_deref(), line.exact) {
                            // A cut or overlong span around a real name.
                            (Some(referent), Some(t), Some(e)) => Label::Entity {
                                referent,
                                etype: EntityType::parse(t)
                                    .ok_or_else(|| Error::input(&place, "unknown type"))?,
                                exact: Some(span(&place, e)?),
                                not: line.not,
                            },
                            _ => Label::Junk,
                        },
                        "not-entity" => Label::NotEntity,
                        other => {
                            return Err(Error::input(&place, format!("unknown label {other:?}")));
                        }
                    };
                    set.mentions.push(JudgedMention {
                        article: line.article,
                        span: span(&place, line.span)?,
                        sample: line.role != "witness",
                        label,
                    });
                }
                other => return Err(Error::input(&place, format!("unknown kind {other:?}"))),
            }
        }
        let ids: BTreeSet<&str> = set.articles.iter().map(|a| a.id.as_str()).collect();
        if let Some(m) = set
            .mentions
            .iter()
            .find(|m| !ids.contains(m.article.as_str()))
        {
            return Err(Error::input(
                origin,
                format!("mention in unlisted article {}", m.article),
            ));
        }
        Ok(set)
    }
}

/// A judged node's verdict (JUDGING.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Verdict {
    Right,
    WrongType,
    WrongReferent,
    Junk,
    NotEntity,
}

impl Verdict {
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Right => "right",
            Verdict::WrongType => "wrong-type",
            Verdict::WrongReferent => "wrong-referent",
            Verdict::Junk => "junk",
            Verdict::NotEntity => "not-entity",
        }
    }
}

/// Counts for one group of nodes (a type, or all).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NodeCounts {
    pub judged: usize,
    pub by_verdict: BTreeMap<Verdict, usize>,
    /// Nodes whose referent another node also holds.
    pub duplicates: usize,
}

impl NodeCounts {
    pub fn count(&self, v: Verdict) -> usize {
        self.by_verdict.get(&v).copied().unwrap_or(0)
    }

    pub fn precision(&self) -> f64 {
        ratio(self.count(Verdict::Right), self.judged)
    }
}

/// One scored node, for `--errors`.
#[derive(Clone, Debug, PartialEq)]
pub struct ScoredNode {
    pub id: EntityId,
    pub etype: EntityType,
    pub verdict: Verdict,
    pub referent: Option<String>,
    pub duplicate: bool,
    /// The judged mentions it holds: (span, "article what-the-reader-said").
    pub mentions: Vec<(Span, String)>,
}

/// The scores of a graph's nodes against the judged mentions.
#[derive(Clone, Debug, Default)]
pub struct NodeReport {
    pub all: NodeCounts,
    pub by_type: BTreeMap<EntityType, NodeCounts>,
    /// Sampled mentions of real actors that no longer land in any node.
    pub entity_mentions_lost: usize,
    pub entity_mentions: usize,
    /// Sampled junk or not-entity mentions that no longer make a node.
    pub junk_mentions_gone: usize,
    pub junk_mentions: usize,
    pub nodes: Vec<ScoredNode>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

/// The system mention a judged span lands in: the same span, else the one overlapping it
/// most (ties: the earlier start).
fn landing(mentions: &[Mention], span: Span) -> Option<&Mention> {
    let overlap = |m: &Mention| {
        m.span
            .end
            .min(span.end)
            .saturating_sub(m.span.start.max(span.start))
    };
    mentions
        .iter()
        .filter(|m| overlap(m) > 0)
        .max_by_key(|m| (m.span == span, overlap(m), std::cmp::Reverse(m.span.start)))
}

/// What one judged mention says about the node it lands in.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Reading {
    Referent(String, EntityType, Option<String>),
    Junk,
    NotEntity,
}

/// A judged mention as read in the node it lands in: the reading, how to show it, its span.
type Held = (Reading, String, Span);

/// Scores `graph`'s nodes: each judged mention is found among `docs`' mentions (same
/// article, overlapping span) and followed to its node through `canonical` (the id a
/// corpus-level pass gave the mention's entity, or the entity id itself).
pub fn score(
    set: &JudgedSet,
    docs: &[Document],
    graph: &KnowledgeGraph,
    canonical: &dyn Fn(&EntityId) -> EntityId,
) -> NodeReport {
    let by_article: BTreeMap<&str, &Document> =
        docs.iter().map(|d| (d.article.id.as_str(), d)).collect();
    let mut report = NodeReport::default();
    // node -> (readings of its judged mentions, holds a sampled mention)
    let mut held: BTreeMap<EntityId, (Vec<Held>, bool)> = BTreeMap::new();
    for j in &set.mentions {
        let is_entity = matches!(j.label, Label::Entity { .. });
        if j.sample {
            if is_entity {
                report.entity_mentions += 1;
            } else {
                report.junk_mentions += 1;
            }
        }
        let found = by_article
            .get(j.article.as_str())
            .and_then(|d| landing(&d.mentions, j.span));
        let Some(m) = found else {
            if j.sample {
                if is_entity {
                    report.entity_mentions_lost += 1;
                } else {
                    report.junk_mentions_gone += 1;
                }
            }
            continue;
        };
        let reading = match &j.label {
            Label::Entity {
                referent,
                etype,
                exact,
                not,
            } => {
                let right_span = exact.is_none_or(|e| m.span == e);
                if right_span {
                    Reading::Referent(referent.clone(), *etype, not.clone())
                } else {
                    Reading::Junk
                }
            }
            Label::Junk => Reading::Junk,
            Label::NotEntity => Reading::NotEntity,
        };
        let said = match &reading {
            Reading::Referent(r, t, _) => format!("{r} ({})", t.as_str()),
            Reading::Junk => "junk".to_string(),
            Reading::NotEntity => "not-entity".to_string(),
        };
        let node = canonical(&m.entity);
        let entry = held.entry(node).or_default();
        entry
            .0
            .push((reading, format!("{} {said}", j.article), j.span));
        entry.1 |= j.sample;
    }

    // The majority reading of each node (ties: the smallest, for determinism).
    let majority = |readings: &[Held]| -> Option<Reading> {
        let mut votes: BTreeMap<Reading, usize> = BTreeMap::new();
        for (r, _, _) in readings {
            let key = match r {
                Reading::Referent(k, t, _) => Reading::Referent(k.clone(), *t, None),
                other => other.clone(),
            };
            *votes.entry(key).or_default() += 1;
        }
        votes
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
            .map(|(r, _)| r)
    };
    let mut referent_nodes: BTreeMap<String, BTreeSet<EntityId>> = BTreeMap::new();
    let mut verdicts: Vec<(EntityId, EntityType, Verdict, Option<String>, bool)> = Vec::new();
    for (id, (readings, sampled)) in &held {
        let top = majority(readings);
        if let Some(Reading::Referent(k, _, _)) = &top {
            referent_nodes
                .entry(k.clone())
                .or_default()
                .insert(id.clone());
        }
        if !sampled {
            continue;
        }
        let Some(node) = graph.node(id) else { continue };
        let etype = node.entity.etype;
        let qid = node.entity.ids.qid.as_deref();
        let verdict = match &top {
            None | Some(Reading::Junk) => Verdict::Junk,
            Some(Reading::NotEntity) => Verdict::NotEntity,
            Some(Reading::Referent(k, t, _)) => {
                // Two actors of one kind in one node ("Mr. Clinton" the husband and the
                // wife) make it the wrong referent; a stray mention of another kind (a
                // city's name inside its country's node) is a mention error, and the
                // node is judged by what most of its mentions mean.
                let referents: BTreeSet<&str> = readings
                    .iter()
                    .filter_map(|(r, _, _)| match r {
                        Reading::Referent(k, rt, _) if rt == t => Some(k.as_str()),
                        _ => None,
                    })
                    .collect();
                let named_wrong = readings.iter().any(|(r, _, _)| {
                    matches!(r, Reading::Referent(rk, _, Some(n)) if rk == k && n == id.as_str())
                });
                let qid_wrong = k.starts_with('Q') && qid.is_some_and(|q| q != k);
                if referents.len() > 1 || named_wrong || qid_wrong {
                    Verdict::WrongReferent
                } else if *t != etype {
                    Verdict::WrongType
                } else {
                    Verdict::Right
                }
            }
        };
        let referent = match &top {
            Some(Reading::Referent(k, _, _)) => Some(k.clone()),
            _ => None,
        };
        verdicts.push((id.clone(), etype, verdict, referent, false));
    }
    for (id, etype, verdict, referent, dup) in &mut verdicts {
        *dup = referent
            .as_ref()
            .is_some_and(|k| referent_nodes.get(k).is_some_and(|s| s.len() > 1));
        for counts in [&mut report.all, report.by_type.entry(*etype).or_default()] {
            counts.judged += 1;
            *counts.by_verdict.entry(*verdict).or_default() += 1;
            counts.duplicates += usize::from(*dup);
        }
        let mentions = held
            .get(id)
            .map(|(rs, _)| {
                rs.iter()
                    .map(|(_, said, span)| (*span, said.clone()))
                    .collect()
            })
            .unwrap_or_default();
        report.nodes.push(ScoredNode {
            id: id.clone(),
            etype: *etype,
            verdict: *verdict,
            referent: referent.clone(),
            duplicate: *dup,
            mentions,
        });
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Entity};

    fn doc(id: &str, mentions: &[(usize, usize, &str, EntityType)]) -> Document {
        let mut d = Document {
            article: Article {
                id: id.to_string(),
                ..Article::default()
            },
            ..Document::default()
        };
        for &(s, e, entity, etype) in mentions {
            let eid = EntityId::from_name(etype, entity);
            d.mentions.push(Mention {
                article: id.to_string(),
                sentence: 0,
                span: Span::new(s, e),
                text: entity.to_string(),
                etype,
                entity: eid.clone(),
                demonym: false,
                metonymic: false,
            });
            if !d.entities.iter().any(|x| x.id == eid) {
                let mut x = Entity::new(eid, entity, etype);
                x.mentions = 1;
                d.entities.push(x);
            }
        }
        d
    }

    const SET: &str = r#"{"kind":"article","article":"a","corpus":"conll","checksum":"0","sentences":1}
{"kind":"mention","article":"a","span":[0,10],"role":"sample","label":"entity","ref":"Ann Vale","type":"person"}
{"kind":"mention","article":"a","span":[20,24],"role":"sample","label":"entity","ref":"Ann Vale","type":"person"}
{"kind":"mention","article":"a","span":[30,34],"role":"sample","label":"junk"}
{"kind":"mention","article":"a","span":[40,52],"role":"sample","label":"junk","ref":"Rotterdam","type":"place","exact":[44,52]}
"#;

    #[test]
    fn a_surname_node_beside_its_full_name_is_a_duplicate_and_a_tag_is_junk() {
        let set = JudgedSet::parse(SET, "set").unwrap();
        let d = doc(
            "a",
            &[
                (0, 10, "Ann Vale", EntityType::Person),
                (20, 24, "Vale", EntityType::Person),
                (30, 34, "R-Ky", EntityType::Place),
                (40, 52, "Port Rotterdam", EntityType::Place),
            ],
        );
        let mut g = KnowledgeGraph::new(5);
        g.add_document(&d);
        let r = score(&set, std::slice::from_ref(&d), &g, &|id| id.clone());
        assert_eq!(r.all.judged, 4);
        assert_eq!(r.all.count(Verdict::Right), 2);
        assert_eq!(r.all.count(Verdict::Junk), 2);
        assert_eq!(r.all.duplicates, 2);
    }

    #[test]
    fn once_merged_and_trimmed_the_same_judgements_score_right() {
        let set = JudgedSet::parse(SET, "set").unwrap();
        let d = doc(
            "a",
            &[
                (0, 10, "Ann Vale", EntityType::Person),
                (20, 24, "Ann Vale", EntityType::Person),
                (44, 52, "Rotterdam", EntityType::Place),
            ],
        );
        let mut g = KnowledgeGraph::new(5);
        g.add_document(&d);
        let r = score(&set, std::slice::from_ref(&d), &g, &|id| id.clone());
        assert_eq!(r.all.judged, 2);
        assert_eq!(r.all.count(Verdict::Right), 2);
        assert_eq!(r.all.duplicates, 0);
        assert_eq!(r.junk_mentions_gone, 1);
        assert_eq!(r.entity_mentions_lost, 0);
    }
}
