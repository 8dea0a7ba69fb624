//! `newsgraph eval ner|pos|chunk|stance|link|parser`: score a component on a labelled dev file and
//! print precision, recall and F1 (or accuracy) to stdout.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Subcommand, ValueEnum};
use newsgraph::pipeline::Pipeline;
use newsgraph::stance::{self, Lexicon, Mode, StanceFinder, StanceModel};

use newsgraph::nlp::Annotator;
use newsgraph::nlp::conll::{self, SpanScores};
use newsgraph::nlp::training::{CHUNK_COLUMN, NER_COLUMN, POS_COLUMN};

use super::{Outcome, common::ExtractArgs};

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Named entities: exact span and type, per type and overall (conlleval style).
    Ner(ConllArgs),
    /// Part-of-speech accuracy.
    Pos(ConllArgs),
    /// Chunk spans, per type and overall.
    Chunk(ConllArgs),
    /// Score stance on a DSE-format file: accuracy, per-class P/R/F1, macro-F1.
    Stance(StanceArgs),
    /// Entity linking: QID precision and recall on AIDA-style JSONL.
    Link(LinkArgs),
    /// Dependency parsing: UAS and LAS on a CoNLL-U file, with our own POS tags.
    Parser(super::parse::EvalArgs),
    /// Stance relations on our annotated real-news passages (data/eval/relations.jsonl):
    /// precision, recall and sign accuracy by sign and category, quoted-speech recall and
    /// agreement with PETRARCH's own codings. The passages are rebuilt from the corpora.
    Relations(RelationsArgs),
    /// Nodes on our judged real-news mentions (data/eval/nodes.jsonl): precision per type
    /// and overall, duplicate and junk rates, with counts. The articles are rebuilt from
    /// the corpora and the whole pipeline, corpus-level identity included, runs on them.
    Nodes(NodesArgs),
}

#[derive(Debug, clap::Args)]
pub struct NodesArgs {
    /// The judged set.
    #[arg(long, default_value = "data/eval/nodes.jsonl")]
    pub gold: PathBuf,
    /// Folder holding conll2003/train.txt and gmb/ner_dataset.csv.
    #[arg(long, value_name = "DIR")]
    pub corpora: PathBuf,
    /// Also print every scored node as TSV: verdict, duplicate, type, id, referent and the
    /// judged mentions it holds.
    #[arg(long)]
    pub errors: bool,
    /// Write every mention of the run as JSON lines (article, span, text, node, type,
    /// sentence) to this file, for judging with scripts/eval/nodes.py. Holds corpus text:
    /// keep it out of the repository.
    #[arg(long, value_name = "FILE")]
    pub dump: Option<PathBuf>,
    #[command(flatten)]
    pub extract: ExtractArgs,
}

#[derive(Debug, clap::Args)]
pub struct RelationsArgs {
    /// The gold file.
    #[arg(long, default_value = "data/eval/relations.jsonl")]
    pub gold: PathBuf,
    /// Folder holding conll2003/valid.txt, gmb/ner_dataset.csv and
    /// petrarch-gsr/PETR2_GSR_validation.xml.
    #[arg(long, value_name = "DIR")]
    pub corpora: PathBuf,
    /// Which passages to score.
    #[arg(long, value_enum, default_value_t = Split::All)]
    pub split: Split,
    /// Also print every relation as TSV: ok / fp (system, not fully right) / fn (gold, not
    /// found), with the passage, names, sign, category and the sentence.
    #[arg(long)]
    pub errors: bool,
    /// Rules only, without the classifier.
    #[arg(long)]
    pub rules_only: bool,
    #[command(flatten)]
    pub extract: ExtractArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Split {
    Dev,
    Test,
    All,
}

#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    /// Documents with `text` and `labels[] = {span: [start, end) chars, entity_id}`.
    #[arg(long)]
    pub jsonl: PathBuf,
    /// Also print every mismatch as TSV (document, surface, gold QID, our QID, sentence):
    /// wrong links, missed known QIDs, and (with `--errors all`) links where the gold has none.
    #[arg(long, value_enum, num_args = 0..=1, default_missing_value = "gold")]
    pub errors: Option<ErrorScope>,
    #[command(flatten)]
    pub extract: ExtractArgs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ErrorScope {
    /// Mismatches on gold mentions that have a QID.
    Gold,
    /// Those plus our links where the gold has no mention or a NIL one.
    All,
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
        Command::Ner(args) => run_tagger(&args, NER_COLUMN),
        Command::Pos(args) => run_tagger(&args, POS_COLUMN),
        Command::Chunk(args) => run_tagger(&args, CHUNK_COLUMN),
        Command::Stance(args) => run_stance(args),
        Command::Link(args) => run_link(args),
        Command::Relations(args) => run_relations(args),
        Command::Nodes(args) => run_nodes(args),
        Command::Parser(args) => super::parse::run_eval(args),
    }
}

