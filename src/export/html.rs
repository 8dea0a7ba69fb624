//! A single self-contained, interactive HTML page showing the graph: canvas drawing,
//! pan/zoom, search, filters, evidence on hover, ego networks on click.
//!
//! Everything is inline (no network, no CDN): the viewer's JS and CSS are embedded from
//! `src/export/html/`, the graph travels as JSON in a `<script type="application/json">`
//! whose `<`, `>`, `&`, U+2028 and U+2029 are `\u`-escaped so no name can close the tag.
//! Positions are computed here (see `layout`), so the page draws at once and the bytes
//! depend only on the graph.

mod layout;

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

use serde::Serialize;

use crate::error::Error;
use crate::graph::backbone::{Backbone, comention_backbone};
use crate::graph::{Edge, KnowledgeGraph, Node, npmi};
use crate::model::Polarity;

pub use layout::force_layout;

const VIEWER_JS: &str = include_str!("html/viewer.js");
const VIEWER_CSS: &str = include_str!("html/viewer.css");

/// Analysis keys tried, in order, for the default node size; `mentions` when none is there.
const SIZE_PREFERENCE: [&str; 5] = [
    "pagerank",
    "eigenvector",
    "betweenness",
    "weighted_degree",
    "degree",
];

/// Labels drawn at the zoom that shows the whole graph: on 500 Reuters articles 40 names
/// fit a 1400 × 900 window without overlapping and name every actor of the backbone's core.
const DEFAULT_LABELS: usize = 40;

/// Analysis keys that name a group and can colour nodes, in menu order.
const GROUP_KEYS: [&str; 3] = ["community", "camp", "component"];

/// Writes the viewer page for `graph`.
pub fn write(graph: &KnowledgeGraph, w: &mut dyn Write) -> Result<(), Error> {
    let data = ViewerData::from_graph(graph);
    let json = serde_json::to_string(&data).map_err(|e| Error::json("viewer data", e))?;
    let page = page(&data.meta, &escape_script_json(&json));
    w.write_all(page.as_bytes())?;
    w.flush()?;
    Ok(())
}

fn page(meta: &MetaData, json: &str) -> String {
    let title = format!(
        "newsgraph: {} actors, {} edges",
        meta.node_count, meta.edge_count
    );
    let mut s = String::with_capacity(json.len() + VIEWER_JS.len() + VIEWER_CSS.len() + 4096);
    s.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // The page may not fetch anything: no network, and no inline-script injection either.
    s.push_str(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n",
    );
    s.push_str(&format!("<title>{}</title>\n", escape_html(&title)));
    s.push_str("<style>\n");
    s.push_str(VIEWER_CSS);
    s.push_str("</style>\n</head>\n<body>\n");
    s.push_str(BODY);
    s.push_str("<script type=\"application/json\" id=\"newsgraph-data\">");
    s.push_str(json);
    s.push_str("</script>\n<script>\n");
    s.push_str(VIEWER_JS);
    s.push_str("</script>\n</body>\n</html>\n");
    s
}

/// The static page skeleton; the script fills it. Nothing from the graph goes here.
const BODY: &str = r#"<canvas id="graph" aria-label="Actor network drawing"></canvas>
<header id="toolbar">
  <h1>newsgraph</h1>
  <div class="search">
    <label for="search" class="sr">Find an actor</label>
    <input id="search" type="search" placeholder="Find actor (name or alias)" autocomplete="off" spellcheck="false">
    <ul id="suggestions" role="listbox" hidden></ul>
  </div>
  <label>Colour <select id="colour-by"></select></label>
  <label>Size <select id="size-by"></select></label>
  <label title="Show neighbours of neighbours of the focused actor"><input type="checkbox" id="depth2"> depth 2</label>
  <button id="fit" type="button" title="Show the whole graph">Fit</button>
