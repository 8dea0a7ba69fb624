//! `newsgraph train pos|chunk|ner`: train a tagger from CoNLL-2003 style files, printing
//! per-epoch dev scores to stderr and writing the model file.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Subcommand;
use newsgraph::nlp::clusters::{self, ClusterOptions};
use newsgraph::nlp::conll::{self, ConllDocument};
use newsgraph::nlp::modelfile::{Model, TaggerKind};
use newsgraph::nlp::training::{self, TrainOptions};

use super::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

#[derive(Debug, Subcommand)]
pub enum What {
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
}

fn read_conll(path: &Path) -> anyhow::Result<Vec<ConllDocument>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    Ok(conll::parse(&text, &path.display().to_string(), 4)?)
}

fn read_model(path: &Path, kind: TaggerKind) -> anyhow::Result<Model> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    Model::from_bytes(&bytes, kind).with_context(|| format!("loading {}", path.display()))
}

fn options(c: &Common, what: &str) -> TrainOptions {
    TrainOptions {
        epochs: c.epochs,
        seed: c.seed,
        min_count: c.min_count,
        folds: c.folds,
        provenance: format!(
            "newsgraph train {what} --train {} --dev {} --epochs {} --seed {} --min-count {} --folds {}",
            file_name(&c.train),
            file_name(&c.dev),
            c.epochs,
            c.seed,
            c.min_count,
            c.folds
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
        let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
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
    std::fs::write(out, text).with_context(|| format!("writing {}", out.display()))?;
    eprintln!(
        "clustered {} words from {} sentences ({tokens} tokens) into {}",
        paths.len(),
        sentences.len(),
        out.display()
    );
    Ok(Outcome::Ok)
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    if let What::Clusters { inputs, out } = &args.what {
        return run_clusters(inputs, out);
    }
    let mut log = |line: String| eprintln!("{line}");
    let (model, out) = match &args.what {
        What::Pos(c) => {
            let (train, dev) = (read_conll(&c.train)?, read_conll(&c.dev)?);
            (
                training::train_pos(&train, &dev, &options(c, "pos"), &mut log)?,
                &c.out,
            )
        }
        What::Chunk { common: c, pos } => {
            let pos = read_model(pos, TaggerKind::Pos)?;
            let (train, dev) = (read_conll(&c.train)?, read_conll(&c.dev)?);
            (
                training::train_chunk(&train, &dev, &pos, &options(c, "chunk"), &mut log)?,
                &c.out,
            )
        }
        What::Ner {
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
        What::Clusters { .. } => return Ok(Outcome::Ok),
    };
    let bytes = model.to_bytes()?;
    std::fs::write(out, &bytes).with_context(|| format!("writing {}", out.display()))?;
    let (features, weights) = model.size();
    eprintln!(
        "wrote {} ({} bytes, {features} features, {weights} weights)",
        out.display(),
        bytes.len()
    );
    Ok(Outcome::Ok)
}