fn run_nodes(args: NodesArgs) -> anyhow::Result<Outcome> {
    use newsgraph::KnowledgeGraph;
    use newsgraph::graph::judged::{self, JudgedSet, Verdict};
    use newsgraph::stance::gold::{self, GoldSet, Sources};
    let text = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("cannot read {}", args.gold.display()))?;
    let set = JudgedSet::parse(&text, &args.gold.display().to_string())?;
    let read = |rel: &str, latin1: bool| read_corpus(&args.corpora, rel, latin1);
    let sources = Sources {
        conll_train: read("conll2003/train.txt", false)?,
        gmb: read("gmb/ner_dataset.csv", true)?,
        ..Sources::default()
    };
    let records = GoldSet {
        passages: set.articles.clone(),
        relations: Vec::new(),
    };
    let passages = gold::passages(&records, &sources)?;
    let finder = StanceFinder::builtin()?;
    let extractor = args.extract.extractor()?;
    let pipeline = Pipeline::new(&extractor, args.extract.threads).with_stance(&finder);
    let mut docs = Vec::with_capacity(passages.len());
    let mut graph = KnowledgeGraph::new(newsgraph::graph::DEFAULT_EVIDENCE_LIMIT);
    pipeline.run(
        passages.iter().map(|p| Ok(p.article())),
        |d| {
            graph.add_document(&d);
            docs.push(d);
            Ok(())
        },
        |e| eprintln!("newsgraph: warning: {e}"),
    )?;
    let merges = graph.resolve_person_identity();
    let canonical = |id: &newsgraph::EntityId| merges.get(id).unwrap_or(id).clone();
    if let Some(path) = &args.dump {
        let mut w = std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        );
        for d in &docs {
            for m in &d.mentions {
                let id = canonical(&m.entity);
                let node = graph.node(&id).map(|n| &n.entity);
                let line = serde_json::json!({
                    "article": d.article.id,
                    "start": m.span.start,
                    "end": m.span.end,
                    "text": m.text,
                    "node": id.as_str(),
                    "name": node.map_or("", |e| e.name.as_str()),
                    "etype": m.etype.as_str(),
                    "qid": node.and_then(|e| e.ids.qid.as_deref()),
                    "context": d.sentence_text(m.sentence),
                });
                writeln!(w, "{line}")?;
            }
        }
        w.flush()?;
    }
    let report = judged::score(&set, &docs, &graph, &canonical);
    let mut out = std::io::stdout().lock();
    if args.errors {
        writeln!(out, "verdict\tduplicate\ttype\tnode\treferent\tmentions")?;
        for n in &report.nodes {
            let ms: Vec<String> = n
                .mentions
                .iter()
                .map(|(s, said)| format!("{}-{} {said}", s.start, s.end))
                .collect();
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}",
                n.verdict.as_str(),
                if n.duplicate { "dup" } else { "-" },
                n.etype.as_str(),
                n.id.as_str(),
                n.referent.as_deref().unwrap_or("-"),
                ms.join(" | ")
            )?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "{} articles, {} judged mentions; {} nodes hold a sampled mention",
        set.articles.len(),
        set.mentions.len(),
        report.all.judged
    )?;
    writeln!(
        out,
        "{:<13} {:>6}  {:<17} {:>10} {:>9} {:>5} {:>10}  {:<17} {:<17}",
        "type",
        "judged",
        "precision",
        "wrong-type",
        "wrong-ref",
        "junk",
        "not-entity",
        "duplicates",
        "junk rate"
    )?;
    let mut rows: Vec<(&str, &judged::NodeCounts)> = report
        .by_type
        .iter()
        .map(|(t, c)| (t.as_str(), c))
        .collect();
    rows.push(("all", &report.all));
    for (name, c) in rows {
        let rate = |n: usize| {
            if c.judged == 0 {
                0.0
            } else {
                n as f64 / c.judged as f64
            }
        };
        let right = c.count(Verdict::Right);
        let junk = c.count(Verdict::Junk);
        writeln!(
            out,
            "{name:<13} {:>6}  {:<17} {:>10} {:>9} {:>5} {:>10}  {:<17} {:<17}",
            c.judged,
            format!("{:.3} ({right}/{})", c.precision(), c.judged),
            c.count(Verdict::WrongType),
            c.count(Verdict::WrongReferent),
            junk,
            c.count(Verdict::NotEntity),
            format!("{:.3} ({}/{})", rate(c.duplicates), c.duplicates, c.judged),
            format!("{:.3} ({junk}/{})", rate(junk), c.judged),
        )?;
    }
    writeln!(
        out,
        "sampled real-actor mentions that land in no node: {}/{}; sampled junk mentions \
         that no longer make a node: {}/{}",
        report.entity_mentions_lost,
        report.entity_mentions,
        report.junk_mentions_gone,
        report.junk_mentions
    )?;
    Ok(Outcome::Ok)
}

