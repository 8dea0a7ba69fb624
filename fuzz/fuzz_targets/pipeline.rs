//! The whole pipeline (tokens, tags, mentions, stance, graph, JSON) on arbitrary UTF-8
//! as an article body: never panics, never hangs, every span slices the text on
//! character boundaries, and the graph writes valid JSON.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsgraph::extract::Extractor;
use newsgraph::pipeline::Pipeline;
use newsgraph::stance::StanceFinder;
use newsgraph::{Article, KnowledgeGraph};

fn tools() -> &'static (Extractor, StanceFinder) {
    static TOOLS: OnceLock<(Extractor, StanceFinder)> = OnceLock::new();
    TOOLS.get_or_init(|| {
        (
            Extractor::new(None, true).expect("models load"),
            StanceFinder::builtin().expect("stance model loads"),
        )
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (extractor, finder) = tools();
    let pipeline = Pipeline::new(extractor, 1).with_stance(finder);
    let article = Article {
        id: "fuzz".into(),
        text: text.to_string(),
        ..Article::default()
    };
    let doc = pipeline.process(article);
    let t = &doc.article.text;
    let ok = |start: usize, end: usize| {
        start <= end && end <= t.len() && t.is_char_boundary(start) && t.is_char_boundary(end)
    };
    for tok in &doc.tokens {
        assert!(ok(tok.span.start, tok.span.end), "token {:?}", tok.span);
    }
    for s in &doc.sentences {
        assert!(ok(s.span.start, s.span.end), "sentence {:?}", s.span);
    }
    for m in &doc.mentions {
        assert!(ok(m.span.start, m.span.end), "mention {:?}", m.span);
        assert_eq!(m.span.slice(t), m.text);
    }
    for r in &doc.stance {
        for s in [r.source_span, r.target_span, r.cue_span] {
            assert!(ok(s.start, s.end), "stance span {s:?}");
        }
    }
    let mut graph = KnowledgeGraph::default();
    graph.add_document(&doc);
    let json = graph.to_json_string();
    serde_json::from_str::<serde_json::Value>(&json).expect("valid JSON");
});
