//! The result of [`analyze`](super::analyze): one row per node plus graph-level findings,
//! rendered as an aligned text table, JSON or CSV.
//!
//! Rows are sorted by PageRank (highest first), then by entity id, so every rendering is
//! byte-stable for the same graph and options.

use std::fmt::Write as _;

use serde::Serialize;

use super::balance::{Balance, Triads};
use crate::error::{Error, Result};
use crate::model::{EntityId, EntityType};

/// The per-node results, as stored in `Node::analysis`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeRow {
    pub id: EntityId,
    pub name: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    pub degree: u64,
    pub weighted_degree: f64,
    pub pagerank: f64,
    pub betweenness: f64,
    pub eigenvector: f64,
    pub community: usize,
    pub component: usize,
    /// Only for nodes with signed stance edges.
    pub camp: Option<usize>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub pagerank_converged: bool,
    pub eigenvector_converged: bool,
    /// `None` when betweenness is exact; otherwise the number of sampled sources.
    pub betweenness_sources: Option<usize>,
    pub modularity: f64,
    /// Size of community `i` at index `i` (largest first).
    pub community_sizes: Vec<usize>,
    pub component_sizes: Vec<usize>,
}

/// One friend/foe camp; members ordered by PageRank, then id.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Camp {
    pub camp: usize,
    pub size: usize,
    pub members: Vec<EntityId>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BalanceSummary {
    pub signed_nodes: usize,
    pub positive_edges: u64,
    pub negative_edges: u64,
    pub triads: Triads,
    pub balanced_triads: u64,
    pub unbalanced_triads: u64,
    /// Balanced share of triads; absent without triads.
    pub balance_ratio: Option<f64>,
    /// Fewest sign flips for a two-camp split (best found when not exact).
    pub frustration: u64,
    pub frustration_exact: bool,
    /// Frustration per signed edge.
    pub frustration_index: Option<f64>,
    /// Signs contradicted by `camps` (two or more camps).
    pub camp_disagreements: u64,
    pub camps: Vec<Camp>,
}

/// Graph-level findings and the per-node table.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub node_count: usize,
    /// Tie edges (pairs) the measures ran on.
    pub edge_count: usize,
    #[serde(flatten)]
    pub summary: Summary,
    pub balance: BalanceSummary,
    /// Sorted by PageRank (highest first), then id.
    pub nodes: Vec<NodeRow>,
}

/// How a [`Report`] is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ReportFormat {
    #[default]
    Table,
    Json,
    Csv,
}

impl ReportFormat {
    pub const ALL: [ReportFormat; 3] = [ReportFormat::Table, ReportFormat::Json, ReportFormat::Csv];

    pub fn name(self) -> &'static str {
        match self {
            ReportFormat::Table => "table",
            ReportFormat::Json => "json",
            ReportFormat::Csv => "csv",
        }
    }

    pub fn parse(s: &str) -> Option<ReportFormat> {
        let s = s.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|f| f.name() == s)
    }

    /// The format a file name asks for: `.json`, `.csv`, anything else a table.
    pub fn from_path(path: &std::path::Path) -> ReportFormat {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("json") => ReportFormat::Json,
            Some(e) if e.eq_ignore_ascii_case("csv") => ReportFormat::Csv,
            _ => ReportFormat::Table,
        }
    }
}

const COLUMNS: [&str; 11] = [
    "id",
    "name",
    "type",
    "degree",
    "weighted_degree",
    "pagerank",
    "betweenness",
    "eigenvector",
    "community",
    "component",
    "camp",
];

impl Report {
    pub(super) fn new(
        mut rows: Vec<NodeRow>,
        edge_count: usize,
        summary: Summary,
        ids: &[EntityId],
        balance: Balance,
    ) -> Report {
        rows.sort_by(|a, b| b.pagerank.total_cmp(&a.pagerank).then(a.id.cmp(&b.id)));
        let ncamps = balance
            .camp_of
            .iter()
            .flatten()
            .map(|c| c + 1)
            .max()
            .unwrap_or(0);
        let mut camps: Vec<Camp> = (0..ncamps)
            .map(|camp| Camp {
                camp,
                size: 0,
                members: Vec::new(),
            })
            .collect();
        let by_id: std::collections::HashMap<&EntityId, Option<usize>> =
            ids.iter().zip(balance.camp_of.iter().copied()).collect();
        for row in &rows {
            if let Some(Some(c)) = by_id.get(&row.id) {
                camps[*c].size += 1;
                camps[*c].members.push(row.id.clone());
            }
        }
        let t = balance.triads;
        Report {
            node_count: rows.len(),
            edge_count,
            summary,
            balance: BalanceSummary {
                signed_nodes: balance.signed_nodes,
                positive_edges: balance.positive_edges,
                negative_edges: balance.negative_edges,
                triads: t,
                balanced_triads: t.balanced(),
                unbalanced_triads: t.unbalanced(),
                balance_ratio: t.balance_ratio().map(super::round6),
                frustration: balance.frustration,
                frustration_exact: balance.frustration_exact,
                frustration_index: balance.frustration_index().map(super::round6),
                camp_disagreements: balance.camp_disagreements,
                camps,
            },
            nodes: rows,
        }
    }

    /// The report in `format`, ending with a newline.
    pub fn render(&self, format: ReportFormat) -> Result<String> {
        match format {
            ReportFormat::Table => Ok(self.to_table()),
            ReportFormat::Json => {
                let mut s = serde_json::to_string_pretty(self)
                    .map_err(|e| Error::json("analysis report", e))?;
                s.push('\n');
                Ok(s)
            }
            ReportFormat::Csv => Ok(self.to_csv()),
        }
    }

