//! One flat, typed view of nodes and edges shared by every exporter except DOT and JSON.
//!
//! The decision a reader must know: each exporter writes the same columns in the same
//! order (`node_columns`, `edge_columns`), so an attribute means the same thing in
//! GraphML, GEXF, Neo4j CSV, Cypher and the CSV lists. Analysis attributes are widened to
//! one type per key across all nodes (int < float < string) so typed formats can declare it.

use std::collections::BTreeMap;

use serde_json::Value as Json;

use crate::error::{Error, Result};
use crate::graph::{EdgeJson, EdgeKind, KnowledgeGraph, Node};
use crate::model::EntityType;

/// A typed attribute value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    StrList(Vec<String>),
    IntList(Vec<i64>),
}

/// The declared type of a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ValueType {
    Bool,
    Int,
    Float,
    Str,
    StrList,
    IntList,
}

impl Value {
    /// The value as one scalar: lists become JSON arrays (for formats without lists).
    pub fn to_scalar(&self) -> Value {
        match self {
            Value::StrList(l) => Value::Str(Json::from(l.clone()).to_string()),
            Value::IntList(l) => Value::Str(Json::from(l.clone()).to_string()),
            v => v.clone(),
        }
    }

    /// Plain text of a scalar: numbers in a form every reader parses back exactly.
    pub fn to_text(&self) -> String {
        match self {
            Value::Bool(b) => b.to_string(),
            Value::Int(i) => i.to_string(),
            Value::Float(f) => float_text(*f),
            Value::Str(s) => s.clone(),
            l => match l.to_scalar() {
                Value::Str(s) => s,
                _ => String::new(),
            },
        }
    }
}

impl ValueType {
    /// The type once lists are written as JSON strings.
    pub fn scalar(self) -> ValueType {
        match self {
            ValueType::StrList | ValueType::IntList => ValueType::Str,
            t => t,
        }
    }
}

/// Shortest text that reads back as the same `f64`, always with a `.` or exponent so
/// that typed readers see a float ("3.0", not "3").
pub fn float_text(f: f64) -> String {
    let s = format!("{f:?}");
    if s.contains(['.', 'e', 'E', 'N', 'i']) {
        s
    } else {
        format!("{s}.0")
    }
}

/// A named, typed column.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub name: String,
    pub ty: ValueType,
}

impl Column {
    fn new(name: &str, ty: ValueType) -> Column {
        Column {
            name: name.to_string(),
            ty,
        }
    }
}

/// A node: its id, type and one value (or none) per node column.
#[derive(Clone, Debug)]
pub struct NodeRow {
    pub id: String,
    pub etype: EntityType,
    pub name: String,
    pub values: Vec<Option<Value>>,
}

/// An edge: kind, endpoints and one value (or none) per edge column.
#[derive(Clone, Debug)]
pub struct EdgeRow {
    pub kind: EdgeKind,
    pub source: String,
    pub target: String,
    pub values: Vec<Option<Value>>,
}

/// The flat graph: columns and rows, sorted like `KnowledgeGraph::nodes()` / `edges()`.
#[derive(Clone, Debug)]
pub struct FlatGraph {
    pub node_columns: Vec<Column>,
    pub nodes: Vec<NodeRow>,
    pub edge_columns: Vec<Column>,
    pub edges: Vec<EdgeRow>,
}

/// Node columns every graph has, in output order; analysis columns follow.
const NODE_BASE: [(&str, ValueType); 10] = [
    ("name", ValueType::Str),
    ("type", ValueType::Str),
    ("mentions", ValueType::Int),
    ("sentences", ValueType::Int),
    ("articles", ValueType::Int),
    ("aliases", ValueType::StrList),
    ("alias_counts", ValueType::IntList),
    ("qid", ValueType::Str),
    ("iso2", ValueType::Str),
    ("iso3", ValueType::Str),
];

/// Names no analysis attribute may take (they mean something else in some format).
const RESERVED: [&str; 8] = [
    "id", "label", "labels", "kind", "key", "source", "target", "weight",
];

/// Edge columns, both kinds together; each kind leaves the other's empty.
const EDGE_COLUMNS: [(&str, ValueType); 15] = [
    ("kind", ValueType::Str),
    ("weight", ValueType::Int),
    ("sentences", ValueType::Int),
    ("articles", ValueType::Int),
    ("npmi", ValueType::Float),
    ("positive", ValueType::Int),
    ("negative", ValueType::Int),
    ("neutral", ValueType::Int),
    ("count", ValueType::Int),
    ("sign", ValueType::Str),
    ("intensity_sum", ValueType::Float),
    ("mean_intensity", ValueType::Float),
    ("categories", ValueType::StrList),
    ("category_counts", ValueType::IntList),
    ("evidence", ValueType::Str),
];

