//! `newsgraph build`: articles in, graph files out.
//!
//! Filters that concern articles (`--since`, `--until`) are applied before building, so
//! counts stay exact; the others are applied to the finished graph.

use std::path::PathBuf;

use newsgraph::KnowledgeGraph;
use newsgraph::analyze::{ReportFormat, analyze};
use newsgraph::export::{Format, write_all, write_to_dir};
use newsgraph::graph::ArticleMeta;
use newsgraph::pipeline::Pipeline;
use newsgraph::stance::StanceFinder;

use super::analyze::AlgorithmArgs;
use super::filter::{FilterArgs, apply_filter};
use super::{Outcome, common::ExtractArgs};

/// Where `build` reads when given no input.
pub const SAMPLES: &str = "data/samples";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (recursive: .txt, .jsonl, .html, .rss, .atom, .xml) or `-` for stdin. Default: data/samples.
    pub inputs: Vec<PathBuf>,
    /// Output folder (created if missing).
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Comma-separated formats: dot, json, html, node-link, cytoscape, graphml, gexf,
    /// neo4j-csv, cypher, turtle, csv, svg, png, or `all` (every format but the pictures).
    #[arg(long, default_value = "dot,json,html", value_delimiter = ',')]
    pub format: Vec<String>,
    /// Evidence references kept per edge.
    #[arg(long, default_value_t = newsgraph::graph::DEFAULT_EVIDENCE_LIMIT)]
    pub evidence: usize,
    /// Also compute centrality, communities and camps: stored as node attributes in every
    /// format, and the report written to OUT/analysis.txt.
    #[arg(long)]
    pub analyze: bool,
    #[command(flatten)]
    pub algorithms: AlgorithmArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub extract: ExtractArgs,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from(SAMPLES)]
    } else {
        args.inputs.clone()
    };
    let formats = parse_formats(&args.format)?;
    let filter = args.filter.to_filter()?;
    let algorithms = args.algorithms.options()?;
    let extractor = args.extract.extractor()?;
    let finder = StanceFinder::builtin()?;
    let pipeline = Pipeline::new(&extractor, args.extract.threads).with_stance(&finder);

    let mut graph = KnowledgeGraph::new(args.evidence);
    let (mut duplicates, mut out_of_range) = (0u64, 0u64);
    let articles = newsgraph::ingest::read(&inputs).filter(|a| match a {
        Ok(a) if !filter.keeps_article(&ArticleMeta::from(a)) => {
            out_of_range += 1;
            false
        }
        _ => true,
    });
    let summary = pipeline.run(
        articles,
        |doc| {
            if !graph.add_document(&doc) {
                duplicates += 1;
                eprintln!(
                    "newsgraph: warning: {}: duplicate article id {:?}, skipped",
                    doc.article.origin.as_deref().unwrap_or("?"),
                    doc.article.id
                );
            }
            Ok(())
        },
        |e| eprintln!("newsgraph: warning: {e}"),
    )?;
    let skipped = summary.skipped + duplicates;
    graph.add_skipped(skipped);
    apply_filter(&filter.without_dates(), &mut graph)?;

    std::fs::create_dir_all(&args.out).map_err(|e| newsgraph::Error::io(Some(&args.out), e))?;
    if args.analyze {
        let report = analyze(&mut graph, &algorithms);
        let path = args.out.join("analysis.txt");
        std::fs::write(&path, report.render(ReportFormat::Table)?)
            .map_err(|e| newsgraph::Error::io(Some(&path), e))?;
        eprintln!("newsgraph: wrote {}", path.display());
    }
    for f in &formats {
        let written = match f {
            Some(f) => write_to_dir(*f, &graph, &args.out)?,
            None => write_all(&graph, &args.out)?,
        };
        for path in written {
            eprintln!("newsgraph: wrote {}", path.display());
        }
    }
    if out_of_range > 0 {
        eprintln!("newsgraph: {out_of_range} articles outside --since/--until left out");
    }
    eprintln!(
        "newsgraph: read {} articles, skipped {}; {} actors, {} edges",
        summary.articles - duplicates,
        skipped,
        graph.node_count(),
        graph.edge_count()
    );
    Ok(if skipped > 0 {
        Outcome::Partial
    } else {
        Outcome::Ok
    })
}

/// `None` stands for `all`.
fn parse_formats(names: &[String]) -> anyhow::Result<Vec<Option<Format>>> {
    let mut out = Vec::new();
    for name in names {
        let f = match name.trim() {
            "all" => None,
            n => Some(n.parse::<Format>()?),
        };
        if !out.contains(&f) {
            out.push(f);
        }
    }
    Ok(out)
}
