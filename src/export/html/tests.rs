use super::*;
use crate::graph::{ComentionEdge, Evidence, StanceEdge, StanceEvidence};
use crate::model::{Entity, EntityId, EntityType};

fn entity(id: &str, name: &str, etype: EntityType, mentions: u64) -> Entity {
    let mut e = Entity::new(EntityId(id.to_string()), name, etype);
    e.mentions = mentions;
    e.aliases.insert(name.to_string(), mentions);
    e
}

fn evidence(article: &str, text: &str) -> Evidence {
    Evidence {
        article: article.into(),
        sentence: 0,
        start: 0,
        end: text.len(),
        text: text.into(),
    }
}

/// Three actors, a co-mention and a hostile stance edge; `names` replaces the names.
fn small_graph(names: [&str; 3], reversed: bool) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::default();
    let mut ents = vec![
        entity("country/a", names[0], EntityType::Country, 5),
        entity("person/b", names[1], EntityType::Person, 3),
        entity("org/c", names[2], EntityType::Organization, 1),
    ];
    if reversed {
        ents.reverse();
    }
    for e in ents {
        g.add_entity(e);
    }
    let id = |s: &str| EntityId(s.to_string());
    g.add_comention(
        &id("person/b"),
        &id("country/a"),
        ComentionEdge {
            sentences: 2,
            articles: 1,
            evidence: vec![evidence("art-1", names[0])],
        },
    );
    g.add_stance(
        &id("country/a"),
        &id("org/c"),
        StanceEdge {
            negative: 2,
            intensity_sum: -9.0,
            categories: [("accuse".to_string(), 2)].into_iter().collect(),
            evidence: vec![StanceEvidence {
                at: evidence("art-2", names[2]),
                polarity: Polarity::Negative,
                intensity: -4.5,
                category: "accuse".into(),
                cue: "accused".into(),
            }],
            ..Default::default()
        },
    );
    g
}

