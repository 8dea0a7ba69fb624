use super::*;
use crate::model::{Article, Document, Entity, EntityType, Mention, Sentence, StanceRelation};

fn doc(id: &str, sentences: &[&[(&str, EntityType)]]) -> Document {
    let mut text = String::new();
    let mut sents = Vec::new();
    let mut mentions = Vec::new();
    let mut entities: BTreeMap<EntityId, Entity> = BTreeMap::new();
    for (si, names) in sentences.iter().enumerate() {
        let start = text.len();
        for (name, t) in names.iter() {
            let s = text.len();
            text.push_str(name);
            let eid = EntityId::from_name(*t, name);
            mentions.push(Mention {
                article: id.into(),
                sentence: si,
                span: Span::new(s, text.len()),
                text: name.to_string(),
                etype: *t,
                entity: eid.clone(),
                demonym: false,
                metonymic: false,
            });
            let e = entities
                .entry(eid.clone())
                .or_insert_with(|| Entity::new(eid, *name, *t));
            e.mentions += 1;
            *e.aliases.entry(name.to_string()).or_default() += 1;
            text.push(' ');
        }
        text.push_str(". ");
        sents.push(Sentence {
            span: Span::new(start, text.len()),
            tokens: 0..0,
        });
    }
    for e in entities.values_mut() {
        e.articles = 1;
        e.sentences = mentions
            .iter()
            .filter(|m| m.entity == e.id)
            .map(|m| m.sentence)
            .collect::<BTreeSet<_>>()
            .len() as u64;
    }
    Document {
        article: Article {
            id: id.into(),
            text,
            ..Default::default()
        },
        tokens: vec![],
        sentences: sents,
        mentions,
        entities: entities.into_values().collect(),
        ..Default::default()
    }
}

const C: EntityType = EntityType::Country;
const P: EntityType = EntityType::Person;

#[test]
fn comention_counts_sentences_and_articles() {
    let mut g = KnowledgeGraph::default();
    g.add_document(&doc(
        "a",
        &[
            &[("Iran", C), ("Oman", C)],
            &[("Iran", C), ("Oman", C), ("Trump", P)],
        ],
    ));
    let j = g.to_json();
    assert_eq!(j.nodes.len(), 3);
    let e = j
        .edges
        .iter()
        .find(|e| e.source().as_str() == "country/iran" && e.target().as_str() == "country/oman")
        .unwrap();
    match e {
        EdgeJson::Comention {
            sentences,
            articles,
            evidence,
            ..
        } => {
            assert_eq!((*sentences, *articles), (2, 1));
            assert_eq!(evidence.len(), 2);
        }
        _ => panic!("not a co-mention edge"),
    }
}

#[test]
fn evidence_is_capped_at_the_limit() {
    let mut g = KnowledgeGraph::new(2);
    let pair: &[(&str, EntityType)] = &[("Iran", C), ("Oman", C)];
    g.add_document(&doc("a", &[pair, pair, pair, pair]));
    match &g.edges()[0].edge {
        Edge::Comention(c) => {
            assert_eq!(c.sentences, 4);
            assert_eq!(c.evidence.len(), 2);
            assert_eq!(c.evidence[0].sentence, 0);
        }
        _ => panic!(),
    }
}

#[test]
fn merging_two_runs_equals_one_run_over_both() {
    let d1 = doc(
        "a",
        &[&[("Iran", C), ("Oman", C)], &[("Israel", C), ("Iran", C)]],
    );
    let d2 = doc("b", &[&[("Oman", C), ("Iran", C), ("Trump", P)]]);
    let d3 = doc("c", &[&[("Trump", P), ("Israel", C)]]);
    let mut one = KnowledgeGraph::new(2);
    for d in [&d1, &d2, &d3] {
        one.add_document(d);
    }
    let mut left = KnowledgeGraph::new(2);
    left.add_document(&d3);
    let mut right = KnowledgeGraph::new(2);
    right.add_document(&d2);
    right.add_document(&d1);
    left.merge(right);
    assert_eq!(one.to_json_string(), left.to_json_string());
}

#[test]
fn json_round_trips() {
    let mut d = doc("a", &[&[("Iran", C), ("Israel", C)]]);
    d.stance.push(StanceRelation {
        article: "a".into(),
        sentence: 0,
        source: EntityId("country/israel".into()),
        source_span: Span::new(5, 11),
        target: EntityId("country/iran".into()),
        target_span: Span::new(0, 4),
        polarity: Polarity::Negative,
        intensity: -7.0,
        category: "attack".into(),
        cue: "struck".into(),
        cue_span: Span::new(0, 0),
    });
    let mut g = KnowledgeGraph::default();
    g.add_document(&d);
    let s = g.to_json_string();
    let back = KnowledgeGraph::from_json_str(&s).unwrap();
    assert_eq!(s, back.to_json_string());
    assert_eq!(back.edge_count(), 2);
}

#[test]
fn npmi_is_one_for_inseparable_pairs_and_absent_without_shared_sentences() {
    assert_eq!(npmi(0, 3, 3, 10), None);
    let v = npmi(3, 3, 3, 10).unwrap();
    assert!((v - 1.0).abs() < 1e-9, "{v}");
    assert!(npmi(1, 5, 5, 10).unwrap() < 0.0);
}

