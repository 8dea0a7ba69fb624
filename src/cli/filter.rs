//! Filter flags shared by every command that writes or reads a graph (`build`, `export`,
//! `analyze`): flatten [`FilterArgs`] into the command's `Args`.
//!
//! The flags only parse; [`newsgraph::graph::filter::Filter`] does the work.

use anyhow::Context as _;
use newsgraph::KnowledgeGraph;
use newsgraph::analyze::Centrality;
use newsgraph::graph::filter::{EdgeKinds, Filter};
use newsgraph::model::EntityType;

#[derive(Clone, Debug, Default, clap::Args)]
#[command(next_help_heading = "Filters")]
pub struct FilterArgs {
    /// Keep only these entity types (comma-separated): person, country, org, place.
    #[arg(long, value_name = "TYPES", value_delimiter = ',', value_parser = parse_type)]
    pub types: Vec<EntityType>,
    /// Keep co-mention edges seen in at least N sentences and stance edges with at least
    /// N relations; drops the actors left without edges.
    #[arg(long, value_name = "N")]
    pub min_weight: Option<u64>,
    /// Keep the N most central actors (see --by).
    #[arg(long, value_name = "N")]
    pub top: Option<usize>,
    /// Centrality that --top ranks by [default: pagerank].
    #[arg(long, value_name = "MEASURE", requires = "top", value_parser = parse_centrality)]
    pub by: Option<Centrality>,
    /// Keep the ego network of this actor: an id (country/iran), name or alias, any case.
    #[arg(long, value_name = "NAME")]
    pub ego: Option<String>,
    /// How many steps from --ego to keep [default: 1].
    #[arg(long, value_name = "K", requires = "ego")]
    pub depth: Option<usize>,
    /// Keep evidence from articles dated on or after this day (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Keep evidence from articles dated on or before this day (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Edge kinds to keep: comention, stance or all; drops the actors left without edges.
    #[arg(long, value_name = "KINDS", default_value = "all", value_parser = parse_edges)]
    pub edges: EdgeKinds,
}

impl FilterArgs {
    /// The library filter these flags describe, checked.
    pub fn to_filter(&self) -> anyhow::Result<Filter> {
        let filter = Filter {
            types: (!self.types.is_empty()).then(|| self.types.clone()),
            min_weight: self.min_weight,
            top: self
                .top
                .map(|n| (n, self.by.unwrap_or(Centrality::PageRank))),
            ego: self.ego.clone().map(|e| (e, self.depth.unwrap_or(1))),
            since: self.since.clone(),
            until: self.until.clone(),
            edges: self.edges,
        };
        filter.validate()?;
        Ok(filter)
    }

    /// Applies the filter to a saved graph, telling stderr what it removed and when date
    /// filtering could only give lower bounds.
    ///
    /// `build` should rather keep articles with `to_filter()?.keeps_article(..)` before
    /// building (exact counts) and then call [`apply_filter`] with `without_dates()`.
    pub fn apply(&self, graph: &mut KnowledgeGraph) -> anyhow::Result<()> {
        apply_filter(&self.to_filter()?, graph)
    }
}

/// Applies `filter` to `graph` and reports on stderr what it removed and how exact the
/// date range was. Does nothing for an empty filter.
pub fn apply_filter(filter: &Filter, graph: &mut KnowledgeGraph) -> anyhow::Result<()> {
    if filter.is_empty() {
        return Ok(());
    }
    let stats = filter
        .apply_with_stats(graph)
        .context("cannot filter the graph")?;
    eprintln!(
        "newsgraph: filters removed {} nodes and {} edges; {} nodes and {} edges left",
        stats.nodes_removed,
        stats.edges_removed,
        graph.node_count(),
        graph.edge_count()
    );
    if stats.approximate_edges > 0 {
        eprintln!(
            "newsgraph: warning: {} edges could not be dated exactly (more observations \
                 than the {} evidence sentences kept per edge, or article-level co-mentions \
                 without evidence); their counts between --since and --until are lower bounds \
                 (filter the articles while building for exact counts)",
            stats.approximate_edges,
            graph.evidence_limit()
        );
    }
    Ok(())
}

fn parse_type(s: &str) -> Result<EntityType, String> {
    EntityType::parse(s).ok_or_else(|| {
        format!("unknown entity type {s:?} (expected person, country, org or place)")
    })
}

fn parse_centrality(s: &str) -> Result<Centrality, String> {
    Centrality::parse(s).ok_or_else(|| {
        format!(
            "unknown centrality {s:?} (expected pagerank, degree, weighted-degree, \
             betweenness or eigenvector)"
        )
    })
}

fn parse_edges(s: &str) -> Result<EdgeKinds, String> {
    EdgeKinds::parse(s)
        .ok_or_else(|| format!("unknown edge kind {s:?} (expected comention, stance or all)"))
}
