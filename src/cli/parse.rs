//! The parser's command-line pieces: `train parser`, `eval parser` and `tag --parse`.
//!
//! Treebanks are read with the library's CoNLL-U reader; sentences that are not trees
//! are reported on stderr and skipped, and the command then exits with code 1.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use newsgraph::nlp::Annotator;
use newsgraph::nlp::parser::features::groups;
use newsgraph::nlp::parser::train::{self, TrainOptions, our_tags, treebank_tags};
use newsgraph::nlp::parser::{ConlluSentence, Parser, conllu};
use newsgraph::nlp::sentence::split_sentences;
use newsgraph::nlp::tokenize::tokenize;

use super::Outcome;

#[derive(Debug, clap::Args)]
pub struct TrainArgs {
    /// CoNLL-U training files (repeat the flag or list several after it).
    #[arg(long, required = true, num_args = 1..)]
    pub train: Vec<PathBuf>,
    /// CoNLL-U development file, scored after every epoch.
    #[arg(long)]
    pub dev: PathBuf,
    /// Where to write the model (required: never the shipped model by accident).
    #[arg(long)]
    pub out: PathBuf,
    #[arg(long, default_value_t = TrainOptions::default().epochs)]
    pub epochs: usize,
    #[arg(long, default_value_t = TrainOptions::default().seed)]
    pub seed: u64,
    /// Feature groups as a bit set: 1 base (always), 2 clusters, 4 tag dictionary, 8 suffixes,
    /// 16 the retagger (treebank tags from ours inside the model).
    #[arg(long, default_value_t = TrainOptions::default().groups)]
    pub features: u32,
    /// Probability of following a wrong prediction during training (error exploration).
    #[arg(long, default_value_t = TrainOptions::default().explore)]
    pub explore: f64,
    /// First epoch (0-based) with error exploration.
    #[arg(long, default_value_t = TrainOptions::default().explore_after)]
    pub explore_after: usize,
    /// Beam width: 1 trains a greedy parser with the dynamic oracle; wider beams train
    /// with max-violation updates and become the model's default width.
    #[arg(long, default_value_t = TrainOptions::default().beam)]
    pub beam: usize,
    /// Drop weights below this many quantised units (of 32,000): a smaller, faster model.
    #[arg(long, default_value_t = TrainOptions::default().prune)]
    pub prune: i16,
    /// With --beam: also train greedily with the dynamic oracle (one model, both decoders).
    #[arg(long)]
    pub greedy_too: bool,
    /// Train towards the static oracle (no exploration), for comparison.
    #[arg(long)]
    pub static_oracle: bool,
    /// Features seen in fewer gold-path configurations get no weight.
    #[arg(long, default_value_t = TrainOptions::default().min_count)]
    pub min_count: u32,
    /// Train and tune on the treebanks' own XPOS tags (an upper bound; not for shipping).
    #[arg(long)]
    pub treebank_tags: bool,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// CoNLL-U file with gold trees; its words are tagged by our POS model.
    #[arg(long)]
    pub conllu: PathBuf,
    /// Parser model instead of the embedded one.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Parse with the file's own XPOS tags instead of ours (an upper bound).
    #[arg(long)]
    pub treebank_tags: bool,
    /// Beam width (1 is greedy, as `Parser::parse`; wider helps beam-trained models).
    #[arg(long, default_value_t = 1)]
    pub beam: usize,
    /// Also write the parses as CoNLL-U here (gold words, our tags in XPOS).
    #[arg(long)]
    pub predictions: Option<PathBuf>,
}

/// Reads CoNLL-U files, reporting the sentences left out; true if any was.
fn read_treebanks(paths: &[PathBuf]) -> anyhow::Result<(Vec<ConlluSentence>, bool)> {
    let mut out = Vec::new();
    let mut skipped = false;
    for p in paths {
        let text =
            std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
        let file = conllu::parse(&text, &p.display().to_string());
        for e in &file.skipped {
            eprintln!("newsgraph: skipped sentence: {e}");
        }
        if !file.skipped.is_empty() {
            eprintln!(
                "{}: {} sentences skipped, {} read",
                p.display(),
                file.skipped.len(),
                file.sentences.len()
            );
            skipped = true;
        }
        out.extend(file.sentences);
    }
    Ok((out, skipped))
}

/// Only file names go into the model, so models do not depend on where corpora live.
fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

