//! `newsgraph train pos|chunk|ner|clusters|stance|parser`: train a bundled model from a corpus
//! path, reproducibly, printing per-epoch dev scores to stderr and writing the model file.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Subcommand;
use newsgraph::nlp::clusters::{self, ClusterOptions};
use newsgraph::nlp::conll::{self, ConllDocument};
use newsgraph::nlp::modelfile::{Model, TaggerKind};
use newsgraph::nlp::training::{self, TrainOptions};

use super::Outcome;
use newsgraph::stance::classifier::feature_set;
use newsgraph::stance::{self, Lexicon};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Part-of-speech tagger (column 2).
    Pos(Common),
    /// Chunker (column 3), trained on jackknifed POS tags.
    Chunk {
        #[command(flatten)]
        common: Common,
        /// POS model that tags the dev set (its epochs and seed are reused for jackknifing).
        #[arg(long, default_value = "data/models/pos.model")]
        pos: PathBuf,
    },
    /// Named entities (column 4: PER, ORG, LOC, MISC), trained on jackknifed POS and chunks.
    Ner {
        #[command(flatten)]
        common: Common,
        #[arg(long, default_value = "data/models/pos.model")]
        pos: PathBuf,
        #[arg(long, default_value = "data/models/chunk.model")]
        chunk: PathBuf,
    },
    /// Word clusters from unlabelled tokens (CoNLL columns or the GMB CSV).
    Clusters {
        /// Token files; repeat for several.
        #[arg(long = "input", required = true)]
        inputs: Vec<PathBuf>,
        #[arg(long)]
        out: PathBuf,
    },
    /// The stance classifier on DSE-format files (sentence with [p] and [q], p, q, label).
    Stance(StanceArgs),
    /// The dependency parser on CoNLL-U treebanks, tagged by our POS model.
    Parser(super::parse::TrainArgs),
}

#[derive(Debug, clap::Args)]
pub struct Common {
    /// Training file (token POS chunk NER per line, -DOCSTART- documents).
    #[arg(long)]
    pub train: PathBuf,
    /// Development file, scored after every epoch.
    #[arg(long)]
    pub dev: PathBuf,
    /// Where to write the model.
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value_t = 10)]
    pub epochs: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Drop features seen fewer times than this in training.
    #[arg(long, default_value_t = 2)]
    pub min_count: u32,
    /// Folds for jackknifing upstream tags.
    #[arg(long, default_value_t = 4)]
    pub folds: usize,
    /// Chunk (and the chunkers inside NER training): train on jackknifed POS tags only,
    /// without the second copy of the corpus carrying its own POS tags.
    #[arg(long)]
    pub jackknifed_pos_only: bool,
}

fn read_conll(path: &Path) -> anyhow::Result<Vec<ConllDocument>> {
    let text = super::common::read_text(path)?;
    Ok(conll::parse(&text, &path.display().to_string(), 4)?)
}

fn read_model(path: &Path, kind: TaggerKind) -> anyhow::Result<Model> {
    let bytes = super::common::read_input(path)?;
    Model::from_bytes(&bytes, kind).with_context(|| format!("loading {}", path.display()))
}

fn options(c: &Common, what: &str) -> TrainOptions {
    TrainOptions {
        epochs: c.epochs,
        seed: c.seed,
        min_count: c.min_count,
        folds: c.folds,
        gold_pos_copy: !c.jackknifed_pos_only,
        provenance: format!(
            "newsgraph train {what} --train {} --dev {} --epochs {} --seed {} --min-count {} --folds {}{}",
            file_name(&c.train),
            file_name(&c.dev),
            c.epochs,
            c.seed,
            c.min_count,
            c.folds,
            if c.jackknifed_pos_only {
                " --jackknifed-pos-only"
            } else {
                ""
            }
        ),
    }
}

/// Only the file name goes into the model, so models do not depend on where corpora live.
fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn run_clusters(inputs: &[PathBuf], out: &Path) -> anyhow::Result<Outcome> {
    let mut sentences = Vec::new();
    for p in inputs {
        let bytes = super::common::read_input(p)?;
        sentences.extend(clusters::read_sentences(&String::from_utf8_lossy(&bytes)));
    }
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    let paths = clusters::induce(&sentences, &ClusterOptions::default());
    let mut text = String::new();
    for (w, p) in &paths {
        text.push_str(w);
        text.push('\t');
        text.push_str(p);
        text.push('\n');
    }
    newsgraph::output::write_bytes(out, text.as_bytes())?;
    eprintln!(
        "clustered {} words from {} sentences ({tokens} tokens) into {}",
        paths.len(),
        sentences.len(),
        out.display()
    );
    Ok(Outcome::Ok)
}

pub fn run(command: Command) -> anyhow::Result<Outcome> {
    match command {
        Command::Clusters { inputs, out } => run_clusters(&inputs, &out),
        Command::Stance(args) => run_stance(args),
        Command::Parser(args) => super::parse::run_train(args),
        tagger => run_tagger(&tagger),
    }
}

