//! `newsgraph stance INPUT...`: one JSON line per stance relation found in the articles.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use newsgraph::pipeline::Pipeline;
use newsgraph::stance::{RelationRecord, StanceFinder};

use super::{Outcome, common::ExtractArgs, plural};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (recursive: .txt, .jsonl, .html, .rss, .atom, .xml) or `-` for stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Rules only, without the classifier.
    #[arg(long)]
    pub rules_only: bool,
    #[command(flatten)]
    pub extract: ExtractArgs,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let finder = if args.rules_only {
        StanceFinder::rules_only()?
    } else {
        StanceFinder::builtin()?
    };
    let extractor = args.extract.extractor()?;
    let pipeline = Pipeline::new(&extractor, args.extract.threads).with_stance(&finder);
    let mut out = BufWriter::new(std::io::stdout().lock());
    let summary = pipeline.run(
        newsgraph::ingest::read(&args.inputs).with_notes(|e| eprintln!("newsgraph: warning: {e}")),
        |doc| {
            for rel in &doc.stance {
                serde_json::to_writer(&mut out, &RelationRecord::new(&doc, rel))
                    .map_err(|e| newsgraph::Error::json("stance output", e))?;
                out.write_all(b"\n").map_err(newsgraph::Error::from)?;
            }
            Ok(())
        },
        |e| eprintln!("newsgraph: warning: {e}"),
    )?;
    out.flush()?;
    eprintln!(
        "newsgraph: read {}, skipped {}",
        plural(summary.articles, "article"),
        summary.skipped
    );
    Ok(if summary.skipped > 0 {
        Outcome::Partial
    } else {
        Outcome::Ok
    })
}
