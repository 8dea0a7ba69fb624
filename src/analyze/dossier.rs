//! The dossier of one actor: who it is (names, type, ids, counts), whom it criticizes,
//! praises or addresses and who does so to it, each with counts, intensity and the
//! evidence sentences with their source, and its camp when `analyze` has run.
//!
//! Everything comes from a saved graph, so time is only as fine as the graph: the graph
//! keeps per-actor totals, not per-article counts, and [`Dossier::by_month`] counts the
//! kept evidence of the actor's edges (a lower bound; see its doc).
//! Names come from news text: [`Dossier::render`] escapes them for every format.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::graph::{Edge, Evidence, KnowledgeGraph, StanceEdge, StanceEvidence, npmi};
use crate::model::{EntityId, Polarity};

/// How a dossier is printed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DossierFormat {
    /// Plain text for a terminal.
    #[default]
    Table,
    Json,
    Markdown,
}

impl DossierFormat {
    /// Parses `table`, `json` or `md` (also `markdown`).
    pub fn parse(s: &str) -> Option<DossierFormat> {
        match s.trim().to_ascii_lowercase().as_str() {
            "table" | "text" => Some(DossierFormat::Table),
            "json" => Some(DossierFormat::Json),
            "md" | "markdown" => Some(DossierFormat::Markdown),
            _ => None,
        }
    }
}

/// Co-mention partners listed, strongest first; the count of all is kept.
pub const PARTNERS: usize = 15;

/// Everything the graph says about one actor.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Dossier {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub etype: &'static str,
    /// `(alias, count)`, most frequent first.
    pub aliases: Vec<(String, u64)>,
    /// `qid`, `iso2`, `iso3` when known.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub ids: BTreeMap<&'static str, String>,
    pub mentions: u64,
    pub sentences: u64,
    pub articles: u64,
    /// `YYYY-MM` -> distinct articles among the evidence of the actor's edges.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub by_month: BTreeMap<String, u64>,
    /// Stance of this actor toward others (it is the source).
    pub toward: Vec<Relation>,
    /// Stance of others toward this actor (it is the target).
    pub from: Vec<Relation>,
    /// Actors named in one sentence with it, most sentences first, at most [`PARTNERS`].
    pub named_with: Vec<Partner>,
    /// How many actors share a sentence with it in all.
    pub named_with_total: usize,
    /// Its friend/foe camp and the camp's other members, when `analyze` has run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub camp: Option<Camp>,
    /// Analysis attributes (centrality, community...), when `analyze` has run.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub analysis: BTreeMap<String, Value>,
}

/// A stance edge seen from the dossier's actor: `other` is the target of `toward`
/// relations and the source of `from` ones.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Relation {
    pub other: String,
    pub name: String,
    /// `hostile`, `friendly` or `mixed` (the majority sign).
    pub sign: &'static str,
    pub count: u64,
    pub negative: u64,
    pub positive: u64,
    pub neutral: u64,
    /// −10 hostile .. +10 cooperative, rounded to 2 decimals.
    pub mean_intensity: f64,
    pub categories: BTreeMap<String, u64>,
    pub evidence: Vec<Quote>,
}

/// An actor named in the same sentences.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Partner {
    pub other: String,
    pub name: String,
    pub sentences: u64,
    pub articles: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub npmi: Option<f64>,
}

/// One evidence sentence with where it was read.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quote {
    pub text: String,
    pub article: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cue: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intensity: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Camp {
    pub camp: Value,
    /// `(id, name)` of the other members, by id.
    pub members: Vec<(String, String)>,
}

fn sign_word(p: Polarity) -> &'static str {
    match p {
        Polarity::Negative => "hostile",
        Polarity::Positive => "friendly",
        Polarity::Neutral => "mixed",
    }
}

fn round2(x: f64) -> f64 {
    let r = (x * 100.0).round() / 100.0;
    if r == 0.0 || !r.is_finite() { 0.0 } else { r }
}

impl Dossier {
    /// The dossier of the actor `query` names: an id, the slug after the type, a name or
    /// an alias, any case (see [`crate::graph::filter::resolve_as`]). Fails with a
    /// message listing the candidates when the query is ambiguous or names nobody.
    pub fn find(graph: &KnowledgeGraph, query: &str) -> Result<Dossier> {
        let id = crate::graph::filter::resolve_as(graph, query, "actor")?;
        Dossier::of(graph, &id)
    }

