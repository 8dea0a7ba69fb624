//! `newsgraph tag [--format conll | --parse] FILE`: tag plain text (one token per line with
//! POS, chunk and entity tags, blank line between sentences), append an NER column to a
//! CoNLL file, keeping every input line, or parse plain text into CoNLL-U.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use newsgraph::nlp::Annotator;
use newsgraph::nlp::sentence::split_sentences;
use newsgraph::nlp::tokenize::tokenize;

use super::Outcome;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Plain text in, `token POS chunk NER` lines out.
    Text,
    /// CoNLL columns in, the same lines with an NER column appended out.
    Conll,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Input file, or `-` for stdin.
    pub file: PathBuf,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Directory with pos.model, chunk.model and ner.model (default: the bundled models).
    #[arg(long)]
    pub models: Option<PathBuf>,
    /// Parse plain text: CoNLL-U with our Penn tags (XPOS), heads and UD relations.
    #[arg(long, conflicts_with = "format")]
    pub parse: bool,
    /// With --parse: beam width (1 is greedy and fastest).
    #[arg(long, default_value_t = 1, requires = "parse")]
    pub beam: usize,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let owned;
    let annotator = match &args.models {
        Some(dir) => {
            owned = Annotator::from_dir(dir)
                .with_context(|| format!("loading models from {}", dir.display()))?;
            &owned
        }
        None => Annotator::builtin()?,
    };
    let text = super::common::read_text(&args.file)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.parse {
        super::parse::tag_parse(&text, annotator, args.beam, &mut out)?;
        out.flush()?;
        return Ok(Outcome::Ok);
    }
    match args.format {
        Format::Conll => annotator.tag_conll(&text, &mut out)?,
        Format::Text => {
            let tokens = tokenize(&text);
            let sentences = split_sentences(&text, &tokens);
            let words: Vec<Vec<&str>> = sentences
                .iter()
                .map(|s| {
                    tokens[s.tokens.clone()]
                        .iter()
                        .map(|t| t.span.slice(&text))
                        .collect()
                })
                .collect();
            let tagged = annotator.annotate(&words);
            for (s, t) in words.iter().zip(&tagged) {
                for (i, w) in s.iter().enumerate() {
                    writeln!(out, "{w}\t{}\t{}\t{}", t.pos[i], t.chunk[i], t.ner[i])?;
                }
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Ok)
}
