//! Filters that cut a graph down to what an analyst asked for: entity types, edge kinds,
//! minimum weight, article dates, an ego network, the N most central nodes.
//!
//! Date filters on a saved graph can only see the evidence it kept (at most N per edge):
//! counts are recounted from evidence in range, exact when an edge kept all of its evidence
//! and lower bounds otherwise. For exact counts, filter articles before building
//! ([`Filter::keeps_article`]).

use std::collections::{BTreeSet, HashMap, VecDeque};

use super::{ArticleMeta, Edge, EdgeKind, KnowledgeGraph, Node};
use crate::analyze::{Centrality, Views};
use crate::error::{Error, Result};
use crate::model::{EntityId, EntityType, slug};

/// Which edge kinds a filtered graph keeps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EdgeKinds {
    Comention,
    Stance,
    #[default]
    All,
}

impl EdgeKinds {
    pub const ALL: [EdgeKinds; 3] = [EdgeKinds::Comention, EdgeKinds::Stance, EdgeKinds::All];

    pub fn name(self) -> &'static str {
        match self {
            EdgeKinds::Comention => "comention",
            EdgeKinds::Stance => "stance",
            EdgeKinds::All => "all",
        }
    }

    /// Parses `comention`, `stance` or `all` (case-insensitive).
    pub fn parse(s: &str) -> Option<EdgeKinds> {
        let s = s.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|k| k.name() == s)
    }

    pub fn keeps(self, kind: EdgeKind) -> bool {
        match self {
            EdgeKinds::All => true,
            EdgeKinds::Comention => kind == EdgeKind::Comention,
            EdgeKinds::Stance => kind == EdgeKind::Stance,
        }
    }
}

/// What to keep of a graph. The default keeps everything.
///
/// [`Filter::apply`] runs the steps in this order: dates, edge kinds, minimum weight (and,
/// if any of these three is set, the nodes they leave without edges are dropped), entity
/// types, ego network, top N.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Keep only nodes of these types.
    pub types: Option<Vec<EntityType>>,
    /// Keep co-mention edges with at least this many sentences and stance edges with at
    /// least this many relations.
    pub min_weight: Option<u64>,
    /// Keep the N nodes ranked highest by a centrality: the value stored by `analyze` when
    /// every node has one, otherwise computed on the graph as filtered so far.
    pub top: Option<(usize, Centrality)>,
    /// Keep the nodes within `depth` edges of this actor (id, name or alias, any case).
    pub ego: Option<(String, usize)>,
    /// First article date kept: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub since: Option<String>,
    /// Last article date kept (inclusive): `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub until: Option<String>,
    pub edges: EdgeKinds,
}

/// What [`Filter::apply_with_stats`] did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FilterStats {
    pub nodes_removed: usize,
    pub edges_removed: usize,
    /// Edges whose in-range counts could not be recounted exactly: they had more
    /// observations than kept evidence, or none at all (co-mentions at article level only).
    /// Their counts are lower bounds, and such an edge dropped for lack of evidence in range
    /// may have had some.
    pub approximate_edges: usize,
}