/// The edge columns that `kind` fills, in output order (for per-kind tables).
pub fn edge_columns_of(kind: EdgeKind) -> Vec<&'static str> {
    let own: &[&str] = match kind {
        EdgeKind::Comention => &["weight", "sentences", "articles", "npmi", "evidence"],
        EdgeKind::Stance => &[
            "weight",
            "positive",
            "negative",
            "neutral",
            "count",
            "sign",
            "intensity_sum",
            "mean_intensity",
            "categories",
            "category_counts",
            "evidence",
        ],
    };
    own.to_vec()
}

fn count(n: u64) -> Value {
    Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

fn float(f: f64) -> Option<Value> {
    f.is_finite().then_some(Value::Float(f))
}

/// The column name under which analysis attribute `key` is written.
pub fn analysis_column_name(key: &str) -> String {
    let clash = NODE_BASE.iter().any(|(n, _)| *n == key) || RESERVED.contains(&key);
    if clash || key.is_empty() {
        format!("analysis_{key}")
    } else {
        key.to_string()
    }
}

/// The widest type needed for every value of one analysis key.
fn analysis_type(values: &[&Json]) -> Option<ValueType> {
    let mut ty: Option<ValueType> = None;
    for v in values {
        let t = match v {
            Json::Null => continue,
            Json::Bool(_) => ValueType::Bool,
            Json::Number(n) if n.is_i64() => ValueType::Int,
            Json::Number(_) => ValueType::Float,
            _ => ValueType::Str,
        };
        ty = Some(match (ty, t) {
            (None, t) => t,
            (Some(a), b) if a == b => a,
            (Some(ValueType::Int), ValueType::Float) | (Some(ValueType::Float), ValueType::Int) => {
                ValueType::Float
            }
            _ => ValueType::Str,
        });
    }
    ty
}

fn analysis_value(v: &Json, ty: ValueType) -> Option<Value> {
    match (v, ty) {
        (Json::Null, _) => None,
        (Json::Bool(b), ValueType::Bool) => Some(Value::Bool(*b)),
        (Json::Number(n), ValueType::Int) => n.as_i64().map(Value::Int),
        (Json::Number(n), ValueType::Float) => n.as_f64().and_then(float),
        (Json::String(s), _) => Some(Value::Str(s.clone())),
        (v, _) => Some(Value::Str(v.to_string())),
    }
}

fn evidence_json<T: serde::Serialize>(evidence: &[T]) -> Result<Value> {
    serde_json::to_string(evidence)
        .map(Value::Str)
        .map_err(|e| Error::json("edge evidence", e))
}

impl FlatGraph {
    /// Flattens `graph`, computing derived edge values (npmi, mean intensity, sign).
    pub fn new(graph: &KnowledgeGraph) -> Result<FlatGraph> {
        let doc = graph.to_json();
        Self::from_parts(&doc.nodes, &doc.edges)
    }

    fn from_parts(nodes: &[Node], edges: &[EdgeJson]) -> Result<FlatGraph> {
        // Analysis keys in sorted order, each with one type across all nodes.
        let mut by_key: BTreeMap<&str, Vec<&Json>> = BTreeMap::new();
        for n in nodes {
            for (k, v) in &n.analysis {
                by_key.entry(k.as_str()).or_default().push(v);
            }
        }
        let analysis: Vec<(&str, ValueType)> = by_key
            .iter()
            .filter_map(|(k, vs)| analysis_type(vs).map(|t| (*k, t)))
            .collect();

        let mut node_columns: Vec<Column> =
            NODE_BASE.iter().map(|(n, t)| Column::new(n, *t)).collect();
        for (k, t) in &analysis {
            node_columns.push(Column::new(&analysis_column_name(k), *t));
        }

        let node_rows = nodes
            .iter()
            .map(|n| {
                let e = &n.entity;
                let mut values = vec![
                    Some(Value::Str(e.name.clone())),
                    Some(Value::Str(e.etype.as_str().to_string())),
                    Some(count(e.mentions)),
                    Some(count(e.sentences)),
                    Some(count(e.articles)),
                    Some(Value::StrList(e.aliases.keys().cloned().collect())),
                    Some(Value::IntList(
                        e.aliases
                            .values()
                            .map(|&c| i64::try_from(c).unwrap_or(i64::MAX))
                            .collect(),
                    )),
                    e.ids.qid.clone().map(Value::Str),
                    e.ids.iso2.clone().map(Value::Str),
                    e.ids.iso3.clone().map(Value::Str),
                ];
                for (k, t) in &analysis {
                    values.push(n.analysis.get(*k).and_then(|v| analysis_value(v, *t)));
                }
                NodeRow {
                    id: e.id.as_str().to_string(),
                    etype: e.etype,
                    name: e.name.clone(),
                    values,
                }
            })
            .collect();

        let edge_columns: Vec<Column> = EDGE_COLUMNS
            .iter()
            .map(|(n, t)| Column::new(n, *t))
            .collect();
        let mut edge_rows = Vec::with_capacity(edges.len());
        for e in edges {
            let mut v: Vec<Option<Value>> = vec![None; EDGE_COLUMNS.len()];
            let kind = match e {
                EdgeJson::Comention {
                    sentences,
                    articles,
                    npmi,
                    evidence,
                    ..
                } => {
                    v[1] = Some(count(*sentences));
                    v[2] = Some(count(*sentences));
                    v[3] = Some(count(*articles));
                    v[4] = npmi.and_then(float);
                    v[14] = Some(evidence_json(evidence)?);
                    EdgeKind::Comention
                }
                EdgeJson::Stance {
                    positive,
                    negative,
                    neutral,
                    count: n,
                    sign,
                    intensity_sum,
                    mean_intensity,
                    categories,
                    evidence,
                    ..
                } => {
                    v[1] = Some(count(*n));
                    v[5] = Some(count(*positive));
                    v[6] = Some(count(*negative));
                    v[7] = Some(count(*neutral));
                    v[8] = Some(count(*n));
                    v[9] = Some(Value::Str(polarity_name(*sign).to_string()));
                    v[10] = float(*intensity_sum);
                    v[11] = float(*mean_intensity);
                    v[12] = Some(Value::StrList(categories.keys().cloned().collect()));
                    v[13] = Some(Value::IntList(
                        categories
                            .values()
                            .map(|&c| i64::try_from(c).unwrap_or(i64::MAX))
                            .collect(),
                    ));
                    v[14] = Some(evidence_json(evidence)?);
                    EdgeKind::Stance
                }
            };
            v[0] = Some(Value::Str(kind.as_str().to_string()));
            edge_rows.push(EdgeRow {
                kind,
                source: e.source().as_str().to_string(),
                target: e.target().as_str().to_string(),
                values: v,
            });
        }
        Ok(FlatGraph {
            node_columns,
            nodes: node_rows,
            edge_columns,
            edges: edge_rows,
        })
    }

    /// Index of the edge column called `name`.
    pub fn edge_column(&self, name: &str) -> Option<usize> {
        self.edge_columns.iter().position(|c| c.name == name)
    }
}

/// `negative`, `neutral` or `positive`.
pub fn polarity_name(p: crate::model::Polarity) -> &'static str {
    use crate::model::Polarity::*;
    match p {
        Negative => "negative",
        Neutral => "neutral",
        Positive => "positive",
    }
}