</header>
<section id="filters" aria-label="Filters">
  <fieldset id="view-settings"><legend>Shown by default</legend>
    <label title="Which co-mention edges are drawn: the backbone keeps the pairs named together more often than chance (disparity filter)">Named together <select id="comention-mode"><option value="backbone">backbone</option><option value="all">all</option><option value="none">none</option></select></label>
    <label title="Also show actors that have no edge drawn with the settings below"><input type="checkbox" id="untied"> Actors without a drawn edge</label>
    <label title="Labels drawn when the whole graph is in view (more appear as you zoom in)">Labels <input id="labels" type="number" min="0" max="1000" step="10"></label>
  </fieldset>
  <fieldset id="type-filters"><legend>Actors</legend></fieldset>
  <fieldset id="edge-filters"><legend>Edges</legend></fieldset>
</section>
<aside id="panel" aria-live="polite"><p class="hint">Hover an actor or an edge to see details and evidence. Click an actor to focus its network; click the background to reset.</p></aside>
<footer id="status"></footer>
<noscript><p class="noscript">This view needs JavaScript.</p></noscript>
"#;

/// Escapes JSON so it can sit inside a `<script>` element: no `</script>`, no `<!--`,
/// no line terminators that older JS parsers reject. Only string contents can hold these
/// characters, and `\uXXXX` means the same thing there.
pub fn escape_script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 16);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Everything the page script reads, in a shape made for it (edges point at node indices).
#[derive(Debug, Serialize)]
struct ViewerData {
    meta: MetaData,
    nodes: Vec<NodeData>,
    edges: Vec<EdgeData>,
    /// Articles cited by some evidence, sorted by id.
    articles: Vec<ArticleData>,
}

#[derive(Debug, Serialize)]
struct MetaData {
    version: &'static str,
    node_count: usize,
    edge_count: usize,
    article_count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    first_date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    last_date: Option<String>,
    /// Numeric node measures the size menu offers: `mentions`, `degree`, then analysis keys.
    size_metrics: Vec<String>,
    default_size: String,
    /// Group keys present in the analysis that the colour menu offers after `type`.
    groupings: Vec<String>,
    /// `sentence` or `article`: which pairs have co-mention edges (`graph.json` meta).
    comention_scope: &'static str,
    /// How the co-mention edges drawn by default were chosen.
    backbone: String,
    /// Labels drawn when the whole graph fits the window (more as one zooms in).
    labels: usize,
}

#[derive(Debug, Serialize)]
struct NodeData {
    id: String,
    name: String,
    #[serde(rename = "type")]
    etype: &'static str,
    x: f64,
    y: f64,
    mentions: u64,
    sentences: u64,
    articles: u64,
    /// Distinct neighbours over all edges shown.
    degree: usize,
    /// `[alias, count]`, most frequent first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<(String, u64)>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    ids: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    analysis: BTreeMap<String, serde_json::Value>,
}

#[derive(Debug, Serialize)]
struct EdgeData {
    s: usize,
    t: usize,
    kind: &'static str,
    /// `hostile`, `friendly`, `mixed` for stance edges; `comention` otherwise.
    sign: &'static str,
    /// Sentences for co-mentions, relations for stance: drives the width.
    weight: u64,
    #[serde(flatten)]
    detail: EdgeDetail,
    evidence: Vec<EvidenceData>,
}

#[derive(Debug, Serialize)]
#[serde(untagged)]
enum EdgeDetail {
    Comention {
        sentences: u64,
        articles: u64,
        #[serde(skip_serializing_if = "Option::is_none")]
        npmi: Option<f64>,
        /// In the co-mention backbone, which the view draws by default.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        backbone: bool,
    },
    Stance {
        positive: u64,
        negative: u64,
        neutral: u64,
        mean_intensity: f64,
        categories: BTreeMap<String, u64>,
    },
}

#[derive(Debug, Serialize)]
struct EvidenceData {
    article: String,
    sentence: usize,
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    cue: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    polarity: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    intensity: Option<f64>,
}

#[derive(Debug, Serialize)]
struct ArticleData {
    id: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

fn polarity_str(p: Polarity) -> &'static str {
    match p {
        Polarity::Negative => "negative",
        Polarity::Neutral => "neutral",
        Polarity::Positive => "positive",
    }
}

