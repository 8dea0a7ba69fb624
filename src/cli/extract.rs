//! `newsgraph extract`: one JSON line per article with its resolved mentions.

use std::io::Write;
use std::path::PathBuf;

use newsgraph::pipeline::Pipeline;
use serde::Serialize;

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
    let summary = pipeline.run(
        newsgraph::ingest::read(&args.inputs).with_notes(|e| eprintln!("newsgraph: warning: {e}")),
        |doc| {
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
            let line = Line {
                id: &doc.article.id,
                title: &doc.article.title,
                date: doc.article.date.as_deref(),
                author: doc.article.author.as_deref(),
                text: args.text.then_some(doc.article.text.as_str()),
                mentions,
            };
            let s = serde_json::to_string(&line)
                .map_err(|e| newsgraph::Error::json("extract output", e))?;
            writeln!(out, "{s}").map_err(newsgraph::Error::from)
        },
        |e| eprintln!("newsgraph: warning: {e}"),
    )?;
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