impl Filter {
    /// True when the filter keeps everything.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    fn has_dates(&self) -> bool {
        self.since.is_some() || self.until.is_some()
    }

    /// The same filter without `since`/`until`: for `build`, which filters articles with
    /// [`Filter::keeps_article`] before building and then applies the rest.
    pub fn without_dates(&self) -> Filter {
        Filter {
            since: None,
            until: None,
            ..self.clone()
        }
    }

    /// Checks the dates and numbers; `apply` calls it first.
    pub fn validate(&self) -> Result<()> {
        for (flag, d) in [("--since", &self.since), ("--until", &self.until)] {
            if let Some(d) = d
                && !is_date_bound(d)
            {
                return Err(Error::usage(if is_date_prefix(d) {
                    format!("{flag} {d}: no such date")
                } else {
                    format!("{flag} {d:?}: expected a date as YYYY, YYYY-MM or YYYY-MM-DD")
                }));
            }
        }
        if let (Some(s), Some(u)) = (&self.since, &self.until)
            && s.as_str() > u.as_str()
            && !s.starts_with(u.as_str())
        {
            return Err(Error::usage(format!(
                "--since {s} is after --until {u}: nothing could be kept"
            )));
        }
        if let Some((name, _)) = &self.ego
            && name.trim().is_empty()
        {
            return Err(Error::usage("--ego needs an actor id or name"));
        }
        Ok(())
    }

    /// Whether an article passes the date range. Articles without a usable date
    /// (`YYYY-MM-DD...`) fail it whenever `since` or `until` is set: they cannot be shown
    /// to fall inside. Use before building, so that every count is exact.
    pub fn keeps_article(&self, article: &ArticleMeta) -> bool {
        self.keeps_date(article.date.as_deref())
    }

    /// Whether a date (ISO 8601, time part ignored) is inside the range.
    pub fn keeps_date(&self, date: Option<&str>) -> bool {
        if !self.has_dates() {
            return true;
        }
        let Some(day) = date.and_then(|d| d.get(..10)).filter(|d| is_date_prefix(d)) else {
            return false;
        };
        // A prefix bound covers the whole year or month: compare at its length.
        let after = self.since.as_deref().is_none_or(|s| day >= s);
        let before = self
            .until
            .as_deref()
            .is_none_or(|u| day.get(..u.len()).is_some_and(|d| d <= u));
        after && before
    }

    /// Applies the filter in place. Fails (leaving the graph partly filtered) on a bad
    /// date, or when the ego actor is unknown or ambiguous.
    pub fn apply(&self, graph: &mut KnowledgeGraph) -> Result<()> {
        self.apply_with_stats(graph).map(|_| ())
    }

    /// [`Filter::apply`], also saying how much was removed and how exact dates were.
    pub fn apply_with_stats(&self, graph: &mut KnowledgeGraph) -> Result<FilterStats> {
        self.validate()?;
        let (nodes_before, edges_before) = (graph.node_count(), graph.edge_count());
        let mut stats = FilterStats::default();
        // Resolve the ego first, so that a typo fails before anything is cut.
        let ego = match &self.ego {
            Some((name, depth)) => Some((resolve(graph, name)?, *depth)),
            None => None,
        };

        if self.has_dates() {
            stats.approximate_edges = self.restrict_to_dates(graph);
        }
        if self.edges != EdgeKinds::All {
            graph.retain_edges(|_, _, e| self.edges.keeps(e.kind()));
        }
        if let Some(w) = self.min_weight {
            graph.retain_edges(|_, _, e| weight(e) >= w);
        }
        if self.has_dates() || self.edges != EdgeKinds::All || self.min_weight.is_some() {
            let linked = linked_nodes(graph);
            graph.retain_nodes(|n| linked.contains(&n.entity.id));
        }
        if let Some(types) = &self.types {
            graph.retain_nodes(|n| types.contains(&n.entity.etype));
        }
        if let Some((id, depth)) = ego {
            if graph.node(&id).is_none() {
                return Err(Error::usage(format!(
                    "--ego {id}: the other filters removed it (check --types, --edges, \
                     --min-weight and the dates)"
                )));
            }
            let keep = ego_network(graph, &id, depth);
            graph.retain_nodes(|n| keep.contains(&n.entity.id));
        }
        if let Some((n, measure)) = self.top {
            let keep = top_nodes(graph, n, measure);
            graph.retain_nodes(|node| keep.contains(&node.entity.id));
        }
        stats.nodes_removed = nodes_before - graph.node_count();
        stats.edges_removed = edges_before - graph.edge_count();
        Ok(stats)
    }

    /// Cuts evidence to the date range, recounts, drops edges left empty and articles out
    /// of range. Returns the number of edges whose recount is not exact.
    fn restrict_to_dates(&self, graph: &mut KnowledgeGraph) -> usize {
        let in_range: BTreeSet<String> = graph
            .articles
            .values()
            .filter(|a| self.keeps_article(a))
            .map(|a| a.id.clone())
            .collect();
        let mut approximate = 0;
        for edge in graph.graph.edge_weights_mut() {
            let exact = match edge {
                Edge::Comention(c) => {
                    let all_articles: BTreeSet<&str> =
                        c.evidence.iter().map(|e| e.article.as_str()).collect();
                    let complete = c.evidence.len() as u64 == c.sentences
                        && all_articles.len() as u64 == c.articles
                        && c.sentences > 0;
                    c.evidence.retain(|e| in_range.contains(&e.article));
                    c.sentences = c.evidence.len() as u64;
                    c.articles = c
                        .evidence
                        .iter()
                        .map(|e| e.article.as_str())
                        .collect::<BTreeSet<_>>()
                        .len() as u64;
                    complete
                }
                Edge::Stance(s) => {
                    let complete = s.evidence.len() as u64 == s.count() && s.count() > 0;
                    s.evidence.retain(|e| in_range.contains(&e.at.article));
                    s.positive = 0;
                    s.negative = 0;
                    s.neutral = 0;
                    s.intensity_sum = 0.0;
                    s.categories.clear();
                    for e in &s.evidence {
                        match e.polarity {
                            crate::model::Polarity::Positive => s.positive += 1,
                            crate::model::Polarity::Negative => s.negative += 1,
                            crate::model::Polarity::Neutral => s.neutral += 1,
                        }
                        s.intensity_sum += f64::from(e.intensity);
                        *s.categories.entry(e.category.clone()).or_default() += 1;
                    }
                    complete
                }
            };
            if !exact {
                approximate += 1;
            }
        }
        graph.retain_edges(|_, _, e| match e {
            Edge::Comention(c) => c.sentences > 0,
            Edge::Stance(s) => s.count() > 0,
        });
        graph.articles.retain(|id, _| in_range.contains(id));
        approximate
    }
}