fn sign_str(p: Polarity) -> &'static str {
    match p {
        Polarity::Negative => "hostile",
        Polarity::Neutral => "mixed",
        Polarity::Positive => "friendly",
    }
}

/// Rounds so that the bytes do not depend on the last bit of a float.
fn round(x: f64, digits: i32) -> f64 {
    let f = 10f64.powi(digits);
    let r = (x * f).round() / f;
    if r == 0.0 { 0.0 } else { r }
}

/// Analysis values rounded, non-finite numbers dropped (JSON has no NaN).
fn clean_analysis(a: &BTreeMap<String, serde_json::Value>) -> BTreeMap<String, serde_json::Value> {
    a.iter()
        .filter_map(|(k, v)| match v {
            serde_json::Value::Number(n) if n.is_f64() => {
                let f = n.as_f64()?;
                let r = serde_json::Number::from_f64(round(f, 6))?;
                Some((k.clone(), serde_json::Value::Number(r)))
            }
            serde_json::Value::Number(_) | serde_json::Value::String(_) => {
                Some((k.clone(), v.clone()))
            }
            serde_json::Value::Bool(b) => Some((k.clone(), serde_json::Value::Bool(*b))),
            _ => None,
        })
        .collect()
}

impl ViewerData {
    fn from_graph(graph: &KnowledgeGraph) -> ViewerData {
        let nodes: Vec<&Node> = graph.nodes();
        let index: BTreeMap<&str, usize> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.entity.id.as_str(), i))
            .collect();
        let mut neighbours: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); nodes.len()];
        let mut pair_weight: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        let mut edges = Vec::new();
        let mut cited: BTreeSet<String> = BTreeSet::new();
        let backbone = comention_backbone(graph, Backbone::default());
        for e in graph.edges() {
            let (Some(&s), Some(&t)) = (
                index.get(e.source.entity.id.as_str()),
                index.get(e.target.entity.id.as_str()),
            ) else {
                continue;
            };
            if s != t {
                neighbours[s].insert(t);
                neighbours[t].insert(s);
            }
            let edge = match e.edge {
                Edge::Comention(c) => EdgeData {
                    s,
                    t,
                    kind: "comention",
                    sign: "comention",
                    weight: c.sentences.max(1),
                    detail: EdgeDetail::Comention {
                        sentences: c.sentences,
                        articles: c.articles,
                        npmi: npmi(
                            c.sentences,
                            e.source.entity.sentences,
                            e.target.entity.sentences,
                            graph.sentence_count(),
                        )
                        .map(|v| round(v, 3)),
                        backbone: backbone
                            .contains(&(e.source.entity.id.clone(), e.target.entity.id.clone())),
                    },
                    evidence: c
                        .evidence
                        .iter()
                        .map(|ev| EvidenceData {
                            article: ev.article.clone(),
                            sentence: ev.sentence,
                            text: ev.text.clone(),
                            cue: None,
                            polarity: None,
                            category: None,
                            intensity: None,
                        })
                        .collect(),
                },
                Edge::Stance(st) => EdgeData {
                    s,
                    t,
                    kind: "stance",
                    sign: sign_str(st.sign()),
                    weight: st.count().max(1),
                    detail: EdgeDetail::Stance {
                        positive: st.positive,
                        negative: st.negative,
                        neutral: st.neutral,
                        mean_intensity: round(st.mean_intensity(), 2),
                        categories: st.categories.clone(),
                    },
                    evidence: st
                        .evidence
                        .iter()
                        .map(|ev| EvidenceData {
                            article: ev.at.article.clone(),
                            sentence: ev.at.sentence,
                            text: ev.at.text.clone(),
                            cue: Some(ev.cue.clone()),
                            polarity: Some(polarity_str(ev.polarity)),
                            category: Some(ev.category.clone()),
                            intensity: Some(round(f64::from(ev.intensity), 2)),
                        })
                        .collect(),
                },
            };
            for ev in &edge.evidence {
                cited.insert(ev.article.clone());
            }
            let key = (s.min(t), s.max(t));
            // The layout follows what is drawn by default: with the co-mentions outside
            // the backbone pulling too, 500 Reuters articles made one uniform disc. Actors
            // without a drawn edge go on the outer ring (and are hidden by default).
            if !matches!(
                edge.detail,
                EdgeDetail::Comention {
                    backbone: false,
                    ..
                }
            ) {
                *pair_weight.entry(key).or_default() += edge.weight as f64;
            }
            edges.push(edge);
        }

        let layout_edges: Vec<(usize, usize, f64)> =
            pair_weight.iter().map(|(&(a, b), &w)| (a, b, w)).collect();
        let positions = layout::force_layout(nodes.len(), &layout_edges);

        let mut numeric: BTreeSet<String> = BTreeSet::new();
        let mut groups: BTreeSet<String> = BTreeSet::new();
        let node_data: Vec<NodeData> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let analysis = clean_analysis(&n.analysis);
                for (k, v) in &analysis {
                    if GROUP_KEYS.contains(&k.as_str()) {
                        groups.insert(k.clone());
                    } else if v.is_number() {
                        numeric.insert(k.clone());
                    }
                }
                let mut aliases: Vec<(String, u64)> = n
                    .entity
                    .aliases
                    .iter()
                    .map(|(a, c)| (a.clone(), *c))
                    .collect();
                aliases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                let mut ids = BTreeMap::new();
                if let Some(q) = &n.entity.ids.qid {
                    ids.insert("qid", q.clone());
                }
                if let Some(c) = &n.entity.ids.iso2 {
                    ids.insert("iso2", c.clone());
                }
                if let Some(c) = &n.entity.ids.iso3 {
                    ids.insert("iso3", c.clone());
                }
                let (x, y) = positions.get(i).copied().unwrap_or((0.0, 0.0));
                NodeData {
                    id: n.entity.id.as_str().to_string(),
                    name: n.entity.name.clone(),
                    etype: n.entity.etype.as_str(),
                    x,
                    y,
                    mentions: n.entity.mentions,
                    sentences: n.entity.sentences,
                    articles: n.entity.articles,
                    degree: neighbours[i].len(),
                    aliases,
                    ids,
                    analysis,
                }
            })
            .collect();

        let analysis_numeric = numeric.clone();
        let mut size_metrics = vec!["mentions".to_string(), "degree".to_string()];
        // The analysis `degree` would shadow ours; ours counts the same thing.
        size_metrics.extend(numeric.into_iter().filter(|k| k != "degree"));
        let default_size = SIZE_PREFERENCE
            .iter()
            .find(|k| analysis_numeric.contains(**k))
            .map(|k| k.to_string())
            .unwrap_or_else(|| "mentions".to_string());
        let groupings = GROUP_KEYS
            .iter()
            .filter(|k| groups.contains(**k))
            .map(|k| k.to_string())
            .collect();

        let all_articles: Vec<_> = graph.articles().collect();
        let dates: Vec<&String> = all_articles
            .iter()
            .filter_map(|a| a.date.as_ref())
            .collect();
        let articles = cited
            .iter()
            .map(|id| match graph.article(id) {
                Some(a) => ArticleData {
                    id: id.clone(),
                    title: a.title.clone(),
                    date: a.date.clone(),
                    source: a.source.clone(),
                    url: a.url.clone(),
                },
                None => ArticleData {
                    id: id.clone(),
                    title: String::new(),
                    date: None,
                    source: None,
                    url: None,
                },
            })
            .collect();

        ViewerData {
            meta: MetaData {
                version: env!("CARGO_PKG_VERSION"),
                node_count: node_data.len(),
                edge_count: edges.len(),
                article_count: all_articles.len(),
                first_date: dates.iter().min().map(|d| d.to_string()),
                last_date: dates.iter().max().map(|d| d.to_string()),
                size_metrics,
                default_size,
                groupings,
                comention_scope: graph.comention_scope().as_str(),
                backbone: Backbone::default().describe(),
                labels: DEFAULT_LABELS,
            },
            nodes: node_data,
            edges,
            articles,
        }
    }
}

#[cfg(test)]
mod tests;