fn run_relations(args: RelationsArgs) -> anyhow::Result<Outcome> {
    use newsgraph::stance::gold::{self, GoldSet, Sources};
    let text = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("cannot read {}", args.gold.display()))?;
    let mut set = GoldSet::parse(&text, &args.gold.display().to_string())?;
    let keep = |split: &str| match args.split {
        Split::All => true,
        Split::Dev => split == "dev",
        Split::Test => split == "test",
    };
    set.passages.retain(|p| keep(&p.split));
    let read = |rel: &str, latin1: bool| read_corpus(&args.corpora, rel, latin1);
    let sources = Sources {
        conll: read("conll2003/valid.txt", false)?,
        gmb: read("gmb/ner_dataset.csv", true)?,
        petrarch: read("petrarch-gsr/PETR2_GSR_validation.xml", false)?,
        conll_train: None,
    };
    let passages = gold::passages(&set, &sources)?;
    let finder = if args.rules_only {
        StanceFinder::rules_only()?
    } else {
        StanceFinder::builtin()?
    };
    let extractor = args.extract.extractor()?;
    let pipeline = Pipeline::new(&extractor, args.extract.threads).with_stance(&finder);
    let mut docs = Vec::with_capacity(passages.len());
    pipeline.run(
        passages.iter().map(|p| Ok(p.article())),
        |d| {
            docs.push(d);
            Ok(())
        },
        |e| eprintln!("newsgraph: warning: {e}"),
    )?;
    let gaz = extractor.gazetteer();
    let code_of = |id: &newsgraph::EntityId| gaz.country_code(id);
    let report = gold::score(&set, &passages, &docs, &code_of);
    let mut out = std::io::stdout().lock();
    if args.errors {
        writeln!(
            out,
            "verdict\tsplit\tpassage\tsource\ttarget\tsign\tcategory\tnote\tsentence"
        )?;
        let text_of: std::collections::HashMap<&str, &str> = passages
            .iter()
            .map(|p| (p.record.id.as_str(), p.text.as_str()))
            .collect();
        for it in &report.items {
            let sentence = text_of
                .get(it.passage.as_str())
                .map_or("", |t| it.sentence.slice(t))
                .replace(['\n', '\t'], " ");
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{:?}\t{}\t{}\t{}",
                it.verdict,
                it.split,
                it.passage,
                it.source,
                it.target,
                it.sign,
                it.category,
                it.note,
                sentence
            )?;
        }
        writeln!(out)?;
    }
    let mut splits: Vec<(String, gold::Scores)> = report
        .by_split
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    if splits.len() > 1 {
        splits.push(("all".to_string(), report.all()));
    }
    for (name, s) in &splits {
        writeln!(out, "== {name}: {} passages", s.passages)?;
        let line = |label: &str, c: &gold::Counts| {
            format!(
                "{label:<28} precision {:>5.3} ({:>3}/{:<3})  recall {:>5.3} ({:>3}/{:<3})  any sign {:>3}",
                c.precision(),
                c.correct,
                c.predicted,
                c.recall(),
                c.found,
                c.gold,
                c.found_any_sign
            )
        };
        writeln!(out, "{}", line("hostile + friendly", &s.polar))?;
        writeln!(out, "{}", line("neutral", &s.neutral))?;
        // Which system relation came from a quote is not scored, so only recall is shown.
        let q = &s.quoted;
        writeln!(
            out,
            "{:<28} precision   n/a            recall {:>5.3} ({:>3}/{:<3})  any sign {:>3}",
            "quoted hostile + friendly",
            q.recall(),
            q.found,
            q.gold,
            q.found_any_sign
        )?;
        writeln!(
            out,
            "sign accuracy on matched pairs {:.3} ({}/{})",
            s.sign_accuracy(),
            s.matched_same_sign,
            s.matched
        )?;
        if s.gsr_codings > 0 {
            writeln!(
                out,
                "PETRARCH codings (country codes) {}: same source and target {} ({:.3}), and sign {} ({:.3})",
                s.gsr_codings,
                s.gsr_pair,
                s.gsr_pair as f64 / s.gsr_codings as f64,
                s.gsr_signed,
                s.gsr_signed as f64 / s.gsr_codings as f64
            )?;
        }
        writeln!(out, "by gold category (recall):")?;
        for (k, c) in &s.by_gold_category {
            writeln!(
                out,
                "  {k:<12} {:>3}/{:<3} = {:.3}  any sign {}",
                c.found,
                c.gold,
                c.recall(),
                c.found_any_sign
            )?;
        }
        writeln!(out, "by system category (precision):")?;
        for (k, c) in &s.by_system_category {
            writeln!(
                out,
                "  {k:<12} {:>3}/{:<3} = {:.3}",
                c.correct,
                c.predicted,
                c.precision()
            )?;
        }
        writeln!(out)?;
    }
    Ok(Outcome::Ok)
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
    if let Some(scope) = args.errors {
        println!("document\tsurface\tgold\tpredicted\tsentence");
        for m in &s.mismatches {
            if m.gold.is_none() && scope != ErrorScope::All {
                continue;
            }
            println!(
                "{}\t{}\t{}\t{}\t{}",
                m.document,
                m.surface,
                m.gold.as_deref().unwrap_or("-"),
                m.predicted.as_deref().unwrap_or("-"),
                m.context
            );
        }
        println!();
    }
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
    let text = super::common::read_text(&args.dse)?;
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
            let bytes = super::common::read_input(path)?;
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
        newsgraph::output::write_bytes(path, out.as_bytes())?;
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