    /// The dossier of the actor with id `id`.
    pub fn of(graph: &KnowledgeGraph, id: &EntityId) -> Result<Dossier> {
        let node = graph
            .node(id)
            .ok_or_else(|| Error::usage(format!("no actor {id} in the graph")))?;
        let e = &node.entity;
        let mut aliases: Vec<(String, u64)> =
            e.aliases.iter().map(|(a, c)| (a.clone(), *c)).collect();
        aliases.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let mut ids = BTreeMap::new();
        for (k, v) in [
            ("qid", &e.ids.qid),
            ("iso2", &e.ids.iso2),
            ("iso3", &e.ids.iso3),
        ] {
            if let Some(v) = v {
                ids.insert(k, v.clone());
            }
        }

        let quote = |ev: &Evidence, st: Option<&StanceEvidence>| {
            let meta = graph.article(&ev.article);
            Quote {
                text: ev.text.clone(),
                article: ev.article.clone(),
                source: meta.and_then(|m| m.source.clone()),
                date: meta.and_then(|m| m.date.clone()),
                url: meta.and_then(|m| m.url.clone()),
                cue: st.map(|s| s.cue.clone()),
                intensity: st.map(|s| round2(f64::from(s.intensity))),
            }
        };
        let relation = |other: &crate::graph::Node, st: &StanceEdge| Relation {
            other: other.entity.id.as_str().to_string(),
            name: other.entity.name.clone(),
            sign: sign_word(st.sign()),
            count: st.count(),
            negative: st.negative,
            positive: st.positive,
            neutral: st.neutral,
            mean_intensity: round2(st.mean_intensity()),
            categories: st.categories.clone(),
            evidence: st.evidence.iter().map(|s| quote(&s.at, Some(s))).collect(),
        };

        let (mut toward, mut from, mut named_with) = (Vec::new(), Vec::new(), Vec::new());
        let mut months: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
        for edge in graph.edges() {
            let (is_source, is_target) =
                (&edge.source.entity.id == id, &edge.target.entity.id == id);
            if !is_source && !is_target {
                continue;
            }
            let evidence: Vec<&Evidence> = match edge.edge {
                Edge::Comention(c) => c.evidence.iter().collect(),
                Edge::Stance(s) => s.evidence.iter().map(|s| &s.at).collect(),
            };
            for ev in evidence {
                if let Some(month) = graph
                    .article(&ev.article)
                    .and_then(|m| m.date.as_deref())
                    .and_then(|d| d.get(..7))
                {
                    months
                        .entry(month.to_string())
                        .or_default()
                        .insert(&ev.article);
                }
            }
            match edge.edge {
                Edge::Stance(st) if is_source && !is_target => {
                    toward.push(relation(edge.target, st))
                }
                Edge::Stance(st) if is_target && !is_source => from.push(relation(edge.source, st)),
                Edge::Comention(c) if c.sentences > 0 && is_source != is_target => {
                    let other = if is_source { edge.target } else { edge.source };
                    named_with.push(Partner {
                        other: other.entity.id.as_str().to_string(),
                        name: other.entity.name.clone(),
                        sentences: c.sentences,
                        articles: c.articles,
                        npmi: npmi(
                            c.sentences,
                            edge.source.entity.sentences,
                            edge.target.entity.sentences,
                            graph.sentence_count(),
                        )
                        .map(|v| (v * 1000.0).round() / 1000.0),
                    });
                }
                _ => {}
            }
        }
        let strongest = |a: &Relation, b: &Relation| {
            b.count
                .cmp(&a.count)
                .then_with(|| b.mean_intensity.abs().total_cmp(&a.mean_intensity.abs()))
                .then_with(|| a.other.cmp(&b.other))
        };
        toward.sort_by(strongest);
        from.sort_by(strongest);
        named_with.sort_by(|a, b| {
            b.sentences
                .cmp(&a.sentences)
                .then_with(|| b.articles.cmp(&a.articles))
                .then_with(|| a.other.cmp(&b.other))
        });
        let named_with_total = named_with.len();
        named_with.truncate(PARTNERS);

        let camp = node.analysis.get("camp").map(|c| Camp {
            camp: c.clone(),
            members: graph
                .nodes()
                .into_iter()
                .filter(|n| n.entity.id != *id && n.analysis.get("camp") == Some(c))
                .map(|n| (n.entity.id.as_str().to_string(), n.entity.name.clone()))
                .collect(),
        });

        Ok(Dossier {
            id: id.as_str().to_string(),
            name: e.name.clone(),
            etype: e.etype.as_str(),
            aliases,
            ids,
            mentions: e.mentions,
            sentences: e.sentences,
            articles: e.articles,
            by_month: months
                .into_iter()
                .map(|(m, a)| (m, a.len() as u64))
                .collect(),
            toward,
            from,
            named_with,
            named_with_total,
            camp,
            analysis: node.analysis.clone(),
        })
    }