fn html(g: &KnowledgeGraph) -> String {
    let mut out = Vec::new();
    write(g, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The JSON between the data script's tags, parsed as the browser would.
fn embedded(page: &str) -> serde_json::Value {
    let open = "<script type=\"application/json\" id=\"newsgraph-data\">";
    let start = page.find(open).unwrap() + open.len();
    let end = start + page[start..].find("</script>").unwrap();
    serde_json::from_str(&page[start..end]).unwrap()
}

#[test]
fn hostile_names_cannot_break_out_of_the_data_script() {
    let cases = [
        "</script><script>alert(1)</script>",
        "</SCRIPT >",
        "<!-- <script>",
        "\"quoted\" & 'single' \\ backslash",
        "line\u{2028}separator\u{2029}paragraph",
        "\u{202E}RTL override\u{200F} mark \u{05D0}\u{05D1}",
        "emoji 🇮🇷🤝🇴🇲 \u{1F600}",
        "tab\tnew\nline\u{0}nul",
    ];
    for name in cases {
        let page = html(&small_graph([name, "B", "C"], false));
        let lower = page.to_lowercase();
        // Exactly two script elements end: the data and the viewer code.
        assert_eq!(lower.matches("</script").count(), 2, "{name:?}");
        assert_eq!(lower.matches("<script").count(), 2, "{name:?}");
        assert!(
            !page.contains('\u{2028}') && !page.contains('\u{2029}'),
            "{name:?}"
        );
        let data = embedded(&page);
        assert_eq!(data["nodes"][0]["name"], name, "{name:?}");
        assert_eq!(data["edges"][0]["evidence"][0]["text"], name, "{name:?}");
    }
}

#[test]
fn script_json_escaping_table() {
    for (input, want) in [
        ("plain", "plain"),
        ("</script>", "\\u003c/script\\u003e"),
        ("a&b", "a\\u0026b"),
        ("\u{2028}\u{2029}", "\\u2028\\u2029"),
        ("é 🇮🇷 \u{202E}", "é 🇮🇷 \u{202E}"),
    ] {
        assert_eq!(escape_script_json(input), want, "{input:?}");
    }
}

#[test]
fn embedded_code_cannot_close_its_own_tags() {
    assert!(!VIEWER_JS.to_lowercase().contains("<script"));
    assert!(!VIEWER_JS.to_lowercase().contains("</script"));
    assert!(!VIEWER_JS.contains("<!--"));
    assert!(!VIEWER_CSS.to_lowercase().contains("</style"));
}

#[test]
fn the_page_fetches_nothing() {
    let page = html(&small_graph(["A", "B", "C"], false));
    for needle in ["http://", "https://", "src=", "<link", "@import", "url("] {
        assert!(!page.contains(needle), "page contains {needle:?}");
    }
    assert!(page.contains("default-src 'none'"));
}

#[test]
fn same_graph_gives_the_same_bytes_whatever_the_insertion_order() {
    let a = html(&small_graph(["A", "B", "C"], false));
    let b = html(&small_graph(["A", "B", "C"], false));
    let c = html(&small_graph(["A", "B", "C"], true));
    assert_eq!(a, b);
    assert_eq!(a, c);
}

#[test]
fn edges_point_at_sorted_nodes_with_signs_and_evidence() {
    let data = embedded(&html(&small_graph(["A", "B", "C"], false)));
    let ids: Vec<&str> = data["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["country/a", "org/c", "person/b"]);
    let edges = data["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 2);
    // co-mention country/a -- person/b
    assert_eq!(
        (
            &edges[0]["kind"],
            &edges[0]["s"],
            &edges[0]["t"],
            &edges[0]["sign"]
        ),
        (
            &"comention".into(),
            &0.into(),
            &2.into(),
            &"comention".into()
        )
    );
    // stance country/a -> org/c, hostile, with cue and article
    assert_eq!(edges[1]["sign"], "hostile");
    assert_eq!((&edges[1]["s"], &edges[1]["t"]), (&0.into(), &1.into()));
    assert_eq!(edges[1]["weight"], 2);
    assert_eq!(edges[1]["mean_intensity"], -4.5);
    assert_eq!(edges[1]["evidence"][0]["cue"], "accused");
    assert_eq!(edges[1]["evidence"][0]["article"], "art-2");
    assert_eq!(data["nodes"][0]["degree"], 2);
    assert_eq!(data["articles"][0]["id"], "art-1");
}

#[test]
fn stance_signs_follow_the_majority() {
    for ((pos, neg, neu), want) in [
        ((3, 1, 0), "friendly"),
        ((1, 3, 0), "hostile"),
        ((2, 2, 5), "mixed"),
        ((0, 0, 1), "mixed"),
    ] {
        let mut g = small_graph(["A", "B", "C"], false);
        g.add_stance(
            &EntityId("person/b".into()),
            &EntityId("org/c".into()),
            StanceEdge {
                positive: pos,
                negative: neg,
                neutral: neu,
                ..Default::default()
            },
        );
        let data = embedded(&html(&g));
        let e = data["edges"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["s"] == 2 && e["t"] == 1)
            .unwrap()
            .clone();
        assert_eq!(e["sign"], want, "{pos}/{neg}/{neu}");
    }
}

#[test]
fn node_size_prefers_centrality_and_falls_back_to_mentions() {
    let g = small_graph(["A", "B", "C"], false);
    let data = embedded(&html(&g));
    assert_eq!(data["meta"]["default_size"], "mentions");
    assert_eq!(data["meta"]["groupings"], serde_json::json!([]));

    let mut g = small_graph(["A", "B", "C"], false);
    for (id, pr, community) in [
        ("country/a", 0.5, 0),
        ("person/b", 0.3, 1),
        ("org/c", f64::NAN, 1),
    ] {
        let n = g.node_mut(&EntityId(id.into())).unwrap();
        n.analysis
            .insert("betweenness".into(), serde_json::json!(0.25));
        n.analysis
            .insert("community".into(), serde_json::json!(community));
        if let Some(v) = serde_json::Number::from_f64(pr) {
            n.analysis
                .insert("pagerank".into(), serde_json::Value::Number(v));
        }
    }
    let data = embedded(&html(&g));
    assert_eq!(data["meta"]["default_size"], "pagerank");
    assert_eq!(
        data["meta"]["size_metrics"],
        serde_json::json!(["mentions", "degree", "betweenness", "pagerank"])
    );
    assert_eq!(data["meta"]["groupings"], serde_json::json!(["community"]));
}

#[test]
fn empty_and_single_node_graphs_still_make_a_page() {
    let page = html(&KnowledgeGraph::default());
    assert_eq!(embedded(&page)["nodes"], serde_json::json!([]));
    let mut g = KnowledgeGraph::default();
    g.add_entity(entity("place/x", "X", EntityType::Place, 1));
    let data = embedded(&html(&g));
    assert_eq!(
        (
            data["nodes"][0]["x"].as_f64(),
            data["nodes"][0]["y"].as_f64()
        ),
        (Some(0.0), Some(0.0))
    );
}

/// The data the page embeds, for a small graph, is a golden file: any change to what the
/// viewer receives (fields, rounding, layout) shows up in review. Regenerate on purpose
/// with `UPDATE_GOLDEN=1 cargo test --lib golden`.
#[test]
fn embedded_data_matches_the_golden_file() {
    let mut g = small_graph(["Iran", "Masoud Pezeshkian", "Press TV"], false);
    g.node_mut(&EntityId("country/a".into()))
        .unwrap()
        .analysis
        .insert("pagerank".into(), serde_json::json!(0.612345678));
    let mut data = embedded(&html(&g));
    assert_eq!(data["meta"]["version"], env!("CARGO_PKG_VERSION"));
    data["meta"]["version"] = "(crate version)".into();
    let mut text = serde_json::to_string_pretty(&data).unwrap();
    text.push('\n');
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/html-data-small.json");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1 once)", path.display()));
    assert_eq!(
        text, want,
        "viewer data changed; regenerate with UPDATE_GOLDEN=1 if intended"
    );
}
