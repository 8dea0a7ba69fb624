//! The closed family of export formats: each knows its `--format` name, file extension(s)
//! and media type, and `write` / `write_to_dir` dispatch to the writer of each.
//!
//! Multi-file formats (Neo4j CSV, CSV lists) only write into a folder; asking for one on
//! a single stream is a usage error that says so.

use std::fmt;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::export::picture::PictureFormat;
use crate::graph::KnowledgeGraph;
use crate::output::Staging;

/// Every format newsgraph writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Format {
    /// Graphviz DOT.
    Dot,
    /// The native `graph.json` (docs/SCHEMA.md); `export` and `analyze` read it back.
    Json,
    /// NetworkX 3.x node-link JSON (`networkx.node_link_graph`).
    NodeLink,
    /// Cytoscape.js / Cytoscape desktop elements JSON (`.cyjs`).
    Cytoscape,
    /// GraphML with typed `<key>` declarations (Gephi, yEd, NetworkX, igraph).
    GraphMl,
    /// GEXF 1.3 (Gephi).
    Gexf,
    /// CSV files for `neo4j-admin database import` (a folder).
    Neo4jCsv,
    /// A Cypher script of idempotent MERGE statements (cypher-shell, any Bolt server).
    Cypher,
    /// RDF Turtle: schema.org types, Wikidata `owl:sameAs`, reified edges.
    Turtle,
    /// Plain CSV node and edge lists (a folder).
    Csv,
    /// A self-contained interactive HTML view (no network access).
    Html,
    /// An SVG picture drawn by Graphviz (needs `dot` on PATH).
    Svg,
    /// A PNG picture drawn by Graphviz (needs `dot` on PATH).
    Png,
}

impl Format {
    /// Every format `build --format all` writes, in that order. Pictures (SVG, PNG) need
    /// Graphviz and are asked for by name.
    pub const ALL: [Format; 11] = [
        Format::Dot,
        Format::Json,
        Format::NodeLink,
        Format::Cytoscape,
        Format::GraphMl,
        Format::Gexf,
        Format::Neo4jCsv,
        Format::Cypher,
        Format::Turtle,
        Format::Csv,
        Format::Html,
    ];

    /// The formats drawn by Graphviz.
    pub const PICTURES: [Format; 2] = [Format::Svg, Format::Png];