/// The weight `--min-weight` compares: co-mention sentences, stance relations.
pub fn weight(edge: &Edge) -> u64 {
    match edge {
        Edge::Comention(c) => c.sentences,
        Edge::Stance(s) => s.count(),
    }
}

/// A `--since`/`--until` bound: a year, a month of a year, or a day that exists.
fn is_date_bound(s: &str) -> bool {
    match s.len() {
        4 => is_date_prefix(s) && s >= "1000",
        7 => is_date_prefix(s) && s >= "1000" && ("01"..="12").contains(&&s[5..7]),
        _ => crate::ingest::date::is_iso_date(s),
    }
}

fn is_date_prefix(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

fn linked_nodes(graph: &KnowledgeGraph) -> BTreeSet<EntityId> {
    graph
        .edges()
        .iter()
        .flat_map(|e| [e.source.entity.id.clone(), e.target.entity.id.clone()])
        .collect()
}

/// Finds the node `query` names: by id (or the slug after the type, `iran` for
/// `country/iran`), else by name, else by alias, ignoring case. Fails when nothing or more
/// than one node matches at the first level that matches at all.
pub fn resolve(graph: &KnowledgeGraph, query: &str) -> Result<EntityId> {
    resolve_as(graph, query, "--ego")
}

/// [`resolve`], with `what` naming the query in messages (`--ego`, `actor`).
pub fn resolve_as(graph: &KnowledgeGraph, query: &str, what: &str) -> Result<EntityId> {
    let q = query.trim().to_lowercase();
    let q_slug = slug(query);
    let nodes = graph.nodes();
    let levels: [&dyn Fn(&Node) -> bool; 3] = [
        &|n: &Node| {
            let id = n.entity.id.as_str().to_lowercase();
            id == q || id.split_once('/').is_some_and(|(_, s)| s == q_slug)
        },
        &|n: &Node| n.entity.name.to_lowercase() == q,
        &|n: &Node| n.entity.aliases.keys().any(|a| a.to_lowercase() == q),
    ];
    for matches in levels {
        let found: Vec<&EntityId> = nodes
            .iter()
            .filter(|n| matches(n))
            .map(|n| &n.entity.id)
            .collect();
        match found.as_slice() {
            [] => continue,
            [one] => return Ok((*one).clone()),
            many => {
                let list: Vec<&str> = many.iter().take(8).map(|id| id.as_str()).collect();
                return Err(Error::usage(format!(
                    "{what} {query:?} is ambiguous: it names {} ({}); give the id",
                    many.len(),
                    list.join(", ")
                )));
            }
        }
    }
    let near: Vec<&str> = nodes
        .iter()
        .filter(|n| {
            q.len() >= 3
                && (n.entity.name.to_lowercase().contains(&q)
                    || n.entity.id.as_str().contains(q_slug.as_str()))
        })
        .take(5)
        .map(|n| n.entity.id.as_str())
        .collect();
    let hint = if near.is_empty() {
        String::new()
    } else {
        format!("; did you mean {}?", near.join(", "))
    };
    Err(Error::usage(format!(
        "{what} {query:?}: no actor in the graph has this id, name or alias{hint}"
    )))
}

/// Ids within `depth` edges of `center`, edges taken in either direction.
fn ego_network(graph: &KnowledgeGraph, center: &EntityId, depth: usize) -> BTreeSet<EntityId> {
    let mut neighbours: HashMap<&EntityId, Vec<&EntityId>> = HashMap::new();
    let edges = graph.edges();
    for e in &edges {
        let (s, t) = (&e.source.entity.id, &e.target.entity.id);
        neighbours.entry(s).or_default().push(t);
        neighbours.entry(t).or_default().push(s);
    }
    let mut seen: BTreeSet<EntityId> = BTreeSet::from([center.clone()]);
    let mut queue = VecDeque::from([(center.clone(), 0usize)]);
    while let Some((id, d)) = queue.pop_front() {
        if d == depth {
            continue;
        }
        for &next in neighbours.get(&id).map(Vec::as_slice).unwrap_or(&[]) {
            if seen.insert(next.clone()) {
                queue.push_back((next.clone(), d + 1));
            }
        }
    }
    seen
}

/// The `n` ids ranked highest by `measure` (ties by id): stored values when every node
/// has one, otherwise computed now.
fn top_nodes(graph: &KnowledgeGraph, n: usize, measure: Centrality) -> BTreeSet<EntityId> {
    let nodes = graph.nodes();
    let stored: Option<Vec<(EntityId, f64)>> = nodes
        .iter()
        .map(|node| {
            let v = node.analysis.get(measure.key())?.as_f64()?;
            Some((node.entity.id.clone(), v))
        })
        .collect();
    let mut scored = match stored {
        Some(s) => s,
        None => {
            let views = Views::new(graph);
            let values = measure.compute(&views.ties);
            views.ids.into_iter().zip(values).collect()
        }
    };
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    scored.into_iter().take(n).map(|(id, _)| id).collect()
}

#[cfg(test)]
mod tests;