#[derive(Debug, clap::Args)]
pub struct ConllArgs {
    /// Labelled file: token POS chunk NER per line.
    #[arg(long)]
    pub conll: PathBuf,
    /// Directory with pos.model, chunk.model and ner.model (default: the bundled models).
    #[arg(long)]
    pub models: Option<PathBuf>,
}

fn run_tagger(c: &ConllArgs, col: usize) -> anyhow::Result<Outcome> {
    let owned;
    let annotator = match &c.models {
        Some(dir) => {
            owned = Annotator::from_dir(dir)
                .with_context(|| format!("loading models from {}", dir.display()))?;
            &owned
        }
        None => Annotator::builtin()?,
    };
    let text = super::common::read_text(&c.conll)?;
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
            let pred = match col {
                NER_COLUMN => &t.ner,
                POS_COLUMN => &t.pos,
                _ => &t.chunk,
            };
            if col == POS_COLUMN {
                scores.tokens += gold.len();
                scores.correct_tags += gold.iter().zip(pred).filter(|(g, p)| *g == *p).count();
            } else {
                scores.add(&gold, pred);
            }
        }
    }
    if col == POS_COLUMN {
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

/// One corpus file under `corpora` (`latin1`: bytes read as Latin-1, as GMB's CSV is).
fn read_corpus(
    corpora: &std::path::Path,
    rel: &str,
    latin1: bool,
) -> anyhow::Result<Option<String>> {
    let path = corpora.join(rel);
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(Some(if latin1 {
        bytes.iter().map(|&b| b as char).collect()
    } else {
        String::from_utf8(bytes).with_context(|| format!("{}: not UTF-8", path.display()))?
    }))
}
