//! `newsgraph build`: articles in, graph files out.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::Context;
use newsgraph::KnowledgeGraph;
use newsgraph::export::{dot, json};
use newsgraph::pipeline::Pipeline;

use super::{Outcome, common::ExtractArgs};

/// Where `build` reads when given no input.
pub const SAMPLES: &str = "data/samples";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (recursive: .txt, .jsonl) or `-` for stdin. Default: data/samples.
    pub inputs: Vec<PathBuf>,
    /// Output folder (created if missing).
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Comma-separated formats to write: dot, json.
    #[arg(long, default_value = "dot,json", value_delimiter = ',')]
    pub format: Vec<String>,
    /// Evidence references kept per edge.
    #[arg(long, default_value_t = newsgraph::graph::DEFAULT_EVIDENCE_LIMIT)]
    pub evidence: usize,
    #[command(flatten)]
    pub extract: ExtractArgs,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let inputs = if args.inputs.is_empty() {
        vec![PathBuf::from(SAMPLES)]
    } else {
        args.inputs.clone()
    };
    for f in &args.format {
        if !matches!(f.as_str(), "dot" | "json") {
            anyhow::bail!("unknown format {f:?} (expected dot or json)");
        }
    }
    let extractor = args.extract.extractor()?;
    let pipeline = Pipeline::new(&extractor, args.extract.threads);
    let mut graph = KnowledgeGraph::new(args.evidence);
    let mut duplicates = 0u64;
    let summary = pipeline.run(
        newsgraph::ingest::read(&inputs),
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

    fs::create_dir_all(&args.out)
        .with_context(|| format!("cannot create {}", args.out.display()))?;
    for f in &args.format {
        let path = args.out.join(format!("graph.{f}"));
        write_file(&path, |w| match f.as_str() {
            "dot" => dot::write(&graph, w),
            _ => json::write(&graph, w),
        })?;
        eprintln!("newsgraph: wrote {}", path.display());
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

/// Writes a file through a buffer, naming the file in any error.
pub fn write_file(
    path: &Path,
    body: impl FnOnce(&mut dyn std::io::Write) -> newsgraph::error::Result<()>,
) -> anyhow::Result<()> {
    let mut buf = Vec::new();
    body(&mut buf)?;
    fs::write(path, buf).with_context(|| format!("cannot write {}", path.display()))
}
