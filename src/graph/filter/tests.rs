//! Each filter flag on a small graph of six actors and four articles (one undated).

use super::*;
use crate::graph::{ComentionEdge, Evidence, StanceEdge, StanceEvidence};
use crate::model::{Entity, Polarity};

const C: EntityType = EntityType::Country;

fn eid(s: &str) -> EntityId {
    EntityId(s.to_string())
}

fn at(article: &str, sentence: usize) -> Evidence {
    Evidence {
        article: article.into(),
        sentence,
        start: 0,
        end: 0,
        text: String::new(),
    }
}

fn comention(g: &mut KnowledgeGraph, a: &str, b: &str, sentences: u64, ev: &[(&str, usize)]) {
    let articles = ev.iter().map(|e| e.0).collect::<BTreeSet<_>>().len() as u64;
    g.add_comention(
        &eid(a),
        &eid(b),
        ComentionEdge {
            sentences,
            articles,
            evidence: ev.iter().map(|&(a, s)| at(a, s)).collect(),
        },
    );
}

fn stance(g: &mut KnowledgeGraph, a: &str, b: &str, ev: &[(&str, Polarity)]) {
    let mut edge = StanceEdge::default();
    for (i, &(article, p)) in ev.iter().enumerate() {
        match p {
            Polarity::Positive => edge.positive += 1,
            Polarity::Negative => edge.negative += 1,
            Polarity::Neutral => edge.neutral += 1,
        }
        edge.intensity_sum -= 1.0;
        *edge.categories.entry("say".into()).or_default() += 1;
        edge.evidence.push(StanceEvidence {
            at: at(article, i),
            polarity: p,
            intensity: -1.0,
            category: "say".into(),
            cue: "said".into(),
        });
    }
    g.add_stance(&eid(a), &eid(b), edge);
}

/// Six actors, four articles (one undated), co-mention and stance edges.
fn sample() -> KnowledgeGraph {
    let mut g = KnowledgeGraph::default();
    for (id, name, t, aliases) in [
        (
            "country/iran",
            "Iran",
            C,
            &["Tehran", "Islamic Republic"][..],
        ),
        ("country/israel", "Israel", C, &[][..]),
        ("country/us", "United States", C, &["US", "Washington"][..]),
        (
            "person/donald-trump",
            "Donald Trump",
            EntityType::Person,
            &["Trump"][..],
        ),
        (
            "org/un",
            "United Nations",
            EntityType::Organization,
            &["UN"][..],
        ),
        ("place/gaza", "Gaza", EntityType::Place, &[][..]),
    ] {
        let mut e = Entity::new(eid(id), name, t);
        for a in aliases {
            e.aliases.insert(a.to_string(), 1);
        }
        g.add_entity(e);
    }
    for (id, date) in [
        ("a1", Some("2024-01-10")),
        ("a2", Some("2024-03-05T08:00:00Z")),
        ("a3", Some("2024-06-20")),
        ("a4", None),
    ] {
        g.insert_article(ArticleMeta {
            id: id.into(),
            date: date.map(String::from),
            ..Default::default()
        });
    }
    comention(
        &mut g,
        "country/iran",
        "country/israel",
        3,
        &[("a1", 0), ("a2", 1), ("a3", 0)],
    );
    comention(&mut g, "country/iran", "country/us", 1, &[("a2", 2)]);
    comention(
        &mut g,
        "country/us",
        "person/donald-trump",
        2,
        &[("a1", 1), ("a3", 2)],
    );
    comention(&mut g, "org/un", "place/gaza", 1, &[("a4", 0)]);
    // Seen 7 times, 5 kept: not all evidence is in the graph.
    comention(
        &mut g,
        "country/israel",
        "place/gaza",
        7,
        &[("a1", 3), ("a1", 4), ("a2", 3), ("a2", 4), ("a2", 5)],
    );
    use Polarity::*;
    stance(
        &mut g,
        "country/israel",
        "country/iran",
        &[("a1", Negative), ("a3", Negative)],
    );
    stance(&mut g, "country/us", "country/israel", &[("a2", Positive)]);
    g
}

fn node_ids(g: &KnowledgeGraph) -> Vec<String> {
    g.nodes().iter().map(|n| n.entity.id.to_string()).collect()
}

/// `kind:source>target=weight`.
fn edge_list(g: &KnowledgeGraph) -> Vec<String> {
    g.edges()
        .iter()
        .map(|e| {
            format!(
                "{}:{}>{}={}",
                &e.edge.kind().as_str()[..1],
                e.source.entity.id.as_str().split('/').nth(1).unwrap_or(""),
                e.target.entity.id.as_str().split('/').nth(1).unwrap_or(""),
                weight(e.edge)
            )
        })
        .collect()
}

