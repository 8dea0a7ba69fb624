use super::*;
use crate::graph::ComentionEdge;
use crate::model::{Entity, EntityId, EntityType};

fn graph(n: usize) -> KnowledgeGraph {
    let mut g = KnowledgeGraph::default();
    for i in 0..n {
        let mut e = Entity::new(
            EntityId(format!("person/p{i:04}")),
            format!("P {i}"),
            EntityType::Person,
        );
        e.mentions = (n - i) as u64; // p0000 is the most mentioned
        g.add_entity(e);
    }
    for i in 1..n {
        g.add_comention(
            &EntityId("person/p0000".into()),
            &EntityId(format!("person/p{i:04}")),
            ComentionEdge {
                sentences: 1,
                articles: 1,
                evidence: vec![],
            },
        );
    }
    g
}

#[test]
fn small_graphs_use_dot_with_every_label() {
    let p = plan(&graph(20), PictureFormat::Svg, &RenderOptions::default());
    assert_eq!(p.engine, "dot");
    assert!(p.unlabeled.is_empty());
    assert!(!p.args.iter().any(|a| a.starts_with("-Gdpi")));
}

#[test]
fn middling_graphs_use_sfdp_with_every_label() {
    let p = plan(&graph(100), PictureFormat::Svg, &RenderOptions::default());
    assert_eq!(p.engine, "sfdp");
    assert!(p.unlabeled.is_empty());
}

#[test]
fn large_graphs_use_sfdp_and_label_only_the_most_central() {
    let opts = RenderOptions {
        labels: 10,
        ..RenderOptions::default()
    };
    let p = plan(&graph(200), PictureFormat::Png, &opts);
    assert_eq!(p.engine, "sfdp");
    assert_eq!(p.unlabeled.len(), 190);
    // By mentions (no analysis): p0000..p0009 keep their labels.
    assert!(!p.unlabeled.contains(&"person/p0009".to_string()));
    assert!(p.unlabeled.contains(&"person/p0010".to_string()));
    for want in ["-Goverlap=prism", "-Goutputorder=edgesfirst", "-Gdpi=110"] {
        assert!(p.args.iter().any(|a| a == want), "{want} missing");
    }
}

#[test]
fn centrality_from_analysis_beats_mentions() {
    let mut g = graph(3);
    for (id, pr) in [
        ("person/p0000", 0.1),
        ("person/p0001", 0.2),
        ("person/p0002", 0.7),
    ] {
        g.node_mut(&EntityId(id.into()))
            .unwrap()
            .analysis
            .insert("pagerank".into(), serde_json::json!(pr));
    }
    let order: Vec<&str> = by_centrality(&g)
        .iter()
        .map(|n| n.entity.id.as_str())
        .collect();
    assert_eq!(order, ["person/p0002", "person/p0001", "person/p0000"]);
}

#[test]
fn labels_are_blanked_only_for_ids_present_in_the_dot() {
    let dot = b"digraph g {\n  \"a\\\"b\" [label=\"A\"];\n  \"c\" [label=\"C\"];\n}\n";
    let out = String::from_utf8(blank_labels(
        dot,
        &["a\"b".to_string(), "missing".to_string()],
    ))
    .unwrap();
    assert!(out.contains("  \"a\\\"b\" [label=\"\""), "{out}");
    assert!(!out.contains("missing"), "{out}");
    assert!(out.trim_end().ends_with('}'));
    assert_eq!(blank_labels(dot, &[]), dot.to_vec());
}

#[test]
fn missing_graphviz_is_a_clear_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.svg");
    let opts = RenderOptions {
        dot_program: Some(dir.path().join("no-such-dot")),
        ..RenderOptions::default()
    };
    let err = render_with(&graph(3), PictureFormat::Svg, &out, &opts).unwrap_err();
    assert!(err.is_usage());
    assert_eq!(err.to_string(), GRAPHVIZ_MISSING);
    assert!(!out.exists());
}

#[cfg(unix)]
#[test]
fn a_hanging_graphviz_is_killed_at_the_timeout() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("dot");
    std::fs::write(&fake, "#!/bin/sh\nexec sleep 30\n").unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = dir.path().join("g.png");
    let opts = RenderOptions {
        dot_program: Some(fake),
        timeout: Duration::from_millis(300),
        ..RenderOptions::default()
    };
    let started = Instant::now();
    let err = render_with(&graph(3), PictureFormat::Png, &out, &opts).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(10));
    assert!(err.to_string().contains("did not finish"), "{err}");
    assert!(!out.exists());
}

#[cfg(unix)]
#[test]
fn a_failing_graphviz_reports_its_message_and_leaves_no_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("dot");
    std::fs::write(
        &fake,
        "#!/bin/sh\ncat >/dev/null\necho 'Error: syntax error in line 3' >&2\nexit 1\n",
    )
    .unwrap();
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = dir.path().join("g.svg");
    let opts = RenderOptions {
        dot_program: Some(fake),
        ..RenderOptions::default()
    };
    let err = render_with(&graph(3), PictureFormat::Svg, &out, &opts).unwrap_err();
    assert!(err.to_string().contains("syntax error in line 3"), "{err}");
    assert!(!out.exists());
}
