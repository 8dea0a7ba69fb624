//! CSV files for `neo4j-admin database import full`: `nodes.csv` (`id:ID(Actor)`, `:LABEL`
//! = `Actor;<Type>`, typed properties), `comention.csv` and `stance.csv` (`:START_ID(Actor)`,
//! `:END_ID(Actor)`, `:TYPE` = `COMENTION` / `STANCE`, typed properties).
//!
//! Lists use neo4j-admin's default `;` array delimiter, so a `;` inside a list element is
//! written as U+FF1B `；` (names themselves are exact). Fields may hold newlines: import
//! with `--multiline-fields=true`.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::csv::{push_header, push_quoted};
use super::format::write_file;
use super::properties::{FlatGraph, Value, ValueType, edge_columns_of, float_text};
use crate::error::Result;
use crate::graph::{EdgeKind, KnowledgeGraph};

/// The label every node carries besides its type label.
pub const ACTOR_LABEL: &str = "Actor";

/// The type label of an entity type (`Person`, `Country`, `Organization`, `Place`).
pub fn type_label(t: crate::model::EntityType) -> &'static str {
    use crate::model::EntityType::*;
    match t {
        Person => "Person",
        Country => "Country",
        Organization => "Organization",
        Place => "Place",
    }
}

/// The relationship type of an edge kind.
pub fn relationship_type(k: EdgeKind) -> &'static str {
    match k {
        EdgeKind::Comention => "COMENTION",
        EdgeKind::Stance => "STANCE",
    }
}

fn neo4j_type(t: ValueType) -> &'static str {
    match t {
        ValueType::Bool => "boolean",
        ValueType::Int => "long",
        ValueType::Float => "double",
        ValueType::Str => "string",
        ValueType::StrList => "string[]",
        ValueType::IntList => "long[]",
    }
}

/// A property name safe inside a neo4j-admin header (`name:type`): `:` would end it.
/// Plain strings carry no type suffix (neo4j-admin's default type).
fn header_name(name: &str, t: ValueType) -> String {
    let name: String = name
        .chars()
        .map(|c| if c == ':' || c.is_control() { '_' } else { c })
        .collect();
    match t {
        ValueType::Str => name,
        t => format!("{name}:{}", neo4j_type(t)),
    }
}

fn push_field(out: &mut String, v: Option<&Value>) {
    match v {
        None => {}
        Some(Value::Str(s)) => push_quoted(out, s),
        Some(Value::StrList(l)) => {
            let items: Vec<String> = l.iter().map(|s| s.replace(';', "\u{FF1B}")).collect();
            push_quoted(out, &items.join(";"));
        }
        Some(Value::IntList(l)) => {
            let items: Vec<String> = l.iter().map(i64::to_string).collect();
            out.push_str(&items.join(";"));
        }
        Some(Value::Float(f)) => out.push_str(&float_text(*f)),
        Some(v) => out.push_str(&v.to_text()),
    }
}

/// `nodes.csv`.
pub fn write_nodes(flat: &FlatGraph, w: &mut dyn Write) -> Result<()> {
    let mut out = String::new();
    let mut header = vec![format!("id:ID({ACTOR_LABEL})"), ":LABEL".to_string()];
    header.extend(flat.node_columns.iter().map(|c| header_name(&c.name, c.ty)));
    push_header(&mut out, header.iter().map(String::as_str));
    for n in &flat.nodes {
        push_quoted(&mut out, &n.id);
        out.push(',');
        push_quoted(&mut out, &format!("{ACTOR_LABEL};{}", type_label(n.etype)));
        for v in &n.values {
            out.push(',');
            push_field(&mut out, v.as_ref());
        }
        out.push('\n');
    }
    w.write_all(out.as_bytes())?;
    Ok(())
}

/// `comention.csv` or `stance.csv`: the relationships of one kind.
pub fn write_relationships(flat: &FlatGraph, kind: EdgeKind, w: &mut dyn Write) -> Result<()> {
    let columns: Vec<(usize, ValueType, &str)> = edge_columns_of(kind)
        .into_iter()
        .filter_map(|name| {
            let i = flat.edge_column(name)?;
            Some((i, flat.edge_columns[i].ty, name))
        })
        .collect();
    let mut out = String::new();
    let mut header = vec![
        format!(":START_ID({ACTOR_LABEL})"),
        format!(":END_ID({ACTOR_LABEL})"),
        ":TYPE".to_string(),
    ];
    header.extend(columns.iter().map(|(_, t, name)| header_name(name, *t)));
    push_header(&mut out, header.iter().map(String::as_str));
    for e in flat.edges.iter().filter(|e| e.kind == kind) {
        push_quoted(&mut out, &e.source);
        out.push(',');
        push_quoted(&mut out, &e.target);
        out.push(',');
        out.push_str(relationship_type(kind));
        for (i, _, _) in &columns {
            out.push(',');
            push_field(&mut out, e.values.get(*i).and_then(Option::as_ref));
        }
        out.push('\n');
    }
    w.write_all(out.as_bytes())?;
    Ok(())
}

/// Writes `nodes.csv`, `comention.csv` and `stance.csv` into `dir`.
pub fn write_dir(graph: &KnowledgeGraph, dir: &Path) -> Result<Vec<PathBuf>> {
    let flat = FlatGraph::new(graph)?;
    let nodes = dir.join("nodes.csv");
    write_file(&nodes, |w| write_nodes(&flat, w))?;
    let mut written = vec![nodes];
    for (kind, file) in [
        (EdgeKind::Comention, "comention.csv"),
        (EdgeKind::Stance, "stance.csv"),
    ] {
        let path = dir.join(file);
        write_file(&path, |w| write_relationships(&flat, kind, w))?;
        written.push(path);
    }
    Ok(written)
}
