//! `newsgraph stance INPUT...`: one JSON line per stance relation found in the articles.
//!
//! NOTE: not yet in the build (no `pub mod stance;` in cli/mod.rs): it needs the integrator's
//! `newsgraph::extract::Extractor` (`Extractor::builtin()?.extract(&article) -> Document`).

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use newsgraph::Article;
use newsgraph::extract::Extractor;
use newsgraph::stance::{RelationRecord, StanceFinder};

use super::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Article files: `.txt` (one article, id = file stem) or `.jsonl` (one article per line).
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Rules only, without the classifier.
    #[arg(long)]
    pub rules_only: bool,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let finder = if args.rules_only {
        StanceFinder::rules_only()?
    } else {
        StanceFinder::builtin()?
    };
    let extractor = Extractor::builtin()?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    let mut skipped = 0usize;
    for path in &args.inputs {
        let articles = match read_articles(path) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("newsgraph: skipping {}: {e:#}", path.display());
                skipped += 1;
                continue;
            }
        };
        for article in articles {
            let article = match article {
                Ok(a) => a,
                Err(e) => {
                    eprintln!("newsgraph: skipping {e:#}");
                    skipped += 1;
                    continue;
                }
            };
            let doc = extractor.extract(&article)?;
            for rel in finder.find(&doc) {
                serde_json::to_writer(&mut out, &RelationRecord::new(&doc, &rel))?;
                out.write_all(b"\n")?;
            }
        }
    }
    out.flush()?;
    if skipped > 0 {
        eprintln!("newsgraph: {skipped} inputs skipped");
        return Ok(Outcome::Partial);
    }
    Ok(Outcome::Ok)
}

/// The articles of one input file; a bad JSONL line is an error for that line only.
fn read_articles(path: &Path) -> anyhow::Result<Vec<anyhow::Result<Article>>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    if path.extension().is_some_and(|e| e == "jsonl") {
        return Ok(text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(i, line)| {
                serde_json::from_str::<Article>(line)
                    .with_context(|| format!("{}:{}: not an article", path.display(), i + 1))
            })
            .collect());
    }
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(vec![Ok(Article {
        id,
        text,
        origin: Some(path.display().to_string()),
        ..Article::default()
    })])
}
