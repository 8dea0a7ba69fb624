//! Invariants over generated input (proptest): spans always slice the text on character
//! boundaries, graph.json round-trips byte for byte through the JSON export, and merging
//! documents in any order gives the same graph.

use std::sync::OnceLock;

use newsgraph::export::{Format, json::read_checked, write};
use newsgraph::extract::Extractor;
use newsgraph::pipeline::Pipeline;
use newsgraph::stance::StanceFinder;
use newsgraph::{Article, Document, KnowledgeGraph};
use proptest::prelude::*;

fn pipeline() -> Pipeline<'static> {
    static TOOLS: OnceLock<(Extractor, StanceFinder)> = OnceLock::new();
    let (extractor, finder) = TOOLS.get_or_init(|| {
        (
            Extractor::new(None, true).expect("models load"),
            StanceFinder::builtin().expect("stance model loads"),
        )
    });
    Pipeline::new(extractor, 1).with_stance(finder)
}

/// Pieces of news prose and of awkward text: names, verbs, punctuation, multi-byte
/// characters, combining marks, right-to-left script, emoji, control characters.
const PIECES: &[&str] = &[
    "Iran",
    "the United States",
    "Oman",
    "France",
    "Egypt",
    "Hamas",
    "NATO",
    "Araghchi",
    "President Emmanuel Macron",
    "Iranian",
    "American",
    "Tehran",
    "Washington",
    " condemned ",
    " welcomed ",
    " accused ",
    " met ",
    " praised ",
    " sanctions on ",
    " said ",
    " and ",
    " in ",
    " of ",
    ", ",
    ". ",
    "? ",
    "! ",
    "\n",
    "\n\n",
    " — ",
    "“",
    "”",
    "’s",
    "\"",
    "(",
    ")",
    "U.S.",
    "Gen.",
    "Mr.",
    "é",
    "e\u{301}",
    "ß",
    "Москва",
    "طهران",
    "北京",
    "🇮🇷",
    "\u{200b}",
    "\u{feff}",
    "\t",
    "\r\n",
    "\u{7}",
    "ﬁ",
    "İ",
    "ǅ",
    "…",
    "--",
    "MUSCAT (Newswire) — ",
    "By Jane Roe\n",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "\\PC{0,8}",
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

fn document(id: &str, text: String) -> Document {
    pipeline().process(Article {
        id: id.to_string(),
        text,
        ..Article::default()
    })
}

fn graph_of(docs: &[&Document]) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::default();
    for d in docs {
        g.add_document(d);
    }
    g
}

proptest! {
    // 48 cases keep the suite quick; PROPTEST_CASES=5000 runs a longer search.
    #![proptest_config(ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(48)
    ))]

    #[test]
    fn every_span_slices_the_text_on_char_boundaries(text in text()) {
        let doc = document("p", text);
        let t = &doc.article.text;
        let fits = |s: newsgraph::Span| {
            s.start <= s.end && s.end <= t.len() && t.is_char_boundary(s.start)
                && t.is_char_boundary(s.end)
        };
        for tok in &doc.tokens {
            prop_assert!(fits(tok.span), "token {:?}", tok.span);
        }
        for s in &doc.sentences {
            prop_assert!(fits(s.span), "sentence {:?}", s.span);
        }
        for m in &doc.mentions {
            prop_assert!(fits(m.span), "mention {:?}", m.span);
            prop_assert_eq!(m.span.slice(t), m.text.as_str());
        }
        for r in &doc.stance {
            for s in [r.source_span, r.target_span, r.cue_span] {
                prop_assert!(fits(s), "stance span {:?}", s);
            }
        }
    }

    #[test]
    fn graph_json_round_trips_byte_for_byte_through_the_json_export(
        texts in prop::collection::vec(text(), 1..4),
    ) {
        let docs: Vec<Document> = texts
            .into_iter()
            .enumerate()
            .map(|(i, t)| document(&format!("a{i}"), t))
            .collect();
        let written = graph_of(&docs.iter().collect::<Vec<_>>()).to_json_string();
        let (back, problems) = read_checked(&written, "graph.json").expect("reads back");
        prop_assert!(problems.is_empty(), "{:?}", problems);
        let mut exported = Vec::new();
        write(Format::Json, &back, &mut exported).expect("writes");
        prop_assert!(exported == written.as_bytes(), "export -f json changed the graph");
    }

    #[test]
    fn documents_merged_in_any_order_give_the_same_graph(
        texts in prop::collection::vec(text(), 2..5),
        order in any::<u64>(),
    ) {
        let docs: Vec<Document> = texts
            .into_iter()
            .enumerate()
            .map(|(i, t)| document(&format!("a{i}"), t))
            .collect();
        let in_order = graph_of(&docs.iter().collect::<Vec<_>>()).to_json_string();
        // Another order, and the same documents merged as separate graphs.
        let mut shuffled: Vec<&Document> = docs.iter().collect();
        let n = shuffled.len();
        for i in 0..n {
            let j = (order as usize).wrapping_add(i * 7) % n;
            shuffled.swap(i, j);
        }
        prop_assert_eq!(&graph_of(&shuffled).to_json_string(), &in_order);
        let mut merged = KnowledgeGraph::default();
        for d in shuffled.iter().rev() {
            merged.merge(graph_of(&[d]));
        }
        prop_assert_eq!(&merged.to_json_string(), &in_order);
    }
}
