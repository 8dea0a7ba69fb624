//! Hostile names: every format, written from a graph whose actor names, ids, aliases,
//! categories, cues and an analysis key try to break out of quoting, must stay well-formed
//! and give every name back unchanged where the format can carry it (XML drops NUL and
//! most control characters; that is the one documented loss).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use newsgraph::KnowledgeGraph;
use newsgraph::export::xml::strip_illegal;
use newsgraph::export::{Format, write_to_dir};
use newsgraph::graph::Edge;
use quick_xml::events::Event;

use super::fixture::{HOSTILE, hostile_fixture};

/// What a reader of one format recovers: actor ids and names.
#[derive(Debug, Default)]
struct Recovered {
    ids: BTreeSet<String>,
    names: BTreeSet<String>,
}

type Check = fn(&[PathBuf], &KnowledgeGraph) -> Result<Recovered, String>;

/// How each format is read back, and whether it carries every character.
const CASES: [(Format, Check, bool); 11] = [
    (Format::Dot, read_dot, true),
    (Format::Json, read_json, true),
    (Format::NodeLink, read_nodelink, true),
    (Format::Cytoscape, read_cytoscape, true),
    (Format::GraphMl, read_graphml, false),
    (Format::Gexf, read_gexf, false),
    (Format::Neo4jCsv, read_neo4j_csv, true),
    (Format::Cypher, read_cypher, true),
    (Format::Turtle, read_turtle, true),
    (Format::Csv, read_csv, true),
    (Format::Html, read_html, true),
];

#[test]
fn hostile_names_round_trip_in_every_format() {
    assert_eq!(
        CASES.len(),
        Format::ALL.len(),
        "a format has no hostile-name case"
    );
    let graph = hostile_fixture();
    let want_ids: BTreeSet<String> = graph
        .nodes()
        .iter()
        .map(|n| n.entity.id.to_string())
        .collect();
    let want_names: BTreeSet<String> = graph
        .nodes()
        .iter()
        .map(|n| n.entity.name.clone())
        .collect();
    for (format, read, exact) in CASES {
        let tmp = tempfile::tempdir().unwrap();
        let written = write_to_dir(format, &graph, tmp.path()).unwrap();
        let got = match read(&written, &graph) {
            Ok(got) => got,
            Err(e) => panic!("{format}: output is not well-formed: {e}"),
        };
        if format == Format::Dot {
            continue; // DOT is checked for structure only: labels are escString, not data
        }
        let carry = |s: &String| if exact { s.clone() } else { strip_illegal(s) };
        let ids: BTreeSet<String> = want_ids.iter().map(carry).collect();
        let names: BTreeSet<String> = want_names.iter().map(carry).collect();
        assert_eq!(got.ids, ids, "{format}: ids do not round-trip");
        assert_eq!(got.names, names, "{format}: names do not round-trip");
    }
    // Make sure the table really is hostile to XML, or the `exact: false` rows prove little.
    assert!(HOSTILE.iter().any(|(_, n)| strip_illegal(n) != *n));
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn only(written: &[PathBuf]) -> Result<String, String> {
    match written {
        [p] => read(p),
        _ => Err(format!("expected one file, got {written:?}")),
    }
}

fn named<'a>(written: &'a [PathBuf], name: &str) -> Result<&'a PathBuf, String> {
    written
        .iter()
        .find(|p| p.file_name().is_some_and(|f| f == name))
        .ok_or_else(|| format!("no {name} in {written:?}"))
}

