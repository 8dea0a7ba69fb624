//! Small graphs built by hand (no extraction pipeline): both edge kinds, evidence, external
//! ids and analysis attributes; the hostile variant adds actors with names meant to break
//! out of every format. Sentences are made up for these tests.

use newsgraph::KnowledgeGraph;
use serde_json::{Value, json};

/// Names that try to escape quoting in some format, with why each is here.
pub const HOSTILE: [(&str, &str); 14] = [
    ("double quote", "Ali \"The Fox\" Rezaei"),
    ("single quote", "O'Brien's"),
    ("backslash", "C:\\temp\\ \\\" \\n"),
    ("newlines", "line one\nline two\r\nline three"),
    ("markup", "<b>Tom & Jerry</b> &amp; &#0;"),
    ("script end", "</script><script>alert(1)</script>"),
    ("dot injection", "\"]; a -> b ["),
    ("cypher injection", "'}) DETACH DELETE n //"),
    ("right-to-left marks", "\u{200F}\u{202E}ايران\u{202C} RLO"),
    ("emoji", "🇮🇷 Flag 👩‍👩‍👧 family"),
    ("nul and controls", "nul\u{0}bell\u{7}esc\u{1b}del\u{7f}"),
    ("csv and turtle", "a,b;c\"\"\"d ''' \t tab"),
    ("json and braces", "{\"x\": [1]} ${x} %s"),
    ("unicode separators", "para\u{2029}line\u{2028}nel\u{85}end"),
];

fn node(id: &str, name: &str, ty: &str, mentions: u64, extra: Value) -> Value {
    let mut n = json!({
        "id": id, "name": name, "type": ty,
        "aliases": { name: mentions },
        "mentions": mentions, "sentences": mentions, "articles": 1,
    });
    if let (Some(obj), Value::Object(more)) = (n.as_object_mut(), extra) {
        obj.extend(more);
    }
    n
}

fn evidence(article: &str, sentence: u64, text: &str) -> Value {
    json!({"article": article, "sentence": sentence, "start": sentence * 100,
           "end": sentence * 100 + text.len() as u64, "text": text})
}

fn stance_evidence(
    article: &str,
    sentence: u64,
    text: &str,
    pol: &str,
    intensity: f64,
    cat: &str,
    cue: &str,
) -> Value {
    let mut e = evidence(article, sentence, text);
    if let Some(obj) = e.as_object_mut() {
        obj.insert("polarity".into(), json!(pol));
        obj.insert("intensity".into(), json!(intensity));
        obj.insert("category".into(), json!(cat));
        obj.insert("cue".into(), json!(cue));
    }
    e
}

#[allow(clippy::too_many_arguments)]
fn stance(
    source: &str,
    target: &str,
    pos: u64,
    neg: u64,
    neu: u64,
    sum: f64,
    cats: Value,
    ev: Vec<Value>,
) -> Value {
    let n = pos + neg + neu;
    json!({"kind": "stance", "source": source, "target": target,
           "positive": pos, "negative": neg, "neutral": neu, "count": n,
           "sign": "neutral", "intensity_sum": sum, "mean_intensity": 0.0,
           "categories": cats, "evidence": ev})
}

fn comention(source: &str, target: &str, sentences: u64, articles: u64, ev: Vec<Value>) -> Value {
    json!({"kind": "comention", "source": source, "target": target,
           "sentences": sentences, "articles": articles, "evidence": ev})
}

fn graph(nodes: Vec<Value>, edges: Vec<Value>) -> KnowledgeGraph {
    let doc = json!({
        "meta": {"tool": "newsgraph", "version": "test", "schema": 1, "data_version": "test",
                 "input": {"articles": 2, "skipped": 0, "sentences": 40, "sources": []},
                 "evidence_limit": 5, "node_count": 0, "edge_count": 0},
        "articles": [{"id": "a1", "title": "Talks stall"}, {"id": "a2", "title": "Inspectors return"}],
        "nodes": nodes, "edges": edges,
    });
    match KnowledgeGraph::from_json_str(&doc.to_string()) {
        Ok(g) => g,
        Err(e) => panic!("fixture graph does not parse: {e}"),
    }
}

