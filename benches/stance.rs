//! How fast stance runs on an extracted article: rules alone and rules + classifier.
//!
//! The article is written here (our own sentences, no corpus text) and its mentions are
//! placed by a small name list, as the extraction stage would. Extraction runs at about
//! 300k tokens/s; stance may add at most 30 % to it, i.e. must stay above ~1M tokens/s.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use newsgraph::model::{Article, Document, EntityId, EntityType, Mention, Sentence, Span};
use newsgraph::stance::StanceFinder;
use newsgraph::stance::dse::tokenize;

const SENTENCES: &[&str] = &[
    "Britain and France condemned Iran on Monday after the missile test.",
    "Iran was criticized by Germany for its support of armed groups in the region.",
    "“We will never trust the Americans again,” Pezeshkian said in a televised address.",
    "Oman mediated between Iran and the United States, officials in Muscat said.",
    "Israel has not ruled out further airstrikes on targets in Syria, its army said.",
    "The minister said that the talks with Russia had been constructive and useful.",
    "China urged restraint and called on both sides to return to negotiations soon.",
    "Analysts expect the council to meet again next week to discuss the ceasefire.",
];

const NAMES: &[(&str, &str, EntityType)] = &[
    ("Britain", "country/britain", EntityType::Country),
    ("France", "country/france", EntityType::Country),
    ("Iran", "country/iran", EntityType::Country),
    ("Germany", "country/germany", EntityType::Country),
    ("Americans", "country/united-states", EntityType::Country),
    (
        "United States",
        "country/united-states",
        EntityType::Country,
    ),
    ("Pezeshkian", "person/masoud-pezeshkian", EntityType::Person),
    ("Oman", "country/oman", EntityType::Country),
    ("Muscat", "country/oman", EntityType::Country),
    ("Israel", "country/israel", EntityType::Country),
    ("Syria", "country/syria", EntityType::Country),
    ("Russia", "country/russia", EntityType::Country),
    ("China", "country/china", EntityType::Country),
];

/// A document of `repeat` copies of the sentences above, with mentions placed by name.
fn document(repeat: usize) -> Document {
    let mut text = String::new();
    let mut sentences = Vec::new();
    for _ in 0..repeat {
        for s in SENTENCES {
            if !text.is_empty() {
                text.push(' ');
            }
            let start = text.len();
            text.push_str(s);
            sentences.push(Span::new(start, text.len()));
        }
    }
    let tokens = tokenize(&text);
    let mut mentions = Vec::new();
    let mut sents = Vec::new();
    let mut t = 0;
    for (i, span) in sentences.iter().enumerate() {
        let first = t;
        while t < tokens.len() && tokens[t].span.start < span.end {
            t += 1;
        }
        sents.push(Sentence {
            span: *span,
            tokens: first..t,
        });
        let body = span.slice(&text);
        for (name, id, etype) in NAMES {
            let mut from = 0;
            while let Some(pos) = body[from..].find(name) {
                let s = span.start + from + pos;
                mentions.push(Mention {
                    article: "bench".into(),
                    sentence: i,
                    span: Span::new(s, s + name.len()),
                    text: name.to_string(),
                    etype: *etype,
                    entity: EntityId(id.to_string()),
                    demonym: false,
                    metonymic: false,
                });
                from += pos + name.len();
            }
        }
    }
    mentions.sort_by_key(|m| m.span.start);
    Document {
        article: Article {
            id: "bench".into(),
            text,
            ..Article::default()
        },
        tokens,
        sentences: sents,
        mentions,
        ..Document::default()
    }
}

fn bench(c: &mut Criterion) {
    let doc = document(20);
    let rules = StanceFinder::rules_only().expect("builtin lexicon");
    let combined = StanceFinder::builtin().expect("builtin model");
    let mut group = c.benchmark_group("stance");
    group.throughput(Throughput::Elements(doc.tokens.len() as u64));
    group.bench_function("rules", |b| b.iter(|| rules.find(&doc)));
    group.bench_function("combined", |b| b.iter(|| combined.find(&doc)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
