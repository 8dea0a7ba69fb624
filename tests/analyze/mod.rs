//! `newsgraph analyze`: filters, formats and the saved graph, on a small signed graph.

use std::path::Path;

use assert_cmd::Command;
use newsgraph::KnowledgeGraph;
use newsgraph::graph::{ComentionEdge, StanceEdge};
use newsgraph::model::{Entity, EntityId, EntityType};
use predicates::prelude::*;

/// Two blocs of three countries, friendly inside and hostile across, plus a loose person.
fn blocs() -> KnowledgeGraph {
    let mut g = KnowledgeGraph::default();
    let names = [
        "Aland", "Borduria", "Carpania", "Syldavia", "Tomainia", "Vulgaria",
    ];
    let id = |n: &str| EntityId::from_name(EntityType::Country, n);
    for n in names {
        g.add_entity(Entity::new(id(n), n, EntityType::Country));
    }
    let pe = EntityId::from_name(EntityType::Person, "Tintin");
    g.add_entity(Entity::new(pe.clone(), "Tintin", EntityType::Person));
    let mut tie = |a: &str, b: &str, sentences: u64, sign: i8| {
        g.add_comention(
            &id(a),
            &id(b),
            ComentionEdge {
                sentences,
                articles: 1,
                evidence: vec![],
            },
        );
        if sign != 0 {
            g.add_stance(
                &id(a),
                &id(b),
                StanceEdge {
                    positive: u64::from(sign > 0),
                    negative: u64::from(sign < 0),
                    ..Default::default()
                },
            );
        }
    };
    for (a, b) in [
        ("Aland", "Borduria"),
        ("Borduria", "Carpania"),
        ("Aland", "Carpania"),
    ] {
        tie(a, b, 4, 1);
    }
    for (a, b) in [
        ("Syldavia", "Tomainia"),
        ("Tomainia", "Vulgaria"),
        ("Syldavia", "Vulgaria"),
    ] {
        tie(a, b, 4, 1);
    }
    tie("Aland", "Syldavia", 1, -1);
    tie("Carpania", "Vulgaria", 1, -1);
    g.add_comention(
        &pe,
        &id("Syldavia"),
        ComentionEdge {
            sentences: 2,
            articles: 1,
            evidence: vec![],
        },
    );
    g
}

fn write_graph(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("graph.json");
    std::fs::write(&path, blocs().to_json_string()).unwrap();
    path
}

fn newsgraph() -> Command {
    Command::cargo_bin("newsgraph").unwrap()
}

#[test]
fn table_shows_summary_then_nodes_sorted_by_pagerank() {
    let dir = tempfile::tempdir().unwrap();
    let graph = write_graph(dir.path());
    let out = newsgraph().arg("analyze").arg(&graph).assert().success();
    let text = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(text.contains("communities 2"), "{text}");
    assert!(text.contains("frustration 0 (exact"), "{text}");
    assert!(text.contains("2 camps contradicting 0 signs"), "{text}");
    let rows: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("id "))
        .skip(1)
        .collect();
    assert_eq!(rows.len(), 7);
    // Syldavia has the most ties (its bloc, Aland and Tintin).
    assert!(rows[0].starts_with("country/syldavia"), "{text}");
}

#[test]
fn json_and_csv_formats_follow_the_flag_or_the_file_extension() {
    let dir = tempfile::tempdir().unwrap();
    let graph = write_graph(dir.path());
    let out = newsgraph()
        .args(["analyze", "--format", "json"])
        .arg(&graph)
        .assert()
        .success();
    let json: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(json["balance"]["camps"].as_array().unwrap().len(), 2);
    assert_eq!(json["balance"]["triads"]["ppp"], 2);

    let csv = dir.path().join("nodes.csv");
    newsgraph()
        .arg("analyze")
        .arg(&graph)
        .arg("-o")
        .arg(&csv)
        .assert()
        .success()
        .stdout("");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with("id,name,type,degree,weighted_degree,pagerank"));
    assert_eq!(text.lines().count(), 8);
}

#[test]
fn filters_apply_before_the_analysis_and_the_graph_can_be_saved() {
    let dir = tempfile::tempdir().unwrap();
    let graph = write_graph(dir.path());
    let saved = dir.path().join("analyzed.json");
    newsgraph()
        .args([
            "analyze", "--types", "country", "--ego", "Aland", "--depth", "1",
        ])
        .args(["--format", "csv", "--write-graph"])
        .arg(&saved)
        .arg(&graph)
        .assert()
        .success()
        .stderr(predicate::str::contains("filters removed 3 nodes"));
    let g = KnowledgeGraph::from_json_str(&std::fs::read_to_string(&saved).unwrap()).unwrap();
    let ids: Vec<&str> = g.nodes().iter().map(|n| n.entity.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "country/aland",
            "country/borduria",
            "country/carpania",
            "country/syldavia"
        ]
    );
    for n in g.nodes() {
        for key in ["pagerank", "community", "component", "camp"] {
            assert!(n.analysis.contains_key(key), "{} {key}", n.entity.id);
        }
    }
}

#[test]
fn output_is_byte_identical_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let graph = write_graph(dir.path());
    let run = || {
        newsgraph()
            .args(["analyze", "--format", "json"])
            .arg(&graph)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    assert_eq!(run(), run());
}

#[test]
fn bad_requests_exit_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let graph = write_graph(dir.path());
    for (args, message) in [
        (&["--ego", "Atlantis"][..], "no actor in the graph"),
        (&["--since", "yesterday"][..], "expected a date"),
        (&["--top", "3", "--by", "fame"][..], "unknown centrality"),
        (&["--edges", "likes"][..], "unknown edge kind"),
        (&["--types", "animal"][..], "unknown entity type"),
    ] {
        newsgraph()
            .arg("analyze")
            .arg(&graph)
            .args(args)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
    }
    newsgraph()
        .args(["analyze", "no/such/graph.json"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no/such/graph.json does not exist",
        ));
}