    /// The dossier as text: `Table` for a terminal (two evidence sentences per relation),
    /// `Markdown` (all kept evidence), `Json` (everything, pretty-printed).
    pub fn render(&self, format: DossierFormat) -> Result<String> {
        match format {
            DossierFormat::Json => {
                let mut s = serde_json::to_string_pretty(self)
                    .map_err(|e| Error::json("actor dossier", e))?;
                s.push('\n');
                Ok(s)
            }
            DossierFormat::Table => Ok(self.text(&plain, false)),
            DossierFormat::Markdown => Ok(self.text(&markdown, true)),
        }
    }

    fn text(&self, esc: &dyn Fn(&str) -> String, md: bool) -> String {
        let mut s = String::new();
        let h = |s: &mut String, level: usize, title: &str| {
            if md {
                let _ = writeln!(s, "\n{} {title}\n", "#".repeat(level));
            } else if level == 1 {
                let _ = writeln!(s, "{title}\n{}", "=".repeat(title.chars().count()));
            } else {
                let _ = writeln!(s, "\n{title}\n{}", "-".repeat(title.chars().count()));
            }
        };
        let bullet = if md { "- " } else { "  " };
        h(&mut s, 1, &format!("{} ({})", esc(&self.name), self.etype));
        let mut facts = vec![format!("id {}", esc(&self.id))];
        facts.extend(self.ids.iter().map(|(k, v)| format!("{k} {}", esc(v))));
        facts.push(format!(
            "{} in {} of {}",
            plural(self.mentions, "mention"),
            plural(self.sentences, "sentence"),
            plural(self.articles, "article")
        ));
        for f in facts {
            let _ = writeln!(s, "{bullet}{f}");
        }
        if !self.aliases.is_empty() {
            let list: Vec<String> = self
                .aliases
                .iter()
                .take(20)
                .map(|(a, c)| format!("{} ×{c}", esc(a)))
                .collect();
            let more = self.aliases.len().saturating_sub(20);
            let _ = writeln!(
                s,
                "{bullet}also named: {}{}",
                list.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            );
        }
        if let Some(camp) = &self.camp {
            let names: Vec<String> = camp.members.iter().map(|(_, n)| esc(n)).collect();
            let _ = writeln!(
                s,
                "{bullet}camp {}{}",
                camp.camp,
                if names.is_empty() {
                    " (alone)".to_string()
                } else {
                    format!(" with {}", names.join(", "))
                }
            );
        }
        if !self.by_month.is_empty() {
            let list: Vec<String> = self
                .by_month
                .iter()
                .map(|(m, n)| format!("{m}: {n}"))
                .collect();
            let _ = writeln!(
                s,
                "{bullet}articles with evidence of its ties, by month: {}",
                list.join(", ")
            );
        }

        let groups: [(&str, bool, &str); 6] = [
            ("criticizes", true, "hostile"),
            ("praises", true, "friendly"),
            ("addresses (mixed or neutral)", true, "mixed"),
            ("criticized by", false, "hostile"),
            ("praised by", false, "friendly"),
            ("addressed by (mixed or neutral)", false, "mixed"),
        ];
        for (title, toward, sign) in groups {
            let list: Vec<&Relation> = if toward { &self.toward } else { &self.from }
                .iter()
                .filter(|r| r.sign == sign)
                .collect();
            if list.is_empty() {
                continue;
            }
            h(&mut s, 2, &format!("{} {title}", esc(&self.name)));
            for r in list {
                let mut cats: Vec<(&String, &u64)> = r.categories.iter().collect();
                cats.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
                let cats: Vec<String> = cats
                    .iter()
                    .map(|(c, n)| format!("{} ×{n}", esc(c)))
                    .collect();
                let _ = writeln!(
                    s,
                    "{bullet}{}: {} (hostile {}, friendly {}, neutral {}), mean intensity {:+.2}; {}",
                    esc(&r.name),
                    plural(r.count, "relation"),
                    r.negative,
                    r.positive,
                    r.neutral,
                    r.mean_intensity,
                    cats.join(", ")
                );
                let shown = if md { r.evidence.len() } else { 2 };
                for q in r.evidence.iter().take(shown) {
                    let mut from = vec![q.article.clone()];
                    from.extend(q.source.clone());
                    from.extend(q.date.clone());
                    from.extend(q.url.clone());
                    let from: Vec<String> = from.iter().map(|x| esc(x)).collect();
                    let cue = q
                        .cue
                        .as_deref()
                        .map(|c| format!(" [{}]", esc(c)))
                        .unwrap_or_default();
                    if md {
                        let _ = writeln!(s, "  - > {}{cue} — {}", esc(&q.text), from.join(", "));
                    } else {
                        let _ =
                            writeln!(s, "      \"{}\"{cue} ({})", esc(&q.text), from.join(", "));
                    }
                }
            }
        }
        if !self.named_with.is_empty() {
            h(
                &mut s,
                2,
                &format!(
                    "Named in one sentence with (top {} of {})",
                    self.named_with.len(),
                    self.named_with_total
                ),
            );
            for p in &self.named_with {
                let _ = writeln!(
                    s,
                    "{bullet}{}: {} in {}{}",
                    esc(&p.name),
                    plural(p.sentences, "sentence"),
                    plural(p.articles, "article"),
                    p.npmi.map(|v| format!(", npmi {v:.3}")).unwrap_or_default()
                );
            }
        }
        s
    }
}

