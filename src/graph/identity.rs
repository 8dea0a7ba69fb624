//! Corpus-level person identity: once every article is in the graph, person nodes that
//! name one person are merged by rules that read only the finished node set.
//!
//! The rules see names, external ids and co-mention neighbours, never input order, so any
//! thread count or input order gives the same merges. A full name with middle names or
//! initials joins the two-word name with the same first and last name; a surname alone
//! joins the one full-name person of that surname who shares a co-mentioned person or
//! organization with it, else stays a node of its own flagged [`SURNAME_ONLY`]. Two
//! different full names never merge, and a node with a QID is never merged away.

use std::collections::{BTreeMap, BTreeSet};

use super::KnowledgeGraph;
use crate::model::{EntityId, EntityType};

/// The flag of a person node known only by a surname that no full name in the corpus
/// could be matched to.
pub const SURNAME_ONLY: &str = "surname-only";

/// Lower-cased words of a name, dots dropped ("Neil M. Gorsuch" -> neil, m, gorsuch).
fn words(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(|w| w.trim_matches('.').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Which person nodes merge into which: old id -> surviving id (never chained).
///
/// Complexity: O(n log n) in the number of nodes plus the co-mention edges of the
/// surname-only nodes.
pub fn person_merges(graph: &KnowledgeGraph) -> BTreeMap<EntityId, EntityId> {
    let persons: Vec<(&EntityId, Vec<String>, bool)> = graph
        .nodes()
        .into_iter()
        .filter(|n| n.entity.etype == EntityType::Person)
        .map(|n| {
            (
                &n.entity.id,
                words(&n.entity.name),
                n.entity.ids.qid.is_some(),
            )
        })
        .collect();

    // 1. "Neil M. Gorsuch", "Neil McGill Gorsuch" -> "Neil Gorsuch" when that is the one
    //    two-word person of the same first and last name.
    let mut two_word: BTreeMap<(&str, &str), BTreeSet<&EntityId>> = BTreeMap::new();
    for (id, w, _) in &persons {
        if let [first, last] = w.as_slice() {
            two_word
                .entry((first.as_str(), last.as_str()))
                .or_default()
                .insert(*id);
        }
    }
    let mut merges: BTreeMap<EntityId, EntityId> = BTreeMap::new();
    for (id, w, has_qid) in &persons {
        if *has_qid || w.len() < 3 {
            continue;
        }
        let (Some(first), Some(last)) = (w.first(), w.last()) else {
            continue;
        };
        if let Some(targets) = two_word.get(&(first.as_str(), last.as_str()))
            && targets.len() == 1
            && let Some(&target) = targets.iter().next()
        {
            merges.insert((*id).clone(), target.clone());
        }
    }
    let canonical = |id: &EntityId| merges.get(id).cloned().unwrap_or_else(|| id.clone());

    // 2. "Gorsuch" -> the one full-name person of that surname with a shared neighbour.
    let mut by_surname: BTreeMap<&str, BTreeSet<EntityId>> = BTreeMap::new();
    for (id, w, _) in &persons {
        if w.len() >= 2
            && let Some(last) = w.last()
        {
            by_surname
                .entry(last.as_str())
                .or_default()
                .insert(canonical(id));
        }
    }
    // Neighbours that tell one story from another: people and organizations (countries
    // and places are shared by too many unrelated articles).
    let telling_neighbours = |ids: &[&EntityId]| -> BTreeSet<EntityId> {
        let g = graph.petgraph();
        let mut out = BTreeSet::new();
        for id in ids {
            let Some(i) = graph.node_index(id) else {
                continue;
            };
            for n in g.neighbors_undirected(i) {
                let e = &g[n].entity;
                if matches!(e.etype, EntityType::Person | EntityType::Organization) {
                    out.insert(canonical(&e.id));
                }
            }
        }
        out
    };
    let mut sources_of: BTreeMap<EntityId, Vec<&EntityId>> = BTreeMap::new();
    for (id, _, _) in &persons {
        sources_of.entry(canonical(id)).or_default().push(*id);
    }
    let mut surname_merges = Vec::new();
    for (id, w, has_qid) in &persons {
        let [surname] = w.as_slice() else { continue };
        if *has_qid {
            continue;
        }
        let Some(targets) = by_surname.get(surname.as_str()) else {
            continue;
        };
        let mut targets = targets.iter();
        let (Some(target), None) = (targets.next(), targets.next()) else {
            continue;
        };
        let mine = telling_neighbours(&[*id]);
        let theirs = telling_neighbours(sources_of.get(target).map_or(&[][..], |v| v));
        let shared = mine.intersection(&theirs).any(|n| n != target && n != *id);
        if shared {
            surname_merges.push(((*id).clone(), target.clone()));
        }
    }
    merges.extend(surname_merges);
    merges
}

/// Person nodes left with a single word for a name and no external id.
pub fn surname_only(graph: &KnowledgeGraph) -> Vec<EntityId> {
    graph
        .nodes()
        .into_iter()
        .filter(|n| {
            n.entity.etype == EntityType::Person
                && n.entity.ids.qid.is_none()
                && words(&n.entity.name).len() == 1
        })
        .map(|n| n.entity.id.clone())
        .collect()
}

impl KnowledgeGraph {
    /// Merges the person nodes that name one person ([`person_merges`]) and flags the
    /// persons known only by a surname; returns the merges (old id -> surviving id), for
    /// callers that hold mentions by their article-level ids.
    pub fn resolve_person_identity(&mut self) -> BTreeMap<EntityId, EntityId> {
        let merges = person_merges(self);
        self.rename(&merges);
        for id in surname_only(self) {
            if let Some(node) = self.node_mut(&id) {
                node.entity.flags.insert(SURNAME_ONLY.to_string());
            }
        }
        merges
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Article, Document, Entity, Mention, Span};

    /// An article naming `names` (type, name) in one sentence each and all in one more.
    fn article(id: &str, names: &[(EntityType, &str)]) -> Document {
        let mut doc = Document {
            article: Article {
                id: id.to_string(),
                ..Article::default()
            },
            ..Document::default()
        };
        for (k, (etype, name)) in names.iter().enumerate() {
            let eid = EntityId::from_name(*etype, name);
            let mut e = Entity::new(eid.clone(), *name, *etype);
            e.mentions = 1;
            e.articles = 1;
            e.aliases.insert(name.to_string(), 1);
            doc.entities.push(e);
            doc.mentions.push(Mention {
                article: id.to_string(),
                sentence: 0,
                span: Span::new(k * 20, k * 20 + name.len()),
                text: name.to_string(),
                etype: *etype,
                entity: eid,
                demonym: false,
                metonymic: false,
            });
        }
        doc
    }

    fn graph(docs: &[Document]) -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new(5);
        for d in docs {
            g.add_document(d);
        }
        g
    }

    const P: EntityType = EntityType::Person;
    const O: EntityType = EntityType::Organization;

    #[test]
    fn a_middle_initial_or_middle_name_joins_the_two_word_name() {
        let mut g = graph(&[
            article("a", &[(P, "Ann Q. Vale")]),
            article("b", &[(P, "Ann Vale")]),
            article("c", &[(P, "Ann Beatrice Vale")]),
        ]);
        let merges = g.resolve_person_identity();
        let vale = EntityId("person/ann-vale".into());
        assert_eq!(
            merges.get(&EntityId("person/ann-q-vale".into())),
            Some(&vale)
        );
        assert_eq!(
            merges.get(&EntityId("person/ann-beatrice-vale".into())),
            Some(&vale)
        );
        let node = g.node(&vale).unwrap();
        assert_eq!(node.entity.name, "Ann Vale");
        assert_eq!(node.entity.articles, 3);
        assert_eq!(g.node_count(), 1);
    }

    #[test]
    fn a_surname_joins_the_one_full_name_that_shares_its_story() {
        let mut g = graph(&[
            article("a", &[(P, "Ann Vale"), (O, "Harbor Board")]),
            article("b", &[(P, "Vale"), (O, "Harbor Board")]),
        ]);
        g.resolve_person_identity();
        let node = g.node(&EntityId("person/ann-vale".into())).unwrap();
        assert_eq!(node.entity.name, "Ann Vale");
        assert_eq!(node.entity.aliases.get("Vale"), Some(&1));
        assert!(g.node(&EntityId("person/vale".into())).is_none());
    }

    #[test]
    fn a_surname_without_shared_context_or_with_two_full_names_stays_flagged() {
        for docs in [
            vec![
                article("a", &[(P, "Ann Vale"), (O, "Harbor Board")]),
                article("b", &[(P, "Vale"), (O, "Mill Union")]),
            ],
            vec![
                article("a", &[(P, "Ann Vale"), (O, "Harbor Board")]),
                article("b", &[(P, "Tom Vale"), (O, "Harbor Board")]),
                article("c", &[(P, "Vale"), (O, "Harbor Board")]),
            ],
        ] {
            let mut g = graph(&docs);
            g.resolve_person_identity();
            let node = g.node(&EntityId("person/vale".into())).unwrap();
            assert!(node.entity.flags.contains(SURNAME_ONLY));
        }
    }

    #[test]
    fn two_different_full_names_never_merge() {
        let mut g = graph(&[
            article("a", &[(P, "Ann Vale"), (O, "Harbor Board")]),
            article("b", &[(P, "Anna Vale"), (O, "Harbor Board")]),
            article("c", &[(P, "Ann Vale Smith"), (O, "Harbor Board")]),
        ]);
        let merges = g.resolve_person_identity();
        assert!(merges.is_empty(), "{merges:?}");
        assert_eq!(g.node_count(), 4);
    }

    #[test]
    fn merges_do_not_depend_on_input_order() {
        let docs = [
            article("a", &[(P, "Ann Vale"), (O, "Harbor Board")]),
            article("b", &[(P, "Vale"), (O, "Harbor Board")]),
            article("c", &[(P, "Ann Q. Vale"), (P, "Tom Reed")]),
        ];
        let mut forward = graph(&docs);
        let mut backward = graph(&[docs[2].clone(), docs[1].clone(), docs[0].clone()]);
        assert_eq!(
            forward.resolve_person_identity(),
            backward.resolve_person_identity()
        );
        let json = |g: &KnowledgeGraph| serde_json::to_string(&g.nodes()).unwrap();
        assert_eq!(json(&forward), json(&backward));
    }
}
