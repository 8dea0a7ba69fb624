//! `newsgraph build`: articles in, graph files out.
//!
//! Filters that concern articles (`--since`, `--until`) are applied before building, so
//! counts stay exact; the others are applied to the finished graph. The files are written
//! as one set, all or nothing ([`newsgraph::output::Staging`]), and only when at least one
//! article was read: a mistyped path never replaces a good graph with an empty one.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use newsgraph::KnowledgeGraph;
use newsgraph::analyze::{ReportFormat, analyze};
use newsgraph::export::{Format, write_all_into, write_into};
use newsgraph::graph::{ArticleMeta, ComentionScope};
use newsgraph::output::Staging;
use newsgraph::pipeline::Pipeline;
use newsgraph::stance::StanceFinder;

use super::analyze::AlgorithmArgs;
use super::filter::{FilterArgs, apply_filter};
use super::progress::Progress;
use super::{Outcome, common::ExtractArgs, plural};

/// Where `build` reads when given no input.
pub const SAMPLES: &str = "data/samples";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (recursive: .txt, .jsonl, .html, .rss, .atom, .xml) or `-` for stdin. Default: data/samples.
    pub inputs: Vec<PathBuf>,
    /// Output folder (created if missing).
    #[arg(long, default_value = "output")]
    pub out: PathBuf,
    /// Comma-separated formats: dot, json, html, node-link, cytoscape, graphml, gexf,
    /// neo4j-csv, cypher, turtle, csv, svg, png, or `all` (every format but the pictures).
    #[arg(long, default_value = "dot,json,html", value_delimiter = ',')]
    pub format: Vec<String>,
    /// Which actors get a co-mention edge: `sentence`, those named in one sentence, or
    /// `article`, also those only named in one article (many more edges, most of them noise).
    #[arg(long, value_name = "SCOPE", default_value = "sentence", value_parser = parse_scope)]
    pub comention: ComentionScope,
    /// Evidence references kept per edge.
    #[arg(long, default_value_t = newsgraph::graph::DEFAULT_EVIDENCE_LIMIT)]
    pub evidence: usize,
    /// Also compute centrality, communities and camps: stored as node attributes in every
    /// format, and the report written to OUT/analysis.txt.
    #[arg(long)]
    pub analyze: bool,
    /// No progress bar and no list of the files written; warnings and the one-line
    /// summary stay. (The bar is drawn only when stderr is a terminal anyway.)
    #[arg(long, short)]
    pub quiet: bool,
    #[command(flatten)]
    pub algorithms: AlgorithmArgs,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub extract: ExtractArgs,
}

/// Warnings about inputs are held back until an article has been read, so that a run
/// that reads nothing can say so in one line.
#[derive(Default)]
struct Warnings {
    read_any: bool,
    held: Vec<String>,
}

impl Warnings {
    fn warn(&mut self, message: String, progress: &Progress) {
        if self.read_any {
            progress.eprintln(&format!("newsgraph: warning: {message}"));
        } else {
            self.held.push(message);
        }
    }

