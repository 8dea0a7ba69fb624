//! Graphviz DOT through dot-writer: shape and colour by entity type (or community once
//! `analyze` has run), size by centrality, co-mention edges undirected and grey, stance
//! edges as arrows red (hostile) / green (friendly) / grey (mixed), and a legend.
//!
//! dot-writer writes ids raw, does not escape quoted values and unwraps write errors, so
//! every id and value is escaped here, the DOT is rendered into a buffer and only then
//! written to the caller's writer.

use std::collections::BTreeSet;
use std::io::Write;

use dot_writer::{Attributes, DotWriter};

use crate::error::{Error, Result};
use crate::graph::backbone::{Backbone, comention_backbone};
use crate::graph::{Edge, KnowledgeGraph, Node};
use crate::model::{EntityId, EntityType, Polarity};

/// Colours for communities, from ColorBrewer's Set3 (readable with black text).
const COMMUNITY_PALETTE: [&str; 12] = [
    "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
    "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f",
];

/// Above this many nodes the layout is sfdp and only the most central are labelled.
const LARGE: usize = 150;
/// How many nodes keep their label in a large graph.
const LABELLED: usize = 40;

const HOSTILE: &str = "#c0392b";
const FRIENDLY: &str = "#1e8449";
const MIXED: &str = "#7f8c8d";
const COMENTION: &str = "#b0b7bf";

struct TypeStyle {
    shape: &'static str,
    fill: &'static str,
    label: &'static str,
}

fn type_style(t: EntityType) -> TypeStyle {
    match t {
        EntityType::Person => TypeStyle {
            shape: "ellipse",
            fill: "#fde2b8",
            label: "person",
        },
        EntityType::Country => TypeStyle {
            shape: "box",
            fill: "#c6dbef",
            label: "country",
        },
        EntityType::Organization => TypeStyle {
            shape: "hexagon",
            fill: "#d9f0d3",
            label: "organization",
        },
        EntityType::Place => TypeStyle {
            shape: "house",
            fill: "#eeeeee",
            label: "place",
        },
    }
}

/// Escapes `s` for use inside a double-quoted DOT string: quotes and backslashes are
/// escaped, line breaks become `\n` (Graphviz's centred line break), other control
/// characters are dropped. Non-ASCII text stays UTF-8.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes `s` for a Graphviz HTML-like label.
fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", escape(s))
}

fn number(node: &Node, key: &str) -> Option<f64> {
    node.analysis.get(key).and_then(serde_json::Value::as_f64)
}

/// Node size in [0, 1]: by PageRank relative to the largest, else by mention count.
fn relative_size(node: &Node, max_rank: f64, max_mentions: u64) -> f64 {
    match number(node, "pagerank") {
        Some(r) if max_rank > 0.0 => r / max_rank,
        _ if max_mentions > 0 => node.entity.mentions as f64 / max_mentions as f64,
        _ => 0.0,
    }
}

/// 1 for a single observation, growing with the log of the count, at most 8.
fn pen_width(count: u64) -> f32 {
    (1.0 + (count.max(1) as f32).log2()).min(8.0)
}

/// Writes `graph` as DOT.
///
/// Every stance edge is drawn, and of the co-mention edges only the backbone (see
/// [`crate::graph::backbone`]): pairs that merely share an article, or share sentences
/// as often as chance would have it, would cover the picture. Every edge is in the JSON
/// export.
pub fn write(graph: &KnowledgeGraph, w: &mut dyn Write) -> Result<()> {
    write_with(graph, w, &DotOptions::default())
}

/// Choices for [`write_with`].
#[derive(Clone, Copy, Debug)]
pub struct DotOptions {
    /// Write layout settings (engine, overlap removal, which labels to hide) into the file,
    /// so that a plain `dot -Tsvg graph.dot` gives a readable picture. Off when the caller
    /// passes its own settings to Graphviz (see `export::picture`).
    pub layout: bool,
}

impl Default for DotOptions {
    fn default() -> Self {
        DotOptions { layout: true }
    }
}

