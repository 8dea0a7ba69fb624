//! `newsgraph train <model>`: trains a bundled model from a corpus path, reproducibly.

use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;
use newsgraph::stance::classifier::feature_set;
use newsgraph::stance::{self, Lexicon, TrainOptions};

use super::Outcome;

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Train the stance classifier on DSE-format files (sentence with [p] and [q], p, q, label).
    Stance(StanceArgs),
}

#[derive(Debug, clap::Args)]
pub struct StanceArgs {
    /// Training file (DSE format).
    #[arg(long)]
    pub train: PathBuf,
    /// Development file: picks the epoch and tunes class offsets for macro-F1.
    #[arg(long)]
    pub dev: PathBuf,
    /// Where to write the model.
    #[arg(long, default_value = "data/models/stance.bin")]
    pub out: PathBuf,
    #[arg(long, default_value_t = TrainOptions::default().epochs)]
    pub epochs: usize,
    #[arg(long, default_value_t = TrainOptions::default().seed)]
    pub seed: u64,
    /// Train without lexicon and rule features (the model-only baseline).
    #[arg(long)]
    pub no_rules: bool,
    /// Feature groups as a bit set (see stance::classifier::feature_set); overrides --no-rules.
    #[arg(long)]
    pub features: Option<u32>,
    #[arg(long, default_value_t = TrainOptions::default().learning_rate)]
    pub learning_rate: f32,
    #[arg(long, default_value_t = TrainOptions::default().l2)]
    pub l2: f32,
    /// Features seen fewer times in training get no weight.
    #[arg(long, default_value_t = TrainOptions::default().min_count)]
    pub min_count: u32,
    /// Train this many models with successive seeds and average them.
    #[arg(long, default_value_t = TrainOptions::default().bags)]
    pub bags: usize,
}

pub fn run(command: Command) -> anyhow::Result<Outcome> {
    match command {
        Command::Stance(args) => run_stance(args),
    }
}

fn run_stance(args: StanceArgs) -> anyhow::Result<Outcome> {
    let read = |p: &PathBuf| -> anyhow::Result<Vec<stance::dse::Example>> {
        let text =
            std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?;
        Ok(stance::dse::parse(&text, &p.display().to_string())?)
    };
    let train = read(&args.train)?;
    let dev = read(&args.dev)?;
    let options = TrainOptions {
        epochs: args.epochs,
        seed: args.seed,
        features: args.features.unwrap_or(if args.no_rules {
            feature_set::MODEL_ONLY
        } else {
            feature_set::COMBINED
        }),
        learning_rate: args.learning_rate,
        l2: args.l2,
        min_count: args.min_count,
        bags: args.bags,
    };
    let lexicon = Lexicon::builtin()?;
    let started = std::time::Instant::now();
    let (model, report) = stance::classifier::train(&train, &dev, &lexicon, &options)?;
    for (epoch, acc, f1) in &report.epochs {
        eprintln!("epoch {epoch:>2}: dev accuracy {acc:.4}, macro-F1 {f1:.4}");
    }
    if !report.skipped.is_empty() {
        let lines: Vec<String> = report.skipped.iter().map(usize::to_string).collect();
        eprintln!(
            "{}: skipped {} lines whose mentions could not be placed on tokens: {}",
            args.train.display(),
            lines.len(),
            lines.join(", ")
        );
    }
    eprintln!(
        "trained on {} examples in {:.1} s; dev after offset tuning:\n{}",
        report.train_examples,
        started.elapsed().as_secs_f64(),
        report.dev.report()
    );
    let bytes = model.to_bytes()?;
    if let Some(dir) = args.out.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!(
        "wrote {} ({} bytes, {} features)",
        args.out.display(),
        bytes.len(),
        model.features()
    );
    Ok(if !report.skipped.is_empty() {
        Outcome::Partial
    } else {
        Outcome::Ok
    })
}