/// A node as one JSON object: id, entity fields, then analysis attributes flattened in
/// (renamed by `analysis_column_name` on a clash). Used by the JSON-based graph formats.
pub fn node_object(node: &Node) -> Result<serde_json::Map<String, Json>> {
    let mut obj = match serde_json::to_value(&node.entity) {
        Ok(Json::Object(m)) => m,
        Ok(_) => serde_json::Map::new(),
        Err(e) => return Err(Error::json("node", e)),
    };
    for (k, v) in &node.analysis {
        obj.insert(analysis_column_name(k), v.clone());
    }
    Ok(obj)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn analysis_types_widen_across_nodes() {
        for (values, want) in [
            (vec![json!(1), json!(2)], Some(ValueType::Int)),
            (vec![json!(1), json!(0.5)], Some(ValueType::Float)),
            (vec![json!(1), json!("a")], Some(ValueType::Str)),
            (vec![json!(true), json!(false)], Some(ValueType::Bool)),
            (vec![json!(true), json!(1)], Some(ValueType::Str)),
            (vec![json!(null), json!(3)], Some(ValueType::Int)),
            (vec![json!([1, 2])], Some(ValueType::Str)),
            (vec![json!(null)], None),
        ] {
            let refs: Vec<&Json> = values.iter().collect();
            assert_eq!(analysis_type(&refs), want, "{values:?}");
        }
        assert_eq!(
            analysis_value(&json!(2), ValueType::Float),
            Some(Value::Float(2.0))
        );
        assert_eq!(
            analysis_value(&json!(true), ValueType::Str),
            Some(Value::Str("true".into()))
        );
    }

    #[test]
    fn analysis_names_never_shadow_built_in_columns() {
        for (key, want) in [
            ("pagerank", "pagerank"),
            ("name", "analysis_name"),
            ("id", "analysis_id"),
            ("weight", "analysis_weight"),
            ("", "analysis_"),
        ] {
            assert_eq!(analysis_column_name(key), want);
        }
    }

    #[test]
    fn floats_always_read_back_as_floats() {
        for (f, want) in [
            (3.0, "3.0"),
            (-0.5, "-0.5"),
            (1e-7, "1e-7"),
            (0.412345, "0.412345"),
        ] {
            assert_eq!(float_text(f), want);
            assert_eq!(float_text(f).parse::<f64>().ok(), Some(f));
        }
    }
}