/// Writes `graph` as DOT with the given options.
pub fn write_with(graph: &KnowledgeGraph, w: &mut dyn Write, opts: &DotOptions) -> Result<()> {
    let nodes = graph.nodes();
    let edges = graph.edges();
    let max_rank = nodes
        .iter()
        .filter_map(|n| number(n, "pagerank"))
        .fold(0.0, f64::max);
    let max_mentions = nodes.iter().map(|n| n.entity.mentions).max().unwrap_or(0);
    let by_community = nodes.iter().any(|n| n.analysis.contains_key("community"));
    let (backbone, drawn) = drawn(graph);
    // Large graphs label only their most central nodes, so that the picture stays readable.
    let mut sizes: Vec<f64> = nodes
        .iter()
        .filter(|n| drawn.as_ref().is_none_or(|d| d.contains(&n.entity.id)))
        .map(|n| relative_size(n, max_rank, max_mentions))
        .collect();
    sizes.sort_by(|a, b| b.total_cmp(a));
    let label_floor = if opts.layout && nodes.len() > LARGE {
        sizes.get(LABELLED - 1).copied().unwrap_or(0.0)
    } else {
        f64::NEG_INFINITY
    };

    let mut buf: Vec<u8> = Vec::new();
    {
        let mut writer = DotWriter::from(&mut buf);
        writer.set_pretty_print(true);
        let mut g = writer.digraph();
        g.set("fontname", "Helvetica", true)
            .set("label", &escape(&caption(graph, drawn.as_ref())), true)
            .set("labelloc", "t", false);
        if opts.layout {
            g.set(
                "layout",
                if nodes.len() > LARGE { "sfdp" } else { "neato" },
                false,
            )
            .set("overlap", "false", false)
            // Curved edges crash sfdp in Graphviz 2.43 on large graphs; straight is fine.
            .set(
                "splines",
                if nodes.len() > LARGE { "false" } else { "true" },
                false,
            )
            .set("outputorder", "edgesfirst", false);
            if nodes.len() > LARGE {
                g.set("scale", "1.5", false);
            } else {
                g.set("sep", "+6", true);
            }
        }
        g.node_attributes()
            .set("style", "filled", false)
            .set("fontname", "Helvetica", true)
            .set("color", "#555555", true);
        g.edge_attributes().set("fontname", "Helvetica", true);

        for n in &nodes {
            if drawn.as_ref().is_some_and(|d| !d.contains(&n.entity.id)) {
                continue;
            }
            let style = type_style(n.entity.etype);
            let size = relative_size(n, max_rank, max_mentions);
            let fill = match (by_community, number(n, "community")) {
                (true, Some(c)) => COMMUNITY_PALETTE[(c as usize) % COMMUNITY_PALETTE.len()],
                _ => style.fill,
            };
            let mut tooltip = format!("{} ({})", n.entity.name, n.entity.etype);
            if let Some(q) = &n.entity.ids.qid {
                tooltip.push_str(&format!(" {q}"));
            }
            tooltip.push_str(&format!("\n{} mentions", n.entity.mentions));
            let mut node = g.node_named(quoted(n.entity.id.as_str()));
            node.set("label", &escape(&n.entity.name), true)
                .set("shape", style.shape, false)
                .set("fillcolor", fill, true)
                .set("fontsize", &format!("{:.1}", 10.0 + 14.0 * size), false)
                .set("tooltip", &escape(&tooltip), true);
            if size < label_floor {
                // Unlabelled small nodes keep large layouts readable.
                node.set("label", "", true)
                    .set("width", "0.15", false)
                    .set("height", "0.15", false);
            }
        }

        for e in &edges {
            let s = quoted(e.source.entity.id.as_str());
            let t = quoted(e.target.entity.id.as_str());
            match e.edge {
                Edge::Comention(c) => {
                    let pair = (e.source.entity.id.clone(), e.target.entity.id.clone());
                    if !backbone.contains(&pair) {
                        continue;
                    }
                    g.edge(s, t)
                        .attributes()
                        .set("dir", "none", false)
                        .set("color", COMENTION, true)
                        .set("penwidth", &format!("{:.2}", pen_width(c.sentences)), false)
                        .set(
                            "tooltip",
                            &escape(&format!(
                                "{} – {}: {} sentences, {} articles",
                                e.source.entity.name, e.target.entity.name, c.sentences, c.articles
                            )),
                            true,
                        );
                }
                Edge::Stance(st) => {
                    let color = match st.sign() {
                        Polarity::Negative => HOSTILE,
                        Polarity::Positive => FRIENDLY,
                        Polarity::Neutral => MIXED,
                    };
                    let top = st
                        .categories
                        .iter()
                        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                        .map(|(c, _)| c.as_str())
                        .unwrap_or("");
                    // Edge labels would bury a large picture; the tooltip keeps the category.
                    let label = if nodes.len() > LARGE { "" } else { top };
                    g.edge(s, t)
                        .attributes()
                        .set("color", color, true)
                        .set("fontcolor", color, true)
                        .set("penwidth", &format!("{:.2}", 1.0 + pen_width(st.count())), false)
                        .set("label", &escape(label), true)
                        .set("fontsize", "9", false)
                        .set(
                            "tooltip",
                            &escape(&format!(
                                "{} → {} ({}): {} hostile, {} friendly, {} neutral; mean intensity {:.1}",
                                e.source.entity.name,
                                e.target.entity.name,
                                top,
                                st.negative,
                                st.positive,
                                st.neutral,
                                st.mean_intensity()
                            )),
                            true,
                        );
                }
            }
        }

        g.node_named(quoted("legend"))
            .set("shape", "plaintext", false)
            .set("style", "", true)
            .set_html(&legend(by_community));
    }
    w.write_all(&buf).map_err(|e| Error::io(None, e))
}

