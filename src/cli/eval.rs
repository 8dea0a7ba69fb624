//! `newsgraph eval ...`: accuracy of each trained or rule-based component on a dev set.

use std::io::BufReader;
use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;

use super::{Outcome, common::ExtractArgs};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub what: Eval,
}

#[derive(Debug, Subcommand)]
pub enum Eval {
    /// Entity linking: QID precision and recall on AIDA-style JSONL.
    Link(LinkArgs),
}

#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    /// Documents with `text` and `labels[] = {span: [start, end) chars, entity_id}`.
    #[arg(long)]
    pub jsonl: PathBuf,
    #[command(flatten)]
    pub extract: ExtractArgs,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    match args.what {
        Eval::Link(a) => link(a),
    }
}

fn link(args: LinkArgs) -> anyhow::Result<Outcome> {
    let extractor = args.extract.extractor()?;
    let file = std::fs::File::open(&args.jsonl)
        .with_context(|| format!("cannot open {}", args.jsonl.display()))?;
    let s = newsgraph::extract::eval::evaluate(
        &extractor,
        BufReader::new(file),
        &args.jsonl.display().to_string(),
    )?;
    println!("documents                      {:>8}", s.documents);
    println!("gold mentions with a QID       {:>8}", s.gold);
    println!("  whose QID our data has       {:>8}", s.gold_known);
    println!("  linked to that QID           {:>8}", s.gold_known_found);
    println!("our linked mentions on gold    {:>8}", s.linked_on_gold);
    println!("  with the gold QID            {:>8}", s.linked_correct);
    println!("our linked mentions elsewhere  {:>8}", s.linked_elsewhere);
    println!();
    println!(
        "QID precision                  {:>7.2}%",
        100.0 * s.precision()
    );
    println!(
        "recall (QID in our data)       {:>7.2}%",
        100.0 * s.recall_known()
    );
    println!(
        "recall (all gold QIDs)         {:>7.2}%",
        100.0 * s.recall_all()
    );
    Ok(Outcome::Ok)
}
