//! The whole extract stage on one core, in tokens and articles per second, over the
//! bundled sample articles (written for the project): tokenize, split, POS, chunk, NER,
//! gazetteer, resolution — then the same plus stance, and the rules-only extractor.
//!
//! `cargo bench --bench extract`; numbers are recorded in data/models/README.md.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsgraph::extract::Extractor;
use newsgraph::model::Article;
use newsgraph::nlp::tokenize::tokenize;
use newsgraph::pipeline::Pipeline;
use newsgraph::stance::StanceFinder;

fn samples() -> Vec<Article> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/samples");
    newsgraph::ingest::read(&[dir])
        .filter_map(Result::ok)
        .collect()
}

fn bench(c: &mut Criterion) {
    let articles = samples();
    let tokens: usize = articles.iter().map(|a| tokenize(&a.text).len()).sum();
    let with_model = Extractor::new(None, true).expect("models load");
    let rules_only = Extractor::new(None, false).expect("gazetteer loads");
    let finder = StanceFinder::builtin().expect("stance model loads");
    let stance = Pipeline::new(&with_model, 1).with_stance(&finder);

    for (unit, n) in [
        ("tokens", tokens as u64),
        ("articles", articles.len() as u64),
    ] {
        let mut g = c.benchmark_group(format!("extract/{unit}"));
        g.throughput(Throughput::Elements(n));
        g.sample_size(20);
        g.bench_function("model", |b| {
            b.iter(|| {
                for a in &articles {
                    black_box(with_model.extract(a.clone()));
                }
            })
        });
        g.bench_function("model+stance", |b| {
            b.iter(|| {
                for a in &articles {
                    black_box(stance.process(a.clone()));
                }
            })
        });
        g.bench_function("rules-only", |b| {
            b.iter(|| {
                for a in &articles {
                    black_box(rules_only.extract(a.clone()));
                }
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