pub fn run_train(args: TrainArgs) -> anyhow::Result<Outcome> {
    let (train_set, skipped_train) = read_treebanks(&args.train)?;
    let (dev_set, skipped_dev) = read_treebanks(std::slice::from_ref(&args.dev))?;
    let mut files: Vec<String> = args.train.iter().map(|p| file_name(p)).collect();
    files.sort();
    let opts = TrainOptions {
        epochs: args.epochs,
        seed: args.seed,
        groups: args.features | groups::BASE,
        explore: args.explore,
        explore_after: args.explore_after,
        treebank_tags: args.treebank_tags,
        min_count: args.min_count,
        static_oracle: args.static_oracle,
        beam: args.beam,
        greedy_too: args.greedy_too,
        prune: args.prune,
        provenance: format!(
            "newsgraph train parser --train {} --dev {} --epochs {} --seed {} --features {} --explore {} --explore-after {} --min-count {} --prune {} --beam {}{}{}{}",
            files.join(" "),
            file_name(&args.dev),
            args.epochs,
            args.seed,
            args.features | groups::BASE,
            args.explore,
            args.explore_after,
            args.min_count,
            args.prune,
            args.beam,
            if args.greedy_too { " --greedy-too" } else { "" },
            if args.static_oracle {
                " --static-oracle"
            } else {
                ""
            },
            if args.treebank_tags {
                " --treebank-tags"
            } else {
                ""
            }
        ),
    };
    let started = std::time::Instant::now();
    let parser = train::train(&train_set, &dev_set, &opts, &mut |l| eprintln!("{l}"))?;
    let bytes = parser.to_bytes()?;
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    let (features, weights) = parser.model().size();
    eprintln!(
        "wrote {} ({} bytes, {features} features, {weights} weights) in {:.1} s",
        args.out.display(),
        bytes.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(if skipped_train || skipped_dev {
        Outcome::Partial
    } else {
        Outcome::Ok
    })
}

pub fn run_eval(args: EvalArgs) -> anyhow::Result<Outcome> {
    let owned;
    let parser = match &args.model {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
            owned =
                Parser::from_bytes(&bytes).with_context(|| format!("loading {}", p.display()))?;
            &owned
        }
        None => Parser::builtin()?,
    };
    let (sentences, skipped) = read_treebanks(std::slice::from_ref(&args.conllu))?;
    let ours = our_tags(&sentences)?;
    let theirs = treebank_tags(&sentences);
    let tags = if args.treebank_tags { &theirs } else { &ours };
    let width = args.beam;
    let started = std::time::Instant::now();
    let trees = train::parse_all(parser, &sentences, tags, width);
    let elapsed = started.elapsed().as_secs_f64();
    let scores = train::score_all(&sentences, &trees);
    if let Some(path) = &args.predictions {
        let mut w = std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("creating {}", path.display()))?,
        );
        for ((s, t), tree) in sentences.iter().zip(tags).zip(&trees) {
            if let Some(id) = &s.id {
                writeln!(w, "# sent_id = {id}")?;
            }
            for (i, word) in s.words.iter().enumerate() {
                let head = tree.head(i).map_or(0, |h| h + 1);
                let tag = t.get(i).copied().unwrap_or("_");
                writeln!(
                    w,
                    "{}\t{word}\t_\t_\t{tag}\t_\t{head}\t{}\t_\t_",
                    i + 1,
                    tree.label(i)
                )?;
            }
            writeln!(w)?;
        }
        w.flush()?;
    }
    let (mut same, mut total) = (0usize, 0usize);
    for (a, b) in ours.iter().zip(&theirs) {
        total += a.len();
        same += a.iter().zip(b).filter(|(x, y)| x == y).count();
    }
    let mut out = std::io::stdout().lock();
    write!(out, "{scores}")?;
    let tokens: usize = sentences.iter().map(ConlluSentence::len).sum();
    writeln!(
        out,
        "beam {width}: {:.0} tokens/s (parsing only, this run)",
        tokens as f64 / elapsed.max(1e-9)
    )?;
    writeln!(
        out,
        "tags: {}; our POS tags equal the file's XPOS on {:.2}% of tokens",
        if args.treebank_tags {
            "the file's XPOS"
        } else {
            "ours"
        },
        100.0 * same as f64 / total.max(1) as f64
    )?;
    Ok(if skipped {
        Outcome::Partial
    } else {
        Outcome::Ok
    })
}

/// `tag --parse`: one CoNLL-U block per sentence of a plain-text file, with our tokens,
/// our Penn tags in XPOS and the parser's heads and relations.
pub fn tag_parse(
    text: &str,
    annotator: &Annotator,
    beam: usize,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let parser = Parser::builtin()?;
    let tokens = tokenize(text);
    let sentences = split_sentences(text, &tokens);
    let words: Vec<Vec<&str>> = sentences
        .iter()
        .map(|s| {
            tokens[s.tokens.clone()]
                .iter()
                .map(|t| t.span.slice(text))
                .collect()
        })
        .collect();
    let tagged = annotator.annotate(&words);
    for (n, ((s, w), t)) in sentences.iter().zip(&words).zip(&tagged).enumerate() {
        let tree = parser.parse_beam(w, &t.pos, beam);
        let flat: String = s
            .span
            .slice(text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        writeln!(out, "# sent_id = {}", n + 1)?;
        writeln!(out, "# text = {flat}")?;
        for (i, word) in w.iter().enumerate() {
            let head = tree.head(i).map_or(0, |h| h + 1);
            writeln!(
                out,
                "{}\t{word}\t_\t_\t{}\t_\t{head}\t{}\t_\t_",
                i + 1,
                t.pos[i],
                tree.label(i)
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