#[test]
fn each_flag_keeps_what_it_says() {
    struct Case {
        name: &'static str,
        filter: Filter,
        nodes: &'static [&'static str],
        edges: &'static [&'static str],
    }
    let all_nodes: &[&str] = &[
        "country/iran",
        "country/israel",
        "country/us",
        "org/un",
        "person/donald-trump",
        "place/gaza",
    ];
    let cases = [
        Case {
            name: "nothing",
            filter: Filter::default(),
            nodes: all_nodes,
            edges: &[
                "c:iran>israel=3",
                "c:iran>us=1",
                "c:israel>gaza=7",
                "c:us>donald-trump=2",
                "c:un>gaza=1",
                "s:israel>iran=2",
                "s:us>israel=1",
            ],
        },
        Case {
            name: "--types country",
            filter: Filter {
                types: Some(vec![C]),
                ..Default::default()
            },
            nodes: &["country/iran", "country/israel", "country/us"],
            edges: &[
                "c:iran>israel=3",
                "c:iran>us=1",
                "s:israel>iran=2",
                "s:us>israel=1",
            ],
        },
        Case {
            name: "--min-weight 2 drops the nodes it leaves alone",
            filter: Filter {
                min_weight: Some(2),
                ..Default::default()
            },
            nodes: &[
                "country/iran",
                "country/israel",
                "country/us",
                "person/donald-trump",
                "place/gaza",
            ],
            edges: &[
                "c:iran>israel=3",
                "c:israel>gaza=7",
                "c:us>donald-trump=2",
                "s:israel>iran=2",
            ],
        },
        Case {
            name: "--edges stance",
            filter: Filter {
                edges: EdgeKinds::Stance,
                ..Default::default()
            },
            nodes: &["country/iran", "country/israel", "country/us"],
            edges: &["s:israel>iran=2", "s:us>israel=1"],
        },
        Case {
            name: "--edges comention",
            filter: Filter {
                edges: EdgeKinds::Comention,
                ..Default::default()
            },
            nodes: all_nodes,
            edges: &[
                "c:iran>israel=3",
                "c:iran>us=1",
                "c:israel>gaza=7",
                "c:us>donald-trump=2",
                "c:un>gaza=1",
            ],
        },
        Case {
            name: "--ego Tehran (an alias) --depth 1",
            filter: Filter {
                ego: Some(("tehran".into(), 1)),
                ..Default::default()
            },
            nodes: &["country/iran", "country/israel", "country/us"],
            edges: &[
                "c:iran>israel=3",
                "c:iran>us=1",
                "s:israel>iran=2",
                "s:us>israel=1",
            ],
        },
        Case {
            name: "--ego country/iran --depth 2",
            filter: Filter {
                ego: Some(("country/iran".into(), 2)),
                ..Default::default()
            },
            nodes: &[
                "country/iran",
                "country/israel",
                "country/us",
                "person/donald-trump",
                "place/gaza",
            ],
            edges: &[
                "c:iran>israel=3",
                "c:iran>us=1",
                "c:israel>gaza=7",
                "c:us>donald-trump=2",
                "s:israel>iran=2",
                "s:us>israel=1",
            ],
        },
        Case {
            name: "--ego gaza --depth 0 keeps only the actor",
            filter: Filter {
                ego: Some(("GAZA".into(), 0)),
                ..Default::default()
            },
            nodes: &["place/gaza"],
            edges: &[],
        },
        Case {
            name: "--since 2024-03 (month prefix)",
            filter: Filter {
                since: Some("2024-03".into()),
                ..Default::default()
            },
            nodes: &[
                "country/iran",
                "country/israel",
                "country/us",
                "person/donald-trump",
                "place/gaza",
            ],
            edges: &[
                "c:iran>israel=2",
                "c:iran>us=1",
                "c:israel>gaza=3",
                "c:us>donald-trump=1",
                "s:israel>iran=1",
                "s:us>israel=1",
            ],
        },
        Case {
            name: "--until 2024-01-31",
            filter: Filter {
                until: Some("2024-01-31".into()),
                ..Default::default()
            },
            nodes: &[
                "country/iran",
                "country/israel",
                "country/us",
                "person/donald-trump",
                "place/gaza",
            ],
            edges: &[
                "c:iran>israel=1",
                "c:israel>gaza=2",
                "c:us>donald-trump=1",
                "s:israel>iran=1",
            ],
        },
        Case {
            name: "--top 2 --by degree (ties by id)",
            filter: Filter {
                top: Some((2, Centrality::Degree)),
                ..Default::default()
            },
            nodes: &["country/israel", "country/us"],
            edges: &["s:us>israel=1"],
        },
        Case {
            name: "--types country --top 1 --by weighted-degree ranks within the filtered graph",
            filter: Filter {
                types: Some(vec![C]),
                top: Some((1, Centrality::WeightedDegree)),
                ..Default::default()
            },
            nodes: &["country/iran"],
            edges: &[],
        },
    ];
    for case in cases {
        let mut g = sample();
        case.filter
            .apply(&mut g)
            .unwrap_or_else(|e| panic!("{}: {e}", case.name));
        assert_eq!(node_ids(&g), case.nodes, "{}", case.name);
        assert_eq!(edge_list(&g), case.edges, "{}", case.name);
    }
}

