//! Synthetic actor graphs for the viewer tests: planted camps, hostile edges across
//! camps, friendly ones inside, co-mentions everywhere; deterministic (fixed-seed LCG).
//! Names and sentences are generated here, never taken from a corpus.

use newsgraph::KnowledgeGraph;
use newsgraph::graph::{ComentionEdge, Evidence, StanceEdge, StanceEvidence};
use newsgraph::model::{Entity, EntityId, EntityType, Polarity};

pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407))
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() as f64 / (1u64 << 31) as f64) < p
    }
}

const SYLLABLES: [&str; 24] = [
    "ka", "ro", "vi", "an", "mel", "dor", "sa", "lin", "te", "bru", "no", "zar", "qui", "ot", "ve",
    "la", "mon", "hest", "ri", "gal", "pe", "tu", "sor", "ën",
];

fn word(rng: &mut Lcg, parts: u64) -> String {
    let mut s = String::new();
    for _ in 0..parts {
        s.push_str(SYLLABLES[rng.below(SYLLABLES.len() as u64) as usize]);
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => s,
    }
}

fn name(rng: &mut Lcg, t: EntityType, i: usize) -> String {
    match t {
        EntityType::Person => format!("{} {}", word(rng, 2), word(rng, 3)),
        EntityType::Country => format!("{}ia", word(rng, 2)),
        EntityType::Organization => format!("{} Council {}", word(rng, 2), i % 97),
        EntityType::Place => format!("Port {}", word(rng, 2)),
    }
}

pub struct Options {
    pub nodes: usize,
    pub edges: usize,
    pub camps: usize,
    pub with_analysis: bool,
    pub seed: u64,
}

/// A graph of `nodes` actors in `camps` camps with about `edges` edges.
pub fn graph(o: &Options) -> KnowledgeGraph {
    let mut rng = Lcg::new(o.seed);
    let mut g = KnowledgeGraph::new(3);
    let types = [
        EntityType::Person,
        EntityType::Person,
        EntityType::Country,
        EntityType::Organization,
        EntityType::Place,
    ];
    let mut ids = Vec::new();
    let mut names = Vec::new();
    let mut camp = Vec::new();
    for i in 0..o.nodes {
        let t = types[rng.below(types.len() as u64) as usize];
        let n = format!("{} {}", name(&mut rng, t, i), i);
        let id = EntityId::from_name(t, &n);
        let mut e = Entity::new(id.clone(), n.clone(), t);
        // Heavy-tailed prominence: a few actors are named very often.
        e.mentions = 1 + (2000.0 / (1.0 + i as f64).powf(0.9)) as u64 + rng.below(5);
        e.sentences = e.mentions;
        e.articles = 1 + e.mentions / 3;
        e.aliases.insert(n.clone(), e.mentions);
        if i % 7 == 0 {
            e.aliases.insert(n.to_uppercase(), 1);
        }
        g.add_entity(e);
        ids.push(id);
        names.push(n);
        camp.push(rng.below(o.camps.max(1) as u64) as usize);
    }
    let n = o.nodes as u64;
    let mut made = 0;
    let mut tries = 0;
    while made < o.edges && tries < o.edges * 20 && n > 1 {
        tries += 1;
        // Preferential attachment: low indices (prominent actors) attract more edges.
        let a = (rng.below(n) * rng.below(n) / n) as usize;
        let b = rng.below(n) as usize;
        if a == b {
            continue;
        }
        let same = camp[a] == camp[b];
        if !same && !rng.chance(0.25) {
            continue;
        }
        let article = format!("synthetic-{:05}", rng.below(5000));
        let text = format!("{} met {} to discuss the border talks.", names[a], names[b]);
        g.add_comention(
            &ids[a],
            &ids[b],
            ComentionEdge {
                sentences: 1 + rng.below(6),
                articles: 1,
                evidence: vec![Evidence {
                    article: article.clone(),
                    sentence: rng.below(30) as usize,
                    start: 0,
                    end: text.len(),
                    text,
                }],
            },
        );
        made += 1;
        if rng.chance(0.35) {
            let hostile = if same {
                rng.chance(0.15)
            } else {
                rng.chance(0.8)
            };
            let (cue, category, polarity, intensity) = if hostile {
                ("condemned", "condemn", Polarity::Negative, -6.0)
            } else {
                ("welcomed", "praise", Polarity::Positive, 4.0)
            };
            let count = 1 + rng.below(8);
            let text = format!("{} {} the latest move by {}.", names[a], cue, names[b]);
            let mut edge = StanceEdge {
                intensity_sum: intensity * count as f64,
                categories: [(category.to_string(), count)].into_iter().collect(),
                evidence: vec![StanceEvidence {
                    at: Evidence {
                        article,
                        sentence: 3,
                        start: 0,
                        end: text.len(),
                        text,
                    },
                    polarity,
                    intensity: intensity as f32,
                    category: category.into(),
                    cue: cue.into(),
                }],
                ..Default::default()
            };
            if hostile {
                edge.negative = count;
            } else {
                edge.positive = count;
            }
            if rng.chance(0.1) {
                edge.positive = edge.negative; // a mixed relation
            }
            g.add_stance(&ids[a], &ids[b], edge);
            made += 1;
        }
    }
    if o.with_analysis {
        for (i, id) in ids.iter().enumerate() {
            if let Some(node) = g.node_mut(id) {
                let pr = 1.0 / (1.0 + i as f64).powf(0.8);
                node.analysis.insert(
                    "pagerank".into(),
                    serde_json::json!((pr * 1e6).round() / 1e6),
                );
                node.analysis
                    .insert("community".into(), serde_json::json!(camp[i]));
            }
        }
    }
    g
}
