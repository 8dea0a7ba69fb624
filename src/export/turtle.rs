//! RDF Turtle: actors typed with schema.org (`schema:Person`, `schema:Country`,
//! `schema:Organization`, `schema:Place`, plus `ng:Actor`), `owl:sameAs` to
//! `http://www.wikidata.org/entity/<QID>` when a QID is known, and every edge both asserted
//! (`ng:stanceToward`, `ng:hostileToward` / `ng:friendlyToward`, `ng:comentionedWith`) and
//! reified as an `rdf:Statement` resource that carries its counts and evidence.
//!
//! Reification (not RDF-star) keeps the file readable by every RDF 1.1 tool. IRIs are
//! `urn:newsgraph:...` with ids percent-encoded; oxttl does the literal escaping.

use std::io::Write;

use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{BlankNode, Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use oxttl::TurtleSerializer;

use super::properties::{analysis_column_name, float_text, polarity_name};
use crate::error::{Error, Result};
use crate::graph::{EdgeJson, Evidence, KnowledgeGraph};
use crate::model::{EntityType, Polarity};

/// The vocabulary namespace (`ng:`).
pub const VOCAB: &str = "urn:newsgraph:vocab:";
/// Namespace of actor IRIs: `urn:newsgraph:entity:country/iran`.
pub const ENTITY: &str = "urn:newsgraph:entity:";
/// Namespace of reified edge IRIs: `urn:newsgraph:edge:stance:<source>:<target>`.
pub const EDGE: &str = "urn:newsgraph:edge:";
pub const SCHEMA: &str = "https://schema.org/";
pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";
const OWL_SAME_AS: &str = "http://www.w3.org/2002/07/owl#sameAs";

/// Percent-encodes everything but unreserved ASCII (and `/` when `keep_slash`).
pub fn encode_iri_part(s: &str, keep_slash: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        let keep = b.is_ascii_alphanumeric()
            || matches!(b, b'-' | b'.' | b'_' | b'~')
            || (keep_slash && b == b'/');
        if keep {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn iri(s: String) -> Result<NamedNode> {
    NamedNode::new(s.clone()).map_err(|e| Error::input(s, format!("not a valid IRI: {e}")))
}

fn vocab(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{VOCAB}{local}"))
}

fn entity_iri(id: &str) -> Result<NamedNode> {
    iri(format!("{ENTITY}{}", encode_iri_part(id, true)))
}

fn schema_type(t: EntityType) -> NamedNode {
    let local = match t {
        EntityType::Person => "Person",
        EntityType::Country => "Country",
        EntityType::Organization => "Organization",
        EntityType::Place => "Place",
    };
    NamedNode::new_unchecked(format!("{SCHEMA}{local}"))
}

fn is_qid(q: &str) -> bool {
    q.len() > 1
        && q.starts_with('Q')
        && q[1..].bytes().all(|b| b.is_ascii_digit())
        && !q[1..].starts_with('0')
}

fn int(n: u64) -> Literal {
    Literal::from(n)
}

fn double(f: f64) -> Literal {
    Literal::new_typed_literal(float_text(f), xsd::DOUBLE)
}

fn text(s: &str) -> Literal {
    Literal::new_simple_literal(s)
}

/// Collects triples in writing order and hands out fresh blank nodes.
struct Triples {
    list: Vec<Triple>,
    blanks: usize,
}

impl Triples {
    fn add(&mut self, s: impl Into<NamedOrBlankNode>, p: NamedNode, o: impl Into<Term>) {
        self.list.push(Triple::new(s, p, o));
    }

    fn blank(&mut self) -> BlankNode {
        self.blanks += 1;
        BlankNode::new_unchecked(format!("b{}", self.blanks))
    }

    fn evidence(&mut self, edge: &NamedNode, at: &Evidence) -> BlankNode {
        let b = self.blank();
        self.add(edge.clone(), vocab("evidence"), b.clone());
        self.add(b.clone(), vocab("article"), text(&at.article));
        self.add(b.clone(), vocab("sentence"), int(at.sentence as u64));
        self.add(b.clone(), vocab("start"), int(at.start as u64));
        self.add(b.clone(), vocab("end"), int(at.end as u64));
        self.add(b.clone(), vocab("text"), text(&at.text));
        b
    }

    fn reify(&mut self, edge: &NamedNode, class: &str, s: &NamedNode, p: &str, o: &NamedNode) {
        self.add(edge.clone(), rdf::TYPE.into_owned(), vocab(class));
        self.add(
            edge.clone(),
            rdf::TYPE.into_owned(),
            rdf::STATEMENT.into_owned(),
        );
        self.add(edge.clone(), rdf::SUBJECT.into_owned(), s.clone());
        self.add(edge.clone(), rdf::PREDICATE.into_owned(), vocab(p));
        self.add(edge.clone(), rdf::OBJECT.into_owned(), o.clone());
    }
}

pub fn write(graph: &KnowledgeGraph, w: &mut dyn Write) -> Result<()> {
    let doc = graph.to_json();
    let mut t = Triples {
        list: Vec::new(),
        blanks: 0,
    };
    for n in &doc.nodes {
        let e = &n.entity;
        let s = entity_iri(e.id.as_str())?;
        t.add(s.clone(), rdf::TYPE.into_owned(), schema_type(e.etype));
        t.add(s.clone(), rdf::TYPE.into_owned(), vocab("Actor"));
        t.add(s.clone(), vocab("id"), text(e.id.as_str()));
        t.add(
            s.clone(),
            NamedNode::new_unchecked(format!("{SCHEMA}name")),
            text(&e.name),
        );
        t.add(s.clone(), rdfs::LABEL.into_owned(), text(&e.name));
        t.add(s.clone(), vocab("entityType"), text(e.etype.as_str()));
        t.add(s.clone(), vocab("mentions"), int(e.mentions));
        t.add(s.clone(), vocab("sentences"), int(e.sentences));
        t.add(s.clone(), vocab("articles"), int(e.articles));
        for (alias, count) in &e.aliases {
            t.add(
                s.clone(),
                NamedNode::new_unchecked(format!("{SCHEMA}alternateName")),
                text(alias),
            );
            let b = t.blank();
            t.add(s.clone(), vocab("alias"), b.clone());
            t.add(b.clone(), vocab("surface"), text(alias));
            t.add(b, vocab("count"), int(*count));
        }
        if let Some(q) = e.ids.qid.as_deref().filter(|q| is_qid(q)) {
            t.add(
                s.clone(),
                NamedNode::new_unchecked(OWL_SAME_AS),
                iri(format!("{WIKIDATA}{q}"))?,
            );
            t.add(s.clone(), vocab("qid"), text(q));
        }
        if let Some(iso2) = &e.ids.iso2 {
            t.add(s.clone(), vocab("iso2"), text(iso2));
        }
        if let Some(iso3) = &e.ids.iso3 {
            t.add(s.clone(), vocab("iso3"), text(iso3));
        }
        for (k, v) in &n.analysis {
            let p = iri(format!(
                "{VOCAB}{}",
                encode_iri_part(&analysis_column_name(k), false)
            ))?;
            let o = match v {
                serde_json::Value::Null => continue,
                serde_json::Value::Bool(b) => Literal::from(*b),
                serde_json::Value::Number(num) => match (num.as_i64(), num.as_f64()) {
                    (Some(i), _) => Literal::from(i),
                    (None, Some(f)) if f.is_finite() => double(f),
                    _ => text(&num.to_string()),
                },
                serde_json::Value::String(s) => text(s),
                other => text(&other.to_string()),
            };
            t.add(s.clone(), p, o);
        }
    }
    for e in &doc.edges {
        let s = entity_iri(e.source().as_str())?;
        let o = entity_iri(e.target().as_str())?;
        let pair = format!(
            "{}:{}",
            encode_iri_part(e.source().as_str(), false),
            encode_iri_part(e.target().as_str(), false)
        );
        match e {
            EdgeJson::Comention {
                sentences,
                articles,
                npmi,
                evidence,
                ..
            } => {
                t.add(s.clone(), vocab("comentionedWith"), o.clone());
                let edge = iri(format!("{EDGE}comention:{pair}"))?;
                t.reify(&edge, "Comention", &s, "comentionedWith", &o);
                t.add(edge.clone(), vocab("sentences"), int(*sentences));
                t.add(edge.clone(), vocab("articles"), int(*articles));
                if let Some(x) = npmi.filter(|x| x.is_finite()) {
                    t.add(edge.clone(), vocab("npmi"), double(x));
                }
                for ev in evidence {
                    t.evidence(&edge, ev);
                }
            }
            EdgeJson::Stance {
                positive,
                negative,
                neutral,
                count,
                sign,
                intensity_sum,
                mean_intensity,
                categories,
                evidence,
                ..
            } => {
                t.add(s.clone(), vocab("stanceToward"), o.clone());
                match sign {
                    Polarity::Negative => t.add(s.clone(), vocab("hostileToward"), o.clone()),
                    Polarity::Positive => t.add(s.clone(), vocab("friendlyToward"), o.clone()),
                    Polarity::Neutral => {}
                }
                let edge = iri(format!("{EDGE}stance:{pair}"))?;
                t.reify(&edge, "Stance", &s, "stanceToward", &o);
                t.add(edge.clone(), vocab("positive"), int(*positive));
                t.add(edge.clone(), vocab("negative"), int(*negative));
                t.add(edge.clone(), vocab("neutral"), int(*neutral));
                t.add(edge.clone(), vocab("count"), int(*count));
                t.add(edge.clone(), vocab("sign"), text(polarity_name(*sign)));
                if intensity_sum.is_finite() {
                    t.add(edge.clone(), vocab("intensitySum"), double(*intensity_sum));
                }
                if mean_intensity.is_finite() {
                    t.add(
                        edge.clone(),
                        vocab("meanIntensity"),
                        double(*mean_intensity),
                    );
                }
                for (name, n) in categories {
                    let b = t.blank();
                    t.add(edge.clone(), vocab("category"), b.clone());
                    t.add(b.clone(), vocab("name"), text(name));
                    t.add(b, vocab("count"), int(*n));
                }
                for ev in evidence {
                    let b = t.evidence(&edge, &ev.at);
                    t.add(
                        b.clone(),
                        vocab("polarity"),
                        text(polarity_name(ev.polarity)),
                    );
                    if ev.intensity.is_finite() {
                        t.add(
                            b.clone(),
                            vocab("intensity"),
                            double(f64::from(ev.intensity)),
                        );
                    }
                    t.add(b.clone(), vocab("category"), text(&ev.category));
                    t.add(b, vocab("cue"), text(&ev.cue));
                }
            }
        }
    }

    let prefixes = [
        ("ng", VOCAB),
        ("schema", SCHEMA),
        ("wd", WIKIDATA),
        ("owl", "http://www.w3.org/2002/07/owl#"),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ];
    let mut ser = TurtleSerializer::new();
    for (p, ns) in prefixes {
        ser = ser
            .with_prefix(p, ns)
            .map_err(|e| Error::input(ns, format!("bad prefix IRI: {e}")))?;
    }
    let mut ser = ser.for_writer(w);
    for triple in &t.list {
        ser.serialize_triple(triple)?;
    }
    ser.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iri_parts_are_percent_encoded() {
        for (input, slash, want) in [
            ("country/iran", true, "country/iran"),
            ("country/iran", false, "country%2Firan"),
            ("a b<>\"{}", true, "a%20b%3C%3E%22%7B%7D"),
            ("é", true, "%C3%A9"),
        ] {
            assert_eq!(encode_iri_part(input, slash), want);
        }
        for (q, ok) in [
            ("Q794", true),
            ("Q0", false),
            ("Q", false),
            ("P31", false),
            ("Q1x", false),
        ] {
            assert_eq!(is_qid(q), ok, "{q}");
        }
    }
}