#[test]
fn top_uses_stored_analysis_when_every_node_has_it() {
    let mut g = sample();
    let ids: Vec<EntityId> = g.nodes().iter().map(|n| n.entity.id.clone()).collect();
    for (rank, id) in ids.iter().enumerate() {
        // Reverse id order: place/gaza highest.
        g.node_mut(id)
            .unwrap()
            .analysis
            .insert("pagerank".into(), (rank as f64).into());
    }
    Filter {
        top: Some((2, Centrality::PageRank)),
        ..Default::default()
    }
    .apply(&mut g)
    .unwrap();
    assert_eq!(node_ids(&g), ["person/donald-trump", "place/gaza"]);
}

#[test]
fn date_filters_recount_stance_and_say_when_counts_are_lower_bounds() {
    let mut g = sample();
    let stats = Filter {
        since: Some("2024-06".into()),
        ..Default::default()
    }
    .apply_with_stats(&mut g)
    .unwrap();
    // israel-gaza kept 5 of its 7 sentences: it cannot be recounted exactly.
    assert_eq!(stats.approximate_edges, 1);
    let articles: Vec<&str> = g.articles().map(|a| a.id.as_str()).collect();
    assert_eq!(articles, ["a3"]);
    let s = g
        .edges()
        .into_iter()
        .find_map(|e| match e.edge {
            Edge::Stance(s) => Some(s.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!((s.positive, s.negative, s.count()), (0, 1, 1));
    assert_eq!(s.intensity_sum, -1.0);
    assert_eq!(s.categories["say"], 1);
    assert_eq!(s.evidence.len(), 1);
}

#[test]
fn article_dates_are_compared_by_prefix_and_undated_articles_fail_a_range() {
    let f = |since: Option<&str>, until: Option<&str>| Filter {
        since: since.map(String::from),
        until: until.map(String::from),
        ..Default::default()
    };
    for (filter, date, keep) in [
        (f(None, None), None, true),
        (f(Some("2024"), None), None, false),
        (f(Some("2024"), None), Some("not a date"), false),
        (f(Some("2024"), None), Some("2023-12-31"), false),
        (f(Some("2024"), None), Some("2024-01-01"), true),
        (f(None, Some("2024-05")), Some("2024-05-31T23:59:00Z"), true),
        (f(None, Some("2024-05")), Some("2024-06-01"), false),
        (
            f(Some("2024-05-10"), Some("2024-05")),
            Some("2024-05-10"),
            true,
        ),
        (
            f(Some("2024-05-10"), Some("2024-05")),
            Some("2024-05-09"),
            false,
        ),
    ] {
        let a = ArticleMeta {
            id: "x".into(),
            date: date.map(String::from),
            ..Default::default()
        };
        assert_eq!(filter.keeps_article(&a), keep, "{filter:?} {date:?}");
    }
}

#[test]
fn bad_requests_fail_with_a_clear_message() {
    for (filter, wanted) in [
        (
            Filter {
                ego: Some(("Atlantis".into(), 1)),
                ..Default::default()
            },
            "no actor in the graph",
        ),
        (
            Filter {
                ego: Some(("united".into(), 1)),
                ..Default::default()
            },
            "did you mean country/us, org/un",
        ),
        (
            Filter {
                ego: Some(("org/un".into(), 1)),
                types: Some(vec![C]),
                ..Default::default()
            },
            "the other filters removed it",
        ),
        (
            Filter {
                since: Some("5 May".into()),
                ..Default::default()
            },
            "expected a date",
        ),
        (
            Filter {
                since: Some("2025-02-30".into()),
                ..Default::default()
            },
            "--since 2025-02-30: no such date",
        ),
        (
            Filter {
                until: Some("2025-13".into()),
                ..Default::default()
            },
            "--until 2025-13: no such date",
        ),
        (
            Filter {
                since: Some("2024-06".into()),
                until: Some("2024-05-31".into()),
                ..Default::default()
            },
            "is after",
        ),
    ] {
        let mut g = sample();
        let err = filter.apply(&mut g).unwrap_err();
        assert!(err.is_usage(), "{err}");
        assert!(err.to_string().contains(wanted), "{err}");
    }
}

#[test]
fn ambiguous_ego_names_list_the_candidates() {
    let mut g = sample();
    let mut e = Entity::new(eid("person/us"), "Us", EntityType::Person);
    e.aliases.insert("Washington".into(), 1);
    g.add_entity(e);
    let err = resolve(&g, "washington").unwrap_err().to_string();
    assert!(
        err.contains("ambiguous") && err.contains("country/us, person/us"),
        "{err}"
    );
    // An exact id wins over names and aliases.
    assert_eq!(resolve(&g, "Country/US").unwrap().as_str(), "country/us");
    assert_eq!(
        resolve(&g, "Donald Trump").unwrap().as_str(),
        "person/donald-trump"
    );
}