fn plural(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Text for a terminal: control characters (escape sequences) and bidi overrides, which
/// could rewrite or reorder what the reader sees, are dropped; line breaks become spaces.
pub fn plain(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => None,
            c => Some(c),
        })
        .collect()
}

/// Text for Markdown: what `plain` drops, plus every character Markdown or HTML would
/// read as markup escaped with a backslash or as an entity.
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in plain(s).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '#' | '|' | '!' | '~' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{ArticleMeta, ComentionEdge, StanceEvidence};
    use crate::model::{Entity, EntityType};

    fn id(t: EntityType, n: &str) -> EntityId {
        EntityId::from_name(t, n)
    }

    fn stance(
        article: &str,
        text: &str,
        polarity: Polarity,
        intensity: f32,
        cue: &str,
    ) -> StanceEdge {
        let mut e = StanceEdge::default();
        match polarity {
            Polarity::Negative => e.negative = 1,
            Polarity::Positive => e.positive = 1,
            Polarity::Neutral => e.neutral = 1,
        }
        e.intensity_sum = f64::from(intensity);
        e.categories.insert("criticize".into(), 1);
        e.evidence.push(StanceEvidence {
            at: Evidence {
                article: article.into(),
                sentence: 0,
                start: 0,
                end: text.len(),
                text: text.into(),
            },
            polarity,
            intensity,
            category: "criticize".into(),
            cue: cue.into(),
        });
        e
    }

    /// Ruritania's president Rudolf criticizes Freedonia twice; Freedonia praises the
    /// Ruritanian Bank once; two people called Rudolf make "Rudolf" ambiguous.
    fn graph() -> KnowledgeGraph {
        let mut g = KnowledgeGraph::default();
        let mut rudolf = Entity::new(
            id(EntityType::Person, "Rudolf Elphberg"),
            "Rudolf Elphberg",
            EntityType::Person,
        );
        rudolf.aliases.insert("Rudolf".into(), 3);
        rudolf.aliases.insert("King Rudolf".into(), 1);
        rudolf.mentions = 4;
        rudolf.articles = 2;
        g.add_entity(rudolf);
        let mut other = Entity::new(
            id(EntityType::Person, "Rudolf Rassendyll"),
            "Rudolf Rassendyll",
            EntityType::Person,
        );
        other.aliases.insert("Rudolf".into(), 1);
        g.add_entity(other);
        g.add_entity(Entity::new(
            id(EntityType::Country, "Freedonia"),
            "Freedonia",
            EntityType::Country,
        ));
        g.add_entity(Entity::new(
            id(EntityType::Organization, "Bank <of> *Ruritania*"),
            "Bank <of> *Ruritania*",
            EntityType::Organization,
        ));
        for (aid, date) in [("a1", "2031-01-05"), ("a2", "2031-02-10")] {
            g.insert_article(ArticleMeta {
                id: aid.into(),
                title: "t".into(),
                date: Some(date.into()),
                source: Some("Strelsau Gazette".into()),
                url: Some(format!("https://example.org/{aid}")),
                author: None,
            });
        }
        let rudolf = id(EntityType::Person, "Rudolf Elphberg");
        let freedonia = id(EntityType::Country, "Freedonia");
        let bank = id(EntityType::Organization, "Bank <of> *Ruritania*");
        g.add_stance(
            &rudolf,
            &freedonia,
            stance(
                "a1",
                "Rudolf condemned Freedonia.",
                Polarity::Negative,
                -6.0,
                "condemned",
            ),
        );
        g.add_stance(
            &rudolf,
            &freedonia,
            stance(
                "a2",
                "Rudolf accused Freedonia.",
                Polarity::Negative,
                -4.0,
                "accused",
            ),
        );
        g.add_stance(
            &freedonia,
            &bank,
            stance(
                "a2",
                "Freedonia praised the bank.",
                Polarity::Positive,
                3.0,
                "praised",
            ),
        );
        g.add_comention(
            &rudolf,
            &freedonia,
            ComentionEdge {
                sentences: 2,
                articles: 2,
                evidence: vec![],
            },
        );
        g
    }

    #[test]
    fn an_actor_is_found_by_id_name_or_alias_and_an_ambiguous_name_lists_the_candidates() {
        let g = graph();
        for query in [
            "person/rudolf-elphberg",
            "rudolf-elphberg",
            "RUDOLF ELPHBERG",
            "King Rudolf",
        ] {
            assert_eq!(
                Dossier::find(&g, query).unwrap().id,
                "person/rudolf-elphberg",
                "{query}"
            );
        }
        let err = Dossier::find(&g, "Rudolf").unwrap_err().to_string();
        assert!(err.contains("ambiguous"), "{err}");
        assert!(
            err.contains("person/rudolf-elphberg") && err.contains("person/rudolf-rassendyll"),
            "{err}"
        );
        let err = Dossier::find(&g, "Zenda").unwrap_err().to_string();
        assert!(err.contains("no actor"), "{err}");
    }

    #[test]
    fn the_dossier_says_whom_the_actor_criticizes_and_who_acts_toward_it() {
        let g = graph();
        let rudolf = Dossier::find(&g, "King Rudolf").unwrap();
        assert_eq!(rudolf.aliases[0], ("Rudolf".to_string(), 3));
        assert_eq!(rudolf.toward.len(), 1);
        let r = &rudolf.toward[0];
        assert_eq!(
            (r.other.as_str(), r.sign, r.count, r.negative),
            ("country/freedonia", "hostile", 2, 2)
        );
        assert_eq!(r.mean_intensity, -5.0);
        assert_eq!(r.evidence[0].source.as_deref(), Some("Strelsau Gazette"));
        assert_eq!(r.evidence[0].date.as_deref(), Some("2031-01-05"));
        assert_eq!(r.evidence[1].url.as_deref(), Some("https://example.org/a2"));
        assert!(rudolf.from.is_empty());
        assert_eq!(rudolf.named_with[0].other, "country/freedonia");
        assert_eq!(rudolf.by_month.get("2031-01"), Some(&1));
        assert_eq!(rudolf.camp, None);

        let freedonia = Dossier::find(&g, "freedonia").unwrap();
        assert_eq!(freedonia.from[0].other, "person/rudolf-elphberg");
        assert_eq!(freedonia.toward[0].sign, "friendly");
    }

    #[test]
    fn the_camp_is_reported_with_its_other_members_after_analysis() {
        let mut g = graph();
        for (who, camp) in [
            ("person/rudolf-elphberg", 0),
            ("country/freedonia", 1),
            ("org/bank-of-ruritania", 1),
        ] {
            if let Some(n) = g.node_mut(&EntityId(who.to_string())) {
                n.analysis.insert("camp".into(), Value::from(camp));
            }
        }
        let d = Dossier::find(&g, "Freedonia").unwrap();
        let camp = d.camp.unwrap();
        assert_eq!(camp.camp, Value::from(1));
        assert_eq!(camp.members.len(), 1);
        assert_eq!(camp.members[0].1, "Bank <of> *Ruritania*");
    }

    #[test]
    fn names_from_the_news_are_escaped_in_every_text_format() {
        let g = graph();
        let d = Dossier::find(&g, "Freedonia").unwrap();
        let md = d.render(DossierFormat::Markdown).unwrap();
        assert!(md.contains(r"Bank &lt;of&gt; \*Ruritania\*"), "{md}");
        assert!(!md.contains("<of>"), "{md}");
        let table = d.render(DossierFormat::Table).unwrap();
        assert!(table.contains("Freedonia praises"), "{table}");
        assert!(table.contains("Freedonia criticized by"), "{table}");
        let json: serde_json::Value =
            serde_json::from_str(&d.render(DossierFormat::Json).unwrap()).unwrap();
        assert_eq!(json["toward"][0]["name"], "Bank <of> *Ruritania*");

        for (raw, want) in [
            ("Evil\u{1b}[2JCorp", "Evil[2JCorp"),
            ("two\nlines", "two lines"),
            ("\u{202e}reversed", "reversed"),
        ] {
            assert_eq!(plain(raw), want, "{raw:?}");
        }
        assert_eq!(
            markdown("[x](javascript:1) | `y`"),
            r"\[x\]\(javascript:1\) \| \`y\`"
        );
    }
}