    /// The `--format` name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Dot => "dot",
            Format::Json => "json",
            Format::NodeLink => "node-link",
            Format::Cytoscape => "cytoscape",
            Format::GraphMl => "graphml",
            Format::Gexf => "gexf",
            Format::Neo4jCsv => "neo4j-csv",
            Format::Cypher => "cypher",
            Format::Turtle => "turtle",
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Svg => "svg",
            Format::Png => "png",
        }
    }

    /// Other names accepted by `--format`.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Format::Dot => &["gv", "graphviz"],
            Format::Json => &["graph.json", "native"],
            Format::NodeLink => &["nodelink", "networkx", "node-link-json"],
            Format::Cytoscape => &["cyjs", "cytoscape.js", "cytoscapejs"],
            Format::GraphMl => &[],
            Format::Gexf => &["gephi"],
            Format::Neo4jCsv => &["neo4j", "neo4j-admin"],
            Format::Cypher => &["cyp", "cql"],
            Format::Turtle => &["ttl", "rdf"],
            Format::Csv => &["csv-lists"],
            Format::Html => &["htm", "viewer"],
            Format::Svg => &[],
            Format::Png => &[],
        }
    }

    /// The canonical file extension, without the dot. Multi-file formats name the
    /// extension of the files in their folder.
    pub fn file_extension(self) -> &'static str {
        self.file_extensions()[0]
    }

    /// Every extension that infers this format (longest first where they overlap).
    pub fn file_extensions(self) -> &'static [&'static str] {
        match self {
            Format::Dot => &["dot", "gv"],
            Format::Json => &["json"],
            Format::NodeLink => &["nodelink.json", "node-link.json"],
            Format::Cytoscape => &["cyjs", "cytoscape.json"],
            Format::GraphMl => &["graphml"],
            Format::Gexf => &["gexf"],
            Format::Neo4jCsv => &["csv"],
            Format::Cypher => &["cypher", "cyp", "cql"],
            Format::Turtle => &["ttl"],
            Format::Csv => &["csv"],
            Format::Html => &["html", "htm"],
            Format::Svg => &["svg"],
            Format::Png => &["png"],
        }
    }

    /// The IANA media type (or the customary one where none is registered).
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Dot => "text/vnd.graphviz",
            Format::Json | Format::NodeLink | Format::Cytoscape => "application/json",
            Format::GraphMl => "application/graphml+xml",
            Format::Gexf => "application/gexf+xml",
            Format::Neo4jCsv | Format::Csv => "text/csv",
            Format::Cypher => "application/x-cypher-query",
            Format::Turtle => "text/turtle",
            Format::Html => "text/html",
            Format::Svg => "image/svg+xml",
            Format::Png => "image/png",
        }
    }

    /// True for formats that write several files into a folder.
    pub fn is_multi_file(self) -> bool {
        matches!(self, Format::Neo4jCsv | Format::Csv)
    }

    /// Where `build --format all` puts this format inside its output folder: a file name
    /// for single-file formats, a sub-folder name for multi-file ones.
    pub fn default_output_name(self) -> &'static str {
        match self {
            Format::Dot => "graph.dot",
            Format::Json => "graph.json",
            Format::NodeLink => "graph.nodelink.json",
            Format::Cytoscape => "graph.cyjs",
            Format::GraphMl => "graph.graphml",
            Format::Gexf => "graph.gexf",
            Format::Neo4jCsv => "neo4j",
            Format::Cypher => "graph.cypher",
            Format::Turtle => "graph.ttl",
            Format::Csv => "csv",
            Format::Html => "graph.html",
            Format::Svg => "graph.svg",
            Format::Png => "graph.png",
        }
    }

    /// Parses a `--format` name or alias, case-insensitively.
    pub fn from_name(name: &str) -> Option<Format> {
        let name = name.trim().to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .chain(Format::PICTURES)
            .find(|f| f.name() == name || f.aliases().contains(&name.as_str()))
    }

    /// Infers the single-file format of an output path from its extension
    /// (`graph.nodelink.json` is node-link, any other `.json` is native JSON).
    /// `.csv` is not inferred: it is ambiguous and both CSV formats need a folder.
    pub fn from_path(path: &Path) -> Option<Format> {
        let file = path.file_name()?.to_str()?.to_ascii_lowercase();
        let mut best: Option<(usize, Format)> = None;
        let single = Format::ALL.into_iter().chain(Format::PICTURES);
        for f in single.filter(|f| !f.is_multi_file()) {
            for ext in f.file_extensions() {
                let matches = file.len() > ext.len() + 1
                    && file.ends_with(ext)
                    && file.as_bytes()[file.len() - ext.len() - 1] == b'.';
                if matches && best.is_none_or(|(len, _)| ext.len() > len) {
                    best = Some((ext.len(), f));
                }
            }
        }
        best.map(|(_, f)| f)
    }

    /// Every accepted `--format` name, for help and error messages.
    pub fn names() -> Vec<&'static str> {
        Format::ALL
            .into_iter()
            .chain(Format::PICTURES)
            .map(Format::name)
            .collect()
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Format> {
        Format::from_name(s).ok_or_else(|| {
            Error::usage(format!(
                "unknown format `{s}`; known formats: {}",
                Format::names().join(", ")
            ))
        })
    }
}

/// Writes `graph` in a single-file `format` to `w`. Multi-file formats are refused with a
/// usage error: use [`write_to_dir`].
pub fn write(format: Format, graph: &KnowledgeGraph, w: &mut dyn Write) -> Result<()> {
    match format {
        Format::Dot => super::dot::write(graph, w),
        Format::Json => super::json::write(graph, w),
        Format::NodeLink => super::nodelink::write(graph, w),
        Format::Cytoscape => super::cytoscape::write(graph, w),
        Format::GraphMl => super::graphml::write(graph, w),
        Format::Gexf => super::gexf::write(graph, w),
        Format::Cypher => super::cypher::write(graph, w),
        Format::Turtle => super::turtle::write(graph, w),
        Format::Html => super::html::write(graph, w),
        Format::Svg => picture_to(graph, PictureFormat::Svg, w),
        Format::Png => picture_to(graph, PictureFormat::Png, w),
        Format::Neo4jCsv | Format::Csv => Err(Error::usage(format!(
            "format `{format}` writes several files: give an output folder, not a single file"
        ))),
    }
}

/// Writes `graph` in `format` into the folder `dir` (created if missing), all or nothing
/// (see [`crate::output`]), and returns the paths written. Single-file formats write
/// `dir/<default_output_name>`; multi-file formats write their files directly into `dir`.
pub fn write_to_dir(format: Format, graph: &KnowledgeGraph, dir: &Path) -> Result<Vec<PathBuf>> {
    let staging = Staging::new(dir)?;
    write_into(format, graph, staging.dir()).map_err(|e| staging.name_targets(e))?;
    staging.commit()
}

