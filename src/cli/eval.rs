//! `newsgraph eval ner|pos|chunk --conll FILE`: score the taggers on a labelled CoNLL-2003
//! style file and print conlleval-style results to stdout.

use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;
use newsgraph::nlp::Annotator;
use newsgraph::nlp::conll::{self, SpanScores};
use newsgraph::nlp::training::{CHUNK_COLUMN, NER_COLUMN, POS_COLUMN};

use super::Outcome;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    pub what: What,
}

#[derive(Debug, Subcommand)]
pub enum What {
    /// Named entities: exact span and type, per type and overall.
    Ner(Common),
    /// Part-of-speech accuracy.
    Pos(Common),
    /// Chunk spans, per type and overall.
    Chunk(Common),
}

#[derive(Debug, clap::Args)]
pub struct Common {
    /// Labelled file: token POS chunk NER per line.
    #[arg(long)]
    pub conll: PathBuf,
    /// Directory with pos.model, chunk.model and ner.model (default: the bundled models).
    #[arg(long)]
    pub models: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let (c, col) = match &args.what {
        What::Ner(c) => (c, NER_COLUMN),
        What::Pos(c) => (c, POS_COLUMN),
        What::Chunk(c) => (c, CHUNK_COLUMN),
    };
    let owned;
    let annotator = match &c.models {
        Some(dir) => {
            owned = Annotator::from_dir(dir)
                .with_context(|| format!("loading models from {}", dir.display()))?;
            &owned
        }
        None => Annotator::builtin()?,
    };
    let text = std::fs::read_to_string(&c.conll)
        .with_context(|| format!("reading {}", c.conll.display()))?;
    let docs = conll::parse(&text, &c.conll.display().to_string(), col + 1)?;
    let mut scores = SpanScores::default();
    for d in &docs {
        let words: Vec<Vec<&str>> = d
            .sentences
            .iter()
            .map(|s| s.iter().map(|t| t.word()).collect())
            .collect();
        let tagged = annotator.annotate(&words);
        for (s, t) in d.sentences.iter().zip(&tagged) {
            let gold: Vec<&str> = s.iter().map(|tok| tok.column(col)).collect();
            let pred = match &args.what {
                What::Ner(_) => &t.ner,
                What::Pos(_) => &t.pos,
                What::Chunk(_) => &t.chunk,
            };
            if matches!(args.what, What::Pos(_)) {
                scores.tokens += gold.len();
                scores.correct_tags += gold.iter().zip(pred).filter(|(g, p)| *g == *p).count();
            } else {
                scores.add(&gold, pred);
            }
        }
    }
    if matches!(args.what, What::Pos(_)) {
        println!(
            "processed {} tokens; accuracy: {:6.2}%",
            scores.tokens,
            scores.accuracy()
        );
    } else {
        print!("{}", scores.report());
    }
    Ok(Outcome::Ok)
}
