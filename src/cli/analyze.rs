//! `newsgraph analyze GRAPH.json`: centrality, communities, components and friend/foe
//! balance, printed as a table (or JSON, CSV) and optionally saved into the graph.
//!
//! The per-node table is sorted by PageRank, then id; graph-level results come first.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use newsgraph::KnowledgeGraph;
use newsgraph::analyze::{AnalyzeOptions, ReportFormat, analyze};

use super::Outcome;
use super::filter::FilterArgs;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A graph written by `build` (graph.json), or `-` for stdin.
    pub graph: PathBuf,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub algorithms: AlgorithmArgs,
    /// Output format: table, json or csv [default: from the -o extension, else table].
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub format: Option<ReportFormat>,
    /// Write the report here instead of stdout.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also save the (filtered) graph with the results as node attributes.
    #[arg(long, value_name = "OUT.json")]
    pub write_graph: Option<PathBuf>,
    #[command(flatten)]
    pub strict: StrictArgs,
}

/// Knobs of the algorithms; flatten into any command that analyzes (`build --analyze`).
#[derive(Clone, Debug, clap::Args)]
#[command(next_help_heading = "Analysis")]
pub struct AlgorithmArgs {
    /// Seed for sampled betweenness, Louvain restarts and the balance search.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Modularity resolution for communities: above 1 finds smaller ones.
    #[arg(long, default_value_t = 1.0)]
    pub resolution: f64,
    /// Exact betweenness up to this many nodes; sampled above it.
    #[arg(long, value_name = "NODES", default_value_t = 5000)]
    pub exact_betweenness: usize,
    /// Sources sampled for betweenness on larger graphs.
    #[arg(long, value_name = "N", default_value_t = 500)]
    pub betweenness_samples: usize,
}

impl AlgorithmArgs {
    pub fn options(&self) -> anyhow::Result<AnalyzeOptions> {
        if !(self.resolution.is_finite() && self.resolution > 0.0) {
            anyhow::bail!("--resolution must be a positive number");
        }
        let mut opts = AnalyzeOptions::default().with_seed(self.seed);
        opts.louvain.resolution = self.resolution;
        opts.betweenness.exact_limit = self.exact_betweenness;
        opts.betweenness.samples = self.betweenness_samples.max(1);
        Ok(opts)
    }
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let opts = args.algorithms.options()?;
    let format = args
        .format
        .or_else(|| args.output.as_deref().map(ReportFormat::from_path))
        .unwrap_or_default();
    let mut graph = read_graph(&args.graph, args.strict.strict)?;
    args.filter.apply(&mut graph)?;
    let report = analyze(&mut graph, &opts);
    let text = report.render(format)?;
    match &args.output {
        Some(path) => newsgraph::output::write_bytes(path, text.as_bytes())?,
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(text.as_bytes())?;
            out.flush()?;
        }
    }
    if let Some(path) = &args.write_graph {
        newsgraph::output::write_bytes(path, graph.to_json_string().as_bytes())?;
    }
    eprintln!(
        "newsgraph: analyzed {} nodes and {} ties: {} communities, {} camps",
        report.node_count,
        report.edge_count,
        report.summary.community_sizes.len(),
        report.balance.camps.len()
    );
    Ok(Outcome::Ok)
}

/// Reads a `graph.json` from a file or stdin (`-`). What is wrong in it is repaired and
/// reported on stderr, or, with `strict`, refused (exit 2).
pub fn read_graph(path: &Path, strict: bool) -> anyhow::Result<KnowledgeGraph> {
    let text = super::common::read_text(path)?;
    let name = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let (graph, problems) = newsgraph::export::json::read_checked(&text, &name)
        .with_context(|| format!("{name}: not a newsgraph graph.json"))?;
    if strict {
        // In the order they were found, as without --strict; the last one is the error.
        if let Some((last, rest)) = problems.split_last() {
            for p in rest {
                eprintln!("newsgraph: error: {name}: {p}");
            }
            anyhow::bail!("{name}: {last} (--strict)");
        }
    }
    for p in &problems {
        eprintln!("newsgraph: warning: {name}: {p}");
    }
    Ok(graph)
}

/// The `--strict` flag of commands that read a graph.json.
#[derive(Clone, Copy, Debug, Default, clap::Args)]
pub struct StrictArgs {
    /// Refuse a graph.json with problems (unknown schema version, duplicate nodes or
    /// edges, edges to missing nodes, impossible numbers) instead of repairing it with a
    /// warning.
    #[arg(long)]
    pub strict: bool,
}

fn parse_format(s: &str) -> Result<ReportFormat, String> {
    ReportFormat::parse(s)
        .ok_or_else(|| format!("unknown format {s:?} (expected table, json or csv)"))
}
