//! `newsgraph extract`: one JSON line per article with its resolved mentions.

use std::io::Write;
use std::path::PathBuf;

use newsgraph::pipeline::Pipeline;
use serde::Serialize;

use super::progress::Progress;
use super::{Outcome, common::ExtractArgs, plural};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (recursive: .txt, .jsonl, .html, .rss, .atom, .xml) or `-` for stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Include each article's body text (what the offsets index into).
    #[arg(long)]
    pub text: bool,
    #[command(flatten)]
    pub extract: ExtractArgs,
    /// No progress bar (drawn only when stderr is a terminal anyway).
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    text: Option<&'a str>,
    mentions: Vec<MentionOut<'a>>,
    /// Pronouns, titles and role nouns resolved to entities (coreference).
    references: Vec<ReferenceOut<'a>>,
    /// Each entity with every span that names it or refers to it, in text order.
    chains: Vec<ChainOut<'a>>,
    /// Reported speech: span, speaker, the actors it talks about.
    quotes: Vec<QuoteOut<'a>>,
}

#[derive(Serialize)]
struct ReferenceOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    kind: newsgraph::model::ReferenceKind,
    entity: &'a str,
    sentence: usize,
    antecedent: [usize; 2],
}

#[derive(Serialize)]
struct ChainOut<'a> {
    entity: &'a str,
    spans: Vec<[usize; 2]>,
}

#[derive(Serialize)]
struct QuoteOut<'a> {
    start: usize,
    end: usize,
    direct: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker_span: Option<[usize; 2]>,
    cue: [usize; 2],
    sentences: [usize; 2],
    addressees: Vec<&'a str>,
}

#[derive(Serialize)]
struct MentionOut<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    #[serde(rename = "type")]
    etype: &'static str,
    entity: &'a str,
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    qid: Option<&'a str>,
    sentence: usize,
    demonym: bool,
    metonymic: bool,
}

pub fn run(args: Args) -> anyhow::Result<Outcome> {
    let extractor = args.extract.extractor()?;
    let pipeline = Pipeline::new(&extractor, args.extract.threads);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let progress = Progress::new(&args.inputs, args.quiet);
    let note = progress.printer();
    let summary = pipeline.run(
        newsgraph::ingest::read(&args.inputs)
            .with_notes(move |e| note(&format!("newsgraph: warning: {e}"))),
        |doc| {
            progress.article(doc.article.text.len());
            let mentions = doc
                .mentions
                .iter()
                .map(|m| {
                    // Entities come sorted by id: search, do not scan per mention.
                    let e = doc
                        .entities
                        .binary_search_by(|e| e.id.cmp(&m.entity))
                        .ok()
                        .map(|i| &doc.entities[i]);
                    MentionOut {
                        start: m.span.start,
                        end: m.span.end,
                        text: &m.text,
                        etype: m.etype.as_str(),
                        entity: m.entity.as_str(),
                        name: e.map(|e| e.name.as_str()).unwrap_or(""),
                        qid: e.and_then(|e| e.ids.qid.as_deref()),
                        sentence: m.sentence,
                        demonym: m.demonym,
                        metonymic: m.metonymic,
                    }
                })
                .collect();
            let text = &doc.article.text;
            let references = doc
                .references
                .iter()
                .map(|r| ReferenceOut {
                    start: r.span.start,
                    end: r.span.end,
                    text: r.span.slice(text),
                    kind: r.kind,
                    entity: r.entity.as_str(),
                    sentence: r.sentence,
                    antecedent: [r.antecedent.start, r.antecedent.end],
                })
                .collect();
            let mut chains: std::collections::BTreeMap<&str, Vec<[usize; 2]>> =
                std::collections::BTreeMap::new();
            for m in &doc.mentions {
                chains
                    .entry(m.entity.as_str())
                    .or_default()
                    .push([m.span.start, m.span.end]);
            }
            for r in &doc.references {
                chains
                    .entry(r.entity.as_str())
                    .or_default()
                    .push([r.span.start, r.span.end]);
            }
            let chains = chains
                .into_iter()
                .map(|(entity, mut spans)| {
                    spans.sort_unstable();
                    ChainOut { entity, spans }
                })
                .collect();
            let quotes = doc
                .quotes
                .iter()
                .map(|q| QuoteOut {
                    start: q.span.start,
                    end: q.span.end,
                    direct: q.direct,
                    speaker: q.speaker.as_ref().map(|e| e.as_str()),
                    speaker_span: q.speaker_span.map(|s| [s.start, s.end]),
                    cue: [q.cue.start, q.cue.end],
                    sentences: [q.sentences.0, q.sentences.1],
                    addressees: q.addressees.iter().map(|e| e.as_str()).collect(),
                })
                .collect();
            let line = Line {
                id: &doc.article.id,
                title: &doc.article.title,
                date: doc.article.date.as_deref(),
                author: doc.article.author.as_deref(),
                text: args.text.then_some(doc.article.text.as_str()),
                mentions,
                references,
                chains,
                quotes,
            };
            let s = serde_json::to_string(&line)
                .map_err(|e| newsgraph::Error::json("extract output", e))?;
            writeln!(out, "{s}").map_err(newsgraph::Error::from)
        },
        |e| progress.eprintln(&format!("newsgraph: warning: {e}")),
    )?;
    progress.finish();
    out.flush()?;
    eprintln!(
        "newsgraph: read {}, skipped {}",
        plural(summary.articles, "article"),
        summary.skipped
    );
    Ok(if summary.skipped > 0 {
        Outcome::Partial
    } else {
        Outcome::Ok
    })
}