    fn article_read(&mut self, progress: &Progress) {
        if !self.read_any {
            self.read_any = true;
            for m in self.held.drain(..) {
                progress.eprintln(&format!("newsgraph: warning: {m}"));
            }
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let inputs = if args.inputs.is_empty() {
        if !Path::new(SAMPLES).is_dir() {
            anyhow::bail!(
                "no input given, and no {SAMPLES}/ here to read: give article files or \
                 folders (newsgraph build ARTICLES... --out DIR, `-` for stdin), or run \
                 inside a newsgraph checkout, whose {SAMPLES}/ holds the sample articles"
            );
        }
        vec![PathBuf::from(SAMPLES)]
    } else {
        args.inputs.clone()
    };
    let formats = parse_formats(&args.format)?;
    let filter = args.filter.to_filter()?;
    let algorithms = args.algorithms.options()?;
    let extractor = args.extract.extractor()?;
    let finder = StanceFinder::builtin()?;
    let pipeline = Pipeline::new(&extractor, args.extract.threads).with_stance(&finder);

    let mut graph = KnowledgeGraph::new(args.evidence);
    let warnings = RefCell::new(Warnings::default());
    let (mut duplicates, mut out_of_range) = (0u64, 0u64);
    let progress = Progress::new(&inputs, args.quiet);
    let note = progress.printer();
    let articles = newsgraph::ingest::read(&inputs)
        .with_notes(move |e| note(&format!("newsgraph: warning: {e}")))
        .filter(|a| match a {
            Ok(a) if !filter.keeps_article(&ArticleMeta::from(a)) => {
                out_of_range += 1;
                false
            }
            _ => true,
        });
    let summary = pipeline.run(
        articles,
        |doc| {
            warnings.borrow_mut().article_read(&progress);
            progress.article(doc.article.text.len());
            if !graph.add_document(&doc) {
                duplicates += 1;
                progress.eprintln(&format!(
                    "newsgraph: warning: {}: duplicate article id {:?}, skipped",
                    doc.article.origin.as_deref().unwrap_or("?"),
                    doc.article.id
                ));
            }
            Ok(())
        },
        |e| warnings.borrow_mut().warn(e.to_string(), &progress),
    )?;
    progress.finish();
    if summary.articles == 0 {
        let held = warnings.into_inner().held;
        if out_of_range > 0 {
            for m in &held {
                eprintln!("newsgraph: warning: {m}");
            }
            anyhow::bail!(
                "none of the {} read is dated within --since/--until: nothing written",
                plural(out_of_range, "article")
            );
        }
        match held.as_slice() {
            [one] => anyhow::bail!("no input read: {one}"),
            many => {
                for m in many {
                    eprintln!("newsgraph: warning: {m}");
                }
                anyhow::bail!(
                    "no input read: {} skipped, nothing written",
                    plural(many.len() as u64, "input")
                );
            }
        }
    }
    let skipped = summary.skipped + duplicates;
    graph.add_skipped(skipped);
    graph.resolve_person_identity();
    graph.restrict_comentions(args.comention);
    apply_filter(&filter.without_dates(), &mut graph)?;

    let staging = Staging::new(&args.out)?;
    let staged = (|| -> newsgraph::error::Result<()> {
        if args.analyze {
            let report = analyze(&mut graph, &algorithms);
            let path = staging.dir().join("analysis.txt");
            std::fs::write(&path, report.render(ReportFormat::Table)?)
                .map_err(|e| newsgraph::Error::io(Some(&path), e))?;
        }
        for f in &formats {
            match f {
                Some(f) => write_into(*f, &graph, staging.dir())?,
                None => write_all_into(&graph, staging.dir())?,
            };
        }
        Ok(())
    })();
    staged.map_err(|e| staging.name_targets(e))?;
    for path in staging.commit()? {
        if !args.quiet {
            eprintln!("newsgraph: wrote {}", path.display());
        }
    }
    if out_of_range > 0 {
        eprintln!(
            "newsgraph: {} outside --since/--until left out",
            plural(out_of_range, "article")
        );
    }
    eprintln!(
        "newsgraph: read {}, skipped {}; {}, {}",
        plural(summary.articles - duplicates, "article"),
        skipped,
        plural(graph.node_count() as u64, "actor"),
        plural(graph.edge_count() as u64, "edge")
    );
    Ok(if skipped > 0 {
        Outcome::Partial
    } else {
        Outcome::Ok
    })
}

fn parse_scope(s: &str) -> Result<ComentionScope, String> {
    ComentionScope::parse(s)
        .ok_or_else(|| format!("unknown co-mention scope {s:?} (expected sentence or article)"))
}

/// `None` stands for `all`.
fn parse_formats(names: &[String]) -> anyhow::Result<Vec<Option<Format>>> {
    let mut out = Vec::new();
    for name in names {
        let f = match name.trim() {
            "all" => None,
            n => Some(n.parse::<Format>()?),
        };
        if !out.contains(&f) {
            out.push(f);
        }
    }
    Ok(out)
}