/// Writes every format into `out` (`build --format all`), all or nothing: single-file
/// formats as `out/graph.<ext>`, multi-file ones into `out/neo4j/` and `out/csv/`.
pub fn write_all(graph: &KnowledgeGraph, out: &Path) -> Result<Vec<PathBuf>> {
    let staging = Staging::new(out)?;
    write_all_into(graph, staging.dir()).map_err(|e| staging.name_targets(e))?;
    staging.commit()
}

/// [`write_all`] into a folder as it is, for a [`Staging`] folder: files are created in
/// place, so a failure leaves some of them written.
pub fn write_all_into(graph: &KnowledgeGraph, out: &Path) -> Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for f in Format::ALL {
        let dir = if f.is_multi_file() {
            out.join(f.default_output_name())
        } else {
            out.to_path_buf()
        };
        written.extend(write_into(f, graph, &dir)?);
    }
    Ok(written)
}

/// [`write_to_dir`] into a folder as it is, for a [`Staging`] folder: files are created in
/// place, so a failure leaves some of them written.
pub fn write_into(format: Format, graph: &KnowledgeGraph, dir: &Path) -> Result<Vec<PathBuf>> {
    fs::create_dir_all(dir).map_err(|e| Error::io(Some(dir), e))?;
    match format {
        Format::Neo4jCsv => super::neo4j::write_dir(graph, dir),
        Format::Csv => super::csv::write_dir(graph, dir),
        Format::Svg | Format::Png => {
            let path = dir.join(format.default_output_name());
            let picture = match format {
                Format::Svg => PictureFormat::Svg,
                _ => PictureFormat::Png,
            };
            super::picture::render(graph, picture, &path)?;
            Ok(vec![path])
        }
        single => {
            let path = dir.join(single.default_output_name());
            write_file(&path, |w| write(single, graph, w))?;
            Ok(vec![path])
        }
    }
}

/// Renders a picture through a temporary file (Graphviz writes files) onto `w`.
fn picture_to(graph: &KnowledgeGraph, format: PictureFormat, w: &mut dyn Write) -> Result<()> {
    static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = std::env::temp_dir().join(format!(
        "newsgraph-{}-{n}.{}",
        std::process::id(),
        format.as_str()
    ));
    let result = super::picture::render(graph, format, &path).and_then(|()| {
        let bytes = fs::read(&path).map_err(|e| Error::io(Some(&path), e))?;
        w.write_all(&bytes).map_err(|e| Error::io(None, e))
    });
    let _ = fs::remove_file(&path);
    result
}

/// Creates `path` and runs `body` on a buffered writer, naming the path in any error.
/// Not atomic: for files inside a [`Staging`] folder.
pub(crate) fn write_file(
    path: &Path,
    body: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let file = fs::File::create(path).map_err(|e| Error::io(Some(path), e))?;
    let mut w = BufWriter::new(file);
    body(&mut w).map_err(|e| e.with_path(path))?;
    w.flush().map_err(|e| Error::io(Some(path), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back_and_are_unique() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.name()), Some(f));
            assert_eq!(f.name().parse::<Format>().ok(), Some(f));
            for a in f.aliases() {
                assert_eq!(Format::from_name(a), Some(f), "alias {a}");
            }
        }
        assert!("png-ish".parse::<Format>().is_err());
    }

    #[test]
    fn formats_are_inferred_from_output_file_names() {
        for (path, want) in [
            ("out/graph.dot", Some(Format::Dot)),
            ("graph.gv", Some(Format::Dot)),
            ("graph.json", Some(Format::Json)),
            ("g.nodelink.json", Some(Format::NodeLink)),
            ("G.NODE-LINK.JSON", Some(Format::NodeLink)),
            ("g.cyjs", Some(Format::Cytoscape)),
            ("g.cytoscape.json", Some(Format::Cytoscape)),
            ("g.graphml", Some(Format::GraphMl)),
            ("g.gexf", Some(Format::Gexf)),
            ("g.cypher", Some(Format::Cypher)),
            ("g.cql", Some(Format::Cypher)),
            ("g.ttl", Some(Format::Turtle)),
            ("nodes.csv", None),
            ("graph", None),
            (".json", None),
            ("graph.txt", None),
        ] {
            assert_eq!(Format::from_path(Path::new(path)), want, "{path}");
        }
    }

    #[test]
    fn multi_file_formats_refuse_a_single_stream() {
        let g = KnowledgeGraph::default();
        for f in [Format::Neo4jCsv, Format::Csv] {
            let err = write(f, &g, &mut Vec::new()).unwrap_err();
            assert!(err.is_usage(), "{err}");
        }
    }
}