fn run_tagger(what: &Command) -> anyhow::Result<Outcome> {
    let mut log = |line: String| eprintln!("{line}");
    let (model, out) = match what {
        Command::Pos(c) => {
            let (train, dev) = (read_conll(&c.train)?, read_conll(&c.dev)?);
            (
                training::train_pos(&train, &dev, &options(c, "pos"), &mut log)?,
                &c.out,
            )
        }
        Command::Chunk { common: c, pos } => {
            let pos = read_model(pos, TaggerKind::Pos)?;
            let (train, dev) = (read_conll(&c.train)?, read_conll(&c.dev)?);
            (
                training::train_chunk(&train, &dev, &pos, &options(c, "chunk"), &mut log)?,
                &c.out,
            )
        }
        Command::Ner {
            common: c,
            pos,
            chunk,
        } => {
            let pos = read_model(pos, TaggerKind::Pos)?;
            let chunk = read_model(chunk, TaggerKind::Chunk)?;
            let (train, dev) = (read_conll(&c.train)?, read_conll(&c.dev)?);
            (
                training::train_ner(&train, &dev, &pos, &chunk, &options(c, "ner"), &mut log)?,
                &c.out,
            )
        }
        Command::Clusters { .. } | Command::Stance(_) | Command::Parser(_) => {
            return Ok(Outcome::Ok);
        }
    };
    let bytes = model.to_bytes()?;
    newsgraph::output::write_bytes(out, &bytes)?;
    let (features, weights) = model.size();
    eprintln!(
        "wrote {} ({} bytes, {features} features, {weights} weights)",
        out.display(),
        bytes.len()
    );
    Ok(Outcome::Ok)
}

#[derive(Debug, clap::Args)]
pub struct StanceArgs {
    /// Training file (DSE format).
    #[arg(long)]
    pub train: PathBuf,
    /// Development file: picks the epoch and tunes class offsets for macro-F1.
    #[arg(long)]
    pub dev: PathBuf,
    /// Where to write the model (required: the shipped data/models/stance.bin is only
    /// replaced when asked for by name).
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value_t = stance::TrainOptions::default().epochs)]
    pub epochs: usize,
    #[arg(long, default_value_t = stance::TrainOptions::default().seed)]
    pub seed: u64,
    /// Train without lexicon and rule features (the model-only baseline).
    #[arg(long)]
    pub no_rules: bool,
    /// Feature groups as a bit set (see stance::classifier::feature_set); overrides --no-rules.
    #[arg(long)]
    pub features: Option<u32>,
    #[arg(long, default_value_t = stance::TrainOptions::default().learning_rate)]
    pub learning_rate: f32,
    #[arg(long, default_value_t = stance::TrainOptions::default().l2)]
    pub l2: f32,
    /// Features seen fewer times in training get no weight.
    #[arg(long, default_value_t = stance::TrainOptions::default().min_count)]
    pub min_count: u32,
    /// Train this many models with successive seeds and average them.
    #[arg(long, default_value_t = stance::TrainOptions::default().bags)]
    pub bags: usize,
    /// Hidden units of the network added to the linear model (0: linear model only).
    #[arg(long, default_value_t = stance::MlpOptions::default().hidden)]
    pub hidden: usize,
    #[arg(long, default_value_t = stance::MlpOptions::default().epochs)]
    pub mlp_epochs: usize,
    #[arg(long, default_value_t = stance::MlpOptions::default().learning_rate)]
    pub mlp_learning_rate: f32,
    #[arg(long, default_value_t = stance::MlpOptions::default().dropout)]
    pub mlp_dropout: f32,
    /// Features seen fewer times in training get no embedding in the network.
    #[arg(long, default_value_t = stance::MlpOptions::default().min_count)]
    pub mlp_min_count: u32,
    /// Networks trained with successive seeds (their log-probabilities are averaged).
    #[arg(long, default_value_t = stance::TrainOptions::default().mlp_bags)]
    pub mlp_bags: usize,
    /// Weight of the network's log-probabilities next to the linear model's.
    #[arg(long, default_value_t = stance::TrainOptions::default().mlp_weight)]
    pub mlp_weight: f32,
}

fn run_stance(args: StanceArgs) -> anyhow::Result<Outcome> {
    let read = |p: &PathBuf| -> anyhow::Result<Vec<stance::dse::Example>> {
        let text = super::common::read_text(p)?;
        Ok(stance::dse::parse(&text, &p.display().to_string())?)
    };
    let train = read(&args.train)?;
    let dev = read(&args.dev)?;
    let options = stance::TrainOptions {
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
        mlp: stance::MlpOptions {
            hidden: args.hidden,
            epochs: args.mlp_epochs,
            learning_rate: args.mlp_learning_rate,
            min_count: args.mlp_min_count,
            dropout: args.mlp_dropout,
        },
        mlp_bags: args.mlp_bags,
        mlp_weight: args.mlp_weight,
    };
    let lexicon = Lexicon::builtin()?;
    let started = std::time::Instant::now();
    let (model, report) = stance::classifier::train(&train, &dev, &lexicon, &options)?;
    for (epoch, acc, f1) in &report.epochs {
        eprintln!("epoch {epoch:>2}: dev accuracy {acc:.4}, macro-F1 {f1:.4}");
    }
    for (epoch, score) in &report.mlp_epochs {
        eprintln!("network epoch {epoch:>2}: dev macro-F1 + accuracy {score:.4}");
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
    newsgraph::output::write_bytes(&args.out, &bytes)?;
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
