//! `newsgraph eval <task>`: scores a component on a labelled file and prints the scores.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use newsgraph::stance::{self, Lexicon, Mode, StanceModel};

use super::{Outcome, common::ExtractArgs};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score stance on a DSE-format file: accuracy, per-class P/R/F1, macro-F1.
    Stance(StanceArgs),
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

#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum StanceMode {
    /// Lexicon rules only.
    Rules,
    /// The classifier alone (needs a model trained with --no-rules).
    Model,
    /// Rules as features of the classifier (the shipped system).
    Combined,
}

#[derive(Debug, clap::Args)]
pub struct StanceArgs {
    /// DSE file: sentence with [p] and [q], p, q, label.
    #[arg(long)]
    pub dse: PathBuf,
    /// Write one predicted label (0-4) per input line here, in order.
    #[arg(long)]
    pub predictions: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = StanceMode::Combined)]
    pub mode: StanceMode,
    /// Model file instead of the embedded one.
    #[arg(long)]
    pub model: Option<PathBuf>,
}

pub fn run(command: Command) -> anyhow::Result<Outcome> {
    match command {
        Command::Stance(args) => run_stance(args),
        Command::Link(args) => run_link(args),
    }
}

fn run_link(args: LinkArgs) -> anyhow::Result<Outcome> {
    let extractor = args.extract.extractor()?;
    let file = std::fs::File::open(&args.jsonl)
        .with_context(|| format!("cannot open {}", args.jsonl.display()))?;
    let s = newsgraph::extract::eval::evaluate(
        &extractor,
        std::io::BufReader::new(file),
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

fn run_stance(args: StanceArgs) -> anyhow::Result<Outcome> {
    let text = std::fs::read_to_string(&args.dse)
        .with_context(|| format!("cannot read {}", args.dse.display()))?;
    let examples = stance::dse::parse(&text, &args.dse.display().to_string())?;
    let lexicon = Lexicon::builtin()?;
    let mode = match args.mode {
        StanceMode::Rules => Mode::Rules,
        StanceMode::Model => Mode::Model,
        StanceMode::Combined => Mode::Combined,
    };
    let model = match (&args.model, mode) {
        (_, Mode::Rules) => None,
        (Some(path), _) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            Some(
                StanceModel::from_bytes(&bytes)
                    .with_context(|| format!("cannot load {}", path.display()))?,
            )
        }
        (None, _) => Some(StanceModel::builtin()?),
    };
    let predicted = stance::classifier::predict_dse(&examples, &lexicon, model.as_ref(), mode)?;
    let gold: Vec<u8> = examples.iter().map(|e| e.label.unwrap_or(0)).collect();
    if let Some(path) = &args.predictions {
        let mut out = String::with_capacity(predicted.len() * 2);
        for p in &predicted {
            out.push_str(&p.to_string());
            out.push('\n');
        }
        std::fs::write(path, out).with_context(|| format!("cannot write {}", path.display()))?;
    }
    let unlabelled = examples.iter().filter(|e| e.label.is_none()).count();
    if unlabelled > 0 {
        eprintln!("{unlabelled} lines have no gold label and are scored as neutral");
    }
    let scores = stance::dse::Scores::new(&gold, &predicted);
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "mode      {:?}", args.mode)?;
    write!(stdout, "{}", scores.report())?;
    Ok(Outcome::Ok)
}
