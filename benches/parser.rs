//! Tokens per second on one core for the dependency parser alone, greedy (`parse`, what
//! the pipeline calls) and with a beam of 8 (`parse_beam`), over the sample articles in
//! `data/samples`, tokenized, split and POS-tagged beforehand.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsgraph::nlp::Annotator;
use newsgraph::nlp::parser::Parser;
use newsgraph::nlp::sentence::split_sentences;
use newsgraph::nlp::tokenize::tokenize;

/// The sample articles' text, concatenated.
fn samples() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/data/samples");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn bench(c: &mut Criterion) {
    let (Ok(annotator), Ok(parser)) = (Annotator::builtin(), Parser::builtin()) else {
        eprintln!("no bundled models; skipping parser benchmarks");
        return;
    };
    let text = samples();
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
    let tags = annotator.annotate(&words);
    let mut g = c.benchmark_group("parser");
    g.throughput(Throughput::Elements(tokens.len() as u64));
    g.sample_size(20);
    g.bench_function("greedy", |b| {
        b.iter(|| {
            for (w, t) in words.iter().zip(&tags) {
                black_box(parser.parse(w, &t.pos));
            }
        })
    });
    g.bench_function("beam8", |b| {
        b.iter(|| {
            for (w, t) in words.iter().zip(&tags) {
                black_box(parser.parse_beam(w, &t.pos, 8));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