fn caption(graph: &KnowledgeGraph, drawn: Option<&BTreeSet<EntityId>>) -> String {
    let articles = graph.articles().count();
    let mut s = format!(
        "newsgraph: {} actors, {} edges from {} article{}",
        graph.node_count(),
        graph.edge_count(),
        articles,
        if articles == 1 { "" } else { "s" }
    );
    if let Some(d) = drawn {
        let left_out = graph.node_count().saturating_sub(d.len());
        if left_out > 0 {
            s.push_str(&format!(
                "; {left_out} actors without a stance or backbone tie not drawn"
            ));
        }
    }
    s
}

/// What the picture draws: the co-mention backbone, and, for a graph of more than
/// [`LARGE`] actors, the actors with a drawn edge (`None`: every actor). Hundreds of
/// unconnected dots would otherwise fill the page around the network.
pub fn drawn(
    graph: &KnowledgeGraph,
) -> (BTreeSet<(EntityId, EntityId)>, Option<BTreeSet<EntityId>>) {
    let backbone = comention_backbone(graph, Backbone::default());
    if graph.node_count() <= LARGE {
        return (backbone, None);
    }
    let mut nodes: BTreeSet<EntityId> = BTreeSet::new();
    for (s, t) in &backbone {
        nodes.insert(s.clone());
        nodes.insert(t.clone());
    }
    for e in graph.edges() {
        if let Edge::Stance(_) = e.edge {
            nodes.insert(e.source.entity.id.clone());
            nodes.insert(e.target.entity.id.clone());
        }
    }
    (backbone, Some(nodes))
}

fn legend(by_community: bool) -> String {
    let mut rows = String::new();
    for t in EntityType::ALL {
        let s = type_style(t);
        rows.push_str(&format!(
            "<tr><td bgcolor=\"{}\">{}</td><td align=\"left\">{} ({})</td></tr>",
            s.fill,
            escape_html(t.as_str()),
            escape_html(s.label),
            s.shape
        ));
    }
    let comention = format!(
        "often named in one sentence ({})",
        Backbone::default().describe()
    );
    for (color, text) in [
        (HOSTILE, "hostile stance (arrow: source → target)"),
        (FRIENDLY, "friendly stance"),
        (MIXED, "mixed or neutral stance"),
        (COMENTION, comention.as_str()),
    ] {
        rows.push_str(&format!(
            "<tr><td bgcolor=\"{color}\"> </td><td align=\"left\">{}</td></tr>",
            escape_html(text)
        ));
    }
    if by_community {
        rows.push_str("<tr><td colspan=\"2\">fill colour: community</td></tr>");
    }
    // dot-writer wraps the value in one pair of angle brackets; HTML labels need two.
    format!(
        "<<table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\">\
         <tr><td colspan=\"2\"><b>Legend</b></td></tr>{rows}</table>>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_keeps_names_inside_their_quotes() {
        for (name, want) in [
            ("Iran", "Iran"),
            ("say \"hi\"", "say \\\"hi\\\""),
            ("back\\slash", "back\\\\slash"),
            ("two\nlines", "two\\nlines"),
            ("\"]; a -> b [", "\\\"]; a -> b ["),
            ("Zürich 🇨🇭", "Zürich 🇨🇭"),
            ("nul\u{0}bell\u{7}", "nulbell"),
        ] {
            assert_eq!(escape(name), want, "{name:?}");
        }
    }

    #[test]
    fn pen_widths_are_finite_and_bounded() {
        for (count, want) in [(0, 1.0), (1, 1.0), (2, 2.0), (4, 3.0), (1 << 20, 8.0)] {
            assert_eq!(pen_width(count), want, "{count}");
        }
    }

    #[test]
    fn html_escaping_closes_no_tags() {
        assert_eq!(escape_html("<b>&\"</b>"), "&lt;b&gt;&amp;&quot;&lt;/b&gt;");
    }
}