    /// Graph-level lines, a blank line, then the aligned node table.
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        let _ = self.write_summary(&mut out);
        out.push('\n');
        let cells: Vec<[String; 11]> = self.nodes.iter().map(cells).collect();
        let mut width: Vec<usize> = COLUMNS.iter().map(|c| c.chars().count()).collect();
        for row in &cells {
            for (w, c) in width.iter_mut().zip(row) {
                *w = (*w).max(c.chars().count());
            }
        }
        let header: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
        for row in std::iter::once(header.as_slice()).chain(cells.iter().map(|r| r.as_slice())) {
            let mut line = String::new();
            for (k, (cell, w)) in row.iter().zip(&width).enumerate() {
                let pad = w - cell.chars().count();
                if k > 0 {
                    line.push_str("  ");
                }
                if k < 3 {
                    line.push_str(cell);
                    line.extend(std::iter::repeat_n(' ', pad));
                } else {
                    line.extend(std::iter::repeat_n(' ', pad));
                    line.push_str(cell);
                }
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    fn write_summary(&self, out: &mut String) -> std::fmt::Result {
        let s = &self.summary;
        writeln!(
            out,
            "nodes {}, edges {}, components {} (largest {})",
            self.node_count,
            self.edge_count,
            s.component_sizes.len(),
            s.component_sizes.first().copied().unwrap_or(0)
        )?;
        writeln!(
            out,
            "communities {} (modularity {:.6}; sizes {})",
            s.community_sizes.len(),
            s.modularity,
            sizes_line(&s.community_sizes)
        )?;
        let betweenness = match s.betweenness_sources {
            None => "exact".to_string(),
            Some(k) => format!("sampled from {k} sources"),
        };
        writeln!(
            out,
            "betweenness {betweenness}; pagerank {}; eigenvector {}",
            converged(s.pagerank_converged),
            converged(s.eigenvector_converged)
        )?;
        let b = &self.balance;
        writeln!(
            out,
            "signed stance: {} nodes, {} positive and {} negative edges",
            b.signed_nodes, b.positive_edges, b.negative_edges
        )?;
        let ratio = b
            .balance_ratio
            .map_or("n/a".to_string(), |r| format!("{:.1}%", r * 100.0));
        writeln!(
            out,
            "triads: +++ {}, ++- {}, +-- {}, --- {} (balanced {ratio})",
            b.triads.ppp, b.triads.ppn, b.triads.pnn, b.triads.nnn
        )?;
        writeln!(
            out,
            "frustration {} ({}; index {}); {} camps contradicting {} signs",
            b.frustration,
            if b.frustration_exact {
                "exact"
            } else {
                "best found"
            },
            b.frustration_index
                .map_or("n/a".to_string(), |x| format!("{x:.6}")),
            b.camps.len(),
            b.camp_disagreements
        )?;
        const SHOWN: usize = 8;
        const CAMPS_SHOWN: usize = 10;
        for camp in b.camps.iter().take(CAMPS_SHOWN) {
            let names: Vec<&str> = camp
                .members
                .iter()
                .take(SHOWN)
                .map(|id| id.as_str())
                .collect();
            let more = if camp.size > SHOWN { ", ..." } else { "" };
            writeln!(
                out,
                "  camp {} ({}): {}{more}",
                camp.camp,
                camp.size,
                names.join(", ")
            )?;
        }
        if b.camps.len() > CAMPS_SHOWN {
            let rest: Vec<usize> = b.camps[CAMPS_SHOWN..].iter().map(|c| c.size).collect();
            writeln!(
                out,
                "  ... {} more camps (sizes {}; every member in --format json)",
                rest.len(),
                sizes_line(&rest)
            )?;
        }
        Ok(())
    }

    /// The node rows as CSV with a header (graph-level results are in the JSON and table).
    pub fn to_csv(&self) -> String {
        let mut out = COLUMNS.join(",");
        out.push('\n');
        for row in &self.nodes {
            let fields: Vec<String> = cells(row).iter().map(|c| csv_field(c)).collect();
            out.push_str(&fields.join(","));
            out.push('\n');
        }
        out
    }
}

fn cells(r: &NodeRow) -> [String; 11] {
    [
        r.id.to_string(),
        r.name.clone(),
        r.etype.as_str().to_string(),
        r.degree.to_string(),
        r.weighted_degree.to_string(),
        format!("{:.6}", r.pagerank),
        format!("{:.6}", r.betweenness),
        format!("{:.6}", r.eigenvector),
        r.community.to_string(),
        r.component.to_string(),
        r.camp.map(|c| c.to_string()).unwrap_or_default(),
    ]
}

fn converged(ok: bool) -> &'static str {
    if ok { "converged" } else { "NOT converged" }
}

fn sizes_line(sizes: &[usize]) -> String {
    const SHOWN: usize = 12;
    let mut s: Vec<String> = sizes.iter().take(SHOWN).map(|x| x.to_string()).collect();
    if sizes.len() > SHOWN {
        s.push(format!("... {} more", sizes.len() - SHOWN));
    }
    s.join(" ")
}

/// Quotes a CSV field when it holds a comma, quote or line break (RFC 4180). Fields that
/// start with `=`, `+`, `-` or `@` are left as they are: ids and names are data, not formulas.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}
