//! Tokens per second on one core for each tagger and for the whole tag stage
//! (tokenize, sentence split, POS, chunk, NER) over news-like text written here.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsgraph::nlp::Annotator;
use newsgraph::nlp::annotate::{
    Workspace, label_types, predict_chunk, predict_ner_document, predict_pos,
};
use newsgraph::nlp::features::{SentenceAttrs, label_hash};
use newsgraph::nlp::lexicon::Lexicon;
use newsgraph::nlp::sentence::split_sentences;
use newsgraph::nlp::tokenize::tokenize;

/// Builds a few hundred sentences of synthetic news from templates and name pools.
fn synthetic_news() -> String {
    let people = [
        "Maria Lindqvist",
        "Omar Haddad",
        "Chen Wei",
        "John Barker",
        "Fatima Okafor",
        "Pierre Dubois",
    ];
    let places = [
        "Brussels", "Nairobi", "Lima", "Seoul", "Ankara", "Oslo", "Quito", "Hanoi",
    ];
    let orgs = [
        "the United Nations",
        "Reuters",
        "the World Bank",
        "NATO",
        "the European Union",
        "Toyota",
    ];
    let templates = [
        "{P} told reporters in {L} on Monday that {O} would review the agreement before the end of the year.",
        "Officials from {O} met {P} in {L} to discuss trade, energy prices and the security situation.",
        "{P}, a spokesman for {O}, said the talks in {L} had been constructive but difficult.",
        "Shares in {O} fell 3.5 percent to 41.20 dollars after {P} warned of weaker demand in {L}.",
        "The government in {L} rejected criticism from {P} and accused {O} of interfering in domestic affairs.",
    ];
    let mut text = String::new();
    let mut k = 0usize;
    for doc in 0..60 {
        for s in 0..8 {
            let t = templates[(doc * 3 + s) % templates.len()];
            k = k.wrapping_mul(31).wrapping_add(17);
            let line = t
                .replace("{P}", people[k % people.len()])
                .replace("{L}", places[(k / 7) % places.len()])
                .replace("{O}", orgs[(k / 3) % orgs.len()]);
            text.push_str(&line);
            text.push(' ');
        }
        text.push_str("\n\n");
    }
    text
}

fn bench(c: &mut Criterion) {
    let Ok(annotator) = Annotator::builtin() else {
        eprintln!("no bundled models; skipping tagger benchmarks");
        return;
    };
    let text = synthetic_news();
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
    let n = tokens.len() as u64;
    let lex = Lexicon::builtin();
    let mut ws = Workspace::default();
    let attrs: Vec<SentenceAttrs> = words
        .iter()
        .map(|w| {
            let mut a = SentenceAttrs::default();
            a.compute(w, lex, &mut ws.buf);
            a
        })
        .collect();
    let pos_hash: Vec<u64> = annotator
        .pos_model()
        .labels
        .iter()
        .map(|l| label_hash(l))
        .collect();
    let pos: Vec<Vec<u64>> = attrs
        .iter()
        .map(|a| {
            let mut out = Vec::new();
            predict_pos(annotator.pos_model(), a, &mut ws, &mut out);
            out.iter().map(|&l| pos_hash[l as usize]).collect()
        })
        .collect();

    let chunk_hash: Vec<u64> = annotator
        .chunk_model()
        .labels
        .iter()
        .map(|l| label_hash(l))
        .collect();
    let chunk: Vec<Vec<u64>> = attrs
        .iter()
        .zip(&pos)
        .map(|(a, p)| {
            let mut out = Vec::new();
            predict_chunk(annotator.chunk_model(), a, p, &mut ws, &mut out);
            out.iter().map(|&l| chunk_hash[l as usize]).collect()
        })
        .collect();
    let ner_types = label_types(&annotator.ner_model().labels);

    let mut g = c.benchmark_group("tagger");
    g.throughput(Throughput::Elements(n));
    g.sample_size(20);
    g.bench_function("attributes", |b| {
        b.iter(|| {
            let mut a = SentenceAttrs::default();
            let mut buf = String::new();
            for w in &words {
                a.compute(w, lex, &mut buf);
            }
            black_box(a.len())
        })
    });
    g.bench_function("pos", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            for a in &attrs {
                predict_pos(annotator.pos_model(), a, &mut ws, &mut out);
            }
            black_box(out.len())
        })
    });
    g.bench_function("chunk", |b| {
        let mut out = Vec::new();
        b.iter(|| {
            for (a, p) in attrs.iter().zip(&pos) {
                predict_chunk(annotator.chunk_model(), a, p, &mut ws, &mut out);
            }
            black_box(out.len())
        })
    });
    g.bench_function("ner (given pos and chunk)", |b| {
        b.iter(|| {
            black_box(
                predict_ner_document(
                    annotator.ner_model(),
                    &ner_types,
                    &attrs,
                    &pos,
                    &chunk,
                    &mut ws,
                )
                .len(),
            )
        })
    });
    g.bench_function("annotate (attributes + pos + chunk + ner)", |b| {
        b.iter(|| black_box(annotator.annotate(&words).len()))
    });
    g.bench_function("whole tag stage (tokenize + split + annotate)", |b| {
        b.iter(|| {
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
            black_box(annotator.annotate(&words).len())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