#[test]
fn damaged_graph_json_is_repaired_and_every_repair_is_said() {
    let mut g = KnowledgeGraph::default();
    g.add_document(&doc("a", &[&[("Iran", C), ("Israel", C)]]));
    let mut v: serde_json::Value = serde_json::from_str(&g.to_json_string()).unwrap();
    v["meta"]["schema"] = 7.into();
    let node = v["nodes"][0].clone();
    v["nodes"].as_array_mut().unwrap().push(node);
    let mut dangling = v["edges"][0].clone();
    dangling["source"] = "country/nowhere".into();
    let twice = v["edges"][0].clone();
    v["edges"].as_array_mut().unwrap().extend([dangling, twice]);
    let (back, problems) = KnowledgeGraph::from_json_checked(serde_json::from_value(v).unwrap());
    assert_eq!(
        problems,
        [
            "schema version 7 (this newsgraph writes and reads version 1)",
            "1 node listed more than once, merged (country/iran)",
            "1 edge naming a node that is not in the graph, dropped \
             (country/nowhere -- country/israel)",
            "1 edge listed more than once, merged (country/iran -- country/israel)",
        ]
    );
    assert_eq!(back.edge_count(), 1);
}

#[test]
fn impossible_intensities_are_clamped_and_nothing_writes_null() {
    let mut g = KnowledgeGraph::default();
    g.add_document(&doc("a", &[&[("Iran", C), ("Israel", C)]]));
    let mut v: serde_json::Value = serde_json::from_str(&g.to_json_string()).unwrap();
    v["edges"].as_array_mut().unwrap().push(serde_json::json!({
        "kind": "stance", "source": "country/iran", "target": "country/israel",
        "positive": u64::MAX, "negative": u64::MAX, "neutral": 0, "count": 0,
        "sign": "negative", "intensity_sum": -1e308, "mean_intensity": 0.0,
        "categories": {}, "evidence": [],
    }));
    let (back, problems) = KnowledgeGraph::from_json_checked(serde_json::from_value(v).unwrap());
    assert!(
        problems.iter().any(|p| p.contains("clamped")),
        "{problems:?}"
    );
    let once = back.to_json_string();
    assert!(!once.contains("null"), "{once}");
    let again = KnowledgeGraph::from_json_str(&once)
        .unwrap()
        .to_json_string();
    assert_eq!(once, again);
}

#[test]
fn an_entity_named_two_ways_gets_the_same_name_in_any_article_order() {
    // Found by the merge-order property: the first article's spelling used to win.
    let entity = |name: &str, qid: Option<&str>| {
        let mut e = Entity::new(EntityId("org/gen".into()), name, EntityType::Organization);
        e.ids.qid = qid.map(str::to_string);
        e
    };
    let names = |first: Entity, second: Entity| {
        let mut g = KnowledgeGraph::default();
        g.add_entity(first);
        g.add_entity(second);
        let n = g.node(&EntityId("org/gen".into())).unwrap();
        (n.entity.name.clone(), n.entity.ids.qid.clone())
    };
    let a = || entity("&Gen.", Some("Q2"));
    let b = || entity("Gen.", Some("Q1"));
    assert_eq!(names(a(), b()), names(b(), a()));
    assert_eq!(
        names(a(), b()),
        ("Gen.".to_string(), Some("Q1".to_string()))
    );
}

/// Two articles: Ruritania and Freedonia share a sentence in the first and only the article
/// in the second; Sylvania is named with them in the second article only.
fn ruritania_articles() -> KnowledgeGraph {
    let mut g = KnowledgeGraph::default();
    g.add_document(&doc("one", &[&[("Ruritania", C), ("Freedonia", C)]]));
    g.add_document(&doc(
        "two",
        &[&[("Ruritania", C)], &[("Freedonia", C)], &[("Sylvania", C)]],
    ));
    g
}

fn comention_pairs(g: &KnowledgeGraph) -> Vec<(String, u64, u64)> {
    g.edges()
        .iter()
        .filter_map(|e| match e.edge {
            Edge::Comention(c) => Some((
                format!("{} -- {}", e.source.entity.id, e.target.entity.id),
                c.sentences,
                c.articles,
            )),
            Edge::Stance(_) => None,
        })
        .collect()
}

#[test]
fn sentence_scope_keeps_only_pairs_named_in_one_sentence_with_exact_article_counts() {
    let mut g = ruritania_articles();
    assert_eq!(g.comention_scope(), ComentionScope::Article);
    assert_eq!(comention_pairs(&g).len(), 3, "every pair of article two");
    assert_eq!(g.restrict_comentions(ComentionScope::Sentence), 2);
    // The pair kept counts both articles it is named in, not only the shared sentence's.
    assert_eq!(
        comention_pairs(&g),
        [("country/freedonia -- country/ruritania".to_string(), 1, 2)]
    );
    // Actors stay even when they lose their last co-mention.
    assert_eq!(g.node_count(), 3);
    assert_eq!(g.to_json().meta.comention, ComentionScope::Sentence);
}

#[test]
fn article_scope_keeps_every_pair_and_says_so_in_the_json() {
    let mut g = ruritania_articles();
    assert_eq!(g.restrict_comentions(ComentionScope::Article), 0);
    assert_eq!(comention_pairs(&g).len(), 3);
    let json = serde_json::to_string(&g.to_json()).unwrap();
    assert!(json.contains(r#""comention":"article""#), "{json}");
    let back = KnowledgeGraph::from_json(serde_json::from_str(&json).unwrap());
    assert_eq!(back.comention_scope(), ComentionScope::Article);
}

#[test]
fn a_graph_json_without_a_comention_scope_is_read_as_article_scope() {
    let mut g = ruritania_articles();
    g.restrict_comentions(ComentionScope::Sentence);
    let json = serde_json::to_string(&g.to_json())
        .unwrap()
        .replace(r#""comention":"sentence","#, "");
    let back = KnowledgeGraph::from_json(serde_json::from_str(&json).unwrap());
    assert_eq!(back.comention_scope(), ComentionScope::Article);
}
