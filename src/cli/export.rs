//! `newsgraph export`: convert a saved graph.json to another format.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use newsgraph::export::{dot, json};

use super::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A graph written by `newsgraph build` (graph.json).
    pub graph: PathBuf,
    /// Output format: dot or json.
    #[arg(long, short)]
    pub format: String,
    /// Output file, or `-` for stdout.
    #[arg(long, short, default_value = "-")]
    pub output: PathBuf,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let text = std::fs::read_to_string(&args.graph)
        .with_context(|| format!("cannot read {}", args.graph.display()))?;
    let graph = json::read(&text, &args.graph.display().to_string())?;
    let mut buf = Vec::new();
    match args.format.as_str() {
        "dot" => dot::write(&graph, &mut buf)?,
        "json" => json::write(&graph, &mut buf)?,
        f => anyhow::bail!("unknown format {f:?} (expected dot or json)"),
    }
    if args.output.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(&buf)?;
        out.flush()?;
    } else {
        std::fs::write(&args.output, buf)
            .with_context(|| format!("cannot write {}", args.output.display()))?;
    }
    Ok(Outcome::Ok)
}
