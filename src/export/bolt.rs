//! What `newsgraph push` sends to a Bolt server (Neo4j, ArcadeDB, Memgraph...): batches of
//! parameterised `UNWIND $rows ... MERGE` statements, the same graph the Cypher script makes.
//!
//! Plain data only (no driver types), so the plan is testable without a server and the
//! library stays free of the network; `cli/push.rs` turns each batch into one transaction.
//! Every statement MERGEs on `Actor.id` and sets properties with `+=`: pushing twice
//! changes nothing.

use super::neo4j::{ACTOR_LABEL, relationship_type, type_label};
use super::properties::{FlatGraph, Value, edge_columns_of};
use crate::error::Result;
use crate::graph::{EdgeKind, KnowledgeGraph};
use crate::model::EntityType;

/// One row of `$rows`: a key (`id`, or `source` + `target`) and a property map.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub keys: Vec<(&'static str, String)>,
    pub props: Vec<(String, Value)>,
}

/// One statement with the rows it runs over; run each batch in its own transaction.
#[derive(Clone, Debug, PartialEq)]
pub struct Batch {
    pub statement: String,
    pub rows: Vec<Row>,
    /// What the batch writes, for progress messages: `Person`, `STANCE`...
    pub what: &'static str,
}

/// The uniqueness constraint that makes MERGE on `Actor.id` fast (Neo4j 5 syntax; servers
/// that do not know it may refuse it, which only costs speed).
pub fn constraint_statement() -> String {
    format!(
        "CREATE CONSTRAINT newsgraph_actor_id IF NOT EXISTS FOR (n:{ACTOR_LABEL}) REQUIRE n.id IS UNIQUE"
    )
}

/// The batches that write `graph`: nodes by type label first, then co-mention and stance
/// relationships, each split into batches of at most `batch_size` rows (at least 1).
pub fn plan(graph: &KnowledgeGraph, batch_size: usize) -> Result<Vec<Batch>> {
    let flat = FlatGraph::new(graph)?;
    let size = batch_size.max(1);
    let mut batches = Vec::new();
    for etype in EntityType::ALL {
        let label = type_label(etype);
        let rows: Vec<Row> = flat
            .nodes
            .iter()
            .filter(|n| n.etype == etype)
            .map(|n| Row {
                keys: vec![("id", n.id.clone())],
                props: flat
                    .node_columns
                    .iter()
                    .zip(&n.values)
                    .filter_map(|(c, v)| Some((c.name.clone(), v.clone()?)))
                    .collect(),
            })
            .collect();
        let statement = format!(
            "UNWIND $rows AS row MERGE (n:{label}:{ACTOR_LABEL} {{id: row.id}}) SET n += row.props"
        );
        push_chunks(&mut batches, &statement, rows, size, label);
    }
    for kind in [EdgeKind::Comention, EdgeKind::Stance] {
        let columns: Vec<(usize, &str)> = edge_columns_of(kind)
            .into_iter()
            .filter_map(|name| Some((flat.edge_column(name)?, name)))
            .collect();
        let rows: Vec<Row> = flat
            .edges
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| Row {
                keys: vec![("source", e.source.clone()), ("target", e.target.clone())],
                props: columns
                    .iter()
                    .filter_map(|(i, name)| Some((name.to_string(), e.values.get(*i)?.clone()?)))
                    .collect(),
            })
            .collect();
        let rel = relationship_type(kind);
        let statement = format!(
            "UNWIND $rows AS row MATCH (a:{ACTOR_LABEL} {{id: row.source}}) MATCH (b:{ACTOR_LABEL} {{id: row.target}}) MERGE (a)-[r:{rel}]->(b) SET r += row.props"
        );
        push_chunks(&mut batches, &statement, rows, size, rel);
    }
    Ok(batches)
}

fn push_chunks(
    batches: &mut Vec<Batch>,
    statement: &str,
    rows: Vec<Row>,
    size: usize,
    what: &'static str,
) {
    for chunk in rows.chunks(size) {
        batches.push(Batch {
            statement: statement.to_string(),
            rows: chunk.to_vec(),
            what,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::ComentionEdge;
    use crate::model::{Entity, EntityId};

    fn graph() -> KnowledgeGraph {
        let mut g = KnowledgeGraph::default();
        for (id, name, t) in [
            ("country/iran", "Iran", EntityType::Country),
            ("country/oman", "Oman", EntityType::Country),
            ("person/x", "X", EntityType::Person),
        ] {
            g.add_entity(Entity::new(EntityId(id.into()), name, t));
        }
        let (a, b) = (
            EntityId("country/iran".into()),
            EntityId("country/oman".into()),
        );
        g.add_comention(&a, &b, ComentionEdge::default());
        g
    }

    #[test]
    fn batches_group_nodes_by_label_and_respect_the_batch_size() {
        let plan = plan(&graph(), 1).unwrap();
        let what: Vec<(&str, usize)> = plan.iter().map(|b| (b.what, b.rows.len())).collect();
        assert_eq!(
            what,
            [
                ("Person", 1),
                ("Country", 1),
                ("Country", 1),
                ("COMENTION", 1)
            ]
        );
        let big = super::plan(&graph(), 500).unwrap();
        assert_eq!(big.len(), 3);
        assert!(
            big.iter()
                .all(|b| b.statement.starts_with("UNWIND $rows AS row "))
        );
        assert_eq!(big[1].rows[0].keys, [("id", "country/iran".to_string())]);
        assert_eq!(
            big[1].rows[0].props[0],
            ("name".to_string(), Value::Str("Iran".into()))
        );
    }

    #[test]
    fn a_zero_batch_size_still_makes_progress() {
        assert_eq!(plan(&graph(), 0).unwrap().len(), 4);
    }
}