/// DOT, lexed the way Graphviz does: `\` escapes the next character inside a quoted
/// string. Outside strings only structure may appear, with one `->`/`--` per edge.
fn read_dot(written: &[PathBuf], graph: &KnowledgeGraph) -> Result<Recovered, String> {
    let text = only(written)?;
    // The legend is our own fixed HTML-like label, the one statement outside quotes by
    // design; entity ids always carry a type prefix, so no entity is called "legend".
    let text: String = text
        .lines()
        .filter(|l| !l.trim_start().starts_with("\"legend\""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut outside = String::new();
    let mut chars = text.chars().peekable();
    let mut strings = 0;
    while let Some(c) = chars.next() {
        if c != '"' {
            outside.push(c);
            continue;
        }
        strings += 1;
        loop {
            match chars.next() {
                Some('\\') => {
                    chars.next();
                }
                Some('"') => break,
                Some(_) => {}
                None => return Err("unterminated string".into()),
            }
        }
        outside.push_str("\"\"");
    }
    // Co-mention pairs that never share a sentence are left out of the picture.
    let drawn = graph
        .edges()
        .iter()
        .filter(|e| !matches!(e.edge, Edge::Comention(c) if c.sentences == 0))
        .count();
    let arrows = outside.matches("->").count() + outside.matches("--").count();
    if arrows != drawn {
        return Err(format!(
            "{arrows} edge operators outside strings, {drawn} edges drawn"
        ));
    }
    let depth = outside.chars().try_fold(0i32, |d, c| match c {
        '{' => Some(d + 1),
        '}' if d > 0 => Some(d - 1),
        '}' => None,
        _ => Some(d),
    });
    if depth != Some(0) || !outside.trim_end().ends_with('}') {
        return Err(format!("unbalanced braces outside strings: {outside}"));
    }
    for bad in ["DETACH", "<script", "<b>", "alert"] {
        if outside.contains(bad) {
            return Err(format!("`{bad}` escaped its string"));
        }
    }
    if strings < graph.node_count() {
        return Err(format!("only {strings} quoted strings"));
    }
    Ok(Recovered::default())
}

fn json_file(path: &Path) -> Result<serde_json::Value, String> {
    serde_json::from_str(&read(path)?).map_err(|e| e.to_string())
}

fn collect(objects: &[serde_json::Value], id: &str) -> Recovered {
    let mut r = Recovered::default();
    for o in objects {
        r.ids.extend(o[id].as_str().map(str::to_string));
        r.names.extend(o["name"].as_str().map(str::to_string));
    }
    r
}

/// The page's data island: the only place names appear, as JSON whose `<`, `>` and `&`
/// are `\u` escapes, so no name can close the script element.
fn read_html(written: &[PathBuf], graph: &KnowledgeGraph) -> Result<Recovered, String> {
    let text = only(written)?;
    let open = "<script type=\"application/json\" id=\"newsgraph-data\">";
    let start = text.find(open).ok_or("no data island")? + open.len();
    let len = text[start..]
        .find("</script>")
        .ok_or("data island not closed")?;
    let island = &text[start..start + len];
    for bad in ['<', '>', '&'] {
        if island.contains(bad) {
            return Err(format!("raw `{bad}` inside the data island"));
        }
    }
    let v: serde_json::Value = serde_json::from_str(island).map_err(|e| e.to_string())?;
    let nodes = v["nodes"].as_array().ok_or("no nodes")?;
    if nodes.len() != graph.node_count() {
        return Err(format!("{} nodes in the page", nodes.len()));
    }
    Ok(collect(nodes, "id"))
}

fn read_json(written: &[PathBuf], _: &KnowledgeGraph) -> Result<Recovered, String> {
    let text = only(written)?;
    let g = KnowledgeGraph::from_json_str(&text).map_err(|e| e.to_string())?;
    Ok(Recovered {
        ids: g.nodes().iter().map(|n| n.entity.id.to_string()).collect(),
        names: g.nodes().iter().map(|n| n.entity.name.clone()).collect(),
    })
}

fn read_nodelink(written: &[PathBuf], graph: &KnowledgeGraph) -> Result<Recovered, String> {
    let v = json_file(&written[0])?;
    let nodes = v["nodes"].as_array().ok_or("no nodes")?;
    for key in ["links", "edges"] {
        let n = v[key].as_array().map_or(0, Vec::len);
        if n != graph.edge_count() {
            return Err(format!("{key}: {n} edges"));
        }
    }
    Ok(collect(nodes, "id"))
}

fn read_cytoscape(written: &[PathBuf], _: &KnowledgeGraph) -> Result<Recovered, String> {
    let v = json_file(&written[0])?;
    let nodes: Vec<serde_json::Value> = v["elements"]["nodes"]
        .as_array()
        .ok_or("no nodes")?
        .iter()
        .map(|n| n["data"].clone())
        .collect();
    Ok(collect(&nodes, "id"))
}

/// Parses XML strictly enough to catch breakage (matching end tags, valid references),
/// returning (element name, attributes, text) for every element with text or attributes.
/// An element: name, attributes (unescaped) and text (unescaped).
type Element = (String, Vec<(String, String)>, String);

fn xml_elements(text: &str) -> Result<Vec<Element>, String> {
    if text
        .chars()
        .any(|c| !newsgraph::export::xml::is_xml_char(c))
    {
        return Err("raw XML-illegal character in output".into());
    }
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut out: Vec<Element> = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    loop {
        let ev = reader.read_event().map_err(|e| e.to_string())?;
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let mut attrs = Vec::new();
                for a in e.attributes() {
                    let a = a.map_err(|e| e.to_string())?;
                    #[allow(deprecated)]
                    let value = a.unescape_value().map_err(|e| e.to_string())?;
                    attrs.push((
                        String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                        value.into_owned(),
                    ));
                }
                out.push((
                    String::from_utf8_lossy(e.name().as_ref()).into_owned(),
                    attrs,
                    String::new(),
                ));
                if matches!(ev, Event::Start(_)) {
                    open.push(out.len() - 1);
                }
            }
            Event::End(_) => {
                open.pop().ok_or("unbalanced end tag")?;
            }
            Event::Text(t) => {
                let s = t.decode().map_err(|e| e.to_string())?;
                if let Some(&i) = open.last() {
                    out[i].2.push_str(&s);
                }
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c.to_string(),
                    None => match r.decode().map_err(|e| e.to_string())?.as_ref() {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => return Err(format!("unknown entity &{other};")),
                    },
                };
                if let Some(&i) = open.last() {
                    out[i].2.push_str(&c);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !open.is_empty() {
        return Err("unclosed elements".into());
    }
    Ok(out)
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn read_graphml(written: &[PathBuf], _: &KnowledgeGraph) -> Result<Recovered, String> {
    let els = xml_elements(&only(written)?)?;
    let name_key = els
        .iter()
        .find(|(n, a, _)| {
            n == "key" && attr(a, "for") == Some("node") && attr(a, "attr.name") == Some("name")
        })
        .and_then(|(_, a, _)| attr(a, "id"))
        .ok_or("no name key")?
        .to_string();
    let mut r = Recovered::default();
    for (n, a, text) in &els {
        if n == "node" {
            r.ids
                .insert(attr(a, "id").ok_or("node without id")?.to_string());
        }
        if n == "data" && attr(a, "key") == Some(&name_key) {
            r.names.insert(text.clone());
        }
    }
    Ok(r)
}

fn read_gexf(written: &[PathBuf], _: &KnowledgeGraph) -> Result<Recovered, String> {
    let els = xml_elements(&only(written)?)?;
    let mut r = Recovered::default();
    for (n, a, _) in &els {
        if n == "node" {
            r.ids
                .insert(attr(a, "id").ok_or("node without id")?.to_string());
            r.names
                .insert(attr(a, "label").ok_or("node without label")?.to_string());
        }
    }
    Ok(r)
}

fn csv_rows(path: &Path) -> Result<(Vec<String>, Vec<Vec<String>>), String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_path(path)
        .map_err(|e| e.to_string())?;
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(str::to_string)
        .collect();
    let mut rows = Vec::new();
    for rec in reader.records() {
        rows.push(
            rec.map_err(|e| e.to_string())?
                .iter()
                .map(str::to_string)
                .collect(),
        );
    }
    Ok((header, rows))
}

fn csv_nodes(path: &Path, id_col: &str) -> Result<Recovered, String> {
    let (header, rows) = csv_rows(path)?;
    let id = header
        .iter()
        .position(|h| h == id_col)
        .ok_or("no id column")?;
    let name = header
        .iter()
        .position(|h| h == "name")
        .ok_or("no name column")?;
    let mut r = Recovered::default();
    for row in rows {
        r.ids.insert(row[id].clone());
        r.names.insert(row[name].clone());
    }
    Ok(r)
}

fn read_neo4j_csv(written: &[PathBuf], graph: &KnowledgeGraph) -> Result<Recovered, String> {
    let mut rels = 0;
    for file in ["comention.csv", "stance.csv"] {
        rels += csv_rows(named(written, file)?)?.1.len();
    }
    if rels != graph.edge_count() {
        return Err(format!("{rels} relationships"));
    }
    csv_nodes(named(written, "nodes.csv")?, "id:ID(Actor)")
}

fn read_csv(written: &[PathBuf], graph: &KnowledgeGraph) -> Result<Recovered, String> {
    let edges = csv_rows(named(written, "edges.csv")?)?.1.len();
    if edges != graph.edge_count() {
        return Err(format!("{edges} edges"));
    }
    csv_nodes(named(written, "nodes.csv")?, "id")
}

/// Splits one Cypher line into its skeleton (literals replaced by `?`) and the unescaped
/// string literals, the way a Cypher lexer reads single-quoted strings.
fn cypher_lex(line: &str) -> Result<(String, Vec<String>), String> {
    let mut skeleton = String::new();
    let mut strings = Vec::new();
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c != '\'' {
            skeleton.push(c);
            continue;
        }
        let mut s = String::new();
        loop {
            match chars.next().ok_or("unterminated string")? {
                '\'' => break,
                '\\' => match chars.next().ok_or("dangling escape")? {
                    'n' => s.push('\n'),
                    'r' => s.push('\r'),
                    't' => s.push('\t'),
                    'u' => {
                        let hex: String = chars.by_ref().take(4).collect();
                        let code = u32::from_str_radix(&hex, 16).map_err(|e| e.to_string())?;
                        s.push(char::from_u32(code).ok_or("bad \\u escape")?);
                    }
                    c @ ('\\' | '\'' | '"') => s.push(c),
                    c => return Err(format!("unknown escape \\{c}")),
                },
                c => s.push(c),
            }
        }
        skeleton.push('?');
        strings.push(s);
    }
    Ok((skeleton, strings))
}

fn read_cypher(written: &[PathBuf], graph: &KnowledgeGraph) -> Result<Recovered, String> {
    let text = only(written)?;
    let statements: Vec<&str> = text.lines().filter(|l| !l.starts_with("//")).collect();
    if statements.len() != 1 + graph.node_count() + graph.edge_count() {
        return Err(format!("{} statements", statements.len()));
    }
    let mut r = Recovered::default();
    for line in statements {
        let (skeleton, strings) = cypher_lex(line)?;
        if !skeleton.ends_with(';') || skeleton.matches(';').count() != 1 {
            return Err(format!("not one statement: {skeleton}"));
        }
        if skeleton.contains("DETACH") || skeleton.contains("//") {
            return Err(format!("a literal escaped: {skeleton}"));
        }
        if skeleton.starts_with("MERGE (n:") {
            // id, then name is the first property in the map
            if !skeleton.contains(":Actor {id: ?}) SET n += {name: ?, type: ?") {
                return Err(format!("unexpected node statement: {skeleton}"));
            }
            r.ids.insert(strings[0].clone());
            r.names.insert(strings[1].clone());
        }
    }
    Ok(r)
}

fn read_turtle(written: &[PathBuf], _: &KnowledgeGraph) -> Result<Recovered, String> {
    let text = only(written)?;
    let mut r = Recovered::default();
    for triple in oxttl::TurtleParser::new().for_slice(text.as_bytes()) {
        let t = triple.map_err(|e| e.to_string())?;
        let object = match &t.object {
            oxrdf::Term::Literal(l) => l.value().to_string(),
            _ => continue,
        };
        match t.predicate.as_str() {
            "https://schema.org/name" => {
                r.names.insert(object);
            }
            "urn:newsgraph:vocab:id" => {
                r.ids.insert(object);
            }
            _ => {}
        }
    }
    Ok(r)
}