fn base_nodes() -> Vec<Value> {
    vec![
        node(
            "country/iran",
            "Iran",
            "COUNTRY",
            6,
            json!({
            "qid": "Q794", "iso2": "IR", "iso3": "IRN",
            "aliases": {"Iran": 4, "Tehran": 2},
            "analysis": {"pagerank": 0.412345, "community": 0, "role": "hub"}}),
        ),
        node(
            "country/united-states",
            "United States",
            "COUNTRY",
            4,
            json!({
            "qid": "Q30", "iso2": "US", "iso3": "USA",
            "analysis": {"pagerank": 0.3, "community": 1, "role": "broker"}}),
        ),
        node(
            "org/iaea",
            "IAEA",
            "ORGANIZATION",
            2,
            json!({
            "qid": "Q48583", "analysis": {"pagerank": 0.15, "community": 0}}),
        ),
        node(
            "person/abbas-araghchi",
            "Abbas Araghchi",
            "PERSON",
            3,
            json!({
            "analysis": {"pagerank": 0.1, "community": 0, "role": "spokesperson"}}),
        ),
        node(
            "place/strait-of-hormuz",
            "Strait of Hormuz",
            "PLACE",
            1,
            json!({}),
        ),
    ]
}

fn base_edges() -> Vec<Value> {
    vec![
        comention(
            "country/iran",
            "country/united-states",
            3,
            2,
            vec![
                evidence(
                    "a1",
                    0,
                    "Negotiators from both capitals met again on Tuesday.",
                ),
                evidence(
                    "a1",
                    2,
                    "The two delegations left without a date for new talks.",
                ),
            ],
        ),
        comention(
            "country/iran",
            "org/iaea",
            1,
            1,
            vec![evidence(
                "a2",
                1,
                "Inspectors are due back at the enrichment site next week.",
            )],
        ),
        comention("country/iran", "person/abbas-araghchi", 2, 1, vec![]),
        comention("country/iran", "place/strait-of-hormuz", 1, 1, vec![]),
        stance(
            "country/united-states",
            "country/iran",
            0,
            2,
            0,
            -13.0,
            json!({"sanction": 1, "threaten": 1}),
            vec![
                stance_evidence(
                    "a1",
                    3,
                    "Washington threatened new sanctions on Tehran.",
                    "negative",
                    -7.0,
                    "threaten",
                    "threatened new sanctions",
                ),
                stance_evidence(
                    "a1",
                    5,
                    "The Treasury added six firms to its list.",
                    "negative",
                    -6.0,
                    "sanction",
                    "added six firms",
                ),
            ],
        ),
        stance(
            "country/iran",
            "org/iaea",
            1,
            0,
            0,
            4.5,
            json!({"cooperate": 1}),
            vec![stance_evidence(
                "a2",
                1,
                "Tehran agreed to let inspectors return.",
                "positive",
                4.5,
                "cooperate",
                "agreed to let inspectors return",
            )],
        ),
        stance(
            "person/abbas-araghchi",
            "country/united-states",
            1,
            1,
            1,
            -1.0,
            json!({"criticize": 1, "negotiate": 2}),
            vec![],
        ),
    ]
}

/// The golden fixture: 5 actors, 4 co-mention and 3 stance edges (Iran and the United
/// States share both kinds), evidence, external ids, analysis attributes of three types.
pub fn fixture() -> KnowledgeGraph {
    graph(base_nodes(), base_edges())
}

/// Id of the actor named by hostile name `i`.
pub fn hostile_id(i: usize) -> String {
    format!("person/{i}-{}", HOSTILE[i].1)
}

/// The fixture plus one actor per hostile name (the name is in its id, alias, evidence and
/// stance cue too), each hostile toward Iran; the `'}) DETACH DELETE n //` actor's stance
/// is the most hostile edge in the graph (mean intensity -9.5).
pub fn hostile_fixture() -> KnowledgeGraph {
    let mut nodes = base_nodes();
    let mut edges = base_edges();
    for (i, (_, name)) in HOSTILE.iter().enumerate() {
        let id = hostile_id(i);
        let mut analysis = json!({"pagerank": 0.01, "community": 2});
        if i == 0 {
            analysis["odd key: \"<&>\" \n"] = json!(name);
        }
        nodes.push(node(
            &id,
            name,
            "PERSON",
            1,
            json!({
            "aliases": {*name: 1, format!("{name};alias"): 1},
            "analysis": analysis}),
        ));
        let intensity = if name.contains("DETACH") { -9.5 } else { -2.0 };
        edges.push(stance(
            &id,
            "country/iran",
            0,
            1,
            0,
            intensity,
            json!({*name: 1}),
            vec![stance_evidence(
                "a1",
                10 + i as u64,
                &format!("{name} said no."),
                "negative",
                intensity,
                name,
                name,
            )],
        ));
        edges.push(comention(
            "country/iran",
            &id,
            1,
            1,
            vec![evidence("a1", 10 + i as u64, name)],
        ));
    }
    graph(nodes, edges)
}
